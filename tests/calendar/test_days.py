"""Day arithmetic: conventions of each operation, day kinds, errors, value behaviour."""

from __future__ import annotations

import datetime as dt
import pickle

import pytest

from tthc import DateOutOfRange, EstimatedDateError, WorkingCalendar
from tthc.calendar import DayInfo, DayKind, Source

D = dt.date
VN = WorkingCalendar.vietnam()
STRICT = WorkingCalendar.vietnam(estimates=False)


@pytest.mark.parametrize(
    ("received", "n", "due", "why"),
    [
        (D(2026, 2, 12), 3, D(2026, 2, 24), "Tết 14-22/02/2026 off (VPCP letter of October 2025)"),
        (D(2024, 4, 26), 2, D(2024, 5, 3), "29/4 swapped (CV 2450/VPCP-KGVX), 30/4 and 1/5 off"),
        (
            D(2026, 11, 23),
            1,
            D(2026, 11, 25),
            "24/11/2026 Vietnamese Culture Day (NQ 28/2026/QH16)",
        ),
        (D(2026, 1, 9), 1, D(2026, 1, 10), "the make-up Saturday counts (CV 12729/VPCP-KGVX)"),
        (D(2025, 12, 31), 1, D(2026, 1, 5), "1/1 holiday and 2/1 swapped off"),
        (D(2026, 3, 6), 1, D(2026, 3, 9), "an ordinary weekend"),
        (D(2026, 3, 7), 1, D(2026, 3, 9), "from a Saturday: the Monday"),
        (D(2026, 3, 9), -1, D(2026, 3, 6), "back from a Monday: the Friday"),
        (D(2026, 3, 8), -1, D(2026, 3, 6), "back from a Sunday: the Friday"),
        (D(2026, 2, 23), -1, D(2026, 2, 13), "back across Tết"),
    ],
)
def test_add_working_days_worked_examples(received: D, n: int, due: D, why: str) -> None:
    assert VN.add_working_days(received, n) == due, why


def test_zero_returns_the_day_unchanged_even_on_a_holiday() -> None:
    assert VN.add_working_days(D(2026, 1, 1), 0) == D(2026, 1, 1)


def test_next_and_previous_working_day_are_strict() -> None:
    assert VN.next_working_day(D(2026, 3, 2)) == D(2026, 3, 3)
    assert VN.previous_working_day(D(2026, 3, 2)) == D(2026, 2, 27)
    assert VN.next_working_day(D(2026, 2, 13)) == D(2026, 2, 23)


def test_working_days_between_counts_the_half_open_interval() -> None:
    assert VN.working_days_between(D(2026, 3, 2), D(2026, 3, 2)) == 0
    assert VN.working_days_between(D(2026, 3, 2), D(2026, 3, 3)) == 1
    assert VN.working_days_between(D(2026, 3, 6), D(2026, 3, 8)) == 0  # weekend only
    assert VN.working_days_between(D(2026, 2, 13), D(2026, 2, 23)) == 1
    assert VN.working_days_between(D(2026, 3, 3), D(2026, 3, 2)) == -1
    assert VN.working_days_between(D(2026, 1, 1), D(2026, 12, 31)) == 261 - 14 + 2


def test_is_working_day() -> None:
    assert VN.is_working_day(D(2026, 3, 2))
    assert not VN.is_working_day(D(2026, 3, 7))
    assert not VN.is_working_day(D(2026, 2, 17))
    assert VN.is_working_day(D(2026, 8, 22))


@pytest.mark.parametrize(
    ("day", "kind", "working", "name_en"),
    [
        (D(2026, 3, 2), DayKind.WORKING, True, None),
        (D(2026, 3, 7), DayKind.WEEKEND, False, None),
        (D(2026, 2, 17), DayKind.HOLIDAY, False, "Lunar New Year"),
        (D(2026, 4, 26), DayKind.HOLIDAY, False, "Hung Kings' Commemoration Day"),
        (D(2026, 4, 27), DayKind.COMPENSATORY, False, "Hung Kings' Commemoration Day (observed)"),
        (D(2026, 8, 31), DayKind.SWAPPED, False, None),
        (D(2026, 8, 22), DayKind.MAKEUP, True, None),
    ],
)
def test_day_info_kinds(day: D, kind: DayKind, working: bool, name_en: str | None) -> None:
    info = VN.day_info(day)
    assert (info.date, info.kind, info.is_working) == (day, kind, working)
    assert info.kind.is_working is working
    if name_en is not None:
        assert info.name_en == name_en
    if kind in (DayKind.WORKING, DayKind.WEEKEND):
        assert (info.name_vi, info.name_en, info.source) == (None, None, None)
    else:
        assert info.name_vi
        assert info.name_en
        assert info.source is not None


