"""Targets: an indicator, a comparison and a threshold, met or missed per group.

A target is data: "late share < 0.4%" (local plans: "kéo giảm tỷ lệ trễ hạn xuống dưới
0,4% tổng số hồ sơ được tiếp nhận"), "on-time rate ≥ 96%", or a target over units, "share
of units with on-time rate ≥ 96% > 80%" ("trên 80% các chi nhánh Văn phòng Đăng ký đất
đai giải quyết hồ sơ TTHC đúng hạn từ 96% trở lên"). :meth:`Report.evaluate
<tthc.reports.Report.evaluate>` says, per group, met, missed, or not applicable when the
indicator has no value (nothing below the ratio), with the figures.

The verdict compares the exact ratio of the counters (:mod:`tthc.reports._ratios`), not the
rounded figure: 3 late of 751 received is 0.3995%, shown "0.40", and is below 0.4%; 3 of
750 is 0.4% exactly and is not.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from tthc.reports._indicators import INDICATORS, Indicator, indicator, percent
from tthc.reports._ratios import ratio

if TYPE_CHECKING:
    from tthc.reports._report import Report, ReportRow

__all__ = ["Comparison", "Target", "TargetResult", "UnitShare", "Verdict", "evaluate"]


class Comparison(str, enum.Enum):
    """How a value compares with a threshold; ``≤`` and ``≥`` are read as ``<=`` and ``>=``."""

    BELOW = "<"
    """Strictly below ("dưới")."""
    AT_MOST = "<="
    """Below or equal ("không quá")."""
    ABOVE = ">"
    """Strictly above ("trên")."""
    AT_LEAST = ">="
    """Above or equal ("từ ... trở lên")."""

    @property
    def symbol(self) -> str:
        """The comparison as written in a target's text: ``<``, ``≤``, ``>``, ``≥``."""
        return {"<": "<", "<=": "≤", ">": ">", ">=": "≥"}[self.value]

    def holds(self, value: Fraction, threshold: Fraction) -> bool:
        """Whether ``value`` compares so with ``threshold``."""
        if self is Comparison.BELOW:
            return value < threshold
        if self is Comparison.AT_MOST:
            return value <= threshold
        if self is Comparison.ABOVE:
            return value > threshold
        return value >= threshold


_UNICODE = {"≤": "<=", "≥": ">="}


def _comparison(value: Comparison | str) -> Comparison:
    try:
        return Comparison(_UNICODE.get(value, value))
    except ValueError:
        raise ValueError(
            f"unknown comparison {value!r}; expected one of <, <=, >, >= (or ≤, ≥)"
        ) from None


