"""Columnar input: Arrow tables and streams, Parquet files; checked as strictly as records."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tthc.reports import DossierRecord, report

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

JAN = dt.datetime(2026, 1, 5, 9)
GOOD: dict[str, Any] = {
    "code": "A",
    "received_at": JAN,
    "status": 9,
    "due_at": JAN + dt.timedelta(days=3),
    "result_ready_at": JAN + dt.timedelta(days=2),
    "field": "Hộ tịch",
}


def table(*rows: dict[str, Any]) -> Any:
    names = sorted({k for row in rows for k in row})
    return pa.table({k: [row.get(k) for row in rows] for k in names})


def test_a_table_and_a_parquet_file_give_the_records_report(tmp_path: Path) -> None:
    rows = [GOOD, {**GOOD, "code": "B", "status": 4, "result_ready_at": None}]
    expected = report([DossierRecord(**r) for r in rows], period="2026-01", group_by="field")
    path = tmp_path / "dossiers.parquet"
    pq.write_table(table(*rows), path)
    assert report(table(*rows), period="2026-01", group_by="field") == expected
    assert report(path, period="2026-01", group_by="field") == expected
    assert report(str(path), period="2026-01", group_by="field") == expected
    reader = pa.RecordBatchReader.from_batches(table(*rows).schema, table(*rows).to_batches())
    assert report(reader, period="2026-01", group_by="field") == expected


def test_anything_with_an_arrow_c_stream_is_read() -> None:
    class Stream:
        def __arrow_c_stream__(self, requested_schema: object = None) -> object:
            return table(GOOD).__arrow_c_stream__(requested_schema)

    assert report(Stream(), period="2026-01").total.resolved_early == 1


def test_a_polars_frame_is_read_with_its_text_as_views() -> None:
    pl = pytest.importorskip("polars")
    rows = [
        GOOD,
        {**GOOD, "code": "B", "status": 4, "result_ready_at": None, "field": "Đất đai"},
        {**GOOD, "code": "C", "channel": "online", "field": "Đất đai"},
    ]
    records = [
        DossierRecord.from_mapping({k: v for k, v in r.items() if v is not None}) for r in rows
    ]
    frame = pl.DataFrame(rows)
    for group_by in ("field", "channel"):
        expected = report(records, period="2026-01", group_by=group_by)
        assert report(frame, period="2026-01", group_by=group_by) == expected
    by_category = frame.with_columns(pl.col("field").cast(pl.Categorical))
    assert report(by_category, period="2026-01", group_by="field") == report(
        records, period="2026-01", group_by="field"
    )
    code = pl.col("code")
    no_code = frame.with_columns(pl.when(code == "B").then(None).otherwise(code).alias("code"))
    with pytest.raises(ValueError, match=r"^row 2: missing code$"):
        report(no_code, period="2026-01")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": 11}, "status must be a portal status code 1..10, got 11"),
        ({"status": None}, "missing status"),
        ({"received_at": None}, "missing received_at"),
        ({"code": None}, "missing code"),
        ({"result_ready_at": None}, "status 9 (result ready) needs result_ready_at"),
        ({"result_ready_at": JAN - dt.timedelta(days=1)}, "is before received_at"),
        ({"status": 5, "result_ready_at": None}, "the last of supplement_waits must be open"),
        ({"channel": "fax"}, "channel must be one of counter, online, postal"),
        ({"supplement_requests": -1}, "supplement_requests must be an int >= 0"),
        (
            {"status": 6, "result_ready_at": None, "payment_waits": [[JAN, JAN]]},
            "the last of payment_waits must be open",
        ),
        (
            {"supplement_waits": [[JAN - dt.timedelta(hours=1), JAN]]},
            "before the dossier was received",
        ),
        (
            {"payment_waits": [[JAN + dt.timedelta(hours=2), JAN + dt.timedelta(hours=1)]]},
            "before it starts",
        ),
    ],
)
def test_a_row_a_record_refuses_is_an_error_with_its_number(
    change: dict[str, Any], message: str
) -> None:
    bad = {**GOOD, **change}
    with pytest.raises((TypeError, ValueError)) as streaming:
        DossierRecord.from_mapping(bad)
    assert message in str(streaming.value)
    rows = [GOOD, GOOD, bad, GOOD]
    with pytest.raises(type(streaming.value)) as columnar:
        report(table(*rows), period="2026-01")
    assert str(columnar.value) == f"row 3: {streaming.value}"


def test_the_first_bad_row_is_reported_even_when_it_has_waits() -> None:
    waits = [[JAN + dt.timedelta(hours=1), JAN - dt.timedelta(days=9)]]
    rows = [GOOD, {**GOOD, "supplement_waits": waits}, {**GOOD, "status": 0}]
    with pytest.raises(ValueError, match=r"^row 2: supplement_waits\[0\] ends at"):
        report(table(*rows), period="2026-01")


def test_rows_are_numbered_across_batches() -> None:
    rows = [GOOD] * 5 + [{**GOOD, "status": 42}]
    batches = table(*rows).to_batches(max_chunksize=2)
    with pytest.raises(ValueError, match=r"^row 6: "):
        report(pa.Table.from_batches(batches), period="2026-01")


@pytest.fixture
def small_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    """Slices of two rows, counted on three threads."""
    from tthc.reports import _columnar

    monkeypatch.setattr(_columnar, "SLICE_ROWS", 2)
    monkeypatch.setattr(_columnar, "_threads", lambda: 3)


@pytest.mark.usefixtures("small_slices")
def test_the_first_bad_row_is_reported_whichever_thread_counts_it() -> None:
    rows = [GOOD] * 9 + [{**GOOD, "status": 42}] + [GOOD] * 30 + [{**GOOD, "status": 0}]
    for _ in range(20):  # whichever slice is done first, the first bad row is said
        with pytest.raises(ValueError, match=r"^row 10: status must be"):
            report(table(*rows), period="2026-01")
    assert threading.active_count() == 1  # no thread is left behind


@pytest.mark.usefixtures("small_slices")
def test_a_bad_row_is_reported_before_a_batch_that_cannot_be_read() -> None:
    rows = [GOOD] * 3 + [{**GOOD, "status": 42}] + [GOOD] * 4
    first = table(*rows).to_batches()[0]

    def batches() -> Iterator[Any]:
        yield first
        raise OSError("the disk failed")

    reader = pa.RecordBatchReader.from_batches(first.schema, batches())
    with pytest.raises(ValueError, match=r"^row 4: status must be"):
        report(reader, period="2026-01")
    first = first.slice(0, 3)  # good rows only: the reader's error is the one
    with pytest.raises(OSError, match="the disk failed"):
        report(pa.RecordBatchReader.from_batches(first.schema, batches()), period="2026-01")
    assert threading.active_count() == 1


@pytest.mark.usefixtures("small_slices")
def test_slices_counted_on_threads_give_the_report_of_one_pass() -> None:
    day = dt.timedelta(days=1)
    rows = [
        {
            **GOOD,
            "code": str(i),
            "field": f"F{i % 3}",
            "received_at": JAN + i * 3 * day,
            "due_at": JAN + (i * 3 + 3) * day,
            "result_ready_at": JAN + (i * 3 + i % 5) * day,
        }
        for i in range(25)
    ]
    sliced = report(table(*rows), period="2026-Q1", group_by=("field", "month"))
    assert sliced == report(
        [DossierRecord.from_mapping(r) for r in rows], period="2026-Q1", group_by=("field", "month")
    )


@pytest.mark.parametrize("policy", ["by-date", "by-instant", "tt-01-2018", "qd-766"])
def test_dossiers_waiting_across_months_count_as_the_records(policy: str) -> None:
    """Open across months with a wait: paused from its first month or a later one, paying
    or paid, with more than one supplement request, returned after a payment wait."""
    day = dt.timedelta(days=1)
    rows = []
    for i in range(96):
        received = JAN - dt.timedelta(days=40) + i * 4 * day + dt.timedelta(hours=i % 9)
        due = received + (i % 7 * 31 + 1) * day
        month_end = dt.datetime(due.year + due.month // 12, due.month % 12 + 1, 1) - day
        if i % 6 == 0:  # due on a month's last day: late from the next month's first instant
            due = month_end.replace(hour=17)
        elif i % 6 == 3:
            due = month_end.replace(hour=23, minute=59, second=59, microsecond=999_999)
        row: dict[str, Any] = {
            "code": str(i),
            "field": f"F{i % 3}",
            "channel": ("counter", "online", "postal")[i % 3],
            "received_at": received,
            "due_at": due,
            "supplement_requests": i % 4 // 2 * 2,  # 0 or 2
            "status": 4,
        }
        start = received + (i % 5 * 11) * day
        paid = start + (i % 3 * 25 + 2) * day
        kind = i % 5
        if kind == 0:  # waiting for a supplement
            row.update(status=5, supplement_waits=[[start, None]])
        elif kind == 1:  # waiting for a payment; some returned already
            row.update(status=6, payment_waits=[[start, None]])
            if i % 3 == 0:
                row["returned_at"] = received + 70 * day
        elif kind == 2:  # paid, still open
            row["payment_waits"] = [[start, paid]]
        elif kind == 3:  # paid, then resolved and returned months later
            ready = paid + (20 + i) * day
            row.update(status=10, result_ready_at=ready, returned_at=ready + 3 * day)
            row["payment_waits"] = [[start, paid]]
        else:  # a supplement received, still open
            row["supplement_waits"] = [[start, paid]]
        rows.append(row)
    records = [DossierRecord.from_mapping(r) for r in rows]
    for as_of in (None, dt.datetime(2026, 5, 17, 15, 30)):
        options: dict[str, Any] = {"period": "2026", "group_by": ("field", "month")}
        options.update(policy=policy, as_of=as_of)
        assert report(table(*rows), **options) == report(records, **options)


def test_columns_are_checked_before_any_row() -> None:
    with pytest.raises(ValueError, match=r"unknown column\(s\) 'due_date'"):
        report(table({**GOOD, "due_date": JAN}), period="2026-01")
    with pytest.raises(ValueError, match=r"missing column\(s\) status"):
        report(pa.table({"code": ["A"], "received_at": [JAN]}), period="2026-01")
    with pytest.raises(TypeError, match=r"column 'due_at' must be a timestamp, got string"):
        report(table({**GOOD, "due_at": "2026-01-08"}), period="2026-01")
    with pytest.raises(TypeError, match=r"column 'status' must be an integer, got double"):
        report(table({**GOOD, "status": 9.0}), period="2026-01")
    day = dt.date(2026, 1, 6)
    for waits in ([{"started": day, "ended": day}], [[day, day]], [["09:00", "10:00"]]):
        with pytest.raises(TypeError, match=r"'supplement_waits' must be a list of \(started, "):
            report(table({**GOOD, "supplement_waits": waits}), period="2026-01")


def test_the_columns_of_a_source_without_rows_are_checked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No rows used to mean no check: a file of the wrong columns gave an empty report."""
    from tthc.cli import main

    wrong = pa.table({"code": pa.array([], pa.string()), "received": pa.array([], pa.string())})
    path = tmp_path / "empty.parquet"
    pq.write_table(wrong, path)

    class Stream:
        def __arrow_c_stream__(self, requested_schema: object = None) -> object:
            return wrong.__arrow_c_stream__(requested_schema)

    empty_batch = pa.RecordBatch.from_pylist([], wrong.schema)
    reader = pa.RecordBatchReader.from_batches(wrong.schema, [])
    message = r"^unknown column\(s\) 'received'; missing column\(s\) received_at, status;"
    for source in (wrong, empty_batch, reader, Stream(), path):
        with pytest.raises(ValueError, match=message):
            report(source, period="2026-01")
    for engine in ("columns", "records"):
        assert main(["report", str(path), "--period", "2026-01", "--engine", engine]) == 1
        assert capsys.readouterr().err.startswith(f"{path}: unknown column(s) 'received';")


