"""The fast path of the Markdown renderer: markdown-it-pyrs (markdown-it ported to Rust) plus our dialect.

markdown-it-py (``markdown.py``) stays the definition of the dialect. markdown-it-pyrs parses and renders
CommonMark, tables, strikethrough and linkify the way markdown-it does (it is a port of the same algorithm), about
twenty times faster, so a body that uses only what the two are proven to render alike goes through here, and our
dialect is applied to its HTML: heading levels, ids and anchors, ``rel`` on external links, lazy images,
Pygments, editors' comments removed. Anything else returns None and the body goes through markdown-it-py:

- footnotes (``[^1]``, ``^[inline]``), ``<!--more-->``, raw HTML other than comments and bare formatting tags (``<small>``, ``<br>`` …),
  or bare tags that do not nest (those are the bodies that need the sanitiser);
- a link, image or bare URL that the two could treat differently (anything but a plain http(s) URL or site path;
  markdown-it-py's ``normalizeLink`` and ``safe_url`` are the rule);
- the places where the engines are known to differ (docs/markdown.md lists them all, with the reason): tables
  ended by another block, emphasis next to a non-ASCII symbol, HTML comments containing ``--``, deep nesting …

tests/test_markdown_fast.py renders the CommonMark spec examples, our fixtures and both benchmark corpora both
ways and requires byte-identical results.
"""
from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from itertools import accumulate

import markdown_it_pyrs

from generator.core.wrap import collapse, visible
from generator.load.embeds import VIDEO_ADDRESS
from generator.load.markdown_speed import HOSTNAME_MAX_LEN
from generator.load.sanitize import is_external
from generator.core.patterns import LazyPattern

_ENGINE = markdown_it_pyrs.MarkdownIt("commonmark").enable_many(["table", "strikethrough", "linkify"])

MAX_DEPTH = 10
"""Deepest element nesting taken here: markdown-it-py stops nesting at 20 levels (``max_nesting``), and a tight
list hides one ``<p>`` level per list, so 10 rendered levels are always below its limit."""

# --- the source gate: cheap checks on the Markdown before rendering -----------------------------------------

_MORE = LazyPattern(r"<!--\s*more\s*-->", re.IGNORECASE)
_RAW_START = LazyPattern(r"<(?:[A-Za-z][A-Za-z0-9-]*(?=[\s/>])|/[A-Za-z]|[!?])")
"""Where raw HTML may start: an open or closing tag, a comment, a declaration, a processing instruction."""
_BARE_TAG = LazyPattern(r"<(/?)(small|sub|sup|kbd|mark|b|i|u|s|em|strong|code|abbr|q)>|<br>")
"""The raw tags markdown.py lets through without the sanitiser (the same list)."""
_COMMENT = LazyPattern(r"<!--(.*?)-->", re.DOTALL)
_TAG_LINE = LazyPattern(r"\n[ \t>*+\-0-9.)]*<(?!!--)[^<>\n]*>[ \t]*(?=\n|\Z)")
"""A line that is one tag (after container markers): CommonMark makes it an HTML block, which markdown-it-py
sends to the sanitiser."""
_FENCED = LazyPattern(r"\n```[^`\n]*\n(?:(?!```)[^\n]*\n)*?```[ \t]*$", re.MULTILINE)
"""A fenced code block at the left margin, closed by a plain ```, with the newline before it (searched for in the
text after a newline: a pattern that starts with '\n```' is searched for as a string is, where one that starts with
'^' was tried at every character, about 0.9 M instructions a news article with a code block); if this takes a block
the engines see otherwise, the checks after rendering still catch a URL left unlinked."""
_ROW_THEN_BLOCK = LazyPattern(r"[ \t]*(?:[*+\->#=_]|\d+[.)]|```|~~~)")
"""The line after a line with a '|' starts a list, quote, heading, fence or setext underline."""
_ROW_IN_ITEM = LazyPattern(r"[ \t]*(?:[>*+-]|\d+[.)])")
_DELIMITER = LazyPattern(r"-[ \t]*\|")
_TEXT_LINE = LazyPattern(r"[ \t]*\S")
"""A table row in a quote or list item, a table's delimiter row, a line of text (a lazy line of a quote may take
a table right after it): the engines end such tables differently (``_table_differs``)."""


