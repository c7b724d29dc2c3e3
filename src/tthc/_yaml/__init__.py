r"""Safe, bounded YAML loading that remembers where every value came from.

Files in this project (the procedure catalogue, calendars) are written by hand and
checked in CI, so the loader's job is to never change what a person wrote and to say
exactly where a problem is. :func:`load_yaml` reads one YAML document and returns plain
Python data (``dict``, ``list``, ``str``, ``int``, ``float``, ``bool``, ``None`` and
``datetime.date``) together with every problem found, each an :class:`~tthc.errors.Issue`
with its line and column.

What differs from ``yaml.safe_load`` (YAML 1.1), on purpose:

- **Only what you wrote.** Plain scalars resolve with a small, conservative schema:
  ``true``/``false`` (any case style) are booleans, ``null``/``~``/empty is ``None``,
  decimal integers without leading zeros are ``int``, ``YYYY-MM-DD`` is a date.
  Everything else stays text: ``no``, ``on``, ``yes``, ``off``, ``15:00``, ``1:30``,
  ``010``, ``0o17``, ``0x1F``, ``1_000``, ``1e3``, ``.inf``.
- **Numbers that keep their text.** A decimal like ``0.5`` or ``1.001193`` becomes a
  ``float`` only when the float prints back as exactly the text written; ``1.000890``
  (the trailing zero would be lost) and ``200.000`` (a Vietnamese thousands separator)
  stay text. So no value is ever silently different from the file; a model that wants a
  number or a code then says clearly what it got.
- **Duplicate keys are an issue**, reported at the second key (PyYAML keeps the last
  value silently). The first value is kept.
- **Merge keys (``<<``) and tags** other than ``!!str``, ``!!map`` and ``!!seq`` are
  refused: they hide where a value comes from.
- **Bounded.** At most ``max_bytes`` of input (5 MiB), ``max_depth`` nesting levels
  (100), and ``max_nodes`` values after expanding aliases (1,000,000), so a hostile
  file (for example "billion laughs") cannot exhaust memory or the stack. Aliases share
  the anchored value; an alias to an anchor that is still open (a cycle) is refused.
- **One document per file.** A second document (after ``---``) is an issue at its
  start, and is not read.
- **Errors, not exceptions.** Syntax errors, control characters and bytes that are not
  UTF-8 become issues with line and column; :func:`load_yaml` never raises for bad input.

Events come from libyaml (``yaml._yaml.CParser``) when PyYAML was built with it, else
from PyYAML's pure-Python parser; the document is built from the event stream without
recursion, so nesting depth is checked before it can overflow a stack. The text is read
and checked in :mod:`tthc._yaml._source` and the document built in
:mod:`tthc._yaml._builder`; this module holds the public API.

>>> result = load_yaml("code: '1.001193'\nopen: 15:00\nreply: no\n", file="p.yaml")
>>> result.document.data
{'code': '1.001193', 'open': '15:00', 'reply': 'no'}
>>> print(load_yaml("a: 1\na: 2\n", file="p.yaml").issues[0])
p.yaml:2:1: a: duplicate key 'a' (first at line 1, column 1); the first value is kept
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from tthc._yaml._builder import Path, _Builder, _hashable, _MapPositions, _Pos, _Stop
from tthc._yaml._source import (
    _C_PARSER,
    _bad_character,
    _position_issue,
    _py_parser,
    _syntax_issue,
    _text_of,
)
from tthc.errors import Issue

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "YamlDocument",
    "YamlResult",
    "load_yaml",
]

#: Largest input accepted, in bytes of UTF-8.
MAX_BYTES = 5 * 1024 * 1024
#: Deepest nesting of mappings and sequences accepted.
MAX_DEPTH = 100
#: Most values (scalars and containers) a document may hold once aliases are expanded.
MAX_NODES = 1_000_000


# ---------------------------------------------------------------- results


@dataclass(frozen=True, eq=False)
class YamlDocument:
    """One parsed YAML document: its plain data and where each value was written.

    Attributes:
        data: The document as plain Python data.
        file: The file name given to :func:`load_yaml`, used in issues.
    """

    data: Any
    file: str
    _root: _Pos | None = field(default=None, repr=False)
    _positions: dict[int, _MapPositions | list[_Pos]] = field(default_factory=dict, repr=False)

    def locate(self, path: Path, *, key: bool = False) -> tuple[int, int] | None:
        r"""The 1-based (line, column) of the value at ``path``.

        When ``path`` does not lead to a value (a missing key, an index out of range), the
        position of the nearest ancestor that exists is returned. With ``key=True`` the
        position of the last key of the path is returned instead of its value (useful to
        point at an unknown key). ``None`` only for an empty document.

        >>> doc = load_yaml("a:\n  b: [x, y]\n").document
        >>> doc.locate(("a", "b", 1)), doc.locate(("a", "missing")), doc.locate(("a",), key=True)
        ((2, 10), (2, 3), (1, 1))
        """
        if self._root is None:
            return None
        found = self._root
        node = self.data
        for index, step in enumerate(path):
            positions = self._positions.get(id(node))
            if positions is None:
                break
            if isinstance(positions, dict):
                entry = positions.get(step) if _hashable(step) else None
                if entry is None:
                    break
                last = index == len(path) - 1
                found = entry[0] if key and last else entry[1]
                node = node[step]
            else:
                if not isinstance(step, int) or not 0 <= step < len(positions):
                    break
                found = positions[step]
                node = node[step]
        return found.line + 1, found.column + 1

    def issue(self, message: str, path: Path, *, code: str = "invalid", key: bool = False) -> Issue:
        """An :class:`~tthc.errors.Issue` about the value at ``path``, located in this file."""
        where = self.locate(path, key=key)
        line, column = where if where is not None else (None, None)
        return Issue(message, file=self.file, line=line, column=column, path=path, code=code)


@dataclass(frozen=True)
class YamlResult:
    """What :func:`load_yaml` found.

    Attributes:
        document: The document, or ``None`` when the text could not be parsed at all.
        issues: Every problem found, in file order where possible.
    """

    document: YamlDocument | None
    issues: tuple[Issue, ...] = ()

    @property
    def ok(self) -> bool:
        """True when there is a document and no issue."""
        return self.document is not None and not self.issues


# ---------------------------------------------------------------- loading


def load_yaml(
    source: str | bytes,
    *,
    file: str = "<string>",
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
    max_nodes: int = MAX_NODES,
    pure_python: bool = False,
) -> YamlResult:
    """Parse one YAML document safely; never raises for bad input.

    Args:
        source: The text, or the file's bytes (UTF-8, an optional byte-order mark).
        file: The name to put in issues.
        max_bytes: Refuse larger inputs (counted in bytes of UTF-8).
        max_depth: Refuse deeper nesting.
        max_nodes: Refuse documents with more values once aliases are expanded.
        pure_python: Use PyYAML's Python parser even when libyaml is available (the
            results are the same; this exists to test the fallback).

    Returns:
        The document (``None`` if it could not be parsed) and every issue found.
    """
    text = _text_of(source, file, max_bytes)
    if isinstance(text, Issue):
        return YamlResult(None, (text,))
    builder = _Builder(file=file, max_depth=max_depth, max_nodes=max_nodes)
    use_c = _C_PARSER is not None and not pure_python
    try:
        builder.run(_C_PARSER(text) if _C_PARSER is not None and use_c else _py_parser(text))
    except yaml.MarkedYAMLError as exc:
        builder.issues.append(_syntax_issue(exc, file))
        return YamlResult(None, tuple(builder.issues))
    except yaml.reader.ReaderError as exc:
        # libyaml counts the position in bytes of UTF-8, PyYAML's reader in characters.
        position = exc.position
        if use_c:
            position = len(text.encode("utf-8")[:position].decode("utf-8", "ignore"))
        message = f"{_bad_character(exc.character)} is not allowed in YAML ({exc.reason})"
        builder.issues.append(_position_issue(position, text, file, message))
        return YamlResult(None, tuple(builder.issues))
    except _Stop:
        return YamlResult(None, tuple(builder.issues))
    document = YamlDocument(builder.data, file, builder.root, builder.positions)
    return YamlResult(document, tuple(builder.issues))
