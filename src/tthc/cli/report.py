"""``tthc report FILE --period 2026-Q1 --group-by field``: early / on time / late statistics."""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, NoReturn

from tthc.cli._common import (
    add_calendar_option,
    add_lang_option,
    iso_datetime,
    load_calendar_option,
)
from tthc.cli._targets import (
    add_target_options,
    check_target_options,
    evaluate_options,
    extras_json,
    extras_text,
    html_views,
    missed_text,
    needs_calendar,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from tthc.cli._progress import Progress
    from tthc.cli._source import Source
    from tthc.errors import Issue
    from tthc.reports import DossierRecord, Report

__all__ = ["ENGINES", "MAX_ISSUES_SHOWN", "register"]

#: The values of ``--engine``.
ENGINES = ("auto", "columns", "records")


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add the ``report`` sub-command."""
    from tthc.deadlines import CLASSIFICATION_POLICIES  # noqa: PLC0415  (keeps --help fast)
    from tthc.reports import Resolution  # noqa: PLC0415
    from tthc.reports._readers import INPUT_FORMATS  # noqa: PLC0415
    from tthc.reports._tally import GROUP_DIMENSIONS  # noqa: PLC0415

    parser = subparsers.add_parser(
        "report",
        help="count dossiers early / on time / late per group over a period",
        description=(
            "Read dossier records (JSON Lines or CSV, one dossier per line; columns are the "
            "DossierRecord fields) and print the report: carried over, received, resolved "
            "early / on time / late, in progress, paused, refused, withdrawn, stopped, "
            "returned, and the rate, per group. Strict: bad lines are reported as "
            "FILE:LINE: message and nothing else is printed (exit 1); with --skip-bad-lines "
            "they are reported, skipped, and the report says how many (exit 0)."
        ),
    )
    parser.add_argument(
        "file", metavar="FILE", help="dossier records, .jsonl or .csv (.gz); - for standard input"
    )
    parser.add_argument(
        "--period",
        required=True,
        help="2026, 2026-03, 2026-Q1, 2026-H1 or 2026-01-01..2026-03-31 (both days included)",
    )
    parser.add_argument(
        "--group-by",
        action="append",
        default=[],
        metavar="DIM[,DIM]",
        help=f"group by any of {', '.join(GROUP_DIMENSIONS)}; repeat or separate with commas",
    )
    parser.add_argument(
        "--policy",
        default="by-date",
        choices=sorted(CLASSIFICATION_POLICIES),
        help="classification policy (default by-date); by-session uses --calendar's sessions",
    )
    add_calendar_option(parser)
    parser.add_argument(
        "--resolution",
        default=Resolution.RESULT_READY.value,
        choices=[r.value for r in Resolution],
        help="a dossier is resolved when its result is ready (default) or returned",
    )
    parser.add_argument(
        "--as-of",
        type=iso_datetime,
        metavar="DATETIME",
        help="observe the period at this time (ISO 8601; naive is Vietnam local time)",
    )
    parser.add_argument(
        "--input-format",
        choices=(*INPUT_FORMATS, "parquet"),
        help="default: from the file extension (.jsonl, .csv, .parquet: the arrow extra); "
        "needed to read standard input",
    )
    parser.add_argument(
        "--engine",
        choices=ENGINES,
        default="auto",
        help="columns: read and count by columns with pyarrow (the arrow extra); records: one "
        "record at a time; auto (default): columns when pyarrow is installed and the policy "
        "has an array rule (all but by-session). Both give the same report",
    )
    parser.add_argument(
        "--quiet",
        action="store_true",
        help="no progress line on standard error (it is shown only on a terminal)",
    )
    parser.add_argument(
        "--skip-bad-lines",
        action="store_true",
        help="report bad lines on standard error, skip them and print the report anyway; "
        "the report says how many lines were skipped",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json", "csv", "html"),
        default="text",
        help="html: one self-contained page, the groups ranked by their rate or --rank-by",
    )
    add_lang_option(parser, what="the text headings and the HTML page")
    parser.add_argument(
        "--wide",
        action="store_true",
        help="text: one table however wide, instead of tables that fit 100 columns",
    )
    add_target_options(parser)
    parser.set_defaults(func=run)


def _dimensions(values: list[str]) -> tuple[str, ...]:
    from tthc.reports._report import _group_by  # noqa: PLC0415

    try:
        return _group_by([d.strip() for value in values for d in value.split(",") if d.strip()])
    except ValueError as exc:
        _usage(f"--group-by: {exc}")


def _usage(message: str) -> NoReturn:
    from tthc.cli import _UsageError  # noqa: PLC0415  (the CLI package imports this module)

    raise _UsageError(f"tthc report: error: {message}")


#: Bad lines listed on standard error; the others are counted.
MAX_ISSUES_SHOWN = 1000


class _FirstIssues(list["Issue"]):
    """The first :data:`MAX_ISSUES_SHOWN` bad lines, and how many there were in all."""

    seen = 0

    def append(self, issue: Issue) -> None:
        self.seen += 1
        if len(self) < MAX_ISSUES_SHOWN:
            super().append(issue)


def run(args: argparse.Namespace) -> int:
    """Read the records, build the report and print it, or print every bad line."""
    from tthc.cli._progress import Progress  # noqa: PLC0415
    from tthc.cli._source import open_source  # noqa: PLC0415
    from tthc.reports import Period  # noqa: PLC0415

    try:
        period = Period.parse(args.period)
    except ValueError as exc:
        _usage(f"--period: {exc}")
    dims = _dimensions(args.group_by)
    problem = check_target_options(args, dims)
    if problem is not None:
        _usage(problem)
    kind = _input_kind(args.file, args.input_format)
    engine = _engine(args.engine, args.policy)
    timed = args.policy == "by-session" or args.calendar is not None or needs_calendar(args)
    calendar = load_calendar_option(args.calendar) if timed else None
    options: dict[str, Any] = {
        "period": period,
        "as_of": args.as_of,
        "group_by": dims,
        "policy": args.policy,
        "resolution": args.resolution,
        "calendar": calendar,
    }
    if kind is None:
        return _parquet_report(args, options, engine)
    issues = _FirstIssues()
    with open_source(args.file, _stdin) as source:
        progress = Progress(
            sys.stderr, enabled=not args.quiet, size=source.size, position=source.position
        )
        result: Report | None
        try:
            if engine == "columns":
                result = _by_columns(source, kind, issues, progress, options)
            else:
                result = _by_records(source, kind, issues, progress, options)
        finally:
            progress.finish()
    if result is None:
        return 1
    if issues.seen:
        for issue in issues:
            print(issue, file=sys.stderr)
        count = issues.seen
        if count > len(issues):
            print(f"tthc report: ... and {count - len(issues):,} more", file=sys.stderr)
        lines = f"{count} invalid line{'s' if count != 1 else ''}"
        if not args.skip_bad_lines:
            print(f"tthc report: {lines}; no report printed", file=sys.stderr)
            return 1
        print(f"tthc report: {lines} skipped, not counted", file=sys.stderr)
        result = dataclasses.replace(result, skipped=count)
    return _print(result, args)


def _stdin() -> IO[bytes]:
    """Standard input's bytes; a usage error when it is closed (``tthc report - <&-``)."""
    stream: IO[bytes] | None = getattr(sys.stdin, "buffer", None)
    if stream is None:
        _usage("standard input is closed: there is nothing to read as -")
    return stream


def _input_kind(file: str, input_format: str | None) -> str | None:
    """``jsonl`` or ``csv``, or None for Parquet; a usage error when it cannot be read."""
    from tthc.cli._source import STDIN  # noqa: PLC0415
    from tthc.reports._readers import _format_of, not_a_file  # noqa: PLC0415

    stdin = file == STDIN
    parquet = input_format == "parquet" or (
        input_format is None and Path(file).suffix.lower() == ".parquet"
    )
    if stdin and input_format is None:
        _usage("standard input (-) has no file extension; give --input-format jsonl or csv")
    if stdin and parquet:
        _usage("a Parquet file is not read from standard input; name the file")
    try:
        kind = None if parquet else _format_of(Path(file), input_format)
    except ValueError:
        _usage(
            f"cannot tell the format of {file!r}; name it .jsonl, .csv or .parquet, "
            "or give --input-format"
        )
    special = None if stdin else not_a_file(Path(file))
    if special is not None:
        _usage(f"{file} is {special}, not a regular file; it is not read")
    return kind


def _engine(engine: str, policy: str) -> str:
    """``columns`` or ``records``: what ``--engine`` asks, or the faster one that can."""
    from tthc.reports._columnar import ARRAY_POLICIES  # noqa: PLC0415
    from tthc.reports._textcolumns import arrow_available  # noqa: PLC0415

    if engine == "auto":
        return "columns" if policy in ARRAY_POLICIES and arrow_available() else "records"
    if engine == "columns" and not arrow_available():
        _usage("--engine columns needs pyarrow: pip install 'tthc[arrow]'")
    if engine == "columns" and policy not in ARRAY_POLICIES:
        _usage(f"--engine columns has no array rule for the {policy} policy; use --engine records")
    return engine


def _by_columns(
    source: Source,
    kind: str,
    issues: list[Issue],
    progress: Progress,
    options: dict[str, Any],
) -> Report:
    """The report of a CSV or JSON Lines input read by columns; bad lines go to ``issues``."""
    import pyarrow as pa  # noqa: PLC0415  (the arrow extra: checked by _engine)

    from tthc.reports import report  # noqa: PLC0415
    from tthc.reports._textcolumns import _schema, text_batches  # noqa: PLC0415

    batches = text_batches(
        source.handle, name=source.name, kind=kind, issues=issues, progress=progress.update
    )
    return report(pa.RecordBatchReader.from_batches(_schema(), batches), **options)


def _by_records(
    source: Source,
    kind: str,
    issues: list[Issue],
    progress: Progress,
    options: dict[str, Any],
) -> Report | None:
    """The report of an input read a record at a time; None when a record cannot be judged."""
    from tthc.errors import TthcError  # noqa: PLC0415
    from tthc.reports import report  # noqa: PLC0415
    from tthc.reports._readers import numbered_records_of  # noqa: PLC0415

    reading = [0]  # the line of the record being counted, 0 between records

    def records() -> Iterator[DossierRecord]:
        lines = numbered_records_of(source.handle, source.name, kind, issues)
        for count, (number, record) in enumerate(lines, 1):
            reading[0] = number
            yield record
            reading[0] = 0
            if not count % 1024:
                progress.update(count)

    try:
        return report(records(), **options)
    except (TthcError, ValueError) as exc:
        if not reading[0]:
            raise
        print(f"{source.name}:{reading[0]}: {exc}", file=sys.stderr)  # a record the rules refuse
        return None


def _parquet_report(args: argparse.Namespace, options: dict[str, Any], engine: str) -> int:
    """A Parquet file, by columns: a bad row is an error with its number, none is skipped."""
    from tthc.errors import TthcError  # noqa: PLC0415
    from tthc.reports import report  # noqa: PLC0415
    from tthc.reports._columnar import read_parquet, records_of_batches  # noqa: PLC0415

    try:
        batches = read_parquet(args.file)
        result = report(batches if engine == "columns" else records_of_batches(batches), **options)
    except ImportError as exc:
        _usage(str(exc))
    except (TthcError, ValueError, TypeError) as exc:
        message = str(exc)
        print(
            message if message.startswith(args.file) else f"{args.file}: {message}", file=sys.stderr
        )
        return 1
    return _print(result, args)


def _print(result: Report, args: argparse.Namespace) -> int:
    """Print the report, its targets and ranking; 1 when --fail-on-missed and one is missed."""
    extras = evaluate_options(result, args)
    if args.format == "json":
        print(json.dumps({**result.to_dict(), **extras_json(extras)}, ensure_ascii=False, indent=2))
    elif args.format == "csv":
        sys.stdout.write(result.to_csv())
    elif args.format == "html":
        from tthc.reports._html import RATE_BARS_TITLE, rate_bars, render_report  # noqa: PLC0415

        targets, bars, title = html_views(extras, args.lang)
        if bars is None:
            bars, title = rate_bars(result), RATE_BARS_TITLE[args.lang]
        sys.stdout.write(
            render_report(result, lang=args.lang, targets=targets, bars=bars, bars_title=title)
        )
    else:
        print(result.to_text(lang=args.lang, width=None if args.wide else 100))
        if extras.results or extras.ranking is not None:
            print(f"\n{extras_text(extras, args.lang)}")
    if args.fail_on_missed and extras.missed:
        print(f"tthc report: {missed_text(extras)} (--fail-on-missed)", file=sys.stderr)
        return 1
    return 0
