"""Fuzzing the report readers with hostile lines: every line a record, an issue, or blank.

Whatever a line holds (any bytes, any JSON, any CSV cells, quotes left open), reading with
``issues`` never raises, names the file and the line of each bad one, and accounts for every
line; reading strictly raises ``ValueError`` at the first bad line, naming it.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tthc.errors import Issue
from tthc.reports import read_records
from tthc.reports._fields import FIELDS

HEADER = "code,received_at,status,due_at,result_ready_at,supplement_waits,channel,field"
GOOD_CSV = "A,2026-03-02T09:00,9,2026-03-05,2026-03-04T10:00,,online,Hộ tịch"
GOOD_JSON = json.dumps(
    {"code": "A", "received_at": "2026-03-02T09:00", "status": 4, "due_at": "2026-03-05"}
)

times = st.sampled_from(
    ["2026-03-02T09:00", "2026-03-04", "20260304", "2026-03-04Z", "0001-01-01T00:00+14:00",
     "9999-12-31T23:59-12:00", "2026-02-30", "", "soon", "2026-03-02T09:00:00.1234567"]
)  # fmt: skip
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats()
    | st.text(max_size=20)
    | times,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)
json_rows = st.dictionaries(
    st.sampled_from(FIELDS) | st.text(max_size=8), json_values | times, max_size=8
).map(lambda row: json.dumps(row, ensure_ascii=False))
cells = st.text(alphabet=st.sampled_from('ab,"; \r\t²٣/2026-03-04T:Z\x00é'), max_size=12) | times
csv_lines = st.lists(cells, min_size=1, max_size=10).map(",".join)
raw_bytes = st.binary(max_size=40).map(lambda b: b.replace(b"\n", b" "))
nested = st.integers(min_value=1, max_value=3000).map(lambda n: "[" * n + "]" * (n % 7))


def encoded(lines: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    return lines.map(lambda text: text.replace("\n", " ").encode("utf-8", "surrogatepass"))


hostile_json = st.lists(
    encoded(json_rows | st.text(max_size=30) | nested) | raw_bytes, min_size=1, max_size=8
)
hostile_csv = st.lists(encoded(csv_lines) | raw_bytes, min_size=1, max_size=8)


def blank(line: bytes, kind: str) -> bool:
    """Whether the reader skips ``line`` as holding nothing (the rule it documents)."""
    try:
        text = line.decode("utf-8").removesuffix("\r")
    except UnicodeDecodeError:
        return False
    if kind == "jsonl":
        return not text.strip()
    try:
        row = next(csv.reader((text,), strict=True))
    except csv.Error:
        return False
    return not any(cell.strip() for cell in row)


def check(kind: str, head: list[bytes], body: list[bytes], good: bytes) -> None:
    lines = [*head, good, *body, good]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"d.{kind}"
        path.write_bytes(b"\n".join(lines) + b"\n")
        issues: list[Issue] = []
        records = list(read_records(path, issues=issues))
        first = len(head) + 1
        assert records[0].code == "A"
        assert records[-1].code == "A"  # nothing swallowed the last line
        assert all(i.file == str(path) for i in issues)
        bad = [i.line for i in issues]
        assert all(isinstance(n, int) and first < n < len(lines) for n in bad)
        assert len(set(bad)) == len(bad)  # one issue per bad line
        skipped = sum(blank(line, kind) for line in body)
        assert len(records) + len(issues) + skipped == len(body) + 2
        assert all(len(i.message) < 2_000 for i in issues)
        if issues:  # strictly, the first bad line raises, named as the issue names it
            with pytest.raises(ValueError, match=f"^{re.escape(str(issues[0]))}$"):
                list(read_records(path))
        else:
            assert list(read_records(path)) == records


@given(hostile_json)
def test_any_json_lines_are_accounted_for(body: list[bytes]) -> None:
    check("jsonl", [], body, GOOD_JSON.encode())


@given(hostile_csv)
def test_any_csv_lines_are_accounted_for(body: list[bytes]) -> None:
    check("csv", [HEADER.encode()], body, GOOD_CSV.encode())


@given(st.text(alphabet=st.sampled_from(list(',"\r ab1\t\u00e9;/:-')), max_size=40))
def test_a_line_is_cut_into_the_cells_the_csv_module_reads(text: str) -> None:
    """The reader's shortcut for lines without quotes agrees with the csv module."""
    from tthc.reports._readers import _cells

    try:
        expected: list[str] | None = next(csv.reader((text,), strict=True), [])
    except csv.Error:
        expected = None
    got = _cells(text, "f.csv", 1)
    if expected is None:
        assert isinstance(got, Issue)
    elif expected == []:  # an empty line: no cells, or one empty cell, both blank
        assert not isinstance(got, Issue)
        assert not any(c.strip() for c in got)
    else:
        assert got == expected


@given(
    st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2200, 12, 31)),
    st.sampled_from(["T", " "]),
    st.sampled_from(["minutes", "seconds", "milliseconds", "microseconds"]),
)
def test_a_time_read_inline_is_the_time_parse_date_or_time_reads(
    moment: dt.datetime, sep: str, spec: str
) -> None:
    from tthc._iso8601 import parse_date_or_time
    from tthc.reports._fields import record_from_row

    text = moment.isoformat(sep=sep, timespec=spec)
    record = record_from_row({"code": "x", "received_at": text, "status": 2})
    assert record.received_at == parse_date_or_time(text)


json_lines = (
    json_rows
    | json_rows.map(lambda text: text.replace('"', '"\\u0041', 1))  # an escape in a key
    | json_rows.map(lambda text: text[:-1] + ', "code": "B"}' if len(text) > 2 else text)
    | st.sampled_from(["{", "{}", "[]", '{"a": 1} x', " " + GOOD_JSON, GOOD_JSON])
    | st.sampled_from(["\\ud800", "\\u00e9", "\\n"]).map(  # escapes in a good row
        lambda escape: GOOD_JSON.replace('"A"', f'"A{escape}"')
    )
    | st.just(GOOD_JSON[:-1] + ', "status": 9}')  # a key given twice
)


@given(st.lists(json_lines, max_size=6))
def test_the_usual_json_line_shortcut_reads_what_the_general_path_reads(
    lines: list[str],
) -> None:
    """Each line read by the shortcut (object, no escapes, not deep) gives the record, or the
    issue, the general path gives: line by line, the same outcome."""
    from tthc.reports._readers import _jsonl_rows, json_row, record_or_issue

    numbered = list(enumerate(lines, start=1))
    fast = []
    for number, row in _jsonl_rows(iter(numbered), "f.jsonl"):
        fast.append((number, row if type(row).__name__ == "DossierRecord" else
                     record_or_issue(row, "f.jsonl", number)))  # fmt: skip
    general = [
        (number, record_or_issue(row, "f.jsonl", number))
        for number, text in numbered
        if (row := json_row(text, "f.jsonl", number)) is not None
    ]
    assert fast == general
