"""CSV and JSON Lines read by columns: the streaming reader's records and issues, line for line.

Every hostile line of the streaming reader's own tests, and fuzzed lines, are read both
ways: the records (in any order) and the issues (in line order, with their place, code
and message) must be equal, and strictly both raise the same first error.
"""

from __future__ import annotations

import gzip
import json
import re
import tempfile
import zlib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tthc.errors import Issue
from tthc.reports import read_records, report
from tthc.reports._readers import MAX_LINE_BYTES, MAX_NESTING

pytest.importorskip("pyarrow")

from tthc.reports import _textcolumns
from tthc.reports._columnar import records_of_batches
from tthc.reports._textcolumns import read_text_columns

HEADER = "code,received_at,status,due_at,result_ready_at,field,supplement_waits,channel\n"


def row(code: str, field: str = "Ho tich", waits: str = "", channel: str = "") -> str:
    return (
        f"{code},2026-03-02T09:00,9,2026-03-05T17:00,2026-03-04T10:00,{field},{waits},{channel}\n"
    )


def jrow(code: str, **extra: object) -> dict[str, object]:
    return {"code": code, "received_at": "2026-03-02T09:00", "status": 4, **extra}


def jsonl(*rows: dict[str, object] | str) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows)


def described(issues: list[Issue]) -> list[tuple[str, str | None]]:
    return [(str(i), i.code) for i in issues]


def assert_same(path: Path) -> None:
    """Both readers give the same records and issues, and strictly the same first error."""
    streaming_issues: list[Issue] = []
    streaming = list(read_records(path, issues=streaming_issues))
    arrow_issues: list[Issue] = []
    arrow = list(records_of_batches(read_text_columns(path, issues=arrow_issues)))
    assert sorted(arrow, key=repr) == sorted(streaming, key=repr)
    assert described(arrow_issues) == described(streaming_issues)
    if streaming_issues:
        first = f"^{re.escape(str(streaming_issues[0]))}$"
        with pytest.raises(ValueError, match=first):
            list(read_text_columns(path))
        with pytest.raises(ValueError, match=first):
            report(path, period="2026-03")
    else:
        assert report(path, period="2026-03") == report(streaming, period="2026-03")


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    data = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    return path


