"""``tthc calendar YEAR``: text, JSON and iCalendar; exit codes; no tracebacks."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tthc.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, main

FILES = Path(__file__).parent / "files"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["calendar", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return status, out, err


def test_text_lists_weekdays_off_and_makeup_days_with_sources(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(capsys, "2026")
    assert status == EXIT_OK
    lines = out.splitlines()
    assert lines[0] == "vn 2026: announced schedule"
    assert any(line.startswith("2026-01-02 Fri  swapped") for line in lines)
    assert any(line.startswith("2026-01-10 Sat  make-up") for line in lines)
    assert "CV 12729/VPCP-KGVX (25/12/2025)" in out
    assert lines[-1] == "14 weekday(s) off, 2 make-up working day(s)"
    assert "2026-02-21" not in out  # an ordinary Saturday is not listed


def test_json(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "2026", "--format", "json")
    assert status == EXIT_OK
    data = json.loads(out)
    assert (data["calendar"], data["year"], data["estimated"]) == ("vn", 2026, False)
    assert data["known_years"] == [2015, 2026]
    swap = next(d for d in data["days"] if d["date"] == "2026-01-02")
    assert swap["kind"] == "swapped"
    assert swap["working"] is False
    assert swap["source"]["document"] == "CV 12729/VPCP-KGVX"
    assert swap["source"]["issued"] == "2025-12-25"
    assert len(data["days"]) == 16


def test_icalendar(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "2026", "--format", "ics")
    assert status == EXIT_OK
    assert out.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert out.endswith("END:VCALENDAR\r\n")
    assert out.count("BEGIN:VEVENT") == 16
    assert "DTSTART;VALUE=DATE:20260110\r\nDTEND;VALUE=DATE:20260111\r\n" in out
    for line in out.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    unfolded = out.replace("\r\n ", "")
    assert "SUMMARY:Ngày nghỉ: Ngày nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)" in unfolded
    assert "Source: CV 12729/VPCP-KGVX (25/12/2025)" in unfolded


def test_an_estimated_year_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "2030")
    assert status == EXIT_OK
    assert out.splitlines()[0].startswith("vn 2030: ESTIMATED: no announced schedule")
    status, out, _ = run(capsys, "2030", "--format", "ics")
    assert "Estimated: no announced schedule" in out.replace("\r\n ", "")
    status, out, err = run(capsys, "2030", "--no-estimates")
    assert status == EXIT_INVALID
    assert err.startswith("tthc: error: date 2030-01-01 falls in a year without an announced")


@pytest.mark.parametrize("year", ["1999", "2100"])
def test_a_year_outside_the_range_is_a_domain_error(
    capsys: pytest.CaptureFixture[str], year: str
) -> None:
    status, _, err = run(capsys, year)
    assert status == EXIT_INVALID
    assert "2000-01-01..2099-12-31" in err


@pytest.mark.parametrize("argv", [["abc"], ["0"], ["2026", "--format", "xml"], []])
def test_usage_errors(capsys: pytest.CaptureFixture[str], argv: list[str]) -> None:
    status, _, err = run(capsys, *argv)
    assert status == EXIT_USAGE
    assert "usage" in err or "error" in err


def test_a_calendar_file(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "2026", "--calendar", str(FILES / "hue-one-stop.yaml"))
    assert status == EXIT_OK
    assert out.startswith("vn/hue-one-stop 2026")
    assert "2026-03-02 Mon  holiday      Nghỉ làm việc do bão" in out
    status, _, err = run(capsys, "2026", "--calendar", str(FILES / "bad-hue.yaml"))
    assert status == EXIT_INVALID
    assert "bad-hue.yaml:4:12: office_hours.mon-fri" in err
