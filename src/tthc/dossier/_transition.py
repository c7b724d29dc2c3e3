"""The pure transition function: one dossier state and one event give the next state.

:func:`transition` looks the (state, event type) pair up in the transition table, checks
the guards the law adds, and applies the event's effect through one small function per
event type (:mod:`tthc.dossier._effects`, :mod:`tthc.dossier._pauses`). It reads nothing
but its arguments and changes nothing: the same state and event give the same result every
time, which is what makes a history replayable.
"""

from __future__ import annotations

from typing import Any

from tthc._localtime import to_local
from tthc.dossier import _effects, _pauses
from tthc.dossier._effects import Effect
from tthc.dossier._events import Event
from tthc.dossier._state import F_BACK, F_STATUS, F_UPDATED_AT, DossierState
from tthc.dossier._states import DossierStatus
from tthc.dossier._table import EDGES, PREVIOUS, Target
from tthc.errors import EventOutOfOrder, TransitionNotAllowed

__all__ = ["allowed_events", "transition"]

_new = tuple.__new__  # builds the next state from its values, skipping keyword handling


def transition(state: DossierState, event: Event) -> DossierState:
    """The state after ``event``; ``state`` itself is not changed.

    Raises:
        TransitionNotAllowed: The event is not allowed in the state, or a guard refuses
            it; ``.state`` and ``.event`` say which, ``.reason`` why.
        EventOutOfOrder: The event is dated before the state's latest event.

    >>> import datetime as dt
    >>> from tthc import Duration, WorkingCalendar
    >>> from tthc.dossier import CIVIL_CODE, EXTEND, DossierState, Reception
    >>> blank = DossierState.blank(
    ...     calendar=WorkingCalendar.vietnam(), policy=CIVIL_CODE, clock=EXTEND
    ... )
    >>> received = transition(
    ...     blank,
    ...     Reception(
    ...         id="e1",
    ...         at=dt.datetime(2026, 2, 12, 10),
    ...         actor="desk",
    ...         procedure="1.004873",
    ...         time_limit=Duration.working_days(3),
    ...     ),
    ... )
    >>> received.status, received.due_at
    (<DossierStatus.RECEIVED: 'received'>, datetime.datetime(2026, 2, 24, 17, 0))
    >>> blank.status is None
    True
    """
    # The next state's values, in field order, copied first: the current ones are read
    # from the list (cheaper than a named tuple's attributes or items). The event's fields
    # are read once: its type varies from call to call, so those reads are not cached.
    out: list[Any] = [*state]
    at = event.at
    last = out[F_UPDATED_AT]
    if last is not None:
        try:
            earlier = at < last
        except TypeError:  # one naive (local time), one aware: compare in local time
            earlier = to_local(at) < to_local(last)
        if earlier:
            raise EventOutOfOrder(at, last, event_id=event.id)
    try:
        target, effect, push = _ROWS[type(event)][out[F_STATUS]]
    except KeyError:  # no row for this event type, or none in this state
        raise _not_allowed(state, event) from None
    if target is PREVIOUS:  # back where the dossier came from
        back = out[F_BACK]
        out[F_STATUS] = back[-1]
        out[F_BACK] = back[:-1]
    else:
        if push:  # entering a state left by going back: remember the one left
            out[F_BACK] = (*out[F_BACK], out[F_STATUS])
        out[F_STATUS] = target
    out[F_UPDATED_AT] = at
    effect(state, event, target, out)  # raises when a guard refuses the event
    return _new(DossierState, out)


def allowed_events(status: DossierStatus | None) -> tuple[type[Event], ...]:
    """The event types the table allows in ``status`` (guards may still refuse one).

    >>> print(", ".join(e.__name__ for e in allowed_events(None)))
    OnlineSubmission, Reception, Refusal
    """
    return tuple(dict.fromkeys(e.event for e in EDGES if e.source == status))


def _not_allowed(state: DossierState, event: Event) -> TransitionNotAllowed:
    where = "a dossier with no events" if state.status is None else f"state {state.status.name}"
    names = ", ".join(e.__name__ for e in allowed_events(state.status)) or "none (final)"
    return TransitionNotAllowed(
        state.status,
        event,
        f"{type(event).__name__} {event.id!r} is not allowed in {where}; allowed there: {names}",
    )


_Row = tuple[Target, Effect, bool]


def _rows() -> dict[type[Event], dict[DossierStatus | None, _Row]]:
    effects = {**_effects.EFFECTS, **_pauses.EFFECTS}
    missing = sorted({e.event.__name__ for e in EDGES if e.event not in effects})
    if missing:  # pragma: no cover  (a development error, caught by the first import)
        raise RuntimeError(f"no transition effect for {', '.join(missing)}")
    # States left by going back (to PREVIOUS): entering one remembers where from.
    returning = {e.source for e in EDGES if e.target is PREVIOUS}
    rows: dict[type[Event], dict[DossierStatus | None, _Row]] = {}
    for e in EDGES:
        push = e.target in returning and e.target is not e.source
        rows.setdefault(e.event, {})[e.source] = (e.target, effects[e.event], push)
    return rows


#: event type -> state -> (target, effect, whether the state left is remembered): the table
#: joined with the effects, keyed on the event type first (a type hashes cheaper than a pair).
_ROWS = _rows()
