"""The result of a due-date computation, with its trace and explanation built on demand."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from tthc._localtime import from_local, to_local
from tthc.calendar._days import WEEKDAYS_VI
from tthc.deadlines._counting import cutoff_passed, months_later, phase_ends
from tthc.deadlines._policies import Counting, DeadlinePolicy
from tthc.duration import Duration, DurationKind

if TYPE_CHECKING:
    from tthc.calendar import WorkingCalendar

__all__ = ["Deadline", "StepKind", "TraceStep"]

_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class StepKind(str, enum.Enum):
    """What a step of a deadline's trace records."""

    RECEIVED = "received"
    COUNTING_STARTS = "counting_starts"
    CUT_OFF = "cut_off"
    COUNTED = "counted"
    SKIPPED = "skipped"
    ROLLED_FORWARD = "rolled_forward"
    ROUNDED = "rounded"
    DUE = "due"


@dataclass(frozen=True, slots=True)
class TraceStep:
    """One step of the computation: a day counted or skipped, a snap, the result.

    Attributes:
        kind: What happened.
        at: The day or instant concerned (Vietnam local time).
        note_en: The reason, in English.
        note_vi: The reason, in Vietnamese.
        source: The deciding document of a skipped day, when the calendar has one.
    """

    kind: StepKind
    at: dt.date | dt.datetime
    note_en: str
    note_vi: str
    source: object | None = None


class Deadline(NamedTuple):
    """When a dossier's result is due, and how that was computed.

    An immutable value (a named tuple, so it is cheap to build: computing a deadline is on
    the hot path of reports and one-stop boards). Instants are in the awareness of
    ``received_at``: naive Vietnam local time when it was naive, converted back to its zone
    when it was aware.

    Attributes:
        received_at: The receipt as given.
        local_start: When counting starts, naive local time (see :attr:`counting_from`).
        local_due: The due instant, naive local time (see :attr:`due_at`).
        local_window: The half-day window, naive local time (see :attr:`window`).
        duration: The time limit counted.
        policy: The policy used.
        calendar: The calendar used.
        procedure: The procedure code, when computed from a catalogue procedure.
        case: The case asked for.
        channel: The channel asked for.
    """

    received_at: dt.datetime
    local_start: dt.datetime
    local_due: dt.datetime | None
    local_window: tuple[dt.datetime, dt.datetime] | None
    duration: Duration
    policy: DeadlinePolicy
    calendar: WorkingCalendar
    procedure: str | None = None
    case: str | None = None
    channel: object = None

    @property
    def counting_from(self) -> dt.datetime:
        """The moment counting effectively starts (the receipt, snapped to office hours)."""
        return from_local(self.local_start, self.received_at)

    @property
    def due_at(self) -> dt.datetime | None:
        """The instant the result is due, or None for a procedure without a time limit."""
        return None if self.local_due is None else from_local(self.local_due, self.received_at)

    @property
    def due_date(self) -> dt.date | None:
        """The local (Vietnam) date the result is due, or None without a time limit."""
        return None if self.local_due is None else self.local_due.date()

    @property
    def window(self) -> tuple[dt.datetime, dt.datetime] | None:
        """The half-day window shown to the applicant, under the session policy."""
        if self.local_window is None:
            return None
        return (
            from_local(self.local_window[0], self.received_at),
            from_local(self.local_window[1], self.received_at),
        )

    def __repr__(self) -> str:
        return (
            f"Deadline(due_at={self.due_at!r}, received_at={self.received_at!r}, "
            f"duration={self.duration!r}, policy={self.policy.name!r})"
        )

    # ------------------------------------------------------------ trace

    @property
    def trace(self) -> tuple[TraceStep, ...]:
        """Every step of the computation, rebuilt on demand (computing a deadline is cheap)."""
        return tuple(_trace(self))

    def explain(self, lang: str = "vi") -> str:
        """A short human explanation, in Vietnamese (``"vi"``) or English (``"en"``).

        Raises:
            ValueError: ``lang`` is neither ``"vi"`` nor ``"en"``.
        """
        if lang not in ("vi", "en"):
            raise ValueError(f"lang must be 'vi' or 'en', got {lang!r}")
        english = lang == "en"
        lines: list[str] = []
        skipped: list[TraceStep] = []
        counted = 0
        for step in self.trace:
            if step.kind is StepKind.SKIPPED:
                skipped.append(step)
                continue
            if step.kind is StepKind.COUNTED:
                counted += 1
                continue
            lines.append(step.note_en if english else step.note_vi)
        if counted:
            lines.insert(
                -1,
                f"Working days counted: {counted}."
                if english
                else f"Số ngày làm việc đã tính: {counted}.",
            )
        if skipped:
            lines.insert(-1, _skipped_summary(skipped, english=english))
        return "\n".join(lines)


def _fmt_day(day: dt.date, *, english: bool) -> str:
    if english:
        return f"{_WEEKDAYS_EN[day.weekday()]} {day.isoformat()}"
    return f"{WEEKDAYS_VI[day.weekday()]} {day:%d/%m/%Y}"


def _fmt_at(at: dt.datetime, *, english: bool) -> str:
    return f"{at:%H:%M} {_fmt_day(at.date(), english=english)}"


