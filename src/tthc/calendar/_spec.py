"""What defines a calendar (:class:`Spec`) and the per-day tables built from it.

Two calendars with equal specs are equal. The tables make every day question a couple of
list look-ups: a 0/1 working flag per day, the number of working days up to and before
each day, and the list of working days. (The working-time tables are built on first use,
by ``_clock.build``; the bulk tables by ``_bulk``.)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import accumulate, compress
from operator import sub
from typing import Any

from tthc.calendar._days import DayInfo
from tthc.calendar._hours import OfficeHours

__all__ = ["Spec", "check_int", "day_tables"]

_fromordinal = dt.date.fromordinal


@dataclass(frozen=True, slots=True)
class Spec:
    """What defines a calendar; equal specs give equal calendars."""

    name: str
    first: dt.date
    last: dt.date
    known_years: range
    estimates: bool
    days: tuple[DayInfo, ...]
    office_hours: OfficeHours
    reception_hours: OfficeHours | None
    suspended: tuple[tuple[dt.date, dt.date], ...]


def check_int(n: object) -> int:
    """``n`` as an int: anything with ``__index__`` except a bool, else ``TypeError``."""
    index = getattr(n, "__index__", None)
    value = index() if index is not None and not isinstance(n, bool) else None
    if not isinstance(value, int):
        raise TypeError(f"n must be an int, got {type(n).__name__} {n!r}")
    return value


def day_tables(spec: Spec) -> dict[str, Any]:
    """Build every per-day table of a calendar."""
    o0 = spec.first.toordinal()
    size = spec.last.toordinal() - o0 + 1
    w0 = spec.first.weekday()
    week = bytes(1 if (w0 + k) % 7 < 5 else 0 for k in range(7))
    work = bytearray((week * (size // 7 + 1))[:size])
    by_date = {info.date: info for info in spec.days}
    for info in spec.days:
        work[info.date.toordinal() - o0] = info.is_working
    upto = list(accumulate(work))
    before = list(map(sub, upto, work))
    words = list(compress(range(o0, o0 + size), work))
    wdays = list(map(_fromordinal, words))
    if spec.estimates:
        lo, hi = 0, size - 1
    else:
        known = spec.known_years
        lo = max(0, dt.date(known.start, 1, 1).toordinal() - o0)
        hi = min(size - 1, dt.date(known.stop - 1, 12, 31).toordinal() - o0)
    return {
        "_o0": o0,
        "_lo": lo,
        "_hi": hi,
        "_klo": before[lo],
        "_khi": upto[hi] - 1,
        "_work": work,
        "_upto": upto,
        "_before": before,
        "_wdays": wdays,
        "_by_date": by_date,
    }
