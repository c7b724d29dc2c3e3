"""compute_deadlines: the due instants compute_deadline gives, for arrays of receipts."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from typing import Any

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tthc import (
    DateOutOfRange,
    DeadlineError,
    Duration,
    DurationKind,
    EstimatedDateError,
    UnknownCase,
    WorkingCalendar,
    compute_deadline,
    compute_deadlines,
)
from tthc.calendar import OfficeHours
from tthc.deadlines import (
    CIVIL_CODE,
    END_OF_DAY,
    NEXT_OPENING,
    WORKING_TIME_QUARTER,
    DeadlinePolicy,
)
from tthc.strategies import deadline_policies, durations, receipt_times

VN = WorkingCalendar.vietnam()
STRICT = WorkingCalendar.vietnam(estimates=False)
#: A local calendar unlike the national one: a Saturday counter that counts, make-up days
#: with Wednesday's hours, a long Friday, days off and a make-up Sunday.
LOCAL = VN.derive(
    name="local",
    days_off=[dt.date(2026, 3, 4), dt.date(2099, 12, 30)],
    working_days=[dt.date(2026, 3, 8)],
    office_hours=OfficeHours.parse(
        {"mon-thu": "07:00-11:30, 13:30-17:00", "fri": "08:00-12:00, 12:00-18:15",
         "sat": "07:30-11:30"},
        makeup_as="wed",
    ),
)  # fmt: skip
CALENDARS = (VN, STRICT, LOCAL)
US = np.timedelta64(1, "us")


class Procedure:
    """A catalogue procedure's stand-in: a time limit per case, refusing unknown cases."""

    def __init__(self, code: str, limits: dict[str | None, Duration]) -> None:
        self.code = code
        self.limits = limits

    def time_limit(self, *, case: str | None = None, channel: object = None) -> Duration:
        if case not in self.limits:
            raise UnknownCase(self.code, str(case), [str(c) for c in self.limits])
        return self.limits[case]


FAST = Procedure("1.001", {None: Duration.working_days(3), "urgent": Duration.working_hours(4)})
NO_DEFAULT = Procedure("1.002", {"urgent": Duration.working_days(1)})


def scalar(
    limits: Any, receipts: list[dt.datetime | None], *, missing: str | None, **options: Any
) -> tuple[list[dt.datetime | None], tuple[int, type[Exception], str] | None]:
    """compute_deadline element by element: the due instants up to the first refusal.

    A receipt of None is, in an array, a missing value called ``missing`` (NaT, an Arrow
    null): refused once its limit is known, as compute_deadline refuses a limit first.
    """
    each = limits if isinstance(limits, list) else [limits] * len(receipts)
    due: list[dt.datetime | None] = []
    try:
        for limit, at in zip(each, receipts, strict=True):
            if at is None and missing is not None:
                if not isinstance(limit, Duration):
                    limit.time_limit(case=options.get("case"), channel=options.get("channel"))
                raise DeadlineError(f"{missing}: every receipt needs an instant")
            due.append(compute_deadline(limit, at, **options).due_at)
    except Exception as error:  # any refusal: compared with the bulk one
        return due, (len(due), type(error), str(error))
    return due, None


def assert_same(
    limits: Any,
    receipts: list[dt.datetime | None],
    given: Any,
    *,
    missing: str | None = None,
    **options: Any,
) -> None:
    """compute_deadlines on ``given`` answers or refuses exactly as compute_deadline does."""
    expected, refusal = scalar(limits, receipts, missing=missing, **options)
    if refusal is None:
        found = compute_deadlines(limits, given, **options)
        assert (found if isinstance(found, list) else found.tolist()) == expected
        return
    index, kind, message = refusal
    with pytest.raises(kind) as raised:
        compute_deadlines(limits, given, **options)
    assert type(raised.value) is kind
    assert raised.value.index == index  # type: ignore[attr-defined]
    assert str(raised.value) == f"received_at[{index}]: {message}"


# ---------------------------------------------------------------- property

#: Receipts anywhere, the awkward ones often, and now and then at the ends of the range.
RECEIPTS = st.one_of(
    receipt_times(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2099, 12, 31, 23, 59)),
    receipt_times(min_value=dt.datetime(2024, 1, 1), max_value=dt.datetime(2027, 12, 31)),
    receipt_times(min_value=dt.datetime(2099, 11, 1), max_value=dt.datetime(2099, 12, 31, 23, 59)),
    receipt_times(min_value=dt.datetime(2000, 1, 1), max_value=dt.datetime(2000, 1, 10)),
    st.datetimes(min_value=dt.datetime(1999, 12, 30), max_value=dt.datetime(1999, 12, 31, 23)),
    st.datetimes(min_value=dt.datetime(2100, 1, 1), max_value=dt.datetime(2100, 1, 2)),
)
LIMITS = durations(kinds=list(DurationKind), max_amount=80) | st.sampled_from([FAST, NO_DEFAULT])
UNITS = {"us": 1, "ms": 1_000, "s": 1_000_000, "m": 60_000_000}


