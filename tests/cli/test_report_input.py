"""``tthc report``: standard input, ``--engine``, and the progress line on a terminal."""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tthc.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, _progress, main
from tthc.reports import _textcolumns

from .test_report import RECORDS, ROWS

pyarrow = pytest.importorskip("pyarrow")

CSV_HEADER = "code,received_at,due_at,status,result_ready_at,field,supplement_waits,channel\n"
CSV_BODY = (
    "A,2026-01-05T09:00,2026-01-08,9,2026-01-07T15:00,Hộ tịch,,\n"
    "B,2026-03-05T09:00,2026-03-20,5,,Đất đai,2026-03-06T09:00/,online\n"
    "C,2026-03-05T09:00,2026-03-09T17:00,9,2026-03-12T10:00,Đất đai,,postal\n"
)
CSV_TEXT = CSV_HEADER + CSV_BODY
BAD_JSONL = RECORDS + '{"code": "X", "status": 4}\n' + "not json\n" + RECORDS


def run(
    capsys: pytest.CaptureFixture[str], *argv: str, stdin: bytes | None = None
) -> tuple[int, str, str]:
    if stdin is not None:
        saved = sys.stdin
        sys.stdin = io.TextIOWrapper(io.BufferedReader(io.BytesIO(stdin)))  # type: ignore[arg-type]
    try:
        status = main(["report", *argv])
    finally:
        if stdin is not None:
            sys.stdin = saved
    out, err = capsys.readouterr()
    return status, out, err


