"""Every weekday day off and make-up day of 2015-2026 matches the official schedules.

The golden files (``golden/YEAR.yaml``) are transcribed from the announcing documents,
independently of the calendar's data; each row names the document the calendar must cite.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from tthc._yaml import load_yaml
from tthc.calendar import DayKind, WorkingCalendar

GOLDEN = Path(__file__).parent / "golden"
YEARS = range(2015, 2027)


def _golden(year: int) -> dict[str, Any]:
    result = load_yaml((GOLDEN / f"{year}.yaml").read_bytes(), file=f"{year}.yaml")
    assert result.ok, result.issues
    data: dict[str, Any] = result.document.data  # type: ignore[union-attr]
    return data


def _rows(key: str) -> list[Any]:
    return [
        pytest.param(row, id=f"{row['date']} {row['document']}")
        for year in YEARS
        for row in _golden(year)[key]
    ]


@pytest.fixture(scope="module")
def vn() -> WorkingCalendar:
    return WorkingCalendar.vietnam(estimates=False)


def test_there_is_a_golden_file_for_every_announced_year(vn: WorkingCalendar) -> None:
    assert vn.known_years == YEARS
    assert sorted(int(p.stem) for p in GOLDEN.glob("*.yaml")) == list(YEARS)


@pytest.mark.parametrize("row", _rows("weekday_days_off"))
def test_weekday_day_off_cites_its_document(row: dict[str, Any], vn: WorkingCalendar) -> None:
    info = vn.day_info(row["date"])
    assert info.date.weekday() < 5
    assert not info.is_working
    assert info.kind in (DayKind.HOLIDAY, DayKind.COMPENSATORY, DayKind.SWAPPED)
    assert info.source is not None
    assert row["document"] in info.source.document
    assert not info.estimated
    assert info.name_vi
    assert info.name_en


@pytest.mark.parametrize("row", _rows("makeup_working_days"))
def test_makeup_day_is_a_working_weekend_day(row: dict[str, Any]) -> None:
    vn = WorkingCalendar.vietnam()  # 2014-12-27 lies in an estimated year
    info = vn.day_info(row["date"])
    assert info.date.weekday() == 5
    assert info.kind is DayKind.MAKEUP
    assert info.is_working
    assert vn.is_working_day(row["date"])
    assert info.source is not None
    assert row["document"] in info.source.document


@pytest.mark.parametrize("year", YEARS)
def test_no_other_weekday_off_and_no_other_weekend_working_day(
    year: int, vn: WorkingCalendar
) -> None:
    golden = _golden(year)
    days = list(vn.days(dt.date(year, 1, 1), dt.date(year, 12, 31)))
    weekday_off = {i.date for i in days if i.date.weekday() < 5 and not i.is_working}
    weekend_work = {i.date for i in days if i.date.weekday() >= 5 and i.is_working}
    assert weekday_off == {row["date"] for row in golden["weekday_days_off"]}
    expected = {row["date"] for row in golden["makeup_working_days"] if row["date"].year == year}
    assert weekend_work == expected


def test_every_makeup_saturday_of_the_domain_brief_is_a_working_day() -> None:
    """DOMAIN.md section 2 lists these make-up Saturdays [V2]."""
    vn = WorkingCalendar.vietnam()
    listed = ["2014-12-27", "2015-02-14", "2015-04-25", "2019-01-05", "2019-05-04",
              "2024-05-04", "2025-04-26", "2026-01-10", "2026-08-22"]  # fmt: skip
    for text in listed:
        day = dt.date.fromisoformat(text)
        assert vn.is_working_day(day), day
        assert vn.day_info(day).kind is DayKind.MAKEUP


def test_new_year_2026_swap_of_cv_12729() -> None:
    """Friday 2026-01-02 off, Saturday 2026-01-10 worked (CV 12729/VPCP-KGVX, 25/12/2025)."""
    vn = WorkingCalendar.vietnam()
    off, work = vn.day_info(dt.date(2026, 1, 2)), vn.day_info(dt.date(2026, 1, 10))
    assert (off.kind, off.is_working) == (DayKind.SWAPPED, False)
    assert (work.kind, work.is_working) == (DayKind.MAKEUP, True)
    for info in (off, work):
        assert info.source is not None
        assert info.source.document == "CV 12729/VPCP-KGVX"
        assert info.source.issued == dt.date(2025, 12, 25)
        assert info.source.url is not None
        assert info.source.url.startswith("https://")
