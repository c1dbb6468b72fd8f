"""Raw HTML in article bodies: kept when harmless, removed when not, by an allowlist (nh3, Rust's ammonia).

Only a body that has raw HTML is sanitised; the Markdown renderer's own output is safe by
construction. The rules for every ``href``/``src`` are the renderer's (``safe_url``), so a
link is allowed or not the same way whether it was written in Markdown or in HTML.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import nh3

from generator.load.markdown_speed import normalize_link
from generator.core.patterns import LazyPattern

TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd", "del", "details",
    "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strong", "sub",
    "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
    "video", "audio", "source", "track",
})
"""Tags kept; any other tag is removed and its text kept (except ``DROPPED``)."""
TEXT_TAGS = frozenset({"a", "abbr", "b", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s",
                       "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr"})
"""The ``TAGS`` that sit inside a line of text, which the joining of Chinese and Japanese lines looks through
(``markdown.join_east_asian_lines``); not ``<br>``, which ends the line anyway, nor ``<img>``, not a character."""
DROPPED = frozenset({"script", "style", "iframe", "object", "embed", "applet", "noscript", "template", "svg", "math",
                     "textarea", "select", "title", "xmp", "noembed", "noframes", "frameset", "frame"})
"""Tags removed together with everything inside them."""
ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href", "role", "aria-label"},
    "img": {"src", "alt", "width", "height"},
    "ol": {"start", "reversed"},
    "li": {"value"},
    "td": {"colspan", "rowspan", "style"},
    "th": {"colspan", "rowspan", "scope", "style"},
    "details": {"open"},
    "section": {"role", "aria-label"},
    "time": {"datetime"},
    "abbr": {"title"},
    "video": {"src", "poster", "width", "height", "preload", "loop", "muted", "playsinline"},
    "audio": {"src", "preload", "loop", "muted"},
    "source": {"src", "type", "media"},
    "track": {"src", "kind", "srclang", "label", "default"},
}
"""Attributes kept per tag ('*': on every kept tag). ``style`` keeps only ``text-align`` (table alignment).
No ``cite``: nh3 checks the scheme of ``href`` and ``src`` only, and readers never see a cite URL. A ``<video>``
or ``<audio>`` (a newsroom pastes them in; they vanished without a word) is kept, never with ``autoplay``."""
CONTROLS = {"video": {"controls": ""}, "audio": {"controls": ""}}
"""Attributes every kept tag of the name gets: a player readers can start, pause and mute."""
SCHEMES = frozenset({"http", "https", "mailto", "tel", "ftp", "ftps", "sftp", "irc", "ircs", "news", "nntp", "sms",
                     "xmpp", "magnet", "geo", "webcal", "git", "ssh"})
"""URL schemes a link or image may have; a URL without a scheme is a path on the site. Never javascript:,
vbscript:, file: or data: (markdown-it's own rule let ``data:image/...`` through; a body has no need for it)."""
IMAGE_SRC = LazyPattern(r"^(?:https?://[^/\s]|/(?!/))", re.IGNORECASE)
"""A raw ``<img>`` src must be an http(s) URL or a path from the site root ('/images/x.jpg')."""
_SCHEME = LazyPattern(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*):")


DROPPED_TAG = LazyPattern(r"<(" + "|".join(sorted(DROPPED)) + r")\b", re.IGNORECASE)
"""The opening of a ``DROPPED`` tag: the writer is told of each one removed (``markdown._removed``)."""


def safe_url(url: str) -> bool:
    """The URL rule of Markdown links and images (markdown-it's ``validateLink``); nh3 applies the same
    scheme allowlist to raw HTML, so a link is kept or dropped alike whichever way it was written."""
    scheme = _SCHEME.match(url)
    return scheme is None or scheme.group(1).lower() in SCHEMES


_CLEANER = nh3.Cleaner(
    tags=set(TAGS), clean_content_tags=set(DROPPED), attributes={k: set(v) for k, v in ATTRIBUTES.items()},
    strip_comments=True, link_rel=None, url_schemes=set(SCHEMES),
    filter_style_properties={"text-align"}, set_tag_attribute_values=CONTROLS)


LT_IN_VALUE = LazyPattern(r"""=\s*(?:"[^"]*<|'[^']*<)""")
"""A quoted attribute value that may hold a '<' (a tag or '<!--' written in it); some text that is none, too. Where
none does, and no comment is written, raw HTML is its own tags as read (``tags_read``)."""
RAW_TEXT = ("script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript")
"""Elements whose content is text to the HTML parser, to their end tag: no tag or comment begins there (a
``<textarea>``'s and ``<title>``'s, RCDATA, with its character references; a ``<noscript>``'s where scripts run, as in
readers' browsers and in nh3's parser, which ends one at a '</noscript>' written in a value inside it)."""
COMMENT = r"<!--(?:-?>|.*?--!?>)"
"""An HTML comment as the HTML tokenizer ends it: at '-->' or '--!>', or at once in '<!-->' and '<!--->' (read with
``re.DOTALL``)."""
TAG_ATTRIBUTES = r"""(?:\s["']|[^>"'=]|(?<=[^\s=])["']|=\s*+(?:"[^"]*"|'[^']*'|(?!["'])[^\s>]*|(?=["'])))*"""
"""A tag's attributes as the HTML tokenizer reads them: a quote right after an '=' begins a quoted value (the tag
stops at one never closed: ``open_quote``); one in an unquoted value or a name, or beginning a name, is a character
of it (``title=a"b id=main``: an id; ``a"title="<i>"``, ``"title='<b>'``: a value)."""
_ELEMENT_OR_TAG = (rf"""|(?P<name>{"|".join(RAW_TEXT)})(?=[\s/>]){TAG_ATTRIBUTES}>"""
                   r"""(?P<text>.*?)(?=</(?P=name)(?=[\s/>]))"""
                   rf"""|/?[A-Za-z]{TAG_ATTRIBUTES}>?)""")
_TAG_OR_COMMENT = LazyPattern(rf"""<(?:(?P<comment>{COMMENT[1:]}|!--.*|[!?][^>]*>?|/(?![A-Za-z>])[^>]*>?)"""
                              + _ELEMENT_OR_TAG, re.DOTALL | re.IGNORECASE)
"""A comment (to the end when never closed); a bogus comment, to its first '>' ('<![CDATA[ … ', '<? … ', '</ … ', as
HTML reads them); a ``RAW_TEXT`` element's start tag with its content, to its end tag (text: no tag or comment begins
there); or another tag. One '<' first, which the search skips to."""
_TEXT_TAG_OR_COMMENT = LazyPattern(rf"""<(?:(?P<comment>!--(?=-?>|(?:[^-]|-[^-]|--[^>])*-->){COMMENT[4:]}"""
                                   r"""|\?(?=.*?\?>)[^>]*>|!(?:[A-Za-z]|\[CDATA\[(?=.*?\]\]>))[^>]*>)"""
                                   + _ELEMENT_OR_TAG, re.DOTALL | re.IGNORECASE)
"""``_TAG_OR_COMMENT`` in a paragraph's text, where a comment, '<?' or '<!' is one only as markdown-it's inline HTML
reads it (a comment to a '-->', '<? … ?>', '<!DOCTYPE …>', '<![CDATA[ … ]]>'; else it is text, shown as written),
ended as browsers end it; a '</' before no letter is text."""


def after_comment(raw: str) -> str | None:
    """What follows the HTML comment ``raw`` begins with, ended as browsers end it (``COMMENT``: '<!-- x --!>' at its
    '--!>'), spaces stripped; None when it is never ended."""
    raw = raw.lstrip()
    found = re.match(COMMENT, raw, re.DOTALL)
    return raw[found.end():].strip() if found else None


_NOT_AS_WRITTEN = LazyPattern(rf"<(?:[!?]|/(?![A-Za-z>])|(?:{'|'.join(RAW_TEXT)})(?=[\s/>]))", re.IGNORECASE)
"""Where ``_TAG_OR_COMMENT`` may read raw HTML otherwise than as written: a comment, a bogus one, a ``RAW_TEXT``
element."""
_QUOTED_VALUE = LazyPattern(r"""=\s*+("[^"]*"|'[^']*')""")
"""A quoted value with its '=': a quote elsewhere in a tag (``a"title="<i>"``) is a character of a name or value."""


def _spaces(text: str) -> str:
    """``text`` with each character but a line break made a space."""
    return re.sub(r"[^\n]", " ", text) if "\n" in text else " " * len(text)


def _blank_value(value: re.Match[str]) -> str:
    text = value.group()
    start = value.start(1) - value.start()
    return text[:start + 1] + _spaces(text[start + 1:-1]) + text[-1] if "<" in text else text


def tags_read(raw: str, values: bool = True, text: bool = False) -> str:
    """Raw HTML as browsers read its tags, for the patterns that look for them: each comment (ended as HTML ends one:
    ``COMMENT``) and bogus comment ('<![CDATA[ … >', '<? … >', '</ … >'), the text of each ``RAW_TEXT`` element closed
    (``<style>p::after { content: '<b>' }</style>``), and the characters inside each tag's quoted attribute values
    that hold a '<', made spaces, line breaks kept. A tag written in a value (``<div title="Kode: <img src=x>">``), a
    comment (``<!-- <b> -->``) or a script is none, and a '<!--' in a value (``title="<!--"``) or a script begins no
    comment. A ``RAW_TEXT`` element never closed is read as markup after its tag: it is removed alone
    (``close_unclosed``), and what follows it stays. Every other character keeps its place, so a tag found here is read
    as written in ``raw`` at the same place. The usual raw HTML, none of these, is returned as it is, in one search; the
    checks of one body read the same raw HTML several times, so the others are kept (``_read``). ``values=False``: the
    comments and raw text alone, for text read as written around the tags. ``text=True``: ``raw`` is a paragraph's
    Markdown, where a '<!--', '<?', '<!' or '</' that markdown-it does not take for HTML is text
    (``_TEXT_TAG_OR_COMMENT``): 'a <? b <video …>' hides no tag."""
    if not _NOT_AS_WRITTEN.search(raw) and (not values or not LT_IN_VALUE.search(raw)):
        return raw
    return _read(raw, values, text)


@lru_cache(maxsize=256)
def _read(raw: str, values: bool, text: bool = False) -> str:
    def blank(found: re.Match[str]) -> str:
        text = found.group()
        if found["comment"] is not None:
            return _spaces(text)
        content = found.start("text")  # a raw-text element's, made spaces
        tag = text[:content - found.start()] if content >= 0 else text
        return (_QUOTED_VALUE.sub(_blank_value, tag) if values and "<" in tag[1:] else tag) + _spaces(text[len(tag):])
    return (_TEXT_TAG_OR_COMMENT if text else _TAG_OR_COMMENT).sub(blank, raw)


class _Tags:
    """The tags of some names in raw HTML (``names``, a regular expression), as browsers read them (``tags_read``):
    none in a comment or another tag's quoted value. Each has groups 'slash' ('/' for a closing tag), 'name' and
    'attributes' (as written)."""

    def __init__(self, names: str) -> None:
        self.pattern = LazyPattern(rf"""<(?P<slash>/?)(?P<name>{names})\b(?P<attributes>{TAG_ATTRIBUTES})>?""",
                                   re.IGNORECASE)

    def of(self, raw: str, read: str = "") -> Iterator[re.Match[str]]:
        """Each one in ``raw``: found in ``read`` (``tags_read(raw)`` unless given), read in ``raw`` (the same
        place)."""
        read = read or tags_read(raw)
        if read is raw:
            yield from self.pattern.finditer(raw)
            return
        for found in self.pattern.finditer(read):
            yield self.pattern.match(raw, found.start()) or found  # type: ignore[misc]


_RAW_IMG = _Tags("img")
_RAW_SRC = LazyPattern(r"""[\s/]src\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)


def drop_unusable_images(raw: str, removed: list[tuple[str, int]] | None = None, line: int = 0) -> str:
    """Remove raw ``<img>`` tags whose src is not http(s) or site-root-relative: a src relative to the
    article's own URL points at nothing we publish, and in a feed at nothing at all. The src of each one
    removed is added to ``removed`` with its line (``raw`` begins on ``line``), for the writer to be told."""
    if "<img" not in raw.lower():
        return raw

    out: list[str] = []
    at = 0
    for match in _RAW_IMG.of(raw):
        if match["slash"]:
            continue
        src = _RAW_SRC.search(match.group())
        value = next((g for g in src.groups() if g is not None), "") if src else ""
        if IMAGE_SRC.match(value.strip()):
            continue
        if removed is not None:
            removed.append((value, line + raw.count("\n", 0, match.start())))
        out.append(raw[at:match.start()])
        at = match.end()
    return "".join(out) + raw[at:] if out else raw


_RAW_ADDRESSED = _Tags("a|video|audio|source|track")
_RAW_ADDRESS = LazyPattern(r"""[\s/](href|src|poster)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+))""", re.IGNORECASE)

FLOW_ONLY = r"address|article|aside|blockquote|details|dialog|div|dl|fieldset|figure|footer|form|h[1-6]|header|hr|" \
    r"main|menu|nav|ol|p|pre|section|table|ul"
"""The elements that hold blocks and end a paragraph, as a pattern's alternatives."""
RAW_A = LazyPattern(r"<(/?)a(?=[\s/>])", re.IGNORECASE)
"""A raw ``<a>`` start or end tag (group 1: '/' for an end tag)."""

