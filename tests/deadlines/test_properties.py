"""Invariants of due dates, for any receipt, time limit and policy."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from tthc import Duration, classify, compute_deadline
from tthc.calendar import WorkingCalendar
from tthc.deadlines import BY_INSTANT, POLICIES, DeadlinePolicy

VN = WorkingCalendar.vietnam()

receipts = st.datetimes(min_value=dt.datetime(2015, 1, 1), max_value=dt.datetime(2026, 10, 31)).map(
    lambda d: d.replace(second=0, microsecond=0)
)
policies = st.sampled_from(sorted(POLICIES.values(), key=lambda p: p.name))
counted = st.one_of(
    st.integers(0, 60).map(lambda n: Duration.working_days(n / 2)),
    st.integers(0, 200).map(lambda n: Duration.working_hours(n / 4)),
    st.integers(0, 60).map(Duration.calendar_days),
    st.sampled_from(
        [Duration.same_day(), Duration.same_day(cutoff=dt.time(15)), Duration.immediate()]
    ),
    st.tuples(st.integers(0, 30), st.integers(0, 10)).map(
        lambda p: Duration.sequence(Duration.calendar_days(p[0]), Duration.working_days(p[1]))
    ),
)


def in_counting_hours(at: dt.datetime) -> bool:
    return VN.is_working_day(at.date()) and any(
        dt.datetime.combine(at.date(), s) <= at <= dt.datetime.combine(at.date(), e)
        for s, e in VN.counting_sessions(at.date())
    )


@given(counted, receipts, policies)
def test_due_at_falls_in_counting_hours_of_a_working_day(
    duration: Duration, received: dt.datetime, policy: DeadlinePolicy
) -> None:
    due = compute_deadline(duration, received, calendar=VN, policy=policy).due_at
    assert due is not None
    assert in_counting_hours(due)


@given(counted, receipts, receipts, policies)
def test_later_receipt_never_gives_an_earlier_due_date(
    duration: Duration, a: dt.datetime, b: dt.datetime, policy: DeadlinePolicy
) -> None:
    first, second = sorted((a, b))
    due_first = compute_deadline(duration, first, calendar=VN, policy=policy).due_at
    due_second = compute_deadline(duration, second, calendar=VN, policy=policy).due_at
    assert due_first is not None
    assert due_second is not None
    assert due_first <= due_second


@given(st.integers(1, 120), st.integers(1, 120), receipts)
def test_splitting_a_working_time_duration_gives_the_same_due_time(
    quarters_a: int, quarters_b: int, received: dt.datetime
) -> None:
    whole = Duration.working_hours((quarters_a + quarters_b) / 4)
    due = compute_deadline(whole, received, calendar=VN).due_at
    halfway = compute_deadline(Duration.working_hours(quarters_a / 4), received, calendar=VN)
    assert halfway.due_at is not None
    rest = compute_deadline(Duration.working_hours(quarters_b / 4), halfway.due_at, calendar=VN)
    assert rest.due_at == due


@given(counted, receipts, policies)
def test_finishing_exactly_at_due_is_never_late_under_the_instant_policy(
    duration: Duration, received: dt.datetime, policy: DeadlinePolicy
) -> None:
    deadline = compute_deadline(duration, received, calendar=VN, policy=policy)
    assert deadline.due_at is not None
    assert classify(deadline.due_at, deadline, policy=BY_INSTANT).in_time
    one_more = deadline.due_at + dt.timedelta(microseconds=1)
    assert not classify(one_more, deadline, policy=BY_INSTANT).in_time


@given(counted, receipts, policies)
def test_trace_ends_at_the_due_time_and_counts_no_non_working_day(
    duration: Duration, received: dt.datetime, policy: DeadlinePolicy
) -> None:
    deadline = compute_deadline(duration, received, calendar=VN, policy=policy)
    steps = deadline.trace
    assert steps[-1].at == deadline.due_at
    for step in steps:
        if step.kind.value == "counted":
            assert VN.is_working_day(step.at)  # type: ignore[arg-type]
        if step.kind.value == "skipped":
            assert not VN.is_working_day(step.at)  # type: ignore[arg-type]
    if duration.kind.value == "working_days" and policy.name == "civil-code":
        counted_days = sum(1 for s in steps if s.kind.value == "counted")
        assert counted_days == int(duration.amount + 0.5)
