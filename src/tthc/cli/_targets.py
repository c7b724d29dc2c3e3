"""``tthc report``'s targets and ranking: ``--target``, ``--rank-by``, ``--fail-on-missed``.

Parses the options, evaluates them on the report (:meth:`Report.evaluate
<tthc.reports.Report.evaluate>`, :meth:`Report.rank <tthc.reports.Report.rank>`), and says
the results as text, as JSON (the ``targets`` and ``ranking`` keys added to the report's
object) and as the HTML page's view models.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from decimal import Decimal

    from tthc.reports import Indicator, RankEntry, Ranking, Report, Target, TargetResult
    from tthc.reports._html import BarView, TargetView

__all__ = [
    "Extras",
    "add_target_options",
    "check_target_options",
    "evaluate_options",
    "extras_json",
    "extras_text",
    "html_views",
    "missed_text",
    "needs_calendar",
]


def _target(text: str) -> Target:
    from tthc.reports import Target  # noqa: PLC0415  (keeps --help fast)

    try:
        return Target.parse(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _indicator(text: str) -> Indicator:
    from tthc.reports import indicator  # noqa: PLC0415

    try:
        return indicator(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_target_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--target``, ``--rank-by`` and ``--fail-on-missed``."""
    parser.add_argument(
        "--target",
        action="append",
        default=[],
        type=_target,
        metavar="TEXT",
        help="a target to evaluate per group, such as 'late_share < 0.4%%' or 'share of units "
        "with on-time rate >= 96%% > 80%%' (the groups are the units); repeatable",
    )
    parser.add_argument(
        "--rank-by",
        type=_indicator,
        metavar="INDICATOR",
        help="rank the groups by an indicator (rate, late_share, online_share...), best first; "
        "ties share a rank (1, 2, 2, 4), groups without a figure come last",
    )
    parser.add_argument(
        "--fail-on-missed",
        action="store_true",
        help="exit 1 when any target is missed (the report is printed all the same)",
    )


def needs_calendar(args: argparse.Namespace) -> bool:
    """Whether a target or the ranking reads a processing time, which needs a calendar."""
    asked = [target.spec for target in args.target]
    if args.rank_by is not None:
        asked.append(args.rank_by)
    return any(not spec.is_percent for spec in asked)


def check_target_options(args: argparse.Namespace, group_by: tuple[str, ...]) -> str | None:
    """What is wrong with the options before anything is read, or None."""
    if args.format == "csv" and (args.target or args.rank_by is not None):
        return "--target and --rank-by are not shown in CSV; use --format text, json or html"
    if group_by:
        return None
    if args.rank_by is not None:
        return "--rank-by ranks the groups: give --group-by (the units, e.g. agency)"
    over = [str(target) for target in args.target if target.over_units is not None]
    if over:
        return f"--target {over[0]!r} is over units: give --group-by (the units, e.g. agency)"
    return None


@dataclass(frozen=True, slots=True)
class Extras:
    """The targets evaluated and the ranking, as the outputs show them.

    Attributes:
        results: Every target's results (:meth:`Report.evaluate`).
        ranking: The ranking asked for, or None.
    """

    results: tuple[TargetResult, ...]
    ranking: Ranking | None

    @property
    def missed(self) -> int:
        """How many results are missed."""
        return sum(1 for result in self.results if result.met is False)


def _visible(label: str) -> str:
    """A group's label with its control characters escaped, as the text tables show it."""
    from tthc.reports._text import visible  # noqa: PLC0415  (keeps --help fast)

    return visible(label)


def missed_text(extras: Extras, *, shown: int = 5) -> str:
    """The missed results in words: how many, and the first ``shown`` of them."""
    missed = [result for result in extras.results if result.met is False]
    named = [
        f"{result.target}" + (f" ({_visible(result.label) or 'total'})" if not result.units else "")
        for result in missed[:shown]
    ]
    more = f"; and {len(missed) - shown} more" if len(missed) > shown else ""
    s = "s" if len(missed) != 1 else ""
    return f"{len(missed)} target result{s} missed: {'; '.join(named)}{more}"


