"""A griffe extension that makes tthc's docstrings read well in the API reference.

The docstrings are written for ``help()``, doctest and Sphinx-minded readers: examples
are bare ``>>>`` blocks and cross-references are reStructuredText roles
(``:meth:`Catalog.get```). Markdown reads a ``>>>`` line as three nested quotes and prints
roles as they are, so before mkdocstrings renders a docstring this extension rewrites it:

- every doctest block becomes a fenced ``pycon`` code block;
- every role becomes an autorefs link to the page's heading for the object
  (``[`Catalog.get`][tthc.catalog.Catalog.get]``) when the API reference shows that object,
  and inline code when it does not (a private module, a name outside tthc);
- a paragraph ending in ``::`` before an indented block ends in ``:``.

The source files are not touched: the same docstrings still run as doctests.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import griffe

__all__ = ["ReadableDocstrings", "fence_doctests", "link_roles"]

_API_PAGE = Path(__file__).resolve().parent.parent / "api.md"
_DIRECTIVE = re.compile(r"^:::\s+(?P<name>[\w.]+)\s*$", re.MULTILINE)
_ROLE = re.compile(
    r":(?:py:)?(?P<role>meth|class|func|attr|mod|data|exc|obj|const):`(?P<tilde>~?)(?P<target>[^`]+)`"
)
_FENCE = re.compile(r"^\s*(```|~~~)")


def fence_doctests(text: str) -> str:
    r"""Wrap every ``>>>`` block (up to the next blank line) in a ``pycon`` fence.

    >>> fence_doctests("Say hi.\n\n>>> 1 + 1\n2\n\nDone.").splitlines()
    ['Say hi.', '', '```pycon', '>>> 1 + 1', '2', '```', '', 'Done.']

    Blocks already inside a fence are left alone, and an indented block keeps its indent.
    """
    out: list[str] = []
    lines = text.split("\n")
    index = 0
    fenced = False
    while index < len(lines):
        line = lines[index]
        if _FENCE.match(line):
            fenced = not fenced
        if fenced or not line.lstrip().startswith(">>>"):
            out.append(line)
            index += 1
            continue
        indent = line[: len(line) - len(line.lstrip())]
        if out and out[-1].strip():
            out.append("")
        out.append(f"{indent}```pycon")
        while index < len(lines) and lines[index].strip():
            out.append(lines[index])
            index += 1
        out.append(f"{indent}```")
    return "\n".join(out)


def _literal_markers(text: str) -> str:
    """``text::`` before a blank line and an indented block reads ``text:``."""
    return re.sub(r"(?<=\S)::\n(?=\n[ \t]+\S)", ":\n", text)


def link_roles(text: str, resolve: Any) -> str:
    """Replace every role by a link to ``resolve(target)``, or by inline code for ``None``.

    >>> link_roles(
    ...     "See :meth:`~tthc.Catalog.get` and :mod:`tthc._yaml`.",
    ...     {"tthc.Catalog.get": "tthc.catalog.Catalog.get"}.get,
    ... )
    'See [`get`][tthc.catalog.Catalog.get] and `tthc._yaml`.'
    """

    def replace(match: re.Match[str]) -> str:
        target = match.group("target").strip()
        shown = target.rsplit(".", 1)[-1] if match.group("tilde") else target
        path = resolve(target)
        return f"[`{shown}`][{path}]" if path else f"`{shown}`"

    return _ROLE.sub(replace, text)


class ReadableDocstrings(griffe.Extension):
    """Rewrite the docstrings of the packages the API page documents (see the module)."""

    def __init__(self, api_page: str | None = None) -> None:
        page = Path(api_page) if api_page else _API_PAGE
        self.documented = tuple(_DIRECTIVE.findall(page.read_text(encoding="utf-8")))

    def on_package(self, *, pkg: griffe.Module, loader: griffe.GriffeLoader, **kwargs: Any) -> None:
        """Once the whole package is loaded (so imports resolve), rewrite its docstrings."""
        if not any(name.split(".")[0] == pkg.name for name in self.documented):
            return
        shown = self._shown(loader)
        for obj in _walk(pkg):
            if obj.docstring is None:
                continue

            def resolve(target: str, scope: griffe.Object = obj) -> str | None:
                return _link_target(target, scope, loader, shown)

            text = _literal_markers(obj.docstring.value)
            obj.docstring.value = link_roles(fence_doctests(text), resolve)

    def _shown(self, loader: griffe.GriffeLoader) -> dict[str, str]:
        """Canonical path -> the path of its heading on the API page, for every shown object."""
        shown: dict[str, str] = {}

        def visit(obj: griffe.Object | griffe.Alias) -> None:
            try:
                canonical = obj.final_target.path if obj.is_alias else obj.path  # type: ignore[union-attr]
            except (griffe.AliasResolutionError, griffe.CyclicAliasError):
                return
            if obj.docstring is None:  # mkdocstrings shows objects with a docstring only
                return
            shown.setdefault(canonical, obj.path)
            shown.setdefault(obj.path, obj.path)
            if obj.is_module:
                return
            for name, member in obj.members.items():
                if not name.startswith("_") or (name.startswith("__") and name.endswith("__")):
                    visit(member)

        for name in self.documented:
            module = loader.modules_collection[name]
            shown.setdefault(module.path, module.path)
            for member in module.members.values():
                if _shown_member(member):
                    visit(member)
        return shown


def _shown_member(member: griffe.Object | griffe.Alias) -> bool:
    """Whether mkdocstrings shows a module's member: public, and not a submodule."""
    try:
        return member.is_public and not member.is_module
    except (griffe.AliasResolutionError, griffe.CyclicAliasError):
        return False  # an import from outside the loaded packages


def _walk(obj: griffe.Object) -> Any:
    yield obj
    for member in obj.members.values():
        if not member.is_alias:
            yield from _walk(member)  # type: ignore[arg-type]


def _link_target(
    target: str, scope: griffe.Object, loader: griffe.GriffeLoader, shown: dict[str, str]
) -> str | None:
    """The heading to link ``target`` (as written in ``scope``'s docstring) to, if shown."""
    first, _, rest = target.partition(".")
    candidates = [target]
    try:
        resolved = scope.resolve(first)
    except griffe.NameResolutionError:
        pass
    else:
        candidates.insert(0, f"{resolved}.{rest}" if rest else resolved)
    for path in candidates:
        try:
            obj = loader.modules_collection[path]
            canonical = obj.final_target.path if obj.is_alias else obj.path
        except (KeyError, ValueError, griffe.AliasResolutionError, griffe.CyclicAliasError):
            continue
        if canonical in shown:
            return shown[canonical]
        if path in shown:
            return shown[path]
    return None
