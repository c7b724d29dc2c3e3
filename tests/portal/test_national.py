"""The national list shipped as package data, and ``tthc validate``'s check against it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tthc.catalog import Procedure
from tthc.catalog._national import (
    NationalList,
    NationalMismatch,
    NationalProcedure,
    check_national,
    national_list,
)
from tthc.cli import EXIT_INVALID, EXIT_OK, main

REPO = Path(__file__).resolve().parents[2]
MARRIAGE = NationalProcedure(
    "1.000894", "Thủ tục đăng ký kết hôn", "Hộ tịch", "Bộ Tư pháp", "UPDATED"
)


def procedure(code: str, name: str) -> Procedure:
    return Procedure.model_validate(
        {
            "code": code,
            "name": name,
            "field": "Hộ tịch",
            "level": "commune",
            "agency": "Ủy ban nhân dân cấp xã",
            "valid_from": "2026-01-01",
            "channels": ["counter"],
            "result": "Giấy chứng nhận kết hôn",
            "cases": [{"id": "standard", "name": "Chung", "time_limit": "5 working days"}],
            "legal_basis": [{"document": "Luật Hộ tịch 60/2014/QH13"}],
        }
    )


def test_the_shipped_list_has_code_name_field_body_and_state() -> None:
    national = national_list()
    assert len(national) == 5670  # the portal's list on 2026-07-18
    assert national.get("1.000894") == MARRIAGE
    assert national.get("9.999999") is None


@pytest.mark.parametrize("code", ["1.000894", "1.000894.000.00.00.H38", " 1.000894"])
def test_a_local_code_maps_to_its_national_code(code: str) -> None:
    assert national_list().get(code) == MARRIAGE


def test_an_unknown_code_and_a_differing_name_are_reported() -> None:
    national = NationalList([MARRIAGE], snapshot="2026-07-18", source="test")
    found = check_national(
        [
            procedure("1.000894", "Thủ tục  đăng ký kết hôn."),  # spaces and full stop: same
            procedure("1.000894.000.00.00.H38", "THỦ TỤC ĐĂNG KÝ KẾT HÔN"),  # case: same
            procedure("1.000895", "Thủ tục đăng ký kết hôn"),
            procedure("1.000894.000.00.00.H40", "Đăng ký kết hôn"),
        ],
        national,
    )
    assert found == [
        NationalMismatch(
            "1.000895",
            "unknown-code",
            "national code 1.000895 is not in the national list 2026-07-18",
        ),
        NationalMismatch(
            "1.000894.000.00.00.H40",
            "name",
            "name 'Đăng ký kết hôn' differs from the national list 2026-07-18: "
            "'Thủ tục đăng ký kết hôn'",
        ),
    ]


def test_names_are_compared_in_nfc() -> None:
    decomposed = "Thủ tục đăng ký kết hôn".replace("ủ", "u\u0309")
    assert decomposed != MARRIAGE.name
    national = NationalList([MARRIAGE], snapshot="2026-07-18", source="test")
    assert check_national([procedure("1.000894", decomposed)], national) == []


def test_validate_warns_and_an_option_makes_it_an_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    valid = str(REPO / "tests" / "catalog" / "examples" / "valid")
    assert main(["validate", valid]) == EXIT_OK
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "valid: 3 procedure versions, 1 overlays"
    assert (
        out[1] == "warning: 1.000001: national code 1.000001 is not in the national list 2026-07-18"
    )
    assert main(["validate", valid, "--national", "error"]) == EXIT_INVALID
    captured = capsys.readouterr()
    assert captured.out.splitlines()[0] == (
        "1.000001: national code 1.000001 is not in the national list 2026-07-18"
    )
    assert captured.err == "3 problems found\n"


def test_every_imported_portal_procedure_agrees_with_the_list() -> None:
    from tthc import load_catalog

    imported = load_catalog(REPO / "catalog" / "portal")
    assert check_national(imported) == []
