"""Fuzzing: the catalogue loader and ``tthc validate`` on any text or bytes.

Whatever the input, loading either succeeds or raises :class:`CatalogError` with issues,
and the command line exits 0 or 1 with ``file:line:col`` lines, never a traceback.
"""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tthc.catalog import Catalog, parse_catalog
from tthc.cli import main
from tthc.errors import CatalogError
from tthc.strategies import catalog_documents

#: Pieces of catalogue YAML: keys, values, indicators, indentation and line breaks.
TOKENS = (
    "\n", "\n\n", "  ", "-", ": ", "[", "]", "{", "}", ",", "&", "*", "!", "|", ">", "'", '"',
    "#", "%", "@", "?", "~", "\t", "\\", "\r",
    "procedures:", "overlays:", "code: ", "'1.000001'", "1.001193", "cases:", "time_limit: ",
    "3 working days", "same day, cut-off 15:00", "id: standard", "valid_from: ", "2026-01-01",
    "2026-02-30", "<<: *a", "&a ", "*a", "!!python/object:os.system", "yes", "no", "1:30",
    "0.5", "\ufeff", "\x00", "\u2028", "\ud800", "é", "---\n", "...\n", "  " * 60,
)  # fmt: skip
YAMLISH = st.lists(st.sampled_from(TOKENS), max_size=60).map("".join)
TEXTS = st.one_of(st.text(), YAMLISH)


def encoded(text: str) -> bytes:
    """UTF-8, keeping a lone surrogate as the bytes a careless writer would produce."""
    return text.encode("utf-8", "surrogatepass")


@st.composite
def edited_documents(draw: st.DrawFn) -> str:
    """A valid catalogue file with a few random edits: characters cut, pieces pasted in."""
    text = draw(catalog_documents(max_size=2, max_overlays=1)).text
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 8))
        text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at + cut :]
    return text


def _load(source: str | bytes) -> None:
    """Load ``source``: a catalogue, or issues that say where; any other error fails."""
    try:
        catalog = parse_catalog(source, file="fuzz.yaml")
    except CatalogError as error:
        issues = error.issues
    else:
        assert isinstance(catalog, Catalog)
        return
    assert issues
    for issue in issues:
        assert issue.file in ("fuzz.yaml", "<memory>")
        assert issue.message
        assert str(issue).startswith(issue.file)


@settings(max_examples=100, deadline=None)
@given(TEXTS)
def test_the_loader_reports_issues_for_any_text(text: str) -> None:
    _load(text)


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.binary(), TEXTS.map(encoded)))
def test_the_loader_reports_issues_for_any_bytes(data: bytes) -> None:
    _load(data)


@settings(max_examples=40, deadline=None)
@given(edited_documents())
def test_the_loader_reports_issues_for_edited_files(text: str) -> None:
    _load(text)
    _load(encoded(text))


def _validate(content: bytes, *options: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(content)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["validate", str(path), *options])
    return status, out.getvalue(), err.getvalue()


@settings(max_examples=40, deadline=None)
@given(st.one_of(st.binary(), TEXTS.map(encoded), edited_documents().map(encoded)))
def test_tthc_validate_exits_0_or_1_without_a_traceback(content: bytes) -> None:
    status, out, err = _validate(content)
    assert status in (0, 1)
    assert "Traceback" not in out + err
    if status == 0:
        assert out.startswith("valid: ")
    else:
        assert err.strip().endswith(("problem found", "problems found"))
        assert all(".yaml" in line for line in out.splitlines())


@settings(max_examples=30, deadline=None)
@given(st.one_of(st.binary(max_size=200), edited_documents().map(encoded)))
def test_tthc_validate_json_says_the_same(content: bytes) -> None:
    status, out, err = _validate(content, "--format", "json")
    report = json.loads(out)
    assert report["valid"] is (status == 0)
    assert bool(report["issues"]) is (status == 1)
    assert "Traceback" not in err
