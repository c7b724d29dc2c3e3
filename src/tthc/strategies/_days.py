"""Strategies for the days of a working calendar: working days, days off, what a day is."""

from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from tthc.calendar import DayInfo, WorkingCalendar
from tthc.strategies._validation import check_calendar, check_date_range

__all__ = ["day_infos", "non_working_days", "working_days"]

_ONE_DAY = dt.timedelta(days=1)


def _working_count(calendar: WorkingCalendar, lo: dt.date, hi: dt.date) -> int:
    """Working days in ``[lo, hi]``, both included."""
    return calendar.working_days_between(lo, hi) + calendar.is_working_day(lo)


def working_days(
    *,
    calendar: WorkingCalendar | None = None,
    min_value: dt.date | None = None,
    max_value: dt.date | None = None,
) -> st.SearchStrategy[dt.date]:
    """Working days of ``calendar`` (make-up Saturdays included) between two dates.

    Args:
        calendar: The calendar; the national one (:meth:`tthc.WorkingCalendar.vietnam`)
            by default.
        min_value: The earliest day (included); the first day the calendar answers for by
            default (its announced years only, for a calendar that refuses estimates).
        max_value: The latest day (included); the last day the calendar answers for.

    Raises:
        hypothesis.errors.InvalidArgument: At call time, for a bound that is not a date or
            lies outside what the calendar answers for, ``min_value > max_value``, or a
            range without any working day.

    Every working day in the range is equally likely. Examples shrink towards the first
    working day on or after ``min_value``:

    >>> import datetime as dt
    >>> from hypothesis import find
    >>> from tthc.strategies import working_days
    >>> find(working_days(min_value=dt.date(2026, 2, 14)), lambda day: True)  # Tết 14-22/02
    datetime.date(2026, 2, 23)
    """
    cal = check_calendar(calendar)
    lo, hi = check_date_range(cal, min_value, max_value)
    count = _working_count(cal, lo, hi)
    if not count:
        raise InvalidArgument(
            f"calendar {cal.name!r} has no working day between {lo.isoformat()} and "
            f"{hi.isoformat()}"
        )
    first = lo if cal.is_working_day(lo) else cal.next_working_day(lo)
    return st.integers(0, count - 1).map(lambda k: cal.add_working_days(first, k))


def non_working_days(
    *,
    calendar: WorkingCalendar | None = None,
    min_value: dt.date | None = None,
    max_value: dt.date | None = None,
) -> st.SearchStrategy[dt.date]:
    """Days that do not count in ``calendar``: weekends, holidays, compensatory and swapped days.

    Arguments and errors as for :func:`working_days` (a range without any non-working day
    is refused).

    Every non-working day in the range is equally likely. Examples shrink towards the first
    non-working day on or after ``min_value``:

    >>> import datetime as dt
    >>> from hypothesis import find
    >>> from tthc.strategies import non_working_days
    >>> find(non_working_days(min_value=dt.date(2026, 4, 27)), lambda day: True)  # Hùng Kings
    datetime.date(2026, 4, 27)
    """
    cal = check_calendar(calendar)
    lo, hi = check_date_range(cal, min_value, max_value)
    span = (hi - lo).days + 1
    count = span - _working_count(cal, lo, hi)
    if not count:
        raise InvalidArgument(
            f"calendar {cal.name!r} has no non-working day between {lo.isoformat()} and "
            f"{hi.isoformat()}"
        )
    return st.integers(0, count - 1).map(lambda k: _nth_day_off(cal, lo, span, k))


def _nth_day_off(calendar: WorkingCalendar, lo: dt.date, span: int, k: int) -> dt.date:
    """The ``k``-th (0-based) non-working day on or after ``lo``, found by bisection."""
    working_lo = calendar.is_working_day(lo)
    low, high = 0, span - 1  # the answer's offset from lo lies in [low, high]
    while low < high:
        middle = (low + high) // 2
        day = lo + middle * _ONE_DAY
        off_upto = middle + 1 - (calendar.working_days_between(lo, day) + working_lo)
        if off_upto > k:
            high = middle
        else:
            low = middle + 1
    return lo + low * _ONE_DAY


def day_infos(
    *,
    calendar: WorkingCalendar | None = None,
    min_value: dt.date | None = None,
    max_value: dt.date | None = None,
) -> st.SearchStrategy[DayInfo]:
    """What ``calendar`` says about days between two dates (:meth:`~tthc.WorkingCalendar.day_info`).

    Arguments and errors as for :func:`working_days`. Half of the draws pick any day of the
    range, half one of its non-working days (when it has any), so holidays and swapped days
    come up often.

    Examples shrink towards the information about ``min_value``.

    >>> import datetime as dt
    >>> from hypothesis import find
    >>> from tthc.strategies import day_infos
    >>> find(day_infos(min_value=dt.date(2026, 1, 1)), lambda info: info.source is not None).date
    datetime.date(2026, 1, 1)
    """
    cal = check_calendar(calendar)
    lo, hi = check_date_range(cal, min_value, max_value)
    days = st.integers(0, (hi - lo).days).map(lambda k: lo + k * _ONE_DAY)
    if _working_count(cal, lo, hi) <= (hi - lo).days:  # the range holds a non-working day
        days |= non_working_days(calendar=cal, min_value=lo, max_value=hi)
    return days.map(cal.day_info)