ADDRESS_TAG = LazyPattern(r"<(?:a|img|video|audio|source|track)\b", re.IGNORECASE)
"""The opening of a raw tag that has an address the sanitiser may remove (an ``<img>``'s is checked before it)."""


def refused_addresses(raw: str) -> list[tuple[str, str, str, int]]:
    """Each address of a raw ``<a>``, ``<video>``, ``<audio>``, ``<source>`` or ``<track>`` that the sanitiser
    removes (``safe_url``, read as nh3 reads it: entities decoded, tabs and newlines dropped): (tag and attribute
    lower-case, the address as written, the tag's offset in ``raw``). The element stays, a dead link or a player
    with nothing to play, except a ``<source>`` or ``<track>``, which needs its src, and its writer is told."""
    found = []
    for match in _RAW_ADDRESSED.of(raw):
        if match["slash"]:
            continue
        tag = match["name"].lower()
        for address in _RAW_ADDRESS.finditer(match.group()):
            name = address.group(1).lower()
            value = next((g for g in address.groups()[1:] if g is not None), "")
            if name in ATTRIBUTES[tag] and value and not safe_url(re.sub(r"[\t\n\r]", "", html.unescape(value))):
                found.append((tag, name, value, match.start()))
    return found


_RAW_TAG = LazyPattern(rf"""<([A-Za-z][A-Za-z0-9-]*)({TAG_ATTRIBUTES})>?""")
_RAW_ATTRIBUTE = LazyPattern(r"""([^\s>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]*)))?""")
_HIDDEN = LazyPattern(r"<(%s)\b.*?</\1\s*>" % "|".join(sorted(DROPPED)), re.IGNORECASE | re.DOTALL)
"""An element removed with its content (one never closed is removed alone: ``close_unclosed``)."""
_PAGE_ID = LazyPattern(r'<[a-z][a-z0-9]*(?: [^\s="]+="[^"]*")*? id="([^"]*)"')


