"""Every page kind of the site: one small function each, returning page specs.

A page kind says which files it makes and hands each its exact context; it renders
nothing. The planner (``plan.py``) fingerprints that context for incremental builds and
the renderer gives the same context to the template, so a page's dependencies are stated
once, here.

Every template gets ``page`` (path, title, feeds) and its kind's names below, plus the
helpers that depend only on the config: ``config``, ``t`` (UI strings), ``url``,
``abs_url``, ``long_date``, ``month_name`` and ``item`` (an article's list entry).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Iterable, Mapping, Sequence

from . import i18n, urls
from .config import Config
from .models import Archive, ArchiveLink, Article, MenuLink, PageSpec, Site, Term, TermLink
from .registry import fold


@dataclass(frozen=True)
class Pager:
    """One page of a paginated list."""

    number: int
    total: int
    articles: tuple[Article, ...]
    first: str
    """Path of page 1; the other pages hang below it."""

    @property
    def path(self) -> str:
        return urls.page_path(self.first, self.number)

    @property
    def prev(self) -> str | None:
        return urls.page_path(self.first, self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return urls.page_path(self.first, self.number + 1) if self.number < self.total else None


@dataclass(frozen=True)
class Feed:
    """A feed link for <link rel="alternate">."""

    title: str
    path: str


@dataclass(frozen=True)
class Page:
    """What every template gets as ``page``."""

    path: str
    """This page's path, e.g. 'tags/ai/page/2/' ('' for the home page)."""
    title: str
    feeds: tuple[Feed, ...]
    """Feeds to advertise; the site's feed is always last."""


@dataclass(frozen=True)
class Kinds:
    """What page kinds read: the config, the indexed site and the UI strings."""

    config: Config
    site: Site
    t: Mapping[str, str]
    menu: tuple[MenuLink, ...] = ()
    """The footer menu, on every page."""

    @property
    def site_feed(self) -> Feed:
        return Feed(self.config.title, urls.feed_path(""))

    def page(self, path: str, template: str, title: str, feeds: Sequence[Feed] = (), **context: Any) -> PageSpec:
        """A spec for the HTML page at ``path``."""
        return PageSpec(urls.file_for(path), "html", template,
                        {"page": Page(path, title, (*feeds, self.site_feed)), "menu": self.menu, **context})

    def pagers(self, articles: Sequence[Article], first: str) -> Iterable[Pager]:
        """The pages of a paginated list: always at least one, even when empty."""
        size = self.config.page_size
        total = page_count(len(articles), size)
        for n in range(1, total + 1):
            yield Pager(n, total, tuple(articles[(n - 1) * size: n * size]), first)

    def page_title(self, title: str, pager: Pager) -> str:
        return title if pager.number == 1 else f"{title} · {self.t['page_of'].format(n=pager.number, total=pager.total)}"


PageKind = Callable[[Kinds], Iterable[PageSpec]]

TERM_TITLE = {"tags": "tag_title", "companies": "company_title", "sections": "section_title"}


def page_count(items: int, size: int) -> int:
    return max(1, -(-items // size))


def _terms(site: Site) -> tuple[tuple[str, tuple[Term, ...]], ...]:
    return (("tags", site.tags), ("companies", site.companies), ("sections", site.sections))


def link(term: Term) -> TermLink:
    return TermLink(term.kind, term.slug, term.name, len(term.articles), term.company)


def home_pages(k: Kinds) -> Iterable[PageSpec]:
    for p in k.pagers(k.site.articles, ""):
        title = k.config.title if p.number == 1 else k.page_title(k.t["latest"], p)
        yield k.page(p.path, "index.html", title, pager=p)


def article_pages(k: Kinds) -> Iterable[PageSpec]:
    """Each article with links to its tags and section (names and counts, not their lists)."""
    tags = {fold(term.name): link(term) for term in k.site.tags}
    sections = {fold(term.name): link(term) for term in k.site.sections}
    for article in k.site.articles:
        yield k.page(article.path, "article.html", article.title, article=article,
                     tag_links=tuple(tags[fold(tag)] for tag in article.tags),
                     section_link=sections.get(fold(article.section)))


def term_index_pages(k: Kinds) -> Iterable[PageSpec]:
    """/tags/, /companies/, /sections/: every term with its articles, so a theme may show any of them."""
    for kind, terms in _terms(k.site):
        yield k.page(f"{kind}/", "terms.html", k.t[kind], kind=kind, terms=terms)


def term_pages(k: Kinds) -> Iterable[PageSpec]:
    """Each term's paginated list; a page depends on the term's name and count and on the articles it lists."""
    for _, terms in _terms(k.site):
        for term in terms:
            title = k.t[TERM_TITLE[term.kind]].format(name=term.name)
            feed = Feed(f"{k.config.title}: {term.name}", urls.feed_path(term.path))
            for p in k.pagers(term.articles, term.path):
                yield k.page(p.path, "term.html", k.page_title(title, p), (feed,), term=link(term), pager=p)


def archive_pages(k: Kinds) -> Iterable[PageSpec]:
    """Years (with their months and counts) and months, paginated."""
    months_of: dict[int, list[ArchiveLink]] = {}
    for m in k.site.months:
        months_of.setdefault(m.year, []).append(ArchiveLink(m.year, m.month, len(m.articles)))
    archive: Archive
    for archive in (*k.site.years, *k.site.months):
        title = (str(archive.year) if archive.month is None
                 else i18n.month_name(archive.year, archive.month, k.config.language))
        months = tuple(months_of.get(archive.year, ())) if archive.month is None else ()
        here = ArchiveLink(archive.year, archive.month, len(archive.articles))
        for p in k.pagers(archive.articles, archive.path):
            yield k.page(p.path, "archive.html", k.page_title(title, p), archive=here, months=months, pager=p)


def info_pages(k: Kinds) -> Iterable[PageSpec]:
    """Pages that are not news (content/pages/): /about/ and the like."""
    for info in k.site.pages:
        yield k.page(info.path, "page.html", info.title, info_page=info)


def not_found_page(k: Kinds) -> Iterable[PageSpec]:
    yield k.page("404.html", "404.html", k.t["not_found"])


def feeds(k: Kinds) -> Iterable[PageSpec]:
    """The site's feed and one per tag, company and section: the newest ``feed_size`` articles, in full."""
    size = k.config.feed_size
    yield PageSpec(urls.feed_path(""), "rss", "",
                   {"title": k.config.title, "page_path": "", "articles": k.site.articles[:size]})
    for _, terms in _terms(k.site):
        for term in terms:
            yield PageSpec(urls.feed_path(term.path), "rss", "", {
                "title": f"{k.config.title}: {term.name}", "page_path": term.path, "articles": term.articles[:size]})

