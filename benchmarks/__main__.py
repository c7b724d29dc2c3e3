"""Run every benchmark: ``python -m benchmarks [NAME ...]`` (or ``make bench``)."""

from __future__ import annotations

import importlib
import sys

from benchmarks._harness import Result, report

#: Benchmark modules; each defines ``run(quick: bool) -> list[Result]``.
SUITES: tuple[str, ...] = ("calendar", "catalog", "deadlines", "dossier", "reports", "portal")


def main(argv: list[str]) -> int:
    quick = "--quick" in argv
    names = [a for a in argv if not a.startswith("-")] or list(SUITES)
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
