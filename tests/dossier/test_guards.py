"""Guards from the law: what a dossier refuses, and what it accepts but records."""

from __future__ import annotations

import datetime as dt

import pytest

from tthc.deadlines import NEXT_OPENING, QD_766
from tthc.dossier import (
    EVENT_TYPES,
    AdministrativeReset,
    AgencyReturn,
    AgencyTransfer,
    DossierStatus,
    FindingKind,
    Forwarding,
    OnlineSubmission,
    PaymentReceipt,
    PaymentRequest,
    PostalDispatch,
    Refusal,
    Reschedule,
    ResultReady,
    ResultReturn,
    Rollback,
    StepPlan,
    Stop,
    SupplementReceipt,
    SupplementRequest,
    WithdrawalAcceptance,
    WithdrawalRequest,
    allowed_events,
)
from tthc.duration import Duration

T = dt.datetime
MON = T(2026, 3, 2, 9)  # received Monday 02/03/2026; 3 working days -> due Thu 05/03 17:00


# ------------------------------------------------- reschedule, NĐ 61/2018 Art. 19(9)


def test_reschedule_with_apology_moves_the_due_date_nd_61_2018_art_19_9(new_life):
    life = new_life()
    life.receive(MON)
    d = life.apply(Reschedule, T(2026, 3, 4, 9), new_due=T(2026, 3, 10, 17), reason="xác minh")
    assert d.due_at == T(2026, 3, 10, 17)
    change = d.state.due_changes[-1]
    assert (change.old, change.new, change.note) == (
        T(2026, 3, 5, 17),
        T(2026, 3, 10, 17),
        "xác minh",
    )
    assert d.state.rescheduled


def test_reschedule_happens_at_most_once_nd_61_2018_art_19_9(new_life):
    """ "Việc hẹn lại ngày trả kết quả được thực hiện không quá một lần"."""
    life = new_life()
    life.receive(MON)
    life.apply(Reschedule, T(2026, 3, 3, 9), new_due=T(2026, 3, 10, 17), reason="a")
    error = life.refused(Reschedule, T(2026, 3, 4, 9), new_due=T(2026, 3, 12, 17), reason="b")
    assert "already rescheduled once" in error.reason


@pytest.mark.parametrize(
    ("apology_at", "allowed"),
    [
        (T(2026, 3, 4, 16, 59), True),  # Wednesday, due Thursday: one working day before
        (T(2026, 3, 5, 8, 0), False),  # on the due day itself
        (T(2026, 3, 5, 18, 0), False),  # after the due time
    ],
)
def test_reschedule_at_least_one_working_day_before_due_nd_61_2018_art_19_9(
    new_life, apology_at, allowed
):
    life = new_life()
    life.receive(MON)
    fields = {"new_due": T(2026, 3, 12, 17), "reason": "late"}
    if allowed:
        assert life.apply(Reschedule, apology_at, **fields).due_at == T(2026, 3, 12, 17)
    else:
        assert (
            "at least one working day before"
            in life.refused(Reschedule, apology_at, **fields).reason
        )


def test_reschedule_on_a_saturday_before_a_monday_due_date_is_one_working_day_before(new_life):
    """Working days in (Sat, Mon] = 1: the apology may be sent on the weekend."""
    life = new_life()
    life.receive(T(2026, 3, 5, 9), "2 working days")  # Thu -> due Mon 09/03
    assert life.dossier.due_at == T(2026, 3, 9, 17)
    d = life.apply(Reschedule, T(2026, 3, 7, 9), new_due=T(2026, 3, 11, 17), reason="late")
    assert d.due_at == T(2026, 3, 11, 17)


def test_reschedule_must_move_the_appointment_later(new_life):
    life = new_life()
    life.receive(MON)
    error = life.refused(Reschedule, T(2026, 3, 3, 9), new_due=T(2026, 3, 5, 17), reason="x")
    assert "not after the current due date" in error.reason


