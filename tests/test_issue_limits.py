"""Issues within bounds: how many are kept, how much of a value a message quotes."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from tthc import CalendarFileError, CatalogError, load_catalog
from tthc._issues import MAX_ISSUES, MAX_MESSAGE, MAX_QUOTED, IssueLog, bounded, quote
from tthc.calendar import parse_calendar
from tthc.catalog import parse_catalog
from tthc.errors import Issue


def catalog_issues(text: str) -> CatalogError:
    with pytest.raises(CatalogError) as caught:
        parse_catalog(text, file="big.yaml")
    return caught.value


def test_a_long_value_is_quoted_shortened_with_its_length() -> None:
    assert quote("ab") == "'ab'"
    long = quote("é" * 5000)
    assert long == repr("é" * MAX_QUOTED + "…") + " (5,000 characters)"


def test_an_aliased_megabyte_value_is_quoted_once_per_issue_shortened(tmp_path: Path) -> None:
    """``x: &s "<1 MB>"`` then 500 entries ``{code: *s}``: bounded issues, bounded memory."""
    value = "x" * (1024 * 1024 - 64)
    path = tmp_path / "alias.yaml"
    path.write_text(f'x: &s "{value}"\nprocedures:\n' + "  - {code: *s}\n" * 500, encoding="utf-8")
    tracemalloc.start()
    try:
        with pytest.raises(CatalogError) as caught:
            load_catalog(path)
        error = caught.value
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 60 * 1024 * 1024  # the file's text and document; was about 1.5 GB
    assert len(error.issues) == MAX_ISSUES + 1
    assert all(len(issue.message) <= MAX_MESSAGE for issue in error.issues)
    code = next(i for i in error.issues if i.path == ("procedures", 0, "code"))
    assert f"…' ({len(value):,} characters)" in code.message
    # each entry: the code, and 9 required fields missing; 1 more issue for "x"
    assert error.omitted == 500 * 10 + 1 - MAX_ISSUES
    assert str(error.issues[-1]) == (
        f"{path}: 4,001 more issues were found and not listed (at most 1,000 are kept)"
    )
    assert str(error).startswith("invalid catalogue: 5,001 issues\n")


def test_many_small_problems_are_counted_past_the_limit() -> None:
    error = catalog_issues("procedures:\n" + "- 1\n" * 5000)
    assert len(error.issues) == MAX_ISSUES + 1
    assert [i.line for i in error.issues[:3]] == [2, 3, 4]
    assert error.omitted == 5000 - MAX_ISSUES
    assert error.issues[-1].code == "too-many-issues"


def test_a_long_unknown_key_is_quoted_shortened_in_message_and_path() -> None:
    key = "k" * 10_000
    error = catalog_issues(f"procedures: []\n? {key}\n: 1\n")
    unknown = next(i for i in error.issues if i.code == "unknown-field")
    assert "(10,000 characters)" in unknown.message
    assert unknown.path == ("k" * MAX_QUOTED + "…",)


def test_a_calendar_with_thousands_of_bad_days_keeps_the_first_issues() -> None:
    with pytest.raises(CalendarFileError) as caught:
        parse_calendar("name: x\nextends: vn\ndays_off:\n" + "- 1\n" * 3000, file="c.yaml")
    error = caught.value
    assert len(error.issues) == MAX_ISSUES + 1
    assert error.issues[0].line == 4
    assert error.omitted == 3000 - MAX_ISSUES
    assert str(error).startswith("invalid calendar file: 3,000 issues\n")


def test_a_calendar_value_is_quoted_shortened() -> None:
    with pytest.raises(CalendarFileError) as caught:
        parse_calendar(f"name: x\nextends: {'v' * 100_000}\n", file="c.yaml")
    (issue,) = caught.value.issues
    assert "(100,000 characters)" in issue.message
    assert len(issue.message) < 300


def test_bounded_cuts_long_literals_then_the_middle() -> None:
    literal = "y" * 5000
    issue = bounded(Issue(f"got {literal!r} here"))
    assert issue.message == f"got '{'y' * MAX_QUOTED}…' (5,000 characters written) here"
    plain = bounded(Issue("z" * 5000))
    assert len(plain.message) < MAX_MESSAGE + 60
    assert "[4,000 characters left out]" in plain.message
    short = Issue("fine", path=("a", 1))
    assert bounded(short) is short


def test_the_issue_log_counts_what_it_does_not_keep() -> None:
    log = IssueLog(limit=2)
    assert not log
    assert log.issues() == ()
    log.extend([Issue("a"), Issue("b")])
    assert log.full
    log.append(Issue("c", file="f.yaml"))
    log.count(0, "other.yaml")
    log.count(2, "other.yaml")
    assert log.omitted == 3
    assert [i.message for i in log.issues()] == [
        "a",
        "b",
        "3 more issues were found and not listed (at most 2 are kept)",
    ]
    assert log.issues()[-1].file == "f.yaml"
    one = IssueLog([Issue("a"), Issue("b")], limit=1)
    assert one.issues()[-1].message.startswith("1 more issue was found")
