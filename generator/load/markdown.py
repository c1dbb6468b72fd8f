"""The one Markdown renderer and its settings.

CommonMark with tables, strikethrough, footnotes and bare-URL links; smart quotes off.
Raw HTML is parsed, and a body that has any goes through the allowlist sanitiser
(``sanitize.py``); HTML comments are dropped. Every link and image obeys one URL rule
(``sanitize.safe_url``). Headings are renumbered under the page's ``<h1>`` title (see
``_outline_level``), get a stable ``id`` and an anchor link, and long articles get a table
of contents. Fenced code is highlighted by Pygments at build time. The rules, with examples,
are in docs/markdown.md.

markdown-it-py, configured here, is the definition of the dialect (``render_reference``); ``render`` first
tries ``markdown_fast`` (markdown-it-pyrs), which renders the bodies it is proven to render identically.
"""
from __future__ import annotations

import hashlib
import html
import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import TYPE_CHECKING, Any, Iterator, Sequence

import pygments

from generator.load import markdown_fast
from generator.load.markdown_speed import normalize_link
from generator.load.embeds import Video, card, video_image
from generator.load.players import (BLOCK_OPEN, PLAYER_CLOSE, StartTags, block_players, in_link, in_links,
                                     inline_players, link_token, out_of_raw_p, whole_players)
from generator.load.sanitize import (ADDRESS_TAG, COMMENT, DROPPED, DROPPED_TAG, FLOW_ONLY, LATE_QUOTE, RAW_A, RAW_TEXT,
                                     TEXT_TAGS, after_comment, attribute_starts, attribute_value, drop_unusable_images,
                                     invalid_attributes, is_external, is_link, late_quotes, names_as_ids, open_quote,
                                     page_ids, player_sources, refused_addresses, safe_url, sanitize, tags_read,
                                     written_ids)
from generator.core.urls import make_slug
from generator.core.wrap import JOINING, collapse, joins_without_space, visible
from generator.core.patterns import LazyPattern

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.renderer import RendererHTML
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token
    from markdown_it.utils import EnvType, OptionsDict
    from pygments.lexer import Lexer

SETTINGS = {"preset": "commonmark", "html": "sanitised", "plugins": ("table", "strikethrough", "linkify", "footnote"),
            "max_nesting": 20, "top_heading": 2, "typographer": False, "linkify": "http(s)://", "format": 7,
            "pygments": pygments.__version__, "fast_engine": markdown_fast.engine_version()}
"""Everything that changes the HTML a body renders to (part of the cache key, with ``MarkdownOptions``)."""

LABELS = {
    "id": {"toc": "Daftar isi", "anchor": "Tautan ke bagian ini", "footnotes": "Catatan kaki",
           "noteref": "Catatan kaki {n}", "backlink": "Kembali ke teks catatan {n}"},
    "en": {"toc": "Contents", "anchor": "Link to this section", "footnotes": "Footnotes",
           "noteref": "Footnote {n}", "backlink": "Back to the text of note {n}"},
}
"""Screen-reader labels of the links and landmarks the renderer adds, per site language."""


@dataclass(frozen=True)
class MarkdownOptions:
    """The site's choices that change how bodies render (config ``language`` and ``markdown:``)."""

    language: str = "id"
    """Language of the labels above: 'id' or 'en'."""
    external_rel: str = "noopener"
    """``rel`` of links that leave the site; 'noopener nofollow ugc' tells search engines not to vouch for them."""
    toc_min_headings: int = 4
    """An article with at least this many headings gets a table of contents; 0: only with ``toc: true``."""


DEFAULT_OPTIONS = MarkdownOptions()


@dataclass(frozen=True)
class Rendered:
    """A body rendered to HTML, and what the renderer learnt on the way."""

    html: str
    """Safe HTML, with the table of contents first when there is one."""
    summary: str | None
    """Plain text before ``<!--more-->``, or None when the body has no such marker."""
    unlinked: bool = False
    """markdown-it-py's bare-URL rule failed on this body (a bug of markdown-it-py 4), so it was rendered with
    bare URLs left as text."""
    dropped: tuple[str, ...] = ()
    """Raw HTML tags the sanitiser removed with their content (``sanitize.DROPPED``): an embed pasted in."""
    dropped_at: tuple[tuple[str, int], ...] = ()
    """Each of them, with the body's line (from 0) its tag starts on, in order: a warning at each line."""
    unusable_images: tuple[tuple[str, int], ...] = ()
    """The src of each raw ``<img>`` removed for an address neither from the site's root nor http(s)
    (``sanitize.drop_unusable_images``), as written, with the body's line (from 0) of its tag."""
    unclosed_comment: int = -1
    """The body's line (from 0) of an HTML comment never closed (``<!--`` and no ``-->``), which hides the rest of
    the article (an error: ``content.removed_problems``); -1 when there is none. Also of one ended by '--!>' (as
    browsers end one) with no '-->' after it, where markdown-it's HTML block still runs to the end of the body."""
    refused: tuple[tuple[str, str, str, int], ...] = ()
    """Each Markdown link or image whose address ``safe_url`` refuses ('javascript:', 'data:' …): ('link' or
    'image', the text or alt shown in its place, the address, the body's line from 0), each raw ``<a>`` whose
    href the sanitiser removes ('raw link', '', its href as written, its line), each raw ``<video>``, ``<audio>``,
    ``<source>`` or ``<track>`` address it removes ('raw media', 'video poster', the address, its line), and each
    reference definition with such an address that no link of those uses ('reference', '', its address, its line),
    and each Markdown link inside a raw ``<a>`` card, shown as its text ('card link', its text, its address, its line;
    'link in a' for one in a raw ``<a>`` that a ``</a>`` of its paragraph closes),
    or raw ``<a>`` ('card raw link', its text, the ``<a>…</a>`` as written, without its ``</a>`` when it has none,
    its line), and each footnote no mark refers to ('unused note', its label, '', its line), and each footnote mark
    or note whose label holds a space ('spaced mark', 'spaced note': ``_spaced_labels``). A warning each
    (``content.removed_problems``)."""
    theme_ids: tuple[tuple[str, int], ...] = ()
    """Each raw-HTML ``id`` removed for being one the theme's page uses (``THEME_IDS``), as written, with the
    body's line (from 0) of its tag."""
    taken_ids: tuple[tuple[str, str, str, int, int], ...] = ()
    """Each heading whose id took a suffix because the body's raw HTML keeps an element of that id ('## Jadwal' and
    ``<div id="jadwal">``): (its text, its id, the raw id, the body's line of that tag, the heading's line), lines
    from 0."""
    taken_note_ids: tuple[tuple[int, str, str], ...] = ()
    """Each footnote id ('fn1', 'fnref1') that the body's raw HTML keeps an element of, so that the page's footnotes
    took a prefix ('n2-fn1', their marks and back-links alike): (the body's line of that tag, from 0, the raw id,
    the footnote's id now)."""
    unclosed: tuple[tuple[str, int], ...] = ()
    """Each raw tag the writer left open that was closed at the end of its paragraph or block (``<b>`` …, an
    ``<a>`` before the next link or footnote mark, ``<details>`` …): its name and the body's line (from 0) of its tag.
    Left open, the HTML5 parser reopened it in every later block, or it held the rest of the article."""
    hidden: tuple[tuple[str, int], ...] = ()
    """What was left out because the sanitiser removed its target with a ``dropped`` element: "heading 'X'" (not in
    the table of contents), "note 1's back-link" (its mark is gone), with the body's line (from 0) of the heading or
    mark; the warning of the element removed at or before that line names it."""
    invalid: tuple[tuple[str, str, str, str, int], ...] = ()
    """Each raw attribute the sanitiser removed for its value (``sanitize.bad_value``; an id an element above has):
    (tag, attribute, value, why, the body's line from 0 of its tag)."""
    split: tuple[tuple[str, int, int], ...] = ()
    """Each raw text tag (``<b>`` …) opened in an HTML block and closed only in a later block, with paragraphs or blocks
    between (inside it: invalid HTML, ``<p>`` in ``<b>``), which was closed at the end of its own block: its name, the
    body's line (from 0) of its tag and of the later closing tag, which is left out."""
    players: tuple[tuple[str, str, str, int, int], ...] = ()
    """Each raw ``<source>`` the sanitiser removed from a player with its own src ('src') or moved before the player's
    first ``<track>`` ('track') (``sanitize.player_sources``): (which, the player's tag, the source's src as written,
    the body's line of the player's tag or of the track, of the source; lines from 0); and each player removed from
    inside another ('nested', its tag, the other's tag, the other's line, its line)."""
    empty_headings: tuple[int, ...] = ()
    """The body's line (from 0) of each heading with no text a reader sees (an image without alt text, a footnote
    alone), whose link in the table of contents has no name."""
    cut_players: tuple[tuple[str, int], ...] = ()
    """Each raw player holding a block (its fallback ``<p>``), or card (an ``<a>``) holding one, written inside a line
    of text (``whole_players``), which the paragraph's end cut off from its fallback (its link from its block): its
    tag and the body's line (from 0) of its tag; and each pasted video player (an ``<iframe>``) with text beside it
    outside any element of its HTML block, which its card's block leaves in no paragraph (``players._iframes``)."""
    around_blocks: tuple[tuple[str, str, tuple[str, ...], bool, str, tuple[str, ...], int], ...] = ()
    """Each raw text tag that held a block in an HTML block (``<b>`` around a ``<div>``), left out
    (``_without_phrasing_around_blocks``): its name, the first block's, the elements a text tag may go in to reach the
    words (``_words_in``: ('p',), ('li',), ('summary', 'p') …; none when the blocks are only ``<hr>``s, which hold
    none), whether it held words before its first block, the block its words after its blocks follow ('' if none),
    the blocks it holds at its own level when it held words between two of them (() if not), the body's line (from 0)
    of its tag."""
    videos: tuple[tuple[str, str, int], ...] = ()
    """Each YouTube or Vimeo address (a pasted player's src, an image's) whose video id is not valid: the address, what
    is wrong and how to fix it (``embeds.video``), the body's line (from 0); and each pasted player without a title
    ('', ``UNTITLED_PLAYER``, its line)."""
    notes_again: tuple[tuple[str, int, int, int], ...] = ()
    """Each footnote defined again under a label an earlier one has ('[^1]: …' twice), of which the page shows only
    the last (the footnote plugin's rule): its label, and the body's lines (from 0) of this definition, the first and
    the last."""
    lost_marks: tuple[tuple[str, str, str, int], ...] = ()
    """Each footnote mark the page does not show, whose note's way back (↩︎) to it was left out (``_lost_marks``):
    where it is ('image': in an image's alt text, 'note': in a note left out for no mark refers to it, 'again': in a
    note defined again, of which the page shows the last, 'raw': in raw HTML, where it is text), its label ('' for an
    inline ``^[…]``), the alt text or the note's label, and the body's line (from 0)."""
    marks_in_links: tuple[tuple[str, str, str, int, str], ...] = ()
    """Each footnote mark written in a Markdown link's text (``_marks_in_links``): its label ('' for an inline
    ``^[…]``, shown as its text in the link; a labelled one keeps the link from being made), the link's text and
    address, the body's line (from 0) of the mark, and the link's form: '' (``[…](…)``, ``[…][ref]``), 'shortcut'
    ('[laporan[^1]]' with '[laporan]: …', whose address readers do not see) or 'raw' (``<a href=…>laporan[^1]</a>``,
    the mark shown as its text: ``_close_inline``)."""
    open_quote: tuple[tuple[str, int], ...] = ()
    """A raw tag's quoted value never closed, to the end of the body (``<div title="x>``), which browsers read as the
    rest of the article and then drop with its tag, so that readers see none of it: the attribute to its quote
    ('title="') and the body's line (from 0) of its tag; none, or that one."""
    comment_shown: str = ""
    """For an ``unclosed_comment`` ended by '--!>': the first line after it, which readers see as written, with the
    rest of the body (HTML to the browser: its Markdown not made); '' for one never ended."""
    comment_in: str = ""
    """What an ``unclosed_comment`` is in, whose rest it hides or shows: 'quote', 'list item', 'note', or '' (the
    article)."""
    bang_comments: tuple[tuple[str, int], ...] = ()
    """Each comment in an HTML block ended by '--!>' with a '-->' after it (``<!-- a --!> b -->``): the words readers
    see ('b -->'), and the body's line (from 0) of the comment."""
    late_quotes: tuple[tuple[str, str, str, int], ...] = ()
    """Each raw tag with a quoted value closed by a later quote after a '>' (``<p title="Catatan>Teks … "``), which
    hides the words between from readers (``sanitize.late_quotes``): the tag to that '>' as written, the attribute as
    meant ('title="Catatan">'), the words hidden, the body's line (from 0) of its tag."""


# --- fenced code ------------------------------------------------------------------------------------------

@lru_cache(maxsize=None)
def _formatter() -> Any:
    from pygments.formatters import HtmlFormatter  # loaded by the first fence with a language
    return HtmlFormatter(nowrap=True)


@lru_cache(maxsize=None)
def _lexer(name: str) -> Lexer | None:
    """Pygments' lexer for a fence's language, looked up once per name."""
    from pygments.lexers import get_lexer_by_name
    from pygments.util import ClassNotFound
    try:
        return get_lexer_by_name(name)
    except ClassNotFound:
        return None


def _highlight(code: str, lang: str, attrs: str) -> str:
    """Pygments' CSS-class markup for a known language, or '' (markdown-it then escapes the code as is)."""
    lexer = _lexer(lang.lower()) if lang else None
    if lexer is None:
        return ""
    spans = pygments.highlight(code, lexer, _formatter())
    return f'<pre class="highlight"><code class="language-{html.escape(lang)}">{spans}</code></pre>\n'


# --- the core rule: headings, raw HTML, <!--more--> --------------------------------------------------------

