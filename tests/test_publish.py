"""Incremental and parallel builds give exactly the bytes of a cold, serial build."""
from __future__ import annotations

import os
import pickle
import re
import shutil
import sqlite3
import subprocess
from datetime import datetime
from pathlib import Path
from typing import Callable

import pytest

from conftest import article, damage_pages, feed_files, make_project, write_files
from generator.build import BuildOptions
from generator.load.config import load_config
from generator.core.errors import BuildError
from generator.write.publish import publish

REGISTRY = "meta:\n  name: Meta\n  aliases: [Facebook]\nscale-ai:\n  name: Scale AI\n"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def run(root: Path, jobs: int = 1, use_cache: bool = True, now: datetime | None = None):
    config = load_config(root / "config.yaml")
    return publish(config, BuildOptions(workers=jobs, now=now), root / "site", use_cache=use_cache)


def cold(root: Path, tmp: Path, now: datetime | None = None) -> dict[str, bytes]:
    """The same project built from scratch elsewhere, with no cache (as of ``now``, if given)."""
    copy = tmp / "cold"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns("site", ".site.*", ".cache"))
    run(copy, use_cache=False, now=now)
    return tree(copy / "site")


def project(tmp_path: Path) -> Path:
    root = tmp_path / "p"
    make_project(root, {
        "2025/06/meta.md": article(title="Meta", tags="[ai, data]", companies="[Facebook]", section="Asia",
                                   summary="Ringkasan."),
        "2025/06/scale.md": article(title="Scale", date="2025-06-14", tags="[ai]", companies="[Scale AI]"),
        "2025/05/lama.md": article(title="Lama", date="2025-05-01", tags="[data]", section="Eropa"),
    }, config="title: T\nbase_url: https://example.org/\npage_size: 2\n", companies=REGISTRY)
    return root


CHANGES: dict[str, Callable[[Path], None]] = {
    "edit body": lambda r: (r / "content/2025/06/meta.md").write_text(article(title="Meta", tags="[ai, data]",
                                                                             companies="[Facebook]", section="Asia",
                                                                             summary="Ringkasan.", body="Isi baru.\n")),
    "add article with new tag": lambda r: (r / "content/2025/07/baru.md").write_text(article(
        title="Baru", date="2025-07-01", tags="[robotika]")) if (r / "content/2025/07").mkdir() is None else None,
    "delete article": lambda r: (r / "content/2025/05/lama.md").unlink(),
    "rename article": lambda r: (r / "content/2025/05/lama.md").rename(r / "content/2025/05/lawas.md"),
    "change a tag": lambda r: (r / "content/2025/06/scale.md").write_text(article(
        title="Scale", date="2025-06-14", tags="[AI, investasi]", companies="[Scale AI]")),
    "edit a template": lambda r: write_files(r, {"templates/_item.html": "<p>{{ item.title }}</p>\n"}),
    "edit config": lambda r: (r / "config.yaml").write_text("title: T2\nbase_url: https://example.org/x/\npage_size: 1\n"),
    "give a tag and a section their own URLs": lambda r: (r / "config.yaml").write_text(
        "title: T\nbase_url: https://example.org/\npage_size: 2\nslugs: {data: dataset, Asia: asia-pasifik}\n"),
    "edit companies.yaml": lambda r: (r / "content/companies.yaml").write_text(REGISTRY.replace("name: Meta", "name: Meta Platforms")),
}


@pytest.mark.parametrize("jobs", [1, 2], ids=["one job", "two jobs: the spare made in another process"])
@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_incremental_build_equals_a_cold_build(tmp_path: Path, change: Callable[[Path], None], jobs: int) -> None:
    root = project(tmp_path)
    run(root, jobs)
    change(root)
    assert run(root, jobs).result is not None
    assert tree(root / "site") == cold(root, tmp_path)


def _beside_articles(tmp_path: Path) -> Path:
    """A project whose pages, weekly note, sources.yaml and theme sit among article files and folders in every
    order a walk of content/ lists them (posts/, wilayah/, rilis.md, zz.md), its own theme, and a linked folder of
    partials (shared between sites) in templates/."""
    root = tmp_path / "p"
    shared = write_files(tmp_path / "shared", {"parts/foot.html": "<p class=foot>Ikuti kami v1</p>\n"})
    make_project(root, {
        "a.md": article(title="A", date="2025-06-10T09:00:00+07:00", source="https://www.example.com/a"),
        "posts/halo.md": article(title="Halo", date="2025-06-11T09:00:00+07:00"),
        "rilis.md": article(title="Rilis", date="2025-06-12T09:00:00+07:00"),
        "wilayah/aceh.md": article(title="Aceh", date="2025-06-13T09:00:00+07:00"),
        "zz.md": article(title="Zz", date="2025-06-14T09:00:00+07:00"),
        "pages/tentang.md": "---\ntitle: Tentang\n---\nVersi satu.\n",
        "weekly/2025-W24.md": "---\ntitle: Pekan satu\n---\nCatatan satu.\n",
        "sources.yaml": "contoh: {name: Contoh Media, url: 'https://www.example.com/'}\n",
    }, config="title: T\nbase_url: https://example.org/\ntheme: mine\n")
    shutil.copytree(Path(__file__).parents[1] / "generator/themes/default", root / "themes/mine")
    write_files(root, {"templates/article.html": '{% extends "theme/article.html" %}\n'
                                                  '{% block main %}{{ super() }}{% include "parts/foot.html" %}'
                                                  '{% endblock %}\n'})
    (root / "templates/parts").symlink_to(shared / "parts")
    return root


EDITS_BESIDE_ARTICLES: dict[str, Callable[[Path], None]] = {
    "a page": lambda r: write_files(r, {"content/pages/tentang.md": "---\ntitle: Tentang kami\n---\nVersi dua.\n"}),
    "a weekly note": lambda r: write_files(r, {"content/weekly/2025-W24.md": "---\ntitle: Pekan dua\n---\nDua.\n"}),
    "sources.yaml": lambda r: write_files(r, {"content/sources.yaml":
                                              "contoh: {name: Contoh Media, url: 'https://www.example.com/id/'}\n"}),
    "the project theme's last template": lambda r: write_files(r, {"themes/mine/templates/404.html": (
        r / "themes/mine/templates/404.html").read_text().replace("{% block main %}", "{% block main %}<p>Baru</p>")}),
    "a partial in a linked folder of templates/": lambda r: write_files(
        r.parent / "shared", {"parts/foot.html": "<p class=foot>Ikuti kami v2</p>\n"}),
}


@pytest.mark.parametrize("change", EDITS_BESIDE_ARTICLES.values(), ids=EDITS_BESIDE_ARTICLES.keys())
def test_an_edit_beside_article_files_is_published(tmp_path: Path, change: Callable[[Path], None]) -> None:
    """The inputs' file names were one place off (five parts before the folders, four names), so a page,
    a note, sources.yaml or a theme's template just before an article file was taken for an article file and
    left out of what the planner compares: 'built', nothing re-rendered, the old page kept for good. A template
    in a linked folder was loaded but never listed, so never hashed."""
    root = _beside_articles(tmp_path)
    run(root)
    before = tree(root / "site")
    change(root)
    assert run(root).result is not None
    after = tree(root / "site")
    assert after == cold(root, tmp_path) != before


