"""Feeds put together from written items: byte-identical to what the previous writers (feedgen, lxml,
one json.dumps per feed; kept in ``feed_oracle.py``) wrote, and valid even for hostile text."""
from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from html import escape
from pathlib import Path

import feedparser
import jsonschema
import pytest
from lxml import etree

from conftest import article, make_project
from feed_oracle import OLD_FORMATS
from generator.core.models import Article
from generator.load.config import Config, load_config
from generator.load.content import article_settings, parse_article
from generator.load.registry import empty_registry
from generator.render.feeds import FORMATS, Category, FeedDoc, FeedItem, FeedItems, article_item, render_doc, render_feed, xml_clean

SCHEMA = json.loads((Path(__file__).parent / "schemas" / "jsonfeed-1.1.schema.json").read_text())
STRICT = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
HOSTILE = ('Ends ]]> early & <b>bold</b> "quoted" \'s \x01\x0b\x1f\x7f tab\there\r\nline '
           "😀 𝕏 \u200fRTL \u202eoverride\u202c \ufeffBOM &amp; &#0; <![CDATA[x]]>")
"""CDATA ends, markup and entities, XML-forbidden controls, CR/LF/tab, non-BMP characters, RTL marks."""
JST = timezone(timedelta(hours=7))


def config_for(tmp_path: Path, **overrides: object) -> Config:
    return replace(load_config(make_project(tmp_path, {}) / "config.yaml"), **overrides)  # type: ignore[arg-type]


def hostile_item(n: int, content: str = "<p>body &amp; more</p>\n", summary_only: bool = False) -> FeedItem:
    date = datetime(2025, 6, 13 - n, 9, 0, tzinfo=JST)
    return FeedItem(url=f"https://example.org/2025/06/a{n}/", title=f"{n} {HOSTILE}", date=date,
                    updated=date + timedelta(hours=n) if n % 2 else None, summary=HOSTILE if n % 2 else "",
                    content_html=content + HOSTILE, summary_only=summary_only,
                    categories=(Category("companies", "Meta & <Co>"), Category("tags", HOSTILE.replace("]]>", "")),
                                Category("sections", 'Aceh "\n"')),
                    author=HOSTILE if n % 2 else "", external_url="https://src.example/?a=1&b=<2>" if n != 1 else "",
                    source_name=HOSTILE if n == 0 else "", image="https://example.org/i.png" if n == 2 else "")


def hostile_doc(items: int, summary_only: bool = False) -> FeedDoc:
    return FeedDoc(f"Feed {HOSTILE}", "tags/x/", f"About {HOSTILE}",
                   tuple(hostile_item(n, summary_only=summary_only) for n in range(items)),
                   "https://example.org/icon.png" if items % 2 else "")


SETTINGS = [{}, {"feed_content": "summary"}, {"websub_hub": "https://hub.example/?x=1&y=2"},
            {"base_url": "https://example.org/sub/", "language": "en", "description": HOSTILE}]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
@pytest.mark.parametrize("settings", SETTINGS, ids=["full", "summary", "hub", "sub-path"])
@pytest.mark.parametrize("items", [0, 1, 3])
def test_feed_from_items_is_byte_identical_to_the_previous_writers(tmp_path: Path, fmt: str, settings: dict,
                                                                    items: int) -> None:
    config = config_for(tmp_path, **settings)
    doc = hostile_doc(items, config.feed_content == "summary")
    old = OLD_FORMATS[fmt](config, doc)
    if fmt == "rss" and not items:  # feedgen stamped an empty feed with the clock; now it has no date
        old, stamped = re.subn(rb"    <lastBuildDate>[^<]*</lastBuildDate>\n", b"", old)
        assert stamped == 1
    if fmt == "rss":  # CR LF in CDATA is now written as LF, as every parser reads it (and the old hub path wrote it)
        old = old.replace(b"\r\n", b"\n")
    new = render_doc(config, fmt, doc)
    if fmt == "rss" and config.websub_hub:  # the old path parsed its RSS again to add the hub, which wrote an
        old, new = (etree.tostring(etree.fromstring(x, STRICT), method="c14n") for x in (old, new))  # empty <source/>
    assert new == old


