"""The bundled catalogue: real national procedures, facts as the legal texts state them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tthc import Duration, load_catalog
from tthc.catalog import Catalog, Level, Procedure


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
        ("2.000815", "extended", Duration.working_days(2), "21"),
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


PORTAL_PAGE = "https://dichvucong.gov.vn/thu-tuc-hanh-chinh/"


def imported(procedure: Procedure) -> bool:
    """Whether an entry is one of the portal import's (catalog/portal/), not curated."""
    return procedure.sources[:1] != () and procedure.sources[0].startswith(PORTAL_PAGE)


def test_every_entry_cites_its_sources_and_says_what_is_unverified(bundled: Catalog) -> None:
    for procedure in bundled:
        if imported(procedure):
            continue  # tests/portal/test_bundle.py
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