def evaluate_options(report: Report, args: argparse.Namespace) -> Extras:
    """The targets and the ranking the options ask for."""
    ranking = None if args.rank_by is None else report.rank(args.rank_by)
    return Extras(report.evaluate(args.target), ranking)


_WORDS = {
    "en": {
        "targets": "Targets",
        "total": "total",
        "met": "met",
        "missed": "missed",
        "not-applicable": "N/A: no figure",
        "of": "{part:,} of {whole:,}",
        "timed": "{whole:,} timed",
        "units": "{part:,} of {whole:,} units",
        "left_out": "; {n:,} without a figure, left out",
        "over": "share of units with",
        "ranking": "Ranking by {label} ({order} first)",
        "highest": "highest",
        "lowest": "lowest",
        "rule": "Ties share a rank and the next rank skips (1, 2, 2, 4); "
        "groups without a figure (N/A) come last, not ranked.",
    },
    "vi": {
        "targets": "Chỉ tiêu",
        "total": "tổng",
        "met": "đạt",
        "missed": "không đạt",
        "not-applicable": "không xác định: không có số liệu",
        "of": "{part:,}/{whole:,}",
        "timed": "{whole:,} hồ sơ",
        "units": "{part:,}/{whole:,} đơn vị",
        "left_out": "; {n:,} đơn vị không có số liệu, không tính",
        "over": "tỷ lệ đơn vị có",
        "ranking": "Xếp hạng theo {label} ({order} trước)",
        "highest": "cao nhất",
        "lowest": "thấp nhất",
        "rule": "Bằng nhau thì cùng hạng, hạng sau bỏ qua số hạng tương ứng (1, 2, 2, 4); "
        "nhóm không có số liệu (N/A) xếp cuối, không xếp hạng.",
    },
}
_UNITS_VI = {"working days": " ngày làm việc", "working hours": " giờ làm việc"}


def _unit(spec: Indicator, lang: str) -> str:
    if spec.is_percent:
        return "%"
    return _UNITS_VI.get(spec.unit, " ngày") if lang == "vi" else f" {spec.unit}"


def _figure(value: Decimal | None, spec: Indicator, lang: str) -> str:
    return "N/A" if value is None else f"{value}{_unit(spec, lang)}"


def _condition(target: Target, lang: str) -> str:
    spec = target.spec
    label = spec.label_vi if lang == "vi" else spec.label
    return f"{label} {target.comparison.symbol} {target.threshold}{_unit(spec, lang)}"


def _title(target: Target, lang: str) -> str:
    if target.over_units is None:
        return _condition(target, lang)
    return f"{_WORDS[lang]['over']} {_condition(target, lang)} {target.over_units}"


def _counts(result: TargetResult, lang: str) -> str:
    words = _WORDS[lang]
    if result.units:
        left_out = words["left_out"].format(n=result.left_out) if result.left_out else ""
        return words["units"].format(part=result.part, whole=result.whole) + left_out
    if result.part is None:
        return words["timed"].format(whole=result.whole)
    return words["of"].format(part=result.part, whole=result.whole)


def _value(result: TargetResult, lang: str) -> str:
    if result.units:
        return "N/A" if result.value is None else f"{result.value}%"
    return _figure(result.value, result.target.spec, lang)


def _group(result: TargetResult, lang: str) -> str:
    return _visible(result.label) or _WORDS[lang]["total"]


def extras_text(extras: Extras, lang: str) -> str:
    """The targets and the ranking as text, after the report's tables."""
    words = _WORDS[lang]
    lines: list[str] = []
    if extras.results:
        lines.append(words["targets"])
    current = None
    for result in extras.results:
        if result.target is not current:
            current = result.target
            lines.append(f"  {_title(current, lang)}")
        if result.units:
            lines.append(
                f"    {_value(result, lang)} ({_counts(result, lang)}): "
                f"{words[result.verdict.value]}"
            )
            lines += [f"      {_line(unit, lang)}" for unit in result.units]
        else:
            lines.append(f"    {_line(result, lang)}")
    if extras.ranking is not None:
        if lines:
            lines.append("")
        lines += _ranking_text(extras.ranking, lang)
    return "\n".join(lines)


