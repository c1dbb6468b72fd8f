"""`digest init`, `new`, `check`, --quiet/--verbose and the progress bar, as a user runs them."""
from __future__ import annotations

import json
import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import article, make_project, write_files
from generator.commands.cli import main
from generator.commands.scaffold import starter_requirement

EPOCH_2025_06_13_0900_JAKARTA = "1749780000"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_init_in_a_folder_with_spaces_prints_a_command_that_can_be_pasted(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str],
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """'next: cd kabar ái proj && ...' pasted into a shell ran 'cd kabar', which fails."""
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "init", "kabar ái proj")
    assert code == 0 and out.endswith(" s\nnext: cd 'kabar ái proj' && digest new \"Judul artikel\" && digest serve\n")


def test_init_in_a_folder_named_like_an_option_prints_a_cd_that_works(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str],
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """'digest init -- -x' printed 'next: cd -x && ...', and 'cd -x' fails: an invalid option."""
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "init", "--", "-x")
    assert code == 0 and out.endswith(' s\nnext: cd ./-x && digest new "Judul artikel" && digest serve\n')
    assert subprocess.run(["sh", "-c", out.splitlines()[-1].removeprefix("next: ").split(" && ")[0]],
                          cwd=tmp_path).returncode == 0


def test_init_in_the_current_folder_prints_no_cd(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """'digest init .' printed 'next: cd . && ...': a cd that goes nowhere."""
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "init", ".")
    assert code == 0 and out.endswith(' s\nnext: digest new "Judul artikel" && digest serve\n')
    monkeypatch.chdir(tmp_path.parent)
    code, out, _ = run(capsys, "init", str(tmp_path / "sub"))
    assert code == 0 and out.endswith(f' s\nnext: cd {tmp_path.name}/sub && digest new "Judul artikel" && digest serve\n')


def test_init_new_build_check_in_a_fresh_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2025_06_13_0900_JAKARTA)
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "init", "x")
    assert (code, err) == (0, f"note: {starter_requirement()[1]}\n" if starter_requirement()[1] else "")
    assert out.startswith("created a news digest in x (7 files) in ")
    assert out.endswith(' s\nnext: cd x && digest new "Judul artikel" && digest serve\n')

    monkeypatch.chdir(tmp_path / "x")
    assert run(capsys, "new", "Tes") == (0, "content/2025/06/tes.md\n", "")
    code, out, err = run(capsys, "build")
    assert (code, err) == (0, "content/2025/06/tes.md:11: warning: the placeholder text is still there "
                              "(digest new wrote it); replace it with the digest text\n")
    new = tmp_path / "x/content/2025/06/tes.md"
    new.write_text(new.read_text().split("---\n\n")[0] + "---\n\nIsi berita yang sebenarnya.\n")
    code, out, err = run(capsys, "build")
    assert (code, err) == (0, "")
    assert out.startswith("built 2 articles, ")
    assert not (tmp_path / "x/themes").exists()
    code, out, err = run(capsys, "check", "--strict")
    assert (code, err) == (0, "")
    assert out.splitlines()[-1].startswith("checked 2 articles in ")
    assert out.splitlines()[-1].endswith(" s: 0 errors, 0 warnings, 3 hints")
    assert out.splitlines()[0] == ("content/2025/06/selamat-datang.md:9: field 'companies': hint: "
                                   "company 'Google' has only this article")


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    assert run(capsys, "init", str(tmp_path)) == (
        2, "", f"error: {tmp_path} is not empty; give a new or empty folder, so nothing of yours is overwritten\n")