def _table_differs(lines: str) -> bool:
    """A table that markdown-it-py ends where a list, quote, heading or fence starts and pyrs does not: a line with
    a '|' followed by a line ``_ROW_THEN_BLOCK``; or, in a body with a delimiter row, a row in a list item or quote,
    or a delimiter row after a row after a line of text. ``lines``: the text after a '\n'.

    Only the lines with a '|' are looked at, found with ``str.find``: the patterns that found them in the whole text
    ('\n[^\n]*\\|…') ran to each line's end and back (about 0.28 M instructions a news article with a table)."""
    rows: list[tuple[int, int]] = []  # (start, end) of each line with a '|'
    at = lines.find("|")
    while at >= 0:
        start = lines.rfind("\n", 0, at) + 1
        end = lines.find("\n", at)
        if end < 0:
            rows.append((start, len(lines)))
            break
        if _ROW_THEN_BLOCK.match(lines, end + 1):
            return True
        rows.append((start, end))
        at = lines.find("|", end)
    delimiters = [n for n, (start, end) in enumerate(rows) if _DELIMITER.search(lines, start, end)]
    if not delimiters:
        return False
    if any(_ROW_IN_ITEM.match(lines, start) for start, _ in rows):
        return True
    for n in delimiters:  # the row before it right above it, and a line of text above that
        if n and rows[n - 1][1] + 1 == rows[n][0] and (above := rows[n - 1][0] - 1) >= 1:
            text_start = lines.rfind("\n", 0, above) + 1
            if text_start >= 1 and _TEXT_LINE.match(lines, text_start, above):
                return True
    return False


_ANGLE_DESTINATION = LazyPattern(r"\]\(\s*<|\]:\s*<")
_REFERENCE = LazyPattern(r"^[ \t>*+\-0-9.)]*\[(?:[^\\\]]|\\[\s\S])*\]:[ \t]*(\S*)", re.MULTILINE)
"""A reference definition's start (its label may hold an escaped ']') and its URL, if on the same line."""
_PLAIN_DESTINATION = LazyPattern(r"https?://[^\s<>\\]+|(?![A-Za-z][A-Za-z0-9+.-]*:)[^\s<>\\]+")
"""A reference definition's URL that both engines accept: http(s), or no scheme at all."""
_EMPTY_ITEM = LazyPattern(r"\n[ \t>]*(?:[*+-]|\d+[.)])[ \t]*(?=\n|\Z)")
_SCHEME = LazyPattern(r":(?:(?<=(?P<http>[hH][tT][tT][pP]):)|(?<=(?P<https>[hH][tT][tT][pP][sS]):)"
                      r"|(?<=(?P<ftp>[fF][tT][pP]):)|(?<=(?P<mailto>[mM][aA][iI][lL][tT][oO]):))")
"""A scheme linkify-it knows, found from its ':' (a literal first, so the search is fast)."""
_DESTINATION = LazyPattern(r"[^\s()<>\\]*(?:\([^\s()<>\\]*\)[^\s()<>\\]*)*(?:\)| \")")
"""A link destination that ends where it seems to: no spaces, angle brackets or escapes, parentheses only in
balanced pairs one deep (Wikipedia's ``Foo_(bar)``), then ')' or a title."""
_AUTOLINK = LazyPattern(r"[^\s<>%]*>")
"""An autolink whose text markdown-it-py shows as written (it decodes '%XX' escapes in the text)."""
_SIMPLE_URL = LazyPattern(r"https?://[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*"
                          r"(?:/(?:[A-Za-z0-9/_~-]*[A-Za-z0-9/])?)?(?=\s|$|[.,;:!?](?:\s|$))")
