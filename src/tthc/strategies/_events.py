"""Dossier events made for the state they are applied in: accepted ones, and refused ones.

Accepted ones have a type the transition table allows and fields that pass the guards;
refused ones have a type the table does not allow, or fields that break a guard.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from tthc.dossier import (
    CHANNELS,
    AdministrativeReset,
    AgencyReturn,
    AgencyTransfer,
    ClockRestart,
    DossierState,
    DossierStatus,
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
    StepPlan,
    Stop,
    SupplementReceipt,
    SupplementRequest,
    WithdrawalAcceptance,
    WithdrawalRequest,
    dossier_code,
)
from tthc.duration import Duration

__all__ = ["STEPS", "any_fields", "feasible", "fields", "refused_fields"]

_S = DossierStatus
#: Names of internal steps a reception may plan.
STEPS = ("tiếp nhận", "thẩm định", "ký duyệt")
_CHANNELS = tuple(CHANNELS)  # the dossier channels, in the portal codes' order
_Fields = st.SearchStrategy[dict[str, Any]]


_BUDGETS = st.none() | st.sampled_from(["2 working hours", "1 working day", "3 calendar days"])


def _plans(names: list[str]) -> st.SearchStrategy[tuple[StepPlan, ...]]:
    """A plan of these steps, each with a budget or none."""
    return st.tuples(*(_BUDGETS.map(functools.partial(_plan, name)) for name in names))


def _plan(name: str, budget: str | None) -> StepPlan:
    return StepPlan(name, "Phòng chuyên môn", None if budget is None else Duration.parse(budget))


def _reception(
    state: DossierState, at: dt.datetime, time_limits: st.SearchStrategy[Duration]
) -> _Fields:
    plans = st.lists(st.sampled_from(STEPS), unique=True, max_size=3).flatmap(_plans)
    return st.fixed_dictionaries(
        {
            "procedure": st.sampled_from(["1.004873", "1.001193", "2.000815"]),
            "time_limit": time_limits,
            "channel": st.sampled_from(_CHANNELS),
            "steps": plans,
            "fees_due": st.sampled_from([0, 8000]),
        },
        optional={
            "case": st.just("standard"),
            "code": st.integers(1, 9999).map(lambda n: dossier_code("000.00.00.H38", at.date(), n)),
        },
    )


def _forwarding(state: DossierState) -> _Fields:
    assert state.reception is not None
    names = [p.name for p in state.reception.steps] or list(STEPS)
    current = state.route[-1] if state.route else None
    return st.sampled_from([n for n in names if n != current]).map(lambda n: {"step": n})


def _payment_receipt(state: DossierState) -> _Fields:
    return st.integers(1, state.fees_outstanding).map(lambda a: {"amount": a})


def _reschedule(state: DossierState) -> _Fields:
    assert state.due_at is not None
    due = state.due_at
    return st.integers(1, 10).map(
        lambda d: {"new_due": due + dt.timedelta(days=d), "reason": "Xin lỗi"}
    )


def _reset(state: DossierState) -> _Fields:
    assert state.received_at is not None
    received = state.received_at
    return st.integers(0, 30 * 24).map(
        lambda h: {"new_due": received + dt.timedelta(hours=h), "reason": "Đặt lại hạn"}
    )


def _return(state: DossierState) -> _Fields:
    channels = ["postal"] if state.status is _S.IN_POSTAL_DELIVERY else list(_CHANNELS)
    return st.sampled_from(channels).map(lambda c: {"channel": c})


def _agency_return(state: DossierState) -> _Fields:
    return st.sampled_from(["", state.agency or ""]).map(lambda a: {"agency": a})


_REASON = {"reason": "Theo quy định"}
_SIMPLE: dict[type[Event], dict[str, Any]] = {
    OnlineSubmission: {"procedure": "1.004873"},
    Refusal: _REASON,
    SupplementRequest: {"reason": "Thiếu giấy tờ", "documents": ("CCCD",)},
    SupplementReceipt: {},
    AgencyTransfer: {"agency": "Chi cục Thuế"},
    ResultReady: {},
    PostalDispatch: {"tracking": "EMS123"},
    WithdrawalRequest: {},
    WithdrawalAcceptance: {},
    Stop: _REASON,
    ClockRestart: _REASON,
    Rollback: {},
}
_BY_STATE: dict[type[Event], Callable[[DossierState], _Fields]] = {
    Forwarding: _forwarding,
    PaymentReceipt: _payment_receipt,
    Reschedule: _reschedule,
    AdministrativeReset: _reset,
    ResultReturn: _return,
    AgencyReturn: _agency_return,
}


def feasible(kind: type[Event], state: DossierState) -> bool:
    """Whether an event of this type can pass the guards in ``state`` (time aside)."""
    finished = state.finished_at is not None
    checks: dict[type[Event], bool] = {
        Forwarding: not state.reception
        or not state.reception.steps
        or len({p.name for p in state.reception.steps} - set(state.route[-1:])) > 0,
        PaymentReceipt: state.fees_outstanding > 0,
        PostalDispatch: not state.fees_outstanding,
        ResultReturn: not state.fees_outstanding,
        Reschedule: state.due_at is not None and not state.rescheduled,
        Rollback: state.status is not _S.PROCESSING or len(state.route) >= 2,
        Refusal: not (state.status is _S.SUPPLEMENT_REQUESTED and state.reception is not None),
        Stop: state.reception is not None and not finished,
        WithdrawalRequest: not finished,
    }
    return checks.get(kind, True)


def fields(
    kind: type[Event],
    state: DossierState,
    at: dt.datetime,
    time_limits: st.SearchStrategy[Duration],
) -> _Fields:
    """The fields of an event of type ``kind`` that ``state`` accepts at ``at``.

    Only call for a type :func:`feasible` accepts; a time-based guard (an apology at least
    one working day before the due date) may still refuse it.
    """
    if kind is Reception:
        return _reception(state, at, time_limits)
    if kind is PaymentRequest:
        return st.sampled_from([8000, 1000, 50_000]).map(lambda a: {"amount": a})
    build = _BY_STATE.get(kind)
    if build is not None:
        return build(state)
    return st.just(dict(_SIMPLE[kind]))


def refused_fields(
    kind: type[Event], state: DossierState, at: dt.datetime
) -> dict[str, Any] | None:
    """Fields that make an allowed ``kind`` break a guard in ``state``; ``None`` if none do."""
    if kind is PaymentReceipt:
        return {"amount": state.fees_outstanding + 1}
    if kind is Forwarding and state.route:
        return {"step": state.route[-1]}
    if kind is Reschedule:  # never after the current due date: refused, whatever else holds
        return {"new_due": state.due_at or at, "reason": "Xin lỗi"}
    if kind is AdministrativeReset and state.received_at is not None:
        return {"new_due": state.received_at - dt.timedelta(minutes=1), "reason": "Đặt lại"}
    return None


def any_fields(kind: type[Event], at: dt.datetime) -> dict[str, Any]:
    """Well-formed fields for an event of type ``kind``, whatever the state."""
    special: dict[type[Event], dict[str, Any]] = {
        Reception: {"procedure": "1.004873", "time_limit": Duration.working_days(3)},
        Forwarding: {"step": STEPS[0]},
        PaymentRequest: {"amount": 8000},
        PaymentReceipt: {"amount": 8000},
        Reschedule: {"new_due": at + dt.timedelta(days=10), "reason": "Xin lỗi"},
        AdministrativeReset: {"new_due": at + dt.timedelta(days=10), "reason": "Đặt lại"},
        ResultReturn: {"channel": "counter"},
        AgencyReturn: {},
    }
    return special[kind] if kind in special else dict(_SIMPLE[kind])
