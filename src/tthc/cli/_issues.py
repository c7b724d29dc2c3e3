"""How a command prints the issues it found: text lines, JSON, or GitHub Actions annotations.

Text is ``file:line:col: path: message``, one line per issue, optionally coloured (location
bold, message red); ``--verbose`` adds each issue's code. GitHub is one workflow command per
issue, which the Actions runner shows as an annotation on the file's line::

    ::error file=catalog/a.yaml,line=3,col=11,title=type::procedures.0.code: expected text

JSON is one object with ``valid`` and ``issues``.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Any, TextIO

from tthc.errors import Issue

__all__ = [
    "ColorChoice",
    "github_annotation",
    "github_notice",
    "issue_data",
    "paint",
    "summary_line",
    "text_line",
    "use_color",
]

_BOLD, _RED, _GREEN, _DIM, _RESET = "\x1b[1m", "\x1b[31m", "\x1b[32m", "\x1b[2m", "\x1b[0m"


class ColorChoice(str, Enum):
    """When to colour text output (``--color``)."""

    AUTO = "auto"
    """Only when standard output is a terminal and ``NO_COLOR`` is unset or empty."""
    ALWAYS = "always"
    NEVER = "never"


def use_color(choice: ColorChoice, stream: TextIO, environ: Mapping[str, str]) -> bool:
    """Whether to colour what goes to ``stream``, following https://no-color.org for ``auto``.

    >>> import io
    >>> use_color(ColorChoice.AUTO, io.StringIO(), {})
    False
    >>> use_color(ColorChoice.ALWAYS, io.StringIO(), {"NO_COLOR": "1"})
    True
    """
    if choice is ColorChoice.AUTO:
        isatty = getattr(stream, "isatty", None)
        return bool(isatty and isatty()) and not environ.get("NO_COLOR")
    return choice is ColorChoice.ALWAYS


def paint(text: str, style: str, *, color: bool) -> str:
    """``text`` in an ANSI style when colouring, else as it is."""
    return f"{style}{text}{_RESET}" if color else text


def text_line(issue: Issue, *, color: bool = False, verbose: bool = False) -> str:
    """One issue as ``file:line:col: path: message``, with ``[code]`` when verbose.

    >>> issue = Issue("expected a date", file="a.yaml", line=3, column=7, code="type")
    >>> text_line(issue, verbose=True)
    'a.yaml:3:7: expected a date [type]'
    """
    plain = str(issue)
    where = _location(issue)
    rest = plain[len(where) :]
    line = paint(where, _BOLD, color=color) + paint(rest, _RED, color=color)
    if verbose:
        line += " " + paint(f"[{issue.code}]", _DIM, color=color)
    return line


def summary_line(text: str, *, valid: bool, color: bool) -> str:
    """The closing line (``valid: ...`` or ``N problems found``), green or red."""
    return paint(text, _GREEN if valid else _RED, color=color)


def _location(issue: Issue) -> str:
    where = issue.file
    if issue.line is not None:
        where += f":{issue.line}"
        if issue.column is not None:
            where += f":{issue.column}"
    return where + ":"


def github_annotation(issue: Issue) -> str:
    """One issue as a GitHub Actions ``::error`` workflow command.

    Properties and message are escaped as the runner expects (``%``, CR and LF everywhere;
    ``:`` and ``,`` also inside property values), so a message cannot end the command early.

    >>> print(github_annotation(Issue("got 'a,b'", file="c.yaml", line=2, column=5)))
    ::error file=c.yaml,line=2,col=5,title=invalid::got 'a,b'
    >>> print(github_annotation(Issue("no files", file="a:b", code="no-files")))
    ::error file=a%3Ab,title=no-files::no files
    """
    properties = [f"file={_escape_property(issue.file)}"]
    if issue.line is not None:
        properties.append(f"line={issue.line}")
        if issue.column is not None:
            properties.append(f"col={issue.column}")
    properties.append(f"title={_escape_property(issue.code)}")
    inside = ".".join(str(p) for p in issue.path)
    message = f"{inside}: {issue.message}" if inside else issue.message
    return f"::error {','.join(properties)}::{_escape_data(message)}"


def github_notice(text: str, *, title: str = "note") -> str:
    r"""A note as a GitHub Actions ``::notice`` workflow command (escaped like an error).

    >>> print(github_notice("line one\nline two"))
    ::notice title=note::line one%0Aline two
    """
    return f"::notice title={_escape_property(title)}::{_escape_data(text)}"


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def issue_data(issue: Issue) -> dict[str, Any]:
    """One issue as JSON-ready data, with ``help``: where its code is explained.

    >>> issue_data(Issue("expected one of 'fee' or 'charge'", code="not-one-of", received="tax"))
    ... # doctest: +NORMALIZE_WHITESPACE
    {'file': '<string>', 'line': None, 'column': None, 'path': [], 'code': 'not-one-of',
     'message': "expected one of 'fee' or 'charge'", 'received': 'tax',
     'help': 'docs/issue-codes.md#not-one-of'}
    """
    return {
        "file": issue.file,
        "line": issue.line,
        "column": issue.column,
        "path": list(issue.path),
        "code": issue.code,
        "message": issue.message,
        "received": issue.received,
        "help": issue.help,
    }
