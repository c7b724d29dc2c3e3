"""The report's fast classification rules agree with tthc.deadlines.classify_at."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tthc.calendar import WorkingCalendar
from tthc.deadlines import (
    BY_DATE,
    BY_INSTANT,
    BY_SESSION,
    CLASSIFICATION_POLICIES,
    QD_766,
    TT_01_2018,
    ClassificationPolicy,
    Timeliness,
    classify_at,
)
from tthc.reports._rules import _FAST, judge_for, resolve_policy

instants = st.datetimes(min_value=dt.datetime(2025, 1, 1), max_value=dt.datetime(2027, 1, 1))
# times on a coarse grid, so that ties (finished exactly at the due time) are frequent
coarse = st.integers(0, 2 * 365 * 4).map(
    lambda q: dt.datetime(2025, 1, 1) + dt.timedelta(hours=6 * q)
)
times = instants | coarse


@st.composite
def waits(draw: st.DrawFn, before: dt.datetime) -> list[tuple[dt.datetime, dt.datetime]]:
    """Closed supplement waits, in order, all ending by ``before``."""
    points = sorted(draw(st.lists(st.datetimes(max_value=before), max_size=4)))
    return [(points[i], points[i + 1]) for i in range(0, len(points) - 1, 2)]


def test_every_policy_but_by_session_has_a_fast_rule() -> None:
    assert set(_FAST) == set(CLASSIFICATION_POLICIES) - {BY_SESSION.name}


@pytest.mark.parametrize("policy", [BY_DATE, BY_INSTANT, TT_01_2018, QD_766], ids=str)
@given(data=st.data())
def test_the_fast_rule_agrees_with_classify_at(
    policy: ClassificationPolicy, data: st.DataObject
) -> None:
    finished = data.draw(times)
    near = st.integers(-16, 16).map(lambda q: finished + dt.timedelta(hours=3 * q))
    due = data.draw(st.none() | times | near)
    legal = data.draw(st.none() | times | near)
    ws = data.draw(waits(finished))
    requests = data.draw(st.integers(0, 3))
    fast = judge_for(policy)
    assert fast is _FAST[policy.name]
    assert fast(finished, due, legal, ws, requests) is classify_at(
        finished,
        due,
        policy=policy,
        legal_due_at=legal,
        waits=ws,
        supplement_requests=requests,
    )


def test_by_session_goes_through_classify_at_with_the_calendar() -> None:
    vn = WorkingCalendar.vietnam()
    judge = judge_for(BY_SESSION, vn)
    due = dt.datetime(2026, 3, 5, 17)
    assert judge(dt.datetime(2026, 3, 5, 14), due, None, (), 0) is Timeliness.ON_TIME
    assert judge(dt.datetime(2026, 3, 5, 10), due, None, (), 0) is Timeliness.EARLY
    with pytest.raises(ValueError, match="needs calendar="):
        judge_for(BY_SESSION)


def test_a_policy_defined_elsewhere_uses_its_own_rule() -> None:
    """A policy that reuses a built-in name but not its rule is never given the fast path."""
    lookalike = ClassificationPolicy(
        BY_DATE.name, "everything is late", lambda facts: Timeliness.LATE
    )
    judge = judge_for(lookalike)
    assert judge(dt.datetime(2026, 1, 1), dt.datetime(2026, 1, 2), None, (), 0) is Timeliness.LATE


def test_resolve_policy_by_name_or_object() -> None:
    assert resolve_policy("qd-766") is QD_766
    assert resolve_policy(TT_01_2018) is TT_01_2018
    with pytest.raises(ValueError, match="expected one of by-date, by-instant"):
        resolve_policy("nope")
    with pytest.raises(TypeError):
        resolve_policy(None)  # type: ignore[arg-type]
