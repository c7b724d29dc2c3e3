"""Every command speaks alike: one default language, Vietnam local time, 100 columns."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tthc.cli import EXIT_OK, build_parser, main
from tthc.cli._common import DEFAULT_LANG

RECORDS = (
    '{"code": "A", "received_at": "2026-01-05T09:00", "due_at": "2026-01-08", "status": 9,'
    ' "result_ready_at": "2026-01-07T15:00", "field": "Hộ tịch",'
    ' "agency": "Ủy ban nhân dân phường Hoàn Kiếm, thành phố Hà Nội, bộ phận một cửa"}\n'
)
DUE = ["due", "1.000894", "--case", "verification"]


@pytest.fixture
def jsonl(tmp_path: Path) -> Path:
    path = tmp_path / "dossiers.jsonl"
    path.write_text(RECORDS, encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == EXIT_OK
    return capsys.readouterr().out


def test_every_command_with_a_language_defaults_to_the_same_one(jsonl: Path) -> None:
    parser = build_parser()
    due = parser.parse_args([*DUE, "--received", "2026-08-24T09:00"])
    text_report = parser.parse_args(["report", str(jsonl), "--period", "2026-Q1"])
    assert due.lang == text_report.lang == DEFAULT_LANG == "vi"


def test_report_and_due_print_vietnamese_unless_told(
    jsonl: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "report", str(jsonl), "--period", "2026-Q1").startswith("Kỳ báo cáo")
    assert "Hẹn trả: " in run(capsys, *DUE, "--received", "2026-08-24T09:00")
    assert run(capsys, "report", str(jsonl), "--period", "2026-Q1", "--lang", "en").startswith(
        "Period"
    )
    assert "Due: " in run(capsys, *DUE, "--received", "2026-08-24T09:00", "--lang", "en")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_report_text_fits_100_columns_unless_wide(
    jsonl: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    args = ["report", str(jsonl), "--period", "2026-Q1", "--group-by", "field,agency"]
    narrow = run(capsys, *args, "--lang", lang)
    assert max(len(line) for line in narrow.splitlines()) <= 100
    assert ("tiến độ QĐ 766 %" if lang == "vi" else "progress %") in narrow
    wide = run(capsys, *args, "--lang", lang, "--wide")
    assert max(len(line) for line in wide.splitlines()) > 100
    assert "\n\n" not in wide


@pytest.mark.parametrize(
    ("received", "due_line"),
    [
        # 17:00 in Vietnam; the receipt's own day is not counted, whatever the hour
        ("2026-08-24T10:00Z", "Due: 2026-09-03 17:00+07:00"),
        ("2026-08-24T10:00+00:00", "Due: 2026-09-03 17:00+07:00"),
        ("2026-08-24T17:00+07:00", "Due: 2026-09-03 17:00+07:00"),
        ("2026-08-24T09:00", "Due: 2026-09-03 17:00"),  # naive: local time, no offset
    ],
)
def test_due_prints_vietnam_local_time(
    capsys: pytest.CaptureFixture[str], received: str, due_line: str
) -> None:
    out = run(capsys, *DUE, "--received", received, "--lang", "en")
    assert due_line in out.splitlines()
    assert "+00:00" not in out


def test_due_json_has_one_offset(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(run(capsys, *DUE, "--received", "2026-08-24T10:00Z", "--format", "json"))
    assert data["received_at"] == "2026-08-24T17:00:00+07:00"
    assert data["due_at"] == "2026-09-03T17:00:00+07:00"
    offsets = set(re.findall(r"T\d\d:\d\d:\d\d([+-]\d\d:\d\d)", json.dumps(data)))
    assert offsets == {"+07:00"}
    instants = [s["at"] for s in data["trace"] if "T" in s["at"]]
    assert instants
    assert all(at.endswith("+07:00") for at in instants)


def test_due_json_stays_naive_for_a_naive_receipt(capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(run(capsys, *DUE, "--received", "2026-08-24T09:00", "--format", "json"))
    assert data["due_at"] == "2026-09-03T17:00:00"
    assert "+0" not in json.dumps(data)


def test_calendar_text_fits_100_columns_but_keeps_links_whole(
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = run(capsys, "calendar", "2026") + run(capsys, "calendar", "2030")
    long_lines = [line for line in out.splitlines() if len(line) > 100]
    assert long_lines  # some links are longer than a line
    assert all(re.fullmatch(r" {16}https?://\S+", line) for line in long_lines)
