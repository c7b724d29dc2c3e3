"""Period: reporting periods as a report's heading says them."""

from __future__ import annotations

import datetime as dt

import pytest

from tthc.reports import Period, report
from tthc.reports._periods import time_label

d = dt.date


@pytest.mark.parametrize(
    ("text", "first", "last", "label"),
    [
        ("2026", d(2026, 1, 1), d(2026, 12, 31), "2026"),
        ("2026-02", d(2026, 2, 1), d(2026, 2, 28), "2026-02"),
        ("2024-02", d(2024, 2, 1), d(2024, 2, 29), "2024-02"),
        ("2026-12", d(2026, 12, 1), d(2026, 12, 31), "2026-12"),
        ("2026-Q1", d(2026, 1, 1), d(2026, 3, 31), "2026-Q1"),
        ("2026q4", d(2026, 10, 1), d(2026, 12, 31), "2026-Q4"),
        ("2026-H1", d(2026, 1, 1), d(2026, 6, 30), "2026-H1"),
        ("2026h2", d(2026, 7, 1), d(2026, 12, 31), "2026-H2"),
        ("2015-01-01..2020-12-31", d(2015, 1, 1), d(2020, 12, 31), "2015-01-01..2020-12-31"),
        (" 2025-12-15/2026-03-14 ", d(2025, 12, 15), d(2026, 3, 14), "2025-12-15..2026-03-14"),
        ("2026-04-01..2026-06-30", d(2026, 4, 1), d(2026, 6, 30), "2026-Q2"),
        ("2026-01-01..2026-01-01", d(2026, 1, 1), d(2026, 1, 1), "2026-01-01..2026-01-01"),
        ("2026-02-01..2026-03-31", d(2026, 2, 1), d(2026, 3, 31), "2026-02-01..2026-03-31"),
        ("2025-12-01..2026-01-31", d(2025, 12, 1), d(2026, 1, 31), "2025-12-01..2026-01-31"),
    ],
)
def test_parse_and_label(text: str, first: dt.date, last: dt.date, label: str) -> None:
    period = Period.parse(text)
    assert (period.first, period.last) == (first, last)
    assert str(period) == period.label == label
    assert Period.parse(label) == period


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("March 2026", "expected 2026, 2026-03, 2026-Q1"),
        ("2026-13", "invalid period '2026-13': month must be in 1..12"),
        ("2026-Q5", "expected 2026, 2026-03"),
        ("2026-03-31..2026-03-01", r"cannot end .2026-03-01. before it starts"),
        ("2026-02-30..2026-03-01", "invalid period"),
    ],
)
def test_parse_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Period.parse(text)


def test_constructors_check_their_arguments() -> None:
    with pytest.raises(ValueError, match=r"quarter must be 1\.\.4"):
        Period.quarter(2026, 0)
    with pytest.raises(ValueError, match="half must be 1 or 2"):
        Period.half(2026, 3)
    with pytest.raises(TypeError, match=r"Period\.first must be a date, got datetime"):
        Period(dt.datetime(2026, 1, 1), d(2026, 1, 2))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="expected period text"):
        Period.parse(2026)  # type: ignore[arg-type]


def test_instants_are_half_open() -> None:
    march = Period.month(2026, 3)
    assert march.start == dt.datetime(2026, 3, 1)
    assert march.end == dt.datetime(2026, 4, 1)
    assert dt.datetime(2026, 3, 31, 23, 59) in march
    assert dt.datetime(2026, 4, 1) not in march
    assert d(2026, 3, 31) in march
    assert d(2026, 4, 1) not in march
    assert "2026-03-05" not in march
    utc = dt.timezone.utc
    assert dt.datetime(2026, 3, 31, 17, 30, tzinfo=utc) not in march  # 00:30 on 1/4 in Hà Nội
    assert dt.datetime(2026, 2, 28, 17, 30, tzinfo=utc) in march


def test_split_cuts_calendar_units_to_the_period() -> None:
    reporting_q1 = Period(d(2025, 12, 15), d(2026, 3, 14))
    assert [str(p) for p in reporting_q1.split("month")] == [
        "2025-12-15..2025-12-31",
        "2026-01",
        "2026-02",
        "2026-03-01..2026-03-14",
    ]
    assert [str(p) for p in reporting_q1.split("quarter")] == [
        "2025-12-15..2025-12-31",
        "2026-01-01..2026-03-14",
    ]
    assert [str(p) for p in Period.parse("2015-01-01..2020-12-31").split("year")] == [
        str(y) for y in range(2015, 2021)
    ]
    assert [str(p) for p in Period.year(2026).split("quarter")] == [
        "2026-Q1",
        "2026-Q2",
        "2026-Q3",
        "2026-Q4",
    ]


@pytest.mark.parametrize("dimension", ["month", "quarter", "year"])
def test_split_of_the_last_days_a_period_can_have(dimension: str) -> None:
    """The unit after December 9999 does not exist: splitting used to raise "year 10000"."""
    last = Period.parse("9999-12-01..9999-12-29")
    assert [str(p) for p in last.split(dimension)] == ["9999-12-01..9999-12-29"]
    assert report([], period=last, group_by=dimension).rows == ()


def test_time_labels() -> None:
    at = dt.datetime(2026, 11, 24, 9)
    assert time_label("month", at) == "2026-11"
    assert time_label("quarter", at) == "2026-Q4"
    assert time_label("year", at) == "2026"


@pytest.mark.parametrize("year", [1, 9, 999, 2026, 9998])
def test_every_label_parses_back_to_its_period(year: int) -> None:
    """Years below 1000 are written with four digits (``0001``), as ISO 8601 writes them."""
    for period in (
        Period.year(year),
        Period.month(year, 3),
        Period.quarter(year, 2),
        Period.half(year, 2),
        Period(dt.date(year, 1, 2), dt.date(year, 2, 3)),
    ):
        assert Period.parse(period.label) == period


@pytest.mark.parametrize("text", ["２０２６", "٢٠٢٦-03", "2026-Q١"])
def test_only_ascii_digits_make_a_period(text: str) -> None:
    with pytest.raises(ValueError, match="invalid period"):
        Period.parse(text)
