"""The frozen data that moves between the pipeline's stages.

Everything here is immutable and picklable, so per-article work can run in worker
processes and be cached on disk.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Callable, Literal, Mapping

from generator.core.codec import shared
from generator.core.urls import archive_path, term_path

TermKind = Literal["tags", "companies", "sections"]


@dataclass(frozen=True)
class Source:
    """The original article a digest item summarises."""

    name: str
    """Publisher's name, e.g. 'Reuters'."""
    url: str
    """Link to the original (http or https)."""


@dataclass(frozen=True)
class Redirect:
    """An old address of an article (front matter ``redirects:``) that must keep working."""

    path: str
    """Old path relative to the site root, like the article's own: '2025/06/old-slug/'."""
    line: int
    """Front-matter line it was written on, for messages."""
    written: str = ""
    """The old address as written when it had a '//', '.' or '..' no reader's address has ('2025/06//'), and
    ``path`` is what it resolves to: planning refuses it, saying the fix, or at once why the fix is refused too
    ('' otherwise)."""
    typed: str = ""
    """The old address as written when ``path`` reads it otherwise than with a '/' at its end: percent-escapes
    ('tags/%70anduan/', whose ``path`` is 'tags/panduan/'), a leading '/'. Messages quote what the editor wrote
    ('' otherwise, and when ``written`` is set)."""


@shared  # decoded once per distinct row from the cache, as the registry gives each article the same entry
@dataclass(frozen=True)
class Company:
    """One entry of ``content/companies.yaml``, or a company the registry lacks."""

    id: str
    """Registry id, also the URL slug: /companies/<id>/."""
    name: str
    """Display name."""
    aliases: tuple[str, ...] = ()
    """Other spellings that resolve to this company (matched case-insensitively)."""
    url: str = ""
    """The company's own site, shown on its page; '' if unknown."""
    description: str = ""
    """A sentence or two shown on the company's page."""
    known: bool = True
    """False for a company named by an article but missing from the registry."""


@dataclass(frozen=True)
class Article:
    """One digest item, parsed, validated and rendered."""

    source_path: str
    """File it came from, relative to the project root (posix)."""
    key: str
    """Hash of the file's path and bytes and of the parse settings: equal keys, equal articles."""
    slug: str
    """Last URL segment: the front matter's ``slug`` or the file name's."""
    title: str
    date: datetime
    """Publication instant, in the site's time zone."""
    updated: datetime | None
    """Last significant change, in the site's time zone, if given."""
    summary: str
    """Plain-text summary: the front matter's, or else the body's first paragraph, cut (may be '')."""
    summary_from_body: bool
    """True when the summary was made from the body, so a page need not show it twice."""
    source: Source | None
    tags: tuple[str, ...]
    """Tag names as written, in front-matter order, without duplicates."""
    companies: tuple[Company, ...]
    """Companies resolved through the registry, in front-matter order, without duplicates."""
    section: str
    """Section (region) name as written, or ''."""
    author: str
    image: str
    """Image URL or site path, or ''."""
    image_alt: str
    """What the image shows, for readers who cannot see it (required with ``image``)."""
    image_caption: str
    image_credit: str
    """Who made the image, e.g. 'Foto: Antara'."""
    draft: bool
    body: bytes = field(compare=False)
    """The Markdown body rendered to safe HTML, as UTF-8: a str holding one character outside Latin-1
    takes two or four bytes a character, and the bodies are most of a big site's memory. b'' for an article
    a rebuild took from the cache (``body_from`` is set then): its body stays in the cache file until
    ``body_html``, which templates, feeds and checks use, asks for it. Not compared: ``key`` already tells
    two articles' bodies apart."""
    path: str
    """Output path of the article page, e.g. '2025/06/meta-scale-ai/'."""
    redirects: tuple[Redirect, ...] = ()
    """Old paths that redirect here (after a slug or date change)."""
    words: int = 0
    """Words in the body's text (what ``body_html | striptags | wordcount`` counts, a Chinese or Japanese character
    2/5 of a word: ``count_words``), for the reading time;
    counted once when the article is parsed rather than on every render."""
    body_images: tuple[str, ...] = ()
    """The address of each image in the body that names no scheme or host (a path on this site), as the HTML
    writes it, each once: the build warns of those that no file of the site gives (``images.missing_body_images``)."""
    body_media: tuple[tuple[str, str], ...] = ()
    """The address of each video or sound in the body (a ``<video>``'s, ``<audio>``'s, ``<source>``'s or
    ``<track>``'s, a video's poster) that names no scheme or host, as the HTML writes it, each once, with what it is
    as a message names it ('<video> poster', '<source> address'): the build warns of those that no file of the site
    gives (``images.missing_body_media``)."""
    body_file_links: tuple[str, ...] = ()
    """The address of each link in the body that names a Markdown file ('../05/meta.md', as Hugo's ``ref`` and
    Zola's ``@/`` take one), as the HTML writes it, each once: the build warns of each that no file of the site gives (a
    '.md' in static/ is one), with the page's address to write (``content.file_link_problems``)."""
    lang: str = ""
    """The language the article is written in, as its front matter's ``lang:`` gives it, a BCP 47 tag in its usual
    case ('en', 'zh-Hans', 'ar'); '' when it is the site's (config.yaml's ``language``), as for most articles."""
    body_from: Callable[[Article], bytes] | None = field(default=None, compare=False, repr=False,
                                                           metadata={"cached": False})
    """Where ``body_html`` reads the body of an article taken from the cache (``incremental.CachedBodies``);
    None when ``body`` holds it. Not data, so never in the cache (``codec`` leaves it out)."""

    @property
    def body_html(self) -> str:
        """The Markdown body rendered to safe HTML (what templates and feeds show); read from the build cache
        for an article taken from it."""
        return (self.body_from(self) if self.body_from is not None else self.body).decode("utf-8")

    def __fingerprint__(self) -> str:
        """What a page that shows this article depends on: its key hashes the file and the parse settings."""
        return self.key


