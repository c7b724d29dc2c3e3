"""CSV and JSON Lines files counted by columns and as a stream: the same reports, the same issues.

Random consistent records (every status, waits open and closed, repeated supplements,
due dates written as a date alone, every channel, in the spellings the readers accept)
are written as CSV or JSON Lines, plain or gzip, with bad lines among them. The columnar
text path (pyarrow) and the streaming path must report the same bad lines, at the same
line numbers with the same messages, and give equal reports under every classification
policy and resolution, grouped by any dimensions and split by period.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import gzip
import json
import re
import tempfile
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tthc.deadlines import CLASSIFICATION_POLICIES
from tthc.errors import Issue
from tthc.reports import DossierRecord, Period, read_records, report
from tthc.reports._fields import FIELDS

from .test_properties import VN, dimensions, periods, records

pytest.importorskip("pyarrow")

import pyarrow as pa

from tthc.reports import _textcolumns
from tthc.reports._textcolumns import _schema, read_text_columns

_VN = dt.timezone(dt.timedelta(hours=7))
_TIMES = ("received_at", "due_at", "legal_due_at", "result_ready_at", "returned_at", "ended_at")
_TRUE = ("true", "1", "yes")
_FALSE = ("false", "0", "no")


@st.composite
def written_records(draw: st.DrawFn) -> DossierRecord:
    """A record of :func:`records`; a third of them due at the end of a day (a date alone)."""
    record = draw(records())
    if record.due_at is None or draw(st.integers(0, 2)) != 0:
        return record
    due = dt.datetime.combine(record.due_at.date(), dt.time.max)
    legal = record.legal_due_at
    if legal is not None:
        legal = dt.datetime.combine(legal.date(), dt.time.max)
    return dataclasses.replace(record, due_at=due, legal_due_at=legal)


@st.composite
def time_texts(draw: st.DrawFn, at: dt.datetime, name: str) -> str:
    """``at`` in one of the spellings both readers accept; a due date at a day's end as a date."""
    if name in ("due_at", "legal_due_at") and at.time() == dt.time.max:
        return at.date().isoformat()
    if at.time() == dt.time() and draw(st.booleans()):
        return at.date().isoformat()  # a date alone is 00:00
    spelling = draw(st.sampled_from(["T", "space", "seconds", "Z", "+07:00", "-02:30"]))
    if spelling == "T":
        return at.strftime("%Y-%m-%dT%H:%M")
    if spelling == "space":
        return at.strftime("%Y-%m-%d %H:%M")
    if spelling == "seconds":
        return at.isoformat(timespec="seconds")
    zone = {"Z": dt.timezone.utc, "+07:00": _VN, "-02:30": dt.timezone(-dt.timedelta(hours=2.5))}[
        spelling
    ]
    moved = at.replace(tzinfo=_VN).astimezone(zone)
    text = moved.isoformat(timespec="minutes")
    return text.replace("+00:00", "Z") if spelling == "Z" else text


@st.composite
def csv_lines(draw: st.DrawFn, record: DossierRecord) -> str:
    cells = dict.fromkeys(FIELDS, "")
    for name in ("code", "procedure", "field", "agency", "level"):
        value = getattr(record, name) or ""
        cells[name] = f'"{value}"' if value and draw(st.integers(0, 9)) == 0 else value
    code = {"counter": "1", "online": "2", "postal": "3"}[record.channel]
    cells["channel"] = draw(st.sampled_from([record.channel, record.channel, code]))
    cells["status"] = str(record.status)
    for name in _TIMES:
        at = getattr(record, name)
        cells[name] = "" if at is None else draw(time_texts(at, name))
    for name in ("supplement_waits", "payment_waits"):
        cells[name] = ";".join(
            f"{draw(time_texts(a, name))}/{'' if b is None else draw(time_texts(b, name))}"
            for a, b in getattr(record, name)
        )
    if draw(st.booleans()):
        cells["supplement_requests"] = str(record.supplement_requests)
    for name in ("due_includes_waits", "paid_online", "digitised"):
        value = getattr(record, name)
        cells[name] = "" if value is None else draw(st.sampled_from(_TRUE if value else _FALSE))
    return ",".join(cells.values())


@st.composite
def json_lines(draw: st.DrawFn, record: DossierRecord) -> str:
    row: dict[str, Any] = {"code": record.code, "status": record.status}
    for name in ("procedure", "field", "agency", "level"):
        row[name] = getattr(record, name)
    code = {"counter": 1, "online": 2, "postal": 3}[record.channel]
    row["channel"] = draw(st.sampled_from([record.channel, record.channel, code]))
    for name in _TIMES:
        at = getattr(record, name)
        if at is not None:
            row[name] = draw(time_texts(at, name))
        elif draw(st.booleans()):
            row[name] = None
    for name in ("supplement_waits", "payment_waits"):
        row[name] = [
            [draw(time_texts(a, name)), None if b is None else draw(time_texts(b, name))]
            for a, b in getattr(record, name)
        ]
    if draw(st.booleans()):
        row["supplement_requests"] = record.supplement_requests
    for name in ("due_includes_waits", "paid_online", "digitised"):
        if getattr(record, name) is not None or draw(st.booleans()):
            row[name] = getattr(record, name)
    keys = draw(st.permutations(list(row)))
    return json.dumps({key: row[key] for key in keys}, ensure_ascii=draw(st.booleans()))


