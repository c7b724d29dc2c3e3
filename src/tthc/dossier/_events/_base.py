"""What every event has (an id, a time, an actor), and the checks events make when built."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import ClassVar

__all__ = ["CHANNELS", "Event", "amount", "channel", "instant", "no_surrogate", "text"]

#: Submission and return channels, with the portal's ``KenhThucHien`` codes: 1 at the
#: counter (trực tiếp), 2 online (trực tuyến), 3 by public postal service (bưu chính công ích).
CHANNELS: dict[str, int] = {"counter": 1, "online": 2, "postal": 3}


def text(event: object, name: str, *, required: bool) -> None:
    """Check that field ``name`` is text, and not blank when ``required``."""
    value = getattr(event, name)
    if not isinstance(value, str):
        raise TypeError(f"{type(event).__name__}.{name} must be text, got {type(value).__name__}")
    if required and not value.strip():
        raise ValueError(f"{type(event).__name__}.{name} must not be empty")
    if not value.isascii():
        no_surrogate(event, name, value)


_SURROGATE = re.compile("[\ud800-\udfff]")


def no_surrogate(event: object, name: str, value: str) -> None:
    """Refuse text holding a lone surrogate (U+D800 to U+DFFF), which UTF-8 cannot write."""
    found = _SURROGATE.search(value)
    if found is not None:
        raise ValueError(
            f"{type(event).__name__}.{name} holds U+{ord(found.group()):04X} at index "
            f"{found.start()}, a lone surrogate: not text, and it cannot be written as UTF-8"
        )


def instant(event: object, name: str) -> None:
    """Check that field ``name`` is a datetime."""
    value = getattr(event, name)
    if not isinstance(value, dt.datetime):
        raise TypeError(
            f"{type(event).__name__}.{name} must be a datetime (the hour matters), "
            f"got {type(value).__name__} {value!r}"
        )


def amount(event: object, name: str, *, minimum: int) -> None:
    """Check that field ``name`` is whole đồng, at least ``minimum``."""
    value = getattr(event, name)
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{type(event).__name__}.{name} is whole đồng, got {value!r}")
    if value < minimum:
        raise ValueError(f"{type(event).__name__}.{name} must be at least {minimum}, got {value}")


def channel(event: object, name: str) -> None:
    """Check that field ``name`` is a channel, and store it as its plain name."""
    value = getattr(event, name)
    plain = getattr(value, "value", value)  # a catalogue Channel is read as its value
    if plain not in CHANNELS:
        raise ValueError(
            f"{type(event).__name__}.{name} must be one of {', '.join(CHANNELS)}, got {value!r}"
        )
    object.__setattr__(event, name, str(plain))


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    """What every event has: an id, a time and an actor.

    Attributes:
        id: Unique within the dossier; applying an id again changes nothing.
        at: When it happened.
        actor: Who did it (an officer's account, ``"applicant"``, a system name).
    """

    kind: ClassVar[str] = "event"

    id: str
    at: dt.datetime
    actor: str

    def __post_init__(self) -> None:
        text(self, "id", required=True)
        instant(self, "at")
        text(self, "actor", required=False)
