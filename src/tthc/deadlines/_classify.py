"""Early, on time, late: the classification policies governments and systems use.

What "on time" means differs between reports (``docs/sources.md``, "How one-stop systems
count"): compared by date, by half-day session, by instant, by the TT 01/2018/TT-VPCP Art.
13 score against the time allowed by law, or by the QĐ 766/QĐ-TTg indicator. Each is a named
:class:`ClassificationPolicy`; :data:`BY_DATE` is the default.
"""

from __future__ import annotations

import datetime as dt
import enum
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING

from tthc._localtime import to_local
from tthc.deadlines._deadline import Deadline, fmt_at
from tthc.duration import DurationKind

if TYPE_CHECKING:
    from tthc.calendar import WorkingCalendar

__all__ = [
    "BY_DATE",
    "BY_INSTANT",
    "BY_SESSION",
    "CLASSIFICATION_POLICIES",
    "QD_766",
    "TT_01_2018",
    "ClassificationPolicy",
    "Timeliness",
    "classify",
    "classify_at",
    "explain_classification",
]


class Timeliness(str, enum.Enum):
    """Early, on time or late (trước hạn, đúng hạn, trễ hạn)."""

    EARLY = "early"
    ON_TIME = "on_time"
    LATE = "late"

    @property
    def points(self) -> int:
        """The TT 01/2018/TT-VPCP Art. 13 score: 2 shorter, 1 equal, 0 longer than allowed."""
        return {"early": 2, "on_time": 1, "late": 0}[self.value]

    @property
    def label_vi(self) -> str:
        """The Vietnamese label used in reports."""
        return {"early": "Trước hạn", "on_time": "Đúng hạn", "late": "Trễ hạn"}[self.value]

    @property
    def in_time(self) -> bool:
        """Early or on time: what the published rate counts."""
        return self is not Timeliness.LATE


@dataclass(frozen=True, slots=True)
class _Facts:
    """What a rule needs, all in naive Vietnam local time."""

    finished: dt.datetime
    due: dt.datetime | None
    legal_due: dt.datetime | None
    calendar: WorkingCalendar | None
    waited: dt.timedelta
    supplement_requests: int
    deadline: Deadline | None = None


def _compare(first: object, second: object) -> Timeliness:
    if first < second:  # type: ignore[operator]
        return Timeliness.EARLY
    return Timeliness.ON_TIME if first == second else Timeliness.LATE


def _by_date(f: _Facts) -> Timeliness:
    if f.due is None:
        return Timeliness.ON_TIME
    return _compare(f.finished.date(), f.due.date())


def _by_instant(f: _Facts) -> Timeliness:
    if f.due is None:
        return Timeliness.ON_TIME
    return _compare(f.finished, f.due)


def _by_session(f: _Facts) -> Timeliness:
    if f.due is None:
        return Timeliness.ON_TIME
    if f.finished > f.due:
        return Timeliness.LATE
    if f.calendar is None:
        raise ValueError("the by-session policy needs the calendar to find the due session")
    opening = f.due
    for start, end in f.calendar.counting_sessions(f.due.date()):
        if (
            dt.datetime.combine(f.due.date(), start)
            < f.due
            <= dt.datetime.combine(f.due.date(), end)
        ):
            opening = dt.datetime.combine(f.due.date(), start)
    return Timeliness.EARLY if f.finished < opening else Timeliness.ON_TIME


def _tt_01_2018(f: _Facts) -> Timeliness:
    legal = f.legal_due
    if legal is None:
        return Timeliness.ON_TIME
    if f.deadline is not None and f.deadline.duration.kind is DurationKind.WORKING_HOURS:
        duration = f.deadline.duration
        used = f.deadline.calendar.working_time_between(f.deadline.local_start, f.finished)
        used_hours = math.ceil(used / dt.timedelta(hours=1))
        return _compare(used_hours, math.ceil(duration.amount))
    return _compare(f.finished.date(), legal.date())


def _qd_766(f: _Facts) -> Timeliness:
    if f.supplement_requests > 1:
        return Timeliness.LATE
    end = f.finished - f.waited
    # Without an appointment, the net processing time is judged against the legal maximum.
    due = f.due if f.due is not None else f.legal_due
    if due is None:
        return Timeliness.ON_TIME
    if end > due:
        return Timeliness.LATE
    return Timeliness.EARLY if end.date() < due.date() else Timeliness.ON_TIME


