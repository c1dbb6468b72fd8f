"""The `digest build` command as an editor meets it: summary, errors, exit codes, a site left intact."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import BUFFERED, CONFIG, FIXTURE_SITE, article, make_project, need, skip_or_fail, write_files
from generator.commands.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_build_prints_a_one_line_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_project(tmp_path, {"2025/06/a.md": article(), "2025/06/b.md": article(title="B", draft="true")})
    code, out, err = run(capsys, "build", "--config", str(tmp_path / "config.yaml"))
    assert code == 0 and err == ""
    assert out.startswith("built 1 article, 15 pages, 6 feeds in ")  # /archive/, /search/, /sources/, /weekly/ and an edition with its email.html and email.txt; feeds in three formats
    assert out.endswith(f" s → {tmp_path / 'site'} (left out: 1 draft; see --drafts, --future)\n")
    assert (tmp_path / "site" / "2025/06/a/index.html").is_file()


def test_every_problem_is_reported_at_once_and_the_old_site_survives(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_project(tmp_path, {"a.md": article()})
    assert run(capsys, "build", "--config", str(tmp_path / "config.yaml"))[0] == 0
    before = tree(tmp_path / "site")
    (tmp_path / "content/b.md").write_text("---\ntitle: 2026\ndate: 2026-02-30\n---\nx\n")
    (tmp_path / "content/c.md").write_text("---\ntitle: ok\ndate: 2025-01-01\ntags: a, b\n---\nx\n")
    code, out, err = run(capsys, "build", "--config", str(tmp_path / "config.yaml"))
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "content/b.md:2: field 'title': must be text; YAML read '2026' as a number; put it in quotes: title: \"2026\"",
        "content/b.md:3: field 'date': '2026-02-30' is not a valid date (day is out of range for month); "
        "write YYYY-MM-DD or an ISO 8601 date-time such as 2025-06-13T09:00:00+07:00, or the date as the news page prints it: 13 Juni 2025 09.00 WIB",
        "content/c.md:4: field 'tags': must be a list; write tags: [a, b] or one '- item' line per tag",
        "error: 3 problems found; nothing was written",
    ]
    assert "Traceback" not in err
    assert tree(tmp_path / "site") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cache", "config.yaml", "content", "site"]


def test_warnings_found_when_pages_are_planned_wait_for_content_without_errors(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The README said these warnings wait for a build without errors; they wait for config.yaml and content/
    without errors: a build stopped by a template's error lists them, and digest check does in any case."""
    make_project(tmp_path, {"2025/06/a.md": article(image="images/depan.jpg", image_alt="Foto",
                                                    body="Lihat ![peta](/images/peta.png).\n"),
                            "2025/06/b.md": article(date="2025-13-01")}, config=CONFIG + "image: images/share.png\n")
    config = str(tmp_path / "config.yaml")
    waiting = [
        "config.yaml:3: field 'image': warning: images/share.png is not a file in static/ (nor the theme's), so pages "
        "shared without an image of their own would show a broken one; put the file at static/images/share.png",
        "content/2025/06/a.md:4: field 'image': warning: images/depan.jpg is not a file in static/, so the article "
        "would show a broken image; put the file at static/images/depan.jpg",
        "content/2025/06/a.md:7: warning: the image '/images/peta.png' points at /images/peta.png, which is not a file "
        "of the site, so the page shows a broken image; put the file at static/images/peta.png"]
    date = ("content/2025/06/b.md:3: field 'date': '2025-13-01' is not a valid date (month must be in 1..12); write "
            "YYYY-MM-DD or an ISO 8601 date-time such as 2025-06-13T09:00:00+07:00, or the date as the news page "
            "prints it: 13 Juni 2025 09.00 WIB")
    stopped = "error: 1 problem found; nothing was written"
    assert run(capsys, "build", "--config", config)[::2] == (1, f"{date}\n{stopped}\n")
    code, err, _ = run(capsys, "check", "--config", config)
    assert code == 1 and [line for line in err.splitlines() if line in waiting or line == date] == [*waiting, date]
    (tmp_path / "content/2025/06/b.md").write_text(article())
    write_files(tmp_path, {"templates/article.html": '{% extends "theme/article.html" %}'
                                                     "{% block main %}{{ article.kicker }}{% endblock %}\n"})
    code, _, err = run(capsys, "build", "--config", config)
    assert code == 1 and err.splitlines()[:3] == waiting
    assert err.splitlines()[-1] == stopped
    assert err.splitlines()[3].startswith("templates/article.html:1: template error: an Article has no 'kicker'")


@pytest.mark.parametrize("broken", [("config", "companies"), ("config",), ("companies",)])
def test_a_broken_config_or_registry_does_not_hide_the_other_files_problems(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], broken: tuple[str, ...]) -> None:
    """A config.yaml with a bad value and a broken companies.yaml, together, hid the articles' errors from build;
    sources.yaml's problems waited until both were fixed. Every file's problems come in one run, build and check."""
    make_project(tmp_path, {"a.md": article(title="")},
                 config=CONFIG + ("page_size: -3\n" if "config" in broken else ""),
                 companies="meta:\n  nme: Meta\n" if "companies" in broken else "meta:\n  name: Meta\n")
    (tmp_path / "content/sources.yaml").write_text("cnbc.com:\n  name: [x\n")
    expected = [
        *(["config.yaml:3: field 'page_size': must be a whole number of at least 1, got -3"] if "config" in broken else []),
        "content/a.md:2: field 'title': it is empty; write it after the colon, like title: ...",
        *(["content/companies.yaml:1: field 'meta.name': is required; add name: \"...\"",
           "content/companies.yaml:2: field 'meta.nme': unknown key; did you mean 'name'?"] if "companies" in broken else []),
        # read past its slip: the entry's other problems with it
        "content/sources.yaml:1: field 'cnbc.com': needs 'url:' or 'aliases:' to know which articles are its own",
        "content/sources.yaml:1: field 'cnbc.com': publisher id must be lowercase letters, digits and hyphens, like "
        "'the-verge'",
        "content/sources.yaml:2: field 'cnbc.com.name': starts with '[', which YAML reads as a list; put the whole "
        "value in double quotes: name: \"[x\"",
    ]
    code, out, err = run(capsys, "build", "--config", str(tmp_path / "config.yaml"))
    assert code == 1 and out == ""
    assert err.splitlines() == [*expected, f"error: {len(expected)} problems found; nothing was written"]
    code, out, _ = run(capsys, "check", "--config", str(tmp_path / "config.yaml"))
    assert code == 1 and out.splitlines()[:-1] == expected


