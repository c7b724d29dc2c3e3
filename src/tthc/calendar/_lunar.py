"""The day of the last lunar month before Tết, to name the days before the Lunar New Year.

``holidays.VN`` calls the second day before Tết "29 Tết" every year, but the last month of
the lunar year has 29 days in some years, and that day is then its 28th (2025, 2027, 2028,
2030-2032 among others). The snapshot script names it from the lunar date instead.

The lunar month starts on the day of the new moon in Vietnam's time zone (UTC+7). New
moons come from the series of J. Meeus, *Astronomical Algorithms* (2nd ed., ch. 49), in the
truncated form used for the Vietnamese calendar by Hồ Ngọc Đức ("Âm lịch Việt Nam",
https://www.informatik.uni-leipzig.de/~duc/amlich/), accurate to minutes in 1900-2100.
:func:`last_month_day` checks that the new moon it finds falls on the Tết date it is given,
so a disagreement with the holidays package is an error, not a silent label.
"""

from __future__ import annotations

import datetime as dt
import math

__all__ = ["last_month_day"]

_JD_OFFSET = 1721425  # the Julian day number of date.fromordinal(n) is n + 1721425
_SYNODIC_MONTH = 29.530588853
_EPOCH = 2415021.076998695  # the new moon of 1900-01-01 (Julian day)
_VIETNAM = 7 / 24  # UTC+7, in days


def _new_moon(k: int) -> float:
    """The Julian day (UT) of the ``k``-th new moon after 1900-01-01."""
    t = k / 1236.85
    t2, t3 = t * t, t * t * t
    rad = math.pi / 180
    jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3
    jd += 0.00033 * math.sin((166.56 + 132.87 * t - 0.009173 * t2) * rad)
    m = (359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3) * rad
    mpr = (306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3) * rad
    f = (21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3) * rad
    c = (0.1734 - 0.000393 * t) * math.sin(m) + 0.0021 * math.sin(2 * m)
    c += -0.4068 * math.sin(mpr) + 0.0161 * math.sin(2 * mpr) - 0.0004 * math.sin(3 * mpr)
    c += 0.0104 * math.sin(2 * f) - 0.0051 * math.sin(m + mpr) - 0.0074 * math.sin(m - mpr)
    c += 0.0004 * math.sin(2 * f + m) - 0.0004 * math.sin(2 * f - m)
    c += -0.0006 * math.sin(2 * f + mpr) + 0.0010 * math.sin(2 * f - mpr)
    c += 0.0005 * math.sin(2 * mpr + m)
    if t < -11:
        delta_t = 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    else:
        delta_t = -0.000278 + 0.000265 * t + 0.000262 * t2
    return jd + c - delta_t


def _new_moon_day(k: int) -> dt.date:
    """The local (UTC+7) date of the ``k``-th new moon."""
    return dt.date.fromordinal(int(_new_moon(k) + 0.5 + _VIETNAM) - _JD_OFFSET)


def last_month_day(day: dt.date, tet: dt.date) -> int:
    """The day of the last lunar month that ``day``, shortly before Tết ``tet``, falls on.

    Raises:
        ValueError: ``day`` is not in the month before ``tet``, or no new moon falls on
            ``tet`` (the lunar dates disagree).

    >>> import datetime as dt
    >>> last_month_day(dt.date(2025, 1, 27), dt.date(2025, 1, 29))  # a 29-day month
    28
    >>> last_month_day(dt.date(2024, 2, 8), dt.date(2024, 2, 10))  # a 30-day month
    29
    """
    k = round((tet.toordinal() + _JD_OFFSET - _EPOCH) / _SYNODIC_MONTH)
    if _new_moon_day(k) != tet:
        raise ValueError(f"no new moon at UTC+7 on {tet.isoformat()}: is it the Lunar New Year?")
    first = _new_moon_day(k - 1)
    if not first <= day < tet:
        raise ValueError(
            f"{day.isoformat()} is not in the lunar month before Tết {tet.isoformat()}, "
            f"which starts on {first.isoformat()}"
        )
    return (day - first).days + 1
