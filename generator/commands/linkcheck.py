"""The link crawl: every internal reference of a built site must land on one of its files.

It runs on a site held in memory (``build(...).output.files``, in tests) or on a built
folder (``digest check --links site/``, the last gate before a deploy).

It reads every reference a browser, feed reader or crawler would follow: ``href``,
``src``, ``srcset`` and the other URL attributes of every HTML page, ``url(...)`` in
CSS, a feed's ``<link>``, ``<guid>`` and ``atom:link``, sitemap ``<loc>`` entries and the
``Sitemap:`` line of robots.txt. A reference is *internal* when it is relative,
root-relative, or absolute on the site's own origin (compared as a browser does: host case, either form of a
non-ASCII host, default port, the DNS root's dot) and under its base path, or at the base path without its '/'
(another path on the same host is another site); every internal one must land on a file of the output,
inside the base path. A path ending in '/' means its ``index.html``, and a ``#fragment``
must name an ``id`` on the target page. A link to a folder without its trailing '/' counts
as broken: it works only where the server redirects, and the generator always writes the slash.

External links are not fetched. Unsafe schemes are a separate check (see
``tests/test_valid_output.py``); to this module they are simply not internal.
"""
from __future__ import annotations

import json
import os
import re
import stat
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Iterator, Mapping, NamedTuple
from urllib.parse import unquote, urljoin, urlsplit

import lxml.html
from lxml import etree

from generator.core.urls import origin, undotted

Broken = tuple[str, str, str]
"""(file the reference is in, the reference as written, what is wrong with it)."""

URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "data", "cite", "background", "longdesc",
                  "usemap", "manifest", "ping")
"""HTML attributes whose value is one URL (``srcset`` holds several and is read apart)."""
_CSS_URL = re.compile(r"""url\(\s*(['"]?)(.*?)\1\s*\)|@import\s+(['"])(.*?)\3""", re.IGNORECASE)
_NO_ORIGIN = "http://site.invalid"
"""Stands in for the origin when only a base path is known, so relative URLs still join."""
_XML = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
_ATOM = "{http://www.w3.org/2005/Atom}"
_SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


class Target(NamedTuple):
    """An internal reference, resolved."""

    file: str | None
    """Output path it names; None when it points outside the base path, '' at the base path without its '/'."""
    fragment: str
    """The decoded '#fragment', or ''."""


@dataclass(frozen=True)
class Site:
    """Output and where it is served: ``base`` is a base_url ('https://example.org/digest/') or a path ('/digest/')."""

    files: Mapping[str, bytes]
    base: str

    @cached_property
    def origin(self) -> str:
        """Scheme, host and port as a browser compares them (``urls.origin``)."""
        return origin(self.base) if urlsplit(self.base).netloc else _NO_ORIGIN

    @cached_property
    def base_path(self) -> str:
        path = urlsplit(self.base).path or "/"
        return path if path.endswith("/") else path + "/"

    def resolve(self, page: str, ref: str) -> Target | None:
        """Where ``ref``, found in the output file ``page``, lands; None if it is external.

        A reference too malformed to parse lands nowhere: Target(None, ''). One that names this host but a path
        outside the base path ('https://example.org/' for a site at https://example.org/digest/) is external, as
        ``digest check`` counts it: another site on the same host. A relative or root-relative one that leaves the
        base path ('/other/', '../../x/') is broken: the site's own links always stay under it.
        """
        try:
            parts = urlsplit(urljoin(self.origin + self.base_path + page, ref.strip()))  # also resolves '..'
            absolute = bool(urlsplit(ref.strip()).netloc)
        except ValueError:
            return Target(None, "")
        try:
            if origin(parts.geturl()) != self.origin:  # 'https://EXAMPLE.org:443/' is 'https://example.org/'
                return None
        except ValueError:  # a port no browser opens: not this site
            return None
        path = parts.path or "/"  # 'https://example.org': a browser asks for '/', no redirect
        if path + "/" == self.base_path:  # '/digest' for a site at /digest/: its home, without the '/'
            return Target("", unquote(parts.fragment))
        if not path.startswith(self.base_path):
            return None if absolute else Target(None, parts.fragment)
        rel = unquote(path[len(self.base_path):])
        return Target(rel + "index.html" if rel == "" or rel.endswith("/") else rel, unquote(parts.fragment))

    def is_broken(self, page: str, ref: str) -> bool:
        return bool(self.why_broken(page, ref))

    def why_broken(self, page: str, ref: str) -> str:
        """What is wrong with ``ref`` in ``page``, in the words a reader of the report needs; '' if nothing."""
        target = self.resolve(page, ref)
        if target is None:
            return ""
        if target.file not in self.files:
            if target.file is not None and (f"{target.file}/" if target.file else "") + "index.html" in self.files:
                return "a folder without its '/' (a host answers it only with a redirect); end the address with '/'"
            return "no file of the site is at that address"
        fragment = target.fragment
        if not fragment or not target.file.endswith(".html") or fragment.lower() == "top":
            return ""
        ids = _ids(self.files[target.file])
        if fragment in ids:
            return ""
        if _FOOTNOTE_ID.fullmatch(fragment):
            renamed = sorted((i for i in ids if i.endswith("-" + fragment) and _FOOTNOTE_ID.fullmatch(i)), key=len)
            if renamed:
                prefix = renamed[0][:-len(fragment)]
                return (f"{target.file} is there, but its footnotes' ids have the prefix '{prefix}' (its raw HTML has "
                        f"an element with a footnote's id); write '#{renamed[0]}'")
            return (f"{target.file} is there, but has no footnote '{fragment}' for the '#' to jump to (footnotes are "
                    "numbered in order: 'fn1' is the first note, 'fnref1' its mark)")
        return f"{target.file} is there, but has no id '{fragment}' for the '#' to jump to (a heading's id changes with its text)"


