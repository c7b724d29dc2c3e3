"""The Catalog: versions by date, local codes, filters, iteration and JSON export."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable

import pytest

from tthc import CatalogError, UnknownProcedure
from tthc.catalog import Catalog, Level, Overlay, Procedure, parse_catalog

Build = Callable[..., Procedure]


@pytest.fixture
def catalog(make_procedure: Build) -> Catalog:
    """Two versions of one code around the 2025 reform, and two other procedures."""
    return Catalog(
        [
            make_procedure(
                code="1.000100",
                level="district",
                agency="Ủy ban nhân dân cấp huyện",
                valid_from="2016-01-01",
                valid_to="2025-06-30",
            ),
            make_procedure(code="1.000100", level="commune", valid_from="2025-07-01"),
            make_procedure(
                code="2.000200", field="Chứng thực", channels=["counter"], level="province"
            ),
            make_procedure(code="1.000300", agency="Sở Tư pháp", level="province"),
        ],
        [
            Overlay.model_validate(
                {
                    "extends": "1.000100",
                    "code": "1.000100.000.00.00.X99",
                    "authority": "Example province",
                    "decision": {"document": "Example decision"},
                    "valid_from": "2026-01-01",
                    "cases": {"standard": {"time_limit": "2 working days"}},
                }
            )
        ],
    )


def test_get_returns_the_version_in_force_on_a_date(catalog: Catalog) -> None:
    assert catalog.get("1.000100", on=dt.date(2025, 6, 30)).level is Level.DISTRICT
    assert catalog.get("1.000100", on=dt.date(2025, 7, 1)).level is Level.COMMUNE
    assert catalog["1.000100"].level is Level.COMMUNE  # the latest version
    assert [p.valid_from.year for p in catalog.versions("1.000100")] == [2016, 2025]
    assert catalog.versions("9.999999") == ()


def test_an_unknown_code_or_date_raises_unknown_procedure(catalog: Catalog) -> None:
    with pytest.raises(UnknownProcedure, match=r"'9\.999999'.*3 procedures") as caught:
        catalog["9.999999"]
    assert isinstance(caught.value, KeyError)
    with pytest.raises(UnknownProcedure, match="in force on 2015-12-31") as caught:
        catalog.get("1.000100", on=dt.date(2015, 12, 31))
    assert caught.value.on == dt.date(2015, 12, 31)


def test_a_local_code_returns_the_national_version_with_the_overlay(catalog: Catalog) -> None:
    local = catalog["1.000100.000.00.00.X99"]
    assert str(local.time_limit()) == "2 working days"
    assert str(local.time_limit(statutory=True)) == "3 working days"
    assert local.national is catalog.get("1.000100", on=dt.date(2026, 1, 1))
    dated = catalog.get("1.000100.000.00.00.X99", on=dt.date(2026, 3, 1))
    assert dated.code == "1.000100.000.00.00.X99"
    with pytest.raises(UnknownProcedure):
        catalog.get("1.000100.000.00.00.X99", on=dt.date(2025, 12, 31))
    assert "1.000100.000.00.00.X99" in catalog


def test_iteration_len_and_membership(catalog: Catalog) -> None:
    assert [(p.code, p.valid_from.year) for p in catalog] == [
        ("1.000100", 2016),
        ("1.000100", 2025),
        ("1.000300", 2026),
        ("2.000200", 2026),
    ]
    assert len(catalog) == 4
    assert catalog.codes == ("1.000100", "1.000300", "2.000200")
    assert "2.000200" in catalog
    assert "2.000201" not in catalog
    assert 2.0002 not in catalog
    assert len(catalog.overlays) == 1
    assert repr(catalog) == "<Catalog: 4 procedure versions, 3 codes, 1 overlays>"


@pytest.mark.parametrize(
    ("criteria", "codes"),
    [
        ({"field": "chứng thực"}, ["2.000200"]),
        ({"level": "province"}, ["1.000300", "2.000200"]),
        ({"level": Level.DISTRICT}, ["1.000100"]),
        ({"agency": "SỞ TƯ PHÁP"}, ["1.000300"]),
        ({"channel": "online"}, ["1.000100", "1.000100", "1.000300"]),
        ({"on": dt.date(2020, 1, 1)}, ["1.000100"]),
        ({"level": "province", "channel": "online"}, ["1.000300"]),
    ],
)
def test_filters_combine(catalog: Catalog, criteria: dict[str, object], codes: list[str]) -> None:
    assert [p.code for p in catalog.filter(**criteria)] == codes  # type: ignore[arg-type]


def test_a_filter_keeps_the_overlays_of_kept_codes(catalog: Catalog) -> None:
    assert len(catalog.filter(level="commune").overlays) == 1
    assert catalog.filter(level="province").overlays == ()


@pytest.mark.parametrize(("criteria"), [{"channel": "fax"}, {"level": "village"}])
def test_an_unknown_filter_value_is_a_value_error(
    catalog: Catalog, criteria: dict[str, object]
) -> None:
    with pytest.raises(ValueError, match=r"fax|village"):
        catalog.filter(**criteria)  # type: ignore[arg-type]


def test_json_export_loads_back_as_the_same_catalogue(catalog: Catalog) -> None:
    text = catalog.to_json()
    data = json.loads(text)
    assert set(data) == {"procedures", "overlays"}
    assert data["procedures"][0]["cases"][0]["time_limit"] == "3 working days"
    assert data["procedures"][0]["valid_from"] == "2016-01-01"
    again = parse_catalog(text, file="export.json")
    assert again.to_data() == catalog.to_data()
    assert json.loads(catalog.to_json(indent=None)) == data


def test_an_empty_catalogue_exports_no_overlays_key() -> None:
    assert Catalog().to_data() == {"procedures": []}
    assert len(Catalog()) == 0


def test_building_a_catalogue_in_python_runs_every_check(make_procedure: Build) -> None:
    with pytest.raises(CatalogError) as caught:
        Catalog(
            [make_procedure(), make_procedure(valid_from="2026-06-01")],
            [
                Overlay.model_validate(
                    {
                        "extends": "1.000001",
                        "code": "1.000002.000.00.00.X99",
                        "authority": "A",
                        "decision": {"document": "D"},
                        "valid_from": "2026-01-01",
                    }
                )
            ],
        )
    assert [(i.file, i.path, i.line) for i in caught.value.issues] == [
        ("<memory>", ("overlays", 0, "code"), None),
        ("<memory>", ("procedures", 1, "valid_from"), None),
    ]
    assert "<memory> at procedures.0.valid_from" in caught.value.issues[1].message