CSV_CASES = {
    "unclosed quote": HEADER + row("A1") + row("A2", '"Ho tich') + row("A3") + row("A4"),
    "quote across lines": HEADER + row("A1", '"Ho') + row("A2", 'tich"') + row("A3", '"a""b"'),
    "bad quote and carriage return": HEADER + row("A1", '"Ho" tich') + row("A2", "Ho\rtich"),
    "crlf": (HEADER + row("A1") + row("A2", '"Ho, tich"')).replace("\n", "\r\n"),
    "duplicate column": "code,received_at,status,status\nA,2026-03-02T09:00,9,4\n",
    "unknown column": "code,received_at,status,due_date\nA,2026-03-02T09:00,9,x\n",
    "bad header bytes": "code,\udcff\n" + row("A"),
    "empty file": "",
    "header only": HEADER,
    "blank lines": HEADER + "\n" + row("A1") + ",,,,,,,\n" + "  \n" + "\u00a0,,,,,,,\n" + row("A2"),
    "cell counts": HEADER + "A1,2026-03-02T09:00,9\n" + row("A2") + "A3" + ",x" * 20 + "\n",
    "nul byte": HEADER + row("A1", "Ho\x00tich") + row("A2"),
    "tab": HEADER + row("A1", "Ho\ttich"),
    "not utf-8": HEADER + row("A0") + "A1,\u00e9\udcff\n" + row("A2"),
    "too long": HEADER + row("A0") + "A1,x," + "y" * (MAX_LINE_BYTES + 10) + "\n" + row("A2"),
    "bom": "\ufeff" + HEADER + row("A1") + "\ufeff" + row("A2"),
    "only a byte order mark": "\ufeff",
    "no final newline": HEADER + row("A1") + row("A2").rstrip("\n"),
    "waits": HEADER
    + row("A1", waits="2026-03-02T10:00/2026-03-03T08:00")
    + row("A2", waits="2026-03-02T10:00/2026-03-03T08:00;2026-03-03T09:00/2026-03-03T10:00")
    + row("A3", waits="/2026-03-03T08:00")
    + row("A4", waits="2026-03-03T10:00/2026-03-02T08:00")
    + row("A5", waits="2026-03-01T10:00/")
    + row("A6", waits="soon/later")
    + row("A7", waits="2026-03-02T10:00/2026-03-03T08:00/x"),
    "channels": HEADER
    + row("A1", channel="online")
    + row("A2", channel="2")
    + row("A3", channel="fax")
    + row("A4", channel=" online")
    + row("A5", channel="²"),
    "times": HEADER
    + "".join(
        f"T{i},{t},9,{t},2026-03-04T10:00,x,,\n"
        for i, t in enumerate(
            [
                "2026-03-02",
                "2026-03-02 09:00:00",
                "2026-03-02t09:00:00.5",
                "2026-03-02T09:00:00.123456",
                "2026-03-02T09:00:00.1234567",
                "2026-03-02T09:00Z",
                "2026-03-02T09:00z",
                "2026-03-02T09:00+07:00",
                "2026-03-02T09:00-11:30",
                "2026-03-02T09:00+24:00",
                "2026-03-02T09:00+23:99",
                "2026-03-02Z",
                "20260302",
                " 2026-03-02T09:00 ",
                "2026-02-29",
                "2024-02-29",
                "2026-13-01",
                "2026-03-02T24:00",
                "2026-03-02T09:60",
                "2026-03-02T09:00:60",
                "0001-01-01T00:00+14:00",
                "9999-12-31T23:59-01:00",
                "0000-01-01",
                "٢٠٢٦-03-02",
            ]
        )
    ),
    "numbers": HEADER
    + "".join(
        f"N{i},2026-03-02T09:00,{s},,,x,,\n"
        for i, s in enumerate(["9", "09", " 4", "²", "٣", "4.0", "-4", "0", "11", "9" * 30, ""])
    ),
    "records refused": HEADER
    + "R1,2026-03-02T09:00,9,,2026-03-01T10:00,x,,\n"
    + "R2,2026-03-02T09:00,9,,,x,,\n"
    + "R3,2026-03-02T09:00,5,,,x,,\n"
    + ",2026-03-02T09:00,4,,,x,,\n"
    + "R5,,4,,,x,,\n",
}

