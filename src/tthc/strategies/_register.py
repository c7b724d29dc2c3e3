"""Register the strategies with Hypothesis, so ``st.from_type`` knows tthc's value types.

Hypothesis calls :func:`_hypothesis_setup_hook` when it is imported, through the
``hypothesis`` entry point declared in ``pyproject.toml`` (active once tthc is installed;
``HYPOTHESIS_NO_PLUGINS`` turns it off). Each type maps to a function that builds its
strategy on first use, so registering imports only the types (the catalogue's, with
pydantic), never the strategies.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hypothesis import strategies as st

__all__ = ["_hypothesis_setup_hook"]


def _hypothesis_setup_hook() -> None:
    """Register a strategy for each tthc value type (the ``hypothesis`` entry point)."""
    from hypothesis import strategies as st  # noqa: PLC0415  (Hypothesis is importing)

    from tthc.calendar import DayInfo, OfficeHours, WorkingCalendar  # noqa: PLC0415
    from tthc.catalog import Procedure  # noqa: PLC0415
    from tthc.deadlines import DeadlinePolicy  # noqa: PLC0415
    from tthc.duration import Duration  # noqa: PLC0415

    for kind, name in (
        (Duration, "durations"),
        (DeadlinePolicy, "deadline_policies"),
        (WorkingCalendar, "calendars"),
        (OfficeHours, "office_hours"),
        (DayInfo, "day_infos"),
        (Procedure, "procedures"),
    ):
        st.register_type_strategy(kind, _lazy(name))


def _lazy(name: str) -> Any:
    """A function giving the strategy ``tthc.strategies.<name>()`` when Hypothesis asks."""

    def resolve(kind: type) -> st.SearchStrategy[Any]:
        import tthc.strategies  # noqa: PLC0415  (loaded on first use)

        strategy: st.SearchStrategy[Any] = getattr(tthc.strategies, name)()
        return strategy

    resolve.__qualname__ = resolve.__name__ = f"tthc.strategies.{name}"
    return resolve
