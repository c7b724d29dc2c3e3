"""libyaml and PyYAML's Python parser give the same result for every text.

The loader reads valid files with libyaml when PyYAML bundles it and lets the Python
parser decide everything else (problems, and the constructs the two read differently), so
a user gets the same document, or the same issues at the same place, however their
PyYAML was built and whichever libyaml it bundles.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

import tthc._yaml as loader
from tthc._yaml import YamlResult, load_yaml
from tthc._yaml import _source as source

ROOT = Path(__file__).resolve().parent.parent


def summary(result: YamlResult) -> tuple[Any, ...]:
    """Everything a caller can see: data, every issue, and the position of every value."""
    document = result.document
    if document is None:
        return (None, result.issues)
    positions: list[tuple[Any, ...]] = []

    def walk(node: object, path: tuple[str | int, ...]) -> None:
        positions.append((path, document.locate(path), document.locate(path, key=True)))
        if isinstance(node, dict):
            for key, value in node.items():
                walk(value, (*path, key))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                walk(value, (*path, index))

    walk(document.data, ())
    return (repr(document.data), result.issues, positions)


def assert_parsers_agree(text: str | bytes, **limits: int) -> YamlResult:
    fast = load_yaml(text, file="f.yaml", **limits)  # type: ignore[arg-type]
    slow = load_yaml(text, file="f.yaml", pure_python=True, **limits)  # type: ignore[arg-type]
    assert summary(fast) == summary(slow)
    return fast


# ---------------------------------------------------------------- the loader's corpus

_FILES = sorted(
    path
    for folder in ("catalog", "tests", "docs")
    for path in (ROOT / folder).rglob("*")
    if path.suffix in {".yaml", ".yml"} and path.is_file()
)

# Texts that once read differently, or that attack the loader (each fails without the rule
# that makes the two parsers agree; the comment says which).
HOSTILE = [
    "x: {a: b? c}",  # '?' in a flow plain scalar: libyaml reads one scalar, Python stops
    "[1...\n?]",  # the same on a continuation line
    "{a:b, c: d}",  # ':' inside a flow plain scalar
    "{a: , b: }",  # empty flow values, placed differently
    "? a\n",  # explicit key without value
    "---\n#",  # an empty document
    "a: b\t\n",  # a tab after a value (libyaml accepts it)
    "a:\n\t- b\n",  # a tab as indentation
    "a: |#\n  x\n",  # a comment glued to a block scalar header
    "\r\n\ufeff|",  # a byte-order mark after the start
    "!:b!!str b?",  # a tag libyaml reads and the Python scanner refuses
    "!@! x",
    "[" * 5000 + "]" * 5000,  # deeper than libyaml 0.2.6's own limit of 1,000
    "a: " + "[" * 1500,
    "{" * 1200,
    "- " * 5000 + "x",
    "[" * 100_000,
    "a: &x [1, *x]\n",
    "a: *nowhere\n",
    "a: 1\n---\nb: 2\n",
    "a: 1\n---\nb:\t2\n",
    "ký: ắ\nb: x\x01y\n",
    "a: 1\na: 2\n",
    "base: &b {x: 1}\nother:\n  <<: *b\n",
    "v: !!python/object:os.system ls\n",
    'a: "unterminated\n\nb: 1\n',
    "[a, , b]",
    "\x85a: 1\u2028b: 2\u2029",
]


@pytest.mark.parametrize("path", _FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_yaml_file_in_the_repository_reads_the_same_with_both_parsers(path: Path) -> None:
    assert_parsers_agree(path.read_bytes())


@pytest.mark.parametrize("text", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_and_once_divergent_texts_read_the_same_with_both_parsers(text: str) -> None:
    assert_parsers_agree(text)


def test_the_corpus_has_valid_invalid_and_hostile_files() -> None:
    results = [load_yaml(p.read_bytes()) for p in _FILES]
    assert sum(r.ok for r in results) >= 10
    assert sum(not r.ok for r in results) >= 5
    assert any(p.parent.name == "invalid" for p in _FILES)


# ---------------------------------------------------------------- generated hostile text

_PIECES = [*"ab1 :-?,[]{}&*!|>'\"\n\t%@`#", "- ", ": ", "? ", "a: ", "\n  ", "\n- ", "&x ", "*x"]
_PIECES += ["!!str ", "!!map ", "---\n", "...\n", "'a'", '"b"', "1.5", "~", "|\n  ", ">-\n  "]
_PIECES += ["# c\n", "\r\n", "\x85", "\u2028", "é", "\ufeff", "%YAML 1.1\n", "'a''b'"]
_PIECES += ['"\\t\\u00e9"', "\\", "1.000890", "2020-01-01", "!<tag:yaml.org,2002:str> "]
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)


@given(_TEXTS)
@example("x: {a: b? c}")
@example("a: b\t")
def test_generated_texts_read_the_same_with_both_parsers(text: str) -> None:
    assert_parsers_agree(text)


@given(_TEXTS)
def test_generated_texts_agree_at_small_limits(text: str) -> None:
    assert_parsers_agree(text, max_depth=2, max_nodes=5)


# ---------------------------------------------------------------- libyaml's own limits


def test_libyamls_own_nesting_limit_is_reported_as_too_deep_where_the_python_parser_says(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """libyaml 0.2.6 stops at 1,000 flow levels with a syntax error of its own; 0.2.5 does not.

    Whatever libyaml says, the issue is the loader's: too deep, at the 101st level (the
    mapping and 100 brackets).
    """

    class NestingLimit:
        def __init__(self, text: str) -> None:
            self.mark = yaml.Mark("f.yaml", 1000, 0, 1000, None, None)

        def get_event(self) -> Any:
            raise yaml.scanner.ScannerError(
                "while increasing flow level",
                self.mark,
                "exceeded maximum nesting depth",
                self.mark,
            )

    monkeypatch.setattr(loader, "_C_PARSER", NestingLimit)
    result = load_yaml("a: " + "[" * 1500, file="f.yaml")
    assert [(i.line, i.column, i.code) for i in result.issues] == [(1, 103, "too-deep")]
    assert "deeper than 100 levels" in result.issues[0].message


def test_valid_files_are_read_by_libyaml_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    """The Python parser (13x slower) reads a file only when it has a problem."""
    if source._C_PARSER is None:  # pragma: no cover - depends on how PyYAML was built
        pytest.skip("PyYAML was built without libyaml")

    def refuse(text: str) -> Any:
        raise AssertionError("the Python parser read a valid file")

    monkeypatch.setattr(loader, "_py_parser", refuse)
    for path in sorted((ROOT / "catalog").rglob("*.yaml")):
        assert load_yaml(path.read_bytes()).ok, path


def test_tabs_get_a_hint_in_both_languages() -> None:
    (issue,) = load_yaml("a:\n\t- b\n").issues
    assert (issue.line, issue.column, issue.code) == (2, 1, "syntax")
    assert "replace the tab with spaces" in issue.message
    assert "dấu cách" in issue.message
