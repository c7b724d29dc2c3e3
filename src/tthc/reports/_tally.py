"""One pass over the dossiers: which buckets each dossier falls in, counted per group.

For every dossier and every window (the whole period, and each month, quarter or year of
it when the report is split in time) the engine computes one small integer, the dossier's
*bucket code* in that window, and counts ``(group, window, code)``. Memory therefore grows
with the number of groups and the few codes each group sees, never with the number of
dossiers; the codes are decoded into the report's counters once, at the end.

Bucket code bits (see ``docs/reports.md`` for what each bucket means):

- bit 0: carried over from before the window;
- bits 1-2: received in the window, by channel (1 counter, 2 online, 3 postal);
- bits 3-6: the outcome at the window's cut: open in time or overdue, resolved early, on
  time or late, withdrawn or stopped (each in time or late); or reception refused (a
  dossier never received: no other bit);
- bit 7: paused for a supplement at the cut; bit 8: paused for a payment;
- bit 9: result returned in the window.

The flow counters (online resolution, fees, digitisation, processing time) are not bucket
codes: each is added in the one window its event falls in (:mod:`tthc.reports._flows`).
"""

from __future__ import annotations

import datetime as dt
import operator
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tthc.deadlines import Timeliness
from tthc.reports._flows import (
    FLOW_COUNTERS,
    PROCESSING_COUNTED,
    PROCESSING_ELAPSED,
    PROCESSING_WORKING,
    RESOLVED_ONLINE,
    Flows,
    merge_into,
    processing_time,
    received_flows,
)
from tthc.reports._periods import TIME_DIMENSIONS, Period, time_index, time_label
from tthc.reports._records import DossierRecord, as_record
from tthc.reports._rules import Judge

if TYPE_CHECKING:
    from tthc.calendar import WorkingCalendar

__all__ = ["COUNTERS", "GROUP_DIMENSIONS", "Tallied", "tally"]

#: The counters decoded from bucket codes, in order.
BUCKET_COUNTERS: tuple[str, ...] = (
    "carried_over",
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
    "in_progress_in_time",
    "in_progress_overdue",
    "paused_supplement",
    "paused_payment",
    "returned",
)
#: The counters of a report row, in order: the buckets', then the flows'.
COUNTERS: tuple[str, ...] = BUCKET_COUNTERS + FLOW_COUNTERS

#: Dimensions read from the record, by attribute name.
RECORD_DIMENSIONS: tuple[str, ...] = ("procedure", "field", "agency", "level", "channel")
#: Every dimension a report can be grouped by.
GROUP_DIMENSIONS: tuple[str, ...] = RECORD_DIMENSIONS + TIME_DIMENSIONS

_CARRIED = 1
_CHANNEL_BITS = {"counter": 1 << 1, "online": 2 << 1, "postal": 3 << 1}
_OPEN_IN_TIME, _OPEN_OVERDUE = 1 << 3, 2 << 3
_PAUSED_SUPPLEMENT, _PAUSED_PAYMENT, _RETURNED = 1 << 7, 1 << 8, 1 << 9
_OUTCOME_MASK = 0b1_1111_1000  # outcome and paused bits
_RESOLVED = 0  # the "kind" of an end event that produced a result; 7, 8 are statuses
_REFUSED = 6 << 3  # reception refused (status 3): the dossier was never received
_END_CODES: dict[tuple[int, Timeliness], int] = {
    (_RESOLVED, Timeliness.EARLY): 3 << 3,
    (_RESOLVED, Timeliness.ON_TIME): 4 << 3,
    (_RESOLVED, Timeliness.LATE): 5 << 3,
}
for _i, _status in enumerate((7, 8)):
    _END_CODES[_status, Timeliness.EARLY] = _END_CODES[_status, Timeliness.ON_TIME] = (
        8 + 2 * _i
    ) << 3
    _END_CODES[_status, Timeliness.LATE] = (9 + 2 * _i) << 3
# outcome number (bits 3-6) -> the counters it adds to
_OUTCOME_COUNTERS: dict[int, tuple[int, ...]] = {
    0: (),
    1: (11,),
    2: (12,),
    3: (4,),
    4: (5,),
    5: (6,),
    6: (7,),
    8: (8,),
    9: (8, 10),
    10: (9,),
    11: (9, 10),
}

Key = tuple[str, ...]
_Waits = tuple[tuple[dt.datetime, "dt.datetime | None"], ...]


@dataclass(frozen=True, slots=True)
class Tallied:
    """The raw result of a pass: counter vectors by group key, the total, inputs read."""

    rows: dict[Key, list[int]]
    total: list[int]
    records: int


def _clip(waits: _Waits, until: dt.datetime) -> tuple[tuple[dt.datetime, dt.datetime], ...]:
    """The waits before ``until``, an open or later end cut to ``until``."""
    return tuple((a, b if b is not None and b < until else until) for a, b in waits if a < until)


