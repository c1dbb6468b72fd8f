"""Video players pasted as raw HTML (a YouTube or Vimeo ``<iframe>``, and ``<video>``/``<audio>`` holding a block),
read in markdown-it-py's tokens: a pasted player becomes a card (``embeds.card``) in an HTML block, a link
('▶ Title (YouTube)') in a line of text, and is left out with a warning inside a link; a raw player written in a
line of text that holds a block is made an HTML block of its own. ``markdown._digest_rule`` calls these; the HTML
they leave goes through the sanitiser with the rest of the body.
"""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import TYPE_CHECKING, Iterator, Sequence

from generator.load.embeds import Video, card, generic_title, link_html, link_text, video
from generator.load.sanitize import FLOW_ONLY, RAW_A, TAG_ATTRIBUTES, TEXT_TAGS, is_link, tags_read
from generator.core.wrap import visible
from generator.core.patterns import LazyPattern

if TYPE_CHECKING:
    from markdown_it.token import Token
    from markdown_it.utils import EnvType

    from generator.load.markdown import MarkdownOptions


_PLAYER_OPEN = LazyPattern(r"<(video|audio|a)(?=[\s/>])[^>]*>", re.IGNORECASE)
PLAYER_CLOSE = LazyPattern(r"</(?:video|audio|a)(?=[\s/>])", re.IGNORECASE)
"""A player, or a card (an ``<a>``), and its closing tag: one holding a block in a paragraph's text is cut by it."""
BLOCK_OPEN = LazyPattern(r"<(?:address|article|aside|blockquote|details|dialog|div|dl|fieldset|figcaption|figure|footer|"
                          r"form|h[1-6]|header|hgroup|hr|main|menu|nav|ol|p|pre|section|table|ul)\b", re.IGNORECASE)
"""Tags that end a paragraph: a player's fallback ``<p>`` written inside it on a line of text ends the paragraph, and
the player with it, so the fallback shows after an empty player (a card's ``<div>``: after an empty link)."""


def _players_with_blocks(content: str) -> Iterator[tuple[str, int, int]]:
    """Each raw player in a paragraph's text that holds a block (``BLOCK_OPEN``) before its closing tag: its tag, and
    where it starts and ends. One pass: each player is read to its own closing tag only, past those of the tags of its
    name inside it (a raw ``<a>`` in a card: its ``</a>`` is not the card's; one never closed is closed by the end of
    the block it is in, as in browsers). Tags in comments and quoted attribute values are text."""
    at, tags = 0, tags_read(content, text=True)
    while (player := _PLAYER_OPEN.search(tags, at)) is not None:
        inside = 0  # tags of its name open inside it
        blocks: list[tuple[str, int]] = []  # each block open inside it: its name, and ``inside`` where it opened
        for close in re.compile(r"<(/?)(%s|%s)(?=[\s/>])[^>]*>" % (player[1], FLOW_ONLY),
                                re.IGNORECASE).finditer(tags, player.end()):
            name = close[2].lower()
            if name != player[1].lower():
                if not close[1]:
                    blocks.append((name, inside))
                elif (n := next((n for n in range(len(blocks) - 1, -1, -1) if blocks[n][0] == name), -1)) >= 0:
                    inside = min(inside, blocks[n][1])
                    del blocks[n:]
            elif not close[1]:
                inside += 1
            elif not inside:
                break
            else:
                inside -= 1
        else:
            return
        if BLOCK_OPEN.search(tags, player.end(), close.start()):
            yield player[1].lower(), player.start(), close.end()
        at = close.end()


def whole_players(tokens: list[Token], env: EnvType) -> None:
    """Each paragraph that is one player holding a block (``_players_with_blocks``) made an HTML block, as if it were
    written on lines of its own: the player stays whole, its fallback inside it; so does a card written on one line
    (``<a href=…><div>Kartu</div></a>``). One with text around it cannot be (a ``<p>`` is no part of a paragraph): it
    is noted in ``env['cut_players']`` with its line."""
    from markdown_it.token import Token
    i = 0
    while (i := next((j for j in range(i, len(tokens) - 2) if tokens[j].type == "paragraph_open"), -1)) >= 0:
        content = tokens[i + 1].content.strip()
        if PLAYER_CLOSE.search(content) and (players := list(_players_with_blocks(content))):
            if players[0][1:] == (0, len(content)):
                tokens[i:i + 3] = [Token("html_block", "", 0, content=content + "\n", map=tokens[i].map, block=True,
                                         level=tokens[i].level)]
            else:
                first = tokens[i].map[0] if tokens[i].map else 0
                env.setdefault("cut_players", []).extend((tag, first + content.count("\n", 0, start))
                                                         for tag, start, _ in players)
        i += 1


