"""The command line's output channels: closed, cut, or unable to encode; and missing paths.

Most of these need a real process: closed file descriptors, pipes and output encodings.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tthc.cli import EXIT_INTERRUPTED, EXIT_OK, EXIT_PIPE_CLOSED, EXIT_USAGE, main

ROOT = Path(__file__).resolve().parents[2]
RECORD = '{"code": "A", "received_at": "2026-03-02T09:00", "status": 4}\n'


def tthc(*args: str) -> list[str]:
    return [sys.executable, "-m", "tthc", *args]


def shell(command: str, *, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run ``command`` in sh, with ``$TTHC`` the command line."""
    return subprocess.run(
        ["sh", "-c", command],
        capture_output=True,
        check=False,
        env={**os.environ, "TTHC": f"{sys.executable} -m tthc", **(env or {})},
        timeout=60,
    )


@pytest.fixture
def records(tmp_path: Path) -> Path:
    path = tmp_path / "d.jsonl"
    path.write_text(RECORD, encoding="utf-8")
    return path


def test_with_stdout_closed_the_command_fails(records: Path) -> None:
    """It used to exit 0 having written nothing."""
    done = shell(f"$TTHC report '{records}' --period 2026 >&-")
    assert done.returncode == EXIT_USAGE
    assert done.stderr == b"tthc: error: standard output is closed; nothing can be printed\n"


def test_with_stderr_closed_errors_do_not_go_to_stdout(tmp_path: Path) -> None:
    """They used to be printed on standard output, mixed with the results."""
    done = shell(f"$TTHC report '{tmp_path / 'none.jsonl'}' --period 2026 2>&-")
    assert (done.returncode, done.stdout) == (EXIT_USAGE, b"")


def test_a_reader_that_stops_early_cuts_the_output_silently(tmp_path: Path) -> None:
    """``| head -1`` used to exit 1 with "Broken pipe"; it is 141, as for SIGPIPE."""
    path = tmp_path / "many.jsonl"
    path.write_text(
        "".join(
            RECORD.replace('"code": "A"', f'"code": "A", "procedure": "P{i}"') for i in range(3000)
        ),
        encoding="utf-8",
    )
    with subprocess.Popen(
        tthc("report", str(path), "--period", "2026", "--group-by", "procedure", "--lang", "en"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        assert process.stdout.readline().startswith(b"Period 2026")
        process.stdout.close()
        assert process.wait(timeout=60) == EXIT_PIPE_CLOSED
        assert process.stderr.read() == b""


def test_head_in_a_shell_pipeline(records: Path) -> None:
    done = shell(f"$TTHC report '{records}' --period 2026 --lang en | head -1")
    assert done.returncode == 0
    assert done.stdout.startswith(b"Period 2026")
    assert done.stderr == b""


def non_utf8_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "nd"
    folder.mkdir()
    name = os.fsdecode(b"b\xfe.yaml")
    (folder / name).write_text("procedures: [\n", encoding="utf-8")
    return folder


@pytest.mark.skipif(sys.platform == "win32", reason="file names are Unicode on Windows")
def test_a_file_name_not_in_utf8_does_not_lose_the_report(tmp_path: Path) -> None:
    """Under a strict output encoding the first such name used to end the run."""
    folder = non_utf8_folder(tmp_path)
    done = shell(f"$TTHC validate '{folder}'", env={"PYTHONIOENCODING": "utf-8:strict"})
    assert done.returncode == 1
    assert done.stdout.startswith(f"{folder}/b\\udcfe.yaml:2:".encode())
    assert done.stderr == b"1 problem found\n"


@pytest.mark.skipif(sys.platform == "win32", reason="file names are Unicode on Windows")
@pytest.mark.parametrize("env", [{"LC_ALL": "C"}, {"PYTHONIOENCODING": "latin-1"}])
def test_json_output_is_always_valid_utf8(tmp_path: Path, env: dict[str, str]) -> None:
    """With the C locale it used to carry the raw byte 0xfe: not UTF-8."""
    folder = non_utf8_folder(tmp_path)
    (folder / "ồ.yaml").write_text("procedures: [\n", encoding="utf-8")
    done = shell(f"$TTHC validate '{folder}' --format json", env=env)
    files = sorted(i["file"] for i in json.loads(done.stdout.decode("utf-8"))["issues"])
    assert files == [f"{folder}/b\udcfe.yaml", f"{folder}/ồ.yaml"]


@pytest.mark.parametrize(
    "argv",
    [
        ["report", "{missing}", "--period", "2026", "--input-format", "jsonl"],
        ["due", "1.000894", "--received", "2026-03-02T09:00", "--catalog", "{missing}"],
        ["due", "1.000894", "--received", "2026-03-02T09:00", "--calendar", "{missing}"],
        ["calendar", "2026", "--calendar", "{missing}"],
        ["validate", "{missing}"],
    ],
)
def test_a_missing_path_is_a_usage_error_in_every_command(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    missing = str(tmp_path / "none.yaml")
    assert main([a.format(missing=missing) for a in argv]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert f"no such file or folder: {missing}" in err
    assert "Traceback" not in err


def test_a_folder_given_for_a_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["report", str(tmp_path), "--period", "2026", "--input-format", "csv"]) == 2
    assert capsys.readouterr().err == (
        f"tthc report: error: {tmp_path} is a folder, not a regular file; it is not read\n"
    )


@pytest.mark.parametrize(
    ("engine", "reader"),
    [
        ("records", "tthc.reports._readers.numbered_records_of"),
        ("columns", "tthc.reports._textcolumns.text_batches"),
    ],
)
def test_an_interrupt_exits_130_without_a_traceback(
    records: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    engine: str,
    reader: str,
) -> None:
    if engine == "columns":
        pytest.importorskip("pyarrow")

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(reader, interrupted)
    argv = ["report", str(records), "--period", "2026", "--engine", engine]
    assert main(argv) == EXIT_INTERRUPTED
    assert capsys.readouterr().err == ""


def test_start_up_imports_nothing_before_main_runs() -> None:
    """An interrupt can only be handled inside main(): before it, keep the window short."""
    code = (
        "import sys; before = set(sys.modules); import tthc.cli; "
        "print(sorted({'typing', 'argparse', 'tthc.errors', 'dataclasses'} & "
        "(set(sys.modules) - before)))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"


def test_help_still_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--help"]) == EXIT_OK
    assert "--skip-bad-lines" in capsys.readouterr().out
