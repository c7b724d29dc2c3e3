"""The dossier's state: one immutable value carrying everything the next transition needs.

:func:`tthc.dossier.transition` reads a :class:`DossierState` and an event and returns a new
state; it reads nothing else. So the state carries the choices made when the dossier was
created (the calendar, the deadline policy, the clock policy) besides what happened since
(the deadline computed at reception, the due date and its history, the open wait, the
supplement count, the fees outstanding, the steps).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Final, NamedTuple, cast

from tthc._localtime import from_local, to_local
from tthc.deadlines import Deadline, DeadlinePolicy
from tthc.dossier._clock import ClockPolicy, DueChange, DueChangeReason, Wait
from tthc.dossier._events import OnlineSubmission, Reception
from tthc.dossier._findings import Finding
from tthc.dossier._states import DossierStatus
from tthc.dossier._steps import StepRecord

if TYPE_CHECKING:
    from tthc.calendar import WorkingCalendar

__all__ = ["DossierState"]

_new = tuple.__new__
_ZERO = dt.timedelta(0)
_STARTS = (DueChangeReason.RECEPTION, DueChangeReason.RESTART)


class DossierState(NamedTuple):
    """Everything known about a dossier after its latest event; an immutable value.

    Built by :meth:`blank` and by :func:`tthc.dossier.transition`, never by hand. It is a
    named tuple so that a transition copies it in one step; compare states with ``==``.
    Instants keep the awareness of the events that set them (naive: Vietnam local time).

    Attributes:
        status: The current state; ``None`` before the first event.
        calendar: The working calendar of the receiving agency.
        policy: How the due date is counted (:mod:`tthc.deadlines` policies).
        clock: How the clock resumes after a wait.
        updated_at: The time of the latest event.
        submission: The online submission, if the dossier started online.
        reception: The reception event (procedure, case, channel, time limit, steps).
        deadline: The deadline computed at reception, as on the receipt slip.
        restart: The deadline of the latest restart (NĐ 61/2018 Art. 19(4)), if any.
        due_at: The current due date, after every extension, restart, reschedule and reset.
        due_changes: Every change of the due date, oldest first (the first one is the
            reception's).
        wait: The wait in progress, if any.
        waits: The waits that ended, oldest first.
        supplement_requests: Supplement requests made after reception.
        fees_outstanding: Fees, charges and taxes requested and not yet paid, in đồng.
        steps: What happened to each internal step, in order of first start.
        route: The steps the dossier went through to its current step (the last one);
            a rollback returns to the one before.
        back: Where the dossier returns to when the current wait or request ends.
        agency: The other agency holding the dossier (inter-agency processing).
        finished_at: When processing ended: the result was ready, or the dossier ended
            without one (refused, stopped, withdrawn). The clock stops here.
        returned_at: When the result reached the applicant.
        result_channel: How it was returned.
        findings: What the law allows but asks to avoid, recorded as it happened.
    """

    status: DossierStatus | None
    calendar: WorkingCalendar
    policy: DeadlinePolicy
    clock: ClockPolicy
    updated_at: dt.datetime | None = None
    submission: OnlineSubmission | None = None
    reception: Reception | None = None
    deadline: Deadline | None = None
    restart: Deadline | None = None
    due_at: dt.datetime | None = None
    due_changes: tuple[DueChange, ...] = ()
    wait: Wait | None = None
    waits: tuple[Wait, ...] = ()
    supplement_requests: int = 0
    fees_outstanding: int = 0
    steps: tuple[StepRecord, ...] = ()
    route: tuple[str, ...] = ()
    back: tuple[DossierStatus, ...] = ()
    agency: str | None = None
    finished_at: dt.datetime | None = None
    returned_at: dt.datetime | None = None
    result_channel: str | None = None
    findings: tuple[Finding, ...] = ()

    @classmethod
    def blank(
        cls, *, calendar: WorkingCalendar, policy: DeadlinePolicy, clock: ClockPolicy
    ) -> DossierState:
        """The state of a dossier with no events yet."""
        return _new(cls, (None, calendar, policy, clock, *_BLANK))

    def __repr__(self) -> str:
        return (
            f"DossierState(status={self.status!r}, due_at={self.due_at!r}, "
            f"updated_at={self.updated_at!r})"
        )

    # ------------------------------------------------------------ derived values

    @property
    def received_at(self) -> dt.datetime | None:
        """When the dossier was received, or ``None`` before reception."""
        return None if self.reception is None else self.reception.at

    @property
    def portal_code(self) -> int | None:
        """The national portal's status code, or ``None`` before the first event."""
        return None if self.status is None else self.status.portal_code

    @property
    def is_paused(self) -> bool:
        """Whether the clock is paused by a wait."""
        return self.wait is not None and self.wait.clock_paused

    @property
    def rescheduled(self) -> bool:
        """Whether the appointment was rescheduled with an apology (allowed once)."""
        return any(c.reason is DueChangeReason.RESCHEDULE for c in self.due_changes)

    def step_waited(self, step: str) -> dt.timedelta:
        """The paused working time that fell inside ``step``, in waits that have ended.

        A wait that resumed the clock adds its working time to the budget of the step
        holding the dossier (a wait that ended with the dossier adds nothing).
        """
        total = _ZERO
        for wait in self.waits:
            if wait.step == step and wait.resumed is not None and wait.working_time:
                total += wait.working_time
        return total

    @property
    def counting(self) -> Deadline | None:
        """The deadline being counted: the latest restart's, else the reception's."""
        return self.deadline if self.restart is None else self.restart

    @property
    def legal_due_at(self) -> dt.datetime | None:
        """The due date the law allows: the counted deadline moved by the waits since.

        Unlike :attr:`due_at`, a reschedule or an administrative reset does not move it
        (TT 01/2018/TT-VPCP Art. 13 judges against the time allowed by law).
        """
        due: dt.datetime | None = None
        for change in self.due_changes:
            if change.reason in _STARTS:
                due = change.new
            elif change.reason is DueChangeReason.EXTENSION and due is not None:
                if change.old == due:  # the extension moved this very date: reuse its result
                    due = change.new
                else:  # it moved a rescheduled or reset date: move the legal one alike
                    extension = cast("dt.timedelta", change.extension)
                    local = self.calendar.add_working_time(to_local(due), extension)
                    due = from_local(local, due)
        return due


_BLANK = tuple(DossierState._field_defaults[name] for name in DossierState._fields[4:])

# The position of each field. A transition copies the state into a list, sets the fields
# that change by position, and builds the next state from it in one step (cheaper than
# ``_replace``, which goes through keywords). Hot paths also read fields by position: a
# named tuple's attribute goes through a descriptor, an index does not.
F_STATUS: Final = 0
F_CALENDAR: Final = 1
F_POLICY: Final = 2
F_CLOCK: Final = 3
F_UPDATED_AT: Final = 4
F_SUBMISSION: Final = 5
F_RECEPTION: Final = 6
F_DEADLINE: Final = 7
F_RESTART: Final = 8
F_DUE_AT: Final = 9
F_DUE_CHANGES: Final = 10
F_WAIT: Final = 11
F_WAITS: Final = 12
F_SUPPLEMENT_REQUESTS: Final = 13
F_FEES_OUTSTANDING: Final = 14
F_STEPS: Final = 15
F_ROUTE: Final = 16
F_BACK: Final = 17
F_AGENCY: Final = 18
F_FINISHED_AT: Final = 19
F_RETURNED_AT: Final = 20
F_RESULT_CHANNEL: Final = 21
F_FINDINGS: Final = 22

if tuple(globals()[f"F_{name.upper()}"] for name in DossierState._fields) != tuple(
    range(len(DossierState._fields))
):  # pragma: no cover  (a development error: a field added without its position)
    raise RuntimeError("DossierState field positions are out of date")
