"""`redirects:` in front matter: old addresses keep working, and cannot hide a live page."""
from __future__ import annotations

from functools import partial
from pathlib import Path

import lxml.html
import pytest

from conftest import article, build_project, make_project, write_files
from generator.commands.cli import main
from generator.core.errors import BuildError

MOVED = article(title="Pindah", date="2025-06-13T09:00:00+07:00", redirects="[2025/05/lama/, /arsip/lama.html]")


def problems(tmp_path: Path, articles: dict[str, str]) -> list[str]:
    make_project(tmp_path, articles)
    with pytest.raises(BuildError) as caught:
        build_project(tmp_path)
    return [str(p) for p in caught.value.errors]


def test_old_addresses_become_redirect_pages_and_host_rules(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/pindah.md": MOVED},
                 config="title: T\nbase_url: https://example.org/digest/\nlanguage: en\n")
    files = build_project(tmp_path).output.files
    page = lxml.html.document_fromstring(files["2025/05/lama/index.html"])
    new = "https://example.org/digest/2025/06/pindah/"
    assert page.xpath("//meta[@http-equiv='refresh']/@content") == [f"0; url={new}"]
    assert page.xpath("//link[@rel='canonical']/@href") == [new]
    assert page.xpath("//a/@href") == [new]
    assert page.xpath("//meta[@name='robots']/@content") == ["noindex"]
    assert "arsip/lama.html" in files
    assert files["_redirects"].decode().splitlines()[1:] == [
        "/digest/2025/05/lama/ /digest/2025/06/pindah/ 301",
        "/digest/arsip/lama.html /digest/2025/06/pindah/ 301",
    ]
    nginx = files["redirects.nginx.conf"].decode()
    assert 'map $uri $news_digest_redirect {\n    default "";\n' in nginx
    for old in ("/digest/2025/05/lama/", "/digest/2025/05/lama", "/digest/2025/05/lama/index.html",
                "/digest/arsip/lama.html"):
        assert f'    "{old}" "/digest/2025/06/pindah/";\n' in nginx
    assert "2025/05/lama/" not in files["sitemap.xml"].decode()


def test_a_site_without_moves_still_has_empty_rule_files(tmp_path: Path) -> None:
    """The nginx config includes the map on every deploy, so it is always written."""
    make_project(tmp_path, {"a.md": article()})
    files = build_project(tmp_path).output.files
    assert files["_redirects"].count(b"\n") == 1
    assert files["redirects.nginx.conf"].endswith(b'    default "";\n}\n')


