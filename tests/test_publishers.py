"""Publishers: grouping by source host, the optional sources.yaml registry, and their pages."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import lxml.html
import pytest

from conftest import FIXTURE_SITE, article, build_project, make_project
from generator.build import build
from generator.load.config import load_config
from generator.core.errors import BuildError
from generator.load.publishers import host_of, load_sources

FILES = build_project(FIXTURE_SITE).output.files


def src(url: str, name: str = "X") -> str:
    return f'{{name: {name}, url: "{url}"}}'


def errors(root: Path) -> list[str]:
    with pytest.raises(BuildError) as caught:
        build(load_config(root / "config.yaml"))
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("url, host", [
    ("https://www.reuters.com/x", "reuters.com"), ("https://WWW.Reuters.COM:443/x", "reuters.com"),
    ("http://mobile.reuters.com./a?b", "mobile.reuters.com"), ("https://wwwnews.example/", "wwwnews.example"),
])
def test_host_of_drops_www_port_case_and_trailing_dot(url: str, host: str) -> None:
    assert host_of(url) == host


def test_host_of_reads_every_url_as_urlsplit_does() -> None:
    """``host_of`` reads the usual URLs without ``urlsplit``: it must give what ``urlsplit`` gives, for those and for
    the odd ones around them (user info, ports, IPv6, escapes, spaces, tabs, case, no path)."""
    import random
    from urllib.parse import urlsplit

    def slow(url: str) -> str:
        return (urlsplit(url).hostname or "").rstrip(".").removeprefix("www.")

    pieces = ["https://", "http://", "HTTPS://", "ftp://", "//", "https:", "a.b", "www.", "x-y", "0", ".", "-", "/",
              "?q", "#f", ":80", "@", "u:p@", "[::1]", "%41", " ", "\t", "\n", "Ex", "é", "_", "\\", "..", ";", ""]
    rng = random.Random(12)
    urls = ["https://www.reuters.com/x", "https://example.com", "https://example.com?x", "https://example.com#x",
            "https://example.com./", "https://exa\tmple.com/", "https://example.com\t.evil/", "https://a..b/",
            "https://-a-/", "http://1.2.3.4/x", "https://xn--bcher-kva.example/"]
    urls += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 7))) for _ in range(20_000)]
    urls += ["https://" + "".join(rng.choice(pieces[6:]) for _ in range(rng.randint(1, 5))) for _ in range(20_000)]
    for url in urls:
        try:
            expected = slow(url)
        except ValueError:  # urlsplit refuses it (a bad IPv6 literal, a bad port): host_of must too
            with pytest.raises(ValueError):
                host_of(url)
            continue
        assert host_of(url) == expected, url


def test_without_a_registry_each_host_is_a_publisher_named_as_its_articles_name_it(tmp_path: Path) -> None:
    """A host's page has the name its articles' `source.name` give most (the host when none gives one): readers
    saw "Baca artikel selengkapnya di CNBC" beside "Semua berita dari cnbc.com", and every unregistered
    publisher's page told them about sources.yaml, a file of the editors'."""
    make_project(tmp_path, {"a.md": article(source=src("https://www.reuters.com/a", "Reuters")),
                            "b.md": article(title="B", source='"https://reuters.com/b"'),
                            "e.md": article(title="E", date="2025-06-01", source=src("https://reuters.com/e", "Reuters")),
                            "f.md": article(title="F", date="2025-06-02", source=src("https://reuters.com/f", "RTRS")),
                            "c.md": article(title="C", source='"https://mobile.reuters.com/c"'),
                            "k1.md": article(title="K1", source=src("https://kompas.example/1", "Kompas")),
                            "k2.md": article(title="K2", source=src("https://kompas.example/2", "KOMPAS")),
                            "k3.md": article(title="K3", date="2025-06-30", source=src("https://kompas.example/3",
                                                                                       "Harian Kompas")),
                            "t.md": article(title="T", source='"https://user@www.tempo.example:8080/a"'),
                            "d.md": article(title="D")})
    files = build_project(tmp_path).output.files
    index = lxml.html.document_fromstring(files["sources/index.html"])
    assert [(a.text, a.get("href")) for a in index.xpath("//main//li/a")] == [
        ("Reuters", "/sources/reuters-com/"), ("Kompas", "/sources/kompas-example/"),
        ("mobile.reuters.com", "/sources/mobile-reuters-com/"), ("tempo.example", "/sources/tempo-example/")]
    page = lxml.html.document_fromstring(files["sources/reuters-com/index.html"])
    assert page.xpath("string(//h1)") == "Sumber: Reuters"
    assert page.xpath("//main/p/a[@rel]/@href") == ["https://www.reuters.com/"]  # the newest article's site
    assert [a.text for a in page.xpath("//article/h2/a")] == ["Judul", "B", "F", "E"]  # same instant: by slug
    assert "sources.yaml" not in files["sources/reuters-com/index.html"].decode()
    article_page = lxml.html.document_fromstring(files["2025/06/b/index.html"])
    assert "Sumber: Kompas" in files["sources/kompas-example/index.html"].decode()  # 'KOMPAS' is 'Kompas'
    assert "selengkapnya di <bdi>tempo.example</bdi></a>" in files["2025/06/t/index.html"].decode()  # no user, port
    assert [a.text_content() for a in article_page.xpath("//p[@class='source']/a")] == [
        "Baca artikel selengkapnya di reuters.com", "Semua berita dari Reuters (4)"]


def registered(root: Path, sources: str, *source_urls: str) -> dict[str, bytes]:
    """The files of a site whose articles (A, B, C...) come from ``source_urls``, with ``sources`` as its registry."""
    make_project(root, {f"{chr(97 + i)}.md": article(title=chr(65 + i), source=src(url))
                        for i, url in enumerate(source_urls)})
    (root / "content/sources.yaml").write_text(sources)
    return dict(build_project(root).output.files)


def test_the_registry_joins_hosts_under_one_name(tmp_path: Path) -> None:
    files = registered(tmp_path, "reuters:\n  name: Reuters\n  url: https://www.reuters.com/\n  aliases: "
                                 "[mobile.reuters.com]\n", "https://www.reuters.com/a", "https://reuters.com/b",
                       "https://mobile.reuters.com/c")
    assert sorted(p for p in files if p.startswith("sources/")) == [  # the hosts' own addresses redirect there
        "sources/index.html", "sources/mobile-reuters-com/index.html", "sources/reuters-com/index.html",
        "sources/reuters/atom.xml", "sources/reuters/feed.json", "sources/reuters/feed.xml",
        "sources/reuters/index.html"]
    page = lxml.html.document_fromstring(files["sources/reuters/index.html"])
    assert page.xpath("//main/p/a[@rel]/@href") == ["https://www.reuters.com/"]
    assert page.xpath("//p[@class='meta']/text()")[0].startswith("3 artikel")


def test_a_publisher_registered_by_its_aliases_alone_has_no_site_link(tmp_path: Path) -> None:
    """An attacker's report: an entry with 'aliases:' and no 'url:' (valid) showed '<a href="">Situs: Kabar
    Nabire</a>' on its page, a link to the page itself."""
    files = registered(tmp_path, "kabar:\n  name: Kabar Nabire\n  aliases: [kabarnabire.id]\n",
                       "https://kabarnabire.id/x/1")
    page = lxml.html.document_fromstring(files["sources/kabar/index.html"])
    assert page.xpath("//main/p/a[@rel]") == [] and page.xpath("//p[@class='meta']/text()")[0].startswith("1 artikel")


