"""Hostile and broken input: every catalogue and calendar loader, and the CLI, keep the contract.

Each case of the corpus is a file (or a special file) made in a temporary folder; the large
ones are generated here. Every loader and command is run on every case, and each must:

* answer with a result or its documented error, never another exception;
* exit 0 (valid) or 1 (invalid) from the command line (``tthc validate``, ``tthc due
  --catalog``, ``tthc calendar --calendar``), never print a traceback;
* place each problem: file, line and column wherever the input has them;
* keep within bounds: the issues kept, the characters of a message, the time taken;
* never show the content of a file that is not what it claims to be (``foreign`` cases
  hide a marker that must not appear in any output);
* report special files and paths that cannot be read, not read them.
"""

from __future__ import annotations

import os
import socket
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tthc import CalendarFileError, CatalogError, load_calendar, load_catalog
from tthc._files import file_kind
from tthc._issues import MAX_ISSUES, MAX_MESSAGE
from tthc.cli import main
from tthc.errors import Issue

MARKER = "ghp_S3CRET_marker"
VALID = """\
procedures:
  - code: "1.000001"
    name: Ví dụ
    field: Example
    level: commune
    agency: Ủy ban nhân dân cấp xã
    valid_from: 2026-01-01
    channels: [counter]
    result: A certificate
    cases: [{id: standard, name: Standard, time_limit: 3 ngày làm việc}]
    legal_basis: [{document: Example law}]
"""
#: The longest any one case may take, loading it once (a generous bound for a shared CI).
SECONDS = 30


@dataclass(frozen=True)
class Case:
    """One hostile input: how to make it, and what the answer must show."""

    name: str
    make: Callable[[Path], Path]
    located: bool = False  # every issue of the file itself has a line and a column
    foreign: bool = False  # not a catalogue or calendar at all: the marker must not show
    special: bool = False  # not a regular file: reported as such, never opened


def text(content: str, name: str = "x.yaml") -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_text(content, encoding="utf-8", errors="surrogatepass")
        return path

    return make


def data(content: bytes, name: str = "x.yaml") -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(content)
        return path

    return make


def link(target: str, name: str = "x.yaml") -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        path = folder / name
        path.symlink_to(target)
        return path

    return make


def fifo(folder: Path) -> Path:
    path = folder / "x.yaml"
    os.mkfifo(path)
    return path


def folder_named_yaml(folder: Path) -> Path:
    path = folder / "x.yaml"
    path.mkdir()
    return path


def sparse(folder: Path) -> Path:
    path = folder / "x.yaml"
    with path.open("wb") as handle:
        handle.truncate(6 * 1024 * 1024)
    return path


def linked_secret(content: str) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        secret = folder / "credentials.txt"
        secret.write_text(content, encoding="utf-8")
        path = folder / "x.yaml"
        path.symlink_to(secret)
        return path

    return make


_BILLION_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8)
)

CASES = [
    Case("empty", text("")),
    Case("comments only", text("# nothing here\n\n")),
    Case("valid with a byte-order mark", text("\ufeff" + VALID)),
    Case("valid in NFD", text(VALID.replace("Ví", "Vi\u0301"))),
    Case("valid JSON", text('{"procedures": []}', "x.json"), located=True),
    Case("broken JSON", text('{"procedures": [', "x.json"), located=True),
    Case("binary", data(bytes(range(256)) * 64), located=True),
    Case("Latin-1", data("procedures: []\nname: Hồ".encode("latin-1", "replace")), located=True),
    Case("lone surrogate escaped", text('procedures: ["\\ud800"]\n'), located=True),
    Case("lone surrogate raw", text("procedures: [\ud800]\n"), located=True),
    Case("NUL byte", text("procedures: [a\x00]\n"), located=True),
    Case("control character", text("procedures: [\x07]\n"), located=True),
    Case("deep nesting", text("procedures: " + "[" * 10_000 + "]" * 10_000), located=True),
    Case("billion laughs", text(_BILLION_LAUGHS), located=True),
    Case("python tag", text("procedures: !!python/object:os.system [ls]\n"), located=True),
    Case("merge key", text("a: &a {x: 1}\nprocedures: [{<<: *a}]\n"), located=True),
    Case("duplicate keys", text(VALID + "procedures: []\n"), located=True),
    Case("YAML 1.1 number", text(VALID.replace('"1.000001"', "1.000001")), located=True),
    Case("two documents", text(VALID + "---\n" + VALID), located=True),
    Case("tab indentation", text("procedures:\n\t- code: x\n"), located=True),
    Case("unterminated quote", text("procedures: ['a\n"), located=True),
    Case("long line", text("procedures: [" + "a" * 1_000_000 + "]\n"), located=True),
    Case("long key", text("? " + "k" * 1_000_000 + "\n: 1\n"), located=True),
    Case(
        "aliased megabyte",
        text('x: &s "' + "v" * (1024 * 1024 - 64) + '"\nprocedures:\n' + "  - {code: *s}\n" * 500),
        located=True,
    ),
    Case("many problems", text("procedures:\n" + "- 1\n" * 100_000), located=True),
    Case("oversized", sparse),
    Case("FIFO", fifo, special=True),
    Case("link to /dev/zero", link("/dev/zero"), special=True),
    Case("link to /dev/urandom", link("/dev/urandom"), special=True),
    Case("folder named x.yaml", folder_named_yaml),  # searched: no catalogue files
    Case("broken link", link("/no/such/file")),
    Case("secret as text", linked_secret(f"https://bot:{MARKER}@github.com\n"), foreign=True),
    Case("secret as mapping", linked_secret(f"token: {MARKER}\nuser: bot\n"), foreign=True),
    Case("secret as list", linked_secret(f"- {MARKER}\n"), foreign=True),
    Case("secret as a number", linked_secret("12345\n"), foreign=True),
    Case("secret duplicated", linked_secret(f"{MARKER}: 1\n{MARKER}: 2\n"), foreign=True),
    Case("secret with a quote", linked_secret(f"'{MARKER}\n"), foreign=True),
    Case("shell script", linked_secret(f"#!/bin/sh\nexport TOKEN={MARKER}\n"), foreign=True),
    Case("INI file", linked_secret(f"[auth]\ntoken = {MARKER}\n"), foreign=True),
]


