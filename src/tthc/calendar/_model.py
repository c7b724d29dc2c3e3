"""The working calendar: an immutable value answering day and working-time questions fast.

All answers come from tables built once per calendar over its whole range (``_spec.py``):
a 0/1 working flag per day, the number of working days up to and before each day, and the
list of working days; and, on first use, the counting time before each working day and
its sessions by minute (``_clock.py``). So :meth:`add_working_days` is two list look-ups,
and :meth:`add_working_time` arithmetic on those tables checked against them (with a
binary search when the days in between are uneven).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, Literal, NoReturn

from tthc.calendar import _clock
from tthc.calendar._days import DayChange, DayInfo, DayKind, check_date
from tthc.calendar._hours import DEFAULT_OFFICE_HOURS, OfficeHours, Session
from tthc.calendar._spec import Spec, check_int, day_tables
from tthc.errors import DateOutOfRange, EstimatedDateError

if TYPE_CHECKING:
    from tthc.calendar._bulk import BulkTables

__all__ = ["VIETNAM_TZ", "WorkingCalendar"]

VIETNAM_TZ = _clock.VIETNAM_TZ

_date, _datetime, _timedelta = dt.date, dt.datetime, dt.timedelta
_fromordinal = dt.date.fromordinal


class WorkingCalendar:
    """A public-sector working calendar: which days count, and which hours.

    Immutable and hashable. Build the national one with :meth:`vietnam`, a local one with
    :meth:`derive` or :func:`tthc.load_calendar`. Every method raises
    :class:`~tthc.errors.DateOutOfRange` for a date outside ``first_date..last_date``,
    and, on a calendar built with ``estimates=False``, :class:`~tthc.errors.EstimatedDateError`
    for a date (or a result) in a year without an announced schedule. Never a silent guess.

    Attributes:
        name: ``"vn"`` for the national calendar; derived calendars name themselves.
        first_date: The first day the calendar knows.
        last_date: The last day the calendar knows.
        known_years: The years with an announced (verified) schedule; other years are
            estimated from the statute.
        estimates: Whether dates in estimated years are answered (``True``) or refused.
        office_hours: The counting sessions of each weekday.

    >>> import datetime as dt
    >>> from tthc import WorkingCalendar
    >>> vn = WorkingCalendar.vietnam()
    >>> vn.add_working_days(dt.date(2026, 2, 12), 3)  # Tết 14-22/02 skipped
    datetime.date(2026, 2, 24)
    >>> vn.is_working_day(dt.date(2026, 1, 10))  # a make-up Saturday
    True
    """

    __slots__ = (
        "_before",
        "_bulk",
        "_by_date",
        "_hash",
        "_hi",
        "_hot",
        "_khi",
        "_klo",
        "_lo",
        "_o0",
        "_spec",
        "_upto",
        "_wdays",
        "_work",
        "estimates",
        "first_date",
        "known_years",
        "last_date",
        "name",
        "office_hours",
    )

    _o0: int
    _lo: int
    _hi: int
    _klo: int
    _khi: int
    _work: bytearray
    _upto: list[int]
    _before: list[int]
    _wdays: list[dt.date]
    _by_date: dict[dt.date, DayInfo]
    _spec: Spec
    _hash: int | None
    _hot: tuple[Any, ...] | None
    _bulk: BulkTables | None
    name: str
    first_date: dt.date
    last_date: dt.date
    known_years: range
    estimates: bool
    office_hours: OfficeHours

    def __init__(self, spec: Spec) -> None:
        if not isinstance(spec, Spec):
            raise TypeError(
                "build a calendar with WorkingCalendar.vietnam(), .derive() or tthc.load_calendar()"
            )
        put = object.__setattr__
        for attr, value in day_tables(spec).items():
            put(self, attr, value)
        put(self, "_spec", spec)
        put(self, "_hot", None)  # the working-time tables: built on first use by _clock.build
        put(self, "_hash", None)
        put(self, "_bulk", None)
        put(self, "name", spec.name)
        put(self, "first_date", spec.first)
        put(self, "last_date", spec.last)
        put(self, "known_years", spec.known_years)
        put(self, "estimates", spec.estimates)
        put(self, "office_hours", spec.office_hours)

    # ------------------------------------------------------------ value behaviour

    def __setattr__(self, name: str, value: object) -> NoReturn:
        raise AttributeError(f"WorkingCalendar is immutable; use derive() (setting {name!r})")

    def __delattr__(self, name: str) -> NoReturn:
        raise AttributeError(f"WorkingCalendar is immutable (deleting {name!r})")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, WorkingCalendar):
            return NotImplemented
        return self is other or self._spec == other._spec

    def __hash__(self) -> int:
        if self._hash is None:
            object.__setattr__(self, "_hash", hash(self._spec))
        return self._hash  # type: ignore[return-value]  # set just above

    def __reduce__(self) -> tuple[Any, ...]:
        return (WorkingCalendar, (self._spec,))

    def __repr__(self) -> str:
        known = f"{self.known_years.start}..{self.known_years.stop - 1}"
        mode = "estimates allowed" if self.estimates else "estimates refused"
        return (
            f"<WorkingCalendar {self.name!r} {self.first_date}..{self.last_date}, "
            f"announced {known}, {mode}>"
        )

    @property
    def reception_hours(self) -> OfficeHours:
        """When the counter receives dossiers (the counting hours unless set apart)."""
        return self._spec.reception_hours or self._spec.office_hours

    # ------------------------------------------------------------ construction

    @classmethod
    def vietnam(
        cls, *, estimates: bool = True, source: Literal["snapshot", "holidays"] = "snapshot"
    ) -> WorkingCalendar:
        """The national public-sector calendar of Vietnam, 2000-01-01..2099-12-31.

        Holidays and weekend compensation come from ``holidays.VN``; the Monday-Friday
        days off and make-up working days of every announced year (``known_years``) come
        from the official decisions in the overlay, each with its document. Counting
        hours default to Monday-Friday 07:30-11:30 and 13:00-17:00 (QĐ 2022/QĐ-UBND of
        Thừa Thiên Huế); reception hours equal counting hours.

        Args:
            estimates: With ``False``, every question about a date in a year without an
                announced schedule raises :class:`~tthc.errors.EstimatedDateError`.
            source: ``"snapshot"`` (default, fast): the holidays.VN output shipped with
                tthc, generated with the holidays release pinned for development.
                ``"holidays"``: recompute from the installed holidays package (for a
                newer release; imports it and takes a few hundred milliseconds).

        The result is cached: calling again with the same arguments returns the same
        calendar.
        """
        if not isinstance(estimates, bool):
            raise TypeError(f"estimates must be True or False, got {estimates!r}")
        if source not in ("snapshot", "holidays"):
            raise ValueError(f"source must be 'snapshot' or 'holidays', got {source!r}")
        key = (cls, estimates, source)  # a subclass gets instances of its own
        cached = _NATIONAL.get(key)
        if cached is None:
            from tthc.calendar._vietnam import (  # noqa: PLC0415  (data loads on first use)
                FIRST_DATE,
                LAST_DATE,
                national_data,
            )

            data = national_data(source)
            spec = Spec(
                name="vn",
                first=FIRST_DATE,
                last=LAST_DATE,
                known_years=data.known_years,
                estimates=estimates,
                days=tuple(data.days[d] for d in sorted(data.days)),
                office_hours=DEFAULT_OFFICE_HOURS,
                reception_hours=None,
                suspended=(),
            )
            cached = _NATIONAL[key] = cls(spec)
        return cached

    def derive(
        self,
        *,
        name: str,
        days_off: Iterable[dt.date | DayChange] = (),
        working_days: Iterable[dt.date | DayChange] = (),
        suspended_reception: Iterable[dt.date | tuple[dt.date, dt.date]] = (),
        office_hours: OfficeHours | None = None,
        reception_hours: OfficeHours | None = None,
        estimates: bool | None = None,
    ) -> WorkingCalendar:
        """A new calendar layered on this one (a province's or an agency's).

        Args:
            name: The new calendar's name (for example ``"vn/hue"``).
            days_off: Extra days off; a plain date becomes a ``HOLIDAY``; a
                :class:`DayChange` may give a kind, names and the local document.
            working_days: Extra working days; ``MAKEUP`` on a weekend, else ``WORKING``.
            suspended_reception: Days or inclusive ``(first, last)`` ranges when the
                counter does not receive dossiers; counting hours are not affected.
            office_hours: New counting hours (reception follows them unless set apart).
            reception_hours: New reception hours.
            estimates: Allow or refuse estimated years (default: as this calendar).

        Raises:
            ValueError: A day is listed twice, a kind contradicts its list, or the office
                hours have no session on a weekday with working days (Monday to Friday, and
                ``makeup_as``).
            tthc.errors.DateOutOfRange: A day is outside the calendar's range.
        """
        from tthc.calendar._layers import derive_spec  # noqa: PLC0415  (rarely used)

        spec = derive_spec(
            self._spec,
            self._by_date,
            name=name,
            days_off=days_off,
            working_days=working_days,
            suspended_reception=suspended_reception,
            office_hours=office_hours,
            reception_hours=reception_hours,
            estimates=estimates,
        )
        return WorkingCalendar(spec)

    # ------------------------------------------------------------ errors

    def _refuse(self, day: dt.date) -> NoReturn:
        if not self.first_date <= day <= self.last_date:
            raise DateOutOfRange(day, self.first_date, self.last_date)
        known = self.known_years
        raise EstimatedDateError(day, known.start, known.stop - 1)

    def _refuse_result(self, day: dt.date, n: int) -> NoReturn:
        k = (self._upto if n > 0 else self._before)[day.toordinal() - self._o0] + n - (n > 0)
        self._refuse_working_day(k, day, f"{n} working days from {day.isoformat()} is")

    def _refuse_working_day(self, k: int, origin: dt.date, what: str) -> NoReturn:
        """Raise for a result on working day ``k``: estimated, or outside the range."""
        if 0 <= k < len(self._wdays):
            self._refuse(self._wdays[k])
        error = DateOutOfRange(origin, self.first_date, self.last_date)
        error.args = (
            f"{what} outside the calendar's supported range "
            f"{self.first_date.isoformat()}..{self.last_date.isoformat()}",
        )
        raise error

    def _index(self, day: object) -> int:
        """The table index of a date, checking its type and range."""
        i = check_date(day).toordinal() - self._o0
        if not self._lo <= i <= self._hi:
            self._refuse(day)  # type: ignore[arg-type]  # check_date passed: a date
        return i

    # ------------------------------------------------------------ days

    def is_working_day(self, day: dt.date) -> bool:
        """Whether ``day`` counts as a working day (make-up Saturdays do)."""
        i = (day.toordinal() if type(day) is _date else check_date(day).toordinal()) - self._o0
        if not self._lo <= i <= self._hi:
            self._refuse(day)
        return self._work[i] == 1

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The ``n``-th working day strictly after ``day``; ``n < 0`` counts back.

        ``day`` itself never counts, working or not, so ``add_working_days(d, 1)`` is
        the next working day even when ``d`` is one. ``n == 0`` returns ``day`` unchanged.
        For ``n >= 0``, ``working_days_between(d, add_working_days(d, n)) == n``.

        >>> import datetime as dt
        >>> from tthc import WorkingCalendar
        >>> vn = WorkingCalendar.vietnam()
        >>> vn.add_working_days(dt.date(2024, 4, 26), 2)  # 29/4-1/5 off
        datetime.date(2024, 5, 3)
        >>> vn.add_working_days(dt.date(2026, 1, 5), -3)  # 02/01 swapped, 01/01 off
        datetime.date(2025, 12, 29)
        """
        if type(day) is not _date:
            check_date(day)
        if type(n) is not int:
            n = check_int(n)
        i = day.toordinal() - self._o0
        if not self._lo <= i <= self._hi:
            self._refuse(day)
        if n > 0:
            k = self._upto[i] + n - 1  # never below _klo: upto[i] >= before[lo] == _klo
            if k > self._khi:
                self._refuse_result(day, n)
        elif n < 0:
            k = self._before[i] + n  # never above _khi: before[i] <= upto[hi] == _khi + 1
            if k < self._klo:
                self._refuse_result(day, n)
        else:
            return day
        return self._wdays[k]

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        return self.add_working_days(day, 1)

    def previous_working_day(self, day: dt.date) -> dt.date:
        """The last working day strictly before ``day``."""
        return self.add_working_days(day, -1)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """Working days in ``(start, end]``, or minus those in ``(end, start]`` if ``end < start``.

        >>> import datetime as dt
        >>> from tthc import WorkingCalendar
        >>> WorkingCalendar.vietnam().working_days_between(
        ...     dt.date(2026, 2, 13), dt.date(2026, 2, 24)
        ... )
        2
        """
        if type(start) is not _date:
            check_date(start)
        if type(end) is not _date:
            check_date(end)
        i = start.toordinal() - self._o0
        j = end.toordinal() - self._o0
        if not self._lo <= i <= self._hi:
            self._refuse(start)
        if not self._lo <= j <= self._hi:
            self._refuse(end)
        return self._upto[j] - self._upto[i]

    def day_info(self, day: dt.date) -> DayInfo:
        """What the calendar says about ``day``: kind, names, source, estimated flag.

        >>> import datetime as dt
        >>> from tthc import WorkingCalendar
        >>> info = WorkingCalendar.vietnam().day_info(dt.date(2026, 1, 2))
        >>> info.kind, info.is_working, str(info.source)
        (<DayKind.SWAPPED: 'swapped'>, False, 'CV 12729/VPCP-KGVX (25/12/2025)')
        """
        i = self._index(day)
        info = self._by_date.get(day)
        if info is not None:
            return info
        year = day.year
        estimated = not self.known_years.start <= year < self.known_years.stop
        kind = DayKind.WORKING if self._work[i] else DayKind.WEEKEND
        return DayInfo(day, kind, kind is DayKind.WORKING, estimated=estimated)

    def days(self, first: dt.date, last: dt.date) -> Iterator[DayInfo]:
        """Every day in ``[first, last]`` (both included), in order; empty if ``last < first``.

        Both ends are checked at once, before iterating.
        """
        i, j = self._index(first), self._index(last)
        return (self.day_info(_fromordinal(self._o0 + k)) for k in range(i, j + 1))

    def non_working_days(self, first: dt.date, last: dt.date) -> Iterator[DayInfo]:
        """The non-working days in ``[first, last]`` (both included), with their reasons."""
        i, j = self._index(first), self._index(last)
        work, o0 = self._work, self._o0
        return (self.day_info(_fromordinal(o0 + k)) for k in range(i, j + 1) if not work[k])

    # ------------------------------------------------------------ hours

    def counting_sessions(self, day: dt.date) -> tuple[Session, ...]:
        """The sessions that count on ``day``; empty on a non-working day.

        A make-up day has the sessions of ``office_hours.makeup_as`` (Monday by default).
        """
        i = (day.toordinal() if type(day) is _date else check_date(day).toordinal()) - self._o0
        if not self._lo <= i <= self._hi:
            self._refuse(day)
        if not self._work[i]:
            return ()
        return self._hours_of(self.office_hours, day)

    def reception_sessions(self, day: dt.date) -> tuple[Session, ...]:
        """When the counter receives dossiers on ``day``.

        A working day has its reception hours; an ordinary weekend day has the reception
        hours of its weekday (a Saturday-morning counter), which do not count; holidays,
        compensatory and swapped days, and suspended days, have none.
        """
        i = self._index(day)
        for first, last in self._spec.suspended:
            if first <= day <= last:
                return ()
        if self._work[i]:
            return self._hours_of(self.reception_hours, day)
        if day in self._by_date:
            return ()
        return self.reception_hours.sessions(day.weekday())

    def closing_time(self, day: dt.date) -> dt.datetime:
        """When counting ends on the working day ``day``: the end of its last session.

        The moment a limit in working days falls due (BLDS 2015 Art. 148(1)).

        Raises:
            ValueError: ``day`` is not a working day.

        >>> import datetime as dt
        >>> from tthc import WorkingCalendar
        >>> WorkingCalendar.vietnam().closing_time(dt.date(2026, 3, 2))
        datetime.datetime(2026, 3, 2, 17, 0)
        """
        hot = self._hot or _clock.build(self)  # the session tables, by working day
        i = (day.toordinal() if type(day) is _date else check_date(day).toordinal()) - hot[0]
        if not hot[1] <= i <= hot[2]:
            self._refuse(day)
        if not hot[4][i]:
            raise ValueError(f"{day.isoformat()} is not a working day: counting never ends there")
        return _combine(day, _TIME_OF[hot[6][hot[3][i]].ends[-1]])

    def _close_after(self, day: dt.date, n: int) -> dt.datetime:
        """``closing_time(add_working_days(day, n))`` for ``n >= 1``, from the tables at once.

        The due instant of ``n`` working days counted after ``day`` (the deadlines' hot path).
        """
        o0, lo, hi, _, _, _, wclock, wdays, _, _, khi = self._hot or _clock.build(self)
        i = day.toordinal() - o0
        if not lo <= i <= hi:
            self._refuse(day)
        k = self._upto[i] + n - 1
        if k > khi:
            self._refuse_result(day, n)
        return _combine(wdays[k], _TIME_OF[wclock[k].ends[-1]])

    def _hours_of(self, hours: OfficeHours, day: dt.date) -> tuple[Session, ...]:
        info = self._by_date.get(day)
        if info is not None and info.kind is DayKind.MAKEUP:
            return hours.sessions(hours.makeup_as)
        return hours.sessions(day.weekday())

    def next_counting_instant(self, at: dt.datetime) -> dt.datetime:
        """``at`` itself inside a counting session ``[start, end)``, else the next session start.

        So 11:30 sharp gives 13:00, and 17:00 the next working day's opening. Time zones
        as for :meth:`add_working_time`.
        """
        if type(at) is _datetime and at.tzinfo is None:
            # The hot path: a naive instant inside a session is its own answer.
            hot = self._hot or _clock.build(self)
            i = at.toordinal() - hot[0]
            if (
                hot[1] <= i <= hot[2]
                and hot[4][i]
                and hot[6][hot[3][i]].inside[at.hour * 60 + at.minute]
            ):
                return at
        found = _clock.instant(self, at, _clock.position(self, _clock.local(at)), forward=False)
        return _clock.back_to(found, at)

    def add_working_time(self, at: dt.datetime, delta: dt.timedelta) -> dt.datetime:
        """``at`` plus ``delta`` of counting time; lunch and non-working days skipped.

        Counting starts at :meth:`next_counting_instant` of ``at``. A result landing
        exactly on a session end is that instant (11:30, 17:00), not the next opening;
        a negative ``delta`` counts back symmetrically (landing on a session start, and
        starting from the end of the last session before ``at``). A zero ``delta``
        returns ``at`` unchanged. Naive datetimes are Vietnam local time; an aware ``at``
        is converted to UTC+07:00 and the result is given in ``at``'s time zone.

        >>> import datetime as dt
        >>> from tthc import WorkingCalendar
        >>> vn = WorkingCalendar.vietnam()
        >>> vn.add_working_time(dt.datetime(2026, 3, 2, 10), dt.timedelta(hours=2))
        datetime.datetime(2026, 3, 2, 13, 30)
        >>> vn.add_working_time(dt.datetime(2026, 3, 2, 7, 30), dt.timedelta(hours=4))
        datetime.datetime(2026, 3, 2, 11, 30)
        >>> vn.add_working_time(dt.datetime(2026, 3, 6, 16), dt.timedelta(hours=2))  # Friday
        datetime.datetime(2026, 3, 9, 8, 30)
        """
        if type(delta) is not _timedelta:
            raise TypeError(f"expected a datetime.timedelta, got {type(delta).__name__} {delta!r}")
        seconds = delta.seconds
        if (
            type(at) is not _datetime
            or at.tzinfo is not None
            or seconds % 60
            or delta.microseconds
            or at.second
            or at.microsecond
        ):
            return _clock.add_exact(self, at, delta)
        dm = delta.days * 1440 + seconds // 60
        if not dm:
            return _clock.add_exact(self, at, delta)
        # The hot path, whole minutes (the usual case): _clock.add_exact's arithmetic in
        # minutes, inlined, with the tables in one tuple because each attribute read costs
        # as much as a table look-up.
        o0, lo, hi, before, work, wpos, wclock, wdays, wlen, klo, khi = self._hot or _clock.build(
            self
        )
        i = at.toordinal() - o0
        if not lo <= i <= hi:
            self._refuse(at.date())
        k = before[i]
        p = wpos[k]
        if work[i]:
            p += wclock[k].minutes_before[at.hour * 60 + at.minute]
        target = p + dm
        # The working day j holding the target: arithmetic when the days in between are
        # as long as a typical weekday, else a binary search.
        if dm > 0:  # wpos[j] < target <= wpos[j + 1]
            j = k + (target - wpos[k] - 1) // wlen
            if j >= len(wpos) - 1 or wpos[j] >= target or wpos[j + 1] < target:
                j = bisect_left(wpos, target) - 1
            if not klo <= j <= khi:
                _clock.refuse_position(self, at, j)
            time = _TIME_OF[wclock[j].ends[target - wpos[j]]]
        else:  # wpos[j] <= target < wpos[j + 1]
            j = k + (target - wpos[k]) // wlen
            if j < 0 or wpos[j] > target or wpos[j + 1] <= target:
                j = bisect_right(wpos, target) - 1
            if not klo <= j <= khi:
                _clock.refuse_position(self, at, j)
            time = _TIME_OF[wclock[j].starts[target - wpos[j]]]
        return _combine(wdays[j], time)  # cheaper than reading the date's fields

    def working_time_between(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """The counting time in ``(start, end)``; negative when ``end < start``.

        The inverse of :meth:`add_working_time`:
        ``working_time_between(a, add_working_time(a, d)) == d``. Naive datetimes are
        Vietnam local time; aware ones are converted.
        """
        return _clock.between(self, start, end)

    # ------------------------------------------------------------ bulk

    def add_working_days_many(self, days: Any, ns: Any) -> Any:
        """:meth:`add_working_days` for many pairs at once.

        ``days`` is a sequence of dates and ``ns`` an int or a sequence of ints of the
        same length; the result is a list. With numpy installed (the ``fast`` extra),
        ``days`` may be a ``datetime64[D]`` array and ``ns`` an int or an integer array;
        the result is then a ``datetime64[D]`` array, computed without a Python call per
        element. Errors are those of :meth:`add_working_days`, for the first bad element.
        """
        from tthc.calendar._bulk import add_many  # noqa: PLC0415

        return add_many(self, days, ns)

    def working_days_between_many(self, starts: Any, ends: Any) -> Any:
        """:meth:`working_days_between` for many pairs (lists, or numpy arrays -> int64 array)."""
        from tthc.calendar._bulk import between_many  # noqa: PLC0415

        return between_many(self, starts, ends)


_NATIONAL: dict[tuple[type[WorkingCalendar], bool, str], WorkingCalendar] = {}
_TIME_OF, _combine = _clock.TIME_OF, _datetime.combine
