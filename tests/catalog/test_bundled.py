"""The bundled catalogue: real national procedures, facts as the legal texts state them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tthc import Duration, WorkingCalendar, compute_deadline, load_catalog
from tthc.catalog import Catalog, Level


@pytest.fixture(scope="module")
def bundled() -> Catalog:
    return load_catalog(Path(__file__).resolve().parents[2] / "catalog")


SAME_DAY = Duration.same_day(cutoff=dt.time(15))


@pytest.mark.parametrize(
    ("code", "case", "limit", "article"),
    [
        # Luật Hộ tịch 60/2014/QH13; same-day matters follow Art. 5(3): after 15:00, next day
        ("1.001193", None, SAME_DAY, "16(2)"),
        ("1.000656", None, SAME_DAY, "34(2)"),
        ("1.000894", "standard", SAME_DAY, "18(2)"),
        ("1.000894", "verification", Duration.working_days(5), "18(2)"),
        ("1.004837", None, Duration.working_days(3), "20(2)"),
        ("1.001022", "standard", Duration.working_days(3), "25(2)"),
        ("1.001022", "verification", Duration.working_days(8), "25(2)"),
        ("1.004859", "change-or-correction", Duration.working_days(3), "28(2)"),
        ("1.004859", "change-or-correction-verification", Duration.working_days(6), "28(2)"),
        ("1.004859", "supplement", SAME_DAY, "29(2)"),
        ("2.000635", None, SAME_DAY, "64(2)"),
        # Nghị định 23/2015/NĐ-CP
        ("2.000815", "standard", SAME_DAY, "7"),
        (
            "2.000815",
            "extended",
            Duration.parse("same day, cut-off 15:00 then 2 working days"),
            "7, 21",
        ),
        ("2.000908", None, SAME_DAY, "7"),
        # Nghị định 123/2015/NĐ-CP (secondary sources; marked unverified in the entry)
        ("1.004873", None, Duration.working_days(3), "22"),
    ],
)
def test_time_limits_and_the_article_that_sets_them(
    bundled: Catalog, code: str, case: str | None, limit: Duration, article: str
) -> None:
    procedure = bundled[code]
    assert procedure.time_limit(case=case) == limit
    assert article in [basis.article for basis in procedure.case(case).legal_basis]


@pytest.mark.parametrize(
    ("received", "due"),
    [
        # NĐ 23/2015/NĐ-CP Art. 21: "kéo dài thêm không quá 02 (hai) ngày làm việc" on top of
        # the Art. 7 time: the same day, or the next working day when received after 15:00.
        (dt.datetime(2026, 3, 2, 10, 0), dt.datetime(2026, 3, 4, 17, 0)),  # Mon + 2 wd
        (dt.datetime(2026, 3, 2, 15, 0), dt.datetime(2026, 3, 4, 17, 0)),  # 15:00 is not after
        (dt.datetime(2026, 3, 2, 15, 30), dt.datetime(2026, 3, 5, 17, 0)),  # Tue + 2 wd
        (dt.datetime(2026, 3, 7, 9, 0), dt.datetime(2026, 3, 11, 17, 0)),  # Sat: Mon + 2 wd
    ],
)
def test_an_extended_certification_adds_two_working_days_to_the_base_time(
    bundled: Catalog, received: dt.datetime, due: dt.datetime
) -> None:
    deadline = compute_deadline(
        bundled["2.000815"], received, calendar=WorkingCalendar.vietnam(), case="extended"
    )
    assert deadline.due_at == due


def test_marriage_registration_has_its_two_cases(bundled: Catalog) -> None:
    marriage = bundled["1.000894"]
    assert [c.id for c in marriage.cases] == ["standard", "verification"]
    assert marriage.time_limit() == SAME_DAY  # the default case


def test_certified_copy_fee_scale(bundled: Catalog) -> None:
    (fee,) = bundled["2.000815"].fees
    assert [fee.compute(pages=n) for n in (1, 2, 3, 10, 198, 500)] == [
        2_000,
        4_000,
        5_000,
        12_000,
        200_000,
        200_000,
    ]
    assert fee.legal_basis[0].document == "Thông tư 226/2016/TT-BTC"


def test_registrations_free_by_law_say_so_with_the_article(bundled: Catalog) -> None:
    for code in ("1.001193", "1.000656", "1.000894", "1.004837"):
        free = [f for f in bundled[code].fees if f.amount == 0]
        assert free, code
        assert free[0].legal_basis[0].article == "11(1)(b)"


def test_every_entry_cites_its_sources_and_says_what_is_unverified(bundled: Catalog) -> None:
    for procedure in bundled:
        assert procedure.legal_basis
        assert procedure.sources
        assert procedure.unverified, procedure.code
        assert procedure.level is Level.COMMUNE
        for case in procedure.cases:
            assert case.legal_basis, (procedure.code, case.id)


def test_the_overlay_example_is_labelled_and_shortens_the_limit(bundled: Catalog) -> None:
    assert all(overlay.example for overlay in bundled.overlays)
    local = bundled["1.004873.000.00.00.X99"]
    assert local.time_limit() == Duration.working_days(2)
    assert local.time_limit(statutory=True) == Duration.working_days(3)
    assert sum(step.budget.working_minutes or 0 for step in local.case().process) == 2 * 480
    late_fee = bundled["1.001193.000.00.00.X99"].fees[1]
    assert (late_fee.amount, late_fee.set_by) == (8_000, None)


def test_change_and_correction_competence_follows_the_date(bundled: Catalog) -> None:
    """Luật Hộ tịch 2014 Art. 7(2)(b), 46(3): the district until 30/06/2025 for citizens aged
    14 and over and re-determination of ethnicity; the commune for every case afterwards."""
    before = bundled.get("1.004859", on=dt.date(2025, 6, 30))
    after = bundled.get("1.004859", on=dt.date(2025, 7, 1))
    district = {c.id for c in before.cases if c.level is Level.DISTRICT}
    assert district == {
        "change-or-correction-14-and-over",
        "change-or-correction-14-and-over-verification",
        "ethnicity",
        "ethnicity-verification",
    }
    assert all(
        "46(3)" in b.article for c in before.cases if c.id in district for b in c.legal_basis[:1]
    )
    assert before.case().when == "The person is under 14"
    assert all(c.level is None for c in after.cases)
    assert after.level is Level.COMMUNE
    assert {c.id for c in after.cases} == {
        "change-or-correction",
        "change-or-correction-verification",
        "ethnicity",
        "ethnicity-verification",
        "supplement",
    }


def test_marital_status_fee_is_set_by_the_province_with_exemptions(bundled: Catalog) -> None:
    """National portal record of 1.004873 (updatedAt 1776939999595); TT 85/2019/TT-BTC."""
    (fee,) = bundled["1.004873"].fees
    assert fee.kind.value == "fee"
    assert fee.set_by == "Hội đồng nhân dân cấp tỉnh"
    assert "hộ nghèo" in fee.exemptions[0]
    assert [b.document for b in fee.legal_basis] == [
        "Luật Hộ tịch 60/2014/QH13",
        "Thông tư 85/2019/TT-BTC",
    ]


def test_extract_copy_pays_a_charge_under_tt_281_2016(bundled: Catalog) -> None:
    """A phí under TT 281/2016/TT-BTC, 8,000 đ per copy (national portal record of 2.000635)."""
    (fee,) = bundled["2.000635"].fees
    assert (fee.kind.value, fee.amount, fee.per.value) == ("charge", 8_000, "copy")
    assert fee.legal_basis[0].document == "Thông tư 281/2016/TT-BTC"


def test_certified_copy_has_the_2026_portal_name(bundled: Catalog) -> None:
    """The national portal's list (crawled 2026-07-18) names 2.000815 for foreign papers too."""
    name = bundled["2.000815"].name
    assert "cơ quan, tổ chức có thẩm quyền của nước ngoài" in name
    assert name.startswith("Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức")