def test_a_time_outside_python_s_years_is_refused() -> None:
    near = (GOOD["due_at"] - dt.datetime(1970, 1, 1)) // dt.timedelta(microseconds=1)
    far = pa.array([near, 200_000 * 365 * 86_400 * 10**6], pa.int64())
    rows = table(GOOD, GOOD).set_column(1, "due_at", far.cast(pa.timestamp("us")))
    with pytest.raises(ValueError, match=r"^row 2: due_at is outside the years 1 to 9999"):
        report(rows, period="2026-01")


def test_a_slice_of_a_table_is_read_from_its_offset() -> None:
    # Values and nulls are read from the columns' buffers: a slice starts inside them.
    later = JAN + dt.timedelta(days=40)
    rows = [
        {**GOOD, "code": f"R{i}", "status": 4 if i % 3 else 9, "due_at": later if i % 2 else None}
        for i in range(11)
    ]
    for row in rows:
        if row["status"] == 4:
            row["result_ready_at"] = None
    rows[5]["supplement_requests"] = 2
    expected = report([DossierRecord(**r) for r in rows[3:9]], period="2026", group_by="month")
    sliced = table(*rows).slice(3, 6)
    assert report(sliced, period="2026", group_by="month") == expected


def test_a_code_whose_dictionary_value_is_null_is_missing() -> None:
    code = pa.DictionaryArray.from_arrays(pa.array([0, 1], pa.int32()), pa.array(["A", None]))
    rows = table(GOOD, GOOD).set_column(0, "code", code)
    with pytest.raises(ValueError, match=r"^row 2: missing code"):
        report(rows, period="2026-01")