def test_a_draft_left_out_does_not_stop_a_strict_deploy_but_its_errors_do(tmp_path: Path,
                                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """A work-in-progress draft committed with its placeholder text failed `digest build --strict` and `digest
    check --strict` (CI's deploy), though the build leaves it out. Its warnings now wait for --drafts, as Hugo and
    Zola leave drafts alone; an error in it (the file cannot be read as an article) still stops the build."""
    make_project(tmp_path, {"a.md": article(title="A"),
                            "b.md": article(title="B", draft="true", sumary="x", body="Tulis ringkasan berita di sini: "
                                            "apa yang terjadi, siapa yang terlibat, dan mengapa penting.\n")})
    config = str(tmp_path / "config.yaml")
    code, out, err = run(capsys, "build", "--strict", "--config", config)
    assert (code, err) == (0, "") and "left out: 1 draft" in out
    assert run(capsys, "check", "--strict", "--config", config)[0] == 0
    code, _, err = run(capsys, "build", "--strict", "--drafts", "--config", config)
    assert code == 1 and err.splitlines() == [
        "content/b.md:5: field 'sumary': warning: unknown field, ignored; did you mean 'summary'?",
        "content/b.md:7: warning: the placeholder text is still there (digest new wrote it); replace it with the "
        "digest text",
        "error: 2 warnings and --strict is on; nothing was written"]
    code, out, err = run(capsys, "check", "--strict", "--drafts", "--config", config)
    assert code == 1 and "content/b.md:7: warning: the placeholder text" in out + err
    (tmp_path / "content/b.md").write_text(article(title="B", draft="true", date="2025-13-01"))
    code, _, err = run(capsys, "build", "--config", config)
    assert code == 1 and "content/b.md:3: field 'date'" in err


def test_the_output_folder_is_shown_as_the_user_would_type_it(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Run in the project, the line ended "→ /the/whole/path/site" (the README shows "→ site")."""
    make_project(tmp_path, {"a.md": article()})
    monkeypatch.chdir(tmp_path)
    assert run(capsys, "build")[1].endswith(" → site\n")
    assert run(capsys, "build")[1].endswith(") → site\n")  # up to date


def test_strict_turns_warnings_into_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_project(tmp_path, {"a.md": article(sumary="typo")})
    code, out, err = run(capsys, "build", "--strict", "--config", str(tmp_path / "config.yaml"))
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "content/a.md:4: field 'sumary': warning: unknown field, ignored; did you mean 'summary'?",
        "error: 1 warning and --strict is on; nothing was written"]
    assert not (tmp_path / "site").exists()
    code, _, err = run(capsys, "build", "--config", str(tmp_path / "config.yaml"))
    assert code == 0 and "did you mean 'summary'?" in err


def test_unknown_config_key_is_an_error_with_a_suggestion(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_project(tmp_path, {"a.md": article()}, config=CONFIG + "page_sise: 10\nlanguage: fr\n")
    code, _, err = run(capsys, "build", "--config", str(tmp_path / "config.yaml"))
    assert code == 1
    assert err.splitlines()[:2] == [
        "config.yaml:3: field 'page_sise': unknown key; did you mean 'page_size'?",
        "config.yaml:4: field 'language': 'fr' is not supported; use one of: id, en"]


def test_refusal_exits_2_before_anything_is_written(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_project(tmp_path, {"a.md": article()})
    code, out, err = run(capsys, "build", "--config", str(tmp_path / "config.yaml"), "--output", str(tmp_path / "content"))
    assert (code, out) == (2, "")
    assert err == f"error: refusing to build into {tmp_path / 'content'}: it overlaps {tmp_path / 'content'}, which holds your sources\n"
    assert sorted(p.name for p in (tmp_path / "content").iterdir()) == ["a.md"]


@pytest.mark.parametrize("output", [".cache", ".cache/serve/8000"])
def test_the_cache_is_never_an_output(tmp_path: Path, capsys: pytest.CaptureFixture[str], output: str) -> None:
    """`--output .cache` (on a fresh project) built the site into the cache's folder: build.sqlite was published with
    it, a spare `..cache.prev` made, and every later build refused that; `.cache/serve/8000` is serve's preview."""
    make_project(tmp_path, {"a.md": article()})
    code, out, err = run(capsys, "build", "--config", str(tmp_path / "config.yaml"), "--output", str(tmp_path / output))
    assert (code, out) == (2, "")
    assert err == (f"error: refusing to build into {tmp_path / output}: it overlaps {tmp_path / '.cache'}, digest's "
                   "cache (and digest serve's previews), which the site would then publish; use a folder such as site/\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["config.yaml", "content"]


def test_a_cache_linked_into_the_site_says_to_remove_the_link(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """.cache, a symbolic link to site/sub, was refused with 'use a folder such as site/': the very folder refused."""
    make_project(tmp_path, {"a.md": article()})
    assert run(capsys, "build", "-q", "--config", str(tmp_path / "config.yaml"))[0] == 0
    shutil.rmtree(tmp_path / ".cache")
    (tmp_path / "site/sub").mkdir()
    (tmp_path / ".cache").symlink_to("site/sub")
    assert run(capsys, "build", "--config", str(tmp_path / "config.yaml")) == (
        2, "", f"error: refusing to build into {tmp_path / 'site'}: it overlaps {tmp_path / 'site/sub'}, digest's cache "
               "(and digest serve's previews), which the site would then publish; remove the link "
               f"{tmp_path / '.cache'} (digest makes the folder again)\n")


@pytest.mark.parametrize(("output", "why"), [
    ("afile/site", "its folder {tmp}/afile cannot be made (File exists)"),
    ("afile/sub/site", "its folder {tmp}/afile/sub cannot be made (Not a directory)"),
    ("x" * 300 + "/site", "File name too long"),
], ids=["a file in the way", "a file in the way, further up", "a name too long"])
def test_an_output_folder_that_cannot_be_made_is_an_error_not_a_traceback(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], output: str, why: str) -> None:
    """A maintainer's report: `--output afile/site` (or output_dir) with a file where a folder must be, a name too
    long, a read-only disk, ended in a traceback from the build lock's mkdir."""
    make_project(tmp_path, {"a.md": article()})
    (tmp_path / "afile").write_text("mine")
    code, out, err = run(capsys, "build", "--config", str(tmp_path / "config.yaml"), "--output", str(tmp_path / output))
    assert (code, out) == (2, "")
    assert err == (f"error: cannot build into {tmp_path / output}: {why.format(tmp=tmp_path)}; choose another --output "
                   "or output_dir\n")
    assert (tmp_path / "afile").read_text() == "mine"


def test_an_output_folder_whose_making_fails_partway_leaves_no_folder_it_made(tmp_path: Path) -> None:
    """An attacker's report: `--output x/y/site` with the disk full at the second folder (ENOSPC at the mkdir of
    x/y, caused with strace) was refused, but left x/ behind. The folders made before the failure are removed."""
    need(shutil.which("strace") is not None, "strace is not installed (apt-get install strace)")
    make_project(tmp_path, {"a.md": article()})
    folder = tmp_path / "x/y"
    done = subprocess.run(["strace", "-f", "-qq", "-o", os.devnull, "-P", str(folder), "-e", "trace=mkdir,mkdirat",
                           "-e", "inject=mkdir,mkdirat:error=ENOSPC:when=2", sys.executable, "-m", "generator",
                           "build", "--config", str(tmp_path / "config.yaml"), "--output", str(folder / "site")],
                          capture_output=True, text=True, env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
                          timeout=120)
    assert (done.returncode, done.stderr) == (2, (
        f"error: cannot build into {folder / 'site'}: its folder {folder} cannot be made (No space left on device); "
        "choose another --output or output_dir\n"))
    assert not (tmp_path / "x").exists()


def test_future_articles_wait_for_their_date(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    make_project(tmp_path, {"a.md": article(date="2025-06-13T09:00:00+07:00"),
                            "b.md": article(title="Besok", date="2025-06-13T09:00:01+07:00")})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1749780000")  # 2025-06-13T09:00:00+07:00
    code, out, _ = run(capsys, "build", "--config", str(tmp_path / "config.yaml"))
    assert code == 0 and out.startswith("built 1 article,") and "(left out: 1 future-dated; see --drafts, --future)" in out
    code, out, _ = run(capsys, "build", "--future", "--config", str(tmp_path / "config.yaml"))
    assert code == 0 and out.startswith("built 2 articles")


def test_base_url_override_reaches_links_and_feeds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_project(tmp_path, {"2025/06/a.md": article()})
    assert run(capsys, "build", "--config", str(tmp_path / "config.yaml"), "--base-url", "https://x.test/sub")[0] == 0
    assert b'href="/sub/2025/06/a/"' in (tmp_path / "site/index.html").read_bytes()
    assert b"<link>https://x.test/sub/2025/06/a/</link>" in (tmp_path / "site/feed.xml").read_bytes()


@pytest.mark.parametrize("module", ["generator", "generator.commands.cli"])
def test_python_dash_m_and_help_work(module: str) -> None:
    """Both module forms are the digest command (the second once printed nothing and did nothing)."""
    result = subprocess.run([sys.executable, "-m", module, "build", "--help"], capture_output=True, text=True)
    assert result.returncode == 0 and "--base-url URL" in result.stdout and "examples:" in result.stdout


def _digest_process(project: Path, before_run: str = "", **kwargs: object) -> subprocess.CompletedProcess[str]:
    """``digest build`` as the installed command runs it (``cli.run``), after ``before_run`` (Python code)."""
    code = f"import sys\n{before_run}\nfrom generator.commands.cli import run\nsys.argv = ['digest', 'build']\nrun()\n"
    return subprocess.run([sys.executable, "-c", code], cwd=project, text=True, env=BUFFERED,
                          **kwargs)  # type: ignore[call-overload]


@pytest.mark.parametrize("module", ["generator", "generator.commands.cli"])
def test_the_command_prints_everything_to_a_pipe_before_it_ends(tmp_path: Path, module: str) -> None:
    """``run`` ends the process with ``os._exit``: the summary, which waits in stdout's buffer when stdout is a
    pipe, is flushed first, and the exit status is the command's (1 for bad input, with every problem)."""
    make_project(tmp_path, {"a.md": article()})
    result = subprocess.run([sys.executable, "-m", module, "build"], cwd=tmp_path, capture_output=True, text=True,
                            env=BUFFERED)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("built 1 article, ") and result.stdout.endswith(" → site\n")  # cwd is the project
    (tmp_path / "content/b.md").write_text("---\ntitle: B\ndate: 2025-02-30\n---\nx\n")
    result = subprocess.run([sys.executable, "-m", module, "build"], cwd=tmp_path, capture_output=True, text=True,
                            env=BUFFERED)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith("content/b.md:3: field 'date': ")
    assert result.stderr.endswith("error: 1 problem found; nothing was written\n")


def test_the_command_runs_exit_handlers_and_waits_for_other_threads(tmp_path: Path) -> None:
    """What Python's own exit does and a build's output relies on: exit handlers run, a thread still running is
    waited for (then the exit is Python's own), and the status is the command's."""
    make_project(tmp_path, {"a.md": article()})
    handler = "import atexit\natexit.register(lambda: print('handler ran', flush=True))"
    result = _digest_process(tmp_path, handler, capture_output=True)
    assert result.returncode == 0 and result.stdout.startswith("built 1 article") and result.stdout.endswith(
        "handler ran\n")
    thread = ("import threading, time\n"
              "threading.Thread(target=lambda: (time.sleep(3), print('thread done', flush=True))).start()")
    result = _digest_process(tmp_path, thread, capture_output=True)
    assert result.returncode == 0 and "up to date" in result.stdout and result.stdout.endswith("thread done\n")


@pytest.mark.parametrize("env", [
    {"PYTHONHASHSEED": "1", "TZ": "UTC", "LANG": "C"},
    {"PYTHONHASHSEED": "4242", "TZ": "America/Los_Angeles", "LANG": "id_ID.UTF-8", "LC_ALL": "id_ID.UTF-8"},
])
def test_output_is_byte_identical_across_environments(tmp_path: Path, env: dict[str, str]) -> None:
    def build_in(out: Path, extra: dict[str, str]) -> dict[str, bytes]:
        project = shutil.copytree(FIXTURE_SITE, out.with_name(out.name + "-project"))
        subprocess.run([sys.executable, "-m", "generator", "build", "-q", "--config", str(project / "config.yaml"),
                        "--output", str(out)], check=True, env={**os.environ, **extra}, capture_output=True)
        return tree(out)
    reference = build_in(tmp_path / "a", {"PYTHONHASHSEED": "0"})
    other = build_in(tmp_path / "b", env)
    assert reference == other
    leaked = [p for p, data in other.items() if str(tmp_path).encode() in data]
    assert leaked == [], "no absolute path may reach the site"


def test_a_locale_that_is_not_utf_8_changes_no_address_and_prints_no_traceback(tmp_path: Path) -> None:
    """Under a Latin-1 or ASCII locale Python read file names in that encoding: 'kafé-baru.md' was published at
    another address, an image named with 'é' lost its size and was "not a file of the site", and printing the
    summary's '→' raised UnicodeEncodeError after the site was published (exit 1)."""
    from PIL import Image
    def build_in(name: str, extra: dict[str, str]) -> tuple[subprocess.CompletedProcess[str], dict[str, bytes]]:
        project = make_project(tmp_path / name, {"2025/06/kafé-baru.md": article(
            title="Kafé baru", body="Isi.\n\n![Kafe](/images/kafé.png)\n")})
        (project / "static/images").mkdir(parents=True)
        Image.new("RGB", (40, 30)).save(project / "static/images/kafé.png")
        done = subprocess.run([sys.executable, "-m", "generator", "build", "--config", str(project / "config.yaml")],
                              env={**os.environ, "SOURCE_DATE_EPOCH": "1790000000", **extra}, capture_output=True)
        return done, tree(project / "site")
    (_, reference) = build_in("utf8", {})
    done, site = build_in("ascii", {"LC_ALL": "C", "LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"})
    assert done.returncode == 0 and b"Traceback" not in done.stderr and done.stderr == b"", done.stderr
    assert done.stdout.decode("utf-8").startswith("built 1 article")
    assert site == reference
    assert b'width="40" height="30"' in site["2025/06/kafe-baru/index.html"]


def latin1_locale(folder: Path) -> dict[str, str]:
    """The environment of a terminal whose locale is Latin-1 (de_DE.ISO-8859-1, as Debian's de_DE is), compiled into
    ``folder`` with localedef; a skip naming what is missing (CI installs Debian's locales: .ci/run)."""
    if shutil.which("localedef") is None or not Path("/usr/share/i18n/locales/de_DE").is_file():
        skip_or_fail("localedef and Debian's locales package (/usr/share/i18n/locales) make a Latin-1 locale")
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["localedef", "-i", "de_DE", "-f", "ISO-8859-1", str(folder / "de_DE.ISO-8859-1")],
                   capture_output=True)
    env = {**os.environ, "LOCPATH": str(folder), "LC_ALL": "de_DE.ISO-8859-1", "LANG": "de_DE.ISO-8859-1"}
    env.pop("PYTHONUTF8", None)
    seen = subprocess.run([sys.executable, "-c", "import sys; print(sys.getfilesystemencoding())"], env=env,
                          capture_output=True, text=True).stdout.strip()
    if seen != "iso8859-1":
        skip_or_fail(f"a Latin-1 locale made with localedef (Python read {seen or 'nothing'})")
    return env


def test_a_title_typed_in_a_latin_1_terminal_is_the_title(tmp_path: Path) -> None:
    """Restarting in UTF-8 mode handed the arguments on as text, encoded back to Latin-1 and read as UTF-8: 'é'
    typed in a Latin-1 terminal became an undecodable byte, and `digest new` failed with a traceback after
    creating an empty article, which the next build refused."""
    env = latin1_locale(tmp_path / "locales")
    project = make_project(tmp_path / "p", {"2025/06/a.md": article()})
    done = subprocess.run([sys.executable, "-m", "generator", "new", b"Kaf\xe9 baru", "--date", "2025-06-20"],
                          cwd=project, env=env, capture_output=True)
    assert done.returncode == 0 and b"Traceback" not in done.stderr, done.stderr
    assert 'title: "Kafé baru"' in (project / "content/2025/06/kafe-baru.md").read_text(encoding="utf-8")
    # a path typed there names the file it names (its bytes), as before the restart: re-encoded as UTF-8, a
    # project in 'proj\xe9' was "not found" and --output wrote to another folder
    folder = Path(os.fsdecode(bytes(tmp_path) + b"/proj\xe9"))
    shutil.copytree(project, folder)
    done = subprocess.run([sys.executable, "-m", "generator", "build", "-q", "--config", bytes(folder) + b"/config.yaml",
                           "--output", bytes(folder) + b"/aus\xe9"], env=env, capture_output=True)
    assert done.returncode == 0 and os.path.isfile(bytes(folder) + b"/aus\xe9/index.html"), done.stderr


@pytest.mark.parametrize("argument, message", [
    ([b"Caf\xe9 baru"], "the title 'Caf\\xe9 baru'"),
    ([b"Kafe", b"--section", b"Ac\xe9h"], "--section 'Ac\\xe9h'"),
    ([b"Kafe", b"--tags", b"a,b\xe9"], "--tags 'b\\xe9'"),
])
def test_new_refuses_an_argument_a_utf_8_terminal_gave_as_other_bytes(tmp_path: Path, argument: list[bytes],
                                                                     message: str) -> None:
    """An attacker's report: Latin-1 bytes typed in a UTF-8 terminal were a traceback (surrogates not allowed) and an
    empty article left behind, which the build refused and `digest new` then called existing."""
    project = make_project(tmp_path, {"2025/06/a.md": article()})
    done = subprocess.run([sys.executable, "-m", "generator", "new", *argument, "--date", "2025-06-20"],
                          cwd=project, env={**os.environ, "LC_ALL": "C.UTF-8"}, capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (2, f"error: {message} is not UTF-8; type it again in a UTF-8 terminal, "
                                                 "or set the locale the terminal uses (LANG=de_DE.ISO-8859-1 for "
                                                 "Latin-1)\n")
    assert sorted(p.name for p in (project / "content/2025/06").iterdir()) == ["a.md"]


def test_new_time_zone_rules_make_the_next_build_use_them(tmp_path: Path) -> None:
    """A system update that changes a zone's rules (Asia/Almaty went from +06 to +05 in 2024) was not an input:
    the next build said "up to date" and kept the old offsets, and later edits mixed old and new."""
    import importlib.resources
    def rules(name: str) -> Path:  # a zone file folder where Asia/Jakarta has the rules of zone `name`
        folder = tmp_path / f"zones-{name.replace('/', '-')}"
        (folder / "Asia").mkdir(parents=True, exist_ok=True)
        (folder / "Asia/Jakarta").write_bytes(
            importlib.resources.files("tzdata.zoneinfo").joinpath(*name.split("/")).read_bytes())
        return folder
    project = make_project(tmp_path / "p", {"2025/06/a.md": article(date="2025-06-02 07:00")})
    def build_with(zones: Path, *flags: str) -> str:
        done = subprocess.run([sys.executable, "-m", "generator", "build", *flags, "--config",
                               str(project / "config.yaml")], capture_output=True, text=True, check=True,
                              env={**os.environ, "PYTHONTZPATH": str(zones), "SOURCE_DATE_EPOCH": "1790000000"})
        return done.stdout
    build_with(rules("Asia/Dhaka"))  # the old rules: +06
    page = project / "site/2025/06/a/index.html"
    assert 'datetime="2025-06-02T07:00:00+06:00"' in page.read_text()
    assert "up to date" not in build_with(rules("Asia/Jakarta"))
    assert 'datetime="2025-06-02T07:00:00+07:00"' in page.read_text()
    incremental = tree(project / "site")
    build_with(rules("Asia/Jakarta"), "--no-cache")
    assert tree(project / "site") == incremental


def test_zone_rules_changed_while_a_process_runs_are_read_again(tmp_path: Path) -> None:
    """`digest serve` runs on: after a zone file changed it rebuilt (the rules' hash had changed) but ZoneInfo gave
    the rules it had read at the start, so the preview kept the old offsets."""
    import importlib.resources
    import zoneinfo
    from datetime import datetime
    from generator.load.config import zone_rules

    def rules(name: str) -> None:
        (tmp_path / "Asia").mkdir(exist_ok=True)
        (tmp_path / "Asia/Jakarta").write_bytes(
            importlib.resources.files("tzdata.zoneinfo").joinpath(*name.split("/")).read_bytes())
    rules("Asia/Jakarta")
    zoneinfo.reset_tzpath([str(tmp_path)])
    try:
        zone_rules("Asia/Jakarta")
        assert datetime(2025, 6, 1, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta")).utcoffset().seconds == 7 * 3600
        rules("Asia/Tokyo")
        zone_rules("Asia/Jakarta")
        assert datetime(2025, 6, 1, tzinfo=zoneinfo.ZoneInfo("Asia/Jakarta")).utcoffset().seconds == 9 * 3600
    finally:
        zoneinfo.reset_tzpath()
        zoneinfo.ZoneInfo.clear_cache(only_keys=["Asia/Jakarta"])
        zone_rules("Asia/Jakarta")


def test_a_template_error_mid_write_leaves_the_site_and_no_half_written_folder(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_project(tmp_path, {"a.md": article()})
    assert run(capsys, "build", "--config", str(tmp_path / "config.yaml"))[0] == 0
    before = tree(tmp_path / "site")
    write_files(tmp_path, {"templates/404.html": "{{ missing }}"})  # 404.html renders last, after most files
    code, _, err = run(capsys, "build", "--config", str(tmp_path / "config.yaml"))
    assert code == 1
    assert err.splitlines() == ["templates/404.html:1: template error: 'missing' is undefined; fix the template, "
                                "or remove your override of it", "error: 1 problem found; nothing was written"]
    assert tree(tmp_path / "site") == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [".cache", "config.yaml", "content", "site", "templates"]


def test_every_failing_template_is_said_once_with_the_warnings_and_nothing_is_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The first page that failed stopped the build: the other template's error and the warnings came next run."""
    make_project(tmp_path, {"a.md": article(), "b.md": article(title="B", date="2025-06-20")})
    assert run(capsys, "build", "--config", str(tmp_path / "config.yaml"))[0] == 0
    before = tree(tmp_path / "site")
    write_files(tmp_path, {"templates/article.html": "{{ article.titel }}", "templates/email.txt": "{{ edition.titel }}",
                           "content/c.md": article(title="C", sumary="Typo.")})
    code, out, err = run(capsys, "build", "--config", str(tmp_path / "config.yaml"))
    assert code == 1 and "Traceback" not in out + err
    assert err.splitlines() == [
        "content/c.md:4: field 'sumary': warning: unknown field, ignored; did you mean 'summary'?",
        "templates/article.html:1: template error: an Article has no 'titel' "
        "(did you mean 'title'?); fix the template, or remove your override of it",
        "templates/email.txt:1: template error: an Edition has no 'titel' "
        "(did you mean 'title'?); fix the template, or remove your override of it",
        "error: 2 problems found; nothing was written"]
    assert tree(tmp_path / "site") == before


@pytest.mark.parametrize("command", ["build", "check"])
@pytest.mark.parametrize("expression, error", [
    ("article.title + 1", 'TypeError: can only concatenate str (not "int") to str'),
    ("1 / 0", "ZeroDivisionError: division by zero"),
    ('"%d" % article.title', "TypeError: %d format: a real number is required, not str"),
])
def test_python_s_own_error_in_a_template_is_an_error_at_its_line(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, expression: str, error: str) -> None:
    """A maintainer's report: Python's own error in a template's expression was a traceback in build, check
    and serve; Jinja's own errors were already told at their line."""
    make_project(tmp_path, {"a.md": article()})
    write_files(tmp_path, {"templates/article.html": '{% extends "base.html" %}{% block main %}\n<p>{{ '
                                                     + expression + " }}</p>{% endblock %}"})
    code, out, err = run(capsys, command, "--config", str(tmp_path / "config.yaml"))
    assert code == 1 and "Traceback" not in out + err
    assert (err if command == "build" else out).splitlines()[0] == f"templates/article.html:2: template error: {error}; fix the template, or remove " \
                                  "your override of it"


@pytest.mark.parametrize("argv, message", [
    (["serve", "--port", "99999"], "argument --port: 99999 is out of range; give a port from 1 to 65535, or 0 for any "
                                   "free one"),
    (["serve", "--port", "-5"], "argument --port: -5 is out of range; give a port from 1 to 65535, or 0 for any free "
                                "one"),
    (["serve", "--port", "80a"], "argument --port: '80a' is not a whole number; give a port from 1 to 65535, or 0 "
                                 "for any free one"),
    (["build", "--jobs", "0"], "argument --jobs/-j: 0 is out of range; give 1 to 256 processes"),
    (["build", "-j", "100000"], "argument --jobs/-j: 100000 is out of range; give 1 to 256 processes"),
    (["ping", "--timeout", "nan"], "argument --timeout: 'nan' is not a number; give the seconds to wait, more than 0 "
                                   "and at most 3600, such as 10"),
    (["ping", "--timeout", "-1"], "argument --timeout: -1 is out of range; give the seconds to wait, more than 0 and "
                                  "at most 3600, such as 10"),
    (["ping", "--timeout", "1e308"], "argument --timeout: 1e308 is out of range; give the seconds to wait, more than "
                                     "0 and at most 3600, such as 10"),
    (["ping", "--timeout", "0"], "argument --timeout: 0 is out of range; give the seconds to wait, more than 0 and at "
                                 "most 3600, such as 10"),
])
def test_a_number_out_of_range_is_a_usage_error_not_a_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                argv: list[str], message: str) -> None:
    """``--port 99999`` and ``--timeout nan`` crashed with a traceback when the socket was made; ``--jobs 100000``
    would fork a process per chunk of pages. Each is refused before anything runs, with what to give instead."""
    make_project(tmp_path, {"a.md": article()})
    with pytest.raises(SystemExit) as stopped:
        main([*argv, "--config", str(tmp_path / "config.yaml")])
    assert stopped.value.code == 2
    assert capsys.readouterr().err.splitlines()[-1] == f"digest {argv[0]}: error: {message}"
    assert not (tmp_path / "site").exists()


def test_verbose_counts_pages_and_feeds_rendered_without_the_resized_pictures(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An editor's report: 'build -v' said '-2 pages and feeds rendered, 57 reused' on a site with a resized
    picture; the reused count held the picture's copies, which the pages and feeds counts leave out."""
    from PIL import Image
    make_project(tmp_path, {"2025/06/a.md": article(title="A", image="images/foto.jpg", image_alt="Foto")})
    (tmp_path / "static/images").mkdir(parents=True)
    Image.new("RGB", (1200, 800), "red").save(tmp_path / "static/images/foto.jpg")
    config = str(tmp_path / "config.yaml")
    assert main(["build", "-q", "--config", config]) == 0
    (tmp_path / "static/robots.txt").write_text("User-agent: *\n")
    capsys.readouterr()
    assert main(["build", "-v", "--config", config]) == 0
    out = capsys.readouterr().out
    rendered, reused = (int(n) for n in re.search(r"(-?\d+) pages? and feeds rendered, (\d+) reused", out).groups())
    pages, feeds = (int(n) for n in re.search(r"built 1 article, (\d+) pages, (\d+) feeds", out).groups())
    assert (rendered, reused) == (0, pages + feeds), out  # a static file added: every page and feed as it was


def test_ctrl_c_while_the_command_loads_or_reads_its_options_says_interrupted(tmp_path: Path,
                                                                                monkeypatch: pytest.MonkeyPatch,
                                                                                capsys: pytest.CaptureFixture[str]) -> None:
    """A Ctrl-C in a command's first half second (Python loading it, argparse setting up) printed a traceback of
    whichever import or argparse line it stopped, not 'interrupted' and exit 130 as later."""
    stops_import = ("import sys\nclass Stop:\n    def find_spec(self, name, *rest):\n"
                    "        if name == 'generator.core.errors':\n            raise KeyboardInterrupt\n"
                    "sys.meta_path.insert(0, Stop())\nsys.argv = ['digest', 'build']\n"
                    "from generator.__main__ import run\nrun()\n")
    loaded = subprocess.run([sys.executable, "-c", stops_import], cwd=tmp_path, capture_output=True, text=True,
                            timeout=60)
    assert (loaded.returncode, loaded.stderr) == (130, "interrupted\n")

    import generator.commands.cli as cli

    def interrupted() -> None:
        raise KeyboardInterrupt
    monkeypatch.setattr(cli, "_parser", interrupted)
    assert main(["build"]) == 130
    assert capsys.readouterr().err == "interrupted\n"


def test_a_region_line_of_listed_sections_is_an_error_not_a_new_section(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """An attacker's report: 'section: Kepri | Aceh | Nabire', a page's region line pasted whole, and
    'section: Kepri, Aceh' each became a new section in every page's section bar, with only a hint from `check`.
    Two or more of config.yaml's sections joined by ',', '|', '/' or ';' are one error each, as a list is; a
    section with a '/' of its own ('AI/ML') is a name."""
    make_project(tmp_path, {"a.md": article(section="Kepri | Aceh | Nabire"), "b.md": article(title="B", section="Kepri, aceh"),
                            "c.md": article(title="C", section="Kepri / Jakarta"), "d.md": article(title="D", section="AI/ML")},
                 config=CONFIG + "sections: [Kepri, Aceh, Nabire]\n")
    code, out, err = run(capsys, "build", "--config", str(tmp_path / "config.yaml"))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "content/a.md:4: field 'section': 'Kepri | Aceh | Nabire' joins 3 of the sections config.yaml lists (Kepri, "
        "Aceh, Nabire); section takes one value: pick one, like section: Kepri",
        "content/b.md:4: field 'section': 'Kepri, aceh' joins 2 of the sections config.yaml lists (Kepri, Aceh); "
        "section takes one value: pick one, like section: Kepri",
        "error: 2 problems found; nothing was written"]
    assert not (tmp_path / "site").exists()


def test_digest_new_with_a_region_line_is_advised_the_argument(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """An attacker's report: 'digest new "Tes" --section "Kepri, Aceh"' was advised 'like section: Kepri', the
    front matter's words, where the editor types '--section Kepri'."""
    make_project(tmp_path, {"a.md": article()}, config=CONFIG + "sections: [Kepri, Aceh]\n")
    code, out, err = run(capsys, "new", "Tes", "--section", "Kepri, Aceh", "--config", str(tmp_path / "config.yaml"))
    assert code == 2
    assert err.splitlines()[-1].endswith("section takes one value: pick one, like --section Kepri"), err


@pytest.mark.parametrize(("config", "environment", "named"), [
    ("other.yaml", [], "other.yaml"),
    ("config.yaml", ["--environment", "staging"], "config.staging.yaml"),
])
def test_a_region_line_of_listed_sections_names_the_config_file_that_lists_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str, environment: list[str], named: str) -> None:
    """The error said "the sections config.yaml lists" for a site built with '--config other.yaml', or whose
    sections config.staging.yaml sets: it names the file that lists them, as other messages do."""
    sections = "sections: [Kepri, Aceh]\n"
    make_project(tmp_path, {"a.md": article(section="Kepri, Aceh")},
                 config=CONFIG + (sections if config != "config.yaml" else ""))
    (tmp_path / "config.yaml").rename(tmp_path / config)
    write_files(tmp_path, {"config.staging.yaml": sections})
    code, out, err = run(capsys, "build", "--config", str(tmp_path / config), *environment)
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        f"content/a.md:4: field 'section': 'Kepri, Aceh' joins 2 of the sections {named} lists (Kepri, Aceh); "
        "section takes one value: pick one, like section: Kepri",
        "error: 1 problem found; nothing was written"]


@pytest.mark.parametrize("section, first, other, advice", [
    ("Kepri: Batam | Aceh", "Kepri: Batam", "Aceh", 'section: "Kepri: Batam"'),
    ("Aceh #1, Kepri", "Aceh #1", "Kepri", 'section: "Aceh #1"'),
])
def test_a_joined_sections_advice_is_yaml_that_reads_as_the_section(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], section: str, first: str, other: str, advice: str) -> None:
    """An attacker's report: 'section: Kepri: Batam' was advised as written, which YAML cannot read (a mapping in a
    mapping), and 'section: Aceh #1' reads 'Aceh' (the rest a comment), a section of its own; quoted as needed."""
    make_project(tmp_path, {"a.md": article(section=f'"{section}"')},
                 config=CONFIG + f'sections: ["{first}", {other}]\n')
    code, _, err = run(capsys, "build", "--config", str(tmp_path / "config.yaml"))
    assert (code, err.splitlines()[0]) == (1, f"content/a.md:4: field 'section': '{section}' joins 2 of the sections "
                                              f"config.yaml lists ({first}, {other}); "
                                              f"section takes one value: pick one, like {advice}")
    page = tmp_path / "content/a.md"
    page.write_text(page.read_text(encoding="utf-8").replace(f'section: "{section}"', advice), encoding="utf-8")
    assert run(capsys, "build", "--config", str(tmp_path / "config.yaml"))[0] == 0
    assert f">{first}</a>" in (tmp_path / "site/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("output", [".", "./", "/"])
def test_build_into_dot_or_the_root_is_refused_cleanly(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch, output: str) -> None:
    """A killed swap's repair ran before the output folder's checks and took '.' and '/' for names: a traceback."""
    make_project(tmp_path, {"a.md": article()})
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "build", "--output", output)
    why = "it is the file system root" if output == "/" else "it holds the project itself; use a folder such as site/"
    assert (code, out, err) == (2, "", f"error: refusing to build into {output.rstrip('/') or '/'}: {why}\n")


def test_build_into_the_current_folder_of_another_project_is_refused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    make_project(tmp_path / "p", {"a.md": article()})
    (tmp_path / "out").mkdir()
    monkeypatch.chdir(tmp_path / "out")
    code, out, err = run(capsys, "build", "--config", str(tmp_path / "p/config.yaml"), "--output", ".")
    assert (code, out) == (2, "")
    assert err == ("error: refusing to build into .: it is the current folder, which digest replaces as a whole (by "
                   "renaming it); build into a folder inside it, e.g. --output site\n")
    assert list((tmp_path / "out").iterdir()) == []


def test_check_links_refuses_to_crawl_the_file_system_root(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_project(tmp_path, {"a.md": article()})
    code, out, err = run(capsys, "check", "--config", str(tmp_path / "config.yaml"), "--links", "/")
    assert (code, out) == (2, "")
    assert err == ("error: refusing to crawl /: it is the file system root, not a built site; give the folder "
                   f"'digest build' wrote, e.g. --links {tmp_path / 'site'}\n")  # the config's output_dir


def test_check_links_refuses_a_folder_digest_did_not_build(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """'digest check --links /usr' (or a home folder's subfolder, or content/) crawled every file below it, for
    minutes, and broke off with an lxml traceback on the first XML file that was no feed. A folder without digest's
    marker, one inside a built site, and a marked one with no home page at its top are refused, saying what to give;
    the built site itself is crawled as before."""
    make_project(tmp_path, {"a.md": article()})
    monkeypatch.chdir(tmp_path)
    write_files(tmp_path / "docs", {"index.html": "<p>x</p>", "a/bad.xml": "<!-- a -- b -->"})
    hint = "give the folder 'digest build' wrote, e.g. --links site\n"
    code, out, err = run(capsys, "check", "--links", "docs")
    assert (code, out, err) == (2, "", "error: refusing to crawl docs: digest did not build it (no .news-digest file "
                                       f"in it), so it is not a built site; {hint}")
    assert run(capsys, "build", "-q")[0] == 0
    assert run(capsys, "check", "--links", "site/2025") == (2, "", "error: refusing to crawl site/2025: it is a "
                                                                   "folder inside the built site site, whose pages "
                                                                   f"link each other; {hint}")
    (tmp_path / "docs/.news-digest").write_text("built by news-digest\n")
    (tmp_path / "docs/index.html").unlink()
    assert run(capsys, "check", "--links", "docs") == (2, "", "error: refusing to crawl docs: it has no index.html "
                                                              "at its top (a built site's home page), so it is not a "
                                                              f"whole built site; {hint}")
    code, out, _ = run(capsys, "check", "--links", "site")
    assert code == 0 and out.startswith("crawled ") and out.endswith(": 0 broken links\n")


def test_check_links_reads_past_static_files_that_are_not_what_their_names_say(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """A static file that is no well-formed XML ('<!-- a -- b -->' in data.xml), no JSON ('{bad') or a stylesheet in
    Latin-1 ended 'digest check --links site' with a traceback (lxml's XMLSyntaxError, a JSONDecodeError, a
    UnicodeDecodeError). The first two have no links a reader follows; the stylesheet's url()s are still checked."""
    make_project(tmp_path, {"a.md": article()})
    monkeypatch.chdir(tmp_path)
    write_files(tmp_path / "static", {"data.xml": "<!-- a -- b -->\n<x/>", "data.json": "{bad",
                                      "old.css": b"/* caf\xe9 */ body { background: url(gone.png) }"})
    assert run(capsys, "build", "-q")[0] == 0
    code, out, err = run(capsys, "check", "--links", "site")
    assert (code, out.splitlines()[0], err) == (
        1, "site/old.css: broken link 'gone.png': no file of the site is at that address", "")


def test_a_tag_shaped_like_a_date_no_calendar_has_is_told_by_a_parallel_build(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'tags: "2025-13-45"': its advice read the value back with PyYAML's timestamps, a ValueError re-raised out of
    the workers of --jobs (and of check, and a build without it)."""
    make_project(tmp_path, {"a.md": article(tags='"2025-13-45"'), "b.md": article(title="B")})
    code, out, err = run(capsys, "build", "--jobs", "2", "--config", str(tmp_path / "config.yaml"))
    assert (code, out) == (1, "")
    assert err.splitlines() == [
        "content/a.md:4: field 'tags': must be a list; write tags: [\"2025-13-45\"] or one '- item' line per tag",
        "error: 1 problem found; nothing was written"]


LIMITED = """
import resource, sys
from generator.commands.cli import main
import generator.build, generator.load.content, generator.write.publish  # loaded before the limit
size = int(next(line for line in open("/proc/self/status") if line.startswith("VmSize")).split()[1]) * 1024
resource.setrlimit(resource.RLIMIT_AS, (size + (2 << 20), size + (2 << 20)))  # 2 MB more than it has
sys.exit(main(sys.argv[1:]))
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="reads the process size from /proc")
def test_a_build_out_of_memory_says_so_without_a_traceback_and_leaves_the_site(tmp_path: Path,
                                                                             capsys: pytest.CaptureFixture[str]) -> None:
    """An attacker's report: under a low `ulimit -v` a build ended in a MemoryError traceback (raised in a render
    worker and again in the build, or in the writer). The limit is set for real, 2 MB above what the process holds."""
    make_project(tmp_path, {"a.md": article()})
    config = str(tmp_path / "config.yaml")
    assert run(capsys, "build", "--config", config)[0] == 0
    before = tree(tmp_path / "site")
    write_files(tmp_path, {"content/b.md": article(title="B", date="2025-06-20")})
    limited = subprocess.run([sys.executable, "-c", LIMITED, "build", "--no-cache", "--config", config],
                             capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])})
    assert (limited.returncode, limited.stdout, limited.stderr.splitlines()) == (1, "", [
        "error: out of memory: the command needed more memory than this process may use (a limit such as 'ulimit -v' "
        "or a container's); nothing was written and the output folder is as it was; raise the limit, or use --jobs 1, "
        "which needs less"])
    assert tree(tmp_path / "site") == before


def test_a_library_that_cannot_be_loaded_is_said_without_a_traceback(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """Under a memory limit a library loaded on first use fails to map ('failed to map segment from shared
    object', an ImportError): a traceback before. The same fault caused by a finder that refuses the module."""
    make_project(tmp_path, {"a.md": article()})
    refuses = ("import sys\nclass Refuse:\n    def find_spec(self, name, *rest):\n"
               "        if name == 'markdown_it_pyrs':\n            raise ImportError('failed to map segment from shared object')\n"
               "sys.meta_path.insert(0, Refuse())\nfrom generator.commands.cli import main\n"
               "sys.exit(main(sys.argv[1:]))\n")
    done = subprocess.run([sys.executable, "-c", refuses, "build", "--config", str(tmp_path / "config.yaml")],
                          capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[1])})
    assert (done.returncode, done.stderr.splitlines()[-1:]) == (1, [
        "error: a part of digest or of a library it uses could not be loaded (failed to map segment from shared "
        "object): if memory is limited, the command needed more memory than this process may use (a limit such as "
        "'ulimit -v' or a container's); nothing was written and the output folder is as it was; raise the limit, or "
        "use --jobs 1, which needs less; else install digest again (make site, or pip install .)"])
    assert not (tmp_path / "site").exists()
