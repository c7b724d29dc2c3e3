"""Strategies for dossier event histories: lives a dossier can have, and one refused event."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from tthc._localtime import to_local
from tthc.calendar import WorkingCalendar
from tthc.deadlines import CIVIL_CODE, DeadlinePolicy
from tthc.dossier import (
    EDGES,
    EVENT_TYPES,
    EXTEND,
    TERMINAL,
    ClockPolicy,
    DossierState,
    Event,
    PostalDispatch,
    Reception,
    ResultReady,
    ResultReturn,
    allowed_events,
    transition,
)
from tthc.duration import Duration
from tthc.errors import CalendarError, DeadlineError, TransitionNotAllowed
from tthc.strategies._durations import durations
from tthc.strategies._events import any_fields, feasible, fields, refused_fields
from tthc.strategies._instants import receipt_times
from tthc.strategies._validation import (
    check_calendar,
    check_instant_range,
    check_size,
    check_strategy,
    check_text,
)

__all__ = ["IllegalHistory", "histories", "illegal_histories"]

#: (state, event type) pairs that end a dossier's life.
_ENDINGS = frozenset((e.source, e.event) for e in EDGES if e.target in TERMINAL)
#: Minutes between two events: often within a few hours, sometimes days.
_GAPS = st.one_of(st.integers(0, 240), st.integers(0, 3 * 24 * 60)).map(
    lambda m: dt.timedelta(minutes=m)
)
_ACTOR = "tthc.strategies"
#: The events that take a dossier forward to its result.
_FORWARD = (Reception, ResultReady, PostalDispatch, ResultReturn)
_REFUSED = (TransitionNotAllowed, CalendarError, DeadlineError)


@dataclass(frozen=True)
class _Plan:
    """What the history strategies were asked for, checked."""

    start: DossierState
    lo: dt.datetime
    hi: dt.datetime
    min_size: int
    max_size: int
    time_limits: st.SearchStrategy[Duration]
    prefix: str
    receipts: st.SearchStrategy[dt.datetime]  # the first event's time, when none came before


def _plan(
    *,
    after: object,
    calendar: object,
    policy: object,
    clock: object,
    min_value: object,
    max_value: object,
    min_size: object,
    max_size: object,
    time_limits: object,
    id_prefix: object,
) -> _Plan:
    if after is not None:
        if not isinstance(after, DossierState):
            raise InvalidArgument(f"after must be a DossierState, got {type(after).__name__}")
        if (calendar, policy, clock) != (None, None, None):
            raise InvalidArgument(
                "give either after= (the dossier's state, with its calendar and policies) "
                "or calendar=, policy= and clock=, not both"
            )
        start = after
    else:
        if policy is not None and not isinstance(policy, DeadlinePolicy):
            raise InvalidArgument(f"policy must be a DeadlinePolicy, got {policy!r}")
        if clock is not None and not isinstance(clock, ClockPolicy):
            raise InvalidArgument(f"clock must be a ClockPolicy, got {clock!r}")
        start = DossierState.blank(
            calendar=check_calendar(calendar),
            policy=policy or CIVIL_CODE,
            clock=clock or EXTEND,
        )
    lo, hi = _bounds(start, min_value, max_value)
    low = check_size(min_size, "min_size")
    high = low + 12 if max_size is None else check_size(max_size, "max_size", minimum=low)
    limits = (
        durations(max_amount=10)
        if time_limits is None
        else check_strategy(time_limits, "time_limits")
    )
    prefix = check_text(id_prefix, "id_prefix")
    receipts = receipt_times(calendar=start.calendar, min_value=lo, max_value=hi)
    return _Plan(start, lo, hi, low, high, limits, prefix, receipts)


def _bounds(
    start: DossierState, min_value: object, max_value: object
) -> tuple[dt.datetime, dt.datetime]:
    """Event times: after the latest event, within the calendar's announced years by default."""
    calendar: WorkingCalendar = start.calendar
    known = calendar.known_years
    last = None if start.updated_at is None else to_local(start.updated_at)
    low = dt.datetime(known.start, 1, 1) if last is None else last
    high = max(dt.datetime(known.stop - 1, 12, 31, 23, 59), low)
    lo, hi = check_instant_range(
        calendar,
        low if min_value is None else min_value,
        high if max_value is None else max_value,
    )
    if last is not None and lo < last:
        raise InvalidArgument(
            f"min_value={lo.isoformat()} is before the dossier's latest event at "
            f"{last.isoformat()}; events are applied in time order"
        )
    return lo, hi


