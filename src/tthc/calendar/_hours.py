"""Office hours: the sessions of each weekday, for counting time and for receiving dossiers.

Daily hours are set locally, not nationally (docs/sources.md: QĐ 188/1999/QĐ-TTg sets the
week, provinces the hours). The default is the one-stop centre schedule of Thừa Thiên
Huế, QĐ 2022/QĐ-UBND (in force 01/09/2022): Monday to Friday 07:30-11:30 and 13:00-17:00
(https://quangcong.thuathienhue.gov.vn/?cn=115&gd=4&tc=42463).

A calendar keeps two of these: the *counting* hours (working time that runs a deadline) and
the *reception* hours (when the counter receives dossiers). A make-up Saturday takes the
sessions of a named weekday, Monday unless told otherwise.

>>> from tthc.calendar import OfficeHours
>>> hours = OfficeHours.parse({"mon-fri": "07:00-11:30, 13:30-17:00", "sat": "07:30-11:30"})
>>> print(hours)
mon-fri 07:00-11:30, 13:30-17:00; sat 07:30-11:30; make-up days as mon
>>> hours.sessions(5)
((datetime.time(7, 30), datetime.time(11, 30)),)
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

__all__ = ["DEFAULT_OFFICE_HOURS", "OfficeHours", "Session"]

#: One session: (start, end), counted as the half-open interval [start, end).
Session = tuple[dt.time, dt.time]

_DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_TIME = re.compile(r"^\s*(\d{1,2})[:h](\d{2})\s*$")


def _minute(t: dt.time) -> int:
    return t.hour * 60 + t.minute


def _weekday(value: int | str) -> int:
    if isinstance(value, str) and value.strip().lower()[:3] in _DAY_NAMES:
        return _DAY_NAMES.index(value.strip().lower()[:3])
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 6:
        return value
    raise ValueError(f"expected a weekday 0-6 (Monday = 0) or mon..sun, got {value!r}")


def _check_sessions(weekday: int, sessions: Iterable[object]) -> tuple[Session, ...]:
    checked: list[Session] = []
    for session in sessions:
        if not (isinstance(session, tuple) and len(session) == 2):
            raise TypeError(f"a session is a (start, end) pair of times, got {session!r}")
        start, end = session
        if not (isinstance(start, dt.time) and isinstance(end, dt.time)):
            raise TypeError(f"a session is a (start, end) pair of times, got {session!r}")
        if start.tzinfo is not None or end.tzinfo is not None:
            raise ValueError(f"session times are local times without zone, got {session!r}")
        if start.second or start.microsecond or end.second or end.microsecond:
            raise ValueError(f"office hours are whole minutes, got {start}-{end}")
        if not start < end:
            raise ValueError(
                f"{_DAY_NAMES[weekday]}: a session must start before it ends, "
                f"got {start:%H:%M}-{end:%H:%M}"
            )
        if checked and checked[-1][1] > start:
            raise ValueError(
                f"{_DAY_NAMES[weekday]}: sessions must be in order and not overlap, got "
                f"{checked[-1][0]:%H:%M}-{checked[-1][1]:%H:%M} then {start:%H:%M}-{end:%H:%M}"
            )
        checked.append((start, end))
    return tuple(checked)


@dataclass(frozen=True, slots=True)
class OfficeHours:
    """The sessions of each weekday, and the weekday a make-up day borrows them from.

    Build one with :meth:`weekly` or :meth:`parse`; :data:`DEFAULT_OFFICE_HOURS` is the
    default. Sessions are half-open intervals ``[start, end)`` in local time, in whole
    minutes; a weekday without sessions is closed.

    Attributes:
        week: Seven tuples of sessions, Monday first.
        makeup_as: The weekday (Monday = 0) whose sessions a make-up working day uses.
    """

    week: tuple[tuple[Session, ...], ...]
    makeup_as: int = 0
    _minutes: tuple[tuple[tuple[int, int], ...], ...] = field(
        init=False, repr=False, compare=False, hash=False
    )

    def __post_init__(self) -> None:
        week = tuple(self.week)
        if len(week) != 7:
            raise ValueError(f"office hours need 7 weekdays (Monday first), got {len(week)}")
        week = tuple(_check_sessions(day, sessions) for day, sessions in enumerate(week))
        object.__setattr__(self, "week", week)
        object.__setattr__(self, "makeup_as", _weekday(self.makeup_as))
        minutes = tuple(tuple((_minute(a), _minute(b)) for a, b in day) for day in week)
        object.__setattr__(self, "_minutes", minutes)

    @classmethod
    def weekly(
        cls,
        *sessions: Session,
        weekdays: Iterable[int | str] = range(5),
        makeup_as: int | str = 0,
    ) -> OfficeHours:
        """The same sessions on each of ``weekdays`` (Monday to Friday by default).

        >>> import datetime as dt
        >>> print(OfficeHours.weekly((dt.time(8), dt.time(12)), weekdays=["mon", "wed"]))
        mon 08:00-12:00; wed 08:00-12:00; make-up days as mon
        """
        days = {_weekday(d) for d in weekdays}
        return cls(tuple(sessions if d in days else () for d in range(7)), _weekday(makeup_as))

    @classmethod
    def parse(cls, spec: Mapping[str, str], *, makeup_as: int | str = 0) -> OfficeHours:
        """Read hours written as text: ``{"mon-fri": "07:30-11:30, 13:00-17:00"}``.

        Keys are weekdays (``mon`` .. ``sun``), ranges (``mon-fri``) or lists
        (``mon,wed``); values are comma-separated ``HH:MM-HH:MM`` sessions, or ``closed``.
        Weekdays not named are closed.

        Raises:
            ValueError: A key or a session is malformed, or a weekday is given twice;
                the message quotes it.
        """
        week: list[tuple[Session, ...]] = [()] * 7
        given: set[int] = set()
        for key, text in spec.items():
            sessions = _parse_sessions(text)
            for day in _parse_days(key):
                if day in given:
                    raise ValueError(f"{_DAY_NAMES[day]} is given twice (in {key!r})")
                given.add(day)
                week[day] = sessions
        return cls(tuple(week), _weekday(makeup_as))

    def sessions(self, weekday: int) -> tuple[Session, ...]:
        """The sessions of a weekday (Monday = 0); empty when closed."""
        return self.week[weekday]

    def __str__(self) -> str:
        parts: list[str] = []
        day = 0
        while day < 7:
            last = day
            while last + 1 < 7 and self.week[last + 1] == self.week[day]:
                last += 1
            if self.week[day]:
                days = _DAY_NAMES[day] if last == day else f"{_DAY_NAMES[day]}-{_DAY_NAMES[last]}"
                text = ", ".join(f"{a:%H:%M}-{b:%H:%M}" for a, b in self.week[day])
                parts.append(f"{days} {text}")
            day = last + 1
        return "; ".join([*parts, f"make-up days as {_DAY_NAMES[self.makeup_as]}"])


def _parse_days(key: str) -> list[int]:
    days: list[int] = []
    for part in str(key).lower().replace(" ", "").split(","):
        first, sep, last = part.partition("-")
        if first not in _DAY_NAMES or (sep and last not in _DAY_NAMES):
            raise ValueError(f"expected weekdays like 'mon', 'mon-fri' or 'mon,wed', got {key!r}")
        start = _DAY_NAMES.index(first)
        stop = _DAY_NAMES.index(last) if sep else start
        if stop < start:
            raise ValueError(f"a weekday range must run forward (mon-fri), got {key!r}")
        days.extend(range(start, stop + 1))
    return days


def _parse_time(text: str, whole: str) -> dt.time:
    match = _TIME.match(text)
    if match is None:
        raise ValueError(f"expected sessions like '07:30-11:30, 13:00-17:00', got {whole!r}")
    try:
        return dt.time(int(match.group(1)), int(match.group(2)))
    except ValueError:
        raise ValueError(f"invalid time {text.strip()!r} in {whole!r}") from None


def _parse_sessions(text: str) -> tuple[Session, ...]:
    if not isinstance(text, str):
        raise ValueError(f"expected sessions as text like '07:30-11:30', got {text!r}")
    if text.strip().lower() in ("", "closed"):
        return ()
    sessions: list[Session] = []
    for part in text.split(","):
        start, sep, end = part.partition("-")
        if not sep:
            raise ValueError(f"expected sessions like '07:30-11:30, 13:00-17:00', got {text!r}")
        sessions.append((_parse_time(start, text), _parse_time(end, text)))
    return tuple(sessions)


#: Monday-Friday 07:30-11:30 and 13:00-17:00: the one-stop centre hours of Thừa Thiên
#: Huế, QĐ 2022/QĐ-UBND (in force 01/09/2022); make-up days use Monday's hours.
DEFAULT_OFFICE_HOURS = OfficeHours.weekly(
    (dt.time(7, 30), dt.time(11, 30)), (dt.time(13, 0), dt.time(17, 0))
)
