"""The registries of named policies are read-only: no caller can replace a built-in policy."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from tthc.deadlines import CIVIL_CODE, CLASSIFICATION_POLICIES, POLICIES
from tthc.dossier import CLOCK_POLICIES


@pytest.mark.parametrize(
    "registry", [POLICIES, CLASSIFICATION_POLICIES, CLOCK_POLICIES], ids=["due", "class", "clock"]
)
def test_a_policy_registry_cannot_be_changed(registry: Mapping[str, Any]) -> None:
    with pytest.raises(TypeError):
        registry["civil-code"] = CIVIL_CODE  # type: ignore[index]
    with pytest.raises(TypeError):
        del registry[next(iter(registry))]  # type: ignore[attr-defined]
    assert all(policy.name == name for name, policy in registry.items())