def test_a_file_that_is_not_parquet_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.parquet"
    path.write_text("code,received_at\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not a Parquet file"):
        report(path, period="2026-01")


_TIMES = st.none() | st.integers(-3, 3).map(lambda d: JAN + dt.timedelta(days=d))
# None, no wait, one wait (open or not, in order or not), two waits, a pair with no start
_WAITS = st.none() | st.lists(st.tuples(_TIMES, _TIMES), max_size=2)


@st.composite
def loose_rows(draw: st.DrawFn) -> dict[str, Any]:
    """Rows of every field from small pools, most of them invalid in some way."""
    return {
        "code": draw(st.none() | st.just("A")),
        "received_at": draw(st.none() | st.just(JAN)),
        "status": draw(st.none() | st.integers(-1, 12)),
        "channel": draw(st.none() | st.sampled_from(["counter", "online", "fax", ""])),
        "due_at": draw(_TIMES),
        "legal_due_at": draw(_TIMES),
        "result_ready_at": draw(_TIMES),
        "returned_at": draw(_TIMES),
        "ended_at": draw(_TIMES),
        "supplement_requests": draw(st.none() | st.integers(-1, 3)),
        "due_includes_waits": draw(st.none() | st.booleans()),
        "supplement_waits": draw(_WAITS),
        "payment_waits": draw(_WAITS),
    }


