"""Every output path and URL rule, in one place, so that links and files cannot disagree.

A *path* is relative to the site root and ends in '/' for a page ('2025/06/slug/') or
names a file ('feed.xml'). ``file_for`` turns a page path into the file written.
"""
from __future__ import annotations

import difflib
import html
import os
import re
from collections import defaultdict
from datetime import datetime
from functools import lru_cache
from typing import Collection, Container
from urllib.parse import quote, unquote, urljoin, urlsplit, urlunsplit
from generator.core.patterns import LazyPattern


RESERVED = frozenset({"tags", "companies", "sections", "page", "feed.xml", "sitemap.xml", "robots.txt",
                      "404.html", "index.html", "static", "style.css", "code.css", "atom.xml", "feed.json", "weekly",
                      "sources"})
"""Names a slug may not take, because a top-level page or file already has them."""
TOP_LEVEL = RESERVED | {"archive", "weekly", "sources", "search", "pagefind", "pages", "about-news-digest"}
"""First path segments the site's own pages use (or will): a page in content/pages/ may not take them."""


HTTP_URL = LazyPattern(r"^https?://[^\s/?#]+\S*$", re.IGNORECASE)
"""An absolute http(s) link as editors may type it (``HTTPS://`` too): the test for source.url, image,
--source-url and a company's url alike."""


_PLAIN_AUTHORITY = LazyPattern(r"^https?://([^\s/?#:\[\]@]+)(?:[/?#]\S*)?$", re.IGNORECASE)
"""An http(s) link whose host has no port, brackets or user: the usual one, which needs no ``urlsplit``."""


def http_url(url: str) -> bool:
    """Whether ``url`` is an absolute http(s) link (``HTTP_URL``) that Python and a browser can read: a port it
    names is a number up to 65535, a host in brackets an IPv6 address (``https://example.com:99999/`` and
    ``https://[::1/x`` match ``HTTP_URL`` but made ``urlsplit`` raise, a traceback in `digest check`)."""
    if plain := _PLAIN_AUTHORITY.match(url):
        return bool(plain[1].strip("."))  # not 'https://./x'
    return bool(HTTP_URL.match(url)) and unreadable_url(url) is None and bool((urlsplit(url).hostname or "").strip("."))


_NO_HOST = "has no host name before its port or path; write the whole address, such as https://www.example.com/a"


