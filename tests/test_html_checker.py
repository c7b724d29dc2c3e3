"""The checker the HTML page tests use finds what it must: it can fail."""

from __future__ import annotations

from collections.abc import Callable

import pytest

Problems = Callable[[str], list[str]]
GOOD = '<!DOCTYPE html>\n<html lang="vi"><head><meta charset="utf-8"><title>t</title></head>'
GOOD += '<body><p>a<br>b</p><svg><rect width="1" height="1"/></svg><a href="#x">x</a></body></html>'


def test_a_well_formed_page_has_no_problem(html_problems: Problems) -> None:
    assert html_problems(GOOD) == []


@pytest.mark.parametrize(
    ("page", "problem"),
    [
        (GOOD.replace("</p>", ""), "</body> closes <p>"),
        (GOOD.replace("</html>", ""), "<html> not closed"),
        (GOOD.replace("<!DOCTYPE html>", ""), "no <!DOCTYPE html> first"),
        (GOOD.replace("#x", "https://example.org/"), "points outside the page"),
        (GOOD.replace("<p>", '<p><img src="//cdn.example/x.png">'), "points outside the page"),
        (GOOD.replace("<title>", "<style>@import 'x.css';</style><title>"), "fetches"),
        (GOOD.replace("<p>", "<p style=\"background:url('x.png')\">"), "fetches"),
        (GOOD.replace("<p>", "<p><script>1</script>"), "the page has a script"),
        (GOOD.replace("</body>", "</br></body>"), "</br> closes a void element"),
        (GOOD + "</div>", "</div> closes nothing"),
    ],
)
def test_each_problem_found(html_problems: Problems, page: str, problem: str) -> None:
    assert any(problem in found for found in html_problems(page))
