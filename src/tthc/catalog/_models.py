"""A procedure (thủ tục hành chính) as the catalogue describes it, and its parts.

A :class:`Procedure` is one version of one procedure: its national code, where and by
whom it is carried out, its cases with their time limits, the documents, forms and fees,
the legal basis, and the dates it is in force. Checks that relate several fields (case
ids unique, references resolve, process budgets add up) live in ``_checks`` so that each
problem is reported at its own field.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, PrivateAttr, WithJsonSchema, model_validator

from tthc.catalog._base import (
    Identifier,
    LegalBasis,
    Limit,
    ProcedureCode,
    Text,
    _Model,
    in_force,
    lax,
)
from tthc.catalog._fees import Fee
from tthc.catalog._kinds import Channel, Level, OnlineLevel
from tthc.duration import Duration
from tthc.errors import UnknownCase

__all__ = [
    "Case",
    "Form",
    "Office",
    "Procedure",
    "RequiredDocument",
    "Step",
    "channel_of",
]

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _date_text(value: Any) -> Any:
    """Accept an ISO date written as text (as JSON writes it), and nothing looser."""
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value


Date = Annotated[dt.date, BeforeValidator(_date_text)]


def _online_level(value: Any) -> Any:
    """Read the legacy levels 3 and 4 (and their Vietnamese names) as NĐ 42/2022 levels."""
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower() if isinstance(value, int | str) else None
    if text is None:
        return value
    text = text.removeprefix("level ").removeprefix("mức độ ").removeprefix("mức ")
    mapped = {
        "4": OnlineLevel.FULL,
        "3": OnlineLevel.PARTIAL,
        "toàn trình": OnlineLevel.FULL,
        "một phần": OnlineLevel.PARTIAL,
    }.get(text)
    if mapped is not None:
        return mapped
    if text in ("1", "2"):
        raise ValueError(
            f"online level {value!r} only published information or forms; it is not an "
            "online service under NĐ 42/2022/NĐ-CP: remove 'online' from the channels"
        )
    return value


OnlineLevelValue = Annotated[
    OnlineLevel,
    lax(),
    BeforeValidator(_online_level),
    WithJsonSchema(
        {
            "enum": ["full", "partial", "toàn trình", "một phần", "level 4", "level 3", 4, 3],
            "description": "NĐ 42/2022 level; legacy level 4 reads as full, level 3 as partial.",
        }
    ),
]
ChannelValue = Annotated[Channel, lax()]


def channel_of(value: object) -> Channel | None:
    """The :class:`Channel` for an enum member or its value (``"online"``), else ``None``."""
    if isinstance(value, Channel):
        return value
    if isinstance(value, str):
        try:
            return Channel(value.strip().lower())
        except ValueError:
            return None
    return None


class Form(_Model):
    """A template form (mẫu đơn, tờ khai) the applicant fills in."""

    id: Identifier
    """How documents refer to this form."""
    name: Text
    """The form's title."""
    reference: Text | None = None
    """Where the form is issued, e.g. ``TT 04/2024/TT-BTP, Phụ lục``."""
    url: Text | None = None
    """Where the form can be downloaded."""


class RequiredDocument(_Model):
    """A document in the dossier (thành phần hồ sơ)."""

    id: Identifier | None = None
    """An id, when something refers to this document."""
    name: Text
    """What the document is."""
    originals: Annotated[int, Field(ge=0, le=100)] = 0
    """How many originals (bản chính) are handed in."""
    copies: Annotated[int, Field(ge=0, le=100)] = 0
    """How many copies (bản sao) are handed in."""
    presented: bool = False
    """Shown at the counter and handed back (xuất trình), not kept in the dossier."""
    mandatory: bool = True
    """Whether every dossier needs it."""
    form: Identifier | None = None
    """The id of the template form in the procedure's ``forms``."""
    cases: Annotated[tuple[Identifier, ...], lax()] = ()
    """The ids of the cases that need it; empty means every case."""
    note: Text | None = None
    """Anything the applicant should know."""

    @model_validator(mode="after")
    def _some_count(self) -> RequiredDocument:
        if self.originals + self.copies == 0 and not self.presented:
            raise ValueError(
                "say how the document is given: 'originals' or 'copies' at least 1, "
                "or 'presented: true' when it is only shown"
            )
        return self


