"""Shared helpers for the dossier tests: a dossier under test and its events with fresh ids."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tthc import Duration
from tthc.calendar import WorkingCalendar
from tthc.deadlines import CIVIL_CODE, DeadlinePolicy
from tthc.dossier import EXTEND, ClockPolicy, Dossier, Event, Reception
from tthc.errors import TransitionNotAllowed

VN = WorkingCalendar.vietnam()


class Life:
    """A dossier under test: builds events with fresh ids and applies them."""

    def __init__(self, *, policy: DeadlinePolicy = CIVIL_CODE, clock: ClockPolicy = EXTEND):
        self.dossier = Dossier(calendar=VN, policy=policy, clock=clock)
        self._count = 0

    def event(self, cls: type[Event], at: dt.datetime, **fields: Any) -> Any:
        self._count += 1
        return cls(id=f"e{self._count}", at=at, actor="officer", **fields)

    def apply(self, cls: type[Event], at: dt.datetime, **fields: Any) -> Dossier:
        self.dossier.apply(self.event(cls, at, **fields))
        return self.dossier

    def receive(self, at: dt.datetime, limit: str = "3 working days", **fields: Any) -> Dossier:
        fields.setdefault("procedure", "1.004873")
        return self.apply(Reception, at, time_limit=Duration.parse(limit), **fields)

    def refused(self, cls: type[Event], at: dt.datetime, **fields: Any) -> TransitionNotAllowed:
        """Apply an event that must be refused; check nothing changed; return the error."""
        before_state, before_version = self.dossier.state, self.dossier.version
        event = self.event(cls, at, **fields)
        with pytest.raises(TransitionNotAllowed) as info:
            self.dossier.apply(event)
        assert self.dossier.state is before_state
        assert self.dossier.version == before_version
        assert info.value.event is event
        assert info.value.state is before_state.status
        return info.value


@pytest.fixture
def new_life() -> Callable[..., Life]:
    """Make a :class:`Life` (keyword options: ``policy``, ``clock``)."""
    return Life