@pytest.mark.parametrize("urls, home", [
    (("http://www.kabarnabire.com:8080/berita/2",), "http://www.kabarnabire.com:8080/"),
    (("https://[2001:db8::1]/berita/5",), "https://[2001:db8::1]/"),
    (("HTTPS://User@WWW.Kabar.example/a",), "https://www.kabar.example/"),
    (("http://kabar.example/lama", "https://www.kabar.example/baru"), "https://www.kabar.example/"),  # the newest's
])
def test_an_unregistered_publishers_site_link_is_the_site_its_articles_are_on(tmp_path: Path, urls: tuple[str, ...],
                                                                              home: str) -> None:
    """An attacker's report: the link was made up as https://{host}/: 'http://www.kabarnabire.com:8080/...' gave
    'https://kabarnabire.com/' (scheme, www. and port changed), and 'https://[2001:db8::1]/...' gave
    'https://2001:db8::1/', no address at all. It is the site root of the newest article's source."""
    make_project(tmp_path, {f"{chr(97 + i)}.md": article(title=chr(65 + i), date=f"2025-06-1{i}T09:00:00+07:00",
                                                         source=src(url)) for i, url in enumerate(urls)})
    files = build_project(tmp_path).output.files
    page = next(p for p in files if p.startswith("sources/") and p.endswith("/index.html") and p != "sources/index.html")
    assert lxml.html.document_fromstring(files[page]).xpath("//main/p/a[@rel]/@href") == [home]


def test_an_international_domain_name_is_a_host_in_either_form(tmp_path: Path) -> None:
    """'url: https://bérita.id/' was "'bérita.id' is not a host name; write it like reuters.com, without https:// or
    a path", and that gave "must be an http(s) URL": a publisher on an international domain name could not be
    registered. Its host is matched as articles spell it, in its own letters or in ASCII (IDNA)."""
    files = registered(tmp_path, "berita:\n  name: Bérita\n  url: https://bérita.id/\nkabar:\n  name: Kabär\n  aliases: "
                                 "[xn--kbr-sna.example]\n", "https://bérita.id/a", "https://xn--brita-bsa.id/b",
                       "https://www.xn--kbr-sna.example/c")
    for page, count in (("berita", "2 artikel"), ("kabar", "1 artikel")):
        assert lxml.html.document_fromstring(files[f"sources/{page}/index.html"]).xpath(
            "//p[@class='meta']/text()")[0].startswith(count)
    (tmp_path / "content/sources.yaml").write_text("berita:\n  name: B\n  url: https://bé^rita.id/\n")
    assert errors(tmp_path) == ["content/sources.yaml:3: field 'berita.url': 'bé^rita.id' is not a host name; write "
                                "the publisher's home page, like https://www.reuters.com/"]


