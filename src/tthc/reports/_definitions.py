"""The definitions of a report's counters and figures, read from :class:`ReportRow` itself.

One set of definitions: the ``Attributes:`` of :class:`~tthc.reports.ReportRow`'s
docstring (the counters) and the first paragraph of its properties' docstrings (the sums
and the rates), which the API reference shows too. Where Python runs without docstrings
(``python -OO``) there are none, and the pages that show them leave the list out.
"""

from __future__ import annotations

import inspect

from tthc.reports._report import ReportRow

__all__ = ["definitions"]


def _attributes(doc: str) -> dict[str, str]:
    """The ``name: text`` entries of a Google-style ``Attributes:`` section."""
    out: dict[str, str] = {}
    inside, name = False, ""
    for line in doc.splitlines():
        if line.strip() == "Attributes:":
            inside = True
            continue
        if not inside:
            continue
        if not line.strip():
            break
        if line.startswith("        ") and name:
            out[name] += " " + line.strip()
        elif line.startswith("    ") and ":" in line:
            name, _, text = line.strip().partition(":")
            out[name] = text.strip()
        else:
            break
    return out


def _first_paragraph(doc: str | None) -> str | None:
    if not doc:
        return None
    return " ".join(inspect.cleandoc(doc).split("\n\n")[0].split())


def definitions() -> dict[str, str]:
    """Every counter and figure of a report row by attribute name, with its definition.

    The counters (``carried_over``... ``returned``) come from :class:`ReportRow`'s
    ``Attributes:``, the figures (``received``, ``resolved``, ``in_progress``, ``rate``,
    ``progress_rate``...) from the first paragraph of their docstrings. Empty without
    docstrings.

    >>> definitions()["resolved_late"]
    'Resolved in the period, late (quá hạn).'
    """
    doc = inspect.getdoc(ReportRow)
    out = _attributes(doc) if doc else {}
    out.pop("group", None)
    for name, value in vars(ReportRow).items():
        if isinstance(value, property):
            text = _first_paragraph(value.__doc__)
            if text:
                out[name] = text
    return out
