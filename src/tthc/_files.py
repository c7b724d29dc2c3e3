"""Reading input files safely: regular files only, never more than a limit.

Catalogue and calendar files are read with :func:`read_regular_file`. A path that is not
a regular file (a FIFO, a device such as ``/dev/zero`` or ``/dev/urandom``, a socket, a
folder) is reported by what it is and never read, so reading cannot hang or fill memory;
a symbolic link is followed and judged by what it points at. The file is opened without
blocking (opening a FIFO that no writer holds would otherwise wait forever) and checked
again once open, in case it was replaced in between; at most one byte more than the
limit is ever read.
"""

from __future__ import annotations

import os
import stat

from tthc.errors import Issue

__all__ = ["file_kind", "not_regular", "read_regular_file", "too_large"]

_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
_CHUNK = 1024 * 1024


def file_kind(mode: int) -> str:
    """What a file of this ``st_mode`` is, in words (``"a FIFO (named pipe)"``)."""
    if stat.S_ISREG(mode):
        return "a regular file"
    return next((kind for test, kind in _KINDS if test(mode)), "a special file")


def not_regular(name: str, mode: int) -> Issue:
    """The issue for a path that is not a regular file: what it is, and that it was not read."""
    return Issue(
        f"not a regular file: this is {file_kind(mode)}; it was not read",
        file=name,
        code="not-a-file",
    )


def too_large(name: str, size: int, max_bytes: int, *, growing: bool = False) -> Issue:
    """The issue for a file over the size limit (``growing``: it grew while it was read)."""
    if growing:
        message = f"file grew past the limit of {max_bytes:,} bytes while it was read"
    else:
        message = f"file is {size:,} bytes; the limit is {max_bytes:,} bytes"
    return Issue(message, file=name, code="too-large")


def read_regular_file(path: str | os.PathLike[str], *, max_bytes: int) -> bytes | Issue:
    """The bytes of the regular file at ``path``, or the issue that refuses it.

    Returns an issue (never reads) when the path is not a regular file, and when the
    file holds more than ``max_bytes`` bytes, also if it grows past them while read.

    Raises:
        OSError: The file cannot be opened or read (missing, no permission).
    """
    name = os.fspath(path)
    mode = os.stat(name).st_mode
    if not stat.S_ISREG(mode):
        return not_regular(name, mode)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    descriptor = os.open(name, flags | getattr(os, "O_CLOEXEC", 0))
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):  # replaced between the two looks
            return not_regular(name, status.st_mode)
        if status.st_size > max_bytes:
            return too_large(name, status.st_size, max_bytes)
        chunks: list[bytes] = []
        total = 0
        while total <= max_bytes:
            chunk = os.read(descriptor, min(_CHUNK, max_bytes + 1 - total))
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            total += len(chunk)
        return too_large(name, total, max_bytes, growing=True)
    finally:
        os.close(descriptor)
