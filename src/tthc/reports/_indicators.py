"""Indicators: named ratios of a row's counters, and the QĐ 766 points they earn.

Every indicator is a ratio of counters, computed when asked, so it merges exactly: the
indicator of merged reports is the ratio of the added counters, the same as the whole
report's. Percentages are rounded half up to 2 decimals (:func:`percent`), averages
likewise; a ratio with nothing below it is None (N/A), never 0 or 100.

The QĐ 766 rules (QĐ 766/QĐ-TTg ngày 23/6/2022, the national index set; ``docs/sources.md``)
are known from one formula document describing how the indicators are computed ("Mô tả công
thức tính chỉ số 766"), not from the decision's own text: every rule below that says
"QĐ 766" is that document's reading of it.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tthc.reports._report import ReportRow

__all__ = [
    "INDICATORS",
    "Indicator",
    "RowIndicators",
    "Score",
    "TimeUnit",
    "indicator",
    "percent",
    "qd766_scores",
]

_HUNDREDTH = Decimal("0.01")
#: Microseconds in a working hour, and in a working day of 8 working hours (QĐ 188/1999/QĐ-TTg
#: Art. 1: the 40-hour, five-day week).
_HOUR_US = 3_600_000_000
_WORKING_DAY_US = 8 * _HOUR_US
_DAY_US = 24 * _HOUR_US


def percent(part: int, whole: int) -> Decimal | None:
    """``part / whole`` as a percentage rounded half up to 2 decimals; None when ``whole`` is 0.

    Exact: computed in integers, so 45,439 of 45,555 is 99.75 and never 99.74.

    >>> percent(45_439, 45_555), percent(1, 8), percent(0, 0)
    (Decimal('99.75'), Decimal('12.50'), None)
    """
    if whole == 0:
        return None
    hundredths = (2 * 10_000 * part + whole) // (2 * whole)  # round half up
    return Decimal(hundredths).scaleb(-2)


def _average(total: int, count: int, unit: int) -> Decimal | None:
    """``total / (count * unit)`` rounded half up to 2 decimals; None when ``count`` is 0."""
    if count == 0:
        return None
    whole = count * unit
    hundredths = (2 * 100 * total + whole) // (2 * whole)
    return Decimal(hundredths).scaleb(-2)


class TimeUnit(str, enum.Enum):
    """The unit an average processing time is given in (a procedure's time limit's unit).

    The QĐ 766 formula document gives indicator 2.2 in the procedure's unit (hour, day,
    working day, month); a record does not carry that unit (the catalogue's procedure
    does), so the caller chooses. A month is not offered: months differ in length.
    """

    WORKING_DAYS = "working-days"
    """Working time over 8 working hours a day (QĐ 188/1999/QĐ-TTg Art. 1)."""
    WORKING_HOURS = "working-hours"
    """Working time, in hours of the calendar's counting sessions."""
    DAYS = "days"
    """Clock time over 24 hours."""
    HOURS = "hours"
    """Clock time, in hours."""


_UNIT_US = {
    TimeUnit.WORKING_DAYS: _WORKING_DAY_US,
    TimeUnit.WORKING_HOURS: _HOUR_US,
    TimeUnit.DAYS: _DAY_US,
    TimeUnit.HOURS: _HOUR_US,
}


