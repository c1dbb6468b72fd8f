"""Every feed of the fixture site parses cleanly and says what a feed reader needs."""
from __future__ import annotations

import feedparser
import pytest
from lxml import etree

from conftest import FIXTURE_SITE, build_project, make_project, article
from generator.feeds import xml_clean

FILES = build_project(FIXTURE_SITE).output.files
FEEDS = sorted(p for p in FILES if p.endswith("feed.xml"))


def test_every_list_page_has_a_feed() -> None:
    assert FEEDS == [
        "companies/google/feed.xml", "companies/meta/feed.xml", "companies/nusantara-data/feed.xml",
        "companies/scale-ai/feed.xml", "feed.xml", "sections/aceh/feed.xml", "sections/amerika-serikat/feed.xml",
        "sections/kepri/feed.xml", "tags/ai/feed.xml", "tags/akuisisi/feed.xml", "tags/kemitraan/feed.xml",
        "tags/pusat-data/feed.xml"]


@pytest.mark.parametrize("path", FEEDS)
def test_feed_is_valid_rss(path: str) -> None:
    etree.fromstring(FILES[path], etree.XMLParser(resolve_entities=False, no_network=True, recover=False))
    parsed = feedparser.parse(FILES[path])
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    links = [e.link for e in parsed.entries]
    assert len(links) == len(set(links)), "guids/links must be unique"
    assert all(e.id == e.link and e.link.startswith("https://example.org/digest/") for e in parsed.entries)
    dates = [e.published_parsed for e in parsed.entries]
    assert dates == sorted(dates, reverse=True), "newest first"


def test_site_feed_items_carry_everything_a_reader_shows() -> None:
    feed = feedparser.parse(FILES["feed.xml"])
    assert feed.feed.title == "Uji Digest"
    assert feed.feed.link == "https://example.org/digest/"
    assert [e.title for e in feed.entries] == ["Pusat Data Baru di Batam & Kepri", "Berita Serentak",
                                               "Google Menjauh dari Scale AI"]  # capped at feed_size 3
    google = feed.entries[2]
    assert google.summary == "Klien terbesar Scale AI menimbang ulang kontraknya."
    assert '<a href="https://www.reuters.com/">Baca artikel selengkapnya di Reuters</a>' in google.content[0].value
    assert sorted(t.term for t in google.tags) == ["Amerika Serikat", "Google", "Scale AI", "ai", "kemitraan"]
    assert google.source == {"href": "https://www.reuters.com/", "title": "Reuters"}


def test_last_build_date_is_the_newest_item_not_the_clock() -> None:
    feed = feedparser.parse(FILES["feed.xml"])
    assert feed.feed.updated == "Wed, 02 Jul 2025 08:00:00 +0700"  # the Batam article's 'updated'
    meta = feedparser.parse(FILES["companies/meta/feed.xml"])
    assert meta.feed.updated == "Fri, 13 Jun 2025 09:00:00 +0700"


def test_feed_with_sub_path_base_url_links_absolutely() -> None:
    meta = feedparser.parse(FILES["companies/meta/feed.xml"])
    assert meta.feed.link == "https://example.org/digest/companies/meta/"
    assert meta.entries[0].link == "https://example.org/digest/2025/06/meta-scale/"


def test_control_characters_are_removed_from_feeds(tmp_path) -> None:
    make_project(tmp_path, {"a.md": article(title='"Bell\\x07 and\\x0b tab"', summary='"ok\\x1f"')})
    data = build_project(tmp_path).output.files["feed.xml"]
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0
    assert parsed.entries[0].title == "Bell and tab"
    assert parsed.entries[0].summary == "ok"


def test_xml_clean_keeps_tabs_newlines_and_text() -> None:
    assert xml_clean("a\tb\nc\r\x00d\ufffe\x1b") == "a\tb\nc\rd"
