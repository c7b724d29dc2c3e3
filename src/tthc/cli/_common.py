"""Helpers shared by the sub-commands."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tthc.calendar import WorkingCalendar

__all__ = ["bundled_catalog_path", "load_calendar_option"]


def bundled_catalog_path() -> Path:
    """The catalogue shipped with tthc: inside the installed package, or the source tree's."""
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "_bundled_catalog", package.parent.parent / "catalog"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(  # pragma: no cover  (both layouts ship one)
        "the bundled catalogue is missing from this installation; pass --catalog PATH"
    )


def load_calendar_option(path: Path | None) -> WorkingCalendar:
    """The national calendar, or the calendar file given on the command line."""
    if path is None:
        from tthc.calendar import WorkingCalendar  # noqa: PLC0415

        return WorkingCalendar.vietnam()
    from tthc.calendar import load_calendar  # noqa: PLC0415

    return load_calendar(path)
