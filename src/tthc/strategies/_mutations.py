"""Invalid catalogue files: a valid one with one mistake, and the issue it must produce.

Each mutation makes exactly one mistake a person makes in a catalogue file, and knows the
issue the loader must report for it: its code and its path inside the document. A
mutation that breaks a procedure entry also drops the overlays of that code, so that the
file holds exactly that one mistake.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from tthc.duration import Duration, DurationKind
from tthc.errors import Issue
from tthc.strategies._catalog import CatalogDocument, catalog_documents, dump
from tthc.strategies._catalog_data import DISTRICT_END

if TYPE_CHECKING:
    from tthc.catalog import Procedure

__all__ = ["InvalidCatalogDocument", "invalid_catalog_documents"]

_K = DurationKind
Path = tuple[str | int, ...]
_Outcome = tuple[dict[str, Any] | str, str, Path]
_REQUIRED = (
    "name",
    "code",
    "field",
    "level",
    "agency",
    "valid_from",
    "channels",
    "result",
    "cases",
    "legal_basis",
)
_UNKNOWN_CODE = "9.999999"  # generated national codes start with 1, 2 or 3


@dataclass(frozen=True)
class InvalidCatalogDocument:
    """A catalogue file with one mistake, and the issue loading it must report.

    Attributes:
        text: The file's YAML text.
        code: The expected :attr:`tthc.errors.Issue.code` (``"missing"``, ``"budget"`` ...).
        path: The expected :attr:`tthc.errors.Issue.path` inside the document.
        mutation: What was changed, in words (shown when a test fails).
    """

    text: str
    code: str
    path: Path
    mutation: str

    def expects(self, issue: Issue) -> bool:
        """Whether ``issue`` is the one this mistake must produce (same code and path)."""
        return issue.code == self.code and issue.path == self.path


def invalid_catalog_documents(
    *,
    min_size: int = 1,
    max_size: int | None = None,
    max_overlays: int = 2,
    time_limits: st.SearchStrategy[Duration] | None = None,
) -> st.SearchStrategy[InvalidCatalogDocument]:
    """Catalogue files with exactly one mistake, each paired with the issue it must produce.

    A file from :func:`catalog_documents` (same arguments) is changed once: a key written
    twice (``duplicate-key``), a required field removed (``missing``), an unknown field
    (``unknown-field``), a level that is not one (``type``), ``valid_to`` before
    ``valid_from`` (``dates``), a case id twice (``duplicate``), a time limit that is not one
    (``invalid``), a document naming a form that does not exist (``unknown-reference``),
    process budgets that do not add up (``budget``), a district level after 30/06/2025
    (``district-level``), an online level without the online channel (``online-level``), two
    default cases (``default-case``), two versions in force at once
    (``overlapping-versions``), a YAML syntax error (``syntax``), an unknown key at the top
    (``unknown-field``), and for overlays: a local time limit longer than the statutory one
    (``lengthens``), a national code not in the file (``unknown-reference``), a local code
    that does not start with it (``overlay-code``).

    Loading the text must raise :class:`~tthc.errors.CatalogError` whose only issue
    :meth:`~InvalidCatalogDocument.expects` accepts.

    Raises:
        hypothesis.errors.InvalidArgument: As :func:`catalog_documents`.

    Examples shrink towards the smallest file of :func:`catalog_documents` with its
    ``procedures`` key written twice, then towards the mistakes in the order above.

    >>> from hypothesis import given, settings
    >>> from tthc.catalog import parse_catalog
    >>> from tthc.errors import CatalogError
    >>> from tthc.strategies import invalid_catalog_documents
    >>> @settings(max_examples=5)
    ... @given(invalid_catalog_documents())
    ... def test_the_mistake_is_reported(document):
    ...     try:
    ...         parse_catalog(document.text)
    ...     except CatalogError as error:
    ...         assert [document.expects(issue) for issue in error.issues] == [True]
    ...     else:
    ...         raise AssertionError(f"{document.mutation} was not reported")
    >>> test_the_mistake_is_reported()
    """
    valid = catalog_documents(
        min_size=min_size, max_size=max_size, max_overlays=max_overlays, time_limits=time_limits
    )
    return _invalid(valid)


@st.composite
def _invalid(
    draw: st.DrawFn, documents: st.SearchStrategy[CatalogDocument]
) -> InvalidCatalogDocument:
    document = draw(documents)
    names = list(_MUTATIONS)
    first = draw(st.sampled_from(range(len(names))))  # uniform, and shrinks to 0
    for name in names[first:] + names[:first]:  # the first always applies
        outcome = _MUTATIONS[name](draw, document)
        if outcome is not None:
            changed, code, path = outcome
            text = changed if isinstance(changed, str) else dump(changed)
            return InvalidCatalogDocument(text, code, path, name)
    raise AssertionError("a mutation always applies")  # pragma: no cover


# ---------------------------------------------------------------- helpers


def _pick(draw: st.DrawFn, items: list[Any] | tuple[Any, ...]) -> int:
    return draw(st.integers(0, len(items) - 1))


def _entry(draw: st.DrawFn, document: CatalogDocument) -> tuple[dict[str, Any], int]:
    """A copy of the data with the overlays of one drawn procedure's code dropped."""
    data = copy.deepcopy(document.data)
    index = _pick(draw, data["procedures"])
    code = data["procedures"][index]["code"]
    kept = [o for o in data.get("overlays", ()) if o["extends"] != code]
    data.pop("overlays", None)
    if kept:
        data["overlays"] = kept
    return data, index


