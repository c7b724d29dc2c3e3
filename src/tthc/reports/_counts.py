"""Bucket codes counted per group and window in arrays, across the slices of a report.

Each slice numbers its groups by the labels it holds; a :class:`Counts` numbers them once
for the report, by their keys, and keeps its distinct keys with their counts in arrays.
"""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    import numpy as np

__all__ = ["Counts", "Groups"]


class Groups(Protocol):
    """The groups of one slice: how many numbers, and the key of a number."""

    @property
    def count(self) -> int:
        """How many group numbers there may be."""

    def key(self, g: int) -> object:
        """The streaming engine's key of group number ``g``."""


class Counts:
    """Bucket codes counted per group and window, across batches.

    A group is numbered afresh in each batch (by the labels that batch holds); here it gets
    one number for the whole report, by its key, so counting stays in arrays: a batch adds
    its distinct ``(group * windows + window) << 10 | code`` keys and their counts, summed
    once at the end.
    """

    def __init__(self, windows: int) -> None:
        self.windows = windows
        self.names: dict[object, int] = {}  # the streaming engine's group key -> its number
        self.parts: list[tuple[np.ndarray, np.ndarray]] = []
        self.total: defaultdict[int, int] = defaultdict(int)

    def add(self, groups: Groups, keys: list[np.ndarray]) -> None:
        """Count ``keys``: ``(group * windows + window) << 10 | code``."""
        import numpy as np  # noqa: PLC0415

        key = np.concatenate(keys) if keys else np.zeros(0, dtype=np.int64)
        if len(key) == 0:
            return
        windows = self.windows
        # The codes present, numbered 0..k-1: a dense count over cells times k codes, not
        # times every possible code, where that beats a sort.
        present = np.flatnonzero(np.bincount(key & 1023, minlength=1024))
        k = len(present)
        bins = groups.count * windows * k
        if bins <= min(1 << 22, 8 * len(key)):
            slot = np.zeros(1024, dtype=np.int64)
            slot[present] = np.arange(k)
            tally = np.bincount((key >> 10) * k + slot[key & 1023], minlength=bins)
            dense = np.flatnonzero(tally != 0)  # through a mask: faster
            n = tally[dense]
            found = ((dense // k) << 10) | present[dense % k]
        else:
            found, n = np.unique(key, return_counts=True)
        group = (found >> 10) // windows
        seen, which = np.unique(group, return_inverse=True)
        names = self.names
        number = np.asarray(
            [names.setdefault(groups.key(g), len(names)) for g in seen.tolist()], np.int64
        )
        self._append(found - ((group * windows) << 10) + ((number[which] * windows) << 10), n)

    def _append(self, keys: np.ndarray, n: np.ndarray) -> None:
        self.parts.append((keys, n))
        if len(self.parts) >= 64:  # bounded: fold the parts so far into one
            self.parts = [self.summed()]

    def merge(self, other: Counts) -> None:
        """Add the counts of ``other`` (a slice of the same report, numbered on its own)."""
        import numpy as np  # noqa: PLC0415

        names, windows = self.names, self.windows
        number = np.asarray([names.setdefault(name, len(names)) for name in other.names], np.int64)
        for keys, n in other.parts:
            group = (keys >> 10) // windows
            self._append(keys + (((number[group] - group) * windows) << 10), n)
        for code, n_code in other.total.items():
            self.total[code] += n_code

    def summed(self) -> tuple[np.ndarray, np.ndarray]:
        """Every key counted so far, once, with its count."""
        import numpy as np  # noqa: PLC0415

        if not self.parts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        if len(self.parts) == 1:
            return self.parts[0]
        keys = np.concatenate([k for k, _ in self.parts])
        counts = np.concatenate([n for _, n in self.parts])
        order = np.argsort(keys, kind="stable")
        keys, counts = keys[order], counts[order]
        first = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
        return keys[first], np.add.reduceat(counts, first)

    def add_total(self, codes: np.ndarray) -> None:
        import numpy as np  # noqa: PLC0415

        if len(codes):
            tally = np.bincount(codes, minlength=1024)
            for code in np.flatnonzero(tally).tolist():
                self.total[code] += int(tally[code])