def test_reschedule_without_a_time_limit_is_refused(new_life):
    life = new_life()
    life.receive(MON, "none")
    assert (
        "no time limit"
        in life.refused(Reschedule, T(2026, 3, 3, 9), new_due=T(2026, 3, 9, 17), reason="x").reason
    )


def test_administrative_reset_does_not_use_up_the_reschedule(new_life):
    life = new_life()
    life.receive(MON)
    life.apply(AdministrativeReset, T(2026, 3, 3, 9), new_due=T(2026, 3, 6, 17), reason="sửa sai")
    d = life.apply(Reschedule, T(2026, 3, 4, 9), new_due=T(2026, 3, 9, 17), reason="xin lỗi")
    assert [c.reason.value for c in d.state.due_changes] == ["reception", "reset", "reschedule"]


def test_administrative_reset_never_before_receipt(new_life):
    """The due date never falls before the receipt."""
    life = new_life()
    life.receive(MON)
    error = life.refused(
        AdministrativeReset, T(2026, 3, 3, 9), new_due=T(2026, 3, 1, 9), reason="x"
    )
    assert "before the receipt" in error.reason


# ---------------------------------------------------------------- fees


@pytest.mark.parametrize("event", [ResultReturn, PostalDispatch])
def test_result_with_unpaid_fees_is_not_returned(new_life, event):
    life = new_life()
    life.receive(MON, fees_due=8000)
    life.apply(ResultReady, T(2026, 3, 3, 9))
    fields = {"channel": "counter"} if event is ResultReturn else {}
    assert "8000 đồng of fees are unpaid" in life.refused(event, T(2026, 3, 3, 10), **fields).reason
    life.apply(PaymentReceipt, T(2026, 3, 3, 10), amount=8000)
    assert life.apply(event, T(2026, 3, 3, 11), **fields).state.fees_outstanding == 0


def test_payment_requested_after_the_result_blocks_its_return_until_paid(new_life):
    life = new_life()
    life.receive(MON)
    life.apply(ResultReady, T(2026, 3, 3, 9))
    d = life.apply(PaymentRequest, T(2026, 3, 3, 10), amount=2000)
    assert d.status is DossierStatus.PAYMENT_REQUESTED
    assert not d.state.is_paused  # processing ended: no clock to pause
    life.refused(WithdrawalRequest, T(2026, 3, 3, 11))
    life.refused(Stop, T(2026, 3, 3, 11), reason="x")
    d = life.apply(PaymentReceipt, T(2026, 3, 4, 10), amount=2000)
    assert d.status is DossierStatus.RESULT_READY
    assert d.due_at == T(2026, 3, 5, 17)  # not extended


def test_more_paid_than_outstanding_is_refused(new_life):
    life = new_life()
    life.receive(MON)
    life.apply(PaymentRequest, T(2026, 3, 2, 10), amount=5000)
    error = life.refused(PaymentReceipt, T(2026, 3, 2, 11), amount=6000)
    assert "6000 đồng paid, but 5000 đồng are outstanding" in error.reason


def test_partial_payment_ends_the_wait_and_leaves_the_rest_outstanding(new_life):
    life = new_life()
    life.receive(MON)
    life.apply(PaymentRequest, T(2026, 3, 2, 10), amount=5000)
    d = life.apply(PaymentReceipt, T(2026, 3, 2, 11), amount=3000)
    assert (d.status, d.state.fees_outstanding) == (DossierStatus.RECEIVED, 2000)


# ------------------------------------------------- supplements, NĐ 61/2018 Art. 15, 19(4)


