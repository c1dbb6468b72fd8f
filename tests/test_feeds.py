"""Every feed of the fixture site, in all three formats, parses cleanly and says what a feed reader needs."""
from __future__ import annotations

import calendar
import json
import re
from pathlib import Path

import feedparser
import lxml.etree
import lxml.html
import jsonschema
import pytest
from lxml import etree

from conftest import CONFIG, FIXTURE_SITE, build_project, make_project, article
from generator.render.feeds import xml_clean

FILES = build_project(FIXTURE_SITE).output.files
FEEDS = sorted(p for p in FILES if p.endswith("feed.xml"))
ATOMS = sorted(p for p in FILES if p.endswith("atom.xml"))
JSON_FEEDS = sorted(p for p in FILES if p.endswith("feed.json"))
SCHEMA = json.loads((Path(__file__).parent / "schemas" / "jsonfeed-1.1.schema.json").read_text())
STRICT = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)


def test_every_list_page_has_a_feed() -> None:
    assert FEEDS == [
        "companies/google/feed.xml", "companies/meta/feed.xml", "companies/nusantara-data/feed.xml",
        "companies/scale-ai/feed.xml", "companies/scale-ai/sections/amerika-serikat/feed.xml", "feed.xml", "sections/aceh/feed.xml", "sections/amerika-serikat/feed.xml",
        "sections/kepri/feed.xml", "sources/reuters/feed.xml", "sources/tekno-kompas-com/feed.xml", "tags/ai/feed.xml", "tags/akuisisi/feed.xml", "tags/kemitraan/feed.xml",
        "tags/pusat-data/feed.xml", "weekly/feed.xml"]


def test_every_rss_feed_has_an_atom_and_a_json_feed_beside_it() -> None:
    lists = sorted(p.removesuffix("feed.xml") for p in FEEDS)
    assert sorted(p.removesuffix("atom.xml") for p in ATOMS) == lists
    assert sorted(p.removesuffix("feed.json") for p in JSON_FEEDS) == lists


def test_pages_advertise_every_format_of_their_feeds() -> None:
    """Each format says its name in its title: a reader's subscribe list showed "Uji Digest" three times."""
    head = FILES["tags/ai/index.html"].decode().split("</head>")[0]
    for mime, path, name in (("application/rss+xml", "feed.xml", "RSS"), ("application/atom+xml", "atom.xml", "Atom"),
                             ("application/feed+json", "feed.json", "JSON Feed")):
        assert f'<link rel="alternate" type="{mime}" title="Uji Digest: AI ({name})" href="/digest/tags/ai/{path}">' \
            in head
        assert f'<link rel="alternate" type="{mime}" title="Uji Digest ({name})" href="/digest/{path}">' in head


def test_feeds_formats_rss_only_writes_and_advertises_rss_alone(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"a.md": article(tags=["ai"])}, CONFIG + "feeds:\n  formats: [rss]\n")
    files = build_project(root).output.files
    assert sorted(p for p in files if p.endswith(("feed.xml", "atom.xml", "feed.json"))) == [
        "feed.xml", "tags/ai/feed.xml", "weekly/feed.xml"]
    head = files["tags/ai/index.html"].decode().split("</head>")[0]
    assert 'type="application/rss+xml"' in head
    assert "atom.xml" not in head and "feed.json" not in head


@pytest.mark.parametrize("path", FEEDS)
def test_feed_is_valid_rss(path: str) -> None:
    etree.fromstring(FILES[path], STRICT)
    parsed = feedparser.parse(FILES[path])
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "rss20"
    links = [e.link for e in parsed.entries]
    assert len(links) == len(set(links)), "guids/links must be unique"
    assert all(e.id == e.link and e.link.startswith("https://example.org/digest/") for e in parsed.entries)
    dates = [e.published_parsed for e in parsed.entries]
    assert dates == sorted(dates, reverse=True), "newest first"


