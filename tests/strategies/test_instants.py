"""Instants inside and outside office hours, and receipt times: what they say, in range."""

from __future__ import annotations

import datetime as dt

from hypothesis import find, given, settings
from hypothesis import strategies as st

from tthc.calendar import OfficeHours, WorkingCalendar
from tthc.strategies import (
    calendars,
    instants_in_office_hours,
    instants_outside_office_hours,
    receipt_times,
)

from .conftest import VN, in_office_hours

T = dt.datetime
#: A start instant and a span of 1 minute to 20 days.
RANGES = st.tuples(st.datetimes(T(2014, 12, 25), T(2026, 12, 1)), st.integers(1, 20 * 24 * 60)).map(
    lambda r: (r[0], r[0] + dt.timedelta(minutes=r[1]))
)
LOCAL = calendars(min_value=dt.date(2026, 1, 1), max_value=dt.date(2026, 6, 30))


def _has_counting_time(cal: WorkingCalendar, lo: T, hi: T) -> bool:
    return cal.next_counting_instant(lo) <= hi


@settings(max_examples=100, deadline=None)
@given(RANGES, st.data())
def test_instants_in_office_hours_are_in_a_session_inside_the_range(
    bounds: tuple[T, T], data: st.DataObject
) -> None:
    lo, hi = bounds
    if not _has_counting_time(VN, lo, hi):
        return
    at = data.draw(instants_in_office_hours(min_value=lo, max_value=hi))
    assert lo <= at <= hi
    assert in_office_hours(VN, at)


@settings(max_examples=100, deadline=None)
@given(RANGES, st.data())
def test_instants_outside_office_hours_are_outside_every_session(
    bounds: tuple[T, T], data: st.DataObject
) -> None:
    lo, hi = bounds
    if VN.working_time_between(lo, hi) == hi - lo and in_office_hours(VN, hi):
        return  # the whole range is counting time
    at = data.draw(instants_outside_office_hours(min_value=lo, max_value=hi))
    assert lo <= at <= hi
    assert not in_office_hours(VN, at)


@settings(max_examples=100, deadline=None)
@given(RANGES, st.data())
def test_receipt_times_lie_in_any_range(bounds: tuple[T, T], data: st.DataObject) -> None:
    lo, hi = bounds
    at = data.draw(receipt_times(min_value=lo, max_value=hi))
    assert lo <= at <= hi


@settings(max_examples=20, deadline=None)
@given(st.data())
def test_instants_follow_a_local_calendars_hours(data: st.DataObject) -> None:
    local = data.draw(LOCAL)
    lo, hi = T(2026, 1, 1), T(2026, 6, 30, 23, 59)
    inside = data.draw(instants_in_office_hours(calendar=local, min_value=lo, max_value=hi))
    outside = data.draw(instants_outside_office_hours(calendar=local, min_value=lo, max_value=hi))
    assert in_office_hours(local, inside)
    assert not in_office_hours(local, outside)
    assert lo <= data.draw(receipt_times(calendar=local, min_value=lo, max_value=hi)) <= hi


def test_a_range_of_one_counting_instant_gives_it() -> None:
    at = T(2026, 3, 2, 10, 0, 30, 5)
    assert find(instants_in_office_hours(min_value=at, max_value=at), lambda a: True) == at
    assert find(receipt_times(min_value=at, max_value=at), lambda a: True) == at
    end = T(2026, 3, 2, 11, 30)  # a session's end is outside it
    assert find(instants_outside_office_hours(min_value=end, max_value=end), lambda a: True) == end


def test_instants_shrink_towards_the_first_of_their_kind() -> None:
    friday_evening = T(2026, 3, 6, 17)
    monday_morning = T(2026, 3, 2, 9)
    assert find(instants_in_office_hours(min_value=friday_evening), lambda a: True) == T(
        2026, 3, 9, 7, 30
    )
    assert find(instants_outside_office_hours(min_value=monday_morning), lambda a: True) == T(
        2026, 3, 2, 11, 30
    )
    assert find(receipt_times(min_value=friday_evening), lambda a: True) == T(2026, 3, 9, 7, 30)


def test_receipt_times_reach_every_edge_of_a_day() -> None:
    """Openings, session ends and the 15:00 cut-off, and a minute either side of each."""
    day = dt.date(2026, 3, 3)
    times = receipt_times(min_value=T(2026, 3, 3), max_value=T(2026, 3, 3, 23, 59, 59, 999_999))
    for edge in ("07:29", "07:30", "11:30", "11:31", "12:59", "14:59", "15:00", "15:01", "17:00"):
        target = dt.datetime.combine(day, dt.time.fromisoformat(edge))
        assert find(times, lambda at, target=target: at == target) == target


def test_receipt_times_reach_days_off_and_seconds() -> None:
    times = receipt_times(min_value=T(2026, 2, 13), max_value=T(2026, 2, 23, 23, 59))
    assert not VN.is_working_day(find(times, lambda at: not VN.is_working_day(at.date())).date())
    assert find(times, lambda at: at.second != 0).second != 0


@settings(max_examples=30, deadline=None)
@given(
    instants_outside_office_hours(
        calendar=VN.derive(
            name="night-shift", office_hours=OfficeHours.parse({"mon-fri": "00:00-12:00"})
        ),
        min_value=T(2026, 3, 2),
        max_value=T(2026, 3, 6, 23, 59),
    )
)
def test_a_day_opening_at_midnight_has_no_night_before_it(at: T) -> None:
    assert at.time() >= dt.time(12)