def histories(
    *,
    after: DossierState | None = None,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
    clock: ClockPolicy | None = None,
    min_value: dt.datetime | None = None,
    max_value: dt.datetime | None = None,
    min_size: int = 0,
    max_size: int | None = None,
    time_limits: st.SearchStrategy[Duration] | None = None,
    id_prefix: str = "e",
) -> st.SearchStrategy[tuple[Event, ...]]:
    """Event histories a dossier accepts, in order: every event passes the table and guards.

    Lives run from online submission or reception through internal steps, supplement and
    payment waits, other agencies, reschedules and restarts, to the result and its return,
    or end early (refused, withdrawn, stopped). Replay one with
    ``Dossier.replay(history, calendar=..., policy=..., clock=...)`` using the same
    calendar and policies.

    Args:
        after: Continue the life of a dossier in this state (its calendar and policies);
            a blank dossier by default.
        calendar: The receiving agency's calendar; the national one by default.
        policy: How due dates are counted; :data:`tthc.deadlines.CIVIL_CODE` by default.
        clock: How the clock resumes after a wait; :data:`tthc.dossier.EXTEND` by default.
        min_value: The earliest event time, naive local time; the start of the calendar's
            announced years, or the latest event of ``after``.
        max_value: The latest event time; the end of the announced years by default (or of
            the calendar's range, when ``after``'s latest event is later). Events that would
            come later happen at ``max_value``.
        min_size: The fewest events (a life does not end before).
        max_size: The most events; ``min_size + 12`` by default. A life may end sooner.
        time_limits: A strategy for the receptions' time limits;
            ``durations(max_amount=10)`` by default.
        id_prefix: Events are numbered ``e1``, ``e2`` ...; give another prefix when
            continuing a dossier whose events already use these ids.

    Raises:
        hypothesis.errors.InvalidArgument: At call time, for ``after`` together with
            ``calendar``, ``policy`` or ``clock``, a bad bound (as in
            :func:`instants_in_office_hours`, or before ``after``'s latest event), or sizes
            out of order.

    Examples shrink towards shorter histories (``min_size`` events), with less time between
    events.

    >>> from hypothesis import given, settings
    >>> from tthc import WorkingCalendar
    >>> from tthc.dossier import Dossier
    >>> from tthc.strategies import histories
    >>> @settings(max_examples=5)
    ... @given(histories(min_size=2))
    ... def test_a_history_replays_to_its_last_event(history):
    ...     dossier = Dossier.replay(history, calendar=WorkingCalendar.vietnam())
    ...     assert dossier.version == len(history) >= 2
    >>> test_a_history_replays_to_its_last_event()
    """
    plan = _plan(
        after=after,
        calendar=calendar,
        policy=policy,
        clock=clock,
        min_value=min_value,
        max_value=max_value,
        min_size=min_size,
        max_size=max_size,
        time_limits=time_limits,
        id_prefix=id_prefix,
    )
    return _history(plan).map(lambda found: found[0])


@st.composite
def _history(draw: st.DrawFn, plan: _Plan) -> tuple[tuple[Event, ...], DossierState]:
    """A history and the state it leads to."""
    state = plan.start
    events: list[Event] = []
    at = None if state.updated_at is None else max(to_local(state.updated_at), plan.lo)
    target = draw(st.integers(plan.min_size, plan.max_size))
    while len(events) < target and not (state.status is not None and state.status.is_terminal):
        # The first event at a receipt time; later ones after a gap, piling up at the end.
        at = draw(plan.receipts) if at is None else min(at + draw(_GAPS), plan.hi)
        after = _next(
            draw, plan, state, at=at, event_id=f"{plan.prefix}{len(events) + 1}", done=len(events)
        )
        if after is None:  # pragma: no cover  (see _next)
            break
        event, state = after
        events.append(event)
    return tuple(events), state


def _next(
    draw: st.DrawFn,
    plan: _Plan,
    state: DossierState,
    *,
    at: dt.datetime,
    event_id: str,
    done: int,
) -> tuple[Event, DossierState] | None:
    """An event the dossier accepts at ``at``, and the state after it; ``None`` if none."""
    status = state.status
    allowed = [kind for kind in allowed_events(status) if feasible(kind, state)]
    may_end = done + 1 >= plan.min_size
    # The result returned ends a life as it should; refusals, withdrawals and stops end it
    # early. A uniform draw (which shrinks to 0, carrying on) picks, one step in sixteen, an
    # early end, and one in four a step forward (reception, result, its return), so that
    # many lives reach their result.
    going_on = [
        kind
        for kind in allowed
        if (status, kind) not in _ENDINGS or (kind is ResultReturn and may_end)
    ]
    early = [kind for kind in allowed if (status, kind) in _ENDINGS and kind is not ResultReturn]
    forward: list[type[Event]] = [kind for kind in going_on if kind in _FORWARD]
    roll = draw(st.sampled_from(range(16)))
    if roll == 15 and early and may_end:
        pool = early
    elif roll >= 11 and forward:
        pool = forward
    else:
        pool = going_on
    tried: set[type[Event]] = set()
    for candidates in (pool, going_on):  # whatever the draw chose, then anything that goes on
        left = [kind for kind in candidates if kind not in tried]
        while left:
            kind = draw(st.sampled_from(left))
            data: dict[str, Any] = draw(fields(kind, state, at, plan.time_limits))
            event = kind(id=event_id, at=at, actor=_ACTOR, **data)
            try:
                return event, transition(state, event)
            except _REFUSED:  # a guard that depends on the time, or a limit it cannot count
                tried.add(kind)
                left.remove(kind)
    return None  # pragma: no cover  (every state has an event no guard refuses)


