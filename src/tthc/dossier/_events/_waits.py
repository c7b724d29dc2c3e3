"""Events of waits and of the due date: supplements, payments, reschedule, restart, reset."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import ClassVar

from tthc.dossier._events._base import Event, amount, instant, no_surrogate, text

__all__ = [
    "AdministrativeReset",
    "ClockRestart",
    "PaymentReceipt",
    "PaymentRequest",
    "Reschedule",
    "SupplementReceipt",
    "SupplementRequest",
]


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
        text(self, "reason", required=False)
        documents = tuple(self.documents)
        if not all(isinstance(d, str) for d in documents):
            raise TypeError("SupplementRequest.documents must be text")
        for document in documents:
            if not document.isascii():
                no_surrogate(self, "documents", document)
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
        amount(self, "amount", minimum=1)
        text(self, "reason", required=False)


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
        amount(self, "amount", minimum=1)


@dataclass(frozen=True, slots=True, kw_only=True)
class Reschedule(Event):
    """A letter of apology with a new appointment (Mẫu 04; NĐ 61/2018 Art. 19(9)).

    Allowed once per dossier, at least one working day before the current due date, and
    only to a later appointment. "One working day before" counts dates: at least one
    working day must lie after the apology's date, up to and including the due date's (an
    apology on Wednesday for a Thursday due date is in time; on Thursday it is not).

    Attributes:
        new_due: The new appointment.
        reason: Why the dossier is late, as the letter says.
    """

    kind: ClassVar[str] = "reschedule"

    new_due: dt.datetime
    reason: str

    def __post_init__(self) -> None:
        Event.__post_init__(self)
        instant(self, "new_due")
        text(self, "reason", required=True)


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
        text(self, "reason", required=True)


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
        instant(self, "new_due")
        text(self, "reason", required=True)
