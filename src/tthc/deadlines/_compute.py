"""Computing a due date: receipt snapping, then counting under a named policy.

Conventions (all local Vietnam time; aware datetimes are converted and the results keep the
caller's awareness):

* **Receipt.** A dossier received outside counting hours (a non-working day, before opening,
  during lunch, after close) counts from the next counting instant; when that falls on a later
  day, that day is the receipt day.
* **Working days, Civil Code counting** (the default). The receipt day is not counted
  (BLDS 2015 Art. 147(2)); the limit ends at the close of office hours of the n-th working day
  after it (Art. 148(1)). A half day ends at the close of the next day's morning session.
* **Calendar days** end at the close of office hours of the n-th day after the receipt day,
  moved to the next working day when that day is not one (Art. 148(5)).
* **Months** end at the close of office hours of the same-numbered day of the last month, or
  that month's last day when it has none (Art. 148(3)), moved to the next working day when
  that day is not one (Art. 148(5)).
* **Working hours** start at the moment of receipt (Art. 147(1)) and are counted in office
  hours only, lunch skipped.
* **Same day**: due at the close of the receipt day; with a cut-off, a dossier received after
  it is due at the close of the next working day (Luật Hộ tịch 2014 Art. 5(3); NĐ 23/2015
  Art. 7). Received exactly at the cut-off counts as before it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from tthc._localtime import to_local
from tthc.deadlines._counting import cutoff_passed, months_later, phase_ends
from tthc.deadlines._deadline import Deadline
from tthc.deadlines._policies import CIVIL_CODE, Counting, DeadlinePolicy
from tthc.duration import Duration, DurationKind

if TYPE_CHECKING:
    from tthc.calendar import WorkingCalendar

__all__ = ["HasTimeLimit", "compute_deadline"]

_ONE_DAY = dt.timedelta(days=1)
_ONE_MINUTE = dt.timedelta(minutes=1)
_datetime = dt.datetime
_DAYS = Counting.DAYS  # read on every call: an enum class's attributes are not cached
_new_deadline = tuple.__new__  # builds the named tuple without keyword handling: hot path


class HasTimeLimit(Protocol):
    """Anything that gives a time limit per case and channel, such as a catalogue procedure."""

    @property
    def code(self) -> str:
        """The procedure's code."""
        ...

    def time_limit(self, *, case: str | None = None, channel: object = None) -> Duration:
        """The time limit for a case and channel."""
        ...


def compute_deadline(
    procedure_or_duration: Duration | HasTimeLimit,
    received_at: dt.datetime,
    *,
    calendar: WorkingCalendar,
    case: str | None = None,
    channel: object = None,
    policy: DeadlinePolicy | None = None,
) -> Deadline:
    """Compute when the result of a dossier received at ``received_at`` is due.

    Conventions (BLDS 2015 Art. 147-148; the module docstring has the details):

    * Counting starts at the receipt, or at the next counting instant when the receipt
      came outside office hours (a non-working day, before opening, at lunch, after close).
    * Working days: the receipt day is not counted; due at the close of the last session
      of the n-th working day after it. Calendar days end there too, moved to the next
      working day when the last day is not one.
    * Working hours count from the start in office hours only; a result landing on a
      session end is that instant (11:30, 17:00).
    * Same day with a cut-off (the duration's own, else the policy's): when counting
      starts after the cut-off, due at the close of the next working day. Exactly at the
      cut-off is not after it. The cut-off is compared with the moment counting starts,
      so a receipt at lunch counts from 13:00.

    Args:
        procedure_or_duration: A :class:`~tthc.Duration`, or a catalogue procedure whose
            time limit for ``case`` and ``channel`` is used.
        received_at: When the complete dossier was received (naive: Vietnam local time).
        calendar: The working calendar of the receiving agency.
        case: The procedure's case, when it has several.
        channel: The submission channel, when the time limit differs per channel.
        policy: How to count; :data:`tthc.deadlines.CIVIL_CODE` by default.

    Returns:
        The :class:`Deadline`, whose ``trace`` and ``explain()`` say why.

    Raises:
        DeadlineError: The duration cannot be counted as asked (for example a phase in
            working hours).
        tthc.errors.UnknownCase: The procedure has no such case or channel.
        tthc.errors.CalendarError: A date falls outside what the calendar knows.

    >>> import datetime as dt
    >>> from tthc import Duration, WorkingCalendar, compute_deadline
    >>> vn = WorkingCalendar.vietnam()
    >>> d = compute_deadline(Duration.working_days(3), dt.datetime(2026, 2, 12, 10), calendar=vn)
    >>> d.due_at
    datetime.datetime(2026, 2, 24, 17, 0)
    """
    if policy is None:
        policy = CIVIL_CODE
    if isinstance(procedure_or_duration, Duration):
        duration, code = procedure_or_duration, None
    else:
        duration = procedure_or_duration.time_limit(case=case, channel=channel)
        code = procedure_or_duration.code
    local = (
        received_at
        if type(received_at) is _datetime and received_at.tzinfo is None
        else to_local(received_at)
    )
    start = calendar.next_counting_instant(local)
    due, window = _COUNTERS[duration.kind](calendar, start, duration, policy)
    return _new_deadline(
        Deadline, (received_at, start, due, window, duration, policy, calendar, code, case, channel)
    )


