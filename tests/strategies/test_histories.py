"""Dossier histories: valid ones replay event by event; an illegal one is refused alone."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tthc import DurationKind
from tthc.deadlines import POLICIES, DeadlinePolicy
from tthc.dossier import CLOCK_POLICIES, ClockPolicy, Dossier, Event, transition
from tthc.errors import TransitionNotAllowed
from tthc.strategies import IllegalHistory, calendars, durations, histories, illegal_histories

from .conftest import VN

SETTINGS = st.tuples(
    st.sampled_from(sorted(POLICIES)).map(POLICIES.__getitem__),
    st.sampled_from(sorted(CLOCK_POLICIES)).map(CLOCK_POLICIES.__getitem__),
)


@settings(max_examples=60, deadline=None)
@given(SETTINGS, st.data())
def test_every_event_of_a_history_is_applied_in_turn(
    setup: tuple[DeadlinePolicy, ClockPolicy], data: st.DataObject
) -> None:
    policy, clock = setup
    history = data.draw(histories(policy=policy, clock=clock))
    dossier = Dossier(calendar=VN, policy=policy, clock=clock)
    for event in history:
        assert dossier.apply(event) is True
    ids = [event.id for event in history]
    assert ids == [f"e{n}" for n in range(1, len(history) + 1)]
    assert [e.at for e in history] == sorted(e.at for e in history)
    assert Dossier.from_json(dossier.to_json(), calendar=VN) == dossier
    if dossier.status is not None and dossier.status.is_terminal:
        assert history[-1] is dossier.history[-1]


@settings(max_examples=40, deadline=None)
@given(histories(min_size=4, max_size=6))
def test_a_history_has_the_size_asked_for(history: tuple[Event, ...]) -> None:
    assert 4 <= len(history) <= 6  # a life does not end before min_size
    assert Dossier.replay(history, calendar=VN).version == len(history)


@settings(max_examples=10, deadline=None)
@given(st.data())
def test_histories_follow_a_local_calendar(data: st.DataObject) -> None:
    local = data.draw(calendars(min_value=dt.date(2026, 1, 1), max_value=dt.date(2026, 12, 31)))
    history = data.draw(
        histories(
            calendar=local,
            min_value=dt.datetime(2026, 1, 1),
            max_value=dt.datetime(2026, 12, 31),
        )
    )
    assert Dossier.replay(history, calendar=local).version == len(history)
    assert all(dt.datetime(2026, 1, 1) <= e.at <= dt.datetime(2026, 12, 31) for e in history)


@settings(max_examples=60, deadline=None)
@given(SETTINGS, st.data())
def test_only_the_illegal_event_is_refused_and_it_changes_nothing(
    setup, data: st.DataObject
) -> None:  # type: ignore[no-untyped-def]
    policy, clock = setup
    found: IllegalHistory = data.draw(illegal_histories(policy=policy, clock=clock))
    dossier = Dossier(calendar=VN, policy=policy, clock=clock)
    for index, event in enumerate(found.events):
        before = dossier.state
        if index == found.index:
            with pytest.raises(TransitionNotAllowed) as refused:
                dossier.apply(event)
            assert refused.value.event is event
            assert dossier.state is before
        else:
            assert dossier.apply(event) is True
    assert dossier == Dossier.replay(found.legal, calendar=VN, policy=policy, clock=clock)
    assert found.event.id == "ex"


@settings(max_examples=30, deadline=None)
@given(st.data())
def test_a_history_continues_a_dossier(data: st.DataObject) -> None:
    start = data.draw(histories(max_size=5))
    dossier = Dossier.replay(start, calendar=VN)
    more = data.draw(histories(after=dossier.state, id_prefix="more-", max_size=5))
    for event in more:
        assert dossier.apply(event) is True
    assert dossier.version == len(start) + len(more)
    illegal = data.draw(illegal_histories(after=dossier.state, id_prefix="x-", max_size=2))
    state = dossier.state
    for event in illegal.events[: illegal.index]:
        state = transition(state, event)
    with pytest.raises(TransitionNotAllowed):
        transition(state, illegal.event)


@settings(max_examples=20, deadline=None)
@given(
    histories(
        min_size=3,
        time_limits=durations(kinds=[DurationKind.PHASES], allow_uncountable_phases=True),
    )
)
def test_receptions_whose_limit_cannot_be_counted_are_left_out(
    history: tuple[Event, ...],
) -> None:
    dossier = Dossier.replay(history, calendar=VN)
    assert dossier.version == len(history) >= 3
    reception = dossier.state.reception
    # Phases count in whole calendar or working days, after an optional same-day first phase
    # (NĐ 23/2015/NĐ-CP Art. 7 and 21).
    assert reception is None or all(
        (
            p.kind in (DurationKind.CALENDAR_DAYS, DurationKind.WORKING_DAYS)
            and p.amount.is_integer()
        )
        or (index == 0 and p.kind is DurationKind.SAME_DAY)
        for index, p in enumerate(reception.time_limit.phases)
    )


@settings(max_examples=20, deadline=None)
@given(
    histories(
        min_value=dt.datetime(2026, 3, 2, 9),
        max_value=dt.datetime(2026, 3, 2, 9, 30),
        min_size=12,
    )
)
def test_late_events_happen_at_the_end_of_the_range(history: tuple[Event, ...]) -> None:
    assert len(history) >= 12
    assert all(
        dt.datetime(2026, 3, 2, 9) <= e.at <= dt.datetime(2026, 3, 2, 9, 30) for e in history
    )
    assert Dossier.replay(history, calendar=VN).version == len(history)
