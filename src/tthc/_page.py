"""The opening of every self-contained HTML page tthc writes (calendar year, report)."""

from __future__ import annotations


def page_start(lang: str, title: str, css: str) -> list[str]:
    """The lines up to and including ``<h1>``.

    Doctype, language, UTF-8, viewport, title and the page's inline style; ``title`` must
    already be escaped.
    """
    return [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{title}</title>",
        f"<style>{css}</style>",
        "</head>",
        "<body>",
        f"<h1>{title}</h1>",
    ]
