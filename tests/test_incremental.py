"""build() takes its articles from a loader; the cache-aware one lives on the incremental side."""
from __future__ import annotations

import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from conftest import CONFIG, article, make_project, write_files
from generator.build import BuildOptions, build, load, plan, render
from generator.load.cache import RowStore, load_cache
from generator.load.config import Config, load_config
from generator.load.content import ArticleSettings, article_settings
from generator.core import codec
from generator.core.errors import BuildError, Problem
from generator.load import incremental
from generator.load.incremental import CachedBodies, Loaded, article_loader, load_articles
from generator.write.publish import publish
from generator.load.registry import Registry, load_registry


def test_build_reads_the_articles_its_loader_gives(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/a.md": article(title="Dari berkas")})
    config = load_config(tmp_path / "config.yaml")
    parsed = load_articles(config, article_settings(config, load_registry_of(config)))
    seen: list[ArticleSettings] = []

    def loader(_config: object, settings: ArticleSettings) -> Loaded:
        seen.append(settings)
        return Loaded(parsed.articles, (Problem("content/x.md", 1, "", "from the loader", "warning"),))

    result = build(config, BuildOptions(), read=loader)
    assert len(seen) == 1 and seen[0].content_dir == "content", "called once, with the registry's settings"
    assert [str(w) for w in result.warnings] == ["content/x.md:1: warning: from the loader"]
    assert b"Dari berkas" in result.output.files["index.html"]


def test_the_cache_aware_loader_reads_rows_and_reports_what_to_save(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/a.md": article(title="Satu"), "2025/06/b.md": article(title="Dua")})
    config = load_config(tmp_path / "config.yaml")
    publish(config, BuildOptions(), tmp_path / "site")
    (tmp_path / "content/2025/06/b.md").write_text(article(title="Dua lagi"))
    snapshot = load_cache(tmp_path / ".cache")
    settings = article_settings(config, load_registry_of(config))
    loaded = article_loader(snapshot, 1)(config, settings)
    assert sorted(a.title for a in loaded.articles) == ["Dua lagi", "Satu"]
    new = [key for key, row in loaded.rows.items() if row is not None]
    assert len(loaded.rows) == 2 and len(new) == 1, "one row reused as it is, one parsed and new"
    assert loaded.seen["content/2025/06/b.md"][1] == new[0]


def load_registry_of(config: Config) -> Registry:
    rel = f"{config.content_dir}/companies.yaml"
    return load_registry(config.path(rel), rel)


def lazy_rebuild(tmp_path: Path, config_text: str = CONFIG) -> tuple[Config, ArticleSettings, Loaded, Loaded]:
    """Three articles built once, then loaded again from the cache (as a rebuild does) and from the files."""
    make_project(tmp_path, {f"2025/06/{name}.md": article(title=name.title(), body=f"Isi *{name}*, [tautan](/{name}/).\n")
                            for name in ("satu", "dua", "tiga")}, config=config_text)
    config = load_config(tmp_path / "config.yaml")
    publish(config, BuildOptions(), tmp_path / "site")
    settings = article_settings(config, load_registry_of(config))
    cached = article_loader(load_cache(tmp_path / ".cache"), 1)(config, settings)
    return config, settings, cached, load_articles(config, settings)


def test_a_rebuild_leaves_the_bodies_in_the_cache_until_something_shows_one(tmp_path: Path,
                                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    _, _, cached, parsed = lazy_rebuild(tmp_path)
    assert [a.body for a in cached.articles] == [b"", b"", b""], "no body read while loading"
    assert cached.articles == parsed.articles, "equal articles: the key stands for the body"
    assert "body_from" not in codec.encode(cached.articles[0]), "where a body is read from is not data"
    reads: list[str] = []
    read = CachedBodies._read
    monkeypatch.setattr(CachedBodies, "_read", lambda self, key: reads.append(key) or read(self, key))
    assert [a.body_html for a in cached.articles] == [a.body_html for a in parsed.articles]
    assert '<em>dua</em>' in cached.articles[0].body_html + cached.articles[1].body_html
    assert len(reads) == 5 and len(set(reads)) == 3, "read when asked for, each time (nothing kept)"


def test_a_body_whose_cache_row_is_gone_is_made_again_from_its_unchanged_file(tmp_path: Path) -> None:
    _, _, cached, parsed = lazy_rebuild(tmp_path)
    with sqlite3.connect(tmp_path / ".cache/build.sqlite") as db:
        keys = [a.key for a in parsed.articles]
        db.execute("UPDATE bodies SET value = x'ff' WHERE key = ?", (keys[0],))  # not UTF-8
        db.execute("DELETE FROM bodies WHERE key = ?", (keys[1],))
        assert db.total_changes == 2
    assert [a.body_html for a in cached.articles] == [a.body_html for a in parsed.articles], "damaged, gone, intact"
    shutil.rmtree(tmp_path / ".cache")
    assert [a.body_html for a in cached.articles] == [a.body_html for a in parsed.articles], "the whole cache deleted"


def test_a_file_changed_while_its_body_was_still_in_a_lost_cache_stops_the_build_with_its_name(tmp_path: Path) -> None:
    config, _, _, _ = lazy_rebuild(tmp_path)
    site = {p.relative_to(tmp_path / "site"): p.read_bytes() for p in (tmp_path / "site").rglob("*") if p.is_file()}
    (tmp_path / "content/2025/06/dua.md").write_text(article(title="Dua", body="Isi baru.\n"))  # a real edit
    snapshot = load_cache(tmp_path / ".cache")
    options = BuildOptions()
    loaded = load(config, options, article_loader(snapshot, 1))
    shutil.rmtree(tmp_path / ".cache")  # the cache lost after loading, and then an editor saves another file
    (tmp_path / "content/2025/06/satu.md").write_text(article(title="Satu", body="Diubah saat membangun.\n"))
    site_plan = plan(config, options, loaded)
    with pytest.raises(BuildError) as raised:
        for _ in render(site_plan, loaded, snapshot.pages, 1).output:
            pass
    assert [str(p) for p in raised.value.problems] == [
        "content/2025/06/satu.md: the file changed while the site was being built, and the build cache no longer "
        "has the version read first; build again"]
    assert site == {p.relative_to(tmp_path / "site"): p.read_bytes() for p in (tmp_path / "site").rglob("*")
                    if p.is_file()}, "nothing was written"


def test_a_cold_build_stores_each_batch_of_rows_as_it_parses_and_lets_go_of_their_bodies(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(incremental, "STORE_BATCH", 2)
    make_project(tmp_path, {f"2025/06/a{n}.md": article(title=f"A{n}", body=f"Isi *{n}*.\n") for n in range(5)})
    config = load_config(tmp_path / "config.yaml")
    settings = article_settings(config, load_registry_of(config))
    batches: list[int] = []
    put = RowStore.put
    monkeypatch.setattr(RowStore, "put", lambda self, rows: batches.append(len(rows)) or put(self, rows))
    stored = load_articles(config, settings, store=RowStore(tmp_path / ".cache"))
    parsed = load_articles(config, settings)
    assert batches == [2, 2, 1], "stored while parsing, a batch at a time"
    assert [a.body for a in stored.articles] == [b""] * 5 and [a.body for a in parsed.articles] != [b""] * 5
    assert dict(stored.rows) == dict.fromkeys(stored.rows), "the cache has every row: save_cache keeps them"
    assert [a.body_html for a in stored.articles] == [a.body_html for a in parsed.articles]
    with sqlite3.connect(tmp_path / ".cache/build.sqlite") as db:
        assert db.execute("SELECT count(*) FROM bodies").fetchone() == (5,)
    publish(config, BuildOptions(), tmp_path / "site")
    snapshot = load_cache(tmp_path / ".cache")
    assert publish(config, BuildOptions(), tmp_path / "site").result is None, "the cache is whole: up to date"
    assert len(snapshot.articles) == 5


@pytest.mark.parametrize("trouble", ["a file in the way", "fails at the second batch"])
def test_a_store_that_cannot_take_the_rows_leaves_the_bodies_with_the_articles(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, trouble: str) -> None:
    monkeypatch.setattr(incremental, "STORE_BATCH", 2)
    make_project(tmp_path, {f"2025/06/a{n}.md": article(title=f"A{n}", body=f"Isi *{n}*.\n") for n in range(5)})
    config = load_config(tmp_path / "config.yaml")
    settings = article_settings(config, load_registry_of(config))
    cache = tmp_path / ".cache"
    if trouble == "a file in the way":
        cache.write_text("not a folder")
    else:
        put = RowStore.put

        def damaged_after_one(store: RowStore, rows: list[tuple[str, bytes, bytes]]) -> bool:
            done = put(store, rows)
            if done:  # the file overwritten under the store's open connection: the next batch fails
                store.file.write_bytes(b"not a database" * 1000)
            return done
        monkeypatch.setattr(RowStore, "put", damaged_after_one)
    parsed = load_articles(config, settings)
    stored = load_articles(config, settings, store=RowStore(cache))
    kept = [a.body != b"" for a in stored.articles]
    assert kept == ([False, False, True, True, True] if trouble == "fails at the second batch" else [True] * 5)
    assert [key for key, row in stored.rows.items() if row is not None] == [a.key for a in stored.articles
                                                                          if a.body], "left for save_cache"
    assert [a.body_html for a in stored.articles] == [a.body_html for a in parsed.articles]


@pytest.mark.parametrize("found", ["another version", "another version's tables", "a damaged file"])
def test_a_cache_this_version_cannot_use_is_emptied_for_the_rows_instead_of_keeping_every_body(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, found: str) -> None:
    """After an upgrade (or a damaged cache) a build parses every article, as a cold build does, and stores their
    rows as it goes, so that it holds no more bodies than a cold build: the other version's rows, which it cannot
    read, are dropped at the first batch rather than at the end (``save_cache``)."""
    monkeypatch.setattr(incremental, "STORE_BATCH", 2)
    make_project(tmp_path, {f"2025/06/a{n}.md": article(title=f"A{n}", body=f"Isi *{n}*.\n") for n in range(5)})
    config = load_config(tmp_path / "config.yaml")
    settings = article_settings(config, load_registry_of(config))
    cache = tmp_path / ".cache"
    cache.mkdir()
    if found == "a damaged file":
        (cache / "build.sqlite").write_bytes(b"not a database" * 1000)
        (cache / "build.sqlite-journal").write_bytes(b"a journal that must not be played into the new file")
    else:
        with sqlite3.connect(cache / "build.sqlite") as db:
            db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB)")
            db.execute("INSERT INTO meta VALUES ('format', 'old')")
            if found == "another version's tables":  # rows of another shape: a column more, a table unknown here
                db.execute("CREATE TABLE articles (key TEXT PRIMARY KEY, value BLOB, extra INTEGER)")
                db.execute("INSERT INTO articles VALUES ('old-key', x'00', 1)")
                db.execute("CREATE TABLE pages (path TEXT)")
    parsed = load_articles(config, settings)
    stored = load_articles(config, settings, store=RowStore(cache))
    assert [a.body for a in stored.articles] == [b""] * 5, "every body stored, none held"
    assert dict(stored.rows) == dict.fromkeys(stored.rows)
    assert [a.body_html for a in stored.articles] == [a.body_html for a in parsed.articles]
    assert not (cache / "build.sqlite-journal").exists()
    with sqlite3.connect(cache / "build.sqlite") as db:
        assert db.execute("SELECT key FROM articles ORDER BY key").fetchall() == sorted((a.key,) for a in stored.articles)
    done = publish(config, BuildOptions(), tmp_path / "site")
    assert done.result is not None and done.result.articles == 5
    assert publish(config, BuildOptions(), tmp_path / "site").result is None, "the cache is whole: up to date"


def test_a_cached_datetime_with_another_key_in_place_of_its_zone_is_a_decode_error() -> None:
    """A damaged cache row whose date has three keys but no 'zone' is a DecodeError (the cache is read afresh), not
    a KeyError out of the build."""
    with pytest.raises(codec.DecodeError, match="expected a tagged datetime"):
        codec.loads(b'{"@": "datetime", "iso": "2025-06-01T09:00:00+07:00", "other": 1}', datetime)


@pytest.mark.parametrize("parts", [False, True], ids=["one-sitemap", "sitemap-parts"])
def test_the_sitemap_and_redirect_rules_are_kept_after_a_body_edit_and_made_again_after_any_other(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, parts: bool) -> None:
    """The sitemap and the redirect rules come out ``Unchanged`` after an edit to a body alone, without being made
    (``build.site_files``), and once the last build was one too (``touched``), without the sitemap's inputs read;
    after an edit to a date, an ``updated:``, a ``redirects:`` or a ``draft:``, the site is byte for byte a cold
    build's. ``parts``: sitemap.xml an index of parts of two pages each."""
    from generator import build as building
    from generator.render import sitemap, touched

    monkeypatch.setattr(touched, "MOST", 1.0)
    if parts:
        monkeypatch.setattr(sitemap, "MAX_URLS", 2)  # an edit to a body is on most pages of so small a site
    made: list[str] = []
    for name in ("render_sitemap", "rule_files", "sitemap_inputs"):
        monkeypatch.setattr(building, name, lambda *a, _f=getattr(building, name), _n=name: made.append(_n) or _f(*a))
    root = make_project(tmp_path / "p", {
        "2025/06/satu.md": article(title="Satu", companies="[Facebook]", summary="Ringkasan."),  # not the body's
        "2025/06/dua.md": article(title="Dua", date="2025-06-14T09:00:00+07:00", updated="2025-06-15T10:00:00+07:00",
                                  summary="Ringkasan."),
        "2025/06/tiga.md": article(title="Tiga", date="2025-06-12T09:00:00+07:00", redirects="[2025/05/tiga-lama/]"),
    }, companies="meta:\n  name: Meta\n  aliases: [Facebook]\n")
    write_files(root, {"static/_redirects": "/dulu /sekarang 301\n"})
    config = load_config(root / "config.yaml")
    publish(config, BuildOptions(), root / "site")
    rules = (root / "site/_redirects").read_text()
    assert "/2025/05/tiga-lama/ /2025/06/tiga/ 301" in rules and "/companies/facebook/ /companies/meta/ 301" in rules
    satu, dua, tiga = (root / f"content/2025/06/{name}.md" for name in ("satu", "dua", "tiga"))
    edits = [
        ("a body", satu, "Isi artikel.\n", "Isi artikel, diperbaiki.\n"),
        ("a body again", satu, "diperbaiki", "diperbaiki lagi"),
        ("a date", satu, "date: 2025-06-13T09:00:00+07:00", "date: 2025-06-13T11:30:00+07:00"),
        ("an updated", dua, "updated: 2025-06-15T10:00:00+07:00", "updated: 2025-06-16T08:00:00+07:00"),
        ("a redirect added", dua, "updated:", "redirects: [dua-lama/]\nupdated:"),
        ("a redirected article's slug", tiga, "title: Tiga", "title: Tiga\nslug: tiga-baru"),
        ("a draft flipped", tiga, "redirects:", "draft: true\nredirects:"),
        ("another body", dua, "Isi artikel.\n", "Isi artikel, lagi.\n"),
    ]
    read: list[str] = []
    for what, file, old, new in edits:
        made.clear()
        file.write_text(file.read_text().replace(old, new, 1))
        publish(config, BuildOptions(), root / "site")
        assert ({"render_sitemap", "rule_files"} & set(made) == set()) == ("body" in what), (what, made)
        read += [what] if "body" in what and not made else []
        cold = tmp_path / what.replace(" ", "-")
        shutil.copytree(root, cold, ignore=shutil.ignore_patterns("site", ".site.*", ".cache"))
        publish(load_config(cold / "config.yaml"), BuildOptions(), cold / "site", use_cache=False)
        assert tree(root / "site") == tree(cold / "site"), what
    assert "a body again" in read, "the sitemap's fingerprint taken as it was"
    assert "/dua-lama/ /2025/06/dua/ 301" in (root / "site/_redirects").read_text()
    assert "tiga" not in "".join(path.read_text() for path in (root / "site").glob("*.xml")) + (
        root / "site/_redirects").read_text()
    assert (root / "site/sitemap-3.xml").exists() == parts


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
