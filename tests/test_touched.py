"""After an edit to article bodies alone, a rebuild plans only the pages that held those articles (``touched.py``),
and what it plans is exactly what planning every page gives: the same fingerprints, the same map of which pages
hold which article, the same site as a cold build. Any other change plans every page."""
from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import pytest

from conftest import article, make_project, write_files
from generator.build import BuildOptions
from generator.load.cache import load_cache
from generator.load.config import load_config
from generator.render import plan as planning
from generator.render import touched
from generator.write.publish import publish

REGISTRY = "meta:\n  name: Meta\nscale-ai:\n  name: Scale AI\n"
ARTICLES = {
    "2025/06/meta.md": article(title="Meta", tags="[ai, data]", companies="[Meta]", section="Asia", summary="S."),
    "2025/06/scale.md": article(title="Scale", date="2025-06-14T09:00:00+07:00", tags="[ai]",
                                companies="[Scale AI, Meta]", body="Isi.\n\nParagraf dua.\n"),
    "2025/05/lama.md": article(title="Lama", date="2025-05-01T09:00:00+07:00", tags="[data]", section="Eropa",
                               source='{name: Reuters, url: "https://www.reuters.com/a"}'),
    "2024/12/tua.md": article(title="Tua", date="2024-12-30T09:00:00+07:00", companies="[Meta]", section="Asia"),
}
CONFIG = ("title: T\nbase_url: https://example.org/\npage_size: 2\nfeed_size: 3\nsections: [Eropa]\n"
          "intersections:\n  min_articles: 1\nfeeds:\n  content: full\n")
NOW = datetime(2025, 6, 14, 12, tzinfo=timezone.utc)  # the week of 2025-06-09 is in progress


@pytest.fixture(autouse=True)
def small_sites_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """This project has 89 pages, so one article is on more of them than ``touched.MOST`` lets through."""
    monkeypatch.setattr(touched, "MOST", 1.0)


def project(root: Path) -> Path:
    make_project(root, ARTICLES, config=CONFIG, companies=REGISTRY)
    write_files(root, {"content/sources.yaml": "reuters:\n  name: Reuters\n  url: https://www.reuters.com/\n",
                       "content/pages/tentang.md": "---\ntitle: Tentang\n---\nKami.\n"})
    return root


def build(root: Path, jobs: int = 1, now: datetime = NOW, use_cache: bool = True):
    return publish(load_config(root / "config.yaml"), BuildOptions(workers=jobs, now=now), root / "site",
                   use_cache=use_cache)


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def planned_whole(root: Path, tmp: Path, now: datetime = NOW) -> tuple[dict[str, bytes], dict[str, str], dict[str, str]]:
    """A cold build of a copy of the project, every page planned: its site, fingerprints and map 'reach' (whose
    plan, checked here, is the project's)."""
    copy = tmp / "cold"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns("site", ".site.*", ".cache"))
    build(copy, now=now)
    cache = load_cache(copy / ".cache")
    assert dict(cache.plan) == dict(load_cache(root / ".cache").plan), "each page's place, kind, render, template"
    return tree(copy / "site"), {path: fp for path, (fp, _) in cache.pages.items()}, dict(cache.reach)


