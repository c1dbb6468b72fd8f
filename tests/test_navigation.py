"""What a reader of the default theme notices: every page reachable from the home page, the section bar,
numbered pagination, related reading, structured data a search engine can read, images and icons."""
from __future__ import annotations

from dataclasses import replace
import io
import json
import os
import shutil
import subprocess
import re
from collections import deque
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Mapping

import lxml.html
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st
from PIL import Image

from conftest import FIXTURE_SITE, article, build_project, make_project, skip_or_fail, write_files
from generator.build import BuildOptions, build
from generator.load.config import load_config
from generator.core.errors import BuildError
from generator.core.models import Article, Company
from generator.render import pages
from generator.render.pages import Pager, related_articles, related_reading
from generator.write.publish import publish
from generator.render.theme import PACKAGE_THEMES
from generator.commands.linkcheck import Site, references
from test_valid_output import PAYLOADS, injection_project

REPO = Path(__file__).resolve().parent.parent
PROJECTS = {"example": REPO, "fixture": FIXTURE_SITE}


def files_of(project: str, base_url: str = "https://example.org/digest/") -> Mapping[str, bytes]:
    return build(load_config(PROJECTS[project] / "config.yaml", {"base_url": base_url})).output.files


@pytest.fixture(scope="module", params=sorted(PROJECTS))
def site(request: pytest.FixtureRequest) -> Mapping[str, bytes]:
    return files_of(request.param)


def doc(files: Mapping[str, bytes], path: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(files[path])


def themed_pages(files: Mapping[str, bytes]) -> list[str]:
    """HTML pages made from the theme: not the redirect stubs left at moved articles' old URLs, nor the
    editions' email.html (a mail client shows it, not a browser: see tests/test_email.py)."""
    return [p for p, data in files.items() if p.endswith(".html") and b'http-equiv="refresh"' not in data
            and not p.endswith("/email.html")]


# --- every page is a link away -----------------------------------------------------------------------------


def reachable(files: Mapping[str, bytes], base: str) -> set[str]:
    """Output files a reader (or crawler) reaches by following links from the home page."""
    web = Site(files, base)
    seen, todo = {"index.html"}, deque(["index.html"])
    while todo:
        path = todo.popleft()
        for ref in references(path, files[path]):
            target = web.resolve(path, ref)
            if target and target.file in files and target.file not in seen:
                seen.add(target.file)
                todo.append(target.file)
    return seen


def test_every_page_is_reachable_by_links_from_the_home_page(site: Mapping[str, bytes]) -> None:
    pages = set(themed_pages(site)) - {"404.html"}  # the server shows 404.html; nothing links it
    assert pages - reachable(site, "https://example.org/digest/") == set()


def test_the_crawler_notices_an_unlinked_page() -> None:
    files = {"index.html": b'<!doctype html><a href="/d/a/">a</a>', "a/index.html": b"<!doctype html><p>a</p>",
             "b/index.html": b"<!doctype html><p>b</p>"}
    assert reachable(files, "/d/") == {"index.html", "a/index.html"}


def test_the_archive_index_lists_years_and_months_with_counts() -> None:
    files = files_of("fixture")
    page = files["archive/index.html"].decode()
    assert '<li><a href="/digest/2025/">2025</a> <span class="count">(4)</span>' in page
    assert '<li><a href="/digest/2025/07/">Juli 2025</a> <span class="count">(2)</span></li>' in page
    assert all(b'href="/digest/archive/"' in files[path] for path in themed_pages(files))


# --- the section bar -------------------------------------------------------------------------------------


def section_bar(files: Mapping[str, bytes], path: str) -> list[tuple[str, str | None]]:
    return [(a.text_content(), a.get("aria-current")) for a in doc(files, path).xpath("//nav[@class='sections']//a")]


def test_the_section_bar_follows_the_editors_order_then_article_counts(tmp_path: Path) -> None:
    make_project(tmp_path, {
        "a.md": article(title="A", section="Nabire"), "b.md": article(title="B", section="Asia", date="2025-06-01"),
        "c.md": article(title="C", section="Asia", date="2025-06-02"), "d.md": article(title="D", section="Eropa"),
        "e.md": article(title="E", section="aceh", date="2025-06-03"),
    }, config="title: T\nbase_url: https://example.org/\nsections: [Aceh, Kepri, Nabire]\n")
    files = build_project(tmp_path).output.files
    # 'aceh' takes the spelling config.yaml lists (it showed as written)
    assert section_bar(files, "index.html") == [("Aceh", None), ("Nabire", None), ("Asia", None), ("Eropa", None)]
    assert section_bar(files, "sections/asia/index.html")[2] == ("Asia", "page")
    article_page = next(p for p in files if p.endswith("/a/index.html"))
    assert section_bar(files, article_page)[1] == ("Nabire", "true")


def test_a_mistyped_or_repeated_section_in_config_is_a_warning_at_its_line(tmp_path: Path) -> None:
    """'Nabrie' put Nabire after the listed sections, and 'aceh' after 'Aceh' was dropped, both without a word; a
    listed region with no article yet and nothing like it (Kepri) stays quiet."""
    make_project(tmp_path, {"a.md": article(title="A", section="Nabire"), "b.md": article(title="B", section="Aceh"),
                            "c.md": article(title="C", section="Asia")},
                 config="title: T\nbase_url: https://example.org/\nsections:\n  - Aceh\n  - Kepri\n  - Nabrie\n"
                        "  - aceh\n")
    result = build_project(tmp_path)
    assert [str(p) for p in result.warnings] == [
        "config.yaml:6: field 'sections': warning: 'Nabrie' is no article's section, so the bar shows 'Nabire' after "
        "the listed ones; did you mean 'Nabire'?",
        "config.yaml:7: field 'sections': warning: 'aceh' is listed twice (as 'Aceh'); the bar shows it once, in its "
        "first place: remove the other"]
    assert section_bar(result.output.files, "index.html") == [("Aceh", None), ("Asia", None), ("Nabire", None)]


def test_sections_in_config_must_be_a_list(tmp_path: Path) -> None:
    make_project(tmp_path, {}, config="title: T\nbase_url: https://example.org/\nsections: Aceh\n")
    with pytest.raises(BuildError) as e:
        load_config(tmp_path / "config.yaml")
    assert [str(p) for p in e.value.problems] == [
        "config.yaml:3: field 'sections': must be a list of names, like sections: [Kepri, Aceh, Nabire]"]


# --- pagination ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(("number", "total", "shown"), [
    (1, 9, "1 2 3 … 9"), (9, 9, "1 … 7 8 9"), (4, 9, "1 2 3 4 5 6 … 9"), (2, 9, "1 2 3 4 … 9"),
    (5, 9, "1 2 3 4 5 6 7 8 9"),  # a '…' never stands for one page: the number takes its place
    (10, 20, "1 … 8 9 10 11 12 … 20"), (1, 1, "1")])
