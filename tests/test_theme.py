"""Template lookup: site overrides first, the theme behind them, the packaged theme as a fallback."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import jinja2
import pytest
import shutil
from markupsafe import Markup

from conftest import CONFIG, article, build_project, make_project, write_files
from generator.core.errors import BuildError
from generator.core.models import Image
from generator.load.config import load_config
from generator.render.context import SiteEnvironment
from generator.render.plan import Renderer
from generator.render.theme import PACKAGE_THEMES, find_theme, make_environment


def test_a_site_template_overrides_the_theme_and_can_extend_it(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/a.md": article()})
    write_files(tmp_path, {"templates/article.html": '{% extends "theme/article.html" %}'
                                                     '{% block main %}{{ super() }}<p class="extra">Ikuti kami</p>'
                                                     '{% endblock %}'})
    files = build_project(tmp_path).output.files
    page = files["2025/06/a/index.html"].decode()
    assert '<p class="extra">Ikuti kami</p>' in page and '<h1 dir="auto">Judul</h1>' in page
    assert 'class="extra"' not in files["index.html"].decode()


def test_a_child_template_s_own_top_level_values_are_not_replaced_by_the_theme_s(tmp_path: Path) -> None:
    """An attacker's report: base.html's '{% set at = page.path %}' (a speed change) replaced a child template's own
    top-level 'at' in every block after it, silently ('Dilaporkan dari 2025/06/a/'); the navigation's values are
    now scoped to it ('with'), 'here' too."""
    make_project(tmp_path, {"2025/06/a.md": article(section="Eropa")}, config=CONFIG + "sections: [Eropa, Asia]\n")
    write_files(tmp_path, {"templates/article.html": '{% extends "theme/article.html" %}\n{% set at = "Jakarta" %}'
                                                     '{% set here = "Batam" %}\n{% block main %}{{ super() }}'
                                                     '<p class="dateline">{{ at }} · {{ here }}</p>{% endblock %}'})
    page = build_project(tmp_path).output.files["2025/06/a/index.html"].decode()
    assert '<p class="dateline">Jakarta · Batam</p>' in page
    assert 'class="sections"' in page  # the section bar (where 'here' is set) is on the page


@pytest.mark.parametrize("base_url, home, absolute", [("https://example.org/", "/about/", "https://example.org/about/"),
                                                   ("https://example.org/digest/", "/digest/about/",
                                                    "https://example.org/digest/about/")])
def test_a_leading_slash_in_url_and_abs_url_is_the_site_root(tmp_path: Path, base_url: str, home: str,
                                                             absolute: str) -> None:
    """An attacker's report: url('/about/') in a project's template gave '//about/' (a browser goes to
    https://about/), abs_url('/about/') 'https://example.org//about/', and under a sub-path '/digest//about/'."""
    make_project(tmp_path, {"2025/06/a.md": article()}, config=f"title: T\nbase_url: {base_url}\n")
    write_files(tmp_path, {"templates/article.html": '{% extends "theme/article.html" %}{% block main %}{{ super() }}'
                                                     '<a class="about" href="{{ url(\'/about/\') }}">a</a>'
                                                     '<a class="abs" href="{{ abs_url(\'/about/\') }}">b</a>'
                                                     '{% endblock %}'})
    page = build_project(tmp_path).output.files["2025/06/a/index.html"].decode()
    assert f'<a class="about" href="{home}">a</a><a class="abs" href="{absolute}">b</a>' in page


def test_a_block_the_parent_never_has_is_a_warning_with_the_likely_name(tmp_path: Path) -> None:
    """'{% block mian %}' in an override was shown nowhere, without a word; blocks the parents have (those of
    base.html too) are quiet, and so is a template that extends nothing."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A")})
    write_files(tmp_path, {
        "templates/article.html": '{% extends "theme/article.html" %}\n{% block og %}{{ super() }}{% endblock %}\n'
                                  '{% block mian %}<p>X</p>{% endblock %}\n',
        "templates/page.html": '{% extends "base.html" %}\n\n{% block sidebar %}x{% endblock %}\n',
        "templates/404.html": "<p>Tidak ada.</p>\n"})
    result = build_project(tmp_path)
    assert [str(p) for p in result.warnings] == [
        "templates/article.html:3: warning: block 'mian' is not a block of theme/article.html or of what it extends, "
        "so it is shown nowhere; did you mean 'main'?",
        "templates/page.html:3: warning: block 'sidebar' is not a block of base.html or of what it extends, so it is "
        "shown nowhere; its blocks: description, main, meta, og, structured"]


def test_a_project_theme_folder_wins_over_the_packaged_theme(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article()}, config="title: T\nbase_url: https://example.org/\ntheme: mine\n")
    shutil.copytree(PACKAGE_THEMES / "default", tmp_path / "themes/mine")
    base = tmp_path / "themes/mine/templates/base.html"
    base.write_text(base.read_text().replace("<body>", '<body class="mine">'))
    files = build_project(tmp_path).output.files
    assert b'<body class="mine">' in files["index.html"] and b'<body class="mine">' in files["2025/06/a/index.html"]


def test_a_missing_template_is_a_clear_error(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article()}, config="title: T\nbase_url: https://example.org/\ntheme: mine\n")
    write_files(tmp_path, {"themes/mine/templates/index.html": "home\n"})
    with pytest.raises(BuildError) as caught:
        build_project(tmp_path).output.files
    assert [str(p) for p in caught.value.errors] == [  # every one in one run, not one a run
        f"templates: template error: template '{name}' not found: the theme's templates/ has none; put it back "
        "(the packaged theme has one to start from)"
        for name in ("404.html", "archive.html", "archive_index.html", "article.html", "edition.html", "editions.html",
                     "email.html", "email.txt", "search.html", "sources.html", "terms.html")]


@pytest.mark.parametrize("command", [["build", "-j", "1"], ["build", "-j", "2"], ["check"]])
def test_a_template_that_does_not_compile_fails_the_first_run_though_no_page_uses_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]) -> None:
    """A fixer's report: a syntax error in templates/page.html passed 'digest build' and 'digest check' (rc 0) until
    the first page in content/pages/ used it, and then failed that build. Every template that does not compile is
    told in the first run, with the same words a page using it gets, with the other template errors; nothing is
    written."""
    from generator.commands.cli import main

    make_project(tmp_path, {"a.md": article()})
    write_files(tmp_path, {"templates/page.html": '{% extends "theme/page.html" %}\n{% block main %}\n{% if %}'
                                                  "{% endblock %}\n",
                           "templates/parts/_box.html": "<p>\n{{ 'x'|nosuch }}</p>\n",  # a filter no one defined
                           "templates/article.html": '{% extends "theme/article.html" %}\n{% block main %}'
                                                     "\n{{ nope }}\n{% endblock %}\n"})
    code = main([*command, "--config", str(tmp_path / "config.yaml")])
    out, err = capsys.readouterr()
    end = "; fix the template, or remove your override of it"
    assert code == 1 and [line for line in (out + err).splitlines() if "template error" in line] == [
        f"templates/article.html:3: template error: 'nope' is undefined{end}",
        f"templates/page.html:3: template error: Expected an expression, got 'end of statement block'{end}",
        "templates/parts/_box.html:2: template error: No filter named 'nosuch'.; fix the template"]  # no override
    assert not (tmp_path / "site").exists()


def test_notes_backups_and_hidden_files_beside_the_templates_are_not_compiled(tmp_path: Path,
                                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """An attacker's report: since every template is compiled before rendering, a README, a note, an editor's backup
    or lock file in templates/ whose text looked like Jinja failed the build ('templates/notes.txt:1: template
    error: unexpected '}'; ... remove your override of it'); none of them is a template a page can use. An override
    of the theme's email.txt is one, and is still checked."""
    from generator.commands.cli import main

    make_project(tmp_path, {"a.md": article()})
    broken = "Don't write `{% if %}` without a condition: {{ fix }\n"
    write_files(tmp_path, {"templates/README.md": broken, "templates/notes.txt": broken,
                           "templates/article.html~": broken, "templates/#article.html#": broken,
                           "templates/.#article.html": broken, "templates/.git/HEAD": broken})
    assert main(["build", "--config", str(tmp_path / "config.yaml"), "-q"]) == 0, capsys.readouterr()
    write_files(tmp_path, {"templates/email.txt": "{% if %}\n"})
    assert main(["build", "--config", str(tmp_path / "config.yaml"), "-q"]) == 1
    assert [line for line in capsys.readouterr().err.splitlines() if "template error" in line] == [
        "templates/email.txt:1: template error: Expected an expression, got 'end of statement block'; fix the "
        "template, or remove your override of it"]


def test_a_git_clone_or_a_binary_backup_in_templates_is_not_read_as_a_template(tmp_path: Path,
                                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """A templates/ that is its own git clone failed build and check with 'templates/.git/index:1: template is not
    valid UTF-8', one error per object file, and so did an editor's binary backup or lock file: no page can use
    them, so they are skipped, as they are when templates are compiled. A template's own bytes are still checked."""
    from generator.commands.cli import main

    make_project(tmp_path, {"a.md": article()})
    binary = b"\x78\x9c\xff\x00binary\n"
    write_files(tmp_path, {"templates/.git/index": binary, "templates/.git/objects/ab/cdef12": binary,
                           "templates/article.html~": binary, "templates/#article.html#": binary,
                           "templates/.#article.html": binary, "templates/parts/.draft.html": binary})
    config = ["--config", str(tmp_path / "config.yaml")]
    assert (main(["build", "-q", *config]), main(["check", "-q", *config])) == (0, 0), capsys.readouterr()
    write_files(tmp_path, {"templates/parts/box.html": b"<p>caf\xe9</p>\n"})
    assert main(["build", "-q", *config]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "templates/parts/box.html:1: template is not valid UTF-8 (byte 0xe9); save it as UTF-8",
        "error: 1 problem found; nothing was written"]


def test_a_partial_of_the_projects_own_is_not_told_to_be_removed_as_an_override(tmp_path: Path) -> None:
    """An attacker's report: 'fix the template, or remove your override of it' for templates/_footer_extra.html,
    which overrides nothing: removed as advised, the template including it failed instead."""
    assert build_errors(tmp_path, {
        "templates/article.html": '{% extends "theme/article.html" %}{% block main %}{{ super() }}'
                                  '{% include "_footer_extra.html" %}{% endblock %}\n',
        "templates/_footer_extra.html": "<p>Ikuti {{ article.titel }}.</p>\n"}) == [
        "templates/_footer_extra.html:1: template error: an Article has no 'titel' (did you mean 'title'?); fix the "
        "template"]


def build_errors(root: Path, files: dict[str, str]) -> list[str]:
    """The errors of building the project at ``root`` (with one article) once ``files`` are written, as told."""
    make_project(root, {"a.md": article()})
    write_files(root, files)
    with pytest.raises(BuildError) as caught:
        build_project(root).output.files
    return [str(p) for p in caught.value.errors]


def test_a_template_not_found_is_named_with_the_one_meant(tmp_path: Path) -> None:
    """An attacker's report: '{% include "_itme.html" %}' said 'template error: _itme.html', the bare name; so did
    a misspelt extends and import. A partial deleted from the project's own theme got no "did you mean" (another
    file's name) and no advice to remove an override there is none of."""
    errors = build_errors(tmp_path, {
        "templates/article.html": '{% extends "theme/article.html" %}\n{% block main %}{{ super() }}\n'
                                  '{% include "_itme.html" %}\n{% endblock %}\n',
        "templates/index.html": '{% extends "theme/artcle.html" %}\n',
        "templates/404.html": '{% extends "theme/404.html" %}\n{% block main %}{% import "_macro.html" as mm %}'
                              '{% endblock %}\n'})
    end = "; fix the template, or remove your override of it"
    assert sorted(errors) == [
        f"templates/404.html:2: template error: template '_macro.html' not found (did you mean '_macros.html'?){end}",
        f"templates/article.html:3: template error: template '_itme.html' not found (did you mean '_item.html'?){end}",
        "templates/index.html:1: template error: template 'theme/artcle.html' not found (did you mean "
        f"'theme/article.html'?){end}"]


def test_a_partial_gone_from_the_projects_theme_says_to_put_it_back(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article()}, config="title: T\nbase_url: https://example.org/\ntheme: mine\n")
    shutil.copytree(PACKAGE_THEMES / "default", tmp_path / "themes/mine")
    (tmp_path / "themes/mine/templates/_item.html").unlink()
    with pytest.raises(BuildError) as caught:
        build_project(tmp_path).output.files
    assert [str(p) for p in caught.value.errors] == [
        "themes/mine/templates/_list.html:3: template error: template '_item.html' not found: themes/mine/templates/ "
        "has none; put it back (the packaged theme has one to start from), or change this template"]


@pytest.mark.parametrize("expression, message", [
    ("article.titel|tojson", "an Article has no 'titel' (did you mean 'title'?)"),
    ('m.ld({"a": article.titel})', "an Article has no 'titel' (did you mean 'title'?)"),
    ("article.date.strftime(article.titel)", "an Article has no 'titel' (did you mean 'title'?)"),
    ("m.when(article.updated)", "m.when() was given none (no value) (AttributeError: 'NoneType' object has no "
                                "attribute 'hour'); give it what it takes, or test the value first ({% if value %})"),
    ("long_date(none)", "long_date() was given none (no value) (AttributeError: 'NoneType' object has no attribute "
                        "'date'); give it what it takes, or test the value first ({% if value %})"),
    ('m.picture(image, "8rem")', "m.picture() was given none (no value) (AttributeError: 'NoneType' object has no "
                                 "attribute 'src'); give it what it takes, or test the value first ({% if value %})"),
    ("related[0].titel", "an empty list has no element 0; test its length first ({% if x|length > 0 %})"),
    ('"x" * 100000000000', "MemoryError: the expression makes a value larger than the memory there is; make it "
                           "smaller"),
])
def test_python_s_own_words_in_a_template_error_are_the_editors(tmp_path: Path, expression: str,
                                                                  message: str) -> None:
    """An attacker's report: a typo handed to a function said 'TypeError: Object of type SuggestingUndefined is not
    JSON serializable' (or 'strftime() argument 1 must be str, not SuggestingUndefined'), a helper given none
    "'NoneType' object has no attribute 'hour'", an empty list 'tuple object has no element 0', and
    'MemoryError: ' nothing at all."""
    assert build_errors(tmp_path, {"templates/article.html": '{% extends "theme/article.html" %}\n{% block main %}'
                                                             "\n{{ " + expression + " }}\n{% endblock %}\n"}) == [
        f"templates/article.html:3: template error: {message}; fix the template, or remove your override of it"]


@pytest.mark.parametrize("handled", ['article.kicker | default("")', 'article.kicker if article.kicker is defined',
                                     'article.kicker if article.kicker is not undefined else ""'])
def test_the_typo_named_is_not_a_value_the_template_handled_after_it(tmp_path: Path, handled: str) -> None:
    """An attacker's report: the typo 'titel', then 'article.kicker | default("")', then both handed to m.ld, was
    told as "an Article has no 'kicker'", the undefined value made last, which the template had handled."""
    assert build_errors(tmp_path, {"templates/article.html": (
        '{% extends "theme/article.html" %}\n{% block main %}\n{% set headline = article.titel %}\n'
        "{% set kicker = " + handled + " %}\n"
        '{{ m.ld({"headline": headline, "kicker": kicker}) }}\n{% endblock %}\n')}) == [
        "templates/article.html:5: template error: an Article has no 'titel' (did you mean 'title'?); fix the "
        "template, or remove your override of it"]


@pytest.mark.parametrize("used, message", [
    ("article.date.strftime(x)", "an Article has no 'titel' (did you mean 'title'?)"),
    ("x | tojson", "an Article has no 'titel' (did you mean 'title'?)"),
    ('m.ld({"a": x, "b": k})', "one of these values is undefined: an Article has no 'kicker'; its names: author, body, "
                               "body_file_links, body_from, body_html, body_images, body_media, companies, date, draft, "
                               "image, image_alt, image_caption, image_credit, key, lang, path, redirects, section, slug, "
                               "source, source_path, summary, summary_from_body, tags, title, updated, words; or an "
                               "Article has no 'titel' (did you mean 'title'?)"),
])
def test_a_typo_kept_with_set_is_named_when_python_refuses_it_later(tmp_path: Path, used: str, message: str) -> None:
    """'{% set x = article.titel %}', then another undefined value nothing handled ('article.kicker'), then x handed
    to strftime: the message named 'kicker', the undefined value made last. The tag's own values are named; when
    Python's words do not say which of two it refused, both are, as one of them."""
    assert build_errors(tmp_path, {"templates/article.html": (
        '{% extends "theme/article.html" %}\n{% block main %}\n{% set x = article.titel %}\n'
        "{% set k = article.kicker %}\n{{ " + used + " }}\n{% endblock %}\n")}) == [
        f"templates/article.html:5: template error: {message}; fix the template, or remove your override of it"]


def test_a_macros_file_that_extends_the_themes_builds_with_its_own_macro(tmp_path: Path) -> None:
    """An attacker's report: a _macros.html that extends the theme's and changes one macro, which built before,
    was refused as lacking the macros it takes from the theme's (``missing_macros`` read only its own)."""
    make_project(tmp_path, {"a.md": article()})
    write_files(tmp_path, {"templates/_macros.html": '{% extends "theme/_macros.html" %}\n{% macro when(d, '
                                                     'search_meta=false) %}<time class="mine">{{ long_date(d) }}'
                                                     "</time>{% endmacro %}\n"})
    page = build_project(tmp_path).output.files["index.html"].decode()
    assert '<time class="mine">' in page


@pytest.mark.parametrize("tag", ['{{ article.title\n~ " / "\n~ article.sumary }}',
                                 '{% set x = article.title\n~ " / "\n~ article["sumary"] %}'])
def test_an_undefined_name_in_a_tag_of_several_lines_is_told_at_its_own_line(tmp_path: Path, tag: str) -> None:
    """An attacker's report: the typo on line 6 was told at line 4, where the expression starts."""
    assert build_errors(tmp_path, {"templates/article.html": '{% extends "theme/article.html" %}\n{% block main %}'
                                                             "\n<p>\n" + tag + "\n</p>\n{% endblock %}\n"}) == [
        "templates/article.html:6: template error: an Article has no 'sumary' (did you mean 'summary'?); fix the "
        "template, or remove your override of it"]


def test_a_template_that_extends_itself_says_to_extend_the_themes(tmp_path: Path) -> None:
    """'{% extends "base.html" %}' in templates/base.html finds itself (the site's templates come first): it was
    'RecursionError: maximum recursion depth exceeded'."""
    assert build_errors(tmp_path, {"templates/base.html": '{# mine #}\n{% extends "base.html" %}\n'}) == [
        "templates/base.html:2: template error: 'base.html' is this template itself, so it uses itself without end; "
        'to build on the theme\'s template of that name, write "theme/base.html"; fix the template, or remove your '
        "override of it"]


def test_without_a_themes_folder_the_packaged_default_is_used(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article()})
    files = build_project(tmp_path).output.files
    assert "style.css" in files and files["index.html"].startswith(b"<!doctype html>")


def test_an_unknown_theme_is_a_config_error_with_the_configs_others(tmp_path: Path) -> None:
    """It was said with no line, and only in the run after the config's other problems were fixed."""
    make_project(tmp_path, {"a.md": article()},
                 config="base_url: https://example.org/\npage_size: x\ntheme: nope\n")
    with pytest.raises(BuildError) as caught:
        build_project(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        "config.yaml:2: field 'page_size': must be a whole number of at least 1, got 'x'",
        "config.yaml:3: field 'theme': no theme 'nope' in themes/ or in the package; use one of: default"]


def test_site_static_files_override_the_themes(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article()})
    write_files(tmp_path, {"static/style.css": "body{color:red}", "static/img/logo.svg": "<svg/>"})
    files = build_project(tmp_path).output.files
    assert files["style.css"] == b"body{color:red}" and files["img/logo.svg"] == b"<svg/>"