@pytest.fixture(params=CASES, ids=[c.name for c in CASES])
def case(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Case, Path]:
    spec: Case = request.param
    folder = tmp_path / "corpus"
    folder.mkdir()
    return spec, spec.make(folder)


def check_issues(spec: Case, path: Path, issues: tuple[Issue, ...]) -> None:
    assert issues
    assert len(issues) <= MAX_ISSUES + 1
    for issue in issues:
        assert issue.file.startswith(str(path.parent))
        assert len(issue.message) <= MAX_MESSAGE
        assert MARKER not in str(issue)
        if spec.located and issue.code != "too-many-issues":
            assert (issue.line, issue.column) != (None, None), str(issue)
    if spec.special:
        assert [i.code for i in issues] == ["not-a-file"]
        assert "it was not read" in issues[0].message


def timed(run: Callable[[], object]) -> object:
    started = time.monotonic()
    try:
        return run()
    finally:
        assert time.monotonic() - started < SECONDS


def test_load_catalog_answers_with_a_catalogue_or_catalog_error(case: tuple[Case, Path]) -> None:
    spec, path = case
    for target in (path, path.parent):
        _check_catalog(spec, path, target)


def _check_catalog(spec: Case, path: Path, target: Path) -> None:
    try:
        timed(lambda: load_catalog(target))
    except CatalogError as error:
        check_issues(spec, path, error.issues)
    else:
        assert not spec.foreign
        assert not spec.special


def test_load_calendar_answers_with_a_calendar_or_calendar_file_error(
    case: tuple[Case, Path],
) -> None:
    spec, path = case
    if spec.name == "broken link":  # documented: an OSError when the file cannot be opened
        with pytest.raises(FileNotFoundError):
            load_calendar(path)
        return
    with pytest.raises(CalendarFileError) as caught:  # no case of the corpus is a calendar
        timed(lambda: load_calendar(path))
    check_issues(spec, path, caught.value.issues)


def test_tthc_validate_exits_0_or_1_and_places_every_problem(
    case: tuple[Case, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    spec, path = case
    for target in (path, path.parent):
        status = timed(lambda target=target: main(["validate", str(target)]))
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        assert MARKER not in out + err
        if spec.name == "broken link" and target == path:  # named, it does not exist: usage
            assert (status, err) == (2, f"tthc validate: error: no such file or folder: {path}\n")
            continue
        assert status in (0, 1)
        lines = out.splitlines()
        if status == 0:  # the summary, then any warnings (the examples' made-up codes)
            assert lines[0].startswith("valid: ")
            continue
        assert err.endswith("found\n")
        assert all(line.startswith(str(path.parent)) for line in lines)
        if spec.special:
            assert lines == [f"{path}: not a regular file: this is {_kind(path)}; it was not read"]


def test_tthc_calendar_with_a_hostile_calendar_file_is_an_error_not_a_crash(
    case: tuple[Case, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    spec, path = case
    status = timed(lambda: main(["calendar", "2026", "--calendar", str(path)]))
    out, err = capsys.readouterr()
    # a path to nothing is a usage error (exit 2), as in every command
    assert status == (2 if spec.name == "broken link" else 1)
    assert "Traceback" not in out + err
    assert MARKER not in out + err
    assert err.startswith("tthc: error: ")


def test_tthc_due_with_a_hostile_catalogue_is_an_error_not_a_crash(
    case: tuple[Case, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    spec, path = case
    for target in (path, path.parent):
        status = timed(
            lambda target=target: main(
                ["due", "1.000001", "--received", "2026-03-02T09:00", "--catalog", str(target)]
            )
        )
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        assert MARKER not in out + err
        if status == 0:  # the valid cases: the due date of the one procedure they hold
            assert not spec.foreign
            assert not spec.special
            continue
        assert status == (2 if spec.name == "broken link" and target == path else 1)
        assert err.startswith("tthc: error: ")


def test_a_socket_is_reported_by_every_loader(tmp_path: Path) -> None:
    path = tmp_path / "s.yaml"
    with socket.socket(socket.AF_UNIX) as server:
        server.bind(str(path))
        with pytest.raises(CatalogError, match="this is a socket; it was not read"):
            load_catalog(path)
        with pytest.raises(CalendarFileError, match="this is a socket; it was not read"):
            load_calendar(path)


def _kind(path: Path) -> str:
    return file_kind(os.stat(path).st_mode)


@pytest.mark.parametrize(
    "name", ["aliased megabyte", "many problems", "long line", "billion laughs"]
)
def test_the_largest_cases_stay_within_bounded_memory(name: str, tmp_path: Path) -> None:
    """Python allocations while loading stay under 200 MB (the whole process: see docs)."""
    (spec,) = [c for c in CASES if c.name == name]
    path = spec.make(tmp_path)
    tracemalloc.start()
    try:
        with pytest.raises(CatalogError):
            load_catalog(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 200 * 1024 * 1024
