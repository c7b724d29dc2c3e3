"""Shared helpers for the strategy tests: the calendars used and what "in office hours" means."""

from __future__ import annotations

import datetime as dt

from tthc.calendar import WorkingCalendar

VN = WorkingCalendar.vietnam()
#: The national calendar refusing estimated years: it answers for 2015-2026 only.
VN_ANNOUNCED = WorkingCalendar.vietnam(estimates=False)


def in_office_hours(calendar: WorkingCalendar, at: dt.datetime) -> bool:
    """Whether ``at`` is inside a counting session ``[start, end)`` of its day."""
    return any(
        dt.datetime.combine(at.date(), start) <= at < dt.datetime.combine(at.date(), end)
        for start, end in calendar.counting_sessions(at.date())
    )