def _shown(raw: str) -> str:
    """``tags_read(raw)`` with each ``DROPPED`` element, removed with its content, made spaces too, line breaks kept:
    what the sanitised page may show, where each character keeps its place."""
    read = tags_read(raw)
    if DROPPED_TAG.search(read):
        read = _HIDDEN.sub(lambda m: _spaces(m.group()), read)
    return read


def written_ids(raw: str) -> list[tuple[str, int]]:
    """The ``id`` of each raw tag that may keep one (a ``TAGS`` tag, not in a comment or inside a ``DROPPED``
    element, not an ``<img>`` that ``drop_unusable_images`` removes), entities decoded, with its tag's offset in
    ``raw``: where a warning says the id was written. Whether the page has it is read on the sanitised HTML
    (``page_ids``), which no pattern over the raw HTML can mirror exactly."""
    read = _shown(raw)
    found = []
    for tag in _RAW_TAG.finditer(read):
        name = tag.group(1).lower()
        if name not in TAGS or (name == "img" and not drop_unusable_images(raw[tag.start():tag.end()])):
            continue
        for attribute in _RAW_ATTRIBUTE.finditer(raw, tag.start(2), tag.end(2)):
            if attribute.group(1).lower() == "id":  # the first of a name counts, as in HTML
                value = next((g for g in attribute.groups()[1:] if g is not None), "")
                found.append((html.unescape(value), tag.start()))
                break
    return found


