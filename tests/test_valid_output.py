"""Valid output: links resolve, feeds and sitemap parse, the Nu checker finds no error, pages stay light,
and nothing that content smuggles in can script a reader's browser or feed reader."""
from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
from functools import cache
from pathlib import Path
from typing import Iterator, Mapping

import feedparser
import lxml.html
import pytest
from lxml import etree

from conftest import FIXTURE_SITE, LANGUAGES_SITE, make_project, skip_or_fail
from generator.build import build
from generator.load.config import load_config
from generator.core.errors import BuildError
from generator.write.output import write_site
from generator.commands.linkcheck import Site, broken_links

REPO = Path(__file__).resolve().parent.parent
LOCAL_VNU_JAR = REPO / ".ci" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
"""Where `.ci/run` (or `npm install --prefix .ci vnu-jar`) puts the Nu checker."""
PROJECTS = {"example": REPO, "fixture": FIXTURE_SITE, "languages": LANGUAGES_SITE}
BASE_URLS = ("https://example.org/", "https://example.org/digest/")
BUILDS = [(name, base) for name in PROJECTS for base in BASE_URLS]
BUILD_IDS = [f"{name}-{'root' if base.endswith('.org/') else 'digest'}" for name, base in BUILDS]
STRICT_XML = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
PAGE_BUDGET = 30 * 1024
"""Bytes of HTML plus the CSS and JavaScript it links, per page (images and a search index apart)."""


@cache
def built(project: str, base_url: str) -> Mapping[str, bytes]:
    root = PROJECTS[project]
    return build(load_config(root / "config.yaml", {"base_url": base_url})).output.files


def feeds(files: Mapping[str, bytes]) -> list[str]:
    return [path for path in files if path.endswith("feed.xml")]


def pages(files: Mapping[str, bytes]) -> list[str]:
    return [path for path in files if path.endswith(".html")]


def reader_pages(files: Mapping[str, bytes]) -> list[str]:
    """Pages a reader sees: not the redirect pages left at the old addresses of moved articles."""
    return [path for path in pages(files) if b'http-equiv="refresh"' not in files[path]]


# --- links -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("project", "base_url"), BUILDS, ids=BUILD_IDS)
def test_every_internal_link_resolves(project: str, base_url: str) -> None:
    files = built(project, base_url)
    assert broken_links(files, base_url) == []


def test_link_checker_finds_what_is_broken() -> None:
    page = b"""<!doctype html><html><head><link rel="stylesheet" href="/d/missing.css"></head><body>
        <main id="main"><a href="/d/a/">ok</a> <a href="a/#here">ok</a> <a href="#main">ok</a>
        <a href="https://example.org/d/a/">ok</a> <a href="https://elsewhere.example/x">external</a>
        <a href="https://example.org/other/">the same host, another site</a>
        <a href="/d/b/">no page</a> <a href="/d/a/#nowhere">no id</a> <a href="/d/a">no slash</a>
        <a href="/d/a/#fn2">renamed note</a> <a href="/d/a/#fnref3">no note</a>
        <a href="/other/">outside the base path</a> <a href="../../x/">above the root</a>
        <img src="https://example.org/d/logo.png" srcset="/d/a/index.html 1x, /d/big.png 2x" alt=""></main>
        </body></html>"""
    files = {
        "index.html": page,
        "a/index.html": b'<!doctype html><html><body><p id="here">x</p><li id="n2-fn2">n</li></body></html>',
        "feed.xml": b'<rss version="2.0"><channel><link>https://example.org/d/</link><item>'
                    b'<link>https://example.org/d/gone/</link><guid>https://example.org/d/gone/</guid></item>'
                    b'</channel></rss>',
        "sitemap.xml": b'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                       b'<url><loc>https://example.org/d/a/</loc></url><url><loc>https://example.org/d/c/</loc></url>'
                       b'</urlset>',
    }
    none = "no file of the site is at that address"
    assert broken_links(files, "https://example.org/d/") == [
        ("feed.xml", "https://example.org/d/gone/", none),
        ("index.html", "../../x/", none),
        ("index.html", "/d/a", "a folder without its '/' (a host answers it only with a redirect); end the address "
                               "with '/'"),
        ("index.html", "/d/a/#fn2", "a/index.html is there, but its footnotes' ids have the prefix 'n2-' (its raw "
                                    "HTML has an element with a footnote's id); write '#n2-fn2'"),
        ("index.html", "/d/a/#fnref3", "a/index.html is there, but has no footnote 'fnref3' for the '#' to jump to "
                                       "(footnotes are numbered in order: 'fn1' is the first note, 'fnref1' its mark)"),
        ("index.html", "/d/a/#nowhere", "a/index.html is there, but has no id 'nowhere' for the '#' to jump to (a "
                                        "heading's id changes with its text)"),
        ("index.html", "/d/b/", none), ("index.html", "/d/big.png", none), ("index.html", "/d/missing.css", none),
        ("index.html", "/other/", none), ("index.html", "https://example.org/d/logo.png", none),
        ("sitemap.xml", "https://example.org/d/c/", none),
    ]
    assert [ref for _, ref, _ in broken_links(files, "/d/")] == [
        "../../x/", "/d/a", "/d/a/#fn2", "/d/a/#fnref3", "/d/a/#nowhere", "/d/b/", "/d/big.png", "/d/missing.css",
        "/other/"]



