"""Rankings: a report's groups (the units) ordered by an indicator, ties and N/A said.

Units are ordered by the exact value of the indicator (:mod:`tthc.reports._ratios`), best
first: highest first for a rate, lowest first for a late share or an average time (the
indicator's ``higher_is_better``), unless told otherwise. Ties follow standard competition
ranking, "1, 2, 2, 4": units with equal exact values share the best of their ranks, the
next rank skips as many, and tied units keep the report's group order. A unit whose
indicator has no value (N/A) is not ranked: it is placed last, without a rank.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from tthc.reports._indicators import Indicator, indicator
from tthc.reports._ratios import ratio

if TYPE_CHECKING:
    from tthc.reports._report import Report, ReportRow

__all__ = ["TIE_RULE", "RankEntry", "Ranking", "rank"]

#: The tie rule, in words, as outputs say it.
TIE_RULE = (
    "standard competition ranking (1, 2, 2, 4): equal exact values share a rank and the "
    "next rank skips; units without a figure (N/A) are not ranked and come last"
)


@dataclass(frozen=True, slots=True)
class RankEntry:
    """One unit of a ranking.

    Attributes:
        rank: Its rank, from 1; None for a unit without a figure (N/A).
        group: The unit's group values, as :attr:`ReportRow.group <tthc.reports.ReportRow>`.
        value: The figure as published (rounded half up to 2 decimals), or None.
        exact: The exact value it was ranked by, or None.
        tied: Whether another unit shares its rank.
    """

    rank: int | None
    group: tuple[tuple[str, str], ...]
    value: Decimal | None
    exact: Fraction | None
    tied: bool

    @property
    def label(self) -> str:
        """The unit's group values joined by `` / ``."""
        return " / ".join(value for _, value in self.group)


@dataclass(frozen=True, slots=True)
class Ranking:
    """A report's groups ranked by an indicator (:data:`TIE_RULE`).

    Attributes:
        indicator: The indicator ranked by.
        descending: True when higher values rank first.
        entries: The units, ranked ones first in rank order, then those without a figure.
    """

    indicator: Indicator
    descending: bool
    entries: tuple[RankEntry, ...]

    @property
    def ranked(self) -> tuple[RankEntry, ...]:
        """The units with a rank."""
        return tuple(entry for entry in self.entries if entry.rank is not None)

    @property
    def not_ranked(self) -> tuple[RankEntry, ...]:
        """The units without a figure (N/A), placed last."""
        return tuple(entry for entry in self.entries if entry.rank is None)

    @property
    def tie_rule(self) -> str:
        """How ties and N/A are placed (:data:`TIE_RULE`)."""
        return TIE_RULE


def rank(report: Report, by: str | Indicator, *, descending: bool | None = None) -> Ranking:
    """The ranking: see :meth:`Report.rank <tthc.reports.Report.rank>`."""
    spec = by if isinstance(by, Indicator) else indicator(by)
    if not report.group_by:
        raise ValueError(
            f"nothing to rank by the {spec.label}: the report has no groups; "
            "group it by the units (group_by='agency')"
        )
    order = spec.higher_is_better if descending is None else descending
    valued: list[tuple[Fraction, ReportRow]] = []
    missing: list[ReportRow] = []
    for row in report.rows:
        exact = ratio(row, spec.name).exact
        if exact is None:
            missing.append(row)
        else:
            valued.append((exact, row))
    # sorted is stable: equal values keep the report's group order
    valued.sort(key=lambda pair: -pair[0] if order else pair[0])
    counts = Counter(exact for exact, _ in valued)
    entries = []
    place = 0
    for index, (exact, row) in enumerate(valued):
        if index == 0 or exact != valued[index - 1][0]:
            place = index + 1  # standard competition: the rank skips past the ties
        entries.append(RankEntry(place, row.group, spec.of(row), exact, counts[exact] > 1))
    entries += [RankEntry(None, row.group, None, None, False) for row in missing]
    return Ranking(spec, order, tuple(entries))
