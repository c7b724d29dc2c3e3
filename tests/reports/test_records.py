"""DossierRecord: what a report reads, checked when built."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
from typing import Any

import pytest

from tthc.reports import DossierRecord, as_record

D = dt.datetime
ICT = dt.timezone(dt.timedelta(hours=7))


def make(**fields: Any) -> DossierRecord:
    values: dict[str, Any] = {"code": "X", "received_at": D(2026, 3, 2, 9), "status": 4}
    values.update(fields)
    return DossierRecord(**values)


def test_defaults() -> None:
    r = make()
    assert (r.procedure, r.field, r.agency, r.level, r.channel) == ("", "", "", "", "counter")
    assert r.due_at is r.legal_due_at is r.result_ready_at is r.returned_at is r.ended_at is None
    assert r.supplement_waits == r.payment_waits == ()
    assert r.supplement_requests == 0
    assert r.due_includes_waits is False
    assert r.resolved_at is None


def test_is_frozen_and_hashable() -> None:
    r = make()
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.status = 9  # type: ignore[misc]
    assert hash(r) == hash(make())
    assert r == make()


def test_aware_times_are_stored_as_vietnam_local_time() -> None:
    utc = dt.timezone.utc
    r = make(received_at=D(2026, 3, 2, 2, tzinfo=utc), due_at=D(2026, 3, 5, 17, tzinfo=ICT))
    assert r.received_at == D(2026, 3, 2, 9)
    assert r.due_at == D(2026, 3, 5, 17)
    assert r.received_at.tzinfo is None


def test_every_time_may_be_aware() -> None:
    utc = dt.timezone.utc
    r = make(
        status=10,
        received_at=D(2026, 3, 2, 2, tzinfo=utc),
        due_at=D(2026, 3, 5, 10, tzinfo=utc),
        legal_due_at=D(2026, 3, 5, 10, tzinfo=utc),
        result_ready_at=D(2026, 3, 4, 3, tzinfo=utc),
        returned_at=D(2026, 3, 4, 11, tzinfo=ICT),
        supplement_waits=[(D(2026, 3, 3, 1, tzinfo=utc), D(2026, 3, 3, 2, tzinfo=utc))],
    )
    assert (r.due_at, r.legal_due_at, r.result_ready_at, r.returned_at) == (
        D(2026, 3, 5, 17),
        D(2026, 3, 5, 17),
        D(2026, 3, 4, 10),
        D(2026, 3, 4, 11),
    )
    assert r.supplement_waits == ((D(2026, 3, 3, 8), D(2026, 3, 3, 9)),)
    stopped = make(status=8, ended_at=D(2026, 3, 3, 1, tzinfo=utc))
    assert stopped.ended_at == D(2026, 3, 3, 8)


def test_resolved_at_is_the_first_event_with_a_result() -> None:
    ready = make(status=10, result_ready_at=D(2026, 3, 4), returned_at=D(2026, 3, 6))
    assert ready.resolved_at == D(2026, 3, 4)
    assert make(status=10, returned_at=D(2026, 3, 6)).resolved_at == D(2026, 3, 6)


def test_waits_are_tuples_and_count_as_supplement_requests() -> None:
    r = make(
        supplement_waits=[[D(2026, 3, 3), D(2026, 3, 4)], (D(2026, 3, 5), D(2026, 3, 6))],
    )
    assert r.supplement_waits == ((D(2026, 3, 3), D(2026, 3, 4)), (D(2026, 3, 5), D(2026, 3, 6)))
    assert r.supplement_requests == 2
    assert make(supplement_requests=3).supplement_requests == 3


class Kenh(enum.IntEnum):
    ONLINE = 2


class Channel(str, enum.Enum):
    POSTAL = "postal"


class Status(enum.IntEnum):
    RECEIVED = 2


class Field(str, enum.Enum):
    CIVIL = "Hộ tịch"


class Label(str):
    """A str subclass, as some database drivers return."""


def test_reads_text_subclasses_and_enums() -> None:
    r = make(
        code=Label("X"),
        procedure=Label("1.001193"),
        agency=Field.CIVIL,
        level=Label("commune"),
        channel=Label("online"),
    )
    assert (r.code, r.procedure, r.agency, r.level, r.channel) == (
        "X",
        "1.001193",
        "Hộ tịch",
        "commune",
        "online",
    )
    assert type(r.code) is str
    assert type(r.channel) is str


def test_reads_portal_codes_and_enums() -> None:
    assert make(channel=2).channel == "online"
    assert make(channel=Kenh.ONLINE).channel == "online"
    assert make(channel=Channel.POSTAL).channel == "postal"
    assert make(status=Status.RECEIVED).status == 2
    assert type(make(status=Status.RECEIVED).status) is int
    assert make(field=Field.CIVIL).field == "Hộ tịch"


@pytest.mark.parametrize(
    ("fields", "error", "message"),
    [
        ({"status": 11}, ValueError, "status must be a portal status code 1..10, got 11"),
        ({"status": "9"}, TypeError, "status must be an int"),
        ({"status": True}, TypeError, "status must be an int"),
        ({"received_at": dt.date(2026, 3, 2)}, TypeError, "received_at must be a datetime"),
        ({"received_at": None}, ValueError, "received_at is required"),
        ({"due_at": "2026-03-05"}, TypeError, "due_at must be a datetime, got str"),
        ({"code": 12}, TypeError, "code must be text"),
        ({"channel": "fax"}, ValueError, "channel must be one of counter, online, postal"),
        ({"channel": 4}, ValueError, "channel must be one of"),
        ({"status": 9}, ValueError, r"status 9 \(result ready\) needs result_ready_at"),
        ({"status": 10}, ValueError, r"status 10 \(result returned\) needs returned_at"),
        ({"status": 7}, ValueError, r"status 7 \(withdrawn\) needs ended_at"),
        ({"status": 3}, ValueError, r"status 3 \(refused\) needs ended_at"),
        ({"status": 8, "ended_at": D(2026, 3, 1)}, ValueError, "ended_at .* is before received_at"),
        (
            {"status": 10, "returned_at": D(2026, 3, 1)},
            ValueError,
            "returned_at .* before received",
        ),
        ({"status": 5}, ValueError, "last of supplement_waits must be open"),
        (
            {"status": 6, "payment_waits": [(D(2026, 3, 3), D(2026, 3, 4))]},
            ValueError,
            "last of payment_waits must be open",
        ),
        (
            {"status": 9, "result_ready_at": D(2026, 3, 1)},
            ValueError,
            "result_ready_at 2026-03-01 00:00:00 is before received_at",
        ),
        (
            {"status": 10, "result_ready_at": D(2026, 3, 5), "returned_at": D(2026, 3, 4)},
            ValueError,
            "returned_at .* is before result_ready_at",
        ),
        (
            {"supplement_waits": [(D(2026, 3, 1), None)]},
            ValueError,
            "starts at 2026-03-01 00:00:00 before the dossier was received",
        ),
        (
            {"supplement_waits": [(D(2026, 3, 5), D(2026, 3, 4))]},
            ValueError,
            "ends at .* before it starts",
        ),
        (
            {"supplement_waits": [(D(2026, 3, 3), None), (D(2026, 3, 5), None)]},
            ValueError,
            "only the last one may be open",
        ),
        (
            {"payment_waits": [(D(2026, 3, 3), D(2026, 3, 6)), (D(2026, 3, 5), None)]},
            ValueError,
            "without overlap",
        ),
        ({"supplement_waits": [(D(2026, 3, 3),)]}, ValueError, "must be a pair"),
        ({"supplement_waits": ["ab"]}, ValueError, "must be a pair"),
        ({"supplement_requests": -1}, ValueError, "supplement_requests must be an int >= 0"),
        ({"due_includes_waits": 1}, TypeError, "due_includes_waits must be a bool"),
    ],
)
def test_invalid_records(fields: dict[str, Any], error: type[Exception], message: str) -> None:
    with pytest.raises(error, match=message):
        make(**fields)


def test_from_mapping_rejects_unknown_fields() -> None:
    row = {"code": "X", "received_at": D(2026, 3, 2), "status": 4, "due": D(2026, 3, 5)}
    with pytest.raises(ValueError, match=r"unknown field.s. due; expected some of"):
        DossierRecord.from_mapping(row)


@pytest.mark.parametrize("name", ["code", "received_at", "status"])
def test_from_mapping_says_which_required_field_is_missing(name: str) -> None:
    """As the file readers say it; it was a TypeError naming ``DossierRecord.__init__()``."""
    row = {"code": "X", "received_at": D(2026, 3, 2), "status": 4}
    with pytest.raises(ValueError, match=f"^missing {name}$"):
        DossierRecord.from_mapping({**row, name: None})
    del row[name]
    with pytest.raises(ValueError, match=f"^missing {name}$"):
        DossierRecord.from_mapping(row)


def test_from_mapping_treats_none_as_missing() -> None:
    row = {"code": "X", "received_at": D(2026, 3, 2), "status": 4, "channel": None}
    assert DossierRecord.from_mapping(row).channel == "counter"


def test_as_record() -> None:
    r = make()

    class Dossier:
        def to_record(self) -> DossierRecord:
            return r

    assert as_record(r) is r
    assert as_record(Dossier()) is r
    assert as_record({"code": "X", "received_at": D(2026, 3, 2, 9), "status": 4}) == r
    with pytest.raises(TypeError, match="got int"):
        as_record(3)
