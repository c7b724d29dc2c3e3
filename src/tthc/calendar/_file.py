"""Calendar files: a province's or agency's calendar in YAML, layered on the national one.

A calendar file names itself, says what it extends (``vn``: the national calendar), and
lists what it changes, each day with the local document that decides it::

    name: hue/one-stop
    extends: vn
    office_hours: {mon-fri: "07:30-11:30, 13:00-17:00"}
    reception_hours: {mon-fri: "07:30-11:30, 13:00-17:00", sat: "07:30-11:30"}
    days_off:
      - date: 2026-03-02
        name_vi: Nghỉ do bão
        source: {document: "QĐ 1/QĐ-UBND", issued: 2026-03-01, url: "https://..."}
    suspended_reception:
      - {from: 2026-02-14, to: 2026-02-22}

Every problem is reported, not only the first, as a :class:`~tthc.errors.CalendarFileError`
whose issues carry file, line and column.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)

from tthc._yaml import YamlDocument, load_yaml
from tthc.calendar._days import DayChange, DayKind, Source
from tthc.calendar._hours import OfficeHours
from tthc.calendar._model import WorkingCalendar
from tthc.errors import CalendarError, CalendarFileError, Issue

__all__ = ["load_calendar", "parse_calendar"]

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _bare_date(value: Any) -> Any:
    """A bare date in a list of days stands for ``{date: ...}`` (also a malformed one)."""
    return {"date": value} if isinstance(value, dt.date | str | int) else value


def _bare_span(value: Any) -> Any:
    """A bare date in a list of suspensions stands for ``{from: ...}``."""
    return {"from": value} if isinstance(value, dt.date | str | int) else value


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)


class _SourceModel(_Model):
    document: Text
    issued: dt.date | None = None
    url: Text | None = None


class _DayModel(_Model):
    date: dt.date
    kind: Literal["holiday", "compensatory", "swapped", "makeup", "working"] | None = None
    name_vi: Text | None = None
    name_en: Text | None = None
    source: _SourceModel | None = None


class _SpanModel(_Model):
    first: dt.date = Field(alias="from")
    last: dt.date | None = Field(default=None, alias="to")
    reason: Text | None = None
    source: _SourceModel | None = None


_Day = Annotated[_DayModel, BeforeValidator(_bare_date)]
_Span = Annotated[_SpanModel, BeforeValidator(_bare_span)]


class _CalendarModel(_Model):
    name: Text
    extends: Literal["vn"]
    estimates: bool | None = None
    office_hours: dict[str, str] | None = None
    reception_hours: dict[str, str] | None = None
    makeup_as: Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"] = "mon"
    days_off: list[_Day] = []
    working_days: list[_Day] = []
    suspended_reception: list[_Span] = []


def _what(value: object) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {value!r}"


def _validation_issues(error: ValidationError, doc: YamlDocument) -> list[Issue]:
    issues = []
    for detail in error.errors():
        path = tuple(
            p for p in detail["loc"] if not (isinstance(p, str) and p.startswith("function-"))
        )
        kind = detail["type"]
        if kind == "missing":
            issues.append(doc.issue(f"missing required field {path[-1]!r}", path, code="missing"))
        elif kind == "extra_forbidden":
            issues.append(
                doc.issue(f"unknown field {path[-1]!r}", path, code="unknown-field", key=True)
            )
        else:
            message = detail["msg"].removeprefix("Value error, ")
            issues.append(doc.issue(f"{message}; got {_what(detail.get('input'))}", path))
    return issues


def _source(model: _SourceModel | None) -> Source | None:
    return None if model is None else Source(model.document, model.issued, model.url)


def _hours_problem(day: str, text: str) -> str | None:
    """What is wrong with one entry of office hours, if anything."""
    try:
        OfficeHours.parse({day: text})
    except ValueError as exc:
        return str(exc)
    return None


def _hours(
    doc: YamlDocument, key: str, spec: dict[str, str] | None, makeup_as: str, issues: list[Issue]
) -> OfficeHours | None:
    if spec is None:
        return None
    found = [(day, _hours_problem(day, text)) for day, text in spec.items()]
    problems = [doc.issue(problem, (key, day)) for day, problem in found if problem]
    if problems:
        issues.extend(problems)
        return None
    try:
        return OfficeHours.parse(spec, makeup_as=makeup_as)
    except ValueError as exc:  # e.g. a weekday given twice with different keys
        issues.append(doc.issue(str(exc), (key,)))
        return None


def _build(model: _CalendarModel, doc: YamlDocument, issues: list[Issue]) -> WorkingCalendar | None:
    office = _hours(doc, "office_hours", model.office_hours, model.makeup_as, issues)
    reception = _hours(doc, "reception_hours", model.reception_hours, model.makeup_as, issues)
    base = WorkingCalendar.vietnam()
    seen: dict[dt.date, tuple[str | int, ...]] = {}
    changes: dict[str, list[DayChange]] = {"days_off": [], "working_days": []}
    for key in ("days_off", "working_days"):
        for n, day in enumerate(getattr(model, key)):
            path = (key, n, "date")
            if not base.first_date <= day.date <= base.last_date:
                issues.append(
                    doc.issue(
                        f"{day.date} is outside the supported range "
                        f"{base.first_date}..{base.last_date}",
                        path,
                    )
                )
            elif day.date in seen:
                first = doc.locate(seen[day.date])
                where = f" (first at line {first[0]})" if first else ""
                issues.append(
                    doc.issue(f"{day.date} is listed twice{where}", path, code="duplicate")
                )
            else:
                seen[day.date] = path
                changes[key].append(
                    DayChange(
                        day.date,
                        DayKind(day.kind) if day.kind else None,
                        day.name_vi,
                        day.name_en,
                        _source(day.source),
                    )
                )
    spans = []
    for n, span in enumerate(model.suspended_reception):
        last = span.last or span.first
        if last < span.first:
            issues.append(
                doc.issue(
                    f"'to' ({last}) is before 'from' ({span.first})", ("suspended_reception", n)
                )
            )
        else:
            spans.append((span.first, last))
    if issues:
        return None
    try:
        return base.derive(
            name=model.name,
            days_off=changes["days_off"],
            working_days=changes["working_days"],
            suspended_reception=spans,
            office_hours=office,
            reception_hours=reception,
            estimates=model.estimates,
        )
    except (CalendarError, ValueError) as exc:
        issues.append(doc.issue(str(exc), ()))
        return None


def parse_calendar(text: str | bytes, *, file: str = "<string>") -> WorkingCalendar:
    """Build a calendar from the text of a calendar file (see :func:`load_calendar`).

    Raises:
        tthc.errors.CalendarFileError: Every problem found, with line and column.

    >>> cal = parse_calendar('''
    ... name: hue
    ... extends: vn
    ... days_off: [2026-03-02]
    ... ''')
    >>> import datetime as dt
    >>> cal.name, cal.is_working_day(dt.date(2026, 3, 2))
    ('hue', False)
    """
    result = load_yaml(text, file=file)
    issues = list(result.issues)
    doc = result.document
    if doc is None:
        raise CalendarFileError(issues)
    if not isinstance(doc.data, dict):
        issues.append(
            doc.issue(f"expected a mapping with 'name' and 'extends', got {_what(doc.data)}", ())
        )
        raise CalendarFileError(issues)
    try:
        model = _CalendarModel.model_validate(doc.data)
    except ValidationError as exc:
        issues.extend(_validation_issues(exc, doc))
        raise CalendarFileError(
            sorted(issues, key=lambda i: (i.line or 0, i.column or 0))
        ) from None
    calendar = _build(model, doc, issues)
    if calendar is None or issues:
        raise CalendarFileError(sorted(issues, key=lambda i: (i.line or 0, i.column or 0)))
    return calendar


def load_calendar(path: str | os.PathLike[str]) -> WorkingCalendar:
    """Read a calendar file (YAML) that extends the national calendar ``vn``.

    The file says ``name``, ``extends: vn`` and what it changes: ``office_hours``,
    ``reception_hours`` (weekday keys like ``mon-fri``, sessions like
    ``"07:30-11:30, 13:00-17:00"``), ``makeup_as``, ``estimates``, ``days_off`` and
    ``working_days`` (dates, or mappings with ``date``, ``kind``, ``name_vi``,
    ``name_en`` and ``source``), and ``suspended_reception`` (``{from, to}`` spans).

    Raises:
        tthc.errors.CalendarFileError: Every problem found, each with file, line, column.
        OSError: The file cannot be read.
    """
    with open(path, "rb") as file:
        data = file.read()
    return parse_calendar(data, file=os.fspath(path))
