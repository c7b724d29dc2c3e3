"""Invariants of day and working-time arithmetic, checked with Hypothesis.

Two calendars: the national one, and a derived one with uneven days (a half-day Friday,
an extra day off, an extra working Sunday) so the non-uniform code paths are exercised.
"""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tthc import WorkingCalendar
from tthc.calendar import OfficeHours
from tthc.strategies import instants_in_office_hours, receipt_times, working_days

VN = WorkingCalendar.vietnam()
UNEVEN = VN.derive(
    name="uneven",
    office_hours=OfficeHours.parse(
        {"mon-thu": "07:30-11:30, 13:00-17:00", "fri": "08:00-11:00"}, makeup_as="fri"
    ),
    days_off=[dt.date(2026, 3, 4)],
    working_days=[dt.date(2026, 3, 8)],
)
calendars = st.sampled_from([VN, UNEVEN])
# Keep clear of the range ends so that results stay inside it.
dates = st.dates(min_value=dt.date(2003, 1, 1), max_value=dt.date(2095, 12, 31))
near = st.dates(min_value=dt.date(2014, 6, 1), max_value=dt.date(2027, 6, 30))
any_date = st.one_of(dates, near)
steps = st.integers(min_value=-300, max_value=300)
counts = st.integers(min_value=0, max_value=300)
# Any instant, session edges often, seconds and microseconds sometimes.
instants = st.one_of(
    receipt_times(min_value=dt.datetime(2003, 1, 1), max_value=dt.datetime(2095, 12, 31, 23, 59)),
    receipt_times(min_value=dt.datetime(2014, 6, 1), max_value=dt.datetime(2027, 6, 30, 23, 59)),
)
deltas = st.builds(
    lambda minutes, micro: dt.timedelta(minutes=minutes, microseconds=micro),
    st.integers(min_value=-60 * 8 * 40, max_value=60 * 8 * 40),
    st.sampled_from([0, 0, 0, 1, 500_000]),
)


def _in_session(cal: WorkingCalendar, moment: dt.datetime, *, closed_end: bool) -> bool:
    for start, end in cal.counting_sessions(moment.date()):
        a, b = dt.datetime.combine(moment.date(), start), dt.datetime.combine(moment.date(), end)
        if (a < moment <= b) if closed_end else (a <= moment < b):
            return True
    return False


def _reference_add(cal: WorkingCalendar, at: dt.datetime, delta: dt.timedelta) -> dt.datetime:
    """Walk the sessions day by day: slow, obviously right, for positive deltas."""
    remaining, cursor, day = delta, at, at.date()
    while True:
        for start, end in cal.counting_sessions(day):
            first = max(cursor, dt.datetime.combine(day, start))
            last = dt.datetime.combine(day, end)
            if first >= last:
                continue
            if remaining <= last - first:
                return first + remaining
            remaining -= last - first
        day += dt.timedelta(days=1)
        cursor = dt.datetime.combine(day, dt.time())


@given(calendars, any_date, steps)
def test_a_result_is_a_working_day_on_the_right_side(
    cal: WorkingCalendar, day: dt.date, n: int
) -> None:
    result = cal.add_working_days(day, n)
    if n == 0:
        assert result == day
    else:
        assert cal.is_working_day(result)
        assert (result > day) if n > 0 else (result < day)


@given(calendars, any_date, counts, counts)
def test_adding_composes(cal: WorkingCalendar, day: dt.date, n: int, m: int) -> None:
    assert cal.add_working_days(cal.add_working_days(day, n), m) == cal.add_working_days(day, n + m)


@given(calendars, any_date, counts)
def test_between_inverts_add(cal: WorkingCalendar, day: dt.date, n: int) -> None:
    assert cal.working_days_between(day, cal.add_working_days(day, n)) == n


