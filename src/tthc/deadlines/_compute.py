"""Computing a due date: the day not counted, then counting under a named policy.

Conventions (all local Vietnam time; aware datetimes are converted and the results keep the
caller's awareness):

* **Periods in days** (working days, calendar days, phases, half-day sessions): the
  receipt's own date is the day not counted, whatever kind of day it is (a holiday, a
  Saturday counter, a working day after 17:00); counting starts on the day after it (BLDS
  2015 Art. 147(2)). The :data:`~tthc.deadlines.NEXT_OPENING` policy instead deems a
  receipt outside counting hours received at the next opening, as customs and the State
  Treasury do (QĐ 2988/QĐ-TCHQ Art. 7(5); TT 87/2021/TT-BTC Art. 10).
* **Working days, Civil Code counting** (the default): due at the close of office hours of
  the n-th working day after the day not counted, or at 24:00 of that day with
  ``ends_at=DayEnd.MIDNIGHT`` (Art. 148(1), (6)). A half day ends at the close of the next
  day's morning session.
* **Calendar days** end on the n-th day after the day not counted, moved to the next
  working day when that day is not one (Art. 148(5)).
* **Working hours** start at the moment of receipt (Art. 147(1)), or at the next opening
  when it came outside office hours, and are counted in office hours only, lunch skipped.
  Working-time counting of days (1 day = 8 hours) is an hour count too.
* **Same day**: due at the close of the day counting starts; with a cut-off, a dossier
  received after it is due at the close of the next working day (Luật Hộ tịch 2014 Art.
  5(3); NĐ 23/2015/NĐ-CP Art. 7). Received exactly at the cut-off counts as before it.
  Zero working days are a same-day limit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Protocol

from tthc._localtime import to_local
from tthc.deadlines._counting import cutoff_passed, day_not_counted, phase_ends
from tthc.deadlines._deadline import Deadline
from tthc.deadlines._policies import CIVIL_CODE, Counting, DayEnd, DeadlinePolicy, Receipt
from tthc.duration import Duration, DurationKind
from tthc.errors import DateOutOfRange

if TYPE_CHECKING:
    from tthc.calendar import WorkingCalendar

__all__ = ["HasTimeLimit", "compute_deadline"]

_ONE_DAY = dt.timedelta(days=1)
_ONE_MINUTE = dt.timedelta(minutes=1)
_datetime = dt.datetime
_DAYS = Counting.DAYS  # read on every call: an enum class's attributes are not cached
_OFFICE_CLOSE = DayEnd.OFFICE_CLOSE
_RECEIPT_DAY = Receipt.RECEIPT_DAY
_LAST_INSTANT = dt.time.max
#: Limits whose last day ends at :attr:`DeadlinePolicy.ends_at` (whole days only).
_WHOLE_DAY_KINDS = frozenset(
    (DurationKind.CALENDAR_DAYS, DurationKind.PHASES, DurationKind.SAME_DAY)
)
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

    * Periods in days: the receipt's own date is not counted, whatever kind of day it is
      (a holiday, a Saturday counter, after 17:00); due at the close of the last session
      of the n-th working day after it. Calendar days end there too, moved to the next
      working day when the last day is not one. :data:`~tthc.deadlines.NEXT_OPENING`
      counts from the next opening instead.
    * Working hours count from the receipt, or from the next counting instant when it
      came outside office hours (a non-working day, before opening, at lunch, after
      close), in office hours only; a result landing on a session end is that instant.
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
    try:
        due, window = _COUNTERS[duration.kind](calendar, local, start, duration, policy)
    except OverflowError:  # a limit past year 9999: no datetime holds its end
        error = DateOutOfRange(start.date(), calendar.first_date, calendar.last_date)
        error.args = (
            f"{duration} from {start.date().isoformat()} ends outside the calendar's "
            f"supported range {calendar.first_date.isoformat()}..{calendar.last_date.isoformat()}",
        )
        raise error from None
    if (
        policy.ends_at is not _OFFICE_CLOSE
        and due is not None
        and _ends_whole_day(duration, policy)
    ):
        due = _datetime.combine(due.date(), _LAST_INSTANT)  # 24:00 (BLDS 2015 Art. 148(6))
    return _new_deadline(
        Deadline, (received_at, start, due, window, duration, policy, calendar, code, case, channel)
    )


def _ends_whole_day(duration: Duration, policy: DeadlinePolicy) -> bool:
    """Whether the limit ends with a whole day, whose end :attr:`DeadlinePolicy.ends_at` sets."""
    if duration.kind is DurationKind.WORKING_DAYS:
        return policy.counting is _DAYS and duration.amount.is_integer()
    return duration.kind in _WHOLE_DAY_KINDS


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
    calendar: WorkingCalendar,
    received: dt.datetime,
    start: dt.datetime,
    duration: Duration,
    policy: DeadlinePolicy,
) -> _Result:
    counting = policy.counting
    if counting is _DAYS:
        amount = duration.amount
        whole = int(amount)
        if whole == amount:  # the usual case: the close of the n-th working day
            if whole:
                # day_not_counted() for this case, inlined: the hot path of reports
                day = received.date() if policy.receipt is _RECEIPT_DAY else start.date()
                return calendar._close_after(day, whole), None
            return calendar.closing_time(start.date()), None
        day = day_not_counted(received, start, duration, policy)
        return _half_days(calendar, day, whole), None
    if counting is Counting.SESSIONS:
        day = day_not_counted(received, start, duration, policy)
        window = _sessions(calendar, start, day, duration.amount)
        return window[1], window
    return _working_time(calendar, start, duration, policy), None


def _working_hours(
    calendar: WorkingCalendar,
    received: dt.datetime,
    start: dt.datetime,
    duration: Duration,
    policy: DeadlinePolicy,
) -> _Result:
    return _working_time(calendar, start, duration, policy), None


def _calendar_days(
    calendar: WorkingCalendar,
    received: dt.datetime,
    start: dt.datetime,
    duration: Duration,
    policy: DeadlinePolicy,
) -> _Result:
    day = day_not_counted(received, start, duration, policy)
    last = day + int(duration.amount) * _ONE_DAY
    return calendar.closing_time(_roll(calendar, last)), None


def _same_day(
    calendar: WorkingCalendar,
    received: dt.datetime,
    start: dt.datetime,
    duration: Duration,
    policy: DeadlinePolicy,
) -> _Result:
    day = start.date()
    if cutoff_passed(start, duration, policy) is not None:
        day = calendar.next_working_day(day)
    return calendar.closing_time(day), None


def _immediate(
    calendar: WorkingCalendar,
    received: dt.datetime,
    start: dt.datetime,
    duration: Duration,
    policy: DeadlinePolicy,
) -> _Result:
    return start, None


def _no_limit(
    calendar: WorkingCalendar,
    received: dt.datetime,
    start: dt.datetime,
    duration: Duration,
    policy: DeadlinePolicy,
) -> _Result:
    return None, None


def _half_days(calendar: WorkingCalendar, day: dt.date, whole: int) -> dt.datetime:
    """``whole`` working days and a half: the close of the next day's morning session."""
    due_day = calendar.add_working_days(day, whole + 1)
    return dt.datetime.combine(due_day, calendar.counting_sessions(due_day)[0][1])


