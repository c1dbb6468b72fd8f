"""Pages that are not news (content/pages/): their URL, their footer menu, and what they stay out of."""
from __future__ import annotations

import os
from pathlib import Path

import lxml.html
import pytest

from conftest import CONFIG, article, build_project, make_project, write_files
from generator.commands.check import run_check
from generator.commands.cli import main
from generator.core.errors import BuildError
from generator.core.models import BuildOptions

ABOUT = "---\ntitle: Tentang Kami\nsummary: Siapa kami.\n---\nKami merangkum berita.\n"


def site(tmp_path: Path, pages: dict[str, str], config: str = CONFIG, **options: object) -> dict[str, str]:
    make_project(tmp_path, {"2025/06/a.md": article(title="A")}, config=config)
    write_files(tmp_path, {f"content/pages/{name}": text for name, text in pages.items()})
    return {p: d.decode() for p, d in build_project(tmp_path, **options).output.files.items() if not p.endswith(".png") and not p.startswith("pagefind/")}


def test_a_page_is_served_at_its_slug_and_stays_out_of_lists_and_feeds(tmp_path: Path) -> None:
    files = site(tmp_path, {"tentang.md": ABOUT})
    page = files["tentang/index.html"]
    assert '<h1 dir="auto">Tentang Kami</h1>' in page and "<p>Kami merangkum berita.</p>" in page
    assert '<meta name="description" content="Siapa kami.">' in page
    assert "<loc>https://example.org/tentang/</loc>" in files["sitemap.xml"]
    for other in ("index.html", "feed.xml", "2025/index.html", "2025/06/index.html"):
        assert "Tentang Kami" not in files[other] and "tentang/" not in files[other]


def test_the_menu_links_pages_from_every_page_in_config_order(tmp_path: Path) -> None:
    config = CONFIG + "menu: [tentang, redaksi]\n"
    files = site(tmp_path, {"tentang.md": ABOUT, "redaksi.md": "---\ntitle: Kebijakan Redaksi\n---\nIsi.\n"}, config)
    menu = '<li><a href="/tentang/" dir="auto">Tentang Kami</a></li>\n<li><a href="/redaksi/" dir="auto">Kebijakan Redaksi</a></li>'
    for path in ("index.html", "2025/06/a/index.html", "404.html", "tags/index.html"):
        assert menu in files[path], path
    assert '<a href="/tentang/" aria-current="page" dir="auto">Tentang Kami</a>' in files["tentang/index.html"]