_IFRAME_END = LazyPattern(r"(?:.*?</iframe(?=[\s/>])[^>]*>)?", re.IGNORECASE | re.DOTALL)
"""What a pasted ``<iframe>`` holds, to its end tag as a browser reads it (``</iframe/>`` too)."""


class StartTags(HTMLParser):
    """The start tags of some names in raw HTML as a browser reads them: where each starts and ends, and its
    attributes (the first of a name, unescaped). A tag written in another tag's quoted value is that value's text
    (``<div title="<iframe …>">``), as is one in a comment."""

    def __init__(self, names: frozenset[str], content: str) -> None:
        super().__init__()
        self.names = names
        self.found: list[tuple[tuple[int, int], int, str, dict[str, str]]] = []
        self.feed(content)
        self.close()

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """'<![foo[ … ]]>', which html.parser refuses (an AssertionError), read as browsers read it in HTML: a
        comment to the first '>'."""
        end = self.rawdata.find(">", i + 3)
        return -1 if end < 0 else end + 1

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.names:
            first: dict[str, str] = {}
            for name, value in attrs:
                first.setdefault(name, value or "")
            self.found.append((self.getpos(), len(self.get_starttag_text() or ""), tag, first))


_P_ENDS = LazyPattern(r"</p(?=[\s/>])[^>]*>|" + BLOCK_OPEN.pattern, re.IGNORECASE)
"""What ends a ``<p>`` in raw HTML: its end tag, or a block's start tag."""
_TAG = LazyPattern(rf"<(/?)([A-Za-z][\w-]*){TAG_ATTRIBUTES}>")
"""A start or end tag, its attributes read as ``sanitize.TAG_ATTRIBUTES`` reads them (``title=a"b`` is one value)."""
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})
_BESIDE_ENDS = LazyPattern("</?" + BLOCK_OPEN.pattern[1:] + "|<iframe\\b", re.IGNORECASE)
"""A block's start or end tag, or another player's: where the text beside a player in an HTML block ends."""
_NEVER_CLOSED = TEXT_TAGS - {"a"}
"""Text tags that, never closed, are closed before a player's card after them (an ``<a>`` is a link: nothing in it)."""
_NO_FIGURE_IN = TEXT_TAGS | {"h1", "h2", "h3", "h4", "h5", "h6", "summary", "pre", "legend", "label", "button"}
"""Elements that hold only phrasing content: no card's ``<figure>`` in them (a player there is a link, as in a line of
text; in an ``<a>``, none)."""


def _at_top(content: str, start: int) -> bool:
    """Whether the tag at ``start`` of an HTML block is inside no element of it (a void one holds none)."""
    depth = 0
    for found in _TAG.finditer(tags_read(content), 0, start):  # not one in a comment or a quoted value
        if found[2].lower() not in _VOID and not found[0].endswith("/>"):
            depth = max(0, depth + (-1 if found[1] else 1))
    return depth == 0


def _open_elements(read: str, start: int) -> tuple[list[tuple[str, int]], set[int]]:
    """The elements open at ``start`` of an HTML block as ``tags_read`` gives it, outermost first, each with where its
    tag starts (an end tag closes the last of its name open, as browsers do; a void element holds none); an ``<a>``
    without ``href`` is 'anchor' (no link: ``sanitize.is_link``). And where each element that an outer one's end tag
    closed starts: one never closed by its own."""
    stack: list[tuple[str, int]] = []
    cut: set[int] = set()
    for found in _TAG.finditer(read, 0, start):
        name = found[2].lower()
        if name in _VOID or found[0].endswith("/>"):
            continue
        if not found[1]:
            stack.append(("anchor" if name == "a" and not is_link(found[0]) else name, found.start()))
        elif (at := max((n for n, (open_, _) in enumerate(stack) if open_ == name or name == "a" == open_[0]),
                        default=-1)) >= 0:
            cut.update(where for _, where in stack[at + 1:])
            del stack[at:]
    return stack, cut


