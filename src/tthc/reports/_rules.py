"""The classification rules of :mod:`tthc.deadlines`, on plain values, fast.

A report classifies every resolved dossier and every dossier still open at the end of the
period, a million times for a national report. :func:`tthc.deadlines.classify_at` builds a
facts object per call; the functions here apply the same rules to naive local datetimes
directly. ``tests/reports/test_rules.py`` proves they agree with ``classify_at`` on random
inputs; a policy without a fast rule here (``by-session``, or one defined elsewhere) goes
through ``classify_at`` itself.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from tthc.deadlines import (
    BY_DATE,
    BY_INSTANT,
    BY_SESSION,
    CLASSIFICATION_POLICIES,
    QD_766,
    TT_01_2018,
    ClassificationPolicy,
    Timeliness,
    classify_at,
)

if TYPE_CHECKING:
    from tthc.calendar import WorkingCalendar

__all__ = ["Judge", "Resolution", "judge_for", "resolve_policy"]

EARLY, ON_TIME, LATE = Timeliness.EARLY, Timeliness.ON_TIME, Timeliness.LATE

#: ``judge(finished, due, legal_due, supplement_waits, supplement_requests)``: the waits are
#: closed ``(requested, received)`` pairs, all before ``finished``.
Judge = Callable[
    [
        dt.datetime,
        "dt.datetime | None",
        "dt.datetime | None",
        Sequence[tuple[dt.datetime, dt.datetime]],
        int,
    ],
    Timeliness,
]


class Resolution(str, enum.Enum):
    """Which event resolves a dossier: when its result is ready, or when it is returned.

    Systems differ (docs/sources.md, "How one-stop systems count"): e-par and the
    provincial .NET system judge at "business done", the result ready (portal status 9);
    others at the return (10).
    """

    RESULT_READY = "result-ready"
    """Resolved when the result is ready (status 9; a dossier returned without a ready
    time counts from its return). The default, and what QĐ 766 calls the end of processing."""
    RETURNED = "returned"
    """Resolved when the result is returned (status 10); a ready result not yet returned
    is still in progress."""


def _by_date(
    finished: dt.datetime,
    due: dt.datetime | None,
    legal: dt.datetime | None,
    waits: Sequence[tuple[dt.datetime, dt.datetime]],
    requests: int,
) -> Timeliness:
    if due is None:
        return ON_TIME
    f, d = finished.date(), due.date()
    return EARLY if f < d else (ON_TIME if f == d else LATE)


def _by_instant(
    finished: dt.datetime,
    due: dt.datetime | None,
    legal: dt.datetime | None,
    waits: Sequence[tuple[dt.datetime, dt.datetime]],
    requests: int,
) -> Timeliness:
    if due is None:
        return ON_TIME
    return EARLY if finished < due else (ON_TIME if finished == due else LATE)


def _tt_01_2018(
    finished: dt.datetime,
    due: dt.datetime | None,
    legal: dt.datetime | None,
    waits: Sequence[tuple[dt.datetime, dt.datetime]],
    requests: int,
) -> Timeliness:
    # By date, against the time allowed by law rather than the (possibly moved) appointment.
    return _by_date(finished, due if legal is None else legal, legal, waits, requests)


def _qd_766(
    finished: dt.datetime,
    due: dt.datetime | None,
    legal: dt.datetime | None,
    waits: Sequence[tuple[dt.datetime, dt.datetime]],
    requests: int,
) -> Timeliness:
    if requests > 1:
        return LATE
    if due is None:  # no appointment: the legal maximum
        due = legal
    if due is None:
        return ON_TIME
    end = finished
    for started, ended in waits:
        end -= ended - started
    if end > due:
        return LATE
    return EARLY if end.date() < due.date() else ON_TIME


_FAST: dict[str, Judge] = {
    BY_DATE.name: _by_date,
    BY_INSTANT.name: _by_instant,
    TT_01_2018.name: _tt_01_2018,
    QD_766.name: _qd_766,
}


def resolve_policy(policy: ClassificationPolicy | str) -> ClassificationPolicy:
    """The policy object for a policy or its name.

    Raises:
        ValueError: An unknown name.
        TypeError: Neither a policy nor a name.
    """
    if isinstance(policy, ClassificationPolicy):
        return policy
    if isinstance(policy, str):
        try:
            return CLASSIFICATION_POLICIES[policy]
        except KeyError:
            known = ", ".join(sorted(CLASSIFICATION_POLICIES))
            raise ValueError(f"unknown policy {policy!r}; expected one of {known}") from None
    raise TypeError(f"policy must be a ClassificationPolicy or its name, got {policy!r}")


def judge_for(policy: ClassificationPolicy, calendar: WorkingCalendar | None = None) -> Judge:
    """The rule of ``policy`` as a judge: the fast one, or ``classify_at`` itself.

    Raises:
        ValueError: ``by-session`` without a calendar (it needs the office sessions).
    """
    fast = _FAST.get(policy.name)
    if fast is not None and policy is CLASSIFICATION_POLICIES.get(policy.name):
        return fast
    if policy.name == BY_SESSION.name and calendar is None:
        raise ValueError("the by-session policy needs calendar= to find the due session")

    def slow(
        finished: dt.datetime,
        due: dt.datetime | None,
        legal: dt.datetime | None,
        waits: Sequence[tuple[dt.datetime, dt.datetime]],
        requests: int,
    ) -> Timeliness:
        return classify_at(
            finished,
            due,
            policy=policy,
            legal_due_at=legal,
            calendar=calendar,
            waits=waits,
            supplement_requests=requests,
        )

    return slow
