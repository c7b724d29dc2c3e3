"""Due dates and lateness under named policies, with explained results.

See ``docs/deadlines.md`` for every policy, its source and a worked example.
"""

from tthc._localtime import VIETNAM_TZ
from tthc.deadlines._bulk import compute_deadlines
from tthc.deadlines._classify import (
    BY_DATE,
    BY_INSTANT,
    BY_SESSION,
    CLASSIFICATION_POLICIES,
    QD_766,
    TT_01_2018,
    ClassificationPolicy,
    Timeliness,
    classify,
    classify_at,
    explain_classification,
)
from tthc.deadlines._compute import HasTimeLimit, compute_deadline
from tthc.deadlines._deadline import Deadline, StepKind, TraceStep
from tthc.deadlines._policies import (
    CIVIL_CODE,
    END_OF_DAY,
    HALF_DAY_SESSIONS,
    NEXT_OPENING,
    POLICIES,
    WORKING_TIME,
    WORKING_TIME_QUARTER,
    Counting,
    DayEnd,
    DeadlinePolicy,
    Receipt,
)
from tthc.deadlines._remaining import WorkingTime, overdue, remaining

__all__ = [
    "BY_DATE",
    "BY_INSTANT",
    "BY_SESSION",
    "CIVIL_CODE",
    "CLASSIFICATION_POLICIES",
    "END_OF_DAY",
    "HALF_DAY_SESSIONS",
    "NEXT_OPENING",
    "POLICIES",
    "QD_766",
    "TT_01_2018",
    "VIETNAM_TZ",
    "WORKING_TIME",
    "WORKING_TIME_QUARTER",
    "ClassificationPolicy",
    "Counting",
    "DayEnd",
    "Deadline",
    "DeadlinePolicy",
    "HasTimeLimit",
    "Receipt",
    "StepKind",
    "Timeliness",
    "TraceStep",
    "WorkingTime",
    "classify",
    "classify_at",
    "compute_deadline",
    "compute_deadlines",
    "explain_classification",
    "overdue",
    "remaining",
]
