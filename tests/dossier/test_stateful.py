"""Any sequence of events is either refused or leaves every invariant of a dossier true.

A Hypothesis state machine drives one dossier under random deadline and clock policies. It
starts from a life drawn by :func:`tthc.strategies.histories`, then goes on with events
drawn for the state it is in: continuations from ``histories(after=...)``, which must be
applied, and single events from ``illegal_histories(after=...)``, which must be refused
(``TransitionNotAllowed``, dossier unchanged). After every step:

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
from tthc.dossier import CLOCK_POLICIES, Dossier, DueChangeReason, Event
from tthc.errors import TransitionNotAllowed
from tthc.strategies import IllegalHistory, histories, illegal_histories

from .conftest import VN

#: Receptions as the old hand-written machine drew them: short limits, no limit, same day.
LIMITS = st.sampled_from(
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


class DossierLife(RuleBasedStateMachine):
    """One dossier, driven by events drawn for the state it is in."""

    @initialize(
        policy=st.sampled_from(sorted(POLICIES)),
        clock=st.sampled_from(sorted(CLOCK_POLICIES)),
        data=st.data(),
    )
    def create(self, policy: str, clock: str, data: st.DataObject) -> None:
        self.dossier = Dossier(calendar=VN, policy=POLICIES[policy], clock=CLOCK_POLICIES[clock])
        self.start = dt.datetime(2025, 12, 20)
        self.now = self.start
        self.count = 0
        self.applied = 0
        self.refused = 0
        life = data.draw(
            histories(
                policy=POLICIES[policy],
                clock=CLOCK_POLICIES[clock],
                min_value=self.start,
                max_value=dt.datetime(2026, 11, 30),
                max_size=8,
                time_limits=LIMITS,
            )
        )
        for event in life:
            self._apply(event, legal=True)

    # ------------------------------------------------------------ applying

    def _apply(self, event: Event, *, legal: bool) -> None:
        """Apply an event that must be accepted (``legal``) or refused, and check the dossier."""
        self.now = max(self.now, event.at)
        self.count += 1
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
            assert not legal, f"{type(event).__name__} was refused: {refused}"
            assert refused.event is event
            assert refused.state is before.status
            assert self.dossier.state is before
            assert self.dossier.version == version
            self.refused += 1
            return
        assert legal, f"{type(event).__name__} was applied in {before.status}"
        assert not was_terminal, f"{type(event).__name__} was applied to a final dossier"
        note(f"applied {type(event).__name__} -> {self.dossier.status.name}")
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

    @rule(data=st.data())
    def go_on(self, data: st.DataObject) -> None:
        """Events the dossier accepts in turn, drawn for the state it is in."""
        more = data.draw(
            histories(
                after=self.dossier.state,
                max_value=dt.datetime(2026, 12, 31),
                max_size=3,
                time_limits=LIMITS,
                id_prefix=f"g{self.count}-",
            )
        )
        for event in more:
            self._apply(event, legal=True)

    @rule(data=st.data())
    def refused_event(self, data: st.DataObject) -> None:
        """An event the state refuses: not in the table there, or breaking a guard."""
        found: IllegalHistory = data.draw(
            illegal_histories(
                after=self.dossier.state,
                max_value=dt.datetime(2026, 12, 31),
                max_size=0,
                id_prefix=f"x{self.count}-",
            )
        )
        self._apply(found.event, legal=False)

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
    def a_wait_belongs_to_the_step_holding_the_dossier_and_charges_it_once_resumed(self):
        state = self.dossier.state
        current = state.route[-1] if state.route else None
        if state.wait is not None:
            assert state.wait.step == current
        steps = {w.step for w in state.waits if w.step is not None}
        assert steps <= {r.name for r in state.steps}
        for name in steps:
            resumed = [w.working_time for w in state.waits if w.step == name and w.resumed]
            assert state.step_waited(name) == sum(filter(None, resumed), dt.timedelta(0))

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