@dataclass(frozen=True, slots=True)
class ClassificationPolicy:
    """A named rule that says whether a finished dossier was early, on time or late.

    Attributes:
        name: A stable identifier used in reports.
        description: The rule and its source.
        uses_appointment: Whether the rule compares with the appointment (possibly
            rescheduled) rather than the time allowed by law.
    """

    name: str
    description: str
    rule: Callable[[_Facts], Timeliness]
    uses_appointment: bool = True

    def __str__(self) -> str:
        return self.name


BY_DATE = ClassificationPolicy(
    "by-date",
    "Early when finished on an earlier date than the due date, on time on the due date, "
    "late after it. A period in days ends at the end of its last day (BLDS 2015 Art. 148(1), "
    "(6)); the default.",
    _by_date,
)
BY_SESSION = ClassificationPolicy(
    "by-session",
    "Early when finished before the office session in which the due time falls, on time "
    "within it up to the due time, late after it (OpenCPS).",
    _by_session,
)
BY_INSTANT = ClassificationPolicy(
    "by-instant",
    "Early before the due instant, on time exactly at it, late one microsecond after "
    "(systems that compare full timestamps). The due instant is the printed appointment: "
    "with ends_at office-close, the close of office hours, so a result at 17:30 on the due "
    "date is late here although the period runs to 24:00 of that day (BLDS 2015 Art. 148(1), "
    "(6)); with ends_at midnight (the end-of-day policy), 24:00.",
    _by_instant,
)
TT_01_2018 = ClassificationPolicy(
    "tt-01-2018",
    "TT 01/2018/TT-VPCP Art. 13 index 1: the total time against the time allowed by law, "
    "ignoring any rescheduling: shorter 2 points (early), equal 1 (on time), longer 0 (late); "
    "days compared by date, hours in whole hours.",
    _tt_01_2018,
    uses_appointment=False,
)
QD_766 = ClassificationPolicy(
    "qd-766",
    "QĐ 766/QĐ-TTg indicator 2.1: on time when the end of processing, less the supplement "
    "waiting time, is not after the appointment; more than one supplement request is late; "
    "without an appointment, judged against the legal maximum.",
    _qd_766,
)

#: Every built-in classification policy by name (read-only).
CLASSIFICATION_POLICIES: MappingProxyType[str, ClassificationPolicy] = MappingProxyType(
    {p.name: p for p in (BY_DATE, BY_SESSION, BY_INSTANT, TT_01_2018, QD_766)}
)


def classify(
    finished_at: dt.datetime,
    deadline: Deadline,
    *,
    policy: ClassificationPolicy = BY_DATE,
    appointment: dt.datetime | None = None,
    waits: Sequence[tuple[dt.datetime, dt.datetime]] = (),
    supplement_requests: int = 0,
) -> Timeliness:
    """Classify a dossier finished at ``finished_at`` as early, on time or late.

    Args:
        finished_at: The end of processing (result ready, or the first terminal event).
        deadline: The deadline computed at receipt: the time allowed by law.
        policy: The rule; :data:`BY_DATE` by default.
        appointment: A rescheduled appointment to judge against instead of the computed due
            time (ignored by :data:`TT_01_2018`, which judges against the law).
        waits: Supplement waits ``(requested, received)``, subtracted by :data:`QD_766` as
            elapsed (wall-clock) time, each in full: pass waits that do not overlap.
        supplement_requests: How many supplement requests were made (:data:`QD_766` counts
            more than one as late).

    >>> import datetime as dt
    >>> from tthc import Duration, WorkingCalendar, classify, compute_deadline
    >>> d = compute_deadline(
    ...     Duration.working_days(3),
    ...     dt.datetime(2026, 2, 12, 10),
    ...     calendar=WorkingCalendar.vietnam(),
    ... )
    >>> classify(dt.datetime(2026, 2, 24, 16, 0), d)
    <Timeliness.ON_TIME: 'on_time'>
    """
    due = deadline.local_due
    if appointment is not None and policy.uses_appointment:
        due = to_local(appointment)
    facts = _Facts(
        to_local(finished_at),
        due,
        deadline.local_due,
        deadline.calendar,
        _waited(waits),
        supplement_requests,
        deadline,
    )
    return policy.rule(facts)


def _waited(waits: Sequence[tuple[dt.datetime, dt.datetime]]) -> dt.timedelta:
    return sum((to_local(b) - to_local(a) for a, b in waits), dt.timedelta(0))


