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

import functools
import os
import re
from collections.abc import Callable, Generator, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from tthc.errors import Issue
from tthc.reports._columnar import refused_rows
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
_TRUTH = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}
#: The spellings of :func:`tthc._iso8601.parse_date_or_time`, without surrounding spaces.
_TIME = (
    r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:(?P<t>[Tt ])(?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.(?P<f>\d{1,6}))?)?"
    r"(?P<z>[Zz]|[+-]\d{2}:\d{2})?)?$"
)
_SURROGATE = re.compile(rb"\\u[dD]")
_DAY = 86_400_000_000
_MINUTE = 60_000_000
_VIETNAM = 7 * 60 * _MINUTE
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
    control = (buf < 32) & (buf != 10)
    if kind == "csv":
        control &= buf != 9  # a tab is text in a CSV cell
    at = np.flatnonzero(control)
    at = at[buf[at] != 13] if len(at) else at  # a carriage return: only at a line's end
    cr = np.flatnonzero(buf == 13)
    line = chunk.line_of(cr)
    cr = cr[chunk.ends[line] != cr]  # not the one cut off the end
    aside[chunk.line_of(np.concatenate((at, cr)))] = True
    if kind == "csv":
        aside[chunk.line_of(np.flatnonzero(buf == 34))] = True  # a quote
        commas = np.bincount(chunk.line_of(np.flatnonzero(buf == 44)), minlength=n)
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


# ---------------------------------------------------------------- values


def _empty(column: pa.Array) -> np.ndarray:
    """Where a value is missing: null, or empty text."""
    import numpy as np  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.compute as pc  # noqa: PLC0415

    if pa.types.is_string(column.type):
        return np.asarray(pc.fill_null(pc.equal(column, ""), True), dtype=bool)
    return np.asarray(column.is_null(), dtype=bool)


def _ints_of(parts: pa.StructArray, name: str) -> np.ndarray:
    import numpy as np  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.compute as pc  # noqa: PLC0415

    part = pc.fill_null(parts.field(name), "")
    part = pc.utf8_lpad(part, 1, "0")  # an absent part: 0
    return np.asarray(pc.cast(part, pa.int64()), dtype=np.int64)