def _iframes(content: str) -> Iterator[tuple[int, int, dict[str, str], tuple[int, int], tuple[str, str], bool, str,
                                             tuple[tuple[str, int], ...]]]:
    """Each ``<iframe>`` tag of an HTML block (``StartTags``), with what it holds: where it starts and ends, its
    attributes; where the text a card takes the place of starts and ends, and what goes before and after the card
    there; whether text is beside it outside any element, which the card's block leaves out of every paragraph; and
    the element that holds only phrasing content it is in (``_NO_FIGURE_IN``: ``<h2>``, ``<span>``, ``<a>``), where
    no card can stand, '' elsewhere; and the text tags never closed (``<b>Catatan`` on the line before it) that the
    card's block closes, with where each starts.

    A ``<p>`` cannot hold a card's ``<figure>``: one that holds a player (WordPress's export: ``<p><iframe …></iframe>
    </p>``, or a player amid its text) is closed before the card and opened again after it (its ``id`` left out),
    each only where it has text, so the text stays in paragraphs and none is left empty. An ``<a>`` without ``href``
    around it, and a text tag never closed (``<div><b>Catatan`` then the player on its own line: a card in browsers),
    are closed before the card."""
    lines = [0, *(at + 1 for at, c in enumerate(content) if c == "\n")]
    tags = [(lines[line - 1] + column, length, tag, attributes)
            for (line, column), length, tag, attributes in StartTags(frozenset({"iframe", "p"}), content).found]
    end = 0
    read = tags_read(content)  # comments and '<' in values blanked: no tag there ends a <p>
    stay, cut = _open_elements(read, len(read))
    never = cut | {where for _, where in stay}  # text tags no end tag of their own closes
    paragraph, again = (-1, -1), "<p>"  # where the last <p> start tag starts and ends; that tag again, without its id
    has_id = False  # whether it has an id, which a link may point at: kept when it holds nothing but the card
    for n, (start, length, tag, attributes) in enumerate(tags):
        if tag == "p":
            paragraph, has_id = (start, start + length), "id" in attributes
            again = content[start:start + length] if "id" not in attributes else "<p" + "".join(
                f' {name}="{html.escape(value)}"' for name, value in attributes.items() if name != "id") + ">"
            continue
        if start < end:  # text an iframe before holds
            continue
        since, end = max(paragraph[1], end), _IFRAME_END.match(content, start + length).end()  # type: ignore[union-attr]
        held, _ = _open_elements(read, start)
        ended: list[tuple[str, int]] = []  # an <a id=…> (no link), or a text tag never closed: closed before the card
        while held and (held[-1][0] == "anchor" or held[-1][0] in _NEVER_CLOSED and held[-1][1] in never):
            ended.append(held.pop())
        names = [name for name, _ in held if name != "anchor"]
        inside = "a" if "a" in names else names[-1] if names and names[-1] in _NO_FIGURE_IN else ""
        if inside:  # no <figure> there: a link, or in a link nothing
            yield start, end, attributes, (start, end), ("", ""), False, inside, ()
            continue
        shut = "".join(f"</{'a' if name == 'anchor' else name}>" for name, _ in ended)
        unclosed = tuple((name, where) for name, where in ended if name != "anchor")
        if ended and (paragraph[1] < 0 or _P_ENDS.search(read, paragraph[1], start)):
            # in an <a id=…> (browsers end it at the card's own <a>), or after a <b> never closed: the card after it
            yield start, end, attributes, (start, end), (shut, ""), False, "", unclosed
            continue
        if paragraph[1] < 0 or _P_ENDS.search(read, paragraph[1], start):  # in no <p>
            left = max((found.end() for found in _BESIDE_ENDS.finditer(read, 0, start)), default=0)
            right = found.start() if (found := _BESIDE_ENDS.search(read, end)) else len(content)
            beside = html.unescape(_TAG.sub("", read[left:start] + read[end:right]))  # comments are spaces there,
            # '&nbsp;' a space: no text
            yield start, end, attributes, (start, end), ("", ""), bool(beside.strip()) and _at_top(content, start), "", ()
            continue
        close = _P_ENDS.search(read, end)
        following = next((t[0] for t in tags[n + 1:] if t[2] == "iframe" and t[0] >= end), len(content))
        boundary = min(close.start() if close else len(content), following)
        replaced, before = (start, "</p>") if read[since:start].strip() else \
            (paragraph[0], "") if since == paragraph[1] and not has_id else (start, "")
        if read[end:boundary].strip():
            yield start, end, attributes, (replaced, end), (shut + before, again), False, "", unclosed
        else:
            closed = close is not None and boundary == close.start() and close[0].startswith("</")
            yield start, end, attributes, (replaced, close.end() if closed else end), (shut + before, ""), False, "", \
                unclosed  # type: ignore[union-attr]