JSONL_CASES = {
    "duplicate key": jsonl(
        jrow("A"),
        '{"code": "B", "received_at": "2026-03-02T09:00", "status": 4, '
        '"due_at": "2026-03-09", "due_at": "2026-03-03"}',
        jrow("C"),
    ),
    "nested duplicate": jsonl(
        '{"code": "A", "received_at": "x", "status": 4, "payment_waits": {"a": 1, "a": 2}}'
    ),
    "hostile values": jsonl(
        jrow("A0"),
        jrow("A", status="²"),
        jrow("A", status="4"),
        jrow("A", status=4.0),
        jrow("A", status=True),
        jrow("A", channel="²"),
        jrow("A", channel=2),
        jrow("A", channel="online"),
        jrow("A", supplement_requests="9" * 5000),
        '{"code": "A", "received_at": "x", "status": ' + "9" * 5000 + "}",
        jrow("A", field="\ud800"),
        jrow("A", field="\U0001f600"),
        jrow("A", received_at="0001-01-01T00:00+14:00"),
        jrow("A", received_at="9999-12-31T23:59-01:00"),
        {"code": 12, "received_at": "2026-03-02T09:00", "status": 4},
        jrow("A", due_includes_waits="yes"),
        jrow("A", due_includes_waits=True),
        jrow("A", x=None),
        jrow("A2"),
    ),
    "nesting": jsonl(
        "[" * 100_000,
        "[" * 9 + ",".join(["{}"] * 9) + "]" * 9,
        "[" * 17 + "]" * 17,
        jrow("A", x=json.loads("[" * (MAX_NESTING - 1) + "]" * (MAX_NESTING - 1))),
        jrow("B"),
    ),
    "not json": jsonl(jrow("A"), "[]", "{", "{} {}", '{"code": "A",}', "NaN", jrow("B")),
    "not utf-8": jsonl(jrow("A0")) + '{"code": "\u00e9\udcff"}\n' + jsonl(jrow("A2")),
    "too long": jsonl(jrow("A0"), "9" * 300_000, jrow("A2")),
    "bom": "\ufeff" + jsonl(jrow("A")) + "\ufeff" + jsonl(jrow("B")),
    "only a byte order mark": "\ufeff",
    "blank and spaces": jsonl(jrow("A"), "", "   ", "  " + json.dumps(jrow("B")), jrow("C")),
    "control character": jsonl(jrow("A", field="a\tb")) + '{"code": "A\tB"}\n' + jsonl(jrow("C")),
    "waits": jsonl(
        jrow("W1", status=5, supplement_waits=[["2026-03-03T10:00", None]]),
        jrow("W2", supplement_waits=[["2026-03-03T10:00", "2026-03-04T10:00"], ["x", None]]),
        jrow("W3", supplement_waits=[["2026-03-03T10:00"]]),
        jrow("W4", supplement_waits=[[None, "2026-03-03T10:00"]]),
        jrow("W5", payment_waits="2026-03-03T10:00/"),
        jrow("W6", payment_waits=[]),
        jrow("W7", payment_waits=None),
        jrow("W8", status=6, payment_waits=[["2026-03-03T10:00", "2026-03-04T10:00"]]),
    ),
    "escapes": jsonl(jrow("A\u1ec7"))
    + '{"code": "A\\u1ec7\\"", "received_at": "x", "status": 4}\n',
}


@pytest.mark.parametrize("case", sorted(CSV_CASES))
@pytest.mark.parametrize("suffix", [".csv", ".csv.gz"])
def test_a_hostile_csv_file_reads_the_same_by_columns(
    tmp_path: Path, case: str, suffix: str
) -> None:
    assert_same(write(tmp_path, "d" + suffix, CSV_CASES[case]))


@pytest.mark.parametrize("case", sorted(JSONL_CASES))
@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz"])
def test_a_hostile_json_lines_file_reads_the_same_by_columns(
    tmp_path: Path, case: str, suffix: str
) -> None:
    assert_same(write(tmp_path, "d" + suffix, JSONL_CASES[case]))


def test_bad_lines_are_found_in_every_chunk_with_their_numbers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Small chunks: lines cross chunk ends; a bad line's number counts every chunk before."""
    monkeypatch.setattr(_textcolumns, "CHUNK_BYTES", 100)
    body = [row(f"A{i}") if i % 7 else row(f"A{i}", '"x') for i in range(300)]
    assert_same(write(tmp_path, "d.csv", HEADER + "".join(body)))
    lines = [jrow(f"A{i}") if i % 5 else "{" for i in range(300)]
    assert_same(write(tmp_path, "d.jsonl", jsonl(*lines)))


def test_a_chunk_pyarrow_refuses_is_halved_down_to_the_lines_at_fault(tmp_path: Path) -> None:
    lines = [jrow(f"A{i}") for i in range(2000)]
    lines[1234] = jrow("B", status="4")  # pyarrow: a string where a number was
    lines[77] = jrow("C", due_includes_waits=1)
    path = write(tmp_path, "d.jsonl", jsonl(*lines))
    assert_same(path)
    issues: list[Issue] = []
    list(read_text_columns(path, issues=issues))
    assert [i.line for i in issues] == [78]  # "4" is a whole number: read as one


