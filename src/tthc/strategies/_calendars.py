"""Strategies for office hours and for local calendars layered on the national one."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from tthc.calendar import (
    DEFAULT_OFFICE_HOURS,
    DayChange,
    DayKind,
    OfficeHours,
    Session,
    Source,
    WorkingCalendar,
)
from tthc.strategies._days import non_working_days, working_days
from tthc.strategies._validation import (
    check_bool,
    check_calendar,
    check_date_range,
    check_size,
    check_strategy,
    check_text,
    check_time,
)

__all__ = ["calendars", "office_hours"]

_ONE_DAY = dt.timedelta(days=1)
#: The example document local changes cite (not a real decision).
_LOCAL_SOURCE = Source("QĐ 1/QĐ-UBND (example)")


def _minute(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def _fits(hours: OfficeHours, first: int, last: int) -> bool:
    return all(first <= _minute(a) and _minute(b) <= last for day in hours.week for a, b in day)


def office_hours(
    *,
    min_value: dt.time = dt.time(6, 0),
    max_value: dt.time = dt.time(18, 0),
    allow_weekends: bool = True,
) -> st.SearchStrategy[OfficeHours]:
    """Office hours a calendar can count with: one or two sessions on every weekday.

    Monday to Friday always have at least one session, and so does the weekday make-up
    days borrow (``makeup_as``), so every working day of a calendar has counting hours.
    Weekdays often share the same sessions; some have their own (a half-day Friday).

    Args:
        min_value: The earliest opening, in whole minutes.
        max_value: The latest closing, in whole minutes.
        allow_weekends: Whether Saturday and Sunday may have a session (a Saturday-morning
            counter, as reception hours; make-up days may then borrow Saturday's hours).

    Raises:
        hypothesis.errors.InvalidArgument: At call time, for a bound that is not a naive
            whole-minute time, or ``min_value >= max_value``.

    Examples shrink towards :data:`tthc.calendar.DEFAULT_OFFICE_HOURS` (Monday to Friday
    07:30-11:30 and 13:00-17:00) when it fits between the bounds, else towards one session
    from ``min_value`` on every weekday, then towards weekdays sharing their sessions and
    closed weekends.

    >>> import datetime as dt
    >>> from hypothesis import given, settings
    >>> from tthc import WorkingCalendar
    >>> from tthc.strategies import office_hours
    >>> @settings(max_examples=10)
    ... @given(office_hours(min_value=dt.time(7), max_value=dt.time(17, 30)))
    ... def test_a_calendar_counts_with_them(hours):
    ...     local = WorkingCalendar.vietnam().derive(name="local", office_hours=hours)
    ...     assert local.counting_sessions(dt.date(2026, 3, 6))  # a Friday
    >>> test_a_calendar_counts_with_them()
    """
    first = _minute(check_time(min_value, "min_value"))
    last = _minute(check_time(max_value, "max_value"))
    check_bool(allow_weekends, "allow_weekends")
    if first >= last:
        raise InvalidArgument(
            f"min_value={min_value} is not before max_value={max_value}; office hours need "
            "at least one minute between them"
        )
    drawn = _drawn_hours(first, last, allow_weekends=allow_weekends)
    if _fits(DEFAULT_OFFICE_HOURS, first, last):
        return st.just(DEFAULT_OFFICE_HOURS) | drawn
    return drawn


def _time(minute: int) -> dt.time:
    return dt.time(minute // 60, minute % 60)


def _sessions(first: int, last: int) -> st.SearchStrategy[tuple[Session, ...]]:
    """One session, or two with a break, between minutes ``first`` and ``last``."""
    sizes = st.sampled_from([2, 4]) if last - first >= 3 else st.just(2)
    bounds = sizes.flatmap(
        lambda n: st.lists(st.integers(first, last), min_size=n, max_size=n, unique=True)
    )
    return bounds.map(sorted).map(
        lambda b: tuple((_time(b[i]), _time(b[i + 1])) for i in range(0, len(b), 2))
    )


@st.composite
def _drawn_hours(draw: st.DrawFn, first: int, last: int, *, allow_weekends: bool) -> OfficeHours:
    sessions = _sessions(first, last)
    usual = draw(sessions)
    own = st.none() | sessions  # a weekday's own sessions, or (None) the usual ones
    week: list[tuple[Session, ...]] = []
    for _ in range(5):
        mine: tuple[Session, ...] | None = draw(own)
        week.append(usual if mine is None else mine)
    for _ in range(2):
        weekend: tuple[Session, ...] | None = draw(own) if allow_weekends else None
        week.append(() if weekend is None else weekend)  # None: closed
    makeup_as = draw(st.sampled_from([day for day in range(7) if week[day]]))
    return OfficeHours(tuple(week), makeup_as)


_office_hours = office_hours  # the name calendars() gives its argument


def calendars(
    *,
    base: WorkingCalendar | None = None,
    min_value: dt.date | None = None,
    max_value: dt.date | None = None,
    max_days_off: int = 5,
    max_working_days: int = 3,
    max_suspensions: int = 2,
    office_hours: st.SearchStrategy[OfficeHours | None] | None = None,
    reception_hours: st.SearchStrategy[OfficeHours | None] | None = None,
    name: str = "local",
) -> st.SearchStrategy[WorkingCalendar]:
    """Local calendars derived from ``base``, as a province or agency makes them.

    Each is ``base.derive(...)`` (:meth:`tthc.WorkingCalendar.derive`) with random local
    changes: extra days off on working days (holiday, compensatory or swapped, sometimes
    named and citing a document), extra working days on days off (make-up weekends, a
    holiday worked), spans of suspended reception, and the calendar's own office and
    reception hours.

    Args:
        base: The calendar to layer on; the national one by default.
        min_value: The earliest date a local change falls on; the first day of ``base``'s
            announced years by default, where tests usually look.
        max_value: The latest such date; the last day of the announced years by default.
        max_days_off: The most extra days off.
        max_working_days: The most extra working days.
        max_suspensions: The most spans of suspended reception.
        office_hours: A strategy for the counting hours; ``None`` drawn from it keeps
            ``base``'s. By default ``st.none() | office_hours()``.
        reception_hours: The same for reception hours.
        name: The derived calendar's name.

    Raises:
        hypothesis.errors.InvalidArgument: At call time, for a bad bound (as in
            :func:`working_days`), a negative maximum, or a non-strategy hours argument.

    Examples shrink towards ``base`` without any local change (named ``name``).

    >>> import datetime as dt
    >>> from hypothesis import given, settings
    >>> from tthc.strategies import calendars
    >>> @settings(max_examples=5)
    ... @given(calendars(min_value=dt.date(2026, 1, 1), max_value=dt.date(2026, 12, 31)))
    ... def test_a_year_has_about_250_working_days(calendar):
    ...     assert (
    ...         240
    ...         <= calendar.working_days_between(dt.date(2025, 12, 31), dt.date(2026, 12, 31))
    ...         <= 253
    ...     )
    >>> test_a_year_has_about_250_working_days()
    """
    cal = check_calendar(base, "base")
    known = cal.known_years
    lo, hi = check_date_range(
        cal,
        min_value,
        max_value,
        default=(dt.date(known.start, 1, 1), dt.date(known.stop - 1, 12, 31)),
    )
    sizes = {
        "max_days_off": check_size(max_days_off, "max_days_off"),
        "max_working_days": check_size(max_working_days, "max_working_days"),
        "max_suspensions": check_size(max_suspensions, "max_suspensions"),
    }
    hours = {
        key: st.none() | _office_hours() if value is None else check_strategy(value, key)
        for key, value in (("office_hours", office_hours), ("reception_hours", reception_hours))
    }
    check_text(name, "name")
    return st.builds(
        functools.partial(cal.derive, name=name),
        days_off=_changes(working_days, cal, lo, hi, sizes["max_days_off"], off=True),
        working_days=_changes(non_working_days, cal, lo, hi, sizes["max_working_days"], off=False),
        suspended_reception=st.lists(_spans(lo, hi), max_size=sizes["max_suspensions"]),
        office_hours=hours["office_hours"],
        reception_hours=hours["reception_hours"],
    )


def _changes(
    days: Callable[..., st.SearchStrategy[dt.date]],
    calendar: WorkingCalendar,
    lo: dt.date,
    hi: dt.date,
    size: int,
    *,
    off: bool,
) -> st.SearchStrategy[list[DayChange]]:
    """Up to ``size`` distinct days drawn by ``days`` (a day strategy function), as changes."""
    if not size:
        return st.just([])
    try:
        dates = days(calendar=calendar, min_value=lo, max_value=hi)
    except InvalidArgument:  # no such day in the range
        return st.just([])
    kinds = (
        st.sampled_from([None, DayKind.HOLIDAY, DayKind.COMPENSATORY, DayKind.SWAPPED])
        if off
        else st.none()
    )
    reason = "Ngày nghỉ theo quyết định của tỉnh" if off else "Ngày làm việc bù theo quyết định"
    changes = st.builds(
        DayChange,
        dates,
        kinds,
        st.none() | st.just(reason),
        st.none(),
        st.none() | st.just(_LOCAL_SOURCE),
    )
    return st.lists(changes, max_size=size, unique_by=lambda change: change.date)


def _spans(lo: dt.date, hi: dt.date) -> st.SearchStrategy[dt.date | tuple[dt.date, dt.date]]:
    """A suspended day, or an inclusive span of up to two weeks, inside ``[lo, hi]``."""
    firsts = st.integers(0, (hi - lo).days).map(lambda k: lo + k * _ONE_DAY)
    return firsts | st.builds(
        lambda first, length: (first, min(first + length * _ONE_DAY, hi)),
        firsts,
        st.integers(0, 14),
    )
