"""`digest check`: the curator's checks on small fixture sites, with the exact findings and JSON."""
from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest
from PIL import Image

from conftest import CONFIG, article, build_project, damage_pages, make_project, write_files
from generator.build import BuildOptions
from generator.commands import check as check_module
from generator.commands.check import MentionFinder, article_facts, is_home_page, source_key, run_check
from generator.core.errors import BuildError, Problem
from generator.load.config import load_config
from generator.write.publish import publish
from generator.load.registry import load_registry

COMPANIES = """\
amazon:
  name: Amazon
  aliases: [AWS, Amazon Web Services]
goto:
  name: GoTo
  aliases: [Gojek, Tokopedia]
meta:
  name: Meta
  aliases: [Facebook]
skoda:
  name: Škoda
bukalapak:
  name: Bukalapak
  aliases: [BUKA]
"""

CURATOR_SITE = {
    "2025/06/a.md": """\
        ---
        title: Gojek perluas layanan cloud
        date: 2025-06-01T09:00:00+07:00
        source:
          name: Reuters
          url: https://Reuters.com/tech/gojek/?utm_source=rss&id=7
        tags: [AI, Cloud, GoTo]
        companies: [GoTo]
        section: Asia
        ---
        Layanan baru itu berjalan di atas infrastruktur milik
        AWS, menurut perusahaan.

        Kata aws dalam huruf kecil dan Amazonia bukan nama perusahaan.
        """,
    "2025/06/b.md": """\
        ---
        title: Meta rilis model baru
        date: 2025-06-02T09:00:00+07:00
        source:
          name: Reuters
          url: https://reuters.com/tech/gojek?id=7
        tags: [ai, Model]
        companies: [Meta, Amazon]
        section: Asia
        ---
        Facebook merilis model itu; lihat [liputan sebelumnya](../a/) dan [arsip](/2025/06/tidak-ada/).
        """,
    "2025/06/c.md": """\
        ---
        title: Tokopedia tambah fitur
        date: 2025-06-03T09:00:00+07:00
        tags: [AI, cloud, go-to]
        companies: [GoTo]
        section: Eropa
        ---
        Fitur baru untuk penjual.
        """,
}


def check_json(root: Path, **options: object) -> dict[str, object]:
    report = run_check(root / "config.yaml", BuildOptions(**options))  # type: ignore[arg-type]
    return json.loads(json.dumps(report.to_json(), sort_keys=True))


def test_curator_checks_find_mentions_duplicates_tag_variants_links_and_hints(tmp_path: Path) -> None:
    make_project(tmp_path, CURATOR_SITE, companies=COMPANIES)
    assert check_json(tmp_path) == {
        "articles": 3,
        "problems": [
            {"code": "missed-mention", "column": None, "field": "companies", "line": 12, "path": "content/2025/06/a.md",
             "severity": "warning",
             "message": "the body mentions Amazon (as 'AWS'), but companies does not list it; add 'Amazon' to companies"},
            {"code": "duplicate-source", "column": None, "field": "source.url", "line": 6, "path": "content/2025/06/b.md",
             "severity": "warning",
             "message": "same source as content/2025/06/a.md (https://Reuters.com/tech/gojek/?utm_source=rss&id=7); "
                        "is this item a duplicate? If not, link the original article itself"},
            {"code": "tag-variant", "column": None, "field": "tags", "line": 7, "path": "content/2025/06/b.md",
             "severity": "warning",
             "message": "tag 'ai' is spelled 'AI' in 2 other articles (such as content/2025/06/a.md); use one spelling"},
            {"code": "unmentioned-company", "column": None, "field": "companies", "line": 8, "path": "content/2025/06/b.md",
             "severity": "warning",
             "message": "'Amazon' is listed but never mentioned in the title, summary or body (nor as 'AWS', "
                        "'Amazon Web Services'); mention it, or remove it from companies"},
            {"code": "single-company", "column": None, "field": "companies", "line": 8, "path": "content/2025/06/b.md",
             "severity": "hint", "message": "company 'Amazon' has only this article"},
            {"code": "single-company", "column": None, "field": "companies", "line": 8, "path": "content/2025/06/b.md",
             "severity": "hint", "message": "company 'Meta' has only this article"},
            {"code": "broken-link", "column": None, "field": "", "line": 11, "path": "content/2025/06/b.md",
             "severity": "error",
             "message": "the link '/2025/06/tidak-ada/' points at /2025/06/tidak-ada/, which is not a page or file of "
                        "the site; fix the address"},
            {"code": "tag-variant", "column": None, "field": "tags", "line": 4, "path": "content/2025/06/c.md",
             "severity": "warning",
             "message": "tag 'cloud' is spelled 'Cloud' in 1 other article (such as content/2025/06/a.md); use one spelling"},
            {"code": "tag-variant", "column": None, "field": "tags", "line": 4, "path": "content/2025/06/c.md",
             "severity": "warning",
             "message": "tag 'go-to' is spelled 'GoTo' in 1 other article (such as content/2025/06/a.md); use one spelling"},
            {"code": "single-section", "column": None, "field": "section", "line": 6, "path": "content/2025/06/c.md",
             "severity": "hint", "message": "section 'Eropa' has only this article; check its spelling (the others: Asia)"},
        ],
        "summary": {"errors": 1, "hints": 3, "warnings": 6},
    }


@pytest.mark.parametrize("base_url", ["https://example.org/", "https://example.org/digest/"])
def test_the_image_field_is_a_path_on_the_site_not_relative_to_the_article(tmp_path: Path, base_url: str) -> None:
    """'image: images/p.png' and 'image: /images/p.png' both name static/images/p.png, as the page shows it;
    only an image that no file gives is reported, at the field's line, with the path it would have."""
    make_project(tmp_path, {
        "2025/06/a.md": article(title="A", image="images/p.png", image_alt="Foto"),
        "2025/06/b.md": article(title="B", image="/images/p.png", image_alt="Foto"),
        "2025/06/c.md": article(title="C", image="/gambar/tidak-ada.png", image_alt="Foto"),
    }, config=f"title: T\nbase_url: {base_url}\nlanguage: id\n")
    (tmp_path / "static/images").mkdir(parents=True)
    Image.new("RGB", (60, 40), "red").save(tmp_path / "static/images/p.png")
    problems = check_json(tmp_path)["problems"]
    assert [p for p in problems if p["field"] == "image"] == [  # type: ignore[index]
        {"code": "build", "column": None, "field": "image", "line": 4, "path": "content/2025/06/c.md",
         "severity": "warning", "message": "gambar/tidak-ada.png is not a file in static/, so the article would show a "
                                           "broken image; put the file at static/gambar/tidak-ada.png"}]


def test_tag_variants_are_not_urls_that_clash_and_may_be_in_one_article(tmp_path: Path) -> None:
    """'C#' and 'C++' are different tags whose URLs clash (/tags/c/): the build's error, with no variant warning
    besides; two spellings in one article are a variant 'in this article too', not 'in 1 other article'."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A", tags="[C#, C++]"),
                            "2025/06/b.md": article(title="B", tags="[GoTo, go-to]")})
    problems = check_json(tmp_path)["problems"]
    assert [(p["path"], p["code"], p["message"]) for p in problems] == [  # type: ignore[index, union-attr]
        ("content/2025/06/a.md", "build", "'C++' and 'C#' (in content/2025/06/a.md) both make the URL /tags/c/; "
                                          "give one its own URL in config.yaml, like 'slugs: {\"C++\": c-plus-plus}', "
                                          "or use one spelling if they are one thing"),
        ("content/2025/06/b.md", "tag-variant", "tag 'go-to' is spelled 'GoTo' in this article too; use one spelling"),
    ]


def test_a_section_and_tag_with_no_url_in_an_erring_article_are_found_with_its_error(tmp_path: Path) -> None:
    """As digest build says them: the article's own error keeps it out of the index, which said the rest only once
    that error was fixed."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A", companies='["🤖"]', section='"🚀"', tags='["!!!"]')})
    assert [(p["line"], p["field"]) for p in check_json(tmp_path)["problems"]] == [  # type: ignore[index, union-attr]
        (4, "companies"), (5, "section"), (6, "tags")]


