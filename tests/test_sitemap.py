"""sitemap.xml lists every page with absolute URLs; robots.txt points at it, only at a host's root."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from conftest import FIXTURE_SITE, article, build_project, make_project
from generator.render import sitemap

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


def test_past_50000_pages_the_sitemap_is_an_index_of_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    """One sitemap.xml listed every page: a digest past 50,000 pages (a few years of 30 articles a day, with its
    lists) had a sitemap search engines ignore whole. Past the limit (made 7 here) sitemap.xml is an index of
    parts of at most that many, which list every page once, in the one file's order."""
    monkeypatch.setattr(sitemap, "MAX_URLS", 7)
    files = build_project(FIXTURE_SITE).output.files
    index = etree.fromstring(files["sitemap.xml"])
    assert index.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}sitemapindex"
    parts = index.xpath("//s:sitemap/s:loc/text()", namespaces=NS)
    names = [loc.removeprefix("https://example.org/digest/") for loc in parts]
    assert names == [f"sitemap-{n}.xml" for n in range(1, len(names) + 1)] and len(names) > 2
    locs = [loc for name in names for loc in etree.fromstring(files[name]).xpath("//s:loc/text()", namespaces=NS)]
    assert all(len(etree.fromstring(files[name]).xpath("//s:url", namespaces=NS)) <= 7 for name in names)
    assert locs == etree.fromstring(FILES["sitemap.xml"]).xpath("//s:loc/text()", namespaces=NS)  # each once, in order
    assert not any(name.startswith("sitemap-") for name in FILES), "below the limit, one file"


def test_no_robots_txt_under_a_sub_path() -> None:
    """Crawlers read /robots.txt at the host's root only; under /digest/ it would mean nothing."""
    assert "robots.txt" not in FILES


def test_robots_txt_at_a_host_root_points_at_the_sitemap(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article()}, config="base_url: https://example.org/\n")
    files = build_project(tmp_path).output.files
    assert files["robots.txt"] == b"User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n"
