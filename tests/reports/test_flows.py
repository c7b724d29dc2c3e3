"""The flow counters: fees, digitisation, online resolution and processing time."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tthc.calendar import WorkingCalendar
from tthc.reports import DossierRecord, read_records, report

VN = WorkingCalendar.vietnam()
D = dt.datetime
HOUR_US = 3_600_000_000


def test_the_flags_are_bools_or_none() -> None:
    for name in ("paid_online", "digitised"):
        with pytest.raises(TypeError, match=rf"{name} must be a bool or None, got 1"):
            DossierRecord(code="A", received_at=D(2026, 3, 2, 9), status=2, **{name: 1})


def test_the_readers_read_the_flags(tmp_path: Path) -> None:
    path = tmp_path / "flags.csv"
    path.write_text(
        "code,received_at,status,paid_online,digitised\n"
        "A,2026-03-02T09:00,2,yes,\n"
        "B,2026-03-02T09:00,2,,false\n",
        encoding="utf-8",
    )
    a, b = read_records(path)
    assert (a.paid_online, a.digitised, b.paid_online, b.digitised) == (True, None, None, False)


def test_flows_count_where_their_event_falls() -> None:
    """Fees and digitisation when received (not carried over); online when resolved."""
    rows = [
        DossierRecord(  # carried over from February: its fee is February's
            code="carried",
            received_at=D(2026, 2, 20, 9),
            status=9,
            result_ready_at=D(2026, 3, 3, 9),
            channel="online",
            paid_online=True,
            digitised=True,
        ),
        DossierRecord(
            code="new",
            received_at=D(2026, 3, 2, 9),
            status=4,
            channel="online",
            paid_online=False,
            digitised=False,
        ),
        DossierRecord(
            code="paid",
            received_at=D(2026, 3, 2, 9),
            status=9,
            result_ready_at=D(2026, 3, 2, 10),
            paid_online=True,
        ),
    ]
    row = report(rows, period="2026-03").total
    assert (row.resolved, row.resolved_online) == (2, 1)
    assert (row.paid_online, row.paid_offline, row.digitised, row.not_digitised) == (1, 1, 0, 1)
    assert row.processing_counted == 0  # no calendar, no processing time


def test_processing_time_is_working_time_less_supplement_waits() -> None:
    """Mon 08:00 to Wed 08:00 is 7.5 + 8 + 0.5 = 16 working hours (07:30-11:30, 13:00-17:00).

    A supplement wait from Tue 07:30 to Wed 07:30 takes off Tuesday's 8 hours: 8 left, and
    24 of the 48 clock hours.
    """
    received, ready = D(2026, 3, 2, 8), D(2026, 3, 4, 8)
    plain = DossierRecord(code="A", received_at=received, status=9, result_ready_at=ready)
    waited = DossierRecord(
        code="B",
        received_at=received,
        status=9,
        result_ready_at=ready,
        supplement_waits=[(D(2026, 3, 3, 7, 30), D(2026, 3, 4, 7, 30))],
        payment_waits=[(D(2026, 3, 2, 9), D(2026, 3, 2, 10))],  # not taken off
    )
    a = report([plain], period="2026-03", calendar=VN).total
    b = report([waited], period="2026-03", calendar=VN).total
    assert (a.processing_counted, a.processing_working_us) == (1, 16 * HOUR_US)
    assert a.processing_elapsed_us == 48 * HOUR_US
    assert (b.processing_working_us, b.processing_elapsed_us) == (8 * HOUR_US, 24 * HOUR_US)