def test_numbered_pagination_shows_the_ends_and_the_neighbours(number: int, total: int, shown: str) -> None:
    links = Pager(number, total, (), "tags/ai/").links
    assert " ".join("…" if link is None else str(link[0]) for link in links) == shown
    assert links[0] == (1, "tags/ai/") and links[-1] == (total, "tags/ai/" if total == 1 else f"tags/ai/page/{total}/")


def test_every_later_page_of_every_list_says_halaman_n_in_title_and_heading(site: Mapping[str, bytes]) -> None:
    later = [p for p in site if re.search(r"(^|/)page/\d+/index\.html$", p)]
    assert later
    for path in later:
        n = re.search(r"page/(\d+)/", path).group(1)
        page = doc(site, path)
        assert f"Halaman {n} dari" in page.findtext(".//title"), path
        assert f"Halaman {n} dari" in page.xpath("string(//h1)"), path
        assert page.xpath(f"//nav[@class='pager']//a[@aria-current='page'][.='{n}']"), path


# --- related reading, previous and next ------------------------------------------------------------------


def item(slug: str, day: int, companies: tuple[str, ...] = (), tags: tuple[str, ...] = ()) -> Article:
    when = datetime(2025, 6, day, tzinfo=timezone(timedelta(hours=7)))
    return Article(source_path=f"{slug}.md", key=slug, slug=slug, title=slug.upper(), date=when,
                   updated=None, summary="", summary_from_body=True, source=None, tags=tags,
                   companies=tuple(Company(c, c) for c in companies), section="", author="", image="",
                   image_alt="", image_caption="", image_credit="", draft=False, body=b"",
                   path=f"2025/06/{slug}/")


def test_related_ranks_shared_companies_then_shared_tags_then_recency() -> None:
    me = item("me", 10, ("meta", "scale"), ("ai", "data"))
    articles = [
        item("tags-two", 20, (), ("AI", "data")),      # two tags, no company
        item("company-one-new", 19, ("meta",)),       # one company, newer
        item("company-one-old", 2, ("scale",), ("ai",)),  # one company and a tag: beats the newer one
        item("company-two", 1, ("meta", "scale")),     # two companies: first however old
        item("tag-one-b", 5, (), ("data",)), item("tag-one-a", 5, (), ("ai",)),  # same instant: by slug
        item("unrelated", 30, ("google",), ("robotika",)),
        me,
    ]
    related = related_articles(articles)
    assert [a.slug for a in related["2025/06/me/"]] == [
        "company-two", "company-one-old", "company-one-new", "tags-two", "tag-one-a"]
    assert related["2025/06/unrelated/"] == ()
    assert related_articles(articles[::-1]) == related


def test_related_reading_is_remembered_by_its_inputs_only() -> None:
    """The memo is reused while every article's companies, tags and place are the same (a body or a title
    may change), recomputed otherwise; picks that cannot be right for the site (a tampered cache) are ignored."""
    articles = [item("a", 3, ("meta",), ("ai",)), item("b", 2, ("meta",)), item("c", 1, (), ("ai",))]
    related, memo = related_reading(articles)
    retitled = [replace(articles[0], title="New title", body=b"<p>more</p>"), *articles[1:]]
    assert related_reading(retitled, memo=(memo[0], ((2,), (), ()))) == (
        {a.path: r for a, r in zip(retitled, ((articles[2],), (), ()))}, (memo[0], ((2,), (), ())))  # reused as is
    retagged = [replace(articles[0], tags=("data",)), *articles[1:]]
    assert related_reading(retagged, memo=memo)[1] == related_reading(retagged)[1] != memo
    for bad in (((7,), (), ()), ((0,), ())):
        assert related_reading(articles, memo=(memo[0], bad)) == (related, memo)


