"""A calendar's working-time tables as numpy arrays, for instants counted many at once.

The same tables as ``_clock.py`` (counting minutes before each working day, the sessions
of each kind of day by minute), laid out so that a whole array of instants is placed on
the calendar's time line, or read back from it, by array gathers. Instants are int64
microseconds since 1970-01-01T00:00, naive local time (a ``datetime64[us]`` array viewed
as integers). numpy is imported here only: callers reach this module with numpy input.

Nothing here checks a range: each function returns an ``ok`` mask, and the caller hands the
elements outside it to the scalar operation, which raises its own error.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import numpy as np

from tthc.calendar._bulk import bulk_tables
from tthc.calendar._clock import DayClock
from tthc.calendar._days import DayKind

if TYPE_CHECKING:
    from tthc.calendar._model import WorkingCalendar

__all__ = ["DAY", "MINUTE", "TimeTables", "time_tables"]

#: Microseconds in a minute and in a day.
MINUTE = 60_000_000
DAY = 86_400_000_000
_UNIX_ORDINAL = dt.date(1970, 1, 1).toordinal()


class TimeTables:
    """The working-time tables of one calendar, as numpy arrays (built once, on first use).

    Day tables are indexed by ``ordinal - calendar._o0``; working-day tables by ``k``, the
    working day's rank; clock tables by the weekday whose sessions a day has (a make-up day
    has ``office_hours.makeup_as``'s, as ``_clock.build`` gives it).

    Attributes:
        offset: Add to days since 1970 to get a day index.
        lo, hi: The day indexes the calendar answers for.
        klo, khi: The working days it answers for.
        work, before, upto: Per day: 1 on a working day; working days before it; up to it.
        wposm: Per working day (one more entry): counting minutes before it.
        midnight: Per working day: its 00:00, in microseconds since 1970.
        close: Per working day: the end of its last session, in microseconds since 1970.
        clock: Per working day (one more entry, 0): the weekday of its sessions.
        minutes: Per clock: the day's counting minutes.
        minutes_before: Per clock and clock minute 0..1440: counting minutes before it.
        inside: Per clock and clock minute 0..1439: whether it lies in a session.
        starts: Per clock and counting minute: the clock minute it starts at.
        ends: Per clock and counting minute ``c`` (``c >= 1``): the clock minute ``c - 1`` ends.
        next_end: Per clock and clock minute 0..1440: the end of the first session ending
            at or after it (1440 when none does).
    """

    __slots__ = (
        "before",
        "clock",
        "close",
        "ends",
        "hi",
        "inside",
        "khi",
        "klo",
        "lo",
        "midnight",
        "minutes",
        "minutes_before",
        "next_end",
        "offset",
        "starts",
        "upto",
        "work",
        "wposm",
    )

    def __init__(self, cal: WorkingCalendar) -> None:
        hours = cal.office_hours
        clocks = [DayClock(sessions) for sessions in hours._minutes]
        width = max(c.minutes for c in clocks) + 1
        self.minutes = np.array([c.minutes for c in clocks], dtype=np.int64)
        self.minutes_before = np.array([c.minutes_before for c in clocks], dtype=np.int64)
        self.inside = np.array([c.inside for c in clocks], dtype=bool)
        self.starts = np.array([_padded(c.starts, width) for c in clocks], dtype=np.int64)
        self.ends = np.array([_padded(c.ends, width) for c in clocks], dtype=np.int64)
        self.next_end = np.array([_next_end(s) for s in hours._minutes], dtype=np.int64)
        ords = np.fromiter(map(dt.date.toordinal, cal._wdays), np.int64, len(cal._wdays))
        clock = (ords + 6) % 7  # date.fromordinal(1) is a Monday
        for day, info in cal._by_date.items():
            if info.kind is DayKind.MAKEUP:
                clock[cal._before[day.toordinal() - cal._o0]] = hours.makeup_as
        self.clock = np.append(clock, 0)
        self.wposm = np.concatenate(([0], np.cumsum(self.minutes[clock])))
        self.midnight = (ords - _UNIX_ORDINAL) * DAY
        last = self.ends[clock, self.minutes[clock]]
        self.close = self.midnight + last * MINUTE
        self.work = np.frombuffer(bytes(cal._work), dtype=np.uint8).astype(bool)
        self.before = np.asarray(cal._before, dtype=np.int64)
        self.upto = np.asarray(cal._upto, dtype=np.int64)
        self.offset = _UNIX_ORDINAL - cal._o0
        self.lo, self.hi, self.klo, self.khi = cal._lo, cal._hi, cal._klo, cal._khi

    def day_index(self, local: Any) -> tuple[Any, Any]:
        """The day index of each instant, clipped into range, and whether it was in range."""
        i = local // DAY + self.offset
        ok = (i >= self.lo) & (i <= self.hi)
        return np.clip(i, self.lo, self.hi), ok

    def positions(self, local: Any, i: Any) -> Any:
        """The counting microseconds before each instant (``_clock.position``), from day 0.

        ``i`` is each instant's day index, in range.
        """
        k = self.before[i]
        work = self.work[i]
        c = self.clock[k]
        tod = local - (local // DAY) * DAY
        m = tod // MINUTE
        counted = self.minutes_before[c, m] * MINUTE + np.where(
            self.inside[c, m], tod - m * MINUTE, 0
        )
        return self.wposm[k] * MINUTE + np.where(work, counted, 0)

    def instants(self, target: Any, *, forward: bool) -> tuple[Any, Any, Any]:
        """The instant at each position (``_clock.instant``): (instant, working day, ok).

        Forward: the earliest instant with that position (a session end, 11:30); back: the
        latest (a session start, 13:00). ``ok`` is False where the working day lies
        outside what the calendar answers for.
        """
        if forward:
            j = np.searchsorted(self.wposm, -(-target // MINUTE), side="left") - 1
        else:
            j = np.searchsorted(self.wposm, target // MINUTE, side="right") - 1
        ok = (j >= self.klo) & (j <= self.khi)
        j = np.clip(j, self.klo, self.khi)
        counted, rest = np.divmod(target - self.wposm[j] * MINUTE, MINUTE)
        c = self.clock[j]
        counted = np.clip(counted, 0, self.starts.shape[1] - 1)
        if forward:
            minute = np.where(rest == 0, self.ends[c, counted], self.starts[c, counted])
        else:
            minute = self.starts[c, counted]
        return self.midnight[j] + minute * MINUTE + rest, j, ok


def _padded(values: list[int], width: int) -> list[int]:
    return values + [values[-1] if values else 0] * (width - len(values))


def _next_end(sessions: tuple[tuple[int, int], ...]) -> list[int]:
    ends = [end for _, end in sessions]
    return [next((end for end in ends if end >= m), 1440) for m in range(1441)]


def time_tables(cal: WorkingCalendar) -> TimeTables:
    """The calendar's :class:`TimeTables`, built on first use and kept with its bulk tables."""
    bulk = bulk_tables(cal)
    if bulk.np_time is None:
        bulk.np_time = TimeTables(cal)
    found: TimeTables = bulk.np_time
    return found