class RowIndicators:
    """The indicators of a :class:`~tthc.reports.ReportRow`, from its counters."""

    __slots__ = ()

    if TYPE_CHECKING:  # the counters, as ReportRow defines them

        @property
        def received(self) -> int: ...
        @property
        def resolved(self) -> int: ...

        received_online: int
        resolved_late: int
        in_progress_overdue: int
        resolved_online: int
        paid_online: int
        paid_offline: int
        digitised: int
        not_digitised: int
        processing_counted: int
        processing_working_us: int
        processing_elapsed_us: int

    @property
    def late_share(self) -> Decimal | None:
        """Late dossiers as a share of the received, in percent ("tỷ lệ trễ hạn").

        (resolved late in the period + open past the deadline at the cut) / received in
        the period. The late count includes carried-over dossiers resolved late or still
        overdue (late in the period whenever received); withdrawn and stopped dossiers are
        not late dossiers. The target "below 0.4% of all dossiers received" is the one
        local plans set ("kéo giảm tỷ lệ trễ hạn xuống dưới 0,4% tổng số hồ sơ được tiếp
        nhận"). None when nothing was received.
        """
        return percent(self.resolved_late + self.in_progress_overdue, self.received)

    @property
    def online_share(self) -> Decimal | None:
        """Received online as a share of the received, in percent (QĐ 766 indicator 3.3).

        received_online / received; None when nothing was received. The formula document
        multiplies by the share synchronised with the national portal; a report reads
        its dossiers, so that factor is 1 here.
        """
        return percent(self.received_online, self.received)

    @property
    def online_resolved_share(self) -> Decimal | None:
        """Resolved online as a share of the resolved, in percent ("giải quyết trực tuyến").

        resolved_online / resolved: a dossier is resolved online when it was received
        online (channel ``online``, portal code 2) and resolved in the period. None when
        nothing was resolved.
        """
        return percent(self.resolved_online, self.resolved)

    @property
    def online_payment_share(self) -> Decimal | None:
        """Fees paid online as a share of the dossiers with a fee, in percent (QĐ 766 3.5).

        paid_online / (paid_online + paid_offline), over the dossiers received in the
        period whose record says whether the fee was paid online; None when none does.
        """
        return percent(self.paid_online, self.paid_online + self.paid_offline)

    @property
    def digitised_share(self) -> Decimal | None:
        """Digitised dossiers as a share of the received, in percent (QĐ 766 group 4).

        digitised / (digitised + not_digitised), over the dossiers received in the period
        whose record says; None when none does.
        """
        return percent(self.digitised, self.digitised + self.not_digitised)

    def average_processing_time(self, unit: TimeUnit | str) -> Decimal | None:
        """The average processing time of the resolved, in ``unit`` (QĐ 766 indicator 2.2).

        The processing time of a dossier runs from its receipt to its resolution, less the
        time waiting for a supplement (the formula document takes off supplement waits,
        not payment waits); working time is the report's calendar's counting hours. Summed
        in microseconds over the resolved in the period and divided by their number,
        rounded half up to 2 decimals. None when nothing was timed: nothing resolved, or
        the report had no calendar.

        Raises:
            ValueError: An unknown unit.
        """
        try:
            the_unit = TimeUnit(unit)
        except ValueError:
            known = ", ".join(u.value for u in TimeUnit)
            raise ValueError(f"unknown time unit {unit!r}; expected one of {known}") from None
        working = the_unit in (TimeUnit.WORKING_DAYS, TimeUnit.WORKING_HOURS)
        total = self.processing_working_us if working else self.processing_elapsed_us
        return _average(total, self.processing_counted, _UNIT_US[the_unit])

    @property
    def average_processing_days(self) -> Decimal | None:
        """The average processing time in working days (QĐ 766 indicator 2.2).

        :meth:`average_processing_time` in ``working-days``: working time less supplement
        waits, over 8 working hours a day.
        """
        return self.average_processing_time(TimeUnit.WORKING_DAYS)

    @property
    def average_processing_hours(self) -> Decimal | None:
        """The average processing time in working hours (QĐ 766 indicator 2.2)."""
        return self.average_processing_time(TimeUnit.WORKING_HOURS)

    @property
    def average_elapsed_days(self) -> Decimal | None:
        """The average processing time in calendar days, supplement waits taken off."""
        return self.average_processing_time(TimeUnit.DAYS)

    def indicators(self) -> dict[str, Decimal | None]:
        """Every indicator of :data:`INDICATORS` by name, in order."""
        return {name: spec.of(self) for name, spec in INDICATORS.items()}  # type: ignore[arg-type]

    def qd766_scores(
        self, *, max_points: Mapping[str, Decimal | int] | None = None
    ) -> tuple[Score, ...]:
        """The QĐ 766 points of groups 2-4 this row earns (:func:`qd766_scores`)."""
        return qd766_scores(self, max_points=max_points)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Indicator:
    """A named indicator: how to read it off a row, and how to say it.

    Attributes:
        name: The attribute of :class:`~tthc.reports.ReportRow` that computes it.
        label: Its English name ("on-time rate").
        label_vi: Its Vietnamese name ("tỷ lệ đúng hạn").
        unit: ``"%"``, or the time unit of an average (``"working days"``).
        higher_is_better: Whether a higher value is better (a ranking's default order).
    """

    name: str
    label: str
    label_vi: str
    unit: str
    higher_is_better: bool

    def of(self, row: ReportRow) -> Decimal | None:
        """The indicator's value on ``row``."""
        value: Decimal | None = getattr(row, self.name)
        return value

    @property
    def is_percent(self) -> bool:
        """Whether the value is a percentage."""
        return self.unit == "%"


def _indicators(*specs: tuple[str, str, str, str, bool]) -> dict[str, Indicator]:
    return {spec[0]: Indicator(*spec) for spec in specs}


#: Every indicator by name, in the order outputs list them.
INDICATORS: dict[str, Indicator] = _indicators(
    ("rate", "on-time rate", "tỷ lệ đúng hạn", "%", True),
    ("progress_rate", "QĐ 766 progress rate", "tỷ lệ tiến độ QĐ 766", "%", True),
    ("late_share", "late share", "tỷ lệ trễ hạn", "%", False),
    ("online_share", "online share", "tỷ lệ tiếp nhận trực tuyến", "%", True),
    (
        "online_resolved_share",
        "online share of resolved",
        "tỷ lệ giải quyết trực tuyến",
        "%",
        True,
    ),
    ("online_payment_share", "online payment share", "tỷ lệ thanh toán trực tuyến", "%", True),
    ("digitised_share", "digitised share", "tỷ lệ số hóa hồ sơ", "%", True),
    (
        "average_processing_days",
        "average processing time",
        "thời gian giải quyết trung bình",
        "working days",
        False,
    ),
    (
        "average_processing_hours",
        "average processing hours",
        "số giờ giải quyết trung bình",
        "working hours",
        False,
    ),
    (
        "average_elapsed_days",
        "average elapsed time",
        "thời gian thực tế trung bình",
        "days",
        False,
    ),
)


