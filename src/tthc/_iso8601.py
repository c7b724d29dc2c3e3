"""Dates and times written as text: the one set of ISO 8601 spellings tthc reads.

The same spellings in every file and on the command line, whatever Python's own
``fromisoformat`` accepts on the version in use (it reads more from Python 3.11 on):

- a date: ``2026-03-04``;
- a date and a time: ``2026-03-04T09:30``, with seconds (``09:30:15``) and a fraction of
  up to 6 digits (``09:30:15.5``), ``T`` or a space between; naive, or with a zone ``Z``
  or ``+07:00`` / ``-05:30``.

Anything else is refused with a message saying what was expected: the basic format
(``20260304``, ``T0930``), week and ordinal dates, hours alone (``T09``), ``24:00``, and a
zone on a date without a time (``2026-03-04Z``), which would say an instant without
saying which.
"""

from __future__ import annotations

import datetime as dt
import re

__all__ = ["SPELLINGS", "TIME_SPELLING", "parse_date_or_time"]

#: The accepted spellings of a date and time, as messages say them.
TIME_SPELLING = "YYYY-MM-DDTHH:MM[:SS[.ffffff]], naive or with Z or ±HH:MM"
#: The accepted spellings, as messages say them.
SPELLINGS = f"YYYY-MM-DD, or {TIME_SPELLING}"

_TEXT = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?([Zz]|[+-]\d{2}:\d{2})?)?",
    re.ASCII,
)
#: Naive, with 0, 3 or 6 digits of fraction: what ``fromisoformat`` reads the same on 3.10+.
PLAIN = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d{3}(?:\d{3})?)?)?)?", re.ASCII
)
_DATE_WITH_ZONE = re.compile(r"\d{4}-\d{2}-\d{2}([Zz]|[+-]\d{2}(:?\d{2})?)", re.ASCII)
_BASIC = re.compile(r"\d{8}([Tt]\d{2,6}([.,]\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?", re.ASCII)


_date = dt.date
_datetime = dt.datetime


def _shown(text: str) -> str:
    """``repr(text)``, cut to 80 characters: a hostile value can be long."""
    shown = repr(text)
    return shown if len(shown) <= 80 else f"{shown[:60]}... ({len(text):,} characters)"


def _zone(text: str) -> dt.tzinfo:
    if text in ("Z", "z"):
        return dt.timezone.utc
    sign = -1 if text[0] == "-" else 1
    offset = dt.timedelta(hours=int(text[1:3]), minutes=int(text[4:6]))
    return dt.timezone(sign * offset)  # refuses 24:00 and more


def parse_date_or_time(text: str) -> dt.date | dt.datetime:
    """The date, or the date and time, that ``text`` spells (surrounding spaces ignored).

    Returns a :class:`~datetime.date` for a date alone: what it means (the start or the end
    of the day, or nothing) is the caller's rule.

    Raises:
        ValueError: Another spelling, or a day or time that does not exist; the message
            quotes ``text`` and says the accepted spellings.

    >>> parse_date_or_time("2026-03-04")
    datetime.date(2026, 3, 4)
    >>> parse_date_or_time("2026-03-04 09:30:15.5+07:00")
    datetime.datetime(2026, 3, 4, 9, 30, 15, 500000, tzinfo=datetime.timezone(datetime.timedelta(seconds=25200)))
    >>> parse_date_or_time("2026-03-04Z")
    Traceback (most recent call last):
    ...
    ValueError: '2026-03-04Z' has a zone but no time: a date alone is a whole day, not an instant; write the time with the zone (2026-03-04T17:00Z) or the date alone
    """  # noqa: E501  (doctest output lines)
    stripped = text.strip()
    if PLAIN.fullmatch(stripped):  # the usual spellings, read alike by every Python's C code
        try:
            return (_datetime if len(stripped) > 10 else _date).fromisoformat(stripped)
        except ValueError:
            pass  # a day or time that does not exist: said below
    match = _TEXT.fullmatch(stripped)
    if match is None:
        raise ValueError(_refusal(text, stripped))
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    try:
        date = dt.date(int(year), int(month), int(day))
        if hour is None:
            return date
        return dt.datetime(
            date.year,
            date.month,
            date.day,
            int(hour),
            int(minute),
            int(second or 0),
            int((fraction or "0").ljust(6, "0")),
            tzinfo=None if zone is None else _zone(zone),
        )
    except ValueError as exc:
        raise ValueError(f"{_shown(text)} is not a day and time that exists: {exc}") from None


def _refusal(text: str, stripped: str) -> str:
    if _DATE_WITH_ZONE.fullmatch(stripped):
        return (
            f"{_shown(text)} has a zone but no time: a date alone is a whole day, not an instant; "
            f"write the time with the zone ({stripped[:10]}T17:00Z) or the date alone"
        )
    if _BASIC.fullmatch(stripped):
        return (
            f"{_shown(text)} is in the ISO 8601 basic format, which is not read: write "
            f"{stripped[:4]}-{stripped[4:6]}-{stripped[6:8]} (with hyphens, and colons in a "
            "time)"
        )
    return f"expected {SPELLINGS}, got {_shown(text)}"
