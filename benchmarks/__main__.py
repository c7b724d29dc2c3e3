"""Run every benchmark: ``python -m benchmarks [NAME ...]`` (or ``make bench``)."""

from __future__ import annotations

import argparse
import importlib
import sys

from benchmarks._harness import Result, report

#: Benchmark modules; each defines ``run(quick: bool) -> list[Result]``.
SUITES: tuple[str, ...] = (
    "calendar",
    "catalog",
    "deadlines",
    "dossier",
    "readers",
    "reports",
    "textfiles",
    "portal",
)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks",
        description="Time tthc beside the libraries a user would otherwise pick, in the same "
        "run, and print the ratios and whether each target is met.",
    )
    parser.add_argument(
        "names", nargs="*", metavar="NAME", help=f"suites to run (default all): {', '.join(SUITES)}"
    )
    parser.add_argument("--quick", action="store_true", help="smaller inputs, fewer repeats")
    args = parser.parse_args(argv)
    unknown = [n for n in args.names if n not in SUITES]
    if unknown:
        parser.error(f"unknown suite(s) {', '.join(unknown)}; expected some of {', '.join(SUITES)}")
    quick = args.quick
    names = args.names or list(SUITES)
    results: list[Result] = []
    for name in names:
        module = importlib.import_module(f"benchmarks.bench_{name}")
        suite: list[Result] = module.run(quick=quick)
        results.extend(suite)
        print(report(suite), flush=True)
    missed = [r.name for r in results if r.passed is False]
    if missed:
        print(f"\n{len(missed)} target(s) missed: {', '.join(missed)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
