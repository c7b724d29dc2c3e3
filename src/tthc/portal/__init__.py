"""Importing the national portal's procedure records into catalogue files.

The I/O edge of :func:`tthc.catalog.procedure_from_portal`: read portal records (JSON
files, or folders of ``<code>.json``), map each one, write one catalogue YAML file per
procedure, and count what was mapped exactly, what needs review and what was refused.

>>> import json, tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "bad.json").write_text('{"code": "OK", "data": []}')
>>> result = import_portal([folder / "bad.json"])
>>> print(result.refused[0])
bad.json: data: expected a portal record (a JSON object), got a list
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tthc._files import read_regular_file
from tthc.catalog._models import Procedure
from tthc.catalog._portal import CHANNEL_OF_METHOD, procedure_from_portal
from tthc.catalog._portal_time import read_limit
from tthc.errors import CatalogError, Issue

__all__ = ["PortalImport", "import_portal", "portal_files"]

#: Records larger than this are refused unread (the largest in the 2026 snapshot: 90 kB).
MAX_RECORD_BYTES = 5_000_000


@dataclass
class PortalImport:
    """What an import made of its records, and its figures.

    Attributes:
        procedures: Each imported procedure with the file it was read from.
        refused: Every reason a record was not imported (file, field, message).
        limits: (procedure, channel) time limits seen, by the portal's unit.
        exact: Of those, the ones mapped with no review, by unit.
        review: Review items of the imported procedures, by reason.
    """

    procedures: list[tuple[str, Procedure]] = field(default_factory=list)
    refused: list[Issue] = field(default_factory=list)
    limits: Counter[str] = field(default_factory=Counter)
    exact: Counter[str] = field(default_factory=Counter)
    review: Counter[str] = field(default_factory=Counter)

    @property
    def refused_records(self) -> int:
        """How many records were refused."""
        return len({issue.file for issue in self.refused})

    def figures(self) -> str:
        """The figures as text: records, exact limits by unit, review and refusals by reason."""
        total = len(self.procedures) + self.refused_records
        lines = [
            f"records: {total}, imported {len(self.procedures)}, refused {self.refused_records}"
        ]
        for unit in sorted(self.limits):
            seen, exact = self.limits[unit], self.exact[unit]
            lines.append(f"(procedure, channel) limits {unit}: {exact}/{seen} mapped exactly")
        counted = ("WORKING_DAY", "DAY", "HOUR")
        seen = sum(self.limits[u] for u in counted)
        exact = sum(self.exact[u] for u in counted)
        if seen:
            lines.append(f"WORKING_DAY/DAY/HOUR: {exact}/{seen} = {100 * exact / seen:.1f}% exact")
        lines += [f"needs review: {n} {reason}" for reason, n in _ranked(self.review)]
        reasons = Counter(issue.message for issue in self.refused)
        lines += [f"refused: {n} {reason}" for reason, n in _ranked(reasons)]
        return "\n".join(lines)


def _ranked(counter: Counter[str]) -> list[tuple[str, int]]:
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))


def portal_files(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[Issue]]:
    """The record files under ``paths`` (a folder gives its ``*.json``), and missing paths."""
    files: list[Path] = []
    issues: list[Issue] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found = sorted(p for p in path.glob("*.json") if not p.name.startswith("."))
            if not found:
                issues.append(Issue("no portal records (*.json) in this folder", file=str(path)))
            files += found
        elif path.is_file():
            files.append(path)
        else:
            issues.append(Issue("no such file or folder", file=str(path), code="not-found"))
    return files, issues


def import_portal(paths: Iterable[str | os.PathLike[str]], *, strict: bool = False) -> PortalImport:
    """Import every record under ``paths``; never raises for a bad record (see ``refused``).

    Args:
        paths: Record files or folders of them.
        strict: Refuse a record when anything in it needs review.
    """
    files, issues = portal_files(paths)
    result = PortalImport(refused=issues)
    for path in files:
        name = path.name
        data = _read(path, name, result)
        if data is None:
            continue
        _count_limits(data, result)
        try:
            procedure = procedure_from_portal(data, source=name, strict=strict)
        except CatalogError as error:
            result.refused += error.issues
            continue
        result.procedures.append((name, procedure))
        result.review.update(item.reason for item in procedure.review)
    return result


class _DuplicateKey(ValueError):
    """A JSON object with a key twice (json keeps the last one silently)."""


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for key, value in pairs:
        if key in found:
            raise _DuplicateKey(key)
        found[key] = value
    return found


def _read(path: Path, name: str, result: PortalImport) -> dict[str, Any] | None:
    """The record in ``path``, or None with the reason added to ``result.refused``."""
    record = _parse(path, name)
    if isinstance(record, Issue):
        result.refused.append(record)
        return None
    data = record.get("data", record) if isinstance(record, dict) else record
    if not isinstance(data, dict):
        kind = "a list" if isinstance(data, list) else type(data).__name__
        result.refused.append(
            Issue(
                f"expected a portal record (a JSON object), got {kind}", file=name, path=("data",)
            )
        )
        return None
    return data


def _parse(path: Path, name: str) -> Any:
    """The JSON value in ``path``, or the issue that refuses the file."""
    try:
        # A FIFO, a device or a socket is refused unread; so is a file over the limit.
        content = read_regular_file(path, max_bytes=MAX_RECORD_BYTES)
        if isinstance(content, Issue):
            return content
        return json.loads(content, object_pairs_hook=_unique_keys)
    except OSError as exc:
        return Issue(f"cannot read the file: {exc.strerror or exc}", file=name)
    except RecursionError:
        return Issue("not a portal record: JSON nested too deep", file=name)
    except _DuplicateKey as exc:
        return Issue(f"key {exc.args[0]!r} given twice in one object: which one counts?", file=name)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        column = getattr(exc, "colno", None)
        message = getattr(exc, "msg", str(exc))
        return Issue(f"not JSON: {message}", file=name, line=line, column=column)


def _count_limits(data: dict[str, Any], result: PortalImport) -> None:
    for method in _methods(data):
        unit = str(method.get("processingTimeUnit"))
        result.limits[unit] += 1
        reading = read_limit(
            method.get("processingTime"),
            method.get("processingTimeUnit"),
            str(method.get("description") or ""),
        )
        if reading.exact:
            result.exact[unit] += 1


def _methods(data: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for method in data.get("executionMethods") or ():
        if isinstance(method, dict) and method.get("submissionMethod") in CHANNEL_OF_METHOD:
            yield method