def test_names_with_no_url_in_and_out_of_the_index_share_one_slugs_line_and_the_links_are_still_checked(
        tmp_path: Path) -> None:
    """As digest build says them: an article with an error of its own ('🚀') and a published one ('!') name each
    other in one slugs: line; and with the erring article's alone, the other articles' links are checked past it,
    as before."""
    broken = article(title="C", body="Lihat [arsip](/2025/06/tidak-ada/).\n")
    make_project(tmp_path, {"2025/06/a.md": article(title="A", companies='["🤖"]', section='"🚀"'),
                            "2025/06/b.md": article(title="B", tags='["!"]'), "2025/06/c.md": broken})
    line = "like 'slugs: {\"!\": exclamation-mark, \"🚀\": rocket}' (one line for both names)"
    found = [(p["path"], p["line"], p["message"]) for p in check_json(tmp_path)["problems"]]  # type: ignore[index]
    assert [(path, at, message.rpartition("its own URL in config.yaml, ")[2]) for path, at, message in found
            if "make a URL" in message and "🤖" not in message] == [
        ("content/2025/06/a.md", 5, line), ("content/2025/06/b.md", 4, line)]
    make_project(tmp_path / "alone", {"2025/06/a.md": article(title="A", companies='["🤖"]', tags='["!!!"]'),
                                      "2025/06/c.md": broken})
    found = [(p["path"], p["line"]) for p in check_json(tmp_path / "alone")["problems"]]  # type: ignore[index]
    assert found == [("content/2025/06/a.md", 4), ("content/2025/06/a.md", 5), ("content/2025/06/c.md", 5)]


def test_a_clash_and_names_with_no_url_in_and_out_of_the_index_share_one_slugs_line(tmp_path: Path) -> None:
    """As digest build says them: 'C++' on the URL of 'C#', a published '🚀' and an erring article's '!!!' were
    advised two 'slugs: {...}' lines, which added as written are "field 'slugs': is defined twice"."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A", tags='[C++, "🚀"]'),
                            "2025/06/b.md": article(title="B", tags="[C#]"),
                            "2025/06/c.md": article(title="C", date="2025-13-01", tags='["!!!"]')})
    line = "like 'slugs: {\"C++\": c-plus-plus, \"!!!\": exclamation-mark, \"🚀\": rocket}' (one line for all 3 names)"
    found = [(p["path"], p["message"]) for p in check_json(tmp_path)["problems"]]  # type: ignore[index]
    assert [(path, line in message) for path, message in found if "URL" in message] == [
        ("content/2025/06/a.md", True), ("content/2025/06/a.md", True), ("content/2025/06/c.md", True)]


def test_tags_given_their_own_urls_are_not_variants_of_each_other(tmp_path: Path) -> None:
    """With 'C#' at its own URL (config.yaml `slugs:`) the build is happy, and check no longer calls 'C#' a
    misspelling of 'C++'; 'go-to' still is one of 'GoTo'."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A", tags="[C#, C++, Go To]"),
                            "2025/06/b.md": article(title="B", tags="[C++, GoTo, go-to, Go To]")},
                 config=CONFIG + "slugs: {C#: csharp, Go To: go-to-2}\n")
    assert [(p["path"], p["code"], p["message"]) for p in check_json(tmp_path)["problems"]] == [  # type: ignore
        ("content/2025/06/b.md", "tag-variant", "tag 'go-to' is spelled 'GoTo' in this article too; use one spelling")]


