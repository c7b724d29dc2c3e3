"""The documentation site builds (strictly) and its API reference reads as Markdown should:
docstring examples are code blocks, cross-references are links, the state diagram is drawn."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("mkdocstrings", reason="building the site needs the dev extra (mkdocs)")

ROOT = Path(__file__).resolve().parent.parent
_ROLE = re.compile(r":(?:py:)?(?:meth|class|func|attr|mod|data|exc|obj|const):`")
_PRE = re.compile(r"<pre\b.*?</pre>", re.DOTALL)


def test_the_site_builds_with_examples_as_code_and_roles_as_links(tmp_path: Path) -> None:
    build = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", tmp_path],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert build.returncode == 0, build.stderr
    api = (tmp_path / "api" / "index.html").read_text(encoding="utf-8")

    # No reStructuredText role is printed as text; they became links to the objects' headings.
    assert not _ROLE.findall(html.unescape(api))
    links = set(re.findall(r'<a class="autorefs autorefs-internal"[^>]*href="#([^"]+)"', api))
    assert "tthc.calendar.WorkingCalendar.add_working_days" in links
    assert "tthc.catalog.Procedure" in links
    assert len(links) > 50

    # Every ``>>>`` example is inside a code block, none a (nested) quotation.
    assert "<blockquote>" not in api
    outside_code = _PRE.sub("", api)
    assert "&gt;&gt;&gt;" not in outside_code
    assert api.count('<span class="gp">&gt;&gt;&gt; </span>') > 150  # highlighted prompts

    # The dossier's state diagram is a Mermaid element, with Mermaid's script on the page.
    dossier = (tmp_path / "dossier" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<div class="mermaid">\s*stateDiagram-v2', dossier)
    assert re.search(r'<script src="[^"]*mermaid[^"]*\.js"', dossier)
    assert "language-mermaid" not in dossier
