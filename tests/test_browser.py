"""The example site in a real browser: Debian's Chromium driven by Playwright, over a loopback server.

One browser for the whole module. Needs /usr/bin/chromium (or $CHROMIUM), the ``playwright``
package (never ``playwright install``: the system browser is used) and axe-core from npm in
``.ci/node_modules`` (``npm install --prefix .ci axe-core``). Without them the tests skip, with
the reason in the summary, unless $CI is set: then they fail.

``pytest tests/test_browser.py --screenshots`` (``make screenshots``) also writes
docs/screenshots/.
"""
from __future__ import annotations

import contextlib
import functools
import http.server
import io
import os
import re
import shutil
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

import pytest

from generator.build import load, plan
from generator.load.config import load_config
from generator.core.models import BuildOptions
from generator.write.publish import publish

REPO = Path(__file__).resolve().parent.parent
AXE = REPO / ".ci" / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = REPO / "docs" / "screenshots"
DESKTOP, PHONE = {"width": 1280, "height": 800}, {"width": 360, "height": 740}
SCALE_ARTICLE = "/2025/06/meta-ambil-49-persen-saham-scale-ai/"


def _missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).is_file():
        return "no chromium (apt-get install chromium)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "no playwright (pip install -e '.[test]')"
    if not AXE.is_file():
        return "no axe-core in .ci/node_modules (npm install --prefix .ci axe-core)"
    return None


def _skip_or_fail(reason: str) -> None:
    if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
        pytest.fail(f"browser tests: {reason} (CI is set, so this is a failure, not a skip)")
    pytest.skip(f"browser tests: {reason}")


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        """No request log on stderr."""


