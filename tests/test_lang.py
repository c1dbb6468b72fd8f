"""An article in another language than the site's (front matter ``lang:``): the tag is checked, and pages, cards,
editions, the e-mail and feeds say the article's language, while the theme's own words keep the site's."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

import feedparser
import lxml.html
import pytest
from lxml import etree

from conftest import LANGUAGES_SITE, article, build_project, make_project, write_files
from generator.commands.cli import main
from generator.core.i18n import language_tag
from generator.render.theme import PACKAGE_THEMES
from test_navigation import node_or_skip
from test_search import fragments

STRICT_XML = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return build_project(LANGUAGES_SITE).output.files


def html(files: dict[str, bytes], path: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring(files[path])


@pytest.mark.parametrize(("written", "message"), [
    ("english", "'english' is not a language tag; did you mean 'en'? lang takes a BCP 47 tag, like en, zh-Hans or ar"),
    ("EN_us", "'EN_us' is not a language tag; did you mean 'en-US'? lang takes a BCP 47 tag, like en, zh-Hans or ar"),
    ("Bahasa Arab", "'Bahasa Arab' is not a language tag; did you mean 'ar'? lang takes a BCP 47 tag, like en, "
                    "zh-Hans or ar"),
    ("in", "'in' is not a language tag; did you mean 'id'? lang takes a BCP 47 tag, like en, zh-Hans or ar"),
    ("in-ID", "'in-ID' is not a language tag; did you mean 'id-ID'? lang takes a BCP 47 tag, like en, zh-Hans or ar"),
    ("IW", "'IW' is not a language tag; did you mean 'he'? lang takes a BCP 47 tag, like en, zh-Hans or ar"),
    ("ji", "'ji' is not a language tag; did you mean 'yi'? lang takes a BCP 47 tag, like en, zh-Hans or ar"),
    ("iw_IL", "'iw_IL' is not a language tag; did you mean 'he-IL'? lang takes a BCP 47 tag, like en, zh-Hans or "
              "ar"),
    ("sh", "'sh' is Serbo-Croatian, a code ISO 639-1 withdrew in 2000; write the language it is in: hr (Croatian), "
           "bs (Bosnian) or sr (Serbian; sr-Latn in Latin letters)"),
    ("sh-BA", "'sh-BA' is Serbo-Croatian, a code ISO 639-1 withdrew in 2000; write the language it is in: hr-BA "
              "(Croatian), bs-BA (Bosnian) or sr-BA (Serbian; sr-Latn-BA in Latin letters)"),
    ("mo", "'mo' is not a language tag; did you mean 'ro'? lang takes a BCP 47 tag, like en, zh-Hans or ar"),
    ("jw", "'jw' is not a language tag; did you mean 'jv'? lang takes a BCP 47 tag, like en, zh-Hans or ar"),
    ("xx", "'xx' is not a language tag; write a BCP 47 tag, like en, zh-Hans or ar: a language code, then a script "
           "or region if needed, joined by '-'"),
    ("en-XX", "'en-XX' is not a language tag; write a BCP 47 tag, like en, zh-Hans or ar: a language code, then a "
              "script or region if needed, joined by '-'"),
])
def test_a_tag_that_is_no_language_is_an_error_at_its_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                             written: str, message: str) -> None:
    make_project(tmp_path, {"2025/06/a.md": article(lang=f'"{written}"'), "2025/06/b.md": article(lang="zh")})
    assert main(["build", "-q", "--config", str(tmp_path / "config.yaml")]) == 1
    assert capsys.readouterr().err.splitlines() == [
        f"content/2025/06/a.md:4: field 'lang': {message}", "error: 1 problem found; nothing was written"]
    assert not (tmp_path / "site").exists()


def test_language_is_what_other_tools_call_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_project(tmp_path, {"2025/06/a.md": article(language="en")})
    assert main(["build", "-q", "--config", str(tmp_path / "config.yaml")]) == 0
    assert "content/2025/06/a.md:4: field 'language': warning: unknown field, ignored; this site calls it 'lang'" \
        in capsys.readouterr().err


def test_the_sites_own_language_or_none_gives_the_same_bytes(tmp_path: Path) -> None:
    plain = build_project(make_project(tmp_path / "a", {"2025/06/a.md": article()})).output.files
    same = build_project(make_project(tmp_path / "b", {"2025/06/a.md": article(lang="ID")})).output.files
    assert {p: d for p, d in same.items() if not p.startswith("pagefind/")} == \
        {p: d for p, d in plain.items() if not p.startswith("pagefind/")}


def test_the_article_page_is_in_its_language_and_the_themes_words_in_the_sites(files: dict[str, bytes]) -> None:
    page = html(files, "2025/06/openai-arab/index.html")
    assert (page.get("lang"), page.get("dir")) == ("ar", "rtl")
    for element, name in (("a", "skip"), ("header", "site"), ("nav", "crumbs"), ("p", "meta"), ("nav", "topics"),
                          ("section", "related"), ("nav", "around"), ("footer", "site")):
        (part,) = page.xpath(f"//{element}[@class='{name}']")
        assert (part.get("lang"), part.get("dir")) == ("id", "ltr"), name
    assert page.xpath("//h1")[0].text == "OpenAI تفتح مكتبا في جاكرتا"  # in the page's language
    assert page.xpath("//p[@class='meta']/time")[0].text == "11 Juni 2025, 09:00 WIB"
    (news,) = [json.loads(s.text) for s in page.xpath("//script[@type='application/ld+json']")
               if json.loads(s.text)["@type"] == "NewsArticle"]
    assert news["inLanguage"] == "ar"
    english = html(files, "2025/06/openai-jakarta/index.html")
    assert (english.get("lang"), english.get("dir")) == ("en", None)
    (header,) = english.xpath("//header[@class='site']")
    assert (header.get("lang"), header.get("dir")) == ("id", None)
    assert html(files, "2025/06/ai-zhongwen/index.html").get("lang") == "zh-Hans"  # written 'zh-hans'
    own = html(files, "2025/06/pusat-data/index.html")
    assert (own.get("lang"), own.xpath("//header[@class='site']")[0].get("lang")) == ("id", None)
    assert b' lang="id" dir="ltr"' not in files["2025/06/pusat-data/index.html"]


@pytest.mark.parametrize(("path", "locale"), [("2025/06/openai-arab/index.html", "ar_EG"),
                                              ("2025/06/openai-jakarta/index.html", "en_US"),
                                              ("2025/06/ai-zhongwen/index.html", "zh_CN"),
                                              ("2025/06/pusat-data/index.html", "id_ID"), ("index.html", "id_ID")])
def test_a_share_preview_says_the_articles_locale(files: dict[str, bytes], path: str, locale: str) -> None:
    """og:locale said 'id_ID' on an Arabic article; the site's is no og:locale:alternate: the page is in one."""
    page = html(files, path)
    assert [m.get("content") for m in page.xpath("//meta[@property='og:locale']")] == [locale]
    assert not page.xpath("//meta[@property='og:locale:alternate']")
