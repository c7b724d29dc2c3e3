"""The parts of a portal record that are lists of things: documents and fees.

Shared text helpers live here too: every text the importer keeps is NFC with its runs of
spaces (tabs, no-break spaces) made one space.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

from tthc.catalog._kinds import Channel, FeeKind

__all__ = ["CHANNEL_WORDS", "clean", "documents", "fees", "names_of", "objects"]

#: How the portal's own text names each channel, for a fee charged on some channels only.
CHANNEL_WORDS = {
    Channel.COUNTER: "trực tiếp",
    Channel.ONLINE: "trực tuyến",
    Channel.POSTAL: "bưu chính",
}
_FEES = {
    "FEE": (FeeKind.FEE, "Lệ phí"),
    "SERVICE_FEE": (FeeKind.CHARGE, "Phí"),
    "PRICE_LEVEL": (FeeKind.CHARGE, "Giá"),
}
_SPACES = re.compile(r"[^\S\n]+")


def clean(value: object) -> str:
    """Text as NFC, each run of spaces (tabs, no-break spaces) one space; else empty."""
    if not isinstance(value, str):
        return ""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", value)).strip()


def objects(value: object) -> list[Mapping[str, Any]]:
    """The objects of a JSON list; anything else in the list, or a non-list, is nothing."""
    if not isinstance(value, Sequence) or isinstance(value, str):
        return []
    return [item for item in value if isinstance(item, Mapping)]


def names_of(items: object) -> list[str]:
    """The distinct non-empty ``name`` of each object of a JSON list, in order."""
    names = (clean(i.get("name")) for i in objects(items))
    return list(dict.fromkeys(n for n in names if n))


def documents(data: Mapping[str, Any]) -> tuple[list[dict[str, Any]], list[str]]:
    """The documents of a record, and its components with no count (for the notes).

    ``profileComponents``, then each ``executionCases[]`` group and each ``cases[]`` entry;
    the group's name becomes the document's note.
    """
    notes: list[str] = []
    groups: list[tuple[str, Any]] = [("", objects(data.get("profileComponents")))]
    groups += [
        (clean(g.get("name")), objects(g.get("profileComponents")))
        for g in objects(data.get("executionCases"))
    ]
    groups += [
        (clean(c.get("name")), objects(c.get("profileComponents")))
        for c in objects(data.get("cases"))
    ]
    found = []
    for group, components in groups:
        for component in components:
            name = clean(component.get("name"))
            originals, copies = component.get("originalQty") or 0, component.get("copyQty") or 0
            if not name:
                continue
            if (
                not (isinstance(originals, int) and isinstance(copies, int))
                or originals + copies == 0
            ):
                # A heading or a note in the list of documents: no count to map.
                notes.append(f"Thành phần hồ sơ{f' ({group})' if group else ''}: {name}")
                continue
            document: dict[str, Any] = {
                "name": name,
                "mandatory": component.get("required") is True,
            }
            if originals:
                document["originals"] = originals
            if copies:
                document["copies"] = copies
            if group:
                document["note"] = group
            found.append(document)
    return found, notes


def fees(
    methods: list[tuple[Channel, Mapping[str, Any]]], channels: list[Channel]
) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """The fees of a record's methods, one per distinct fee, and the review items they raise."""
    review: list[dict[str, str]] = []

    def flag(field: str, reason: str, raw: object = None) -> None:
        item = {"field": field, "reason": reason}
        if raw is not None and str(raw).strip():
            item["raw"] = str(raw).strip()
        review.append(item)

    found: dict[tuple[str, object, str], list[Channel]] = {}
    for channel, method in methods:
        for item in objects(method.get("fees")):
            value = item.get("value")
            if not isinstance(value, int | float | None):
                value = repr(value)  # kept as text, flagged below
            key = (str(item.get("type")), value, clean(item.get("description")))
            found.setdefault(key, [])
            if channel not in found[key]:
                found[key].append(channel)
    fees: list[dict[str, Any]] = []
    for (kind, value, text), where in found.items():
        known = _FEES.get(kind)
        if known is None:
            flag("fees", "unknown fee type", kind)
            continue
        fee: dict[str, Any] = {"name": known[1], "kind": known[0].value}
        if kind == "PRICE_LEVEL":
            flag(
                f"fees.{len(fees)}",
                "a price (giá), neither lệ phí nor phí; imported as a charge",
                text,
            )
        if isinstance(value, int | float) and not isinstance(value, bool) and value == int(value):
            fee["amount"] = int(value)
            if text:
                fee["applies_when"] = text
        elif text:
            fee["set_by"] = text
        else:
            flag("fees", "a fee with neither an amount nor a text", f"{kind} {value!r}")
            continue
        if len(where) < len(channels):
            channels_text = ", ".join(CHANNEL_WORDS[c] for c in where)
            fee["applies_when"] = f"Nộp {channels_text}" + (
                f": {fee['applies_when']}" if "applies_when" in fee else ""
            )
        fees.append(fee)
    return fees, review
