"""The national portal: import the snapshot and validate the result; load the bundled catalogue.

The issue's targets: importing the snapshot's 403 records and validating the files takes
at most 10 s; loading the bundled catalogue (curated and imported, about 360 procedures)
takes at most 1 s, shown beside a bare ``yaml.load`` with the C loader of the same files in
the same run (interleaved). The import is measured only when ``TTHC_PORTAL_SNAPSHOT``
names the snapshot's records (its ``details`` folder).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from benchmarks._harness import Result, interleaved

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT = Path(os.environ.get("TTHC_PORTAL_SNAPSHOT") or "/nonexistent")


def run(quick: bool) -> list[Result]:
    import yaml

    from tthc.catalog import bundled_catalog, load_catalog
    from tthc.catalog._bundled import bundled_catalog_folder
    from tthc.portal import import_portal
    from tthc.portal._write import catalog_text

    repeat = 3 if quick else 7
    files = sorted(bundled_catalog_folder().rglob("*.yaml"))

    def c_load() -> None:
        for path in files:
            yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)

    ours, bare = interleaved((bundled_catalog, 1), (c_load, 1), repeat=repeat)
    results = [
        Result(
            name=f"portal: load the bundled catalogue ({len(bundled_catalog())} procedures)",
            unit_label="per run",
            tthc=ours,
            others={"yaml.load CSafeLoader (no checks, no positions)": bare},
            target="<= 1 s",
            passed=ours <= 1.0,
        )
    ]
    if SNAPSHOT.is_dir():
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp)

            def import_and_validate() -> None:
                for _, procedure in import_portal([SNAPSHOT]).procedures:
                    text = catalog_text(procedure)
                    (out / f"{procedure.code}.yaml").write_text(text, encoding="utf-8")
                load_catalog(out)

            (whole,) = interleaved((import_and_validate, 1), repeat=max(1, repeat // 2))
        results.append(
            Result(
                name="portal: import 403 records and validate the files",
                unit_label="per run",
                tthc=whole,
                target="<= 10 s",
                passed=whole <= 10.0,
            )
        )
    return results