def test_a_static_redirects_file_is_kept_and_ours_follow_it(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/pindah.md": MOVED})
    (tmp_path / "static").mkdir()
    (tmp_path / "static/_redirects").write_text("/old.html /2025/06/pindah/ 301")
    lines = build_project(tmp_path).output.files["_redirects"].decode().splitlines()
    assert lines[0] == "/old.html /2025/06/pindah/ 301"
    assert lines[2:] == ["/2025/05/lama/ /2025/06/pindah/ 301", "/arsip/lama.html /2025/06/pindah/ 301"]


def test_unusable_paths_are_errors_at_their_line(tmp_path: Path) -> None:
    text = ("---\ntitle: X\ndate: 2025-06-13\nredirects:\n  - https://example.org/old/\n  - ../etc/passwd\n"
            "  - 7\n  - 2025/06/ok/\n  - 0x1F\n  - True\n---\nx\n")
    assert problems(tmp_path, {"x.md": text, "y.md": article(redirects="old/page/?q=1")}) == [
        "content/x.md:5: field 'redirects': 'https://example.org/old/' is a full URL; write only the path after "
        "the site's base URL, such as 2025/06/old-slug/",
        "content/x.md:6: field 'redirects': '../etc/passwd' is not a usable path: its '..' goes back past the site's "
        "first folder, where no address is; write the address readers had, such as 2025/06/old-slug/",
        "content/x.md:7: field 'redirects': item 3 is 7; write an old path such as 2025/06/old-slug/",
        "content/x.md:9: field 'redirects': item 5 is 0x1F; write an old path such as 2025/06/old-slug/",
        "content/x.md:10: field 'redirects': item 6 is True; write an old path such as 2025/06/old-slug/",
        "content/y.md:4: field 'redirects': 'old/page/?q=1' is not a usable path; use letters of any script, digits, '-', '_', "
        "'.', '~', '@' and '/', such as 2025/06/old-slug/",
    ]


def test_a_path_with_a_dot_folder_or_an_empty_one_is_told_the_path_without_it(tmp_path: Path) -> None:
    """'./2025/12/draf/' and '2025//12/draf/' were told to use letters, digits, '-', '_', '.' and '/', which they
    already do."""
    assert sorted(problems(tmp_path, {"x.md": article(redirects="['./2025/12/draf/', '2025//12/draf/', "
                                                                 "'/2025/./12//a.html']")})) == sorted([
        "content/x.md:4: field 'redirects': './2025/12/draf/' is not a usable path: './' names no folder; "
        "write 2025/12/draf/",
        "content/x.md:4: field 'redirects': '2025//12/draf/' is not a usable path: '//' names no folder; "
        "write 2025/12/draf/",
        "content/x.md:4: field 'redirects': '/2025/./12//a.html' is not a usable path: './' and '//' name no folder; "
        "write 2025/12/a.html",
    ])


def test_a_trailing_empty_folder_is_told_too_and_does_not_replace_a_live_page(tmp_path: Path) -> None:
    """'2025/06//' lost its empty last folder, so it passed as '2025/06/' and its redirect page replaced the
    month's archive, with check at exit 0. Then it was told 'write 2025/06/', and the next run that 2025/06/ is a
    page the site has: the fix is checked first, and both are said at once."""
    assert problems(tmp_path, {"2025/06/uji.md": article(redirects="['2025/06//', 'tags//', 'lama//']")}) == [
        "content/2025/06/uji.md:4: field 'redirects': '2025/06//' is not a usable path: '//' names no folder, and "
        "2025/06/ is the address of a page the site still has (2025/06/index.html); a redirect there would hide it: "
        "remove it from redirects",
        "content/2025/06/uji.md:4: field 'redirects': 'lama//' is not a usable path: '//' names no folder; "
        "write lama/",
        "content/2025/06/uji.md:4: field 'redirects': 'tags//' is not a usable path: '//' names no folder, and "
        "tags/ is the address of a page the site still has (tags/index.html); a redirect there would hide it: "
        "remove it from redirects",
    ]


def test_a_path_with_dots_or_only_slashes_is_told_what_is_wrong_in_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'/', './' and '2025/06/lama/..' were told to use letters, digits, '-', '_', '.' and '/' (which they do), and
    '2025/06/lama/.' that its './' names no folder (it has none); a draft's '2025/06//' is said now, not once it is
    published, and a file with another error still hears of its own."""
    make_project(tmp_path, {"2025/06/uji.md": article(redirects="['/', './', '2025/06/lama/..', '2025/06/lama/.']"),
                            "2025/06/draf.md": article(title="Draf", draft="true", redirects="['2025/06//']"),
                            "2025/06/rusak.md": article(title="Rusak", redirects="['lama//']", draft="maybe"),
                            "2025/06/ok.md": article(title="Ok")})  # the month's archive, 2025/06/
    assert main(["build", "-q", "--config", str(tmp_path / "config.yaml")]) == 1
    assert sorted(capsys.readouterr().err.splitlines()) == [
        "content/2025/06/draf.md:5: field 'redirects': '2025/06//' is not a usable path: '//' names no folder, and "
        "2025/06/ is the address of a page the site still has (2025/06/index.html); a redirect there would hide it: "
        "remove it from redirects",
        "content/2025/06/rusak.md:4: field 'redirects': 'lama//' is not a usable path: '//' names no folder; "
        "write lama/",
        "content/2025/06/rusak.md:5: field 'draft': must be true or false, got 'maybe'; write draft: true or "
        "draft: false",
        "content/2025/06/uji.md:4: field 'redirects': './' is the site's home page ('./' names no folder), which the "
        "site still has; a redirect there would hide it: remove it from redirects",
        "content/2025/06/uji.md:4: field 'redirects': '/' is the site's home page, which the site still has; a "
        "redirect there would hide it: remove it from redirects",
        "content/2025/06/uji.md:4: field 'redirects': '2025/06/lama/.' is not a usable path: '/.' at its end names "
        "no folder; write 2025/06/lama/",
        "content/2025/06/uji.md:4: field 'redirects': '2025/06/lama/..' is not a usable path: '..' goes back a "
        "folder, which a browser does before asking, and 2025/06/ is the address of a page the site still has "
        "(2025/06/index.html); a redirect there would hide it: remove it from redirects",
        "error: 7 problems found; nothing was written"]


def test_a_redirect_may_not_hide_a_live_page_or_be_claimed_twice(tmp_path: Path) -> None:
    assert problems(tmp_path, {
        "2025/06/a.md": article(title="A", redirects="[tags/, 2025/06/a/]"),
        "2025/06/b.md": article(title="B", redirects="[lama/]"),
        "2025/06/c.md": article(title="C", redirects="[lama]"),
        "2025/06/d.md": article(title="D", redirects="[2025/06/b/]"),
    }) == [
        "content/2025/06/a.md:4: field 'redirects': '2025/06/a/' is this article's own address; remove it from redirects",
        "content/2025/06/a.md:4: field 'redirects': 'tags/' is the address of a page the site still has "
        "(tags/index.html); a redirect there would hide it: remove it from redirects",
        "content/2025/06/c.md:4: field 'redirects': 'lama/' is already redirected by content/2025/06/b.md:4; "
        "an old address can lead to one article only",
        # an editor's report: the article that took the address (digest new "B") was never named, and the only fix
        # given broke the old links
        "content/2025/06/d.md:4: field 'redirects': '2025/06/b/' is the address of content/2025/06/b.md: a "
        "redirect there would hide that page. If that one took the address since (a new article with the old "
        "title), give content/2025/06/b.md another slug (slug: …) to keep the old links working; otherwise remove "
        "the address from redirects",
    ]


def test_a_redirect_may_not_take_the_address_of_a_file_the_site_writes(tmp_path: Path) -> None:
    """A redirect from sitemap.xml, robots.txt or the search engine's files was only a warning, and the nginx map
    then answered 301 for them (search broken, the sitemap lost); one from style.css blamed the theme's file."""
    write_files(tmp_path, {"static/images/logo.png": "png"})
    redirects = "[sitemap.xml, robots.txt, pagefind/pagefind.js, style.css, redirects.nginx.conf, images/logo.png]"
    assert problems(tmp_path, {"2025/06/a.md": article(title="A", redirects=redirects)}) == sorted([
        f"content/2025/06/a.md:4: field 'redirects': '{path}' is the address of a file the site still has "
        f"({path}); a redirect there would hide it: remove it from redirects"
        for path in ["images/logo.png", "redirects.nginx.conf", "robots.txt", "sitemap.xml", "style.css"]] + [
        "content/2025/06/a.md:4: field 'redirects': 'pagefind/pagefind.js' is in the folder of the search engine's "
        "files (pagefind/), which the site writes; a redirect there would hide them: remove it from redirects"])
    # written as folders, their redirect pages replaced the files (sitemap.xml/index.html), with the build's
    # blessing, or the theme's file was blamed; in other letters, nginx's map still sent the search script away
    assert problems(tmp_path, {"2025/06/a.md": article(title="A", redirects=(
        "[sitemap.xml/, feed.xml/, _redirects, style.css/, images/logo.png/old/, PAGEFIND/pagefind.js]"))}) == [
        "content/2025/06/a.md:4: field 'redirects': 'PAGEFIND/pagefind.js' is in the folder of the search engine's "
        "files (pagefind/), which the site writes; a redirect there would hide them: remove it from redirects"] + [
        f"content/2025/06/a.md:4: field 'redirects': '{path}' is the address of a file the site still has "
        f"({hidden}); a redirect there would hide it: remove it from redirects"
        for path, hidden in [("_redirects/", "_redirects"), ("feed.xml/", "feed.xml"),
                             ("images/logo.png/old/", "images/logo.png"), ("sitemap.xml/", "sitemap.xml"),
                             ("style.css/", "style.css")]]
    # inside another redirect's page: 'lama.html' came out a folder, its redirect page lost without a word
    assert problems(tmp_path, {"2025/06/a.md": article(title="A", redirects="[lama.html]"),
                               "2025/06/b.md": article(title="B", redirects="[lama.html/arsip/]")}) == [
        "content/2025/06/b.md:4: field 'redirects': 'lama.html/arsip/' is inside the old address 'lama.html' "
        "(content/2025/06/a.md:4), whose redirect page would have to be a folder for it; keep one of them"]
    # a folder that is a file of the site in other letters was called that file's own address
    write_files(tmp_path, {"static/CNAME": "berita.example\n"})
    assert problems(tmp_path, {"2025/06/a.md": article(title="A", redirects="[cname/, Robots.txt/lama/]")}) == [
        "content/2025/06/a.md:4: field 'redirects': 'Robots.txt/lama/' is inside a folder that differs only in letter "
        "case from a file the site still has (robots.txt), and a macOS or Windows disk holds one name for both; "
        "remove it from redirects",
        "content/2025/06/a.md:4: field 'redirects': 'cname/' differs only in letter case from a file the site still "
        "has (CNAME): nginx matches old addresses ignoring case, so that file would redirect (to itself, or "
        "elsewhere), and a macOS or Windows disk holds one folder for both; remove it from redirects"]


def test_a_redirect_problem_comes_with_the_sites_other_errors(tmp_path: Path) -> None:
    """With another file in error, a redirect onto the article's own address was said only in the next run."""
    assert problems(tmp_path, {
        "2025/06/a.md": article(title="A", redirects="[2025/06/a/]"),
        "2025/06/b.md": article(title="B", date="2025-13-01"),
        "2025/06/c.md": article(title="C", redirects="[2025/06/a/]"),
    }) == [
        "content/2025/06/a.md:4: field 'redirects': '2025/06/a/' is this article's own address; remove it from redirects",
        "content/2025/06/b.md:3: field 'date': '2025-13-01' is not a valid date (month must be in 1..12); write "
        "YYYY-MM-DD or an ISO 8601 date-time such as 2025-06-13T09:00:00+07:00, or the date as the news page prints it: 13 Juni 2025 09.00 WIB",
        "content/2025/06/c.md:4: field 'redirects': '2025/06/a/' is the address of content/2025/06/a.md: a "
        "redirect there would hide that page. If that one took the address since (a new article with the old "
        "title), give content/2025/06/a.md another slug (slug: …) to keep the old links working; otherwise remove "
        "the address from redirects",
    ]


def test_a_redirect_onto_one_of_the_sites_own_pages_comes_with_the_other_errors(tmp_path: Path) -> None:
    """An editor's report: `redirects: [tags/]`, or a tag's page, with another file in error was said only after
    that error was fixed, in the next run."""
    assert problems(tmp_path, {
        "2025/06/a.md": article(title="A", tags="[ai]", redirects="[tags/, tags/ai/, 2025/]"),
        "2025/06/b.md": article(title="B", date="2025-13-01"),
    }) == [
        "content/2025/06/a.md:5: field 'redirects': '2025/' is the address of a page the site still has "
        "(2025/index.html); a redirect there would hide it: remove it from redirects",
        "content/2025/06/a.md:5: field 'redirects': 'tags/' is the address of a page the site still has "
        "(tags/index.html); a redirect there would hide it: remove it from redirects",
        "content/2025/06/a.md:5: field 'redirects': 'tags/ai/' is the address of a page the site still has "
        "(tags/ai/index.html); a redirect there would hide it: remove it from redirects",
        "content/2025/06/b.md:3: field 'date': '2025-13-01' is not a valid date (month must be in 1..12); write "
        "YYYY-MM-DD or an ISO 8601 date-time such as 2025-06-13T09:00:00+07:00, or the date as the news page prints "
        "it: 13 Juni 2025 09.00 WIB",
    ]


def test_a_redirect_onto_an_article_with_an_error_comes_with_that_error(tmp_path: Path) -> None:
    """A maintainer's report: a redirect onto an article that itself had an error (here its tags) was said only
    after that error was fixed, in the next run; and so was one of that article's own redirects."""
    assert problems(tmp_path, {
        "2025/06/a.md": article(title="A", redirects="[2025/06/b/, lama/]"),
        "2025/06/b.md": article(title="B", tags="{x: 1}", redirects="[lama/]"),
        "2025/06/c.md": article(title="C", draft="maybe", redirects="[2025/06/d/]"),
        "2025/06/d.md": article(title="D", draft="true", tags="{x: 1}"),
    }) == [
        "content/2025/06/a.md:4: field 'redirects': '2025/06/b/' is the address of content/2025/06/b.md: a "
        "redirect there would hide that page. If that one took the address since (a new article with the old "
        "title), give content/2025/06/b.md another slug (slug: …) to keep the old links working; otherwise remove "
        "the address from redirects",
        "content/2025/06/b.md:4: field 'tags': must be a list, but YAML read '{x: 1}' as a mapping (name: value); "
        "write the names in brackets: tags: [x]",
        "content/2025/06/b.md:5: field 'redirects': 'lama/' is already redirected by content/2025/06/a.md:4; "
        "an old address can lead to one article only",
        "content/2025/06/c.md:4: field 'draft': must be true or false, got 'maybe'; write draft: true or draft: false",
        # a draft's page is not published, so a redirect there hides nothing
        "content/2025/06/d.md:5: field 'tags': must be a list, but YAML read '{x: 1}' as a mapping (name: value); "
        "write the names in brackets: tags: [x]",
    ]


def test_a_collision_fails_the_build_and_leaves_the_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_project(tmp_path, {"a.md": article()})
    config = str(tmp_path / "config.yaml")
    assert main(["build", "-q", "--config", config]) == 0
    before = sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / "site").rglob("*"))
    (tmp_path / "content/b.md").write_text(article(title="B", redirects="[tags/]"))
    assert main(["build", "-q", "--config", config]) == 1
    err = capsys.readouterr().err
    assert "content/b.md:4: field 'redirects': 'tags/' is the address of a page the site still has" in err
    assert "Traceback" not in err
    assert sorted(p.relative_to(tmp_path).as_posix() for p in (tmp_path / "site").rglob("*")) == before


