"""Finding the catalogue files under the paths given: each file once, nothing skipped silently.

A folder is searched recursively for ``*.yaml``, ``*.yml`` and ``*.json`` files, in any
case, following symbolic links (each folder once, so a link loop ends) and skipping
hidden files and folders (names starting with ``.``). Other files are not catalogue files
and are left alone. What cannot be searched is an issue: a folder that cannot be listed,
a broken link, an entry that cannot be examined, and a catalogue name that is not a
regular file (a FIFO, a device), which is never opened.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from tthc._files import not_regular
from tthc.errors import Issue

__all__ = ["SUFFIXES", "catalog_files"]

#: The file names a folder tree is searched for, in any case (``X.YAML`` too).
SUFFIXES = (".yaml", ".yml", ".json")


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
            again, reported = self._searched_before(status), len(self.issues)
            reached = list(self._tree(name, status))
            found = sorted((path for path, first in reached if first), key=Path)
            if not reached and not again and len(self.issues) == reported:
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
