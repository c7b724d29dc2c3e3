"""``tthc report`` end to end on a 1,000,000-line CSV and JSON Lines file, beside dataframes.

The command is timed as a user runs it: a new process (interpreter start and imports
included) reading the file, counting every counter by field and month, and printing the
JSON report. Beside it, in the same run, polars, duckdb and pandas (those installed) read
the same file and compute four of the counters (received, resolved early / on time /
late by field and month); their counts are checked equal to tthc's before the times are
shown. The records are those of :mod:`benchmarks.bench_reports`. ``--quick`` keeps the
file at a million lines (the target is for that size) and times each side once.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from benchmarks._harness import Result, installed_env
from benchmarks.bench_readers import COLUMNS
from benchmarks.bench_reports import _raw

LINES = 1_000_000
POOL = 100_000
#: The wall time allowed to ``tthc report`` on a file of :data:`LINES` lines.
TARGET_S = 1.5
_COLUMNS = COLUMNS  # the readers benchmark's columns: every field the records fill
_TIMES = ("received_at", "due_at", "result_ready_at", "returned_at", "ended_at")
_START, _END = dt.datetime(2026, 1, 1), dt.datetime(2027, 1, 1)
Counts = dict[tuple[str, int], list[int]]


def _time(at: dt.datetime | None) -> str:
    return "" if at is None else at.strftime("%Y-%m-%dT%H:%M")


def _csv_line(row: dict[str, Any]) -> str:
    cells = [str(row.get(name) or "") for name in _COLUMNS]
    for name in _TIMES:
        cells[_COLUMNS.index(name)] = _time(row.get(name))
    for name in ("supplement_waits", "payment_waits"):
        waits = row.get(name, [])
        cells[_COLUMNS.index(name)] = ";".join(f"{_time(a)}/{_time(b)}" for a, b in waits)
    return ",".join(cells) + "\n"


def _json_line(row: dict[str, Any]) -> str:
    out: dict[str, Any] = {name: row[name] for name in _COLUMNS if row.get(name) is not None}
    for name in _TIMES:
        if name in out:
            out[name] = _time(out[name])
    for name in ("supplement_waits", "payment_waits"):
        if name in out:
            out[name] = [[_time(a), _time(b) or None] for a, b in out[name]]
    return json.dumps(out, ensure_ascii=False) + "\n"


def write_files(folder: Path, pool_rows: list[dict[str, Any]], n: int) -> tuple[Path, Path]:
    """The pool written cyclically up to ``n`` lines, as CSV and as JSON Lines."""
    csv_path, json_path = folder / "dossiers.csv", folder / "dossiers.jsonl"
    for path, line, head in (
        (csv_path, _csv_line, ",".join(_COLUMNS) + "\n"),
        (json_path, _json_line, ""),
    ):
        block = "".join(line(r) for r in pool_rows)
        with path.open("w", encoding="utf-8") as out:
            out.write(head)
            for _ in range(n // len(pool_rows)):
                out.write(block)
            out.write("".join(line(r) for r in pool_rows[: n % len(pool_rows)]))
    return csv_path, json_path


def _tthc(path: Path) -> Counts:
    """``tthc report`` in a new process, as installed; its four counters by (field, month)."""
    argv = [sys.executable, "-m", "tthc", "report", str(path), "--period", "2026"]
    argv += ["--group-by", "field,month", "--format", "json"]
    done = subprocess.run(argv, capture_output=True, text=True, check=True, env=installed_env())
    counts: Counts = {}
    for row in json.loads(done.stdout)["rows"]:
        key = (row["field"], int(row["month"][5:7]))
        four = [row[name] for name in ("received", "resolved_early", "resolved_on_time")]
        four.append(row["resolved_late"])
        if any(four):  # a group with other counters only: the others have no row for it
            counts[key] = four
    return counts


def _counts(received: Any, resolved: Any) -> Counts:
    """Counts from rows of (field, month, n) and (field, month, early, on_time, late)."""
    counts: Counts = {}
    for field, month, n in received:
        counts.setdefault((field, int(month)), [0, 0, 0, 0])[0] = int(n)
    for field, month, *verdicts in resolved:
        counts.setdefault((field, int(month)), [0, 0, 0, 0])[1:] = [int(v) for v in verdicts]
    return counts


def _polars(path: Path) -> Counts:
    import polars as pl

    if path.suffix == ".csv":
        frame = pl.scan_csv(path, try_parse_dates=True)
    else:
        frame = pl.scan_ndjson(path).with_columns(
            pl.col(name).str.to_datetime("%Y-%m-%dT%H:%M") for name in ("received_at", "due_at")
        )
        if "result_ready_at" in frame.collect_schema():
            frame = frame.with_columns(pl.col("result_ready_at").str.to_datetime("%Y-%m-%dT%H:%M"))
    accepted = frame.filter(~pl.col("status").is_in([1, 3]))
    got = pl.col("received_at")
    received = (
        accepted.filter((got >= _START) & (got < _END))
        .group_by("field", got.dt.month().alias("month"))
        .len()
    )
    ready = pl.col("result_ready_at")
    done, due = ready.dt.date(), pl.col("due_at").dt.date()
    resolved = (
        accepted.filter((ready >= _START) & (ready < _END))
        .group_by("field", ready.dt.month().alias("month"))
        .agg((done < due).sum(), (done == due).sum().alias("on"), (done > due).sum().alias("l"))
    )
    a, b = pl.collect_all([received, resolved])
    return _counts(a.iter_rows(), b.iter_rows())


def _duckdb(path: Path) -> Counts:
    import duckdb

    reader = "read_csv" if path.suffix == ".csv" else "read_json"
    con = duckdb.connect()
    con.execute(
        "CREATE VIEW d AS SELECT field, status, received_at::TIMESTAMP AS received_at, "
        f"due_at::TIMESTAMP AS due_at, result_ready_at::TIMESTAMP AS result_ready_at "
        f"FROM {reader}('{path}')"
    )
    received = con.execute(
        "SELECT field, month(received_at), count(*) FROM d WHERE status NOT IN (1, 3) "
        "AND received_at >= '2026-01-01' AND received_at < '2027-01-01' GROUP BY ALL"
    ).fetchall()
    resolved = con.execute(
        "SELECT field, month(result_ready_at), "
        "count_if(result_ready_at::DATE < due_at::DATE), "
        "count_if(result_ready_at::DATE = due_at::DATE), "
        "count_if(result_ready_at::DATE > due_at::DATE) "
        "FROM d WHERE status NOT IN (1, 3) "
        "AND result_ready_at >= '2026-01-01' AND result_ready_at < '2027-01-01' GROUP BY ALL"
    ).fetchall()
    return _counts(received, resolved)


def _pandas(path: Path) -> Counts:
    import numpy as np
    import pandas as pd

    names = ["field", "status", "received_at", "due_at", "result_ready_at"]
    if path.suffix == ".csv":
        df = pd.read_csv(path, usecols=names)
    else:
        df = pd.read_json(path, lines=True, dtype=False)[names]
    for name in ("received_at", "due_at", "result_ready_at"):
        df[name] = pd.to_datetime(df[name], format="%Y-%m-%dT%H:%M")
    accepted = df[~df["status"].isin([1, 3])]
    got = accepted["received_at"]
    rec = accepted[(got >= _START) & (got < _END)]
    received = rec.groupby(["field", rec["received_at"].dt.month]).size()
    ready = accepted["result_ready_at"]
    res = accepted[(ready >= _START) & (ready < _END)]
    done, due = res["result_ready_at"].dt.normalize(), res["due_at"].dt.normalize()
    verdict = np.select([done < due, done == due], [0, 1], 2)
    table = res.groupby([res["field"], res["result_ready_at"].dt.month, verdict]).size()
    resolved = table.unstack(fill_value=0).reindex(columns=[0, 1, 2], fill_value=0)
    return _counts(
        ((f, m, n) for (f, m), n in received.items()),
        ((f, m, *row) for (f, m), row in zip(resolved.index, resolved.to_numpy(), strict=True)),
    )


def _timed(fn: Callable[[Path], Counts], path: Path, repeat: int) -> tuple[float, Counts]:
    """The median wall time of ``fn(path)`` over ``repeat`` runs, after one to warm up."""
    counts = fn(path)
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn(path)
        samples.append(time.perf_counter() - start)
    return sorted(samples)[len(samples) // 2], counts


def run(quick: bool) -> list[Result]:
    import random

    rng = random.Random(766)
    pool_rows = [_raw(rng, i) for i in range(POOL)]
    others: dict[str, Callable[[Path], Counts]] = {}
    import importlib.util

    for name, fn in (("polars", _polars), ("duckdb", _duckdb), ("pandas", _pandas)):
        if importlib.util.find_spec(name) is None:
            print(f"textfiles: {name} is not installed; no {name} comparison")
        else:
            others[name] = fn
    repeat = 1 if quick else 3
    results = []
    with tempfile.TemporaryDirectory() as folder:
        paths = write_files(Path(folder), pool_rows, LINES)
        for path in paths:
            kind = "CSV" if path.suffix == ".csv" else "JSON Lines"
            seconds, mine = _timed(_tthc, path, repeat)
            theirs: dict[str, float] = {}
            disagree = []
            for name, fn in others.items():
                their_seconds, counts = _timed(fn, path, repeat)
                if counts != mine:
                    disagree.append(name)
                theirs[f"{name} reading it (4 counters)"] = their_seconds
            megabytes = path.stat().st_size / 1e6
            print(
                f"textfiles: {LINES:,} lines of {kind} ({megabytes:.0f} MB); counts of "
                f"{', '.join(others) or 'no other engine'}: "
                f"{'DISAGREE: ' + ', '.join(disagree) if disagree else 'agree with tthc'}"
            )
            results.append(
                Result(
                    f"tthc report, a {LINES:,}-line {kind} file by field and month",
                    "wall, new process",
                    seconds,
                    theirs,
                    target=f"<= {TARGET_S:g} s",
                    passed=seconds <= TARGET_S and not disagree,
                )
            )
    return results
