"""The events of a dossier's life: immutable values, each with an id, a time and an actor.

An embedding service builds one event per thing that happened (a desk officer received the
dossier, a department asked for a supplement, the applicant paid) and applies it to the
dossier; the history of events is the dossier. Events check their own values when built
and raise ``ValueError`` or ``TypeError`` for a malformed one; whether an event is allowed
in the dossier's current state is decided by :func:`tthc.dossier.transition`.

Every event is keyword-only. Times are ``datetime`` values: naive ones are Vietnam local
time, aware ones are converted.
"""

from __future__ import annotations

from tthc.dossier._events._base import CHANNELS, Event
from tthc.dossier._events._intake import OnlineSubmission, ProcedureLike, Reception, Refusal
from tthc.dossier._events._processing import (
    AgencyReturn,
    AgencyTransfer,
    Forwarding,
    PostalDispatch,
    ResultReady,
    ResultReturn,
    Rollback,
    Stop,
    WithdrawalAcceptance,
    WithdrawalRequest,
)
from tthc.dossier._events._waits import (
    AdministrativeReset,
    ClockRestart,
    PaymentReceipt,
    PaymentRequest,
    Reschedule,
    SupplementReceipt,
    SupplementRequest,
)

__all__ = [
    "CHANNELS",
    "EVENT_TYPES",
    "AdministrativeReset",
    "AgencyReturn",
    "AgencyTransfer",
    "ClockRestart",
    "Event",
    "Forwarding",
    "OnlineSubmission",
    "PaymentReceipt",
    "PaymentRequest",
    "PostalDispatch",
    "ProcedureLike",
    "Reception",
    "Refusal",
    "Reschedule",
    "ResultReady",
    "ResultReturn",
    "Rollback",
    "Stop",
    "SupplementReceipt",
    "SupplementRequest",
    "WithdrawalAcceptance",
    "WithdrawalRequest",
]

#: Every event type by its ``kind``, the name used in JSON.
EVENT_TYPES: dict[str, type[Event]] = {
    cls.kind: cls
    for cls in (
        OnlineSubmission,
        Reception,
        Refusal,
        Forwarding,
        SupplementRequest,
        SupplementReceipt,
        PaymentRequest,
        PaymentReceipt,
        AgencyTransfer,
        AgencyReturn,
        ResultReady,
        PostalDispatch,
        ResultReturn,
        WithdrawalRequest,
        WithdrawalAcceptance,
        Stop,
        Reschedule,
        ClockRestart,
        AdministrativeReset,
        Rollback,
    )
}