def classify_at(
    finished_at: dt.datetime,
    due_at: dt.datetime | None,
    *,
    policy: ClassificationPolicy = BY_DATE,
    legal_due_at: dt.datetime | None = None,
    calendar: WorkingCalendar | None = None,
    waits: Sequence[tuple[dt.datetime, dt.datetime]] = (),
    supplement_requests: int = 0,
) -> Timeliness:
    """Classify from plain instants, for records exported from another system.

    The same rules as :func:`classify`, without a :class:`Deadline`: ``due_at`` is the
    appointment (None: no time limit), ``legal_due_at`` the time allowed by law (used by
    :data:`TT_01_2018`; defaults to ``due_at``, compared by date), ``calendar`` the office
    sessions (needed by :data:`BY_SESSION` only).

    Raises:
        ValueError: :data:`BY_SESSION` without a calendar.

    >>> import datetime as dt
    >>> classify_at(dt.datetime(2026, 3, 4, 9), dt.datetime(2026, 3, 4, 17))
    <Timeliness.ON_TIME: 'on_time'>
    """
    due = None if due_at is None else to_local(due_at)
    legal = due if legal_due_at is None else to_local(legal_due_at)
    facts = _Facts(to_local(finished_at), due, legal, calendar, _waited(waits), supplement_requests)
    return policy.rule(facts)


def explain_classification(
    finished_at: dt.datetime,
    deadline: Deadline,
    *,
    policy: ClassificationPolicy = BY_DATE,
    appointment: dt.datetime | None = None,
    waits: Sequence[tuple[dt.datetime, dt.datetime]] = (),
    supplement_requests: int = 0,
    lang: str = "vi",
) -> str:
    """Say what :func:`classify` decides, under which rule, against which instant, in lines.

    The arguments are those of :func:`classify`, and ``lang`` (``"vi"`` or ``"en"``). When a
    rule comparing instants calls a result late on its due date only because the
    appointment is the close of office hours, the text says so: the period itself ends at
    24:00 of that day (BLDS 2015 Art. 148(1), (6)).

    Raises:
        ValueError: ``lang`` is neither ``"vi"`` nor ``"en"``.

    >>> import datetime as dt
    >>> from tthc import Duration, WorkingCalendar, compute_deadline
    >>> from tthc.deadlines import BY_INSTANT, explain_classification
    >>> d = compute_deadline(
    ...     Duration.working_days(1),
    ...     dt.datetime(2026, 3, 2, 10),
    ...     calendar=WorkingCalendar.vietnam(),
    ... )
    >>> print(
    ...     explain_classification(dt.datetime(2026, 3, 3, 17, 30), d, policy=BY_INSTANT, lang="en")
    ... )
    Late under by-instant: finished 17:30 Tue 2026-03-03, due 17:00 Tue 2026-03-03.
    The due instant is the close of office hours (policy civil-code).
    The period itself ends at 24:00 of Tue 2026-03-03 (BLDS 2015 Art. 148(1), (6)).
    On time under by-date or the end-of-day policy.
    """
    if lang not in ("vi", "en"):
        raise ValueError(f"lang must be 'vi' or 'en', got {lang!r}")
    english = lang == "en"
    result = classify(
        finished_at,
        deadline,
        policy=policy,
        appointment=appointment,
        waits=waits,
        supplement_requests=supplement_requests,
    )
    finished = to_local(finished_at)
    due = deadline.local_due
    if appointment is not None and policy.uses_appointment:
        due = to_local(appointment)
    label = result.value.replace("_", " ").capitalize() if english else result.label_vi
    head = (
        f"{label} under {policy.name}: finished {fmt_at(finished, english=True)}"
        if english
        else f"{label} theo cách tính {policy.name}: xong lúc {fmt_at(finished, english=False)}"
    )
    if due is None:
        return head + (", no time limit." if english else ", không có thời hạn.")
    close = due.time() != dt.time.max and due == deadline.local_due
    lines = [
        f"{head}, due {fmt_at(due, english=True)}."
        if english
        else f"{head}, hạn {fmt_at(due, english=False)}."
    ]
    if close:
        lines.append(
            f"The due instant is the close of office hours (policy {deadline.policy.name})."
            if english
            else f"Hạn là giờ kết thúc làm việc (cách tính {deadline.policy.name})."
        )
    if result is Timeliness.LATE and close and finished.date() == due.date():
        day = fmt_at(due, english=english).split(" ", 1)[1]
        lines += (
            [
                f"The period itself ends at 24:00 of {day} (BLDS 2015 Art. 148(1), (6)).",
                "On time under by-date or the end-of-day policy.",
            ]
            if english
            else [
                f"Thời hạn kết thúc lúc 24:00 {day} (BLDS 2015 Điều 148 khoản 1, 6).",
                "Đúng hạn theo cách tính by-date hoặc end-of-day.",
            ]
        )
    return "\n".join(lines)
