"""The feed writers as they were before feeds were put together from written items: RSS through
feedgen, Atom and JSON Feed through lxml and one ``json.dumps`` per feed. Kept only as a test oracle:
``test_feed_items.py`` checks that today's feeds are byte-identical to what these wrote."""
from __future__ import annotations

import json
import re
from datetime import datetime
from html import escape

from feedgen.feed import FeedGenerator
from lxml import etree

from generator.core import urls
from generator.load.config import Config
from generator.render.feeds import _EPOCH, _MEDIA, JSON_FEED_VERSION, FeedDoc, xml_clean

_ATOM = "http://www.w3.org/2005/Atom"


def _rss_title(title: str) -> str:
    """A title for RSS, whose readers take a title with a tag in it as HTML: such a title is escaped once more."""
    title = xml_clean(title)
    return escape(title, quote=False) if re.search(r"<[A-Za-z/!?]", title) else title
_JSON_ESCAPES = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def _updated(doc: FeedDoc) -> datetime:
    return max((i.updated or i.date for i in doc.items), default=_EPOCH)


def _rss_generator(config: Config, doc: FeedDoc) -> FeedGenerator:
    """A feedgen RSS channel with the items added, oldest added first (feedgen prepends)."""
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.load_extension("media", atom=False, rss=True)
    page_url = urls.absolute(config.base_url, doc.page_path)
    fg.title(_rss_title(doc.title))
    fg.link(href=urls.absolute(config.base_url, urls.feed_path(doc.page_path)), rel="self")
    fg.link(href=page_url, rel="alternate")  # the last alternate link is RSS's <link>
    fg.description(xml_clean(escape(doc.description)))  # readers show <description> as HTML
    fg.language(config.language)
    fg.generator("news-digest")
    fg.docs("https://www.rssboard.org/rss-specification")
    if doc.items:
        fg.lastBuildDate(_updated(doc))
        fg.pubDate(max(i.date for i in doc.items))
    if doc.icon:
        fg.image(url=doc.icon, title=_rss_title(doc.title), link=page_url)
    for item in reversed(doc.items):
        fe = fg.add_entry()
        fe.title(_rss_title(item.title))
        fe.link(href=item.url)
        fe.guid(item.url, permalink=True)
        fe.pubDate(item.date)
        fe.description(xml_clean(escape(item.summary or item.title)))  # plain text, so escape it
        if config.feed_content == "full":
            fe.content(xml_clean(item.content_html), type="CDATA")
        if item.categories:  # one call: feedgen rebuilds its whole category list on every call, quadratic if called per name
            fe.category([{"term": xml_clean(cat.name), "scheme": urls.absolute(config.base_url, f"{cat.kind}/")}
                         for cat in item.categories])
        if item.author:
            fe.dc.dc_creator(xml_clean(item.author))
        if item.external_url:
            fe.source(url=item.external_url, title=xml_clean(item.source_name))
        if item.image:
            fe.media.content(url=item.image, medium="image", group=None)
    return fg


def render_rss(config: Config, doc: FeedDoc) -> bytes:
    """RSS 2.0, with ``<atom:link rel="hub">`` when a WebSub hub is set (feedgen writes only 'self')."""
    data: bytes = _rss_generator(config, doc).rss_str(pretty=True)
    if not config.websub_hub:
        return data
    root = etree.fromstring(data, etree.XMLParser(strip_cdata=False, resolve_entities=False, no_network=True))
    self_link = root.find(f"channel/{{{_ATOM}}}link")
    self_link.addnext(etree.Element(f"{{{_ATOM}}}link", href=config.websub_hub, rel="hub"))
    etree.indent(root, space="  ")
    return etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, f"{{{_ATOM}}}{tag}", attrs)
    if text is not None:
        element.text = xml_clean(text)
    return element


