"""Clock control: waits that pause the clock, how it resumes, and every change of the due date.

While a dossier waits for the applicant (a supplement, portal status 5) or for a financial
obligation (status 6), its processing time does not run. When the wait ends, the clock
resumes under a named :class:`ClockPolicy`:

* :data:`EXTEND`: the due date moves later by the working time the wait lasted, measured
  with the calendar in working minutes, so a wait from 16:00 to 08:00 the next working day
  moves the due date by 1 h 30 min, not by a day and not by nothing. This is the pause
  semantics of the QĐ 766/QĐ-TTg indicator (the supplement interval is subtracted) and of
  most one-stop systems (docs/sources.md, "How one-stop systems count").
* :data:`RESTART`: after a supplement, the whole time limit counts again from the moment
  the complete dossier arrives: "thời gian giải quyết được tính lại từ đầu" (NĐ 61/2018/NĐ-CP
  Art. 19(4)). A payment wait still extends: the restart rule is about incomplete dossiers.

Every change of the due date is kept as a :class:`DueChange` with the old and new value, the
reason and the time, as the national portal keeps ``NgayHenTraTruoc`` / ``NgayHenTraMoi``.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from types import MappingProxyType
from typing import NamedTuple

__all__ = [
    "CLOCK_POLICIES",
    "EXTEND",
    "RESTART",
    "ClockPolicy",
    "DueChange",
    "DueChangeReason",
    "Resume",
    "Wait",
    "WaitKind",
]


class Resume(str, enum.Enum):
    """How the clock resumes when a wait ends."""

    EXTEND = "extend"
    """The due date moves later by the working time the wait lasted."""
    RESTART = "restart"
    """The whole time limit counts again from the end of the wait (NĐ 61/2018 Art. 19(4))."""


@dataclass(frozen=True, slots=True)
class ClockPolicy:
    """A named rule for resuming the clock after each kind of wait.

    Attributes:
        name: A stable identifier, stored with a serialised dossier.
        supplement: How the clock resumes when a requested supplement arrives.
        payment: How the clock resumes when a requested payment arrives.
        description: The rule and its source.
    """

    name: str
    supplement: Resume
    payment: Resume
    description: str = ""

    def __str__(self) -> str:
        return self.name


EXTEND = ClockPolicy(
    "extend",
    Resume.EXTEND,
    Resume.EXTEND,
    "Waits pause the clock: the due date moves later by the working time each wait lasted "
    "(QĐ 766/QĐ-TTg pause semantics; the default).",
)
RESTART = ClockPolicy(
    "restart",
    Resume.RESTART,
    Resume.EXTEND,
    "A supplement restarts the whole time limit when the complete dossier arrives "
    "(NĐ 61/2018/NĐ-CP Art. 19(4)); a payment wait extends.",
)

#: Every built-in clock policy by name.
CLOCK_POLICIES: MappingProxyType[str, ClockPolicy] = MappingProxyType(
    {p.name: p for p in (EXTEND, RESTART)}
)


class WaitKind(str, enum.Enum):
    """What a dossier waits for while its clock is paused."""

    SUPPLEMENT = "supplement"
    """Documents from the applicant (portal status 5)."""
    PAYMENT = "payment"
    """Fees, charges or taxes (portal status 6)."""


class Wait(NamedTuple):
    """One wait, open or closed (an immutable value).

    Attributes:
        kind: What the dossier waited for.
        started: When the request was made.
        request_id: The id of the requesting event.
        ended: When the wait ended (the supplement or payment arrived, or the dossier
            ended); ``None`` while it lasts.
        working_time: The working time between ``started`` and ``ended``; ``None`` while
            the wait lasts, and for a wait that paused no clock.
        resumed: How the clock resumed; ``None`` when the wait ended without resuming it
            (the dossier stopped or was withdrawn) or the clock was not running.
        clock_paused: Whether the wait paused a running clock (a wait before reception,
            or after the result is ready, pauses nothing).
        step: The internal step holding the dossier when the wait began (``None``
            before the first step); a wait that resumed the clock adds its working time
            to that step's budget. The step cannot change during a wait.
    """

    kind: WaitKind
    started: dt.datetime
    request_id: str
    ended: dt.datetime | None = None
    working_time: dt.timedelta | None = None
    resumed: Resume | None = None
    clock_paused: bool = True
    step: str | None = None


class DueChangeReason(str, enum.Enum):
    """Why the due date changed."""

    RECEPTION = "reception"
    """Set at reception from the time limit (the receipt and appointment slip, Mẫu 01)."""
    EXTENSION = "extension"
    """Moved later by a wait's working time (policy ``extend``)."""
    RESTART = "restart"
    """The whole time limit counted again (NĐ 61/2018 Art. 19(4), or a clock restart)."""
    RESCHEDULE = "reschedule"
    """A new appointment with a letter of apology (NĐ 61/2018 Art. 19(9); Mẫu 04)."""
    RESET = "reset"
    """Set by an administrator, with a reason."""


class DueChange(NamedTuple):
    """One change of the due date: old and new value, reason and time (an immutable value).

    Attributes:
        at: When the change was made (the event's time).
        event_id: The event that made it.
        reason: Why.
        old: The due date before (``None`` at reception).
        new: The due date after (``None`` for a procedure without a time limit).
        note: The reason in words, when the event gave one.
        extension: For :attr:`DueChangeReason.EXTENSION`, the working time added.
    """

    at: dt.datetime
    event_id: str
    reason: DueChangeReason
    old: dt.datetime | None
    new: dt.datetime | None
    note: str = ""
    extension: dt.timedelta | None = None