def test_static_dot_files_are_left_out_but_well_known_is_published(tmp_path: Path) -> None:
    """static/.well-known/security.txt was dropped without a word, as Hugo and Zola publish it; an editor's
    .DS_Store and a .git folder stay out, also inside .well-known."""
    make_project(tmp_path, {"a.md": article()})
    write_files(tmp_path, {"static/.well-known/security.txt": "Contact: mailto:a@example.org\n",
                           "static/.well-known/acme-challenge/tok-en": "x", "static/.well-known/.DS_Store": "x",
                           "static/.DS_Store": "x", "static/.git/config": "x", "static/img/.hidden": "x"})
    files = build_project(tmp_path).output.files
    assert sorted(path for path in files if "well-known" in path or "/." in "/" + path) == [
        ".well-known/acme-challenge/tok-en", ".well-known/security.txt"]


def test_a_typo_in_a_template_names_the_file_and_line(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article()})
    write_files(tmp_path, {"templates/404.html": '{% extends "theme/404.html" %}\n{% block main %}\n{{ nope }}\n{% endblock %}'})
    with pytest.raises(BuildError) as caught:
        build_project(tmp_path).output.files
    assert [str(p) for p in caught.value.problems] == [
        "templates/404.html:3: template error: 'nope' is undefined; fix the template, or remove your override of it"]



