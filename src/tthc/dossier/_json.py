"""JSON for events and dossiers: plain data that round-trips with nothing lost.

An event is an object with its ``type`` (the event's ``kind``) and its fields; instants are
ISO 8601 text, durations their structured form. An event's instant keeps its zone: the
offset when the datetime was aware, and for an IANA zone (a :class:`zoneinfo.ZoneInfo`
with a key) the zone's name after it, as RFC 9557 writes it
(``2026-03-20T03:00:00+01:00[Europe/Paris]``), so the history replays in that zone,
daylight saving and all; any other zone comes back as its fixed offset.

A dossier is its settings, its version, its history and a summary of its state. The
summary is for readers (a report can read due dates without replaying) and writes aware
instants in Vietnam time (``+07:00``, whatever zone they came in, so the summary has one
offset); loading replays the history and checks the summary agrees, so a stored dossier
can never silently differ from its own history. The calendar is not stored: the loader is
given it and checks its name.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from tthc._localtime import VIETNAM_TZ
from tthc.dossier._clock import DueChange, Wait
from tthc.dossier._events import EVENT_TYPES, Event
from tthc.dossier._findings import Finding
from tthc.dossier._state import DossierState
from tthc.dossier._steps import StepPlan, StepRecord
from tthc.duration import Duration
from tthc.errors import DossierError

__all__ = ["event_from_data", "event_to_data", "state_to_data"]


def _iso(value: dt.datetime | None) -> str | None:
    """ISO 8601 text; an aware instant in Vietnam time (+07:00), whatever zone it came in.

    One offset throughout a dossier, so its instants read and sort as written; the instant
    itself is unchanged (an aware datetime equals itself in any zone).
    """
    if value is None:
        return None
    return (value if value.tzinfo is None else value.astimezone(VIETNAM_TZ)).isoformat()


def _seconds(value: dt.timedelta | None) -> int | float | None:
    if value is None:
        return None
    seconds = value.total_seconds()
    return int(seconds) if seconds.is_integer() else seconds


def _plan_to_data(plan: StepPlan) -> dict[str, Any]:
    budget = None if plan.budget is None else plan.budget.to_data()
    return {"name": plan.name, "unit": plan.unit, "budget": budget}


def _plan_from_data(data: Any) -> StepPlan:
    if not isinstance(data, dict) or set(data) != {"name", "unit", "budget"}:
        raise ValueError(f"expected a step with name, unit and budget, got {data!r}")
    budget = None if data["budget"] is None else Duration.from_data(data["budget"])
    return StepPlan(data["name"], data["unit"], budget)


def _instant(value: dt.datetime) -> str:
    """An event's instant: ISO 8601, and the IANA zone's name when it has one."""
    zone = value.tzinfo
    if isinstance(zone, ZoneInfo) and zone.key is not None:
        return f"{value.isoformat()}[{zone.key}]"
    return value.isoformat()


def _datetime_from(data: Any) -> dt.datetime:
    if not isinstance(data, str):
        raise ValueError(f"expected an ISO 8601 datetime, got {data!r}")
    if len(data) > _LONGEST_INSTANT:
        raise ValueError(f"expected an ISO 8601 datetime, got text of {len(data):,} characters")
    text, bracket, key = data.partition("[")
    value = dt.datetime.fromisoformat(text)
    if not bracket:
        return value
    if not key.endswith("]") or value.tzinfo is None:
        raise ValueError(f"expected an ISO 8601 datetime with an offset, then [zone], got {data!r}")
    try:
        zone = ZoneInfo(key[:-1])
    except (ValueError, ZoneInfoNotFoundError):
        raise ValueError(f"unknown time zone {key[:-1]!r} in {data!r}") from None
    offset = value.utcoffset()
    for fold in (0, 1):  # a repeated hour is told apart by its offset
        local = value.replace(tzinfo=zone, fold=fold)
        if local.utcoffset() == offset:
            return local
    raise ValueError(f"the offset in {data!r} is not one {zone.key} has at that time")


#: Longer text is not an instant: ``YYYY-MM-DDTHH:MM:SS.ffffff+HH:MM`` and a zone's name.
_LONGEST_INSTANT = 32 + 2 + 255


def _same(data: Any) -> Any:
    return data


def _optional_text(data: Any) -> str | None:
    if data is not None and not isinstance(data, str):
        raise ValueError(f"expected text or null, got {data!r}")
    return data


def _text_tuple(data: Any) -> tuple[str, ...]:
    if not isinstance(data, list):
        raise ValueError(f"expected a list of text, got {data!r}")
    return tuple(data)


# Each field type (as written in the event classes) with its encoder and decoder. The
# event's own checks then validate the decoded values.
_CODECS: dict[str, tuple[Callable[[Any], Any], Callable[[Any], Any]]] = {
    "str": (_same, _same),
    "int": (_same, _same),
    "str | None": (_same, _optional_text),
    "dt.datetime": (_instant, _datetime_from),
    "Duration": (lambda d: d.to_data(), Duration.from_data),
    "tuple[str, ...]": (list, _text_tuple),
    "tuple[StepPlan, ...]": (
        lambda steps: [_plan_to_data(s) for s in steps],
        lambda data: tuple(_plan_from_data(s) for s in _list(data)),
    ),
}


def _list(data: Any) -> list[Any]:
    if not isinstance(data, list):
        raise ValueError(f"expected a list, got {data!r}")
    return data


_FIELDS: dict[type[Event], tuple[tuple[str, str], ...]] = {
    cls: tuple((f.name, str(f.type)) for f in dataclasses.fields(cls))
    for cls in EVENT_TYPES.values()
}
_unknown = {t for fields in _FIELDS.values() for _, t in fields} - set(_CODECS)
if _unknown:  # pragma: no cover  (a development error, caught by the first import)
    raise RuntimeError(f"no JSON codec for event field types {sorted(_unknown)}")


def event_to_data(event: Event) -> dict[str, Any]:
    """An event as plain JSON-ready data: ``{"type": kind, "id": ..., "at": ..., ...}``.

    >>> import datetime as dt
    >>> from tthc.dossier import Stop
    >>> data = event_to_data(Stop(id="9", at=dt.datetime(2026, 3, 2, 9), actor="lan", reason="x"))
    >>> data
    {'type': 'stop', 'id': '9', 'at': '2026-03-02T09:00:00', 'actor': 'lan', 'reason': 'x'}
    >>> event_from_data(data) == Stop(
    ...     id="9", at=dt.datetime(2026, 3, 2, 9), actor="lan", reason="x"
    ... )
    True
    """
    data: dict[str, Any] = {"type": event.kind}
    for name, kind in _FIELDS[type(event)]:
        data[name] = _CODECS[kind][0](getattr(event, name))
    return data


def event_from_data(data: Any) -> Event:
    """The event an :func:`event_to_data` result describes.

    Raises:
        DossierError: The data is not an event: unknown type, unknown or missing field,
            or a value of the wrong form; the message says which.
    """
    if not isinstance(data, dict):
        raise DossierError(f"expected an event object, got {type(data).__name__}")
    kind = data.get("type")
    cls = EVENT_TYPES.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise DossierError(f"unknown event type {kind!r}; expected one of {', '.join(EVENT_TYPES)}")
    fields = dict(_FIELDS[cls])
    unknown = sorted(set(data) - set(fields) - {"type"})
    if unknown:
        raise DossierError(f"{kind} event: unknown field(s) {', '.join(unknown)}")
    values: dict[str, Any] = {}
    for name, value in data.items():
        if name == "type":
            continue
        try:
            values[name] = _CODECS[fields[name]][1](value)
        except (TypeError, ValueError) as error:
            raise DossierError(f"{kind} event, field {name}: {error}") from None
    try:
        return cls(**values)
    except (TypeError, ValueError) as error:
        raise DossierError(f"{kind} event {data.get('id')!r}: {error}") from None


# ---------------------------------------------------------------- state summary


def _wait_to_data(wait: Wait) -> dict[str, Any]:
    return {
        "kind": wait.kind.value,
        "started": _iso(wait.started),
        "request_id": wait.request_id,
        "ended": _iso(wait.ended),
        "working_seconds": _seconds(wait.working_time),
        "resumed": None if wait.resumed is None else wait.resumed.value,
        "clock_paused": wait.clock_paused,
        "step": wait.step,
    }


def _change_to_data(change: DueChange) -> dict[str, Any]:
    return {
        "at": _iso(change.at),
        "event_id": change.event_id,
        "reason": change.reason.value,
        "old": _iso(change.old),
        "new": _iso(change.new),
        "note": change.note,
        "extension_seconds": _seconds(change.extension),
    }


def _step_to_data(step: StepRecord, waited: dt.timedelta) -> dict[str, Any]:
    return {
        "name": step.name,
        "unit": step.unit,
        "budget": None if step.budget is None else str(step.budget),
        "first_started": _iso(step.first_started),
        "finished": _iso(step.finished),
        "runs": step.runs,
        "waited_seconds": _seconds(waited),
    }


def _finding_to_data(finding: Finding) -> dict[str, Any]:
    return {
        "kind": finding.kind.value,
        "event_id": finding.event_id,
        "at": _iso(finding.at),
        "message": finding.message,
    }


def state_to_data(state: DossierState) -> dict[str, Any]:
    """A JSON-ready summary of a state: everything but the calendar and policies."""
    reception = state.reception
    return {
        "status": None if state.status is None else state.status.value,
        "portal_code": state.portal_code,
        "updated_at": _iso(state.updated_at),
        "procedure": None if reception is None else reception.procedure,
        "case": None if reception is None else reception.case,
        "channel": None if reception is None else reception.channel,
        "code": None if reception is None else reception.code,
        "received_at": _iso(state.received_at),
        "due_at": _iso(state.due_at),
        "legal_due_at": _iso(state.legal_due_at),
        "due_changes": [_change_to_data(c) for c in state.due_changes],
        "wait": None if state.wait is None else _wait_to_data(state.wait),
        "waits": [_wait_to_data(w) for w in state.waits],
        "supplement_requests": state.supplement_requests,
        "fees_outstanding": state.fees_outstanding,
        "steps": [_step_to_data(s, state.step_waited(s.name)) for s in state.steps],
        "route": list(state.route),
        "back": [s.value for s in state.back],
        "agency": state.agency,
        "finished_at": _iso(state.finished_at),
        "returned_at": _iso(state.returned_at),
        "result_channel": state.result_channel,
        "findings": [_finding_to_data(f) for f in state.findings],
    }
