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
    out["indicators"] = {name: _rate(value) for name, value in row.indicators().items()}
    out["qd766"] = [
        {
            "code": score.code,
            "label": score.label,
            "value": _rate(score.value),
            "full_at": _rate(score.full_at),
            "max_points": str(score.max_points),
            "points": _rate(score.points),
            "rule": score.rule,
        }
        for score in row.qd766_scores()
    ]
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
        "calendar": report.calendar,
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


def report_to_text(report: Report, *, lang: str = "en", width: int | None = 100) -> str:
    """Text tables that fit ``width`` characters (``None``: one table); see ``_text``."""
    from tthc.reports._text import report_to_text as text  # noqa: PLC0415

    return text(report, lang=lang, width=width)