def test_an_error_in_a_packaged_partial_names_the_editors_include_and_what_the_partial_needs(tmp_path: Path) -> None:
    """It named the installed package's _item.html by its absolute path, advising to remove an override the
    editor never made; the editor's own line (the include) is named, with the theme's template and what it needs."""
    make_project(tmp_path, {"a.md": article(section="tech")})
    write_files(tmp_path, {"templates/article.html": '{% extends "theme/article.html" %}\n'
                           '{% block main %}{{ super() }}<ul>\n{% for item in [article] %}\n'
                           '{% include "_item.html" %}\n{% endfor %}</ul>{% endblock %}\n'})
    with pytest.raises(BuildError) as caught:
        build_project(tmp_path).output.files
    assert [str(p) for p in caught.value.problems] == [
        "templates/article.html:4: template error: the theme's _item.html:6, reached from here, needs 'section', "
        "which this template does not set; set it before it ({% set section = ... %}) or change this template"]



def test_a_macros_file_lacking_macros_the_theme_calls_names_every_one_in_one_error(tmp_path: Path) -> None:
    """A reader's report: a site whose own _macros.html lacked a macro the theme's templates call got the installed
    package's absolute path ('/usr/lib/python3/site-packages/generator/themes/default/templates/_item.html:6').
    Then an attacker's: one missing macro a template, and a "did you mean 'src'" asking to change the theme's
    correct call of 'abs_src'. The file that lacks them is named, with every macro it lacks."""
    assert build_errors(tmp_path, {"templates/_macros.html": "{% macro src(p) %}{{ url(p) }}{% endmacro %}\n"
                                                             "{% set when = when %}\n"}) == [
        "templates/_macros.html: lacks macros the theme's templates call: 'abs_src' (article.html:9), 'ld' "
        "(article.html:52), 'picture' (_item.html:3); add them (copy the default theme's _macros.html here and change "
        "only the macros you mean to), or remove this file"]


