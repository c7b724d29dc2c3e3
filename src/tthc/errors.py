"""The exceptions tthc raises, in one small tree.

Every error is a :class:`TthcError`, and each branch also subclasses the builtin
a caller would naturally catch, so ``except ValueError`` keeps working for code
that does not know about tthc::

    TthcError
    ├── CatalogError (ValueError)           a catalogue file or tree is invalid; .issues
    │   └── UnknownProcedure (KeyError)     no procedure with that code (on that date)
    ├── CalendarError (ValueError)
    │   ├── DateOutOfRange                  the date is outside the calendar's range
    │   ├── EstimatedDateError              the year has no announced schedule and the
    │   │                                   calendar was asked to refuse estimates
    │   └── CalendarFileError               a calendar file is invalid; .issues
    ├── DeadlineError (ValueError)          a due date cannot be computed as asked
    │   └── UnknownCase (KeyError)          the procedure has no such case or channel
    └── DossierError
        ├── TransitionNotAllowed (ValueError)   the event is not allowed in the state
        ├── EventOutOfOrder (ValueError)        the event is earlier than the last one
        └── VersionConflict                     optimistic-concurrency check failed

Messages say what was received, what was expected, and where; the same facts
are kept as attributes so a program does not have to parse the message.

>>> import datetime as dt
>>> from tthc.errors import DateOutOfRange
>>> err = DateOutOfRange(dt.date(1999, 12, 31), dt.date(2000, 1, 1), dt.date(2099, 12, 31))
>>> print(err)
date 1999-12-31 is outside the calendar's supported range 2000-01-01..2099-12-31
>>> isinstance(err, ValueError)
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from tthc._issue_codes import help_path

__all__ = [
    "RECEIVED_LIMIT",
    "CalendarError",
    "CalendarFileError",
    "CatalogError",
    "DateOutOfRange",
    "DeadlineError",
    "DossierError",
    "EstimatedDateError",
    "EventOutOfOrder",
    "Issue",
    "TransitionNotAllowed",
    "TthcError",
    "UnknownCase",
    "UnknownProcedure",
    "VersionConflict",
]


#: The most characters :attr:`Issue.received` keeps; a longer value ends in ``…``.
RECEIVED_LIMIT = 200


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem found in an input file, with where it is.

    Attributes:
        message: What is wrong: what was received and what was expected.
        file: The file's path as given, or ``"<string>"`` for text.
        line: 1-based line, or ``None`` when the problem has no single place.
        column: 1-based column, or ``None``.
        path: Where inside the document, as keys and indexes
            (``("procedures", 0, "cases", 1, "time_limit")``).
        code: A stable identifier for the kind of problem (``"duplicate-key"``); each is
            explained, with an example and the fix, at :attr:`help`.
        received: The value received, as text (``"county"``, ``"-5"``, ``"null"``), when
            the problem is about one value; ``None`` otherwise. Cut to
            :data:`RECEIVED_LIMIT` characters, the last one ``…``.

    >>> print(Issue("expected a date", file="a.yaml", line=3, column=7, path=("valid_from",)))
    a.yaml:3:7: valid_from: expected a date
    >>> Issue("too long", received="x" * 500).received[-3:]
    'xx…'
    """

    message: str
    file: str = "<string>"
    line: int | None = None
    column: int | None = None
    path: tuple[str | int, ...] = ()
    code: str = "invalid"
    received: str | None = None

    def __post_init__(self) -> None:
        if self.received is not None and len(self.received) > RECEIVED_LIMIT:
            object.__setattr__(self, "received", self.received[: RECEIVED_LIMIT - 1] + "…")

    @property
    def help(self) -> str:
        """Where the code is explained: ``docs/issue-codes.md#<code>``, from the project root."""
        return help_path(self.code)

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        inside = ".".join(str(p) for p in self.path)
        return f"{where}: {inside + ': ' if inside else ''}{self.message}"


def _issues_message(summary: str, issues: tuple[Issue, ...], omitted: int = 0) -> str:
    total = len(issues) + omitted - (1 if omitted else 0)  # the last issue counts the others
    lines = [f"{summary}: {total:,} issue{'s' if total != 1 else ''}"]
    lines.extend(f"  {issue}" for issue in issues)
    return "\n".join(lines)


class TthcError(Exception):
    """Base class of every error tthc raises on purpose."""