def test_a_linked_folder_of_templates_that_leads_back_up_is_entered_once(tmp_path: Path) -> None:
    """A link in templates/ to templates/ itself (or to a folder that links back): each folder is entered once,
    where following every link would list each template forty times over, until the path is too long. A link up to
    the project took the built site and the cache for templates ('templates/up/.cache/build.sqlite: template is not
    valid UTF-8'), on every build."""
    root = _beside_articles(tmp_path)
    (root / "templates/loop").symlink_to(root / "templates")
    (tmp_path / "shared/parts/back").symlink_to(root / "templates")
    (root / "templates/up").symlink_to("..")  # the project, its site and cache: never templates
    assert run(root).result is not None
    from generator.render.context import FollowingLoader
    assert FollowingLoader(str(root / "templates")).list_templates() == ["article.html", "parts/foot.html"]
    assert "Ikuti kami v1" in (root / "site/2025/06/a/index.html").read_text()


def test_an_environment_files_lines_moved_are_said_where_they_now_are(tmp_path: Path) -> None:
    """Only config.yaml's bytes were an input: two comment lines put above a warned-of line in config.staging.yaml
    left the merged config the same, and the up-to-date build repeated the old line number."""
    root = project(tmp_path)
    write_files(root, {"config.staging.yaml": "title: Staging\nsections: [Asia, asia]\n"})

    def staging() -> list[str]:
        config = load_config(root / "config.yaml", environment="staging")
        return [str(w) for w in publish(config, BuildOptions(workers=1), root / "staging").warnings]

    assert any(w.startswith("config.staging.yaml:2:") for w in staging())
    write_files(root, {"config.staging.yaml": "# staging\n# for reviewers\ntitle: Staging\nsections: [Asia, asia]\n"})
    said = staging()
    assert any(w.startswith("config.staging.yaml:4:") for w in said) and not any(":2:" in w for w in said)


