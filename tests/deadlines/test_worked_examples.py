"""Due dates from the law and the yearly schedules, one row per case with its source.

The documents are those of docs/sources.md.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tthc import Duration, compute_deadline
from tthc.calendar import WorkingCalendar
from tthc.deadlines import (
    CIVIL_CODE,
    HALF_DAY_SESSIONS,
    NEXT_OPENING,
    WORKING_TIME,
    WORKING_TIME_QUARTER,
    DeadlinePolicy,
)
from tthc.errors import DateOutOfRange, EstimatedDateError

VN = WorkingCalendar.vietnam()


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


ROWS: list[tuple[str, str, str, DeadlinePolicy, str | None, str]] = [
    # received, time limit, expected due, policy, half-day window opening, source
    (
        "2026-02-12T10:00",
        "3 working days",
        "2026-02-24T17:00",
        CIVIL_CODE,
        None,
        "BLDS 2015 Art. 147(2), 148(1); Tết 14-22/02/2026 per the VPCP letter of Oct 2025",
    ),
    (
        "2024-04-26T10:00",
        "2 working days",
        "2024-05-03T17:00",
        CIVIL_CODE,
        None,
        "BLDS 2015 Art. 147(2); 29/4/2024 swapped off, CV 2450/VPCP-KGVX",
    ),
    (
        "2026-11-23T10:00",
        "1 working day",
        "2026-11-25T17:00",
        CIVIL_CODE,
        None,
        "BLDS 2015 Art. 147(2); 24/11 Ngày Văn hóa Việt Nam, NQ 28/2026/QH16",
    ),
    (
        "2026-02-13T15:30",
        "same day, cut-off 15:00",
        "2026-02-23T17:00",
        CIVIL_CODE,
        None,
        "Luật Hộ tịch 2014 Art. 5(3): after 15:00, the next working day (after Tết)",
    ),
    (
        "2026-02-13T14:59",
        "same day, cut-off 15:00",
        "2026-02-13T17:00",
        CIVIL_CODE,
        None,
        "Luật Hộ tịch 2014 Art. 5(3): before the cut-off, the same day",
    ),
    (
        "2026-02-13T15:00",
        "same day, cut-off 15:00",
        "2026-02-13T17:00",
        CIVIL_CODE,
        None,
        "Art. 5(3) says 'sau 15 giờ': received at 15:00 sharp is not after it",
    ),
    (
        "2026-03-07T09:00",
        "same day, cut-off 15:00",
        "2026-03-09T17:00",
        CIVIL_CODE,
        None,
        "Saturday-morning counter: Saturday does not count, received Monday at opening",
    ),
    (
        "2026-01-09T10:00",
        "1 working day",
        "2026-01-10T17:00",
        CIVIL_CODE,
        None,
        "Saturday 10/01/2026 is a make-up working day, CV 12729/VPCP-KGVX (25/12/2025)",
    ),
    (
        "2026-01-01T09:00",
        "1 working day",
        "2026-01-05T17:00",
        CIVIL_CODE,
        None,
        "BLDS 2015 Art. 147(2): the holiday 01/01 is the day not counted; 02/01 swapped off "
        "(CV 12729/VPCP-KGVX), 03-04/01 weekend, so Mon 05/01",
    ),
    (
        "2026-03-02T17:30",
        "1 working day",
        "2026-03-03T17:00",
        CIVIL_CODE,
        None,
        "BLDS 2015 Art. 147(2): Mon 02/03, received after close, is the day not counted",
    ),
    (
        "2026-03-07T09:00",
        "15 calendar days",
        "2026-03-23T17:00",
        CIVIL_CODE,
        None,
        "BLDS 2015 Art. 147(2): Saturday-counter day not counted; ends Sun 22/03, so Mon 23/03 "
        "(Art. 148(5))",
    ),
    (
        "2026-01-01T09:00",
        "1 working day",
        "2026-01-06T17:00",
        NEXT_OPENING,
        None,
        "next-opening (QĐ 2988/QĐ-TCHQ Art. 7(5)): deemed received Mon 05/01 07:30, due Tue 06/01",
    ),
    (
        "2026-03-02T17:30",
        "1 working day",
        "2026-03-04T17:00",
        NEXT_OPENING,
        None,
        "next-opening (TT 87/2021/TT-BTC Art. 10): deemed received Tue 03/03, due Wed 04/03",
    ),
    (
        "2026-03-07T09:00",
        "15 calendar days",
        "2026-03-24T17:00",
        NEXT_OPENING,
        None,
        "next-opening: deemed received Mon 09/03; 15 days end Tue 24/03",
    ),
    (
        "2026-03-02T17:30",
        "1 working day",
        "2026-03-03T17:00",
        HALF_DAY_SESSIONS,
        "13:00",
        "e-par: after close counts as the afternoon of the receipt day (Art. 147(2)), due Tue "
        "afternoon",
    ),
    (
        "2026-03-02T17:30",
        "1 working day",
        "2026-03-03T17:00",
        WORKING_TIME,
        None,
        "OpenCPS: hours count from the next opening, Tue 07:30 + 8 h",
    ),
    (
        "2026-08-24T09:00",
        "5 working days",
        "2026-09-03T17:00",
        CIVIL_CODE,
        None,
        "marriage with verification, Luật Hộ tịch Art. 18(2); 31/8-2/9/2026 off",
    ),
    (
        "2026-03-02T10:00",
        "0.5 working days",
        "2026-03-03T11:30",
        CIVIL_CODE,
        None,
        "half a day under day counting: the next day's morning session",
    ),
    (
        "2026-04-15T10:00",
        "15 calendar days",
        "2026-05-04T17:00",
        CIVIL_CODE,
        None,
        "BLDS 2015 Art. 148(5): 30/4 ends on a holiday, 1/5 holiday, 2-3/5 weekend",
    ),
    (
        "2026-03-02T10:00",
        "10 calendar days",
        "2026-03-12T17:00",
        CIVIL_CODE,
        None,
        "BLDS 2015 Art. 147(2), 148(1): first day not counted",
    ),
    (
        "2026-03-02T10:00",
        "15 calendar days then 5 working days",
        "2026-03-24T17:00",
        CIVIL_CODE,
        None,
        "phases: posting period then processing (OpenCPS dueDatePhase)",
    ),
    (
        "2026-03-02T10:00",
        "8 working hours",
        "2026-03-03T10:00",
        CIVIL_CODE,
        None,
        "BLDS 2015 Art. 147(1): hours start at the moment of receipt",
    ),
    (
        "2026-03-06T16:00",
        "4 working hours",
        "2026-03-09T10:30",
        CIVIL_CODE,
        None,
        "hours skip the weekend: 1 h on Friday, 3 h on Monday",
    ),
    (
        "2026-03-02T11:00",
        "1 working hour",
        "2026-03-02T13:30",
        CIVIL_CODE,
        None,
        "hours skip the lunch break 11:30-13:00",
    ),
    (
        "2026-03-02T07:00",
        "4 working hours",
        "2026-03-02T11:30",
        CIVIL_CODE,
        None,
        "before opening counts from 07:30; landing on a session end is that instant",
    ),
    (
        "2026-03-02T10:00",
        "2 working days",
        "2026-03-04T10:00",
        WORKING_TIME,
        None,
        "user report 'Monday 10:00 + 2 days should be Wednesday 10:00'; 1 day = 8 h",
    ),
    (
        "2026-03-02T10:07",
        "1 working day",
        "2026-03-03T10:15",
        WORKING_TIME_QUARTER,
        None,
        "OpenCPS DueDateUtils rounds the due time up to the quarter hour",
    ),
    (
        "2026-03-02T09:00",
        "2 working days",
        "2026-03-04T11:30",
        HALF_DAY_SESSIONS,
        "07:30",
        "e-par: received in the morning, due in the morning",
    ),
    (
        "2026-03-02T14:00",
        "2 working days",
        "2026-03-04T17:00",
        HALF_DAY_SESSIONS,
        "13:00",
        "e-par: received in the afternoon, due in the afternoon",
    ),
    (
        "2026-03-02T09:00",
        "0.5 working days",
        "2026-03-02T17:00",
        HALF_DAY_SESSIONS,
        "13:00",
        "e-par 0.5 day: morning receipt due the same afternoon",
    ),
    (
        "2026-03-02T14:00",
        "0.5 working days",
        "2026-03-03T11:30",
        HALF_DAY_SESSIONS,
        "07:30",
        "e-par 0.5 day: afternoon receipt due the next morning",
    ),
    (
        "2026-02-13T14:00",
        "1 working day",
        "2026-02-23T17:00",
        HALF_DAY_SESSIONS,
        "13:00",
        "sessions skip Tết like days do",
    ),
]


@pytest.mark.parametrize(
    ("received", "limit", "due", "policy", "opening", "source"), ROWS, ids=[r[5][:60] for r in ROWS]
)
def test_due_date(
    received: str, limit: str, due: str, policy: DeadlinePolicy, opening: str | None, source: str
) -> None:
    deadline = compute_deadline(Duration.parse(limit), at(received), calendar=VN, policy=policy)
    assert deadline.due_at == at(due), source
    if opening is None:
        assert deadline.window is None
    else:
        assert deadline.window == (at(due[:11] + opening), at(due))


def test_no_time_limit_has_no_due_date() -> None:
    deadline = compute_deadline(Duration.none(), at("2026-03-02T10:00"), calendar=VN)
    assert deadline.due_at is None
    assert deadline.due_date is None
    assert "No time limit" in deadline.explain("en")


def test_immediate_is_due_when_counting_starts() -> None:
    deadline = compute_deadline(Duration.immediate(), at("2026-03-07T09:00"), calendar=VN)
    assert deadline.due_at == deadline.counting_from == at("2026-03-09T07:30")


def test_aware_receipt_keeps_the_callers_zone() -> None:
    utc = dt.timezone.utc
    received = dt.datetime(2026, 2, 12, 3, 0, tzinfo=utc)  # 10:00 in Hà Nội
    deadline = compute_deadline(Duration.working_days(3), received, calendar=VN)
    assert deadline.due_at == dt.datetime(2026, 2, 24, 10, 0, tzinfo=utc)
    assert deadline.due_at.tzinfo is utc
    assert deadline.due_date == dt.date(2026, 2, 24)
    assert deadline.counting_from == received


def test_zero_working_days_are_due_at_the_close_of_the_receipt_day() -> None:
    deadline = compute_deadline(Duration.working_days(0), at("2026-03-07T09:00"), calendar=VN)
    assert deadline.due_at == at("2026-03-09T17:00")  # received on a Saturday: Monday


def test_a_due_date_the_calendar_cannot_answer_is_an_error_not_a_guess() -> None:
    with pytest.raises(DateOutOfRange, match="5 working days from 2099-12-29"):
        compute_deadline(Duration.working_days(5), at("2099-12-29T09:00"), calendar=VN)
    announced_only = WorkingCalendar.vietnam(estimates=False)
    with pytest.raises(EstimatedDateError, match="2027-01-06"):
        compute_deadline(Duration.working_days(5), at("2026-12-29T09:00"), calendar=announced_only)
