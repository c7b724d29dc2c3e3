"""Deadlines explain themselves: the trace and the text in Vietnamese and English."""

from __future__ import annotations

import datetime as dt

import pytest

from tthc import Duration, compute_deadline
from tthc.calendar import WorkingCalendar
from tthc.deadlines import (
    HALF_DAY_SESSIONS,
    NEXT_OPENING,
    POLICIES,
    WORKING_TIME_QUARTER,
    Counting,
    DeadlinePolicy,
    StepKind,
)
from tthc.errors import DeadlineError

VN = WorkingCalendar.vietnam()


def test_trace_lists_each_counted_and_skipped_day_with_its_reason() -> None:
    deadline = compute_deadline(Duration.working_days(3), dt.datetime(2026, 2, 12, 10), calendar=VN)
    kinds = [s.kind for s in deadline.trace]
    assert kinds[0] is StepKind.RECEIVED
    assert kinds[-1] is StepKind.DUE
    counted = [s.at for s in deadline.trace if s.kind is StepKind.COUNTED]
    assert counted == [dt.date(2026, 2, 13), dt.date(2026, 2, 23), dt.date(2026, 2, 24)]
    skipped = [s for s in deadline.trace if s.kind is StepKind.SKIPPED]
    assert [s.at for s in skipped] == [dt.date(2026, 2, d) for d in range(14, 23)]
    tet = next(s for s in skipped if s.at == dt.date(2026, 2, 17))
    assert "Tết" in tet.note_vi


def test_explain_in_both_languages() -> None:
    deadline = compute_deadline(
        Duration.parse("same day, cut-off 15:00"), dt.datetime(2026, 2, 13, 15, 30), calendar=VN
    )
    vi = deadline.explain()
    en = deadline.explain("en")
    assert "Tiếp nhận lúc 15:30 thứ Sáu 13/02/2026" in vi
    assert "sau 15:00" in vi
    assert vi.endswith("Hẹn trả kết quả: 17:00 thứ Hai 23/02/2026.")
    assert "after the 15:00 cut-off" in en
    assert en.endswith("Due 17:00 Mon 2026-02-23.")
    with pytest.raises(ValueError, match="lang"):
        deadline.explain("fr")


def test_explain_mentions_snapping_rolling_rounding_and_windows() -> None:
    saturday = compute_deadline(
        Duration.working_days(1), dt.datetime(2026, 3, 7, 9, 0), calendar=VN
    )
    assert saturday.day_not_counted == dt.date(2026, 3, 7)
    assert (
        "the receipt day, Sat 2026-03-07, is the day not counted; counting starts the next "
        "day (BLDS 2015 Art. 147(2))"
    ) in saturday.explain("en")
    assert "không tính ngày tiếp nhận thứ Bảy 07/03/2026" in saturday.explain("vi")
    assert [s.at for s in saturday.trace if s.kind is StepKind.COUNTED] == [dt.date(2026, 3, 9)]
    deemed = compute_deadline(
        Duration.working_days(1), dt.datetime(2026, 3, 7, 9, 0), calendar=VN, policy=NEXT_OPENING
    )
    assert deemed.day_not_counted == dt.date(2026, 3, 9)
    assert (
        "deemed received at 07:30 Mon 2026-03-09, the next opening (policy next-opening: "
        "QĐ 2988/QĐ-TCHQ Art. 7(5), TT 87/2021/TT-BTC Art. 10)"
    ) in deemed.explain("en")
    hours = compute_deadline(Duration.working_hours(2), dt.datetime(2026, 3, 7, 9, 0), calendar=VN)
    assert hours.day_not_counted == dt.date(2026, 3, 9)
    assert "counting starts at 07:30 Mon 2026-03-09, the next opening" in hours.explain("en")
    rolled = compute_deadline(Duration.calendar_days(15), dt.datetime(2026, 4, 15, 10), calendar=VN)
    assert StepKind.ROLLED_FORWARD in [s.kind for s in rolled.trace]
    assert "Art. 148(5)" in rolled.explain("en")
    rounded = compute_deadline(
        Duration.working_days(1),
        dt.datetime(2026, 3, 2, 10, 7),
        calendar=VN,
        policy=WORKING_TIME_QUARTER,
    )
    assert "10:07:00 rounded up to 10:15" in rounded.explain("en")
    session = compute_deadline(
        Duration.working_days(1), dt.datetime(2026, 3, 2, 9), calendar=VN, policy=HALF_DAY_SESSIONS
    )
    assert "(window 07:30-11:30)" in session.explain("en")
    assert "trong khoảng 07:30-11:30" in session.explain("vi")


