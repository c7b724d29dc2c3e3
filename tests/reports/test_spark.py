"""A national report computed per partition on Spark, merged, equals the one-process report.

Spark needs Java and the pyspark package (requirements/spark.lock, not in the dev lock: it is
450 MB). Without them the tests are skipped, unless ``TTHC_REQUIRE_SPARK=1`` (set by CI when
Java is on the machine), where a missing Spark is a failure instead of a silent skip.
"""

from __future__ import annotations

import functools
import os
import pickle
import shutil
import sys
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tthc.reports import DossierRecord, Report, report

if os.environ.get("TTHC_REQUIRE_SPARK") != "1":
    if shutil.which("java") is None:
        pytest.skip("Spark needs Java, which is not on this machine", allow_module_level=True)
    pytest.importorskip("pyspark")
    pytest.importorskip("pyarrow")

import pyarrow as pa
import pyarrow.parquet as pq
from pyspark.sql import SparkSession

# Spark's own warning about the pandas it finds installed; tthc's path here uses no pandas.
pytestmark = pytest.mark.filterwarnings("ignore:PySpark does not yet fully support pandas")

OPTIONS: dict[str, Any] = {"period": "2026-Q1", "group_by": ("agency", "field", "month")}
# A Spark column of one pickled partial report per partition.
PARTIAL = pa.schema([("partial", pa.binary())])


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    # The workers run this interpreter, which has tthc installed.
    before = os.environ.get("PYSPARK_PYTHON")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("tthc-reports")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "4")
        .config("spark.sql.session.timeZone", "Asia/Ho_Chi_Minh")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()
    if before is None:
        del os.environ["PYSPARK_PYTHON"]
    else:
        os.environ["PYSPARK_PYTHON"] = before


def partial_reports(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Spark's ``mapInArrow`` function: the partition's batches -> one pickled partial report."""
    part = report(pa.Table.from_batches(list(batches)), **OPTIONS)
    yield pa.RecordBatch.from_pylist([{"partial": pickle.dumps(part)}], schema=PARTIAL)


def test_spark_map_in_arrow_over_parquet_files_merges_to_the_single_process_report(
    spark: SparkSession, tmp_path: Any, export_rows: Callable[[int], list[dict[str, Any]]]
) -> None:
    """Parquet files read by Spark, each partition counted by tthc's columnar path from
    Arrow batches, the partial reports folded with ``Report.merge`` on the driver."""
    data = export_rows(4_000)
    names = sorted({k for row in data for k in row})
    for i in range(5):
        part = data[i * 800 : (i + 1) * 800]
        table = pa.table({k: [row.get(k) for row in part] for k in names})
        pq.write_table(table, tmp_path / f"part-{i}.parquet")
    frame = spark.read.parquet(str(tmp_path)).repartition(6)
    partials = [
        pickle.loads(row.partial)
        for row in frame.mapInArrow(partial_reports, "partial binary").collect()
    ]
    national = functools.reduce(Report.merge, partials)
    assert len(partials) == 6
    assert national == report((DossierRecord.from_mapping(r) for r in data), **OPTIONS)
    assert national.records == 4_000


def test_spark_rdd_of_records_reduces_partial_reports(
    spark: SparkSession, export_rows: Callable[[int], list[dict[str, Any]]]
) -> None:
    """Plain rows in an RDD: a partial report per partition, reduced by ``Report.merge``."""
    data = export_rows(3_000)
    rdd = spark.sparkContext.parallelize(data, numSlices=7)
    national = rdd.mapPartitions(lambda part: [report(list(part), **OPTIONS)]).reduce(Report.merge)
    assert national == report((DossierRecord.from_mapping(r) for r in data), **OPTIONS)
