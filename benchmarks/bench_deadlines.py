"""Due dates: ``compute_deadline`` per receipt, and ``compute_deadlines`` for 1M at once.

Per receipt, ``compute_deadline`` beside pandas ``CustomBusinessHour`` on the same
arithmetic. In bulk (issue 15), ``compute_deadlines`` over 1,000,000 receipts at random
instants of 2026 (any hour, evenings and weekends included), for 3 working days and for 5
working hours, beside the scalar ``compute_deadline`` loop (timed on a sample and scaled to
the whole array, in the same run) and, for working days, numpy's ``busday_offset``. numpy
gets every non-working day of the calendar as a holiday and a seven-day week mask, the only
way to give it the make-up Saturdays; ``roll="backward"`` is the semantics that matches
(the receipt's day is not counted, so a receipt on a day off counts from the working day
before it). Every comparison checks that the answers agree before timing: the bulk due
instants equal the scalar ones on the sample, numpy's due dates equal the bulk ones' dates
on every receipt.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from benchmarks._harness import Result, interleaved, per_call

#: Receipts in the bulk benchmark, and how many of them the scalar loop is timed on.
BULK = 1_000_000
SAMPLE = 20_000


def run(quick: bool) -> list[Result]:
    """The per-receipt benchmarks, then the bulk ones."""
    return [*_scalar(quick), *_bulk(quick)]


def _scalar(quick: bool) -> list[Result]:
    import pandas as pd

    from tthc import Duration, compute_deadline
    from tthc.calendar import WorkingCalendar

    vn = WorkingCalendar.vietnam()
    rng = random.Random(7)
    n = 2_000 if quick else 20_000
    base = dt.datetime(2024, 1, 1)
    receipts = [
        base + dt.timedelta(days=rng.randrange(0, 900), minutes=rng.randrange(7 * 60, 17 * 60))
        for _ in range(n)
    ]
    days = Duration.working_days(3)
    hours = Duration.working_hours(5)

    def by_days() -> None:
        for r in receipts:
            compute_deadline(days, r, calendar=vn)

    def by_hours() -> None:
        for r in receipts:
            compute_deadline(hours, r, calendar=vn)

    holidays = [
        d.date
        for d in vn.non_working_days(dt.date(2024, 1, 1), dt.date(2027, 12, 31))
        if d.date.weekday() < 5
    ]
    cbh = pd.offsets.CustomBusinessHour(
        n=5, start=["07:30", "13:00"], end=["11:30", "17:00"], holidays=holidays
    )
    stamps = [pd.Timestamp(r) for r in receipts]
    sample = min(n, 2_000)

    def pandas_hours() -> None:
        for s in stamps[:sample]:
            s + cbh

    t_days = per_call(by_days, calls=n)
    t_hours = per_call(by_hours, calls=n)
    t_pandas = per_call(pandas_hours, calls=sample, repeat=3)
    return [
        Result(
            "compute_deadline, 3 working days",
            "per call",
            t_days,
            target="<= 3 µs",
            passed=t_days <= 3e-6,
        ),
        Result(
            "compute_deadline, 5 working hours",
            "per call",
            t_hours,
            {"pandas CustomBusinessHour(5), same sessions and holidays": t_pandas},
            target="<= 5 µs and >= 10x pandas",
            passed=t_hours <= 5e-6 and t_pandas / t_hours >= 10,
        ),
    ]


def _bulk(quick: bool) -> list[Result]:
    import numpy as np

    from tthc import (
        Duration,
        DurationKind,
        WorkingCalendar,
        compute_deadline,
        compute_deadlines,
    )

    vn = WorkingCalendar.vietnam()
    rng = np.random.default_rng(15)
    year = 365 * 86_400_000_000  # microseconds
    receipts = np.datetime64("2026-01-01T00:00", "us") + rng.integers(0, year, BULK).astype(
        "timedelta64[us]"
    )
    sample = receipts[:SAMPLE].tolist()
    off = [d.date for d in vn.non_working_days(dt.date(2025, 12, 1), dt.date(2027, 3, 31))]
    every_day_off = np.busdaycalendar(weekmask="1111111", holidays=off)
    repeat = 3 if quick else 7
    results = []
    for duration, target in ((Duration.working_days(3), 0.1), (Duration.working_hours(5), 0.2)):

        def bulk(duration: Duration = duration) -> Any:
            return compute_deadlines(duration, receipts, calendar=vn)

        def loop(duration: Duration = duration) -> list[dt.datetime | None]:
            return [compute_deadline(duration, at, calendar=vn).due_at for at in sample]

        due = bulk()
        if due[:SAMPLE].tolist() != loop():
            raise AssertionError(f"compute_deadlines and compute_deadline disagree: {duration}")
        runs: list[tuple[Any, int]] = [(bulk, 1), (loop, SAMPLE)]
        names = [f"compute_deadline loop ({SAMPLE:,} timed, scaled to {BULK:,})"]
        if duration.kind is DurationKind.WORKING_DAYS:
            days = int(duration.amount)

            def numpy_days(days: int = days) -> Any:
                return np.busday_offset(
                    receipts.astype("datetime64[D]"), days, roll="backward", busdaycal=every_day_off
                )

            agree = int((numpy_days() == due.astype("datetime64[D]")).sum())
            if agree != BULK:
                raise AssertionError(f"numpy.busday_offset agrees on {agree:,} of {BULK:,} dates")
            runs.append((numpy_days, 1))
            names.append("numpy.busday_offset, roll=backward (dates only)")
        t_bulk, t_loop, *t_others = interleaved(*runs, repeat=repeat)
        others = dict(zip(names, [t_loop * BULK, *t_others], strict=True))
        results.append(
            Result(
                f"compute_deadlines, {BULK:,} receipts, {duration}",
                "per batch",
                t_bulk,
                others,
                target=f"<= {target} s and >= 50x the scalar loop",
                passed=t_bulk <= target and t_loop * BULK / t_bulk >= 50,
            )
        )
    return results
