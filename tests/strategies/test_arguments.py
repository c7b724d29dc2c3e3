"""Every strategy checks its arguments when it is called, and says what it expected."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from tthc import Duration, DurationKind
from tthc.calendar import OfficeHours
from tthc.deadlines import CIVIL_CODE
from tthc.dossier import EXTEND, DossierState, Reception, transition
from tthc.strategies import (
    calendars,
    catalog_documents,
    day_infos,
    deadline_policies,
    durations,
    histories,
    illegal_histories,
    instants_in_office_hours,
    instants_outside_office_hours,
    invalid_catalog_documents,
    non_working_days,
    office_hours,
    procedures,
    receipt_times,
    working_days,
)

from .conftest import VN, VN_ANNOUNCED

D, T = dt.date, dt.datetime
UTC = dt.timezone.utc
RECEIVED = transition(
    DossierState.blank(calendar=VN, policy=CIVIL_CODE, clock=EXTEND),
    Reception(
        id="r",
        at=T(2026, 3, 2, 10),
        actor="desk",
        procedure="1.004873",
        time_limit=Duration.working_days(3),
    ),
)
HOURS = OfficeHours.weekly((dt.time(8), dt.time(12)))

CASES: list[tuple[Callable[..., Any], dict[str, Any], str]] = [
    # days
    (working_days, {"calendar": "vn"}, "calendar must be a tthc.WorkingCalendar"),
    (working_days, {"min_value": T(2026, 1, 1)}, "min_value must be a datetime.date"),
    (working_days, {"max_value": "2026-01-01"}, "max_value must be a datetime.date"),
    (working_days, {"min_value": D(1999, 12, 31)}, "outside the dates calendar 'vn' answers"),
    (
        working_days,
        {"calendar": VN_ANNOUNCED, "max_value": D(2027, 1, 4)},
        "2015-01-01..2026-12-31",
    ),
    (working_days, {"min_value": D(2026, 2, 1), "max_value": D(2026, 1, 1)}, "is after max_value"),
    (working_days, {"min_value": D(2026, 2, 14), "max_value": D(2026, 2, 22)}, "no working day"),
    (non_working_days, {"min_value": D(2026, 3, 2), "max_value": D(2026, 3, 6)}, "no non-working"),
    (day_infos, {"min_value": D(2100, 1, 1)}, "outside the dates"),
    # instants
    (instants_in_office_hours, {"min_value": D(2026, 1, 1)}, "must be a datetime.datetime"),
    (instants_in_office_hours, {"min_value": T(2026, 1, 1, tzinfo=UTC)}, "must be naive"),
    (instants_in_office_hours, {"min_value": T(2026, 3, 2), "max_value": T(2026, 3, 1)}, "after"),
    (
        instants_outside_office_hours,
        {"min_value": T(2026, 3, 2, 10), "max_value": T(2026, 3, 2, 9)},
        "min_value=2026-03-02T10:00:00 is after max_value=2026-03-02T09:00:00",
    ),
    (
        instants_in_office_hours,
        {"min_value": T(2026, 3, 7, 10), "max_value": T(2026, 3, 8, 10)},
        "no instant in office hours",
    ),
    (instants_in_office_hours, {"min_value": T(2099, 12, 31, 17)}, "no instant in office hours"),
    (
        instants_outside_office_hours,
        {"min_value": T(2026, 3, 2, 9), "max_value": T(2026, 3, 2, 10)},
        "no instant outside office hours",
    ),
    (receipt_times, {"max_value": T(2100, 1, 1)}, "outside the dates"),
    # durations and policies
    (durations, {"kinds": DurationKind.WORKING_DAYS}, "a collection of DurationKind"),
    (durations, {"kinds": 3}, "a collection of DurationKind"),
    (durations, {"kinds": ["fortnight"]}, "unknown duration kind 'fortnight'"),
    (durations, {"kinds": []}, "at least one DurationKind"),
    (durations, {"min_amount": -1}, "finite number >= 0"),
    (durations, {"max_amount": float("inf")}, "finite number >= 0"),
    (durations, {"min_amount": True}, "must be a number"),
    (durations, {"min_amount": 5, "max_amount": 2}, "greater than max_amount"),
    (
        durations,
        {"kinds": [DurationKind.WORKING_DAYS], "min_amount": 0.2, "max_amount": 0.4},
        "no working_days duration",
    ),
    (
        durations,
        {"kinds": [DurationKind.PHASES], "min_amount": 0.2, "max_amount": 0.6},
        "phase parts are whole days",
    ),
    (
        durations,
        {"kinds": [DurationKind.CALENDAR_DAYS], "min_amount": 0.2, "max_amount": 0.4},
        "no calendar_days duration",
    ),
    (
        durations,
        {
            "kinds": [DurationKind.WORKING_HOURS, DurationKind.CALENDAR_DAYS],
            "min_amount": 0.001,
            "max_amount": 0.002,
        },
        "no working_hours duration",
    ),
    (durations, {"max_phases": 1}, "max_phases must be at least 2"),
    (durations, {"max_phases": 2.5}, "max_phases must be an int"),
    (durations, {"allow_uncountable_phases": 1}, "True or False"),
    (deadline_policies, {"allow_custom": None}, "allow_custom must be True or False"),
    # office hours and calendars
    (office_hours, {"min_value": "08:00"}, "must be a datetime.time"),
    (office_hours, {"min_value": dt.time(8, 0, 30)}, "whole minutes"),
    (office_hours, {"max_value": dt.time(17, tzinfo=UTC)}, "without a time zone"),
    (office_hours, {"min_value": dt.time(9), "max_value": dt.time(9)}, "not before"),
    (office_hours, {"allow_weekends": "yes"}, "True or False"),
    (calendars, {"base": "vn"}, "base must be a tthc.WorkingCalendar"),
    (calendars, {"max_days_off": -1}, "max_days_off must be at least 0"),
    (calendars, {"max_suspensions": True}, "max_suspensions must be an int"),
    (calendars, {"office_hours": HOURS}, "office_hours must be a Hypothesis strategy"),
    (calendars, {"reception_hours": None, "name": " "}, "name must be non-empty text"),
    (calendars, {"min_value": D(2026, 12, 1), "max_value": D(2026, 1, 1)}, "is after"),
    # catalogue
    (procedures, {"max_cases": 0}, "max_cases must be at least 1"),
    (procedures, {"time_limits": Duration.working_days(3)}, "wrap a single value in st.just"),
    (catalog_documents, {"min_size": 0}, "min_size must be at least 1"),
    (catalog_documents, {"min_size": 3, "max_size": 2}, "max_size must be at least 3"),
    (invalid_catalog_documents, {"max_overlays": -1}, "max_overlays must be at least 0"),
    # histories
    (histories, {"after": "received"}, "after must be a DossierState"),
    (histories, {"after": RECEIVED, "calendar": VN}, "either after="),
    (histories, {"policy": "civil-code"}, "policy must be a DeadlinePolicy"),
    (histories, {"clock": "extend"}, "clock must be a ClockPolicy"),
    (histories, {"min_size": 3, "max_size": 1}, "max_size must be at least 3"),
    (histories, {"id_prefix": ""}, "id_prefix must be non-empty text"),
    (histories, {"time_limits": "3 working days"}, "time_limits must be a Hypothesis strategy"),
    (histories, {"min_value": T(2026, 1, 1, tzinfo=UTC)}, "must be naive"),
    (
        illegal_histories,
        {"after": RECEIVED, "min_value": T(2026, 3, 1)},
        "before the dossier's latest event at 2026-03-02T10:00:00",
    ),
]


@pytest.mark.parametrize(
    ("strategy", "kwargs", "message"),
    CASES,
    ids=[f"{s.__name__}-{'-'.join(k)}" for s, k, _ in CASES],
)
def test_bad_arguments_are_refused_when_the_strategy_is_made(
    strategy: Callable[..., Any], kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidArgument, match=message.replace("(", r"\(").replace(".", r"\.")):
        strategy(**kwargs)


@pytest.mark.parametrize(
    "strategy",
    [
        calendars,
        catalog_documents,
        day_infos,
        deadline_policies,
        durations,
        histories,
        illegal_histories,
        instants_in_office_hours,
        instants_outside_office_hours,
        invalid_catalog_documents,
        non_working_days,
        office_hours,
        procedures,
        receipt_times,
        working_days,
    ],
)
def test_every_strategy_has_defaults_and_keyword_only_options(
    strategy: Callable[..., Any],
) -> None:
    assert isinstance(strategy(), st.SearchStrategy)
    with pytest.raises(TypeError, match="positional"):
        strategy(None)
