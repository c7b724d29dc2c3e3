"""Messages for the person who wrote the file: what was received, what was expected, where."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from tthc.catalog import Fee, Overlay, Procedure
from tthc.catalog._messages import _fields_at, describe, unknown_field


def first_error(model: type[BaseModel], data: dict[str, Any]) -> ErrorDetails:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return caught.value.errors(include_url=False)[0]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1.001193, "expected text, got the number 1.001193; put it in quotes ('1.001193')"),
        (42, "expected text, got the number 42; put it in quotes"),
        (True, "expected text, got the boolean true"),
        (None, "expected text, got nothing (an empty value)"),
        (["a"], "expected text, got a list"),
        ({"a": 1}, "expected text, got a mapping"),
        (b"bytes", "expected text, got bytes"),
    ],
)
def test_text_fields_say_what_yaml_made_of_the_value(
    procedure_data: Callable[..., dict[str, Any]], value: object, expected: str
) -> None:
    message, code, key = describe(first_error(Procedure, procedure_data(agency=value)), Procedure)
    assert message.startswith(expected)
    assert (code, key) == ("expected-text", False)


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        ("200.000", "expected a whole number, got '200.000'; write 200000 without thousands"),
        ("1,500,000", "write 1500000 without thousands separators"),
        ("a lot", "expected a whole number, got 'a lot'"),
        (2.5, "expected a whole number, got the number 2.5"),
        (-1, "must be at least 0, got the number -1"),
        (10**13, "must be at most 1000000000000"),
    ],
)
def test_amounts_explain_separators_and_bounds(amount: object, expected: str) -> None:
    error = first_error(Fee, {"name": "Fee", "kind": "fee", "amount": amount})
    assert expected in describe(error, Fee)[0]


def test_unknown_fields_suggest_the_closest_field_at_that_place() -> None:
    data = {
        "extends": "1.000001",
        "code": "1.000001.000.00.00.X99",
        "authority": "A",
        "decision": {"document": "D"},
        "valid_from": "2026-01-01",
        "cases": {"standard": {"time_limitt": "2 working days"}},
    }
    message, code, key = describe(first_error(Overlay, data), Overlay)
    assert message == "unknown field 'time_limitt'; did you mean 'time_limit'?"
    assert (code, key) == ("unknown-field", True)


def test_the_fields_allowed_follow_lists_mappings_and_optional_values() -> None:
    assert _fields_at(Procedure, ("fees", 0, "per_page", 1)) == ["from_page", "amount"]
    assert _fields_at(Overlay, ("cases", "standard", "process", 0))[:2] == ["name", "unit"]  # type: ignore[index]
    assert _fields_at(Overlay, ("decision",)) == ["document", "article", "note", "url"]
    assert _fields_at(Procedure, ("name",)) is None
    assert _fields_at(Procedure, ("nothing", "here")) is None
    assert _fields_at(Procedure, ("name", "deeper")) is None


def test_unknown_field_without_known_fields_says_only_that() -> None:
    assert unknown_field("x", None) == "unknown field 'x'"
    assert unknown_field("zzz", ["name"]) == "unknown field 'zzz'; expected one of: name"


def test_other_errors_keep_pydantic_s_message_without_its_prefix() -> None:
    error: ErrorDetails = {
        "type": "value_error",
        "loc": ("a",),
        "msg": "Value error, something specific",
        "input": 1,
    }
    assert describe(error, Procedure) == ("something specific", "invalid", False)
    odd: ErrorDetails = {"type": "surprise", "loc": (), "msg": "as pydantic says", "input": 1}
    assert describe(odd, Procedure) == ("as pydantic says", "invalid", False)
    pattern: ErrorDetails = {
        "type": "string_pattern_mismatch",
        "loc": ("x",),
        "msg": "no",
        "input": "abc",
        "ctx": {"pattern": "^[0-9]+$"},
    }
    assert describe(pattern, Procedure)[0] == "expected text matching ^[0-9]+$, got 'abc'"
