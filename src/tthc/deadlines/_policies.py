"""Named deadline policies: which day a receipt counts from and how a time limit is counted.

Real one-stop systems compute the appointment date in different ways (``docs/sources.md``,
"How one-stop systems count"). Each way is a named, immutable :class:`DeadlinePolicy` value;
the computation reads the policy's fields and never branches on its name.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass
from types import MappingProxyType

__all__ = [
    "CIVIL_CODE",
    "END_OF_DAY",
    "HALF_DAY_SESSIONS",
    "NEXT_OPENING",
    "POLICIES",
    "WORKING_TIME",
    "WORKING_TIME_QUARTER",
    "Counting",
    "DayEnd",
    "DeadlinePolicy",
    "Receipt",
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


class Receipt(str, enum.Enum):
    """Which day a period in days leaves out when the dossier came outside counting hours.

    Only periods in days (working days, calendar days, phases, half-day sessions) differ;
    a period in hours, a same-day limit and an immediate result always start at the next
    counting instant (BLDS 2015 Art. 147(1): an hour count starts at the stated moment,
    and no working hour passes before the office opens).
    """

    RECEIPT_DAY = "receipt-day"
    """The receipt's own date is the day not counted, whatever kind of day it is (a
    holiday, a Saturday counter, a working day after 17:00): counting starts the day after
    (BLDS 2015 Art. 147(2)). The default."""
    NEXT_OPENING = "next-opening"
    """The dossier is deemed received at the next counting instant, and *that* day is the
    day not counted: a receipt after 17:00 or on a non-working day gains a day. The rule of
    sectors that say so for online dossiers: customs (QĐ 2988/QĐ-TCHQ of 2018, Art. 7(5):
    outside working hours, the first working hour of the next working day) and the State
    Treasury (TT 87/2021/TT-BTC Art. 10: outside working hours, on holidays and Tết, the
    next working day)."""


class DayEnd(str, enum.Enum):
    """When the last day of a limit in whole days ends: the instant printed as the appointment.

    Applies to whole working days (day counting), calendar days, phases and same-day limits;
    half days, half-day sessions and working time end inside office hours by definition.
    """

    OFFICE_CLOSE = "office-close"
    """The close of office hours of the last day (17:00 by default). The default: the
    appointment slip gives an hour at which the desk can hand the result over (TT 01/2020/
    TT-BTP Art. 2(1) asks for the hour and the day), and the default lateness rule,
    ``by-date``, compares dates, so the choice does not change what is on time there."""
    MIDNIGHT = "midnight"
    """24:00 of the last day, the end of a period in days under the Civil Code (BLDS 2015
    Art. 148(1), (6)); given as the last microsecond of that day (23:59:59.999999), which a
    ``datetime`` can hold, so the due date stays that day."""


@dataclass(frozen=True, slots=True)
class DeadlinePolicy:
    """How a due date is computed: a named value, documented with its source.

    Attributes:
        name: A stable identifier, used by the command line and in reports.
        counting: How working days are laid out.
        receipt: Which day a period in days leaves out when the receipt came outside
            counting hours (:attr:`Receipt.RECEIPT_DAY`, the Civil Code, by default).
        ends_at: When the last day of a limit in whole days ends
            (:attr:`DayEnd.OFFICE_CLOSE` by default; :attr:`DayEnd.MIDNIGHT` for 24:00).
        round_up_to: With :attr:`Counting.WORKING_TIME`, round the due instant up to a
            multiple of this many minutes past the hour (OpenCPS rounds to the quarter hour).
        same_day_cutoff: The cut-off applied to same-day limits that state none. The law
            states 15:00 for civil status and certification (Luật Hộ tịch 2014 Art. 5(3),
            NĐ 23/2015/NĐ-CP Art. 7); the catalogue entry normally says so itself.
        description: One line on what the policy reproduces and why.
    """

    name: str
    counting: Counting = Counting.DAYS
    receipt: Receipt = Receipt.RECEIPT_DAY
    ends_at: DayEnd = DayEnd.OFFICE_CLOSE
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
        "Days per the Civil Code (BLDS 2015 Art. 147-148): the receipt's own date is not "
        "counted, whatever kind of day it is; due at the close of office hours of the n-th "
        "working day after it; the default."
    ),
)
NEXT_OPENING = DeadlinePolicy(
    "next-opening",
    Counting.DAYS,
    receipt=Receipt.NEXT_OPENING,
    description=(
        "Days as civil-code, but a dossier received outside counting hours is deemed received "
        "at the next opening, and that day is the one not counted (customs QĐ 2988/QĐ-TCHQ "
        "Art. 7(5); State Treasury TT 87/2021/TT-BTC Art. 10, for online dossiers)."
    ),
)
END_OF_DAY = DeadlinePolicy(
    "end-of-day",
    Counting.DAYS,
    ends_at=DayEnd.MIDNIGHT,
    description=(
        "Days as civil-code, due at 24:00 of the last day (BLDS 2015 Art. 148(1), (6)) rather "
        "than at the close of office hours."
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
    {
        p.name: p
        for p in (
            CIVIL_CODE,
            NEXT_OPENING,
            END_OF_DAY,
            HALF_DAY_SESSIONS,
            WORKING_TIME,
            WORKING_TIME_QUARTER,
        )
    }
)