def test_a_host_with_an_underscore_is_registered_as_browsers_open_it(tmp_path: Path) -> None:
    """'url: https://my_blog.bücher.de/' and 'aliases: [my_blog.example.de, bé_rita.id]' were "… is not a host
    name", though Chromium opens each (the URL Standard reads a host by UTS 46 without its STD3 rules, which allow
    '_'): their articles, in either form of the name, are the publisher's."""
    files = registered(tmp_path, "blog:\n  name: Blog\n  url: https://my_blog.bücher.de/\n  aliases: "
                                 "[my_blog.example.de, bé_rita.id]\n", "https://my_blog.bücher.de/a",
                       "https://my_blog.xn--bcher-kva.de/b", "https://my_blog.example.de/c", "https://xn--b_rita-bva.id/d",
                       "https://bücher.de/e")
    assert lxml.html.document_fromstring(files["sources/blog/index.html"]).xpath(
        "//p[@class='meta']/text()")[0].startswith("4 artikel")


def test_a_host_with_eszett_is_matched_in_its_idna_2008_form_only(tmp_path: Path) -> None:
    """A publisher at https://faß.de/ was matched by Python's IDNA 2003 codec as 'fass.de', another domain, and an
    article's source at https://xn--fa-hia.de/ (the form browsers and the Markdown renderer write) was not its."""
    files = registered(tmp_path, "fass:\n  name: Faß\n  url: https://faß.de/\n", "https://faß.de/a",
                       "https://xn--fa-hia.de/b", "https://fass.de/c")
    assert lxml.html.document_fromstring(files["sources/fass/index.html"]).xpath(
        "//p[@class='meta']/text()")[0].startswith("2 artikel")


def test_a_publisher_at_an_emoji_host_is_registered_and_matched(tmp_path: Path) -> None:
    """'url: "https://i\u2764.ws/"' was refused ("'i\u2764.ws' is not a host name"), though browsers open it:
    IDNA 2008 refuses emoji, the URL Standard does not. Its articles, in either form, are the publisher's."""
    files = registered(tmp_path, 'heart:\n  name: Heart\n  url: "https://i\u2764.ws/"\n', "https://i\u2764.ws/a",
                       "https://xn--i-7iq.ws/b", "https://i.ws/c")
    assert lxml.html.document_fromstring(files["sources/heart/index.html"]).xpath(
        "//p[@class='meta']/text()")[0].startswith("2 artikel")


def test_the_article_source_line_links_the_publisher_too() -> None:
    page = lxml.html.document_fromstring(FILES["2025/06/google-mundur/index.html"])
    assert [(a.get("href"), a.text_content()) for a in page.xpath("//p[@class='source']/a")] == [
        ("https://www.reuters.com/", "Baca artikel selengkapnya di Reuters"),
        ("/digest/sources/reuters/", "Semua berita dari Reuters (3)")]


def test_sources_index_lists_most_covered_first_and_is_in_the_nav() -> None:
    index = lxml.html.document_fromstring(FILES["sources/index.html"])
    assert [li.text_content() for li in index.xpath("//main//li")] == ["Reuters (3)", "Kompas Tekno (1)"]
    home = lxml.html.document_fromstring(FILES["index.html"])
    assert home.xpath("//header//a[@href='/digest/sources/']/text()") == ["Sumber berita"]


def test_a_line_without_its_colon_is_named_at_its_line(tmp_path: Path) -> None:
    """A maintainer's report: the error was on line 7 of a file of 6 lines (where PyYAML noticed)."""
    make_project(tmp_path, {"a.md": article()})
    (tmp_path / "content/sources.yaml").write_text(
        "aa:\n  name: A\n  url: https://a.com/\nzz:\n  name: Z\n  url https://z.com/\n")
    assert errors(tmp_path) == [
        "content/sources.yaml:6: field 'zz.url': has no ':' after the key; write url: https://z.com/"]


def test_a_yaml_slip_hides_none_of_the_other_publishers_problems(tmp_path: Path) -> None:
    """The slip in Reuters' name was the one message; the bad urls and the unknown key came once it was quoted."""
    make_project(tmp_path, {"a.md": article()})
    (tmp_path / "content/sources.yaml").write_text(
        "reuters:\n  name: Reuters: Berita\n  url: ftp://reuters.com\nkompas:\n  name: Kompas\n  url: notaurl\n"
        "  colour: red\n")
    assert errors(tmp_path) == [
        "content/sources.yaml:2: field 'reuters.name': has ': ' in it, which YAML reads as the start of another key; "
        "put the whole value in double quotes: name: \"Reuters: Berita\"",
        "content/sources.yaml:3: field 'reuters.url': must be an http(s) URL such as https://www.reuters.com/",
        "content/sources.yaml:6: field 'kompas.url': must be an http(s) URL such as https://www.reuters.com/",
        "content/sources.yaml:7: field 'kompas.colour': unknown key; use name, url, aliases"]


