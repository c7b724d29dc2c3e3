"""The machine drawn from the table: a Mermaid diagram and Markdown tables for the docs.

``docs/dossier.md`` holds generated blocks between ``<!-- generated:NAME -->`` and
``<!-- /generated:NAME -->`` lines; :func:`update_docs` rewrites them from the transition
table, and a test checks the file is up to date. Regenerate with
``python -m tthc.dossier --write docs/dossier.md``.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from tthc.dossier._states import TERMINAL, DossierStatus
from tthc.dossier._table import EDGES, PREVIOUS, previous_states

__all__ = ["events_table", "mermaid", "states_table", "update_docs"]


def mermaid() -> str:
    """The state machine as a Mermaid ``stateDiagram-v2``, generated from the table.

    Each state shows its portal code; an arrow carries every event type that takes it;
    a return to the previous state is drawn to each state it can return to.

    >>> print(mermaid().splitlines()[0])
    stateDiagram-v2
    """
    lines = ["stateDiagram-v2"]
    for status in DossierStatus:
        label = status.value.replace("_", " ")
        lines.append(f'    state "{status.portal_code} {label}" as {status.name}')
    arrows: dict[tuple[str, str], list[str]] = {}
    for edge in EDGES:
        source = "[*]" if edge.source is None else edge.source.name
        if edge.target == PREVIOUS:
            assert edge.source is not None
            targets = sorted(previous_states(EDGES, edge.source), key=_order)
        else:
            targets = [edge.target]
        for target in targets:  # one row per (state, event): no name comes twice
            arrows.setdefault((source, target.name), []).append(edge.event.__name__)
    lines.extend(f"    {a} --> {b} : {', '.join(names)}" for (a, b), names in arrows.items())
    lines.extend(f"    {s.name} --> [*]" for s in DossierStatus if s in TERMINAL)
    return "\n".join(lines)


def _order(status: DossierStatus) -> int:
    return list(DossierStatus).index(status)


def states_table() -> str:
    """The states as a Markdown table: name, portal code, Vietnamese name, whether final."""
    rows = ["| state | portal code | portal / Vietnamese name | final |", "|---|---|---|---|"]
    for s in DossierStatus:
        final = "yes" if s.is_terminal else ""
        rows.append(f"| `{s.name}` | {s.portal_code} | {s.label_vi} | {final} |")
    return "\n".join(rows)


def events_table() -> str:
    """The event types as a Markdown table: where each is allowed and where it leads."""
    rows = ["| event | allowed in | leads to |", "|---|---|---|"]
    by_event: dict[str, dict[str, list[str]]] = {}
    for edge in EDGES:
        source = "(start)" if edge.source is None else f"`{edge.source.name}`"
        if edge.target == PREVIOUS:
            target = "the state before"
        elif edge.target == edge.source:
            target = "(same state)"
        else:
            target = f"`{edge.target.name}`"
        by_event.setdefault(edge.event.__name__, {}).setdefault(target, []).append(source)
    for event, targets in by_event.items():
        for target, sources in targets.items():
            rows.append(f"| `{event}` | {', '.join(sources)} | {target} |")
    return "\n".join(rows)


_BLOCKS: dict[str, Callable[[], str]] = {
    "states": states_table,
    "events": events_table,
    "mermaid": lambda: f"```mermaid\n{mermaid()}\n```",
}
_BLOCK = re.compile(
    r"(?P<open><!-- generated:(?P<name>[a-z]+) -->\n)(?P<body>.*?)"
    r"(?P<close><!-- /generated:(?P=name) -->)",
    re.DOTALL,
)


def update_docs(text: str) -> str:
    """``text`` with every generated block rewritten from the table.

    Raises:
        ValueError: A block names an unknown generator, or a generator has no block.
    """
    found: set[str] = set()

    def render(match: re.Match[str]) -> str:
        name = match.group("name")
        generate = _BLOCKS.get(name)
        if generate is None:
            raise ValueError(f"unknown generated block {name!r}; known: {', '.join(_BLOCKS)}")
        found.add(name)
        return f"{match.group('open')}{generate()}\n{match.group('close')}"

    updated = _BLOCK.sub(render, text)
    missing = sorted(set(_BLOCKS) - found)
    if missing:
        raise ValueError(f"no generated block for {', '.join(missing)}")
    return updated
