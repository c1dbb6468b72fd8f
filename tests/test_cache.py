"""The build cache: only data (JSON checked against declared types), a snapshot in, an update out.

Anything unreadable, of another shape, or written by someone else is a miss, never code run
and never a traceback.
"""
from __future__ import annotations

import pickle
import random
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from pathlib import Path
from typing import Callable
from zoneinfo import ZoneInfo

import pytest

from generator.load import cache
from generator.load.cache import (PLAIN, CacheUpdate, TreeState, code_hash, load_cache, read_article_heads, save_cache,
                                  seal)
from generator.core import codec
from generator.core.hashing import digest
from generator.core.errors import Problem
from generator.load.incremental import Rows, decode_row, encode_row
from generator.core.models import Article, Company, Source


def make_article(**overrides: object) -> Article:
    fields: dict[str, object] = dict(
        source_path="content/a.md", key="k", slug="a", title="Judul",
        date=datetime(2025, 6, 13, 9, tzinfo=ZoneInfo("Asia/Jakarta")), updated=None, summary="S",
        summary_from_body=False, source=Source("Reuters", "https://reuters.com/x"), tags=("ai", "data"),
        companies=(Company("meta", "Meta", ("Facebook",)), Company("x", "X", known=False)), section="Asia",
        author="", image="", image_alt="", image_caption="", image_credit="", draft=False,
        body=b"<p>Isi</p>", path="2025/06/a/")
    fields.update(overrides)
    return Article(**fields)  # type: ignore[arg-type]


def update(articles: dict[str, bytes | None], **overrides: object) -> CacheUpdate:
    fields: dict[str, object] = dict(articles=articles, pages={}, inputs="", since=float("-inf"),
                                     due=float("inf"), warnings=(), published=0)
    fields.update(overrides)
    return CacheUpdate(**fields)  # type: ignore[arg-type]


LIVE = TreeState("tree", {"index.html": "h"}, {"index.html": "4:5:6", "a": "d"})


def test_digest_separates_its_parts() -> None:
    assert digest("ab", "c") != digest("a", "bc")
    assert digest(b"x") == digest("x")