def _key(text: str) -> str:
    return " ".join(text.lower().replace("_", " ").replace("-", " ").split())


_ALIASES: dict[str, str] = {}
for _spec in INDICATORS.values():
    for _text in (_spec.name, _spec.label, _spec.label_vi):
        _ALIASES[_key(_text)] = _spec.name
_ALIASES[_key("on time rate")] = "rate"


def indicator(name: str) -> Indicator:
    """The indicator of a name, an English or a Vietnamese label ("on-time rate").

    Case, hyphens, underscores and spaces do not matter.

    Raises:
        ValueError: An unknown indicator, with the names known.
    """
    found = _ALIASES.get(_key(name))
    if found is None:
        raise ValueError(f"unknown indicator {name!r}; expected one of {', '.join(INDICATORS)}")
    return INDICATORS[found]


@dataclass(frozen=True, slots=True)
class Score:
    """The QĐ 766 points one indicator earns, and the rule that gave them.

    Attributes:
        code: The indicator's number in the index set (``"3.3"``).
        label: What it measures, in English.
        value: The indicator's value (a percentage, or for 2.2 working days), or None.
        full_at: The value from which the full points are earned, or None (2.2: no rule).
        max_points: The indicator's maximum.
        points: The points earned, rounded half up to 2 decimals; None when the value is
            N/A or no rule is known.
        rule: The rule, in words, and where it comes from.
    """

    code: str
    label: str
    value: Decimal | None
    full_at: Decimal | None
    max_points: Decimal
    points: Decimal | None
    rule: str


#: The indicators scored, with the value scored and the percentage of full points. The
#: thresholds are the QĐ 766 formula document's: 3.3 full points at 50% or more, 3.5 and
#: group 4 at 80% or more, below that rate × max / threshold; it gives 2.1 as a ratio
#: with no threshold (scored here rate × max / 100%) and no points rule for 2.2.
_SCORED: tuple[tuple[str, str, str, Decimal | None], ...] = (
    ("2.1", "on time or within the deadline", "progress_rate", Decimal(100)),
    ("2.2", "average processing time (working days)", "average_processing_days", None),
    ("3.3", "online share of received", "online_share", Decimal(50)),
    ("3.5", "online payment share", "online_payment_share", Decimal(80)),
    ("4.2", "digitised share", "digitised_share", Decimal(80)),
)
_SOURCE = "QĐ 766/QĐ-TTg ngày 23/6/2022, as its formula document gives it"
#: Without ``max_points``, each indicator is scored out of 100: the points are then the
#: share of its maximum earned, in percent. The formula document gives the thresholds,
#: not each indicator's weight.
DEFAULT_MAX_POINTS = Decimal(100)


def _rule(full_at: Decimal | None) -> str:
    if full_at is None:
        return f"no points rule known: the value only ({_SOURCE})"
    if full_at == 100:
        return f"rate × max / 100% ({_SOURCE}: a ratio, no threshold)"
    return f"full points at ≥ {full_at}%; below, rate × max / {full_at}% ({_SOURCE})"


def qd766_scores(
    row: ReportRow, *, max_points: Mapping[str, Decimal | int] | None = None
) -> tuple[Score, ...]:
    """The points of QĐ 766 indicators 2.1, 2.2, 3.3, 3.5 and 4.2 a row earns.

    The points are ``min(value, full_at) × max / full_at`` of the published (rounded)
    value, rounded half up to 2 decimals. ``max_points`` gives an indicator's maximum by
    its code (``{"3.3": 2}``); the others are out of :data:`DEFAULT_MAX_POINTS`.

    Raises:
        ValueError: ``max_points`` names an indicator not scored, or a maximum below 0.
    """
    given = dict(max_points or {})
    codes = [code for code, _, _, _ in _SCORED]
    unknown = sorted(set(given) - set(codes))
    if unknown:
        raise ValueError(f"max_points for {', '.join(unknown)}: expected some of {codes}")
    scores = []
    for code, label, name, full_at in _SCORED:
        top = Decimal(given.get(code, DEFAULT_MAX_POINTS))
        if top < 0:
            raise ValueError(f"max_points[{code!r}] must be 0 or more, got {top}")
        value: Decimal | None = getattr(row, name)
        points = None
        if value is not None and full_at is not None:
            points = (min(value, full_at) * top / full_at).quantize(_HUNDREDTH, ROUND_HALF_UP)
        scores.append(Score(code, label, value, full_at, top, points, _rule(full_at)))
    return tuple(scores)
