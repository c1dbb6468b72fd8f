"""Faster stand-ins for markdown-it-py's hottest helpers, each giving exactly the result of the one it replaces
(but for a non-ASCII host, which ``normalize_link`` maps as browsers do first: ``map_host``).

markdown-it-py stays the definition of the dialect; this module only removes work whose result is known in
advance. On a link-dense newsletter issue (120+ links):

- ``normalizeLink`` runs every link through mdurl's parse, punycode, format and percent-encoding (about 15 µs
  a link, a sixth of the parse). A plain ASCII http(s) URL or site path made only of characters that encoding
  keeps comes back from that pipeline unchanged, so ``normalize_link`` recognises such a URL with one regex and
  returns it as it is; any other URL goes to markdown-it's own function.
- Options that rules read with a default (``OPTION_DEFAULTS``) are set, so looking them up raises nothing.

tests/test_markdown_speed.py renders the CommonMark spec examples, markdown-it-py's own fixtures, our golden
cases and both benchmark corpus styles with and without these, and requires identical HTML.
"""
from __future__ import annotations

import unicodedata
from typing import TYPE_CHECKING
from generator.core.patterns import LazyPattern

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

HOSTNAME_MAX_LEN = 255
"""mdurl drops a longer host name (``mdurl._parse.HOSTNAME_MAX_LEN``)."""
_KEPT = r"(?:[A-Za-z0-9;/?:@&=+$,\-_.!~*'()#]|%[0-9A-Fa-f]{2})"
"""A character that mdurl.encode leaves as it is (its default 'exclude' set), or a valid %XX escape."""
UNCHANGED_URL = LazyPattern(
    r"https?://(?P<host>[A-Za-z0-9_-]{1,63}(?:\.[A-Za-z0-9_-]{1,63})*)(?::[0-9]+)?(?:[/?#]" + _KEPT + r"*)?"
    r"|(?![A-Za-z0-9+.-]*:)(?!//)" + _KEPT + r"*")
"""URLs that normalizeLink returns unchanged.

First branch: lower-case http(s), a host of ASCII labels (what mdurl keeps as the host, no user or password), an
optional port, then kept characters. mdurl.format puts exactly these parts back together, punycode leaves an ASCII
host alone, and encoding keeps every character. Second branch: no scheme (nothing like 'x:' before the first
character that is not a scheme character) and no '//' host: mdurl splits it into path, query and fragment and
joins them again. A host longer than mdurl's limit is dropped by mdurl, so ``normalize_link`` checks the length."""


def normalize_link(url: str) -> str:
    """markdown-it's normalizeLink, without its parse/format/encode round trip for URLs it would not change, and
    with a non-ASCII host mapped first as a browser maps it (``map_host``)."""
    found = UNCHANGED_URL.fullmatch(url)
    if found is not None and len(found.group("host") or "") <= HOSTNAME_MAX_LEN:
        return url
    from markdown_it.common.normalize_url import RECODE_HOSTNAME_FOR, normalizeLink  # loaded by the first URL
    if not url.isascii():  # it must change
        import mdurl
        parsed = mdurl.parse(url, slashes_denote_host=True)
        host = parsed.hostname
        if host and not host.isascii() and (not parsed.protocol or parsed.protocol in RECODE_HOSTNAME_FOR):
            url = mdurl.format(parsed._replace(hostname=map_host(host)))
    return normalizeLink(url)


_FULL_STOPS = str.maketrans("\u3002\uff0e\uff61", "...")


def map_host(host: str) -> str:
    """A non-ASCII host name mapped as UTS 46 (what a browser applies before punycode) maps the usual ones: case
    folded, compatibility forms and ideographic full stops normalised ('BÜCHER.example' → 'bücher.example'),
    'ß' and 'ς' kept ('ẞ' is 'ß'). markdown-it's punycode keeps the case, and 'xn--BCHER-2pa' is a host no browser finds (the
    right one is 'xn--bcher-kva')."""
    folded = "".join(c if c in "ßς" else c.casefold() for c in unicodedata.normalize("NFKC", host).replace("ẞ", "ß"))
    return unicodedata.normalize("NFC", folded).translate(_FULL_STOPS)


OPTION_DEFAULTS = {"strikethrough_single_tilde": False, "tasklists": False, "tasklists_editable": False,
                   "alerts": False, "store_labels": False, "inline_definitions": False}
"""Options markdown-it-py and its plugins read with ``options.get(name, default)``. Its options mapping answers
a missing key by raising and catching KeyError, which the strikethrough and list rules paid on every paragraph
and list item; set to their defaults, they are found at once."""


def speed_up(md: MarkdownIt) -> MarkdownIt:
    """The same parser with the faster helpers in place; returns ``md``."""
    md.normalizeLink = normalize_link  # type: ignore[method-assign]
    for name, default in OPTION_DEFAULTS.items():
        md.options.setdefault(name, default)
    return md