def test_the_crawl_finds_every_player_address_whatever_lxml_nests_it_in() -> None:
    """libxml2's HTML parser takes <source> and <track> for no void elements: what follows one is nested inside it
    (a second <source>, the <track>, the fallback text's link, a <picture>'s <img>), where a browser makes them
    siblings. The crawl reads every element of the tree, so each missing address is reported all the same, and
    the ids inside are still targets."""
    page = (b'<!doctype html><html><head><title>x</title></head><body>\n'
            b'<video controls poster="/d/p.jpg"><source src="/d/v.webm" type="video/webm">\n'
            b'<source src="/d/v.mp4" type="video/mp4"><track kind="captions" src="/d/c.vtt" srclang="id">\n'
            b'Tonton di <a id="situs" href="/d/tidak-ada/">situs</a>.</video>\n'
            b'<p><audio><source src=/d/a.mp3><track src=/d/t.vtt></audio><a href="#situs">x</a></p>\n'
            b'<picture><source srcset="/d/a.webp 1x, /d/b.webp 2x"><img src="/d/i.jpg" alt=""></picture>\n'
            b'</body></html>')
    files = {"index.html": page, "p.jpg": b"", "v.mp4": b"", "b.webp": b"", "i.jpg": b""}
    none = "no file of the site is at that address"
    assert broken_links(files, "/d/") == [("index.html", ref, none) for ref in (
        "/d/a.mp3", "/d/a.webp", "/d/c.vtt", "/d/t.vtt", "/d/tidak-ada/", "/d/v.webm")]


# --- feeds and sitemap -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("project", "base_url"), BUILDS, ids=BUILD_IDS)
def test_every_feed_parses_strictly(project: str, base_url: str) -> None:
    files = built(project, base_url)
    assert feeds(files)
    for path in feeds(files):
        root = etree.fromstring(files[path], STRICT_XML)
        assert root.tag == "rss", path
        parsed = feedparser.parse(files[path])
        assert parsed.bozo == 0, f"{path}: {parsed.get('bozo_exception')}"
        assert parsed.feed.link.startswith(base_url), path


