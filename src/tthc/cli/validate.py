"""``tthc validate PATH...``: check catalogue files and report every problem.

Prints one line ``file:line:col: path: message`` per issue (``--format json``: one JSON
report; ``--format github``: GitHub Actions annotations) and exits 0 when everything is
valid, 1 when anything is not, 2 for a usage error such as a path that does not exist.
``-q`` prints only the summary (nothing when valid; GitHub annotations are still printed);
``-v`` adds each issue's code and, for a valid catalogue, notes: what its entries say is
unverified and which overlays are examples (GitHub ``::notice`` commands).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tthc.cli._issues import (
    ColorChoice,
    github_annotation,
    github_notice,
    issue_data,
    summary_line,
    text_line,
    use_color,
)
from tthc.errors import CatalogError, Issue

if TYPE_CHECKING:
    from tthc.catalog import Catalog

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add the ``validate`` sub-command."""
    parser = subparsers.add_parser(
        "validate",
        help="check catalogue files (YAML or JSON) and report every problem",
        description=(
            "Check procedure catalogue files or folders of them: every value, every "
            "reference, every overlay against its national procedure. Prints "
            "file:line:col: message per problem; exits 0 valid, 1 invalid, 2 usage error."
        ),
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="file or folder")
    parser.add_argument(
        "--reference",
        action="append",
        type=Path,
        default=[],
        metavar="PATH",
        help="catalogue loaded alongside, e.g. the national procedures an overlay extends",
    )
    parser.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text lines (default), one JSON report, or GitHub Actions annotations",
    )
    amount = parser.add_mutually_exclusive_group()
    amount.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        help="text: only the summary line, nothing when valid",
    )
    amount.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="also each issue's code, and notes (unverified facts, example overlays)",
    )
    parser.add_argument(
        "--color",
        choices=[c.value for c in ColorChoice],
        default=ColorChoice.AUTO.value,
        help="colour text output: auto (default: on a terminal unless NO_COLOR is set)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Validate the paths; print the issues; return the exit status."""
    from tthc.catalog import load_catalog  # noqa: PLC0415  (keeps --help fast)
    from tthc.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE  # noqa: PLC0415

    paths: list[Path] = [*args.paths, *args.reference]
    missing = [p for p in paths if not p.exists()]
    if missing:
        for path in missing:
            print(f"tthc validate: error: no such file or folder: {path}", file=sys.stderr)
        return EXIT_USAGE
    try:
        catalog = load_catalog(*paths)
    except CatalogError as error:
        _report(args, error.issues, None, omitted=error.omitted)
        return EXIT_INVALID
    _report(args, (), catalog)
    return EXIT_OK


def _report(
    args: argparse.Namespace,
    issues: tuple[Issue, ...],
    catalog: Catalog | None,
    *,
    omitted: int = 0,
) -> None:
    if args.format == "json":
        report: dict[str, Any] = {"valid": not issues, "issues": [issue_data(i) for i in issues]}
        if omitted:
            report["omitted"] = omitted
        if catalog is not None:
            report["procedures"], report["overlays"] = len(catalog), len(catalog.overlays)
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return
    github = args.format == "github"
    choice = ColorChoice(args.color)
    color = not github and use_color(choice, sys.stdout, os.environ)
    if github or not args.quiet:
        for issue in issues:
            if github:
                print(github_annotation(issue))
            else:
                print(text_line(issue, color=color, verbose=args.verbose))
    if args.verbose and catalog is not None:
        for note in _notes(catalog):
            print(github_notice(note) if github else f"note: {note}")
    if catalog is None:
        count = len(issues) + omitted - (1 if omitted else 0)  # the last issue counts the others
        summary = f"{count:,} problem{'s' if count != 1 else ''} found"
        err_color = not github and use_color(choice, sys.stderr, os.environ)
        print(summary_line(summary, valid=False, color=err_color), file=sys.stderr)
    elif not args.quiet:
        summary = f"valid: {len(catalog)} procedure versions, {len(catalog.overlays)} overlays"
        print(summary_line(summary, valid=True, color=color))


def _notes(catalog: Catalog) -> list[str]:
    """What a valid catalogue says about itself that its author may want to see."""
    notes = [
        f"{p.code} (from {p.valid_from.isoformat()}): unverified: {text}"
        for p in catalog
        for text in p.unverified
    ]
    notes += [
        f"overlay {o.code} (from {o.valid_from.isoformat()}) is an example (example: true)"
        for o in catalog.overlays
        if o.example
    ]
    return notes