_COMMENTS = LazyPattern(rf"\s*(?:{COMMENT}\s*)+", re.DOTALL)
_MORE = LazyPattern(r"<!--\s*more\s*-->", re.IGNORECASE)
_BARE_TAG = LazyPattern(r"<(/?)(small|sub|sup|kbd|mark|b|i|u|s|em|strong|code|abbr|q)>|<br>")
"""Raw tags that need no sanitiser when they nest properly: no attributes, written as nh3 would write them."""
_FOOTNOTE_ID = LazyPattern(r"fn(?:ref)?\d+(?:-\d+)?")
THEME_IDS = frozenset({"main", "related", "intel", "search-q", "search-results", "search-fallback"})
"""Ids the theme's pages use around the body (the skip link's ``#main``, the related-reading heading …): a
heading of the same name gets a suffix ('main-2'), and a raw-HTML ``id`` that is one of them is removed with a
warning. tests/test_markdown.py keeps this list equal to the ids in the packaged templates."""
_BEFORE_ATTRIBUTE = r"""[\s/"']"""
"""What the HTML parser reads an attribute after: a space, a '/' (``<span/id="a">``) or a quoted value's end
(``<b title="x"id="a">``)."""
_THEME_ID = LazyPattern(r"""%s[iI][dD]\s*=\s*["']?(%s)(?=["'\s/>]|$)"""
                        % (_BEFORE_ATTRIBUTE, "|".join(sorted(THEME_IDS))))
"""A raw tag's ``id`` that is one of ``THEME_IDS`` (nh3 keeps an ``id`` as written, so this is matched as it was)."""
_THEME_ID_ATTR = LazyPattern(r' id="(?:%s)"' % "|".join(sorted(THEME_IDS)))


_BR = LazyPattern(r"<br(?:\s[^>]*)?/?>", re.IGNORECASE)
"""A raw line break, which a heading shows as a space between its words."""


def _plain(children: Sequence[Token] | None, soft: str = " ", br: str = "") -> str:
    """The text a reader sees in an inline token's children (no markup, no raw HTML, no footnote marks), a line
    break as ``soft``, a raw ``<br>`` as ``br``."""
    return "".join(c.content if c.type in ("text", "code_inline") else soft if c.type in ("softbreak", "hardbreak")
                   else br if br and c.type == "html_inline" and _BR.fullmatch(c.content) else ""
                   for c in children or ())


def heading_text(children: Sequence[Token] | None) -> str:
    """A heading's text as the reader sees it, in the table of contents, feeds and warnings: its lines joined as on
    the page (``collapse``: '第一行\\n第二行' is '第一行第二行'; a space between Latin words, and at a ``<br>``), an
    image's alt text. Its id is made from the text with every line break a space (``_digest_rule``), as before, so
    that links to it stay: without the alt text, and with a space at a ``<br>`` only."""
    return collapse("".join(c.content if c.type in ("text", "code_inline") else "\n" if c.type == "softbreak"
                            else " " if c.type == "hardbreak" or c.type == "html_inline" and _BR.fullmatch(c.content)
                            else _plain(c.children) if c.type == "image" else "" for c in children or ()))


_DROPPED_PART = LazyPattern(r"<(/?)(%s)\b" % "|".join(sorted(DROPPED)), re.IGNORECASE)


def _shown(inline: Token) -> Sequence[Token]:
    """An inline token's children without those inside a raw element the sanitiser removes with its content
    (``<noscript>`` …), which the page does not show: a heading's id and table-of-contents entry are made of the rest."""
    children = inline.children or []
    if "<" not in inline.content or not DROPPED_TAG.search(inline.content):
        return children
    kept, inside = [], 0
    for child in children:
        part = _DROPPED_PART.match(child.content) if child.type == "html_inline" else None
        if part and not child.content.endswith("/>"):
            inside = max(inside - 1, 0) if part.group(1) else inside + 1
        elif not inside:
            kept.append(child)
    return kept


def _outline_level(stack: list[tuple[int, int]], written: int) -> int:
    """The <hN> of a heading written at level ``written``: one below its nearest shallower ancestor, h2 at the
    top. Siblings (same written level, same parent) get the same level, and no level is ever skipped."""
    while stack and stack[-1][0] >= written:
        stack.pop()
    level = min(stack[-1][1] + 1, 6) if stack else 2
    stack.append((written, level))
    return level


def _base_id(text: str) -> str:
    """The id of a heading of this text when nothing else on the page has it: a slug, never a footnote's id."""
    base = make_slug(text) or "section"
    return "section-" + base if _FOOTNOTE_ID.fullmatch(base) else base


def _unique_id(text: str, used: set[str]) -> str:
    """A slug of the heading text, unique on the page ('-2', '-3' for repeats; ``used`` starts with
    ``THEME_IDS`` and the ids of the body's raw HTML), never a footnote's id."""
    base = _base_id(text)
    slug, n = base, 1
    while slug in used:
        n += 1
        slug = f"{base}-{n}"
    used.add(slug)
    return slug


_QUOTED_NAME = LazyPattern(r"""[^\s"'>/=]+(?=\s*=\s*["']\Z)""")
"""The attribute whose quoted value a start tag written to that quote ('<div title="') opens."""
_MAYBE_VIDEO = LazyPattern(r"//(?:[\w-]+\.)*(?:youtu|vimeo)", re.IGNORECASE)
"""A body that may hold a video's address (``_videos``), in any letters (``www.YouTube.com``): found from each '//'
(3-6 µs a 5 KB body, as a search for 'youtu' and 'vimeo' took; 'youtu|vimeo' in any letters took 75 µs)."""


def _in_raw_links(children: Sequence[Token]) -> set[int]:
    """The ``id`` of each child token inside a raw ``<a href=…>`` that a later ``</a>`` of the paragraph closes."""
    inside: set[int] = set()
    held: list[int] | None = None  # the children since a raw <a> open
    for child in children:
        tag = RAW_A.match(child.content) if child.type == "html_inline" else None
        if tag and tag[1] and held is not None:
            inside.update(held)
        if tag:
            held = None if tag[1] or not is_link(child.content) else []  # an <a id=…> holds no link
        elif held is not None:
            held.append(id(child))
    return inside


LINKED_VIDEO = ("a video's address is no picture, so this image in a link to another address shows its title; "
                "write the video alone in its paragraph (a card), or link its title: [Title](address)")
"""An image of a video's page inside a link elsewhere (``_videos``); one inside a link to the same video is its
link text, '▶ Title (YouTube)'."""


def _videos(tokens: list[Token], env: EnvType) -> None:
    """Each YouTube or Vimeo player pasted as an ``<iframe>`` block, and each image whose address is a video's page,
    made a card (``embeds.card``; an image in a line of text: a link, '▶ Title (YouTube)'); a video address with an id
    that is not valid, a warning at its line (``env['videos']``), and the image a link to it."""
    from markdown_it.token import Token

    options: MarkdownOptions = env["options"]
    i = 0
    while i < len(tokens):
        token = tokens[i]
        first = token.map[0] if token.map else 0
        if token.type == "html_block" and "<iframe" in token.content.lower():
            block_players(token, env)
            out_of_raw_p(tokens, i)
        elif token.type == "inline" and token.children and "<iframe" in token.content.lower():
            inline_players(token, env)
        if token.type == "inline" and token.children and any(c.type == "image" for c in token.children):
            pictures = [c for c in token.children if c.type == "image"]
            alone = len(pictures) == 1 and all(c is pictures[0] or (c.type in ("softbreak", "text") and
                                                                    not c.content.strip()) for c in token.children)
            linked = in_links(token.children)
            raw_linked = _in_raw_links(token.children) if "<" in token.content else set()
            for child in pictures:
                what = video_image(str(child.attrs.get("src", "")))
                if what is None:
                    continue
                title = _plain(child.children)
                if id(child) in raw_linked:  # its link would end the <a>: the words after it unlinked
                    env.setdefault("videos", []).append((str(child.attrs["src"]), in_link(
                        "video", f"![{title}]({child.attrs['src']})"), first))
                    token.children.remove(child)
                    continue
                if id(child) in linked:  # no link in a link, and no picture at a video's address: its text
                    text = title or str(child.attrs["src"])
                    if isinstance(what, Video) and video_image(linked[id(child)]) == what:
                        token.children[token.children.index(child)] = link_token(title, what, env)
                        continue
                    env.setdefault("videos", []).append((str(child.attrs["src"]),
                                                         what if isinstance(what, str) else LINKED_VIDEO, first))
                    token.children[token.children.index(child)] = Token("text", "", 0, content=text)
                    continue
                if isinstance(what, str):
                    env.setdefault("videos", []).append((str(child.attrs["src"]), what, first))
                    href, shown = str(child.attrs["src"]), Token("text", "", 0, content=title or str(child.attrs["src"]))
                elif alone and tokens[i - 1].type == "paragraph_open" and not tokens[i - 1].hidden and \
                        tokens[i + 1].type == "paragraph_close":  # not a footnote's, which ends with its back-link
                    block = Token("html_block", "", 0, content=card(what, title, options.language,
                                                                    options.external_rel, env["lang"]) + "\n",
                                  map=token.map)
                    tokens[i - 1:i + 2] = [block]
                    i -= 1  # the block stands where the paragraph opened; the next token is at i now
                    out_of_raw_p(tokens, i)
                    break
                else:
                    href, shown = what.page, link_token(title, what, env)
                index = token.children.index(child)
                opening = Token("link_open", "a", 1, attrs={"href": href})
                token.children[index:index + 1] = [opening, shown, Token("link_close", "a", -1)]
        i += 1


def _checked_as_ids(raw: str, env: EnvType) -> str:
    """``raw`` as the checks of ids read it: each ``<a name="x">`` without an id as ``<a id="x">``
    (``sanitize.names_as_ids``), which ``_names_as_ids`` writes at the end of ``_digest_rule``, when the other checks,
    which find a tag in the source as written, are done (``env['a_names']``)."""
    checked = names_as_ids(raw)
    if checked != raw:
        env["a_names"] = True
    return checked


def _names_as_ids(tokens: Sequence[Token]) -> None:
    """Each ``<a name="x">`` without an id in the raw HTML tokens written ``<a id="x">``: the sanitiser keeps no
    ``name``, and a link to ``#x`` finds the id."""
    for token in tokens:
        if token.type == "html_block":
            token.content = names_as_ids(token.content)
        elif token.type == "inline" and token.children and "<" in token.content:
            for child in token.children:
                if child.type == "html_inline":
                    child.content = names_as_ids(child.content)


def _comment_to_the_end(tokens: Sequence[Token], i: int, state: StateCore) -> None:
    """An HTML block ``tokens[i]`` that begins with a comment with no '-->' after it, which markdown-it's block runs to
    the end of the body (or of the quote, list item or note it is in): one never ended hides all that
    (``env['unclosed_comment']``); one ended at its '--!>' shows what follows as written, its Markdown not made
    (``env['comment_shown']``, its first line), unless that is HTML blocks alone, which Markdown shows the same
    (``<p>Isi.</p>``). A comment right after it is ended as browsers end one: one never ended hides the rest."""
    token = tokens[i]
    shown = after_comment(token.content)
    while shown and shown.startswith("<!--"):
        shown = after_comment(shown)
    if shown == "":
        return
    if shown is not None:
        blocks: list[Token] = []
        state.md.block.parse(shown, state.md, {}, blocks)
        if all(block.type == "html_block" for block in blocks):
            return
    state.env.setdefault("unclosed_comment", token.map[0] if token.map else 0)
    state.env.setdefault("comment_shown", (shown or "").partition("\n")[0].strip())
    state.env.setdefault("comment_in", _container(tokens, i))


_CONTAINERS = {"blockquote_open": "quote", "list_item_open": "list item", "footnote_open": "note"}


def _container(tokens: Sequence[Token], i: int) -> str:
    """What ``tokens[i]`` is in, innermost first: 'quote', 'list item', 'note', or '' (the article)."""
    level = tokens[i].level
    for token in reversed(tokens[:i]):
        if token.nesting == 1 and token.level < level:
            if token.type in _CONTAINERS:
                return _CONTAINERS[token.type]
            level = token.level
    return ""


_BANG_COMMENT = LazyPattern(r"<!--(?:(?!-->).)*?--!>((?:(?!<!--).)*?)-->", re.DOTALL)
"""A comment ended at its '--!>' with a '-->' after it, where the editor meant it to end: what is between is shown."""


def _bang_comments(raw: str, first: int, env: EnvType) -> None:
    """Each comment of an HTML block that browsers end at its '--!>' though a '-->' follows: the words readers see
    between them, with the '-->', and the body's line (from 0), in ``env['bang_comments']``."""
    for found in _BANG_COMMENT.finditer(raw):
        env.setdefault("bang_comments", []).append((" ".join(found[1].split() + ["-->"]),
                                                    first + raw.count("\n", 0, found.start())))


