"""Fixtures shared by the report tests."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import Any

import pytest


def rows(n: int) -> list[dict[str, Any]]:
    """Database-like rows (plain dicts), as a partitioned export would hold them."""
    rng = random.Random(7)
    out = []
    for i in range(n):
        received = dt.datetime(2026, 1, 1, 8) + dt.timedelta(hours=rng.randrange(0, 24 * 120))
        row: dict[str, Any] = {
            "code": f"H{i:05d}",
            "received_at": received,
            "due_at": received + dt.timedelta(days=rng.randint(0, 10)),
            "field": rng.choice(["Hộ tịch", "Chứng thực", "Đất đai"]),
            "agency": rng.choice(["UBND xã A", "UBND xã B", "Sở Tư pháp"]),
            "channel": rng.choice(["counter", "online", "postal"]),
            "status": 4,
        }
        if rng.random() < 0.8:
            row["status"] = 9
            row["result_ready_at"] = received + dt.timedelta(hours=rng.randrange(1, 24 * 14))
        out.append(row)
    return out


@pytest.fixture
def export_rows() -> Callable[[int], list[dict[str, Any]]]:
    """``export_rows(n)``: n database-like rows, the same n rows on every call."""
    return rows
