"""The exception tree: builtins callers catch, context attributes, helpful messages."""

from __future__ import annotations

import datetime as dt

import pytest

from tthc import errors


@pytest.mark.parametrize(
    ("error", "builtin"),
    [
        (errors.CatalogError([]), ValueError),
        (errors.UnknownProcedure("1.000000"), KeyError),
        (
            errors.DateOutOfRange(dt.date(1, 1, 1), dt.date(2000, 1, 1), dt.date(2099, 12, 31)),
            ValueError,
        ),
        (errors.EstimatedDateError(dt.date(2030, 1, 1), 2015, 2026), ValueError),
        (errors.CalendarFileError([]), ValueError),
        (errors.DeadlineError("x"), ValueError),
        (errors.UnknownCase("1.000894", "x", ["a"]), KeyError),
        (errors.TransitionNotAllowed("s", "e", "why"), ValueError),
        (errors.EventOutOfOrder(dt.datetime(2026, 1, 2), dt.datetime(2026, 1, 3)), ValueError),
    ],
)
def test_each_branch_is_a_tthc_error_and_the_builtin_callers_catch(
    error: Exception, builtin: type[Exception]
) -> None:
    assert isinstance(error, errors.TthcError)
    assert isinstance(error, builtin)


def test_catalog_error_lists_every_issue_with_its_location() -> None:
    issues = [
        errors.Issue(
            "expected a date, got 'soon'", file="a.yaml", line=3, column=14, path=("valid_from",)
        ),
        errors.Issue("duplicate key 'name'", file="a.yaml", line=7, column=3, code="duplicate-key"),
    ]
    err = errors.CatalogError(issues)
    assert err.issues == tuple(issues)
    assert str(err).splitlines() == [
        "invalid catalogue: 2 issues",
        "  a.yaml:3:14: valid_from: expected a date, got 'soon'",
        "  a.yaml:7:3: duplicate key 'name'",
    ]


def test_issue_without_position_prints_file_only() -> None:
    assert str(errors.Issue("empty", file="b.yaml")) == "b.yaml: empty"
    assert str(errors.Issue("bad", file="b.yaml", line=2)) == "b.yaml:2: bad"


def test_key_errors_print_their_message_not_a_quoted_key() -> None:
    err = errors.UnknownProcedure("9.999999", on=dt.date(2026, 1, 1), known=12)
    assert (
        str(err) == "no procedure with code '9.999999' in force on 2026-01-01"
        " (the catalogue has 12 procedures)"
    )
    assert err.code == "9.999999"
    case = errors.UnknownCase("1.000894", "urgent", ["standard", "verification"])
    assert (
        str(case)
        == "procedure 1.000894 has no 'urgent'; expected one of 'standard', 'verification'"
    )
    assert str(errors.UnknownCase("1.0", "x", [])).endswith("expected one of none")


def test_estimated_and_out_of_order_messages_say_received_and_expected() -> None:
    est = errors.EstimatedDateError(dt.date(2030, 2, 1), 2015, 2026)
    assert "2030-02-01" in str(est)
    assert "2015..2026" in str(est)
    late = errors.EventOutOfOrder(dt.datetime(2026, 1, 2), dt.datetime(2026, 1, 3), event_id="e7")
    assert str(late).startswith("event 'e7' at 2026-01-02T00:00:00 is earlier")
    conflict = errors.VersionConflict(expected=3, actual=4)
    assert (conflict.expected, conflict.actual) == (3, 4)
    assert "version 3" in str(conflict)