def test_a_macros_file_lacking_macros_is_told_with_the_other_template_errors_in_one_run(tmp_path: Path) -> None:
    """The lacking macros stopped the build before any page was made, so a typo in another template came out only
    on the next run. Both now; the theme's calls of the lacking macros are not told again, template by template."""
    assert build_errors(tmp_path, {"templates/_macros.html": "{% macro src(p) %}{{ url(p) }}{% endmacro %}\n"
                                                             "{% set when = when %}\n",
                                   "templates/404.html": '{% extends "theme/404.html" %}\n{% block main %}\n'
                                                         "{{ page.titel }}\n{% endblock %}\n"}) == [
        "templates/404.html:3: template error: a Page has no 'titel' (did you mean 'title'?); fix the template, or "
        "remove your override of it",
        "templates/_macros.html: lacks macros the theme's templates call: 'abs_src' (article.html:9), 'ld' "
        "(article.html:52), 'picture' (_item.html:3); add them (copy the default theme's _macros.html here and change "
        "only the macros you mean to), or remove this file"]


def test_a_theme_template_with_its_own_m_is_still_checked_for_the_macros_it_calls(tmp_path: Path) -> None:
    """term.html's month loop ('{% for m in intel.months %}') made the check skip the whole template, so its
    'm.ld' above the loop, lacking here, was told by rendering as the theme's own template's error."""
    assert build_errors(tmp_path, {"templates/_macros.html": "".join(f"{{% set {name} = {name} %}}\n" for name in
                                                                     ("src", "abs_src", "when", "picture")),
                                   "templates/article.html": "<p>{{ article.title }}</p>\n",
                                   "templates/index.html": "<p>home</p>\n"}) == [
        "templates/_macros.html: lacks macros the theme's templates call: 'ld' (term.html:19); add them (copy the "
        "default theme's _macros.html here and change only the macros you mean to), or remove this file"]


def test_a_project_themes_macros_file_lacking_macros_its_templates_call_is_named(tmp_path: Path) -> None:
    """For a project theme (themes/mine) each template's error was told at the theme's call, with a "did you mean"
    and the advice to remove an override there is none of."""
    make_project(tmp_path, {"a.md": article()}, config="title: T\nbase_url: https://example.org/\ntheme: mine\n")
    shutil.copytree(PACKAGE_THEMES / "default", tmp_path / "themes/mine")
    write_files(tmp_path, {"themes/mine/templates/_macros.html": "{% macro src(p) %}{{ url(p) }}{% endmacro %}\n"})
    with pytest.raises(BuildError) as caught:
        build_project(tmp_path).output.files
    assert [str(p) for p in caught.value.errors] == [
        "themes/mine/templates/_macros.html: lacks macros the theme's templates call: 'abs_src' (article.html:9), "
        "'ld' (article.html:52), 'picture' (_item.html:3), 'when' (_item.html:6); add them (the packaged theme's "
        "_macros.html has each)"]


def test_a_misspelt_macro_or_block_is_given_the_likely_one(tmp_path: Path) -> None:
    """``m`` (the theme's macros, imported when first used) and ``self`` (the page's blocks) listed no names, so
    'whne' and 'mian' got no "did you mean"."""
    make_project(tmp_path, {"a.md": article()})
    write_files(tmp_path, {"templates/article.html": '{% extends "theme/article.html" %}\n'
                           '{% block main %}\n{{ m.whne(article.date) }}\n{% endblock %}\n',
                           "templates/404.html": '{% extends "theme/404.html" %}\n'
                           '{% block main %}\n{{ self.mian() }}\n{% endblock %}\n'})
    with pytest.raises(BuildError) as caught:
        build_project(tmp_path).output.files
    assert [str(p) for p in caught.value.problems] == [
        "templates/404.html:3: template error: self (the page's blocks) has no 'mian' "
        "(did you mean 'main'?); fix the template, or remove your override of it",
        "templates/article.html:3: template error: m (what _macros.html defines) has no 'whne'"
        " (did you mean 'when'?); fix the template, or remove your override of it"]



def test_a_template_error_says_what_the_value_is_and_which_names_it_has(tmp_path: Path) -> None:
    """A reader's report: a template's typo was told in Python's class names ('generator.render.context.Imported
    object' has no attribute …), which an editor never wrote; it says what the value is (m, a Page, a list, none)
    and, with no name close to the one written, the names it has."""
    make_project(tmp_path, {"a.md": article()})
    messages = []
    for expression in ("m.qqqq", "page.zz", "tag_links.zz", "image.zz"):
        write_files(tmp_path, {"templates/article.html": '{% extends "theme/article.html" %}\n{% block main %}\n'
                               f"{{{{ {expression} }}}}\n{{% endblock %}}\n"})
        with pytest.raises(BuildError) as caught:
            build_project(tmp_path).output.files
        messages += [str(p) for p in caught.value.problems]
    end = "; fix the template, or remove your override of it"
    assert messages == [
        "templates/article.html:3: template error: m (what _macros.html defines) has no 'qqqq'; its names: abs_src, ld, "
        "picture, src, when" + end,
        "templates/article.html:3: template error: a Page has no 'zz'; its names: feeds, path, title" + end,
        "templates/article.html:3: template error: a list has no 'zz'" + end,
        "templates/article.html:3: template error: a value that is none here (test it with {% if %} first) has no 'zz'"
        + end]


MACROS = re.findall(r"{% macro .*?{% endmacro %}", (PACKAGE_THEMES / "default/templates/_macros.html").read_text(), re.S)


def test_the_html_helpers_print_what_the_macros_in_the_comment_of_macros_html_print(tmp_path: Path) -> None:
    # _macros.html keeps the macros the helpers replaced, for a site to copy one and change it
    make_project(tmp_path, {"a.md": article()}, config="title: T\nbase_url: https://example.org/a&b/\n")
    config = load_config(tmp_path / "config.yaml")
    env = make_environment(config, find_theme(config))
    Renderer(env, config)
    macros = env.from_string("".join(MACROS)).module
    assert sorted(n for n in dir(macros) if not n.startswith("_")) == ["abs_src", "ld", "picture", "src", "when"]
    jakarta = ZoneInfo("Asia/Jakarta")
    images = [Image("images/a b&c.jpg", 'A "quoted" <alt> & \'x\'', width=800, height=600,
                    srcset=(("images/a-400.jpg", 400), ("images/a-600.jpg", 600))),
              Image("https://x.org/a.jpg?b=1&c=2", "alt"), Image("images/b.png", "", "cap", "cred", 0, 0)]
    calls = [("src", ("images/a&b.png",), {}), ("src", ("https://x.org/?a=1&b=2",), {}), ("abs_src", ("i/<x>.png",), {}),
             ("abs_src", ("http://x.org/a.png",), {}),
             ("ld", ({"b": ["<script>&'\"", 1, 2.5, None, True], "a": "é ü \u2028"},), {}),
             ("when", (datetime(2025, 6, 13, 9, 5, tzinfo=jakarta),), {}),
             ("when", (datetime(2025, 1, 2, 23, 59, tzinfo=timezone.utc),), {"search_meta": True}),
             ("when", (datetime(2025, 12, 31, 0, 0, 7, tzinfo=timezone(timedelta(hours=-3, minutes=-30), "<N%T&'\">")),), {}),
             ("when", (datetime(1999, 7, 4, 12, 1, tzinfo=timezone(timedelta(hours=5, minutes=45))),), {"search_meta": 1}),
             ("when", (datetime(2025, 6, 14, tzinfo=jakarta),), {}),  # midnight: a date written alone
             *[("picture", (image, '(max-width: 48rem) 100vw, "46rem"'), {"lazy": lazy})
               for image in images for lazy in (True, False)],
             ("picture", (images[0], "8rem"), {})]
    for name, args, kwargs in calls:
        helper = env.globals[name](*args, **kwargs)
        assert type(helper) is Markup and helper == getattr(macros, name)(*args, **kwargs), (name, args)