class _KeyErrorMessage(KeyError):
    """A ``KeyError`` whose ``str()`` is its message, not the repr of its key."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


# ---------------------------------------------------------------- catalogue


class CatalogError(TthcError, ValueError):
    """A catalogue file or tree is invalid.

    Attributes:
        issues: Every problem found, not only the first; past a limit (1,000 issues),
            the last issue says how many more were found.
        omitted: How many problems were found but are not in ``issues``.
    """

    def __init__(
        self, issues: Iterable[Issue], *, summary: str = "invalid catalogue", omitted: int = 0
    ) -> None:
        self.issues: tuple[Issue, ...] = tuple(issues)
        self.omitted = omitted
        super().__init__(_issues_message(summary, self.issues, omitted))


class UnknownProcedure(CatalogError, _KeyErrorMessage):
    """No procedure with this code exists (in force on the date asked).

    Attributes:
        code: The procedure code received.
        on: The date asked for, if any.
        issues: One issue saying so (code ``"unknown-procedure"``).
    """

    def __init__(self, code: str, *, on: dt.date | None = None, known: int | None = None) -> None:
        self.code = code
        self.on = on
        when = f" in force on {on.isoformat()}" if on is not None else ""
        size = f" (the catalogue has {known} procedures)" if known is not None else ""
        message = f"no procedure with code {code!r}{when}{size}"
        self.issues = (Issue(message, file="<catalogue>", code="unknown-procedure"),)
        self.omitted = 0
        Exception.__init__(self, message)


# ---------------------------------------------------------------- calendar


class CalendarError(TthcError, ValueError):
    """A calendar cannot answer as asked."""


class DateOutOfRange(CalendarError):
    """The date is outside the range the calendar knows.

    Attributes:
        received: The date asked about.
        first: The first supported date.
        last: The last supported date.
    """

    def __init__(self, received: dt.date, first: dt.date, last: dt.date) -> None:
        self.received = received
        self.first = first
        self.last = last
        super().__init__(
            f"date {received.isoformat()} is outside the calendar's supported range "
            f"{first.isoformat()}..{last.isoformat()}"
        )


class EstimatedDateError(CalendarError):
    """The date's year has no announced schedule and estimates were refused.

    Attributes:
        received: The date asked about.
        known_from: The first year with an announced schedule.
        known_through: The last year with an announced schedule.
    """

    def __init__(self, received: dt.date, known_from: int, known_through: int) -> None:
        self.received = received
        self.known_from = known_from
        self.known_through = known_through
        super().__init__(
            f"date {received.isoformat()} falls in a year without an announced schedule; "
            f"this calendar refuses estimates and knows {known_from}..{known_through}"
        )


class CalendarFileError(CalendarError):
    """A calendar file is invalid.

    Attributes:
        issues: Every problem found, each with file, line and column; past a limit
            (1,000 issues), the last issue says how many more were found.
        omitted: How many problems were found but are not in ``issues``.
    """

    def __init__(
        self, issues: Iterable[Issue], *, summary: str = "invalid calendar file", omitted: int = 0
    ) -> None:
        self.issues: tuple[Issue, ...] = tuple(issues)
        self.omitted = omitted
        super().__init__(_issues_message(summary, self.issues, omitted))


# ---------------------------------------------------------------- deadlines


class DeadlineError(TthcError, ValueError):
    """A due date cannot be computed as asked."""


class UnknownCase(DeadlineError, _KeyErrorMessage):
    """The procedure has no such case, or the case no time limit for that channel.

    Attributes:
        procedure: The procedure code.
        received: The case or channel asked for.
        expected: The ones the procedure has.
    """

    def __init__(self, procedure: str, received: str, expected: Iterable[str]) -> None:
        self.procedure = procedure
        self.received = received
        self.expected = tuple(expected)
        options = ", ".join(repr(e) for e in self.expected) or "none"
        super().__init__(f"procedure {procedure} has no {received!r}; expected one of {options}")


# ---------------------------------------------------------------- dossier


class DossierError(TthcError):
    """A dossier cannot take the event as given."""


class TransitionNotAllowed(DossierError, ValueError):
    """The event is not allowed in the dossier's current state.

    Attributes:
        state: The state the dossier was in.
        event: The event that was refused.
        reason: Why, in words.
    """

    def __init__(self, state: object, event: object, reason: str) -> None:
        self.state = state
        self.event = event
        self.reason = reason
        super().__init__(reason)


class EventOutOfOrder(DossierError, ValueError):
    """The event is dated earlier than the last event applied.

    Attributes:
        received: The event's time.
        last: The time of the last event applied.
    """

    def __init__(self, received: dt.datetime, last: dt.datetime, *, event_id: str = "") -> None:
        self.received = received
        self.last = last
        self.event_id = event_id
        ident = f"event {event_id!r} " if event_id else "event "
        super().__init__(
            f"{ident}at {received.isoformat()} is earlier than the last event applied "
            f"at {last.isoformat()}; events must be applied in time order"
        )


class VersionConflict(DossierError):
    """The dossier changed since the version the caller read.

    Attributes:
        expected: The version the caller expected.
        actual: The dossier's version.
    """

    def __init__(self, expected: int, actual: int) -> None:
        self.expected = expected
        self.actual = actual
        super().__init__(f"expected dossier version {expected}, but it is at version {actual}")
