"""A tiny benchmark harness: medians of repeated timings, printed as a table with ratios."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field


def installed_env(*, bytecode: bool = True) -> dict[str, str]:
    """The environment of a fresh interpreter that runs tthc as an installed package would.

    An installed package has its modules compiled; this environment may set
    PYTHONDONTWRITEBYTECODE, which would measure compiling every module at each start. With
    ``bytecode`` they are cached in a temporary folder (warm it with one unmeasured run);
    without, compiled every time.
    """
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if bytecode:
        env["PYTHONPYCACHEPREFIX"] = os.path.join(tempfile.gettempdir(), "tthc-bench-pyc")
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


@dataclass
class Result:
    """One benchmark: tthc's median per call beside each comparison's."""

    name: str
    unit_label: str
    tthc: float
    others: dict[str, float] = field(default_factory=dict)
    target: str = ""
    passed: bool | None = None


def per_call(fn: Callable[[], object], *, calls: int, repeat: int = 7) -> float:
    """Median seconds per call of ``fn`` (which itself performs ``calls`` operations)."""
    return interleaved((fn, calls), repeat=repeat)[0]


def interleaved(*runs: tuple[Callable[[], object], int], repeat: int = 7) -> tuple[float, ...]:
    """Median seconds per call of each ``(fn, calls)`` run, their repeats taken in turn.

    Alternating the runs repeat by repeat makes a busy machine slow every side alike.
    """
    samples: list[list[float]] = [[] for _ in runs]
    for fn, _ in runs:
        fn()  # warm up caches and lazy imports
    for _ in range(repeat):
        for i, (fn, calls) in enumerate(runs):
            start = time.perf_counter()
            fn()
            samples[i].append((time.perf_counter() - start) / calls)
    return tuple(statistics.median(s) for s in samples)


def fmt(seconds: float) -> str:
    """Format a duration with a sensible unit."""
    if seconds < 1e-6:
        return f"{seconds * 1e9:.0f} ns"
    if seconds < 1e-3:
        return f"{seconds * 1e6:.2f} µs"
    if seconds < 1:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds:.2f} s"


def report(results: list[Result]) -> str:
    """Render results: tthc's time, each comparison and the ratio (other / tthc)."""
    lines = []
    for r in results:
        status = "" if r.passed is None else ("  PASS" if r.passed else "  MISS")
        lines.append(f"{r.name}  [{r.unit_label}]  tthc {fmt(r.tthc)}{status}  target: {r.target}")
        for other, seconds in r.others.items():
            lines.append(f"    vs {other:<42} {fmt(seconds):>10}   ratio {seconds / r.tthc:6.1f}x")
    return "\n".join(lines)
