"""What waits and due-date events do to a dossier's state: the clock pauses, resumes, moves.

Effects as in :mod:`tthc.dossier._effects`: each reads the state and the event, checks the
guards, and writes what changes into ``out``, the next state's values in field order.
"""

from __future__ import annotations

from typing import Any

from tthc.deadlines import compute_deadline
from tthc.deadlines._counting import day_not_counted
from tthc.dossier._clock import DueChange, DueChangeReason, Resume, Wait, WaitKind
from tthc.dossier._effects import Effect, close_wait, local, refuse
from tthc.dossier._events import (
    AdministrativeReset,
    ClockRestart,
    Event,
    PaymentReceipt,
    PaymentRequest,
    Reschedule,
    SupplementReceipt,
    SupplementRequest,
)
from tthc.dossier._findings import Finding, FindingKind
from tthc.dossier._state import (
    F_CALENDAR,
    F_CLOCK,
    F_DEADLINE,
    F_DUE_AT,
    F_DUE_CHANGES,
    F_FEES_OUTSTANDING,
    F_FINDINGS,
    F_POLICY,
    F_RESTART,
    F_ROUTE,
    F_SUPPLEMENT_REQUESTS,
    F_WAIT,
    DossierState,
)
from tthc.dossier._states import DossierStatus
from tthc.dossier._table import PREVIOUS, Target
from tthc.duration import Duration

__all__ = ["EFFECTS"]

_S = DossierStatus
_new = tuple.__new__  # builds a named tuple from all its values, skipping keyword handling
_SUPPLEMENT, _PAYMENT = WaitKind.SUPPLEMENT, WaitKind.PAYMENT
_EXTENSION, _RESTART = DueChangeReason.EXTENSION, Resume.RESTART
#: The time a supplement may be asked in after reception (NĐ 61/2018/NĐ-CP Art. 19(4)).
_THREE_DAYS = Duration.working_days(3)


def _wait(kind: WaitKind, state: DossierState, event: Event, *, clock_paused: bool = True) -> Wait:
    """A wait for ``kind`` opened by ``event``, in the current step if any."""
    route = state[F_ROUTE]
    step = route[-1] if route else None
    return _new(Wait, (kind, event.at, event.id, None, None, None, clock_paused, step))


def _resume(state: DossierState, event: Event, target: Target, out: list[Any]) -> None:
    """End the current wait: record it, and move the due date by the clock policy.

    The effect of a supplement receipt, and of a payment receipt ending a payment wait.
    """
    wait = out[F_WAIT]
    assert wait is not None
    kind = wait[0]
    clock = out[F_CLOCK]
    resume = clock.supplement if kind is _SUPPLEMENT else clock.payment
    at = event.at
    # The calendar converts aware instants to local time and answers in the zone given; the
    # step's share is read from the waits when asked (DossierState.step_waited).
    paused = close_wait(out, wait, at, resume)
    if paused is None:  # the wait paused no clock
        return
    old = out[F_DUE_AT]
    if resume is _RESTART:
        _restart(state, event, f"{kind.value} received", out)
    elif old is not None and paused:
        new = out[F_CALENDAR].add_working_time(old, paused)
        change = _new(DueChange, (at, event.id, _EXTENSION, old, new, "", paused))
        out[F_DUE_AT] = new
        out[F_DUE_CHANGES] = (*out[F_DUE_CHANGES], change)


def _restart(state: DossierState, event: Event, note: str, out: list[Any]) -> None:
    """Count the whole time limit again from the event."""
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
    out[F_RESTART] = deadline
    out[F_DUE_AT] = new
    out[F_DUE_CHANGES] = (*state.due_changes, change)


# ---------------------------------------------------------------- waits


