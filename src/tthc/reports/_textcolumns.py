r"""CSV and JSON Lines files read by columns with pyarrow: the streaming reader's records, faster.

The records and the issues are those of :mod:`tthc.reports._readers`, line for line; only
the speed differs. A file is read a chunk of whole lines at a time (:data:`CHUNK_BYTES`):

1. Each line is checked with array operations for what pyarrow could read otherwise than
   the streaming reader: a line too long, bytes that are not UTF-8, a control character or
   a carriage return before the line end; in CSV a quote or a count of commas other than
   the header's; in JSON Lines a line that does not begin with ``{`` or holds a ``\\uD...``
   escape (half of a UTF-16 pair).
2. The other lines are parsed by pyarrow: every CSV cell as text, JSON with the types of
   the record fields (any other value is an error of the chunk, which is then parsed in
   halves down to the lines at fault). Their values are read with array operations in the
   spellings of :mod:`tthc._iso8601` (a date, or a date and time, naive or with a zone),
   whole numbers, ``true``/``false`` and the like, channel names, at most one wait.
3. Every other line (one set aside in 1, a value spelled otherwise, a row that a
   :class:`~tthc.reports.DossierRecord` refuses) is read by the streaming reader's own
   code, so its record or its issue is exactly the streaming reader's.

Lines set aside cost the streaming reader's time, not correctness: a file with a quote on
every line is read at the streaming reader's speed.
"""

from __future__ import annotations

import os
import re
from collections import deque
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from tthc.errors import Issue
from tthc.reports._columnar import _threads, refused_rows
from tthc.reports._readers import (
    _BOM,
    MAX_LINE_BYTES,
    _format_of,
    csv_header,
    csv_row,
    decoded_line,
    json_row,
    open_input,
    record_or_issue,
)
from tthc.reports._records import CHANNELS, DossierRecord
from tthc.reports._textvalues import one_wait, texts, times, truth, wait_array, whole

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

__all__ = ["CHUNK_BYTES", "arrow_available", "read_text_columns", "text_batches"]

#: Bytes of whole lines parsed at a time (the line that crosses the mark is read whole).
CHUNK_BYTES = 1 << 23

_TIMES = ("received_at", "due_at", "legal_due_at", "result_ready_at", "returned_at", "ended_at")
_END_OF_DAY = ("due_at", "legal_due_at")
_TEXTS = ("code", "procedure", "field", "agency", "level")
_WAITS = ("supplement_waits", "payment_waits")
_FLAGS = ("due_includes_waits", "paid_online", "digitised")
_SURROGATE = re.compile(rb"\\u[dD]")
#: The lines below which a chunk pyarrow refuses is no longer halved: each is read alone.
_SMALLEST = 64


def _schema() -> pa.Schema:
    """The columns of every batch: the record fields, typed as :mod:`._columnar` reads them."""
    import pyarrow as pa  # noqa: PLC0415

    time = pa.timestamp("us")
    wait = pa.list_(pa.struct([("started", time), ("ended", time)]))
    return pa.schema(
        [(name, pa.string()) for name in _TEXTS]
        + [("channel", pa.string()), ("status", pa.int64())]
        + [(name, time) for name in _TIMES]
        + [(name, wait) for name in _WAITS]
        + [("supplement_requests", pa.int64())]
        + [(name, pa.bool_()) for name in _FLAGS]
    )


def _json_schema() -> pa.Schema:
    """What pyarrow may find in a JSON line: anything else is read by the streaming reader."""
    import pyarrow as pa  # noqa: PLC0415

    texts = [*_TEXTS, "channel", *_TIMES]
    return pa.schema(
        [(name, pa.string()) for name in texts]
        + [("status", pa.int64()), ("supplement_requests", pa.int64())]
        + [(name, pa.bool_()) for name in _FLAGS]
        + [(name, pa.list_(pa.list_(pa.string()))) for name in _WAITS]
    )