class Step(_Model):
    """One step of the internal process (quy trình nội bộ) and its time budget."""

    name: Text
    """What is done, e.g. ``Tiếp nhận hồ sơ``."""
    unit: Text
    """Who does it, e.g. ``Bộ phận một cửa``."""
    budget: Limit
    """The time allotted, in working days, working hours or calendar days."""


class Case(_Model):
    """A case (trường hợp) of a procedure, with its own time limit.

    ``time_limit`` applies to every channel unless ``time_limit_by_channel`` says otherwise
    for one of them.
    """

    id: Identifier
    """How callers name the case, e.g. ``standard`` or ``verification``."""
    name: Text
    """The case as the legal text or procedure page describes it."""
    default: bool = False
    """The case used when none is named (needed when a procedure has several)."""
    when: Text | None = None
    """The condition that puts a dossier in this case."""
    level: Annotated[Level, lax()] | None = None
    """Who carries this case out, when not the procedure's level (e.g. the district handled
    some civil-status changes until 30/06/2025, Luật Hộ tịch 2014 Art. 7(2)(b), 46(3))."""
    agency: Text | None = None
    """The competent agency of this case, when not the procedure's."""
    time_limit: Limit
    """The time limit (thời hạn giải quyết), e.g. ``3 working days``."""
    time_limit_by_channel: Annotated[dict[ChannelValue, Limit], lax()] = Field(default_factory=dict)
    """Channels whose time limit differs, e.g. ``{online: 2 working days}``."""
    legal_basis: Annotated[tuple[LegalBasis, ...], lax()] = ()
    """The articles that set this case's time limit."""
    process: Annotated[tuple[Step, ...], lax()] = ()
    """The internal process; its budgets add up to ``time_limit``."""

    def limit_for(self, channel: Channel | None = None) -> Duration:
        """The time limit for a channel (the case's own limit when it does not differ)."""
        if channel is None:
            return self.time_limit
        return self.time_limit_by_channel.get(channel, self.time_limit)


class Office(_Model):
    """Where dossiers are received."""

    name: Text
    """The office, e.g. ``Trung tâm Phục vụ hành chính công tỉnh``."""
    address: Text | None = None
    """Its address."""
    hours: Text | None = None
    """Reception hours as published, e.g. ``Mon-Fri 07:30-11:30, 13:00-17:00``."""