def _sessions(
    calendar: WorkingCalendar, start: dt.datetime, day: dt.date, amount: float
) -> _Window:
    """Half-day sessions after the session of the receipt, which is not counted.

    Counted from ``day``, the day not counted: a receipt after close, or on a non-working
    day, leaves that whole day out, as an afternoon receipt does.
    """
    afternoon = day != start.date() or start.time() >= calendar.counting_sessions(day)[0][1]
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
    calendar: WorkingCalendar,
    received: dt.datetime,
    start: dt.datetime,
    duration: Duration,
    policy: DeadlinePolicy,
) -> _Result:
    day = day_not_counted(received, start, duration, policy)
    _, last = phase_ends(calendar, day, duration, start=start, policy=policy)[-1]
    return calendar.closing_time(_roll(calendar, last)), None


#: How each kind of time limit is laid out on the calendar.
_COUNTERS: dict[
    DurationKind,
    Callable[[WorkingCalendar, dt.datetime, dt.datetime, Duration, DeadlinePolicy], _Result],
] = {
    DurationKind.WORKING_DAYS: _working_days,
    DurationKind.WORKING_HOURS: _working_hours,
    DurationKind.CALENDAR_DAYS: _calendar_days,
    DurationKind.SAME_DAY: _same_day,
    DurationKind.IMMEDIATE: _immediate,
    DurationKind.PHASES: _phases,
    DurationKind.NONE: _no_limit,
}
