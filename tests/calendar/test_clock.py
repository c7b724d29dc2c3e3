"""Working time: counting instants, adding and measuring working time, time zones."""

from __future__ import annotations

import datetime as dt

import pytest

from tthc import DateOutOfRange, EstimatedDateError, WorkingCalendar
from tthc.calendar import VIETNAM_TZ, OfficeHours

VN = WorkingCalendar.vietnam()
H = dt.timedelta(hours=1)


def at(day: int, hour: int, minute: int = 0, month: int = 3, year: int = 2026) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute)


@pytest.mark.parametrize(
    ("start", "delta", "expected", "why"),
    [
        (at(2, 7, 30), 4 * H, at(2, 11, 30), "ends exactly at a session end: that instant"),
        (at(2, 7, 30), 8 * H, at(2, 17), "one working day of 8 hours"),
        (at(2, 10), 2 * H, at(2, 13, 30), "lunch skipped"),
        (at(2, 12), H, at(2, 14), "received at lunch: counting starts at 13:00"),
        (at(2, 11, 30), H / 2, at(2, 13, 30), "11:30 sharp is not counting time"),
        (at(2, 6), H, at(2, 8, 30), "before opening"),
        (at(6, 16), 2 * H, at(9, 8, 30), "over the weekend"),
        (at(6, 17), 8 * H, at(9, 17), "received at closing"),
        (at(13, 16, month=2), 2 * H, at(23, 8, 30, month=2), "over Tết"),
        (at(13, 16, month=2), H, at(13, 17, month=2), "ends at closing before Tết"),
        (at(9, 16, month=1), 2 * H, at(10, 8, 30, month=1), "into a make-up Saturday"),
        (at(2, 14), -H, at(2, 13), "back: ends exactly at a session start"),
        (at(2, 14), -2 * H, at(2, 10, 30), "back over lunch"),
        (at(9, 7, 30), -H, at(6, 16), "back over the weekend"),
        (at(7, 10), -H, at(6, 16), "back from a Saturday"),
        (at(2, 12), -H, at(2, 10, 30), "back from lunch"),
        (at(2, 10, 15), dt.timedelta(0), at(2, 10, 15), "zero: unchanged"),
        (at(7, 10), dt.timedelta(0), at(7, 10), "zero on a Saturday: unchanged"),
    ],
)
def test_add_working_time(
    start: dt.datetime, delta: dt.timedelta, expected: dt.datetime, why: str
) -> None:
    assert VN.add_working_time(start, delta) == expected, why


def test_seconds_and_microseconds_are_kept() -> None:
    start = dt.datetime(2026, 3, 2, 11, 29, 59, 600_000)
    assert VN.add_working_time(start, dt.timedelta(microseconds=500_000)) == dt.datetime(
        2026, 3, 2, 13, 0, 0, 100_000
    )
    assert VN.add_working_time(start, dt.timedelta(microseconds=400_000)) == dt.datetime(
        2026, 3, 2, 11, 30
    )
    assert VN.add_working_time(dt.datetime(2026, 3, 2, 13, 0, 1), -dt.timedelta(seconds=1)) == (
        dt.datetime(2026, 3, 2, 13)
    )


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        (at(2, 7, 30), at(2, 7, 30)),
        (at(2, 10), at(2, 10)),
        (at(2, 11, 30), at(2, 13)),
        (at(2, 12), at(2, 13)),
        (at(2, 17), at(3, 7, 30)),
        (at(6, 17), at(9, 7, 30)),
        (at(7, 9), at(9, 7, 30)),
        (at(9, 17, month=1), at(10, 7, 30, month=1)),
    ],
)
def test_next_counting_instant(start: dt.datetime, expected: dt.datetime) -> None:
    assert VN.next_counting_instant(start) == expected


def test_working_time_between_is_signed_and_skips_non_working_time() -> None:
    assert VN.working_time_between(at(2, 7, 30), at(2, 17)) == 8 * H
    assert VN.working_time_between(at(2, 11), at(2, 14)) == 1.5 * H
    assert VN.working_time_between(at(6, 16), at(9, 8)) == 1.5 * H
    assert VN.working_time_between(at(9, 8), at(6, 16)) == -1.5 * H
    assert VN.working_time_between(at(7, 8), at(8, 16)) == dt.timedelta(0)