@dataclass(frozen=True)
class InfoPage:
    """A page that is not news (about, contact, editorial policy), from ``content/pages/``."""

    source_path: str
    slug: str
    """Its URL is /<slug>/."""
    title: str
    summary: str
    """For the meta description; may be ''."""
    draft: bool
    body_html: str
    redirects: tuple[Redirect, ...] = ()
    """Its old addresses, as an article's (``redirects.py``): a page renamed keeps its shared links."""
    lang: str = ""
    """The language the page is written in (front matter ``lang:``), as ``Article.lang``: '' for the site's."""

    @property
    def path(self) -> str:
        return f"{self.slug}/"


@dataclass(frozen=True)
class MenuLink:
    """One entry of the footer menu (``menu`` in config.yaml)."""

    title: str
    path: str
    lang: str = ""
    """The language of ``title``: a page's ``lang:`` (``InfoPage.lang``); '' for the site's and for sections."""


@dataclass(frozen=True)
class Term:
    """A tag, company or section with its articles."""

    kind: TermKind
    slug: str
    name: str
    articles: tuple[Article, ...]
    """Newest first."""
    company: Company | None = None
    """Registry entry, for companies."""

    @property
    def path(self) -> str:
        return term_path(self.kind, self.slug)


@dataclass(frozen=True)
class TermLink:
    """A term as another page shows it (a link with a count), without its article list.

    An article page shows its tags this way, so it depends on each tag's name and count,
    not on every article that shares the tag.
    """

    kind: TermKind
    slug: str
    name: str
    count: int
    """How many published articles the term has."""
    company: Company | None = None

    @property
    def path(self) -> str:
        return term_path(self.kind, self.slug)


@dataclass(frozen=True)
class Archive:
    """A year or a month of articles."""

    year: int
    month: int | None
    articles: tuple[Article, ...]
    """Newest first."""

    @property
    def path(self) -> str:
        return archive_path(self.year, self.month)


@dataclass(frozen=True)
class Site:
    """Everything the renderers need, indexed and sorted."""

    articles: tuple[Article, ...]
    """Newest first; ties broken by slug."""
    tags: tuple[Term, ...]
    """Sorted by slug."""
    companies: tuple[Term, ...]
    sections: tuple[Term, ...]
    years: tuple[Archive, ...]
    """Newest first."""
    months: tuple[Archive, ...]
    """Newest first."""
    updated: datetime | None
    """Newest article's date (or updated date): the site's only notion of 'now'."""
    pages: tuple[InfoPage, ...] = ()
    """Pages that are not news, by slug."""


@dataclass(frozen=True)
class ArchiveLink:
    """A year or month as another page links to it, with its count."""

    year: int
    month: int | None
    count: int

    @property
    def path(self) -> str:
        return archive_path(self.year, self.month)


@dataclass(frozen=True)
class ArticleLink:
    """An article as another page links to it (related reading, previous/next): no body, no lists."""

    path: str
    title: str
    date: datetime
    lang: str = ""
    """The article's language (``Article.lang``), which its title is in; '' for the site's."""


@dataclass(frozen=True)
class Image:
    """An article's image as pages show it: sizes known for local files, so the layout does not shift."""

    src: str
    """Site path ('images/a.jpg') or http(s) URL."""
    alt: str
    caption: str = ""
    credit: str = ""
    width: int = 0
    """Pixels; 0 when unknown (a remote image, or a local file Pillow cannot read)."""
    height: int = 0
    srcset: tuple[tuple[str, int], ...] = ()
    """Smaller copies made at build time, as (site path, width), smallest first; the original is not listed."""

    @property
    def local(self) -> bool:
        return not self.src.startswith(("http://", "https://"))


@dataclass(frozen=True)
class PageSpec:
    """One output file, before rendering: everything its bytes depend on, stated once.

    Page kinds make specs; the planner fingerprints ``context`` exactly (see
    ``hashing.canonical``) together with the templates, config and generator version, and
    the renderer hands the same ``context`` to the template. So whatever a template can
    read is part of the fingerprint, and an incremental build cannot miss a change.
    """

    path: str
    """Output file, e.g. 'tags/ai/page/2/index.html' or 'tags/ai/feed.xml'."""
    render: str
    """How to make the bytes: 'html' (a Jinja template) or a renderer's name, e.g. 'rss'."""
    template: str
    """Template name for 'html', e.g. 'term.html'; '' for other renderers."""
    context: Mapping[str, Any]
    """The names the template (or renderer) gets, and nothing else."""


@dataclass(frozen=True)
class BuildOptions:
    """How this one build runs, beyond the config."""

    drafts: bool = False
    """Include articles with 'draft: true'."""
    future: bool = False
    """Include articles dated after ``now``."""
    now: datetime | None = None
    """The instant 'future' is measured from; the CLI reads the clock (or SOURCE_DATE_EPOCH)."""
    workers: int = 1
    """Processes for parsing and rendering; the output is the same for any number."""
    epoch: str = ""
    """SOURCE_DATE_EPOCH as set, when ``now`` came from it; '' otherwise. Messages about articles left out as future
    name it: one left from long ago (an old commit's time) is what leaves them out."""

    @property
    def pinned_now(self) -> str:
        """'1980-01-01, the date SOURCE_DATE_EPOCH=315532800 gives' when ``now`` came from it, for messages; ''."""
        if not self.epoch or self.now is None:
            return ""
        return f"{self.now.date().isoformat()}, the date SOURCE_DATE_EPOCH={self.epoch} gives"