def parsed_articles(tmp_path: Path) -> tuple[Config, list[Article]]:
    """Three articles of a real project, with hostile titles, summaries and bodies."""
    def quoted(text: str) -> str:  # YAML reads JSON's escapes, but not a non-BMP character as a surrogate pair
        return json.dumps(text, ensure_ascii=False)

    texts = {f"a{n}.md": article(title=quoted(f"{n} {HOSTILE}"), summary=quoted(HOSTILE),
                                 date=f"2025-06-1{n}T09:00:00+07:00", tags=f"[AI, {quoted('x ' + HOSTILE)}]",
                                 source='{name: "R & <S>", url: "https://src.example/?a=1&b=2"}',
                                 body=f"Body {n} with `]]>` and <b>tags</b> & 😀 \u200f.\n") for n in range(3)}
    root = make_project(tmp_path, texts)
    config = load_config(root / "config.yaml")
    settings = article_settings(config, empty_registry())
    found = [parse_article(f"content/{name}", (root / "content" / name).read_bytes(), settings)[0]
             for name in sorted(texts)]
    assert all(a is not None for a in found), [p for n in sorted(texts) for p in parse_article(f"content/{n}", (root / "content" / n).read_bytes(), settings)[1]]
    return config, sorted(found, key=lambda a: a.date, reverse=True)  # type: ignore[arg-type, return-value]


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_article_feed_from_shared_items_equals_the_previous_writers(tmp_path: Path, fmt: str) -> None:
    config, articles = parsed_articles(tmp_path)
    cats = [(Category("tags", "AI"), Category("tags", f"x {HOSTILE}"))] * len(articles)
    shared = FeedItems(config)
    render_feed(config, fmt, "Other", "tags/ai/", articles[1:], cats[1:], items=shared)  # fills the memo first
    doc = FeedDoc("Site", "", config.description or "Site",
                  tuple(article_item(a, config, c) for a, c in zip(articles, cats)), "")
    old = OLD_FORMATS[fmt](config, doc)
    assert render_feed(config, fmt, "Site", "", articles, cats, items=shared) == old
    assert render_feed(config, fmt, "Site", "", articles, cats) == old


def test_an_item_is_written_again_when_its_categories_change(tmp_path: Path) -> None:
    """Categories carry display names, which other articles can change: the memo must not hand out a stale item."""
    config, articles = parsed_articles(tmp_path)
    shared = FeedItems(config)
    before = shared("rss", articles[0], (Category("tags", "ai"),))
    after = shared("rss", articles[0], (Category("tags", "AI"),))
    assert b">ai</category>" in before and b">AI</category>" in after


def test_cdata_end_in_a_body_splits_the_cdata_section(tmp_path: Path) -> None:
    """']]>' cannot be inside a CDATA section: it is split across two, and reads back whole."""
    config = config_for(tmp_path)
    content = "<pre>if (a[b[0]]> 1) x = y;</pre>\n"
    data = render_doc(config, "rss", FeedDoc("T", "", "D", (hostile_item(0, content),)))
    assert b"]]]]><![CDATA[>" in data
    root = etree.fromstring(data, STRICT)
    encoded = root.find("channel/item/{http://purl.org/rss/1.0/modules/content/}encoded")
    assert encoded is not None and encoded.text == xml_clean(content + HOSTILE).replace("\r\n", "\n")
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0 and "a[b[0]]> 1" in parsed.entries[0].content[0].value


@pytest.mark.parametrize("settings", SETTINGS[:2], ids=["full", "summary"])
def test_hostile_text_reads_back_from_every_format(tmp_path: Path, settings: dict) -> None:
    config = config_for(tmp_path, **settings)
    doc = hostile_doc(3, config.feed_content == "summary")
    clean = xml_clean(f"1 {HOSTILE}")
    for fmt in ("rss", "atom"):
        data = render_doc(config, fmt, doc)
        root = etree.fromstring(data, STRICT)
        assert root is not None
        parsed = feedparser.parse(data)
        assert parsed.bozo == 0, parsed.get("bozo_exception")
        assert parsed.version == ("rss20" if fmt == "rss" else "atom10")
        assert [e.link for e in parsed.entries] == [i.url for i in doc.items]
        titles = root.findall("channel/item/title" if fmt == "rss" else "{*}entry/{*}title")
        # the CR too: written as &#13;, it is not a line end to a parser; RSS's title, which holds '<b>', as HTML
        assert titles[1].text == (escape(clean, quote=False) if fmt == "rss" else clean)
    feed = json.loads(render_doc(config, "json", doc))
    jsonschema.validate(feed, SCHEMA)
    assert feed["items"][1]["title"] == f"1 {HOSTILE}"  # JSON keeps every character; it has no forbidden ones
    assert feed["items"][1]["summary"] == HOSTILE
