"""The JSON Schema: generated from the models, shipped as a file, used by editors and hooks."""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import sys
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


def _patterns(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [node["pattern"]] if isinstance(node.get("pattern"), str) else []
        return found + [p for value in node.values() for p in _patterns(value)]
    if isinstance(node, list):
        return [p for value in node for p in _patterns(value)]
    return []


# What ECMA-262 regular expressions in Unicode mode (ajv, check-jsonschema's default engine)
# accept after a backslash: syntax characters, class escapes and control escapes. Python also
# accepts `\-` or `\ ` and reads `\d` as any script's digit; the schema must use neither.
_ECMA_ESCAPES = frozenset("^$\\.*+?()[]{}|/" + "DsSwWbB" + "fnrtv0")


def test_every_schema_pattern_is_an_ecma_regular_expression_in_unicode_mode() -> None:
    patterns = _patterns(catalog_schema())
    assert patterns, "the schema has patterns (durations, codes)"
    for pattern in patterns:
        # Walk the pattern so that an escaped backslash is read once.
        escapes: set[str] = set()
        i = 0
        while i < len(pattern):
            if pattern[i] == "\\":
                escapes.add(pattern[i + 1])
                i += 2
            else:
                i += 1
        assert escapes <= _ECMA_ESCAPES, (pattern[:80], escapes - _ECMA_ESCAPES)


# Files that tthc and a JSON Schema validator judge differently, and why: a JSON Schema sees
# one file's shape, not the checks that need the law's dates, other entries or other files.
KNOWN_DIFFERENCES = {
    "district-after-2025.yaml": "district level after 30/06/2025: a check on dates across fields",
    "overlapping-versions.yaml": "two versions of one code in force at once: across entries",
    "overlay-lengthens.yaml": "an overlay may only shorten the national limit: across files",
    "process-budget.yaml": "process steps exceeding the time limit: a sum across entries",
    "references.yaml": "documents and fees referring to unknown cases: across entries",
}
# Not given to the validator at all: it expands the aliases (minutes and gigabytes), which
# tthc refuses at once.
NOT_RUN = {"billion-laughs.yaml"}


def _tthc_verdicts() -> dict[Path, bool]:
    from tthc.cli import main

    national = ["--reference", "catalog/ho-tich", "--reference", "catalog/chung-thuc"]
    verdicts = {}
    files = [
        *(p for p in (REPO / "catalog").rglob("*.yaml") if p.parent.name != "portal"),
        *(REPO / "tests/catalog/examples").rglob("*.yaml"),
    ]
    # The imported portal snapshot: one writer made its ~350 files, so every 25th stands for
    # the rest here (checking all takes 10 s); `tthc validate catalog/` checks every one.
    imported = REPO / "catalog" / "portal"
    sample = sorted(imported.glob("*.yaml"))[::25]
    files += sample
    for path in sorted(files):
        if path.name in NOT_RUN:
            continue
        references = national if path.parent.name == "local" else []
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
            verdicts[path] = main(["validate", str(path), *references]) == 0
    return verdicts


def test_check_jsonschema_agrees_with_tthc_validate_on_every_bundled_and_example_file() -> None:
    """The shipped schema, under check-jsonschema's default (ECMA-262) regular expressions."""
    verdicts = _tthc_verdicts()
    assert sum(verdicts.values()) >= 13
    assert not all(verdicts.values())
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--schemafile",
            str(REPO / "schema" / "catalog.schema.json"),
            "--output-format",
            "json",
            *map(str, verdicts),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.stdout.startswith("{"), result.stderr[-2000:]
    report = json.loads(result.stdout)
    assert "schemafile" not in result.stderr.lower(), result.stderr
    refused = {
        Path(error["filename"]).resolve() for error in [*report["errors"], *report["parse_errors"]]
    }
    disagreements = {
        path.name: ("tthc valid" if valid else "tthc invalid")
        for path, valid in verdicts.items()
        if valid == (path in refused)
    }
    assert disagreements == dict.fromkeys(KNOWN_DIFFERENCES, "tthc invalid")
