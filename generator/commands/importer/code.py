"""Where a body's code is: its code blocks (fenced, indented, ``<pre>``, Jekyll's ``{% highlight %}``) and code spans,
as CommonMark finds them, so that a reader or a rewrite can treat the code the old site showed as written apart."""
from __future__ import annotations

import re
from functools import cache
from typing import Callable

from markdown_it import MarkdownIt

_CODE_SPAN = re.compile(r"(`+)(?:.*?[^`])?\1(?!`)", re.DOTALL)


@cache
def _commonmark() -> MarkdownIt:
    """A plain CommonMark parser, to find where a body's code blocks are."""
    return MarkdownIt("commonmark")


def _kept(text: str) -> str:
    return text


def outside_code(body: str, change: Callable[[str], str], code: Callable[[str], str] = _kept) -> str:
    """``change`` applied to the body's text outside code blocks (fenced or indented, as CommonMark finds them)
    and code spans: a post that shows Markdown (```md [link](/posts/x/)```) keeps it as written, as Hugo, Pelican
    and Jekyll leave it. ``code`` is applied to each of those blocks (its fences too) and spans (their backticks
    too), but not to a ``{% highlight %}`` block left as Liquid."""
    lines = [line + "\n" for line in body.split("\n")]  # markdown-it's lines: '\n' only (``read_text``), not U+2028
    lines[-1] = lines[-1][:-1]
    found = sorted([*((*token.map, code) for token in _commonmark().parse(body)
                      if token.map and (token.type in ("fence", "code_block")
                                        or token.type == "html_block" and _PRE.match(token.content))),
                    *((start, end, _kept) for start, end in _liquid_code(lines))], key=lambda r: r[:2])
    out: list[str] = []
    at = 0
    for start, end, shown in found:
        start = max(start, at)  # a highlight block that markdown-it also found a code block in: once
        if end > start:
            out += [_spans_kept("".join(lines[at:start]), change, code), shown("".join(lines[start:end]))]
            at = end
    out.append(_spans_kept("".join(lines[at:]), change, code))
    return "".join(out)


_PRE = re.compile(r"\s*<pre[\s>]", re.IGNORECASE)
"""An HTML block that is preformatted text: shown as written (Pelican resolves links only in a tag's href)."""
_HIGHLIGHT = re.compile(r"\{%-?\s*(end)?highlight\b")


def _liquid_code(lines: list[str]) -> list[tuple[int, int]]:
    """The line ranges of Jekyll's ``{% highlight %}`` blocks, code that shows links as written."""
    ranges, start = [], None
    for i, line in enumerate(lines):
        for found in _HIGHLIGHT.finditer(line):
            if found[1] is None and start is None:
                start = i
            elif found[1] is not None and start is not None:
                ranges.append((start, i + 1))
                start = None
    return ranges


def _spans_kept(text: str, change: Callable[[str], str], code: Callable[[str], str]) -> str:
    """``change`` applied around the code spans of ``text``, found paragraph by paragraph (``code`` to each span):
    a lone '`' ("press the ` key") never pairs with one a paragraph later, as in CommonMark."""
    parts = []
    for block in _BLANK_LINES.split(text):
        at = 0
        for span in _CODE_SPAN.finditer(block):
            parts += [change(block[at:span.start()]), code(span.group())]
            at = span.end()
        parts.append(change(block[at:]) if at < len(block) or not at else "")
    return "".join(parts)


_BLANK_LINES = re.compile(r"(\n[ \t]*\n)")
"""Where a paragraph ends (kept by ``split``, in the parts as they were)."""
