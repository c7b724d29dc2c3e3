"""Reports over columns: Arrow tables and streams, and Parquet files, counted with numpy.

The same buckets as the streaming engine (:mod:`tthc.reports._tally`), computed a record
batch at a time with array operations: the bucket code of every dossier in every window is
a few comparisons of 64-bit microsecond counts, and the codes are counted per group with
one sort. Memory is bounded by the batch size and the number of groups.

Every row is checked the way :class:`~tthc.reports.DossierRecord` checks it; a row that
fails is built as a record, so the error is the record's own, with the row's number. Rows
with supplement or payment waits (a list per row) are few; they are built as records and
counted by the streaming engine, and the two tallies are added, which is exact (reports
merge exactly). A classification policy without an array rule (``by-session``, one defined
elsewhere) reads every row as a record.

pyarrow and numpy are the ``arrow`` extra; they are only imported when a columnar input
comes along.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, Protocol, TypeVar, runtime_checkable

from tthc.deadlines import BY_DATE, BY_INSTANT, QD_766, TT_01_2018
from tthc.reports._columnar_flows import ColumnFlows
from tthc.reports._counts import Counts as _Counts
from tthc.reports._periods import TIME_DIMENSIONS, Period, time_label
from tthc.reports._prefetch import read_ahead
from tthc.reports._records import CHANNELS, DossierRecord
from tthc.reports._tally import (
    _CARRIED,
    _CHANNEL_BITS,
    _OPEN_IN_TIME,
    _OPEN_OVERDUE,
    _OUTCOME_COUNTERS,
    _OUTCOME_MASK,
    _PAUSED_PAYMENT,
    _PAUSED_SUPPLEMENT,
    _REFUSED,
    _RETURNED,
    COUNTERS,
    Key,
    Tallied,
    _decode,
    tally,
)

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

    from tthc.calendar import WorkingCalendar
    from tthc.reports._rules import Judge

__all__ = [
    "ARRAY_POLICIES",
    "SupportsArrowStream",
    "columnar_batches",
    "is_columnar",
    "read_parquet",
    "records_of_batches",
    "refused_rows",
    "tally_columns",
]


@runtime_checkable
class SupportsArrowStream(Protocol):
    """Anything exporting an Arrow C stream (the Arrow PyCapsule interface).

    pyarrow tables and readers, polars data frames, pandas data frames (2.2 and later) and
    duckdb results all do.
    """

    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object:
        """A PyCapsule holding an ``ArrowArrayStream``."""


#: Policies with an array rule here (the built-in fast rules of :mod:`tthc.reports._rules`).
ARRAY_POLICIES = frozenset({BY_DATE.name, BY_INSTANT.name, TT_01_2018.name, QD_766.name})

#: Rows read from a Parquet file at a time.
BATCH_ROWS = 1 << 17

_TIMES = ("received_at", "due_at", "legal_due_at", "result_ready_at", "returned_at", "ended_at")
_TEXTS = ("code", "procedure", "field", "agency", "level")
_LABELLED = ("procedure", "field", "agency", "level", "channel")  # few values, many rows
_WAITS = ("supplement_waits", "payment_waits")
_FLAGS = ("due_includes_waits", "paid_online", "digitised")
_FIELDS = frozenset(DossierRecord.__dataclass_fields__)
_REQUIRED = ("code", "received_at", "status")
_DAY = 86_400_000_000  # microseconds
_UNIX_ORDINAL = dt.date(1970, 1, 1).toordinal()
_VIETNAM = 7 * 3_600_000_000  # UTC+07:00, in microseconds
# The microseconds of 0001-01-01 and 9999-12-31 23:59:59.999999 from 1970 (Python's range).
_LOWEST = (dt.datetime(1, 1, 1) - dt.datetime(1970, 1, 1)) // dt.timedelta(microseconds=1)
_HIGHEST = (dt.datetime.max - dt.datetime(1970, 1, 1)) // dt.timedelta(microseconds=1)
_EARLY, _ON_TIME, _LATE = 0, 1, 2
_FIRST, _LAST = -(1 << 63), (1 << 63) - 1  # the int64 instants before and after every other


def is_columnar(source: object) -> bool:
    """Whether ``source`` is read by columns: Arrow data, an Arrow C stream, a Parquet path."""
    if isinstance(source, (str, os.PathLike)):
        return Path(source).suffix.lower() == ".parquet"
    if hasattr(source, "__arrow_c_stream__"):
        return True
    module = type(source).__module__
    return module.startswith("pyarrow") and type(source).__name__ in (
        "Table",
        "RecordBatch",
        "RecordBatchReader",
    )


def columnar_batches(source: object) -> Iterator[pa.RecordBatch]:
    """The record batches of a columnar ``source`` (see :func:`is_columnar`).

    Raises:
        ImportError: pyarrow is not installed (the ``arrow`` extra).
        OSError: A Parquet file cannot be read.
    """
    try:
        import pyarrow as pa  # noqa: PLC0415  (the arrow extra)
    except ImportError:
        raise ImportError(
            "reading Arrow data or Parquet files needs pyarrow: pip install 'tthc[arrow]'"
        ) from None
    if isinstance(source, (str, os.PathLike)):
        return iter(read_parquet(source))  # its columns checked there
    batches: Iterator[pa.RecordBatch]
    if isinstance(source, pa.Table):
        schema, batches = source.schema, iter(source.to_batches())
    elif isinstance(source, pa.RecordBatch):
        schema, batches = source.schema, iter([source])
    elif isinstance(source, pa.RecordBatchReader):
        schema, batches = source.schema, iter(source)
    else:
        # A data frame's index (a Dask partition's row numbers, say) is not a dossier field.
        stream = pa.RecordBatchReader.from_stream(source)
        index = _pandas_index(stream.schema)
        schema = pa.schema([f for f in stream.schema if f.name not in index])
        batches = (batch.drop_columns(index) for batch in stream) if index else iter(stream)
    _check_schema(schema)  # before any batch: a source without rows has none to check
    return batches


def read_parquet(path: str | os.PathLike[str]) -> pa.RecordBatchReader:
    """A Parquet file's record batches, whatever its name, read a batch at a time.

    Raises:
        ImportError: pyarrow is not installed (the ``arrow`` extra).
        ValueError: The file is not a Parquet file.
        OSError: It cannot be read.
    """
    try:
        import pyarrow as pa  # noqa: PLC0415  (the arrow extra)
        import pyarrow.parquet  # noqa: PLC0415
    except ImportError:
        raise ImportError(
            "reading Parquet files needs pyarrow: pip install 'tthc[arrow]'"
        ) from None
    parquet = _parquet_file(path)
    index = _pandas_index(parquet.schema_arrow)  # a data frame's index, written as columns
    columns = [name for name in parquet.schema_arrow.names if name not in index] if index else None

    def fields() -> pa.Schema:
        schema = parquet.schema_arrow
        return pa.schema([f for f in schema if f.name not in index], schema.metadata)

    _check_schema(fields())  # before any row: a file may have none
    # Text of few values read as dictionaries: Parquet mostly holds it so, and it is not
    # hashed again. Not the code, which is mostly unique.
    labels = [
        f.name
        for f in fields()
        if f.name in _LABELLED and (pa.types.is_string(f.type) or pa.types.is_large_string(f.type))
    ]
    if labels:
        parquet = _parquet_file(path, read_dictionary=labels)
    schema = fields()
    _check_schema(schema)  # the file read again: the same columns
    # The next batch is decoded while this one is counted.
    batches = read_ahead(parquet.iter_batches(batch_size=BATCH_ROWS, columns=columns))
    return pa.RecordBatchReader.from_batches(schema, batches)


def _parquet_file(path: str | os.PathLike[str], **options: Any) -> Any:
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.parquet as pq  # noqa: PLC0415

    try:
        return pq.ParquetFile(path, **options)
    except pa.ArrowInvalid as exc:
        raise ValueError(f"{os.fspath(path)}: not a Parquet file: {exc}") from None
    except OSError as exc:
        if exc.filename is not None:
            raise
        # pyarrow names the file in its message only: name it as open() would
        raise type(exc)(exc.errno, exc.strerror, os.fspath(path)) from None


def _pandas_index(schema: pa.Schema) -> list[str]:
    """The columns that hold a data frame's index, as the ``pandas`` metadata names them.

    An index that is a dossier field (``frame.set_index("code")``) is kept: it is that field.
    """
    import json  # noqa: PLC0415

    meta = (schema.metadata or {}).get(b"pandas")
    index = json.loads(meta).get("index_columns", []) if meta else []
    return [name for name in index if isinstance(name, str) and name not in _FIELDS]


def records_of_batches(batches: Iterable[pa.RecordBatch]) -> Iterator[DossierRecord]:
    """Every row as a :class:`DossierRecord`, for the rules without an array form.

    Raises:
        ValueError: A row a record refuses (``row N: ...``); an unknown or missing column.
        TypeError: A column of the wrong type.
    """
    first_row = 0
    for batch in batches:
        _check_schema(batch.schema)
        for i in range(batch.num_rows):
            yield _record_at(batch, i, first_row)
        first_row += batch.num_rows


# ---------------------------------------------------------------- columns to arrays


def _check_schema(schema: pa.Schema) -> None:
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.types as t  # noqa: PLC0415

    names = list(schema.names)
    unknown = sorted(set(names) - _FIELDS)
    missing = [name for name in _REQUIRED if name not in names]
    if unknown or missing:
        problems = []
        if unknown:
            problems.append(f"unknown column(s) {', '.join(map(repr, unknown))}")
        if missing:
            problems.append(f"missing column(s) {', '.join(missing)}")
        raise ValueError(
            f"{'; '.join(problems)}; expected columns among {', '.join(sorted(_FIELDS))}"
        )
    if len(set(names)) != len(names):
        twice = sorted({n for n in names if names.count(n) > 1})
        raise ValueError(f"column(s) {', '.join(map(repr, twice))} appear more than once")

    def time(kind: pa.DataType) -> bool:
        return bool(t.is_timestamp(kind) or t.is_null(kind))

    def text(kind: pa.DataType) -> bool:
        if t.is_dictionary(kind):
            kind = kind.value_type
        return bool(
            t.is_string(kind)
            or t.is_large_string(kind)
            or t.is_string_view(kind)  # polars' text
            or t.is_null(kind)
        )

    for field in schema:
        kind, name = field.type, field.name
        if name in _TIMES:
            ok = t.is_timestamp(kind) or t.is_null(kind)
            expected = "a timestamp"
        elif name in _TEXTS:
            ok, expected = text(kind), "text"
        elif name == "channel":
            ok, expected = text(kind) or t.is_integer(kind), "text or a portal code"
        elif name in ("status", "supplement_requests"):
            ok, expected = t.is_integer(kind) or t.is_null(kind), "an integer"
        elif name in _FLAGS:
            ok, expected = t.is_boolean(kind) or t.is_null(kind), "a boolean"
        else:  # the waits: lists of (started, ended) pairs of times
            ok = t.is_null(kind) or (
                (t.is_list(kind) or t.is_large_list(kind))
                and (
                    (
                        t.is_struct(kind.value_type)
                        and kind.value_type.num_fields == 2
                        and all(time(f.type) for f in kind.value_type)
                    )
                    or (
                        (t.is_list(kind.value_type) or t.is_fixed_size_list(kind.value_type))
                        and time(kind.value_type.value_type)
                    )
                )
            )
            expected = "a list of (started, ended) pairs of timestamps"
        if not ok:
            raise TypeError(f"column {name!r} must be {expected}, got {kind}")
    del pa


def _nulls(column: pa.Array) -> np.ndarray:
    """Where ``column`` is null, from its validity bitmap (no copy of the values)."""
    import numpy as np  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.compute as pc  # noqa: PLC0415

    n, offset = len(column), column.offset
    if pa.types.is_null(column.type):
        return np.ones(n, dtype=bool)
    if pa.types.is_dictionary(column.type):  # null where the index is, or the value it picks
        nulls = _nulls(column.indices)
        values = _nulls(column.dictionary)
        if values.any():
            picked = pc.fill_null(column.indices, 0).to_numpy(zero_copy_only=False)
            nulls |= values[picked]
        return nulls
    if column.null_count == 0:
        return np.zeros(n, dtype=bool)
    validity = column.buffers()[0]
    bits = np.unpackbits(
        np.frombuffer(validity, dtype=np.uint8), count=offset + n, bitorder="little"
    )
    return bits[offset:] == 0  # type: ignore[no-any-return]


def _int64s(column: pa.Array) -> np.ndarray:
    """The 64-bit values of an int64 or timestamp array, as a view of its buffer."""
    import numpy as np  # noqa: PLC0415

    n, offset = len(column), column.offset
    return np.frombuffer(column.buffers()[1], dtype=np.int64, count=offset + n)[offset:]


def _micros(column: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """A timestamp column as Vietnam local microseconds, and where it is null."""
    import numpy as np  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415

    if pa.types.is_null(column.type):
        return np.zeros(len(column), dtype=np.int64), np.ones(len(column), dtype=bool)
    unit, zone = column.type.unit, column.type.tz
    values, nulls = _int64s(column), _nulls(column)
    if column.null_count:
        values = np.where(nulls, 0, values)
    if unit == "s":
        values = values * 1_000_000
    elif unit == "ms":
        values = values * 1_000
    elif unit == "ns":
        values = values // 1_000  # a datetime has microseconds: the rest is cut, as Python does
    if zone is not None:  # an instant: its Vietnam wall clock
        values = values + _VIETNAM
    return values, nulls


def _ints(column: pa.Array | None, n: int, default: int) -> tuple[np.ndarray, np.ndarray]:
    import numpy as np  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.compute as pc  # noqa: PLC0415

    if column is None or pa.types.is_null(column.type):
        return np.full(n, default, dtype=np.int64), np.ones(n, dtype=bool)
    nulls = _nulls(column)
    if pa.types.is_int64(column.type):
        values = _int64s(column)
        return (np.where(nulls, default, values) if column.null_count else values), nulls
    # Out of the int64 range cannot be a status or a count: clip, the check refuses it.
    if pa.types.is_uint64(column.type):
        column = pc.min_element_wise(column, pa.scalar(2**62, pa.uint64()))
    values = pc.fill_null(column.cast(pa.int64()), default).to_numpy(zero_copy_only=False)
    return values, nulls


def _labels(column: pa.Array | None, n: int) -> tuple[np.ndarray, list[str]]:
    """A text column as codes into its distinct values (null and missing read as "")."""
    import numpy as np  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.compute as pc  # noqa: PLC0415

    if column is None or pa.types.is_null(column.type):
        return np.zeros(n, dtype=np.int64), [""]
    if not pa.types.is_dictionary(column.type):
        column = pc.dictionary_encode(column)
    indices = column.indices
    values = [v if v is not None else "" for v in column.dictionary.to_pylist()]
    codes = pc.fill_null(indices.cast(pa.int64()), len(values)).to_numpy(zero_copy_only=False)
    return codes, [*values, ""]


def _channels(column: pa.Array | None, n: int) -> np.ndarray:
    """The channel's report bits; 0 where the value is not a channel, counter where null."""
    import numpy as np  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415

    counter = _CHANNEL_BITS["counter"]
    if column is None or pa.types.is_null(column.type):
        return np.full(n, counter, dtype=np.int64)
    if pa.types.is_integer(column.type):
        values, _ = _ints(column, n, CHANNELS["counter"])
        bits = np.zeros(n, dtype=np.int64)
        for name, number in CHANNELS.items():
            bits[values == number] = _CHANNEL_BITS[name]
        return bits
    codes, labels = _labels(column, n)
    table = np.array([_CHANNEL_BITS.get(label, 0) for label in labels], dtype=np.int64)
    read: np.ndarray = table[codes]
    read[_nulls(column)] = counter
    return read


