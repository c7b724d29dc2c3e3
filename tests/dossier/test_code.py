"""The dossier code of TT 01/2018/TT-VPCP Art. 19: V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX."""

from __future__ import annotations

import datetime as dt

import pytest

from tthc.dossier import DossierCode, Reception, dossier_code
from tthc.duration import Duration


@pytest.mark.parametrize(
    ("agency", "day", "sequence", "code"),
    [
        ("000.00.15.H38", dt.date(2026, 2, 23), 7, "000.00.15.H38-260223-0007"),
        ("000.00.00.H38", dt.date(2000, 1, 1), 1, "000.00.00.H38-000101-0001"),
        ("G12.35.01.A01", dt.date(2099, 12, 31), 9999, "G12.35.01.A01-991231-9999"),
    ],
)
def test_code_format_and_parse_back_tt_01_2018_art_19(agency, day, sequence, code):
    assert dossier_code(agency, day, sequence) == code
    parsed = DossierCode.parse(code)
    assert (parsed.agency, parsed.received, parsed.sequence) == (agency, day, sequence)
    assert str(parsed) == code


@pytest.mark.parametrize(
    ("code", "agency", "sequence", "digits"),
    [
        # Seen on a provincial portal in 2026: province-first unit code, 4-digit sequence.
        ("H15.50.05.13-261008-0975", "H15.50.05.13", 975, 4),
        # Ministries' portals: 6- or 7-digit sequences, the first two naming the ministry.
        ("H15.50.05.13-261008-090123", "H15.50.05.13", 90123, 6),
        ("000.00.00.H38-261008-1800123", "000.00.00.H38", 1800123, 7),
    ],
)
def test_codes_issued_since_2025_are_read_and_written_back_exactly(code, agency, sequence, digits):
    parsed = DossierCode.parse(code)
    assert (parsed.agency, parsed.received, parsed.sequence) == (
        agency,
        dt.date(2026, 10, 8),
        sequence,
    )
    assert parsed.digits == digits
    assert str(parsed) == code
    assert dossier_code(agency, dt.date(2026, 10, 8), sequence, digits=digits) == code


def test_codes_sort_by_agency_then_day_then_sequence():
    codes = ["000.00.15.H38-260223-0010", "000.00.15.H38-260223-0002", "000.00.15.H38-251231-0099"]
    assert [str(c) for c in sorted(map(DossierCode.parse, codes))] == [codes[2], codes[1], codes[0]]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("000.00.15.H38-260223-007", "not a dossier code"),
        ("000.00.15.H38-260223-00000007", "not a dossier code"),
        ("000.00.15.H38_260223_0007", "not a dossier code"),
        ("000.00.15.H38-261323-0007", "'261323' is not a date"),
        ("000.00.15.H38-260223-0000", "sequence must be 1-9999"),
        ("00.00.15.H38-260223-0001", "agency code must look like"),
        ("000.00.15.838-260223-0001", "agency code must look like"),
        ("000.00.15.h38-260223-0001", "agency code must look like"),
        ("H15.50.05.1-260223-0001", "agency code must look like"),
        ("H15.50.05-260223-0001", "agency code must look like"),
    ],
)
def test_malformed_codes_are_refused_saying_which_part(text, message):
    with pytest.raises(ValueError, match=message):
        DossierCode.parse(text)


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        (("000.00.00.H38", dt.date(1999, 12, 31), 1), ValueError, "2000-2099"),
        (("000.00.00.H38", dt.datetime(2026, 1, 1), 1), TypeError, "must be a date"),
        (("000.00.00.H38", dt.date(2026, 1, 1), 10000), ValueError, "1-9999"),
        (("000.00.00.H38", dt.date(2026, 1, 1), True), TypeError, "must be an int"),
        (("000.00.00.H38", dt.date(2026, 1, 1), 1, 8), ValueError, "4 to 7 digits"),
        (("000.00.00.H38", dt.date(2026, 1, 1), 1, 4.0), TypeError, "digits must be an int"),
        ((38, dt.date(2026, 1, 1), 1), TypeError, "agency must be text"),
    ],
)
def test_code_parts_are_checked(args, error, message):
    with pytest.raises(error, match=message):
        DossierCode(*args)


def test_parse_needs_text():
    with pytest.raises(TypeError, match="as text"):
        DossierCode.parse(260223)  # type: ignore[arg-type]


def test_reception_normalises_and_checks_its_code():
    at = dt.datetime(2026, 2, 23, 9)
    event = Reception(
        id="1",
        at=at,
        actor="a",
        procedure="p",
        time_limit=Duration.working_days(1),
        code=" 000.00.15.H38-260223-0007 ",
    )
    assert event.code == "000.00.15.H38-260223-0007"
    with pytest.raises(ValueError, match="not a dossier code"):
        Reception(id="1", at=at, actor="a", procedure="p", time_limit=Duration.none(), code="x")
