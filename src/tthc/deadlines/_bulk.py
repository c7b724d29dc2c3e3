"""Due dates for many receipts at once: :func:`compute_deadlines`.

numpy ``datetime64`` arrays and Arrow timestamp arrays are counted with array operations
(``_vectorised.py``) wherever a kind of time limit has a counter there; every other element
goes through :func:`~tthc.compute_deadline` itself, so the answers are always the scalar
ones. Python sequences are counted element by element. numpy is only imported when the
input already is a numpy or Arrow array, and pyarrow never: an Arrow array is recognised
only when pyarrow is already loaded.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator, Mapping, Sequence, Set
from itertools import repeat
from typing import Any

from tthc.calendar import WorkingCalendar
from tthc.deadlines._compute import HasTimeLimit, compute_deadline
from tthc.deadlines._policies import CIVIL_CODE, POLICIES, DeadlinePolicy
from tthc.duration import Duration
from tthc.errors import DateOutOfRange, DeadlineError

__all__ = ["compute_deadlines"]

_EPOCH = dt.datetime(1970, 1, 1)
_MICROSECOND = dt.timedelta(microseconds=1)
_VIETNAM_OFFSET = 7 * 3600 * 1_000_000  # UTC+07:00 in microseconds, no daylight saving
#: The instants a datetime can hold, in microseconds since 1970.
_FIRST = (dt.datetime.min - _EPOCH) // _MICROSECOND
_LAST = (dt.datetime.max - _EPOCH) // _MICROSECOND
_FINER_THAN_MICROSECONDS = frozenset(("ns", "ps", "fs", "as"))
#: How to turn an array of another kind into receipts, by numpy dtype kind. numpy drops
#: the zone of an aware datetime, and Unix times count in UTC: neither is local time.
_UNIX = (
    "; numbers are not instants: Unix times (UTC) go as pyarrow.array(values, "
    "type=pyarrow.timestamp('s', tz='UTC')), in the unit they count"
)
_CONVERSIONS = {
    "O": "; naive Vietnam local datetimes convert with .astype('datetime64[us]'); aware "
    "ones lose their zone in numpy: pass them as a list (.tolist())",
    "i": _UNIX,
    "u": _UNIX,
    "U": "; text in Vietnam local time converts with .astype('datetime64[us]')",
}


def compute_deadlines(
    limits: Duration | HasTimeLimit | Sequence[Duration | HasTimeLimit] | Any,
    received_at: Any,
    *,
    calendar: WorkingCalendar,
    case: str | None = None,
    channel: object = None,
    policy: DeadlinePolicy | None = None,
) -> Any:
    """:func:`~tthc.compute_deadline`'s due instant for many receipts at once.

    The arguments mean what they mean for :func:`~tthc.compute_deadline`, and every answer
    is the one it gives, element by element:
    ``compute_deadlines(limit, receipts, ...)[i]`` is
    ``compute_deadline(limit, receipts[i], ...).due_at``.

    ``received_at`` is one of:

    * a numpy ``datetime64`` array (the ``fast`` extra), of any unit, read as naive Vietnam
      local time. Instants are counted to the microsecond: a receipt with a fraction of a
      microsecond (``datetime64[ns]``) is refused, not rounded.
    * an Arrow timestamp array or chunked array (the ``arrow`` extra), of any unit: a
      timestamp with a time zone is converted to Vietnam time (UTC+07:00), one without is
      read as Vietnam local time.
    * any other sequence of ``datetime`` values, each read as
      :func:`~tthc.compute_deadline` reads it (naive: local time; aware: converted).

    For numpy and Arrow input the result is a ``datetime64[us]`` array of naive Vietnam
    local instants (``NaT`` for a limit without a due date, :meth:`Duration.none`), computed
    with array operations for working days (civil-code, next-opening and end-of-day
    counting), working hours and working time (rounding included), calendar days, same-day
    and immediate limits; half days, half-day sessions, months and phases are computed by
    :func:`~tthc.compute_deadline` element by element. For a sequence the result is a list
    of ``due_at`` values (``datetime`` in each receipt's awareness, or ``None``), computed
    element by element.

    Args:
        limits: A :class:`~tthc.Duration` or a catalogue procedure, as for
            :func:`~tthc.compute_deadline`; or a sequence (or numpy object array) of them,
            one per receipt.
        received_at: The receipts.
        calendar: The working calendar of the receiving agency.
        case: The procedures' case, when they have several.
        channel: The submission channel.
        policy: How to count; :data:`tthc.deadlines.CIVIL_CODE` by default.

    Returns:
        The due instants, in the receipts' order.

    Raises:
        TypeError: ``received_at`` or ``limits`` is not one of the forms above (a set or
            a mapping of limits has no order to pair with the receipts), or ``calendar``
            or ``policy`` is not a calendar or a policy (a policy's name, say).
        ValueError: ``limits`` does not give one limit per receipt, or a numpy array is
            not one-dimensional.
        DeadlineError: A receipt is ``NaT`` (or an Arrow null, or a masked element of a
            numpy masked array), or has a fraction of a microsecond.
        Exception: Whatever :func:`~tthc.compute_deadline` raises for an element (a date
            outside the calendar's range: :class:`~tthc.errors.DateOutOfRange`), for the
            first element refused, with the message prefixed by ``received_at[i]: `` and
            the position in the error's ``index`` attribute. Nothing is filled in silently.

    >>> import datetime as dt
    >>> import numpy as np
    >>> from tthc import Duration, WorkingCalendar, compute_deadlines
    >>> vn = WorkingCalendar.vietnam()
    >>> receipts = np.array(["2026-02-12T10:00", "2026-03-02T17:30"], dtype="datetime64[m]")
    >>> compute_deadlines(Duration.working_days(3), receipts, calendar=vn)
    array(['2026-02-24T17:00:00.000000', '2026-03-05T17:00:00.000000'],
          dtype='datetime64[us]')
    """
    if policy is None:
        policy = CIVIL_CODE
    _check_options(calendar, policy)
    values = _as_numpy(received_at)
    if values is None:
        return _each(
            limits, received_at, calendar=calendar, case=case, channel=channel, policy=policy
        )
    from tthc.deadlines._bulk_numpy import due_many  # noqa: PLC0415  (numpy loads on use)

    return due_many(limits, values, calendar=calendar, case=case, channel=channel, policy=policy)


def _check_options(calendar: object, policy: object) -> None:
    """Refuse, once and before any receipt, options that serve every receipt alike."""
    if not isinstance(calendar, WorkingCalendar):
        raise TypeError(
            "expected calendar as a WorkingCalendar (WorkingCalendar.vietnam(), "
            f"load_calendar(path)), got {type(calendar).__name__} {calendar!r}"
        )
    if not isinstance(policy, DeadlinePolicy):
        named = isinstance(policy, str) and policy in POLICIES
        hint = f"; tthc.deadlines.POLICIES[{policy!r}] is one" if named else ""
        raise TypeError(
            "expected policy as a DeadlinePolicy (tthc.deadlines.CIVIL_CODE, ...), "
            f"got {type(policy).__name__} {policy!r}{hint}"
        )


def _as_numpy(received_at: object) -> tuple[Any, bool, str] | None:
    """``(datetime64 array, aware, what a missing value is called)``, or None for a sequence."""
    np = sys.modules.get("numpy")
    if np is not None and isinstance(received_at, np.ndarray):
        if received_at.dtype.kind != "M":
            raise TypeError(
                f"expected a datetime64 array of receipts, got a {received_at.dtype} array"
                + _CONVERSIONS.get(received_at.dtype.kind, "")
            )
        if received_at.ndim != 1:
            raise ValueError(
                f"expected a one-dimensional array of receipts, got shape {received_at.shape}"
            )
        if isinstance(received_at, np.ma.MaskedArray):  # a masked receipt is a missing one
            return received_at.filled(np.datetime64("NaT")), False, "NaT or masked"
        return received_at, False, "NaT"
    pa = sys.modules.get("pyarrow")
    if pa is not None and isinstance(received_at, pa.Array | pa.ChunkedArray):
        if not pa.types.is_timestamp(received_at.type):
            raise TypeError(
                f"expected an Arrow timestamp array of receipts, got {received_at.type}"
            )
        values = received_at.to_numpy(zero_copy_only=False)
        missing = "null"  # Arrow's word, not an issue code
        return values, received_at.type.tz is not None, missing
    if isinstance(received_at, str | bytes) or not hasattr(received_at, "__iter__"):
        raise TypeError(
            "expected receipts as a datetime64 array, an Arrow timestamp array or a sequence "
            f"of datetimes, got {type(received_at).__name__}"
        )
    return None


def per_receipt(limits: object, size: int) -> Iterator[Any] | None:
    """Each receipt's limit, or None when ``limits`` is one limit for all of them."""
    if isinstance(limits, Duration) or hasattr(limits, "time_limit"):
        return None
    if isinstance(limits, str | bytes | Set | Mapping) or not hasattr(limits, "__len__"):
        raise TypeError(
            "expected limits as a Duration, a procedure, or a sequence of them (one per "
            f"receipt), got {type(limits).__name__}"
        )
    sized: Any = limits  # has __len__ (checked above); iterable, or iter() says so
    count = len(sized)
    if count != size:
        raise ValueError(
            f"limits has {count:,} values for {size:,} receipts; give one per receipt "
            "or a single limit"
        )
    found: Iterator[Any] = iter(sized)
    return found


def located(error: Exception, index: int) -> Exception:
    """``error`` as raised for ``received_at[index]``: the message says where, and ``.index``."""
    error.args = (f"received_at[{index}]: {error}", *error.args[1:])
    error.index = index  # type: ignore[attr-defined]  # any exception takes attributes
    return error


def _each(
    limits: Any,
    received_at: Any,
    *,
    calendar: WorkingCalendar,
    case: str | None,
    channel: object,
    policy: DeadlinePolicy,
) -> list[dt.datetime | None]:
    receipts = received_at if isinstance(received_at, list | tuple) else list(received_at)
    each = per_receipt(limits, len(receipts))
    due: list[dt.datetime | None] = []
    add = due.append
    try:
        for limit, at in zip(each or repeat(limits), receipts, strict=False):
            add(
                compute_deadline(
                    limit, at, calendar=calendar, case=case, channel=channel, policy=policy
                ).due_at
            )
    except Exception as error:
        raise located(error, len(due)) from None  # one due date per element before it
    return due


def receipt_error(value: Any, missing: str, *, fraction: bool) -> Exception:
    """The error for a receipt the numpy path cannot hand to :func:`compute_deadline`."""
    if fraction:
        return DeadlineError(
            f"{value} has a fraction of a microsecond; due dates are counted to the "
            "microsecond: convert the receipts with .astype('datetime64[us]') first"
        )
    if str(value) in ("NaT", "None"):
        return DeadlineError(f"{missing}: every receipt needs an instant")
    error = DateOutOfRange(dt.date.max, dt.date.min, dt.date.max)
    error.args = (
        f"{value} falls outside the datetimes that exist "
        f"({dt.date.min.isoformat()}..{dt.date.max.isoformat()})",
    )
    return error


def to_datetime(micros: int) -> dt.datetime:
    """The naive datetime ``micros`` microseconds after 1970-01-01T00:00."""
    return _EPOCH + _MICROSECOND * micros


def to_micros(at: dt.datetime) -> int:
    """Microseconds from 1970-01-01T00:00 to the naive ``at``."""
    return (at - _EPOCH) // _MICROSECOND