class _Wait:
    """At most one wait of a kind per row: whether there is one, its start and end."""

    __slots__ = ("end", "has", "open", "start")

    def __init__(self, has: np.ndarray, start: np.ndarray, end: np.ndarray, open_: np.ndarray):
        self.has, self.start, self.end, self.open = has, start, end, open_

    def take(self, rows: np.ndarray | slice) -> _Wait:
        return _Wait(self.has[rows], self.start[rows], self.end[rows], self.open[rows])


def _waits_of(column: pa.Array | None, n: int) -> tuple[_Wait, np.ndarray, np.ndarray]:
    """The rows' single waits, the rows the records must read, and the waits per row.

    A row with more than one wait, or a pair that is null, has no start, or is not a pair,
    is read as a record (which counts it, or says what is wrong with it).
    """
    import numpy as np  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.compute as pc  # noqa: PLC0415

    zeros = np.zeros(n, dtype=np.int64)
    none = _Wait(np.zeros(n, dtype=bool), zeros, zeros, np.zeros(n, dtype=bool))
    if column is None or pa.types.is_null(column.type):
        return none, np.zeros(n, dtype=bool), zeros
    lengths = pc.fill_null(pc.list_value_length(column), 0).to_numpy(zero_copy_only=False)
    lengths = lengths.astype(np.int64)
    has = lengths == 1
    odd = lengths > 1
    if not has.any():
        return none, odd, lengths
    element = column.type.value_type
    if pa.types.is_fixed_size_list(element):  # rare: read as records
        return none, odd | has, lengths
    first = column.offsets.to_numpy(zero_copy_only=False)[:-1].astype(np.int64)
    pairs = column.values
    at = np.where(has, first, 0)  # the one pair of each row that has one
    unreadable = _nulls(pairs)[at]
    if pa.types.is_struct(element):
        parts = dict(zip([f.name for f in element], pairs.flatten(), strict=True))
        if "started" in parts and "ended" in parts:  # by name: pyarrow may order them ended first
            starts, ends = parts["started"], parts["ended"]
        else:
            starts, ends = pairs.flatten()
        slot = at
        second = at
    else:  # a list of two times
        inner = pairs.offsets.to_numpy(zero_copy_only=False).astype(np.int64)
        unreadable |= (inner[1:] - inner[:-1])[at] != 2
        starts = ends = pairs.values
        top = len(starts) - 1
        if top < 0:  # no times at all: every pair is empty
            return none, odd | has, lengths
        slot = np.minimum(inner[:-1][at], top)
        second = np.minimum(slot + 1, top)
    start_us, start_null = _micros(starts)
    end_us, end_null = _micros(ends)
    unreadable |= start_null[slot]
    unreadable &= has
    odd |= unreadable
    has &= ~unreadable
    return _Wait(has, start_us[slot], end_us[second], end_null[second]), odd, lengths