@dataclass(frozen=True)
class Served:
    """The example site built into a temporary folder and served on 127.0.0.1."""

    root: str
    """http://127.0.0.1:PORT"""
    pages: dict[str, str] = field(default_factory=dict)
    """Template name → URL path of one page rendered with it: one page of every kind."""


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    reason = _missing()
    if reason:
        _skip_or_fail(reason)
    tmp = tmp_path_factory.mktemp("browser")
    config = load_config(REPO / "config.yaml")
    publish(config, BuildOptions(), tmp / "site", use_cache=False, cache_dir=tmp / "cache")
    site_plan = plan(config, BuildOptions(), load(config))
    pages: dict[str, str] = {}
    for p in site_plan.planned:
        # web pages only: an edition's email.html and email.txt are for mail clients (tests/test_email.py)
        if p.spec.render == "html" and (p.spec.path.endswith("index.html") or p.spec.path == "404.html"):
            pages.setdefault(p.spec.template, "/" + p.spec.path.removesuffix("index.html"))
    handler = functools.partial(_Quiet, directory=str(tmp / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield Served(f"http://127.0.0.1:{server.server_address[1]}", pages)
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser(served: Served) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium)
        yield b
        b.close()


class Tab:
    """A page in a fresh context that records console errors and uncaught exceptions."""

    def __init__(self, browser: Any, served: Served, viewport: dict[str, int] = DESKTOP,
                 scheme: str = "light", javascript: bool = True) -> None:
        self.context = browser.new_context(viewport=viewport, color_scheme=scheme, java_script_enabled=javascript)
        self.page = self.context.new_page()
        self.root = served.root
        self.errors: list[str] = []
        self.page.on("console", lambda m: self.errors.append(f"console: {m.text} ({m.location.get('url')})") if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        self.page.on("response", lambda r: self.errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)

    def go(self, path: str) -> Any:
        self.page.goto(self.root + path, wait_until="networkidle")
        if not self.page.locator('link[rel~="icon"]').count():  # Chromium asks for /favicon.ico by itself
            self.errors[:] = [e for e in self.errors if not e.endswith("/favicon.ico)")]
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def tab(browser: Any, served: Served) -> Iterator[Tab]:
    t = Tab(browser, served)
    yield t
    t.close()
    assert t.errors == [], "the browser console reported errors"


def test_home_to_section_to_article_to_source(tab: Tab) -> None:
    page = tab.go("/")
    assert page.locator('link[rel="alternate"][type="application/rss+xml"]').first.get_attribute("href") == "/feed.xml"
    sections = [h for h in page.eval_on_selector_all('a[href^="/sections/"]', "as => as.map(a => a.getAttribute('href'))")
                if h != "/sections/"]
    if not sections:  # no section bar in the header: through the sections index
        page.click('header a[href="/sections/"]')
        page.wait_for_load_state()
        sections = page.eval_on_selector_all('main a[href^="/sections/"]', "as => as.map(a => a.getAttribute('href'))")
    page.click(f'a[href="{sections[0]}"]')
    page.wait_for_load_state()
    assert page.url == tab.root + sections[0]
    assert page.locator('link[rel="alternate"][type="application/rss+xml"]').first.get_attribute("href") \
        == sections[0] + "feed.xml"  # the section's own feed is advertised
    page.locator("main article h2 a").first.click()
    page.wait_for_load_state()
    assert re.fullmatch(tab.root + r"/\d{4}/\d{2}/[a-z0-9-]+/", page.url)
    source = page.locator("main .source a[rel~=external]")  # the original; the second link is the publisher page
    assert re.match(r"https?://", source.get_attribute("href") or "")
    assert "external" in (source.get_attribute("rel") or "") and source.is_visible()


def test_search_for_scale_finds_the_meta_scale_ai_article(tab: Tab) -> None:
    page = tab.go("/")
    page.fill('header form[role="search"] input[name="q"]', "Scale")
    page.press('header form[role="search"] input[name="q"]', "Enter")
    page.wait_for_url("**/search/?q=Scale")
    page.wait_for_selector("#search-results li")
    assert not page.is_visible("#search-fallback")
    hits = page.locator("#search-results li h2 a")
    assert SCALE_ARTICLE in hits.evaluate_all("as => as.map(a => a.getAttribute('href'))")
    hit = page.locator(f'#search-results li:has(a[href="{SCALE_ARTICLE}"])')
    assert re.fullmatch(r"13 Juni 2025.* · Amerika Serikat", hit.locator(".meta").inner_text())  # date, section
    hit.locator("h2 a").click()
    page.wait_for_load_state()
    assert page.url == tab.root + SCALE_ARTICLE


def test_search_shows_twenty_results_then_the_rest_on_request(tab: Tab) -> None:
    """"30 artikel cocok" listed 20 and no way to the other 10. A button shows them, and focus moves to the first
    new one, so a keyboard or screen-reader user goes on from there."""
    page = tab.go("/search/?q=yang")
    page.wait_for_function("() => document.querySelectorAll('#search-results li').length === 20")
    assert page.inner_text("#search-results .count") == "30 artikel cocok dengan “yang”."
    more = page.locator("#search-results button.more")
    assert more.inner_text() == "Tampilkan 10 lagi"
    more.dblclick()  # twice at once: the next ten, not twenty with ten twice
    page.wait_for_function("() => document.querySelectorAll('#search-results li').length === 30")
    page.wait_for_timeout(500)
    hrefs = page.locator("#search-results li h2 a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert len(hrefs) == len(set(hrefs)) == 30 and not more.is_visible()
    assert page.evaluate("() => document.activeElement === document.querySelectorAll('#search-results li a')[20]")
    page.fill("#search-q", "zzq $&")
    page.press("#search-q", "Enter")
    page.press("#search-q", "Enter")  # twice: one answer, not two lists
    page.wait_for_selector("#search-results .count")
    page.wait_for_timeout(500)
    assert page.locator("#search-results .count").all_inner_texts() == ["Tidak ada artikel yang cocok dengan “zzq $&”."]


def test_search_matches_indonesian_word_forms(tab: Tab) -> None:
    """'pembangunan' also finds 'membangun' and 'dibangun': Pagefind stems Indonesian, from <html lang="id">."""
    page = tab.go("/search/?q=pembangunan")
    page.wait_for_selector("#search-results li")
    marked = {m.lower() for m in page.locator("#search-results mark").all_inner_texts()}
    assert {"membangun", "dibangun", "pembangunan"} <= marked


def test_search_finds_a_word_an_en_dash_joins(tab: Tab) -> None:
    """A reader's report: 'Maluku' found nothing, though an article says 'SKKL Sulawesi–Maluku–Papua': Pagefind
    splits words at a hyphen, not at an en or em dash. The excerpt still shows the dash."""
    page = tab.go("/search/?q=Maluku")
    page.wait_for_selector("#search-results li")
    hrefs = page.locator("#search-results li h2 a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    assert any("kabel-laut-sorong-merauke" in href for href in hrefs), hrefs
    assert "–" in page.locator("#search-results li").first.inner_text()


def test_missing_tools_skip_here_but_fail_under_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="no chromium .* a failure, not a skip"):
        _skip_or_fail("no chromium (apt-get install chromium)")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="browser tests: no chromium"):
        _skip_or_fail("no chromium (apt-get install chromium)")


def test_search_without_javascript_falls_back_to_the_archive(browser: Any, served: Served) -> None:
    t = Tab(browser, served, javascript=False)
    try:
        page = t.go("/search/?q=Scale")
        assert page.is_visible("#search-fallback")
        page.locator("#search-fallback a").first.click()
        page.wait_for_load_state()
        assert re.fullmatch(served.root + r"/\d{4}/", page.url)
    finally:
        t.close()


def test_relative_time_appears_next_to_the_date(tab: Tab) -> None:
    page = tab.go(SCALE_ARTICLE)
    meta = page.locator("main time[datetime]").first.locator("xpath=..")
    page.wait_for_function("el => /lalu|ago/.test(el.textContent)", arg=meta.element_handle(), timeout=5000)


def test_a_subheading_is_smaller_than_its_heading(tab: Tab) -> None:
    """A reader's report: an h3 (the browser's 1.17em) was larger than the theme's h2 (1.2rem at a smaller base), so
    an edition's headlines outsized their sections' headings, and an article's ### its ##."""
    page = tab.go("/weekly/")
    page = tab.go(page.locator("main a[href*='/weekly/20']").first.get_attribute("href"))
    sizes = page.evaluate("() => ['h2', 'h3'].map(h => parseFloat(getComputedStyle(document.querySelector("
                          "'main ' + h)).fontSize))")
    assert sizes[1] < sizes[0], sizes


def test_dark_mode_switches_colours(browser: Any, served: Served) -> None:
    colours = {}
    for scheme in ("light", "dark"):
        t = Tab(browser, served, scheme=scheme)
        page = t.go("/")
        colours[scheme] = page.evaluate("() => [getComputedStyle(document.body).backgroundColor,"
                                        " getComputedStyle(document.body).color]")
        t.close()
    assert colours["light"][0] != colours["dark"][0] and colours["light"][1] != colours["dark"][1]


def test_on_a_phone_the_section_bar_is_one_line_that_scrolls(browser: Any, served: Served) -> None:
    """Wrapped, the example site's eight sections took three lines above the news, and lines began with '|'."""
    t = Tab(browser, served, viewport=PHONE)
    try:
        page = t.go("/")
        bar = page.evaluate("""() => { const ul = document.querySelector('nav.sections ul');
            const tops = new Set([...ul.querySelectorAll('li')].map(li => li.getBoundingClientRect().top));
            return {lines: tops.size, items: ul.children.length, scrolls: ul.scrollWidth > ul.clientWidth}; }""")
        assert bar["items"] >= 5 and bar["lines"] == 1 and bar["scrolls"], bar
        page.locator("nav.sections li").last.locator("a").focus()  # the keyboard reaches the last one
        assert page.evaluate("() => document.querySelector('nav.sections ul').scrollLeft") > 0
        last = page.locator("nav.sections li").last.locator("a").get_attribute("href")
        page = t.go(last)  # the last section's own page: its name was off-screen, at the end of the strip
        shown = page.evaluate("""() => { const ul = document.querySelector('nav.sections ul').getBoundingClientRect();
            const a = document.querySelector('nav.sections a[aria-current]').getBoundingClientRect();
            return a.left >= ul.left && a.right <= ul.right && window.scrollY === 0; }""")
        assert shown
    finally:
        t.close()
    assert t.errors == []


# Each name in the section strip that shows at all: [name, px hidden at its start, px hidden at its end].
_STRIP_SHOWN = """() => { const ul = document.querySelector('nav.sections ul').getBoundingClientRect();
    return [...document.querySelectorAll('nav.sections a')].map(a => [a.textContent, a.getBoundingClientRect()])
        .filter(([, r]) => r.right > ul.left && r.left < ul.right)
        .map(([name, r]) => [name, Math.max(0, Math.round(ul.left - r.left)), Math.max(0, Math.round(r.right - ul.right))]); }"""


def test_on_a_phone_an_article_late_in_the_section_strip_shows_its_section_and_no_cut_name(browser: Any,
                                                                                         served: Served) -> None:
    """A reader's report: an article in a section late in the strip opened with the strip scrolled to its end, so the
    name at its start was cut ("Kepri" read "ori"; here "Amerika Serikat" read "ka Serikat"). The strip opens with the
    reader's section wholly in view and no name cut at its start; a strip that fits does not scroll."""
    t = Tab(browser, served, viewport=PHONE)
    try:
        page = t.go("/")
        links = page.eval_on_selector_all("nav.sections a", "as => as.map(a => [a.textContent, a.getAttribute('href')])")
        for name, href in links[-4:]:
            story = t.go(href).locator("main h2 a").first.get_attribute("href")  # an article of the section
            shown = t.go(story).evaluate(_STRIP_SHOWN)
            current = page.evaluate("() => document.querySelector('nav.sections a[aria-current]').textContent")
            assert current == name and [name, 0, 0] in shown and shown[0][1] == 0, (story, shown)
    finally:
        t.close()
    assert t.errors == []


def test_on_a_phone_a_section_strip_that_fits_does_not_scroll(browser: Any, tmp_path: Path) -> None:
    from conftest import CONFIG, article, make_project
    make_project(tmp_path / "p", {"2025/06/a.md": article(section="Kepri"), "2025/06/b.md": article(section="Aceh")},
                 config=CONFIG + "sections: [Kepri, Aceh]\n")
    with _opened(browser, tmp_path / "p", "/sections/aceh/", PHONE) as page:
        assert page.evaluate("() => { const ul = document.querySelector('nav.sections ul');"
                             " return [ul.scrollWidth - ul.clientWidth, ul.scrollLeft]; }") == [0, 0]


def test_on_a_wide_screen_no_line_of_the_section_bar_starts_with_a_separator(browser: Any, served: Served) -> None:
    """At 1280 px the example's bar wrapped after "Eropa" and its second line began "| Global"."""
    t = Tab(browser, served, viewport=DESKTOP)
    try:
        page = t.go("/")
        starts = page.evaluate("""() => { const lis = [...document.querySelectorAll('nav.sections li')];
            const first = lis.filter((li, i) => i === 0 || li.getBoundingClientRect().top
                                                 > lis[i - 1].getBoundingClientRect().top + 1);
            return first.map(li => getComputedStyle(li, '::before').content); }""")
        assert all(content in ("none", "normal", '""') for content in starts), starts
    finally:
        t.close()


def test_on_a_phone_newer_and_older_share_a_line_at_either_side(browser: Any, served: Served) -> None:
    """"Lebih lama »" wrapped to a line of its own, at the left under "« Lebih baru"."""
    t = Tab(browser, served, viewport=PHONE)
    try:
        page = t.go("/page/2/")
        box = page.evaluate("""() => { const r = s => document.querySelector(s).getBoundingClientRect();
            const p = r('.pager a[rel=prev]'), n = r('.pager a[rel=next]'), u = r('.pager ul');
            return {same: Math.abs(p.top - n.top) < 2, right: innerWidth - n.right, numbers_below: u.top >= p.bottom,
                    tall: Math.min(p.height, n.height)}; }""")
        assert box["same"] and box["right"] < 40 and box["numbers_below"] and box["tall"] >= 24, box
        crumbs = t.go(SCALE_ARTICLE).evaluate(
            "() => [...document.querySelectorAll('.crumbs a')].map(a => a.getBoundingClientRect().height)")
        assert min(crumbs) >= 24, crumbs
    finally:
        t.close()


def test_a_long_bare_url_wraps_and_a_portrait_lead_picture_leaves_the_headline_on_screen(browser: Any,
                                                                                       served: Served) -> None:
    """A reader's report: a bare URL of 150 characters in a body made a phone's page 1190 px wide; a portrait lead
    picture on the home page took the whole first screen, the headline starting below it."""
    t = Tab(browser, served, viewport=PHONE)
    try:
        page = t.go(SCALE_ARTICLE)
        page.evaluate("""() => { const p = document.createElement('p'), a = document.createElement('a');
            a.href = a.textContent = 'https://www.example.com/' + 'sangat-panjang-'.repeat(10) + 'Lorem'.repeat(8);
            p.append('Baca juga ', a, ' dan ' + 'Pertumbuhanekonomidigital'.repeat(5) + '.');
            document.querySelector('.body').append(p); }""")
        assert page.evaluate("() => document.documentElement.scrollWidth - innerWidth") <= 0, page.evaluate("() => [document.documentElement.scrollWidth, document.querySelector('.around')?.outerHTML]")
        # a site title or section name of one long word made the page 466-813 px wide (a tester's report)
        page.evaluate("""() => { for (const a of document.querySelectorAll('.brand a, .crumbs li:nth-child(2) a'))
            a.textContent = 'Kabarteknologikecerdasanbuatan'.repeat(2); }""")
        assert page.evaluate("() => document.documentElement.scrollWidth - innerWidth") <= 0
        # in a table's cell too: a 1,219 px table a reader swiped across, the text column a few words a line
        table = page.evaluate("""() => { const t = document.createElement('table');
            t.innerHTML = '<tr><th>Sumber</th><th>Catatan</th></tr><tr><td><a href="https://example.com/" ' +
                'class="url alone">https://' +  // the classes the build gives such a link alone in its cell
                'www.example.com/' + 'sangat-panjang-'.repeat(10) + '</a></td><td>Dua kalimat pendek di sini.</td></tr>';
            document.querySelector('.body').append(t); return [t.scrollWidth, t.clientWidth]; }""")
        assert table[0] <= table[1], table
        page = t.go("/")
        top = page.evaluate("""async () => { const figure = document.createElement('figure'),
            img = document.createElement('img');  // as the template writes a lead picture, a portrait one
            figure.append(img); document.querySelector('.top').prepend(figure); img.width = 600; img.height = 800;
            img.src = 'data:image/svg+xml,' + encodeURIComponent(
                '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="800"><rect width="600" height="800"/></svg>');
            await img.decode();
            const h2 = document.querySelector('.top h2'), h = h2.getBoundingClientRect(), r = img.getBoundingClientRect();
            return {first_line: h.top + parseFloat(getComputedStyle(h2).lineHeight), screen: innerHeight,
                    ratio: r.width / r.height, fit: getComputedStyle(img).objectFit}; }""")
        # not stretched: its box keeps the picture's shape, or the picture is drawn whole inside a wider box
        assert top["first_line"] < top["screen"] and (abs(top["ratio"] - 0.75) < 0.01 or top["fit"] == "contain"), top
    finally:
        t.close()


def test_the_skip_links_focus_ring_is_on_screen(tab: Tab) -> None:
    """The first Tab showed "Langsung ke isi" at the very corner, its ring cut to two edges."""
    page = tab.go("/")
    page.keyboard.press("Tab")
    ring = page.evaluate("""() => { const a = document.activeElement, s = getComputedStyle(a),
        r = a.getBoundingClientRect(), out = parseFloat(s.outlineWidth) + parseFloat(s.outlineOffset);
        return {cls: a.className, left: r.left - out, top: r.top - out}; }""")
    assert ring["cls"] == "skip" and ring["left"] >= 0 and ring["top"] >= 0, ring


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280px", "360px"])
def test_every_kind_of_page_is_accessible_and_fits(browser: Any, served: Served, scheme: str,
                                                  viewport: dict[str, int]) -> None:
    """axe-core: no violations of any impact; at 360 px nothing scrolls sideways; no console errors."""
    t = Tab(browser, served, viewport=viewport, scheme=scheme)
    problems = []
    try:
        for template, path in sorted(served.pages.items()):
            page = t.go(path + ("?q=Scale" if template == "search.html" else ""))
            page.add_script_tag(path=str(AXE))
            violations = page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']}))"
                                       ".violations.map(v => `${v.impact} ${v.id}: ${v.nodes.length} × "
                                       "${v.nodes[0].target.join(' ')}`)")
            problems += [f"{path} ({template}): {v}" for v in violations]
            overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                problems.append(f"{path} ({template}): scrolls sideways by {overflow}px at {viewport['width']}px")
    finally:
        t.close()
    assert problems + t.errors == []


@pytest.mark.parametrize(("width", "text"), [(320, "100%"), (390, "150%"), (390, "200%")],
                         ids=["320px", "390px, text 150%", "390px, text 200%"])
def test_every_kind_of_page_fits_a_small_phone_and_large_text(browser: Any, served: Served, width: int,
                                                              text: str) -> None:
    """A reader who sets a larger text size (WCAG 1.4.4, 1.4.10): the header's search form was 470 px wide in
    390 (its button cut off), the companies table, publishers' names and the source button ran off the side."""
    t = Tab(browser, served, viewport={"width": width, "height": 800})
    problems = []
    widest = {"companies ranking": "/companies/", "publishers": "/sources/",  # long names and hosts, a table
              "a company's numbers by month": "/companies/openai/",  # its table, opened
              "a long publisher host": "/2025/10/dua-jalur-kabel-laut-putus-perbaikan-untuk-nabire-ditargetkan-rampung-11/"}
    try:
        for template, path in sorted([*served.pages.items(), *widest.items()]):
            page = t.go(path + ("?q=Scale" if template == "search.html" else ""))
            page.evaluate(f"() => {{ document.documentElement.style.fontSize = '{text}'; "
                          "document.querySelectorAll('details').forEach(d => { d.open = true; }); }")
            wide = page.evaluate("""() => { const w = window.innerWidth; return [...document.querySelectorAll(
                'body *')].filter(e => e.getBoundingClientRect().right > w + 0.5 && !e.closest('nav.sections ul')
                && getComputedStyle(e).position !== 'fixed').slice(0, 3).map(e => e.tagName.toLowerCase() +
                (e.className ? '.' + e.className : '') + ' ' + Math.round(e.getBoundingClientRect().right)); }""")
            overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
            if overflow > 0:
                problems.append(f"{path} ({template}): scrolls sideways by {overflow}px: {wide}")
    finally:
        t.close()
    assert problems == [], "\n".join(problems)


def test_screenshots(browser: Any, served: Served) -> None:
    """Selected only with --screenshots (make screenshots): the README's pictures."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for name, path in (("home", "/"), ("article", SCALE_ARTICLE)):
        for device, viewport in (("desktop", DESKTOP), ("phone", {"width": 390, "height": 844})):
            for scheme in ("light", "dark"):
                t = Tab(browser, served, viewport=viewport, scheme=scheme)
                t.go(path).screenshot(path=str(SHOTS / f"{name}-{device}-{scheme}.png"))
                t.close()


def test_a_body_image_keeps_its_place_while_it_loads(browser: Any, tmp_path: Path) -> None:
    """On a phone, a 640×360 chart from static/ in a body, its download held back: the browser already gives it
    the column's width and the chart's shape (before, it was a line of alt text, and the text below jumped down
    when the chart came). A remote image, whose size digest cannot know, is the control."""
    from conftest import article, make_project
    from PIL import Image
    body = "Paragraf.\n\n![Grafik](/images/grafik.png)\n\n![Luar](https://cdn.example/luar.png)\n\nAkhir.\n"
    make_project(tmp_path / "p", {"2025/06/a.md": article(title="A", body=body)})
    (tmp_path / "p/static/images").mkdir(parents=True)
    Image.new("RGB", (640, 360), "red").save(tmp_path / "p/static/images/grafik.png")
    publish(load_config(tmp_path / "p/config.yaml"), BuildOptions(), tmp_path / "p/site", use_cache=False)
    handler = functools.partial(_Quiet, directory=str(tmp_path / "p/site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    context = browser.new_context(viewport=PHONE)
    try:
        context.route("**/*.png", lambda route: None)  # never answered: the images are still loading
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/2025/06/a/", wait_until="domcontentloaded")
        boxes = page.evaluate("""() => [...document.querySelectorAll('.body img')].map(i => {
            const r = i.getBoundingClientRect(); return [i.complete, r.width, r.height]; })""")
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    (chart_loaded, width, height), (_, _, remote_height) = boxes
    assert not chart_loaded and width > 300 and abs(height - width * 360 / 640) < 1, boxes
    assert remote_height < 40, boxes


def _serve_project(root: Path) -> http.server.ThreadingHTTPServer:
    publish(load_config(root / "config.yaml"), BuildOptions(), root / "site", use_cache=False)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def test_a_phone_reader_sees_no_jump_no_sideways_scroll_and_names_in_order(browser: Any, tmp_path: Path) -> None:
    """Readers' reports, each seen here in Chromium: the home page's lead photo took no room until it loaded, then
    pushed the headline 250 px down; a title with a long #hashtag made the next article's page scroll sideways on
    a phone (its 'newer' link); an Arabic publisher and tag carried their counts and the words after them to
    their left ('1 · العربية', '· 1 · الجزيرة menit baca')."""
    from conftest import article, make_project
    from PIL import Image
    arabic = "الجزيرة"
    make_project(tmp_path / "p", {
        "2025/06/a.md": article(title='"Warganet Ramaikan Tagar #TolakRUUPenyiaranPembungkamKebebasanPers di X"',
                                date="2025-06-12T09:00:00+07:00"),
        "2025/06/b.md": article(title="Berita", image="images/foto.jpg", image_alt="Foto", tags="[العربية]",
                                source=f'{{name: "{arabic}", url: "https://aljazeera.example/x"}}')})
    (tmp_path / "p/static/images").mkdir(parents=True)
    Image.new("RGB", (1600, 1200), "red").save(tmp_path / "p/static/images/foto.jpg")
    server = _serve_project(tmp_path / "p")
    root = f"http://127.0.0.1:{server.server_address[1]}"
    context = browser.new_context(viewport={"width": 320, "height": 640})
    try:
        context.route("**/*.jpg", lambda route: None)  # never answered: the photo is still loading
        page = context.new_page()
        page.goto(root + "/", wait_until="domcontentloaded")
        box = page.evaluate("() => { const r = document.querySelector('.top img').getBoundingClientRect();"
                            " return [r.width, r.height, innerHeight]; }")
        assert box[0] > 250 and abs(box[1] - min(box[0] * 0.75, box[2] * 0.35)) < 1, box  # its room, kept
        page.goto(root + "/2025/06/b/", wait_until="domcontentloaded")
        assert page.evaluate("() => document.documentElement.scrollWidth - innerWidth") <= 0, page.evaluate("() => [document.documentElement.scrollWidth, document.querySelector('.around')?.outerHTML]")
        # a site title or section name of one long word made the page 466-813 px wide (a tester's report)
        page.evaluate("""() => { for (const a of document.querySelectorAll('.brand a, .crumbs li:nth-child(2) a'))
            a.textContent = 'Kabarteknologikecerdasanbuatan'.repeat(2); }""")
        assert page.evaluate("() => document.documentElement.scrollWidth - innerWidth") <= 0
        order = page.evaluate("""(name) => {
            const at = (node, text) => { const r = document.createRange(), i = node.textContent.indexOf(text);
                r.setStart(node, i); r.setEnd(node, i + text.length); return r.getBoundingClientRect(); };
            const texts = [...document.querySelectorAll('main *')].flatMap(e => [...e.childNodes])
                .filter(n => n.nodeType === 3);
            const find = (text, near) => texts.filter(n => n.textContent.includes(text)
                && (!near || n.parentElement.closest(near)));
            const tag = find('العربية', 'a')[0], count = tag.parentElement.closest('a').querySelector('.count');
            const publisher = find(name, '.publisher')[0], menit = find('menit')[0],
                  dateline = find(name, '.meta, header')[0];
            return {tag: [at(tag, 'العربية').right <= count.getBoundingClientRect().left],
                    publisher: [at(publisher, name).right <= at(find('(1)', '.publisher')[0], '(1)').left],
                    dateline: [at(dateline, name).right <= at(menit, '1 menit').left]}; }""", arabic)
        assert order == {"tag": [True], "publisher": [True], "dateline": [True]}, order
    finally:
        context.close()
        server.shutdown()
        server.server_close()


def test_an_english_site_counts_one_article_in_the_singular(browser: Any, tmp_path: Path) -> None:
    """An English site said "1 articles match “softbank”." in search and "…, 1 articles" in a company's chart
    label: those strings were not plural forms."""
    from conftest import CONFIG, article, make_project
    make_project(tmp_path / "p", {"2025/06/a.md": article(title="SoftBank invests", companies="[SoftBank]",
                                                          body="SoftBank puts money into chips.\n"),
                                  "2025/06/b.md": article(title="Chips", body="Chips for phones.\n")},
                 config=CONFIG + "language: en\n", companies="softbank: {name: SoftBank}\n")
    server = _serve_project(tmp_path / "p")
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/search/?q=softbank", wait_until="networkidle")
        page.wait_for_selector("#search-results li")
        assert page.inner_text("#search-results .count") == "1 article matches “softbank”."
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/search/?q=chips", wait_until="networkidle")
        page.wait_for_selector("#search-results li + li")
        assert page.inner_text("#search-results .count") == "2 articles match “chips”."
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/companies/", wait_until="networkidle")
        assert page.locator("svg[aria-label]").first.get_attribute("aria-label") == \
            "Mentions of SoftBank per month, 1 article"
    finally:
        context.close()
        server.shutdown()
        server.server_close()


def test_a_small_lead_picture_keeps_its_own_size(browser: Any, tmp_path: Path) -> None:
    """Making the lead photo keep its room while it loads first drew a 100×60 logo 736 px wide (blurred): the
    home page shows it at its own size, and a large one within the column and a third of the screen."""
    from conftest import article, make_project
    from PIL import Image
    make_project(tmp_path / "p", {"2025/06/a.md": article(title="Kecil", image="images/logo.png", image_alt="Logo")})
    (tmp_path / "p/static/images").mkdir(parents=True)
    Image.new("RGB", (100, 60), "blue").save(tmp_path / "p/static/images/logo.png")
    server = _serve_project(tmp_path / "p")
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/", wait_until="networkidle")
        box = page.evaluate("() => { const r = document.querySelector('.top img').getBoundingClientRect();"
                            " return [r.width, r.height]; }")
        assert box == [100, 60], box
    finally:
        context.close()
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("lang, side", [("", "left"), ("ar", "right")])
def test_a_narrow_lead_picture_sits_at_the_start_of_its_articles_lines(browser: Any, tmp_path: Path, lang: str,
                                                                       side: str) -> None:
    """An Arabic reader's report: the home page's lead, an Arabic article (``lang: ar``) with a portrait picture
    drawn inside a box as wide as the column, had its headline at the right and its picture at the box's left
    (a physical object-position), the gap at the right, where Arabic lines start."""
    from io import BytesIO
    from conftest import article, make_project
    from PIL import Image
    fields = {"lang": lang} if lang else {}
    make_project(tmp_path / "p", {"2025/06/a.md": article(title="Tegak", image="images/tegak.png", image_alt="Foto",
                                                          **fields)})
    (tmp_path / "p/static/images").mkdir(parents=True)
    Image.new("RGB", (600, 800), (200, 0, 0)).save(tmp_path / "p/static/images/tegak.png")
    with _opened(browser, tmp_path / "p", "/", PHONE) as page:
        shot = Image.open(BytesIO(page.locator(".top img").screenshot())).convert("RGB")
        red = [x for x in range(shot.width) if shot.getpixel((x, shot.height // 2)) == (200, 0, 0)]
        assert red and shot.width - len(red) > 50, (shot.size, len(red))  # drawn narrower than its box
        assert (red[0] == 0 if side == "left" else red[-1] == shot.width - 1), (side, red[0], red[-1], shot.width)


def test_code_is_coloured_in_light_and_dark_and_other_pages_do_not_load_its_colours(browser: Any,
                                                                                    tmp_path: Path) -> None:
    """Pygments' colours are half the theme's CSS: they moved to code.css, which only a page whose body has
    highlighted code links (an article, a page or an edition's note). There a keyword is drawn in the light and the dark colours; an
    article without code does not ask for the file. The `sized` helper, which prints bodies, adds the link: a
    template of a site's own from before gets it, and so does code an editor pasted as raw HTML (Pelican's
    `<div class="highlight">`), which the template's test of Pygments' exact `<pre class="highlight">` missed."""
    from conftest import article, make_project
    code = "Contoh:\n\n```python\ndef halo():\n    return 1\n```\n"
    raw = '<div class="highlight"><pre><span class="k">def</span> halo(): pass</pre></div>\n'  # Pelican's, pasted
    make_project(tmp_path / "p", {"2025/06/kode.md": article(title="Kode", body=code),
                                  "2025/06/mentah.md": article(title="Mentah", body=raw),
                                  "2025/06/biasa.md": article(title="Biasa"),
                                  "pages/panduan.md": "---\ntitle: Panduan\n---\n" + code,
                                  "weekly/2025-W24.md": code})
    server = _serve_project(tmp_path / "p")
    base = f"http://127.0.0.1:{server.server_address[1]}"
    asked: dict[str, list[str]] = {}
    try:
        for scheme in ("light", "dark"):
            context = browser.new_context(viewport=DESKTOP, color_scheme=scheme)
            try:
                for path in ("/2025/06/kode/", "/2025/06/mentah/", "/panduan/", "/weekly/2025-W24/", "/2025/06/biasa/"):
                    page = context.new_page()
                    page.on("request", lambda request, path=path: asked.setdefault(path, []).append(request.url))
                    page.goto(base + path, wait_until="networkidle")
                    if path != "/2025/06/biasa/":
                        colour = page.evaluate("() => getComputedStyle(document.querySelector('.highlight .k')).color")
                        assert colour == {"light": "rgb(0, 128, 0)", "dark": "rgb(255, 123, 114)"}[scheme], (path, colour)
                    page.close()
            finally:
                context.close()
    finally:
        server.shutdown()
        server.server_close()
    assert any(url.endswith("/code.css") for url in asked["/2025/06/kode/"])
    assert not any(url.endswith("/code.css") for url in asked["/2025/06/biasa/"]), asked["/2025/06/biasa/"]


@contextlib.contextmanager
def _served_offline(browser: Any, root: Path) -> Iterator[tuple[str, Callable[..., Any], list[str]]]:
    """The project at ``root`` built and served on 127.0.0.1: its address, a maker of browser contexts in which each
    request elsewhere is refused, and the addresses of those requests."""
    server = _serve_project(root)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    outside: list[str] = []

    def refuse(route: Any) -> None:
        outside.append(route.request.url)
        route.abort()

    def new_context(**options: Any) -> Any:
        context = browser.new_context(**options)
        context.route(lambda url: not url.startswith(base), refuse)
        return context

    try:
        yield base, new_context, outside
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def _video_page(browser: Any, root: Path, body: str) -> Iterator[tuple[Any, list[str]]]:
    """An article with ``body``, built in ``root`` and open on a phone: the page, and each request made elsewhere
    (refused)."""
    from conftest import article, make_project
    make_project(root / "p", {"2025/06/video.md": article(title="Video", body=body)},
                 config="title: T\nbase_url: https://example.org/\nlanguage: en\n")
    with _served_offline(browser, root / "p") as (base, new_context, outside):
        context = new_context(viewport=PHONE)
        try:
            page = context.new_page()
            page.goto(base + "/2025/06/video/", wait_until="networkidle")
            yield page, outside
        finally:
            context.close()


def test_a_video_card_is_a_link_without_javascript_and_a_click_puts_the_player_in_its_place(browser: Any,
                                                                                            tmp_path: Path) -> None:
    """A pasted YouTube or Vimeo player made the page ask YouTube (and its trackers) for the player on every visit:
    the card asks nothing from either until the reader clicks it. Without JavaScript it is a link to the video's page;
    with it, a click (or Enter) puts the player there, from youtube-nocookie.com (Vimeo: dnt=1), titled. No request
    leaves the test's server: each one elsewhere is recorded and refused."""
    from conftest import article, make_project
    body = ("Intro.\n\n![Keynote](https://youtu.be/dQw4w9WgXcQ?t=90)\n\n"
            '<iframe src="https://player.vimeo.com/video/76979871?h=8272103f6e" title="Wawancara"></iframe>\n')
    make_project(tmp_path / "p", {"2025/06/video.md": article(title="Video", body=body),
                                  "2025/06/biasa.md": article(title="Biasa")},
                 config="title: T\nbase_url: https://example.org/\nlanguage: en\n")
    with _served_offline(browser, tmp_path / "p") as (base, new_context, outside):
        for javascript in (False, True):
            context = new_context(viewport=PHONE, java_script_enabled=javascript)
            try:
                page = context.new_page()
                asked: list[str] = []
                page.on("request", lambda request: asked.append(request.url))
                page.goto(base + "/2025/06/video/", wait_until="networkidle")
                assert outside == [] and any(u.endswith("/embed.js") for u in asked) == javascript
                card = page.get_by_role("link", name=re.compile("^Keynote"))
                assert card.get_attribute("href") == "https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=90"
                box = card.bounding_box()
                assert box and abs(box["width"] / box["height"] - 16 / 9) < 0.02, box
                if not javascript:
                    continue
                page.add_script_tag(path=str(AXE))
                assert page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                                     ".map(v => `${v.id}: ${v.nodes[0].target.join(' ')}`)") == []
                assert page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth") <= 0
                card.focus()
                page.keyboard.press("Enter")
                player = page.locator("figure.embed iframe").first
                player.wait_for()
                assert [player.get_attribute(a) for a in ("src", "title", "referrerpolicy", "loading")] == [
                    "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1&start=90", "Keynote",
                    "strict-origin-when-cross-origin", "lazy"]
                assert "fullscreen" in (player.get_attribute("allow") or "")
                assert page.evaluate("() => document.activeElement.tagName") == "IFRAME"
                page.get_by_role("link", name=re.compile("^Wawancara")).click()
                assert page.locator("figure.vimeo iframe").get_attribute("src") == \
                    "https://player.vimeo.com/video/76979871?h=8272103f6e&autoplay=1&dnt=1"
                assert page.url == base + "/2025/06/video/"
                other: list[str] = []
                page.on("request", lambda request: other.append(request.url))
                page.goto(base + "/2025/06/biasa/", wait_until="networkidle")
                assert not any("embed" in u for u in other), other
            finally:
                context.close()
    assert all(u.startswith(("https://www.youtube-nocookie.com/embed/", "https://player.vimeo.com/video/"))
               for u in outside), outside