def _longer(limit: Duration) -> Duration | None:
    """A limit longer than ``limit`` for some receipt; ``None`` when nothing is (no limit)."""
    if limit.kind in (_K.WORKING_DAYS, _K.CALENDAR_DAYS, _K.WORKING_HOURS):
        return Duration(limit.kind, limit.amount + 1)
    if limit.kind in (_K.SAME_DAY, _K.IMMEDIATE):
        return Duration.working_days(2)
    if limit.kind is _K.PHASES:
        first = _longer(limit.phases[0])
        return Duration.sequence(first, *limit.phases[1:]) if first is not None else None
    return None


def _national(document: CatalogDocument, code: str) -> Procedure:
    """The latest version of ``code`` in the file (the one overlays extend)."""
    return [p for p in document.procedures if p.code == code][-1]


# ---------------------------------------------------------------- mutations


def _missing(draw: st.DrawFn, document: CatalogDocument) -> _Outcome:
    data, i = _entry(draw, document)
    field = draw(st.sampled_from(_REQUIRED))
    del data["procedures"][i][field]
    return data, "missing", ("procedures", i, field)


def _unknown_field(draw: st.DrawFn, document: CatalogDocument) -> _Outcome:
    data, i = _entry(draw, document)
    data["procedures"][i]["colour"] = "đỏ"
    return data, "unknown-field", ("procedures", i, "colour")


def _bad_level(draw: st.DrawFn, document: CatalogDocument) -> _Outcome:
    data, i = _entry(draw, document)
    data["procedures"][i]["level"] = "xã"
    return data, "not-one-of", ("procedures", i, "level")


def _dates(draw: st.DrawFn, document: CatalogDocument) -> _Outcome:
    data, i = _entry(draw, document)
    entry = data["procedures"][i]
    entry["valid_to"] = entry["valid_from"] - dt.timedelta(days=1)
    return data, "dates", ("procedures", i, "valid_to")


def _duplicate_case(draw: st.DrawFn, document: CatalogDocument) -> _Outcome:
    data, i = _entry(draw, document)
    cases = data["procedures"][i]["cases"]
    twin = {k: v for k, v in cases[0].items() if k != "default"}
    cases.append(twin)
    return data, "duplicate", ("procedures", i, "cases", len(cases) - 1, "id")


def _bad_time_limit(draw: st.DrawFn, document: CatalogDocument) -> _Outcome:
    data, i = _entry(draw, document)
    j = _pick(draw, data["procedures"][i]["cases"])
    data["procedures"][i]["cases"][j]["time_limit"] = "3 tuần"
    return data, "invalid", ("procedures", i, "cases", j, "time_limit")


def _unknown_form(draw: st.DrawFn, document: CatalogDocument) -> _Outcome:
    data, i = _entry(draw, document)
    documents = data["procedures"][i].setdefault("documents", [])
    documents.append({"name": "Giấy tờ khác", "copies": 1, "form": "no-such-form"})
    return data, "unknown-reference", ("procedures", i, "documents", len(documents) - 1, "form")


def _budget(draw: st.DrawFn, document: CatalogDocument) -> _Outcome | None:
    data, i = _entry(draw, document)
    cases = document.procedures[i].cases
    counted = [j for j, c in enumerate(cases) if c.time_limit.kind not in (_K.IMMEDIATE, _K.NONE)]
    if not counted:
        return None
    j = draw(st.sampled_from(counted))
    limit = cases[j].time_limit
    parts = limit.phases or (limit,)
    minutes = 9 * 60 if limit.kind is _K.SAME_DAY else sum(p.working_minutes or 0 for p in parts)
    budget = Duration.working_hours((minutes + 60) / 60)
    step = {"name": "Xử lý", "unit": "Phòng chuyên môn", "budget": str(budget)}
    data["procedures"][i]["cases"][j]["process"] = [step]
    return data, "budget", ("procedures", i, "cases", j, "process")