@pytest.mark.parametrize(("project", "base_url"), BUILDS, ids=BUILD_IDS)
def test_sitemap_lists_every_page_by_absolute_url(project: str, base_url: str) -> None:
    files = built(project, base_url)
    root = etree.fromstring(files["sitemap.xml"], STRICT_XML)
    locs = [loc.text for loc in root.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    assert all(loc and loc.startswith(base_url) for loc in locs), [loc for loc in locs if not loc.startswith(base_url)]
    assert len(locs) == len(set(locs))
    expected = {base_url + p.removesuffix("index.html") for p in reader_pages(files) if p.endswith("index.html")}
    assert set(locs) == expected


# --- the Nu HTML checker -----------------------------------------------------------------------------------


def vnu_command() -> list[str]:
    """`java -jar vnu.jar`, or skip (a failure when $CI is set: CI must never skip this check silently)."""
    jar = os.environ.get("VNU_JAR", "")
    if jar and not Path(jar).is_file():
        pytest.fail(f"VNU_JAR={jar} is not a file; run .ci/run or `npm install --prefix .ci vnu-jar`")
    jar = jar or (str(LOCAL_VNU_JAR) if LOCAL_VNU_JAR.is_file() else "")
    java = shutil.which("java")
    missing = [why for why, absent in (
        ("VNU_JAR is not set and .ci/node_modules has no vnu.jar (run `npm install --prefix .ci vnu-jar`)", not jar),
        ("java is not on PATH (install a JRE, e.g. default-jre-headless)", not java)) if absent]
    if missing:
        reason = "Nu HTML checker unavailable: " + "; ".join(missing)
        skip_or_fail(reason)
    return [str(java), "-jar", jar]


def test_nu_html_checker_finds_no_errors(tmp_path: Path) -> None:
    command = vnu_command()
    example = tmp_path / "example"
    write_site(build(load_config(REPO / "config.yaml")).output, example)
    hostile = injection_project(tmp_path / "hostile")
    write_site(build(load_config(hostile / "config.yaml")).output, tmp_path / "hostile-site")
    write_site(build(load_config(LANGUAGES_SITE / "config.yaml")).output, tmp_path / "languages-site")
    run = subprocess.run([*command, "--errors-only", "--skip-non-html", "--format", "json",
                          str(example), str(tmp_path / "hostile-site"), str(tmp_path / "languages-site")],
                         capture_output=True, text=True, timeout=300)
    try:
        report = json.loads(run.stderr)
    except json.JSONDecodeError:
        pytest.fail(f"vnu exited {run.returncode} without a JSON report:\n{run.stderr}{run.stdout}")
    errors = [f"{m.get('url', '').removeprefix('file:' + str(tmp_path))}:{m.get('lastLine', '?')}: {m['message']}"
              for m in report["messages"] if m["type"] != "info"]
    assert not errors, "\n".join(errors)
    assert run.returncode == 0


# --- page shape and weight ---------------------------------------------------------------------------------


def test_every_page_fits_the_weight_budget() -> None:
    base_url = "https://example.org/"
    files = built("example", base_url)
    site = Site(files, base_url)
    heavy = {}
    for path in pages(files):
        doc = lxml.html.document_fromstring(files[path])
        sheets = doc.xpath("//link[@rel='stylesheet']/@href") + doc.xpath("//script/@src")
        targets = [site.resolve(path, href) for href in sheets]
        assert all(t and t.file in files for t in targets), f"{path} links a stylesheet or script not in the output"
        weight = len(files[path]) + sum(len(files[t.file]) for t in targets if t and t.file)
        if weight > PAGE_BUDGET:
            heavy[path] = weight
    assert heavy == {}


@pytest.mark.parametrize("project", PROJECTS)
def test_every_page_has_the_basic_structure(project: str) -> None:
    files = built(project, BASE_URLS[1])
    for path in reader_pages(files):
        if path.endswith("/email.html"):  # an email, not a site page: tests/test_email.py checks its structure
            continue
        doc = lxml.html.document_fromstring(files[path])
        assert doc.get("lang"), f"{path}: <html> has no lang"
        assert len(doc.xpath("//h1")) == 1, f"{path}: needs exactly one <h1>"
        assert len(doc.xpath("//main")) == 1, f"{path}: needs one <main>"
        assert doc.xpath("//head/meta[@name='viewport']/@content"), f"{path}: no viewport meta"
        assert doc.xpath("//head/link[@rel='alternate'][@type='application/rss+xml']/@href"), f"{path}: no feed link"


# --- hostile content ---------------------------------------------------------------------------------------


PAYLOADS = (
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<ScRiPt >alert(1)</sCrIpT>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "\"><script>alert(1)</script>",
    "'><img src=x onerror=alert(1)>",
    "\" onmouseover=\"alert(1)\" x=\"",
    "javascript:alert(1)",
    " JaVaScRiPt:alert(1)",
    "&#106;avascript:alert(1)",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "<a href=\"javascript:alert(1)\">x</a>",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "]]><script>alert(1)</script>",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<!--<script>alert(1)</script>-->",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
    "bell\a escape\x1b[31m nul\x00 del\x7f",
)
"""Text an editor might paste from a hostile page into any front-matter field."""

HOSTILE_BODY = """\
<script>alert(1)</script>
<img src=x onerror=alert(1)>
<a href="javascript:alert(1)">raw</a>
<iframe src="data:text/html,<script>alert(1)</script>"></iframe>
<svg><script>alert(1)</script></svg>
<div onclick="alert(1)">x</div>
<style>body{background:url("javascript:alert(1)")}</style>
<object data="javascript:alert(1)"></object><embed src="javascript:alert(1)">
<meta http-equiv="refresh" content="0;url=javascript:alert(1)">
<base href="javascript:alert(1)//">
<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">x</button></form>

<div>
<script>alert(1)</script>
</div>

[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c]( javascript:alert(1)) [d](<javascript:alert(1)>)
[e](&#106;avascript:alert(1)) [f](&#x6A;avascript&#x3A;alert(1)) [g](javascript&colon;alert(1))
[h](vbscript:msgbox(1)) [i](VBScript:msgbox(1)) [j](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
[k](DATA:TEXT/HTML,alert(1)) [l](java&#9;script:alert(1)) [m](java%0ascript:alert(1)) [n](&#x20;javascript:alert(1))
[o][ref] [p](https://example.org/ "\\" onmouseover=\\"alert(1)") [q](https://example.org/x"onmouseover="alert(1))
[r](<java
script:alert(1)>) [s](javascript:alert(1) "title")

![t](javascript:alert(1)) ![u](data:text/html,alert(1)) ![v](" onerror="alert(1)) ![w](x onerror=alert(1))

<javascript:alert(1)> <JAVASCRIPT:alert(1)> <vbscript:msgbox(1)> <data:text/html,alert(1)>
<https://example.org/"onmouseover="alert(1)">

`<script>alert(1)</script>` and ]]> and <![CDATA[x]]>

    <script>alert(1)</script>

[ref]: javascript:alert(1)
"""
"""Every way we know to get script into Markdown: raw HTML, links, images, autolinks, entities, case, spaces."""

HOSTILE_COMPANIES = """\
evil:
  name: "<script>alert(1)</script> Evil"
  aliases: ["<img src=x onerror=alert(1)>", "javascript:alert(1)"]
  url: "https://example.org/\\"><script>alert(1)</script>"
  description: "<a href=\\"javascript:alert(1)\\">x</a> <svg onload=alert(1)> \\a\\x1b"
"""

BAD_SCHEME = re.compile(r"^(?:javascript|vbscript|livescript|data):", re.IGNORECASE)
SAFE_DATA = re.compile(r"^data:image/(?:gif|png|jpeg|webp);", re.IGNORECASE)
URL_ATTRIBUTES = frozenset({"href", "src", "srcset", "action", "formaction", "poster", "data", "cite", "background",
                            "longdesc", "usemap", "manifest", "ping", "xlink:href", "codebase", "classid", "lowsrc",
                            "dynsrc", "profile", "formtarget", "icon"})
SCRIPTABLE = frozenset({"script", "iframe", "frame", "object", "embed", "applet", "base", "form", "style", "svg",
                        "math"})


def quoted(text: str) -> str:
    """A YAML double-quoted scalar (JSON's escaping is valid YAML)."""
    return json.dumps(text)


def injection_project(root: Path) -> Path:
    """A project whose every article field, and the company registry, carries a hostile payload."""
    articles = {}
    for i, payload in enumerate(PAYLOADS):
        other = PAYLOADS[(i + 1) % len(PAYLOADS)]
        articles[f"2025/06/x{i:02d}.md"] = "\n".join([
            "---",
            f"title: {quoted(f'{payload} {i}')}",
            f"date: 2025-06-{i + 1:02d}T09:00:00+07:00",
            f"summary: {quoted(payload + ' ' + other)}",
            "source:",
            f"  name: {quoted(payload)}",
            f"  url: {quoted(f'https://example.org/{i}?q=' + chr(34) + '><script>alert(1)</script>')}",
            f"tags: [{quoted(f'{payload} t{i}')}, {quoted(f'{other} u{i}')}]",
            f"companies: [{quoted(f'{payload} c{i}')}, \"<img src=x onerror=alert(1)>\"]",
            f"section: {quoted(f'{payload} s{i}')}",
            f"author: {quoted(payload)}",
            f"image: {quoted(payload)}",
            f"image_alt: {quoted(other)}",
            f"image_caption: {quoted(payload)}",
            f"image_credit: {quoted(other)}",
            "---",
            HOSTILE_BODY,
        ])
    return make_project(root, articles, config="title: Hostile\nbase_url: https://example.org/digest/\n",
                        companies=HOSTILE_COMPANIES)


def unsafe_url(value: str) -> bool:
    """Would a browser run this URL? It strips spaces and controls around it, and tabs and newlines inside."""
    url = re.sub(r"[\t\n\r]", "", value.strip("".join(map(chr, range(0x21)))))
    return bool(BAD_SCHEME.match(url)) and not SAFE_DATA.match(url)


def is_sparkline(element: etree._Element) -> bool:
    """The theme's own company sparkline: an <svg class="sparkline"> of one polyline or circle (its
    attributes are still checked below), which content cannot make since Markdown's raw HTML is off."""
    shapes = [str(child.tag).lower() for child in element]
    return (str(element.tag).lower() == "svg" and element.get("class") == "sparkline"
            and len(shapes) == 1 and shapes[0] in ("polyline", "circle") and not len(element[0]))


THEME_SCRIPT = "reltime.js"
"""The one script file the default theme loads (relative time); it is static and holds no content."""


def allowed_script(element: lxml.html.HtmlElement) -> bool:
    """JSON-LD that parses as JSON, or the theme's own script file: the scripts a page may have."""
    if element.get("type") == "application/ld+json" and set(element.attrib) == {"type"}:
        try:
            json.loads(element.text or "")
        except json.JSONDecodeError:
            return False  # a title closed the <script> early and cut the JSON short
        return len(element) == 0
    return (set(element.attrib) == {"src", "defer"} and not (element.text or "").strip()
            and element.get("src", "").rsplit("/", 1)[-1] in (THEME_SCRIPT, "search.js", "embed.js"))


def unsafe_html(root: lxml.html.HtmlElement) -> Iterator[str]:
    """Every element, handler attribute or URL in ``root`` that could run script."""
    for element in root.iter(etree.Element):
        tag = str(element.tag).lower()
        if tag == "script" and allowed_script(element):
            continue
        if tag in SCRIPTABLE and not is_sparkline(element):
            yield f"<{tag}> element"
        if tag == "meta" and (element.get("http-equiv") or "").lower() == "refresh":
            # a redirect page's, to an http(s) page (a moved article's, a registered company's): nothing runs
            target = (element.get("content") or "").partition("url=")[2]
            if not target.lower().startswith(("https://", "http://")) or unsafe_url(target):
                yield "<meta http-equiv=refresh>"
        for name, value in element.attrib.items():
            if name.lower().startswith("on"):
                yield f"<{tag} {name}=...> handler"
            urls = [c.split()[0] for c in value.split(",") if c.strip()] if name == "srcset" else [value]
            if name.lower() in URL_ATTRIBUTES and any(unsafe_url(u) for u in urls):
                yield f"<{tag} {name}={value!r}>"


def unsafe_feed(data: bytes) -> Iterator[str]:
    """What a feed reader could run: the HTML of descriptions and content, and every URL the feed gives."""
    root = etree.fromstring(data, STRICT_XML)
    for element in root.iter("description", "{http://purl.org/rss/1.0/modules/content/}encoded"):
        html = element.text or ""
        if "<script" in html.lower():
            yield f"<script in {element.tag}"
        if html.strip():
            yield from unsafe_html(lxml.html.fragment_fromstring(html, create_parent="div"))
    for element in root.iter("link", "guid", "comments", "docs"):
        if unsafe_url(element.text or ""):
            yield f"<{element.tag}>{element.text}"
    for element in root.iter("{http://www.w3.org/2005/Atom}link", "source", "enclosure"):
        value = element.get("href") or element.get("url") or ""
        if unsafe_url(value):
            yield f"<{element.tag} {value!r}>"


THEME_FORMS = (b'<form class="search" role="search" action="/digest/search/" method="get">',
               b'<form class="search search-page" role="search" action="/digest/search/" method="get">')
"""The theme's own search forms, byte for byte: allowed; any other form is not."""


def unsafe_output(files: Mapping[str, bytes]) -> list[tuple[str, str]]:
    """Every way each file could run script; in HTML, each '<script' in the bytes must be one the page may have."""
    found = []
    files = {path: functools.reduce(lambda d, own: d.replace(own, b""), THEME_FORMS, data)
             for path, data in files.items() if not path.startswith("pagefind/")}  # Pagefind's engine, not pages
    for path, data in files.items():
        if path.endswith(".html"):
            root = lxml.html.document_fromstring(data)
            allowed = sum(1 for e in root.iter("script") if allowed_script(e))
            if data.lower().count(b"<script") != allowed:
                found.append((path, "<script"))
            found += [(path, why) for why in unsafe_html(root)]
            continue
        if b"<script" in data.lower() and not path.endswith((".js", "/email.txt")):  # email.txt is plain text
            found.append((path, "<script"))
        if path.endswith(".xml") and etree.fromstring(data, STRICT_XML).tag == "rss":
            found += [(path, why) for why in unsafe_feed(data)]
        elif path.endswith("feed.json"):  # JSON Feed: readers render content_html as HTML
            for item in json.loads(data)["items"]:
                html = lxml.html.document_fromstring(f"<html><body>{item['content_html']}</body></html>")
                found += [(path, why) for why in unsafe_html(html)]
    return sorted(set(found))


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Mapping[str, bytes]:
    root = injection_project(tmp_path_factory.mktemp("hostile"))
    result = build(load_config(root / "config.yaml"))
    assert result.articles == len(PAYLOADS), "every hostile article must build, or the test proves nothing"
    return result.output.files


def test_hostile_content_cannot_script_the_output(hostile: Mapping[str, bytes]) -> None:
    assert unsafe_output(hostile) == []


def test_control_characters_from_yaml_escapes_never_reach_the_output(hostile: Mapping[str, bytes]) -> None:
    forbidden = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]|\xef\xbf[\xbe\xbf]")
    text = {path: data for path, data in hostile.items() if not path.endswith((".png", ".jpg", ".webp"))
            and not path.startswith("pagefind/")}
    assert [path for path, data in text.items() if forbidden.search(data)] == []
    assert "bell escape[31m nul del" in hostile["2025/06/x20/index.html"].decode()


