"""Limits in months: BLDS 2015 Art. 147(2) (the day of receipt is not counted), Art. 148(3)
(the period ends on the corresponding day of the last month, or that month's last day when it
has none) and Art. 148(5) (an end on a non-working day moves to the next working day)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tthc import Duration, WorkingCalendar, compute_deadline
from tthc.catalog._durations import budget_problem, not_longer
from tthc.deadlines._counting import months_later

VN = WorkingCalendar.vietnam()


@pytest.mark.parametrize(
    ("received", "months", "due"),
    [
        # Thu 15/01/2026 + 2 months: Sun 15/03/2026, a non-working day -> Mon 16/03/2026
        (dt.datetime(2026, 1, 15, 9), 2, dt.datetime(2026, 3, 16, 17)),
        # Thu 30/04/2026, a holiday, is still the day not counted (Art. 147(2)): Sat 30/05
        # -> Mon 01/06/2026 (under the next-opening policy it would be Thu 04/06)
        (dt.datetime(2026, 4, 30, 9), 1, dt.datetime(2026, 6, 1, 17)),
        # Fri 30/01/2026 + 1 month: February has no 30th -> its last day, Sat 28/02 -> Mon 02/03
        (dt.datetime(2026, 1, 30, 9), 1, dt.datetime(2026, 3, 2, 17)),
        # Tue 31/03/2026 + 1 month: Thu 30/04/2026 is a holiday (and 01/05 too) -> Mon 04/05
        (dt.datetime(2026, 3, 31, 9), 1, dt.datetime(2026, 5, 4, 17)),
        # Wed 10/06/2026 + 12 months: Thu 10/06/2027
        (dt.datetime(2026, 6, 10, 9), 12, dt.datetime(2027, 6, 10, 17)),
    ],
)
def test_due_dates_in_months(received: dt.datetime, months: int, due: dt.datetime) -> None:
    assert compute_deadline(Duration.months(months), received, calendar=VN).due_at == due


def test_the_explanation_says_where_the_end_was_moved() -> None:
    deadline = compute_deadline(Duration.months(2), dt.datetime(2026, 1, 15, 9), calendar=VN)
    assert "2 months end on a non-working day, Sun 2026-03-15" in deadline.explain("en")


@given(st.dates(dt.date(2000, 1, 1), dt.date(2090, 12, 31)), st.integers(0, 120))
def test_the_end_is_the_same_numbered_day_or_the_last_of_the_month(
    day: dt.date, months: int
) -> None:
    end = months_later(day, months)
    assert (end.year * 12 + end.month) - (day.year * 12 + day.month) == months
    if end.day != day.day:
        assert end.day < day.day
        assert (end + dt.timedelta(days=1)).day == 1  # the month's last day


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2 months", 2), ("1 month", 1), ("02 tháng", 2), ("3 Tháng", 3)],
)
def test_months_parse_and_print_back(text: str, expected: int) -> None:
    duration = Duration.parse(text)
    assert duration == Duration.months(expected)
    assert Duration.parse(str(duration)) == duration
    assert Duration.parse(duration.format("vi")) == duration
    assert Duration.from_data(duration.to_data()) == duration


def test_months_are_whole() -> None:
    with pytest.raises(ValueError, match="months must be whole months"):
        Duration.months(1.5)  # type: ignore[arg-type]


def test_months_compare_only_with_months() -> None:
    assert not_longer(Duration.months(1), Duration.months(2)) is True
    assert not_longer(Duration.months(3), Duration.months(2)) is False
    assert not_longer(Duration.months(1), Duration.calendar_days(31)) is None
    assert budget_problem([Duration.working_days(5)], Duration.months(1)) is None


def test_the_next_opening_policy_starts_a_month_after_a_holiday_receipt() -> None:
    """Deemed received Mon 04/05 (after 30/04 and 01/05): one month ends Thu 04/06/2026."""
    from tthc.deadlines import NEXT_OPENING

    received = dt.datetime(2026, 4, 30, 9)
    deadline = compute_deadline(Duration.months(1), received, calendar=VN, policy=NEXT_OPENING)
    assert deadline.due_at == dt.datetime(2026, 6, 4, 17)
