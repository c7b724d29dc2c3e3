"""A report as text tables that fit a terminal: every figure the CSV and JSON have.

The columns are the report's counters and figures in the CSV's order of meaning: what was
handled (carried over, received, by channel), what was resolved and the published rate,
what is open or paused, what ended otherwise, and the QĐ 766 progress rate. At a ``width``
(100 characters unless told), the columns are set out in as many tables as needed, one
under the other, each repeating the group columns; a group value longer than its column
continues on the next lines. ``width=None`` prints one table however wide it is.
"""

from __future__ import annotations

import textwrap
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tthc.reports._report import Report, ReportRow

__all__ = ["COLUMNS", "report_to_text", "visible"]

_NA = "N/A"
_GAP = "  "

#: Each column: the row's attribute, its English and its Vietnamese heading.
COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("carried_over", "carried", "kỳ trước"),
    ("received", "received", "tiếp nhận"),
    ("received_counter", "counter", "trực tiếp"),
    ("received_online", "online", "trực tuyến"),
    ("received_postal", "postal", "bưu chính"),
    ("resolved", "resolved", "đã giải quyết"),
    ("resolved_early", "early", "trước hạn"),
    ("resolved_on_time", "on time", "đúng hạn"),
    ("resolved_late", "late", "quá hạn"),
    ("rate", "rate %", "tỷ lệ %"),
    ("in_progress", "open", "đang giải quyết"),
    ("in_progress_in_time", "open ok", "đang, trong hạn"),
    ("in_progress_overdue", "open late", "đang, quá hạn"),
    ("paused_supplement", "suppl.", "chờ bổ sung"),
    ("paused_payment", "payment", "chờ NVTC"),
    ("refused", "refused", "từ chối"),
    ("withdrawn", "withdrawn", "rút"),
    ("stopped", "stopped", "dừng"),
    ("closed_late", "closed late", "rút, dừng quá hạn"),
    ("returned", "returned", "đã trả"),
    ("progress_rate", "progress %", "tiến độ QĐ 766 %"),
    ("resolved_online", "res. online", "gq trực tuyến"),
    ("paid_online", "paid online", "TT trực tuyến"),
    ("paid_offline", "paid other", "TT khác"),
    ("digitised", "digitised", "số hóa"),
    ("not_digitised", "not digit.", "chưa số hóa"),
    ("processing_counted", "timed", "tính t.gian"),
    ("processing_working_us", "working µs", "µs làm việc"),
    ("processing_elapsed_us", "clock µs", "µs thực tế"),
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


