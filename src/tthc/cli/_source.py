"""The input of ``tthc report``: a file by name, or standard input when the name is ``-``.

A file named ``*.gz`` is read through gzip; standard input is when its first bytes are
gzip's mark (``1f 8b``), since it has no name to tell. The source also says its size and
how much of it is read (bytes of the file as stored, compressed or not), for the progress
line; a pipe says neither.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, cast

from tthc.reports._readers import _Gunzip

__all__ = ["STDIN", "STDIN_NAME", "Source", "open_source"]

#: The file name that means standard input.
STDIN = "-"
#: How messages name standard input (``<stdin>:12: ...``).
STDIN_NAME = "<stdin>"
_GZIP_MARK = b"\x1f\x8b"


@dataclass(frozen=True)
class Source:
    """An open input: its bytes (uncompressed), its name, its size and the bytes read."""

    handle: IO[bytes]
    name: str
    size: int | None
    position: Callable[[], int | None]


def _size(raw: IO[bytes]) -> int | None:
    """The size of a regular file behind ``raw``; None for a pipe or a stream without one."""
    try:
        info = os.fstat(raw.fileno())
    except (AttributeError, OSError, ValueError):  # io.BytesIO and the like have no fileno
        return None
    return info.st_size if stat.S_ISREG(info.st_mode) else None


def _position(raw: IO[bytes]) -> Callable[[], int | None]:
    def position() -> int | None:
        try:
            return raw.tell()
        except (OSError, ValueError):  # a pipe cannot tell; a closed file neither
            return None

    return position


def _gzipped(raw: IO[bytes]) -> bool:
    """Whether the next bytes of ``raw`` are gzip's mark; nothing is consumed."""
    peek = getattr(raw, "peek", None)
    return peek is not None and bytes(peek(len(_GZIP_MARK))[: len(_GZIP_MARK)]) == _GZIP_MARK


@contextlib.contextmanager
def open_source(file: str, stdin: Callable[[], IO[bytes]]) -> Iterator[Source]:
    """``file`` opened for reading, or ``stdin()`` when it is :data:`STDIN` (left open).

    Raises:
        OSError: The file cannot be opened; later, compressed data that is not complete gzip.
    """
    if file == STDIN:
        raw = stdin()
        name = STDIN_NAME
        gzipped = _gzipped(raw)
    else:
        raw = Path(file).open("rb")  # noqa: SIM115  (closed below)
        name = file
        gzipped = file.lower().endswith(".gz")
    try:
        handle = cast("IO[bytes]", _Gunzip(name, raw)) if gzipped else raw
        yield Source(handle, name, _size(raw), _position(raw))
    finally:
        if file != STDIN:
            raw.close()
