"""Ratios: every indicator as the exact fraction of two counters a row holds.

An indicator as published is rounded half up to 2 decimals (``0.3995%`` reads ``0.40%``);
a target or a ranking compares the exact value, the :class:`Ratio` of the counters, so
a boundary like "below 0.4%" is decided in integers: 3 of 751 received (0.3995%) is below
0.4%, 3 of 750 (0.4% exactly) is not. A ratio's rounded value is the published indicator
(a test checks every indicator on generated rows).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from tthc.reports._indicators import _DAY_US, _HOUR_US, _WORKING_DAY_US

if TYPE_CHECKING:
    from tthc.reports._report import ReportRow

__all__ = ["Ratio", "ratio"]

_PERCENT = Fraction(100)


@dataclass(frozen=True, slots=True)
class Ratio:
    """An indicator's value as ``part / whole × per``, in integers.

    Attributes:
        part: What is counted: dossiers (a share) or microseconds summed (an average).
        whole: What it is counted over: dossiers received, resolved, timed...
        per: 100 for a percentage; ``1 / unit`` for an average (``unit`` in microseconds).
    """

    part: int
    whole: int
    per: Fraction

    @property
    def exact(self) -> Fraction | None:
        """The exact value, or None when ``whole`` is 0 (the indicator is N/A)."""
        if self.whole == 0:
            return None
        return Fraction(self.part, self.whole) * self.per

    @property
    def is_percent(self) -> bool:
        """Whether the value is a percentage (``part`` then counts dossiers)."""
        return self.per == _PERCENT


_Of = Callable[["ReportRow"], Ratio]


def _share(part: Callable[[ReportRow], int], whole: Callable[[ReportRow], int]) -> _Of:
    return lambda row: Ratio(part(row), whole(row), _PERCENT)


def _average(total: Callable[[ReportRow], int], unit_us: int) -> _Of:
    return lambda row: Ratio(total(row), row.processing_counted, Fraction(1, unit_us))


def _in_time(row: ReportRow) -> int:
    """QĐ 766 indicator 2.1's numerator (``ReportRow.progress_rate``)."""
    return (
        row.resolved_early
        + row.resolved_on_time
        + row.closed
        - row.closed_late
        + row.in_progress_in_time
    )


#: The ratio of each indicator of ``INDICATORS``, by name: the formulas of their docstrings.
_RATIOS: dict[str, _Of] = {
    "rate": _share(lambda r: r.resolved_early + r.resolved_on_time, lambda r: r.resolved),
    "progress_rate": _share(_in_time, lambda r: r.handled),
    "late_share": _share(lambda r: r.resolved_late + r.in_progress_overdue, lambda r: r.received),
    "online_share": _share(lambda r: r.received_online, lambda r: r.received),
    "online_resolved_share": _share(lambda r: r.resolved_online, lambda r: r.resolved),
    "online_payment_share": _share(
        lambda r: r.paid_online, lambda r: r.paid_online + r.paid_offline
    ),
    "digitised_share": _share(lambda r: r.digitised, lambda r: r.digitised + r.not_digitised),
    "average_processing_days": _average(lambda r: r.processing_working_us, _WORKING_DAY_US),
    "average_processing_hours": _average(lambda r: r.processing_working_us, _HOUR_US),
    "average_elapsed_days": _average(lambda r: r.processing_elapsed_us, _DAY_US),
}


def ratio(row: ReportRow, name: str) -> Ratio:
    """The exact ratio of the indicator ``name`` (a key of ``INDICATORS``) on ``row``.

    Raises:
        KeyError: ``name`` is not an indicator's name.
    """
    return _RATIOS[name](row)