def _line(result: TargetResult, lang: str) -> str:
    return (
        f"{_group(result, lang)}: {_value(result, lang)} ({_counts(result, lang)}): "
        f"{_WORDS[lang][result.verdict.value]}"
    )


def _ranking_title(ranking: Ranking, lang: str) -> str:
    words = _WORDS[lang]
    spec = ranking.indicator
    order = words["highest" if ranking.descending else "lowest"]
    return words["ranking"].format(label=spec.label_vi if lang == "vi" else spec.label, order=order)


def _ranking_text(ranking: Ranking, lang: str) -> list[str]:
    lines = [_ranking_title(ranking, lang), f"  {_WORDS[lang]['rule']}"]
    for entry in ranking.entries:
        place = "-" if entry.rank is None else f"{entry.rank}{'=' if entry.tied else ''}"
        lines.append(
            f"  {place:>5}  {_visible(entry.label)}: "
            f"{_figure(entry.value, ranking.indicator, lang)}"
        )
    return lines


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _result_json(result: TargetResult) -> dict[str, Any]:
    out: dict[str, Any] = {
        "group": dict(result.group),
        "verdict": result.verdict.value,
        "value": _decimal(result.value),
        "part": result.part,
        "whole": result.whole,
    }
    if result.units:
        out["left_out"] = result.left_out
        out["units"] = [_result_json(unit) for unit in result.units]
    return out


def extras_json(extras: Extras) -> dict[str, Any]:
    """The ``targets`` and ``ranking`` keys of the JSON output (those asked for)."""
    out: dict[str, Any] = {}
    if extras.results:
        targets: dict[str, dict[str, Any]] = {}
        for result in extras.results:
            entry = targets.setdefault(
                str(result.target),
                {"target": str(result.target), "indicator": result.target.indicator, "results": []},
            )
            entry["results"].append(_result_json(result))
        out["targets"] = list(targets.values())
    if extras.ranking is not None:
        ranking = extras.ranking
        out["ranking"] = {
            "indicator": ranking.indicator.name,
            "descending": ranking.descending,
            "tie_rule": ranking.tie_rule,
            "entries": [
                {
                    "rank": entry.rank,
                    "group": dict(entry.group),
                    "value": _decimal(entry.value),
                    "tied": entry.tied,
                }
                for entry in ranking.entries
            ],
        }
    return out


def html_views(
    extras: Extras, lang: str
) -> tuple[tuple[TargetView, ...], tuple[BarView, ...] | None, str]:
    """The page's targets, and the ranking's bars and title (None: no ranking asked for)."""
    from tthc.reports._html import BarView, TargetView  # noqa: PLC0415

    views = []
    for result in extras.results:
        target = result.target
        label = _title(target, lang) if result.units else _condition(target, lang)
        if not result.units:
            label = f"{label}, {_group(result, lang)}"
        threshold = (
            f"{target.comparison.symbol} {target.threshold}{_unit(target.spec, lang)}"
            if target.over_units is None
            else str(target.over_units)
        )
        value = f"{_value(result, lang)} ({_counts(result, lang)})"
        views.append(TargetView(label, value, threshold, result.met))
    if extras.ranking is None:
        return tuple(views), None, ""
    ranking = extras.ranking
    bars = tuple(
        BarView(
            f"{_place(e)}  {e.label}",
            None if e.value is None else float(e.value),
            _figure(e.value, ranking.indicator, lang),
        )
        for e in ranking.entries
    )
    return tuple(views), bars, f"{_ranking_title(ranking, lang)}. {_WORDS[lang]['rule']}"


def _place(entry: RankEntry) -> str:
    """A rank as shown: ``3``, ``3=`` when tied, ``-`` without a figure."""
    return "-" if entry.rank is None else f"{entry.rank}{'=' if entry.tied else ''}"