def related_by_scoring_all(articles: list[Article], limit: int = 5) -> dict[str, tuple[str, ...]]:
    """The definition of related reading, the slow way: score every other article, sort, take the best."""
    ordered = sorted(articles, key=lambda a: (-a.date.timestamp(), a.slug, a.source_path))
    out = {}
    for a in ordered:
        mine_c, mine_t = {c.id for c in a.companies}, {t.casefold() for t in a.tags}
        scored = [(-len(mine_c & {c.id for c in b.companies}), -len(mine_t & {t.casefold() for t in b.tags}), i, b)
                  for i, b in enumerate(ordered) if b is not a]
        out[a.path] = tuple(b.slug for c, t, _, b in sorted(scored, key=lambda x: x[:3]) if c or t)[:limit]
    return out


@pytest.mark.parametrize("whole", [256, 0, 2])
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(specs=st.lists(st.tuples(st.integers(1, 28), st.sets(st.sampled_from("abcd")),
                                st.sets(st.sampled_from("pqrstuvwxyz"))), min_size=1, max_size=40))
def test_related_reading_equals_scoring_every_article(specs: list[tuple[int, set[str], set[str]]], whole: int,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Random sites, some articles with more keys than the level search takes (it then scores them).

    ``whole``: the set size above which the search walks members in rank order instead of intersecting
    whole sets (a big site's popular tags); 0 and 2 make these small sites take that path too."""
    monkeypatch.setattr(pages, "_WHOLE", whole)
    articles = [item(f"s{n}", day, tuple(sorted(companies)), tuple(sorted(tags)))
                for n, (day, companies, tags) in enumerate(specs)]
    found = {path: tuple(a.slug for a in related) for path, related in related_articles(articles).items()}
    assert found == related_by_scoring_all(articles)


def test_an_article_page_links_related_reading_and_its_neighbours() -> None:
    files = files_of("fixture")
    page = doc(files, "2025/06/meta-scale/index.html")
    # both share Scale AI and the tag AI (written 'AI' in zz-same-time, 'ai' here): the newer one comes first
    assert page.xpath("//section[@class='related']//a/@href") == ["/digest/2025/07/zz-same-time/",
                                                                  "/digest/2025/06/google-mundur/"]
    assert page.xpath("//nav[@class='around']/a[@rel='next']/@href") == ["/digest/2025/06/google-mundur/"]
    assert page.xpath("//nav[@class='around']/a[@rel='prev']/@href") == []  # the oldest article
    crumbs = page.xpath("//nav[@class='crumbs']//a")
    assert [a.text_content() for a in crumbs][:1] == ["Beranda"] and crumbs[-1].get("aria-current") == "page"


def test_adding_an_article_updates_another_articles_related_reading_incrementally(tmp_path: Path) -> None:
    make_project(tmp_path, {
        "2025/06/a.md": article(title="A", companies="[Meta]"),
        "2025/05/b.md": article(title="B", date="2025-05-01", tags="[ai]"),
    }, config="title: T\nbase_url: https://example.org/\n", companies="meta:\n  name: Meta\n")
    config = load_config(tmp_path / "config.yaml")
    publish(config, BuildOptions(), tmp_path / "site", use_cache=True)
    page = tmp_path / "site/2025/06/a/index.html"
    assert "Baca juga" not in page.read_text()
    write_files(tmp_path, {"content/2024/01/c.md": article(title="Cerita C", date="2024-01-01", companies="[Meta]")})
    publish(config, BuildOptions(), tmp_path / "site", use_cache=True)
    assert lxml.html.fromstring(page.read_bytes()).xpath("//section[@class='related']//a/text()") == ["Cerita C"]


# --- structured data -----------------------------------------------------------------------------------


REQUIRED: dict[str, dict[str, type | tuple[type, ...]]] = {
    "NewsArticle": {"headline": str, "datePublished": str, "dateModified": str, "author": dict, "publisher": dict,
                    "url": str, "mainEntityOfPage": str},
    "BreadcrumbList": {"itemListElement": list},
    "WebSite": {"name": str, "url": str, "potentialAction": dict},
    "CollectionPage": {"name": str, "url": str, "about": dict},
}


def json_ld(files: Mapping[str, bytes], path: str) -> list[dict[str, Any]]:
    return [json.loads(s) for s in doc(files, path).xpath("//script[@type='application/ld+json']/text()")]


def check_block(block: dict[str, Any], where: str) -> None:
    assert block["@context"] == "https://schema.org", where
    kind = block["@type"]
    for name, typ in REQUIRED[kind].items():
        assert isinstance(block.get(name), typ), f"{where}: {kind}.{name} is {block.get(name)!r}"
    if kind == "NewsArticle":
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", block["datePublished"]), where
        publisher = block["publisher"]
        assert publisher["@type"] == "Organization" and publisher["name"] and publisher["logo"]["url"].startswith("https://")
        assert block["author"]["@type"] in ("Person", "Organization") and block["author"]["name"]
        for org in block.get("mentions", []) + block.get("about", []):
            assert org["@type"] == "Organization" and org["name"], where
            assert all(u.startswith("https://") for u in [org.get("url", "https://"), *org.get("sameAs", [])]), where
        assert block.get("isBasedOn", "https://").startswith(("http://", "https://")), where
    if kind == "BreadcrumbList":
        items = block["itemListElement"]
        assert [i["position"] for i in items] == list(range(1, len(items) + 1)), where
        assert all(i["@type"] == "ListItem" and i["name"] and i["item"].startswith("https://") for i in items), where
    if kind == "WebSite":
        action = block["potentialAction"]
        assert action["@type"] == "SearchAction"
        assert action["target"]["urlTemplate"].endswith("search/?q={search_term_string}")
        assert action["query-input"] == "required name=search_term_string"


def test_every_json_ld_block_parses_and_has_the_required_properties(site: Mapping[str, bytes]) -> None:
    kinds: dict[str, int] = {}
    for path in (p for p in site if p.endswith(".html")):
        for block in json_ld(site, path):
            check_block(block, path)
            kinds[block["@type"]] = kinds.get(block["@type"], 0) + 1
    articles = sum(1 for p in themed_pages(site) if re.fullmatch(r"\d{4}/\d\d/[^/]+/index\.html", p))
    assert kinds["NewsArticle"] == kinds["BreadcrumbList"] == articles
    assert kinds["WebSite"] == 1 and kinds["CollectionPage"] >= 3


def test_a_news_article_names_its_source_companies_and_publisher() -> None:
    files = files_of("fixture")
    news = json_ld(files, "2025/06/meta-scale/index.html")[0]
    assert news["isBasedOn"].startswith("https://")
    meta = next(o for o in news["mentions"] if o["name"] == "Meta")
    assert meta == {"@type": "Organization", "name": "Meta", "url": "https://about.meta.com/",
                    "sameAs": ["https://about.meta.com/"]}
    assert news["publisher"]["logo"]["url"] == "https://example.org/digest/apple-touch-icon.png"
    company = json_ld(files, "companies/meta/index.html")[0]
    assert company["@type"] == "CollectionPage" and company["about"]["name"] == "Meta"


def test_json_ld_holds_an_image_address_as_written(tmp_path: Path) -> None:
    """An image URL with '&' in its query (and a local file named with '&' and an apostrophe) came out of the
    JSON-LD as '...?w=800&amp;h=600', another address: the HTML-escaped text was JSON-encoded."""
    root = make_project(tmp_path, {
        "2025/06/a.md": article(title="A", image='"https://cdn.example.com/foto.jpg?w=800&h=600"', image_alt="Foto"),
        "2025/06/b.md": article(title="B", image="\"images/Foto & Co's.jpg\"", image_alt="Foto")})
    (root / "static/images").mkdir(parents=True)
    Image.new("RGB", (8, 8)).save(root / "static/images/Foto & Co's.jpg")
    files = build_project(root).output.files
    assert json_ld(files, "2025/06/a/index.html")[0]["image"] == ["https://cdn.example.com/foto.jpg?w=800&h=600"]
    assert json_ld(files, "2025/06/b/index.html")[0]["image"] == ["https://example.org/images/Foto%20&%20Co's.jpg"]
    og = doc(files, "2025/06/a/index.html").xpath("string(//meta[@property='og:image']/@content)")
    assert og == "https://cdn.example.com/foto.jpg?w=800&h=600"


def test_hostile_titles_cannot_break_out_of_json_ld(tmp_path: Path) -> None:
    root = injection_project(tmp_path / "hostile")
    files = build(load_config(root / "config.yaml")).output.files
    for i, payload in enumerate(PAYLOADS):
        page = files[f"2025/06/x{i:02d}/index.html"]
        assert page.count(b"</script>") == page.count(b"<script"), i
        news, crumbs = json_ld(files, f"2025/06/x{i:02d}/index.html")
        title = " ".join(re.sub("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "", f"{payload} {i}").split())
        assert news["headline"] == title and crumbs["itemListElement"][-1]["name"] == title


# --- head: descriptions, OpenGraph, colours, icons -------------------------------------------------------


def test_every_page_has_opengraph_colours_and_icons(site: Mapping[str, bytes]) -> None:
    for path in themed_pages(site):
        head = doc(site, path).find("head")
        props = {m.get("property") for m in head.iter("meta") if m.get("property")}
        assert {"og:title", "og:type", "og:site_name"} <= props, path
        assert path == "404.html" or "og:url" in props, path
        assert head.xpath("meta[@name='color-scheme']/@content") == ["light dark"], path
        assert len(head.xpath("meta[@name='theme-color']")) == 2, path
        assert head.xpath("link[@rel='icon']/@href") and head.xpath("link[@rel='apple-touch-icon']/@href"), path


def test_term_pages_describe_what_they_list() -> None:
    files = files_of("fixture")
    described = {p: doc(files, p).xpath("string(//meta[@name='description']/@content)")
                 for p in ("companies/meta/index.html", "tags/ai/index.html", "sections/kepri/index.html")}
    assert described == {
        "companies/meta/index.html": "Induk Facebook, Instagram dan WhatsApp.",
        "tags/ai/index.html": "3 artikel bertag AI di Uji Digest.",
        "sections/kepri/index.html": "1 artikel di rubrik Kepri di Uji Digest.",
    }


def test_a_site_image_is_the_default_og_image(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article(title="A")},
                 config="title: T\nbase_url: https://example.org/\nimage: images/share.png\nfavicon: ikon.ico\n")
    files = build_project(tmp_path).output.files
    for path in ("index.html", "2025/06/a/index.html"):
        assert doc(files, path).xpath("//meta[@property='og:image']/@content") == ["https://example.org/images/share.png"]
    assert doc(files, "index.html").xpath("//link[@rel='icon']/@href") == ["/ikon.ico"]


def test_an_svg_picture_is_not_the_share_preview(tmp_path: Path) -> None:
    """A reader's report: an article's SVG chart became og:image, which Facebook, X, LinkedIn and WhatsApp do not
    show, so the shared link had no picture though the site has an image of its own."""
    make_project(tmp_path, {"a.md": article(title="A", image="images/grafik.svg", image_alt="Grafik")},
                 config="title: T\nbase_url: https://example.org/\nimage: images/share.png\n")
    write_files(tmp_path, {"static/images/grafik.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="1200" '
                                                       'height="630"/>', "static/images/share.png": b""})
    page = doc(build_project(tmp_path).output.files, "2025/06/a/index.html")
    assert page.xpath("//meta[@property='og:image']/@content") == ["https://example.org/images/share.png"]
    assert page.xpath("//meta[@property='og:image:alt' or @property='og:image:width']") == []
    assert page.xpath("//meta[@name='twitter:card']/@content") == ["summary"]
    assert page.xpath("//img[contains(@src, 'grafik.svg')]"), "the page still shows it"


def test_lists_of_editions_publishers_and_pairs_describe_what_they_list() -> None:
    """A reader's report: sharing an edition, a publisher's page or 'Meta bersama OpenAI' showed the site's own
    description; each now says what it lists."""
    files = files_of("example")
    described = {p: doc(files, p).xpath("string(//meta[@name='description']/@content)")
                 for p in ("weekly/index.html", "sources/index.html", "sources/anthropic-com/index.html",
                           "companies/google/with/openai/index.html", "weekly/2023-W04/index.html")}
    assert described == {
        "weekly/index.html": "Daftar edisi mingguan di Kabar AI, masing-masing dengan jumlah artikelnya.",
        "sources/index.html": "Daftar sumber berita di Kabar AI, masing-masing dengan jumlah artikelnya.",
        "sources/anthropic-com/index.html": "1 artikel dari Anthropic di Kabar AI.",
        "companies/google/with/openai/index.html": "4 artikel dari Google bersama OpenAI di Kabar AI.",
        "weekly/2023-W04/index.html": "Edisi #2 Kabar AI: 1 artikel dari pekan 23–29 Januari 2023.",
    }


def test_an_icon_that_is_not_a_path_or_url_is_an_error(tmp_path: Path) -> None:
    make_project(tmp_path, {}, config="title: T\nbase_url: https://example.org/\nfavicon: 'javascript:x'\n")
    with pytest.raises(BuildError) as e:
        load_config(tmp_path / "config.yaml")
    assert [str(p) for p in e.value.problems] == [
        "config.yaml:3: field 'favicon': 'javascript:x' is neither an http(s) URL nor a path on this site; "
        "write one like images/logo.png (relative to the site root)"]


# --- images ----------------------------------------------------------------------------------------------


def test_a_local_image_has_its_size_smaller_copies_and_a_caption() -> None:
    files = files_of("fixture")
    img = doc(files, "2025/07/pusat-data-batam/index.html").xpath("//figure[@class='image']/img")[0]
    assert (img.get("width"), img.get("height")) == ("1000", "560")
    assert img.get("srcset") == ("/digest/_resized/images/batam-480w.jpg 480w, /digest/_resized/images/batam-960w.jpg "
                                 "960w, /digest/images/batam.jpg 1000w")
    assert Image.open(io.BytesIO(files["_resized/images/batam-480w.jpg"])).size == (480, 269)
    assert "Foto: Uji Digest" in doc(files, "2025/07/pusat-data-batam/index.html").xpath("string(//figcaption)")
    thumb = doc(files, "2025/index.html").xpath("//article[contains(@class,'item')]//img")[0]
    assert thumb.get("loading") == "lazy" and thumb.get("width") == "1000"


def test_an_image_without_alt_text_is_an_error_at_its_line(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article(title="A", image="images/a.jpg"),
                            "b.md": article(title="B", image="https://example.org/b.jpg", image_alt='""')})
    with pytest.raises(BuildError) as e:
        build_project(tmp_path)
    assert [str(p) for p in e.value.problems] == [
        "content/a.md:4: field 'image': an image needs 'image_alt:', a short description of what it shows for "
        "readers who cannot see it",
        "content/b.md:5: field 'image_alt': is empty; describe what the image shows"]


def test_a_changed_image_file_remakes_its_copies_and_pages(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article(title="A", image="images/a.png", image_alt="Kotak")})
    Image.new("RGB", (1200, 600), "red").save(tmp_path / "static-a.png")
    (tmp_path / "static/images").mkdir(parents=True)
    (tmp_path / "static-a.png").rename(tmp_path / "static/images/a.png")
    config = load_config(tmp_path / "config.yaml")
    publish(config, BuildOptions(), tmp_path / "site", use_cache=True)
    Image.new("RGB", (600, 600), "blue").save(tmp_path / "static/images/a.png")
    publish(config, BuildOptions(), tmp_path / "site", use_cache=True)
    img = lxml.html.fromstring((tmp_path / "site/2025/06/a/index.html").read_bytes()).xpath("//figure/img")[0]
    assert (img.get("width"), img.get("height")) == ("600", "600")
    assert Image.open(tmp_path / "site/_resized/images/a-480w.png").getpixel((0, 0)) == (0, 0, 255)
    assert not (tmp_path / "site/_resized/images/a-960w.png").exists()


# --- the theme's files -----------------------------------------------------------------------------------


def test_the_relative_time_script_is_tiny_and_the_page_has_the_absolute_date() -> None:
    script = (PACKAGE_THEMES / "default/static/reltime.js").read_bytes()
    assert len(script) < 1200 and b"Intl.RelativeTimeFormat" in script and b"6e4" in script
    files = files_of("fixture")
    time = doc(files, "2025/06/meta-scale/index.html").xpath("//p[@class='meta']/time[@data-rel]")[0]
    assert time.text == "13 Juni 2025, 09:00 WIB" and time.get("datetime") == "2025-06-13T09:00:00+07:00"


def test_an_image_that_links_out_of_static_is_not_read(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article(title="A", image="images/a.png", image_alt="Kotak")})
    Image.new("RGB", (800, 600), "red").save(tmp_path / "outside.png")
    (tmp_path / "static/images").mkdir(parents=True)
    (tmp_path / "static/images/a.png").symlink_to(tmp_path / "outside.png")
    files = build_project(tmp_path).output.files
    img = doc(files, "2025/06/a/index.html").xpath("//figure/img")[0]
    assert img.get("width") is None and img.get("srcset") is None
    assert not any(p.startswith("_resized/") for p in files)


