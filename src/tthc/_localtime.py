"""Vietnam local time, shared by every layer.

Naive datetimes are Vietnam local time (UTC+07:00, no daylight saving); aware ones are
converted on the way in, and results are given back in the caller's zone.
"""

from __future__ import annotations

import datetime as dt

from tthc.errors import DateOutOfRange

__all__ = ["VIETNAM_TZ", "from_local", "to_local"]

#: Indochina Time, UTC+07:00, with no daylight saving.
VIETNAM_TZ = dt.timezone(dt.timedelta(hours=7))

_datetime = dt.datetime


def to_local(at: object) -> dt.datetime:
    """Return ``at`` as a naive Vietnam local datetime.

    Raises:
        TypeError: ``at`` is not a datetime (a plain date has no time of day; pandas'
            ``NaT``, a datetime subclass, is no instant).
        tthc.errors.DateOutOfRange: In Vietnam time ``at`` falls before year 1 or after
            year 9999 (``0001-01-01T00:00+14:00``), where no datetime exists.
    """
    if not isinstance(at, _datetime) or _is_nat(at):
        raise TypeError(f"expected a datetime.datetime, got {type(at).__name__} {at!r}")
    if at.tzinfo is None:
        return at
    try:
        return at.astimezone(VIETNAM_TZ).replace(tzinfo=None)
    except OverflowError:
        raise _beyond(at, "in Vietnam time") from None


def _is_nat(at: dt.datetime) -> bool:
    """Whether ``at`` is pandas' ``NaT``: a datetime subclass, no instant, unequal to itself."""
    return type(at) is not _datetime and at != at  # noqa: PLR0124  (the test for NaT)


def from_local(local: dt.datetime, like: dt.datetime) -> dt.datetime:
    """Return the naive local ``local`` in the awareness and zone of ``like``.

    Raises:
        tthc.errors.DateOutOfRange: In ``like``'s zone ``local`` falls before year 1 or
            after year 9999.
    """
    if like.tzinfo is None:
        return local
    try:
        return local.replace(tzinfo=VIETNAM_TZ).astimezone(like.tzinfo)
    except OverflowError:
        raise _beyond(local, f"in the zone of {like.isoformat()}") from None


def _beyond(at: dt.datetime, where: str) -> DateOutOfRange:
    error = DateOutOfRange(at.date(), dt.date.min, dt.date.max)
    error.args = (
        f"{at.isoformat()} {where} falls outside the datetimes that exist "
        f"({dt.date.min.isoformat()}..{dt.date.max.isoformat()})",
    )
    return error
