"""sitemap.xml lists every page with absolute URLs; robots.txt points at it, only at a host's root."""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from conftest import FIXTURE_SITE, article, build_project, make_project

FILES = build_project(FIXTURE_SITE).output.files
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def test_sitemap_lists_every_html_page_but_404() -> None:
    root = etree.fromstring(FILES["sitemap.xml"])
    locs = root.xpath("//s:loc/text()", namespaces=NS)
    pages = sorted("https://example.org/digest/" + p.removesuffix("index.html") for p in FILES
                   if p.endswith("index.html") and b'http-equiv="refresh"' not in FILES[p])
    assert sorted(locs) == pages
    article = root.xpath("//s:url[s:loc='https://example.org/digest/2025/07/pusat-data-batam/']/s:lastmod/text()",
                         namespaces=NS)
    assert article == ["2025-07-02T08:00:00+07:00"]


def test_no_robots_txt_under_a_sub_path() -> None:
    """Crawlers read /robots.txt at the host's root only; under /digest/ it would mean nothing."""
    assert "robots.txt" not in FILES


def test_robots_txt_at_a_host_root_points_at_the_sitemap(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article()}, config="base_url: https://example.org/\n")
    files = build_project(tmp_path).output.files
    assert files["robots.txt"] == b"User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n"
