"""Dossier records from JSON Lines or CSV files, with every bad line reported by number.

A file is read line by line, each line on its own: one JSON object, or one CSV row. A line
that cannot be read exactly (not UTF-8, too long, a quote left open, a duplicate key, a
bad value) is an :class:`~tthc.errors.Issue` naming the file and the line, and the next
line is read as if it were the first after the header: nothing that follows is swallowed.
CSV cells therefore cannot span lines. ``docs/input.md`` gives every rule and limit.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import stat
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, cast

from tthc.errors import Issue
from tthc.reports._fields import FIELDS, MAX_QUOTED, REQUIRED, BadValue, record_from_row
from tthc.reports._records import DossierRecord

__all__ = ["INPUT_FORMATS", "MAX_LINE_BYTES", "MAX_NESTING", "numbered_records", "read_records"]

#: Input formats by name, and the file extensions that select them.
INPUT_FORMATS: dict[str, tuple[str, ...]] = {
    "jsonl": (".jsonl", ".ndjson", ".json"),
    "csv": (".csv",),
}

#: The longest line read, in bytes of UTF-8 without its line end. A record is a few
#: hundred bytes; a longer line is an issue and is not kept in memory.
MAX_LINE_BYTES = 100_000
#: The deepest nesting of JSON arrays and objects in a line (a record needs 3: the
#: object, a list of waits, a wait).
MAX_NESTING = 16

_BOM = b"\xef\xbb\xbf"
_CHUNK = 1 << 16
_JSON_TOKEN = re.compile(r'\\.|["\[\]{}]', re.DOTALL)  # an escape, a quote, a bracket


def _format_of(path: Path, input_format: str | None) -> str:
    if input_format is not None:
        if input_format not in INPUT_FORMATS:
            raise ValueError(
                f"unknown input format {input_format!r}; expected {', '.join(INPUT_FORMATS)}"
            )
        return input_format
    suffix = path.suffix.lower()
    if suffix == ".gz":  # compressed: the format is the extension before
        suffix = Path(path.name[:-3]).suffix.lower()
    for name, suffixes in INPUT_FORMATS.items():
        if suffix in suffixes:
            return name
    raise ValueError(
        f"cannot tell the format of {str(path)!r} from its extension; name it .jsonl or .csv "
        "(.gz when compressed), or give the input format"
    )


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def not_a_file(path: Path) -> str | None:
    """What ``path`` is when it exists but is not a regular file (``"a FIFO ..."``), else None.

    Such a path is refused, not read: a FIFO blocks, a device never ends.
    """
    try:
        mode = path.stat().st_mode
    except OSError:
        return None  # missing or unreadable: opening it says so
    return next((kind for test, kind in _KINDS if test(mode)), None)


def _lines(handle: IO[bytes], name: str) -> Iterator[tuple[int, str | Issue]]:
    r"""Every line as text without its end (``\n`` or ``\r\n``), or the issue that it is."""
    number = 0
    while raw := handle.readline(MAX_LINE_BYTES + 3):
        number += 1
        if number == 1 and raw.startswith(_BOM):
            raw = raw[len(_BOM) :]
            if not raw:  # the file is a byte order mark alone: no line, as an empty file
                return
        ended = raw.endswith(b"\n")
        while not ended and len(raw) > MAX_LINE_BYTES:  # skip the rest, unread
            rest = handle.readline(_CHUNK)
            ended = not rest or rest.endswith(b"\n")
        yield number, decoded_line(raw.removesuffix(b"\n").removesuffix(b"\r"), name, number)


def decoded_line(line: bytes, name: str, number: int) -> str | Issue:
    """The text of one line (its end cut off), or the issue that it is too long or not UTF-8."""
    if len(line) > MAX_LINE_BYTES:
        return Issue(
            f"line longer than {MAX_LINE_BYTES:,} bytes; a record is one line",
            file=name,
            line=number,
            code="too-long",
        )
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError as exc:
        column = len(line[: exc.start].decode("utf-8")) + 1
        return Issue(
            f"not UTF-8: byte 0x{line[exc.start]:02x} cannot start or continue a character",
            file=name,
            line=number,
            column=column,
            code="encoding",
        )


def _nesting(text: str) -> int:
    """How deep JSON arrays and objects nest in ``text`` (its strings ignored), in one pass."""
    depth = deepest = 0
    quoted = False
    for token in _JSON_TOKEN.finditer(text):
        char = token.group()
        if char == '"':
            quoted = not quoted
        elif quoted or len(char) == 2:  # inside a string, or an escape
            continue
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


class _DuplicateKey(ValueError):
    pass


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """A JSON object; a key given twice is refused, not decided by the last one."""
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise _DuplicateKey(key)
            seen.add(key)
    return result


#: Built once: ``json.loads`` with a hook builds a decoder per call, a third of a record's cost.
_DECODER = json.JSONDecoder(object_pairs_hook=_object)


def _json_row(  # noqa: PLR0911  (one return per way a line can fail: clearer than a table)
    text: str, name: str, number: int
) -> dict[str, Any] | Issue:
    def issue(message: str, column: int | None = None, *, code: str = "invalid-json") -> Issue:
        return Issue(message, file=name, line=number, column=column, code=code)

    if text.count("[") + text.count("{") > MAX_NESTING and _nesting(text) > MAX_NESTING:
        return issue(f"JSON nested deeper than {MAX_NESTING} levels", code="too-deep")
    try:
        row = _DECODER.decode(text)
    except _DuplicateKey as exc:
        return issue(f"key {exc.args[0]!r} given twice; give each field once", code="duplicate-key")
    except json.JSONDecodeError as exc:
        return issue(f"invalid JSON: {exc.msg}", exc.colno)
    except ValueError as exc:  # an integer of more digits than Python converts
        return issue(f"invalid JSON: {exc}")
    if not isinstance(row, dict):
        return issue(f"expected a JSON object, got {_json_kind(row, text)}", code="invalid")
    if "\\u" in text and _has_surrogate(row):
        return issue("a \\u escape gives half of a UTF-16 pair, which is not a character")
    return row


def _json_kind(value: object, text: str) -> str:
    """What a JSON line that is not an object is, in JSON's words: ``a number: 42``, ``null``."""
    if value is None or isinstance(value, bool):
        return json.dumps(value)  # null, true, false
    if isinstance(value, list):
        return "an array"
    shown = text.strip()
    if len(shown) > MAX_QUOTED:
        shown = f"{shown[: MAX_QUOTED - 20]}... ({len(shown):,} characters)"
    return f"{'a string' if isinstance(value, str) else 'a number'}: {shown}"


