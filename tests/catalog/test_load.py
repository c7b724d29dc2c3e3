"""Loading files and folders: every issue at its file, line, column and path, all at once."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from tthc import CatalogError, load_catalog
from tthc.catalog import parse_catalog

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


def issues_of(*paths: Path | str) -> list[str]:
    with pytest.raises(CatalogError) as caught:
        load_catalog(*paths)
    return [str(i) for i in caught.value.issues]


def test_a_folder_tree_is_searched_for_yaml_files_skipping_hidden_ones(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.yaml").write_text(PROCEDURE.format(code="1.000001"), encoding="utf-8")
    (tmp_path / "two.yml").write_text(PROCEDURE.format(code="1.000002"), encoding="utf-8")
    (tmp_path / "notes.txt").write_text("not a catalogue", encoding="utf-8")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "broken.yaml").write_text("[", encoding="utf-8")
    (tmp_path / ".broken.yaml").write_text("[", encoding="utf-8")
    assert load_catalog(tmp_path).codes == ("1.000001", "1.000002")


def test_several_paths_load_as_one_catalogue(tmp_path: Path) -> None:
    first, second = tmp_path / "first.yaml", tmp_path / "second.json"
    first.write_text(PROCEDURE.format(code="1.000001"), encoding="utf-8")
    second.write_text(
        load_catalog(first).to_json().replace("1.000001", "1.000002"), encoding="utf-8"
    )
    assert load_catalog(first, second).codes == ("1.000001", "1.000002")


def test_every_file_is_reported_not_only_the_first(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("procedures: [\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text(
        PROCEDURE.format(code="1.000001").replace("level: commune", "level: xa"), encoding="utf-8"
    )
    (tmp_path / "c.yaml").write_bytes(b"\xff\xfe")
    found = issues_of(tmp_path)
    assert [line.split(": ")[0].rsplit("/", 1)[-1] for line in found] == [
        "a.yaml:2:1",
        "b.yaml:5:12",
        "c.yaml:1:1",
    ]


def test_missing_paths_and_folders_without_yaml_are_issues(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    found = issues_of(tmp_path / "empty", tmp_path / "missing.yaml")
    assert found == [
        f"{tmp_path / 'empty'}: "
        "no catalogue files (*.yaml, *.yml, *.json) in this folder or below it",
        f"{tmp_path / 'missing.yaml'}: no such file or folder",
    ]


def test_unreadable_and_oversized_files_are_issues(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(6 * 1024 * 1024)  # sparse: never read
    locked = tmp_path / "locked.yaml"
    locked.write_text("procedures: []", encoding="utf-8")
    real_open = os.open

    def refusing_open(path: str, flags: int, *args: int) -> int:
        if os.fspath(path).endswith("locked.yaml"):
            raise PermissionError(13, "Permission denied")
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", refusing_open)
    found = issues_of(big, locked)
    assert found == [
        f"{big}: file is 6,291,456 bytes; the limit is 5,242,880 bytes",
        f"{locked}: cannot read the file: Permission denied",
    ]


def test_pydantic_errors_point_at_the_value_in_the_file() -> None:
    text = PROCEDURE.format(code="1.000001").replace(
        "cases: [{id: standard, name: Standard, time_limit: 3 working days}]",
        "cases:\n      - id: standard\n        name: Standard\n        time_limit: 3 weeks",
    )
    with pytest.raises(CatalogError) as caught:
        parse_catalog(text, file="p.yaml")
    (issue,) = caught.value.issues
    assert (issue.line, issue.column) == (13, 21)
    assert issue.path == ("procedures", 0, "cases", 0, "time_limit")
    assert issue.message.startswith("not a duration: '3 weeks'")


def test_an_unknown_channel_key_in_a_mapping_points_at_the_key() -> None:
    text = PROCEDURE.format(code="1.000001").replace(
        "cases: [{id: standard, name: Standard, time_limit: 3 working days}]",
        "cases:\n      - id: standard\n        name: Standard\n        time_limit: 3 working days\n"
        "        time_limit_by_channel:\n          fax: 1 working day",
    )
    with pytest.raises(CatalogError) as caught:
        parse_catalog(text, file="p.yaml")
    (issue,) = caught.value.issues
    assert (issue.line, issue.column, issue.code) == (15, 11, "not-one-of")
    assert "got 'fax'" in issue.message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "a catalogue file is a mapping"),
        ("just text", "this file holds text$"),
        ("procedures: {a: 1}", "expected a list of procedures, got a mapping"),
        ("procedures: []", "the file has no procedures or overlays"),
        ("overlays: [5]", "expected a mapping"),
    ],
)
def test_the_shape_of_a_file_is_checked(text: str, message: str) -> None:
    with pytest.raises(CatalogError, match=message):
        parse_catalog(text)


def test_the_collector_state_is_restored_after_loading() -> None:
    import gc

    gc.disable()
    try:
        parse_catalog(PROCEDURE.format(code="1.000001"))
        assert not gc.isenabled()
    finally:
        gc.enable()
    parse_catalog(PROCEDURE.format(code="1.000001"))
    assert gc.isenabled()
    with pytest.raises(CatalogError):
        parse_catalog("procedures: [")
    assert gc.isenabled()


def test_the_domain_models_do_not_import_yaml() -> None:
    """Only the loader knows YAML: the models, checks and Catalog import without it."""
    code = (
        "import sys; import tthc.catalog._models, tthc.catalog._catalog, tthc.catalog._checks; "
        "print('yaml' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    assert out.strip() == "False"


def test_a_path_that_is_not_a_regular_file_is_an_issue_not_a_hang() -> None:
    found = issues_of("/dev/null")
    assert found == ["/dev/null: not a regular file: this is a character device; it was not read"]


def test_a_file_that_grows_past_the_limit_while_read_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    small = tmp_path / "small.yaml"
    small.write_text("procedures: []", encoding="utf-8")
    monkeypatch.setattr(os, "read", lambda fd, n: b"x" * n)  # an endless file
    assert issues_of(small) == [
        f"{small}: file grew past the limit of 5,242,880 bytes while it was read"
    ]


def test_catalogue_text_with_combining_accents_reads_as_composed() -> None:
    """A file saved in NFD (macOS, Unikey's "Unicode tổ hợp") gives the same catalogue."""
    composed = PROCEDURE.format(code="1.000001").replace("3 working days", "3 ngày làm việc")
    decomposed = unicodedata.normalize("NFD", composed)
    assert decomposed != composed
    one, other = parse_catalog(composed), parse_catalog(decomposed)
    assert one.to_json() == other.to_json()
    assert one["1.000001"].agency == "Ủy ban nhân dân cấp xã"