def render_atom(config: Config, doc: FeedDoc) -> bytes:
    """Atom 1.0 (RFC 4287), written directly: feedgen 1.0 drops the ``rel`` of entry links, and
    each entry needs ``rel="related"`` for its source next to its own ``rel="alternate"``."""
    feed = etree.Element(f"{{{_ATOM}}}feed", nsmap={None: _ATOM, "media": _MEDIA})
    feed.set("{http://www.w3.org/XML/1998/namespace}lang", config.language)
    page_url = urls.absolute(config.base_url, doc.page_path)
    _sub(feed, "id", page_url)
    _sub(feed, "title", doc.title)
    _sub(feed, "subtitle", doc.description)
    _sub(feed, "updated", _updated(doc).isoformat())
    _sub(_sub(feed, "author"), "name", config.title)
    _sub(feed, "link", href=urls.absolute(config.base_url, urls.atom_path(doc.page_path)), rel="self",
         type="application/atom+xml")
    _sub(feed, "link", href=page_url, rel="alternate", type="text/html")
    if config.websub_hub:
        _sub(feed, "link", href=config.websub_hub, rel="hub")
    _sub(feed, "generator", "news-digest")
    if doc.icon:
        _sub(feed, "icon", doc.icon)
        _sub(feed, "logo", doc.icon)
    for item in doc.items:
        entry = _sub(feed, "entry")
        _sub(entry, "id", item.url)
        _sub(entry, "title", item.title)
        _sub(entry, "published", item.date.isoformat())
        _sub(entry, "updated", (item.updated or item.date).isoformat())
        if item.author:
            _sub(_sub(entry, "author"), "name", item.author)
        _sub(entry, "link", href=item.url, rel="alternate", type="text/html")
        if item.external_url:
            related = {"title": xml_clean(item.source_name)} if item.source_name else {}
            _sub(entry, "link", href=item.external_url, rel="related", type="text/html", **related)
        for cat in item.categories:
            _sub(entry, "category", term=xml_clean(cat.name), label=xml_clean(cat.name),
                 scheme=urls.absolute(config.base_url, f"{cat.kind}/"))
        if item.summary:
            _sub(entry, "summary", item.summary, type="text")
        _sub(entry, "content", item.content_html, type="html")
        if item.image:
            etree.SubElement(entry, f"{{{_MEDIA}}}content", url=item.image, medium="image")
    etree.indent(feed, space="  ")
    return etree.tostring(feed, encoding="UTF-8", xml_declaration=True, pretty_print=True)


def _json_date(value: datetime) -> str:
    return value.isoformat()


def render_json_feed(config: Config, doc: FeedDoc) -> bytes:
    """JSON Feed 1.1, keys in a fixed order so that the bytes never change between runs."""
    feed: dict[str, object] = {
        "version": JSON_FEED_VERSION,
        "title": doc.title,
        "home_page_url": urls.absolute(config.base_url, doc.page_path),
        "feed_url": urls.absolute(config.base_url, urls.json_feed_path(doc.page_path)),
        "description": doc.description,
        "language": config.language,
        "authors": [{"name": config.title, "url": config.base_url}],
    }
    if doc.icon:
        feed["icon"] = feed["favicon"] = doc.icon
    if config.websub_hub:
        feed["hubs"] = [{"type": "WebSub", "url": config.websub_hub}]
    items = []
    for item in doc.items:
        entry: dict[str, object] = {"id": item.url, "url": item.url}
        if item.external_url:
            entry["external_url"] = item.external_url
        entry["title"] = item.title
        entry["content_html"] = item.content_html
        if item.summary:
            entry["summary"] = item.summary
        if item.image:
            entry["image"] = item.image
        entry["date_published"] = _json_date(item.date)
        entry["date_modified"] = _json_date(item.updated or item.date)
        if item.author:
            entry["authors"] = [{"name": item.author}]
        tags = [c.name for c in item.categories if c.kind in ("tags", "companies")]
        if tags:
            entry["tags"] = tags
        items.append(entry)
    feed["items"] = items
    text = json.dumps(feed, ensure_ascii=False, indent=2) + "\n"
    # '<', '>' and '&' as \u escapes (the same strings to a JSON parser, as Go's encoding/json does), so a
    # title like '<script>' never appears as markup if a browser sniffs the file as HTML
    return text.translate(_JSON_ESCAPES).encode("utf-8")


OLD_FORMATS = {"rss": render_rss, "atom": render_atom, "json": render_json_feed}
