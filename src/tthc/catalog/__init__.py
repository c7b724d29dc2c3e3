"""The procedure catalogue: models, YAML loading with checks, and lookups by code and date.

A catalogue is a folder of YAML files written by hand and checked in CI. Each file holds
``procedures`` (one version of a national procedure each) and/or ``overlays`` (a
province's or agency's local version of a national procedure). Loading checks every
value and every relation between values, and reports every problem at once, each with
its file, line and column:

>>> from tthc.catalog import parse_catalog
>>> from tthc.errors import CatalogError
>>> text = '''
... procedures:
...   - code: 1.001193
...     name: Thủ tục đăng ký khai sinh
...     field: Hộ tịch
...     level: xã
...     agency: Ủy ban nhân dân cấp xã
...     valid_from: 2016-01-01
...     channels: [counter]
...     result: Giấy khai sinh
...     cases:
...       - {id: standard, name: Đăng ký khai sinh, time_limit: same day}
...     legal_basis: [{document: Luật Hộ tịch 60/2014/QH13, article: 16}]
... '''
>>> try:
...     parse_catalog(text, file="birth.yaml")
... except CatalogError as error:
...     for issue in error.issues:
...         print(issue)
birth.yaml:3:11: procedures.0.code: expected text, got the number 1.001193; put it in quotes ...
birth.yaml:6:12: procedures.0.level: expected one of 'central', ... or 'commune', got 'xã'

The file format is described in ``docs/catalog.md``; the JSON Schema is
``schema/catalog.schema.json`` (also ``tthc schema``).
"""

import typing as _typing
from typing import TYPE_CHECKING

from tthc.catalog._base import LegalBasis
from tthc.catalog._catalog import Catalog
from tthc.catalog._fees import Fee, PageRate
from tthc.catalog._file import CatalogFile, catalog_schema
from tthc.catalog._kinds import Channel, FeeKind, FeeUnit, Level, OnlineLevel
from tthc.catalog._models import Case, Form, Office, Procedure, RequiredDocument, Step
from tthc.catalog._national import (
    NationalList,
    NationalMismatch,
    NationalProcedure,
    check_national,
    national_list,
)
from tthc.catalog._overlay import CaseOverride, Overlay
from tthc.catalog._portal import procedure_from_portal
from tthc.catalog._review import Review

if TYPE_CHECKING:
    from tthc.catalog._bundled import bundled_catalog
    from tthc.catalog._load import load_catalog, parse_catalog

__all__ = [
    "Case",
    "CaseOverride",
    "Catalog",
    "CatalogFile",
    "Channel",
    "Fee",
    "FeeKind",
    "FeeUnit",
    "Form",
    "LegalBasis",
    "Level",
    "NationalList",
    "NationalMismatch",
    "NationalProcedure",
    "Office",
    "OnlineLevel",
    "Overlay",
    "PageRate",
    "Procedure",
    "RequiredDocument",
    "Review",
    "Step",
    "bundled_catalog",
    "catalog_schema",
    "check_national",
    "load_catalog",
    "national_list",
    "parse_catalog",
    "procedure_from_portal",
]


def __getattr__(name: str) -> _typing.Any:
    # The loader imports YAML; the models do not. Load it when it is first asked for.
    if name in ("load_catalog", "parse_catalog"):
        from tthc.catalog import _load  # noqa: PLC0415

        return getattr(_load, name)
    if name == "bundled_catalog":
        from tthc.catalog import _bundled  # noqa: PLC0415

        return _bundled.bundled_catalog
    raise AttributeError(f"module 'tthc.catalog' has no attribute {name!r}")
