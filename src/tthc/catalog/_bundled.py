"""The catalogue shipped with tthc, from an installed wheel or a source checkout.

The wheel carries the repository's ``catalog/`` folder as package data
(``tthc/_bundled_catalog``): the curated procedures, checked against the law, and
``portal/``, the import of the national portal's snapshot of 2026-07-18, whose entries say
what a person must still check (``review``, ``unverified``).
"""

from __future__ import annotations

from pathlib import Path

from tthc.catalog._catalog import Catalog

__all__ = ["bundled_catalog", "bundled_catalog_folder"]

#: The folder of the portal import inside the bundled catalogue.
PORTAL_FOLDER = "portal"


def bundled_catalog_folder() -> Path:
    """The bundled catalogue's folder: the installed package data, else the checkout's.

    Raises:
        FileNotFoundError: Neither exists (an installation without its data).
    """
    package = Path(__file__).resolve().parent.parent
    for candidate in (package / "_bundled_catalog", package.parent.parent / "catalog"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(  # pragma: no cover  (both layouts ship one)
        f"the bundled catalogue is missing from this installation (looked in {package})"
    )


def bundled_catalog(*, portal: bool = True) -> Catalog:
    """Load the catalogue shipped with tthc.

    Args:
        portal: Include the portal import (``portal/``); ``False`` loads only the curated
            procedures and overlays.

    >>> catalog = bundled_catalog(portal=False)
    >>> catalog["1.000894"].name
    'Thủ tục đăng ký kết hôn'

    Raises:
        CatalogError: The shipped files are invalid (a broken installation).
    """
    from tthc.catalog._load import load_catalog  # noqa: PLC0415  (the loader imports YAML)

    root = bundled_catalog_folder()
    parts = sorted(
        path
        for path in root.iterdir()
        if not path.name.startswith(".")
        and (path.is_dir() or path.suffix in (".yaml", ".yml"))
        and (portal or path.name != PORTAL_FOLDER)
    )
    return load_catalog(*parts)
