"""Search: the Pagefind bundle is part of the built site, deterministic, and re-made only when articles change."""
from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURE_SITE, article, build_project, make_project, need
from generator.build import BuildOptions
from generator.commands.cli import main
from generator.load.config import load_config
from generator.core.errors import BuildError
from generator.write.publish import publish


def fragments(files: dict[str, bytes]) -> list[dict]:
    """Pagefind's per-page records (gzip'd 'pagefind_dcd' + JSON), by URL."""
    out = []
    for path, data in files.items():
        if path.startswith("pagefind/fragment/"):
            raw = gzip.decompress(data)
            assert raw.startswith(b"pagefind_dcd")
            out.append(json.loads(raw[len(b"pagefind_dcd"):]))
    return sorted(out, key=lambda f: f["url"])


def project(root: Path, config: str = "title: T\nbase_url: https://example.org/news/\n") -> Path:
    return make_project(root, {
        "2025/06/meta.md": article(title="Meta bermitra dengan Scale AI", section="Amerika Serikat",
                                   body="Meta membeli saham Scale AI.\n"),
        "2025/07/batam.md": article(title="Pusat data Batam", date="2025-07-01", body="Kapasitas listrik.\n"),
    }, config=config)


def run(root: Path):
    return publish(load_config(root / "config.yaml"), BuildOptions(), root / "site")


@pytest.mark.parametrize("output", ["public", "./staging-site", "out/public"])
def test_a_relative_output_folder_gets_its_index(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 output: str) -> None:
    """`digest build --output public`, as GitLab Pages and the README's staging example run it: Pagefind, started
    in the scratch folder, was given that folder's relative name again and found nothing, so the build failed
    ("Pagefind was not able to build an index"; install Pagefind, it said)."""
    root = project(tmp_path / "p")
    (tmp_path / "p/out").mkdir()
    monkeypatch.chdir(root)
    assert main(["build", "--output", output, "-q"]) == 0
    assert main(["build", "--output", str(tmp_path / "absolute"), "-q"]) == 0
    built = {p.relative_to(root / output).as_posix(): p.read_bytes() for p in (root / output).rglob("*") if p.is_file()}
    assert "pagefind/pagefind-entry.json" in built and "search/index.html" in built
    assert built == {p.relative_to(tmp_path / "absolute").as_posix(): p.read_bytes()
                     for p in (tmp_path / "absolute").rglob("*") if p.is_file()}
    assert not (root / f".{Path(output).name}.tmp").exists()


def test_articles_are_indexed_with_title_date_and_section(tmp_path: Path) -> None:
    files = build_project(project(tmp_path)).output.files
    entry = json.loads(files["pagefind/pagefind-entry.json"])
    assert entry["languages"]["id"]["page_count"] == 2  # articles only: lists and the search page are not results
    meta, batam = fragments(files)
    assert meta["url"] == "/2025/06/meta/"  # search.js gives Pagefind the base path /news/
    assert meta["meta"]["title"] == "Meta bermitra dengan Scale AI" and meta["meta"]["section"] == "Amerika Serikat"
    assert meta["meta"]["date"].startswith("13 Juni 2025")  # the date as the page shows it (a theme may add the time)
    assert "Meta membeli saham Scale AI." in meta["content"]
    assert batam["meta"]["title"] == "Pusat data Batam" and batam["meta"]["date"].startswith("1 Juli 2025")
    assert "section" not in batam["meta"]
    assert not any(p.startswith("pagefind/pagefind-ui") for p in files)  # the theme draws results itself