def test_site_feed_items_carry_everything_a_reader_shows() -> None:
    feed = feedparser.parse(FILES["feed.xml"])
    assert feed.feed.title == "Uji Digest"
    assert feed.feed.link == "https://example.org/digest/"
    assert [e.title for e in feed.entries] == ["Pusat Data Baru di Batam & Kepri", "Berita Serentak",
                                               "Google Menjauh dari Scale AI"]  # capped at feed_size 3
    google = feed.entries[2]
    assert google.summary == "Klien terbesar Scale AI menimbang ulang kontraknya."
    assert '<a href="https://www.reuters.com/">Baca artikel selengkapnya di Reuters</a>' in google.content[0].value
    assert sorted(t.term for t in google.tags) == ["AI", "Amerika Serikat", "Google", "Scale AI", "kemitraan"]
    assert google.source == {"href": "https://www.reuters.com/", "title": "Reuters"}


def test_feed_items_carry_the_articles_picture_in_every_format() -> None:
    """A feed reader's list shows each item's picture: Media RSS's media:content in RSS and Atom (where Feedly,
    Inoreader and feedparser look; RSS's <enclosure> needs the file's length), JSON Feed's ``image``. The
    article without an ``image:`` has none."""
    picture = "https://example.org/digest/images/batam.jpg"
    for path in ("feed.xml", "atom.xml"):
        entries = feedparser.parse(FILES[path]).entries
        assert entries[0].title == "Pusat Data Baru di Batam & Kepri"
        assert entries[0].media_content == [{"url": picture, "medium": "image"}], path
        assert all("media_content" not in e for e in entries[1:]), path
        # its credit and description, as the page gives them (a reader showed the picture without its credit)
        assert entries[0].media_credit == [{"content": "Foto: Uji Digest"}], path
        media = lxml.etree.fromstring(FILES[path]).find(".//{http://search.yahoo.com/mrss/}content")
        assert media.findtext("{http://search.yahoo.com/mrss/}description") == \
            "Gedung pusat data di kawasan industri Batam", path
    items = json.loads(FILES["feed.json"])["items"]
    assert [i.get("image") for i in items] == [picture, None, None]


def test_rss_categories_name_their_taxonomy_and_use_display_names() -> None:
    root = etree.fromstring(FILES["feed.xml"], STRICT)
    google = root.findall("channel/item")[2]
    assert [(c.get("domain"), c.text) for c in google.findall("category")] == [
        ("https://example.org/digest/companies/", "Google"), ("https://example.org/digest/companies/", "Scale AI"),
        ("https://example.org/digest/sections/", "Amerika Serikat"), ("https://example.org/digest/tags/", "AI"),
        ("https://example.org/digest/tags/", "kemitraan")]  # written 'ai' here; 'AI' is the common spelling


def test_channel_image_is_the_site_icon() -> None:
    rss = feedparser.parse(FILES["tags/ai/feed.xml"]).feed
    assert (rss.image.href, rss.image.link) == ("https://example.org/digest/icon.png", "https://example.org/digest/tags/ai/")
    atom = etree.fromstring(FILES["tags/ai/atom.xml"], STRICT)
    assert atom.findtext("{http://www.w3.org/2005/Atom}icon") == "https://example.org/digest/icon.png"
    assert json.loads(FILES["tags/ai/feed.json"])["icon"] == "https://example.org/digest/icon.png"


def test_without_an_icon_there_is_no_channel_image(tmp_path) -> None:
    make_project(tmp_path, {"a.md": article()})
    files = build_project(tmp_path).output.files
    assert b"<image>" not in files["feed.xml"] and b"<icon>" not in files["atom.xml"]
    assert "icon" not in json.loads(files["feed.json"])


@pytest.mark.parametrize("path", ATOMS)
def test_feed_is_valid_atom(path: str) -> None:
    etree.fromstring(FILES[path], STRICT)
    parsed = feedparser.parse(FILES[path])
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    assert parsed.feed.link == "https://example.org/digest/" + path.removesuffix("atom.xml")
    assert [link.href for link in parsed.feed.links if link.rel == "self"] == ["https://example.org/digest/" + path]
    assert parsed.feed.updated and all(e.id == e.link and e.updated for e in parsed.entries)
    assert [e.id for e in parsed.entries] == [e.id for e in feedparser.parse(FILES[path.replace("atom.xml", "feed.xml")]).entries]


def test_atom_entry_links_its_source_as_related() -> None:
    google = feedparser.parse(FILES["feed.xml".replace("feed.xml", "atom.xml")]).entries[2]
    assert [(link.rel, link.href) for link in google.links] == [
        ("alternate", "https://example.org/digest/2025/06/google-mundur/"), ("related", "https://www.reuters.com/")]
    assert google.summary == "Klien terbesar Scale AI menimbang ulang kontraknya."
    assert "Baca artikel selengkapnya di Reuters" in google.content[0].value
    assert sorted((t.scheme, t.term) for t in google.tags)[0] == ("https://example.org/digest/companies/", "Google")


