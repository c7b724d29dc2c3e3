"""Per-step deadlines from the internal process: planned due, repeats, waits, behind schedule."""

from __future__ import annotations

import datetime as dt

from tthc.deadlines import HALF_DAY_SESSIONS
from tthc.dossier import (
    AgencyReturn,
    AgencyTransfer,
    DossierStatus,
    Forwarding,
    PaymentReceipt,
    PaymentRequest,
    ResultReady,
    Rollback,
    StepPlan,
    Stop,
    SupplementReceipt,
    SupplementRequest,
)
from tthc.duration import Duration

T = dt.datetime
MON = T(2026, 3, 2, 9)
PLAN = (
    StepPlan("tiếp nhận", "Bộ phận một cửa", Duration.working_hours(2)),
    StepPlan("thẩm định", "Phòng Tư pháp", Duration.working_days(1)),
    StepPlan("ký", "Lãnh đạo UBND", Duration.working_days(0.5)),
)


def _reports(dossier, at=None):
    return {r.name: r for r in dossier.step_reports(at)}


def test_each_step_is_due_its_budget_after_it_starts_in_working_time(new_life):
    life = new_life()
    life.receive(MON, steps=PLAN)
    life.apply(Forwarding, T(2026, 3, 2, 9), step="tiếp nhận")
    d = life.apply(Forwarding, T(2026, 3, 2, 10), step="thẩm định")
    reports = _reports(d)
    assert reports["tiếp nhận"].due == T(2026, 3, 2, 11)
    assert reports["tiếp nhận"].finished == T(2026, 3, 2, 10)
    assert reports["tiếp nhận"].unit == "Bộ phận một cửa"
    assert reports["thẩm định"].due == T(2026, 3, 3, 10)  # 8 working hours, lunch skipped
    assert reports["thẩm định"].finished is None
    assert "ký" not in reports  # not started yet


def test_a_step_behind_while_the_dossier_is_on_time(new_life):
    """Behind schedule at the step level (chậm tiến độ), dossier still in time."""
    life = new_life()
    life.receive(MON, steps=PLAN)
    d = life.apply(Forwarding, T(2026, 3, 2, 9), step="tiếp nhận")
    report = _reports(d, T(2026, 3, 2, 14))["tiếp nhận"]
    assert (report.behind, report.dossier_behind) == (True, False)
    report = _reports(d, T(2026, 3, 2, 10))["tiếp nhận"]
    assert (report.behind, report.dossier_behind) == (False, False)
    report = _reports(d, T(2026, 3, 6, 9))["tiếp nhận"]
    assert (report.behind, report.dossier_behind) == (True, True)


def test_a_repeated_step_counts_from_its_first_start(new_life):
    """opencps-v2#1112: a step run again counts from its first execution."""
    life = new_life()
    life.receive(MON, steps=PLAN)
    life.apply(Forwarding, T(2026, 3, 2, 9), step="thẩm định")
    life.apply(Forwarding, T(2026, 3, 2, 14), step="ký")
    d = life.apply(Rollback, T(2026, 3, 2, 15), reason="thiếu chữ ký")
    assert d.state.route == ("thẩm định",)
    report = _reports(d)["thẩm định"]
    assert (report.runs, report.started, report.finished) == (2, T(2026, 3, 2, 9), None)
    assert report.due == T(2026, 3, 3, 9)
    d = life.apply(Forwarding, T(2026, 3, 3, 8), step="ký")
    assert _reports(d)["ký"].runs == 2
    assert _reports(d)["ký"].started == T(2026, 3, 2, 14)


def test_waiting_time_inside_a_step_is_added_to_its_deadline(new_life):
    life = new_life()
    life.receive(MON, steps=PLAN)
    life.apply(Forwarding, T(2026, 3, 2, 9), step="thẩm định")
    d = life.apply(SupplementRequest, T(2026, 3, 2, 10))
    # a wait still open counts up to the moment asked about
    assert _reports(d, T(2026, 3, 2, 11))["thẩm định"].due == T(2026, 3, 3, 10)
    assert _reports(d, T(2026, 3, 2, 9, 30))["thẩm định"].due == T(2026, 3, 3, 9)


def test_payment_wait_inside_a_step_is_added_too(new_life):
    life = new_life()
    life.receive(MON, steps=PLAN)
    life.apply(Forwarding, T(2026, 3, 2, 9), step="thẩm định")
    life.apply(PaymentRequest, T(2026, 3, 2, 10), amount=1000)
    d = life.apply(PaymentReceipt, T(2026, 3, 2, 13, 30), amount=1000)
    assert d.state.step_waited("thẩm định") == dt.timedelta(hours=2)
    assert _reports(d)["thẩm định"].waited == dt.timedelta(hours=2)
    assert _reports(d)["thẩm định"].due == T(2026, 3, 3, 11)


