"""Reading ahead: the next record batches decoded on a second thread while these are counted.

Decoding a Parquet row group (pyarrow) and counting a batch (numpy) both release the GIL
for most of their work, so on a machine with two cores or more the two overlap. At most
``ahead`` batches wait decoded, so memory stays bounded whatever the file's size.
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Iterable, Iterator
from typing import TypeVar, cast

T = TypeVar("T")

_DONE = object()  # the reader's last message: no more items


class _Failed:
    """The reader's exception, raised again in the consumer's thread."""

    __slots__ = ("error",)

    def __init__(self, error: BaseException) -> None:
        self.error = error


def read_ahead(items: Iterable[T], *, ahead: int = 2) -> Iterator[T]:
    """The items of ``items`` in order, produced by a background thread up to ``ahead`` early.

    An exception the producer raises is raised here, where its item would have come. When
    the consumer stops early (an error in a row, a ``break``), closing this generator stops
    the producer after the item it is making: no thread is left blocked.
    """
    waiting: queue.Queue[object] = queue.Queue(maxsize=ahead)
    stop = threading.Event()

    def put(item: object) -> bool:
        while not stop.is_set():
            try:
                waiting.put(item, timeout=0.05)
            except queue.Full:
                continue
            return True
        return False

    def produce() -> None:
        try:
            for item in items:
                if not put(item):
                    return
        except BaseException as error:
            put(_Failed(error))
            return
        put(_DONE)

    reader = threading.Thread(target=produce, name="tthc-read-ahead", daemon=True)
    reader.start()
    try:
        while True:
            item = waiting.get()
            if item is _DONE:
                return
            if isinstance(item, _Failed):
                raise item.error
            yield cast("T", item)  # an item of ``items``
    finally:
        stop.set()
        reader.join()
