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
from generator.core.patterns import LazyPattern

from generator.core.errors import quoted


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

    def __str__(self) -> str:
        """The 'other' form, for a template written before the string had forms ('{n} articles')."""
        return dict(self.forms)["other"]

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


STRINGS: dict[str, dict[str, str | Plural]] = {
    "id": {
        "home": "Beranda",
        "latest": "Berita terbaru",
        "tags": "Tag",
        "companies": "Perusahaan",
        "sections": "Rubrik",
        "archive": "Arsip",
        "read_source": "Baca artikel selengkapnya di {source}",
        "video_watch": "Tonton di {host}",
        "video_untitled": "Video {host}",
        "source": "Sumber",
        "published": "Terbit",
        "updated": "Diperbarui",
        "by": "Oleh",
        "feed": "Umpan RSS",
        "subscribe": "Langganan RSS",
        "and_more": "dan {n} lainnya",
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
        "not_found": "Halaman tidak ditemukan",
        "not_found_text": "Maaf, halaman yang Anda cari tidak ada. Coba mulai dari beranda.",
        "skip": "Langsung ke isi",
        "main_nav": "Navigasi utama",
        "footer_nav": "Tentang situs ini",
        "in_this_article": "Topik artikel ini",
        "months": "Bulan",
        "years": "Tahun",
        "empty": "Belum ada artikel.",
        "search": "Cari",
        "search_label": "Cari artikel",
        "search_noscript": "Pencarian memerlukan JavaScript. Telusuri arsip per tahun:",
        "search_none": "Tidak ada artikel yang cocok dengan “{q}”.",
        "search_found": Plural("id", (("other", "{n} artikel cocok dengan “{q}”."),)),
        "search_more": "Tampilkan {n} lagi",
        "breadcrumb": "Jejak navigasi",
        "related": "Baca juga",
        "newer_article": "Artikel lebih baru",
        "older_article": "Artikel lebih lama",
        "around": "Artikel sebelum dan sesudahnya",
        "reading_time": "{n} menit baca",
        "section_nav": "Rubrik",
        "archive_intro": "Semua artikel menurut tahun dan bulan.",
        "archive_description": Plural("id", (("other", "{n} artikel dari {name} di {site}."),)),
        "tag_description": Plural("id", (("other", "{n} artikel bertag {name} di {site}."),)),
        "section_description": Plural("id", (("other", "{n} artikel di rubrik {name} di {site}."),)),
        "company_description": Plural("id", (("other", "{n} artikel tentang {name} di {site}."),)),
        "terms_description": "Daftar {what} di {site}, masing-masing dengan jumlah artikelnya.",
        # a list page's name inside a sentence ({what} of terms_description): its heading is capitalised
        "tags_in_text": "tag",
        "companies_in_text": "perusahaan",
        "sections_in_text": "rubrik",
        "sources_in_text": "sumber berita",
        "weekly_in_text": "edisi mingguan",
        "edition_description": Plural("id", (("other", "Edisi #{number} {site}: {n} artikel dari pekan {days}."),)),
        "lead": "Berita utama",
        # issue 11 (publishers, editions, company intelligence)
        "sources": "Sumber berita",
        "publisher_title": "Sumber: {name}",
        "publisher_site": "Situs",
        "all_from": "Semua berita dari {name} ({n})",
        "weekly": "Edisi mingguan",
        "edition_number": "Edisi #{n}",
        "edition_in_progress": "Edisi ini masih berjalan: minggu ini belum berakhir, dan beritanya masih bisa bertambah.",
        "edition_other": "Berita lainnya",
        "edition_email": "Versi email",
        "edition_older": "« Edisi sebelumnya",
        "edition_newer": "Edisi berikutnya »",
        "edition_nav": "Edisi lain",
        "editions_count": Plural("id", (("other", "{n} edisi"),)),
        "email_online": "Baca edisi ini di situs",
        "email_footer": "Anda menerima email ini karena berlangganan {title}.",
        "sparkline_label": Plural("id", (("other", "Penyebutan {name} per bulan, {n} artikel"),)),
        "intel": "Sekilas",
        "first_mention": "Pertama disebut",
        "latest_mention": "Terakhir disebut",
        "co_mentions": "Sering disebut bersama",
        "top_sections": "Rubrik terbanyak",
        "top_publishers": "Sumber terbanyak",
        "trend": "Tren penyebutan per bulan",
        "trend_numbers": "Angka per bulan",
        "month": "Bulan",
        "mentions": "Artikel",
        "by_mentions": "Menurut jumlah artikel",
        "alphabetical": "Menurut abjad",
        "in_section": "{a} di {b}",
        "with_company": "{a} bersama {b}",
        "intersections": "Ikuti lebih rinci",
    },
    "en": {
        "home": "Home",
        "latest": "Latest news",
        "tags": "Tags",
        "companies": "Companies",
        "sections": "Sections",
        "archive": "Archive",
        "read_source": "Read the whole article at {source}",
        "video_watch": "Watch on {host}",
        "video_untitled": "{host} video",
        "source": "Source",
        "published": "Published",
        "updated": "Updated",
        "by": "By",
        "feed": "RSS feed",
        "subscribe": "Subscribe via RSS",
        "and_more": "and {n} more",
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
        "not_found": "Page not found",
        "not_found_text": "Sorry, the page you are looking for does not exist. Try the home page.",
        "skip": "Skip to content",
        "main_nav": "Main navigation",
        "footer_nav": "About this site",
        "in_this_article": "Topics of this article",
        "months": "Months",
        "years": "Years",
        "empty": "No articles yet.",
        "search": "Search",
        "search_label": "Search articles",
        "search_noscript": "Search needs JavaScript. Browse the archive by year:",
        "search_none": "No articles match “{q}”.",
        "search_found": Plural("en", (("one", "{n} article matches “{q}”."), ("other", "{n} articles match “{q}”."))),
        "search_more": "Show {n} more",
        "breadcrumb": "Breadcrumb",
        "related": "Related reading",
        "newer_article": "Newer article",
        "older_article": "Older article",
        "around": "Previous and next articles",
        "reading_time": "{n} min read",
        "section_nav": "Sections",
        "archive_intro": "Every article by year and month.",
        "archive_description": Plural("en", (("one", "{n} article from {name} on {site}."), ("other", "{n} articles from {name} on {site}."))),
        "tag_description": Plural("en", (("one", "{n} article tagged {name} on {site}."), ("other", "{n} articles tagged {name} on {site}."))),
        "section_description": Plural("en", (("one", "{n} article in the {name} section on {site}."), ("other", "{n} articles in the {name} section on {site}."))),
        "company_description": Plural("en", (("one", "{n} article about {name} on {site}."), ("other", "{n} articles about {name} on {site}."))),
        "terms_description": "All {what} on {site}, each with its number of articles.",
        # a list page's name inside a sentence ({what} of terms_description): its heading is capitalised
        "tags_in_text": "tags",
        "companies_in_text": "companies",
        "sections_in_text": "sections",
        "sources_in_text": "publishers",
        "weekly_in_text": "weekly editions",
        "edition_description": Plural("en", (("one", "Edition #{number} of {site}: {n} article from the week of {days}."),
                                             ("other", "Edition #{number} of {site}: {n} articles from the week of {days}."))),
        "lead": "Top story",
        # issue 11 (publishers, editions, company intelligence)
        "sources": "Publishers",
        "publisher_title": "Publisher: {name}",
        "publisher_site": "Website",
        "all_from": "Everything from {name} ({n})",
        "weekly": "Weekly editions",
        "edition_number": "Edition #{n}",
        "edition_in_progress": "This edition is in progress: the week has not ended, and more news may be added.",
        "edition_other": "Other news",
        "edition_email": "Email version",
        "edition_older": "« Previous edition",
        "edition_newer": "Next edition »",
        "edition_nav": "Other editions",
        "editions_count": Plural("en", (("one", "{n} edition"), ("other", "{n} editions"))),
        "email_online": "Read this edition on the site",
        "email_footer": "You receive this email because you subscribed to {title}.",
        "sparkline_label": Plural("en", (("one", "Mentions of {name} per month, {n} article"), ("other", "Mentions of {name} per month, {n} articles"))),
        "intel": "At a glance",
        "first_mention": "First mentioned",
        "latest_mention": "Latest mention",
        "co_mentions": "Often mentioned with",
        "top_sections": "Top sections",
        "top_publishers": "Top publishers",
        "trend": "Mentions per month",
        "trend_numbers": "Numbers per month",
        "month": "Month",
        "mentions": "Articles",
        "by_mentions": "By number of articles",
        "alphabetical": "Alphabetical",
        "in_section": "{a} in {b}",
        "with_company": "{a} with {b}",
        "intersections": "Follow more closely",
    },
}


