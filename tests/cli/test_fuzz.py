"""Fuzzing ``tthc report`` and ``tthc due`` with hostile files and arguments.

Whatever they are given, both exit 0, 1 or 2 and never print a traceback; a bad line of a
report file is named ``FILE:LINE:`` on standard error, and nothing is printed besides.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
import tempfile
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tthc.cli import main
from tthc.reports._fields import FIELDS

#: Pieces of command-line values: times, periods, codes, and what breaks them.
PIECES = (
    "2026", "-", "03", "02", "T", "09:00", "Z", "+07:00", "-12:00", "+14:00", ":", ".", "..",
    "Q1", "H2", "9999", "0001", "12-31", "T23:59", "1.000894", "2.000815", "9.999999", " ",
    "\x00", "é", "\ud800", "²", "1e9", "-1", "", "--", "=", "verification", "online",
)  # fmt: skip
values = st.lists(st.sampled_from(PIECES), max_size=6).map("".join) | st.text(max_size=12)


def run(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return status, out.getvalue(), err.getvalue()


def assert_contract(status: int, err: str) -> None:
    assert status in (0, 1, 2), status
    assert "Traceback" not in err
    assert all(line.strip() for line in err.splitlines())  # a message on every line


options = st.fixed_dictionaries(
    {},
    optional={
        "--case": values,
        "--channel": st.sampled_from(["counter", "online", "postal", "fax"]),
        "--policy": st.sampled_from(["civil-code", "half-day-sessions", "working-time", "x"]),
        "--lang": st.sampled_from(["vi", "en"]),
        "--format": st.sampled_from(["text", "json"]),
    },
)


offsets = st.integers(min_value=-23 * 60, max_value=23 * 60).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)
recent = st.datetimes(min_value=dt.datetime(2015, 1, 1), max_value=dt.datetime(2031, 12, 31))
instants = (recent | st.datetimes()).flatmap(
    lambda at: (st.none() | offsets).map(lambda zone: at.replace(tzinfo=zone).isoformat())
)
codes = st.sampled_from(["1.000894", "2.000815", "1.001193"]) | values


@given(code=codes, received=instants | values, extra=options)
def test_tthc_due_on_any_arguments(code: str, received: str, extra: dict[str, str]) -> None:
    argv = ["due", code, "--received", received]
    for option, value in extra.items():
        argv += [option, value]
    status, out, err = run(argv)
    assert_contract(status, err)
    if status == 0 and extra.get("--format") == "json":
        assert "due_at" in json.loads(out)
    if status != 0:
        assert out == ""


rows = st.dictionaries(
    st.sampled_from(FIELDS) | st.text(max_size=6),
    values | st.integers(min_value=-(10**20), max_value=10**20) | st.none() | st.floats(),
    max_size=8,
).map(lambda row: json.dumps(row).encode())
lines = st.lists(rows | st.binary(max_size=30).map(lambda b: b.replace(b"\n", b"")), max_size=6)


@given(
    body=lines,
    period=values | st.sampled_from(["2026", "2026-03", "2026-Q1", "9999", "0001"]),
    as_of=st.none() | values,
    skip=st.booleans(),
    fmt=st.sampled_from(["text", "json", "csv"]),
)
def test_tthc_report_on_any_file_and_arguments(
    body: list[bytes], period: str, as_of: str | None, skip: bool, fmt: str
) -> None:
    good = b'{"code": "A", "received_at": "2026-03-02T09:00", "status": 4}'
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "d.jsonl"
        path.write_bytes(b"\n".join([good, *body]) + b"\n")
        argv = ["report", str(path), "--period", period, "--format", fmt]
        if as_of is not None:
            argv += ["--as-of", as_of]
        if skip:
            argv.append("--skip-bad-lines")
        status, out, err = run(argv)
    assert_contract(status, err)
    named = re.compile(rf"^{re.escape(str(path))}:(\d+)(:\d+)?: ")
    bad = [m for m in map(named.match, err.splitlines()) if m]
    assert all(1 < int(m[1]) <= len(body) + 1 for m in bad)
    if bad and not skip:
        assert (status, out) == (1, "")
    if status == 0 and fmt == "json":
        assert json.loads(out)["skipped"] == len(bad)