def unreadable_url(url: str) -> str | None:
    """Why ``urlsplit`` cannot read ``url``'s host or port, in words that say what to do; None if it can."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - reading it is the check
    except ValueError:
        netloc = url.partition("//")[2].split("/")[0].split("?")[0].split("#")[0]
        bracketed = re.fullmatch(r"(?:[^@]*@)?\[[^\[\]]*\]:.*", netloc)  # '[::1]:99999': the port's fault
        if ("[" in netloc or "]" in netloc) and not bracketed:
            return ("has '[' or ']' in its host, which only an IPv6 address in brackets may have; copy the address "
                    "again from the browser")
        return ("has a port that is not a number from 0 to 65535 (after the ':' in the host); remove it, or copy "
                "the address again from the browser")
    return None


def broken_http_url(url: str) -> str | None:
    """Why ``url``, which starts as an http(s) link does, is still not one (``http_url``), in words that say what to
    do; None when it does not start so (the caller's own message says what kind of value it wants) or is one."""
    if http_url(url) or not re.match(r"https?://", url, re.IGNORECASE):
        return None
    if re.search(r"\s", url):
        return ("has a space or a line break in it, which a link cannot hold; copy the address again from the "
                "browser, or write a space as %20")
    if HTTP_URL.match(url):
        return unreadable_url(url) or _NO_HOST  # 'https://:80/a', 'https://user@/a': a link that opens nothing
    return "has no host after '//'; write the whole address, such as https://www.example.com/berita/judul"


MAX_SLUG = 80
"""Slug length cap, far below any file system's 255-byte name limit."""
_DECIMAL_COMMA = LazyPattern(r"(?<=\d),(?=\d)")


@lru_cache(maxsize=4096)
def make_slug(text: str) -> str:
    """ASCII slug of ``text``: 'Rp 1,5 triliun' → 'rp-1-5-triliun' (python-slugify alone would
    drop the Indonesian decimal comma and collide with 'Rp 15 triliun'); '' if nothing is left.

    Remembered: a digest's headings ('Latar belakang', 'Apa selanjutnya') come back in article after
    article, and python-slugify took a sixteenth of parsing one."""
    from slugify import slugify  # here, not at the top: an up-to-date build makes no slugs and skips its import

    return slugify(_DECIMAL_COMMA.sub("-", text), max_length=MAX_SLUG, word_boundary=True)


def article_path(date: datetime, slug: str) -> str:
    return f"{date.year:04d}/{date.month:02d}/{slug}/"


def page_path(first: str, n: int) -> str:
    """Page ``n`` (1-based) of a paginated list whose first page is ``first``."""
    return first if n == 1 else f"{first}page/{n}/"


def term_path(kind: str, slug: str) -> str:
    return f"{kind}/{slug}/"


def archive_path(year: int, month: int | None) -> str:
    return f"{year:04d}/" if month is None else f"{year:04d}/{month:02d}/"


def feed_path(first: str) -> str:
    """The feed that goes with a list page: '/feed.xml', '/tags/ai/feed.xml'."""
    return f"{first}feed.xml"


def atom_path(first: str) -> str:
    """The Atom 1.0 feed beside ``feed_path(first)``."""
    return f"{first}atom.xml"


def json_feed_path(first: str) -> str:
    """The JSON Feed 1.1 beside ``feed_path(first)``."""
    return f"{first}feed.json"


FEED_FORMATS = (("rss", "application/rss+xml", feed_path), ("atom", "application/atom+xml", atom_path),
                ("json", "application/feed+json", json_feed_path))
"""Every feed format: its name, MIME type (for <link rel="alternate">) and path rule."""


def file_address(path: str) -> str:
    """A file's path as its address, escaped where a browser would read it otherwise ('a#b.png' → 'a%23b.png',
    'a?b.png' → 'a%3Fb.png', '100%.png' → '100%25.png', '北/' → '%E5%8C%97/', 'a b' → 'a%20b')."""
    return quote(path, safe="/@~!$&'()*+,;=:")


def file_for(path: str) -> str:
    """File written for ``path``: pages get 'index.html'."""
    return path + "index.html" if path == "" or path.endswith("/") else path


_DEFAULT_PORTS = {"http": 80, "https": 443}


def ascii_url(url: str) -> str:
    """``url``, when it holds characters beyond ASCII, with the host in its ASCII form (IDNA: ``bérita.example`` →
    ``xn--brita-bsa.example``) and the path, query and fragment percent-encoded (``/beritä/`` → ``/berit%C3%A4/``), as
    sitemaps and feeds need URLs to be. A URL it cannot read stays as it is."""
    if url.isascii():
        return url
    try:
        parts = urlsplit(url)
        netloc, host = parts.netloc, parts.hostname or ""
        if not host.isascii():
            userinfo, at, _ = netloc.rpartition("@")
            netloc = f"{userinfo}{at}{idna_ascii(host)}" + (f":{parts.port}" if parts.port else "")
    except (ValueError, UnicodeError):
        return url
    safe = "/%!$&'()*+,;=:@-._~"
    return urlunsplit((parts.scheme, netloc, quote(parts.path, safe=safe), quote(parts.query, safe=safe + "?"),
                       quote(parts.fragment, safe=safe + "?")))


def origin(url: str) -> str:
    """``url``'s scheme, host and port as a browser compares them: 'HTTPS://Example.ORG:443/x' and
    'https://example.org/' have the same, 'https://example.org:8443/' and 'http://example.org/' others.
    The host is the one DNS is asked for: a trailing dot (the DNS root, 'https://example.org./') and a
    non-ASCII name ('bücher.example', which pages write as 'xn--bcher-kva.example') name the same host.
    Raises ValueError for a host or port ``urlsplit`` cannot read."""
    parts = urlsplit(url)
    host = dns_host(parts.hostname or "")
    port = parts.port
    host = f"[{host}]" if ":" in host else host
    scheme = parts.scheme.lower()
    return f"{scheme}://{host}" + (f":{port}" if port is not None and port != _DEFAULT_PORTS.get(scheme) else "")


def dns_host(host: str) -> str:
    """``host`` (lower-cased, as ``urlsplit`` gives it) as DNS is asked for it: without the root's trailing dot
    ('example.org.'), and in ASCII (IDNA: 'bücher.example' → 'xn--bcher-kva.example'). A name IDNA cannot encode
    stays as written."""
    host = host[:-1] if host.endswith(".") else host
    if not host.isascii():
        try:
            host = idna_ascii(host)
        except UnicodeError:
            pass
    return host


_FORBIDDEN_IN_HOST = frozenset(" #%/:<>?@[\\]^|\x7f") | frozenset(map(chr, range(0x20)))
"""What the URL Standard's host parser refuses in a domain after the UTS 46 mapping (forbidden domain code points)."""


@lru_cache(maxsize=1024)
def idna_ascii(host: str) -> str:
    """``host``, a name beyond ASCII, in the ASCII form browsers ask DNS for, by the URL Standard's domain-to-ASCII:
    UTS 46 not transitional ('faß.de' → 'xn--fa-hia.de', a Persian name keeps its zero-width non-joiner), without
    IDNA 2008's stricter letters, so an emoji host opens ('i❤.ws' → 'xn--i-7iq.ws'), as the Markdown renderer writes
    a link's host. Python's own 'idna' codec is IDNA 2003, which maps 'ß' to 'ss' and drops the joiner: another
    domain ('fass.de'). Raises UnicodeError for a name browsers refuse ('⒈.com', which UTS 46 disallows; a '%' or a
    space)."""
    import idna  # imported for the first host beyond ASCII only (8 ms)

    try:
        return idna.encode(host, uts46=True, transitional=False).decode("ascii")
    except idna.IDNAError:
        pass
    mapped = idna.uts46_remap(host, std3_rules=False, transitional=False)
    if bad := next((c for c in mapped if c in _FORBIDDEN_IN_HOST), None):
        raise UnicodeError(f"{bad!r} is not allowed in a host name")
    labels = mapped.split(".")
    for label in labels:
        if not label.isascii():
            _browser_label(label)
    return ".".join(label if label.isascii() else "xn--" + label.encode("punycode").decode("ascii")
                    for label in labels)


def _browser_label(label: str) -> None:
    """Refuses ``label`` as the URL Standard does beyond UTS 46's mapping (CheckJoiners, CheckBidi); raises
    UnicodeError (idna.IDNAError)."""
    import idna.core

    for i, c in enumerate(label):
        if c in "\u200c\u200d" and not idna.core.valid_contextj(label, i):
            raise idna.IDNAError(f"a zero-width joiner at position {i + 1} of {label!r} is not allowed there")
    idna.core.check_bidi(label)


def idna_letters(host: str) -> str:
    """``host``'s punycode labels ('xn--fa-hia.de', 'xn--i-7iq.ws') in the letters they stand for ('faß.de',
    'i❤.ws'), as ``idna_ascii`` writes them. Raises UnicodeError for an 'xn--' label that is no punycode, or whose
    letters ``idna_ascii`` does not write as it ('xn--' is none, 'xn--a' a control character, 'xn--abc-' 'abc'):
    browsers keep such a host as written."""
    import idna

    try:
        return idna.decode(host)
    except idna.IDNAError:
        pass
    return ".".join(_label_letters(label) if label[:4].lower() == "xn--" else label for label in host.split("."))


def _label_letters(label: str) -> str:
    """The letters of the punycode ``label`` ('xn--i-7iq' → 'i❤'); UnicodeError unless ``idna_ascii`` writes them
    back as ``label``."""
    try:
        letters = label[4:].encode("ascii").decode("punycode")
    except (UnicodeError, IndexError) as error:  # punycode's decoder raises IndexError for some digits
        raise UnicodeError(f"{label!r} is not punycode") from error
    if letters.isascii() or idna_ascii(letters) != label.lower():
        raise UnicodeError(f"{label!r} stands for {letters!r}, which is written otherwise")
    return letters


DOT_WHY = ("browsers open the same host, but as another site for logins and caches, and a web server may not answer "
           "to that name")
"""Why an address of the site's host with the DNS root's dot ('https://example.org./x') is worth a warning."""
TRAILING_DOT = f"names the site's host with a trailing dot: {DOT_WHY}"
"""What both link checks say of an address ``undotted`` takes the dot from, before the address to write."""


def undotted(url: str) -> str | None:
    """``url`` without the DNS root's '.' its host ends in ('https://example.org./x' → 'https://example.org/x'), or
    None when its host has none. A browser opens the same host there, but as another origin (its own logins and
    caches), and a web server that knows only 'example.org' may answer 404 or send another certificate."""
    if "." not in url:
        return None
    try:
        netloc = urlsplit(url.strip()).netloc
    except ValueError:
        return None
    user, at, hostport = netloc.rpartition("@")
    host, colon, port = hostport.rpartition(":") if ":" in hostport and not hostport.endswith("]") else \
        (hostport, "", "")
    if not host.endswith(".") or host.endswith("..") or not host.strip("."):
        return None
    return url.replace(netloc, f"{user}{at}{host[:-1]}{colon}{port}", 1)


@lru_cache(maxsize=8)
def _host(base_url: str) -> str:
    return dns_host(urlsplit(base_url).hostname or "")


def own_path(base_url: str, base_path: str, href: str) -> str | None:
    """The path of ``href``, an address naming a host ('https://EXAMPLE.org:443/digest/x/', '//example.org/x'),
    when that host is the site's (compared as a browser does: ``origin``) and the path is under ``base_path``, or
    is the base path without its '/' ('/digest'); None for another site, another path of the same host too."""
    if href.startswith(base_url):
        return urlsplit(href).path or "/"
    if href.isascii() and _host(base_url) not in href.lower():  # most links: another host, told without parsing
        return None
    try:
        parts = urlsplit(urljoin(base_url, href))  # '//example.org/x' takes the site's scheme
        if origin(parts.geturl()) != origin(base_url):
            return None
    except ValueError:
        return None
    path = parts.path or "/"
    return path if path.startswith(base_path) or path + "/" == base_path else None


def link_target(base_url: str, base_path: str, page: str, href: str) -> str | None:
    """The site path a link or image address in the body of ``page`` points at ('' for the home page), or None
    for one to elsewhere (naming a scheme or host that is not the site's, or a path of its host outside the base
    path: ``own_path``)."""
    href = html.unescape(href)
    try:
        parts = urlsplit(href)
    except ValueError:  # a stray '[' in the host: not an address of this site (the sanitiser drops such links)
        return None
    if parts.scheme or parts.netloc:
        return own_path(base_url, base_path, href)
    if not parts.path:
        return None
    # joined under a host, as a browser joins it: '..' beyond the root stays at the root ('/x'), where urljoin
    # of two bare paths drops the root itself ('x'); '%2e%2e' and '.%2E' are '..' to a browser too
    path = "/".join(unquote(s) if unquote(s) in (".", "..") else s for s in parts.path.split("/")) \
        if "%" in parts.path else parts.path
    return urlsplit(urljoin("http://h" + base_path + page, path)).path


_ESCAPES = LazyPattern(r"(?:%[0-9A-Fa-f]{2})+")


def as_typed(address: str) -> str:
    """An address as the HTML has it, for a message, with the letters an editor typed ('é', not '%C3%A9'): the
    escapes of non-ASCII characters decoded, any other ('%20', '%25') kept, as it may be what was written."""
    def letters(found: re.Match[str]) -> str:
        try:
            text = unquote(found.group(), errors="strict")
        except UnicodeDecodeError:
            return found.group()
        return "".join(c if ord(c) > 127 and c.isprintable() else quote(c, safe="") for c in text)

    return _ESCAPES.sub(letters, address) if "%" in address else address


def typed_host(address: str) -> str:
    """``address`` with its host's punycode ('xn--bcher-kva.example') in the letters it stands for
    ('bücher.example'), as an editor types it: the Markdown renderer writes a link's host in ASCII, as browsers
    send it. Punycode that decodes to nothing stays as written."""
    if "xn--" not in address.lower():
        return address
    try:
        netloc = urlsplit(address).netloc
        user, at, hostport = netloc.rpartition("@")
        host, colon, port = hostport.partition(":")
        letters = idna_letters(host.lower())
    except (ValueError, UnicodeError):
        return address
    return address.replace(netloc, f"{user}{at}{letters}{colon}{port}", 1) if netloc else address


def resolves(base_path: str, path: str, files: Container[str]) -> bool:
    """Whether the site path ``path`` serves a page or file in ``files`` (output paths), with or without its
    trailing slash."""
    if not path.startswith(base_path):
        return False
    rel = unquote(path[len(base_path):])
    return rel in files or file_for(rel) in files or f"{rel}/index.html" in files


def nearest_page(base_path: str, path: str, files: Collection[str]) -> str:
    """The page address whose last part is most like ``path``'s (a typo in a slug, a renamed article's new
    one), nearest to it among equals, or ''. The last parts alone are compared: addresses share their
    beginnings ('/2025/06/'), which made every one look alike."""
    wanted = unquote(path.split("#")[0].split("?")[0])
    if not wanted.startswith(base_path):
        return ""
    by_slug = _pages_by_slug(base_path, frozenset(files))
    slug = wanted.rstrip("/").rsplit("/", 1)[-1].removesuffix(".html").removesuffix(".md")
    near = difflib.get_close_matches(slug, list(by_slug), n=1, cutoff=0.8) if slug else []
    if not near or near[0] != slug and _DIGITS.sub("", near[0]) == _DIGITS.sub("", slug):  # another week: no typo
        return ""
    return max(by_slug[near[0]], key=lambda page: (len(os.path.commonprefix([page, wanted])), page))


_DIGITS = LazyPattern(r"\d")


@lru_cache(maxsize=2)
def _pages_by_slug(base_path: str, files: frozenset[str]) -> dict[str, list[str]]:
    pages: dict[str, list[str]] = defaultdict(list)
    for file in sorted(files):
        if file.endswith("/index.html"):
            page = file.removesuffix("index.html")
            pages[page.rstrip("/").rsplit("/", 1)[-1]].append(base_path + page)
    return dict(pages)


def folder_without_slash(base_path: str, path: str, files: Container[str]) -> bool:
    """Whether the site path ``path`` names a folder with a page, without its trailing slash ('/companies/meta'):
    a host answers it with a redirect (a round trip; none in a feed reader or from a file), and ``digest check
    --links`` counts it broken."""
    if path + "/" == base_path:  # the home page's: '/digest' for a site at /digest/
        return "index.html" in files
    if not path.startswith(base_path):
        return False
    rel = unquote(path[len(base_path):])
    return bool(rel) and not rel.endswith("/") and rel not in files and f"{rel}/index.html" in files


def url(base_path: str, path: str) -> str:
    """Root-relative link: base_path '/digest/' + 'tags/ai/' → '/digest/tags/ai/'. A path with a leading '/' is
    the site's root under the base path ('/about/' → '/digest/about/'), not '//about/', which names a host."""
    return base_path + path.lstrip("/")


_LINK_TAG = LazyPattern(r"<(?:a|img|video|audio|source|track)\s[^>]*>")
"""An ``<a>``, ``<img>`` or media tag of our HTML, where every attribute is double-quoted with '>' escaped."""
_RELATIVE_ATTR = LazyPattern(r'(\s(?:href|src|poster)=")(?![A-Za-z][A-Za-z0-9+.\-]*:|//)([^"]*)"')
"""An href, src or poster without a scheme or host: '/images/x.jpg', '#catatan', '../b/'."""


def absolute_links(html_text: str, page_url: str) -> str:
    """``html_text`` (our HTML) with every link and image address made absolute, resolved as on the web page at
    ``page_url``: for a feed, where a reader shows the item away from the page ('/images/x.jpg' and '#fn1' mean
    nothing there). Addresses with a scheme, and '//host' ones, stay as they are. Only ``<a>``, ``<img>`` and the
    media tags (``<video>``, ``<audio>``, ``<source>``, ``<track>``, and a video's ``poster``) are touched: a body's text may say ``href="/x"`` (nh3 writes quotes in text as they are). About 20 µs a
    news article, 110 to 140 µs a newsletter issue with 150 links (docs/performance.md)."""
    if 'href="' not in html_text and 'src="' not in html_text:
        return html_text
    origin = page_url[:page_url.find("/", page_url.find("//") + 2)]

    def absolute_one(match: re.Match[str]) -> str:
        value = match.group(2)
        if value[:1] == "#":
            return f'{match.group(1)}{page_url}{value}"'
        if value[:1] == "/":
            return f'{match.group(1)}{origin}{value}"'
        try:
            return f'{match.group(1)}{html.escape(urljoin(page_url, html.unescape(value)))}"'
        except ValueError:  # a link urljoin cannot read (a lone '[' in it) stays as written
            return match.group()

    return _LINK_TAG.sub(lambda tag: _RELATIVE_ATTR.sub(absolute_one, tag.group()), html_text)


def absolute(base_url: str, path: str) -> str:
    """Absolute URL for feeds, sitemaps and canonical links; a leading '/' is the base path, as in ``url``."""
    return base_url + path.lstrip("/")