@pytest.mark.parametrize("threads", [1, 3])
def test_a_bad_line_comes_before_a_damage_later_in_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, threads: int
) -> None:
    """Chunks read ahead of the one handed on: a damage after them is raised after them.

    (A damage inside the chunk that holds the bad line loses that chunk's bytes, which
    the streaming reader, reading a line at a time, still has: there the damage is raised.)
    """
    monkeypatch.setattr(_textcolumns, "CHUNK_BYTES", 200)
    monkeypatch.setattr(_textcolumns, "_threads", lambda: threads)
    bad = row("BAD").replace(",9,", ",42,")
    text = HEADER + row("A0") + bad + "".join(row(f"A{i}") for i in range(1, 40))
    data = gzip.compress(text.encode())
    path = tmp_path / "d.csv.gz"

    def error(read: Any) -> str:
        with pytest.raises((ValueError, OSError)) as caught:
            list(read(path))
        return f"{type(caught.value).__name__}: {caught.value}"

    bad_line_first = 0
    for cut in range(len(data) // 4, len(data), 7):
        path.write_bytes(data[:cut])
        # The bad line in a chunk read whole (200 bytes and the rest of its line) comes first.
        if len(zlib.decompressobj(31).decompress(data[:cut])) <= 600:
            continue
        assert error(read_text_columns) == error(read_records)
        bad_line_first += error(read_records).startswith("ValueError")
        streaming: list[Issue] = []
        by_columns: list[Issue] = []
        with pytest.raises(OSError, match="not a complete gzip file") as one:
            list(read_records(path, issues=streaming))
        with pytest.raises(OSError, match="not a complete gzip file") as other:
            list(read_text_columns(path, issues=by_columns))
        assert str(one.value) == str(other.value)
        assert [str(i) for i in by_columns] == [str(i) for i in streaming]
    assert bad_line_first > 10  # most cuts leave the bad line readable


def test_a_damaged_gzip_file_is_an_os_error_naming_it(tmp_path: Path) -> None:
    path = tmp_path / "d.csv.gz"
    path.write_bytes(gzip.compress((HEADER + row("A") * 1000).encode())[:200])
    with pytest.raises(OSError, match=r"d\.csv\.gz: not a complete gzip file"):
        list(read_text_columns(path))
    with pytest.raises(OSError, match=r"d\.csv\.gz: not a complete gzip file"):
        list(read_records(path))


@pytest.mark.parametrize("suffix", [".csv", ".jsonl"])
def test_online_payment_and_digitisation_are_read_by_columns(tmp_path: Path, suffix: str) -> None:
    """``paid_online`` and ``digitised`` used to be dropped: the flows counted none of them."""
    flags = [("true", "false"), ("false", "true"), ("", ""), ("yes", "0")]
    if suffix == ".csv":
        head = "code,received_at,status,result_ready_at,paid_online,digitised\n"
        body = "".join(
            f"A{i},2026-03-02T09:00,9,2026-03-04T10:00,{paid},{digitised}\n"
            for i, (paid, digitised) in enumerate(flags)
        )
        path = write(tmp_path, "d.csv", head + body)
    else:
        truth = {"true": True, "yes": True, "false": False, "0": False, "": None}
        lines = [
            jrow(f"A{i}", status=9, result_ready_at="2026-03-04T10:00", paid_online=truth[p])
            | {"digitised": truth[d]}
            for i, (p, d) in enumerate(flags)
        ]
        path = write(tmp_path, "d.jsonl", jsonl(*lines))
    by_columns = report(path, period="2026-03")
    assert by_columns == report(list(read_records(path)), period="2026-03")
    total = by_columns.total
    assert (total.paid_online, total.paid_offline, total.digitised, total.not_digitised) == (
        2,
        1,
        1,
        2,
    )


def test_a_file_read_by_columns_measures_processing_time_with_the_calendar(
    tmp_path: Path,
) -> None:
    """The calendar used to be left out when a CSV or JSON Lines path was read by columns."""
    from tthc.calendar import WorkingCalendar

    calendar = WorkingCalendar.vietnam()
    path = write(tmp_path, "d.csv", HEADER + row("A1") + row("A2"))
    by_columns = report(path, period="2026-03", calendar=calendar)
    assert by_columns == report(list(read_records(path)), period="2026-03", calendar=calendar)
    assert by_columns.total.processing_counted == 2


# ---------------------------------------------------------------- fuzzed lines

times = st.sampled_from(
    ["2026-03-02T09:00", "2026-03-04", "20260304", "2026-03-04Z", "0001-01-01T00:00+14:00",
     "9999-12-31T23:59-12:00", "2026-02-30", "", "soon", "2026-03-02T09:00:00.1234567",
     "2026-03-03T09:00+07:00", "2026-03-03 09:00:00.5Z"]
)  # fmt: skip
json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats()
    | st.text(max_size=8)
    | times,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=6,
)
FIELDS = ["code", "received_at", "status", "due_at", "result_ready_at", "channel"]
json_rows = st.fixed_dictionaries(
    {"code": st.sampled_from(["A", "B", ""]), "received_at": times, "status": st.integers(0, 11)},
    optional=dict.fromkeys(
        ["due_at", "result_ready_at", "channel", "supplement_waits", "x"], json_values | times
    ),
).map(lambda r: json.dumps(r, ensure_ascii=False))
cells = st.text(alphabet=st.sampled_from('ab,"; \r\t²/9Zé'), max_size=6) | times
csv_lines = st.lists(cells, min_size=1, max_size=8).map(",".join)
raw_bytes = st.binary(max_size=30).map(lambda b: b.replace(b"\n", b" "))