@pytest.mark.parametrize("path", JSON_FEEDS)
def test_feed_is_valid_json_feed(path: str) -> None:
    feed = json.loads(FILES[path])
    jsonschema.validate(feed, SCHEMA)
    assert feed["feed_url"] == "https://example.org/digest/" + path
    rss = feedparser.parse(FILES[path.replace("feed.json", "feed.xml")])
    assert [i["id"] for i in feed["items"]] == [e.id for e in rss.entries]


def test_json_feed_items_carry_source_tags_authors_and_modified_date() -> None:
    feed = json.loads(FILES["feed.json"])
    batam, _, google = feed["items"]
    assert google["external_url"] == "https://www.reuters.com/"
    assert google["tags"] == ["Google", "Scale AI", "AI", "kemitraan"]  # companies, then tags; no section
    assert google["date_published"] == "2025-06-14T00:00:00+07:00"
    assert google["date_modified"] == google["date_published"]
    assert batam["date_modified"] == "2025-07-02T08:00:00+07:00"
    assert "authors" not in google
    meta = json.loads(FILES["companies/meta/feed.json"])["items"]
    assert [(i["title"], i.get("authors")) for i in meta] == [("Meta Ambil 49% Saham Scale AI", [{"name": "Redaksi"}])]


def test_schema_rejects_a_feed_that_breaks_the_spec() -> None:
    """The schema file is strict enough to catch the mistakes a writer could make."""
    feed = json.loads(FILES["feed.json"])
    for broken in ({**feed, "version": "1.1"}, {**feed, "items": [{"id": "x"}]},
                   {**feed, "items": [{**feed["items"][0], "date_modified": "2025-07-02 08:00"}]},
                   {**feed, "items": [{**feed["items"][0], "tag": ["a"]}]}):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(broken, SCHEMA)


def test_summary_mode_leaves_bodies_out_of_every_format(tmp_path) -> None:
    body = "Kalimat rahasia di badan artikel.\n"
    make_project(tmp_path, {"a.md": article(summary="Ringkas.", body=body,
                                            source='{name: Reuters, url: "https://reuters.com/x"}')},
                 config=CONFIG + "feeds:\n  content: summary\n")
    files = build_project(tmp_path).output.files
    for name in ("feed.xml", "atom.xml", "feed.json"):
        assert b"rahasia" not in files[name], name
        assert b"Ringkas." in files[name] and b"https://reuters.com/x" in files[name]
    assert b"rahasia" in build_project(make_project(tmp_path / "full", {"a.md": article(body=body)})).output.files["atom.xml"]


def test_websub_hub_is_named_in_every_format(tmp_path) -> None:
    make_project(tmp_path, {"a.md": article(tags="[ai]")}, config=CONFIG + "feeds:\n  websub_hub: https://hub.example/\n")
    files = build_project(tmp_path).output.files
    for first in ("", "tags/ai/"):
        rss = feedparser.parse(files[first + "feed.xml"])
        assert rss.bozo == 0
        assert [(l.rel, l.href) for l in rss.feed.links if l.rel == "hub"] == [("hub", "https://hub.example/")]
        etree.fromstring(files[first + "feed.xml"], STRICT)
        atom = feedparser.parse(files[first + "atom.xml"])
        assert [(l.rel, l.href) for l in atom.feed.links if l.rel == "hub"] == [("hub", "https://hub.example/")]
        assert json.loads(files[first + "feed.json"])["hubs"] == [{"type": "WebSub", "url": "https://hub.example/"}]
    assert b"hub" not in build_project(make_project(tmp_path / "plain", {"a.md": article()})).output.files["feed.xml"]


