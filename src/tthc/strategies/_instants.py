"""Strategies for instants: inside and outside office hours, and when dossiers arrive.

Instants are naive ``datetime`` values in Vietnam local time, as the library reads naive
values. "Office hours" are the calendar's counting sessions, half-open ``[start, end)``: so
11:30 sharp, the end of the morning session, is outside them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from tthc.calendar import WorkingCalendar
from tthc.errors import CalendarError
from tthc.strategies._days import working_days
from tthc.strategies._validation import check_calendar, check_instant_range

__all__ = ["instants_in_office_hours", "instants_outside_office_hours", "receipt_times"]

_T = TypeVar("_T")
_MINUTE = 60_000_000  # microseconds
_ONE_DAY = dt.timedelta(days=1)
_MICROSECOND = dt.timedelta(microseconds=1)
#: The cut-off of same-day procedures (Luật Hộ tịch 2014 Art. 5(3); NĐ 23/2015 Art. 7).
_CUT_OFF = dt.time(15, 0)

#: Seconds and microseconds past the minute: none, shrinking to none, or any.
_WITHIN_MINUTE = st.just(0) | st.integers(0, _MINUTE - 1)


def _range_text(lo: dt.datetime, hi: dt.datetime) -> str:
    return f"between {lo.isoformat()} and {hi.isoformat()}"


def instants_in_office_hours(
    *,
    calendar: WorkingCalendar | None = None,
    min_value: dt.datetime | None = None,
    max_value: dt.datetime | None = None,
) -> st.SearchStrategy[dt.datetime]:
    """Instants inside a counting session of a working day of ``calendar``.

    Args:
        calendar: The calendar; the national one by default.
        min_value: The earliest instant (included), naive local time; the start of the first
            day the calendar answers for by default.
        max_value: The latest instant (included); the end of the last day it answers for.

    Raises:
        hypothesis.errors.InvalidArgument: At call time, for a bound that is not a naive
            datetime or lies outside what the calendar answers for, ``min_value >
            max_value``, or a range without a counting instant.

    Every moment of counting time in the range is equally likely; most examples are whole
    minutes. Examples shrink towards the first counting instant at or after ``min_value``:

    >>> import datetime as dt
    >>> from hypothesis import find
    >>> from tthc.strategies import instants_in_office_hours
    >>> find(
    ...     instants_in_office_hours(min_value=dt.datetime(2026, 3, 6, 17)),  # a Friday
    ...     lambda at: True,
    ... )
    datetime.datetime(2026, 3, 9, 7, 30)
    """
    cal = check_calendar(calendar)
    lo, hi = check_instant_range(cal, min_value, max_value)
    try:
        start = cal.next_counting_instant(lo)
    except CalendarError:  # no counting instant before the end of what the calendar knows
        start = None
    if start is None or start > hi:
        raise InvalidArgument(
            f"calendar {cal.name!r} has no instant in office hours {_range_text(lo, hi)}"
        )
    total = cal.working_time_between(start, hi) // _MICROSECOND
    if not total:
        return st.just(start)
    return st.builds(
        lambda minutes, within: _counting_instant(cal, start, min(minutes + within, total - 1)),
        st.integers(0, (total - 1) // _MINUTE).map(lambda m: m * _MINUTE),
        _WITHIN_MINUTE,
    )


def _counting_instant(cal: WorkingCalendar, start: dt.datetime, offset: int) -> dt.datetime:
    """The instant ``offset`` microseconds of counting time after ``start``, in a session."""
    if not offset:
        return start
    # A result exactly on a session's end (11:30) is the next session's start (13:00).
    return cal.next_counting_instant(cal.add_working_time(start, offset * _MICROSECOND))


def _gaps(cal: WorkingCalendar, day: dt.date) -> list[tuple[dt.datetime, dt.datetime]]:
    """The half-open spans of ``day`` outside its counting sessions."""
    cursor = dt.datetime.combine(day, dt.time.min)
    gaps = []
    for start, end in cal.counting_sessions(day):
        opening = dt.datetime.combine(day, start)
        if opening > cursor:
            gaps.append((cursor, opening))
        cursor = dt.datetime.combine(day, end)
    gaps.append((cursor, dt.datetime.combine(day + _ONE_DAY, dt.time.min)))
    return gaps


def _first_outside(cal: WorkingCalendar, at: dt.datetime) -> dt.datetime:
    """The first instant at or after ``at`` outside office hours (always on ``at``'s day)."""
    for start, end in cal.counting_sessions(at.date()):
        if dt.datetime.combine(at.date(), start) <= at < dt.datetime.combine(at.date(), end):
            at = dt.datetime.combine(at.date(), end)
    return at


def instants_outside_office_hours(
    *,
    calendar: WorkingCalendar | None = None,
    min_value: dt.datetime | None = None,
    max_value: dt.datetime | None = None,
) -> st.SearchStrategy[dt.datetime]:
    """Instants outside the counting sessions: nights, lunch, session ends, days off.

    Arguments and errors as for :func:`instants_in_office_hours` (a range entirely inside
    office hours is refused). Examples shrink towards the first such instant at or after
    ``min_value``:

    >>> import datetime as dt
    >>> from hypothesis import find
    >>> from tthc.strategies import instants_outside_office_hours
    >>> find(
    ...     instants_outside_office_hours(min_value=dt.datetime(2026, 3, 2, 9)),  # a Monday
    ...     lambda at: True,
    ... )
    datetime.datetime(2026, 3, 2, 11, 30)
    """
    cal = check_calendar(calendar)
    lo, hi = check_instant_range(cal, min_value, max_value)
    if _first_outside(cal, lo) > hi:
        raise InvalidArgument(
            f"calendar {cal.name!r} has no instant outside office hours {_range_text(lo, hi)}"
        )
    return _outside(cal, lo, hi, (hi.date() - lo.date()).days)


@st.composite
def _outside(
    draw: st.DrawFn, cal: WorkingCalendar, lo: dt.datetime, hi: dt.datetime, days: int
) -> dt.datetime:
    day = lo.date() + draw(st.integers(0, days)) * _ONE_DAY
    spans = [
        (max(a, lo), min(b, hi + _MICROSECOND))
        for a, b in _gaps(cal, day)
        if max(a, lo) < min(b, hi + _MICROSECOND)
    ]
    assume(spans)  # only the first or last day of a narrow range can lack one
    # Always one choice for the span (not sampled_from, which takes none for a single
    # span), so examples shrink towards the earliest day rather than towards days off.
    a, b = spans[min(draw(st.integers(0, 7)), len(spans) - 1)]
    total = (b - a) // _MICROSECOND
    minutes = draw(st.integers(0, (total - 1) // _MINUTE))
    return a + min(minutes * _MINUTE + draw(_WITHIN_MINUTE), total - 1) * _MICROSECOND


def receipt_times(
    *,
    calendar: WorkingCalendar | None = None,
    min_value: dt.datetime | None = None,
    max_value: dt.datetime | None = None,
) -> st.SearchStrategy[dt.datetime]:
    """When a complete dossier may be received: any instant, the awkward ones often.

    At the counter during office hours, online at any moment (nights, weekends, holidays),
    and often on an edge where conventions differ: a session's opening or end, the 15:00
    same-day cut-off, and a minute either side of each.

    Arguments and errors as for :func:`instants_in_office_hours`, except that any range is
    accepted. Examples shrink towards the first counting instant at or after
    ``min_value`` (or, in a range without one, towards ``min_value``):

    >>> import datetime as dt
    >>> from hypothesis import find
    >>> from tthc.strategies import receipt_times
    >>> find(receipt_times(min_value=dt.datetime(2026, 2, 13, 15)), lambda at: True)
    datetime.datetime(2026, 2, 13, 15, 0)
    """
    cal = check_calendar(calendar)
    lo, hi = check_instant_range(cal, min_value, max_value)
    inside = _unless_empty(instants_in_office_hours, calendar=cal, min_value=lo, max_value=hi)
    outside = _unless_empty(instants_outside_office_hours, calendar=cal, min_value=lo, max_value=hi)
    days = _unless_empty(working_days, calendar=cal, min_value=lo.date(), max_value=hi.date())
    edges = None
    if days is not None:  # no working day: no session edges either
        edges = st.builds(_edge, st.just(cal), days, st.integers(0, 99), st.just((lo, hi)))
    return st.one_of([s for s in (inside, edges, outside) if s is not None])


def _unless_empty(
    strategy: Callable[..., st.SearchStrategy[_T]], **kwargs: Any
) -> st.SearchStrategy[_T] | None:
    """``strategy(**kwargs)``, or ``None`` when the range holds no such value."""
    try:
        return strategy(**kwargs)
    except InvalidArgument:
        return None


def _edge(
    cal: WorkingCalendar, day: dt.date, pick: int, bounds: tuple[dt.datetime, dt.datetime]
) -> dt.datetime:
    """An edge of ``day``: a session's opening or end, or 15:00; or a minute either side."""
    times = sorted({t for session in cal.counting_sessions(day) for t in session} | {_CUT_OFF})
    base = dt.datetime.combine(day, times[pick % len(times)])
    edge = base + dt.timedelta(minutes=(0, -1, 1)[(pick // len(times)) % 3])
    return min(max(edge, bounds[0]), bounds[1])
