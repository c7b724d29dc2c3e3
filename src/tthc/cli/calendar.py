"""``tthc calendar YEAR``: a year's non-working weekdays and make-up days, with sources.

Text for people, JSON for programs, iCalendar (RFC 5545) for calendar apps, and an HTML
page of twelve month grids to read (``--format html``, in ``--lang``). A year
without an announced schedule is printed with a warning that it is estimated (or refused
with ``--no-estimates``); a year outside the calendar's range is an error (exit 1).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import textwrap
from typing import TYPE_CHECKING, Any

from tthc.cli._common import add_calendar_option, add_lang_option, load_calendar_option
from tthc.errors import DateOutOfRange

if TYPE_CHECKING:
    from tthc.calendar import DayInfo, WorkingCalendar

__all__ = ["register", "run"]

_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add the ``calendar`` sub-command."""
    parser = subparsers.add_parser(
        "calendar",
        help="list a year's non-working weekdays and make-up working days",
        description=(
            "List the weekdays off (holidays, compensatory and swapped days) and the "
            "make-up working days of a year, each with its deciding document."
        ),
    )
    parser.add_argument("year", type=_year, metavar="YEAR", help="the year, e.g. 2026")
    parser.add_argument("--format", choices=("text", "json", "ics", "html"), default="text")
    add_lang_option(parser, what="the HTML page")
    add_calendar_option(parser)
    parser.add_argument(
        "--no-estimates",
        action="store_true",
        help="refuse a year without an announced schedule instead of estimating it",
    )
    parser.set_defaults(func=run)


def _year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a year like 2026, got {text!r}") from None
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise argparse.ArgumentTypeError(f"expected a year like 2026, got {text!r}")
    return year


def notable_days(calendar: WorkingCalendar, year: int) -> list[DayInfo]:
    """The year's Monday-Friday days off and weekend working days, in order."""
    first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return [
        info for info in calendar.days(first, last) if (info.date.weekday() < 5) != info.is_working
    ]


def run(args: argparse.Namespace) -> int:
    """Print the year's notable days; return the exit status."""
    calendar = load_calendar_option(args.calendar)
    if args.no_estimates:
        calendar = calendar.derive(name=calendar.name, estimates=False)
    if not calendar.first_date.year <= args.year <= calendar.last_date.year:
        raise DateOutOfRange(dt.date(args.year, 1, 1), calendar.first_date, calendar.last_date)
    days = notable_days(calendar, args.year)
    estimated = args.year not in calendar.known_years
    if args.format == "json":
        print(json.dumps(_json(calendar, args.year, estimated, days), ensure_ascii=False, indent=2))
    elif args.format == "ics":
        print(_ics(calendar, days), end="")
    elif args.format == "html":
        from tthc.calendar import year_to_html  # noqa: PLC0415

        print(year_to_html(calendar, args.year, lang=args.lang), end="")
    else:
        print(_text(calendar, args.year, estimated, days))
    return 0


def _source_data(info: DayInfo) -> dict[str, Any] | None:
    if info.source is None:
        return None
    issued = info.source.issued
    return {
        "document": info.source.document,
        "issued": issued.isoformat() if issued else None,
        "url": info.source.url,
    }


def _json(
    calendar: WorkingCalendar, year: int, estimated: bool, days: list[DayInfo]
) -> dict[str, Any]:
    known = calendar.known_years
    return {
        "calendar": calendar.name,
        "year": year,
        "estimated": estimated,
        "known_years": [known.start, known.stop - 1],
        "days": [
            {
                "date": info.date.isoformat(),
                "weekday": _WEEKDAYS[info.date.weekday()],
                "kind": info.kind.value,
                "working": info.is_working,
                "name_vi": info.name_vi,
                "name_en": info.name_en,
                "source": _source_data(info),
                "estimated": info.estimated,
            }
            for info in days
        ],
    }


_WIDTH = 100  # characters; a link longer than a line stays whole on a line of its own


def _text(calendar: WorkingCalendar, year: int, estimated: bool, days: list[DayInfo]) -> str:
    known = calendar.known_years
    status = (
        f"ESTIMATED: no announced schedule (announced years: {known.start}..{known.stop - 1}); "
        "computed from the statute and may change"
        if estimated
        else "announced schedule"
    )
    lines = _wrapped(f"{calendar.name} {year}: {status}", indent=2)
    for info in days:
        what = "make-up" if info.is_working and info.kind.value == "makeup" else info.kind.value
        head = f"{info.date.isoformat()} {_WEEKDAYS[info.date.weekday()]}  {what:<12} "
        lines += _wrapped(f"{head}{info.name_vi or ''} / {info.name_en or ''}", indent=len(head))
        if info.source is not None:
            lines += _wrapped(f"{'':16}{info.source}", indent=16)
            if info.source.url:
                lines.append(f"{'':16}{info.source.url}")
    off = sum(not info.is_working for info in days)
    lines.append(f"{off} weekday(s) off, {len(days) - off} make-up working day(s)")
    return "\n".join(lines)


def _wrapped(text: str, *, indent: int) -> list[str]:
    """``text`` on lines of at most ``_WIDTH`` characters, the next ones indented."""
    return textwrap.wrap(
        text,
        _WIDTH,
        subsequent_indent=" " * indent,
        break_long_words=False,
        break_on_hyphens=False,
        drop_whitespace=True,
        initial_indent="",
    ) or [text]


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def _fold(line: str) -> list[str]:
    """Fold a content line at 75 octets (RFC 5545 section 3.1), never inside a character."""
    out: list[str] = []
    current, size, limit = "", 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += char
        size += width
    out.append(current)
    return out


def _ics(calendar: WorkingCalendar, days: list[DayInfo]) -> str:
    stamp = dt.datetime.now(dt.timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//tthc//working calendar//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_escape(calendar.name)}",
    ]
    for info in days:
        what = "Ngày làm bù" if info.is_working else "Ngày nghỉ"
        summary = f"{what}: {info.name_vi}" if info.name_vi else what
        description = [f"{info.name_en or ''} ({info.kind.value})".strip()]
        if info.source is not None:
            description.append(f"Source: {info.source}")
            if info.source.url:
                description.append(info.source.url)
        if info.estimated:
            description.append("Estimated: no announced schedule for this year.")
        lines += [
            "BEGIN:VEVENT",
            f"UID:{info.date:%Y%m%d}-{info.kind.value}@{_escape(calendar.name)}.tthc",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{info.date:%Y%m%d}",
            f"DTEND;VALUE=DATE:{info.date + dt.timedelta(days=1):%Y%m%d}",
            f"SUMMARY:{_escape(summary)}",
            f"DESCRIPTION:{_escape(chr(10).join(description))}",
            f"TRANSP:{'OPAQUE' if info.is_working else 'TRANSPARENT'}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(part + "\r\n" for line in lines for part in _fold(line))