def _has_surrogate(value: object) -> bool:
    r"""Whether a JSON value holds a lone surrogate (``"\ud800"``), which no file can store."""
    if isinstance(value, str):
        return not value.isascii() and any("\ud800" <= c <= "\udfff" for c in value)
    if isinstance(value, dict):
        return any(_has_surrogate(k) or _has_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_surrogate(v) for v in value)
    return False


def _jsonl_rows(lines: Iterator[tuple[int, str | Issue]], name: str) -> Iterator[Any]:
    """Each JSON Lines line's number and row, or its record when the line is the usual kind.

    The usual line (an object, no escapes, not deep) is read to its record in one step; any
    other line, or one that fails, takes the general path, which says exactly what is wrong.
    Blank lines are skipped.
    """
    decode, record_of = _DECODER.decode, record_from_row
    for number, text in lines:
        if (
            type(text) is str
            and text.startswith("{")
            and "\\u" not in text
            and text.count("[") + text.count("{") <= MAX_NESTING
        ):
            try:
                row = decode(text)
                if type(row) is dict:
                    yield number, record_of(row)
                    continue
            except ValueError:  # bad JSON, a key twice, a bad value: said below
                pass
        row = json_row(text, name, number)
        if row is not None:
            yield number, row


def _open_quote(text: str) -> int:
    """The 1-based column of the quote that opens the cell left open at the end of ``text``."""
    opened, quoted, closed, start = 0, False, False, True
    for column, char in enumerate(text, start=1):
        if quoted:
            quoted = char != '"'
            closed = not quoted
        elif char == '"' and (start or closed):  # a cell's first quote, or a doubled one
            quoted, closed = True, False
            opened = column if start else opened
        else:
            closed = False
        start = not quoted and char == ","
    return opened


