"""The pure transition function: one dossier state and one event give the next state.

:func:`transition` looks the (state, event type) pair up in the transition table, checks
the guards the law adds, and applies the event's effect through one small handler per event
type. It reads nothing but its arguments and changes nothing: the same state and event
give the same result every time, which is what makes a history replayable.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any, TypeVar

from tthc._localtime import from_local, to_local
from tthc.deadlines import compute_deadline
from tthc.dossier._clock import DueChange, DueChangeReason, Resume, Wait, WaitKind
from tthc.dossier._events import (
    AdministrativeReset,
    AgencyReturn,
    AgencyTransfer,
    ClockRestart,
    Event,
    Forwarding,
    OnlineSubmission,
    PaymentReceipt,
    PaymentRequest,
    PostalDispatch,
    Reception,
    Refusal,
    Reschedule,
    ResultReady,
    ResultReturn,
    Rollback,
    Stop,
    SupplementReceipt,
    SupplementRequest,
    WithdrawalAcceptance,
    WithdrawalRequest,
)
from tthc.dossier._findings import Finding, FindingKind
from tthc.dossier._state import DossierState
from tthc.dossier._states import DossierStatus
from tthc.dossier._steps import StepRecord, add_wait, finish_step, start_step
from tthc.dossier._table import EDGES, PREVIOUS, Target
from tthc.errors import EventOutOfOrder, TransitionNotAllowed

__all__ = ["allowed_events", "transition"]

_S = DossierStatus
_E = TypeVar("_E", bound=Event)
_Handler = Callable[[DossierState, Any, Target], DossierState]
_HandlerOf = Callable[[DossierState, _E, Target], DossierState]

_HANDLERS: dict[type[Event], _Handler] = {}


def transition(state: DossierState, event: Event) -> DossierState:
    """The state after ``event``; ``state`` itself is not changed.

    Raises:
        TransitionNotAllowed: The event is not allowed in the state, or a guard refuses
            it; ``.state`` and ``.event`` say which, ``.reason`` why.
        EventOutOfOrder: The event is dated before the state's latest event.

    >>> import datetime as dt
    >>> from tthc import Duration, WorkingCalendar
    >>> from tthc.dossier import CIVIL_CODE, EXTEND, DossierState, Reception
    >>> blank = DossierState.blank(
    ...     calendar=WorkingCalendar.vietnam(), policy=CIVIL_CODE, clock=EXTEND
    ... )
    >>> received = transition(
    ...     blank,
    ...     Reception(
    ...         id="e1",
    ...         at=dt.datetime(2026, 2, 12, 10),
    ...         actor="desk",
    ...         procedure="1.004873",
    ...         time_limit=Duration.working_days(3),
    ...     ),
    ... )
    >>> received.status, received.due_at
    (<DossierStatus.RECEIVED: 'received'>, datetime.datetime(2026, 2, 24, 17, 0))
    >>> blank.status is None
    True
    """
    last = state.updated_at
    if last is not None:
        at = event.at
        if (at.tzinfo is None) is (last.tzinfo is None):
            earlier = at < last
        else:
            earlier = to_local(at) < to_local(last)
        if earlier:
            raise EventOutOfOrder(at, last, event_id=event.id)
    row = _ROWS.get((state.status, type(event)))
    if row is None:
        raise _not_allowed(state, event)
    return row[1](state, event, row[0])


def allowed_events(status: DossierStatus | None) -> tuple[type[Event], ...]:
    """The event types the table allows in ``status`` (guards may still refuse one).

    >>> print(", ".join(e.__name__ for e in allowed_events(None)))
    OnlineSubmission, Reception, Refusal
    """
    return tuple(dict.fromkeys(e.event for e in EDGES if e.source == status))


def _not_allowed(state: DossierState, event: Event) -> TransitionNotAllowed:
    where = "a dossier with no events" if state.status is None else f"state {state.status.name}"
    names = ", ".join(e.__name__ for e in allowed_events(state.status)) or "none (final)"
    return TransitionNotAllowed(
        state.status,
        event,
        f"{type(event).__name__} {event.id!r} is not allowed in {where}; allowed there: {names}",
    )


def _refuse(state: DossierState, event: Event, reason: str) -> TransitionNotAllowed:
    return TransitionNotAllowed(
        state.status, event, f"{type(event).__name__} {event.id!r}: {reason}"
    )


def _on(kind: type[_E]) -> Callable[[_HandlerOf[_E]], _HandlerOf[_E]]:
    def register(handler: _HandlerOf[_E]) -> _HandlerOf[_E]:
        _HANDLERS[kind] = handler
        return handler

    return register


def _move(
    state: DossierState, event: Event, target: Target, changes: dict[str, Any]
) -> DossierState:
    """The state with ``changes``, moved to ``target`` at the event's time."""
    items = list(state)
    if target is PREVIOUS:
        back = state.back
        items[_STATUS] = back[-1]
        items[_BACK] = back[:-1]
    else:
        items[_STATUS] = target
    items[_UPDATED] = event.at
    for name, value in changes.items():
        items[_INDEX[name]] = value
    return _new(DossierState, items)