def test_second_supplement_request_is_allowed_and_recorded_qd_766(new_life):
    """Allowed by law, recorded, and late under the QĐ 766 indicator."""
    life = new_life()
    life.receive(MON)
    life.apply(SupplementRequest, T(2026, 3, 2, 10))
    life.apply(SupplementReceipt, T(2026, 3, 2, 11))
    d = life.apply(SupplementRequest, T(2026, 3, 2, 14))
    assert d.status is DossierStatus.SUPPLEMENT_REQUESTED
    assert d.state.supplement_requests == 2
    [finding] = d.state.findings
    assert finding.kind is FindingKind.REPEATED_SUPPLEMENT_REQUEST
    assert "Art. 15(3)" in finding.kind.source
    life.apply(SupplementReceipt, T(2026, 3, 2, 15))
    life.apply(ResultReady, T(2026, 3, 3, 9))
    assert d.timeliness().value == "early"
    assert d.timeliness(policy=QD_766).value == "late"


def test_supplement_requested_after_three_working_days_is_recorded_nd_61_2018_art_19_4(new_life):
    life = new_life()
    life.receive(MON, "10 working days")
    life.apply(SupplementRequest, T(2026, 3, 5, 10))  # 3 working days after: in time
    life.apply(SupplementReceipt, T(2026, 3, 5, 11))
    assert life.dossier.state.findings == ()
    d = life.apply(SupplementRequest, T(2026, 3, 6, 10))  # 4 working days after
    kinds = [f.kind for f in d.state.findings]
    assert kinds == [FindingKind.REPEATED_SUPPLEMENT_REQUEST, FindingKind.LATE_SUPPLEMENT_REQUEST]


@pytest.mark.parametrize(
    ("received", "asked", "late"),
    [
        # Received Friday 06/03/2026 after office hours: under the Civil Code Friday is the
        # day left out (BLDS 2015 Art. 147(2)); Mon 09, Tue 10, Wed 11 are the 3 days.
        (T(2026, 3, 6, 20), T(2026, 3, 11, 16), False),
        (T(2026, 3, 6, 20), T(2026, 3, 12, 8), True),
        # Received on Saturday 07/03: Saturday is left out, the same three days.
        (T(2026, 3, 7, 10), T(2026, 3, 11, 16), False),
        (T(2026, 3, 7, 10), T(2026, 3, 12, 8), True),
    ],
)
def test_the_three_working_days_for_a_supplement_leave_out_the_receipt_day(
    new_life, received, asked, late
):
    """NĐ 61/2018 Art. 19(4) "kể từ ngày tiếp nhận", counted as BLDS 2015 Art. 147(2) counts."""
    life = new_life()
    life.receive(received, "10 working days")
    d = life.apply(SupplementRequest, asked)
    kinds = [f.kind for f in d.state.findings]
    assert kinds == ([FindingKind.LATE_SUPPLEMENT_REQUEST] if late else [])


def test_the_three_working_days_under_next_opening_start_at_the_next_opening(new_life):
    """The named policy moves an after-hours receipt to the next opening, Monday 09/03."""
    life = new_life(policy=NEXT_OPENING)
    life.receive(T(2026, 3, 6, 20), "10 working days")
    d = life.apply(SupplementRequest, T(2026, 3, 12, 10))  # Tue, Wed, Thu: in time
    assert d.state.findings == ()


def test_supplement_before_reception_is_not_counted_and_pauses_nothing(new_life):
    """NĐ 61/2018 Art. 17(2): an incomplete online dossier is sent back once before reception."""
    life = new_life()
    life.apply(OnlineSubmission, T(2026, 3, 1, 20), procedure="1.004873")
    d = life.apply(SupplementRequest, T(2026, 3, 2, 8))
    assert (d.portal_code, d.state.is_paused) == (5, False)
    d = life.apply(SupplementReceipt, T(2026, 3, 2, 8, 30))
    assert (d.status, d.state.supplement_requests) == (DossierStatus.SUBMITTED, 0)
    life.receive(MON)
    assert life.dossier.due_at == T(2026, 3, 5, 17)


# ------------------------------------------------- refusal, NĐ 61/2018 Art. 17(1)(b), 19(8)


def test_refusal_at_reception_ends_as_portal_code_3(new_life):
    life = new_life()
    d = life.apply(Refusal, MON, reason="sai thẩm quyền")
    assert (d.status, d.portal_code) == (DossierStatus.REFUSED, 3)


