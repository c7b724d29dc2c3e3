"""The values of CSV and JSON Lines columns parsed by pyarrow, read with array operations.

Each function takes a column of one field as pyarrow parsed it (text, or a JSON value) and
gives its values as the record would read them, where a value is missing, and the rows
spelled otherwise: those are read by the streaming reader, which says what is wrong.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

__all__ = ["one_wait", "texts", "times", "truth", "wait_array", "whole"]

_TRUTH = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}
#: The spellings of :func:`tthc._iso8601.parse_date_or_time`, without surrounding spaces.
_TIME = (
    r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})"
    r"(?:(?P<t>[Tt ])(?P<H>\d{2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.(?P<f>\d{1,6}))?)?"
    r"(?P<z>[Zz]|[+-]\d{2}:\d{2})?)?$"
)
_DAY = 86_400_000_000
_MINUTE = 60_000_000
_VIETNAM = 7 * 60 * _MINUTE


def _lengths(column: pa.Array) -> np.ndarray:
    """The bytes of each value of a text column, from its offsets (0 where null)."""
    import numpy as np  # noqa: PLC0415

    n, offset = len(column), column.offset
    bounds = np.frombuffer(column.buffers()[1], dtype=np.int32, count=offset + n + 1)[offset:]
    return np.diff(bounds)


def _empty(column: pa.Array) -> np.ndarray:
    """Where a value is missing: null, or empty text."""
    import numpy as np  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415

    if pa.types.is_string(column.type):
        empty: np.ndarray = _lengths(column) == 0
        if column.null_count:
            empty |= np.asarray(column.is_null(), dtype=bool)
        return empty
    return np.asarray(column.is_null(), dtype=bool)


def _ints_of(parts: pa.StructArray, name: str) -> np.ndarray:
    import numpy as np  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.compute as pc  # noqa: PLC0415

    part = pc.fill_null(parts.field(name), "")
    part = pc.utf8_lpad(part, 1, "0")  # an absent part: 0
    return np.asarray(pc.cast(part, pa.int64()), dtype=np.int64)


def _fixed(column: pa.Array) -> tuple[np.ndarray, list[np.ndarray]]:
    """The rows spelled ``YYYY-MM-DD``, ``YYYY-MM-DDTHH:MM`` or ``YYYY-MM-DDTHH:MM:SS``.

    The usual spellings, read from the bytes with array operations (no regular expression):
    which rows they are, and their parts (year, month, day, hour, minute, second, and
    whether a time is given), one array each. Every other row is for :data:`_TIME`.
    """
    import numpy as np  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415

    n = len(column)
    none = np.zeros(0, dtype=np.int64)
    if not pa.types.is_string(column.type) or not n:
        return none, [none] * 7
    validity, offsets, data = column.buffers()
    if data is None or not data.size:
        return none, [none] * 7
    bounds = np.frombuffer(offsets, dtype=np.int32)[column.offset : column.offset + n + 1]
    length = np.diff(bounds)
    fits = (length == 10) | (length == 16) | (length == 19)
    if validity is not None:
        fits &= ~np.asarray(column.is_null(), dtype=bool)
    rows = np.flatnonzero(fits)
    if not len(rows):
        return none, [none] * 7
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
        value = np.zeros(len(rows), dtype=np.int64)
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
    parts = [year, month, day, hour * timed, minute * timed, second * seconds, timed]
    if good.all():
        return rows, parts
    return rows[good], [part[good] for part in parts]


def _wall(
    parts: list[np.ndarray], fraction: np.ndarray | int, shift: np.ndarray | int
) -> tuple[np.ndarray, np.ndarray]:
    """Local microseconds of the parts of :func:`_fixed`, and where the day or time is none."""
    import numpy as np  # noqa: PLC0415

    year, month, day, hour, minute, second, _ = parts
    starts = _month_starts()
    months = np.clip((year - 1) * 12 + np.clip(month, 1, 12) - 1, 0, len(starts) - 2)
    first_day, next_first = starts[months], starts[months + 1]
    bad = (
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
    return wall, bad


def times(column: pa.Array, *, end_of_day: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Vietnam local microseconds, where the value is missing, and where it is spelled otherwise.

    As :func:`tthc._iso8601.parse_date_or_time` and the record read them: a zone is
    converted to Vietnam time; a date alone is 00:00, or the day's last microsecond for a
    due date. A day or time that does not exist, a zone of 24 hours or more, and a time
    outside the years 1 to 9999 are left to the streaming reader, which says why.
    """
    import numpy as np  # noqa: PLC0415

    empty = _empty(column)
    n = len(column)
    if empty.all():
        return np.zeros(n, dtype=np.int64), empty, np.zeros(n, dtype=bool)
    rows, parts = _fixed(column)
    fixed_wall, other_fixed = _wall(parts, 0, 0)
    if len(rows) == n:  # every row in a usual spelling
        wall, other, timed = fixed_wall, other_fixed, parts[6]
    else:
        wall, other = np.zeros(n, dtype=np.int64), np.zeros(n, dtype=bool)
        timed = np.zeros(n, dtype=bool)
        wall[rows], other[rows], timed[rows] = fixed_wall, other_fixed, parts[6]
        seen = empty.copy()
        seen[rows] = True
        rest = np.flatnonzero(~seen)
        if len(rest):  # other spellings: a fraction, a zone, a time without seconds...
            _other_spellings(column, rest, wall, other, timed)
    if end_of_day:
        wall = wall + np.where(timed.astype(bool), 0, _DAY - 1)
    low, high = _range()
    other |= ~empty & ((wall < low) | (wall > high))
    return np.where(empty | other, 0, wall), empty, other


