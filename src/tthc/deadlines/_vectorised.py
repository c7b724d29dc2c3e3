"""Due dates of many receipts as numpy array operations, one kind of time limit at a time.

Each counter here is :mod:`tthc.deadlines._compute`'s counter for the same kind and
policy, written over the calendar's numpy tables (``tthc.calendar._bulk_time``): receipts
are int64 microseconds since 1970, naive Vietnam local time; due instants come back the
same way. A counter returns the due instants and an ``ok`` mask; an element outside it
(a day the calendar does not answer for, a result past its last working day) is left to
the scalar :func:`~tthc.compute_deadline`, which raises its own error. A kind or policy
without a counter here (half days, half-day sessions, months, phases, an hour count of
zero) returns ``None``, and every element goes to the scalar path.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from tthc.calendar._bulk_time import DAY, MINUTE, TimeTables, time_tables
from tthc.deadlines._policies import Counting, DayEnd, DeadlinePolicy, Receipt
from tthc.duration import Duration, DurationKind

if TYPE_CHECKING:
    from tthc.calendar import WorkingCalendar

__all__ = ["NAT", "vectorised"]

#: The int64 value of ``NaT``.
NAT = np.iinfo(np.int64).min
_Counted = tuple[Any, Any]


class Receipts:
    """Receipts placed on a calendar's tables; each array is computed when first needed.

    Attributes:
        tables: The calendar's numpy tables.
        local: The receipts, int64 microseconds since 1970, naive local time.
        day: Each receipt's day index (clipped into the calendar's range).
        ok: Whether the receipt is a valid instant on a day the calendar answers for.
    """

    def __init__(self, tables: TimeTables, local: Any, valid: Any) -> None:
        self.tables = tables
        self.local = local
        self.day, in_range = tables.day_index(local)
        self.ok = valid & in_range

    @cached_property
    def position(self) -> Any:
        """The counting microseconds before each receipt."""
        return self.tables.positions(self.local, self.day)

    @cached_property
    def near(self) -> Any:
        """The working days before each receipt's day: at or before any answer from it."""
        return self.tables.before[self.day]

    @cached_property
    def start(self) -> tuple[Any, Any, Any]:
        """``next_counting_instant`` of each receipt: (instant, its working day, ok)."""
        return self.tables.instants(self.position, self.near, forward=False)


def _whole_days_end(tables: TimeTables, k: Any, policy: DeadlinePolicy) -> Any:
    """The end of working day ``k``: its close, or 24:00 (the last microsecond) at midnight."""
    if policy.ends_at is DayEnd.OFFICE_CLOSE:
        return tables.close[k]
    return tables.midnight[k] + (DAY - 1)  # BLDS 2015 Art. 148(6)


def _working_days(r: Receipts, duration: Duration, policy: DeadlinePolicy) -> _Counted | None:
    if policy.counting is Counting.WORKING_TIME:
        return _working_time(r, duration, policy)
    if policy.counting is not Counting.DAYS or not duration.amount.is_integer():
        return None  # half-day sessions and half days: the scalar path
    t, n = r.tables, int(duration.amount)
    if n and policy.receipt is Receipt.RECEIPT_DAY:
        # The close of the n-th working day after the receipt's date. That working day is
        # at or after the one counting starts on, so when it is answerable, so is the start.
        k = t.upto[r.day] + (n - 1)
        return _whole_days_end(t, np.minimum(k, t.khi), policy), r.ok & (k <= t.khi)
    _, j, ok = r.start
    k = j + n  # n working days after the day counting starts (zero: that day)
    return _whole_days_end(t, np.minimum(k, t.khi), policy), r.ok & ok & (k <= t.khi)


def _working_time(r: Receipts, duration: Duration, policy: DeadlinePolicy) -> _Counted | None:
    minutes = duration.working_minutes or 0
    if not minutes:
        return None
    t = r.tables
    # The result's working day is at or after the start's: when it is answerable, so is
    # the start (next_counting_instant).
    due, j, ok = t.instants(r.position + minutes * MINUTE, r.near, forward=True)
    step = policy.round_up_to
    if step is not None:
        tod = due - (due // DAY) * DAY
        excess = (tod // MINUTE % 60 % step) * MINUTE + tod % MINUTE
        session_end = t.midnight[j] + t.next_end[t.clock[j] * 1441 - (-tod // MINUTE)] * MINUTE
        rounded = np.minimum(due + (step * MINUTE - excess), session_end)
        due = np.where(excess > 0, rounded, due)
    return due, r.ok & ok


def _calendar_days(r: Receipts, duration: Duration, policy: DeadlinePolicy) -> _Counted:
    t = r.tables
    _, j, start_ok = r.start
    day = r.day if policy.receipt is Receipt.RECEIPT_DAY else t.midnight[j] // DAY + t.offset
    last = day + int(duration.amount)
    in_range = last <= t.hi
    last = np.minimum(last, t.hi)
    # The last day, or the next working day when it is not one (BLDS 2015 Art. 148(5)).
    k = np.where(t.work[last], t.before[last], t.upto[last])
    ok = r.ok & start_ok & in_range & (k <= t.khi)
    return _whole_days_end(t, np.minimum(k, t.khi), policy), ok


def _same_day(r: Receipts, duration: Duration, policy: DeadlinePolicy) -> _Counted:
    t = r.tables
    start, j, ok = r.start
    cutoff = duration.cutoff or policy.same_day_cutoff
    k = j
    if cutoff is not None:
        limit = (
            (cutoff.hour * 60 + cutoff.minute) * MINUTE
            + cutoff.second * 1_000_000
            + cutoff.microsecond
        )
        k = j + (start - (start // DAY) * DAY > limit)  # after the cut-off: the next day
    return _whole_days_end(t, np.minimum(k, t.khi), policy), r.ok & ok & (k <= t.khi)


def _immediate(r: Receipts, duration: Duration, policy: DeadlinePolicy) -> _Counted:
    start, _, ok = r.start
    return start, r.ok & ok


def _no_limit(r: Receipts, duration: Duration, policy: DeadlinePolicy) -> _Counted:
    _, _, ok = r.start  # no due date, but counting still has to start somewhere
    return np.full(r.local.shape, NAT, dtype=np.int64), r.ok & ok


#: The kinds counted here; the others go to the scalar path.
_COUNTERS: dict[DurationKind, Callable[[Receipts, Duration, DeadlinePolicy], _Counted | None]] = {
    DurationKind.WORKING_DAYS: _working_days,
    DurationKind.WORKING_HOURS: _working_time,
    DurationKind.CALENDAR_DAYS: _calendar_days,
    DurationKind.SAME_DAY: _same_day,
    DurationKind.IMMEDIATE: _immediate,
    DurationKind.NONE: _no_limit,
}


def vectorised(
    calendar: WorkingCalendar,
    duration: Duration,
    policy: DeadlinePolicy,
    local: Any,
    valid: Any,
) -> _Counted | None:
    """The due instants of ``duration`` from each receipt, and where they are right.

    Args:
        calendar: The working calendar.
        duration: The time limit.
        policy: How to count.
        local: The receipts, int64 microseconds since 1970, naive local time.
        valid: Which receipts are instants at all (not NaT, inside the datetimes).

    Returns:
        ``(due, ok)``: int64 microseconds (``NaT`` without a time limit) and a mask of the
        elements computed; or ``None`` when this kind and policy are not counted here.
    """
    counter = _COUNTERS.get(duration.kind)
    if counter is None:
        return None
    return counter(Receipts(time_tables(calendar), local, valid), duration, policy)