def floored(at: dt.datetime | None, unit: str) -> dt.datetime | None:
    if at is None:
        return None
    step = dt.timedelta(microseconds=UNITS[unit])
    return dt.datetime.min + (at - dt.datetime.min) // step * step


def arrow(receipts: list[dt.datetime | None], unit: str, tz: str | None) -> Any:
    """The receipts as an Arrow array: naive local time, or the same instants in ``tz``."""
    unit = {"m": "s"}.get(unit, unit)  # Arrow has no minutes
    if tz is None:
        return pa.array(receipts, type=pa.timestamp(unit))
    utc = [
        None if at is None else (at - dt.timedelta(hours=7)).replace(tzinfo=dt.timezone.utc)
        for at in receipts
    ]
    return pa.array(utc, type=pa.timestamp(unit, tz="UTC")).cast(pa.timestamp(unit, tz=tz))


@settings(max_examples=300, deadline=None)
@given(
    receipts=st.lists(RECEIPTS | st.none(), max_size=12),
    limit=LIMITS,
    pool=st.lists(LIMITS, min_size=1, max_size=4),
    one_limit=st.booleans(),
    picks=st.lists(st.integers(0, 3), min_size=12, max_size=12),
    policy=deadline_policies(),
    calendar=st.sampled_from(CALENDARS),
    unit=st.sampled_from(["us", "ns", *UNITS]),
    case=st.sampled_from([None, None, "urgent"]),
    tz=st.sampled_from([None, "UTC", "Asia/Ho_Chi_Minh", "-05:00"]),
)
def test_equals_compute_deadline_element_by_element(
    receipts: list[dt.datetime | None],
    limit: Duration,
    pool: list[Duration],
    one_limit: bool,
    picks: list[int],
    policy: DeadlinePolicy,
    calendar: WorkingCalendar,
    unit: str,
    case: str | None,
    tz: str | None,
) -> None:
    """Every kind, policy and calendar; one limit or one per receipt; numpy, Arrow (with
    and without a zone) and lists; missing receipts; errors by index."""
    if unit != "ns":
        receipts = [floored(at, unit) for at in receipts]
    limits = limit if one_limit else [pool[p % len(pool)] for p in picks[: len(receipts)]]
    array = np.array(receipts, dtype="datetime64[us]").astype(f"datetime64[{unit}]")
    options = {"calendar": calendar, "policy": policy, "case": case}
    assert_same(limits, receipts, array, missing="NaT", **options)
    assert_same(limits, receipts, arrow(receipts, unit, tz), missing="null", **options)
    assert_same(limits, receipts, receipts, **options)


# ---------------------------------------------------------------- hand-checked cases

WORKED = [  # docs/deadlines.md, "Worked examples"
    ("2026-02-12T10:00", "3 working days", CIVIL_CODE, "2026-02-24T17:00"),  # Tết
    ("2024-04-26T10:00", "2 working days", CIVIL_CODE, "2024-05-03T17:00"),  # 29/4-1/5
    ("2026-11-23T10:00", "1 working day", CIVIL_CODE, "2026-11-25T17:00"),  # 24/11
    ("2026-02-13T15:30", "same day, cut-off 15:00", CIVIL_CODE, "2026-02-23T17:00"),
    ("2026-04-15T10:00", "15 calendar days", CIVIL_CODE, "2026-05-04T17:00"),
    ("2026-01-01T09:00", "1 working day", CIVIL_CODE, "2026-01-05T17:00"),  # a holiday
    ("2026-01-01T09:00", "1 working day", NEXT_OPENING, "2026-01-06T17:00"),
    ("2026-03-02T17:30", "1 working day", CIVIL_CODE, "2026-03-03T17:00"),  # after close
    ("2026-03-02T17:30", "1 working day", NEXT_OPENING, "2026-03-04T17:00"),
    ("2026-03-07T09:00", "15 calendar days", CIVIL_CODE, "2026-03-23T17:00"),  # Saturday
    ("2026-01-30T10:00", "1 month", CIVIL_CODE, "2026-03-02T17:00"),
    ("2026-03-02T10:00", "1 working day", END_OF_DAY, "2026-03-03T23:59:59.999999"),
    ("2026-03-02T10:07", "1 working day", WORKING_TIME_QUARTER, "2026-03-03T10:15"),
    ("2026-03-02T10:00", "2 working hours", CIVIL_CODE, "2026-03-02T13:30"),  # lunch
    ("2026-03-06T16:00", "2 working hours", CIVIL_CODE, "2026-03-09T08:30"),  # Friday
]


