"""A year of a working calendar as one self-contained HTML page: twelve month grids.

The page has its CSS inline, no script and no external resource: it opens offline and
prints. Weeks run Monday to Sunday, as Vietnamese offices count them (thứ Hai to Chủ nhật).
Each day a calendar decides is marked by kind (holiday, compensatory day, swapped day,
make-up working day) and, when its year has no announced schedule or it rests on an
assumption, as estimated; its name, source and certainty are in its ``title`` (shown on
hover) and in the list under the grids. Every text is escaped.
"""

from __future__ import annotations

import calendar as _months
import datetime as dt
from html import escape
from typing import TYPE_CHECKING

from tthc._page import page_start
from tthc.calendar._days import WEEKDAYS_VI, DayInfo, DayKind
from tthc.errors import DateOutOfRange

if TYPE_CHECKING:
    from tthc.calendar._model import WorkingCalendar

__all__ = ["year_to_html"]

_MARKED = (DayKind.HOLIDAY, DayKind.COMPENSATORY, DayKind.SWAPPED, DayKind.MAKEUP)

#: Per language: the page's words, the weekday headings (Monday first), the month names.
_WORDS: dict[str, dict[str, str]] = {
    "vi": {
        "title": "Lịch làm việc năm {year} ({name})",
        "announced": "Lịch nghỉ đã được công bố.",
        "estimated": (
            "ƯỚC TÍNH: chưa có lịch nghỉ được công bố cho năm này (các năm đã công bố: "
            "{first}-{last}); các ngày được tính theo luật và có thể thay đổi."
        ),
        "legend": "Chú giải",
        "list": "Các ngày nghỉ và ngày làm bù",
        "date": "Ngày",
        "kind": "Loại",
        "name": "Tên",
        "source": "Nguồn",
        "note": "Ghi chú",
        "estimated_day": "Ước tính: năm chưa có lịch nghỉ được công bố",
        "assumed_day": "Giả định",
        "summary": "{off} ngày nghỉ từ thứ Hai đến thứ Sáu, {makeup} ngày làm bù",
        "holiday": "Ngày lễ, tết",
        "compensatory": "Ngày nghỉ bù",
        "swapped": "Ngày nghỉ hoán đổi",
        "makeup": "Ngày làm bù",
        "working": "Ngày làm việc",
        "weekend": "Thứ Bảy, Chủ nhật",
        "estimate": "Ước tính hoặc giả định (chưa công bố)",
    },
    "en": {
        "title": "Working calendar {year} ({name})",
        "announced": "Announced schedule.",
        "estimated": (
            "ESTIMATED: no announced schedule for this year (announced years: "
            "{first}-{last}); the days are computed from the statute and may change."
        ),
        "legend": "Legend",
        "list": "Days off and make-up working days",
        "date": "Date",
        "kind": "Kind",
        "name": "Name",
        "source": "Source",
        "note": "Note",
        "estimated_day": "Estimated: no announced schedule for the year",
        "assumed_day": "Assumption",
        "summary": "{off} weekday(s) off, {makeup} make-up working day(s)",
        "holiday": "Public holiday",
        "compensatory": "Compensatory day off",
        "swapped": "Swapped day off",
        "makeup": "Make-up working day",
        "working": "Working day",
        "weekend": "Saturday, Sunday",
        "estimate": "Estimated or assumed (not announced)",
    },
}
_WEEKDAY_HEADS = {
    "vi": ("T2", "T3", "T4", "T5", "T6", "T7", "CN"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
_WEEKDAY_NAMES = {"vi": WEEKDAYS_VI, "en": tuple(_months.day_name)}
_MONTHS = {
    "vi": tuple(f"Tháng {m}" for m in range(1, 13)),
    "en": tuple(_months.month_name[1:]),
}

_CSS = """
body{font-family:system-ui,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;margin:24px;
color:#1f2328;background:#fff}
h1{font-size:1.5em;margin:0 0 .3em}
.status{margin:.2em 0 1em}.status.estimated{color:#8a4b00;font-weight:600}
.legend{display:flex;flex-wrap:wrap;gap:.4em 1.2em;list-style:none;padding:0;margin:0 0 1.2em}
.legend li{display:flex;align-items:center;gap:.4em}
.swatch{display:inline-block;width:1.6em;height:1.3em;border-radius:3px;text-align:center;line-height:1.3em;
border:1px solid #d0d7de}
.year{display:grid;grid-template-columns:repeat(4,1fr);gap:18px}
.month{border-collapse:collapse;width:100%;table-layout:fixed;font-size:.92em}
.month caption{font-weight:600;text-align:left;padding:0 0 .3em}
.month th{font-weight:600;color:#57606a;padding:2px 0;text-align:center}
.month td{text-align:center;padding:3px 0;border:1px solid #eaeef2;height:1.6em}
.month td.pad{border:none}
.weekend{color:#8c959f;background:#f6f8fa}
.holiday{background:#cf222e;color:#fff;font-weight:600}
.compensatory{background:#fb8f44;color:#1f2328;font-weight:600}
.swapped{background:#8250df;color:#fff;font-weight:600}
.makeup{background:#2da44e;color:#fff;font-weight:600}
.working{background:#ddf4ff}
.estimate{outline:2px dashed #1f2328;outline-offset:-3px}
.estimate::after{content:"*"}
td[title]{cursor:help}
.days{border-collapse:collapse;margin-top:1.5em;font-size:.92em;width:100%}
.days th,.days td{border:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
.days .date{width:11em}.days .kind{width:10em}.days .name{width:15em}.days .note{width:18em}
.days th{background:#f6f8fa}
.url{word-break:break-all;color:#57606a;font-size:.9em}
"""


def _kind_class(info: DayInfo) -> str:
    return info.kind.value


def _marked(info: DayInfo) -> bool:
    return info.kind in _MARKED or info.source is not None


def _estimate(info: DayInfo) -> bool:
    return info.estimated or info.assumption is not None


def _hover(info: DayInfo, lang: str) -> str:
    """The ``title`` of a marked day: date, kind, name, source, certainty; one per line."""
    words = _WORDS[lang]
    name = info.name_vi if lang == "vi" else info.name_en
    weekday = _WEEKDAY_NAMES[lang][info.date.weekday()]
    lines = [f"{info.date:%d/%m/%Y} ({weekday}): {words[_kind_class(info)]}"]
    if name:
        lines.append(name)
    if info.source is not None:
        lines.append(f"{words['source']}: {info.source}")
        if info.source.url:
            lines.append(info.source.url)
    if info.estimated:
        lines.append(words["estimated_day"])
    if info.assumption:
        lines.append(f"{words['assumed_day']}: {info.assumption}")
    return "\n".join(lines)


def _day_cell(info: DayInfo, lang: str) -> str:
    classes = []
    if _marked(info):
        classes.append(_kind_class(info))
        if _estimate(info):
            classes.append("estimate")
    elif info.kind is DayKind.WEEKEND:
        classes.append("weekend")
    attrs = f' class="{" ".join(classes)}"' if classes else ""
    if _marked(info):
        attrs += f' title="{escape(_hover(info, lang))}"'
    return f"<td{attrs}>{info.date.day}</td>"


def _month(year: int, month: int, days: dict[dt.date, DayInfo], lang: str) -> list[str]:
    heads = "".join(f'<th scope="col">{h}</th>' for h in _WEEKDAY_HEADS[lang])
    out = [
        '<table class="month">',
        f"<caption>{escape(_MONTHS[lang][month - 1])}</caption>",
        f"<thead><tr>{heads}</tr></thead>",
        "<tbody>",
    ]
    for week in _months.Calendar(firstweekday=0).monthdatescalendar(year, month):
        cells = [
            _day_cell(days[day], lang) if day.month == month else '<td class="pad"></td>'
            for day in week
        ]
        out.append(f"<tr>{''.join(cells)}</tr>")
    out += ["</tbody>", "</table>"]
    return out


def _legend(lang: str) -> list[str]:
    words = _WORDS[lang]
    items = ("holiday", "compensatory", "swapped", "makeup", "weekend")
    out = [f'<ul class="legend" aria-label="{escape(words["legend"])}">']
    out += [f'<li><span class="swatch {key}"></span>{escape(words[key])}</li>' for key in items]
    out.append(f'<li><span class="swatch holiday estimate"></span>{escape(words["estimate"])}</li>')
    out.append("</ul>")
    return out


def _notes(info: DayInfo, lang: str) -> list[str]:
    """A day's notes in the list, escaped: estimated, and its assumption (in English)."""
    words = _WORDS[lang]
    notes = []
    if info.estimated:
        notes.append(escape(words["estimated_day"]))
    if info.assumption:
        # the assumptions are written in English only
        assumption = escape(info.assumption)
        if lang != "en":
            assumption = f'<span lang="en">{assumption}</span>'
        notes.append(f"{escape(words['assumed_day'])}: {assumption}")
    return notes


def _day_list(marked: list[DayInfo], lang: str) -> list[str]:
    """The marked days as a table; its note column only when a day has a note."""
    words = _WORDS[lang]
    notes = {info.date: _notes(info, lang) for info in marked}
    columns = ["date", "kind", "name", "source"] + (["note"] if any(notes.values()) else [])
    heads = "".join(f'<th scope="col" class="{k}">{escape(words[k])}</th>' for k in columns)
    out = [
        f"<h2>{escape(words['list'])}</h2>",
        '<table class="days">',
        f"<thead><tr>{heads}</tr></thead>",
        "<tbody>",
    ]
    for info in marked:
        weekday = _WEEKDAY_NAMES[lang][info.date.weekday()]
        name = (info.name_vi if lang == "vi" else info.name_en) or ""
        source = ""
        if info.source is not None:
            source = escape(str(info.source))
            if info.source.url:
                source += f'<br><span class="url">{escape(info.source.url)}</span>'
        note = f"<td>{'<br>'.join(notes[info.date])}</td>" if "note" in columns else ""
        out.append(
            f"<tr><td>{info.date:%d/%m/%Y} ({escape(weekday)})</td>"
            f"<td>{escape(words[_kind_class(info)])}</td><td>{escape(name)}</td>"
            f"<td>{source}</td>{note}</tr>"
        )
    out += ["</tbody>", "</table>"]
    return out


def year_to_html(calendar: WorkingCalendar, year: int, *, lang: str = "vi") -> str:
    """The year ``year`` of ``calendar`` as one self-contained HTML5 page.

    Twelve month grids, weeks from Monday to Sunday; the days off (holidays, compensatory
    and swapped days), the make-up working days and the estimated ones marked, with a
    legend; each marked day's name and source on hover (its ``title``) and in a list under
    the grids. In Vietnamese (``lang="vi"``, the default) or English (``"en"``). The page
    has inline CSS, no script and no external resource.

    Raises:
        ValueError: ``lang`` is not ``"vi"`` or ``"en"``, or ``year`` is not 1..9999.
        TypeError: ``year`` is not an ``int``.
        DateOutOfRange: The year is outside the calendar's range.
        EstimatedDateError: The year has no announced schedule and the calendar was built
            with ``estimates=False``.

    >>> from tthc.calendar import WorkingCalendar, year_to_html
    >>> page = year_to_html(WorkingCalendar.vietnam(), 2026, lang="en")
    >>> page.startswith("<!DOCTYPE html>"), page.count('<table class="month">')
    (True, 12)
    """
    if lang not in _WORDS:
        raise ValueError(f"lang must be 'vi' or 'en', got {lang!r}")
    if isinstance(year, bool) or not isinstance(year, int):
        raise TypeError(f"year must be an int, got {type(year).__name__} {year!r}")
    if not dt.MINYEAR <= year <= dt.MAXYEAR:
        raise ValueError(f"year must be {dt.MINYEAR}..{dt.MAXYEAR}, got {year}")
    first = dt.date(year, 1, 1)
    if not calendar.first_date.year <= year <= calendar.last_date.year:
        raise DateOutOfRange(first, calendar.first_date, calendar.last_date)
    days = {info.date: info for info in calendar.days(first, dt.date(year, 12, 31))}
    words = _WORDS[lang]
    known = calendar.known_years
    estimated = year not in known
    status = (
        words["estimated"].format(first=known.start, last=known.stop - 1)
        if estimated
        else words["announced"]
    )
    marked = [info for info in days.values() if _marked(info)]
    off = sum(1 for info in marked if not info.is_working and info.date.weekday() < 5)
    makeup = sum(1 for info in marked if info.is_working and info.date.weekday() >= 5)
    title = escape(words["title"].format(name=calendar.name, year=year))
    out = [
        *page_start(lang, title, _CSS),
        f'<p class="status{" estimated" if estimated else ""}">{escape(status)}</p>',
        f"<p>{escape(words['summary'].format(off=off, makeup=makeup))}</p>",
        *_legend(lang),
        '<div class="year">',
    ]
    for month in range(1, 13):
        out += _month(year, month, days, lang)
    out.append("</div>")
    out += _day_list(marked, lang)
    out += ["</body>", "</html>", ""]
    return "\n".join(out)