def _fixed(column: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """The rows spelled ``YYYY-MM-DD``, ``YYYY-MM-DDTHH:MM`` or ``YYYY-MM-DDTHH:MM:SS``.

    The usual spellings, read from the bytes with array operations (no regular expression):
    where they are, and their parts (year, month, day, hour, minute, second, and whether a
    time is given) as the rows of a matrix. Every other row is for :data:`_TIME`.
    """
    import numpy as np  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415

    n = len(column)
    found = np.zeros(n, dtype=bool)
    parts = np.zeros((n, 7), dtype=np.int64)
    if not pa.types.is_string(column.type) or not n:
        return found, parts
    validity, offsets, data = column.buffers()
    if data is None or not data.size:
        return found, parts
    bounds = np.frombuffer(offsets, dtype=np.int32)[column.offset : column.offset + n + 1]
    length = np.diff(bounds)
    fits = (length == 10) | (length == 16) | (length == 19)
    if validity is not None:
        fits &= ~np.asarray(column.is_null(), dtype=bool)
    rows = np.flatnonzero(fits)
    if not len(rows):
        return found, parts
    text = np.frombuffer(data, dtype=np.uint8)
    first = bounds[rows].astype(np.int64)
    last = len(text) - 1
    size = length[rows]
    timed, seconds = size >= 16, size == 19

    def byte(i: int) -> np.ndarray:
        at = first + i
        return text[np.minimum(at, last) if i >= 10 else at]

    def number(*places: int) -> tuple[np.ndarray, np.ndarray]:
        """The digits at ``places`` as a number, and whether they are all digits."""
        value = np.zeros(len(rows), dtype=np.int32)
        ok = np.ones(len(rows), dtype=bool)
        for i in places:
            d = byte(i) - np.uint8(48)  # a digit: 0..9; anything else wraps above 9
            ok &= d < 10
            value = value * 10 + d
        return value, ok

    year, good = number(0, 1, 2, 3)
    month, ok_month = number(5, 6)
    day, ok_day = number(8, 9)
    good &= ok_month & ok_day & (byte(4) == 45) & (byte(7) == 45)
    t = byte(10)
    hour, ok_hour = number(11, 12)
    minute, ok_minute = number(14, 15)
    clock = ((t == 84) | (t == 116) | (t == 32)) & (byte(13) == 58)  # T, t or a space; ":"
    good &= ~timed | (clock & ok_hour & ok_minute)
    second, ok_second = number(17, 18)
    good &= ~seconds | ((byte(16) == 58) & ok_second)
    picked = np.stack(
        [
            year,
            month,
            day,
            np.where(timed, hour, 0),
            np.where(timed, minute, 0),
            np.where(seconds, second, 0),
            timed,
        ],
        axis=1,
    )
    found[rows[good]] = True
    parts[rows[good]] = picked[good]
    return found, parts


def _times(column: pa.Array, *, end_of_day: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Vietnam local microseconds, where the value is missing, and where it is spelled otherwise.

    As :func:`tthc._iso8601.parse_date_or_time` and the record read them: a zone is
    converted to Vietnam time; a date alone is 00:00, or the day's last microsecond for a
    due date. A day or time that does not exist, a zone of 24 hours or more, and a time
    outside the years 1 to 9999 are left to the streaming reader, which says why.
    """
    import numpy as np  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.compute as pc  # noqa: PLC0415

    empty = _empty(column)
    n = len(column)
    if empty.all():
        return np.zeros(n, dtype=np.int64), empty, np.zeros(n, dtype=bool)
    found, parts = _fixed(column)
    year, month, day, hour, minute, second, timed = parts.T
    fraction, shift = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=np.int64)
    other = np.zeros(n, dtype=bool)
    rest = np.flatnonzero(~empty & ~found)
    if len(rest):  # other spellings: a fraction, a zone, a time without seconds...
        matched = pc.extract_regex(column.take(pa.array(rest)), _TIME)
        other[rest] = np.asarray(matched.is_null(), dtype=bool)
        for values, key in zip((year, month, day, hour, minute, second), "ymdHMS", strict=True):
            values[rest] = _ints_of(matched, key)
        fraction[rest] = np.asarray(
            pc.cast(pc.utf8_rpad(pc.fill_null(matched.field("f"), ""), 6, "0"), "int64"),
            dtype=np.int64,
        )
        timed[rest] = np.asarray(
            pc.fill_null(pc.not_equal(matched.field("t"), ""), False), dtype=bool
        )
        zone = pc.fill_null(matched.field("z"), "")
        zoned = np.asarray(pc.not_equal(zone, ""), dtype=bool)
        if zoned.any():
            utc = np.asarray(pc.match_substring_regex(zone, "^[Zz]$"), dtype=bool)
            sign = np.where(np.asarray(pc.starts_with(zone, "-"), dtype=bool), -1, 1)
            digits = pc.utf8_lpad(pc.replace_substring_regex(zone, "[^0-9]", ""), 4, "0")
            hhmm = np.asarray(pc.cast(digits, "int64"), dtype=np.int64)
            offset = np.where(utc, 0, hhmm // 100 * 60 + hhmm % 100)
            other[rest] |= zoned & (offset >= 24 * 60)
            shift[rest] = np.where(zoned, _VIETNAM - sign * offset * _MINUTE, 0)
    starts = _month_starts()
    months = np.clip((year - 1) * 12 + np.clip(month, 1, 12) - 1, 0, len(starts) - 2)
    first_day, next_first = starts[months], starts[months + 1]
    other |= ~empty & (
        (year < 1)
        | (month < 1)
        | (month > 12)
        | (day < 1)
        | (day > next_first - first_day)
        | (hour > 23)
        | (minute > 59)
        | (second > 59)
    )
    wall = (first_day + day - 1) * _DAY
    wall += ((hour * 60 + minute) * 60 + second) * 1_000_000 + fraction + shift
    if end_of_day:
        wall += np.where(timed.astype(bool), 0, _DAY - 1)
    low, high = _range()
    other |= ~empty & ((wall < low) | (wall > high))
    return np.where(empty | other, 0, wall), empty, other


@functools.cache
def _month_starts() -> np.ndarray:
    """The day (from 1970-01-01) each month starts, January of year 1 to January of 10000."""
    import numpy as np  # noqa: PLC0415

    months = np.arange((1 - 1970) * 12, (10_000 - 1970) * 12 + 1)
    days: np.ndarray = months.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)
    return days


def _range() -> tuple[int, int]:
    import datetime as dt  # noqa: PLC0415

    epoch, micro = dt.datetime(1970, 1, 1), dt.timedelta(microseconds=1)
    return (dt.datetime.min - epoch) // micro, (dt.datetime.max - epoch) // micro


def _whole(column: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A whole number: its value, where missing, where spelled otherwise (CSV text or JSON)."""
    import numpy as np  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.compute as pc  # noqa: PLC0415

    empty = _empty(column)
    if pa.types.is_string(column.type):
        plain = np.asarray(
            pc.fill_null(pc.match_substring_regex(column, r"^[0-9]{1,18}$"), False), dtype=bool
        )
        other = ~empty & ~plain
        text = pc.if_else(pa.array(plain), column, "0")
        values = np.asarray(pc.cast(text, pa.int64()), dtype=np.int64)
    else:
        other = np.zeros(len(column), dtype=bool)
        values = np.asarray(pc.fill_null(column, 0), dtype=np.int64)
    return values, empty, other


def _truth(column: pa.Array) -> tuple[pa.Array, np.ndarray]:
    import numpy as np  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.compute as pc  # noqa: PLC0415

    if not pa.types.is_string(column.type):
        return column, np.zeros(len(column), dtype=bool)
    empty = _empty(column)
    known = pa.array(list(_TRUTH))
    found = np.asarray(pc.is_in(column, value_set=known), dtype=bool)
    values = pc.is_in(column, value_set=pa.array([k for k, v in _TRUTH.items() if v]))
    return pc.if_else(pa.array(found), values, None), ~empty & ~found


def _texts(column: pa.Array) -> pa.Array:
    """Text, empty text as missing (null)."""
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.compute as pc  # noqa: PLC0415

    if not pc.any(pc.equal(pc.binary_length(column), pa.scalar(0, pa.int32()))).as_py():
        return column  # nothing empty: as read
    return pc.if_else(pc.equal(column, ""), None, column)


def _one_wait(
    column: pa.Array, *, csv: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Where a row has one wait, its start and end (and where open), and rows to read aside.

    CSV: ``started/ended``; JSON: ``[[started, ended]]``. None, or two and more, are for
    the streaming reader when the cell is not empty. Only the rows with a value are read.
    """
    import numpy as np  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.compute as pc  # noqa: PLC0415

    n = len(column)
    if csv:
        empty = _empty(column)
    else:
        empty = np.asarray(pc.fill_null(pc.list_value_length(column), 0), dtype=np.int64) == 0
    rows = np.flatnonzero(~empty)
    if len(rows) == n:
        return _waits_in(column, csv=csv)
    found = [np.zeros(n, dtype=np.int64 if i in (1, 2) else bool) for i in range(5)]
    if len(rows):
        for whole, part in zip(found, _waits_in(column.take(pa.array(rows)), csv=csv), strict=True):
            whole[rows] = part
    has, start, end, open_, other = found
    return has, start, end, open_, other


def _waits_in(
    column: pa.Array, *, csv: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """:func:`_one_wait` of every row."""
    import numpy as np  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.compute as pc  # noqa: PLC0415

    n = len(column)
    zeros, no = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=bool)
    if csv:
        empty = _empty(column)
        if empty.all():
            return no, zeros, zeros, no, no
        pair = pc.split_pattern(pc.fill_null(column, ""), "/")
        ok = np.asarray(pc.equal(pc.list_value_length(pair), 2), dtype=bool) & ~empty
        ok &= ~np.asarray(pc.fill_null(pc.match_substring(column, ";"), False), dtype=bool)
        picked = pc.if_else(pa.array(ok), pair, pa.scalar(["", ""], pair.type))
        starts, ends = pc.list_element(picked, 0), pc.list_element(picked, 1)
    else:
        lengths = np.asarray(pc.fill_null(pc.list_value_length(column), 0), dtype=np.int64)
        empty = lengths == 0
        if empty.all():
            return no, zeros, zeros, no, no
        one = pc.if_else(pa.array(lengths == 1), column, pa.scalar([["", ""]], column.type))
        inner = pc.list_element(one, 0)
        ok = (lengths == 1) & np.asarray(
            pc.fill_null(pc.equal(pc.list_value_length(inner), 2), False), dtype=bool
        )
        picked = pc.if_else(pa.array(ok), inner, pa.scalar(["", ""], inner.type))
        starts = pc.fill_null(pc.list_element(picked, 0), "")
        ends = pc.list_element(picked, 1)
    start, no_start, bad_start = _times(starts, end_of_day=False)
    end, open_, bad_end = _times(ends, end_of_day=False)
    other = ~empty & (~ok | no_start | bad_start | bad_end)
    has = ok & ~other
    return has, start, end, open_ & has, other


def _wait_array(has: np.ndarray, start: np.ndarray, end: np.ndarray, open_: np.ndarray) -> Any:
    import numpy as np  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415

    time = pa.timestamp("us")
    pairs = pa.StructArray.from_arrays(
        [
            pa.array(start[has].view("datetime64[us]"), type=time),
            pa.array(end[has].view("datetime64[us]"), type=time, mask=open_[has]),
        ],
        names=["started", "ended"],
    )
    offsets = np.concatenate(([0], np.cumsum(has))).astype(np.int32)
    return pa.ListArray.from_arrays(pa.array(offsets), pairs)


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
        columns[name] = pa.nulls(n, pa.string()) if col is None else _texts(col)
    channel = columns["channel"]
    if column("channel") is not None:  # a name; a portal code or another spelling: aside
        known = np.asarray(pc.is_in(channel, value_set=pa.array(list(CHANNELS))), dtype=bool)
        aside |= ~known & ~np.asarray(channel.is_null(), dtype=bool)
    for name in _TIMES:
        col = column(name)
        if col is None:
            columns[name] = pa.nulls(n, pa.timestamp("us"))
            continue
        values, empty, other = _times(col, end_of_day=name in _END_OF_DAY)
        aside |= other
        columns[name] = pa.array(values.view("datetime64[us]"), mask=empty | other)
    for name in ("status", "supplement_requests"):
        col = column(name)
        if col is None:
            columns[name] = pa.nulls(n, pa.int64())
            continue
        values, empty, other = _whole(col)
        aside |= other
        columns[name] = pa.array(values, mask=empty | other)
    for name in _FLAGS:
        col = column(name)
        if col is None:
            columns[name] = pa.nulls(n, pa.bool_())
            continue
        columns[name], other = _truth(col)
        aside |= other
    zeros, no = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=bool)
    for name in _WAITS:
        col = column(name)
        has, start, end, open_, other = (
            (no, zeros, zeros, no, no) if col is None else _one_wait(col, csv=csv)
        )
        aside |= other
        columns[name] = _wait_array(has & ~other, start, end, open_)
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
    records = 0
    # One chunk is parsed in a second thread while the batches of the one before are
    # counted: pyarrow and numpy let go of the interpreter for most of their work.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="tthc-text") as worker:
        pending: tuple[Future[list[pa.RecordBatch]], list[Issue] | None] | None = None
        for data in _chunks(handle, CHUNK_BYTES, first=not csv):
            found_here: list[Issue] | None = None if issues is None else []
            job = worker.submit(
                _chunk_batches, data, number + 1, name, kind, header=header, issues=found_here
            )
            number += data.count(b"\n") + (not data.endswith(b"\n"))
            if pending is not None:
                records = yield from _handed(*pending, issues, records, progress)
            pending = job, found_here
        if pending is not None:
            yield from _handed(*pending, issues, records, progress)


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
