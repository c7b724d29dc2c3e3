"""The ``tthc`` command line: a thin layer that parses, calls the library and prints.

Exit status: 0 success (valid), 1 the input is invalid or a domain error occurred,
2 usage error. No command prints a traceback: every failure is one or more lines
``file:line:col: message`` or ``tthc: error: message`` on standard error.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from tthc._version import __version__
from tthc.errors import TthcError

__all__ = ["EXIT_INVALID", "EXIT_OK", "EXIT_USAGE", "build_parser", "main"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2

#: Sub-command modules; each defines ``register(subparsers)``.
_COMMANDS: tuple[str, ...] = ("calendar", "validate", "schema", "due", "report", "import_portal")


class _Parser(argparse.ArgumentParser):
    """An argument parser that raises instead of exiting, so main() owns the exit code."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(f"{self.prog}: error: {message}")


class _UsageError(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    """Build the parser with every sub-command registered."""
    parser = _Parser(
        prog="tthc",
        description="Vietnamese administrative procedures: catalogue, calendar, deadlines.",
    )
    parser.add_argument("--version", action="version", version=f"tthc {__version__}")
    subparsers = parser.add_subparsers(
        dest="command", metavar="COMMAND", parser_class=_Parser, required=True
    )
    for name in _COMMANDS:
        importlib.import_module(f"tthc.cli.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status instead of exiting."""
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        status: int = args.func(args)
    except _UsageError as exc:
        print(exc, file=sys.stderr)
        return EXIT_USAGE
    except SystemExit as exc:  # --help and --version exit through argparse
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    except TthcError as exc:
        print(f"tthc: error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except (OSError, ValueError) as exc:
        print(f"tthc: error: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    return status
