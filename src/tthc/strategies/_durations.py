"""Strategies for time limits (:class:`~tthc.Duration`) and deadline policies."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from tthc.deadlines import (
    POLICIES,
    Counting,
    DayEnd,
    DeadlinePolicy,
    Receipt,
)
from tthc.duration import Duration, DurationKind
from tthc.strategies._validation import check_bool, check_size

__all__ = ["deadline_policies", "durations"]

_K = DurationKind
#: The kinds in the order the strategy tries them: it shrinks towards the first.
_ORDER = (
    _K.WORKING_DAYS,
    _K.WORKING_HOURS,
    _K.CALENDAR_DAYS,
    _K.SAME_DAY,
    _K.IMMEDIATE,
    _K.NONE,
    _K.PHASES,
)
#: Steps per unit of each counted kind: halves of a working day, minutes of an hour.
_GRID = {_K.WORKING_DAYS: 2, _K.WORKING_HOURS: 60, _K.CALENDAR_DAYS: 1}
_DEFAULT_SPAN = 100
#: The built-in policies, the default first.
_BUILTIN = tuple(POLICIES.values())  # CIVIL_CODE first: examples shrink to the default


def _amount(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise InvalidArgument(f"{name} must be a number, got {type(value).__name__} {value!r}")
    if not math.isfinite(value) or value < 0:
        raise InvalidArgument(f"{name} must be a finite number >= 0, got {value!r}")
    return float(value)


def _kinds(kinds: object) -> tuple[tuple[DurationKind, ...], bool]:
    """The kinds asked for, in strategy order, and whether they were given explicitly."""
    if kinds is None:
        return _ORDER, False
    if isinstance(kinds, str | DurationKind) or not isinstance(kinds, Iterable):
        raise InvalidArgument(
            f"kinds must be a collection of DurationKind values, got {kinds!r}; "
            "for one kind write kinds=[DurationKind.WORKING_DAYS]"
        )
    values = {k.value for k in _ORDER}
    chosen: set[DurationKind] = set()
    for kind in kinds:
        if kind not in values:  # a DurationKind is its value too (a str enum)
            names = ", ".join(sorted(values))
            raise InvalidArgument(f"unknown duration kind {kind!r}; expected one of {names}")
        chosen.add(DurationKind(kind))
    if not chosen:
        raise InvalidArgument("kinds must name at least one DurationKind")
    return tuple(k for k in _ORDER if k in chosen), True


def _counted(kind: DurationKind, low: float, high: float) -> st.SearchStrategy[Duration] | None:
    """Durations of a counted kind with amounts in ``[low, high]``; ``None`` if there are none."""
    steps = _GRID[kind]
    first, last = math.ceil(low * steps - 1e-9), math.floor(high * steps + 1e-9)
    if first > last:
        return None
    return st.integers(first, last).map(lambda n: Duration(kind, n / steps))


#: Cut-offs found in legal texts and one-stop systems, drawn often: 15:00 (Luật Hộ tịch 2014
#: Art. 5(3); NĐ 23/2015 Art. 7), a minute either side, and the usual session ends.
_USUAL_CUTOFFS = tuple(
    dt.time(*hm) for hm in ((15, 0), (14, 59), (15, 1), (11, 30), (16, 0), (16, 30), (17, 0))
)


def _cutoff(flag: int, minute: int) -> dt.time | None:
    if flag < 2:
        return None
    if flag == 2:
        return _USUAL_CUTOFFS[minute % len(_USUAL_CUTOFFS)]
    return dt.time(*divmod(minute, 60))


def _cutoffs() -> st.SearchStrategy[dt.time | None]:
    """No cut-off (half of the draws, and what it shrinks to), a usual one, or any minute."""
    return st.builds(_cutoff, st.integers(0, 3), st.integers(0, 1439))


@st.composite
def _one_of(draw: st.DrawFn, options: tuple[st.SearchStrategy[Duration], ...]) -> Duration:
    """A value from one of ``options``, chosen by index: shrinks towards the first.

    The options take no fewer choices as they go (one for a counted kind, two for the
    others, more for phases), so the shrinker prefers earlier ones; ``st.one_of`` would
    prefer whichever takes the fewest.
    """
    return draw(options[draw(st.sampled_from(range(len(options))))])  # uniform; shrinks to 0


def durations(
    *,
    kinds: Iterable[DurationKind | str] | None = None,
    min_amount: float = 0,
    max_amount: float | None = None,
    max_phases: int = 3,
    allow_uncountable_phases: bool = False,
) -> st.SearchStrategy[Duration]:
    """Time limits of the given kinds.

    Amounts lie on each kind's grid: working days in halves, working hours in whole
    minutes, calendar days whole. Same-day limits come without a cut-off, with a usual one
    (15:00, a minute either side, 11:30, 16:00, 16:30, 17:00), or with any whole minute.

    Args:
        kinds: The :class:`~tthc.DurationKind` values to generate (or their text values);
            every kind by default.
        min_amount: The smallest amount of a counted kind (working days, working hours,
            calendar days), in its own unit. Other kinds have no amount.
        max_amount: The largest amount of a counted kind; ``min_amount + 100`` by default,
            which keeps due dates far inside a calendar's range.
        max_phases: The most parts of a :attr:`~tthc.DurationKind.PHASES` limit (at least 2).
            Each part's amount lies between ``min_amount`` and ``max_amount``.
        allow_uncountable_phases: Phases are parts in calendar days and whole working
            days (the shapes legal texts use, and those :func:`tthc.compute_deadline`
            counts). With ``True``, parts may also be working hours, half days, same day
            or immediate, which :func:`~tthc.compute_deadline` refuses with
            :class:`~tthc.errors.DeadlineError`.

    Raises:
        hypothesis.errors.InvalidArgument: At call time, for an unknown kind, a negative or
            non-finite amount, ``min_amount > max_amount``, or a kind asked for explicitly
            that has no amount in the range (``0.2..0.4`` working days).

    Examples shrink towards ``min_amount`` working days (0 working days by default), then
    towards the kinds in the order working hours, calendar days, same day (without
    cut-off, then 15:00), immediate, none, phases.

    >>> from hypothesis import find
    >>> from tthc.strategies import durations
    >>> find(durations(), lambda d: True)
    Duration.parse('0 working days')
    >>> find(durations(min_amount=2), lambda d: d.kind.value != "working_days")
    Duration.parse('2 working hours')
    """
    chosen, explicit = _kinds(kinds)
    low = _amount(min_amount, "min_amount")
    high = low + _DEFAULT_SPAN if max_amount is None else _amount(max_amount, "max_amount")
    if low > high:
        raise InvalidArgument(
            f"min_amount={min_amount!r} is greater than max_amount={max_amount!r}; "
            "expected min_amount <= max_amount"
        )
    check_size(max_phases, "max_phases", minimum=2)
    check_bool(allow_uncountable_phases, "allow_uncountable_phases")
    options: list[st.SearchStrategy[Duration]] = []
    for kind in chosen:
        option = _one_kind(
            kind, low, high, max_phases, allow_uncountable_phases=allow_uncountable_phases
        )
        if option is None:
            if explicit:
                raise InvalidArgument(
                    f"no {kind.value} duration has an amount between {low:g} and {high:g}"
                    + (" (phase parts are whole days)" if kind is _K.PHASES else "")
                )
            continue
        options.append(option)
    return _one_of(tuple(options))  # never empty: same day and immediate have no amount


def _one_kind(
    kind: DurationKind,
    low: float,
    high: float,
    max_phases: int,
    *,
    allow_uncountable_phases: bool,
) -> st.SearchStrategy[Duration] | None:
    if kind in _GRID:
        return _counted(kind, low, high)
    if kind is _K.SAME_DAY:
        return _cutoffs().map(lambda cutoff: Duration.same_day(cutoff=cutoff))
    if kind is _K.IMMEDIATE:  # two unused choices, as many as a same-day limit takes
        return st.tuples(st.booleans(), st.booleans()).map(lambda _: Duration.immediate())
    if kind is _K.NONE:
        return st.tuples(st.booleans(), st.booleans()).map(lambda _: Duration.none())
    parts: list[st.SearchStrategy[Duration]] = []
    if allow_uncountable_phases:
        parts += [p for k in _GRID if (p := _counted(k, low, high)) is not None]
        parts += [
            _cutoffs().map(lambda c: Duration.same_day(cutoff=c)),
            st.just(Duration.immediate()),
        ]
    else:
        first, last = math.ceil(low - 1e-9), math.floor(high + 1e-9)
        if first > last:
            return None
        whole = st.integers(first, last)
        parts = [whole.map(Duration.calendar_days), whole.map(Duration.working_days)]
    return st.lists(st.one_of(parts), min_size=2, max_size=max_phases).map(
        lambda ps: Duration.sequence(*ps)
    )


def deadline_policies(*, allow_custom: bool = True) -> st.SearchStrategy[DeadlinePolicy]:
    """Deadline policies: the built-in ones, and (by default) invented ones.

    An invented policy has any :class:`~tthc.deadlines.Counting`, any
    :class:`~tthc.deadlines.Receipt` rule, any :class:`~tthc.deadlines.DayEnd`, a rounding
    step of 1 to 60 minutes with
    working-time counting, and maybe a default same-day cut-off; its name is
    ``custom-<counting>``.

    Args:
        allow_custom: With ``False``, only the policies of
            :data:`tthc.deadlines.POLICIES`.

    Examples shrink towards :data:`tthc.deadlines.CIVIL_CODE`, the default policy.

    >>> from hypothesis import find
    >>> from tthc.strategies import deadline_policies
    >>> find(deadline_policies(), lambda policy: True).name
    'civil-code'
    """
    check_bool(allow_custom, "allow_custom")
    builtin = st.sampled_from(_BUILTIN)
    if not allow_custom:
        return builtin
    custom = st.builds(
        _custom_policy,
        st.sampled_from(list(Counting)),
        st.none() | st.integers(1, 60),
        _cutoffs(),
        st.sampled_from(list(Receipt)),
        st.sampled_from(list(DayEnd)),
    )
    return builtin | custom


def _custom_policy(
    counting: Counting,
    step: int | None,
    cutoff: dt.time | None,
    receipt: Receipt,
    ends_at: DayEnd,
) -> DeadlinePolicy:
    return DeadlinePolicy(
        f"custom-{counting.value}",
        counting,
        receipt=receipt,
        ends_at=ends_at,
        round_up_to=step if counting is Counting.WORKING_TIME else None,
        same_day_cutoff=cutoff,
        description="A policy invented by tthc.strategies.deadline_policies().",
    )
