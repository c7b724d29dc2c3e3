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
    working day's rank. A *clock* is the weekday whose sessions a working day has (a
    make-up day has ``office_hours.makeup_as``'s, as ``_clock.build`` gives it); clock 7
    is a non-working day's, without sessions. Tables by clock and minute are flat (one
    gather instead of two): entry ``clock * width + minute``.

    Attributes:
        offset: Add to days since 1970 to get a day index.
        lo, hi: The day indexes the calendar answers for.
        klo, khi: The working days it answers for.
        typical: The counting minutes of a typical weekday (a first guess of where a
            position falls, checked).
        work, before, upto: Per day: whether it is a working day; working days before it;
            up to it.
        day_clock: Per day: its clock (7 on a non-working day).
        day_wposm: Per day: the counting minutes before it.
        wposm: Per working day (one more entry): counting minutes before it.
        midnight: Per working day: its 00:00, in microseconds since 1970.
        close: Per working day: the end of its last session, in microseconds since 1970.
        clock: Per working day (one more entry, 7): its clock.
        minutes_before, inside: By clock and clock minute 0..1440 (width 1441): counting
            minutes before the minute; whether the minute lies in a session.
        starts, ends: By clock and counting minute ``c`` (width :attr:`width`): the clock
            minute ``c`` starts at; the clock minute ``c - 1`` ends at (``c >= 1``).
        next_end: By clock and clock minute (width 1441): the end of the first session
            ending at or after the minute (1440 when none does).
    """

    __slots__ = (
        "before",
        "clock",
        "close",
        "day_clock",
        "day_wposm",
        "ends",
        "hi",
        "inside",
        "khi",
        "klo",
        "lo",
        "midnight",
        "minutes_before",
        "next_end",
        "offset",
        "starts",
        "typical",
        "upto",
        "width",
        "work",
        "wposm",
    )

    def __init__(self, cal: WorkingCalendar) -> None:
        hours = cal.office_hours
        clocks = [*(DayClock(sessions) for sessions in hours._minutes), DayClock(())]
        minutes = np.array([c.minutes for c in clocks], dtype=np.int64)
        self.width = width = int(minutes.max()) + 1
        self.minutes_before = np.array([c.minutes_before for c in clocks], np.int64).ravel()
        self.inside = np.array([[*c.inside, False] for c in clocks], dtype=bool).ravel()
        self.starts = np.array([_padded(c.starts, width) for c in clocks], np.int64).ravel()
        self.ends = np.array([_padded(c.ends, width) for c in clocks], np.int64).ravel()
        self.next_end = np.array([_next_end(s) for s in (*hours._minutes, ())], np.int64).ravel()
        ords = np.fromiter(map(dt.date.toordinal, cal._wdays), np.int64, len(cal._wdays))
        clock = (ords + 6) % 7  # date.fromordinal(1) is a Monday
        for day, info in cal._by_date.items():
            if info.kind is DayKind.MAKEUP:
                clock[cal._before[day.toordinal() - cal._o0]] = hours.makeup_as
        self.clock = np.append(clock, 7)
        self.wposm = np.concatenate(([0], np.cumsum(minutes[clock])))
        self.midnight = (ords - _UNIX_ORDINAL) * DAY
        self.close = self.midnight + self.ends[clock * width + minutes[clock]] * MINUTE
        self.work = np.frombuffer(bytes(cal._work), dtype=np.uint8).astype(bool)
        self.before = np.asarray(cal._before, dtype=np.int64)
        self.upto = np.asarray(cal._upto, dtype=np.int64)
        self.day_clock = np.where(self.work, self.clock[self.before], 7)
        self.day_wposm = self.wposm[self.before]
        self.typical = int(minutes[:5].max() or minutes.max() or 1)  # as _clock.build
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
        tod = local % DAY
        m = tod // MINUTE
        at = self.day_clock[i] * 1441 + m
        within = np.where(self.inside[at], tod - m * MINUTE, 0)  # inside a session
        return (self.day_wposm[i] + self.minutes_before[at]) * MINUTE + within

    def instants(self, target: Any, near: Any, *, forward: bool) -> tuple[Any, Any, Any]:
        """The instant at each position (``_clock.instant``): (instant, working day, ok).

        Forward: the earliest instant with that position (a session end, 11:30); back: the
        latest (a session start, 13:00). ``near`` is a working day at or before each
        answer, where the search starts. ``ok`` is False where the working day lies
        outside what the calendar answers for.
        """
        wposm, last = self.wposm, len(self.wposm) - 2
        # The working day j with wposm[j] < ceil(target) <= wposm[j + 1] forward, or
        # wposm[j] <= floor(target) < wposm[j + 1] back, in minutes: first guessed from
        # typical days, as WorkingCalendar.add_working_time does, then checked.
        goal = -(-target // MINUTE) - 1 if forward else target // MINUTE
        near = np.minimum(near, last)
        j = np.clip(near + (goal - wposm[near]) // self.typical, 0, last)
        wrong = (wposm[j] > goal) | (wposm[j + 1] <= goal)
        if wrong.any():
            # wposm[j] <= goal < wposm[j + 1], in both directions (see goal above)
            j[wrong] = np.searchsorted(wposm, goal[wrong], side="right") - 1
        ok = (j >= self.klo) & (j <= self.khi)
        j = np.clip(j, self.klo, self.khi)
        offset = target - wposm[j] * MINUTE
        counted = offset // MINUTE
        rest = offset - counted * MINUTE
        at = self.clock[j] * self.width + np.clip(counted, 0, self.width - 1)
        minute = self.starts[at]
        if forward:
            minute = np.where(rest == 0, self.ends[at], minute)
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