_INDEX = {name: i for i, name in enumerate(DossierState._fields)}
_STATUS, _BACK, _UPDATED = _INDEX["status"], _INDEX["back"], _INDEX["updated_at"]
_new = tuple.__new__


# ---------------------------------------------------------------- helpers


def _local(at: dt.datetime) -> dt.datetime:
    return at if at.tzinfo is None else to_local(at)


def _finish_current(state: DossierState, at: dt.datetime) -> tuple[StepRecord, ...]:
    """The steps with the current one, if it still holds the dossier, finished at ``at``."""
    route = state.route
    return finish_step(state.steps, route[-1], at) if route else state.steps


def _ending(state: DossierState, event: Event) -> dict[str, Any]:
    """What changes when the dossier's life ends: wait closed, step finished, clock stopped."""
    changes: dict[str, Any] = {"back": (), "steps": _finish_current(state, event.at)}
    wait = state.wait
    if wait is not None:  # closed without resuming the clock
        worked = (
            state.calendar.working_time_between(_local(wait.started), _local(event.at))
            if wait.clock_paused
            else None
        )
        changes["wait"] = None
        changes["waits"] = (*state.waits, wait._replace(ended=event.at, working_time=worked))
    changes["finished_at"] = event.at  # ending events are refused once the result is ready
    return changes


def _resume(state: DossierState, event: Event, resume: Resume, changes: dict[str, Any]) -> None:
    """End the current wait into ``changes``: move the due date by the policy, charge the step."""
    wait = state.wait
    assert wait is not None
    at = event.at
    changes["wait"] = None
    if not wait.clock_paused:
        changes["waits"] = (*state.waits, wait._replace(ended=at))
        return
    calendar = state.calendar
    started = wait.started
    paused = calendar.working_time_between(
        started if started.tzinfo is None else to_local(started),
        at if at.tzinfo is None else to_local(at),
    )
    changes["waits"] = (
        *state.waits,
        Wait(wait.kind, wait.started, wait.request_id, at, paused, resume),
    )
    if state.route:
        changes["steps"] = add_wait(state.steps, state.route[-1], paused)
    old = state.due_at
    if resume is Resume.RESTART:
        _restart(state, event, f"{wait.kind.value} received", changes)
    elif old is not None and paused:
        local = calendar.add_working_time(old if old.tzinfo is None else to_local(old), paused)
        new = from_local(local, old)
        change = DueChange(at, event.id, DueChangeReason.EXTENSION, old, new, "", paused)
        changes["due_at"] = new
        changes["due_changes"] = (*state.due_changes, change)


