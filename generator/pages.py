"""One small method per page kind, each rendering one page to HTML.

Templates get the same few names everywhere: ``site`` (the indexed Site), ``config``,
``t`` (UI strings), ``page`` (this page's path, title and feeds) and the helpers
``url``, ``abs_url``, ``long_date``, ``month_name`` and ``item`` (an article's list
entry, rendered once from ``_item.html`` and reused on every list it appears in).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from typing import Any, Sequence

import jinja2
from markupsafe import Markup

from . import i18n, urls
from .config import Config
from .models import Archive, Article, Site, Term, TermKind
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


def page_count(items: int, size: int) -> int:
    return max(1, -(-items // size))


def pager(articles: Sequence[Article], first: str, size: int, number: int) -> Pager:
    return Pager(number, page_count(len(articles), size), tuple(articles[(number - 1) * size: number * size]), first)


@dataclass(frozen=True)
class Feed:
    """A feed link for <link rel="alternate">."""

    title: str
    path: str

    @property
    def formats(self) -> tuple[tuple[str, str], ...]:
        """(MIME type, path) of this feed in every format: RSS, Atom, JSON Feed."""
        first = self.path.removesuffix("feed.xml")
        return tuple((mime, rule(first)) for _, mime, rule in urls.FEED_FORMATS)


TERM_TITLE = {"tags": "tag_title", "companies": "company_title", "sections": "section_title"}


class Pages:
    """Renders every page kind with one Jinja environment and one set of globals."""

    def __init__(self, env: jinja2.Environment, config: Config, site: Site) -> None:
        self.env, self.config, self.site = env, config, site
        self.t = i18n.STRINGS[config.language]
        self.site_feed = Feed(config.title, urls.feed_path(""))
        self.tag_terms = {fold(term.name): term for term in site.tags}
        self.section_terms = {fold(term.name): term for term in site.sections}
        self._items: dict[str, Markup] = {}
        env.globals.update(
            site=site, config=config, t=self.t, item=self.item,
            url=partial(urls.url, config.base_path), abs_url=partial(urls.absolute, config.base_url),
            long_date=partial(i18n.long_date, language=config.language),
            month_name=partial(i18n.month_name, language=config.language),
        )

    def item(self, article: Article) -> Markup:
        """The article's entry in lists, rendered once per process."""
        html = self._items.get(article.key)
        if html is None:
            html = self._items[article.key] = Markup(self.env.get_template("_item.html").render(item=article))
        return html

    def _render(self, template: str, path: str, title: str, feeds: Sequence[Feed] = (), **context: Any) -> str:
        page = {"path": path, "title": title, "feeds": (*feeds, self.site_feed)}
        return self.env.get_template(template).render(page=page, **context)

    def home(self, number: int) -> str:
        p = pager(self.site.articles, "", self.config.page_size, number)
        title = self.config.title if number == 1 else f"{self.t['latest']} · {self.t['page_of'].format(n=number, total=p.total)}"
        return self._render("index.html", p.path, title, pager=p)

    def article(self, article: Article) -> str:
        tag_links = [self.tag_terms[fold(tag)] for tag in article.tags]
        section = self.section_terms.get(fold(article.section))
        return self._render("article.html", article.path, article.title, article=article, tag_links=tag_links,
                            section_slug=section.slug if section else "")

    def term_index(self, kind: TermKind, terms: Sequence[Term]) -> str:
        return self._render("terms.html", f"{kind}/", self.t[kind], kind=kind, terms=terms)

    def term(self, term: Term, number: int) -> str:
        title = self.t[TERM_TITLE[term.kind]].format(name=term.name)
        feed = Feed(f"{self.config.title}: {term.name}", urls.feed_path(term.path))
        p = pager(term.articles, term.path, self.config.page_size, number)
        return self._render("term.html", p.path, title, (feed,), term=term, pager=p)

    def archive(self, archive: Archive, number: int) -> str:
        title = (str(archive.year) if archive.month is None
                 else i18n.month_name(archive.year, archive.month, self.config.language))
        months = tuple(m for m in self.site.months if m.year == archive.year) if archive.month is None else ()
        p = pager(archive.articles, archive.path, self.config.page_size, number)
        return self._render("archive.html", p.path, title, archive=archive, months=months, pager=p)

    def not_found(self) -> str:
        return self._render("404.html", "404.html", self.t["not_found"])