def _csv_bad(cells: dict[str, str]) -> str:
    return ",".join(cells.get(name, "") for name in FIELDS)


_GOOD = {"code": "BAD", "received_at": "2026-01-05T09:00", "status": "4"}
BAD_CSV = [
    "only,three,cells",
    _csv_bad(_GOOD | {"received_at": "2026-02-30T09:00"}),
    _csv_bad(_GOOD | {"status": "nine"}),
    _csv_bad(_GOOD | {"status": "11"}),
    _csv_bad(_GOOD | {"field": '"open quote'}),
    _csv_bad(_GOOD | {"channel": "fax"}),
    _csv_bad(_GOOD | {"supplement_waits": "2026-01-06T09:00"}),
    _csv_bad({"code": "BAD", "status": "4"}),
    _csv_bad(_GOOD | {"status": "9", "result_ready_at": "2026-01-01T09:00"}),
]
BAD_JSON = [
    "{",
    "[1, 2]",
    '{"code": "BAD", "status": 4}',
    '{"code": "BAD", "received_at": "2026-01-05T09:00", "status": 4, "status": 5}',
    '{"code": "BAD", "received_at": "2026-01-05T09:00", "status": "x"}',
    '{"code": "BAD", "received_at": "2026-01-05T09:00", "status": 4, "due_at": 5}',
    '{"code": "BAD", "received_at": "2026-01-05T09:00", "status": 4, "extra": 1}',
    '{"code": "BAD", "received_at": "2026-01-05T09:00", "status": 4, "channel": "fax"}',
]


@st.composite
def text_files(draw: st.DrawFn) -> tuple[str, bytes]:
    """A file name and its bytes: records, and a few bad lines among them."""
    kind = draw(st.sampled_from(["csv", "jsonl"]))
    rows = draw(st.lists(written_records(), max_size=30))
    lines = [draw((csv_lines if kind == "csv" else json_lines)(r)) for r in rows]
    bad = BAD_CSV if kind == "csv" else BAD_JSON
    for line in draw(st.lists(st.sampled_from(bad), max_size=3)):
        lines.insert(draw(st.integers(0, len(lines))), line)
    if draw(st.booleans()):
        lines.insert(draw(st.integers(0, len(lines))), "")  # a blank line: skipped, counted
    if kind == "csv":
        lines.insert(0, ",".join(draw(st.permutations(list(FIELDS)))))
        header = lines[0].split(",")
        lines[1:] = [_reordered(line, header) for line in lines[1:]]
    text = "\n".join(lines) + ("\n" if draw(st.booleans()) else "")
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    data = text.encode()
    name = f"d.{kind}"
    if draw(st.booleans()):
        data, name = gzip.compress(data), name + ".gz"
    return name, data


def _reordered(line: str, header: list[str]) -> str:
    """A CSV row written in FIELDS order, in the header's order (other lines as they are)."""
    cells = line.split(",")
    if len(cells) != len(FIELDS) or '"' in line:
        return line
    by_name = dict(zip(FIELDS, cells, strict=True))
    return ",".join(by_name[name] for name in header)


def _described(issues: list[Issue]) -> list[tuple[str, str | None]]:
    return [(str(issue), issue.code) for issue in issues]


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    text_files(),
    periods,
    dimensions,
    st.sampled_from(sorted(CLASSIFICATION_POLICIES)),
    st.booleans(),
    st.integers(1, 100),
    st.booleans(),
    st.sampled_from([120, 1 << 23]),
    st.integers(1, 3),
)
def test_a_text_file_counted_by_columns_equals_the_stream(
    file: tuple[str, bytes],
    period: Period,
    group_by: list[str],
    policy: str,
    on_return: bool,
    as_of_percent: int,
    timed: bool,
    chunk_bytes: int,
    workers: int,
) -> None:
    """Same issues (line, message, code), then equal reports, skipped lines counted alike.

    A small chunk puts chunk ends inside the file, so line numbers must carry across; the
    chunks are parsed on ``workers`` threads, and handed on in order.
    """
    if on_return and policy == "qd-766":
        on_return = False
    span = period.end - period.start
    as_of = period.start + span * as_of_percent // 100 if as_of_percent < 100 else None
    make = functools.partial(
        report,
        period=period,
        as_of=as_of,
        group_by=group_by,
        policy=policy,
        resolution="returned" if on_return else "result-ready",
        calendar=VN if timed or policy == "by-session" else None,
    )
    name, data = file
    with (
        tempfile.TemporaryDirectory() as folder,
        mock.patch.object(_textcolumns, "CHUNK_BYTES", chunk_bytes),
        mock.patch.object(_textcolumns, "_threads", return_value=workers),
    ):
        path = Path(folder) / name
        path.write_bytes(data)
        streaming_issues: list[Issue] = []
        streaming = make(read_records(path, issues=streaming_issues), skipped=streaming_issues)
        column_issues: list[Issue] = []
        batches = read_text_columns(path, issues=column_issues)
        by_columns = make(
            pa.RecordBatchReader.from_batches(_schema(), batches), skipped=column_issues
        )
        assert _described(column_issues) == _described(streaming_issues)
        assert by_columns == streaming
        if streaming_issues:  # strictly, both stop at the first bad line, saying the same
            first = f"^{re.escape(str(streaming_issues[0]))}$"
            with pytest.raises(ValueError, match=first):
                make(read_records(path))
            with pytest.raises(ValueError, match=first):
                make(path)
        else:
            assert make(path) == streaming
