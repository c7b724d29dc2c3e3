"""The hints tthc adds to a message come first, in the catalogue author's languages."""

from __future__ import annotations

import pytest

from tthc.catalog import parse_catalog
from tthc.errors import CatalogError

ENTRY = """\
procedures:
  - code: "1.000001"
    name: Example
    field: Example
    level: commune
    agency: Ủy ban nhân dân cấp xã
    valid_from: 2026-01-01
    channels: [counter]
    result: A certificate
    cases:
      - {id: standard, name: Standard, time_limit: 3 working days}
    legal_basis: [{document: Example law}]
"""


def only_issue(text: str) -> str:
    with pytest.raises(CatalogError) as caught:
        parse_catalog(text, file="a.yaml")
    (issue,) = caught.value.issues
    return issue.message


def test_an_unaccented_time_limit_is_answered_with_the_vietnamese_it_meant() -> None:
    message = only_issue(ENTRY.replace("3 working days", "3 ngay lam viec"))
    assert message.startswith(
        "not a duration: '3 ngay lam viec'; Vietnamese needs its diacritics (dấu): "
        "did you mean '3 ngày làm việc'?"
    )
    assert "(in Vietnamese '3 ngày làm việc'" in message


def test_a_tab_is_explained_before_the_parsers_own_words() -> None:
    message = only_issue(ENTRY.replace("    name: Example", "\tname: Example"))
    assert message.startswith("this is a tab character")
    assert "ký tự tab" in message