def warnings_of_build(root: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """The lines a successful `digest build -q` of the project at ``root`` prints: its warnings."""
    capsys.readouterr()
    assert main(["build", "--config", str(root / "config.yaml"), "-q"]) == 0
    return capsys.readouterr().err.splitlines()


def test_an_article_whose_address_changed_since_the_last_build_is_a_warning_until_redirected(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The date edited into another month, the slug changed, the file renamed: readers' links to the old address
    would break. The next build says so at the file, with the line to add; with that line it is quiet."""
    source = "{name: Reuters, url: 'https://www.reuters.com/tech/meta-scale'}"
    make_project(tmp_path, {"2025/06/meta.md": article(title="Meta", date="2025-06-13", source=source),
                            "2025/06/lain.md": article(title="Lain", date="2025-06-12")})
    build = partial(warnings_of_build, tmp_path, capsys)

    assert build() == []
    meta = tmp_path / "content/2025/06/meta.md"
    meta.write_text(article(title="Meta", date="2025-07-01", source=source))
    assert build() == [
        "content/2025/06/meta.md:3: field 'date': warning: its address changed from /2025/06/meta/ to /2025/07/meta/ "
        "since the last build, so links to the old one will break; keep them working with redirects: "
        "[2025/06/meta/]"]
    meta.write_text(article(title="Meta", date="2025-07-01", source=source, redirects="[2025/06/meta/]"))
    assert build() == []

    meta.rename(tmp_path / "content/2025/06/meta-scale.md")  # found by its source link
    assert build() == [
        "content/2025/06/meta-scale.md: warning: its address changed from /2025/07/meta/ to /2025/07/meta-scale/ "
        "since the last build (it was content/2025/06/meta.md), so links to the old one will break; keep them "
        "working with redirects: [2025/06/meta/, 2025/07/meta/]"]
    (tmp_path / "content/2025/06/lain.md").write_text(article(title="Lain", date="2025-06-12", slug="lain-lagi",
                                                              draft="false"))
    assert build() == [
        "content/2025/06/lain.md:4: field 'slug': warning: its address changed from /2025/06/lain/ to "
        "/2025/06/lain-lagi/ since the last build, so links to the old one will break; keep them working with "
        "redirects: [2025/06/lain/]"]
    (tmp_path / "content/2025/06/lain.md").write_text(article(title="Lain", date="2025-06-12", slug="lain-lagi",
                                                              body="Isi baru.\n"))
    assert build() == [], "a body edit keeps the address"
    # an article already redirecting is told the whole list to write, not a second 'redirects:' (an error)
    meta = tmp_path / "content/2025/06/meta-scale.md"
    meta.write_text(article(title="Meta", date="2025-08-01", source=source, redirects="[2025/06/meta/]"))
    assert build() == [
        "content/2025/06/meta-scale.md:3: field 'date': warning: its address changed from /2025/07/meta-scale/ to "
        "/2025/08/meta-scale/ since the last build, so links to the old one will break; keep them working with "
        "redirects: [2025/06/meta/, 2025/07/meta-scale/]"]


def test_an_article_the_last_build_published_and_this_one_leaves_out_is_a_warning(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Made a draft, or re-dated into the future, a published article's page went without a word, and readers'
    links with it. Said once, at the field; a deleted file is meant, and not said."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A", date="2025-06-12"),
                            "2025/06/b.md": article(title="B", date="2025-06-13"),
                            "2025/06/c.md": article(title="C", date="2025-06-14"),
                            "2025/06/d.md": article(title="D", date="2025-06-15")})
    build = partial(warnings_of_build, tmp_path, capsys)

    assert build() == []
    (tmp_path / "content/2025/06/a.md").write_text(article(title="A", date="2025-06-12", draft="true"))
    (tmp_path / "content/2025/06/b.md").write_text(article(title="B", date="2099-06-13T09:00:00+07:00"))
    (tmp_path / "content/2025/06/c.md").unlink()
    assert [line for line in build() if "more than a year ahead" not in line] == [
        "content/2025/06/a.md:4: field 'draft': hint: the site had it at /2025/06/a/; it is a draft now, so that "
        "page is gone and links to it break until it is published again",
        "content/2025/06/b.md:3: field 'date': hint: the site had it at /2025/06/b/; it is dated "
        "2099-06-13T09:00:00+07:00, after the build's time, so that page is gone and links to it break until it is "
        "published again"]
    (tmp_path / "content/2025/06/a.md").write_text(article(title="A", date="2025-06-12", draft="true", body="Lagi.\n"))
    assert [line for line in build() if "more than a year ahead" not in line] == [], "the page was already gone"
    # taking an article down is an editor's right: it never fails a --strict deploy, replayed or not
    (tmp_path / "content/2025/06/c.md").write_text(article(title="C", date="2025-06-14"))
    assert build() and main(["build", "--config", str(tmp_path / "config.yaml"), "-q"]) == 0
    (tmp_path / "content/2025/06/c.md").write_text(article(title="C", date="2025-06-14", draft="true"))
    for _ in range(2):
        assert main(["build", "--config", str(tmp_path / "config.yaml"), "-q", "--strict", "--future"]) == 0
        assert "the site had it at /2025/06/c/" in capsys.readouterr().err
    # renamed and made a draft in one edit: found by its source link, as a renamed file is
    source = "{name: Reuters, url: 'https://www.reuters.com/tech/d'}"
    (tmp_path / "content/2025/06/d.md").write_text(article(title="D", date="2025-06-15", source=source))
    assert [line for line in build() if "more than a year ahead" not in line] == []
    (tmp_path / "content/2025/06/d.md").unlink()
    (tmp_path / "content/2025/06/d-baru.md").write_text(article(title="D", date="2025-06-15", source=source,
                                                                draft="true"))
    (tmp_path / "content/2025/06/e.md").write_text(article(title="E", date="2025-06-16"))
    assert [line for line in build() if "more than a year ahead" not in line] == [
        "content/2025/06/d-baru.md:5: field 'draft': hint: the site had it at /2025/06/d/ (it was "
        "content/2025/06/d.md); it is a draft now, so that page is gone and links to it break until it is "
        "published again"]


def test_two_renamed_files_with_one_source_link_are_each_told_their_own_old_address(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An editor's report: two stories whose source is one publisher's front page, both renamed; both warnings went
    to the second file, one of them telling it to redirect the first story's old address to it."""
    source = "{name: Reuters, url: 'https://www.reuters.com/'}"
    make_project(tmp_path, {"2025/06/alpha-news.md": article(title="Alpha", source=source),
                            "2025/06/beta-news.md": article(title="Beta", source=source)})
    config = str(tmp_path / "config.yaml")
    assert main(["build", "--config", config, "-q"]) == 0
    for name in ("alpha", "beta"):
        (tmp_path / f"content/2025/06/{name}-news.md").rename(tmp_path / f"content/2025/06/{name}.md")
    capsys.readouterr()
    assert main(["build", "--config", config, "-q"]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"content/2025/06/{name}.md: warning: its address changed from /2025/06/{name}-news/ to /2025/06/{name}/ "
        f"since the last build (it was content/2025/06/{name}-news.md), so links to the old one will break; keep "
        f"them working with redirects: [2025/06/{name}-news/]" for name in ("alpha", "beta")]


def test_an_old_address_differing_only_in_letter_case_is_refused(tmp_path: Path) -> None:
    """A maintainer's report, seen with deploy/nginx.conf: nginx matches the map's keys ignoring letter case, so an
    old address 'Meta-Ambil-…/' made the live 'meta-ambil-…/' redirect to another article (or to itself, a loop),
    and two old addresses differing only in case made nginx refuse to start ('conflicting parameter')."""
    assert problems(tmp_path, {
        "2025/06/a.md": article(title="A", redirects="[2025/06/B/, 2025/06/A/, Lama/]"),
        "2025/06/b.md": article(title="B", redirects="[lama/, LAMA/]"),
    }) == [
        "content/2025/06/a.md:4: field 'redirects': '2025/06/A/' differs only in letter case from a page the site "
        "still has (2025/06/a/index.html): nginx matches old addresses ignoring case, so that page would redirect "
        "(to itself, or elsewhere), and a macOS or Windows disk holds one folder for both; remove it from redirects",
        "content/2025/06/a.md:4: field 'redirects': '2025/06/B/' differs only in letter case from a page the site "
        "still has (2025/06/b/index.html): nginx matches old addresses ignoring case, so that page would redirect "
        "(to itself, or elsewhere), and a macOS or Windows disk holds one folder for both; remove it from redirects",
        "content/2025/06/b.md:4: field 'redirects': 'LAMA/' differs only in letter case from 'Lama/' "
        "(content/2025/06/a.md:4): nginx matches old addresses ignoring case and refuses to start with both; keep one",
        "content/2025/06/b.md:4: field 'redirects': 'lama/' differs only in letter case from 'Lama/' "
        "(content/2025/06/a.md:4): nginx matches old addresses ignoring case and refuses to start with both; keep one",
    ]


def test_check_warns_of_a_changed_address_as_the_build_does(tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """A maintainer's report: after a date moved to another month, `digest check --strict` passed (0 warnings)
    while `digest build --strict` failed on the changed address: CI's check step passed and its build failed."""
    make_project(tmp_path, {"2025/06/meta.md": article(title="Meta", date="2025-06-13")})
    config = str(tmp_path / "config.yaml")
    assert main(["build", "--config", config, "-q", "--strict"]) == 0
    (tmp_path / "content/2025/06/meta.md").write_text(article(title="Meta", date="2025-07-13"))
    capsys.readouterr()
    assert main(["check", "--config", config, "--strict"]) == 1
    warning = ("content/2025/06/meta.md:3: field 'date': warning: its address changed from /2025/06/meta/ to "
               "/2025/07/meta/ since the last build, so links to the old one will break; keep them working with "
               "redirects: [2025/06/meta/]")
    assert warning in capsys.readouterr().out.splitlines()
    assert main(["check", "--config", config, "--strict"]) == 1, "the replayed report says it again"
    assert warning in capsys.readouterr().out.splitlines()


def test_an_old_address_too_long_for_nginxs_map_is_a_warning_at_its_line(tmp_path: Path) -> None:
    """A maintainer's report: an old address of some 240 characters built without a word, then nginx refused to
    load its config after the deploy ('could not build map_hash ... map_hash_bucket_size: 256')."""
    long, fine = "lama/" + "a" * 230 + "/", "lama/" + "b" * 200 + "/"
    make_project(tmp_path, {"2025/06/a.md": article(title="A", redirects=f"[{fine}, {long}]")})
    assert [str(p) for p in build_project(tmp_path).warnings] == [
        f"content/2025/06/a.md:4: field 'redirects': warning: '{long}' is 247 bytes as nginx reads it (with "
        "index.html), and nginx takes map keys of up to about 233 with deploy/nginx.conf's 'map_hash_bucket_size "
        "256;' (beyond, it refuses to start): set 512 there, or leave this address out"]


def test_an_old_address_too_long_for_a_file_name_is_an_error_at_its_line(tmp_path: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """A 300-letter old address passed `digest check` and stopped the build with "File name too long: check the
    path", naming no article, line or field."""
    long = "a" * 300
    make_project(tmp_path, {"a.md": article(title="A", redirects=f"[lama/, {long}/]")})
    message = (f"content/a.md:4: field 'redirects': '{long[:60]}…' has a folder or file name of 300 bytes, and a file "
               "system takes at most 255, so its redirect page cannot be written; shorten it to the address readers "
               "really had")
    config = str(tmp_path / "config.yaml")
    assert main(["check", "--config", config]) == 1
    assert message in capsys.readouterr().out
    assert main(["build", "-q", "--config", config]) == 1
    assert message in capsys.readouterr().err and not (tmp_path / "site").exists()


def test_registering_a_publisher_or_company_keeps_its_old_page_and_feeds_working(tmp_path: Path) -> None:
    """A reader's report: a publisher's page was /sources/kompas-com/ (its host) until an editor registered it in
    sources.yaml as 'kompas'; the page moved to /sources/kompas/ and the old address and its feed, which readers
    had subscribed to, answered 404. The same for a company named 'Gojek' before companies.yaml gave it the id
    'goto' with Gojek as an alias."""
    written = article(title="Gojek", source="{name: Kompas, url: 'https://www.kompas.com/tekno/1'}",
                      companies="[Gojek]")
    make_project(tmp_path, {"a.md": written}, config="title: T\nbase_url: https://example.org/digest/\n")
    config = str(tmp_path / "config.yaml")
    assert main(["build", "-q", "--config", config]) == 0
    before = {p.relative_to(tmp_path / "site").as_posix() for p in (tmp_path / "site").rglob("*")}
    assert {"sources/kompas-com/index.html", "sources/kompas-com/feed.xml", "companies/gojek/feed.xml"} <= before
    (tmp_path / "content/sources.yaml").write_text("kompas: {name: Kompas, url: 'https://www.kompas.com/'}\n")
    (tmp_path / "content/companies.yaml").write_text("goto: {name: GoTo, aliases: [Gojek, GOTO]}\n")
    assert main(["build", "-q", "--config", config]) == 0  # from the cache, as an editor's next build
    site = tmp_path / "site"
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    for old, new in (("sources/kompas-com/", "sources/kompas/"), ("companies/gojek/", "companies/goto/")):
        page = lxml.html.document_fromstring(files[old + "index.html"])
        assert page.xpath("//link[@rel='canonical']/@href") == [f"https://example.org/digest/{new}"]
        assert page.xpath("//meta[@name='robots']/@content") == ["noindex"]
        assert old + "feed.xml" not in files  # a feed reader does not follow a page: the host's rules redirect it
    rules = files["_redirects"].decode().splitlines()
    assert {f"/digest/{old}{feed} /digest/{new}{feed} 301"
            for old, new in (("sources/kompas-com/", "sources/kompas/"), ("companies/gojek/", "companies/goto/"))
            for feed in ("", "feed.xml", "atom.xml", "feed.json")} == set(rules[1:])
    nginx = files["redirects.nginx.conf"].decode()
    assert '    "/digest/sources/kompas-com/feed.xml" "/digest/sources/kompas/feed.xml";\n' in nginx
    assert "sources/kompas-com/" not in files["sitemap.xml"].decode()
    cold = build_project(tmp_path).output.files  # a cold build makes the same files
    assert {path: files[path] for path in cold} == cold


def test_registering_a_company_keeps_its_intersection_pages_working(tmp_path: Path) -> None:
    """A maintainer's report: registering 'Gojek' as 'goto' redirected /companies/gojek/ but dropped
    /companies/gojek/sections/aceh/, /companies/gojek/with/meta/ and /companies/meta/with/gojek/ (and their feeds)
    without a redirect."""
    make_project(tmp_path, {f"{i}.md": article(title=f"A{i}", companies="[Gojek, Meta]", section="Aceh",
                                               date=f"2025-06-1{i}") for i in range(3)},
                 config="title: T\nbase_url: https://example.org/digest/\n")
    config = str(tmp_path / "config.yaml")
    assert main(["build", "-q", "--config", config]) == 0
    (tmp_path / "content/companies.yaml").write_text("goto: {name: GoTo, aliases: [Gojek]}\n")
    assert main(["build", "-q", "--config", config]) == 0
    site = tmp_path / "site"
    rules = (site / "_redirects").read_text().splitlines()
    for old, new in (("gojek/sections/aceh/", "goto/sections/aceh/"), ("gojek/with/meta/", "goto/with/meta/"),
                     ("meta/with/gojek/", "meta/with/goto/")):
        page = lxml.html.document_fromstring((site / "companies" / old / "index.html").read_bytes())
        assert page.xpath("//link[@rel='canonical']/@href") == [f"https://example.org/digest/companies/{new}"]
        assert f"/digest/companies/{old}feed.xml /digest/companies/{new}feed.xml 301" in rules
        assert f"/digest/companies/{old} /digest/companies/{new} 301" in rules
    files = {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    cold = build_project(tmp_path).output.files  # a cold build makes the same files
    assert {path: files[path] for path in cold} == cold


def test_an_intersection_pages_redirect_is_titled_as_that_page(tmp_path: Path) -> None:
    """The attacker's report: the redirects of GoTo's moved intersection pages were titled 'GoTo', the company's
    name alone; they lead to 'GoTo bersama Meta' and 'GoTo di Aceh', and say so (English: 'Meta with GoTo')."""
    articles = {f"{i}.md": article(title=f"A{i}", companies="[GoTo, Meta]", section="Aceh", date=f"2025-06-1{i}")
                for i in range(3)}
    make_project(tmp_path, articles, companies="goto: {name: GoTo, aliases: [Gojek]}\nmeta: {name: Meta}\n")
    files = build_project(tmp_path).output.files
    titles = {old: lxml.html.document_fromstring(files[f"companies/{old}index.html"]).xpath("//a/text()")
              for old in ("gojek/", "gojek/with/meta/", "gojek/sections/aceh/", "meta/with/gojek/")}
    assert titles == {"gojek/": ["GoTo"], "gojek/with/meta/": ["GoTo bersama Meta"],
                      "gojek/sections/aceh/": ["GoTo di Aceh"], "meta/with/gojek/": ["Meta bersama GoTo"]}
    assert b"<title>GoTo bersama Meta</title>" in files["companies/gojek/with/meta/index.html"]
    make_project(tmp_path, articles, config="title: T\nbase_url: https://example.org/\nlanguage: en\n")
    files = build_project(tmp_path).output.files
    assert b"<title>Meta with GoTo</title>" in files["companies/meta/with/gojek/index.html"]


def test_an_old_address_a_page_or_an_article_holds_is_left_to_it(tmp_path: Path) -> None:
    """Only addresses no page holds: an alias whose slug is another company's page keeps that page (one the
    registry lacks: a registered company's id is no other's alias, ``load_registry``), and an article's own
    ``redirects:`` of the address wins."""
    articles = {"a.md": article(title="A", companies="[GoTo, Tokopedia!]"),
                "b.md": article(title="B", date="2025-06-12T09:00:00+07:00", redirects="[companies/gojek/]")}
    make_project(tmp_path, articles, companies="goto: {name: GoTo, aliases: [Gojek, Tokopedia, GoTo Financial]}\n")
    files = build_project(tmp_path).output.files
    page = lxml.html.document_fromstring(files["companies/gojek/index.html"])
    assert page.xpath("//a/@href") == ["https://example.org/2025/06/b/"]  # the article's redirect, not GoTo's
    assert b'http-equiv="refresh"' not in files["companies/tokopedia/index.html"]
    rules = files["_redirects"].decode().splitlines()
    feeds = ("atom.xml", "feed.json", "feed.xml")  # GoTo's: the article claimed only the page
    assert [line for line in rules if line.startswith("/companies/")] == [
        "/companies/gojek/ /2025/06/b/ 301",  # the articles' own rules first
        *(f"/companies/gojek/{feed} /companies/goto/{feed} 301" for feed in feeds),
        *(f"/companies/goto-financial/{feed} /companies/goto/{feed} 301" for feed in (*feeds, ""))]


def test_a_build_for_another_output_right_after_a_rename_warns_of_it(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """An editor's report: after a rename, a build for staging (another output folder) said nothing, and the next
    build of site/ nothing either: the warning was lost for good. The build right after the change says it,
    whichever folder it writes."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A", source="{name: R, url: 'https://r.example/1'}")})
    config = str(tmp_path / "config.yaml")
    assert main(["build", "-q", "--config", config]) == 0
    (tmp_path / "content/2025/06/a.md").rename(tmp_path / "content/2025/06/b.md")
    capsys.readouterr()
    for output in (["--output", str(tmp_path / "staging")], []):  # site/'s own cache knows the old address too
        assert main(["build", "-q", "--config", config, *output]) == 0
        assert capsys.readouterr().err.splitlines() == [
            "content/2025/06/b.md: warning: its address changed from /2025/06/a/ to /2025/06/b/ since the last build "
            "(it was content/2025/06/a.md), so links to the old one will break; keep them working with redirects: "
            "[2025/06/a/]"]


def test_a_renamed_page_keeps_its_old_address_with_redirects(tmp_path: Path) -> None:
    """An editor's report: renaming content/pages/tentang.md broke /tentang/, linked from everywhere outside, and
    'redirects:' on a page was "unknown field for a page, ignored" (Hugo's and Zola's aliases work on any page)."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A"),
                            "pages/tentang-kami.md": "---\ntitle: Tentang kami\nredirects: [tentang/]\n---\nKami.\n"})
    result = build_project(tmp_path)
    assert result.warnings == ()
    files = result.output.files
    page = lxml.html.document_fromstring(files["tentang/index.html"])
    assert page.xpath("//link[@rel='canonical']/@href") == ["https://example.org/tentang-kami/"]
    assert "/tentang/ /tentang-kami/ 301" in files["_redirects"].decode().splitlines()
    write_files(tmp_path, {"content/pages/lain.md": "---\ntitle: Lain\nredirects: [tentang-kami/, lain/]\n---\nx\n"})
    assert problems(tmp_path, {}) == [
        "content/pages/lain.md:3: field 'redirects': 'lain/' is this page's own address; remove it from redirects",
        "content/pages/lain.md:3: field 'redirects': 'tentang-kami/' is the address of content/pages/tentang-kami.md: "
        "a redirect there would hide that page. If that one took the address since (a new article with the old "
        "title), give content/pages/tentang-kami.md another slug (slug: …) to keep the old links working; otherwise "
        "remove the address from redirects"]
    # a page's item YAML reads as a number was shown as Python prints it ('item 1 is 31'), as an article's was
    write_files(tmp_path, {"content/pages/lain.md": "---\ntitle: Lain\nredirects: [0x1F, 1e3]\n---\nx\n"})
    assert problems(tmp_path, {}) == [
        f"content/pages/lain.md:3: field 'redirects': item {i} is {typed}; write an old path such as 2025/06/old-slug/"
        for i, typed in ((1, "0x1F"), (2, "1e3"))]


def test_more_rules_than_gitlab_reads_is_a_warning_and_the_articles_come_first(tmp_path: Path) -> None:
    """A maintainer's report: registered companies' aliases add four rules each (a page, three feeds), and GitLab
    Pages reads no rule of a _redirects with more than 1,000 (Cloudflare takes 2,000): a site passed that without a
    word. The articles' own rules come first, before the registry's."""
    olds = ", ".join(f"lama/{i}/" for i in range(1, 1001))
    make_project(tmp_path, {"a.md": article(title="A", companies="[GoTo]", redirects=f"[{olds}]")},
                 companies="goto: {name: GoTo, aliases: [Gojek]}\n")
    result = build_project(tmp_path)
    assert [str(p) for p in result.warnings] == [
        "_redirects: warning: gets 1,004 rules, and GitLab Pages reads none of them past 1,000 (Cloudflare Pages "
        "takes 2,000); the articles' own come first. A registered company's alias or publisher's host takes one for "
        "its page and one for each feed format: fewer aliases or feeds.formats keep it under"]
    rules = result.output.files["_redirects"].decode().splitlines()[1:]
    assert len(rules) == 1004 and all(r.startswith("/lama/") for r in rules[:1000])
    assert rules[1000:] == [f"/companies/gojek/{feed} /companies/goto/{feed} 301"
                            for feed in ("atom.xml", "feed.json", "feed.xml", "")]


def test_an_old_address_that_is_no_page_gets_rules_and_a_warning_not_a_page(tmp_path: Path) -> None:
    """A report on this round's import: 'redirects: [notes.txt, release/version-2.0]' made an HTML redirect page at
    each, which a static host (GitHub Pages, Python's http.server) served as text, or as a download. No page there:
    the hosts' rules redirect them, and the line says what static hosts do."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A", redirects="[notes.txt, release/version-2.0, lama.html]")})
    write_files(tmp_path, {"content/pages/tentang.md": "---\ntitle: Tentang\nredirects: [about.txt]\n---\nKami.\n"})
    result = build_project(tmp_path)
    files = result.output.files
    assert "notes.txt" not in files and "release/version-2.0" not in files and "about.txt" not in files
    assert "lama.html" in files
    assert sorted(files["_redirects"].decode().splitlines()[1:]) == [
        "/about.txt /tentang/ 301", "/lama.html /2025/06/a/ 301", "/notes.txt /2025/06/a/ 301",
        "/release/version-2.0 /2025/06/a/ 301"]
    tail = ("is not a page's address (a folder, or a file named .html), so no redirect page is written there, which a "
            "static host would serve as a download or as text: Netlify, Cloudflare Pages and nginx redirect it by "
            "their rules, GitHub and GitLab Pages answer 404")
    assert sorted(str(w) for w in result.warnings) == [
        f"content/2025/06/a.md:4: field 'redirects': warning: 'notes.txt' {tail}",
        f"content/2025/06/a.md:4: field 'redirects': warning: 'release/version-2.0' {tail}",
        f"content/pages/tentang.md:3: field 'redirects': warning: 'about.txt' {tail}"]


def test_a_redirect_onto_the_address_of_an_article_not_yet_published_is_a_warning(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An editor's report: a redirect onto a draft's address was published without a word, and the build that
    published the draft (--drafts, or 'draft: false') then stopped at it. The first build says so, at both files."""
    make_project(tmp_path, {
        "2025/06/a.md": article(title="A", redirects="[2025/06/b/, 2099/07/c/, About/]"),
        "2025/06/b.md": article(title="B", draft="true"),
        "2025/07/c.md": article(title="C", date="2099-07-01T09:00:00+07:00"),
        "pages/about.md": "---\ntitle: About\ndraft: true\n---\nx\n",
        "2025/06/d.md": article(title="D", redirects="[2025/06/lama/]"),
    })
    config = str(tmp_path / "config.yaml")
    hides = ("If that one took the address since (a new article with the old title), give {0} another slug "
             "(slug: …) to keep the old links working; otherwise remove the address from redirects")
    said = [
        "content/2025/06/a.md:4: field 'redirects': warning: '2025/06/b/' is the address of content/2025/06/b.md:4, "
        "a draft (draft: true): its redirect page is published now, and the build that publishes that article "
        "(draft: false, or --drafts) stops here, as the redirect would hide its page. "
        + hides.format("content/2025/06/b.md"),
        "content/2025/06/a.md:4: field 'redirects': warning: '2099/07/c/' is the address of content/2025/07/c.md:3, "
        "dated 2099-07-01 09:00, still to come: its redirect page is published now, and the build that publishes "
        "that article (on that date, or with --future) stops here, as the redirect would hide its page. "
        + hides.format("content/2025/07/c.md"),
        "content/2025/06/a.md:4: field 'redirects': warning: 'About/' differs only in letter case from the address of "
        "content/pages/about.md:3, a draft (draft: true): its redirect page is published now, and the build that "
        "publishes that page (draft: false, or --drafts) stops here, as the redirect would hide its page. "
        + hides.format("content/pages/about.md"),
    ]
    assert [line for line in warnings_of_build(tmp_path, capsys) if "'redirects'" in line] == said
    assert (tmp_path / "site/2025/06/b/index.html").exists()  # the redirect page, as before: the draft is not out
    assert main(["check", "--config", config]) == 0
    assert [line for line in capsys.readouterr().out.splitlines() if "'redirects'" in line] == said
    # with another file in error, said with it
    (tmp_path / "content/2025/06/d.md").write_text(article(title="D", date="2025-13-01"))
    assert main(["build", "-q", "--config", config]) == 1
    assert [line for line in capsys.readouterr().err.splitlines() if "'redirects'" in line] == said
    (tmp_path / "content/2025/06/d.md").unlink()
    assert main(["build", "-q", "--config", config, "--drafts", "--future"]) == 1  # then an error, as it was
    assert "content/2025/06/a.md:4: field 'redirects': '2025/06/b/' is the address of content/2025/06/b.md: a " \
           "redirect there would hide that page." in capsys.readouterr().err


def test_every_clash_with_a_file_of_the_site_comes_with_the_other_errors(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An attacker's report: with another file in error, `digest build` said only that error; a redirect onto a
    feed, /sources/ and a publisher's page, /search/, a weekly edition, an image's smaller copy or a static or
    theme file came only in the next run, after it was fixed (`digest check` said them). So did all of them with an image
    that cannot be read."""
    from PIL import Image

    root = tmp_path / "site"
    assert main(["init", str(root)]) == 0
    (root / "static").mkdir()
    Image.new("RGB", (1200, 800), "red").save(root / "static/foto.jpg")
    old = ["feed.xml", "atom.xml", "sources/", "sources/kompas-com/", "sources/kompas-com/feed.xml", "search/", "weekly/",
           "weekly/2025-W24/", "weekly/feed.xml", "favicon.svg", "tags/ai/feed.xml", "_resized/foto-480w.jpg"]
    write_files(root, {
        "content/2025/06/b.md": article(title="B", source="{url: https://www.kompas.com/read/x}", tags="[ai]",
                                        image="/foto.jpg", image_alt="Foto", redirects=f"[{', '.join(old)}]"),
        "content/2025/06/c.md": article(title="C", slug="Berita_Lain")})
    config = str(root / "config.yaml")

    def redirect_errors() -> list[str]:
        capsys.readouterr()
        assert main(["build", "-q", "--config", config]) == 1
        return [line for line in capsys.readouterr().err.splitlines() if "a redirect there would hide" in line]

    with_other_error = redirect_errors()
    (root / "content/2025/06/c.md").write_text(article(title="C"))
    alone = redirect_errors()
    assert with_other_error == alone
    assert len(alone) == len(old)
    # an image that cannot be read stopped the build before the redirects were looked at
    write_files(root, {"static/rusak.jpg": "bukan gambar",
                       "content/2025/06/d.md": article(title="D", image="/rusak.jpg", image_alt="Rusak")})
    assert redirect_errors() == alone


def test_a_clash_with_a_feed_comes_with_two_tags_that_make_one_url(tmp_path: Path) -> None:
    """The site's files are listed by its page kinds on the way out, also when a tag left out for its clash (no
    term, no page) is still in its articles' tags."""
    assert problems(tmp_path, {"2025/06/a.md": article(title="A", tags="[A I]", redirects="[feed.xml]"),
                               "2025/06/b.md": article(title="B", tags="[a-i]")}) == [
        "content/2025/06/a.md:5: field 'redirects': 'feed.xml' is the address of a file the site still has "
        "(feed.xml); a redirect there would hide it: remove it from redirects",
        "content/2025/06/b.md:4: field 'tags': 'a-i' and 'A I' (in content/2025/06/a.md) both make the URL "
        "/tags/a-i/; use one spelling"]


def test_an_item_starting_with_a_backquote_is_one_message_whose_advice_builds(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'- `lama/' got two messages at its line: put it in double quotes ('- "`lama/"'), and that '`lama/' is not a
    usable path, which it is not in quotes either. One message, and the path it asks for builds; on a line of
    two items, the slip joins the message of its own item, not the other's."""
    make_project(tmp_path, {"2025/06/a.md": article(redirects="\n  - `lama/\n  - lama2/"),
                            "2025/06/b.md": article(title="B", redirects="[lama x, `lama3/]")})
    config = str(tmp_path / "config.yaml")
    assert main(["build", "-q", "--config", config]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "content/2025/06/a.md:5: field 'redirects': '`lama/' starts with '`', which cannot start a name in YAML, "
        "and '`lama/' is not a usable path; use letters of any script, digits, '-', '_', '.', '~', '@' and '/', such as 2025/06/old-slug/",
        "content/2025/06/b.md:4: field 'redirects': '`lama3/' starts with '`', which cannot start a name in YAML, "
        "and '`lama3/' is not a usable path; use letters of any script, digits, '-', '_', '.', '~', '@' and '/', such as 2025/06/old-slug/",
        "content/2025/06/b.md:4: field 'redirects': 'lama x' is not a usable path; use letters of any script, digits, '-', '_', "
        "'.', '~', '@' and '/', such as 2025/06/old-slug/",
        "error: 3 problems found; nothing was written"]
    write_files(tmp_path, {"content/2025/06/a.md": article(redirects="\n  - lama/\n  - lama2/"),
                           "content/2025/06/b.md": article(title="B", redirects="[lama-x, lama3/]")})
    assert main(["build", "-q", "--config", config]) == 0
    assert "/lama/ /2025/06/a/ 301" in (tmp_path / "site/_redirects").read_text().splitlines()


def test_an_old_address_with_an_at_sign_is_redirected(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'/@lama/' (a profile's address on many sites) was "not a usable path", quoted or not: an '@' is a character
    of a URL's path that a browser sends as it is. Its slip is said as any other's, and written as said, the old
    address gets its page and its rules."""
    make_project(tmp_path, {"2025/06/a.md": article(redirects="\n  - @lama/")})
    config = str(tmp_path / "config.yaml")
    assert main(["build", "-q", "--config", config]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "content/2025/06/a.md:5: field 'redirects': '@lama/' starts with '@', which cannot start a name in YAML; put "
        "it in double quotes: - \"@lama/\"", "error: 1 problem found; nothing was written"]
    write_files(tmp_path, {"content/2025/06/a.md": article(redirects='\n  - "@lama/"\n  - "/@redaksi/lama"')})
    assert main(["build", "-q", "--config", config]) == 0
    assert "https://example.org/2025/06/a/" in (tmp_path / "site/@lama/index.html").read_text()
    assert (tmp_path / "site/@redaksi/lama/index.html").is_file()
    rules = (tmp_path / "site/_redirects").read_text().splitlines()
    assert "/@lama/ /2025/06/a/ 301" in rules and "/@redaksi/lama/ /2025/06/a/ 301" in rules
    assert '    "/@lama/" "/2025/06/a/";' in (tmp_path / "site/redirects.nginx.conf").read_text().splitlines()


def test_an_old_address_in_another_script_or_percent_escaped_is_redirected_where_a_browser_asks(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An old address of a Hugo or WordPress site, '北/' or '%E5%8C%97/' (the same, as a browser sends it), was "not a
    usable path", quoted or not. It gets its page at the decoded path, which a host serves for the escaped
    address a browser asks for; the escaped one in _redirects, as the import writes it; the decoded one in the
    nginx map, as nginx's $uri holds it. A '%' that starts no escape of UTF-8 text is said so, at its line."""
    import http.server
    import threading
    import urllib.request
    make_project(tmp_path, {"2025/06/a.md": article(redirects='["%E5%8C%97/", 北/lama/, kafé.html, "%zz/", "%C3%28/"]')})
    config = str(tmp_path / "config.yaml")
    assert main(["build", "-q", "--config", config]) == 1
    escapes = "a '%' in it starts no escape of UTF-8 text (a '%' and two hex digits, such as %E5%8C%97/); write the " \
              "address readers had, such as 2025/06/old-slug/ or 北/"
    assert capsys.readouterr().err.splitlines() == [
        f"content/2025/06/a.md:4: field 'redirects': '%C3%28/' is not a usable path: {escapes}",
        f"content/2025/06/a.md:4: field 'redirects': '%zz/' is not a usable path: {escapes}",
        "error: 2 problems found; nothing was written"]
    write_files(tmp_path, {"content/2025/06/a.md": article(redirects='["%E5%8C%97/", 北/lama/, kafé.html]')})
    assert main(["build", "-q", "--config", config]) == 0
    rules = (tmp_path / "site/_redirects").read_text().splitlines()
    assert {"/%E5%8C%97/ /2025/06/a/ 301", "/%E5%8C%97/lama/ /2025/06/a/ 301", "/kaf%C3%A9.html /2025/06/a/ 301"} \
        <= set(rules)
    nginx = (tmp_path / "site/redirects.nginx.conf").read_text().splitlines()
    assert {'    "/北/" "/2025/06/a/";', '    "/北/lama" "/2025/06/a/";', '    "/kafé.html" "/2025/06/a/";'} <= set(nginx)
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    handler = partial(Quiet, directory=str(tmp_path / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        for asked in ("/%E5%8C%97/", "/%E5%8C%97/lama/", "/kaf%C3%A9.html"):
            with urllib.request.urlopen(f"http://127.0.0.1:{server.server_address[1]}{asked}") as answer:
                page = lxml.html.fromstring(answer.read())
            assert page.xpath("//meta[@http-equiv='refresh']/@content") == ["0; url=https://example.org/2025/06/a/"]
    finally:
        server.shutdown()
        server.server_close()


def test_an_item_that_is_a_list_or_mapping_is_shown_in_yaml_words(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'- lama2/: x' was told "item 2 is {'lama2/': 'x'}", Python's words; a list item's number was 31 for 0x1F."""
    make_project(tmp_path, {"2025/06/a.md": article(redirects="\n  - lama/\n  - lama2/: x\n  - [lama3/, 0x1F]")})
    assert main(["build", "-q", "--config", str(tmp_path / "config.yaml")]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "content/2025/06/a.md:6: field 'redirects': item 2 is a mapping, {lama2/: x}; write an old path such as "
        "2025/06/old-slug/",
        "content/2025/06/a.md:7: field 'redirects': item 3 is a list, [lama3/, 0x1F]; write an old path such as "
        "2025/06/old-slug/",
        "error: 2 problems found; nothing was written"]


def test_an_old_address_with_escaped_dots_or_slashes_is_told_why_as_a_host_reads_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An attacker's finding: 'lama/%2E%2E/x/' and its kin were "not a usable path: ; write x/", the reason empty,
    as the marks were looked for in the escaped text. They are said as a host reads the address."""
    make_project(tmp_path, {"2025/06/a.md": article(redirects='["lama/%2E%2E/x/", "lama/%2E/y/", "a%2F%2Fb/", '
                                                              '"lama%2F..%2Fz/", "lama/%2E%2E/"]')})
    assert main(["build", "-q", "--config", str(tmp_path / "config.yaml")]) == 1
    back = "'..' goes back a folder, which a browser does before asking"
    assert capsys.readouterr().err.splitlines() == [
        "content/2025/06/a.md:4: field 'redirects': 'a%2F%2Fb/' is not a usable path: a host reads it as 'a//b/', "
        "where '//' names no folder; write a/b/",
        f"content/2025/06/a.md:4: field 'redirects': 'lama%2F..%2Fz/' is not a usable path: a host reads it as "
        f"'lama/../z/', where {back}; write z/",
        f"content/2025/06/a.md:4: field 'redirects': 'lama/%2E%2E/' is the site's home page (a host reads it as "
        f"'lama/../', where {back}), which the site still has; a redirect there would hide it: remove it from "
        "redirects",
        f"content/2025/06/a.md:4: field 'redirects': 'lama/%2E%2E/x/' is not a usable path: a host reads it as "
        f"'lama/../x/', where {back}; write x/",
        "content/2025/06/a.md:4: field 'redirects': 'lama/%2E/y/' is not a usable path: a host reads it as "
        "'lama/./y/', where './' names no folder; write lama/y/",
        "error: 5 problems found; nothing was written"]


def test_an_old_address_is_quoted_as_written_and_a_files_length_without_index_html(tmp_path: Path) -> None:
    """An attacker's findings: 'tags/%70anduan/' was said as 'tags/panduan/', which the file does not hold; and a
    file redirect 'aaa….html' was '256 bytes as nginx reads it (with index.html)', though a file gets no
    index.html."""
    long = "a" * 250 + ".html"
    assert problems(tmp_path / "a", {"2025/06/a.md": article(tags="[panduan]", redirects='["tags/%70anduan/"]')}) == [
        "content/2025/06/a.md:5: field 'redirects': 'tags/%70anduan/' is the address of a page the site still has "
        "(tags/panduan/index.html); a redirect there would hide it: remove it from redirects"]
    make_project(tmp_path / "b", {"2025/06/b.md": article(title="B", redirects=f"[{long}]")})
    assert [str(p) for p in build_project(tmp_path / "b").warnings] == [
        f"content/2025/06/b.md:4: field 'redirects': warning: '{long}' is 256 bytes as nginx reads it, and nginx "
        "takes map keys of up to about 233 with deploy/nginx.conf's 'map_hash_bucket_size 256;' (beyond, it refuses "
        "to start): set 512 there, or leave this address out"]


@pytest.mark.parametrize("base, redirects, told", [
    ("digest", '["/digest/2025/06/lama/", "/digest/", lama/]', [
        ("/digest/2025/06/lama/", "/digest/2025/06/lama/", "write 2025/06/lama/"),
        ("/digest/", "/digest/", "the home page /digest/ is no old address: remove it")]),
    # 'beritä' is '/berit%C3%A4/' in config's form: it was compared so with the old address read from its escapes
    ("beritä", '["/beritä/2025/06/lama/", "/berit%C3%A4/x/"]', [
        ("/berit%C3%A4/x/", "/beritä/x/", "write x/"),
        ("/beritä/2025/06/lama/", "/beritä/2025/06/lama/", "write 2025/06/lama/")]),
    # the base path and the old address in the other Unicode form (composed 'ä', or 'a' and U+0308): one folder
    ("berit\u00e4", '["/berita\u0308/2024/01/lama/"]', [
        ("/berita\u0308/2024/01/lama/", "/berita\u0308/2024/01/lama/", "write 2024/01/lama/")]),
    ("berita\u0308", '["/berit\u00e4/2024/01/lama/"]', [
        ("/berit\u00e4/2024/01/lama/", "/berit\u00e4/2024/01/lama/", "write 2024/01/lama/")])])
def test_an_old_address_copied_with_the_sites_base_path_is_a_warning_with_the_path_to_write(
        tmp_path: Path, base: str, redirects: str, told: list[tuple[str, str, str]]) -> None:
    """An attacker's finding: under base_url https://example.org/digest/, '/digest/2025/06/lama/' (copied from the
    address bar) silently became /digest/digest/2025/06/lama/, a redirect no reader asks for; under /beritä/,
    '/beritä/2025/06/lama/' or '/berit%C3%A4/x/' still did."""
    make_project(tmp_path, {"2025/06/a.md": article(redirects=redirects)},
                 config=f"title: T\nbase_url: https://example.org/{base}/\n")
    assert [str(p) for p in build_project(tmp_path).warnings] == [
        f"content/2025/06/a.md:4: field 'redirects': warning: '{written}' begins with the site's base path /{base}/, "
        f"and an old address is written after it, so this one is /{base}{path}; {fix} (unless readers had "
        f"/{base}{path})" for written, path, fix in told]


def test_old_addresses_that_nginx_and_the_disks_tell_apart_are_kept_and_the_others_told_why(tmp_path: Path) -> None:
    """An attacker's findings: 'straße/' beside the page 'strasse/', and 'ﬁle/' beside 'file/', were refused as
    differing "only in letter case", "nginx matches old addresses ignoring case": nginx lower-cases ASCII only,
    and no disk folds 'ß' or 'ﬁ' ('str.casefold' did). 'kafÉ/' and 'kafé/', 'K/' (the Kelvin sign) and 'k/' are one
    folder on a macOS or Windows disk only, and 'kafé/' and 'kafe' + U+0301 on macOS only (they were two folders
    and two rules, silently): said so, not nginx's word."""
    strasse = article(title="Strasse", redirects='["2025/06/straße/", "ﬁle/", "kafÉ/", "\u212a/"]')
    b = article(title="B", redirects='[file/, kafé/, k/, "kafe\u0301/"]')
    assert problems(tmp_path / "a", {"2025/06/strasse.md": strasse, "2025/06/b.md": b}) == [
        "content/2025/06/b.md:4: field 'redirects': 'kafe\u0301/' is 'kafé/' (content/2025/06/b.md:4) in another "
        "Unicode form (kafe\\u0301/ beside kafé/): a browser asks for the form its link has, and nginx tells them "
        "apart, but a macOS disk holds one folder for both, so one redirect page would replace the other: keep one",
        *(f"content/2025/06/strasse.md:4: field 'redirects': '{a}' differs only in letter case from '{b}' (content/"
          "2025/06/b.md:4), which nginx tells apart, but a macOS or Windows disk holds one folder for both, so one "
          "redirect page would replace the other: keep one" for a, b in (("kafÉ/", "kafé/"), ("\u212a/", "k/")))]
    make_project(tmp_path / "b", {
        "2025/06/strasse.md": article(title="Strasse", redirects='["2025/06/straße/", "ﬁle/"]'),
        "2025/06/b.md": article(title="B", redirects="[file/]")})
    assert main(["build", "-q", "--config", str(tmp_path / "b/config.yaml")]) == 0
    nginx = (tmp_path / "b/site/redirects.nginx.conf").read_text().splitlines()
    assert {'    "/2025/06/straße/" "/2025/06/strasse/";', '    "/ﬁle/" "/2025/06/strasse/";',
            '    "/file/" "/2025/06/b/";'} <= set(nginx)


def test_invisible_characters_are_refused_by_name_and_a_joiner_in_a_word_is_kept(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An attacker's findings: U+3164 HANGUL FILLER and U+034F (shown as nothing) were accepted as old addresses and
    U+200B refused, with advice that named neither; the ZWNJ a Persian word needs ('می\u200cخواهم/') was refused, with
    advice to use letters, digits, '-', '_', '.' and '/' (no '~', '@' or other scripts). Every default-ignorable
    character is refused by name; U+200C and U+200D between a word's letters are kept."""
    make_project(tmp_path, {"2025/06/a.md": article(redirects='["\u3164/", "a\u034fb/", "c\u200bd/", "\u200clama/", '
                                                              '"lama x/"]')})
    assert main(["build", "-q", "--config", str(tmp_path / "config.yaml")]) == 1
    hidden = "a character shown as nothing (Unicode's default-ignorable), which an address can hold unseen; remove it"
    assert capsys.readouterr().err.splitlines() == [
        f"content/2025/06/a.md:4: field 'redirects': '\\u200clama/' has U+200C ZERO WIDTH NON-JOINER, {hidden} "
        "(between the letters of a word, as Persian and Indic words have it, it is kept)",
        f"content/2025/06/a.md:4: field 'redirects': 'a\u034fb/' has U+034F COMBINING GRAPHEME JOINER, {hidden}",
        f"content/2025/06/a.md:4: field 'redirects': 'c\\u200bd/' has U+200B ZERO WIDTH SPACE, {hidden}",
        "content/2025/06/a.md:4: field 'redirects': 'lama x/' is not a usable path; use letters of any script, "
        "digits, '-', '_', '.', '~', '@' and '/', such as 2025/06/old-slug/",
        f"content/2025/06/a.md:4: field 'redirects': '\u3164/' has U+3164 HANGUL FILLER, {hidden}",
        "error: 5 problems found; nothing was written"]
    write_files(tmp_path, {"content/2025/06/a.md": article(redirects='["می\u200cخواهم/", "क्\u200dष/"]')})
    assert main(["build", "-q", "--config", str(tmp_path / "config.yaml")]) == 0
    assert (tmp_path / "site/می\u200cخواهم/index.html").is_file() and (tmp_path / "site/क्\u200dष/index.html").is_file()


def test_a_redirect_page_in_a_folder_another_spells_in_other_letters_is_a_warning(tmp_path: Path) -> None:
    """A report: 'Lama/x/' beside 'lama/y/' (or 'Tags/lama/' beside the site's tags/) made two folders here, one on a
    macOS or Windows disk, named as the one written first: a site built there and copied to S3 or GitHub Pages,
    which tell them apart, had one redirect page under the other's spelling, and it answered 404. The rules still
    answer; the build says it, at the page written in the other letters, once."""
    make_project(tmp_path, {"2025/06/a.md": article(redirects='[Lama/x/, arsip/Café/z.html]'),
                            "2025/06/b.md": article(title="B", redirects='[lama/y/, "Tags/lama/", arsip/cafe\u0301/]')})
    result = build_project(tmp_path)
    assert [str(p) for p in result.warnings] == [
        "content/2025/06/b.md:4: field 'redirects': warning: 'Tags/lama/' is in the folder Tags/, which differs "
        "only in letter case from tags/ (a folder of the site's pages): a macOS or Windows disk holds one folder "
        "for both, named as the one written first, so a site built there and copied to a host that tells them "
        "apart (S3, GitHub Pages) has this redirect page in the other folder, where no reader asks; build and copy "
        "it on a disk that tells them apart (Linux, as CI does). _redirects and nginx's map answer it either way",
        "content/2025/06/b.md:4: field 'redirects': warning: 'arsip/cafe\u0301/' is in the folder arsip/cafe\\u0301/, "
        "which differs only in letter case and Unicode form from arsip/Café/ (the old address 'arsip/Café/z.html', "
        "content/2025/06/a.md:4): a macOS disk holds one folder for both, named as the one written first, so a site "
        "built there and copied to a host that tells them apart (S3, GitHub Pages) has this redirect page in the "
        "other folder, where no reader asks; build and copy it on a disk that tells them apart (Linux, as CI does). "
        "_redirects and nginx's map answer it either way",
        "content/2025/06/b.md:4: field 'redirects': warning: 'lama/y/' is in the folder lama/, which differs only "
        "in letter case from Lama/ (the old address 'Lama/x/', content/2025/06/a.md:4): a macOS or Windows disk "
        "holds one folder for both, named as the one written first, so a site built there and copied to a host "
        "that tells them apart (S3, GitHub Pages) has this redirect page in the other folder, where no reader asks; "
        "build and copy it on a disk that tells them apart (Linux, as CI does). _redirects and nginx's map answer "
        "it either way"]
    assert {"Lama/x/index.html", "lama/y/index.html", "Tags/lama/index.html"} <= set(result.output.files)


def test_a_redirect_folder_alike_says_what_differs_and_whose_folder_it_is(tmp_path: Path) -> None:
    """An attacker's report: the warning printed 'kafé/' beside 'kafé/' (one composed, one not: they look the same),
    and a folder of static/ was "a folder of the site's pages". The marks are escaped as the other messages do, and a
    static file's folder is named by the file."""
    make_project(tmp_path, {"2025/06/a.md": article(redirects='["kaf\u00e9/x/"]'),
                            "2025/06/b.md": article(title="B", redirects='["kafe\u0301/y/", foto/lama/]')})
    write_files(tmp_path, {"static/Foto/logo.txt": "x"})
    tail = ("disk holds one folder for both, named as the one written first, so a site built there and copied to a "
            "host that tells them apart (S3, GitHub Pages) has this redirect page in the other folder, where no reader "
            "asks; build and copy it on a disk that tells them apart (Linux, as CI does). _redirects and nginx's map "
            "answer it either way")
    assert [str(p) for p in build_project(tmp_path).warnings] == [
        "content/2025/06/a.md:4: field 'redirects': warning: 'kaf\u00e9/x/' is in the folder kaf\u00e9/, which differs "
        "only in Unicode form from kafe\\u0301/ (the old address 'kafe\u0301/y/', content/2025/06/b.md:4): a "
        f"macOS {tail}",
        "content/2025/06/b.md:4: field 'redirects': warning: 'foto/lama/' is in the folder foto/, which differs only "
        f"in letter case from Foto/ (the folder of the static file static/Foto/logo.txt): a macOS or Windows {tail}"]