def test_what_every_article_page_has_is_not_indexed(tmp_path: Path) -> None:
    """Excerpts read "… · Silicon UK · 1 menit baca Lonjakan …" and "keterampilan# Selain", and 'selengkapnya'
    or 'menit baca' found every article: the date line, the source button, the counts and the headings' '#' links
    were indexed as text. The headline and the body are, and the date stays the result's."""
    root = make_project(tmp_path, {"2025/06/meta.md": article(
        title="Meta bermitra dengan Scale AI", tags="[investasi]", companies="[Meta]",
        source="{name: Silicon UK, url: 'https://www.silicon.co.uk/x'}",
        body="Meta membeli saham.\n\n## Fokus pada keterampilan\n\nSelain infrastruktur.\n")})
    meta, = fragments(build_project(root).output.files)
    content = meta["content"]
    assert "Meta bermitra dengan Scale AI" in content and "Meta membeli saham." in content
    assert "keterampilan. Selain infrastruktur" in content or "keterampilan Selain infrastruktur" in content, content
    assert "#" not in content
    for clutter in ("menit baca", "selengkapnya", "Silicon UK", "WIB", "· 1"):
        assert clutter not in content, (clutter, content)
    assert meta["meta"]["date"].startswith("13 Juni 2025")


def test_language_comes_from_html_lang_for_stemming(tmp_path: Path) -> None:
    root = project(tmp_path, "title: T\nbase_url: https://example.org/\nlanguage: en\n")
    files = build_project(root).output.files
    assert list(json.loads(files["pagefind/pagefind-entry.json"])["languages"]) == ["en"]
    assert "pagefind/wasm.en.pagefind" in files


def test_search_page_box_and_fallback(tmp_path: Path) -> None:
    files = build_project(project(tmp_path)).output.files
    page = files["search/index.html"].decode()
    assert '<form class="search search-page" role="search" action="/news/search/" method="get">' in page
    assert 'data-bundle="/news/pagefind/"' in page and 'src="/news/search.js"' in page
    # without JavaScript: links to the archive, newest year first
    assert '<li><a href="/news/2025/">2025</a> <span class="count">(2)</span></li>' in page
    home = files["index.html"].decode()
    assert '<form class="search" role="search" action="/news/search/" method="get">' in home
    assert 'name="q"' in home


def test_search_false_leaves_no_trace(tmp_path: Path) -> None:
    files = build_project(project(tmp_path, "title: T\nbase_url: https://example.org/\nsearch: false\n")).output.files
    assert not [p for p in files if p.startswith(("pagefind/", "search/")) or p == "search.js"]  # nothing uses it
    assert "search/" not in files["index.html"].decode() and b"data-pagefind-body" not in files["2025/06/meta/index.html"]


def test_search_must_be_true_or_false(tmp_path: Path) -> None:
    root = project(tmp_path, "title: T\nbase_url: https://example.org/\nsearch: yes please\n")
    with pytest.raises(BuildError) as e:
        load_config(root / "config.yaml")
    assert str(e.value.problems[0]) == (
        "config.yaml:3: field 'search': must be true or false, got 'yes please'; write search: true or search: false")


def test_index_is_byte_identical_across_builds_and_hash_seeds(tmp_path: Path) -> None:
    first = {p: d for p, d in build_project(FIXTURE_SITE).output.files.items() if p.startswith("pagefind/")}
    os.environ["PYTHONHASHSEED"] = "123"  # Pagefind itself is a subprocess: a different seed must not matter
    try:
        again = [{p: d for p, d in build_project(FIXTURE_SITE).output.files.items() if p.startswith("pagefind/")}
                 for _ in range(3)]
    finally:
        del os.environ["PYTHONHASHSEED"]
    assert first and all(a == first for a in again)


