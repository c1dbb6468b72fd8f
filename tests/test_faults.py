"""Faults a user meets around the output folder and the cache, each caused for real.

A site damaged by hand is repaired, a damaged spare is never published, a poisoned or corrupt
cache is a miss, a cache that cannot be written is a warning after the site is out, and every
refusal or failure names the path and says what to do.
"""
from __future__ import annotations

import contextlib
import json
import os
import pickle
import resource
import shutil
import signal
import sqlite3
import subprocess
import time
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable, Iterator
from zoneinfo import ZoneInfo

import pytest

from conftest import BUFFERED, article, need, write_files
from generator.core.errors import Problem
from generator.core.models import Article, Company, Redirect, Source
from generator.load.cache import MAPS, load_cache, seal
from generator.load.incremental import decode_head, encode_row
from generator.build import BuildOptions
from generator.commands.cli import _parser, main
from generator.load.config import load_config
from generator.write.output import build_lock
from generator.write.publish import publish
from test_publish import CHANGES, cold, project, run, tree

ROOT = os.geteuid() == 0


def build(root: Path, *extra: str) -> int:
    return main(["build", "--config", str(root / "config.yaml"), *extra])


@contextlib.contextmanager
def tmpfs(folder: Path, size: str, inodes: int = 0) -> Iterator[Path]:
    """A small file system mounted at ``folder`` (root only), for a disk that fills up (with ``inodes``, one that
    has room for that many files and folders only)."""
    need(ROOT and shutil.which("mount") is not None, "mounting a small tmpfs needs root")
    folder.mkdir(parents=True, exist_ok=True)
    options = f"size={size}" + (f",nr_inodes={inodes}" if inodes else "")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
                             capture_output=True, text=True)
    need(mounted.returncode == 0, f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=True)


def fill(folder: Path, leave: int = 0) -> None:
    """Fill the file system under ``folder`` up to ``leave`` free bytes."""
    free = os.statvfs(folder).f_bavail * os.statvfs(folder).f_frsize
    with open(folder / "filler", "wb") as f:
        with contextlib.suppress(OSError):
            f.write(b"\0" * max(0, free - leave))


@contextlib.contextmanager
def read_only(folder: Path) -> Iterator[None]:
    """A folder nobody may write in: immutable for root (chattr +i), mode 0555 for anyone else."""
    if ROOT:
        need(shutil.which("chattr") is not None, "chattr is not installed (e2fsprogs)")
        if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
            pytest.skip(f"this file system has no immutable flag: {folder}")
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
        try:
            yield
        finally:
            folder.chmod(0o755)


# --- the output folder is verified, not trusted ------------------------------------------------------

DAMAGE: dict[str, Callable[[Path], None]] = {
    "page deleted": lambda site: (site / "tags/ai/index.html").unlink(),
    "page edited in place": lambda site: (site / "index.html").open("a").write("<!-- mine -->"),
    "page replaced, same size and mtime": lambda site: _replace_keeping_stat(site / "index.html"),
    "stray file": lambda site: (site / "tags/ai/notes.txt").write_text("stray"),
    "stray folder": lambda site: (site / "drafts").mkdir(),
}


def _replace_keeping_stat(path: Path) -> None:
    """What rsync -t or cp -p does: new bytes of the same size, the old mtime, renamed over the old file."""
    st = path.stat()
    new = path.with_name(".tmp")
    new.write_bytes(path.read_bytes().replace(b"<", b">", 1))
    os.utime(new, ns=(st.st_atime_ns, st.st_mtime_ns))
    new.rename(path)


@pytest.mark.parametrize("damage", DAMAGE.values(), ids=DAMAGE.keys())
def test_a_site_damaged_by_hand_is_repaired_by_the_next_build(tmp_path: Path, damage: Callable[[Path], None],
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path)
    run(root)
    damage(root / "site")
    assert build(root) == 0
    assert "up to date" not in capsys.readouterr().out
    assert tree(root / "site") == cold(root, tmp_path)
    assert run(root).result is None, "and then it is up to date again"


