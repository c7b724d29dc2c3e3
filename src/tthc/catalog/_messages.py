"""Turn pydantic's validation errors into messages for the person who wrote the file.

Each message says what was received and what was expected, in the file's own terms
(``expected text, got the number 1.001193; put it in quotes``), and unknown keys get a
"did you mean" from the fields allowed at that place.
"""

from __future__ import annotations

import difflib
import json
import re
import types
import typing
from typing import Any

from pydantic import BaseModel
from pydantic_core import ErrorDetails

from tthc._issues import quote
from tthc.catalog._base import CODE_PATTERN

__all__ = ["CODE_BY_TYPE", "Described", "describe", "received", "unknown_field"]

Path = tuple[str | int, ...]
Described = tuple[str, str, bool]  # message, issue code, point at the key


def describe(error: ErrorDetails, root: type[BaseModel]) -> Described:
    """The message, issue code and whether to point at the key, for one pydantic error."""
    kind = error["type"]
    loc = error["loc"]
    value = error.get("input")
    name = str(loc[-1]) if loc else "value"
    if kind == "missing":
        return f"missing required field {name!r}", "missing", False
    if kind == "extra_forbidden":
        return unknown_field(name, _fields_at(root, loc[:-1])), "unknown-field", True
    handler = _BY_TYPE.get(kind)
    if handler is not None:
        return handler(error, value), CODE_BY_TYPE[kind], False
    message = error["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    return message, "invalid", False


def _what(value: Any) -> str:  # noqa: PLR0911  (one answer per kind of value)
    """How a value reads in a message: what YAML made of what was written."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return quote(value)
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


def _expected_text(error: ErrorDetails, value: Any) -> str:
    message = f"expected text, got {_what(value)}"
    if isinstance(value, int | float) and not isinstance(value, bool):
        message += f"; put it in quotes ('{value}') so it is read exactly as written"
    return message


_SEPARATED = re.compile(r"^[0-9]{1,3}([.,\s][0-9]{3})+$")


def _expected_int(error: ErrorDetails, value: Any) -> str:
    message = f"expected a whole number, got {_what(value)}"
    if isinstance(value, str) and _SEPARATED.match(value.strip()):
        digits = re.sub(r"[.,\s]", "", value)
        message += f"; write {digits} without thousands separators"
    return message


def _expected_pattern(error: ErrorDetails, value: Any) -> str:
    pattern = (error.get("ctx") or {}).get("pattern", "")
    if pattern == CODE_PATTERN:
        return (
            f"expected a procedure code like '1.001193' or '2.000815.000.00.00.H38', "
            f"got {_what(value)}"
        )
    if "a-z0-9-" in pattern:
        return (
            f"expected an id of lowercase letters, digits and '-' (like 'standard'), "
            f"got {_what(value)}"
        )
    return f"expected text matching {pattern}, got {_what(value)}"


def _expected_enum(error: ErrorDetails, value: Any) -> str:
    expected = (error.get("ctx") or {}).get("expected", "")
    return f"expected one of {expected}, got {_what(value)}"


def _plain(template: str) -> Any:
    def handler(error: ErrorDetails, value: Any) -> str:
        ctx = error.get("ctx") or {}
        return template.format(value=_what(value), **ctx)

    return handler


_BY_TYPE: dict[str, Any] = {
    "string_type": _expected_text,
    "int_type": _expected_int,
    "int_from_float": _expected_int,
    "string_pattern_mismatch": _expected_pattern,
    "enum": _expected_enum,
    "bool_type": _plain("expected true or false, got {value}"),
    "date_type": _plain("expected a date written YYYY-MM-DD, got {value}"),
    "date_from_datetime_inexact": _plain("expected a date written YYYY-MM-DD, got {value}"),
    "string_too_short": _plain("must not be empty"),
    "too_short": _plain("needs at least {min_length} item(s)"),
    "tuple_type": _plain("expected a list, got {value}"),
    "list_type": _plain("expected a list, got {value}"),
    "dict_type": _plain("expected a mapping (key: value lines), got {value}"),
    "model_type": _plain("expected a mapping (key: value lines), got {value}"),
    "greater_than_equal": _plain("must be at least {ge}, got {value}"),
    "less_than_equal": _plain("must be at most {le}, got {value}"),
    "string_too_long": _plain("must be at most {max_length} characters"),
}


#: The issue code of each kind of pydantic error above (each was ``type`` until they were
#: told apart; the changelog lists them); anything else is ``invalid``.
CODE_BY_TYPE: dict[str, str] = {
    "string_type": "expected-text",
    "int_type": "expected-whole-number",
    "int_from_float": "expected-whole-number",
    "string_pattern_mismatch": "pattern-mismatch",
    "enum": "not-one-of",
    "bool_type": "expected-boolean",
    "date_type": "expected-date",
    "date_from_datetime_inexact": "expected-date",
    "string_too_short": "empty",
    "too_short": "too-few",
    "tuple_type": "expected-list",
    "list_type": "expected-list",
    "dict_type": "expected-mapping",
    "model_type": "expected-mapping",
    "greater_than_equal": "below-minimum",
    "less_than_equal": "above-maximum",
    "string_too_long": "too-long",
}


def received(error: ErrorDetails) -> str | None:
    """The value an error is about, as text: what YAML made of what was written.

    Text is itself, anything else its JSON form (``-5``, ``true``, ``null``, ``[1, 2]``);
    ``None`` when the error is about a missing field. An unknown field's value is its name.
    """
    kind = error["type"]
    if kind == "missing":
        return None
    if kind == "extra_forbidden":
        return str(error["loc"][-1]) if error["loc"] else None
    value = error.get("input")
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def unknown_field(name: str, allowed: list[str] | None) -> str:
    message = f"unknown field {quote(name)}"
    if not allowed:
        return message
    close = difflib.get_close_matches(name, allowed, n=1, cutoff=0.6)
    if close:
        return f"{message}; did you mean {close[0]!r}?"
    return f"{message}; expected one of: {', '.join(allowed)}"


def _fields_at(root: type[BaseModel], loc: tuple[str | int, ...]) -> list[str] | None:
    """The field names allowed at ``loc`` inside ``root``, following the annotations."""
    current: Any = root
    skip_key = False
    for step in loc:
        if skip_key or isinstance(step, int):  # a mapping's key or a list index
            skip_key = False
            continue
        model = _inner(current)
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return None
        field = model.model_fields.get(step)
        if field is None:
            return None
        current = field.annotation
        skip_key = _is_mapping(current)
    model = _inner(current)
    if isinstance(model, type) and issubclass(model, BaseModel):
        return list(model.model_fields)
    return None


def _is_mapping(annotation: Any) -> bool:
    while True:
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin is typing.Annotated:
            annotation = args[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in args if a is not type(None))
        else:
            return origin is dict


def _inner(annotation: Any) -> Any:
    """The model type inside ``X | None``, ``tuple[X, ...]``, ``dict[K, X]``, ``Annotated``."""
    while True:
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin is typing.Annotated or origin in (tuple, list):
            annotation = args[0]
        elif origin is dict:
            annotation = args[1]
        elif origin in (typing.Union, types.UnionType):
            options = [a for a in args if a is not type(None)]
            annotation = options[0]
        else:
            return annotation
