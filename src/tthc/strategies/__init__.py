"""Hypothesis strategies for property-testing deadline rules: tthc's values, ready to draw.

Working days and days off of a calendar, instants inside and outside office hours, receipt
times, time limits, deadline policies, local calendars layered on the national one,
catalogue procedures and whole catalogue files (valid ones, and ones with one mistake
paired with the issue it must produce), and dossier event histories (lives a dossier can
have, and ones with one event it must refuse). See ``docs/testing.md`` for a worked example.

The strategies follow Hypothesis's house style: plural names, keyword-only options,
``min_value`` / ``max_value`` bounds, arguments checked when the function is called
(:class:`hypothesis.errors.InvalidArgument`, not a failure halfway through a test), and a
docstring that says what each one shrinks towards. Instants are naive ``datetime`` values
in Vietnam local time. Without arguments, a strategy uses the national calendar
(:meth:`tthc.WorkingCalendar.vietnam`).

The value types are registered with Hypothesis (through its ``hypothesis`` entry point),
so ``st.from_type(tthc.Duration)`` works without importing this module; so do
:class:`~tthc.WorkingCalendar`, :class:`~tthc.deadlines.DeadlinePolicy`,
:class:`~tthc.calendar.DayInfo`, :class:`~tthc.calendar.OfficeHours` and
:class:`~tthc.catalog.Procedure`.

This module needs Hypothesis, installed with the ``testing`` extra:
``pip install 'tthc[testing]'``.

>>> import datetime as dt
>>> from hypothesis import given, settings
>>> from tthc import WorkingCalendar
>>> from tthc.strategies import working_days
>>> vn = WorkingCalendar.vietnam()
>>> @settings(max_examples=20)
... @given(working_days(min_value=dt.date(2026, 1, 1), max_value=dt.date(2026, 12, 31)))
... def test_a_working_day_is_one(day):
...     assert vn.is_working_day(day)
>>> test_a_working_day_is_one()
"""

import importlib as _importlib
import typing as _typing
from typing import TYPE_CHECKING

try:
    import hypothesis  # noqa: F401  (only to say how to install it when it is missing)
except ImportError as _error:  # pragma: no cover  (tested in a subprocess)
    raise ImportError(
        "tthc.strategies needs Hypothesis; install it with: pip install 'tthc[testing]'"
    ) from _error

if TYPE_CHECKING:
    from tthc.strategies._calendars import calendars, office_hours
    from tthc.strategies._catalog import CatalogDocument, catalog_documents, procedures
    from tthc.strategies._days import day_infos, non_working_days, working_days
    from tthc.strategies._durations import deadline_policies, durations
    from tthc.strategies._histories import IllegalHistory, histories, illegal_histories
    from tthc.strategies._instants import (
        instants_in_office_hours,
        instants_outside_office_hours,
        receipt_times,
    )
    from tthc.strategies._mutations import InvalidCatalogDocument, invalid_catalog_documents

# name -> module that defines it; loaded on first use, so that Hypothesis's entry point
# (which imports this package to reach _register) stays cheap.
_LAZY: dict[str, str] = {
    "calendars": "_calendars",
    "office_hours": "_calendars",
    "CatalogDocument": "_catalog",
    "catalog_documents": "_catalog",
    "procedures": "_catalog",
    "day_infos": "_days",
    "non_working_days": "_days",
    "working_days": "_days",
    "deadline_policies": "_durations",
    "durations": "_durations",
    "IllegalHistory": "_histories",
    "histories": "_histories",
    "illegal_histories": "_histories",
    "instants_in_office_hours": "_instants",
    "instants_outside_office_hours": "_instants",
    "receipt_times": "_instants",
    "InvalidCatalogDocument": "_mutations",
    "invalid_catalog_documents": "_mutations",
}

__all__ = [
    "CatalogDocument",
    "IllegalHistory",
    "InvalidCatalogDocument",
    "calendars",
    "catalog_documents",
    "day_infos",
    "deadline_policies",
    "durations",
    "histories",
    "illegal_histories",
    "instants_in_office_hours",
    "instants_outside_office_hours",
    "invalid_catalog_documents",
    "non_working_days",
    "office_hours",
    "procedures",
    "receipt_times",
    "working_days",
]


def __getattr__(name: str) -> _typing.Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'tthc.strategies' has no attribute {name!r}")
    value = getattr(_importlib.import_module(f"tthc.strategies.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
