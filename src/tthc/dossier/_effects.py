"""What each event does to a dossier's state: reception, processing, the result, the end.

An *effect* reads the current state and the event, checks the guards the law adds, and
writes what changes into ``out``: the next state's values as a list, in field order
(positions ``F_*`` of :mod:`tthc.dossier._state`). ``out`` starts as a copy of the state's
values in which :func:`tthc.dossier.transition` has already set the status, the return path
and the time; it builds the next state from the list once the effect returns. So an effect
reads the status and the return path from ``state``, and the other fields from either (the
hot paths read ``out``: a list reads faster than a named tuple) as long as it has not
written them yet. An effect that refuses raises before anything is built, so a refused
event changes nothing. The effects of waits and of the due date are in
:mod:`tthc.dossier._pauses`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from tthc._localtime import from_local, to_local
from tthc.deadlines import compute_deadline
from tthc.dossier._clock import DueChange, DueChangeReason, Resume, Wait
from tthc.dossier._events import (
    AgencyReturn,
    AgencyTransfer,
    Event,
    Forwarding,
    OnlineSubmission,
    PostalDispatch,
    Reception,
    Refusal,
    ResultReady,
    ResultReturn,
    Rollback,
    Stop,
    WithdrawalAcceptance,
    WithdrawalRequest,
)
from tthc.dossier._findings import Finding, FindingKind
from tthc.dossier._state import (
    F_AGENCY,
    F_BACK,
    F_CALENDAR,
    F_DEADLINE,
    F_DUE_AT,
    F_DUE_CHANGES,
    F_FEES_OUTSTANDING,
    F_FINDINGS,
    F_FINISHED_AT,
    F_POLICY,
    F_RECEPTION,
    F_RESULT_CHANNEL,
    F_RETURNED_AT,
    F_ROUTE,
    F_STATUS,
    F_STEPS,
    F_SUBMISSION,
    F_WAIT,
    F_WAITS,
    DossierState,
)
from tthc.dossier._states import DossierStatus
from tthc.dossier._steps import StepRecord, finish_step, start_step
from tthc.dossier._table import Target
from tthc.errors import TransitionNotAllowed

__all__ = ["EFFECTS", "Effect", "close_wait", "local", "refuse"]

#: An effect: ``(state, event, target, out)``; writes the changes into ``out``.
Effect = Callable[[DossierState, Any, Target, list[Any]], None]

_S = DossierStatus
_new = tuple.__new__  # builds a named tuple from all its values, skipping keyword handling
# Members read on every event, as module constants: an enum class's attributes are not cached.
_RECEPTION = DueChangeReason.RECEPTION
_IN_POSTAL_DELIVERY = DossierStatus.IN_POSTAL_DELIVERY


def refuse(state: DossierState, event: Event, reason: str) -> TransitionNotAllowed:
    """The error refusing ``event`` in ``state`` by a guard, saying why."""
    return TransitionNotAllowed(
        state.status, event, f"{type(event).__name__} {event.id!r}: {reason}"
    )


def local(at: dt.datetime) -> dt.datetime:
    """``at`` in naive Vietnam local time (a naive one is already)."""
    return at if at.tzinfo is None else to_local(at)


def _finish_current(state: DossierState, at: dt.datetime) -> tuple[StepRecord, ...]:
    """The steps with the current one, if it still holds the dossier, finished at ``at``."""
    route = state[F_ROUTE]
    return finish_step(state[F_STEPS], route[-1], at) if route else state[F_STEPS]


def close_wait(
    out: list[Any], wait: Wait, at: dt.datetime, resumed: Resume | None
) -> dt.timedelta | None:
    """Record the open ``wait`` as ended at ``at``; return the working time it paused.

    ``resumed`` says how the clock resumes; a wait that paused no clock records neither
    (and returns ``None``).
    """
    kind, started, request_id, _, _, _, clock_paused, step = wait
    paused: dt.timedelta | None
    if clock_paused:
        paused = out[F_CALENDAR].working_time_between(started, at)
        ended = _new(Wait, (kind, started, request_id, at, paused, resumed, True, step))
    else:
        paused = None
        ended = _new(Wait, (kind, started, request_id, at, None, None, False, step))
    out[F_WAIT] = None
    out[F_WAITS] = (*out[F_WAITS], ended)
    return paused


def _ending(state: DossierState, event: Event, out: list[Any]) -> None:
    """The dossier's life ends: wait closed, step finished, clock stopped."""
    at = event.at
    out[F_BACK] = ()
    out[F_STEPS] = _finish_current(state, at)
    wait = state.wait
    if wait is not None:  # closed without resuming the clock
        close_wait(out, wait, at, None)
    out[F_FINISHED_AT] = at  # ending events are refused once the result is ready


# ---------------------------------------------------------------- reception


def _submission(
    state: DossierState, event: OnlineSubmission, target: Target, out: list[Any]
) -> None:
    out[F_SUBMISSION] = event


def _reception(state: DossierState, event: Reception, target: Target, out: list[Any]) -> None:
    at = event.at
    deadline = compute_deadline(
        event.time_limit,
        at,
        calendar=out[F_CALENDAR],
        case=event.case,
        channel=event.channel,
        policy=out[F_POLICY],
    )
    local_due = deadline[2]  # Deadline.due_at, inlined: in the receipt's awareness
    due = local_due if local_due is None or at.tzinfo is None else from_local(local_due, at)
    out[F_RECEPTION] = event
    out[F_DEADLINE] = deadline
    out[F_DUE_AT] = due
    out[F_DUE_CHANGES] = (_new(DueChange, (at, event.id, _RECEPTION, None, due, "", None)),)
    out[F_FEES_OUTSTANDING] = event.fees_due