def _cells(text: str, name: str, number: int) -> list[str] | Issue:
    if '"' not in text and "\r" not in text:  # no quoting: the cells are what the commas cut
        return text.split(",")
    try:
        return next(csv.reader((text,), strict=True))
    except csv.Error as exc:
        if str(exc) == "unexpected end of data":
            column = _open_quote(text)
            return Issue(
                "a quoted cell is not closed on its line (cells cannot span lines): "
                "close the quote, or double a quote inside the cell",
                file=name,
                line=number,
                column=column,
                code="unclosed-quote",
            )
        message = str(exc)
        if "new-line" in message:
            message = "a carriage return inside a cell that is not quoted"
        return Issue(f"invalid CSV: {message}", file=name, line=number, code="invalid-csv")


def _header(cells: list[str], name: str) -> list[str] | Issue:
    header = [h.strip() for h in cells]
    problems = []
    duplicates = sorted({h for h in header if header.count(h) > 1})
    for column in duplicates:
        places = [str(i) for i, h in enumerate(header, start=1) if h == column]
        problems.append(f"column {column!r} given twice (columns {', '.join(places)})")
    unknown = [h for h in header if h not in FIELDS]
    missing = [h for h in REQUIRED if h not in header]
    if unknown:
        problems.append(f"unknown column(s) {', '.join(map(repr, unknown))}")
    if missing:
        problems.append(f"missing column(s) {', '.join(missing)}")
    if not problems:
        return header
    return Issue(
        f"{'; '.join(problems)}; expected columns among {', '.join(FIELDS)}, each once",
        file=name,
        line=1,
        code="duplicate-column" if duplicates else "invalid-header",
    )


def _csv_rows(lines: Iterator[tuple[int, str | Issue]], name: str) -> Iterator[Any]:
    header: list[str] | None = None
    for number, text in lines:
        cells = text if isinstance(text, Issue) else _cells(text, name, number)
        if header is None:
            columns = cells if isinstance(cells, Issue) else _header(cells, name)
            if isinstance(columns, Issue):
                yield number, columns  # without its columns, no line can be read
                return
            header = columns
            continue
        row = csv_row(cells, header, name, number)
        if row is not None:
            yield number, row


def csv_header(text: str | Issue, name: str) -> list[str] | Issue:
    """The columns of a CSV file from its first line, or the issue that stops the file."""
    cells = text if isinstance(text, Issue) else _cells(text, name, 1)
    return cells if isinstance(cells, Issue) else _header(cells, name)


def csv_row(
    cells: list[str] | str | Issue, header: list[str], name: str, number: int
) -> dict[str, str] | Issue | None:
    """One CSV line's row (its text, or its cells), its issue, or None for a blank line."""
    if isinstance(cells, str):
        cells = _cells(cells, name, number)
    if isinstance(cells, Issue):
        return cells
    if not any(c.strip() for c in cells):
        return None
    if len(cells) != len(header):
        return Issue(
            f"expected {len(header)} cells as in the header, got {len(cells)}",
            file=name,
            line=number,
        )
    return dict(zip(header, cells, strict=True))


def json_row(text: str | Issue, name: str, number: int) -> dict[str, Any] | Issue | None:
    """One JSON Lines line's row, its issue, or None for a blank line."""
    if isinstance(text, Issue):
        return text
    return _json_row(text, name, number) if text.strip() else None


