"""The transition table, as data: which event moves a dossier from which state to which.

Each row is an :class:`Edge`: in state ``source`` (``None`` for a dossier with no events
yet), an event of type ``event`` moves the dossier to ``target``. The target
:data:`PREVIOUS` returns to the state the dossier was in before it entered ``source`` (a
wait for a supplement or payment, or a pending withdrawal request, returns to where it
came from). An event type with no row for a state is not allowed in it. The guards the law
adds (at most one reschedule, unpaid fees, ...) are checked by the transition function.

The table is checked when the module loads (:func:`check_machine`): every state reachable,
terminal states without exits, every other state with one, every state mapped to a portal
code, every event type used. A broken table raises :class:`~tthc.errors.DossierError`
listing every problem, so a bad edit never ships.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final, Literal

from tthc.dossier._events import (
    EVENT_TYPES,
    AdministrativeReset,
    AgencyReturn,
    AgencyTransfer,
    ClockRestart,
    Event,
    Forwarding,
    OnlineSubmission,
    PaymentReceipt,
    PaymentRequest,
    PostalDispatch,
    Reception,
    Refusal,
    Reschedule,
    ResultReady,
    ResultReturn,
    Rollback,
    Stop,
    SupplementReceipt,
    SupplementRequest,
    WithdrawalAcceptance,
    WithdrawalRequest,
)
from tthc.dossier._states import PORTAL_CODES, TERMINAL, DossierStatus
from tthc.errors import DossierError

__all__ = ["EDGES", "PREVIOUS", "Edge", "Target", "check_machine", "previous_states"]

#: The target "back to the state before this one".
PREVIOUS: Final = "previous"
_STAY: Final = "stay"  # in the rows below: the state does not change

Target = DossierStatus | Literal["previous"]


@dataclass(frozen=True, slots=True)
class Edge:
    """One row of the transition table.

    Attributes:
        source: The state the event is allowed in (``None``: no events yet).
        event: The event type.
        target: The state after it, or :data:`PREVIOUS`.
    """

    source: DossierStatus | None
    event: type[Event]
    target: Target


_S = DossierStatus
_RUNNING = (_S.RECEIVED, _S.PROCESSING, _S.AT_OTHER_AGENCY)  # states where the clock runs

_ROWS: tuple[tuple[Iterable[DossierStatus | None], type[Event], Target | Literal["stay"]], ...] = (
    # Reception (NĐ 61/2018 Art. 17): online submission, then acceptance or refusal.
    ([None], OnlineSubmission, _S.SUBMITTED),
    ([None, _S.SUBMITTED], Reception, _S.RECEIVED),
    ([None, _S.SUBMITTED, _S.SUPPLEMENT_REQUESTED], Refusal, _S.REFUSED),
    # A refusal after appraisal (Art. 19(8)) stops processing: portal 3 means "not received".
    (_RUNNING, Refusal, _S.STOPPED),
    # Processing: internal steps, other agencies.
    ([_S.RECEIVED, _S.PROCESSING], Forwarding, _S.PROCESSING),
    ([_S.RECEIVED, _S.PROCESSING], AgencyTransfer, _S.AT_OTHER_AGENCY),
    ([_S.AT_OTHER_AGENCY], AgencyReturn, _S.PROCESSING),
    # Waits (Art. 15(3), 17(1)(a), 19(4)); the clock pauses, then resumes where it was.
    ([_S.SUBMITTED, *_RUNNING], SupplementRequest, _S.SUPPLEMENT_REQUESTED),
    ([_S.SUPPLEMENT_REQUESTED], SupplementReceipt, PREVIOUS),
    ([*_RUNNING, _S.RESULT_READY], PaymentRequest, _S.PAYMENT_REQUESTED),
    ([_S.PAYMENT_REQUESTED], PaymentReceipt, PREVIOUS),
    ([*_RUNNING, _S.RESULT_READY], PaymentReceipt, _STAY),  # settles fees
    # The due date (Art. 19(4), 19(9)) and administration.
    (_RUNNING, Reschedule, _STAY),
    (_RUNNING, ClockRestart, _STAY),
    (_RUNNING, AdministrativeReset, _STAY),
    # Result and return.
    ([_S.RECEIVED, _S.PROCESSING], ResultReady, _S.RESULT_READY),
    ([_S.RESULT_READY], PostalDispatch, _S.IN_POSTAL_DELIVERY),
    ([_S.RESULT_READY, _S.IN_POSTAL_DELIVERY], ResultReturn, _S.RETURNED),
    # Going back one step.
    ([_S.PROCESSING], Rollback, _STAY),
    ([_S.RESULT_READY], Rollback, _S.PROCESSING),
    ([_S.IN_POSTAL_DELIVERY], Rollback, _S.RESULT_READY),
    ([_S.WITHDRAWAL_REQUESTED], Rollback, PREVIOUS),
    # Ending early.
    (
        [_S.SUBMITTED, *_RUNNING, _S.SUPPLEMENT_REQUESTED, _S.PAYMENT_REQUESTED],
        WithdrawalRequest,
        _S.WITHDRAWAL_REQUESTED,
    ),
    ([_S.WITHDRAWAL_REQUESTED], WithdrawalAcceptance, _S.WITHDRAWN),
    ([*_RUNNING, _S.SUPPLEMENT_REQUESTED, _S.PAYMENT_REQUESTED], Stop, _S.STOPPED),
)


def _edges() -> tuple[Edge, ...]:
    edges: list[Edge] = []
    for sources, event, target in _ROWS:
        for source in sources:
            if target == _STAY:
                if source is None:  # pragma: no cover  (no row stays at the start)
                    raise DossierError(f"{event.__name__}: cannot stay at the start")
                edges.append(Edge(source, event, source))
            else:
                edges.append(Edge(source, event, target))
    return tuple(edges)


#: The transition table, one row per (state, event type).
EDGES: tuple[Edge, ...] = _edges()


def previous_states(edges: Iterable[Edge], state: DossierStatus) -> set[DossierStatus]:
    """The states from which an edge enters ``state`` (where :data:`PREVIOUS` can return)."""
    return {
        e.source for e in edges if e.target == state and e.source is not None and e.source != state
    }


def check_machine(
    edges: Iterable[Edge],
    *,
    states: Iterable[DossierStatus] = tuple(DossierStatus),
    portal_codes: Mapping[DossierStatus, int] = PORTAL_CODES,
    terminal: Iterable[DossierStatus] = TERMINAL,
    event_types: Iterable[type[Event]] = tuple(EVENT_TYPES.values()),
) -> list[str]:
    """Every problem of a transition table, as messages naming the state or event.

    Checks: each (state, event type) appears once; every state has a portal code 1-10 and
    every code 1-10 is used; every state is reachable from the start; terminal states have
    no exit and every other state has one; :data:`PREVIOUS` is used only where there is
    somewhere to return to; every event type is used.

    >>> check_machine(EDGES)
    []
    """
    edges = tuple(edges)
    states = tuple(states)
    problems = _duplicates(edges) + _codes(states, portal_codes)
    problems += _graph(edges, states, frozenset(terminal))
    problems.extend(
        f"{_name(e.source)}: {e.event.__name__} returns to the previous state, "
        "but nothing enters it"
        for e in edges
        if e.target == PREVIOUS and (e.source is None or not previous_states(edges, e.source))
    )
    used = {e.event for e in edges}
    problems.extend(f"{t.__name__}: no row uses it" for t in event_types if t not in used)
    return problems


def _duplicates(edges: tuple[Edge, ...]) -> list[str]:
    problems: list[str] = []
    seen: set[tuple[DossierStatus | None, type[Event]]] = set()
    for edge in edges:
        key = (edge.source, edge.event)
        if key in seen:
            problems.append(f"{_name(edge.source)}: {edge.event.__name__} has two rows")
        seen.add(key)
    return problems


def _codes(
    states: tuple[DossierStatus, ...], portal_codes: Mapping[DossierStatus, int]
) -> list[str]:
    problems: list[str] = []
    for state in states:
        code = portal_codes.get(state)
        if code is None:
            problems.append(f"{state.name}: no portal code")
        elif not 1 <= code <= 10:
            problems.append(f"{state.name}: portal code {code} is outside 1-10")
    unused = sorted(set(range(1, 11)) - set(portal_codes.values()))
    if unused:
        problems.append(f"portal codes {unused} have no state")
    return problems


def _graph(
    edges: tuple[Edge, ...], states: tuple[DossierStatus, ...], terminal: frozenset[DossierStatus]
) -> list[str]:
    problems: list[str] = []
    targets = _resolved(edges)
    reached: set[DossierStatus | None] = {None}
    frontier: list[DossierStatus | None] = [None]
    while frontier:
        for there in targets.get(frontier.pop(), ()):
            if there not in reached:
                reached.add(there)
                frontier.append(there)
    for state in states:
        if state not in reached:
            problems.append(f"{state.name}: not reachable from the start")
        exits = targets.get(state, set()) - {state}
        if state in terminal and any(e.source == state for e in edges):
            problems.append(f"{state.name}: terminal, but has an exit")
        elif state not in terminal and not exits:
            problems.append(f"{state.name}: not terminal, but has no exit to another state")
    return problems


def _name(state: DossierStatus | None) -> str:
    return "start" if state is None else state.name


def _resolved(edges: tuple[Edge, ...]) -> dict[DossierStatus | None, set[DossierStatus]]:
    """Each state's possible next states, with :data:`PREVIOUS` expanded."""
    targets: dict[DossierStatus | None, set[DossierStatus]] = {}
    for edge in edges:
        if edge.target == PREVIOUS:
            found = previous_states(edges, edge.source) if edge.source is not None else set()
        else:
            found = {edge.target}
        targets.setdefault(edge.source, set()).update(found)
    return targets


def _check_at_import() -> None:
    problems = check_machine(EDGES)
    if problems:
        lines = "\n  ".join(problems)
        raise DossierError(
            f"the dossier transition table is invalid: {len(problems)} problem(s)\n  {lines}"
        )


_check_at_import()
