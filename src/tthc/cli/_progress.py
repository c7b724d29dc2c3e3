"""A progress line on standard error while ``tthc report`` reads a long input.

Shown only when the stream is a terminal (and ``--quiet`` is not given): a log or a pipe
gets nothing. The line says the records read, the rate, and, when the input's size is
known, how much of it is read and the time left. It is rewritten in place at most every
:data:`INTERVAL` seconds, and cleared at the end, so the report that follows starts on a
clean line.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

__all__ = ["INTERVAL", "Progress", "describe"]

#: Seconds between two updates of the line.
INTERVAL = 0.5
_CLEAR = "\r\x1b[K"  # back to the line's start, erase to its end


def describe(records: int, seconds: float, done: int | None, size: int | None) -> str:
    """The progress line: records read and their rate, and the share read and time left.

    ``done`` and ``size`` are bytes of the input (read so far, in all); without both,
    or with an empty input, only the records and the rate are said.

    >>> describe(1_200_000, 2.0, 300, 1200)
    '1,200,000 records, 600,000/s, 25% read, 6 s left'
    >>> describe(5, 0.0, None, None)
    '5 records'
    """
    parts = [f"{records:,} record{'s' if records != 1 else ''}"]
    if seconds > 0:
        parts.append(f"{records / seconds:,.0f}/s")
    if done is not None and size:
        share = min(done / size, 1.0)
        parts.append(f"{share:.0%} read")
        if seconds > 0 and share > 0:
            parts.append(f"{_duration(seconds * (1 - share) / share)} left")
    return ", ".join(parts)


def _duration(seconds: float) -> str:
    whole = round(seconds)
    if whole < 60:
        return f"{whole} s"
    minutes, rest = divmod(whole, 60)
    if minutes < 60:
        return f"{minutes} min {rest:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


class Progress:
    """The progress of one read, drawn on ``stream`` when it is a terminal.

    Args:
        stream: Where the line goes (standard error).
        enabled: False draws nothing (``--quiet``); else the line is drawn only when
            ``stream.isatty()`` is true.
        size: The input's size in bytes, when known.
        position: The bytes of the input read so far (None when it cannot tell).
        clock: Seconds, increasing (:func:`time.monotonic`).
    """

    def __init__(
        self,
        stream: TextIO,
        *,
        enabled: bool = True,
        size: int | None = None,
        position: Callable[[], int | None] = lambda: None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._stream = stream
        self.shown = enabled and _is_terminal(stream)
        self._size, self._position, self._clock = size, position, clock
        self._start = clock()
        self._next = self._start + INTERVAL
        self._drawn = False

    def update(self, records: int) -> None:
        """Say that ``records`` are read; the line is redrawn when :data:`INTERVAL` has passed."""
        if not self.shown:
            return
        now = self._clock()
        if now < self._next:
            return
        self._next = now + INTERVAL
        line = describe(records, now - self._start, self._position(), self._size)
        self._stream.write(_CLEAR + line)
        self._stream.flush()
        self._drawn = True

    def finish(self) -> None:
        """Clear the line, if one was drawn."""
        if self._drawn:
            self._stream.write(_CLEAR)
            self._stream.flush()
            self._drawn = False


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # no such method, or a closed stream
        return False