def test_statutory_holidays_cite_the_labour_code_in_force() -> None:
    def document(day: D) -> str:
        source = VN.day_info(day).source
        assert source is not None
        return source.document

    assert "Bộ luật Lao động 1994" in document(D(2005, 4, 30))
    assert "Bộ luật Lao động 2012" in document(D(2016, 4, 16))
    assert "Bộ luật Lao động 2019" in document(D(2024, 9, 2)) or "CV" in document(D(2024, 9, 2))
    assert "Bộ luật Lao động 2019" in document(D(2030, 1, 1))


def test_estimated_years_are_marked() -> None:
    assert VN.day_info(D(2030, 1, 1)).estimated
    assert VN.day_info(D(2030, 3, 4)).estimated  # plain days too
    assert VN.day_info(D(2014, 6, 2)).estimated
    assert not VN.day_info(D(2026, 3, 2)).estimated
    assert VN.known_years == range(2015, 2027)


def test_estimated_years_before_2015_come_from_holidays_with_their_swaps() -> None:
    info = VN.day_info(D(2014, 12, 27))  # make-up for 02/01/2015, an estimated year
    assert (info.kind, info.estimated) == (DayKind.MAKEUP, True)
    swap = VN.day_info(D(2013, 4, 29))  # a swap holidays.VN knows (made up on 04/05/2013)
    assert swap.kind is DayKind.SWAPPED
    assert swap.source is not None
    assert "holidays" in swap.source.document
    assert VN.is_working_day(D(2013, 5, 4))


def test_refusing_estimates_raises_with_the_known_years() -> None:
    with pytest.raises(EstimatedDateError) as caught:
        STRICT.is_working_day(D(2027, 1, 4))
    assert (caught.value.known_from, caught.value.known_through) == (2015, 2026)
    assert "2015..2026" in str(caught.value)
    assert STRICT.add_working_days(D(2026, 12, 30), 1) == D(2026, 12, 31)
    with pytest.raises(EstimatedDateError, match="2027-01-"):
        STRICT.add_working_days(D(2026, 12, 30), 2)
    with pytest.raises(EstimatedDateError, match="2014-12-31"):
        STRICT.add_working_days(D(2015, 1, 5), -1)
    with pytest.raises(EstimatedDateError):
        STRICT.day_info(D(2014, 12, 27))


@pytest.mark.parametrize(
    "call",
    [
        lambda: VN.is_working_day(D(1999, 12, 31)),
        lambda: VN.day_info(D(2100, 1, 1)),
        lambda: VN.add_working_days(D(2100, 1, 1), 1),
        lambda: VN.working_days_between(D(2026, 1, 1), D(2100, 1, 1)),
        lambda: VN.working_days_between(D(1999, 1, 1), D(2026, 1, 1)),
        lambda: VN.days(D(1999, 12, 30), D(2000, 1, 2)),
        lambda: VN.non_working_days(D(2026, 1, 1), D(2100, 1, 2)),
        lambda: VN.counting_sessions(D(2100, 1, 1)),
    ],
)
def test_dates_outside_the_range_raise_and_say_the_range(call: object) -> None:
    with pytest.raises(DateOutOfRange, match=r"2000-01-01\.\.2099-12-31"):
        call()  # type: ignore[operator]


def test_a_result_beyond_the_range_says_so() -> None:
    with pytest.raises(DateOutOfRange, match="5 working days from 2099-12-30 is outside"):
        VN.add_working_days(D(2099, 12, 30), 5)
    with pytest.raises(DateOutOfRange, match="-3 working days from 2000-01-04"):
        VN.add_working_days(D(2000, 1, 4), -3)


