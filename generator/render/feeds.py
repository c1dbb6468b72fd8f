"""Every feed, in the formats ``feeds.formats`` names: RSS 2.0 (``feed.xml``), Atom 1.0 (``atom.xml``) and JSON Feed 1.1
(``feed.json``), each put together from a channel head, written items and a tail.

An article is in about five feeds, and its item is nearly all of the bytes it adds to each,
so an item is written once per format and process (``FeedItems``) and feeds are its bytes
joined. The text is escaped here the way libxml2 escapes it, and laid out the way lxml's
pretty printer and ``json.dumps(indent=2)`` lay it out, so the bytes are the ones feedgen,
lxml and ``json`` wrote before (``tests/feed_oracle.py`` keeps those writers to compare).
Every date is explicit, links are absolute under ``base_url``, and items are newest first,
capped at ``feed_size``.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timezone
from html import escape
from pathlib import Path
from typing import Callable, Mapping, Sequence


from generator.core import i18n, urls
from generator.load.config import Config
from generator.load.embeds import as_links
from generator.core.models import Article, Site, TermKind
from generator.core.timestamps import iso, rfc822
from generator.load.registry import fold
from generator.core.patterns import LazyPattern

_XML_FORBIDDEN = LazyPattern("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_ATOM = "http://www.w3.org/2005/Atom"
_MEDIA = "http://search.yahoo.com/mrss/"
"""Media RSS: ``<media:content medium="image">`` is where feed readers (Feedly, feedparser …)
look for an item's picture, in RSS and Atom alike; RSS's own ``<enclosure>`` needs the file's length in bytes."""
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
"""An empty feed's date: fixed, so that an empty site still builds byte-identical feeds."""
JSON_FEED_VERSION = "https://jsonfeed.org/version/1.1"
ICON = "icon.png"
"""The site icon: a static file of this name becomes every feed's channel image."""


def xml_clean(text: str) -> str:
    """Drop the characters XML 1.0 forbids (most C0 controls, surrogates, U+FFFE/U+FFFF)."""
    return _XML_FORBIDDEN.sub("", text)


@dataclass(frozen=True)
class Category:
    """One tag, company or section of an item; the taxonomy becomes RSS's ``domain``."""

    kind: TermKind
    name: str
    """Display name, as the term's page shows it."""


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed, whatever the format."""

    url: str
    """Absolute permalink; also the item's id/guid."""
    title: str
    date: datetime
    updated: datetime | None
    summary: str
    """Plain text (may be '')."""
    content_html: str
    """HTML: the whole item, or only the summary and source link, as ``feeds.content`` says."""
    summary_only: bool
    """``content_html`` is only the summary and source link (an article with ``feeds.content: summary``): RSS then
    leaves out ``content:encoded``, its description says the summary. A weekly edition is always whole."""
    categories: tuple[Category, ...]
    author: str = ""
    external_url: str = ""
    """The original the item summarises (JSON Feed ``external_url``, Atom ``rel="related"``)."""
    source_name: str = ""
    image: str = ""
    """Absolute image URL, or ''."""
    image_alt: str = ""
    image_credit: str = ""
    """The picture's description and credit ("Foto: Redaksi"), as Media RSS's description and credit."""
    lang: str = ""
    """The item's language when it is not the feed's (``Article.lang``): JSON Feed's item ``language``, the
    ``xml:lang`` of an RSS ``<item>`` and an Atom ``<entry>``; '' otherwise."""


@dataclass(frozen=True)
class FeedDoc:
    """A feed's channel: what it is about and its items, newest first."""

    title: str
    page_path: str
    """The list page the feed goes with ('' for the site); the feeds live under it."""
    description: str
    items: tuple[FeedItem, ...]
    icon: str = ""
    """Absolute URL of the site icon, or ''."""
    empty_updated: datetime | None = None
    """The feed's date while it has no item (else the newest item's); none given, a fixed one."""


Names = Mapping[tuple[str, str], str]
"""(kind, folded name) → display name, for tags and sections written in several spellings; ('companies', id) →
display name, for an unregistered company written in several ('Kata.ai', 'KATA.AI')."""


def term_names(site: Site) -> Names:
    """Display names of tags, sections and companies, as their pages give them, for feed categories."""
    names = {(term.kind, fold(term.name)): term.name for term in (*site.tags, *site.sections)}
    names.update({("companies", term.slug): term.name for term in site.companies})
    return names