def _other_spellings(
    column: pa.Array, rest: np.ndarray, wall: np.ndarray, other: np.ndarray, timed: np.ndarray
) -> None:
    """Read the rows ``rest`` of :func:`times` by :data:`_TIME` into its arrays."""
    import numpy as np  # noqa: PLC0415
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.compute as pc  # noqa: PLC0415

    matched = pc.extract_regex(column.take(pa.array(rest)), _TIME)
    unmatched = np.asarray(matched.is_null(), dtype=bool)
    parts = [_ints_of(matched, key) for key in "ymdHMS"]
    fraction = np.asarray(
        pc.cast(pc.utf8_rpad(pc.fill_null(matched.field("f"), ""), 6, "0"), "int64"),
        dtype=np.int64,
    )
    timed[rest] = np.asarray(pc.fill_null(pc.not_equal(matched.field("t"), ""), False), dtype=bool)
    shift: np.ndarray | int = 0
    zone = pc.fill_null(matched.field("z"), "")
    zoned = np.asarray(pc.not_equal(zone, ""), dtype=bool)
    if zoned.any():
        utc = np.asarray(pc.match_substring_regex(zone, "^[Zz]$"), dtype=bool)
        sign = np.where(np.asarray(pc.starts_with(zone, "-"), dtype=bool), -1, 1)
        digits = pc.utf8_lpad(pc.replace_substring_regex(zone, "[^0-9]", ""), 4, "0")
        hhmm = np.asarray(pc.cast(digits, "int64"), dtype=np.int64)
        offset = np.where(utc, 0, hhmm // 100 * 60 + hhmm % 100)
        unmatched |= zoned & (offset >= 24 * 60)
        shift = np.where(zoned, _VIETNAM - sign * offset * _MINUTE, 0)
    wall[rest], bad = _wall([*parts, timed[rest]], fraction, shift)
    other[rest] = unmatched | bad


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


def whole(column: pa.Array) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
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


def truth(column: pa.Array) -> tuple[pa.Array, np.ndarray]:
    """Truth values: the values (null when missing), and where spelled otherwise.

    ``true`` or ``false``; in CSV also ``1``/``0`` and ``yes``/``no``.
    """
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


def texts(column: pa.Array) -> pa.Array:
    """Text, empty text as missing (null)."""
    import pyarrow as pa  # noqa: PLC0415
    import pyarrow.compute as pc  # noqa: PLC0415

    if not pa.types.is_string(column.type):  # another text type: compared value by value
        if not pc.any(pc.equal(pc.binary_length(column), 0)).as_py():
            return column
        return pc.if_else(pc.equal(column, ""), None, column)
    empty = _empty(column)
    if not empty.any():
        return column  # nothing empty: as read
    return pc.if_else(pa.array(empty), pa.scalar(None, column.type), column)


def one_wait(
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
    """:func:`one_wait` of every row."""
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
    start, no_start, bad_start = times(starts, end_of_day=False)
    end, open_, bad_end = times(ends, end_of_day=False)
    other = ~empty & (~ok | no_start | bad_start | bad_end)
    has = ok & ~other
    return has, start, end, open_ & has, other


def wait_array(has: np.ndarray, start: np.ndarray, end: np.ndarray, open_: np.ndarray) -> Any:
    """The waits column of a batch: one ``(started, ended)`` pair where ``has``, else none."""
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