def _district(draw: st.DrawFn, document: CatalogDocument) -> _Outcome | None:
    data, i = _entry(draw, document)
    entry = data["procedures"][i]
    end = entry.get("valid_to")
    if end is not None and end <= DISTRICT_END:
        return None
    entry["level"] = "district"
    return data, "district-level", ("procedures", i, "level")


def _online_level(draw: st.DrawFn, document: CatalogDocument) -> _Outcome:
    data, i = _entry(draw, document)
    entry = data["procedures"][i]
    entry["channels"] = ["counter"]
    for case in entry["cases"]:
        case.pop("time_limit_by_channel", None)
    entry["online_level"] = "full"
    return data, "online-level", ("procedures", i, "online_level")


def _two_defaults(draw: st.DrawFn, document: CatalogDocument) -> _Outcome:
    data, i = _entry(draw, document)
    cases = data["procedures"][i]["cases"]
    for case in cases:
        case.pop("default", None)
    cases[0]["default"] = True
    ids = {case["id"] for case in cases}
    new_id = next(f"extra-{n}" for n in range(len(ids) + 1) if f"extra-{n}" not in ids)
    cases.append({"id": new_id, "name": "Khác", "default": True, "time_limit": "1 working day"})
    return data, "default-case", ("procedures", i, "cases", len(cases) - 1, "default")


def _overlapping(draw: st.DrawFn, document: CatalogDocument) -> _Outcome:
    data = copy.deepcopy(document.data)
    i = _pick(draw, data["procedures"])
    data["procedures"].append(copy.deepcopy(data["procedures"][i]))
    return data, "overlapping-versions", ("procedures", len(data["procedures"]) - 1, "valid_from")


def _duplicate_key(draw: st.DrawFn, document: CatalogDocument) -> _Outcome:
    return document.text + "procedures: []\n", "duplicate-key", ("procedures",)


def _syntax(draw: st.DrawFn, document: CatalogDocument) -> _Outcome:
    return document.text + "]\n", "syntax", ()


def _unknown_root(draw: st.DrawFn, document: CatalogDocument) -> _Outcome:
    data = copy.deepcopy(document.data)
    data["procedure"] = []
    return data, "unknown-field", ("procedure",)


def _overlay(draw: st.DrawFn, document: CatalogDocument) -> tuple[dict[str, Any], int] | None:
    if not document.overlays:
        return None
    data = copy.deepcopy(document.data)
    return data, _pick(draw, data["overlays"])


def _lengthens(draw: st.DrawFn, document: CatalogDocument) -> _Outcome | None:
    found = _overlay(draw, document)
    if found is None:
        return None
    data, k = found
    overlay = data["overlays"][k]
    national = _national(document, overlay["extends"])
    longer = {c.id: _longer(c.time_limit) for c in national.cases}
    ids = [case_id for case_id, limit in longer.items() if limit is not None]
    if not ids:
        return None
    case_id = draw(st.sampled_from(ids))
    overlay.setdefault("cases", {})[case_id] = {"time_limit": str(longer[case_id])}
    return data, "lengthens", ("overlays", k, "cases", case_id, "time_limit")


def _no_national(draw: st.DrawFn, document: CatalogDocument) -> _Outcome | None:
    found = _overlay(draw, document)
    if found is None:
        return None
    data, k = found
    data["overlays"][k]["extends"] = _UNKNOWN_CODE
    data["overlays"][k]["code"] = f"{_UNKNOWN_CODE}.000.00.00.Z01"
    return data, "unknown-reference", ("overlays", k, "extends")


def _overlay_code(draw: st.DrawFn, document: CatalogDocument) -> _Outcome | None:
    found = _overlay(draw, document)
    if found is None:
        return None
    data, k = found
    data["overlays"][k]["code"] = f"{_UNKNOWN_CODE}.000.00.00.Z02"
    return data, "overlay-code", ("overlays", k, "code")


#: Every mutation by name. The first always applies, and draws nothing, so examples shrink
#: to it.
_MUTATIONS: dict[str, Callable[[st.DrawFn, CatalogDocument], _Outcome | None]] = {
    "key written twice": _duplicate_key,
    "missing field": _missing,
    "unknown field": _unknown_field,
    "level that is not one": _bad_level,
    "valid_to before valid_from": _dates,
    "case id twice": _duplicate_case,
    "time limit that is not one": _bad_time_limit,
    "document naming a missing form": _unknown_form,
    "process budgets that do not add up": _budget,
    "district level after 30/06/2025": _district,
    "online level without the online channel": _online_level,
    "two default cases": _two_defaults,
    "two versions in force at once": _overlapping,
    "YAML syntax error": _syntax,
    "unknown key at the top": _unknown_root,
    "overlay lengthening a time limit": _lengthens,
    "overlay of a code not in the file": _no_national,
    "overlay code not starting with the national one": _overlay_code,
}