def test_index_is_reused_until_an_article_page_changes(tmp_path: Path) -> None:
    root = project(tmp_path)
    run(root)
    index_files = sorted(p.relative_to(root / "site").as_posix() for p in (root / "site/pagefind").rglob("*"))
    inode = (root / "site/pagefind/pagefind-entry.json").stat().st_ino

    assert run(root).result is None  # nothing changed: up to date, no indexing at all

    os.utime(root / "content/2025/07/batam.md", (1, 1))  # touched, same bytes: up to date by its bytes, index kept
    assert run(root).result is None
    assert (root / "site/pagefind/pagefind-entry.json").stat().st_ino == inode

    (root / "config.yaml").write_text("title: T\nbase_url: https://example.org/news/\npage_size: 1\n")
    run(root)  # lists change, article pages do not: still the same index
    assert (root / "site/pagefind/pagefind-entry.json").stat().st_ino == inode

    path = root / "content/2025/07/batam.md"
    path.write_text(path.read_text().replace("Kapasitas listrik.", "Kapasitas listrik zebrakata."))
    run(root)  # (that the other article page is read, not rendered: tests/test_publish.py counts reuse)
    site = {p.relative_to(root / "site").as_posix(): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert any("zebrakata" in f["content"] for f in fragments(site))
    cold = build_project(root).output.files  # the incremental index is the one a cold build makes
    assert {p: d for p, d in site.items() if p.startswith("pagefind/")} == \
        {p: d for p, d in cold.items() if p.startswith("pagefind/")}
    assert index_files  # (the first build had an index to keep)


def test_missing_pagefind_binary_is_a_clear_error_and_the_site_survives(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path)
    run(root)
    before = (root / "site/index.html").read_bytes()
    (root / "content/2025/07/batam.md").write_text(article(title="Baru", date="2025-07-02"))
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(tmp_path / "no-such-pagefind"))
    with pytest.raises(BuildError) as e:
        run(root)
    assert str(e.value.problems[0]) == (
        "config.yaml: field 'search': search needs the Pagefind binary, which is not installed; "
        "pip install 'pagefind[bin]' (it ships the binary), or set 'search: false' in config.yaml")
    assert (root / "site/index.html").read_bytes() == before