def test_a_site_macros_html_replaces_a_helper_on_every_page_that_uses_it(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article()})
    macros = (PACKAGE_THEMES / "default/templates/_macros.html").read_text()
    write_files(tmp_path, {"templates/_macros.html": macros.replace(
        "{% set when = when %}", '{% macro when(d, search_meta=false) %}<time class="mine">{{ long_date(d) }}</time>'
                                 '{% endmacro %}')})
    files = build_project(tmp_path).output.files
    assert b'<time class="mine">13 Juni 2025</time>' in files["2025/06/a/index.html"]
    assert b'<time class="mine">13 Juni 2025</time>' in files["index.html"]


def test_templates_get_the_macros_as_m_and_can_import_them(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article()})
    write_files(tmp_path, {"templates/404.html": '{% extends "theme/404.html" %}{% block main %}'
                                                 '{{ m.src("x.png") }}|{{ src("y.png") }}|'
                                                 '{% import "_macros.html" as mm %}{{ mm.abs_src("z.png") }}|'
                                                 '{% from "theme/_macros.html" import ld %}{{ ld({"a": 1}) }}'
                                                 '{{ m.nothing is undefined }}{% endblock %}'})
    page = build_project(tmp_path).output.files["404.html"].decode()
    assert ('/x.png|/y.png|https://example.org/z.png|<script type="application/ld+json">{"a": 1}</script>\nTrue'
            in page)


def test_calls_to_anything_but_a_plain_helper_keep_jinjas_rules() -> None:
    env = SiteEnvironment(autoescape=True, undefined=jinja2.StrictUndefined)

    @jinja2.pass_context
    def who(context: Any) -> str:
        return str(context["name"])

    class Greeter:
        @jinja2.pass_context
        def __call__(self, context: Any, greeting: str) -> str:
            return f"{greeting} {context['name']}"

    def stop() -> None:
        raise StopIteration

    env.add_helpers(who=who, greet=Greeter(), stop=stop, upper=str.upper)
    assert env.from_string("{{ who() }}|{{ greet('hai') }}|{{ stop() is undefined }}|{{ upper('x') }}|"
                           "{% for n in range(2) %}{{ who() }}{{ stop() is undefined }}{{ dict(a=n) }}{% endfor %}"
                           "{% macro twice(x) %}{{ x }}{{ x }}{% endmacro %}{{ twice('<') }}"
                           ).render(name="N") == "N|hai N|True|X|NTrue{&#39;a&#39;: 0}NTrue{&#39;a&#39;: 1}&lt;&lt;"


def test_calls_compiled_as_direct_calls_give_what_jinja_gives() -> None:
    """The renderer's own helpers and built-in methods are called without ``context.call``
    (``OutputCodeGenerator.visit_Call``): the same page as Jinja's for positional, keyword, ``*`` and ``**``
    arguments, a Python keyword as an argument's name, nested calls, calls in loops, blocks, macros and
    ``{% call %}``; a StopIteration from a helper added with ``add_helpers``, or from ``__next__``, is still an
    undefined value, and a name given a macro, a context-taking helper or a StopIteration-raising built-in keeps
    Jinja's rules: also a generator's ``send`` or an iterator's ``__next__`` reached under another name (an
    attacker's ``namespace(step=(… | map('upper')).send)``: the direct call let the StopIteration out, and the
    build failed blaming base.html)."""
    def pair(a: object, b: object = "-", **kw: object) -> str:
        return f"<{a}|{b}|{sorted(kw.items())}>"

    def stop() -> None:
        raise StopIteration

    @jinja2.pass_context
    def who(context: Any) -> str:
        return str(context["name"])

    source = ("{{ pair(1) }}{{ pair(1, b=2) }}{{ pair(*[3, 4]) }}{{ pair(5, **{'z': 6}) }}{{ pair(7, class='c') }}"
              "{{ pair(pair(8), pair(pair(9), 10)) }}{{ name.upper().startswith('N') }}{{ '%s-%s' | format(1, 2) }}"
              "{% for n in range(3) %}{{ pair(n, loop.index) }}{{ who() }}{{ dict(a=n) }}{% endfor %}"
              "{% macro box(x) %}[{{ pair(x) }}{{ caller() if caller else '' }}]{% endmacro %}{{ box('m') }}"
              "{% call box('c') %}{{ pair('in call') }}{% endcall %}{{ stop() is undefined }}"
              "{{ it.__next__() }}{{ it.__next__() is undefined }}{{ nxt(it) is undefined }}"
              "{% set kept = pair('set') %}{{ kept }}{{ (pair | attr('__name__')) }}"
              "{% set ns = namespace(step=(['a', 'b'] | map('upper')).send, more=it2.__next__) %}"
              "{{ ns.step(None) }}{{ ns.step(None) }}{{ ns.step(None) is defined }}{{ ns.more() }}{{ ns.more() is defined }}"
              "{% block b %}{{ pair('block') }}{% for x in 'ab' %}{{ pair(x) }}{% endfor %}{% endblock %}")
    own = SiteEnvironment(autoescape=True)
    own.add_own_helpers(pair=pair)
    own.add_helpers(stop=stop, who=who, nxt=next)
    jinjas = jinja2.Environment(autoescape=True)
    jinjas.globals.update(pair=pair, stop=stop, who=who, nxt=next)
    assert "_own_helpers.get(id(_call := " in own.compile(source, raw=True)
    pages = [env.from_string(source).render(name="Nia", it=iter([1]), it2=iter([2]))
             for env in (own, jinjas)]
    assert pages[0] == pages[1]
    assert "&lt;1|-|[]&gt;" in pages[0] and "True" in pages[0]


class _Html:
    def __init__(self, html: object) -> None:
        self.html = html

    def __html__(self) -> object:
        return self.html


@pytest.mark.parametrize("value", ["a < b & 'c' \"d\"", "", "plain", Markup("<b>safe</b>"), Markup(""), 3, 2.5, None,
                                   True, ["<x>", Markup("<y>")], {"k": "<v>"}, _Html("<i>as is</i>"), _Html(7),
                                   datetime(2025, 6, 1, 8, tzinfo=timezone.utc), "\u00e9\u4e2d\U0001f600<"])
def test_printed_values_are_escaped_exactly_as_jinja_escapes_them(value: object) -> None:
    """The site's environment prints ``{{ x }}`` through escape_output; Jinja's own gives the same page,
    for text, markup, numbers, containers and objects with ``__html__``; with autoescape off, and inside
    ``{% autoescape %}`` blocks, ``set`` blocks, filters and macros (where Jinja's ``escape`` stays)."""
    source = ("[{{ x }}|{{ x ~ '<' }}|{{ x | string }}]{% set kept %}<{{ x }}>{% endset %}{{ kept }}{{ kept | upper }}"
              "{% filter lower %}{{ x }}{% endfilter %}{% macro m(v) %}({{ v }}){% endmacro %}{{ m(x) }}"
              "{% autoescape false %}{{ x }}{% endautoescape %}{% autoescape true %}{{ x }}{% endautoescape %}")
    for autoescape in (True, False):
        ours = SiteEnvironment(autoescape=autoescape).from_string(source).render(x=value)
        jinjas = jinja2.Environment(autoescape=autoescape).from_string(source).render(x=value)
        assert ours == jinjas


def test_the_site_environment_compiles_printed_values_to_escape_output() -> None:
    """Not Jinja's ``escape``: a test that would pass with Jinja's own code generator proves nothing above."""
    assert "_escape_output(" in SiteEnvironment(autoescape=True).compile("{{ x }}", raw=True)
    assert "_escape_output(" not in SiteEnvironment(autoescape=False).compile("{{ x }}", raw=True)
    # a run of text and values is one ``yield`` (``OutputCodeGenerator.visit_Output``), in a buffer Jinja's own
    assert "yield ''.join((" in SiteEnvironment(autoescape=True).compile("<{{ x }}>", raw=True)
    assert "''.join" not in SiteEnvironment(autoescape=True).compile("{% set k %}<{{ x }}>{% endset %}", raw=True)


