"""Invariants of reports, and the engine against a plain reference implementation.

The reference below restates every bucket definition of docs/reports.md in the most direct
way (one window at a time, the total computed on its own, classify_at for every verdict),
with none of the engine's shortcuts: bucket codes, first/last-window totals, window ranges.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import random
from collections.abc import Iterator, Sequence
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st

from tthc.calendar import WorkingCalendar
from tthc.deadlines import CLASSIFICATION_POLICIES, Timeliness, classify_at
from tthc.reports import DossierRecord, Period, Report, report
from tthc.reports._tally import COUNTERS

VN = WorkingCalendar.vietnam()
EPOCH = dt.datetime(2025, 11, 1)


def _td(draw: st.DrawFn, max_days: int) -> dt.timedelta:
    """A delay; whole days half the time, so that events land on period boundaries."""
    if draw(st.booleans()):
        return dt.timedelta(days=draw(st.integers(0, max_days)))
    return dt.timedelta(minutes=draw(st.integers(0, max_days * 24 * 60)))


@st.composite
def records(draw: st.DrawFn) -> DossierRecord:
    """A consistent dossier received between November 2025 and May 2026."""
    received = EPOCH + _td(draw, 210)
    status = draw(st.sampled_from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]))
    due = draw(st.none() | st.integers(0, 40 * 24).map(lambda h: received + dt.timedelta(hours=h)))
    legal = None
    if due is not None and draw(st.booleans()):
        legal = due - dt.timedelta(days=draw(st.integers(0, 10)))
    t = received
    supplements: list[tuple[dt.datetime, dt.datetime | None]] = []
    payments: list[tuple[dt.datetime, dt.datetime | None]] = []
    for _ in range(draw(st.integers(0, 2))):
        a = t + _td(draw, 8)
        b = a + _td(draw, 8)
        supplements.append((a, b))
        t = b
    if status == 5:
        supplements.append((t + _td(draw, 5), None))
    # payment waits on their own timeline: they may overlap the supplement waits
    p = received
    for _ in range(draw(st.integers(0, 2))):
        a = p + _td(draw, 8)
        b = a + _td(draw, 8)
        payments.append((a, b))
        p = b
    if status == 6:
        payments.append((p + _td(draw, 5), None))
    t = max(t, p)
    end = t + _td(draw, 30)
    times: dict[str, dt.datetime | None] = {}
    if status == 9:
        times["result_ready_at"] = end
    elif status == 10:
        times["result_ready_at"] = draw(st.sampled_from([end, None]))
        times["returned_at"] = end + _td(draw, 6)
    elif status in (3, 7, 8):
        times["ended_at"] = end
    if status in (4, 7, 8) and draw(st.booleans()):  # returned while open, or before closing
        times["returned_at"] = received + _td(draw, 90)
    requests = draw(st.none() | st.integers(len(supplements), len(supplements) + 2))
    return DossierRecord(
        code=f"D{draw(st.integers(0, 10**6))}",
        received_at=received,
        status=status,
        field=draw(st.sampled_from(["Hộ tịch", "Đất đai"])),
        agency=draw(st.sampled_from(["UBND xã A", "UBND xã B"])),
        level=draw(st.sampled_from(["commune", "province"])),
        procedure=draw(st.sampled_from(["1.001193", "1.000894"])),
        channel=draw(st.sampled_from(["counter", "online", "postal"])),
        due_at=due,
        legal_due_at=legal,
        supplement_waits=supplements,
        payment_waits=payments,
        supplement_requests=requests,
        due_includes_waits=draw(st.booleans()),
        paid_online=draw(st.sampled_from([None, True, False])),
        digitised=draw(st.sampled_from([None, True, False])),
        **times,
    )


periods = st.sampled_from(
    [
        Period.month(2026, 1),
        Period.quarter(2026, 1),
        Period.half(2026, 1),
        Period(dt.date(2025, 12, 15), dt.date(2026, 3, 14)),
        Period(dt.date(2026, 2, 10), dt.date(2026, 2, 10)),
    ]
)
dimensions = st.lists(
    st.sampled_from(
        ["procedure", "field", "agency", "level", "channel", "month", "quarter", "year"]
    ),
    unique=True,
    max_size=3,
)
fast_policies = st.sampled_from(["by-date", "by-instant", "tt-01-2018", "qd-766"])


# ---------------------------------------------------------------- the reference


def _terminal(r: DossierRecord, on_return: bool) -> tuple[str | None, dt.datetime | None]:
    if r.status in (9, 10):
        if on_return:
            return ("resolved", r.returned_at) if r.status == 10 else (None, None)
        return "resolved", r.result_ready_at or r.returned_at
    return {7: ("withdrawn", r.ended_at), 8: ("stopped", r.ended_at)}.get(r.status, (None, None))


def _verdict(r: DossierRecord, at: dt.datetime, policy: str) -> Timeliness:
    waits = [(a, min(b, at) if b is not None else at) for a, b in r.supplement_waits if a < at]
    if r.due_includes_waits:  # the appointment already moved for them
        waits = []
    later = sum(1 for a, _ in r.supplement_waits if a > at)
    return classify_at(
        at,
        r.due_at,
        policy=CLASSIFICATION_POLICIES[policy],
        legal_due_at=r.legal_due_at,
        calendar=VN,
        waits=waits,
        supplement_requests=r.supplement_requests - later,
    )


def _waiting(
    waits: Sequence[tuple[dt.datetime, dt.datetime | None]], at: dt.datetime
) -> dt.datetime | None:
    for a, b in waits:
        if a < at and (b is None or b >= at):
            return a
    return None


def _processing(r: DossierRecord, end: dt.datetime) -> tuple[int, int]:
    """Working and clock microseconds from receipt to ``end``, supplement waits taken off."""
    us = dt.timedelta(microseconds=1)
    waits = [(a, end if b is None else min(b, end)) for a, b in r.supplement_waits if a < end]
    working = VN.working_time_between(r.received_at, end) - sum(
        (VN.working_time_between(a, b) for a, b in waits), dt.timedelta()
    )
    elapsed = end - r.received_at - sum((b - a for a, b in waits), dt.timedelta())
    return working // us, elapsed // us


def _counts(  # noqa: PLR0912  (one branch per bucket of docs/reports.md: the definition)
    r: DossierRecord,
    s: dt.datetime,
    c: dt.datetime,
    policy: str,
    on_return: bool,
    timed: bool = False,
) -> dict[str, int]:
    out = dict.fromkeys(COUNTERS, 0)
    if r.returned_at is not None and s <= r.returned_at < c:
        out["returned"] = 1
    if r.status == 1 or r.received_at >= c:
        return out
    if r.status == 3:  # reception refused: never received
        assert r.ended_at is not None
        out["refused"] = int(s <= r.ended_at < c)
        return out
    kind, end = _terminal(r, on_return)
    if end is not None and end < s:
        return out
    if r.received_at < s:
        out["carried_over"] = 1
    else:
        out[f"received_{r.channel}"] = 1
        if r.paid_online is not None:
            out["paid_online" if r.paid_online else "paid_offline"] = 1
        if r.digitised is not None:
            out["digitised" if r.digitised else "not_digitised"] = 1
    if end is not None and end < c:
        late = _verdict(r, end, policy) is Timeliness.LATE
        if kind == "resolved":
            out[f"resolved_{_verdict(r, end, policy).value}"] = 1
            out["resolved_online"] = int(r.channel == "online")
            if timed:
                out["processing_counted"] = 1
                working, elapsed = _processing(r, end)
                out["processing_working_us"] = working
                out["processing_elapsed_us"] = elapsed
        else:
            out[str(kind)] = 1
            out["closed_late"] = int(late)
    else:
        paused_at = _waiting(r.supplement_waits, c)
        out["paused_supplement"] = int(paused_at is not None)
        out["paused_payment"] = int(_waiting(r.payment_waits, c) is not None)
        late = _verdict(r, paused_at or c, policy) is Timeliness.LATE
        out["in_progress_overdue" if late else "in_progress_in_time"] = 1
    return out


def reference(
    rs: list[DossierRecord],
    period: Period,
    cut: dt.datetime,
    group_by: tuple[str, ...],
    policy: str,
    on_return: bool,
    with_calendar: bool = False,
) -> tuple[dict[tuple[str, ...], dict[str, int]], dict[str, int]]:
    timed = [d for d in ("month", "quarter", "year") if d in group_by]
    windows = [(period.start, cut, period)]
    if timed:
        windows = [(p.start, min(p.end, cut), p) for p in period.split(timed[0]) if p.start < cut]
    labels = {
        "month": lambda p: f"{p.first:%Y-%m}",
        "quarter": lambda p: f"{p.first.year}-Q{(p.first.month - 1) // 3 + 1}",
        "year": lambda p: str(p.first.year),
    }
    rows: dict[tuple[str, ...], dict[str, int]] = {}
    total = dict.fromkeys(COUNTERS, 0)
    for r in rs:
        for k, v in _counts(r, period.start, cut, policy, on_return, with_calendar).items():
            total[k] += v
        for s, c, p in windows:
            counts = _counts(r, s, c, policy, on_return, with_calendar)
            if not any(counts.values()):
                continue
            key = tuple(labels[d](p) if d in labels else getattr(r, d) for d in group_by)
            row = rows.setdefault(key, dict.fromkeys(COUNTERS, 0))
            for k, v in counts.items():
                row[k] += v
    return rows, total


def _as_dicts(rep: Report) -> tuple[dict[tuple[str, ...], dict[str, int]], dict[str, int]]:
    return (
        {tuple(v for _, v in row.group): row.counts() for row in rep.rows},
        rep.total.counts(),
    )


# ---------------------------------------------------------------- properties


@given(
    st.lists(records(), max_size=25),
    periods,
    dimensions,
    fast_policies,
    st.booleans(),
    st.integers(1, 100),
    st.booleans(),
)
def test_report_equals_the_reference(
    rs: list[DossierRecord],
    period: Period,
    group_by: list[str],
    policy: str,
    on_return: bool,
    as_of_percent: int,
    timed: bool,
) -> None:
    """Every counter of every row and of the total is the plain definition's count.

    With a calendar, the processing time too; without one, it is not counted.
    """
    if on_return and policy == "qd-766":
        on_return = False
    span = period.end - period.start
    as_of = period.start + span * as_of_percent // 100 if as_of_percent < 100 else None
    rep = report(
        rs,
        period=period,
        as_of=as_of,
        group_by=group_by,
        policy=policy,
        resolution="returned" if on_return else "result-ready",
        calendar=VN if timed else None,
    )
    expected = reference(rs, period, rep.cut, tuple(group_by), policy, on_return, timed)
    assert _as_dicts(rep) == expected
    assert rep.records == len(rs)


@settings(max_examples=20)
@given(st.lists(records(), max_size=8), dimensions)
def test_the_slow_path_for_by_session_equals_the_reference(
    rs: list[DossierRecord], group_by: list[str]
) -> None:
    period = Period.quarter(2026, 1)
    rep = report(rs, period=period, group_by=group_by, policy="by-session", calendar=VN)
    expected = reference(rs, period, period.end, tuple(group_by), "by-session", False, True)
    assert _as_dicts(rep) == expected


@given(st.lists(records(), max_size=30), periods, dimensions, fast_policies)
def test_every_row_balances(
    rs: list[DossierRecord], period: Period, group_by: list[str], policy: str
) -> None:
    """Carried over + received = resolved + refused + withdrawn + stopped + in progress."""
    rep = report(rs, period=period, group_by=group_by, policy=policy)
    for row in (*rep.rows, rep.total):
        assert row.handled == row.resolved + row.closed + row.in_progress
        assert row.paused_supplement + row.paused_payment <= 2 * row.in_progress
        assert max(row.paused_supplement, row.paused_payment) <= row.in_progress
        assert row.closed_late <= row.closed
        assert row.closed == row.withdrawn + row.stopped


@given(st.lists(records(), max_size=30), fast_policies)
def test_months_add_up_to_the_quarter(rs: list[DossierRecord], policy: str) -> None:
    """Flows add up over the months; each month opens with what the previous left open."""
    quarter = report(rs, period="2026-Q1", policy=policy, calendar=VN).total
    months = report(rs, period="2026-Q1", group_by="month", policy=policy, calendar=VN)
    by_month = [
        months[m] if (m,) in months._index else None for m in ("2026-01", "2026-02", "2026-03")
    ]
    flows = [
        "received_counter",
        "received_online",
        "received_postal",
        "resolved_early",
        "resolved_on_time",
        "resolved_late",
        "refused",
        "withdrawn",
        "stopped",
        "closed_late",
        "returned",
        "resolved_online",
        "paid_online",
        "paid_offline",
        "digitised",
        "not_digitised",
        "processing_counted",
        "processing_working_us",
        "processing_elapsed_us",
    ]
    for name in flows:
        assert quarter.counts()[name] == sum(getattr(m, name) for m in by_month if m), name
    assert months.total == quarter
    opening = [m.carried_over if m else 0 for m in by_month]
    closing = [m.in_progress if m else 0 for m in by_month]
    assert opening[0] == quarter.carried_over
    assert closing[-1] == quarter.in_progress
    assert opening[1:] == closing[:-1]


@given(
    st.lists(records(), max_size=30),
    st.lists(st.integers(0, 2), max_size=30),
    dimensions,
    fast_policies,
)
def test_partial_reports_merge_exactly(
    rs: list[DossierRecord], parts: list[int], group_by: list[str], policy: str
) -> None:
    """a.merge(b) equals the report over both; merge is commutative and associative."""
    make = functools.partial(report, period="2026-Q1", group_by=group_by, policy=policy)
    split: list[list[DossierRecord]] = [[], [], []]
    for i, r in enumerate(rs):
        split[parts[i] if i < len(parts) else 0].append(r)
    a, b, c = (make(p) for p in split)
    whole = make(rs)
    assert a.merge(b).merge(c) == whole
    assert a.merge(b.merge(c)) == whole
    assert c.merge(a).merge(b) == whole
    assert b.merge(a) == a.merge(b)


@given(st.lists(records(), max_size=30))
def test_order_of_the_input_does_not_matter(rs: list[DossierRecord]) -> None:
    shuffled = rs[:]
    random.Random(len(rs)).shuffle(shuffled)
    assert report(rs, period="2026-Q1", group_by=("field", "month")) == report(
        shuffled, period="2026-Q1", group_by=("field", "month")
    )


def test_memory_grows_with_groups_not_dossiers() -> None:
    """Ten times the dossiers, streamed, take no more memory; ten times the groups do."""
    import itertools
    import tracemalloc

    pool = [
        DossierRecord(
            code=f"D{i}",
            received_at=dt.datetime(2026, 1, 1, 8) + dt.timedelta(hours=7 * i),
            due_at=dt.datetime(2026, 1, 1, 8) + dt.timedelta(hours=7 * i, days=5),
            status=9,
            result_ready_at=dt.datetime(2026, 1, 1, 8) + dt.timedelta(hours=7 * i + 50),
            field=f"F{i % 10}",
            agency=f"A{i}",
        )
        for i in range(300)
    ]

    def peak(n: int, group_by: tuple[str, ...]) -> int:
        stream = itertools.islice(itertools.cycle(pool), n)
        tracemalloc.start()
        report(stream, period="2026-Q1", group_by=group_by)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return peak

    few, many = peak(3_000, ("field", "month")), peak(30_000, ("field", "month"))
    assert many < 1.2 * few + 50_000
    assert peak(3_000, ("agency", "month")) > 2 * few  # 300 agencies against 10 fields


# ---------------------------------------------------------------- the columnar path

_TIME_FIELDS = (
    "received_at",
    "due_at",
    "legal_due_at",
    "result_ready_at",
    "returned_at",
    "ended_at",
)


@st.composite
def arrow_shapes(draw: st.DrawFn) -> dict[str, object]:
    """How a table carries the records: zone, unit, channel type, batch size, waits' shape."""
    return {
        "zone": draw(st.sampled_from([None, "+07:00", "UTC", "Asia/Ho_Chi_Minh"])),
        "unit": draw(st.sampled_from(["s", "ms", "us", "ns"])),
        "channel": draw(st.sampled_from(["text", "code", "dictionary"])),
        "batch": draw(st.integers(1, 30)),
        "waits": draw(st.sampled_from(["struct", "list"])),
        "requests": draw(st.booleans()),
        "flags": draw(st.booleans()),
        "slice": draw(st.integers(1, 12)),
        "threads": draw(st.integers(1, 3)),
    }


