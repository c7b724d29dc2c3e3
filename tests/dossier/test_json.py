"""JSON: a dossier and its history round-trip with nothing lost, and bad data is refused."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from tthc.deadlines import HALF_DAY_SESSIONS, Counting, DeadlinePolicy
from tthc.dossier import (
    EVENT_TYPES,
    RESTART,
    AdministrativeReset,
    AgencyReturn,
    AgencyTransfer,
    ClockPolicy,
    ClockRestart,
    Dossier,
    Forwarding,
    OnlineSubmission,
    PaymentReceipt,
    PaymentRequest,
    PostalDispatch,
    Reschedule,
    ResultReady,
    ResultReturn,
    Resume,
    Rollback,
    StepPlan,
    SupplementReceipt,
    SupplementRequest,
    event_from_data,
    event_to_data,
)
from tthc.duration import Duration
from tthc.errors import DossierError

from .conftest import VN

T = dt.datetime
ICT = dt.timezone(dt.timedelta(hours=7))


def _busy(new_life, **options):
    """A dossier that went through most kinds of event."""
    life = new_life(**options)
    life.apply(OnlineSubmission, T(2026, 3, 1, 21, tzinfo=ICT), procedure="1.004873")
    plan = (StepPlan("thẩm định", "Phòng Tư pháp", Duration.working_days(1)), StepPlan("ký"))
    life.receive(
        T(2026, 3, 2, 9),
        steps=plan,
        channel="online",
        case="standard",
        code="000.00.15.H38-260302-0001",
        fees_due=1000,
    )
    life.apply(Forwarding, T(2026, 3, 2, 10), step="thẩm định")
    life.apply(SupplementRequest, T(2026, 3, 2, 15), reason="thiếu", documents=("CCCD",))
    life.apply(SupplementReceipt, T(2026, 3, 3, 8))
    life.apply(SupplementRequest, T(2026, 3, 3, 9))
    life.apply(SupplementReceipt, T(2026, 3, 3, 10))
    life.apply(PaymentRequest, T(2026, 3, 3, 11), amount=5000, reason="lệ phí")
    life.apply(PaymentReceipt, T(2026, 3, 3, 14), amount=6000)
    life.apply(AgencyTransfer, T(2026, 3, 3, 15), agency="Công an xã")
    life.apply(AgencyReturn, T(2026, 3, 4, 9))
    life.apply(Forwarding, T(2026, 3, 4, 10), step="ký")
    life.apply(Rollback, T(2026, 3, 4, 11), reason="sai")
    life.apply(Reschedule, T(2026, 3, 4, 12), new_due=T(2026, 3, 12, 17), reason="xin lỗi")
    life.apply(AdministrativeReset, T(2026, 3, 4, 13), new_due=T(2026, 3, 13, 17), reason="sửa")
    life.apply(ClockRestart, T(2026, 3, 4, 14), reason="lại")
    life.apply(Forwarding, T(2026, 3, 5, 9), step="ký")
    life.apply(ResultReady, T(2026, 3, 5, 10))
    life.apply(PostalDispatch, T(2026, 3, 5, 11), tracking="EMS123")
    life.apply(ResultReturn, T(2026, 3, 6, 9), channel="postal")
    return life.dossier


def test_a_dossier_round_trips_through_json_with_nothing_lost(new_life):
    dossier = _busy(new_life)
    text = dossier.to_json(indent=2)
    back = Dossier.from_json(text, calendar=VN)
    assert back == dossier
    assert back.to_json(indent=2) == text
    assert back.history[0].at.utcoffset() == dt.timedelta(hours=7)
    assert "Phòng Tư pháp" in text  # Vietnamese kept as written


def test_json_keeps_the_policies_by_name(new_life):
    dossier = _busy(new_life, policy=HALF_DAY_SESSIONS, clock=RESTART)
    data = json.loads(dossier.to_json())
    assert (data["calendar"], data["policy"], data["clock"]) == (
        "vn",
        "half-day-sessions",
        "restart",
    )
    assert Dossier.from_data(data, calendar=VN) == dossier


def test_the_state_summary_is_readable_without_replaying(new_life):
    data = _busy(new_life).to_data()
    state = data["state"]
    assert (state["status"], state["portal_code"], state["channel"]) == ("returned", 10, "online")
    assert state["due_changes"][0]["reason"] == "reception"
    assert state["supplement_requests"] == 2
    assert [f["kind"] for f in state["findings"]] == ["repeated_supplement_request"]
    assert data["version"] == len(data["history"]) == 20


def test_custom_policies_must_be_passed_by_keyword_and_match_by_name(new_life):
    mine = DeadlinePolicy("my-province", Counting.DAYS)
    patient = ClockPolicy("patient", Resume.EXTEND, Resume.RESTART)
    dossier = _busy(new_life, policy=mine, clock=patient)
    text = dossier.to_json()
    with pytest.raises(DossierError, match="unknown deadline policy 'my-province'"):
        Dossier.from_json(text, calendar=VN)
    with pytest.raises(DossierError, match="unknown clock policy 'patient'"):
        Dossier.from_json(text, calendar=VN, policy=mine)
    with pytest.raises(DossierError, match="created with clock policy 'patient', not 'restart'"):
        Dossier.from_json(text, calendar=VN, policy=mine, clock=RESTART)
    assert Dossier.from_json(text, calendar=VN, policy=mine, clock=patient) == dossier


def test_loading_checks_the_calendar_name(new_life):
    text = _busy(new_life).to_json()
    local = VN.derive(name="vn/hue")
    with pytest.raises(DossierError, match="created with calendar 'vn', but calendar 'vn/hue'"):
        Dossier.from_json(text, calendar=local)


def test_a_stored_state_that_disagrees_with_its_history_is_refused(new_life):
    data = _busy(new_life).to_data()
    data["state"]["due_at"] = "2026-03-20T17:00:00"
    with pytest.raises(DossierError, match="disagrees with the replayed history"):
        Dossier.from_data(data, calendar=VN)
    data = _busy(new_life).to_data()
    data["version"] = 3
    with pytest.raises(DossierError, match="stored version 3, history gives 20"):
        Dossier.from_data(data, calendar=VN)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("[]", "not a serialised dossier"),
        ("{nope", "not valid JSON"),
        (
            '{"format": "tthc.dossier/1", "calendar": "vn", "policy": "civil-code", '
            '"clock": "extend"}',
            "needs a 'history' list",
        ),
    ],
)
def test_what_is_not_a_dossier_is_refused(data, message):
    with pytest.raises(DossierError, match=message):
        Dossier.from_json(data, calendar=VN)


def test_a_bad_event_in_the_history_is_reported_with_its_position(new_life):
    data = _busy(new_life).to_data()
    data["history"][3]["at"] = "yesterday"
    with pytest.raises(DossierError, match=r"history\[3\]: supplement_request event, field at"):
        Dossier.from_data(data, calendar=VN)


def _one_of_each():
    at = T(2026, 3, 2, 9)
    common = {"at": at, "actor": "a"}
    fields = {
        "reception": {
            "procedure": "1.004873",
            "time_limit": Duration.parse("15 calendar days then 5 working days"),
            "steps": (StepPlan("x", "y", Duration.working_hours(1.5)), StepPlan("z")),
            "code": "000.00.00.H38-260302-0009",
        },
        "refusal": {"reason": "r"},
        "forwarding": {"step": "s"},
        "supplement_request": {"documents": ("a", "b")},
        "payment_request": {"amount": 3},
        "payment_receipt": {"amount": 3},
        "agency_transfer": {"agency": "g"},
        "result_return": {"channel": "counter"},
        "stop": {"reason": "r"},
        "reschedule": {"new_due": at, "reason": "r"},
        "clock_restart": {"reason": "r"},
        "administrative_reset": {"new_due": at, "reason": "r"},
    }
    return [cls(id=kind, **common, **fields.get(kind, {})) for kind, cls in EVENT_TYPES.items()]


@pytest.mark.parametrize("event", _one_of_each(), ids=lambda e: e.kind)
def test_every_event_type_round_trips(event):
    data = json.loads(json.dumps(event_to_data(event)))
    assert data["type"] == event.kind
    assert event_from_data(data) == event


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ("stop", "expected an event object, got str"),
        ({"type": "explode"}, "unknown event type 'explode'"),
        ({"type": "stop", "id": "1", "colour": "red"}, "unknown field"),
        ({"type": "stop", "id": "1", "at": "2026-03-02T09:00:00", "actor": "a"}, "reason"),
        ({"type": "stop", "id": "1", "at": 5}, "field at: expected an ISO 8601"),
        (
            {
                "type": "reception",
                "id": "1",
                "at": "2026-03-02T09:00:00",
                "actor": "a",
                "procedure": "p",
                "time_limit": "3 working days",
                "case": 3,
            },
            "field case: expected text or null",
        ),
        (
            {
                "type": "reception",
                "id": "1",
                "at": "2026-03-02T09:00:00",
                "actor": "a",
                "procedure": "p",
                "time_limit": "3 working days",
                "steps": {"x": 1},
            },
            "field steps: expected a list",
        ),
        (
            {
                "type": "reception",
                "id": "1",
                "at": "2026-03-02T09:00:00",
                "actor": "a",
                "procedure": "p",
                "time_limit": "3 working days",
                "steps": [{"name": "x"}],
            },
            "expected a step with name, unit and budget",
        ),
        (
            {
                "type": "supplement_request",
                "id": "1",
                "at": "2026-03-02T09:00:00",
                "actor": "a",
                "documents": "CCCD",
            },
            "field documents: expected a list of text",
        ),
        (
            {
                "type": "payment_request",
                "id": "1",
                "at": "2026-03-02T09:00:00",
                "actor": "a",
                "amount": 0,
            },
            "amount must be at least 1",
        ),
    ],
)
def test_bad_event_data_is_refused_with_what_is_wrong(data, message):
    with pytest.raises(DossierError, match=message):
        event_from_data(data)