# ---------------------------------------------------------------- the rules on arrays


def _bounds(
    policy: str, due: tuple[np.ndarray, np.ndarray], legal: tuple[np.ndarray, np.ndarray]
) -> tuple[np.ndarray, np.ndarray]:
    """Per row, the instants where ``policy``'s verdict changes.

    A dossier finished before the first is early, from the second on late, between them on
    time.

    Computed once per batch, so a verdict at any instant is two comparisons: no division
    by the day per window.
    """
    import numpy as np  # noqa: PLC0415

    due_us, no_due = due
    legal_us, no_legal = legal
    if policy == BY_INSTANT.name:
        early_before, late_from, none = due_us, due_us + 1, no_due
    elif policy in (BY_DATE.name, TT_01_2018.name):  # TT 01/2018: against the legal time
        against, none = (
            (due_us, no_due)
            if policy == BY_DATE.name
            else (np.where(no_legal, due_us, legal_us), no_due & no_legal)
        )
        early_before = against - against % _DAY  # the day's midnight
        late_from = early_before + _DAY
    else:  # QĐ 766: late past the instant, early before its day; no appointment, the law's
        against, none = np.where(no_due, legal_us, due_us), no_due & no_legal
        early_before, late_from = against - against % _DAY, against + 1
    # No due date at all: on time whenever it ends.
    return np.where(none, _FIRST, early_before), np.where(none, _LAST, late_from)


