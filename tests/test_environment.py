"""--environment NAME (config.NAME.yaml over config.yaml), the noindex and drafts keys, and the
link crawl of a built folder (digest check --links)."""
from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import lxml.html
import pytest

from conftest import article, make_project, write_files
from generator.commands.cli import main
from generator.load.config import deep_merge, load_config
from generator.core.errors import BuildError

BASE = "title: Kabar\nbase_url: https://kabar.example.org/\npage_size: 5\n"
STAGING = "base_url: https://staging.kabar.example.org/\nnoindex: true\ndrafts: true\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_the_environment_file_is_merged_over_the_config(tmp_path: Path) -> None:
    write_files(tmp_path, {"config.yaml": BASE, "config.staging.yaml": STAGING})
    plain = load_config(tmp_path / "config.yaml")
    staging = load_config(tmp_path / "config.yaml", environment="staging")
    assert (plain.base_url, plain.noindex, plain.drafts) == ("https://kabar.example.org/", False, False)
    assert (staging.base_url, staging.noindex, staging.drafts, staging.title, staging.page_size) == (
        "https://staging.kabar.example.org/", True, True, "Kabar", 5)


def test_deep_merge_merges_mappings_and_replaces_the_rest() -> None:
    assert deep_merge({"a": {"x": 1, "y": [1]}, "b": 1}, {"a": {"y": [2], "z": 3}, "c": 4}) == {
        "a": {"x": 1, "y": [2], "z": 3}, "b": 1, "c": 4}


def test_problems_name_the_file_and_line_that_set_the_value(tmp_path: Path) -> None:
    write_files(tmp_path, {"config.yaml": "titel: X\n", "config.staging.yaml": "title: S\nnoindex: yes\npage_sise: 3\n"})
    with pytest.raises(BuildError) as caught:
        load_config(tmp_path / "config.yaml", environment="staging")
    assert [str(p) for p in caught.value.problems] == [
        "config.staging.yaml:2: field 'noindex': must be true or false, got 'yes'; write noindex: true or "
        "noindex: false",
        "config.staging.yaml:3: field 'page_sise': unknown key; did you mean 'page_size'?",
        "config.yaml:1: field 'titel': unknown key; did you mean 'title'?",
    ]


@pytest.mark.parametrize(("name", "message"), [
    ("prod", "config.prod.yaml: no such file for --environment prod; create it next to config.yaml with the keys "
             "that differ, like 'noindex: true'"),
    ("../x", "config.yaml: --environment '../x' is not a usable name; use lowercase letters, digits, '-' and '_', "
             "like staging"),
])
def test_a_missing_or_unsafe_environment_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                     name: str, message: str) -> None:
    make_project(tmp_path, {"a.md": article()})
    code, _, err = run(capsys, "build", "--config", str(tmp_path / "config.yaml"), "--environment", name)
    assert code == 1
    assert err.splitlines()[0] == message
    assert not (tmp_path / "site").exists()