_VALUE_BEGINS = LazyPattern(r"""=[ \t\n\f\r]*\Z""")


def open_quote(raw: str) -> tuple[int, str] | None:
    """The first start tag of ``raw`` with a quoted attribute value that is never closed, as browsers read it: its
    offset and the tag to that quote, as written ('<div title="'); None when there is none. Browsers read the rest of
    ``raw`` as the value, and drop the tag at its end: none of it shows, without a word."""
    read, at = tags_read(raw), 0
    while tag := _RAW_TAG.search(read, at):
        end = at = tag.end()
        if end < len(raw) and raw[end] in "\"'" and _VALUE_BEGINS.search(read, tag.start(), end):
            return tag.start(), raw[tag.start():end + 1]
    return None


LATE_QUOTE = LazyPattern(r"""=\s*+(["'])(?:(?!\1)[^<>])*?[^\s"'<>=-]>""")
"""A quoted value with a '>' right after a word ('title="Catatan>'): the writer's end of the tag, the quote forgotten
before it. A '>' after a space or '-' ('a > b', '->') or after a '<' in the value ('<b>') is text of the value."""
_LATE_VALUE = LazyPattern(r"""([^\s>/=]+)\s*=\s*+(["'])((?:(?!\2)[^<>])*?[^\s"'<>=-])>((?:(?!\2).)*)\2""",
                          re.DOTALL)
_TAG_PART = LazyPattern(r"</?[A-Za-z][^\s>]*>?")
_ATTRIBUTES_ONLY = LazyPattern(r"""(?:\s+[^\s"'<>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'<>=`]+))?)*\s*/?""")
"""What may follow a value in a tag written whole: more attributes, then its end (``data-rule="1>0" class="x">``)."""


def late_quotes(raw: str) -> list[tuple[str, str, int, str]]:
    """Each start tag of ``raw`` with a quoted value closed by a later quote after a '>' right after a word
    (``<p title="Catatan>Teks … "penting" …</p>``): to the HTML tokenizer the words between are the value, and what
    follows that quote more attributes, to the next '>': readers see none of them. Only where the value runs over a
    '<' or a line's end, or what follows its quote is no attributes (``penting" di sini.</p``): a value quoted whole
    that holds a '>' (``title="HTML>XML">``, ``data-rule="1>0" class="x">``) is what the editor wrote. As (the tag to
    that '>', as written: '<p title="Catatan>', the attribute as meant: 'title="Catatan">', the tag's offset in
    ``raw``, the words hidden, tags left out, spaces collapsed)."""
    if not LATE_QUOTE.search(raw):
        return []
    found = []
    for tag in _RAW_TAG.finditer(tags_read(raw, values=False)):
        value = _LATE_VALUE.search(raw, tag.start(2), tag.end(2))
        rest = raw[value.end():tag.end() - (raw[tag.end() - 1] == ">")] if value else ""
        if value is None or not ("<" in value[4] or "\n" in value[4] or not _ATTRIBUTES_ONLY.fullmatch(rest)):
            continue  # a '>' in a value quoted whole (title="HTML>XML", alt="Ekspor>impor pada 2024"): its text
        words = " ".join(_TAG_PART.sub(" ", value[4] + (value[2] + rest if rest.strip() else "")).split())
        if words:
            found.append((raw[tag.start():value.start(4)], f"{value[1]}={value[2]}{value[3]}{value[2]}>",
                          tag.start(), words))
    return found


