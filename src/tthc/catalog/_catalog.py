"""The catalogue: every version of every procedure, and the local overlays.

Lookups by code return a :class:`~tthc.catalog.Procedure`. A code can have several
versions over time (since 01/07/2025 many procedures changed level), so
``catalog.get(code, on=date)`` returns the version in force on a date, and
``catalog[code]`` the latest version. A local code (the national code and a suffix)
returns the national version with the local overlay applied.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol, TypeVar

from tthc.catalog._base import in_force, overlaps
from tthc.catalog._checks import (
    MemoryOrigin,
    Origin,
    check_catalog,
    check_overlay,
    check_procedure,
)
from tthc.catalog._kinds import Channel, Level
from tthc.catalog._models import Procedure, channel_of
from tthc.catalog._overlay import Overlay
from tthc.errors import CatalogError, UnknownProcedure

__all__ = ["Catalog"]


class Catalog:
    """Procedures by code and validity date, checked as a whole.

    Build one with :func:`tthc.load_catalog` (files) or from models; either way every
    entry and every cross-check (unique versions, overlays within statutory limits) is
    checked, and :class:`~tthc.errors.CatalogError` lists every problem.

    Iteration yields every procedure version, ordered by code then ``valid_from``;
    ``len()`` counts them. Overlays are in :attr:`overlays`; their local versions are
    looked up by local code.
    """

    __slots__ = ("_by_code", "_local", "_overlays", "_procedures")

    def __init__(
        self, procedures: Iterable[Procedure] = (), overlays: Iterable[Overlay] = ()
    ) -> None:
        procedures = tuple(procedures)
        overlays = tuple(overlays)
        located_p: list[tuple[Procedure, Origin]] = [
            (p, MemoryOrigin(("procedures", i))) for i, p in enumerate(procedures)
        ]
        located_o: list[tuple[Overlay, Origin]] = [
            (o, MemoryOrigin(("overlays", i))) for i, o in enumerate(overlays)
        ]
        issues = [i for p, origin in located_p for i in check_procedure(p, origin)]
        issues += [i for o, origin in located_o for i in check_overlay(o, origin)]
        issues += check_catalog(located_p, located_o)
        if issues:
            raise CatalogError(issues)
        self._setup(procedures, overlays)

    @classmethod
    def _checked(cls, procedures: Sequence[Procedure], overlays: Sequence[Overlay]) -> Catalog:
        """A catalogue from entries the loader has already checked (no second check)."""
        catalog = cls.__new__(cls)
        catalog._setup(tuple(procedures), tuple(overlays))
        return catalog

    def _setup(self, procedures: tuple[Procedure, ...], overlays: tuple[Overlay, ...]) -> None:
        ordered = sorted(procedures, key=lambda p: (p.code, p.valid_from))
        self._procedures: tuple[Procedure, ...] = tuple(ordered)
        self._by_code: dict[str, list[Procedure]] = {}
        for procedure in ordered:
            self._by_code.setdefault(procedure.code, []).append(procedure)
        self._overlays: tuple[Overlay, ...] = tuple(
            sorted(overlays, key=lambda o: (o.code, o.valid_from))
        )
        self._local: dict[str, list[Overlay]] = {}
        for overlay in self._overlays:
            self._local.setdefault(overlay.code, []).append(overlay)

    # ------------------------------------------------------------ lookups

    def __getitem__(self, code: str) -> Procedure:
        """The latest version of the procedure with this national or local code."""
        return self.get(code)

    def get(self, code: str, *, on: dt.date | None = None) -> Procedure:
        """The version of a procedure in force on a date.

        Args:
            code: A national code (``1.001193``) or a local code with its suffix.
            on: The date; ``None`` for the latest version (the one that starts last).

        Raises:
            UnknownProcedure: No procedure has this code, or none is in force on ``on``.
        """
        versions = self._by_code.get(code)
        if versions is not None:
            found = _pick(versions, on)
            if found is not None:
                return found
        elif code in self._local:
            local = self._local_version(code, on)
            if local is not None:
                return local
        raise UnknownProcedure(code, on=on, known=len(self._by_code))

    def _local_version(self, code: str, on: dt.date | None) -> Procedure | None:
        overlay = _pick(self._local[code], on)
        if overlay is None:
            return None
        nationals = self._by_code.get(overlay.extends, [])
        if on is not None:
            national = _pick(nationals, on)
        else:
            span = (overlay.valid_from, overlay.valid_to)
            national = next(
                (p for p in reversed(nationals) if overlaps((p.valid_from, p.valid_to), span)),
                None,
            )
        return overlay.apply(national) if national is not None else None

    def versions(self, code: str) -> tuple[Procedure, ...]:
        """Every version of a national code, oldest first (empty if unknown)."""
        return tuple(self._by_code.get(code, ()))

    def __contains__(self, code: object) -> bool:
        return isinstance(code, str) and (code in self._by_code or code in self._local)

    def __iter__(self) -> Iterator[Procedure]:
        return iter(self._procedures)

    def __len__(self) -> int:
        return len(self._procedures)

    def __repr__(self) -> str:
        return (
            f"<Catalog: {len(self._procedures)} procedure versions, "
            f"{len(self._by_code)} codes, {len(self._overlays)} overlays>"
        )

    @property
    def codes(self) -> tuple[str, ...]:
        """The national codes, sorted."""
        return tuple(self._by_code)

    @property
    def overlays(self) -> tuple[Overlay, ...]:
        """The local overlays, by local code then start date."""
        return self._overlays

    # ------------------------------------------------------------ filtering

    def filter(
        self,
        *,
        field: str | None = None,
        level: Level | str | None = None,
        agency: str | None = None,
        channel: Channel | str | None = None,
        on: dt.date | None = None,
    ) -> Catalog:
        """The procedures matching every criterion given, as a new catalogue.

        ``field`` and ``agency`` match whole names, ignoring case. ``on`` keeps only the
        versions in force on that date. Overlays of the kept codes are kept.

        Raises:
            ValueError: ``level`` or ``channel`` is not one of their values.
        """
        wanted_level = Level(level) if level is not None else None
        wanted_channel = channel_of(channel) if channel is not None else None
        if channel is not None and wanted_channel is None:
            raise ValueError(
                f"unknown channel {channel!r}; expected one of "
                + ", ".join(repr(c.value) for c in Channel)
            )
        folded_field = field.casefold() if field is not None else None
        folded_agency = agency.casefold() if agency is not None else None
        kept = [
            p
            for p in self._procedures
            if (folded_field is None or p.field.casefold() == folded_field)
            and (wanted_level is None or p.level is wanted_level)
            and (folded_agency is None or p.agency.casefold() == folded_agency)
            and (wanted_channel is None or wanted_channel in p.channels)
            and (on is None or p.in_force(on))
        ]
        codes = {p.code for p in kept}
        return Catalog._checked(kept, [o for o in self._overlays if o.extends in codes])

    # ------------------------------------------------------------ export

    def to_data(self) -> dict[str, Any]:
        """The catalogue as plain JSON-ready data, in the catalogue file format.

        Defaults are left out, durations are text and dates ISO strings, so the result
        loads back with :func:`tthc.catalog.parse_catalog`.
        """
        data: dict[str, Any] = {
            "procedures": [
                p.model_dump(mode="json", exclude_defaults=True) for p in self._procedures
            ]
        }
        if self._overlays:
            data["overlays"] = [
                o.model_dump(mode="json", exclude_defaults=True) for o in self._overlays
            ]
        return data

    def to_json(self, *, indent: int | None = 2) -> str:
        """The catalogue as JSON text (UTF-8 characters kept, not escaped)."""
        return json.dumps(self.to_data(), ensure_ascii=False, indent=indent) + "\n"


class _Dated(Protocol):
    @property
    def valid_from(self) -> dt.date: ...  # pragma: no cover - protocol

    @property
    def valid_to(self) -> dt.date | None: ...  # pragma: no cover - protocol


_D = TypeVar("_D", bound=_Dated)


def _pick(versions: Sequence[_D], on: dt.date | None) -> _D | None:
    """The version in force on ``on`` (``valid_to`` inclusive), or the latest one."""
    if on is None:
        return versions[-1] if versions else None
    for version in reversed(versions):
        if in_force(version.valid_from, version.valid_to, on):
            return version
    return None