class Procedure(_Model):
    """One version of an administrative procedure.

    >>> import datetime as dt
    >>> p = Procedure(
    ...     code="1.000894",
    ...     name="Thủ tục đăng ký kết hôn",
    ...     field="Hộ tịch",
    ...     level="commune",
    ...     agency="Ủy ban nhân dân cấp xã",
    ...     valid_from=dt.date(2016, 1, 1),
    ...     channels=["counter", "online"],
    ...     result="Giấy chứng nhận kết hôn",
    ...     legal_basis=[{"document": "Luật Hộ tịch 60/2014/QH13", "article": "18"}],
    ...     cases=[
    ...         {
    ...             "id": "standard",
    ...             "name": "Đủ điều kiện",
    ...             "default": True,
    ...             "time_limit": "same day, cut-off 15:00",
    ...         },
    ...         {"id": "verification", "name": "Cần xác minh", "time_limit": "5 working days"},
    ...     ],
    ... )
    >>> p.time_limit()
    Duration.parse('same day, cut-off 15:00')
    >>> p.time_limit(case="verification", channel="online")
    Duration.parse('5 working days')
    """

    code: ProcedureCode
    """National code ``d.dddddd``, with a local suffix for a local version."""
    name: Text
    """The procedure's name, as published."""
    name_en: Text | None = None
    """An English gloss of the name."""
    field: Text
    """The field (lĩnh vực), e.g. ``Hộ tịch``."""
    level: Annotated[Level, lax()]
    """Who carries it out: ``central``, ``province``, ``district`` or ``commune``."""
    agency: Text
    """The competent agency (cơ quan có thẩm quyền)."""
    valid_from: Date
    """The first day this version is in force."""
    valid_to: Date | None = None
    """The last day this version is in force (inclusive); empty while in force."""
    channels: Annotated[tuple[ChannelValue, ...], lax(min_length=1)]
    """Where dossiers can be submitted: ``counter``, ``online``, ``postal``."""
    online_level: OnlineLevelValue | None = None
    """``full`` or ``partial`` (legacy ``level 4`` / ``level 3`` are read as those)."""
    applicant_types: Annotated[tuple[Text, ...], lax()] = ()
    """Who may apply (đối tượng thực hiện)."""
    conditions: Annotated[tuple[Text, ...], lax()] = ()
    """Conditions the applicant must meet."""
    result: Text
    """What the applicant receives."""
    cases: Annotated[tuple[Case, ...], lax(min_length=1)]
    """The cases, each with its time limit."""
    documents: Annotated[tuple[RequiredDocument, ...], lax()] = ()
    """The documents of the dossier."""
    forms: Annotated[tuple[Form, ...], lax()] = ()
    """The template forms the documents refer to."""
    fees: Annotated[tuple[Fee, ...], lax()] = ()
    """Fees and charges; none means free."""
    offices: Annotated[tuple[Office, ...], lax()] = ()
    """Where dossiers are received, when the entry is local."""
    legal_basis: Annotated[tuple[LegalBasis, ...], lax(min_length=1)]
    """The documents the procedure rests on."""
    sources: Annotated[tuple[Text, ...], lax()] = ()
    """Where this entry's facts were read (pages, repositories), besides the legal basis."""
    unverified: Annotated[tuple[Text, ...], lax()] = ()
    """Facts in this entry that could not be checked against a legal text."""
    notes: Text | None = None
    """Anything else a reader should know."""

    _national: Procedure | None = PrivateAttr(default=None)

    @property
    def national_code(self) -> str:
        """The national part of the code (``d.dddddd``), without a local suffix."""
        return self.code[:8]

    @property
    def national(self) -> Procedure | None:
        """For a local version made from an overlay, the national version it extends."""
        return self._national

    def in_force(self, on: dt.date) -> bool:
        """Whether this version is in force on a date (``valid_to`` is inclusive)."""
        return in_force(self.valid_from, self.valid_to, on)

    def case(self, case: str | None = None) -> Case:
        """The case with this id, or the default case.

        The default case is the only case, or the one marked ``default: true``.

        Raises:
            UnknownCase: No case has that id, or no case is the default.
        """
        if case is None:
            if len(self.cases) == 1:
                return self.cases[0]
            for candidate in self.cases:
                if candidate.default:
                    return candidate
            raise UnknownCase(self.code, "default case", [c.id for c in self.cases])
        for candidate in self.cases:
            if candidate.id == case:
                return candidate
        raise UnknownCase(self.code, str(case), [c.id for c in self.cases])

    def time_limit(
        self, *, case: str | None = None, channel: object = None, statutory: bool = False
    ) -> Duration:
        """The time limit for a case and submission channel.

        Args:
            case: The case id; ``None`` for the default case.
            channel: A :class:`Channel` or its value (``"counter"``, ``"online"``,
                ``"postal"``); ``None`` for the case's own limit.
            statutory: For a local version, the national (statutory) limit instead of the
                locally shortened one. TT 01/2018/TT-VPCP Art. 13 scores dossiers against
                the time allowed by law.

        Raises:
            UnknownCase: No such case, no default case, or the procedure is not offered on
                that channel.
        """
        if statutory and self._national is not None:
            return self._national.time_limit(case=case, channel=channel)
        chosen = self.case(case)
        if channel is None:
            return chosen.time_limit
        resolved = channel_of(channel)
        if resolved is None or resolved not in self.channels:
            received = channel.value if isinstance(channel, Channel) else str(channel)
            raise UnknownCase(self.code, received, [c.value for c in self.channels])
        return chosen.limit_for(resolved)
