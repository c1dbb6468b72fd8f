"""Fingerprints: a page's changes when, and only when, something it shows changes."""
from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Any

import pytest

from conftest import article, feed_files, make_project
from generator.build import BuildOptions, SitePlan, build, load, plan
from generator.core.hashing import digest
from generator.load.cache import CacheSnapshot
from generator.load.config import load_config
from generator.render import plan as planning
from generator.render.plan import fill


EDITION_W24 = ["weekly/2025-W24/email.html", "weekly/2025-W24/email.txt", "weekly/2025-W24/index.html"]
"""The edition that shows articles dated 2025-06-13 (the factory's default date)."""


def fingerprints(root: Path) -> dict[str, str]:
    return dict(build(load_config(root / "config.yaml")).fingerprints)


def changed(tmp_path: Path, before: dict[str, str], root: Path) -> list[str]:
    after = fingerprints(root)
    return sorted(p for p in after if before.get(p) != after[p])


def test_a_body_edit_changes_exactly_the_pages_that_show_the_article(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/a.md": article(title="A", tags="[x]", summary="S"),
                            "2025/06/b.md": article(title="B", tags="[y]"),
                            "2024/01/c.md": article(title="C", tags="[x]", date="2024-01-05")})
    before = fingerprints(tmp_path)
    (tmp_path / "content/2025/06/a.md").write_text(article(title="A", tags="[x]", summary="S", body="Baru.\n"))
    # lists show the whole article (a theme may print its body), so every list holding it re-renders;
    # b's page, c's page, tag y and 2024 do not show it and stay as they are
    assert changed(tmp_path, before, tmp_path) == sorted([
        "2025/06/a/index.html", "2025/06/index.html", "2025/index.html", "index.html",
        "tags/index.html", "tags/x/index.html", *feed_files("", "tags/x/", "weekly/"), *EDITION_W24])


def test_a_new_tag_count_changes_the_pages_that_show_the_count(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/a.md": article(title="A", tags="[x]"),
                            "2024/01/c.md": article(title="C", tags="[x]", date="2024-01-05"),
                            "2024/01/d.md": article(title="D", tags="[z]", date="2024-01-04")})
    before = fingerprints(tmp_path)
    make_project(tmp_path, {"2024/01/e.md": article(title="E", tags="[x]", date="2024-06-01")})  # between A and C
    after = changed(tmp_path, before, tmp_path)
    assert "2025/06/a/index.html" in after and "2024/01/c/index.html" in after  # their tag link shows the count
    assert "2024/01/d/index.html" not in after and "tags/z/index.html" not in after


