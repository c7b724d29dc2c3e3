"""Working time left before a due date, or past it: "Còn 2 ngày 3 giờ" / "Quá 1 ngày 2 giờ"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tthc._localtime import to_local
from tthc.deadlines._deadline import Deadline
from tthc.duration import MINUTES_PER_WORKING_DAY
from tthc.errors import DeadlineError

__all__ = ["WorkingTime", "overdue", "remaining"]

_MINUTE = dt.timedelta(minutes=1)


@dataclass(frozen=True, slots=True)
class WorkingTime:
    """A signed span of working time: positive is time left, negative is time overdue.

    Days are working days of 8 working hours, as the one-stop systems display them.

    >>> wt = WorkingTime(dt.timedelta(hours=19))
    >>> wt.days, wt.hours, wt.minutes
    (2, 3, 0)
    >>> wt.format(), wt.format("en")
    ('Còn 2 ngày 3 giờ', '2 days 3 hours left')
    >>> WorkingTime(-dt.timedelta(hours=10, seconds=1)).format()
    'Quá 1 ngày 2 giờ 1 phút'
    """

    delta: dt.timedelta

    @property
    def is_overdue(self) -> bool:
        """True when the span is past the due time."""
        return self.delta < dt.timedelta(0)

    def _minutes(self) -> int:
        # Time left rounds down and time overdue rounds up, so "0 minutes left" is never late.
        whole, rest = divmod(abs(self.delta), _MINUTE)
        return whole + (1 if rest and self.is_overdue else 0)

    @property
    def days(self) -> int:
        """Whole working days (8 working hours each)."""
        return self._minutes() // MINUTES_PER_WORKING_DAY

    @property
    def hours(self) -> int:
        """Hours beyond the whole days."""
        return self._minutes() % MINUTES_PER_WORKING_DAY // 60

    @property
    def minutes(self) -> int:
        """Minutes beyond the whole hours."""
        return self._minutes() % 60

    def format(self, lang: str = "vi") -> str:
        """Render as "Còn 2 ngày 3 giờ" / "Quá 1 ngày 2 giờ", or in English.

        Raises:
            ValueError: ``lang`` is neither ``"vi"`` nor ``"en"``.
        """
        if lang == "vi":
            units = (("ngày", "ngày"), ("giờ", "giờ"), ("phút", "phút"))
        elif lang == "en":
            units = (("day", "days"), ("hour", "hours"), ("minute", "minutes"))
        else:
            raise ValueError(f"lang must be 'vi' or 'en', got {lang!r}")
        values = (self.days, self.hours, self.minutes)
        parts = [f"{v} {units[i][v != 1]}" for i, v in enumerate(values) if v]
        text = " ".join(parts) or f"0 {units[2][1]}"
        if lang == "vi":
            return f"{'Quá' if self.is_overdue else 'Còn'} {text}"
        return f"{text} {'overdue' if self.is_overdue else 'left'}"

    def __str__(self) -> str:
        return self.format()


def remaining(deadline: Deadline, at: dt.datetime) -> WorkingTime:
    """Working time from ``at`` to the deadline's due time; negative once it has passed.

    Only office hours count (the deadline's calendar): a weekend between ``at`` and the due
    time adds nothing.

    Raises:
        DeadlineError: The deadline has no due time (a procedure without a time limit).
    """
    if deadline.local_due is None:
        raise DeadlineError(f"a {deadline.duration} time limit has no due time to count to")
    return WorkingTime(deadline.calendar.working_time_between(to_local(at), deadline.local_due))


def overdue(deadline: Deadline, at: dt.datetime) -> WorkingTime:
    """Working time by which ``at`` is past the due time (negative span); zero when it is not.

    The result formats as "Quá 1 ngày 2 giờ"; its ``days``, ``hours`` and ``minutes`` are
    magnitudes.

    Raises:
        DeadlineError: The deadline has no due time.
    """
    left = remaining(deadline, at)
    return left if left.is_overdue else WorkingTime(dt.timedelta(0))