def _red_box(shot: bytes) -> tuple[int, int, int, int] | None:
    """The box (left, top, right, bottom, in the shot's pixels) of the play button's red in a screenshot."""
    from PIL import Image
    image = Image.open(io.BytesIO(shot)).convert("RGB")
    red = Image.eval(image.split()[0], lambda v: 255 if v > 150 else 0)
    mask = Image.composite(red, Image.new("L", image.size), Image.eval(image.split()[1], lambda v: 255 if v < 90 else 0))
    return mask.getbbox()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_a_video_cards_play_button_never_covers_its_title(browser: Any, tmp_path: Path,
                                                          viewport: dict[str, int]) -> None:
    """An attacker's report at 360 px: the play button, drawn at the card's middle, covered the title (laid out at the
    card's foot) as soon as it took more than a line. The button's box and the title's do not meet, at any length:
    the card grows taller than 16:9 rather than put one over the other."""
    from conftest import article, make_project
    titles = ["Keynote", "Pidato kunci tahunan tentang masa depan kecerdasan buatan di Indonesia dan Asia Tenggara",
              " ".join(["Wawancara panjang dengan para pendiri perusahaan rintisan"] * 6)]
    body = "".join(f"![{title}](https://youtu.be/dQw4w9WgXcQ?t={n})\n\n" for n, title in enumerate(titles, 1))
    make_project(tmp_path / "p", {"2025/06/video.md": article(title="Video", body=body)},
                 config="title: T\nbase_url: https://example.org/\nlanguage: en\n")
    with _opened(browser, tmp_path / "p", "/2025/06/video/", viewport) as page:
        cards = page.locator("a.embed-card")
        assert cards.count() == len(titles)
        for n in range(len(titles)):
            card = cards.nth(n)
            card.scroll_into_view_if_needed()
            outer, title = card.bounding_box(), card.locator(".embed-title").bounding_box()
            assert outer and title
            red = _red_box(card.screenshot())
            assert red, titles[n]
            button = {"x": outer["x"] + red[0], "y": outer["y"] + red[1], "right": outer["x"] + red[2],
                      "bottom": outer["y"] + red[3]}
            apart = (button["bottom"] <= title["y"] or title["y"] + title["height"] <= button["y"]
                     or button["right"] <= title["x"] or title["x"] + title["width"] <= button["x"])
            assert apart, (titles[n][:20], button, title)
            assert red[2] - red[0] >= 60 and red[3] - red[1] >= 42, red  # the whole button shows
            if n == 0:
                assert abs(outer["width"] / outer["height"] - 16 / 9) < 0.02, outer