def test_refusal_after_appraisal_within_the_processing_time_stops_processing_art_19_8(new_life):
    life = new_life()
    life.receive(MON)
    d = life.apply(Refusal, T(2026, 3, 5, 16), reason="không đủ điều kiện")
    assert (d.status, d.portal_code, d.state.findings) == (DossierStatus.STOPPED, 8, ())
    assert d.state.finished_at == T(2026, 3, 5, 16)


def test_refusal_after_the_processing_time_is_allowed_and_recorded_art_19_8(new_life):
    life = new_life()
    life.receive(MON)
    d = life.apply(Refusal, T(2026, 3, 6, 9), reason="không đủ điều kiện")
    assert d.status is DossierStatus.STOPPED
    assert [f.kind for f in d.state.findings] == [FindingKind.LATE_REFUSAL]


def test_a_received_dossier_waiting_for_a_supplement_is_stopped_not_refused(new_life):
    life = new_life()
    life.receive(MON)
    life.apply(SupplementRequest, T(2026, 3, 2, 10))
    assert "can no longer be refused" in life.refused(Refusal, T(2026, 3, 9, 9), reason="x").reason
    d = life.apply(Stop, T(2026, 3, 9, 9), reason="không bổ sung")
    assert d.status is DossierStatus.STOPPED
    assert d.state.waits[-1].ended == T(2026, 3, 9, 9)


def test_a_dossier_never_received_is_refused_not_stopped(new_life):
    life = new_life()
    life.apply(OnlineSubmission, MON)
    life.apply(SupplementRequest, T(2026, 3, 2, 10))
    assert "never received" in life.refused(Stop, T(2026, 3, 9, 9), reason="x").reason
    d = life.apply(Refusal, T(2026, 3, 9, 9), reason="không bổ sung")
    assert d.status is DossierStatus.REFUSED


# ---------------------------------------------------------------- steps, agencies, returns


def test_forwarding_to_a_step_outside_the_internal_process_is_refused(new_life):
    life = new_life()
    life.receive(MON, steps=(StepPlan("thẩm định"), StepPlan("ký")))
    error = life.refused(Forwarding, T(2026, 3, 2, 10), step="phê duyệt")
    assert "'thẩm định', 'ký'" in error.reason


def test_forwarding_to_the_current_step_is_refused(new_life):
    life = new_life()
    life.receive(MON)
    life.apply(Forwarding, T(2026, 3, 2, 10), step="thẩm định")
    assert "already at step" in life.refused(Forwarding, T(2026, 3, 2, 11), step="thẩm định").reason


def test_rollback_needs_a_previous_step(new_life):
    life = new_life()
    life.receive(MON)
    life.apply(Forwarding, T(2026, 3, 2, 10), step="thẩm định")
    assert "no previous step" in life.refused(Rollback, T(2026, 3, 2, 11)).reason


def test_returned_by_another_agency_than_the_one_holding_it_is_refused(new_life):
    life = new_life()
    life.receive(MON)
    life.apply(AgencyTransfer, T(2026, 3, 2, 10), agency="Chi cục Thuế")
    assert "not at" in life.refused(AgencyReturn, T(2026, 3, 3, 10), agency="Công an").reason
    d = life.apply(AgencyReturn, T(2026, 3, 3, 10))
    assert (d.status, d.state.agency) == (DossierStatus.PROCESSING, None)


def test_a_result_in_postal_delivery_is_returned_by_post(new_life):
    life = new_life()
    life.receive(MON)
    life.apply(ResultReady, T(2026, 3, 3, 9))
    d = life.apply(PostalDispatch, T(2026, 3, 3, 10), tracking="EMS")
    assert (d.status, d.portal_code) == (DossierStatus.IN_POSTAL_DELIVERY, 9)
    assert (
        "postal service" in life.refused(ResultReturn, T(2026, 3, 4, 9), channel="counter").reason
    )
    d = life.apply(ResultReturn, T(2026, 3, 4, 9), channel="postal")
    assert (d.status, d.state.result_channel) == (DossierStatus.RETURNED, "postal")