def report_to_text(report: Report, *, lang: str = "en", width: int | None = 100) -> str:
    """A heading line (period, cut, policy), then the table(s) of every row and the total.

    Raises:
        ValueError: ``lang`` is not ``"en"`` or ``"vi"``, or ``width`` is under 40.
    """
    if lang not in ("en", "vi"):
        raise ValueError(f"lang must be 'en' or 'vi', got {lang!r}")
    if width is not None and width < 40:
        raise ValueError(f"width must be at least 40 characters, got {width}")
    vi = lang == "vi"
    groups = [(_GROUP_VI[d] if vi else d) for d in report.group_by]
    figures = [vi_head if vi else en for _, en, vi_head in COLUMNS]
    total_label = "Tổng" if vi else "Total"
    rows = [*report.rows, report.total]
    labels = [_labels(row, report, total_label) for row in rows]
    values = [[_figure(getattr(row, name)) for name, _, _ in COLUMNS] for row in rows]

    group_widths = [max(len(h), *(len(lab[i]) for lab in labels)) for i, h in enumerate(groups)]
    if width is not None and groups:
        cap = max(10, width // 2 // len(groups) - len(_GAP))
        group_widths = [min(w, cap) for w in group_widths]
    figure_widths = [max(len(h), *(len(v[i]) for v in values)) for i, h in enumerate(figures)]

    out = _joined(_title(report, vi=vi), width)
    if report.skipped:
        count = report.skipped
        out.append(
            f"Bỏ qua {count} dòng không đọc được, không được tính"
            if vi
            else f"{count} unreadable line{'s' if count != 1 else ''} skipped, not counted"
        )
    heading = len(out)
    for block in _blocks(group_widths, figure_widths, width):
        if len(out) > heading:
            out.append("")
        widths = group_widths + [figure_widths[i] for i in block]

        def line(cells: list[str], widths: list[int] = widths) -> str:
            n = len(group_widths)
            return _GAP.join(
                c.ljust(w) if i < n else c.rjust(w)
                for i, (c, w) in enumerate(zip(cells, widths, strict=True))
            ).rstrip()

        rule = line(["-" * w for w in widths])
        out += [line(groups + [figures[i] for i in block]), rule]
        for index, (label, value) in enumerate(zip(labels, values, strict=True)):
            if index == len(rows) - 1 and report.rows:
                out.append(rule)
            wrapped = [_wrap(text, w) for text, w in zip(label, group_widths, strict=True)]
            height = max((len(w) for w in wrapped), default=1)
            for k in range(height):
                cells = [w[k] if k < len(w) else "" for w in wrapped]
                cells += [value[i] if k == 0 else "" for i in block]
                out.append(line(cells))
    return "\n".join(out)


def _labels(row: ReportRow, report: Report, total_label: str) -> list[str]:
    if row is report.total:
        return [total_label, *[""] * (len(report.group_by) - 1)] if report.group_by else []
    return [visible(value) for _, value in row.group]


#: Unicode categories a terminal acts on or hides: controls, formats (U+202E reverses a
#: line), line and paragraph separators.
_HIDDEN = frozenset(("Cc", "Cf", "Zl", "Zp"))


def visible(text: str) -> str:
    r"""``text`` with its control and format characters escaped (``\x1b``, ``\u202e``).

    A group's value comes from the input: printed as is, ``\x1b[2J`` would clear the
    terminal. Spaces, no-break spaces included, are kept.
    """
    if text.isprintable():
        return text
    hidden = _HIDDEN
    return "".join(ascii(c)[1:-1] if unicodedata.category(c) in hidden else c for c in text)


def _figure(value: object) -> str:
    return _NA if value is None else str(value)


def _wrap(text: str, width: int) -> list[str]:
    if len(text) <= width:
        return [text]
    return textwrap.wrap(text, width, break_long_words=True, break_on_hyphens=False) or [""]


def _blocks(
    group_widths: list[int], figure_widths: list[int], width: int | None
) -> list[list[int]]:
    """The figure columns of each table: as few tables as fit ``width``, of even widths."""
    if width is None:
        return [list(range(len(figure_widths)))]
    fewest = len(_packed(group_widths, figure_widths, width))
    narrowest = sum(w + len(_GAP) for w in group_widths) + max(figure_widths)
    for limit in range(min(narrowest, width), width + 1):
        blocks = _packed(group_widths, figure_widths, limit)
        if len(blocks) <= fewest:
            return blocks
    return _packed(group_widths, figure_widths, width)  # pragma: no cover  (limit = width fits)


def _packed(group_widths: list[int], figure_widths: list[int], limit: int) -> list[list[int]]:
    """Figure columns in order, a new table whenever the next one would pass ``limit``."""
    used_by_groups = sum(w + len(_GAP) for w in group_widths)
    blocks: list[list[int]] = [[]]
    used = used_by_groups
    for index, column in enumerate(figure_widths):
        needed = column + (len(_GAP) if blocks[-1] else 0)
        if blocks[-1] and used + needed > limit:
            blocks.append([])
            used, needed = used_by_groups, column
        blocks[-1].append(index)
        used += needed
    return blocks


def _title(report: Report, *, vi: bool) -> list[str]:
    period, ready = report.period, report.resolution.value == "result-ready"
    if vi:
        return [
            f"Kỳ báo cáo {period} ({period.first:%d/%m/%Y}-{period.last:%d/%m/%Y})",
            f"số liệu đến {report.cut:%d/%m/%Y %H:%M}",
            f"chính sách {report.policy}",
            f"giải quyết khi {'có kết quả' if ready else 'trả kết quả'}",
        ]
    return [
        f"Period {period} ({period.first}..{period.last})",
        f"observed at {report.cut:%Y-%m-%d %H:%M}",
        f"policy {report.policy}",
        f"resolved when {report.resolution.value.replace('-', ' ')}",
    ]


def _joined(parts: list[str], width: int | None) -> list[str]:
    """``parts`` joined by ``, `` on as few lines as fit ``width`` (one line for ``None``)."""
    if width is None:
        return [", ".join(parts)]
    lines = [parts[0]]
    for index, part in enumerate(parts[1:], start=2):
        comma = 1 if index < len(parts) else 0  # the comma that follows, if a part does
        if len(lines[-1]) + 2 + len(part) + comma > width:
            lines[-1] += ","
            lines.append(part)
        else:
            lines[-1] += f", {part}"
    return [piece for line in lines for piece in textwrap.wrap(line, width) or [line]]
