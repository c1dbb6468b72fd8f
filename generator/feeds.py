"""RSS 2.0 feeds through feedgen: one for the site, one per tag, company and section.

Every date is explicit (feedgen would otherwise stamp the build time), links are
absolute under ``base_url``, and items are newest first, capped at ``feed_size``.
"""
from __future__ import annotations

import re
from html import escape
from typing import Sequence

from feedgen.feed import FeedGenerator

from . import i18n, urls
from .config import Config
from .models import Article

_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_clean(text: str) -> str:
    """Drop the characters XML 1.0 forbids (most C0 controls, surrogates, U+FFFE/U+FFFF)."""
    return _XML_FORBIDDEN.sub("", text)


def _item_html(article: Article, config: Config) -> str:
    """Full content for readers: the body plus the source link, as on the page."""
    html = article.body_html
    if article.source:
        label = i18n.STRINGS[config.language]["read_source"].format(source=escape(article.source.name))
        html += f'<p><a href="{escape(article.source.url)}">{label}</a></p>\n'
    return html


def render_feed(config: Config, title: str, page_path: str, articles: Sequence[Article]) -> bytes:
    """One RSS 2.0 document for the list page at ``page_path``."""
    items = articles[: config.feed_size]
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.title(xml_clean(title))
    fg.link(href=urls.absolute(config.base_url, urls.feed_path(page_path)), rel="self")
    fg.link(href=urls.absolute(config.base_url, page_path), rel="alternate")  # last link is RSS's <link>
    fg.description(xml_clean(escape(config.description or title)))  # readers show <description> as HTML
    fg.language(config.language)
    fg.generator("news-digest")
    fg.docs("https://www.rssboard.org/rss-specification")
    if items:
        newest = max(a.updated or a.date for a in items)
        fg.lastBuildDate(newest)
        fg.pubDate(max(a.date for a in items))
    for article in reversed(items):  # feedgen prepends each entry, so add oldest first
        link = urls.absolute(config.base_url, article.path)
        fe = fg.add_entry()
        fe.title(xml_clean(article.title))
        fe.link(href=link)
        fe.guid(link, permalink=True)
        fe.pubDate(article.date)
        fe.description(xml_clean(escape(article.summary or article.title)))  # plain text, so escape it
        fe.content(xml_clean(_item_html(article, config)), type="CDATA")
        names = sorted({*article.tags, *(c.name for c in article.companies), *([article.section] if article.section else [])})
        if names:  # one call: feedgen rebuilds its whole category list on every call, quadratic if called per name
            fe.category([{"term": xml_clean(name)} for name in names])
        if article.author:
            fe.dc.dc_creator(xml_clean(article.author))
        if article.source:
            fe.source(url=article.source.url, title=xml_clean(article.source.name))
    return fg.rss_str(pretty=True)
