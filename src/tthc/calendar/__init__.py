"""The Vietnamese public-sector working calendar.

:class:`WorkingCalendar` answers which days count (holidays, compensatory days, swapped
days and make-up Saturdays, from holidays.VN and the official yearly decisions) and which
hours count (office hours, lunch break), fast enough for national volumes. See
``docs/calendar.md`` for the conventions of every operation and the sources.

>>> import datetime as dt
>>> from tthc.calendar import WorkingCalendar
>>> vn = WorkingCalendar.vietnam()
>>> vn.day_info(dt.date(2026, 1, 10)).kind
<DayKind.MAKEUP: 'makeup'>
"""

from typing import TYPE_CHECKING

from tthc.calendar._days import DayChange, DayInfo, DayKind, Source
from tthc.calendar._hours import DEFAULT_OFFICE_HOURS, OfficeHours, Session
from tthc.calendar._html import year_to_html
from tthc.calendar._model import VIETNAM_TZ, WorkingCalendar

if TYPE_CHECKING:
    from tthc.calendar._file import load_calendar, parse_calendar

__all__ = [
    "DEFAULT_OFFICE_HOURS",
    "VIETNAM_TZ",
    "DayChange",
    "DayInfo",
    "DayKind",
    "OfficeHours",
    "Session",
    "Source",
    "WorkingCalendar",
    "load_calendar",
    "parse_calendar",
    "year_to_html",
]


def __getattr__(name: str) -> object:
    if name in ("load_calendar", "parse_calendar"):
        from tthc.calendar import _file  # noqa: PLC0415  (YAML and pydantic load on use)

        return getattr(_file, name)
    raise AttributeError(f"module 'tthc.calendar' has no attribute {name!r}")
