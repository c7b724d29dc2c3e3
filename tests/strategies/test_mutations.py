"""Each mistake of invalid_catalog_documents, on its own: exactly the issue it announces."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tthc import Duration
from tthc.catalog import parse_catalog
from tthc.errors import CatalogError
from tthc.strategies import CatalogDocument, catalog_documents
from tthc.strategies._catalog import dump
from tthc.strategies._mutations import _MUTATIONS, _longer


@pytest.mark.parametrize("name", list(_MUTATIONS))
def test_each_mistake_gives_exactly_its_issue(name: str) -> None:
    documents = catalog_documents(max_size=2, max_overlays=2)
    if name.startswith("overlay"):
        documents = documents.filter(lambda document: bool(document.overlays))
    applied = []

    @settings(max_examples=5, deadline=None)
    @given(documents, st.data())
    def mutated(document: CatalogDocument, data: st.DataObject) -> None:
        outcome = _MUTATIONS[name](data.draw, document)
        if outcome is None:  # the file has nothing this mistake applies to
            return
        applied.append(name)
        changed, code, path = outcome
        text = changed if isinstance(changed, str) else dump(changed)
        with pytest.raises(CatalogError) as error:
            parse_catalog(text)
        assert [(i.code, i.path) for i in error.value.issues] == [(code, path)]

    mutated()
    assert applied  # the mistake could be made in some file


def test_longer_time_limits_for_the_lengthening_overlay() -> None:
    assert _longer(Duration.none()) is None  # nothing is longer than no time limit
    assert _longer(Duration.immediate()) == Duration.working_days(2)
    assert _longer(Duration.parse("10 days then 3 working days")) == Duration.parse(
        "11 days then 3 working days"
    )
    assert _longer(Duration.parse("same day then 3 working days")) == Duration.parse(
        "2 working days then 3 working days"
    )


@settings(max_examples=5, deadline=None)
@given(
    catalog_documents(time_limits=st.just(Duration.none()), max_overlays=2).filter(
        lambda document: bool(document.overlays)
    ),
    st.data(),
)
def test_an_overlay_cannot_lengthen_no_time_limit(
    document: CatalogDocument, data: st.DataObject
) -> None:
    assert _MUTATIONS["overlay lengthening a time limit"](data.draw, document) is None


@settings(max_examples=5, deadline=None)
@given(catalog_documents(time_limits=st.just(Duration.immediate()), max_overlays=0), st.data())
def test_mistakes_that_need_something_the_file_lacks_are_not_made(
    document: CatalogDocument, data: st.DataObject
) -> None:
    """No overlay to spoil, no counted time limit for a process to miss."""
    for name in (
        "process budgets that do not add up",
        "overlay lengthening a time limit",
        "overlay of a code not in the file",
        "overlay code not starting with the national one",
    ):
        assert _MUTATIONS[name](data.draw, document) is None