def attribute_starts(raw: str) -> set[int]:
    """Where each attribute of each start tag of ``raw`` begins (its name's offset), as the HTML parser reads them: not
    a word of a quoted value (``title="x id=main"``), nor one in a comment or another tag's value (``tags_read``)."""
    return {at for tag in _RAW_TAG.finditer(tags_read(raw)) for at in _attribute_starts_of(raw, tag)}



_A_NAME = LazyPattern(r"<a(?=[\s/])[^>]*\sname\s*=", re.IGNORECASE)


def names_as_ids(raw: str) -> str:
    """``raw`` with each ``<a name="x">`` that has no ``id`` written ``<a id="x">``: the sanitiser keeps no ``name``,
    and a link to ``#x`` (Hugo's and Pelican's anchors) finds the id, which the checks of ids then read (a theme's,
    one above, one that is empty or has a space). Not one in a comment or another tag's value (``attribute_starts``)."""
    if not _A_NAME.search(raw):
        return raw
    read = tags_read(raw)
    renamed = []
    for tag in _RAW_TAG.finditer(read):
        if tag[1].lower() != "a":
            continue
        names = {_RAW_ATTRIBUTE.match(raw, at)[1].lower(): at  # type: ignore[index]
                 for at in sorted(_attribute_starts_of(raw, tag), reverse=True)}  # the first of a name counts
        if "name" in names and "id" not in names:
            renamed.append(names["name"])
    for at in sorted(renamed, reverse=True):
        raw = raw[:at] + "id" + raw[at + 4:]
    return raw


def _attribute_starts_of(raw: str, tag: re.Match[str]) -> list[int]:
    """Where each attribute of a start tag found in ``tags_read(raw)`` begins in ``raw``."""
    return [attribute.start() for attribute in _RAW_ATTRIBUTE.finditer(raw, tag.start(2), tag.end(2))]


def attribute_value(raw: str, at: int) -> str:
    """The value of the attribute whose name starts at ``at`` of ``raw`` (``attribute_starts``), as the HTML tokenizer
    reads it: quoted, to its quote; unquoted, to a space or '>' ('id=main"' is 'main"', 'id=main/' 'main/')."""
    found = _RAW_ATTRIBUTE.match(raw, at)
    return next((value for value in found.groups()[1:] if value is not None), "") if found else ""


def is_link(tag: str) -> bool:
    """Whether a raw ``<a …>`` start tag makes a link: one with an ``href``. ``<a name="x">`` and ``<a id="x">`` are
    anchors, no link: a player or a video in one is shown (browsers end the anchor at the card's or link's own
    ``<a>``)."""
    return any(_RAW_ATTRIBUTE.match(tag, at)[1].lower() == "href"  # type: ignore[index]
               for at in attribute_starts(tag))

_MIME = LazyPattern(r"[\w!#$&^.+-]+/[\w!#$&^.+-]+(?:\s*;.*)?", re.ASCII)
_ASCII_SPACE = LazyPattern(r"[ \t\n\f\r]+")
"""What an id may not hold (HTML: ASCII whitespace); a no-break space is allowed."""
_NOTE_ID = LazyPattern(r"(?:fn|fnref)\d+(?::\d+)?")
_NOTE_ELEMENT = LazyPattern(r' (?:class="footnote-item"|role="doc-noteref")')
"""The footnotes' own ids and what follows them at sanitising time (``markdown._settle_ids`` gives them a prefix
when a raw id is one)."""


def bad_value(tag: str, name: str, value: str) -> str:
    """Why the Nu checker refuses this value of a kept attribute, as the end of a warning; '' when it is valid. The
    attribute is removed (``sanitize``) and the writer told (``invalid_attributes``)."""
    if name == "id" and not value:
        return "an id names the element for links (#name); give it a name, or delete it"
    if name == "id" and _ASCII_SPACE.search(value):
        return 'an id has no spaces; write id="%s"' % "-".join(_ASCII_SPACE.split(value.strip(" \t\n\f\r")))
    if name in ("width", "height") and tag in ("video", "img") and not (value.isascii() and value.isdigit()):
        return f'it takes a whole number of pixels ({name}="640"); the page fits the player to the screen anyway'
    if name == "preload" and value.lower() not in ("", "none", "metadata", "auto"):
        return 'it takes none, metadata or auto (preload="metadata")'
    if name == "type" and tag == "source" and not _MIME.fullmatch(value.strip()):
        return 'it takes a media type such as video/mp4, or leave it out'
    if name == "media" and tag == "source" and (not value.strip() or not _balanced(value)):
        return 'it takes a media query such as (min-width: 600px), or leave it out'
    if name == "label" and tag == "track" and not value.strip():
        return 'a track\'s label is the name readers choose it by; write one (label="Bahasa Indonesia") or leave it out'
    return ""


