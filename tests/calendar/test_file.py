"""Calendar files: valid files load; every problem of an invalid one is reported with its place."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tthc import CalendarFileError, WorkingCalendar, load_calendar
from tthc.calendar import DayKind, parse_calendar

FILES = Path(__file__).parent / "files"
D = dt.date


def test_a_valid_file_layers_on_the_national_calendar() -> None:
    cal = load_calendar(FILES / "hue-one-stop.yaml")
    assert cal.name == "vn/hue-one-stop"
    storm = cal.day_info(D(2026, 3, 2))
    assert (storm.kind, storm.name_en) == (DayKind.HOLIDAY, "Offices closed for a storm")
    assert storm.source is not None
    assert storm.source.document == "CV 1/UBND-TH"
    assert cal.day_info(D(2026, 3, 7)).kind is DayKind.MAKEUP
    assert cal.reception_sessions(D(2026, 3, 14)) == ((dt.time(7, 30), dt.time(11, 30)),)
    assert cal.counting_sessions(D(2026, 3, 14)) == ()
    assert cal.reception_sessions(D(2026, 2, 20)) == ()
    assert cal.add_working_days(D(2026, 2, 27), 1) == D(2026, 3, 3)


def test_every_problem_is_reported_with_file_line_and_column() -> None:
    with pytest.raises(CalendarFileError) as caught:
        load_calendar(FILES / "bad-hue.yaml")
    lines = [str(issue) for issue in caught.value.issues]
    file = str(FILES / "bad-hue.yaml")
    assert lines == [
        f"{file}:4:12: office_hours.mon-fri: invalid time '25:00' in '07:30-11:30, 13:00-25:00'",
        f"{file}:7:11: days_off.1.date: 2026-03-02 is listed twice (first at line 6)",
        f"{file}:9:5: working_days.0.date: 2150-01-01 is outside the supported range "
        "2000-01-01..2099-12-31",
        f"{file}:11:5: suspended_reception.0: 'to' (2026-02-14) is before 'from' (2026-02-22)",
    ]
    assert isinstance(caught.value, ValueError)


def test_schema_problems_are_reported_together() -> None:
    with pytest.raises(CalendarFileError) as caught:
        load_calendar(FILES / "bad-schema.yaml")
    lines = [str(issue).split(": ", 1)[1] for issue in caught.value.issues]
    assert lines == [
        "extends: Input should be 'vn'; got 'hanoi'",
        "colour: unknown field 'colour'",
        "days_off.0.date: Input should be a valid date; got '2026-13-02'",
        "days_off.1.kind: Input should be 'holiday', 'compensatory', 'swapped', 'makeup' "
        "or 'working'; got 'weekend'",
    ]
    assert [i.line for i in caught.value.issues] == [2, 3, 5, 6]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- a\n", "a calendar file is a mapping with 'name', 'extends' .*; this file holds a list"),
        ("name: [\n", "YAML syntax error"),
        ("extends: vn\n", "missing required field 'name'"),
        ("name: x\nextends: vn\nestimates: no\n", "got 'no'"),
        ("name: x\nextends: vn\nworking_days: [2026-03-07, 2026-03-07]\n", "listed twice"),
        ("name: x\nextends: vn\nworking_days: [{date: 2026-03-07, kind: holiday}]\n", "makeup"),
        (
            "name: x\nextends: vn\noffice_hours: {mon-fri: '07:00-11:00', mon: '08:00-09:00'}\n",
            "given twice",
        ),
    ],
)
def test_invalid_texts(text: str, message: str) -> None:
    with pytest.raises(CalendarFileError, match=message):
        parse_calendar(text, file="x.yaml")


def test_estimates_and_hours_options() -> None:
    cal = parse_calendar(
        "name: x\nextends: vn\nestimates: false\nmakeup_as: tue\n"
        "office_hours: {mon: '08:00-12:00', tue-fri: '07:00-11:00'}\n"
    )
    assert not cal.estimates
    assert cal.counting_sessions(D(2026, 1, 10)) == ((dt.time(7), dt.time(11)),)
    assert parse_calendar("name: vn\nextends: vn\n") == WorkingCalendar.vietnam().derive(name="vn")


def test_a_missing_file_is_an_os_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        load_calendar(tmp_path / "missing.yaml")
