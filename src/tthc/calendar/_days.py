"""What a calendar says about one day: its kind, names, deciding document and certainty.

A day is one of six kinds (docs/sources.md, "Yearly schedules"):

* ``WORKING``: an ordinary Monday-Friday working day (QĐ 188/1999/QĐ-TTg, 5-day week);
* ``WEEKEND``: an ordinary Saturday or Sunday;
* ``HOLIDAY``: a public holiday (Bộ luật Lao động 2019 Art. 112; 2012 Art. 115 before 2021),
  on whatever weekday it falls;
* ``COMPENSATORY``: a working day off because a holiday fell on a weekend (nghỉ bù);
* ``SWAPPED``: a working day off in exchange for a make-up Saturday (hoán đổi);
* ``MAKEUP``: a Saturday (or Sunday) worked in exchange for a swapped day (ngày làm bù).

>>> import datetime as dt
>>> from tthc.calendar import DayKind, Source
>>> DayKind.MAKEUP.is_working, DayKind.SWAPPED.is_working
(True, False)
>>> print(Source("CV 12729/VPCP-KGVX", issued=dt.date(2025, 12, 25)))
CV 12729/VPCP-KGVX (25/12/2025)
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

__all__ = ["WEEKDAYS_VI", "DayChange", "DayInfo", "DayKind", "Source"]

#: Vietnamese weekday names, Monday first (``date.weekday()`` order).
WEEKDAYS_VI = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")


class DayKind(str, enum.Enum):
    """Why a day is, or is not, a working day."""

    WORKING = "working"
    """An ordinary Monday-Friday working day."""
    WEEKEND = "weekend"
    """An ordinary Saturday or Sunday."""
    HOLIDAY = "holiday"
    """A public holiday, or a day off a local calendar declares."""
    COMPENSATORY = "compensatory"
    """A working day off because a holiday fell on the weekly rest day (nghỉ bù)."""
    SWAPPED = "swapped"
    """A working day off in exchange for a make-up working day (ngày nghỉ hoán đổi)."""
    MAKEUP = "makeup"
    """A weekend day worked in exchange for a swapped day (ngày làm bù)."""

    @property
    def is_working(self) -> bool:
        """Whether days of this kind count as working days."""
        return self in (DayKind.WORKING, DayKind.MAKEUP)


@dataclass(frozen=True, slots=True)
class Source:
    """The document that decides a day, as cited in the calendar data.

    Attributes:
        document: The document's number and type as written in Vietnam
            (``"CV 12729/VPCP-KGVX"``), or its title when no number was found.
        issued: The date it was signed, when known.
        url: Where to read it (or a report quoting it), when known.
    """

    document: str
    issued: dt.date | None = None
    url: str | None = None

    def __str__(self) -> str:
        return self.document + (f" ({self.issued:%d/%m/%Y})" if self.issued else "")


@dataclass(frozen=True, slots=True)
class DayInfo:
    """Everything a calendar says about one day.

    Attributes:
        date: The day.
        kind: Why it is or is not a working day.
        is_working: Whether it counts as a working day for deadlines.
        name_vi: The Vietnamese name of a holiday or special day; ``None`` for plain days.
        name_en: The English name; ``None`` for plain days.
        source: The deciding document (the yearly decision, or the statute for holidays
            it does not list); ``None`` for plain days.
        estimated: ``True`` when the day's year has no announced schedule, so the day is
            computed from the statute and may still change.
        assumption: What the day rests on beyond its source, when that is an assumption
            rather than a rule read in it (a weekday in lieu of 24/11 in an estimated year).
    """

    date: dt.date
    kind: DayKind
    is_working: bool
    name_vi: str | None = None
    name_en: str | None = None
    source: Source | None = None
    estimated: bool = False
    assumption: str | None = None

    def __str__(self) -> str:
        name = f" {self.name_vi}" if self.name_vi else ""
        src = f" [{self.source}]" if self.source else ""
        est = " (estimated)" if self.estimated else ""
        assumed = " (assumed)" if self.assumption else ""
        return f"{self.date:%Y-%m-%d %a} {self.kind.value}{name}{src}{est}{assumed}"


def check_date(value: object, what: str = "date") -> dt.date:
    """Return ``value`` if it is a date (and not a datetime), else raise ``TypeError``."""
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise TypeError(f"{what} must be a datetime.date, got {type(value).__name__} {value!r}")
    return value


@dataclass(frozen=True, slots=True)
class DayChange:
    """A day a derived calendar changes: a day off or an extra working day.

    Used with :meth:`WorkingCalendar.derive`. The kind defaults to ``HOLIDAY`` for a day
    off and to ``MAKEUP`` (weekend) or ``WORKING`` (weekday) for a working day.

    Attributes:
        date: The day.
        kind: The kind to record; must agree with the list it is given in.
        name_vi: Vietnamese name or reason.
        name_en: English name or reason.
        source: The local document deciding it.
    """

    date: dt.date
    kind: DayKind | None = None
    name_vi: str | None = None
    name_en: str | None = None
    source: Source | None = None

    def __post_init__(self) -> None:
        check_date(self.date, "DayChange.date")
        if self.kind is not None:
            object.__setattr__(self, "kind", DayKind(self.kind))
