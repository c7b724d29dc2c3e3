"""Procedure models: strict and closed values, cases, channels and the time-limit lookup."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from pydantic import ValidationError

from tthc import Duration, UnknownCase
from tthc.catalog import (
    Channel,
    LegalBasis,
    OnlineLevel,
    Overlay,
    Procedure,
    RequiredDocument,
)
from tthc.errors import CatalogError, TthcError, UnknownProcedure

Build = Callable[..., Procedure]

TWO_CASES = [
    {
        "id": "standard",
        "name": "Standard",
        "default": True,
        "time_limit": "same day, cut-off 15:00",
    },
    {
        "id": "verification",
        "name": "Verification",
        "time_limit": "5 working days",
        "time_limit_by_channel": {"online": "4 working days"},
    },
]


def test_a_single_case_is_the_default(make_procedure: Build) -> None:
    assert make_procedure().time_limit() == Duration.working_days(3)


def test_the_case_marked_default_answers_when_no_case_is_named(make_procedure: Build) -> None:
    procedure = make_procedure(cases=TWO_CASES)
    assert procedure.time_limit() == Duration.same_day(cutoff=dt.time(15))
    assert procedure.time_limit(case="verification") == Duration.working_days(5)


@pytest.mark.parametrize("channel", ["online", Channel.ONLINE, " Online "])
def test_a_channel_given_as_enum_or_text_selects_its_own_limit(
    make_procedure: Build, channel: object
) -> None:
    procedure = make_procedure(cases=TWO_CASES)
    assert procedure.time_limit(case="verification", channel=channel) == Duration.working_days(4)
    assert procedure.time_limit(case="verification", channel="counter") == Duration.working_days(5)


def test_without_a_default_case_several_cases_need_a_name(make_procedure: Build) -> None:
    cases = [{**c, "default": False} for c in TWO_CASES]
    procedure = make_procedure(cases=cases)
    with pytest.raises(UnknownCase) as caught:
        procedure.time_limit()
    assert caught.value.expected == ("standard", "verification")
    assert "default case" in str(caught.value)
    assert isinstance(caught.value, KeyError)


def test_an_unknown_case_says_which_cases_exist(make_procedure: Build) -> None:
    with pytest.raises(UnknownCase, match=r"no 'urgent'; expected one of 'standard'"):
        make_procedure().time_limit(case="urgent")


@pytest.mark.parametrize(
    ("channel", "received"), [("postal", "postal"), (Channel.POSTAL, "postal"), ("fax", "fax")]
)
def test_a_channel_the_procedure_does_not_offer_is_an_unknown_case(
    make_procedure: Build, channel: object, received: str
) -> None:
    with pytest.raises(UnknownCase) as caught:
        make_procedure().time_limit(channel=channel)
    assert caught.value.received == received
    assert caught.value.expected == ("counter", "online")


def test_the_portal_channel_codes() -> None:
    assert [c.portal_code for c in Channel] == [1, 2, 3]


@pytest.mark.parametrize(
    ("written", "level"),
    [
        ("full", OnlineLevel.FULL),
        ("partial", OnlineLevel.PARTIAL),
        (4, OnlineLevel.FULL),
        (3, OnlineLevel.PARTIAL),
        ("level 4", OnlineLevel.FULL),
        ("Level 3", OnlineLevel.PARTIAL),
        ("mức độ 4", OnlineLevel.FULL),
        ("toàn trình", OnlineLevel.FULL),
        ("một phần", OnlineLevel.PARTIAL),
    ],
)
def test_legacy_online_levels_are_read_as_nd_42_2022_levels(
    make_procedure: Build, written: object, level: OnlineLevel
) -> None:
    assert make_procedure(online_level=written).online_level is level


@pytest.mark.parametrize("written", [1, "level 2", "mức độ 1"])
def test_online_levels_1_and_2_are_not_online_services(
    make_procedure: Build, written: object
) -> None:
    with pytest.raises(ValidationError, match="not an online service"):
        make_procedure(online_level=written)


@pytest.mark.parametrize("written", [True, 5, "maybe", ["full"]])
def test_other_online_levels_are_refused(make_procedure: Build, written: object) -> None:
    with pytest.raises(ValidationError):
        make_procedure(online_level=written)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("code", 1.001193),  # never a number: trailing zeros would be lost
        ("code", "1.1193"),
        ("code", "1.001193.h38"),
        ("name", ""),
        ("name", 5),
        ("level", "xã"),
        ("level", 1),
        ("valid_from", "01/01/2026"),
        ("valid_from", 20260101),
        ("valid_from", dt.datetime(2026, 1, 1, 8)),
        ("channels", []),
        ("channels", "counter"),
        ("cases", []),
        ("legal_basis", []),
        ("unexpected", "field"),
    ],
)
def test_models_are_strict_and_closed(
    procedure_data: Callable[..., dict[str, Any]], field: str, value: object
) -> None:
    with pytest.raises(ValidationError):
        Procedure.model_validate(procedure_data(**{field: value}))


def test_local_codes_and_iso_date_text_are_accepted(make_procedure: Build) -> None:
    procedure = make_procedure(code="2.000815.000.00.00.H38", valid_from="2016-01-01")
    assert procedure.national_code == "2.000815"
    assert procedure.valid_from == dt.date(2016, 1, 1)


def test_models_are_frozen(make_procedure: Build) -> None:
    procedure = make_procedure()
    with pytest.raises(ValidationError):
        procedure.name = "changed"  # type: ignore[misc]


def test_validity_is_inclusive_of_valid_to(make_procedure: Build) -> None:
    procedure = make_procedure(valid_from="2016-01-01", valid_to="2025-06-30")
    assert procedure.in_force(dt.date(2016, 1, 1))
    assert procedure.in_force(dt.date(2025, 6, 30))
    assert not procedure.in_force(dt.date(2025, 7, 1))
    assert not procedure.in_force(dt.date(2015, 12, 31))


def test_an_article_written_as_a_number_is_text() -> None:
    basis = LegalBasis.model_validate({"document": "Luật Hộ tịch 60/2014/QH13", "article": 18})
    assert basis.article == "18"
    assert str(basis) == "Luật Hộ tịch 60/2014/QH13, Art. 18"
    assert str(LegalBasis(document="NĐ 123/2015/NĐ-CP")) == "NĐ 123/2015/NĐ-CP"
    with pytest.raises(ValidationError):
        LegalBasis.model_validate({"document": "x", "article": True})


def test_a_document_says_how_it_is_given() -> None:
    assert RequiredDocument(name="ID card", presented=True).originals == 0
    assert RequiredDocument(name="Form", originals=1).copies == 0
    with pytest.raises(CatalogError, match="say how the document is given"):
        RequiredDocument(name="Nothing")
    with pytest.raises(CatalogError):
        RequiredDocument(name="Too many", originals=-1)


def test_structured_and_text_durations_are_one_value(make_procedure: Build) -> None:
    text = make_procedure()
    structured = make_procedure(
        cases=[
            {
                "id": "standard",
                "name": "Standard",
                "time_limit": {"kind": "working_days", "amount": 3},
            }
        ]
    )
    assert text.time_limit() == structured.time_limit()


def test_a_structured_duration_with_a_text_amount_is_an_error_not_a_crash(
    procedure_data: Callable[..., dict[str, Any]],
) -> None:
    data = procedure_data(
        cases=[{"id": "a", "name": "A", "time_limit": {"kind": "working_days", "amount": "3"}}]
    )
    with pytest.raises(ValidationError, match="amount must be a number"):
        Procedure.model_validate(data)


def test_an_overlay_applies_its_changes_and_keeps_the_statutory_limit(
    make_procedure: Build,
) -> None:
    national = make_procedure(
        cases=TWO_CASES,
        fees=[
            {"name": "Late fee", "kind": "fee", "set_by": "HĐND cấp tỉnh"},
            {"name": "Copy", "kind": "fee", "amount": 8000, "per": "copy"},
        ],
        valid_to="2030-12-31",
    )
    overlay = Overlay.model_validate(
        {
            "extends": "1.000001",
            "code": "1.000001.000.00.00.X99",
            "authority": "Example province",
            "decision": {"document": "Example decision"},
            "valid_from": "2027-01-01",
            "agency": "Example ward",
            "cases": {
                "verification": {
                    "time_limit": "3 working days",
                    "time_limit_by_channel": {"online": "2 working days"},
                    "process": [{"name": "All", "unit": "Desk", "budget": "3 working days"}],
                }
            },
            "fees": [
                {"name": "Late fee", "kind": "fee", "amount": 8000},
                {"name": "New local fee", "kind": "charge", "amount": 1000},
            ],
            "offices": [{"name": "Example ward desk"}],
        }
    )
    local = overlay.apply(national)
    assert local.code == "1.000001.000.00.00.X99"
    assert local.national is national
    assert local.agency == "Example ward"
    assert (local.valid_from, local.valid_to) == (dt.date(2027, 1, 1), dt.date(2030, 12, 31))
    assert local.time_limit(case="verification") == Duration.working_days(3)
    assert local.time_limit(case="verification", channel="online") == Duration.working_days(2)
    assert local.time_limit(case="verification", statutory=True) == Duration.working_days(5)
    assert local.time_limit() == national.time_limit()  # the untouched case
    assert [(f.name, f.amount) for f in local.fees] == [
        ("Late fee", 8000),
        ("Copy", 8000),
        ("New local fee", 1000),
    ]
    assert local.offices[0].name == "Example ward desk"
    assert local.legal_basis[-1].document == "Example decision"
    assert national.national is None
    assert national.time_limit(statutory=True) == national.time_limit()


def test_a_channel_that_is_neither_enum_nor_text_is_unknown(make_procedure: Build) -> None:
    with pytest.raises(UnknownCase) as caught:
        make_procedure().time_limit(channel=2)
    assert caught.value.received == "2"


def test_a_case_without_channel_limits_answers_for_every_channel(make_procedure: Build) -> None:
    case = make_procedure(cases=TWO_CASES).case("verification")
    assert case.limit_for() == case.limit_for(Channel.POSTAL) == Duration.working_days(5)
    assert case.limit_for(Channel.ONLINE) == Duration.working_days(4)


def test_the_package_refuses_unknown_attributes() -> None:
    import tthc.catalog

    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        tthc.catalog.nothing  # noqa: B018


def test_a_model_built_directly_with_bad_data_raises_a_catalog_error() -> None:
    """The same issues a file gives, each with its path, and a TthcError, not pydantic's."""
    with pytest.raises(CatalogError) as caught:
        Procedure(code="1.000001", name="", level="xa")  # type: ignore[arg-type]
    error = caught.value
    assert isinstance(error, TthcError)
    assert not isinstance(error, ValidationError)
    found = {(i.path, i.code) for i in error.issues}
    assert (("name",), "empty") in found  # must not be empty
    assert (("level",), "not-one-of") in found
    assert (("agency",), "missing") in found
    assert str(error).startswith("invalid Procedure: ")
    assert "Procedure(...): level: expected one of 'central', 'province'" in str(error)


def test_unknown_procedure_is_a_catalog_error_and_a_key_error() -> None:
    error = UnknownProcedure("9.999999", known=3)
    assert isinstance(error, CatalogError)
    assert isinstance(error, KeyError)
    assert str(error) == "no procedure with code '9.999999' (the catalogue has 3 procedures)"
    (issue,) = error.issues
    assert issue.code == "unknown-procedure"
