"""The national public-sector calendar of Vietnam, from the compiled data.

``data/vn_calendar.json`` holds what ``holidays.VN`` computes for 2000-2099 and the
compiled overlay of official decisions (``data/vn_overlay.yaml``); ``_snapshot.py``
writes it. The rules that combine them:

* In a year with an announced schedule (``known_years``), the Monday-Friday days off and
  the make-up working days are exactly those of the overlay, each with its deciding
  document; holidays.VN only names the holidays that fall on a weekend.
* In any other year, every day comes from holidays.VN (statutory rules: Bộ luật Lao động
  1994 Art. 73, 2012 Art. 115, 2019 Art. 112) and is marked estimated; its source is the
  statute in force, or the holidays package for the swaps it lists.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import os
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Literal

from tthc.calendar._days import DayInfo, DayKind, Source

__all__ = ["FIRST_DATE", "LAST_DATE", "NationalData", "national_data"]

FIRST_DATE = dt.date(2000, 1, 1)
LAST_DATE = dt.date(2099, 12, 31)
_SNAPSHOT = os.path.join(os.path.dirname(__file__), "data", "vn_calendar.json")
_HOLIDAYS_URL = "https://github.com/vacanza/holidays/blob/v{version}/holidays/countries/vietnam.py"


class NationalData:
    """The special days of the national calendar and the years it knows."""

    __slots__ = ("days", "holidays_version", "known_years")

    def __init__(self, days: dict[dt.date, DayInfo], known_years: range, version: str) -> None:
        self.days = days
        self.known_years = known_years
        self.holidays_version = version


#: Why a weekday in lieu of 24/11 in an estimated year is an assumption.
_CULTURE_DAY_IN_LIEU = (
    "A weekday in lieu of Ngày Văn hóa Việt Nam (24/11) falling on a weekend, as holidays.VN "
    "computes it: Bộ luật Lao động 2019 Art. 111(3) gives a day in lieu for the holidays of "
    "Art. 112(1); whether 24/11, made a holiday by Nghị quyết 28/2026/QH16, is one of them "
    "was not read, and no schedule has decided it."
)


def _after_culture_day(day: dt.date) -> bool:
    """Whether ``day`` is one of the weekdays that follow a weekend 24/11."""
    return day.month == 11 and 25 <= day.day <= 26


def _load_document() -> dict[str, Any]:
    # A plain file read: importlib.resources costs more to import than the whole parse.
    with open(_SNAPSHOT, "rb") as file:
        document: dict[str, Any] = json.load(file)
    return document


def _combine(
    overlay: Mapping[str, Any],
    rows: Iterable[Sequence[str]],
    makeup: Iterable[str],
    version: str,
) -> NationalData:
    first_known, last_known = overlay["known_years"]
    sources = [
        Source(doc, dt.date.fromisoformat(issued) if issued else None, url)
        for doc, issued, url in overlay["sources"]
    ]
    statute: dict[int, Source] = {}
    for first, last, index in overlay["statutes"]:
        statute.update(dict.fromkeys(range(first, last + 1), sources[index]))
    package = Source(
        f"holidays {version}: VietnamStaticHolidays (no document cited)",
        None,
        _HOLIDAYS_URL.format(version=version),
    )
    fromiso = dt.date.fromisoformat
    days: dict[dt.date, DayInfo] = {}
    for iso, kind_value, name_vi, name_en in rows:
        day = fromiso(iso)
        known = first_known <= day.year <= last_known
        if known and day.weekday() < 5:
            continue  # the overlay decides every weekday of an announced year
        kind = DayKind(kind_value)
        source = package if kind is DayKind.SWAPPED else statute[day.year]
        assumption = (
            _CULTURE_DAY_IN_LIEU
            if not known and kind is DayKind.COMPENSATORY and _after_culture_day(day)
            else None
        )
        days[day] = DayInfo(day, kind, False, name_vi, name_en, source, not known, assumption)
    for iso in makeup:
        day = fromiso(iso)
        if not first_known <= day.year <= last_known:
            names = ("Ngày làm bù", "Make-up working day")
            days[day] = DayInfo(day, DayKind.MAKEUP, True, *names, package, True)
    for iso, kind_value, name_vi, name_en, index in overlay["days"]:
        day = fromiso(iso)
        kind = DayKind(kind_value)
        estimated = not first_known <= day.year <= last_known
        days[day] = DayInfo(day, kind, kind.is_working, name_vi, name_en, sources[index], estimated)
    return NationalData(days, range(first_known, last_known + 1), version)


@functools.lru_cache(maxsize=2)
def national_data(source: Literal["snapshot", "holidays"] = "snapshot") -> NationalData:
    """The national calendar's special days, from the snapshot or the installed holidays.

    ``source="holidays"`` recomputes holidays.VN with the installed release (slower: it
    imports holidays and computes a century); the overlay applies either way.
    """
    document = _load_document()
    if source == "snapshot":
        rows = document["holidays"]
        makeup = document["weekend_workdays"]
        version = document["holidays_version"]
    elif source == "holidays":
        from tthc.calendar._snapshot import holiday_rows  # noqa: PLC0415  (imports holidays)

        version, rows, makeup = holiday_rows(FIRST_DATE.year, LAST_DATE.year)
    else:
        raise ValueError(f"source must be 'snapshot' or 'holidays', got {source!r}")
    return _combine(document["overlay"], rows, makeup, version)