"""A URL in text that linkify-it and markdown-it-pyrs' linkify end at the same place: a simple path, then a
space or the end of a sentence."""
_TILDES_AT_EMPHASIS = LazyPattern(r"[*_]~~|~~[*_]")
"""Strikethrough right next to an emphasis marker ('_]~x~~_~~x~~', '*a*~~*'): the engines pair such delimiters
differently."""
_BLANK_CODE = LazyPattern(r"`[ \n]{3,}`")
"""A code span of three or more spaces: pyrs takes a space off each end, which CommonMark and markdown-it-py do not
when the span is only spaces."""
_BLANK_LINE = LazyPattern(r"\n[ \t]*\n")
_BACKTICKS = LazyPattern(r"``*")
"""A run of backticks (not written '`+': a pattern that starts with a plain character is searched for far faster)."""
_PUNYCODE = LazyPattern(r"--(?<=[xX][nN]--)")
"""'xn--' in any letter case (no other character lower-cases to 'x', 'n' or '-'): a search for the literal '--'
is fast, where ``text.lower()`` copied the whole body."""


def _comment_ok(body: str) -> bool:
    """A comment that CommonMark 0.30 (markdown-it-pyrs) and 0.31 (markdown-it-py) both end at the same '-->'."""
    return "--" not in body and not body.startswith((">", "->")) and not body.endswith("-")


def _symbol_by_emphasis(text: str) -> bool:
    """A non-ASCII symbol (Unicode category S, such as '€') right before or after an emphasis or strikethrough
    marker ('*', '_', '~'). The markers are found with ``str.find``, which skips the ASCII text far faster than a
    regular expression looking for non-ASCII characters (about a fifth of the instructions on a news article)."""
    for marker in "*_~":
        at = text.find(marker)
        while at >= 0:
            for char in text[at - 1 if at else 0:at] + text[at + 1:at + 2]:
                if not char.isascii() and unicodedata.category(char)[0] == "S":
                    return True
            at = text.find(marker, at + 1)
    return False


def _unclosed_code(text: str) -> bool:
    """Some block (lines between blank lines) has a backtick run without a partner of the same length (a superset
    of the unclosed code spans).

    The runs are found first, and a block's end is looked for only from a run in it: the text is not split into
    blocks, most of which have no backtick (a fifth of the instructions of splitting)."""
    odd: set[int] = set()  # the run lengths met an odd number of times in the current block
    block_end = -1
    for run in _BACKTICKS.finditer(text):
        if run.start() > block_end:  # the first run of a later block
            if odd:
                return True
            blank = _BLANK_LINE.search(text, run.end())
            block_end = blank.start() if blank else len(text)
        odd ^= {run.end() - run.start()}
    return bool(odd)