def test_hostile_content_is_shown_as_text(hostile: Mapping[str, bytes]) -> None:
    page = hostile["2025/06/x00/index.html"].decode()
    assert '<h1 dir="auto">&lt;script&gt;alert(1)&lt;/script&gt; 0</h1>' in page
    body = page[page.index('<div class="body">'):page.index("</article>")]
    assert "img src=x" not in body  # the body's raw <img src=x onerror=...> is removed, neither markup nor text
    assert "<p>a b c d\ne f g\nh i j\nk " in page  # a link refused shows its text (and is a warning)
    assert "javascript:alert(1)" in body and 'href="javascript' not in body.lower()  # an autolink: its text
    doc = lxml.html.document_fromstring(page)
    assert doc.xpath("//div[@class='body']//a[@href='https://example.org/']"), "a safe link still renders"
    quoted_url = "https://example.org/0?q=%22%3E%3Cscript%3Ealert(1)%3C/script%3E"  # percent-encoded, so a valid href
    assert doc.xpath("//p[@class='source']/a/@href") == [quoted_url, "/digest/sources/example-org/"]
    feed = etree.fromstring(hostile["feed.xml"], STRICT_XML)
    item = feed.find("channel/item[guid='https://example.org/digest/2025/06/x03/']")
    assert item.findtext("description").startswith("&lt;img src=x onerror=alert(1)&gt;")  # text, not markup


