"""The dossier state machine: one pure transition function over an append-only history.

A dossier's life (online submission, reception, internal steps, waits for a supplement or a
payment, other agencies, the result, its return, or an early end) is a sequence of
:class:`Event` values. :func:`transition` takes a :class:`DossierState` and one event and
returns the next state, checking the transition table and the legal guards; the
:class:`Dossier` aggregate keeps the history, a version number and the idempotence of
event ids. See ``docs/dossier.md`` for the states, the events, the clock policies and an
embedding example.

>>> import datetime as dt
>>> from tthc import Duration, WorkingCalendar
>>> from tthc.dossier import Dossier, Reception, SupplementReceipt, SupplementRequest
>>> d = Dossier(calendar=WorkingCalendar.vietnam())
>>> _ = d.apply(
...     Reception(
...         id="1",
...         at=dt.datetime(2026, 3, 2, 9),
...         actor="desk",
...         procedure="1.004873",
...         time_limit=Duration.working_days(3),
...     )
... )
>>> _ = d.apply(SupplementRequest(id="2", at=dt.datetime(2026, 3, 3, 16), actor="clerk"))
>>> d.status.portal_code, d.state.is_paused
(5, True)
>>> _ = d.apply(SupplementReceipt(id="3", at=dt.datetime(2026, 3, 4, 8), actor="desk"))
>>> d.due_at  # moved by the 1 h 30 min of working time the wait lasted
datetime.datetime(2026, 3, 6, 9, 0)
"""

from tthc.deadlines import CIVIL_CODE
from tthc.dossier._clock import (
    CLOCK_POLICIES,
    EXTEND,
    RESTART,
    ClockPolicy,
    DueChange,
    DueChangeReason,
    Resume,
    Wait,
    WaitKind,
)
from tthc.dossier._code import DossierCode, dossier_code
from tthc.dossier._docs import events_table, mermaid, states_table, update_docs
from tthc.dossier._dossier import FORMAT, Dossier
from tthc.dossier._events import (
    CHANNELS,
    EVENT_TYPES,
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
    ProcedureLike,
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
from tthc.dossier._json import event_from_data, event_to_data, state_to_data
from tthc.dossier._queries import Measure, overdue, remaining, step_reports, timeliness
from tthc.dossier._state import DossierState
from tthc.dossier._states import PORTAL_CODES, TERMINAL, DossierStatus
from tthc.dossier._steps import StepPlan, StepRecord, StepReport
from tthc.dossier._table import EDGES, PREVIOUS, Edge, check_machine
from tthc.dossier._transition import allowed_events, transition

__all__ = [
    "CHANNELS",
    "CIVIL_CODE",
    "CLOCK_POLICIES",
    "EDGES",
    "EVENT_TYPES",
    "EXTEND",
    "FORMAT",
    "PORTAL_CODES",
    "PREVIOUS",
    "RESTART",
    "TERMINAL",
    "AdministrativeReset",
    "AgencyReturn",
    "AgencyTransfer",
    "ClockPolicy",
    "ClockRestart",
    "Dossier",
    "DossierCode",
    "DossierState",
    "DossierStatus",
    "DueChange",
    "DueChangeReason",
    "Edge",
    "Event",
    "Finding",
    "FindingKind",
    "Forwarding",
    "Measure",
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
    "Resume",
    "Rollback",
    "StepPlan",
    "StepRecord",
    "StepReport",
    "Stop",
    "SupplementReceipt",
    "SupplementRequest",
    "Wait",
    "WaitKind",
    "WithdrawalAcceptance",
    "WithdrawalRequest",
    "allowed_events",
    "check_machine",
    "dossier_code",
    "event_from_data",
    "event_to_data",
    "events_table",
    "mermaid",
    "overdue",
    "remaining",
    "state_to_data",
    "states_table",
    "step_reports",
    "timeliness",
    "transition",
    "update_docs",
]
