"""Dossier records from JSON Lines or CSV files, with every bad line reported by number.

Columns (CSV) or keys (JSON Lines) are the :class:`DossierRecord` field names. Times are
ISO 8601 (``2026-03-02T09:30``, ``2026-03-02 09:30:00+07:00``); naive means Vietnam local
time. A date without a time is 00:00 of that day, except for ``due_at`` and
``legal_due_at``, which then mean the end of that day: a time limit runs to the end of its
last day (BLDS 2015 Art. 148(1)). An empty cell or ``null`` is a missing value. Waits are a
JSON list of ``[started, ended]`` pairs (``ended`` null while open), or in CSV
``started/ended`` intervals separated by ``;`` (``2026-03-03T10:00/2026-03-05T08:00;
2026-03-09T09:00/``). ``due_includes_waits`` is ``true`` or ``false`` (CSV also ``1``/``0``,
``yes``/``no``).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tthc.errors import Issue
from tthc.reports._records import DossierRecord

__all__ = ["INPUT_FORMATS", "read_records"]

#: Input formats by name, and the file extensions that select them.
INPUT_FORMATS: dict[str, tuple[str, ...]] = {
    "jsonl": (".jsonl", ".ndjson", ".json"),
    "csv": (".csv",),
}

_FIELDS = tuple(DossierRecord.__dataclass_fields__)
_REQUIRED = ("code", "received_at", "status")
_TIMES = ("received_at", "due_at", "legal_due_at", "result_ready_at", "returned_at", "ended_at")
_END_OF_DAY = ("due_at", "legal_due_at")
_WAITS = ("supplement_waits", "payment_waits")
_INTS = ("status", "supplement_requests")
_BOOLS = ("due_includes_waits",)
_TRUTH = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


class _BadValue(ValueError):
    pass


def _time(name: str, value: object) -> dt.datetime | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _BadValue(f"{name}: expected an ISO 8601 time as text, got {value!r}")
    text = value.strip()
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        if len(text) == 10:
            day = dt.date.fromisoformat(text)
            return dt.datetime.combine(day, dt.time.max if name in _END_OF_DAY else dt.time())
        return dt.datetime.fromisoformat(text)
    except ValueError:
        raise _BadValue(
            f"{name}: expected an ISO 8601 date or time like 2026-03-02T09:30, got {value!r}"
        ) from None


def _int(name: str, value: object) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().isdigit():
        return int(value)
    raise _BadValue(f"{name}: expected a whole number, got {value!r}")


def _bool(name: str, value: object) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUTH:
        return _TRUTH[value.strip().lower()]
    raise _BadValue(f"{name}: expected true or false, got {value!r}")


def _waits(name: str, value: object) -> list[tuple[dt.datetime, dt.datetime | None]]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        pairs: list[Any] = [part.split("/") for part in value.split(";") if part.strip()]
    elif isinstance(value, list):
        pairs = value
    else:
        raise _BadValue(f"{name}: expected a list of [started, ended] pairs, got {value!r}")
    waits = []
    for pair in pairs:
        if not isinstance(pair, list) or len(pair) != 2:
            raise _BadValue(
                f"{name}: expected [started, ended] pairs (CSV: started/ended;...), got {pair!r}"
            )
        start = _time(name, pair[0])
        if start is None:
            raise _BadValue(f"{name}: a wait needs its start time, got {pair!r}")
        waits.append((start, _time(name, pair[1])))
    return waits


def _value(name: str, raw: object) -> Any:
    """The Python value of one field, read from JSON or CSV text."""
    if name in _TIMES:
        return _time(name, raw)
    if name in _WAITS:
        return _waits(name, raw)
    if name in _INTS:
        return _int(name, raw)
    if name in _BOOLS:
        return _bool(name, raw)
    if name == "channel" and isinstance(raw, str) and raw.strip().isdigit():
        return int(raw)
    return None if raw == "" else raw


def _record(row: dict[str, Any]) -> DossierRecord:
    problems: list[str] = []
    unknown = [k for k in row if k not in _FIELDS]
    if unknown:
        problems.append(
            f"unknown field(s) {', '.join(map(repr, unknown))}; "
            f"expected some of {', '.join(_FIELDS)}"
        )
    values: dict[str, Any] = {}
    bad: set[str] = set()
    for name, raw in row.items():
        try:
            value = _value(name, raw)
        except _BadValue as exc:
            problems.append(str(exc))
            bad.add(name)
            continue
        if value is not None:
            values[name] = value
    missing = [k for k in _REQUIRED if k not in values and k not in bad]
    if missing:
        problems.append(f"missing {', '.join(missing)}")
    if problems:
        raise _BadValue("; ".join(problems))
    try:
        return DossierRecord(**values)
    except (TypeError, ValueError) as exc:
        raise _BadValue(str(exc)) from None


def _format_of(path: Path, input_format: str | None) -> str:
    if input_format is not None:
        if input_format not in INPUT_FORMATS:
            raise ValueError(
                f"unknown input format {input_format!r}; expected {', '.join(INPUT_FORMATS)}"
            )
        return input_format
    suffix = path.suffix.lower()
    for name, suffixes in INPUT_FORMATS.items():
        if suffix in suffixes:
            return name
    raise ValueError(
        f"cannot tell the format of {str(path)!r} from its extension; name it .jsonl or .csv, "
        "or give the input format"
    )


def _jsonl_rows(handle: Any, name: str) -> Iterator[tuple[int, dict[str, Any] | Issue]]:
    for number, line in enumerate(handle, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield (
                number,
                Issue(f"invalid JSON: {exc.msg}", file=name, line=number, column=exc.colno),
            )
            continue
        if not isinstance(row, dict):
            yield (
                number,
                Issue(f"expected a JSON object, got {type(row).__name__}", file=name, line=number),
            )
            continue
        yield number, row


def _csv_rows(handle: Any, name: str) -> Iterator[tuple[int, dict[str, Any] | Issue]]:
    reader = csv.reader(handle)
    header = next(reader, None)
    if header is None:
        return
    header = [h.strip() for h in header]
    unknown = [h for h in header if h not in _FIELDS]
    missing = [h for h in _REQUIRED if h not in header]
    if unknown or missing:
        problems = []
        if unknown:
            problems.append(f"unknown column(s) {', '.join(map(repr, unknown))}")
        if missing:
            problems.append(f"missing column(s) {', '.join(missing)}")
        yield (
            1,
            Issue(
                f"{'; '.join(problems)}; expected columns among {', '.join(_FIELDS)}",
                file=name,
                line=1,
            ),
        )
        return
    for cells in reader:
        number = reader.line_num
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            yield (
                number,
                Issue(
                    f"expected {len(header)} cells as in the header, got {len(cells)}",
                    file=name,
                    line=number,
                ),
            )
            continue
        yield number, dict(zip(header, cells, strict=True))


def read_records(
    path: str | Path,
    *,
    input_format: str | None = None,
    issues: list[Issue] | None = None,
) -> Iterator[DossierRecord]:
    """Read dossier records from a JSON Lines or CSV file, one at a time.

    Args:
        path: The file; its extension (``.jsonl``, ``.ndjson``, ``.json``, ``.csv``) gives
            the format unless ``input_format`` does.
        input_format: ``"jsonl"`` or ``"csv"``.
        issues: Collect bad lines here (as :class:`~tthc.errors.Issue`, with the line
            number) and skip them. Without it, the first bad line raises.

    Raises:
        ValueError: A bad line (``file:line: message``) when ``issues`` is not given; an
            unknown format.
        OSError: The file cannot be read.
    """
    source = Path(path)
    kind = _format_of(source, input_format)
    name = str(path)
    with source.open(encoding="utf-8-sig", newline="" if kind == "csv" else None) as handle:
        rows = _csv_rows(handle, name) if kind == "csv" else _jsonl_rows(handle, name)
        for number, row in rows:
            if isinstance(row, dict):
                try:
                    record = _record(row)
                except _BadValue as exc:
                    problem = Issue(str(exc), file=name, line=number)
                else:
                    yield record
                    continue
            else:
                problem = row
            if issues is None:
                raise ValueError(str(problem))
            issues.append(problem)
