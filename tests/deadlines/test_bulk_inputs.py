"""compute_deadlines at the edges of its inputs: clear refusals by index, never a wrong date.

Inputs an outside caller hands over: masked arrays, pandas columns and their NaT, every
numpy unit, years numpy holds and datetime does not, empty and odd-shaped arrays, unordered
collections of limits.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pyarrow as pa
import pytest

from tthc import (
    DateOutOfRange,
    DeadlineError,
    Duration,
    WorkingCalendar,
    compute_deadline,
    compute_deadlines,
)

VN = WorkingCalendar.vietnam()
THREE = Duration.working_days(3)
#: 2026-01-01 10:00 (a holiday) and 2026-01-02 10:00 (swapped off): both due Wed 07/01.
TWO = np.array(["2026-01-01T10", "2026-01-02T10"], "M8[s]")
DUE = [dt.datetime(2026, 1, 7, 17), dt.datetime(2026, 1, 7, 17)]


def refusal(received: Any, limits: Any = THREE) -> Exception:
    with pytest.raises(Exception) as raised:  # noqa: PT011  (each test checks the class)
        compute_deadlines(limits, received, calendar=VN)
    return raised.value


# ---------------------------------------------------------------- missing receipts


def test_a_masked_receipt_is_refused_by_index_not_given_nat() -> None:
    masked = np.ma.array(TWO, mask=[False, True])
    error = refusal(masked)
    assert type(error) is DeadlineError
    assert error.index == 1  # type: ignore[attr-defined]
    assert str(error) == "received_at[1]: NaT or masked: every receipt needs an instant"


def test_a_masked_array_without_a_masked_receipt_is_counted() -> None:
    found = compute_deadlines(THREE, np.ma.array(TWO), calendar=VN)
    assert type(found) is np.ndarray
    assert found.tolist() == DUE


def test_a_receipt_refused_before_a_masked_one_is_the_one_reported() -> None:
    masked = np.ma.array(np.array(["2100-01-01T10", "2026-01-01T10"], "M8[s]"), mask=[0, 1])
    error = refusal(masked)
    assert type(error) is DateOutOfRange
    assert error.index == 0  # type: ignore[attr-defined]


def test_pandas_nat_in_a_sequence_is_refused_by_index() -> None:
    pd = pytest.importorskip("pandas")
    column = pd.Series(pd.to_datetime(["2026-01-01T10", None]))
    error = refusal(column)
    assert type(error) is TypeError
    assert str(error) == "received_at[1]: expected a datetime.datetime, got NaTType NaT"
    with pytest.raises(TypeError, match="got NaTType NaT"):
        compute_deadline(THREE, pd.NaT, calendar=VN)


def test_pandas_columns_take_either_path_with_the_same_answers() -> None:
    pd = pytest.importorskip("pandas")
    column = pd.Series(TWO.astype("M8[ns]"))
    assert compute_deadlines(THREE, column, calendar=VN) == DUE  # each Timestamp
    assert compute_deadlines(THREE, column.to_numpy(), calendar=VN).tolist() == DUE
    utc = column.dt.tz_localize("Asia/Ho_Chi_Minh").dt.tz_convert("UTC")
    assert compute_deadlines(THREE, pa.array(utc), calendar=VN).tolist() == DUE


def test_a_million_nat_is_refused_at_the_first() -> None:
    error = refusal(np.full(1_000_000, np.datetime64("NaT"), "M8[us]"))
    assert type(error) is DeadlineError
    assert error.index == 0  # type: ignore[attr-defined]


def test_a_million_receipts_with_nat_last_are_refused_at_the_last() -> None:
    receipts = np.full(1_000_000, np.datetime64("2026-01-05T10"), "M8[us]")
    receipts[-1] = np.datetime64("NaT")
    error = refusal(receipts)
    assert error.index == 999_999  # type: ignore[attr-defined]


def test_arrow_nulls_are_refused_by_index() -> None:
    error = refusal(pa.array([None, None], pa.timestamp("us", tz="UTC")))
    assert str(error) == "received_at[0]: null: every receipt needs an instant"


# ---------------------------------------------------------------- units and years


@pytest.mark.parametrize("unit", ["ns", "us", "ms", "s", "m", "h", "D", "25s"])
def test_every_unit_gives_the_scalar_answer(unit: str) -> None:
    receipts = TWO.astype(f"M8[{unit}]")
    expected = [
        compute_deadline(THREE, at, calendar=VN).due_at for at in receipts.astype("M8[us]").tolist()
    ]
    assert compute_deadlines(THREE, receipts, calendar=VN).tolist() == expected


@pytest.mark.parametrize(
    ("received", "message"),
    [
        (np.array(["0000-01-01"], "M8[D]"), "0000-01-01 falls outside the datetimes that exist"),
        (np.array(["-0005-01-01"], "M8[D]"), "falls outside the datetimes that exist"),
        (np.array(["10000-01-01"], "M8[D]"), "10000-01-01 falls outside the datetimes"),
        (np.array([np.iinfo(np.int64).max], "i8").view("M8[us]"), "294247-01-10T04:00:54"),
        (np.array([np.iinfo(np.int64).min + 1], "i8").view("M8[us]"), "-290308-12-21"),
        (np.array([np.iinfo(np.int64).max], "i8").view("M8[Y]"), "falls outside the datetimes"),
        (np.array(["0001-01-01"], "M8[D]"), "date 0001-01-01 is outside the calendar's"),
        (np.array(["9999-12-31T23:59:59.999999"], "M8[us]"), "date 9999-12-31 is outside"),
        (pa.array([2**62], pa.timestamp("s", tz="UTC")), "falls outside the datetimes"),
        (pa.array([-62135596800], pa.timestamp("s", tz="UTC")), "date 0001-01-01 is outside"),
    ],
)
def test_years_beyond_the_calendar_are_date_out_of_range(received: Any, message: str) -> None:
    error = refusal(received)
    assert type(error) is DateOutOfRange
    assert error.index == 0  # type: ignore[attr-defined]
    assert message in str(error)


def test_nanoseconds_are_refused_not_rounded() -> None:
    fine = np.array(["2026-01-01T10:00:00.000000999"], "M8[ns]")
    assert "has a fraction of a microsecond" in str(refusal(fine))
    zoned = pa.array([1767236400000000001], pa.timestamp("ns", tz="UTC"))
    assert "has a fraction of a microsecond" in str(refusal(zoned))


# ---------------------------------------------------------------- shapes and containers


@pytest.mark.parametrize(
    "received",
    [
        np.array([], "M8[us]"),
        np.array([], "M8[D]"),
        pa.array([], pa.timestamp("us", tz="UTC")),
        pa.chunked_array([], pa.timestamp("ms")),
    ],
)
def test_no_receipts_give_an_empty_array(received: Any) -> None:
    found = compute_deadlines(THREE, received, calendar=VN)
    assert found.dtype == np.dtype("M8[us]")
    assert found.shape == (0,)


def test_strided_big_endian_and_read_only_arrays_are_read_as_they_are() -> None:
    assert compute_deadlines(THREE, np.repeat(TWO, 2)[::2], calendar=VN).tolist() == DUE
    assert compute_deadlines(THREE, TWO.astype(">M8[s]"), calendar=VN).tolist() == DUE
    frozen = TWO.copy()
    frozen.setflags(write=False)
    assert compute_deadlines(THREE, frozen, calendar=VN).tolist() == DUE


@pytest.mark.parametrize(
    ("received", "message"),
    [
        (np.array([1_767_236_400, 1_767_322_800], "i8"), "got a int64 array"),
        (np.array([True]), "got a bool array"),
        (np.array([1], "m8[s]"), "got a timedelta64[s] array"),
        (np.array(DUE, dtype=object), "got a object array"),
        (pa.array([dt.date(2026, 1, 1)], pa.date64()), "got date64[ms]"),
        (pa.array([1], pa.int64()), "got int64"),
    ],
)
def test_arrays_of_other_types_are_type_errors(received: Any, message: str) -> None:
    error = refusal(received)
    assert type(error) is TypeError
    assert message in str(error)


def test_the_hints_for_other_arrays_lead_to_the_right_due_dates() -> None:
    """Unix times are UTC and aware datetimes lose their zone in numpy: the messages say
    how to hand them over so that they are read in Vietnam time, not seven hours off."""
    unix = (TWO - np.timedelta64(7, "h")).astype("i8")  # the same instants, as Unix times
    assert "pyarrow.timestamp('s', tz='UTC')" in str(refusal(unix))
    followed = pa.array(unix, type=pa.timestamp("s", tz="UTC"))
    assert compute_deadlines(THREE, followed, calendar=VN).tolist() == DUE
    utc = dt.timezone.utc
    aware = np.array([(at - dt.timedelta(hours=7)).replace(tzinfo=utc) for at in TWO.tolist()])
    assert aware.dtype == np.dtype(object)
    assert "pass them as a list (.tolist())" in str(refusal(aware))
    due = compute_deadlines(THREE, aware.tolist(), calendar=VN)
    assert [at - dt.timedelta(hours=7) for at in DUE] == [at.replace(tzinfo=None) for at in due]
    assert "text in Vietnam local time" in str(refusal(TWO.astype(str)))
    assert compute_deadlines(THREE, TWO.astype(str).astype("M8[us]"), calendar=VN).tolist() == DUE


@pytest.mark.parametrize(
    "received", [np.array(TWO[0]), TWO.reshape(1, 2), TWO.reshape(2, 1), np.empty((0, 2), "M8[s]")]
)
def test_arrays_of_other_shapes_are_value_errors(received: Any) -> None:
    error = refusal(received)
    assert type(error) is ValueError
    assert f"got shape {received.shape}" in str(error)


@pytest.mark.parametrize("limits", [{THREE}, {THREE: 1, Duration.working_days(1): 2}, None])
def test_limits_without_an_order_are_type_errors(limits: Any) -> None:
    error = refusal(TWO, limits=limits)
    assert type(error) is TypeError
    assert f"got {type(limits).__name__}" in str(error)


def test_limits_as_a_numpy_object_array_pair_with_the_receipts() -> None:
    limits = np.array([THREE, Duration.working_days(1)], dtype=object)
    assert compute_deadlines(limits, TWO, calendar=VN).tolist() == [
        dt.datetime(2026, 1, 7, 17),
        dt.datetime(2026, 1, 5, 17),
    ]


# ---------------------------------------------------------------- many limits


def receipts_of_2026(n: int) -> Any:
    rng = np.random.default_rng(15)
    year = 365 * 86_400_000_000
    return np.datetime64("2026-01-01", "us") + rng.integers(0, year, n).astype("m8[us]")


def test_many_distinct_limits_give_the_scalar_answers() -> None:
    """Hundreds of limits, a few receipts each (counted one by one), and one limit shared
    by many (counted with arrays), in the same call."""
    receipts = receipts_of_2026(3_000)
    limits: list[Duration] = [Duration.working_hours(1 + i % 700) for i in range(2_000)]
    limits += [Duration.calendar_days(10)] * 1_000
    found = compute_deadlines(limits, receipts, calendar=VN)
    expected = [
        compute_deadline(limit, at, calendar=VN).due_at
        for limit, at in zip(limits, receipts.tolist(), strict=True)
    ]
    assert found.tolist() == expected


def test_one_limit_repeated_or_rebuilt_per_receipt_is_one_limit() -> None:
    receipts = receipts_of_2026(500)
    once = compute_deadlines(THREE, receipts, calendar=VN)
    assert (compute_deadlines([THREE] * 500, receipts, calendar=VN) == once).all()
    rebuilt = [Duration.working_days(3) for _ in range(500)]
    assert (compute_deadlines(rebuilt, receipts, calendar=VN) == once).all()


class Unhashable:
    """A procedure stand-in that defines equality and so, in Python, has no hash."""

    code = "1.003"

    def __init__(self, limit: Duration) -> None:
        self.limit = limit

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Unhashable) and other.limit == self.limit

    __hash__ = None  # type: ignore[assignment]  # as a class defining __eq__ alone

    def time_limit(self, *, case: str | None = None, channel: object = None) -> Duration:
        return self.limit


def test_unhashable_limits_are_told_apart_by_identity() -> None:
    fast, slow = Unhashable(Duration.working_days(1)), Unhashable(THREE)
    assert compute_deadlines([fast, slow], TWO, calendar=VN).tolist() == [
        dt.datetime(2026, 1, 5, 17),
        dt.datetime(2026, 1, 7, 17),
    ]


# ---------------------------------------------------------------- options


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            {"policy": "civil-code"},
            "expected policy as a DeadlinePolicy (tthc.deadlines.CIVIL_CODE, ...), got str "
            "'civil-code'; tthc.deadlines.POLICIES['civil-code'] is one",
        ),
        ({"policy": ["civil-code"]}, "got list ['civil-code']"),
        ({"calendar": None}, "expected calendar as a WorkingCalendar"),
        ({"calendar": "vn"}, "got str 'vn'"),
    ],
)
@pytest.mark.parametrize("received", [TWO, list(DUE), []])
def test_options_of_the_wrong_type_are_refused_before_any_receipt(
    options: dict[str, Any], message: str, received: Any
) -> None:
    with pytest.raises(TypeError) as raised:
        compute_deadlines(THREE, received, **{"calendar": VN, **options})
    assert message in str(raised.value)
    assert not hasattr(raised.value, "index")