def _digest_rule(state: StateCore) -> None:
    """One pass over the block tokens: outline levels and ids for headings, raw HTML flagged (comments and
    unusable images removed), and the text before ``<!--more-->`` kept as the summary."""
    tokens = state.tokens
    players = "</" in state.src and PLAYER_CLOSE.search(state.src) and BLOCK_OPEN.search(state.src)
    if state.env.get("footnotes", {}).get("list"):
        _marks(tokens, bool(players), state.env)
    if players:  # before _videos: a paragraph made an HTML block here has its players made cards there
        whole_players(tokens, state.env)
    if _MAYBE_VIDEO.search(state.src):
        _videos(tokens, state.env)
    stack: list[tuple[int, int]] = []
    mark = _id_mark(state.src)
    if mark:  # the ids are settled on the sanitised HTML (``_settle_ids``), which says which raw ids the page keeps
        state.env["id_mark"], state.env["heading_lines"], state.env["heading_slugs"] = mark, [], []
    used: set[str] = set(THEME_IDS)
    headings: list[tuple[int, str, str]] = []
    summary: list[str] | None = None
    in_heading = False
    for i, token in enumerate(tokens):
        kind = token.type
        if kind == "heading_open":
            _refuse_unsafe(tokens[i + 1], state.env)  # before its text makes the id
            level = _outline_level(stack, int(token.tag[1]))
            shown = _shown(tokens[i + 1])
            text = heading_text(shown)
            slug_text = " ".join(_plain(shown, br=" ").split())  # the id as before lines were joined
            if not visible(text) and token.map:  # an image without alt text, a zero-width space alone
                state.env.setdefault("empty_headings", []).append(token.map[0])
            if mark:
                anchor = f"{mark}h{len(headings)}"
                state.env["heading_lines"].append(token.map[0] if token.map else 0)
                state.env["heading_slugs"].append(slug_text)
            else:
                anchor = _unique_id(slug_text, used)
            token.tag = tokens[i + 2].tag = f"h{level}"
            token.attrSet("id", anchor)
            tokens[i + 2].meta["anchor"] = anchor
            headings.append((level, anchor, text))
            in_heading = True
        elif kind == "heading_close":
            in_heading = False
        elif kind == "html_block":
            if token.content.lstrip().startswith("<!--") and "-->" not in token.content and token.map:
                _comment_to_the_end(tokens, i, state)  # it runs to the end of the body, or of its quote
            elif "--!>" in token.content and token.map:
                _bang_comments(token.content, token.map[0], state.env)
            if summary is None and _MORE.fullmatch(token.content.strip()):
                summary = _summary(tokens[:i])
            if _COMMENTS.fullmatch(token.content):
                token.content = ""
            else:
                first = token.map[0] if token.map else 0
                if _BLOCK_IN_BLOCK.search(token.content):
                    token.content = _without_phrasing_around_blocks(token.content, first, state.env)
                token.content = drop_unusable_images(token.content, state.env.setdefault("unusable", []), first)
                if (token.content.count('"') % 2 or token.content.count("'") % 2) and (
                        found := open_quote(token.content)):  # one may close in a later block: render_reference
                    state.env.setdefault("open_quotes", []).append((found[1], first + token.content.count("\n", 0,
                                                                                                            found[0])))
                checked = _checked_as_ids(token.content, state.env)
                _note_theme_ids(checked, first, state.env)
                _note_refused_links(token.content, first, state.env)
                _note_invalid(checked, first, state.env)
                state.env["raw_html"] = True
        elif kind == "inline" and token.children:
            _refuse_unsafe(token, state.env)
            if "marks" in state.env and ("[^" in token.content or "^[" in token.content) and (
                    "](" in token.content or "][" in token.content or _MARK_THEN_BRACKET.search(token.content)):
                _marks_in_links(token, state.md, state.src, state.env)
            if "<" in token.content:
                more = _inline_html(token.children, summary is None and not in_heading, state.env,
                                    (state.src, token.map))
                if more >= 0:
                    summary = _summary(tokens[:i]) + [_plain(token.children[:more], "\n", " ")]
                if state.env.get("raw_html") and not _all_closed(token.content):
                    token.children = _close_inline(token, state.src, state.env)
    if state.env.get("raw_html"):
        if state.env.get("links_cut") and state.env.get("links_closing"):
            _links_across(tokens, state.src, state.env)
        _close_blocks(tokens, state.src, state.env)
        if _SOURCE_TAG.search(state.src) or len(_PLAYER_TAG.findall(state.src)) > 1:
            state.env["players"] = player_sources(_raw_pieces(tokens, state.src, state.env))
    if state.env.get("a_names"):
        _names_as_ids(tokens)
    _note_dead_references(state.env)
    if state.env.get("marks_lost"):
        _lost_marks(tokens, state.src, state.env)
    state.env["headings"] = headings
    if summary is not None:
        state.env["summary"] = collapse(" ".join(summary))  # '第一行\n第二行' is one line, as on the page


_BLOCK_IN_BLOCK = LazyPattern(r"<(?:%s)(?=[\s/>])" % FLOW_ONLY, re.IGNORECASE)
"""A block tag in an HTML block: a text tag around it there is looked for (``_without_phrasing_around_blocks``)."""
_PHRASING_OR_BLOCK = LazyPattern(r"<(/?)(%s|%s)(?=[\s/>])(?:[^>\"']|\"[^\"]*\"|'[^']*')*>?"
                                 % ("|".join(sorted(TEXT_TAGS - {"a", "ins", "del", "wbr"})), FLOW_ONLY), re.IGNORECASE)


def _without_phrasing_around_blocks(content: str, first: int, env: EnvType) -> str:
    """An HTML block's ``content`` (from the body's line ``first``) without each text tag that holds a block there
    (``<b>`` around a ``<div>``, ``<span>`` around a ``<p>``), and its closing tag: HTML allows no block in them (the
    Nu checker's error), and html5ever keeps them so. Each is noted in ``env['around_blocks']`` (its tag, the first
    block's, where its words go, whether it holds words before its first block, the block its words after follow,
    its line); its text stays, the block too. One never closed in the block (``<b>``, ``<p>Teks</p>``) is left out
    the same way: closed at the block's end, it held the block as well; not one never closed inside a block element
    (``<p>Harga <b>naik</p>``), which ends there."""
    stack: list[tuple[str, int, int, list[str], int, list[Any]]] = []  # each text tag open: name, start, end, blocks
    # it holds, how many blocks were open before it, [words before its first block?, the block words follow, the
    # last block it holds at its own level, those blocks, words between two of them?]
    cut: list[tuple[int, int]] = []
    read = tags_read(content)  # '<!-- dulu: <b> -->', title="<b>": no tag

    def left_out(opened: tuple[str, int, int, list[str], int, list[Any]]) -> None:
        cut.append((opened[1], opened[2]))
        summary = opened[3][0] == "details" and _SUMMARY.search(read, opened[2]) is not None
        env.setdefault("around_blocks", []).append((opened[0], opened[3][0], _words_in(opened[3], summary),
                                                    opened[5][0], opened[5][1], tuple(opened[5][3]) if opened[5][4]
                                                    else (), first + content.count("\n", 0, opened[1])))

    def words(start: int, end: int) -> None:
        """Note the text between ``start`` and ``end`` in each text tag open that holds it outside its blocks."""
        if stack and _TAG_TEXT.sub("", read[start:end]).strip():
            for entry in stack:
                if entry[4] == len(blocks):
                    entry[5][:2] = [entry[5][0], entry[5][2]] if entry[3] else [True, ""]
    blocks: list[tuple[str, int]] = []  # each block open: its name, and how many text tags were open before it
    at = 0
    for tag in _PHRASING_OR_BLOCK.finditer(read):
        words(at, tag.start())
        at = tag.end()
        name = tag.group(2).lower()
        if name not in TEXT_TAGS:
            if not tag.group(1):
                for entry in stack:
                    entry[3].append(name)
                    if entry[4] == len(blocks):  # words after its last block are between two now
                        entry[5][1:] = ["", name, [*entry[5][3], name], entry[5][4] or bool(entry[5][1])]
                if name != "hr":  # void: it holds nothing, and the text after it is its parent's
                    blocks.append((name, len(stack)))
            elif (n := next((n for n in range(len(blocks) - 1, -1, -1) if blocks[n][0] == name), -1)) >= 0:
                del stack[blocks[n][1]:]  # '<p>Harga <b>naik</p>': the <b> never closed ends in its <p>, holding no
                del blocks[n:]  # block (told never closed by _close_blocks)
            continue
        if not tag.group(1):
            stack.append((name, tag.start(), tag.end(), [], len(blocks), [False, "", "", [], False]))
            continue
        n = next((n for n in range(len(stack) - 1, -1, -1) if stack[n][0] == name), -1)
        if n < 0:
            continue
        opened = stack.pop(n)
        if opened[3]:
            left_out(opened)
            cut.append((tag.start(), tag.end()))
    words(at, len(read))
    for opened in stack:
        if opened[3]:
            left_out(opened)
    for start, end in sorted(cut, reverse=True):
        content = content[:start] + content[end:]
    return content


_TAG_TEXT = LazyPattern(r"<[^>]*>?")
_SUMMARY = LazyPattern(r"<summary(?=[\s/>])", re.IGNORECASE)
_HOLDS_WORDS = {"ul": "li", "ol": "li", "menu": "li", "dl": "dt", "table": "td"}
"""The element of a list or table that a text tag may go in, around the words: none in the ``<ul>`` itself."""


def _words_in(blocks: Sequence[str], summary: bool = False) -> tuple[str, ...]:
    """Where a text tag left out around ``blocks`` (the block tags it held, in order) is told to go, around the words
    it is for, so that the advice followed is valid HTML: the first paragraph, heading or ``<pre>``, else the first
    block's own element for its words (``_HOLDS_WORDS``: a ``<li>``, not the ``<ul>``), or that block (none for an
    ``<hr>``, which holds nothing); a ``<details>``'s ``<summary>`` first when it has one (``summary``): its words are
    the ones a reader sees (inside the ``<p>`` alone, the summary lost the tag)."""
    leaf = next((b for b in blocks if b in ("p", "pre") or b[0] == "h" and b[1:].isdigit()), "")
    block = next((b for b in blocks if b not in ("hr", "details") or b == "details" and not summary), "")
    inside = leaf or _HOLDS_WORDS.get(block, block)
    return ("summary", inside) if summary and inside else ("summary",) if summary else (inside,) if inside else ()


_ID_ATTRIBUTE = LazyPattern(_BEFORE_ATTRIBUTE + r"[iI][dD]\s*=")
"""Where a raw tag may set an ``id``: a cheap test of the body before its raw HTML is read for one."""


def _id_mark(src: str) -> str:
    """'' when no raw tag of the body can set an id; else the start of the placeholder ids its headings get until
    the sanitised HTML says which raw ids the page keeps: unique to the body (a raw id cannot be written to equal
    it, since the body would have to hold its own hash)."""
    if "<" not in src or not _ID_ATTRIBUTE.search(src):
        return ""
    return "i" + hashlib.blake2b(src.encode("utf-8", "surrogatepass"), digest_size=8).hexdigest() + "-"


def _settle_ids(body: str, tokens: Sequence[Token], src: str, env: EnvType) -> str:
    """``body`` with its headings' and footnotes' placeholder ids (``_id_mark``) made real. An id that the sanitised
    HTML keeps from the raw HTML (``page_ids``: not one in a comment, an attribute's value or a removed element)
    keeps its name, and a heading of that slug takes a suffix instead, the footnotes a prefix ('n2-fn1', their
    marks and back-links alike), with a warning naming the raw tag's line: the editor wrote that id, so a link to
    it, in the body or from elsewhere, is meant for that element. The body's links to the other notes follow them."""
    mark = env["id_mark"]
    found = page_ids(body) if env.get("raw_html") else set()
    kept = {name for name in found if not name.startswith(mark)} - THEME_IDS
    notes = {name[len(mark) + 2:] for name in found if name.startswith(mark + "f-")}
    prefix, n = "", 1
    while kept & {prefix + note for note in notes}:
        n += 1
        prefix = f"n{n}-"
    used = {*THEME_IDS, *kept, *(prefix + note for note in notes)}
    lines = _raw_id_lines(src, tokens, env) if prefix else None
    if lines is not None:
        env["taken_note_ids"] = sorted((lines.get(name, 0), name, prefix + name) for name in kept & notes)
    anchors, headings, said = [], [], set()
    for (level, _, text), line, slug_text in zip(env["headings"], env["heading_lines"], env["heading_slugs"]):
        anchor = _unique_id(slug_text, used)
        base = _base_id(slug_text)
        if base in kept and base not in said:  # said once, at the first heading it renames
            said.add(base)
            lines = _raw_id_lines(src, tokens, env) if lines is None else lines
            env.setdefault("taken_ids", []).append((text, anchor, base, lines.get(base, line), line))
        anchors.append(anchor)
        headings.append((level, anchor, text))
    env["headings"] = headings
    body = re.sub(re.escape(mark) + r"h(\d+)", lambda m: anchors[int(m[1])], body) if anchors else body
    if prefix:  # the body's own links to a renamed note ('[catatan 2](#fn2)') follow it
        renamed = notes - kept
        body = _NOTE_LINK.sub(lambda m: f"{m[1]}{prefix}{m[2]}" if m[2] in renamed else m[0], body)
    return body.replace(mark + "f-", prefix)


_NOTE_LINK = LazyPattern(r'(<a [^>]*?(?<= )href="#)(fn(?:ref)?\d+(?:-\d+)?)(?=")')
"""A link to a footnote's id as the editor wrote it (a tag ends at its first '>': both writers escape it in values)."""


def _raw_id_lines(src: str, tokens: Sequence[Token], env: EnvType) -> dict[str, int]:
    """The body's line (from 0) of the first raw tag that writes each id (``written_ids``), for a warning."""
    found: dict[str, int] = {}
    for token in tokens:
        if token.type == "html_block" and token.map and _ID_ATTRIBUTE.search(token.content):
            for name, at in written_ids(token.content):
                found.setdefault(name, token.map[0] + token.content.count("\n", 0, at))
        elif token.type == "inline" and token.children and _ID_ATTRIBUTE.search(token.content):
            raw = [child.content for child in token.children if child.type == "html_inline"]
            ids = written_ids("".join(raw))  # joined, so that a <script> …</script> around a tag is seen whole
            if not ids:
                continue
            first, source = _block_source(src, token.map, env)
            starts = list(accumulate(map(len, raw), initial=0))
            places, cursor = [], 0  # each tag's place in the paragraph's source, found in order
            for content in raw:
                at = source.find(content, cursor)
                places.append(at if at >= 0 else cursor)
                cursor = at + len(content) if at >= 0 else cursor
            for name, at in ids:
                n = bisect_right(starts, at) - 1
                found.setdefault(name, first + source.count("\n", 0, places[n]))
    return found


def _note_theme_ids(raw: str, line: int, env: EnvType) -> None:
    """Each ``id`` of ``THEME_IDS`` in raw HTML (which begins on the body's line ``line``), with its line, in
    ``env["theme_ids"]``; ``render_reference`` removes them from the sanitised HTML. Not one in a comment or a quoted
    value (``title="<b id=main>"``, ``title="x id=main"``), which is text."""
    attributes: set[int] = set()  # where each attribute of a tag starts: ' id=main' in a value is its text
    for found in _THEME_ID.finditer(raw):
        attributes = attributes or attribute_starts(raw)
        if found.start() + 1 not in attributes or attribute_value(raw, found.start() + 1) != found.group(1):
            continue  # 'id=main"', 'id=main/': the value the page keeps is 'main"', no theme's id
        env.setdefault("theme_ids", []).append((found.group(1), line + raw.count("\n", 0, found.start())))


def _note_refused_links(raw: str, line: int, env: EnvType) -> None:
    """Each raw ``<a>``, ``<video>`` … whose address the sanitiser removes (``refused_addresses``), in
    ``env["refused"]`` as a 'raw link' or 'raw media' (with 'tag attribute') at its line (``raw`` begins on the
    body's line ``line``)."""
    for tag, name, url, at in refused_addresses(raw):
        kind, text = ("raw link", "") if tag == "a" else ("raw media", f"{tag} {name}")
        env.setdefault("refused", []).append((kind, text, url, line + raw.count("\n", 0, at)))


