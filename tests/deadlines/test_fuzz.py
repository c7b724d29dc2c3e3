"""Fuzzing: due dates, their explanations, time left and lateness raise only documented errors.

Any time limit (phases compute_deadline cannot count included), any receipt instant (naive
or in any zone, inside the calendar's range or not), any calendar and any policy give a
:class:`Deadline` or a :class:`DeadlineError` / :class:`CalendarError`; so do its trace, its
explanation, the time left, and every classification policy.
"""

from __future__ import annotations

import contextlib
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from tthc import WorkingCalendar, classify, compute_deadline, overdue, remaining
from tthc.catalog import Procedure
from tthc.deadlines import CLASSIFICATION_POLICIES, Deadline, DeadlinePolicy
from tthc.duration import Duration
from tthc.errors import CalendarError, DeadlineError
from tthc.strategies import calendars, deadline_policies, durations, procedures

VN = WorkingCalendar.vietnam()
CALENDARS = st.one_of(
    st.sampled_from([VN, WorkingCalendar.vietnam(estimates=False)]),
    calendars(min_value=dt.date(2025, 1, 1), max_value=dt.date(2026, 12, 31)),
)
ZONES = st.none() | st.integers(-12 * 60, 14 * 60).map(
    lambda m: dt.timezone(dt.timedelta(minutes=m))
)
INSTANTS = st.builds(
    lambda at, zone: at.replace(tzinfo=zone),
    st.datetimes(dt.datetime(1999, 6, 1), dt.datetime(2100, 6, 30)),
    ZONES,
)
DOCUMENTED = (DeadlineError, CalendarError)


def _follow_up(deadline: Deadline, at: dt.datetime) -> None:
    """Everything one does with a deadline, each raising only a documented error."""
    assert deadline.trace[-1].kind.value == "due"
    assert deadline.explain("vi")
    assert deadline.explain("en")
    with contextlib.suppress(*DOCUMENTED):
        left, late = remaining(deadline, at), overdue(deadline, at)
        if left.is_overdue:
            assert late == left
        else:
            assert not late.is_overdue
        assert str(left)
    for policy in CLASSIFICATION_POLICIES.values():
        with contextlib.suppress(*DOCUMENTED):
            classify(at, deadline, policy=policy, appointment=at, waits=[(at, at)])


@settings(max_examples=60, deadline=None)
@given(
    durations(max_amount=2000, allow_uncountable_phases=True),
    INSTANTS,
    CALENDARS,
    deadline_policies(),
    INSTANTS,
)
def test_any_time_limit_receipt_calendar_and_policy(
    duration: Duration,
    received: dt.datetime,
    calendar: WorkingCalendar,
    policy: DeadlinePolicy,
    finished: dt.datetime,
) -> None:
    try:
        deadline = compute_deadline(duration, received, calendar=calendar, policy=policy)
    except DOCUMENTED:
        return
    if deadline.due_at is not None:
        assert (deadline.due_at.tzinfo is None) is (received.tzinfo is None)
    _follow_up(deadline, finished)


@settings(max_examples=30, deadline=None)
@given(
    procedures(),
    st.none() | st.sampled_from(["standard", "verification", "missing"]),
    st.none() | st.sampled_from(["counter", "online", "postal", "fax"]),
    INSTANTS,
)
def test_any_case_and_channel_of_a_procedure(
    procedure: Procedure, case: str | None, channel: str | None, received: dt.datetime
) -> None:
    with contextlib.suppress(*DOCUMENTED):  # UnknownCase is a DeadlineError
        compute_deadline(procedure, received, calendar=VN, case=case, channel=channel)


EDGES = st.one_of(
    st.datetimes(max_value=dt.datetime(1, 1, 2)),
    st.datetimes(min_value=dt.datetime(9999, 12, 30)),
    st.datetimes(dt.datetime(2026, 1, 1), dt.datetime(2026, 12, 31)),
    st.datetimes(),
)
EXTREME_INSTANTS = st.builds(lambda at, zone: at.replace(tzinfo=zone), EDGES, ZONES)
HUGE = st.one_of(
    st.integers(0, 10**16).map(lambda n: Duration.working_days(n / 2)),
    st.integers(0, 10**17).map(lambda n: Duration.working_hours(n / 60)),
    st.integers(0, 10**19).map(Duration.calendar_days),
    durations(max_amount=2000),
)


@settings(max_examples=80, deadline=None)
@given(HUGE, EXTREME_INSTANTS, deadline_policies(), EXTREME_INSTANTS)
def test_the_ends_of_time_and_huge_limits_raise_only_documented_errors(
    duration: Duration, received: dt.datetime, policy: DeadlinePolicy, finished: dt.datetime
) -> None:
    """Years 1 and 9999, in any zone, and limits of 10^19 days: never an OverflowError."""
    try:
        deadline = compute_deadline(duration, received, calendar=VN, policy=policy)
    except DOCUMENTED:
        return
    _follow_up(deadline, finished)
