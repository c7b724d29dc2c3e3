"""One portal record to one catalogue procedure: each mapping rule and each refusal, on a
real record (``records/<code>.json``, trimmed; the page is in its ``_source``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tthc import Duration
from tthc.catalog import Channel, FeeKind, Level, OnlineLevel, Procedure, procedure_from_portal
from tthc.errors import CatalogError

Record = Callable[[str], dict[str, Any]]


def imported(record: Record, code: str, **options: Any) -> Procedure:
    return procedure_from_portal(record(code), source=f"{code}.json", **options)


def refusals(record: Record, code: str, **options: Any) -> list[str]:
    with pytest.raises(CatalogError) as caught:
        imported(record, code, **options)
    return [str(issue) for issue in caught.value.issues]


def reviews(procedure: Procedure) -> list[tuple[str, str]]:
    return [(item.field, item.reason) for item in procedure.review]


def test_code_name_field_result_and_applicants(record: Record) -> None:
    p = imported(record, "1.000894")
    assert (p.code, p.name, p.field) == ("1.000894", "Thủ tục đăng ký kết hôn", "Hộ tịch")
    assert p.result == "Giấy chứng nhận kết hôn"
    assert p.applicant_types == ("Công dân Việt Nam",)


def test_the_data_object_alone_is_a_record(record: Record) -> None:
    assert procedure_from_portal(record("1.000894")["data"]) == imported(record, "1.000894")


def test_the_source_is_the_portal_page_and_the_update_time(record: Record) -> None:
    p = imported(record, "1.000894")
    assert p.sources == (
        "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/019d2bfd-3fac-7489-b53b-a15eb239a6fe",
        # updatedAt 1776309781385 ms = 2026-04-16 10:23 in Vietnam (UTC+7)
        "Cổng Dịch vụ công quốc gia, updatedAt 2026-04-16 10:23 (UTC+7)",
    )


def test_valid_from_is_the_publishing_decision_date_in_vietnam_time(record: Record) -> None:
    # decisionDate 1768496400000 ms = 2026-01-15 17:00 UTC = 2026-01-16 00:00 UTC+7
    p = imported(record, "1.000894")
    assert p.valid_from == dt.date(2026, 1, 16)
    assert "procedureProposal.decisionDate" in p.unverified[0]


@pytest.mark.parametrize(
    ("code", "level"),
    [("1.000894", Level.COMMUNE), ("1.115493", Level.PROVINCE), ("1.115403", Level.CENTRAL)],
)
def test_the_level_is_read_from_its_flag(record: Record, code: str, level: Level) -> None:
    assert imported(record, code).level is level


def test_several_levels_keep_the_lowest_and_ask_for_review(record: Record) -> None:
    p = imported(record, "1.013234")  # isWard and isProvince both true
    assert p.level is Level.COMMUNE
    assert ("level", "several levels; the lowest is kept (isWard, isProvince true)") in reviews(p)


def test_no_district_level_is_ever_produced(record: Record) -> None:
    # The portal has no district flag; district authorities ended on 30/06/2025.
    for code in ("1.000894", "1.115493", "1.115403", "1.013234"):
        assert imported(record, code).level is not Level.DISTRICT


def test_the_agency_is_the_competent_authority(record: Record) -> None:
    assert imported(record, "1.000894").agency == "Ủy ban Nhân dân xã, phường, thị trấn."


def test_channels_follow_the_submission_methods(record: Record) -> None:
    assert imported(record, "1.000894").channels == (
        Channel.COUNTER,
        Channel.ONLINE,
        Channel.POSTAL,
    )
    assert imported(record, "1.115403").channels == (Channel.COUNTER,)


@pytest.mark.parametrize(
    ("code", "level"), [("1.115493", OnlineLevel.FULL), ("1.000894", OnlineLevel.PARTIAL)]
)
def test_online_toan_trinh_from_is_full_process(
    record: Record, code: str, level: OnlineLevel
) -> None:
    assert imported(record, code).online_level is level


def test_working_days_per_channel_and_per_case(record: Record) -> None:
    p = imported(record, "1.115493")
    assert p.time_limit(channel="online") == Duration.working_days(5)
    assert p.time_limit(case="1-115493-01") == Duration.working_days(5)
    assert not p.review


def test_calendar_days_and_several_limits_on_one_channel_become_cases(record: Record) -> None:
    # Each channel lists 15 days (công trình) then 10 days (nhà ở riêng lẻ tại đô thị).
    p = imported(record, "1.009122")
    assert [c.id for c in p.cases[:2]] == ["method-1", "method-2"]
    assert p.time_limit(case="method-1", channel="postal") == Duration.calendar_days(15)
    assert p.time_limit(case="method-2", channel="online") == Duration.calendar_days(10)
    assert p.case("method-2").name.startswith("Đối với nhà ở riêng lẻ tại đô thị")
    assert p.case().id == "method-1"
    assert not p.review


def test_rows_missing_on_a_channel_are_flagged(record: Record) -> None:
    p = imported(record, "1.115342")
    assert ("cases.method-2", "no limit listed for postal in this row") in reviews(p)


def test_months_are_read_from_the_month_unit(record: Record) -> None:
    # 2 MONTH; the page: "Không quá 02 tháng kể từ ngày nhận đủ hồ sơ, Bộ trưởng Bộ Công an ..."
    p = imported(record, "1.115403")
    assert p.time_limit(channel="counter") == Duration.months(2)
    assert not [item for item in p.review if item.field.startswith("cases")]


def test_portal_cases_keep_their_own_limits(record: Record) -> None:
    p = imported(record, "1.000894")
    assert p.time_limit(case="1-000894-02") == Duration.working_days(1)
    assert p.time_limit(case="1-000894-01") == Duration.calendar_days(1)


def test_other_with_a_bare_number_needs_review_and_claims_no_limit(record: Record) -> None:
    p = imported(record, "1.000894")  # processingTime 1, unit OTHER, no text
    assert p.time_limit(channel="counter") == Duration.none()
    assert ("cases.standard.counter", "unit OTHER with a bare number") in reviews(p)
    assert p.review[0].raw == "1"


def test_quarter_working_days_need_review(record: Record) -> None:
    p = imported(record, "1.115336")  # 6.25 WORKING_DAY
    assert ("cases.standard.online", "working days that are not whole or half days") in reviews(p)


def test_hours_need_review(record: Record) -> None:
    p = imported(record, "1.115563")  # 15 HOUR
    assert ("cases.standard.counter", "unit HOUR: working or clock hours not stated") in reviews(p)


def test_a_prose_limit_is_read_by_its_rule(record: Record) -> None:
    # "Không quá 10 ngày làm việc." online and postal; the counter adds a case in prose
    p = imported(record, "1.115714")
    assert p.time_limit(channel="online") == Duration.working_days(10)
    assert p.time_limit(channel="counter") == Duration.none()
    assert ("cases.standard.counter", "time limit in prose") in reviews(p)


def test_the_no_extra_procedures_sentence_does_not_hide_the_limit(record: Record) -> None:
    assert imported(record, "1.115695").time_limit(channel="online") == Duration.calendar_days(30)


def test_the_same_day_with_a_15_00_cut_off_is_read(record: Record) -> None:
    expected = Duration.same_day(cutoff=dt.time(15))
    assert imported(record, "1.115715").time_limit(channel="counter") == expected


@pytest.mark.parametrize("code", ["1.115650", "1.115727"])
def test_a_limit_with_a_further_case_in_prose_needs_review(record: Record, code: str) -> None:
    p = imported(record, code)
    assert ("cases.standard.counter", "time limit in prose") in reviews(p)
    raw = next(item.raw for item in p.review if item.field == "cases.standard.counter")
    assert raw is not None
    assert "Đối với các xã miền núi" in raw


def test_documents_keep_counts_and_groups_and_notes_keep_the_rest(record: Record) -> None:
    p = imported(record, "1.000894")
    first = p.documents[0]
    assert first.name.startswith("- Hộ chiếu/Thẻ căn cước công dân")
    assert (first.originals, first.copies, first.mandatory) == (1, 0, False)
    assert first.note == "* Giấy tờ phải xuất trình:"
    # a component with no count is a note of the portal, kept in the notes
    assert p.notes is not None
    assert "Trường hợp giấy tờ tùy thân sử dụng là" in p.notes


def test_a_fee_amount_with_its_text(record: Record) -> None:
    p = imported(record, "1.009122")
    assert [(f.kind, f.amount) for f in p.fees] == [(FeeKind.FEE, 100_000), (FeeKind.FEE, 50_000)]


def test_a_fee_set_elsewhere_keeps_the_text(record: Record) -> None:
    (fee, *_) = imported(record, "1.115695").fees
    assert fee.amount is None
    assert fee.set_by == "Do Hội đồng nhân dân tỉnh quy định"


def test_a_price_level_needs_review(record: Record) -> None:
    p = imported(record, "1.115695")
    assert p.fees[2].name == "Giá"
    assert ("fees.2", "a price (giá), neither lệ phí nor phí; imported as a charge") in reviews(p)


def test_a_fee_with_neither_amount_nor_text_needs_review(record: Record) -> None:
    p = imported(record, "1.115490")
    assert ("fees", "a fee with neither an amount nor a text") in reviews(p)


def test_the_legal_basis_keeps_code_and_name(record: Record) -> None:
    documents = [b.document for b in imported(record, "1.000894").legal_basis]
    assert documents[1] == "Luật 60/2014/QH13"
    assert documents[2].startswith("04/2020/TT-BTP: Hướng dẫn Luật hộ tịch")


@pytest.mark.parametrize(
    ("code", "reasons"),
    [
        (
            "1.000797",
            [
                "1.000797.json: isWard: no level: isWard, isProvince and isMinistry are all "
                "false (isOtherAgency true)"
            ],
        ),
        ("1.115444", ["1.115444.json: legalBasisesDetails: the record has no legal basis"]),
        (
            "2.000540",
            [
                "2.000540.json: isWard: no level: isWard, isProvince and isMinistry are all "
                "false (isOtherAgency true)",
                "2.000540.json: departmentsAuthority: no agency: no authority, no executing "
                "department or unit group, no executingAgencies",
                "2.000540.json: resultsDetails: the record has no result",
            ],
        ),
    ],
)
def test_a_record_the_catalogue_cannot_hold_is_refused_with_every_reason(
    record: Record, code: str, reasons: list[str]
) -> None:
    assert refusals(record, code) == reasons


def test_strict_refuses_what_needs_review(record: Record) -> None:
    assert refusals(record, "1.013234", strict=True) == [
        "1.013234.json: level: needs review: several levels; the lowest is kept "
        "(isWard, isProvince true)"
    ]
    assert imported(record, "1.115493", strict=True).code == "1.115493"


@pytest.mark.parametrize(
    "broken",
    [
        {},
        {"data": {"code": "1.000894", "executionMethods": "DIRECT"}},
        {"data": {"code": 1.000894, "executionMethods": [None, {"submissionMethod": ["x"]}]}},
        {"data": {"legalBasisesDetails": [{"code": None}], "cases": [{"processingDay": 5}]}},
    ],
)
def test_a_malformed_record_is_refused_not_a_crash(broken: dict[str, Any]) -> None:
    with pytest.raises(CatalogError):
        procedure_from_portal(broken)


def test_a_value_outside_the_catalogue_s_range_refuses_with_the_model_s_reason(
    record: Record,
) -> None:
    # 1.115493 with its first document's copies raised to 500 (the model allows up to 100)
    data = record("1.115493")
    data["data"]["executionCases"][0]["profileComponents"][0]["copyQty"] = 500
    with pytest.raises(CatalogError) as caught:
        procedure_from_portal(data, source="1.115493.json")
    (issue,) = caught.value.issues
    assert (issue.file, issue.path[:2], issue.code) == (
        "1.115493.json",
        ("documents", 0),
        "portal-invalid",
    )
    assert "less than or equal to 100" in issue.message


def test_full_process_without_an_online_method_is_flagged(record: Record) -> None:
    data = record("1.115403")  # counter only
    data["data"]["isFullProcess"] = True
    p = procedure_from_portal(data)
    assert p.online_level is None
    assert ("online_level", "isFullProcess is true but no ONLINE method is listed") in reviews(p)


def test_several_fields_keep_the_first_and_ask_for_review(record: Record) -> None:
    data = record("1.000894")
    data["data"]["categoriesDetails"].append({"name": "Chứng thực"})
    p = procedure_from_portal(data)
    assert p.field == "Hộ tịch"
    assert ("field", "several fields (lĩnh vực); the first is kept") in reviews(p)


def test_a_review_item_reads_as_its_field_reason_and_source() -> None:
    from tthc.catalog import Review

    assert str(Review(field="level", reason="several levels")) == "level: several levels"
    assert str(Review(field="fees", reason="x", raw="FEE None")) == "fees: x (source: 'FEE None')"
