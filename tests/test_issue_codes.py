"""Every issue code the library can emit is registered and explained on docs/issue-codes.md."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tthc._issue_codes import HELP_PAGE, ISSUE_CODES, help_path
from tthc.catalog import load_catalog
from tthc.catalog._messages import CODE_BY_TYPE
from tthc.errors import RECEIVED_LIMIT, CatalogError, Issue

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src" / "tthc"
PAGE = ROOT / HELP_PAGE
_KEBAB = re.compile(r"^[a-z]+(-[a-z]+)*$")
_ISSUE_CALLS = {"Issue", "issue", "_issue", "_fail"}


def codes_in_source() -> dict[str, set[str]]:
    """Code -> the modules naming it: ``code="..."`` given to an issue, a ``code`` parameter's
    default, and the codes returned with a message (``return message, "lengthens"``)."""
    found: dict[str, set[str]] = {}
    for path in sorted(SOURCE.rglob("*.py")):
        module = path.relative_to(SOURCE).as_posix()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            constants: list[ast.expr] = []
            if isinstance(node, ast.Call):
                func = node.func
                name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
                if name in _ISSUE_CALLS:
                    constants += [k.value for k in node.keywords if k.arg == "code"]
            elif isinstance(node, ast.FunctionDef):
                arguments = node.args
                constants += [
                    default
                    for argument, default in zip(
                        arguments.kwonlyargs, arguments.kw_defaults, strict=True
                    )
                    if argument.arg == "code" and default is not None
                ]
            elif isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple):
                constants += node.value.elts
            # both codes of `code="a" if ... else "b"`
            constants += [
                branch
                for c in constants
                if isinstance(c, ast.IfExp)
                for branch in (c.body, c.orelse)
            ]
            for constant in constants:
                value = constant.value if isinstance(constant, ast.Constant) else None
                if isinstance(value, str) and _KEBAB.match(value):
                    found.setdefault(value, set()).add(module)
    for code in CODE_BY_TYPE.values():
        found.setdefault(code, set()).add("catalog/_messages.py")
    return found


def page_sections() -> dict[str, str]:
    """Heading -> the text under it, for each ``###`` section (one per code) of the page."""
    parts = re.split(r"^#{2,3} (.+)$", PAGE.read_text(encoding="utf-8"), flags=re.MULTILINE)
    return {parts[i].strip(): parts[i + 1] for i in range(1, len(parts), 2)}


def test_the_source_collection_sees_codes_from_every_layer() -> None:
    found = codes_in_source()
    assert {"syntax", "duplicate-key", "not-found", "not-one-of", "lengthens", "invalid"} <= set(
        found
    )
    assert "_yaml/_builder.py" in found["duplicate-key"]


def test_every_code_in_the_source_is_registered() -> None:
    unregistered = {c: m for c, m in codes_in_source().items() if c not in ISSUE_CODES}
    assert not unregistered


def test_every_registered_code_is_emitted_somewhere() -> None:
    assert set(ISSUE_CODES) <= set(codes_in_source())


@pytest.mark.parametrize("code", sorted(ISSUE_CODES))
def test_every_code_has_a_section_with_the_fix(code: str) -> None:
    sections = page_sections()
    assert code in sections, f"### {code} is missing from {HELP_PAGE}"
    text = sections[code]
    assert "**Fix:**" in text
    assert text.strip(), code


def test_the_page_documents_no_code_that_does_not_exist() -> None:
    headings = {h for h in page_sections() if _KEBAB.match(h)}
    assert headings == set(ISSUE_CODES)


def test_the_codes_of_the_invalid_examples_are_registered() -> None:
    seen: set[str] = set()
    for example in sorted((ROOT / "tests" / "catalog" / "examples" / "invalid").glob("*.yaml")):
        with pytest.raises(CatalogError) as caught:
            load_catalog(example)
        seen |= {issue.code for issue in caught.value.issues}
    assert seen <= set(ISSUE_CODES)
    assert len(seen) >= 10


def test_an_issue_links_to_its_section() -> None:
    assert Issue("x", code="not-one-of").help == "docs/issue-codes.md#not-one-of"
    assert help_path("budget").endswith("#budget")


@pytest.mark.parametrize(
    ("received", "kept"),
    [
        (None, None),
        ("", ""),
        ("x" * RECEIVED_LIMIT, "x" * RECEIVED_LIMIT),
        ("x" * (RECEIVED_LIMIT + 1), "x" * (RECEIVED_LIMIT - 1) + "…"),
        ("đ" * 10_000, "đ" * (RECEIVED_LIMIT - 1) + "…"),
    ],
)
def test_the_received_value_is_bounded(received: str | None, kept: str | None) -> None:
    assert Issue("m", received=received).received == kept
