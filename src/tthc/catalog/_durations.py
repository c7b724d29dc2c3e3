"""Comparing time limits without a calendar: sums of budgets, and "never longer than".

Two questions the catalogue asks of :class:`~tthc.Duration` values, answered for every
receipt time and every calendar, or not at all:

- Do the internal-process budgets add up to the case's time limit? Working days and
  working hours add up in working minutes (1 working day = 8 working hours, QĐ
  188/1999/QĐ-TTg); calendar days add up separately; the two never mix.
- Is a local time limit never longer than the statutory one? :func:`not_longer` says
  ``True`` or ``False`` only when that holds for any receipt time; otherwise ``None``,
  and the catalogue asks the author to write both in the same unit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tthc.duration import MINUTES_PER_WORKING_DAY, Duration, DurationKind

__all__ = ["Total", "budget_problem", "not_longer", "total_of"]

_WORKING = (DurationKind.WORKING_DAYS, DurationKind.WORKING_HOURS)


@dataclass(frozen=True)
class Total:
    """A sum of counted durations: working minutes and calendar days, kept apart."""

    working_minutes: int = 0
    calendar_days: int = 0

    def __str__(self) -> str:
        parts = []
        if self.working_minutes or not self.calendar_days:
            parts.append(_minutes_text(self.working_minutes))
        if self.calendar_days:
            parts.append(str(Duration.calendar_days(self.calendar_days)))
        return " and ".join(parts)


def _minutes_text(minutes: int) -> str:
    if minutes % (MINUTES_PER_WORKING_DAY // 2) == 0:
        return str(Duration.working_days(minutes / MINUTES_PER_WORKING_DAY))
    return str(Duration.working_hours(minutes / 60))


def total_of(durations: Iterable[Duration]) -> Total | None:
    """Add counted durations up; ``None`` if one is not counted (same day, immediate ...)."""
    minutes = days = 0
    for duration in durations:
        if duration.kind is DurationKind.PHASES:
            inner = total_of(duration.phases)
            if inner is None:
                return None
            minutes += inner.working_minutes
            days += inner.calendar_days
        elif duration.kind is DurationKind.CALENDAR_DAYS:
            days += int(duration.amount)
        elif duration.kind in _WORKING:
            minutes += duration.working_minutes or 0
        else:
            return None
    return Total(minutes, days)


def budget_problem(budgets: Iterable[Duration], limit: Duration) -> str | None:
    """Why the process budgets do not add up to ``limit``; ``None`` when they do.

    Same-day limits take budgets that fit in one working day (8 working hours);
    immediate limits and no limit are not checked.

    >>> days = Duration.working_days
    >>> budget_problem([days(1), days(1.5)], days(3))
    "the steps' budgets add up to 2.5 working days, but the time limit is 3 working days"
    >>> budget_problem([days(1), Duration.working_hours(16)], days(3)) is None
    True
    """
    budgets = tuple(budgets)
    counted = [b for b in budgets if b.kind not in (*_WORKING, DurationKind.CALENDAR_DAYS)]
    if counted:
        return (
            f"a step's budget must be working days, working hours or calendar days, "
            f"not {counted[0].kind.value.replace('_', ' ')} ({counted[0]})"
        )
    total = total_of(budgets)
    assert total is not None  # every budget is counted
    if limit.kind in (DurationKind.IMMEDIATE, DurationKind.NONE):
        return None
    if limit.kind is DurationKind.SAME_DAY:
        if total.calendar_days or total.working_minutes > MINUTES_PER_WORKING_DAY:
            return (
                f"the steps' budgets add up to {total}, but a same-day limit ({limit}) "
                "fits in one working day (8 working hours)"
            )
        return None
    expected = total_of([limit])
    # A same-day first phase has no length of its own (it depends on the hour): not checked.
    if expected is not None and total != expected:
        return f"the steps' budgets add up to {total}, but the time limit is {limit}"
    return None


def not_longer(local: Duration, statutory: Duration) -> bool | None:  # noqa: PLR0911, PLR0912
    """Whether ``local`` ends no later than ``statutory`` for any receipt time.

    ``True``: never longer. ``False``: longer for some receipt time. ``None``: it depends
    on the calendar or the receipt time, so it cannot be told here.

    >>> wd = Duration.working_days
    >>> not_longer(wd(2), wd(3)), not_longer(wd(5), wd(3))
    (True, False)
    >>> not_longer(Duration.same_day(), wd(1)), not_longer(wd(3), Duration.calendar_days(5))
    (True, None)
    """
    a, b = local.kind, statutory.kind
    if b is DurationKind.NONE:
        return True
    if a is DurationKind.NONE:
        return False
    if a is DurationKind.IMMEDIATE:
        return True
    if b is DurationKind.IMMEDIATE:
        return False
    if a is DurationKind.PHASES or b is DurationKind.PHASES:
        return _phases_not_longer(local, statutory)
    if a is DurationKind.SAME_DAY:
        if b is DurationKind.SAME_DAY:
            return _cutoff_not_later(local, statutory)
        if b is DurationKind.WORKING_DAYS or b is DurationKind.CALENDAR_DAYS:
            # Due by the end of the next working day at the latest.
            return True if statutory.amount >= 1 else None
        return True if statutory.amount >= 16 else None  # working hours
    if b is DurationKind.SAME_DAY:
        return False if a is not DurationKind.WORKING_HOURS else None
    if a is DurationKind.CALENDAR_DAYS:
        if b is DurationKind.CALENDAR_DAYS:
            return local.amount <= statutory.amount
        # N calendar days end (moved to a working day) no later than N working days do.
        if b is DurationKind.WORKING_DAYS and local.amount <= statutory.amount:
            return True
        return None
    if b is DurationKind.CALENDAR_DAYS:
        return None  # working days may span any number of non-working days
    return _working_not_longer(local, statutory)


def _cutoff_not_later(local: Duration, statutory: Duration) -> bool:
    """Same day: no cut-off is shortest; a later cut-off is shorter than an earlier one."""
    if local.cutoff is None:
        return True
    if statutory.cutoff is None:
        return False
    return local.cutoff >= statutory.cutoff


def _working_not_longer(local: Duration, statutory: Duration) -> bool | None:
    """Working days and hours. Day counting ends at the end of a day, up to 8 h later."""
    a, b = local.working_minutes or 0, statutory.working_minutes or 0
    if local.kind is statutory.kind:
        return a <= b
    if local.kind is DurationKind.WORKING_HOURS:  # hours against days: hours never run later
        return True if a <= b else None
    if a + MINUTES_PER_WORKING_DAY <= b:  # days against hours: a day may end 8 h later
        return True
    return False if a > b else None


def _phases_not_longer(local: Duration, statutory: Duration) -> bool | None:
    if local.kind is not statutory.kind or len(local.phases) != len(statutory.phases):
        return None
    answers = [not_longer(x, y) for x, y in zip(local.phases, statutory.phases, strict=True)]
    if all(answer is True for answer in answers):
        return True
    if any(answer is False for answer in answers):
        return False
    return None
