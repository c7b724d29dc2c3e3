"""A report as an HTML page: heading, table, targets, ranking chart, definitions; escaped."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tthc.calendar import WorkingCalendar
from tthc.cli import EXIT_OK, main
from tthc.deadlines import BY_DATE, CLASSIFICATION_POLICIES
from tthc.reports import DossierRecord, Report, ReportRow, report
from tthc.reports._definitions import _attributes, definitions
from tthc.reports._html import (
    _BAR_WIDTH,
    RATE_BARS_TITLE,
    BarView,
    TargetView,
    rate_bars,
    render_report,
)
from tthc.reports._text import COLUMNS
from tthc.reports._vietnamese import DEFINITIONS_VI, POLICY_RULES_VI

Parse = Callable[[str], Any]
D = dt.datetime
HOSTILE = '<script>alert("x")</script> & Co'


def dossier(code: str, field: str, *, ready_day: int | None, status: int = 9) -> DossierRecord:
    received = D(2026, 3, 2, 9)
    return DossierRecord(
        code=code,
        received_at=received,
        due_at=D(2026, 3, 5, 17),
        status=status if ready_day is not None else 4,
        result_ready_at=None if ready_day is None else D(2026, 3, ready_day, 10),
        field=field,
    )


RECORDS = [
    dossier("A", "Hộ tịch", ready_day=4),
    dossier("B", "Hộ tịch", ready_day=6),  # late
    dossier("C", "Chứng thực", ready_day=3),
    dossier("D", "Đất đai", ready_day=None),  # open: no rate
    dossier("E", HOSTILE, ready_day=5),
]
MARCH = report(RECORDS, period="2026-03", group_by="field")


def body_rows(page: Any) -> list[list[str]]:
    """The table's rows (body, then total) as the texts of their cells."""
    rows, current = [], None
    inside = False
    for element in page.elements:
        if element.tag == "table":
            inside = element.attrs.get("class") == "figures"
        if not inside:
            continue
        if element.tag == "tr":
            current = []
            rows.append(current)
        elif element.tag in ("td", "th") and current is not None:
            current.append(element.text)
    return rows[1:]  # the heading row is first


def test_table_has_every_group_every_counter_and_the_total(html_page: Parse) -> None:
    page = html_page(render_report(MARCH, lang="en"))
    rows = body_rows(page)
    expected_rows = [*MARCH.rows, MARCH.total]
    assert len(rows) == len(expected_rows)
    for cells, row in zip(rows, expected_rows, strict=True):
        label = [v for _, v in row.group] or ["Total"]
        figures = [
            "N/A" if getattr(row, attr) is None else str(getattr(row, attr))
            for attr, _, _ in COLUMNS
        ]
        assert cells == label + figures
    land = next(cells for cells in rows if cells[0] == "Đất đai")
    assert land[1 + [attr for attr, _, _ in COLUMNS].index("rate")] == "N/A"
    civil = next(cells for cells in rows if cells[0] == "Hộ tịch")
    assert civil[1 + [attr for attr, _, _ in COLUMNS].index("rate")] == "50.00"


def test_headings_in_either_language_carry_their_definition(html_page: Parse) -> None:
    for lang, index in (("en", 1), ("vi", 2)):
        page = html_page(render_report(MARCH, lang=lang))
        assert page.all("html")[0].attrs["lang"] == lang
        abbrs = page.all("abbr")
        assert [a.text for a in abbrs] == [column[index] for column in COLUMNS]
        expected = definitions() if lang == "en" else DEFINITIONS_VI
        assert [a.attrs["title"] for a in abbrs] == [expected[c[0]] for c in COLUMNS]
    vi = html_page(render_report(MARCH, lang="vi"))
    assert "lĩnh vực" in [th.text for th in vi.all("th", scope="col")]
    assert "Tổng" in [th.text for th in vi.all("th", scope="row")]


def test_heading_says_period_cut_policy_rule_and_resolution(html_page: Parse) -> None:
    page = html_page(render_report(MARCH, lang="en"))
    meta = dict(
        zip(
            [dt_.text for dt_ in page.all("dt")[:5]],
            [dd.content for dd in page.all("dd")[:5]],
            strict=True,
        )
    )
    assert meta["Period"] == "2026-03 (2026-03-01 to 2026-03-31)"
    assert meta["Observed at"] == "2026-04-01 00:00"
    assert meta["Classification policy"] == f"by-date{BY_DATE.description}"
    assert meta["Resolved when"] == "result ready (result-ready)"
    assert meta["Records read"] == "5"
    assert BY_DATE.description in page.text
    vi = html_page(render_report(MARCH, lang="vi")).text
    assert "2026-03 (01/03/2026 đến 31/03/2026)" in vi
    assert "có kết quả" in vi


