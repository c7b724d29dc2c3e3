"""Fees: fixed amounts, the certified-copy scale (TT 226/2016/TT-BTC), amounts set elsewhere."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from tthc.catalog import Fee

CERTIFIED_COPY = Fee.model_validate(
    {
        "name": "Phí chứng thực bản sao từ bản chính",
        "kind": "charge",
        "per_page": [{"from_page": 1, "amount": 2000}, {"from_page": 3, "amount": 1000}],
        "max_per_copy": 200_000,
    }
)


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        (1, 2_000),  # 2,000 đ per page for pages 1 and 2
        (2, 4_000),
        (3, 5_000),  # 1,000 đ per page from page 3
        (10, 12_000),
        (198, 200_000),  # exactly the cap
        (199, 200_000),  # capped at 200,000 đ per copy
        (1_000, 200_000),
    ],
)
def test_certified_copy_scale_per_copy(pages: int, expected: int) -> None:
    assert CERTIFIED_COPY.compute(pages=pages) == expected


def test_the_cap_applies_to_each_copy() -> None:
    assert CERTIFIED_COPY.compute(pages=5, copies=3) == 3 * 7_000
    assert CERTIFIED_COPY.compute(pages=500, copies=2) == 400_000


@given(st.integers(min_value=1, max_value=10_000))
def test_the_scale_never_decreases_with_pages_and_never_exceeds_the_cap(pages: int) -> None:
    amount = CERTIFIED_COPY.compute(pages=pages)
    assert amount <= 200_000
    assert CERTIFIED_COPY.compute(pages=pages + 1) >= amount


def test_a_scale_without_a_cap_keeps_growing() -> None:
    fee = Fee(name="Pages", kind="charge", per_page=[{"from_page": 1, "amount": 500}])
    assert fee.compute(pages=1_000) == 500_000


@pytest.mark.parametrize(
    ("per", "expected"),
    [("dossier", 8_000), ("copy", 24_000), ("page", 8_000 * 3 * 5)],
)
def test_fixed_amounts_per_dossier_copy_or_page(per: str, expected: int) -> None:
    fee = Fee(name="Fixed", kind="fee", amount=8_000, per=per)
    assert fee.compute(pages=5, copies=3) == expected


def test_an_amount_set_by_another_body_cannot_be_computed() -> None:
    fee = Fee(name="Late registration", kind="fee", set_by="Hội đồng nhân dân cấp tỉnh")
    with pytest.raises(ValueError, match="set by Hội đồng nhân dân cấp tỉnh"):
        fee.compute()


@pytest.mark.parametrize(("pages", "copies"), [(None, 1), (0, 1), (5, 0)])
def test_pages_and_copies_must_be_positive(pages: int | None, copies: int) -> None:
    with pytest.raises(ValueError, match=r"pages|copies"):
        CERTIFIED_COPY.compute(pages=pages, copies=copies)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"amount": 1, "set_by": "x"}, "exactly one way"),
        ({}, "exactly one way"),
        ({"per_page": []}, "at least one rate"),
        ({"per_page": [{"from_page": 2, "amount": 1}]}, "start at page 1"),
        (
            {"per_page": [{"from_page": 1, "amount": 1}, {"from_page": 1, "amount": 2}]},
            "increasing pages",
        ),
        ({"amount": 1, "max_per_copy": 5}, "caps a 'per_page' scale"),
        ({"amount": -1}, "greater than or equal"),
        ({"amount": 1.5}, "integer"),
        ({"amount": "8.000"}, "integer"),
    ],
)
def test_a_fee_says_how_much_in_exactly_one_valid_way(
    data: dict[str, object], message: str
) -> None:
    with pytest.raises(ValidationError, match=message):
        Fee.model_validate({"name": "Fee", "kind": "fee", **data})


@pytest.mark.parametrize(
    ("pages", "copies", "name"),
    [
        (2.5, 1, "pages"),
        (float("nan"), 1, "pages"),
        (float("inf"), 1, "pages"),
        (2.0, 1, "pages"),
        (True, 1, "pages"),
        ("3", 1, "pages"),
        (3, 2.5, "copies"),
        (3, float("nan"), "copies"),
        (3, True, "copies"),
    ],
)
def test_a_part_of_a_page_or_a_copy_is_refused(pages: object, copies: object, name: str) -> None:
    """pages=2.5 used to cost 4,500.0 đồng and pages=nan nan."""
    for fee in (CERTIFIED_COPY, Fee(name="x", kind="fee", amount=1_000, per="page")):
        with pytest.raises(TypeError, match=f"^{name} must be a whole number, got "):
            fee.compute(pages=pages, copies=copies)  # type: ignore[arg-type]


def test_any_integer_type_counts_pages() -> None:
    class Pages:
        def __index__(self) -> int:
            return 3

    three: int = Pages()  # type: ignore[assignment]  # an integer type, as numpy's are
    assert CERTIFIED_COPY.compute(pages=three, copies=three) == 3 * CERTIFIED_COPY.compute(pages=3)
