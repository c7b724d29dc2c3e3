"""The plain dossier record a report reads: one row of a one-stop system's export.

A :class:`DossierRecord` holds what the statistics need and nothing else: where the
dossier belongs (procedure, field, agency, level, channel), when it was received and due,
when it ended and how (the national portal's status codes, docs/sources.md), and the
intervals during which the clock waited for the applicant.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from tthc._localtime import to_local
from tthc.errors import DateOutOfRange

__all__ = [
    "CHANNELS",
    "DossierRecord",
    "SupportsToRecord",
    "Wait",
    "as_record",
]

#: A wait for the applicant: ``(started, ended)``; ``ended`` is None while it lasts.
Wait = tuple[dt.datetime, "dt.datetime | None"]

#: The channels a dossier arrives by, with the portal's ``KenhThucHien`` code
#: (1 counter, 2 online, 3 public postal service; docs/sources.md).
CHANNELS: dict[str, int] = {"counter": 1, "online": 2, "postal": 3}

#: Portal status codes (TrangThaiHoSo) a record may carry (docs/sources.md).
_STATUSES = range(1, 11)
#: Statuses that end a dossier without a result, and the field that dates them.
_CLOSING = {3: "refused", 7: "withdrawn", 8: "stopped"}

_set = object.__setattr__
_DATETIME = dt.datetime


def _status(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"status must be an int 1..10, got {value!r}")
    if value not in _STATUSES:
        raise ValueError(f"status must be a portal status code 1..10, got {value}")
    return int(value)  # an IntEnum member becomes a plain int


def _local(name: str, value: object, *, optional: bool) -> dt.datetime | None:
    """``value`` as naive Vietnam local time; None allowed when ``optional``."""
    if value is None:
        if optional:
            return None
        raise ValueError(f"{name} is required")
    if not isinstance(value, dt.datetime):
        raise TypeError(f"{name} must be a datetime, got {type(value).__name__} {value!r}")
    try:
        return to_local(value)
    except DateOutOfRange as exc:  # say which field, as every other bad value does
        exc.args = (f"{name}: {exc}",)
        raise


def _waits(name: str, value: Iterable[Sequence[Any]], received: dt.datetime) -> tuple[Wait, ...]:
    waits: list[Wait] = []
    for i, pair in enumerate(value):
        if isinstance(pair, (str, bytes)) or len(pair) != 2:
            raise ValueError(f"{name}[{i}] must be a pair (started, ended), got {pair!r}")
        start = _local(f"{name}[{i}] start", pair[0], optional=False)
        end = _local(f"{name}[{i}] end", pair[1], optional=True)
        assert start is not None  # for mypy: optional=False never gives None
        if start < received:
            raise ValueError(f"{name}[{i}] starts at {start} before the dossier was received")
        if end is not None and end < start:
            raise ValueError(f"{name}[{i}] ends at {end} before it starts at {start}")
        previous_end = waits[-1][1] if waits else start
        if previous_end is None or start < previous_end:
            raise ValueError(
                f"{name}[{i}] starts at {start}, before the previous wait ended; waits must be "
                "in time order, without overlap, and only the last one may be open"
            )
        waits.append((start, end))
    return tuple(waits)


@dataclass(frozen=True, slots=True, init=False)
class DossierRecord:
    """One dossier as a report reads it (every field keyword-only).

    Times are :class:`~datetime.datetime`: naive ones are Vietnam local time, aware ones are
    converted to it and stored naive. Statuses are the national portal's codes (docs/sources.md
    section 5): 1 submitted online and not yet accepted, 2 received, 3 reception refused
    (never received), 4 processing, 5 waiting for a supplement, 6 waiting for a payment,
    7 withdrawn, 8 stopped (including a refusal after appraisal), 9 result ready, 10 result
    returned.

    Attributes:
        code: The dossier code (``V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX``, TT 01/2018/TT-VPCP
            Art. 19); any text is accepted.
        received_at: When the one-stop desk received the dossier (for statuses 1 and 3,
            when it was submitted).
        status: The dossier's last known status, 1 to 10.
        procedure: The procedure code (``1.001193``).
        field: The field (lĩnh vực).
        agency: The agency that resolves it.
        level: The level of government (``commune``, ``province``...).
        channel: ``"counter"``, ``"online"`` or ``"postal"`` (portal codes 1, 2, 3 also read).
        due_at: The appointment (ngày hẹn trả), rescheduled if it was; None when the
            procedure has no time limit. An instant: midnight is the start of that day
            (:func:`tthc.reports.read_records` reads a due date written without a time as
            the end of its day, 23:59:59.999999).
        legal_due_at: The time allowed by law, when it differs from the appointment (the
            ``tt-01-2018`` policy judges against it; defaults to ``due_at``).
        result_ready_at: When the result was ready (status 9); required for status 9.
        returned_at: When the result was returned (status 10); required for status 10.
        ended_at: When reception was refused, or the dossier withdrawn or stopped;
            required for statuses 3, 7 and 8.
        supplement_waits: Waits for a supplement (status 5), ``(requested, received)``,
            in time order; the last one may be open (``received`` None), and must be for
            status 5.
        payment_waits: Waits for fees or taxes (status 6), likewise; the last must be open
            for status 6.
        supplement_requests: How many times a supplement was requested (QĐ 766 counts more
            than one as late); defaults to the number of supplement waits.
        due_includes_waits: Whether ``due_at`` and ``legal_due_at`` already moved for the
            waits (a system that extends or restarts the appointment when a wait ends, as
            tthc's dossiers do); the ``qd-766`` policy then does not subtract the waits a
            second time. False by default: the appointment as first set.
        paid_online: Whether the dossier's fee or charge was paid online (QĐ 766 indicator
            3.5, online payment); None when the dossier has no fee, or it is not known.
        digitised: Whether the dossier's documents and result were digitised (QĐ 766 group
            4); None when it is not known.

    Raises:
        TypeError: A time is not a datetime; a flag is not a bool.
        ValueError: A status outside 1..10, a missing time the status requires, times out
            of order, an unknown channel.

    >>> import datetime as dt
    >>> r = DossierRecord(
    ...     code="000.00.31.H26-260105-0001",
    ...     received_at=dt.datetime(2026, 1, 5, 9, 30),
    ...     due_at=dt.datetime(2026, 1, 8, 17, 0),
    ...     result_ready_at=dt.datetime(2026, 1, 7, 15, 0),
    ...     status=9,
    ...     field="Hộ tịch",
    ... )
    >>> r.resolved_at, r.channel
    (datetime.datetime(2026, 1, 7, 15, 0), 'counter')
    """

    code: str
    received_at: dt.datetime
    status: int
    procedure: str
    field: str
    agency: str
    level: str
    channel: str
    due_at: dt.datetime | None
    legal_due_at: dt.datetime | None
    result_ready_at: dt.datetime | None
    returned_at: dt.datetime | None
    ended_at: dt.datetime | None
    supplement_waits: tuple[Wait, ...]
    payment_waits: tuple[Wait, ...]
    supplement_requests: int
    due_includes_waits: bool
    paid_online: bool | None
    digitised: bool | None

    def __init__(  # noqa: PLR0912, PLR0915  (one inline check per field: the hot path)
        self,
        *,
        code: str,
        received_at: dt.datetime,
        status: int,
        procedure: str = "",
        field: str = "",
        agency: str = "",
        level: str = "",
        channel: str | int = "counter",
        due_at: dt.datetime | None = None,
        legal_due_at: dt.datetime | None = None,
        result_ready_at: dt.datetime | None = None,
        returned_at: dt.datetime | None = None,
        ended_at: dt.datetime | None = None,
        supplement_waits: Iterable[Sequence[Any]] = (),
        payment_waits: Iterable[Sequence[Any]] = (),
        supplement_requests: int | None = None,
        due_includes_waits: bool = False,
        paid_online: bool | None = None,
        digitised: bool | None = None,
    ) -> None:
        # The common case (naive datetimes, plain text and ints) is checked inline: a
        # report may build a million records; anything else goes through the helpers.
        if type(received_at) is not _DATETIME or received_at.tzinfo is not None:
            received_at = _local("received_at", received_at, optional=False)  # type: ignore[assignment]
        if due_at is not None and (type(due_at) is not _DATETIME or due_at.tzinfo is not None):
            due_at = _local("due_at", due_at, optional=True)
        if legal_due_at is not None and (
            type(legal_due_at) is not _DATETIME or legal_due_at.tzinfo is not None
        ):
            legal_due_at = _local("legal_due_at", legal_due_at, optional=True)
        if result_ready_at is not None and (
            type(result_ready_at) is not _DATETIME or result_ready_at.tzinfo is not None
        ):
            result_ready_at = _local("result_ready_at", result_ready_at, optional=True)
        if returned_at is not None and (
            type(returned_at) is not _DATETIME or returned_at.tzinfo is not None
        ):
            returned_at = _local("returned_at", returned_at, optional=True)
        if ended_at is not None and (
            type(ended_at) is not _DATETIME or ended_at.tzinfo is not None
        ):
            ended_at = _local("ended_at", ended_at, optional=True)
        if type(status) is not int or not 0 < status < 11:
            status = _status(status)
        if type(code) is not str:
            code = _text("code", code)
        if type(procedure) is not str:
            procedure = _text("procedure", procedure)
        if type(field) is not str:
            field = _text("field", field)
        if type(agency) is not str:
            agency = _text("agency", agency)
        if type(level) is not str:
            level = _text("level", level)
        if type(channel) is not str or channel not in CHANNELS:
            channel = _channel(channel)
        if (
            (result_ready_at is not None and result_ready_at < received_at)
            or (returned_at is not None and returned_at < received_at)
            or (ended_at is not None and ended_at < received_at)
            or (
                result_ready_at is not None
                and returned_at is not None
                and returned_at < result_ready_at
            )
        ):
            raise _order_error(received_at, result_ready_at, returned_at, ended_at)
        if status > 8:
            if (result_ready_at if status == 9 else returned_at) is None:
                raise _status_error(status)
        elif ended_at is None and status in _CLOSING:
            raise _status_error(status)
        if supplement_waits:
            supplement_waits = _waits("supplement_waits", supplement_waits, received_at)
        if payment_waits:
            payment_waits = _waits("payment_waits", payment_waits, received_at)
        if status in (5, 6):
            _check_open_waits(status, supplement_waits, payment_waits)  # type: ignore[arg-type]
        if supplement_requests is None:
            supplement_requests = len(supplement_waits) if supplement_waits else 0  # type: ignore[arg-type]
        elif type(supplement_requests) is not int or supplement_requests < 0:
            raise ValueError(
                f"supplement_requests must be an int >= 0, got {supplement_requests!r}"
            )
        set_ = _set
        set_(self, "code", code)
        set_(self, "received_at", received_at)
        set_(self, "status", status)
        set_(self, "procedure", procedure)
        set_(self, "field", field)
        set_(self, "agency", agency)
        set_(self, "level", level)
        set_(self, "channel", channel)
        set_(self, "due_at", due_at)
        set_(self, "legal_due_at", legal_due_at)
        set_(self, "result_ready_at", result_ready_at)
        set_(self, "returned_at", returned_at)
        set_(self, "ended_at", ended_at)
        set_(self, "supplement_waits", supplement_waits if supplement_waits else ())
        set_(self, "payment_waits", payment_waits if payment_waits else ())
        set_(self, "supplement_requests", supplement_requests)
        if due_includes_waits is not False and due_includes_waits is not True:
            raise TypeError(f"due_includes_waits must be a bool, got {due_includes_waits!r}")
        set_(self, "due_includes_waits", due_includes_waits)
        if paid_online is not None and paid_online is not False and paid_online is not True:
            raise TypeError(f"paid_online must be a bool or None, got {paid_online!r}")
        set_(self, "paid_online", paid_online)
        if digitised is not None and digitised is not False and digitised is not True:
            raise TypeError(f"digitised must be a bool or None, got {digitised!r}")
        set_(self, "digitised", digitised)

    @property
    def resolved_at(self) -> dt.datetime | None:
        """The first terminal event with a result: result ready, else returned; or None."""
        return self.result_ready_at if self.result_ready_at is not None else self.returned_at

    @classmethod
    def from_mapping(cls, row: Mapping[str, Any]) -> DossierRecord:
        """Build a record from a mapping with the field names as keys (a database row).

        Missing optional keys take their defaults; None is the same as missing. Values must
        already be Python values (datetimes, ints); :func:`tthc.reports.read_records` parses
        text files.

        Raises:
            ValueError: A key that is not a field (a misspelt ``due_at`` would otherwise
                silently count every dossier as on time), a missing ``code``,
                ``received_at`` or ``status``, or an invalid value.
        """
        unknown = set(row) - _FIELDS
        if unknown:
            raise ValueError(
                f"unknown field(s) {', '.join(sorted(map(str, unknown)))}; "
                f"expected some of {', '.join(sorted(_FIELDS))}"
            )
        missing = [name for name in _REQUIRED if row.get(name) is None]
        if missing:  # said as the file readers say it, not as __init__'s TypeError
            raise ValueError(f"missing {', '.join(missing)}")
        return cls(**{k: v for k, v in row.items() if v is not None})


_FIELDS = frozenset(DossierRecord.__dataclass_fields__)
_REQUIRED = ("code", "received_at", "status")


def _text(name: str, value: object) -> str:
    """Text that is not a plain ``str``: a str enum's value, or a str subclass as ``str``."""
    if isinstance(value, enum.Enum) and isinstance(value.value, str):
        return value.value
    if isinstance(value, str):
        return str(value)
    raise TypeError(f"{name} must be text, got {type(value).__name__} {value!r}")


