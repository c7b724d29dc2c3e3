"""Writing an imported procedure as a catalogue YAML file, the same bytes every time."""

from __future__ import annotations

from typing import Any

import yaml

from tthc.catalog._models import Procedure

__all__ = ["SCHEMA_COMMENT", "catalog_text"]

#: The first line of every bundled catalogue file: editors validate against the schema.
SCHEMA_COMMENT = "# yaml-language-server: $schema={schema}\n"

_Dumper: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def catalog_text(
    procedure: Procedure, *, schema: str = "../../schema/catalog.schema.json", header: str = ""
) -> str:
    """The catalogue file of one procedure: schema comment, header comment, ``procedures``.

    Keys keep the model's field order and defaults are left out, so the text depends only
    on the procedure.
    """
    data = procedure.model_dump(mode="json", exclude_defaults=True)
    body = yaml.dump(
        {"procedures": [data]},
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        width=100,
        default_flow_style=False,
    )
    comment = "".join(f"# {line}".rstrip() + "\n" for line in header.splitlines())
    return SCHEMA_COMMENT.format(schema=schema) + comment + body