def test_a_key_indented_under_a_slip_is_said_with_it_and_hides_no_later_problem(tmp_path: Path) -> None:
    """'   url:' (3 spaces) under '  name: Reuters: Berita' was read past only once the name was quoted, and then in
    the parser's words ("did not find expected key"), with every problem below it."""
    make_project(tmp_path, {"a.md": article()})
    lines = ["reuters:", "  name: Reuters: Berita", "   url: https://reuters.com/", "kompas:", "  name: Kompas",
             "  url: notaurl", ""]
    (tmp_path / "content/sources.yaml").write_text("\n".join(lines))
    assert errors(tmp_path) == [
        "content/sources.yaml:2: field 'reuters.name': has ': ' in it, which YAML reads as the start of another key; "
        "put the whole value in double quotes: name: \"Reuters: Berita\"",
        "content/sources.yaml:3: field 'reuters.url': 'url: https://reuters.com/' is indented more than the line above, "
        "which opens no list or mapping; indent it with 2 spaces, as the line above: url: https://reuters.com/",
        "content/sources.yaml:6: field 'kompas.url': must be an http(s) URL such as https://www.reuters.com/"]
    lines[1:3] = ['  name: "Reuters: Berita"', "  url: https://reuters.com/"]  # as the messages say
    (tmp_path / "content/sources.yaml").write_text("\n".join(lines).replace("notaurl", "https://kompas.com/"))
    entries, problems = load_sources(tmp_path / "content/sources.yaml", "content/sources.yaml")
    assert problems == [] and (entries["reuters.com"].name, entries["reuters.com"].url) == (
        "Reuters: Berita", "https://reuters.com/")


def test_a_slip_in_aliases_hides_none_of_their_own_problems(tmp_path: Path) -> None:
    """An '@' alias's slip was the one message of the aliases: that it is no host, and that 'r.com: x' is none,
    came in later runs."""
    make_project(tmp_path, {"a.md": article()})
    text = "reuters:\n  name: Reuters\n  url: https://reuters.com/\n  aliases:\n    - @reuters.co.uk\n    - r.com: x\n"
    own = ["content/sources.yaml:5: field 'reuters.aliases': '@reuters.co.uk' is not a host name; write it like "
           "reuters.com, without https:// or a path",
           "content/sources.yaml:6: field 'reuters.aliases': {r.com: x} is not a host name; write it like reuters.com, "
           "without https:// or a path"]
    (tmp_path / "content/sources.yaml").write_text(text)
    assert sorted(errors(tmp_path)) == sorted([
        "content/sources.yaml:5: field 'reuters.aliases': '@reuters.co.uk' starts with '@', which cannot start a name "
        "in YAML; put it in double quotes: - \"@reuters.co.uk\"", *own])
    (tmp_path / "content/sources.yaml").write_text(text.replace("- @reuters.co.uk", '- "@reuters.co.uk"'))
    assert errors(tmp_path) == own  # written as the slip says: the same words, nothing new


def test_every_registry_problem_is_reported_with_its_line(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article()})
    (tmp_path / "content/sources.yaml").write_text(
        "Reuters:\n  name: Reuters\n"
        "ap:\n  nama: AP\n  name: AP\n  aliases: [apnews.com, 'https://ap.org/x']\n"
        "apnews:\n  name: AP News\n  url: https://apnews.com/\n"
        "empty:\n  name: Nobody\n"
        "noname:\n  url: https://apnews.com/x\n"
        "badurl:\n  name: B\n  url: b.example\n"
        "spaced:\n  name: S\n  url: https://s.example/a b\n"
        "bracket:\n  name: P\n  url: https://[p.com/\n")
    assert errors(tmp_path) == [  # an entry whose id is wrong is still read whole: each fix would meet the next
        "content/sources.yaml:1: field 'Reuters': needs 'url:' or 'aliases:' to know which articles are its own",
        "content/sources.yaml:1: field 'Reuters': publisher id must be lowercase letters, digits and hyphens, "
        "like 'the-verge'",
        "content/sources.yaml:4: field 'ap.nama': unknown key; did you mean 'name'?",
        "content/sources.yaml:6: field 'ap.aliases': 'https://ap.org/x' is not a host name; write it like "
        "reuters.com, without https:// or a path",
        "content/sources.yaml:9: field 'apnews.url': host 'apnews.com' also belongs to 'ap' (line 6); "
        "give it to one publisher",
        "content/sources.yaml:10: field 'empty': needs 'url:' or 'aliases:' to know which articles are its own",
        "content/sources.yaml:12: field 'noname.name': is required; add name: \"...\"",
        "content/sources.yaml:13: field 'noname.url': host 'apnews.com' also belongs to 'ap' (line 6); give it to "
        "one publisher",  # said with the missing name, not after it is added
        "content/sources.yaml:16: field 'badurl.url': must be an http(s) URL such as https://www.reuters.com/",
        "content/sources.yaml:19: field 'spaced.url': 'https://s.example/a b' has a space or a line break in it, "
        "which a link cannot hold; copy the address again from the browser, or write a space as %20",
        "content/sources.yaml:22: field 'bracket.url': 'https://[p.com/' has '[' or ']' in its host, which only an "
        "IPv6 address in brackets may have; copy the address again from the browser",
    ]