@pytest.mark.parametrize("data", [
    {"b": "<x> & 'y'", "a": [1, 2.5, None, True, ("t", Markup("a &amp; <b>"))], "c": {"z": Markup("&lt;"), "y": "é"}},
    ["plain", Markup("<i>it</i>")], "text", Markup("R&amp;D"), 7])
def test_ld_writes_what_the_tojson_filter_writes(data: object) -> None:
    """``m.ld`` (``Helpers.ld``, with its encoder made once and plain strings not walked) gives what Jinja's
    ``tojson`` filter gives for the same data with each Markup as the text it shows."""
    from generator.render.helpers import Helpers, _text
    import json
    helpers = Helpers("/", "https://x.example/", str, json.dumps, {"sort_keys": True})
    plain = _text(data)
    tojson = jinja2.Environment(autoescape=True).from_string("{{ d | tojson }}").render(d=plain)
    assert helpers.ld(data) == f'<script type="application/ld+json">{tojson}</script>\n'


class _Odd:
    """Attributes found, missing, raising AttributeError from a property, or answered by ``__getattr__``."""

    plain = "<p>"

    @property
    def broken(self) -> str:
        raise AttributeError("inside")

    def __getattr__(self, name: str) -> str:
        if name == "dynamic":
            return "dyn"
        raise AttributeError(name)

    def __getitem__(self, key: str) -> str:
        return f"item:{key}"


@pytest.mark.parametrize("strict", [False, True], ids=["Undefined", "StrictUndefined"])
def test_attributes_read_in_a_template_as_jinja_reads_them(strict: bool) -> None:
    """``x.name`` compiles to the built-in ``getattr`` first and to Jinja's ``environment.getattr`` when that finds
    nothing: the same values, items where there is no attribute, undefined values and errors, also in chains, loop
    filters, macros and ``set``."""
    undefined = jinja2.StrictUndefined if strict else jinja2.Undefined
    source = ("{{ o.plain }}|{{ o.dynamic }}|{{ o.broken }}|{{ o.other }}|{{ d.k }}|{{ d.items is callable }}|"
              "{{ d.nope is defined }}|{{ n.o.plain.upper() }}|{% for x in xs if x.k %}{{ x.k }}{% endfor %}|"
              "{% macro m(v) %}{{ v.k }}{% endmacro %}{{ m(d) }}|{% set s = n.o.dynamic %}{{ s }}|{{ loop is defined }}")
    values = dict(o=_Odd(), d={"k": "<v>"}, n={"o": _Odd()}, xs=[{"k": 1}, {"k": 0}, {"k": 3}])
    for autoescape in (True, False):
        ours = SiteEnvironment(autoescape=autoescape, undefined=undefined).from_string(source).render(**values)
        jinjas = jinja2.Environment(autoescape=autoescape, undefined=undefined).from_string(source).render(**values)
        assert ours == jinjas
    for broken in ("{{ d.nope.deeper }}", "{{ nothing.at_all }}", "{{ d.nope ~ 'x' }}"):
        errors = []
        for env in (SiteEnvironment(undefined=undefined), jinja2.Environment(undefined=undefined)):
            try:
                errors.append(env.from_string(broken).render(d={}))
            except jinja2.UndefinedError as e:
                errors.append(f"UndefinedError: {e}")
        assert errors[0] == errors[1], broken
    assert "environment.getattr(" in SiteEnvironment().compile("{{ x.y }}", raw=True)
    assert "getattr((_attr_of := " in SiteEnvironment().compile("{{ x.y }}", raw=True), "the fast path is compiled in"


def test_wordwrap_wraps_exactly_as_jinjas_filter() -> None:
    """The site's ``wordwrap`` fills lines itself only for plain words; on any text (hyphens, tabs, line breaks,
    no-break spaces, long words, runs of spaces) and any width it gives Jinja's result."""
    import random

    from jinja2.filters import do_wordwrap

    from generator.render.context import wordwrap
    rng = random.Random(7)
    pieces = ["kata", "a", "berita", "AI", "x" * 12, "-", "--", " ", " ", " ", "  ", "\t", "\n", "\u00a0", "é", "\r\n",
              "Rp1,5", "(49%)", "\u2028", "x" * 75]
    env = jinja2.Environment()
    words = ["kata", "a", "berita", "AI", "x" * 12, "AI-kata", "kata-berita", "a-b", "--", "x--y", "é", "Rp1,5",
             "(49%)", "pra-", "-an", "x" * 75, "kecerdasan", "buatan"]
    texts = ["", " ", "satu", "satu dua", "x" * 70, "x" * 71] + [
        "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40))) for _ in range(1500)] + [
        " ".join(rng.choice(words) for _ in range(rng.randint(1, 30))) for _ in range(1500)] + [
        " ".join(rng.choice([w for w in words if "-" not in w]) for _ in range(rng.randint(2, 30))) for _ in range(500)]
    plain = 0
    for text in texts:
        for width in (1, 3, 5, 8, 10, 12, 16, 20, 30, 70, 79):
            for kwargs in ({}, {"wrapstring": "\n  "}, {"break_long_words": False}, {"break_on_hyphens": False}):
                assert wordwrap(env, text, width, **kwargs) == do_wordwrap(env, text, width, **kwargs), (text, width, kwargs)
        plain += bool(re.fullmatch(r"[^\s-]+(?: [^\s-]+)*", text)) and " " in text
    assert plain > 500, "texts of several plain words, which the fast path takes"
    assert SiteEnvironment().from_string("{{ s | wordwrap(5) }}").render(s="aa bb cc") == "aa bb\ncc"


def test_ui_strings_read_in_a_template_as_jinja_reads_a_dict() -> None:
    """``t`` is a Strings: ``t.x`` finds the key without an exception, with a plain dict's results."""
    from generator.render.context import Strings
    source = "{{ t.skip }}|{{ t['skip'] }}|{{ t.nope is undefined }}|{{ t['nope'] is undefined }}|{{ t.get('skip') }}|{{ t.items is callable }}"
    values = {"skip": "Lewati", "items": "butir"}
    assert (SiteEnvironment(autoescape=True).from_string(source).render(t=Strings(values))
            == jinja2.Environment(autoescape=True).from_string(source).render(t=values)
            == "Lewati|Lewati|True|True|Lewati|True")
    assert getattr(Strings(values), "skip") == "Lewati"
    with pytest.raises(AttributeError):
        getattr(Strings(values), "nope")


def test_templates_see_globals_added_after_they_were_loaded_and_keep_their_own_to_themselves() -> None:
    """A template shares the environment's globals (no ChainMap copied per page): a helper added after the
    template was loaded is seen, and a template's own globals still reach neither the environment nor
    another template."""
    env = SiteEnvironment(autoescape=True, loader=jinja2.DictLoader({"a.html": "{{ greet('x') }}"}),
                          undefined=jinja2.StrictUndefined)
    page = env.get_template("a.html")
    env.add_helpers(greet=lambda who: f"hai {who}")
    assert page.render() == "hai x"
    own = env.from_string("{{ mine }}|{{ greet('y') }}", globals={"mine": "<m>"})
    assert own.render() == "&lt;m&gt;|hai y"
    assert "mine" not in env.globals
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ mine }}").render()


def _links_built(tmp_path: Path, body: str) -> list[str]:
    """The opening tags of the links to a .com address in the page built of an article of ``body``."""
    make_project(tmp_path, {"2025/06/a.md": article(body=body)})
    page = build_project(tmp_path).output.files["2025/06/a/index.html"].decode()
    return re.findall(r"<a [^>]*\.com[^>]*>", page)


