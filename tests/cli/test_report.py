"""``tthc report``: reads JSON Lines or CSV, prints text, JSON or CSV; never a traceback."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from tthc.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, main
from tthc.cli.report import MAX_ISSUES_SHOWN

ROWS: list[dict[str, object]] = [
    {
        "code": "A",
        "received_at": "2026-01-05T09:00",
        "due_at": "2026-01-08",
        "status": 9,
        "result_ready_at": "2026-01-07T15:00",
        "field": "Hộ tịch",
    },
    {
        "code": "B",
        "received_at": "2026-02-05T09:00",
        "due_at": "2026-02-09T17:00",
        "status": 10,
        "result_ready_at": "2026-02-10T15:00",
        "returned_at": "2026-02-11T08:00",
        "field": "Hộ tịch",
        "channel": "online",
    },
    {
        "code": "C",
        "received_at": "2026-03-05T09:00",
        "due_at": "2026-03-20",
        "status": 5,
        "supplement_waits": [["2026-03-06T09:00", None]],
        "field": "Đất đai",
    },
    {
        "code": "D",
        "received_at": "2026-03-05T09:00",
        "due_at": "2026-03-09",
        "status": 9,
        "result_ready_at": "2026-03-12T10:00",
        "supplement_waits": [["2026-03-06T09:00", "2026-03-10T09:00"]],
        "field": "Đất đai",
    },
]
RECORDS = "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in ROWS)


@pytest.fixture
def jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "dossiers.jsonl"
    path.write_text(RECORDS, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(["report", *argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return status, out, err


def test_text_report_by_field(jsonl: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, str(jsonl), "--period", "2026-Q1", "--group-by", "field", "--lang", "en", "--wide"
    )
    assert status == EXIT_OK
    lines = out.splitlines()
    assert "policy by-date" in lines[0]
    assert lines[3].split()[:4] == ["Hộ", "tịch", "0", "2"]
    assert "50.00" in lines[3]


def test_control_characters_in_a_group_are_shown_escaped_in_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A field of ``\\u001b[2J`` used to reach the terminal as is: it could clear the
    screen, colour it or reverse the line (U+202E). Text shows it escaped; JSON escapes it."""
    hostile = "\x1b[31mĐỏ\x1b[0m\u202e\x07"
    rows = [{**ROWS[0], "field": hostile}, {**ROWS[0], "code": "Z"}]
    path = tmp_path / "d.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    argv = ("--period", "2026-Q1", "--group-by", "field", "--lang", "en")
    extras = ("--target", "late_share > 50%", "--rank-by", "rate", "--fail-on-missed")
    status, out, err = run(capsys, str(path), *argv, *extras, "--wide")
    shown = "\\x1b[31mĐỏ\\x1b[0m\\u202e\\x07"
    assert status == EXIT_INVALID
    assert out.count(shown) == 3  # the table, the target's line and the ranking
    assert shown in err  # the target missed there
    assert all(c not in out + err for c in "\x1b\u202e\x07")
    status, out, _ = run(capsys, str(path), *argv, "--format", "json")
    assert [r["field"] for r in json.loads(out)["rows"]] == [hostile, "Hộ tịch"]


def test_json_report_by_field_and_month(jsonl: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, str(jsonl), "--period", "2026-Q1", "--group-by", "field,month", "--format", "json"
    )
    assert status == EXIT_OK
    data = json.loads(out)
    assert data["group_by"] == ["field", "month"]
    assert [(r["field"], r["month"]) for r in data["rows"]] == [
        ("Hộ tịch", "2026-01"),
        ("Hộ tịch", "2026-02"),
        ("Đất đai", "2026-03"),
    ]