def long_date(value: datetime, language: str) -> str:
    """'13 Juni 2025' / 'June 13, 2025'."""
    return _long_date(value.date(), language)


@lru_cache(maxsize=4096)
def _long_date(day: date, language: str) -> str:
    """Babel is slow and a digest has many articles a day: each day is formatted once."""
    return format_date(day, format="long", locale=language)


def date_range(start: date, end: date, language: str) -> str:
    """Two days as one says them, the shared month and year once: '9–15 Juni 2025', '30 Juni – 6 Juli 2025',
    '29 Desember 2025 – 4 Januari 2026' ('June 9–15, 2025' in English)."""
    if (start.year, start.month) == (end.year, end.month):
        if language == "en":
            return f"{format_date(start, 'MMMM d', locale=language)}–{end.day}, {end.year}"
        return f"{start.day}–{format_date(end, 'd MMMM y', locale=language)}"
    if start.year == end.year:
        first = format_date(start, "MMMM d" if language == "en" else "d MMMM", locale=language)
        return f"{first} – {format_date(end, 'long', locale=language)}"
    return f"{format_date(start, 'long', locale=language)} – {format_date(end, 'long', locale=language)}"


@lru_cache(maxsize=1024)
def month_name(year: int, month: int, language: str) -> str:
    """'Juni 2025' / 'June 2025'. Remembered, as ``_long_date``: a tag page's table of months asks Babel for the
    same few months again on every page, a tenth of a list page's instructions."""
    return format_date(datetime(year, month, 1), format="MMMM y", locale=language)