_FOOTNOTE_ID = re.compile(r"(?:n\d+-)?fn(?:ref)?\d+(?:-\d+)?")
"""A footnote's id or its mark's ('fn2', 'fnref2-1'), with the prefix the renderer gives them all when the body's
raw HTML has one ('n2-fn2', ``markdown._settle_ids``)."""


@lru_cache(maxsize=256)
def _ids(html: bytes) -> frozenset[str]:
    """Fragment targets on an HTML page: every ``id``, and ``<a name>``."""
    root = lxml.html.document_fromstring(html)
    return frozenset(root.xpath("//@id | //a/@name"))


_SRCSET_SPACE = " \t\n\f\r"


def srcset_urls(srcset: str) -> list[str]:
    """The URLs of a ``srcset``, read as the HTML standard's algorithm reads them: a URL runs to the next space
    (a comma inside it, 'Jakarta,%2013%20Juni-480w.jpg', is part of it; commas at its end are not), then its
    descriptors to the next comma outside parentheses."""
    urls, at, end = [], 0, len(srcset)
    while True:
        while at < end and (srcset[at] in _SRCSET_SPACE or srcset[at] == ","):
            at += 1
        if at >= end:
            return urls
        start = at
        while at < end and srcset[at] not in _SRCSET_SPACE:
            at += 1
        url = srcset[start:at]
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            depth = 0
            while at < end and (srcset[at] != "," or depth):
                depth += {"(": 1, ")": -1}.get(srcset[at], 0)
                at += 1
        if url:
            urls.append(url)


def html_references(html: bytes) -> Iterator[str]:
    """Every URL an HTML page refers to, in document order."""
    root = lxml.html.document_fromstring(html)
    for element in root.iter(etree.Element):
        for name in URL_ATTRIBUTES:
            value = element.get(name)
            if value is not None:
                yield value
        srcset = element.get("srcset")
        if srcset:
            yield from srcset_urls(srcset)
        if element.tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            match = re.search(r"url\s*=\s*['\"]?([^'\"]+)", element.get("content") or "", re.IGNORECASE)
            if match:
                yield match.group(1)
        if element.tag == "style" and element.text:
            yield from css_references(element.text)
        style = element.get("style")
        if style:
            yield from css_references(style)


def css_references(css: str) -> Iterator[str]:
    for match in _CSS_URL.finditer(css):
        ref = match.group(2) if match.group(2) is not None else match.group(4)
        if ref and not ref.startswith("data:"):
            yield ref


