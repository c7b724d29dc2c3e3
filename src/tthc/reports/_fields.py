"""The fields of a dossier record read from text: one JSON Lines object or one CSV row.

Columns (CSV) or keys (JSON Lines) are the :class:`DossierRecord` field names. Times are
ISO 8601 (``2026-03-02T09:30``, ``2026-03-02 09:30:00+07:00``); naive means Vietnam local
time. A date without a time is 00:00 of that day, except for ``due_at`` and
``legal_due_at``, which then mean the end of that day: a time limit runs to the end of its
last day (BLDS 2015 Art. 148(1)). An empty cell or ``null`` is a missing value. Waits are a
JSON list of ``[started, ended]`` pairs (``ended`` null while open), or in CSV
``started/ended`` intervals separated by ``;`` (``2026-03-03T10:00/2026-03-05T08:00;
2026-03-09T09:00/``). ``due_includes_waits``, ``paid_online`` and ``digitised`` are
``true`` or ``false`` (CSV also ``1``/``0``, ``yes``/``no``; empty for unknown). The line a
row came from is the reader's business (:mod:`tthc.reports._readers`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from tthc._iso8601 import PLAIN, parse_date_or_time
from tthc.reports._records import DossierRecord

__all__ = ["FIELDS", "MAX_QUOTED", "REQUIRED", "BadValue", "record_from_row"]

FIELDS = tuple(DossierRecord.__dataclass_fields__)
REQUIRED = ("code", "received_at", "status")
_TIMES = ("received_at", "due_at", "legal_due_at", "result_ready_at", "returned_at", "ended_at")
_END_OF_DAY = ("due_at", "legal_due_at")
_WAITS = ("supplement_waits", "payment_waits")
_INTS = ("status", "supplement_requests")
_BOOLS = ("due_includes_waits", "paid_online", "digitised")
#: Digits of a whole number written as text; more is not a count of anything.
_MAX_DIGITS = 18
#: Characters of a value quoted in a message; the rest is cut.
MAX_QUOTED = 80
_MAX_MESSAGE = 4 * MAX_QUOTED

#: The spellings every supported Python's ``fromisoformat`` reads alike (tthc._iso8601).
_plain = PLAIN.fullmatch
_datetime = dt.datetime

_TRUTH = {"true": True, "1": True, "yes": True, "false": False, "0": False, "no": False}


class BadValue(ValueError):
    """A field or a row that cannot be read as a record; the message says which and why."""


def _quote(value: object) -> str:
    """``repr(value)``, cut to :data:`MAX_QUOTED` characters (a hostile cell can be long)."""
    text = repr(value)
    if len(text) <= MAX_QUOTED:
        return text
    return f"{text[: MAX_QUOTED - 20]}... ({len(text):,} characters)"


def _time(name: str, value: object) -> dt.datetime | None:
    if value is None or value == "":
        return None
    if type(value) is str and _plain(value):  # the usual spellings, parsed by C code
        try:
            if len(value) > 10:
                return _datetime.fromisoformat(value)
            return _day(name, dt.date.fromisoformat(value))
        except ValueError:
            pass  # a day or time that does not exist: parse_date_or_time says so
    if not isinstance(value, str):
        raise BadValue(f"{name}: expected an ISO 8601 time as text, got {_quote(value)}")
    try:
        read = parse_date_or_time(value)
    except ValueError as exc:
        raise BadValue(f"{name}: {exc}") from None
    return read if isinstance(read, dt.datetime) else _day(name, read)


def _day(name: str, day: dt.date) -> dt.datetime:
    """A date alone: the start of that day, or its end for a due date (BLDS Art. 148(1))."""
    return dt.datetime.combine(day, dt.time.max if name in _END_OF_DAY else dt.time())


def _int(name: str, value: object) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = value.strip()
        if text.isascii() and text.isdigit() and len(text) <= _MAX_DIGITS:
            return int(text)
    raise BadValue(f"{name}: expected a whole number, got {_quote(value)}")


def _bool(name: str, value: object) -> bool | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in _TRUTH:
        return _TRUTH[value.strip().lower()]
    raise BadValue(f"{name}: expected true or false, got {_quote(value)}")


def _waits(name: str, value: object) -> list[tuple[dt.datetime, dt.datetime | None]]:
    if value is None or value == "":
        return []
    if isinstance(value, str):
        pairs: list[Any] = [part.split("/") for part in value.split(";") if part.strip()]
    elif isinstance(value, list):
        pairs = value
    else:
        raise BadValue(f"{name}: expected a list of [started, ended] pairs, got {_quote(value)}")
    waits = []
    for pair in pairs:
        if not isinstance(pair, list) or len(pair) != 2:
            raise BadValue(
                f"{name}: expected [started, ended] pairs (CSV: started/ended;...), "
                f"got {_quote(pair)}"
            )
        start = _time(name, pair[0])
        if start is None:
            raise BadValue(f"{name}: a wait needs its start time, got {_quote(pair)}")
        waits.append((start, _time(name, pair[1])))
    return waits


def _channel(name: str, raw: object) -> Any:
    if isinstance(raw, str) and raw.strip().isdigit():
        return _int(name, raw)  # a portal code (1, 2, 3); DossierRecord checks which
    return raw


def _as_is(name: str, raw: object) -> object:
    return raw  # text: DossierRecord checks its type


#: How each field's value is read from JSON or CSV text, by field name.
_READ: dict[str, Callable[[str, Any], Any]] = {
    **dict.fromkeys(FIELDS, _as_is),
    **dict.fromkeys(_TIMES, _time),
    **dict.fromkeys(_WAITS, _waits),
    **dict.fromkeys(_INTS, _int),
    **dict.fromkeys(_BOOLS, _bool),
    "channel": _channel,
}


def record_from_row(row: dict[str, Any]) -> DossierRecord:
    """The record of one row (field name to JSON value or CSV text).

    Raises:
        BadValue: Every problem of the row, in one message.
    """
    problems: list[str] = []
    values: dict[str, Any] = {}
    bad: set[str] = set()
    unknown: list[str] = []
    read, plain, fromisoformat = _READ, _plain, _datetime.fromisoformat
    for name, raw in row.items():
        reader = read.get(name)
        if reader is None:
            unknown.append(name)
            continue
        if raw is None or raw == "":
            continue  # a missing value: the record's default
        if reader is _time and type(raw) is str and len(raw) > 10 and plain(raw):
            try:  # the usual time spelling, inline: a record has three or four of them
                values[name] = fromisoformat(raw)
                continue
            except ValueError:
                pass  # a day or time that does not exist: _time says so
        try:
            value = reader(name, raw)
        except BadValue as exc:
            problems.append(str(exc))
            bad.add(name)
            continue
        if value is not None:
            values[name] = value
    if unknown:
        problems.insert(
            0,
            f"unknown field(s) {', '.join(map(_quote, unknown))}; "
            f"expected some of {', '.join(FIELDS)}",
        )
    missing = [k for k in REQUIRED if k not in values and k not in bad]
    if missing:
        problems.append(f"missing {', '.join(missing)}")
    if problems:
        raise BadValue("; ".join(problems))
    try:
        return DossierRecord(**values)
    except (TypeError, ValueError) as exc:
        message = str(exc)
        if len(message) > _MAX_MESSAGE:  # the record quotes its values whole
            message = f"{message[:_MAX_MESSAGE]}... ({len(message):,} characters)"
        raise BadValue(message) from None