def _note_invalid(raw: str, line: int, env: EnvType) -> None:
    """Each attribute of raw HTML (which begins on the body's line ``line``) that the sanitiser removes for its value
    (``sanitize.invalid_attributes``: an empty, spaced or repeated id, a player's width '100%' …), with its line, in
    ``env["invalid"]``; an id of ``THEME_IDS`` has its own warning. And each value closed by a later quote
    (``sanitize.late_quotes``), in ``env["late_quotes"]``."""
    for tag, name, value, why, at in invalid_attributes(raw, env.setdefault("raw_ids", set())):
        if name != "id" or value not in THEME_IDS:
            env.setdefault("invalid", []).append((tag, name, value, why, line + raw.count("\n", 0, at)))
    for written, meant, at, words in late_quotes(raw):
        env.setdefault("late_quotes", []).append((written, meant, words, line + raw.count("\n", 0, at)))


def _note_dead_references(env: EnvType) -> None:
    """Each reference definition (``[x]: …``) whose address ``safe_url`` refuses and that no refused link names, in
    ``env["refused"]`` as a 'reference' at its line: readers never see the line (as in Hugo and Zola), but a link
    that used it would show as plain text, so the editor is told of it at its own line."""
    definitions = [*env.get("references", {}).values(), *env.get("duplicate_refs", ())]
    dead = [d for d in definitions if not safe_url(d["href"])]
    if dead:
        refused = env.setdefault("refused", [])
        said = {url for _, _, url, _ in refused}
        refused += [("reference", "", d["href"], d["map"][0]) for d in dead if d["href"] not in said]


_SPACED_LABEL = LazyPattern(r"\[\^(?=[^\]\s]*\s)([^\]]*+)\]")
"""A footnote mark or note whose label holds a space, a tab or a line break ('[^data bps]', '[^bps\\n2025]'), which
the footnote plugin takes for none (but a mark and its note both with one tab: a footnote, no text to read here).
Possessive: a '[^' that no ']' follows is read once, not again from each space in it."""
_LINE_BREAK = LazyPattern(r"[ \t]*\n[ \t]*")
_WORDS_LABEL = LazyPattern(r"\w[\w-]*(?:\s+\w[\w-]*)+")
"""A spaced label that is clearly one: words ('data bps', 'bps\n2025'), not a pattern in prose ('[^a-z ]', '[^ ]')."""


def _shown_label(label: str) -> str:
    """A label as a one-line message shows it: a line break in it, with the indent around it, as one space."""
    return _LINE_BREAK.sub(" ", label)


def _spaced_labels(state: StateCore) -> None:
    """Each footnote mark and note whose label holds a space, in ``env["refused"]`` at its line: ('spaced mark', its
    label, '', line) and ('spaced note', its label, the address a link's reference definition took from it or '',
    line). The plugin takes neither for a footnote: the page showed them as text, or, with a one-word note ('[^a b]:
    Spasi.'), the mark as a link to that word; that link is shown as the mark was written. A mark broken over lines
    ('[^bps\\n2025]') is read across its line break. A mark is told only when its label is clearly one
    (``_WORDS_LABEL``) or a note has it (written with the space, or with '-' for it): '[^a-z ]' in a sentence is a
    pattern, shown as written. Run before ``digest``."""
    from markdown_it.common.utils import normalizeReference
    from markdown_it.token import Token
    if "[^" not in state.src or not _SPACED_LABEL.search(state.src):
        return
    refused = state.env.setdefault("refused", [])
    rows = state.src.split("\n") if "references" in state.env else []
    defined = {}  # a space inside the label, or only at its end ('[^x-y ]: Catatan.', which the key has trimmed)
    for key, ref in state.env.get("references", {}).items() if rows else ():
        if key.startswith("^") and (written := _SPACED_LABEL.match("\n".join(rows[ref["map"][0]:ref["map"][1]]).lstrip())):
            defined[key] = ref
            refused.append(("spaced note", _shown_label(written[1]), ref["href"], ref["map"][0]))
    for token in state.tokens:
        if token.type != "inline" or not token.children or "[^" not in token.content:
            continue
        children, lines = token.children, _child_lines(token, state.src, state.env)
        j = len(children)
        while j:  # from the end: a link made text keeps its children, its open and close tags text
            j -= 1
            if children[j].type == "link_close" and (link := _text_link(children, j)) and \
                    (ref := defined.get(normalizeReference(link[1]))) and ref["href"] == children[link[0]].attrs.get(
                        "href"):
                children[link[0]] = Token("text", "", 0, content="[")
                children[j] = Token("text", "", 0, content="]")
                refused.append(("spaced mark", _shown_label(link[1][1:]), "", lines[link[0]]))
                j = link[0]
            elif children[j].type in _TEXT_RUN and (j + 1 == len(children) or children[j + 1].type not in _TEXT_RUN):
                at = j  # the last of a run of text and line breaks: read whole, a mark broken over lines too
                while at and children[at - 1].type in _TEXT_RUN:
                    at -= 1
                pieces = ["\n" if child.type == "softbreak" else child.content for child in children[at:j + 1]]
                text, starts = "".join(pieces), list(accumulate(map(len, pieces), initial=0))
                for found in _SPACED_LABEL.finditer(text) if "[^" in text else ():
                    line_start = text[:found.start()].endswith("\n") or found.start() == 0 and at == 0
                    refused.append(("spaced note" if line_start and text[found.end():][:1] == ":" else "spaced mark",
                                    _shown_label(found[1]), "", lines[at + bisect_right(starts, found.start()) - 1]))
                j = at
    notes = {" ".join(label.split()).lower() for kind, label, *_ in refused if kind == "spaced note"} | {
        key[1:].lower() for key in state.env.get("footnotes", {}).get("refs", {})}  # ':label'
    refused[:] = [entry for entry in refused if entry[0] != "spaced mark" or _WORDS_LABEL.fullmatch(entry[1]) or {
        " ".join(entry[1].split()).lower(), "-".join(entry[1].split()).lower()} & notes]


_TEXT_RUN = ("text", "softbreak")
"""The children a footnote label can be read across: text and the line breaks in it."""


def _text_link(children: list[Token], close: int) -> tuple[int, str] | None:
    """The link ending at ``close`` when it holds only text and line breaks beginning with '^': its link_open's index
    and that text (a line break as '\\n'), which a reference definition's spaced label made a link of."""
    at = close - 1
    while at >= 0 and children[at].type in _TEXT_RUN:
        at -= 1
    label = "".join("\n" if child.type == "softbreak" else child.content for child in children[at + 1:close])
    return (at, label) if at >= 0 and children[at].type == "link_open" and label.startswith("^") else None


def _note_unused_notes(state: StateCore) -> None:
    """Each footnote (``[^1]: …``) that no mark refers to, in ``env["refused"]`` as an 'unused note' at its line: the
    footnote plugin leaves it out of the page without a word (a mark written where it is literal text, after a card's
    ``</a>`` in its HTML block, took the whole section with it); and each defined again under an earlier one's label,
    in ``env["notes_again"]``: the plugin shows the last alone. Run before the plugin drops those notes' tokens."""
    refs = state.env.get("footnotes", {}).get("refs", {})
    if not refs:
        return
    definitions = [t for t in state.tokens if t.type == "footnote_reference_open"]
    unused = any(n < 0 for n in refs.values())
    if unused:
        state.env.setdefault("refused", []).extend(
            ("unused note", t.meta["label"], "", t.map[0] if t.map else 0) for t in definitions
            if refs.get(":" + t.meta["label"], -1) < 0)
    last: dict[str, Token] = {}
    if len(definitions) > len(refs):  # a label defined twice
        lines: dict[str, list[int]] = {}
        for t in definitions:
            lines.setdefault(t.meta["label"], []).append(t.map[0] if t.map else 0)
            last[t.meta["label"]] = t
        state.env["notes_again"] = [(label, line, found[0], found[-1]) for label, found in lines.items()
                                    for line in found[1:]]
    if not (unused or last):
        return
    lost = state.env["lost_in"] = {}  # each mark in a note left out: why that note is, its label, the mark's line
    depth, why, label = 0, "", ""  # inside a note left out: how deep, why it is, its label
    for token in state.tokens:
        if token.type == "footnote_reference_open":
            if not depth:
                label = token.meta["label"]
                why = "note" if refs.get(":" + label, -1) < 0 else "again" if last.get(label, token) is not token else ""
            depth += 1
        elif token.type == "footnote_reference_close":
            depth -= 1
        elif why and depth and token.type == "inline" and (marks := list(_marks_in(token))):
            lines = dict(zip(map(id, token.children or ()), _child_lines(token, state.src, state.env)))
            lost.update((_mark_key(mark), (why, label, lines[id(child)])) for child, mark in marks)


def _mark_key(token: Token) -> tuple[int, int]:
    """A footnote mark's (note, which mark of it), as its note's way back (``footnote_anchor``) names it."""
    return token.meta["id"], token.meta.get("subId", 0)


def _marks_in(inline: Token) -> Iterator[tuple[Token, Token]]:
    """Each footnote mark of an inline token, with its child that holds it: itself, or the image in whose alt text it
    is."""
    for child in inline.children or ():
        if child.type == "footnote_ref":
            yield child, child
        elif child.type == "image" and child.children:
            yield from ((child, c) for c in child.children if c.type == "footnote_ref")


def _marks(tokens: Sequence[Token], players: bool, env: EnvType) -> None:
    """Where each footnote mark the page may not show is, before the core rule turns some into text (an image refused,
    a video's card, a player's line made raw HTML, when the body has ``players``): ``env["marks"]``, its inline token,
    the token's children as they are now (the rule may replace them) and the child it is in (an image, for one in its
    alt text, which shows no mark), for ``_lost_marks``. Most bodies with footnotes have none of these."""
    env["marks"] = {_mark_key(mark): (token, token.children, child) for token in tokens
                    if token.type == "inline" and ("![" in token.content or players and (
                        "[^" in token.content or "^[" in token.content))
                    for child, mark in _marks_in(token) if players or child is not mark}
    env["marks_lost"] = bool(env["marks"]) or bool(env.get("lost_in"))  # else every mark is on the page


_MARK_BEFORE_LINK_END = LazyPattern(r"(?<!\\)\[\^[^\]\s]+\][^\[\]]*\]\s*[(\[]")
"""A footnote mark, then the end of a link's text ('[laporan[^1]](…)', '… [^1]][ref]'): maybe a mark in one."""
_REFERENCE_AFTER = LazyPattern(r"[^\[\]]*\](\[[^\[\]]*\])")
"""The rest of a link's text after a mark, then its reference ('][ref]', '][]'): a reference link's."""
_WRITTEN_MARK = LazyPattern(r"(?<!\\)\[\^([^\]\s]+)\]")
_INLINE_MARK = LazyPattern(r"(?<!\\)\^\[[^\[\]]*\]")
_MARK_IN_SHORTCUT = LazyPattern(r"(?<![\\\]])\[([^\[\]]*(?:(?:\[\^[^\]\s]+\]|\^\[[^\[\]]*\])[^\[\]]*)+)\](?![(\[])")
"""Brackets around text and a footnote mark (or an inline ``^[…]``), no link or reference right after them
('[laporan[^1]]', '[laporan[^1]] (2024)': a space makes none): a shortcut reference link with a mark in its text when
the text without its marks is a reference's label ('[laporan]: https://…'). A ':' after it makes no definition: a
label holds no brackets."""
_MARK_THEN_BRACKET = LazyPattern(r"(?<!\\)(?:\[\^[^\]\s]+\]|\^\[[^\[\]]*\])[^\[\]]*\](?![(\[])")
"""A mark, then a ']' with no link or reference after it: what ``_MARK_IN_SHORTCUT`` looks for ends so. Searched
first, from each '[^' (1 µs a 300-character paragraph; the whole pattern, tried at each '[', took 15 µs)."""
_PLACEHOLDER = LazyPattern("\ue000(\\d+)\ue001")
"""A written mark's stand-in while ``_marks_in_links`` reads a paragraph again: text no rule takes (private use)."""


def _marks_in_links(token: Token, md: MarkdownIt, src: str, env: EnvType) -> None:
    """Each footnote mark written in a Markdown link's text, in ``env["marks_in_links"]`` with the link's text and
    address and its line: a link cannot hold the mark's link. markdown-it reads '[laporan[^1]](…)' as text, a mark
    and text (the link is not made; readers see its brackets and address), which is found by reading the paragraph
    again with each mark a placeholder; an inline ``^[…]`` in a link's text made a link in a link, invalid HTML that
    browsers split, and is shown as its text, its id kept for its note's way back (as in a card, ``_unlinked``)."""
    from markdown_it.common.utils import normalizeReference
    found = env.setdefault("marks_in_links", [])
    children = token.children or []
    opened: list[tuple[str, int, list[int]]] = []  # each link open: its address, where its text starts, its marks
    for i, child in enumerate(children):
        if child.type == "link_open":
            opened.append((str(child.attrs.get("href", "")), i + 1, []))
        elif child.type == "link_close" and opened:
            href, start, inside = opened.pop()
            if inside:
                lines = _child_lines(token, src, env)
                text = " ".join(_plain(children[start:i]).split())
                found += [(str(children[n].meta.get("label") or ""), text, href, lines[n], "") for n in inside]
        elif child.type == "footnote_ref" and opened:
            child.meta["as_text"] = True
            opened[-1][2].append(i)
    refs = env["footnotes"].get("refs", {})
    content = token.content
    first = token.map[0] if token.map else 0
    for link in _MARK_IN_SHORTCUT.finditer(content) if _MARK_THEN_BRACKET.search(content) else ():
        text = " ".join(_INLINE_MARK.sub(" ", _WRITTEN_MARK.sub(" ", link[1])).split())
        if (ref := env.get("references", {}).get(normalizeReference(text))) is not None:  # not made: text, brackets
            marks = [(mark.start(), mark[1]) for mark in _WRITTEN_MARK.finditer(link[1]) if ":" + mark[1] in refs]
            found += [(label, text, ref["href"], first + content.count("\n", 0, link.start(1) + at), "shortcut")
                      for at, label in sorted(marks + [(mark.start(), "") for mark in _INLINE_MARK.finditer(link[1])])]
    if not (refs and _MARK_BEFORE_LINK_END.search(content)):
        return
    written = [m for m in _WRITTEN_MARK.finditer(content) if ":" + m[1] in refs]
    parts, at = [], 0
    for n, mark in enumerate(written):
        parts += [content[at:mark.start()], f"\ue000{n}\ue001"]
        at = mark.end()
    again: list[Token] = []
    md.inline.parse("".join(parts) + content[at:], md, {"references": env.get("references", {})}, again)
    links: list[tuple[str, int]] = []  # each link open: its address, where its text starts
    for i, child in enumerate(again):
        if child.type == "link_open" and child.markup not in ("autolink", "linkify"):
            links.append((str(child.attrs.get("href", "")), i + 1))
        elif child.type == "link_close" and links:
            href, start = links.pop()
            text = " ".join(_PLACEHOLDER.sub("", _plain(again[start:i])).split())
            for n in map(int, _PLACEHOLDER.findall("".join(c.content for c in again[start:i] if c.type == "text"))):
                label = _REFERENCE_AFTER.match(content, written[n].end())  # '[laporan[^2]][ref]': '[ref]'
                found.append((written[n][1], text, href, first + content.count("\n", 0, written[n].start()),
                              label[1] if label else ""))


