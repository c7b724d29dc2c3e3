"""The progress line of ``tthc report``: on a terminal only, throttled, cleared at the end."""

from __future__ import annotations

import io

import pytest

from tthc.cli._progress import INTERVAL, Progress, describe


class Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.mark.parametrize(
    ("records", "seconds", "done", "size", "line"),
    [
        (0, 0.0, None, None, "0 records"),
        (1, 0.0, None, None, "1 record"),
        (1_000, 2.0, None, None, "1,000 records, 500/s"),
        (1_000, 2.0, 0, 4_000, "1,000 records, 500/s, 0% read"),
        (1_000, 2.0, 1_000, 4_000, "1,000 records, 500/s, 25% read, 6 s left"),
        (1_000, 60.0, 1_000, 4_000, "1,000 records, 17/s, 25% read, 3 min 00 s left"),
        (10, 3_600.0, 1, 2, "10 records, 0/s, 50% read, 1 h 00 min left"),
        (10, 1.0, 5, 0, "10 records, 10/s"),  # an empty file: no share
        (10, 1.0, 9, 4, "10 records, 10/s, 100% read, 0 s left"),  # read ahead of the size
    ],
)
def test_the_line_says_records_rate_share_and_time_left(
    records: int, seconds: float, done: int | None, size: int | None, line: str
) -> None:
    assert describe(records, seconds, done, size) == line


def test_the_line_is_drawn_at_most_every_interval_and_cleared_at_the_end() -> None:
    stream, clock = Terminal(), Clock()
    read = [0]
    progress = Progress(stream, size=1_000, position=lambda: read[0], clock=clock)
    progress.update(10)  # too soon
    assert stream.getvalue() == ""
    clock.now += INTERVAL
    read[0] = 250
    progress.update(20_000)
    first = "\r\x1b[K20,000 records, 40,000/s, 25% read, 2 s left"
    assert stream.getvalue() == first
    clock.now += INTERVAL / 2
    progress.update(30_000)  # too soon again
    assert stream.getvalue() == first
    clock.now += INTERVAL / 2
    progress.update(40_000)
    progress.finish()
    last = "\r\x1b[K40,000 records, 40,000/s, 25% read, 3 s left\r\x1b[K"
    assert stream.getvalue().endswith(last)
    progress.finish()  # once cleared, nothing more
    assert stream.getvalue().count("\r\x1b[K") == 3


def test_nothing_is_written_when_the_read_ends_before_the_first_update() -> None:
    stream = Terminal()
    progress = Progress(stream, clock=Clock())
    progress.update(5)
    progress.finish()
    assert stream.getvalue() == ""


class Closed(io.StringIO):
    def isatty(self) -> bool:
        raise ValueError("I/O operation on closed file")


@pytest.mark.parametrize(
    ("stream", "enabled"),
    [(io.StringIO(), True), (Terminal(), False), (Closed(), True), (object(), True)],
    ids=["not-a-terminal", "quiet", "closed", "no-isatty"],
)
def test_nothing_is_drawn_off_a_terminal_or_when_quiet(stream: io.StringIO, enabled: bool) -> None:
    clock = Clock()
    progress = Progress(stream, enabled=enabled, clock=clock)
    assert not progress.shown
    clock.now += 10 * INTERVAL
    progress.update(1_000)
    progress.finish()
    if isinstance(stream, io.StringIO) and not isinstance(stream, Closed):
        assert stream.getvalue() == ""
