"""``tthc validate PATH...``: check catalogue files and report every problem.

Prints one line ``file:line:col: path: message`` per issue (or a JSON report with
``--format json``) and exits 0 when everything is valid, 1 when anything is not, 2 for a
usage error such as a path that does not exist.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

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
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument(
        "--national",
        choices=("warn", "error", "off"),
        default="warn",
        help=(
            "check codes and names against the national list shipped with tthc: "
            "warn (default), error (an unknown code or a differing name is invalid), off"
        ),
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
        _report(args.format, error.issues, None)
        return EXIT_INVALID
    mismatches = _national_mismatches(args.national, catalog)
    if args.national == "error" and mismatches:
        _report(args.format, tuple(mismatches), None)
        return EXIT_INVALID
    _report(args.format, (), (len(catalog), len(catalog.overlays)))
    if args.format == "text":
        for mismatch in mismatches:
            print(f"warning: {mismatch.file}: {mismatch.message}")
    _warn_reviews(args.format, catalog)
    return EXIT_OK


def _national_mismatches(mode: str, catalog: Catalog) -> list[Issue]:
    """The catalogue's procedures the national list does not confirm, as issues."""
    if mode == "off":
        return []
    from tthc.catalog._national import check_national  # noqa: PLC0415

    return [
        Issue(m.message, file=m.code, code=f"national-{m.kind}") for m in check_national(catalog)
    ]


def _warn_reviews(fmt: str, catalog: Catalog) -> None:
    """List what a person must still check: every ``review`` item, as a warning."""
    if fmt == "json":
        return  # the JSON report's consumers read "review" from the files themselves
    for procedure in catalog:
        for item in procedure.review:
            print(
                f"warning: {procedure.code}: {item.field}: needs review: {item.reason}"
                + (f" (source: {item.raw!r})" if item.raw else "")
            )


def _report(fmt: str, issues: tuple[Issue, ...], counts: tuple[int, int] | None) -> None:
    if fmt == "json":
        report: dict[str, Any] = {
            "valid": not issues,
            "issues": [
                {
                    "file": i.file,
                    "line": i.line,
                    "column": i.column,
                    "path": list(i.path),
                    "code": i.code,
                    "message": i.message,
                }
                for i in issues
            ],
        }
        if counts is not None:
            report["procedures"], report["overlays"] = counts
        print(json.dumps(report, ensure_ascii=False, indent=2))
        return
    for issue in issues:
        print(issue)
    if counts is not None:
        print(f"valid: {counts[0]} procedure versions, {counts[1]} overlays")
    else:
        print(f"{len(issues)} problem{'s' if len(issues) != 1 else ''} found", file=sys.stderr)