def test_a_printed_video_card_is_a_line_with_its_title_and_address(browser: Any, tmp_path: Path) -> None:
    """An attacker's report, printing to PDF: a video card printed as a blank 16:9 box half a page tall with the
    address floating in it (the print rule's address after an outside link took the play triangle's place). On paper
    a card is a line, as another link prints: its title and its address, in black on white, no button, no 'Watch on'."""
    from conftest import article, make_project
    body = "Intro.\n\n![Keynote](https://youtu.be/dQw4w9WgXcQ?t=90)\n\nLihat [laporan](https://example.com/laporan).\n"
    make_project(tmp_path / "p", {"2025/06/video.md": article(title="Video", body=body)},
                 config="title: T\nbase_url: https://example.org/\nlanguage: en\n")
    with _opened(browser, tmp_path / "p", "/2025/06/video/", {"width": 794, "height": 1123}, media="print") as page:
        card = page.evaluate("""() => { const a = document.querySelector('a.embed-card'), s = getComputedStyle(a),
            p = document.querySelector('.body p'), before = getComputedStyle(a, '::before');
            return {text: a.innerText, after: getComputedStyle(a, '::after').content, background: s.backgroundColor,
                    colour: s.color, height: a.getBoundingClientRect().height,
                    figure: a.parentElement.getBoundingClientRect().height,
                    line: parseFloat(getComputedStyle(p).lineHeight),
                    button: before.display === 'none' || before.content === 'none'}; }""")
    assert card["text"].strip() == "Keynote" and card["after"] == '" <https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=90>"', card
    assert card["background"] == "rgba(0, 0, 0, 0)" and card["colour"] == "rgb(0, 0, 0)" and card["button"], card
    assert card["height"] <= 1.5 * card["line"] and card["figure"] <= 1.5 * card["line"], card
_WORDS_LEFT = """([styled]) => {
    if (!styled) for (const sheet of document.querySelectorAll('link[rel=stylesheet], style')) sheet.remove();
    const a = document.querySelector('a.embed-card'), lefts = {}, walk = document.createTreeWalker(a, NodeFilter.SHOW_TEXT);
    for (let n; (n = walk.nextNode());)
        for (const m of n.textContent.matchAll(/[^\\s\u202e]+/g)) {
            const r = document.createRange(); r.setStart(n, m.index); r.setEnd(n, m.index + m[0].length);
            const box = r.getBoundingClientRect(); lefts[m[0]] = [Math.round(box.left), Math.round(box.right)]; }
    return lefts; }"""
"""The left and right edge of each word of the first video card, with the page's style sheets or without them."""


@pytest.mark.parametrize(("media", "styled"), [("print", True), ("screen", False)], ids=["printed", "unstyled"])
def test_a_right_to_left_override_in_a_video_cards_title_stays_in_the_title(browser: Any, tmp_path: Path,
                                                                             media: str, styled: bool) -> None:
    """A title holding U+202E RIGHT-TO-LEFT OVERRIDE ('Klip \u202eEVIL') ran its override on past the title: printed,
    the card's address after it came out reversed ('>QcXgW9w4wQd=v?hctaw/moc.ebutuoy.www//:sptth<'), 'EVIL' at the
    end of the line; without the style sheet (a reader view), 'Tonton di YouTube' read 'ebutuoY id notnoT'. The title is
    isolated (dir="auto"): the override ends with it."""
    from conftest import article, make_project
    body = "Intro.\n\n![Klip \u202eEVIL](https://youtu.be/dQw4w9WgXcQ)\n"
    make_project(tmp_path / "p", {"2025/06/video.md": article(title="Video", body=body)},
                 config="title: T\nbase_url: https://example.org/\nlanguage: en\n")
    with _opened(browser, tmp_path / "p", "/2025/06/video/", {"width": 794, "height": 1123}, media=media) as page:
        words = page.evaluate(_WORDS_LEFT, [styled])
    assert words["EVIL"][0] - words["Klip"][1] < 20, words  # the title's two words side by side, nothing between
    if not styled:
        assert words["Klip"][1] < words["EVIL"][1] <= words["Watch"][0] < words["on"][0] < words["YouTube"][0], words


def test_iframes_pasted_next_to_a_video_run_no_script(browser: Any, tmp_path: Path) -> None:
    """A YouTube player pasted with other iframes in one HTML block let them through unsanitised: a javascript: src,
    an onload and a <script> after '</iframe/>' each changed the tab's title (found by an attacker). No request
    leaves the test's server."""
    from test_embeds import ATTACK
    with _video_page(browser, tmp_path, ATTACK) as (page, outside):
        page.wait_for_timeout(300)
        assert page.title() == "Video · T"
        assert page.locator("iframe").count() == 0 and page.locator("figure.embed a.embed-card").count() == 1
    assert outside == []


def test_a_playlist_card_plays_the_playlist(browser: Any, tmp_path: Path) -> None:
    """A pasted playlist was a card to 'watch?v=videoseries', a video that does not exist."""
    playlist = "PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG"
    body = f'<iframe src="https://www.youtube.com/embed/videoseries?si=abc&amp;list={playlist}" title="Daftar"></iframe>\n'
    with _video_page(browser, tmp_path, body) as (page, outside):
        card = page.get_by_role("link", name=re.compile("^Daftar"))
        assert card.get_attribute("href") == f"https://www.youtube.com/playlist?list={playlist}"
        card.click()
        assert page.locator("figure.embed iframe").get_attribute("src") == \
            f"https://www.youtube-nocookie.com/embed/videoseries?list={playlist}&autoplay=1"
    assert all(u.startswith("https://www.youtube-nocookie.com/embed/videoseries") for u in outside), outside


def test_search_excerpts_show_what_the_page_says_and_only_the_count_is_announced(browser: Any, tmp_path: Path) -> None:
    """A reader's report: an excerpt of 'a < b' read 'a &lt; b' (Pagefind writes '<' and '>' as entities, and the
    script put them in as text); every result was inside the live region, so a screen reader would read all
    twenty after each search; the tab's title stayed 'Cari' whatever was searched. Then: code that says '&lt;p&gt;'
    read '<p>' in its excerpt (Pagefind writes '&' as it is, so its '&lt;' may be what the page says)."""
    from conftest import article, make_project
    body = "Kode `a < b && c > d` dan &lt;x&gt;, Tom &amp; Jerry menulis `&lt;p&gt;`.\n"
    make_project(tmp_path / "p", {"2025/06/a.md": article(title="Kode", body=body)})
    server = _serve_project(tmp_path / "p")
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/search/?q=jerry", wait_until="networkidle")
        page.wait_for_selector("#search-results li")
        assert page.inner_text("#search-results li p:last-child") == "Kode a < b && c > d dan <x>, Tom & Jerry menulis &lt;p&gt;."
        live = page.evaluate("""() => [...document.querySelectorAll('[aria-live], [role=status], [role=alert]')]
                                .map(e => e.className)""")
        assert live == ["count"], live
        assert page.inner_text("[role=status]") == "1 artikel cocok dengan “jerry”."
        assert page.title().startswith("jerry · ")
    finally:
        context.close()
        server.shutdown()
        server.server_close()


def test_a_search_excerpt_starts_after_the_headline_not_in_its_last_words(browser: Any, tmp_path: Path) -> None:
    """A reader's report: Pagefind's text of a page opens with its headline, so a hit near the top gave an excerpt
    that was the headline again (shown just above it as the result's title), and one a little further down started
    in its last words, "terus naik tinggi. kata0 …". The excerpt starts after the headline, as long, hits marked."""
    from conftest import article, make_project
    title = ("Bank sentral Amerika Serikat menaikkan suku bunga acuan untuk ketiga kalinya tahun ini demi meredam "
             "inflasi yang terus naik tinggi")  # 20 words
    words = ["kata0", "kata1", "Jakarta", *(f"kata{n}" for n in range(3, 10)), "Gubernur", "Jerome", "Powell",
             *(f"kata{n}" for n in range(13, 60))]
    make_project(tmp_path / "p", {"2025/06/a.md": article(title=title, body=" ".join(words) + "\n")})
    server = _serve_project(tmp_path / "p")
    context = browser.new_context(viewport=DESKTOP)
    shown = {}
    try:
        page = context.new_page()
        for query in ("jakarta", "powell"):
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/search/?q={query}", wait_until="networkidle")
            page.wait_for_selector("#search-results li")
            excerpt = page.locator("#search-results li p:last-child")
            shown[query] = (excerpt.inner_text(), excerpt.locator("mark").all_inner_texts())
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    assert shown == {"jakarta": (" ".join(words[:30]), ["Jakarta"]), "powell": (" ".join(words[:30]), ["Powell"])}


