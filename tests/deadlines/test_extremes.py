"""Extreme inputs give the documented errors, never an OverflowError or a traceback."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tthc import Duration, WorkingCalendar, compute_deadline
from tthc.cli import EXIT_INVALID, EXIT_USAGE, main
from tthc.errors import DateOutOfRange, TthcError

ROOT = Path(__file__).resolve().parents[2]
VN = WorkingCalendar.vietnam()
MONDAY = dt.datetime(2026, 3, 2, 9)


def zone(hours: int) -> dt.timezone:
    return dt.timezone(dt.timedelta(hours=hours))


@pytest.mark.parametrize(
    ("duration", "received", "message"),
    [
        (Duration.calendar_days(10**9), MONDAY, "calendar days from 2026-03-02 ends outside"),
        (Duration.calendar_days(10**12), MONDAY, "ends outside the calendar's supported range"),
        (Duration.working_hours(10**15), MONDAY, "working hours from 2026-03-02 ends outside"),
        (Duration.working_hours(10**18), MONDAY, "ends outside the calendar's supported range"),
        (Duration.working_days(3), dt.datetime(1, 1, 1, tzinfo=zone(14)), "in Vietnam time"),
        (
            Duration.working_days(3),
            dt.datetime(9999, 12, 31, 23, tzinfo=zone(-12)),
            "falls outside the datetimes that exist (0001-01-01..9999-12-31)",
        ),
        (Duration.working_days(3), dt.datetime.max, "outside the calendar's supported range"),
        (Duration.same_day(), dt.datetime.min, "outside the calendar's supported range"),
    ],
)
def test_out_of_range_is_date_out_of_range(
    duration: Duration, received: dt.datetime, message: str
) -> None:
    """These used to raise OverflowError, which no caller expects."""
    with pytest.raises(DateOutOfRange) as caught:
        compute_deadline(duration, received, calendar=VN)
    assert message in str(caught.value)
    assert isinstance(caught.value, TthcError)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    status = main(list(argv))
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return status, err


def test_a_catalogue_of_a_billion_calendar_days_gives_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (ROOT / "tests" / "catalog" / "examples" / "valid" / "minimal.yaml").read_text("utf-8")
    catalog = tmp_path / "long.yaml"
    catalog.write_text(text.replace("3 working days", "1000000000 calendar days"), "utf-8")
    assert run(capsys, "validate", str(catalog))[0] == 0
    status, err = run(
        capsys, "due", "1.000001", "--catalog", str(catalog), "--received", "2026-03-02T09:00"
    )
    assert status == EXIT_INVALID
    assert err.startswith("tthc: error: 1000000000 calendar days from 2026-03-02 ends outside")


@pytest.mark.parametrize(
    ("argv", "status", "message"),
    [
        (["due", "1.000894", "--received", "9999-12-31T23:00-12:00"], EXIT_USAGE, "exist"),
        (["due", "1.000894", "--received", "0001-01-01T00:00+14:00"], EXIT_USAGE, "exist"),
        (["due", "1.000894", "--received", "9999-12-31T23:59"], EXIT_INVALID, "supported range"),
        (["report", "f.jsonl", "--period", "9999"], EXIT_USAGE, "must end before 9999-12-31"),
        (["report", "f.jsonl", "--period", "9999-12"], EXIT_USAGE, "must end before"),
        (["report", "f.jsonl", "--period", "9999-H2"], EXIT_USAGE, "must end before"),
        (
            ["report", "f.jsonl", "--period", "2026", "--as-of", "0001-01-01T00:00+14:00"],
            EXIT_USAGE,
            "--as-of: 0001-01-01T00:00:00+14:00 in Vietnam time falls outside",
        ),
    ],
)
def test_the_command_line_at_the_ends_of_time(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    argv: list[str],
    status: int,
    message: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "f.jsonl").write_text(
        '{"code": "A", "received_at": "2026-03-02T09:00", "status": 4}\n', "utf-8"
    )
    got, err = run(capsys, *argv)
    assert (got, message in err) == (status, True), err
