"""Reading ahead on a second thread: the same items in order, errors where they happened,
bounded, and no thread left behind."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tthc.reports._prefetch import read_ahead


def readers() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "tthc-read-ahead"]


@given(st.lists(st.integers()), st.integers(min_value=1, max_value=4))
def test_the_items_come_in_order_all_of_them(items: list[int], ahead: int) -> None:
    assert list(read_ahead(iter(items), ahead=ahead)) == items
    assert not readers()


def test_an_error_is_raised_where_its_item_would_have_come() -> None:
    def items() -> Iterator[int]:
        yield 1
        yield 2
        raise OSError("row group 3: checksum mismatch")

    got: list[int] = []
    with pytest.raises(OSError, match="row group 3"):
        got.extend(read_ahead(items()))
    assert got == [1, 2]
    assert not readers()


def test_the_reader_stays_at_most_ahead_items_in_front() -> None:
    made: list[int] = []

    def items() -> Iterator[int]:
        for i in range(1_000):
            made.append(i)
            yield i

    stream = read_ahead(items(), ahead=2)
    assert next(stream) == 0
    time.sleep(0.3)  # time for the reader to run as far as it may
    # Two waiting in the queue and one made but not yet put: never the whole file.
    assert len(made) <= 1 + 2 + 1
    stream.close()
    assert not readers()


def test_stopping_early_stops_the_reader() -> None:
    def endless() -> Iterator[int]:
        i = 0
        while True:
            yield i
            i += 1

    for i in read_ahead(endless()):
        if i == 5:
            break
    # The generator is closed when collected; closing it explicitly joins the thread too.
    stream = read_ahead(endless())
    next(stream)
    stream.close()
    assert not readers()
