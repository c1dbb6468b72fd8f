"""The theme's UI strings in each supported language, and localised dates via Babel.

Month and day names come from Babel's CLDR data, never from the OS locale, so a
build gives the same bytes on every machine.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Callable

from babel import Locale
from babel.dates import format_date


@dataclass(frozen=True)
class Plural:
    """A UI string with one form per CLDR plural category ('one', 'other', ...).

    It formats like a ``str`` (``t.articles_count.format(n=3)``), so a template does not need
    to know that "1 article" and "2 articles" differ in English while Indonesian says
    "1 artikel" and "2 artikel". Babel's CLDR rules pick the form.
    """

    language: str
    forms: tuple[tuple[str, str], ...]
    """(category, text) pairs; 'other' is always there."""

    def format(self, n: int, **values: object) -> str:
        forms = dict(self.forms)
        return forms.get(plural_category(n, self.language), forms["other"]).format(n=n, **values)


def plural_category(n: int, language: str) -> str:
    """CLDR's plural category of ``n`` in ``language``: 'one' or 'other' for English, always 'other' for Indonesian."""
    return str(_plural_rule(language)(n))


@lru_cache(maxsize=None)
def _plural_rule(language: str) -> Callable[[int], str]:
    """Parsing a locale is slow, and every term page asks: each language's rule is looked up once."""
    return Locale.parse(language).plural_form


def counted(n: int, one: str, other: str, language: str = "en") -> str:
    """'1 article', '2 articles' by the language's plural rule: the CLI's summaries (in English)."""
    return f"{n} {one if plural_category(n, language) == 'one' else other}"


STRINGS: dict[str, dict[str, str | Plural]] = {
    "id": {
        "home": "Beranda",
        "latest": "Berita terbaru",
        "tags": "Tag",
        "companies": "Perusahaan",
        "sections": "Rubrik",
        "archive": "Arsip",
        "read_source": "Baca artikel selengkapnya di {source}",
        "source": "Sumber",
        "published": "Terbit",
        "updated": "Diperbarui",
        "by": "Oleh",
        "feed": "Umpan RSS",
        "subscribe": "Langganan RSS",
        "newer": "« Lebih baru",
        "older": "Lebih lama »",
        "page_of": "Halaman {n} dari {total}",
        "pagination": "Navigasi halaman",
        "articles_count": Plural("id", (("other", "{n} artikel"),)),
        "all_tags": "Semua tag",
        "all_companies": "Semua perusahaan",
        "all_sections": "Semua rubrik",
        "tag_title": "Tag: {name}",
        "company_title": "Perusahaan: {name}",
        "section_title": "Rubrik: {name}",
        "company_site": "Situs resmi",
        "not_in_registry": "Perusahaan ini belum terdaftar di registri.",
        "not_found": "Halaman tidak ditemukan",
        "not_found_text": "Maaf, halaman yang Anda cari tidak ada. Coba mulai dari beranda.",
        "skip": "Langsung ke isi",
        "main_nav": "Navigasi utama",
        "footer_nav": "Tentang situs ini",
        "in_this_article": "Topik artikel ini",
        "months": "Bulan",
        "years": "Tahun",
        "empty": "Belum ada artikel.",
    },
    "en": {
        "home": "Home",
        "latest": "Latest news",
        "tags": "Tags",
        "companies": "Companies",
        "sections": "Sections",
        "archive": "Archive",
        "read_source": "Read the whole article at {source}",
        "source": "Source",
        "published": "Published",
        "updated": "Updated",
        "by": "By",
        "feed": "RSS feed",
        "subscribe": "Subscribe via RSS",
        "newer": "« Newer",
        "older": "Older »",
        "page_of": "Page {n} of {total}",
        "pagination": "Pagination",
        "articles_count": Plural("en", (("one", "{n} article"), ("other", "{n} articles"))),
        "all_tags": "All tags",
        "all_companies": "All companies",
        "all_sections": "All sections",
        "tag_title": "Tag: {name}",
        "company_title": "Company: {name}",
        "section_title": "Section: {name}",
        "company_site": "Official site",
        "not_in_registry": "This company is not in the registry yet.",
        "not_found": "Page not found",
        "not_found_text": "Sorry, the page you are looking for does not exist. Try the home page.",
        "skip": "Skip to content",
        "main_nav": "Main navigation",
        "footer_nav": "About this site",
        "in_this_article": "Topics of this article",
        "months": "Months",
        "years": "Years",
        "empty": "No articles yet.",
    },
}


def long_date(value: datetime, language: str) -> str:
    """'13 Juni 2025' / 'June 13, 2025'."""
    return _long_date(value.date(), language)


@lru_cache(maxsize=4096)
def _long_date(day: date, language: str) -> str:
    """Babel is slow and a digest has many articles a day: each day is formatted once."""
    return format_date(day, format="long", locale=language)


def month_name(year: int, month: int, language: str) -> str:
    """'Juni 2025' / 'June 2025'."""
    return format_date(datetime(year, month, 1), format="MMMM y", locale=language)