def node_or_skip() -> str:
    """Node.js, which runs the theme's relative-time script; a skip without it (a failure under CI)."""
    node = shutil.which("node")
    if node is None:
        reason = "node is not on PATH (install nodejs): the relative-time script was not run"
        skip_or_fail(reason)
    return node


RUN_RELTIME = """
const times = [{dateTime: process.argv[2], dataset: {rel: ""}, nextElementSibling: null,
                after(s) { this.nextElementSibling = s; }},
               {dateTime: "not a date", dataset: {rel: ""}, nextElementSibling: null,
                after(s) { this.nextElementSibling = s; }}];
let tick = null;
global.document = {documentElement: {lang: process.argv[1]}, querySelectorAll: () => times,
                   querySelector: () => null, createElement: () => ({className: "", textContent: ""})};
global.setInterval = (f, ms) => { tick = [f, ms]; };
Date.now = () => Date.parse("2025-08-13T09:00:00+07:00");
eval(require("fs").readFileSync(process.argv[3], "utf8"));
const first = times[0].nextElementSibling.textContent;
Date.now = () => Date.parse("2025-06-13T09:05:00+07:00");
tick[0]();
console.log(JSON.stringify([first, times[0].nextElementSibling.textContent, tick[1], times[1].nextElementSibling]));
"""


