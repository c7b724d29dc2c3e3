"""Many pairs at once: lists of dates, or numpy ``datetime64[D]`` arrays without a Python loop.

Both paths gather from the calendar's tables, converted once per calendar on first use:

* Python lists: dicts from each answerable date to its working-day counts, so one C-level
  ``map`` checks the type (a datetime is not a key), the range (only answerable dates are
  keys) and finds the count, and a second ``map`` picks the working days.
* numpy arrays: the index of each date, then the count of working days up to it, then the
  working day at the shifted count, all as array operations. numpy is only imported when
  the input already is a numpy array (the ``fast`` extra).

Any error is found again by the scalar operation on the first bad element, so the bulk
operations raise exactly what :meth:`WorkingCalendar.add_working_days` would.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from itertools import repeat
from operator import add, sub
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tthc.calendar._model import WorkingCalendar

__all__ = ["BulkTables", "add_many", "between_many", "bulk_tables"]

_UNIX_ORDINAL = dt.date(1970, 1, 1).toordinal()


class BulkTables:
    """A calendar's tables in the shapes the bulk paths need (built on first use)."""

    __slots__ = (
        "before",
        "np_before",
        "np_offset",
        "np_time",
        "np_upto",
        "np_wdays",
        "upto",
        "wdays_next",
    )

    def __init__(self, cal: WorkingCalendar) -> None:
        days = [dt.date.fromordinal(cal._o0 + i) for i in range(cal._lo, cal._hi + 1)]
        #: date -> working days up to and including it (answerable dates only).
        self.upto = dict(zip(days, cal._upto[cal._lo : cal._hi + 1], strict=True))
        #: date -> working days strictly before it.
        self.before = dict(zip(days, cal._before[cal._lo : cal._hi + 1], strict=True))
        #: The working days shifted by one: ``wdays_next[upto + n] == wdays[upto + n - 1]``;
        #: the entries a refusing calendar may not answer are None.
        self.wdays_next: list[dt.date | None] = [
            None,
            *(d if cal._klo <= k <= cal._khi else None for k, d in enumerate(cal._wdays)),
        ]
        self.np_upto: Any = None
        self.np_before: Any = None
        self.np_wdays: Any = None
        self.np_offset = 0
        #: The working-time tables as numpy arrays (``_bulk_time.TimeTables``), on first use.
        self.np_time: Any = None

    def with_numpy(self, cal: WorkingCalendar) -> BulkTables:
        """Fill the numpy arrays (once)."""
        if self.np_upto is None:
            import numpy as np  # noqa: PLC0415  (the fast extra)

            self.np_upto = np.asarray(cal._upto, dtype=np.int64)
            self.np_before = np.asarray(cal._before, dtype=np.int64)
            ords = np.fromiter(map(dt.date.toordinal, cal._wdays), np.int64, len(cal._wdays))
            self.np_wdays = (ords - _UNIX_ORDINAL).astype("datetime64[D]")
            #: Add to a datetime64[D] (as int64 days since 1970) to get a table index.
            self.np_offset = _UNIX_ORDINAL - cal._o0
        return self


def bulk_tables(cal: WorkingCalendar) -> BulkTables:
    """The calendar's bulk tables, built on first use."""
    tables = cal._bulk
    if tables is None:
        tables = BulkTables(cal)
        object.__setattr__(cal, "_bulk", tables)
    return tables


def _is_numpy(value: object) -> bool:
    np = sys.modules.get("numpy")
    return np is not None and isinstance(value, np.ndarray)


# ---------------------------------------------------------------- Python sequences


def _counts(cal: WorkingCalendar, table: dict[dt.date, int], days: Sequence[Any]) -> list[int]:
    """``table[d]`` for every date; on any bad date, the scalar operation's error."""
    try:
        return list(map(table.__getitem__, days))
    except (KeyError, TypeError):
        for day in days:
            if type(day) is not dt.date or day not in table:
                cal.is_working_day(day)  # raises TypeError, DateOutOfRange, EstimatedDateError
        raise  # pragma: no cover  (unreachable: some date above was refused)


def _steps(ns: object, size: int) -> list[int] | int:
    if isinstance(ns, int) and not isinstance(ns, bool):
        return ns
    if not isinstance(ns, Sequence):
        raise TypeError(f"ns must be an int or a sequence of ints, got {type(ns).__name__}")
    values = ns if isinstance(ns, list) else list(ns)
    if len(values) != size:
        raise ValueError(f"ns has {len(values)} values for {size} dates; give one per date")
    if not set(map(type, values)) <= {int}:
        bad = next(n for n in values if type(n) is not int)
        raise TypeError(f"ns must hold ints, got {type(bad).__name__} {bad!r}")
    return values