def test_pagefind_failure_names_its_message_and_the_site_survives(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    root = project(tmp_path)
    run(root)
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    fake = tmp_path / "pagefind"
    fake.write_text("#!/bin/sh\necho 'Error: disk on fire' >&2\nexit 3\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    (root / "content/2025/07/batam.md").write_text(article(title="Baru", date="2025-07-02"))
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    with pytest.raises(BuildError) as e:
        run(root)
    assert str(e.value.problems[0]).startswith("pagefind/: field 'search': Pagefind failed (exit 3): "
                                               "Error: disk on fire; pip install")
    assert {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("sig", ["KILL", "TERM"])
def test_pagefind_stopped_by_a_signal_is_named_as_such_not_as_a_broken_install(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sig: str) -> None:
    """At 100,000 article pages Pagefind needed about 20 GB and the kernel's out-of-memory killer stopped it;
    the message then said to install Pagefind."""
    root = project(tmp_path)
    fake = tmp_path / "pagefind"
    fake.write_text(f"#!/bin/sh\nkill -{sig} $$\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(fake))
    with pytest.raises(BuildError) as e:
        run(root)
    said = str(e.value.problems[0])
    assert said.startswith(f"pagefind/: field 'search': Pagefind was stopped by SIG{sig} while it indexed 2 pages")
    assert ("out-of-memory killer" in said) == (sig == "KILL") and "pip install" not in said
    assert said.endswith("set 'search: false' in config.yaml")


def alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, dead but not yet reaped by its new parent, does not)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] not in "ZX"
    except FileNotFoundError:
        return False


def test_a_build_killed_while_pagefind_indexes_leaves_no_pagefind_and_nothing_outside_its_folders(
        tmp_path: Path) -> None:
    """Pagefind's input and output went to the system's temporary folder: a ``kill -9`` of the build left it
    there for good (the fault-injection test left 131 folders in /tmp per run), and Pagefind ran on. Now they go
    to ``.site.tmp/`` beside the output, which the next build deletes, and Pagefind dies with the build."""
    root = project(tmp_path / "project")
    assert run(root).written is not None
    (root / "content/2025/07/batam.md").write_text(article(title="Baru", date="2025-07-02"))
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    fake, pid_file, temporary = tmp_path / "pagefind", tmp_path / "pagefind.pid", tmp_path / "tmp"
    fake.write_text(f"#!/bin/sh\necho $$ > {pid_file}.part && mv {pid_file}.part {pid_file}\nexec sleep 60\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    temporary.mkdir()
    build = subprocess.Popen([sys.executable, "-m", "generator", "build", "--config", str(root / "config.yaml"), "-q"],
                             env={**os.environ, "PAGEFIND_BINARY_PATH": str(fake), "TMPDIR": str(temporary)})
    try:
        for _ in range(600):
            if pid_file.exists() or build.poll() is not None:
                break
            time.sleep(0.05)
        assert pid_file.exists(), "the build reached Pagefind"
        pagefind = int(pid_file.read_text())
        build.kill()
        build.wait()
        for _ in range(100):
            if not alive(pagefind):
                break
            time.sleep(0.05)
        assert not alive(pagefind), "Pagefind ended with the build"
    finally:
        build.kill()
        if pid_file.exists() and alive(int(pid_file.read_text())):
            os.kill(int(pid_file.read_text()), signal.SIGKILL)
    assert list(temporary.iterdir()) == []
    scratch = root / ".site.tmp"
    assert (scratch / ".news-digest").is_file() and sorted(p.name for p in (scratch / "work/site").iterdir()) == ["2025"]
    assert {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()} == before
    assert run(root).written is not None  # the real Pagefind
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site")) == [".site.prev"]
    assert any(f["url"].endswith("/2025/07/batam/") and f["meta"]["title"] == "Baru"
               for f in fragments({p.relative_to(root / "site").as_posix(): p.read_bytes()
                                   for p in (root / "site/pagefind").rglob("*") if p.is_file()}))


def test_a_build_up_to_date_still_deletes_what_a_killed_build_left_beside_the_output(tmp_path: Path) -> None:
    root = project(tmp_path)
    run(root)
    (root / ".site.tmp/work/site/2025").mkdir(parents=True)
    (root / ".site.tmp/.news-digest").write_text("built by news-digest\ntree: scratch\n")
    (root / ".site.tmp/work/site/2025/page.html").write_text("<p>half copied</p>")
    assert run(root).written is None  # up to date
    assert not (root / ".site.tmp").exists()


def test_a_folder_of_yours_named_like_the_scratch_folder_is_refused_and_left_alone(tmp_path: Path) -> None:
    root = project(tmp_path)  # a file of yours under that name: test_faults, with the spare's names
    (root / ".site.tmp").mkdir()
    (root / ".site.tmp/notes.txt").write_text("mine")
    assert main(["build", "--config", str(root / "config.yaml"), "-q"]) == 2
    assert (root / ".site.tmp/notes.txt").read_text() == "mine" and not (root / "site").exists()


def test_a_full_disk_while_the_pages_are_copied_for_pagefind_names_the_file_and_leaves_the_site(
        tmp_path: Path) -> None:
    """The pages Pagefind reads are now written beside the output, on its disk: a disk that fills up there is
    the writer's usual error, and the folder goes."""
    need(shutil.which("strace") is not None, "strace is not installed (apt-get install strace)")
    root = project(tmp_path)
    assert run(root).written is not None
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    (root / "content/2025/07/batam.md").write_text(article(title="Baru", date="2025-07-01"))
    page = root / ".site.tmp/work/site/2025/07/batam/index.html"
    done = subprocess.run(["strace", "-f", "-qq", "-o", os.devnull, "-P", str(page), "-e", "trace=openat",
                           "-e", "inject=openat:error=ENOSPC", sys.executable, "-m", "generator", "build",
                           "--config", str(root / "config.yaml")], capture_output=True, text=True, timeout=300)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.splitlines()[0] == (f"{page}: No space left on device: the disk is full; free some space "
                                           f"there and build again; {root / 'site'} is unchanged")
    assert {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()} == before
    assert not (root / ".site.tmp").exists()
    assert run(root).written is not None


FULL_DISK = """#!/bin/sh
# Pagefind, then what a full disk leaves after it, exit 0: a file it made is empty (a write it ignored failing)
"{real}" "$@"; code=$?
while [ $# -gt 0 ]; do [ "$1" = --output-path ] && out=$2; shift; done
: > "$out/pagefind.js"; exit $code
"""
"""A stand-in for ENOSPC on Pagefind's own writes: injected with strace, their failure fell on whichever of its
threads wrote first, so the files left empty (or none) changed from run to run."""


@pytest.mark.parametrize("fault", ["full disk", "getdents64:error=EIO"],
                         ids=["its writes fail (a full disk)", "a folder of pages cannot be listed"])
def test_an_index_pagefind_could_not_finish_is_an_error_though_it_exits_0(tmp_path: Path, fault: str) -> None:
    """A maintainer's report: on a nearly full disk Pagefind exits 0 and leaves empty files (pagefind.js among
    them), or leaves out pages it could not list; digest published that, and the next build was 'up to date'.
    The listing's failure is caused in Pagefind's own system call: the build fails, the site stays, the next build
    works."""
    need(shutil.which("strace") is not None, "strace is not installed (apt-get install strace)")
    from generator.render.search import executable
    root = project(tmp_path)
    assert run(root).written is not None
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    (root / "content/2025/07/batam.md").write_text(article(title="Baru", date="2025-07-01"))
    fake = tmp_path / "pagefind"
    folder = root / ".site.tmp/work/site/2025/07"  # where the pages Pagefind reads are copied: one month's folder
    fake.write_text(FULL_DISK.format(real=executable()) if fault == "full disk" else
                    f"#!/bin/sh\nexec strace -f -qq -o /dev/null -P {folder} -e trace={fault.split(':')[0]} "
                    f"-e inject={fault} {executable()} \"$@\"\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--config", str(root / "config.yaml")],
                          capture_output=True, text=True, timeout=300, env={**os.environ, "PAGEFIND_BINARY_PATH": str(fake)})
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert done.stderr.splitlines()[0].startswith("pagefind/: field 'search': Pagefind reported success but its index "
                                                  "is incomplete ("), done.stderr
    assert {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()} == before
    assert run(root).written is not None and (root / "site/pagefind/pagefind.js").stat().st_size > 0


@pytest.mark.parametrize("error", ["ENOSPC", "EDQUOT", "EIO", "EACCES"])
def test_a_full_disk_or_quota_while_pagefind_makes_a_folder_is_said_as_such(tmp_path: Path, error: str) -> None:
    """A maintainer's report: a full disk (or a shared host's quota) when Pagefind made a folder was its panic's
    text, a stack backtrace and "pip install 'pagefind[bin]'"; so was a disk's I/O error. Caused in Pagefind's own
    mkdir."""
    need(shutil.which("strace") is not None, "strace is not installed (apt-get install strace)")
    from generator.render.search import executable
    root = project(tmp_path)
    assert run(root).written is not None
    before = {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    (root / "content/2025/07/batam.md").write_text(article(title="Baru", date="2025-07-01"))
    fake = tmp_path / "pagefind"
    fake.write_text(f"#!/bin/sh\nexec strace -f -qq -o /dev/null -e trace=mkdir,mkdirat "
                    f"-e inject=mkdir,mkdirat:error={error}:when=1 {executable()} \"$@\"\n")
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    done = subprocess.run([sys.executable, "-m", "generator", "build", "--config", str(root / "config.yaml")],
                          capture_output=True, text=True, timeout=300, env={**os.environ, "PAGEFIND_BINARY_PATH": str(fake)})
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    first = done.stderr.splitlines()[0]
    assert "pip install" not in first and "panicked" not in first, first
    if error == "EIO":
        assert first.startswith("pagefind/: field 'search': the system refused Pagefind a file operation under "), first
        assert first.endswith(" (I/O error, error 5), so it could not write the search index; check that disk "
                              "(`dmesg` shows its errors) and build again, or set 'search: false' in config.yaml"), first
    elif error == "EACCES":  # not the disk's fault: said so
        assert first.startswith("pagefind/: field 'search': the system refused Pagefind a file operation under "), first
        assert " (Permission denied, error 13), so it could not write the search index; check that you may write " \
               "in " in first and "dmesg" not in first, first
    else:
        assert first.startswith("pagefind/: field 'search': the disk that holds "), first
        assert "is full, or over its quota, so Pagefind could not write the search index; make room there" in first
    assert {p: p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()} == before


def test_a_live_article_page_changed_by_hand_is_rendered_again_for_the_index(tmp_path: Path) -> None:
    root = project(tmp_path)
    run(root)
    (root / "site/2025/06/meta/index.html").write_text("<p>edited on the server</p>")
    path = root / "content/2025/07/batam.md"
    path.write_text(path.read_text().replace("Kapasitas listrik.", "Kapasitas listrik zebrakata."))
    run(root)  # the index needs the Meta page; its live bytes are not the cached ones: everything renders again
    site = {p.relative_to(root / "site").as_posix(): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert b"Meta membeli saham Scale AI." in site["2025/06/meta/index.html"]
    assert any(f["content"].endswith("Meta membeli saham Scale AI.") for f in fragments(site))
    assert {p: d for p, d in site.items() if p.startswith("pagefind/")} == \
        {p: d for p, d in build_project(root).output.files.items() if p.startswith("pagefind/")}


def test_a_site_with_no_articles_builds_without_an_index(tmp_path: Path) -> None:
    root = make_project(tmp_path, {}, config="title: T\nbase_url: https://example.org/\n")
    (root / "content").mkdir()
    files = build_project(root).output.files
    assert "search/index.html" in files and not [p for p in files if p.startswith("pagefind/")]


def test_what_an_incomplete_index_is_called() -> None:
    """Each way Pagefind can exit 0 with an index that would not work, named in the error."""
    from generator.render.search import incomplete
    entry, fragment = ("pagefind/pagefind-entry.json", b"{}"), ("pagefind/fragment/a.pf_fragment", b"x")
    assert incomplete([entry, fragment], 1) == ""
    said = [incomplete(files, pages) for files, pages in (([entry, ("pagefind/pagefind.js", b""), fragment], 1),
                                                          ([entry, fragment], 2), ([fragment], 1))]
    assert [s[s.index("(") + 1:s.index(")")] for s in said] == [
        "1 empty file (pagefind/pagefind.js …", "1 of 2 pages indexed", "no pagefind/pagefind-entry.json"]


def test_the_index_copy_spaces_a_dash_between_any_two_words(tmp_path: Path) -> None:
    """A maintainer's report: the en-dash fix held only between ASCII letters: 'Café–Restoran', '"Whoosh"–Bandung'
    and '(Bali)–Lombok' were still one word each to Pagefind (what it indexed is what its fragments hold)."""
    body = 'Kedai Café–Restoran dibuka. Kereta "Whoosh"–Bandung ramai. Rute (Bali)—Lombok dibuka. Jam 10 – 12.\n'
    make_project(tmp_path, {"2025/06/a.md": article(title="Rute baru", body=body)})
    files = build_project(tmp_path).output.files
    content = next(f["content"] for f in fragments(files) if "Kedai" in f["content"])
    for spaced in ("Café – Restoran", "\"Whoosh\" – Bandung", "(Bali) — Lombok", "Jam 10 – 12"):
        assert spaced in content, content


def test_a_players_fallback_text_is_not_indexed(tmp_path: Path) -> None:
    """An attacker's report: an <audio>'s fallback text ("您的浏览器不支持音频。", "Your browser cannot play this"),
    which a reader never sees, was indexed and shown in excerpts; summaries already left it out."""
    root = make_project(tmp_path, {"2025/06/meta.md": article(
        title="Wawancara", body='Pembuka.\n\n<audio controls src="/media/a.wav">Peramban Anda tidak mendukung '
                                'audio.</audio>\n\n<video controls src="/media/b.mp4">\n<p>Tonton di situs.</p>\n'
                                '</video>\n\nPenutup.\n')})
    meta, = fragments(build_project(root).output.files)
    assert "Pembuka." in meta["content"] and "Penutup." in meta["content"]
    assert "mendukung" not in meta["content"] and "Tonton" not in meta["content"], meta["content"]


def test_a_footnotes_mark_and_way_back_are_not_indexed(tmp_path: Path) -> None:
    """An attacker's report: search excerpts read "Scale AI. [1] Menurut Reuters. ↩︎.": the note's mark and the
    arrow back to the text were indexed; the note's own words stay searchable."""
    root = make_project(tmp_path, {"2025/06/meta.md": article(
        title="Meta", body="Meta membeli Scale AI.[^a]\n\n[^a]: Menurut Reuters.\n")})
    meta, = fragments(build_project(root).output.files)
    assert "Scale AI." in meta["content"] and "Menurut Reuters." in meta["content"], meta["content"]
    assert "[1]" not in meta["content"] and "\u21a9" not in meta["content"], meta["content"]
