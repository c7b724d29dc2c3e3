"""Bulk operations agree with the scalar ones, on Python lists and numpy arrays."""

from __future__ import annotations

import datetime as dt
import random

import numpy as np
import pytest

from tthc import DateOutOfRange, EstimatedDateError, WorkingCalendar

VN = WorkingCalendar.vietnam()
STRICT = WorkingCalendar.vietnam(estimates=False)
D = dt.date


def _sample(size: int, seed: int = 7) -> tuple[list[dt.date], list[int]]:
    rng = random.Random(seed)
    first = D(2001, 1, 1).toordinal()
    days = [D.fromordinal(first + rng.randrange(35000)) for _ in range(size)]
    ns = [rng.randint(-200, 200) for _ in range(size)]
    return days, ns


def test_python_lists_match_the_scalar_operation() -> None:
    days, ns = _sample(2000)
    assert VN.add_working_days_many(days, ns) == [
        VN.add_working_days(d, n) for d, n in zip(days, ns, strict=False)
    ]
    for n in (5, -5, 0):
        assert VN.add_working_days_many(days, n) == [VN.add_working_days(d, n) for d in days]
    assert VN.add_working_days_many(tuple(days), tuple(ns)) == VN.add_working_days_many(days, ns)
    assert VN.add_working_days_many(iter(days), 3) == VN.add_working_days_many(days, 3)
    ends = [VN.add_working_days(d, 9) for d in days]
    assert VN.working_days_between_many(days, ends) == [
        VN.working_days_between(a, b) for a, b in zip(days, ends, strict=False)
    ]
    assert VN.add_working_days_many([], 3) == []


def test_numpy_arrays_match_the_scalar_operation() -> None:
    days, ns = _sample(2000)
    array = np.array(days, dtype="datetime64[D]")
    steps = np.array(ns)
    result = VN.add_working_days_many(array, steps)
    assert result.dtype == np.dtype("datetime64[D]")
    assert result.tolist() == [VN.add_working_days(d, n) for d, n in zip(days, ns, strict=False)]
    for n in (5, -5, 0):
        assert VN.add_working_days_many(array, n).tolist() == [
            VN.add_working_days(d, n) for d in days
        ]
    ends = np.array([VN.add_working_days(d, 9) for d in days], dtype="datetime64[D]")
    between = VN.working_days_between_many(array, ends)
    assert between.tolist() == [9] * len(days)
    assert VN.add_working_days_many(days, steps) == result.tolist()  # numpy ns, Python dates


def test_bulk_errors_are_those_of_the_scalar_operation() -> None:
    with pytest.raises(DateOutOfRange, match="2100-01-01"):
        VN.add_working_days_many([D(2026, 1, 1), D(2100, 1, 1)], 1)
    with pytest.raises(DateOutOfRange, match="5 working days from 2099-12-30"):
        VN.add_working_days_many([D(2026, 1, 1), D(2099, 12, 30)], [1, 5])
    with pytest.raises(EstimatedDateError, match="2027-01-"):
        STRICT.add_working_days_many([D(2026, 1, 1), D(2026, 12, 30)], 5)
    with pytest.raises(TypeError, match=r"datetime\.date"):
        VN.add_working_days_many([dt.datetime(2026, 1, 1)], 1)
    with pytest.raises(TypeError, match="ints"):
        VN.add_working_days_many([D(2026, 1, 1)], [1.5])
    with pytest.raises(TypeError, match="an int or a sequence"):
        VN.add_working_days_many([D(2026, 1, 1)], 1.5)
    with pytest.raises(ValueError, match="one per date"):
        VN.add_working_days_many([D(2026, 1, 1)], [1, 2])
    with pytest.raises(ValueError, match="2 start dates and 1 end"):
        VN.working_days_between_many([D(2026, 1, 1)] * 2, [D(2026, 1, 1)])
    with pytest.raises(DateOutOfRange):
        VN.working_days_between_many([D(2026, 1, 1)], [D(2100, 1, 1)])


def test_numpy_errors() -> None:
    array = np.array(["2026-01-01", "2100-01-01"], dtype="datetime64[D]")
    with pytest.raises(DateOutOfRange, match="2100-01-01"):
        VN.add_working_days_many(array, 1)
    with pytest.raises(ValueError, match="NaT"):
        VN.add_working_days_many(np.array(["2026-01-01", "NaT"], dtype="datetime64[D]"), 1)
    with pytest.raises(TypeError, match=r"datetime64\[D\]"):
        VN.add_working_days_many(np.array(["2026-01-01T10"], dtype="datetime64[s]"), 1)
    good = np.array(["2026-01-01", "2099-12-30"], dtype="datetime64[D]")
    with pytest.raises(DateOutOfRange, match="5 working days from 2099-12-30"):
        VN.add_working_days_many(good, np.array([1, 5]))
    with pytest.raises(DateOutOfRange, match="3 working days from 2099-12-30"):
        VN.add_working_days_many(good, 3)
    with pytest.raises(TypeError, match="integer array"):
        VN.add_working_days_many(good, np.array([1.0, 2.0]))
    with pytest.raises(TypeError, match="integer array"):
        VN.add_working_days_many(good, np.array([1, 2, 3]))
    with pytest.raises(EstimatedDateError):
        STRICT.add_working_days_many(np.array(["2026-12-30"], dtype="datetime64[D]"), 5)
    with pytest.raises(ValueError, match="shape"):
        VN.working_days_between_many(good, good[:1])


def test_numpy_tables_are_built_once_per_calendar() -> None:
    cal = VN.derive(name="bulk")
    array = np.array(["2026-01-01"], dtype="datetime64[D]")
    cal.add_working_days_many(array, 1)
    tables = cal._bulk
    cal.add_working_days_many(array, 2)
    cal.add_working_days_many([dt.date(2026, 1, 1)], 2)
    assert cal._bulk is tables is not None