def test_the_first_rebuild_after_a_cold_build_finds_its_spare_already_made(tmp_path: Path,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    """With two jobs the spare is linked from the live site by another process while the build plans, so the
    build's own process links nothing; the spare is then the old site, and the cache's record of both folders is
    what a stat walk finds. With one job the writer links every unchanged file itself (the control)."""
    import os

    from generator.load.cache import load_cache
    from generator.write.output import stat_tree

    links: list[str] = []
    real_link, me = os.link, os.getpid()
    monkeypatch.setattr(os, "link", lambda src, dst, **kw: (links.append(dst) if os.getpid() == me else None,
                                                            real_link(src, dst, **kw))[1])
    for jobs in (2, 1):
        root = tmp_path / f"jobs{jobs}"
        shutil.copytree(project(tmp_path / f"src{jobs}"), root)
        run(root, jobs)
        old = tree(root / "site")
        assert not (root / ".site.prev").exists(), "a cold build leaves no spare"
        CHANGES["edit body"](root)
        links.clear()
        done = run(root, jobs)
        assert done.written is not None and done.written.written > 0
        assert tree(root / "site") == cold(root, tmp_path)
        assert tree(root / ".site.prev") == old
        snapshot = load_cache(root / ".cache")
        assert snapshot.live is not None and snapshot.live.stats == stat_tree(root / "site")
        assert snapshot.spare is not None and snapshot.spare.stats == stat_tree(root / ".site.prev")
        if jobs == 2:
            assert links == [], "the unchanged files were already in the spare"
        else:
            assert len(links) > 20, "one job: the writer links every unchanged file"


def test_a_spare_started_from_the_small_cache_read_is_not_trusted_when_the_full_read_fails(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The mirror starts from the live folder's stats that the up-to-date check read (``live_stats``), before
    the full read. When that read then loses the live folder's manifest (its map's entry count no longer
    matches its rows), the build knows no live folder: it renders every page and the writer must make the
    spare afresh instead of taking the mirror's. The site is still the cold build's, with no traceback."""
    from generator.write import publish as publish_module

    root = project(tmp_path)
    run(root, 2)
    old = tree(root / "site")
    started = tmp_path / "mirror started"
    real = publish_module.mirror_live

    def spy(target: Path, live: object) -> object:  # runs in the forked process: it leaves a file to say so
        started.touch()
        return real(target, live)

    monkeypatch.setattr(publish_module, "mirror_live", spy)
    with sqlite3.connect(root / ".cache" / "build.sqlite") as db:
        assert db.execute("UPDATE meta SET value = value + 1 WHERE key = 'live_files'").rowcount == 1
    CHANGES["edit body"](root)
    done = run(root, 2)
    assert started.exists(), "the mirror started from the small read"
    assert done.written is not None and done.written.spare is None, "no live folder known to the writer"
    assert any("live_files" in note for note in done.notes), done.notes
    assert tree(root / "site") == cold(root, tmp_path)
    assert tree(root / ".site.prev") == old
    assert run(root, 2).result is None, "the cache works again after one build"


@pytest.mark.parametrize("spare", [True, False])
def test_a_rebuild_with_a_spare_reads_the_cache_before_it_waits_for_the_live_folders_walk(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spare: bool) -> None:
    """The live folder is walked in other processes while the cache is read. Only a rebuild with no spare (the
    first after a cold build) needs that walk before the full cache read, to start the spare's mirror from it;
    one that has a spare reads the whole cache first, and checks the live folder after. The site is the same."""
    from generator.write import publish as publish_module

    root = project(tmp_path)
    run(root, 2)
    CHANGES["edit body"](root)
    if spare:
        run(root, 2)
        (root / "content/2025/06/meta.md").write_text(article(title="Meta", tags="[ai, data]", companies="[Facebook]",
                                                              section="Asia", summary="Ringkasan.", body="Lagi.\n"))
    assert (root / ".site.prev").exists() == spare
    calls: list[str] = []
    real_match, real_load = publish_module.match_tree, publish_module.load_cache

    def match(*args: object) -> object:
        calls.append("live folder checked")
        return real_match(*args)  # type: ignore[arg-type]

    def load(folder: Path, full: bool = True) -> object:
        calls.append("whole cache read" if full else "small cache read")
        return real_load(folder, full=full)

    monkeypatch.setattr(publish_module, "match_tree", match)
    monkeypatch.setattr(publish_module, "load_cache", load)
    done = run(root, 2)
    assert done.written is not None and done.written.written > 0
    first_check = ["small cache read", "live folder checked", "whole cache read", "live folder checked"]
    assert calls == (first_check[:1] + first_check[2:] if spare else first_check)
    assert tree(root / "site") == cold(root, tmp_path)


def _creations(log: Path) -> dict[int, set[str]]:
    """Who made which file, from the lines the ``os.open`` spy below appended (pid, tab, path)."""
    made: dict[int, set[str]] = {}
    for line in log.read_text().splitlines() if log.exists() else ():
        pid, _, path = line.partition("\t")
        made.setdefault(int(pid), set()).add(path)
    return made


@pytest.mark.parametrize("jobs", [2, 1])
def test_a_cold_build_has_its_render_workers_write_the_pages_they_render(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int) -> None:
    """A cold build (no live folder, a spare made afresh) lets each render worker make its pages' folders and files
    (``output.Direct``): the kernel's work for new files is then done on both cores. The build's own process
    writes only what it renders itself (sitemap, static files, redirects); the site is a one-job build's. A
    rebuild (a live folder to link unchanged files from) writes in the build's process, as before."""
    import os

    from generator.core import parallel

    monkeypatch.setattr(parallel, "MIN_PARALLEL", 1)  # workers for a small site
    log, me, real_open = tmp_path / "opened", os.getpid(), os.open

    def spy(path: str, flags: int, *args: object, **kwargs: object) -> int:
        if flags & os.O_CREAT and "/.site.prev/" in str(path):
            with open(log, "a") as f:  # one short line per append: whole, whichever process writes it
                f.write(f"{os.getpid()}\t{str(path).split('/.site.prev/', 1)[1]}\n")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", spy)
    root = project(tmp_path)
    run(root, jobs)
    made = _creations(log)
    pages = {p for p in tree(root / "site") if p.endswith(("index.html", "feed.xml"))  # not a redirect's page
             and b'http-equiv="refresh"' not in (root / "site" / p).read_bytes()}
    assert pages and pages <= set().union(*made.values())
    by_workers = set().union(*(paths for pid, paths in made.items() if pid != me))
    if jobs == 2:
        assert pages <= by_workers and not pages & made.get(me, set()), "every page written by a render worker"
        assert "sitemap.xml" in made[me], "what the build's own process renders, it writes"
    else:
        assert by_workers == set() and pages <= made[me]
    assert tree(root / "site") == cold(root, tmp_path)
    log.unlink()
    CHANGES["edit body"](root)
    run(root, jobs)
    others = set().union(*(paths for pid, paths in _creations(log).items() if pid != me))
    assert others <= {".news-digest"}, "a rebuild writes in the build's own process (the spare's mirror: its marker)"
    assert "2025/06/meta/index.html" in _creations(log)[me]
    assert tree(root / "site") == cold(root, tmp_path)


@pytest.mark.parametrize("fault", ["its write fails", "its page's template fails", "the build is interrupted"])
def test_a_render_worker_that_fails_ends_the_build_and_the_other_worker(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: str) -> None:
    """In a cold build whose render workers write their pages (``output.Direct``), one worker's write fails (a
    full disk: the error is raised in the build's process from the worker's), one page's template fails (the
    worker sends the problem back as a result), or the build's own process is interrupted (Ctrl-C) while it
    takes the workers' pages. The build stops (with the message naming the file), and the workers, still
    writing their pages into the new folder, are ended before that folder is removed: nothing is left beside
    the project's files, also a while later."""
    import errno
    import os
    import time

    import jinja2

    from generator.core import parallel
    from generator.render.plan import Renderer
    from generator.write import output

    monkeypatch.setattr(parallel, "MIN_PARALLEL", 1)
    me, write, render = os.getpid(), output._write_new, Renderer.__call__

    attempts = tmp_path / "attempts"

    def writing(dest: str, data: bytes, umask: int, stat_it: bool = True) -> str:
        if os.getpid() != me:
            with open(attempts, "a") as f:  # when a worker set out to write (the clock is the machine's)
                f.write(f"{time.monotonic()}\n")
            if fault == "its write fails" and dest.endswith("2025/06/meta/index.html"):
                raise OSError(errno.ENOSPC, "No space left on device", dest)
            time.sleep(0.1)  # slow workers: they would still be writing after the build stopped
        return write(dest, data, umask, stat_it)

    def rendering(self: Renderer, spec: object) -> bytes:
        if fault == "its page's template fails" and getattr(spec, "path") == "2025/06/meta/index.html":
            raise jinja2.TemplateError("a broken template")
        return render(self, spec)

    taken, note = [], output._note_parents

    def interrupted(path: str, made: set[str]) -> None:  # the writer, taking a page a worker wrote
        taken.append(path)
        if fault == "the build is interrupted" and len(taken) == 3:
            raise KeyboardInterrupt
        note(path, made)

    monkeypatch.setattr(output, "_write_new", writing)
    monkeypatch.setattr(Renderer, "__call__", rendering)
    monkeypatch.setattr(output, "_note_parents", interrupted)
    root = project(tmp_path)
    with pytest.raises(KeyboardInterrupt if fault == "the build is interrupted" else BuildError) as raised:
        run(root, 2)
    stopped = time.monotonic()
    message = str(raised.value.problems[0]) if isinstance(raised.value, BuildError) else ""
    if fault == "its write fails":
        assert "/.site.prev/2025/06/meta/index.html" in message and "the disk is full" in message, message
    elif fault == "its page's template fails":
        assert "a broken template" in message, message
    time.sleep(1)
    assert sorted(p.name for p in root.iterdir() if p.name.startswith((".site", "site"))) == []
    late = [t for t in map(float, attempts.read_text().split()) if t > stopped]
    assert late == [], "no render worker went on after the build stopped"


def test_a_build_that_stops_before_writing_leaves_no_spare_it_started(tmp_path: Path) -> None:
    root = project(tmp_path)
    run(root, 2)
    old = tree(root / "site")
    (root / "content/2025/06/rusak.md").write_text("---\ntitle: [tidak ditutup\n---\nIsi.\n")
    with pytest.raises(BuildError):
        run(root, 2)
    assert tree(root / "site") == old
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site")) == []


@pytest.mark.parametrize("stage", ["folder made", "marker empty", "marker says updating"])
def test_a_build_that_fails_while_its_spare_is_being_made_leaves_no_spare(tmp_path: Path, stage: str,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The process making the spare is ended by a build that stops before writing, at any step: after making the
    folder, after opening its marker, after writing it. Whatever it left is removed (it was an empty folder or
    a marker alone that stayed in the project)."""
    import time

    from generator import build as build_module
    from generator.core.errors import Problem
    from generator.write import output, publish as publish_module

    root = project(tmp_path)
    run(root, 2)
    old = tree(root / "site")
    ready = tmp_path / "ready"

    def stuck(target: Path, live: object) -> None:  # the mirror, stopped at ``stage``
        spare = output.spare_of(target)
        spare.mkdir()
        if stage != "folder made":
            (spare / output.MARKER).write_text("" if stage == "marker empty" else "tree: updating\n")
        ready.touch()
        time.sleep(60)

    def failing(*args: object, **kwargs: object) -> None:  # the build, failing once the mirror is there
        deadline = time.monotonic() + 30
        while not ready.exists() and time.monotonic() < deadline:
            time.sleep(0.01)
        raise BuildError([Problem("content/2025/06/meta.md", 2, "title", "is broken")])

    monkeypatch.setattr(publish_module, "mirror_live", stuck)
    monkeypatch.setattr(build_module, "build", failing)
    CHANGES["edit body"](root)
    with pytest.raises(BuildError):
        run(root, 2)
    assert ready.exists(), "the mirror got that far"
    assert tree(root / "site") == old
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site")) == []


def test_nothing_changed_is_up_to_date_and_touches_nothing(tmp_path: Path) -> None:
    root = project(tmp_path)
    run(root)
    before = {p: (root / "site" / p).stat().st_mtime_ns for p in tree(root / "site")}
    done = run(root)
    assert done.result is None and done.written is None and done.articles == 3
    assert {p: (root / "site" / p).stat().st_mtime_ns for p in tree(root / "site")} == before


def test_an_edit_rewrites_only_the_files_it_changes(tmp_path: Path) -> None:
    root = project(tmp_path)
    run(root)
    before = {p: (root / "site" / p).stat().st_mtime_ns for p in tree(root / "site")}
    CHANGES["edit body"](root)
    done = run(root)
    assert done.written is not None
    touched = sorted(p for p in tree(root / "site") if (root / "site" / p).stat().st_mtime_ns != before.get(p)
                     and not p.startswith("pagefind/"))  # the search index is re-made: tests/test_search.py
    # the lists that show the article re-render too (a theme may print bodies there), but their bytes
    # are the same, so the writer leaves their files alone
    assert touched == sorted([".news-digest", "2025/06/meta/index.html",
                              *feed_files("", "companies/meta/", "sections/asia/", "tags/ai/", "tags/data/")])
    assert done.result is not None and done.result.reused == done.result.pages + done.result.feeds - 32, \
        "the article's page, the ten lists that show it, its five feeds (three formats each), its edition (page, " \
        "email, text) and the weekly feeds re-rendered; nothing else (the search index reads the other article " \
        "pages from the live site)"


def test_warnings_are_repeated_when_nothing_changed(tmp_path: Path) -> None:
    root = project(tmp_path)
    write_files(root, {"content/2025/06/x.md": article(title="X", companies="[Googel]")})
    first = run(root)
    second = run(root)
    assert second.result is None
    assert [str(w) for w in second.warnings] == [str(w) for w in first.warnings] != []


def test_a_future_article_appears_when_due_even_with_nothing_changed(tmp_path: Path) -> None:
    root = project(tmp_path)
    write_files(root, {"content/2025/07/besok.md": article(title="Besok", date="2025-07-02T00:00:00+07:00")})
    config = load_config(root / "config.yaml")
    from datetime import datetime, timezone
    before = publish(config, BuildOptions(now=datetime(2025, 7, 1, tzinfo=timezone.utc)), root / "site")
    assert before.result is not None and before.result.skipped_future == 1
    after = publish(config, BuildOptions(now=datetime(2025, 7, 2, tzinfo=timezone.utc)), root / "site")
    assert after.result is not None and after.result.articles == 4


def test_an_article_dated_years_ahead_is_named_in_a_warning_until_it_is_within_a_year(tmp_path: Path) -> None:
    """An editor typed 2052 for 2025: the article was left out, the summary said "1 future-dated", nothing named it.
    A date more than a year ahead is a warning at its line; one due sooner (a scheduled article) is not; the warning
    ends with the year, also when nothing else changed."""
    from datetime import datetime, timedelta, timezone
    root = project(tmp_path)
    write_files(root, {"content/2025/07/typo.md": article(title="Typo", date="2052-07-02T00:00:00+07:00"),
                       "content/2025/07/soon.md": article(title="Soon", date="2025-09-01T00:00:00+07:00")})
    config = load_config(root / "config.yaml")
    now = datetime(2025, 7, 1, tzinfo=timezone.utc)
    first = publish(config, BuildOptions(now=now), root / "site")
    assert first.result is not None and first.result.skipped_future == 2
    assert [str(w) for w in first.warnings] == [
        "content/2025/07/typo.md:3: field 'date': warning: is 2052-07-02, more than a year ahead, so the article is "
        "left out until then (see --future); if the year is a typo, correct it"]
    ends = datetime(2052, 7, 1, 17, tzinfo=timezone.utc) - timedelta(days=366)
    assert publish(config, BuildOptions(now=ends - timedelta(seconds=1)), root / "site").warnings == first.warnings
    after = publish(config, BuildOptions(now=ends), root / "site")
    assert after.result is not None and after.warnings == ()


def test_an_update_dated_ahead_of_the_build_is_a_warning_until_its_hour_comes(tmp_path: Path) -> None:
    """'updated: 2099-…' (a typo) or a time written in another zone was shown on the page and in the feeds as an
    update that had not happened, without a word. More than an hour ahead is a warning at its line; less is an
    editor writing the hour they publish at; the warning ends with the time, also when nothing else changed, and
    `digest check` stops replaying it then too."""
    from datetime import datetime, timedelta, timezone
    from generator.commands.check import run_check
    root = project(tmp_path)
    write_files(root, {"content/2025/07/typo.md": article(title="Typo", date="2025-07-01T08:00:00+07:00",
                                                          updated="2025-07-01T12:00:00+07:00"),
                       "content/2025/07/soon.md": article(title="Soon", date="2025-07-01T08:00:00+07:00",
                                                          updated="2025-07-01T09:45:00+07:00")})
    config = load_config(root / "config.yaml")
    now = datetime(2025, 7, 1, 2, 0, tzinfo=timezone.utc)  # 09:00 in Jakarta
    warning = ("content/2025/07/typo.md:4: field 'updated': warning: is 2025-07-01 12:00+07:00, more than an hour "
               "after this build's time, so the page and its feed entries say it was updated when it was not yet; "
               "correct it if it is a typo or in another time zone, or add it when the update is made")
    first = publish(config, BuildOptions(now=now), root / "site")
    assert first.result is not None and [str(w) for w in first.warnings] == [warning]
    ends = datetime(2025, 7, 1, 4, 0, tzinfo=timezone.utc)  # 11:00, an hour before the update's time
    checked = run_check(root / "config.yaml", BuildOptions(now=now))
    assert [str(f.problem) for f in checked.findings if f.problem.field == "updated"] == [warning]
    before = publish(config, BuildOptions(now=ends - timedelta(seconds=1)), root / "site")
    assert before.result is None and [str(w) for w in before.warnings] == [warning], "up to date, still warned"
    assert [str(f.problem) for f in run_check(root / "config.yaml", BuildOptions(now=ends - timedelta(seconds=1)))
            .findings if f.problem.field == "updated"] == [warning]
    after = publish(config, BuildOptions(now=ends), root / "site")
    assert after.warnings == ()
    # an article dated ahead too, published with --future: both dates are ahead by design
    write_files(root, {"content/2025/07/later.md": article(title="Later", date="2025-08-01T08:00:00+07:00",
                                                           updated="2025-08-02T08:00:00+07:00")})
    assert publish(config, BuildOptions(now=ends, future=True), root / "site").warnings == ()
    assert not [f for f in run_check(root / "config.yaml", BuildOptions(now=ends)).findings
                if f.problem.field == "updated"]


def test_an_edition_in_progress_is_shown_finished_once_its_week_ends_even_with_nothing_changed(tmp_path: Path) -> None:
    """The 'in progress' banner depends on 'now' alone: the build after the week ends is not 'up to date'."""
    from datetime import datetime, timezone
    root = project(tmp_path)
    write_files(root, {"content/2025/07/kamis.md": article(title="Kamis", date="2025-07-03T09:00:00+07:00")})
    config = load_config(root / "config.yaml")
    page = root / "site" / "weekly" / "2025-W27" / "index.html"
    notice = "Edisi ini masih berjalan"
    during = publish(config, BuildOptions(now=datetime(2025, 7, 6, 16, 59, tzinfo=timezone.utc)), root / "site")
    assert during.result is not None and notice in page.read_text()
    still = publish(config, BuildOptions(now=datetime(2025, 7, 6, 16, 59, 59, tzinfo=timezone.utc)), root / "site")
    assert still.result is None, "nothing changes before Monday 00:00 in Jakarta"
    after = publish(config, BuildOptions(now=datetime(2025, 7, 6, 17, 0, tzinfo=timezone.utc)), root / "site")
    assert after.result is not None and notice not in page.read_text()
    assert tree(root / "site") == cold(root, tmp_path, datetime(2025, 7, 6, 17, 0, tzinfo=timezone.utc))


@pytest.mark.parametrize("how", ["nothing else changed", "with --future", "an old article's body edited"])
def test_now_moved_back_into_a_finished_weeks_edition_shows_it_in_progress_again(tmp_path: Path, how: str) -> None:
    """A differential test's report: 'now' moved back into the week of the newest edition (no article left out by
    it) was 'up to date', or planned only the edited article's pages, and kept the edition marked finished; with
    --future even 'now' before the article was. A cold build marks it in progress."""
    from datetime import datetime, timezone
    root = project(tmp_path)
    write_files(root, {"content/2025/07/kamis.md": article(title="Kamis", date="2025-07-03T09:00:00+07:00")})
    config = load_config(root / "config.yaml")
    future = how == "with --future"
    later, back = datetime(2025, 7, 20, tzinfo=timezone.utc), datetime(2025, 7, 4, tzinfo=timezone.utc)
    assert publish(config, BuildOptions(now=later, future=future), root / "site").result is not None
    if how == "an old article's body edited":
        (root / "content/2025/05/lama.md").write_text(article(title="Lama", date="2025-05-01", tags="[data]",
                                                              section="Eropa", body="Isi yang diubah.\n"))
    again = publish(config, BuildOptions(now=back, future=future), root / "site")
    assert again.result is not None, "not 'up to date': the week's edition is in progress at this 'now'"
    assert "Edisi ini masih berjalan" in (root / "site/weekly/2025-W27/index.html").read_text()
    copy = tmp_path / "cold"
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns("site", ".site.*", ".cache"))
    publish(load_config(copy / "config.yaml"), BuildOptions(now=back, future=future), copy / "site", use_cache=False)
    assert tree(root / "site") == tree(copy / "site")


def test_a_library_installed_or_upgraded_is_not_up_to_date(tmp_path: Path) -> None:
    """A differential test's report: after a Pygments upgrade (new highlighting) the build said 'up to date' and kept
    the old pages: the check hashed the generator's code but no library's version. Any distribution that appears,
    goes or changes version where Python imports from (here one put on PYTHONPATH) makes a build of everything."""
    import subprocess
    import sys
    root = project(tmp_path)
    command = [sys.executable, "-m", "generator", "build", "--config", str(root / "config.yaml")]
    assert subprocess.run(command, capture_output=True, text=True, timeout=300).returncode == 0
    assert subprocess.run(command, capture_output=True, text=True, timeout=300).stdout.startswith("up to date")
    libraries = tmp_path / "libraries"
    (libraries / "Pygments-99.0.dist-info").mkdir(parents=True)  # what an upgrade leaves: the name holds the version
    env = {**os.environ, "PYTHONPATH": str(libraries)}
    upgraded = subprocess.run(command, capture_output=True, text=True, timeout=300, env=env)
    assert upgraded.returncode == 0 and upgraded.stdout.startswith("built "), upgraded.stdout
    assert subprocess.run(command, capture_output=True, text=True, timeout=300, env=env).stdout.startswith("up to date")


def test_an_up_to_date_build_loads_no_article_parser(tmp_path: Path) -> None:
    """A build that finds nothing changed reads no article: it imported the article loader, the Markdown engines and
    the sanitiser (136 of its 213 regular expressions, 41% of its instructions) only because the theme's walk took
    ``is_utf8`` from the loader."""
    import sys
    root = project(tmp_path)
    command = [sys.executable, "-X", "importtime", "-m", "generator", "build", "--config", str(root / "config.yaml")]
    assert subprocess.run(command, capture_output=True, text=True, timeout=300).returncode == 0
    again = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert again.stdout.startswith("up to date"), again.stdout
    loaded = {line.rsplit("|", 1)[-1].strip() for line in again.stderr.splitlines() if line.startswith("import time:")}
    assert "generator.load.config" in loaded, "importtime's lines were read"
    assert not loaded & {"generator.load.content", "generator.load.markdown", "markdown_it_pyrs"}


def test_the_library_hash_ignores_this_package_and_the_folder_it_is_run_from(tmp_path: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """`python -m generator` in a source folder puts it on the path, with its news_digest.egg-info: the cache was
    emptied whenever digest was run from there and then elsewhere. Another library's folder counts."""
    from generator.load.cache import installed_hash
    before = installed_hash()
    source = tmp_path / "source"
    (source / "news_digest.egg-info").mkdir(parents=True)
    (source / "news_digest-0.1.0.dist-info").mkdir()
    monkeypatch.syspath_prepend(str(source))
    assert installed_hash() == before
    (source / "requests-9.9.dist-info").mkdir()
    assert installed_hash() != before


@pytest.mark.parametrize("damage", ["delete", "garbage", "malformed", "wrong version"])
def test_a_deleted_or_corrupt_cache_is_harmless(tmp_path: Path, damage: str) -> None:
    root = project(tmp_path)
    run(root)
    cache = root / ".cache" / "build.sqlite"
    if damage == "delete":
        shutil.rmtree(root / ".cache")
    elif damage == "garbage":
        cache.write_bytes(b"not a database" * 100)
    elif damage == "malformed":  # the file opens, its pages do not: it must be replaced, not kept failing
        damage_pages(cache)
    else:
        with sqlite3.connect(cache) as db:
            db.execute("UPDATE meta SET value = 'old' WHERE key = 'format'")
    CHANGES["edit body"](root)
    done = run(root)
    assert done.result is not None
    assert not [w for w in done.warnings if "cache" in w.message], "a damaged cache is replaced, not reported"
    assert tree(root / "site") == cold(root, tmp_path)
    assert run(root).result is None, "the cache works again after one build"


@pytest.mark.parametrize("where", ["a title", "a body"])
def test_a_byte_changed_inside_a_cached_article_is_a_miss_not_published(tmp_path: Path, where: str) -> None:
    """A maintainer's report: one byte changed in the cache file (a bad sector) inside a stored title or body passed
    every check, went onto the front page and into the feeds when another article was edited, and stayed ('up to
    date'). Each stored head and body carries a checksum: the damaged row is parsed again from its file."""
    root = project(tmp_path)
    run(root)
    cache = root / ".cache" / "build.sqlite"
    data = cache.read_bytes()
    found = data.find(b'"title":"Lama"' if where == "a title" else b"Isi artikel.")
    assert found > 0
    at = found + (len(b'"title":"La') if where == "a title" else len(b"Isi ar"))
    cache.write_bytes(data[:at] + b"X" + data[at + 1:])
    CHANGES["edit body"](root)
    done = run(root)
    assert done.result is not None
    assert "note: part of the build cache was unreadable (articles) and is rebuilt; nothing else is affected" in \
        done.notes or where == "a body", done.notes
    assert tree(root / "site") == cold(root, tmp_path)
    assert b"LaXa" not in b"".join(tree(root / "site").values()) and b"Isi arXikel" not in b"".join(tree(root / "site").values())


@pytest.mark.parametrize("damage", ["a related reading's number", "two bodies traded"])
def test_a_meta_row_changed_or_rows_traded_are_misses(tmp_path: Path, damage: str) -> None:
    """The next attack on this round's checksums: a number changed in the related reading's meta row (plain JSON)
    put a wrong 'related' link on a page at the next build that rendered it, kept 'up to date'; two body rows that
    traded values each passed their own checksum, and the feeds showed each article's body under the other."""
    import json
    root = project(tmp_path)
    for path in sorted((root / "content").rglob("*.md")):  # each body its own
        path.write_text(path.read_text().replace("Isi artikel.", f"Isi artikel {path.stem}."))
    run(root)
    with sqlite3.connect(root / ".cache" / "build.sqlite") as db:
        if damage == "two bodies traded":
            (a, va), (b, vb) = db.execute("SELECT key, value FROM bodies ORDER BY key LIMIT 2").fetchall()
            db.execute("UPDATE bodies SET value = ? WHERE key = ?", (vb, a))
            db.execute("UPDATE bodies SET value = ? WHERE key = ?", (va, b))
        else:
            from generator.load.cache import unseal
            (value,) = db.execute("SELECT value FROM meta WHERE key = 'related'").fetchone()
            related = json.loads(unseal("related", value))
            related[1] = [[1 - n if n in (0, 1) else n for n in picks] for picks in related[1]]
            changed = json.dumps(related, separators=(",", ":")).encode()
            db.execute("UPDATE meta SET value = ? WHERE key = 'related'", (value[:4] + changed,))  # the old checksum
    (root / "config.yaml").write_text((root / "config.yaml").read_text().replace("title: T", "title: T2"))
    assert run(root).result is not None
    assert tree(root / "site") == cold(root, tmp_path)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_cold_build_whose_bodies_wait_in_the_cache_gives_the_site_of_one_that_holds_them(tmp_path: Path,
                                                                                         jobs: int) -> None:
    """``publish`` stores each parsed row at once and lets the article go of its body (``cache.RowStore``); the
    pages and full-content feeds read the bodies back, in the render workers too. ``build()`` alone keeps them."""
    from generator.build import build
    root = project(tmp_path)
    run(root, jobs=jobs)
    held = build(load_config(root / "config.yaml"), BuildOptions(workers=jobs)).output.files
    assert any(b"Isi artikel." in data for path, data in held.items() if path.endswith("feed.xml"))
    assert {p: d for p, d in tree(root / "site").items() if p != ".news-digest"} == held


def test_a_file_deleted_from_the_site_by_hand_is_restored(tmp_path: Path) -> None:
    root = project(tmp_path)
    run(root)
    (root / "site" / "tags/ai/index.html").unlink()
    CHANGES["edit body"](root)
    run(root)
    assert tree(root / "site") == cold(root, tmp_path)


def _restored_from_a_ci_cache(root: Path, tmp_path: Path) -> Path:
    """A fresh checkout of ``root`` (new mtimes) with .cache/, site/ and .site.prev/ restored from a tar archive, as
    actions/cache and GitLab's cache do: every file a new inode, mtimes cut to the second (GNU tar's format)."""
    clone = tmp_path / "clone"
    shutil.copytree(root, clone, ignore=shutil.ignore_patterns("site", ".site.*", ".cache"), copy_function=shutil.copy)
    archive = tmp_path / "cache.tar"
    subprocess.run(["tar", "cf", archive, "--hard-dereference", ".cache", "site", ".site.prev"], cwd=root, check=True)
    subprocess.run(["tar", "xf", archive], cwd=clone, check=True)
    return clone


def _edit_body_again(root: Path) -> None:
    """'edit body' once more, with other words: a build that is not up to date, and changes only that article."""
    (root / "content/2025/06/meta.md").write_text(article(title="Meta", tags="[ai, data]", companies="[Facebook]",
                                                          section="Asia", summary="Ringkasan.", body="Isi lain.\n"))


def test_an_output_folder_restored_from_a_ci_cache_reuses_every_page(tmp_path: Path) -> None:
    """The README's CI recipes keep .cache/, site/ and .site.prev/ between runs, but a restored folder never
    matched its recorded stats (new inodes), so every page was rendered again, slower than a cold build."""
    root = project(tmp_path)
    run(root)
    CHANGES["edit body"](root)
    run(root)  # now site/ and .site.prev/ are both recorded
    clone = _restored_from_a_ci_cache(root, tmp_path)
    spare = {p: (clone / ".site.prev" / p).stat().st_ino for p in tree(clone / ".site.prev")}
    assert run(clone).result is None, "the inputs and the site have the bytes the cache recorded: up to date"
    assert tree(clone / "site") == cold(root, tmp_path)
    _edit_body_again(clone)
    done = run(clone)
    assert done.result is not None and done.written is not None
    assert done.result.reused == done.result.pages + done.result.feeds - 32, "only the edited article's pages"
    assert tree(clone / "site") == cold(clone, tmp_path)
    assert (clone / "site/2025/05/lama/index.html").stat().st_ino == spare["2025/05/lama/index.html"], \
        "the restored spare was verified too, and brought up to date in place rather than made afresh"
    assert run(clone).result is None, "the build after it is up to date"


def test_an_output_folder_restored_under_a_default_acl_reuses_every_page(tmp_path: Path) -> None:
    """A project in a folder with a default ACL ('setfacl -d -m o::- .'): its pages are 0640 and its folders 0750,
    recorded so; restored from a CI cache with those modes, it was never trusted (a mode of its own), and every
    page was rendered again. The modes the cache recorded are trusted; another (umask 077's 0600) still is not."""
    from conftest import default_acl

    default_acl(tmp_path, other=0)
    root = project(tmp_path)
    run(root)
    CHANGES["edit body"](root)
    run(root)
    clone = _restored_from_a_ci_cache(root, tmp_path)
    assert (clone / "site/index.html").stat().st_mode & 0o777 == 0o640
    assert run(clone).result is None, "up to date, as in the test above"
    _edit_body_again(clone)
    done = run(clone)
    assert done.result is not None and done.written is not None
    assert done.result.reused == done.result.pages + done.result.feeds - 32, "only the edited article's pages"
    assert tree(clone / "site") == cold(clone, tmp_path)


def _checked_out_again(root: Path) -> dict[str, os.stat_result]:
    """What a fresh checkout does to the project's files: each is written anew with the same bytes (a new inode, a
    new mtime), as git and actions/checkout write them. Returns the stats they had."""
    was = {}
    for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.relative_to(root).parts[0].startswith(
            ("site", ".site", ".cache"))):
        was[path.relative_to(root).as_posix()] = path.stat()
        shutil.copy(path, path.with_name(path.name + ".new"))
        os.replace(path.with_name(path.name + ".new"), path)
    return was