@contextlib.contextmanager
def counted_in(shape: dict[str, object]) -> Iterator[None]:
    """Count the columns in slices of ``shape["slice"]`` rows on ``shape["threads"]`` threads."""
    from tthc.reports import _columnar

    threads = shape.get("threads", 1)
    with (
        mock.patch.object(_columnar, "SLICE_ROWS", shape.get("slice", _columnar.SLICE_ROWS)),
        mock.patch.object(_columnar, "_threads", return_value=threads),
    ):
        yield


def arrow_table(rs: list[DossierRecord], shape: dict[str, object]) -> object:
    """The records as an Arrow table of the given shape (the waits' rows as lists)."""
    import pyarrow as pa

    zone, unit = shape["zone"], shape["unit"]
    stamp = pa.timestamp(unit, tz=zone)  # type: ignore[arg-type]
    vn = dt.timezone(dt.timedelta(hours=7))

    def t(at: dt.datetime | None) -> dt.datetime | None:
        return at if at is None or zone is None else at.replace(tzinfo=vn)

    columns: dict[str, object] = {
        name: pa.array([t(getattr(r, name)) for r in rs], stamp) for name in _TIME_FIELDS
    }
    columns["code"] = pa.array([r.code for r in rs], pa.string())
    columns["status"] = pa.array([r.status for r in rs], pa.int8())
    for name in ("procedure", "field", "agency", "level"):
        columns[name] = pa.array([getattr(r, name) for r in rs], pa.string())
    if shape["channel"] == "code":
        columns["channel"] = pa.array(
            [{"counter": 1, "online": 2, "postal": 3}[r.channel] for r in rs]
        )
    else:
        channel = pa.array([r.channel for r in rs], pa.string())
        columns["channel"] = (
            channel.dictionary_encode() if shape["channel"] == "dictionary" else channel
        )
    for name in ("supplement_waits", "payment_waits"):
        if shape["waits"] == "struct":
            kind = pa.list_(pa.struct([("started", stamp), ("ended", stamp)]))
            values = [[{"started": t(a), "ended": t(b)} for a, b in getattr(r, name)] for r in rs]
        else:
            kind = pa.list_(pa.list_(stamp))
            values = [[[t(a), t(b)] for a, b in getattr(r, name)] for r in rs]
        columns[name] = pa.array(values, kind)
    # Without the column, the count is the number of supplement waits.
    if shape["requests"] or any(r.supplement_requests != len(r.supplement_waits) for r in rs):
        columns["supplement_requests"] = pa.array([r.supplement_requests for r in rs], pa.int32())
    columns["due_includes_waits"] = pa.array([r.due_includes_waits for r in rs], pa.bool_())
    for name in ("paid_online", "digitised"):  # absent, or with nulls for unknown
        if shape["flags"] or any(getattr(r, name) is not None for r in rs):
            columns[name] = pa.array([getattr(r, name) for r in rs], pa.bool_())
    table = pa.table(columns)
    return pa.Table.from_batches(table.to_batches(max_chunksize=shape["batch"]), table.schema)  # type: ignore[arg-type]