@pytest.mark.parametrize("written, named", [
    ("https://hub.example/websub.php", "https://hub.example/websub.php"),  # refused as "not an absolute http(s) URL"
    ("https://hub.example/?hub=kabar", "https://hub.example/?hub=kabar"),  # (base_url's rules: no file, no query)
    ("https://hüb.example/", "https://xn--hb-xka.example/"),  # was written unencoded into the feeds
    ("https://hüb.example/?q=ä", "https://xn--hb-xka.example/?q=%C3%A4"),
])
def test_any_http_hub_url_is_named_and_in_ascii_as_base_url_is(tmp_path: Path, written: str, named: str) -> None:
    make_project(tmp_path, {"a.md": article()}, config=CONFIG + f"feeds:\n  websub_hub: \"{written}\"\n")
    files = build_project(tmp_path).output.files
    for name in ("feed.xml", "atom.xml"):
        parsed = feedparser.parse(files[name])
        assert parsed.bozo == 0 and [l.href for l in parsed.feed.links if l.rel == "hub"] == [named], name
    assert json.loads(files["feed.json"])["hubs"] == [{"type": "WebSub", "url": named}]


def test_last_build_date_is_the_newest_item_not_the_clock() -> None:
    feed = feedparser.parse(FILES["feed.xml"])
    assert feed.feed.updated == "Wed, 02 Jul 2025 08:00:00 +0700"  # the Batam article's 'updated'
    meta = feedparser.parse(FILES["companies/meta/feed.xml"])
    assert meta.feed.updated == "Fri, 13 Jun 2025 09:00:00 +0700"


def test_feed_with_sub_path_base_url_links_absolutely() -> None:
    meta = feedparser.parse(FILES["companies/meta/feed.xml"])
    assert meta.feed.link == "https://example.org/digest/companies/meta/"
    assert meta.entries[0].link == "https://example.org/digest/2025/06/meta-scale/"


def test_control_characters_are_removed_from_feeds(tmp_path) -> None:
    make_project(tmp_path, {"a.md": article(title='"Bell\\x07 and\\x0b tab"', summary='"ok\\x1f"')})
    data = build_project(tmp_path).output.files["feed.xml"]
    parsed = feedparser.parse(data)
    assert parsed.bozo == 0
    assert parsed.entries[0].title == "Bell and tab"
    assert parsed.entries[0].summary == "ok"


def test_xml_clean_keeps_tabs_newlines_and_text() -> None:
    assert xml_clean("a\tb\nc\r\x00d\ufffe\x1b") == "a\tb\nc\rd"


def test_links_and_images_in_feed_items_are_absolute(tmp_path: Path) -> None:
    """A reader shows an item away from its page: '/digest/images/x.jpg', 'lain/' and '#catatan' in a body (and a
    weekly note) meant nothing there. Resolved as on the page, in RSS, Atom and JSON Feed; addresses with a scheme
    and the query's '&' stay as they were."""
    body = ("![Foto](/digest/images/x.jpg) [lain](../b/) [bagian](#catatan) [cari](/digest/search/?q=a&b=c)\n"
            "[surel](mailto:r@example.org) [luar](https://example.com/p?x=1&y=2)\n\n"
            '<p>Tulis <code>href="/x"</code> di tautan</p>\n\n## Catatan\n\nIsi.\n')  # raw HTML: nh3 keeps text quotes
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body=body),
                            "2025/06/b.md": article(title="B", date="2025-06-12T09:00:00+07:00")},
                 config="title: T\nbase_url: https://example.org/digest/\nfeeds:\n  formats: [rss, atom, json]\n")
    (tmp_path / "content/weekly").mkdir(parents=True)
    (tmp_path / "content/weekly/2025-W24.md").write_text("Baca [A](../../2025/06/a/) dulu.\n")
    files = build_project(tmp_path).output.files
    page = "https://example.org/digest/2025/06/a/"
    expected = ["https://example.org/digest/images/x.jpg", "https://example.org/digest/2025/06/b/",
                f"{page}#catatan", "https://example.org/digest/search/?q=a&b=c", "mailto:r@example.org",
                "https://example.com/p?x=1&y=2"]
    for name in ("feed.xml", "atom.xml"):
        entry = next(e for e in feedparser.parse(files[name]).entries if e.title == "A")
        html = entry.content[0].value
        found = [etree.HTML(html).xpath("//img/@src")[0], *etree.HTML(html).xpath("//a/@href")[:5]]
        assert found == expected, name
        assert 'href="/x"' in html, "a body's text is left as it is"
        heading = etree.HTML(html).xpath("//h2")[0]  # the page's '#' link to copy is no part of a feed item
        assert (heading.get("id"), heading.xpath("string()"), heading.xpath(".//a")) == ("catatan", "Catatan", [])
    item = next(i for i in json.loads(files["feed.json"])["items"] if i["title"] == "A")
    doc = etree.HTML(item["content_html"])
    assert [doc.xpath("//img/@src")[0], *doc.xpath("//a/@href")[:5]] == expected
    weekly = feedparser.parse(files["weekly/feed.xml"]).entries[0].content[0].value
    assert 'href="https://example.org/digest/2025/06/a/"' in weekly


