"""sitemap.xml and robots.txt."""
from __future__ import annotations

from html import escape
from typing import Iterable

from generator.core import urls
from generator.load.config import Config
from generator.core.models import Site


def render_sitemap(config: Config, site: Site, page_files: Iterable[str]) -> str:
    """Every HTML page except 404, with lastmod for article pages."""
    lastmod = {urls.file_for(a.path): (a.updated or a.date).isoformat() for a in site.articles}
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    for file in sorted(page_files):
        if not file.endswith("index.html"):
            continue
        # &, < and > as xml.sax.saxutils.escape does, whose import pulls in urllib.request, http.client and ssl
        loc = escape(urls.absolute(config.base_url, file.removesuffix("index.html")), quote=False)
        mod = f"<lastmod>{lastmod[file]}</lastmod>" if file in lastmod else ""
        lines.append(f"<url><loc>{loc}</loc>{mod}</url>")
    lines.append("</urlset>\n")
    return "\n".join(lines)


def render_robots(config: Config) -> list[tuple[str, str]]:
    """robots.txt as (path, text), or nothing under a sub-path: crawlers read it only at the host's
    root, so there it would mean nothing. With ``noindex`` it turns every crawler away."""
    if config.base_path != "/":
        return []
    if config.noindex:
        return [("robots.txt", "User-agent: *\nDisallow: /\n")]
    return [("robots.txt", f"User-agent: *\nAllow: /\n\nSitemap: {urls.absolute(config.base_url, 'sitemap.xml')}\n")]
