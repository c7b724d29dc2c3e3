"""Eager argument checks for the strategies: bad arguments raise ``InvalidArgument`` at once.

Hypothesis's own strategies check their arguments before generating anything; these do it
when the strategy function is called, so a mistake shows up on the line that made it, not
in the middle of a test run. Every message says what was received and what was expected.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from tthc.calendar import WorkingCalendar

__all__ = [
    "answerable",
    "check_bool",
    "check_calendar",
    "check_date_range",
    "check_instant_range",
    "check_size",
    "check_strategy",
    "check_text",
    "check_time",
]


def _got(value: object) -> str:
    return f"{type(value).__name__} {value!r}"


def check_calendar(calendar: object, name: str = "calendar") -> WorkingCalendar:
    """``calendar``, or the national calendar for ``None``."""
    if calendar is None:
        return WorkingCalendar.vietnam()
    if not isinstance(calendar, WorkingCalendar):
        raise InvalidArgument(f"{name} must be a tthc.WorkingCalendar, got {_got(calendar)}")
    return calendar


def check_bool(value: object, name: str) -> bool:
    """``value`` if it is a bool."""
    if not isinstance(value, bool):
        raise InvalidArgument(f"{name} must be True or False, got {_got(value)}")
    return value


def check_size(value: object, name: str, *, minimum: int = 0) -> int:
    """``value`` if it is an int (not a bool) of at least ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidArgument(f"{name} must be an int, got {_got(value)}")
    if value < minimum:
        raise InvalidArgument(f"{name} must be at least {minimum}, got {value}")
    return value


def check_text(value: object, name: str) -> str:
    """``value`` if it is non-blank text."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidArgument(f"{name} must be non-empty text, got {_got(value)}")
    return value


def check_strategy(value: object, name: str) -> st.SearchStrategy[Any]:
    """``value`` if it is a Hypothesis strategy."""
    if not isinstance(value, st.SearchStrategy):
        raise InvalidArgument(
            f"{name} must be a Hypothesis strategy, got {_got(value)}; wrap a single value "
            "in st.just(...)"
        )
    return value


def check_time(value: object, name: str) -> dt.time:
    """``value`` if it is a naive time of day in whole minutes."""
    if not isinstance(value, dt.time):
        raise InvalidArgument(f"{name} must be a datetime.time, got {_got(value)}")
    if value.tzinfo is not None:
        raise InvalidArgument(f"{name} must be a local time without a time zone, got {value}")
    if value.second or value.microsecond:
        raise InvalidArgument(f"{name} must be whole minutes (office hours are), got {value}")
    return value


def answerable(calendar: WorkingCalendar) -> tuple[dt.date, dt.date]:
    """The dates ``calendar`` answers for: its range, or its announced years without estimates."""
    first, last = calendar.first_date, calendar.last_date
    if not calendar.estimates:
        known = calendar.known_years
        first = max(first, dt.date(known.start, 1, 1))
        last = min(last, dt.date(known.stop - 1, 12, 31))
    return first, last


def _check_date(value: object, name: str) -> dt.date:
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise InvalidArgument(f"{name} must be a datetime.date, got {_got(value)}")
    return value


def check_date_range(
    calendar: WorkingCalendar,
    min_value: object,
    max_value: object,
    *,
    default: tuple[dt.date, dt.date] | None = None,
) -> tuple[dt.date, dt.date]:
    """Check ``min_value`` and ``max_value`` as dates the calendar answers for.

    ``None`` stands for ``default`` (the calendar's answerable range when not given). The
    defaults are clipped to the answerable range; given values must lie inside it.
    """
    first, last = answerable(calendar)
    low, high = default if default is not None else (first, last)
    low, high = max(low, first), min(high, last)
    lo = low if min_value is None else _check_date(min_value, "min_value")
    hi = high if max_value is None else _check_date(max_value, "max_value")
    for value, name in ((lo, "min_value"), (hi, "max_value")):
        if not first <= value <= last:
            raise InvalidArgument(
                f"{name}={value.isoformat()} is outside the dates calendar {calendar.name!r} "
                f"answers for, {first.isoformat()}..{last.isoformat()}"
            )
    if lo > hi:
        raise InvalidArgument(
            f"min_value={lo.isoformat()} is after max_value={hi.isoformat()}; "
            "expected min_value <= max_value"
        )
    return lo, hi


def _check_instant(value: object, name: str) -> dt.datetime:
    if not isinstance(value, dt.datetime):
        raise InvalidArgument(f"{name} must be a datetime.datetime, got {_got(value)}")
    if value.tzinfo is not None:
        raise InvalidArgument(
            f"{name} must be naive (Vietnam local time, as the strategies generate), got {value}"
        )
    return value


def check_instant_range(
    calendar: WorkingCalendar, min_value: object, max_value: object
) -> tuple[dt.datetime, dt.datetime]:
    """Check ``min_value`` and ``max_value`` as naive instants on dates the calendar answers for.

    ``None`` stands for the start of the first answerable day and the end of the last.
    """
    lo = None if min_value is None else _check_instant(min_value, "min_value")
    hi = None if max_value is None else _check_instant(max_value, "max_value")
    first, last = check_date_range(
        calendar, None if lo is None else lo.date(), None if hi is None else hi.date()
    )
    low = dt.datetime.combine(first, dt.time.min) if lo is None else lo
    high = dt.datetime.combine(last, dt.time.max) if hi is None else hi
    if low > high:
        raise InvalidArgument(
            f"min_value={low.isoformat()} is after max_value={high.isoformat()}; "
            "expected min_value <= max_value"
        )
    return low, high