@settings(max_examples=400)
@given(
    st.lists(records(), max_size=40),
    arrow_shapes(),
    periods,
    dimensions,
    fast_policies,
    st.booleans(),
    st.integers(1, 100),
    st.booleans(),
)
def test_the_columnar_path_equals_the_streaming_path(
    rs: list[DossierRecord],
    shape: dict[str, object],
    period: Period,
    group_by: list[str],
    policy: str,
    on_return: bool,
    as_of_percent: int,
    timed: bool,
) -> None:
    """An Arrow table of the records gives the same report as the records, in any shape.

    Every counter, the flows (fees, digitisation, online, processing time) included.
    """
    if on_return and policy == "qd-766":
        on_return = False
    span = period.end - period.start
    as_of = period.start + span * as_of_percent // 100 if as_of_percent < 100 else None
    make = functools.partial(
        report,
        period=period,
        as_of=as_of,
        group_by=group_by,
        policy=policy,
        resolution="returned" if on_return else "result-ready",
        calendar=VN if timed else None,
    )
    if not rs:  # an empty table still needs its columns' types
        shape = {**shape, "batch": 1}
    with counted_in(shape):  # slices of a batch, counted on threads, merge exactly
        columnar = make(arrow_table(rs, shape))
    assert columnar == make(rs)