def _verdicts(
    policy: str,
    finished: np.ndarray,
    bounds: tuple[np.ndarray, np.ndarray],
    requests: np.ndarray,
) -> np.ndarray:
    """Early, on time or late (0, 1, 2) under ``policy``, for dossiers without waits."""
    import numpy as np  # noqa: PLC0415

    early_before, late_from = bounds
    verdict = (finished >= early_before).astype(np.int64) + (finished >= late_from)
    if policy not in (BY_DATE.name, BY_INSTANT.name, TT_01_2018.name):
        # QĐ 766: more than one supplement request is late.
        verdict = np.where(requests > 1, _LATE, verdict)
    return verdict


def _verdicts_at(
    policy: str,
    at: np.ndarray,
    bounds: tuple[np.ndarray, np.ndarray],
    requests: np.ndarray,
    *,
    supplement: _Wait,
    includes: np.ndarray,
) -> np.ndarray:
    """The verdict at ``at`` of dossiers with at most one supplement wait.

    As the streaming engine asks its judge: the requests made by then, and for QĐ 766 the
    wait before ``at`` (cut to it) taken off, unless the due date already moved for it.
    """
    import numpy as np  # noqa: PLC0415

    made = requests - (supplement.has & (supplement.start > at))
    finished = at
    if policy == QD_766.name:
        waited = supplement.has & ~includes & (supplement.start < at)
        until = np.minimum(np.where(supplement.open, at, supplement.end), at)
        finished = at - np.where(waited, until - supplement.start, 0)
    return _verdicts(policy, finished, bounds, made)


def _end_codes(kind: np.ndarray, verdict: np.ndarray) -> np.ndarray:
    """The outcome bits of an ended dossier (``_tally._END_CODES`` on arrays)."""
    import numpy as np  # noqa: PLC0415

    late = (verdict == _LATE).astype(np.int64)
    return np.where(kind == 0, 3 + verdict, np.where(kind == 7, 8 + late, 10 + late)) << 3


class _Windows:
    """The window of an instant inside the period, by a table of the period's days."""

    def __init__(self, windows: list[Period]) -> None:
        import numpy as np  # noqa: PLC0415

        self.first_day = windows[0].first.toordinal() - _UNIX_ORDINAL
        days = [(p.last - p.first).days + 1 for p in windows]
        self.table = np.repeat(np.arange(len(windows), dtype=np.int64), days)

    def of(self, micros: np.ndarray) -> np.ndarray:
        """The window numbers of ``micros``; those outside the period get the nearest one."""
        import numpy as np  # noqa: PLC0415

        day = micros // _DAY - self.first_day
        return self.table[np.clip(day, 0, len(self.table) - 1)]  # type: ignore[no-any-return]


# ---------------------------------------------------------------- one batch


