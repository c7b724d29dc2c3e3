"""Text reports: every figure CSV and JSON have, in tables that fit the width asked for."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tthc.reports import DossierRecord, Report, report
from tthc.reports._tally import COUNTERS
from tthc.reports._text import COLUMNS

D = dt.datetime
AGENCIES = ("UBND xã A", "Ủy ban nhân dân phường Hoàn Kiếm, thành phố Hà Nội, bộ phận một cửa")


def sample(*, agency: str = AGENCIES[1], group_by: tuple[str, ...] = ("field",)) -> Report:
    records = [
        DossierRecord(
            code="A", received_at=D(2026, 3, 2, 9), due_at=D(2026, 3, 5, 17), status=9,
            result_ready_at=D(2026, 3, 4, 9), field="Hộ tịch", agency=agency,
        ),
        DossierRecord(
            code="B", received_at=D(2026, 3, 2, 9), due_at=D(2026, 3, 5, 17), status=9,
            result_ready_at=D(2026, 3, 9, 9), field="Hộ tịch", channel="online", agency=agency,
        ),
        DossierRecord(
            code="C", received_at=D(2026, 3, 20, 9), due_at=D(2026, 4, 5, 17), status=4,
            field="Đất đai", channel="postal", agency=AGENCIES[0],
        ),
    ]  # fmt: skip
    return report(records, period="2026-03", group_by=group_by)


def parse_tables(text: str, n_groups: int) -> list[dict[str, str]]:
    """The figures of each row (keyed by heading), read back from the text's tables, with
    the row's group labels joined again where they were wrapped."""
    blocks = [b.splitlines() for b in text.split("\n\n")]
    blocks[0] = blocks[0][next(i for i, line in enumerate(blocks[0]) if "  " in line) :]
    rows: list[dict[str, str]] = []
    for block in blocks:
        spans = [m.span() for m in re.finditer(r"-+", block[1])]
        cut = [[line[a:b].strip() for a, b in spans] for line in block]
        rows_cut = zip(block[2:], cut[2:], strict=True)
        heads, body = cut[0], [c for line, c in rows_cut if not line.startswith("-")]
        records: list[dict[str, str]] = []
        for cells in body:
            if records and not any(cells[n_groups:]):  # a wrapped label continues
                for i in range(n_groups):
                    records[-1][heads[i]] = f"{records[-1][heads[i]]} {cells[i]}".strip()
            else:
                records.append(dict(zip(heads, cells, strict=True)))
        if not rows:
            rows = records
        else:
            for row, more in zip(rows, records, strict=True):
                assert all(row[h] == more[h] for h in heads[:n_groups])  # same rows, same order
                row.update(more)
    return rows


def csv_rows(r: Report) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(r.to_csv())))


def test_the_text_has_a_column_for_every_figure_of_the_csv() -> None:
    header = next(csv.reader(io.StringIO(sample().to_csv())))
    figures = [h for h in header if h not in ("field",)]
    assert sorted(name for name, _, _ in COLUMNS) == sorted(figures)
    assert {"progress_rate", "closed_late", "received_postal", "in_progress"} <= set(figures)
    assert set(COUNTERS) <= {name for name, _, _ in COLUMNS}


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize("group_by", [(), ("field",), ("field", "agency"), ("agency", "channel")])
def test_every_line_fits_100_columns_and_every_figure_reads_back(
    lang: str, group_by: tuple[str, ...]
) -> None:
    r = sample(group_by=group_by)
    text = r.to_text(lang=lang)
    assert max(len(line) for line in text.splitlines()) <= 100
    headings = {name: (en, vi) for name, en, vi in COLUMNS}
    shown = parse_tables(text, len(group_by))
    expected = csv_rows(r)
    assert len(shown) == len(expected)
    for row, want in zip(shown, expected, strict=True):
        for name, (en, vi) in headings.items():
            assert row[vi if lang == "vi" else en] == want[name], name


def test_the_qd_766_progress_rate_is_shown() -> None:
    text = sample().to_text()
    (total,) = [row for row in parse_tables(text, 1) if row["field"] == "Total"]
    assert total["progress %"] == str(sample().total.progress_rate) != "None"
    assert "tiến độ QĐ 766 %" in sample().to_text(lang="vi")


@given(
    width=st.integers(min_value=40, max_value=300),
    agency=st.sampled_from(AGENCIES),
    lang=st.sampled_from(["en", "vi"]),
)
def test_any_width_is_kept_and_loses_nothing(width: int, agency: str, lang: str) -> None:
    r = sample(agency=agency, group_by=("field", "agency"))
    text = r.to_text(width=width, lang=lang)
    assert max(len(line) for line in text.splitlines()) <= width
    shown = parse_tables(text, 2)
    agency_head, progress = (
        ("cơ quan", "tiến độ QĐ 766 %") if lang == "vi" else ("agency", "progress %")
    )
    assert [row[agency_head] for row in shown[:-1]] == [dict(g.group)["agency"] for g in r.rows]
    assert [row[progress] for row in shown] == [row["progress_rate"] for row in csv_rows(r)]


def test_wide_is_one_table() -> None:
    text = sample(group_by=("field", "agency")).to_text(width=None)
    lines = text.splitlines()
    assert "\n\n" not in text
    assert lines[1].split("  ")[0] == "field"
    assert max(len(line) for line in lines) > 200
    assert lines[1].rstrip().endswith(COLUMNS[-1][1])  # the last column's heading


def test_a_width_too_narrow_for_a_table_is_refused() -> None:
    with pytest.raises(ValueError, match="width must be at least 40"):
        sample().to_text(width=39)