@pytest.mark.parametrize(
    ("day", "n", "error"),
    [
        (dt.datetime(2026, 3, 2, 10), 1, TypeError),
        ("2026-03-02", 1, TypeError),
        (D(2026, 3, 2), 1.0, TypeError),
        (D(2026, 3, 2), True, TypeError),
    ],
)
def test_wrong_types_are_refused(day: object, n: object, error: type[Exception]) -> None:
    with pytest.raises(error):
        VN.add_working_days(day, n)  # type: ignore[arg-type]


def test_integer_like_n_is_accepted() -> None:
    class Three:
        def __index__(self) -> int:
            return 3

    assert VN.add_working_days(D(2026, 2, 12), Three()) == D(2026, 2, 24)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        VN.is_working_day("2026-03-02")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        VN.working_days_between(D(2026, 3, 2), dt.datetime(2026, 3, 3))  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        VN.working_days_between("2026-03-02", D(2026, 3, 3))  # type: ignore[arg-type]


def test_days_and_non_working_days_include_both_ends() -> None:
    days = list(VN.days(D(2026, 1, 1), D(2026, 1, 4)))
    assert [i.date.day for i in days] == [1, 2, 3, 4]
    off = list(VN.non_working_days(D(2026, 1, 1), D(2026, 1, 11)))
    assert [i.date.day for i in off] == [1, 2, 3, 4, 11]
    assert all(isinstance(i, DayInfo) for i in off)
    assert list(VN.days(D(2026, 1, 4), D(2026, 1, 1))) == []


def test_calendar_is_an_immutable_hashable_value() -> None:
    assert WorkingCalendar.vietnam() is VN
    assert WorkingCalendar.vietnam(source="snapshot") == VN
    assert VN != STRICT
    assert hash(VN) == hash(pickle.loads(pickle.dumps(VN)))
    assert pickle.loads(pickle.dumps(STRICT)) == STRICT
    assert VN.__eq__(object()) is NotImplemented
    assert len({VN, STRICT, WorkingCalendar.vietnam()}) == 2
    with pytest.raises(AttributeError, match="immutable"):
        VN.name = "x"  # type: ignore[misc]
    with pytest.raises(AttributeError, match="immutable"):
        del VN.name
    with pytest.raises(TypeError, match="vietnam"):
        WorkingCalendar("vn")  # type: ignore[arg-type]
    assert repr(STRICT) == (
        "<WorkingCalendar 'vn' 2000-01-01..2099-12-31, announced 2015..2026, estimates refused>"
    )


def test_source_and_day_info_read_well() -> None:
    assert str(Source("TB 4544/TB-LĐTBXH")) == "TB 4544/TB-LĐTBXH"
    assert str(VN.day_info(D(2026, 1, 2))).startswith("2026-01-02 Fri swapped Ngày nghỉ hoán đổi")
    assert str(VN.day_info(D(2030, 3, 4))) == "2030-03-04 Mon working (estimated)"


def test_a_subclass_does_not_poison_the_national_calendar() -> None:
    class Lenient(WorkingCalendar):
        pass

    lenient = Lenient.vietnam()
    assert type(lenient) is Lenient
    assert type(WorkingCalendar.vietnam()) is WorkingCalendar
    assert WorkingCalendar.vietnam() is VN
    assert Lenient.vietnam() is lenient


@pytest.mark.parametrize("estimates", ["no", 0, 1, None, "False"])
def test_estimates_must_be_a_boolean(estimates: object) -> None:
    with pytest.raises(TypeError, match="estimates must be True or False"):
        WorkingCalendar.vietnam(estimates=estimates)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="estimates must be True, False or None"):
        VN.derive(name="x", estimates=estimates if estimates is not None else "no")  # type: ignore[arg-type]


def test_an_unknown_source_is_refused() -> None:
    with pytest.raises(ValueError, match="source must be 'snapshot' or 'holidays'"):
        WorkingCalendar.vietnam(source="web")  # type: ignore[arg-type]
