"""Derived calendars: a province's or an agency's layer on the national one."""

from __future__ import annotations

import datetime as dt

import pytest

from tthc import DateOutOfRange, EstimatedDateError, WorkingCalendar
from tthc.calendar import DayChange, DayKind, OfficeHours, Source

VN = WorkingCalendar.vietnam()
D = dt.date
DECISION = Source("QĐ 123/QĐ-UBND", issued=D(2026, 3, 1), url="https://example.gov.vn/123")


def test_extra_days_off_and_working_days() -> None:
    hue = VN.derive(
        name="vn/hue",
        days_off=[D(2026, 3, 2), DayChange(D(2026, 3, 3), name_vi="Nghỉ do bão", source=DECISION)],
        working_days=[D(2026, 3, 7), DayChange(D(2026, 4, 30), kind=DayKind.WORKING)],
    )
    assert hue.name == "vn/hue"
    assert VN.name == "vn"
    assert not hue.is_working_day(D(2026, 3, 2))
    assert VN.is_working_day(D(2026, 3, 2))
    storm = hue.day_info(D(2026, 3, 3))
    assert (storm.kind, storm.name_vi, storm.source) == (DayKind.HOLIDAY, "Nghỉ do bão", DECISION)
    assert hue.day_info(D(2026, 3, 2)).name_en == "Day off in the vn/hue calendar"
    saturday = hue.day_info(D(2026, 3, 7))
    assert (saturday.kind, saturday.is_working) == (DayKind.MAKEUP, True)
    assert hue.day_info(D(2026, 4, 30)).kind is DayKind.WORKING
    assert hue.add_working_days(D(2026, 2, 27), 1) == D(2026, 3, 4)
    assert hue.add_working_days(D(2026, 3, 6), 1) == D(2026, 3, 7)
    assert hue != VN
    assert hash(hue) != hash(VN)


def test_layers_stack() -> None:
    province = VN.derive(name="p", days_off=[D(2026, 3, 2)])
    agency = province.derive(name="p/a", days_off=[D(2026, 3, 3)], estimates=False)
    assert not agency.is_working_day(D(2026, 3, 2))
    assert not agency.is_working_day(D(2026, 3, 3))
    assert province.estimates
    assert not agency.estimates
    with pytest.raises(EstimatedDateError):
        agency.is_working_day(D(2027, 1, 4))


def test_own_office_hours_and_reception_follow_them() -> None:
    hours = OfficeHours.parse({"mon-fri": "07:00-11:30, 13:30-17:00"})  # Vĩnh Phúc example
    cal = VN.derive(name="vp", office_hours=hours)
    assert cal.office_hours == hours
    assert cal.reception_hours == hours
    assert cal.add_working_time(dt.datetime(2026, 3, 2, 11), dt.timedelta(hours=1)) == (
        dt.datetime(2026, 3, 2, 14)
    )


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"days_off": [D(2026, 3, 2)], "working_days": [D(2026, 3, 2)]}, ValueError, "twice"),
        ({"days_off": [DayChange(D(2026, 3, 2), kind=DayKind.MAKEUP)]}, ValueError, "day off"),
        ({"working_days": [DayChange(D(2026, 3, 7), kind=DayKind.WORKING)]}, ValueError, "weekday"),
        ({"working_days": [DayChange(D(2026, 3, 7), kind=DayKind.HOLIDAY)]}, ValueError, "makeup"),
        ({"days_off": [D(2100, 1, 1)]}, DateOutOfRange, "2100"),
        ({"suspended_reception": [(D(2026, 3, 5), D(2026, 3, 2))]}, ValueError, "end on or after"),
        ({"suspended_reception": [(D(2026, 3, 5), D(2100, 3, 2))]}, DateOutOfRange, "2100"),
        ({"days_off": ["2026-03-02"]}, TypeError, "date"),
        ({"office_hours": "07:30-11:30"}, TypeError, "OfficeHours"),
        ({"name": " "}, ValueError, "non-empty name"),
    ],
)
def test_invalid_layers_are_refused(
    kwargs: dict[str, object], error: type[Exception], match: str
) -> None:
    arguments: dict[str, object] = {"name": "bad", **kwargs}
    with pytest.raises(error, match=match):
        VN.derive(**arguments)  # type: ignore[arg-type]


def test_day_change_checks_its_date() -> None:
    with pytest.raises(TypeError, match=r"DayChange\.date"):
        DayChange(dt.datetime(2026, 3, 2))  # type: ignore[arg-type]
    assert DayChange(D(2026, 3, 2), kind="holiday").kind is DayKind.HOLIDAY  # type: ignore[arg-type]
