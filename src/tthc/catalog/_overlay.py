"""Local overlays: a province or agency's version of a national procedure.

A province publishes its own version of each national procedure under a local code
(``2.000815.000.00.00.H38``): its own offices, its fees set by the provincial council, and
often a time limit shortened as a local initiative. It may shorten the statutory time
limit but never lengthen it; the catalogue checks that at load.

An overlay says only what differs::

    overlays:
      - extends: "1.004873"
        code: "1.004873.000.00.00.H99"
        authority: Ủy ban nhân dân tỉnh Ví Dụ
        decision: {document: "Quyết định 123/QĐ-UBND (example)"}
        valid_from: 2026-01-01
        cases:
          standard:
            time_limit: 2 working days
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from tthc.catalog._base import (
    Identifier,
    LegalBasis,
    Limit,
    ProcedureCode,
    Text,
    _Model,
    lax,
)
from tthc.catalog._fees import Fee
from tthc.catalog._models import ChannelValue, Date, Office, Procedure, Step

__all__ = ["CaseOverride", "Overlay"]


class CaseOverride(_Model):
    """What a local version changes in one case."""

    time_limit: Limit | None = None
    """The local time limit, no longer than the statutory one."""
    time_limit_by_channel: Annotated[dict[ChannelValue, Limit], lax()] = Field(default_factory=dict)
    """Local limits per channel, each no longer than the statutory one for that channel."""
    process: Annotated[tuple[Step, ...], lax()] | None = None
    """The local internal process; its budgets add up to the local time limit."""
    note: Text | None = None
    """Anything else about the local case."""


class Overlay(_Model):
    """A local version of a national procedure: what a province or agency changes."""

    extends: ProcedureCode
    """The national code (``d.dddddd``) of the procedure this overlay changes."""
    code: ProcedureCode
    """The local code: the national code and a local suffix."""
    authority: Text
    """Who adopted the local version, e.g. ``Ủy ban nhân dân tỉnh Lào Cai``."""
    decision: LegalBasis
    """The local decision that publishes this version."""
    valid_from: Date
    """The first day the local version is in force."""
    valid_to: Date | None = None
    """The last day it is in force (inclusive); empty while in force."""
    agency: Text | None = None
    """The local competent agency, when named differently from the national entry."""
    cases: Annotated[dict[Identifier, CaseOverride], lax()] = Field(default_factory=dict)
    """Changes per case id of the national procedure."""
    fees: Annotated[tuple[Fee, ...], lax()] = ()
    """Local fees and charges; one named like a national fee replaces it (e.g. to state
    the amount the provincial council set), the others are added."""
    offices: Annotated[tuple[Office, ...], lax()] = ()
    """Where the local version receives dossiers."""
    example: bool = False
    """True for an illustration that is not a real local decision."""
    sources: Annotated[tuple[Text, ...], lax()] = ()
    """Where the local facts were read."""
    unverified: Annotated[tuple[Text, ...], lax()] = ()
    """Local facts that could not be checked."""
    notes: Text | None = None
    """Anything else a reader should know."""

    def apply(self, national: Procedure) -> Procedure:
        """The local version of ``national``: its code, cases, fees and offices replaced.

        The result's ``time_limit(..., statutory=True)`` still answers with the national
        limits. Validity is the intersection of both versions' periods.
        """
        cases = []
        for case in national.cases:
            override = self.cases.get(case.id)
            if override is None:
                cases.append(case)
                continue
            update: dict[str, object] = {}
            if override.time_limit is not None:
                update["time_limit"] = override.time_limit
            if override.time_limit_by_channel:
                update["time_limit_by_channel"] = {
                    **case.time_limit_by_channel,
                    **override.time_limit_by_channel,
                }
            if override.process is not None:
                update["process"] = override.process
            cases.append(case.model_copy(update=update))
        ends = [d for d in (national.valid_to, self.valid_to) if d is not None]
        local = national.model_copy(
            update={
                "code": self.code,
                "agency": self.agency or national.agency,
                "valid_from": max(national.valid_from, self.valid_from),
                "valid_to": min(ends) if ends else None,
                "cases": tuple(cases),
                "fees": _merged_fees(national.fees, self.fees),
                "offices": self.offices or national.offices,
                "legal_basis": (*national.legal_basis, self.decision),
            }
        )
        local._national = national
        return local


def _merged_fees(national: tuple[Fee, ...], local: tuple[Fee, ...]) -> tuple[Fee, ...]:
    """National fees with local ones of the same name replaced, then the new local ones."""
    by_name = {fee.name: fee for fee in local}
    merged = [by_name.pop(fee.name, fee) for fee in national]
    return (*merged, *(fee for fee in local if fee.name in by_name))