@pytest.mark.parametrize(("received", "limit", "policy", "due"), WORKED)
def test_worked_examples(received: str, limit: str, policy: DeadlinePolicy, due: str) -> None:
    found = compute_deadlines(
        Duration.parse(limit), np.array([received], "datetime64[m]"), calendar=VN, policy=policy
    )
    assert found.dtype == np.dtype("datetime64[us]")
    assert found.tolist() == [np.datetime64(due, "us").item()]


def test_one_limit_per_receipt_and_no_limit() -> None:
    receipts = np.array(["2026-02-12T10:00", "2026-03-06T16:00", "2026-03-02T10:00"], "M8[m]")
    limits = [Duration.working_days(3), Duration.working_hours(2), Duration.none()]
    found = compute_deadlines(limits, receipts, calendar=VN)
    assert found.tolist() == [dt.datetime(2026, 2, 24, 17), dt.datetime(2026, 3, 9, 8, 30), None]
    assert compute_deadlines(FAST, receipts[:1], calendar=VN, case="urgent").tolist() == [
        dt.datetime(2026, 2, 12, 15, 30)  # 1.5 hours before lunch, 2.5 after
    ]


# ---------------------------------------------------------------- inputs

RECEIVED = [dt.datetime(2026, 2, 12, 10), dt.datetime(2026, 3, 2, 17, 30, 15, 250)]
DUE = [dt.datetime(2026, 2, 24, 17), dt.datetime(2026, 3, 5, 17)]
THREE = Duration.working_days(3)


@pytest.mark.parametrize("unit", ["us", "ns"])
def test_fine_units(unit: str) -> None:
    array = np.array(RECEIVED, "datetime64[us]").astype(f"datetime64[{unit}]")
    assert compute_deadlines(THREE, array, calendar=VN).tolist() == DUE


@pytest.mark.parametrize("unit", ["ms", "s", "m", "h", "D", "W", "M", "Y", "10s"])
def test_coarse_units(unit: str) -> None:
    array = np.array(["2026-02-12T10:00", "2026-03-02T17:30"], "datetime64[m]").astype(
        f"datetime64[{unit}]"
    )
    receipts = [np.datetime64(at, "us").item() for at in array]
    assert compute_deadlines(THREE, array, calendar=VN).tolist() == [
        compute_deadline(THREE, at, calendar=VN).due_at for at in receipts
    ]


@pytest.mark.parametrize("tz", ["UTC", "+07:00", "Asia/Ho_Chi_Minh", "-05:00"])
def test_arrow_timestamps_with_a_zone_are_converted_to_vietnam_time(tz: str) -> None:
    utc = [(at - dt.timedelta(hours=7)).replace(tzinfo=dt.timezone.utc) for at in RECEIVED]
    array = pa.array(utc, type=pa.timestamp("us", tz="UTC")).cast(pa.timestamp("us", tz=tz))
    assert compute_deadlines(THREE, array, calendar=VN).tolist() == DUE
    chunked = pa.chunked_array([array[:1], array[1:]])
    assert compute_deadlines(THREE, chunked, calendar=VN).tolist() == DUE


@pytest.mark.parametrize("unit", ["s", "ms", "us", "ns"])
def test_arrow_timestamps_without_a_zone_are_vietnam_time(unit: str) -> None:
    array = pa.array([at.replace(microsecond=0) for at in RECEIVED], pa.timestamp(unit))
    assert compute_deadlines(THREE, array, calendar=VN).tolist() == DUE


def test_sequences_give_lists_in_each_receipts_awareness() -> None:
    assert compute_deadlines(THREE, RECEIVED, calendar=VN) == DUE
    assert compute_deadlines(THREE, tuple(RECEIVED), calendar=VN) == DUE
    assert compute_deadlines(THREE, iter(RECEIVED), calendar=VN) == DUE
    aware = RECEIVED[0].replace(tzinfo=dt.timezone.utc)  # 17:00 in Vietnam
    assert compute_deadlines([THREE], [aware], calendar=VN) == [
        compute_deadline(THREE, aware, calendar=VN).due_at
    ]
    assert compute_deadlines(THREE, [], calendar=VN) == []
    assert compute_deadlines(THREE, np.array([], "M8[us]"), calendar=VN).tolist() == []


def test_the_numpy_tables_are_built_once_per_calendar() -> None:
    calendar = VN.derive(name="once")
    compute_deadlines(THREE, np.array(RECEIVED, "M8[us]"), calendar=calendar)
    assert calendar._bulk is not None
    tables = calendar._bulk.np_time
    compute_deadlines(Duration.working_hours(5), np.array(RECEIVED, "M8[us]"), calendar=calendar)
    assert calendar._bulk.np_time is tables is not None


