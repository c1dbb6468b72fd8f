"""Every file the site will have, what each depends on, and how to render it.

``plan_site`` lists the output as jobs without rendering anything. Each job carries a
fingerprint of exactly the inputs its bytes depend on (the articles it shows, by key;
its place in a pagination; the term it belongs to; the templates and the config), so an
incremental build re-renders only the jobs whose fingerprint changed. ``Renderer`` turns a
job into bytes; it runs in worker processes, so jobs name their data by index into the
site instead of carrying it.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

import jinja2

from . import urls
from .cache import fingerprint
from .config import Config
from .feeds import Names, item_categories, render_feed
from .models import Archive, Article, Site, Term
from .pages import Pages, page_count
from .registry import fold

FEED = "feed"


@dataclass(frozen=True)
class Job:
    """One output file to render."""

    path: str
    """Output file path, e.g. 'tags/ai/page/2/index.html'."""
    kind: str
    """What renders it: 'home', 'article', 'terms', 'term', 'archive', '404' or 'feed'."""
    ref: tuple[int | str, ...]
    """Which data: indexes into the Site's tuples, and a page number."""
    fingerprint: str
    """Hash of every input of this file's bytes."""


def _keys(articles: Sequence[Article]) -> str:
    return ",".join(a.key for a in articles)


def _cards(articles: Sequence[Article]) -> str:
    return ",".join(a.card_key for a in articles)


def _term_fp(term: Term) -> str:
    company = term.company
    return repr((term.kind, term.slug, term.name, len(term.articles), company))


def _lists(first: str, articles: Sequence[Article], size: int, base: str, kind: str, ref: tuple[int | str, ...],
           extra: str, shown_by: Callable[[Sequence[Article]], str]) -> list[Job]:
    """The pages of one paginated list."""
    total = page_count(len(articles), size)
    jobs = []
    for n in range(1, total + 1):
        shown = articles[(n - 1) * size: n * size]
        jobs.append(Job(urls.file_for(urls.page_path(first, n)), kind, (*ref, n),
                        fingerprint(base, kind, first, str(n), str(total), extra, shown_by(shown))))
    return jobs


def term_names(site: Site) -> Names:
    """Display names of tags and sections, by folded spelling, for feed categories."""
    return {(term.kind, fold(term.name)): term.name for term in (*site.tags, *site.sections)}


def _feed_jobs(config: Config, base: str, first: str, ref: tuple[int | str, ...], title: str,
               articles: Sequence[Article], names: Names, icon: str) -> list[Job]:
    """The feed of one list page in every format; each depends on its items and their category names."""
    items = articles[: config.feed_size]
    shown = _keys(items) + repr([item_categories(a, names) for a in items])
    return [Job(path(first), FEED, (*ref, fmt), fingerprint(base, FEED, fmt, first, title, icon, shown))
            for fmt, _, path in urls.FEED_FORMATS]


def plan_site(config: Config, site: Site, base: str, lists_use_body: bool = True, icon: str = "") -> list[Job]:
    """Every page and feed, in a fixed order; ``base`` fingerprints templates, config and version.

    List pages depend on their articles' cards (everything but the body) unless a list
    template shows bodies; feeds always carry bodies, so they depend on the whole article.
    """
    size = config.page_size
    shown = _keys if lists_use_body else _cards
    tag_slugs = {t.name.casefold(): t for t in site.tags}
    jobs = _lists("", site.articles, size, base, "home", (), "", shown)
    for i, a in enumerate(site.articles):
        topics = repr(([(t, tag_slugs[t.casefold()].slug, tag_slugs[t.casefold()].name)
                        for t in a.tags if t.casefold() in tag_slugs],
                       [(s.slug, s.name) for s in site.sections if s.name.casefold() == a.section.casefold()]))
        jobs.append(Job(urls.file_for(a.path), "article", (i,), fingerprint(base, "article", a.key, topics)))
    for kind, terms in (("tags", site.tags), ("companies", site.companies), ("sections", site.sections)):
        jobs.append(Job(urls.file_for(f"{kind}/"), "terms", (kind,),
                        fingerprint(base, "terms", kind, *(_term_fp(t) for t in terms))))
        for i, term in enumerate(terms):
            jobs += _lists(term.path, term.articles, size, base, "term", (kind, i), _term_fp(term), shown)
    for group, archives in (("years", site.years), ("months", site.months)):
        for i, archive in enumerate(archives):
            months = repr([(m.month, len(m.articles)) for m in site.months if m.year == archive.year]) \
                if archive.month is None else ""
            jobs += _lists(archive.path, archive.articles, size, base, "archive", (group, i), months, shown)
    jobs.append(Job("404.html", "404", (), fingerprint(base, "404")))
    names = term_names(site)
    jobs += _feed_jobs(config, base, "", ("", -1), config.title, site.articles, names, icon)
    for kind, terms in (("tags", site.tags), ("companies", site.companies), ("sections", site.sections)):
        for i, term in enumerate(terms):
            jobs += _feed_jobs(config, base, term.path, (kind, i), term.name, term.articles, names, icon)
    return jobs


class Renderer:
    """Turns jobs into bytes; one per process, holding the Jinja environment and the site."""

    def __init__(self, env: jinja2.Environment, config: Config, site: Site, icon: str = "") -> None:
        self.config, self.site, self.icon = config, site, icon
        self.names = term_names(site)
        self.pages = Pages(env, config, site)

    def _terms(self, kind: str) -> tuple[Term, ...]:
        return {"tags": self.site.tags, "companies": self.site.companies, "sections": self.site.sections}[kind]

    def _archive(self, group: str, i: int) -> Archive:
        return (self.site.years if group == "years" else self.site.months)[i]

    def __call__(self, job: Job) -> bytes:
        ref = job.ref
        if job.kind == FEED:
            kind, i, fmt = ref
            if kind == "":
                return render_feed(self.config, self.config.title, "", self.site.articles, self.names, self.icon,
                                   str(fmt))
            term = self._terms(str(kind))[int(i)]
            return render_feed(self.config, f"{self.config.title}: {term.name}", term.path, term.articles,
                               self.names, self.icon, str(fmt))
        pages = self.pages
        if job.kind == "home":
            html = pages.home(int(ref[0]))
        elif job.kind == "article":
            html = pages.article(self.site.articles[int(ref[0])])
        elif job.kind == "terms":
            html = pages.term_index(ref[0], self._terms(str(ref[0])))  # type: ignore[arg-type]
        elif job.kind == "term":
            html = pages.term(self._terms(str(ref[0]))[int(ref[1])], int(ref[2]))
        elif job.kind == "archive":
            html = pages.archive(self._archive(str(ref[0]), int(ref[1])), int(ref[2]))
        else:
            html = pages.not_found()
        return html.encode("utf-8")
