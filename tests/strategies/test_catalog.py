"""Catalogue procedures and files: valid ones load to their models, invalid ones say why."""

from __future__ import annotations

import contextlib
import io
import json
import tempfile
from pathlib import Path

from hypothesis import given, settings

from tthc._yaml import load_yaml
from tthc.catalog import Catalog, Procedure, parse_catalog
from tthc.cli import main
from tthc.errors import CatalogError
from tthc.strategies import (
    CatalogDocument,
    InvalidCatalogDocument,
    catalog_documents,
    invalid_catalog_documents,
    procedures,
)


@settings(max_examples=25, deadline=None)
@given(procedures())
def test_procedures_pass_every_check_of_the_catalogue(procedure: Procedure) -> None:
    catalog = Catalog([procedure])
    assert catalog[procedure.code] == procedure
    for case in procedure.cases:
        assert procedure.time_limit(case=case.id) == case.time_limit


@settings(max_examples=30, deadline=None)
@given(catalog_documents(max_overlays=3))
def test_valid_files_load_to_the_entries_they_were_made_from(document: CatalogDocument) -> None:
    result = load_yaml(document.text)
    assert result.issues == ()
    assert result.document is not None
    assert result.document.data == document.data  # YAML kept every value as written
    catalog = parse_catalog(document.text)
    assert list(catalog) == list(document.catalog)
    assert sorted(catalog.overlays, key=repr) == sorted(document.overlays, key=repr)
    for overlay in document.overlays:
        local = catalog.get(overlay.code)
        assert local.national is not None
        assert local.code == overlay.code


@settings(max_examples=20, deadline=None)
@given(catalog_documents(max_overlays=0))
def test_valid_files_also_load_as_json(document: CatalogDocument) -> None:
    assert document.overlays == ()
    text = json.dumps(document.data, ensure_ascii=False, default=str)
    assert list(parse_catalog(text)) == list(document.catalog)


def _validate(text: str, *options: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "catalogue.yaml"
        path.write_text(text, encoding="utf-8")
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["validate", str(path), *options])
    return status, out.getvalue(), err.getvalue()


@settings(max_examples=40, deadline=None)
@given(invalid_catalog_documents())
def test_one_mistake_gives_exactly_the_issue_it_must(document: InvalidCatalogDocument) -> None:
    try:
        parse_catalog(document.text, file="catalogue.yaml")
    except CatalogError as error:
        issues = error.issues
    else:
        raise AssertionError(f"{document.mutation}: loaded without an issue")
    assert [(i.code, i.path) for i in issues] == [(document.code, document.path)], document.mutation
    assert document.expects(issues[0])
    assert issues[0].line is not None  # located in the file


@settings(max_examples=15, deadline=None)
@given(invalid_catalog_documents())
def test_tthc_validate_reports_the_mistake_as_json(document: InvalidCatalogDocument) -> None:
    status, out, err = _validate(document.text, "--format", "json")
    assert status == 1
    report = json.loads(out)
    assert report["valid"] is False
    assert [(i["code"], tuple(i["path"])) for i in report["issues"]] == [
        (document.code, document.path)
    ]
    assert "Traceback" not in err


@settings(max_examples=10, deadline=None)
@given(catalog_documents())
def test_tthc_validate_accepts_a_valid_file(document: CatalogDocument) -> None:
    status, out, _ = _validate(document.text)
    assert status == 0
    assert out.startswith(f"valid: {len(document.procedures)} procedure versions")
