"""Office hours and local calendars: usable for counting, and changed only where asked."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tthc.calendar import DayKind, OfficeHours, WorkingCalendar
from tthc.strategies import calendars, office_hours

from .conftest import VN, VN_ANNOUNCED

LO, HI = dt.date(2026, 1, 1), dt.date(2026, 12, 31)
ONE_DAY = dt.timedelta(days=1)


@settings(max_examples=50, deadline=None)
@given(
    st.integers(0, 22 * 60).flatmap(
        lambda first: st.tuples(st.just(first), st.integers(first + 1, 23 * 60 + 59))
    ),
    st.booleans(),
    st.data(),
)
def test_office_hours_open_every_working_weekday_between_the_bounds(
    bounds: tuple[int, int], weekends: bool, data: st.DataObject
) -> None:
    first, last = (dt.time(*divmod(m, 60)) for m in bounds)
    hours = data.draw(office_hours(min_value=first, max_value=last, allow_weekends=weekends))
    for weekday in (*range(5), hours.makeup_as):
        assert hours.sessions(weekday)
    for day in hours.week:
        for start, end in day:
            assert first <= start < end <= last
    if not weekends:
        assert hours.week[5:] == ((), ())
    VN.derive(name="counting", office_hours=hours)  # a calendar can count with them


def _changed_days(local: WorkingCalendar, base: WorkingCalendar) -> list[dt.date]:
    return [
        info.date
        for info in local.days(LO - 7 * ONE_DAY, HI + 7 * ONE_DAY)
        if info != base.day_info(info.date)
    ]


@settings(max_examples=30, deadline=None)
@given(calendars(min_value=LO, max_value=HI))
def test_local_calendars_change_days_only_in_their_range_and_as_their_kind_says(
    local: WorkingCalendar,
) -> None:
    assert local.name == "local"
    changed = _changed_days(local, VN)
    assert len(changed) <= 5 + 3
    for day in changed:
        assert LO <= day <= HI
        info = local.day_info(day)
        if info.is_working:  # an extra working day on a day off
            assert not VN.is_working_day(day)
            assert info.kind is (DayKind.MAKEUP if day.weekday() >= 5 else DayKind.WORKING)
        else:  # an extra day off on a working day
            assert VN.is_working_day(day)
            assert info.kind in (DayKind.HOLIDAY, DayKind.COMPENSATORY, DayKind.SWAPPED)
    for weekday in (*range(5), local.office_hours.makeup_as):
        assert local.office_hours.sessions(weekday)


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_suspended_reception_closes_the_counter_and_keeps_counting(data: st.DataObject) -> None:
    local = data.draw(
        calendars(
            min_value=LO,
            max_value=HI,
            max_days_off=0,
            max_working_days=0,
            max_suspensions=3,
            office_hours=st.none(),
            reception_hours=st.none(),
        )
    )
    assert _changed_days(local, VN) == []
    for day in (LO + k * ONE_DAY for k in range((HI - LO).days + 1)):
        if not local.reception_sessions(day) and VN.reception_sessions(day):
            assert local.counting_sessions(day) == VN.counting_sessions(day)


@settings(max_examples=10, deadline=None)
@given(
    calendars(
        base=VN_ANNOUNCED, office_hours=st.just(OfficeHours.parse({"mon-fri": "08:00-16:00"}))
    )
)
def test_calendars_keep_the_base_refusing_estimates(local: WorkingCalendar) -> None:
    assert not local.estimates
    assert str(local.office_hours).startswith("mon-fri 08:00-16:00")


@settings(max_examples=5, deadline=None)
@given(calendars(min_value=dt.date(2026, 2, 14), max_value=dt.date(2026, 2, 22)))
def test_a_range_of_days_off_only_gets_no_extra_day_off(local: WorkingCalendar) -> None:
    """Tết 14-22/02/2026 has no working day to take off; extra working days are possible."""
    for day in _changed_days(local, VN):
        assert local.is_working_day(day)
