"""The day of the last lunar month before Tết (new moons at UTC+7, J. Meeus ch. 49)."""

from __future__ import annotations

import datetime as dt

import pytest
from holidays.calendars.chinese import VIETNAMESE_CALENDAR, _ChineseLunisolar

from tthc.calendar._lunar import last_month_day

LUNISOLAR = _ChineseLunisolar(VIETNAMESE_CALENDAR)


def test_a_new_moon_falls_on_every_tet_of_the_holidays_package_2000_2099() -> None:
    """The two lunar computations agree; each last month has 29 or 30 days."""
    for year in range(2000, 2100):
        tet = LUNISOLAR.lunar_new_year_date(year)[0]
        eve = tet - dt.timedelta(days=1)
        assert last_month_day(eve, tet) in (29, 30), year


def test_a_date_that_is_not_tet_is_refused() -> None:
    with pytest.raises(ValueError, match="no new moon at UTC\\+7 on 2025-02-01"):
        last_month_day(dt.date(2025, 1, 27), dt.date(2025, 2, 1))


def test_a_day_outside_the_last_month_is_refused() -> None:
    with pytest.raises(ValueError, match="which starts on 2024-12-31"):
        last_month_day(dt.date(2024, 12, 1), dt.date(2025, 1, 29))