def test_round_trip(tmp_path: Path) -> None:
    warning = Problem("content/a.md", 3, "companies", "unknown", "warning", 2)
    save_cache(tmp_path, update({"k": b"head\nbody", "odd": b"no newline"}, pages={"index.html": ("fp", "h")},
                                inputs="inputs", since=1.5, due=12.5, warnings=(warning,), published=3), LIVE, None)
    snap = load_cache(tmp_path)
    assert (dict(snap.articles), dict(snap.pages), snap.inputs, snap.since, snap.due, snap.live, snap.spare,
            snap.warnings, snap.articles_built, snap.notes) == (
        {"k": b"head", "odd": b"no newline"}, {"index.html": ("fp", "h")}, "inputs", 1.5, 12.5, LIVE, None, (warning,), 3, ())
    assert snap.file == tmp_path / "build.sqlite", "where the bodies are read from when a page shows one"
    small = load_cache(tmp_path, full=False)
    assert small.live == TreeState("tree", {}, LIVE.stats) and small.articles == {}
    assert (tmp_path / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")


def test_rows_are_put_together_from_their_heads_and_the_articles_bodies(tmp_path: Path) -> None:
    article = make_article(body="<p>Isi “kutipan”</p>".encode("utf-8"))
    parsed, failed = encode_row((article, ())), encode_row((None, (Problem("content/b.md", 1, "", "bad"),)))
    rows = Rows({"k": parsed.partition(b"\n")[0], "b": failed.partition(b"\n")[0], "old": None}, {"k": article})
    assert dict(rows) == {"k": parsed, "b": failed, "old": None}
    assert decode_row(rows["k"]) == (article, ()) and decode_row(parsed)[0].body_html == "<p>Isi “kutipan”</p>"
    save_cache(tmp_path, update(rows), LIVE, None)
    assert dict(load_cache(tmp_path).articles) == {"k": parsed.partition(b"\n")[0], "b": failed.partition(b"\n")[0]}
    assert read_article_heads(tmp_path, ["k", "b", "gone"]) == {"k": parsed.partition(b"\n")[0],
                                                                "b": failed.partition(b"\n")[0]}, "digest check: heads"


def test_unbounded_times_round_trip(tmp_path: Path) -> None:
    save_cache(tmp_path, update({}), LIVE, LIVE)
    snap = load_cache(tmp_path)
    assert (snap.since, snap.due, snap.spare) == (float("-inf"), float("inf"), LIVE)


def test_stale_articles_are_dropped_and_new_rows_replace_old_ones(tmp_path: Path) -> None:
    save_cache(tmp_path, update({"a": b"1\n", "b": b"2\n"}), LIVE, None)
    save_cache(tmp_path, update({"b": None, "c": b"3\n"}), LIVE, None)
    assert dict(load_cache(tmp_path).articles) == {"b": b"2", "c": b"3"}
    save_cache(tmp_path, update({"b": b"fixed\n"}), LIVE, None)
    assert dict(load_cache(tmp_path).articles) == {"b": b"fixed"}, "a re-parsed row replaces a bad one"


def test_garbage_is_an_empty_cache_with_a_note(tmp_path: Path) -> None:
    (tmp_path / "build.sqlite").write_bytes(b"garbage" * 1000)
    snap = load_cache(tmp_path)
    assert snap.articles == {} and snap.notes == (
        "note: the build cache was unreadable and is rebuilt; nothing else is affected",)
    assert load_cache(tmp_path / "missing").notes == ()


@pytest.mark.parametrize("row, value", [
    ("pages", b"[1, 2]"), ("live_stats", b'{"a": 1}'), ("warnings", pickle.dumps(())),
    ("due", b'"soon"'), ("inputs", 7), ("articles", b"true"), ("live_tree", None),
])
def test_a_meta_row_of_the_wrong_type_is_left_out_with_a_note(tmp_path: Path, row: str, value: object) -> None:
    save_cache(tmp_path, update({}, inputs="i", pages={"x": ("f", "h")}, warnings=(Problem("a", 1, "", "m"),),
                                published=2), LIVE, None)
    with sqlite3.connect(tmp_path / "build.sqlite") as db:  # sealed as a build would: the types are checked too
        sealed = seal(row, value) if isinstance(value, bytes) and row not in PLAIN else value
        db.execute("UPDATE meta SET value = ? WHERE key = ?", (sealed, row))
    snap = load_cache(tmp_path)
    assert snap.notes == (f"note: part of the build cache was unreadable ({row}) and is rebuilt; "
                          "nothing else is affected",)
    assert snap.inputs == "", "a cache with a part missing never makes a build 'up to date'"


def _base(change: Callable[[str], str], name: str) -> Callable[[sqlite3.Connection], object]:
    """A damage: the map's base text changed by ``change``."""
    def damage(db: sqlite3.Connection) -> object:
        (value,) = db.execute("SELECT value FROM bases WHERE map = ?", (name,)).fetchone()
        return db.execute("UPDATE bases SET value = ? WHERE map = ?", (change(value), name))
    return damage


@pytest.mark.parametrize("damage, name", [
    ("UPDATE bases SET value = CAST(value AS BLOB) WHERE map = 'pages'", "pages"),  # bytes, not text
    ("UPDATE bases SET value = CAST(x'ff' AS TEXT) WHERE map = 'live_files'", "live_files"),  # not UTF-8
    (_base(lambda v: v.removesuffix("\0h"), "pages"), "pages"),  # a field gone
    (_base(lambda v: v.replace("4:5:6", "4\x005:6"), "live_stats"), "live_stats"),  # a NUL inside a value
    (_base(lambda v: v.removeprefix("a\0d\0"), "live_stats"), "live_stats"),  # an entry gone
    (_base(lambda v: v + "\0index.html\0f\0h", "pages"), "pages"),  # a key twice
    ("INSERT INTO maps VALUES ('pages', 'extra', 'f', 'h')", "pages"),  # an entry more than the count
    ("INSERT INTO maps VALUES ('pages', 'index.html', x'6670', 'h')", "pages"),  # a changed entry that is not text
    ("INSERT INTO maps VALUES ('pages', 'index.html', 'f', NULL)", "pages"),
    ("INSERT INTO maps VALUES ('live_stats', x'ff', '1:2:3', NULL)", "live_stats"),
    ("INSERT INTO maps VALUES ('live_files', 'index.html', CAST(x'ff' AS TEXT), NULL)", "live_files"),
    ("INSERT INTO maps VALUES ('live_stats', 'a', NULL, NULL)", "live_stats"),  # an entry gone: the count differs
    ("DROP TABLE bases", "pages, files, live_files, live_stats"),
    ("DROP TABLE maps", "pages, files, live_files, live_stats"),
])
def test_a_damaged_map_is_left_out_with_a_note_and_written_whole_again(
        tmp_path: Path, damage: str | Callable[[sqlite3.Connection], object], name: str) -> None:
    """A path map is kept as a base text and the entries changed since; a base that does not split into whole
    entries, each key once, an entry that is not text (or not UTF-8), or a count that does not match, leaves that
    map out; the next save makes it whole."""
    pages = {"index.html": ("fp", "h"), "a/index.html": ("fp2", "h2")}
    save_cache(tmp_path, update({}, inputs="i", pages=pages), LIVE, None)
    with sqlite3.connect(tmp_path / "build.sqlite") as db:
        assert (db.execute(damage) if isinstance(damage, str) else damage(db)).rowcount == \
            (-1 if isinstance(damage, str) and damage.startswith("DROP") else 1)
    snap = load_cache(tmp_path)
    assert snap.notes == (f"note: part of the build cache was unreadable ({name}) and is rebuilt; "
                          "nothing else is affected",)
    assert snap.inputs == "", "a cache with a part missing never makes a build 'up to date'"
    if "pages" in name:
        assert snap.pages == {}
    else:
        assert snap.live is None, "the live folder is not trusted without its manifest"
    save_cache(tmp_path, update({}, inputs="i", pages=pages), LIVE, None, snap.maps)
    again = load_cache(tmp_path)
    assert (again.notes, dict(again.pages), again.live) == ((), pages, LIVE)


@pytest.mark.parametrize("held", [False, True], ids=["maps not known", "maps as the build read them"])
def test_a_save_writes_only_the_map_entries_that_changed(tmp_path: Path, held: bool) -> None:
    """With the maps as the build read them, a save writes a row for each entry that changed, was added or went;
    without them, each map's base afresh."""
    pages = {f"p{i}/index.html": (f"fp{i}", f"h{i}") for i in range(100)}
    live = TreeState("tree", {p: h for p, (_, h) in pages.items()}, {p: f"{i}:1:2" for i, p in enumerate(pages)})
    save_cache(tmp_path, update({}, pages=pages), live, live)
    with sqlite3.connect(tmp_path / "build.sqlite") as db:
        db.execute("CREATE TABLE written (map TEXT, key TEXT)")
        db.execute("CREATE TRIGGER added AFTER INSERT ON maps BEGIN INSERT INTO written VALUES (new.map, new.key); END")
        db.execute("CREATE TRIGGER gone AFTER DELETE ON maps BEGIN INSERT INTO written VALUES (old.map, old.key); END")
        db.execute("CREATE TRIGGER based AFTER INSERT ON bases BEGIN INSERT INTO written VALUES (new.map, ''); END")
        db.execute("CREATE TRIGGER unbased AFTER DELETE ON bases BEGIN INSERT INTO written VALUES (old.map, ''); END")
    maps = load_cache(tmp_path).maps
    assert set(maps) == {"pages", "files", "live_files", "live_stats", "spare_files", "spare_stats"}
    pages = {**pages, "p3/index.html": ("new", "h3"), "new/index.html": ("fp", "h")}
    del pages["p7/index.html"]
    save_cache(tmp_path, update({}, pages=pages), live, None, maps if held else None)
    with sqlite3.connect(tmp_path / "build.sqlite") as db:
        written = set(db.execute("SELECT map, key FROM written ORDER BY map, key").fetchall())
    gone = {("spare_files", ""), ("spare_stats", "")}  # no spare this time: its maps go
    if held:
        assert written == {("pages", "new/index.html"), ("pages", "p3/index.html"), ("pages", "p7/index.html")} | gone
    else:
        assert written == {(name, "") for name in ("pages", "files", "live_files", "live_stats")} | gone
    snap = load_cache(tmp_path)
    assert (dict(snap.pages), snap.live, snap.spare, snap.notes) == (pages, live, None, ())
    assert list(snap.pages) == sorted(pages), "in key order, as a row per entry read them"


def test_maps_read_back_after_many_saves_and_their_bases_are_written_again(tmp_path: Path) -> None:
    """Entries changed, added and gone over many saves (each with the maps the last load read) read back as saved,
    in key order; once the changed rows pass ``_OVERLAY`` the base is written afresh and they are gone."""
    rng = random.Random(7)
    pages = {f"p{i}/index.html": (f"fp{i}", f"h{i}") for i in range(300)}
    live = TreeState("tree", {p: h for p, (_, h) in pages.items()}, {p: f"{i}:1:2" for i, p in enumerate(pages)})
    save_cache(tmp_path, update({}, pages=pages), live, None)
    most = 0
    for round_ in range(40):
        held = load_cache(tmp_path)
        assert (held.notes, dict(held.pages), held.live) == ((), pages, live)
        assert list(held.pages) == sorted(pages) and list(held.live.stats) == sorted(live.stats)
        pages = dict(pages)
        for key in rng.sample(sorted(pages), 6):
            pages[key] = (f"fp{round_}", pages[key][1])
        for key in rng.sample(sorted(pages), 2):
            del pages[key]
        pages |= {f"n{round_}-{i}/index.html": ("fp", "h") for i in range(2)}
        pages["p5/index.html"] = ("back", "h")  # gone in one save, there again in a later one, perhaps
        stats = {p: f"{i}:{round_}:2" if i % 50 == round_ % 50 else v for i, (p, v) in enumerate(live.stats.items())}
        live = TreeState("tree", {p: h for p, (_, h) in pages.items()}, stats)
        save_cache(tmp_path, update({}, pages=pages), live, None, held.maps)
        with sqlite3.connect(tmp_path / "build.sqlite") as db:
            rows = db.execute("SELECT count(*) FROM maps WHERE map = 'pages'").fetchone()[0]
        assert rows <= cache._OVERLAY + len(pages) // 16
        most = max(most, rows)
    assert most > 20, "the changed entries are rows until there are too many"
    snap = load_cache(tmp_path)
    assert (snap.notes, dict(snap.pages), snap.live) == ((), pages, live)


def test_maps_held_from_a_file_of_another_version_are_not_trusted(tmp_path: Path) -> None:
    """The maps a build read are trusted only while the file still has this version's format row: a file replaced
    meanwhile (by another version, or afresh after damage) gets every entry written."""
    pages = {"index.html": ("fp", "h"), "a/index.html": ("fp2", "h2")}
    save_cache(tmp_path, update({}, pages=pages), LIVE, None)
    held = load_cache(tmp_path).maps
    with sqlite3.connect(tmp_path / "build.sqlite") as db:
        db.execute("UPDATE meta SET value = 'old' WHERE key = 'format'")
        db.execute("DELETE FROM maps")
        db.execute("DELETE FROM bases")
    save_cache(tmp_path, update({}, pages=pages), LIVE, None, held)
    snap = load_cache(tmp_path)
    assert (snap.notes, dict(snap.pages), snap.live) == ((), pages, LIVE)


def test_a_cache_with_a_row_per_map_entry_is_emptied(tmp_path: Path) -> None:
    """Before their bases (format 2) the maps were a row per entry, and no ``bases`` table: such a file is another
    version's, its rows never read as this version's entries changed since a base, and gone after the next save."""
    save_cache(tmp_path, update({}, inputs="i", pages={"index.html": ("fp", "h")}), LIVE, None)
    with sqlite3.connect(tmp_path / "build.sqlite") as db:
        db.execute("UPDATE meta SET value = ? WHERE key = 'format'", (cache.FORMAT.replace("/3/", "/2/", 1),))
        db.execute("DROP TABLE bases")
        db.executemany("INSERT INTO maps VALUES (?, ?, ?, ?)", [("pages", "index.html", "fp", "h"),
                                                               ("live_files", "index.html", "h", None),
                                                               ("live_stats", "index.html", "4:5:6", None)])
    snap = load_cache(tmp_path)
    assert (snap.notes, snap.pages, snap.live) == (("note: the build cache is from another version; rebuilding it",),
                                                   {}, None)
    pages = {"a/index.html": ("fp2", "h2")}
    save_cache(tmp_path, update({}, inputs="i", pages=pages), LIVE, None, snap.maps)
    with sqlite3.connect(tmp_path / "build.sqlite") as db:
        assert db.execute("SELECT count(*) FROM maps").fetchone() == (0,)
    again = load_cache(tmp_path)
    assert (again.notes, dict(again.pages), again.live) == ((), pages, LIVE)


def test_the_code_hash_covers_subpackages(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.py").write_text("a = 1\n")
    (tmp_path / "sub" / "b.py").write_text("b = 1\n")
    before = code_hash(tmp_path)
    (tmp_path / "sub" / "b.py").write_text("b = 2\n")
    assert code_hash(tmp_path) != before
    (tmp_path / "sub" / "b.py").write_text("b = 1\n")
    assert code_hash(tmp_path) == before
    (tmp_path / "sub" / "b.py").rename(tmp_path / "b.py")
    assert code_hash(tmp_path) != before, "a moved file changes the hash too"


def test_parse_results_round_trip_exactly() -> None:
    jakarta = make_article()
    utc = make_article(date=datetime(2025, 6, 13, 2, tzinfo=timezone.utc),
                       updated=datetime(2025, 6, 14, 2, tzinfo=ZoneInfo("Europe/Berlin")), source=None)
    for result in [(jakarta, ()), (utc, (Problem("content/a.md", 2, "title", "x", "warning"),)), (None, ())]:
        back = decode_row(encode_row(result))
        assert back == result and repr(back) == repr(result), "same values, same zones: same bytes rendered"


@pytest.mark.parametrize("zone", ["America/Santiago", "America/Havana", "Asia/Beirut", "Europe/Berlin",
                                  "Australia/Lord_Howe", "America/St_Johns", "Asia/Jakarta"])
def test_a_cached_date_keeps_its_wall_clock_and_fold_around_every_clock_change(zone: str) -> None:
    """The decoder puts a date in its zone without ``replace`` (``codec._in_zone``): at every quarter hour of the
    days the clocks change, at each offset the zone has that year and one it never has, it gives what
    ``replace(tzinfo=zone)`` kept when the zone reads that wall clock at the same offset (a skipped midnight
    included) and ``astimezone`` otherwise: the same wall clock, offset and fold."""
    place = ZoneInfo(zone)

    def expected(value: datetime) -> datetime:  # what the decoder did before
        wall = value.replace(tzinfo=place)
        return wall if wall.utcoffset() == value.utcoffset() else value.astimezone(place)

    checked = 0
    for year in (1990, 2024, 2025):
        offsets = {datetime(year, month, 15, tzinfo=place).utcoffset() for month in (1, 7)} | {timedelta(hours=5)}
        day = datetime(year, 1, 1)
        while day.year == year:
            if datetime.combine(day, time(), place).utcoffset() != (day + timedelta(days=1)).replace(tzinfo=place).utcoffset():
                for quarter in range(0, 24 * 4 + 8):  # the day and two hours of the next
                    for offset in offsets:
                        value = (day + timedelta(minutes=15 * quarter)).replace(tzinfo=timezone(offset))
                        back = codec.loads(codec.dumps(value).replace(b'"zone":null', f'"zone":"{zone}"'.encode()), datetime)
                        assert (repr(back), back.fold, back.tzinfo) == (repr(expected(value)), expected(value).fold, place)
                        checked += 1
            day += timedelta(days=1)
    assert checked or zone == "Asia/Jakarta"


def test_a_union_tries_only_the_members_that_take_the_value() -> None:
    """``X | None`` is None or X; another union tries the members whose decoders take that JSON type, in order,
    and refuses a value none of them takes (a boolean is no number here)."""
    assert codec.decoder(Source | None)(None) is None
    assert codec.decoder(Source | None)({"@": "Source", "name": "R", "url": "u"}) == Source("R", "u")
    either = codec.decoder(int | str | tuple[str, ...] | Source | Company | float)
    assert [either(v) for v in [1, "a", ["a"], 2.5, {"@": "Company", "id": "x", "name": "X", "aliases": [], "url": "",
                                                        "description": "", "known": False}]] \
        == [1, "a", ("a",), 2.5, Company("x", "X", known=False)]
    for bad in [True, None, [1], {"@": "Other"}, {"@": "Source", "name": "R"}]:
        with pytest.raises(codec.DecodeError, match="matches none of"):
            either(bad)


def test_only_rows_compared_exactly_are_shared() -> None:
    """A shared class's rows are told apart by equality: a float field (0.0 == -0.0) cannot be one."""
    @dataclass(frozen=True)
    class Point:
        x: float

    with pytest.raises(TypeError, match="shared"):
        codec.shared(Point)


class Boom:
    def __reduce__(self) -> tuple[object, tuple[str]]:
        return (exec, ("open(__import__('os').environ['BOOM_FILE'], 'w').write('pwned')",))


@pytest.mark.parametrize("row", [
    pickle.dumps(Boom()), b"", b"\xff\xfe garbage", b"[", b"null", b"[null]", b"[null, []]x", 12, None,
    b'[{"@": "Article"}, []]', b'[null, [{"@": "Problem", "path": 1}]]', b"[" * 100_000,
    b'[{"@": "Article"}, []]\n', b'[null, [{"@": "Problem", "path": 1}]]\n', b"[" * 100_000 + b"\n",
    b"[null,[]]", b"[null,[]]\nbody without an article", b"[]\n", b"{}\n", "[null,[]]\n",
    encode_row((make_article(), ())).replace(b'"draft":false', b'"draft":0'),
    encode_row((make_article(), ())).replace(b'"@":"Source"', b'"@":"Company"'),
    encode_row((make_article(), ())).replace(b'"zone":"Asia/Jakarta"', b'"zone":"../../etc/passwd"'),
    encode_row((make_article(), ())).replace(b'"slug":"a",', b'"slug":"a","extra":1,'),
    encode_row((make_article(), ())).replace(b'"slug":"a",', b'"slug":"a","body":"",'),
    encode_row((make_article(), ())).split(b"\n")[0],
    encode_row((make_article(), ())) + b"\xff",
    encode_row((make_article(), ())).split(b"\n")[0].replace(b'"draft":false', b'"draft":false,"body":"<p>Isi</p>"'),
])
def test_a_row_that_is_not_exactly_a_parse_result_is_a_miss(row: object, tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOOM_FILE", str(tmp_path / "pwned"))
    assert decode_row(row) is None  # type: ignore[arg-type]
    assert not (tmp_path / "pwned").exists()


def test_the_cache_never_holds_pickle() -> None:
    """No module but ``parallel`` pickles, and it unpickles only what its own forked workers send down their pipes
    (as ``multiprocessing.Pool`` did for it before); no module but ``precompiled`` unmarshals, and only the
    template code its own forked child compiled: nothing read from a file is ever unpickled or run."""
    root = Path(__file__).parent.parent / "generator"
    users = sorted(p.name for p in root.rglob("*.py") if re.search(r"import pickle|pickle\.|from pickle|marshal|shelve",
                                                                     p.read_text("utf-8")))
    assert users == ["parallel.py", "precompiled.py"], "the cache is data only; see docs/cache.md"
    text = (root / "core" / "parallel.py").read_text("utf-8")
    # no file opened (os.fdopen of a pipe and subprocess.Popen, for Pagefind, are no file)
    assert not re.search(r"(?<!\w)open\(", text) and "marshal" not in text and "shelve" not in text
    assert re.findall(r"pickle\.loads\((\w+)\)", text) == ["data", "data"]
    assert text.count("data = source.read(") == 1, "what is unpickled is read from a worker's pipe"
    # templates compiled in a forked child of the build: their code comes back over that child's pipe
    # (``parallel.Later``), never from a file
    text = (root / "render" / "precompiled.py").read_text("utf-8")
    assert not re.search(r"open\(|read_bytes|read_text|sqlite|pickle|shelve|Path\(", text)
    assert re.findall(r"marshal\.loads\(([^\n]*)\)$", text, re.M) == ["base64.b64decode(found[1])"]
    assert "found = self.codes.get(bucket.key)" in text and "_Compiled(compiled())" in text, \
        "what is unmarshalled is the result of the Later the build started"
