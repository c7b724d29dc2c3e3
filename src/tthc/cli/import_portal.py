"""``tthc import-portal PATH... --out DIR``: national portal records to catalogue files.

Reads portal records (files, or folders of ``<code>.json``), writes one catalogue file
``<code>.yaml`` per imported procedure into ``DIR`` and prints every reason a record was
not imported. Exits 0 when every record was imported, 1 when some were not, 2 for a
usage error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add the ``import-portal`` sub-command."""
    parser = subparsers.add_parser(
        "import-portal",
        help="turn national portal records (JSON) into catalogue files",
        description=(
            "Map national portal procedure records (dichvucong.gov.vn API JSON) to "
            "catalogue files, one <code>.yaml per procedure. Facts the importer cannot "
            "read unambiguously are kept under 'review' with the portal's text; exits 0 "
            "all imported, 1 some refused (each reason printed), 2 usage error."
        ),
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="file or folder")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR", help="output folder")
    parser.add_argument(
        "--strict", action="store_true", help="refuse a record when anything needs review"
    )
    parser.add_argument(
        "--skip-codes-in",
        type=Path,
        action="append",
        default=[],
        metavar="PATH",
        help="catalogue whose codes are not written (e.g. curated entries that take precedence)",
    )
    parser.add_argument(
        "--schema",
        default="../../schema/catalog.schema.json",
        metavar="REF",
        help="the schema the files' first line points editors to",
    )
    parser.add_argument("--header", default="", help="comment written at the top of each file")
    parser.add_argument("--figures", action="store_true", help="print the import's figures")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Import the records; write the files; print refusals; return the exit status."""
    from tthc.catalog import load_catalog  # noqa: PLC0415  (keeps --help fast)
    from tthc.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE  # noqa: PLC0415
    from tthc.portal import import_portal  # noqa: PLC0415
    from tthc.portal._write import catalog_text  # noqa: PLC0415

    missing = [p for p in [*args.paths, *args.skip_codes_in] if not p.exists()]
    for path in missing:
        print(f"tthc import-portal: error: no such file or folder: {path}", file=sys.stderr)
    if args.out.exists() and not args.out.is_dir():
        print(f"tthc import-portal: error: --out is not a folder: {args.out}", file=sys.stderr)
        return EXIT_USAGE
    if missing:
        return EXIT_USAGE
    skip = {p.code for p in load_catalog(*args.skip_codes_in)} if args.skip_codes_in else set()
    result = import_portal(args.paths, strict=args.strict)
    args.out.mkdir(parents=True, exist_ok=True)
    skipped = 0
    for _, procedure in result.procedures:
        if procedure.code in skip:
            skipped += 1
            continue
        text = catalog_text(procedure, schema=args.schema, header=args.header)
        (args.out / f"{procedure.code}.yaml").write_text(text, encoding="utf-8")
    for issue in result.refused:
        print(issue, file=sys.stderr)
    written = len(result.procedures) - skipped
    print(
        f"imported {len(result.procedures)} procedures ({written} written, {skipped} skipped), "
        f"refused {result.refused_records} records"
    )
    if args.figures:
        print(result.figures())
    return EXIT_INVALID if result.refused else EXIT_OK
