"""The result of a due-date computation, with its trace and explanation built on demand."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from tthc._localtime import from_local, to_local
from tthc.calendar._days import WEEKDAYS_VI
from tthc.deadlines._counting import cutoff_passed, day_not_counted, phase_ends
from tthc.deadlines._policies import Counting, DeadlinePolicy, Receipt
from tthc.duration import Duration, DurationKind

if TYPE_CHECKING:
    from tthc.calendar import WorkingCalendar

__all__ = ["Deadline", "StepKind", "TraceStep", "fmt_at"]

_WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


class StepKind(str, enum.Enum):
    """What a step of a deadline's trace records."""

    RECEIVED = "received"
    DAY_NOT_COUNTED = "day_not_counted"
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
        """The first counting instant at or after the receipt, where a period in hours starts.

        The receipt, snapped to office hours. A period in days counts the days after
        :attr:`day_not_counted`, which may be earlier.
        """
        return from_local(self.local_start, self.received_at)

    @property
    def day_not_counted(self) -> dt.date:
        """The local date left out of a period in days: counting starts the day after.

        The receipt's own date under the Civil Code (BLDS 2015 Art. 147(2)), whatever kind
        of day it is; the date of :attr:`counting_from` under
        :data:`~tthc.deadlines.NEXT_OPENING` and for limits that are not periods in days.
        """
        return day_not_counted(
            to_local(self.received_at), self.local_start, self.duration, self.policy
        )

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

    @property
    def estimated_years(self) -> tuple[int, ...]:
        """The years, from the receipt to the due date, without an announced schedule.

        The calendar estimates their days off and make-up working days from the statute
        (:attr:`~tthc.WorkingCalendar.known_years`), so a due date counted across one of
        them may move when the year's schedule is announced.
        """
        first = min(to_local(self.received_at), self.local_start).year
        last = self.local_start if self.local_due is None else self.local_due
        known = self.calendar.known_years
        return tuple(year for year in range(first, last.year + 1) if year not in known)

    @property
    def estimated(self) -> bool:
        """Whether the due date is an estimate: :attr:`estimated_years` is not empty."""
        return bool(self.estimated_years)

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
        years = self.estimated_years
        if years:
            lines.append(_estimated_note(years, english=english))
        return "\n".join(lines)


def _estimated_note(years: tuple[int, ...], *, english: bool) -> str:
    named = ", ".join(map(str, years))
    if english:
        return (
            f"Estimated: {named} {'has' if len(years) == 1 else 'have'} no announced schedule of "
            "days off and make-up working days; the due date may change when it is announced."
        )
    return (
        f"Ước tính: năm {named} chưa có lịch nghỉ, làm bù được công bố; hẹn trả có thể "
        "thay đổi khi lịch được công bố."
    )


def _fmt_day(day: dt.date, *, english: bool) -> str:
    if english:
        return f"{_WEEKDAYS_EN[day.weekday()]} {day.isoformat()}"
    return f"{WEEKDAYS_VI[day.weekday()]} {day:%d/%m/%Y}"


def fmt_at(at: dt.datetime, *, english: bool) -> str:
    """An instant as the explanations print it: ``17:00 Tue 2026-03-03``, 24:00 at midnight."""
    clock = "24:00" if at.time() == dt.time.max else f"{at:%H:%M}"  # BLDS 2015 Art. 148(6)
    return f"{clock} {_fmt_day(at.date(), english=english)}"


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
    calendar: WorkingCalendar, start: dt.date, due: dt.date, d: Deadline
) -> list[TraceStep]:
    """The days from the day after ``start`` to ``due``: counted, skipped, rolled forward."""
    duration = d.duration
    steps: list[TraceStep] = []
    day = start + dt.timedelta(days=1)
    last: dt.date | None = None  # the last day of a limit in days, before Art. 148(5)
    if duration.kind is DurationKind.CALENDAR_DAYS:
        last = start + dt.timedelta(days=int(duration.amount))
    elif duration.kind is DurationKind.PHASES:
        for phase, end in phase_ends(
            calendar, start, duration, start=d.local_start, policy=d.policy
        ):
            if phase.kind is not DurationKind.CALENDAR_DAYS:  # calendar days count every day
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


