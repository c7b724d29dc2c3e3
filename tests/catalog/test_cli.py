"""`tthc validate` and `tthc schema`: driven by the example files under tests/catalog/examples.

Each invalid example has a ``.expected`` file next to it holding the exact output:
one ``file:line:col: path: message`` line per problem.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tthc.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, main

EXAMPLES = Path(__file__).resolve().parent / "examples"
INVALID = sorted((EXAMPLES / "invalid").glob("*.yaml"))


@pytest.fixture(autouse=True)
def at_repo_root(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """File names in the output are relative to the repository root."""
    monkeypatch.chdir(repo)


def test_the_valid_examples_are_valid(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "tests/catalog/examples/valid"]) == EXIT_OK
    assert capsys.readouterr().out == "valid: 3 procedure versions, 1 overlays\n"


def test_the_bundled_catalogue_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "catalog/"]) == EXIT_OK
    assert capsys.readouterr().out.startswith("valid: ")


def test_every_invalid_example_has_expectations() -> None:
    assert len(INVALID) >= 12
    for example in INVALID:
        assert example.with_suffix(".expected").exists(), example


@pytest.mark.parametrize("example", INVALID, ids=[p.stem for p in INVALID])
def test_each_invalid_example_reports_exactly_its_problems(
    example: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    relative = example.relative_to(Path.cwd()).as_posix()
    assert main(["validate", relative]) == EXIT_INVALID
    out, err = capsys.readouterr()
    assert out == example.with_suffix(".expected").read_text(encoding="utf-8")
    assert "Traceback" not in out + err
    assert err.endswith("found\n")


def test_json_output_lists_the_same_issues(capsys: pytest.CaptureFixture[str]) -> None:
    example = "tests/catalog/examples/invalid/yaml-surprises.yaml"
    assert main(["validate", "--format", "json", example]) == EXIT_INVALID
    report = json.loads(capsys.readouterr().out)
    assert report["valid"] is False
    first = report["issues"][0]
    assert first == {
        "file": example,
        "line": 3,
        "column": 11,
        "path": ["procedures", 0, "code"],
        "code": "expected-text",
        "message": first["message"],
        "received": "1.001193",
        "help": "docs/issue-codes.md#expected-text",
    }
    assert main(["validate", "--format", "json", "tests/catalog/examples/valid"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out) == {
        "valid": True,
        "issues": [],
        "procedures": 3,
        "overlays": 1,
    }


def test_an_overlay_validates_against_a_reference_catalogue(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["validate", "catalog/local"]) == EXIT_INVALID
    assert "load the national catalogue" in capsys.readouterr().out
    assert main(["validate", "catalog/local", "--reference", "catalog/ho-tich"]) == EXIT_OK


def test_a_missing_path_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", "catalog/", "no/such/file.yaml"]) == EXIT_USAGE
    assert "no such file or folder: no/such/file.yaml" in capsys.readouterr().err
    assert main(["validate"]) == EXIT_USAGE


def test_a_folder_without_yaml_and_binary_junk_are_invalid_not_crashes(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "empty").mkdir()
    junk = tmp_path / "junk.yaml"
    junk.write_bytes(bytes(range(256)) * 8)
    assert main(["validate", str(tmp_path / "empty"), str(junk)]) == EXIT_INVALID
    out, err = capsys.readouterr()
    assert "no catalogue files" in out
    assert f"{junk}:2:118: the file is not UTF-8 text: byte 0x80" in out  # 0-127 are ASCII
    assert "Traceback" not in out + err


def test_python_dash_m_validate_exits_with_the_status() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tthc", "validate", "tests/catalog/examples/invalid/fees.yaml"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == EXIT_INVALID
    assert done.stdout.count("\n") == 5
    assert "Traceback" not in done.stderr


def test_schema_is_written_to_stdout_or_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema"]) == EXIT_OK
    schema = json.loads(capsys.readouterr().out)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    target = tmp_path / "deep" / "catalog.schema.json"
    assert main(["schema", "--output", str(target)]) == EXIT_OK
    assert json.loads(target.read_text(encoding="utf-8")) == schema


def test_schema_check_says_whether_a_copy_is_up_to_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["schema", "--check", "schema/catalog.schema.json"]) == EXIT_OK
    stale = tmp_path / "stale.json"
    stale.write_text("{}\n", encoding="utf-8")
    assert main(["schema", "--check", str(stale)]) == EXIT_INVALID
    assert "out of date" in capsys.readouterr().out