def _threshold(value: Decimal | int, *, percent_of: bool, what: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        hint = f"; write Decimal({str(value)!r}): a float is not exact"
        raise TypeError(
            f"{what} must be a Decimal or an int, got {type(value).__name__} {value!r}"
            + (hint if isinstance(value, float) else "")
        )
    threshold = Decimal(value)
    if not threshold.is_finite() or threshold < 0 or (percent_of and threshold > 100):
        expected = "a percentage from 0 to 100" if percent_of else "a finite value of 0 or more"
        raise ValueError(f"{what} must be {expected}, got {value}")
    return threshold


@dataclass(frozen=True, slots=True, init=False)
class UnitShare:
    """What the share of units meeting a target must be ("> 80%" of the units).

    Attributes:
        comparison: How the share compares with the threshold.
        threshold: The share, in percent (``Decimal(80)``).
    """

    comparison: Comparison
    threshold: Decimal

    def __init__(self, comparison: Comparison | str, threshold: Decimal | int) -> None:
        """Check and keep the comparison and the threshold (a percentage, 0 to 100).

        Raises:
            ValueError: An unknown comparison, a threshold outside 0-100.
            TypeError: A threshold that is not a Decimal or an int (a float is not exact).
        """
        object.__setattr__(self, "comparison", _comparison(comparison))
        share = _threshold(threshold, percent_of=True, what="the share of units")
        object.__setattr__(self, "threshold", share)

    def __str__(self) -> str:
        return f"{self.comparison.symbol} {self.threshold}%"


@dataclass(frozen=True, slots=True, init=False)
class Target:
    """A target: an indicator compared with a threshold, optionally over units.

    ``Target("late_share", "<", Decimal("0.4"))`` is "late share < 0.4%";
    ``Target("rate", ">=", 96, over_units=UnitShare(">", 80))`` is "share of units with
    on-time rate ≥ 96% > 80%": each group of the report is a unit, and the share of the
    units whose rate is 96% or more must be above 80%. :meth:`parse` reads both from text.

    Attributes:
        indicator: The indicator's name, a key of ``INDICATORS`` (``"late_share"``).
        comparison: How its value compares with the threshold.
        threshold: In the indicator's unit: percent for a share (``Decimal("0.4")`` is
            0.4%), working days for an average processing time.
        over_units: For a target over units, what the share of units meeting the target
            must be; None for a target on each group.
    """

    indicator: str
    comparison: Comparison
    threshold: Decimal
    over_units: UnitShare | None

    def __init__(
        self,
        indicator: str | Indicator,
        comparison: Comparison | str,
        threshold: Decimal | int,
        *,
        over_units: UnitShare | None = None,
    ) -> None:
        """Check and keep a target's parts.

        Raises:
            ValueError: An unknown indicator or comparison; a negative threshold, or a
                percentage above 100.
            TypeError: A threshold that is not a Decimal or an int (a float is not exact),
                ``over_units`` that is not a :class:`UnitShare`.
        """
        spec = indicator if isinstance(indicator, Indicator) else _indicator(indicator)
        if over_units is not None and not isinstance(over_units, UnitShare):
            raise TypeError(f"over_units must be a UnitShare or None, got {over_units!r}")
        object.__setattr__(self, "indicator", spec.name)
        object.__setattr__(self, "comparison", _comparison(comparison))
        value = _threshold(threshold, percent_of=spec.is_percent, what=f"the {spec.label}")
        object.__setattr__(self, "threshold", value)
        object.__setattr__(self, "over_units", over_units)

    @property
    def spec(self) -> Indicator:
        """The indicator compared (its labels and unit)."""
        return INDICATORS[self.indicator]

    @property
    def condition(self) -> str:
        """The condition on one group, in words: ``on-time rate ≥ 96%``."""
        spec = self.spec
        unit = "%" if spec.is_percent else f" {spec.unit}"
        return f"{spec.label} {self.comparison.symbol} {self.threshold}{unit}"

    def __str__(self) -> str:
        """The target as :meth:`parse` reads it."""
        if self.over_units is None:
            return self.condition
        return f"share of units with {self.condition} {self.over_units}"

    def holds(self, value: Fraction) -> bool:
        """Whether an exact value of the indicator meets the condition on one group."""
        return self.comparison.holds(value, Fraction(self.threshold))

    @classmethod
    def parse(cls, text: str) -> Target:
        """Read a target from text.

        ``INDICATOR OP NUMBER[UNIT]`` (``late_share < 0.4%``, ``on-time rate >= 96``,
        ``average processing time <= 5 working days``), or over units ``share of units
        with INDICATOR OP NUMBER[UNIT] [is] OP NUMBER[%]`` (``share of units with on-time
        rate >= 96% is > 80%``; Vietnamese ``tỷ lệ đơn vị có ...``). The indicator is a
        name or a label (:func:`~tthc.reports._indicators.indicator`); OP is ``<``,
        ``<=``, ``>``, ``>=``, ``≤`` or ``≥``; a decimal comma is read as a point
        (``0,4%``). A percentage's ``%`` may be left out.

        Raises:
            ValueError: The text is not a target, with what was received and the forms
                expected; an unknown indicator; a unit that is not the indicator's.

        >>> print(Target.parse("late_share < 0,4%"))
        late share < 0.4%
        >>> print(Target.parse("share of units with on-time rate >= 96% is > 80%"))
        share of units with on-time rate ≥ 96% > 80%
        """
        if len(text) > _MAX_TEXT:
            raise ValueError(
                f"a target is at most {_MAX_TEXT} characters, got {len(text)}: {text[:40]!r}..."
            )
        found = _OVER.fullmatch(text) or _PLAIN.fullmatch(text)
        if found is None:
            raise ValueError(
                f"cannot read the target {text!r}: expected INDICATOR OP NUMBER[%] such as "
                "'late_share < 0.4%', or 'share of units with on-time rate >= 96% > 80%' "
                "(OP one of <, <=, >, >=)"
            )
        where = f"in the target {text!r}: "
        try:
            spec = _indicator(found["indicator"])
            _check_unit(found["unit"], spec)
            over = None
            if found.groupdict().get("share") is not None:
                over = UnitShare(found["share_op"], _number(found["share"]))
            return cls(spec, found["op"], _number(found["number"]), over_units=over)
        except ValueError as exc:
            raise ValueError(where + str(exc)) from None


def _indicator(name: str) -> Indicator:
    return indicator(name.strip())


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", "."))


def _check_unit(text: str, spec: Indicator) -> None:
    """The unit written after a threshold: none, ``%`` for a share, else the indicator's."""
    written = " ".join(text.split()).lower()
    expected = "%" if spec.is_percent else spec.unit
    if written not in ("", expected, _UNITS_VI.get(expected)):
        raise ValueError(
            f"the {spec.label} is in {expected}, got the unit {text.strip()!r} after the threshold"
        )


_MAX_TEXT = 200
#: An average's unit as a Vietnamese target writes it.
_UNITS_VI = {"working days": "ngày làm việc", "working hours": "giờ làm việc", "days": "ngày"}
_OP = r"<=|>=|≤|≥|<|>"
_NUMBER = r"\d{1,12}(?:[.,]\d{1,12})?"
_CONDITION = (
    rf"\s*(?P<indicator>[^<>≤≥]+?)\s*(?P<op>{_OP})\s*(?P<number>{_NUMBER})"
    r"\s*(?P<unit>[^<>≤≥\d]*?)"
)
_PLAIN = re.compile(rf"{_CONDITION}\s*", re.IGNORECASE)
_OVER = re.compile(
    rf"\s*(?:share\s+of\s+units\s+with|units\s+with|tỷ\s+lệ\s+đơn\s+vị\s+có)\s+{_CONDITION}"
    rf"\s*(?:(?:is|là)\s*)?(?P<share_op>{_OP})\s*(?P<share>{_NUMBER})\s*%?\s*",
    re.IGNORECASE,
)


class Verdict(str, enum.Enum):
    """Whether a target was met."""

    MET = "met"
    """The value meets the condition."""
    MISSED = "missed"
    """The value does not meet it."""
    NOT_APPLICABLE = "not-applicable"
    """The indicator has no value (nothing below the ratio): nothing to judge."""


@dataclass(frozen=True, slots=True)
class TargetResult:
    """A target evaluated on one group (or, over units, on the report's groups).

    Attributes:
        target: The target.
        group: The group's values, as :attr:`ReportRow.group <tthc.reports.ReportRow>`;
            empty for the total and for a target over units.
        verdict: Met, missed, or not applicable.
        value: The figure as published (rounded half up to 2 decimals), or None. Over
            units: the share of units meeting the target, in percent.
        exact: The exact value the verdict compared, or None.
        part: A share's numerator (late dossiers...); over units, the units meeting the
            target; None for an average.
        whole: A share's denominator (dossiers received...); for an average, the
            dossiers timed; over units, the units with a figure (those without one are
            left out of the share and listed in :attr:`units` as not applicable).
        units: Over units, each unit's own result, in the report's group order.
    """

    target: Target
    group: tuple[tuple[str, str], ...]
    verdict: Verdict
    value: Decimal | None
    exact: Fraction | None
    part: int | None
    whole: int
    units: tuple[TargetResult, ...] = ()

    @property
    def met(self) -> bool | None:
        """True when met, False when missed, None when it cannot be said."""
        if self.verdict is Verdict.NOT_APPLICABLE:
            return None
        return self.verdict is Verdict.MET

    @property
    def label(self) -> str:
        """The group's values joined by `` / ``; empty for the total."""
        return " / ".join(value for _, value in self.group)

    @property
    def left_out(self) -> int:
        """Over units: the units without a figure, left out of the share; else 0."""
        return len(self.units) - self.whole if self.units else 0


def _verdict(met: bool | None) -> Verdict:
    return {True: Verdict.MET, False: Verdict.MISSED, None: Verdict.NOT_APPLICABLE}[met]


def _on_row(target: Target, row: ReportRow) -> TargetResult:
    counted = ratio(row, target.indicator)
    exact = counted.exact
    return TargetResult(
        target,
        row.group,
        _verdict(None if exact is None else target.holds(exact)),
        target.spec.of(row),
        exact,
        counted.part if counted.is_percent else None,
        counted.whole,
    )


def _over_units(target: Target, report: Report, share: UnitShare) -> TargetResult:
    units = tuple(_on_row(target, row) for row in report.rows)
    met = sum(1 for unit in units if unit.verdict is Verdict.MET)
    judged = sum(1 for unit in units if unit.verdict is not Verdict.NOT_APPLICABLE)
    exact = Fraction(100 * met, judged) if judged else None
    verdict = None if exact is None else share.comparison.holds(exact, Fraction(share.threshold))
    return TargetResult(
        target, (), _verdict(verdict), percent(met, judged), exact, met, judged, units
    )


def evaluate(report: Report, targets: Iterable[Target | str]) -> tuple[TargetResult, ...]:
    """Every target on ``report``: see :meth:`Report.evaluate <tthc.reports.Report.evaluate>`."""
    results: list[TargetResult] = []
    for given in targets:
        if isinstance(given, str):
            target = Target.parse(given)
        elif isinstance(given, Target):
            target = given
        else:
            raise TypeError(f"a target must be a Target or its text, got {given!r}")
        if target.over_units is not None:
            if not report.group_by:
                raise ValueError(
                    f"the target {str(target)!r} is over units, and the report has no groups: "
                    "group it by the units (group_by='agency')"
                )
            results.append(_over_units(target, report, target.over_units))
            continue
        rows = report.rows if report.group_by else ()
        results += [_on_row(target, row) for row in (*rows, report.total)]
    return tuple(results)