def test_a_link_whose_text_is_its_address_is_marked_bare_in_code_in_any_attribute_order_and_with_a_class(
        tmp_path: Path) -> None:
    """Printed, such a link showed its address twice: the mark missed code, strong text, raw HTML with its title
    first, and a link with a class of its own; a link of other words is left alone."""
    body = ("[`https://e.com/c`](https://e.com/c) [**https://e.com/s**](https://e.com/s) "
            "<a title=\"Situs\" href=\"https://e.com/t\">https://e.com/t</a> "
            "<a class=\"ext\" href=\"https://e.com/e\">https://e.com/e</a> [laporan](https://e.com/l)\n")
    assert _links_built(tmp_path, body) == [
        '<a href="https://e.com/c" class="bare" rel="noopener">', '<a href="https://e.com/s" class="bare" rel="noopener">',
        '<a title="Situs" href="https://e.com/t" class="bare" rel="noopener">',
        '<a class="ext bare" href="https://e.com/e" rel="noopener">', '<a href="https://e.com/l" rel="noopener">']


def test_a_link_whose_text_is_its_address_without_the_scheme_is_marked_bare(tmp_path: Path) -> None:
    """Printed, [www.kompas.com](https://www.kompas.com) showed 'www.kompas.com <https://www.kompas.com>': text that
    is the address without http:// or https:// (and its last '/') says it too, its host in any case, as with the
    scheme ([KOMPAS.com/a](https://kompas.com/a) printed 'KOMPAS.com/a <https://kompas.com/a>'); other words with a
    dot, an address of another scheme, host or path (a path's case counts), are left alone."""
    body = ("[www.kompas.com](https://www.kompas.com) [kompas.com/a](https://kompas.com/a) "
            "[`e.com/c`](http://e.com/c/) [e.com/h](https://e.com/h%20i) [e.com/x](https://e.com/y) "
            "[www.e.com](ftp://www.e.com) [Kompas.com](https://kompas.com) [KOMPAS.com/a](https://kompas.com/a) "
            "[www.Kompas.com](https://www.kompas.com/) [kompas.com/A](https://kompas.com/a)\n")
    assert _links_built(tmp_path, body) == [
        '<a href="https://www.kompas.com" class="bare" rel="noopener">',
        '<a href="https://kompas.com/a" class="bare" rel="noopener">',
        '<a href="http://e.com/c/" class="bare" rel="noopener">',
        '<a href="https://e.com/h%20i" rel="noopener">', '<a href="https://e.com/y" rel="noopener">',
        '<a href="ftp://www.e.com">', '<a href="https://kompas.com" class="bare" rel="noopener">',
        '<a href="https://kompas.com/a" class="bare" rel="noopener">',
        '<a href="https://www.kompas.com/" class="bare" rel="noopener">', '<a href="https://kompas.com/a" rel="noopener">']


def test_a_link_whose_text_is_another_address_is_marked_url(tmp_path: Path) -> None:
    """In a table's cell such a link ('[https://kompas.com/a](https://kmp.com/x)') may break anywhere, as a bare one
    may, while a link of words keeps them whole: the theme tells them apart by this class."""
    body = "[https://kompas.com/a](https://kmp.com/x) [https://e.com/b](https://e.com/b) [Kompas](https://kmp.com/y)\n"
    assert _links_built(tmp_path, body) == [
        '<a href="https://kmp.com/x" class="url" rel="noopener">', '<a href="https://e.com/b" class="bare" rel="noopener">',
        '<a href="https://kmp.com/y" rel="noopener">']


def test_a_url_alone_in_its_cell_is_marked_alone(tmp_path: Path) -> None:
    """The theme gives a URL that is all of its cell a readable width of its own; one in a cell's sentence made
    that box too, and 'Kunjungi' stood on a line above the URL, 'hari ini' below. Only the one alone is marked."""
    body = ("| a | b | c |\n|---|---|---|\n| https://e.com/a | Kunjungi https://e.com/b hari ini "
            "| [https://e.com/c](https://x.com/c) |\n\n<table><tr><td>\n<a href=\"https://e.com/d\">e.com/d</a>\n"
            "</td></tr></table>\n\nhttps://e.com/p\n")
    assert _links_built(tmp_path, body) == [
        '<a href="https://e.com/a" class="bare alone" rel="noopener">',
        '<a href="https://e.com/b" class="bare" rel="noopener">', '<a href="https://x.com/c" class="url alone" rel="noopener">',
        '<a href="https://e.com/d" class="bare alone" rel="noopener">', '<a href="https://e.com/p" class="bare" rel="noopener">']


def test_an_email_address_that_is_its_links_text_is_marked_as_a_url_is(tmp_path: Path) -> None:
    """A reader's report at 360 px: a table of contacts, each an autolink ('<budi@e.com>') alone in its cell, scrolled
    sideways, the address an ordinary link whose words never break. Such a link (its text the address of its
    'mailto:') is marked as a bare URL is, 'alone' when it is all of its cell; one whose text is another address is
    'url'; a link of words is left alone."""
    body = ("| a | b |\n|---|---|\n| Budi | <budi.santoso@e.com> |\n| Siti | Tulis ke <siti@e.com> hari ini |\n"
            "| Kontak | [redaksi@e.com](mailto:kontak@e.com) |\n\n<redaksi@e.com> [surel](mailto:x@e.com)\n")
    assert _links_built(tmp_path, body) == [
        '<a href="mailto:budi.santoso@e.com" class="bare alone">', '<a href="mailto:siti@e.com" class="bare">',
        '<a href="mailto:kontak@e.com" class="url alone">', '<a href="mailto:redaksi@e.com" class="bare">',
        '<a href="mailto:x@e.com">']


def test_a_raw_html_link_that_already_says_bare_is_marked_alone_in_its_cell(tmp_path: Path) -> None:
    """A table pasted as raw HTML whose links already had class="bare" (or "url"), as a page of this site writes them,
    kept them as ordinary width: the mark gave up on a link that had its class, and 'alone' was never added, so the
    address did not wrap at its readable width. It is added to the editor's classes, once."""
    body = ("<table><tr><td><a class=\"bare\" href=\"https://e.com/a\">https://e.com/a</a></td>"
            "<td><a class=\"url\" href=\"https://x.com/b\">https://e.com/b</a></td>"
            "<td><a class=\"bare alone\" href=\"https://e.com/c\">https://e.com/c</a></td>"
            "<td>Lihat <a class=\"bare\" href=\"https://e.com/d\">https://e.com/d</a></td></tr></table>\n")
    assert _links_built(tmp_path, body) == [
        '<a class="bare alone" href="https://e.com/a" rel="noopener">',
        '<a class="url alone" href="https://x.com/b" rel="noopener">',
        '<a class="bare alone" href="https://e.com/c" rel="noopener">', '<a class="bare" href="https://e.com/d" rel="noopener">']


