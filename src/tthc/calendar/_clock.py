"""Working-time arithmetic on a calendar's tables: instants as positions on a time line.

Each instant has a *position*: the counting time (in microseconds) from the start of the
calendar's range to it. Inside a session the position grows with the clock; between
sessions it stands still. Adding working time is then ``position + delta`` mapped back to
an instant: the earliest instant with that position when going forward (so a result on a
session end is that end, 11:30, not 13:00), the latest when going back (a session start).

The tables are per working day ``k``: ``wposm[k]``, the counting minutes before it, and a
:class:`DayClock` for its sessions (office hours are whole minutes, so a day's clock is a
few lists indexed by minute, and no session has to be searched).
``WorkingCalendar.add_working_time`` inlines :func:`position` and :func:`instant` for
naive datetimes, its hot path.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import TYPE_CHECKING, Any, NoReturn

from tthc._localtime import VIETNAM_TZ
from tthc._localtime import from_local as back_to
from tthc._localtime import to_local as local
from tthc.calendar._days import DayKind

if TYPE_CHECKING:
    from tthc.calendar._model import WorkingCalendar

__all__ = [
    "HOUR_MINUTE",
    "MINUTE",
    "TIME_OF",
    "VIETNAM_TZ",
    "DayClock",
    "add_exact",
    "back_to",
    "between",
    "build",
    "instant",
    "local",
    "position",
    "refuse_position",
]

#: Microseconds in a minute.
MINUTE = 60_000_000
#: (hour, minute) of each minute of the day.
HOUR_MINUTE = [divmod(m, 60) for m in range(24 * 60)]
#: The time of each minute of the day.
TIME_OF = [dt.time(hour, minute) for hour, minute in HOUR_MINUTE]
_datetime = dt.datetime
_MICROSECOND = dt.timedelta(microseconds=1)
_ONE_MINUTE = dt.timedelta(minutes=1)


class DayClock:
    """The sessions of one kind of day, as look-up tables by minute.

    Attributes:
        before: ``before[m]``: counting microseconds before clock minute ``m`` (0..1440).
        minutes_before: The same in minutes.
        inside: ``inside[m]``: whether clock minute ``m`` is in a session.
        starts: ``starts[c]``: the clock minute where counting minute ``c`` starts.
        ends: ``ends[c]``: the clock minute where counting minute ``c - 1`` ends (``c >= 1``).
        minutes: The day's counting time in minutes.
    """

    __slots__ = ("before", "ends", "inside", "minutes", "minutes_before", "starts")

    def __init__(self, sessions: tuple[tuple[int, int], ...]) -> None:
        self.inside: list[bool] = [False] * 1440
        self.starts: list[int] = []
        self.ends: list[int] = [0]
        for start, end in sessions:
            for m in range(start, end):
                self.inside[m] = True
                self.starts.append(m)
                self.ends.append(m + 1)
        self.minutes_before = [0, *accumulate(self.inside)]
        self.before = [m * MINUTE for m in self.minutes_before]
        self.minutes = len(self.starts)


def build(cal: WorkingCalendar) -> tuple[Any, ...]:
    """Build the calendar's working-time tables (once, on first use); return the hot tuple.

    Per working day: the clock of its sessions (a make-up day borrows the sessions of
    ``office_hours.makeup_as``) and the counting minutes before it (one more entry than
    working days).
    """
    hours = cal.office_hours
    clocks = [DayClock(sessions) for sessions in hours._minutes]
    o0 = cal._o0
    weekdays = [(d.toordinal() + 6) % 7 for d in cal._wdays]  # date.fromordinal(1): Monday
    wclock = list(map(clocks.__getitem__, weekdays))
    for day, info in cal._by_date.items():
        if info.kind is DayKind.MAKEUP:
            wclock[cal._before[day.toordinal() - o0]] = clocks[hours.makeup_as]
    wposm = [0, *accumulate(c.minutes for c in wclock)]
    typical = max(c.minutes for c in clocks[:5]) or max(c.minutes for c in clocks) or 1
    hot = (o0, cal._lo, cal._hi, cal._before, cal._work, wposm, wclock, cal._wdays, typical,
           cal._klo, cal._khi)  # fmt: skip
    object.__setattr__(cal, "_hot", hot)
    return hot


def position(cal: WorkingCalendar, at: dt.datetime) -> int:
    """The counting microseconds from the calendar's first day to naive local ``at``."""
    # The tables in one tuple: each attribute read costs as much as a table look-up.
    o0, lo, hi, before, work, wposm, wclock, _, _, _, _ = cal._hot or build(cal)
    i = at.toordinal() - o0
    if not lo <= i <= hi:
        cal._refuse(at.date())
    k = before[i]
    p: int = wposm[k] * MINUTE
    if work[i]:
        clock = wclock[k]
        m = at.hour * 60 + at.minute
        p += clock.before[m]
        if clock.inside[m]:
            p += at.second * 1_000_000 + at.microsecond
    return p


