"""Clock control: waits pause the clock; it resumes by extending or restarting, on the record."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from tthc.deadlines import WORKING_TIME, compute_deadline
from tthc.dossier import (
    CLOCK_POLICIES,
    EXTEND,
    RESTART,
    AdministrativeReset,
    ClockRestart,
    DueChangeReason,
    Forwarding,
    PaymentReceipt,
    PaymentRequest,
    Reschedule,
    ResultReady,
    Resume,
    SupplementReceipt,
    SupplementRequest,
)
from tthc.duration import Duration

from .conftest import VN

T = dt.datetime
MON = T(2026, 3, 2, 9)


def test_extend_keeps_the_half_day_a_wait_from_16_00_to_08_00_moves_due_by_1h30(new_life):
    """The paused working time is 16:00-17:00 and 07:30-08:00, not a day and not nothing."""
    life = new_life()
    life.receive(MON)
    life.apply(SupplementRequest, T(2026, 3, 3, 16))
    d = life.apply(SupplementReceipt, T(2026, 3, 4, 8))
    assert d.due_at == T(2026, 3, 6, 9, 0)  # Thu 17:00 + 1 h 30 min of working time
    change = d.state.due_changes[-1]
    assert change.reason is DueChangeReason.EXTENSION
    assert change.extension == dt.timedelta(hours=1, minutes=30)
    assert (change.old, change.new, change.event_id, change.at) == (
        T(2026, 3, 5, 17),
        T(2026, 3, 6, 9),
        "e3",
        T(2026, 3, 4, 8),
    )
    wait = d.state.waits[-1]
    assert (wait.working_time, wait.resumed) == (dt.timedelta(hours=1, minutes=30), Resume.EXTEND)


def test_extend_skips_tet_a_wait_over_the_2026_holiday_counts_only_working_time(new_life):
    """Tết 14-22/02/2026 is off: a wait from Fri 13/02 16:00 to Mon 23/02 08:00 is 1h30."""
    life = new_life()
    life.receive(T(2026, 2, 12, 9))  # due Tue 24/02 17:00
    assert life.dossier.due_at == T(2026, 2, 24, 17)
    life.apply(SupplementRequest, T(2026, 2, 13, 16))
    d = life.apply(SupplementReceipt, T(2026, 2, 23, 8))
    assert d.due_at == T(2026, 2, 25, 9)


def test_a_wait_entirely_outside_office_hours_does_not_change_the_due_date(new_life):
    life = new_life()
    life.receive(MON)
    life.apply(SupplementRequest, T(2026, 3, 3, 17, 30))
    d = life.apply(SupplementReceipt, T(2026, 3, 4, 7, 0))
    assert d.due_at == T(2026, 3, 5, 17)
    assert [c.reason for c in d.state.due_changes] == [DueChangeReason.RECEPTION]
    assert d.state.waits[-1].working_time == dt.timedelta(0)


def test_restart_counts_the_full_time_limit_again_from_the_supplement_nd_61_2018_art_19_4(
    new_life,
):
    life = new_life(clock=RESTART)
    life.receive(MON)
    life.apply(SupplementRequest, T(2026, 3, 3, 10))
    d = life.apply(SupplementReceipt, T(2026, 3, 6, 14))
    expected = compute_deadline(
        Duration.working_days(3), T(2026, 3, 6, 14), calendar=VN, channel="counter"
    )
    assert d.due_at == expected.due_at == T(2026, 3, 11, 17)
    assert d.state.restart == expected
    assert d.state.counting == expected
    change = d.state.due_changes[-1]
    assert (change.reason, change.old, change.new) == (
        DueChangeReason.RESTART,
        T(2026, 3, 5, 17),
        T(2026, 3, 11, 17),
    )
    assert d.state.waits[-1].resumed is Resume.RESTART


def test_restart_policy_still_extends_after_a_payment_wait(new_life):
    life = new_life(clock=RESTART)
    life.receive(MON)
    life.apply(PaymentRequest, T(2026, 3, 3, 10), amount=10000)
    d = life.apply(PaymentReceipt, T(2026, 3, 3, 12), amount=10000)
    assert d.due_at == T(2026, 3, 6, 7, 30) + dt.timedelta(hours=1, minutes=30)  # +1h30
    assert d.state.due_changes[-1].reason is DueChangeReason.EXTENSION


def test_clock_restart_event_restarts_from_its_own_time(new_life):
    life = new_life()
    life.receive(MON)
    d = life.apply(ClockRestart, T(2026, 3, 4, 10), reason="hồ sơ đã hoàn thiện")
    assert d.due_at == T(2026, 3, 9, 17)
    assert d.state.due_changes[-1].note == "hồ sơ đã hoàn thiện"


def test_every_change_of_the_due_date_is_kept_as_a_chain_of_old_and_new(new_life):
    life = new_life()
    life.receive(MON)
    life.apply(SupplementRequest, T(2026, 3, 2, 14))
    life.apply(SupplementReceipt, T(2026, 3, 3, 9))
    life.apply(Reschedule, T(2026, 3, 4, 9), new_due=T(2026, 3, 12, 17), reason="xin lỗi")
    life.apply(AdministrativeReset, T(2026, 3, 5, 9), new_due=T(2026, 3, 13, 17), reason="sửa")
    d = life.apply(ClockRestart, T(2026, 3, 6, 9), reason="lại từ đầu")
    changes = d.state.due_changes
    assert [c.reason.value for c in changes] == [
        "reception",
        "extension",
        "reschedule",
        "reset",
        "restart",
    ]
    assert changes[0].old is None
    for before, after in itertools.pairwise(changes):
        assert after.old == before.new
    assert changes[-1].new == d.due_at


def test_legal_due_date_follows_waits_but_not_reschedules_or_resets(new_life):
    """TT 01/2018 Art. 13 judges against the time allowed by law."""
    life = new_life()
    life.receive(MON)
    life.apply(SupplementRequest, T(2026, 3, 2, 14))
    life.apply(SupplementReceipt, T(2026, 3, 3, 9))  # 14:00-17:00 and 07:30-09:00: +4h30
    extended = life.dossier.due_at
    life.apply(Reschedule, T(2026, 3, 4, 9), new_due=T(2026, 3, 12, 17), reason="xin lỗi")
    d = life.apply(AdministrativeReset, T(2026, 3, 5, 9), new_due=T(2026, 3, 13, 17), reason="x")
    assert d.state.legal_due_at == extended == T(2026, 3, 6, 13, 30)
    assert d.due_at == T(2026, 3, 13, 17)


def test_paused_time_is_never_counted_time_left_is_frozen_during_a_wait(new_life):
    life = new_life()
    life.receive(MON)
    life.apply(SupplementRequest, T(2026, 3, 3, 10))
    frozen = life.dossier.remaining(T(2026, 3, 3, 10))
    for later in (T(2026, 3, 3, 15), T(2026, 3, 10, 9), T(2026, 4, 1, 9)):
        assert life.dossier.remaining(later) == frozen
    assert str(frozen) == "Còn 2 ngày 5 giờ 30 phút"  # Tue 10:00 to Thu 17:00
    assert life.dossier.remaining(T(2026, 3, 3, 9)) == type(frozen)(
        frozen.delta + dt.timedelta(hours=1)
    )


def test_time_stops_when_processing_ends(new_life):
    life = new_life()
    life.receive(MON)
    d = life.apply(ResultReady, T(2026, 3, 6, 9))  # Fri 09:00, due Thu 17:00
    assert str(d.overdue(T(2026, 3, 6, 9))) == "Quá 1 giờ 30 phút"
    assert d.overdue(T(2026, 3, 20, 9)) == d.overdue(T(2026, 3, 6, 9))
    assert str(d.remaining(T(2026, 3, 4, 17))) == "Còn 1 ngày"


def test_step_budget_absorbs_the_wait_inside_it(new_life):
    """Supplement waiting time is added to the step's own deadline (opencps-v2#1112)."""
    life = new_life()
    life.receive(MON)
    life.apply(Forwarding, T(2026, 3, 2, 10), step="thẩm định")
    life.apply(SupplementRequest, T(2026, 3, 2, 16))
    d = life.apply(SupplementReceipt, T(2026, 3, 3, 9))
    assert d.state.step_waited("thẩm định") == dt.timedelta(hours=2, minutes=30)
    assert d.state.waits[0].step == "thẩm định"
    assert d.step_reports()[0].waited == dt.timedelta(hours=2, minutes=30)


def test_aware_times_keep_their_zone_and_mix_with_naive_ones(new_life):
    utc = dt.timezone.utc
    life = new_life()
    life.receive(T(2026, 3, 2, 2, tzinfo=utc))  # 09:00 in Vietnam
    assert life.dossier.due_at == T(2026, 3, 5, 10, tzinfo=utc)  # 17:00 in Vietnam
    life.apply(SupplementRequest, T(2026, 3, 3, 16))  # naive: Vietnam local time
    d = life.apply(SupplementReceipt, T(2026, 3, 4, 1, tzinfo=utc))  # 08:00 local
    assert d.due_at == T(2026, 3, 6, 2, tzinfo=utc)
    assert d.due_at.tzinfo is utc


def test_deadline_policy_is_used_for_the_due_date(new_life):
    life = new_life(policy=WORKING_TIME)
    assert life.receive(T(2026, 3, 2, 10)).due_at == T(2026, 3, 5, 10)


@pytest.mark.parametrize("policy", list(CLOCK_POLICIES.values()))
def test_clock_policies_are_named_values(policy):
    assert CLOCK_POLICIES[str(policy)] is policy
    assert policy.description
    assert {EXTEND.supplement, RESTART.supplement} == {Resume.EXTEND, Resume.RESTART}
