"""Named deadline policies: how receipt is snapped and how a time limit is counted.

Real one-stop systems compute the appointment date in different ways (DOMAIN section 3).
Each way is a named, immutable :class:`DeadlinePolicy` value; the computation reads the
policy's fields and never branches on its name.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from types import MappingProxyType

__all__ = [
    "CIVIL_CODE",
    "HALF_DAY_SESSIONS",
    "POLICIES",
    "WORKING_TIME",
    "WORKING_TIME_QUARTER",
    "Counting",
    "DeadlinePolicy",
]


class Counting(str, enum.Enum):
    """How a time limit in working days is laid out on the calendar."""

    DAYS = "days"
    """Civil Code days: the receipt day is not counted (BLDS 2015 Art. 147(2)); the limit
    ends at the close of office hours of the n-th working day after it (Art. 148(1))."""
    SESSIONS = "sessions"
    """Half-day sessions: received in the morning, due in the morning; received in the
    afternoon, due in the afternoon (the e-par one-stop software)."""
    WORKING_TIME = "working_time"
    """Exact working time from the moment of receipt, 1 working day = 8 working hours
    (OpenCPS ``DueDateUtils``; the .NET provincial system)."""


@dataclass(frozen=True, slots=True)
class DeadlinePolicy:
    """How a due date is computed: a named value, documented with its source.

    Attributes:
        name: A stable identifier, used by the command line and in reports.
        counting: How working days are laid out.
        round_up_to: With :attr:`Counting.WORKING_TIME`, round the due instant up to a
            multiple of this many minutes past the hour (OpenCPS rounds to the quarter hour).
        same_day_cutoff: The cut-off applied to same-day limits that state none. The law
            states 15:00 for civil status and certification (Luật Hộ tịch 2014 Art. 5(3),
            NĐ 23/2015/NĐ-CP Art. 7); the catalogue entry normally says so itself.
        description: One line on what the policy reproduces and why.
    """

    name: str
    counting: Counting = Counting.DAYS
    round_up_to: int | None = None
    same_day_cutoff: dt.time | None = None
    description: str = ""

    def __post_init__(self) -> None:
        if self.round_up_to is not None and (
            self.counting is not Counting.WORKING_TIME or not 0 < self.round_up_to <= 60
        ):
            raise ValueError(
                "round_up_to applies to working-time counting and must be 1..60 minutes, "
                f"got {self.round_up_to!r} with {self.counting.value} counting"
            )

    def __str__(self) -> str:
        return self.name


CIVIL_CODE = DeadlinePolicy(
    "civil-code",
    Counting.DAYS,
    description=(
        "Days per the Civil Code (BLDS 2015 Art. 147-148): receipt day not counted, due at the "
        "close of office hours of the n-th working day; the default."
    ),
)
HALF_DAY_SESSIONS = DeadlinePolicy(
    "half-day-sessions",
    Counting.SESSIONS,
    description=(
        "Received in the morning, due in the morning; received in the afternoon, due in the "
        "afternoon; the appointment is a half-day window (e-par)."
    ),
)
WORKING_TIME = DeadlinePolicy(
    "working-time",
    Counting.WORKING_TIME,
    description="Exact working time, 1 working day = 8 working hours (provincial .NET system).",
)
WORKING_TIME_QUARTER = DeadlinePolicy(
    "working-time-quarter",
    Counting.WORKING_TIME,
    round_up_to=15,
    description="Exact working time, due instant rounded up to the quarter hour (OpenCPS).",
)

#: Every built-in policy by name (read-only).
POLICIES: MappingProxyType[str, DeadlinePolicy] = MappingProxyType(
    {p.name: p for p in (CIVIL_CODE, HALF_DAY_SESSIONS, WORKING_TIME, WORKING_TIME_QUARTER)}
)
