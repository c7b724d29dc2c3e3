"""Real national portal records, trimmed, in ``records/``; each cites its page in ``_source``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

RECORDS = Path(__file__).resolve().parent / "records"
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def record() -> Callable[[str], dict[str, Any]]:
    """A trimmed portal record by code, as the portal's API returned it."""

    def load(code: str) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((RECORDS / f"{code}.json").read_text(encoding="utf-8"))
        return data

    return load


@pytest.fixture
def repo() -> Path:
    """The repository root."""
    return REPO
