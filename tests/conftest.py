"""Helpers shared by the tests of the HTML pages (calendar year, report)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest

#: HTML elements that have no end tag.
VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source"}
    | {"track", "wbr"}
)
#: Attributes that make a browser fetch (or go to) an address.
_LINKING = frozenset({"src", "href", "xlink:href", "action", "poster", "srcset", "data"})
_CSS_FETCH = re.compile(r"url\(\s*['\"]?(?!#|data:)|@import", re.IGNORECASE)


@dataclass
class Element:
    """One element of a page: its tag, attributes, the text directly in it, and all of it."""

    tag: str
    attrs: dict[str, str]
    text: str = ""
    content: str = ""


@dataclass
class Page:
    """A parsed page: every element in document order, and each problem found."""

    elements: list[Element] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def all(self, tag: str, **attrs: str) -> list[Element]:
        """The elements with ``tag`` whose attributes include ``attrs`` (``class_`` = class)."""
        wanted = {k.rstrip("_"): v for k, v in attrs.items()}
        return [
            e
            for e in self.elements
            if e.tag == tag and all(e.attrs.get(k) == v for k, v in wanted.items())
        ]

    @property
    def text(self) -> str:
        """Every text of the page, joined by spaces."""
        return " ".join(e.text for e in self.elements if e.text)


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.open: list[Element] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.page.elements.append(element)
        for name, value in element.attrs.items():
            if name in _LINKING and not value.startswith("#"):
                self.page.problems.append(f"<{tag} {name}={value!r}> points outside the page")
            if name == "style" and _CSS_FETCH.search(value):
                self.page.problems.append(f"<{tag} style={value!r}> fetches a resource")
        if tag == "script":
            self.page.problems.append("the page has a script")
        if tag not in VOID:
            self.open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.open.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            self.page.problems.append(f"</{tag}> closes a void element")
        elif not self.open:
            self.page.problems.append(f"</{tag}> closes nothing")
        elif self.open[-1].tag != tag:
            self.page.problems.append(f"</{tag}> closes <{self.open[-1].tag}>")
        else:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open:
            self.open[-1].text += data
            for element in self.open:
                element.content += data
            if self.open[-1].tag == "style" and _CSS_FETCH.search(data):
                self.page.problems.append("the style sheet fetches a resource")
        elif data.strip():
            self.page.problems.append(f"text outside every element: {data.strip()[:40]!r}")


def parse_page(source: str) -> Page:
    """Parse ``source``; its problems: an element not closed, closed out of order, an
    external address, a script, a style that fetches, a missing doctype."""
    checker = _Checker()
    if not source.startswith("<!DOCTYPE html>"):
        checker.page.problems.append("no <!DOCTYPE html> first")
    checker.feed(source)
    checker.close()
    checker.page.problems += [f"<{e.tag}> not closed" for e in checker.open]
    return checker.page


@pytest.fixture
def html_page() -> Callable[[str], Page]:
    """Parse a page and fail on any problem :func:`parse_page` finds; return the page."""

    def parsed(source: str) -> Page:
        page = parse_page(source)
        assert page.problems == []
        return page

    return parsed


@pytest.fixture
def html_problems() -> Callable[[str], list[str]]:
    """The problems :func:`parse_page` finds in a page (to test the checker itself)."""
    return lambda source: parse_page(source).problems