def record_or_issue(row: dict[str, Any] | Issue, name: str, number: int) -> DossierRecord | Issue:
    """The record of a row read from line ``number``, or the issue that it is."""
    if isinstance(row, Issue):
        return row
    try:
        return record_from_row(row)
    except BadValue as exc:
        return Issue(str(exc), file=name, line=number)


def read_records(
    path: str | Path,
    *,
    input_format: str | None = None,
    issues: list[Issue] | None = None,
) -> Iterator[DossierRecord]:
    """Read dossier records from a JSON Lines or CSV file, one at a time.

    Strict by default: the first line that cannot be read exactly raises, naming the file
    and the line. To go on past bad lines, pass ``issues``: each bad line is then appended
    to it (an :class:`~tthc.errors.Issue` with the line number) and skipped, so
    ``len(issues)`` is the count of lines skipped; pass the same list to
    :func:`tthc.report` as ``skipped`` and the report says it.

    Args:
        path: The file; its extension (``.jsonl``, ``.ndjson``, ``.json``, ``.csv``) gives
            the format unless ``input_format`` does.
        input_format: ``"jsonl"`` or ``"csv"``.
        issues: Collect bad lines here and skip them, instead of raising at the first.

    Raises:
        ValueError: A bad line (``file:line: message``) when ``issues`` is not given; an
            unknown format; a path that is a FIFO, a device or a socket (refused unread).
        OSError: The file cannot be read.
    """
    lines = numbered_records(path, input_format=input_format, issues=issues)
    return (record for _, record in lines)


def numbered_records(
    path: str | Path,
    *,
    input_format: str | None = None,
    issues: list[Issue] | None = None,
) -> Iterator[tuple[int, DossierRecord]]:
    """:func:`read_records`, each record with the number of its line."""
    source = Path(path)
    kind = _format_of(source, input_format)
    with open_input(source) as handle:
        yield from numbered_records_of(handle, str(path), kind, issues)


def numbered_records_of(
    handle: IO[bytes], name: str, kind: str, issues: list[Issue] | None
) -> Iterator[tuple[int, DossierRecord]]:
    """The numbered records of an open file (or standard input) named ``name``."""
    lines = _lines(handle, name)
    rows = _csv_rows(lines, name) if kind == "csv" else _jsonl_rows(lines, name)
    for number, row in rows:
        if type(row) is DossierRecord:  # read by the JSON Lines shortcut
            yield number, row
            continue
        record = record_or_issue(row, name, number)
        if isinstance(record, DossierRecord):
            yield number, record
        elif issues is None:
            raise ValueError(str(record))
        else:
            issues.append(record)


def open_input(source: Path) -> IO[bytes]:
    """``source`` opened for reading bytes, uncompressed when its name ends in ``.gz``.

    Raises:
        ValueError: ``source`` is a FIFO, a device or a socket (refused unread).
        OSError: It cannot be opened; later, a compressed file that is not complete gzip.
    """
    special = not_a_file(source)
    if special is not None and special != "a folder":  # opening a folder says so itself
        raise ValueError(f"{source} is {special}, not a regular file; it is not read")
    handle = source.open("rb")
    if source.name.lower().endswith(".gz"):
        return cast("IO[bytes]", _Gunzip(str(source), handle))  # a GzipFile reads like IO[bytes]
    return handle


class _Gunzip(gzip.GzipFile):
    """A gzip file whose damage is an :class:`OSError` saying the file, not an ``EOFError``."""

    def __init__(self, name: str, raw: IO[bytes]) -> None:
        super().__init__(fileobj=raw, mode="rb")
        self._raw, self._name = raw, name

    def _damaged(self, exc: Exception) -> OSError:
        return OSError(f"{self._name}: not a complete gzip file ({exc})")

    def read(self, size: int | None = -1) -> bytes:
        try:
            return super().read(size)
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            raise self._damaged(exc) from None

    def readline(self, size: int | None = -1) -> bytes:
        try:
            return super().readline(size)
        except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
            raise self._damaged(exc) from None

    def close(self) -> None:
        super().close()
        self._raw.close()