@pytest.mark.parametrize(("language", "shown"), [("id", [" (2 bulan yang lalu)", " (5 menit yang lalu)"]),
                                                ("en", [" (2 months ago)", " (5 minutes ago)"])])
def test_the_relative_time_script_says_how_long_ago_and_updates_each_minute(language: str, shown: list[str]) -> None:
    node = node_or_skip()
    script = PACKAGE_THEMES / "default/static/reltime.js"
    run = subprocess.run([node, "-e", RUN_RELTIME, language, "2025-06-13T09:00:00+07:00", str(script)],
                         capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(run.stdout) == [*shown, 60000, None]  # a <time> without a valid date is left alone


RUN_RELTIME_MANY = """
const times = JSON.parse(process.argv[1]).map(([d, rel, tz]) => ({dateTime: d, dataset: {rel, tz}, nextElementSibling: null,
                                                              after(s) { this.nextElementSibling = s; }}));
global.document = {documentElement: {lang: "id"}, querySelectorAll: () => times,
                   querySelector: () => null, createElement: () => ({className: "", textContent: ""})};
global.setInterval = () => {};
Date.now = () => Date.parse(process.argv[3]);
eval(require("fs").readFileSync(process.argv[2], "utf8"));
console.log(JSON.stringify(times.map(t => t.nextElementSibling.textContent)));
"""


@pytest.mark.parametrize(("now", "shown"), [
    ("2026-12-03T12:00:00+07:00", {
        "2026-12-03T11:59:30+07:00": "sekarang", "2026-12-03T11:58:00+07:00": "2 menit yang lalu",
        "2026-12-03T09:00:00+07:00": "3 jam yang lalu", "2026-12-02T08:00:00+07:00": "kemarin",
        "2026-12-01T23:00:00+07:00": "kemarin dulu", "2026-11-20T12:00:00+07:00": "1 minggu yang lalu",
        "2026-11-03T12:00:00+07:00": "1 bulan yang lalu", "2026-11-04T12:00:00+07:00": "4 minggu yang lalu",
        "2025-12-05T09:00:00+07:00": "11 bulan yang lalu", "2025-12-03T12:00:00+07:00": "1 tahun yang lalu",
        "2025-10-30T09:00:00+07:00": "1 tahun yang lalu", "2025-01-22T09:00:00+07:00": "1 tahun yang lalu",
        "2024-02-27T09:00:00+07:00": "2 tahun yang lalu", "2023-01-24T09:00:00+07:00": "3 tahun yang lalu",
        "2026-12-10T12:00:00+07:00": "dalam 1 minggu", "2026-12-04T08:00:00+07:00": "dalam 20 jam",
        "2026-12-05T08:00:00+07:00": "lusa",
        "2026-12-03T00:00:00+07:00 day": "hari ini", "2026-12-02T00:00:00+07:00 day": "kemarin"}),
    # a reader's report: Sunday 08:00 read on Tuesday 07:00 said "kemarin" (47 hours, one whole day), 13 days
    # "minggu lalu" (last week), 25 November read on 2 January "bulan lalu", a date alone "9 jam yang lalu"
    ("2025-11-25T07:00:00+07:00", {"2025-11-23T08:00:00+07:00": "kemarin dulu",
                                   "2025-11-25T00:00:00+07:00 day": "hari ini"}),
    ("2025-12-06T07:00:00+07:00", {"2025-11-23T08:00:00+07:00": "1 minggu yang lalu"}),
    ("2026-01-02T07:00:00+07:00", {"2025-11-25T08:00:00+07:00": "1 bulan yang lalu"}),
], ids=["3 December", "two days", "thirteen days", "January"])
def test_relative_times_go_by_the_calendar(now: str, shown: dict[str, str]) -> None:
    """Days by the calendar (kemarin is the day before today), then whole weeks, months and years, told as a count
    ("1 bulan yang lalu", not "bulan lalu", which is the calendar month before this one); a date alone (data-rel
    "day", written without a time) in days. On 3 Dec 2026 the script also said "12 bulan yang lalu" for 5 Dec 2025
    but "tahun lalu" for the older 30 Oct 2025 (30-day months and 365-day years, rounded)."""
    node = node_or_skip()
    times = [[date.removesuffix(" day"), "day" if date.endswith(" day") else ""] for date in shown]
    run = subprocess.run([node, "-e", RUN_RELTIME_MANY, json.dumps(times),
                          str(PACKAGE_THEMES / "default/static/reltime.js"), now],
                         capture_output=True, text=True, timeout=60, check=True, env={**os.environ, "TZ": "Asia/Jakarta"})
    assert dict(zip(shown, json.loads(run.stdout))) == {date: f" ({text})" for date, text in shown.items()}


def test_an_english_tag_page_counts_in_the_singular_and_plural(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article(title="A", tags="[ai, data]"),
                            "b.md": article(title="B", tags="[ai]", date="2025-06-01")},
                 config="title: T\nbase_url: https://example.org/\nlanguage: en\n")
    files = build_project(tmp_path).output.files
    description = {p: doc(files, p).xpath("string(//meta[@name='description']/@content)")
                   for p in ("tags/ai/index.html", "tags/data/index.html")}
    assert description == {"tags/ai/index.html": "2 articles tagged ai on T.",
                           "tags/data/index.html": "1 article tagged data on T."}