def item_categories(article: Article, names: Names,
                    made: dict[tuple[str, str], Category] | None = None) -> tuple[Category, ...]:
    """Tags, sections and companies by the display names their pages give them; sorted, no duplicates.

    ``made`` keeps one ``Category`` per (kind, name) across calls: the planner makes the categories of
    12,000 articles at 10,000, and a frozen dataclass's constructor and hash are Python calls."""
    found = {("tags", names.get(("tags", fold(t)), t)) for t in article.tags}
    found.update([("companies", names.get(("companies", c.id), c.name)) for c in article.companies])
    if article.section:
        found.add(("sections", names.get(("sections", fold(article.section)), article.section)))
    one = {} if made is None else made
    return tuple([one.get(pair) or one.setdefault(pair, Category(*pair)) for pair in sorted(found)])


def _media(item: FeedItem, indent: str) -> str:
    """An item's picture in Media RSS (RSS and Atom alike), with its description and credit when it has them: a
    feed reader showed the picture without the credit the page gives it."""
    inner = "".join(f"{indent}  <media:{tag}>{_text(text)}</media:{tag}>\n"
                    for tag, text in (("description", item.image_alt), ("credit", item.image_credit)) if text)
    if not inner:
        return f'{indent}<media:content url="{_attr(item.image)}" medium="image"/>\n'
    return f'{indent}<media:content url="{_attr(item.image)}" medium="image">\n{inner}{indent}</media:content>\n'


def _image_url(config: Config, image: str) -> str:
    if not image:
        return ""
    return image if image.startswith(("http://", "https://")) else urls.absolute(config.base_url, image.lstrip("/"))


_HEADING_ANCHOR = LazyPattern(r'<a class="anchor" href="#[^"]*" aria-label="[^"]*"(?: lang="[^"]*")?>#</a>')
"""The '#' link the Markdown renderer puts in each heading, for the web page's readers to copy (``markdown``)."""


def feed_html(body_html: str, page_url: str) -> str:
    """A body (or an editor's note) as a feed item carries it: its links and images absolute, resolved as on the
    page at ``page_url`` (``urls.absolute_links``), and without the headings' '#' links, which a feed reader
    shows as a stray '#' after every heading; a video card as a plain link to the video (``embeds.as_links``)."""
    body_html = as_links(body_html)
    if 'class="anchor"' in body_html:
        body_html = _HEADING_ANCHOR.sub("", body_html)
    return urls.absolute_links(body_html, page_url)


def article_item(article: Article, config: Config, categories: tuple[Category, ...]) -> FeedItem:
    """The feed entry for an article: body (or summary) plus the source link, as on the page."""
    page_url = urls.absolute(config.base_url, article.path)
    if config.feed_content == "full":
        html = feed_html(article.body_html, page_url)
    else:
        html = f"<p>{escape(article.summary or article.title)}</p>\n"
    if article.source:
        label = i18n.STRINGS[config.language]["read_source"].format(source=escape(article.source.name))
        ours = f' lang="{config.language}"' if article.lang else ""  # the theme's words, in the site's language
        html += f'<p{ours}><a href="{escape(article.source.url)}">{label}</a></p>\n'
    return FeedItem(
        url=page_url, title=article.title, date=article.date,
        updated=article.updated, summary=article.summary, content_html=html,
        summary_only=config.feed_content != "full",
        categories=categories, author=article.author,
        external_url=article.source.url if article.source else "",
        source_name=article.source.name if article.source else "", image=_image_url(config, article.image),
        image_alt=article.image_alt if article.image else "", image_credit=article.image_credit if article.image else "",
        lang=article.lang)


@dataclass(frozen=True)
class Channel:
    """What a feed says about itself, apart from its items."""

    title: str
    page_path: str
    """The list page the feed goes with ('' for the site); the feeds live under it."""
    description: str
    icon: str
    published: datetime | None
    """The newest item's date; None for a feed without items."""
    updated: datetime
    """The newest item's update (or date); a fixed date for an empty feed."""


def channel(doc: FeedDoc) -> Channel:
    """The channel of a whole feed document."""
    return Channel(doc.title, doc.page_path, doc.description, doc.icon,
                   max((i.date for i in doc.items), key=datetime.timestamp, default=None),
                   max((i.updated or i.date for i in doc.items), key=datetime.timestamp,
                       default=doc.empty_updated or _EPOCH))


