"""Events check their own values, and a reception can be built from a catalogue procedure."""

from __future__ import annotations

import datetime as dt
import enum

import pytest

from tthc.dossier import (
    CHANNELS,
    AdministrativeReset,
    Dossier,
    Forwarding,
    OnlineSubmission,
    PaymentRequest,
    Reception,
    Refusal,
    ResultReturn,
    StepPlan,
    SupplementRequest,
)
from tthc.duration import Duration
from tthc.errors import UnknownCase

from .conftest import VN

T = dt.datetime
AT = T(2026, 3, 2, 9)
BASE = {"id": "1", "at": AT, "actor": "desk"}
LIMIT = {"procedure": "1.000894", "time_limit": Duration.working_days(5)}


@pytest.mark.parametrize(
    ("cls", "fields", "error", "message"),
    [
        (Refusal, {**BASE, "id": "", "reason": "x"}, ValueError, "id must not be empty"),
        (Refusal, {**BASE, "id": 7, "reason": "x"}, TypeError, "id must be text"),
        (
            Refusal,
            {**BASE, "at": dt.date(2026, 3, 2), "reason": "x"},
            TypeError,
            "the hour matters",
        ),
        (Refusal, {**BASE, "reason": "  "}, ValueError, "reason must not be empty"),
        (Forwarding, {**BASE, "step": "x", "unit": None}, TypeError, "unit must be text"),
        (PaymentRequest, {**BASE, "amount": 2.5}, TypeError, "whole đồng"),
        (PaymentRequest, {**BASE, "amount": True}, TypeError, "whole đồng"),
        (PaymentRequest, {**BASE, "amount": 0}, ValueError, "at least 1"),
        (ResultReturn, {**BASE, "channel": "home"}, ValueError, "counter, online, postal"),
        (SupplementRequest, {**BASE, "documents": (1,)}, TypeError, "documents must be text"),
        (AdministrativeReset, {**BASE, "new_due": "tomorrow", "reason": "x"}, TypeError, "new_due"),
        (Reception, {**BASE, **LIMIT, "time_limit": "5 working days"}, TypeError, "a Duration"),
        (Reception, {**BASE, **LIMIT, "case": ""}, ValueError, "case must not be empty"),
        (Reception, {**BASE, **LIMIT, "fees_due": -1}, ValueError, "at least 0"),
        (Reception, {**BASE, **LIMIT, "steps": ("a",)}, TypeError, "StepPlan values"),
        (
            Reception,
            {**BASE, **LIMIT, "steps": (StepPlan("a"), StepPlan("b"), StepPlan("a"))},
            ValueError,
            "names a step twice: a",
        ),
    ],
)
def test_malformed_events_are_refused_when_built(cls, fields, error, message):
    with pytest.raises(error, match=message):
        cls(**fields)


@pytest.mark.parametrize(
    ("fields", "error", "message"),
    [
        ({"name": ""}, ValueError, "non-empty name"),
        ({"name": 3}, TypeError, "name is text"),
        ({"name": "a", "unit": 3}, TypeError, "unit is text"),
        ({"name": "a", "budget": "1 working day"}, TypeError, "budget is a Duration"),
    ],
)
def test_malformed_step_plans_are_refused(fields, error, message):
    with pytest.raises(error, match=message):
        StepPlan(**fields)


def test_events_are_immutable_values_with_lists_read_as_tuples():
    event = SupplementRequest(**BASE, documents=["CCCD", "giấy khai sinh"])
    assert event.documents == ("CCCD", "giấy khai sinh")
    assert event == SupplementRequest(**BASE, documents=("CCCD", "giấy khai sinh"))
    with pytest.raises(AttributeError):
        event.reason = "x"  # type: ignore[misc]
    assert OnlineSubmission(**BASE).kind == "online_submission"


def test_a_channel_enum_is_read_as_its_value():
    class Channel(str, enum.Enum):
        ONLINE = "online"

    event = Reception(**BASE, **LIMIT, channel=Channel.ONLINE)
    assert event.channel == "online"
    assert type(event.channel) is str
    assert CHANNELS == {"counter": 1, "online": 2, "postal": 3}


def _marriage():
    from tthc.catalog import Procedure

    return Procedure(
        code="1.000894",
        name="Thủ tục đăng ký kết hôn",
        field="Hộ tịch",
        level="commune",
        agency="Ủy ban nhân dân cấp xã",
        valid_from=dt.date(2016, 1, 1),
        channels=["counter", "online"],
        result="Giấy chứng nhận kết hôn",
        legal_basis=[{"document": "Luật Hộ tịch 60/2014/QH13", "article": "18"}],
        cases=[
            {
                "id": "standard",
                "name": "Đủ điều kiện",
                "default": True,
                "time_limit": "same day, cut-off 15:00",
            },
            {
                "id": "verification",
                "name": "Cần xác minh",
                "time_limit": "5 working days",
                "process": [
                    {"name": "Tiếp nhận", "unit": "Bộ phận một cửa", "budget": "0.5 working days"},
                    {"name": "Xác minh", "unit": "Công chức tư pháp", "budget": "4 working days"},
                    {"name": "Ký", "unit": "Chủ tịch UBND", "budget": "0.5 working days"},
                ],
            },
        ],
    )


def test_reception_from_a_catalogue_procedure_reads_limit_and_internal_process():
    """Luật Hộ tịch 2014 Art. 18(2): up to 5 working days when conditions must be verified."""
    event = Reception.for_procedure(
        _marriage(), id="1", at=AT, actor="desk", case="verification", channel="online"
    )
    assert (event.procedure, event.case, event.channel) == ("1.000894", "verification", "online")
    assert event.time_limit == Duration.working_days(5)
    assert [(s.name, s.unit, str(s.budget)) for s in event.steps] == [
        ("Tiếp nhận", "Bộ phận một cửa", "0.5 working days"),
        ("Xác minh", "Công chức tư pháp", "4 working days"),
        ("Ký", "Chủ tịch UBND", "0.5 working days"),
    ]
    dossier = Dossier(calendar=VN)
    dossier.apply(event)
    assert dossier.due_at == T(2026, 3, 9, 17)


def test_reception_from_a_catalogue_procedure_default_case_and_unknown_channel():
    event = Reception.for_procedure(_marriage(), id="1", at=T(2026, 3, 2, 15, 30), actor="desk")
    assert (event.time_limit.kind.value, event.steps) == ("same_day", ())
    dossier = Dossier(calendar=VN)
    dossier.apply(event)
    assert dossier.due_at == T(2026, 3, 3, 17)  # after the 15:00 cut-off: next working day
    with pytest.raises(UnknownCase):
        Reception.for_procedure(_marriage(), id="1", at=AT, actor="desk", channel="postal")
