"""Rankings: units ordered by an indicator's exact value, ties 1, 2, 2, 4, N/A last."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tthc.reports import INDICATORS, TIE_RULE, Period, Report, ReportRow, Resolution

Q1 = Period.parse("2026-Q1")


def unit_report(*rows: ReportRow) -> Report:
    """A report grouped by agency over the given rows (each row's group names its agency)."""
    total = ReportRow(())
    for row in rows:
        total = total._add(row)
    return Report(Q1, Q1.end, "by-date", Resolution.RESULT_READY, ("agency",), rows, total)


def on_time(agency: str, in_time: int, resolved: int) -> ReportRow:
    return ReportRow(
        (("agency", agency),), resolved_on_time=in_time, resolved_late=resolved - in_time
    )


def late(agency: str, late: int, received: int) -> ReportRow:
    return ReportRow((("agency", agency),), received_counter=received, resolved_late=late)


def test_ties_share_a_rank_and_the_next_rank_skips() -> None:
    rep = unit_report(
        on_time("A", 90, 100),
        on_time("B", 99, 100),
        on_time("C", 198, 200),  # 99%, the same exact value as B: a tie
        on_time("D", 0, 0),  # no rate: not ranked
        on_time("E", 80, 100),
    )
    ranking = rep.rank("rate")
    assert [(e.label, e.rank, e.tied) for e in ranking.entries] == [
        ("B", 1, True),
        ("C", 1, True),
        ("A", 3, False),
        ("E", 4, False),
        ("D", None, False),
    ]
    assert [e.label for e in ranking.not_ranked] == ["D"]
    assert len(ranking.ranked) == 4
    assert ranking.entries[-1].value is None
    assert ranking.tie_rule == TIE_RULE


def test_equal_published_figures_with_different_exact_values_are_not_tied() -> None:
    """99.751% and 99.749% both read 99.75; the exact values rank them 1 and 2."""
    rep = unit_report(on_time("A", 99_749, 100_000), on_time("B", 99_751, 100_000))
    entries = rep.rank("rate").entries
    assert [(e.label, e.rank, e.value) for e in entries] == [
        ("B", 1, Decimal("99.75")),
        ("A", 2, Decimal("99.75")),
    ]
    assert not any(e.tied for e in entries)


def test_the_late_share_ranks_lowest_first_unless_told() -> None:
    rep = unit_report(late("A", 5, 100), late("B", 1, 100), late("C", 3, 100))
    assert not INDICATORS["late_share"].higher_is_better
    assert [e.label for e in rep.rank("late share").entries] == ["B", "C", "A"]
    descending = rep.rank("late_share", descending=True)
    assert descending.descending
    assert [e.label for e in descending.entries] == ["A", "C", "B"]


def test_an_ungrouped_report_or_an_unknown_indicator_cannot_be_ranked() -> None:
    with pytest.raises(ValueError, match="nothing to rank by the on-time rate: the report has no"):
        Report(Q1, Q1.end, "by-date", Resolution.RESULT_READY, (), (), ReportRow(())).rank("rate")
    with pytest.raises(ValueError, match="unknown indicator 'speed'"):
        unit_report().rank("speed")


def test_a_ranking_accepts_the_indicator_itself() -> None:
    rep = unit_report(on_time("A", 1, 2))
    assert rep.rank(INDICATORS["rate"]) == rep.rank("on-time rate")