def _add_python(cal: WorkingCalendar, days: Any, ns: object) -> list[dt.date]:
    days = days if isinstance(days, list | tuple) else list(days)
    steps = _steps(ns, len(days))
    tables = bulk_tables(cal)
    table = tables.wdays_next
    positive = False  # all n > 0: every k >= 1, so only the upper bound needs a check
    if isinstance(steps, int):
        if steps == 0:
            _counts(cal, tables.upto, days)  # still check every date
            return list(days)
        if steps > 0:  # wdays[upto + n - 1] is wdays_next[upto + n]
            ks = list(map(add, _counts(cal, tables.upto, days), repeat(steps)))
            positive = True
        else:  # wdays[before + n] is wdays_next[before + n + 1]
            ks = list(map(add, _counts(cal, tables.before, days), repeat(steps + 1)))
    elif not steps or min(steps) > 0:
        ks = list(map(add, _counts(cal, tables.upto, days), steps))
        positive = True
    else:
        upto, before = _counts(cal, tables.upto, days), _counts(cal, tables.before, days)
        ks = [
            u + n if n > 0 else b + n + 1 if n < 0 else -1
            for u, b, n in zip(upto, before, steps, strict=True)
        ]
    size = len(table)
    found: list[dt.date | None] = []
    if not ks or ((positive or min(ks) >= 0) and max(ks) < size):
        found = list(map(table.__getitem__, ks))
    # A calendar refusing estimates has None for working days it may not answer; any
    # calendar has None at 0, reached only by counting back past the first working day.
    if len(found) != len(ks) or ((not cal.estimates or not positive) and None in found):
        # Some pair is refused (or n == 0 in a mixed list): go pair by pair, and let the
        # scalar operation raise its error for the first refused pair.
        result = []
        each = repeat(steps) if isinstance(steps, int) else steps
        for day, n, k in zip(days, each, ks, strict=False):
            hit = table[k] if n and 0 <= k < size else None
            result.append(
                day if n == 0 else hit if hit is not None else cal.add_working_days(day, n)
            )
        return result
    return found  # type: ignore[return-value]  # no None in it


def _between_python(cal: WorkingCalendar, starts: Any, ends: Any) -> list[int]:
    starts = starts if isinstance(starts, list | tuple) else list(starts)
    ends = ends if isinstance(ends, list | tuple) else list(ends)
    if len(starts) != len(ends):
        raise ValueError(f"got {len(starts)} start dates and {len(ends)} end dates")
    upto = bulk_tables(cal).upto
    return list(map(sub, _counts(cal, upto, ends), _counts(cal, upto, starts)))


# ---------------------------------------------------------------- numpy arrays


def _np_indexes(cal: WorkingCalendar, days: Any, tables: BulkTables) -> Any:
    import numpy as np  # noqa: PLC0415

    if days.dtype != np.dtype("datetime64[D]"):
        raise TypeError(
            f"expected a datetime64[D] array, got {days.dtype}; "
            "convert with .astype('datetime64[D]')"
        )
    idx = days.view(np.int64) + tables.np_offset
    if idx.size and not (cal._lo <= idx.min() and idx.max() <= cal._hi):
        bad = int(np.flatnonzero((idx < cal._lo) | (idx > cal._hi))[0])
        if np.isnat(days.flat[bad]):
            raise ValueError(f"element {bad} is NaT (not a date)")
        cal._refuse(days.flat[bad].item())
    return idx


def _add_numpy(cal: WorkingCalendar, days: Any, ns: Any) -> Any:
    import numpy as np  # noqa: PLC0415

    tables = bulk_tables(cal).with_numpy(cal)
    idx = _np_indexes(cal, days, tables)
    if isinstance(ns, int) and not isinstance(ns, bool):
        if ns == 0:
            return days.copy()
        ks = tables.np_upto[idx] + (ns - 1) if ns > 0 else tables.np_before[idx] + ns
        zero = None
    else:
        n = np.asarray(ns)
        if n.dtype.kind not in "iu" or n.shape != days.shape:
            raise TypeError(
                f"ns must be an int or an integer array of shape {days.shape}, "
                f"got {n.dtype} array of shape {n.shape}"
            )
        n = n.astype(np.int64, copy=False)
        if n.size and n.min() > 0:
            ks = tables.np_upto[idx] + (n - 1)
            zero = None
        else:
            ks = np.where(n > 0, tables.np_upto[idx] + (n - 1), tables.np_before[idx] + n)
            zero = n == 0
            ks[zero] = cal._klo
    if ks.size and not (cal._klo <= ks.min() and ks.max() <= cal._khi):
        bad = int(np.flatnonzero((ks < cal._klo) | (ks > cal._khi))[0])
        step = ns if isinstance(ns, int) else int(np.asarray(ns).flat[bad])
        cal._refuse_result(days.flat[bad].item(), step)
    result = tables.np_wdays[ks]
    if zero is not None and zero.any():
        result[zero] = days[zero]
    return result


def _between_numpy(cal: WorkingCalendar, starts: Any, ends: Any) -> Any:
    import numpy as np  # noqa: PLC0415

    tables = bulk_tables(cal).with_numpy(cal)
    ends = np.asarray(ends)
    if starts.shape != ends.shape:
        raise ValueError(f"starts has shape {starts.shape} but ends has {ends.shape}")
    i = _np_indexes(cal, starts, tables)
    j = _np_indexes(cal, ends, tables)
    return tables.np_upto[j] - tables.np_upto[i]


# ---------------------------------------------------------------- entry points


def add_many(cal: WorkingCalendar, days: Any, ns: Any) -> Any:
    """See :meth:`WorkingCalendar.add_working_days_many`."""
    if _is_numpy(days):
        return _add_numpy(cal, days, ns)
    if _is_numpy(ns):
        ns = ns.tolist()
    return _add_python(cal, days, ns)


def between_many(cal: WorkingCalendar, starts: Any, ends: Any) -> Any:
    """See :meth:`WorkingCalendar.working_days_between_many`."""
    if _is_numpy(starts):
        return _between_numpy(cal, starts, ends)
    return _between_python(cal, starts, ends)