def hashed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the pages whose context the planner makes and hashes in this process, in order."""
    paths: list[str] = []
    real = planning._planned

    def counting(spec, base, memo, kind):
        paths.append(spec.path)
        return real(spec, base, memo, kind)

    monkeypatch.setattr(planning, "_planned", counting)
    return paths


def every_page(root: Path) -> int:
    """How many pages (and feeds) the last build planned."""
    return len(load_cache(root / ".cache").plan)


def append(rel: str, text: str = "\nParagraf tambahan.\n") -> Callable[[Path], None]:
    return lambda root: (root / "content" / rel).write_text((root / "content" / rel).read_text() + text)


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_body_edit_plans_only_the_pages_that_held_the_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 jobs: int) -> None:
    monkeypatch.setattr(planning, "APART", 1)  # with two jobs, article pages are planned in another process
    root = project(tmp_path / "p")
    build(root, jobs)
    write_files(root, {"content/2025/05/lama.md": ARTICLES["2025/05/lama.md"].replace("title: Lama", "title: Lama Sekali")})
    build(root, jobs)  # every page planned; with two jobs the article pages (and what they hold) in the other process,
    # and those of scale.md, which neither shows lama.md nor is its neighbour, are kept with what the other one found
    before = load_cache(root / ".cache")
    old_key = before.files["content/2025/06/scale.md"][1]
    held = before.reach[old_key].split("\n")
    assert "2025/06/scale/index.html" in held and "index.html" in held and "feed.xml" in held
    assert "2025/06/meta/index.html" not in held, "a neighbour shows the article's title and path, not its body"
    append("2025/06/scale.md")(root)
    paths = hashed(monkeypatch)
    done = build(root, jobs)
    assert done.result is not None and done.result.reused > 0
    if jobs == 1:
        assert sorted(paths) == sorted(held), "only the pages that held the edited article are hashed again"
    else:
        assert set(paths) <= set(held) and "index.html" in paths
    site, fingerprints, reach = planned_whole(root, tmp_path)
    after = load_cache(root / ".cache")
    assert tree(root / "site") == site
    assert {path: fp for path, (fp, _) in after.pages.items()} == fingerprints
    assert dict(after.reach) == reach
    assert after.reach[after.files["content/2025/06/scale.md"][1]] == before.reach[old_key]


def test_two_body_edits_and_a_touched_file_in_one_rebuild(tmp_path: Path) -> None:
    root = project(tmp_path / "p")
    build(root)
    append("2025/06/scale.md")(root)
    append("2024/12/tua.md", "\n## Bagian\n\nLagi.\n")(root)
    (root / "content/2025/05/lama.md").touch()
    build(root)
    site, fingerprints, reach = planned_whole(root, tmp_path)
    after = load_cache(root / ".cache")
    assert (tree(root / "site"), {p: fp for p, (fp, _) in after.pages.items()}, dict(after.reach)) == (
        site, fingerprints, reach)


CHANGES: dict[str, Callable[[Path], None]] = {
    "title": lambda root: write_files(root, {"content/2025/06/scale.md": ARTICLES["2025/06/scale.md"].replace(
        "title: Scale", "title: Scale Baru")}),
    "date": lambda root: write_files(root, {"content/2025/06/scale.md": ARTICLES["2025/06/scale.md"].replace(
        "2025-06-14T09:00", "2025-06-12T09:00")}),
    "tags": lambda root: write_files(root, {"content/2025/06/scale.md": ARTICLES["2025/06/scale.md"].replace(
        "tags: [ai]", "tags: [ai, robotika]")}),
    "summary made from the first paragraph": lambda root: write_files(root, {
        "content/2025/06/scale.md": ARTICLES["2025/06/scale.md"].replace("Isi.\n", "Isi lain.\n")}),
    "new article": lambda root: write_files(root, {"content/2025/06/baru.md": article(title="Baru")}),
    "deleted article": lambda root: (root / "content/2025/05/lama.md").unlink(),
    "template": lambda root: write_files(root, {"templates/_item.html": "{{ item.title }}|{{ item.body_html }}"}),
    "sources.yaml": lambda root: write_files(root, {"content/sources.yaml": "reuters:\n  name: Reuters Baru\n"
                                                                            "  url: https://www.reuters.com/\n"}),
    "registry": lambda root: write_files(root, {"content/companies.yaml": REGISTRY + "google:\n  name: Google\n"}),
    "page": lambda root: write_files(root, {"content/pages/tentang.md": "---\ntitle: Tentang Kami\n---\nKami.\n"}),
    "note": lambda root: write_files(root, {"content/weekly/2025-W24.md": "---\ntitle: Pekan AI\n---\nCatatan.\n"}),
    "config": lambda root: write_files(root, {"config.yaml": CONFIG.replace("title: T", "title: T2")}),
}


@pytest.mark.parametrize("change", sorted(CHANGES))
def test_any_other_change_with_a_body_edit_plans_every_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            change: str) -> None:
    root = project(tmp_path / "p")
    build(root)
    append("2024/12/tua.md")(root)
    CHANGES[change](root)
    paths = hashed(monkeypatch)
    done = build(root)
    assert done.result is not None
    assert len(paths) == every_page(root) > 50, "every page is planned"
    site, fingerprints, reach = planned_whole(root, tmp_path)
    after = load_cache(root / ".cache")
    assert (tree(root / "site"), {p: fp for p, (fp, _) in after.pages.items()}, dict(after.reach)) == (
        site, fingerprints, reach)


def test_a_body_edit_after_the_week_ended_plans_every_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """'now' is not a file: the edition that was in progress is finished now, though only a body changed."""
    root = project(tmp_path / "p")
    build(root)
    append("2024/12/tua.md")(root)
    later = datetime(2025, 6, 16, 12, tzinfo=timezone.utc)
    paths = hashed(monkeypatch)
    done = build(root, now=later)
    assert done.result is not None and len(paths) == every_page(root) > 50
    site, _, reach = planned_whole(root, tmp_path, later)
    assert tree(root / "site") == site and dict(load_cache(root / ".cache").reach) == reach
    assert "Edisi ini masih berjalan" not in (root / "site/weekly/2025-W24/index.html").read_text()


@pytest.mark.parametrize("damage, note", [  # rows as a build writes an entry changed since the map's base
    (lambda maps: ("reach", min(maps["reach"]), None), "(reach)"),  # an entry gone, its count not changed
    (lambda maps: ("plan", "index.html", "not a row"), ""),
    (lambda maps: ("plan", "feed.xml", "0" + maps["plan"]["feed.xml"][1:]), ""),
    (lambda maps: ("plan", "feed.xml", None), "(plan)"),
])
def test_a_damaged_map_means_every_page_is_planned(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   damage: Callable[[dict], tuple], note: str) -> None:
    """A map that does not read back, or a plan whose rows are not a plan (text, but not four fields, or two
    pages in one place), is not used: every page is planned, and the maps are made whole again."""
    import sqlite3
    root = project(tmp_path / "p")
    build(root)
    row = damage(load_cache(root / ".cache").maps)
    with sqlite3.connect(root / ".cache/build.sqlite") as db:
        assert db.execute("INSERT OR REPLACE INTO maps VALUES (?, ?, ?, NULL)", row).rowcount == 1
    append("2025/06/scale.md")(root)
    paths = hashed(monkeypatch)
    done = build(root)
    assert done.result is not None and len(paths) == every_page(root) > 50
    assert (f"part of the build cache was unreadable {note}" in " ".join(done.notes)) is bool(note)
    site, fingerprints, reach = planned_whole(root, tmp_path)
    after = load_cache(root / ".cache")
    assert (tree(root / "site"), dict(after.reach)) == (site, reach)


def test_an_edit_on_more_than_a_quarter_of_the_pages_plans_every_page(tmp_path: Path,
                                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Planning most pages here would take longer than planning them all with the other core's help."""
    monkeypatch.setattr(touched, "MOST", 0.1)
    root = project(tmp_path / "p")
    build(root)
    append("2025/06/scale.md")(root)
    paths = hashed(monkeypatch)
    assert build(root).result is not None and len(paths) == every_page(root)
    site, _, reach = planned_whole(root, tmp_path)
    assert tree(root / "site") == site and dict(load_cache(root / ".cache").reach) == reach


