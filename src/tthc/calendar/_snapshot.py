"""Generate the national calendar data: ``python -m tthc.calendar._snapshot [--check]``.

The national calendar is built from two inputs (see ``data/vn_overlay.yaml``):

* the holidays ``holidays.VN`` computes for 2000-2099 (lunar dates, weekend compensation,
  the swaps it knows), in Vietnamese and English, and
* the overlay of official decisions, the source of truth for the years with an announced
  schedule.

Importing ``holidays`` and computing a century takes longer than the whole calendar may
(``import tthc`` plus :meth:`WorkingCalendar.vietnam` must stay under 150 ms), and parsing
YAML needs PyYAML in the domain core. So this script writes both, checked and compiled,
to ``data/vn_calendar.json``, recording the holidays version and the overlay's SHA-256.
The tests regenerate it and compare, so the JSON cannot drift from its sources.

``--check`` exits 1 (and writes nothing) when the file on disk is not what the script
would write.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
from collections.abc import Mapping, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

from tthc.calendar._days import WEEKDAYS_VI, DayKind
from tthc.calendar._lunar import last_month_day

__all__ = ["DATA_DIR", "build_document", "compile_overlay", "holiday_rows", "main"]

DATA_DIR = Path(__file__).parent / "data"
OVERLAY_PATH = DATA_DIR / "vn_overlay.yaml"
SNAPSHOT_PATH = DATA_DIR / "vn_calendar.json"
FIRST_YEAR, LAST_YEAR = 2000, 2099
_SWAP_PREFIX = "Day off (substituted from"
_TWENTY_NINTH = "29 Tết"

#: A holiday row: ISO date, kind, Vietnamese name, English name.
Row = tuple[str, str, str, str]


def holiday_rows(
    first_year: int = FIRST_YEAR, last_year: int = LAST_YEAR
) -> tuple[str, list[Row], list[str]]:
    """What the installed ``holidays.VN`` says: (version, holiday rows, make-up days).

    A day is ``compensatory`` when holidays adds it only with its observed rule, ``swapped``
    when it is one of holidays' special (substituted) days, else ``holiday``. The day
    holidays calls "29 Tết" is named from its lunar date (the 28th in a 29-day month).
    """
    from holidays import country_holidays  # noqa: PLC0415  (tooling, never the domain core)
    from holidays.calendars.chinese import (  # noqa: PLC0415
        VIETNAMESE_CALENDAR,
        _ChineseLunisolar,
    )

    lunisolar = _ChineseLunisolar(VIETNAMESE_CALENDAR)

    def tet_of(year: int) -> dt.date:
        tet = lunisolar.lunar_new_year_date(year)[0]
        assert tet is not None  # every year 2000-2099 has one
        return tet

    years = range(first_year, last_year + 1)
    vi = country_holidays("VN", years=years, language="vi")
    en = country_holidays("VN", years=years, language="en_US")
    base = country_holidays("VN", years=years, language="en_US", observed=False)
    rows: list[Row] = []
    for day in sorted(en):
        name_en = en[day]
        if name_en.startswith(_SWAP_PREFIX):
            kind = DayKind.SWAPPED
        elif day in base:
            kind = DayKind.HOLIDAY
        else:
            kind = DayKind.COMPENSATORY
        name_vi = vi[day]
        if name_vi == _TWENTY_NINTH:  # holidays names the day by position, not lunar date
            name_vi, name_en = _before_tet(day, tet_of(day.year))
        rows.append((day.isoformat(), kind.value, name_vi, name_en))
    makeup = sorted(d.isoformat() for d in en.weekend_workdays if d.year in years)
    return version("holidays"), rows, makeup


def _before_tet(day: dt.date, tet: dt.date) -> tuple[str, str]:
    """The names of a day shortly before Tết, from its day of the last lunar month."""
    n = last_month_day(day, tet)
    return f"{n} Tết", f"{n} of Lunar New Year"


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


class _Compiler:
    """Checks the overlay and compiles it, collecting every problem before failing."""

    def __init__(self, holidays: Mapping[str, Row]) -> None:
        self.holidays = holidays
        self.problems: list[str] = []
        self.sources: list[list[str | None]] = []
        self.days: dict[str, list[Any]] = {}

    def source(self, entry: Mapping[str, Any], where: str) -> int:
        document = entry.get("document")
        if not isinstance(document, str) or not document.strip():
            self.problems.append(f"{where}: 'document' must be non-empty text")
        if "url" not in entry or "issued" not in entry:
            self.problems.append(f"{where}: give 'issued' and 'url' (null when not found)")
        issued = entry.get("issued")
        if issued is not None and _date(issued) is None:
            self.problems.append(f"{where}: 'issued' must be a date, got {issued!r}")
        url = entry.get("url")
        if url is not None and not (isinstance(url, str) and url.startswith("http")):
            self.problems.append(f"{where}: 'url' must be an http(s) link, got {url!r}")
        issued_date = _date(issued)
        row = [document, issued_date.isoformat() if issued_date else None, url]
        if row not in self.sources:
            self.sources.append(row)
        return self.sources.index(row)

    def add(
        self, where: str, value: object, kind: DayKind, names: tuple[Any, Any], src: int
    ) -> None:
        day = _date(value)
        if day is None:
            self.problems.append(f"{where}: expected a date YYYY-MM-DD, got {value!r}")
            return
        key = day.isoformat()
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            self.problems.append(f"{where}: {key} is outside {FIRST_YEAR}..{LAST_YEAR}")
        if kind.is_working != (day.weekday() >= 5):
            what = "a Saturday or Sunday" if kind.is_working else "a Monday-Friday"
            self.problems.append(f"{where}: {key} ({day:%A}) must be {what} to be {kind.value}")
        if key in self.days:
            self.problems.append(f"{where}: {key} is listed twice")
        name_vi, name_en = names
        if name_vi is None or name_en is None:
            known = self.holidays.get(key)
            if known is None:
                self.problems.append(
                    f"{where}: {key} is not in holidays.VN; give name_vi and name_en"
                )
                return
            name_vi = name_vi or known[2]
            name_en = name_en or known[3]
        self.days[key] = [key, kind.value, name_vi, name_en, src]

    def day_off(self, where: str, item: object, src: int) -> None:
        if isinstance(item, Mapping):
            unknown = set(item) - {"date", "kind", "name_vi", "name_en"}
            if unknown:
                self.problems.append(f"{where}: unknown field(s) {sorted(unknown)}")
            try:
                kind = DayKind(item.get("kind", "holiday"))
            except ValueError:
                kind = DayKind.HOLIDAY
                self.problems.append(f"{where}: unknown kind {item.get('kind')!r}")
            if kind.is_working:
                self.problems.append(f"{where}: a day off cannot be {kind.value}")
            self.add(where, item.get("date"), kind, (item.get("name_vi"), item.get("name_en")), src)
            return
        day = _date(item)
        known = self.holidays.get(day.isoformat()) if day else None
        kind = DayKind(known[1]) if known else DayKind.HOLIDAY
        self.add(where, item, kind, (None, None), src)

    def swap(self, where: str, item: object, src: int) -> None:
        if not isinstance(item, Mapping) or set(item) != {"day_off", "working_day"}:
            self.problems.append(f"{where}: a swap is {{day_off: DATE, working_day: DATE}}")
            return
        off, work = _date(item["day_off"]), _date(item["working_day"])
        if off is None or work is None:
            self.problems.append(f"{where}: swap dates must be YYYY-MM-DD, got {dict(item)!r}")
            return
        names_off = (
            f"Ngày nghỉ hoán đổi (làm bù {WEEKDAYS_VI[work.weekday()]} {work:%d/%m/%Y})",
            f"Day off swapped for a make-up working day on {work:%A %d/%m/%Y}",
        )
        names_work = (
            f"Ngày làm bù cho ngày nghỉ {WEEKDAYS_VI[off.weekday()]} {off:%d/%m/%Y}",
            f"Make-up working day for the day off on {off:%A %d/%m/%Y}",
        )
        self.add(where, off, DayKind.SWAPPED, names_off, src)
        self.add(where, work, DayKind.MAKEUP, names_work, src)


def _known_years(data: Mapping[str, Any], problems: list[str]) -> tuple[int, int]:
    known = data.get("known_years") or {}
    first, last = known.get("first"), known.get("last")
    if not (isinstance(first, int) and isinstance(last, int) and first <= last):
        problems.append("known_years: expected {first: YEAR, last: YEAR}")
        return 0, -1
    return first, last


def _statutes(
    data: Mapping[str, Any], compiler: _Compiler
) -> tuple[dict[str, int], list[list[int]]]:
    """Each statute's source index by id, and the [first, last, source] year spans."""
    statutes: dict[str, int] = {}
    spans: list[list[int]] = []
    for n, entry in enumerate(data.get("statutes") or ()):
        where = f"statutes[{n}]"
        statutes[entry.get("id")] = src = compiler.source(entry, where)
        years = entry.get("years")
        if not (isinstance(years, list) and len(years) == 2):
            compiler.problems.append(f"{where}: 'years' must be [FIRST, LAST]")
            continue
        spans.append([years[0], years[1], src])
    spans.sort()
    covered = [y for a, b, _ in spans for y in range(a, b + 1)]
    if covered != list(range(FIRST_YEAR, LAST_YEAR + 1)):
        compiler.problems.append(
            f"statutes: the years must cover {FIRST_YEAR}..{LAST_YEAR} once each"
        )
    return statutes, spans


