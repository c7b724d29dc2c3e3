"""The dossier aggregate: an append-only history of events and the state they lead to."""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from tthc._localtime import to_local
from tthc.deadlines import (
    BY_DATE,
    CIVIL_CODE,
    POLICIES,
    ClassificationPolicy,
    DeadlinePolicy,
    Timeliness,
    WorkingTime,
)
from tthc.dossier import _queries
from tthc.dossier._clock import CLOCK_POLICIES, EXTEND, ClockPolicy
from tthc.dossier._events import Event
from tthc.dossier._json import event_from_data, event_to_data, state_to_data
from tthc.dossier._state import DossierState
from tthc.dossier._states import DossierStatus
from tthc.dossier._steps import StepReport
from tthc.dossier._transition import transition
from tthc.errors import DossierError, VersionConflict

if TYPE_CHECKING:
    from tthc.calendar import WorkingCalendar

__all__ = ["FORMAT", "Dossier"]

#: The ``format`` tag of a serialised dossier; the number changes with the layout.
FORMAT = "tthc.dossier/1"


class Dossier:
    """A dossier: the events that happened to it, in order, and the state they lead to.

    Create one with the choices that hold for its whole life (the receiving agency's
    calendar, how the due date is counted, how the clock resumes after a wait), then
    :meth:`apply` events as they happen. Each event goes through the pure
    :func:`~tthc.dossier.transition`; a refused event leaves the dossier unchanged.

    * Each applied event raises the :attr:`version` by one; pass ``expected_version`` to
      :meth:`apply` for optimistic concurrency.
    * Applying an event whose id was already applied changes nothing (a redelivered
      message is harmless); a *different* event under a used id is an error.
    * Replaying the :attr:`history` (:meth:`replay`) gives an equal dossier, and
      :meth:`to_json` / :meth:`from_json` round-trip it with nothing lost.

    >>> import datetime as dt
    >>> from tthc import Duration, WorkingCalendar
    >>> from tthc.dossier import Reception, ResultReady, ResultReturn
    >>> dossier = Dossier(calendar=WorkingCalendar.vietnam())
    >>> dossier.apply(
    ...     Reception(
    ...         id="e1",
    ...         at=dt.datetime(2026, 3, 2, 9),
    ...         actor="desk",
    ...         procedure="1.004873",
    ...         time_limit=Duration.working_days(3),
    ...     )
    ... )
    True
    >>> dossier.status, dossier.due_at
    (<DossierStatus.RECEIVED: 'received'>, datetime.datetime(2026, 3, 5, 17, 0))
    >>> dossier.apply(ResultReady(id="e2", at=dt.datetime(2026, 3, 4, 10), actor="clerk"))
    True
    >>> dossier.timeliness().value, dossier.version
    ('early', 2)
    """

    __slots__ = ("_events", "_lock", "_state")

    _state: DossierState
    _events: dict[str, Event]  # by id, in the order applied: the history and the id index
    _lock: threading.Lock  # apply() reads the version and changes the state as one step

    def __init__(
        self,
        *,
        calendar: WorkingCalendar,
        policy: DeadlinePolicy = CIVIL_CODE,
        clock: ClockPolicy = EXTEND,
    ) -> None:
        # A service creates its dossiers with the same few choices: their blank state is
        # one immutable value, built once per choice and shared.
        last_calendar, last_policy, last_clock, blank = _last_blank[0]
        if last_calendar is not calendar or last_policy is not policy or last_clock is not clock:
            blank = DossierState.blank(calendar=calendar, policy=policy, clock=clock)
            _last_blank[0] = (calendar, policy, clock, blank)
        self._state = blank
        self._events = {}
        self._lock = threading.Lock()

    @classmethod
    def replay(
        cls,
        events: Iterable[Event],
        *,
        calendar: WorkingCalendar,
        policy: DeadlinePolicy = CIVIL_CODE,
        clock: ClockPolicy = EXTEND,
    ) -> Dossier:
        """The dossier these events, applied in order, lead to.

        Raises:
            tthc.errors.TransitionNotAllowed: An event is not allowed where it comes.
            tthc.errors.EventOutOfOrder: An event is dated before the one before it.
        """
        dossier = cls(calendar=calendar, policy=policy, clock=clock)
        for event in events:
            dossier.apply(event)
        return dossier

    # ------------------------------------------------------------ applying events

    def apply(self, event: Event, *, expected_version: int | None = None) -> bool:
        """Apply one event; return whether it changed the dossier.

        Args:
            event: The event.
            expected_version: The version the caller last read; the event is refused if
                the dossier has moved on since.

        Returns:
            ``True`` when applied, ``False`` when an equal event with the same id was
            applied before (nothing changes). A redelivered event is recognised before
            ``expected_version`` is checked, so redelivering it with a stale version
            returns ``False`` rather than raising.

        Raises:
            tthc.errors.TransitionNotAllowed: The event is not allowed in the current
                state, or a legal guard refuses it.
            tthc.errors.EventOutOfOrder: The event is dated before the latest one.
            tthc.errors.VersionConflict: ``expected_version`` is not the current version.
            tthc.errors.DossierError: Another event with the same id was applied.
            TypeError: ``expected_version`` is not an ``int`` (``True`` and ``1.0`` are not
                versions).

        Applying is atomic: from several threads, each event is checked against the
        version it finds and applied before another thread reads the version.
        """
        if expected_version is not None and expected_version.__class__ is not int:
            _check_version(expected_version)
        key = event.id  # read once: the event's type varies, so the read is not cached
        events = self._events
        with self._lock:  # one apply at a time: the version checked is the one changed
            seen = events.get(key)
            if seen is not None:
                if seen is event or seen == event:
                    return False
                raise DossierError(
                    f"event id {key!r} was already applied to a different event "
                    f"({type(seen).__name__} at {seen.at.isoformat()}); ids must be unique"
                )
            if expected_version is not None and expected_version != len(events):
                raise VersionConflict(expected_version, len(events))
            self._state = transition(self._state, event)  # the only way the state changes
            events[key] = event
        return True

    def as_of(self, at: dt.datetime) -> Dossier:
        """The dossier as it was at ``at``: its events up to and including that moment."""
        moment = to_local(at)
        s = self._state
        return Dossier.replay(
            (e for e in self._events.values() if to_local(e.at) <= moment),
            calendar=s.calendar,
            policy=s.policy,
            clock=s.clock,
        )

    # ------------------------------------------------------------ reading

    @property
    def state(self) -> DossierState:
        """The current state (an immutable value)."""
        return self._state

    @property
    def history(self) -> tuple[Event, ...]:
        """Every applied event, in order."""
        return tuple(self._events.values())

    @property
    def version(self) -> int:
        """How many events were applied."""
        return len(self._events)

    @property
    def status(self) -> DossierStatus | None:
        """The current state, or ``None`` before the first event."""
        return self._state.status

    @property
    def portal_code(self) -> int | None:
        """The national portal's status code (1-10), or ``None`` before the first event."""
        return self._state.portal_code

    @property
    def received_at(self) -> dt.datetime | None:
        """When the dossier was received."""
        return self._state.received_at

    @property
    def due_at(self) -> dt.datetime | None:
        """The current due date: ``None`` before reception or without a time limit."""
        return self._state.due_at

    @property
    def code(self) -> str | None:
        """The dossier code, when the reception gave one."""
        reception = self._state.reception
        return None if reception is None else reception.code

    def remaining(self, at: dt.datetime) -> WorkingTime:
        """Working time left at ``at`` ("Còn 2 ngày 3 giờ"), negative once overdue.

        Paused time does not run, and time stops when processing ends.

        Raises:
            tthc.errors.DossierError: The dossier has not been received.
            tthc.errors.DeadlineError: The procedure has no time limit.
        """
        return _queries.remaining(self._state, at)

    def overdue(self, at: dt.datetime) -> WorkingTime:
        """Working time overdue at ``at`` ("Quá 1 ngày 2 giờ"); zero when not overdue.

        Raises:
            tthc.errors.DossierError: The dossier has not been received.
            tthc.errors.DeadlineError: The procedure has no time limit.
        """
        return _queries.overdue(self._state, at)

    def timeliness(
        self,
        *,
        policy: ClassificationPolicy = BY_DATE,
        measured_at: _queries.Measure = "result_ready",
        at: dt.datetime | None = None,
    ) -> Timeliness:
        """Early, on time or late under ``policy`` (see :func:`tthc.dossier.timeliness`).

        Raises:
            tthc.errors.DossierError: Not received, or not ended and no ``at`` given.
        """
        return _queries.timeliness(self._state, policy=policy, measured_at=measured_at, at=at)

    def step_reports(self, at: dt.datetime | None = None) -> tuple[StepReport, ...]:
        """Each internal step's due time and whether it is behind, as of ``at``."""
        return _queries.step_reports(self._state, at)

    # ------------------------------------------------------------ value behaviour

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Dossier):
            return NotImplemented
        return self._state == other._state and list(self._events.values()) == list(
            other._events.values()
        )

    __hash__ = None  # type: ignore[assignment]  # mutable: events are applied in place

    def __getstate__(self) -> tuple[DossierState, dict[str, Event]]:
        """Pickle and copy the state and the history; each copy gets a lock of its own."""
        with self._lock:
            return self._state, dict(self._events)

    def __setstate__(self, saved: tuple[DossierState, dict[str, Event]]) -> None:
        self._state, self._events = saved
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        s = self._state
        name = "none" if s.status is None else s.status.name
        return f"<Dossier {self.code or 'without code'} {name} v{self.version} due {s.due_at}>"

    # ------------------------------------------------------------ JSON

    def to_data(self) -> dict[str, Any]:
        """The dossier as plain JSON-ready data: settings, version, history, state summary."""
        s = self._state
        return {
            "format": FORMAT,
            "calendar": s.calendar.name,
            "policy": s.policy.name,
            "clock": s.clock.name,
            "version": self.version,
            "state": state_to_data(s),
            "history": [event_to_data(e) for e in self._events.values()],
        }

    def to_json(self, *, indent: int | None = None) -> str:
        """The dossier as JSON text (UTF-8 safe; Vietnamese kept as is)."""
        return json.dumps(self.to_data(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_data(
        cls,
        data: Any,
        *,
        calendar: WorkingCalendar,
        policy: DeadlinePolicy | None = None,
        clock: ClockPolicy | None = None,
    ) -> Dossier:
        """The dossier :meth:`to_data` described, rebuilt by replaying its history.

        Args:
            data: The stored data.
            calendar: The calendar the dossier was created with; its name must match.
            policy: The deadline policy, when it is not a built-in one (found by name).
            clock: The clock policy, when it is not a built-in one (found by name).

        Raises:
            tthc.errors.DossierError: The data is not a dossier, names another calendar or
                an unknown policy, or its stored state disagrees with its history.
        """
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise DossierError(f"not a serialised dossier: expected format {FORMAT!r}")
        if data.get("calendar") != calendar.name:
            raise DossierError(
                f"the dossier was created with calendar {data.get('calendar')!r}, "
                f"but calendar {calendar.name!r} was given"
            )
        policy = _named(policy, data.get("policy"), POLICIES, "deadline policy", "policy")
        clock = _named(clock, data.get("clock"), CLOCK_POLICIES, "clock policy", "clock")
        history = data.get("history")
        if not isinstance(history, list):
            raise DossierError("a serialised dossier needs a 'history' list")
        dossier = cls(calendar=calendar, policy=policy, clock=clock)
        applied = 0
        try:
            for item in history:
                dossier.apply(event_from_data(item))
                applied += 1
        except DossierError as error:
            raise DossierError(f"history[{applied}]: {error}") from error
        if data.get("version") != dossier.version or data.get("state") != state_to_data(
            dossier._state
        ):
            raise DossierError(
                "the stored state or version disagrees with the replayed history "
                f"(stored version {data.get('version')!r}, history gives {dossier.version})"
            )
        return dossier

    @classmethod
    def from_json(
        cls,
        text: str | bytes,
        *,
        calendar: WorkingCalendar,
        policy: DeadlinePolicy | None = None,
        clock: ClockPolicy | None = None,
    ) -> Dossier:
        """The dossier :meth:`to_json` wrote (see :meth:`from_data`).

        Raises:
            tthc.errors.DossierError: Not valid JSON, or not a valid dossier.
        """
        try:
            data = json.loads(text)
        except ValueError as error:
            raise DossierError(f"not valid JSON: {error}") from None
        except RecursionError:
            raise DossierError("not a dossier: the JSON is nested too deeply to read") from None
        try:
            return cls.from_data(data, calendar=calendar, policy=policy, clock=clock)
        except RecursionError:
            raise DossierError("not a dossier: the data is nested too deeply") from None


#: The choices of the dossier created last, and its blank state (see ``Dossier.__init__``).
_last_blank: list[tuple[object, object, object, DossierState]] = [
    (None, None, None, DossierState.blank(calendar=None, policy=CIVIL_CODE, clock=EXTEND))  # type: ignore[arg-type]
]


def _check_version(version: object) -> None:
    if isinstance(version, bool) or not isinstance(version, int):
        raise TypeError(
            f"expected_version is the dossier's version, a whole number (int), got {version!r}"
        )


def _named(given: Any, name: Any, known: Any, what: str, keyword: str) -> Any:
    if given is not None:
        if given.name != name:
            raise DossierError(f"the dossier was created with {what} {name!r}, not {given.name!r}")
        return given
    found = known.get(name) if isinstance(name, str) else None
    if found is None:
        raise DossierError(f"unknown {what} {name!r}; pass it as {keyword}=")
    return found
