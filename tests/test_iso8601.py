"""The ISO 8601 spellings tthc reads, the same on every Python: a table, then a round trip."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tthc._iso8601 import parse_date_or_time

UTC = dt.timezone.utc
PLUS_7 = dt.timezone(dt.timedelta(hours=7))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-03-04", dt.date(2026, 3, 4)),
        (" 2026-03-04 ", dt.date(2026, 3, 4)),
        ("2026-03-04T09:30", dt.datetime(2026, 3, 4, 9, 30)),
        ("2026-03-04 09:30", dt.datetime(2026, 3, 4, 9, 30)),
        ("2026-03-04t09:30:15", dt.datetime(2026, 3, 4, 9, 30, 15)),
        ("2026-03-04T09:30:15.5", dt.datetime(2026, 3, 4, 9, 30, 15, 500_000)),
        ("2026-03-04T09:30:15.123456", dt.datetime(2026, 3, 4, 9, 30, 15, 123_456)),
        ("2026-03-04T09:30Z", dt.datetime(2026, 3, 4, 9, 30, tzinfo=UTC)),
        ("2026-03-04T09:30z", dt.datetime(2026, 3, 4, 9, 30, tzinfo=UTC)),
        ("2026-03-04T09:30+07:00", dt.datetime(2026, 3, 4, 9, 30, tzinfo=PLUS_7)),
        (
            "2026-03-04T09:30-05:30",
            dt.datetime(2026, 3, 4, 9, 30, tzinfo=dt.timezone(-dt.timedelta(hours=5, minutes=30))),
        ),
        ("0001-01-01T00:00", dt.datetime(1, 1, 1)),
        ("9999-12-31T23:59:59.999999", dt.datetime.max),
    ],
)
def test_accepted_spellings(text: str, expected: dt.date) -> None:
    assert parse_date_or_time(text) == expected
    assert type(parse_date_or_time(text)) is type(expected)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("20260304", "basic format, which is not read: write 2026-03-04"),
        ("20260304T0930", "basic format"),
        ("20260304T093015+0700", "basic format"),
        ("2026-03-04Z", "has a zone but no time"),
        ("2026-03-04+07:00", "has a zone but no time"),
        ("2026-03-04-0700", "has a zone but no time"),
        ("2026-03-04T09", "expected YYYY-MM-DD, or YYYY-MM-DDTHH:MM"),
        ("2026-03-04T0930", "expected YYYY-MM-DD"),
        ("2026-W10-3", "expected YYYY-MM-DD"),
        ("2026-063", "expected YYYY-MM-DD"),
        ("2026-3-4", "expected YYYY-MM-DD"),
        ("04/03/2026", "expected YYYY-MM-DD"),
        ("2026-03-04T09:30:15.1234567", "expected YYYY-MM-DD"),
        ("2026-03-04T09:30+0700", "expected YYYY-MM-DD"),
        ("2026-03-04T09:30+07:00:30", "expected YYYY-MM-DD"),
        ("２０２６-03-04", "expected YYYY-MM-DD"),  # full-width digits
        ("", "expected YYYY-MM-DD"),
        ("2026-02-29", "is not a day and time that exists: day is out of range"),
        ("2026-03-04T24:00", "is not a day and time that exists: hour must be in 0..23"),
        ("2026-03-04T23:59:60", "is not a day and time that exists"),
        ("2026-03-04T09:30+24:00", "is not a day and time that exists"),
        ("0000-01-01", "is not a day and time that exists"),
    ],
)
def test_refused_spellings_say_why(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=r"\S") as caught:
        parse_date_or_time(text)
    assert message in str(caught.value)
    assert repr(text) in str(caught.value)


def test_a_long_value_is_not_quoted_whole() -> None:
    with pytest.raises(ValueError, match=r"\.\.\. \(100,000 characters\)$"):
        parse_date_or_time("9" * 100_000)


offsets = st.integers(min_value=-23 * 60 - 59, max_value=23 * 60 + 59).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)


@given(st.datetimes(timezones=st.none() | offsets), st.sampled_from(["T", " "]))
def test_every_datetime_reads_back_from_its_isoformat(at: dt.datetime, sep: str) -> None:
    assert parse_date_or_time(at.isoformat(sep=sep)) == at


@given(st.dates())
def test_every_date_reads_back_from_its_isoformat(day: dt.date) -> None:
    assert parse_date_or_time(day.isoformat()) == day
