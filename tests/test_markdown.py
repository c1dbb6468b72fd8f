"""The Markdown settings: safe HTML, tables, strikethrough, headings renumbered under the page title."""
from __future__ import annotations

import pytest

from generator.markdown import render_markdown


@pytest.mark.parametrize("source, html", [
    ("# A\n\n## B\n\n#### C\n", "<h2>A</h2>\n<h3>B</h3>\n<h4>C</h4>\n"),
    ("### Only\n", "<h2>Only</h2>\n"),
    ("## Two\n\n##### Deep\n", "<h2>Two</h2>\n<h3>Deep</h3>\n"),
])
def test_headings_start_at_h2_and_never_skip_a_level(source: str, html: str) -> None:
    assert render_markdown(source) == html


def test_tables_and_strikethrough() -> None:
    assert render_markdown("| a |\n|---|\n| b |\n\n~~x~~\n") == (
        "<table>\n<thead>\n<tr>\n<th>a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>b</td>\n</tr>\n</tbody>\n</table>\n"
        "<p><s>x</s></p>\n")


@pytest.mark.parametrize("source", [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))", "[x](vbscript:msgbox)", "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "<javascript:alert(1)>",
])
def test_nothing_executable_survives(source: str) -> None:
    html = render_markdown(source).lower()
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert 'href="vbscript' not in html and 'href="data:' not in html