def test_a_code_block_inside_a_table_is_no_second_tab_stop(tmp_path: Path) -> None:
    """A keyboard user's report: a raw '<table><tr><td><pre>…' had tabindex="0" on the table and on the code block, two
    Tab stops, the inner one clipped by the table that scrolls it. Only the outermost block that scrolls is a stop:
    a code block or table inside a table gets none; one beside it still does."""
    body = ("<table><tr><td><pre>kode di dalam tabel yang sangat panjang</pre></td>"
            "<td><table><tr><td>dalam</td></tr></table></td></tr></table>\n\n"
            "```\nkode sendiri\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    make_project(tmp_path, {"2025/06/a.md": article(body=body)})
    page = build_project(tmp_path).output.files["2025/06/a/index.html"].decode()
    body_html = page[page.index('class="body'):]
    assert re.findall(r"<(pre|table)( tabindex=\"0\")?", body_html) == [
        ("table", ' tabindex="0"'), ("pre", ""), ("table", ""), ("pre", ' tabindex="0"'), ("table", ' tabindex="0"')]


def test_an_undefined_name_in_a_packaged_macro_gets_advice_that_reaches_inside_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A reader's report: a packaged macro's own undefined name was given '{% set lang = ... %}' advice, which
    cannot reach inside a macro (it sees its arguments and the helpers); the advice is to change the macro in a copy
    of its template. A name the editor's template passes the macro undefined keeps the {% set %} advice, which works."""
    import generator.load.config as config_module
    import generator.render.theme as theme_module
    packaged = tmp_path / "package-themes"
    shutil.copytree(PACKAGE_THEMES / "default", packaged / "plain")
    write_files(packaged / "plain", {"templates/_badge.html": "{% macro badge(x) %}\n<b>{{ x.title }}</b>\n"
                                                               "<i>{{ lang }}</i>\n{% endmacro %}\n"})
    monkeypatch.setattr(config_module, "PACKAGE_THEMES", packaged)
    monkeypatch.setattr(theme_module, "PACKAGE_THEMES", packaged)
    make_project(tmp_path / "site", {"a.md": article()}, config=CONFIG + "theme: plain\n")
    problems = []
    for call in ('{% set lang = "id" %}{{ badge(article) }}', "{{ badge(artikel) }}"):
        write_files(tmp_path / "site", {"templates/article.html": '{% extends "theme/article.html" %}\n'
                                        '{% from "_badge.html" import badge %}\n{% block main %}\n'
                                        f"{call}\n{{% endblock %}}\n"})
        with pytest.raises(BuildError) as caught:
            build_project(tmp_path / "site").output.files
        problems += [str(p) for p in caught.value.problems]
    assert problems == [
        "templates/article.html:4: template error: the theme's _badge.html:3, reached from here, needs 'lang' in a "
        "macro, which sees its arguments and the site's helpers only ({% set %} here does not reach inside it): copy "
        "_badge.html to your templates/ and change the macro there, to take 'lang' as an argument or do without it",
        "templates/article.html:4: template error: the theme's _badge.html:2, reached from here, needs 'artikel', "
        "which this template does not set; set it before it ({% set artikel = ... %}) or change this template"]


@pytest.mark.parametrize("hidden, named", [(".partial.html", "_partial.html"), (".parts/box.html", "parts/box.html"),
                                           ("box.html~", "box.html"), ("./.partial.html", "_partial.html"),
                                           ("parts/./.box.html~", "parts/_box.html")])
def test_a_hidden_partial_is_refused_so_no_build_keeps_pages_of_its_old_text(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], hidden: str, named: str) -> None:
    """'{% include ".partial.html" %}' rendered, but a hidden file (or an editor's backup) is left out of the
    templates' fingerprint and of the preview's watch (``precompiled.left_out``), so an edit to it left every page
    with its old text in an incremental build. It is refused, named; renamed as told, an edit reaches the page."""
    from generator.commands.cli import main

    config = str(tmp_path / "config.yaml")
    include = '{% extends "theme/article.html" %}\n{% block main %}\n{% include "' + hidden + '" %}\n{% endblock %}\n'
    make_project(tmp_path, {"2025/06/a.md": article(slug="a")})
    write_files(tmp_path, {"templates/article.html": include, f"templates/{hidden}": '<p class="box">satu</p>\n'})
    assert main(["build", "-q", "--config", config]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"templates/article.html:3: template error: template '{hidden}' is left out of builds, as a hidden file or an "
        f"editor's backup is, so an edit to it would not reach the pages; rename it '{named}' and use that name; fix "
        "the template, or remove your override of it")
    (tmp_path / "templates" / hidden).unlink()
    write_files(tmp_path, {"templates/article.html": include.replace(hidden, named),
                           f"templates/{named}": '<p class="box">satu</p>\n'})
    assert_an_edit_reaches_the_page(tmp_path, named)


@pytest.mark.parametrize("hidden, named", [(".box.html", "_box.html"), ("box.html~", "box.html")])
def test_a_hidden_partial_whose_visible_name_is_taken_is_told_to_merge(tmp_path: Path, hidden: str, named: str) -> None:
    """With both 'templates/.box.html' and 'templates/_box.html', '{% include ".box.html" %}' was told to rename
    '.box.html' '_box.html', onto the file there. It is told to use that name and merge the two."""
    errors = build_errors(tmp_path, {
        "templates/article.html": '{% extends "theme/article.html" %}\n{% block main %}\n{% include "' + hidden
                                  + '" %}\n{% endblock %}\n',
        f"templates/{hidden}": '<p class="box">lama</p>\n', f"templates/{named}": '<p class="box">baru</p>\n'})
    assert errors == [f"templates/article.html:3: template error: template '{hidden}' is left out of builds, as a "
                      "hidden file or an editor's backup is, so an edit to it would not reach the pages; "
                      f"'{named}', the name to rename it to, is taken: use that name, move into that file what "
                      f"'{hidden}' has that it lacks, and delete '{hidden}'; fix the template, or remove your "
                      "override of it"]


def test_a_hidden_name_that_is_no_file_is_not_found_with_the_one_meant(tmp_path: Path) -> None:
    """An attacker's report: '{% include ".v.html" %}', with no '.v.html' but a '_v.html', was told '.v.html' is left
    out of builds and to rename it '_v.html', a file there is none of to rename: the name was refused before the file
    was looked for. Only a file that is there is refused; a name of none is "not found", with the one meant."""
    errors = build_errors(tmp_path, {
        "templates/article.html": '{% extends "theme/article.html" %}\n{% block main %}\n{% include ".v.html" %}\n'
                                  '{% endblock %}\n',
        "templates/_v.html": '<p class="box">satu</p>\n'})
    assert errors == ["templates/article.html:3: template error: template '.v.html' not found (did you mean "
                      "'_v.html'?); fix the template, or remove your override of it"]


def assert_an_edit_reaches_the_page(root: Path, partial: str) -> None:
    """A build shows the partial ``templates/<partial>`` ('satu') in the article's page, and the next,
    incremental, build shows an edit to it."""
    from generator.commands.cli import main

    config = str(root / "config.yaml")
    assert main(["build", "-q", "--config", config]) == 0
    page = root / "site/2025/06/a/index.html"
    assert '<p class="box">satu</p>' in page.read_text()
    write_files(root, {f"templates/{partial}": '<p class="box">dua</p>\n'})
    assert main(["build", "-q", "--config", config]) == 0
    assert '<p class="box">dua</p>' in page.read_text(), "the incremental build sees the edit"


@pytest.mark.parametrize("written, target, message", [
    ("./_box.html", "_box.html", ""), ("parts/./_box.html", "parts/_box.html", ""),
    ("parts/../_box.html", "_box.html", "templates/article.html:3: template error: template 'parts/../_box.html' not "
                                        "found (did you mean '_box.html'?); fix the template, or remove your override "
                                        "of it"),
])
def test_a_dot_part_of_an_included_name_is_read_as_jinja_reads_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], written: str, target: str, message: str) -> None:
    """'{% include "./_box.html" %}' is ``_box.html`` to Jinja (``split_template_path`` skips a ``.`` part), no
    hidden file: it builds, and an edit to the file reaches the page. A ``..`` part is Jinja's "not found", as it
    was, never a hidden file to rename '/_box.html'."""
    from generator.commands.cli import main

    config = str(tmp_path / "config.yaml")
    make_project(tmp_path, {"2025/06/a.md": article(slug="a")})
    write_files(tmp_path, {"templates/article.html": '{% extends "theme/article.html" %}\n{% block main %}\n'
                                                     '{% include "' + written + '" %}\n{% endblock %}\n',
                           f"templates/{target}": '<p class="box">satu</p>\n', "templates/parts/.keep": ""})
    if message:
        assert main(["build", "-q", "--config", config]) == 1
        assert capsys.readouterr().err.splitlines()[0] == message
        return
    assert_an_edit_reaches_the_page(tmp_path, target)
