"""A calendar year as an HTML page: twelve Monday-first grids, marked days, sources on hover."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tthc.calendar import DayChange, Source, WorkingCalendar, year_to_html
from tthc.cli import EXIT_INVALID, EXIT_OK, main
from tthc.errors import DateOutOfRange, EstimatedDateError

Parse = Callable[[str], Any]
VN = WorkingCalendar.vietnam()


def marked(page: Any) -> dict[dt.date, tuple[str, str]]:
    """The marked cells of the grids, by date: (class, title)."""
    out = {}
    for cell in page.all("td"):
        if "title" in cell.attrs:
            day, month, year = (int(x) for x in cell.attrs["title"].split(" ")[0].split("/"))
            assert cell.text == str(day)
            out[dt.date(year, month, day)] = (cell.attrs["class"], cell.attrs["title"])
    return out


def test_twelve_month_grids_weeks_from_monday_to_sunday(html_page: Parse) -> None:
    page = html_page(year_to_html(VN, 2026))
    months = page.all("table", class_="month")
    assert len(months) == 12
    assert [c.text for c in page.all("caption")] == [f"Tháng {m}" for m in range(1, 13)]
    assert [h.text for h in page.all("th", scope="col")[:7]] == [
        "T2", "T3", "T4", "T5", "T6", "T7", "CN",
    ]  # fmt: skip
    days = [
        c.text for c in page.all("td") if c.text.isdigit() and "pad" not in c.attrs.get("class", "")
    ]
    assert len(days) == 365
    # 1 January 2026 is a Thursday: three empty cells before it in the first week
    cells = [e for e in page.elements if e.tag == "td"]
    assert [c.text for c in cells[:5]] == ["", "", "", "1", "2"]
    assert page.all("html")[0].attrs["lang"] == "vi"


def test_days_off_make_up_days_marked_with_name_and_source_on_hover(html_page: Parse) -> None:
    days = marked(html_page(year_to_html(VN, 2026)))
    swap_class, swap_title = days[dt.date(2026, 1, 2)]
    assert swap_class == "swapped"
    assert "Ngày nghỉ hoán đổi (làm bù thứ Bảy 10/01/2026)" in swap_title
    assert "Nguồn: CV 12729/VPCP-KGVX (25/12/2025)" in swap_title
    assert days[dt.date(2026, 1, 10)][0] == "makeup"
    assert days[dt.date(2026, 4, 27)][0] == "compensatory"
    assert days[dt.date(2026, 4, 26)][0] == "holiday"  # a Sunday, still the holiday
    assert "Ngày Giỗ Tổ Hùng Vương" in days[dt.date(2026, 4, 26)][1]
    expected = {
        info.date
        for info in VN.days(dt.date(2026, 1, 1), dt.date(2026, 12, 31))
        if info.kind.value in ("holiday", "compensatory", "swapped", "makeup")
    }
    assert set(days) == expected
    assert not any("estimate" in cls for cls, _ in days.values())  # an announced year


def test_english_page(html_page: Parse) -> None:
    page = html_page(year_to_html(VN, 2026, lang="en"))
    assert page.all("html")[0].attrs["lang"] == "en"
    assert page.all("caption")[0].text == "January"
    assert [h.text for h in page.all("th", scope="col")[:7]][-1] == "Sun"
    title = marked(page)[dt.date(2026, 1, 10)][1]
    assert title.startswith("10/01/2026 (Saturday): Make-up working day")
    assert "Make-up working day for the day off on Friday 02/01/2026" in title
    assert "Source: CV 12729/VPCP-KGVX (25/12/2025)" in title
    assert "14 weekday(s) off, 2 make-up working day(s)" in page.text


def test_estimated_year_said_and_its_days_marked_apart(html_page: Parse) -> None:
    page = html_page(year_to_html(VN, 2030, lang="en"))
    assert (
        "ESTIMATED: no announced schedule for this year"
        in page.all("p", class_="status estimated")[0].text
    )
    days = marked(page)
    assert days
    assert all(cls.endswith(" estimate") for cls, _ in days.values())
    cls, title = days[dt.date(2030, 11, 25)]
    assert cls == "compensatory estimate"
    assert "Estimated: no announced schedule for the year" in title
    assert "Assumption: A weekday in lieu of Ngày Văn hóa Việt Nam" in title
    legend = page.all("ul", class_="legend")
    assert legend
    assert "Estimated or assumed" in page.text


def test_every_text_escaped(html_page: Parse) -> None:
    hostile = '<script>alert("x")</script> & "q"'
    local = VN.derive(
        name="vn/<b>",
        days_off=[
            DayChange(
                dt.date(2026, 3, 3),
                name_vi=hostile,
                name_en=hostile,
                source=Source(hostile, url='https://example.org/"><script>'),
            )
        ],
    )
    source = year_to_html(local, 2026)
    assert "<script" not in source
    assert "<b>" not in source
    page = html_page(source)
    cls, title = marked(page)[dt.date(2026, 3, 3)]
    assert cls == "holiday"
    assert hostile in title  # read back intact
    assert page.all("title")[0].text == "Lịch làm việc năm 2026 (vn/<b>)"


@pytest.mark.parametrize(
    ("lang", "title"),
    [("vi", "Lịch làm việc năm 2026 (vn)"), ("en", "Working calendar 2026 (vn)")],
)
def test_title_says_the_year_then_the_calendar(html_page: Parse, lang: str, title: str) -> None:
    page = html_page(year_to_html(VN, 2026, lang=lang))
    assert page.all("title")[0].text == title
    assert page.all("h1")[0].text == title


def list_heads(page: Any) -> list[str]:
    """The column headings of the list of days under the grids."""
    return [th.attrs["class"] for th in page.all("th", scope="col") if "class" in th.attrs]


def test_note_column_only_when_a_day_has_a_note(html_page: Parse) -> None:
    announced = html_page(year_to_html(VN, 2026))
    assert list_heads(announced) == ["date", "kind", "name", "source"]
    rows = [tr for tr in announced.all("tr") if tr.content.startswith("01/01/2026")]
    assert len(rows) == 1
    estimated = html_page(year_to_html(VN, 2030))
    assert list_heads(estimated) == ["date", "kind", "name", "source", "note"]
    cells = [e for e in estimated.elements if e.tag == "td"]
    first = next(i for i, c in enumerate(cells) if c.text.startswith("01/01/2030"))
    assert cells[first + 4].content == "Ước tính: năm chưa có lịch nghỉ được công bố"


def test_english_assumption_marked_english_on_the_vietnamese_page(html_page: Parse) -> None:
    vi = html_page(year_to_html(VN, 2030, lang="vi"))
    marked_en = [e for e in vi.elements if e.attrs.get("lang") == "en"]
    assert [e.tag for e in marked_en] == ["span"]
    assert marked_en[0].text.startswith("A weekday in lieu of Ngày Văn hóa Việt Nam")
    assert any("Giả định: A weekday in lieu of" in td.content for td in vi.all("td"))
    en = html_page(year_to_html(VN, 2030, lang="en"))
    assert not [e for e in en.elements if e.attrs.get("lang") == "en" and e.tag != "html"]


@pytest.mark.parametrize(
    ("call", "error"),
    [
        (lambda: year_to_html(VN, 2100), DateOutOfRange),
        (lambda: year_to_html(VN, 1999), DateOutOfRange),
        (lambda: year_to_html(VN.derive(name="vn", estimates=False), 2030), EstimatedDateError),
        (lambda: year_to_html(VN, 2026, lang="fr"), ValueError),
        (lambda: year_to_html(VN, 0), ValueError),
        (lambda: year_to_html(VN, "2026"), TypeError),
    ],
)
def test_refused(call: Callable[[], object], error: type[Exception]) -> None:
    with pytest.raises(error):
        call()


def test_cli_html(capsys: pytest.CaptureFixture[str], html_page: Parse) -> None:
    assert main(["calendar", "2026", "--format", "html"]) == EXIT_OK
    out = capsys.readouterr().out
    assert out == year_to_html(VN, 2026, lang="vi")
    assert main(["calendar", "2026", "--format", "html", "--lang", "en"]) == EXIT_OK
    assert capsys.readouterr().out == year_to_html(VN, 2026, lang="en")


def test_cli_html_unknown_year_is_the_same_error_as_text(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["calendar", "2100"]) == EXIT_INVALID
    text_error = capsys.readouterr()
    assert main(["calendar", "2100", "--format", "html"]) == EXIT_INVALID
    html_error = capsys.readouterr()
    assert html_error == text_error
    assert "2100-01-01 is outside the calendar's supported range" in html_error.err
    assert html_error.out == ""
