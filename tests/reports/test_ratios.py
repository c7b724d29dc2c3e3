"""The exact ratios behind targets and rankings round to the published indicators."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from tthc.reports import INDICATORS, ReportRow
from tthc.reports._ratios import ratio
from tthc.reports._tally import COUNTERS


def half_up(value: Fraction) -> Decimal:
    """``value`` rounded half up to 2 decimals."""
    hundredths = (value * 100 + Fraction(1, 2)).__floor__()
    return Decimal(hundredths).scaleb(-2)


rows = st.builds(
    lambda counts: ReportRow((), *counts),
    st.tuples(*[st.integers(0, 10**6) for _ in COUNTERS]),
)


@given(rows)
def test_every_indicator_is_its_exact_ratio_rounded_half_up(row: ReportRow) -> None:
    if row.closed_late > row.closed:  # the engine never counts more late closures than closures
        row = ReportRow((), *(0 if n == "closed_late" else v for n, v in row.counts().items()))
    for name, spec in INDICATORS.items():
        exact = ratio(row, name).exact
        assert spec.of(row) == (None if exact is None else half_up(exact)), name


def test_every_indicator_has_a_ratio() -> None:
    row = ReportRow((), received_counter=1, resolved_on_time=1)
    for name in INDICATORS:
        assert ratio(row, name).whole in (0, 1), name