def test_a_staging_build_shows_drafts_and_keeps_crawlers_away(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_project(tmp_path, {"a.md": article(), "b.md": article(title="Draf", draft="true")}, config=BASE)
    write_files(tmp_path, {"config.staging.yaml": STAGING})
    config = str(tmp_path / "config.yaml")
    assert run(capsys, "build", "-q", "--config", config, "--output", str(tmp_path / "live"))[0] == 0
    assert run(capsys, "build", "-q", "--config", config, "-e", "staging", "--output", str(tmp_path / "staging"))[0] == 0

    live, staging = tmp_path / "live", tmp_path / "staging"
    assert (live / "robots.txt").read_text() == (
        "User-agent: *\nAllow: /\n\nSitemap: https://kabar.example.org/sitemap.xml\n")
    assert (staging / "robots.txt").read_text() == "User-agent: *\nDisallow: /\n"
    assert not (live / "2025/06/b").exists() and (staging / "2025/06/b/index.html").is_file()
    pages = sorted(staging.rglob("*.html"))
    assert len(pages) > 5
    for page in pages:
        doc = lxml.html.document_fromstring(page.read_bytes())
        assert doc.xpath("//meta[@name='robots']/@content") == ["noindex"], page
    assert not lxml.html.document_fromstring((live / "index.html").read_bytes()).xpath("//meta[@name='robots']")
    assert b"https://staging.kabar.example.org/" in (staging / "feed.xml").read_bytes()


def test_check_takes_the_environment_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_project(tmp_path, {"a.md": article()})
    write_files(tmp_path, {"config.staging.yaml": "language: fr\n"})
    code, out, _ = run(capsys, "check", "--config", str(tmp_path / "config.yaml"), "--environment", "staging")
    assert code == 1
    assert "config.staging.yaml:1: field 'language': 'fr' is not supported; use one of: id, en" in out


def test_the_link_crawl_finds_a_missing_file_in_a_built_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_project(tmp_path, {"2025/06/a.md": article()})
    config = str(tmp_path / "config.yaml")
    assert run(capsys, "build", "-q", "--config", config)[0] == 0
    site = str(tmp_path / "site")
    code, out, _ = run(capsys, "check", "--config", config, "--links", site)
    assert code == 0 and out.startswith("crawled ") and out.endswith(": 0 broken links\n")

    (tmp_path / "site/2025/06/a/index.html").unlink()
    code, out, _ = run(capsys, "check", "-q", "--config", config, "--links", site)
    assert code == 1
    assert f"{site}/index.html: broken link '/2025/06/a/': no file of the site is at that address" in out.splitlines()

    # built for one address, crawled for another: every absolute link leaves the site
    code, out, _ = run(capsys, "check", "-q", "--config", config, "--links", site, "--base-url", "https://other.example/x/")
    assert code == 1 and "broken link '/style.css'" in out


def test_check_takes_base_url_as_the_build_does(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`digest check --base-url URL` without --links was accepted and ignored, even 'not a url': the links in articles
    were checked under the config's base path, not the one the build (`--base-url`) would publish them under."""
    make_project(tmp_path, {"2025/06/a.md": article(body="[arsip](/digest/2025/)\n")})
    config = str(tmp_path / "config.yaml")
    code, out, _ = run(capsys, "check", "-q", "--config", config, "--base-url", "https://example.org/digest/")
    assert (code, out) == (0, "")
    code, out, _ = run(capsys, "check", "-q", "--config", config)
    assert code == 1 and "content/2025/06/a.md:5: the link '/digest/2025/' points at /digest/2025/" in out
    code, out, _ = run(capsys, "check", "-q", "--config", config, "--base-url", "not a url")
    assert code == 1
    assert out.startswith("--base-url: field 'base_url': 'not a url' contains a space; write one URL with no spaces")


def test_the_link_crawl_takes_the_same_host_outside_a_sub_path_as_another_site(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A site at https://example.org/digest/ that links to the host's main site, or takes its favicon from it: the
    crawl reported both as broken, though digest check (and the README) count them external. A root-relative
    link out of the base path is still the site's own mistake."""
    make_project(tmp_path, {"2025/06/a.md": article(body="[Beranda](https://example.org/) [lain](/lain/)\n")},
                 config="title: T\nbase_url: https://example.org/digest/\nfavicon: https://example.org/favicon.ico\n")
    config = str(tmp_path / "config.yaml")
    assert run(capsys, "build", "-q", "--config", config)[0] == 0
    site = str(tmp_path / "site")
    code, out, _ = run(capsys, "check", "-q", "--config", config, "--links", site)
    assert code == 1
    assert out.splitlines() == [f"{site}/2025/06/a/index.html: broken link '/lain/': no file of the site is at that "
                                "address"]


def test_both_link_checks_take_the_sites_origin_as_a_browser_does(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """An attacker's report: the site's home without its '/' (absolute or root-relative) passed the crawl since
    50c6f67, and links to the site written with the host in capitals, the default port or no scheme were passed by
    digest check (and the port by both) though a browser opens the site's pages at them. Each is now reported at
    its line, as a link written https://example.org/digest/... is."""
    body = ("[a1](https://example.org/digest)\n[a2](https://EXAMPLE.ORG/digest/tidak-ada/)\n"
            "[a3](https://example.org:443/digest/tidak-ada/)\n[a4](//example.org/digest/tidak-ada/)\n"
            "[a9](/digest)\n[ok](https://EXAMPLE.org:443/digest/) [lain](https://example.org:8443/digest/x/)\n")
    make_project(tmp_path, {"2025/06/a.md": article(body=body)},
                 config="title: T\nbase_url: https://example.org/digest/\n")
    config = str(tmp_path / "config.yaml")
    assert run(capsys, "build", "-q", "--config", config)[0] == 0
    site = str(tmp_path / "site")
    code, out, _ = run(capsys, "check", "-q", "--config", config, "--links", site)
    slashless = "a folder without its '/' (a host answers it only with a redirect); end the address with '/'"
    missing = "no file of the site is at that address"
    assert code == 1
    assert out.splitlines() == [f"{site}/2025/06/a/index.html: broken link '{ref}': {why}" for ref, why in (
        ("//example.org/digest/tidak-ada/", missing), ("/digest", slashless),
        ("https://EXAMPLE.ORG/digest/tidak-ada/", missing), ("https://example.org/digest", slashless),
        ("https://example.org:443/digest/tidak-ada/", missing))]
    code, out, _ = run(capsys, "check", "-q", "--config", config)
    first = article(body="").count("\n") + 1
    lines = [line for line in out.splitlines() if "broken-link" in line or "content/" in line]
    assert code == 1
    assert lines[0] == (f"content/2025/06/a.md:{first}: the link 'https://example.org/digest' points at the folder "
                        "/digest without its '/': write https://example.org/digest/, the page's address (hosts "
                        "answer it only with a redirect, and digest check --links counts it broken)")
    for line, ref in enumerate(("https://EXAMPLE.ORG/digest/tidak-ada/", "https://example.org:443/digest/tidak-ada/",
                                "//example.org/digest/tidak-ada/"), first + 1):
        assert lines[line - first] == (f"content/2025/06/a.md:{line}: the link '{ref}' points at /digest/tidak-ada/, "
                                       "which is not a page or file of the site; fix the address (internal links "
                                       "start with /digest/ or are relative to this article)")
    assert lines[4] == (f"content/2025/06/a.md:{first + 4}: the link '/digest' points at the folder /digest without "
                        "its '/': write /digest/, the page's address (hosts answer it only with a redirect, and "
                        "digest check --links counts it broken)")
    assert len(lines) == 5


def test_the_link_crawl_takes_the_home_of_a_site_at_the_root_without_a_path_as_its_home(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An attacker's report: with base_url https://example.org/, a body link to https://example.org (no path, which
    a browser requests as '/', no redirect) failed the crawl as 'a folder without its '/'', exit 1, though digest
    check passed it. Only a sub-path base's home without its '/' ('/digest') is that."""
    body = "Kunjungi [beranda](https://example.org) kami, [lagi](https://EXAMPLE.org?ref=a), [atas](//example.org).\n"
    make_project(tmp_path, {"2025/06/a.md": article(body=body)}, config="title: T\nbase_url: https://example.org/\n")
    config = str(tmp_path / "config.yaml")
    assert run(capsys, "build", "-q", "--config", config)[0] == 0
    assert run(capsys, "check", "-q", "--config", config, "--links", str(tmp_path / "site"))[:2] == (0, "")
    assert run(capsys, "check", "-q", "--config", config)[0] == 0


def test_both_link_checks_take_the_sites_host_with_a_trailing_dot_as_the_site_and_warn_of_the_dot(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'https://example.org./x' is the site's host to a browser (the DNS root's '.'); both checks took it for
    another site and passed a broken link written so. It is checked as the site's now, and the dot is a warning
    (the exit status stays 0 when the page is there) naming the address to write."""
    body = "[ok](https://example.org./digest/)\n[hilang](https://EXAMPLE.org.:443/digest/tidak-ada/)\n"
    make_project(tmp_path, {"2025/06/a.md": article(body=body)},
                 config="title: T\nbase_url: https://example.org/digest/\n")
    config = str(tmp_path / "config.yaml")
    assert run(capsys, "build", "-q", "--config", config)[0] == 0
    site = str(tmp_path / "site")
    dot = ("names the site's host with a trailing dot: browsers open the same host, but as another site for logins "
           "and caches, and a web server may not answer to that name; write")
    code, out, _ = run(capsys, "check", "--config", config, "--links", site)
    page = f"{site}/2025/06/a/index.html"
    assert code == 1
    assert out.splitlines()[:-1] == [
        f"{page}: broken link 'https://EXAMPLE.org.:443/digest/tidak-ada/': no file of the site is at that address",
        f"{page}: warning: link 'https://EXAMPLE.org.:443/digest/tidak-ada/' {dot} "
        "'https://EXAMPLE.org:443/digest/tidak-ada/'",
        f"{page}: warning: link 'https://example.org./digest/' {dot} 'https://example.org/digest/'"]
    assert out.splitlines()[-1].endswith(": 1 broken link, 2 warnings")
    code, out, _ = run(capsys, "check", "-q", "--config", config)
    first = article(body="").count("\n") + 1
    assert code == 1
    assert [line for line in out.splitlines() if line.startswith("content/")] == [
        f"content/2025/06/a.md:{first}: warning: the link 'https://example.org./digest/' {dot} "
        "https://example.org/digest/",
        f"content/2025/06/a.md:{first + 1}: warning: the link 'https://EXAMPLE.org.:443/digest/tidak-ada/' {dot} "
        "https://EXAMPLE.org:443/digest/tidak-ada/",
        f"content/2025/06/a.md:{first + 1}: the link 'https://EXAMPLE.org.:443/digest/tidak-ada/' points at "
        "/digest/tidak-ada/, which is not a page or file of the site; fix the address (internal links start with "
        "/digest/ or are relative to this article)"]
    make_project(tmp_path, {"2025/06/a.md": article(body="[ok](https://example.org./digest/)\n")},
                 config="title: T\nbase_url: https://example.org/digest/\n")
    assert run(capsys, "build", "-q", "--config", config)[0] == 0
    assert run(capsys, "check", "-q", "--config", config, "--links", site)[0] == 0
    assert run(capsys, "check", "-q", "--config", config)[0] == 0


def test_both_link_checks_find_the_sites_non_ascii_host_in_either_form(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """With base_url https://bücher.example/, a body link typed https://bücher.example/tidak-ada/ (written into the
    page as xn--bcher-kva.example) was reported at the body's first line, in punycode the editor never typed, and
    the crawl passed a static page's <a href="https://bücher.example/x/">. Each is now found where it is written."""
    body = "Isi.\n\n[a](https://bücher.example/tidak-ada/)\n[b](https://xn--bcher-kva.example/hilang/)\n"
    make_project(tmp_path, {"2025/06/a.md": article(body=body)}, config="title: T\nbase_url: https://bücher.example/\n")
    write_files(tmp_path, {"static/hal/index.html": '<!doctype html><html lang="id"><head><meta charset="utf-8">'
                                                    '<title>H</title></head><body><a href="https://bücher.example/x/">x'
                                                    '</a> <a href="https://bücher.example/2025/06/a/">a</a></body></html>'})
    config = str(tmp_path / "config.yaml")
    assert run(capsys, "build", "-q", "--config", config)[0] == 0
    site = str(tmp_path / "site")
    code, out, _ = run(capsys, "check", "-q", "--config", config, "--links", site)
    missing = "no file of the site is at that address"
    assert code == 1
    assert out.splitlines() == [
        f"{site}/2025/06/a/index.html: broken link 'https://xn--bcher-kva.example/hilang/': {missing}",
        f"{site}/2025/06/a/index.html: broken link 'https://xn--bcher-kva.example/tidak-ada/': {missing}",
        f"{site}/hal/index.html: broken link 'https://bücher.example/x/': {missing}"]
    code, out, _ = run(capsys, "check", "-q", "--config", config)
    first = article(body="").count("\n") + 1
    assert code == 1
    assert [line for line in out.splitlines() if line.startswith("content/")] == [
        f"content/2025/06/a.md:{first + 2}: the link 'https://bücher.example/tidak-ada/' points at /tidak-ada/, which "
        "is not a page or file of the site; fix the address (internal links start with / or are relative to this "
        "article)",
        f"content/2025/06/a.md:{first + 3}: the link 'https://xn--bcher-kva.example/hilang/' points at /hilang/, "
        "which is not a page or file of the site; fix the address (internal links start with / or are relative to "
        "this article)"]


def test_a_host_with_eszett_is_the_domain_browsers_open_not_another(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """Found by an attacker: with base_url https://faß.de/, the canonical links, feeds, sitemap and robots.txt all
    said https://fass.de/ (Python's 'idna' codec is IDNA 2003, which maps 'ß' to 'ss'), another domain, while
    browsers and the page's own links give xn--fa-hia.de (IDNA 2008): so a link to https://faß.de/x counted as
    another site's, and a broken one went unreported."""
    body = "Isi.\n\n[a](https://faß.de/2025/06/a/)\n[b](https://faß.de/tidak-ada/)\n"
    make_project(tmp_path, {"2025/06/a.md": article(body=body)}, config="title: T\nbase_url: https://faß.de/\n")
    config = str(tmp_path / "config.yaml")
    assert run(capsys, "build", "-q", "--config", config)[0] == 0
    site = tmp_path / "site"
    page = (site / "2025/06/a/index.html").read_text()
    assert '<link rel="canonical" href="https://xn--fa-hia.de/2025/06/a/">' in page
    feed = ElementTree.fromstring((site / "feed.xml").read_bytes())
    assert [feed.findtext("channel/link"), feed.findtext("channel/item/link")] == [
        "https://xn--fa-hia.de/", "https://xn--fa-hia.de/2025/06/a/"]
    locs = [e.text for e in ElementTree.fromstring((site / "sitemap.xml").read_bytes()).iter() if e.tag.endswith("loc")]
    assert locs and all(loc.startswith("https://xn--fa-hia.de/") for loc in locs)
    assert "Sitemap: https://xn--fa-hia.de/sitemap.xml" in (site / "robots.txt").read_text()
    assert not [p for p in site.rglob("*") if p.is_file() and b"fass.de" in p.read_bytes()]
    code, out, _ = run(capsys, "check", "-q", "--config", config)
    first = article(body="").count("\n") + 1
    assert code == 1
    assert [line for line in out.splitlines() if line.startswith("content/")] == [
        f"content/2025/06/a.md:{first + 3}: the link 'https://faß.de/tidak-ada/' points at /tidak-ada/, which is not "
        "a page or file of the site; fix the address (internal links start with / or are relative to this article)"]


def test_digest_check_quotes_a_non_ascii_host_in_the_case_typed_at_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An attacker's report: with base_url https://bücher.example/, links typed https://BÜCHER.example/nope2/ or
    https://Bücher.Example/tags/panduan were reported at the body's first line and in punycode: the page has the
    host in lower-case ASCII, and its letters were looked for in lower case only. The trailing dot's advice said
    'write https://xn--bcher-kva.example/...'. Each is now named at its line, in the letters typed."""
    body = ("Isi.\n\n[satu](https://BÜCHER.example/nope2/)\n[dua](https://Bücher.Example/tags/panduan)\n"
            "[tiga](https://Bücher.example./tidak-ada/)\n")
    make_project(tmp_path, {"2025/06/a.md": article(body=body, tags="[panduan]")},
                 config="title: T\nbase_url: https://bücher.example/\n")
    config = str(tmp_path / "config.yaml")
    first = article(body="", tags="[panduan]").count("\n") + 1
    assert run(capsys, "build", "-q", "--config", config)[0] == 0
    code, out, _ = run(capsys, "check", "-q", "--config", config)
    dot = ("names the site's host with a trailing dot: browsers open the same host, but as another site for logins "
           "and caches, and a web server may not answer to that name")
    missing = "which is not a page or file of the site; fix the address (internal links start with / or are relative " \
              "to this article)"
    assert code == 1
    assert [line for line in out.splitlines() if line.startswith("content/")] == [
        f"content/2025/06/a.md:{first + 2}: the link 'https://BÜCHER.example/nope2/' points at /nope2/, {missing}",
        f"content/2025/06/a.md:{first + 3}: the link 'https://Bücher.Example/tags/panduan' points at the folder "
        "/tags/panduan without its '/': write https://Bücher.Example/tags/panduan/, the page's address (hosts answer "
        "it only with a redirect, and digest check --links counts it broken)",
        f"content/2025/06/a.md:{first + 4}: warning: the link 'https://Bücher.example./tidak-ada/' {dot}; write "
        "https://Bücher.example/tidak-ada/",
        f"content/2025/06/a.md:{first + 4}: the link 'https://Bücher.example./tidak-ada/' points at /tidak-ada/, "
        f"{missing}"]


@pytest.mark.parametrize("base_url, typed", [
    ("https://example.org/", "\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45.org"),  # full-width
    ("https://example.org/", "example\u3002org"),  # the ideographic full stop
    ("https://i\u2764.ws/", "I\u2764.ws"),  # an emoji host, typed in another case
])
def test_digest_check_quotes_a_host_in_other_letters_as_typed_at_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], base_url: str, typed: str) -> None:
    """An attacker's report: an own-site broken link typed with a full-width or non-ASCII host was reported at the
    blank line after the front matter, quoted as the HTML has it ('https://example.org/hilang/'): typed_spellings
    looked only for punycode's letters. It is named at its line, as typed."""
    body = f"Isi.\n\n[satu](https://{typed}/hilang/)\n"
    make_project(tmp_path, {"2025/06/a.md": article(body=body)}, config=f"title: T\nbase_url: \"{base_url}\"\n")
    config = str(tmp_path / "config.yaml")
    first = article(body="").count("\n") + 1
    assert run(capsys, "build", "-q", "--config", config)[0] == 0
    code, out, _ = run(capsys, "check", "-q", "--config", config)
    assert (code, [line for line in out.splitlines() if line.startswith("content/")]) == (1, [
        f"content/2025/06/a.md:{first + 2}: the link 'https://{typed}/hilang/' points at /hilang/, which is not a page "
        "or file of the site; fix the address (internal links start with / or are relative to this article)"])


def test_the_link_crawl_takes_a_dangling_link_or_a_fifo_as_no_file(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """A maintainer's report: a copied site with a link to nothing ended the crawl in a traceback, and a FIFO in it
    made the crawl wait forever. Neither is a file a web server sends: a page linking to it is a broken link."""
    import os
    make_project(tmp_path, {"2025/06/a.md": article()})
    config = str(tmp_path / "config.yaml")
    assert run(capsys, "build", "-q", "--config", config)[0] == 0
    site = tmp_path / "site"
    page = site / "2025/06/a/index.html"
    page.rename(tmp_path / "away.html")
    page.symlink_to(tmp_path / "nowhere.html")
    os.mkfifo(site / "2025/06/x.html")
    import subprocess
    import sys
    done = subprocess.run([sys.executable, "-m", "generator", "check", "-q", "--config", config, "--links", str(site)],
                          capture_output=True, text=True, timeout=120)  # a hang guard: the FIFO was read forever
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{site}/index.html: broken link '/2025/06/a/': no file of the site is at that address" in \
        done.stdout.splitlines()


def test_the_link_crawl_refuses_a_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_project(tmp_path, {"a.md": article()})
    code, _, err = run(capsys, "check", "--config", str(tmp_path / "config.yaml"), "--links", str(tmp_path / "nope"))
    assert code == 2
    assert err == f"error: --links {tmp_path / 'nope'}: no such folder; build the site first (digest build)\n"