_RIGHT_TO_LEFT = LazyPattern("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefe\U00010800-\U00010fff\U0001e800-\U0001efff]")
"""A letter of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko and their blocks)."""
_ISOLATED = LazyPattern("[\u2066-\u2068][^\u2066-\u2069]*\u2069")
"""An isolated part: after LEFT-TO-RIGHT, RIGHT-TO-LEFT or FIRST STRONG ISOLATE, up to its POP DIRECTIONAL ISOLATE."""
FSI, PDI, RLI = "\u2068", "\u2069", "\u2067"


def isolate(text: str, lang: str = "") -> str:
    """``text`` between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE when it holds right-to-left letters
    outside the isolates it has already; as it is otherwise, so a Latin-only site's bytes stay the same.

    For a part of a plain-text string joined with others ('Tag: ' + isolate('ذكاء AI'), isolate(headline) + ' ·
    Kabar AI'): plain text has no ``<bdi>``, and without the isolates an Arabic name's Latin word, or the site's
    name, ran into the Arabic and read out of order. (HTML shows such a string with ``bdi_text``: its isolates
    as ``<bdi>``.)

    ``lang``: the language ``text`` is written in when it is not the site's (a weekly note's title, its ``lang:``):
    then it is always isolated, so that ``bdi_text`` finds the part to say it on, and between RIGHT-TO-LEFT ISOLATE
    and POP DIRECTIONAL ISOLATE for a right-to-left language, whose text is laid out from the right even when it
    begins with a Latin name ('GPT-5 من OpenAI', which the first strong letter laid out left to right)."""
    if lang:
        return f"{RLI if right_to_left_tag(lang) else FSI}{text}{PDI}"
    if text.isascii() or not right_to_left(_ISOLATED.sub("", text) if PDI in text else text):
        return text
    return f"{FSI}{text}{PDI}"


def right_to_left(text: str) -> bool:
    """Whether ``text`` holds a letter of a right-to-left script."""
    return not text.isascii() and _RIGHT_TO_LEFT.search(text) is not None


_TAG = LazyPattern(r"([a-z]{2,3})(?:-([a-z]{4}))?(?:-([a-z]{2}|[0-9]{3}))?((?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*)")
"""A BCP 47 tag as an article's ``lang:`` takes it: language, then a script, a region and variants if any
('en', 'zh-Hans', 'pt-BR', 'sr-Latn-RS'), read in lower case (a tag's case means nothing)."""
_RIGHT_TO_LEFT_SCRIPTS = frozenset({"Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg", "Mand", "Samr", "Mend",
                                    "Yezi", "Aran"})
"""CLDR's scripts written right to left that a language's likely script can be."""


_WITHDRAWN = {"sh": ("hr", "bs", "sr")}
"""A code ISO 639-1 withdrew (in 2000) that CLDR still names → the codes of the languages it was written for:
'sh', Serbo-Croatian, is now Croatian, Bosnian or Serbian. The other withdrawn codes ('in', 'iw', 'ji', 'jw', 'mo')
CLDR names not, and its aliases give the one code each means (``unaliased``); 'tl' and 'tw' are current codes."""


