"""Events of processing and of the end: steps, other agencies, the result, ending early."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from tthc.dossier._events._base import Event, channel, text

__all__ = [
    "AgencyReturn",
    "AgencyTransfer",
    "Forwarding",
    "PostalDispatch",
    "ResultReady",
    "ResultReturn",
    "Rollback",
    "Stop",
    "WithdrawalAcceptance",
    "WithdrawalRequest",
]


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
        text(self, "step", required=True)
        text(self, "unit", required=False)


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
        text(self, "agency", required=True)
        text(self, "reason", required=False)


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
        text(self, "agency", required=False)


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
        text(self, "tracking", required=False)


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
        channel(self, "channel")


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
        text(self, "reason", required=False)


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
        text(self, "reason", required=True)


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
        text(self, "reason", required=False)
