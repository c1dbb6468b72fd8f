"""What each page kind shows a reader: language, pagination, company details, archives, 404."""
from __future__ import annotations

from pathlib import Path

from conftest import FIXTURE_SITE, article, build_project, make_project

FILES = {p: d.decode() for p, d in build_project(FIXTURE_SITE).output.files.items() if p.endswith(".html")}


def test_pagination_links_both_ways_under_the_base_path() -> None:
    assert '<a rel="next" href="/digest/page/2/">Lebih lama »</a>' in FILES["index.html"]
    assert 'rel="prev"' not in FILES["index.html"]
    page2 = FILES["page/2/index.html"]
    assert '<a rel="prev" href="/digest/">« Lebih baru</a>' in page2 and "Halaman 2 dari 2" in page2


def test_a_company_page_shows_the_registry_entry_and_its_feed() -> None:
    page = FILES["companies/meta/index.html"]
    assert "<h1>Perusahaan: Meta</h1>" in page
    assert '<p class="lead">Induk Facebook, Instagram dan WhatsApp.</p>' in page
    assert '<a href="https://about.meta.com/" rel="external noopener">Situs resmi: Meta</a>' in page
    assert 'href="/digest/companies/meta/feed.xml"' in page
    assert "Perusahaan ini belum terdaftar" in FILES["companies/nusantara-data/index.html"]


def test_an_article_links_its_source_tags_companies_and_section() -> None:
    page = FILES["2025/06/google-mundur/index.html"]
    assert '<a href="https://www.reuters.com/" rel="external noopener">Baca artikel selengkapnya di Reuters</a>' in page
    assert '<a href="/digest/companies/google/">Google <span class="count">· 1</span></a>' in page
    assert '<a href="/digest/tags/ai/">AI <span class="count">· 3</span></a>' in page
    assert '<li><a href="/digest/sections/amerika-serikat/" data-pagefind-meta="section">Amerika Serikat</a></li>' in page  # breadcrumb
    assert '<time datetime="2025-06-14T00:00:00+07:00" data-rel data-pagefind-meta="date">14 Juni 2025, 00:00 WIB</time>' in page


def test_a_year_page_lists_its_months_with_counts() -> None:
    page = FILES["2025/index.html"]
    assert '<a href="/digest/2025/07/">Juli 2025</a> <span class="count">(2)</span>' in page
    assert '<a href="/digest/2025/06/">Juni 2025</a> <span class="count">(2)</span>' in page


def test_the_404_page_has_no_canonical_link() -> None:
    assert "<h1>Halaman tidak ditemukan</h1>" in FILES["404.html"] and "canonical" not in FILES["404.html"]


def test_english_sites_get_english_words_and_dates(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/a.md": article(title="Hello", source="{name: Reuters, url: 'https://www.reuters.com/'}")},
                 config="title: T\nbase_url: https://example.org/\nlanguage: en\n")
    page = build_project(tmp_path).output.files["2025/06/a/index.html"].decode()
    assert page.startswith('<!doctype html>\n<html lang="en">')
    assert "Read the whole article at Reuters" in page and "June 13, 2025" in page


def test_an_image_that_no_static_file_gives_is_a_warning_with_the_likely_file(tmp_path: Path) -> None:
    """The page showed a broken image and the build said nothing (only `digest check` knew): a camera's
    'Foto-Batam.JPG' written as 'foto-batam.jpg' is the usual slip."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A", image="images/foto-batam.jpg", image_alt="Foto"),
                            "2025/06/b.md": article(title="B", image="images/kantor.png", image_alt="Kantor"),
                            "2025/06/c.md": article(title="C", image="https://cdn.example/x.jpg", image_alt="X")})
    (tmp_path / "static/images").mkdir(parents=True)
    (tmp_path / "static/images/Foto-Batam.JPG").write_bytes(b"not checked here")
    assert [str(p) for p in build_project(tmp_path).warnings] == [
        "content/2025/06/a.md:4: field 'image': warning: images/foto-batam.jpg is not a file in static/, so the "
        "article would show a broken image; did you mean image: images/Foto-Batam.JPG?",
        "content/2025/06/b.md:4: field 'image': warning: images/kantor.png is not a file in static/, so the article "
        "would show a broken image; put the file at static/images/kantor.png"]
