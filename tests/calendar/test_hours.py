"""Office hours, counting sessions and reception sessions."""

from __future__ import annotations

import datetime as dt

import pytest

from tthc import WorkingCalendar
from tthc.calendar import DEFAULT_OFFICE_HOURS, OfficeHours

T = dt.time
D = dt.date
VN = WorkingCalendar.vietnam()
MORNING, AFTERNOON = (T(7, 30), T(11, 30)), (T(13), T(17))


def test_default_hours_are_the_hue_one_stop_hours() -> None:
    """QĐ 2022/QĐ-UBND (Thừa Thiên Huế): 07:30-11:30 and 13:00-17:00, Monday-Friday."""
    assert VN.office_hours == DEFAULT_OFFICE_HOURS
    for weekday in range(5):
        assert DEFAULT_OFFICE_HOURS.sessions(weekday) == (MORNING, AFTERNOON)
    assert DEFAULT_OFFICE_HOURS.sessions(5) == DEFAULT_OFFICE_HOURS.sessions(6) == ()
    assert str(DEFAULT_OFFICE_HOURS) == "mon-fri 07:30-11:30, 13:00-17:00; make-up days as mon"


def test_counting_sessions_by_day() -> None:
    assert VN.counting_sessions(D(2026, 3, 2)) == (MORNING, AFTERNOON)
    assert VN.counting_sessions(D(2026, 3, 7)) == ()
    assert VN.counting_sessions(D(2026, 2, 17)) == ()
    assert VN.counting_sessions(D(2026, 1, 10)) == (MORNING, AFTERNOON)  # make-up: Monday's


def test_a_makeup_day_uses_the_named_weekdays_hours() -> None:
    hours = OfficeHours.parse({"mon": "08:00-12:00", "tue-fri": "07:00-11:00"}, makeup_as="tue")
    cal = VN.derive(name="t", office_hours=hours)
    assert cal.counting_sessions(D(2026, 1, 10)) == ((T(7), T(11)),)
    assert cal.counting_sessions(D(2026, 3, 2)) == ((T(8), T(12)),)
    assert cal.add_working_time(dt.datetime(2026, 1, 9, 10), dt.timedelta(hours=2)) == (
        dt.datetime(2026, 1, 10, 8)
    )


def test_reception_is_apart_from_counting() -> None:
    saturday = OfficeHours.parse({"mon-fri": "07:30-11:30, 13:00-17:00", "sat": "07:30-11:30"})
    cal = VN.derive(name="ward", reception_hours=saturday)
    assert cal.reception_sessions(D(2026, 3, 7)) == (MORNING,)  # Saturday-morning counter
    assert cal.counting_sessions(D(2026, 3, 7)) == ()  # ... which does not count
    assert not cal.is_working_day(D(2026, 3, 7))
    assert cal.reception_sessions(D(2025, 2, 1)) == ()  # a Saturday holiday (mùng 4 Tết)
    assert cal.reception_sessions(D(2026, 3, 2)) == (MORNING, AFTERNOON)
    assert cal.reception_sessions(D(2026, 1, 10)) == (MORNING, AFTERNOON)  # make-up Saturday
    assert cal.reception_sessions(D(2026, 1, 2)) == ()  # swapped day off
    assert VN.reception_hours == VN.office_hours
    assert VN.reception_sessions(D(2026, 3, 7)) == ()


def test_suspended_reception_keeps_counting() -> None:
    """A department closed its counter 14/02-22/02/2026 (Đồng Nai Sở Nội vụ; docs/sources.md)."""
    cal = VN.derive(
        name="dept",
        suspended_reception=[(D(2026, 2, 9), D(2026, 2, 13)), D(2026, 3, 2)],
    )
    assert cal.reception_sessions(D(2026, 2, 10)) == ()
    assert cal.counting_sessions(D(2026, 2, 10)) == (MORNING, AFTERNOON)
    assert cal.is_working_day(D(2026, 2, 10))
    assert cal.reception_sessions(D(2026, 3, 2)) == ()
    assert cal.reception_sessions(D(2026, 3, 3)) == (MORNING, AFTERNOON)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"mon-fri": "07:30-11:30, 13:00"}, "expected sessions like"),
        ({"mon-fri": "7:30-25:00"}, "invalid time '25:00'"),
        ({"mon-fri": "11:30-07:30"}, "must start before it ends"),
        ({"mon-fri": "13:00-17:00, 07:30-11:30"}, "in order and not overlap"),
        ({"monday": "07:30-11:30"}, "expected weekdays like"),
        ({"fri-mon": "07:30-11:30"}, "must run forward"),
        ({"mon-fri": "07:30-11:30", "mon": "08:00-09:00"}, "mon is given twice"),
        ({"mon": "7.30-11.30"}, "expected sessions like"),
        ({"mon": 730}, "expected sessions as text"),
    ],
)
def test_malformed_hours_are_refused_with_the_text(spec: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        OfficeHours.parse(spec)


def test_hours_constructors_check_their_input() -> None:
    assert OfficeHours.parse({"sat,sun": "closed", "mon": "08h00-12h00"}).sessions(0) == (
        (T(8), T(12)),
    )
    with pytest.raises(ValueError, match="7 weekdays"):
        OfficeHours(((MORNING,),) * 5)
    with pytest.raises(ValueError, match="weekday 0-6"):
        OfficeHours.weekly(MORNING, makeup_as=7)
    with pytest.raises(ValueError, match="weekday 0-6"):
        OfficeHours.weekly(MORNING, weekdays=["funday"])
    with pytest.raises(TypeError, match="pair of times"):
        OfficeHours.weekly(("07:30", "11:30"))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="pair of times"):
        OfficeHours.weekly((T(7, 30),))  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="whole minutes"):
        OfficeHours.weekly((T(7, 30, 30), T(11, 30)))
    with pytest.raises(ValueError, match="without zone"):
        OfficeHours.weekly((T(7, 30, tzinfo=dt.timezone.utc), T(11, 30)))
    assert OfficeHours.weekly(MORNING, makeup_as="sat").makeup_as == 5