_VIMEO_SCRIPT = LazyPattern(r"""<script\s+src=["']?https://player\.vimeo\.com/api/player\.js["']?\s*>\s*</script\s*>""",
                            re.IGNORECASE)


def in_links(children: Sequence[Token]) -> dict[int, str]:
    """The ``id`` of each child token inside a Markdown link, with the link's address."""
    hrefs: list[str] = []
    inside: dict[int, str] = {}
    for child in children:
        if child.type == "link_open":
            hrefs.append(str(child.attrs.get("href", "")))
        elif child.type == "link_close" and hrefs:
            hrefs.pop()
        elif hrefs:
            inside[id(child)] = hrefs[-1]
    return inside


UNTITLED_PLAYER = '<iframe> has no title: add title="…" so the {shown} and screen readers can name the video'
"""A pasted player without a ``title`` (``_videos``): its card, and the player a click puts there, or its link in a
line of text (``shown``: 'card' or 'link'), say 'Video YouTube'."""


def in_link(what: str, written: str, href: str = "") -> str:
    """Why a video (``what``: 'player', 'video'), written ``written``, inside a raw ``<a>`` or a Markdown link to
    ``href`` was left out, and where to move it: after the link, where its own card or link can stand."""
    link, end = ("the link", f"its ]({href})") if href else ("the <a>", "its </a>")
    return (f"this {what} is inside {'a link' if href else 'an <a>'}, and a link cannot hold its card or its link "
            f"({link} would end there), so it was left out; move {written} out of {link}, after {end}")


PLAYER_IN_LINK = in_link("player", "the <iframe>…</iframe>")
"""A pasted player inside a raw ``<a>`` (``inline_players``, ``_videos``)."""


def _player_title(found: dict[str, str], what: Video, line: int, env: EnvType, shown: str = "card") -> str:
    """A pasted player's title for its card or link (``shown``: 'card' or 'link'), '' (the host's name) when it has
    none of the video's: then a warning at its line (``env['videos']``)."""
    title = found.get("title", "")
    if generic := generic_title(title, what, shown):  # every card would read 'YouTube video player'
        env.setdefault("videos", []).append((found.get("src", ""), generic, line))
        return ""
    if not visible(title):  # the card would say 'Video YouTube', and so would the player's title
        env.setdefault("videos", []).append(("", UNTITLED_PLAYER.format(shown=shown), line))
        return ""
    return title


def link_token(title: str, what: Video, env: EnvType) -> Token:
    """A video's link text in a line of the article, '▶ Title (YouTube)'; raw HTML for one without a title in an
    article in another language, whose 'Video YouTube' says the site's ``lang`` (``embeds.link_html``)."""
    from markdown_it.token import Token

    language = env["options"].language
    if env["lang"] and not " ".join(title.split()):
        return Token("html_inline", "", 0, content=link_html(title, what.host, language, env["lang"]))
    return Token("text", "", 0, content=link_text(title, what.host, language))


def inline_players(token: Token, env: EnvType) -> None:
    """Each YouTube or Vimeo player pasted amid a line of text ('Lihat <iframe …></iframe> dulu.'), where a card's
    block would end the paragraph: a link, '▶ Title (YouTube)', as a video's image there is (it was removed as any
    iframe is, with a warning to link to what it shows). One inside a link, Markdown or a raw ``<a>`` (whose text
    its link would end: 'lagi' after it unlinked), is left out with a warning (``in_link``); one never closed in its
    paragraph is left to the sanitiser."""
    from markdown_it.token import Token

    children: list[Token] = token.children or []
    linked = in_links(children)
    line = token.map[0] if token.map else 0
    raw_a: list[bool] = []  # the raw <a> tags open before this child: whether each is a link (an href)
    i = 0
    while i < len(children):
        child = children[i]
        line += child.type in ("softbreak", "hardbreak")
        if child.type == "html_inline" and (tag := RAW_A.match(child.content)):
            if not tag[1]:
                raw_a.append(is_link(child.content))
            elif raw_a:
                raw_a.pop()
        raw_links = any(raw_a)
        if child.type != "html_inline" or child.content[:7].lower() != "<iframe":
            i += 1
            continue
        tags = StartTags(frozenset({"iframe"}), child.content).found
        what = video(tags[0][3].get("src", ""), player=True) if tags else None
        close = next((j for j in range(i + 1, len(children)) if children[j].type == "html_inline"
                      and children[j].content[:8].lower() == "</iframe"), -1)
        if (raw_links or id(child) in linked) and isinstance(what, Video) and close > 0:  # its link would end the
            # link it is in: the words after it unlinked
            env.setdefault("videos", []).append((tags[0][3].get("src", ""), in_link(
                "player", "the <iframe>…</iframe>", linked.get(id(child), "")), line))
            del children[i:close + 1]
            continue
        if raw_links or id(child) in linked:
            i += 1
            continue
        if isinstance(what, Video) and close > 0:
            title = _player_title(tags[0][3], what, line, env, "link")
            children[i:close + 1] = [Token("link_open", "a", 1, attrs={"href": what.page}),
                                     link_token(title, what, env), Token("link_close", "a", -1)]
        elif isinstance(what, str):
            env.setdefault("videos", []).append((tags[0][3].get("src", ""), what, line))
        i += 1


