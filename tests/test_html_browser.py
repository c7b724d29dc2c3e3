"""The HTML pages in a real browser: each renders, is not blank, logs nothing, fetches nothing.

Each page (the calendar year and the report, in Vietnamese and in English) is written to a
file and opened once in headless Chromium, which takes a screenshot of a 1280 x 2000
window, writes its console messages to stderr and its network activity to a log. A page
passes when the screenshot shows content (many colours, enough ink, the page's own colours
where its marked days or its bars are), the console is silent (no message, no uncaught
error), and the page asked for no address outside itself. Two more runs measure the layout
at 1280 px, on a copy of the page with a measuring script added. The last tests show each
check failing on a page made to fail it.

The text needs a font with Vietnamese letters (Debian's ``fonts-dejavu-core``): without
one, a page shows too few colours and fails as blank.

Without Chromium the tests are skipped, unless ``TTHC_REQUIRE_BROWSER=1`` (set in CI),
where they fail instead.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

import pytest

from tthc.calendar import WorkingCalendar, year_to_html
from tthc.reports import DossierRecord, report
from tthc.reports._html import RATE_BARS_TITLE, BarView, TargetView, rate_bars, render_report

Parse = Callable[[str], Any]
WIDTH, HEIGHT = 1280, 2000
TIMEOUT = 60  # seconds for one page; a page takes about one
#: The part of the window where every page has content: its top half, all its width.
CONTENT = (0, 0, WIDTH, 1000)
#: Chromium's own requests (time, accounts) have no origin; a page's have its origin.
_BROWSER_INITIATOR = "not an origin"
_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-logging=stderr",
    "--v=0",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # a fetch that slips through fails offline
    f"--window-size={WIDTH},{HEIGHT}",
)


def chromium() -> str | None:
    """The Chromium executable on the path (Debian's ``chromium`` or ``chromium-browser``)."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass(frozen=True)
class Screenshot:
    """A decoded PNG screenshot: its size and its pixels, one ``bytes`` of RGB per row."""

    width: int
    height: int
    rows: list[bytes]

    def pixels(self, box: tuple[int, int, int, int]) -> Iterator[bytes]:
        """The RGB triples of the pixels in ``box`` (left, top, right, bottom; ends excluded)."""
        left, top, right, bottom = box
        for row in self.rows[top:bottom]:
            for x in range(left, min(right, self.width)):
                yield row[3 * x : 3 * x + 3]


def decode_png(data: bytes) -> Screenshot:
    """Decode an 8-bit RGB or RGBA, non-interlaced PNG (what Chromium writes) to RGB rows."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"not a PNG: starts with {data[:8]!r}")
    pos, chunks, header = 8, [], b""
    while pos < len(data):
        (size,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + size]
        pos += 12 + size
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            chunks.append(body)
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    if depth != 8 or colour not in (2, 6) or interlace:
        raise ValueError(f"unsupported PNG: depth {depth}, colour type {colour}, {interlace=}")
    bpp = 3 if colour == 2 else 4
    stride = width * bpp
    raw = zlib.decompress(b"".join(chunks))
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        line = bytearray(raw[start + 1 : start + 1 + stride])
        _unfilter(raw[start], line, previous, bpp)
        rows.append(bytes(line) if bpp == 3 else bytes(b for i, b in enumerate(line) if i % 4 != 3))
        previous = line
    return Screenshot(width, height, rows)


def _unfilter(kind: int, line: bytearray, above: bytearray, bpp: int) -> None:
    """Undo one row's PNG filter in place (PNG specification, section 9)."""
    if kind == 1:  # Sub
        for i in range(bpp, len(line)):
            line[i] = (line[i] + line[i - bpp]) & 255
    elif kind == 2:  # Up
        for i in range(len(line)):
            line[i] = (line[i] + above[i]) & 255
    elif kind == 3:  # Average
        for i in range(len(line)):
            left = line[i - bpp] if i >= bpp else 0
            line[i] = (line[i] + (left + above[i]) // 2) & 255
    elif kind == 4:  # Paeth
        for i in range(len(line)):
            a = line[i - bpp] if i >= bpp else 0
            b, c = above[i], (above[i - bpp] if i >= bpp else 0)
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255


@dataclass(frozen=True)
class Rendering:
    """What Chromium made of one page: its screenshot, console lines and page requests."""

    screenshot: Screenshot
    console: list[str]
    requests: list[str]


def console_lines(stderr: str) -> list[str]:
    """The console messages and uncaught errors in Chromium's stderr log."""
    return [line for line in stderr.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def page_requests(net_log: dict[str, Any]) -> list[str]:
    """The addresses a page asked for, from Chromium's network log (not the browser's own)."""
    start = net_log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    jobs = [event.get("params", {}) for event in net_log["events"] if event["type"] == start]
    return [
        job["url"]
        for job in jobs
        if "url" in job  # the job's beginning, not its end
        and job.get("initiator") != _BROWSER_INITIATOR
        and not job["url"].startswith(("file:", "data:"))
    ]


def blank_problems(shot: Screenshot, box: tuple[int, int, int, int] = CONTENT) -> list[str]:
    """Why the region ``box`` of a screenshot looks blank: too few colours, too little ink."""
    colours: set[bytes] = set()
    ink = total = 0
    for pixel in shot.pixels(box):
        colours.add(pixel)
        total += 1
        ink += pixel != b"\xff\xff\xff"
    problems = []
    if len(colours) < 50:
        problems.append(f"only {len(colours)} distinct colour(s) in {box}, expected 50 or more")
    if ink < total // 50:
        problems.append(f"only {ink} of {total} pixels not white in {box}, expected 2% or more")
    return problems


def problems(rendering: Rendering) -> list[str]:
    """Every reason a rendered page fails: blank, console messages, requests."""
    found = blank_problems(rendering.screenshot)
    found += [f"console: {line}" for line in rendering.console]
    found += [f"the page fetched {url}" for url in rendering.requests]
    return found


@dataclass(frozen=True)
class Browser:
    """Headless Chromium with one profile and one folder for the pages it opens."""

    executable: str
    folder: Path

    def _run(self, name: str, source: Path, *flags: str) -> subprocess.CompletedProcess[str]:
        command = [
            self.executable,
            *_FLAGS,
            f"--user-data-dir={self.folder / 'profile'}",
            *flags,
            source.as_uri(),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, text=True, timeout=TIMEOUT, check=False
            )
        except subprocess.TimeoutExpired:
            pytest.fail(f"Chromium did not render {name} within {TIMEOUT} s")
        assert done.returncode == 0, f"Chromium exited {done.returncode}: {done.stderr[-2000:]}"
        return done

    def render(self, name: str, page: str) -> Rendering:
        """Open ``page`` as it is: its screenshot, console lines and requests."""
        source, shot, net = (self.folder / f"{name}{ext}" for ext in (".html", ".png", ".json"))
        source.write_text(page, encoding="utf-8")
        done = self._run(name, source, f"--log-net-log={net}", f"--screenshot={shot}")
        assert shot.exists(), f"no screenshot of {name}: {done.stderr[-2000:]}"
        return Rendering(
            screenshot=decode_png(shot.read_bytes()),
            console=console_lines(done.stderr),
            requests=page_requests(json.loads(net.read_text(encoding="utf-8"))),
        )

    def measure(self, name: str, page: str, expression: str) -> Any:
        """The value of a JavaScript ``expression`` (JSON) once a copy of ``page`` is laid out.

        The copy has a script added at the end of its body, which the page itself never has.
        """
        script = f"<script>document.body.dataset.measure = JSON.stringify({expression})</script>"
        source = self.folder / f"{name}-measured.html"
        source.write_text(page.replace("</body>", f"{script}</body>"), encoding="utf-8")
        done = self._run(name, source, "--dump-dom")
        found = re.search(r'data-measure="([^"]*)"', done.stdout)
        assert found, f"no measure of {name}: {done.stderr[-2000:]}"
        return json.loads(unescape(found.group(1)))


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Browser:
    """Headless Chromium for this module's pages; one run per page, one profile."""
    executable = chromium()
    if executable is None:
        reason = "Chromium not found on the path (chromium, chromium-browser)"
        if os.environ.get("TTHC_REQUIRE_BROWSER") == "1":
            pytest.fail(f"{reason}, and TTHC_REQUIRE_BROWSER=1")
        pytest.skip(reason)
    return Browser(executable, tmp_path_factory.mktemp("browser"))


def colour_count(shot: Screenshot, hex_colour: str) -> int:
    """How many pixels of the screenshot have exactly ``hex_colour`` ("cf222e")."""
    wanted = bytes.fromhex(hex_colour)
    return sum(row[i : i + 3] == wanted for row in shot.rows for i in range(0, len(row), 3))


# ------------------------------------------------------------------ the pages

D = dt.datetime


def dossier(code: str, field: str, *, ready_day: int | None) -> DossierRecord:
    """A dossier received on Monday 2 March 2026, due on the 5th, resolved on ``ready_day``."""
    return DossierRecord(
        code=code,
        received_at=D(2026, 3, 2, 9),
        due_at=D(2026, 3, 5, 17),
        status=9 if ready_day is not None else 4,
        result_ready_at=None if ready_day is None else D(2026, 3, ready_day, 10),
        field=field,
    )


MARCH = report(
    [
        dossier("A", "Hộ tịch", ready_day=4),
        dossier("B", "Hộ tịch", ready_day=6),
        dossier("C", "Chứng thực", ready_day=3),
        dossier("D", "Đất đai", ready_day=None),
        dossier("E", "Đất đai", ready_day=5),
    ],
    period="2026-03",
    group_by="field",
)
TARGETS = (
    TargetView("Tỷ lệ hồ sơ trễ hạn < 0,4%", "20.00%", "< 0.4%", met=False),
    TargetView("Tỷ lệ đúng hạn ≥ 96%, Chứng thực", "100.00%", "≥ 96%", met=True),
    TargetView("Tỷ lệ đúng hạn ≥ 96%, không có hồ sơ", "N/A", "≥ 96%", met=None),
)
BAR_BLUE = "0969da"  # svg .bar
HOLIDAY_RED, MAKEUP_GREEN = "cf222e", "2da44e"  # .holiday, .makeup


def calendar_page(lang: str) -> str:
    """The 2026 national calendar page."""
    return year_to_html(WorkingCalendar.vietnam(), 2026, lang=lang)


def report_page(lang: str) -> str:
    """The March 2026 report page with targets and the groups ranked as bars."""
    bars: tuple[BarView, ...] = rate_bars(MARCH)
    return render_report(
        MARCH, lang=lang, targets=TARGETS, bars=bars, bars_title=RATE_BARS_TITLE[lang]
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_calendar_page_renders_with_its_marked_days(
    browser: Browser, html_page: Parse, lang: str
) -> None:
    page = calendar_page(lang)
    html_page(page)
    rendering = browser.render(f"calendar-{lang}", page)
    assert problems(rendering) == []
    # the holidays (Tết: five cells) and the make-up days are painted, not only listed
    assert colour_count(rendering.screenshot, HOLIDAY_RED) > 5 * 400
    assert colour_count(rendering.screenshot, MAKEUP_GREEN) > 2 * 400


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_report_page_renders_with_its_bar_chart(
    browser: Browser, html_page: Parse, lang: str
) -> None:
    page = report_page(lang)
    html_page(page)
    rendering = browser.render(f"report-{lang}", page)
    assert problems(rendering) == []
    # three bars (100, 100, 50 of 480 px wide, 20 px high) drawn from the inline SVG
    assert colour_count(rendering.screenshot, BAR_BLUE) > (480 + 480 + 240) * 20 * 0.9


# ------------------------------------------------------------------ read in 1280 px

#: The page's width against the window's, and each heading of the list of days, in pixels.
DAY_LIST_WIDTHS = """({
    page: document.documentElement.scrollWidth,
    window: innerWidth,
    heads: Object.fromEntries(
        [...document.querySelectorAll(".days th")].map(th => [th.className, th.offsetWidth])
    ),
})"""
#: The table scrolled to its right end: how far it scrolls, and where its group cells are.
SCROLLED_TABLE = """(() => {
    const box = document.querySelector(".scroll");
    box.scrollLeft = box.scrollWidth;
    const left = box.getBoundingClientRect().left;
    return {
        page: document.documentElement.scrollWidth,
        window: innerWidth,
        scrolled: box.scrollLeft,
        groups: [...document.querySelectorAll(".figures .group:first-child")].map(
            cell => Math.round(cell.getBoundingClientRect().left - left)
        ),
    };
})()"""


def test_calendar_list_of_days_keeps_its_columns_readable(browser: Browser) -> None:
    """An estimated year (the longest notes): no column of the list is squeezed."""
    page = year_to_html(WorkingCalendar.vietnam(), 2030, lang="vi")
    found = browser.measure("calendar-2030", page, DAY_LIST_WIDTHS)
    assert found["page"] <= found["window"]
    heads = found["heads"]
    assert list(heads) == ["date", "kind", "name", "source", "note"]
    assert heads["kind"] >= 140  # "Ngày nghỉ hoán đổi" on one line
    assert heads["name"] >= 200
    assert heads["source"] >= 300  # the source and its address, not a narrow strip


def test_report_table_scrolls_with_its_group_column_in_view(browser: Browser) -> None:
    """The English table is wider than the window: it scrolls, its group names stay."""
    found = browser.measure("report-en-scrolled", report_page("en"), SCROLLED_TABLE)
    assert found["page"] <= found["window"]  # the page itself does not scroll sideways
    assert found["scrolled"] > 0
    assert found["groups"] == [0] * (len(MARCH.rows) + 2)  # heading, rows, total


# ------------------------------------------------------------------ the checks can fail

PLAIN = '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>t</title></head>'


def test_a_blank_page_is_found_blank(browser: Browser) -> None:
    rendering = browser.render("blank", PLAIN + "<body></body></html>")
    assert rendering.console == []
    assert rendering.requests == []
    found = problems(rendering)
    assert len(found) == 2
    assert found[0].startswith("only 1 distinct colour(s)")
    assert found[1].startswith("only 0 of")


def test_a_console_error_and_an_uncaught_exception_are_found(
    browser: Browser,
) -> None:
    body = '<body><h1>t</h1><script>console.error("x")</script>'
    body += '<script>throw new Error("boom")</script></body></html>'
    found = problems(browser.render("console", PLAIN + body))
    assert any(":CONSOLE" in line and '"x"' in line for line in found)
    assert any("Uncaught Error: boom" in line for line in found)


def test_a_fetch_is_found(browser: Browser) -> None:
    body = '<body><img src="https://example.org/logo.png" alt="logo"></body></html>'
    rendering = browser.render("fetch", PLAIN + body)
    assert "the page fetched https://example.org/logo.png" in problems(rendering)


def test_a_png_of_another_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="not a PNG"):
        decode_png(b"GIF89a")
    grey = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
    with pytest.raises(ValueError, match="colour type 0"):
        decode_png(grey)


def test_png_filters_and_alpha_decoded() -> None:
    """Rows with each of the five filters, in RGBA: the pixels come back as written."""
    pixels = [bytes([10 * y + x, 100 + x, 200 - y, 255]) for y in range(5) for x in range(3)]
    raw = b""
    for y in range(5):
        line = b"".join(pixels[3 * y : 3 * y + 3])
        above = b"".join(pixels[3 * y - 3 : 3 * y]) if y else bytes(12)
        raw += bytes([y]) + _filter(y, line, above)
    png = b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", struct.pack(">IIBBBBB", 3, 5, 8, 6, 0, 0, 0))
    png += _chunk(b"IDAT", zlib.compress(raw)) + _chunk(b"IEND", b"")
    shot = decode_png(png)
    assert (shot.width, shot.height) == (3, 5)
    assert list(shot.pixels((0, 0, 3, 5))) == [p[:3] for p in pixels]


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def _filter(kind: int, line: bytes, above: bytes) -> bytes:
    """Apply PNG filter ``kind`` to an RGBA row (the inverse of ``_unfilter``)."""
    out = bytearray()
    for i, value in enumerate(line):
        a = line[i - 4] if i >= 4 else 0
        b, c = above[i], (above[i - 4] if i >= 4 else 0)
        p = a + b - c
        paeth = min((abs(p - a), 0, a), (abs(p - b), 1, b), (abs(p - c), 2, c))[2]
        predictor = (0, a, b, (a + b) // 2, paeth)[kind]
        out.append((value - predictor) & 255)
    return bytes(out)
