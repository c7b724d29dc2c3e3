"""The whole national portal snapshot, when ``TTHC_PORTAL_SNAPSHOT`` names its records.

The crawl of 2026-07-18 holds the full records of 403 procedures; it is not part of the
repository. CI sets the variable to the snapshot's ``details`` folder; elsewhere these
tests are skipped, saying so.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import unicodedata
from pathlib import Path

import pytest

from tthc import WorkingCalendar, compute_deadline, load_catalog
from tthc.catalog._portal_time import read_limit
from tthc.portal import PortalImport, import_portal
from tthc.portal._write import catalog_text

SNAPSHOT = Path(os.environ.get("TTHC_PORTAL_SNAPSHOT") or "/nonexistent")

pytestmark = pytest.mark.skipif(
    not SNAPSHOT.is_dir(),
    reason="TTHC_PORTAL_SNAPSHOT does not name the portal snapshot's records",
)


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


@pytest.fixture(scope="module")
def result() -> PortalImport:
    return import_portal([SNAPSHOT])


def test_every_record_is_a_procedure_or_a_list_of_reasons(result: PortalImport) -> None:
    records = sorted(SNAPSHOT.glob("*.json"))
    imported = {name for name, _ in result.procedures}
    refused = {issue.file for issue in result.refused}
    assert imported | refused == {path.name for path in records}
    assert not imported & refused
    for issue in result.refused:
        assert issue.path, issue  # each reason names the record's field
        assert issue.code == "portal-refused"


def test_every_imported_file_validates(result: PortalImport, tmp_path: Path) -> None:
    for _, procedure in result.procedures:
        (tmp_path / f"{procedure.code}.yaml").write_text(catalog_text(procedure), encoding="utf-8")
    assert len(load_catalog(tmp_path)) == len(result.procedures)


def test_every_case_and_channel_gets_a_due_date(result: PortalImport) -> None:
    vn = WorkingCalendar.vietnam()
    received = dt.datetime(2026, 7, 20, 9)  # a Monday
    computed = 0
    for _, procedure in result.procedures:
        for case in procedure.cases:
            for channel in procedure.channels:
                deadline = compute_deadline(
                    procedure, received, calendar=vn, case=case.id, channel=channel
                )
                assert deadline.due_at is None or deadline.due_at >= received
                computed += 1
    assert computed >= 3 * len(result.procedures)


def test_at_least_95_percent_of_counted_units_map_exactly(result: PortalImport) -> None:
    counted = ("WORKING_DAY", "DAY", "HOUR")
    seen = sum(result.limits[unit] for unit in counted)
    exact = sum(result.exact[unit] for unit in counted)
    assert seen > 1000
    assert exact / seen >= 0.95


def test_every_other_unit_is_read_by_a_rule_or_flagged(result: PortalImport) -> None:
    by_code = {procedure.code: procedure for _, procedure in result.procedures}
    checked = 0
    for path in sorted(SNAPSHOT.glob("*.json")):
        data = json.loads(path.read_bytes())["data"]
        procedure = by_code.get(data["code"])
        if procedure is None:
            continue
        raws = {_normal(item.raw) for item in procedure.review if item.raw}
        for method in data["executionMethods"]:
            if method["processingTimeUnit"] != "OTHER":
                continue
            reading = read_limit(
                method["processingTime"], "OTHER", str(method.get("description") or "")
            )
            if reading.exact:
                assert reading.how.startswith("prose: ")
            else:
                assert _normal(reading.raw) in raws, (path.name, reading)
            checked += 1
    assert checked > 100
