"""Any sequence of events is either refused or leaves every invariant of a dossier true.

A Hypothesis state machine applies random events of every type, with random payloads, at
random later times, under random deadline and clock policies. Each event is either refused
(``TransitionNotAllowed``, dossier unchanged) or applied, after which:

* the due date is never before the receipt;
* paused time is never counted: during a wait the time left does not move, and an
  extension adds exactly the wait's working time;
* terminal states are final (checked when an event is applied);
* the due-date history is a chain of old and new values ending at the current due date;
* replaying the history gives an equal dossier, and so does a JSON round trip.
"""

from __future__ import annotations

import datetime as dt
import itertools

from hypothesis import event as note
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from tthc import Duration
from tthc.deadlines import POLICIES
from tthc.dossier import (
    CLOCK_POLICIES,
    EVENT_TYPES,
    AdministrativeReset,
    AgencyTransfer,
    ClockRestart,
    Dossier,
    DueChangeReason,
    Event,
    Forwarding,
    OnlineSubmission,
    PaymentReceipt,
    PaymentRequest,
    Reception,
    Refusal,
    Reschedule,
    ResultReturn,
    StepPlan,
    Stop,
    SupplementRequest,
    WithdrawalAcceptance,
    allowed_events,
)
from tthc.errors import TransitionNotAllowed

from .conftest import VN

STEPS = ("tiếp nhận", "thẩm định", "ký")
limits = st.sampled_from(
    [
        "0.5 working days",
        "1 working day",
        "3 working days",
        "8 working hours",
        "10 calendar days",
        "same day, cut-off 15:00",
        "immediate",
        "none",
    ]
).map(Duration.parse)
budgets = st.sampled_from([None, "2 working hours", "1 working day", "3 calendar days"]).map(
    lambda text: None if text is None else Duration.parse(text)
)
plans = st.lists(st.sampled_from(STEPS), unique=True, max_size=3).flatmap(
    lambda names: st.tuples(*(budgets.map(lambda b, n=n: StepPlan(n, "unit", b)) for n in names))
)
# Later by 0 minutes up to about a week, often within office hours.
gaps = st.one_of(st.integers(0, 240), st.integers(0, 3 * 24 * 60), st.integers(0, 8 * 24 * 60)).map(
    lambda m: dt.timedelta(minutes=m)
)


ENDINGS = (Refusal, Stop, WithdrawalAcceptance)
OTHERS = frozenset(EVENT_TYPES.values()) - set(ENDINGS)


def _payloads(  # noqa: PLR0911  (one return per event type)
    cls: type[Event], dossier: Dossier, at: dt.datetime, *, wild: bool = False
) -> st.SearchStrategy[dict]:
    """Fields for an event of type ``cls``: plausible for the dossier, or (wild) not."""
    due = dossier.due_at or at
    low = -30 if wild else 1
    if cls is Reception:
        return st.fixed_dictionaries(
            {
                "procedure": st.just("1.004873"),
                "time_limit": limits,
                "steps": plans,
                "fees_due": st.sampled_from([0, 0, 8000]),
            }
        )
    if cls is OnlineSubmission:
        return st.just({"procedure": "1.001193"})
    if cls is SupplementRequest:
        return st.just({"documents": ("CCCD",)})
    if cls is Forwarding:
        names = [p.name for p in dossier.state.reception.steps] if dossier.state.reception else []
        if wild or not names:
            names = [*names, *STEPS, "khác"]
        return st.fixed_dictionaries({"step": st.sampled_from(names)})
    if cls is PaymentRequest:
        return st.fixed_dictionaries({"amount": st.sampled_from([1000, 8000])})
    if cls is PaymentReceipt:
        exact = max(1, dossier.state.fees_outstanding)
        return st.sampled_from([exact, 1000] if wild else [exact]).map(lambda a: {"amount": a})
    if cls is AgencyTransfer:
        return st.just({"agency": "Chi cục Thuế"})
    if cls is ResultReturn:
        return st.fixed_dictionaries({"channel": st.sampled_from(["counter", "online", "postal"])})
    if cls is Reschedule:
        return st.integers(low, 10).map(
            lambda d: {"new_due": due + dt.timedelta(days=d), "reason": "xin lỗi"}
        )
    if cls is AdministrativeReset:
        return st.integers(low, 10).map(
            lambda d: {"new_due": due + dt.timedelta(days=d), "reason": "đặt lại"}
        )
    if cls is ClockRestart:
        return st.just({"reason": "tính lại"})
    return st.just({})


