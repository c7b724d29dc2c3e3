"""tthc: Vietnamese administrative procedures and their deadlines.

The public API is re-exported here. Names are imported on first use, so
``import tthc`` stays cheap; ``tthc.WorkingCalendar`` and friends load their
module when first touched.
"""

import importlib as _importlib
import typing as _typing

from tthc._version import __version__
from tthc.errors import (
    CalendarError,
    CalendarFileError,
    CatalogError,
    DateOutOfRange,
    DeadlineError,
    DossierError,
    EstimatedDateError,
    EventOutOfOrder,
    Issue,
    TransitionNotAllowed,
    TthcError,
    UnknownCase,
    UnknownProcedure,
    VersionConflict,
)

if _typing.TYPE_CHECKING:
    from tthc.duration import Duration, DurationKind

# name -> module that defines it; resolved lazily by __getattr__ below.
_LAZY: dict[str, str] = {
    "Duration": "tthc.duration",
    "DurationKind": "tthc.duration",
}

__all__ = [
    "CalendarError",
    "CalendarFileError",
    "CatalogError",
    "DateOutOfRange",
    "DeadlineError",
    "DossierError",
    "Duration",
    "DurationKind",
    "EstimatedDateError",
    "EventOutOfOrder",
    "Issue",
    "TransitionNotAllowed",
    "TthcError",
    "UnknownCase",
    "UnknownProcedure",
    "VersionConflict",
    "__version__",
]


def __getattr__(name: str) -> _typing.Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'tthc' has no attribute {name!r}")
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))
