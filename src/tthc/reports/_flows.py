"""The counters that are a dossier's own facts, counted where they happen: flows.

The bucket codes of :mod:`tthc.reports._tally` say where a dossier stands at a window's
cut. The counters here are simpler: each is added once, in the one window where its event
falls, and they are sums, so reports still merge exactly (``docs/reports.md``,
"Indicators and targets"):

- in the window a dossier is **received** (never a carried-over one): ``paid_online`` or
  ``paid_offline`` when it has a fee (the record's ``paid_online`` True or False), and
  ``digitised`` or ``not_digitised`` when that is known;
- in the window a dossier is **resolved**: ``resolved_online`` when it was received
  online, and, when the report has a working calendar, its processing time:
  ``processing_counted`` (one), ``processing_working_us`` (working microseconds from its
  receipt to its resolution, less those spent waiting for a supplement) and
  ``processing_elapsed_us`` (the same in clock time). Microseconds are whole numbers, so
  sums are exact and an average is a fraction of two of them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import TYPE_CHECKING

from tthc.reports._periods import Period, time_label

if TYPE_CHECKING:
    from tthc.calendar import WorkingCalendar
    from tthc.reports._records import DossierRecord

__all__ = ["FLOW_COUNTERS", "Flows", "processing_time", "received_flows"]

#: The flow counters, in the order they follow the bucket counters in a report row.
FLOW_COUNTERS: tuple[str, ...] = (
    "resolved_online",
    "paid_online",
    "paid_offline",
    "digitised",
    "not_digitised",
    "processing_counted",
    "processing_working_us",
    "processing_elapsed_us",
)
#: Index of each flow counter in a flow vector.
RESOLVED_ONLINE, PAID_ONLINE, PAID_OFFLINE, DIGITISED, NOT_DIGITISED = range(5)
PROCESSING_COUNTED, PROCESSING_WORKING, PROCESSING_ELAPSED = 5, 6, 7

_MICROSECOND = dt.timedelta(microseconds=1)


def received_flows(record: DossierRecord) -> tuple[int, int] | None:
    """The two flow indexes a received dossier adds to (-1 for none), or None for neither."""
    paid, digitised = record.paid_online, record.digitised
    if paid is None and digitised is None:
        return None
    return (
        -1 if paid is None else (PAID_ONLINE if paid else PAID_OFFLINE),
        -1 if digitised is None else (DIGITISED if digitised else NOT_DIGITISED),
    )


def processing_time(
    record: DossierRecord, end: dt.datetime, calendar: WorkingCalendar
) -> tuple[int, int]:
    """Working and clock microseconds from receipt to ``end``, less the supplement waits.

    A wait counts up to ``end`` (one still open, or ended later, is cut there). Payment
    waits are not taken off: the QĐ 766 formula document takes off supplement waits only.

    Raises:
        tthc.errors.DateOutOfRange: A time outside the calendar's years.
    """
    received = record.received_at
    working = calendar.working_time_between(received, end)
    elapsed = end - received
    for started, ended in record.supplement_waits:
        if started >= end:
            break
        until = end if ended is None or ended > end else ended
        working -= calendar.working_time_between(started, until)
        elapsed -= until - started
    return working // _MICROSECOND, elapsed // _MICROSECOND


class Flows:
    """Flow vectors by ``(group key, window)``, and the total's."""

    __slots__ = ("cells", "total")

    def __init__(self) -> None:
        self.cells: dict[tuple[object, int], list[int]] = {}
        self.total = [0] * len(FLOW_COUNTERS)

    def cell(self, group: object, window: int) -> list[int]:
        """The vector of one group in one window, made on first use."""
        key = (group, window)
        vector = self.cells.get(key)
        if vector is None:
            vector = self.cells[key] = [0] * len(FLOW_COUNTERS)
        return vector

    def add(self, group: object, window: int, index: int, n: int = 1) -> None:
        """Add ``n`` to counter ``index`` of a group's window and of the total."""
        self.cell(group, window)[index] += n
        self.total[index] += n

    def merge(self, other: Flows) -> None:
        """Add the vectors of ``other``."""
        for (group, window), vector in other.cells.items():
            mine = self.cell(group, window)
            for i, n in enumerate(vector):
                mine[i] += n
        for i, n in enumerate(other.total):
            self.total[i] += n

    def rows(
        self,
        group_by: tuple[str, ...],
        static: list[str],
        timed: list[str],
        windows: Iterable[Period],
    ) -> dict[tuple[str, ...], list[int]]:
        """The vectors by report key (the group's values, the window's labels)."""
        labels = [{d: time_label(d, w.first) for d in timed} for w in windows] or [{}]
        out: dict[tuple[str, ...], list[int]] = {}
        for (group, window), vector in self.cells.items():
            values: tuple[object, ...] = group if len(static) != 1 else (group,)  # type: ignore[assignment]
            named = {**dict(zip(static, values, strict=True)), **labels[window]}
            key = tuple(str(named[d]) for d in group_by)
            mine = out.get(key)
            if mine is None:
                out[key] = list(vector)
            else:
                for i, n in enumerate(vector):
                    mine[i] += n
        return out


def merge_into(
    rows: dict[tuple[str, ...], list[int]],
    total: list[int],
    flows: dict[tuple[str, ...], list[int]],
    flow_total: list[int],
    offset: int,
) -> None:
    """Add flow vectors into the counter vectors at ``offset`` (rows made as needed)."""
    for key, vector in flows.items():
        row = rows.get(key)
        if row is None:
            row = rows[key] = [0] * (offset + len(FLOW_COUNTERS))
        for i, n in enumerate(vector):
            row[offset + i] += n
    for i, n in enumerate(flow_total):
        total[offset + i] += n
