"""Every URL rule in one place: paths, files, links under a base path, slugs."""
from __future__ import annotations

from datetime import datetime

import pytest

from generator.core import urls
from generator.load.publishers import host_forms


def test_paths_and_files() -> None:
    assert urls.article_path(datetime(2025, 6, 3), "meta-scale") == "2025/06/meta-scale/"
    assert [urls.page_path("tags/ai/", n) for n in (1, 2)] == ["tags/ai/", "tags/ai/page/2/"]
    assert urls.feed_path("tags/ai/") == "tags/ai/feed.xml" and urls.feed_path("") == "feed.xml"
    assert [urls.file_for(p) for p in ("", "tags/", "404.html")] == ["index.html", "tags/index.html", "404.html"]


def test_links_follow_the_base_path() -> None:
    assert urls.url("/digest/", "tags/ai/") == "/digest/tags/ai/"
    assert urls.absolute("https://example.org/digest/", "feed.xml") == "https://example.org/digest/feed.xml"


@pytest.mark.parametrize("text, slug", [
    ("Rp 1,5 triliun", "rp-1-5-triliun"), ("Rp 15 triliun", "rp-15-triliun"), ("Société Générale", "societe-generale"),
    ("人工智能", "ren-gong-zhi-neng"), ("!!!", ""), ("GoTo", "goto"),
])
def test_make_slug(text: str, slug: str) -> None:
    assert urls.make_slug(text) == slug


def test_slugs_are_capped_at_80_characters_on_a_word_boundary() -> None:
    slug = urls.make_slug("kata " * 40)
    assert len(slug) <= 80 and slug.endswith("kata")


def test_http_url_is_the_pattern_and_what_urlsplit_can_read() -> None:
    """``http_url`` skips ``urlsplit`` for the usual links: it must answer as the pattern and ``urlsplit`` (with
    the port read) together do, for those and for odd ones (ports, brackets, user info, spaces)."""
    import random
    from urllib.parse import urlsplit

    from generator.core.urls import HTTP_URL, http_url

    def slow(url: str) -> bool:
        try:
            urlsplit(url).port
        except ValueError:
            return False
        return bool(HTTP_URL.match(url)) and bool((urlsplit(url).hostname or "").strip("."))  # 'https://:80/a', './

    pieces = ["https://", "http://", "HTTPS://", "a.b", "www.", "0", ".", "..", "/", "?q", "#f", ":80", ":99999", ":x",
              "@", "u:p@", "[::1]", "[", "]", "%41", " ", "\t", "é", ";", ":", ""]
    rng = random.Random(7)
    urls = ["https://example.com:99999/b", "https://[::1/x", "https://[::1]:8080/", "https://a.b:65535/"]
    urls += ["https://" + "".join(rng.choice(pieces[3:]) for _ in range(rng.randint(1, 6))) for _ in range(30_000)]
    urls += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 6))) for _ in range(10_000)]
    assert [url for url in urls if http_url(url) != slow(url)] == []


@pytest.mark.parametrize("address, shown", [
    ("../05/caf%C3%A9-baru.md", "../05/café-baru.md"),  # the 'é' the editor typed, which the HTML encodes
    ("/2025/%C3%A9%20a/", "/2025/é%20a/"),  # a space stays escaped: '%20' may be what was written
    ("x%20y.png", "x%20y.png"), ("100%25", "100%25"), ("%c3%a9", "é"),
    ("%E2%80%8B", "%E2%80%8B"),  # an invisible character stays visible as its escape
    ("%C3", "%C3"), ("plain", "plain"),
])
def test_messages_show_an_address_with_the_letters_typed_not_their_escapes(address: str, shown: str) -> None:
    """A warning for a link to 'café-baru.md' quoted it as '../05/caf%C3%A9-baru.md', which the editor never
    wrote and would not find by searching the file."""
    assert urls.as_typed(address) == shown


@pytest.mark.parametrize("base_path, page, href, target", [
    ("/", "2025/06/a/", "../../../images/x.png", "/images/x.png"),
    ("/", "2025/06/a/", "../../../../../images/x.png", "/images/x.png"),  # beyond the root: at the root
    ("/", "2025/06/a/", "/../images/x.png", "/images/x.png"),
    ("/digest/", "2025/06/a/", "../../../../../images/x.png", "/images/x.png"),  # outside the site: said so
    ("/digest/", "2025/06/a/", "gambar/x.png", "/digest/2025/06/a/gambar/x.png"),
])
def test_a_relative_address_is_read_as_a_browser_reads_it(base_path: str, page: str, href: str, target: str) -> None:
    """'../../../../../images/x.png' from an article's page is /images/x.png to a browser (extra '..' stay at the
    root); it was read as 'images/x.png', a path no file has, so a working image was warned of as broken and got
    no size."""
    assert urls.link_target("https://example.org" + base_path, base_path, page, href) == target


@pytest.mark.parametrize("href, target", [
    ("https://example.org/digest/a/", "/digest/a/"), ("https://EXAMPLE.org/digest/a/", "/digest/a/"),
    ("HTTPS://example.org:443/digest/a/", "/digest/a/"), ("//example.org/digest/a/", "/digest/a/"),
    ("https://example.org/digest", "/digest"),  # the home page without its '/': reported as a folder's link
    ("https://example.org/", None), ("https://example.org:8443/digest/a/", None),  # another site
    ("http://example.org/digest/a/", None), ("https://elsewhere.example/digest/a/", None),
    ("https://example.org:99999/digest/", None),
])
def test_an_address_naming_a_host_is_the_sites_as_a_browser_compares_origins(href: str, target: str | None) -> None:
    """The host in capitals, the default port and a scheme-less '//host' link open the site's pages in a browser;
    digest check took them for another site and passed them unchecked."""
    assert urls.link_target("https://example.org/digest/", "/digest/", "2025/06/a/", href) == target
    assert urls.origin("HTTPS://Example.ORG:443/x") == urls.origin("https://example.org/") == "https://example.org"
    assert urls.origin("http://[::1]:8080/") == "http://[::1]:8080"


