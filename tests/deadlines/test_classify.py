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
    END_OF_DAY,
    QD_766,
    TT_01_2018,
    ClassificationPolicy,
    DayEnd,
    WorkingTime,
    explain_classification,
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


# ------------------------------------------- the end of the last day, BLDS 2015 Art. 148(1), (6)

MONDAY_10 = dt.datetime(2026, 3, 2, 10, 0)
TUESDAY_1730 = dt.datetime(2026, 3, 3, 17, 30)


def test_by_instant_calls_1730_on_the_due_date_late_and_says_which_rule() -> None:
    """The appointment is the close of office hours (office-close, the default)."""
    deadline = compute_deadline(Duration.working_days(1), MONDAY_10, calendar=VN)
    assert deadline.due_at == dt.datetime(2026, 3, 3, 17, 0)
    assert classify(TUESDAY_1730, deadline, policy=BY_INSTANT) is Timeliness.LATE
    text = explain_classification(TUESDAY_1730, deadline, policy=BY_INSTANT, lang="en")
    assert text.startswith("Late under by-instant: finished 17:30 Tue 2026-03-03")
    assert "close of office hours (policy civil-code)" in text
    assert "ends at 24:00 of Tue 2026-03-03 (BLDS 2015 Art. 148(1), (6))" in text
    vi = explain_classification(TUESDAY_1730, deadline, policy=BY_INSTANT)
    assert vi.startswith("Trễ hạn theo cách tính by-instant")
    assert "BLDS 2015 Điều 148 khoản 1, 6" in vi


def test_by_date_calls_it_on_time_without_the_24h_note() -> None:
    deadline = compute_deadline(Duration.working_days(1), MONDAY_10, calendar=VN)
    assert classify(TUESDAY_1730, deadline) is Timeliness.ON_TIME
    text = explain_classification(TUESDAY_1730, deadline, lang="en")
    assert text.startswith("On time under by-date")
    assert "24:00" not in text


def test_end_of_day_policy_is_due_at_24h_and_1730_is_in_time() -> None:
    """END_OF_DAY: ends_at midnight, BLDS 2015 Art. 148(6): "vào lúc hai mươi tư giờ"."""
    deadline = compute_deadline(Duration.working_days(1), MONDAY_10, calendar=VN, policy=END_OF_DAY)
    assert END_OF_DAY.ends_at is DayEnd.MIDNIGHT
    assert deadline.due_at == dt.datetime.combine(dt.date(2026, 3, 3), dt.time.max)
    assert deadline.due_date == dt.date(2026, 3, 3)
    assert deadline.explain("en").endswith("Due 24:00 Tue 2026-03-03.")
    assert classify(TUESDAY_1730, deadline, policy=BY_INSTANT) is Timeliness.EARLY
    assert classify(deadline.due_at, deadline, policy=BY_INSTANT) is Timeliness.ON_TIME
    after = dt.datetime(2026, 3, 4, 0, 0)
    assert classify(after, deadline, policy=BY_INSTANT) is Timeliness.LATE
    text = explain_classification(TUESDAY_1730, deadline, policy=BY_INSTANT, lang="en")
    assert (
        text == "Early under by-instant: finished 17:30 Tue 2026-03-03, due 24:00 Tue 2026-03-03."
    )


def test_end_of_day_keeps_hour_counts_and_half_days_inside_office_hours() -> None:
    hours = compute_deadline(Duration.working_hours(2), MONDAY_10, calendar=VN, policy=END_OF_DAY)
    assert hours.due_at == dt.datetime(2026, 3, 2, 13, 30)  # lunch 11:30-13:00 skipped
    half = compute_deadline(Duration.working_days(0.5), MONDAY_10, calendar=VN, policy=END_OF_DAY)
    assert half.due_at == dt.datetime(2026, 3, 3, 11, 30)


def test_explain_classification_without_a_time_limit_and_bad_language() -> None:
    deadline = compute_deadline(Duration.none(), MONDAY_10, calendar=VN)
    assert explain_classification(TUESDAY_1730, deadline, lang="en").endswith("no time limit.")
    assert explain_classification(TUESDAY_1730, deadline).endswith("không có thời hạn.")
    with pytest.raises(ValueError, match="lang must be 'vi' or 'en', got 'fr'"):
        explain_classification(TUESDAY_1730, deadline, lang="fr")


def test_a_new_appointment_is_explained_without_the_office_close_note() -> None:
    deadline = compute_deadline(Duration.working_days(1), MONDAY_10, calendar=VN)
    apology = dt.datetime(2026, 3, 5, 17, 0)
    text = explain_classification(
        TUESDAY_1730, deadline, policy=BY_INSTANT, appointment=apology, lang="en"
    )
    assert (
        text == "Early under by-instant: finished 17:30 Tue 2026-03-03, due 17:00 Thu 2026-03-05."
    )