def _balanced(text: str) -> bool:
    depth = 0
    for char in text:
        depth += (char == "(") - (char == ")")
        if depth < 0:
            return False
    return depth == 0


_CHECKED = {"id": None, "width": {"video", "img"}, "height": {"video", "img"}, "preload": {"video", "audio"},
            "type": {"source"}, "media": {"source"}, "label": {"track"}}
"""The attributes whose values ``bad_value`` checks, and on which tags (None: every kept tag)."""


def invalid_attributes(raw: str, seen: set[str]) -> list[tuple[str, str, str, str, int]]:
    """Each attribute of a raw tag that the sanitiser removes for its value (``bad_value``), and each ``id`` already
    in ``seen`` (the body's raw ids so far, which this adds to), as (tag, attribute, value as read, why, the tag's
    offset in ``raw``)."""
    found = []
    for value, at in written_ids(raw) if _ANY_ID.search(raw) else ():
        why = bad_value("", "id", value)
        if not why and value in seen:
            why = "an element above has this id, and a link to #" + value + " goes there; give this one another name"
        seen.add(value)
        if why:
            found.append((_RAW_TAG.match(raw, at).group(1).lower(), "id", value, why, at))
    for tag in _RAW_MEDIA.of(raw) if "<" in raw else ():
        if tag["slash"]:
            continue
        name = tag["name"].lower()
        written: set[str] = set()
        for attribute in _RAW_ATTRIBUTE.finditer(tag["attributes"]):
            key = attribute.group(1).lower()
            if key in written or key == "id" or _CHECKED.get(key, ()) is None or name not in _CHECKED.get(key, ()):
                written.add(key)
                continue
            written.add(key)
            value = html.unescape(next((g for g in attribute.groups()[1:] if g is not None), ""))
            why = bad_value(name, key, value)
            if why:
                found.append((name, key, value, why, tag.start()))
    return found


_ANY_ID = LazyPattern(r"""[\s/"'][iI][dD]\s*=""")
_RAW_MEDIA = _Tags("video|audio|source|track|img")


def page_ids(cleaned: str) -> set[str]:
    """Every ``id`` of sanitised HTML (nh3 writes each attribute double-quoted, with '<', '>' and '"' escaped)."""
    return {html.unescape(value) for value in _PAGE_ID.findall(cleaned)}


_LINK_OR_IMAGE = LazyPattern(r'<(a|img|video|audio|source|track)\s([^>]*)>')
_URL_ATTRIBUTE = LazyPattern(r'(?:^|(?<=\s))(href|src|poster)="([^"]*)"')
_MEDIA_CHILD = LazyPattern(r"<(/?)(video|audio)\b[^>]*>|<(?:source|track)\b[^>]*>")
_HAS_SRC = LazyPattern(r'(?<= )src="\s*[^"\s]')
_EMPTY_ADDRESS = LazyPattern(r' ?(?<![\w-])(?:src|poster)=""')
"""A player's ``src`` or ``poster`` left empty (or only spaces, which ``_encoded`` trims): an invalid value, which
plays or shows nothing, so the attribute goes."""
_EXTERNAL_HREF = LazyPattern(r'(?:^|\s)href="(?:https?:)?//', re.IGNORECASE)


def is_external(href: str) -> bool:
    """A link that leaves the site (http(s) or protocol-relative)."""
    return href[:2] == "//" or href[:7].lower() == "http://" or href[:8].lower() == "https://"


_DROPPED_TAGS = _Tags("|".join(sorted(DROPPED)))


def close_unclosed(html: str) -> str:
    """``html`` with each ``DROPPED`` tag that is never closed closed at once (``<iframe src=x>`` →
    ``<iframe src=x></iframe>``), so the sanitiser removes the tag alone. Unclosed, everything after it (the rest
    of the article: an embed pasted in half) was inside it, and removed with it, without a word."""
    if not DROPPED_TAG.search(html):
        return html
    out: list[str] = []
    at = 0
    read = tags_read(html)
    for match in _DROPPED_TAGS.of(html):  # not one in another tag's attribute: its text
        if match["slash"]:
            continue
        if not match.group().endswith(">"):
            break
        tag = match["name"].lower()
        if not re.search(rf"</{tag}\s*>", read[match.end():], re.IGNORECASE):
            out += [html[at:match.end()], f"</{tag}>"]
            at = match.end()
    return "".join(out) + html[at:]