def test_init_refuses_a_folder_inside_a_built_site_or_a_projects_content(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """'digest init site/blog' said 'created', and the next build moved it to .site.prev/blog, the one after deleted
    it; 'digest init content/sub' was accepted, and the project then published the nested example article twice."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2025_06_13_0900_JAKARTA)
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "init", "p")[0] == 0
    monkeypatch.chdir(tmp_path / "p")
    assert run(capsys, "build", "-q")[0] == 0
    assert run(capsys, "init", "site/blog") == (
        2, "", f"error: refusing to make a project in site/blog: it is inside {tmp_path}/p/site, a site digest built, "
               "which the next build there replaces whole; choose a folder outside it\n")
    assert run(capsys, "init", "content/sub") == (
        2, "", f"error: refusing to make a project in content/sub: it is inside {tmp_path}/p/content, a folder of the "
               f"project {tmp_path}/p whose next build would read the new project's files as its own; choose a "
               "folder outside it\n")
    assert not (tmp_path / "p/site/blog").exists() and not (tmp_path / "p/content/sub").exists()


def test_a_source_date_epoch_from_long_ago_is_named_where_it_leaves_articles_out(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """SOURCE_DATE_EPOCH=315532800 (1980) left out every article, each with 'more than a year ahead ... if the year
    is a typo, correct it', and on a built site the build stopped with 'check content_dir': neither named the
    variable that made them future."""
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "init", "p")[0] == 0
    monkeypatch.chdir(tmp_path / "p")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2025_06_13_0900_JAKARTA)
    assert run(capsys, "build", "-q") == (0, "", "")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "315532800")
    warning = ("content/2025/06/selamat-datang.md:3: field 'date': warning: is 2025-06-02, more than a year after "
               "1980-01-01, the date SOURCE_DATE_EPOCH=315532800 gives, so the article is left out until then (see "
               "--future); if the year is a typo, correct it; if SOURCE_DATE_EPOCH is not the time to build as of, "
               "unset it\n")
    assert run(capsys, "build") == (1, "", (
        "content: no articles to publish, but the last build published 1; the 1 article is dated after 1980-01-01, "
        "the date SOURCE_DATE_EPOCH=315532800 gives, so left out as future; unset SOURCE_DATE_EPOCH, or set it to the "
        "time to build as of (or build with --allow-empty to publish an empty site)\n"
        "error: 1 problem found; nothing was written\n"))
    code, out, err = run(capsys, "build", "--allow-empty")
    assert (code, err) == (0, warning) and out.startswith("built 0 articles, ")
    shutil.rmtree(tmp_path / "p/.cache")  # not the build's warnings, replayed: check's own
    code, out, _ = run(capsys, "check")  # check reads 'now' the same way, and says so the same way
    assert code == 0 and warning.rstrip("\n") in out.splitlines()


def test_new_prints_the_path_resolves_companies_and_refuses_unknown_ones(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH_2025_06_13_0900_JAKARTA)
    monkeypatch.chdir(make_project(tmp_path, {}, companies="amazon: {name: Amazon, aliases: [AWS]}\n"))
    assert run(capsys, "new", "Satu", "--companies", "aws", "-v") == (
        0, "company 'aws' is 'Amazon' in the registry\ncontent/2025/06/satu.md\n", "")
    assert run(capsys, "new", "Dua", "--quiet") == (0, "", "")
    assert (tmp_path / "content/2025/06/dua.md").is_file()
    assert run(capsys, "new", "Tiga", "--companies", "Amazom") == (
        2, "", "error: company 'Amazom' is not in content/companies.yaml; did you mean 'Amazon'?\n")
    assert run(capsys, "new", "Satu") == (
        2, "", "error: content/2025/06/satu.md already exists; edit that file, or give the new article another title\n")


CHECK_SITE = {
    "a.md": article(title="Amazon dan AWS", companies="[Amazon]", section="Asia"),
    "b.md": article(title="Kabar lain", companies="[Amazon]", section="Asia"),
}


def test_check_text_output_and_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_project(tmp_path, CHECK_SITE, companies="amazon: {name: Amazon, aliases: [AWS]}\n")
    config = str(tmp_path / "config.yaml")
    warning = ("content/b.md:4: field 'companies': warning: 'Amazon' is listed but never mentioned in the title, "
               "summary or body (nor as 'AWS'); mention it, or remove it from companies")
    code, out, err = run(capsys, "check", "--config", config)
    assert (code, err, out.splitlines()[:-1]) == (0, "", [warning])
    assert out.splitlines()[-1].endswith(" s: 0 errors, 1 warning, 0 hints")
    assert run(capsys, "check", "--config", config, "--strict", "--quiet") == (1, warning + "\n", "")

    (tmp_path / "content/c.md").write_text(article(date="kemarin"))
    code, out, _ = run(capsys, "check", "--config", config, "-q")
    assert code == 1
    assert out.splitlines()[0] == warning
    assert out.splitlines()[1].startswith("content/c.md:3: field 'date': 'kemarin' is a date relative")


def test_a_check_that_stops_at_a_broken_file_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A broken companies.yaml or config.yaml ended the check with 'checked 0 articles', as if there were none."""
    make_project(tmp_path, CHECK_SITE, companies="amazon: {name: Amazon}}\n")
    config = str(tmp_path / "config.yaml")
    code, out, err = run(capsys, "check", "--config", config)
    assert (code, err, out.splitlines()[-1].split(" in ")[0]) == (1, "", "stopped at content/companies.yaml")
    assert out.splitlines()[-1].endswith(" s: 1 error, 0 warnings, 0 hints; the links, companies and sources are "
                                         "checked once it is fixed")
    (tmp_path / "content/companies.yaml").write_text("amazon: {name: Amazon}\n")
    (tmp_path / "config.yaml").write_text("base_url: {a: b}}\n")
    code, out, err = run(capsys, "check", "--config", config, "--format", "json")
    assert (code, err.split(" in ")[0], json.loads(out)["summary"]) == (
        1, "stopped at config.yaml", {"errors": 1, "hints": 0, "warnings": 0})
    assert err.endswith(" s: 1 error, 0 warnings, 0 hints; the articles are checked once it is fixed\n")
    # a content_dir that is no folder: nothing was there to check, in this run and when the report is replayed
    (tmp_path / "config.yaml").write_text("content_dir: nowhere\n")
    for _ in range(2):
        code, out, _ = run(capsys, "check", "--config", config)
        assert (code, out.splitlines()[-1].split(" in ")[0]) == (1, "stopped at config.yaml")
        assert out.endswith("; the articles are checked once it is fixed\n")
    # an article's own 'content_dir' field in error is no reason to say the articles were not checked
    (tmp_path / "config.yaml").write_text("title: T\n")
    (tmp_path / "content/c.md").write_text(article(title="C").replace("---\n", "---\ncontent_dir: a\ncontent_dir: b\n", 1))
    code, out, _ = run(capsys, "check", "--config", config)
    assert (code, out.splitlines()[-1].split(" in ")[0]) == (1, "checked 3 articles")  # c.md too: its error is said


def test_check_json_is_stable_and_alone_on_stdout(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_project(tmp_path, CHECK_SITE, companies="amazon: {name: Amazon, aliases: [AWS]}\n")
    code, out, err = run(capsys, "check", "--config", str(tmp_path / "config.yaml"), "--format", "json")
    assert code == 0
    assert err.startswith("checked 2 articles in ")
    assert out == json.dumps(json.loads(out), sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert json.loads(out) == {
        "articles": 2,
        "problems": [{"code": "unmentioned-company", "column": None, "field": "companies", "line": 4,
                      "path": "content/b.md", "severity": "warning",
                      "message": "'Amazon' is listed but never mentioned in the title, summary or body (nor as 'AWS'); "
                                 "mention it, or remove it from companies"}],
        "summary": {"errors": 0, "hints": 0, "warnings": 1},
    }
    assert run(capsys, "check", "--config", str(tmp_path / "config.yaml"), "--format", "json", "-q")[1:] == (out, "")


def test_check_json_gives_no_line_for_a_finding_about_a_whole_file(tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """A sources.yaml that is a folder was '"line": 0', which a CI problem matcher reads as a place, as it would
    a column of 0; the text form says 'content/sources.yaml: is not a regular file' with no line, and so does this."""
    make_project(tmp_path, CHECK_SITE)
    (tmp_path / "content/sources.yaml").mkdir()
    (tmp_path / "content/x.md").write_text("no front matter here\n")
    code, out, _ = run(capsys, "check", "--config", str(tmp_path / "config.yaml"), "--format", "json")
    assert code == 1
    assert [(p["path"], p["line"], p["column"]) for p in json.loads(out)["problems"]
            if p["path"] in ("content/sources.yaml", "content/x.md")] == [
        ("content/sources.yaml", None, None), ("content/x.md", 1, None)]


@pytest.mark.parametrize("command", ["build", "init", "new", "serve", "check"])
def test_every_command_has_quiet_verbose_and_examples(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        main([command, "--help"])
    out = capsys.readouterr().out
    assert e.value.code == 0
    assert "-q, --quiet" in out and "-v, --verbose" in out and "examples:" in out
    with pytest.raises(SystemExit) as e:
        main([command, "-q", "-v"])
    assert e.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_a_broken_template_is_a_message_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_project(tmp_path, {"a.md": article()})
    write_files(tmp_path, {"templates/index.html": "{% extends 'base.html' %}\n{% block main %}{{ pager.nope() }}{% endblock %}\n"})
    assert run(capsys, "build", "--config", str(tmp_path / "config.yaml")) == (1, "", (
        "templates/index.html:2: template error: a Pager has no 'nope'; its names: articles, first, images, links, "
        "next, number, path, prev, total; fix the template, or remove your override of it\n"
        "error: 1 problem found; nothing was written\n"))


def test_a_misspelt_name_in_a_template_gets_the_likely_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_project(tmp_path, {"a.md": article()})
    write_files(tmp_path, {"templates/article.html": "{% extends 'base.html' %}\n{% block main %}\n"
                                                     "{{ article.titel }}{% endblock %}\n"})
    assert run(capsys, "build", "--config", str(tmp_path / "config.yaml")) == (1, "", (
        "templates/article.html:3: template error: an Article has no 'titel' "
        "(did you mean 'title'?); fix the template, or remove your override of it\n"
        "error: 1 problem found; nothing was written\n"))


def test_a_progress_bar_on_a_terminal_for_big_builds_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_project(tmp_path, {f"a{i:03d}.md": article(title=f"A {i}") for i in range(301)})
    code, out, err = run(capsys, "build", "--config", str(tmp_path / "config.yaml"))
    assert (code, err) == (0, ""), "no progress bar when stderr is not a terminal"
    assert out.startswith("built 301 articles")
    assert "Reading articles" in build_on_a_terminal(tmp_path)
    (tmp_path / "content/a300.md").unlink()
    assert "Reading articles" not in build_on_a_terminal(tmp_path), "300 articles or fewer: no bar"


def build_on_a_terminal(root: Path) -> str:
    """What `digest build` shows on stderr when stderr is a terminal."""
    parent, child = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "generator", "build", "--no-cache"], cwd=root, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=child, env={**os.environ, "TERM": "xterm"})
    os.close(child)
    shown = b""
    try:
        while True:
            try:
                chunk = os.read(parent, 65536)
            except OSError:  # the terminal closed: the process is done with it
                break
            if not chunk:
                break
            shown += chunk
        assert proc.wait(timeout=30) == 0
    finally:
        os.close(parent)
        proc.kill()
    return shown.decode(errors="replace")
