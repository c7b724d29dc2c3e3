"""Reading dossier records from files: ``read_records`` per record, JSON Lines and CSV.

The files hold the reports benchmark's records (every status, waits, channels). Each side
reads the same file from the page cache: tthc builds checked :class:`DossierRecord`
objects, the comparisons only parse (the standard library's ``json`` and ``csv``, pandas'
``read_csv`` with its dates parsed). The record counts are checked equal before timing.
"""

from __future__ import annotations

import csv
import json
import random
import tempfile
from pathlib import Path
from typing import Any

from benchmarks._harness import Result, interleaved
from benchmarks.bench_reports import _raw

COLUMNS = (
    "code",
    "received_at",
    "status",
    "procedure",
    "field",
    "level",
    "channel",
    "due_at",
    "result_ready_at",
    "returned_at",
    "ended_at",
    "supplement_waits",
    "payment_waits",
)


def _text(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, list):
        return [[_text(a), _text(b)] for a, b in value]
    return value


def _cell(value: Any) -> Any:
    """A CSV cell: waits as ``started/ended;...`` (an open wait ends with nothing)."""
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(f"{a}/{b or ''}" for a, b in value)
    return value


def _write(folder: Path, n: int) -> tuple[Path, Path]:
    rng = random.Random(766)
    rows = [{k: _text(v) for k, v in _raw(rng, i).items()} for i in range(n)]
    jsonl = folder / "records.jsonl"
    with jsonl.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    path_csv = folder / "records.csv"
    with path_csv.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out)
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in COLUMNS])
    return jsonl, path_csv


def run(quick: bool) -> list[Result]:
    import pandas as pd

    from tthc.reports import read_records

    n = 50_000 if quick else 200_000
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        jsonl, path_csv = _write(Path(tmp), n)

        def tthc_jsonl() -> int:
            return sum(1 for _ in read_records(jsonl))

        def tthc_csv() -> int:
            return sum(1 for _ in read_records(path_csv))

        def stdlib_json() -> int:
            with jsonl.open(encoding="utf-8") as f:
                return sum(1 for line in f if json.loads(line))

        def stdlib_csv() -> int:
            with path_csv.open(encoding="utf-8", newline="") as f:
                return sum(1 for _ in csv.DictReader(f))

        def pandas_csv() -> int:
            dates = ["received_at", "due_at", "result_ready_at", "returned_at", "ended_at"]
            return len(pd.read_csv(path_csv, parse_dates=dates, dtype={"status": "int64"}))

        counts = {tthc_jsonl(), tthc_csv(), stdlib_json(), stdlib_csv(), pandas_csv()}
        if counts != {n}:
            raise AssertionError(f"the readers disagree on the record count: {counts} vs {n}")
        repeat = 3 if quick else 5
        t_jsonl, t_json = interleaved((tthc_jsonl, n), (stdlib_json, n), repeat=repeat)
        t_csv, t_dict, t_pandas = interleaved(
            (tthc_csv, n), (stdlib_csv, n), (pandas_csv, n), repeat=repeat
        )
    for label, seconds, others in (
        ("JSON Lines", t_jsonl, {"json.loads per line (parsing only)": t_json}),
        (
            "CSV",
            t_csv,
            {"csv.DictReader (parsing only)": t_dict, "pandas.read_csv, dates parsed": t_pandas},
        ),
    ):
        results.append(
            Result(
                f"read_records, {n:,} {label} lines to checked DossierRecords",
                "per record",
                seconds,
                others,
                target="<= 10 µs a record",
                passed=seconds <= 10e-6,
            )
        )
    return results
