"""What a person must still check in an entry: the catalogue's "needs review" list.

An entry imported from a source that says something the importer could not read
unambiguously (a time limit written as prose, a unit the catalogue has no word for, a
procedure published at several levels) keeps the source's raw text beside the value it
holds, so that ``tthc validate`` can list what a person must check. The value beside a
review item is a placeholder that claims nothing: a time limit that could not be read is
``none`` (no due date), never a guess.
"""

from __future__ import annotations

from tthc.catalog._base import Text, _Model

__all__ = ["Review"]


class Review(_Model):
    """One fact of an entry that a person must check, with the source's own words."""

    field: Text
    """Where in the entry, as a dotted path, e.g. ``cases.standard.online``."""
    reason: Text
    """Why it needs review, as a short stable phrase, e.g. ``time limit in prose``."""
    raw: Text | None = None
    """The source's raw text or value, as published."""

    def __str__(self) -> str:
        return f"{self.field}: {self.reason}" + (f" (source: {self.raw!r})" if self.raw else "")