def test_the_headline_and_summary_take_the_articles_direction(files: dict[str, bytes]) -> None:
    """An Arabic headline beginning with "OpenAI" had ``dir="auto"``, so it was laid out left to right above a
    right-to-left body (and an English one beginning with an Arabic name the other way). With ``lang:`` they take
    the page's direction; an article in the site's language keeps ``dir="auto"``."""
    def direction(path: str, xpath: str) -> str:
        (element,) = html(files, path).xpath(xpath)
        return next((e.get("dir") for e in element.iterancestors() if e.get("dir")), "ltr") \
            if element.get("dir") is None else element.get("dir")
    for path, expected in (("2025/06/openai-arab/index.html", "rtl"), ("2025/06/openai-jakarta/index.html", "ltr"),
                           ("2025/06/pusat-data/index.html", "auto")):
        assert [direction(path, "//h1"), direction(path, "//p[@class='lead']")] == [expected, expected], path


def test_a_region_that_writes_its_language_in_another_script_gives_that_direction(tmp_path: Path) -> None:
    """The direction was looked up by the language alone: Punjabi in Pakistan, Azerbaijani in Iran, Uzbek in
    Afghanistan and Kurdish in Iraq (written in Arabic script there) got no ``dir="rtl"``, and Sindhi in India
    (Devanagari) got one. CLDR's likely script for language and region comes first; a script written wins."""
    expected = {"pa-PK": "rtl", "az-IR": "rtl", "uz-AF": "rtl", "ku-IQ": "rtl", "sd-IN": None, "sd": "rtl",
                "pa": None, "ar-EG": "rtl", "sd-Arab-IN": "rtl", "pa-Guru-PK": None}
    root = make_project(tmp_path, {f"2025/06/{i}.md": article(title=f"A{i}", lang=tag)
                                   for i, tag in enumerate(expected)})
    files = build_project(root).output.files
    pages = {tag: html(files, f"2025/06/{i}/index.html") for i, tag in enumerate(expected)}
    assert {tag: page.get("dir") for tag, page in pages.items()} == expected
    assert [tag for tag, page in pages.items() if page.get("lang") != tag] == []