def _gate(text: str) -> bool | None:
    """None when something in the source is known to render differently or to need markdown-it-py; else
    whether the body has raw bare tags (then their nesting decides, after rendering)."""
    if "\r" in text or "\0" in text or (not text.endswith("\n") and ("```" in text or "~~~" in text)):
        return None  # an unclosed fence at the end keeps the last newline in pyrs
    if "\t" in text:
        return None  # tabs after '>' markers widen indented code differently ('>>\t\t x')
    if "```" in text:
        text = _FENCED.sub("\n", "\n" + text)[1:]  # code: no URLs, tags or table rows in it count
    lines = "\n" + text  # the line patterns start with '\n', which the regex engine finds fast (not with '^')
    # a character is looked for before two ('"^" in text'): a search for one is several times faster in a text
    # that is not ASCII
    if ("^" in text and ("[^" in text or "^[" in text)) or _MORE.search(text) or (
            "<" in text and _TAG_LINE.search(lines)):
        return None  # footnotes, '^[inline]' ones too; the summary; an HTML block
    if "~" in text and "~~" in text and ("~~~~" in text or _TILDES_AT_EMPHASIS.search(text)):
        return None  # pyrs reads '~~a~~~~b~~' as one strikethrough, markdown-it-py as two; '_a~~_~~b~~' alike
    if "|" in text and _table_differs(lines):
        return None  # markdown-it-py ends a table where a list, quote, heading or fence starts; pyrs does not
    if _EMPTY_ITEM.search(lines):
        return None  # an empty list item after a paragraph: markdown-it-py starts a list, pyrs does not
    if "]:" in text:
        for found in _REFERENCE.finditer(text):
            url = found.group(1)
            if not _PLAIN_DESTINATION.fullmatch(html.unescape(url) if "&" in url else url) or VIDEO_ADDRESS.match(url):
                return None  # a definition nobody links to never shows its href, so check it here ('&#58;' too); a
                # video's, which an image may show as a card (``embeds``)
    if "](//" in text and any(VIDEO_ADDRESS.match(text, found.end() - 2) for found in re.finditer(r"\]\(//", text)):
        return None  # a protocol-relative video address ('](//www.youtube.com/…)'), as an image a card (``embeds``)
    if "<" in text and _ANGLE_DESTINATION.search(text):
        return None  # markdown-it-pyrs takes '[a](<>"t")', a title with no space before it
    if ("--" in text and _PUNYCODE.search(text)) or ("\\\n" in text and _REFERENCE.search(text)):
        return None  # punycode shown decoded in link text; a hard break in a reference's title (a pyrs bug)
    for found in _SCHEME.finditer(text):
        start = found.start(found.lastgroup or 0)
        if text[start - 2:start] == "](":
            if _DESTINATION.match(text, start) is None or VIDEO_ADDRESS.match(text, start):
                return None  # the href is checked after rendering; a video's, as an image a card (``embeds``)
        elif text[start - 1:start] == "<":
            if _AUTOLINK.match(text, start) is None:
                return None
        elif (start and text[start - 1] not in " \t\n") or _SIMPLE_URL.match(text, start) is None:
            return None
    if not text.isascii() and _symbol_by_emphasis(text):
        return None  # markdown-it-pyrs counts symbols such as '€' as punctuation around emphasis
    if "`" in text and (("[" in text and _unclosed_code(text)) or _BLANK_CODE.search(text)):
        return None  # markdown-it-pyrs 0.4 panics on '[a `b' (an unclosed code span after a '['); and see _BLANK_CODE
    bare = False
    if "<" in text:
        for found in _RAW_START.finditer(text):
            start = found.start()
            if text.startswith("<!--", start):
                comment = _COMMENT.match(text, start)
                if comment is None or not _comment_ok(comment.group(1)):
                    return None
            elif _BARE_TAG.match(text, start) is None:
                return None
            else:
                bare = True
    return bare


# --- the rendered HTML: checks, then our dialect ------------------------------------------------------------



def _odd_url_attr(kept: str) -> LazyPattern:
    """An href or src that is not a plain http(s) URL or site path made of ``kept`` characters
    (``UNCHANGED_URL`` as the HTML writes it)."""
    return LazyPattern(
        r'="(?:(?<= href=")|(?<= src="))(?!(?:https?://(?=[A-Za-z0-9_.-]{1,%d}[:/?#"])[A-Za-z0-9_-]{1,63}(?:\.[A-Za-z0-9_-]{1,63})*'
        r'(?::[0-9]+)?(?:[/?#]%s*)?|(?![A-Za-z0-9+.-]*:)(?!//)%s*)")' % (HOSTNAME_MAX_LEN, kept, kept))


