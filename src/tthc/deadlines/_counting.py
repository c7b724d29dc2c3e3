"""Counting decisions shared by the computation of a due date and its trace.

:func:`tthc.compute_deadline` makes these decisions and :attr:`Deadline.trace` explains them;
both call the functions here, so the explanation can never tell another story than the
computation did.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from tthc.duration import Duration, DurationKind
from tthc.errors import DeadlineError

if TYPE_CHECKING:
    from tthc.calendar import WorkingCalendar
    from tthc.deadlines._policies import DeadlinePolicy

__all__ = ["cutoff_passed", "months_later", "phase_ends"]

_ONE_DAY = dt.timedelta(days=1)


def cutoff_passed(start: dt.datetime, duration: Duration, policy: DeadlinePolicy) -> dt.time | None:
    """The same-day cut-off that counting starts after, if any (then due the next working day).

    The cut-off is the duration's own, else the policy's default. It is compared with the
    moment counting starts, that is the receipt moved to the next counting instant when it
    came outside office hours; a start exactly at the cut-off is not after it.
    """
    cutoff = duration.cutoff or policy.same_day_cutoff
    return cutoff if cutoff is not None and start.time() > cutoff else None


def months_later(day: dt.date, months: int) -> dt.date:
    """The last day of a period of ``months`` months that starts after ``day``.

    BLDS 2015 Art. 147(2): the day of the event is not counted. Art. 148(3): a period in
    months ends on the corresponding day (the same-numbered day) of the last month; when
    that month has no such day, on its last day. Moving the end off a non-working day
    (Art. 148(5)) is the caller's.

    >>> months_later(dt.date(2026, 1, 15), 2), months_later(dt.date(2026, 1, 31), 1)
    (datetime.date(2026, 3, 15), datetime.date(2026, 2, 28))
    >>> months_later(dt.date(2027, 12, 31), 2)  # 2028 is a leap year
    datetime.date(2028, 2, 29)
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    following = dt.date(year + (month + 1) // 12, (month + 1) % 12 + 1, 1)
    last_of_month = (following - _ONE_DAY).day
    return dt.date(year, month + 1, min(day.day, last_of_month))


def phase_ends(
    calendar: WorkingCalendar, day: dt.date, duration: Duration
) -> list[tuple[Duration, dt.date]]:
    """Each phase of a :attr:`DurationKind.PHASES` limit counted from ``day``, with its last day.

    Calendar days and whole working days only; the last day is not yet moved off a
    non-working day (BLDS 2015 Art. 148(5) applies to the end of the whole limit).

    Raises:
        DeadlineError: A phase cannot be counted in whole days.
    """
    ends = []
    for phase in duration.phases:
        if phase.kind is DurationKind.CALENDAR_DAYS:
            day += int(phase.amount) * _ONE_DAY
        elif phase.kind is DurationKind.WORKING_DAYS and phase.amount.is_integer():
            day = calendar.add_working_days(day, int(phase.amount))
        else:
            raise DeadlineError(
                f"cannot count phase {str(phase)!r} of {str(duration)!r}: phases are counted "
                "in whole calendar days or whole working days"
            )
        ends.append((phase, day))
    return ends