def test_reading_time_counts_the_words_of_the_text_not_the_markup(tmp_path: Path) -> None:
    body = "Kata " * 399 + "[tautan](https://example.org/a-b-c) <b>x</b>&amp;\n"  # 401 words of text, markup left out
    files = build_project(make_project(tmp_path, {"a.md": article(body=body), "b.md": article(title="B", body="Satu.\n")})).output.files
    meta = lambda path: " ".join(doc(files, path).xpath("//article[@class='post']/p[@class='meta']")[0].text_content().split())
    assert meta("2025/06/a/index.html").endswith("· 3 menit baca")
    assert meta("2025/06/b/index.html").endswith("· 1 menit baca")


def test_a_section_problem_set_by_an_environment_file_is_named_there(tmp_path: Path) -> None:
    """`sections:` in config.staging.yaml was reported at config.yaml, a file that has no such line."""
    make_project(tmp_path, {"a.md": article(title="A", section="Nabire")},
                 config="title: T\nbase_url: https://example.org/\nsections: [Nabire]\n")
    (tmp_path / "config.staging.yaml").write_text("noindex: true\nsections:\n  - Nabrie\n")
    config = load_config(tmp_path / "config.yaml", environment="staging")
    result = build(config, BuildOptions())
    assert [str(p) for p in result.warnings] == [
        "config.staging.yaml:3: field 'sections': warning: 'Nabrie' is no article's section, so the bar shows "
        "'Nabire' after the listed ones; did you mean 'Nabire'?"]


