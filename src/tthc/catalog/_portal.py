"""A national portal record as a catalogue procedure.

:func:`procedure_from_portal` maps one record of the national public-service portal
(Cổng Dịch vụ công quốc gia, ``https://dichvucong.gov.vn/thu-tuc-hanh-chinh/<id>``) to
a :class:`~tthc.catalog.Procedure`, field by field as ``docs/portal.md`` describes.
What the record says unambiguously is mapped; what it does not (prose time limits the
rules cannot read, several levels, a price instead of a fee) is kept with its raw text
in ``review``; what the catalogue cannot hold at all (no level, no legal basis) refuses
the record with every reason at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from pydantic import ValidationError

from tthc.catalog._kinds import Channel, Level
from tthc.catalog._models import Procedure
from tthc.catalog._portal_parts import CHANNEL_WORDS, clean, documents, fees, names_of, objects
from tthc.catalog._portal_time import Reading, read_limit
from tthc.duration import Duration
from tthc.errors import CatalogError, Issue

__all__ = ["CHANNEL_OF_METHOD", "PORTAL_PAGE", "procedure_from_portal"]

_NATIONAL_CODE = re.compile(r"[0-9]\.[0-9]{6}")
#: The portal's page of a procedure, by the record's ``id``.
PORTAL_PAGE = "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/{id}"

#: ``submissionMethod`` to channel, in the order channels are written.
CHANNEL_OF_METHOD = {"DIRECT": Channel.COUNTER, "ONLINE": Channel.ONLINE, "POSTAL": Channel.POSTAL}
#: Level flags, lowest level first. The portal has no district flag: district authorities
#: ended on 30/06/2025, before this snapshot: two-tier local government (province, commune)
#: from 01/07/2025, e.g. Nghị định 120/2025/NĐ-CP of 11/06/2025 for the Ministry of Justice.
_LEVELS = (("isWard", Level.COMMUNE), ("isProvince", Level.PROVINCE), ("isMinistry", Level.CENTRAL))
#: Where the competent agency is named, in order: the authority (cơ quan có thẩm quyền),
#: as a department or a group of units, then the executing body.
_AGENCY_KEYS = (
    "departmentsAuthority",
    "unitGroupsAuthority",
    "departmentsExecuting",
    "unitGroupsExecuting",
)
#: Vietnam has one time zone, UTC+7, without daylight saving.
_VIETNAM = dt.timezone(dt.timedelta(hours=7))
_CASE_ID = re.compile(r"[^a-z0-9]+")


def procedure_from_portal(
    record: Mapping[str, Any], *, source: str = "<record>", strict: bool = False
) -> Procedure:
    """Map one portal record (the API's ``{"code": "OK", "data": {...}}`` or its ``data``).

    Args:
        record: The record, as parsed JSON.
        source: Where it was read (a file name), for the reasons of a refusal.
        strict: Refuse the record when anything needs review, instead of importing it
            with ``review`` items.

    Raises:
        CatalogError: The record cannot be a catalogue procedure; ``.issues`` gives every
            reason, each with ``source`` as its file and the record's field as its path.
    """
    data = record["data"] if isinstance(record.get("data"), Mapping) else record
    mapper = _Mapper(data, source)
    fields = mapper.fields()
    if strict:
        mapper.problems += [
            Issue(
                f"needs review: {r['reason']}",
                file=source,
                path=tuple(r["field"].split(".")),
                code="portal-review",
            )
            for r in mapper.review
        ]
    if mapper.problems:
        raise CatalogError(mapper.problems, summary="portal record not imported")
    try:
        return Procedure.model_validate(fields)
    except ValidationError as exc:
        issues = [
            Issue(
                f"{error['msg']} (got {error.get('input')!r:.120})",
                file=source,
                path=tuple(error["loc"]),
                code="portal-invalid",
            )
            for error in exc.errors(include_url=False)
        ]
        raise CatalogError(issues, summary="portal record not imported") from None


class _Mapper:
    def __init__(self, data: Mapping[str, Any], source: str) -> None:
        self.data = data
        self.source = source
        self.problems: list[Issue] = []
        self.review: list[dict[str, str]] = []
        self.notes: list[str] = []
        self.described: set[str] = set()
        self._methods: list[tuple[Channel, Mapping[str, Any]]] | None = None

    def refuse(self, field: str, message: str) -> None:
        self.problems.append(Issue(message, file=self.source, path=(field,), code="portal-refused"))

    def flag(self, field: str, reason: str, raw: object = None) -> None:
        item = {"field": field, "reason": reason}
        if raw is not None and str(raw).strip():
            item["raw"] = str(raw).strip()
        self.review.append(item)

    def fields(self) -> dict[str, Any]:
        d = self.data
        code = clean(d.get("code"))
        if not _NATIONAL_CODE.fullmatch(code):
            self.refuse("code", f"expected a national code d.dddddd, got {d.get('code')!r}")
        name = clean(d.get("name"))
        if not name:
            self.refuse("name", "the record has no name")
        channels = self.channels()
        fields: dict[str, Any] = {
            "code": code,
            "name": name,
            "field": self.field(),
            "level": self.level(),
            "agency": self.agency(),
            "valid_from": self.valid_from(),
            "channels": [c.value for c in channels],
        }
        if Channel.ONLINE in channels:
            fields["online_level"] = "full" if d.get("isFullProcess") is True else "partial"
        elif d.get("isFullProcess") is True:
            self.flag("online_level", "isFullProcess is true but no ONLINE method is listed")
        fields["applicant_types"] = names_of(d.get("subjectTypesDetails"))
        if conditions := clean(d.get("requirementsAndConditions")):
            fields["conditions"] = [conditions]
        fields["result"] = self.result()
        fields["cases"] = self.cases(channels)
        fields["documents"], notes = documents(self.data)
        self.notes += notes
        fields["fees"], flagged = fees(self.methods(), channels)
        self.review += flagged
        fields["legal_basis"] = self.legal_basis()
        fields["sources"] = self.sources()
        fields["unverified"] = [
            "valid_from is the date of the decision that published this version on the "
            "national portal (procedureProposal.decisionDate), not a date of entry into "
            "force read from a legal text."
        ]
        if self.notes:
            fields["notes"] = "\n".join(self.notes)
        fields["review"] = self.review
        return {k: v for k, v in fields.items() if v not in ([], None)}

    # ---------------------------------------------------------------- who and what

    def field(self) -> str | None:
        names = names_of(self.data.get("categoriesDetails")) or names_of(
            [self.data.get("category") or {}]
        )
        if not names:
            self.refuse("categoriesDetails", "the record has no field (lĩnh vực)")
            return None
        if len(names) > 1:
            self.flag("field", "several fields (lĩnh vực); the first is kept", "; ".join(names))
        return names[0]

    def level(self) -> str | None:
        levels = [level for flag, level in _LEVELS if self.data.get(flag) is True]
        if not levels:
            flags = ", ".join(f for f in ("isOtherAgency", "isUndetermined") if self.data.get(f))
            self.refuse(
                "isWard",
                "no level: isWard, isProvince and isMinistry are all false"
                + (f" ({flags} true)" if flags else ""),
            )
            return None
        if len(levels) > 1:
            flags = ", ".join(flag for flag, level in _LEVELS if level in levels)
            self.flag("level", f"several levels; the lowest is kept ({flags} true)", flags)
        return levels[0].value

    def agency(self) -> str | None:
        for key in _AGENCY_KEYS:
            if names := names_of(self.data.get(key)):
                return "; ".join(names)
        if text := clean(self.data.get("executingAgencies")):
            return text
        self.refuse(
            "departmentsAuthority",
            "no agency: no authority, no executing department or unit group, no executingAgencies",
        )
        return None

    def result(self) -> str | None:
        names = names_of(self.data.get("resultsDetails"))
        if not names:
            self.refuse("resultsDetails", "the record has no result")
            return None
        return "; ".join(names)

    def valid_from(self) -> str | None:
        proposal = self.data.get("procedureProposal")
        millis = proposal.get("decisionDate") if isinstance(proposal, Mapping) else None
        if not isinstance(millis, int):
            self.refuse("procedureProposal", "no decision date (procedureProposal.decisionDate)")
            return None
        return _local_date(millis).isoformat()

    def sources(self) -> list[str]:
        sources = []
        if page_id := clean(self.data.get("id")):
            sources.append(PORTAL_PAGE.format(id=page_id))
        updated = self.data.get("updatedAt")
        if isinstance(updated, int):
            stamp = dt.datetime.fromtimestamp(updated / 1000, _VIETNAM)
            sources.append(f"Cổng Dịch vụ công quốc gia, updatedAt {stamp:%Y-%m-%d %H:%M} (UTC+7)")
        return sources

    def legal_basis(self) -> list[dict[str, str]]:
        basis = []
        for item in objects(self.data.get("legalBasisesDetails")):
            code, name = clean(item.get("code")), clean(item.get("name"))
            if not (code or name):
                continue
            basis.append({"document": name if code in name else f"{code}: {name}".strip(": ")})
        if not basis:
            self.refuse("legalBasisesDetails", "the record has no legal basis")
        return basis

    # ---------------------------------------------------------------- channels and time

    def methods(self) -> list[tuple[Channel, Mapping[str, Any]]]:
        if self._methods is not None:
            return self._methods
        found = []
        for method in objects(self.data.get("executionMethods")):
            channel = CHANNEL_OF_METHOD.get(str(method.get("submissionMethod")))
            if channel is None:
                self.flag("channels", "unknown submissionMethod", method.get("submissionMethod"))
                continue
            found.append((channel, method))
            text = clean(method.get("description"))
            if text and text not in self.described:
                self.described.add(text)
                self.notes.append(f"Cách thức thực hiện ({CHANNEL_WORDS[channel]}): {text}")
        self._methods = found
        return found

    def channels(self) -> list[Channel]:
        present = {channel for channel, _ in self.methods()}
        if not present:
            self.refuse("executionMethods", "no submission method (DIRECT, ONLINE, POSTAL)")
        return [c for c in CHANNEL_OF_METHOD.values() if c in present]

    def cases(self, channels: list[Channel]) -> list[dict[str, Any]]:
        by_channel: dict[Channel, list[Mapping[str, Any]]] = {c: [] for c in channels}
        for channel, method in self.methods():
            by_channel[channel].append(method)
        rows = max((len(m) for m in by_channel.values()), default=0)
        cases = []
        for row in range(rows):
            case_id = "standard" if rows == 1 else f"method-{row + 1}"
            readings = {c: _reading(m[row]) for c, m in by_channel.items() if row < len(m)}
            if len(readings) < len(channels):
                missing = ", ".join(c.value for c in channels if c not in readings)
                self.flag(f"cases.{case_id}", f"no limit listed for {missing} in this row")
            first = by_channel[next(iter(readings))][row]
            cases.append(self.case(case_id, first, readings, default=row == 0))
        for index, portal_case in enumerate(objects(self.data.get("cases"))):
            cases.append(self.portal_case(index, portal_case, {c["id"] for c in cases}))
        return cases

    def case(
        self,
        case_id: str,
        first: Mapping[str, Any],
        readings: dict[Channel, Reading],
        *,
        default: bool,
    ) -> dict[str, Any]:
        description = clean(first.get("description"))
        name = description.splitlines()[0][:200] if description and case_id != "standard" else ""
        limits = {}
        for channel, reading in readings.items():
            limits[channel] = self.limit(f"cases.{case_id}.{channel.value}", reading)
        (_, base), *rest = limits.items()
        case: dict[str, Any] = {
            "id": case_id,
            "name": name or "Thời hạn giải quyết theo cách thức thực hiện",
            "time_limit": str(base),
        }
        if default:
            case["default"] = True
        if description and case_id != "standard":
            case["when"] = description
        by_channel = {c.value: str(lim) for c, lim in rest if lim != base}
        if by_channel:
            case["time_limit_by_channel"] = by_channel
        return case

    def portal_case(self, index: int, item: Mapping[str, Any], taken: set[str]) -> dict[str, Any]:
        case_id = (
            _CASE_ID.sub("-", clean(item.get("code")).lower()).strip("-")[:60]
            or f"case-{index + 1}"
        )
        if case_id in taken:
            case_id = f"case-{index + 1}"
        given = item.get("processingDay")
        day: Mapping[str, Any] = given if isinstance(given, Mapping) else {}
        reading = read_limit(day.get("qty"), day.get("type") or "OTHER")
        return {
            "id": case_id,
            "name": clean(item.get("name")) or f"Trường hợp {index + 1}",
            "time_limit": str(self.limit(f"cases.{case_id}.time_limit", reading)),
        }

    def limit(self, field: str, reading: Reading) -> Duration:
        if reading.limit is None:
            self.flag(field, reading.how, reading.raw)
            return Duration.none()
        return reading.limit


def _reading(method: Mapping[str, Any]) -> Reading:
    return read_limit(
        method.get("processingTime"),
        method.get("processingTimeUnit"),
        clean(method.get("description")),
    )


def _local_date(millis: int) -> dt.date:
    return dt.datetime.fromtimestamp(millis / 1000, _VIETNAM).date()
