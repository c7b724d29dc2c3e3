"""The bundled catalogue: the curated procedures and the portal import (catalog/portal/)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tthc.catalog import bundled_catalog
from tthc.cli import EXIT_OK, main

REPO = Path(__file__).resolve().parents[2]
BUNDLE = REPO / "catalog" / "portal"
# The snapshot's records (`details/`), when TTHC_PORTAL_SNAPSHOT names them.
SNAPSHOT = Path(os.environ.get("TTHC_PORTAL_SNAPSHOT") or "/nonexistent")


def test_the_bundled_catalogue_holds_the_curated_and_the_imported_procedures() -> None:
    everything = bundled_catalog()
    curated = bundled_catalog(portal=False)
    assert (len(curated), len(curated.codes)) == (11, 10)  # 1.004859 has two versions
    assert len(everything) == len(curated) + len(list(BUNDLE.glob("*.yaml")))
    # a curated code is the curated entry, not the portal's
    assert everything["1.000894"].name_en == "Marriage registration"
    assert (
        everything["1.115493"]
        .sources[0]
        .startswith("https://dichvucong.gov.vn/thu-tuc-hanh-chinh/")
    )


def test_every_imported_file_is_labelled_with_the_snapshot_date() -> None:
    header = (BUNDLE / "HEADER").read_text(encoding="utf-8")
    assert "snapshot of\n2026-07-18" in header
    label = "".join(f"# {line}\n" for line in header.splitlines())
    files = sorted(BUNDLE.glob("*.yaml"))
    assert len(files) > 300
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert text.split("\n", 1)[1].startswith(label), path.name


@pytest.mark.skipif(
    not SNAPSHOT.is_dir(), reason="TTHC_PORTAL_SNAPSHOT does not name the portal snapshot's records"
)
def test_the_bundle_is_what_the_importer_writes_today(tmp_path: Path) -> None:
    header = (BUNDLE / "HEADER").read_text(encoding="utf-8")
    curated = ["--skip-codes-in", str(REPO / "catalog" / "ho-tich")]
    curated += ["--skip-codes-in", str(REPO / "catalog" / "chung-thuc")]
    main(["import-portal", str(SNAPSHOT), "--out", str(tmp_path), *curated, "--header", header])
    written = {p.name: p.read_bytes() for p in tmp_path.glob("*.yaml")}
    shipped = {p.name: p.read_bytes() for p in BUNDLE.glob("*.yaml")}
    assert written == shipped


def test_validate_checks_every_shipped_procedure(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(REPO / "catalog")]) == EXIT_OK
    out = capsys.readouterr().out
    assert out.startswith(f"valid: {len(bundled_catalog())} procedure versions")
    assert "warning: " in out  # the import's review items