@pytest.mark.parametrize("srcset, urls", [
    ("/_resized/images/Jakarta,%2013%20Juni-480w.jpg 480w, /images/Jakarta,%2013%20Juni.jpg 1200w",
     ["/_resized/images/Jakarta,%2013%20Juni-480w.jpg", "/images/Jakarta,%2013%20Juni.jpg"]),
    ("a.jpg,b.jpg 2x,, c.jpg 1x", ["a.jpg,b.jpg", "c.jpg"]),  # the standard's reading: a URL runs to a space
    ("a.jpg, b.jpg,", ["a.jpg", "b.jpg"]),  # commas at a URL's end end its candidate
    ("x.jpg (max-width: 4px, y) 2x, z.jpg", ["x.jpg", "z.jpg"]),
    (" ", []),
])
def test_the_link_checker_reads_a_srcset_as_browsers_do(srcset: str, urls: list[str]) -> None:
    """An article image named 'Jakarta, 13 Juni.jpg' gave a srcset browsers read as two URLs; `digest check
    --links` split it at every comma and reported 20 broken links, failing a deploy gate."""
    from generator.commands.linkcheck import srcset_urls
    assert srcset_urls(srcset) == urls


def test_a_time_under_a_day_ago_is_said_in_hours_wherever_the_reader_is() -> None:
    """A reader's report: in London at 03:00 on 5 December, an article of 06:00 WIB that day (four hours old, 23:00
    on the 4th there) read "5 Desember 2026, 06:00 WIB (kemarin)", the label against the date beside it. Under a
    day, hours; days by the calendar beyond."""
    node = node_or_skip()
    times = [["2026-12-05T06:00:00+07:00", ""], ["2026-12-04T09:00:00+07:00", ""]]
    run = subprocess.run([node, "-e", RUN_RELTIME_MANY, json.dumps(times),
                          str(PACKAGE_THEMES / "default/static/reltime.js"), "2026-12-05T03:00:00+00:00"],
                         capture_output=True, text=True, timeout=60, check=True, env={**os.environ, "TZ": "Europe/London"})
    assert json.loads(run.stdout) == [" (4 jam yang lalu)", " (kemarin)"]


