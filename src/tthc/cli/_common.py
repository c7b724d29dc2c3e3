"""Helpers shared by the sub-commands."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tthc.calendar import WorkingCalendar

__all__ = [
    "DEFAULT_LANG",
    "add_calendar_option",
    "add_lang_option",
    "bundled_catalog_path",
    "iso_datetime",
    "load_calendar_option",
]

#: The language of every command's text output unless ``--lang`` says otherwise: Vietnamese,
#: the language of the procedures, their legal texts and the offices that use them.
DEFAULT_LANG = "vi"


def add_lang_option(parser: argparse.ArgumentParser, *, what: str) -> None:
    """The ``--lang vi|en`` option, the same default for every command."""
    parser.add_argument(
        "--lang",
        choices=("vi", "en"),
        default=DEFAULT_LANG,
        help=f"language of {what} (default: {DEFAULT_LANG})",
    )


def bundled_catalog_path() -> Path:
    """The catalogue shipped with tthc: inside the installed package, or the source tree's."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "_bundled_catalog", package.parent.parent / "catalog"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(  # pragma: no cover  (both layouts ship one)
        "the bundled catalogue is missing from this installation; pass --catalog PATH"
    )


def add_calendar_option(parser: argparse.ArgumentParser) -> None:
    """The ``--calendar PATH`` option, read with :func:`load_calendar_option`."""
    parser.add_argument(
        "--calendar",
        type=Path,
        default=None,
        metavar="PATH",
        help="calendar file extending the national calendar (default: national)",
    )


def iso_datetime(text: str) -> dt.datetime:
    """An argparse type: an ISO 8601 date and time (naive: Vietnam local time; ``Z``: UTC).

    The spellings of :mod:`tthc._iso8601`; a date alone is refused, as it does not say when.
    """
    from tthc._iso8601 import TIME_SPELLING, parse_date_or_time  # noqa: PLC0415

    expected = "expected an ISO 8601 date and time like 2026-02-12T10:00"
    try:
        read = parse_date_or_time(text)
    except ValueError as exc:
        why = f"; {exc}"
        if str(exc).startswith("expected"):  # no spelling it resembles: say them all
            why = f" ({TIME_SPELLING}), got {text!r}"
        raise argparse.ArgumentTypeError(expected + why) from None
    if not isinstance(read, dt.datetime):
        raise argparse.ArgumentTypeError(
            f"{expected}, got the date {text.strip()!r} alone: a day is not an instant; "
            "give the time too"
        )
    from tthc._localtime import to_local  # noqa: PLC0415
    from tthc.errors import DateOutOfRange  # noqa: PLC0415

    try:
        to_local(read)
    except DateOutOfRange as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    return read


def load_calendar_option(path: Path | None) -> WorkingCalendar:
    """The national calendar, or the calendar file given on the command line."""
    if path is None:
        from tthc.calendar import WorkingCalendar  # noqa: PLC0415

        return WorkingCalendar.vietnam()
    from tthc.calendar import load_calendar  # noqa: PLC0415

    return load_calendar(path)
