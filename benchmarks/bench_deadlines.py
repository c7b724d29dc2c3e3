"""compute_deadline against pandas CustomBusinessHour on the same arithmetic."""

from __future__ import annotations

import datetime as dt
import random

from benchmarks._harness import Result, per_call


def run(quick: bool) -> list[Result]:
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