def written(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    data = text.encode()
    path.write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    return path


@pytest.mark.parametrize(
    ("name", "text", "input_format"),
    [
        ("d.jsonl", RECORDS, "jsonl"),
        ("d.jsonl.gz", RECORDS, "jsonl"),
        ("d.csv", CSV_TEXT, "csv"),
        ("d.csv.gz", CSV_TEXT, "csv"),
    ],
)
@pytest.mark.parametrize("engine", ["auto", "columns", "records"])
def test_standard_input_reads_like_the_file_gzip_found_by_its_mark(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    text: str,
    input_format: str,
    engine: str,
) -> None:
    path = written(tmp_path, name, text)
    options = ("--period", "2026-Q1", "--group-by", "field,month", "--format", "json")
    from_file = run(capsys, str(path), *options, "--engine", engine)
    from_stdin = run(
        capsys,
        "-",
        "--input-format",
        input_format,
        *options,
        "--engine",
        engine,
        stdin=path.read_bytes(),
    )
    assert from_file == from_stdin
    assert from_file[0] == EXIT_OK
    assert json.loads(from_file[1])["records"] == (3 if input_format == "csv" else len(ROWS))


def test_bad_lines_of_standard_input_are_named_stdin(capsys: pytest.CaptureFixture[str]) -> None:
    said = set()
    for engine in ("columns", "records"):
        status, out, err = run(
            capsys,
            "-",
            "--input-format=jsonl",
            "--period=2026",
            f"--engine={engine}",
            stdin=BAD_JSONL.encode(),
        )
        assert (status, out) == (EXIT_INVALID, "")
        lines = err.splitlines()
        assert lines[0] == "<stdin>:5: missing received_at"
        assert lines[1].startswith("<stdin>:6:1: ")
        assert lines[2] == "tthc report: 2 invalid lines; no report printed"
        said.add(err)
    assert len(said) == 1  # both engines say the same


def test_damaged_gzip_on_standard_input_is_an_error_naming_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = gzip.compress(RECORDS.encode() * 50)[:60]
    for engine in ("columns", "records"):
        status, out, err = run(
            capsys, "-", "--input-format=jsonl", "--period=2026", f"--engine={engine}", stdin=data
        )
        assert (status, out) == (EXIT_INVALID, "")
        assert "<stdin>: not a complete gzip file" in err
        assert "Traceback" not in err


@pytest.mark.parametrize("name", ["d.jsonl", "d.csv", "d.jsonl.gz"])
def test_a_file_of_only_a_byte_order_mark_reads_as_empty_with_either_engine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    """The columns engine used to fail with a traceback, and the records engine called the
    CSV header missing: a mark with nothing after it is an empty file."""
    path = written(tmp_path, name, "\ufeff")
    empty = run(capsys, str(written(tmp_path, "empty" + name[1:], "")), "--period", "2026")
    for engine in ("columns", "records"):
        assert run(capsys, str(path), "--period", "2026", "--engine", engine) == empty
    assert empty[0] == EXIT_OK


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["-"], "standard input (-) has no file extension; give --input-format jsonl or csv"),
        (
            ["-", "--input-format", "parquet"],
            "a Parquet file is not read from standard input; name the file",
        ),
        (
            ["-", "--input-format", "jsonl", "--engine", "columns", "--policy", "by-session"],
            "--engine columns has no array rule for the by-session policy; use --engine records",
        ),
    ],
)
def test_usage_errors_of_input_and_engine(
    capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    status, out, err = run(capsys, *argv, "--period", "2026", stdin=b"")
    assert (status, out) == (EXIT_USAGE, "")
    assert err == f"tthc report: error: {message}\n"


def test_a_closed_standard_input_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """``tthc report - <&-``: Python has no standard input at all; this was a traceback."""
    monkeypatch.setattr(sys, "stdin", None)
    status, out, err = run(capsys, "-", "--input-format", "csv", "--period", "2026")
    assert (status, out) == (EXIT_USAGE, "")
    assert err == "tthc report: error: standard input is closed: there is nothing to read as -\n"


def test_the_columns_engine_without_pyarrow_is_a_usage_error_and_auto_reads_records(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = written(tmp_path, "d.jsonl", RECORDS)
    expected = run(capsys, str(path), "--period", "2026-Q1", "--format", "json")
    monkeypatch.setattr(_textcolumns, "arrow_available", lambda: False)

    def no_columns(*args: object, **kwargs: object) -> None:
        raise AssertionError("read by columns without pyarrow")

    monkeypatch.setattr(_textcolumns, "text_batches", no_columns)
    status, out, err = run(capsys, str(path), "--period", "2026-Q1", "--engine", "columns")
    assert (status, out) == (EXIT_USAGE, "")
    assert err == "tthc report: error: --engine columns needs pyarrow: pip install 'tthc[arrow]'\n"
    assert run(capsys, str(path), "--period", "2026-Q1", "--format", "json") == expected


def test_auto_reads_by_columns_when_it_can(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = written(tmp_path, "d.csv", CSV_TEXT)
    calls: list[str] = []
    real = _textcolumns.text_batches

    def spy(*args: object, **kwargs: object) -> object:
        calls.append(str(kwargs["name"]))
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(_textcolumns, "text_batches", spy)
    assert run(capsys, str(path), "--period", "2026-Q1")[0] == EXIT_OK
    assert calls == [str(path)]
    assert run(capsys, str(path), "--period", "2026-Q1", "--engine", "records")[0] == EXIT_OK
    by_session = ("--policy", "by-session")
    assert run(capsys, str(path), "--period", "2026-Q1", *by_session)[0] == EXIT_OK
    assert calls == [str(path)]


@pytest.mark.parametrize("engine", ["columns", "records"])
def test_a_parquet_file_reads_the_same_with_either_engine(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], engine: str
) -> None:
    import pyarrow.parquet as pq

    from tthc.reports import read_records

    csv_path = written(tmp_path, "d.csv", CSV_TEXT)
    records = list(read_records(csv_path))
    names = ("code", "received_at", "due_at", "status", "result_ready_at", "field", "channel")
    columns = {name: [getattr(r, name) for r in records] for name in names}
    stamp = pyarrow.timestamp("us")
    pairs = pyarrow.list_(pyarrow.struct([("started", stamp), ("ended", stamp)]))
    columns["supplement_waits"] = pyarrow.array(  # typed: pyarrow 18 infers other types
        [[{"started": a, "ended": b} for a, b in r.supplement_waits] for r in records], pairs
    )
    pq.write_table(pyarrow.table(columns), tmp_path / "d.parquet")
    options = ("--period", "2026-Q1", "--format", "json", "--group-by", "field")
    from_csv = run(capsys, str(csv_path), *options)
    assert run(capsys, str(tmp_path / "d.parquet"), *options, "--engine", engine) == from_csv


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("engine", ["columns", "records"])
@pytest.mark.parametrize("quiet", [False, True])
def test_progress_is_drawn_on_a_terminal_and_cleared_unless_quiet(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    engine: str,
    quiet: bool,
) -> None:
    path = written(tmp_path, "d.jsonl", RECORDS * 1_000)
    expected = run(capsys, str(path), "--period", "2026-Q1", "--engine", engine)
    monkeypatch.setattr(_progress, "INTERVAL", 0.0)
    monkeypatch.setattr(_textcolumns, "CHUNK_BYTES", 50_000)
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    argv = [str(path), "--period", "2026-Q1", "--engine", engine] + (["--quiet"] if quiet else [])
    status, out, _ = run(capsys, *argv)
    assert (status, out) == expected[:2]
    drawn = terminal.getvalue()
    if quiet:
        assert drawn == ""
        return
    updates = drawn.split("\r\x1b[K")
    assert updates[0] == ""  # every line drawn in place...
    assert updates[-1] == ""  # ... and cleared at the end
    assert len(updates) > 3
    assert re.fullmatch(r"[\d,]+ records, [\d,]+/s, \d+% read, \d+ s left", updates[-2])


def test_nothing_but_the_report_is_written_when_standard_error_is_not_a_terminal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_progress, "INTERVAL", 0.0)
    path = written(tmp_path, "d.jsonl", RECORDS * 2_000)
    status, _, err = run(capsys, str(path), "--period", "2026-Q1", "--engine", "records")
    assert (status, err) == (EXIT_OK, "")


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="no pseudo-terminals here")
def test_progress_on_a_real_terminal(tmp_path: Path) -> None:
    """A pseudo-terminal as standard error: the line is drawn there, and stdout stays clean."""
    path = written(tmp_path, "d.jsonl", RECORDS * 5_000)
    leader, follower = os.openpty()
    script = (
        "import sys; from tthc.cli import _progress, main; _progress.INTERVAL = 0.0; "
        "from tthc.reports import _textcolumns; _textcolumns.CHUNK_BYTES = 100_000; "
        f"sys.exit(main(['report', {str(path)!r}, '--period', '2026-Q1']))"
    )
    with os.fdopen(leader, "rb", buffering=0) as terminal:
        done = subprocess.run(
            [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=follower, check=False
        )
        os.close(follower)
        drawn = b""
        try:
            while chunk := terminal.read(1 << 16):
                drawn += chunk
        except OSError:  # the terminal's other end is closed: all is read
            pass
    assert done.returncode == EXIT_OK
    assert b" records, " in drawn
    assert b"% read, " in drawn
    assert drawn.endswith(b"\r\x1b[K")
    assert b"\x1b" not in done.stdout
