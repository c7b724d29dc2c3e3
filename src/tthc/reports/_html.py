"""A report as one self-contained HTML page: heading, table, targets, ranking, definitions.

The page has its CSS inline, its chart in inline SVG, no script and no external resource:
it opens offline and prints; a table wider than the window scrolls sideways, its first
group column kept in view. It says the period, the cut, the policy (with its rule) and the
resolution; the table of every group's counters and rates and the total (the columns
of the text tables, ``_text.COLUMNS``); the targets met or missed and a ranking as a bar
chart, when given (sections left out when empty); and the definition of every column,
read from :class:`~tthc.reports.ReportRow` (``_definitions``), in Vietnamese on the
Vietnamese page (``_vietnamese``; a text it lacks is shown in English, marked
``lang="en"``). Every text is escaped.

The targets and the bars are small view models (:class:`TargetView`, :class:`BarView`):
the page draws what it is given, in the order given, and computes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING

from tthc._page import page_start
from tthc.deadlines import CLASSIFICATION_POLICIES
from tthc.reports._definitions import definitions
from tthc.reports._text import _GROUP_VI, COLUMNS
from tthc.reports._vietnamese import DEFINITIONS_VI, POLICY_RULES_VI

if TYPE_CHECKING:
    from tthc.reports._report import Report, ReportRow

__all__ = ["RATE_BARS_TITLE", "BarView", "TargetView", "rate_bars", "render_report"]

_NA = "N/A"


@dataclass(frozen=True, slots=True)
class TargetView:
    """One target as the page shows it: what, the figure, the threshold, met or not.

    Attributes:
        label: The target in words ("late share of received < 0.4%, Hộ tịch").
        value: The figure reached, as text ("0.31%", "N/A").
        threshold: The comparison and threshold, as text ("< 0.4%").
        met: Whether the target was met; ``None`` when it cannot be said (no figure).
    """

    label: str
    value: str
    threshold: str
    met: bool | None


@dataclass(frozen=True, slots=True)
class BarView:
    """One bar of a ranking chart.

    Attributes:
        label: The unit or group ranked.
        value: The length of the bar, on the scale of the chart's largest value (a value
            under 0 draws no bar); ``None`` for no figure, drawn as ``N/A`` without a bar.
        text: The figure as written next to the bar ("99.75").
    """

    label: str
    value: float | None
    text: str


#: The title of :func:`rate_bars`'s chart, per language.
RATE_BARS_TITLE = {
    "vi": "Tỷ lệ giải quyết trước hạn và đúng hạn theo nhóm (%)",
    "en": "Resolved early or on time, by group (%)",
}

_WORDS = {
    "vi": {
        "title": "Báo cáo tình hình, kết quả giải quyết thủ tục hành chính",
        "period": "Kỳ báo cáo",
        "cut": "Số liệu đến",
        "policy": "Chính sách phân loại",
        "resolution": "Giải quyết khi",
        "result-ready": "có kết quả",
        "returned": "trả kết quả",
        "calendar": "Lịch làm việc",
        "records": "Số bản ghi đã đọc",
        "skipped": "Dòng không đọc được, không được tính",
        "table": "Số liệu theo nhóm",
        "total": "Tổng",
        "targets": "Chỉ tiêu",
        "target": "Chỉ tiêu",
        "value": "Kết quả",
        "threshold": "Yêu cầu",
        "verdict": "Đánh giá",
        "met": "Đạt",
        "missed": "Không đạt",
        "unknown": "Không xác định",
        "definitions": "Định nghĩa các cột",
        "from_to": "{first:%d/%m/%Y} đến {last:%d/%m/%Y}",
        "at": "{cut:%d/%m/%Y %H:%M}",
    },
    "en": {
        "title": "Report: dossiers received and resolved early, on time and late",
        "period": "Period",
        "cut": "Observed at",
        "policy": "Classification policy",
        "resolution": "Resolved when",
        "result-ready": "result ready",
        "returned": "returned",
        "calendar": "Working calendar",
        "records": "Records read",
        "skipped": "Unreadable lines skipped, not counted",
        "table": "Figures by group",
        "total": "Total",
        "targets": "Targets",
        "target": "Target",
        "value": "Figure",
        "threshold": "Threshold",
        "verdict": "Verdict",
        "met": "met",
        "missed": "missed",
        "unknown": "cannot be said",
        "definitions": "What each column counts",
        "from_to": "{first} to {last}",
        "at": "{cut:%Y-%m-%d %H:%M}",
    },
}

_CSS = """
body{font-family:system-ui,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;margin:16px;
color:#1f2328;background:#fff}
h1{font-size:1.45em;margin:0 0 .6em}h2{font-size:1.15em;margin:1.4em 0 .5em}
.meta{display:grid;grid-template-columns:max-content 1fr;gap:.25em 1em;margin:0}
.meta dt{font-weight:600}.meta dd{margin:0}.rule{color:#57606a;font-size:.9em}
.scroll{overflow-x:auto}
table.figures{border-collapse:collapse;font-size:.74em}
table.targets{border-collapse:collapse;font-size:.9em}
.figures th,.figures td{border:1px solid #d0d7de;padding:3px 2px}
.targets th,.targets td{border:1px solid #d0d7de;padding:4px 8px}
.figures thead th{background:#f6f8fa;vertical-align:bottom;font-weight:600}
.figures td.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.figures tfoot td,.figures tfoot th{font-weight:700;background:#f6f8fa}
.figures tbody th,.figures tfoot th{text-align:left;font-weight:600;min-width:8em}
.figures tbody tr:nth-child(even){background:#fbfcfd}
.figures .group:first-child{position:sticky;left:0;z-index:1;background:#fff;
box-shadow:inset -1px 0 #d0d7de}
.figures tbody tr:nth-child(even) .group:first-child{background:#fbfcfd}
.figures thead .group:first-child,.figures tfoot .group:first-child{background:#f6f8fa}
.na{color:#8c959f}
.met{color:#116329;font-weight:700}.missed{color:#cf222e;font-weight:700}
.unknown{color:#57606a}
svg text{font-family:inherit;font-size:13px;fill:#1f2328}
svg .bar{fill:#0969da}
dl.defs dt{font-weight:600;margin-top:.5em}dl.defs dd{margin:0 0 0 1.5em}
code{font-size:.9em;color:#57606a}
"""


def _figure(value: object) -> str:
    if value is None:
        return f'<td class="n na">{_NA}</td>'
    return f'<td class="n">{escape(str(value))}</td>'


def _translated(text: str, vietnamese: str | None, lang: str) -> tuple[str, str]:
    """The text in the page's language, and the ``lang`` attribute it needs (or "")."""
    if lang != "vi":
        return text, ""
    if vietnamese is None:
        return text, ' lang="en"'
    return vietnamese, ""


def _meta(report: Report, lang: str) -> list[str]:
    words = _WORDS[lang]
    period = report.period
    policy = CLASSIFICATION_POLICIES.get(report.policy)
    rule = ""
    if policy:
        text, mark = _translated(policy.description, POLICY_RULES_VI.get(report.policy), lang)
        rule = f'<br><span class="rule"{mark}>{escape(text)}</span>'
    items = [
        ("period", f"{period} ({words['from_to'].format(first=period.first, last=period.last)})"),
        ("cut", words["at"].format(cut=report.cut)),
    ]
    out = ['<dl class="meta">']
    out += [f"<dt>{escape(words[k])}</dt><dd>{escape(v)}</dd>" for k, v in items]
    out.append(f"<dt>{escape(words['policy'])}</dt><dd>{escape(report.policy)}{rule}</dd>")
    resolution = report.resolution.value
    out.append(
        f"<dt>{escape(words['resolution'])}</dt>"
        f"<dd>{escape(words[resolution])} (<code>{escape(resolution)}</code>)</dd>"
    )
    if report.calendar is not None:
        out.append(f"<dt>{escape(words['calendar'])}</dt><dd>{escape(report.calendar)}</dd>")
    out.append(f"<dt>{escape(words['records'])}</dt><dd>{report.records:,}</dd>")
    if report.skipped:
        out.append(f"<dt>{escape(words['skipped'])}</dt><dd>{report.skipped:,}</dd>")
    out.append("</dl>")
    return out


def _heading(attr: str, english: str, vietnamese: str, lang: str, defs: dict[str, str]) -> str:
    text = escape(vietnamese if lang == "vi" else english)
    definition = defs.get(attr)
    if definition is None:
        return f'<th scope="col">{text}</th>'
    definition, _ = _translated(definition, DEFINITIONS_VI.get(attr), lang)
    return f'<th scope="col"><abbr title="{escape(definition)}">{text}</abbr></th>'


def _row(cells_head: list[str], row: ReportRow) -> str:
    heads = "".join(f'<th scope="row" class="group">{escape(c)}</th>' for c in cells_head)
    figures = "".join(_figure(getattr(row, attr)) for attr, _, _ in COLUMNS)
    return f"<tr>{heads}{figures}</tr>"


def _table(report: Report, lang: str, defs: dict[str, str]) -> list[str]:
    words = _WORDS[lang]
    groups = [(_GROUP_VI[d] if lang == "vi" else d) for d in report.group_by]
    heads = [f'<th scope="col" class="group">{escape(g)}</th>' for g in groups]
    heads += [_heading(attr, en, vi, lang, defs) for attr, en, vi in COLUMNS]
    out = [
        f"<h2>{escape(words['table'])}</h2>",
        '<div class="scroll"><table class="figures">',
        f"<thead><tr>{''.join(heads)}</tr></thead>",
        "<tbody>",
    ]
    if report.group_by:  # without groups, the one row is the total
        out += [_row([value for _, value in row.group], row) for row in report.rows]
    out.append("</tbody>")
    total = [words["total"], *[""] * (len(report.group_by) - 1)] if report.group_by else []
    out += ["<tfoot>", _row(total, report.total), "</tfoot>", "</table></div>"]
    return out


def _targets(targets: Sequence[TargetView], lang: str) -> list[str]:
    words = _WORDS[lang]
    heads = "".join(
        f'<th scope="col">{escape(words[k])}</th>'
        for k in ("target", "value", "threshold", "verdict")
    )
    out = [
        f"<h2>{escape(words['targets'])}</h2>",
        '<table class="targets">',
        f"<thead><tr>{heads}</tr></thead>",
        "<tbody>",
    ]
    for target in targets:
        verdict = {True: "met", False: "missed", None: "unknown"}[target.met]
        out.append(
            f'<tr><th scope="row">{escape(target.label)}</th><td>{escape(target.value)}</td>'
            f"<td>{escape(target.threshold)}</td>"
            f'<td class="{verdict}">{escape(words[verdict])}</td></tr>'
        )
    out += ["</tbody>", "</table>"]
    return out


_LABEL_WIDTH, _BAR_WIDTH, _TEXT_WIDTH, _ROW, _MAX_LABEL = 320, 480, 90, 26, 42


def _short(label: str) -> str:
    return label if len(label) <= _MAX_LABEL else label[: _MAX_LABEL - 1] + "…"


def _chart(bars: Sequence[BarView], title: str) -> list[str]:
    """A horizontal bar chart: labels on the left, bars from one baseline, the figures after."""
    largest = max((b.value for b in bars if b.value is not None and b.value > 0), default=0.0)
    width = _LABEL_WIDTH + _BAR_WIDTH + _TEXT_WIDTH
    height = _ROW * len(bars) + 8
    out = []
    if title:
        out.append(f"<h2>{escape(title)}</h2>")
    out.append(
        f'<svg class="bars" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(title)}">'
    )
    x0 = _LABEL_WIDTH
    out.append(f'<line x1="{x0}" y1="0" x2="{x0}" y2="{height}" stroke="#8c959f"/>')
    for index, bar in enumerate(bars):
        y = 4 + index * _ROW
        middle = y + _ROW / 2 + 4
        out.append(f"<g><title>{escape(bar.label)}: {escape(bar.text)}</title>")
        out.append(
            f'<text x="{x0 - 8}" y="{middle}" text-anchor="end">{escape(_short(bar.label))}</text>'
        )
        length = 0.0
        if bar.value is not None and bar.value > 0 and largest > 0:
            length = round(_BAR_WIDTH * bar.value / largest, 1)
            out.append(
                f'<rect class="bar" x="{x0}" y="{y + 3}" width="{length}" height="{_ROW - 6}"/>'
            )
        shown = _NA if bar.value is None else bar.text
        out.append(f'<text x="{x0 + length + 6}" y="{middle}">{escape(shown)}</text></g>')
    out.append("</svg>")
    return out


def _definitions(lang: str, defs: dict[str, str]) -> list[str]:
    words = _WORDS[lang]
    out = [f"<h2>{escape(words['definitions'])}</h2>", '<dl class="defs">']
    for attr, english, vietnamese in COLUMNS:
        if attr in defs:
            head = escape(vietnamese if lang == "vi" else english)
            text, mark = _translated(defs[attr], DEFINITIONS_VI.get(attr), lang)
            out.append(f"<dt>{head} <code>{escape(attr)}</code></dt>")
            out.append(f"<dd{mark}>{escape(text)}</dd>")
    out.append("</dl>")
    return out


def render_report(
    report: Report,
    *,
    lang: str = "vi",
    targets: Sequence[TargetView] = (),
    bars: Sequence[BarView] = (),
    bars_title: str = "",
) -> str:
    """The report as one self-contained HTML5 page, in Vietnamese (default) or English.

    The heading (period, cut, policy and its rule, resolution, calendar, records read and
    lines skipped), the table of every group and the total, then ``targets`` as met /
    missed and ``bars`` as a horizontal bar chart titled ``bars_title`` (each section left
    out when empty), and the definition of every column.

    Raises:
        ValueError: ``lang`` is not ``"vi"`` or ``"en"``.
    """
    if lang not in _WORDS:
        raise ValueError(f"lang must be 'vi' or 'en', got {lang!r}")
    words = _WORDS[lang]
    defs = definitions()
    title = escape(f"{words['title']}: {report.period}")
    out = [
        *page_start(lang, title, _CSS),
        *_meta(report, lang),
        *_table(report, lang, defs),
    ]
    if targets:
        out += _targets(targets, lang)
    if bars:
        out += _chart(bars, bars_title)
    if defs:
        out += _definitions(lang, defs)
    out += ["</body>", "</html>", ""]
    return "\n".join(out)


def rate_bars(report: Report) -> tuple[BarView, ...]:
    """The groups ranked by their rate, highest first; ties in group order, N/A last.

    Each bar's label is the group's values joined by `` / ``; its text is the rate with
    its two decimals. A report without groups has nothing to rank: no bar.
    """
    if not report.group_by:
        return ()
    ranked = sorted(
        report.rows, key=lambda row: (row.rate is None, -(row.rate or 0))
    )  # sorted is stable: equal rates keep the report's group order
    return tuple(
        BarView(
            " / ".join(value for _, value in row.group),
            None if row.rate is None else float(row.rate),
            _NA if row.rate is None else str(row.rate),
        )
        for row in ranked
    )