def block_players(token: Token, env: EnvType) -> None:
    """Each YouTube or Vimeo player pasted in an HTML block made a card (``embeds.card``; in an element that holds
    only text: a link, '▶ Title (YouTube)'); a player address with an id that is not valid, a warning at its line
    (``env['videos']``)."""
    options: MarkdownOptions = env["options"]
    first = token.map[0] if token.map else 0
    pieces, at, vimeo = [], 0, False
    for start, end, found, (replaced, after), (closing, opening), beside, inside, unclosed in _iframes(token.content):
        what = video(found.get("src", ""), player=True)
        line = first + token.content.count("\n", 0, start)
        if isinstance(what, str):
            env.setdefault("videos", []).append((found.get("src", ""), what, line))
        if not isinstance(what, Video):
            continue
        env.setdefault("unclosed", []).extend((tag, first + token.content.count("\n", 0, at)) for tag, at in unclosed)
        vimeo = vimeo or what.host == "vimeo"
        if inside == "a":  # a link in a link: the <a> would end at the card's
            env.setdefault("videos", []).append((found.get("src", ""), PLAYER_IN_LINK, line))
            pieces.append(token.content[at:replaced])
            at = after
            continue
        title = _player_title(found, what, line, env, "link" if inside else "card")
        if beside:  # 'text after.' on the line after the player: in no paragraph, its Markdown unread
            env.setdefault("cut_players", []).append(("iframe", line))
        shown = (f'<a href="{html.escape(what.page)}">'
                 f'{link_html(title, what.host, options.language, env["lang"])}</a>') if inside else card(what, title, options.language, options.external_rel, env["lang"])
        pieces += [token.content[at:replaced], closing, shown, opening]
        at = after
    content = "".join(pieces) + token.content[at:]
    if vimeo:  # the script Vimeo's code ends with: the card (or link) needs none
        content = _VIMEO_SCRIPT.sub("", content)
    token.content = content  # the cards go through the sanitiser with the rest of the block


_CARD_BLOCK = LazyPattern(r'\s*<figure class="embed (?:youtube|vimeo)">.*</figure>\s*', re.DOTALL)
_P_START_LAST = LazyPattern(rf"<p(?=[\s/>]){TAG_ATTRIBUTES}>(?=\s*\Z)", re.IGNORECASE)
_P_END_FIRST = LazyPattern(r"\s*</p\s*>", re.IGNORECASE)


def out_of_raw_p(tokens: list[Token], at: int) -> None:
    """A card's block (``tokens[at]``, a video written alone between a raw ``<p>`` and its ``</p>``, with blank lines
    around it) taken out of that paragraph without leaving it empty: the ``<figure>`` ends the ``<p>`` before it, as in
    browsers, so the ``<p>`` is left out when it holds nothing and has no ``id`` (a link's target: then it is
    kept), and the ``</p>`` after the card, which no ``<p>`` is open for any more (browsers make it an empty
    paragraph), is left out."""
    if not _CARD_BLOCK.fullmatch(tokens[at].content) or at == 0 or tokens[at - 1].type != "html_block":
        return
    before = tokens[at - 1]
    if (_open_elements(tags_read(before.content), len(before.content))[0] or [("", 0)])[-1][0] != "p":
        return
    empty = _P_START_LAST.search(before.content)
    if empty and not any("id" in found[3] for found in StartTags(frozenset({"p"}), empty[0]).found):
        before.content = before.content[:empty.start()] + before.content[empty.end():]
    if at + 1 < len(tokens) and tokens[at + 1].type == "html_block" and (end := _P_END_FIRST.match(tokens[at + 1].content)):
        tokens[at + 1].content = tokens[at + 1].content[end.end():].lstrip(" \t")