def test_deadlines_are_values() -> None:
    a = compute_deadline(Duration.working_days(1), dt.datetime(2026, 3, 2, 9), calendar=VN)
    b = compute_deadline(Duration.working_days(1), dt.datetime(2026, 3, 2, 9), calendar=VN)
    assert a == b
    assert hash(a) == hash(b)
    assert a != compute_deadline(Duration.working_days(2), dt.datetime(2026, 3, 2, 9), calendar=VN)
    assert a != "x"
    assert "policy='civil-code'" in repr(a)


def test_plain_date_receipt_is_refused() -> None:
    with pytest.raises(TypeError, match="expected a datetime"):
        compute_deadline(Duration.working_days(1), dt.date(2026, 3, 2), calendar=VN)  # type: ignore[arg-type]


def test_phases_in_hours_cannot_be_counted() -> None:
    weird = Duration.sequence(Duration.working_hours(4), Duration.working_days(1))
    with pytest.raises(DeadlineError, match="phases are counted in whole"):
        compute_deadline(weird, dt.datetime(2026, 3, 2, 9), calendar=VN)


def test_policy_values_are_checked_and_named() -> None:
    with pytest.raises(ValueError, match="round_up_to"):
        DeadlinePolicy("bad", Counting.DAYS, round_up_to=15)
    with pytest.raises(ValueError, match="round_up_to"):
        DeadlinePolicy("bad", Counting.WORKING_TIME, round_up_to=0)
    assert str(POLICIES["civil-code"]) == "civil-code"
    assert all(p.description for p in POLICIES.values())


def test_phases_trace_their_working_days_and_the_roll_forward_of_the_end() -> None:
    """5 working days from Mon 02/03, then 19 calendar days: Sat 28/03, moved to Mon 30/03."""
    limit = Duration.parse("5 working days then 19 calendar days")
    deadline = compute_deadline(limit, dt.datetime(2026, 3, 2, 9), calendar=VN)
    assert deadline.due_at == dt.datetime(2026, 3, 30, 17)
    rolled = [s.at for s in deadline.trace if s.kind is StepKind.ROLLED_FORWARD]
    assert rolled == [dt.date(2026, 3, 28)]
    counted = [s.at for s in deadline.trace if s.kind is StepKind.COUNTED]
    assert counted[:5] == [dt.date(2026, 3, d) for d in (3, 4, 5, 6, 9)]
    assert "Art. 148(5)" in deadline.explain("en")


def test_the_estimated_years_of_a_deadline() -> None:
    vn = WorkingCalendar.vietnam()
    known = compute_deadline(Duration.working_days(3), dt.datetime(2026, 3, 2, 9), calendar=vn)
    assert (known.estimated, known.estimated_years) == (False, ())
    across = compute_deadline(Duration.calendar_days(800), dt.datetime(2026, 3, 2, 9), calendar=vn)
    assert across.estimated_years == (2027, 2028)
    none = compute_deadline(Duration.none(), dt.datetime(2031, 3, 3, 9), calendar=vn)
    assert none.estimated_years == (2031,)


def test_a_same_day_first_phase_explains_its_cut_off_and_counts_three_days() -> None:
    """NĐ 23/2015/NĐ-CP Art. 7 and 21: after 15:00, the next working day plus 2 working days."""
    extended = Duration.parse("same day, cut-off 15:00 then 2 working days")
    deadline = compute_deadline(extended, dt.datetime(2026, 3, 2, 15, 30), calendar=VN)
    assert deadline.due_at == dt.datetime(2026, 3, 5, 17, 0)
    assert "after the 15:00 cut-off" in deadline.explain("en")
    counted = [s.at for s in deadline.trace if s.kind is StepKind.COUNTED]
    assert counted == [dt.date(2026, 3, 3), dt.date(2026, 3, 4), dt.date(2026, 3, 5)]


def test_a_same_day_phase_after_another_phase_is_refused() -> None:
    odd = Duration.parse("2 working days then same day")
    with pytest.raises(DeadlineError, match="after an optional first same-day phase"):
        compute_deadline(odd, dt.datetime(2026, 3, 2, 10), calendar=VN)