def _channel(value: object) -> str:
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, int) and not isinstance(value, bool):
        for name, number in CHANNELS.items():
            if number == value:
                return name
    if isinstance(value, str) and value in CHANNELS:
        return str(value)
    raise ValueError(
        f"channel must be one of {', '.join(CHANNELS)} (or portal code 1, 2, 3), got {value!r}"
    )


def _order_error(
    received: dt.datetime,
    ready: dt.datetime | None,
    returned: dt.datetime | None,
    ended: dt.datetime | None,
) -> ValueError:
    """The error for times out of order (the caller found some)."""
    for name, at in (("result_ready_at", ready), ("returned_at", returned), ("ended_at", ended)):
        if at is not None and at < received:
            return ValueError(f"{name} {at} is before received_at {received}")
    return ValueError(f"returned_at {returned} is before result_ready_at {ready}")


def _status_error(status: int) -> ValueError:
    """The error for a status without the time it requires (the caller found it missing)."""
    if status == 9:
        return ValueError("status 9 (result ready) needs result_ready_at")
    if status == 10:
        return ValueError("status 10 (result returned) needs returned_at")
    return ValueError(f"status {status} ({_CLOSING[status]}) needs ended_at")


def _check_open_waits(
    status: int, supplements: tuple[Wait, ...], payments: tuple[Wait, ...]
) -> None:
    for wanted, name, waits in (
        (5, "supplement_waits", supplements),
        (6, "payment_waits", payments),
    ):
        if status == wanted and not (waits and waits[-1][1] is None):
            raise ValueError(
                f"status {wanted} means the dossier is waiting now: the last of {name} must be "
                "open (ended None)"
            )


