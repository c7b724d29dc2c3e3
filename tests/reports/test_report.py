"""tthc.report: each bucket on worked examples, the boundaries, the options and the errors."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from tthc.deadlines import QD_766
from tthc.reports import (
    DossierRecord,
    Period,
    Report,
    ReportRow,
    percent,
    read_records,
    report,
)

D = dt.datetime
MARCH = Period.month(2026, 3)


def rec(**fields: Any) -> DossierRecord:
    """A dossier received 2 March 2026 09:00 at the counter, due 5 March 17:00, processing."""
    values: dict[str, Any] = {
        "code": "000.00.31.H26-260302-0001",
        "received_at": D(2026, 3, 2, 9),
        "due_at": D(2026, 3, 5, 17),
        "status": 4,
        "field": "Hộ tịch",
    }
    values.update(fields)
    return DossierRecord(**values)


def counts_of(*records: DossierRecord, **options: Any) -> dict[str, int]:
    """The non-zero counters of the total row of a March 2026 report."""
    options.setdefault("period", MARCH)
    total = report(records, **options).total
    return {k: v for k, v in total.counts().items() if v}


# ---------------------------------------------------------------- each bucket


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        pytest.param({}, {"received_counter": 1, "in_progress_overdue": 1}, id="open, past due"),
        pytest.param(
            {"due_at": D(2026, 4, 1, 17)},
            {"received_counter": 1, "in_progress_in_time": 1},
            id="open, due after the period",
        ),
        pytest.param(
            {"due_at": D(2026, 4, 1, 17), "channel": "online"},
            {"received_online": 1, "in_progress_in_time": 1},
            id="received online",
        ),
        pytest.param(
            {"due_at": D(2026, 4, 1, 17), "channel": 3},
            {"received_postal": 1, "in_progress_in_time": 1},
            id="received by post (portal code 3)",
        ),
        pytest.param(
            {"received_at": D(2026, 2, 27, 9), "due_at": D(2026, 4, 1, 17)},
            {"carried_over": 1, "in_progress_in_time": 1},
            id="carried over",
        ),
        pytest.param(
            {"status": 9, "result_ready_at": D(2026, 3, 4, 10)},
            {"received_counter": 1, "resolved_early": 1},
            id="result ready the day before the due date: early",
        ),
        pytest.param(
            {"status": 9, "result_ready_at": D(2026, 3, 5, 16, 59)},
            {"received_counter": 1, "resolved_on_time": 1},
            id="result ready on the due date: on time",
        ),
        pytest.param(
            {"status": 9, "result_ready_at": D(2026, 3, 5, 18)},
            {"received_counter": 1, "resolved_on_time": 1},
            id="by date, after office hours on the due date is still on time",
        ),
        pytest.param(
            {"status": 9, "result_ready_at": D(2026, 3, 6, 8)},
            {"received_counter": 1, "resolved_late": 1},
            id="result ready the day after: late",
        ),
        pytest.param(
            {
                "status": 10,
                "result_ready_at": D(2026, 3, 4, 10),
                "returned_at": D(2026, 3, 9, 10),
            },
            {"received_counter": 1, "resolved_early": 1, "returned": 1},
            id="returned late, but judged when the result was ready",
        ),
        pytest.param(
            {"status": 10, "returned_at": D(2026, 3, 5, 10)},
            {"received_counter": 1, "resolved_on_time": 1, "returned": 1},
            id="returned without a ready time: judged at the return",
        ),
        pytest.param(
            {"status": 3, "ended_at": D(2026, 3, 3, 8)},
            {"refused": 1},
            id="reception refused: never received",
        ),
        pytest.param(
            {"status": 3, "received_at": D(2026, 2, 27), "ended_at": D(2026, 3, 2, 8)},
            {"refused": 1},
            id="submitted in February, refused in March",
        ),
        pytest.param(
            {"status": 3, "received_at": D(2026, 2, 26), "ended_at": D(2026, 2, 27)},
            {},
            id="refused before the period",
        ),
        pytest.param(
            {"status": 7, "ended_at": D(2026, 3, 3, 8)},
            {"received_counter": 1, "withdrawn": 1},
            id="withdrawn",
        ),
        pytest.param(
            {"status": 8, "ended_at": D(2026, 3, 10, 8)},
            {"received_counter": 1, "stopped": 1, "closed_late": 1},
            id="stopped after the due date: closed late",
        ),
        pytest.param(
            {"due_at": None},
            {"received_counter": 1, "in_progress_in_time": 1},
            id="no time limit: never overdue",
        ),
        pytest.param(
            {"due_at": None, "status": 9, "result_ready_at": D(2026, 3, 30)},
            {"received_counter": 1, "resolved_on_time": 1},
            id="no time limit: resolved on time",
        ),
        pytest.param(
            {"status": 5, "supplement_waits": [(D(2026, 3, 4, 9), None)]},
            {"received_counter": 1, "in_progress_in_time": 1, "paused_supplement": 1},
            id="waiting for a supplement since before the due date: judged when it began",
        ),
        pytest.param(
            {"status": 5, "supplement_waits": [(D(2026, 3, 6, 9), None)]},
            {"received_counter": 1, "in_progress_overdue": 1, "paused_supplement": 1},
            id="waiting for a supplement asked after the due date: overdue",
        ),
        pytest.param(
            {"status": 6, "payment_waits": [(D(2026, 3, 4, 9), None)]},
            {"received_counter": 1, "in_progress_overdue": 1, "paused_payment": 1},
            id="waiting for a payment: judged at the cut",
        ),
        pytest.param(
            {"status": 1},
            {},
            id="submitted online, not yet received: not counted",
        ),
    ],
)
def test_each_bucket(fields: dict[str, Any], expected: dict[str, int]) -> None:
    assert counts_of(rec(**fields)) == expected


def test_a_dossier_resolved_before_the_period_counts_only_its_return() -> None:
    r = rec(
        received_at=D(2026, 2, 2, 9),
        due_at=D(2026, 2, 5, 17),
        status=10,
        result_ready_at=D(2026, 2, 4, 9),
        returned_at=D(2026, 3, 2, 9),
    )
    assert counts_of(r) == {"returned": 1}
    split = report([r], period="2026-Q1", group_by="month")
    assert split["2026-02"].resolved_early == 1
    assert split["2026-02"].returned == 0
    assert split["2026-03"].counts()["returned"] == 1
    assert split["2026-03"].handled == 0


def test_a_dossier_received_after_the_period_is_not_counted() -> None:
    assert counts_of(rec(received_at=D(2026, 4, 1), due_at=D(2026, 4, 3, 17))) == {}


# ---------------------------------------------------------------- boundaries


def test_an_event_at_the_cut_has_not_happened_yet() -> None:
    """The period is [start, end): an event at 00:00 of the next day belongs to it."""
    at_cut = MARCH.end
    assert counts_of(rec(received_at=at_cut, due_at=at_cut + dt.timedelta(days=2))) == {}
    ready_at_cut = rec(status=9, result_ready_at=at_cut, due_at=D(2026, 4, 2))
    assert counts_of(ready_at_cut) == {"received_counter": 1, "in_progress_in_time": 1}
    returned_at_cut = rec(
        status=10, result_ready_at=D(2026, 3, 4), returned_at=at_cut, due_at=D(2026, 3, 5)
    )
    assert counts_of(returned_at_cut) == {"received_counter": 1, "resolved_early": 1}


def test_an_event_at_the_start_belongs_to_the_period() -> None:
    start = MARCH.start
    assert counts_of(rec(received_at=start, due_at=D(2026, 4, 2))) == {
        "received_counter": 1,
        "in_progress_in_time": 1,
    }
    ended = rec(received_at=D(2026, 2, 20), due_at=D(2026, 3, 2), status=9, result_ready_at=start)
    assert counts_of(ended) == {"carried_over": 1, "resolved_early": 1}


def test_resolved_exactly_at_the_end_of_a_split_period_is_open_in_every_month() -> None:
    r = rec(
        received_at=D(2026, 2, 2, 9), due_at=D(2026, 4, 8), status=9, result_ready_at=D(2026, 4, 1)
    )
    months = report([r], period="2026-Q1", group_by="month")
    assert [row.value("month") for row in months] == ["2026-02", "2026-03"]
    assert months["2026-03"].in_progress_in_time == 1
    assert months.total.in_progress_in_time == 1


def test_a_wait_that_ends_at_the_cut_is_still_a_wait_at_the_cut() -> None:
    r = rec(status=4, supplement_waits=[(D(2026, 3, 3, 9), MARCH.end)], due_at=D(2026, 4, 9))
    assert counts_of(r) == {"received_counter": 1, "in_progress_in_time": 1, "paused_supplement": 1}
    ended_before = rec(
        status=4, supplement_waits=[(D(2026, 3, 3, 9), D(2026, 3, 31, 23))], due_at=D(2026, 4, 9)
    )
    assert counts_of(ended_before) == {"received_counter": 1, "in_progress_in_time": 1}


def test_pauses_month_by_month() -> None:
    """Waiting for a supplement since January, and for a fee during February and March."""
    r = rec(
        received_at=D(2026, 1, 5, 9),
        due_at=D(2026, 1, 20, 17),
        status=5,
        supplement_waits=[(D(2026, 1, 10, 9), None)],
        payment_waits=[(D(2026, 2, 3, 9), D(2026, 3, 10, 9))],
    )
    months = report([r], period="2026-Q1", group_by="month")
    paused = [(m.paused_supplement, m.paused_payment, m.in_progress_in_time) for m in months]
    assert paused == [(1, 0, 1), (1, 1, 1), (1, 0, 1)]
    assert months.total.paused_payment == 0


def test_due_on_the_last_day_and_open_at_its_end_is_overdue() -> None:
    """A time limit runs to the end of its last day (BLDS 2015 Art. 148(1))."""
    assert counts_of(rec(due_at=D(2026, 3, 31, 17))) == {
        "received_counter": 1,
        "in_progress_overdue": 1,
    }
    assert counts_of(rec(due_at=D(2026, 4, 1, 17))) == {
        "received_counter": 1,
        "in_progress_in_time": 1,
    }


# ---------------------------------------------------------------- as_of


def test_as_of_observes_the_period_before_its_end() -> None:
    r = rec(status=9, result_ready_at=D(2026, 3, 20, 9), due_at=D(2026, 3, 10, 17))
    mid = report([r], period=MARCH, as_of=D(2026, 3, 10, 12))
    assert mid.cut == D(2026, 3, 10, 12)
    assert mid.total.in_progress_in_time == 1  # due later that day, by date
    later = report([r], period=MARCH, as_of=D(2026, 3, 11, 9))
    assert later.total.in_progress_overdue == 1
    assert report([r], period=MARCH, as_of=D(2026, 5, 1)).cut == MARCH.end


def test_as_of_drops_the_months_after_it() -> None:
    r = rec(received_at=D(2026, 1, 5, 9), due_at=D(2026, 6, 1))
    split = report([r], period="2026-Q1", group_by="month", as_of=D(2026, 2, 15))
    assert [row.value("month") for row in split] == ["2026-01", "2026-02"]


def test_as_of_accepts_an_aware_time() -> None:
    utc = dt.timezone.utc
    r = report([], period=MARCH, as_of=dt.datetime(2026, 3, 10, 5, tzinfo=utc))
    assert r.cut == D(2026, 3, 10, 12)


# ---------------------------------------------------------------- resolution and policy


def test_resolution_returned_keeps_a_ready_result_in_progress() -> None:
    ready = rec(status=9, result_ready_at=D(2026, 3, 4, 9))
    assert counts_of(ready, resolution="returned") == {
        "received_counter": 1,
        "in_progress_overdue": 1,
    }
    returned = rec(status=10, result_ready_at=D(2026, 3, 4, 9), returned_at=D(2026, 3, 6, 9))
    assert counts_of(returned, resolution="returned") == {
        "received_counter": 1,
        "resolved_late": 1,
        "returned": 1,
    }
    assert report([], period=MARCH, resolution="returned").resolution.value == "returned"


def test_qd_766_subtracts_supplement_time_where_the_date_rule_does_not() -> None:
    r = rec(
        status=9,
        result_ready_at=D(2026, 3, 8, 10),  # 3 days of waiting: 5 March 10:00, net
        supplement_waits=[(D(2026, 3, 3, 9), D(2026, 3, 6, 9))],
    )
    assert counts_of(r)["resolved_late"] == 1
    assert counts_of(r, policy=QD_766)["resolved_on_time"] == 1


def test_qd_766_does_not_subtract_waits_the_appointment_already_includes() -> None:
    """A system that moved the appointment when the wait ended: subtracting again would
    count the wait twice."""
    r = rec(
        status=9,
        due_at=D(2026, 3, 8, 17),  # 5 March, moved 3 days by the wait
        result_ready_at=D(2026, 3, 10, 10),
        supplement_waits=[(D(2026, 3, 3, 9), D(2026, 3, 6, 9))],
        due_includes_waits=True,
    )
    assert counts_of(r, policy=QD_766)["resolved_late"] == 1
    twice = rec(
        status=9,
        due_at=D(2026, 3, 8, 17),
        result_ready_at=D(2026, 3, 10, 10),
        supplement_waits=[(D(2026, 3, 3, 9), D(2026, 3, 6, 9))],
    )
    assert counts_of(twice, policy=QD_766)["resolved_early"] == 1


def test_qd_766_counts_a_second_supplement_request_as_late() -> None:
    waits = [(D(2026, 3, 2, 10), D(2026, 3, 2, 11)), (D(2026, 3, 2, 14), D(2026, 3, 2, 15))]
    r = rec(status=9, result_ready_at=D(2026, 3, 3, 10), supplement_waits=waits)
    assert counts_of(r)["resolved_early"] == 1
    assert counts_of(r, policy="qd-766")["resolved_late"] == 1


def test_qd_766_counts_only_the_requests_made_by_the_cut() -> None:
    waits = [(D(2026, 3, 3, 9), D(2026, 3, 3, 15)), (D(2026, 4, 2, 9), None)]
    r = rec(status=5, due_at=D(2026, 4, 10), supplement_waits=waits)
    assert counts_of(r, policy="qd-766") == {"received_counter": 1, "in_progress_in_time": 1}
    april = report([r], period="2026-04", policy="qd-766").total
    assert april.in_progress_overdue == 1
    assert april.paused_supplement == 1


def test_tt_01_2018_judges_against_the_time_allowed_by_law() -> None:
    """An apology and a new appointment do not change the TT 01/2018 Art. 13 score."""
    r = rec(
        status=9,
        due_at=D(2026, 3, 12, 17),
        legal_due_at=D(2026, 3, 5, 17),
        result_ready_at=D(2026, 3, 10, 9),
    )
    assert counts_of(r)["resolved_early"] == 1
    assert counts_of(r, policy="tt-01-2018")["resolved_late"] == 1


def test_by_instant_is_late_a_minute_after_the_due_time() -> None:
    r = rec(status=9, result_ready_at=D(2026, 3, 5, 17, 1))
    assert counts_of(r)["resolved_on_time"] == 1
    assert counts_of(r, policy="by-instant")["resolved_late"] == 1


def test_a_policy_defined_elsewhere_is_asked_at_every_cut() -> None:
    """No shortcut for a rule tthc does not know: it may call a later finish on time."""
    from tthc.deadlines import ClassificationPolicy, Timeliness

    even_months_late = ClassificationPolicy(
        "even-months-late",
        "late when finished in an even month (a test rule)",
        lambda facts: Timeliness.LATE if facts.finished.month % 2 == 0 else Timeliness.ON_TIME,
    )
    r = rec(received_at=D(2026, 1, 5, 9), due_at=D(2026, 1, 8, 17))
    months = report([r], period="2026-Q1", group_by="month", policy=even_months_late)
    assert months.policy == "even-months-late"
    assert [(m.in_progress_in_time, m.in_progress_overdue) for m in months] == [
        (0, 1),  # at 1 February
        (1, 0),  # at 1 March
        (0, 1),  # at 1 April
    ]
    builtin = report([r], period="2026-Q1", group_by="month")
    assert [m.in_progress_overdue for m in builtin] == [1, 1, 1]


def test_the_report_names_its_policy_and_both_rates_can_be_compared() -> None:
    r = rec(
        status=9,
        result_ready_at=D(2026, 3, 8, 10),  # 3 days of waiting: 5 March 10:00, net
        supplement_waits=[(D(2026, 3, 3, 9), D(2026, 3, 6, 9))],
    )
    plain = report([r], period=MARCH)
    indicator = report([r], period=MARCH, policy=QD_766)
    assert (plain.policy, plain.total.rate) == ("by-date", Decimal("0.00"))
    assert (indicator.policy, indicator.total.rate) == ("qd-766", Decimal("100.00"))


# ---------------------------------------------------------------- rates


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (45_439, 45_555, "99.75"),
        (484_490, 484_888, "99.92"),
        (57_323, 57_323, "100.00"),
        (1, 8, "12.50"),
        (1, 800, "0.13"),  # 0.125 rounds half up
        (1, 3, "33.33"),
        (2, 3, "66.67"),
        (0, 5, "0.00"),
    ],
)
def test_percent_rounds_half_up_to_two_decimals(part: int, whole: int, expected: str) -> None:
    assert percent(part, whole) == Decimal(expected)
    assert str(percent(part, whole)) == expected


def test_nothing_resolved_has_no_rate() -> None:
    row = ReportRow((), in_progress_in_time=3)
    assert row.rate is None
    assert row.progress_rate is None  # nothing handled either: carried over and received are 0
    assert ReportRow((), received_counter=3, in_progress_in_time=3).progress_rate == Decimal(
        "100.00"
    )


def test_progress_rate_is_the_qd_766_indicator_formula() -> None:
    row = ReportRow(
        (),
        carried_over=2,
        received_online=8,
        resolved_early=3,
        resolved_on_time=1,
        resolved_late=1,
        withdrawn=2,
        closed_late=1,
        in_progress_in_time=1,
        in_progress_overdue=1,
    )
    assert row.handled == 10
    assert row.progress_rate == Decimal("60.00")  # (3 + 1 + 1 + 1) / 10
    assert row.rate == Decimal("80.00")


# ---------------------------------------------------------------- grouping


def test_group_by_every_dimension() -> None:
    r = rec(
        procedure="1.001193",
        agency="UBND phường Linh Chiểu",
        level="commune",
        channel="online",
        due_at=D(2026, 4, 1),
    )
    dims = ("procedure", "field", "agency", "level", "channel", "month", "quarter", "year")
    rep = report([r], period=MARCH, group_by=dims)
    (row,) = rep.rows
    values = (
        "1.001193",
        "Hộ tịch",
        "UBND phường Linh Chiểu",
        "commune",
        "online",
        "2026-03",
        "2026-Q1",
        "2026",
    )
    assert row.group == tuple(zip(dims, values, strict=True))
    assert rep[values] is row


def test_time_dimensions_can_come_first_and_a_quarter_splits_a_year() -> None:
    rs = [rec(received_at=D(2026, m, 2, 9), due_at=D(2026, m, 5)) for m in (1, 5, 11)]
    rep = report(rs, period="2026", group_by=("quarter", "field"))
    assert [row.group for row in rep] == [
        (("quarter", "2026-Q1"), ("field", "Hộ tịch")),
        (("quarter", "2026-Q2"), ("field", "Hộ tịch")),
        (("quarter", "2026-Q3"), ("field", "Hộ tịch")),
        (("quarter", "2026-Q4"), ("field", "Hộ tịch")),
    ]
    assert rep["2026-Q3", "Hộ tịch"].carried_over == 2  # January's and May's, still open
    assert rep["2026-Q4", "Hộ tịch"].received == 1


def test_text_typed_with_combining_accents_is_the_same_group(tmp_path: Path) -> None:
    """Vietnamese in NFD (Unikey's "Unicode tổ hợp", text pasted on macOS) and in NFC look
    alike: they used to be two groups of the same name."""
    import unicodedata

    composed = "Hộ tịch"
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    rows = [rec(code="A", field=composed), rec(code="B", field=decomposed, agency=decomposed)]
    expected = report(rows[:1] * 2, period=MARCH, group_by=("field",))
    assert [r.group for r in expected] == [(("field", composed),)]
    assert report(rows, period=MARCH, group_by=("field",)) == expected
    assert expected[decomposed] is expected[composed]  # looked up in NFC too
    by_agency = report(rows, period=MARCH, group_by=("field", "agency"))
    assert [r.group for r in by_agency] == [
        (("field", composed), ("agency", "")),
        (("field", composed), ("agency", composed)),
    ]
    path = tmp_path / "d.jsonl"
    lines = [
        {"code": r.code, "received_at": "2026-03-02T09:00", "status": 4, "field": r.field}
        for r in rows
    ]
    path.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    assert report(path, period=MARCH, group_by="field") == report(
        list(read_records(path)), period=MARCH, group_by="field"
    )
    assert [r.group for r in report(path, period=MARCH, group_by="field")] == [
        (("field", composed),)
    ]


def test_a_report_without_grouping_has_only_the_total() -> None:
    rep = report([rec()], period=MARCH)
    assert rep.group_by == ()
    assert len(rep) == 1
    assert rep[()] is rep.rows[0]
    assert rep.rows[0].counts() == rep.total.counts()


def test_row_lookup_by_dimension() -> None:
    row = report([rec()], period=MARCH, group_by="field").rows[0]
    assert row.value("field") == "Hộ tịch"
    with pytest.raises(KeyError):
        row.value("agency")


# ---------------------------------------------------------------- inputs


class _Dossier:
    """Stands in for tthc's dossier: anything with to_record() is read."""

    def __init__(self, record: DossierRecord) -> None:
        self.record = record

    def to_record(self) -> DossierRecord:
        return self.record


def test_reads_records_dossiers_and_mappings_alike() -> None:
    r = rec(due_at=D(2026, 4, 1))
    mapping = {
        "code": "X",
        "received_at": D(2026, 3, 2, 9),
        "due_at": D(2026, 4, 1),
        "status": 4,
        "field": "Hộ tịch",
    }
    rep = report([r, _Dossier(r), mapping], period=MARCH)
    assert rep.total.in_progress_in_time == 3
    assert rep.records == 3


def test_reads_a_stream_once() -> None:
    seen = []

    def stream() -> Any:
        for i in range(3):
            seen.append(i)
            yield rec()

    assert report(stream(), period=MARCH).total.received == 3
    assert seen == [0, 1, 2]


def test_rejects_what_is_not_a_dossier() -> None:
    with pytest.raises(TypeError, match="expected a DossierRecord"):
        report([("X", D(2026, 3, 2))], period=MARCH)

    class Bad:
        def to_record(self) -> object:
            return "nope"

    with pytest.raises(TypeError, match=r"Bad.to_record\(\) returned str"):
        report([Bad()], period=MARCH)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"group_by": "ward"}, "cannot group by 'ward'"),
        ({"group_by": ("field", "field")}, "twice"),
        ({"policy": "fastest"}, "unknown policy 'fastest'"),
        ({"resolution": "signed"}, "unknown resolution 'signed'"),
        ({"as_of": D(2026, 2, 28)}, "must be after the start"),
        ({"as_of": D(2026, 3, 1)}, "must be after the start"),
        ({"policy": "qd-766", "resolution": "returned"}, "first terminal event"),
        ({"policy": "by-session"}, "needs calendar="),
        ({"period": "March"}, "invalid period 'March'"),
    ],
)
def test_invalid_options(options: dict[str, Any], message: str) -> None:
    options.setdefault("period", MARCH)
    with pytest.raises(ValueError, match=message):
        report([], **options)


