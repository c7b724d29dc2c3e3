"""Read catalogue files (YAML or JSON) into a checked :class:`~tthc.catalog.Catalog`.

This is the only part of the catalogue that knows about YAML. It reads every file,
validates every entry, runs every cross-check, and raises one
:class:`~tthc.errors.CatalogError` carrying every issue, each with its file, line, column
and path inside the document.
"""

from __future__ import annotations

import contextlib
import dataclasses
import gc
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from tthc._yaml import MAX_BYTES, YamlDocument, load_yaml
from tthc.catalog._catalog import Catalog
from tthc.catalog._checks import Origin, check_catalog, check_overlay, check_procedure
from tthc.catalog._messages import describe, received, unknown_field
from tthc.catalog._models import Procedure
from tthc.catalog._overlay import Overlay
from tthc.errors import CatalogError, Issue

__all__ = ["catalog_files", "load_catalog", "parse_catalog"]

#: The file names a folder tree is searched for.
SUFFIXES = (".yaml", ".yml")
_ROOT_KEYS = ("procedures", "overlays")
DocPath = tuple[str | int, ...]


class _YamlOrigin:
    """An entry read from a YAML document: issues point at lines and columns."""

    __slots__ = ("document", "prefix")

    def __init__(self, document: YamlDocument, prefix: DocPath) -> None:
        self.document = document
        self.prefix = prefix

    def issue(
        self, message: str, path: DocPath, *, code: str = "invalid", key: bool = False
    ) -> Issue:
        return self.document.issue(message, self.prefix + path, code=code, key=key)

    def where(self, path: DocPath) -> str:
        position = self.document.locate(self.prefix + path)
        if position is None:  # pragma: no cover - an entry always has a position
            return self.document.file
        return f"{self.document.file}:{position[0]}:{position[1]}"


def load_catalog(path: str | os.PathLike[str], *more: str | os.PathLike[str]) -> Catalog:
    """Load catalogue files, or folder trees of them, into one checked catalogue.

    A folder is searched recursively for ``*.yaml`` and ``*.yml`` files, skipping hidden
    files and folders; files named directly are read whatever their suffix (JSON is YAML).

    Raises:
        CatalogError: Anything is wrong anywhere; ``.issues`` lists every problem with
            its file, line, column and path inside the document.
    """
    sources, issues = catalog_files([path, *more])
    with _collector_paused():
        return _Loader(issues).load(sources)


def parse_catalog(text: str | bytes, *, file: str = "<string>") -> Catalog:
    """Load a catalogue from the text of one file (YAML or JSON).

    Raises:
        CatalogError: As :func:`load_catalog`.
    """
    with _collector_paused():
        return _Loader([]).load([(file, text)])


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while a catalogue is built.

    Loading creates hundreds of thousands of small containers and no reference cycles;
    reference counting frees them. Left running, the cycle collector re-scans the
    growing heap and takes about a third of the load time. The previous state is
    restored on the way out.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def catalog_files(
    paths: Iterable[str | os.PathLike[str]],
) -> tuple[list[tuple[str, Path | str | bytes]], list[Issue]]:
    """The files to read under ``paths``, and an issue for each path that has none."""
    sources: list[tuple[str, Path | str | bytes]] = []
    issues: list[Issue] = []
    for given in paths:
        path = Path(given)
        name = os.fspath(given)
        if path.is_dir():
            found = sorted(_tree(path))
            if not found:
                issues.append(
                    Issue(
                        "no catalogue files (*.yaml, *.yml) in this folder or below it",
                        file=name,
                        code="no-files",
                    )
                )
            sources.extend((str(f), f) for f in found)
        elif path.is_file():
            sources.append((name, path))
        elif path.exists():
            issues.append(Issue("not a regular file", file=name, code="not-a-file"))
        else:
            issues.append(Issue("no such file or folder", file=name, code="not-found"))
    return sources, issues


