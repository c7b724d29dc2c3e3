"""read_records on broken and hostile lines: each one an issue at its line, nothing swallowed."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from tthc.errors import Issue
from tthc.reports import read_records, report
from tthc.reports._readers import MAX_LINE_BYTES, MAX_NESTING

HEADER = "code,received_at,status,due_at,result_ready_at,field\n"


def row(code: str, field: str = "Ho tich") -> str:
    return f"{code},2026-03-02T09:00,9,2026-03-05T17:00,2026-03-04T10:00,{field}\n"


def jrow(code: str, **extra: object) -> dict[str, object]:
    return {"code": code, "received_at": "2026-03-02T09:00", "status": 4, **extra}


def jsonl(*rows: dict[str, object] | str) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows)


def read(path: Path) -> tuple[list[str], list[Issue]]:
    """The codes read and the issues, skipping bad lines."""
    issues: list[Issue] = []
    return [r.code for r in read_records(path, issues=issues)], issues


def write(tmp_path: Path, name: str, content: str | bytes) -> Path:
    path = tmp_path / name
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


# ---------------------------------------------------------------- CSV quotes (issue item 1)


def test_an_unclosed_quote_is_an_issue_and_the_next_lines_are_read(tmp_path: Path) -> None:
    """A quote left open used to swallow every following line, silently."""
    text = HEADER + row("A1") + row("A2", '"Ho tich') + row("A3") + row("A4")
    codes, issues = read(write(tmp_path, "q.csv", text))
    assert codes == ["A1", "A3", "A4"]
    (issue,) = issues
    assert (issue.line, issue.code) == (3, "unclosed-quote")
    assert issue.column == row("A2").index("Ho tich") + 1  # the quote that opens the cell
    assert "not closed on its line" in issue.message


def test_strictly_an_unclosed_quote_stops_the_read_at_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "q.csv", HEADER + row("A1") + row("A2", '"Ho tich') + row("A3"))
    with pytest.raises(ValueError, match=r"q\.csv:3:\d+: a quoted cell is not closed"):
        list(read_records(path))


def test_a_cell_cannot_span_lines_even_when_a_later_line_closes_it(tmp_path: Path) -> None:
    text = HEADER + row("A1", '"Ho') + row("A2", 'tich"') + row("A3", '"Ho ""tich"""')
    codes, issues = read(write(tmp_path, "q.csv", text))
    assert [(i.line, i.code) for i in issues] == [(2, "unclosed-quote")]
    assert codes == ["A2", "A3"]  # line 3 read as written: an unquoted cell ending in "


@pytest.mark.parametrize(
    ("cell", "column"),
    [('"a', 1), ('"a""b', 1), ('"a"",b', 1), ('x"y,"z', 5)],
)
def test_the_column_is_that_of_the_opening_quote(tmp_path: Path, cell: str, column: int) -> None:
    _, (issue,) = read(write(tmp_path, "q.csv", HEADER + cell + "\n"))
    assert (issue.code, issue.column) == ("unclosed-quote", column)


def test_a_bad_quote_and_a_carriage_return_are_issues(tmp_path: Path) -> None:
    text = HEADER + row("A1", '"Ho" tich') + row("A2", "Ho\rtich") + row("A3")
    codes, issues = read(write(tmp_path, "q.csv", text))
    assert codes == ["A3"]
    assert [(i.line, i.code) for i in issues] == [(2, "invalid-csv"), (3, "invalid-csv")]
    assert "carriage return" in issues[1].message


def test_lines_may_end_with_crlf(tmp_path: Path) -> None:
    text = (HEADER + row("A1") + row("A2", '"Ho, tich"')).replace("\n", "\r\n")
    codes, issues = read(write(tmp_path, "q.csv", text))
    assert (codes, issues) == (["A1", "A2"], [])


# ---------------------------------------------------------------- duplicates (issue item 2)


def test_a_duplicate_csv_column_is_refused_with_its_places(tmp_path: Path) -> None:
    """A second status column used to decide the value silently."""
    path = write(tmp_path, "d.csv", "code,received_at,status,status\nA,2026-03-02T09:00,9,4\n")
    codes, (issue,) = read(path)
    assert codes == []
    assert (issue.line, issue.code) == (1, "duplicate-column")
    assert issue.message.startswith("column 'status' given twice (columns 3, 4)")
    with pytest.raises(ValueError, match=r"d\.csv:1: column 'status' given twice"):
        list(read_records(path))