def test_video_and_audio_addresses_in_feed_items_are_absolute(tmp_path: Path) -> None:
    """A reader's report: a pasted <video> (its src, poster, <source> and <track>) and an <audio> with a relative
    address stayed as written in feeds, where they mean nothing; images' and links' were made absolute."""
    body = ('<video src="/media/klip.mp4" poster="/media/poster.png"><track src="/media/subs.vtt" '
            'kind="subtitles"></video>\n\n<video><source src="/media/klip.webm" type="video/webm"></video>\n\n'
            '<audio src="media/suara.mp3"></audio>\n')
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body=body)},
                 config="title: T\nbase_url: https://example.org/digest/\n")
    files = build_project(tmp_path).output.files
    for name in ("feed.xml", "atom.xml"):
        # as written in the feed: feedparser's own sanitiser drops a <video>'s src, and libxml2's HTML parser
        # knows no <track>
        html = etree.fromstring(files[name]).xpath("string(//*[local-name()='encoded' or local-name()='content'])")
        assert re.findall(r'\s(?:src|poster)="([^"]*)"', html) == [
            "https://example.org/media/klip.mp4", "https://example.org/media/poster.png",
            "https://example.org/media/subs.vtt", "https://example.org/media/klip.webm",
            "https://example.org/digest/2025/06/a/media/suara.mp3"], name


def test_in_an_hour_the_clocks_say_twice_a_feed_is_dated_by_its_newest_item(tmp_path: Path) -> None:
    """A reader's report: in America/Havana (clocks back from 01:00 to 00:00 on 2 November 2025) the feeds said
    they were updated at 00:45 -04:00, 45 minutes before their newest item, 00:30 -05:00: the newest was picked by
    wall clock, which Python compares for two times of one zone, not by the moment. A reader that trusts the feed's
    date can skip the item. Its update at 00:40 -05:00 is after its date at 00:45 -04:00 too, no error."""
    config = CONFIG + "timezone: America/Havana\n"
    root = make_project(tmp_path, {"p.md": article("P", "2025-11-02T00:30:00-05:00"),
                                   "q.md": article("Q", "2025-11-02T00:45:00-04:00",
                                                   updated="2025-11-02T00:40:00-05:00")}, config)
    files = build_project(root, now=None).output.files
    newest = 1762061400  # 00:30 -05:00, 05:30 UTC
    for path in ("feed.xml", "atom.xml"):
        feed = feedparser.parse(files[path])
        assert [e.title for e in feed.entries] == ["P", "Q"]
        assert calendar.timegm(feed.feed.updated_parsed) == newest + 600  # Q's update, 00:40 -05:00
    rss = files["feed.xml"].decode()
    assert "<pubDate>Sun, 02 Nov 2025 00:30:00 -0500</pubDate>" in rss.split("<item>")[0]


