"""``tthc import-portal``: files, several, or a folder of records; exit 0 / 1 / 2."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tthc.catalog import load_catalog
from tthc.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, main

RECORDS = Path(__file__).resolve().parent / "records"
REFUSED = {"1.000797", "1.115444", "2.000540"}


@pytest.fixture
def good(tmp_path: Path) -> Path:
    """A folder of the records that import."""
    folder = tmp_path / "records"
    folder.mkdir()
    for path in RECORDS.glob("*.json"):
        if path.stem not in REFUSED:
            shutil.copy(path, folder)
    return folder


def test_a_folder_of_records_gives_one_valid_file_per_procedure(
    good: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert main(["import-portal", str(good), "--out", str(out)]) == EXIT_OK
    written = sorted(p.stem for p in out.glob("*.yaml"))
    assert written == sorted(p.stem for p in good.glob("*.json"))
    assert "imported 14 procedures (14 written, 0 skipped), refused 0 records" in (
        capsys.readouterr().out
    )
    assert len(load_catalog(out)) == 14
    assert main(["validate", str(out)]) == EXIT_OK


def test_the_files_are_the_same_bytes_every_time(good: Path, tmp_path: Path) -> None:
    for run in ("a", "b"):
        assert main(["import-portal", str(good), "--out", str(tmp_path / run)]) == EXIT_OK
    for path in (tmp_path / "a").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        assert text == (tmp_path / "b" / path.name).read_text(encoding="utf-8")
        assert text.startswith("# yaml-language-server: $schema=../../schema/catalog.schema.json\n")


def test_several_files_and_the_reasons_of_each_refusal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paths = [str(RECORDS / "1.115493.json"), str(RECORDS / "1.115444.json")]
    assert main(["import-portal", *paths, "--out", str(tmp_path)]) == EXIT_INVALID
    captured = capsys.readouterr()
    assert captured.err == "1.115444.json: legalBasisesDetails: the record has no legal basis\n"
    assert [p.name for p in tmp_path.glob("*.yaml")] == ["1.115493.yaml"]


def test_strict_refuses_records_that_need_review(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(RECORDS / "1.013234.json")
    assert main(["import-portal", path, "--out", str(tmp_path), "--strict"]) == EXIT_INVALID
    assert "1.013234.json: level: needs review: several levels" in capsys.readouterr().err
    assert not list(tmp_path.glob("*.yaml"))


def test_validate_lists_what_needs_review_as_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["import-portal", str(RECORDS / "1.115563.json"), "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(["validate", str(tmp_path)]) == EXIT_OK
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "valid: 1 procedure versions, 0 overlays"
    assert out[1] == (
        "warning: 1.115563: cases.standard.counter: needs review: unit HOUR: working or clock "
        "hours not stated (source: '15 HOUR')"
    )


def test_codes_already_in_a_catalogue_are_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], repo: Path
) -> None:
    args = ["import-portal", str(RECORDS / "1.000894.json"), "--out", str(tmp_path)]
    assert main([*args, "--skip-codes-in", str(repo / "catalog" / "ho-tich")]) == EXIT_OK
    assert "(0 written, 1 skipped)" in capsys.readouterr().out
    assert not list(tmp_path.glob("*.yaml"))


def test_a_file_that_is_not_a_record_is_refused_with_its_place(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "broken.json").write_text('{"code": "OK",\n "data": {', encoding="utf-8")
    (tmp_path / "list.json").write_text("[1, 2]", encoding="utf-8")
    assert main(["import-portal", str(tmp_path), "--out", str(tmp_path / "out")]) == EXIT_INVALID
    assert capsys.readouterr().err.splitlines() == [
        "broken.json:2:11: not JSON: Expecting property name enclosed in double quotes",
        "list.json: data: expected a portal record (a JSON object), got a list",
    ]


@pytest.mark.parametrize(
    "args",
    [
        ["import-portal", "no-such-folder", "--out", "x"],
        ["import-portal", "tests/portal/records"],  # --out is required
        ["import-portal", "tests/portal/records", "--out", "tests/portal/conftest.py"],
    ],
)
def test_usage_errors_exit_2(
    args: list[str], capsys: pytest.CaptureFixture[str], repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(repo)
    assert main(args) == EXIT_USAGE
    assert "error" in capsys.readouterr().err


def test_figures_are_printed_on_request(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # 1.009122: 6 DAY limits (two per channel); 1.013234: 1 DAY; 1.115695: 3 OTHER in prose
    paths = [str(RECORDS / f"{code}.json") for code in ("1.009122", "1.013234", "1.115695")]
    assert main(["import-portal", *paths, "--out", str(tmp_path), "--figures"]) == EXIT_OK
    assert capsys.readouterr().out.splitlines()[1:] == [
        "records: 3, imported 3, refused 0",
        "(procedure, channel) limits DAY: 7/7 mapped exactly",
        "(procedure, channel) limits OTHER: 3/3 mapped exactly",
        "WORKING_DAY/DAY/HOUR: 7/7 = 100.0% exact",
        "needs review: 1 a price (giá), neither lệ phí nor phí; imported as a charge",
        "needs review: 1 several levels; the lowest is kept (isWard, isProvince true)",
    ]


def test_an_empty_folder_and_a_file_too_large_are_reasons(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tthc.portal

    empty = tmp_path / "empty"
    empty.mkdir()
    big = tmp_path / "big.json"
    big.write_text('{"data": {}}', encoding="utf-8")
    monkeypatch.setattr(tthc.portal, "MAX_RECORD_BYTES", 4)
    args = ["import-portal", str(empty), str(big), "--out", str(tmp_path / "out")]
    assert main(args) == EXIT_INVALID
    assert capsys.readouterr().err.splitlines() == [
        f"{empty}: no portal records (*.json) in this folder",
        f"{big}: file is 12 bytes; the limit is 4 bytes",
    ]


def test_hostile_record_files_are_refused_unread_or_with_a_reason(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A FIFO is not opened (it would block), deep nesting and duplicate keys are reasons."""
    import os

    folder = tmp_path / "records"
    folder.mkdir()
    os.mkfifo(folder / "pipe.json")
    (folder / "deep.json").write_text("[" * 100_000, encoding="utf-8")
    (folder / "twice.json").write_text('{"data": {"code": "1", "code": "2"}}', encoding="utf-8")
    assert main(["import-portal", str(folder), "--out", str(tmp_path / "out")]) == EXIT_INVALID
    out = capsys.readouterr()
    text = out.out + out.err
    assert "pipe.json: not a regular file: this is a FIFO" in text
    assert "deep.json: not a portal record: JSON nested too deep" in text
    assert "twice.json: key 'code' given twice in one object" in text
    assert "Traceback" not in text