def _lost_marks(tokens: Sequence[Token], src: str, env: EnvType) -> None:
    """Each footnote mark the page does not show, in ``env["lost_marks"]`` with where it is and its line, and its
    note's way back to it (the ``footnote_anchor``) left out: it led to an id not on the page. The footnote plugin
    numbers a mark wherever markdown-it read one: in an image's alt text, in a note it then leaves out, in a line
    the core rule makes raw HTML."""
    from markdown_it.token import Token
    shown = {_mark_key(child) for token in tokens
             if token.type == "inline" and ("[^" in token.content or "^[" in token.content)
             for child in token.children or () if child.type == "footnote_ref"}
    for token in tokens:
        if token.type == "footnote_anchor" and (key := _mark_key(token)) not in shown:
            token.meta["lost"] = True
            label = str(token.meta.get("label") or "")
            if key in env.get("lost_in", {}):
                why, about, line = env["lost_in"][key]
            elif key in env["marks"]:
                inline, children, child = env["marks"][key]
                written = Token("inline", "", 0, map=inline.map, children=children)  # as parsed: the image may be gone
                line = next(n for c, n in zip(children, _child_lines(written, src, env)) if c is child)
                why, about = ("image", _plain(child.children)) if child.type == "image" else ("raw", "")
            else:
                continue
            env.setdefault("lost_marks", []).append((why, label, " ".join(about.split()), line))


def _refuse_unsafe(token: Token, env: EnvType) -> None:
    """Links and images whose address ``safe_url`` refuses become their text (a link's, an image's alt), each
    noted in ``env["refused"]`` with its line. ``validateLink`` accepts every address so that they are parsed as
    links: refused there, markdown-it showed the whole ``[text](javascript:…)`` as text, and nobody was told."""
    children = token.children or []
    if not any(child.type in ("link_open", "image") for child in children):
        return
    from markdown_it.token import Token
    kept: list[Token] = []
    opened: list[tuple[int, int]] = []  # each link open: where its text starts in ``kept`` and its place in
    # ``refused``, or -1s when it is kept
    line = token.map[0] if token.map else 0
    refused = env.setdefault("refused", [])
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            line += 1
        elif child.type == "html_inline":
            line += child.content.count("\n")
        if child.type in ("link_open", "link_close"):
            if _as_text(child, "" if safe_url(str(child.attrs.get("href", ""))) else "link", line, kept, opened,
                        refused):
                continue
        elif child.type == "image" and not safe_url(str(child.attrs.get("src", ""))):
            alt = _plain(child.children)
            refused.append(("image", " ".join(alt.split()), str(child.attrs.get("src", "")), line))
            child = Token("text", "", 0, content=alt)
        kept.append(child)
    token.children = kept


def _as_text(child: Token, kind: str, line: int, kept: list[Token], opened: list[tuple[int, int]],
             refused: list[tuple[str, str, str, int]]) -> bool:
    """Whether a walk over an inline token's children (``kept`` so far) that shows some links as their text leaves out
    ``child``, a link's open or close tag: a link opened with a ``kind`` is noted in ``refused`` as one at ``line``,
    its text set at its close. ``opened`` holds, for each link open, where its text starts in ``kept`` and its place
    in ``refused`` (-1s: kept as a link)."""
    if child.type == "link_open":
        opened.append((len(kept), len(refused)) if kind else (-1, -1))
        if kind:
            refused.append((kind, "", str(child.attrs.get("href", "")), line))
        return bool(kind)
    if not opened:
        return False
    start, at = opened.pop()
    if start >= 0:
        refused[at] = (refused[at][0], " ".join(_plain(kept[start:]).split()), *refused[at][2:])
    return start >= 0


def _block_source(src: str, lines: list[int] | None, env: EnvType) -> tuple[int, str]:
    """The body's line (from 0) where a block begins, and its source text (``Token.map``: its lines); the body's
    line starts are found once, when a block first asks."""
    if not lines:
        return 0, ""
    starts = env.get("line_starts")
    if starts is None:
        starts = env["line_starts"] = [0, *(m.end() for m in re.finditer("\n", src))]
    end = starts[lines[1]] if lines[1] < len(starts) else len(src)
    return lines[0], src[starts[lines[0]]:end] if lines[0] < len(starts) else ""


def _inline_html(children: Sequence[Token], find_more: bool, env: EnvType,
                 block: tuple[str, list[int] | None] = ("", None)) -> int:
    """Comments and unusable images removed from a paragraph's raw HTML (``block``: the body and the paragraph's
    lines, ``Token.map``, where an image's tag is looked for, to warn at its line); returns where ``<!--more-->`` is
    among the children (-1: not there, or not looked for). The body needs the sanitiser unless every raw tag is a bare
    formatting tag (``<small>``, ``</small>``, ``<br>`` …) and they nest properly with the Markdown's own,
    the common case in newsletters, where nh3 would give the same markup."""
    open_tags: list[str] = []
    simple = True
    more = -1
    cursor = 0  # in the paragraph's source: past the image tags found so far
    for j, child in enumerate(children):
        if child.nesting:
            if child.nesting > 0:
                open_tags.append(child.tag)
            elif not open_tags or open_tags.pop() != child.tag:
                simple = False
            continue
        if child.type != "html_inline":
            continue
        if find_more and more < 0 and _MORE.fullmatch(child.content):
            more = j
        if _COMMENTS.fullmatch(child.content):
            child.content = ""
            continue
        bare = _BARE_TAG.fullmatch(child.content)
        if bare is None:
            simple = False
            line = 0
            checked = _checked_as_ids(child.content, env)
            theme_id = _THEME_ID.search(checked)
            if theme_id or ADDRESS_TAG.search(child.content) or _ID_ATTRIBUTE.search(checked) or \
                    LATE_QUOTE.search(child.content):
                first, source = _block_source(*block, env)
                at = source.find(child.content, cursor)  # the tag as written, after those found before it
                line = first + source.count("\n", 0, at if at >= 0 else cursor)
                cursor = at + len(child.content) if at >= 0 else cursor
            child.content = drop_unusable_images(child.content, env.setdefault("unusable", []), line)
            checked = _checked_as_ids(child.content, env)
            if theme_id:
                _note_theme_ids(checked, line, env)
            _note_refused_links(child.content, line, env)
            _note_invalid(checked, line, env)
        elif bare.group(2) and not bare.group(1):
            open_tags.append(bare.group(2))
        elif bare.group(2) and (not open_tags or open_tags.pop() != bare.group(2)):
            simple = False
    if not simple or open_tags:
        env["raw_html"] = True
    return more


_RAW_OPEN_OR_CLOSE = LazyPattern(r"<(/?)([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])")
_CLOSED_IN_LINE = TEXT_TAGS - {"wbr"}
"""Raw inline tags closed at the end of their paragraph (or of the Markdown emphasis or link they are in) when the
writer did not: the HTML5 parser in nh3 would reopen one in every later block (the rest of the article bold, its id
copied), and an ``<a>`` would take the footnote mark out of its ``<sup>``."""
_SPREADING = LazyPattern(r"<(/?)(audio|blockquote|details|div|figure|section|video|%s)(?=[\s/>])" % "|".join(sorted(_CLOSED_IN_LINE)),
                         re.IGNORECASE)
"""Raw block tags that, left open, hold the rest of the body (a closed ``<details>`` hides it), and inline tags
opened in an HTML block: closed at the end of their block when no closing tag follows."""


def _all_closed(source: str) -> bool:
    """Whether each raw text tag opened in a paragraph's source is closed after it as often, and no link or footnote mark
    ('[') may meet an ``<a>``: the common case, which ``_close_inline`` need not walk."""
    counts: dict[str, int] = {}
    for slash, name in _RAW_OPEN_OR_CLOSE.findall(source):
        name = name.lower()
        if name in RAW_TEXT:  # its tags are text: the walk passes over them
            return False
        if name in _CLOSED_IN_LINE:
            counts[name] = counts.get(name, 0) + (-1 if slash else 1)
            if counts[name] < 0:  # a stray closing tag: the walk tells what it closes
                return False
    return not any(counts.values()) and ("a" not in counts or "[" not in source)


def _close_inline(token: Token, src: str, env: EnvType) -> list[Token]:
    """An inline token's children with a closing tag for each raw inline tag the writer left open
    (``_CLOSED_IN_LINE``): before the end of the Markdown element it opened in, before a Markdown link or footnote mark
    when it is an ``<a>``, else at the end. Each is added to ``env['unclosed']`` with its line (``_child_lines``)."""
    from markdown_it.token import Token
    out: list[Token] = []
    stack: list[tuple[str, str, int, str]] = []  # ('md' or 'raw', tag, line, the raw opening tag)

    def close_from(at: int) -> None:
        for kind, tag, opened, opening in reversed(stack[at:]):
            if kind == "raw":
                out.append(Token("html_inline", "", 0, content=f"</{tag}>"))
                env.setdefault("unclosed", []).append((tag, opened))
                if tag == "a":
                    env.setdefault("links_cut", []).append((token, opened, opening, out[-1]))
        del stack[at:]

    def raw_in_scope(tag: str) -> int:
        for at in range(len(stack) - 1, -1, -1):
            if stack[at][0] == "md":
                return -1
            if stack[at][1] == tag:
                return at
        return -1

    raw_linked = _in_raw_links(token.children or ())
    as_text: list[tuple[int, int]] = []  # a Markdown link in a raw <a> its </a> closes, shown as its text
    text_of = _raw_text_children(token.children or ())
    for child, line in zip(token.children or (), _child_lines(token, src, env)):
        if id(child) in text_of:  # in a <textarea>, <noscript> …: text, removed with it
            out.append(child)
            continue
        if child.type in ("link_open", "link_close") and (id(child) in raw_linked or as_text) and _as_text(
                child, "link in a", line, out, as_text, env.setdefault("refused", [])):
            continue  # a link in a link: the <a> would end at it, the words after it unlinked
        if child.type == "footnote_ref" and id(child) in raw_linked and (at := raw_in_scope("a")) >= 0:
            child.meta["as_text"] = True  # the mark's link would end the <a>: its text, the <a> whole
            text, href = _raw_link_text(token.children or [], child, stack[at][3])
            env.setdefault("marks_in_links", []).append((str(child.meta.get("label") or ""), text, href, line, "raw"))
            out.append(child)
            continue
        if child.type in ("link_open", "footnote_ref") and (at := raw_in_scope("a")) >= 0:
            if at == len(stack) - 1 and not is_link(stack[at][3]):  # an <a id=…> holds no link: ended at the link's
                # own <a>, as browsers end it, and no warning (a video's link, or the editor's, is shown)
                out.append(Token("html_inline", "", 0, content="</a>"))
                stack.pop()
            else:
                close_from(at)
        if child.nesting > 0:
            stack.append(("md", child.tag, line, ""))
        elif child.nesting < 0:
            md = max((at for at, entry in enumerate(stack) if entry[0] == "md"), default=-1)
            if md >= 0:
                close_from(md)
        elif child.type == "html_inline":
            tag = _RAW_OPEN_OR_CLOSE.match(child.content)
            name = tag.group(2).lower() if tag else ""
            if name in _CLOSED_IN_LINE and tag and tag.group(1):
                at = raw_in_scope(name)
                if at >= 0:
                    close_from(at + 1)
                    stack.pop()
                elif name == "a":  # closing nothing here: maybe a link cut at another list item's end
                    env.setdefault("links_closing", []).append((token, child, line))
            elif name in _CLOSED_IN_LINE:
                stack.append(("raw", name, line, child.content))
        out.append(child)
    close_from(0)
    return out


def _raw_link_text(children: Sequence[Token], inside: Token, opening: str) -> tuple[str, str]:
    """The text readers see of the raw ``<a>`` (its start tag ``opening``) that the child ``inside`` is in, and its
    ``href``."""
    at = next(n for n, child in enumerate(children) if child is inside)
    start = next(n for n in range(at, -1, -1) if children[n].type == "html_inline" and children[n].content == opening)
    end = next((n for n in range(at, len(children)) if children[n].type == "html_inline"
                and (tag := RAW_A.match(children[n].content)) and tag[1]), len(children))
    found = StartTags(frozenset({"a"}), opening).found
    return " ".join(_plain(children[start + 1:end]).split()), found[0][3].get("href", "") if found else ""


def _raw_text_children(children: Sequence[Token]) -> set[int]:
    """The ids of a paragraph's raw tags inside a ``RAW_TEXT`` element closed in it (``<textarea><i>x</textarea>``),
    which the HTML parser reads as text: none opens or closes an element."""
    inside: set[int] = set()
    opened = ""  # the raw-text element open, and the children since its start tag
    since: list[int] = []
    for child in children:
        tag = _RAW_OPEN_OR_CLOSE.match(child.content) if child.type == "html_inline" else None
        name = tag.group(2).lower() if tag else ""
        if opened and tag and tag.group(1) and name == opened:
            inside.update(since)
            opened, since = "", []
        elif opened and tag:
            since.append(id(child))
        elif tag and name in RAW_TEXT and not tag.group(1):
            opened = name
    return inside


