"""Checks across fields and entries, each problem reported at its own place.

The models check each value; these functions check how values relate: ids are unique,
references resolve, process budgets add up, versions of a code do not overlap, and a
local overlay never lengthens a statutory time limit. They return every
:class:`~tthc.errors.Issue` found; where an issue points is decided by the entry's
:class:`Origin` (a file position when the entry was read from YAML).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, TypeVar

from tthc.catalog._base import overlaps
from tthc.catalog._durations import budget_problem, not_longer
from tthc.catalog._kinds import DISTRICT_LEVEL_LAST_DAY, Channel, Level
from tthc.catalog._models import Case, Procedure
from tthc.catalog._overlay import CaseOverride, Overlay
from tthc.duration import Duration
from tthc.errors import Issue

__all__ = ["MemoryOrigin", "Origin", "check_catalog", "check_overlay", "check_procedure"]

Path = tuple[str | int, ...]
T = TypeVar("T")


class Origin(Protocol):
    """Where an entry was read from: turns a path inside the entry into an issue."""

    def issue(self, message: str, path: Path, *, code: str = "invalid", key: bool = False) -> Issue:
        """An issue about the value at ``path`` inside the entry."""
        ...  # pragma: no cover - protocol

    def where(self, path: Path) -> str:
        """A short human reference to the value at ``path`` (``file:line:column``)."""
        ...  # pragma: no cover - protocol


@dataclass(frozen=True)
class MemoryOrigin:
    """The origin of an entry built in Python: issues carry the path, not a position."""

    prefix: Path
    file: str = "<memory>"

    def issue(self, message: str, path: Path, *, code: str = "invalid", key: bool = False) -> Issue:
        """An issue at ``prefix + path`` with no line or column."""
        return Issue(message, file=self.file, path=self.prefix + path, code=code)

    def where(self, path: Path) -> str:
        """``file`` and the dotted path."""
        return f"{self.file} at {'.'.join(str(p) for p in self.prefix + path)}"


def _period(valid_from: dt.date, valid_to: dt.date | None) -> str:
    return f"from {valid_from.isoformat()} " + (
        f"to {valid_to.isoformat()}" if valid_to is not None else "with no end"
    )


def _duplicates(
    values: Iterable[T], path_of: Callable[[int], Path], origin: Origin, what: str
) -> list[Issue]:
    first: dict[T, int] = {}
    issues = []
    for index, value in enumerate(values):
        if value is None:
            continue
        if value in first:
            issues.append(
                origin.issue(
                    f"{what} {getattr(value, 'value', value)!r} appears twice "
                    f"(first at {origin.where(path_of(first[value]))})",
                    path_of(index),
                    code="duplicate",
                )
            )
        else:
            first[value] = index
    return issues


def check_procedure(procedure: Procedure, origin: Origin) -> list[Issue]:
    """Every problem inside one procedure that its fields cannot show alone."""
    issues: list[Issue] = []
    p = procedure
    if p.valid_to is not None and p.valid_to < p.valid_from:
        issues.append(
            origin.issue(
                f"valid_to {p.valid_to.isoformat()} is before valid_from "
                f"{p.valid_from.isoformat()}",
                ("valid_to",),
                code="dates",
            )
        )
    if p.level is Level.DISTRICT and (p.valid_to is None or p.valid_to > DISTRICT_LEVEL_LAST_DAY):
        issues.append(
            origin.issue(
                "the district level ended on 2025-06-30 (two-tier local government from "
                "2025-07-01): a district-level version needs valid_to 2025-06-30 or earlier; "
                "later versions are province or commune level",
                ("level",),
                code="district-level",
            )
        )
    for index, case in enumerate(p.cases):
        if case.level is Level.DISTRICT and (
            p.valid_to is None or p.valid_to > DISTRICT_LEVEL_LAST_DAY
        ):
            issues.append(
                origin.issue(
                    "the district level ended on 2025-06-30 (two-tier local government from "
                    "2025-07-01): a district-level case needs a version with valid_to "
                    "2025-06-30 or earlier",
                    ("cases", index, "level"),
                    code="district-level",
                )
            )
    issues += _duplicates(p.channels, lambda i: ("channels", i), origin, "channel")
    if p.online_level is not None and Channel.ONLINE not in p.channels:
        issues.append(
            origin.issue(
                "online_level is set, but 'online' is not one of the channels",
                ("online_level",),
                code="online-level",
            )
        )
    issues += _check_cases(p, origin)
    issues += _duplicates((f.id for f in p.forms), lambda i: ("forms", i, "id"), origin, "form id")
    issues += _duplicates(
        (d.id for d in p.documents), lambda i: ("documents", i, "id"), origin, "document id"
    )
    forms = {f.id for f in p.forms}
    cases = {c.id for c in p.cases}
    for index, document in enumerate(p.documents):
        if document.form is not None and document.form not in forms:
            issues.append(
                origin.issue(
                    f"form {document.form!r} is not one of this procedure's forms "
                    f"({_listing(forms)})",
                    ("documents", index, "form"),
                    code="unknown-reference",
                )
            )
        for position, case_id in enumerate(document.cases):
            if case_id not in cases:
                issues.append(
                    origin.issue(
                        f"case {case_id!r} is not one of this procedure's cases "
                        f"({_listing(cases)})",
                        ("documents", index, "cases", position),
                        code="unknown-reference",
                    )
                )
    return issues


def _listing(names: Iterable[str]) -> str:
    ordered = sorted(names)
    return "known: " + ", ".join(repr(n) for n in ordered) if ordered else "there are none"


def _check_cases(p: Procedure, origin: Origin) -> list[Issue]:
    issues = _duplicates((c.id for c in p.cases), lambda i: ("cases", i, "id"), origin, "case id")
    defaults = [i for i, case in enumerate(p.cases) if case.default]
    for index in defaults[1:]:
        issues.append(
            origin.issue(
                f"only one case can be the default; {p.cases[defaults[0]].id!r} already is",
                ("cases", index, "default"),
                code="default-case",
            )
        )
    for index, case in enumerate(p.cases):
        for channel in case.time_limit_by_channel:
            if channel not in p.channels:
                issues.append(
                    origin.issue(
                        f"a time limit for channel {channel.value!r}, which the procedure does "
                        f"not offer (channels: {', '.join(c.value for c in p.channels)})",
                        ("cases", index, "time_limit_by_channel", channel.value),
                        code="unknown-channel",
                        key=True,
                    )
                )
        if case.process:
            problem = budget_problem((s.budget for s in case.process), case.time_limit)
            if problem is not None:
                issues.append(origin.issue(problem, ("cases", index, "process"), code="budget"))
    return issues


def check_overlay(overlay: Overlay, origin: Origin) -> list[Issue]:
    """Problems inside one overlay, before it is matched with a national procedure."""
    issues = []
    if len(overlay.extends) != 8:
        issues.append(
            origin.issue(
                f"extends names a national code (d.dddddd), got {overlay.extends!r}",
                ("extends",),
                code="overlay-code",
            )
        )
    elif not overlay.code.startswith(overlay.extends + "."):
        issues.append(
            origin.issue(
                f"a local code is the national code and a suffix: expected "
                f"'{overlay.extends}.<suffix>', got {overlay.code!r}",
                ("code",),
                code="overlay-code",
            )
        )
    if overlay.valid_to is not None and overlay.valid_to < overlay.valid_from:
        issues.append(
            origin.issue(
                f"valid_to {overlay.valid_to.isoformat()} is before valid_from "
                f"{overlay.valid_from.isoformat()}",
                ("valid_to",),
                code="dates",
            )
        )
    return issues


def check_catalog(
    procedures: Sequence[tuple[Procedure, Origin]],
    overlays: Sequence[tuple[Overlay, Origin]] = (),
) -> list[Issue]:
    """Every problem across entries: overlapping versions and overlays that do not fit."""
    issues: list[Issue] = []
    by_code: dict[str, list[tuple[Procedure, Origin]]] = {}
    for procedure, origin in procedures:
        by_code.setdefault(procedure.code, []).append((procedure, origin))
    for code, versions in by_code.items():
        issues += _overlapping(
            code, [(p.valid_from, p.valid_to, o) for p, o in versions], "procedure"
        )
    by_local: dict[str, list[tuple[Overlay, Origin]]] = {}
    for overlay, origin in overlays:
        by_local.setdefault(overlay.code, []).append((overlay, origin))
    for code, local_versions in by_local.items():
        issues += _overlapping(
            code, [(o.valid_from, o.valid_to, g) for o, g in local_versions], "overlay"
        )
    for overlay, origin in overlays:
        if len(overlay.extends) == 8:  # otherwise check_overlay already said so
            issues += _fit_overlay(overlay, origin, by_code.get(overlay.extends, []))
    return issues


def _overlapping(
    code: str, versions: list[tuple[dt.date, dt.date | None, Origin]], what: str
) -> list[Issue]:
    issues = []
    ordered = sorted(versions, key=lambda v: v[0])
    for later_index, (start, end, origin) in enumerate(ordered):
        for earlier in ordered[:later_index]:
            if overlaps((earlier[0], earlier[1]), (start, end)):
                issues.append(
                    origin.issue(
                        f"{what} {code} already has a version in force "
                        f"{_period(earlier[0], earlier[1])} ({earlier[2].where(('valid_from',))});"
                        " versions of one code must not overlap: end the earlier one with "
                        "valid_to before this one starts",
                        ("valid_from",),
                        code="overlapping-versions",
                    )
                )
                break
    return issues


def _fit_overlay(
    overlay: Overlay, origin: Origin, nationals: list[tuple[Procedure, Origin]]
) -> list[Issue]:
    span = (overlay.valid_from, overlay.valid_to)
    matching = [p for p, _ in nationals if overlaps((p.valid_from, p.valid_to), span)]
    if not matching:
        return [
            origin.issue(
                f"no national procedure {overlay.extends} is in force "
                f"{_period(overlay.valid_from, overlay.valid_to)}; load the national "
                "catalogue with the overlay (tthc validate --reference PATH)",
                ("extends",),
                code="unknown-reference",
            )
        ]
    issues: list[Issue] = []
    seen: set[tuple[Path, str]] = set()
    for national in matching:
        for issue in _fit_cases(overlay, origin, national):
            if (issue.path, issue.message) not in seen:
                seen.add((issue.path, issue.message))
                issues.append(issue)
    return issues


def _fit_cases(overlay: Overlay, origin: Origin, national: Procedure) -> list[Issue]:
    issues = []
    known = {c.id: c for c in national.cases}
    for case_id, override in overlay.cases.items():
        case = known.get(case_id)
        if case is None:
            issues.append(
                origin.issue(
                    f"procedure {national.code} has no case {case_id!r} ({_listing(known)})",
                    ("cases", case_id),
                    code="unknown-reference",
                    key=True,
                )
            )
            continue
        issues += _fit_case(override, case, national, origin, ("cases", case_id))
    return issues


def _fit_case(
    override: CaseOverride, case: Case, national: Procedure, origin: Origin, path: Path
) -> list[Issue]:
    issues = []
    if override.time_limit is not None:
        problem = _lengthens(override.time_limit, case.time_limit, national, case, None)
        if problem is not None:
            issues.append(origin.issue(problem[0], (*path, "time_limit"), code=problem[1]))
    for channel, local in override.time_limit_by_channel.items():
        where = (*path, "time_limit_by_channel", channel.value)
        if channel not in national.channels:
            issues.append(
                origin.issue(
                    f"procedure {national.code} is not offered on channel {channel.value!r}",
                    where,
                    code="unknown-channel",
                    key=True,
                )
            )
            continue
        problem = _lengthens(local, case.limit_for(channel), national, case, channel)
        if problem is not None:
            issues.append(origin.issue(problem[0], where, code=problem[1]))
    if override.process is not None:
        limit = override.time_limit or case.time_limit
        problem_text = budget_problem((s.budget for s in override.process), limit)
        if problem_text is not None:
            issues.append(origin.issue(problem_text, (*path, "process"), code="budget"))
    return issues


def _lengthens(
    local: Duration,
    statutory: Duration,
    national: Procedure,
    case: Case,
    channel: Channel | None,
) -> tuple[str, str] | None:
    verdict = not_longer(local, statutory)
    if verdict is True:
        return None
    subject = f"procedure {national.code}, case {case.id!r}" + (
        f", channel {channel.value!r}" if channel is not None else ""
    )
    if verdict is False:
        return (
            f"the local time limit {local} is longer than the statutory {statutory} "
            f"({subject}); a local version may shorten it, never lengthen it",
            "lengthens",
        )
    return (
        f"cannot tell that the local time limit {local} is within the statutory {statutory} "
        f"for every receipt date ({subject}); write it in the same unit as the statutory one",
        "incomparable",
    )