_KEPT_HTML = r"(?:[A-Za-z0-9;/?:@=+$,\-_.!~*'()#]|&amp;)"
_ODD_URL_ATTR = _odd_url_attr(_KEPT_HTML)
_ODD_URL_ATTR_PERCENT = _odd_url_attr(_KEPT_HTML[:-1] + r"|%[0-9A-Fa-f]{2})")
"""markdown-it-py's ``safe_url`` and ``normalizeLink`` decide the other URLs, so the body goes there. A '%XX' in an
href is the writer's own (a link to ``/a%20b``) unless the engine encoded a character: the two encode alike
except after a backslash or tab, so '%' is allowed only in bodies without those."""
_UNLINKED_URL = LazyPattern(
    r'://(?:(?<=[hH][tT][tT][pP]://)(?<!="[hH][tT][tT][pP]://)(?<!">[hH][tT][tT][pP]://)|(?<=[hH][tT][tT][pP][sS]://)(?<!="[hH][tT][tT][pP][sS]://)(?<!">[hH][tT][tT][pP][sS]://))')
"""An http(s) URL in the HTML that is neither an attribute value nor the whole text of a link."""
_REFUSED_LINK = LazyPattern(r"\]\(|&lt;[A-Za-z][A-Za-z0-9+.-]{1,31}:")
"""What markdown-it-pyrs leaves of a link or autolink whose address it refuses ('javascript:', 'file:' …), its
source as text; markdown-it-py shows its text and warns (``markdown._refuse_unsafe``)."""
_CODE = LazyPattern(r"<code>.*?</code>|<pre><code[^>]*>.*?</code></pre>", re.DOTALL)
_TAG = LazyPattern(r"<(/?)([a-z][a-z0-9]*)")
_OPEN_OR_CLOSE = LazyPattern(r"<(/?)(?!(?:br|img|hr)[\s>])[a-z]")
_STEP = {"": 1, "/": -1}
_VOID = frozenset({"br", "img", "hr"})
_BLOCK_COMMENTS = LazyPattern(r"^[ \t]*<!--(?:(?!-->).)*-->(?:[ \t]*<!--(?:(?!-->).)*-->)*[ \t]*\n",
                              re.MULTILINE | re.DOTALL)
_LINE_COMMENT = LazyPattern(r"^[ \t]*<!--", re.MULTILINE)
_INLINE_COMMENT = LazyPattern(r"<!--(?:(?!-->).)*-->", re.DOTALL)
_HEADING = LazyPattern(r"<h([1-6])>(.*?)</h\1>\n", re.DOTALL)
_ANY_TAG = LazyPattern(r"<[^>]*>")
_ALT = LazyPattern(r'<img [^>]*\balt="([^"]*)"')
_FENCE = LazyPattern(r'<pre><code class="language-([^"]*)">(.*?)</code></pre>\n', re.DOTALL)
_LINK = LazyPattern(r'<a href="([^"]*)"(?: title="[^"]*")?>')
_IMAGE = LazyPattern(r'(<img src="[^"]*" alt="[^"]*"(?: title="[^"]*")?)>')


def _alt(tag: re.Match[str]) -> str:
    """An image's alt text, which stands for it in a heading's text; '' for any other tag."""
    found = _ALT.match(tag.group())
    return found.group(1) if found else ""


def _nesting_ok(body: str) -> bool:
    """Every tag closes in order and nothing nests deeper than ``MAX_DEPTH``: markdown.py's test of whether
    raw bare tags need the sanitiser (they must nest with each other and with the Markdown's own tags)."""
    stack: list[str] = []
    for closing, name in _TAG.findall(body):
        if name in _VOID:
            continue
        if not closing:
            stack.append(name)
            if len(stack) > MAX_DEPTH:
                return False
        elif not stack or stack.pop() != name:
            return False
    return not stack


def _shallow(body: str) -> bool:
    """Nothing nests deeper than ``MAX_DEPTH`` (for HTML that the engine wrote alone, so it nests properly)."""
    return max(accumulate(map(_STEP.__getitem__, _OPEN_OR_CLOSE.findall(body))), default=0) <= MAX_DEPTH