def test_a_duplicate_json_key_is_refused_at_its_line(tmp_path: Path) -> None:
    """A second due_at used to win silently and make an early dossier late."""
    twice = (
        '{"code": "B", "received_at": "2026-03-02T09:00", "status": 4, '
        '"due_at": "2026-03-09", "due_at": "2026-03-03"}'
    )
    path = write(tmp_path, "d.jsonl", jsonl(jrow("A"), twice, jrow("C")))
    codes, (issue,) = read(path)
    assert codes == ["A", "C"]
    assert (issue.line, issue.code) == (2, "duplicate-key")
    assert issue.message == "key 'due_at' given twice; give each field once"
    with pytest.raises(ValueError, match=r"d\.jsonl:2: key 'due_at' given twice"):
        list(read_records(path))


def test_a_duplicate_key_inside_a_value_is_refused_too(tmp_path: Path) -> None:
    nested = '{"code": "A", "received_at": "x", "status": 4, "payment_waits": {"a": 1, "a": 2}}'
    _, (issue,) = read(write(tmp_path, "d.jsonl", jsonl(nested)))
    assert issue.code == "duplicate-key"


# ---------------------------------------------------------------- every bad line has a place (14)


@pytest.mark.parametrize(
    ("line", "message"),
    [
        (jrow("A", status="²"), "status: expected a whole number, got '²'"),
        (jrow("A", status="٣"), "status: expected a whole number, got '٣'"),
        (jrow("A", channel="²"), "channel: expected a whole number, got '²'"),
        (jrow("A", supplement_requests="9" * 5000), "expected a whole number, got '99999"),
        ('{"code": "A", "received_at": "x", "status": ' + "9" * 5000 + "}", ""),
        (jrow("A", field="\ud800"), "half of a UTF-16 pair"),
        (
            jrow("A", received_at="0001-01-01T00:00+14:00"),
            "received_at: 0001-01-01T00:00:00+14:00 in Vietnam time falls outside the datetimes",
        ),
        (
            jrow("A", due_at="9999-12-31T23:59-01:00"),
            "due_at: 9999-12-31T23:59:00-01:00 in Vietnam time falls outside the datetimes",
        ),
        ("[" * 100_000, f"JSON nested deeper than {MAX_NESTING} levels"),
        ("[" * 9 + ",".join(["{}"] * 9) + "]" * 9, "expected a JSON object, got an array"),
        ("42", "expected a JSON object, got a number: 42"),
        ("-1.5e3", "expected a JSON object, got a number: -1.5e3"),
        ('"A"', 'expected a JSON object, got a string: "A"'),
        ("null", "expected a JSON object, got null"),
        ("true", "expected a JSON object, got true"),
        ("[" * 17 + "]" * 17, f"JSON nested deeper than {MAX_NESTING} levels"),
    ],
)
def test_a_hostile_json_line_is_an_issue_at_its_line(
    tmp_path: Path, line: dict[str, object] | str, message: str
) -> None:
    """These used to raise without a place, or to abort a read that collected issues."""
    path = write(tmp_path, "d.jsonl", jsonl(jrow("A0"), line, jrow("A2")))
    codes, (issue,) = read(path)
    assert codes == ["A0", "A2"]
    assert issue.line == 2
    assert message in issue.message
    assert len(issue.message) < 500  # a 5,000-digit value is not quoted whole
    with pytest.raises(ValueError, match=r"d\.jsonl:2: "):
        list(read_records(path))


def test_json_nested_to_the_limit_is_read_as_json(tmp_path: Path) -> None:
    deep = '{"code": "A", "received_at": "2026-03-02T09:00", "status": 4, "x": '
    deep += "[" * (MAX_NESTING - 1) + "]" * (MAX_NESTING - 1) + "}"
    _, (issue,) = read(write(tmp_path, "d.jsonl", jsonl(deep)))
    assert issue.message.startswith("unknown field(s) 'x'")


def test_brackets_inside_strings_are_not_nesting(tmp_path: Path) -> None:
    codes, issues = read(write(tmp_path, "d.jsonl", jsonl(jrow("[" * 50 + '"{'))))
    assert (codes, issues) == (["[" * 50 + '"{'], [])