@pytest.mark.parametrize("body", [
    "## First\n\nOne.\n\n## Second\n\nTwo.\n",  # rendered by markdown-it-pyrs
    "## First\n\nOne.[^1]\n\n## Second\n\nTwo.\n\n[^1]: A note.\n",  # footnotes: by markdown-it-py
], ids=["fast", "footnotes"])
def test_the_themes_words_in_a_body_in_another_language_say_the_sites(tmp_path: Path, body: str) -> None:
    """In a ``lang: en`` article the labels the renderer adds ("Daftar isi", "Tautan ke bagian ini", "Catatan kaki
    1", "Kembali ke teks catatan 1", "Catatan kaki") were read by a screen reader with English rules. They say
    ``lang="id"``; the article's own words in the table of contents and the notes stay in its language, and a body
    in the site's language has no ``lang`` at all."""
    root = make_project(tmp_path, {"2025/06/en.md": article(title="E", lang="en", toc="true", body=body),
                                   "2025/06/id.md": article(title="I", toc="true", body=body)})
    files = build_project(root).output.files

    def lang(element: lxml.html.HtmlElement) -> str | None:
        return next((e.get("lang") for e in (element, *element.iterancestors()) if e.get("lang")), None)
    (main,) = html(files, "2025/06/en/index.html").xpath("//div[@class='body']")
    labelled = main.xpath(".//*[@aria-label]")
    assert len(labelled) == (3 if "[^1]" not in body else 6)  # a "#" link per heading
    assert {el.get("aria-label"): lang(el) for el in labelled} == {label: "id" for label in (
        "Daftar isi", "Tautan ke bagian ini", *(("Catatan kaki 1", "Kembali ke teks catatan 1", "Catatan kaki")
                                                if "[^1]" in body else ()))}
    words = main.xpath(".//nav[@class='toc']//a | .//h2 | .//li[@class='footnote-item']/p")
    assert len(words) == (4 if "[^1]" not in body else 5) and {lang(el) for el in words} == {"en"}
    (own,) = html(files, "2025/06/id/index.html").xpath("//div[@class='body']")
    assert own.xpath(".//nav[@aria-label='Daftar isi']") and not own.xpath(".//*[@lang]")


def test_related_and_neighbouring_titles_say_their_language(files: dict[str, bytes]) -> None:
    page = html(files, "2025/06/openai-jakarta/index.html")
    related = {a.get("href"): (a.get("lang"), a.get("dir")) for a in page.xpath("//section[@class='related']//a")}
    assert related["/2025/06/openai-arab/"] == ("ar", "rtl")
    assert related["/2025/06/pusat-data/"] == (None, "auto")
    (newer,) = page.xpath("//nav[@class='around']/a[@rel='next']/bdi")
    assert (newer.get("lang"), newer.get("dir")) == ("ar", "rtl")


@pytest.mark.parametrize("path", ["index.html", "tags/ai/index.html", "2025/06/index.html", "weekly/2025-W24/index.html",
                                  "weekly/2025-W24/email.html"])
