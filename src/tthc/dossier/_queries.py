"""Questions about a dossier at a moment: time left or overdue, timeliness, step progress.

All of them reuse the deadline functions of :mod:`tthc.deadlines` (``remaining``,
``overdue``, ``classify``) on the dossier's current due date. ``remaining``, ``overdue`` and
the step reports follow two rules of the clock:

* time stops while the clock is paused: during a wait, the time left is the time left when
  the wait began;
* time stops when processing ends (the result is ready, or the dossier ended without one).

``timeliness`` judges as the classification policy does: a dossier still waiting is judged
as of the moment asked with the clock running, except that :data:`tthc.deadlines.QD_766`
subtracts an open supplement wait; a payment wait is never subtracted.

They answer against the dossier's latest state. For a moment in the past, ask the dossier
as it was then (:meth:`tthc.Dossier.as_of`).
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from tthc._localtime import to_local
from tthc.deadlines import (
    BY_DATE,
    ClassificationPolicy,
    Deadline,
    Timeliness,
    WorkingTime,
    classify,
)
from tthc.deadlines import remaining as _remaining
from tthc.dossier._clock import WaitKind
from tthc.dossier._state import DossierState
from tthc.dossier._steps import StepReport
from tthc.errors import DossierError

__all__ = ["Measure", "overdue", "remaining", "step_reports", "timeliness"]

#: Which moment ends a dossier for classification: when the result was ready (QĐ 766 and
#: most systems), or when it was returned to the applicant.
Measure = Literal["result_ready", "returned"]

_ZERO = dt.timedelta(0)


def _counting(state: DossierState) -> Deadline:
    counting = state.counting
    if counting is None:
        raise DossierError(
            f"the dossier has not been received (status {_status(state)}): it has no due date"
        )
    return counting


def _status(state: DossierState) -> str:
    return "none" if state.status is None else state.status.name


def clock_at(state: DossierState, at: dt.datetime) -> dt.datetime:
    """``at`` in local time, held at the start of an open wait and at the end of processing."""
    moment = to_local(at)
    finished = state.finished_at
    if finished is not None and moment > to_local(finished):
        moment = to_local(finished)
    wait = state.wait
    if wait is not None and wait.clock_paused and moment > to_local(wait.started):
        moment = to_local(wait.started)
    return moment


def remaining(state: DossierState, at: dt.datetime) -> WorkingTime:
    """Working time from ``at`` to the current due date; negative once it has passed.

    Raises:
        DossierError: The dossier has not been received.
        tthc.errors.DeadlineError: The procedure has no time limit.
    """
    counting = _counting(state)
    due = state.due_at
    deadline = counting._replace(local_due=None if due is None else to_local(due))
    return _remaining(deadline, clock_at(state, at))


def overdue(state: DossierState, at: dt.datetime) -> WorkingTime:
    """Working time by which the dossier is past its due date at ``at``; zero when it is not.

    Raises:
        DossierError: The dossier has not been received.
        tthc.errors.DeadlineError: The procedure has no time limit.
    """
    left = remaining(state, at)
    return left if left.is_overdue else WorkingTime(_ZERO)


def timeliness(
    state: DossierState,
    *,
    policy: ClassificationPolicy = BY_DATE,
    measured_at: Measure = "result_ready",
    at: dt.datetime | None = None,
) -> Timeliness:
    """Early, on time or late, under a classification policy of :mod:`tthc.deadlines`.

    The dossier ends when its result is ready (``measured_at="result_ready"``) or when it
    is returned (``"returned"``); a dossier that ended without a result ends then. A
    dossier still in progress is judged as of ``at``, with the clock running through an
    open wait (only :data:`~tthc.deadlines.QD_766` subtracts an open supplement wait).

    What :func:`tthc.classify` is given:

    * the deadline moved by every wait (the time allowed by law, net of waits), which
      :data:`~tthc.deadlines.TT_01_2018` judges against;
    * the appointment, when a reschedule or an administrative reset moved it away from that;
    * the supplement wait still open at the end (a waiting dossier ends, for QĐ 766, when
      the supplement was requested); waits that ended already moved the due date, so they
      are not subtracted a second time;
    * the number of supplement requests (QĐ 766 counts more than one as late).

    Raises:
        DossierError: The dossier has not been received, or has not ended and no ``at``
            was given.
    """
    counting = _counting(state)
    end = state.finished_at
    if measured_at == "returned" and state.returned_at is not None:
        end = state.returned_at
    elif measured_at == "returned" and state.status is not None and not state.status.is_terminal:
        end = None
    if end is None:
        if at is None:
            raise DossierError(
                f"the dossier has not ended (status {_status(state)}); pass at= to judge "
                "it as of a moment"
            )
        end = at
    legal = state.legal_due_at
    deadline = counting._replace(local_due=None if legal is None else to_local(legal))
    appointment = state.due_at if state.due_at != legal else None
    waits: list[tuple[dt.datetime, dt.datetime]] = []
    wait = state.wait
    if (
        wait is not None
        and wait.kind is WaitKind.SUPPLEMENT
        and wait.clock_paused
        and to_local(end) > to_local(wait.started)
    ):
        waits.append((wait.started, end))
    return classify(
        end,
        deadline,
        policy=policy,
        appointment=appointment,
        waits=waits,
        supplement_requests=state.supplement_requests,
    )


def step_reports(state: DossierState, at: dt.datetime | None = None) -> tuple[StepReport, ...]:
    """Each step's due time and whether it is behind, as of ``at`` (default: the latest event).

    A step still running is behind once ``at`` is past its due time; a step that finished
    is behind when it finished after it. Time the dossier spent waiting inside the step is
    added to the step's budget, including a wait still open at ``at``.
    """
    moment = at if at is not None else state.updated_at
    if moment is None:
        return ()
    local = to_local(moment)
    calendar, policy = state.calendar, state.policy
    due = state.due_at
    wait = state.wait
    current = state.route[-1] if state.route else None
    reports = []
    for record in state.steps:
        waited = state.step_waited(record.name)
        if (
            record.name == current
            and record.finished is None
            and wait is not None
            and wait.clock_paused
            and local > to_local(wait.started)
        ):
            waited += calendar.working_time_between(to_local(wait.started), local)
        step_due = record.due(calendar, policy, waited=waited)
        end = record.finished if record.finished is not None else moment
        behind = step_due is not None and to_local(end) > to_local(step_due)
        dossier_behind = due is not None and clock_at(state, end) > to_local(due)
        reports.append(
            StepReport(
                name=record.name,
                unit=record.unit,
                budget=record.budget,
                started=record.first_started,
                finished=record.finished,
                runs=record.runs,
                waited=waited,
                due=step_due,
                behind=behind,
                dossier_behind=dossier_behind,
            )
        )
    return tuple(reports)
