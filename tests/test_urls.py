"""Every URL rule in one place: paths, files, links under a base path, slugs."""
from __future__ import annotations

from datetime import datetime

import pytest

from generator.core import urls


def test_paths_and_files() -> None:
    assert urls.article_path(datetime(2025, 6, 3), "meta-scale") == "2025/06/meta-scale/"
    assert [urls.page_path("tags/ai/", n) for n in (1, 2)] == ["tags/ai/", "tags/ai/page/2/"]
    assert urls.feed_path("tags/ai/") == "tags/ai/feed.xml" and urls.feed_path("") == "feed.xml"
    assert [urls.file_for(p) for p in ("", "tags/", "404.html")] == ["index.html", "tags/index.html", "404.html"]


def test_links_follow_the_base_path() -> None:
    assert urls.url("/digest/", "tags/ai/") == "/digest/tags/ai/"
    assert urls.absolute("https://example.org/digest/", "feed.xml") == "https://example.org/digest/feed.xml"


@pytest.mark.parametrize("text, slug", [
    ("Rp 1,5 triliun", "rp-1-5-triliun"), ("Rp 15 triliun", "rp-15-triliun"), ("Société Générale", "societe-generale"),
    ("人工智能", "ren-gong-zhi-neng"), ("!!!", ""), ("GoTo", "goto"),
])
def test_make_slug(text: str, slug: str) -> None:
    assert urls.make_slug(text) == slug


def test_slugs_are_capped_at_80_characters_on_a_word_boundary() -> None:
    slug = urls.make_slug("kata " * 40)
    assert len(slug) <= 80 and slug.endswith("kata")