def test_an_unregistered_host_cannot_take_a_registered_publishers_page(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article(source=src("https://kompas/x"))})
    (tmp_path / "content/sources.yaml").write_text("kompas:\n  name: Kompas\n  aliases: [kompas.com]\n")
    assert errors(tmp_path) == [
        "content/a.md:4: field 'source.url': host 'kompas' makes the URL /sources/kompas/, which belongs to the "
        "publisher 'kompas' in sources.yaml; add the host to its 'aliases:'"]


def test_two_unregistered_hosts_of_one_slug_are_an_error_naming_both_articles(tmp_path: Path) -> None:
    """An attacker's report: my_blog.com and my-blog.com (a '_' host is accepted) both made /sources/my-blog-com/,
    and a.b-c.com and a-b.c.com /sources/a-b-c-com/: one page, one name, both hosts' articles, and build and check
    said nothing ("Semua berita dari Blog Tanda Hubung (2)" under Blog Garis Bawah's article)."""
    make_project(tmp_path, {"a.md": article(source=src("https://my_blog.com/a", "Blog Garis Bawah")),
                            "b.md": article(source=src("https://my-blog.com/b", "Blog Tanda Hubung")),
                            "c.md": article(source=src("https://a.b-c.com/c")),
                            "d.md": article(source=src("https://a-b.c.com/d"))})
    advice = ("two publishers cannot share one page: give each host an entry of its own in sources.yaml (an id, "
              "its name and url), or, if they are one publisher, give one entry both hosts")
    assert errors(tmp_path) == [
        f"content/a.md:4: field 'source.url': host 'my_blog.com' makes the URL /sources/my-blog-com/, as host "
        f"'my-blog.com' of content/b.md does; {advice}",
        f"content/c.md:4: field 'source.url': host 'a.b-c.com' makes the URL /sources/a-b-c-com/, as host "
        f"'a-b.c.com' of content/d.md does; {advice}"]


def test_an_unregistered_host_taking_a_registered_hosts_old_address_is_warned_of(tmp_path: Path) -> None:
    """The alias my_blog.example.de's old address /sources/my-blog-example-de/ (a redirect to its publisher's page)
    became the page of the unregistered my-blog.example.de, its redirect dropped without a word. The page stays the
    host's (the one its articles link), said once, at its newest article."""
    make_project(tmp_path, {"a.md": article(source=src("https://blog-x.de/a")),
                            "b.md": article(source=src("https://my-blog.example.de/b")),
                            "c.md": article(date="2025-06-12", source=src("https://my-blog.example.de/c"))})
    (tmp_path / "content/sources.yaml").write_text(
        "blog-x:\n  name: Blog X\n  url: https://blog-x.de/\n  aliases: [my_blog.example.de]\n")
    result = build_project(tmp_path)
    assert [str(p) for p in result.warnings] == [
        "content/b.md:4: field 'source.url': warning: host 'my-blog.example.de' makes the URL "
        "/sources/my-blog-example-de/, the old address of host 'my_blog.example.de' of the publisher 'blog-x' in "
        "sources.yaml, whose redirect to its page is dropped for this host's page; if they are one publisher, add the "
        "host to its 'aliases:', or else give the host an entry of its own in sources.yaml"]
    assert b"/sources/my-blog-example-de/" in result.output.files["2025/06/c/index.html"]


def test_a_registered_host_cannot_take_another_publishers_page(tmp_path: Path) -> None:
    """A maintainer's report: tribun's alias kompas.com made the URL /sources/kompas-com/, the id of Kompas (its url
    kompas.id), and with no Kompas article yet that page was a redirect to Tribun, as the host's old address. As an
    alias that is another company's id in companies.yaml, it is an error naming both lines; a host of the entry's own
    id is not."""
    make_project(tmp_path, {"a.md": article(source=src("https://kompas.com/read/1"))})
    (tmp_path / "content/sources.yaml").write_text(
        "kompas-com:\n  name: Kompas\n  url: https://www.kompas.id/\n  aliases: [kompas.id, kompas-com.net]\n"
        "tribun:\n  name: Tribun\n  url: https://www.tribunnews.com/\n  aliases: [kompas.com]\n"
        "detik:\n  name: Detik\n  url: https://tribun/\n")
    assert errors(tmp_path) == [
        "content/sources.yaml:8: field 'tribun.aliases': host 'kompas.com' makes the URL /sources/kompas-com/, the "
        "id of publisher 'kompas-com' (line 1), which would then lead to 'tribun', as the old address of the host's "
        "articles; if they are one publisher, merge the two entries, or else remove the host or change the id "
        "'kompas-com'",
        "content/sources.yaml:11: field 'detik.url': host 'tribun' makes the URL /sources/tribun/, the id of "
        "publisher 'tribun' (line 5), which would then lead to 'detik', as the old address of the host's articles; "
        "if they are one publisher, merge the two entries, or else remove the host or change the id 'tribun'"]


