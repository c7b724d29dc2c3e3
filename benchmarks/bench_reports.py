"""tthc.report over 1,000,000 dossier records by field and month, against a pandas groupby.

The records are streamed: a pool of distinct records (a year of a province's dossiers in
60 fields: results ready or returned, early, on time or late, open, withdrawn, stopped,
refused, waiting for a supplement or a payment, some carried over from the year before) is
cycled up to the count, as a database cursor would hand them over, so memory measures the
report, not the input. The pandas comparison is the groupby a user would write for the
same counters on a DataFrame already in memory; its counts are checked against tthc's.
"""

from __future__ import annotations

import datetime as dt
import gc
import itertools
import random
import time
import tracemalloc
from collections.abc import Iterator
from typing import Any

from benchmarks._harness import Result, installed_env

FIELDS = [f"Lĩnh vực {i:02d}" for i in range(60)]
CHANNELS = ["counter", "online", "postal"]


def _raw(rng: random.Random, i: int) -> dict[str, Any]:
    """The fields of one dossier record."""
    received = dt.datetime(2025, 12, 1, 7, 30) + dt.timedelta(
        minutes=rng.randrange(0, 395 * 24 * 60)
    )
    due = dt.datetime.combine(received.date() + dt.timedelta(days=rng.randint(0, 20)), dt.time(17))
    row: dict[str, Any] = {
        "code": f"000.00.31.H26-{received:%y%m%d}-{i % 10_000:04d}",
        "received_at": received,
        "due_at": due,
        "field": rng.choice(FIELDS),
        "channel": rng.choice(CHANNELS),
        "procedure": f"1.00{rng.randrange(1000, 1200)}",
        "level": rng.choice(["province", "commune"]),
    }
    u = rng.random()
    ready = received + dt.timedelta(hours=rng.randrange(1, 24 * 25))
    if u < 0.45:
        row.update(status=9, result_ready_at=ready)
    elif u < 0.85:
        row.update(status=10, result_ready_at=ready, returned_at=ready + dt.timedelta(days=1))
    elif u < 0.88:
        row.update(status=7, ended_at=received + dt.timedelta(days=2))
    elif u < 0.90:
        row.update(status=8, ended_at=received + dt.timedelta(days=4))
    elif u < 0.92:
        row.update(status=3, ended_at=received + dt.timedelta(hours=3))
    elif u < 0.95:
        start = received + dt.timedelta(days=1)
        row.update(status=5, supplement_waits=[(start, None)])
    elif u < 0.97:
        start = received + dt.timedelta(days=1)
        row.update(status=6, payment_waits=[(start, None)])
    else:
        row.update(status=4)
    if row["status"] in (9, 10) and rng.random() < 0.1:
        quarter = (ready - received) / 4
        row["supplement_waits"] = [(received + quarter, received + 2 * quarter)]
    return row


def _stream(pool: list[Any], n: int) -> Iterator[Any]:
    return itertools.islice(itertools.cycle(pool), n)


