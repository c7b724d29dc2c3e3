"""`tthc due`: the appointment of a bundled procedure, as text or JSON, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tthc.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, main

ROOT = Path(__file__).resolve().parents[2]


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["due", *args])
    out, err = capsys.readouterr()
    return status, out, err


def test_marriage_with_verification_skips_the_national_day_break(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, out, _ = run(
        capsys,
        "1.000894",
        "--case",
        "verification",
        "--received",
        "2026-08-24T09:00",
        "--lang",
        "en",
    )
    assert status == EXIT_OK
    assert "Due: 2026-09-03 17:00" in out
    assert "National Day" in out


def test_same_day_after_cut_off_in_vietnamese(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "1.000894", "--received", "2026-02-13T15:30")
    assert status == EXIT_OK
    assert "Hẹn trả: 2026-02-23 17:00" in out
    assert "trong ngày, giờ chốt 15:00" in out


def test_json_output_carries_the_trace(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, "2.000815", "--received", "2026-02-13T16:00+07:00", "--format", "json"
    )
    assert status == EXIT_OK
    data = json.loads(out)
    assert data["due_at"] == "2026-02-23T17:00:00+07:00"
    assert data["policy"] == "civil-code"
    assert data["trace"][0]["kind"] == "received"
    assert set(data["explanation"]) == {"vi", "en"}


def test_policy_and_explicit_catalog(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys,
        "1.000894",
        "--case",
        "verification",
        "--received",
        "2026-03-02T09:00",
        "--policy",
        "half-day-sessions",
        "--catalog",
        str(ROOT / "catalog"),
        "--format",
        "json",
    )
    assert status == EXIT_OK
    assert json.loads(out)["window"] == ["2026-03-09T07:30:00", "2026-03-09T11:30:00"]


@pytest.mark.parametrize(
    ("args", "status", "message"),
    [
        (["9.999999", "--received", "2026-02-13T10:00"], EXIT_INVALID, "no procedure"),
        (["1.000894", "--case", "x", "--received", "2026-02-13T10:00"], EXIT_INVALID, "'x'"),
        (["1.000894", "--received", "2150-01-01T10:00"], EXIT_INVALID, "supported range"),
        (["1.000894", "--received", "soon"], EXIT_USAGE, "ISO 8601"),
        (["1.000894", "--received", "2026-02-13"], EXIT_USAGE, "the date '2026-02-13' alone"),
        (["1.000894", "--received", "20260213T1000"], EXIT_USAGE, "basic format"),
        (["1.000894", "--received", "2026-02-13T10"], EXIT_USAGE, "YYYY-MM-DDTHH:MM"),
        (["1.000894"], EXIT_USAGE, "--received"),
        (["1.000894", "--received", "2026-02-13T10:00", "--policy", "x"], EXIT_USAGE, "invalid"),
    ],
)
def test_errors_are_one_line_and_never_a_traceback(
    capsys: pytest.CaptureFixture[str], args: list[str], status: int, message: str
) -> None:
    got, _, err = run(capsys, *args)
    assert got == status
    assert message in err
    assert "Traceback" not in err


def test_the_version_in_force_is_the_one_of_the_receipt_day_in_vietnam(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """20:00 UTC on 30/06/2025 is 03:00 on 01/07/2025 in Vietnam: the new version applies."""
    catalog = str(ROOT / "tests" / "catalog" / "examples" / "valid" / "full.yaml")
    answers = []
    for received in ("2025-06-30T20:00:00+00:00", "2025-07-01T03:00:00"):
        status, out, _ = run(
            capsys, "2.000001", "--received", received, "--catalog", catalog, "--format", "json"
        )
        assert status == EXIT_OK
        answers.append(json.loads(out)["time_limit"])
    assert answers == ["3 working days", "3 working days"]


def test_a_year_without_an_announced_schedule_is_said_to_be_estimated(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """2031 has no announced schedule: the due date is an estimate, in text and JSON."""
    status, out, _ = run(capsys, "1.000894", "--received", "2031-03-03T09:00", "--lang", "en")
    assert status == EXIT_OK
    assert "Due: 2031-03-03 17:00 (estimated)" in out
    assert out.rstrip().endswith(
        "Estimated: 2031 has no announced schedule of days off and make-up working days; "
        "the due date may change when it is announced."
    )
    status, out, _ = run(capsys, "1.000894", "--received", "2031-03-03T09:00")
    assert "Hẹn trả: 2031-03-03 17:00 (ước tính)" in out
    assert "Ước tính: năm 2031 chưa có lịch nghỉ, làm bù được công bố" in out
    _, out, _ = run(capsys, "1.000894", "--received", "2031-03-03T09:00", "--format", "json")
    data = json.loads(out)
    assert (data["estimated"], data["estimated_years"]) == (True, [2031])
    assert "Estimated: 2031" in data["explanation"]["en"]


def test_a_due_date_crossing_into_an_estimated_year_is_estimated(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Received in 2026 (announced) after the cut-off: due in 2027, not announced."""
    _, out, _ = run(capsys, "1.000894", "--received", "2026-12-31T16:00", "--format", "json")
    assert json.loads(out)["estimated_years"] == [2027]
    _, out, _ = run(capsys, "1.000894", "--received", "2026-03-02T09:00", "--format", "json")
    data = json.loads(out)
    assert (data["estimated"], data["estimated_years"]) == (False, [])
    assert "stimated" not in data["explanation"]["en"]