class _Chunk:
    """Whole lines of a file, numbered from ``first``: where each starts and ends."""

    def __init__(self, data: bytes, first: int, name: str) -> None:
        import numpy as np  # noqa: PLC0415

        self.data, self.first, self.name = data, first, name
        self.buf = np.frombuffer(data, dtype=np.uint8)
        newlines = np.flatnonzero(self.buf == 10)
        ends = newlines if data.endswith(b"\n") else np.append(newlines, len(data))
        self.starts = np.concatenate(([0], ends[:-1] + 1)).astype(np.int64)
        before = np.maximum(ends - 1, 0)
        cr = (ends > self.starts) & (self.buf[before] == 13)
        self.ends = ends - cr  # the end of each line's content: no \n, no final \r
        self.n = len(ends)

    def line_of(self, positions: np.ndarray) -> np.ndarray:
        """The line (from 0) of each byte position."""
        import numpy as np  # noqa: PLC0415

        found: np.ndarray = np.searchsorted(self.starts, positions, side="right") - 1
        return found

    def raw(self, i: int) -> bytes:
        return self.data[int(self.starts[i]) : int(self.ends[i])]

    def joined(self, lines: np.ndarray) -> bytes:
        """The bytes of ``lines`` (increasing), each with a line end."""
        import numpy as np  # noqa: PLC0415

        if len(lines) == self.n and self.data.endswith(b"\n"):
            return self.data
        lengths = self.ends[lines] - self.starts[lines]
        marks = np.zeros(len(self.buf) + 1, dtype=np.int8)
        np.add.at(marks, self.starts[lines], 1)
        np.add.at(marks, self.ends[lines], -1)
        keep = np.cumsum(marks[:-1]).astype(bool)
        out = self.buf[keep]
        # every line ends with \n: put one after each line's content
        ends = np.cumsum(lengths)
        return bytes(np.insert(out, ends, 10))


def _utf8(data: bytes) -> bool:
    """Whether ``data`` is UTF-8, as :meth:`bytes.decode` says, checked by pyarrow (faster)."""
    import numpy as np  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415

    offsets = pa.py_buffer(np.array([0, len(data)], dtype=np.int32))
    text = pa.Array.from_buffers(pa.string(), 1, [None, offsets, pa.py_buffer(data)])
    try:
        text.validate(full=True)
    except pa.ArrowInvalid:
        return False
    return True


def _aside(chunk: _Chunk, kind: str, columns: int) -> tuple[np.ndarray, np.ndarray]:
    """The lines pyarrow may read, and those the streaming reader must (blank ones in neither)."""
    import numpy as np  # noqa: PLC0415

    buf, n = chunk.buf, chunk.n
    length = chunk.ends - chunk.starts
    aside = length > MAX_LINE_BYTES
    at = np.flatnonzero(buf < 32)  # the line ends, and any control character
    found = buf[at]
    control = (found != 10) & (found != 13)  # a carriage return: only at a line's end
    if kind == "csv":
        control &= found != 9  # a tab is text in a CSV cell
    at = at[control]
    cr = np.flatnonzero(buf == 13)
    line = chunk.line_of(cr)
    cr = cr[chunk.ends[line] != cr]  # not the one cut off the end
    aside[chunk.line_of(np.concatenate((at, cr)))] = True
    if kind == "csv":
        aside[chunk.line_of(np.flatnonzero(buf == 34))] = True  # a quote
        edges = np.append(chunk.starts, len(buf))
        commas = np.diff(np.searchsorted(np.flatnonzero(buf == 44), edges))
        aside |= commas != columns - 1
    else:
        first = buf[np.minimum(chunk.starts, max(len(buf) - 1, 0))] if len(buf) else buf
        aside |= (length > 0) & (first != 123)  # "{"
        places = [m.start() for m in _SURROGATE.finditer(chunk.data)]
        if places:
            aside[chunk.line_of(np.asarray(places, dtype=np.int64))] = True
    if np.any(buf >= 128) and not _utf8(chunk.data):  # beyond ASCII: each line must be UTF-8
        for i in range(n):
            try:
                chunk.raw(i).decode("utf-8")
            except UnicodeDecodeError:  # noqa: PERF203  (a chunk not UTF-8)
                aside[i] = True
    blank = length == 0
    if kind == "csv":  # a line of commas is blank too; the streaming reader skips it
        aside &= ~blank
    return np.flatnonzero(~aside & ~blank), np.flatnonzero(aside & ~blank)