def compile_overlay(data: object, holidays: Sequence[Row]) -> dict[str, Any]:
    """Check the overlay (as loaded from YAML) and compile it for ``vn_calendar.json``.

    Raises:
        ValueError: Listing every problem found, each with the entry it is in.
    """
    compiler = _Compiler({row[0]: row for row in holidays})
    problems = compiler.problems
    if not isinstance(data, Mapping) or data.get("format") != 1:
        raise ValueError("overlay: expected a mapping with 'format: 1'")
    first, last = _known_years(data, problems)
    statutes, spans = _statutes(data, compiler)
    for n, entry in enumerate(data.get("decisions") or ()):
        where = f"decisions[{n}]"
        if "statute" not in entry:
            src = compiler.source(entry, where)
        elif entry["statute"] in statutes:
            src = statutes[entry["statute"]]
        else:
            problems.append(f"{where}: unknown statute {entry['statute']!r}")
            continue
        for m, item in enumerate(entry.get("days_off") or ()):
            compiler.day_off(f"{where}.days_off[{m}]", item, src)
        for m, item in enumerate(entry.get("swaps") or ()):
            compiler.swap(f"{where}.swaps[{m}]", item, src)
    for key, day in compiler.days.items():
        if day[1] != DayKind.MAKEUP.value and not first <= int(key[:4]) <= last:
            problems.append(f"{key}: days off may only be listed in known_years {first}..{last}")
    if problems:
        raise ValueError("invalid calendar overlay:\n  " + "\n  ".join(problems))
    return {
        "known_years": [first, last],
        "sources": compiler.sources,
        "statutes": spans,
        "days": [compiler.days[k] for k in sorted(compiler.days)],
    }