def test_unsafe_output_detector_catches_each_trick() -> None:
    shell = "<!doctype html><html><body>{}</body></html>"
    tricks = ['<svg class="sparkline"><polyline/><script>x</script></svg>', '<svg class="sparkline"><a href="x"/></svg>',
              "<script>x</script>", '<p onclick="x">', '<script type="application/ld+json">{"a": "</script>',
              '<script type="application/ld+json">{}</script><script>x</script>', '<script src="/evil.js" defer></script>',
              '<script src="/reltime.js" defer>alert(1)</script>', '<a href="javascript:x">', '<a href=" JaVa\tScRiPt:x">',
              '<a href="&#106;avascript:x">', '<img src="vbscript:x">', '<a href="data:text/html,x">',
              '<img srcset="a.png 1x, javascript:x 2x">', '<iframe src="/x">',
              '<meta http-equiv="Refresh" content="0">']
    for trick in tricks:
        assert unsafe_output({"a.html": shell.format(trick).encode()}), trick
    assert unsafe_output({"a.html": shell.format('<img src="data:image/png;base64,AA==" alt="">').encode()}) == []
    fine = '<script type="application/ld+json">{"a": "\\u003c/script\\u003e"}</script><script src="/d/reltime.js" defer></script>'
    assert unsafe_output({"a.html": shell.format(fine).encode()}) == []
    feed = ('<rss version="2.0"><channel><item><description>{}</description></item></channel></rss>')
    assert unsafe_output({"feed.xml": feed.format("&lt;img src=x onerror=alert(1)&gt;").encode()})
    assert unsafe_output({"feed.xml": feed.format("&lt;b&gt;ok&lt;/b&gt; &amp;lt;script&amp;gt;").encode()}) == []
    json_feed = '{{"items": [{{"content_html": "{}"}}]}}'
    assert unsafe_output({"feed.json": json_feed.format("\\u003cimg src=x onerror=y\\u003e").encode()})
    assert unsafe_output({"feed.json": json_feed.format("\\u003cb\\u003eok").encode()}) == []