def _supplement_request(
    state: DossierState, event: SupplementRequest, target: Target, out: list[Any]
) -> None:
    deadline = out[F_DEADLINE]
    if deadline is None:  # before reception (NĐ 61/2018 Art. 17): no clock to pause
        out[F_WAIT] = _wait(_SUPPLEMENT, state, event, clock_paused=False)
        return
    count = out[F_SUPPLEMENT_REQUESTS] + 1
    findings = out[F_FINDINGS]
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
    at = event.at
    local_at = local(at)
    # "03 ngày làm việc kể từ ngày tiếp nhận": a period in working days, counted from the
    # day after the day it leaves out, as the dossier's policy leaves it out (the receipt's
    # own date under the Civil Code, BLDS 2015 Art. 147(2), even after office hours).
    # Working days are counted only past 3 calendar days: never more working days than days.
    left_out = day_not_counted(local(deadline[0]), deadline[1], _THREE_DAYS, out[F_POLICY])
    if local_at.toordinal() - left_out.toordinal() > 3:
        days = out[F_CALENDAR].working_days_between(left_out, local_at.date())
        if days > 3:
            findings = (
                *findings,
                Finding(
                    FindingKind.LATE_SUPPLEMENT_REQUEST,
                    event.id,
                    at,
                    f"supplement requested {days} working days after reception (at most 3)",
                ),
            )
    out[F_WAIT] = _wait(_SUPPLEMENT, state, event)
    out[F_SUPPLEMENT_REQUESTS] = count
    out[F_FINDINGS] = findings


def _payment_request(
    state: DossierState, event: PaymentRequest, target: Target, out: list[Any]
) -> None:
    running = state.status is not _S.RESULT_READY  # after the result, no clock runs
    out[F_WAIT] = _wait(_PAYMENT, state, event, clock_paused=running)
    out[F_FEES_OUTSTANDING] = state.fees_outstanding + event.amount


def _payment_receipt(
    state: DossierState, event: PaymentReceipt, target: Target, out: list[Any]
) -> None:
    outstanding = state.fees_outstanding
    if event.amount > outstanding:
        raise refuse(
            state, event, f"{event.amount} đồng paid, but {outstanding} đồng are outstanding"
        )
    out[F_FEES_OUTSTANDING] = outstanding - event.amount
    if target is PREVIOUS:
        _resume(state, event, target, out)


# ---------------------------------------------------------------- the due date


def _reschedule(state: DossierState, event: Reschedule, target: Target, out: list[Any]) -> None:
    due = state.due_at
    if due is None:
        raise refuse(state, event, "the procedure has no time limit, so nothing to reschedule")
    if state.rescheduled:
        raise refuse(
            state, event, "the appointment was already rescheduled once (NĐ 61/2018 Art. 19(9))"
        )
    day, due_day = local(event.at).date(), local(due).date()
    if state.calendar.working_days_between(day, due_day) < 1:
        raise refuse(
            state,
            event,
            f"an apology must come at least one working day before the due date "
            f"{due_day.isoformat()} (NĐ 61/2018 Art. 19(9)); it is dated {day.isoformat()}",
        )
    if local(event.new_due) <= local(due):
        raise refuse(
            state,
            event,
            f"the new appointment {event.new_due.isoformat()} is not after the current due "
            f"date {due.isoformat()}",
        )
    change = DueChange(
        event.at, event.id, DueChangeReason.RESCHEDULE, due, event.new_due, event.reason
    )
    out[F_DUE_AT] = event.new_due
    out[F_DUE_CHANGES] = (*state.due_changes, change)


def _clock_restart(
    state: DossierState, event: ClockRestart, target: Target, out: list[Any]
) -> None:
    _restart(state, event, event.reason, out)


def _reset(state: DossierState, event: AdministrativeReset, target: Target, out: list[Any]) -> None:
    received = state.received_at
    assert received is not None
    if local(event.new_due) < local(received):
        raise refuse(
            state,
            event,
            f"the new due date {event.new_due.isoformat()} is before the receipt "
            f"{received.isoformat()}",
        )
    change = DueChange(
        event.at, event.id, DueChangeReason.RESET, state.due_at, event.new_due, event.reason
    )
    out[F_DUE_AT] = event.new_due
    out[F_DUE_CHANGES] = (*state.due_changes, change)


#: The effect of each event type handled here.
EFFECTS: dict[type[Event], Effect] = {
    SupplementRequest: _supplement_request,
    SupplementReceipt: _resume,
    PaymentRequest: _payment_request,
    PaymentReceipt: _payment_receipt,
    Reschedule: _reschedule,
    ClockRestart: _clock_restart,
    AdministrativeReset: _reset,
}