@pytest.mark.parametrize("dead", [0, 1], ids=["walker 0 dies", "walker 1 dies"])
@pytest.mark.parametrize("damage", [None, *DAMAGE.values()], ids=["no damage", *DAMAGE.keys()])
def test_a_walker_that_dies_leaves_its_part_of_the_walk_to_the_build(tmp_path: Path, dead: int,
                                                                     damage: Callable[[Path], None] | None,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """The output folder is walked in two forked processes; one that dies (here: at once, with exit 1) has its
    part walked by the build itself, so a site damaged in that part is still noticed, and an intact one is
    still up to date."""
    import generator.write.publish as publishing
    from generator.write.output import stat_tree

    root = project(tmp_path)
    run(root)
    parent = os.getpid()

    def walk(folder: Path, part: int = 0, parts: int = 1) -> dict[str, str]:
        if os.getpid() != parent and part == dead:
            os._exit(1)
        return stat_tree(folder, part, parts)

    monkeypatch.setattr(publishing, "stat_tree", walk)
    if damage is None:
        assert run(root).result is None
        return
    damage(root / "site")
    assert run(root).result is not None
    assert tree(root / "site") == cold(root, tmp_path)
    assert run(root).result is None, "and then it is up to date again"


ONLY_IN_SPARE = "2025/06/meta/index.html"
"""A page the first build wrote and the second changed: the spare's copy is not hard-linked to the live site."""
SPARE_DAMAGE: dict[str, Callable[[Path], None]] = {
    "page deleted": lambda spare: (spare / ONLY_IN_SPARE).unlink(),
    "page edited in place": lambda spare: (spare / ONLY_IN_SPARE).open("a").write("<!-- mine -->"),
    "page replaced, same size and mtime": lambda spare: _replace_keeping_stat(spare / ONLY_IN_SPARE),
    "stray file": lambda spare: (spare / "tags/ai/notes.txt").write_text("stray"),
    "stray folder": lambda spare: (spare / "drafts").mkdir(),
    # a maintainer's report: a marker holding a byte that is not UTF-8 refused every build after ("not made by
    # digest (no .news-digest file in it)", though it was there)
    "marker not UTF-8": lambda spare: (spare / ".news-digest").write_bytes(b"\xff"),
}


@pytest.mark.parametrize("damage", SPARE_DAMAGE.values(), ids=SPARE_DAMAGE.keys())
def test_a_damaged_spare_is_never_published(tmp_path: Path, damage: Callable[[Path], None]) -> None:
    root = project(tmp_path)
    meta = root / "content/2025/06/meta.md"
    first = meta.read_text()
    run(root)
    CHANGES["edit body"](root)
    run(root)  # the first site is now the spare, .site.prev
    assert (root / ".site.prev" / ONLY_IN_SPARE).stat().st_nlink == 1
    damage(root / ".site.prev")
    meta.write_text(first)  # back to the first site's page: the spare's copy would be kept as it is
    run(root)
    assert tree(root / "site") == cold(root, tmp_path)


def test_a_spare_folder_in_an_unknown_state_is_made_afresh(tmp_path: Path) -> None:
    root = project(tmp_path)
    run(root)
    CHANGES["edit body"](root)
    run(root)
    (root / ".site.prev" / ".news-digest").write_text("built by news-digest\ntree: updating\n")
    (root / ".site.prev" / "junk.html").write_text("half a build")
    CHANGES["delete article"](root)
    run(root)
    assert tree(root / "site") == cold(root, tmp_path)


# --- the cache holds only data, and a bad row is a miss ------------------------------------------------

class Boom:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (exec, ("open(__import__('os').environ['BOOM_FILE'], 'w').write('pwned')",))


def rows(root: Path) -> list[str]:
    with sqlite3.connect(root / ".cache" / "build.sqlite") as db:
        return [k for (k,) in db.execute("SELECT key FROM articles ORDER BY key")]


@pytest.mark.parametrize("poison", [pickle.dumps(Boom()), b"garbage", b'[null, "x"]', b"[" * 100_000, 42, None])
def test_a_poisoned_or_corrupt_article_row_is_a_miss(tmp_path: Path, poison: object,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOOM_FILE", str(tmp_path / "pwned"))
    root = project(tmp_path)
    run(root)
    with sqlite3.connect(root / ".cache" / "build.sqlite") as db:  # sealed as a build would: decoding meets it
        for (key,) in db.execute("SELECT key FROM articles").fetchall():
            db.execute("UPDATE articles SET value = ? WHERE key = ?",
                       (seal(key, poison) if isinstance(poison, bytes) else poison, key))
    CHANGES["edit config"](root)  # not up to date: every article is looked up in the cache
    assert build(root) == 0
    assert not (tmp_path / "pwned").exists(), "nothing in the cache is ever run"
    assert tree(root / "site") == cold(root, tmp_path)
    with sqlite3.connect(root / ".cache" / "build.sqlite") as db:
        assert all(v != poison for (v,) in db.execute("SELECT value FROM articles")), "a bad row is replaced"


def rich_head() -> list[Any]:
    """The JSON of a cached article head with every shape its decoder reads: text, whole numbers, booleans, dates
    with and without a zone, ``X | None`` both ways, tuples of text, of dataclasses and of pairs, a shared company
    row, a problem."""
    jakarta = ZoneInfo("Asia/Jakarta")
    result = (Article(
        source_path="content/a.md", key="k", slug="a", title="Judul", date=datetime(2025, 6, 13, 9, tzinfo=jakarta),
        updated=datetime(2025, 6, 14, 2, tzinfo=timezone.utc), summary="S", summary_from_body=False,
        source=Source("Reuters", "https://reuters.com/x"), tags=("ai", "data"),
        companies=(Company("meta", "Meta", ("Facebook",)), Company("x", "X", known=False)), section="Asia",
        author="", image="", image_alt="", image_caption="", image_credit="", draft=False, body=b"",
        path="2025/06/a/", redirects=(Redirect("2025/06/old/", 4),), words=3, body_images=("/i.png",),
        body_media=(("/v.mp4", "<video> address"),), body_file_links=("../b.md",)),
        (Problem("content/a.md", 2, "title", "x", "warning"),))
    return json.loads(encode_row(result).partition(b"\n")[0])


def _set(path: str, value: object) -> Callable[[list[Any]], None]:
    """A poison that puts ``value`` at ``path`` ('0.tags.1': the article's second tag; '' as the last part appends)."""
    *parents, last = path.split(".")

    def poison(head: list[Any]) -> None:
        at: Any = head
        for part in parents:
            at = at[int(part)] if isinstance(at, list) else at[part]
        if isinstance(at, list):
            at.append(value) if last == "" else at.__setitem__(int(last), value)
        else:
            at[last] = value
    return poison


def _drop(path: str) -> Callable[[list[Any]], None]:
    *parents, last = path.split(".")

    def poison(head: list[Any]) -> None:
        at: Any = head
        for part in parents:
            at = at[int(part)] if isinstance(at, list) else at[part]
        del at[last]
    return poison


HEAD_POISONS: dict[str, Callable[[list[Any]], None]] = {
    "a text field a number": _set("0.title", 1),
    "a boolean field a whole number": _set("0.draft", 0),
    "a whole number a boolean": _set("0.words", True),
    "a whole number a float": _set("0.words", 3.0),
    "an extra key": _set("0.extra", ""),
    "a key missing": _drop("0.lang"),
    "the article a list": _set("0", []),
    "the article of another class": _set("0.@", "Source"),
    "tags not a list": _set("0.tags", "ai"),
    "a tag not text": _set("0.tags.1", 1),
    "a body image null": _set("0.body_images.0", None),
    "file links an object": _set("0.body_file_links", {}),
    "companies not a list": _set("0.companies", {}),
    "a company of another class": _set("0.companies.0.@", "Source"),
    "a company's alias not text": _set("0.companies.0.aliases.0", 1),
    "a company's aliases text": _set("0.companies.0.aliases", "Facebook"),
    "a company's 'known' a whole number": _set("0.companies.1.known", 0),
    "a company's id null": _set("0.companies.0.id", None),
    "a company with an extra key": _set("0.companies.0.extra", ""),
    "a company without a key": _drop("0.companies.0.url"),
    "a media pair of one": _set("0.body_media.0", ["/v.mp4"]),
    "a media pair of three": _set("0.body_media.0.", "x"),
    "a media pair's label a number": _set("0.body_media.0.1", 1),
    "a media pair an object": _set("0.body_media.0", {"0": "/v.mp4", "1": "x"}),
    "a redirect's line text": _set("0.redirects.0.line", "4"),
    "a redirect a list": _set("0.redirects.0", ["2025/06/old/", 4]),
    "updated text": _set("0.updated", "2025-06-14T02:00:00+00:00"),
    "updated without an offset": _set("0.updated.iso", "2025-06-14T02:00:00"),
    "updated a number": _set("0.updated", 0),
    "a date's zone not a zone": _set("0.date.zone", "../../etc/passwd"),
    "a date's zone a number": _set("0.date.zone", 7),
    "a date without its zone": _drop("0.date.zone"),
    "a date with a fourth key": _set("0.date.x", None),
    "a date of another tag": _set("0.date.@", "date"),
    "a date's text not a date": _set("0.date.iso", "13 June 2025"),
    "the source of another class": _set("0.source.@", "Company"),
    "the source a list": _set("0.source", []),
    "the source's address null": _set("0.source.url", None),
    "problems not a list": _set("1", {}),
    "a problem of another severity": _set("1.0.severity", "fatal"),
    "a problem's line text": _set("1.0.line", "2"),
    "a problem null": _set("1.0", None),
    "a third item": _set("", []),
}


@pytest.mark.parametrize("poison", HEAD_POISONS.values(), ids=HEAD_POISONS.keys())
def test_a_head_wrong_in_one_place_is_refused(poison: Callable[[list[Any]], None]) -> None:
    """Each value of a cached head is checked against its declared type, whatever shape of decoder reads it
    (fields written out inline, a tuple's items, ``X | None``, a fixed tuple, a date, a company decoded once per
    distinct row): one wrong value makes the head a miss."""
    good = rich_head()
    assert decode_head(json.dumps(good).encode(), b"") is not None  # and the shared company rows are known now
    poison(good)
    assert decode_head(json.dumps(good).encode(), b"") is None


def test_a_head_decodes_to_what_was_cached_and_shares_equal_company_rows() -> None:
    one, two = decode_head(json.dumps(rich_head()).encode(), b""), decode_head(json.dumps(rich_head()).encode(), b"")
    assert one is not None and two is not None and one == two and repr(one) == repr(two)
    assert one[0] is not None and two[0] is not None and one[0] is not two[0]
    assert all(a is b for a, b in zip(one[0].companies, two[0].companies)), "one object per distinct row"
    for field, value in [("name", "Meta Platforms"), ("aliases", []), ("known", False), ("description", "Sosial.")]:
        head = rich_head()
        head[0]["companies"][0][field] = value
        other = decode_head(json.dumps(head).encode(), b"")
        assert other is not None and other[0] is not None and one[0] is not None
        assert getattr(other[0].companies[0], field) == (tuple(value) if type(value) is list else value)
        assert getattr(one[0].companies[0], field) != getattr(other[0].companies[0], field), "rows told apart whole"
    head = rich_head()
    head[0]["date"] = {"zone": head[0]["date"]["zone"], "iso": head[0]["date"]["iso"], "@": "datetime"}
    head[0] = {key: head[0][key] for key in reversed(head[0])}  # keys in another order: JSON all the same
    assert decode_head(json.dumps(head).encode(), b"") == one


def test_poisoned_heads_in_the_cache_are_misses(tmp_path: Path) -> None:
    """A build that meets heads wrong in one place (a company's flag, a tag, a date's zone) parses those articles
    again and publishes what a cold build does; the bad rows are replaced."""
    root = project(tmp_path)
    run(root)
    with sqlite3.connect(root / ".cache" / "build.sqlite") as db:  # sealed as a build would: decoding meets it
        stored = db.execute("SELECT key, value FROM articles").fetchall()
        heads = sorted(((key, json.loads(value[4:])) for key, value in stored), key=lambda kh: not kh[1][0]["companies"])
        assert len(heads) == 3 and heads[0][1][0]["companies"]
        for (key, head), poison in zip(heads, ["0.companies.0.known", "0.tags.0", "0.date.zone"]):
            _set(poison, 0)(head)
            db.execute("UPDATE articles SET value = ? WHERE key = ?", (seal(key, json.dumps(head).encode()), key))
    CHANGES["edit a template"](root)  # not up to date, and the articles' keys are the same: each row is decoded
    assert build(root) == 0
    assert tree(root / "site") == cold(root, tmp_path)
    with sqlite3.connect(root / ".cache" / "build.sqlite") as db:
        kept = dict(db.execute("SELECT key, value FROM articles").fetchall())
    assert kept.keys() == {key for key, _ in heads}
    assert all(json.loads(kept[key][4:]) != head for key, head in heads), "a bad row is replaced"


@pytest.mark.parametrize("row, where", [("pages", "meta"), ("warnings", "meta"), ("live_stats", "meta"),
                                        ("spare_files", "meta"), ("files", "meta"), ("pages", "maps"),
                                        ("live_stats", "maps"), ("spare_files", "maps"), ("files", "maps"),
                                        ("pages", "bases"), ("live_stats", "bases")])
def test_a_poisoned_meta_row_is_a_miss(tmp_path: Path, row: str, where: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A meta row (a path map's: its entry count), one entry of a path map, or a map's base, replaced by a pickle."""
    monkeypatch.setenv("BOOM_FILE", str(tmp_path / "pwned"))
    root = project(tmp_path)
    run(root)
    CHANGES["edit body"](root)
    run(root)
    with sqlite3.connect(root / ".cache" / "build.sqlite") as db:
        if where == "meta":
            db.execute("UPDATE meta SET value = ? WHERE key = ?", (seal(row, pickle.dumps(Boom())), row))
        elif where == "bases":
            assert db.execute("UPDATE bases SET value = ? WHERE map = ?", (pickle.dumps(Boom()), row)).rowcount == 1
        else:  # an entry as a build writes one changed since the map's base
            key = min(load_cache(root / ".cache").maps[row])
            changed = db.execute("INSERT OR REPLACE INTO maps VALUES (?, ?, ?, ?)",
                                 (row, key, pickle.dumps(Boom()), "b" if MAPS[row] == 2 else None)).rowcount
            assert changed == 1
    assert build(root) == 0
    assert not (tmp_path / "pwned").exists()
    CHANGES["change a tag"](root)
    assert build(root) == 0
    assert tree(root / "site") == cold(root, tmp_path)


def test_no_cache_rewrites_every_row(tmp_path: Path) -> None:
    root = project(tmp_path)
    run(root)
    with sqlite3.connect(root / ".cache" / "build.sqlite") as db:
        db.execute("UPDATE articles SET value = 'garbage'")
    assert build(root, "--no-cache") == 0
    with sqlite3.connect(root / ".cache" / "build.sqlite") as db:
        assert [v for (v,) in db.execute("SELECT value FROM articles") if v == "garbage"] == []


# --- a cache that cannot be written: the site is out first, then a warning ---------------------------

def assert_published_with_cache_warning(root: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                        where: str, what: str) -> None:
    CHANGES["edit body"](root)
    assert build(root) == 0
    err = capsys.readouterr().err
    assert f"{where}: warning: " in err and what in err and "The site was published" in err, err
    assert "Traceback" not in err
    assert tree(root / "site") == cold(root, tmp_path)


def test_cache_folder_that_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path)
    (root / ".cache").write_text("my notes")
    assert build(root) == 0
    assert_published_with_cache_warning(root, tmp_path, capsys, ".cache", "a file where the build cache folder belongs")
    assert (root / ".cache").read_text() == "my notes"


@pytest.mark.parametrize("name", ["build.sqlite", "build.sqlite-journal"])
def test_a_folder_where_the_cache_file_belongs_is_named(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                        name: str) -> None:
    """A folder named as the cache's database (or its journal) was told "check that .cache/ is writable", which it
    was."""
    root = project(tmp_path)
    run(root)
    (root / ".cache" / "build.sqlite").unlink()
    (root / ".cache" / name).mkdir()
    assert_published_with_cache_warning(root, tmp_path, capsys, f".cache/{name}",
                                        f"a folder where the build cache's file belongs, so the cache could not be "
                                        f"saved; delete .cache/{name}/")


def test_read_only_cache(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path)
    run(root)
    with read_only(root / ".cache"):
        (root / ".cache" / "build.sqlite").chmod(0o444)
        assert_published_with_cache_warning(root, tmp_path, capsys, ".cache/build.sqlite", "could not be saved")


def test_a_cache_folder_it_may_not_look_into_is_no_cache(tmp_path: Path) -> None:
    """A maintainer's report: a .cache/ of mode 000 stopped build and check with "Permission denied (EACCES);
    digest stopped. Check the disk"; a cache that cannot be read is no cache, and one that cannot be saved a
    warning, as the README says."""
    root = project(tmp_path)
    run(root)
    before = tree(root / "site")
    (root / "content/2025/06/meta.md").write_text(article(title="Meta lagi", date="2025-06-13"))
    command = [sys.executable, "-m", "generator"]
    if ROOT:  # root reads any folder: drop the capability that lets it
        need(shutil.which("setpriv") is not None, "setpriv is not installed (util-linux)")
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]
    (root / ".cache").chmod(0)
    try:
        env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1]), "PYTHONDONTWRITEBYTECODE": "1"}
        checked = subprocess.run([*command, "check"], cwd=root, capture_output=True, text=True, env=env)
        built = subprocess.run([*command, "build", "-q"], cwd=root, capture_output=True, text=True, env=env)
    finally:
        (root / ".cache").chmod(0o755)
    assert (checked.returncode, "Traceback" in checked.stderr) == (0, False), checked.stdout + checked.stderr
    assert built.returncode == 0, built.stderr
    assert built.stderr.splitlines() == [".cache/build.sqlite: warning: the build cache could not be saved (Permission "
                                         "denied); check that .cache/ is writable. The site was published; the next "
                                         "build will not be incremental"]
    assert tree(root / "site") != before and b"Meta lagi" in (root / "site/2025/06/meta/index.html").read_bytes()


def test_cache_on_a_full_disk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path)
    with tmpfs(root / ".cache", "256k") as cache:
        run(root)
        fill(cache)
        for i in range(40):  # more articles than the full disk can hold rows for
            write_files(root, {f"content/2025/04/x{i}.md": article(title=f"X {i}", date="2025-04-01",
                                                                   body="Panjang. " * 200)})
        assert_published_with_cache_warning(root, tmp_path, capsys, ".cache/build.sqlite", "full")


# --- mistyped content folder, empty site ---------------------------------------------------------------

@pytest.mark.parametrize("make, what", [(lambda r: None, "does not exist"),
                                        (lambda r: (r / "contnet").write_text("x"), "is a file, not a folder")])
def test_a_mistyped_content_dir_is_an_error(tmp_path: Path, make: Callable[[Path], None], what: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path)
    run(root)
    before = tree(root / "site")
    make(root)
    (root / "config.yaml").write_text("title: T\nbase_url: https://example.org/\ncontent_dir: contnet\n")
    assert build(root) == 1
    assert f"config.yaml:3: field 'content_dir': 'contnet' {what}; set content_dir" in capsys.readouterr().err
    assert tree(root / "site") == before


def test_zero_articles_after_a_build_with_some_needs_allow_empty(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path)
    run(root)
    before = tree(root / "site")
    for path in (root / "content").rglob("*.md"):
        path.unlink()
    assert build(root) == 1
    assert ("content: no articles to publish, but the last build published 3; check content_dir in config.yaml, "
            "or build with --allow-empty") in capsys.readouterr().err
    assert tree(root / "site") == before
    assert build(root, "--no-cache") == 1, "--no-cache is no way around it"
    assert build(root, "--allow-empty") == 0
    assert "built 0 articles" in capsys.readouterr().out
    assert build(root) == 0, "the last build had none, so none is fine now"
    assert _parser().parse_args(["serve", "--allow-empty"]).allow_empty


@pytest.mark.parametrize("row", [b"3", b"not json", b"-1", b"true", None])
def test_zero_articles_after_an_upgrade_still_needs_allow_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                row: bytes | None) -> None:
    """A new version cannot use the last version's cache, but its article count still guards the site: with the
    content folder emptied (a bad merge) in the same step, the first build after the upgrade stops. A count that
    is not a whole number (or none) is no count: the live site's article pages guard it then, as with no cache."""
    root = project(tmp_path)
    run(root)
    before = tree(root / "site")
    with sqlite3.connect(root / ".cache" / "build.sqlite") as db:  # what an older version left
        db.execute("UPDATE meta SET value = 'an older version' WHERE key = 'format'")
        db.execute("DELETE FROM meta WHERE key = 'articles'")
        if row is not None:
            db.execute("INSERT INTO meta VALUES ('articles', ?)", (row,))
    for path in (root / "content").rglob("*.md"):
        path.unlink()
    assert build(root) == 1
    said = "the last build published 3" if row == b"3" else "site/ holds 3 article pages"
    assert f"content: no articles to publish, but {said}" in capsys.readouterr().err
    assert tree(root / "site") == before
    assert build(root, "--allow-empty") == 0
    assert "built 0 articles" in capsys.readouterr().out


def test_zero_articles_with_the_cache_deleted_still_needs_allow_empty(tmp_path: Path,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """A fault-finder's report: the README says deleting .cache/ is harmless, but with it gone an emptied content
    folder (a bad merge, a folder moved away) replaced the live site with an empty one, exit 0."""
    root = project(tmp_path)
    run(root)
    before = tree(root / "site")
    shutil.rmtree(root / ".cache")
    for path in (root / "content").rglob("*.md"):
        path.unlink()
    assert build(root) == 1
    assert ("content: no articles to publish, but site/ holds 3 article pages; check content_dir in config.yaml, or "
            "build with --allow-empty") in capsys.readouterr().err
    assert tree(root / "site") == before
    assert build(root, "--allow-empty") == 0


def test_a_first_build_with_no_articles_is_fine(tmp_path: Path) -> None:
    write_files(tmp_path, {"config.yaml": "title: T\nbase_url: https://example.org/\n", "content/.keep": ""})
    assert build(tmp_path) == 0


# --- time: SOURCE_DATE_EPOCH moved backwards -----------------------------------------------------------

def test_now_moved_back_before_a_published_article_rebuilds(tmp_path: Path) -> None:
    root = project(tmp_path)
    config = load_config(root / "config.yaml")
    later = publish(config, BuildOptions(now=datetime(2025, 7, 1, tzinfo=timezone.utc)), root / "site")
    assert later.result is not None and later.result.articles == 3
    earlier = publish(config, BuildOptions(now=datetime(2025, 6, 13, 12, tzinfo=timezone.utc)), root / "site")
    assert earlier.result is not None, "not 'up to date': the article of June 14 is in the future now"
    assert earlier.result.articles == 2 and earlier.result.skipped_future == 1
    assert "2025/06/scale" not in "".join(tree(root / "site"))


# --- messages: disk full, mount points, immutable parents, the user's own files, the lock --------------

def test_a_full_disk_names_the_path_and_leaves_the_site(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path)
    (root / "config.yaml").write_text("title: T\nbase_url: https://example.org/\npage_size: 2\noutput_dir: out/site\n")
    with tmpfs(root / "out", "4m") as out:  # at 1m Pagefind's files (2.5 MB with the scratch copy) did not fit
        assert build(root) == 0
        before = tree(out / "site")
        fill(out, leave=4096)
        CHANGES["edit config"](root)
        (root / "config.yaml").write_text((root / "config.yaml").read_text() + "output_dir: out/site\n")
        assert build(root) == 1
        err = capsys.readouterr().err
        assert f"{out}/.site.prev" in err and "No space left on device: the disk is full; free some space" in err
        assert "out/site is unchanged" in err and "Traceback" not in err
        assert tree(out / "site") == before
        assert not (out / ".site.prev").exists(), "the spare this build made (linked from the site) is removed"
        (out / "filler").unlink()
        assert build(root) == 0


def test_a_disk_out_of_inodes_is_named_as_such_not_as_full(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A fault-finder's report: a disk with free space but no inodes left was called full ("free some space"),
    while `df -h` showed 50 MB free; and a first build, which had no site, said the site 'is unchanged'."""
    root = project(tmp_path)
    (root / "config.yaml").write_text("title: T\nbase_url: https://example.org/\noutput_dir: out/site\n")
    with tmpfs(root / "out", "50m", inodes=40) as out:
        assert build(root) == 1
        err = capsys.readouterr().err
        assert "No space left on device: the disk has room for no more files (every inode is used, though `df -h` " \
               "shows free space: see `df -i`); delete files there, or build onto a disk with more inodes; nothing " \
               f"was written to {out}/site" in err, err
        assert "Traceback" not in err and not (out / "site").exists()


def test_a_disk_short_of_inodes_for_the_search_index_is_said_before_pagefind_runs(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A fault-finder's report: with inodes running out while Pagefind indexed, it retried for ever; the build hung
    600 s, then told the maintainer to install Pagefind again."""
    root = project(tmp_path)
    (root / "config.yaml").write_text("title: T\nbase_url: https://example.org/\noutput_dir: out/site\n")
    with tmpfs(root / "out", "50m", inodes=94) as out:  # room for the site's files (and embed.css, embed.js), not for Pagefind's
        started = time.monotonic()
        assert build(root) == 1
        err = capsys.readouterr().err
        assert time.monotonic() - started < 60
        assert "pagefind/: field 'search': the disk that holds " in err and "has room for " in err and \
               "more files (inodes), and the search index needs about " in err and "`df -i`" in err, err
        assert "pip install" not in err and "Traceback" not in err and not (out / "site").exists()


def test_an_output_that_is_a_mount_point_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path)
    with tmpfs(root / "site", "1m"):
        assert build(root) == 2
        assert "site: it is a mount point" in capsys.readouterr().err


def test_an_immutable_output_parent_names_the_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path)
    (root / "out").mkdir()
    (root / "config.yaml").write_text("title: T\nbase_url: https://example.org/\noutput_dir: out/site\n")
    with read_only(root / "out"):
        assert build(root) == 1
        err = capsys.readouterr().err
    assert f"{root}/out/.site.prev:" in err and f"so {root}/out must be writable" in err, err
    assert "Traceback" not in err and not (root / "out" / "site").exists()


def test_a_killed_builds_scratch_folder_that_cannot_be_deleted_is_named(tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """What a killed build left in ``.site.tmp/`` (the pages it copied for Pagefind) is deleted by the next build;
    one that cannot be (immutable here) does not stop a build that needs no index, and the one that does says
    which folder to delete, not the bare file name Python's error carries."""
    root = project(tmp_path)
    run(root)
    left = root / ".site.tmp/work/site"
    left.mkdir(parents=True)
    (root / ".site.tmp/.news-digest").write_text("built by news-digest; this folder is replaced on every build\n"
                                                 "tree: scratch\n")
    (left / "index.html").write_text("<p>copied</p>")
    before = tree(root / "site")
    with read_only(left):
        assert build(root) == 0  # up to date
        CHANGES["edit body"](root)
        assert build(root) == 1
        err = capsys.readouterr().err
        assert err.splitlines()[0] == (f"{root}/.site.tmp: a build that was killed left this folder, and it cannot be "
                                       f"deleted (Operation not permitted); delete it yourself, then build again")
        assert "Traceback" not in err and tree(root / "site") == before
    assert build(root) == 0
    assert not (root / ".site.tmp").exists()


@pytest.mark.parametrize("name", [".site.prev", ".site.old", ".site.tmp"])
def test_a_users_file_named_like_the_spare_is_refused_not_deleted(tmp_path: Path, name: str,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    root = project(tmp_path)
    run(root)
    (root / name).write_text("my notes")
    CHANGES["edit body"](root)
    assert build(root) == 2
    assert f"refusing to replace {root}/{name}: it is a file" in capsys.readouterr().err
    assert (root / name).read_text() == "my notes"


def test_the_lock_message_for_two_outputs_in_one_folder(tmp_path: Path) -> None:
    with build_lock(tmp_path / "site-a"):
        with pytest.raises(Exception, match=f"another digest build is writing an output folder in {tmp_path} "
                                            f"\\(it may be {tmp_path}/site-b or another output beside it"):
            with build_lock(tmp_path / "site-b"):
                pass


@pytest.mark.parametrize("stage", ["parse", "render"])
def test_a_worker_killed_mid_build_leaves_its_work_to_the_build(tmp_path: Path, stage: str,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """kill -9 of a parsing or rendering worker (the out-of-memory killer picks the biggest) would leave the
    build waiting for ever for what it held; the build does that work itself, and the site is a cold build's."""
    from generator.core import parallel
    from generator.load import incremental
    from generator.render.plan import Renderer

    root = project(tmp_path)
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 1)  # the pool for 3 articles and their pages
    parent, killed = os.getpid(), tmp_path / "killed"

    def kill_once() -> None:
        if os.getpid() != parent and not killed.exists():
            killed.write_text(str(os.getpid()))
            os.kill(os.getpid(), signal.SIGKILL)

    if stage == "parse":
        parse = incremental.parse_article
        monkeypatch.setattr(incremental, "parse_article", lambda *a: (kill_once(), parse(*a))[1])
    else:
        render = Renderer.__call__
        monkeypatch.setattr(Renderer, "__call__", lambda self, spec: (kill_once(), render(self, spec))[1])

    def waited(*_: object) -> None:
        raise TimeoutError("the build waited 60 s for a dead worker")

    previous = signal.signal(signal.SIGALRM, waited)  # a build that waits for ever fails the test, not the suite
    signal.alarm(60)
    try:
        assert run(root, jobs=2).result is not None
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    assert int(killed.read_text()) != parent, "a worker was killed"
    assert tree(root / "site") == cold(root, tmp_path)


LOST = ("error: the output could not be written to standard output (No space left on device); check the disk or "
        "file it goes to\n")


def test_a_summary_lost_to_a_full_disk_fails_the_command(tmp_path: Path) -> None:
    """``digest build > build.log`` with the log on a full disk: the summary waits in stdout's buffer and cannot
    be written when the command flushes it at the end (``cli.run``). That is an error in one line and exit
    status 1, not a quiet 0 with the summary lost, nor Python's own complaint. The site is out all the same."""
    root = project(tmp_path)
    with tmpfs(tmp_path / "logs", "64k") as logs:
        with contextlib.suppress(OSError), open(logs / "filler", "wb") as filler:
            filler.write(b"x" * 200_000)
        with open(logs / "build.log", "w") as log:
            result = subprocess.run([sys.executable, "-m", "generator", "build"], cwd=root, stdout=log,
                                    stderr=subprocess.PIPE, text=True, env=BUFFERED)
        assert (logs / "build.log").read_text() == ""
    assert (result.returncode, result.stderr) == (1, LOST)
    assert cold(root, tmp_path) == tree(root / "site")


@pytest.mark.parametrize("command", ["build", "check"])
def test_output_that_cannot_be_written_is_an_error_not_a_traceback(tmp_path: Path, command: str) -> None:
    """stdout unbuffered (``PYTHONUNBUFFERED=1``, which many container images set) on a device that is always full:
    the first print fails while the command runs. One line says so and the status is 1; a build's site is out."""
    root = project(tmp_path)
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "generator", command], cwd=root, stdout=full,
                                stderr=subprocess.PIPE, text=True, env={**BUFFERED, "PYTHONUNBUFFERED": "1"})
    assert (result.returncode, result.stderr) == (1, LOST)
    if command == "build":
        assert cold(root, tmp_path) == tree(root / "site")


@pytest.mark.parametrize("fault, said", [
    ("EIO", "Input/output error (EIO); digest stopped. Check the disk; the file is part of digest's installation, "
            "so reinstall it if the error stays"),
    ("EMFILE", "Too many open files (EMFILE); digest stopped. Too many files open at once for this shell's limit: "
               "raise it (ulimit -n 4096) and build again"),
])
def test_a_library_file_that_cannot_be_read_is_an_error_not_a_traceback(tmp_path: Path, fault: str, said: str) -> None:
    """A disk error on a file of digest's own installation, which no stage reports itself (Babel's Indonesian
    locale, read for the weekly editions' date ranges; EIO injected at its open with strace): one line names the
    file and the system's error and says what to do, the status is 1, and the previous site is left as it was.
    Out of file descriptors (a low `ulimit -n`), it said "Check the disk" (a fault-finder's report)."""
    need(shutil.which("strace") is not None, "strace is not installed")
    import babel
    locale = Path(babel.__file__).parent / "locale-data" / "id.dat"
    root = project(tmp_path)
    assert build(root) == 0
    before = tree(root / "site")
    CHANGES["edit body"](root)
    result = subprocess.run(["strace", "-f", "-qq", "-o", os.devnull, "-e", "trace=openat", "-P", str(locale),
                             "-e", f"inject=openat:error={fault}", sys.executable, "-m", "generator", "build"],
                            cwd=root, capture_output=True, text=True, env=BUFFERED, timeout=120)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", f"error: {locale}: {said}\n")
    assert tree(root / "site") == before
    assert build(root) == 0 and tree(root / "site") == cold(root, tmp_path)


def test_an_immutable_file_in_the_spare_is_named_with_what_to_do(tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A page in ``.site.prev/`` made immutable (``chattr +i``; a backup tool's or an admin's doing): the build
    that must replace it fails naming the page by its whole path and saying what to do, in the build that finds
    the spare as it left it (the writer's own delete) and in the next, which starts the spare afresh (a delete of
    the whole tree), instead of 'Not a directory' or a bare 'index.html', with the command that clears the flag
    (deleting .site.prev/ cannot). The site stays as it was; once the flag is gone the build gives a cold build's
    bytes."""
    need(ROOT, "an immutable file needs root (chattr +i)")
    root = project(tmp_path)
    assert build(root) == 0
    CHANGES["edit body"](root)
    assert build(root) == 0
    live = tree(root / "site")
    page = root / ".site.prev/2025/06/meta/index.html"
    assert page.is_file()
    (root / "content/2025/06/meta.md").write_text(article(title="Meta", tags="[ai, data]", companies="[Facebook]",
                                                          section="Asia", summary="Ringkasan.", body="Lagi.\n"))
    capsys.readouterr()
    with read_only(page):
        for _ in range(2):
            assert build(root) == 1
            assert capsys.readouterr().err == (
                f"{page}: Operation not permitted: this file is immutable, and digest replaces it on every build; "
                f"run `chattr -i {page}` (as root), then build again; {root}/site is unchanged\n"
                "error: 1 problem found; nothing was written\n")
            assert tree(root / "site") == live
    assert build(root) == 0 and tree(root / "site") == cold(root, tmp_path)


def test_a_read_only_disk_is_named_as_such_and_leaves_the_site(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """The disk that holds the site remounted read-only (as Linux does after disk errors): the build says so,
    rather than pointing at permissions and immutable flags, and the site stays as it was; an output folder
    that would have to be made on that disk is refused, naming it. Once the disk is writable again the build
    gives a cold build's bytes (without search: Pagefind's files depend on the order a file system lists a
    folder, and the cold build is made on another disk)."""
    root = project(tmp_path)
    with (root / "config.yaml").open("a") as config_file:
        config_file.write("search: false\n")
    with tmpfs(tmp_path / "disk", "8m") as disk:
        config = ["--config", str(root / "config.yaml"), "-q"]
        assert main(["build", *config, "--output", str(disk / "site")]) == 0
        live = tree(disk / "site")
        CHANGES["edit body"](root)
        subprocess.run(["mount", "-o", "remount,ro", str(disk)], check=True)
        capsys.readouterr()
        assert main(["build", *config, "--output", str(disk / "site")]) == 1
        assert capsys.readouterr().err == (
            f"{disk}/.site.prev: Read-only file system: the disk that holds {disk}/site is mounted read-only (after "
            f"errors, or by choice); build onto a writable disk, or remount it read-write; {disk}/site is unchanged\n"
            "error: 1 problem found; nothing was written\n")
        assert tree(disk / "site") == live
        assert main(["build", *config, "--output", str(disk / "new/site")]) == 2
        assert capsys.readouterr().err == (f"error: cannot build into {disk}/new/site: its folder {disk}/new cannot "
                                           "be made (Read-only file system); choose another --output or output_dir\n")
        subprocess.run(["mount", "-o", "remount,rw", str(disk)], check=True)
        assert main(["build", *config, "--output", str(disk / "site")]) == 0
        assert tree(disk / "site") == cold(root, tmp_path)


def test_a_build_killed_while_saving_its_cache_leaves_a_cache_the_next_build_reads(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A fault-finder's report: killed mid-save (SIGKILL at a write of build.sqlite, injected with strace), the
    build left a hot journal that the next build's read-only open could not play back: "the build cache was
    unreadable and is rebuilt", every article parsed and every page rendered again. Now the journal is played
    back first: the cache of the build before is read, and the site still comes out as a cold build's."""
    need(shutil.which("strace") is not None, "strace is not installed")
    root = project(tmp_path)
    assert build(root) == 0
    CHANGES["edit body"](root)
    cache = root / ".cache" / "build.sqlite"
    killed = subprocess.run(["strace", "-f", "-qq", "-o", os.devnull, "-P", str(cache), "-e", "trace=pwrite64",
                             "-e", "inject=pwrite64:signal=SIGKILL:when=3", sys.executable, "-m", "generator", "build",
                             "-q"], cwd=root, capture_output=True, text=True, env=BUFFERED, timeout=120)
    assert killed.returncode != 0 and cache.with_name("build.sqlite-journal").exists(), killed.stderr
    capsys.readouterr()
    assert build(root, "-v") == 0
    said = capsys.readouterr()
    assert "unreadable" not in said.out + said.err and ", 0 reused" not in said.out, said
    assert not cache.with_name("build.sqlite-journal").exists()
    assert tree(root / "site") == cold(root, tmp_path)


@pytest.mark.parametrize("child", [1, 7])
def test_ctrl_c_while_a_child_is_being_forked_says_interrupted_once(tmp_path: Path, child: int) -> None:
    """Ctrl-C reaches every process of the build. A child that got it while Python's fork handlers ran in it
    (``random``'s reseeding, which calls ``getrandom``, held there 0.3 s with strace so that the signal lands in
    it) printed "Exception ignored in: <bound method Random.seed ...>" and a KeyboardInterrupt traceback before
    the build's "interrupted" (a fault-finder's report). This rebuild forks 7 children: the first is a walker of
    the live folder, the 7th becomes Pagefind. Now each says nothing: "interrupted", exit 130, the site as it was."""
    need(shutil.which("strace") is not None, "strace is not installed")
    root = project(tmp_path)
    assert build(root, "-q") == 0
    before = tree(root / "site")
    CHANGES["edit body"](root)
    log = tmp_path / "strace.log"
    # SIGINT at its default, as a terminal's command has it: a suite started in the background (`make test &`, a
    # nohup'd CI-like run) has it ignored, the build inherited that, and so never stopped (exit 0, or only Pagefind,
    # whose SIGINT the build sets to its default, did). strace -I3 keeps strace itself from dying of the Ctrl-C.
    digest = subprocess.Popen(["strace", "-f", "-qq", "-I3", "-o", str(log), "-e", "trace=getrandom",
                               "-e", "inject=getrandom:delay_exit=300000:when=1", sys.executable, "-m", "generator",
                               "build"], cwd=root, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                              env=BUFFERED, start_new_session=True,
                              preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while digest.poll() is None and time.monotonic() < deadline:
        pids = list(dict.fromkeys(line.split()[0] for line in log.read_text().splitlines())) if log.exists() else []
        if len(pids) > child:  # the build's own process, then its children in the order they reseed
            break
        time.sleep(0.005)
    os.killpg(digest.pid, signal.SIGINT)
    _, stderr = digest.communicate(timeout=60)
    said = "".join(line for line in stderr.splitlines(keepends=True) if not line.startswith("strace: "))
    assert (digest.returncode, said) == (130, "interrupted\n")
    assert tree(root / "site") == before


def test_pagefind_out_of_open_files_names_the_limit(tmp_path: Path) -> None:
    """Pagefind refused files by the open-files limit (EMFILE at its `open`s, injected with strace; digest's own
    Python uses `openat`) said "Pagefind failed (exit 1): Failed to read … No file descriptors available (os error
    24) …; pip install 'pagefind[bin]'", advice that cannot help. It names the limit and how to raise it, and the
    site stays as it was."""
    need(shutil.which("strace") is not None, "strace is not installed")
    root = project(tmp_path)
    assert build(root, "-q") == 0
    before = tree(root / "site")
    CHANGES["edit body"](root)
    limit = resource.getrlimit(resource.RLIMIT_NOFILE)
    result = subprocess.run(["strace", "-f", "-qq", "-o", os.devnull, "-e", "trace=open",
                             "-e", "inject=open:error=EMFILE:when=10+", sys.executable, "-m", "generator", "build"],
                            cwd=root, capture_output=True, text=True, env=BUFFERED, timeout=120,
                            preexec_fn=lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (1000, limit[1])))
    assert (result.returncode, result.stderr) == (1, (
        "pagefind/: field 'search': Pagefind ran out of open files (the limit is 1,000, from `ulimit -n`), so it "
        "could not read the pages; raise it (ulimit -n 4096) and build again, or set 'search: false' in "
        "config.yaml\nerror: 1 problem found; nothing was written\n"))
    assert tree(root / "site") == before


def test_an_output_folder_of_another_user_is_refused_before_it_becomes_the_spare(tmp_path: Path) -> None:
    """An attacker's report: site/ owned by another user (`chown -R nobody site`) built once (exit 0: the swap
    needs only the parent folder), and the old site, now .site.prev/, then failed every build with "make it
    writable … or delete .site.prev", which the user may not do. Now the build is refused before the swap,
    naming the folder and its owner; and a spare left so by an older build is named the same way. Run without
    root's capabilities to override file permissions, as a user without root is."""
    need(ROOT and shutil.which("setpriv") is not None, "giving a folder to another user needs root (and setpriv)")
    root = project(tmp_path)
    assert build(root, "-q") == 0
    CHANGES["edit body"](root)
    live = tree(root / "site")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1]), "PYTHONDONTWRITEBYTECODE": "1"}
    user = ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search,-fowner,-chown,"
            "-linux_immutable,-sys_admin", "--", sys.executable, "-m", "generator", "build", "-q"]

    def refused(folder: str) -> str:
        return (f"error: refusing to build into {root}/site: {root}/{folder} belongs to the user nobody, and digest "
                f"(running as root) may not change it, yet every build swaps it with the spare copy and then updates "
                f"or deletes the old site, which only nobody or root may do; ask them to run `chown -R root "
                f"{root}/{folder}` or to delete it, or choose another --output\n")

    subprocess.run(["chown", "-R", "nobody", str(root / "site")], check=True)
    built = subprocess.run(user, cwd=root, capture_output=True, text=True, env=env, timeout=120)
    assert (built.returncode, built.stderr) == (2, refused("site"))
    assert tree(root / "site") == live and not (root / ".site.prev").exists()
    assert build(root, "-q") == 0  # root may: the other user's site is now the spare
    (root / "content/2025/06/meta.md").write_text(article(title="Meta", body="Lagi.\n"))
    built = subprocess.run(user, cwd=root, capture_output=True, text=True, env=env, timeout=120)
    assert (built.returncode, built.stderr) == (2, refused(".site.prev"))