def _requests(record: DossierRecord, until: dt.datetime) -> int:
    """Supplement requests made by ``until``: the known total less waits begun later."""
    waits = record.supplement_waits
    n = record.supplement_requests
    if waits:
        n -= sum(1 for a, _ in waits if a > until)
    return n


def _judge_end(record: DossierRecord, end: dt.datetime, kind: int, judge: Judge) -> int:
    waits = () if record.due_includes_waits else record.supplement_waits
    timeliness = judge(
        end,
        record.due_at,
        record.legal_due_at,
        _clip(waits, end) if waits else (),
        _requests(record, end),
    )
    return _END_CODES[kind, timeliness]


def _open_code(
    record: DossierRecord, cut: dt.datetime, judge: Judge, monotone: bool
) -> tuple[int, bool]:
    """A dossier still open at ``cut``: in time or overdue, and paused or not.

    A dossier waiting for a supplement at the cut is judged when the wait began: its clock
    stopped then (QĐ 766; the 06a form counts such dossiers as within the deadline).

    Returns:
        The code, and whether it holds at every later cut the dossier is still open at:
        no wait begins or ends after this cut, and the verdict cannot change (judged at
        the start of an open wait, or overdue under a monotone rule).
    """
    at, code = cut, 0
    settled = True
    waits = record.supplement_waits
    if waits:
        for a, b in waits:
            if a < cut and (b is None or b >= cut):
                at, code = a, _PAUSED_SUPPLEMENT
                break
        a, b = waits[-1]
        settled = a < cut and (b is None or b < cut)
    payments = record.payment_waits
    if payments:
        for a, b in payments:
            if a < cut and (b is None or b >= cut):
                code |= _PAUSED_PAYMENT
                break
        a, b = payments[-1]
        settled = settled and a < cut and (b is None or b < cut)
    timeliness = judge(
        at,
        record.due_at,
        record.legal_due_at,
        _clip(waits, at) if waits and not record.due_includes_waits else (),
        _requests(record, at),
    )
    late = timeliness is Timeliness.LATE
    code |= _OPEN_OVERDUE if late else _OPEN_IN_TIME
    return code, settled and (at is not cut or (late and monotone))


