"""Every fact is traceable inside the repository: docs/sources.md is the bibliography.

A file that cites material outside the repository (private notes, their tags, search
indexes, machine paths) sends its reader nowhere; each document the catalogue and the
calendar rest on has an entry in docs/sources.md.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tthc import load_catalog

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "docs" / "sources.md"
SCANNED = ("src", "tests", "docs", "catalog", "schema")
TOP_FILES = ("README.md", "CHANGELOG.md", "mkdocs.yml", "pyproject.toml")
TEXT_SUFFIXES = {
    ".py",
    ".md",
    ".yaml",
    ".yml",
    ".json",
    ".toml",
    ".txt",
    ".csv",
    ".jsonl",
    ".expected",
}

# The words are spelt in pieces so that this file, which names what is refused, is not
# itself read as citing it (by this test or by any scanner looking for those words).
_BRIEF = "DOM" + "AIN"
_NOTES = "research" + " notes"
_SHARED = "/" + "shared"

#: Citations that lead outside the repository: each with what it names.
OUTSIDE = {
    "the domain brief": re.compile(rf"\b{_BRIEF}(\.md)?\b"),
    "private notes": re.compile(rf"legal-research|peer-systems|{_NOTES}", re.IGNORECASE),
    "a search index": re.compile(r"code-corpus|search (tool|ids?)\b", re.IGNORECASE),
    "a confidence tag of the notes": re.compile(r"\[(S|B|V|V2)\](?!\()"),
    "a machine path": re.compile(rf"/work({_SHARED}|/\.library|/\.mirror)|\.\.{_SHARED}"),
}
#: A document number: 60/2014/QH13, 23/2015/NĐ-CP, 66.7/2025/NQ-CP, 12729/VPCP-KGVX.
NUMBER = re.compile(r"\d+(?:\.\d+)?/(?:\d{4}/)?[A-ZĐ][A-ZĐa-z0-9-]*")


def _files() -> list[Path]:
    found = [ROOT / name for name in TOP_FILES if (ROOT / name).exists()]
    for folder in SCANNED:
        found.extend(
            path
            for path in sorted((ROOT / folder).rglob("*"))
            if path.is_file() and path.suffix in TEXT_SUFFIXES and "__pycache__" not in path.parts
        )
    return [path for path in found if path != Path(__file__).resolve()]


def test_the_scan_sees_the_repository() -> None:
    names = {path.relative_to(ROOT).as_posix() for path in _files()}
    assert {"docs/sources.md", "catalog/ho-tich/1.001193-dang-ky-khai-sinh.yaml"} <= names
    assert "src/tthc/deadlines/_compute.py" in names


@pytest.mark.parametrize("path", _files(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_file_cites_material_outside_the_repository(path: Path) -> None:
    text = path.read_text(encoding="utf-8", errors="replace")  # a few examples are not UTF-8
    found = [
        f"line {text.count(chr(10), 0, match.start()) + 1}: {match.group(0)!r} ({what})"
        for what, pattern in OUTSIDE.items()
        for match in pattern.finditer(text)
    ]
    assert found == [], f"{path.relative_to(ROOT)} cites material outside the repository"


@pytest.mark.parametrize(
    ("sample", "what"),
    [
        (f"({_BRIEF} section 3)", "the domain brief"),
        (f"tthc {_NOTES} §2.3", "private notes"),
        ("code-corpus id 60415196157", "a search index"),
        ("the 3-day rule tagged [S]", "a confidence tag of the notes"),
        (f"see ..{_SHARED}/portal", "a machine path"),
    ],
)
def test_the_patterns_catch_what_they_name(sample: str, what: str) -> None:
    assert OUTSIDE[what].search(sample)
    assert not any(p.search("the domain core; a domain error") for p in OUTSIDE.values())


def test_sources_is_in_the_docs_navigation() -> None:
    assert "Sources: sources.md" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8")


def test_every_catalogue_legal_basis_has_a_bibliography_entry() -> None:
    bibliography = SOURCES.read_text(encoding="utf-8")
    missing = set()
    # The curated entries; imported ones (catalog/portal) cite the portal page they come from.
    curated = [p for p in sorted((ROOT / "catalog").iterdir()) if p.is_dir() and p.name != "portal"]
    for procedure in load_catalog(*curated):
        bases = list(procedure.legal_basis)
        bases += [b for case in procedure.cases for b in case.legal_basis]
        bases += [b for fee in procedure.fees for b in fee.legal_basis]
        for basis in bases:
            numbers = NUMBER.findall(basis.document)
            key = numbers[0] if numbers else basis.document
            if key not in bibliography:
                missing.add(basis.document)
    assert missing == set()


def test_every_calendar_document_has_a_bibliography_entry() -> None:
    bibliography = SOURCES.read_text(encoding="utf-8")
    snapshot = ROOT / "src" / "tthc" / "calendar" / "data" / "vn_calendar.json"
    documents = [
        row[0] for row in json.loads(snapshot.read_text(encoding="utf-8"))["overlay"]["sources"]
    ]
    missing = [
        document
        for document in documents
        for number in NUMBER.findall(document)
        if number not in bibliography
    ]
    assert missing == []
