"""The shape of one catalogue file, and its JSON Schema for editors.

A file holds ``procedures``, ``overlays``, or both; a folder tree holds any number of
files. The JSON Schema is generated from the same models the loader validates with, and
shipped as ``schema/catalog.schema.json`` so an editor can check a file while it is
typed (``# yaml-language-server: $schema=...`` on the first line).
"""

from __future__ import annotations

import json
from typing import Annotated, Any

from tthc.catalog._base import _Model, lax
from tthc.catalog._models import Procedure
from tthc.catalog._overlay import Overlay

__all__ = ["CatalogFile", "catalog_schema", "catalog_schema_text"]

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"


class CatalogFile(_Model):
    """One catalogue file: national procedures, local overlays, or both."""

    procedures: Annotated[tuple[Procedure, ...], lax()] = ()
    """Procedures, each one version of a code."""
    overlays: Annotated[tuple[Overlay, ...], lax()] = ()
    """Local versions of national procedures."""


def catalog_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a catalogue file."""
    schema = CatalogFile.model_json_schema(mode="validation")
    return {
        "$schema": SCHEMA_DIALECT,
        "title": "tthc catalogue file",
        "description": (
            "Vietnamese administrative procedures (thủ tục hành chính) and local overlays, "
            "as read by tthc.load_catalog and `tthc validate`."
        ),
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def catalog_schema_text() -> str:
    """The JSON Schema as the text shipped in ``schema/catalog.schema.json``."""
    return json.dumps(catalog_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
