"""The national list of administrative procedures, and checking a catalogue against it.

The national public-service portal (Cổng Dịch vụ công quốc gia) publishes every procedure's
national code, name, field (lĩnh vực), the body that published it and its state. tthc
ships that list (snapshot of 2026-07-18, 5,670 procedures) as package data, so that a
catalogue can be checked against it: a national code the list does not know, or a name
that differs from the list's, is reported.

A local code (the national code and a local suffix, ``1.000894.000.00.00.H38``) is looked
up by its national part:

>>> national = national_list()
>>> national.get("1.000894.000.00.00.H38").name
'Thủ tục đăng ký kết hôn'
>>> national.snapshot, len(national) > 5000
('2026-07-18', True)
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tthc.catalog._models import Procedure

__all__ = [
    "NationalList",
    "NationalMismatch",
    "NationalProcedure",
    "check_national",
    "national_list",
]

_DATA = Path(__file__).resolve().parent / "data" / "national.json"
_NATIONAL = re.compile(r"[0-9]\.[0-9]{6}")


@dataclass(frozen=True, slots=True)
class NationalProcedure:
    """One procedure of the national list, as the portal publishes it."""

    code: str
    """The national code ``d.dddddd``."""
    name: str
    """The procedure's name."""
    field: str
    """Its field (lĩnh vực); several are joined with ``; ``."""
    body: str
    """The body that published it (``departmentPromulgate``), e.g. ``Bộ Tư pháp``."""
    state: str
    """The portal's state of the entry (``ACTIVE``, ``UPDATED``)."""


@dataclass(frozen=True, slots=True)
class NationalMismatch:
    """A catalogue procedure the national list does not confirm."""

    code: str
    """The catalogue procedure's code."""
    kind: str
    """``unknown-code`` (the list has no such national code) or ``name`` (it differs)."""
    message: str
    """What was found and what the list says."""

    def __str__(self) -> str:
        return f"{self.code}: {self.message}"


class NationalList:
    """The national list, by national code; local codes are looked up by their national part."""

    __slots__ = ("_by_code", "snapshot", "source")

    def __init__(
        self, procedures: Iterable[NationalProcedure], *, snapshot: str, source: str
    ) -> None:
        self._by_code = {p.code: p for p in procedures}
        self.snapshot = snapshot
        """The date the list was read from the portal (ISO 8601)."""
        self.source = source
        """Where it was read."""

    def __len__(self) -> int:
        return len(self._by_code)

    def __iter__(self) -> Iterator[NationalProcedure]:
        return iter(self._by_code.values())

    def get(self, code: str) -> NationalProcedure | None:
        """The entry for a national or local code, or ``None`` when the list has none."""
        match = _NATIONAL.match(code.strip())
        return self._by_code.get(match.group()) if match else None


@functools.lru_cache(maxsize=1)
def national_list() -> NationalList:
    """The national list shipped with tthc (read once)."""
    data = json.loads(_DATA.read_text(encoding="utf-8"))
    columns = data["columns"]
    return NationalList(
        (NationalProcedure(**dict(zip(columns, row, strict=True))) for row in data["procedures"]),
        snapshot=data["snapshot"],
        source=data["source"],
    )


def _comparable(name: str) -> str:
    """A name as compared: NFC, spaces collapsed, case folded, no final full stop."""
    return " ".join(unicodedata.normalize("NFC", name).split()).casefold().rstrip(".")


def check_national(
    procedures: Iterable[Procedure], national: NationalList | None = None
) -> list[NationalMismatch]:
    """Every procedure whose national code the list does not know, or whose name differs.

    Names are compared after NFC normalisation, with runs of spaces, letter case and a
    final full stop ignored; a local version is compared with its national entry.
    """
    national = national_list() if national is None else national
    issues: list[NationalMismatch] = []
    for procedure in procedures:
        entry = national.get(procedure.code)
        where = f"national list {national.snapshot}"
        if entry is None:
            issues.append(
                NationalMismatch(
                    procedure.code,
                    "unknown-code",
                    f"national code {procedure.national_code} is not in the {where}",
                )
            )
        elif _comparable(entry.name) != _comparable(procedure.name):
            issues.append(
                NationalMismatch(
                    procedure.code,
                    "name",
                    f"name {procedure.name!r} differs from the {where}: {entry.name!r}",
                )
            )
    return issues
