"""The one Markdown renderer and its settings.

CommonMark with tables and strikethrough, and raw HTML *off*: ``<script>`` or
``<iframe>`` in an article comes out as visible, escaped text. markdown-it-py's own
link validation already drops ``javascript:``, ``vbscript:``, ``file:`` and
non-image ``data:`` URLs. Headings are renumbered so that the body's top level is
``<h2>`` under the page's ``<h1>`` title, and no level is ever skipped.
"""
from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

SETTINGS = {"preset": "commonmark", "html": False, "plugins": ("table", "strikethrough"), "max_nesting": 20,
            "top_heading": 2}
"""Everything that changes the HTML a body renders to (part of the cache key)."""


def _shift_headings(state: StateCore) -> None:
    """Renumber headings: the body's highest becomes <h2>, and each is at most one below the one before."""
    opens = [t for t in state.tokens if t.type == "heading_open"]
    if not opens:
        return
    top = min(int(t.tag[1]) for t in opens)
    previous = SETTINGS["top_heading"] - 1
    for token in state.tokens:
        if token.type == "heading_open":
            previous = min(int(token.tag[1]) - top + SETTINGS["top_heading"], previous + 1, 6)
            token.tag = f"h{previous}"
        elif token.type == "heading_close":
            token.tag = f"h{previous}"


def _make() -> MarkdownIt:
    md = MarkdownIt(SETTINGS["preset"], {"html": SETTINGS["html"], "maxNesting": SETTINGS["max_nesting"]})
    md.enable(list(SETTINGS["plugins"]))
    md.core.ruler.push("shift_headings", _shift_headings)
    return md


_MD = _make()


def render_markdown(text: str) -> str:
    """Markdown body → safe HTML."""
    return _MD.render(text)


def normalize_url(url: str) -> str:
    """A front-matter URL percent-encoded like a body link ('"', '<', '|', '[', spaces), so it is a valid href."""
    return _MD.normalizeLink(url)