def _text(value: str) -> str:
    """XML character data, escaped the way libxml2 writes it (so the bytes match what lxml wrote)."""
    return (xml_clean(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


def _attr(value: str) -> str:
    """An XML attribute value in double quotes, escaped the way libxml2 writes it."""
    return _text(value).replace('"', "&quot;").replace("\n", "&#10;").replace("\t", "&#9;")


def _cdata(value: str) -> str:
    """A CDATA section; a ']]>' inside is split across two sections, as libxml2 splits it. Line ends
    are LF: a CR cannot be escaped in CDATA, and every XML parser reads CR LF and CR as LF anyway."""
    text = xml_clean(value).replace("\r\n", "\n").replace("\r", "\n")
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


_XML_HEAD = "<?xml version='1.0' encoding='UTF-8'?>\n"
_LIKE_MARKUP = LazyPattern(r"<[A-Za-z/!?]|&#?\w+;")
"""What an RSS reader may take for markup in a title: '<' before a letter, '/', '!' or '?', or an entity ('&amp;',
'&#8211;'; feedparser takes any '&name;' or '&#number;' for HTML)."""


def _rss_title(value: str) -> str:
    """An RSS ``<title>`` as the page shows it. RSS says nothing of markup in titles, and readers take one that
    holds a tag as HTML (feedparser: 'text/html'), so '<b>' was bold there and shown as written everywhere else:
    such a title is escaped as HTML too, as the description is; so is one holding an entity ('R&amp;D', shown 'R&D'
    there). Any other title stays plain text ('AT&T < 5')."""
    value = xml_clean(value)
    return _text(escape(value, quote=False) if _LIKE_MARKUP.search(value) else value)


def rss_item(config: Config, item: FeedItem) -> bytes:
    """One ``<item>``, indented for its place in the channel; the element order is the one feedgen wrote."""
    url = _text(item.url)
    out = [f'    <item xml:lang="{_attr(item.lang)}">\n' if item.lang else "    <item>\n"]
    if title := _rss_title(item.title):
        out.append(f"      <title>{title}</title>\n")
    out.append(f"      <link>{url}</link>\n")
    out.append(f"      <description>{_text(escape(item.summary or item.title))}</description>\n")  # plain text
    if not item.summary_only:
        out.append(f"      <content:encoded>{_cdata(item.content_html)}</content:encoded>\n")
    out.append(f'      <guid isPermaLink="true">{url}</guid>\n')
    for cat in item.categories:
        scheme = _attr(urls.absolute(config.base_url, f"{cat.kind}/"))
        out.append(f'      <category domain="{scheme}">{_text(cat.name)}</category>\n')
    out.append(f"      <pubDate>{rfc822(item.date)}</pubDate>\n")  # RFC 822, English whatever the locale
    if item.external_url:
        out.append(f'      <source url="{_attr(item.external_url)}">{_text(item.source_name)}</source>\n')
    if item.author:
        out.append(f"      <dc:creator>{_text(item.author)}</dc:creator>\n")
    if item.image:
        out.append(_media(item, "      "))
    out.append("    </item>\n")
    return "".join(out).encode("utf-8")


def assemble_rss(config: Config, head: Channel, items: Sequence[bytes]) -> bytes:
    """RSS 2.0 around written items, with ``<atom:link rel="hub">`` when a WebSub hub is set."""
    page_url = _text(urls.absolute(config.base_url, head.page_path))
    title = _rss_title(head.title)
    out = [_XML_HEAD,
           f'<rss xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="{_MEDIA}" xmlns:atom="{_ATOM}" '
           'xmlns:content="http://purl.org/rss/1.0/modules/content/" version="2.0">\n  <channel>\n',
           f"    <title>{title}</title>\n    <link>{page_url}</link>\n",
           f"    <description>{_text(escape(head.description))}</description>\n",  # readers show it as HTML
           f'    <atom:link href="{_attr(urls.absolute(config.base_url, urls.feed_path(head.page_path)))}" '
           'rel="self"/>\n']
    if config.websub_hub:
        out.append(f'    <atom:link href="{_attr(config.websub_hub)}" rel="hub"/>\n')
    out.append("    <docs>https://www.rssboard.org/rss-specification</docs>\n    <generator>news-digest</generator>\n")
    if head.icon:
        out.append(f"    <image>\n      <url>{_text(head.icon)}</url>\n      <title>{title}</title>\n"
                   f"      <link>{page_url}</link>\n    </image>\n")
    out.append(f"    <language>{_text(config.language)}</language>\n")
    if head.published is not None:
        out.append(f"    <lastBuildDate>{rfc822(head.updated)}</lastBuildDate>\n"
                   f"    <pubDate>{rfc822(head.published)}</pubDate>\n")
    return b"".join(("".join(out).encode("utf-8"), *items, b"  </channel>\n</rss>\n"))


def atom_entry(config: Config, item: FeedItem) -> bytes:
    """One Atom ``<entry>``, with ``rel="related"`` for its source next to its own ``rel="alternate"``."""
    out = [f'  <entry xml:lang="{_attr(item.lang)}">\n' if item.lang else "  <entry>\n", f"    <id>{_text(item.url)}</id>\n", f"    <title>{_text(item.title)}</title>\n",
           f"    <published>{iso(item.date)}</published>\n",
           f"    <updated>{iso(item.updated or item.date)}</updated>\n"]
    if item.author:
        out.append(f"    <author>\n      <name>{_text(item.author)}</name>\n    </author>\n")
    out.append(f'    <link href="{_attr(item.url)}" rel="alternate" type="text/html"/>\n')
    if item.external_url:
        title = f' title="{_attr(item.source_name)}"' if item.source_name else ""
        out.append(f'    <link href="{_attr(item.external_url)}" rel="related" type="text/html"{title}/>\n')
    for cat in item.categories:
        name = _attr(cat.name)
        out.append(f'    <category term="{name}" label="{name}" '
                   f'scheme="{_attr(urls.absolute(config.base_url, f"{cat.kind}/"))}"/>\n')
    if item.summary:
        out.append(f'    <summary type="text">{_text(item.summary)}</summary>\n')
    out.append(f'    <content type="html">{_text(item.content_html)}</content>\n')
    if item.image:
        out.append(_media(item, "    "))
    out.append("  </entry>\n")
    return "".join(out).encode("utf-8")


def assemble_atom(config: Config, head: Channel, items: Sequence[bytes]) -> bytes:
    """Atom 1.0 (RFC 4287) around written entries."""
    page_url = urls.absolute(config.base_url, head.page_path)
    out = [_XML_HEAD, f'<feed xmlns="{_ATOM}" xmlns:media="{_MEDIA}" xml:lang="{_attr(config.language)}">\n',
           f"  <id>{_text(page_url)}</id>\n  <title>{_text(head.title)}</title>\n",
           f"  <subtitle>{_text(head.description)}</subtitle>\n  <updated>{iso(head.updated)}</updated>\n",
           f"  <author>\n    <name>{_text(config.title)}</name>\n  </author>\n",
           f'  <link href="{_attr(urls.absolute(config.base_url, urls.atom_path(head.page_path)))}" rel="self" '
           'type="application/atom+xml"/>\n',
           f'  <link href="{_attr(page_url)}" rel="alternate" type="text/html"/>\n']
    if config.websub_hub:
        out.append(f'  <link href="{_attr(config.websub_hub)}" rel="hub"/>\n')
    out.append("  <generator>news-digest</generator>\n")
    if head.icon:
        out.append(f"  <icon>{_text(head.icon)}</icon>\n  <logo>{_text(head.icon)}</logo>\n")
    return b"".join(("".join(out).encode("utf-8"), *items, b"</feed>\n"))


def _json(value: object, indent: str) -> str:
    """``json.dumps`` at a nesting depth, with '<', '>' and '&' as \\u escapes (the same strings to a
    JSON parser, as Go's encoding/json does), so a title like '<script>' never appears as markup if a
    browser sniffs the file as HTML."""
    text = json.dumps(value, ensure_ascii=False, indent=2)
    if indent:  # a JSON string holds no raw newline, so every newline starts a line of the layout
        text = indent + text.replace("\n", "\n" + indent)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def json_item(config: Config, item: FeedItem) -> bytes:
    """One JSON Feed item, keys in a fixed order, indented for its place in ``items``."""
    entry: dict[str, object] = {"id": item.url, "url": item.url}
    if item.external_url:
        entry["external_url"] = item.external_url
    entry["title"] = item.title
    entry["content_html"] = item.content_html
    if item.summary:
        entry["summary"] = item.summary
    if item.image:
        entry["image"] = item.image
    entry["date_published"] = iso(item.date)
    entry["date_modified"] = iso(item.updated or item.date)
    if item.author:
        entry["authors"] = [{"name": item.author}]
    tags = [c.name for c in item.categories if c.kind in ("tags", "companies")]
    if tags:
        entry["tags"] = tags
    if item.lang:
        entry["language"] = item.lang
    return _json(entry, "    ").encode("utf-8")


def assemble_json(config: Config, head: Channel, items: Sequence[bytes]) -> bytes:
    """JSON Feed 1.1 around written items, keys in a fixed order so that the bytes never change between runs."""
    feed: dict[str, object] = {
        "version": JSON_FEED_VERSION,
        "title": head.title,
        "home_page_url": urls.absolute(config.base_url, head.page_path),
        "feed_url": urls.absolute(config.base_url, urls.json_feed_path(head.page_path)),
        "description": head.description,
        "language": config.language,
        "authors": [{"name": config.title, "url": config.base_url}],
    }
    if head.icon:
        feed["icon"] = feed["favicon"] = head.icon
    if config.websub_hub:
        feed["hubs"] = [{"type": "WebSub", "url": config.websub_hub}]
    if not items:
        feed["items"] = []
        return (_json(feed, "") + "\n").encode("utf-8")
    start = _json(feed, "").removesuffix("\n}") + ',\n  "items": [\n'
    return b"".join((start.encode("utf-8"), b",\n".join(items), b"\n  ]\n}\n"))


@dataclass(frozen=True)
class Format:
    """One feed format: how an item is written, and how a feed is put together from written items."""

    item: Callable[[Config, FeedItem], bytes]
    assemble: Callable[[Config, Channel, Sequence[bytes]], bytes]


FORMATS = {"rss": Format(rss_item, assemble_rss), "atom": Format(atom_entry, assemble_atom),
           "json": Format(json_item, assemble_json)}
"""Every feed format, by the names ``urls.FEED_FORMATS`` gives."""


def render_doc(config: Config, fmt: str, doc: FeedDoc) -> bytes:
    """A whole feed document in format ``fmt``, each item written afresh (the weekly feed's few items)."""
    form = FORMATS[fmt]
    return form.assemble(config, channel(doc), [form.item(config, i) for i in doc.items])


class FeedItems:
    """Articles' feed items, written once per process and format and reused by every feed that lists them.

    An article is in about five feeds (the site's, its tags', companies', section's, publisher's), and
    the items are nearly all of a feed's bytes. Bound to one config, so the settings an item depends on
    (``feeds.content``, ``base_url``, the language) are fixed; the key is the format, the article's key
    (which hashes its file and parse settings) and its categories (display names depend on the whole site).
    """

    def __init__(self, config: Config) -> None:
        self.config = config
        self._written: dict[tuple[str, str], tuple[tuple[Category, ...], bytes]] = {}

    def __call__(self, fmt: str, article: Article, categories: tuple[Category, ...]) -> bytes:
        key = (fmt, article.key)
        hit = self._written.get(key)
        if hit is not None and (hit[0] is categories or hit[0] == categories):
            return hit[1]
        data = FORMATS[fmt].item(self.config, article_item(article, self.config, categories))
        self._written[key] = (categories, data)
        return data


def render_feed(config: Config, fmt: str, title: str, page_path: str, articles: Sequence[Article],
                categories: Sequence[tuple[Category, ...]], icon: str = "", items: FeedItems | None = None) -> bytes:
    """One feed document, in format ``fmt``, for the list page at ``page_path``, put together from written items."""
    written = items or FeedItems(config)
    shown = articles[: config.feed_size]
    head = Channel(title, page_path, config.description or title, icon, max((a.date for a in shown), key=datetime.timestamp, default=None),
                   max((a.updated or a.date for a in shown), key=datetime.timestamp, default=_EPOCH))
    return FORMATS[fmt].assemble(config, head, [written(fmt, a, c) for a, c in zip(shown, categories)])


def site_icon(config: Config, static_folders: Sequence[Path]) -> str:
    """The absolute URL of the site icon, if a static folder has ``icon.png``; else ''."""
    found = any((folder / ICON).is_file() for folder in static_folders)
    return urls.absolute(config.base_url, ICON) if found else ""