def _restart(state: DossierState, event: Event, note: str, changes: dict[str, Any]) -> None:
    """Count the whole time limit again from the event, into ``changes``."""
    reception = state.reception
    assert reception is not None
    deadline = compute_deadline(
        reception.time_limit,
        event.at,
        calendar=state.calendar,
        case=reception.case,
        channel=reception.channel,
        policy=state.policy,
    )
    new = deadline.due_at
    change = DueChange(event.at, event.id, DueChangeReason.RESTART, state.due_at, new, note)
    changes["restart"] = deadline
    changes["due_at"] = new
    changes["due_changes"] = (*state.due_changes, change)


# ---------------------------------------------------------------- reception


@_on(OnlineSubmission)
def _submission(state: DossierState, event: OnlineSubmission, target: Target) -> DossierState:
    return _move(state, event, target, {"submission": event})


@_on(Reception)
def _reception(state: DossierState, event: Reception, target: Target) -> DossierState:
    deadline = compute_deadline(
        event.time_limit,
        event.at,
        calendar=state.calendar,
        case=event.case,
        channel=event.channel,
        policy=state.policy,
    )
    due = deadline.due_at
    change = DueChange(event.at, event.id, DueChangeReason.RECEPTION, None, due)
    changes = {
        "reception": event,
        "deadline": deadline,
        "due_at": due,
        "due_changes": (change,),
        "fees_outstanding": event.fees_due,
    }
    return _move(state, event, target, changes)


@_on(Refusal)
def _refusal(state: DossierState, event: Refusal, target: Target) -> DossierState:
    received = state.reception is not None
    if target is _S.REFUSED and received:
        raise _refuse(
            state,
            event,
            "the dossier was received, so reception can no longer be refused; stop it "
            "(Stop) or refuse it from processing",
        )
    changes = _ending(state, event)
    due = state.due_at
    if received and due is not None and _local(event.at) > _local(due):
        finding = Finding(
            FindingKind.LATE_REFUSAL,
            event.id,
            event.at,
            f"refusal after appraisal issued after the due date {due.isoformat()}",
        )
        changes["findings"] = (*state.findings, finding)
    return _move(state, event, target, changes)


# ---------------------------------------------------------------- processing


@_on(Forwarding)
def _forwarding(state: DossierState, event: Forwarding, target: Target) -> DossierState:
    reception = state.reception
    assert reception is not None
    if state.route and state.route[-1] == event.step:
        raise _refuse(state, event, f"the dossier is already at step {event.step!r}")
    unit, budget = event.unit, None
    if reception.steps:
        for plan in reception.steps:
            if plan.name == event.step:
                unit, budget = plan.unit or unit, plan.budget
                break
        else:
            names = ", ".join(repr(s.name) for s in reception.steps)
            raise _refuse(
                state, event, f"{event.step!r} is not a step of the internal process ({names})"
            )
    steps = start_step(_finish_current(state, event.at), event.step, unit, budget, event.at)
    return _move(state, event, target, {"steps": steps, "route": (*state.route, event.step)})


@_on(AgencyTransfer)
def _transfer(state: DossierState, event: AgencyTransfer, target: Target) -> DossierState:
    return _move(state, event, target, {"agency": event.agency})


@_on(AgencyReturn)
def _agency_return(state: DossierState, event: AgencyReturn, target: Target) -> DossierState:
    if event.agency and event.agency != state.agency:
        raise _refuse(state, event, f"the dossier is at {state.agency!r}, not at {event.agency!r}")
    return _move(state, event, target, {"agency": None})


# ---------------------------------------------------------------- waits