def _roll(calendar: WorkingCalendar, day: dt.date) -> dt.date:
    """The day itself if it is a working day, else the next working day (Art. 148(5))."""
    return day if calendar.is_working_day(day) else calendar.next_working_day(day)


@lru_cache(maxsize=256)
def _minutes(count: int) -> dt.timedelta:
    """``count`` minutes as a timedelta, built once per value.

    Time limits take few values, and building a timedelta costs about a fifth of a due date
    in working hours.
    """
    return _ONE_MINUTE * count


_Window = tuple[dt.datetime, dt.datetime]
_Result = tuple[dt.datetime | None, _Window | None]


def _working_days(
    calendar: WorkingCalendar, start: dt.datetime, duration: Duration, policy: DeadlinePolicy
) -> _Result:
    counting = policy.counting
    if counting is _DAYS:
        amount = duration.amount
        whole = int(amount)
        if whole == amount:  # the usual case: the close of the n-th working day
            day = start.date()
            if whole:
                return calendar._close_after(day, whole), None
            return calendar.closing_time(day), None
        return _half_days(calendar, start.date(), whole), None
    if counting is Counting.SESSIONS:
        window = _sessions(calendar, start, duration.amount)
        return window[1], window
    return _working_time(calendar, start, duration, policy), None


def _working_hours(
    calendar: WorkingCalendar, start: dt.datetime, duration: Duration, policy: DeadlinePolicy
) -> _Result:
    return _working_time(calendar, start, duration, policy), None


def _calendar_days(
    calendar: WorkingCalendar, start: dt.datetime, duration: Duration, policy: DeadlinePolicy
) -> _Result:
    last = start.date() + int(duration.amount) * _ONE_DAY
    return calendar.closing_time(_roll(calendar, last)), None


def _months(
    calendar: WorkingCalendar, start: dt.datetime, duration: Duration, policy: DeadlinePolicy
) -> _Result:
    last = months_later(start.date(), int(duration.amount))
    return calendar.closing_time(_roll(calendar, last)), None


def _same_day(
    calendar: WorkingCalendar, start: dt.datetime, duration: Duration, policy: DeadlinePolicy
) -> _Result:
    day = start.date()
    if cutoff_passed(start, duration, policy) is not None:
        day = calendar.next_working_day(day)
    return calendar.closing_time(day), None


def _immediate(
    calendar: WorkingCalendar, start: dt.datetime, duration: Duration, policy: DeadlinePolicy
) -> _Result:
    return start, None


def _no_limit(
    calendar: WorkingCalendar, start: dt.datetime, duration: Duration, policy: DeadlinePolicy
) -> _Result:
    return None, None


def _half_days(calendar: WorkingCalendar, day: dt.date, whole: int) -> dt.datetime:
    """``whole`` working days and a half: the close of the next day's morning session."""
    due_day = calendar.add_working_days(day, whole + 1)
    return dt.datetime.combine(due_day, calendar.counting_sessions(due_day)[0][1])


def _sessions(calendar: WorkingCalendar, start: dt.datetime, amount: float) -> _Window:
    day = start.date()
    afternoon = start.time() >= calendar.counting_sessions(day)[0][1]
    days_ahead, part = divmod(int(afternoon) + round(amount * 2), 2)
    due_day = calendar.add_working_days(day, days_ahead)
    sessions = calendar.counting_sessions(due_day)
    opening, closing = sessions[-1] if part else sessions[0]
    return dt.datetime.combine(due_day, opening), dt.datetime.combine(due_day, closing)


def _working_time(
    calendar: WorkingCalendar, start: dt.datetime, duration: Duration, policy: DeadlinePolicy
) -> dt.datetime:
    minutes = duration.working_minutes or 0
    due = calendar.add_working_time(start, _minutes(minutes))
    step = policy.round_up_to
    if step is None:
        return due
    excess = dt.timedelta(
        minutes=due.minute % step, seconds=due.second, microseconds=due.microsecond
    )
    if not excess:
        return due
    rounded = due + (dt.timedelta(minutes=step) - excess)
    for _, closing in calendar.counting_sessions(due.date()):
        session_end = dt.datetime.combine(due.date(), closing)
        if due <= session_end:
            return min(rounded, session_end)
    return rounded  # pragma: no cover  (due always lies inside a session)


def _phases(
    calendar: WorkingCalendar, start: dt.datetime, duration: Duration, policy: DeadlinePolicy
) -> _Result:
    _, last = phase_ends(calendar, start.date(), duration)[-1]
    return calendar.closing_time(_roll(calendar, last)), None


#: How each kind of time limit is laid out on the calendar.
_COUNTERS: dict[
    DurationKind,
    Callable[[WorkingCalendar, dt.datetime, Duration, DeadlinePolicy], _Result],
] = {
    DurationKind.WORKING_DAYS: _working_days,
    DurationKind.WORKING_HOURS: _working_hours,
    DurationKind.CALENDAR_DAYS: _calendar_days,
    DurationKind.MONTHS: _months,
    DurationKind.SAME_DAY: _same_day,
    DurationKind.IMMEDIATE: _immediate,
    DurationKind.PHASES: _phases,
    DurationKind.NONE: _no_limit,
}