def xml_references(data: bytes) -> Iterator[str]:
    """A feed's own links and item links/permalink guids, or a sitemap's locations; none in a static file that is not
    well-formed XML (no feed reader or crawler follows it), which ended the crawl with lxml's traceback."""
    try:
        root = etree.fromstring(data, _XML)
    except etree.XMLSyntaxError:
        return
    if root.tag == "rss":
        for element in root.iter("link", f"{_ATOM}link", "guid", "enclosure"):
            if element.tag == "guid" and element.get("isPermaLink", "true") == "false":
                continue
            attribute = {f"{_ATOM}link": "href", "enclosure": "url"}.get(element.tag)
            value = element.get(attribute) if attribute else element.text
            if value:
                yield value.strip()
    elif root.tag == f"{_ATOM}feed":
        yield from (e.get("href", "") for e in root.iter(f"{_ATOM}link"))
        yield from ((e.text or "").strip() for e in root.iter(f"{_ATOM}id") if (e.text or "").startswith("http"))
    elif root.tag in (f"{_SITEMAP}urlset", f"{_SITEMAP}sitemapindex"):
        yield from ((e.text or "").strip() for e in root.iter(f"{_SITEMAP}loc"))


def json_feed_references(data: bytes) -> Iterator[str]:
    """A JSON Feed's own links and its items' links; other JSON files have none, nor one that is no JSON."""
    try:
        feed = json.loads(data)
    except ValueError:  # a static file's '{bad', or bytes that are not UTF-8
        return
    if not isinstance(feed, dict) or not str(feed.get("version", "")).startswith("https://jsonfeed.org/"):
        return
    yield from (feed[key] for key in ("home_page_url", "feed_url") if isinstance(feed.get(key), str))
    for item in feed.get("items", []):
        if isinstance(item, dict) and isinstance(item.get("url"), str):
            yield item["url"]


def references(path: str, data: bytes) -> Iterator[str]:
    """Every reference in one output file, by the kind of file its name says it is."""
    if path.endswith(".html"):
        yield from html_references(data)
    elif path.endswith(".css"):
        yield from css_references(data.decode("utf-8", "replace"))  # a Latin-1 stylesheet's url()s are ASCII
    elif path.endswith((".xml", ".atom")):
        yield from xml_references(data)
    elif path.endswith(".json"):
        yield from json_feed_references(data)
    elif path == "robots.txt":
        yield from (line.split(":", 1)[1].strip() for line in data.decode("utf-8").splitlines()
                    if line.lower().startswith("sitemap:"))


def broken_links(files: Mapping[str, bytes], base: str) -> list[Broken]:
    """Every internal reference in ``files`` that does not land on an output file (or id), sorted.

    ``base`` is the site's base_url, or just its base path ('/', '/digest/'); with a
    path only, absolute URLs cannot be recognised as internal and are skipped.
    """
    return crawl(files, base)[0]


_DOTTED = re.compile(r"//[^/?#]*\.(?:[:/?#]|$)")
"""A host that may end in the DNS root's '.' ('//example.org./x'), told without parsing: ``undotted`` says."""


def crawl(files: Mapping[str, bytes], base: str) -> tuple[list[Broken], list[Broken]]:
    """``broken_links``, and every reference that names the site's host with the DNS root's dot
    ('https://example.org./x/') with the address to write instead (a browser opens the same host there, but as
    another origin; none when ``base`` has the dot too), each sorted, from one reading of every file."""
    site = Site(files, base)
    dotted_base = undotted(base) is not None
    broken: set[Broken] = set()
    dotted: set[Broken] = set()
    for path, data in files.items():
        for ref in references(path, data):
            if why := site.why_broken(path, ref):
                broken.add((path, ref, why))
            if not dotted_base and _DOTTED.search(ref) and (plain := undotted(ref)) \
                    and site.resolve(path, ref) is not None:
                dotted.add((path, ref, plain))
    return sorted(broken), sorted(dotted)


def read_site(folder: Path) -> dict[str, bytes]:
    """A built folder as path → bytes; dot-files (the writer's marker) are not part of the site, nor is what a web
    server could not send either: a link to nothing, a FIFO (reading it would wait forever), a file it cannot read.
    A link to one of those is reported as broken."""
    files: dict[str, bytes] = {}
    for parent, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not name.startswith("."):
                path = Path(parent, name)
                try:
                    if stat.S_ISREG(path.stat().st_mode):
                        files[path.relative_to(folder).as_posix()] = path.read_bytes()
                except OSError:
                    pass
    return files
