"""The flow counters of :mod:`tthc.reports._flows` on columns, a record batch at a time.

The same counts as the streaming engine: fees and digitisation in the window a dossier is
received, online resolution and processing time in the window it is resolved. Processing
time is measured row by row with the calendar (a resolved row with at most one supplement
wait: the rows with more are read as records); every sum is a Python integer, exact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from tthc.reports._counts import Counts
from tthc.reports._flows import (
    DIGITISED,
    FLOW_COUNTERS,
    NOT_DIGITISED,
    PAID_OFFLINE,
    PAID_ONLINE,
    PROCESSING_COUNTED,
    PROCESSING_ELAPSED,
    PROCESSING_WORKING,
    RESOLVED_ONLINE,
    Flows,
    merge_into,
)

if TYPE_CHECKING:
    import numpy as np
    import pyarrow as pa

    from tthc.calendar import WorkingCalendar

__all__ = ["ColumnFlows"]

_EPOCH = dt.datetime(1970, 1, 1)
_MICROSECOND = dt.timedelta(microseconds=1)
_OFFSET = 16  # the flow counters follow the bucket counters


def _instant(micros: int) -> dt.datetime:
    return _EPOCH + micros * _MICROSECOND


class ColumnFlows:
    """Flow counters across the batches of one report.

    The counts are kept in arrays (:class:`~tthc.reports._counts.Counts`, the flow counter's
    index as the code); processing time, summed row by row, in :class:`Flows`.
    """

    def __init__(self, calendar: WorkingCalendar | None, windows: int) -> None:
        self.flows = Flows()
        self.counts = Counts(windows)
        self.calendar = calendar

    def _count(self, groups: Any, windows: int, keys: np.ndarray, index: int) -> None:
        if len(keys):
            self.counts.add(groups, [(keys << 10) | index])

    def add_batch(
        self,
        column: Callable[[str], pa.Array | None],
        idx: np.ndarray,
        *,
        groups: Any,
        windows: int,
        received: np.ndarray,
        end: np.ndarray,
        resolved: np.ndarray,
        online: np.ndarray,
        supplement: Any,
        frame: Any,
    ) -> None:
        """Count the flows of the rows ``idx`` (those the bucket codes count)."""
        import numpy as np  # noqa: PLC0415
        import pyarrow as pa  # noqa: PLC0415
        import pyarrow.compute as pc  # noqa: PLC0415

        if not len(idx):
            return
        group = groups.number[idx]
        at = received[idx]
        new = at >= frame.start
        window = frame.windows_of.of(at)
        for name, yes, no in (
            ("paid_online", PAID_ONLINE, PAID_OFFLINE),
            ("digitised", DIGITISED, NOT_DIGITISED),
        ):
            values = column(name)
            if values is None or pa.types.is_null(values.type):
                continue
            known = ~values.is_null().to_numpy(zero_copy_only=False)[idx] & new
            flag = pc.fill_null(values, False).to_numpy(zero_copy_only=False)[idx]
            for index, rows in ((yes, known & flag), (no, known & ~flag)):
                self._count(groups, windows, group[rows] * windows + window[rows], index)
        done = resolved[idx]
        ended = end[idx]
        window = frame.windows_of.of(ended)
        keys = group * windows + window
        self._count(groups, windows, keys[done & online[idx]], RESOLVED_ONLINE)
        calendar = self.calendar
        if calendar is None or not done.any():
            return
        wait = supplement.take(idx)
        between = calendar.working_time_between
        rows = np.flatnonzero(done)
        for k, r, e, has, s, w_end, w_open in zip(
            keys[rows].tolist(),
            at[rows].tolist(),
            ended[rows].tolist(),
            wait.has[rows].tolist(),
            wait.start[rows].tolist(),
            wait.end[rows].tolist(),
            wait.open[rows].tolist(),
            strict=True,
        ):
            working = between(_instant(r), _instant(e))
            elapsed = e - r
            if has and s < e:
                until = e if w_open or w_end > e else w_end
                working -= between(_instant(s), _instant(until))
                elapsed -= until - s
            g, window_k = divmod(k, windows)
            key = groups.key(g)
            self.flows.add(key, window_k, PROCESSING_COUNTED)
            self.flows.add(key, window_k, PROCESSING_WORKING, working // _MICROSECOND)
            self.flows.add(key, window_k, PROCESSING_ELAPSED, elapsed)

    def merge(self, other: ColumnFlows) -> None:
        """Add the flows of ``other`` (a slice of the same report)."""
        self.counts.merge(other.counts)
        self.flows.merge(other.flows)

    def merge_into(
        self, rows: dict[tuple[str, ...], list[int]], total: list[int], frame: Any, group_by: Any
    ) -> None:
        """Add the flows counted into the report's counter vectors."""
        names, windows = list(self.counts.names), self.counts.windows
        keys, n = self.counts.summed()
        for k, count in zip(keys.tolist(), n.tolist(), strict=True):
            g, window = divmod(k >> 10, windows)
            self.flows.add(names[g], window, k & 1023, count)
        self.counts = Counts(windows)  # each count added once
        flows = self.flows.rows(
            tuple(group_by), frame.static, frame.timed, frame.windows if frame.finest else []
        )
        merge_into(rows, total, flows, self.flows.total, _OFFSET)
        assert len(total) == _OFFSET + len(FLOW_COUNTERS)