def test_a_fresh_checkout_with_an_output_folder_kept_is_up_to_date(tmp_path: Path) -> None:
    """A maintainer's report: after a fresh checkout (every file a new mtime and inode) with .cache/ and site/ kept,
    `digest build` read every article file again, planned every page and brought the spare up to date, reusing
    every page: 0.94 s at 2,000 articles where an up-to-date build takes 0.16 s. Inputs whose stats changed are now
    hashed and compared with the bytes the last build read; the same bytes are up to date, and their new stats are
    recorded, so the next build is up to date by its stats alone."""
    from generator.load.cache import read_meta
    from generator.write.publish import inputs_fingerprint

    root = project(tmp_path)
    run(root)
    CHANGES["edit body"](root)
    run(root)
    site = {p: (root / "site" / p).stat().st_ino for p in tree(root / "site")}
    _checked_out_again(root)
    assert run(root).result is None
    assert {p: (root / "site" / p).stat().st_ino for p in tree(root / "site")} == site
    config = load_config(root / "config.yaml")
    assert read_meta(root / ".cache", ("inputs",))["inputs"] == inputs_fingerprint(config, BuildOptions()), \
        "the new stats are recorded"
    assert run(root).result is None


def test_a_file_edited_under_its_old_size_and_mtime_after_a_checkout_is_built(tmp_path: Path) -> None:
    """The other side of the test above: a file whose bytes changed is built, even with the size and mtime it had
    (a new inode, as a checkout of another commit gives), and even when every other file was checked out anew."""
    root = project(tmp_path)
    run(root)
    run(root)
    os.link(root / "content/2025/06/scale.md", tmp_path / "held")  # its inode is not given to the edited file
    was = _checked_out_again(root)["content/2025/06/scale.md"]
    edited = root / "content/2025/06/scale.md.new"
    edited.write_text((root / "content/2025/06/scale.md").read_text().replace("Isi artikel.", "Isi artikeL."))
    os.utime(edited, ns=(was.st_atime_ns, was.st_mtime_ns))
    os.replace(edited, root / "content/2025/06/scale.md")
    done = run(root)
    assert done.result is not None and b"Isi artikeL." in (root / "site/2025/06/scale/index.html").read_bytes()
    assert tree(root / "site") == cold(root, tmp_path)