def test_a_source_url_python_cannot_read_is_the_builds_error_not_a_traceback(tmp_path: Path) -> None:
    """`digest build` published 'https://example.com:99999/…' and `digest check` died reading its port."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A", source="https://example.com:99999/berita/1")})
    assert [(p["line"], p["code"], p["severity"]) for p in check_json(tmp_path)["problems"]] == [  # type: ignore
        (4, "build", "error")]


def test_a_clean_site_has_no_findings(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/a.md": article(title="Gojek tumbuh", companies="[GoTo]")}, companies=COMPANIES)
    assert check_json(tmp_path) == {"articles": 1, "problems": [], "summary": {"errors": 0, "hints": 0, "warnings": 0}}


def test_what_build_rejects_is_reported_next_to_the_curator_checks(tmp_path: Path) -> None:
    make_project(tmp_path, {
        "a.md": article(title="Soal AWS", date="2025-13-01"),
        "b.md": article(title="Soal AWS", companies="[Amazn]"),
    }, companies=COMPANIES)
    problems = [(p["path"], p["line"], p["code"], p["severity"], p["message"]) for p in check_json(tmp_path)["problems"]]
    assert [p[:4] for p in problems] == [
        ("content/a.md", 3, "build", "error"),
        ("content/b.md", 2, "missed-mention", "warning"),
        ("content/b.md", 4, "build", "warning"),
    ]
    assert problems[0][4].startswith("'2025-13-01' is not a valid date")
    assert problems[1][4] == "the title mentions Amazon (as 'AWS'), but companies does not list it; add 'Amazon' to companies"
    assert problems[2][4].startswith("'Amazn' is not in content/companies.yaml; did you mean 'Amazon'?")


def test_a_broken_config_or_registry_ends_the_check_with_its_problems(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article()}, config=CONFIG + "titel: x\n")
    assert check_json(tmp_path)["problems"] == [
        {"code": "config", "column": None, "field": "titel", "line": 3, "path": "config.yaml", "severity": "error",
         "message": "unknown key; did you mean 'title'?"}]
    make_project(tmp_path, {}, companies="meta: {nama: Meta}\n")
    assert [p["code"] for p in check_json(tmp_path)["problems"]] == ["registry", "registry"]


def test_a_broken_template_is_named_with_its_line(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article()})
    write_files(tmp_path, {"templates/article.html": '{% extends "theme/article.html" %}\n'
                                                     "{% block main %}\n<p>{{ artikel.title }}</p>\n{% endblock %}\n"})
    assert check_json(tmp_path)["problems"] == [
        {"code": "build", "column": None, "field": "", "line": 3, "path": "templates/article.html", "severity": "error",
         "message": "template error: 'artikel' is undefined; fix the template, or remove your override of it"}]


def test_links_are_checked_under_the_base_path_and_against_what_is_published(tmp_path: Path) -> None:
    make_project(tmp_path, {
        "2025/06/a.md": article(body="[b](../b/) [b tanpa garis](/digest/2025/06/b) [rumah](https://example.org/digest/) "
                                     "[luar](/2025/06/b/) [draf](../d/) [web](https://example.com/) [surel](mailto:a@b.c) "
                                     "[#](#atas)\n\n![gambar](/digest/static/hilang.png)\n"),
        "2025/06/b.md": article(title="B"),
        "2025/06/d.md": article(title="D", draft="true"),
    }, config="title: T\nbase_url: https://example.org/digest/\n")
    found = [(p["line"], p["message"].split(",")[0]) for p in check_json(tmp_path)["problems"]]
    assert found == [
        (5, "the link '../d/' points at /digest/2025/06/d/"),
        (5, "the link '/2025/06/b/' points at /2025/06/b/"),
        # a folder without its '/': 'digest check --links' counted it broken, and digest check passed it
        (5, "the link '/digest/2025/06/b' points at the folder /digest/2025/06/b without its '/': write "
            "/digest/2025/06/b/"),
        (7, "the image '/digest/static/hilang.png' points at /digest/static/hilang.png"),  # the build's warning
    ]
    assert [p["line"] for p in check_json(tmp_path, drafts=True)["problems"]] == [5, 5, 7]


def test_a_link_to_an_articles_file_names_its_address(tmp_path: Path) -> None:
    """Hugo's `ref` and Zola's `@/` link an article by its file; here a link is an address, so a link to a
    file (from this file's folder, from content/, or from the root) is broken: the finding names the address."""
    make_project(tmp_path, {
        "2025/06/a.md": article(title="A"),
        "2025/07/b.md": article(title="B", date="2025-07-01T09:00:00+07:00",
                                body="[a](../06/a.md) [a lagi](2025/06/a.md#latar) [a juga](/content/2025/06/a.md)\n\n"
                                     "[hilang](../06/tidak-ada.md) [hilang juga](/digest/2025/06/hilang/)\n"),
    }, config="title: T\nbase_url: https://example.org/digest/\n")
    found = sorted((p["line"], p["message"].split("; ", 1)[1]) for p in check_json(tmp_path)["problems"])
    assert found == [
        (5, "a Markdown file is not its page's address: link /digest/2025/06/a/ (content/2025/06/a.md)"),
        (5, "a Markdown file is not its page's address: link /digest/2025/06/a/ (content/2025/06/a.md)"),
        (5, "a Markdown file is not its page's address: link /digest/2025/06/a/#latar (content/2025/06/a.md)"),
        (7, "fix the address"),  # it starts with /digest/: the hint was told to a link that met it
        (7, "fix the address (internal links start with /digest/ or are relative to this article)")]


def test_a_link_to_a_drafts_or_future_articles_file_names_the_page_it_will_have(tmp_path: Path) -> None:
    """An editor linking next week's article by its file got nothing from `digest build` and "fix the address"
    from `digest check`. Both now say the page's address and why it is not on the site yet; with --drafts the
    draft's page exists, so only the file link is wrong."""
    body = "Lihat [rancangan](draf.md) dan [besok](../07/besok.md).\n"
    make_project(tmp_path, {
        "2025/06/a.md": article(title="A", body=body),
        "2025/06/draf.md": article(title="Draf", date="2025-06-15T09:00:00+07:00", draft="true"),
        "2025/07/besok.md": article(title="Besok", date="2099-07-02T10:30:00+07:00"),
    })
    tail = "names a Markdown file, which readers cannot open; link its page's address:"
    draft = ("/2025/06/draf/ (content/2025/06/draf.md), which readers can open once it is published: it is "
             "a draft (draft: true)")
    future = ("/2099/07/besok/ (content/2025/07/besok.md), which readers can open once it is published: it "
              "is dated 2099-07-02 10:30, still to come")
    now = datetime(2025, 6, 20, tzinfo=timezone.utc)
    warnings = [str(p) for p in build_project(tmp_path, now=now).warnings if "Markdown file" in p.message]
    assert warnings == [f"content/2025/06/a.md:5: warning: the link '../07/besok.md' {tail} {future}",
                        f"content/2025/06/a.md:5: warning: the link 'draf.md' {tail} {draft}"]
    found = sorted(p["message"].split("; ", 1)[1] for p in check_json(tmp_path, now=now)["problems"]
                   if p["code"] == "broken-link")
    assert found == [f"a Markdown file is not its page's address: link {draft}",
                     f"a Markdown file is not its page's address: link {future}"]
    found = sorted(p["message"].split("; ", 1)[1] for p in check_json(tmp_path, drafts=True, now=now)["problems"]
                   if p["code"] == "broken-link")
    assert found == ["a Markdown file is not its page's address: link /2025/06/draf/ (content/2025/06/draf.md)",
                     f"a Markdown file is not its page's address: link {future}"]


def test_a_link_to_a_drafts_or_future_articles_address_says_why_it_is_not_there_yet(tmp_path: Path) -> None:
    """`digest check` told an editor linking a draft's file to "link /2025/06/draf/", then called that very link
    "not a page or file of the site; fix the address" (a scheduled article's too)."""
    make_project(tmp_path, {
        "2025/06/a.md": article(title="A", body="Lihat [rancangan](/2025/06/draf/), [besok](../../../2099/07/besok) dan "
                                                "[kontak](/kontak/index.html).\n"),
        "2025/06/draf.md": article(title="Draf", date="2025-06-15T09:00:00+07:00", draft="true"),
        "2025/07/besok.md": article(title="Besok", date="2099-07-02T10:30:00+07:00"),
    })
    write_files(tmp_path, {"content/pages/kontak.md": "---\ntitle: Kontak\ndraft: true\n---\nSurel kami.\n"})
    found = sorted(p["message"] for p in check_json(tmp_path, now=datetime(2025, 6, 20, tzinfo=timezone.utc))["problems"]
                   if p["code"] == "broken-link")
    assert found == [
        "the link '../../../2099/07/besok' points at /2099/07/besok, the page of content/2025/07/besok.md, which readers "
        "can open once it is published: it is dated 2099-07-02 10:30, still to come",
        "the link '/2025/06/draf/' points at /2025/06/draf/, the page of content/2025/06/draf.md, which readers can "
        "open once it is published: it is a draft (draft: true)",
        "the link '/kontak/index.html' points at /kontak/index.html, the page of content/pages/kontak.md, which "
        "readers can open once it is published: it is a draft (draft: true)"]


def test_a_link_to_an_article_that_has_an_error_is_a_hint_not_a_broken_link(tmp_path: Path) -> None:
    """A YAML slip in a.md made b.md's right link to /2025/06/a/ an error, "fix the address", in a file with
    nothing wrong (the count of errors up by one)."""
    make_project(tmp_path, {
        "2025/06/a.md": "---\ntitle: Meta: akuisisi\ndate: 2025-06-10\n---\n\nIsi A.\n",
        "2025/06/b.md": article(title="B", body="Lihat [A](/2025/06/a/) dan [C](/2025/06/c/).\n")})
    found = [(p["severity"], p["path"], p["line"], p["message"]) for p in check_json(tmp_path)["problems"]
             if p["code"] in ("build", "broken-link")]
    assert [f[:3] for f in found] == [("error", "content/2025/06/a.md", 2), ("hint", "content/2025/06/b.md", 5),
                                      ("error", "content/2025/06/b.md", 5)]
    assert found[1][3] == ("the link '/2025/06/a/' points at /2025/06/a/, the page of content/2025/06/a.md once its "
                           "error (line 2) is fixed; nothing to change here")
    assert found[2][3].startswith("the link '/2025/06/c/' points at /2025/06/c/, which is not a page or file")
    # its address as its own date and slug: lines still read, not its folder and name; a link without its '/'
    # stays a finding, as it will be once the error is fixed
    write_files(tmp_path, {
        "content/2025/06/c.md": "---\ntitle: C\ndate: 2025-07-03T10:00:00+07:00\nsummary: [\n---\nIsi.\n",
        "content/2025/06/d.md": "---\ntitle: D\ndate: 2025-06-03\nslug: dee\ntags: {\n---\nIsi.\n",
        "content/2025/06/b.md": article(title="B", body="[c](/2025/07/c/) [c6](/2025/06/c/) [d](/2025/06/dee/) "
                                                        "[d6](/2025/06/d/) [a](/2025/06/a)\n")})
    found = sorted((p["severity"], p["message"].split(" points at ")[0]) for p in check_json(tmp_path)["problems"]
                   if p["code"] == "broken-link")
    assert found == [("error", "the link '/2025/06/a'"), ("error", "the link '/2025/06/c/'"),
                     ("error", "the link '/2025/06/d/'"), ("hint", "the link '/2025/06/dee/'"),
                     ("hint", "the link '/2025/07/c/'")]


def test_check_says_a_published_article_was_made_a_draft_as_build_does(tmp_path: Path) -> None:
    """The build warned that a published article made a draft took its page (and readers' links) away; check
    dropped the warning, as it drops a draft's other warnings, which wait for --drafts."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A"), "2025/06/b.md": article(title="B")})
    publish(load_config(tmp_path / "config.yaml"), BuildOptions(), tmp_path / "site", use_cache=True)
    (tmp_path / "content/2025/06/a.md").write_text(article(title="A", draft="true"))
    found = [(p["path"], p["field"], p["severity"], p["message"][:40]) for p in check_json(tmp_path)["problems"]
             if p["message"].startswith("the site had")]
    assert found == [("content/2025/06/a.md", "draft", "hint", "the site had it at /2025/06/a/; it is a ")]


def test_a_link_to_a_draft_pages_file_names_the_page_it_will_have(tmp_path: Path) -> None:
    """An article linked the contact page's file while the page was a draft: `digest build` said nothing (a
    published page's file link was warned of) and `digest check` said "fix the address"."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body="Tulis ke [redaksi](../../pages/kontak.md).\n")})
    write_files(tmp_path, {"content/pages/kontak.md": "---\ntitle: Kontak\ndraft: true\n---\nSurel kami.\n"})
    fix = ("link its page's address: /kontak/ (content/pages/kontak.md), which readers can open once it is published: "
           "it is a draft (draft: true)")
    assert [str(p) for p in build_project(tmp_path).warnings if "Markdown" in p.message] == [
        f"content/2025/06/a.md:5: warning: the link '../../pages/kontak.md' names a Markdown file, which readers "
        f"cannot open; {fix}"]
    assert [p["message"].split("; ", 1)[1] for p in check_json(tmp_path)["problems"] if p["code"] == "broken-link"] == [
        "a Markdown file is not its page's address: " + fix.replace("link its page's address: ", "link ")]


def test_build_warns_and_check_errs_of_a_missing_markdown_file_and_a_missing_video_alike(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A tester's report: `digest build` warned of a <video> whose file no one put in static/, while `digest check`
    failed on it; a link to a Markdown file that does not exist (`[x](lain.md)`) failed `digest check`, while the
    build said nothing. Both are a 404 on the published site: the build warns of both, at their lines, with what to
    write, and check fails on both (once each, without --strict); a '.md' that static/ gives is a file like any."""
    from generator.commands.cli import main
    body = ("Baca [lain](lain.md), [yang ini](/2025/06/b-bru.md) dan [panduan](/docs/panduan.md).\n\n"
            '<video src="/media/klip.mp4" controls></video>\n')
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body=body), "2025/06/b-baru.md": article(title="B")})
    write_files(tmp_path, {"static/docs/panduan.md": "Panduan.\n"})
    config = str(tmp_path / "config.yaml")
    path = "content/2025/06/a.md"
    link = ("names no article's or page's file, and points at {}, which is not a page or file of the site, so readers "
            "get a broken link; {}")
    video = ("the <video> address '/media/klip.mp4' points at /media/klip.mp4, which is not a file of the site, so "
             "readers get a player that cannot load it; put the file at static/media/klip.mp4")
    assert main(["build", "--config", config]) == 0
    assert capsys.readouterr().err.splitlines() == [
        f"{path}:5: warning: the link '/2025/06/b-bru.md' " + link.format("/2025/06/b-bru.md", "did you mean /2025/06/b-baru/?"),
        f"{path}:5: warning: the link 'lain.md' " + link.format(
            "/2025/06/a/lain.md", "link the address of the page you mean (/YYYY/MM/slug/ for an article), not a "
                                  "Markdown file"),
        f"{path}:7: warning: {video}"]
    assert main(["check", "--config", config]) == 1
    assert capsys.readouterr().out.splitlines()[:-1] == [
        f"{path}:5: the link '/2025/06/b-bru.md' points at /2025/06/b-bru.md, which is not a page or file of the site; did you "
        "mean /2025/06/b-baru/?",
        f"{path}:5: the link 'lain.md' points at /2025/06/a/lain.md, which is not a page or file of the site; fix the "
        "address (internal links start with / or are relative to this article)",
        f"{path}:7: the <video> address '/media/klip.mp4' points at /media/klip.mp4, which is not a page or file of "
        "the site; fix the address"]


def test_a_videos_or_sounds_address_is_checked_as_a_link_is(tmp_path: Path) -> None:
    """A tester's report: a broken <video>, <audio> or <source> address was published without a word from check;
    only 'check --links site' found it. The README says their addresses follow the links' rules."""
    body = ('Video <video src="media/klip.mp4"></video> di sini.\n\n<video src="/media/ada.mp4" '
            'poster="/media/sampul.jpg"></video>\n\n<audio><source src="/media/tidak-ada.mp3"></audio>\n\n'
            '<audio src="/media/ada.mp3"></audio>\n')
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body=body)})
    write_files(tmp_path, {"static/media/klip.mp4": "x", "static/media/ada.mp4": "x", "static/media/ada.mp3": "x"})
    found = sorted((p["line"], p["message"]) for p in check_json(tmp_path)["problems"])
    assert found == [
        (5, "the <video> address 'media/klip.mp4' points at /2025/06/a/media/klip.mp4, which is not a page or file "
            "of the site; fix the address (internal links start with / or are relative to this article)"),
        (7, "the <video> poster '/media/sampul.jpg' points at /media/sampul.jpg, which is not a page or file of the "
            "site; fix the address"),
        (9, "the <source> address '/media/tidak-ada.mp3' points at /media/tidak-ada.mp3, which is not a page or file "
            "of the site; fix the address")]


