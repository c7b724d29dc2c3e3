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
recursion, so nesting depth is checked before it can overflow a stack.

>>> result = load_yaml("code: '1.001193'\nopen: 15:00\nreply: no\n", file="p.yaml")
>>> result.document.data
{'code': '1.001193', 'open': '15:00', 'reply': 'no'}
>>> print(load_yaml("a: 1\na: 2\n", file="p.yaml").issues[0])
p.yaml:2:1: a: duplicate key 'a' (first at line 1, column 1); the first value is kept
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
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

Path = tuple[str | int, ...]
# Positions are 0-based (line, column) pairs inside; the API returns them 1-based.
_Pos = Any  # a parser Mark: .line and .column, 0-based (kept as is: no tuple per value)
# Per mapping: key -> (mark of the key, mark of the value).
_MapPositions = dict[Any, tuple[_Pos, _Pos]]


class _EventSource(Protocol):
    def get_event(self) -> Any: ...  # pragma: no cover - protocol


def _py_parser(source: str) -> _EventSource:
    """PyYAML's pure-Python event parser (the fallback when libyaml is missing)."""
    from yaml.parser import Parser  # noqa: PLC0415  (only when asked for)
    from yaml.reader import Reader  # noqa: PLC0415
    from yaml.scanner import Scanner  # noqa: PLC0415

    class _PyParser(Reader, Scanner, Parser):
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)

    return _PyParser(source)


def _c_parser_factory() -> Callable[[str], _EventSource] | None:
    try:
        from yaml._yaml import CParser  # noqa: PLC0415  (optional C extension)
    except ImportError:  # pragma: no cover - depends on how PyYAML was built
        return None
    return CParser


_C_PARSER = _c_parser_factory()


# ---------------------------------------------------------------- scalars