@pytest.mark.parametrize("url", ["javascript:alert(1)", " JaVaScRiPt:alert(1)", "vbscript:msgbox(1)",
                                 "data:text/html,<script>alert(1)</script>", "//evil.example/x", "&#106;avascript:x"])
def test_a_source_url_that_is_not_http_stops_the_build(tmp_path: Path, url: str) -> None:
    text = f"---\ntitle: x\ndate: 2025-06-01\nsource:\n  url: {quoted(url)}\n---\nbody\n"
    make_project(tmp_path, {"a.md": text})
    with pytest.raises(BuildError) as caught:
        build(load_config(tmp_path / "config.yaml"))
    assert [(p.path, p.line, p.field) for p in caught.value.errors] == [("content/a.md", 5, "source.url")]


def test_a_registry_url_that_is_not_http_stops_the_build(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": "---\ntitle: x\ndate: 2025-06-01\n---\nbody\n"},
                 companies="evil:\n  name: Evil\n  url: javascript:alert(1)\n")
    with pytest.raises(BuildError) as caught:
        build(load_config(tmp_path / "config.yaml"))
    assert [(p.line, p.field) for p in caught.value.errors] == [(3, "evil.url")]


def test_jinja_in_content_is_never_evaluated(tmp_path: Path) -> None:
    jinja = ("{{ 7*7 }}", "{% raw %}", "{{ config.title }}", "{# note #}", "{%- if true %}")
    make_project(tmp_path, {"a.md": "\n".join([
        "---", f"title: {quoted('{{ 7*7 }} {% raw %}')}", "date: 2025-06-01",
        f"summary: {quoted('{{ config.title }} {# note #}')}", f"author: {quoted('{%- if true %}')}",
        f"tags: [{quoted('{{ 7*7 }}')}]", f"section: {quoted('{{ config.title }}')}", "---",
        " ".join(jinja), ""])})
    files = build(load_config(tmp_path / "config.yaml")).output.files
    page = files["2025/06/a/index.html"].decode()
    assert '<h1 dir="auto">{{ 7*7 }} {% raw %}</h1>' in page
    assert all(text in page for text in jinja)
    assert "49" not in page
    feed = files["feed.xml"].decode()
    assert "{{ 7*7 }} {% raw %}" in feed and "{{ config.title }} {# note #}" in feed and "49" not in feed