def _skipped_summary(steps: list[TraceStep], *, english: bool) -> str:
    groups: list[tuple[dt.date, dt.date, str]] = []
    for step in steps:
        note = step.note_en if english else step.note_vi
        day = step.at if not isinstance(step.at, dt.datetime) else step.at.date()
        if groups and groups[-1][2] == note and (day - groups[-1][1]).days == 1:
            groups[-1] = (groups[-1][0], day, note)
        else:
            groups.append((day, day, note))
    parts = []
    for first, last, note in groups:
        span = first.isoformat() if first == last else f"{first.isoformat()}..{last.isoformat()}"
        if not english:
            span = f"{first:%d/%m}" if first == last else f"{first:%d/%m}-{last:%d/%m/%Y}"
        parts.append(f"{span} ({note})")
    head = "Not counted" if english else "Không tính"
    return f"{head}: " + "; ".join(parts) + "."


def _day_step(calendar: WorkingCalendar, day: dt.date) -> TraceStep:
    info = calendar.day_info(day)
    if info.is_working:
        return TraceStep(StepKind.COUNTED, day, "working day", "ngày làm việc")
    kind = info.kind.value
    name_en = info.name_en or kind.replace("_", " ")
    name_vi = info.name_vi or {"weekend": "nghỉ cuối tuần"}.get(kind, "ngày nghỉ")
    return TraceStep(StepKind.SKIPPED, day, name_en, name_vi, info.source)


def _days_counted(
    calendar: WorkingCalendar, start: dt.date, due: dt.date, duration: Duration
) -> list[TraceStep]:
    """The days from the day after ``start`` to ``due``: counted, skipped, rolled forward."""
    steps: list[TraceStep] = []
    day = start + dt.timedelta(days=1)
    last: dt.date | None = None  # the last day of a limit in days, before Art. 148(5)
    if duration.kind is DurationKind.CALENDAR_DAYS:
        last = start + dt.timedelta(days=int(duration.amount))
    elif duration.kind is DurationKind.MONTHS:
        last = months_later(start, int(duration.amount))
    elif duration.kind is DurationKind.PHASES:
        for phase, end in phase_ends(calendar, start, duration):
            if phase.kind is DurationKind.WORKING_DAYS:  # calendar days count every day
                while day <= end:
                    steps.append(_day_step(calendar, day))
                    day += dt.timedelta(days=1)
            day = end + dt.timedelta(days=1)
            last = end
    if last is not None:
        if last != due:
            steps.append(
                TraceStep(
                    StepKind.ROLLED_FORWARD,
                    last,
                    f"{duration} end on a non-working day, {_fmt_day(last, english=True)}: "
                    "moved to the next working day (BLDS 2015 Art. 148(5)).",
                    f"{duration.format('vi')} kết thúc vào ngày nghỉ "
                    f"{_fmt_day(last, english=False)}: "
                    "chuyển sang ngày làm việc tiếp theo (BLDS 2015 Điều 148 khoản 5).",
                )
            )
        day = last + dt.timedelta(days=1)
    while day <= due:
        steps.append(_day_step(calendar, day))
        day += dt.timedelta(days=1)
    return steps


def _trace(d: Deadline) -> list[TraceStep]:
    calendar, start, due, duration = d.calendar, d.local_start, d.local_due, d.duration
    local = to_local(d.received_at)
    steps = [
        TraceStep(
            StepKind.RECEIVED,
            local,
            f"Received {_fmt_at(local, english=True)}; time limit {duration}, "
            f"policy {d.policy.name}.",
            f"Tiếp nhận lúc {_fmt_at(local, english=False)}; thời hạn {duration.format('vi')}, "
            f"cách tính {d.policy.name}.",
        )
    ]
    if start != local:
        steps.append(
            TraceStep(
                StepKind.COUNTING_STARTS,
                start,
                f"Outside office hours: counted as received at {_fmt_at(start, english=True)}.",
                f"Ngoài giờ làm việc: tính là tiếp nhận lúc {_fmt_at(start, english=False)}.",
            )
        )
    cutoff = cutoff_passed(start, duration, d.policy)
    if duration.kind is DurationKind.SAME_DAY and cutoff is not None:
        steps.append(
            TraceStep(
                StepKind.CUT_OFF,
                start,
                f"Received after the {cutoff:%H:%M} cut-off: due the next working day "
                "(Luật Hộ tịch 2014 Art. 5(3)).",
                f"Tiếp nhận sau {cutoff:%H:%M}: trả kết quả ngày làm việc tiếp theo "
                "(Luật Hộ tịch 2014 Điều 5 khoản 3).",
            )
        )
    if due is None:
        steps.append(
            TraceStep(StepKind.DUE, start, "No time limit: no due date.", "Không có thời hạn.")
        )
        return steps
    steps.extend(_days_counted(calendar, start.date(), due.date(), duration))
    if d.policy.round_up_to is not None and d.policy.counting is Counting.WORKING_TIME:
        minutes = duration.working_minutes
        if minutes is not None:
            exact = calendar.add_working_time(start, dt.timedelta(minutes=minutes))
            if exact != due:
                steps.append(
                    TraceStep(
                        StepKind.ROUNDED,
                        due,
                        f"{exact:%H:%M:%S} rounded up to {due:%H:%M}.",
                        f"{exact:%H:%M:%S} làm tròn lên {due:%H:%M}.",
                    )
                )
    window = ""
    window_vi = ""
    if d.local_window is not None:
        opening = d.local_window[0]
        window = f" (window {opening:%H:%M}-{due:%H:%M})"
        window_vi = f" (trong khoảng {opening:%H:%M}-{due:%H:%M})"
    steps.append(
        TraceStep(
            StepKind.DUE,
            due,
            f"Due {_fmt_at(due, english=True)}{window}.",
            f"Hẹn trả kết quả: {_fmt_at(due, english=False)}{window_vi}.",
        )
    )
    return steps
