"""sitemap.xml and robots.txt."""
from __future__ import annotations

from html import escape
from typing import Collection, Iterable, Sequence

from generator.core import urls
from generator.load.config import Config
from generator.core.models import Site
from generator.core.timestamps import iso


MAX_URLS = 50_000
"""The most URLs one sitemap may list (sitemaps.org; Google and Bing ignore a bigger file): a digest of 30
articles a day, with its tag and list pages, passes it within a few years."""


def sitemap_files(page_files: Collection[str]) -> list[str]:
    """The sitemap's files for these pages: sitemap.xml alone, or, past ``MAX_URLS`` pages, sitemap.xml as an
    index of sitemap-1.xml, sitemap-2.xml, ... (the pages are counted only when the files are more: every build
    asks, three times)."""
    if len(page_files) <= MAX_URLS:
        return ["sitemap.xml"]
    count = sum(1 for file in page_files if file.endswith("index.html"))
    parts = -(-count // MAX_URLS)
    return ["sitemap.xml", *(f"sitemap-{n}.xml" for n in range(1, parts + 1))] if parts > 1 else ["sitemap.xml"]


def sitemap_inputs(config: Config, site: Site, page_files: Sequence[str]) -> str:
    """Everything ``render_sitemap`` reads, as one text to fingerprint (``build.site_files``): the base URL, the
    page files, and each article's address with the date its lastmod is written from (``updated``, else ``date``;
    ``isoformat`` keeps the offset, which ``iso`` reads). NUL, which no file name or date holds, separates them.
    Hashing it is a fraction of rendering, and an edit to bodies alone changes none of it, so a one-edit rebuild
    keeps the sitemap as it is without making it again."""
    return "\0".join([config.base_url, *page_files, "",
                      *(f"{a.path}\0{(a.updated or a.date).isoformat()}" for a in site.articles)])


def render_sitemap(config: Config, site: Site, page_files: Iterable[str]) -> list[tuple[str, str]]:
    """Every HTML page except 404, with lastmod for article pages, as (file, XML): one sitemap.xml, or past
    ``MAX_URLS`` pages, sitemap.xml as the index of parts of ``MAX_URLS`` each, in address order."""
    lastmod = {urls.file_for(a.path): iso(a.updated or a.date) for a in site.articles}
    entries = []
    for file in sorted(page_files):
        if not file.endswith("index.html"):
            continue
        # &, < and > as xml.sax.saxutils.escape does, whose import pulls in urllib.request, http.client and ssl
        loc = escape(urls.absolute(config.base_url, file.removesuffix("index.html")), quote=False)
        mod = f"<lastmod>{lastmod[file]}</lastmod>" if file in lastmod else ""
        entries.append(f"<url><loc>{loc}</loc>{mod}</url>")
    chunks = [entries[i:i + MAX_URLS] for i in range(0, len(entries), MAX_URLS)] or [[]]
    names = ["sitemap.xml"] if len(chunks) == 1 else [f"sitemap-{n}.xml" for n in range(1, len(chunks) + 1)]
    out = [(name, "\n".join([_XML, f'<urlset xmlns="{_NS}">', *chunk, "</urlset>\n"]))
           for name, chunk in zip(names, chunks)]
    if len(chunks) == 1:
        return out
    index = [_XML, f'<sitemapindex xmlns="{_NS}">',
             *(f"<sitemap><loc>{escape(urls.absolute(config.base_url, name), quote=False)}</loc></sitemap>"
               for name in names), "</sitemapindex>\n"]
    return [("sitemap.xml", "\n".join(index)), *out]


_XML = '<?xml version="1.0" encoding="UTF-8"?>'
_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def render_robots(config: Config) -> list[tuple[str, str]]:
    """robots.txt as (path, text), or nothing under a sub-path: crawlers read it only at the host's
    root, so there it would mean nothing. With ``noindex`` it turns every crawler away."""
    if config.base_path != "/":
        return []
    if config.noindex:
        return [("robots.txt", "User-agent: *\nDisallow: /\n")]
    return [("robots.txt", f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute(config.base_url, 'sitemap.xml')}\n")]