def test_an_immutable_file_in_the_site_is_named_with_its_twin_in_the_spare(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An attacker's report: `chattr +i site/index.html` (hard-linked into .site.prev/) failed every build with
    "make it writable … or delete .site.prev", whose deletion fails on the same file after deleting the marker,
    and then every build refuses the folder. The flagged file is named, in both folders, with `chattr -i`."""
    need(ROOT, "an immutable file needs root (chattr +i)")
    root = project(tmp_path)
    assert build(root, "-q") == 0 and build(root, "-q", "--no-cache") == 0  # a spare, linked file by file
    CHANGES["add article with new tag"](root)  # the home page changes
    live = tree(root / "site")
    capsys.readouterr()
    with read_only(root / "site/index.html"):
        assert build(root, "-q") == 1
    assert capsys.readouterr().err == (
        f"{root}/.site.prev/index.html: Operation not permitted: this file is immutable, and digest replaces it on "
        f"every build; run `chattr -i {root}/.site.prev/index.html {root}/site/index.html` (as root), then build "
        f"again; {root}/site is unchanged\nerror: 1 problem found; nothing was written\n")
    assert tree(root / "site") == live
    assert build(root, "-q") == 0


@pytest.mark.parametrize("config, output", [
    ("page_size: abc\n", False), ("page_size: abc\n", True), ("title: \"unclosed\n", True)])
def test_a_swap_killed_midway_is_put_back_by_a_build_that_stops_on_a_bad_config(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str, output: bool) -> None:
    """An attacker's report: a build killed between the swap's two renames left no site/ and the live site in
    .site.old/; the next build, stopping on a broken config.yaml, left it so (the repair came after the config),
    and the web server served nothing until config.yaml was fixed. The live site is put back first: from the
    config when it can still be read, or from --output when the config cannot be read at all."""
    root = project(tmp_path)
    assert build(root, "-q") == 0
    live = tree(root / "site")
    (root / "site").rename(root / ".site.old")
    with open(root / "config.yaml", "a", encoding="utf-8") as f:
        f.write(config)
    capsys.readouterr()
    assert build(root, "-q", *(("--output", str(root / "site")) if output else ())) == 1
    assert capsys.readouterr().err.endswith("; nothing was written\n")
    assert tree(root / "site") == live and not (root / ".site.old").exists()


def _as_user(root: Path) -> subprocess.CompletedProcess[str]:
    """``digest build -q`` in ``root`` as root without the capabilities that override file permissions."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1]), "PYTHONDONTWRITEBYTECODE": "1"}
    user = ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search,-fowner,-chown,"
            "-linux_immutable,-sys_admin", "--", sys.executable, "-m", "generator", "build", "-q"]
    return subprocess.run(user, cwd=root, capture_output=True, text=True, env=env, timeout=120)