def test_a_printed_article_or_edition_shows_each_outside_address_once_and_no_screen_controls(browser: Any,
                                                                                           tmp_path: Path) -> None:
    """A reader's report, printing to PDF: the headings' '#' links and the footnotes' '↩︎' were printed, the
    source's address twice (after the publisher in the date line and after "Baca artikel selengkapnya"), and a
    weekly edition printed none of its sources' addresses. On screen, the '↩︎' failed axe's contrast check."""
    from conftest import article, make_project
    source = "{name: Reuters, url: 'https://www.reuters.com/tech/meta'}"
    body = "## Latar\n\nTeks dengan catatan[^1].\n\n[^1]: Sebuah catatan.\n"
    make_project(tmp_path / "p", {"2025/06/a.md": article(title="A", body=body, source=source),
                                  "2025/06/kode.md": article(title="Kode", body="```python\ndef f(): pass\n```\n\n"
                                                                                "```\nkode polos\n```\n")})
    server = _serve_project(tmp_path / "p")
    base = f"http://127.0.0.1:{server.server_address[1]}"
    context = browser.new_context(viewport=DESKTOP)
    after = "(s) => [...document.querySelectorAll(s)].map(e => getComputedStyle(e, '::after').content)"
    shown = "(s) => [...document.querySelectorAll(s)].map(e => getComputedStyle(e).display)"
    try:
        page = context.new_page()
        page.emulate_media(media="print")
        page.goto(base + "/2025/06/a/", wait_until="networkidle")
        assert page.evaluate(shown, ".body .anchor, .footnote-backref, header.site") == ["none"] * 3
        assert page.evaluate(after, ".post .meta a") == ["none"]
        assert page.evaluate(after, ".post .source a") == ['" <https://www.reuters.com/tech/meta>"', "none"]
        page.goto(base + "/weekly/2025-W24/", wait_until="networkidle")
        assert page.evaluate(after, '.edition a[rel~="external"]') == ['" <https://www.reuters.com/tech/meta>"']
        page.emulate_media(media="screen")
        assert page.evaluate(after, '.edition a[rel~="external"]') == ["none"]
        # printed from a phone in dark mode, code was light grey on white paper (its dark colours, no background)
        page.goto(base + "/2025/06/kode/", wait_until="networkidle")
        page.emulate_media(media="print", color_scheme="dark")
        assert page.evaluate("() => getComputedStyle(document.querySelector('.highlight .k')).color") == "rgb(0, 128, 0)"
        # a block in no language kept the dark theme's box (#23262b) behind the print's black text
        assert page.evaluate("() => [...document.querySelectorAll('.body pre')].map(e => getComputedStyle(e)"
                             ".backgroundColor)") == ["rgb(248, 248, 248)", "rgb(244, 244, 244)"]
        page.emulate_media(media="screen")
        # on screen the '↩︎' back to the text is underlined: its colour alone was 2.4:1 against the text (axe)
        page.goto(base + "/2025/06/a/", wait_until="networkidle")
        assert page.evaluate("() => getComputedStyle(document.querySelector('.footnote-backref')).textDecorationLine")\
            == "underline"
    finally:
        context.close()
        server.shutdown()
        server.server_close()


def test_on_a_phone_the_breadcrumbs_links_are_targets_of_full_size(browser: Any, served: Served) -> None:
    """axe's target-size (WCAG 2.5.8) on every article page on a phone: the current page's crumb wraps to a second
    line, and its link's box overlapped the first line's "Beranda" (60.5 × 23 px left of it)."""
    t = Tab(browser, served, viewport=PHONE)
    try:
        page = t.go(SCALE_ARTICLE)
        assert page.evaluate("() => document.querySelector('.crumbs li:last-child').getBoundingClientRect().top >"
                             " document.querySelector('.crumbs li').getBoundingClientRect().bottom - 1")  # it wraps
        page.add_script_tag(path=str(AXE))
        assert page.evaluate("async () => (await axe.run(document.querySelector('.crumbs'), {runOnly: ['target-size']}))"
                             ".violations.map(v => v.nodes.map(n => n.failureSummary))") == []
    finally:
        t.close()


def _printed_links(browser: Any, tmp_path: Path, body: str) -> list[str]:
    """Each link of an article of ``body``, printed: its text and what print puts after it ('none' for nothing)."""
    from conftest import article, make_project
    make_project(tmp_path / "p", {"2025/06/a.md": article(title="A", body=body)})
    server = _serve_project(tmp_path / "p")
    context = browser.new_context(viewport=DESKTOP)
    try:
        page = context.new_page()
        page.emulate_media(media="print")
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/2025/06/a/", wait_until="networkidle")
        return page.evaluate("() => [...document.querySelectorAll('.post .body a')].map(a => a.innerText + "
                             "getComputedStyle(a, '::after').content)")
    finally:
        context.close()
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("body, printed", [
    # the address in code, raw HTML with its attributes in another order, a link with a class of its own
    ("Lihat <https://example.com/x>, https://example.com/a%20b dan <a href=\"https://example.com/h\">"
     "https://example.com/h</a>, juga [laporan](https://example.com/laporan).\n\n"
     "Lalu [`https://example.com/c`](https://example.com/c), <a title=\"Situs\" href=\"https://example.com/t\">"
     "https://example.com/t</a> dan <a class=\"ext\" href=\"https://example.com/e\">https://example.com/e</a>.\n",
     ["https://example.com/xnone", "https://example.com/a bnone", "https://example.com/hnone",
      'laporan" <https://example.com/laporan>"', "https://example.com/cnone", "https://example.com/tnone",
      "https://example.com/enone"]),
    # a host in its letters, its href in punycode; a host in another case; a '%2F', which is no '/'
    ("Lihat <https://bérita.example/ñews/>, <https://xn--brita-bsa.example/y>, [bérita.example/q]"
     "(https://bérita.example/q), [https://kompas.com/c](https://KOMPAS.COM/c), "
     "[HTTPS://kompas.com/d](https://kompas.com/d), <https://x.com/a%2Fb/c> dan [https://x.com/a/b](https://x.com/a%2Fb).\n",
     ["https://bérita.example/ñews/none", "https://bérita.example/ynone", "bérita.example/qnone",
      "https://kompas.com/cnone", "HTTPS://kompas.com/dnone", "https://x.com/a%2Fb/cnone",
      'https://x.com/a/b" <https://x.com/a%2Fb>"']),
    # the address without its scheme, its host in another case; a path in another case is another address
    ("Lihat [KOMPAS.com/a](https://kompas.com/a), [www.Kompas.com](https://www.kompas.com/) dan "
     "[kompas.com/A](https://kompas.com/a).\n",
     ["KOMPAS.com/anone", "www.Kompas.comnone", 'kompas.com/A" <https://kompas.com/a>"']),
    # a scheme in capitals: the address is printed all the same
    ("Lihat [laporan](HTTPS://www.Example.com/lap), [tiga](Http://example.com/t) dan "
     "<a href=\"HTTPS://Example.com/c\">cerita</a>.\n",
     ['laporan" <HTTPS://www.Example.com/lap>"', 'tiga" <Http://example.com/t>"', 'cerita" <HTTPS://Example.com/c>"']),
], ids=["bare", "host-letters-and-2f", "host-case-without-scheme", "scheme-case"])
def test_a_printed_bare_link_shows_its_address_once(browser: Any, tmp_path: Path, body: str,
                                                    printed: list[str]) -> None:
    """A reader's report, printing to PDF: a link whose text is its address (an autolink, a URL in the text, or raw
    HTML, in code, with a class of its own) printed it twice, 'https://example.com/x <https://example.com/x>'; a link of
    other text keeps its address. <https://bérita.example/ñews/> (shown in its letters, its href in punycode) and
    [https://kompas.com/c](https://KOMPAS.COM/c) gave it twice too, the second time in another form; and
    [https://x.com/a/b](https://x.com/a%2Fb) printed only 'https://x.com/a/b', another address than the link's.
    [KOMPAS.com/a](https://kompas.com/a), the address without its scheme and its host in other letters, did too."""
    assert _printed_links(browser, tmp_path, body) == printed


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_tab_goes_through_the_pager_in_the_order_a_reader_sees_it(browser: Any, served: Served,
                                                                  viewport: dict[str, int]) -> None:
    """A keyboard user's report: on a phone Tab went from "« Lebih baru" to the page numbers on the line below,
    then back up to "Lebih lama »" on the first line."""
    t = Tab(browser, served, viewport=viewport)
    try:
        page = t.go("/page/2/")
        page.focus(".pager a[rel=prev]")
        seen = []
        for _ in range(5):
            seen.append(page.evaluate("() => { const r = document.activeElement.getBoundingClientRect();"
                                      " return [document.activeElement.textContent, Math.round(r.top)]; }"))
            page.keyboard.press("Tab")
        assert [text for text, _ in seen] == ["« Lebih baru", "Lebih lama »", "1", "2", "3"]
        assert seen == sorted(seen, key=lambda s: s[1]), seen  # never back up the screen
    finally:
        t.close()


_RING_CUT = """() => { const a = document.activeElement, s = getComputedStyle(a), r = a.getBoundingClientRect();
    const out = parseFloat(s.outlineWidth) + parseFloat(s.outlineOffset);
    let box = {left: 0, top: 0, right: innerWidth, bottom: innerHeight};  // what shows of the page, less clipping
    for (let e = a.parentElement; e; e = e.parentElement) {
        const c = getComputedStyle(e), b = e.getBoundingClientRect();
        if (c.overflowX !== 'visible' || c.overflowY !== 'visible')
            box = {left: Math.max(box.left, b.left), top: Math.max(box.top, b.top),
                   right: Math.min(box.right, b.right), bottom: Math.min(box.bottom, b.bottom)}; }
    const cut = Math.max(box.left - (r.left - out), box.top - (r.top - out), (r.right + out) - box.right,
                         (r.bottom + out) - box.bottom);
    return [a.textContent, Math.max(0, Math.ceil(cut))]; }"""
"""The focused element's text and how many pixels of its focus ring are cut off (0: it shows whole)."""


@pytest.mark.parametrize("width", [320, 360, 375, 390, 412, 480])
def test_on_a_phone_each_section_a_keyboard_reaches_shows_whole_with_its_focus_ring(browser: Any, served: Served,
                                                                                   width: int) -> None:
    """A keyboard user's report: tabbing along the section strip on a phone, "Eropa" got the focus at the screen's
    right edge, its ring and most of its name cut off; the strip scrolled only for a link wholly out of sight.
    Scroll padding alone was not enough: at 390 px "Amerika Serikat" was cut by 140 px."""
    t = Tab(browser, served, viewport={**PHONE, "width": width})
    try:
        page = t.go("/")
        names = page.eval_on_selector_all("nav.sections a", "as => as.map(a => a.textContent)")
        page.focus("nav.sections a")
        seen = [page.evaluate(_RING_CUT)]
        for _ in names[1:]:
            page.keyboard.press("Tab")
            seen.append(page.evaluate(_RING_CUT))
        assert seen == [[name, 0] for name in names]
    finally:
        t.close()


def test_the_current_pages_breadcrumb_shows_its_focus_ring(browser: Any, served: Served) -> None:
    """A keyboard user's report: the last breadcrumb, the article's own title cut short with '…', showed no focus
    ring at all: the crumb that shortens it hid everything outside its box."""
    for viewport in (PHONE, DESKTOP):
        t = Tab(browser, served, viewport=viewport)
        try:
            page = t.go(SCALE_ARTICLE)
            page.focus(".crumbs a")
            seen = [page.evaluate(_RING_CUT)]
            for _ in range(page.locator(".crumbs a").count() - 1):
                page.keyboard.press("Tab")
                seen.append(page.evaluate(_RING_CUT))
            assert [cut for _, cut in seen] == [0] * len(seen), (viewport, seen)
            assert page.evaluate("() => { const a = document.querySelector('.crumbs a[aria-current]');"
                                 " return a.scrollWidth > a.clientWidth && getComputedStyle(a).textOverflow; }")\
                == ("ellipsis" if viewport is PHONE else False)  # still cut short with '…' on a phone
        finally:
            t.close()


_NEWS_TABLE = """| Perusahaan | Investasi | Keterangan | Sumber |
|---|---|---|---|
| Microsoft | Rp27 triliun | Telekomunikasi dan komputasi awan | https://news.microsoft.com/id-id/2024/04/30/microsoft-announces-us1-7-billion-investment/ |
| Nvidia | US$200 juta | Kecerdasan buatan di Surakarta | https://www.reuters.com/technology/nvidia-indosat-build-ai-center-2024-04-24/ |
| Alphabet | Rp1.200 triliun | Menurut [laporan keuangan tahunan Alphabet untuk tahun fiskal 2024](https://abc.xyz/investor/) pendapatan iklan naik | [laporan](https://abc.xyz/) |
"""
_WIDE_TABLE = ("| Operator | " + " | ".join(f"Pendapatan Q{q} {y}" for y in (2023, 2024) for q in (1, 2, 3))
               + " | Pertumbuhan |\n|---|" + "--:|" * 7 + "\n| Indosat Ooredoo Hutchison | "
               + " | ".join(f"Rp1{n},1 triliun" for n in range(6)) + " | 18,2% |\n")
_CELLS = """() => [...document.querySelectorAll('.body table')].map(t => { const line = parseFloat(getComputedStyle(
    t.querySelector('td')).lineHeight); return {scrolls: t.scrollWidth > t.clientWidth, right: Math.max(...[...t
    .querySelectorAll('th, td')].map(c => c.getBoundingClientRect().right)), lines: [...t.querySelectorAll('tr')]
    .slice(1).map(r => Math.round((r.getBoundingClientRect().height - 9) / line)), links: [...t.querySelectorAll(
    'td a.bare')].map(a => Math.round(a.getBoundingClientRect().width))}; })"""