def _built(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, root: Path) -> str:
    """``digest build -v --jobs 1`` in ``root`` (planned in this process), as it says it, without its seconds."""
    from generator.commands.cli import main

    monkeypatch.chdir(root)
    assert main(["build", "-v", "--jobs", "1"]) == 0
    return re.sub(r"\([0-9.]+ s\)| in [0-9.]+ s", "", capsys.readouterr().out)


@pytest.mark.parametrize("edited", ["after an up-to-date build", "in the commit checked out"])
def test_a_git_clone_with_the_ci_cache_restored_is_up_to_date_and_an_edit_plans_only_its_pages(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], edited: str) -> None:
    """A maintainer's report: CI clones afresh (every file a new mtime and inode) and restores .cache/, site/ and
    .site.prev/; `digest build` then read every article again and planned every page with nothing changed (never
    'up to date'), and so did a build of one article's edit, the commit's or the first one after. The bytes decide
    now: an article file's by its cache key, which the loader makes anyway, the other inputs' by their hashes."""
    from generator.load.cache import load_cache
    from generator.render import plan as planning

    root = project(tmp_path)
    write_files(root, {".gitignore": "/site/\n/.site.prev/\n/.cache/\n", **{  # enough pages that an edit is planned alone
        f"content/2025/04/a{n}.md": article(title=f"A{n}", date=f"2025-04-{n + 10}", tags=f"[t{n}]") for n in range(9)}})
    run(root)
    CHANGES["edit body"](root)
    run(root)  # site/ and .site.prev/ both recorded
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "."], cwd=root, check=True)
    subprocess.run([*git, "commit", "-qm", "site"], cwd=root, check=True)
    lama = "content/2025/05/lama.md"

    def edit(folder: Path) -> None:
        write_files(folder, {lama: (folder / lama).read_text() + "\nParagraf tambahan.\n"})

    if edited == "in the commit checked out":
        edit(root)
        subprocess.run([*git, "commit", "-qam", "edit"], cwd=root, check=True)
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(root), str(clone)], check=True)
    subprocess.run(["tar", "cf", tmp_path / "cache.tar", ".cache", "site", ".site.prev"], cwd=root, check=True)
    subprocess.run(["tar", "xf", tmp_path / "cache.tar"], cwd=clone, check=True)
    planned: list[str] = []
    real = planning._planned
    monkeypatch.setattr(planning, "_planned", lambda spec, *rest: planned.append(spec.path) or real(spec, *rest))
    if edited == "after an up-to-date build":
        assert _built(capsys, monkeypatch, clone) == \
            "up to date: 12 articles, nothing changed since the last build  → site\n"
        assert planned == []
        edit(clone)
        edit(root)
    said = _built(capsys, monkeypatch, clone)
    in_clone = sorted(planned)
    planned.clear()
    assert said == _built(capsys, monkeypatch, root), "the pages rendered and reused, as in the folder built before"
    assert in_clone == sorted(planned) and 0 < len(planned) < len(load_cache(root / ".cache").plan) / 4
    assert tree(clone / "site") == tree(root / "site") == cold(root, tmp_path)
    assert _built(capsys, monkeypatch, clone).startswith("up to date: ")