_PHRASING_ONLY = _CLOSED_IN_LINE - {"a", "ins", "del"}
"""The text tags HTML allows no paragraph in: closed at the end of their HTML block even when a later block closes
them (``_close_blocks``). An ``<a>``, ``<ins>`` or ``<del>`` takes its parent's content, so one around paragraphs (a
card linked whole) is valid, and is closed there only when nothing closes it."""
_OPENING_TAG = LazyPattern(r"""<[A-Za-z][^\s/>]*(?:[^>"']|"[^"]*"|'[^']*')*>?""")
_BLOCK_TAG = LazyPattern(r"</?(?:audio|blockquote|details|div|figure|section|video)(?=[\s/>])", re.IGNORECASE)


_SOURCE_TAG = LazyPattern(r"<source\b", re.IGNORECASE)
_PLAYER_TAG = LazyPattern(r"<(?:video|audio)\b", re.IGNORECASE)
"""More than one in a body: ``player_sources`` looks for a player inside another."""


def _raw_pieces(tokens: Sequence[Token], src: str, env: EnvType) -> Iterator[tuple[str, int]]:
    """The body's raw HTML in order, each block's and each inline tag's, with the body's line (from 0) it begins on."""
    for token in tokens:
        if token.type == "html_block":
            yield token.content, token.map[0] if token.map else 0
        elif token.type == "inline" and "<" in token.content:
            for child, line in zip(token.children or (), _child_lines(token, src, env)):
                if child.type == "html_inline":
                    yield child.content, line


def _code_span(code: Token) -> re.Pattern[str]:
    """A code span as it may be written: its text with a line break or spaces where the token has a space (markdown-it
    turns a line break in one into a space and strips one space at each end)."""
    text = r"\s+".join(map(re.escape, code.content.split(" ")))
    return re.compile(r"%s\s?%s\s?%s" % (re.escape(code.markup), text, re.escape(code.markup)))


