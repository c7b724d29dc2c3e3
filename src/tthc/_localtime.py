"""Vietnam local time, shared by every layer.

Naive datetimes are Vietnam local time (UTC+07:00, no daylight saving); aware ones are
converted on the way in, and results are given back in the caller's zone.
"""

from __future__ import annotations

import datetime as dt

__all__ = ["VIETNAM_TZ", "from_local", "to_local"]

#: Indochina Time, UTC+07:00, with no daylight saving.
VIETNAM_TZ = dt.timezone(dt.timedelta(hours=7))

_datetime = dt.datetime


def to_local(at: object) -> dt.datetime:
    """Return ``at`` as a naive Vietnam local datetime.

    Raises:
        TypeError: ``at`` is not a datetime (a plain date has no time of day).
    """
    if not isinstance(at, _datetime):
        raise TypeError(f"expected a datetime.datetime, got {type(at).__name__} {at!r}")
    if at.tzinfo is None:
        return at
    return at.astimezone(VIETNAM_TZ).replace(tzinfo=None)


def from_local(local: dt.datetime, like: dt.datetime) -> dt.datetime:
    """Return the naive local ``local`` in the awareness and zone of ``like``."""
    if like.tzinfo is None:
        return local
    return local.replace(tzinfo=VIETNAM_TZ).astimezone(like.tzinfo)