def tally(  # noqa: PLR0912, PLR0915  (one loop over a million dossiers, kept flat for speed)
    dossiers: Iterable[object],
    *,
    period: Period,
    cut: dt.datetime,
    group_by: tuple[str, ...],
    judge: Judge,
    on_return: bool,
    monotone: bool = False,
    calendar: WorkingCalendar | None = None,
) -> Tallied:
    """Read ``dossiers`` once and count their bucket codes per group and window.

    Args:
        dossiers: Records, or anything :func:`~tthc.reports._records.as_record` accepts.
        period: The reporting period.
        cut: The instant the period is observed at: its end, or an earlier ``as_of``.
        group_by: Dimension names, in the order of the row keys.
        judge: The classification rule.
        on_return: Resolve at the return (status 10) instead of the result being ready.
        monotone: The rule never turns a later finish from late to in time, so a dossier
            overdue at one cut is overdue at every later cut (true of every built-in
            classification policy); the rule is then not asked again.
        calendar: The working calendar that measures processing time; without one, the
            processing-time counters stay 0.
    """
    start = period.start
    static = [d for d in group_by if d not in TIME_DIMENSIONS]
    timed = [d for d in group_by if d in TIME_DIMENSIONS]
    key_of: Callable[[DossierRecord], object] = (
        operator.attrgetter(*static) if static else (lambda _record: ())
    )
    finest = next((d for d in TIME_DIMENSIONS if d in timed), None)
    # Without a time dimension the one window is the whole period.
    windows = [p for p in period.split(finest) if p.start < cut] if finest else [period]
    starts = [p.start for p in windows]
    cuts = [min(p.end, cut) for p in windows]
    last = len(windows) - 1
    index = time_index(finest) if finest else None
    base = index(period.first) if index else 0

    groups: dict[object, defaultdict[int, int]] = {}
    total: defaultdict[int, int] = defaultdict(int)
    records = 0
    record_type = DossierRecord
    late = Timeliness.LATE
    end_codes = _END_CODES
    channel_bits = _CHANNEL_BITS
    by_month = finest == "month"
    flows = Flows()
    for item in dossiers:
        records += 1
        record = item if type(item) is record_type else as_record(item)
        status = record.status
        if status == 1:  # submitted online, not yet received
            continue
        received = record.received_at
        if received >= cut:
            continue
        group = key_of(record)
        counts = groups.get(group)
        if counts is None:
            counts = groups[group] = defaultdict(int)
        if status == 3:  # reception refused: counted when refused, never as received
            end = record.ended_at
            if end is not None and start <= end < cut:
                total[_REFUSED] += 1
                counts[(index(end) - base if index else 0) << 10 | _REFUSED] += 1
            continue
        if status >= 9:
            kind = _RESOLVED
            if not on_return:
                end = record.result_ready_at
                if end is None:
                    end = record.returned_at
            else:
                end = record.returned_at if status == 10 else None
        elif status in (7, 8):
            kind = status
            end = record.ended_at
        else:
            kind, end = _RESOLVED, None
        returned = record.returned_at
        if returned is not None and not start <= returned < cut:
            returned = None
        if end is not None and end < start:  # ended before the period: a return at most
            if returned is not None:
                total[_RETURNED] += 1
                counts[(index(returned) - base if index else 0) << 10 | _RETURNED] += 1
            continue
        waits = record.supplement_waits or record.payment_waits
        due, legal, requests = record.due_at, record.legal_due_at, record.supplement_requests
        end_code = 0
        if end is not None and end < cut:
            if waits:
                end_code = _judge_end(record, end, kind, judge)
            else:
                end_code = end_codes[kind, judge(end, due, legal, (), requests)]
        if index is None:
            lo = hi = 0
        elif by_month:
            lo = 0 if received < start else received.year * 12 + received.month - 1 - base
            hi = last if end is None or end >= cut else end.year * 12 + end.month - 1 - base
        else:
            lo = 0 if received < start else index(received) - base
            hi = last if end is None or end >= cut else index(end) - base
        # Windows lo..hi are those the dossier is open in, from its receipt (or the period's
        # start) to its end (or the cut): in each, it is carried over or received, and it
        # ends or is still open at the window's cut.
        code = first_code = _CARRIED if received < starts[lo] else channel_bits[record.channel]
        if received >= start and (record.paid_online is not None or record.digitised is not None):
            for flow in received_flows(record) or ():
                if flow >= 0:
                    flows.add(group, lo, flow)
        if end is not None and end < cut and kind == _RESOLVED:
            if record.channel == "online":
                flows.add(group, hi, RESOLVED_ONLINE)
            if calendar is not None:
                working, elapsed = processing_time(record, end, calendar)
                flows.add(group, hi, PROCESSING_COUNTED)
                flows.add(group, hi, PROCESSING_WORKING, working)
                flows.add(group, hi, PROCESSING_ELAPSED, elapsed)
        overdue = False  # once overdue at a cut, overdue at every later cut (monotone rules)
        settled = 0  # an open code that holds at every later cut (see _open_code)
        for i in range(lo, hi + 1):
            c = cuts[i]
            code = first_code if i == lo else _CARRIED
            if end is not None and end < c:
                code |= end_code
            elif settled:
                code |= settled
            elif waits:
                open_code, fixed = _open_code(record, c, judge, monotone)
                code |= open_code
                if fixed:
                    settled = open_code
            elif overdue:
                code |= _OPEN_OVERDUE
            elif judge(c, due, legal, (), requests) is late:
                code |= _OPEN_OVERDUE
                overdue = monotone
            else:
                code |= _OPEN_IN_TIME
            if returned is not None and starts[i] <= returned < c:
                code |= _RETURNED
            counts[i << 10 | code] += 1
        # the whole period: entry from the first window, outcome at the cut from the last
        code = (first_code & 7) | (code & _OUTCOME_MASK)
        if returned is not None:
            code |= _RETURNED
            if index is not None:
                j = index(returned) - base
                if not lo <= j <= hi:
                    counts[j << 10 | _RETURNED] += 1
        total[code] += 1

    rows = _decode_rows(groups, group_by, static, timed, windows if finest else [])
    vector = _decode(total.items())
    flow_rows = flows.rows(group_by, static, timed, windows if finest else [])
    merge_into(rows, vector, flow_rows, flows.total, len(BUCKET_COUNTERS))
    return Tallied(rows, vector, records)


def _decode(codes: Iterable[tuple[int, int]]) -> list[int]:
    vector = [0] * len(COUNTERS)
    for code, n in codes:
        _add(vector, code, n)
    return vector


def _add(vector: list[int], code: int, n: int) -> None:
    if code & _CARRIED:
        vector[0] += n
    channel = (code >> 1) & 3
    if channel:
        vector[channel] += n
    for i in _OUTCOME_COUNTERS[(code >> 3) & 15]:
        vector[i] += n
    if code & _PAUSED_SUPPLEMENT:
        vector[13] += n
    if code & _PAUSED_PAYMENT:
        vector[14] += n
    if code & _RETURNED:
        vector[15] += n


def _decode_rows(
    groups: dict[object, defaultdict[int, int]],
    group_by: tuple[str, ...],
    static: list[str],
    timed: list[str],
    windows: list[Period],
) -> dict[Key, list[int]]:
    labels = [{d: time_label(d, w.first) for d in timed} for w in windows]
    rows: dict[Key, list[int]] = {}
    for group, counts in groups.items():
        values: tuple[object, ...] = group if len(static) != 1 else (group,)  # type: ignore[assignment]
        named = dict(zip(static, values, strict=True))
        for k, n in counts.items():
            if timed:
                named.update(labels[k >> 10])
            key = tuple(str(named[d]) for d in group_by)
            vector = rows.get(key)
            if vector is None:
                vector = rows[key] = [0] * len(COUNTERS)
            _add(vector, k & 1023, n)
    return rows