def _child_lines(token: Token, src: str, env: EnvType) -> list[int]:
    """The body's line (from 0) each child of an inline token begins on, found in its block's source in order: a line
    break inside a code span or an image's alt text has no token of its own."""
    first, source = _block_source(src, token.map, env)
    lines: list[int] = []
    line, cursor = first, 0  # ``line`` is the line of ``cursor``
    for child in token.children or ():
        start, end = -1, -1
        if child.type == "html_inline":
            start = source.find(child.content, cursor)
            end = start + len(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            start = source.find("\n", cursor)
            end = start + 1
        elif child.type == "code_inline":
            found = _code_span(child).search(source, cursor)
            start, end = (found.start(), found.end()) if found else (-1, -1)
        elif child.type == "image":
            start = end = cursor
            for _ in range(sum(c.type in ("softbreak", "hardbreak") for c in child.children or ())):
                end = source.find("\n", end) + 1 or end
        if start >= 0:
            line += source.count("\n", cursor, start)
            lines.append(line)
            line += source.count("\n", start, end)
            cursor = end
        else:  # not as written (a tag over lines of a block quote): the next one found puts the count right
            lines.append(line)
    return lines


def _close_blocks(tokens: list[Token], src: str, env: EnvType) -> None:
    """A closing tag for each raw ``_SPREADING`` tag that no closing tag follows in the body: at the end of its HTML
    block, or of its paragraph's text. Each is added to ``env['unclosed']`` with its line. A text tag (``<b>`` …,
    ``_PHRASING_ONLY``) is closed at the end of its HTML block also when a later block closes it with a paragraph or
    other block between (inside it: invalid HTML, ``<p>`` in ``<b>``); those are added to ``env['split']`` with the
    later closing tag's line, and that tag, closing nothing now, is left out by the sanitiser. Only HTML blocks between
    (a blank line before ``</small>``) are no paragraph: the tag stays open to its closing tag. An ``<a>``, ``<ins>`` or
    ``<del>`` around paragraphs that a paragraph's last tag closes (``Teks.</a>``) is closed after that paragraph; one
    that a ``</a>`` amid a paragraph closes is closed before it and reopened at its start (``_moved_close``). A Markdown
    link inside a card is shown as its text (``_unlinked``): a link in a link made html5ever split the card."""
    from markdown_it.token import Token
    opened: list[tuple[str, Token, Token | None, int, str]] = []  # tag, block, its child, line, the opening tag
    waiting: list[tuple[str, Token, int]] = []  # text tags open at the end of their HTML block, only HTML blocks since
    ended: list[tuple[str, int]] = []  # text tags closed at the end of their HTML block: tag, line
    moves: list[tuple[int, int, str]] = []  # ``_moved_close``'s, made once the walk is over
    inner: list[tuple[int, tuple[str, Token, Token | None, int, str]]] = []  # each <a> opened in an HTML block
    # inside another: its place, its entry in ``opened``
    cards: list[tuple[tuple[str, Token, Token | None, int, str], Token]] = []  # an <a> open, and in it a heading's
    # close or an inline token with a Markdown link
    for index, token in enumerate(tokens):
        if token.type == "heading_open" or token.type == "inline" and opened and any(
                child.type in ("link_open", "footnote_ref") or child.type == "html_inline" and RAW_A.match(child.content)
                for child in token.children or ()):
            in_card = tokens[index + 2] if token.type == "heading_open" else token
            cards += [(entry, in_card) for entry in opened if entry[0] == "a" and is_link(entry[4])]  # <a id=…>: none
        if token.type != "html_block" and waiting:  # a paragraph or other block would be inside them: closed
            for tag, block, line in reversed(waiting):
                block.content = block.content.rstrip("\n") + f"</{tag}>\n"
                ended.append((tag, line))
            waiting.clear()
        if token.type == "html_block":
            raws: list[tuple[Token, Token | None, int]] = [(token, None, token.map[0] if token.map else 0)]
        elif token.type == "inline" and (_BLOCK_TAG.search(token.content)
                                         or (ended or opened) and "</" in token.content):
            text_of = _raw_text_children(token.children or ())  # in a <textarea> …: text
            raws = [(child, child, line) for child, line in zip(token.children or (), _child_lines(token, src, env))
                    if child.type == "html_inline" and id(child) not in text_of]
        else:
            continue
        inline: list[str] = []  # the paragraph's own text tags open (``_close_inline`` closed them all in it)
        for raw, child, first in raws:
            content = tags_read(raw.content, values=False)
            cut: list[tuple[int, int, str]] = []  # spans of this HTML block to replace: an inner <a>'s tags, left
            # out (``_inner_link``), or where an <a> left open in a block element is closed
            for match in _SPREADING.finditer(tags_read(content)):  # no tag in a comment or a quoted value
                tag = match.group(2).lower()
                line = first + content.count("\n", 0, match.start())
                if not match.group(1) and child is not None and tag in _CLOSED_IN_LINE:
                    inline.append(tag)
                    continue
                if not match.group(1):
                    opening = _OPENING_TAG.match(content, match.start()).group()
                    opened.append((tag, token, child, line, opening))
                    if tag == "a" and child is None and any(entry[0] == "a" and is_link(entry[4]) for entry in opened[:-1]):
                        inner.append((match.start(), opened[-1]))  # a link in a card: its text, when it is closed
                    continue
                if child is not None and tag in inline:  # its own paragraph's: '<b>tebal</b>'
                    del inline[len(inline) - 1 - inline[::-1].index(tag)]
                    continue
                at = next((at for at in range(len(opened) - 1, -1, -1) if opened[at][0] == tag), -1)
                if at >= 0 and tag == "a" and inner and inner[-1][1] is opened[at]:
                    cut += _inner_link(content, inner.pop()[0], match.start(), opened.pop(at), env)
                    end = _TAGS_IN_RAW.match(content, match.start())
                    cut.append((match.start(), end.end() if end else match.end(), ""))
                    continue
                if at >= 0 and child is None and tag not in _CLOSED_IN_LINE:  # '<div><a …>dalam</div>': the <a>
                    for left in [entry for entry in opened[at + 1:] if entry[0] == "a" and entry[1] is token]:
                        opened.remove(left)  # ends with the block, or a later '</a>' (a card's) would close it
                        held = next((n for n, (_, entry) in enumerate(inner) if entry is left), -1)
                        if held >= 0:
                            cut += _inner_link(content, inner.pop(held)[0], match.start(), left, env)
                        else:
                            cut.append((match.start(), match.start(), "</a>"))
                            env.setdefault("unclosed", []).append(("a", left[3]))
                if at >= 0:
                    move = _moved_close(tokens, index, child, opened[at], content[match.end():], env)
                    if move is not None:
                        moves.append(move)
                    elif child is not None and opened[at][2] is None and tag in _CLOSED_IN_LINE:
                        end = _container_end(tokens, opened[at][1], index)
                        if end < 0:
                            continue
                        if tag == "a" and _any_link([*tokens[_index(tokens, opened[at][1]) + 1:index],
                                                     *token.children[:_index(token.children, child)]], raw=True):
                            _close_left_open(opened.pop(at), env)  # '- <a …>' '- <a …>dua</a> x</a>': the second
                            continue  # <a> ended the card, as in browsers; the stray </a> is dropped
                        # closed in another list item or block quote: held to its own container's end, the text
                        # before the '</a>' linked by a copy, as html5ever does (``_reopened``), and the writer told
                        moves.append((end - 1, -1, tag))
                        env.setdefault("split", []).append((tag, opened[at][3], line))
                        if tag == "a":
                            _reopened(token.children, child, opened[at][4])
                        for entry, in_card in cards:
                            if entry is opened[at] and in_card.type == "heading_close":
                                in_card.meta["anchor"] = ""
                            elif entry is opened[at] and (in_card is token or _index(tokens, in_card) < end):
                                in_card.children = _unlinked(in_card, child if in_card is token else None, src, env)
                        del opened[at]
                        continue  # 'Teks</ins> lanjut': html5ever drops an </ins> inside a <p> (an </a> in a
                        # paragraph that cannot be split, as in a tight list, too), so the <ins> is closed at the end
                        # of its own block, as one never closed is
                    for entry, in_card in cards:  # an <a> in an <a>: a card's heading's '#' link, a Markdown link
                        if entry is opened[at] and in_card.type == "heading_close":
                            in_card.meta["anchor"] = ""
                        elif entry is opened[at]:
                            in_card.children = _unlinked(in_card, child if in_card is token else None, src, env)
                    del opened[at]
                    continue
                at = next((at for at in range(len(waiting) - 1, -1, -1) if waiting[at][0] == tag), -1)
                if at >= 0:
                    del waiting[at]
                    continue
                at = next((at for at in range(len(ended) - 1, -1, -1) if ended[at][0] == tag), -1)
                if at >= 0:
                    env.setdefault("split", []).append((tag, ended.pop(at)[1], line))
            for start, end, put in sorted(cut, reverse=True):
                raw.content = raw.content[:start] + put + raw.content[end:]
        if token.type == "html_block":
            for at in range(len(opened) - 1, -1, -1):
                tag, block, _, line, _ = opened[at]
                if block is token and tag in _PHRASING_ONLY:
                    waiting.insert(0, (tag, token, line))
                    del opened[at]
    for tag, block, line in reversed(waiting):
        block.content = block.content.rstrip("\n") + f"</{tag}>\n"
        ended.append((tag, line))
    env.setdefault("unclosed", []).extend(ended)  # no later tag closed them
    for entry in reversed(opened):
        _close_left_open(entry, env)
    for index, close, tag in sorted(moves, reverse=True):
        if close >= 0:
            tokens.insert(index, tokens.pop(close))  # ``index`` is one less once the close is out
        elif tag:
            tokens.insert(index + 1, Token("html_block", "", 0, content=f"</{tag}>\n"))


def _close_left_open(entry: tuple[str, Token, Token | None, int, str], env: EnvType) -> None:
    """A raw tag no closing tag closes (``entry`` of ``_close_blocks``), closed at the end of its HTML block or
    paragraph and noted in ``env['unclosed']`` with its line."""
    from markdown_it.token import Token
    tag, token, child, line, _ = entry
    if child is None:
        token.content = token.content.rstrip("\n") + f"</{tag}>\n"
    else:
        token.children.append(Token("html_inline", "", 0, content=f"</{tag}>"))
    env.setdefault("unclosed", []).append((tag, line))


def _container_end(tokens: Sequence[Token], block: Token, index: int) -> int:
    """Where a raw tag opened in the HTML block ``block`` and closed in ``tokens[index]``, another container's
    paragraph (a list item, a block quote), is closed instead: before the first token after the block that ends the
    block's container, else before the container at the block's level that holds ``tokens[index]``; -1 when they are
    in one container."""
    start = next((n for n, token in enumerate(tokens) if token is block), index)
    holder = -1
    for n in range(start + 1, index):
        if tokens[n].level < block.level:
            return n
        if tokens[n].level == block.level and tokens[n].nesting == 1 and tokens[n].type != "paragraph_open":
            holder = n
    return holder


_NOT_PLAYER_PART = LazyPattern(r"<(?!/?(?:source|track)\b|/(?:video|audio)\b|!--)[A-Za-z/]", re.IGNORECASE)
"""A tag that is none of a player's (``<source>``, ``<track>``, its closing tag): HTML blocks with one are not moved
into the player's paragraph (``_moved_close``)."""


def _moved_close(tokens: list[Token], index: int, child: Token | None,
                 entry: tuple[str, Token, Token | None, int, str], rest: str, env: EnvType) -> tuple[int, int, str] | None:
    """Where a paragraph and a raw tag that spans it end as the writer meant, when a closing tag (in ``tokens[index]``,
    ``child`` of it if inline, ``rest`` after it) closes ``entry``'s tag: (after which token, which paragraph close
    moves there or -1, which tag closes there). A ``<video>`` or ``<audio>`` opened in a paragraph whose ``<track>``
    began an HTML block (CommonMark's rule) is closed in those blocks, which hold nothing else: the paragraph ends
    after them, as html5ever closed the player at the ``</p>``, its track left out. When they hold other tags (its
    fallback's ``<p>``, which would close the paragraph), a paragraph that is the player's tag alone loses its ``<p>``
    (hidden, as a tight list's), and one with text is noted in ``env['cut_players']``. An ``<a>`` (``<ins>``, ``<del>``)
    opened in an HTML block and closed by a paragraph's last tag ('Teks.</a>') is closed after the paragraph, a card
    holding it whole. One that a ``</a>`` amid a paragraph closes ('Baca selengkapnya</a> · Sumber') is closed before
    the paragraph and reopened at its start, as html5ever does (it split the card and its link), up to a footnote mark
    before the ``</a>``, or, when its block holds nothing after it, moved there (not an empty link); with nothing
    before the ``</a>``, that closing tag is left out (html5ever drops it)."""
    tag, block, opener, _, start = entry
    if child is None and tag in ("video", "audio") and opener is not None and not rest.partition(">")[2].strip():
        close = index - 1
        while tokens[close].type == "html_block":
            close -= 1
        if tokens[close].type == "paragraph_close" and tokens[close - 1] is block and not tokens[close].hidden:
            if not any(_NOT_PLAYER_PART.search(between.content) for between in tokens[close + 1:index + 1]):
                return index, close, ""
            if block.content.split() == start.split():  # the paragraph is the player's tag alone: no <p> around it,
                tokens[close].hidden = tokens[close - 2].hidden = True  # which its fallback's <p> would close
            else:
                env.setdefault("cut_players", []).append((tag, entry[3]))
            return None
    if (child is not None and opener is None and child is tokens[index].children[-1]
            and tokens[index + 1].type == "paragraph_close" and not tokens[index + 1].hidden
            and _container_end(tokens, block, index) < 0):
        del tokens[index].children[-1]  # ``child`` (not ``remove``: a token equal to it, an inner '</a>', may be first)
        return index + 1, -1, tag
    if (tag == "a" and child is not None and opener is None and tokens[index - 1].type == "paragraph_open"
            and not tokens[index - 1].hidden and tokens[index - 1].level == block.level
            and _container_end(tokens, block, index) < 0):
        children = tokens[index].children
        if _reopened(children, child, start):
            kept = block.content.rstrip()
            if tokens[index - 2] is block and kept.endswith(start):  # nothing after it in its block: moved, not
                kept = kept[:-len(start)].rstrip()  # closed empty
                block.content = kept + "\n" if kept.strip() else ""
                return index - 2, -1, ""
        return index - 2, -1, tag
    return None


_CONTAINER = ("list_open", "list_close", "item_open", "item_close", "blockquote_open", "blockquote_close")
"""The ends of the tokens of a list, a list item or a block quote: a link cannot reach from one into another."""


def _links_across(tokens: list[Token], src: str, env: EnvType) -> None:
    """An ``<a>`` opened in a paragraph and closed (``_close_inline``) at its end, that a ``</a>`` in another list item
    or block quote meant to close: told as such (``env['split']``, not 'never closed'), and the text before that
    ``</a>`` linked by a copy (``_reopened``), as a card opened in an HTML block and closed there is."""
    places = {id(token): n for n, token in enumerate(tokens) if token.type == "inline"}
    closing = sorted(env["links_closing"], key=lambda c: places[id(c[0])])
    for token, line, opening, cut in sorted(env["links_cut"], key=lambda c: (places[id(c[0])], c[1])):
        start = places[id(token)]
        at = next((n for n, (later, _, _) in enumerate(closing) if places[id(later)] > start), -1)
        if at < 0:
            continue
        later, child, closed = closing[at]
        if not any(t.type.endswith(_CONTAINER) for t in tokens[start:places[id(later)]]):
            continue  # a later paragraph of its own container: never closed, as it was
        between = [*token.children[_index(token.children, cut):], *tokens[start + 1:places[id(later)]],
                   *later.children[:_index(later.children, child)]]
        if _any_link(between):
            continue  # '- <a …>satu' '- <a …>dua</a> x</a>': the second <a> ended the first; the stray </a> is dropped
        del closing[at]
        env["unclosed"].remove(("a", line))
        env.setdefault("split", []).append(("a", line, closed))
        if _reopened(later.children, child, opening):
            later.children = _unlinked(later, child, src, env)


def _any_link(tokens: Sequence[Token], raw: bool = False) -> bool:
    """Whether one of ``tokens`` (or of their children) writes an ``<a>``, which ends an ``<a>`` open before them (only
    a raw one, with ``raw``: a card keeps its Markdown links, as text, ``_unlinked``)."""
    return any(_opens_link(t, raw) or t.children and any(_opens_link(c, raw) for c in t.children) for t in tokens)


def _opens_link(token: Token, raw: bool = False) -> bool:
    """Whether ``token`` writes an ``<a>`` on the page: a Markdown link, a footnote mark (not with ``raw``), or raw
    HTML that opens one."""
    return not raw and token.type in ("link_open", "footnote_ref") or token.type in ("html_inline", "html_block") and any(
        not slash for slash in RAW_A.findall(token.content))


def _index(tokens: Sequence[Token], token: Token) -> int:
    """``token``'s place in ``tokens`` (``list.index`` compares tokens by value: an equal one may come first)."""
    return next(n for n, t in enumerate(tokens) if t is token)


def _reopened(children: list[Token], child: Token, start: str) -> bool:
    """Whether a paragraph's text before ``child``, a ``</a>`` closing a card opened before the paragraph, is linked
    by a copy of the card's opening tag ``start`` put at the paragraph's start, as html5ever does, and closed before a
    footnote mark, as an ``<a>`` left open is (``_close_inline``); with nothing before the ``</a>``, that closing tag,
    closing nothing, is dropped, and the space after it."""
    from markdown_it.token import Token
    at = _index(children, child)
    if any(c.type != "text" or c.content.strip() for c in children[:at]):
        note = next((n for n, c in enumerate(children[:at]) if c.type == "footnote_ref"), -1)
        if note >= 0:  # the </a> then closes nothing
            children.insert(note, Token("html_inline", "", 0, content="</a>", meta={"card": True}))
        children.insert(0, Token("html_inline", "", 0, content=start, meta={"card": True}))
        return True
    if at + 1 < len(children) and children[at + 1].type == "text":
        children[at + 1].content = children[at + 1].content.lstrip()
    return False


def _inner_link(content: str, start: int, close: int, entry: tuple[str, Token, Token | None, int, str],
                env: EnvType) -> list[tuple[int, int, str]]:
    """The span of a raw ``<a>``'s opening tag inside a card in one HTML block, opened at ``start`` and ended at
    ``close`` (its ``</a>``, or the closing tag of the block element it is in), to be left out, so that its text stays
    in the card; noted in ``env['refused']`` as a 'card raw link' at its line."""
    text = " ".join(_TAGS_IN_RAW.sub("", html.unescape(content[start + len(entry[4]):close])).split())
    own = _RAW_A_CLOSE.match(content, close)  # its '</a>', quoted; none when the block element ended it
    env.setdefault("refused", []).append(("card raw link", text, _as_written(content[start:own.end() if own else close]),
                                          entry[3]))
    return [(start, start + len(entry[4]), "")]


def _as_written(link: str) -> str:
    """A raw ``<a>`` as its warning quotes it to be moved: as written (its tags, ``<b>`` and ``name=`` too, and its
    entities, not a block quote's ``>``: ``link`` is read from a token's content), on one line; without a ``</a>``
    when the writer left it out (the warning says so)."""
    return " ".join(link.split())


_TAGS_IN_RAW = LazyPattern(r"<[^>]*>?")
_RAW_A_CLOSE = LazyPattern(r"</a\s*>", re.IGNORECASE)


def _unlinked(token: Token, end: Token | None, src: str, env: EnvType) -> list[Token]:
    """An inline token's children in a raw ``<a>`` card, up to ``end`` (the card's closing tag in it, if any, or the
    one ``_moved_close`` put before a footnote mark), with each Markdown or raw link shown as its text, noted in
    ``env['refused']`` as a 'card link' or 'card raw link' at its line, and each footnote mark as text (its id kept for
    the note's way back), a 'card note': a link in a link is invalid HTML, and html5ever split the card around it, an
    empty ``<a>`` and a copy around part of its text."""
    kept: list[Token] = []
    links: list[tuple[int, int]] = []
    raw: list[tuple[int, int]] = []  # each raw <a> open inside the card: where its text starts in ``kept``, its entry
    refused = env.setdefault("refused", [])
    inside = True
    cursor = 0  # in the paragraph's source, where the raw <a>s are read as written: past those read
    for child, line in zip(token.children or (), _child_lines(token, src, env)):
        tag = RAW_A.match(child.content) if child.type == "html_inline" else None
        inside = inside and child is not end and not (tag and tag.group(1) and child.meta.get("card") and not raw)
        if inside and child.type == "footnote_ref":
            child.meta["as_text"] = True
            refused.append(("card note", str(child.meta.get("label") or ""), "", line))
        elif inside and tag and not child.meta.get("card") and not tag.group(1):
            source = token.content  # the paragraph as written, a container's markers ('> ') left out
            start = source.find(child.content, cursor)
            close = _RAW_A_CLOSE.search(source, start) if start >= 0 else None
            cursor = start + len(child.content) if start >= 0 else cursor
            raw.append((len(kept), len(refused)))
            refused.append(("card raw link", "", _as_written(source[start:close.end() if close else len(source)]
                                                             if start >= 0 else child.content), line))
            continue
        elif tag and tag.group(1) and raw:
            start, at = raw.pop()
            refused[at] = (refused[at][0], " ".join(_plain(kept[start:]).split()), *refused[at][2:])
            continue
        if child.type not in ("link_open", "link_close") or not _as_text(child, "card link" if inside else "", line,
                                                                          kept, links, refused):
            kept.append(child)
    return kept


def _summary(before: Sequence[Token]) -> list[str]:
    """The reader's text of the blocks before the marker, headings left out; a raw ``<br>`` is a space, as in a
    heading ('Harga<br>baru' is 'Harga baru', not 'Hargabaru')."""
    out, in_heading = [], False
    for token in before:
        if token.type in ("heading_open", "heading_close"):
            in_heading = token.type == "heading_open"
        elif token.type == "inline" and not in_heading:
            out.append(_plain(token.children, "\n", " "))
    return out


# --- renderer rules ---------------------------------------------------------------------------------------

def _label(options: MarkdownOptions, lang: str, name: str, n: str = "") -> str:
    """The ``aria-label`` of one of the renderer's own words (``LABELS``), which are in the site's language: with its
    ``lang`` too in an article in another (``lang``, '' for the site's), so a screen reader reads them by its rules."""
    label = LABELS[options.language][name].format(n=n)
    return f' aria-label="{label}"' + (f' lang="{options.language}"' if lang else "")


def _own(lang: str) -> str:
    """The article's ``lang`` again on what a container labelled in the site's language holds (the table of
    contents' headings, the notes); '' in an article in the site's language."""
    return f' lang="{lang}"' if lang else ""


def _labels(env: EnvType, name: str, n: str = "") -> str:
    return _label(env["options"], env["lang"], name, n)


def _heading_close(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    """The heading's anchor link, shown on hover and focus by the theme."""
    anchor = tokens[idx].meta.get("anchor", "")
    if not anchor:  # in a raw <a> (``_close_blocks``)
        return f"</{tokens[idx].tag}>\n"
    return (f'<a class="anchor" href="#{anchor}"{_labels(env, "anchor")}>#</a>'
            f"</{tokens[idx].tag}>\n")


def _link_open(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    token = tokens[idx]
    rel = env["options"].external_rel
    if rel and is_external(str(token.attrs.get("href", ""))):
        token.attrSet("rel", rel)
    return self.renderToken(tokens, idx, options, env)


def _image(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    token = tokens[idx]
    token.attrSet("loading", "lazy")
    token.attrSet("decoding", "async")
    return type(self).image(self, tokens, idx, options, env)  # the stock rule


def _note_ids(token: Token, env: EnvType) -> tuple[str, str, str]:
    """(number, id of the note, id of this reference) of a footnote token; placeholders while the raw HTML's ids
    are not known (``_settle_ids``)."""
    n = str(token.meta["id"] + 1)
    sub = token.meta.get("subId", 0)
    mark = env["id_mark"] + "f-" if "id_mark" in env else ""
    return n, f"{mark}fn{n}", f"{mark}fnref{n}" + (f"-{sub + 1}" if sub > 0 else "")


def _footnote_ref(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    n, note, ref = _note_ids(tokens[idx], env)
    if tokens[idx].meta.get("as_text"):  # in a link (``_unlinked``, ``_marks_in_links``): its text, where the way
        # back leads
        return f'<sup class="footnote-ref"><span id="{ref}">[{n}]</span></sup>'
    return (f'<sup class="footnote-ref"><a href="#{note}" id="{ref}" role="doc-noteref"'
            f'{_labels(env, "noteref", n)}>[{n}]</a></sup>')


def _footnote_block_open(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict,
                         env: EnvType) -> str:
    return (f'<section class="footnotes" role="doc-endnotes"{_labels(env, "footnotes")}>\n'
            f'<ol class="footnotes-list"{_own(env["lang"])}>\n')


def _footnote_open(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict, env: EnvType) -> str:
    return f'<li id="{_note_ids(tokens[idx], env)[1]}" class="footnote-item">'


def _footnote_anchor(self: RendererHTML, tokens: Sequence[Token], idx: int, options: OptionsDict,
                     env: EnvType) -> str:
    if tokens[idx].meta.get("lost"):  # its mark is not on the page (``_lost_marks``)
        return ""
    n, _, ref = _note_ids(tokens[idx], env)
    return (f' <a href="#{ref}" class="footnote-backref" role="doc-backlink"{_labels(env, "backlink", n)}>'
            '\u21a9\ufe0e</a>')


def _make(linkify: bool = True) -> MarkdownIt:
    from markdown_it import MarkdownIt
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt(SETTINGS["preset"], {"html": True, "linkify": linkify, "typographer": False, "xhtmlOut": False,
                                         "maxNesting": SETTINGS["max_nesting"], "highlight": _highlight})
    md.enable(["table", "strikethrough", *(["linkify"] if linkify else [])])
    md.use(footnote_plugin)
    md.validateLink = lambda url: True  # type: ignore[method-assign]  # refused later, each told (_refuse_unsafe)
    if md.linkify is not None:
        md.linkify.set({"fuzzy_link": False, "fuzzy_email": False})  # 'ASP.NET' and 'Kata.ai' stay text
    # the inline rule links 'http(s)://...' as it parses; the core rule, which rescans every paragraph's
    # text for the same links, took a quarter of the render time and is not needed without fuzzy links
    md.core.ruler.disable("linkify")
    md.core.ruler.push("digest_spaced_labels", _spaced_labels)
    md.core.ruler.push("digest", _digest_rule)
    md.core.ruler.before("footnote_tail", "digest_unused_notes", _note_unused_notes)
    for name, rule in (("heading_close", _heading_close), ("link_open", _link_open), ("image", _image),
                       ("footnote_ref", _footnote_ref), ("footnote_block_open", _footnote_block_open),
                       ("footnote_open", _footnote_open), ("footnote_anchor", _footnote_anchor)):
        md.add_render_rule(name, rule)
    return md


_MD: MarkdownIt | None = None
"""markdown-it-py as the build uses it, made by ``_engines`` (a test may set its own first)."""
_MD_UNLINKED: MarkdownIt | None = None
"""The same without the linkify rule, for the rare body on which that rule raises RuntimeError instead of moving on."""


def _engines() -> tuple[MarkdownIt, MarkdownIt]:
    """``_MD`` and ``_MD_UNLINKED``, made the first time a body needs them.

    markdown-it-pyrs renders most bodies (``render``), so a rebuild that parses one edited article usually
    never loads markdown-it-py, which is a sixth of the build's imports; ``prepare`` makes them before the
    parsing workers are forked, so that a big build makes them once, not in every worker."""
    global _MD, _MD_UNLINKED
    if _MD is None or _MD_UNLINKED is None:
        from generator.load.markdown_speed import speed_up
        if _MD is None:
            _MD = speed_up(_make())
        if _MD_UNLINKED is None:
            _MD_UNLINKED = speed_up(_make(linkify=False))
    return _MD, _MD_UNLINKED


def prepare() -> None:
    """Load what any body may need (markdown-it-py, Pygments' formatter), before forking workers that parse many."""
    _engines()
    _formatter()


def _toc(headings: Sequence[tuple[int, str, str]], options: MarkdownOptions, lang: str) -> str:
    """Nested lists of links to the headings; levels never skip, so each step down opens one list."""
    out = [f'<nav class="toc"{_label(options, lang, "toc")}>\n<ol{_own(lang)}>']
    current = headings[0][0]
    for i, (level, anchor, text) in enumerate(headings):
        if level > current:
            out.append("<ol>")
            current = level
        elif i:
            out.append("</li>")
            while level < current:
                out.append("</ol></li>")
                current -= 1
        out.append(f'<li><a href="#{anchor}">{html.escape(text, quote=False)}</a>')
    out.append("</li>")
    while current > headings[0][0]:
        out.append("</ol></li>")
        current -= 1
    out.append("</ol>\n</nav>\n")
    return "".join(out)


def render(text: str, options: MarkdownOptions = DEFAULT_OPTIONS, toc: bool | None = None, lang: str = "") -> Rendered:
    """Markdown body → safe HTML and its ``<!--more-->`` summary. ``toc``: the front matter's choice, if any;
    ``lang``: the article's language when it is not the site's (``Article.lang``), which the labels then name.

    markdown-it-pyrs renders the bodies it is proven to render like markdown-it-py (``markdown_fast``, about
    twenty times faster); every other body goes through markdown-it-py, the definition of the dialect."""
    stack: list[tuple[int, int]] = []
    used: set[str] = set(THEME_IDS)

    def heading(written: int, text: str) -> tuple[int, str]:
        return _outline_level(stack, written), _unique_id(text, used)

    fast = markdown_fast.render(text, heading, _label(options, lang, "anchor"), _highlight, options.external_rel)
    if fast is None:
        return render_reference(text, options, toc, lang)
    body, headings = fast
    return Rendered(_with_toc(body, headings, options, toc, lang), None)


def render_reference(text: str, options: MarkdownOptions = DEFAULT_OPTIONS, toc: bool | None = None,
                     lang: str = "") -> Rendered:
    """``render`` by markdown-it-py alone: the reference the fast path is tested against."""
    linked, unlinked = _engines()
    md, env = linked, {"options": options, "lang": lang}
    try:
        tokens = md.parse(text, env)
    except RuntimeError:  # "inline rule didn't increment state.pos": the linkify rule, on rare input
        md, env = unlinked, {"options": options, "lang": lang}
        tokens = md.parse(text, env)
    body = md.renderer.render(tokens, md.options, env)
    dropped = _removed(tokens, text, env) if env.get("raw_html") else ()
    if env.get("open_quotes") and (found := open_quote(body)):  # not closed in a later block either
        env["open_quote"] = next((((f"{_QUOTED_NAME.search(tag)[0]}={tag[-1]}", at),)  # type: ignore[index]
                                  for tag, at in reversed(env["open_quotes"]) if tag == found[1]), ())
    if env.get("raw_html"):
        body = sanitize(body, options.external_rel)
        if env.get("theme_ids"):
            body = _THEME_ID_ATTR.sub("", body)
    if env.get("id_mark"):
        body = _settle_ids(body, tokens, text, env)
    hidden: tuple[tuple[str, int], ...] = ()
    if dropped:
        body, env["headings"], hidden = _without_removed_targets(body, env["headings"], _target_lines(tokens, text, env))
    return Rendered(_with_toc(body, env["headings"], options, toc, lang), env.get("summary"), md is unlinked,
                    tuple(dict.fromkeys(tag for tag, _ in dropped)), dropped,
                    tuple(env.get("unusable", ())), env.get("unclosed_comment", -1),
                    tuple(env.get("refused", ())), tuple(env.get("theme_ids", ())), tuple(env.get("taken_ids", ())),
                    tuple(env.get("taken_note_ids", ())), tuple(sorted(env.get("unclosed", ()), key=lambda u: u[1])),
                    hidden, tuple(env.get("invalid", ())), tuple(env.get("split", ())),
                    tuple(env.get("players", ())), tuple(env.get("empty_headings", ())),
                    tuple(env.get("cut_players", ())), tuple(env.get("around_blocks", ())),
                    tuple(env.get("videos", ())), tuple(env.get("notes_again", ())),
                    tuple(env.get("lost_marks", ())), tuple(env.get("marks_in_links", ())),
                    open_quote=env.get("open_quote", ()), comment_shown=env.get("comment_shown", ""),
                    late_quotes=tuple(env.get("late_quotes", ())), comment_in=env.get("comment_in", ""),
                    bang_comments=tuple(env.get("bang_comments", ())))


def _removed(tokens: Sequence[Token], src: str, env: EnvType) -> tuple[tuple[str, int], ...]:
    """Each tag of raw HTML that the sanitiser removes with its content (``sanitize.DROPPED``), lower-case, in the
    order met, with the body's line (from 0) it starts on. The raw HTML tokens are what reaches the sanitiser
    unescaped: a tag shown as code is not among them."""
    found: list[tuple[str, int]] = []
    for token in tokens:
        children = [token] if token.type == "html_block" else \
            [child for child in token.children or () if child.type == "html_inline"]
        if not DROPPED_TAG.search(joined := "".join(child.content for child in children)):
            continue
        lines = [token.map[0] if token.map else 0] if token.type == "html_block" else \
            [line for child, line in zip(token.children or (), _child_lines(token, src, env))
             if child.type == "html_inline"]
        starts = list(accumulate((len(child.content) for child in children), initial=0))
        breaks = [0, *(n + 1 for n, c in enumerate(joined) if c == "\n")]
        for (row, column), *_, tag, _ in StartTags(DROPPED, joined).found:  # not '<iframe' in a title="…"
            at = breaks[row - 1] + column
            n = bisect_right(starts, at) - 1
            found.append((tag, lines[n] + children[n].content.count("\n", 0, at - starts[n])))
    return tuple(found)


_ANCHOR_LINK = LazyPattern(r'<a class="anchor" href="#([^"]*)" aria-label="[^"]*"(?: lang="[^"]*")?>#</a>')
_BACKLINK = LazyPattern(r' <a href="#([^"]*fnref(\d+)[^"]*)" class="footnote-backref"[^>]*>\u21a9\ufe0e</a>')


def _target_lines(tokens: Sequence[Token], src: str, env: EnvType) -> tuple[list[int], dict[str, int]]:
    """The body's line (from 0) of each heading, in order, and of each footnote mark, by its back-link's target
    ('fnref1', 'fnref1:1'): where a removal warning says each left out was."""
    headings, marks = [], {}
    for token in tokens:
        if token.type == "heading_open":
            headings.append(token.map[0] if token.map else 0)
        elif token.type == "inline" and any(child.type == "footnote_ref" for child in token.children or ()):
            for child, line in zip(token.children or (), _child_lines(token, src, env)):
                if child.type == "footnote_ref":
                    sub = child.meta.get("subId", 0)
                    marks[f"fnref{child.meta['id'] + 1}" + (f":{sub}" if sub > 0 else "")] = line
    return headings, marks


def _without_removed_targets(body: str, headings: Sequence[tuple[int, str, str]],
                             lines: tuple[list[int], dict[str, int]]
                             ) -> tuple[str, list[tuple[int, str, str]], tuple[tuple[str, int], ...]]:
    """``body`` (sanitised) without the back-links to a footnote mark the sanitiser removed with the element it was in
    (``<noscript>``, ``<template>`` …), the headings so removed (and the '#' link of one whose text outlives its
    tag: a setext heading's first line inside the element), and what was left out ("heading 'X'", "note 1's
    back-link") with its line (``_target_lines``), for the removal warning: the table of contents and the notes
    linked to nothing there."""
    ids = page_ids(body)
    hidden = [(f"heading '{text}'", line) for (_, anchor, text), line in zip(headings, lines[0]) if anchor not in ids]

    def keep(found: re.Match[str]) -> str:
        if found.group(1) in ids:
            return found.group()
        mark = found.group(1)[found.group(1).rindex("fnref"):]
        hidden.append((f"note {found.group(2)}'s back-link", lines[1].get(mark, 0)))
        return ""

    if hidden:  # a heading's '#' link, left after the removed element its text began in
        body = _ANCHOR_LINK.sub(lambda found: found.group() if found.group(1) in ids else "", body)
    if "footnote-backref" in body:
        body = _BACKLINK.sub(keep, body)
    return body, [heading for heading in headings if heading[1] in ids], tuple(dict.fromkeys(hidden))


def _to_renamed(body: str, headings: Sequence[tuple[int, str, str]]) -> str:
    """The body's links to a heading whose written slug is one of ``THEME_IDS`` ('[…](#main)' to '## Main', whose
    id is 'main-2') led to the page's own element; they lead to the heading, the first of that slug (both engines'
    HTML, so they stay alike). A body with an element of that id keeps its links as written."""
    renamed: dict[str, str] = {}
    for _, anchor, text in headings:
        base = anchor.rpartition("-")[0]
        if base in THEME_IDS and base not in renamed and make_slug(text) == base and f' id="{base}"' not in body:
            renamed[base] = anchor
    if not renamed:
        return body
    return re.sub(r'href="#(%s)"' % "|".join(map(re.escape, renamed)), lambda m: f'href="#{renamed[m[1]]}"', body)


_INLINE_TAG = r"</?(?:%s)(?:\s[^>]*)?>" % "|".join(sorted(TEXT_TAGS - {"code"}))
_CODE_OPEN = r"<code(?:\s[^>]*)?>"
_SOFT_BREAK = LazyPattern(r"<pre[\s>].*?</pre>"
                          r"|((?:%s[^<]*(%s)</code>|(%s))(?:%s)*)[ \t]*\n[ \t\n]*(?=(?:%s)*(?:%s)?([^< \t\n]))"
                          r"|<code[\s>].*?</code>|<[^>]*>"
                          % (_CODE_OPEN, JOINING.pattern, JOINING.pattern, _INLINE_TAG, _INLINE_TAG, _CODE_OPEN),
                          re.DOTALL)
"""A line break in text after a Chinese or Japanese character (with the spaces around it, and the inline tags between
it and the characters on either side, a code span's too), what comes before it and the characters on either side;
or a tag, or code and what it holds, passed over whole."""
_MAYBE_SOFT_BREAK = LazyPattern(r"\n[ \t\n]*(?:<[^>]*>)*%s" % JOINING.pattern)
"""A line break before a Chinese or Japanese character (through tags): the test that lets a body without one pass
at the cost of one quick scan (a pattern that starts with a newline is searched for as a string is, about 5 µs for
a 6 KB body, where ``JOINING.search`` took 35 µs)."""


def join_east_asian_lines(body: str) -> str:
    """``body`` without the line breaks of its text between two Chinese or Japanese characters ('第一行\\n第二行'):
    CSS Text 3 drops them, as those languages put no space between words, but Chromium shows each as a space
    (``core.wrap.joins_without_space``, the rule of the text e-mail too). Breaks in ``<pre>``, ``<code>`` and
    attributes stay (a code span that starts or ends a line is looked into, '模型\\n<code>代码</code>'); so do those
    next to Latin letters or Korean, which is written with spaces."""
    if body.isascii() or not ("\u200b" in body or _MAYBE_SOFT_BREAK.search(body)):
        return body

    def join(found: re.Match[str]) -> str:
        kept = found.group(1)
        if kept is None or not joins_without_space(found.group(2) or found.group(3), found.group(4)):
            return found.group()
        return kept

    return _SOFT_BREAK.sub(join, body)


def _with_toc(body: str, headings: Sequence[tuple[int, str, str]], options: MarkdownOptions,
              toc: bool | None, lang: str = "") -> str:
    """The body with its table of contents first, when the front matter or the heading count asks for one, its
    links to a heading renamed for the page's ids led there (``_to_renamed``), and its lines of Chinese or Japanese
    joined (``join_east_asian_lines``); both engines' HTML, so they stay alike."""
    body = join_east_asian_lines(_to_renamed(body, headings) if headings else body)
    wanted = toc if toc is not None else 0 < options.toc_min_headings <= len(headings)
    if wanted and headings:
        return _toc(headings, options, lang) + body
    return body


def render_markdown(text: str, options: MarkdownOptions = DEFAULT_OPTIONS) -> str:
    """Markdown body → safe HTML."""
    return render(text, options).html


def encode_url(url: str) -> str:
    """A front-matter URL percent-encoded like a body link ('"', '<', '|', '[', spaces), so it is a valid href."""
    return normalize_link(url)  # what ``_MD.normalizeLink`` is (``markdown_speed.speed_up``)
