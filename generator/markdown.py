"""The one Markdown renderer and its settings.

CommonMark with tables and strikethrough, and raw HTML *off*: ``<script>`` or
``<iframe>`` in an article comes out as visible, escaped text. markdown-it-py's own
link validation already drops ``javascript:``, ``vbscript:``, ``file:`` and
non-image ``data:`` URLs. Headings are shifted so that a body never has an ``<h1>``:
the page title is the only one.
"""
from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore

SETTINGS = {"preset": "commonmark", "html": False, "plugins": ("table", "strikethrough"), "max_nesting": 20,
            "heading_shift": 1}
"""Everything that changes the HTML a body renders to (part of the cache key)."""


def _shift_headings(state: StateCore) -> None:
    """Demote '# Heading' to <h2> and so on, keeping <h6> as the floor."""
    for token in state.tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(int(token.tag[1]) + SETTINGS["heading_shift"], 6)
            token.tag = f"h{level}"


def _make() -> MarkdownIt:
    md = MarkdownIt(SETTINGS["preset"], {"html": SETTINGS["html"], "maxNesting": SETTINGS["max_nesting"]})
    md.enable(list(SETTINGS["plugins"]))
    md.core.ruler.push("shift_headings", _shift_headings)
    return md


_MD = _make()


def render_markdown(text: str) -> str:
    """Markdown body → safe HTML."""
    return _MD.render(text)
