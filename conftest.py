"""Test configuration for every collected path: Hypothesis profiles, Markdown code blocks.

The Hypothesis profile (``ci`` when the ``CI`` variable is set, else ``dev`` or
``HYPOTHESIS_PROFILE``) is loaded here, at the root, so the strategies' doctests in
``src/`` and the examples in ``docs/`` run under it as well as ``tests/``.

The code blocks of Markdown files (README.md, docs/*.md) run as tests.

In each file, fenced blocks marked ``pycon`` run as doctests and blocks marked ``python``
are executed, in order, sharing one namespace, so a page reads as one session. A block
preceded by the line ``<!-- no-run -->`` is shown but not run (for example a snippet that
needs a Spark cluster).
"""

from __future__ import annotations

import doctest
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    max_examples=200,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=100, deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))

_FENCE = re.compile(
    r"^(?P<skip><!-- no-run -->\n)?```(?P<lang>pycon|python)[^\n]*\n(?P<body>.*?)^```",
    re.MULTILINE | re.DOTALL,
)
_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.File | None:
    if file_path.suffix == ".md":
        return MarkdownFile.from_parent(parent, path=file_path)
    return None


class MarkdownFile(pytest.File):
    def collect(self) -> Iterator[pytest.Item]:
        text = self.path.read_text(encoding="utf-8")
        namespace: dict[str, Any] = {"__name__": f"md:{self.path.name}"}
        for match in _FENCE.finditer(text):
            if match.group("skip"):
                continue
            line = text.count("\n", 0, match.start("body")) + 1
            yield MarkdownBlock.from_parent(
                self,
                name=f"line {line}",
                lang=match.group("lang"),
                body=match.group("body"),
                line=line,
                namespace=namespace,
            )


class MarkdownBlock(pytest.Item):
    def __init__(
        self, *, lang: str, body: str, line: int, namespace: dict[str, Any], **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.lang, self.body, self.line, self.namespace = lang, body, line, namespace

    def runtest(self) -> None:
        if self.lang == "python":
            code = compile("\n" * (self.line - 1) + self.body, str(self.path), "exec")
            exec(code, self.namespace)
            return
        parser = doctest.DocTestParser()
        test = parser.get_doctest(
            self.body, self.namespace, self.name, str(self.path), self.line - 1
        )
        runner = doctest.DocTestRunner(optionflags=_FLAGS)
        failures: list[str] = []

        def report(out: str) -> None:
            failures.append(out)

        runner.run(test, out=report, clear_globs=False)
        self.namespace.update(test.globs)  # DocTest copies the globals: share them back
        if runner.failures:
            raise MarkdownFailure("".join(failures))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, MarkdownFailure):
            return str(excinfo.value)
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.line - 1, f"{self.path.name}:{self.line} ({self.lang})"


class MarkdownFailure(Exception):
    """A doctest in a Markdown block produced other output than written."""
