"""Vietnamese typed without its diacritics (``3 ngay lam viec``), told apart and restored.

Keyboards without a Vietnamese input method drop the tone marks and the ``đ``; a parser
that reads ``3 ngày làm việc`` then sees ``3 ngay lam viec`` as unknown text. These helpers
fold text to its bare letters, say whether it uses a word of a given vocabulary, and put
the marks back on the vocabulary's words, so a message can say what was meant.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

__all__ = ["fold", "restorations", "uses_words"]


def fold(text: str) -> str:
    """``text`` in lower case without diacritics (``đ`` becomes ``d``).

    >>> fold("Không quy định thời hạn")
    'khong quy dinh thoi han'
    """
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "d"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def uses_words(text: str, words: Iterable[str]) -> bool:
    """Whether ``text``, with or without its diacritics, contains one of ``words``.

    >>> uses_words("3 ngay lam viec", ["ngày làm việc"]), uses_words("3 weeks", ["ngày"])
    (True, False)
    """
    folded = fold(text)
    return any(_word_pattern(fold(word)).search(folded) for word in words)


def restorations(text: str, words: Iterable[str]) -> Iterator[str]:
    """``text`` with each of ``words`` written with its diacritics, longest words first.

    Where two words fold to the same letters (``ngày``, ``ngay``), each choice is tried, in
    the order of ``words``:

    >>> list(restorations("3 ngay lam viec", ["ngày làm việc", "ngày", "ngay"]))
    ['3 ngày làm việc']
    >>> list(restorations("15 ngay", ["ngày", "ngay"]))
    ['15 ngày', '15 ngay']
    """
    by_folded: dict[str, list[str]] = {}
    for word in words:
        by_folded.setdefault(fold(word), []).append(word)
    ordered = sorted(by_folded, key=len, reverse=True)
    yield from _restore(fold(text), ordered, by_folded)


def _restore(folded: str, ordered: list[str], by_folded: dict[str, list[str]]) -> Iterator[str]:
    for index, bare in enumerate(ordered):
        match = _word_pattern(bare).search(folded)
        if match is None:
            continue
        for word in by_folded[bare]:
            head, tail = folded[: match.start()], folded[match.end() :]
            for rest in _restore(tail, ordered, by_folded):
                for start in _restore(head, ordered[index + 1 :], by_folded):
                    yield start + word + rest
        return
    yield folded


def _word_pattern(bare: str) -> re.Pattern[str]:
    spaced = r"\s+".join(re.escape(part) for part in bare.split())
    return re.compile(rf"(?<!\w){spaced}(?!\w)")