def test_a_title_edit_changes_every_list_that_shows_it(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/a.md": article(title="A", tags="[x]"), "2025/05/b.md": article(title="B", date="2025-05-01")})
    before = fingerprints(tmp_path)
    (tmp_path / "content/2025/06/a.md").write_text(article(title="A2", tags="[x]"))
    assert changed(tmp_path, before, tmp_path) == sorted([  # b's page links a as the newer article
        "2025/05/b/index.html", "2025/06/a/index.html", "2025/06/index.html", "2025/index.html", "index.html",
        "tags/index.html", "tags/x/index.html", *feed_files("", "tags/x/", "weekly/"), *EDITION_W24])


# --------------------------------------------------------------------------- article pages planned apart

ARTICLES = {"2025/06/a.md": article(title="A", tags="[x]", companies="[Meta]", section="Asia"),
            "2025/06/b.md": article(title="B", tags="[y]", date="2025-06-14"),
            "2025/05/c.md": article(title="C", tags="[x]", date="2025-05-01", companies="[Meta]"),
            "2024/01/d.md": article(title="D", date="2024-01-05")}
ARTICLE_PAGES = {"2025/06/a/index.html", "2025/06/b/index.html", "2025/05/c/index.html", "2024/01/d/index.html"}


def planned_rows(site_plan: SitePlan) -> list[tuple[str, str, str, str]]:
    return [(p.spec.path, p.spec.render, p.spec.template, p.fingerprint) for p in site_plan.planned]


def plan_of(root: Path, previous: dict[str, tuple[str, str]] | None = None, workers: int = 1) -> SitePlan:
    config = load_config(root / "config.yaml")
    options = BuildOptions(workers=workers)
    return plan(config, options, load(config, options), None, previous)


def where_planned(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, die: bool = False) -> Path:
    """Plan article pages apart from 4 articles on (not 200), half of them here (the two newest: b and a) and half in
    the other process (c and d), recording the pid that plans those; with ``die``, the other process is killed as
    it starts, so this one plans them after all."""
    monkeypatch.setattr(planning, "APART", 1)
    monkeypatch.setattr(planning, "APART_SHARE", 0.5)
    record = tmp_path / "planned-by"
    real, parent = planning._fingerprints, os.getpid()

    def spy(kinds: Any, base: str, part: slice) -> Any:
        if die and os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        record.write_text(str(os.getpid()))
        return real(kinds, base, part)
    monkeypatch.setattr(planning, "_fingerprints", spy)
    return record


@pytest.mark.parametrize("die", [False, True], ids=["apart", "apart-process-killed"])
def test_article_pages_planned_apart_have_the_fingerprints_planned_here(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                        die: bool) -> None:
    root = make_project(tmp_path / "p", ARTICLES, companies="meta:\n  name: Meta\n")
    here = plan_of(root)
    assert all(p.whole for p in here.planned)
    previous = {p.spec.path: (p.fingerprint, "h") for p in here.planned}
    previous["2024/01/d/index.html"] = ("an older fingerprint", "h")  # d's page changed since the last build
    del previous["2025/06/a/index.html"]  # and a's is new
    record = where_planned(monkeypatch, tmp_path, die)
    apart = plan_of(root, previous, workers=2)
    assert (int(record.read_text()) == os.getpid()) is die
    assert planned_rows(apart) == planned_rows(here)
    assert {p.spec.path for p in apart.planned if not p.whole} == {"2025/05/c/index.html"}  # planned there, unchanged
    specs = {p.spec.path: p.spec for p in here.planned}
    assert all(p.spec == specs[p.spec.path] for p in apart.planned if p.whole)
    filled = fill(apart.kinds, apart.planned, ARTICLE_PAGES)
    assert [(p.spec, p.fingerprint) for p in filled] == [(p.spec, p.fingerprint) for p in here.planned]
    assert all(p.whole for p in filled)


def test_nothing_is_planned_apart_without_the_last_builds_fingerprints_or_with_one_job(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = make_project(tmp_path / "p", ARTICLES)
    record = where_planned(monkeypatch, tmp_path)
    previous = {p.spec.path: (p.fingerprint, "h") for p in plan_of(root).planned}
    assert all(p.whole for p in plan_of(root, None, workers=2).planned)
    assert all(p.whole for p in plan_of(root, previous, workers=1).planned)
    assert not record.exists()


def test_a_page_planned_apart_is_rendered_whole_when_the_search_index_needs_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the live site to read reused article pages from, a new search index renders every article page:
    those planned apart, which have no context here, are planned whole first (``plan.fill``)."""
    root = make_project(tmp_path / "p", ARTICLES)
    config = load_config(root / "config.yaml")
    first = build(config, BuildOptions())
    files = {path: data for path, data in first.output if isinstance(data, bytes)}
    previous = {path: (fp, digest(files[path])) for path, fp in first.fingerprints.items() if path in files}
    (root / "content/2025/06/b.md").write_text(article(title="B", tags="[y]", date="2025-06-14", body="Baru.\n"))
    record = where_planned(monkeypatch, tmp_path)
    again = dict(build(config, BuildOptions(workers=2), cache=CacheSnapshot(pages=previous)).output)
    assert int(record.read_text()) != os.getpid()
    cold = dict(build(config, BuildOptions()).output)
    assert {path: again[path] for path in ARTICLE_PAGES} == {path: cold[path] for path in ARTICLE_PAGES}
    assert [p for p in again if p.startswith("pagefind/")] == [p for p in cold if p.startswith("pagefind/")]


@pytest.mark.parametrize("html, resolved", [
    ('<h2 dir="auto">Indonesia</h2><p dir="auto">Teks · kafé</p>',
     '<h2 dir="auto">Indonesia</h2><p dir="auto">Teks · kafé</p>'),
    ('<h3 dir="auto"><a href="/a/">أرامكو Aramco</a></h3><p dir="auto">Google يستثمر</p>',
     '<h3 dir="rtl"><a href="/a/">أرامكو Aramco</a></h3><p dir="auto">Google يستثمر</p>'),
    # no strong letter: dir="auto" stays, not the next block's direction
    ('<p dir="auto">2025</p><p dir="auto">نص</p>', '<p dir="auto">2025</p><p dir="rtl">نص</p>'),
    # text dir="auto" skips (<bdi>, an element with a dir, a nested item's) does not decide; a comment neither
    ('<p dir="auto"><bdi>نص</bdi> Teks</p><li dir="auto"><span dir="ltr">Google</span> نص</li>',
     '<p dir="auto"><bdi>نص</bdi> Teks</p><li dir="rtl"><span dir="ltr">Google</span> نص</li>'),
    ('<li class="x" dir="auto" id="i"><!-- A --><img src="a.png" dir="ltr">1. نص<ul><li dir="auto">A</li></ul></li>',
     '<li class="x" dir="rtl" id="i"><!-- A --><img src="a.png" dir="ltr">1. نص<ul><li dir="auto">A</li></ul></li>'),
    ('<li dir="auto">1.<ul><li dir="auto">نص</li></ul></li>', '<li dir="auto">1.<ul><li dir="rtl">نص</li></ul></li>'),
    ('<a href="/" dir="auto">نص</a><pre dir="auto">نص</pre>', '<a href="/" dir="auto">نص</a><pre dir="auto">نص</pre>'),
])
def test_an_emails_right_to_left_block_is_written_rtl(html: str, resolved: str) -> None:
    """email.html's dir="auto" blocks that come out right-to-left are written dir="rtl", so its inlined style sheet
    can align them at the right; each decided as the browser decides dir="auto"; a Latin one is as it was."""
    from generator.render.plan import right_to_left_blocks
    assert right_to_left_blocks(html) == resolved
