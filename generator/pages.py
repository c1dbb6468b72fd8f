"""One small function per page kind; each returns (output path, HTML) pairs.

Templates get the same few names everywhere: ``site`` (the indexed Site), ``config``,
``t`` (UI strings), ``page`` (this page's path, title and feeds) and the helpers
``url``, ``abs_url``, ``long_date`` and ``month_name``.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any, Iterator, Sequence

import jinja2

from . import i18n, urls
from .config import Config
from .models import Archive, Article, Site, Term, TermKind
from .registry import fold

Rendered = tuple[str, str]
"""(output path, HTML)."""


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


def paginate(articles: Sequence[Article], first: str, size: int) -> Iterator[Pager]:
    total = max(1, -(-len(articles) // size))
    for n in range(1, total + 1):
        yield Pager(n, total, tuple(articles[(n - 1) * size: n * size]), first)


@dataclass(frozen=True)
class Feed:
    """A feed link for <link rel="alternate">."""

    title: str
    path: str


class Pages:
    """Renders every page kind with one Jinja environment and one set of globals."""

    def __init__(self, env: jinja2.Environment, config: Config, site: Site) -> None:
        self.env, self.config, self.site = env, config, site
        self.t = i18n.STRINGS[config.language]
        self.site_feed = Feed(config.title, urls.feed_path(""))
        self.tag_terms = {fold(term.name): term for term in site.tags}
        self.section_terms = {fold(term.name): term for term in site.sections}
        env.globals.update(
            site=site, config=config, t=self.t,
            url=partial(urls.url, config.base_path), abs_url=partial(urls.absolute, config.base_url),
            long_date=partial(i18n.long_date, language=config.language),
            month_name=partial(i18n.month_name, language=config.language),
        )

    def _render(self, template: str, path: str, title: str, feeds: Sequence[Feed] = (), **context: Any) -> Rendered:
        page = {"path": path, "title": title, "feeds": (*feeds, self.site_feed) if feeds else (self.site_feed,)}
        return urls.file_for(path), self.env.get_template(template).render(page=page, **context)

    def home(self) -> Iterator[Rendered]:
        for pager in paginate(self.site.articles, "", self.config.page_size):
            title = self.config.title if pager.number == 1 else f"{self.t['latest']} · {self.t['page_of'].format(n=pager.number, total=pager.total)}"
            yield self._render("index.html", pager.path, title, pager=pager)

    def article(self, article: Article) -> Rendered:
        tag_links = [self.tag_terms[fold(tag)] for tag in article.tags]
        section = self.section_terms.get(fold(article.section))
        return self._render("article.html", article.path, article.title, article=article, tag_links=tag_links,
                            section_slug=section.slug if section else "")

    def term_index(self, kind: TermKind, terms: Sequence[Term]) -> Rendered:
        return self._render("terms.html", f"{kind}/", self.t[kind], kind=kind, terms=terms)

    def term(self, term: Term) -> Iterator[Rendered]:
        key = {"tags": "tag_title", "companies": "company_title", "sections": "section_title"}[term.kind]
        title = self.t[key].format(name=term.name)
        feed = Feed(f"{self.config.title}: {term.name}", urls.feed_path(term.path))
        for pager in paginate(term.articles, term.path, self.config.page_size):
            yield self._render("term.html", pager.path, title, (feed,), term=term, pager=pager)

    def archive(self, archive: Archive) -> Iterator[Rendered]:
        title = (str(archive.year) if archive.month is None
                 else i18n.month_name(archive.year, archive.month, self.config.language))
        months = tuple(m for m in self.site.months if m.year == archive.year) if archive.month is None else ()
        for pager in paginate(archive.articles, archive.path, self.config.page_size):
            yield self._render("archive.html", pager.path, title, archive=archive, months=months, pager=pager)

    def not_found(self) -> Rendered:
        return self._render("404.html", "404.html", self.t["not_found"])


def render_pages(env: jinja2.Environment, config: Config, site: Site) -> Iterator[Rendered]:
    """Every HTML page of the site, in a fixed order."""
    pages = Pages(env, config, site)
    yield from pages.home()
    for article in site.articles:
        yield pages.article(article)
    for kind, terms in (("tags", site.tags), ("companies", site.companies), ("sections", site.sections)):
        yield pages.term_index(kind, terms)
        for term in terms:
            yield from pages.term(term)
    for archive in site.years + site.months:
        yield from pages.archive(archive)
    yield pages.not_found()
