"""Strategies for catalogue procedures and whole catalogue files."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import yaml
from hypothesis import strategies as st

from tthc.duration import Duration
from tthc.strategies._catalog_data import DISTRICT_END, overlay_data, procedure_data
from tthc.strategies._durations import durations
from tthc.strategies._validation import check_size, check_strategy

if TYPE_CHECKING:
    from tthc.catalog import Catalog, Overlay, Procedure

__all__ = ["CatalogDocument", "catalog_documents", "procedures"]

_ONE_DAY = dt.timedelta(days=1)
_FIRST_VALID = dt.date(2000, 1, 1)
_LAST_VALID = dt.date(2030, 12, 31)


def _time_limits(time_limits: object) -> st.SearchStrategy[Duration]:
    if time_limits is None:
        return durations(max_amount=30)
    return check_strategy(time_limits, "time_limits")


def procedures(
    *,
    time_limits: st.SearchStrategy[Duration] | None = None,
    max_cases: int = 3,
) -> st.SearchStrategy[Procedure]:
    """Valid catalogue procedures (:class:`tthc.catalog.Procedure`).

    Each passes every check of the catalogue: unique case ids, at most one default case,
    references to forms and cases that resolve, process budgets that add up to the time
    limit, a district level only for versions ending by 30/06/2025, an online level only
    with the online channel. Texts are Vietnamese examples or arbitrary text with the
    characters YAML gives meaning to.

    Args:
        time_limits: A strategy for the cases' time limits (also per channel);
            ``durations(max_amount=30)`` by default.
        max_cases: The most cases a procedure has (at least 1).

    Raises:
        hypothesis.errors.InvalidArgument: At call time, for ``max_cases < 1`` or a
            ``time_limits`` that is not a strategy.

    Examples shrink towards a procedure with one case, the first example texts, the
    counter channel and the shortest time limit ``time_limits`` gives.

    >>> from hypothesis import given, settings
    >>> from tthc.strategies import procedures
    >>> @settings(max_examples=5)
    ... @given(procedures())
    ... def test_every_case_has_a_time_limit(procedure):
    ...     for case in procedure.cases:
    ...         assert procedure.time_limit(case=case.id) == case.time_limit
    >>> test_every_case_has_a_time_limit()
    """
    limits = _time_limits(time_limits)
    cases = check_size(max_cases, "max_cases", minimum=1)
    return _procedure(limits, cases)


@st.composite
def _procedure(
    draw: st.DrawFn, time_limits: st.SearchStrategy[Duration], max_cases: int
) -> Procedure:
    from tthc.catalog import Procedure  # noqa: PLC0415  (pydantic loads when drawn)

    start, end = draw(_periods(1))[0]
    data = procedure_data(
        draw,
        code=draw(_codes()),
        valid_from=start,
        valid_to=end,
        time_limits=time_limits,
        max_cases=max_cases,
    )
    return Procedure.model_validate(data)


def _codes() -> st.SearchStrategy[str]:
    """National codes ``d.dddddd`` (real ones start with 1, 2 or 3)."""
    return st.builds("{}.{:06d}".format, st.integers(1, 3), st.integers(0, 999_999))


@st.composite
def _periods(draw: st.DrawFn, count: int) -> list[tuple[dt.date, dt.date | None]]:
    """``count`` validity periods of one code, in order, none overlapping; the last may be open."""
    days = (_LAST_VALID - _FIRST_VALID).days
    starts = sorted(
        draw(st.lists(st.integers(0, days), min_size=count, max_size=count, unique=True))
    )
    periods: list[tuple[dt.date, dt.date | None]] = []
    for index, offset in enumerate(starts):
        start = _FIRST_VALID + offset * _ONE_DAY
        if index + 1 < len(starts):
            end: dt.date | None = _FIRST_VALID + (starts[index + 1] - 1) * _ONE_DAY
        else:
            length: int | None = draw(st.none() | st.integers(0, 3000))
            end = None if length is None else start + length * _ONE_DAY
        if draw(st.booleans()) and start <= DISTRICT_END and (end is None or end > DISTRICT_END):
            end = DISTRICT_END  # a district-level version may end with the district level
            periods.append((start, end))
            break
        periods.append((start, end))
    return periods


@dataclass(frozen=True)
class CatalogDocument:
    """A valid catalogue file, as text and as data, with the entries it must load to.

    Attributes:
        text: The file's YAML text.
        data: The same document as plain data: what the YAML loader reads from ``text``.
        procedures: The procedure versions it holds, as models, in file order.
        overlays: The overlays it holds, as models, in file order.
    """

    text: str
    data: dict[str, Any]
    procedures: tuple[Procedure, ...]
    overlays: tuple[Overlay, ...]

    @property
    def catalog(self) -> Catalog:
        """The catalogue these entries make (built and checked from the models)."""
        from tthc.catalog import Catalog  # noqa: PLC0415

        return Catalog(self.procedures, self.overlays)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]  # libyaml's
    """Safe YAML without anchors: a value used twice (a shared date) is written twice."""

    def ignore_aliases(self, data: object) -> bool:
        return True


def dump(data: dict[str, Any]) -> str:
    """YAML text for catalogue data: block style, Unicode kept, keys in the order given."""
    text: str = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return text


def catalog_documents(
    *,
    min_size: int = 1,
    max_size: int | None = None,
    max_overlays: int = 2,
    time_limits: st.SearchStrategy[Duration] | None = None,
) -> st.SearchStrategy[CatalogDocument]:
    """Valid catalogue files: procedures (one or more versions of each code) and overlays.

    Versions of one code follow each other without overlapping; an overlay extends the
    latest version of a code in the file, inside its validity, and shortens some of its
    cases' time limits in the same unit (or leaves them). The text is what
    ``yaml.safe_dump`` writes, so every text value that YAML would read as something else
    (``no``, ``1.5``, ``2026-01-01``, ``~``) is quoted.

    Args:
        min_size: The fewest procedure codes in the file (at least 1).
        max_size: The most procedure codes; ``min_size + 3`` by default.
        max_overlays: The most overlays.
        time_limits: As for :func:`procedures`.

    Raises:
        hypothesis.errors.InvalidArgument: At call time, for sizes out of order or below
            their minimum, or a ``time_limits`` that is not a strategy.

    Examples shrink towards one procedure as :func:`procedures` shrinks, without overlays.

    >>> from hypothesis import given, settings
    >>> from tthc.catalog import parse_catalog
    >>> from tthc.strategies import catalog_documents
    >>> @settings(max_examples=5)
    ... @given(catalog_documents())
    ... def test_a_valid_file_loads(document):
    ...     catalog = parse_catalog(document.text)
    ...     assert list(catalog) == list(document.catalog)
    >>> test_a_valid_file_loads()
    """
    low = check_size(min_size, "min_size", minimum=1)
    high = low + 3 if max_size is None else check_size(max_size, "max_size", minimum=low)
    overlays = check_size(max_overlays, "max_overlays")
    return _document(_time_limits(time_limits), low, high, overlays)


@st.composite
def _document(
    draw: st.DrawFn,
    time_limits: st.SearchStrategy[Duration],
    min_size: int,
    max_size: int,
    max_overlays: int,
) -> CatalogDocument:
    from tthc.catalog import Overlay, Procedure  # noqa: PLC0415

    codes = draw(st.lists(_codes(), min_size=min_size, max_size=max_size, unique=True))
    entries: list[dict[str, Any]] = []
    models: list[Procedure] = []
    latest: list[tuple[dict[str, Any], Procedure]] = []
    for code in codes:
        for start, end in draw(_periods(draw(st.integers(1, 2)))):
            data = procedure_data(
                draw,
                code=code,
                valid_from=start,
                valid_to=end,
                time_limits=time_limits,
                max_cases=3,
            )
            entries.append(data)
            models.append(Procedure.model_validate(data))
        latest.append((data, models[-1]))
    overlays: list[dict[str, Any]] = []
    if max_overlays:
        chosen = draw(st.lists(st.sampled_from(latest), max_size=max_overlays))
        for number, (data, national) in enumerate(chosen):
            statutory = {case.id: case.time_limit for case in national.cases}
            suffix = f"000.00.00.H{number:02d}"
            overlays.append(overlay_data(draw, data, statutory, suffix))
    document: dict[str, Any] = {"procedures": entries}
    if overlays:
        document["overlays"] = overlays
    return CatalogDocument(
        dump(document),
        document,
        tuple(models),
        tuple(Overlay.model_validate(entry) for entry in overlays),
    )