_INT = re.compile(r"[-+]?(?:0|[1-9][0-9]{0,17})")
_FLOAT = re.compile(r"[-+]?(?:0|[1-9][0-9]*)\.[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_NUMERIC_FIRST = frozenset("0123456789+-")
_WORDS: dict[str, Any] = {"": None, "~": None, "null": None, "Null": None, "NULL": None}
_WORDS.update({"true": True, "True": True, "TRUE": True})
_WORDS.update({"false": False, "False": False, "FALSE": False})
_TEXT_TAGS = frozenset({"!", "tag:yaml.org,2002:str"})
_MAP_TAGS = frozenset({None, "!", "tag:yaml.org,2002:map"})
_SEQ_TAGS = frozenset({None, "!", "tag:yaml.org,2002:seq"})


def _numeric(text: str) -> Any:
    """A plain scalar that starts with a digit or sign: int, float, date, or the text."""
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        number = float(text)
        written = text[1:] if text[0] == "+" else text
        return number if repr(number) == written else text
    if _DATE.fullmatch(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    return text


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


def _hashable(value: object) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


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


def _text_of(source: str | bytes, file: str, max_bytes: int) -> str | Issue:
    """The text to parse, or the issue that stops it: too large, not UTF-8."""
    if isinstance(source, str):
        # A character is 1 to 4 bytes of UTF-8: only encode when the size is in doubt.
        size = len(source)
        if size <= max_bytes < size * 4:
            size = len(source.encode("utf-8", "surrogatepass"))
        text = source
    else:
        size = len(source)
    if size > max_bytes:
        return Issue(
            f"file is {size:,} bytes; the limit is {max_bytes:,} bytes", file=file, code="too-large"
        )
    if isinstance(source, bytes):
        decoded = _decode(source, file)
        if isinstance(decoded, Issue):
            return decoded
        text = decoded
    surrogate = _SURROGATE.search(text)
    if surrogate is not None:
        return _position_issue(
            surrogate.start(),
            text,
            file,
            f"character U+{ord(surrogate.group()):04X} (a lone surrogate) is not text",
        )
    return text[1:] if text.startswith("\ufeff") else text


_SURROGATE = re.compile("[\ud800-\udfff]")


def _decode(source: bytes, file: str) -> str | Issue:
    try:
        return source.decode("utf-8")
    except UnicodeDecodeError as exc:
        line_start = source.rfind(b"\n", 0, exc.start) + 1
        line = source.count(b"\n", 0, exc.start) + 1
        column = len(source[line_start : exc.start].decode("utf-8", "replace")) + 1
        return Issue(
            f"the file is not UTF-8 text: byte 0x{source[exc.start]:02x} cannot be decoded; "
            "save the file as UTF-8",
            file=file,
            line=line,
            column=column,
            code="encoding",
        )


def _syntax_issue(exc: yaml.MarkedYAMLError, file: str) -> Issue:
    mark = exc.problem_mark or exc.context_mark
    parts = [p for p in (exc.context, exc.problem) if p]
    context, problem = exc.context_mark, exc.problem_mark
    if (
        exc.context
        and context is not None
        and problem is not None
        and (context.line, context.column) != (problem.line, problem.column)
    ):
        parts[0] += f" (line {context.line + 1}, column {context.column + 1})"
    message = "YAML syntax error: " + ", ".join(parts)
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
    return Issue(message, file=file, line=line, column=column, code="syntax")


def _bad_character(character: object) -> str:
    code = character if isinstance(character, int) else ord(str(character)[:1] or "\0")
    return f"character U+{code:04X}"


def _position_issue(position: int, text: str, file: str, message: str) -> Issue:
    position = min(max(position, 0), len(text))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return Issue(message, file=file, line=line, column=column, code="syntax")


class _Stop(Exception):
    """The document cannot be built any further; the reason is already an issue."""


_NO_KEY: Any = object()  # a mapping frame waiting for its next key
_SKIP: Any = object()  # a mapping frame whose current key was refused: drop its value


class _Frame:
    __slots__ = (
        "anchor",
        "container",
        "count_at_start",
        "is_list",
        "key",
        "key_pos",
        "open_key",
        "positions",
    )

    def __init__(self, container: Any, positions: Any, anchor: str | None, count: int) -> None:
        self.container = container
        self.is_list = type(container) is list
        self.positions = positions
        self.anchor = anchor
        self.count_at_start = count
        self.key: Any = _NO_KEY
        self.key_pos: _Pos = None
        # The key or index of the child container being built, for issue paths.
        self.open_key: str | int | None = None


class _Builder:
    """Builds plain data from parser events, iteratively, checking every bound."""

    def __init__(self, *, file: str, max_depth: int, max_nodes: int) -> None:
        self.file = file
        self.max_depth = max_depth
        self.max_nodes = max_nodes
        self.issues: list[Issue] = []
        self.data: Any = None
        self.root: _Pos | None = None
        self.positions: dict[int, _MapPositions | list[_Pos]] = {}
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.open_anchors: set[str] = set()
        self.stack: list[_Frame] = []
        self.count = 0

    # Long but flat on purpose: this loop is the hot path of every load, and a method call
    # per scalar costs a measurable share of it.
    def run(self, parser: _EventSource) -> None:  # noqa: PLR0912, PLR0915
        get_event = parser.get_event
        stack = self.stack
        top: _Frame | None = None  # stack[-1], kept at hand
        scalars = 0  # scalars read since self.count was last brought up to date
        documents = 0
        while True:
            event = get_event()
            kind = type(event)
            if kind is ScalarEvent:
                mark = event.start_mark
                tag = event.tag
                if tag is None and event.implicit[0]:
                    value = event.value
                    # Most plain scalars are words: only a digit or sign can start a
                    # number or date, and only a few exact words are null or boolean.
                    if value[:1] in _NUMERIC_FIRST:
                        value = _numeric(value)
                    else:
                        value = _WORDS.get(value, value)
                elif tag is None or tag in _TEXT_TAGS:
                    value = event.value
                else:
                    self._refuse_tag(tag, mark)
                    value = event.value
                scalars += 1
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
                # Fast paths for the common cases; everything else goes through _add.
                if top is None:
                    self._add(value, mark, is_scalar=True)
                elif top.is_list:
                    top.container.append(value)
                    top.positions.append(mark)
                elif top.key is _NO_KEY:
                    if type(value) is str and value != "<<" and value not in top.positions:
                        top.key = value
                        top.key_pos = mark
                    else:
                        self._add(value, mark, is_scalar=True)
                elif top.key is not _SKIP:
                    key = top.key
                    top.container[key] = value
                    top.positions[key] = (top.key_pos, mark)
                    top.key = _NO_KEY
                else:
                    top.key = _NO_KEY
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                mark = event.start_mark
                mapping = kind is MappingStartEvent
                if event.tag not in (_MAP_TAGS if mapping else _SEQ_TAGS):
                    self._refuse_tag(event.tag, mark)
                if len(stack) >= self.max_depth:
                    self._fail(
                        f"nesting deeper than {self.max_depth} levels",
                        mark,
                        code="too-deep",
                        path=(),
                    )
                self.count += scalars + 1
                scalars = 0
                self._check_count(mark)
                container: dict[Any, Any] | list[Any] = {} if mapping else []
                positions: _MapPositions | list[_Pos] = {} if mapping else []
                self._add(container, mark, is_scalar=False)
                self.positions[id(container)] = positions
                if event.anchor is not None:
                    self.open_anchors.add(event.anchor)
                top = _Frame(container, positions, event.anchor, self.count)
                stack.append(top)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                frame = stack.pop()
                top = stack[-1] if stack else None
                self.count += scalars
                scalars = 0
                if frame.anchor is not None:
                    self.open_anchors.discard(frame.anchor)
                    size = self.count - frame.count_at_start + 1
                    self.anchors[frame.anchor] = (frame.container, size)
            elif kind is AliasEvent:
                self.count += scalars
                scalars = 0
                self._alias(event)
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    mark = event.start_mark
                    self.issues.append(
                        Issue(
                            "a second YAML document: a file holds one document; "
                            "split it into several files",
                            file=self.file,
                            line=mark.line + 1,
                            column=mark.column + 1,
                            code="multiple-documents",
                        )
                    )
                    return
            elif kind is StreamEndEvent:
                return
            # StreamStartEvent and DocumentEndEvent carry nothing to build.

    def _add(self, value: Any, pos: _Pos, *, is_scalar: bool) -> None:
        if not self.stack:
            self.data = value
            self.root = pos
            return
        frame = self.stack[-1]
        container = frame.container
        if type(container) is list:
            if not is_scalar:
                frame.open_key = len(container)
            container.append(value)
            frame.positions.append(pos)
            return
        key = frame.key
        if key is _NO_KEY:
            frame.key = self._key(frame, value, pos, is_scalar=is_scalar)
            frame.key_pos = pos
            return
        frame.key = _NO_KEY
        if key is _SKIP:
            return
        if not is_scalar:
            frame.open_key = key
        container[key] = value
        frame.positions[key] = (frame.key_pos, pos)

    def _key(self, frame: _Frame, key: Any, pos: _Pos, *, is_scalar: bool) -> Any:
        if not is_scalar or not _hashable(key):
            self._issue("a mapping key must be a plain value, not a list or mapping", pos)
            return _SKIP
        if key == "<<" and frame.container.__class__ is dict:
            self._issue(
                "merge keys (<<) are not supported: write the keys out, so every value "
                "is where it is read",
                pos,
                code="merge-key",
            )
            return _SKIP
        first = frame.positions.get(key)
        if first is not None:
            self._issue(
                f"duplicate key {key!r} (first at line {first[0].line + 1}, column "
                f"{first[0].column + 1}); "
                "the first value is kept",
                pos,
                code="duplicate-key",
                path=(*self._path(), key),
            )
            return _SKIP
        return key

    def _alias(self, event: Any) -> None:
        mark = event.start_mark
        name = event.anchor
        pos = mark
        if name in self.open_anchors:
            self._fail(f"alias *{name} refers to its own anchor (a cycle)", pos)
        found = self.anchors.get(name)
        if found is None:
            self._fail(f"alias *{name} has no anchor &{name} before it", pos)
            return
        value, size = found
        self.count += size
        self._check_count(mark)
        self._add(value, mark, is_scalar=not isinstance(value, dict | list))

    def _check_count(self, mark: Any) -> None:
        if self.count > self.max_nodes:
            self._fail(
                f"the document holds more than {self.max_nodes:,} values once aliases are expanded",
                mark,
                code="too-large",
            )

    def _refuse_tag(self, tag: str | None, mark: Any) -> None:
        self._issue(
            f"tag {tag!r} is not supported; only !!str, !!map and !!seq may be written",
            mark,
            code="tag",
        )

    def _path(self) -> Path:
        """The path of the value being read: open containers, then the pending key or index."""
        path: list[str | int] = [f.open_key for f in self.stack[:-1] if f.open_key is not None]
        if self.stack:
            top = self.stack[-1]
            if type(top.container) is list:
                path.append(len(top.container))
            elif top.key is not _NO_KEY and top.key is not _SKIP:
                path.append(top.key)
        return tuple(path)

    def _issue(
        self, message: str, pos: _Pos, *, code: str = "invalid", path: Path | None = None
    ) -> None:
        self.issues.append(
            Issue(
                message,
                file=self.file,
                line=pos.line + 1,
                column=pos.column + 1,
                path=self._path() if path is None else path,
                code=code,
            )
        )

    def _fail(
        self, message: str, pos: _Pos, *, code: str = "invalid", path: Path | None = None
    ) -> None:
        self._issue(message, pos, code=code, path=path)
        raise _Stop
