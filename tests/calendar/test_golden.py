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


def test_every_makeup_saturday_of_the_schedules_is_a_working_day() -> None:
    """The make-up Saturdays of the yearly schedules (docs/sources.md, confidence V2 or V)."""
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


def test_2018_is_decided_by_tb_573() -> None:
    """Thông báo 573/TB-VPCP of 14/12/2017 decides the 2018 Tết days off."""
    info = WorkingCalendar.vietnam().day_info(dt.date(2018, 2, 14))
    assert info.source is not None
    assert (info.source.document, info.source.issued) == ("TB 573/TB-VPCP", dt.date(2017, 12, 14))


def test_2022_tet_and_national_day_have_one_deciding_letter() -> None:
    """CV 245/VPCP-KGVX of 11/01/2022 decides Tết and 1-2/9/2022: no second, unnamed entry."""
    vn = WorkingCalendar.vietnam()
    for day in (dt.date(2022, 2, 1), dt.date(2022, 9, 1), dt.date(2022, 9, 2)):
        source = vn.day_info(day).source
        assert source is not None
        assert (source.document, source.issued) == ("CV 245/VPCP-KGVX", dt.date(2022, 1, 11))


def test_2026_statutory_days_before_july_cite_the_labour_code_alone() -> None:
    """NQ 28/2026/QH16 is in force from 01/07/2026: Jan-Jun days rest on BLLĐ 2019 Art. 112."""
    vn = WorkingCalendar.vietnam()
    for day in (dt.date(2026, 1, 1), dt.date(2026, 4, 27), dt.date(2026, 4, 30)):
        source = vn.day_info(day).source
        assert source is not None
        assert source.document == "Bộ luật Lao động 2019 (45/2019/QH14), Điều 112", day
    culture = vn.day_info(dt.date(2026, 11, 24)).source
    assert culture is not None
    assert culture.document == "Nghị quyết 28/2026/QH16"


@pytest.mark.parametrize(
    "day", [dt.date(2029, 11, 26), dt.date(2030, 11, 25), dt.date(2035, 11, 26)]
)
def test_an_estimated_weekday_in_lieu_of_24_11_is_marked_an_assumption(day: dt.date) -> None:
    """24/11 on a weekend: the weekday in lieu may sit outside BLLĐ 2019 Art. 112(1)."""
    info = WorkingCalendar.vietnam().day_info(day)
    assert info.kind is DayKind.COMPENSATORY
    assert info.estimated
    assert info.assumption is not None
    assert "Art. 111(3)" in info.assumption
    assert str(info).endswith("(estimated) (assumed)")


def test_statutory_days_in_lieu_are_not_assumptions() -> None:
    vn = WorkingCalendar.vietnam()
    assert vn.day_info(dt.date(2030, 9, 3)).assumption is None  # 2/9/2030 is a Monday
    assert vn.day_info(dt.date(2026, 11, 24)).assumption is None


@pytest.mark.parametrize(
    ("day", "label"),
    [
        (dt.date(2025, 1, 27), "28 Tết"),  # the last month of Giáp Thìn has 29 days
        (dt.date(2027, 2, 4), "28 Tết"),
        (dt.date(2028, 1, 24), "28 Tết"),
        (dt.date(2030, 1, 31), "28 Tết"),
        (dt.date(2031, 1, 21), "28 Tết"),
        (dt.date(2032, 2, 9), "28 Tết"),
        (dt.date(2024, 2, 8), "29 Tết"),  # a 30-day month
        (dt.date(2023, 1, 20), "29 Tết"),
    ],
)
def test_the_day_before_new_years_eve_is_named_from_its_lunar_date(
    day: dt.date, label: str
) -> None:
    """The label is the day of the last lunar month (new moons at UTC+7), not a position."""
    info = WorkingCalendar.vietnam().day_info(day)
    assert info.name_vi == label
    assert info.name_en == label.replace(" Tết", " of Lunar New Year")
