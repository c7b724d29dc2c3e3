"""Reading the source text: size limit, decoding, and the issues that stop a parse.

:func:`_text_of` turns the input (text or the file's bytes) into the text to parse, or
into the issue that refuses it: larger than the byte limit, not UTF-8, a lone surrogate;
a leading byte-order mark is dropped. :func:`_syntax_issue` and :func:`_position_issue`
turn PyYAML's syntax and reader errors into issues with line and column. The parser
factories give the event source: libyaml's ``CParser`` when PyYAML was built with it
(:data:`_C_PARSER`, else ``None``), or PyYAML's pure-Python parser (:func:`_py_parser`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Protocol

import yaml

from tthc.errors import Issue

__all__ = [
    "_C_PARSER",
    "_EventSource",
    "_bad_character",
    "_position_issue",
    "_py_parser",
    "_syntax_issue",
    "_text_of",
]


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


# ---------------------------------------------------------------- source text


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


def _syntax_issue(exc: yaml.MarkedYAMLError, file: str, text: str) -> Issue:
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
    hint = _hint(exc, text)
    if hint:  # what to do first, then the parser's own words
        message = f"{hint}; {message}"
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (None, None)
    return Issue(message, file=file, line=line, column=column, code="syntax")


def _hint(exc: yaml.MarkedYAMLError, text: str) -> str:
    """What to do about the commonest syntax errors of hand-written files, or ''."""
    mark = exc.problem_mark
    at = text[mark.index : mark.index + 1] if mark is not None else ""
    if at == "\t" or "'\\t'" in (exc.problem or ""):
        return (
            "this is a tab character: YAML indents and separates with spaces only, "
            "so replace the tab with spaces (ký tự tab: YAML chỉ thụt lề bằng dấu cách)"
        )
    if at == "?" and exc.context and "flow" in exc.context:
        return "quote the text that holds '?' inside [...] or {...}, e.g. 'b? c'"
    return ""


def _bad_character(character: object) -> str:
    code = character if isinstance(character, int) else ord(str(character)[:1] or "\0")
    return f"character U+{code:04X}"


def _position_issue(position: int, text: str, file: str, message: str) -> Issue:
    position = min(max(position, 0), len(text))
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    return Issue(message, file=file, line=line, column=column, code="syntax")