@settings(max_examples=20)
@given(st.lists(records(), max_size=8), arrow_shapes(), dimensions)
def test_a_policy_without_an_array_rule_reads_the_table_as_records(
    rs: list[DossierRecord], shape: dict[str, object], group_by: list[str]
) -> None:
    period = Period.quarter(2026, 1)
    make = functools.partial(
        report, period=period, group_by=group_by, policy="by-session", calendar=VN
    )
    assert make(arrow_table(rs, shape)) == make(rs)


def test_the_columnar_path_at_the_edges_of_windows() -> None:
    """Ends exactly at a cut, returns months after the result, ends before the period."""
    jan, feb, mar = (dt.datetime(2026, m, 1) for m in (1, 2, 3))
    day = dt.timedelta(days=1)
    rs = [
        DossierRecord(code="refused-at-month", received_at=jan, status=3, ended_at=feb),
        DossierRecord(
            code="refused-at-cut", received_at=jan, status=3, ended_at=dt.datetime(2026, 4, 1)
        ),
        DossierRecord(code="refused-before", received_at=jan, status=3, ended_at=feb - day),
        DossierRecord(
            code="returned-later",
            received_at=jan,
            status=10,
            due_at=jan + 5 * day,
            result_ready_at=jan + 3 * day,
            returned_at=mar + day,
        ),
        DossierRecord(
            code="ended-before",
            received_at=jan - 40 * day,
            status=10,
            due_at=jan,
            result_ready_at=jan - day,
            returned_at=feb + day,
        ),
        DossierRecord(
            code="due-at-cut", received_at=jan + day, status=4, due_at=feb, channel="postal"
        ),
        DossierRecord(
            code="stopped-late",
            received_at=jan,
            status=8,
            due_at=jan + day,
            ended_at=feb,
            channel=2,
        ),
        DossierRecord(code="submitted", received_at=jan, status=1),
        # overdue from January's cut by date: due on its last day
        DossierRecord(code="due-last-day", received_at=jan + day, status=4, due_at=feb - day / 3),
        # by instant and QĐ 766: due a microsecond before the cut
        DossierRecord(
            code="due-just-before-cut",
            received_at=jan + day,
            status=4,
            due_at=feb - dt.timedelta(microseconds=1),
        ),
        # returned in a month between the first and the last it is open in
        DossierRecord(
            code="returned-while-open",
            received_at=jan,
            status=7,
            due_at=feb,
            returned_at=feb + 2 * day,
            ended_at=mar + 5 * day,
        ),
        DossierRecord(
            code="returned-still-open",
            received_at=jan - 10 * day,
            status=4,
            due_at=mar,
            returned_at=feb,
        ),
        # QĐ 766 takes a wait off unless the due date already moved for it
        *(
            DossierRecord(
                code=f"moved-{moved}",
                received_at=jan,
                status=9,
                due_at=jan + 3 * day,
                result_ready_at=jan + 4 * day,
                supplement_waits=[(jan + day, jan + 3 * day)],
                due_includes_waits=moved,
            )
            for moved in (False, True)
        ),
        # two requests, the wait of the second after January's cut
        DossierRecord(
            code="requests",
            received_at=jan + 4 * day,
            status=9,
            due_at=feb + 24 * day,
            result_ready_at=feb + 19 * day,
            supplement_waits=[(feb + 9 * day, feb + 11 * day)],
            supplement_requests=2,
        ),
        DossierRecord(
            code="paid", received_at=jan, status=4, due_at=mar, payment_waits=[(jan, feb)]
        ),
        DossierRecord(
            code="paying", received_at=jan, status=6, due_at=feb, payment_waits=[(feb, None)]
        ),
        DossierRecord(
            code="waiting",
            received_at=jan,
            status=5,
            due_at=mar - day,
            supplement_waits=[(jan + day, jan + 2 * day), (feb + day, None)],
        ),
    ]
    shape = {
        "zone": None,
        "unit": "us",
        "channel": "text",
        "batch": 3,
        "waits": "list",
        "requests": False,
        "flags": False,
    }
    for policy in ("by-date", "by-instant", "tt-01-2018", "qd-766"):
        for group_by in ((), ("month",), ("channel", "quarter")):
            make = functools.partial(
                report, period="2026-Q1", group_by=group_by, policy=policy, calendar=VN
            )
            assert make(arrow_table(rs, shape)) == make(rs), (policy, group_by)