@pytest.mark.parametrize("name", ["d.jsonl", "d.csv"])
def test_a_line_that_is_not_utf8_is_an_issue_with_its_column(tmp_path: Path, name: str) -> None:
    good = [row("A0"), row("A2")] if name == "d.csv" else [jsonl(jrow("A0")), jsonl(jrow("A2"))]
    head = HEADER if name == "d.csv" else ""
    bad = b'{"code": "\xc3\xa9\xff"}\n' if name == "d.jsonl" else b"A1,\xc3\xa9\xff\n"
    path = write(tmp_path, name, head.encode() + good[0].encode() + bad + good[1].encode())
    codes, (issue,) = read(path)
    assert codes == ["A0", "A2"]
    assert (issue.line, issue.code) == (2 + bool(head), "encoding")
    assert issue.column == (12 if name == "d.jsonl" else 5)  # after "é", in characters
    assert issue.message == "not UTF-8: byte 0xff cannot start or continue a character"


@pytest.mark.parametrize("name", ["d.jsonl", "d.csv"])
def test_a_line_too_long_is_an_issue_and_not_kept(tmp_path: Path, name: str) -> None:
    """A CSV cell over 131,072 characters used to raise csv.Error, a traceback."""
    head, long = (HEADER, "A1,x," + "y" * 200_000) if name == "d.csv" else ("", "9" * 300_000)
    good = row if name == "d.csv" else (lambda code: jsonl(jrow(code)))
    path = write(tmp_path, name, head + good("A0") + long + "\n" + good("A2"))
    codes, (issue,) = read(path)
    assert codes == ["A0", "A2"]
    assert (issue.line, issue.code) == (2 + bool(head), "too-long")
    assert issue.message == f"line longer than {MAX_LINE_BYTES:,} bytes; a record is one line"


def test_a_line_of_exactly_the_limit_is_read(tmp_path: Path) -> None:
    line = json.dumps(jrow("A"))[:-1] + ', "field": "'
    line += "x" * (MAX_LINE_BYTES - len(line) - 2) + '"}'
    assert len(line) == MAX_LINE_BYTES
    codes, issues = read(write(tmp_path, "d.jsonl", line + "\r\n" + line[:-2] + 'x"}'))
    assert codes == ["A"]
    assert [(i.line, i.code) for i in issues] == [(2, "too-long")]


def test_a_bad_header_line_stops_the_file(tmp_path: Path) -> None:
    codes, (issue,) = read(write(tmp_path, "d.csv", b"code,\xff\n" + row("A").encode()))
    assert (codes, issue.line, issue.code) == ([], 1, "encoding")


def test_the_byte_order_mark_is_read_only_at_the_start(tmp_path: Path) -> None:
    text = "\ufeff" + jsonl(jrow("A")) + "\ufeff" + jsonl(jrow("B"))
    codes, (issue,) = read(write(tmp_path, "d.jsonl", text))
    assert (codes, issue.line) == (["A"], 2)


def test_a_report_says_how_many_lines_its_reader_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, "d.jsonl", jsonl(jrow("A"), "[]", "{", jrow("B")))
    skipped: list[Issue] = []
    first = report(read_records(path, issues=skipped), period="2026-03", skipped=skipped)
    assert (first.records, first.skipped) == (2, 2)
    assert first.to_dict()["skipped"] == 2
    assert first.merge(first).skipped == 4


def test_a_line_built_to_make_a_scanner_backtrack_is_read_in_bounded_time(
    tmp_path: Path,
) -> None:
    """Strings that never close used to cost quadratic time to skip (35 s for one line)."""
    hostile = "[" * 20 + '"\\' * 49_000
    path = write(tmp_path, "d.jsonl", jsonl(jrow("A"), hostile, jrow("B")))
    started = time.perf_counter()
    codes, (issue,) = read(path)
    assert time.perf_counter() - started < 2
    assert (codes, issue.line, issue.code) == (["A", "B"], 2, "too-deep")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_or_a_device_is_refused_unread(tmp_path: Path) -> None:
    """A FIFO used to block the read forever, /dev/zero to read without end."""
    fifo = tmp_path / "d.jsonl"
    os.mkfifo(fifo)
    with pytest.raises(ValueError, match=r"d\.jsonl is a FIFO \(named pipe\), not a regular file"):
        list(read_records(fifo))
    device = tmp_path / "zero.csv"
    device.symlink_to(os.devnull)
    with pytest.raises(ValueError, match=r"zero\.csv is a character device, not a regular file"):
        list(read_records(device, issues=[]))