@pytest.mark.parametrize("damage", [None, "UPDATE meta SET value = CAST('{\"meta\": 1}' AS BLOB) WHERE key = 'intel'",
                                    "UPDATE meta SET value = 'not json' WHERE key = 'intel'",
                                    "DELETE FROM meta WHERE key = 'intel'"])
def test_after_a_body_edit_the_company_intel_is_the_last_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 damage: str | None) -> None:
    """The companies' intel (co-mentions, trend, coverage) depends on no body, so after a body edit the one the
    cache saved is taken, not made again; one that does not decode as intel is made again. Either way the site
    is the cold build's."""
    import sqlite3
    from generator.render import pages
    root = project(tmp_path / "p")
    build(root)
    if damage:
        with sqlite3.connect(root / ".cache/build.sqlite") as db:
            assert db.execute(damage).rowcount == 1
    made: list[int] = []
    real = pages._intel
    monkeypatch.setattr(pages, "_intel", lambda k: made.append(1) or real(k))
    append("2025/06/scale.md")(root)
    assert build(root).result is not None
    assert len(made) == (0 if damage is None else 1), "made once, and only when the saved one is not at hand"
    assert load_cache(root / ".cache").intel is not None
    site, _, _ = planned_whole(root, tmp_path)
    assert tree(root / "site") == site and "Scale AI" in (root / "site/companies/meta/index.html").read_text()


# --------------------------------------------------------------------------- the page kinds, narrowed

