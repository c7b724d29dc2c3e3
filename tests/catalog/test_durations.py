"""Comparing time limits without a calendar: budget sums and "never longer than"."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tthc import Duration
from tthc.catalog._durations import Total, budget_problem, not_longer, total_of

wd = Duration.working_days
wh = Duration.working_hours
cd = Duration.calendar_days
same_day = Duration.same_day
at_15 = dt.time(15)
at_16 = dt.time(16)


@pytest.mark.parametrize(
    ("local", "statutory", "expected"),
    [
        # same unit: amounts decide
        (wd(2), wd(3), True),
        (wd(3), wd(3), True),
        (wd(5), wd(3), False),
        (wh(4), wh(8), True),
        (wh(9), wh(8), False),
        (cd(10), cd(15), True),
        (cd(20), cd(15), False),
        # no limit and immediate
        (wd(30), Duration.none(), True),
        (Duration.none(), wd(30), False),
        (Duration.immediate(), wd(1), True),
        (wd(1), Duration.immediate(), False),
        # same day: no cut-off is shortest, a later cut-off is shorter
        (same_day(), same_day(cutoff=at_15), True),
        (same_day(cutoff=at_15), same_day(), False),
        (same_day(cutoff=at_16), same_day(cutoff=at_15), True),
        (same_day(cutoff=at_15), same_day(cutoff=at_16), False),
        (same_day(cutoff=at_15), wd(1), True),
        (same_day(cutoff=at_15), wd(0.5), None),
        (same_day(cutoff=at_15), cd(1), True),
        (same_day(cutoff=at_15), wh(16), True),
        (same_day(cutoff=at_15), wh(8), None),
        (wd(1), same_day(cutoff=at_15), False),
        (cd(1), same_day(cutoff=at_15), False),
        (wh(2), same_day(cutoff=at_15), None),
        # hours against days: day counting may end 8 working hours later
        (wh(8), wd(1), True),
        (wh(16), wd(1), None),
        (wd(1), wh(16), True),
        (wd(1), wh(12), None),
        (wd(2), wh(8), False),
        # calendar days against working days
        (cd(3), wd(3), True),
        (cd(4), wd(3), None),
        (wd(3), cd(5), None),
        (cd(3), wh(24), None),
        # phases compare phase by phase
        (Duration.sequence(cd(10), wd(3)), Duration.sequence(cd(15), wd(5)), True),
        (Duration.sequence(cd(20), wd(3)), Duration.sequence(cd(15), wd(5)), False),
        (Duration.sequence(cd(10), wd(3)), Duration.sequence(cd(15), cd(5)), None),
        (Duration.sequence(cd(10), wd(3)), wd(30), None),
        (Duration.sequence(cd(10), wd(3)), Duration.sequence(cd(10), wd(3), wd(1)), None),
    ],
)
def test_not_longer(local: Duration, statutory: Duration, expected: bool | None) -> None:
    assert not_longer(local, statutory) is expected


_COUNTED = st.one_of(
    st.integers(min_value=0, max_value=120).map(lambda n: wd(n / 2)),
    st.integers(min_value=0, max_value=80).map(wh),
    st.integers(min_value=0, max_value=60).map(cd),
)
_ANY = st.one_of(
    _COUNTED,
    st.just(Duration.immediate()),
    st.just(Duration.none()),
    st.sampled_from([None, dt.time(15), dt.time(16, 30)]).map(lambda c: same_day(cutoff=c)),
)


@given(_ANY)
def test_a_limit_is_never_longer_than_itself(limit: Duration) -> None:
    assert not_longer(limit, limit) is True


@given(_COUNTED, _COUNTED)
def test_the_same_unit_compares_by_amount(a: Duration, b: Duration) -> None:
    if a.kind is b.kind:
        assert not_longer(a, b) is (a.amount <= b.amount)


def test_totals_keep_working_time_and_calendar_days_apart() -> None:
    assert total_of([wd(1), wh(4), cd(2)]) == Total(working_minutes=720, calendar_days=2)
    assert total_of([Duration.sequence(cd(3), wd(1))]) == Total(480, 3)
    assert total_of([wd(1), same_day()]) is None
    assert total_of([Duration.sequence(cd(3), wd(1)), Duration.immediate()]) is None
    assert total_of([Duration.sequence(same_day(), wd(1))]) is None
    assert str(Total(720, 2)) == "1.5 working days and 2 calendar days"
    assert str(Total(90, 0)) == "1.5 working hours"
    assert str(Total(0, 0)) == "0 working days"
    assert str(Total(0, 3)) == "3 calendar days"


@pytest.mark.parametrize(
    ("budgets", "limit", "problem"),
    [
        ([wd(1), wd(2)], wd(3), None),
        ([wh(4), wd(2), wh(4)], wd(3), None),
        ([wd(1), wd(1)], wd(3), "add up to 2 working days, but the time limit is 3 working days"),
        ([wh(4), wh(4)], same_day(cutoff=at_15), None),
        ([wh(4), wd(1)], same_day(cutoff=at_15), "fits in one working day"),
        ([cd(1)], same_day(), "fits in one working day"),
        ([cd(7), wd(3)], Duration.sequence(cd(7), wd(3)), None),
        ([cd(7), wd(2)], Duration.sequence(cd(7), wd(3)), "add up to"),
        ([wd(3)], cd(3), "add up to 3 working days, but the time limit is 3 calendar days"),
        ([wd(1)], Duration.immediate(), None),
        ([wd(1)], Duration.none(), None),
        ([same_day()], wd(1), "must be working days, working hours or calendar days"),
        ([Duration.sequence(cd(1), wd(1))], wd(1), "not phases"),
    ],
)
def test_process_budgets_add_up_to_the_limit(
    budgets: list[Duration], limit: Duration, problem: str | None
) -> None:
    found = budget_problem(budgets, limit)
    if problem is None:
        assert found is None
    else:
        assert found is not None
        assert problem in found
