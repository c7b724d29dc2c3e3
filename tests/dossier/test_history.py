"""History: versions, idempotent ids, time order, replay, and the pure transition function."""

from __future__ import annotations

import datetime as dt

import pytest

from tthc.dossier import (
    CIVIL_CODE,
    EXTEND,
    Dossier,
    DossierState,
    DossierStatus,
    Forwarding,
    Reception,
    ResultReady,
    Stop,
    SupplementReceipt,
    SupplementRequest,
    transition,
)
from tthc.duration import Duration
from tthc.errors import DossierError, EventOutOfOrder, TransitionNotAllowed, VersionConflict

from .conftest import VN

T = dt.datetime
MON = T(2026, 3, 2, 9)


def _reception(id="r", at=MON):
    return Reception(
        id=id, at=at, actor="desk", procedure="1.004873", time_limit=Duration.working_days(3)
    )


def test_each_applied_event_raises_the_version_by_one(new_life):
    life = new_life()
    assert life.dossier.version == 0
    life.receive(MON)
    life.apply(Forwarding, T(2026, 3, 2, 10), step="thẩm định")
    assert life.dossier.version == len(life.dossier.history) == 2


def test_expected_version_detects_a_concurrent_change():
    dossier = Dossier(calendar=VN)
    assert dossier.apply(_reception(), expected_version=0)
    stale = ResultReady(id="x", at=T(2026, 3, 3, 9), actor="a")
    with pytest.raises(VersionConflict) as info:
        dossier.apply(stale, expected_version=0)
    assert (info.value.expected, info.value.actual) == (0, 1)
    assert dossier.version == 1
    assert dossier.apply(stale, expected_version=1)


def test_applying_an_event_id_again_changes_nothing():
    """A redelivered message is harmless, even with a stale expected version."""
    dossier = Dossier(calendar=VN)
    event = _reception()
    assert dossier.apply(event) is True
    state = dossier.state
    assert dossier.apply(event) is False
    assert dossier.apply(_reception(), expected_version=0) is False  # equal, not identical
    assert dossier.state is state
    assert dossier.version == 1


def test_a_different_event_under_a_used_id_is_an_error():
    dossier = Dossier(calendar=VN)
    dossier.apply(_reception(id="1"))
    with pytest.raises(DossierError, match="already applied to a different event"):
        dossier.apply(ResultReady(id="1", at=T(2026, 3, 3, 9), actor="a"))
    assert dossier.version == 1


def test_an_event_earlier_than_the_last_one_is_rejected():
    dossier = Dossier(calendar=VN)
    dossier.apply(_reception(at=T(2026, 3, 2, 9)))
    early = ResultReady(id="late-arrival", at=T(2026, 3, 2, 8, 59), actor="a")
    with pytest.raises(EventOutOfOrder) as info:
        dossier.apply(early)
    error = info.value
    assert (error.received, error.last, error.event_id) == (early.at, MON, "late-arrival")
    assert "earlier than the last event" in str(error)
    assert dossier.version == 1


def test_events_at_the_same_instant_are_in_order():
    dossier = Dossier(calendar=VN)
    dossier.apply(_reception())
    assert dossier.apply(ResultReady(id="2", at=MON, actor="a"))


def test_order_is_checked_across_time_zones():
    dossier = Dossier(calendar=VN)
    dossier.apply(_reception(at=T(2026, 3, 2, 9)))  # naive: 09:00 in Vietnam
    with pytest.raises(EventOutOfOrder):  # 01:30 UTC is 08:30 in Vietnam
        dossier.apply(
            ResultReady(id="2", at=T(2026, 3, 2, 1, 30, tzinfo=dt.timezone.utc), actor="a")
        )
    assert dossier.apply(
        ResultReady(id="3", at=T(2026, 3, 2, 2, 30, tzinfo=dt.timezone.utc), actor="a")
    )


def test_replaying_the_history_reproduces_the_dossier(new_life):
    life = new_life()
    life.receive(MON)
    life.apply(SupplementRequest, T(2026, 3, 3, 16))
    life.apply(SupplementReceipt, T(2026, 3, 4, 8))
    life.apply(ResultReady, T(2026, 3, 5, 9))
    replayed = Dossier.replay(life.dossier.history, calendar=VN)
    assert replayed == life.dossier
    assert replayed.state == life.dossier.state
    assert replayed is not life.dossier
    other = Dossier.replay(life.dossier.history[:-1], calendar=VN)
    assert other != life.dossier


def test_a_refused_event_leaves_the_dossier_unchanged(new_life):
    life = new_life()
    life.receive(MON)
    life.refused(SupplementReceipt, T(2026, 3, 3, 9))
    assert life.dossier.history[-1].id == "e1"


def test_the_dossier_as_it_was_at_a_moment(new_life):
    life = new_life()
    life.receive(MON)
    life.apply(SupplementRequest, T(2026, 3, 3, 16))
    life.apply(SupplementReceipt, T(2026, 3, 4, 8))
    then = life.dossier.as_of(T(2026, 3, 3, 16))
    assert (then.status, then.version, then.due_at) == (
        DossierStatus.SUPPLEMENT_REQUESTED,
        2,
        T(2026, 3, 5, 17),
    )
    assert life.dossier.as_of(T(2026, 3, 1)).status is None


def test_transition_is_pure_the_same_inputs_give_the_same_state():
    blank = DossierState.blank(calendar=VN, policy=CIVIL_CODE, clock=EXTEND)
    first = transition(blank, _reception())
    again = transition(blank, _reception())
    assert first == again
    assert blank.status is None
    assert blank.updated_at is None
    with pytest.raises(TransitionNotAllowed):
        transition(first, _reception(id="r2", at=T(2026, 3, 2, 10)))


def test_the_history_is_a_copy_and_the_dossier_is_not_hashable(new_life):
    life = new_life()
    life.receive(MON)
    history = life.dossier.history
    assert isinstance(history, tuple)
    with pytest.raises(TypeError):
        hash(life.dossier)
    assert life.dossier != "a dossier"


def test_a_dossier_reads_like_its_state(new_life):
    life = new_life()
    assert repr(life.dossier) == "<Dossier without code none v0 due None>"
    assert (life.dossier.portal_code, life.dossier.received_at, life.dossier.code) == (
        None,
        None,
        None,
    )
    life.receive(MON, code="000.00.15.H38-260302-0001")
    d = life.apply(Stop, T(2026, 3, 3, 9), reason="x")
    assert repr(d) == ("<Dossier 000.00.15.H38-260302-0001 STOPPED v2 due 2026-03-05 17:00:00>")
    assert repr(d.state).startswith("DossierState(status=<DossierStatus.STOPPED")
    assert d.received_at == MON