def encoded(lines: st.SearchStrategy[str]) -> st.SearchStrategy[bytes]:
    return lines.map(lambda text: text.replace("\n", " ").encode("utf-8", "surrogatepass"))


@settings(max_examples=60, deadline=None)
@given(st.lists(encoded(json_rows | st.text(max_size=20)) | raw_bytes, max_size=12))
def test_fuzzed_json_lines_read_the_same_by_columns(body: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        assert_same(write(Path(folder), "d.jsonl", b"\n".join(body) + b"\n"))


@settings(max_examples=60, deadline=None)
@given(st.lists(encoded(csv_lines) | raw_bytes, max_size=12))
def test_fuzzed_csv_lines_read_the_same_by_columns(body: list[bytes]) -> None:
    head = ",".join(FIELDS).encode()
    with tempfile.TemporaryDirectory() as folder:
        assert_same(write(Path(folder), "d.csv", b"\n".join([head, *body]) + b"\n"))


def test_clean_lines_are_read_by_pyarrow_not_set_aside(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every value in the usual spellings is read by array operations (else this is slow)."""
    waits = "2026-03-02T10:00/2026-03-03T08:00"
    lines = [
        row("A1"),
        row("A2", waits=waits, channel="online"),
        "A3,2026-03-02 09:00:00+07:00,5,2026-03-05,,x,2026-03-02T10:00Z/,postal\n",
        "A4,2026-03-02,4,2026-03-05T10:00:00.5,,x,,\n",
    ]
    csv_path = write(tmp_path, "d.csv", HEADER + "".join(lines))
    json_lines = [
        jrow("B1", due_at="2026-03-09", channel="online", due_includes_waits=True),
        jrow("B2", status=5, supplement_waits=[["2026-03-03T10:00Z", None]]),
        jrow("B3", status=9, result_ready_at="2026-03-04T10:00", supplement_requests=2),
    ]
    json_path = write(tmp_path, "d.jsonl", jsonl(*json_lines))
    expected = [list(read_records(csv_path)), list(read_records(json_path))]

    def refuse(*args: object) -> None:
        raise AssertionError(f"set aside: {args}")

    monkeypatch.setattr(_textcolumns, "record_or_issue", refuse)
    got = [list(records_of_batches(read_text_columns(p))) for p in (csv_path, json_path)]
    assert got == expected


def test_empty_text_is_missing_in_every_text_type() -> None:
    pa = pytest.importorskip("pyarrow")
    from tthc.reports._textvalues import texts

    for kind in (pa.string(), pa.large_string()):
        values = pa.array(["", "a", None, ""], kind).slice(1)
        assert texts(values).to_pylist() == ["a", None, None]
        assert texts(values.slice(0, 1)).to_pylist() == ["a"]