def _refusal(state: DossierState, event: Refusal, target: Target, out: list[Any]) -> None:
    received = state.reception is not None
    if target is _S.REFUSED and received:
        raise refuse(
            state,
            event,
            "the dossier was received, so reception can no longer be refused; stop it "
            "(Stop) or refuse it from processing",
        )
    _ending(state, event, out)
    due = state.due_at
    if received and due is not None and local(event.at) > local(due):
        finding = Finding(
            FindingKind.LATE_REFUSAL,
            event.id,
            event.at,
            f"refusal after appraisal issued after the due date {due.isoformat()}",
        )
        out[F_FINDINGS] = (*state.findings, finding)


# ---------------------------------------------------------------- processing


def _forwarding(state: DossierState, event: Forwarding, target: Target, out: list[Any]) -> None:
    reception = out[F_RECEPTION]
    assert reception is not None
    route = out[F_ROUTE]
    step = event.step
    if route and route[-1] == step:
        raise refuse(state, event, f"the dossier is already at step {step!r}")
    unit, budget = event.unit, None
    if reception.steps:
        for plan in reception.steps:
            if plan.name == step:
                unit, budget = plan.unit or unit, plan.budget
                break
        else:
            names = ", ".join(repr(s.name) for s in reception.steps)
            raise refuse(state, event, f"{step!r} is not a step of the internal process ({names})")
    at = event.at
    steps = finish_step(out[F_STEPS], route[-1], at) if route else out[F_STEPS]
    out[F_STEPS] = start_step(steps, step, unit, budget, at)
    out[F_ROUTE] = (*route, step)


def _transfer(state: DossierState, event: AgencyTransfer, target: Target, out: list[Any]) -> None:
    out[F_AGENCY] = event.agency


def _agency_return(
    state: DossierState, event: AgencyReturn, target: Target, out: list[Any]
) -> None:
    if event.agency and event.agency != state.agency:
        raise refuse(state, event, f"the dossier is at {state.agency!r}, not at {event.agency!r}")
    out[F_AGENCY] = None


# ---------------------------------------------------------------- result


def _unpaid(state: DossierState, event: Event) -> None:
    if state.fees_outstanding:
        raise refuse(
            state,
            event,
            f"{state.fees_outstanding} đồng of fees are unpaid; the result is returned "
            "once they are paid",
        )


def _result_ready(state: DossierState, event: ResultReady, target: Target, out: list[Any]) -> None:
    at = event.at
    out[F_STEPS] = _finish_current(state, at)
    out[F_FINISHED_AT] = at


def _dispatch(state: DossierState, event: PostalDispatch, target: Target, out: list[Any]) -> None:
    _unpaid(state, event)


def _return(state: DossierState, event: ResultReturn, target: Target, out: list[Any]) -> None:
    if out[F_FEES_OUTSTANDING]:
        _unpaid(state, event)
    channel = event.channel
    if state[F_STATUS] is _IN_POSTAL_DELIVERY and channel != "postal":
        raise refuse(state, event, f"the result is with the postal service, not returned {channel}")
    out[F_RETURNED_AT] = event.at
    out[F_RESULT_CHANNEL] = channel


# ---------------------------------------------------------------- going back, ending


def _rollback(state: DossierState, event: Rollback, target: Target, out: list[Any]) -> None:
    status = state.status
    route = state.route
    if status is _S.PROCESSING:
        if len(route) < 2:
            raise refuse(state, event, "there is no previous step to return to")
        steps = finish_step(state.steps, route[-1], event.at)
        out[F_STEPS] = start_step(steps, route[-2], "", None, event.at)
        out[F_ROUTE] = route[:-1]
    elif status is _S.RESULT_READY:  # the result is recalled to the last step
        out[F_FINISHED_AT] = None
        if route:
            out[F_STEPS] = start_step(state.steps, route[-1], "", None, event.at)


def _not_finished(state: DossierState, event: Event) -> None:
    if state.finished_at is not None:  # a payment asked for after the result
        raise refuse(state, event, "processing has ended and the result is ready")


def _withdrawal_request(
    state: DossierState, event: WithdrawalRequest, target: Target, out: list[Any]
) -> None:
    _not_finished(state, event)


def _withdrawal(
    state: DossierState, event: WithdrawalAcceptance, target: Target, out: list[Any]
) -> None:
    _ending(state, event, out)


def _stop(state: DossierState, event: Stop, target: Target, out: list[Any]) -> None:
    if state.reception is None:
        raise refuse(
            state, event, "the dossier was never received: refuse it (Refusal) instead of stopping"
        )
    _not_finished(state, event)
    _ending(state, event, out)


#: The effect of each event type handled here.
EFFECTS: dict[type[Event], Effect] = {
    OnlineSubmission: _submission,
    Reception: _reception,
    Refusal: _refusal,
    Forwarding: _forwarding,
    AgencyTransfer: _transfer,
    AgencyReturn: _agency_return,
    ResultReady: _result_ready,
    PostalDispatch: _dispatch,
    ResultReturn: _return,
    Rollback: _rollback,
    WithdrawalRequest: _withdrawal_request,
    WithdrawalAcceptance: _withdrawal,
    Stop: _stop,
}
