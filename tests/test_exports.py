"""The public API is curated: `__all__` is sorted and lists exactly the public names."""

from __future__ import annotations

import importlib
import subprocess
import sys
from types import ModuleType

import pytest

import tthc


def _public_names() -> set[str]:
    names = set()
    for name in dir(tthc):
        if name.startswith("_"):
            continue
        if isinstance(getattr(tthc, name), ModuleType):
            continue
        names.add(name)
    return names | {"__version__"}


def test_all_is_sorted() -> None:
    assert tthc.__all__ == sorted(tthc.__all__)


def test_all_lists_exactly_the_public_names() -> None:
    assert set(tthc.__all__) == _public_names()


def test_every_exported_name_resolves_and_is_documented() -> None:
    for name in tthc.__all__:
        value = getattr(tthc, name)
        if name != "__version__":
            assert value.__doc__, f"{name} has no docstring"


def test_unknown_attribute_raises_attribute_error() -> None:
    with pytest.raises(AttributeError, match="does_not_exist"):
        tthc.does_not_exist  # type: ignore[attr-defined]  # noqa: B018


def test_version_matches_package_metadata() -> None:
    from importlib.metadata import version

    assert tthc.__version__ == version("tthc")


def test_import_does_not_load_pydantic_yaml_or_hypothesis() -> None:
    """`import tthc` stays cheap: heavy or edge dependencies load only when used."""
    code = (
        "import sys, tthc; "
        "print(sorted(m for m in ('pydantic', 'yaml', 'hypothesis') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout
    assert out.strip() == "[]"


def test_module_is_typed() -> None:
    spec = importlib.util.find_spec("tthc")
    assert spec is not None
    assert spec.origin is not None
    from pathlib import Path

    assert (Path(spec.origin).parent / "py.typed").exists()