def test_words_of_an_attribute_value_are_no_link_to_check(tmp_path: Path) -> None:
    """`<p title="Catatan>Baca <a href="…">laporan</a> dan <span id="b">ini</span>.</p>` (a quote forgotten: the title
    runs to 'href=') made check report 'the link '>laporan dan <span id=' points at …', a link the page has not: the
    body's links were found by 'href="' anywhere in its HTML, a value's words too (found by an attacker). They are
    read tag by tag, attribute by attribute; a <video> whose title ends 'src=' likewise."""
    body = ('<p title="Catatan>Baca <a href="https://example.org/laporan">laporan</a> dan <span id="b">ini</span>.</p>'
            '\n\n<video title="a src=" src="/media/ada.mp4"></video>\n\nLihat [tautan](/tidak-ada/).\n')
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body=body)})
    write_files(tmp_path, {"static/media/ada.mp4": "x"})
    found = sorted((p["line"], p["message"]) for p in check_json(tmp_path)["problems"] if p["severity"] == "error")
    assert found == [(9, "the link '/tidak-ada/' points at /tidak-ada/, which is not a page or file of the site; "
                         "fix the address")]


def named_addresses(root: Path, body: str) -> list[tuple[int, str]]:
    """(line, what the broken address is called and the address) of an article with ``body``."""
    make_project(root, {"2025/06/a.md": article(title="A", body=body)})
    return sorted((p["line"], p["message"].split(" points")[0]) for p in check_json(root)["problems"]
                  if p["path"] == "content/2025/06/a.md")


