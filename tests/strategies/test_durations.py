"""Time limits and deadline policies: valid values of the kinds and amounts asked for."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument, NoSuchExample

from tthc import Duration, DurationKind, compute_deadline
from tthc.deadlines import POLICIES, Counting, DeadlinePolicy
from tthc.errors import DeadlineError
from tthc.strategies import deadline_policies, durations

from .conftest import VN

K = DurationKind
COUNTED = {K.WORKING_DAYS: 2, K.WORKING_HOURS: 60, K.CALENDAR_DAYS: 1, K.MONTHS: 1}
RECEIVED = dt.datetime(2026, 3, 2, 10)


def parts(d: Duration) -> tuple[Duration, ...]:
    return d.phases or (d,)


@settings(max_examples=100, deadline=None)
@given(
    st.sets(st.sampled_from(list(K)), min_size=1),
    st.integers(0, 40).map(lambda n: n / 4),
    st.integers(0, 200).map(lambda n: n / 4),
    st.data(),
)
def test_durations_have_the_kinds_and_amounts_asked_for(
    kinds: set[DurationKind], low: float, span: float, data: st.DataObject
) -> None:
    try:
        strategy = durations(kinds=kinds, min_amount=low, max_amount=low + span)
    except InvalidArgument:  # a counted kind asked for with no amount on its grid in range
        strategy = None
    if strategy is None:
        assert any(k in COUNTED or k is K.PHASES for k in kinds)
        return
    d = data.draw(strategy)
    assert d.kind in kinds
    for part in parts(d):
        if part.kind in COUNTED:
            assert low <= part.amount <= low + span
            steps = COUNTED[part.kind]
            assert abs(part.amount * steps - round(part.amount * steps)) < 1e-9  # on the grid
    if d.kind is K.PHASES:
        assert 2 <= len(d.phases) <= 3
        for part in d.phases:  # countable: whole calendar days or whole working days
            assert part.kind in (K.CALENDAR_DAYS, K.WORKING_DAYS)
            assert part.amount.is_integer()


@settings(max_examples=100, deadline=None)
@given(durations(max_amount=400, allow_uncountable_phases=True))
def test_every_duration_round_trips_through_its_forms(d: Duration) -> None:
    assert Duration.parse(str(d)) == d
    assert Duration.parse(d.format("vi")) == d
    assert Duration.from_data(d.to_data()) == d


@settings(max_examples=100, deadline=None)
@given(durations(), deadline_policies())
def test_default_durations_are_all_countable(d: Duration, policy: DeadlinePolicy) -> None:
    deadline = compute_deadline(d, RECEIVED, calendar=VN, policy=policy)
    assert (deadline.due_at is None) is (d.kind is K.NONE)


def test_uncountable_phases_are_generated_only_when_allowed() -> None:
    uncountable = durations(kinds=[K.PHASES], allow_uncountable_phases=True)
    found = find(uncountable, lambda d: any(p.kind is K.WORKING_HOURS for p in d.phases))
    with pytest.raises(DeadlineError, match="phases are counted in whole"):
        compute_deadline(found, RECEIVED, calendar=VN)


def test_durations_shrink_towards_the_first_kinds_and_the_smallest_amount() -> None:
    assert find(durations(), lambda d: True) == Duration.working_days(0)
    assert find(durations(min_amount=2.5), lambda d: True) == Duration.working_days(2.5)
    assert find(durations(), lambda d: d.kind is K.SAME_DAY) == Duration.same_day()
    assert find(durations(), lambda d: d.kind is K.PHASES) == Duration.sequence(
        Duration.calendar_days(0), Duration.calendar_days(0)
    )


def test_same_day_limits_come_with_and_without_a_cut_off() -> None:
    same_day = durations(kinds=[K.SAME_DAY])
    assert find(same_day, lambda d: d.cutoff is not None).cutoff == dt.time(15, 0)
    assert find(same_day, lambda d: d.cutoff is not None and d.cutoff.minute == 7).cutoff
    assert find(same_day, lambda d: d.cutoff == dt.time(15)) == Duration.parse(
        "same day, cut-off 15:00"
    )


@settings(max_examples=100, deadline=None)
@given(deadline_policies())
def test_policies_are_built_in_or_valid_inventions(policy: DeadlinePolicy) -> None:
    if policy.name in POLICIES:
        assert POLICIES[policy.name] is policy
    else:
        assert policy.name == f"custom-{policy.counting.value}"
        assert policy.round_up_to is None or policy.counting is Counting.WORKING_TIME


def test_only_built_in_policies_when_asked() -> None:
    assert find(deadline_policies(), lambda p: p.name not in POLICIES).name.startswith("custom-")
    with pytest.raises(NoSuchExample):
        find(deadline_policies(allow_custom=False), lambda p: p.name not in POLICIES)
    assert find(deadline_policies(), lambda p: True).name == "civil-code"


@settings(max_examples=30, deadline=None)
@given(durations(min_amount=0.2, max_amount=0.4))
def test_kinds_without_an_amount_in_range_are_left_out(d: Duration) -> None:
    """No half day, whole day or phase of whole days lies in 0.2..0.4: hours and the rest."""
    assert d.kind not in (K.WORKING_DAYS, K.CALENDAR_DAYS, K.PHASES)
    if d.kind is K.WORKING_HOURS:
        assert 12 <= (d.working_minutes or 0) <= 24