def _batch(table: pa.Table, *, csv: bool) -> tuple[pa.RecordBatch, np.ndarray]:
    """The typed rows of ``table`` (text as parsed), and the rows to read aside."""
    import numpy as np  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.compute as pc  # noqa: PLC0415

    n = table.num_rows
    names = table.schema.names
    aside = np.zeros(n, dtype=bool)
    columns: dict[str, Any] = {}
    table = table.combine_chunks()

    def column(name: str) -> pa.Array | None:
        return table.column(name).chunk(0) if name in names and n else None

    for name in (*_TEXTS, "channel"):
        col = column(name)
        columns[name] = pa.nulls(n, pa.string()) if col is None else texts(col)
    channel = columns["channel"]
    if column("channel") is not None:  # a name; a portal code or another spelling: aside
        known = np.asarray(pc.is_in(channel, value_set=pa.array(list(CHANNELS))), dtype=bool)
        aside |= ~known & ~np.asarray(channel.is_null(), dtype=bool)
    for name in _TIMES:
        col = column(name)
        if col is None:
            columns[name] = pa.nulls(n, pa.timestamp("us"))
            continue
        values, empty, other = times(col, end_of_day=name in _END_OF_DAY)
        aside |= other
        columns[name] = pa.array(values.view("datetime64[us]"), mask=empty | other)
    for name in ("status", "supplement_requests"):
        col = column(name)
        if col is None:
            columns[name] = pa.nulls(n, pa.int64())
            continue
        values, empty, other = whole(col)
        aside |= other
        columns[name] = pa.array(values, mask=empty | other)
    for name in _FLAGS:
        col = column(name)
        if col is None:
            columns[name] = pa.nulls(n, pa.bool_())
            continue
        columns[name], other = truth(col)
        aside |= other
    zeros, no = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=bool)
    for name in _WAITS:
        col = column(name)
        has, start, end, open_, other = (
            (no, zeros, zeros, no, no) if col is None else one_wait(col, csv=csv)
        )
        aside |= other
        columns[name] = wait_array(has & ~other, start, end, open_)
    schema = _schema()
    batch = pa.RecordBatch.from_arrays([columns[f.name] for f in schema], schema=schema)
    return batch, aside


def _records_batch(records: list[DossierRecord]) -> pa.RecordBatch:
    """Records read by the streaming reader, as rows of the same batch schema."""
    import pyarrow as pa  # noqa: PLC0415

    schema = _schema()
    rows = []
    for record in records:
        row = {name: getattr(record, name) for name in schema.names}
        for name in _WAITS:
            row[name] = [{"started": s, "ended": e} for s, e in row[name]]
        rows.append(row)
    return pa.RecordBatch.from_pylist(rows, schema=schema)


# ---------------------------------------------------------------- parsing