def test_a_page_listed_twice_in_the_menu_is_linked_once_with_a_warning(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/a.md": article(title="A")}, config=CONFIG + "menu: [tentang, redaksi, tentang]\n")
    write_files(tmp_path, {"content/pages/tentang.md": ABOUT, "content/pages/redaksi.md": "---\ntitle: Redaksi\n---\nx\n"})
    result = build_project(tmp_path)
    assert [str(p) for p in result.warnings] == [
        "config.yaml:3: field 'menu': warning: 'tentang' is listed twice; the footer links it once, in its first place: "
        "remove the other"]
    assert result.output.files["index.html"].decode().count('href="/tentang/"') == 1


def test_a_menu_entry_without_a_page_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(BuildError) as e:
        site(tmp_path, {"tentang.md": ABOUT}, CONFIG + "menu: [tentang, kontak]\n")
    assert [str(p) for p in e.value.problems] == [
        "config.yaml:3: field 'menu': 'kontak' is not a page in content/pages/; pages: tentang"]


def test_a_menu_entry_for_a_draft_page_says_it_is_a_draft(tmp_path: Path) -> None:
    """An editor's report: it said "'tentang' is not a page in content/pages/" while content/pages/tentang.md was
    right there, with 'draft: true'."""
    with pytest.raises(BuildError) as e:
        site(tmp_path, {"tentang.md": "---\ntitle: Tentang\ndraft: true\n---\nIsi.\n"}, CONFIG + "menu: [tentang]\n")
    assert [str(p) for p in e.value.problems] == [
        "config.yaml:3: field 'menu': 'tentang' is a draft (content/pages/tentang.md has 'draft: true'), so the "
        "footer cannot link it; publish it with 'draft: false', or remove it from menu until then"]


def test_a_menu_entry_for_a_page_with_an_error_is_no_error_of_its_own(tmp_path: Path) -> None:
    """A tester's report: "'tentang' is not a page in content/pages/; pages: kontak" came with the page's own error,
    and led to deleting the menu entry."""
    with pytest.raises(BuildError) as e:
        site(tmp_path, {"tentang.md": "---\ntitle: Tentang\nslug: Bad Slug\n---\nIsi.\n", "kontak.md": ABOUT},
             CONFIG + "menu: [tentang, kontak]\n")
    assert [p.path for p in e.value.problems] == ["content/pages/tentang.md"]
    assert [f.problem.path for f in run_check(tmp_path / "config.yaml", BuildOptions()).findings] == [
        "content/pages/tentang.md"]  # check too, which plans the site without the loaded problems
    # a page whose slug: line gives its address, and its file another name
    (tmp_path / "content/pages/tentang.md").unlink()
    write_files(tmp_path, {"content/pages/about.md": "---\ntitle: About\nslug: tentang\ndraft: maybe\n---\nIsi.\n"})
    assert [f.problem.path for f in run_check(tmp_path / "config.yaml", BuildOptions()).findings] == [
        "content/pages/about.md"]
    # and one whose file name is not its slug as written ('Tentang Kami.md' is tentang-kami)
    (tmp_path / "content/pages/about.md").rename(tmp_path / "content/pages/Tentang Kami.md")
    (tmp_path / "config.yaml").write_text(CONFIG + "menu: [tentang-kami, kontak]\n")
    assert [f.problem.path for f in run_check(tmp_path / "config.yaml", BuildOptions()).findings] == [
        "content/pages/Tentang Kami.md"]


@pytest.mark.parametrize("name, text, expected", [
    ("a.md", "---\nsummary: x\n---\nIsi.\n",
     "content/pages/a.md:1: field 'title': is required; add a line 'title: ...' to the front matter"),
    ("tags.md", ABOUT, "content/pages/tags.md:1: field 'slug': 'tags' is reserved for the site's own pages; "
                       "rename the file or set another 'slug:'"),
    ("x.md", "---\ntitle: X\nslug: archive\n---\nIsi.\n",
     "content/pages/x.md:3: field 'slug': /archive/ is one of the site's own folders; rename the file or set "
     "another 'slug:'"),
    ("2024.md", ABOUT, "content/pages/2024.md:1: field 'slug': /2024/ is one of the site's own folders; rename the "
                       "file or set another 'slug:'"),
    ("plain.md", "Isi tanpa judul.\n", "content/pages/plain.md:1: no front matter: start the file with a line '---', "
                                      "then the fields (title: ...), then another line '---'"),
])
def test_bad_pages_are_errors_with_their_line(tmp_path: Path, name: str, text: str, expected: str) -> None:
    with pytest.raises(BuildError) as e:
        site(tmp_path, {name: text})
    assert expected in [str(p) for p in e.value.problems]


def test_a_yaml_slip_hides_none_of_the_pages_other_problems(tmp_path: Path) -> None:
    """The slip in the title was the one message; the bad draft and the misspelt slug came once it was quoted."""
    with pytest.raises(BuildError) as e:
        site(tmp_path, {"tentang.md": "---\ntitle: Tentang: kami\nslgu: tentang\ndraft: yes\n---\nIsi.\n"})
    assert [str(p) for p in e.value.problems] == [
        "content/pages/tentang.md:2: field 'title': has ': ' in it, which YAML reads as the start of another key; put "
        "the whole value in double quotes: title: \"Tentang: kami\"",
        "content/pages/tentang.md:3: field 'slgu': warning: unknown field for a page, ignored; did you mean 'slug'?",
        "content/pages/tentang.md:4: field 'draft': must be true or false, got 'yes'; write draft: true or draft: "
        "false"]


def test_a_slip_whose_value_goes_on_below_is_told_one_line_for_both_and_hides_no_later_slip(tmp_path: Path) -> None:
    """'summary: Kami: redaksi' over '  dan tim' was told 'summary: "Kami: redaksi"' (which, followed, dropped 'dan
    tim' and was "did not find expected key"), and the slips below it were said only in later runs."""
    lines = ["---", "title: Tentang", "summary: Kami: redaksi", "  dan tim", "author: A: b", "---", "Isi.", ""]
    with pytest.raises(BuildError) as e:
        site(tmp_path, {"tentang.md": "\n".join(lines)})
    assert [str(p) for p in e.value.problems] == [
        "content/pages/tentang.md:3: field 'summary': has ': ' in it, which YAML reads as the start of another key; "
        "put the whole value in double quotes, on one line, in place of lines 3 to 4: summary: \"Kami: redaksi dan tim\"",
        "content/pages/tentang.md:5: field 'author': has ': ' in it, which YAML reads as the start of another key; put "
        "the whole value in double quotes: author: \"A: b\"",
        "content/pages/tentang.md:5: field 'author': warning: unknown field for a page, ignored; known fields: title, "
        "summary, slug, draft, redirects, lang"]
    lines[2:5] = ['summary: "Kami: redaksi dan tim"', 'author: "A: b"']  # as the messages say
    pages = site(tmp_path, {"tentang.md": "\n".join(lines)})
    assert '<meta name="description" content="Kami: redaksi dan tim">' in pages["tentang/index.html"]


def test_a_slip_in_a_field_hides_none_of_that_fields_own_problems(tmp_path: Path) -> None:
    """A slip was the one message of its field: 'slgu: Tentang: kami' was told to quote its value, and only the next
    run that 'slgu' is no field; so with a slug that is no slug, a draft that is not true or false, and a redirect
    written as a mapping under an '@' item's slip. A redirect that is none in quotes either ('`lama/') is told so
    with its slip, in one message."""
    pages = {"tentang.md": "---\ntitle: Tentang\nslgu: Tentang: kami\ndraft: ya: tidak\nredirects:\n  - `lama/\n"
                           "  - lama2/: x\n---\nIsi.\n",
             "kontak.md": "---\ntitle: Kontak\nslug: kontak: kami\n---\nIsi.\n"}
    slips = [  # what following the slips' advice leaves is what the next run says: nothing new, nothing lost; a
        # slug and a draft that are none in quotes either are told what the field takes, not the quotes
        "content/pages/kontak.md:3: field 'slug': has ': ' in it, which YAML reads as the start of another key, and "
        "'kontak: kami' is not a valid slug; use lowercase letters, digits and single hyphens, like 'meta-scale-ai'",
        "content/pages/tentang.md:3: field 'slgu': has ': ' in it, which YAML reads as the start of another key; put "
        "the whole value in double quotes: slgu: \"Tentang: kami\"",
        "content/pages/tentang.md:4: field 'draft': has ': ' in it, which YAML reads as the start of another key, and "
        "must be true or false, got 'ya: tidak'; write draft: true or draft: false",
        "content/pages/tentang.md:6: field 'redirects': '`lama/' starts with '`', which cannot start a name in YAML, "
        "and '`lama/' is not a usable path; use letters of any script, digits, '-', '_', '.', '~', '@' and '/', such as 2025/06/old-slug/"]
    own = [
        "content/pages/kontak.md:3: field 'slug': 'kontak: kami' is not a valid slug; use lowercase letters, digits "
        "and single hyphens, like 'meta-scale-ai'",
        "content/pages/tentang.md:3: field 'slgu': warning: unknown field for a page, ignored; did you mean 'slug'?",
        "content/pages/tentang.md:4: field 'draft': must be true or false, got 'ya: tidak'; write draft: true or "
        "draft: false",
        "content/pages/tentang.md:6: field 'redirects': '`lama/' is not a usable path; use letters of any script, digits, '-', '_', "
        "'.', '~', '@' and '/', such as 2025/06/old-slug/",
        "content/pages/tentang.md:7: field 'redirects': item 2 is a mapping, {lama2/: x}; write an old path such as "
        "2025/06/old-slug/"]
    with pytest.raises(BuildError) as e:
        site(tmp_path, pages)
    assert sorted(str(p) for p in e.value.problems) == sorted(slips + own[1:2] + own[4:])
    # written as the slips' messages say, the pages are told the rest, the same words
    pages = {"tentang.md": "---\ntitle: Tentang\nslgu: \"Tentang: kami\"\ndraft: \"ya: tidak\"\nredirects:\n"
                           "  - \"`lama/\"\n  - lama2/: x\n---\nIsi.\n",
             "kontak.md": "---\ntitle: Kontak\nslug: \"kontak: kami\"\n---\nIsi.\n"}
    with pytest.raises(BuildError) as e:
        site(tmp_path, pages)
    assert sorted(str(p) for p in e.value.problems) == sorted(own)


def test_an_embed_or_unusable_image_on_a_page_is_removed_with_a_warning(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/a.md": article(title="A")})
    write_files(tmp_path, {"content/pages/peta.md": "---\ntitle: Peta\n---\nKantor kami:\n\n"
                                                     "<iframe src=\"https://maps.example/x\"></iframe>\n\n"
                                                     "Denah: <img src=\"images/denah.png\" alt=\"Denah\">\n"})
    result = build_project(tmp_path)
    assert [str(p) for p in result.warnings] == [
        "content/pages/peta.md:6: warning: <iframe> removed with everything inside: a digest's pages and feeds keep "
        "no embeds, scripts, styles, form fields or inline SVG; link to what it shows instead",
        "content/pages/peta.md:8: warning: <img src=\"images/denah.png\"> removed: a raw <img> needs an address from "
        "the site's root or https://; for static/images/denah.png write src=\"/images/denah.png\""]
    assert "iframe" not in result.output.files["peta/index.html"].decode()


def test_a_date_on_a_page_is_a_warning_not_an_article(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/a.md": article(title="A")})
    write_files(tmp_path, {"content/pages/tentang.md": "---\ntitle: T\ndate: 2025-01-01\n---\nIsi.\n"})
    result = build_project(tmp_path)
    assert [str(w) for w in result.warnings] == [
        "content/pages/tentang.md:3: field 'date': warning: pages have no date, so it is ignored; remove it, "
        "or move the file out of pages/ if it is news"]
    assert result.articles == 1


def test_a_draft_page_appears_only_with_drafts(tmp_path: Path) -> None:
    draft = "---\ntitle: Segera\ndraft: true\n---\nIsi.\n"
    assert "segera/index.html" not in site(tmp_path, {"segera.md": draft})
    assert "segera/index.html" in site(tmp_path, {"segera.md": draft}, drafts=True)


def test_a_page_renders_with_the_sites_markdown_options(tmp_path: Path) -> None:
    """An English site's page gets English labels on its heading anchors, like its articles."""
    config = CONFIG + "language: en\n"
    files = site(tmp_path, {"tentang.md": "---\ntitle: About\n---\n## Who we are\n\nText.\n"}, config)
    assert 'aria-label="Link to this section"' in files["tentang/index.html"]


def test_pages_follow_the_content_folders_rules_for_links_and_sub_folders(tmp_path: Path) -> None:
    """A page is read only from content/pages/ itself (its URL is one segment); a linked file only if it points
    inside content/; a linked folder is not entered. Each left-out file is named, none silently dropped."""
    outside = write_files(tmp_path / "outside", {"rahasia.md": "---\ntitle: Rahasia\n---\nDi luar proyek.\n",
                                                 "tim/orang.md": "---\ntitle: Orang\n---\nx\n"})
    project = tmp_path / "p"
    make_project(project, {"2025/06/a.md": article(title="A")})
    write_files(project, {"content/pages/tim/orang.md": "---\ntitle: Tim\n---\nKami.\n",
                          "content/pages/gambar/logo.png": "not markdown",  # a sub-folder without Markdown: quiet
                          "content/bahan/kontak.txt": "---\ntitle: Kontak\n---\nTulis ke kami.\n"})
    pages = project / "content" / "pages"
    os.symlink(outside / "rahasia.md", pages / "rahasia.md")
    os.symlink(outside / "tim", pages / "orang")
    os.symlink(project / "content" / "bahan" / "kontak.txt", pages / "kontak.md")  # inside content/: read
    with pytest.raises(BuildError) as caught:
        build_project(project)
    assert [str(p) for p in caught.value.problems] == [
        "content/pages/orang: warning: is a symbolic link to a folder and is not followed; move the folder into "
        "content/ instead",
        "content/pages/rahasia.md: is a symbolic link to a file outside content/, which is never read; copy the file "
        "into content/ instead",
        "content/pages/tim: warning: is a folder inside content/pages/, whose sub-folders are not read, so the "
        "Markdown files in it are left out; a page is a file directly in content/pages/ (its URL is one segment): "
        "move the files up, renaming any that clash"]
    os.unlink(pages / "rahasia.md")
    files = build_project(project).output.files
    assert "<p>Tulis ke kami.</p>" in files["kontak/index.html"].decode()
    assert not any(name.startswith(("tim/", "orang/", "rahasia/")) for name in files)


def test_a_linked_pages_folder_is_not_read_and_says_so(tmp_path: Path) -> None:
    outside = write_files(tmp_path / "outside", {"tentang.md": ABOUT})
    project = tmp_path / "p"
    make_project(project, {"2025/06/a.md": article(title="A")})
    os.symlink(outside, project / "content" / "pages")
    result = build_project(project)
    assert [str(p) for p in result.warnings] == [
        "content/pages: warning: is a symbolic link to a folder and is not followed; move the folder into content/ "
        "instead"]
    assert "tentang/index.html" not in result.output.files


def test_a_pages_field_named_as_hugo_names_it_is_told_this_sites_name(tmp_path: Path) -> None:
    """A maintainer's report: Hugo's 'aliases' and 'description' on a page got the list of known fields, while
    the same on an article was told 'redirects' and 'summary'."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A"),
                            "pages/kontak.md": "---\ntitle: Kontak\ndescription: Hubungi kami\naliases: [/hubungi/]\n"
                                               "---\nIsi.\n"})
    assert [str(p) for p in build_project(tmp_path).warnings] == [
        "content/pages/kontak.md:3: field 'description': warning: unknown field for a page, ignored; this site calls "
        "it 'summary'",
        "content/pages/kontak.md:4: field 'aliases': warning: unknown field for a page, ignored; this site calls it "
        "'redirects'"]


def test_a_page_in_another_language_says_it_and_keeps_the_themes_words_in_the_sites(tmp_path: Path) -> None:
    """An English "About" page on an Indonesian site: 'lang: en' was 'unknown field for a page, ignored', and the
    page said lang="id"; now it takes lang: as an article does, and the footer's link to it says it too."""
    pages = {"about.md": "---\ntitle: About us\nlang: EN\n---\nWe are a small team.\n",
             "kontak.md": "---\ntitle: اتصل بنا\nlang: ar\n---\nاكتب لنا.\n",
             "tentang.md": "---\ntitle: Tentang Kami\nlang: id\n---\nKami.\n"}
    files = site(tmp_path, pages, CONFIG + "menu: [about, kontak, tentang]\n")
    about = lxml.html.fromstring(files["about/index.html"])
    assert (about.get("lang"), about.get("dir")) == ("en", None)
    assert about.xpath("//meta[@property='og:locale']/@content") == ["en_US"]
    for part in ("//a[@class='skip']", "//header[@class='site']", "//footer[@class='site']"):
        assert [(e.get("lang"), e.get("dir")) for e in about.xpath(part)] == [("id", None)], part
    kontak = lxml.html.fromstring(files["kontak/index.html"])
    assert (kontak.get("lang"), kontak.get("dir")) == ("ar", "rtl")
    assert [(e.get("lang"), e.get("dir")) for e in kontak.xpath("//header[@class='site']")] == [("id", "ltr")]
    assert files["tentang/index.html"].startswith('<!doctype html>\n<html lang="id">\n')
    assert '<header class="site">' in files["tentang/index.html"]
    assert ('<li><a href="/about/" lang="en" dir="auto">About us</a></li>\n<li><a href="/kontak/" lang="ar" '
            'dir="rtl">اتصل بنا</a></li>\n<li><a href="/tentang/" dir="auto">Tentang Kami</a></li>') in files["index.html"]


def test_a_pages_lang_that_is_no_language_is_an_error_at_its_line(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    make_project(tmp_path, {"2025/06/a.md": article(title="A")})
    write_files(tmp_path, {"content/pages/about.md": "---\ntitle: About us\nlang: english\n---\nWe.\n",
                           "content/pages/kontak.md": "---\ntitle: Kontak\nlang: Bahasa Arab\n---\nIsi.\n"})
    assert main(["build", "-q", "--config", str(tmp_path / "config.yaml")]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "content/pages/about.md:3: field 'lang': 'english' is not a language tag; did you mean 'en'? lang takes a "
        "BCP 47 tag, like en, zh-Hans or ar",
        "content/pages/kontak.md:3: field 'lang': 'Bahasa Arab' is not a language tag; did you mean 'ar'? lang takes "
        "a BCP 47 tag, like en, zh-Hans or ar",
        "error: 2 problems found; nothing was written"]
    assert not (tmp_path / "site").exists()


@pytest.mark.parametrize("body", [
    "## First\n\nOne.\n\n## Second\n\nTwo.\n",  # rendered by markdown-it-pyrs
    "## First\n\nOne.[^1]\n\n## Second\n\nTwo.\n\n[^1]: A note.\n",  # footnotes: by markdown-it-py
], ids=["fast", "footnotes"])
def test_the_themes_words_in_a_pages_body_in_another_language_say_the_sites(tmp_path: Path, body: str) -> None:
    """A ``lang: en`` page's body was rendered without its language, so the labels the renderer adds ("Daftar isi",
    "Tautan ke bagian ini", the footnotes') were read with English rules; they say ``lang="id"`` as an article's do,
    the page's own words stay in its language, and a page in the site's language has no ``lang`` in its body."""
    config = CONFIG + "markdown:\n  toc_min_headings: 2\n"
    files = site(tmp_path, {"about.md": "---\ntitle: About us\nlang: en\n---\n" + body,
                            "tentang.md": "---\ntitle: Tentang\n---\n" + body}, config)

    def lang(element: lxml.html.HtmlElement) -> str | None:
        return next((e.get("lang") for e in (element, *element.iterancestors()) if e.get("lang")), None)
    (main,) = lxml.html.fromstring(files["about/index.html"]).xpath("//div[@class='body']")
    labelled = main.xpath(".//*[@aria-label]")
    assert {el.get("aria-label"): lang(el) for el in labelled} == {label: "id" for label in (
        "Daftar isi", "Tautan ke bagian ini", *(("Catatan kaki 1", "Kembali ke teks catatan 1", "Catatan kaki")
                                                if "[^1]" in body else ()))}
    assert len(labelled) == (3 if "[^1]" not in body else 6)
    words = main.xpath(".//nav[@class='toc']//a | .//h2 | .//li[@class='footnote-item']/p")
    assert len(words) == (4 if "[^1]" not in body else 5) and {lang(el) for el in words} == {"en"}
    (own,) = lxml.html.fromstring(files["tentang/index.html"]).xpath("//div[@class='body']")
    assert own.xpath(".//nav[@aria-label='Daftar isi']") and not own.xpath(".//*[@lang]")
