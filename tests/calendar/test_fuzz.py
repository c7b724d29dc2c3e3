"""Fuzzing: calendar files and calendar operations raise only the documented errors.

Any text or bytes as a calendar file gives a calendar or a ``CalendarFileError``; any date,
instant, count or span given to a calendar's operations (national, refusing estimates, or a
random local one) gives an answer or a ``CalendarError`` (out of range, or estimated).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tthc import Duration, WorkingCalendar, compute_deadline
from tthc.calendar import OfficeHours, parse_calendar
from tthc.errors import CalendarError, CalendarFileError, DeadlineError
from tthc.strategies import calendars

VN = WorkingCalendar.vietnam()
VN_ANNOUNCED = WorkingCalendar.vietnam(estimates=False)
HUE = (Path(__file__).parent / "files" / "hue-one-stop.yaml").read_text(encoding="utf-8")
TOKENS = (
    *["\n", "", "-", ":", "[", "]", "{", "}", ",", "#", "'", '"', "~", "&", "*", "!", "|"],
    "days_off:", "working_days:", "office_hours:", "reception_hours:", "suspended_reception:",
    "makeup_as: sat", "extends: vn", "name: x", "2026-03-02", "2026-02-30", "1999-12-31",
    "2100-01-01", "{from: 2026-02-14, to: 2026-02-10}", "mon-fri", "fri-mon", "07:30-11:30",
    "25:00-26:00", "11:30-07:30", "closed", "kind: makeup", "kind: holiday", "yes", "\x00",
)  # fmt: skip
CALENDARS = st.one_of(
    st.sampled_from([VN, VN_ANNOUNCED]),
    calendars(min_value=dt.date(2024, 1, 1), max_value=dt.date(2027, 12, 31)),
    calendars(base=VN_ANNOUNCED, max_days_off=2, max_working_days=2),
)
DATES = st.dates(dt.date(1995, 1, 1), dt.date(2105, 12, 31))
ZONES = st.none() | st.integers(-14 * 60, 14 * 60).map(
    lambda m: dt.timezone(dt.timedelta(minutes=m))
)
INSTANTS = st.builds(
    lambda day, seconds, zone: (dt.datetime.combine(day, dt.time()) + dt.timedelta(seconds=seconds))
    .replace(tzinfo=zone),
    DATES,
    st.integers(0, 86_399),
    ZONES,
)  # fmt: skip
SPANS = st.timedeltas(-dt.timedelta(days=4000), dt.timedelta(days=4000))


@st.composite
def edited_files(draw: st.DrawFn) -> str:
    text = HUE
    for _ in range(draw(st.integers(1, 4))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(st.sampled_from(TOKENS)) + text[at + draw(st.integers(0, 8)) :]
    return text


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.text(), st.binary(), edited_files(), edited_files().map(str.encode)))
def test_any_calendar_file_gives_a_calendar_or_its_issues(source: str | bytes) -> None:
    try:
        calendar = parse_calendar(source, file="fuzz.yaml")
    except CalendarFileError as error:
        issues = error.issues
    else:
        assert isinstance(calendar, WorkingCalendar)
        return
    assert issues
    assert all(issue.file == "fuzz.yaml" and issue.message for issue in issues)


@settings(max_examples=40, deadline=None)
@given(CALENDARS, DATES, DATES, st.integers(-100_000, 100_000), INSTANTS, INSTANTS, SPANS)
def test_calendar_operations_raise_only_calendar_errors(
    calendar: WorkingCalendar,
    day: dt.date,
    other: dt.date,
    n: int,
    at: dt.datetime,
    until: dt.datetime,
    span: dt.timedelta,
) -> None:
    operations = (
        lambda: calendar.is_working_day(day),
        lambda: calendar.add_working_days(day, n),
        lambda: calendar.next_working_day(day),
        lambda: calendar.previous_working_day(day),
        lambda: calendar.working_days_between(day, other),
        lambda: calendar.day_info(day),
        lambda: list(calendar.non_working_days(day, min(other, day + dt.timedelta(days=60)))),
        lambda: calendar.counting_sessions(day),
        lambda: calendar.reception_sessions(day),
        lambda: calendar.next_counting_instant(at),
        lambda: calendar.add_working_time(at, span),
        lambda: calendar.working_time_between(at, until),
        lambda: calendar.add_working_days_many([day, other], n),
    )
    for operation in operations:
        with contextlib.suppress(CalendarError):
            operation()


SESSIONS = st.lists(
    st.tuples(st.integers(0, 1438), st.integers(1, 120)).map(
        lambda s: (dt.time(*divmod(s[0], 60)), dt.time(*divmod(min(s[0] + s[1], 1439), 60)))
    ),
    max_size=2,
).map(lambda sessions: tuple(sorted(set(sessions))))


@settings(max_examples=60, deadline=None)
@given(st.lists(SESSIONS, min_size=7, max_size=7), st.integers(0, 6), st.data())
def test_any_office_hours_give_a_calendar_that_counts_or_a_value_error(
    week: list[tuple[tuple[dt.time, dt.time], ...]], makeup_as: int, data: st.DataObject
) -> None:
    try:
        hours = OfficeHours(tuple(week), makeup_as)
        calendar = VN.derive(name="fuzz", office_hours=hours)
    except ValueError:
        return  # overlapping sessions, or a working weekday without any
    received = data.draw(INSTANTS.filter(lambda at: at.tzinfo is None))
    with contextlib.suppress(CalendarError):
        deadline = compute_deadline(Duration.working_days(2), received, calendar=calendar)
        assert deadline.due_at is not None
        assert calendar.counting_sessions(deadline.due_at.date())
    with contextlib.suppress(CalendarError, DeadlineError):
        compute_deadline(Duration.same_day(), received, calendar=calendar)