def _tree(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in files:
            if name.endswith(SUFFIXES) and not name.startswith("."):
                yield Path(root) / name


def _read(name: str, source: Path | str | bytes) -> str | bytes | Issue:
    if not isinstance(source, Path):
        return source
    try:
        size = source.stat().st_size
        if size <= MAX_BYTES:  # a file that grew since is refused by load_yaml, by size
            return source.read_bytes()
        return Issue(
            f"file is {size:,} bytes; the limit is {MAX_BYTES:,} bytes",
            file=name,
            code="too-large",
        )
    except OSError as exc:
        return Issue(f"cannot read the file: {exc.strerror or exc}", file=name, code="unreadable")


class _Loader:
    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        self.procedures: list[tuple[Procedure, Origin]] = []
        self.overlays: list[tuple[Overlay, Origin]] = []

    def load(self, sources: Sequence[tuple[str, Path | str | bytes]]) -> Catalog:
        for name, source in sources:
            content = _read(name, source)
            if isinstance(content, Issue):
                self.issues.append(content)
                continue
            result = load_yaml(content, file=name)
            self.issues.extend(result.issues)
            if result.document is not None:
                self._document(result.document)
        self.issues += check_catalog(self.procedures, self.overlays)
        if self.issues:
            rank = {name: index for index, (name, _) in enumerate(sources)}
            self.issues.sort(key=lambda i: (rank.get(i.file, -1), i.line or 0, i.column or 0))
            raise CatalogError(self.issues)
        return Catalog._checked([p for p, _ in self.procedures], [o for o, _ in self.overlays])

    def _document(self, document: YamlDocument) -> None:
        data = document.data
        if not isinstance(data, dict):
            self.issues.append(
                document.issue(
                    "a catalogue file is a mapping with 'procedures:' and/or 'overlays:' "
                    f"lists; this file holds {_kind_of(data)}",
                    (),
                    code="not-a-catalogue",
                )
            )
            return
        for key in data:
            if key not in _ROOT_KEYS:
                self.issues.append(
                    document.issue(
                        unknown_field(str(key), list(_ROOT_KEYS)),
                        (key,),
                        code="unknown-field",
                        key=True,
                    )
                )
        if not any(data.get(k) for k in _ROOT_KEYS):
            self.issues.append(
                document.issue("the file has no procedures or overlays", (), code="not-a-catalogue")
            )
        self._entries(document, data.get("procedures"), "procedures", Procedure)
        self._entries(document, data.get("overlays"), "overlays", Overlay)

    def _entries(
        self, document: YamlDocument, items: Any, kind: str, model: type[BaseModel]
    ) -> None:
        if items is None:
            return
        if not isinstance(items, list):
            self.issues.append(
                document.issue(f"expected a list of {kind}, got {_kind_of(items)}", (kind,))
            )
            return
        for index, item in enumerate(items):
            try:
                entry = model.model_validate(item)
            except ValidationError as exc:
                for error in _without_echoes(exc.errors(include_url=False)):
                    message, code, key = describe(error, model)
                    loc = tuple(error["loc"])
                    if loc and loc[-1] == "[key]":
                        loc, key = loc[:-1], True
                    issue = document.issue(message, (kind, index, *loc), code=code, key=key)
                    self.issues.append(dataclasses.replace(issue, received=received(error)))
                continue
            origin = _YamlOrigin(document, (kind, index))
            if isinstance(entry, Procedure):
                self.issues += check_procedure(entry, origin)
                self.procedures.append((entry, origin))
            else:
                assert isinstance(entry, Overlay)
                self.issues += check_overlay(entry, origin)
                self.overlays.append((entry, origin))


def _without_echoes(errors: list[ErrorDetails]) -> list[ErrorDetails]:
    """Drop "needs at least N items" for a list whose items have errors of their own.

    Pydantic reports a too-short list when an item fails, even if enough items were
    written; the item's own error is the one to show.
    """
    locs = [tuple(e["loc"]) for e in errors]
    return [
        error
        for error, loc in zip(errors, locs, strict=True)
        if error["type"] != "too_short"
        or not any(len(other) > len(loc) and other[: len(loc)] == loc for other in locs)
    ]


def _kind_of(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"the value {value!r}"
