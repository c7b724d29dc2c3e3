"""Read catalogue files (YAML or JSON) into a checked :class:`~tthc.catalog.Catalog`.

This is the only part of the catalogue that knows about YAML. It reads every file,
validates every entry, runs every cross-check, and raises one
:class:`~tthc.errors.CatalogError` carrying every issue, each with its file, line, column
and path inside the document.
"""

from __future__ import annotations

import contextlib
import gc
import os
import stat
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from tthc._files import not_regular, read_regular_file
from tthc._yaml import MAX_BYTES, YamlDocument, load_yaml
from tthc.catalog._catalog import Catalog
from tthc.catalog._checks import Origin, check_catalog, check_overlay, check_procedure
from tthc.catalog._messages import describe, unknown_field
from tthc.catalog._models import Procedure
from tthc.catalog._overlay import Overlay
from tthc.errors import CatalogError, Issue

__all__ = ["catalog_files", "load_catalog", "parse_catalog"]

#: The file names a folder tree is searched for, in any case (``X.YAML`` too).
SUFFIXES = (".yaml", ".yml", ".json")
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

    A folder is searched recursively for ``*.yaml``, ``*.yml`` and ``*.json`` files (in
    any case: ``X.YAML`` too), following symbolic links and skipping hidden files and
    folders (names starting with ``.``); other files are not catalogue files and are left
    alone. Files named directly are read whatever their suffix (JSON is YAML). A file
    reached twice, for example named and also inside a folder, is read once. A folder
    that cannot be listed, a broken link, and a catalogue name that is not a regular file
    (a FIFO, a device) are issues: nothing is skipped silently, and nothing but regular
    files is ever opened.

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
    """The files to read under ``paths``, and an issue for each path that cannot be read.

    A file reached twice (named and also inside a folder, or through a symbolic link) is
    read once, under the name it was first reached by.
    """
    finder = _Finder()
    for given in paths:
        finder.add(os.fspath(given))
    return [(name, Path(name)) for name in finder.files], finder.issues


class _Finder:
    """Collects the files under the paths given, each once, and what could not be searched."""

    def __init__(self) -> None:
        self.files: list[str] = []
        self.issues: list[Issue] = []
        self._seen: set[tuple[int, int]] = set()

    def add(self, name: str) -> None:
        status = self._stat(name, named=True)
        if status is None:
            return
        if stat.S_ISDIR(status.st_mode):
            again = self._searched_before(status)
            reached = list(self._tree(name, status))
            found = sorted((path for path, first in reached if first), key=Path)
            if not reached and not again:
                self.issues.append(
                    Issue(
                        "no catalogue files (*.yaml, *.yml, *.json) in this folder or below it",
                        file=name,
                        code="no-files",
                    )
                )
            self.files.extend(found)
        elif stat.S_ISREG(status.st_mode):
            if self._first_visit(status):
                self.files.append(name)
        else:
            self.issues.append(not_regular(name, status.st_mode))

    def _stat(self, name: str, *, named: bool) -> os.stat_result | None:
        try:
            return os.stat(name)
        except FileNotFoundError:
            link = os.path.islink(name)
            missing = "a symbolic link to a missing file" if link else "no such file or folder"
            self.issues.append(Issue(missing, file=name, code="not-found"))
        except OSError as exc:
            message = f"cannot read this {'path' if named else 'entry'}: {exc.strerror or exc}"
            self.issues.append(Issue(message, file=name, code="unreadable"))
        return None

    def _first_visit(self, status: os.stat_result) -> bool:
        key = (status.st_dev, status.st_ino)
        if key in self._seen:
            return False
        self._seen.add(key)
        return True

    def _searched_before(self, status: os.stat_result) -> bool:
        return (status.st_dev, status.st_ino) in self._seen

    def _tree(self, top: str, status: os.stat_result) -> Iterator[tuple[str, bool]]:
        """The catalogue files below ``top``, each with whether it is reached for the first time.

        Symbolic links are followed; each folder is searched once.
        """
        folders = [(top, status)]
        while folders:
            folder, folder_status = folders.pop()
            if not self._first_visit(folder_status):
                continue  # reached again through a link: its files are already listed
            try:
                with os.scandir(folder) as listing:
                    names = sorted(entry.name for entry in listing)
            except OSError as exc:
                self.issues.append(
                    Issue(
                        f"cannot read this folder: {exc.strerror or exc}; "
                        "the files in it were not checked",
                        file=folder,
                        code="unreadable",
                    )
                )
                continue
            for entry in names:
                if entry.startswith("."):
                    continue
                path = os.path.join(folder, entry)
                wanted = entry.lower().endswith(SUFFIXES)
                if not wanted and not os.path.isdir(path):
                    continue
                found = self._stat(path, named=False)
                if found is None:
                    continue
                if stat.S_ISDIR(found.st_mode):
                    folders.append((path, found))
                elif not wanted:
                    continue
                elif not stat.S_ISREG(found.st_mode):
                    self.issues.append(not_regular(path, found.st_mode))
                else:
                    yield path, self._first_visit(found)


def _read(name: str, source: Path | str | bytes) -> str | bytes | Issue:
    if not isinstance(source, Path):
        return source
    try:
        return read_regular_file(source, max_bytes=MAX_BYTES)
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
                    self.issues.append(
                        document.issue(message, (kind, index, *loc), code=code, key=key)
                    )
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