def test_an_rss_title_with_a_tag_in_it_reads_as_the_page_shows_it(tmp_path: Path) -> None:
    """A reader's report: 'Meta & Google <b>tebal</b>' was bold 'tebal' in RSS readers (feedparser read the title
    as HTML: text/html, '<b>tebal</b>'), while the page, Atom and JSON Feed show the tag as written. A title that
    could be read as markup is escaped once more, as RSS's description is, so a reader that renders it as HTML
    (the Best Practices Profile: most do) shows the '<b>'; a title without one stays plain text. So is a title with
    an entity written out ('R&amp;D', which the page shows as written): feedparser took it for HTML too and showed
    'R&D'."""
    titles = {"a": "Meta & Google <b>tebal</b>", "b": "Meta & Google", "c": "AT&T < 5 persen",
              "d": "Riset R&amp;D Samsung"}
    make_project(tmp_path, {f"2025/06/{name}.md": article(title=json.dumps(title), date=f"2025-06-1{i}")
                            for i, (name, title) in enumerate(titles.items())})
    files = build_project(tmp_path).output.files
    rss = {e.link.rstrip("/").rsplit("/", 1)[1]: e.title_detail for e in feedparser.parse(files["feed.xml"]).entries}
    assert {name: (d.type, d.value) for name, d in rss.items()} == {
        "a": ("text/html", "Meta &amp; Google &lt;b&gt;tebal&lt;/b&gt;"),  # rendered: Meta & Google <b>tebal</b>
        "b": ("text/plain", "Meta & Google"), "c": ("text/plain", "AT&T < 5 persen"),
        "d": ("text/html", "Riset R&amp;amp;D Samsung")}  # rendered: Riset R&amp;D Samsung
    atom = {e.link.rstrip("/").rsplit("/", 1)[1]: e.title for e in feedparser.parse(files["atom.xml"]).entries}
    assert atom == titles


def test_an_unregistered_companys_spellings_are_its_pages_name_in_feeds_and_json_ld(tmp_path: Path) -> None:
    """An attacker's report: with companies [Kata.ai], [KATA.AI] and [Kata.ai] on three articles, pages showed
    'Kata.ai', but every feed gave the second item the category 'KATA.AI', its JSON-LD mentioned 'KATA.AI', and
    so did the weekly edition's page and e-mail."""
    make_project(tmp_path, {f"k{i}.md": article(title=f"K{i}", date=f"2025-06-1{i}T09:00:00+07:00", companies=f"[{name}]")
                            for i, name in enumerate(("Kata.ai", "KATA.AI", "Kata.ai"), 1)})
    files = build_project(tmp_path).output.files
    for path in ("feed.xml", "atom.xml", "feed.json", "companies/kata-ai/feed.xml"):
        parsed = feedparser.parse(files[path]) if not path.endswith(".json") else None
        entries = ([[t["term"] for t in e.tags] for e in parsed.entries] if parsed else
                   [item["tags"] for item in json.loads(files[path])["items"]])
        assert entries == [["Kata.ai"]] * 3, path
    page = lxml.html.document_fromstring(files["2025/06/k2/index.html"])
    news = next(d for d in map(json.loads, page.xpath("//script[@type='application/ld+json']/text()"))
                if d["@type"] == "NewsArticle")
    assert news["mentions"] == [{"@type": "Organization", "name": "Kata.ai"}]
    assert page.xpath("//a[starts-with(@href, '/companies/')]/bdi/text()") == ["Kata.ai"]
    weekly = [p for p in files if p.startswith("weekly/20")]  # the edition's page and e-mail, as the pages
    assert weekly and all(b"KATA.AI" not in files[p] for p in weekly)
    assert "Perusahaan: Kata.ai\n" in files[next(p for p in weekly if p.endswith("email.txt"))].decode()


@pytest.mark.parametrize(("written", "shown", "said"), [
    ("1900-03-01T09:00:00+07:00", "1 Maret 1900, 09:07 BMT", "1900-03-01 09:07 in Asia/Jakarta has the offset "
     "+07:07:12 (local mean time, before the zone's standard time), with seconds, which feeds, HTML and JSON-LD cannot "
     "write, so they give the same moment in UTC, 1900-03-01T02:00:00+00:00; the page shows it as the clocks there "
     "read it then, 09:07 BMT, not 09:00 UTC+07:00 as written"),
    ("Kamis, 1 Maret 1900 09.00 WIB", "1 Maret 1900, 09:07 BMT", "1900-03-01 09:07 in Asia/Jakarta has the offset "
     "+07:07:12 (local mean time, before the zone's standard time), with seconds, which feeds, HTML and JSON-LD cannot "
     "write, so they give the same moment in UTC, 1900-03-01T02:00:00+00:00; the page shows it as the clocks there "
     "read it then, 09:07 BMT, not 09:00 UTC+07:00 as written"),
    ("1900-03-01T02:00:00Z", "1 Maret 1900, 09:07 BMT", "1900-03-01 09:07 in Asia/Jakarta has the offset +07:07:12 "
     "(local mean time, before the zone's standard time), with seconds, which feeds, HTML and JSON-LD cannot write, "
     "so they give the same moment in UTC, 1900-03-01T02:00:00+00:00; the page shows it as the clocks there read it "
     "then, 09:07 BMT, not 02:00 UTC as written"),
    ("1900-03-01", "1 Maret 1900", "1900-03-01 00:00 in Asia/Jakarta has the offset +07:07:12 (local mean time, "
     "before the zone's standard time), with seconds, which feeds, HTML and JSON-LD cannot write, so they give the "
     "same moment in UTC, 1900-02-28T16:52:48+00:00; the page shows the date alone, as written"),
])
def test_a_local_mean_time_warning_says_what_the_page_shows(tmp_path: Path, written: str, shown: str,
                                                            said: str) -> None:
    """The warning said "the page shows 09:07 BMT as written" of '09:00+07:00' (the page shows the moment on
    Jakarta's clocks then, not what was written), and "00:00 BMT as written" of a date alone (the page shows the
    date alone). It says what the page shows, and "as written" only when it is."""
    make_project(tmp_path, {"2025/06/lama.md": article(date=f'"{written}"')}, config=CONFIG + "timezone: Asia/Jakarta\n")
    result = build_project(tmp_path)
    assert [str(w) for w in result.warnings] == [f"content/2025/06/lama.md:3: field 'date': warning: {said}"]
    assert f">{shown}</time>" in result.output.files["1900/03/lama/index.html"].decode()