"""Each body table: whether it scrolls sideways, its last cell's right edge, each row's height in lines, each bare
URL's width."""
_PROSE_LINKS = """() => [...document.querySelectorAll('.body td a:not(.bare)')].map(a => { const words = document
    .createRange(); words.selectNodeContents(a.parentNode); const first = words.getClientRects()[0], own = a
    .getClientRects(); return [a.textContent, Math.round(own[0].top - first.top), Math.round(own[own.length - 1]
    .right - words.getBoundingClientRect().right) <= 0]; })"""
"""Each ordinary link in a cell: its text, how far its first line is below the cell's first line (0: it runs on
from the words before it), and whether it stays inside its cell's text."""


_SPLIT_WORDS = """() => [...document.querySelectorAll('.body th')].flatMap(th => { const text = th.firstChild, split = [],
    style = getComputedStyle(th), room = th.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    for (const found of text.textContent.matchAll(/\\S+/g)) { const r = document.createRange(); r.setStart(text,
    found.index); r.setEnd(text, found.index + found[0].length); const boxes = [...r.getClientRects()], tops = new Set(
    boxes.map(box => Math.round(box.top))), wide = boxes.reduce((sum, box) => sum + box.width, 0);
    if (tops.size > 1) split.push([found[0], wide > room]); } return split; })"""
"""Each header word of the body's tables that is split across two lines, and whether it is wider than its cell."""


def _tables_and_code(root: Path) -> Path:
    """A project of two articles: a news table with sources' URLs (/2025/06/a/), and an 8-column table then a code
    block with a long line (/2025/06/b/)."""
    from conftest import article, make_project
    code = "```bash\ncurl -X POST https://api.example.com/v1/chat -H \"Authorization: Bearer $TOKEN\" -d @pesan.json\n```\n"
    return make_project(root, {"2025/06/a.md": article(title="Investasi", body=_NEWS_TABLE),
                               "2025/06/b.md": article(title="Operator", body=_WIDE_TABLE + "\n" + code)})


@contextlib.contextmanager
def _opened(browser: Any, root: Path, path: str, viewport: dict[str, int], media: str = "screen") -> Iterator[Any]:
    """The page at ``path`` of the project at ``root``, built, served and open in a fresh context."""
    server = _serve_project(root)
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        page.emulate_media(media=media)
        page.goto(f"http://127.0.0.1:{server.server_address[1]}{path}", wait_until="networkidle")
        yield page
    finally:
        context.close()
        server.shutdown()
        server.server_close()


def test_a_table_of_news_data_reads_on_a_phone(browser: Any, tmp_path: Path) -> None:
    """A reader's report at 360 px: a table whose last column is a source's URL gave that column 74-91 px (a link
    could break after any letter, the other cells' words could not), so each row was 12 lines high, and the table
    still scrolled. The link wraps at a readable width; on a wide screen the table fits the column. An ordinary
    link ('Menurut [laporan keuangan …](…) pendapatan iklan naik') runs on with its sentence: a box of its own for
    every link in a cell broke the sentence apart, and the table scrolled at 1280 px."""
    with _opened(browser, _tables_and_code(tmp_path / "p"), "/2025/06/a/", PHONE) as page:
        [news] = page.evaluate(_CELLS)
        assert len(news["links"]) == 2 and all(width >= 150 for width in news["links"]), news
        assert max(news["lines"][:2]) <= 6, news
        page.set_viewport_size(DESKTOP)
        [news] = page.evaluate(_CELLS)
        assert not news["scrolls"] and max(news["lines"][:2]) <= 3, news
        assert page.evaluate(_PROSE_LINKS) == [["laporan keuangan tahunan Alphabet untuk tahun fiskal 2024", 0, True],
                                               ["laporan", 0, True]]


_SPLIT_LINK_WORDS = """() => [...document.querySelectorAll('.body td a')].flatMap(a => [...a.textContent.matchAll(
    /\\S+/g)].filter(found => { const r = document.createRange(); r.setStart(a.firstChild, found.index); r.setEnd(
    a.firstChild, found.index + found[0].length); return new Set([...r.getClientRects()].map(box => Math.round(
    box.top))).size > 1; }).map(found => found[0]))"""
"""Each word of a link in a body table's cell that is split across two lines."""


def test_a_link_in_a_cell_keeps_its_words_whole_on_a_phone(browser: Any, tmp_path: Path) -> None:
    """An attacker's report at 360 px: a table of company names as links printed 'Telekomunik|asi' and 'Kementeri|an'
    while the table scrolled sideways anyway (a link could break anywhere, so its column shrank below its longest
    word). An ordinary link's word breaks only when it alone is wider than the column."""
    from conftest import article, make_project
    body = ("| Perusahaan | Sumber | Pendapatan | Keterangan |\n|---|---|---|---|\n"
            "| [Telekomunikasi Indonesia](https://www.example.com/telkom) | [Kementerian Komunikasi]"
            "(https://www.example.com/kominfo) | Rp 150 triliun | Pertumbuhan berkelanjutan |\n")
    root = make_project(tmp_path / "p", {"2025/06/a.md": article(title="Tautan", body=body)})
    with _opened(browser, root, "/2025/06/a/", PHONE) as page:
        assert page.evaluate(_CELLS)[0]["scrolls"]
        assert page.evaluate(_SPLIT_LINK_WORDS) == []


def test_a_bare_url_in_a_sentence_in_a_cell_runs_on_with_it(browser: Any, tmp_path: Path) -> None:
    """An attacker's report at 360 px: 'Kunjungi https://… hari ini' in a cell made the URL a box of its own, so
    'Kunjungi' stood alone on a line above it and 'hari ini' below. The URL runs on from the words before it and
    stays inside its cell's text; a URL alone in its cell still wraps at its own readable width."""
    from conftest import article, make_project
    body = ("| Nama | Tautan |\n|---|---|\n| Situs resmi | Kunjungi https://www.example.com/sebuah/alamat/yang/"
            "sangat/panjang/sekali/untuk/diuji hari ini |\n| Sumber | https://www.example.com/berita/2025/06/sebuah-"
            "judul-artikel-yang-panjang-sekali |\n")
    root = make_project(tmp_path / "p", {"2025/06/a.md": article(title="Tautan", body=body)})
    with _opened(browser, root, "/2025/06/a/", PHONE) as page:
        flow = page.evaluate("""() => { const a = document.querySelector('.body td a.bare'), after = document
            .createRange(), own = [...a.getClientRects()], cell = a.parentNode.getBoundingClientRect();
            after.setStart(a.nextSibling, 1); after.setEnd(a.nextSibling, 5); const hari = after.getClientRects()[0];
            return {lines: own.length, full: Math.round(cell.right - Math.max(...own.map(r => r.right))) < 20,
                    after: after.toString(), same_line: Math.round(hari.top - own[own.length - 1].top)}; }""")
        assert flow == {"lines": flow["lines"], "full": True, "after": "hari", "same_line": 0} and flow["lines"] > 1, flow
        assert page.evaluate(_CELLS)[0]["links"][1] >= 150


def test_a_table_of_email_addresses_reads_on_a_phone(browser: Any, tmp_path: Path) -> None:
    """A reader's report at 360 px: a table of contacts, each e-mail address an autolink alone in its cell, scrolled
    sideways: the address was an ordinary link, whose words never break, so its column was as wide as the longest
    address. It wraps as a bare URL alone in its cell does, at a readable width of its own."""
    from conftest import article, make_project
    body = ("| Redaksi | Surel |\n|---|---|\n| Budi Santoso, Pemimpin Redaksi | "
            "<budi.santoso.pemimpin.redaksi@beritateknologi-nusantara.example.com> |\n| Siti Rahmawati, Redaktur "
            "Pelaksana | <siti.rahmawati@beritateknologi-nusantara.example.com> |\n")
    root = make_project(tmp_path / "p", {"2025/06/a.md": article(title="Kontak", body=body)})
    with _opened(browser, root, "/2025/06/a/", PHONE) as page:
        [contacts] = page.evaluate(_CELLS)
        assert not contacts["scrolls"] and len(contacts["links"]) == 2, contacts
        assert all(width >= 150 for width in contacts["links"]) and max(contacts["lines"]) <= 6, contacts


def test_a_wide_table_prints_every_column(browser: Any, tmp_path: Path) -> None:
    """A reader's report, printing to PDF: an 8-column table printed without its last three columns (on screen it
    scrolls sideways; paper does not). Words stay whole: a cell that may break anywhere printed "Perusaha|an"
    while a URL column had room. Five to nine columns of long words printed 770 px wide and more on 686 px of
    paper, and the browser scaled the article down to fit: from five columns they share the paper's width, and a
    word breaks only when it is wider than its column."""
    from conftest import article
    a4 = {"width": 718, "height": 1000}  # A4's width less the margins
    with _opened(browser, _tables_and_code(tmp_path / "p"), "/2025/06/b/", a4, media="print") as page:
        [wide] = page.evaluate(_CELLS)
        assert not wide["scrolls"] and wide["right"] <= 718, wide
        assert [word for word, wider in page.evaluate(_SPLIT_WORDS) if not wider] == []  # 'Pertumbuh|an' is wider
    with _opened(browser, tmp_path / "p", "/2025/06/a/", a4, media="print") as page:
        [news] = page.evaluate(_CELLS)
        assert not news["scrolls"] and news["right"] <= 718, news
        assert page.evaluate(_SPLIT_WORDS) == []
    words = "Lorem ipsum dolor sit amet consectetur adipiscing elit sed eiusmod tempor incididunt exercitation".split()
    (tmp_path / "p/content/2025/06/c.md").write_text(article(title="Lebar", body="|" + "|".join(
        f" k{n} " for n in range(15)) + "|\n|" + "---|" * 15 + "\n|" + "|".join(
        f" {words[n % 13]} {words[(n + 5) % 13]} " for n in range(15)) + "|\n"))
    with _opened(browser, tmp_path / "p", "/2025/06/c/", a4, media="print") as page:
        [widest] = page.evaluate(_CELLS)  # fifteen columns: words may break, every column is printed
        assert not widest["scrolls"] and widest["right"] <= 718, widest
    long = "Pertanggungjawaban Telekomunikasi Keberlanjutannya Memperhitungkan Ketidakseimbangan Diperdagangkan"\
        " Kesejahteraannya Internasionalisasi Infrastruktur".split()
    (tmp_path / "p/content/2025/06/d.md").write_text(article(title="Kata", body="".join(
        "|" + "|".join(long[:n]) + "|\n|" + "---|" * n + "\n|" + "|".join(long[::-1][:n]) + "|\n\n" for n in (5, 7, 9))))
    for paper in (a4, {"width": 736, "height": 1000}):  # A4, Letter
        with _opened(browser, tmp_path / "p", "/2025/06/d/", paper, media="print") as page:
            tables = page.evaluate(_CELLS)  # 5-9 columns of long words: 770 px and more, the article printed at 92%
            assert [t["right"] <= paper["width"] for t in tables] == [True] * 3, tables
            assert page.evaluate("document.documentElement.scrollWidth") == paper["width"]
            assert [word for word, wider in page.evaluate(_SPLIT_WORDS) if not wider] == []


def test_a_table_holding_a_wide_table_prints_in_its_own_size(browser: Any, tmp_path: Path) -> None:
    """An attacker's page: a 2-column table holding a 7-column table in a cell printed in the smaller text and
    padding of a 7-column table (the rule counted the inner table's cells as its own); only the inner one does."""
    from conftest import article, make_project
    inner = "<table><tr>" + "".join(f"<td>{c}</td>" for c in "abcdefg") + "</tr></table>"
    body = f"<table>\n<tr><th>Perusahaan</th><th>Rincian</th></tr>\n<tr><td>Telkom</td><td>\n{inner}\n</td></tr>\n</table>\n"
    root = make_project(tmp_path / "p", {"2025/06/a.md": article(title="Bersarang", body=body)})
    with _opened(browser, root, "/2025/06/a/", {"width": 718, "height": 1000}, media="print") as page:
        assert page.evaluate("() => [...document.querySelectorAll('.body table')].map(t => [getComputedStyle(t)"
                             ".fontSize, getComputedStyle(t.querySelector('td')).paddingLeft])") == \
            [["12.8px", "8px"], ["11.2px", "4px"]]