def between(cal: WorkingCalendar, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
    """:meth:`WorkingCalendar.working_time_between`: ``end``'s position minus ``start``'s.

    :func:`position` inlined for both instants (the hot path of a paused clock), each
    converted to local time and checked in turn, and counted in whole minutes (small
    integers) plus the microseconds into a counting minute.
    """
    o0, lo, hi, before, work, wposm, wclock, _, _, _, _ = cal._hot or build(cal)
    if type(start) is not _datetime or start.tzinfo is not None:
        start = local(start)
    i = start.toordinal() - o0
    if not lo <= i <= hi:
        cal._refuse(start.date())
    k = before[i]
    minutes: int = -wposm[k]
    micro = 0
    if work[i]:
        clock = wclock[k]
        m = start.hour * 60 + start.minute
        minutes -= clock.minutes_before[m]
        if clock.inside[m]:
            micro = -(start.second * 1_000_000 + start.microsecond)
    if type(end) is not _datetime or end.tzinfo is not None:
        end = local(end)
    i = end.toordinal() - o0
    if not lo <= i <= hi:
        cal._refuse(end.date())
    k = before[i]
    minutes += wposm[k]
    if work[i]:
        clock = wclock[k]
        m = end.hour * 60 + end.minute
        minutes += clock.minutes_before[m]
        if clock.inside[m]:
            micro += end.second * 1_000_000 + end.microsecond
    if not micro:  # whole minutes: a small multiplication
        return _ONE_MINUTE * minutes
    return _MICROSECOND * (minutes * MINUTE + micro)  # exact; cheaper than timedelta(...)


def instant(cal: WorkingCalendar, at: dt.datetime, target: int, *, forward: bool) -> dt.datetime:
    """The earliest (``forward``) or latest instant with position ``target``, naive local.

    ``at`` is only used in the error message when the instant is out of range.
    """
    _, _, _, _, _, wposm, wclock, _, _, klo, khi = cal._hot or build(cal)
    # In microseconds, forward: wposm[j] * MINUTE < target <= wposm[j + 1] * MINUTE, that is
    # wposm[j] < ceil(target / MINUTE); back: wposm[j] <= floor(target / MINUTE).
    if forward:
        j = bisect_left(wposm, -(-target // MINUTE)) - 1
    else:
        j = bisect_right(wposm, target // MINUTE) - 1
    if not klo <= j <= khi:
        refuse_position(cal, at, j)
    counted, rest = divmod(target - wposm[j] * MINUTE, MINUTE)
    clock = wclock[j]
    minute = clock.ends[counted] if forward and not rest else clock.starts[counted]
    return combine(cal._wdays[j], minute, rest)


def combine(day: dt.date, minute: int, rest: int) -> dt.datetime:
    """The datetime at ``minute`` of the day plus ``rest`` microseconds."""
    hour, minute = HOUR_MINUTE[minute]
    if rest:
        second, micro = divmod(rest, 1_000_000)
        return _datetime(day.year, day.month, day.day, hour, minute, second, micro)
    return _datetime(day.year, day.month, day.day, hour, minute)


def add_exact(cal: WorkingCalendar, at: dt.datetime, delta: dt.timedelta) -> dt.datetime:
    """:meth:`WorkingCalendar.add_working_time` in microseconds, for any ``at`` and ``delta``."""
    local_at = local(at)
    du = (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds
    p = position(cal, local_at)
    if not du:
        return at
    return back_to(instant(cal, at, p + du, forward=du > 0), at)


def refuse_position(cal: WorkingCalendar, at: dt.datetime, k: int) -> NoReturn:
    """Raise for a result on working day ``k``, outside what the calendar may answer."""
    cal._refuse_working_day(k, at.date(), f"the working time from {at.isoformat()} ends")
