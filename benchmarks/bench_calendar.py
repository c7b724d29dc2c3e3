"""The working calendar against numpy, holidays and pandas on the same inputs, in one run.

Targets (issue 3): add_working_days <= 0.5 µs and >= 3x a scalar numpy.busday_offset and
>= 40x holidays.VN().get_nth_working_day; add_working_time <= 2 µs and >= 20x pandas
CustomBusinessHour; add_working_days_many on 1,000,000 datetime64 pairs >= 2x a vectorised
numpy.busday_offset, and <= 0.3 s from Python date lists; import tthc + vietnam() <= 150 ms.

numpy and pandas get the same weekday days off (as a holiday list) and weekmask; they
cannot add a make-up Saturday, so their answers differ on those days: only speed is
compared here, correctness is the test suite's job.
"""

from __future__ import annotations

import datetime as dt
import random
import statistics
import subprocess
import sys
from collections.abc import Iterator

from benchmarks._harness import Result, installed_env, per_call

_IMPORT = (
    "import time; t = time.perf_counter(); import tthc; tthc.WorkingCalendar.vietnam(); "
    "print(time.perf_counter() - t)"
)
_IMPORT_HOLIDAYS = (
    "import time; t = time.perf_counter(); import holidays; "
    "holidays.VN(years=range(2000, 2100)); print(time.perf_counter() - t)"
)


def _in_fresh_process(code: str, runs: int, *, bytecode: bool = True) -> float:
    """Median seconds ``code`` reports in fresh interpreters (see :func:`installed_env`),
    after one unmeasured run."""
    env = installed_env(bytecode=bytecode)

    def once() -> float:
        done = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
        )
        return float(done.stdout)

    once()
    return statistics.median(once() for _ in range(runs))


def _days(first: dt.date, last: dt.date) -> Iterator[dt.date]:
    for ordinal in range(first.toordinal(), last.toordinal() + 1):
        yield dt.date.fromordinal(ordinal)


def _check_agree(
    ours: list[tuple[dt.date, int, dt.date]], theirs: list[dt.date], working_weekend: set[dt.date]
) -> None:
    """numpy gives tthc's answer for every pair, except where a make-up working weekend day
    (which numpy cannot represent) lies between the start and tthc's answer."""
    differ = [(d, k, a, b) for (d, k, a), b in zip(ours, theirs, strict=True) if a != b]
    unexplained = [
        pair for pair in differ if not any(pair[0] < w <= pair[2] for w in working_weekend)
    ]
    assert not unexplained, f"numpy's answers differ from tthc's: {unexplained[:3]}"
    print(
        f"calendar: numpy (roll='backward') agrees on {len(ours) - len(differ):,} of "
        f"{len(ours):,} pairs; the others span a make-up working Saturday"
    )