def _parse(data: bytes, kind: str, header: list[str]) -> pa.Table:
    import pyarrow as pa  # noqa: PLC0415

    if kind == "csv":
        import pyarrow.csv as pcsv  # noqa: PLC0415

        return pcsv.read_csv(
            pa.py_buffer(data),
            read_options=pcsv.ReadOptions(column_names=header, block_size=1 << 22),
            parse_options=pcsv.ParseOptions(
                quote_char=False, newlines_in_values=False, ignore_empty_lines=False
            ),
            convert_options=pcsv.ConvertOptions(
                column_types=dict.fromkeys(header, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
                null_values=[],
            ),
        )
    import pyarrow.json as pjson  # noqa: PLC0415

    return pjson.read_json(
        pa.py_buffer(data),
        read_options=pjson.ReadOptions(block_size=1 << 22),
        parse_options=pjson.ParseOptions(
            explicit_schema=_json_schema(), unexpected_field_behavior="error"
        ),
    )


def _parsed(
    chunk: _Chunk, lines: np.ndarray, kind: str, header: list[str]
) -> Iterator[tuple[np.ndarray, pa.Table | None]]:
    """Pyarrow's tables of ``lines``, halving what it refuses; None for lines it refuses."""
    import pyarrow as pa  # noqa: PLC0415

    if len(lines) == 0:
        return
    try:
        table = _parse(chunk.joined(lines), kind, header)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        table = None
    if table is not None and table.num_rows == len(lines):
        yield lines, table
    elif len(lines) <= _SMALLEST:
        yield lines, None
    else:
        half = len(lines) // 2
        yield from _parsed(chunk, lines[:half], kind, header)
        yield from _parsed(chunk, lines[half:], kind, header)


def _chunks(handle: IO[bytes], size: int, *, first: bool) -> Iterator[bytes]:
    """Whole lines, about ``size`` bytes at a time; a line too long is cut (it is an issue).

    ``first``: the lines start the file, so a byte order mark before them is not text.
    """
    while data := handle.read(size):
        if first and data.startswith(_BOM):
            data = data[len(_BOM) :]
            if not data:  # the file is a byte order mark alone: no line
                break
        first = False
        if not data.endswith(b"\n"):
            rest = handle.readline(MAX_LINE_BYTES + 3)
            data += rest
            if len(rest) == MAX_LINE_BYTES + 3 and not rest.endswith(b"\n"):
                ended = False  # the line is too long: skip the rest, unread
                while not ended:
                    more = handle.readline(1 << 16)
                    ended = not more or more.endswith(b"\n")
        yield data


def text_batches(
    handle: IO[bytes],
    *,
    name: str,
    kind: str,
    issues: list[Issue] | None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[pa.RecordBatch]:
    """The records of an open CSV or JSON Lines file, as record batches for the columnar tally.

    Every bad line is an issue at its line, as :func:`tthc.reports._readers.numbered_records`
    says it: appended to ``issues``, or raised (``ValueError``) at the first when it is None.
    ``progress`` is told the records read, after each chunk.
    """
    csv = kind == "csv"
    header: list[str] = []
    number = 0
    if csv:
        line = handle.readline(MAX_LINE_BYTES + 3)
        if line.startswith(_BOM):
            line = line[len(_BOM) :]
        if not line:
            return
        number = 1
        ended = line.endswith(b"\n")
        while not ended and len(line) > MAX_LINE_BYTES:
            more = handle.readline(1 << 16)
            ended = not more or more.endswith(b"\n")
        found = csv_header(
            decoded_line(line.removesuffix(b"\n").removesuffix(b"\r"), name, 1), name
        )
        if isinstance(found, Issue):
            _problem(found, issues)
            return
        header = found
    yield from _in_order(
        handle, name=name, kind=kind, header=header, number=number, issues=issues, progress=progress
    )


def _in_order(
    handle: IO[bytes],
    *,
    name: str,
    kind: str,
    header: list[str],
    number: int,
    issues: list[Issue] | None,
    progress: Callable[[int], None] | None,
) -> Iterator[pa.RecordBatch]:
    """The batches of the chunks after line ``number``, parsed on a thread per core.

    pyarrow and numpy let go of the interpreter for most of their work, so chunks are
    parsed while those before are counted; they are handed on in the order of their lines,
    and a chunk that cannot be read (a damaged file) comes after the lines before it.
    """
    records = 0
    workers = _threads()
    pending: deque[tuple[Future[list[pa.RecordBatch]], list[Issue] | None]] = deque()
    chunks = _chunks(handle, CHUNK_BYTES, first=kind != "csv")
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="tthc-text") as worker:
        try:
            while True:
                try:
                    data = next(chunks)
                except StopIteration:
                    break
                except BaseException:  # the file cannot be read on: the lines before it first
                    while pending:
                        records = yield from _handed(*pending.popleft(), issues, records, progress)
                    raise
                found_here: list[Issue] | None = None if issues is None else []
                job = worker.submit(
                    _chunk_batches, data, number + 1, name, kind, header=header, issues=found_here
                )
                number += data.count(b"\n") + (not data.endswith(b"\n"))
                pending.append((job, found_here))
                if len(pending) > workers:
                    records = yield from _handed(*pending.popleft(), issues, records, progress)
            while pending:
                records = yield from _handed(*pending.popleft(), issues, records, progress)
        finally:
            for job, _ in pending:
                job.cancel()


def _handed(
    job: Future[list[pa.RecordBatch]],
    found: list[Issue] | None,
    issues: list[Issue] | None,
    records: int,
    progress: Callable[[int], None] | None,
) -> Generator[pa.RecordBatch, None, int]:
    """The batches of one chunk, its issues added to ``issues``; the records read so far."""
    batches = job.result()  # a bad line when strict: raised here, in the order of the lines
    if issues is not None and found:
        for issue in found:
            issues.append(issue)
    for batch in batches:
        records += batch.num_rows
        yield batch
    if progress is not None:
        progress(records)
    return records


def _chunk_batches(
    data: bytes, first: int, name: str, kind: str, *, header: list[str], issues: list[Issue] | None
) -> list[pa.RecordBatch]:
    """The records of one chunk of whole lines, numbered from ``first``, as batches."""
    import numpy as np  # noqa: PLC0415

    csv = kind == "csv"
    chunk = _Chunk(data, first, name)
    clean, aside = _aside(chunk, kind, len(header))
    batches = []
    later = [aside]
    for lines, table in _parsed(chunk, clean, kind, header):
        if table is None:
            later.append(lines)
            continue
        batch, odd = _batch(table, csv=csv)
        refused = refused_rows(batch) | odd
        later.append(lines[refused])
        batches.append(batch.filter(~refused))
    records_aside = _read_aside(chunk, np.sort(np.concatenate(later)), kind, header, issues)
    if records_aside:
        batches.append(_records_batch(records_aside))
    return batches


def _read_aside(
    chunk: _Chunk, lines: np.ndarray, kind: str, header: list[str], issues: list[Issue] | None
) -> list[DossierRecord]:
    """The lines set aside, read by the streaming reader's code: their records; issues noted."""
    name = chunk.name
    records = []
    for i in lines.tolist():
        number = chunk.first + i
        text = decoded_line(chunk.raw(i), name, number)
        row = csv_row(text, header, name, number) if kind == "csv" else json_row(text, name, number)
        if row is None:
            continue
        record = record_or_issue(row, name, number)
        if isinstance(record, Issue):
            _problem(record, issues)
        else:
            records.append(record)
    return records


def _problem(issue: Issue, issues: list[Issue] | None) -> None:
    if issues is None:
        raise ValueError(str(issue))
    issues.append(issue)


def arrow_available() -> bool:
    """Whether pyarrow (the ``arrow`` extra) can be imported."""
    try:
        import pyarrow.csv  # noqa: PLC0415
        import pyarrow.json  # noqa: F401, PLC0415
    except ImportError:
        return False
    return True


def read_text_columns(
    path: str | os.PathLike[str],
    *,
    input_format: str | None = None,
    issues: list[Issue] | None = None,
) -> Iterator[pa.RecordBatch]:
    """:func:`text_batches` of a CSV or JSON Lines file (``.gz`` when compressed), by name.

    Raises:
        ValueError: A bad line when ``issues`` is None; an unknown format; a path that is
            not a regular file.
        OSError: The file cannot be read.
    """
    source = Path(path)
    kind = _format_of(source, input_format)
    with open_input(source) as handle:
        yield from text_batches(handle, name=os.fspath(path), kind=kind, issues=issues)