@runtime_checkable
class SupportsToRecord(Protocol):
    """Anything a report can read: it turns itself into a :class:`DossierRecord`."""

    def to_record(self) -> DossierRecord:
        """The dossier as a plain record."""


def as_record(item: object) -> DossierRecord:
    """Turn one input of :func:`tthc.report` into a :class:`DossierRecord`.

    Accepts a record, a :class:`tthc.dossier.Dossier`
    (:func:`~tthc.reports.record_from_dossier`, without field, agency or level), anything
    with a ``to_record()`` method, or a mapping (:meth:`DossierRecord.from_mapping`).

    Raises:
        TypeError: Anything else.
    """
    if isinstance(item, DossierRecord):
        return item
    to_record = getattr(item, "to_record", None)
    if callable(to_record):
        record = to_record()
        if not isinstance(record, DossierRecord):
            raise TypeError(
                f"{type(item).__name__}.to_record() returned {type(record).__name__}, "
                "expected a DossierRecord"
            )
        return record
    if isinstance(item, Mapping):
        return DossierRecord.from_mapping(item)
    from tthc.dossier import Dossier  # noqa: PLC0415  (only when a dossier comes along)

    if isinstance(item, Dossier):
        from tthc.reports._dossiers import record_from_dossier  # noqa: PLC0415

        return record_from_dossier(item)
    raise TypeError(
        "expected a DossierRecord, a Dossier, an object with to_record(), or a mapping of "
        "its fields; "
        f"got {type(item).__name__}"
    )