@pytest.mark.parametrize("href, target", [
    ("https://example.org./digest/a/", "/digest/a/"), ("https://EXAMPLE.org.:443/digest/a/", "/digest/a/"),
    ("//example.org./digest/a/", "/digest/a/"), ("https://example.org../digest/a/", None),
    ("https://bücher.example/digest/a/", None),
])
def test_a_host_with_the_dns_roots_dot_is_the_same_host(href: str, target: str | None) -> None:
    """A browser asks DNS for 'example.org.' as for 'example.org': both link checks took it for another site."""
    assert urls.link_target("https://example.org/digest/", "/digest/", "2025/06/a/", href) == target
    assert urls.link_target("https://example.org./digest/", "/digest/", "2025/06/a/", href) == target
    assert urls.undotted(href) == (href.replace(".org.", ".org", 1) if target else None)


@pytest.mark.parametrize("address, typed", [
    ("https://xn--fa-hia.de/x", "https://faß.de/x"),  # Python's IDNA 2003 codec refused it ('does not round-trip')
    ("https://xn--mgba4a4edcg74fu38n.ir/x", "https://\u0646\u0627\u0645\u0647\u200c\u0646\u06af\u0627\u0631.ir/x"),
    ("https://xn--zz.de/x", "https://xn--zz.de/x"),  # no name: as written
    ("https://xn--i-7iq.ws/x", "https://i\u2764.ws/x"),  # an emoji: IDNA 2008 refuses it, browsers open it
])
def test_typed_host_reads_punycode_as_browsers_write_it(address: str, typed: str) -> None:
    assert urls.typed_host(address) == typed
    assert urls.ascii_url(typed) == address


# What Chromium's `new URL('https://' + host + '/').host` gives (None: a TypeError); 'x y.de' is left out:
# Chromium escapes the space ('x%20y.de'), which the URL Standard refuses, as idna_ascii does.
BROWSER_HOSTS = {
    "i\u2764.ws": "xn--i-7iq.ws", "fa\u00df.de": "xn--fa-hia.de", "\u2603.com": "xn--n3h.com",
    "\uff25\uff38\uff21\uff2d\uff30\uff2c\uff25.org": "example.org", "example\u3002org": "example.org",
    "\u0646\u0627\u0645\u0647\u200c\u0646\u06af\u0627\u0631.ir": "xn--mgba4a4edcg74fu38n.ir",
    "a\u200cb.com": None, "\u2488.com": None, "\u00e9" * 70 + ".example": "xn--9c" + "a" * 70 + ".example",
    "a-.b\u2764.c": "a-.xn--b-7iq.c", "ab--c\u2764.de": "xn--ab--c-502c.de", "-x\u2764.de": "xn---x-pny.de",
    "x\u2764_y.de": "xn--x_y-4r6a.de", "my_blog.b\u00fccher.de": "my_blog.xn--bcher-kva.de", "a%b.\u2764": None,
    "\u05d0A.com": None,
}


@pytest.mark.parametrize("host, ascii_host", BROWSER_HOSTS.items())
def test_a_host_is_written_as_browsers_write_it(host: str, ascii_host: str | None) -> None:
    """IDNA 2008 refused an emoji host ('i\u2764.ws') that browsers open (the URL Standard's domain-to-ASCII: UTS 46,
    not transitional, without IDNA 2008's stricter letters or length limits), and idna_letters raised on its
    punycode; the joiner and bidi rules and UTS 46's disallowed characters still refuse what browsers refuse."""
    if ascii_host is None:
        with pytest.raises(UnicodeError):
            urls.idna_ascii(host)
    else:
        assert urls.idna_ascii(host) == ascii_host
        assert urls.idna_ascii(urls.idna_letters(ascii_host)) == ascii_host


def test_the_browser_hosts_are_chromiums() -> None:
    """BROWSER_HOSTS, asked of Chromium itself (skipped without it and Playwright)."""
    import os
    import shutil
    from pathlib import Path

    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    playwright = pytest.importorskip("playwright.sync_api")
    if not Path(chromium).is_file():
        pytest.skip("no chromium")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium)
        got = browser.new_page().evaluate(
            "hosts => hosts.map(h => { try { return new URL('https://' + h + '/').host } catch (e) { return null } })",
            list(BROWSER_HOSTS))
        browser.close()
    assert dict(zip(BROWSER_HOSTS, got)) == BROWSER_HOSTS


@pytest.mark.parametrize("host, registered", [("xn--.com", ()), ("a.xn--", ()), ("xn--a.com", ("xn--a.com",)),
                                               ("xn--abc-.com", ()), ("xn--zz.com", ("xn--zz.com",))])
def test_punycode_that_stands_for_no_letters_browsers_write_is_refused(host: str, registered: tuple[str, ...]) -> None:
    """idna_letters('xn--.com') was '.com' (an empty label: typed_host made 'https://xn--.com/x' 'https://.com/x'),
    'xn--a.com' '\\x80.com' (a control character) and 'xn--abc-.com' 'abc.com', another host: punycode IDNA 2008
    refuses was decoded without asking whether browsers write those letters so. Chromium keeps each host as written;
    so do typed_host and the sources registry (which refuses a label ending in '-'), and idna_letters raises
    UnicodeError, as it says."""
    with pytest.raises(UnicodeError):
        urls.idna_letters(host)
    assert urls.typed_host(f"https://{host}/x") == f"https://{host}/x"
    assert host_forms(host) == registered