def sanitize(html: str, external_rel: str) -> str:
    """Allowlisted HTML. nh3 removed any ``rel``, ``loading`` and ``decoding`` the writer gave; ours are added
    after the other attributes, where the Markdown renderer puts them, so both paths give the same bytes.
    A tag removed with its content that is never closed is removed alone (``close_unclosed``)."""

    def finish(match: re.Match[str]) -> str:
        tag, attributes = match.groups()
        if tag != "a":
            attributes = _valid_values(tag, attributes)
        if "href=" in attributes or "src=" in attributes or "poster=" in attributes:
            attributes = _URL_ATTRIBUTE.sub(_encoded, attributes)
        if tag in ("video", "audio") and '=""' in attributes:
            attributes = _EMPTY_ADDRESS.sub("", attributes).strip()
        if tag == "img":
            return f'<img {attributes} loading="lazy" decoding="async">'
        if external_rel and _EXTERNAL_HREF.search(attributes):
            return f'<a {attributes} rel="{external_rel}">'
        return f"<{tag} {attributes}>"

    # nh3 writes every attribute double-quoted with '<', '>' and '"' escaped, so a tag ends at the first '>'
    cleaned = _CLEANER.clean(close_unclosed(html))
    if ("<video" in cleaned or "<audio" in cleaned) and len(_PLAYER_OPEN.findall(cleaned)) > 1:
        cleaned = _without_nested_players(cleaned)
    if ' id="' in cleaned:
        cleaned = _without_bad_ids(cleaned)
    if "<source" in cleaned or "<track" in cleaned:
        cleaned = _media_children_in_media(cleaned)
        if "<source" in cleaned:
            cleaned = _sources_first(cleaned)
    return _LINK_OR_IMAGE.sub(finish, cleaned)


_PLAYER_OPEN = LazyPattern(r"<(?:video|audio)\b")
_PLAYER_EDGE = LazyPattern(r"<(/?)(?:video|audio)\b[^>]*>")


def _without_nested_players(cleaned: str) -> str:
    """``cleaned`` without each ``<video>`` or ``<audio>`` inside another, with all it holds: HTML allows no player in
    a player, and a browser that plays the outer one never shows what it holds (its fallback). The writer is told of
    each (``player_sources``, the same walk over the raw HTML)."""
    out: list[str] = []
    depth, at, cut = 0, 0, 0  # players open; where the text kept resumes; the depth a nested player began at (0: none)
    for edge in _PLAYER_EDGE.finditer(cleaned):
        if not edge.group(1):
            depth += 1
            if depth == 2 and not cut:
                out.append(cleaned[at:edge.start()])
                cut = depth
        else:
            depth -= 1
            if cut and depth < cut:
                at, cut = edge.end(), 0
                if cleaned.startswith("\n", at):
                    at += 1
    return "".join(out) + cleaned[at:] if not cut else "".join(out)


_CHECKED_ATTRIBUTE = LazyPattern(r'(?:^|(?<= ))(width|height|preload|type|media|label)="([^"]*)" ?')
_TAG_ID = LazyPattern(r'(<[a-z][a-z0-9]*(?: [^\s="]+="[^"]*")*?) id="([^"]*)"')


def _valid_values(tag: str, attributes: str) -> str:
    """A kept tag's attributes without those ``bad_value`` refuses (a player's width '100%', ``preload="maybe"`` …)."""
    return _CHECKED_ATTRIBUTE.sub(lambda m: "" if m[1] in ATTRIBUTES[tag] and bad_value(tag, m[1], html.unescape(m[2]))
                                  else m[0], attributes).strip()


def _without_bad_ids(cleaned: str) -> str:
    """``cleaned`` without each ``id`` that ``bad_value`` refuses or that an element before it has (the footnotes'
    own excepted): the Nu checker's "Duplicate ID" (the HTML5 parser copies a tag's id when it reopens it), and a
    link to it went to the first."""
    ids = _PAGE_ID.findall(cleaned)
    if len(set(ids)) == len(ids) and all(ids) and not any(_ASCII_SPACE.search(html.unescape(i)) for i in ids):
        return cleaned  # the common case: one pattern search
    seen: set[str] = set()

    def keep(match: re.Match[str]) -> str:
        if _NOTE_ID.fullmatch(match.group(2)) and _NOTE_ELEMENT.match(cleaned, match.end()):
            return match.group()  # the footnotes' own: ``markdown._settle_ids`` renames them for a raw id
        value = html.unescape(match.group(2))
        if bad_value("", "id", value) or value in seen:
            return match.group(1)
        seen.add(value)
        return match.group()

    return _TAG_ID.sub(keep, cleaned)


_PLAYER_PART = LazyPattern(r"<(/?)(video|audio)\b[^>]*>|<(track)\b[^>]*>|<source\b[^>]*>\n?")


