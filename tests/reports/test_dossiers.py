"""Dossiers in reports: record_from_dossier reads a tthc.dossier.Dossier's public state."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable

import pytest

from tthc import Duration, WorkingCalendar
from tthc.deadlines import BY_DATE, CLASSIFICATION_POLICIES, QD_766, TT_01_2018
from tthc.dossier import (
    Dossier,
    Event,
    OnlineSubmission,
    PaymentRequest,
    Reception,
    Refusal,
    Reschedule,
    ResultReady,
    ResultReturn,
    Stop,
    SupplementReceipt,
    SupplementRequest,
    WithdrawalAcceptance,
    WithdrawalRequest,
)
from tthc.reports import Period, record_from_dossier, report

VN = WorkingCalendar.vietnam()
D = dt.datetime
MARCH = Period.month(2026, 3)
_ids = itertools.count()


def ev(kind: Callable[..., Event], at: dt.datetime, **fields: object) -> Event:
    return kind(id=f"e{next(_ids)}", at=at, actor="officer", **fields)


def received(at: dt.datetime | None = None, *, days: int = 3, channel: str = "counter") -> Dossier:
    """A dossier received (by default 2 March 2026 09:00) with a 3-working-day limit."""
    at = at or D(2026, 3, 2, 9)
    d = Dossier(calendar=VN)
    d.apply(
        ev(
            Reception,
            at,
            procedure="1.004873",
            time_limit=Duration.working_days(days),
            channel=channel,
            code="000.00.31.H26-260302-0001",
        )
    )
    return d


def test_a_resolved_and_returned_dossier() -> None:
    d = received(channel="online")
    d.apply(ev(ResultReady, D(2026, 3, 4, 10)))
    d.apply(ev(ResultReturn, D(2026, 3, 6, 9), channel="counter"))
    r = record_from_dossier(d, field="Hộ tịch", agency="UBND xã A", level="commune")
    assert (r.code, r.procedure, r.channel, r.status) == (
        "000.00.31.H26-260302-0001",
        "1.004873",
        "online",
        10,
    )
    assert (r.received_at, r.due_at, r.result_ready_at, r.returned_at) == (
        D(2026, 3, 2, 9),
        D(2026, 3, 5, 17),
        D(2026, 3, 4, 10),
        D(2026, 3, 6, 9),
    )
    assert (r.field, r.agency, r.level) == ("Hộ tịch", "UBND xã A", "commune")
    assert r.due_includes_waits is True


def test_waits_are_listed_and_the_due_date_already_moved() -> None:
    d = received()
    d.apply(ev(SupplementRequest, D(2026, 3, 3, 16)))
    d.apply(ev(SupplementReceipt, D(2026, 3, 4, 8)))
    d.apply(ev(PaymentRequest, D(2026, 3, 4, 10), amount=50_000))
    r = record_from_dossier(d)
    assert r.status == 6
    assert r.supplement_waits == ((D(2026, 3, 3, 16), D(2026, 3, 4, 8)),)
    assert r.payment_waits == ((D(2026, 3, 4, 10), None),)
    assert r.supplement_requests == 1
    assert r.due_at == d.due_at
    assert r.due_at is not None
    assert r.due_at > D(2026, 3, 5, 17)
    assert r.legal_due_at == d.state.legal_due_at
    rep = report([d], period=MARCH, as_of=D(2026, 3, 4, 12))
    assert (rep.total.in_progress_in_time, rep.total.paused_payment) == (1, 1)


def test_a_reschedule_moves_the_appointment_not_the_time_allowed_by_law() -> None:
    d = received()
    d.apply(ev(Reschedule, D(2026, 3, 4, 9), new_due=D(2026, 3, 10, 17), reason="site visit"))
    d.apply(ev(ResultReady, D(2026, 3, 9, 10)))
    r = record_from_dossier(d)
    assert (r.due_at, r.legal_due_at) == (D(2026, 3, 10, 17), D(2026, 3, 5, 17))
    assert report([d], period=MARCH).total.resolved_early == 1
    assert report([d], period=MARCH, policy=TT_01_2018).total.resolved_late == 1


@pytest.mark.parametrize(
    ("events", "status", "ended_at"),
    [
        ([(Stop, D(2026, 3, 3, 9), {"reason": "incomplete"})], 8, D(2026, 3, 3, 9)),
        ([(Refusal, D(2026, 3, 3, 9), {"reason": "not eligible"})], 8, D(2026, 3, 3, 9)),
        (
            [
                (WithdrawalRequest, D(2026, 3, 3, 9), {}),
                (WithdrawalAcceptance, D(2026, 3, 3, 10), {}),
            ],
            7,
            D(2026, 3, 3, 10),
        ),
        ([(WithdrawalRequest, D(2026, 3, 3, 9), {})], 4, None),
        (
            [(SupplementRequest, D(2026, 3, 3, 9), {}), (WithdrawalRequest, D(2026, 3, 3, 10), {})],
            5,
            None,
        ),
        (
            [
                (PaymentRequest, D(2026, 3, 3, 9), {"amount": 10_000}),
                (WithdrawalRequest, D(2026, 3, 3, 10), {}),
            ],
            6,
            None,
        ),
    ],
)
def test_endings_and_requests(
    events: list[tuple[Callable[..., Event], dt.datetime, dict[str, object]]],
    status: int,
    ended_at: dt.datetime | None,
) -> None:
    d = received()
    for kind, at, fields in events:
        d.apply(ev(kind, at, **fields))
    r = record_from_dossier(d)
    assert (r.status, r.ended_at) == (status, ended_at)


def test_a_wait_that_did_not_pause_the_clock_is_not_listed() -> None:
    """Fees asked for when the result is ready pause nothing: processing has ended."""
    d = received()
    d.apply(ev(ResultReady, D(2026, 3, 4, 10)))
    d.apply(ev(PaymentRequest, D(2026, 3, 4, 11), amount=8_000))
    assert d.state.wait is not None
    assert not d.state.wait.clock_paused
    r = record_from_dossier(d)
    assert (r.status, r.result_ready_at, r.payment_waits) == (9, D(2026, 3, 4, 10), ())
    assert report([d], period=MARCH).total.resolved_early == 1


def test_a_dossier_never_received() -> None:
    submitted = Dossier(calendar=VN)
    submitted.apply(ev(OnlineSubmission, D(2026, 3, 2, 20), procedure="1.001193"))
    r = record_from_dossier(submitted)
    assert (r.status, r.received_at, r.procedure) == (1, D(2026, 3, 2, 20), "1.001193")

    refused = Dossier(calendar=VN)
    refused.apply(ev(OnlineSubmission, D(2026, 3, 2, 20)))
    refused.apply(ev(Refusal, D(2026, 3, 3, 8), reason="wrong agency"))
    r = record_from_dossier(refused)
    assert (r.status, r.received_at, r.ended_at) == (3, D(2026, 3, 2, 20), D(2026, 3, 3, 8))

    at_counter = Dossier(calendar=VN)
    at_counter.apply(ev(Refusal, D(2026, 3, 3, 8), reason="incomplete"))
    assert record_from_dossier(at_counter).received_at == D(2026, 3, 3, 8)

    rep = report([submitted, refused, at_counter], period=MARCH)
    assert (rep.total.received, rep.total.refused, rep.records) == (0, 2, 3)

    with pytest.raises(ValueError, match="no event yet"):
        record_from_dossier(Dossier(calendar=VN))


def _finished_dossiers() -> list[Dossier]:
    """Dossiers ended in March in every way, with and without waits."""
    out = []
    for ready_day, waits in itertools.product((4, 5, 6, 9, 12), (0, 1, 2)):
        d = received(D(2026, 3, 2, 9))
        for i in range(waits):
            d.apply(ev(SupplementRequest, D(2026, 3, 2 + i, 10)))
            d.apply(ev(SupplementReceipt, D(2026, 3, 3 + i, 9)))
        d.apply(ev(ResultReady, D(2026, 3, ready_day, 10)))
        out.append(d)
    return out


@pytest.mark.parametrize(
    "policy", [BY_DATE, QD_766, TT_01_2018, CLASSIFICATION_POLICIES["by-instant"]], ids=str
)
def test_the_report_agrees_with_each_dossiers_own_verdict(policy: object) -> None:
    """The report counts what Dossier.timeliness() says, dossier by dossier."""
    dossiers = _finished_dossiers()
    rep = report(dossiers, period=MARCH, policy=policy)  # type: ignore[arg-type]
    verdicts = [d.timeliness(policy=policy).value for d in dossiers]  # type: ignore[arg-type]
    assert rep.total.resolved_early == verdicts.count("early")
    assert rep.total.resolved_on_time == verdicts.count("on_time")
    assert rep.total.resolved_late == verdicts.count("late")
    assert rep.total.resolved == len(dossiers)


def test_a_dossier_is_read_as_a_record_with_empty_labels() -> None:
    d = received()
    rep = report([d], period=MARCH, group_by="field")
    assert [row.value("field") for row in rep] == [""]