def test_a_build_without_the_cache_under_a_default_acl_links_unchanged_pages(tmp_path: Path) -> None:
    """Under a default ACL ('setfacl -d -m o::- .') pages are written 0640, the mode the writer keeps; but a build that
    cannot trust the live folder (--no-cache, a cache of another version after an upgrade) linked a live page only
    if it was 0644, so it wrote every file again: new mtimes, and rsync or `aws s3 sync` uploaded the whole site.
    The mode a new file gets there is what a live page must have to be linked."""
    from conftest import default_acl

    default_acl(tmp_path, other=0)
    mask = os.umask(0o022)
    try:
        root = project(tmp_path)
        run(root, use_cache=False)
        before = {p: (root / "site" / p).stat().st_mtime_ns for p in tree(root / "site") if p != ".news-digest"}
        done = run(root, use_cache=False)
    finally:
        os.umask(mask)
    assert done.written is not None and done.written.written == 0, "0 files got new bytes"
    assert {p: (root / "site" / p).stat().st_mtime_ns for p in before} == before
    assert {(root / "site" / p).stat().st_mode & 0o777 for p in before} == {0o640}
    assert sorted(p.name for p in (root / ".site.prev").iterdir() if p.name.startswith(".news")) == [".news-digest"]


@pytest.mark.parametrize("folders", [0o700, 0o755])
def test_a_folder_restored_under_a_strict_umask_is_not_trusted_with_its_modes(tmp_path: Path, folders: int) -> None:
    """An attacker's report: a cache restored by a non-root tar under umask 077 has 0600 pages and 0700 folders
    with the right bytes; the hash check trusted them, and the site went out unreadable to a web server (and
    stayed so: the next build was up to date). Entries with a mode of their own are not trusted; the build gives
    the modes a cold build gives (``site/`` itself keeps its own, as documented)."""
    root = project(tmp_path)
    run(root)
    CHANGES["edit body"](root)
    run(root)
    clone = tmp_path / "clone"
    shutil.copytree(root, clone, ignore=shutil.ignore_patterns("site", ".site.*", ".cache"), copy_function=shutil.copy)
    archive = tmp_path / "cache.tar"
    subprocess.run(["tar", "cf", archive, ".cache", "site", ".site.prev"], cwd=root, check=True)
    subprocess.run(["tar", "xf", archive, "--no-same-permissions"], cwd=clone, check=True,
                   preexec_fn=lambda: os.umask(0o077))
    for folder in (clone / "site", clone / ".site.prev"):  # 0755: an unzip that keeps folders' modes, not files'
        for path in (folder, *(p for p in folder.rglob("*") if p.is_dir())):
            path.chmod(folders)
    assert (clone / "site/index.html").stat().st_mode & 0o777 == 0o600
    run(clone)
    modes = {p.relative_to(clone / "site").as_posix(): p.stat().st_mode & 0o777 for p in (clone / "site").rglob("*")}
    assert {p: oct(m) for p, m in modes.items() if m not in (0o644, 0o755)} == {}
    assert tree(clone / "site") == cold(root, tmp_path)