class DossierLife(RuleBasedStateMachine):
    """One dossier, driven by random events."""

    @initialize(
        policy=st.sampled_from(sorted(POLICIES)),
        clock=st.sampled_from(sorted(CLOCK_POLICIES)),
        start=st.datetimes(dt.datetime(2025, 12, 20), dt.datetime(2026, 11, 30)),
    )
    def create(self, policy: str, clock: str, start: dt.datetime) -> None:
        self.dossier = Dossier(calendar=VN, policy=POLICIES[policy], clock=CLOCK_POLICIES[clock])
        self.now = start.replace(second=0, microsecond=0)
        self.count = 0
        self.applied = 0
        self.refused = 0

    # ------------------------------------------------------------ applying

    def _apply(self, cls: type[Event], gap: dt.timedelta, **fields: object) -> None:
        self.now += gap
        self.count += 1
        event = cls(id=f"e{self.count}", at=self.now, actor="tester", **fields)
        before = self.dossier.state
        version = self.dossier.version
        was_terminal = before.status is not None and before.status.is_terminal
        paused_left = self._left() if before.is_paused else None
        refused: TransitionNotAllowed | None = None
        try:
            self.dossier.apply(event)
        except TransitionNotAllowed as error:
            refused = error
        if refused is not None:
            assert refused.event is event
            assert refused.state is before.status
            assert self.dossier.state is before
            assert self.dossier.version == version
            self.refused += 1
            return
        assert not was_terminal, f"{cls.__name__} was applied to a final dossier"
        note(f"applied {cls.__name__} -> {self.dossier.status.name}")
        assert self.dossier.version == version + 1
        self.applied += 1
        if (
            paused_left is not None
            and self.dossier.state.is_paused
            and (self.dossier.state.wait == before.wait)
        ):
            assert self._left() == paused_left, "paused time was counted"

    def _left(self) -> object:
        state = self.dossier.state
        if state.due_at is None or state.counting is None:
            return None
        return self.dossier.remaining(self.now + dt.timedelta(days=3))

    # ------------------------------------------------------------ rules

    @rule(gap=gaps, data=st.data())
    def progress(self, gap, data):
        """An event the table allows in the current state (guards may still refuse it)."""
        allowed = [e for e in allowed_events(self.dossier.status) if e not in ENDINGS]
        if allowed:
            cls = data.draw(st.sampled_from(allowed))
            self._apply(cls, gap, **data.draw(_payloads(cls, self.dossier, self.now + gap)))

    @rule(gap=gaps, data=st.data(), cls=st.sampled_from(sorted(OTHERS, key=lambda c: c.kind)))
    def any_event(self, gap, data, cls):
        """An event of any type, allowed or not, with a payload that may break a guard."""
        self._apply(cls, gap, **data.draw(_payloads(cls, self.dossier, self.now + gap, wild=True)))

    @rule(gap=gaps, ending=st.sampled_from(ENDINGS), chance=st.integers(0, 4))
    def end(self, gap, ending, chance):
        """The events that end a dossier, one time in five, so lives run long enough."""
        if chance == 0:
            fields = {} if ending is WithdrawalAcceptance else {"reason": "kết thúc"}
            self._apply(ending, gap, **fields)

    @precondition(lambda self: self.dossier.version > 0)
    @rule()
    def redeliver_the_last_event(self):
        state = self.dossier.state
        assert self.dossier.apply(self.dossier.history[-1]) is False
        assert self.dossier.state is state

    # ------------------------------------------------------------ invariants

    @invariant()
    def due_date_never_before_receipt(self):
        state = self.dossier.state
        if state.received_at is not None and state.due_at is not None:
            assert state.due_at >= state.received_at  # all naive here: Vietnam local time
        assert self.dossier.version == len(self.dossier.history)

    @invariant()
    def due_changes_are_a_chain_and_extensions_are_exact(self):
        changes = self.dossier.state.due_changes
        if not changes:
            assert self.dossier.due_at is None
            return
        assert changes[0].reason is DueChangeReason.RECEPTION
        for before, after in itertools.pairwise(changes):
            assert after.old == before.new
            if after.reason is DueChangeReason.EXTENSION:
                assert after.extension is not None
                assert after.extension > dt.timedelta(0)
                assert VN.working_time_between(after.old, after.new) == after.extension
        assert changes[-1].new == self.dossier.due_at

    @invariant()
    def waits_count_only_working_time(self):
        for wait in self.dossier.state.waits:
            assert wait.ended is not None
            assert wait.ended >= wait.started
            if wait.working_time is not None:
                assert wait.working_time == VN.working_time_between(wait.started, wait.ended)

    @invariant()
    def portal_code_is_one_of_the_ten(self):
        code = self.dossier.portal_code
        assert code is None or 1 <= code <= 10

    @invariant()
    def replay_and_json_give_the_same_dossier(self):
        dossier = self.dossier
        s = dossier.state
        assert Dossier.replay(dossier.history, calendar=VN, policy=s.policy, clock=s.clock) == (
            dossier
        )
        assert Dossier.from_json(dossier.to_json(), calendar=VN) == dossier


TestDossierLife = DossierLife.TestCase