def test_a_wait_ended_with_the_dossier_adds_nothing_to_its_step(new_life):
    life = new_life()
    life.receive(MON, steps=PLAN)
    life.apply(Forwarding, T(2026, 3, 2, 9), step="thẩm định")
    life.apply(SupplementRequest, T(2026, 3, 2, 10))
    d = life.apply(Stop, T(2026, 3, 3, 10), reason="hồ sơ không đủ điều kiện")
    assert d.state.waits[0].step == "thẩm định"
    assert d.state.waits[0].working_time == dt.timedelta(hours=8)
    assert d.state.step_waited("thẩm định") == dt.timedelta(0)


def test_waits_count_for_the_step_they_fell_in_and_accumulate_over_runs(new_life):
    life = new_life()
    life.receive(MON, steps=PLAN)
    life.apply(SupplementRequest, T(2026, 3, 2, 9, 15))  # before any step: no step's budget
    life.apply(SupplementReceipt, T(2026, 3, 2, 9, 45))
    life.apply(Forwarding, T(2026, 3, 2, 10), step="tiếp nhận")
    life.apply(SupplementRequest, T(2026, 3, 2, 10, 30))
    life.apply(SupplementReceipt, T(2026, 3, 2, 11))
    life.apply(Forwarding, T(2026, 3, 2, 13), step="thẩm định")
    life.apply(Forwarding, T(2026, 3, 2, 14), step="tiếp nhận")
    life.apply(SupplementRequest, T(2026, 3, 2, 15))
    d = life.apply(SupplementReceipt, T(2026, 3, 2, 16))
    assert [w.step for w in d.state.waits] == [None, "tiếp nhận", "tiếp nhận"]
    assert d.state.step_waited("tiếp nhận") == dt.timedelta(hours=1, minutes=30)
    assert d.state.step_waited("thẩm định") == dt.timedelta(0)
    # 10:00 plus 2 h of budget and 1 h 30 waited: 10:00-11:30, lunch, 13:00-15:00
    assert _reports(d)["tiếp nhận"].due == T(2026, 3, 2, 15)


def test_time_at_another_agency_stays_with_the_step_that_sent_it(new_life):
    life = new_life()
    life.receive(MON, steps=PLAN)
    life.apply(Forwarding, T(2026, 3, 2, 9), step="thẩm định")
    life.apply(AgencyTransfer, T(2026, 3, 2, 10), agency="Công an xã")
    d = life.apply(AgencyReturn, T(2026, 3, 3, 14), agency="Công an xã")
    report = _reports(d)["thẩm định"]
    assert (report.finished, report.behind, report.dossier_behind) == (None, True, False)


def test_result_ready_finishes_the_current_step_and_a_recall_reopens_it(new_life):
    life = new_life()
    life.receive(MON, steps=PLAN)
    life.apply(Forwarding, T(2026, 3, 2, 9), step="ký")
    d = life.apply(ResultReady, T(2026, 3, 2, 10))
    assert _reports(d)["ký"].finished == T(2026, 3, 2, 10)
    d = life.apply(Rollback, T(2026, 3, 2, 14), reason="sai tên")
    assert (d.status, d.state.finished_at) == (DossierStatus.PROCESSING, None)
    assert (_reports(d)["ký"].finished, _reports(d)["ký"].runs) == (None, 2)


def test_a_result_recalled_without_steps_returns_to_processing(new_life):
    life = new_life()
    life.receive(MON)
    life.apply(ResultReady, T(2026, 3, 2, 10))
    d = life.apply(Rollback, T(2026, 3, 2, 11))
    assert (d.status, d.state.steps) == (DossierStatus.PROCESSING, ())


def test_without_a_planned_process_any_step_is_recorded_without_a_due_time(new_life):
    life = new_life()
    life.receive(MON)
    d = life.apply(Forwarding, T(2026, 3, 2, 10), step="xử lý", unit="Văn phòng")
    [report] = d.step_reports()
    assert (report.unit, report.budget, report.due, report.behind) == (
        "Văn phòng",
        None,
        None,
        False,
    )


def test_a_budget_in_calendar_days_follows_the_deadline_policy(new_life):
    life = new_life()
    plan = (StepPlan("niêm yết", "UBND xã", Duration.calendar_days(7)),)
    life.receive(MON, "10 working days", steps=plan)
    d = life.apply(Forwarding, T(2026, 3, 2, 9), step="niêm yết")
    assert d.step_reports()[0].due == T(2026, 3, 9, 17)


def test_a_budget_of_none_has_no_due_time(new_life):
    life = new_life(policy=HALF_DAY_SESSIONS)
    plan = (StepPlan("lưu trữ", budget=Duration.none()),)
    life.receive(MON, steps=plan)
    d = life.apply(Forwarding, T(2026, 3, 2, 9), step="lưu trữ")
    assert d.step_reports()[0].due is None


def test_no_reports_before_the_first_event(new_life):
    assert new_life().dossier.step_reports() == ()


def test_step_records_ignore_unknown_steps_and_keep_a_finished_step_finished():
    from tthc.dossier._steps import finish_step, start_step

    steps = start_step((), "a", "unit", None, MON)
    done = finish_step(steps, "a", T(2026, 3, 2, 10))
    assert finish_step(done, "a", T(2026, 3, 2, 11)) is done
    assert finish_step(done, "b", T(2026, 3, 2, 11)) is done
