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
from typing import Annotated, Any, Literal, NoReturn

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    TypeAdapter,
    ValidationError,
)

from tthc._files import read_regular_file
from tthc._issues import IssueLog, quote, shape_of
from tthc._yaml import MAX_BYTES, YamlDocument, load_yaml
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
        return quote(value)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"{type(value).__name__} {quote(repr(value))}"


def _validation_issues(
    error: ValidationError,
    doc: YamlDocument,
    issues: IssueLog,
    *,
    prefix: tuple[str | int, ...] = (),
) -> None:
    if issues.full:  # counted, not described
        issues.count(error.error_count(), doc.file)
        return
    for detail in error.errors(include_url=False):
        path = prefix + tuple(
            p for p in detail["loc"] if not (isinstance(p, str) and p.startswith("function-"))
        )
        kind = detail["type"]
        if kind == "missing":
            issues.append(doc.issue(f"missing required field {path[-1]!r}", path, code="missing"))
        elif kind == "extra_forbidden":
            issues.append(
                doc.issue(
                    f"unknown field {quote(str(path[-1]))}", path, code="unknown-field", key=True
                )
            )
        else:
            message = detail["msg"].removeprefix("Value error, ")
            issues.append(doc.issue(f"{message}; got {_what(detail.get('input'))}", path))


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
    doc: YamlDocument, key: str, spec: dict[str, str] | None, makeup_as: str, issues: IssueLog
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


def _build(model: _CalendarModel, doc: YamlDocument, issues: IssueLog) -> WorkingCalendar | None:
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
    doc = result.document
    wrong_kind = None if doc is None else _not_a_calendar(doc)
    if wrong_kind is not None:  # its other problems would quote what it holds
        raise CalendarFileError([wrong_kind])
    issues = IssueLog(result.issues)
    if doc is None:
        _fail(issues)
    model = _validated(doc, issues)
    calendar = None if model is None else _build(model, doc, issues)
    if calendar is None or issues:
        _fail(issues)
    return calendar


def _fail(issues: IssueLog) -> NoReturn:
    issues.kept().sort(key=lambda i: (i.line or 0, i.column or 0))
    raise CalendarFileError(issues.issues(), omitted=issues.omitted)


def _not_a_calendar(doc: YamlDocument) -> Issue | None:
    """The issue for a file that is not a calendar file at all, saying only what kind it is.

    A calendar file is a mapping with at least one of its keys; anything else is
    described by its shape alone, never by its content: the file may be any text at all.
    """
    data = doc.data
    if isinstance(data, dict):
        if any(key in _CalendarModel.model_fields for key in data):
            return None
        held = f"a mapping with none of its keys ({len(data):,} other keys)"
    else:
        held = shape_of(data)
    return doc.issue(
        f"a calendar file is a mapping with 'name', 'extends' and what it changes; "
        f"this file holds {held}",
        (),
        code="not-a-calendar",
    )


_LISTS: dict[str, Any] = {
    "days_off": TypeAdapter(_Day),
    "working_days": TypeAdapter(_Day),
    "suspended_reception": TypeAdapter(_Span),
}


def _validated(doc: YamlDocument, issues: IssueLog) -> _CalendarModel | None:
    """The file's model, or ``None`` with every problem in ``issues``.

    The lists of days are validated item by item, so a list of a million bad days is
    counted past the issue limit instead of described all at once.
    """
    data = dict(doc.data)
    items: dict[str, list[Any]] = {}
    for key, adapter in _LISTS.items():
        given = data.get(key)
        if not isinstance(given, list):
            continue
        items[key] = []
        for n, item in enumerate(given):
            try:
                items[key].append(adapter.validate_python(item, strict=True))
            except ValidationError as exc:  # noqa: PERF203  (each bad item is an issue)
                _validation_issues(exc, doc, issues, prefix=(key, n))
        data[key] = []
    try:
        model = _CalendarModel.model_validate(data)
    except ValidationError as exc:
        _validation_issues(exc, doc, issues)
        return None
    if issues:
        return None
    return model.model_copy(update=items)


def load_calendar(path: str | os.PathLike[str]) -> WorkingCalendar:
    """Read a calendar file (YAML) that extends the national calendar ``vn``.

    The file says ``name``, ``extends: vn`` and what it changes: ``office_hours``,
    ``reception_hours`` (weekday keys like ``mon-fri``, sessions like
    ``"07:30-11:30, 13:00-17:00"``), ``makeup_as``, ``estimates``, ``days_off`` and
    ``working_days`` (dates, or mappings with ``date``, ``kind``, ``name_vi``,
    ``name_en`` and ``source``), and ``suspended_reception`` (``{from, to}`` spans).

    Raises:
        tthc.errors.CalendarFileError: Every problem found, each with file, line, column;
            also when the path is not a regular file (a FIFO, a device such as
            ``/dev/zero``: never read) or holds more than 5 MiB.
        OSError: The file cannot be opened (missing, no permission).
    """
    name = os.fspath(path)
    data = read_regular_file(name, max_bytes=MAX_BYTES)
    if isinstance(data, Issue):
        raise CalendarFileError([data])
    return parse_calendar(data, file=name)