def _outside_hours_step(
    local: dt.datetime, start: dt.datetime, first: dt.date, policy: DeadlinePolicy
) -> TraceStep:
    """Why counting does not start at the receipt, naming the rule applied."""
    if first != start.date():  # a period in days under the Civil Code
        return TraceStep(
            StepKind.DAY_NOT_COUNTED,
            first,
            f"Received outside counting hours: the receipt day, {_fmt_day(first, english=True)}, "
            "is the day not counted; counting starts the next day (BLDS 2015 Art. 147(2)).",
            f"Tiếp nhận ngoài giờ làm việc: không tính ngày tiếp nhận "
            f"{_fmt_day(first, english=False)}, thời hạn bắt đầu từ ngày tiếp theo "
            "(BLDS 2015 Điều 147 khoản 2).",
        )
    if policy.receipt is Receipt.NEXT_OPENING and first != local.date():
        return TraceStep(
            StepKind.COUNTING_STARTS,
            start,
            f"Outside counting hours: deemed received at {fmt_at(start, english=True)}, "
            f"the next opening (policy {policy.name}: QĐ 2988/QĐ-TCHQ Art. 7(5), "
            "TT 87/2021/TT-BTC Art. 10).",
            f"Ngoài giờ làm việc: coi như tiếp nhận lúc {fmt_at(start, english=False)}, "
            f"giờ làm việc tiếp theo (cách tính {policy.name}: QĐ 2988/QĐ-TCHQ Điều 7 "
            "khoản 5, TT 87/2021/TT-BTC Điều 10).",
        )
    return TraceStep(
        StepKind.COUNTING_STARTS,
        start,
        f"Outside counting hours: counting starts at {fmt_at(start, english=True)}, "
        "the next opening.",
        f"Ngoài giờ làm việc: bắt đầu tính từ {fmt_at(start, english=False)}, "
        "giờ làm việc tiếp theo.",
    )


def _trace(d: Deadline) -> list[TraceStep]:
    calendar, start, due, duration = d.calendar, d.local_start, d.local_due, d.duration
    local = to_local(d.received_at)
    steps = [
        TraceStep(
            StepKind.RECEIVED,
            local,
            f"Received {fmt_at(local, english=True)}; time limit {duration}, "
            f"policy {d.policy.name}.",
            f"Tiếp nhận lúc {fmt_at(local, english=False)}; thời hạn {duration.format('vi')}, "
            f"cách tính {d.policy.name}.",
        )
    ]
    first = day_not_counted(local, start, duration, d.policy)
    if start != local:
        steps.append(_outside_hours_step(local, start, first, d.policy))
    same_day = duration.phases[0] if duration.kind is DurationKind.PHASES else duration
    cutoff = cutoff_passed(start, same_day, d.policy)
    if same_day.kind is DurationKind.SAME_DAY and cutoff is not None:
        steps.append(
            TraceStep(
                StepKind.CUT_OFF,
                start,
                f"Received after the {cutoff:%H:%M} cut-off: due the next working day "
                "(Luật Hộ tịch 2014 Art. 5(3); NĐ 23/2015/NĐ-CP Art. 7).",
                f"Tiếp nhận sau {cutoff:%H:%M}: trả kết quả ngày làm việc tiếp theo "
                "(Luật Hộ tịch 2014 Điều 5 khoản 3; Nghị định 23/2015/NĐ-CP Điều 7).",
            )
        )
    if due is None:
        steps.append(
            TraceStep(StepKind.DUE, start, "No time limit: no due date.", "Không có thời hạn.")
        )
        return steps
    steps.extend(_days_counted(calendar, first, due.date(), d))
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
            f"Due {fmt_at(due, english=True)}{window}.",
            f"Hẹn trả kết quả: {fmt_at(due, english=False)}{window_vi}.",
        )
    )
    return steps
