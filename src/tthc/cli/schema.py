"""``tthc schema``: write the JSON Schema of catalogue files.

The same schema is shipped as ``schema/catalog.schema.json`` so that editors validate a
catalogue file while it is typed; ``--check FILE`` says whether a copy is up to date.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

__all__ = ["register", "run"]


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add the ``schema`` sub-command."""
    parser = subparsers.add_parser(
        "schema",
        help="write the JSON Schema of catalogue files",
        description="Write the JSON Schema (draft 2020-12) that catalogue files follow.",
    )
    target = parser.add_mutually_exclusive_group()
    target.add_argument(
        "--output", "-o", type=Path, metavar="FILE", help="write to FILE instead of stdout"
    )
    target.add_argument(
        "--check", type=Path, metavar="FILE", help="exit 1 unless FILE holds this schema"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Write or check the schema; return the exit status."""
    from tthc.catalog._file import catalog_schema_text  # noqa: PLC0415  (keeps --help fast)
    from tthc.cli import EXIT_INVALID, EXIT_OK  # noqa: PLC0415

    text = catalog_schema_text()
    if args.check is not None:
        if args.check.read_text(encoding="utf-8") == text:
            return EXIT_OK
        print(f"{args.check}: out of date; regenerate it with: tthc schema -o {args.check}")
        return EXIT_INVALID
    if args.output is not None:
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
        return EXIT_OK
    sys.stdout.write(text)
    return EXIT_OK
