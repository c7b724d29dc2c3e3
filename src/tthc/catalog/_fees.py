"""Fees and charges, in đồng, and what a dossier pays.

A fee is one of: a fixed amount (per dossier, per copy or per page), a per-page scale
with a cap per copy, or an amount set by another body (for example a provincial
council, HĐND cấp tỉnh) that the national catalogue cannot state. The certified-copy
scale of TT 226/2016/TT-BTC (2,000 đ per page for pages 1 and 2, 1,000 đ per page from
page 3, at most 200,000 đ per copy) is written::

    fees:
      - name: Phí chứng thực bản sao từ bản chính
        kind: charge
        per_page:
          - {from_page: 1, amount: 2000}
          - {from_page: 3, amount: 1000}
        max_per_copy: 200000

>>> scale = Fee(
...     name="Phí chứng thực bản sao từ bản chính",
...     kind="charge",
...     per_page=[{"from_page": 1, "amount": 2000}, {"from_page": 3, "amount": 1000}],
...     max_per_copy=200_000,
... )
>>> scale.compute(pages=5), scale.compute(pages=5, copies=3), scale.compute(pages=300)
(7000, 21000, 200000)
"""

from __future__ import annotations

import itertools
import operator
from typing import Annotated

from pydantic import Field, model_validator

from tthc.catalog._base import LegalBasis, Text, _Model, lax
from tthc.catalog._kinds import FeeKind, FeeUnit

__all__ = ["Fee", "PageRate"]

Dong = Annotated[int, Field(ge=0, le=1_000_000_000_000)]


class PageRate(_Model):
    """The price of each page from ``from_page`` on, until the next rate starts."""

    from_page: Annotated[int, Field(ge=1)]
    """The first page this rate applies to (1-based)."""
    amount: Dong
    """Đồng per page."""


class Fee(_Model):
    """A fee (lệ phí) or charge (phí) a dossier pays, and how much.

    Exactly one of ``amount``, ``per_page`` or ``set_by`` says how much.
    """

    name: Text
    """What the payment is called on the procedure's page."""
    kind: Annotated[FeeKind, lax()]
    """``fee`` (lệ phí) or ``charge`` (phí)."""
    amount: Dong | None = None
    """A fixed amount in đồng, per ``per``; ``0`` when the payment is waived."""
    per: Annotated[FeeUnit, lax()] = FeeUnit.DOSSIER
    """What a fixed ``amount`` is paid for: ``dossier``, ``copy`` or ``page``."""
    per_page: Annotated[tuple[PageRate, ...], lax()] | None = None
    """A per-page scale: rates in page order, the first from page 1."""
    max_per_copy: Dong | None = None
    """The cap of a per-page scale, per copy."""
    set_by: Text | None = None
    """The body that sets the amount, when the national entry cannot state it."""
    applies_when: Text | None = None
    """When the payment is due, e.g. ``late registration (after 60 days)``."""
    exemptions: Annotated[tuple[Text, ...], lax()] = ()
    """Who pays nothing."""
    legal_basis: Annotated[tuple[LegalBasis, ...], lax()] = ()
    """The documents that set the payment."""

    @model_validator(mode="after")
    def _one_way_to_price(self) -> Fee:
        ways = [w for w in ("amount", "per_page", "set_by") if getattr(self, w) is not None]
        if len(ways) != 1:
            raise ValueError(
                "say how much in exactly one way: 'amount', 'per_page' or 'set_by'"
                + (f" (got {', '.join(ways)})" if ways else "")
            )
        if self.max_per_copy is not None and self.per_page is None:
            raise ValueError("'max_per_copy' caps a 'per_page' scale; this fee has none")
        if self.per_page is not None:
            _check_rates(self.per_page)
        return self

    def compute(self, *, pages: int | None = None, copies: int = 1) -> int:
        """The amount in đồng for ``copies`` copies of ``pages`` pages each.

        Args:
            pages: Pages per copy; needed for per-page amounts and scales.
            copies: How many copies (at least 1).

        Raises:
            TypeError: ``pages`` or ``copies`` is not a whole number (``2.5``, ``nan``,
                ``True``): a part of a page or a copy is not priced.
            ValueError: ``pages`` is missing or not positive, ``copies`` is not positive, or
                the amount is set by another body (``set_by``) and unknown here.
        """
        copies = _whole("copies", copies)
        if pages is not None:
            pages = _whole("pages", pages)
        if copies < 1:
            raise ValueError(f"copies must be at least 1, got {copies}")
        if self.set_by is not None:
            raise ValueError(
                f"the amount of {self.name!r} is set by {self.set_by}; "
                "a local overlay of the procedure states it"
            )
        needs_pages = self.per_page is not None or self.per is FeeUnit.PAGE
        if needs_pages and (pages is None or pages < 1):
            raise ValueError(f"{self.name!r} is priced per page: give pages >= 1, got {pages}")
        if self.per_page is not None:
            assert pages is not None  # checked above; for the type checker
            per_copy = _scale(self.per_page, pages)
            if self.max_per_copy is not None:
                per_copy = min(per_copy, self.max_per_copy)
            return per_copy * copies
        assert self.amount is not None  # exactly one way to price
        if self.per is FeeUnit.DOSSIER:
            return self.amount
        if self.per is FeeUnit.COPY:
            return self.amount * copies
        assert pages is not None
        return self.amount * pages * copies


def _whole(name: str, value: object) -> int:
    """``value`` as an int: an int or any integer type (numpy's), never a bool or a float."""
    if isinstance(value, bool):
        raise TypeError(f"{name} must be a whole number, got {value!r}")
    try:
        return operator.index(value)  # type: ignore[arg-type]  # refused below if not
    except TypeError:
        raise TypeError(f"{name} must be a whole number, got {value!r}") from None


def _check_rates(rates: tuple[PageRate, ...]) -> None:
    if not rates:
        raise ValueError("'per_page' needs at least one rate")
    if rates[0].from_page != 1:
        raise ValueError(f"the first per-page rate must start at page 1, not {rates[0].from_page}")
    for before, after in itertools.pairwise(rates):
        if after.from_page <= before.from_page:
            raise ValueError(
                f"per-page rates must start on increasing pages; page {after.from_page} "
                f"comes after page {before.from_page}"
            )


def _scale(rates: tuple[PageRate, ...], pages: int) -> int:
    total = 0
    for index, rate in enumerate(rates):
        end = rates[index + 1].from_page - 1 if index + 1 < len(rates) else pages
        counted = min(end, pages) - rate.from_page + 1
        if counted <= 0:
            break
        total += counted * rate.amount
    return total
