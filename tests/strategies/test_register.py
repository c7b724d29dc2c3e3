"""The value types are registered with Hypothesis; the module says how to install it."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tthc
from tthc.calendar import DayInfo, OfficeHours
from tthc.catalog import Procedure
from tthc.deadlines import DeadlinePolicy

TYPES = [tthc.Duration, tthc.WorkingCalendar, DeadlinePolicy, DayInfo, OfficeHours, Procedure]


@pytest.mark.parametrize("kind", TYPES, ids=lambda kind: kind.__name__)
def test_from_type_draws_valid_values_of_each_type(kind: type) -> None:
    @settings(max_examples=5, deadline=None)
    @given(st.from_type(kind))
    def draws(value: object) -> None:
        assert type(value) is kind

    draws()


def _run(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=120
    )


def test_from_type_works_without_importing_the_strategies() -> None:
    """Hypothesis's entry point registers the types, and loads no strategy until asked."""
    code = (
        "import sys; from hypothesis import find, strategies as st; import tthc\n"
        "loaded = sorted(m for m in sys.modules if m.startswith('tthc.strategies.'))\n"
        "print(loaded)\n"
        "print(find(st.from_type(tthc.Duration), lambda d: True))\n"
    )
    result = _run(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["['tthc.strategies._register']", "0 working days"]


def test_without_hypothesis_the_module_says_how_to_install_it() -> None:
    code = (
        "import sys; sys.modules['hypothesis'] = None\n"
        "try:\n    import tthc.strategies\n"
        "except ImportError as error:\n    print(error)\n"
    )
    result = _run(code)
    assert result.returncode == 0, result.stderr
    assert "pip install 'tthc[testing]'" in result.stdout


def test_the_module_lists_its_names_and_refuses_others() -> None:
    import tthc.strategies

    assert tthc.strategies.__all__ == sorted(tthc.strategies.__all__)
    assert set(tthc.strategies.__all__) <= set(dir(tthc.strategies))
    for name in tthc.strategies.__all__:
        assert getattr(tthc.strategies, name).__doc__
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        tthc.strategies.nothing  # type: ignore[attr-defined]  # noqa: B018
    assert "strategies" not in tthc.__all__
