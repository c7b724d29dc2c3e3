"""Durations: the shapes of legal time limits, their text and structured forms."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tthc import Duration, DurationKind, strategies
from tthc.duration import TEXT_PATTERN


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3 working days", Duration.working_days(3)),
        ("1 working day", Duration.working_days(1)),
        ("0.5 working days", Duration.working_days(0.5)),
        ("0,5 ngày làm việc", Duration.working_days(0.5)),
        ("05 ngày làm việc", Duration.working_days(5)),
        ("8 working hours", Duration.working_hours(8)),
        ("4 giờ làm việc", Duration.working_hours(4)),
        ("15 calendar days", Duration.calendar_days(15)),
        ("15 days", Duration.calendar_days(15)),
        ("15 ngày", Duration.calendar_days(15)),
        ("same day", Duration.same_day()),
        ("Same day, cut-off 15:00", Duration.same_day(cutoff=dt.time(15))),
        ("trong ngày, giờ chốt 15h00", Duration.same_day(cutoff=dt.time(15))),
        ("immediate", Duration.immediate()),
        ("ngay lập tức", Duration.immediate()),
        ("none", Duration.none()),
        ("không thời hạn", Duration.none()),
        (
            "15 calendar days then 5 working days",
            Duration.sequence(Duration.calendar_days(15), Duration.working_days(5)),
        ),
        (
            "30 ngày, sau đó 3 ngày làm việc",
            Duration.sequence(Duration.calendar_days(30), Duration.working_days(3)),
        ),
    ],
)
def test_text_forms_in_english_and_vietnamese(text: str, expected: Duration) -> None:
    assert Duration.parse(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "3 weeks",
        "",
        "three working days",
        "same day, cut-off 25:00",
        "1.25 working days",
        "2.5 calendar days",
        "none then 3 working days",
    ],
)
def test_invalid_text_is_refused_with_the_accepted_forms(text: str) -> None:
    with pytest.raises(ValueError, match=r"duration|halves|whole|cut-off|phase"):
        Duration.parse(text)


def test_parse_refuses_non_text() -> None:
    with pytest.raises(TypeError, match="expected duration text"):
        Duration.parse(3)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": DurationKind.WORKING_DAYS, "amount": -1}, ">= 0"),
        ({"kind": DurationKind.WORKING_DAYS, "amount": float("nan")}, "finite"),
        ({"kind": DurationKind.WORKING_DAYS, "amount": True}, "number"),
        ({"kind": DurationKind.WORKING_HOURS, "amount": 0.001}, "whole minutes"),
        ({"kind": DurationKind.IMMEDIATE, "amount": 1}, "has no amount"),
        ({"kind": DurationKind.WORKING_DAYS, "amount": 1, "cutoff": dt.time(15)}, "cut-off"),
        (
            {"kind": DurationKind.SAME_DAY, "cutoff": dt.time(15, tzinfo=dt.timezone.utc)},
            "without zone",
        ),
        ({"kind": DurationKind.PHASES, "phases": (Duration.working_days(1),)}, "at least 2"),
        (
            {"kind": DurationKind.WORKING_DAYS, "amount": 1, "phases": (Duration.none(),)},
            "only a phases",
        ),
    ],
)
def test_inconsistent_values_are_refused(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises((ValueError, TypeError), match=message):
        Duration(**kwargs)  # type: ignore[arg-type]


def test_text_form_is_canonical() -> None:
    assert str(Duration.working_days(1)) == "1 working day"
    assert str(Duration.working_hours(1.5)) == "1.5 working hours"
    assert str(Duration.same_day()) == "same day"
    assert str(Duration.none()) == "none"
    assert str(Duration.immediate()) == "immediate"
    assert repr(Duration.calendar_days(2)) == "Duration.parse('2 calendar days')"


def test_working_minutes_uses_eight_hour_days() -> None:
    assert Duration.working_days(3).working_minutes == 3 * 480
    assert Duration.working_hours(2.5).working_minutes == 150
    assert Duration.calendar_days(3).working_minutes is None


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (3, "got int"),
        ({"kind": "fortnight"}, "unknown duration kind 'fortnight'"),
        ({"kind": "working_days", "amount": 1, "unit": "x"}, "unknown duration field"),
        ({"kind": "same_day", "cutoff": "3pm"}, "HH:MM"),
        ({"kind": "same_day", "cutoff": 15}, "HH:MM"),
        ({"kind": "phases", "phases": "x"}, "must be a list"),
    ],
)
def test_structured_form_errors(data: object, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Duration.from_data(data)


def test_structured_form_round_trips_including_phases() -> None:
    d = Duration.parse("15 calendar days then 0.5 working days")
    assert Duration.from_data(d.to_data()) == d
    assert Duration.from_data(d) is d
    assert Duration.from_data({"kind": "same_day", "cutoff": "9:30"}).cutoff == dt.time(9, 30)


def test_pydantic_field_accepts_both_forms_and_serialises_to_text() -> None:
    from pydantic import BaseModel, ValidationError

    class Case(BaseModel):
        time_limit: Duration

    assert Case(time_limit="3 working days").time_limit == Duration.working_days(3)  # type: ignore[arg-type]
    case = Case.model_validate({"time_limit": {"kind": "working_hours", "amount": 4}})
    assert case.model_dump(mode="json") == {"time_limit": "4 working hours"}
    with pytest.raises(ValidationError, match="not a duration"):
        Case(time_limit="soon")  # type: ignore[arg-type]
    schema = Case.model_json_schema()
    assert {"type": "string"}.items() <= schema["properties"]["time_limit"]["anyOf"][0].items()


# Every kind, amounts up to 400 of each unit, phases of any parts (even uncountable ones).
durations = strategies.durations(max_amount=400, allow_uncountable_phases=True)


@given(durations)
def test_text_form_parses_back_to_the_same_value(d: Duration) -> None:
    assert Duration.parse(str(d)) == d


@given(durations)
def test_structured_form_parses_back_to_the_same_value(d: Duration) -> None:
    assert Duration.from_data(d.to_data()) == d
    assert hash(Duration.from_data(d.to_data())) == hash(d)


@given(durations)
def test_vietnamese_text_parses_back_to_the_same_value(d: Duration) -> None:
    assert Duration.parse(d.format("vi")) == d
    assert d.format("en") == str(d)


def test_long_working_hours_parse_back_from_their_ten_digit_text() -> None:
    """9,902 minutes print as 165.0333333 hours; the text still means 9,902 minutes."""
    d = Duration.working_hours(9902 / 60)
    assert str(d) == "165.0333333 working hours"
    assert Duration.parse(str(d)) == d
    assert Duration.parse(d.format("vi")) == d
    with pytest.raises(ValueError, match="whole minutes"):
        Duration.working_hours(165.03)


def test_format_refuses_unknown_language() -> None:
    with pytest.raises(ValueError, match="lang"):
        Duration.working_days(1).format("fr")


@pytest.mark.parametrize(
    "text",
    [
        "3 working days",
        "3 Working Days",
        "3 NGÀY LÀM VIỆC",
        "1,5 ngày làm việc",
        "4 working hours",
        "15 days",
        "Same day, cut-off 15:00",
        "same day,  cut-off 15:00",
        "trong ngày, giờ chốt 15h00",
        "immediately",
        "không quy định thời hạn",
        "15 days  then 5 working days",
        "5 working days, sau đó 10 ngày",
    ],
)
def test_the_schema_pattern_accepts_what_the_parser_reads(text: str) -> None:
    Duration.parse(text)
    assert re.search(TEXT_PATTERN, text)


@pytest.mark.parametrize("text", ["5 weeks", "three working days", "same day cut-off 3pm", ""])
def test_the_schema_pattern_refuses_what_the_parser_refuses(text: str) -> None:
    with pytest.raises(ValueError, match="not a duration"):
        Duration.parse(text)
    assert not re.search(TEXT_PATTERN, text)


@given(strategies.durations())
def test_every_written_duration_matches_the_schema_pattern(duration: Duration) -> None:
    for lang in ("en", "vi"):
        assert re.search(TEXT_PATTERN, duration.format(lang))


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("3 ngay lam viec", "3 ngày làm việc"),
        ("3 NGAY LAM VIEC", "3 ngày làm việc"),
        ("0,5 ngay lam viec", "0,5 ngày làm việc"),
        ("8 gio lam viec", "8 giờ làm việc"),
        ("15 ngay", "15 ngày"),
        ("trong ngay, gio chot 15:00", "trong ngày, giờ chốt 15:00"),
        ("khong quy dinh thoi han", "không quy định thời hạn"),
        ("15 ngay sau do 5 ngay lam viec", "15 ngày sau đó 5 ngày làm việc"),
        ("3 ngày làm viêc", "3 ngày làm việc"),  # one mark wrong
    ],
)
def test_vietnamese_without_diacritics_is_told_what_was_meant(text: str, meant: str) -> None:
    with pytest.raises(ValueError, match="not a duration") as caught:
        Duration.parse(text)
    message = str(caught.value)
    assert f"did you mean {meant!r}?" in message
    assert "(in Vietnamese '3 ngày làm việc', '0,5 ngày làm việc'" in message
    assert Duration.parse(meant)  # the suggestion reads


@pytest.mark.parametrize("text", ["3 weeks", "soon", "3 business days"])
def test_english_text_gets_the_english_examples_only(text: str) -> None:
    with pytest.raises(ValueError, match="not a duration") as caught:
        Duration.parse(text)
    assert "ngày" not in str(caught.value)
    assert "did you mean" not in str(caught.value)


def test_vietnamese_that_means_nothing_gets_the_examples_without_a_guess() -> None:
    with pytest.raises(ValueError, match="in Vietnamese") as caught:
        Duration.parse("3 tuần ngày")
    assert "did you mean" not in str(caught.value)


def test_a_long_unaccented_text_is_answered_at_once() -> None:
    with pytest.raises(ValueError, match="in Vietnamese") as caught:
        Duration.parse("ngay " * 5000)
    assert "did you mean" not in str(caught.value)
    with pytest.raises(ValueError, match="in Vietnamese"):
        Duration.parse("ngay " * 19 + "x")  # under the length bound: a bounded number of guesses


@pytest.mark.parametrize(
    ("duration", "text"),
    [
        (Duration.working_days(1234567890.5), "1234567890.5 working days"),
        (Duration.working_days(12345678901), "12345678901 working days"),
        (Duration.calendar_days(10**22), "10000000000000000000000 calendar days"),
        (Duration.working_hours(123456789 + 1 / 60), "123456789.01666667 working hours"),
    ],
)
def test_large_amounts_print_every_digit_without_an_exponent(duration: Duration, text: str) -> None:
    """They printed as 1234567890 (a different value) and 1.23456789e+10 (not a duration)."""
    assert str(duration) == text
    assert Duration.parse(text) == duration
    assert Duration.parse(duration.format("vi")) == duration
    assert re.search(TEXT_PATTERN, text)


large_amounts = st.one_of(
    st.integers(min_value=0, max_value=10**15).map(lambda n: Duration.working_days(n / 2)),
    st.integers(min_value=0, max_value=10**14).map(lambda n: Duration.working_hours(n / 60)),
    st.integers(min_value=0, max_value=10**18).map(Duration.calendar_days),
)


@given(large_amounts)
def test_any_amount_prints_as_decimal_text_that_parses_back(d: Duration) -> None:
    for lang in ("en", "vi"):
        text = d.format(lang)
        assert "e" not in text.split()[0].lower()
        assert Duration.parse(text) == d
        assert re.search(TEXT_PATTERN, text)


@pytest.mark.parametrize(
    "text",
    [
        "3 ngày làm việc",
        "15 ngày",
        "4 giờ làm việc",
        "trong ngày, giờ chốt 15:00",
        "không thời hạn",
    ],
)
def test_vietnamese_with_combining_accents_reads_as_composed(text: str) -> None:
    """NFD text (Unikey's "Unicode tổ hợp", text pasted on macOS) looks the same and parses."""
    decomposed = unicodedata.normalize("NFD", text)
    assert decomposed != text
    assert Duration.parse(decomposed) == Duration.parse(text)


def test_bare_ngay_without_accents_is_ambiguous_and_refused() -> None:
    with pytest.raises(ValueError, match="'ngay' is ambiguous") as caught:
        Duration.parse("ngay")
    assert "'ngay lập tức'" in str(caught.value)
    assert "'1 ngày'" in str(caught.value)
    with pytest.raises(ValueError, match="did you mean '3 ngày'"):  # a number: a guess
        Duration.parse("3 ngay")
    with pytest.raises(ValueError, match="'0,5 ngày làm việc'"):
        Duration.parse("0,5 ngay lam viec")


def test_immediate_in_vietnamese_reads_back() -> None:
    assert Duration.immediate().format("vi") == "ngay lập tức"
    assert Duration.parse(Duration.immediate().format("vi")) == Duration.immediate()


def test_a_long_text_that_is_not_a_duration_is_quoted_shortened() -> None:
    with pytest.raises(ValueError, match="\\(100,000 characters\\)") as caught:
        Duration.parse("x" * 100_000)
    assert len(str(caught.value)) < 500