_TARGETS = (
    "late share < 0.4%",
    "on-time rate >= 96%",
    "share of units with on-time rate >= 96% > 80%",
    "average processing time <= 5 working days",
)


@settings(max_examples=150)
@given(
    st.lists(records(), max_size=30),
    st.lists(st.integers(0, 2), max_size=30),
    dimensions.filter(bool),
    fast_policies,
    st.booleans(),
    arrow_shapes() | st.none(),
)
def test_indicators_of_merged_parts_equal_those_of_the_whole(
    rs: list[DossierRecord],
    parts: list[int],
    group_by: list[str],
    policy: str,
    timed: bool,
    shape: dict[str, object] | None,
) -> None:
    """Every indicator, QĐ 766 score, target verdict and rank merges exactly across parts.

    The parts are read as records (``shape`` None) or as Arrow tables (the columnar path);
    the whole is always read as records.
    """
    make = functools.partial(
        report,
        period="2026-Q1",
        group_by=group_by,
        policy=policy,
        calendar=VN if timed else None,
    )
    split: list[list[DossierRecord]] = [[], [], []]
    for i, r in enumerate(rs):
        split[parts[i] if i < len(parts) else 0].append(r)
    if shape is None:
        partial_reports = [make(p) for p in split]
    else:
        partial_reports = [
            make(arrow_table(p, {**shape, "batch": 1} if not p else shape)) for p in split
        ]
    merged = functools.reduce(Report.merge, partial_reports)
    whole = make(rs)
    assert [row.group for row in merged.rows] == [row.group for row in whole.rows]
    for mine, theirs in zip((merged.total, *merged.rows), (whole.total, *whole.rows), strict=True):
        assert mine.indicators() == theirs.indicators(), mine.group
        assert mine.qd766_scores() == theirs.qd766_scores(), mine.group
    assert merged.evaluate(_TARGETS) == whole.evaluate(_TARGETS)
    assert merged.rank("rate") == whole.rank("rate")
    assert merged.rank("late share") == whole.rank("late share")