class _Frame:
    """What every batch of one report shares: the windows, the period and cut in microseconds.

    A window is ``[start, cut)``: a month, quarter or year of the period that starts before
    the cut (the whole period when the report is not split in time); the last one ends at
    the cut.
    """

    def __init__(self, period: Period, cut: dt.datetime, group_by: tuple[str, ...]) -> None:
        import numpy as np  # noqa: PLC0415

        epoch, micro = dt.datetime(1970, 1, 1), dt.timedelta(microseconds=1)
        self.static = [d for d in group_by if d not in TIME_DIMENSIONS]
        self.timed = [d for d in group_by if d in TIME_DIMENSIONS]
        self.finest = next((d for d in TIME_DIMENSIONS if d in self.timed), None)
        finest = self.finest
        self.windows = [p for p in period.split(finest) if p.start < cut] if finest else [period]
        self.start = (period.start - epoch) // micro
        self.cut = (cut - epoch) // micro
        self.starts = np.asarray([(p.start - epoch) // micro for p in self.windows], np.int64)
        self.cuts = np.asarray([(min(p.end, cut) - epoch) // micro for p in self.windows], np.int64)
        self.windows_of = _Windows(self.windows)


class _Groups:
    """The groups of one batch: a number per row, and the labels of a number."""

    def __init__(self, digits: list[np.ndarray], tables: list[list[str]], n: int) -> None:
        import numpy as np  # noqa: PLC0415

        self.tables = tables
        self.sizes = [len(t) for t in tables]
        self.dense: list[int] | None = None  # group number -> mixed-radix number, if renumbered
        number = np.zeros(n, dtype=np.int64)
        for d, size in zip(digits, self.sizes, strict=True):
            number = number * size + d
        product = 1
        for size in self.sizes:
            product *= size
        if product > 1 << 24:  # too many combinations to number densely: renumber those seen
            seen, number = np.unique(number, return_inverse=True)
            self.dense = seen.tolist()
        self.number: np.ndarray = number.reshape(-1)
        self.count = product if self.dense is None else len(self.dense)

    def key(self, g: int) -> object:
        """The streaming engine's group key: the value for one dimension, else a tuple."""
        if self.dense is not None:
            g = self.dense[g]
        values: list[str] = []
        for table, size in zip(reversed(self.tables), reversed(self.sizes), strict=True):
            g, digit = divmod(g, size)
            values.append(table[digit])
        values.reverse()
        return values[0] if len(values) == 1 else tuple(values)


def _readable(column: pa.Array, i: int) -> bool:
    try:
        column.slice(i, 1).to_pylist()
    except (ValueError, OverflowError):
        return False
    return True


def _records_at(batch: pa.RecordBatch, rows: np.ndarray, first_row: int) -> list[DossierRecord]:
    """Rows as records, in one conversion; row by row when one of them fails."""
    if len(rows) == 0:
        return []
    try:
        values = batch.take(rows).to_pylist()
    except (ValueError, OverflowError):  # a time out of range: find it row by row
        return [_record_at(batch, i, first_row) for i in rows.tolist()]
    records = []
    for i, row in zip(rows.tolist(), values, strict=True):
        record = _try_record(row)
        # a row the record refuses: raise its error, with the row's number
        records.append(record if record is not None else _record_at(batch, i, first_row))
    return records


def _try_record(row: dict[str, Any]) -> DossierRecord | None:
    try:
        return _as_record(row)
    except (TypeError, ValueError, OverflowError):
        return None


def _as_record(row: dict[str, Any]) -> DossierRecord:
    for name in _WAITS:
        waits = row.get(name)
        if waits:
            row[name] = [tuple(w.values()) if isinstance(w, dict) else w for w in waits]
    return DossierRecord.from_mapping(row)


def _record_at(batch: pa.RecordBatch, i: int, first_row: int) -> DossierRecord:
    """Row ``i`` as a record; the record's own error, with the row's number from 1."""
    number = first_row + i + 1
    try:
        row = batch.slice(i, 1).to_pylist()[0]
    except (ValueError, OverflowError):  # a time pyarrow cannot make a datetime of
        name = next(n for n in batch.schema.names if not _readable(batch.column(n), i))
        raise ValueError(
            f"row {number}: {name} is outside the years 1 to 9999 a datetime holds"
        ) from None
    try:
        return _as_record(row)
    except (TypeError, ValueError, OverflowError) as exc:
        kind = TypeError if isinstance(exc, TypeError) else ValueError
        raise kind(f"row {number}: {exc}") from None


def _first_bad(batch: pa.RecordBatch, **columns: Any) -> int | None:
    """The first row without waits that a :class:`DossierRecord` refuses, or None."""
    import numpy as np  # noqa: PLC0415

    found = np.flatnonzero(_refused(batch, **columns))
    return int(found[0]) if len(found) else None


def refused_rows(batch: pa.RecordBatch) -> np.ndarray:
    """Where a :class:`DossierRecord` refuses a row of ``batch``, or a row has several waits.

    ``batch`` has the record fields as columns (a text reader's batch); the rows it marks
    are for a record to read, which says what is wrong with them.
    """
    n = batch.num_rows
    names = batch.schema.names

    def column(name: str) -> pa.Array | None:
        return batch.column(name) if name in names else None

    import numpy as np  # noqa: PLC0415

    times = {
        name: _micros(col)
        if (col := column(name)) is not None
        else (np.zeros(n, dtype=np.int64), np.ones(n, dtype=bool))
        for name in _TIMES
    }
    status, status_null = _ints(column("status"), n, 0)
    supplement, odd, made = _waits_of(column("supplement_waits"), n)
    payment, odd_payments, _ = _waits_of(column("payment_waits"), n)
    requests, no_requests = _ints(column("supplement_requests"), n, 0)
    waits = odd | odd_payments
    bad: np.ndarray = _refused(
        batch,
        status=status,
        status_null=status_null,
        times=times,
        channel=_channels(column("channel"), n),
        requests=np.where(no_requests, made, requests),
        waits=waits,
        supplement=supplement,
        payment=payment,
    )
    return bad | waits  # type: ignore[no-any-return]


def _refused(
    batch: pa.RecordBatch,
    *,
    status: np.ndarray,
    status_null: np.ndarray,
    times: dict[str, tuple[np.ndarray, np.ndarray]],
    channel: np.ndarray,
    requests: np.ndarray,
    waits: np.ndarray,
    supplement: _Wait,
    payment: _Wait,
) -> np.ndarray:
    """Where a row without waits is one that a :class:`DossierRecord` refuses."""
    import numpy as np  # noqa: PLC0415

    received, no_received = times["received_at"]
    ready, no_ready = times["result_ready_at"]
    returned, no_returned = times["returned_at"]
    ended, no_ended = times["ended_at"]
    bad = status_null | (status < 1) | (status > 10) | no_received | (channel == 0)
    if "code" in batch.schema.names:
        bad |= _nulls(batch.column("code"))
    for values, nulls in times.values():
        bad |= ~nulls & ((values < _LOWEST) | (values > _HIGHEST))
    bad |= ~no_ready & (ready < received)
    bad |= ~no_returned & ((returned < received) | (~no_ready & (returned < ready)))
    bad |= ~no_ended & (ended < received)
    bad |= (status == 9) & no_ready
    bad |= (status == 10) & no_returned
    bad |= np.isin(status, (3, 7, 8)) & no_ended
    for wait in (supplement, payment):  # a wait from its receipt, ended after it began
        bad |= wait.has & (
            (wait.start < received)
            | (wait.start < _LOWEST)
            | (wait.start > _HIGHEST)
            | (~wait.open & ((wait.end < wait.start) | (wait.end > _HIGHEST)))
        )
    # waiting now: the last wait of that kind must be open
    bad |= (status == 5) & ~(supplement.has & supplement.open)
    bad |= (status == 6) & ~(payment.has & payment.open)
    bad |= requests < 0
    bad &= ~waits  # rows with waits are checked as records when they are counted
    return bad  # type: ignore[no-any-return]


def _tally_batch(  # noqa: PLR0915  (one pass of array operations, in one place)
    batch: pa.RecordBatch,
    first_row: int,
    counts: _Counts,
    *,
    frame: _Frame,
    policy: str,
    on_return: bool,
    flows: ColumnFlows,
) -> list[DossierRecord]:
    """Count the rows of ``batch`` without waits; return the rows with waits as records."""
    import numpy as np  # noqa: PLC0415

    n = batch.num_rows
    names = batch.schema.names

    def column(name: str) -> pa.Array | None:
        return batch.column(name) if name in names else None

    times = {}
    for name in _TIMES:
        col = column(name)
        times[name] = (
            _micros(col)
            if col is not None
            else (np.zeros(n, dtype=np.int64), np.ones(n, dtype=bool))
        )
    status, status_null = _ints(column("status"), n, 0)
    channel = _channels(column("channel"), n)
    supplement, odd, made = _waits_of(column("supplement_waits"), n)
    payment, odd_payments, _ = _waits_of(column("payment_waits"), n)
    waits = odd | odd_payments  # the rows the records read
    requests, no_requests = _ints(column("supplement_requests"), n, 0)
    requests = np.where(no_requests, made, requests)  # by default, one per supplement wait
    includes, _ = _ints(column("due_includes_waits"), n, 0)
    includes = includes.astype(bool)
    bad = _first_bad(
        batch,
        status=status,
        status_null=status_null,
        times=times,
        channel=channel,
        requests=requests,
        waits=waits,
        supplement=supplement,
        payment=payment,
    )
    # The rows with waits, as records, up to the first bad row: the first error in row order.
    rows = np.flatnonzero(waits)
    with_waits = _records_at(batch, rows if bad is None else rows[rows < bad], first_row)
    if bad is not None:
        _record_at(batch, bad, first_row)
        raise AssertionError(f"row {first_row + bad + 1} was refused and then read")

    start, cut_us, windows_of = frame.start, frame.cut, frame.windows_of
    received = times["received_at"][0]
    keep = ~waits & (status != 1) & (received < cut_us)

    # The groups of this batch, numbered.
    digits, tables = [], []
    for d in frame.static:
        if d == "channel":
            names_of = {bits: name for name, bits in _CHANNEL_BITS.items()}
            digits.append(channel)
            tables.append([names_of.get(b, "") for b in range(8)])
        else:
            code_of, labels = _labels(column(d), n)
            digits.append(code_of)
            tables.append(labels)
    groups = _Groups(digits, tables, n)
    group = groups.number
    w = len(frame.windows)
    keys: list[np.ndarray] = []

    # Reception refused: counted when refused, never as received.
    ended, no_ended = times["ended_at"]
    refused = keep & (status == 3)
    refused &= ~no_ended & (start <= ended) & (ended < cut_us)
    window = windows_of.of(ended[refused])
    keys.append(((group[refused] * w + window) << 10) | _REFUSED)
    counts.total[_REFUSED] += int(refused.sum())
    keep &= status != 3

    # The end that resolves or closes the dossier, and its kind (0 a result, 7, 8).
    ready, no_ready = times["result_ready_at"]
    returned_at, no_returned = times["returned_at"]
    resolved = status >= 9
    if on_return:
        end = np.where(resolved, returned_at, ended)
        no_end = np.where(resolved, (status != 10) | no_returned, no_ended)
    else:
        end = np.where(resolved, np.where(no_ready, returned_at, ready), ended)
        no_end = np.where(resolved, no_ready & no_returned, no_ended)
    closing = (status == 7) | (status == 8)
    no_end |= ~(resolved | closing)
    kind = np.where(closing, status, 0)
    returned = ~no_returned & (start <= returned_at) & (returned_at < cut_us)

    # Ended before the period: a return in it at most.
    before = keep & ~no_end & (end < start)
    back = before & returned
    window = windows_of.of(returned_at[back])
    keys.append(((group[back] * w + window) << 10) | _RETURNED)
    counts.total[_RETURNED] += int(back.sum())
    keep &= ~before

    idx = np.flatnonzero(keep)
    flows.add_batch(
        column,
        idx,
        groups=groups,
        windows=w,
        received=received,
        end=end,
        resolved=~no_end & (end < cut_us) & (kind == 0),
        online=channel == _CHANNEL_BITS["online"],
        supplement=supplement,
        frame=frame,
    )
    if len(idx):
        _count_open_windows(
            keys,
            counts,
            policy=policy,
            received=times["received_at"][0][idx],
            end=end[idx],
            no_end=no_end[idx],
            kind=kind[idx],
            returned=returned[idx],
            returned_at=returned_at[idx],
            group=group[idx],
            channel=channel[idx],
            requests=requests[idx],
            due=(times["due_at"][0][idx], times["due_at"][1][idx]),
            legal=(times["legal_due_at"][0][idx], times["legal_due_at"][1][idx]),
            supplement=supplement.take(idx),
            payment=payment.take(idx),
            includes=includes[idx],
            start=start,
            cut=cut_us,
            starts=frame.starts,
            cuts=frame.cuts,
            finest=frame.finest,
            windows_of=windows_of,
        )
    counts.add(groups, keys)
    return with_waits


def _count_open_windows(
    keys: list[np.ndarray],
    counts: _Counts,
    *,
    policy: str,
    received: np.ndarray,
    end: np.ndarray,
    no_end: np.ndarray,
    kind: np.ndarray,
    returned: np.ndarray,
    returned_at: np.ndarray,
    group: np.ndarray,
    channel: np.ndarray,
    requests: np.ndarray,
    due: tuple[np.ndarray, np.ndarray],
    legal: tuple[np.ndarray, np.ndarray],
    supplement: _Wait,
    payment: _Wait,
    includes: np.ndarray,
    start: int,
    cut: int,
    starts: np.ndarray,
    cuts: np.ndarray,
    finest: str | None,
    windows_of: _Windows,
) -> None:
    """The dossiers open in some window: their code in each, from the first to the last.

    Those without a wait are coded in closed form, those with one window by window.
    """
    import numpy as np  # noqa: PLC0415

    w = len(cuts)
    bounds = _bounds(policy, due, legal)
    ends_in = ~no_end & (end < cut)
    end_code = _end_codes(
        kind, _verdicts_at(policy, end, bounds, requests, supplement=supplement, includes=includes)
    )
    lo = np.where(received < start, 0, windows_of.of(received))
    hi = np.where(ends_in, windows_of.of(end), w - 1)
    first_code = np.where(received < starts[lo], _CARRIED, channel)
    spans = _Spans(
        lo, hi, first_code, end_code, ends_in, end, *bounds, requests, group, returned, returned_at
    )
    last_code = np.zeros(len(received), dtype=np.int64)
    waiting = supplement.has | payment.has
    plain: np.ndarray | slice = np.flatnonzero(~waiting)
    if len(plain) == len(received):  # type: ignore[arg-type]
        plain = slice(None)  # every row: views, not copies
    last_code[plain] = _codes_without_waits(
        keys,
        spans.take(plain),
        policy=policy,
        w=w,
        cuts=cuts,
        windows_of=windows_of,
    )
    rows = np.flatnonzero(waiting)
    if len(rows):
        last_code[rows] = _codes_with_waits(
            keys,
            spans.take(rows),
            policy=policy,
            w=w,
            supplement=supplement.take(rows),
            payment=payment.take(rows),
            includes=includes[rows],
            starts=starts,
            cuts=cuts,
        )
    total = (first_code & 7) | (last_code & _OUTCOME_MASK) | np.where(returned, _RETURNED, 0)
    counts.add_total(total)
    if finest is not None:  # a return in a window after the dossier's last one
        j = windows_of.of(returned_at)
        later = returned & ((j < lo) | (j > hi))
        keys.append(((group[later] * w + j[later]) << 10) | _RETURNED)


def _late_from(policy: str, late_from: np.ndarray, requests: np.ndarray) -> np.ndarray:
    """The instant from which a dossier without a supplement wait is late under ``policy``."""
    import numpy as np  # noqa: PLC0415

    if policy in (BY_DATE.name, BY_INSTANT.name, TT_01_2018.name):
        return late_from
    return np.where(requests > 1, _FIRST, late_from)


def _after(
    rows: np.ndarray, first: np.ndarray, widths: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """A (row, window) pair for each of the ``widths[k]`` windows after ``first[rows[k]]``."""
    import numpy as np  # noqa: PLC0415

    row = np.repeat(rows, widths)
    offset = np.arange(len(row)) - np.repeat(np.cumsum(widths) - widths, widths)
    return row, first[row] + 1 + offset


class _Spans(NamedTuple):
    """The windows a dossier is counted in, ``lo`` to ``hi``, and how it is coded there."""

    lo: np.ndarray
    hi: np.ndarray
    first_code: np.ndarray  # its channel, or carried from before the period
    end_code: np.ndarray  # its outcome, if it ends in window hi
    ends_in: np.ndarray
    end: np.ndarray
    early_before: np.ndarray
    late_from: np.ndarray
    requests: np.ndarray
    group: np.ndarray
    returned: np.ndarray  # in the period
    returned_at: np.ndarray

    def take(self, rows: np.ndarray | slice) -> _Spans:
        return _Spans(*(values[rows] for values in self))


def _codes_without_waits(
    keys: list[np.ndarray],
    spans: _Spans,
    *,
    policy: str,
    w: int,
    cuts: np.ndarray,
    windows_of: _Windows,
) -> np.ndarray:
    """The codes of dossiers without waits in their windows ``lo`` to ``hi``; the last code.

    Without a wait the verdict at a cut only moves from on time to late, at the first
    window whose cut reaches the row's ``late_from``; the dossier ends, if it does, in
    window ``hi``; it is returned in one window at most. So the first and last windows are
    coded row by row, and the windows between them are carried open: in time before that
    window, overdue from it, returned in the one where the return falls.
    """
    import numpy as np  # noqa: PLC0415

    lo, hi, late_from, group = spans.lo, spans.hi, spans.late_from, spans.group
    late_from = _late_from(policy, late_from, spans.requests)
    overdue_from = np.searchsorted(cuts, late_from, side="left")  # first cut >= late_from
    back = np.where(
        spans.returned, windows_of.of(spans.returned_at), -1
    )  # the window of the return

    def open_code(i: np.ndarray) -> np.ndarray:
        return np.where(i >= overdue_from, _OPEN_OVERDUE, _OPEN_IN_TIME)

    def returned_in(i: np.ndarray) -> np.ndarray:
        return np.where(back == i, _RETURNED, 0)

    single, ends_in, end_code = lo == hi, spans.ends_in, spans.end_code
    first = spans.first_code | returned_in(lo)
    first |= np.where(single & ends_in, end_code, open_code(lo))
    last = _CARRIED | returned_in(hi) | np.where(ends_in, end_code, open_code(hi))
    keys.append(((group * w + lo) << 10) | first)
    several = np.flatnonzero(~single)
    keys.append(((group[several] * w + hi[several]) << 10) | last[several])
    # The windows strictly between: (row, window) pairs, one per window.
    between = np.flatnonzero(hi - lo > 1)
    if len(between):
        row, i = _after(between, lo, hi[between] - lo[between] - 1)
        code = np.where(i >= overdue_from[row], _OPEN_OVERDUE, _OPEN_IN_TIME) | _CARRIED
        code |= np.where(back[row] == i, _RETURNED, 0)
        keys.append(((group[row] * w + i) << 10) | code)
    return np.where(single, first, last)


def _codes_with_waits(
    keys: list[np.ndarray],
    spans: _Spans,
    *,
    policy: str,
    w: int,
    supplement: _Wait,
    payment: _Wait,
    includes: np.ndarray,
    starts: np.ndarray,
    cuts: np.ndarray,
) -> np.ndarray:
    """The codes of dossiers with a wait in their windows ``lo`` to ``hi``; the last code.

    Step ``k`` handles the ``k``-th window of every dossier still open in it, so the work is
    the number of (dossier, window) pairs, not dossiers times windows.
    """
    import numpy as np  # noqa: PLC0415

    lo, hi, first_code, end_code, ends_in, end, *bounds, requests, group, returned, returned_at = (
        spans
    )
    last_code = np.zeros(len(lo), dtype=np.int64)
    active = np.arange(len(lo))
    k = 0
    while len(active):
        rows: np.ndarray | slice = slice(None) if k == 0 else active
        i = lo[rows] + k
        at = cuts[i]
        code = first_code.copy() if k == 0 else np.full(len(active), _CARRIED, dtype=np.int64)
        here = (bounds[0][rows], bounds[1][rows])
        s, p = supplement.take(rows), payment.take(rows)
        # Waiting for a supplement at the cut: judged when the wait began (the clock stopped).
        paused = s.has & (s.start < at) & (s.open | (s.end >= at))
        paying = p.has & (p.start < at) & (p.open | (p.end >= at))
        judged_at = np.where(paused, s.start, at)
        verdict = _verdicts_at(
            policy, judged_at, here, requests[rows], supplement=s, includes=includes[rows]
        )
        late = verdict == _LATE
        ended = ends_in[rows] & (end[rows] < at)
        code |= np.where(ended, end_code[rows], np.where(late, _OPEN_OVERDUE, _OPEN_IN_TIME))
        code |= np.where(~ended & paused, _PAUSED_SUPPLEMENT, 0)
        code |= np.where(~ended & paying, _PAUSED_PAYMENT, 0)
        r_at = returned_at[rows]
        code |= np.where(returned[rows] & (starts[i] <= r_at) & (r_at < at), _RETURNED, 0)
        keys.append(((group[rows] * w + i) << 10) | code)
        done = i == hi[rows]
        # Settled from here to the last window (no end, no return to come, a payment wait
        # under way or over): paused for a supplement, the code stays; without a supplement
        # wait, it only turns overdue. Those windows are coded at once.
        settled = ~done & ~ends_in[rows] & ~returned[rows]
        settled &= ~p.has | ((p.start < at) & (p.open | (p.end < at)))
        held = settled & s.has & s.open & (s.start < at)
        moving = settled & ~s.has
        if held.any() or moving.any():
            kept = held | moving
            code[kept] = _fill_windows(
                keys,
                np.flatnonzero(kept),
                policy=policy,
                held=held,
                code=(code & ~(7 | _RETURNED)) | _CARRIED,
                paying=np.where(p.has & p.open, _PAUSED_PAYMENT, 0),
                i=i,
                hi=hi[rows],
                group=group[rows],
                late_from=bounds[1][rows],
                requests=requests[rows],
                w=w,
                cuts=cuts,
            )
            done |= kept
        last_code[active[done]] = code[done]
        active = active[~done]
        k += 1
    return last_code


def _fill_windows(
    keys: list[np.ndarray],
    rows: np.ndarray,
    *,
    policy: str,
    held: np.ndarray,
    code: np.ndarray,
    paying: np.ndarray,
    i: np.ndarray,
    hi: np.ndarray,
    group: np.ndarray,
    late_from: np.ndarray,
    requests: np.ndarray,
    w: int,
    cuts: np.ndarray,
) -> np.ndarray:
    """The windows after ``i`` to ``hi`` of settled ``rows`` (see :func:`_codes_with_waits`).

    A ``held`` row keeps ``code``; another is carried open, overdue from the first window
    whose cut reaches its ``late_from``, with ``paying`` if a payment wait is under way.
    Returns the code in window ``hi`` of each of ``rows``.
    """
    import numpy as np  # noqa: PLC0415

    late_from = _late_from(policy, late_from, requests)
    widths = hi[rows] - i[rows]
    row, window = _after(rows, i, widths)
    overdue_from = np.searchsorted(cuts, late_from[row], side="left")
    moving = _CARRIED | paying[row] | np.where(window >= overdue_from, _OPEN_OVERDUE, _OPEN_IN_TIME)
    codes = np.where(held[row], code[row], moving)
    keys.append(((group[row] * w + window) << 10) | codes)
    last = np.cumsum(widths) - 1  # each row's last (row, window) pair
    return codes[last]  # type: ignore[no-any-return]


#: Rows counted at a time, by one thread.
SLICE_ROWS = 1 << 16

_Slice = tuple["_Counts", ColumnFlows, list[DossierRecord], int]
_T = TypeVar("_T")


def _threads() -> int:
    """The threads that count: one per core this process may run on, at most 8."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, min(cores, 8))


def _in_slices(
    batches: Iterable[pa.RecordBatch], count: Callable[[pa.RecordBatch, int], _T]
) -> Iterator[_T]:
    """``count(piece, first_row)`` of every slice of ``batches``, in order, on threads.

    A slice is at most :data:`SLICE_ROWS` rows of a batch; ``first_row`` numbers its first
    row across the batches. A few slices are counted ahead while the results are taken in
    order, so memory stays bounded and the first error raised is that of the first bad row
    (a batch that cannot be read comes after the rows before it).
    """

    def pieces() -> Iterator[tuple[pa.RecordBatch, int]]:
        first_row = 0
        for batch in batches:
            _check_schema(batch.schema)
            for offset in range(0, batch.num_rows, SLICE_ROWS):
                yield batch.slice(offset, SLICE_ROWS), first_row + offset
            first_row += batch.num_rows

    threads = _threads()
    if threads == 1:
        for piece, first_row in pieces():
            yield count(piece, first_row)
        return
    pending: deque[Future[_T]] = deque()
    pool = ThreadPoolExecutor(threads, thread_name_prefix="tthc-count")
    try:
        ahead = pieces()
        while True:
            try:
                piece, first_row = next(ahead)
            except StopIteration:
                break
            except BaseException:
                for future in pending:  # the rows read before it fail first
                    future.result()
                raise
            pending.append(pool.submit(count, piece, first_row))
            if len(pending) > 2 * threads:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def tally_columns(
    batches: Iterable[pa.RecordBatch],
    *,
    period: Period,
    cut: dt.datetime,
    group_by: tuple[str, ...],
    policy: str,
    judge: Judge,
    on_return: bool,
    calendar: WorkingCalendar | None = None,
) -> Tallied:
    """Count the bucket codes of every row of ``batches`` per group and window.

    ``policy`` names one of :data:`ARRAY_POLICIES`; ``judge`` is its rule for the rows with
    waits, which the streaming engine counts; ``calendar`` measures processing time.

    Raises:
        ValueError: A row a :class:`DossierRecord` refuses (``row N: ...``, numbered from 1
            across the batches); an unknown or missing column.
        TypeError: A column of the wrong type.
    """
    frame = _Frame(period, cut, group_by)
    counts = _Counts(len(frame.windows))
    flows = ColumnFlows(calendar, counts.windows)
    records = 0
    with_waits: list[DossierRecord] = []
    rows: dict[Key, list[int]] = {}
    total = [0] * len(COUNTERS)
    stream = functools.partial(
        tally,
        period=period,
        cut=cut,
        group_by=group_by,
        judge=judge,
        on_return=on_return,
        monotone=True,
        calendar=calendar,
    )

    def count(piece: pa.RecordBatch, first_row: int) -> _Slice:
        part, part_flows = _Counts(counts.windows), ColumnFlows(calendar, counts.windows)
        found = _tally_batch(
            piece,
            first_row,
            part,
            frame=frame,
            policy=policy,
            on_return=on_return,
            flows=part_flows,
        )
        return part, part_flows, found, piece.num_rows

    def fold(done: _Slice) -> None:
        nonlocal with_waits, records
        part, part_flows, found, n = done
        records += n
        counts.merge(part)
        flows.merge(part_flows)
        with_waits.extend(found)
        if len(with_waits) >= BATCH_ROWS:
            _add_tallied(rows, total, stream(with_waits))
            with_waits = []

    for done in _in_slices(batches, count):
        fold(done)
    if with_waits:
        _add_tallied(rows, total, stream(with_waits))
    counted = Tallied(
        _decode_groups(
            counts,
            group_by,
            frame.static,
            frame.timed,
            frame.windows if frame.finest else [],
        ),
        _decode(counts.total.items()),
        records,
    )
    _add_tallied(rows, total, counted)
    flows.merge_into(rows, total, frame, group_by)
    return Tallied(rows, total, records)


def _decode_groups(
    counts: _Counts,
    group_by: tuple[str, ...],
    static: list[str],
    timed: list[str],
    windows: list[Period],
) -> dict[Key, list[int]]:
    """The counters of each row, from the counted codes, with one matrix product.

    Equal to :func:`tthc.reports._tally._decode_rows`: each code adds to fixed counters, so
    the counters of a row are the code counts times the code-to-counters matrix.
    """
    import numpy as np  # noqa: PLC0415

    labels = [{d: time_label(d, w.first) for d in timed} for w in windows] or [{}]
    w = len(labels)
    names = list(counts.names)
    keys, n = counts.summed()
    vectors = np.zeros((len(names) * w, len(COUNTERS)), dtype=np.int64)
    row = keys >> 10
    np.add.at(vectors, row, _code_matrix()[keys & 1023] * n[:, None])
    rows: dict[Key, list[int]] = {}
    for r in np.unique(row).tolist():
        group, window = divmod(r, w)
        name = names[group]
        values = (name,) if len(static) == 1 else name  # one dimension: the value itself
        assert isinstance(values, tuple)  # for mypy: the key of several is a tuple
        named = {**dict(zip(static, values, strict=True)), **labels[window]}
        rows[tuple(str(named[d]) for d in group_by)] = vectors[r].tolist()
    return rows


@functools.cache
def _code_matrix() -> np.ndarray:
    """Row ``code``: what one dossier of that bucket code adds to each counter."""
    import numpy as np  # noqa: PLC0415

    valid = [code for code in range(1024) if (code >> 3) & 15 in _OUTCOME_COUNTERS]
    matrix = np.zeros((1024, len(COUNTERS)), dtype=np.int64)  # other codes never occur
    matrix[valid] = [_decode([(code, 1)]) for code in valid]
    return matrix


def _add_tallied(rows: dict[Key, list[int]], total: list[int], part: Tallied) -> None:
    for key, vector in part.rows.items():
        mine = rows.get(key)
        if mine is None:
            rows[key] = list(vector)
        else:
            for i, n in enumerate(vector):
                mine[i] += n
    for i, n in enumerate(part.total):
        total[i] += n