@_on(SupplementRequest)
def _supplement_request(
    state: DossierState, event: SupplementRequest, target: Target
) -> DossierState:
    back = (*state.back, state.status)
    deadline = state.deadline
    if deadline is None:  # before reception (NĐ 61/2018 Art. 17): no clock to pause
        wait = Wait(WaitKind.SUPPLEMENT, event.at, event.id, clock_paused=False)
        return _move(state, event, target, {"back": back, "wait": wait})
    count = state.supplement_requests + 1
    findings = state.findings
    if count > 1:
        findings = (
            *findings,
            Finding(
                FindingKind.REPEATED_SUPPLEMENT_REQUEST,
                event.id,
                event.at,
                f"supplement request number {count}; the desk must ask once, in full",
            ),
        )
    days = state.calendar.working_days_between(deadline.local_start.date(), _local(event.at).date())
    if days > 3:
        findings = (
            *findings,
            Finding(
                FindingKind.LATE_SUPPLEMENT_REQUEST,
                event.id,
                event.at,
                f"supplement requested {days} working days after reception (at most 3)",
            ),
        )
    changes = {
        "back": back,
        "wait": Wait(WaitKind.SUPPLEMENT, event.at, event.id),
        "supplement_requests": count,
        "findings": findings,
    }
    return _move(state, event, target, changes)


@_on(SupplementReceipt)
def _supplement_receipt(
    state: DossierState, event: SupplementReceipt, target: Target
) -> DossierState:
    changes: dict[str, Any] = {}
    _resume(state, event, state.clock.supplement, changes)
    return _move(state, event, target, changes)


@_on(PaymentRequest)
def _payment_request(state: DossierState, event: PaymentRequest, target: Target) -> DossierState:
    running = state.status is not _S.RESULT_READY  # after the result, no clock runs
    changes = {
        "back": (*state.back, state.status),
        "wait": Wait(WaitKind.PAYMENT, event.at, event.id, clock_paused=running),
        "fees_outstanding": state.fees_outstanding + event.amount,
    }
    return _move(state, event, target, changes)


@_on(PaymentReceipt)
def _payment_receipt(state: DossierState, event: PaymentReceipt, target: Target) -> DossierState:
    outstanding = state.fees_outstanding
    if event.amount > outstanding:
        raise _refuse(
            state, event, f"{event.amount} đồng paid, but {outstanding} đồng are outstanding"
        )
    changes: dict[str, Any] = {"fees_outstanding": outstanding - event.amount}
    if target is PREVIOUS:
        _resume(state, event, state.clock.payment, changes)
    return _move(state, event, target, changes)


# ---------------------------------------------------------------- the due date


@_on(Reschedule)
def _reschedule(state: DossierState, event: Reschedule, target: Target) -> DossierState:
    due = state.due_at
    if due is None:
        raise _refuse(state, event, "the procedure has no time limit, so nothing to reschedule")
    if state.rescheduled:
        raise _refuse(
            state, event, "the appointment was already rescheduled once (NĐ 61/2018 Art. 19(9))"
        )
    day, due_day = _local(event.at).date(), _local(due).date()
    if state.calendar.working_days_between(day, due_day) < 1:
        raise _refuse(
            state,
            event,
            f"an apology must come at least one working day before the due date "
            f"{due_day.isoformat()} (NĐ 61/2018 Art. 19(9)); it is dated {day.isoformat()}",
        )
    if _local(event.new_due) <= _local(due):
        raise _refuse(
            state,
            event,
            f"the new appointment {event.new_due.isoformat()} is not after the current due "
            f"date {due.isoformat()}",
        )
    change = DueChange(
        event.at, event.id, DueChangeReason.RESCHEDULE, due, event.new_due, event.reason
    )
    changes = {"due_at": event.new_due, "due_changes": (*state.due_changes, change)}
    return _move(state, event, target, changes)


@_on(ClockRestart)
def _clock_restart(state: DossierState, event: ClockRestart, target: Target) -> DossierState:
    changes: dict[str, Any] = {}
    _restart(state, event, event.reason, changes)
    return _move(state, event, target, changes)


