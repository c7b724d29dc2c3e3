"""Invariants of due dates, for any receipt, time limit and policy."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from tthc import Duration, DurationKind, classify, compute_deadline
from tthc.calendar import WorkingCalendar
from tthc.deadlines import BY_INSTANT, NEXT_OPENING, Counting, DayEnd, DeadlinePolicy
from tthc.strategies import deadline_policies, durations, receipt_times

VN = WorkingCalendar.vietnam()

# Any instant, the edges of office hours and the 15:00 cut-off often, seconds sometimes.
receipts = receipt_times(min_value=dt.datetime(2015, 1, 1), max_value=dt.datetime(2026, 10, 31))
# The built-in policies and invented ones (any rounding step, a default same-day cut-off).
policies = deadline_policies()
# Every kind of time limit that has a due date.
counted = durations(kinds=[k for k in DurationKind if k is not DurationKind.NONE], max_amount=60)


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
    if policy.ends_at is DayEnd.MIDNIGHT and due.time() == dt.time.max:
        assert VN.is_working_day(due.date())  # 24:00 of a working day (BLDS 2015 Art. 148(6))
    else:
        assert in_counting_hours(due)


@given(counted, receipts, policies)
def test_midnight_moves_only_the_hour_of_a_whole_day_limit(
    duration: Duration, received: dt.datetime, policy: DeadlinePolicy
) -> None:
    """ends_at changes the instant printed, never the due date (BLDS 2015 Art. 148(1), (6))."""
    close = dataclasses.replace(policy, ends_at=DayEnd.OFFICE_CLOSE)
    midnight = dataclasses.replace(policy, ends_at=DayEnd.MIDNIGHT)
    at_close = compute_deadline(duration, received, calendar=VN, policy=close)
    at_midnight = compute_deadline(duration, received, calendar=VN, policy=midnight)
    assert at_close.due_date == at_midnight.due_date
    assert at_close.due_at is not None
    assert at_midnight.due_at is not None
    whole_days = duration.kind in (
        DurationKind.CALENDAR_DAYS,
        DurationKind.PHASES,
        DurationKind.SAME_DAY,
    ) or (
        duration.kind is DurationKind.WORKING_DAYS
        and policy.counting is Counting.DAYS
        and duration.amount.is_integer()
    )
    if whole_days:
        assert at_midnight.due_at.time() == dt.time.max
    else:
        assert at_midnight.due_at == at_close.due_at


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


@given(st.integers(1, 60), receipts)
def test_whole_working_days_end_at_the_close_of_the_nth_working_day_after_receipt(
    n: int, received: dt.datetime
) -> None:
    """BLDS 2015 Art. 147(2) and 148(1), by the definition, on the calendar's public API.

    The receipt's own date is the day not counted, whatever kind of day it is.
    """
    deadline = compute_deadline(Duration.working_days(n), received, calendar=VN)
    day = VN.add_working_days(received.date(), n)
    assert deadline.due_at == VN.closing_time(day)


@given(st.integers(0, 60), receipts)
def test_next_opening_counts_from_the_day_counting_starts(n: int, received: dt.datetime) -> None:
    """The next-opening policy (QĐ 2988/QĐ-TCHQ Art. 7(5); TT 87/2021/TT-BTC Art. 10)."""
    deadline = compute_deadline(
        Duration.working_days(n), received, calendar=VN, policy=NEXT_OPENING
    )
    day = VN.add_working_days(deadline.local_start.date(), n)
    assert deadline.due_at == VN.closing_time(day)


@given(st.integers(1, 60), receipts)
def test_the_code_is_never_later_than_next_opening_and_at_most_a_day_earlier(
    n: int, received: dt.datetime
) -> None:
    """Deeming a receipt received at the next opening adds at most one working day.

    Inside counting hours the two rules agree.
    """
    code = compute_deadline(Duration.working_days(n), received, calendar=VN).due_date
    sector = compute_deadline(
        Duration.working_days(n), received, calendar=VN, policy=NEXT_OPENING
    ).due_date
    assert code is not None
    assert sector is not None
    assert VN.working_days_between(code, sector) in (0, 1)
    if VN.next_counting_instant(received) == received:
        assert code == sector


@given(receipts)
def test_zero_working_days_are_due_the_day_counting_starts(received: dt.datetime) -> None:
    """Zero working days is a same-day limit: due at the close of the day counting starts."""
    deadline = compute_deadline(Duration.working_days(0), received, calendar=VN)
    assert deadline.due_at == VN.closing_time(deadline.local_start.date())


@given(counted, receipts, policies)
def test_the_day_not_counted_is_the_day_before_the_first_day_the_trace_lists(
    duration: Duration, received: dt.datetime, policy: DeadlinePolicy
) -> None:
    """The computation and its explanation leave out the same day (BLDS 2015 Art. 147(2))."""
    deadline = compute_deadline(duration, received, calendar=VN, policy=policy)
    if duration.kind is not DurationKind.WORKING_DAYS or policy.counting is Counting.WORKING_TIME:
        return  # calendar days and phases list only their end; hours list no days
    days = [s.at for s in deadline.trace if s.kind.value in ("counted", "skipped")]
    if days:
        assert days[0] == deadline.day_not_counted + dt.timedelta(days=1)
    if policy.counting is Counting.DAYS and duration.amount.is_integer() and duration.amount:
        n = int(duration.amount)
        assert deadline.due_date == VN.add_working_days(deadline.day_not_counted, n)
