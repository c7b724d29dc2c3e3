"""Collecting issues within bounds: how many are kept, how much of a value a message quotes.

A hostile file can hold a million small problems, or one megabyte-long value that many
aliases repeat. The readers of catalogue and calendar files therefore collect issues in an
:class:`IssueLog`, which keeps the first :data:`MAX_ISSUES` and counts the rest, and quote
values with :func:`quote`, which shows at most :data:`MAX_QUOTED` characters of one. As a
last guard, every issue kept is cut to :data:`MAX_MESSAGE` characters of message and
:data:`MAX_QUOTED` characters per key of its path.

>>> quote("1.001193")
"'1.001193'"
>>> quote("x" * 1_000_000)[-30:]
"xxxxx…' (1,000,000 characters)"
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import replace

from tthc.errors import Issue

__all__ = ["MAX_ISSUES", "MAX_MESSAGE", "MAX_QUOTED", "IssueLog", "bounded", "quote", "shape_of"]

#: Most issues kept from one load; the others are counted.
MAX_ISSUES = 1_000
#: Most characters of one value quoted in a message.
MAX_QUOTED = 100
#: Most characters of one message.
MAX_MESSAGE = 1_000


def shape_of(value: object) -> str:
    """What kind of value this is, in words, without quoting it (``"text"``, ``"a list"``)."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return "true or false"
    for kind, words in _SHAPES:
        if isinstance(value, kind):
            return words
    return f"a value of type {type(value).__name__}"


_SHAPES: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (str, "text"),
    ((int, float), "a number"),
    (dt.date, "a date"),
    (dict, "a mapping"),
    ((list, tuple), "a list"),
)


def quote(text: str) -> str:
    """``repr(text)``, showing at most :data:`MAX_QUOTED` characters of it."""
    if len(text) <= MAX_QUOTED:
        return repr(text)
    return f"{text[:MAX_QUOTED] + '…'!r} ({len(text):,} characters)"


# A Python string literal as repr() writes it, longer than a quoted value may be.
_LONG_LITERAL = re.compile(
    rf"'(?:[^'\\\n]|\\.){{{MAX_QUOTED + 1},}}'|\"(?:[^\"\\\n]|\\.){{{MAX_QUOTED + 1},}}\""
)


def bounded(issue: Issue) -> Issue:
    """The issue with its quoted values, message and path keys cut to the limits."""
    message = issue.message
    if len(message) > MAX_MESSAGE:
        message = _LONG_LITERAL.sub(lambda m: _cut_literal(m.group()), message)
    if len(message) > MAX_MESSAGE:
        half = MAX_MESSAGE // 2
        message = (
            f"{message[:half]} … [{len(message) - 2 * half:,} characters left out] … "
            f"{message[-half:]}"
        )
    long_key = any(isinstance(step, str) and len(step) > MAX_QUOTED for step in issue.path)
    if message is issue.message and not long_key:
        return issue
    path = tuple(
        step[:MAX_QUOTED] + "…" if isinstance(step, str) and len(step) > MAX_QUOTED else step
        for step in issue.path
    )
    return replace(issue, message=message, path=path)


def _cut_literal(literal: str) -> str:
    mark = literal[0]
    return f"{literal[: MAX_QUOTED + 1]}…{mark} ({len(literal) - 2:,} characters written)"


class IssueLog:
    """The issues of one load: the first :data:`MAX_ISSUES`, bounded, and a count of the rest.

    >>> log = IssueLog(limit=2)
    >>> log.extend(Issue(f"problem {n}", file="a.yaml", line=n) for n in range(1, 6))
    >>> [str(i) for i in log.issues()]  # doctest: +NORMALIZE_WHITESPACE
    ['a.yaml:1: problem 1', 'a.yaml:2: problem 2',
     'a.yaml: 3 more issues were found and not listed (at most 2 are kept)']
    """

    __slots__ = ("_first_omitted", "_kept", "limit", "omitted")

    def __init__(self, issues: Iterable[Issue] = (), *, limit: int = MAX_ISSUES) -> None:
        self.limit = limit
        self._kept: list[Issue] = []
        self.omitted = 0
        self._first_omitted: str | None = None
        self.extend(issues)

    def __bool__(self) -> bool:
        return bool(self._kept)

    @property
    def full(self) -> bool:
        """True once no more issues are kept: later ones are only counted."""
        return len(self._kept) >= self.limit

    def append(self, issue: Issue) -> None:
        """Keep the issue (bounded), or count it when :attr:`full`."""
        if self.full:
            self.count(1, issue.file)
        else:
            self._kept.append(bounded(issue))

    def extend(self, issues: Iterable[Issue]) -> None:
        """Append each issue."""
        for issue in issues:
            self.append(issue)

    def count(self, number: int, file: str) -> None:
        """Count ``number`` issues found in ``file`` without keeping them."""
        if number and self._first_omitted is None:
            self._first_omitted = file
        self.omitted += number

    def kept(self) -> list[Issue]:
        """The issues kept, in the order found (sort them in place if needed)."""
        return self._kept

    def issues(self) -> tuple[Issue, ...]:
        """The issues kept, then one saying how many more were found, if any."""
        if not self.omitted:
            return tuple(self._kept)
        file = self._first_omitted
        assert file is not None
        what = "1 more issue was" if self.omitted == 1 else f"{self.omitted:,} more issues were"
        more = Issue(
            f"{what} found and not listed (at most {self.limit:,} are kept)",
            file=file,
            code="too-many-issues",
        )
        return (*self._kept, more)