@_on(AdministrativeReset)
def _reset(state: DossierState, event: AdministrativeReset, target: Target) -> DossierState:
    received = state.received_at
    assert received is not None
    if _local(event.new_due) < _local(received):
        raise _refuse(
            state,
            event,
            f"the new due date {event.new_due.isoformat()} is before the receipt "
            f"{received.isoformat()}",
        )
    change = DueChange(
        event.at, event.id, DueChangeReason.RESET, state.due_at, event.new_due, event.reason
    )
    changes = {"due_at": event.new_due, "due_changes": (*state.due_changes, change)}
    return _move(state, event, target, changes)


# ---------------------------------------------------------------- result


def _unpaid(state: DossierState, event: Event) -> None:
    if state.fees_outstanding:
        raise _refuse(
            state,
            event,
            f"{state.fees_outstanding} đồng of fees are unpaid; the result is returned "
            "once they are paid",
        )


@_on(ResultReady)
def _result_ready(state: DossierState, event: ResultReady, target: Target) -> DossierState:
    changes = {"steps": _finish_current(state, event.at), "finished_at": event.at}
    return _move(state, event, target, changes)


@_on(PostalDispatch)
def _dispatch(state: DossierState, event: PostalDispatch, target: Target) -> DossierState:
    _unpaid(state, event)
    return _move(state, event, target, {})


@_on(ResultReturn)
def _return(state: DossierState, event: ResultReturn, target: Target) -> DossierState:
    _unpaid(state, event)
    if state.status is _S.IN_POSTAL_DELIVERY and event.channel != "postal":
        raise _refuse(
            state, event, f"the result is with the postal service, not returned {event.channel}"
        )
    return _move(state, event, target, {"returned_at": event.at, "result_channel": event.channel})


# ---------------------------------------------------------------- going back, ending


@_on(Rollback)
def _rollback(state: DossierState, event: Rollback, target: Target) -> DossierState:
    status = state.status
    route = state.route
    if status is _S.PROCESSING:
        if len(route) < 2:
            raise _refuse(state, event, "there is no previous step to return to")
        steps = finish_step(state.steps, route[-1], event.at)
        steps = start_step(steps, route[-2], "", None, event.at)
        return _move(state, event, target, {"steps": steps, "route": route[:-1]})
    if status is _S.RESULT_READY:  # the result is recalled to the last step
        changes: dict[str, Any] = {"finished_at": None}
        if route:
            changes["steps"] = start_step(state.steps, route[-1], "", None, event.at)
        return _move(state, event, target, changes)
    return _move(state, event, target, {})


def _not_finished(state: DossierState, event: Event) -> None:
    if state.finished_at is not None:  # a payment asked for after the result
        raise _refuse(state, event, "processing has ended and the result is ready")


@_on(WithdrawalRequest)
def _withdrawal_request(
    state: DossierState, event: WithdrawalRequest, target: Target
) -> DossierState:
    _not_finished(state, event)
    return _move(state, event, target, {"back": (*state.back, state.status)})


@_on(WithdrawalAcceptance)
def _withdrawal(state: DossierState, event: WithdrawalAcceptance, target: Target) -> DossierState:
    return _move(state, event, target, _ending(state, event))


@_on(Stop)
def _stop(state: DossierState, event: Stop, target: Target) -> DossierState:
    if state.reception is None:
        raise _refuse(
            state, event, "the dossier was never received: refuse it (Refusal) instead of stopping"
        )
    _not_finished(state, event)
    return _move(state, event, target, _ending(state, event))


def _rows() -> dict[tuple[DossierStatus | None, type[Event]], tuple[Target, _Handler]]:
    missing = sorted({e.event.__name__ for e in EDGES if e.event not in _HANDLERS})
    if missing:  # pragma: no cover  (a development error, caught by the first import)
        raise RuntimeError(f"no transition handler for {', '.join(missing)}")
    return {(e.source, e.event): (e.target, _HANDLERS[e.event]) for e in EDGES}


#: (state, event type) -> (target, handler): the table joined with the handlers.
_ROWS = _rows()