def _differences(
    rows: Sequence[Row], makeup: Sequence[str], overlay: Mapping[str, Any]
) -> dict[str, list[str]]:
    """Where the overlay and holidays.VN disagree in known years: weekday days off, make-ups."""
    first, last = overlay["known_years"]

    def known(iso: str) -> bool:
        return bool(first <= int(iso[:4]) <= last)

    ours_off = {d[0] for d in overlay["days"] if d[1] != DayKind.MAKEUP.value}
    ours_work = {d[0] for d in overlay["days"] if d[1] == DayKind.MAKEUP.value and known(d[0])}
    theirs_off = {r[0] for r in rows if known(r[0]) and dt.date.fromisoformat(r[0]).weekday() < 5}
    theirs_work = {d for d in makeup if known(d)}
    return {
        "off_in_holidays_only": sorted(theirs_off - ours_off),
        "off_in_overlay_only": sorted(ours_off - theirs_off),
        "makeup_in_holidays_only": sorted(theirs_work - ours_work),
        "makeup_in_overlay_only": sorted(ours_work - theirs_work),
    }


def build_document(overlay_text: bytes, overlay_data: object | None = None) -> dict[str, Any]:
    """The full content of ``vn_calendar.json``, from the overlay's bytes (and parsed data)."""
    if overlay_data is None:
        overlay_data = load_overlay(overlay_text)
    version, rows, makeup = holiday_rows()
    overlay = compile_overlay(overlay_data, rows)
    return {
        "format": 1,
        "generator": "python -m tthc.calendar._snapshot",
        "years": [FIRST_YEAR, LAST_YEAR],
        "holidays_version": version,
        "overlay_sha256": hashlib.sha256(overlay_text).hexdigest(),
        "holidays": [list(r) for r in rows],
        "weekend_workdays": makeup,
        "overlay": overlay,
        "differences": _differences(rows, makeup, overlay),
    }


def load_overlay(text: bytes) -> object:
    """Parse the overlay YAML (duplicate keys refused)."""
    from tthc._yaml import load_yaml  # noqa: PLC0415  (tooling edge: YAML stays out of the core)

    result = load_yaml(text, file=str(OVERLAY_PATH))
    if result.document is None or result.issues:
        raise ValueError("invalid overlay YAML:\n  " + "\n  ".join(map(str, result.issues)))
    return result.document.data


def render(document: Mapping[str, Any]) -> str:
    """The JSON text: one holiday or day per line, so diffs stay readable."""
    return _render(document, "") + "\n"


def _render(value: object, indent: str) -> str:
    inner = indent + "  "
    if isinstance(value, Mapping):
        items = [f"{inner}{json.dumps(k)}: {_render(v, inner)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + f"\n{indent}}}"
    if isinstance(value, list) and value and all(isinstance(v, list) for v in value):
        rows = [inner + json.dumps(v, ensure_ascii=False) for v in value]
        return "[\n" + ",\n".join(rows) + f"\n{indent}]"
    return json.dumps(value, ensure_ascii=False)


def main(argv: Sequence[str] | None = None) -> int:
    """Write (or with ``--check``, compare) ``data/vn_calendar.json``."""
    args = list(sys.argv[1:] if argv is None else argv)
    text = render(build_document(OVERLAY_PATH.read_bytes()))
    if "--check" in args:
        current = SNAPSHOT_PATH.read_text(encoding="utf-8") if SNAPSHOT_PATH.exists() else ""
        if current != text:
            print(f"{SNAPSHOT_PATH}: out of date; run python -m tthc.calendar._snapshot")
            return 1
        print(f"{SNAPSHOT_PATH}: up to date")
        return 0
    SNAPSHOT_PATH.write_text(text, encoding="utf-8")
    print(f"wrote {SNAPSHOT_PATH}")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
