"""Every code an :class:`~tthc.errors.Issue` can carry, with what it means in one line.

Each code has a section on the documentation page ``docs/issue-codes.md`` (an example and
the fix), whose anchor is the code itself; a test checks that every code the library can
emit is listed here and documented there.
"""

from __future__ import annotations

from types import MappingProxyType

__all__ = ["HELP_PAGE", "ISSUE_CODES", "help_path"]

#: The page that explains each code, relative to the project's root.
HELP_PAGE = "docs/issue-codes.md"

ISSUE_CODES = MappingProxyType(
    {
        # ---------------------------------------------------------- reading the file
        "not-found": "no such file or folder",
        "not-a-file": "the path is neither a regular file nor a folder",
        "no-files": "a folder holds no catalogue files",
        "unreadable": "the file cannot be read",
        "too-large": "the file, or the document it holds, is over the size limit",
        "encoding": "the file is not UTF-8 text",
        "syntax": "the text is not valid YAML",
        "too-deep": "the document nests deeper than the limit",
        "multiple-documents": "the file holds more than one YAML document",
        "duplicate-key": "a mapping has the same key twice",
        "merge-key": "a YAML merge key (<<) is used",
        "tag": "a YAML tag (!something) is used",
        "not-a-catalogue": "the document is not a catalogue (no procedures or overlays)",
        "not-a-calendar": "the document is not a calendar file (name, extends, changes)",
        "too-many-issues": "more issues were found than are kept; this one counts the rest",
        # ---------------------------------------------------------- report files (CSV, JSONL)
        "invalid-json": "a JSON Lines line that is not valid JSON",
        "invalid-csv": "a CSV line the CSV reader cannot split into cells",
        "unclosed-quote": "a quoted CSV cell that is not closed on its line",
        "duplicate-column": "a CSV header that names a column twice",
        "invalid-header": "a CSV header with unknown or missing columns",
        # ---------------------------------------------------------- values
        "missing": "a required field is missing",
        "unknown-field": "a field that is not allowed at that place",
        "expected-text": "a number, boolean or date where text is expected",
        "expected-whole-number": "a value that is not a whole number",
        "expected-boolean": "a value that is not true or false",
        "expected-date": "a value that is not a date written YYYY-MM-DD",
        "expected-list": "a single value where a list is expected",
        "expected-mapping": "a value where key: value lines are expected",
        "pattern-mismatch": "text that does not have the expected form (codes, ids)",
        "not-one-of": "a word that is not one of the allowed values",
        "empty": "empty text where some is required",
        "too-few": "a list with fewer items than required",
        "below-minimum": "a number below the smallest allowed (a negative fee)",
        "above-maximum": "a number above the largest allowed",
        "too-long": "text longer than allowed",
        "invalid": "a value or entry that breaks a rule of its own (the message says which)",
        # ---------------------------------------------------------- relations
        "duplicate": "the same id, channel or date twice",
        "dates": "valid_to is before valid_from",
        "district-level": "a district-level procedure in force after district level ended",
        "online-level": "an online service level without the online channel",
        "unknown-reference": "a reference to a form, procedure or case that does not exist",
        "unknown-procedure": "a code the catalogue has no procedure for (catalog[code])",
        "default-case": "more than one case is marked the default",
        "unknown-channel": "a time limit for a channel the procedure is not offered on",
        "budget": "the steps' budgets do not add up to the time limit",
        "overlay-code": "extends is not a national code, or the local code does not start with it",
        "overlapping-versions": "two versions of one code in force on the same day",
        "lengthens": "a local time limit longer than the statutory one",
        "incomparable": "a local time limit that cannot be compared with the statutory one",
        # ---------------------------------------------------------- the national portal
        "national-unknown-code": "a national code the shipped national list does not know",
        "national-name": "a procedure name that differs from the national list's",
        "portal-refused": "a portal record that cannot be imported (the message says why)",
        "portal-review": "a portal value no tested rule reads, refused under --strict",
        "portal-invalid": "an imported record that the catalogue's models refuse",
    }
)
"""Code -> what it means, in one line."""


def help_path(code: str) -> str:
    """Where a code is explained: the page and the code's anchor.

    >>> help_path("not-one-of")
    'docs/issue-codes.md#not-one-of'
    """
    return f"{HELP_PAGE}#{code}"