def test_cards_and_headlines_in_lists_editions_and_the_email_say_their_language(files: dict[str, bytes],
                                                                                 path: str) -> None:
    page = html(files, path)
    assert page.get("lang") == "id"
    headlines = {a.get("href").removeprefix("https://example.org"): a.getparent() for a in page.xpath("//h2/a | //h3/a")
                 if "/2025/06/" in a.get("href")}
    said = {href: (h.get("lang"), h.get("dir")) for href, h in headlines.items()}
    assert said == {"/2025/06/openai-arab/": ("ar", "rtl"), "/2025/06/openai-jakarta/": ("en", "auto"),
                    "/2025/06/ai-zhongwen/": ("zh-Hans", "auto"), "/2025/06/pusat-data/": (None, "auto")}
    summary = headlines["/2025/06/openai-arab/"].getnext().getnext()
    assert (summary.text, summary.get("lang"), summary.get("dir")) == ("ستوظف الشركة مهندسين.", "ar", "rtl")
    if path.endswith("email.html"):  # aligned at the right as the blocks the build finds right-to-left
        assert "text-align: right" in summary.get("style")


def test_feeds_give_each_item_its_language(files: dict[str, bytes]) -> None:
    expected = {"https://example.org/2025/06/openai-arab/": "ar", "https://example.org/2025/06/openai-jakarta/": "en",
                "https://example.org/2025/06/ai-zhongwen/": "zh-Hans", "https://example.org/2025/06/pusat-data/": "id"}
    for path in ("feed.xml", "atom.xml"):
        etree.fromstring(files[path], STRICT_XML)
        parsed = feedparser.parse(files[path])
        assert parsed.bozo == 0, parsed.get("bozo_exception")
        got = {e.link: e.title_detail.get("language") or parsed.feed.get("language") for e in parsed.entries}
        assert got == expected, path
    items = json.loads(files["feed.json"])["items"]
    assert {i["url"]: i.get("language") for i in items} == {**expected, "https://example.org/2025/06/pusat-data/": None}
    arab = next(i for i in items if i["url"].endswith("openai-arab/"))
    assert '<p lang="id"><a href="https://www.aljazeera.net/">Baca artikel selengkapnya di' in arab["content_html"]


def test_the_weekly_feed_gives_each_headline_its_language(files: dict[str, bytes]) -> None:
    (item,) = json.loads(files["weekly/feed.json"])["items"]
    assert '<li lang="ar" dir="rtl"><a href="https://example.org/2025/06/openai-arab/">' in item["content_html"]
    assert '<li><a href="https://example.org/2025/06/pusat-data/">' in item["content_html"]


ARABIC_TITLE = "GPT-5 من OpenAI: أسبوع حافل"