def withdrawn_code(written: str) -> str:
    """What to write for a withdrawn code ("'sh' is Serbo-Croatian, a code ISO 639-1 withdrew in 2000; write the
    language it is in: hr (Croatian), bs (Bosnian) or sr (Serbian; sr-Latn in Latin letters)", a region kept:
    'sh-BA' → 'hr-BA' … 'sr-BA' (…; sr-Latn-BA …)), or '' when ``written`` is no such code."""
    language, _, rest = written.strip().lower().replace("_", "-").partition("-")
    names = Locale("en").languages
    meant = [(tag, names[code]) for code in _WITHDRAWN.get(language, ())
             if (tag := language_tag(f"{code}-{rest}" if rest else code)) is not None]
    if not meant:
        return ""
    latin = language_tag(f"sr-latn-{rest}" if rest else "sr-latn")  # None when rest names a script already
    said = [f"{tag} ({name}{f'; {latin} in Latin letters' if latin and tag.partition('-')[0] == 'sr' else ''})"
            for tag, name in meant]
    return f"{quoted(written.strip())} is {names[language]}, a code ISO 639-1 withdrew in 2000; write the language it is " \
           f"in: {', '.join(said[:-1])} or {said[-1]}"


@lru_cache(maxsize=None)
def language_tag(written: str) -> str | None:
    """``written`` as a BCP 47 tag in its usual case ('EN-us' → 'en-US', 'zh-hans' → 'zh-Hans'), or None when it
    is none or names a language, script or region CLDR does not know ('english', 'en_US', 'xx') or one whose code
    ISO 639-1 withdrew ('sh': ``withdrawn_code``)."""
    found = _TAG.fullmatch(written.strip().lower())
    names = Locale("en")
    if found is None or found[1] not in names.languages or found[1] in _WITHDRAWN:
        return None
    language, script, region, variants = found.groups()
    if script and script.title() not in names.scripts or region and region.upper() not in names.territories:
        return None
    return "-".join(part for part in (language, script and script.title(), region and region.upper()) if part) \
        + variants


def unaliased(written: str) -> str | None:
    """``written`` with a deprecated language code replaced as CLDR's aliases say, as a tag in its usual case ('in' →
    'id', 'iw-IL' → 'he-IL', 'ji' → 'yi', 'sh' → 'sr-Latn', 'eng' → 'en': codes Java and Android still write), or
    None when its language is no such code or the tag so made is none."""
    from babel.core import get_global
    language, _, rest = written.strip().lower().replace("_", "-").partition("-")
    alias = get_global("language_aliases").get(language)
    return None if alias is None else language_tag("-".join(part for part in (alias.replace("_", "-"), rest) if part))


@lru_cache(maxsize=None)
def tag_hint(written: str) -> str:
    """The tag ``written`` most likely means ('english' → 'en', 'EN_us' → 'en-US', 'Bahasa Arab' → 'ar'), or '' (also
    for a withdrawn code, 'sh', which meant several: CLDR's 'sr-Latn' would be a guess)."""
    text = " ".join(written.lower().replace("_", "-").split())
    if text.partition("-")[0] in _WITHDRAWN:
        return ""
    if (tag := language_tag(text) or unaliased(text)) is not None:
        return tag
    for ui in ("en", "id"):  # the language's name in English or in Indonesian
        names = {name.lower(): code for code, name in Locale(ui).languages.items() if "_" not in code}
        for candidate in (text, text.removeprefix("bahasa ")):
            if candidate in names:
                return names[candidate]
    return ""


@lru_cache(maxsize=None)
def right_to_left_tag(tag: str) -> bool:
    """Whether text in the language ``tag`` names is written right to left: by its script, or the likely one for
    its language in its region, else for its language (CLDR's: 'ar' → Arab, 'pa' → Guru but 'pa-PK' → Arab,
    'sd' → Arab but 'sd-IN' → Deva)."""
    found = _TAG.fullmatch(tag.lower())
    if found is None:
        return False
    language, script, region, _ = found.groups()
    if script is None:
        from babel.core import get_global
        likely_subtags = get_global("likely_subtags")
        likely = (region and likely_subtags.get(f"{language}_{region.upper()}")
                  or likely_subtags.get(language, "")).split("_")
        script = likely[1] if len(likely) > 1 else ""
    return script.title() in _RIGHT_TO_LEFT_SCRIPTS


@lru_cache(maxsize=None)
def og_locale(tag: str) -> str:
    """Open Graph's ``og:locale`` for the language ``tag`` names, ``language_TERRITORY`` as it wants ('en' →
    'en_US', 'pt-BR' → 'pt_BR', 'zh-Hant' → 'zh_TW', 'ar' → 'ar_EG'): the tag's own region, else CLDR's likely
    one for its language and script."""
    from babel.core import get_global
    language, *rest = tag.split("-")
    region = next((p for p in rest if len(p) == 2 and p.isalpha()), "")
    if not region:
        likely = get_global("likely_subtags")
        script = next((p for p in rest if len(p) == 4 and p.isalpha()), "")
        found = likely.get(f"{language}_{script}" if script else language) or likely.get(language, "")
        region = next((p for p in found.split("_")[1:] if len(p) == 2 and p.isalpha()), "")
    return f"{language}_{region}" if region else language