def test_an_address_a_link_and_a_video_share_is_named_a_link(tmp_path: Path) -> None:
    """A broken video address was called 'the link'; one a link writes too still is, and a page's video is named."""
    body = '[klip](/media/klip.mp4)\n\n<video src="/media/klip.mp4"></video>\n'
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body=body)})
    write_files(tmp_path, {"content/pages/tentang.md": '---\ntitle: Tentang\n---\n<audio src="/x.ogg"></audio>\n'})
    found = sorted((p["path"], p["line"], p["message"].split(" points")[0]) for p in check_json(tmp_path)["problems"])
    assert found == [("content/2025/06/a.md", 5, "the link '/media/klip.mp4'"),
                     ("content/2025/06/a.md", 7, "the <video> address '/media/klip.mp4'"),
                     ("content/pages/tentang.md", 4, "the <audio> address '/x.ogg'")]
    # each line is named by what writes the address there: one kind for every line said a <source> was a link
    body = ('<video poster="/m/sampul.jpg" controls>\n<source src="/m/klip.webm" '
            'type="video/webm">\n</video>\n\n[juga](/m/klip.webm) dan <video src="/m/sampul.jpg"></video>\n')
    assert named_addresses(tmp_path, body) == [(5, "the <video> poster '/m/sampul.jpg'"),
                     (6, "the <source> address '/m/klip.webm'"), (9, "the <video> address '/m/sampul.jpg'"),
                     (9, "the link '/m/klip.webm'")]
    # a tag over several lines was 'the link' when a link had the address too; an address raw HTML writes with
    # '&amp;' was said at the body's first line
    body = ('Pembuka.\n\n<video\n  src="/m/dua.mp4"\n  controls>\n</video>\n\nJuga [tonton](/m/dua.mp4).\n\n'
            '<audio src="/m/a?x=1&amp;y=2"></audio>\n')
    assert named_addresses(tmp_path, body) == [(8, "the <video> address '/m/dua.mp4'"), (12, "the link '/m/dua.mp4'"),
                     (14, "the <audio> address '/m/a?x=1&y=2'")]
    # a video and a link of one address on one line were one finding, named by the video: each gets its own
    body = '<video src="/m/x.mp4"></video> lihat [tonton](/m/x.mp4)\n'
    assert named_addresses(tmp_path, body) == [(5, "the <video> address '/m/x.mp4'"), (5, "the link '/m/x.mp4'")]