def test_sequences_need_no_numpy() -> None:
    """Without numpy (the ``fast`` extra) lists work, and lists never import it."""
    code = (
        "import sys, datetime as dt; sys.modules['numpy'] = None; "
        "from tthc import Duration, WorkingCalendar, compute_deadlines; "
        "print(compute_deadlines(Duration.working_days(3), [dt.datetime(2026, 2, 12, 10)], "
        "calendar=WorkingCalendar.vietnam())[0])"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "2026-02-24 17:00:00"


# ---------------------------------------------------------------- refusals


def refusal(limits: Any, received: Any, **options: Any) -> Exception:
    with pytest.raises(Exception) as raised:  # noqa: PT011  (each test checks the class)
        compute_deadlines(limits, received, **{"calendar": VN, **options})
    return raised.value


def test_a_receipt_outside_the_range_is_refused_by_index() -> None:
    array = np.array(["2026-01-01T10", "2026-01-02T10", "2100-01-01T10", "1999-01-01"], "M8[s]")
    error = refusal(THREE, array)
    assert type(error) is DateOutOfRange
    assert error.index == 2  # type: ignore[attr-defined]
    assert str(error).startswith("received_at[2]: date 2100-01-01 is outside")
    late = np.array(["2026-01-01T10", "2099-12-30T10"], "M8[s]")  # due after 2099-12-31
    assert "received_at[1]: 3 working days from 2099-12-30" in str(refusal(THREE, late))


def test_estimated_years_are_refused_by_index_on_a_strict_calendar() -> None:
    array = np.array(["2026-06-01T10", "2026-12-30T10"], "M8[s]")
    error = refusal(Duration.working_hours(40), array, calendar=STRICT)
    assert type(error) is EstimatedDateError
    assert error.index == 1  # type: ignore[attr-defined]


def test_receipts_that_are_not_instants_are_refused_by_index() -> None:
    nat = refusal(THREE, np.array(["2026-01-01T10", "NaT"], "M8[us]"))
    assert type(nat) is DeadlineError
    assert str(nat) == "received_at[1]: NaT: every receipt needs an instant"
    null = refusal(THREE, pa.array([RECEIVED[0], None], pa.timestamp("ms")))
    assert str(null) == "received_at[1]: null: every receipt needs an instant"
    fine = np.array(["2026-01-01T10"], "M8[ns]") + np.array([0, 1], "m8[ns]")
    fraction = refusal(THREE, fine)
    assert type(fraction) is DeadlineError
    assert str(fraction).startswith("received_at[1]: 2026-01-01T10:00:00.000000001 has a fraction")
    far = np.array(["2026-01-01", "300000-01-01"], "M8[s]")
    beyond = refusal(THREE, far)
    assert type(beyond) is DateOutOfRange
    assert "received_at[1]: 300000-01-01T00:00:00 falls outside the datetimes" in str(beyond)
    assert type(refusal(THREE, np.array(["NaT"], "M8"))) is DeadlineError  # no unit


def test_limits_refused_by_index() -> None:
    error = refusal([THREE, NO_DEFAULT], np.array(RECEIVED, "M8[us]"))
    assert type(error) is UnknownCase
    assert error.index == 1  # type: ignore[attr-defined]
    assert str(error).startswith("received_at[1]: procedure 1.002 has no 'None'")
    phases = Duration.sequence(Duration.working_hours(2), Duration.working_days(1))
    error = refusal([THREE, phases], RECEIVED)
    assert type(error) is DeadlineError
    assert error.index == 1  # type: ignore[attr-defined]
    assert type(refusal([THREE, "3 days"], np.array(RECEIVED, "M8[us]"))) is AttributeError


def test_the_wrong_shapes_and_types_are_refused() -> None:
    with pytest.raises(TypeError, match="datetime64 array of receipts, got a int64"):
        compute_deadlines(THREE, np.array([1, 2]), calendar=VN)
    with pytest.raises(ValueError, match="one-dimensional"):
        compute_deadlines(THREE, np.array([RECEIVED], "M8[us]"), calendar=VN)
    with pytest.raises(TypeError, match="Arrow timestamp array of receipts, got date32"):
        compute_deadlines(THREE, pa.array([dt.date(2026, 1, 1)]), calendar=VN)
    with pytest.raises(TypeError, match="got str"):
        compute_deadlines(THREE, "2026-01-01", calendar=VN)
    with pytest.raises(TypeError, match="got int"):
        compute_deadlines(THREE, 5, calendar=VN)
    with pytest.raises(TypeError, match="expected limits as a Duration"):
        compute_deadlines("3 working days", RECEIVED, calendar=VN)
    with pytest.raises(ValueError, match="limits has 1 values for 2 receipts"):
        compute_deadlines([THREE], np.array(RECEIVED, "M8[us]"), calendar=VN)
    with pytest.raises(TypeError, match=r"expected a datetime\.datetime, got str"):
        compute_deadlines(THREE, ["2026-01-01"], calendar=VN)
