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

Events come from libyaml (``yaml._yaml.CParser``) when PyYAML was built with it and the
file is valid, else from PyYAML's pure-Python parser, which also reports every problem:
so the result (document or issues, with their positions) is the same whichever libyaml
version PyYAML bundles, or none. The document is built from the event stream without
recursion, so nesting depth is checked before it can overflow a stack (libyaml 0.2.6 has a
nesting limit of its own, which is never what reports nesting here). The text is read
and checked in :mod:`tthc._yaml._source` and the document built in
:mod:`tthc._yaml._builder`; this module holds the public API.

>>> result = load_yaml("code: '1.001193'\nopen: 15:00\nreply: no\n", file="p.yaml")
>>> result.document.data
{'code': '1.001193', 'open': '15:00', 'reply': 'no'}
>>> print(load_yaml("a: 1\na: 2\n", file="p.yaml").issues[0])
p.yaml:2:1: a: duplicate key 'a' (first at line 1, column 1); the first value is kept
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import yaml

from tthc._yaml._builder import (
    Path,
    _Builder,
    _Diverge,
    _hashable,
    _MapPositions,
    _Pos,
    _Stop,
)
from tthc._yaml._source import (
    _C_PARSER,
    _bad_character,
    _EventSource,
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
        pure_python: Use PyYAML's Python parser even when libyaml is available. The
            results are the same either way: libyaml only reads files on which the two
            parsers agree, and every problem is reported by the Python parser.

    Returns:
        The document (``None`` if it could not be parsed) and every issue found.
    """
    text = _text_of(source, file, max_bytes)
    if isinstance(text, Issue):
        return YamlResult(None, (text,))
    builder = partial(_Builder, file=file, max_depth=max_depth, max_nodes=max_nodes)
    if _C_PARSER is not None and not pure_python and not _DIVERGENT_TEXT.search(text):
        fast = _parse(text, _C_PARSER, builder(check_divergence=True), file)
        if fast is not None:
            return fast
    result = _parse(text, _py_parser, builder(), file)
    assert result is not None  # only the fast pass gives up
    return result


# Where libyaml and PyYAML's Python parser are known to read a text differently, the Python
# parser decides (it is the stricter of the two there), so that results never depend on how
# PyYAML was built:
# - a tab (libyaml accepts tabs as separating space in more places, e.g. after a value);
# - a block scalar indicator followed by '#' (``|#``: libyaml reads a comment that YAML
#   requires to be separated by a space);
# - a byte-order mark after the start (libyaml drops it, the Python parser keeps it);
# - an explicit key ``? `` (the two place a missing value differently).
# Inside the document, the builder gives up on libyaml's events for plain scalars in flow
# collections that hold '?' or ':', and for tags (see _builder._Diverge).
_DIVERGENT_TEXT = re.compile(r"\t|\ufeff|[|>][-+0-9]*#|(?:^|[\s\[{,])\?(?:\s|$)", re.MULTILINE)


def _parse(
    text: str, parser: Callable[[str], _EventSource], builder: _Builder, file: str
) -> YamlResult | None:
    """Build the document from ``parser``'s events.

    With a builder that checks divergence (events from libyaml), ``None`` means "ask
    the Python parser": whenever libyaml reports a problem, the build stops early (too
    deep, too many values, a second document), or libyaml reads a construct the two
    parsers may read differently. So every issue, and every document the two could
    disagree on, comes from one parser: the result is the same whichever parser PyYAML
    offers. Only files with problems, or with one of those constructs, are read twice.
    """
    fast = builder.check_divergence
    stop: Issue | None = None
    try:
        finished = builder.run(parser(text))
    except yaml.MarkedYAMLError as exc:
        stop = _syntax_issue(exc, file, text)
    except yaml.reader.ReaderError as exc:
        message = f"{_bad_character(exc.character)} is not allowed in YAML ({exc.reason})"
        stop = _position_issue(exc.position, text, file, message)
    except (_Stop, _Diverge):
        pass  # the reason is already an issue (or, for _Diverge, the Python parser decides)
    else:
        if fast and not finished:
            return None
        document = YamlDocument(builder.data, file, builder.root, builder.positions)
        return YamlResult(document, tuple(builder.issues))
    if fast:
        return None
    issues = builder.issues if stop is None else [*builder.issues, stop]
    return YamlResult(None, tuple(issues))
