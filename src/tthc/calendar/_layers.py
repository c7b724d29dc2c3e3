"""Layering: a province's or an agency's calendar derived from the national one.

Calendars layer: national, then province, then agency. A layer adds
days off (a local holiday, a closure), extra working days, reception suspensions (a
department closing its counter over Tết), and its own office or reception hours. The
result is a new immutable calendar; the parent is unchanged.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

from tthc.calendar._days import DayChange, DayInfo, DayKind, check_date
from tthc.calendar._hours import _DAY_NAMES, OfficeHours
from tthc.errors import DateOutOfRange

if TYPE_CHECKING:
    from tthc.calendar._spec import Spec

__all__ = ["derive_spec"]

_OFF_KINDS = (DayKind.HOLIDAY, DayKind.COMPENSATORY, DayKind.SWAPPED)


def _change(item: object, what: str) -> DayChange:
    if isinstance(item, DayChange):
        return item
    return DayChange(check_date(item, what))


def _day_off(change: DayChange, name: str, estimated: bool) -> DayInfo:
    kind = change.kind or DayKind.HOLIDAY
    if kind not in _OFF_KINDS:
        raise ValueError(
            f"a day off must be holiday, compensatory or swapped, got {kind.value} "
            f"for {change.date.isoformat()}"
        )
    return DayInfo(
        change.date,
        kind,
        False,
        change.name_vi or f"Ngày nghỉ theo lịch {name}",
        change.name_en or f"Day off in the {name} calendar",
        change.source,
        estimated,
    )


def _working_day(change: DayChange, name: str, estimated: bool) -> DayInfo:
    weekend = change.date.weekday() >= 5
    kind = change.kind or (DayKind.MAKEUP if weekend else DayKind.WORKING)
    if not kind.is_working or (kind is DayKind.WORKING and weekend):
        raise ValueError(
            f"an extra working day must be makeup (or working on a weekday), got "
            f"{kind.value} for {change.date.isoformat()} ({change.date:%A})"
        )
    return DayInfo(
        change.date,
        kind,
        True,
        change.name_vi or f"Ngày làm việc theo lịch {name}",
        change.name_en or f"Working day in the {name} calendar",
        change.source,
        estimated,
    )


def _suspensions(items: Iterable[object]) -> list[tuple[dt.date, dt.date]]:
    spans: list[tuple[dt.date, dt.date]] = []
    for item in items:
        if isinstance(item, tuple) and len(item) == 2:
            first = check_date(item[0], "suspension start")
            last = check_date(item[1], "suspension end")
        else:
            first = last = check_date(item, "suspended day")
        if last < first:
            raise ValueError(f"a suspension must end on or after its start, got {first}..{last}")
        spans.append((first, last))
    return spans


def _check_counting_hours(hours: OfficeHours) -> None:
    """Every working day needs counting hours: Monday to Friday, and make-up days' weekday.

    A working day without a session would count as a day but have no close of business for
    a due date to end at.
    """
    closed = sorted({d for d in (*range(5), hours.makeup_as) if not hours.sessions(d)})
    if closed:
        names = ", ".join(_DAY_NAMES[d] for d in closed)
        raise ValueError(
            f"office hours must open on every weekday with working days (mon-fri) and on the "
            f"weekday make-up days borrow ({_DAY_NAMES[hours.makeup_as]}), got no session on "
            f"{names}; give it hours, or list its dates as days off"
        )


def derive_spec(
    parent: Spec,
    parent_days: Mapping[dt.date, DayInfo],
    *,
    name: object,
    days_off: Iterable[object],
    working_days: Iterable[object],
    suspended_reception: Iterable[object],
    office_hours: OfficeHours | None,
    reception_hours: OfficeHours | None,
    estimates: bool | None,
) -> Spec:
    """The spec of a calendar layered on ``parent``; see :meth:`WorkingCalendar.derive`."""
    if not isinstance(name, str) or not name.strip():
        raise ValueError(f"a calendar needs a non-empty name, got {name!r}")
    if estimates is not None and not isinstance(estimates, bool):
        raise TypeError(f"estimates must be True, False or None, got {estimates!r}")
    given: tuple[tuple[object, str], ...] = (
        (office_hours, "office_hours"),
        (reception_hours, "reception_hours"),
    )
    for value, what in given:
        if value is not None and not isinstance(value, OfficeHours):
            raise TypeError(f"{what} must be OfficeHours, got {type(value).__name__}")
    if office_hours is not None:
        _check_counting_hours(office_hours)
    known = parent.known_years
    days = dict(parent_days)
    seen: set[dt.date] = set()
    for items, build, what in (
        (days_off, _day_off, "day off"),
        (working_days, _working_day, "working day"),
    ):
        for item in items:
            change = _change(item, what)
            day = change.date
            if not parent.first <= day <= parent.last:
                raise DateOutOfRange(day, parent.first, parent.last)
            if day in seen:
                raise ValueError(f"{day.isoformat()} is listed twice in the derived calendar")
            seen.add(day)
            days[day] = build(change, name, day.year not in known)
    spans = _suspensions(suspended_reception)
    for first, last in spans:
        for day in (first, last):
            if not parent.first <= day <= parent.last:
                raise DateOutOfRange(day, parent.first, parent.last)
    new_office = office_hours or parent.office_hours
    new_reception = reception_hours or parent.reception_hours
    return dataclasses.replace(
        parent,
        name=name,
        estimates=parent.estimates if estimates is None else estimates,
        days=tuple(days[d] for d in sorted(days)),
        office_hours=new_office,
        reception_hours=new_reception,
        suspended=tuple(sorted({*parent.suspended, *spans})),
    )
