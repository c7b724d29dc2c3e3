""":func:`~tthc.compute_deadlines` on numpy arrays: the vectorised counters, then the rest.

Receipts become int64 microseconds, naive Vietnam local time. Each distinct limit is
counted over its receipts by ``_vectorised.py``; every element left over (a kind without a
counter there, a date the calendar may refuse, a receipt that is not an instant) goes, in
order, through :func:`~tthc.compute_deadline`, so the first element refused raises the
error the scalar call raises, with its index.
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING, Any

import numpy as np

from tthc.deadlines._bulk import (
    _FINER_THAN_MICROSECONDS,
    _FIRST,
    _LAST,
    _VIETNAM_OFFSET,
    located,
    per_receipt,
    receipt_error,
    to_datetime,
    to_micros,
)
from tthc.deadlines._compute import compute_deadline
from tthc.deadlines._policies import DeadlinePolicy
from tthc.deadlines._vectorised import NAT, vectorised
from tthc.duration import Duration

if TYPE_CHECKING:
    from tthc.calendar import WorkingCalendar

__all__ = ["due_many"]

#: Each pass of the array counters costs about as much as this many scalar calls: when
#: the limits are more than this, one shared by fewer receipts goes receipt by receipt.
_FEW = 64
_YEAR_1 = np.datetime64(1 - 1970, "Y")
_YEAR_10000 = np.datetime64(10000 - 1970, "Y")


def _local(values: Any, aware: bool) -> tuple[Any, Any, Any]:
    """``(microseconds, valid, fraction)``: the receipts as int64 local microseconds.

    ``valid`` marks the receipts that are instants a datetime can hold; ``fraction`` those
    with a fraction of a microsecond. Converting a coarse unit to microseconds can
    overflow (a ``datetime64[s]`` in year 300,000), so the range is checked first, in the
    input's own unit.
    """
    unit, count = np.datetime_data(values.dtype)
    nat = np.isnat(values)
    if unit == "us" and count == 1:
        safe = ~nat
        micros = values.view(np.int64)
    else:
        if unit in _FINER_THAN_MICROSECONDS:
            safe = ~nat  # within 292 years of 1970: microseconds hold them
        elif unit == "generic":
            safe = np.zeros(values.shape, dtype=bool)  # only NaT has no unit
        else:
            lo, hi = _YEAR_1.astype(values.dtype), _YEAR_10000.astype(values.dtype)
            safe = ~nat & (values >= lo) & (values < hi)
        raw = values.view(np.int64).copy()
        raw[~safe] = 0
        micros = raw.view(values.dtype).astype("datetime64[us]").view(np.int64)
    if unit in _FINER_THAN_MICROSECONDS:
        fraction = safe & (micros.view("datetime64[us]").astype(values.dtype) != values)
    else:
        fraction = np.zeros(values.shape, dtype=bool)
    if aware:
        micros = micros + _VIETNAM_OFFSET
    valid = safe & ~fraction & (micros >= _FIRST) & (micros <= _LAST)
    return micros, valid, fraction


def _groups(items: list[Any]) -> tuple[list[Any], Any, list[Any]]:
    """``(distinct limits, each item's group, each group's indexes in order)``.

    Items are told apart by identity first (one pass without Python calls), then equal ones
    (a limit built anew for each row) share a group. When one limit serves every item, the
    answer is ``([limit], None, [None])``, as for a single limit.
    """
    ids = np.fromiter(map(id, items), np.int64, len(items))
    if len(ids) and bool((ids == ids[0]).all()):
        return [items[0]], None, [None]
    _, first, by_id = np.unique(ids, return_index=True, return_inverse=True)
    objects = [items[i] for i in first.tolist()]
    keys: dict[Any, int] = {}
    try:
        codes = [keys.setdefault(item, len(keys)) for item in objects]
        distinct = list(keys)
    except TypeError:  # an unhashable limit: identity alone
        codes, distinct = list(range(len(objects))), objects
    if len(distinct) == 1:
        return distinct, None, [None]
    group = np.asarray(codes, dtype=np.int64)[by_id.ravel()]
    order = np.argsort(group, kind="stable")
    bounds = np.searchsorted(group[order], np.arange(len(distinct) + 1))
    return distinct, group, [order[a:b] for a, b in pairwise(bounds)]


def due_many(
    limits: Any,
    given: tuple[Any, bool, str],
    *,
    calendar: WorkingCalendar,
    case: str | None,
    channel: object,
    policy: DeadlinePolicy,
) -> Any:
    """See :func:`tthc.compute_deadlines`; ``given`` is ``(datetime64 array, aware, missing)``."""
    values, aware, missing = given
    local, valid, fraction = _local(values, aware)
    size = len(local)
    each = per_receipt(limits, size)
    items: list[Any] | None = None
    distinct: list[Any] = [limits]
    group: Any = None
    indexes: list[Any] = [None]  # None: every element
    if each is not None:
        items = list(each)
        distinct, group, indexes = _groups(items)
    due = np.full(size, NAT, dtype=np.int64)
    todo = ~valid  # left to compute_deadline, which raises for each bad element
    refused: dict[int, Exception] = {}
    for g, (limit, idx) in enumerate(zip(distinct, indexes, strict=True)):
        if idx is not None and len(idx) < _FEW and len(distinct) > _FEW:
            todo[idx] = True  # many limits, few receipts each: one by one is quicker
            continue
        try:
            duration = (
                limit
                if isinstance(limit, Duration)
                else limit.time_limit(case=case, channel=channel)
            )
        except Exception as error:  # compute_deadline raises it for each of these elements
            refused[g] = error
            todo[slice(None) if idx is None else idx] = True
            continue
        part = slice(None) if idx is None else idx
        counted = (
            vectorised(calendar, duration, policy, local[part], valid[part])
            if isinstance(duration, Duration)
            else None
        )
        if counted is None:
            todo[part] = True
            continue
        found, ok = counted
        if idx is None:
            due = np.where(ok, found, due)
            todo |= ~ok
        else:
            due[idx[ok]] = found[ok]
            todo[idx[~ok]] = True
    index = 0
    try:
        for index in np.flatnonzero(todo).tolist():
            g = 0 if group is None else int(group[index])
            if g in refused:
                raise refused[g]
            if not valid[index]:
                raise receipt_error(values[index], missing, fraction=bool(fraction[index]))
            deadline = compute_deadline(
                limits if items is None else items[index],
                to_datetime(int(local[index])),
                calendar=calendar,
                case=case,
                channel=channel,
                policy=policy,
            )
            due[index] = NAT if deadline.local_due is None else to_micros(deadline.local_due)
    except Exception as error:
        raise located(error, index) from None
    return due.view("datetime64[us]")
