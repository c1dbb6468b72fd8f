"""Every file the site will have, what each depends on, and how to render it.

``plan_site`` asks every page kind (listed once, in ``PAGE_KINDS``) for its page specs and
gives each a fingerprint: a hash of the spec's exact context (``hashing.canonical``) and of
``base`` (templates, config, generator version). An incremental build re-renders only the
specs whose fingerprint changed. ``Renderer`` turns a spec into bytes with the same context;
it runs in forked worker processes, which inherit the planned specs, so only indexes cross
process boundaries.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import partial
from typing import Callable, Mapping

import jinja2
from markupsafe import Markup

from generator.core import i18n, urls
from generator.load.config import Config
from generator.index.editions import finish_email, render_edition_feed
from generator.render.feeds import FORMATS, FeedItems, render_feed
from generator.core.hashing import Memo, canonical, digest
from generator.core.models import Article, Image, PageSpec
from generator.render.context import Imported, SiteEnvironment
from generator.render.helpers import Helpers
from generator.render.images import render_resized
from generator.load.registry import fold
from generator.index.taxonomy import term_slug
from generator.render.pages import Kinds, PageKind, archive_index_page, archive_pages, article_pages, edition_pages, feeds, home_pages, image_variants, info_pages, intersection_feeds, intersection_pages, not_found_page, publisher_feeds, publisher_index_pages, publisher_pages, search_page, term_index_pages, term_pages, weekly_feeds, weekly_index_pages

PAGE_RENDERS = ("html", "email")
"""Renders that make pages; "image" makes resized images; every other one makes a feed."""

PAGE_KINDS: tuple[PageKind, ...] = (home_pages, article_pages, term_index_pages, term_pages, intersection_pages,
                                    archive_index_page, archive_pages, publisher_index_pages, publisher_pages,
                                    weekly_index_pages, edition_pages, info_pages, search_page, not_found_page, feeds,
                                    intersection_feeds, publisher_feeds, weekly_feeds, image_variants)
"""Every page kind, in output order. A new kind of page is a function listed here (and a template)."""

RENDERERS: Mapping[str, Callable[..., bytes]] = {
    **{f"weekly-{fmt}": partial(render_edition_feed, fmt=fmt) for fmt in FORMATS},
    "image": render_resized,
}
"""Renderers of specs that are neither HTML pages nor list feeds, by ``PageSpec.render``; each is called as
f(config, **context). A list's feed (render "rss", "atom" or "json") is put together from the articles'
items, which the ``Renderer`` writes once per process."""


@dataclass(frozen=True)
class Planned:
    """A spec with the fingerprint of everything its bytes depend on."""

    spec: PageSpec
    fingerprint: str


def plan_site(kinds: Kinds, base: str) -> list[Planned]:
    """Every page and feed, in a fixed order; ``base`` fingerprints templates, config and version."""
    memo: Memo = {}
    planned = []
    for kind in PAGE_KINDS:
        for spec in kind(kinds):
            fp = digest(base, spec.path, spec.render, spec.template, canonical(spec.context, memo))
            planned.append(Planned(spec, fp))
    return planned


def section_path(name: str) -> str:
    """Path of the section page for a section name as an article writes it (the taxonomy's slug rule)."""
    return urls.term_path("sections", term_slug(fold(name)))


class Renderer:
    """Turns specs into bytes; one per process, holding the Jinja environment.

    Templates get the spec's context plus helpers that depend only on the config (which is
    part of every fingerprint): ``config``, ``t``, ``url``, ``abs_url``, ``long_date``,
    ``month_name``, ``item``, ``section_path``, the HTML helpers ``src``, ``abs_src``, ``ld``, ``when``
    and ``picture``, and ``m``: what ``_macros.html`` defines (the default one hands on those helpers).
    """

    def __init__(self, env: SiteEnvironment, config: Config) -> None:
        self.env, self.config = env, config
        self._items: dict[tuple[str, Image | None], Markup] = {}
        self.feed_items = FeedItems(config)
        long_date = partial(i18n.long_date, language=config.language)
        html = Helpers(config.base_path, config.base_url, long_date, env.policies["json.dumps_function"] or json.dumps,
                       env.policies["json.dumps_kwargs"])
        env.add_helpers(
            config=config, t=i18n.STRINGS[config.language], item=self.item,
            url=partial(urls.url, config.base_path), abs_url=partial(urls.absolute, config.base_url),
            long_date=long_date, month_name=partial(i18n.month_name, language=config.language),
            section_path=section_path, **html.globals(), m=Imported(env, "_macros.html"),
        )

    def item(self, article: Article, image: Image | None = None) -> Markup:
        """The article's entry in lists (``_item.html``, with its thumbnail), rendered once per process."""
        key = (article.key, image)
        html = self._items.get(key)
        if html is None:
            html = self._items[key] = Markup(self.env.get_template("_item.html").render(item=article, image=image))
        return html

    def __call__(self, spec: PageSpec) -> bytes:
        if spec.render == "html":
            return self.env.get_template(spec.template).render(spec.context).encode("utf-8")
        if spec.render == "email":  # CSS moved into style attributes: mail clients drop <style>
            html = self.env.get_template(spec.template).render(spec.context)
            return finish_email(html, urls.absolute(self.config.base_url, spec.path)).encode("utf-8")
        if spec.render in FORMATS:
            return render_feed(self.config, spec.render, items=self.feed_items, **spec.context)
        return RENDERERS[spec.render](self.config, **spec.context)
