"""Early / on time / late under each classification policy, and working time left."""

from __future__ import annotations

import datetime as dt

import pytest

from tthc import Duration, Timeliness, classify, compute_deadline
from tthc.calendar import WorkingCalendar
from tthc.deadlines import (
    BY_DATE,
    BY_INSTANT,
    BY_SESSION,
    CLASSIFICATION_POLICIES,
    QD_766,
    TT_01_2018,
    ClassificationPolicy,
    WorkingTime,
    overdue,
    remaining,
)
from tthc.errors import DeadlineError

VN = WorkingCalendar.vietnam()
E, OK, L = Timeliness.EARLY, Timeliness.ON_TIME, Timeliness.LATE

# Received Thu 12/02/2026 10:00, 3 working days: due Tue 24/02/2026 17:00.
DEADLINE = compute_deadline(Duration.working_days(3), dt.datetime(2026, 2, 12, 10), calendar=VN)


def at(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text)


@pytest.mark.parametrize(
    ("policy", "finished", "expected"),
    [
        (BY_DATE, "2026-02-23T17:00", E),
        (BY_DATE, "2026-02-24T07:30", OK),
        (BY_DATE, "2026-02-24T23:59", OK),
        (BY_DATE, "2026-02-25T07:30", L),
        (BY_INSTANT, "2026-02-24T16:59", E),
        (BY_INSTANT, "2026-02-24T17:00", OK),
        (BY_INSTANT, "2026-02-24T17:00:00.000001", L),
        (BY_SESSION, "2026-02-24T12:59", E),  # before the afternoon session holding 17:00
        (BY_SESSION, "2026-02-24T13:00", OK),
        (BY_SESSION, "2026-02-24T17:00", OK),
        (BY_SESSION, "2026-02-24T17:01", L),
        (TT_01_2018, "2026-02-23T10:00", E),
        (TT_01_2018, "2026-02-24T10:00", OK),
        (TT_01_2018, "2026-02-25T10:00", L),
        (QD_766, "2026-02-23T10:00", E),
        (QD_766, "2026-02-24T17:00", OK),
        (QD_766, "2026-02-24T17:01", L),
    ],
)
def test_policies(policy: ClassificationPolicy, finished: str, expected: Timeliness) -> None:
    assert classify(at(finished), DEADLINE, policy=policy) is expected


def test_default_policy_is_by_date() -> None:
    assert classify(at("2026-02-24T23:00"), DEADLINE) is OK


def test_tt_01_2018_scores_2_1_0_and_ignores_a_new_appointment() -> None:
    """TT 01/2018 Art. 13 judges against the time allowed by law, not the apology date."""
    apology = at("2026-02-27T17:00")
    finished = at("2026-02-26T10:00")
    assert classify(finished, DEADLINE, appointment=apology) is E
    assert classify(finished, DEADLINE, policy=TT_01_2018, appointment=apology).points == 0
    assert [t.points for t in (E, OK, L)] == [2, 1, 0]
    assert [t.label_vi for t in (E, OK, L)] == ["Trước hạn", "Đúng hạn", "Trễ hạn"]


def test_tt_01_2018_compares_working_hours_in_whole_hours() -> None:
    hours = compute_deadline(Duration.working_hours(4), at("2026-03-02T08:00"), calendar=VN)
    assert classify(at("2026-03-02T10:30"), hours, policy=TT_01_2018) is E  # 3 h started
    assert classify(at("2026-03-02T11:45"), hours, policy=TT_01_2018) is OK  # 3.5 h: in the 4th
    assert classify(at("2026-03-02T14:30"), hours, policy=TT_01_2018) is L  # 5 h


def test_qd_766_subtracts_supplement_waits_and_counts_two_requests_late() -> None:
    wait = (at("2026-02-20T09:00"), at("2026-02-25T09:00"))  # 5 days waiting for the applicant
    finished = at("2026-02-27T09:00")
    assert classify(finished, DEADLINE, policy=QD_766) is L
    assert classify(finished, DEADLINE, policy=QD_766, waits=[wait], supplement_requests=1) is E
    assert classify(finished, DEADLINE, policy=QD_766, waits=[wait], supplement_requests=2) is L


def test_no_time_limit_is_never_late() -> None:
    endless = compute_deadline(Duration.none(), at("2026-03-02T10:00"), calendar=VN)
    for policy in CLASSIFICATION_POLICIES.values():
        assert classify(at("2030-01-01T00:00"), endless, policy=policy) is OK


def test_remaining_and_overdue_in_working_time() -> None:
    left = remaining(DEADLINE, at("2026-02-23T14:00"))
    assert (left.days, left.hours, left.minutes) == (1, 3, 0)
    assert left.format() == "Còn 1 ngày 3 giờ"
    assert left.format("en") == "1 day 3 hours left"
    assert overdue(DEADLINE, at("2026-02-23T14:00")).delta == dt.timedelta(0)
    late = overdue(DEADLINE, at("2026-02-26T10:00"))
    assert late.is_overdue
    assert late.format() == "Quá 1 ngày 2 giờ 30 phút"
    # Tết does not count: a week before the due date is only 2 working days away.
    assert remaining(DEADLINE, at("2026-02-17T10:00")).format() == "Còn 2 ngày"


def test_working_time_formatting_edges() -> None:
    assert WorkingTime(dt.timedelta(0)).format() == "Còn 0 phút"
    assert WorkingTime(dt.timedelta(0)).format("en") == "0 minutes left"
    assert WorkingTime(dt.timedelta(seconds=-1)).format() == "Quá 1 phút"
    assert WorkingTime(dt.timedelta(hours=8, minutes=1)).format("en") == "1 day 1 minute left"
    assert str(WorkingTime(dt.timedelta(hours=1))) == "Còn 1 giờ"
    with pytest.raises(ValueError, match="lang"):
        WorkingTime(dt.timedelta(0)).format("fr")


def test_remaining_without_a_time_limit_is_an_error() -> None:
    endless = compute_deadline(Duration.none(), at("2026-03-02T10:00"), calendar=VN)
    with pytest.raises(DeadlineError, match="no due time"):
        remaining(endless, at("2026-03-03T10:00"))


def test_qd_766_without_an_appointment_is_judged_against_the_legal_maximum() -> None:
    from tthc.deadlines import classify_at

    legal = at("2026-03-04T17:00")
    assert classify_at(at("2026-03-05T09:00"), None, policy=QD_766, legal_due_at=legal) is L
    assert classify_at(at("2026-03-04T09:00"), None, policy=QD_766, legal_due_at=legal) is OK
    wait = (at("2026-03-02T09:00"), at("2026-03-04T09:00"))
    assert (
        classify_at(at("2026-03-05T09:00"), None, policy=QD_766, legal_due_at=legal, waits=[wait])
        is E
    )
    assert classify_at(at("2026-03-05T09:00"), None, policy=QD_766) is OK