def test_the_qd_766_policy_beside_the_plain_rule(
    jsonl: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Dossier D waited 4 days for a supplement: late by date, early under QĐ 766."""
    args = [str(jsonl), "--period", "2026-03", "--group-by", "field", "--format", "json"]
    _, plain, _ = run(capsys, *args)
    _, indicator, _ = run(capsys, *args, "--policy", "qd-766")
    assert json.loads(plain)["rows"][0]["resolved_late"] == 1
    assert json.loads(indicator)["policy"] == "qd-766"
    assert json.loads(indicator)["rows"][0]["resolved_early"] == 1  # net end 8 March, due the 9th


def test_csv_output_and_options(jsonl: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys,
        str(jsonl),
        "--period",
        "2026-01-01..2026-03-31",
        "--group-by",
        "channel",
        "--group-by",
        "quarter",
        "--resolution",
        "returned",
        "--as-of",
        "2026-03-10T12:00",
        "--format",
        "csv",
        "--lang",
        "vi",
    )
    assert status == EXIT_OK
    lines = out.splitlines()
    assert lines[0].startswith("channel,quarter,carried_over")
    assert lines[1].startswith("counter,2026-Q1,")
    assert lines[-1].startswith("TOTAL,,")


def test_by_session_uses_the_national_calendar(
    jsonl: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, str(jsonl), "--period", "2026-Q1", "--policy", "by-session")
    assert status == EXIT_OK
    assert "chính sách by-session" in out


def test_vietnamese_text(jsonl: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, str(jsonl), "--period", "2026-Q1", "--lang", "vi")
    assert status == EXIT_OK
    assert out.startswith("Kỳ báo cáo 2026-Q1")


def test_reads_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "export.txt"
    path.write_text("code,received_at,status\nA,2026-03-02T09:00,4\n", encoding="utf-8")
    status, out, _ = run(
        capsys, str(path), "--period", "2026-03", "--input-format", "csv", "--wide"
    )
    assert status == EXIT_OK
    assert out.splitlines()[-1].split()[:3] == ["0", "1", "1"]  # carried, received, counter


def test_bad_lines_are_listed_and_nothing_else_is_printed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(
        RECORDS + '{"code": "E", "received_at": "soon", "status": 4}\n{"code": "F"\n',
        encoding="utf-8",
    )
    status, out, err = run(capsys, str(path), "--period", "2026-Q1")
    assert status == EXIT_INVALID
    assert out == ""
    lines = err.splitlines()
    assert lines[0] == (
        f"{path}:5: received_at: expected YYYY-MM-DD, or YYYY-MM-DDTHH:MM[:SS[.ffffff]], "
        "naive or with Z or ±HH:MM, got 'soon'"
    )
    assert lines[1].startswith(f"{path}:6:")
    assert lines[2] == "tthc report: 2 invalid lines; no report printed"


def test_one_bad_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(
        '{"code": "E", "received_at": "2026-03-02T09:00", "status": 12}\n', encoding="utf-8"
    )
    status, _, err = run(capsys, str(path), "--period", "2026-Q1")
    assert status == EXIT_INVALID
    assert err.splitlines()[-1] == "tthc report: 1 invalid line; no report printed"


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--period", "Q1"], "--period: invalid period 'Q1'"),
        (["--period", "2026-Q1", "--group-by", "ward"], "--group-by: unknown dimension 'ward'"),
        (["--period", "2026-Q1", "--group-by", "field,field"], "names a dimension twice"),
        (["--period", "2026-Q1", "--as-of", "tomorrow"], "--as-of: expected an ISO 8601"),
        (["--period", "2026-Q1", "--policy", "fastest"], "invalid choice: 'fastest'"),
        ([], "the following arguments are required: --period"),
    ],
)
def test_usage_errors(
    jsonl: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    status, _, err = run(capsys, str(jsonl), *argv)
    assert status == EXIT_USAGE
    assert message in err


def test_a_file_of_unknown_format_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, str(tmp_path / "export.xlsx"), "--period", "2026-Q1")
    assert status == EXIT_USAGE
    assert "name it .jsonl, .csv or .parquet, or give --input-format" in err


@pytest.mark.parametrize("name", ["none.csv", "none.parquet"])
def test_a_missing_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """Exit 2, as in every command (it used to be 1 here and 2 in validate); a missing
    Parquet file was named "None"."""
    status, _, err = run(capsys, str(tmp_path / name), "--period", "2026-Q1")
    assert status == EXIT_USAGE
    assert err == f"tthc: error: no such file or folder: {tmp_path / name}\n"


def test_qd_766_with_returned_resolution_is_an_error(
    jsonl: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(
        capsys, str(jsonl), "--period", "2026-Q1", "--policy", "qd-766", "--resolution", "returned"
    )
    assert status == EXIT_INVALID
    assert "first terminal event" in err


def test_times_in_utc_written_with_z_are_read(
    jsonl: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(
        capsys, str(jsonl), "--period", "2026-Q1", "--as-of", "2026-04-01T00:00:00Z"
    )
    assert status == EXIT_OK
    assert out


def test_skip_bad_lines_prints_the_report_and_says_how_many(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(
        RECORDS + '{"code": "E", "received_at": "soon", "status": 4}\n{"code": "F"\n',
        encoding="utf-8",
    )
    args = [str(path), "--period", "2026-Q1", "--skip-bad-lines"]
    status, out, err = run(capsys, *args, "--lang", "en")
    assert status == EXIT_OK
    assert "2 unreadable lines skipped, not counted" in out.splitlines()
    assert err.splitlines()[0].startswith(f"{path}:5: received_at:")
    assert err.splitlines()[-1] == "tthc report: 2 invalid lines skipped, not counted"
    _, out, _ = run(capsys, *args, "--format", "json")
    assert (json.loads(out)["records"], json.loads(out)["skipped"]) == (4, 2)
    _, out, _ = run(capsys, *args, "--lang", "vi")
    assert "Bỏ qua 2 dòng không đọc được, không được tính" in out.splitlines()


def test_without_bad_lines_the_report_says_none_were_skipped(
    jsonl: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, _ = run(capsys, str(jsonl), "--period", "2026-Q1", "--format", "json")
    assert (status, json.loads(out)["skipped"]) == (EXIT_OK, 0)
    _, out, _ = run(capsys, str(jsonl), "--period", "2026-Q1", "--skip-bad-lines")
    assert "skipped" not in out


def test_bad_lines_past_the_first_thousand_are_counted_not_listed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text("[]\n" * (MAX_ISSUES_SHOWN + 5), encoding="utf-8")
    status, _, err = run(capsys, str(path), "--period", "2026-Q1")
    lines = err.splitlines()
    assert status == EXIT_INVALID
    assert len(lines) == MAX_ISSUES_SHOWN + 2
    assert lines[-2:] == [
        "tthc report: ... and 5 more",
        f"tthc report: {MAX_ISSUES_SHOWN + 5} invalid lines; no report printed",
    ]


def test_an_unclosed_quote_in_a_csv_export_is_reported(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The issue's reproduction: 2 of 4 dossiers counted, exit 0, no word of it."""
    rows = [
        f"A{i},2026-03-02T09:00,9,2026-03-05T17:00,2026-03-04T10:00,{cell}"
        for i, cell in enumerate(["Ho tich", '"Ho tich', "Ho tich", "Ho tich"], start=1)
    ]
    path = tmp_path / "q.csv"
    path.write_text(
        "code,received_at,status,due_at,result_ready_at,field\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    status, out, err = run(capsys, str(path), "--period", "2026-03")
    assert (status, out) == (EXIT_INVALID, "")
    assert err.startswith(f"{path}:3:57: a quoted cell is not closed on its line")
    status, out, _ = run(
        capsys, str(path), "--period", "2026-03", "--format", "json", "--skip-bad-lines"
    )
    data = json.loads(out)
    assert (status, data["records"], data["skipped"]) == (EXIT_OK, 3, 1)


def test_a_record_the_rules_cannot_judge_is_named_by_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A due date past the calendar used to give an error without file or line."""
    path = tmp_path / "far.jsonl"
    far = {
        "code": "B",
        "received_at": "2099-12-30T09:00",
        "status": 9,
        "due_at": "2150-01-05",
        "result_ready_at": "2150-01-01T10:00",
    }
    path.write_text(RECORDS + json.dumps(far) + "\n", encoding="utf-8")
    status, out, err = run(capsys, str(path), "--period", "2150", "--policy", "by-session")
    assert (status, out) == (EXIT_INVALID, "")
    assert err == (
        f"{path}:5: date 2150-01-05 is outside the calendar's supported range "
        "2000-01-01..2099-12-31\n"
    )


def test_an_error_before_any_record_is_not_given_a_line(
    jsonl: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, _, err = run(capsys, str(jsonl), "--period", "2026-Q1", "--as-of", "2025-01-01T00:00")
    assert status == EXIT_INVALID
    assert err.startswith("tthc: error: as_of 2025-01-01 00:00:00 must be after the start")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_or_a_device_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "d.jsonl"
    os.mkfifo(fifo)
    device = tmp_path / "zero.jsonl"
    device.symlink_to("/dev/zero")
    for path, kind in ((fifo, "a FIFO (named pipe)"), (device, "a character device")):
        status, out, err = run(capsys, str(path), "--period", "2026")
        assert (status, out) == (EXIT_USAGE, "")
        assert err == f"tthc report: error: {path} is {kind}, not a regular file; it is not read\n"