def test_vietnamese_page_defines_columns_and_rule_in_vietnamese(html_page: Parse) -> None:
    page = html_page(render_report(MARCH, lang="vi"))
    shown = [dd.text for dd in page.all("dd")[-len(COLUMNS) :]]
    assert shown == [DEFINITIONS_VI[attr] for attr, _, _ in COLUMNS]
    assert page.all("span", class_="rule")[0].text == POLICY_RULES_VI["by-date"]
    assert not [e for e in page.elements if e.attrs.get("lang") == "en"]
    english = [*definitions().values(), BY_DATE.description]
    assert not [text for text in english if text in page.text]


def test_every_column_and_classification_policy_has_its_vietnamese_text() -> None:
    assert set(DEFINITIONS_VI) == {attr for attr, _, _ in COLUMNS}
    assert set(POLICY_RULES_VI) == set(CLASSIFICATION_POLICIES)


def test_a_text_not_translated_is_shown_in_english_marked_so(
    html_page: Parse, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(DEFINITIONS_VI, "rate")
    monkeypatch.delitem(POLICY_RULES_VI, "by-date")
    page = html_page(render_report(MARCH, lang="vi"))
    marked = [e for e in page.elements if e.attrs.get("lang") == "en"]
    assert [(e.tag, e.text) for e in marked] == [
        ("span", BY_DATE.description),
        ("dd", definitions()["rate"]),
    ]
    rate = next(a for a in page.all("abbr") if a.text == "tỷ lệ %")
    assert rate.attrs["title"] == definitions()["rate"]


def test_calendar_and_skipped_lines_said_when_there_are(html_page: Parse) -> None:
    judged = report(
        RECORDS,
        period="2026-03",
        policy="by-session",
        calendar=WorkingCalendar.vietnam(),
        skipped=[1, 2],
    )
    text = html_page(render_report(judged, lang="en")).text
    assert "Working calendar" in text
    assert "Unreadable lines skipped, not counted 2" in text
    plain = html_page(render_report(MARCH, lang="en")).text
    assert "Working calendar" not in plain
    assert "skipped" not in plain


def test_definitions_are_read_from_report_row() -> None:
    found = definitions()
    assert set(found) >= {attr for attr, _, _ in COLUMNS}
    assert found["carried_over"] == (
        "Received before the period, still open at its start (từ kỳ trước)."
    )
    assert found["refused"].endswith("so not in the received count nor in the balance.")
    assert found["rate"].startswith("The published rate: (early + on time) / resolved")
    assert "group" not in found
    assert ReportRow.__doc__ is not None
    assert "Attributes:" in ReportRow.__doc__


def test_attributes_section_parsing_stops_at_its_end() -> None:
    doc = "Title.\n\nAttributes:\n    a: One\n        more.\n    b: Two.\nAfter:\n    c: no."
    assert _attributes(doc) == {"a": "One more.", "b": "Two."}
    assert _attributes("No section.") == {}
    assert _attributes("Attributes:\n    a: A.\n\n    b: after a blank line") == {"a": "A."}


def test_sections_left_out_when_empty(html_page: Parse) -> None:
    page = html_page(render_report(MARCH, lang="en"))
    assert page.all("svg") == []
    assert page.all("table", class_="targets") == []
    assert [h.text for h in page.all("h2")] == ["Figures by group", "What each column counts"]


def test_targets_met_missed_and_unknown(html_page: Parse) -> None:
    targets = [
        TargetView("late share < 0.4%, Hộ tịch", "0.31%", "< 0.4%", met=True),
        TargetView("on-time rate ≥ 96%, " + HOSTILE, "92.00%", "≥ 96%", met=False),
        TargetView("on-time rate ≥ 96%, Đất đai", "N/A", "≥ 96%", met=None),
    ]
    page = html_page(render_report(MARCH, lang="en", targets=targets))
    verdicts = [(td.attrs["class"], td.text) for td in page.all("td") if "class" in td.attrs][-3:]
    assert verdicts == [("met", "met"), ("missed", "missed"), ("unknown", "cannot be said")]
    assert [th.text for th in page.all("th", scope="row")][-3:] == [t.label for t in targets]
    vi = html_page(render_report(MARCH, lang="vi", targets=targets)).text
    assert "Đạt" in vi
    assert "Không đạt" in vi


def test_bar_chart_scaled_to_the_largest_with_na_drawn_without_a_bar(html_page: Parse) -> None:
    bars = [
        BarView("A", 80.0, "80.00"),
        BarView("B", 40.0, "40.00"),
        BarView("C", None, "N/A"),
        BarView("D", 0.0, "0.00"),
    ]
    page = html_page(render_report(MARCH, lang="en", bars=bars, bars_title="Ranked"))
    assert "Ranked" in [h.text for h in page.all("h2")]
    svg = page.all("svg")[0]
    assert svg.attrs["aria-label"] == "Ranked"
    widths = [float(r.attrs["width"]) for r in page.all("rect", class_="bar")]
    assert widths == [_BAR_WIDTH, _BAR_WIDTH / 2]  # no bar for N/A nor for 0
    texts = [t.text for t in page.all("text")]
    assert texts == ["A", "80.00", "B", "40.00", "C", "N/A", "D", "0.00"]
    assert [t.text for t in page.all("title")][1:] == ["A: 80.00", "B: 40.00", "C: N/A", "D: 0.00"]


def test_long_labels_cut_on_the_chart_whole_in_its_tooltip(html_page: Parse) -> None:
    label = "Tư pháp - " * 10
    page = html_page(render_report(MARCH, lang="en", bars=[BarView(label, 1.0, "1")]))
    shown = page.all("text")[0].text
    assert shown.endswith("…")
    assert len(shown) <= 42
    assert page.all("title")[1].text == f"{label}: 1"


def test_rate_bars_rank_highest_first_ties_in_group_order_na_last() -> None:
    rows = [
        dossier("A", "b-tie", ready_day=4),
        dossier("B", "a-tie", ready_day=4),
        dossier("C", "z-low", ready_day=6),
        dossier("D", "c-open", ready_day=None),
    ]
    ranked = rate_bars(report(rows, period="2026-03", group_by="field"))
    assert [(b.label, b.value, b.text) for b in ranked] == [
        ("a-tie", 100.0, "100.00"),
        ("b-tie", 100.0, "100.00"),
        ("z-low", 0.0, "0.00"),
        ("c-open", None, "N/A"),
    ]
    assert rate_bars(report(rows, period="2026-03")) == ()  # no groups, nothing to rank
    two = rate_bars(report(rows, period="2026-03", group_by=("field", "month")))
    assert two[0].label == "a-tie / 2026-03"


def test_hostile_group_name_escaped_everywhere(html_page: Parse) -> None:
    source = render_report(MARCH, lang="en", bars=rate_bars(MARCH), bars_title=HOSTILE)
    assert "<script" not in source
    page = html_page(source)  # and no script element
    assert HOSTILE in [th.text for th in page.all("th", scope="row")]
    assert HOSTILE in [t.text for t in page.all("text")]
    assert page.all("svg")[0].attrs["aria-label"] == HOSTILE


def test_no_groups_is_the_total_alone(html_page: Parse) -> None:
    whole = report(RECORDS, period="2026-03")
    rows = body_rows(html_page(render_report(whole, lang="en")))
    assert len(rows) == 1
    assert rows[0][:2] == ["0", "5"]  # no group cell: carried over, then received
    assert len(rows[0]) == len(COLUMNS)


def test_unknown_language_refused() -> None:
    with pytest.raises(ValueError, match="lang must be 'vi' or 'en', got 'fr'"):
        render_report(MARCH, lang="fr")


def test_an_empty_report_renders(html_page: Parse) -> None:
    empty = report([], period="2026-03", group_by="field")
    assert isinstance(empty, Report)
    page = html_page(render_report(empty, lang="vi", bars=rate_bars(empty)))
    assert page.all("svg") == []
    assert len(body_rows(page)) == 1


@pytest.fixture
def records_file(tmp_path: Path) -> Path:
    path = tmp_path / "dossiers.jsonl"
    lines = [
        json.dumps(
            {k: (v.isoformat() if isinstance(v, dt.datetime) else v) for k, v in row.items()},
            ensure_ascii=False,
        )
        for row in (
            {
                "code": r.code,
                "received_at": r.received_at,
                "due_at": r.due_at,
                "status": r.status,
                "result_ready_at": r.result_ready_at,
                "field": r.field,
            }
            for r in RECORDS
        )
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_cli_html_ranks_the_groups_by_rate(
    records_file: Path, capsys: pytest.CaptureFixture[str], html_page: Parse, lang: str
) -> None:
    args = ["report", str(records_file), "--period", "2026-03", "--group-by", "field"]
    assert main([*args, "--format", "html", "--lang", lang]) == EXIT_OK
    out = capsys.readouterr().out
    expected = report(RECORDS, period="2026-03", group_by="field")
    bars = rate_bars(expected)
    assert out == render_report(expected, lang=lang, bars=bars, bars_title=RATE_BARS_TITLE[lang])
    page = html_page(out)
    assert len(page.all("rect", class_="bar")) == 3  # Đất đai has no rate: N/A, no bar