def test_invalid_option_types() -> None:
    with pytest.raises(TypeError, match="period must be a Period"):
        report([], period=dt.date(2026, 3, 1))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="policy must be"):
        report([], period=MARCH, policy=3)  # type: ignore[arg-type]


# ---------------------------------------------------------------- merge


def test_merge_refuses_reports_that_differ() -> None:
    a = report([], period=MARCH)
    for other, what in [
        (report([], period="2026-04"), "period"),
        (report([], period=MARCH, as_of=D(2026, 3, 9)), "cut"),
        (report([], period=MARCH, policy="qd-766"), "policy"),
        (report([], period=MARCH, resolution="returned"), "resolution"),
        (report([], period=MARCH, group_by="field"), "group_by"),
    ]:
        with pytest.raises(ValueError, match=f"different {what}"):
            a.merge(other)


def test_a_report_is_a_value() -> None:
    import pickle

    rep = report([rec(), rec(field="Đất đai")], period=MARCH, group_by="field")
    again = pickle.loads(pickle.dumps(rep))
    assert again == rep
    assert again["Đất đai"].received == 1
    assert hash(again) == hash(rep)
    assert isinstance(rep, Report)


def test_reports_judged_with_different_calendars_do_not_merge() -> None:
    """by-session reads the office sessions: a province's calendar may judge differently."""
    import functools

    from tthc.calendar import WorkingCalendar
    from tthc.reports import report

    national = WorkingCalendar.vietnam()
    local = national.derive(name="vn-example-province")
    make = functools.partial(report, [], period="2026-Q1", policy="by-session")
    a, b = make(calendar=national), make(calendar=local)
    assert (a.calendar, b.calendar) == ("vn", "vn-example-province")
    assert a.merge(make(calendar=national)) == a
    with pytest.raises(ValueError, match="different calendar: vn and vn-example-province"):
        a.merge(b)
    assert report([], period="2026-Q1").calendar is None