@pytest.mark.parametrize("folder", ["site", ".site.prev"])
def test_a_page_edited_by_hand_in_a_restored_folder_is_still_caught(tmp_path: Path, folder: str) -> None:
    root = project(tmp_path)
    run(root)
    CHANGES["edit body"](root)
    run(root)
    clone = _restored_from_a_ci_cache(root, tmp_path)
    page = clone / folder / "tags/data/index.html"
    assert b"Lama" in page.read_bytes()
    page.write_bytes(page.read_bytes().replace(b"Lama", b"LAMA"))  # the same size
    CHANGES["change a tag"](clone)
    run(clone)
    assert tree(clone / "site") == cold(clone, tmp_path)


def test_parallel_build_equals_serial_build(tmp_path: Path) -> None:
    files = {f"2025/{1 + i % 12:02d}/a{i:03d}.md": article(title=f"Artikel {i}", date=f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
                                                         tags=f"[t{i % 7}, u{i % 3}]", section=f"S{i % 4}")
             for i in range(260)}
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    make_project(serial, files)
    make_project(parallel, files)
    run(serial, jobs=1)
    run(parallel, jobs=2)
    assert tree(serial / "site") == tree(parallel / "site")


def test_overrides_that_read_more_of_their_context_stay_correct(tmp_path: Path) -> None:
    """Lists that print bodies, a terms index that prints each term's newest headline: all in the context."""
    root = project(tmp_path)
    write_files(root, {
        "templates/terms.html": '{% extends "theme/terms.html" %}{% block main %}{% for term in terms %}'
                                '<p>{{ term.name }}: {{ term.articles[0].title }}</p>{% endfor %}{% endblock %}',
        "templates/_item.html": "<div>{{ item.body_html | safe }}</div>\n"})
    run(root)
    CHANGES["edit body"](root)
    run(root)
    assert tree(root / "site") == cold(root, tmp_path)
    (root / "content/2025/07").mkdir()
    (root / "content/2025/07/baru.md").write_text(article(title="Paling Baru", date="2025-07-01", tags="[data]"))
    run(root)
    assert b"data: Paling Baru" in (root / "site/tags/index.html").read_bytes()
    assert tree(root / "site") == cold(root, tmp_path)