def test_a_code_block_and_a_table_that_scroll_sideways_take_the_keyboard(browser: Any, tmp_path: Path) -> None:
    """axe on a phone (scrollable-region-focusable, WCAG 2.1.1): a code block with a long line and a wide table
    scroll sideways, and Tab never reached them, so a reader without a mouse could not see their right side."""
    with _opened(browser, _tables_and_code(tmp_path / "p"), "/2025/06/b/", PHONE) as page:
        scrolling = page.evaluate("() => [...document.querySelectorAll('.body pre, .body table')].map(e => "
                                  "[e.tagName, e.scrollWidth > e.clientWidth])")
        assert scrolling == [["TABLE", True], ["PRE", True]]  # the case axe checks
        page.add_script_tag(path=str(AXE))
        assert page.evaluate("async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                             ".map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' '))}`)") == []
        page.focus(".crumbs a[aria-current]")
        for tag in ("TABLE", "PRE"):
            page.keyboard.press("Tab")
            assert page.evaluate("() => document.activeElement.tagName") == tag
            page.keyboard.press("ArrowRight")
            page.wait_for_function("() => document.activeElement.scrollLeft > 0", timeout=2000)  # arrows scroll it


def test_an_arabic_headline_cut_short_in_the_breadcrumb_keeps_its_start(browser: Any, tmp_path: Path) -> None:
    """An Arabic reader's report: the last breadcrumb, the article's title cut short with '…' on a phone, showed the
    end of the headline and the '…' at its right, where Arabic starts: the link took the page's left-to-right
    direction. It takes the title's own, so the headline's first word shows at the right and the '…' at the left."""
    from conftest import article, make_project
    title = "الذكاء الاصطناعي في إندونيسيا: مايكروسوفت تستثمر 1.7 مليار دولار"
    make_project(tmp_path / "p", {"2025/06/a.md": article(title=f'"{title}"')})
    with _opened(browser, tmp_path / "p", "/2025/06/a/", PHONE) as page:
        seen = page.evaluate("""() => { const a = document.querySelector('.crumbs a[aria-current]'),
            r = document.createRange(); r.setStart(a.firstChild, 0); r.setEnd(a.firstChild, 1);
            const box = a.getBoundingClientRect(), first = r.getBoundingClientRect();
            return {cut: a.scrollWidth > a.clientWidth, direction: getComputedStyle(a).direction,
                    first_letter_at_right: Math.abs(first.right - box.right) < 1}; }""")
        assert seen == {"cut": True, "direction": "rtl", "first_letter_at_right": True}


@pytest.mark.parametrize("lang, title, first, cut", [
    ("ar", "OpenAI تطلق نموذجا جديدا للذكاء الاصطناعي في إندونيسيا هذا الأسبوع", "OpenAI", "left"),
    ("ar", "الذكاء الاصطناعي في إندونيسيا: مايكروسوفت تستثمر 1.7 مليار دولار", "الذكاء", "left"),
    ("", "Microsoft tanam investasi besar untuk pusat data AI di Indonesia tahun ini", "Microsoft", "right")])
def test_an_articles_headline_cut_short_in_the_breadcrumb_ends_at_its_lines_end(browser: Any, tmp_path: Path,
                                                                                lang: str, title: str, first: str,
                                                                                cut: str) -> None:
    """Checked after a report that an Arabic article's breadcrumb put its '…' on the wrong side: in an Arabic
    article (lang: ar, <html dir="rtl">), a headline starting with a Latin name too, the first word is at the right
    and the cut ('…', text-overflow) at the left; in an Indonesian one, the other way round."""
    from conftest import article, make_project
    make_project(tmp_path / "p", {"2025/06/a.md": article(title=f'"{title}"', **({"lang": lang} if lang else {}))})
    with _opened(browser, tmp_path / "p", "/2025/06/a/", PHONE) as page:
        seen = page.evaluate("""(first) => { const a = document.querySelector('.crumbs a[aria-current]'),
            box = a.getBoundingClientRect(), text = a.firstChild, at = (i, j) => { const r = document.createRange();
                r.setStart(text, i); r.setEnd(text, j); return r.getBoundingClientRect(); },
            word = at(0, first.length), last = at(text.length - 1, text.length);
            return {cut: a.scrollWidth > a.clientWidth,
                    first: Math.abs(word.right - box.right) < 1 ? 'right' : Math.abs(word.left - box.left) < 1 ? 'left' : '',
                    end: last.right <= box.left ? 'left' : last.left >= box.right ? 'right' : 'shown'}; }""", first)
        assert seen == {"cut": True, "first": "left" if cut == "right" else "right", "end": cut}, seen


_ARABIC_TITLE = "الذكاء الاصطناعي في إندونيسيا: OpenAI و Meta تستثمران مليار دولار"
_ARABIC_SUMMARY = "شركتا OpenAI و Meta تعلنان عن استثمار كبير في جاكرتا"
# The word of ``text`` (in the first element ``selector`` finds) that an Arabic reader meets first: on its top line,
# the one at the right.
_READ_ORDER = """([selector, text]) => {
    const e = document.querySelector(selector);
    if (!e) return null;
    const walk = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
    let node;
    while ((node = walk.nextNode()) && !node.textContent.includes(text));
    if (!node) return null;
    const start = node.textContent.indexOf(text), words = [];
    for (const m of text.matchAll(/\\S+/g)) {
        const r = document.createRange();
        r.setStart(node, start + m.index); r.setEnd(node, start + m.index + m[0].length);
        const box = r.getBoundingClientRect();
        words.push({word: m[0], top: box.top, right: box.right});
    }
    const line = words.filter(w => Math.abs(w.top - Math.min(...words.map(v => v.top))) < 4);
    line.sort((a, b) => b.right - a.right);
    return line[0].word; }"""


def test_a_mixed_direction_headline_reads_from_its_first_word_wherever_it_is_shown(browser: Any,
                                                                                    tmp_path: Path) -> None:
    """An Arabic reader's report: a headline with Latin names in it, 'الذكاء الاصطناعي في إندونيسيا: OpenAI و Meta
    تستثمران مليار دولار', took the page's left-to-right direction in the <h1>, in lists, in the lead of the home
    page, in related reading, the weekly edition, its email and search results: its clauses came in reverse order,
    the line starting (at its right) with the last words. Each takes the title's own direction, as the breadcrumb
    does; a summary too."""
    from conftest import article, make_project
    make_project(tmp_path / "p", {
        "2025/06/a.md": article(title=f'"{_ARABIC_TITLE}"', summary=f'"{_ARABIC_SUMMARY}"', tags="[AI]",
                                section="Teknologi", date="2025-06-12T09:00:00+07:00"),
        "2025/06/b.md": article(title="Berita lain", tags="[AI]", date="2025-06-11T09:00:00+07:00")})
    first, summary_first = _ARABIC_TITLE.split()[0], _ARABIC_SUMMARY.split()[0]
    places = {"/2025/06/a/": ["h1"], "/2025/06/b/": [".related a", ".around a[rel=next]"],
              "/": [".top h2", ".top .summary"], "/sections/teknologi/": [".item h2", ".item p:not(.meta)"],
              "/weekly/2025-W24/": [".edition h3", ".edition h3 + .meta + p"],
              "/weekly/2025-W24/email.html": ["h3", "h3 + .meta + p"], "/search/?q=openai": ["#search-results h2"]}
    server = _serve_project(tmp_path / "p")
    context = browser.new_context(viewport=DESKTOP)  # a line long enough for both directions' words
    seen, want = {}, {}
    try:
        page = context.new_page()
        for path, selectors in places.items():
            page.goto(f"http://127.0.0.1:{server.server_address[1]}{path}", wait_until="networkidle")
            if path.startswith("/search/"):
                page.wait_for_selector("#search-results h2")
            for selector in selectors:
                summary = selector.endswith(("p", ".summary", "p:not(.meta)"))
                text = _ARABIC_SUMMARY if summary else _ARABIC_TITLE
                seen[path, selector] = page.evaluate(_READ_ORDER, [selector, text])
                want[path, selector] = summary_first if summary else first
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    assert seen == want


def test_a_mixed_direction_name_reads_from_its_first_word_in_the_themes_lists_and_headings(browser: Any,
                                                                                           tmp_path: Path) -> None:
    """Then the names: a section 'أخبار AI', a tag 'ذكاء AI' and a publisher 'قناة BBC' took the page's left-to-right
    direction in the section bar, the breadcrumb, date lines, the lists of tags, sections and sources, a section's
    <h1> ('Rubrik: …') and search results' date line: 'AI' came first for an Arabic reader. Each is isolated in
    its own direction (dir="auto", or <bdi> after a label)."""
    from conftest import article, make_project
    names = {"section": "أخبار AI", "tag": "ذكاء AI", "source": "قناة BBC"}
    make_project(tmp_path / "p", {"2025/06/a.md": article(
        title="Investasi", section=f'"{names["section"]}"', tags=f'["{names["tag"]}"]',
        source=f'{{name: "{names["source"]}", url: "https://bbc.example/x"}}')})
    places = {"/2025/06/a/": {".sections a": "section", ".crumbs li:nth-child(2) a": "section",
                              ".post .meta a[rel~=external]": "source"},
              "/": {".top .meta a[href*=sections]": "section", ".top .meta a[rel~=external]": "source"},
              "/tags/": {".terms a": "tag"}, "/sections/": {".terms a": "section"}, "/sources/": {".terms a": "source"},
              "section page": {"h1": "section"}, "/search/?q=investasi": {"#search-results .meta": "section"}}
    server = _serve_project(tmp_path / "p")
    root = f"http://127.0.0.1:{server.server_address[1]}"
    context = browser.new_context(viewport=DESKTOP)
    seen, want = {}, {}
    try:
        page = context.new_page()
        for path, selectors in places.items():
            if path == "section page":
                page.goto(root + "/", wait_until="networkidle")
                path = page.evaluate("() => document.querySelector('.sections a').getAttribute('href')")
            page.goto(root + path, wait_until="networkidle")
            if path.startswith("/search/"):
                page.wait_for_selector("#search-results .meta")
            for selector, kind in selectors.items():
                seen[path, selector] = page.evaluate(_READ_ORDER, [selector, names[kind]])
                want[path, selector] = names[kind].split()[0]
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    assert seen == want


_SHOW_TEXT = """([which, dir]) => {
    document.getElementById('shown')?.remove();
    const d = document.createElement('div');
    d.id = 'shown'; d.dir = dir; d.style.whiteSpace = 'nowrap';
    d.textContent = which === 'title' ? document.title : document.querySelector('meta[property="og:title"]').content;
    document.body.prepend(d); }"""
"""The page's <title> or og:title drawn as a line of text in a direction: 'ltr', the page's and Firefox's tab's, or
'auto', what Chrome's and Safari's tabs and share previews take from the text."""


def test_a_right_to_left_part_of_a_joined_title_reads_from_its_first_word(browser: Any, tmp_path: Path) -> None:
    """Strings joined before the page has markup: the <title> '<an Arabic headline> · Kabar AI', 'Tag: ذكاء AI ·
    …', an intersection's 'Google in أخبار AI', a weekly note's 'Edition #1: أسبوع AI' and the footer's feed title.
    The Arabic part's Latin word, or the site's name, ran into it ('ذكاء' left of 'AI'). Plain text isolates the
    part (U+2068 … U+2069), the HTML puts it in <bdi>."""
    from conftest import article, make_project
    names = {"tag": "ذكاء AI", "section": "أخبار AI", "note": "أسبوع AI"}
    make_project(tmp_path / "p", {
        **{f"2025/06/{n}.md": article(title=f'"{_ARABIC_TITLE}"' if n == "a" else n, tags=f'["{names["tag"]}"]',
                                      section=f'"{names["section"]}"', companies="[Google]",
                                      date=f"2025-06-1{i}T09:00:00+07:00") for i, n in enumerate("abc")},
        "weekly/2025-W24.md": f'---\ntitle: "{names["note"]}"\n---\nNote.\n'},
        config="title: Kabar AI\nbase_url: https://example.org/\nlanguage: en\n")
    pair = "/companies/google/sections/khbr-ai/"
    places = {"/2025/06/a/": {"title": _ARABIC_TITLE, "og:title": _ARABIC_TITLE},
              "/tags/dhk-ai/": {"title": names["tag"], "og:title": names["tag"], "footer.site a": names["tag"]},
              pair: {"title": names["section"], "og:title": names["section"], "h1": names["section"],
                     "footer.site a": names["section"]},
              "/companies/google/": {"#pair": names["section"]},
              "/weekly/": {".editions a": names["note"]},
              "/weekly/2025-W24/": {"title": names["note"], "og:title": names["note"], "h1": names["note"]}}
    server = _serve_project(tmp_path / "p")
    context = browser.new_context(viewport=DESKTOP)
    seen, want = {}, {}
    try:
        page = context.new_page()
        for path, shown in places.items():
            page.goto(f"http://127.0.0.1:{server.server_address[1]}{path}", wait_until="networkidle")
            page.evaluate(f"""() => {{ for (const a of document.querySelectorAll('.intel a[href="{pair}"]'))
                if (a.textContent.startsWith('Google')) a.id = 'pair'; }}""")
            for where, text in shown.items():
                for direction in ("ltr", "auto") if "title" in where else ("",):
                    if direction:
                        page.evaluate(_SHOW_TEXT, [where, direction])
                    seen[path, where, direction] = page.evaluate(_READ_ORDER, ["#shown" if direction else where, text])
                    want[path, where, direction] = text.split()[0]
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    assert seen == want


def test_a_right_to_left_notes_title_reads_from_its_first_word_though_it_begins_with_a_latin_one(
        browser: Any, tmp_path: Path) -> None:
    """An attacker's report: a weekly note with lang: ar titled 'GPT-5 من OpenAI: أسبوع حافل' was laid out left to
    right in the edition's <h1>, in /weekly/ and in the email's <h1> ('GPT-5' at the left), and in the tab's title:
    its first strong letter is Latin. The title is in the note's language, right to left, wherever it is shown."""
    from conftest import article, make_project
    title = "GPT-5 من OpenAI: أسبوع حافل"
    make_project(tmp_path / "p", {"2025/06/a.md": article(),
                                  "weekly/2025-W24.md": f'---\ntitle: "{title}"\nlang: ar\n---\nملاحظة.\n'})
    places = {"/weekly/": {".editions a": title}, "/weekly/2025-W24/email.html": {"h1": title},
              "/weekly/2025-W24/": {"title": title, "og:title": title, "h1": title}}
    server = _serve_project(tmp_path / "p")
    context = browser.new_context(viewport=DESKTOP)
    seen = {}
    try:
        page = context.new_page()
        for path, shown in places.items():
            page.goto(f"http://127.0.0.1:{server.server_address[1]}{path}", wait_until="networkidle")
            for where, text in shown.items():
                for direction in ("ltr", "auto") if "title" in where else ("",):
                    if direction:
                        page.evaluate(_SHOW_TEXT, [where, direction])
                    seen[path, where, direction] = page.evaluate(_READ_ORDER, ["#shown" if direction else where, text])
    finally:
        context.close()
        server.shutdown()
        server.server_close()
    assert seen == dict.fromkeys(seen, "GPT-5") and len(seen) == 7


def test_a_printed_right_to_left_source_name_has_its_address_after_it(browser: Any, tmp_path: Path) -> None:
    """An attacker's report, printing an edition: the source link of an Arabic publisher ('العربية') printed its
    address at the name's left, '26 November 2026 · <https://…> العربية', as the link's own right-to-left direction
    put the printed address at its end. The name keeps its own direction, and the address follows it on the line's
    side, as a Latin name's does."""
    from conftest import article, make_project
    root = make_project(tmp_path / "p", {"2025/06/a.md": article(
        title="Model bahasa", source="{name: 'العربية', url: 'https://www.alarabiya.net/x'}")})
    with _opened(browser, root, "/weekly/2025-W24/", DESKTOP, media="print") as page:
        sides = page.evaluate("""() => {
            const a = document.querySelector('.edition .item .meta a'), walk = document.createTreeWalker(a, 4);
            const node = walk.nextNode(), r = document.createRange();  // the name's text
            r.selectNodeContents(node);
            const name = r.getBoundingClientRect(), link = a.getBoundingClientRect();
            return [getComputedStyle(a, '::after').content, Math.round(name.left - link.left),
                    link.right - name.right > 100];
        }""")
    assert sides == ['" <https://www.alarabiya.net/x>"', 0, True]


def test_the_emails_right_to_left_headline_summary_and_section_start_at_the_right(browser: Any,
                                                                                       tmp_path: Path) -> None:
    """An attacker's report at 360 px: email.html's Arabic headlines, summaries and section names were left-aligned:
    the frame's inlined 'text-align: left', which keeps the email from taking the outer cell's centring, was
    inherited and outweighed their dir="auto". The build gives such a block dir="rtl" and a right alignment, so it
    starts at the right, as on the web edition; a Latin one at the left."""
    from conftest import article, make_project
    root = make_project(tmp_path / "p", {
        "2025/06/a.md": article(title="أرامكو تطلق نموذجا", summary="أعلنت الشركة اليوم.", section="الشرق الأوسط"),
        "2025/06/b.md": article(title="Pusat data Batam", summary="Kapasitas listrik.", section="Indonesia",
                                date="2025-06-12T09:00:00+07:00")})
    with _opened(browser, root, "/weekly/2025-W24/email.html", PHONE) as page:
        gaps = page.evaluate("""() => [...document.querySelectorAll('h2, h3, h3 + p + p')].map(e => {
            const r = document.createRange();
            r.selectNodeContents(e);
            const text = r.getBoundingClientRect(), box = e.getBoundingClientRect();
            return [e.textContent.trim(), Math.round(text.left - box.left), Math.round(box.right - text.right) < 2];
        })""")
    assert sorted((text, left == 0, right) for text, left, right in gaps) == sorted([
        ("الشرق الأوسط", False, True), ("أرامكو تطلق نموذجا", False, True), ("أعلنت الشركة اليوم.", False, True),
        ("Indonesia", True, False), ("Pusat data Batam", True, False), ("Kapasitas listrik.", True, False)])


def test_eight_preview_tabs_all_load_and_all_reload_after_an_edit(browser: Any, tmp_path: Path) -> None:
    """Each page of `digest serve` held its own event stream, and Chromium opens 6 connections per host: a 7th
    preview tab hung while 6 were open. One tab of the browser now holds the stream and tells the others."""
    from datetime import datetime, timezone

    from playwright.sync_api import expect

    from conftest import article, make_project
    from generator.commands.serve import PreviewServer, ServeOptions
    make_project(tmp_path, {"2025/06/a.md": article(title="Judul lama")})
    now = datetime(2025, 7, 1, tzinfo=timezone.utc)
    server = PreviewServer(ServeOptions(tmp_path / "config.yaml", port=0), lambda: now, lambda _: None)
    server.start()
    context = browser.new_context()  # one profile: the limit is per host in one network context
    errors: list[str] = []
    try:
        tabs = []
        for _ in range(8):
            page = context.new_page()
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(f"{server.url}2025/06/a/", wait_until="load", timeout=15_000)
            expect(page.locator("h1")).to_have_text("Judul lama")
            tabs.append(page)
        (tmp_path / "content/2025/06/a.md").write_text(article(title="Judul baru"))
        for page in tabs:
            expect(page.locator("h1")).to_have_text("Judul baru", timeout=20_000)
        tabs[0].close()  # the tab holding the stream goes: another takes it over
        (tmp_path / "content/2025/06/a.md").write_text(article(title="Judul ketiga"))
        for page in tabs[1:]:
            expect(page.locator("h1")).to_have_text("Judul ketiga", timeout=20_000)
        # without Web Locks (a page not in a secure context: --bind 0.0.0.0 seen from a phone) each tab listens itself
        plain = browser.new_context()
        plain.add_init_script("delete Navigator.prototype.locks")
        alone = [plain.new_page() for _ in range(2)]
        for page in alone:
            page.goto(f"{server.url}2025/06/a/", wait_until="load", timeout=15_000)
            expect(page.locator("h1")).to_have_text("Judul ketiga")
        assert alone[0].evaluate("() => navigator.locks === undefined")
        (tmp_path / "content/2025/06/a.md").write_text(article(title="Judul keempat"))
        for page in alone:
            expect(page.locator("h1")).to_have_text("Judul keempat", timeout=20_000)
        plain.close()
        assert errors == []
    finally:
        context.close()
        server.stop()


@contextlib.contextmanager
def _project_page(browser: Any, root: Path) -> Iterator[tuple[Any, str]]:
    """A tab on the project at ``root``, built and served on 127.0.0.1, and the server's address."""
    server = _serve_project(root)
    context = browser.new_context(viewport=DESKTOP)
    try:
        yield context.new_page(), f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        context.close()
        server.shutdown()
        server.server_close()


def test_a_search_result_is_in_its_articles_language(browser: Any, tmp_path: Path) -> None:
    """A result's headline and excerpt took the search page's language and, but for 'dir="auto"', its direction:
    an English headline was read with Indonesian rules, and an Arabic one beginning 'OpenAI' ran left to right.
    Each takes its article's lang: (Pagefind metadata), as a card does; the date line stays the site's."""
    from conftest import LANGUAGES_SITE
    shutil.copytree(LANGUAGES_SITE, tmp_path / "p")
    with _project_page(browser, tmp_path / "p") as (page, root):
        page.goto(root + "/search/?q=openai", wait_until="networkidle")
        page.wait_for_selector("#search-results li + li")
        results = page.eval_on_selector_all("#search-results li", """lis => lis.map(li => {
            const [h, meta, p] = li.children, say = (e) => [e.lang, e.dir, getComputedStyle(e).direction];
            return [h.querySelector('a').getAttribute('href'), say(h), say(p), say(meta)]; })""")
        assert sorted(results) == [
            ["/2025/06/openai-arab/", ["ar", "rtl", "rtl"], ["ar", "rtl", "rtl"], ["", "", "ltr"]],
            ["/2025/06/openai-jakarta/", ["en", "auto", "ltr"], ["en", "auto", "ltr"], ["", "", "ltr"]]]
        page.goto(root + "/search/?q=batam", wait_until="networkidle")
        page.wait_for_selector("#search-results li")
        assert page.eval_on_selector_all("#search-results li > :is(h2, p:last-child)",
                                         "es => es.map(e => [e.lang, e.dir])") == [["", "auto"], ["", "auto"]]
        for word in ("auto", "ltr"):  # Pagefind searches metadata: there is no 'dir:auto' to find
            page.goto(root + f"/search/?q={word}", wait_until="networkidle")
            page.wait_for_selector("#search-results .count:not(:empty)")
            assert page.locator("#search-results li").count() == 0, word


def test_a_right_to_left_article_fits_a_phone_and_shows_its_skip_link_on_tab(browser: Any, tmp_path: Path) -> None:
    """An Arabic article (``lang: ar``, ``<html dir="rtl">``) was 10,359 px wide and blank on a phone: the skip
    link hidden at ``left: -9999px`` overflowed to the left, which an RTL page scrolls to. Hidden by clipping, it
    takes no room in either direction and still appears on the first Tab."""
    from conftest import LANGUAGES_SITE
    shutil.copytree(LANGUAGES_SITE, tmp_path / "p")
    server = _serve_project(tmp_path / "p")
    context = browser.new_context(viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/2025/06/openai-arab/", wait_until="networkidle")
        assert page.evaluate("() => [document.dir, document.documentElement.scrollWidth, scrollX]") == ["rtl", 360, 0]
        page.keyboard.press("Tab")
        skip = page.evaluate("""() => { const a = document.activeElement, r = a.getBoundingClientRect();
            return {cls: a.className, shown: r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.width > 40
                    && r.height > 20, width: document.documentElement.scrollWidth}; }""")
        assert skip == {"cls": "skip", "shown": True, "width": 360}, skip
    finally:
        context.close()
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize("media", ["screen", "print"])
def test_code_in_a_right_to_left_article_reads_left_to_right(browser: Any, tmp_path: Path, media: str) -> None:
    """An attacker's report: in an Arabic article (``lang: ar``, ``<html dir="rtl">``) a ``pre`` took the page's
    direction: right-aligned, its lines read '/rm -rf build' and ';print("done")', a highlighted long line opened
    scrolled to its end, and inline code wrapped to '()overflow_the_phone_width'. Code reads left to right."""
    from conftest import LANGUAGES_SITE
    shutil.copytree(LANGUAGES_SITE, tmp_path / "p")
    arab = tmp_path / "p/content/2025/06/openai-arab.md"
    arab.write_text(arab.read_text(encoding="utf-8") + (
        "\nالأمر `code_sample_that_would_overflow_the_phone_width()` هنا.\n\n```\nrm -rf build/\n```\n\n"
        "```python\nprint(\"done\"); x = 'a very long line that is wider than a phone screen by a good margin'\n```\n"),
        encoding="utf-8")
    with _opened(browser, tmp_path / "p", "/2025/06/openai-arab/", PHONE, media=media) as page:
        seen = page.evaluate("""() => {
            const at = (el, i) => {  // the box of the i-th character of el's text (negative: from its end)
                const walk = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
                let n = i < 0 ? el.textContent.length + i : i, node;
                while ((node = walk.nextNode()) && n >= node.data.length) n -= node.data.length;
                const range = document.createRange(); range.setStart(node, n); range.setEnd(node, n + 1);
                return range.getBoundingClientRect(); };
            const pres = [...document.querySelectorAll('.body pre')].map(pre => {
                const line = pre.textContent.split('\\n')[0], first = at(pre, 0), last = at(pre, line.length - 1);
                const box = pre.getBoundingClientRect(), pad = parseFloat(getComputedStyle(pre).paddingLeft);
                return [line.slice(0, 13), getComputedStyle(pre).direction, Math.abs(first.left - box.left - pad) < 2,
                        first.top === last.top ? first.left < last.left : first.top < last.top]; });
            const code = document.querySelector('.body p code'), w = at(code, -3), paren = at(code, -2);
            return {pres, inline: [getComputedStyle(code).direction, Math.abs(w.top - paren.top) < 2 && w.left < paren.left]};
        }""")
    assert seen == {"pres": [["rm -rf build/", "ltr", True, True], ["print(\"done\")", "ltr", True, True]],
                    "inline": ["ltr", True]}, seen
