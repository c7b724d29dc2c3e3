"""The JSON Schema: generated from the models, shipped as a file, used by editors and hooks."""

from __future__ import annotations

from pathlib import Path

from tthc._yaml import load_yaml
from tthc.catalog import catalog_schema
from tthc.catalog._file import catalog_schema_text

REPO = Path(__file__).resolve().parents[2]


def test_the_shipped_schema_is_the_generated_one() -> None:
    """Regenerate with: tthc schema -o schema/catalog.schema.json"""
    shipped = (REPO / "schema" / "catalog.schema.json").read_text(encoding="utf-8")
    assert shipped == catalog_schema_text()


def test_the_schema_is_closed_and_accepts_both_duration_forms() -> None:
    schema = catalog_schema()
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) == {"procedures", "overlays"}
    procedure = schema["$defs"]["Procedure"]
    assert procedure["additionalProperties"] is False
    assert {"code", "cases", "legal_basis", "valid_from"} <= set(procedure["required"])
    time_limit = schema["$defs"]["Case"]["properties"]["time_limit"]
    assert [option["type"] for option in time_limit["anyOf"]] == ["string", "object"]
    online = procedure["properties"]["online_level"]["anyOf"][0]
    assert {"full", "partial", "level 4", "level 3"} <= set(online["enum"])


def test_every_bundled_file_points_editors_at_the_schema() -> None:
    for path in sorted((REPO / "catalog").rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        relative = Path(*[".."] * (len(path.relative_to(REPO).parts) - 1))
        assert (
            first
            == f"# yaml-language-server: $schema={relative.as_posix()}/schema/catalog.schema.json"
        )


def test_the_pre_commit_hooks_run_the_cli() -> None:
    document = load_yaml((REPO / ".pre-commit-hooks.yaml").read_bytes()).document
    assert document is not None
    hooks = {hook["id"]: hook for hook in document.data}
    assert hooks["tthc-validate"]["entry"] == "tthc validate"
    assert hooks["tthc-validate"]["pass_filenames"] is False
    assert hooks["tthc-schema"]["entry"] == "tthc schema --check"


def test_the_documented_local_pre_commit_hook_matches_the_shipped_one() -> None:
    """docs/catalog.md's `repo: local` snippet runs the same command on the same files."""
    text = (REPO / "docs" / "catalog.md").read_text(encoding="utf-8")
    block = text.split("```yaml\nrepos:\n  - repo: local\n", 1)[1].split("```", 1)[0]
    snippet = load_yaml("repos:\n  - repo: local\n" + block).document
    assert snippet is not None
    (local,) = snippet.data["repos"][0]["hooks"]
    shipped = load_yaml((REPO / ".pre-commit-hooks.yaml").read_bytes()).document
    assert shipped is not None
    hook = next(h for h in shipped.data if h["id"] == local["id"])
    for field in ("entry", "files", "pass_filenames", "args"):
        assert local[field] == hook[field], field
    assert local["language"] == "system"
