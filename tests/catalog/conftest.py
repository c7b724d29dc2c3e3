"""Shared catalogue fixtures: a minimal valid procedure, and builders around it."""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tthc.catalog import Procedure

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "tests" / "catalog" / "examples"

MINIMAL: dict[str, Any] = {
    "code": "1.000001",
    "name": "Minimal procedure",
    "field": "Example",
    "level": "commune",
    "agency": "Ủy ban nhân dân cấp xã",
    "valid_from": "2026-01-01",
    "channels": ["counter", "online"],
    "result": "A certificate",
    "cases": [{"id": "standard", "name": "Standard", "time_limit": "3 working days"}],
    "legal_basis": [{"document": "Example law"}],
}


@pytest.fixture
def procedure_data() -> Callable[..., dict[str, Any]]:
    """A fresh minimal procedure as plain data, with the given fields replaced."""

    def build(**changes: Any) -> dict[str, Any]:
        data = copy.deepcopy(MINIMAL)
        data.update(changes)
        return data

    return build


@pytest.fixture
def make_procedure(procedure_data: Callable[..., dict[str, Any]]) -> Callable[..., Procedure]:
    """A validated minimal :class:`Procedure`, with the given fields replaced."""

    def build(**changes: Any) -> Procedure:
        return Procedure.model_validate(procedure_data(**changes))

    return build


@pytest.fixture
def repo() -> Path:
    """The repository root (tests that run the CLI chdir here for stable file names)."""
    return REPO


@pytest.fixture
def examples() -> Path:
    """The folder of example catalogue files: ``valid/`` and ``invalid/``."""
    return EXAMPLES