def test_aware_datetimes_are_converted_and_keep_their_zone() -> None:
    utc = dt.timezone.utc
    start = dt.datetime(2026, 3, 2, 3, 0, tzinfo=utc)  # 10:00 in Vietnam
    due = VN.add_working_time(start, 2 * H)
    assert due == dt.datetime(2026, 3, 2, 6, 30, tzinfo=utc)
    assert due.tzinfo is utc
    local = dt.datetime(2026, 3, 2, 10, tzinfo=VIETNAM_TZ)
    assert VN.add_working_time(local, 2 * H).tzinfo is VIETNAM_TZ
    assert VN.next_counting_instant(dt.datetime(2026, 3, 2, 5, tzinfo=utc)) == dt.datetime(
        2026, 3, 2, 6, tzinfo=utc
    )
    assert VN.working_time_between(start, at(2, 11)) == H
    assert VN.add_working_time(start, dt.timedelta(0)) is start


def test_errors() -> None:
    with pytest.raises(TypeError, match="timedelta"):
        VN.add_working_time(at(2, 10), 60)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="datetime"):
        VN.add_working_time(dt.date(2026, 3, 2), H)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="datetime"):
        VN.working_time_between(dt.date(2026, 3, 2), at(2, 10))  # type: ignore[arg-type]
    with pytest.raises(DateOutOfRange, match="ends outside"):
        VN.add_working_time(dt.datetime(2099, 12, 31, 16), 2 * H)
    with pytest.raises(DateOutOfRange, match="ends outside"):
        VN.add_working_time(dt.datetime(2000, 1, 4, 8), -2 * H)
    with pytest.raises(DateOutOfRange):
        VN.add_working_time(dt.datetime(2100, 1, 1, 8), H)
    with pytest.raises(DateOutOfRange):
        VN.add_working_time(dt.datetime(2100, 1, 1, 8), dt.timedelta(0))
    with pytest.raises(DateOutOfRange):
        VN.next_counting_instant(dt.datetime(2099, 12, 31, 18))
    strict = WorkingCalendar.vietnam(estimates=False)
    with pytest.raises(EstimatedDateError, match="2027-01-04"):
        strict.add_working_time(dt.datetime(2026, 12, 31, 16), 2 * H)
    with pytest.raises(EstimatedDateError, match="2014-12-31"):
        strict.add_working_time(dt.datetime(2015, 1, 5, 8), -2 * H)
    with pytest.raises(EstimatedDateError):
        strict.add_working_time(dt.datetime(2027, 1, 4, 8), H)


def test_working_time_between_keeps_seconds_in_sessions_and_checks_each_end_in_turn() -> None:
    """Seconds count inside a session, not at lunch; the start is checked before the end."""
    precise = dt.datetime(2026, 3, 2, 10, 0, 30, 5)
    assert VN.working_time_between(at(2, 10), precise) == dt.timedelta(seconds=30, microseconds=5)
    lunch = dt.datetime(2026, 3, 2, 12, 0, 30)
    assert VN.working_time_between(lunch, at(2, 13, 1)) == dt.timedelta(minutes=1)
    back = VN.working_time_between(dt.datetime(2026, 3, 2, 13, 1, 15), lunch)
    assert back == -dt.timedelta(minutes=1, seconds=15)
    with pytest.raises(DateOutOfRange, match="2100-01-01"):
        VN.working_time_between(at(2, 10), dt.datetime(2100, 1, 1, 8))
    with pytest.raises(DateOutOfRange, match="1999-12-31"):
        VN.working_time_between(dt.datetime(1999, 12, 31, 8), "later")  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="datetime"):
        VN.working_time_between(at(2, 10), "later")  # type: ignore[arg-type]


def test_uneven_days_fall_back_to_a_search() -> None:
    """Days shorter than the typical one (a half-day Friday) are still found exactly."""
    hours = OfficeHours.parse({"mon-thu": "07:30-11:30, 13:00-17:00", "fri": "07:30-11:30"})
    cal = VN.derive(name="half-friday", office_hours=hours)
    assert cal.add_working_time(at(5, 16), 8 * H) == at(9, 10, 30)  # Thu 1 h, Fri 4 h, Mon 3 h
    assert cal.add_working_time(at(9, 16), -8 * H) == at(6, 10, 30)
    assert cal.add_working_time(at(2, 7, 30), 36 * H) == at(6, 11, 30)
    assert cal.add_working_time(at(2, 7, 30), 37 * H) == at(9, 8, 30)
    assert cal.working_time_between(at(2, 7, 30), at(9, 7, 30)) == 36 * H
