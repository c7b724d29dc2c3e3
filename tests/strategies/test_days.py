"""Working days, days off and day information: always what they say, inside their range."""

from __future__ import annotations

import datetime as dt

from hypothesis import find, given, settings
from hypothesis import strategies as st

from tthc.calendar import DayKind
from tthc.strategies import calendars, day_infos, non_working_days, working_days
from tthc.strategies._days import _nth_day_off

from .conftest import VN, VN_ANNOUNCED

ONE_DAY = dt.timedelta(days=1)
#: A start date and a span of 1 to 120 days inside the national calendar's range.
RANGES = st.tuples(st.dates(dt.date(2000, 1, 1), dt.date(2099, 8, 1)), st.integers(0, 119)).map(
    lambda r: (r[0], r[0] + r[1] * ONE_DAY)
)


@settings(max_examples=100, deadline=None)
@given(RANGES, st.data())
def test_working_days_are_working_days_inside_the_range(
    bounds: tuple[dt.date, dt.date], data: st.DataObject
) -> None:
    lo, hi = bounds
    if VN.working_days_between(lo, hi) + VN.is_working_day(lo) == 0:
        return  # a range of days off only (Tết): the strategy refuses it, tested elsewhere
    day = data.draw(working_days(min_value=lo, max_value=hi))
    assert lo <= day <= hi
    assert VN.is_working_day(day)


@settings(max_examples=100, deadline=None)
@given(RANGES, st.data())
def test_non_working_days_are_days_off_inside_the_range(
    bounds: tuple[dt.date, dt.date], data: st.DataObject
) -> None:
    lo, hi = bounds
    if VN.working_days_between(lo, hi) + VN.is_working_day(lo) == (hi - lo).days + 1:
        return  # a range of working days only
    day = data.draw(non_working_days(min_value=lo, max_value=hi))
    assert lo <= day <= hi
    assert not VN.is_working_day(day)


@settings(max_examples=100, deadline=None)
@given(RANGES, st.integers(0, 200))
def test_the_k_th_day_off_is_found_by_bisection(bounds: tuple[dt.date, dt.date], k: int) -> None:
    """The index behind non_working_days() against a walk over every day."""
    lo, hi = bounds
    span = (hi - lo).days + 1
    days_off = [lo + i * ONE_DAY for i in range(span) if not VN.is_working_day(lo + i * ONE_DAY)]
    if k < len(days_off):
        assert _nth_day_off(VN, lo, span, k) == days_off[k]


def test_every_working_day_of_a_month_can_be_drawn() -> None:
    """No day is out of reach: each working day of February 2026 is found."""
    month = working_days(min_value=dt.date(2026, 2, 1), max_value=dt.date(2026, 2, 28))
    expected = [d for d in VN.days(dt.date(2026, 2, 1), dt.date(2026, 2, 28)) if d.is_working]
    assert len(expected) == 15  # Tết 14-22/02 off: Monday 16 to Friday 20
    for info in expected:
        assert find(month, lambda day, target=info.date: day == target) == info.date


def test_a_single_day_range_gives_that_day() -> None:
    assert find(working_days(min_value=dt.date(2026, 1, 10), max_value=dt.date(2026, 1, 10)),
                lambda day: True) == dt.date(2026, 1, 10)  # a make-up Saturday  # fmt: skip
    assert find(
        non_working_days(min_value=dt.date(2026, 1, 2), max_value=dt.date(2026, 1, 2)),
        lambda day: True,
    ) == dt.date(2026, 1, 2)  # the swapped Friday


def test_days_shrink_towards_the_start_of_the_range() -> None:
    start = dt.date(2026, 4, 24)  # a Friday; 25-26 weekend, 27 Hùng Kings (observed)
    assert find(working_days(min_value=start), lambda day: day > start) == dt.date(2026, 4, 28)
    assert find(non_working_days(min_value=start), lambda day: True) == dt.date(2026, 4, 25)
    assert find(day_infos(min_value=start), lambda info: True).date == start


@settings(max_examples=50, deadline=None)
@given(day_infos(calendar=VN_ANNOUNCED))
def test_day_infos_are_what_the_calendar_says_in_the_years_it_answers_for(info) -> None:  # type: ignore[no-untyped-def]
    assert 2015 <= info.date.year <= 2026
    assert info == VN_ANNOUNCED.day_info(info.date)
    assert not info.estimated


@settings(max_examples=20, deadline=None)
@given(st.data())
def test_days_of_a_local_calendar_follow_that_calendar(data: st.DataObject) -> None:
    local = data.draw(calendars(min_value=dt.date(2026, 1, 1), max_value=dt.date(2026, 3, 31)))
    lo, hi = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
    assert local.is_working_day(data.draw(working_days(calendar=local, min_value=lo, max_value=hi)))
    day_off = data.draw(non_working_days(calendar=local, min_value=lo, max_value=hi))
    assert local.day_info(day_off).kind is not DayKind.WORKING


def test_day_infos_of_a_range_of_working_days_only() -> None:
    week = day_infos(min_value=dt.date(2026, 3, 2), max_value=dt.date(2026, 3, 6))
    assert find(week, lambda info: info.date.weekday() == 4).kind is DayKind.WORKING