@given(loose_rows())
def test_a_row_is_refused_exactly_when_a_record_refuses_it(row: dict[str, Any]) -> None:
    try:
        DossierRecord.from_mapping(row)
    except (TypeError, ValueError) as exc:
        expected: str | None = f"row 2: {exc}"
    else:
        expected = None
    columns = {k: pa.array([GOOD.get(k), v]) for k, v in row.items()}
    columns["status"] = pa.array([GOOD["status"], row["status"]], pa.int64())
    columns["code"] = pa.array(["A", row["code"]], pa.string())
    columns["channel"] = pa.array(["counter", row["channel"]], pa.string())
    for name in ("due_at", "legal_due_at", "result_ready_at", "returned_at", "ended_at"):
        columns[name] = pa.array([GOOD.get(name), row[name]], pa.timestamp("us"))
    columns["received_at"] = pa.array([JAN, row["received_at"]], pa.timestamp("us"))
    pair = pa.list_(pa.struct([("started", pa.timestamp("us")), ("ended", pa.timestamp("us"))]))
    for name in ("supplement_waits", "payment_waits"):
        waits = row[name]
        pairs = None if waits is None else [{"started": a, "ended": b} for a, b in waits]
        columns[name] = pa.array([[], pairs], pair)
    tab = pa.table(columns)
    if expected is None:
        report(tab, period="2026-01")
    else:
        with pytest.raises((TypeError, ValueError)) as caught:
            report(tab, period="2026-01")
        assert str(caught.value) == expected