@pytest.mark.parametrize(("lang", "title", "attrs", "isolated"), [
    ("ar", ARABIC_TITLE, ' lang="ar" dir="rtl"', f"\u2067{ARABIC_TITLE}\u2069"),
    ("en", "Week of AI", ' lang="en"', "\u2068Week of AI\u2069"),
])
def test_a_weekly_notes_title_and_its_feed_content_say_the_notes_language(tmp_path: Path, lang: str, title: str,
                                                                          attrs: str, isolated: str) -> None:
    """An attacker's report: a note's lang: reached only its body. The edition's <h1>, its entry in /weekly/ and the
    email's <h1> said the title in the site's language (Chromium laid the Arabic title out left to right, 'GPT-5' at
    the left), and the weekly feeds' content put the note with no lang or dir (feedparser read it as 'id'). The
    title says the note's language and direction, its label ('Edisi #1: ') the site's; the feeds' note is in a
    <div> saying them, as a headline's <li> does."""
    make_project(tmp_path, {"2025/06/a.md": article()})
    write_files(tmp_path, {"content/weekly/2025-W24.md": f'---\ntitle: "{title}"\nlang: {lang}\n---\nCatatan.\n'})
    files = build_project(tmp_path).output.files
    assert f"<h1>Edisi #1: <bdi{attrs}>{title}</bdi></h1>" in files["weekly/2025-W24/index.html"].decode()
    assert f'<li><a href="/weekly/2025-W24/">Edisi #1: <bdi{attrs}>{title}</bdi></a>' in files["weekly/index.html"].decode()
    [h1] = lxml.html.document_fromstring(files["weekly/2025-W24/email.html"]).xpath("//h1")
    [span] = h1  # mail clients drop <bdi>: the isolate characters stay, in a <span> saying the language
    assert (h1.text, span.text, span.get("lang"), span.get("dir")) == ("Edisi #1: ", isolated, lang, attrs.partition(
        "dir=")[2].strip('"') or None)
    said = dict(attr.split("=") for attr in attrs.replace('"', "").split())
    [item] = json.loads(files["weekly/feed.json"])["items"]
    for path, content in [*((p, feedparser.parse(files[p]).entries[0]) for p in ("weekly/feed.xml", "weekly/atom.xml")),
                          ("weekly/feed.json", {"title": item["title"], "content": [{"value": item["content_html"]}]})]:
        assert content["title"] == f"Edisi #1: {isolated}"
        note = lxml.html.fragments_fromstring(content["content"][0]["value"])[0]
        assert (note.tag, dict(note.attrib), note.text_content().strip(), note.getnext().tag) == ("div", said,
                                                                                                 "Catatan.", "h2"), path
    assert "language" not in item  # the edition's own words (its sections, the headlines' list) are the site's


def test_search_keeps_one_index_in_the_sites_language(files: dict[str, bytes]) -> None:
    entry = json.loads(files["pagefind/pagefind-entry.json"])
    assert list(entry["languages"]) == ["id"]
    assert entry["languages"]["id"]["page_count"] == 4


def test_each_search_record_carries_its_articles_language(files: dict[str, bytes]) -> None:
    """search.js gives a result's headline and excerpt these (tests/test_browser.py sees it in Chromium)."""
    said = {f["url"]: (f["meta"].get("lang"), f["meta"].get("dir")) for f in fragments(files)}
    assert said == {"/2025/06/openai-arab/": ("ar", "rtl"), "/2025/06/openai-jakarta/": ("en", None),
                    "/2025/06/ai-zhongwen/": ("zh-Hans", None), "/2025/06/pusat-data/": (None, None)}


RUN_RELTIME_IN_ARABIC_PAGE = """
const time = {dateTime: "2025-06-11T09:00:00+07:00", dataset: {rel: ""}, nextElementSibling: null,
              after(s) { this.nextElementSibling = s; }};
global.document = {documentElement: {lang: "ar"}, querySelectorAll: () => [time],
                   querySelector: (s) => s == "header[lang]" ? {lang: "id"} : null,
                   createElement: () => ({className: "", textContent: ""})};
global.setInterval = () => {};
Date.now = () => Date.parse("2025-08-13T09:00:00+07:00");
eval(require("fs").readFileSync(process.argv[1], "utf8"));
console.log(JSON.stringify(time.nextElementSibling.textContent));
"""


def test_relative_times_on_a_page_in_another_language_are_in_the_sites(files: dict[str, bytes]) -> None:
    """reltime.js took ``<html lang>``: an Arabic article's date line said "(منذ شهرين)" among Indonesian words."""
    assert b'<header class="site" lang="id" dir="ltr">' in files["2025/06/openai-arab/index.html"]
    run = subprocess.run([node_or_skip(), "-e", RUN_RELTIME_IN_ARABIC_PAGE,
                          str(PACKAGE_THEMES / "default/static/reltime.js")],
                         capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(run.stdout) == " (2 bulan yang lalu)"


@pytest.mark.parametrize("written", ["tl", "tw"])
def test_a_current_code_cldr_reads_as_another_is_kept(written: str) -> None:
    """CLDR's aliases read Tagalog as Filipino ('tl' → 'fil') and Twi as Akan ('tw' → 'ak'), but both are current
    ISO 639-1 codes, unlike 'sh', which ISO 639-1 withdrew: they are taken as written."""
    assert language_tag(written) == written
