"""`Issue.received`: the value a problem is about, as text, bounded; and the finer codes."""

from __future__ import annotations

import pytest

from tthc.catalog import parse_catalog
from tthc.errors import RECEIVED_LIMIT, CatalogError

ENTRY = """\
procedures:
  - code: "1.000001"
    name: Example
    field: Example
    level: {level}
    agency: Ủy ban nhân dân cấp xã
    valid_from: {valid_from}
    channels: [counter]
    result: A certificate
    cases:
      - {{id: standard, name: Standard, time_limit: 3 working days, default: {default}}}
    fees: [{{name: Lệ phí, kind: fee, amount: {amount}}}]
    legal_basis: [{{document: Example law}}]
"""
GOOD = {"level": "commune", "valid_from": "2026-01-01", "default": "true", "amount": "0"}


def issue_for(**change: str) -> tuple[str, str | None]:
    with pytest.raises(CatalogError) as caught:
        parse_catalog(ENTRY.format(**{**GOOD, **change}), file="a.yaml")
    (issue,) = caught.value.issues
    return issue.code, issue.received


@pytest.mark.parametrize(
    ("change", "code", "received"),
    [
        # What was one code, "type", is now one code per kind of problem.
        ({"amount": "-5"}, "below-minimum", "-5"),
        ({"level": "county"}, "not-one-of", "county"),
        ({"valid_from": "2026-13-01"}, "expected-date", "2026-13-01"),
        ({"amount": "50.000"}, "expected-whole-number", "50.000"),
        ({"amount": "2.5"}, "expected-whole-number", "2.5"),
        ({"default": "maybe"}, "expected-boolean", "maybe"),
        ({"level": "[commune]"}, "not-one-of", '["commune"]'),
        ({"level": "''"}, "not-one-of", ""),
        ({"level": "~"}, "not-one-of", "null"),
    ],
)
def test_each_kind_of_value_problem_has_its_code_and_the_value(
    change: dict[str, str], code: str, received: str
) -> None:
    assert issue_for(**change) == (code, received)


def test_a_long_value_is_cut_with_an_ellipsis() -> None:
    code, received = issue_for(level="x" * 5000)
    assert code == "not-one-of"
    assert received == "x" * (RECEIVED_LIMIT - 1) + "…"


def test_missing_and_unknown_fields() -> None:
    text = ENTRY.format(**GOOD).replace("    result: A certificate\n", "    reslut: A\n")
    with pytest.raises(CatalogError) as caught:
        parse_catalog(text, file="a.yaml")
    found = {(i.code, i.received) for i in caught.value.issues}
    assert found == {("missing", None), ("unknown-field", "reslut")}
