"""The ``tthc`` command line: a thin layer that parses, calls the library and prints.

Exit status, the same for every command:

- 0: success (valid);
- 1: the input is invalid, or a domain error occurred;
- 2: usage error: a bad option or argument, a path that does not exist or is not of the
  kind expected, or standard output closed;
- 130: interrupted (SIGINT, Ctrl-C);
- 141: standard output was closed by its reader (``tthc ... | head -1``): the output was
  cut, silently, as a program killed by SIGPIPE would be.

No command prints a traceback: every failure is one or more lines ``file:line:col: message``
or ``tthc: error: message`` on standard error, and only there (with standard error closed,
nothing is printed and the status says it). Output that cannot be encoded (a file name
that is not UTF-8) is written with backslash escapes, and ``--format json`` is always
UTF-8.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # True for type checkers only: typing is not imported at start-up
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

__all__ = [
    "EXIT_INTERRUPTED",
    "EXIT_INVALID",
    "EXIT_OK",
    "EXIT_PIPE_CLOSED",
    "EXIT_USAGE",
    "build_parser",
    "main",
]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130
EXIT_PIPE_CLOSED = 141

#: Sub-command modules; each defines ``register(subparsers)``.
_COMMANDS: tuple[str, ...] = ("calendar", "validate", "schema", "due", "report", "import_portal")


class _UsageError(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    """Build the parser with every sub-command registered."""
    import argparse  # noqa: PLC0415  (imported inside main: an interrupt is then handled)
    import importlib  # noqa: PLC0415

    from tthc._version import __version__  # noqa: PLC0415

    class _Parser(argparse.ArgumentParser):
        """An argument parser that raises instead of exiting, so main() owns the exit code."""

        def error(self, message: str) -> None:  # type: ignore[override]
            raise _UsageError(f"{self.prog}: error: {message}")

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


def _error(message: object) -> None:
    """Print on standard error, or nowhere when it is closed (never on standard output)."""
    if sys.stderr is not None:
        print(message, file=sys.stderr)


def _prepare_stdout(args: argparse.Namespace) -> None:
    """Escape what the output cannot encode; JSON always in UTF-8."""
    import io  # noqa: PLC0415

    out = sys.stdout
    if out is not sys.__stdout__ or not isinstance(out, io.TextIOWrapper):
        return  # captured or replaced by the caller: theirs to configure
    if getattr(args, "format", None) == "json":
        out.reconfigure(encoding="utf-8", errors="backslashreplace")
    else:
        out.reconfigure(errors="backslashreplace")


def _run(argv: Sequence[str] | None) -> int:
    from tthc.errors import TthcError  # noqa: PLC0415

    try:
        args = build_parser().parse_args(argv)
        _prepare_stdout(args)
        status: int = args.func(args)
        sys.stdout.flush()
    except _UsageError as exc:
        _error(exc)
        return EXIT_USAGE
    except SystemExit as exc:  # --help and --version exit through argparse
        sys.stdout.flush()
        return exc.code if isinstance(exc.code, int) else EXIT_OK
    except TthcError as exc:
        _error(f"tthc: error: {exc}")
        return EXIT_INVALID
    except BrokenPipeError:
        raise
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError) as exc:
        what = (
            "a folder, not a file"
            if isinstance(exc, IsADirectoryError)
            else "no such file or folder"
        )
        _error(f"tthc: error: {what}: {exc.filename}")
        return EXIT_USAGE
    except (OSError, ValueError) as exc:
        _error(f"tthc: error: {exc}")
        return EXIT_INVALID
    return status


def _drop_stdout() -> None:
    """Point standard output at nothing, so the exit flush does not fail a second time."""
    try:
        import os  # noqa: PLC0415

        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (AttributeError, OSError, ValueError):  # no file descriptor: a captured stream
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status instead of exiting."""
    try:
        if sys.stderr is None:  # closed: errors are lost, not sent to standard output
            import io  # noqa: PLC0415

            sys.stderr = io.StringIO()
        if sys.stdout is None:
            _error("tthc: error: standard output is closed; nothing can be printed")
            return EXIT_USAGE
        return _run(argv)
    except BrokenPipeError:
        _drop_stdout()
        return EXIT_PIPE_CLOSED
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