def test_a_template_that_reads_a_name_outside_its_context_is_an_error(tmp_path: Path) -> None:
    """No page gets the whole site: a value a page does not declare cannot be read, so it cannot go stale."""
    root = project(tmp_path)
    write_files(root, {"templates/base.html": '{% extends "theme/base.html" %}{% block meta %}'
                                              '{{ site.articles[0].title }}{% endblock %}'})
    with pytest.raises(BuildError) as e:
        run(root)
    assert str(e.value.problems[0]) == ("templates/base.html:1: template error: 'site' is undefined; "
                                        "fix the template, or remove your override of it")


def test_rows_of_another_cache_version_are_never_reused(tmp_path: Path) -> None:
    root = project(tmp_path)
    run(root)
    with sqlite3.connect(root / ".cache" / "build.sqlite") as db:  # an old version's rows under today's keys
        db.execute("UPDATE meta SET value = 'old' WHERE key = 'format'")
        db.execute("UPDATE articles SET value = ?", (pickle.dumps((None, ())),))
    run(root)
    CHANGES["edit body"](root)
    run(root)
    assert tree(root / "site") == cold(root, tmp_path)


def test_list_items_say_the_sites_spelling_of_a_section_and_follow_it_when_it_changes(tmp_path: Path) -> None:
    """An editor's report: with two articles in 'Kepri' and one in 'kepri', the section bar, breadcrumb and
    heading said 'Kepri' but that article's entry in every list said 'kepri'. When the articles' majority moves
    to another spelling, a rebuild shows it everywhere, as a cold build does."""
    root = tmp_path / "p"
    make_project(root, {"2025/06/a.md": article(title="A", section="Kepri"),
                        "2025/06/b.md": article(title="B", section="Kepri", date="2025-06-12"),
                        "2025/06/c.md": article(title="C", section="kepri", date="2025-06-11")})
    run(root)
    home = (root / "site/index.html").read_text()
    assert home.count('/sections/kepri/" dir="auto">Kepri</a>') == 4 and ">kepri<" not in home  # the bar and three items
    (root / "content/2025/06/d.md").write_text(article(title="D", section="kepri", date="2025-06-14"))
    run(root)  # the newest, the home page's top story, and its own page's metadata: the site's spelling too
    home = (root / "site/index.html").read_text()
    assert home.count('/sections/kepri/" dir="auto">Kepri</a>') == 5 and ">kepri<" not in home
    page = (root / "site/2025/06/d/index.html").read_text()
    assert '<meta property="article:section" content="Kepri">' in page and '"articleSection": "Kepri"' in page
    (root / "content/2025/06/d.md").unlink()
    for name in ("a", "b"):
        (root / f"content/2025/06/{name}.md").write_text(article(title=name.upper(), section="kepri",
                                                                 date=f"2025-06-{13 - (name == 'b')}"))
    run(root)
    home = (root / "site/index.html").read_text()
    assert home.count('/sections/kepri/" dir="auto">kepri</a>') == 4 and ">Kepri<" not in home
    assert tree(root / "site") == cold(root, tmp_path)


def test_a_build_into_another_output_leaves_the_main_sites_cache_alone(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """A maintainer's report: `digest build --output staging` between two builds of site/ replaced the one cache,
    so the next build of site/ rendered every page again ('0 reused'), and one of staging after it too. Each
    output folder keeps its own state now; the staging build starts from the main cache's articles."""
    from generator.commands.cli import main
    root = project(tmp_path)
    config, staging = str(root / "config.yaml"), str(tmp_path / "staging")
    assert main(["build", "-q", "--config", config]) == 0
    assert main(["build", "-q", "--config", config, "--output", staging]) == 0
    capsys.readouterr()
    for output in ([], ["--output", staging]):
        assert main(["build", "--config", config, *output]) == 0
        assert capsys.readouterr().out.startswith("up to date: 3 articles, nothing changed since the last build")
    CHANGES["edit body"](root)
    for output in ([], ["--output", staging]):
        assert main(["build", "-v", "--config", config, *output]) == 0
        assert capsys.readouterr().out.startswith("32 pages and feeds rendered, 21 reused; 20 files got new bytes\n")
    assert tree(root / "site") == tree(tmp_path / "staging") == cold(root, tmp_path)


def test_an_environment_with_its_own_output_dir_leaves_the_main_sites_cache_alone(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A maintainer's report: config.staging.yaml setting `output_dir: staging-site` shared .cache/ with site/, so
    `digest build -e staging` between two builds of site/ cost the next one its incremental state. The output_dir
    of an environment is another output folder, with its own cache, as with --output."""
    from generator.commands.cli import main
    root = project(tmp_path)
    (root / "config.staging.yaml").write_text("output_dir: staging-site\nnoindex: true\n")
    config = str(root / "config.yaml")
    assert main(["build", "-q", "--config", config]) == 0
    assert main(["build", "-q", "--config", config, "-e", "staging"]) == 0
    capsys.readouterr()
    for environment in ([], ["-e", "staging"]):
        assert main(["build", "--config", config, *environment]) == 0
        assert capsys.readouterr().out.startswith("up to date: 3 articles, nothing changed since the last build")
    assert sorted(p.name[:13] for p in (root / ".cache/outputs").iterdir()) == ["staging-site-"]


def test_an_output_folder_inside_the_project_has_the_same_cache_on_every_checkout_path(tmp_path: Path) -> None:
    """CI runners restore .cache/ into checkouts at different paths (/builds/<runner>/<n>/group/project): the
    cache of `--output public` must be found there, so its key is the path from the project's folder."""
    from generator.write.publish import cache_for
    found = []
    for where in ("a", "b/c"):
        root = tmp_path / where
        make_project(root, {}, config="title: T\nbase_url: https://example.org/\n")
        config = load_config(root / "config.yaml")
        found.append((cache_for(config, root / "public").relative_to(root),
                      cache_for(config, root / "site").relative_to(root)))
    assert found[0] == found[1] and found[0][1] == Path(".cache")
    assert found[0][0].parent == Path(".cache/outputs") and found[0][0].name.startswith("public-")


def test_a_project_built_only_into_another_output_is_incremental(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """The GitLab recipe builds only `--output public`, with no .cache/ yet: the cache of public/ could not be
    saved ('check that .cache/outputs/public-…/ is writable'), so every CI build was a cold one, with a warning."""
    from generator.commands.cli import main
    root = project(tmp_path)
    config, public = str(root / "config.yaml"), str(root / "public")
    assert main(["build", "-q", "--config", config, "--output", public]) == 0
    assert main(["build", "--config", config, "--output", public]) == 0
    said = capsys.readouterr()
    assert "warning" not in said.err
    assert said.out.startswith("up to date: 3 articles, nothing changed since the last build")


def test_a_damaged_main_cache_gives_another_output_a_cold_first_build(tmp_path: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """Seeding another output folder's cache from a damaged .cache/build.sqlite must not stop the build or carry the
    damage over: the build is a cold one, its site the same as a cold build's, and the next one is up to date."""
    from generator.commands.cli import main
    root = project(tmp_path)
    config, staging = str(root / "config.yaml"), str(tmp_path / "staging")
    assert main(["build", "-q", "--config", config]) == 0
    (root / ".cache/build.sqlite").write_bytes(b"not a database" * 100)
    assert main(["build", "-q", "--config", config, "--output", staging]) == 0
    assert tree(tmp_path / "staging") == cold(root, tmp_path)
    capsys.readouterr()
    assert main(["build", "--config", config, "--output", staging]) == 0
    assert capsys.readouterr().out.startswith("up to date: 3 articles, nothing changed since the last build")