def run(quick: bool) -> list[Result]:  # noqa: PLR0915  (one benchmark after the other)
    import holidays
    import numpy as np
    import pandas as pd

    from tthc import WorkingCalendar

    vn = WorkingCalendar.vietnam()
    rng = random.Random(3)
    first, last = dt.date(2000, 1, 1), dt.date(2099, 12, 31)
    weekday_off = [d.date for d in vn.non_working_days(first, last) if d.date.weekday() < 5]
    busdaycal = np.busdaycalendar(weekmask="1111100", holidays=weekday_off)

    # ------------------------------------------------------------ add_working_days, scalar
    n = 2_000 if quick else 20_000
    start = dt.date(2015, 1, 1).toordinal()
    days = [dt.date.fromordinal(start + rng.randrange(4_000)) for _ in range(n)]
    steps = [rng.randint(1, 30) for _ in range(n)]
    pairs = list(zip(days, steps, strict=False))
    np_pairs = [(np.datetime64(d, "D"), k) for d, k in pairs]
    add = vn.add_working_days
    offset = np.busday_offset

    # numpy rolls a day off back to the working day before it, then counts k from there:
    # the day tthc reaches by counting k working days after the day itself. numpy's
    # calendar can only take days away, so a make-up working Saturday (2024-05-04, say) is
    # a day off to it: the answers may differ only where one lies in between.
    working_weekend = {d for d in _days(first, last) if d.weekday() >= 5 and vn.is_working_day(d)}
    _check_agree(
        [(d, k, add(d, k)) for d, k in pairs],
        [offset(np.datetime64(d, "D"), k, roll="backward", busdaycal=busdaycal).item()
         for d, k in pairs],
        working_weekend,
    )  # fmt: skip

    def tthc_add() -> None:
        for d, k in pairs:
            add(d, k)

    def numpy_add() -> None:
        for d, k in np_pairs:
            offset(d, k, roll="backward", busdaycal=busdaycal)

    vn_holidays = holidays.VN(years=range(2014, 2028))
    small = pairs[:300]

    def holidays_add() -> None:
        for d, k in small:
            vn_holidays.get_nth_working_day(d, k)

    repeat = 3 if quick else 7
    t_add = per_call(tthc_add, calls=n, repeat=repeat)
    t_np = per_call(numpy_add, calls=n, repeat=repeat)
    t_hol = per_call(holidays_add, calls=len(small), repeat=3)
    results = [
        Result(
            "add_working_days (scalar)",
            "per call",
            t_add,
            {
                "numpy.busday_offset (scalar, busdaycal)": t_np,
                "holidays.VN().get_nth_working_day": t_hol,
            },
            target="<= 0.5 µs, >= 3x numpy scalar, >= 40x holidays",
            passed=t_add <= 0.5e-6 and t_np / t_add >= 3 and t_hol / t_add >= 40,
        )
    ]

    # ------------------------------------------------------------ add_working_time
    moments = [
        dt.datetime.combine(d, dt.time()) + dt.timedelta(minutes=rng.randrange(6 * 60, 18 * 60))
        for d in days
    ]
    hours = [rng.randint(1, 16) for _ in range(n)]
    deltas = [dt.timedelta(hours=h) for h in hours]
    timed = list(zip(moments, deltas, strict=False))
    add_time = vn.add_working_time

    def tthc_time() -> None:
        for m, delta in timed:
            add_time(m, delta)

    offsets = {
        h: pd.offsets.CustomBusinessHour(
            n=h, start=["07:30", "13:00"], end=["11:30", "17:00"], holidays=weekday_off,
            weekmask="Mon Tue Wed Thu Fri",
        )
        for h in set(hours)
    }  # fmt: skip
    stamps = [(pd.Timestamp(m), offsets[h]) for m, h in zip(moments, hours, strict=False)][:1_000]

    def pandas_time() -> None:
        for stamp, off in stamps:
            stamp + off

    t_time = per_call(tthc_time, calls=n, repeat=repeat)
    t_pd = per_call(pandas_time, calls=len(stamps), repeat=3)
    results.append(
        Result(
            "add_working_time (lunch skipped)",
            "per call",
            t_time,
            {"pandas CustomBusinessHour (same sessions)": t_pd},
            target="<= 2 µs, >= 20x pandas",
            passed=t_time <= 2e-6 and t_pd / t_time >= 20,
        )
    )

    # ------------------------------------------------------------ bulk
    size = 1_000_000
    big_days = (
        np.array([start + rng.randrange(4_000) for _ in range(size)], dtype=np.int64)
        - dt.date(1970, 1, 1).toordinal()
    )
    big = big_days.astype("datetime64[D]")
    big_n = np.array([rng.randint(1, 30) for _ in range(size)], dtype=np.int64)

    sample = slice(0, 20_000)
    _check_agree(
        list(zip(big[sample].tolist(), big_n[sample].tolist(),
                 vn.add_working_days_many(big[sample], big_n[sample]).tolist(), strict=True)),
        np.busday_offset(big[sample], big_n[sample], roll="backward", busdaycal=busdaycal).tolist(),
        working_weekend,
    )  # fmt: skip

    def tthc_many() -> None:
        vn.add_working_days_many(big, big_n)

    def numpy_many() -> None:
        np.busday_offset(big, big_n, roll="backward", busdaycal=busdaycal)

    bulk_repeat = 3 if quick else 5
    t_many = per_call(tthc_many, calls=1, repeat=bulk_repeat)
    t_np_many = per_call(numpy_many, calls=1, repeat=bulk_repeat)
    results.append(
        Result(
            "add_working_days_many, 1,000,000 datetime64 pairs",
            "per batch",
            t_many,
            {"numpy.busday_offset (vectorised)": t_np_many},
            target=">= 2x numpy vectorised",
            passed=t_np_many / t_many >= 2,
        )
    )
    py_days = big.tolist()
    py_n = big_n.tolist()

    def tthc_many_python() -> None:
        vn.add_working_days_many(py_days, py_n)

    def numpy_from_python() -> None:  # what a numpy user pays from the same lists
        np.busday_offset(
            np.array(py_days, dtype="datetime64[D]"), py_n, roll="backward", busdaycal=busdaycal
        ).tolist()

    t_py = per_call(tthc_many_python, calls=1, repeat=bulk_repeat)
    t_np_py = per_call(numpy_from_python, calls=1, repeat=bulk_repeat)
    results.append(
        Result(
            "add_working_days_many, 1,000,000 Python date pairs",
            "per batch",
            t_py,
            {"numpy.busday_offset from the same lists": t_np_py},
            target="<= 0.3 s",
            passed=t_py <= 0.3,
        )
    )

    # ------------------------------------------------------------ start-up
    runs = 3 if quick else 7
    t_import = _in_fresh_process(_IMPORT, runs)
    t_import_cold = _in_fresh_process(_IMPORT, runs, bytecode=False)
    t_import_holidays = _in_fresh_process(_IMPORT_HOLIDAYS, runs)
    results.append(
        Result(
            "import tthc + WorkingCalendar.vietnam()",
            "per process",
            t_import,
            {
                "import holidays + holidays.VN(years=2000..2099)": t_import_holidays,
                "tthc again, compiling every module (no .pyc)": t_import_cold,
            },
            target="<= 150 ms",
            passed=t_import <= 0.150,
        )
    )
    return results