def _frame(pool_rows: list[dict[str, Any]], n: int) -> Any:
    """The same records as a pandas DataFrame of n rows, as a user would hold them."""
    import numpy as np
    import pandas as pd

    base = pd.DataFrame(
        {
            "field": [r["field"] for r in pool_rows],
            "status": [r["status"] for r in pool_rows],
            "received_at": [r["received_at"] for r in pool_rows],
            "due_at": [r["due_at"] for r in pool_rows],
            "result_ready_at": [r.get("result_ready_at") for r in pool_rows],
        }
    )
    base["field"] = base["field"].astype("category")
    reps = -(-n // len(base))
    return base.iloc[np.tile(np.arange(len(base)), reps)[:n]].reset_index(drop=True)


def _pandas_report(df: Any) -> Any:
    """The obvious groupby: received by receipt month, resolved by result month and verdict."""
    import numpy as np
    import pandas as pd

    start, end = pd.Timestamp("2026-01-01"), pd.Timestamp("2027-01-01")
    accepted = df[~df["status"].isin([1, 3])]
    rec = accepted[(accepted["received_at"] >= start) & (accepted["received_at"] < end)]
    received = rec.groupby(["field", rec["received_at"].dt.to_period("M")], observed=True).size()
    ready = accepted["result_ready_at"]
    res = accepted[(ready >= start) & (ready < end)]
    done, due = res["result_ready_at"].dt.normalize(), res["due_at"].dt.normalize()
    verdict = np.select([done < due, done == due], ["early", "on_time"], "late")
    resolved = (
        res.groupby(["field", res["result_ready_at"].dt.to_period("M"), verdict], observed=True)
        .size()
        .unstack(fill_value=0)
    )
    return received, resolved


def _agree(rep: Any, received: Any, resolved: Any) -> bool:
    for (field, month), n in received.items():
        if rep[field, str(month)].received != n:
            return False
    for (field, month), row in resolved.iterrows():
        mine = rep[field, str(month)]
        if (mine.resolved_early, mine.resolved_on_time, mine.resolved_late) != (
            row.get("early", 0),
            row.get("on_time", 0),
            row.get("late", 0),
        ):
            return False
    return sum(received) == rep.total.received and resolved.to_numpy().sum() == rep.total.resolved


def _peak(fn: Any) -> tuple[int, float]:
    gc.collect()
    tracemalloc.start()
    tracemalloc.reset_peak()
    t0 = time.perf_counter()
    fn()
    elapsed = time.perf_counter() - t0
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak, elapsed


def run(quick: bool) -> list[Result]:
    from tthc.reports import DossierRecord, report

    n = 100_000 if quick else 1_000_000
    rng = random.Random(766)
    pool_rows = [_raw(rng, i) for i in range(20_000 if quick else 100_000)]
    pool = [DossierRecord(**r) for r in pool_rows]
    options: dict[str, Any] = {"period": "2026", "group_by": ("field", "month")}

    def tthc_report() -> Any:
        return report(_stream(pool, n), **options)

    rep = tthc_report()  # warm up
    samples = []
    for _ in range(3):
        t0 = time.perf_counter()
        tthc_report()
        samples.append(time.perf_counter() - t0)
    seconds = sorted(samples)[1]

    def end_to_end() -> Any:
        return report((DossierRecord(**r) for r in _stream(pool_rows, n)), **options)

    t0 = time.perf_counter()
    end_to_end()
    seconds_e2e = time.perf_counter() - t0

    small = n // 10
    peak_small, _ = _peak(lambda: report(_stream(pool, small), **options))
    peak_full, _ = _peak(tthc_report)
    bounded = peak_full <= 1.25 * peak_small + 1_000_000

    df = _frame(pool_rows, n)
    t0 = time.perf_counter()
    received, resolved = _pandas_report(df)
    seconds_pandas = time.perf_counter() - t0
    agree = _agree(rep, received, resolved)
    frame_mb = df.memory_usage(deep=True).sum() / 1e6

    print(
        f"reports: {n:,} records, {len(rep.rows)} rows ({len(FIELDS)} fields x 12 months); "
        f"peak memory of the report {peak_full / 1e6:.1f} MB "
        f"({peak_small / 1e6:.1f} MB for {small:,} records: {'bounded' if bounded else 'GROWS'}); "
        f"the pandas input frame alone holds {frame_mb:.0f} MB; "
        f"pandas and tthc counts {'agree' if agree else 'DISAGREE'}"
    )
    target_s = 5.0 if not quick else 0.5
    return [
        Result(
            f"report, {n:,} records by field and month",
            "whole run",
            seconds,
            {"pandas groupby (5 of the 16 counters), frame in memory": seconds_pandas},
            target=f"<= {target_s:g} s, peak memory independent of the record count",
            passed=seconds <= target_s and bounded and agree,
        ),
        Result(
            f"report, {n:,} records built from raw values on the way",
            "whole run",
            seconds_e2e,
            target="information: includes building each DossierRecord",
        ),
        *run_columnar(quick),
    ]


# ---------------------------------------------------------------- columns


def _arrow_table(pool_rows: list[dict[str, Any]], n: int) -> Any:
    """The records as an Arrow table of n rows (the pool repeated), waits as lists of pairs."""
    import numpy as np
    import pyarrow as pa

    names = [
        "code",
        "received_at",
        "status",
        "field",
        "channel",
        "procedure",
        "level",
        "due_at",
        "result_ready_at",
        "returned_at",
        "ended_at",
    ]
    columns = {name: pa.array([r.get(name) for r in pool_rows]) for name in names}
    stamp = pa.timestamp("us")
    for name in ("received_at", "due_at", "result_ready_at", "returned_at", "ended_at"):
        columns[name] = columns[name].cast(stamp)
    columns["status"] = columns["status"].cast(pa.int8())
    pair = pa.list_(pa.struct([("started", stamp), ("ended", stamp)]))
    for name in ("supplement_waits", "payment_waits"):
        columns[name] = pa.array(
            [[{"started": a, "ended": b} for a, b in r.get(name, [])] for r in pool_rows], pair
        )
    base = pa.table(columns)
    reps = -(-n // len(base))
    return base.take(np.tile(np.arange(len(base)), reps)[:n]).combine_chunks()


def _four_counters_polars(table: Any) -> Any:
    """Received, resolved early / on time / late by field and month, in a polars query."""
    import polars as pl

    df = pl.from_arrow(table)
    start, end = dt.datetime(2026, 1, 1), dt.datetime(2027, 1, 1)
    accepted = df.lazy().filter(~pl.col("status").is_in([1, 3]))
    received = (
        accepted.filter((pl.col("received_at") >= start) & (pl.col("received_at") < end))
        .group_by("field", pl.col("received_at").dt.month().alias("month"))
        .len()
    )
    ready = pl.col("result_ready_at")
    done, due = ready.dt.date(), pl.col("due_at").dt.date()
    resolved = (
        accepted.filter((ready >= start) & (ready < end))
        .group_by("field", ready.dt.month().alias("month"))
        .agg(
            (done < due).sum().alias("early"),
            (done == due).sum().alias("on_time"),
            (done > due).sum().alias("late"),
        )
    )
    return pl.collect_all([received, resolved])


def _four_counters_duckdb(table: Any) -> Any:
    """The same four counters in duckdb SQL over the Arrow table."""
    import duckdb

    con = duckdb.connect()
    con.register("d", table)
    return con.execute(
        """
        WITH a AS (SELECT * FROM d WHERE status NOT IN (1, 3))
        SELECT field, month(received_at) AS m, count(*) FROM a
        WHERE received_at >= '2026-01-01' AND received_at < '2027-01-01' GROUP BY ALL
        UNION ALL
        SELECT field, month(result_ready_at) + 100,
               sum(CASE WHEN result_ready_at::DATE < due_at::DATE THEN 1 ELSE 0 END)
               + 1000000 * sum(CASE WHEN result_ready_at::DATE = due_at::DATE THEN 1 ELSE 0 END)
        FROM a WHERE result_ready_at >= '2026-01-01' AND result_ready_at < '2027-01-01'
        GROUP BY ALL
        """
    ).fetchall()


def run_columnar(quick: bool) -> list[Result]:
    """tthc.report over an in-memory Arrow table and a Parquet file, beside polars and duckdb."""
    import tempfile
    from pathlib import Path

    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from benchmarks._harness import interleaved
    from tthc.reports import DossierRecord, report

    n = 100_000 if quick else 1_000_000
    rng = random.Random(766)
    pool_rows = [_raw(rng, i) for i in range(20_000 if quick else 100_000)]
    table = _arrow_table(pool_rows, n)
    waits = sum(1 for r in pool_rows if r.get("supplement_waits") or r.get("payment_waits"))
    options: dict[str, Any] = {"period": "2026", "group_by": ("field", "month")}
    rep = report(table, **options)
    records = [DossierRecord(**r) for r in pool_rows]
    agree = rep == report(_stream(records, n), **options)
    no_waits = table.filter(
        pc.and_(
            pc.equal(pc.list_value_length(table["supplement_waits"]), 0),
            pc.equal(pc.list_value_length(table["payment_waits"]), 0),
        )
    )
    others: dict[str, Any] = {}
    try:
        import polars  # noqa: F401

        others["polars lazy query (4 counters), table in memory"] = lambda: _four_counters_polars(
            table
        )
    except ImportError:
        print("reports (columns): polars is not installed; no polars comparison")
    try:
        import duckdb  # noqa: F401

        others["duckdb SQL (4 counters), table in memory"] = lambda: _four_counters_duckdb(table)
    except ImportError:
        print("reports (columns): duckdb is not installed; no duckdb comparison")
    runs = [
        (lambda: report(table, **options), 1),
        (lambda: report(no_waits, **options), 1),
        *((fn, 1) for fn in others.values()),
    ]
    seconds, seconds_no_waits, *theirs = interleaved(*runs, repeat=3 if quick else 5)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "dossiers.parquet"
        pq.write_table(table, path)
        (seconds_parquet,) = interleaved((lambda: report(path, **options), 1), repeat=3)
        large = None if quick else _large_parquet(table, Path(folder) / "ten.parquet", options)
    print(
        f"reports (columns): {n:,} rows, {waits / len(pool_rows):.1%} of them with a wait "
        f"(one of a kind: counted by arrays too); columnar and streaming reports "
        f"{'agree' if agree else 'DISAGREE'}"
    )
    target_s = 0.15 if not quick else 0.05
    return [
        Result(
            f"report, {n:,} rows of an Arrow table by field and month",
            "whole run",
            seconds,
            dict(zip(others, theirs, strict=True)),
            target=f"<= {target_s:g} s, faster than polars and duckdb",
            passed=agree and seconds <= target_s and all(seconds < other for other in theirs),
        ),
        Result(
            f"report, the {no_waits.num_rows:,} of those rows without waits",
            "whole run",
            seconds_no_waits,
            target="information: the array path alone",
        ),
        Result(
            f"report, {n:,} rows from a Parquet file",
            "whole run",
            seconds_parquet,
            target="<= 0.4 s" if not quick else "information",
            passed=seconds_parquet <= 0.4 if not quick else None,
        ),
        *([] if large is None else [large]),
    ]


_CHILD = """
import pathlib, resource, sys, time
from tthc.reports import report
t0 = time.perf_counter()
rep = report(sys.argv[1], period="2026", group_by=("field", "month"))
elapsed = time.perf_counter() - t0
# The peak of this process's own memory: ru_maxrss keeps the parent's across fork and exec.
status = pathlib.Path("/proc/self/status")
lines = status.read_text().splitlines() if status.exists() else []
peak = [int(line.split()[1]) for line in lines if line.startswith("VmHWM:")]
kib = peak[0] if peak else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(elapsed, rep.records, kib * 1024)
"""


def _large_parquet(table: Any, path: Any, options: dict[str, Any]) -> Result:
    """Ten copies of the table in one Parquet file, reported in a fresh process: its time and
    the process's peak resident memory (imports included), the file read a batch at a time."""
    import subprocess
    import sys

    import pyarrow.parquet as pq

    assert options == {"period": "2026", "group_by": ("field", "month")}
    copies = 10
    with pq.ParquetWriter(path, table.schema) as writer:
        for _ in range(copies):
            writer.write_table(table, row_group_size=250_000)
    rows = copies * table.num_rows
    runs = []
    for _ in range(3):
        out = subprocess.run(
            [sys.executable, "-c", _CHILD, str(path)],
            capture_output=True,
            text=True,
            check=True,
            env=installed_env(),
        )
        elapsed, records, peak = out.stdout.split()
        assert int(records) == rows, (records, rows)
        runs.append((float(elapsed), int(peak)))
    seconds = sorted(r[0] for r in runs)[1]
    peak = max(r[1] for r in runs)
    return Result(
        f"report, {rows:,} rows from a Parquet file, peak memory {peak / 2**20:,.0f} MB",
        "whole run",
        seconds,
        target="<= 4 s, <= 1 GB",
        passed=seconds <= 4 and peak <= 2**30,
    )
