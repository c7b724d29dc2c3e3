"""A national report computed per partition on Dask, merged, equals the one-process report."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import pytest

from tthc.reports import DossierRecord, Report, report

dask_bag = pytest.importorskip("dask.bag")


def test_dask_partitions_merge_to_the_single_process_report(
    export_rows: Callable[[int], list[dict[str, Any]]],
) -> None:
    data = export_rows(3_000)
    options: dict[str, Any] = {"period": "2026-Q1", "group_by": ("agency", "field", "month")}
    bag = dask_bag.from_sequence(data, npartitions=7)
    partials = bag.map_partitions(lambda part: [report(part, **options)])
    merged: Report = partials.fold(Report.merge).compute(scheduler="synchronous")
    threaded: Report = partials.fold(Report.merge).compute(scheduler="threads")
    single = report((DossierRecord.from_mapping(r) for r in data), **options)
    assert merged == single
    assert threaded == single
    assert single.records == 3_000
    assert len(partials.compute(scheduler="synchronous")) == partials.npartitions > 1


def test_the_merge_is_a_reduction_any_engine_can_use(
    export_rows: Callable[[int], list[dict[str, Any]]],
) -> None:
    data = export_rows(500)
    make = functools.partial(report, period="2026-Q1", group_by="field", policy="qd-766")
    chunks = [data[i : i + 97] for i in range(0, len(data), 97)]
    assert functools.reduce(Report.merge, map(make, chunks)) == make(data)


# Dask's own use of pandas, which pandas 3.1 warns about; not tthc's.
@pytest.mark.filterwarnings("ignore:The inplace keyword in DataFrame.reset_index is deprecated")
def test_a_dask_dataframe_over_parquet_files_reports_by_partition(
    tmp_path: Any, export_rows: Callable[[int], list[dict[str, Any]]]
) -> None:
    """A folder of Parquet files, read by Dask: a partial report per partition, merged."""
    dd = pytest.importorskip("dask.dataframe")
    pa = pytest.importorskip("pyarrow")
    pq = pytest.importorskip("pyarrow.parquet")
    import dask

    data = export_rows(2_000)
    names = sorted({k for row in data for k in row})
    for i in range(4):
        part = data[i * 500 : (i + 1) * 500]
        table = pa.table({k: [row.get(k) for row in part] for k in names})
        pq.write_table(table, tmp_path / f"part-{i}.parquet")
    frame = dd.read_parquet(str(tmp_path))
    make = functools.partial(report, period="2026-Q1", group_by=("agency", "field", "month"))
    partials = [dask.delayed(make)(part) for part in frame.to_delayed()]
    national = dask.delayed(functools.reduce)(Report.merge, partials).compute(scheduler="threads")
    assert len(partials) >= 4
    assert national == make(DossierRecord.from_mapping(r) for r in data)