Heading = Callable[[int, str], tuple[int, str]]
"""(level written, visible text) → (level rendered, id); the caller keeps the outline and the ids used."""


def render(text: str, heading: Heading, anchor_attrs: str, highlight: Callable[[str, str, str], str],
           external_rel: str) -> tuple[str, list[tuple[int, str, str]]] | None:
    """The body's HTML and its headings (level, id, text), exactly as markdown.py would render them, or None
    when this body must go through markdown-it-py. ``anchor_attrs``: the '#' link's label attributes
    (``markdown._label``)."""
    bare = _gate(text)
    if bare is None:
        return None
    try:
        body: str = _ENGINE.render(text, xhtml=False)
    except UnicodeEncodeError:  # a lone surrogate, which markdown-it-py renders as it is
        return None
    except BaseException as error:  # a Rust panic arrives as pyo3's PanicException, a BaseException
        if type(error).__name__ != "PanicException":
            raise
        return None
    odd_url = _ODD_URL_ATTR if "\\" in text or "\t" in text else _ODD_URL_ATTR_PERCENT
    if "<blockquote>\n</blockquote>" in body or odd_url.search(body):
        return None
    text_html = _CODE.sub("", body) if "<code" in body else body
    if _UNLINKED_URL.search(text_html):
        return None  # a URL left as text (after '\\[', in a link's text …), where markdown-it-py may link it
    if ("](" in text_html or "&lt;" in text_html) and _REFUSED_LINK.search(text_html):
        return None  # a link refused as text, or one that was not a link: markdown-it-py tells them apart
    if "<!--" in body:
        body = _BLOCK_COMMENTS.sub("", body)
        if _LINE_COMMENT.search(body):
            return None  # an HTML block of a comment and more: markdown-it-py sanitises it
        body = _INLINE_COMMENT.sub("", body)
    if not (_nesting_ok(body) if bare else _shallow(body)):
        return None
    headings: list[tuple[int, str, str]] = []

    def heading_html(found: re.Match[str]) -> str:
        inner = found.group(2)
        shown = inner.replace("<br />\n", " ").replace("<br>", " ")  # a raw <br> is a space too
        # the id as before lines were joined, without an image's alt text (``markdown.heading_text``)
        level, anchor = heading(int(found.group(1)), " ".join(html.unescape(_ANY_TAG.sub("", shown)).split()))
        plain = collapse(html.unescape(_ANY_TAG.sub(_alt, shown)))  # '第一行\n第二行' on the page: '第一行第二行'
        headings.append((level, anchor, plain))
        return (f'<h{level} id="{anchor}">{inner}<a class="anchor" href="#{anchor}"{anchor_attrs}>#</a>'
                f"</h{level}>\n")

    def fence_html(found: re.Match[str]) -> str:
        highlighted = highlight(html.unescape(found.group(2)), html.unescape(found.group(1)), "")
        return highlighted + "\n" if highlighted else found.group()

    def link_html(found: re.Match[str]) -> str:
        if external_rel and is_external(html.unescape(found.group(1))):
            return f'{found.group()[:-1]} rel="{external_rel}">'
        return found.group()

    if "<h" in body:
        body = _HEADING.sub(heading_html, body)
    if "<pre><code class=" in body:
        body = _FENCE.sub(fence_html, body)
    if "<a " in body:
        body = _LINK.sub(link_html, body)
    if "<img " in body:
        body = _IMAGE.sub(r'\1 loading="lazy" decoding="async">', body)
    if not all(visible(text) for _, _, text in headings):
        return None  # a heading with no text one sees: markdown-it-py knows its line, for the warning
    return body, headings


def engine_version() -> str:
    """markdown-it-pyrs' version, part of the cache key (a new release may render differently)."""
    return str(markdown_it_pyrs.__version__)