@pytest.mark.parametrize(
    ("code", "case", "limit", "portal_case"),
    [
        ("1.000656", "portal-01", Duration.working_days(5), "1.000656.01"),
        ("1.004837", "portal-01", Duration.working_days(5), "1.004837.01"),
        ("2.000635", "portal-01", Duration.working_days(15), "2.000635.01"),
    ],
)
def test_portal_cases_are_imported_and_say_what_is_not_known(
    bundled: Catalog, code: str, case: str, limit: Duration, portal_case: str
) -> None:
    """Cases the national portal lists without saying when they apply."""
    procedure = bundled[code]
    imported = procedure.case(case)
    assert imported.time_limit == limit
    assert imported.when is not None
    assert imported.when.startswith("Not known.")
    assert imported.legal_basis[0].article == f"case {portal_case}"
    assert "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/" in (imported.legal_basis[0].note or "")
    assert procedure.case().id == "standard"  # the statutory case stays the default
    assert any("portal-01" in line for line in procedure.unverified)


PORTAL_2025_2026_BASES = (
    "Nghị định 07/2025/NĐ-CP",
    "Nghị định 120/2025/NĐ-CP",
    "Thông tư 08/2025/TT-BTP",
    "Nghị quyết 66.7/2025/NQ-CP",
    "Nghị định 18/2026/NĐ-CP",
    "Thông tư 85/2019/TT-BTC",
)


@pytest.mark.parametrize(
    "code",
    [
        "1.000656",
        "1.000894",
        "1.001022",
        "1.001193",
        "1.004837",
        "1.004859",
        "1.004873",
        "2.000635",
    ],
)
def test_the_legal_bases_the_portal_cites_are_listed(bundled: Catalog, code: str) -> None:
    """Every legal basis of the national portal record, 2025-2026 texts included."""
    procedure = bundled.get(code, on=dt.date(2026, 7, 18))
    documents = [basis.document for basis in procedure.legal_basis]
    for document in PORTAL_2025_2026_BASES:
        assert document in documents, (code, document)
    if code == "2.000635":
        assert "Thông tư 281/2016/TT-BTC" in documents
    assert any("https://dichvucong.gov.vn/thu-tuc-hanh-chinh/" in s for s in procedure.sources)
