"""Findings: what the law allows but asks to avoid, recorded on the dossier instead of refused.

Some events are lawful yet count against the agency: a second supplement request, a
supplement asked for late, a refusal issued after the processing time. Refusing them would
leave the applicant without an answer, so the dossier accepts them and keeps a
:class:`Finding` naming the rule, for reports and audits.
"""

from __future__ import annotations

import datetime as dt
import enum
from typing import NamedTuple

__all__ = ["Finding", "FindingKind"]


class FindingKind(str, enum.Enum):
    """The kinds of finding, each with the rule it comes from."""

    REPEATED_SUPPLEMENT_REQUEST = "repeated_supplement_request"
    """A second (or later) supplement request after reception. The desk must ask once,
    in full (NĐ 61/2018/NĐ-CP Art. 15(3); from 01/07/2025 NĐ 118/2025/NĐ-CP Art. 17(2)(a),
    "đầy đủ trong một lần"); QĐ 766/QĐ-TTg counts such a dossier late."""
    LATE_SUPPLEMENT_REQUEST = "late_supplement_request"
    """A supplement asked for more than 3 working days after reception (NĐ 61/2018
    Art. 19(4), unless a sector law allows longer)."""
    LATE_REFUSAL = "late_refusal"
    """A refusal after appraisal issued after the due date; it must come within the
    processing time (NĐ 61/2018 Art. 19(8))."""

    @property
    def source(self) -> str:
        """The legal text the finding rests on."""
        return _SOURCES[self]


_SOURCES = {
    FindingKind.REPEATED_SUPPLEMENT_REQUEST: (
        "NĐ 61/2018/NĐ-CP Art. 15(3); NĐ 118/2025/NĐ-CP Art. 17(2)(a); QĐ 766/QĐ-TTg"
    ),
    FindingKind.LATE_SUPPLEMENT_REQUEST: "NĐ 61/2018/NĐ-CP Art. 19(4)",
    FindingKind.LATE_REFUSAL: "NĐ 61/2018/NĐ-CP Art. 19(8)",
}


class Finding(NamedTuple):
    """One recorded finding (an immutable value).

    Attributes:
        kind: Which rule.
        event_id: The event that caused it.
        at: When.
        message: What happened, in words.
    """

    kind: FindingKind
    event_id: str
    at: dt.datetime
    message: str
