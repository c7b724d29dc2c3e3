"""read_records: JSON Lines and CSV exports, every bad line reported with its number."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from tthc.errors import Issue
from tthc.reports import DossierRecord, read_records

D = dt.datetime


def jsonl(*rows: dict[str, object]) -> str:
    """JSON Lines text, a blank line after the first row."""
    lines = [json.dumps(row, ensure_ascii=False) for row in rows]
    return "\n".join([*lines[:1], "", *lines[1:]]) + "\n"


GOOD_JSONL = jsonl(
    {
        "code": "A",
        "received_at": "2026-03-02T09:00",
        "due_at": "2026-03-05",
        "status": 9,
        "result_ready_at": "2026-03-04 15:00",
        "field": "Hộ tịch",
    },
    {
        "code": "B",
        "received_at": "2026-03-02T02:00Z",
        "status": 5,
        "channel": 2,
        "supplement_waits": [["2026-03-03T09:00", "2026-03-04T09:00"], ["2026-03-05T09:00", None]],
        "supplement_requests": 2,
    },
    {
        "code": "C",
        "received_at": "2026-03-02",
        "due_at": None,
        "status": "4",
        "legal_due_at": "2026-03-06T17:00:00+07:00",
        "due_includes_waits": True,
    },
)

GOOD_CSV = (
    "code,received_at,due_at,status,result_ready_at,returned_at,channel,field,payment_waits,"
    "due_includes_waits\n"
    "A,2026-03-02T09:00,2026-03-05,10,,2026-03-06T08:00,online,Hộ tịch,,\n"
    "B,2026-03-02T09:00,2026-03-05T17:00,6,,,3,Đất đai,"
    "2026-03-03T10:00/2026-03-04T08:00;2026-03-04T09:00/,Yes\n"
)


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_json_lines(tmp_path: Path) -> None:
    a, b, c = read_records(write(tmp_path, "d.jsonl", GOOD_JSONL))
    assert a == DossierRecord(
        code="A",
        received_at=D(2026, 3, 2, 9),
        due_at=dt.datetime.combine(dt.date(2026, 3, 5), dt.time.max),
        status=9,
        result_ready_at=D(2026, 3, 4, 15),
        field="Hộ tịch",
    )
    assert b.received_at == D(2026, 3, 2, 9)  # 02:00 UTC is 09:00 in Vietnam
    assert b.channel == "online"
    assert b.supplement_waits == ((D(2026, 3, 3, 9), D(2026, 3, 4, 9)), (D(2026, 3, 5, 9), None))
    assert b.supplement_requests == 2
    assert c.received_at == D(2026, 3, 2)  # a date alone is 00:00 ...
    assert c.due_at is None
    assert c.legal_due_at == D(2026, 3, 6, 17)
    assert c.due_includes_waits is True
    assert b.due_includes_waits is False


def test_a_due_date_without_a_time_runs_to_the_end_of_the_day(tmp_path: Path) -> None:
    (a, _, _) = read_records(write(tmp_path, "d.jsonl", GOOD_JSONL))
    assert a.due_at == D(2026, 3, 5, 23, 59, 59, 999999)


def test_reads_csv_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_bytes(("\ufeff" + GOOD_CSV).encode("utf-8"))
    a, b = read_records(path)
    assert (a.status, a.returned_at, a.result_ready_at, a.channel) == (
        10,
        D(2026, 3, 6, 8),
        None,
        "online",
    )
    assert b.channel == "postal"
    assert (a.due_includes_waits, b.due_includes_waits) == (False, True)
    assert b.payment_waits == ((D(2026, 3, 3, 10), D(2026, 3, 4, 8)), (D(2026, 3, 4, 9), None))


def test_the_format_can_be_named(tmp_path: Path) -> None:
    path = write(tmp_path, "export.txt", GOOD_CSV)
    assert len(list(read_records(path, input_format="csv"))) == 2
    with pytest.raises(ValueError, match="cannot tell the format"):
        list(read_records(path))
    with pytest.raises(ValueError, match="unknown input format 'xml'"):
        list(read_records(path, input_format="xml"))


BAD_JSONL = """\
{"code": "A", "received_at": "2026-03-02T09:00", "status": 4}
{"code": "B", "received_at": "yesterday", "status": 4, "due": "2026-03-05"}
[1, 2]
{"code": "C", "received_at": "2026-03-02T09:00", "status": 9}
{"code": "D", "received_at": "2026-03-02T09:00", "status": "nine"}
{"received_at": "2026-03-02T09:00", "status": 4, "supplement_waits": [["2026-03-03T09:00"]]}
{"code": "E", "received_at": 20260302, "status": 4, "payment_waits": {"a": 1}}
{"code": "F", "received_at": "2026-03-02T09:00", "status": 4, "supplement_waits": [[null, null]]}
{"code": "G",
{"code": "H", "received_at": "2026-03-02T09:00", "status": 4, "due_includes_waits": "maybe"}
"""


def test_collects_every_bad_line(tmp_path: Path) -> None:
    issues: list[Issue] = []
    path = write(tmp_path, "bad.jsonl", BAD_JSONL)
    records = list(read_records(path, issues=issues))
    assert [r.code for r in records] == ["A"]
    lines = [str(i) for i in issues]
    where = str(path)
    assert lines[0] == (
        f"{where}:2: unknown field(s) 'due'; expected some of code, received_at, status, "
        "procedure, field, agency, level, channel, due_at, legal_due_at, result_ready_at, "
        "returned_at, ended_at, supplement_waits, payment_waits, supplement_requests, "
        "due_includes_waits, paid_online, digitised; "
        "received_at: expected YYYY-MM-DD, or YYYY-MM-DDTHH:MM[:SS[.ffffff]], naive or with Z "
        "or ±HH:MM, got 'yesterday'"
    )
    assert lines[1] == f"{where}:3: expected a JSON object, got an array"
    assert lines[2] == f"{where}:4: status 9 (result ready) needs result_ready_at"
    assert lines[3] == f"{where}:5: status: expected a whole number, got 'nine'"
    assert lines[4].startswith(f"{where}:6: supplement_waits: expected [started, ended] pairs")
    assert lines[4].endswith("; missing code")
    assert lines[5] == (
        f"{where}:7: received_at: expected an ISO 8601 time as text, got 20260302; "
        "payment_waits: expected a list of [started, ended] pairs, got {'a': 1}"
    )
    assert lines[6] == f"{where}:8: supplement_waits: a wait needs its start time, got [None, None]"
    assert lines[7].startswith(f"{where}:9:")
    assert "invalid JSON" in lines[7]
    assert lines[8] == f"{where}:10: due_includes_waits: expected true or false, got 'maybe'"
    assert len(issues) == 9


def test_without_a_list_the_first_bad_line_raises(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.jsonl", BAD_JSONL)
    with pytest.raises(ValueError, match=r"bad.jsonl:2: unknown field"):
        list(read_records(path))


def test_csv_header_problems_stop_the_file(tmp_path: Path) -> None:
    issues: list[Issue] = []
    path = write(tmp_path, "d.csv", "code,recieved_at,due_at\nA,2026-03-02,2026-03-05\n")
    assert list(read_records(path, issues=issues)) == []
    (issue,) = issues
    assert issue.line == 1
    assert "unknown column(s) 'recieved_at'; missing column(s) received_at, status" in issue.message


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("code,received_at,status,due", "unknown column(s) 'due'; expected columns among"),
        ("code,received_at", "missing column(s) status; expected columns among"),
    ],
)
def test_csv_header_problems(tmp_path: Path, header: str, message: str) -> None:
    issues: list[Issue] = []
    assert list(read_records(write(tmp_path, "d.csv", header + "\n"), issues=issues)) == []
    assert issues[0].message.startswith(message)


def test_csv_empty_cells_are_missing_values(tmp_path: Path) -> None:
    text = "code,received_at,status,supplement_requests,due_includes_waits\nA,2026-03-02,4,,\n"
    (r,) = read_records(write(tmp_path, "d.csv", text))
    assert (r.supplement_requests, r.due_includes_waits) == (0, False)


def test_csv_rows_of_the_wrong_width_and_blank_rows(tmp_path: Path) -> None:
    issues: list[Issue] = []
    text = "code,received_at,status\nA,2026-03-02T09:00,4\n\n,,\nB,2026-03-02T09:00\nC,,4\n"
    records = list(read_records(write(tmp_path, "d.csv", text), issues=issues))
    assert [r.code for r in records] == ["A"]
    assert [(i.line, i.message) for i in issues] == [
        (5, "expected 3 cells as in the header, got 2"),
        (6, "missing received_at"),
    ]


def test_an_empty_csv_has_no_records(tmp_path: Path) -> None:
    assert list(read_records(write(tmp_path, "d.csv", ""))) == []


@pytest.mark.parametrize(
    ("spelling", "message"),
    [
        ("20260304", "basic format, which is not read: write 2026-03-04"),
        ("2026-03-04Z", "has a zone but no time"),
        ("2026-03-04+07:00", "has a zone but no time"),
        ("2026-W10-3", "expected YYYY-MM-DD"),
    ],
)
def test_a_due_date_in_another_spelling_is_refused_not_read_as_midnight(
    tmp_path: Path, spelling: str, message: str
) -> None:
    """20260304 and 2026-03-04Z used to be 00:00, so a result that day was late by instant."""
    row = {"code": "A", "received_at": "2026-03-02T09:00", "status": 9, "due_at": spelling}
    row["result_ready_at"] = "2026-03-04T10:00"
    issues: list[Issue] = []
    assert list(read_records(write(tmp_path, "d.jsonl", jsonl(row)), issues=issues)) == []
    (issue,) = issues
    assert issue.line == 1
    assert issue.message.startswith("due_at: ")
    assert message in issue.message


def test_a_date_alone_means_the_same_in_csv_and_json(tmp_path: Path) -> None:
    csv_text = "code,received_at,status,due_at,legal_due_at\nA,2026-03-02,4,2026-03-05,2026-03-06\n"
    (from_csv,) = read_records(write(tmp_path, "d.csv", csv_text))
    (from_json,) = read_records(
        write(
            tmp_path,
            "d.jsonl",
            jsonl(
                {
                    "code": "A",
                    "received_at": "2026-03-02",
                    "status": 4,
                    "due_at": "2026-03-05",
                    "legal_due_at": "2026-03-06",
                }
            ),
        )
    )
    assert from_csv == from_json
    assert from_csv.received_at == D(2026, 3, 2)
    assert from_csv.legal_due_at == D(2026, 3, 6, 23, 59, 59, 999999)
