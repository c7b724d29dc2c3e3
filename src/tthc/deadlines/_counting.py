"""Counting decisions shared by the computation of a due date and its trace.

:func:`tthc.compute_deadline` makes these decisions and :attr:`Deadline.trace` explains them;
both call the functions here, so the explanation can never tell another story than the
computation did.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from tthc.deadlines._policies import Counting, DeadlinePolicy, Receipt
from tthc.duration import Duration, DurationKind
from tthc.errors import DeadlineError

if TYPE_CHECKING:
    from tthc.calendar import WorkingCalendar

__all__ = ["cutoff_passed", "day_not_counted", "phase_ends"]

_ONE_DAY = dt.timedelta(days=1)
#: Time limits counted in days, whose first day is left out (BLDS 2015 Art. 147(2)).
_DAY_KINDS = frozenset((DurationKind.WORKING_DAYS, DurationKind.CALENDAR_DAYS, DurationKind.PHASES))


def day_not_counted(
    received: dt.datetime, start: dt.datetime, duration: Duration, policy: DeadlinePolicy
) -> dt.date:
    """The day a period in days leaves out: counting starts on the day after it.

    Under :attr:`Receipt.RECEIPT_DAY` (the Civil Code), the receipt's own local date for a
    period in days, whatever kind of day it is (BLDS 2015 Art. 147(2)); otherwise, and for
    zero working days (due the same day), hours, same-day and immediate limits, and
    working-time counting (an hour count), the date of ``start``, the next counting
    instant.

    Args:
        received: The receipt, naive local time.
        start: The next counting instant at or after it.
        duration: The time limit.
        policy: The deadline policy.
    """
    if policy.receipt is not Receipt.RECEIPT_DAY or duration.kind not in _DAY_KINDS:
        return start.date()
    if duration.kind is DurationKind.WORKING_DAYS and (
        policy.counting is Counting.WORKING_TIME or not duration.amount
    ):
        return start.date()  # working time is an hour count; zero days is the same day
    return received.date()


def cutoff_passed(start: dt.datetime, duration: Duration, policy: DeadlinePolicy) -> dt.time | None:
    """The same-day cut-off that counting starts after, if any (then due the next working day).

    The cut-off is the duration's own, else the policy's default. It is compared with the
    moment counting starts, that is the receipt moved to the next counting instant when it
    came outside office hours; a start exactly at the cut-off is not after it.
    """
    cutoff = duration.cutoff or policy.same_day_cutoff
    return cutoff if cutoff is not None and start.time() > cutoff else None


def phase_ends(
    calendar: WorkingCalendar,
    day: dt.date,
    duration: Duration,
    *,
    start: dt.datetime,
    policy: DeadlinePolicy,
) -> list[tuple[Duration, dt.date]]:
    """Each phase of a :attr:`DurationKind.PHASES` limit counted from ``day``, with its last day.

    Calendar days and whole working days, and a same-day limit as the first phase: it ends
    on the day counting starts (``start``), or the next working day when ``start`` is after
    its cut-off, as a same-day limit does. So NĐ 23/2015/NĐ-CP Art. 7 and 21, "same day,
    cut-off 15:00 then 2 working days", end 2 working days after the receipt day, or 3 after
    it for a receipt after 15:00. The last day is not yet moved off a non-working day (BLDS
    2015 Art. 148(5) applies to the end of the whole limit).

    Raises:
        DeadlineError: A phase cannot be counted in whole days.
    """
    ends = []
    for index, phase in enumerate(duration.phases):
        if phase.kind is DurationKind.CALENDAR_DAYS:
            day += int(phase.amount) * _ONE_DAY
        elif phase.kind is DurationKind.WORKING_DAYS and phase.amount.is_integer():
            day = calendar.add_working_days(day, int(phase.amount))
        elif phase.kind is DurationKind.SAME_DAY and index == 0:
            day = start.date()
            if cutoff_passed(start, phase, policy) is not None:
                day = calendar.next_working_day(day)
        else:
            raise DeadlineError(
                f"cannot count phase {str(phase)!r} of {str(duration)!r}: phases are counted "
                "in whole calendar days or whole working days, after an optional first "
                "same-day phase"
            )
        ends.append((phase, day))
    return ends
