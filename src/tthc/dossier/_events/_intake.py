"""Events of a dossier's intake: online submission, reception (the clock starts), refusal."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar, Protocol

from tthc.dossier._code import DossierCode
from tthc.dossier._events._base import Event, amount, channel, text
from tthc.dossier._steps import StepPlan
from tthc.duration import Duration

__all__ = ["OnlineSubmission", "ProcedureLike", "Reception", "Refusal"]


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
        text(self, "procedure", required=False)


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
        text(self, "procedure", required=True)
        if not isinstance(self.time_limit, Duration):
            raise TypeError(
                f"Reception.time_limit must be a Duration, got {type(self.time_limit).__name__}"
            )
        if self.case is not None:
            text(self, "case", required=True)
        channel(self, "channel")
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
        amount(self, "fees_due", minimum=0)

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
        text(self, "reason", required=True)
