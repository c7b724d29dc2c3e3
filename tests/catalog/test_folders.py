"""Searching folders for catalogue files: every file read once, nothing skipped silently."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tthc import CatalogError, load_catalog
from tthc.catalog._folders import catalog_files
from tthc.cli import EXIT_INVALID, EXIT_OK, main

PROCEDURE = """\
procedures:
  - code: "{code}"
    name: Example
    field: Example
    level: commune
    agency: Ủy ban nhân dân cấp xã
    valid_from: 2026-01-01
    channels: [counter]
    result: A certificate
    cases: [{{id: standard, name: Standard, time_limit: 3 working days}}]
    legal_basis: [{{document: Example law}}]
"""


def write(path: Path, code: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PROCEDURE.format(code=code), encoding="utf-8")
    return path


def issues_of(*paths: Path | str) -> list[str]:
    with pytest.raises(CatalogError) as caught:
        load_catalog(*paths)
    return [str(i) for i in caught.value.issues]


def test_suffixes_in_any_case_and_json_files_are_read(tmp_path: Path) -> None:
    write(tmp_path / "a" / "X.YAML", "1.000001")
    write(tmp_path / "d.Yml", "1.000002")
    json_file = tmp_path / "e.json"
    json_file.write_text(load_catalog(tmp_path / "d.Yml").to_json().replace("1.000002", "1.000003"))
    write(tmp_path / "notes.txt", "1.000004")  # not a catalogue name: left alone
    assert load_catalog(tmp_path).codes == ("1.000001", "1.000002", "1.000003")


def test_a_broken_json_file_in_a_folder_is_an_issue_not_skipped(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", "1.000001")
    (tmp_path / "b.JSON").write_text('{"procedures": [', encoding="utf-8")
    (found,) = issues_of(tmp_path)
    assert found.startswith(f"{tmp_path / 'b.JSON'}:1:")


def test_a_linked_folder_is_searched(tmp_path: Path) -> None:
    write(tmp_path / "elsewhere" / "one.yaml", "1.000001")
    (tmp_path / "tree").mkdir()
    (tmp_path / "tree" / "linked").symlink_to(tmp_path / "elsewhere", target_is_directory=True)
    assert load_catalog(tmp_path / "tree").codes == ("1.000001",)


def test_a_link_loop_is_searched_once(tmp_path: Path) -> None:
    write(tmp_path / "sub" / "one.yaml", "1.000001")
    (tmp_path / "sub" / "up").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "sub" / "same.yaml").symlink_to(tmp_path / "sub" / "one.yaml")
    assert load_catalog(tmp_path).codes == ("1.000001",)


def test_a_folder_that_cannot_be_listed_is_an_issue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "a.yaml", "1.000001")
    write(tmp_path / "locked" / "b.yaml", "1.000002")
    real_scandir = os.scandir

    def scandir(path: str) -> object:
        if os.fspath(path).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert issues_of(tmp_path) == [
        f"{tmp_path / 'locked'}: cannot read this folder: Permission denied; "
        "the files in it were not checked"
    ]


def test_a_broken_link_with_a_catalogue_name_is_an_issue(tmp_path: Path) -> None:
    write(tmp_path / "a.yaml", "1.000001")
    (tmp_path / "gone.yaml").symlink_to(tmp_path / "missing.yaml")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")  # not a catalogue name
    assert issues_of(tmp_path) == [f"{tmp_path / 'gone.yaml'}: a symbolic link to a missing file"]


def test_an_entry_that_cannot_be_examined_is_an_issue(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path / "a.yaml", "1.000001")
    real_stat = os.stat

    def stat(path: str, *args: object, **kwargs: object) -> os.stat_result:
        if os.fspath(path).endswith("a.yaml"):
            raise PermissionError(13, "Permission denied")
        return real_stat(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", stat)
    assert issues_of(tmp_path) == [
        f"{tmp_path / 'a.yaml'}: cannot read this entry: Permission denied"
    ]
    assert issues_of(tmp_path / "a.yaml") == [
        f"{tmp_path / 'a.yaml'}: cannot read this path: Permission denied"
    ]


def test_a_file_reached_twice_is_read_once_under_its_first_name(tmp_path: Path) -> None:
    one = write(tmp_path / "local" / "one.yaml", "1.000001")
    write(tmp_path / "two.yaml", "1.000002")
    files, issues = catalog_files([one, tmp_path / "local", tmp_path, tmp_path / "two.yaml"])
    assert [name for name, _ in files] == [str(one), str(tmp_path / "two.yaml")]
    assert issues == []
    assert load_catalog(one, tmp_path).codes == ("1.000001", "1.000002")


def test_the_documented_reference_pattern_is_valid(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """``tthc validate catalog/local --reference catalog/``: local files are read once."""
    monkeypatch.chdir(repo)
    assert main(["validate", "catalog/local", "--reference", "catalog/"]) == EXIT_OK
    assert capsys.readouterr().out.startswith("valid: ")


def test_a_fifo_in_a_folder_is_reported_not_opened(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "a.yaml", "1.000001")
    os.mkfifo(tmp_path / "x.yaml")
    assert main(["validate", str(tmp_path)]) == EXIT_INVALID
    assert capsys.readouterr().out == (
        f"{tmp_path / 'x.yaml'}: not a regular file: this is a FIFO (named pipe); it was not read\n"
    )