def _sources_first(cleaned: str) -> str:
    """``cleaned`` with each ``<source>`` written after a ``<track>`` moved before its player's first track: HTML
    allows sources only there (the Nu checker: "source not allowed here"), and players read them in order; and without
    the sources of a player that has its own ``src``: a browser plays the src, and HTML allows none in it. A source
    belongs to the innermost player open (nh3's HTML is well-formed). The writer is told of each
    (``player_sources``, the same walk over the raw HTML)."""
    out: list[str] = []
    players: list[tuple[bool, list[int]]] = []  # each open player: whether it has a src, its first track's place
    at = 0
    for part in _PLAYER_PART.finditer(cleaned):
        out.append(cleaned[at:part.start()])
        at = part.end()
        if part.group(2):
            if part.group(1):
                del players[-1:]
            else:
                players.append((_HAS_SRC.search(part.group()) is not None, []))
        elif players and part.group(3):
            players[-1][1][:] = players[-1][1] or [len(out)]
        elif players and players[-1][0]:
            continue
        elif players and players[-1][1]:
            out.insert(players[-1][1][0], part.group())
            players[-1][1][0] += 1  # the next one moved goes after it
            continue
        out.append(part.group())
    return "".join(out) + cleaned[at:]


def _encoded(match: re.Match[str]) -> str:
    """An ``href``, ``src`` or ``poster`` percent-encoded as a Markdown link's is (``normalize_link``): a raw
    ``<img src="/images/peta kepri.png">`` kept its space, an invalid address (the Nu checker's error, in feeds too)."""
    name, value = match.groups()
    return f'{name}="{html.escape(normalize_link(html.unescape(value)), quote=False)}"'


def _media_children_in_media(cleaned: str) -> str:
    """``cleaned`` without the ``<source>`` and ``<track>`` tags that are not inside a ``<video>`` or ``<audio>``:
    nh3 removes a ``<picture>`` and keeps its ``<source>``, which HTML allows nowhere else (a paragraph holding one
    is invalid); the ``<img>`` inside the picture stays, and shows the image. Nor those without a ``src`` (nh3
    removed a refused one, ``refused_addresses``) or with an empty one (``src=""``, spaces only): the attribute is
    required, a valid non-empty URL, and they would play nothing."""
    depth = 0

    def keep(match: re.Match[str]) -> str:
        nonlocal depth
        if match.group(2):
            depth += -1 if match.group(1) else 1
            return match.group()
        return match.group() if depth > 0 and _HAS_SRC.search(match.group()) else ""

    return _MEDIA_CHILD.sub(keep, cleaned)


_PLAYER_TAG = _Tags("video|audio|source|track")


def _kept_src(attributes: str) -> str:
    """A raw tag's ``src`` as written when the sanitised page keeps it (not empty, not refused by ``safe_url``); ''."""
    for attribute in _RAW_ATTRIBUTE.finditer(attributes):
        if attribute.group(1).lower() == "src":  # the first of a name counts, as in HTML
            value = next((g for g in attribute.groups()[1:] if g is not None), "")
            address = re.sub(r"[\t\n\r]", "", html.unescape(value))
            return value if address.strip() and safe_url(address) else ""
    return ""


def player_sources(pieces: Iterable[tuple[str, int]]) -> list[tuple[str, str, str, int, int]]:
    """Each raw ``<source>`` that ``sanitize`` removes or moves (``_sources_first``), from a body's raw HTML in order
    (``pieces``: each with the body's line it begins on; comments and ``DROPPED`` elements are passed over): ('src',
    the player's tag, the source's src as written, the player's line, the source's) for one in a player with its own
    src, ('track', …, the player's first track's line, …) for one after a track; and each player inside another,
    ('nested', its tag, the other's tag, the other's line, its line)."""
    found: list[tuple[str, str, str, int, int]] = []
    players: list[tuple[str, int, bool, list[int]]] = []  # each open player: tag, line, has a src, first track's line
    for raw, line in pieces:
        for tag in _PLAYER_TAG.of(raw, _shown(raw)):  # not one in another tag's attribute: its text
            name, at = tag["name"].lower(), line + raw.count("\n", 0, tag.start())
            if name in ("video", "audio") and tag["slash"]:  # closes the innermost of its name, and all inside it
                del players[next((n for n in range(len(players) - 1, -1, -1) if players[n][0] == name), len(players)):]
            elif name in ("video", "audio"):
                if players:  # removed by ``sanitize`` (``_without_nested_players``)
                    found.append(("nested", name, players[-1][0], players[-1][1], at))
                players.append((name, at, bool(_kept_src(tag.group(3))), []))
            elif len(players) == 1 and not tag.group(1) and _kept_src(tag.group(3)):  # not a nested one's: removed
                player, src = players[-1], _kept_src(tag.group(3))
                if name == "track":
                    player[3][:] = player[3] or [at]
                elif player[2] or player[3]:
                    found.append(("src", player[0], src, player[1], at) if player[2] else
                                 ("track", player[0], src, player[3][0], at))
    return found