@pytest.mark.parametrize(("zone", "now", "shown"), [
    ("Europe/London", "2024-05-18T20:00:00+01:00", [" (hari ini)", " (kemarin)"]),  # 19 May 02:00 WIB
    ("America/New_York", "2024-05-18T14:00:00-04:00", [" (hari ini)", " (kemarin)"]),
    ("Europe/London", "2024-05-18T17:00:00+01:00", [" (besok)", " (hari ini)"]),  # 23:00 WIB on the 18th
    ("Asia/Tokyo", "2024-05-20T01:00:00+09:00", [" (hari ini)", " (kemarin)"]),  # 19 May, 23:00 WIB
    ("Asia/Jakarta", "2024-05-20T08:00:00+07:00", [" (kemarin)", " (kemarin dulu)"])])
def test_a_date_alone_counts_days_by_the_sites_calendar(zone: str, now: str, shown: list[str]) -> None:
    """`date: 2024-05-19` (published at midnight WIB) read in London at 20:00 on the 18th, when the article was on
    the site, said "(besok)": the script took midnight of the printed date in the reader's own zone. A date alone
    is a day of the site's calendar (the zone it was written in): so it counts, for every reader, and the 19th and
    the 18th never both read "hari ini"."""
    node = node_or_skip()
    days = [["2024-05-19T00:00:00+07:00", "day", "Asia/Jakarta"], ["2024-05-18T00:00:00+07:00", "day", "Asia/Jakarta"]]
    run = subprocess.run([node, "-e", RUN_RELTIME_MANY, json.dumps(days),
                          str(PACKAGE_THEMES / "default/static/reltime.js"), now],
                         capture_output=True, text=True, timeout=60, check=True, env={**os.environ, "TZ": zone})
    assert json.loads(run.stdout) == shown


@pytest.mark.parametrize(("zone", "now", "shown"), [
    ("America/Santiago", "2025-09-08T00:30:00-03:00", [" (kemarin)", " (kemarin dulu)", " (hari ini)"]),
    ("Asia/Jakarta", "2025-09-08T00:30:00-03:00", [" (kemarin)", " (kemarin dulu)", " (hari ini)"]),
    ("America/Santiago", "2025-09-07T01:30:00-03:00", [" (hari ini)", " (kemarin)", " (besok)"]),
    ("Asia/Jakarta", "2025-09-06T23:30:00-04:00", [" (besok)", " (hari ini)", " (lusa)"])])
def test_a_date_alone_counts_days_by_the_sites_calendar_across_its_summer_time(zone: str, now: str,
                                                                                shown: list[str]) -> None:
    """In America/Santiago, whose clocks jump from 00:00 to 01:00 on 7 September 2025, the script took the site's
    clock to be the article's offset (-04:00, winter's) from now, an hour behind: at 00:30 on the 8th the 7th read
    "hari ini" and the 6th "kemarin", and a reader there at 01:30 on the 7th saw it "besok". It asks the site's zone
    (the page's data-tz) for the site's day."""
    node = node_or_skip()
    days = [[d, "day", "America/Santiago"] for d in ("2025-09-07T00:00:00-04:00", "2025-09-06T00:00:00-04:00",
                                                     "2025-09-08T00:00:00-03:00")]
    run = subprocess.run([node, "-e", RUN_RELTIME_MANY, json.dumps(days),
                          str(PACKAGE_THEMES / "default/static/reltime.js"), now],
                         capture_output=True, text=True, timeout=60, check=True, env={**os.environ, "TZ": zone})
    assert json.loads(run.stdout) == shown


def test_a_zone_the_browser_does_not_know_leaves_the_other_dates_labelled() -> None:
    """Intl throws for a zone it does not know (a browser older than the site's tz database, a theme's own
    data-tz): that date alone counts by the reader's calendar, and the script goes on to label the others."""
    node = node_or_skip()
    days = [["2025-09-07T00:00:00+07:00", "day", "Mars/Olympus_Mons"], ["2025-09-06T00:00:00+07:00", "day", "Asia/Jakarta"]]
    run = subprocess.run([node, "-e", RUN_RELTIME_MANY, json.dumps(days),
                          str(PACKAGE_THEMES / "default/static/reltime.js"), "2025-09-07T12:00:00+07:00"],
                         capture_output=True, text=True, timeout=60, check=True, env={**os.environ, "TZ": "Asia/Jakarta"})
    assert json.loads(run.stdout) == [" (hari ini)", " (kemarin)"]


def test_without_css_the_pagers_newer_and_older_read_apart(tmp_path: Path) -> None:
    """A reader's report from reader view (and a text browser): the middle page's pager read
    "« Lebih baruLebih lama »", the two links run together; so did an article's older and newer."""
    make_project(tmp_path, {f"2025/06/a{n}.md": article(title=f"A{n}", date=f"2025-06-1{n}T09:00:00+07:00")
                            for n in range(3)}, config="title: T\nbase_url: https://example.org/\npage_size: 1\n")
    files = build(load_config(tmp_path / "config.yaml")).output.files
    pagers = [" ".join(doc(files, path).xpath("string(//nav[@class='pager'])").split())
              for path in ("index.html", "page/2/index.html", "page/3/index.html")]
    assert pagers == ["Lebih lama » 1 2 3", "« Lebih baru Lebih lama » 1 2 3", "« Lebih baru 1 2 3"]
    around = doc(files, "2025/06/a1/index.html").xpath("string(//nav[@class='around'])")
    assert " ".join(around.split()) == "Artikel lebih lama A0 Artikel lebih baru A2"
