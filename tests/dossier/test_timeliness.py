"""Timeliness of a dossier under the classification policies, and time left or overdue."""

from __future__ import annotations

import datetime as dt

import pytest

from tthc.deadlines import BY_DATE, BY_INSTANT, BY_SESSION, QD_766, TT_01_2018, Timeliness
from tthc.dossier import (
    OnlineSubmission,
    Reschedule,
    ResultReady,
    ResultReturn,
    Stop,
    SupplementReceipt,
    SupplementRequest,
    WithdrawalAcceptance,
    WithdrawalRequest,
    overdue,
    remaining,
    timeliness,
)
from tthc.errors import DeadlineError, DossierError

T = dt.datetime
MON = T(2026, 3, 2, 9)  # 3 working days: due Thu 05/03 17:00
EARLY, ON_TIME, LATE = Timeliness.EARLY, Timeliness.ON_TIME, Timeliness.LATE


@pytest.mark.parametrize(
    ("ready", "policy", "expected"),
    [
        (T(2026, 3, 4, 16), BY_DATE, EARLY),
        (T(2026, 3, 5, 9), BY_DATE, ON_TIME),
        (T(2026, 3, 6, 8), BY_DATE, LATE),
        (T(2026, 3, 5, 11), BY_SESSION, EARLY),  # before the afternoon session of the due day
        (T(2026, 3, 5, 14), BY_SESSION, ON_TIME),
        (T(2026, 3, 5, 17), BY_INSTANT, ON_TIME),
        (T(2026, 3, 5, 17, 1), BY_INSTANT, LATE),
        (T(2026, 3, 5, 16), TT_01_2018, ON_TIME),
        (T(2026, 3, 5, 16), QD_766, ON_TIME),
    ],
)
def test_a_finished_dossier_is_classified_by_the_policy_asked(new_life, ready, policy, expected):
    life = new_life()
    life.receive(MON)
    d = life.apply(ResultReady, ready)
    assert d.timeliness(policy=policy) is expected
    assert timeliness(d.state, policy=policy) is expected


def test_a_rescheduled_dossier_is_on_time_against_the_appointment_but_late_by_law(new_life):
    """TT 01/2018 Art. 13 ignores the apology; the appointment-based rules use it."""
    life = new_life()
    life.receive(MON)
    life.apply(Reschedule, T(2026, 3, 4, 9), new_due=T(2026, 3, 10, 17), reason="xác minh")
    d = life.apply(ResultReady, T(2026, 3, 9, 10))
    assert d.timeliness() is EARLY
    assert d.timeliness(policy=QD_766) is EARLY
    assert d.timeliness(policy=TT_01_2018) is LATE


def test_waits_do_not_count_against_the_agency_under_any_policy(new_life):
    life = new_life()
    life.receive(MON)
    life.apply(SupplementRequest, T(2026, 3, 3, 9))
    life.apply(SupplementReceipt, T(2026, 3, 6, 9))  # 3 working days waited
    d = life.apply(ResultReady, T(2026, 3, 10, 16))  # due moved to Tue 10/03 17:00
    expected = {BY_DATE: ON_TIME, BY_INSTANT: EARLY, TT_01_2018: ON_TIME, QD_766: ON_TIME}
    assert {p: d.timeliness(policy=p) for p in expected} == expected


def test_an_open_supplement_wait_ends_the_dossier_at_the_request_for_qd_766(new_life):
    """QĐ 766: a dossier waiting for a supplement is judged at the request time."""
    life = new_life()
    life.receive(MON)
    d = life.apply(SupplementRequest, T(2026, 3, 4, 9))
    assert d.timeliness(policy=QD_766, at=T(2026, 3, 31, 17)) is EARLY
    assert d.timeliness(policy=BY_DATE, at=T(2026, 3, 31, 17)) is LATE  # plain rule, as of then


def test_an_unfinished_dossier_needs_a_moment(new_life):
    life = new_life()
    life.receive(MON)
    with pytest.raises(DossierError, match="has not ended"):
        life.dossier.timeliness()
    assert life.dossier.timeliness(at=T(2026, 3, 6, 9)) is LATE


def test_measured_at_the_return_or_at_the_result(new_life):
    life = new_life()
    life.receive(MON)
    life.apply(ResultReady, T(2026, 3, 5, 9))
    with pytest.raises(DossierError):
        life.dossier.timeliness(measured_at="returned")
    d = life.apply(ResultReturn, T(2026, 3, 9, 9), channel="counter")
    assert d.timeliness() is ON_TIME
    assert d.timeliness(measured_at="returned") is LATE


def test_a_dossier_ended_without_a_result_ends_at_its_end(new_life):
    life = new_life()
    life.receive(MON)
    d = life.apply(Stop, T(2026, 3, 4, 9), reason="x")
    assert d.timeliness(measured_at="returned") is EARLY
    life = new_life()
    life.receive(MON)
    life.apply(WithdrawalRequest, T(2026, 3, 6, 9))
    d = life.apply(WithdrawalAcceptance, T(2026, 3, 6, 10))
    assert d.timeliness() is LATE


def test_a_dossier_not_received_has_no_due_date(new_life):
    life = new_life()
    d = life.apply(OnlineSubmission, MON)
    for ask in (d.timeliness, lambda: d.remaining(MON), lambda: overdue(d.state, MON)):
        with pytest.raises(DossierError, match="has not been received"):
            ask()


def test_without_a_time_limit_there_is_no_time_left_but_it_is_on_time(new_life):
    life = new_life()
    life.receive(MON, "none")
    with pytest.raises(DeadlineError):
        life.dossier.remaining(MON)
    d = life.apply(ResultReady, T(2026, 12, 1, 9))
    assert d.timeliness() is ON_TIME


def test_time_left_and_overdue_formats_as_the_one_stop_boards_do(new_life):
    life = new_life()
    d = life.receive(MON)
    assert str(d.remaining(T(2026, 3, 4, 14))) == "Còn 1 ngày 3 giờ"
    assert str(remaining(d.state, T(2026, 3, 6, 10))) == "Quá 2 giờ 30 phút"
    assert str(d.overdue(T(2026, 3, 9, 10))) == "Quá 1 ngày 2 giờ 30 phút"
    assert str(d.overdue(T(2026, 3, 4, 14))) == "Còn 0 phút"