def test_changing_a_source_rerenders_both_publishers_and_nothing_unrelated(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article(source=src("https://a.example/1")),
                            "b.md": article(title="B", source=src("https://b.example/1")),
                            "c.md": article(title="C", source=src("https://c.example/1"))})
    before = dict(build(load_config(tmp_path / "config.yaml")).fingerprints)
    (tmp_path / "content/a.md").write_text(article(source=src("https://b.example/2")))
    after = dict(build(load_config(tmp_path / "config.yaml")).fingerprints)
    changed = sorted(p for p in after.keys() | before.keys() if before.get(p) != after.get(p))
    assert [p for p in changed if p.startswith("sources/")] == [
        "sources/a-example/atom.xml", "sources/a-example/feed.json", "sources/a-example/feed.xml",
        "sources/a-example/index.html", "sources/b-example/atom.xml", "sources/b-example/feed.json",
        "sources/b-example/feed.xml", "sources/b-example/index.html", "sources/index.html"]
    assert not any(p.startswith("sources/c-example/") for p in changed)


def test_a_source_without_a_name_shows_the_registered_publishers_name(tmp_path: Path) -> None:
    """`source: https://www.kompas.com/...` showed "kompas.com" on the page, in lists and feeds, beside "Semua
    berita dari Kompas (2)"; so did `name: "kompas.com"`, which `digest new` writes before the publisher is
    registered. Registering it renames them in the next build (as a cold build does); a name of its own stays."""
    from generator.commands.cli import main
    make_project(tmp_path, {"a.md": article(title="A", source='"https://www.kompas.com/read/1"'),
                            "b.md": article(title="B", source=src("https://kompas.com/2", "kompas.com")),
                            "c.md": article(title="C", source=src("https://kompas.com/3", "Kompas Cetak"))})
    config = str(tmp_path / "config.yaml")
    shown = lambda site, page: lxml.html.parse(str(tmp_path / site / page)).xpath("string(//p[@class='source']/a)")
    assert main(["build", "-q", "--config", config]) == 0
    assert shown("site", "2025/06/a/index.html") == "Baca artikel selengkapnya di kompas.com"
    (tmp_path / "content/sources.yaml").write_text("kompas:\n  name: Kompas\n  url: https://www.kompas.com/\n")
    assert main(["build", "-q", "--config", config]) == 0
    assert [shown("site", f"2025/06/{a}/index.html") for a in "abc"] == [
        "Baca artikel selengkapnya di Kompas", "Baca artikel selengkapnya di Kompas",
        "Baca artikel selengkapnya di Kompas Cetak"]
    assert b"<source url=\"https://www.kompas.com/read/1\">Kompas</source>" in (tmp_path / "site/feed.xml").read_bytes()
    assert main(["build", "-q", "--config", config, "--output", str(tmp_path / "cold"), "--no-cache"]) == 0
    differ = [p.relative_to(tmp_path / "cold").as_posix() for p in (tmp_path / "cold").rglob("*") if p.is_file()
              and (tmp_path / "site" / p.relative_to(tmp_path / "cold")).read_bytes() != p.read_bytes()]
    assert differ == []


