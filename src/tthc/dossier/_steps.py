"""Internal steps (quy trình nội bộ): each step's plan, what happened, and its own due time.

A procedure's internal process is a list of steps, each with a responsible unit and a time
budget (the catalogue, docs/catalog.md). The dossier records, per step, when it first
started, when it last finished and how many times it ran, and, per wait, the step it fell
in. A step's planned due time is then computed on demand (docs/sources.md, "How one-stop
systems count", and the OpenCPS requests opencps-v2#1112 and opencps#1080):

* a step run again (forwarded back to, or rolled back to) counts from its **first** start;
* waiting time for a supplement or a payment that fell inside the step is **added** to it;
* a budget in working days or hours is counted as exact working time (1 day = 8 working
  hours, the unit one-stop systems display per step); any other budget by the dossier's
  deadline policy.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from tthc._localtime import from_local, to_local
from tthc.deadlines import DeadlinePolicy, compute_deadline
from tthc.duration import Duration

if TYPE_CHECKING:
    from tthc.calendar import WorkingCalendar

__all__ = ["StepPlan", "StepRecord", "StepReport"]

_ZERO = dt.timedelta(0)
_new = tuple.__new__  # builds a named tuple from all its values, skipping keyword handling


@dataclass(frozen=True, slots=True)
class StepPlan:
    """One planned step of the internal process: its name, unit and time budget.

    Attributes:
        name: What the step is called; unique within a plan (``"thẩm định"``).
        unit: The responsible unit (``"Phòng Tư pháp"``).
        budget: The step's time budget, or ``None`` when it has none.

    >>> from tthc import Duration
    >>> StepPlan("thẩm định", unit="Phòng Tư pháp", budget=Duration.working_days(1))
    StepPlan(name='thẩm định', unit='Phòng Tư pháp', budget=Duration.parse('1 working day'))
    """

    name: str
    unit: str = ""
    budget: Duration | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.name, str):
            raise TypeError(f"a step's name is text, got {type(self.name).__name__}")
        if not self.name.strip():
            raise ValueError(f"a step needs a non-empty name, got {self.name!r}")
        if not isinstance(self.unit, str):
            raise TypeError(f"a step's unit is text, got {type(self.unit).__name__}")
        try:
            (self.name + self.unit).encode("utf-8")
        except UnicodeEncodeError as error:  # a lone surrogate: no encoding can write it
            raise ValueError(f"a step's name and unit must be text: {error.reason}") from None
        if self.budget is not None and not isinstance(self.budget, Duration):
            raise TypeError(f"a step's budget is a Duration, got {type(self.budget).__name__}")


class StepRecord(NamedTuple):
    """What happened to one step of a dossier (an immutable value).

    Attributes:
        name: The step.
        unit: The responsible unit.
        budget: The step's time budget, if planned.
        first_started: When the step first started; a repeated step counts from here.
        finished: When the step last handed the dossier on; ``None`` while it holds it.
        runs: How many times the step started.

    The paused working time that fell inside the step is kept with the waits: see
    :meth:`tthc.dossier.DossierState.step_waited`.
    """

    name: str
    unit: str
    budget: Duration | None
    first_started: dt.datetime
    finished: dt.datetime | None = None
    runs: int = 1

    def due(
        self,
        calendar: WorkingCalendar,
        policy: DeadlinePolicy,
        *,
        waited: dt.timedelta = _ZERO,
    ) -> dt.datetime | None:
        """The step's planned due time, or ``None`` without a budget (or a budget of none).

        Counted from :attr:`first_started`, and moved later by ``waited``, the paused
        working time that fell inside the step; in ``first_started``'s awareness.
        """
        budget = self.budget
        if budget is None:
            return None
        start = to_local(self.first_started)
        minutes = budget.working_minutes
        if minutes is not None:
            due = calendar.add_working_time(start, dt.timedelta(minutes=minutes) + waited)
        else:
            local_due = compute_deadline(budget, start, calendar=calendar, policy=policy).local_due
            if local_due is None:
                return None
            due = calendar.add_working_time(local_due, waited)
        return from_local(due, self.first_started)


@dataclass(frozen=True, slots=True)
class StepReport:
    """A step's progress as of a moment: its due time and whether it is behind.

    Attributes:
        name: The step.
        unit: The responsible unit.
        budget: The step's budget, if planned.
        started: When the step first started.
        finished: When it last finished, or ``None`` while it holds the dossier.
        runs: How many times it started.
        waited: The paused working time that fell inside the step, up to that moment
            (added to its budget).
        due: The planned due time (``None`` without a budget).
        behind: The step finished after its due time, or still runs past it.
        dossier_behind: The dossier as a whole is past its own due date at the same
            moment. ``behind and not dossier_behind`` is a step behind schedule while the
            dossier is still on time (chậm tiến độ).
    """

    name: str
    unit: str
    budget: Duration | None
    started: dt.datetime
    finished: dt.datetime | None
    runs: int
    waited: dt.timedelta
    due: dt.datetime | None
    behind: bool
    dossier_behind: bool


def start_step(
    steps: tuple[StepRecord, ...],
    name: str,
    unit: str,
    budget: Duration | None,
    at: dt.datetime,
) -> tuple[StepRecord, ...]:
    """Record that step ``name`` starts at ``at``; a step seen before runs again."""
    # These run on every hand-over: plain loops (cheaper than enumerate), fields by position
    # (cheaper than a named tuple's attributes), records built from all their values.
    i = 0
    for r in steps:
        if r[0] == name:
            again = _new(StepRecord, (r[0], r[1], r[2], r[3], None, r[5] + 1))
            return (*steps[:i], again, *steps[i + 1 :])
        i += 1  # noqa: SIM113  (a counter: cheaper than enumerate on this hot path)
    return (*steps, _new(StepRecord, (name, unit, budget, at, None, 1)))


def finish_step(
    steps: tuple[StepRecord, ...], name: str, at: dt.datetime
) -> tuple[StepRecord, ...]:
    """Record that step ``name``, if it holds the dossier, handed it on at ``at``."""
    i = 0
    for r in steps:
        if r[0] == name:
            if r[4] is not None:  # finished already
                return steps
            done = _new(StepRecord, (r[0], r[1], r[2], r[3], at, r[5]))
            return (*steps[:i], done, *steps[i + 1 :])
        i += 1  # noqa: SIM113
    return steps
