"""Reports as JSON, CSV and text tables."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from tthc.reports._tally import COUNTERS

if TYPE_CHECKING:
    from tthc.reports._report import Report, ReportRow

__all__ = ["report_to_csv", "report_to_dict", "report_to_json", "report_to_text"]

_NA = "N/A"


def _rate(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _row_dict(row: ReportRow) -> dict[str, Any]:
    out: dict[str, Any] = dict(row.group)
    out.update(row.counts())
    out.update(
        received=row.received,
        resolved=row.resolved,
        in_progress=row.in_progress,
        rate=_rate(row.rate),
        progress_rate=_rate(row.progress_rate),
    )
    return out


def report_to_dict(report: Report) -> dict[str, Any]:
    """JSON-ready values: the heading, one object per row, and the total."""
    return {
        "period": str(report.period),
        "from": report.period.first.isoformat(),
        "to": report.period.last.isoformat(),
        "cut": report.cut.isoformat(),
        "policy": report.policy,
        "resolution": report.resolution.value,
        "group_by": list(report.group_by),
        "records": report.records,
        "skipped": report.skipped,
        "rows": [_row_dict(row) for row in report.rows],
        "total": _row_dict(report.total),
    }


def report_to_json(report: Report, *, indent: int | None = 2) -> str:
    """JSON text; rates are strings with two decimals (exact), or null."""
    return json.dumps(report_to_dict(report), ensure_ascii=False, indent=indent)


_EXTRA = ("received", "resolved", "in_progress", "rate", "progress_rate")


def report_to_csv(report: Report) -> str:
    """CSV text: a header, one line per row, then the total (group cells ``TOTAL``, ``""``)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([*report.group_by, *COUNTERS, *_EXTRA])
    total_group = ["TOTAL", *[""] * (len(report.group_by) - 1)] if report.group_by else []
    for row, group in [(r, [v for _, v in r.group]) for r in report.rows] + [
        (report.total, total_group)
    ]:
        d = _row_dict(row)
        writer.writerow(
            [*group, *(d[c] for c in COUNTERS), *(_NA if d[c] is None else d[c] for c in _EXTRA)]
        )
    return buffer.getvalue()


# heading per column: (counter or property, English, Vietnamese, from the 06a form where it has it)
_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("carried_over", "carried", "kỳ trước"),
    ("received", "received", "tiếp nhận"),
    ("received_online", "online", "trực tuyến"),
    ("resolved", "resolved", "đã giải quyết"),
    ("resolved_early", "early", "trước hạn"),
    ("resolved_on_time", "on time", "đúng hạn"),
    ("resolved_late", "late", "quá hạn"),
    ("rate", "rate %", "tỷ lệ %"),
    ("in_progress_in_time", "open ok", "đang, trong hạn"),
    ("in_progress_overdue", "open late", "đang, quá hạn"),
    ("paused_supplement", "suppl.", "chờ bổ sung"),
    ("paused_payment", "payment", "chờ NVTC"),
    ("refused", "refused", "từ chối"),
    ("withdrawn", "withdrawn", "rút"),
    ("stopped", "stopped", "dừng"),
    ("returned", "returned", "đã trả"),
)
_GROUP_VI = {
    "procedure": "thủ tục",
    "field": "lĩnh vực",
    "agency": "cơ quan",
    "level": "cấp",
    "channel": "kênh",
    "month": "tháng",
    "quarter": "quý",
    "year": "năm",
}


def report_to_text(report: Report, *, lang: str = "en") -> str:
    """A fixed-width table with a heading line saying the period, cut and policy."""
    if lang not in ("en", "vi"):
        raise ValueError(f"lang must be 'en' or 'vi', got {lang!r}")
    vi = lang == "vi"
    heads = [(_GROUP_VI[d] if vi else d) for d in report.group_by]
    heads += [vi_head if vi else en for _, en, vi_head in _COLUMNS]
    total_label = "Tổng" if vi else "Total"
    body: list[list[str]] = []
    rows = [*report.rows, report.total]
    for row in rows:
        if row is report.total:
            cells = [total_label, *[""] * (len(report.group_by) - 1)] if report.group_by else []
        else:
            cells = [v for _, v in row.group]
        for name, _, _ in _COLUMNS:
            value = getattr(row, name)
            cells.append(_NA if value is None else str(value))
        body.append(cells)
    widths = [max(len(h), *(len(r[i]) for r in body)) for i, h in enumerate(heads)]
    n_text = len(report.group_by)

    def line(cells: list[str]) -> str:
        return "  ".join(
            c.ljust(w) if i < n_text else c.rjust(w)
            for i, (c, w) in enumerate(zip(cells, widths, strict=True))
        ).rstrip()

    period, ready = report.period, report.resolution.value == "result-ready"
    title = (
        f"Kỳ báo cáo {period} ({period.first:%d/%m/%Y}-{period.last:%d/%m/%Y}), "
        f"số liệu đến {report.cut:%d/%m/%Y %H:%M}, chính sách {report.policy}, "
        f"giải quyết khi {'có kết quả' if ready else 'trả kết quả'}"
        if vi
        else f"Period {report.period} ({report.period.first}..{report.period.last}), "
        f"observed at {report.cut:%Y-%m-%d %H:%M}, policy {report.policy}, "
        f"resolved when {report.resolution.value.replace('-', ' ')}"
    )
    out = [title]
    if report.skipped:
        count = report.skipped
        out.append(
            f"Bỏ qua {count} dòng không đọc được, không được tính"
            if vi
            else f"{count} unreadable line{'s' if count != 1 else ''} skipped, not counted"
        )
    out += [line(heads), line(["-" * w for w in widths])]
    out += [line(cells) for cells in body[:-1]]
    if report.rows:
        out.append(line(["-" * w for w in widths]))
    out.append(line(body[-1]))
    return "\n".join(out)
