"""Reporting periods: a month, a quarter, a half-year, a year, or any run of days.

A :class:`Period` is a run of whole days, both ends included, as a report's heading says
it ("Từ ngày 01/01/2026 đến ngày 31/03/2026"). As instants it is ``[start, end)``: from
00:00 of the first day to 00:00 of the day after the last, Vietnam local time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from tthc._localtime import to_local

__all__ = ["TIME_DIMENSIONS", "Period", "time_index", "time_label"]

#: The grouping dimensions that split the period in time, finest first.
TIME_DIMENSIONS: tuple[str, ...] = ("month", "quarter", "year")

_ONE_DAY = dt.timedelta(days=1)
_YEAR = re.compile(r"^([0-9]{4})$")
_MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")
_QUARTER = re.compile(r"^([0-9]{4})-?[Qq]([1-4])$")
_HALF = re.compile(r"^([0-9]{4})-?[Hh]([12])$")
_RANGE = re.compile(r"^([0-9]{4}-[0-9]{2}-[0-9]{2})(?:\.\.|/)([0-9]{4}-[0-9]{2}-[0-9]{2})$")


def _month_end(year: int, month: int) -> dt.date:
    if (year, month) == (dt.date.max.year, 12):
        return dt.date.max  # which a period refuses, saying why
    first_next = dt.date(year + month // 12, month % 12 + 1, 1)
    return first_next - _ONE_DAY


@dataclass(frozen=True, slots=True)
class Period:
    """A reporting period: the days ``first`` to ``last``, both included.

    Build one with :meth:`month`, :meth:`quarter`, :meth:`half`, :meth:`year` or
    :meth:`parse`, or give any two days (periods that close on the 14th, as some
    reporting regimes set, are just ``Period(date(2025, 12, 15), date(2026, 3, 14))``).

    >>> import datetime as dt
    >>> q1 = Period.parse("2026-Q1")
    >>> q1.first, q1.last, str(q1)
    (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31), '2026-Q1')
    >>> q1.end
    datetime.datetime(2026, 4, 1, 0, 0)
    >>> ", ".join(str(m) for m in q1.split("month"))
    '2026-01, 2026-02, 2026-03'
    >>> str(Period(dt.date(2025, 12, 15), dt.date(2026, 3, 14)))
    '2025-12-15..2026-03-14'
    """

    first: dt.date
    last: dt.date

    def __post_init__(self) -> None:
        for name in ("first", "last"):
            value = getattr(self, name)
            if type(value) is not dt.date:
                raise TypeError(f"Period.{name} must be a date, got {type(value).__name__}")
        if self.last < self.first:
            raise ValueError(f"a period cannot end ({self.last}) before it starts ({self.first})")
        if self.last == dt.date.max:
            raise ValueError(
                f"a period must end before {dt.date.max}: its end, 00:00 of the day after "
                "its last, must be a datetime that exists"
            )

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """The calendar month."""
        return cls(dt.date(year, month, 1), _month_end(year, month))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """Quarter 1 to 4 of the year."""
        if quarter not in (1, 2, 3, 4):
            raise ValueError(f"quarter must be 1..4, got {quarter!r}")
        return cls(dt.date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter))

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        """Half 1 (January to June) or 2 (July to December) of the year."""
        if half not in (1, 2):
            raise ValueError(f"half must be 1 or 2, got {half!r}")
        return cls(dt.date(year, 6 * half - 5, 1), _month_end(year, 6 * half))

    @classmethod
    def year(cls, year: int) -> Period:
        """The calendar year."""
        return cls(dt.date(year, 1, 1), dt.date(year, 12, 31))

    @classmethod
    def parse(cls, text: str) -> Period:
        """Read ``2026``, ``2026-03``, ``2026-Q1``, ``2026-H1`` or ``2026-01-01..2026-03-31``.

        A range may also be written with ``/`` (ISO 8601); both ends are included.

        Raises:
            ValueError: Anything else, or an impossible date.
        """
        if not isinstance(text, str):
            raise TypeError(f"expected period text, got {type(text).__name__}")
        s = text.strip()
        try:
            if m := _YEAR.match(s):
                return cls.year(int(m[1]))
            if m := _MONTH.match(s):
                return cls.month(int(m[1]), int(m[2]))
            if m := _QUARTER.match(s):
                return cls.quarter(int(m[1]), int(m[2]))
            if m := _HALF.match(s):
                return cls.half(int(m[1]), int(m[2]))
            if m := _RANGE.match(s):
                return cls(dt.date.fromisoformat(m[1]), dt.date.fromisoformat(m[2]))
        except ValueError as exc:
            raise ValueError(f"invalid period {text!r}: {exc}") from None
        raise ValueError(
            f"invalid period {text!r}: expected 2026, 2026-03, 2026-Q1, 2026-H1 or "
            "2026-01-01..2026-03-31"
        )

    @property
    def start(self) -> dt.datetime:
        """The first instant: 00:00 of the first day."""
        return dt.datetime.combine(self.first, dt.time())

    @property
    def end(self) -> dt.datetime:
        """The first instant after the period: 00:00 of the day after the last."""
        return dt.datetime.combine(self.last + _ONE_DAY, dt.time())

    @property
    def label(self) -> str:
        """``2026``, ``2026-Q1``, ``2026-H1``, ``2026-03``, or ``first..last``."""
        f, last = self.first, self.last
        if f.day == 1 and last == _month_end(last.year, last.month) and f.year == last.year:
            if f.month == 1 and last.month == 12:
                return f"{f.year:04d}"
            if f.month == last.month:
                return f"{f.year:04d}-{f.month:02d}"
            if f.month % 3 == 1 and last.month == f.month + 2:
                return f"{f.year:04d}-Q{last.month // 3}"
            if f.month % 6 == 1 and last.month == f.month + 5:
                return f"{f.year:04d}-H{last.month // 6}"
        return f"{f.isoformat()}..{last.isoformat()}"

    def __str__(self) -> str:
        return self.label

    def __contains__(self, at: object) -> bool:
        """Whether a date or a datetime falls in the period: ``[start, end)``.

        A naive datetime is Vietnam local time; an aware one is converted to it.
        """
        if isinstance(at, dt.datetime):
            return self.start <= to_local(at) < self.end
        if isinstance(at, dt.date):
            return self.first <= at <= self.last
        return False

    def split(self, dimension: str) -> list[Period]:
        """The calendar months, quarters or years the period covers, cut to the period."""
        parts: list[Period] = []
        first = self.first
        while first <= self.last:
            nxt = _next_unit_start(dimension, first)
            parts.append(Period(first, min(nxt - _ONE_DAY, self.last)))
            first = nxt
        return parts


def _next_unit_start(dimension: str, day: dt.date) -> dt.date:
    """The first day of the unit after ``day``'s; after December 9999, the last date."""
    if dimension == "year":
        year, month = day.year + 1, 1
    else:
        step = 1 if dimension == "month" else 3
        month0 = (day.month - 1) // step * step + step  # 0-based month of the next unit
        year, month = day.year + month0 // 12, month0 % 12 + 1
    return dt.date.max if year > dt.MAXYEAR else dt.date(year, month, 1)


def _month_index(at: dt.date) -> int:
    return at.year * 12 + at.month - 1


def _quarter_index(at: dt.date) -> int:
    return at.year * 4 + (at.month - 1) // 3


def _year_index(at: dt.date) -> int:
    return at.year


def _month_label(k: int) -> str:
    return f"{k // 12:04d}-{k % 12 + 1:02d}"


def _quarter_label(k: int) -> str:
    return f"{k // 4:04d}-Q{k % 4 + 1}"


def _year_label(k: int) -> str:
    return f"{k:04d}"


_TIME: dict[str, tuple[Callable[[dt.date], int], Callable[[int], str]]] = {
    "month": (_month_index, _month_label),
    "quarter": (_quarter_index, _quarter_label),
    "year": (_year_index, _year_label),
}


def time_index(dimension: str) -> Callable[[dt.date], int]:
    """A function giving the absolute month, quarter or year number of a date or datetime."""
    return _TIME[dimension][0]


def time_label(dimension: str, at: dt.date) -> str:
    """The label of the month (``2026-03``), quarter (``2026-Q1``) or year of ``at``."""
    index, label = _TIME[dimension]
    return label(index(at))
