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

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar, Protocol

from tthc.dossier._code import DossierCode
from tthc.dossier._steps import StepPlan
from tthc.duration import Duration

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

#: Submission and return channels, with the portal's ``KenhThucHien`` codes: 1 at the
#: counter (trực tiếp), 2 online (trực tuyến), 3 by public postal service (bưu chính công ích).
CHANNELS: dict[str, int] = {"counter": 1, "online": 2, "postal": 3}


def _text(event: object, name: str, *, required: bool) -> None:
    value = getattr(event, name)
    if not isinstance(value, str):
        raise TypeError(f"{type(event).__name__}.{name} must be text, got {type(value).__name__}")
    if required and not value.strip():
        raise ValueError(f"{type(event).__name__}.{name} must not be empty")


def _instant(event: object, name: str) -> None:
    value = getattr(event, name)
    if not isinstance(value, dt.datetime):
        raise TypeError(
            f"{type(event).__name__}.{name} must be a datetime (the hour matters), "
            f"got {type(value).__name__} {value!r}"
        )


def _amount(event: object, name: str, *, minimum: int) -> None:
    value = getattr(event, name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{type(event).__name__}.{name} is whole đồng, got {value!r}")
    if value < minimum:
        raise ValueError(f"{type(event).__name__}.{name} must be at least {minimum}, got {value}")


def _channel(event: object, name: str) -> None:
    value = getattr(event, name)
    plain = getattr(value, "value", value)  # a catalogue Channel is read as its value
    if plain not in CHANNELS:
        raise ValueError(
            f"{type(event).__name__}.{name} must be one of {', '.join(CHANNELS)}, got {value!r}"
        )
    object.__setattr__(event, name, str(plain))


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """What every event has: an id, a time and an actor.

    Attributes:
        id: Unique within the dossier; applying an id again changes nothing.
        at: When it happened.
        actor: Who did it (an officer's account, ``"applicant"``, a system name).
    """

    kind: ClassVar[str] = "event"

    id: str
    at: dt.datetime
    actor: str

    def __post_init__(self) -> None:
        _text(self, "id", required=True)
        _instant(self, "at")
        _text(self, "actor", required=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class OnlineSubmission(Event):
    """The applicant submitted the dossier online; not yet accepted (portal status 1).

    Attributes:
        procedure: The procedure code, when known.
    """

    kind: ClassVar[str] = "online_submission"

    procedure: str = ""

    def __post_init__(self) -> None:
        Event.__post_init__(self)
        _text(self, "procedure", required=False)


class _StepLike(Protocol):
    @property
    def name(self) -> str: ...
    @property
    def unit(self) -> str: ...
    @property
    def budget(self) -> Duration: ...


class _CaseLike(Protocol):
    @property
    def process(self) -> Iterable[_StepLike]: ...


class ProcedureLike(Protocol):
    """What :meth:`Reception.for_procedure` reads from a catalogue procedure."""

    @property
    def code(self) -> str:
        """The procedure's code."""
        ...

    def time_limit(self, *, case: str | None = None, channel: object = None) -> Duration:
        """The time limit for a case and channel."""
        ...

    def case(self, case: str | None = None) -> _CaseLike:
        """The case, whose ``process`` lists the internal steps."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class Reception(Event):
    """The one-stop desk received the complete dossier; the due date is computed from here.

    The time limit is resolved by the caller (or by :meth:`for_procedure` from a catalogue
    procedure) and stored in the event, so replaying the history never depends on a
    catalogue that changed since (a dossier keeps the version in force when it was
    received).

    Attributes:
        procedure: The procedure code.
        time_limit: The time limit of the procedure's case for the channel.
        case: The procedure's case, when it has several.
        channel: ``"counter"``, ``"online"`` or ``"postal"``.
        steps: The internal process, in order.
        code: The dossier code (TT 01/2018/TT-VPCP Art. 19), when issued.
        fees_due: Fees and charges still to pay, in đồng; a result is not returned
            while any are unpaid.
    """

    kind: ClassVar[str] = "reception"

    procedure: str
    time_limit: Duration
    case: str | None = None
    channel: str = "counter"
    steps: tuple[StepPlan, ...] = ()
    code: str | None = None
    fees_due: int = 0

    def __post_init__(self) -> None:
        Event.__post_init__(self)
        _text(self, "procedure", required=True)
        if not isinstance(self.time_limit, Duration):
            raise TypeError(
                f"Reception.time_limit must be a Duration, got {type(self.time_limit).__name__}"
            )
        if self.case is not None:
            _text(self, "case", required=True)
        _channel(self, "channel")
        steps = tuple(self.steps)
        for step in steps:
            if not isinstance(step, StepPlan):
                raise TypeError(f"Reception.steps must be StepPlan values, got {step!r}")
        names = [step.name for step in steps]
        repeated = sorted({n for n in names if names.count(n) > 1})
        if repeated:
            raise ValueError(f"Reception.steps names a step twice: {', '.join(repeated)}")
        object.__setattr__(self, "steps", steps)
        if self.code is not None:
            object.__setattr__(self, "code", str(DossierCode.parse(self.code)))
        _amount(self, "fees_due", minimum=0)

    @classmethod
    def for_procedure(
        cls,
        procedure: ProcedureLike,
        *,
        id: str,
        at: dt.datetime,
        actor: str,
        case: str | None = None,
        channel: str = "counter",
        code: str | None = None,
        fees_due: int = 0,
    ) -> Reception:
        """The reception of a dossier for a catalogue procedure (:class:`tthc.catalog.Procedure`).

        Reads the procedure's code, its time limit for ``case`` and ``channel``, and the
        case's internal process.

        Raises:
            tthc.errors.UnknownCase: The procedure has no such case or channel.
        """
        limit = procedure.time_limit(case=case, channel=channel)
        steps = tuple(StepPlan(s.name, s.unit, s.budget) for s in procedure.case(case).process)
        return cls(
            id=id,
            at=at,
            actor=actor,
            procedure=procedure.code,
            time_limit=limit,
            case=case,
            channel=channel,
            steps=steps,
            code=code,
            fees_due=fees_due,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Refusal(Event):
    """The dossier is refused: at reception (Mẫu 03; portal 3), or after appraisal.

    A refusal after appraisal must be issued within the processing time (NĐ 61/2018
    Art. 19(8)); it stops processing (portal 8). One issued later is allowed (the applicant
    is owed the answer) and recorded as a ``late_refusal`` finding.

    Attributes:
        reason: Why, as written on the refusal slip.
    """

    kind: ClassVar[str] = "refusal"

    reason: str

    def __post_init__(self) -> None:
        Event.__post_init__(self)
        _text(self, "reason", required=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class Forwarding(Event):
    """The dossier is forwarded to an internal step (hand-over between steps).

    Attributes:
        step: The step's name; with a planned process, one of its steps.
        unit: The responsible unit, when the process does not say.
    """

    kind: ClassVar[str] = "forwarding"

    step: str
    unit: str = ""

    def __post_init__(self) -> None:
        Event.__post_init__(self)
        _text(self, "step", required=True)
        _text(self, "unit", required=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class SupplementRequest(Event):
    """The applicant is asked to supplement the dossier (Mẫu 02; portal 5); the clock pauses.

    Attributes:
        reason: What is missing or wrong.
        documents: The documents asked for.
    """

    kind: ClassVar[str] = "supplement_request"

    reason: str = ""
    documents: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        Event.__post_init__(self)
        _text(self, "reason", required=False)
        documents = tuple(self.documents)
        if not all(isinstance(d, str) for d in documents):
            raise TypeError("SupplementRequest.documents must be text")
        object.__setattr__(self, "documents", documents)


@dataclass(frozen=True, slots=True, kw_only=True)
class SupplementReceipt(Event):
    """The requested supplement arrived; the clock resumes under the clock policy."""

    kind: ClassVar[str] = "supplement_receipt"


@dataclass(frozen=True, slots=True, kw_only=True)
class PaymentRequest(Event):
    """The applicant is asked to pay fees, charges or taxes (portal 6); the clock pauses.

    Attributes:
        amount: The amount asked for, in đồng (at least 1).
        reason: What it is for.
    """

    kind: ClassVar[str] = "payment_request"

    amount: int
    reason: str = ""

    def __post_init__(self) -> None:
        Event.__post_init__(self)
        _amount(self, "amount", minimum=1)
        _text(self, "reason", required=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class PaymentReceipt(Event):
    """A payment arrived. It ends a payment wait, or settles fees at any later moment.

    Attributes:
        amount: The amount paid, in đồng; at most what is outstanding.
    """

    kind: ClassVar[str] = "payment_receipt"

    amount: int

    def __post_init__(self) -> None:
        Event.__post_init__(self)
        _amount(self, "amount", minimum=1)


@dataclass(frozen=True, slots=True, kw_only=True)
class AgencyTransfer(Event):
    """The dossier goes to another agency for inter-agency processing (liên thông).

    Attributes:
        agency: The other agency.
        reason: What it is asked to do.
    """

    kind: ClassVar[str] = "agency_transfer"

    agency: str
    reason: str = ""

    def __post_init__(self) -> None:
        Event.__post_init__(self)
        _text(self, "agency", required=True)
        _text(self, "reason", required=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class AgencyReturn(Event):
    """The other agency sent the dossier back; processing continues.

    Attributes:
        agency: The agency returning it; when given, the one it was sent to.
    """

    kind: ClassVar[str] = "agency_return"

    agency: str = ""

    def __post_init__(self) -> None:
        Event.__post_init__(self)
        _text(self, "agency", required=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class ResultReady(Event):
    """Processing ended; the result is ready (portal 9). The clock stops here."""

    kind: ClassVar[str] = "result_ready"


@dataclass(frozen=True, slots=True, kw_only=True)
class PostalDispatch(Event):
    """The result was handed to the public postal service for delivery.

    Attributes:
        tracking: The postal tracking number, if any.
    """

    kind: ClassVar[str] = "postal_dispatch"

    tracking: str = ""

    def __post_init__(self) -> None:
        Event.__post_init__(self)
        _text(self, "tracking", required=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class ResultReturn(Event):
    """The result reached the applicant (portal 10).

    Attributes:
        channel: ``"counter"``, ``"online"`` or ``"postal"``.
    """

    kind: ClassVar[str] = "result_return"

    channel: str

    def __post_init__(self) -> None:
        Event.__post_init__(self)
        _channel(self, "channel")


@dataclass(frozen=True, slots=True, kw_only=True)
class WithdrawalRequest(Event):
    """The applicant asks to withdraw the dossier; the agency has yet to accept.

    Attributes:
        reason: The applicant's reason, if given.
    """

    kind: ClassVar[str] = "withdrawal_request"

    reason: str = ""

    def __post_init__(self) -> None:
        Event.__post_init__(self)
        _text(self, "reason", required=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class WithdrawalAcceptance(Event):
    """The agency accepts the withdrawal; the dossier ends (portal 7)."""

    kind: ClassVar[str] = "withdrawal_acceptance"


@dataclass(frozen=True, slots=True, kw_only=True)
class Stop(Event):
    """Processing stops (portal 8), for example when a supplement never came.

    Attributes:
        reason: Why.
    """

    kind: ClassVar[str] = "stop"

    reason: str

    def __post_init__(self) -> None:
        Event.__post_init__(self)
        _text(self, "reason", required=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class Reschedule(Event):
    """A letter of apology with a new appointment (Mẫu 04; NĐ 61/2018 Art. 19(9)).

    Allowed once per dossier, at least one working day before the current due date, and
    only to a later appointment.

    Attributes:
        new_due: The new appointment.
        reason: Why the dossier is late, as the letter says.
    """

    kind: ClassVar[str] = "reschedule"

    new_due: dt.datetime
    reason: str

    def __post_init__(self) -> None:
        Event.__post_init__(self)
        _instant(self, "new_due")
        _text(self, "reason", required=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class ClockRestart(Event):
    """The whole time limit counts again from this event (NĐ 61/2018 Art. 19(4)).

    Attributes:
        reason: Why the clock restarts.
    """

    kind: ClassVar[str] = "clock_restart"

    reason: str

    def __post_init__(self) -> None:
        Event.__post_init__(self)
        _text(self, "reason", required=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class AdministrativeReset(Event):
    """An administrator sets the due date, with a reason (Đặt lại hạn xử lý).

    Not a reschedule: it does not count against the once-only apology rule, and it is
    kept in the due-date history with its reason.

    Attributes:
        new_due: The new due date; not before the receipt.
        reason: Why.
    """

    kind: ClassVar[str] = "administrative_reset"

    new_due: dt.datetime
    reason: str

    def __post_init__(self) -> None:
        Event.__post_init__(self)
        _instant(self, "new_due")
        _text(self, "reason", required=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class Rollback(Event):
    """Go back one step.

    In processing, the dossier returns to the step before the current one (Trả lại bước
    trước); with the result ready, the result is recalled to the last step (thu hồi); in
    postal delivery, an undelivered result comes back; with a withdrawal requested, the
    request is taken back.

    Attributes:
        reason: Why.
    """

    kind: ClassVar[str] = "rollback"

    reason: str = ""

    def __post_init__(self) -> None:
        Event.__post_init__(self)
        _text(self, "reason", required=False)


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