@given(calendars, steps, st.data())
def test_between_inverts_add_from_a_working_day(
    cal: WorkingCalendar, n: int, data: st.DataObject
) -> None:
    day = data.draw(
        working_days(calendar=cal, min_value=dt.date(2003, 1, 1), max_value=dt.date(2095, 12, 31))
        | working_days(calendar=cal, min_value=dt.date(2014, 6, 1), max_value=dt.date(2027, 6, 30))
    )
    assert cal.working_days_between(day, cal.add_working_days(day, n)) == n


@given(calendars, any_date, any_date, steps)
def test_add_working_days_is_monotonic(
    cal: WorkingCalendar, a: dt.date, b: dt.date, n: int
) -> None:
    a, b = min(a, b), max(a, b)
    assert cal.add_working_days(a, n) <= cal.add_working_days(b, n)


@given(calendars, any_date, st.integers(min_value=-12, max_value=12))
def test_add_working_days_matches_a_day_by_day_walk(
    cal: WorkingCalendar, day: dt.date, n: int
) -> None:
    step = dt.timedelta(days=1 if n > 0 else -1)
    expected, left = day, abs(n)
    while left:
        expected += step
        left -= cal.is_working_day(expected)
    assert cal.add_working_days(day, n) == expected


@given(calendars, any_date, any_date)
def test_between_is_antisymmetric(cal: WorkingCalendar, a: dt.date, b: dt.date) -> None:
    assert cal.working_days_between(a, b) == -cal.working_days_between(b, a)


@given(calendars, instants, deltas)
def test_working_time_between_inverts_add_working_time(
    cal: WorkingCalendar, at: dt.datetime, delta: dt.timedelta
) -> None:
    assert cal.working_time_between(at, cal.add_working_time(at, delta)) == delta


@given(calendars, instants, st.data())
def test_add_working_time_inverts_working_time_between(
    cal: WorkingCalendar, a: dt.datetime, data: st.DataObject
) -> None:
    """From any instant to one inside a session (not its opening), and back."""
    b = data.draw(
        instants_in_office_hours(
            calendar=cal, min_value=dt.datetime(2014, 6, 1), max_value=dt.datetime(2027, 6, 30)
        )
    )
    assume(b.time() not in {start for start, _ in cal.counting_sessions(b.date())})
    delta = cal.working_time_between(a, b)
    assume(delta)
    assert cal.add_working_time(a, delta) == b


@given(calendars, instants, deltas)
def test_add_working_time_lands_in_a_session(
    cal: WorkingCalendar, at: dt.datetime, delta: dt.timedelta
) -> None:
    assume(delta)
    result = cal.add_working_time(at, delta)
    assert _in_session(cal, result, closed_end=delta > dt.timedelta(0))
    assert (result > at) if delta > dt.timedelta(0) else (result < at)


@given(calendars, instants, st.integers(min_value=1, max_value=60 * 8 * 6))
def test_add_working_time_matches_a_session_walk(
    cal: WorkingCalendar, at: dt.datetime, minutes: int
) -> None:
    delta = dt.timedelta(minutes=minutes)
    assert cal.add_working_time(at, delta) == _reference_add(cal, at, delta)


@given(calendars, instants, instants, deltas)
def test_add_working_time_is_monotonic(
    cal: WorkingCalendar, a: dt.datetime, b: dt.datetime, delta: dt.timedelta
) -> None:
    a, b = min(a, b), max(a, b)
    assume(delta)
    assert cal.add_working_time(a, delta) <= cal.add_working_time(b, delta)


@given(calendars, instants)
def test_next_counting_instant_is_the_first_counting_moment(
    cal: WorkingCalendar, at: dt.datetime
) -> None:
    found = cal.next_counting_instant(at)
    assert found >= at
    assert _in_session(cal, found, closed_end=False)
    assert cal.working_time_between(at, found) == dt.timedelta(0)


@given(calendars, any_date)
def test_closing_time_is_the_end_of_the_last_counting_session(
    cal: WorkingCalendar, day: dt.date
) -> None:
    sessions = cal.counting_sessions(day)
    if sessions:
        assert cal.closing_time(day) == dt.datetime.combine(day, sessions[-1][1])
    else:
        with pytest.raises(ValueError, match="not a working day"):
            cal.closing_time(day)