def test_links_in_pages_and_weekly_notes_are_checked_too(tmp_path: Path) -> None:
    """An about page and an editor's note linked to nothing, and only articles' links were checked. A note's links
    are read as on its edition's page; a page's link to an article's file names the article's address."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A")})
    write_files(tmp_path, {
        "content/pages/tentang.md": "---\ntitle: Tentang\n---\nLihat [arsip](/arsip/), [A](../2025/06/a.md) "
                                    "dan [arsip](/archive/).\n",
        "content/weekly/2025-W24.md": "Baca [A](../../2025/06/a/) dan [lama](../2025-W23/).\n"})
    found = sorted((p["path"], p["line"], p["message"]) for p in check_json(tmp_path)["problems"])
    assert found == [
        ("content/pages/tentang.md", 4, "the link '../2025/06/a.md' points at /2025/06/a.md, which is not a page or "
                                        "file of the site; a Markdown file is not its page's address: link /2025/06/a/ "
                                        "(content/2025/06/a.md)"),
        ("content/pages/tentang.md", 4, "the link '/arsip/' points at /arsip/, which is not a page or file of the "
                                        "site; fix the address"),  # it starts with '/': no hint to start it so
        ("content/weekly/2025-W24.md", 1, "the link '../2025-W23/' points at /weekly/2025-W23/, which is not a page "
                                          "or file of the site; fix the address (internal links start with / or are "
                                          "relative to this page)")]


@pytest.mark.parametrize("text, found", [
    ("Amazon Web Services dan AWS", {"amazon": "Amazon Web Services"}),
    ("aws, Aws, AWSome", {}),
    ("AMAZON dan GOJEK", {"amazon": "AMAZON", "goto": "GOJEK"}),
    ("Tokopedia's seller; ÜberTokopedia; Tokopedia2", {"goto": "Tokopedia"}),
    ("ŠKODA dan škoda", {"skoda": "ŠKODA"}),
    ("Facebook\nMeta", {"meta": "Facebook"}),
    # an alias in capitals is a ticker: "OpenAI Buka Kantor" (opens an office) named Bukalapak, failing --strict
    ("OpenAI Buka Kantor di Jakarta; toko buka", {}),
    ("Saham BUKA naik; Bukalapak", {"bukalapak": "BUKA"}),
])
def test_mentions_are_whole_words_case_blind_except_short_names(tmp_path: Path, text: str, found: dict[str, str]) -> None:
    write_files(tmp_path, {"companies.yaml": COMPANIES})
    assert MentionFinder(load_registry(tmp_path / "companies.yaml", "companies.yaml")).find(text) == found


@pytest.mark.parametrize("a, b", [
    ("https://Example.COM/news/1/", "https://example.com/news/1"),
    ("HTTP://example.com/news/1?utm_source=x&utm_medium=y&id=2", "https://example.com/news/1?id=2"),
    ("https://example.com:443/a#section", "https://example.com/a"),
])
def test_source_urls_compare_after_normalising(a: str, b: str) -> None:
    assert source_key(a) == source_key(b)


@pytest.mark.parametrize("a, b", [
    ("https://example.com/News/1", "https://example.com/news/1"),
    ("https://example.com/news/1?id=2", "https://example.com/news/1?id=3"),
])
def test_source_urls_that_stay_different(a: str, b: str) -> None:
    assert source_key(a) != source_key(b)


def test_a_source_that_is_only_a_home_page_is_a_warning_on_each_article(tmp_path: Path) -> None:
    source = "{{name: {0}, url: '{1}'}}".format
    make_project(tmp_path, {
        "2025/06/a.md": article(title="A", source=source("Reuters", "https://www.reuters.com/")),
        "2025/06/b.md": article(title="B", source=source("Reuters", "https://reuters.com")),
        "2025/06/c.md": article(title="C", source=source("Tempo", "https://www.tempo.co/?utm_source=x")),
        "2025/06/d.md": article(title="D", source=source("Blog", "https://blog.example.com/?p=12")),
        "2025/06/e.md": article(title="E", source=source("Apple", "https://www.apple.com/newsroom/")),
        "2025/06/f.md": article(title="F", source=source("CNBC", "https://www.cnbc.com/2025/06/14/a.html")),
    })
    problems = check_json(tmp_path)["problems"]
    assert [(p["path"], p["line"], p["field"], p["severity"], p["code"], p["message"]) for p in problems] == [
        ("content/2025/06/a.md", 4, "source.url", "warning", "home-page-source",
         "'https://www.reuters.com/' is the home page of Reuters, not an article; link the article this item is based on"),
        ("content/2025/06/b.md", 4, "source.url", "warning", "home-page-source",
         "'https://reuters.com' is the home page of Reuters, not an article; link the article this item is based on"),
        ("content/2025/06/c.md", 4, "source.url", "warning", "home-page-source",
         "'https://www.tempo.co/?utm_source=x' is the home page of Tempo, not an article; "
         "link the article this item is based on"),
    ]


def test_a_shared_home_page_is_reported_once_per_article_not_as_a_duplicate(tmp_path: Path) -> None:
    reuters = "{name: Reuters, url: 'https://www.reuters.com/'}"
    make_project(tmp_path, {"2025/06/a.md": article(title="A", source=reuters),
                            "2025/06/b.md": article(title="B", source=reuters.replace("www.", "WWW."))})
    assert [(p["path"], p["code"], p["severity"]) for p in check_json(tmp_path)["problems"]] == [
        ("content/2025/06/a.md", "home-page-source", "warning"),
        ("content/2025/06/b.md", "home-page-source", "warning"),
    ]


@pytest.mark.parametrize("url, home", [
    ("https://www.reuters.com/", True),
    ("https://www.reuters.com", True),
    ("http://Example.COM:8080/", True),
    ("https://example.com/#top", True),
    ("https://example.com/?utm_source=rss", True),
    ("https://example.com/?p=12", False),
    ("https://example.com/news/", False),
    ("https://example.com/a.html", False),
])
def test_what_counts_as_a_home_page(url: str, home: bool) -> None:
    assert is_home_page(url) is home


def test_body_images_without_alt_text_are_warnings_at_their_line(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/a.md": article(body=(
        "![Rapat direksi](https://example.org/a.png)\n\n"
        "Teks dengan ![](https://example.org/b.png) di tengah.\n\n"
        '<figure><img src="https://example.org/c.png"></figure>\n\n'
        "![ ](https://example.org/b.png)\n"))})
    problems = [p for p in check_json(tmp_path)["problems"] if p["code"] == "missing-alt"]
    assert [(p["line"], p["severity"], p["message"]) for p in problems] == [
        (7, "warning", "the image 'https://example.org/b.png' has no alt text; describe it for readers who cannot "
                       "see it: ![what the image shows](address) or <img alt=\"...\">"),
        (9, "warning", "the image 'https://example.org/c.png' has no alt text; describe it for readers who cannot "
                       "see it: ![what the image shows](address) or <img alt=\"...\">"),
        (11, "warning", "the image 'https://example.org/b.png' has no alt text; describe it for readers who cannot "
                        "see it: ![what the image shows](address) or <img alt=\"...\">"),
    ]


# --- the caches: a check reports the same whatever state .cache/ is in --------------------------

WARNED_SITE = {
    **CURATOR_SITE,
    "2025/06/d.md": """\
        ---
        title: Skoda dan Amazn
        date: 2025-06-04T09:00:00+07:00
        tags: [Mobil]
        companies: [Amazn]
        section: Asia
        image: /gambar/tidak-ada.png
        image_alt: Pabrik mobil
        ---
        Pabrik baru Škoda.

        Foto ![](https://example.org/foto.png) di pabrik.
        """,
}
"""Warnings and errors in several files: the build's own (an unknown company), every curator check,
and broken links (errors, but only check reports them, so the site still builds)."""


def cold_check(root: Path, tmp_path: Path, name: str, **options: object) -> dict[str, object]:
    """What a check says of the same project with no .cache/ and no site/ (a copy, as paths are relative)."""
    copy = tmp_path / name
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".cache", "site"))
    return check_json(copy, **options)


def publish_site(root: Path) -> None:
    """`digest build`: the site and the build cache."""
    publish(load_config(root / "config.yaml"), BuildOptions(), root / "site")


def site_state(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file of site/ with its bytes and mtime, to show a check left it alone."""
    return {p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted((root / "site").rglob("*")) if p.is_file()}


def no_planning(*args: object) -> object:
    raise AssertionError("the check planned the site although nothing changed since the last build")


def test_a_check_after_a_build_reads_the_caches_and_reports_what_a_cold_check_does(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(tmp_path / "site-project", WARNED_SITE, companies=COMPANIES)
    cold = cold_check(root, tmp_path, "cold")
    codes = {p["code"] for p in cold["problems"]}  # type: ignore[union-attr]
    assert {"build", "missed-mention", "unmentioned-company", "duplicate-source", "tag-variant", "broken-link",
            "missing-alt", "single-company", "single-section"} <= codes
    publish_site(root)
    before = site_state(root)
    with monkeypatch.context() as m:
        m.setattr(check_module, "_plan", no_planning)
        assert check_json(root) == cold  # the check cache is empty: facts found, then saved
        assert (root / ".cache" / "check.sqlite").is_file()
        m.setattr(check_module, "_facts", no_planning)
        assert check_json(root) == cold  # nothing changed since that check: its report is replayed
    assert site_state(root) == before
    edited = root / "content/2025/06/c.md"
    edited.write_text(edited.read_text().replace("tags: [AI, cloud, go-to]", "tags: [AI, Cloud, goto, ai]"))
    publish_site(root)
    cold = cold_check(root, tmp_path, "cold-after-edit")
    with monkeypatch.context() as m:
        m.setattr(check_module, "_plan", no_planning)
        searched: list[str] = []
        m.setattr(check_module, "article_facts", lambda src, finder: searched.append(src.article.source_path)
                  or article_facts(src, finder))
        assert check_json(root) == cold  # the build's state, and the cached facts of the files not edited
        assert searched == ["content/2025/06/c.md"]


def test_a_replayed_check_still_follows_now(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {
        "2025/06/a.md": article(body="Lihat [berikutnya](/2025/07/b/).\n"),
        "2025/07/b.md": article(title="B", date="2025-07-01T09:00:00+07:00")})
    before, after = datetime(2025, 6, 15, tzinfo=timezone.utc), datetime(2025, 7, 2, tzinfo=timezone.utc)
    publish(load_config(root / "config.yaml"), BuildOptions(now=before), root / "site")
    for now in (before, before, after, after, before):
        warm = check_json(root, now=now)
        assert warm == cold_check(root, tmp_path, f"cold-{now:%m%d}-{len(list(tmp_path.iterdir()))}", now=now)
        assert [p["code"] for p in warm["problems"]] == (["broken-link"] if now == before else [])  # type: ignore[index]


def test_after_editing_one_file_a_warm_check_reports_what_a_cold_check_does(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", WARNED_SITE, companies=COMPANIES)
    publish_site(root)
    check_json(root)
    edited = root / "content/2025/06/b.md"
    # two lines more before everything: every finding in b.md moves down, and the source is no longer shared
    edited.write_text(edited.read_text().replace("title: Meta rilis model baru\n",
                                                 "title: Meta rilis model baru\nsummary: Model AWS.\nauthor: Ani\n")
                      .replace("tech/gojek?id=7", "tech/meta"))
    warm = check_json(root)
    assert warm == cold_check(root, tmp_path, "cold")
    lines = {(p["path"], p["code"], p["line"]) for p in warm["problems"]}  # type: ignore[union-attr]
    assert ("content/2025/06/b.md", "tag-variant", 9) in lines
    assert not any(p["code"] == "duplicate-source" for p in warm["problems"])  # type: ignore[union-attr]
    edited.write_text(edited.read_text().replace("date: 2025-06-02T09:00:00+07:00", "date: 2025-06-31"))
    assert check_json(root) == cold_check(root, tmp_path, "cold-error")  # a build error: the site is planned


def test_a_site_that_does_not_build_is_checked_the_same_with_a_warm_check_cache(tmp_path: Path) -> None:
    root = make_project(tmp_path / "p", {**WARNED_SITE, "2025/06/e.md": article(date="2025-13-01"),
                                         "2025/06/f.md": article(title="Soal AWS", tags="[ai, ai")},
                        companies=COMPANIES)
    first = check_json(root)
    assert first["summary"]["errors"] >= 2  # type: ignore[index]
    assert (root / ".cache" / "check.sqlite").is_file()
    assert check_json(root) == first == cold_check(root, tmp_path, "cold")


@pytest.mark.parametrize("damage", ["garbage", "empty", "rows", "other-version", "folder"])
def test_a_corrupt_cache_is_a_miss_and_the_findings_stay_the_same(tmp_path: Path, damage: str) -> None:
    root = make_project(tmp_path / "p", WARNED_SITE, companies=COMPANIES)
    publish_site(root)
    check_json(root)
    cache = root / ".cache"
    if damage == "garbage":
        for name in ("build.sqlite", "check.sqlite"):
            (cache / name).write_bytes(b"not a database" * 100)
    elif damage == "empty":
        for name in ("build.sqlite", "check.sqlite"):
            (cache / name).write_bytes(b"")
    elif damage == "rows":  # rows of the wrong shape, and a row about another file
        with sqlite3.connect(cache / "check.sqlite") as db:
            keys = [k for (k,) in db.execute("SELECT key FROM facts ORDER BY key")]
            db.execute("UPDATE facts SET value = ? WHERE key = ?", (b'{"@":"ArticleFacts"}', keys[0]))
            db.execute("UPDATE facts SET value = ? WHERE key = ?", (b"\xff", keys[1]))
            other = db.execute("SELECT value FROM facts WHERE key = ?", (keys[3],)).fetchone()[0]
            db.execute("UPDATE facts SET value = ? WHERE key = ?", (other, keys[2]))
        with sqlite3.connect(cache / "build.sqlite") as db:
            db.execute("UPDATE meta SET value = ? WHERE key = 'live_files'", (b"[1]",))
    elif damage == "other-version":
        for name in ("build.sqlite", "check.sqlite"):
            with sqlite3.connect(cache / name) as db:
                db.execute("UPDATE meta SET value = 'old' WHERE key = 'format'")
    else:  # a folder where the check cache belongs: it cannot be read or written
        (cache / "check.sqlite").unlink()
        (cache / "check.sqlite").mkdir()
    expected = cold_check(root, tmp_path, "cold")
    assert check_json(root) == expected
    assert check_json(root) == expected  # and again, with whatever the first one saved


def test_a_damaged_check_cache_is_replaced_not_reported(tmp_path: Path) -> None:
    """A check cache that opens but whose pages are damaged ("malformed") is written afresh: no note, and
    the next check reads its facts."""
    from generator.commands.check_cache import load_facts
    root = make_project(tmp_path, {"a.md": article(title="Soal AWS")}, companies=COMPANIES)
    run_check(root / "config.yaml", BuildOptions())
    damage_pages(root / ".cache" / "check.sqlite")
    assert load_facts(root / ".cache") == {}
    report = run_check(root / "config.yaml", BuildOptions())
    assert [f.code for f in report.findings] == ["missed-mention"]
    assert report.notes == ()
    assert len(load_facts(root / ".cache")) == 1


def test_a_first_check_after_a_build_reads_the_bodies_one_at_a_time_and_copes_with_lost_ones(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With nothing changed since the build, the check takes the articles from the build cache: their heads at
    once, each body when its facts are gathered (a first check at 100,000 articles held every row, 2.26 GB).
    A body lost from the cache is parsed again; one that cannot be (its file changed since) makes the check
    plan the site afresh, with the same findings."""
    from generator.load.incremental import CachedBodies
    root = make_project(tmp_path / "p", WARNED_SITE, companies=COMPANIES)
    publish_site(root)
    expected = cold_check(root, tmp_path, "cold", workers=1)
    reads: list[str] = []
    read = CachedBodies._read
    monkeypatch.setattr(CachedBodies, "_read", lambda self, key: reads.append(key) or read(self, key))
    with sqlite3.connect(root / ".cache" / "build.sqlite") as db:
        keys = [k for (k,) in db.execute("SELECT key FROM bodies ORDER BY key")]
        db.execute("DELETE FROM bodies WHERE key = ?", (keys[0],))
    assert check_json(root, workers=1) == expected
    assert sorted(set(reads)) == keys, "every body read from the cache when asked for, the lost one too"
    (root / ".cache" / "check.sqlite").unlink()
    lost = CachedBodies.__call__
    failed: list[str] = []

    def once(self: CachedBodies, article: object) -> bytes:
        if not failed:  # as if the row were gone and the file edited since the check read the cache
            failed.append("x")
            raise BuildError([Problem("content/x.md", 0, "", "the file changed while the site was being built")])
        return lost(self, article)
    monkeypatch.setattr(CachedBodies, "__call__", once)
    assert check_json(root, workers=1) == expected and failed


def test_a_check_cache_that_cannot_be_saved_is_a_note_not_a_finding(tmp_path: Path) -> None:
    root = make_project(tmp_path, {"a.md": article(title="Soal AWS")}, companies=COMPANIES)
    write_files(root, {".cache/check.sqlite/x": "a folder in the way"})
    report = run_check(root / "config.yaml", BuildOptions())
    assert [f.code for f in report.findings] == ["missed-mention"]
    assert len(report.notes) == 1 and report.notes[0].startswith("note: the check cache could not be saved")


def test_a_check_after_an_edit_renders_only_changed_pages_even_with_search_on(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The search index needs every article page; check makes no index, so it renders what changed only."""
    from generator.render.plan import Renderer
    root = make_project(tmp_path / "p", {f"2025/06/{n}.md": article(title=f"Berita {n}", date=f"2025-06-1{n}")
                                         for n in range(4)})
    assert load_config(root / "config.yaml").search
    publish_site(root)
    (root / "content/2025/06/2.md").write_text(article(title="Berita 2", date="2025-06-12", body="Isi baru.\n"))
    rendered: list[str] = []
    real = Renderer.__call__
    monkeypatch.setattr(Renderer, "__call__", lambda self, spec: rendered.append(spec.path) or real(self, spec))
    check_json(root)
    assert [p for p in rendered if p.startswith("2025/06/") and p.count("/") == 3] == ["2025/06/2/index.html"]


def test_a_broken_link_is_found_at_every_line_that_writes_it_and_only_there(tmp_path: Path) -> None:
    """`digest check` put a repeated broken link at its first line as many times as it was used, and a link in a
    code span or inside a longer address took the place of the real one; and a link the build also warns of is
    said once, as the broken link."""
    from test_pages import LINES_BODY
    make_project(tmp_path, {"2025/05/meta.md": article(title="Meta", date="2025-05-01"),
                            "2025/05/café-baru.md": article(title="Kafe", date="2025-05-02"),
                            "2025/07/baru.md": article(title="Baru", date="2025-07-02"),
                            "2025/07/kode.md": article(title="Kode", date="2025-07-01", body=LINES_BODY)},
                 config="title: T\nbase_url: https://example.org/digest/\n")
    found = sorted((p["line"], p["code"], p["message"].split(" ")[2]) for p in check_json(tmp_path)["problems"]
                   if p["path"] == "content/2025/07/kode.md")
    assert found == [(5, "build", "'/images/a.png'"), (7, "broken-link", "'../05/meta.md'"),
                     (9, "broken-link", "'../05/café-baru.md'"), (9, "broken-link", "'../05/meta.md'"),
                     (15, "broken-link", "'baru.md'"), (17, "build", "'/images/a.png'")]


def test_a_link_near_an_old_address_is_told_the_page_it_leads_to(tmp_path: Path) -> None:
    """A maintainer's report: a broken link nearest to an article's or a page's old address (``redirects:``) was
    told 'did you mean' that redirect page; it is told the page itself, in a check that plans the site and in one
    that takes the last build's files."""
    make_project(tmp_path, {
        "2025/06/meta-baru.md": article(title="Meta", redirects="[2025/06/meta-scale-ai/]"),
        "pages/tentang-kami.md": "---\ntitle: Tentang\nredirects: [tentang-redaksi/]\n---\nKami.\n",
        "2025/07/b.md": article(title="B", date="2025-07-01T09:00:00+07:00",
                                body="[a](/digest/2025/06/meta-scale-aj/) [b](/digest/tentang-redaksl/)\n"),
    }, config="title: T\nbase_url: https://example.org/digest/\n")
    for _ in ("planned", "after a build"):
        found = sorted(p["message"].split("; ", 1)[1] for p in check_json(tmp_path)["problems"]
                       if p["code"] == "broken-link")
        assert found == ["did you mean /digest/2025/06/meta-baru/?", "did you mean /digest/tentang-kami/?"]
        publish(load_config(tmp_path / "config.yaml"), BuildOptions(), tmp_path / "site")


def test_a_link_near_a_registered_companys_old_address_is_told_its_page_now(tmp_path: Path) -> None:
    """The attacker's report: once companies.yaml registers GoTo (aliases Gojek, Tokopedia), its pages moved from
    /companies/gojek/ to /companies/goto/, and a link near the old one was told that redirect page ('did you mean
    /companies/gojek/?'); it is told GoTo's page, its pairs' too, and a link to an old address without its '/' the
    page to write, in a check that plans the site and in one that takes the last build's files."""
    body = ("[a](/companies/gojk/) [b](/companies/gojek/with/metaa/) [c](/companies/tokopedia/sections/acehh/) "
            "[d](/companies/gojek) [e](/2025/06/alamat-lama#x)\n")
    make_project(tmp_path, {
        **{f"2025/06/g{i}.md": article(title=f"GoTo dan Meta {i}", companies="[GoTo, Meta]", section="Aceh")
           for i in range(3)},
        "2025/06/h.md": article(title="GoTo dan Meta", companies="[GoTo, Meta]", redirects="[2025/06/alamat-lama/]",
                                body=body)}, companies=COMPANIES)
    for _ in ("planned", "after a build"):
        found = sorted(p["message"].split(", ", 1)[1] if "without its '/'" in p["message"]
                       else p["message"].split("; ")[1] for p in check_json(tmp_path)["problems"]
                       if p["code"] == "broken-link")
        assert found == [
            "an old address that leads to /2025/06/h/: write /2025/06/h/#x, the page's address (hosts answer it only "
            "with a redirect, and digest check --links counts it broken)",
            "an old address that leads to /companies/goto/: write /companies/goto/, the page's address (hosts answer "
            "it only with a redirect, and digest check --links counts it broken)",
            "did you mean /companies/goto/?", "did you mean /companies/goto/sections/aceh/?",
            "did you mean /companies/goto/with/meta/?"]
        publish(load_config(tmp_path / "config.yaml"), BuildOptions(), tmp_path / "site")


def test_a_section_listed_in_config_is_no_single_section_hint(tmp_path: Path) -> None:
    """Every new site's first article was told "section 'Kepri' has only this article; check its spelling", with
    Kepri listed in config.yaml's sections:, where its spelling is given."""
    make_project(tmp_path, {"a.md": article(title="A", section="Kepri"), "b.md": article(title="B", section="Aceh"),
                            "c.md": article(title="C", section="Acehh")},
                 config=CONFIG + "sections: [Kepri, Aceh, Nabire]\n")
    assert [p["message"] for p in check_json(tmp_path)["problems"] if p["code"] == "single-section"] == [
        "section 'Acehh' has only this article; check its spelling"]


def test_a_link_with_a_typo_in_its_slug_is_told_the_page_it_likely_meant(tmp_path: Path) -> None:
    """An editor's report: a link that already started with the base path was told to start with it. A slug
    mistyped, or an article renamed, is now told the nearest page; another week's or year's page is not a typo."""
    make_project(tmp_path, {
        "2025/06/meta-scale-ai.md": article(title="Meta"),
        "2025/07/b.md": article(title="B", date="2025-07-01T09:00:00+07:00",
                                body="[a](/digest/2025/06/meta-scal-ai/) [c](/digest/2024/06/meta-scale-ai/#latar) "
                                     "[d](/digest/weekly/2025-W10/)\n"),
    }, config="title: T\nbase_url: https://example.org/digest/\n")
    found = sorted(p["message"].split("; ", 1)[1] for p in check_json(tmp_path)["problems"])
    assert found == ["did you mean /digest/2025/06/meta-scale-ai/?", "did you mean /digest/2025/06/meta-scale-ai/?",
                     "fix the address"]


def test_a_redirect_onto_an_article_with_an_error_is_said_with_that_error_as_build_does(tmp_path: Path) -> None:
    """The attacker's report: a ``redirects:`` onto another article's address was not said by digest check when
    either article had an error of its own (build said both in one run), and 'checked 2 articles' left out the one
    with the error; now each clash is said, in either direction and between two articles with errors."""
    def google(name: str, *extra: str) -> str:
        return "\n".join(["---", f'title: "Google {name}"', "date: 2025-06-10T09:00:00+07:00",
                          f'summary: "Google {name}."', f"source: https://www.kompas.com/read/{name}",
                          "companies: [Google]", *extra, "---", f"Google {name}.", ""])

    def redirect_errors() -> tuple[int, list[tuple[str, int, str]]]:
        report = check_json(tmp_path)
        return report["articles"], [(p["path"], p["line"], p["message"]) for p in report["problems"]
                                    if p["field"] in ("redirects", "image")]

    no_alt = "image: images/x.jpg"
    hides = ("'2025/06/{0}/' is the address of content/2025/06/{0}.md: a redirect there would hide that page. If that "
             "one took the address since (a new article with the old title), give content/2025/06/{0}.md another slug "
             "(slug: …) to keep the old links working; otherwise remove the address from redirects")
    alt = "an image needs 'image_alt:', a short description of what it shows for readers who cannot see it"
    make_project(tmp_path, {"2025/06/a.md": google("a", "redirects: [2025/06/b/]"), "2025/06/b.md": google("b", no_alt),
                            "2025/06/c.md": google("c")}, companies="google: {name: Google}\n")
    assert redirect_errors() == (3, [("content/2025/06/a.md", 7, hides.format("b")), ("content/2025/06/b.md", 7, alt)])
    write_files(tmp_path, {"content/2025/06/a.md": google("a", no_alt, "redirects: [2025/06/b/]"),
                           "content/2025/06/b.md": google("b")})
    assert redirect_errors() == (3, [("content/2025/06/a.md", 7, alt), ("content/2025/06/a.md", 8, hides.format("b"))])
    write_files(tmp_path, {"content/2025/06/b.md": google("b", no_alt, "redirects: [2025/06/a/]")})
    assert redirect_errors() == (3, [("content/2025/06/a.md", 7, alt), ("content/2025/06/a.md", 8, hides.format("b")),
                                     ("content/2025/06/b.md", 7, alt), ("content/2025/06/b.md", 8, hides.format("a"))])


def test_a_link_in_the_other_unicode_form_of_an_address_is_told_with_its_marks_escaped(tmp_path: Path) -> None:
    """An attacker's finding: a link written '/kafe\u0301/' (decomposed) beside the old address 'kafé/' (composed)
    was told it "points at /kafé/, which is not a page or file of the site": the two look alike. The message shows
    the difference, and the page to write."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A", redirects="[kafé/]"),
                            "2025/06/b.md": article(title="B", body="[kafe](/kafe\u0301/) [teh](/te\u0301h/)\n")})
    for _ in ("planned", "after a build"):
        found = sorted(p["message"] for p in check_json(tmp_path)["problems"] if p["code"] == "broken-link")
        assert found == [
            "the link '/kafe\u0301/' points at /kafe\\u0301/ (decomposed), which is not a page or file of the site; "
            "the site has /kafé/, the same letters composed, which a host tells apart: write /2025/06/a/",
            "the link '/te\u0301h/' points at /te\u0301h/, which is not a page or file of the site; fix the address"]
        publish(load_config(tmp_path / "config.yaml"), BuildOptions(), tmp_path / "site")
