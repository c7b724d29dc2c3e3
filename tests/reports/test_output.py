"""Reports as Python objects, JSON, CSV and text."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest

from tthc.reports import DossierRecord, Report, report

D = dt.datetime


@pytest.fixture
def march() -> Report:
    rs = [
        DossierRecord(
            code="A",
            received_at=D(2026, 3, 2, 9),
            due_at=D(2026, 3, 5, 17),
            status=9,
            result_ready_at=D(2026, 3, 4, 9),
            field="Hộ tịch",
        ),
        DossierRecord(
            code="B",
            received_at=D(2026, 3, 2, 9),
            due_at=D(2026, 3, 5, 17),
            status=9,
            result_ready_at=D(2026, 3, 9, 9),
            field="Hộ tịch",
            channel="online",
        ),
        DossierRecord(
            code="C",
            received_at=D(2026, 3, 20, 9),
            due_at=D(2026, 4, 5, 17),
            status=4,
            field="Đất đai",
        ),
    ]
    return report(rs, period="2026-03", group_by="field")


def test_json(march: Report) -> None:
    data = json.loads(march.to_json())
    assert data["period"] == "2026-03"
    assert (data["from"], data["to"], data["cut"]) == (
        "2026-03-01",
        "2026-03-31",
        "2026-04-01T00:00:00",
    )
    assert (data["policy"], data["resolution"], data["group_by"]) == (
        "by-date",
        "result-ready",
        ["field"],
    )
    assert data["records"] == 3
    civil, land = data["rows"]
    assert civil["field"] == "Hộ tịch"
    assert (civil["received"], civil["resolved_early"], civil["resolved_late"]) == (2, 1, 1)
    assert civil["rate"] == "50.00"
    assert land["rate"] is None
    assert land["progress_rate"] == "100.00"
    assert data["total"]["received_online"] == 1
    assert "field" not in data["total"]
    assert '"Hộ tịch"' in march.to_json()  # not escaped
    assert march.to_json(indent=None).count("\n") == 0


def test_csv(march: Report) -> None:
    rows = list(csv.DictReader(io.StringIO(march.to_csv())))
    assert [r["field"] for r in rows] == ["Hộ tịch", "Đất đai", "TOTAL"]
    assert rows[0]["rate"] == "50.00"
    assert rows[1]["rate"] == "N/A"
    assert rows[2]["received"] == "3"
    assert list(rows[0])[:4] == ["field", "carried_over", "received_counter", "received_online"]


def test_csv_without_grouping_is_one_total_line() -> None:
    text = report([], period="2026-03").to_csv()
    header, total = text.splitlines()
    assert header.startswith("carried_over,")
    assert total.startswith("0,")
    assert total.endswith("N/A,N/A")


def test_csv_with_two_dimensions_labels_the_total_in_the_first() -> None:
    text = report([], period="2026-03", group_by=("field", "month")).to_csv()
    assert text.splitlines()[1].startswith("TOTAL,,0,")


def test_text(march: Report) -> None:
    lines = march.to_text(width=None).splitlines()
    assert lines[0] == (
        "Period 2026-03 (2026-03-01..2026-03-31), observed at 2026-04-01 00:00, "
        "policy by-date, resolved when result ready"
    )
    assert lines[1].split()[:5] == ["field", "carried", "received", "counter", "online"]
    assert lines[3].split()[:2] == ["Hộ", "tịch"]
    assert "50.00" in lines[3]
    assert "N/A" in lines[4]
    assert lines[6].startswith("Total")


def test_text_in_vietnamese(march: Report) -> None:
    lines = march.to_text(lang="vi", width=None).splitlines()
    assert lines[0].startswith(
        "Kỳ báo cáo 2026-03 (01/03/2026-31/03/2026), số liệu đến 01/04/2026 00:00"
    )
    assert lines[0].endswith("chính sách by-date, giải quyết khi có kết quả")
    assert "trước hạn" in lines[1]
    assert lines[-1].startswith("Tổng")
    returned = report([], period="2026-03", resolution="returned").to_text(lang="vi")
    assert "giải quyết khi trả kết quả" in returned
    with pytest.raises(ValueError, match="lang must be"):
        march.to_text(lang="fr")


def test_text_without_rows_has_the_total_only() -> None:
    lines = report([], period="2026-03").to_text(width=None).splitlines()
    assert len(lines) == 4
    from tthc.reports._text import COLUMNS

    values = dict(zip([name for name, _, _ in COLUMNS], lines[-1].split(), strict=True))
    assert (values["returned"], values["progress_rate"]) == ("0", "N/A")  # no progress rate


def test_python_objects(march: Report) -> None:
    assert march.to_dict()["rows"][0]["field"] == "Hộ tịch"
    assert [row.value("field") for row in march] == ["Hộ tịch", "Đất đai"]
    assert len(march) == 2
    assert march["Hộ tịch"].counts()["resolved_late"] == 1