def test_undelivered_result_comes_back_from_the_post(new_life):
    life = new_life()
    life.receive(MON)
    life.apply(ResultReady, T(2026, 3, 3, 9))
    life.apply(PostalDispatch, T(2026, 3, 3, 10))
    assert life.apply(Rollback, T(2026, 3, 5, 9)).status is DossierStatus.RESULT_READY


def test_withdrawal_request_can_be_taken_back_before_acceptance(new_life):
    life = new_life()
    life.receive(MON)
    life.apply(SupplementRequest, T(2026, 3, 2, 10))
    d = life.apply(WithdrawalRequest, T(2026, 3, 2, 11), reason="đổi ý")
    assert (d.status, d.portal_code, d.state.is_paused) == (
        DossierStatus.WITHDRAWAL_REQUESTED,
        7,
        True,
    )
    assert life.apply(Rollback, T(2026, 3, 2, 12)).status is DossierStatus.SUPPLEMENT_REQUESTED
    assert life.apply(SupplementReceipt, T(2026, 3, 2, 13)).status is DossierStatus.RECEIVED
    life.apply(WithdrawalRequest, T(2026, 3, 2, 14))
    d = life.apply(WithdrawalAcceptance, T(2026, 3, 2, 15))
    assert (d.status, d.portal_code, d.state.finished_at) == (
        DossierStatus.WITHDRAWN,
        7,
        T(2026, 3, 2, 15),
    )


# ---------------------------------------------------------------- the table itself


def _ending_lives(new_life):
    refused = new_life()
    refused.apply(Refusal, MON, reason="x")
    withdrawn = new_life()
    withdrawn.receive(MON)
    withdrawn.apply(WithdrawalRequest, T(2026, 3, 2, 10))
    withdrawn.apply(WithdrawalAcceptance, T(2026, 3, 2, 11))
    stopped = new_life()
    stopped.receive(MON)
    stopped.apply(Stop, T(2026, 3, 2, 10), reason="x")
    returned = new_life()
    returned.receive(MON)
    returned.apply(ResultReady, T(2026, 3, 2, 10))
    returned.apply(ResultReturn, T(2026, 3, 2, 11), channel="online")
    return [refused, withdrawn, stopped, returned]


def _fields_for(cls):
    return {
        "Reception": {"procedure": "1.0", "time_limit": Duration.working_days(1)},
        "Refusal": {"reason": "x"},
        "Forwarding": {"step": "x"},
        "PaymentRequest": {"amount": 1},
        "PaymentReceipt": {"amount": 1},
        "AgencyTransfer": {"agency": "x"},
        "ResultReturn": {"channel": "counter"},
        "Stop": {"reason": "x"},
        "Reschedule": {"new_due": T(2026, 4, 1, 17), "reason": "x"},
        "ClockRestart": {"reason": "x"},
        "AdministrativeReset": {"new_due": T(2026, 4, 1, 17), "reason": "x"},
    }.get(cls.__name__, {})


def test_terminal_states_are_final(new_life):
    """Refused, withdrawn, stopped and returned dossiers accept no event of any type."""
    for life in _ending_lives(new_life):
        assert life.dossier.status.is_terminal
        assert allowed_events(life.dossier.status) == ()
        for cls in EVENT_TYPES.values():
            error = life.refused(cls, T(2026, 3, 20, 9), **_fields_for(cls))
            assert "none (final)" in error.reason


def test_refusal_names_the_state_the_event_and_what_is_allowed(new_life):
    life = new_life()
    error = life.refused(ResultReady, MON)
    assert str(error) == (
        "ResultReady 'e1' is not allowed in a dossier with no events; "
        "allowed there: OnlineSubmission, Reception, Refusal"
    )
    assert isinstance(error, ValueError)
