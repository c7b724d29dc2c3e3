"""Indicators and the QĐ 766 points (QĐ 766/QĐ-TTg ngày 23/6/2022, per its formula document)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tthc.reports import ReportRow


@pytest.mark.parametrize(
    ("online", "points"),
    [(4_999, "99.98"), (5_000, "100.00"), (7_000, "100.00"), (2_500, "50.00"), (0, "0.00")],
)
def test_3_3_full_points_from_50_percent(online: int, points: str) -> None:
    row = ReportRow((), received_online=online, received_counter=10_000 - online)
    score = {s.code: s for s in row.qd766_scores()}["3.3"]
    assert score.points == Decimal(points)


@pytest.mark.parametrize(
    ("paid", "points"), [(7_999, "99.99"), (8_000, "100.00"), (4_000, "50.00")]
)
def test_3_5_and_4_2_full_points_from_80_percent(paid: int, points: str) -> None:
    row = ReportRow(
        (),
        paid_online=paid,
        paid_offline=10_000 - paid,
        digitised=paid,
        not_digitised=10_000 - paid,
    )
    scores = {s.code: s for s in row.qd766_scores()}
    assert scores["3.5"].points == scores["4.2"].points == Decimal(points)


def test_late_share_counts_resolved_late_and_open_overdue_over_received() -> None:
    row = ReportRow((), received_counter=1_000, resolved_late=3, in_progress_overdue=1)
    assert row.late_share == Decimal("0.40")
    assert ReportRow(()).late_share is None
    assert ReportRow(()).qd766_scores()[2].points is None  # N/A, not 0


def test_max_points_scale_and_unknown_codes_are_refused() -> None:
    row = ReportRow((), received_online=25, received_counter=75)
    assert {s.code: s for s in row.qd766_scores(max_points={"3.3": 2})}["3.3"].points == 1
    with pytest.raises(ValueError, match=r"max_points for 9\.9"):
        row.qd766_scores(max_points={"9.9": 1})