def test_a_shared_deploy_folder_of_another_user_in_the_builders_group_builds_every_time(tmp_path: Path) -> None:
    """An attacker's report: site/ owned by another user but writable by the builder's group (a shared deploy
    folder, `chmod 2775`) built once, became the spare, and every later build failed at its `chmod` ("Operation
    not permitted … lsattr -d"), which only its owner may do. Its mode already lets the build work: no chmod."""
    need(ROOT and shutil.which("setpriv") is not None, "giving a folder to another user needs root (and setpriv)")
    root = project(tmp_path)
    assert build(root, "-q") == 0
    subprocess.run(["chown", "-R", "nobody:root", str(root / "site")], check=True)
    for folder in (root / "site", *(p for p in (root / "site").rglob("*") if p.is_dir())):
        os.chmod(folder, 0o2775)
    for n in range(3):
        (root / "content/2025/06/meta.md").write_text(article(title="Meta", body=f"Lagi {n}.\n"))
        built = _as_user(root)
        assert (built.returncode, built.stderr) == (0, "")
        assert f"Lagi {n}." in (root / "site/2025/06/meta/index.html").read_text()


def test_a_sub_folder_of_another_user_in_the_spare_is_named_with_its_owner(tmp_path: Path) -> None:
    """An attacker's report (variant): a folder inside the spare owned by another user (`chown nobody
    .site.prev/2025`, 755) failed the build with advice to make it writable "or delete .site.prev", which the
    user may not do either. The folder in the way is named, with its owner and the command that frees it."""
    need(ROOT and shutil.which("setpriv") is not None, "giving a folder to another user needs root (and setpriv)")
    root = project(tmp_path)
    assert build(root, "-q") == 0 and build(root, "-q", "--no-cache") == 0  # a spare exists
    subprocess.run(["chown", "-R", "nobody", str(root / ".site.prev/2025")], check=True)
    CHANGES["edit body"](root)
    live = tree(root / "site")
    built = _as_user(root)
    assert built.returncode == 1
    folder = Path(built.stderr.split(":", 1)[0]).parent
    assert folder.is_relative_to(root / ".site.prev/2025"), built.stderr
    assert built.stderr.endswith(
        f"Permission denied: {folder} belongs to the user nobody, and digest (running as root) may not change it; "
        f"ask them to run `chown -R root {folder}`, or to make it writable by your group (chmod -R g+w); "
        f"{root}/site is unchanged\nerror: 1 problem found; nothing was written\n"), built.stderr
    assert tree(root / "site") == live


@pytest.mark.parametrize("folder", ["site", ".site.prev"])
def test_an_immutable_output_folder_or_spare_is_named_with_the_command_that_frees_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], folder: str) -> None:
    """An attacker's report: with `chattr +i site` the build blamed the project folder ("… so …/p must be writable
    (… lsattr -d …)"), though the flag was on site/. The folder with the flag is named, with `chattr -i`."""
    need(ROOT, "an immutable folder needs root (chattr +i)")
    root = project(tmp_path)
    assert build(root, "-q") == 0 and build(root, "-q", "--no-cache") == 0  # a spare exists
    CHANGES["edit body"](root)
    live = tree(root / "site")
    capsys.readouterr()
    with read_only(root / folder):
        assert build(root, "-q") == 1
    assert capsys.readouterr().err == (
        f"{root}/{folder}: Operation not permitted: this folder is immutable, and digest replaces it on every build; "
        f"run `chattr -i {root}/{folder}` (as root), then build again; {root}/site is unchanged\n"
        "error: 1 problem found; nothing was written\n")
    assert tree(root / "site") == live
