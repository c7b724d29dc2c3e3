"""Building plain data from PyYAML's event stream, with positions and bounds.

:class:`_Builder` reads parser events in one flat loop (no recursion, so nesting depth is
checked before a stack could overflow) and builds ``dict``/``list``/scalar data, the
position of every value, and the issues found: duplicate and merge keys, refused tags,
too deep or too many values, aliases to missing or still-open anchors. Plain scalars are
resolved here with the conservative schema described in :mod:`tthc._yaml`; :class:`_Stop`
ends a build whose reason is already an issue.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

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

from tthc._yaml._source import _EventSource
from tthc.errors import Issue

__all__ = [
    "Path",
    "_Builder",
    "_Diverge",
    "_Frame",
    "_MapPositions",
    "_Pos",
    "_Stop",
    "_hashable",
    "_numeric",
]

Path = tuple[str | int, ...]
# Positions are 0-based (line, column) pairs inside; the API returns them 1-based.
_Pos = Any  # a parser Mark: .line and .column, 0-based (kept as is: no tuple per value)
# Per mapping: key -> (mark of the key, mark of the value).
_MapPositions = dict[Any, tuple[_Pos, _Pos]]


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


def _hashable(value: object) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


# ---------------------------------------------------------------- building


class _Stop(Exception):
    """The document cannot be built any further; the reason is already an issue."""


class _Diverge(Exception):
    """libyaml read something PyYAML's Python parser may read differently: use that one.

    Raised only when the builder checks events from libyaml (``check_divergence``): a plain
    scalar in a flow collection holding ``?`` or ``:`` (libyaml keeps ``b? c`` and ``a:b``
    as one scalar where the Python scanner stops at the indicator) or empty (``{a: }``:
    the two place the empty value differently), or a tag, which libyaml reads with more
    characters than the Python scanner accepts.
    """


_NO_KEY: Any = object()  # a mapping frame waiting for its next key
_SKIP: Any = object()  # a mapping frame whose current key was refused: drop its value


class _Frame:
    __slots__ = (
        "anchor",
        "container",
        "count_at_start",
        "flow",
        "is_list",
        "key",
        "key_pos",
        "open_key",
        "positions",
    )

    def __init__(
        self, container: Any, positions: Any, anchor: str | None, count: int, *, flow: bool
    ) -> None:
        self.container = container
        self.is_list = type(container) is list
        self.flow = flow
        self.positions = positions
        self.anchor = anchor
        self.count_at_start = count
        self.key: Any = _NO_KEY
        self.key_pos: _Pos = None
        # The key or index of the child container being built, for issue paths.
        self.open_key: str | int | None = None


class _Builder:
    """Builds plain data from parser events, iteratively, checking every bound."""

    def __init__(
        self, *, file: str, max_depth: int, max_nodes: int, check_divergence: bool = False
    ) -> None:
        self.file = file
        self.check_divergence = check_divergence
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
    def run(self, parser: _EventSource) -> bool:  # noqa: PLR0912, PLR0915
        """Build from every event; False when it stopped at a second document."""
        get_event = parser.get_event
        stack = self.stack
        top: _Frame | None = None  # stack[-1], kept at hand
        scalars = 0  # scalars read since self.count was last brought up to date
        documents = 0
        # Open flow collections, counted only when events come from libyaml (see _Diverge).
        flow_level = 0
        check = self.check_divergence
        while True:
            event = get_event()
            kind = type(event)
            if kind is ScalarEvent:
                mark = event.start_mark
                tag = event.tag
                if tag is None and event.implicit[0]:
                    value = event.value
                    if flow_level and (not value or "?" in value or ":" in value):
                        raise _Diverge
                    # Most plain scalars are words: only a digit or sign can start a
                    # number or date, and only a few exact words are null or boolean.
                    if value[:1] in _NUMERIC_FIRST:
                        value = _numeric(value)
                    else:
                        value = _WORDS.get(value, value)
                elif tag is None or tag in _TEXT_TAGS:
                    value = event.value
                else:
                    if check:
                        raise _Diverge
                    self._refuse_tag(tag, mark)
                    value = event.value
                scalars += 1
                if event.anchor is not None:
                    self.anchors[event.anchor] = (value, 1)
                # Fast paths for the common cases; everything else goes through _add.
                if top is None:
                    # An empty document has no position, however it was written.
                    self._add(value, mark if event.value else None, is_scalar=True)
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
                    if check:
                        raise _Diverge
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
                flow = check and bool(event.flow_style)
                flow_level += flow
                top = _Frame(container, positions, event.anchor, self.count, flow=flow)
                stack.append(top)
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                frame = stack.pop()
                flow_level -= frame.flow
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
                    return False
            elif kind is StreamEndEvent:
                return True
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
