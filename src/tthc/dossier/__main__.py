"""``python -m tthc.dossier``: print the Mermaid diagram, or regenerate the docs' blocks.

Usage::

    python -m tthc.dossier                           # print the diagram
    python -m tthc.dossier --write docs/dossier.md   # rewrite the generated blocks
    python -m tthc.dossier --check docs/dossier.md   # exit 1 if they are out of date
"""

from __future__ import annotations

import sys
from pathlib import Path

from tthc.dossier._docs import mermaid, update_docs


def main(argv: list[str]) -> int:
    """Run the command; return the exit status (0 done, 1 out of date, 2 usage)."""
    if not argv:
        print(mermaid())
        return 0
    if len(argv) != 2 or argv[0] not in ("--write", "--check"):
        print(__doc__, file=sys.stderr)
        return 2
    path = Path(argv[1])
    text = path.read_text(encoding="utf-8")
    updated = update_docs(text)
    if argv[0] == "--check":
        if updated != text:
            print(f"{path}: generated blocks are out of date; run with --write", file=sys.stderr)
            return 1
        return 0
    if updated != text:
        path.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":  # pragma: no cover  (run in a subprocess by the tests)
    raise SystemExit(main(sys.argv[1:]))