def test_a_sources_file_that_cannot_be_read_is_an_error_naming_it(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """A maintainer's report: a FIFO (or a folder) named sources.yaml was taken for no registry without a word, and
    one without read permission was "Permission denied (EACCES); digest stopped. Check the disk"; companies.yaml
    said what it is in both cases."""
    from generator.commands.cli import main
    make_project(tmp_path, {"a.md": article()})
    os.mkfifo(tmp_path / "content/sources.yaml")
    config = str(tmp_path / "config.yaml")
    assert main(["build", "-q", "--config", config]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "content/sources.yaml: is not a regular file; make it a YAML file of publishers, or remove it")
    (tmp_path / "content/sources.yaml").unlink()
    (tmp_path / "content/sources.yaml").mkdir()
    (tmp_path / "content/sources.yaml/x").write_text("reuters: {name: Reuters}\n")  # not read: it is a folder
    assert main(["build", "-q", "--config", config]) == 1
    assert "content/sources.yaml: is not a regular file" in capsys.readouterr().err
    shutil.rmtree(tmp_path / "content/sources.yaml")
    for name in ("sources.yaml", "companies.yaml"):  # a link to nothing was no registry, without a word
        (tmp_path / "content" / name).symlink_to(tmp_path / "hilang.yaml")
        assert main(["build", "-q", "--config", config]) == 1
        assert capsys.readouterr().err.splitlines()[0] == (
            f"content/{name}: is a symbolic link to {tmp_path / 'hilang.yaml'}, which does not exist; link an "
            "existing file, or remove the link")
        (tmp_path / "content" / name).unlink()
    (tmp_path / "content/sources.yaml").write_text("reuters: {name: Reuters, url: 'https://www.reuters.com/'}\n")
    real_read = Path.read_bytes

    def refused(self: Path) -> bytes:
        if self.name == "sources.yaml":
            raise PermissionError(13, "Permission denied")
        return real_read(self)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(Path, "read_bytes", refused)
        assert main(["build", "-q", "--config", config]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        "content/sources.yaml: cannot be read (Permission denied); make it a readable file")


def test_a_key_that_is_no_name_is_advised_in_the_files_own_terms(tmp_path: Path) -> None:
    """The advice was "write a name such as 'title:'", a key sources.yaml does not have."""
    (tmp_path / "sources.yaml").write_text('aa:\n  name: A\n  url: https://a.com/\n  "": 1\n"": 2\n')
    assert [str(p) for p in load_sources(tmp_path / "sources.yaml", "content/sources.yaml")[1]] == [
        "content/sources.yaml:4: field 'aa': '' is not a usable key; write one of a publisher's keys, such as 'name:'",
        "content/sources.yaml:5: '' is not a usable key; write a publisher id such as 'reuters:'"]


def test_a_key_that_is_no_name_in_a_publishers_list_is_named_by_its_whole_path(tmp_path: Path) -> None:
    """It was named 'reuters', the publisher, and advised 'name:', a key that has no place in its aliases."""
    (tmp_path / "sources.yaml").write_text('reuters:\n  name: Reuters\n  url: https://www.reuters.com/\n'
                                           '  aliases: {"": z}\n')
    assert [str(p) for p in load_sources(tmp_path / "sources.yaml", "content/sources.yaml")[1]] == [
        "content/sources.yaml:4: field 'reuters.aliases': '' is not a usable key; write a value, not a mapping: text, "
        "or a list like aliases: [reuters.com]"]


@pytest.mark.parametrize("text, expected", [
    ("reuters:            # id = the URL /sources/reuters/\n  name Reuters       # display name (required)\n"
     "  url: https://www.reuters.com/\n",
     "content/sources.yaml:2: field 'reuters.name': has no ':' after the key; write name: Reuters; or, if it is the "
     "text of 'reuters:', put that text in double quotes on its line"),
    ("reuters             # id = the URL /sources/reuters/\n  name: Reuters      # display name (required)\n"
     "  url: https://www.reuters.com/\n",
     "content/sources.yaml:1: field 'reuters': has no ':' after the key; write reuters:"),
    # the next line's comment was taken into its value: "starts with '[' ... aliases: \"[mobile.reuters.com]  # other
    # hosts\"" on line 4, "has ': ' in it ... url: \"https://www.reuters.com/ # home page: linked\"" on line 3
    ("reuters:\n  name: Reuters\n  url https://www.reuters.com/   # home page\n"
     "  aliases: [mobile.reuters.com]  # other hosts\n",
     "content/sources.yaml:3: field 'reuters.url': has no ':' after the key; write url: https://www.reuters.com/"),
    ("reuters:                        # id\n  name Reuters                  # display name\n"
     "  url: https://www.reuters.com/ # home page: linked\n",
     "content/sources.yaml:2: field 'reuters.name': has no ':' after the key; write name: Reuters; or, if it is the "
     "text of 'reuters:', put that text in double quotes on its line"),
    ("reuters:                        # id\n  name Reuters                  # display name\n"
     "  aliases: [mobile.reuters.com]  # other hosts\n",
     "content/sources.yaml:2: field 'reuters.name': has no ':' after the key; write name: Reuters; or, if it is the "
     "text of 'reuters:', put that text in double quotes on its line"),
    # it was aliases: "[mobile.reuters.com]", which is no list of hosts
    ("reuters:\n  name: Reuters\n  aliases [mobile.reuters.com]  # other hosts\n",
     "content/sources.yaml:3: field 'reuters.aliases': has no ':' after the key; write aliases: [mobile.reuters.com]"),
])
def test_a_first_key_without_its_colon_in_the_commented_style_is_named_at_its_line(
        tmp_path: Path, text: str, expected: str) -> None:
    """With README's comments after the keys it was YAML's "did not find expected key" on line 3 (an id without
    its ':' was "'name: Reuters' is indented, but the line above opens no list or mapping")."""
    (tmp_path / "sources.yaml").write_text(text)
    assert [str(p) for p in load_sources(tmp_path / "sources.yaml", "content/sources.yaml")[1]] == [expected]


def test_a_comment_after_an_id_leaves_the_slip_below_it_advised_right(tmp_path: Path) -> None:
    """'reuters:   # id = …' over '  name: Reuters: World' was told the name "is indented, but the line above opens
    no list or mapping", which, followed, was a new slip; the other entries were said only in the runs after."""
    text = "reuters:   # id = the URL\n  name: Reuters: World\n  url: https://www.reuters.com/\nap:\n  nam: AP\n"
    (tmp_path / "sources.yaml").write_text(text)
    assert sorted(str(p) for p in load_sources(tmp_path / "sources.yaml", "content/sources.yaml")[1]) == [
        "content/sources.yaml:2: field 'reuters.name': has ': ' in it, which YAML reads as the start of another key; "
        "put the whole value in double quotes: name: \"Reuters: World\"",
        "content/sources.yaml:4: field 'ap': needs 'url:' or 'aliases:' to know which articles are its own",
        "content/sources.yaml:4: field 'ap.name': is required; add name: \"...\"",
        "content/sources.yaml:5: field 'ap.nam': unknown key; did you mean 'name'?"]
    (tmp_path / "sources.yaml").write_text(text.replace("name: Reuters: World", 'name: "Reuters: World"')
                                           .replace("nam: AP", "name: AP\n  url: https://apnews.com/"))
    found, problems = load_sources(tmp_path / "sources.yaml", "content/sources.yaml")
    assert problems == [] and found["reuters.com"].name == "Reuters: World"


def test_a_host_that_yaml_reads_as_a_number_is_quoted_as_written(tmp_path: Path) -> None:
    """It was shown as Python read it: '31 is not a host name' for 0x1F, 'True' for true."""
    (tmp_path / "sources.yaml").write_text("aa:\n  name: A\n  aliases: [0x1F, true]\n")
    assert [str(p) for p in load_sources(tmp_path / "sources.yaml", "content/sources.yaml")[1]] == [
        f"content/sources.yaml:3: field 'aa.aliases': {host} is not a host name; write it like reuters.com, without "
        "https:// or a path" for host in ("'0x1F'", "'true'")]
    # a list or mapping as an item was "['a', 2]" and "{'b': 7}", Python's reading
    (tmp_path / "sources.yaml").write_text("aa:\n  name: A\n  aliases: [reuters.com, [a, 0x2], {b: 0o7}]\n")
    assert [str(p) for p in load_sources(tmp_path / "sources.yaml", "content/sources.yaml")[1]] == [
        f"content/sources.yaml:3: field 'aa.aliases': {host} is not a host name; write it like reuters.com, without "
        "https:// or a path" for host in ("[a, 0x2]", "{b: 0o7}")]
    # an empty item ('~') was 'None is not a host name'
    (tmp_path / "sources.yaml").write_text("aa:\n  name: A\n  aliases:\n    - a.com\n    - ~\n")
    assert [str(p) for p in load_sources(tmp_path / "sources.yaml", "content/sources.yaml")[1]] == [
        "content/sources.yaml:5: field 'aa.aliases': an empty item is not a host name; write a host like reuters.com, "
        "or remove the item"]


def test_a_publishers_name_cut_at_a_hash_is_warned_of_as_an_articles_title_is(tmp_path: Path) -> None:
    """'name: Contoh #1: Situs' made the publisher 'Contoh' without a word (YAML reads ' #' as a comment)."""
    (tmp_path / "sources.yaml").write_text("contoh:\n  name: Contoh #1: Situs\n  url: https://contoh.example/  # "
                                           "beranda\nreuters:\n  name: Reuters     # display name (required)\n"
                                           "  url: https://www.reuters.com/\n")
    found, problems = load_sources(tmp_path / "sources.yaml", "content/sources.yaml")
    assert found["contoh.example"].name == "Contoh"  # a note written '# note', as the README's, is not warned of
    assert [str(p) for p in problems] == [
        "content/sources.yaml:2: field 'contoh.name': warning: '#1: Situs' after it is a YAML comment, so it is not "
        "part of the name; if it is, put the whole value in double quotes: name: \"Contoh #1: Situs\""]


def test_a_note_after_a_publishers_name_cut_at_a_hash_stays_a_note_in_the_advice(tmp_path: Path) -> None:
    """'name: Reuters #1      # display name (required)' was advised name: "Reuters #1      # display name
    (required)", the README's note put into the name."""
    (tmp_path / "sources.yaml").write_text("reuters:\n  name: Reuters #1      # display name (required)\n"
                                           "  url: https://www.reuters.com/\n")
    assert [str(p) for p in load_sources(tmp_path / "sources.yaml", "content/sources.yaml")[1]] == [
        "content/sources.yaml:2: field 'reuters.name': warning: '#1' after it is a YAML comment, so it is not part of "
        "the name; if it is, put the whole value in double quotes: name: \"Reuters #1\"      # display name "
        "(required)"]


def test_two_publishers_whose_hosts_make_one_slug_are_told_where_its_old_address_leads(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Two registered publishers with hosts 'a.b-c.com' and 'a-b.c.com' (both /sources/a-b-c-com/, the address their
    articles had before they were registered): that old address redirected to the one of the first id, without a
    word. It is a warning at the later entry's host, naming both entries; a build passes, as two publishers may
    really have such hosts and no edit but a merge ends it."""
    make_project(tmp_path, {"a.md": article(title="A", source=src("https://a.b-c.com/1")),
                            "b.md": article(title="B", source=src("https://a-b.c.com/2"))})
    (tmp_path / "content/sources.yaml").write_text(
        "xyz:\n  name: XYZ\n  aliases: [a-b.c.com]\nabc:\n  name: ABC\n  url: https://a.b-c.com/\n"
        "  aliases: [a_b-c.com]\n")
    from generator.commands.cli import main
    assert main(["build", "-q", "--config", str(tmp_path / "config.yaml")]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "content/sources.yaml:3: field 'xyz.aliases': warning: host 'a-b.c.com' makes the URL /sources/a-b-c-com/, as "
        "host 'a.b-c.com' of publisher 'abc' (line 6) does: that address, where both hosts' articles were before "
        "they were registered, can lead to one publisher only, and leads to 'abc' while it has a page; if they are "
        "one publisher, merge the two entries"]
    assert "/sources/a-b-c-com/ /sources/abc/ 301" in (tmp_path / "site/_redirects").read_text()