def test_a_date_in_local_mean_time_is_written_in_utc_and_said(tmp_path: Path) -> None:
    """A historian's report: an article dated 1900-03-01 09:00 in Asia/Jakarta, whose offset was local mean time
    then (+07:07:12, until 1924), was written '+070712' in RSS, which feedparser read as 28 February 14:08 UTC, and
    '+07:07:12' in Atom, JSON Feed, the sitemap, JSON-LD and the page's <time datetime>, none of which allows seconds
    in an offset. Each now writes the same moment in UTC; the page shows the time as written; the editor is told."""
    make_project(tmp_path, {"2025/06/lama.md": article(date="1900-03-01T09:00:00")},
                 config=CONFIG + "timezone: Asia/Jakarta\n")
    result = build_project(tmp_path)
    files = result.output.files
    assert [str(w) for w in result.warnings] == [
        "content/2025/06/lama.md:3: field 'date': warning: 1900-03-01 09:00 in Asia/Jakarta has the offset +07:07:12 "
        "(local mean time, before the zone's standard time), with seconds, which feeds, HTML and JSON-LD cannot "
        "write, so they give the same moment in UTC, 1900-03-01T01:52:48+00:00; the page shows 09:00 BMT as written"]
    moment = (1900, 3, 1, 1, 52, 48)
    for path in ("feed.xml", "atom.xml"):
        etree.fromstring(files[path], STRICT)
        parsed = feedparser.parse(files[path])
        assert parsed.bozo == 0 and tuple(parsed.entries[0].published_parsed[:6]) == moment, path
    assert b"<pubDate>Thu, 01 Mar 1900 01:52:48 +0000</pubDate>" in files["feed.xml"]
    feed = json.loads(files["feed.json"])
    jsonschema.validate(feed, SCHEMA)
    assert feed["items"][0]["date_published"] == "1900-03-01T01:52:48+00:00"
    assert b"<lastmod>1900-03-01T01:52:48+00:00</lastmod>" in files["sitemap.xml"]
    page = lxml.html.document_fromstring(files["1900/03/lama/index.html"])
    ld = json.loads(page.xpath("//script[@type='application/ld+json']")[0].text)
    assert ld["datePublished"] == ld["dateModified"] == "1900-03-01T01:52:48+00:00"
    assert page.xpath("//meta[@property='article:published_time']/@content") == ["1900-03-01T01:52:48+00:00"]
    # every datetime of every page is HTML's global date and time (an offset of hours and minutes), or a date
    stamps = {value for name, data in files.items() if name.endswith(".html")
              for value in re.findall(rb'datetime="([^"]*)"', data)}
    assert b"1900-03-01T01:52:48+00:00" in stamps and b"07:07:12" not in b"".join(files.values())
    assert all(re.fullmatch(rb"\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d[+-]\d\d:\d\d)?", s) for s in stamps), stamps
    assert "1 Maret 1900, 09:00 BMT</time>" in files["1900/03/lama/index.html"].decode()