@dataclass(frozen=True)
class IllegalHistory:
    """A history with exactly one event the dossier must refuse.

    Attributes:
        events: The events, in order; all but ``events[index]`` are accepted in turn.
        index: The position of the event that must raise
            :class:`~tthc.errors.TransitionNotAllowed` (the dossier is unchanged by it,
            so the events after it still apply).
    """

    events: tuple[Event, ...]
    index: int

    @property
    def event(self) -> Event:
        """The event that must be refused."""
        return self.events[self.index]

    @property
    def legal(self) -> tuple[Event, ...]:
        """The history without the refused event."""
        return self.events[: self.index] + self.events[self.index + 1 :]


def illegal_histories(
    *,
    after: DossierState | None = None,
    calendar: WorkingCalendar | None = None,
    policy: DeadlinePolicy | None = None,
    clock: ClockPolicy | None = None,
    min_value: dt.datetime | None = None,
    max_value: dt.datetime | None = None,
    min_size: int = 0,
    max_size: int | None = None,
    time_limits: st.SearchStrategy[Duration] | None = None,
    id_prefix: str = "e",
) -> st.SearchStrategy[IllegalHistory]:
    """A history from :func:`histories` (same arguments) with one refused event inserted.

    The inserted event is either of a type the transition table does not allow in the
    state it arrives in (a result returned before it is ready, anything after the end), or
    of an allowed type that breaks a guard: paying more than is owed, forwarding to the
    step the dossier is at, a new appointment that is not later, a due date reset before
    the receipt. It has the time of the event before it (of the first event, when it comes
    first) and the id ``<id_prefix>x``. ``min_size`` and ``max_size`` count the accepted
    events: the history holds one more.

    Raises:
        hypothesis.errors.InvalidArgument: As :func:`histories`.

    Examples shrink towards a refused first event of a blank dossier (a
    :class:`~tthc.dossier.Forwarding` before any reception).

    >>> import pytest
    >>> from hypothesis import given, settings
    >>> from tthc import WorkingCalendar
    >>> from tthc.dossier import Dossier
    >>> from tthc.errors import TransitionNotAllowed
    >>> from tthc.strategies import illegal_histories
    >>> @settings(max_examples=5)
    ... @given(illegal_histories())
    ... def test_the_illegal_event_is_refused(found):
    ...     dossier = Dossier(calendar=WorkingCalendar.vietnam())
    ...     for event in found.events[: found.index]:
    ...         dossier.apply(event)
    ...     with pytest.raises(TransitionNotAllowed):
    ...         dossier.apply(found.event)
    >>> test_the_illegal_event_is_refused()
    """
    plan = _plan(
        after=after,
        calendar=calendar,
        policy=policy,
        clock=clock,
        min_value=min_value,
        max_value=max_value,
        min_size=min_size,
        max_size=max_size,
        time_limits=time_limits,
        id_prefix=id_prefix,
    )
    return _illegal(plan)


@st.composite
def _illegal(draw: st.DrawFn, plan: _Plan) -> IllegalHistory:
    events, _ = draw(_history(plan))
    index = draw(st.integers(0, len(events)))
    state = plan.start
    for event in events[:index]:
        state = transition(state, event)
    if index:
        at = events[index - 1].at
    elif events:
        at = events[0].at
    elif state.updated_at is not None:
        at = to_local(state.updated_at)
    else:
        at = draw(plan.receipts)
    allowed = set(allowed_events(state.status))
    refused = [kind for kind in EVENT_TYPES.values() if kind not in allowed]
    breaking = [kind for kind in allowed_events(state.status) if refused_fields(kind, state, at)]
    kind = draw(st.sampled_from(refused + breaking))
    data = any_fields(kind, at) if kind in refused else refused_fields(kind, state, at)
    event = kind(id=f"{plan.prefix}x", at=at, actor=_ACTOR, **(data or {}))
    return IllegalHistory((*events[:index], event, *events[index:]), index)