def test_a_pandas_frame_is_read_by_its_arrow_stream_without_its_index() -> None:
    pd = pytest.importorskip("pandas")
    rows = [GOOD, {**GOOD, "code": "B", "status": 4, "result_ready_at": None}]
    frame = pd.DataFrame(rows, index=[10, 11])  # an index that is not 0..n-1: pandas exports it
    expected = report([DossierRecord(**r) for r in rows], period="2026-01")
    assert report(frame, period="2026-01") == expected


def test_a_parquet_file_pandas_wrote_is_read_without_its_index(tmp_path: Path) -> None:
    """``frame.to_parquet()`` stores the index as a column: it was an unknown column."""
    pd = pytest.importorskip("pandas")
    rows = [GOOD, {**GOOD, "code": "B", "status": 4, "result_ready_at": None}]
    path = tmp_path / "filtered.parquet"
    pd.DataFrame(rows, index=[10, 11]).to_parquet(path)
    assert "__index_level_0__" in pq.ParquetFile(path).schema_arrow.names
    expected = report([DossierRecord(**r) for r in rows], period="2026-01")
    assert report(path, period="2026-01") == expected
    from tthc.reports._columnar import read_parquet, records_of_batches

    assert list(records_of_batches(read_parquet(path))) == [DossierRecord(**r) for r in rows]
    pd.DataFrame(rows).set_index("code").to_parquet(path)  # an index that is a field: kept
    assert report(path, period="2026-01") == expected


def test_tthc_report_reads_a_parquet_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tthc.cli import main

    rows = [GOOD, {**GOOD, "code": "B", "status": 12}]
    good, bad = tmp_path / "good.parquet", tmp_path / "bad.parquet"
    pq.write_table(table(GOOD), good)
    pq.write_table(table(*rows), bad)
    assert main(["report", str(good), "--period", "2026-01", "--format", "json"]) == 0
    assert '"resolved_early": 1' in capsys.readouterr().out
    assert main(["report", str(bad), "--period", "2026-01"]) == 1
    err = capsys.readouterr().err
    assert err == f"{bad}: row 2: status must be a portal status code 1..10, got 12\n"
    odd = tmp_path / "records.bin"
    odd.write_bytes(good.read_bytes())
    assert main(["report", str(odd), "--period", "2026-01", "--input-format", "parquet"]) == 0


def test_wait_pairs_are_read_by_field_name_whatever_their_order() -> None:
    """pyarrow 18 infers ``struct<ended, started>`` from dicts; ended first must not swap them."""
    import datetime as dt

    import pyarrow as pa

    from tthc.reports import report

    received = dt.datetime(2026, 3, 2, 9)
    stamp = pa.timestamp("us")
    pair = {"started": received + dt.timedelta(days=1), "ended": received + dt.timedelta(days=2)}

    def table(order: list[str]) -> pa.Table:
        waits = pa.array([[pair]], pa.list_(pa.struct([(name, stamp) for name in order])))
        return pa.table(
            {
                "code": ["A"],
                "received_at": pa.array([received], stamp),
                "status": [9],
                "due_at": pa.array([received + dt.timedelta(days=3)], stamp),
                "result_ready_at": pa.array([received + dt.timedelta(days=4)], stamp),
                "supplement_waits": waits,
            }
        )

    ended_first, plain = table(["ended", "started"]), table(["started", "ended"])
    assert ended_first.schema.field("supplement_waits").type.value_type[0].name == "ended"
    assert report(ended_first, period="2026-Q1") == report(plain, period="2026-Q1")