LONG = {f"2025/06/a{n}.md": article(title=f"A{n}", date=f"2025-06-{12 - n:02d}T09:00:00+07:00", tags="[ai]",
                                    companies="[Meta]", section="Asia",
                                    source='{name: Reuters, url: "https://www.reuters.com/a%d"}' % n)
        for n in range(7)}
"""Seven articles, newest first a0 (2025-06-12) to a6 (2025-06-06), on one tag, company, section and publisher: with
two a page, a4 is on the third page of each list, and in the older of two editions (weeks 23 and 24)."""


def long_project(root: Path) -> Path:
    make_project(root, LONG, config=CONFIG, companies=REGISTRY)
    write_files(root, {"content/sources.yaml": "reuters:\n  name: Reuters\n  url: https://www.reuters.com/\n"})
    return root


def test_a_body_edit_on_later_pages_of_the_lists_plans_only_those_pages(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Each kind makes just the touched pages from what they show (``Kinds.only``): the third page of the home page,
    a tag's, a company's, a section's and a publisher's lists and of the archives, the older edition and its email,
    the article's own page between its neighbours. One left out, or one too many, and every page is planned."""
    root = long_project(tmp_path / "p")
    build(root)
    key = load_cache(root / ".cache").files["content/2025/06/a4.md"][1]
    held = set(load_cache(root / ".cache").reach[key].split("\n"))
    assert {"page/3/index.html", "tags/ai/page/3/index.html", "companies/meta/page/3/index.html",
            "sections/asia/page/3/index.html", "sources/reuters/page/3/index.html", "2025/06/page/3/index.html",
            "2025/page/3/index.html", "weekly/2025-W23/index.html", "weekly/2025-W23/email.html",
            "weekly/2025-W23/email.txt", "2025/06/a4/index.html", "companies/meta/sections/asia/page/3/index.html"} <= held
    assert not {"index.html", "tags/ai/index.html", "weekly/2025-W24/index.html", "2025/06/a3/index.html"} & held
    append("2025/06/a4.md")(root)
    paths = hashed(monkeypatch)
    assert build(root).result is not None
    assert sorted(paths) == sorted(held), "only the pages that held the edited article are made and hashed again"
    site, fingerprints, reach = planned_whole(root, tmp_path)
    after = load_cache(root / ".cache")
    assert (tree(root / "site"), {p: fp for p, (fp, _) in after.pages.items()}, dict(after.reach)) == (
        site, fingerprints, reach)


def test_every_page_made_alone_is_the_page_planning_every_page_makes(tmp_path: Path) -> None:
    """A kind narrowed to some of its pages (``Kinds.narrowed``) makes those pages' specs, equal to the ones it makes
    for every page (the same context, so the same fingerprint): one page alone, and every page together, in order;
    the kinds that narrow (lists, feeds, editions, article pages) make no page of another list, feed, edition or
    article."""
    from generator.build import load, plan
    from generator.core.hashing import Memo, canonical
    root = long_project(tmp_path / "p")
    config = load_config(root / "config.yaml")
    options = BuildOptions(workers=1, now=NOW)
    site_plan = plan(config, options, load(config, options))
    kinds = site_plan.kinds
    narrowing = {"home_pages", "article_pages", "term_pages", "intersection_pages", "archive_pages", "publisher_pages",
                 "edition_pages", "feeds", "intersection_feeds", "publisher_feeds"}
    of_kind: dict[str, list] = {}
    for p in site_plan.planned:
        of_kind.setdefault(p.kind, []).append(p.spec)
    assert narrowing <= of_kind.keys() and len(of_kind["home_pages"]) == 4 and len(of_kind["edition_pages"]) == 6
    for name, specs in of_kind.items():
        for spec in specs:
            alone = list(planning.KINDS[name](kinds.narrowed(frozenset({spec.path}))))
            assert [s for s in alone if s.path == spec.path] == [spec], spec.path
            assert canonical(alone[[s.path for s in alone].index(spec.path)].context, Memo()) == \
                canonical(spec.context, Memo())
            if name in narrowing:  # a feed's other formats, an edition's email and text are made with it
                assert {s.path.rpartition("/")[0] for s in alone} == {spec.path.rpartition("/")[0]}, spec.path
        together = [s for s in planning.KINDS[name](kinds.narrowed(frozenset(s.path for s in specs)))]
        assert together == specs, name
