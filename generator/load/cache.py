"""The persistent build cache, ``.cache/build.sqlite`` beside the config.

It remembers, between builds:
  - each article's parse result (its head in ``articles``, its body in ``bodies``, read only when
    something shows it), keyed by a hash of the file's bytes and of everything
    that changes how it parses (``ArticleSettings.fingerprint``: generator version,
    Markdown settings, time zone, registry), so an unchanged article is neither parsed
    nor rendered again;
  - each output page's input fingerprint and output hash, so a page whose inputs did not
    change is not rendered again;
  - what the live output folder and the spare tree hold (path → hash) and how each of their
    files looked on disk (size, mtime, inode), so the writer can trust them without reading them;
  - the fingerprint of all inputs of the last build, so a build with nothing changed
    stops after hashing the inputs;
  - which pages held each article, and the fingerprint of every input but the articles, so a build
    after an edit to article bodies alone plans only the pages those articles were on
    (``touched.py``).

It holds only data: JSON checked against the declared types when read (``codec.py``), and the path
maps as text (a base and the entries changed since: ``MAPS``); never pickle, because a cache kept between CI
runs can be tampered with. It is only an accelerator: a missing, corrupt or version-mismatched cache, or any one
row of it that does not decode, is a miss (with a note) and is rebuilt; deleting ``.cache/`` at any
time is harmless. Reading happens in ``load_cache`` and writing in ``save_cache``; ``build()``
itself only gets a snapshot. See docs/cache.md.
"""
from __future__ import annotations

import hashlib
import itertools
import json
import os
import sys
import sqlite3
import zlib
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from generator import __version__
from generator.core import codec
from generator.core.errors import Problem


def code_hash(package: Path) -> str:
    """A hash of every ``*.py`` file under ``package``, subpackages included, with their paths."""
    h = hashlib.blake2b(digest_size=8)
    for path in sorted(package.rglob("*.py")):
        h.update(path.relative_to(package).as_posix().encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return h.hexdigest()


def installed_hash() -> str:
    """A hash of the Python running and of every distribution installed where it imports from: each one's
    ``*.dist-info`` folder name holds its version, so an upgrade of Pygments (its highlighting), Jinja, Pillow (the
    resized images) or any other library changes it. One folder listing per import path. This package's own
    (``news_digest.egg-info`` in a source folder, which ``python -m`` puts on the path from there) is left out:
    its code is hashed."""
    h = hashlib.blake2b(sys.version.encode("utf-8"), digest_size=8)
    for entry in sys.path:  # the folders' own names are left out: `python -m` puts the current folder first
        if entry and os.path.isdir(entry):
            try:
                names = sorted(n for n in os.listdir(entry) if n.endswith((".dist-info", ".egg-info"))
                               and not n.lower().startswith("news_digest"))  # ours: its code is hashed above
            except OSError:
                continue
            if names:
                h.update("\0".join(names).encode("utf-8", "surrogateescape") + b"\0")
    return h.hexdigest()


FORMAT = f"{__version__}/3/" + code_hash(Path(__file__).parents[1]) + "/" + installed_hash()
"""Changes with the version, with any change to the generator's code, and with any library installed, upgraded or
removed; a mismatch empties the cache and changes every page's fingerprint, so neither a developer's edit to the
generator nor a library's new output can be hidden by what the old one made (a dependency's upgrade said
'up to date' and kept the old highlighting)."""
CACHE_DIR = ".cache"
"""The cache's folder, beside the config."""
FILE = "build.sqlite"


def seal(key: str, value: bytes) -> bytes:
    """A row's value as stored: the CRC-32 of its key and value, then the value. A byte changed inside a row (a bad
    sector, a power cut mid-write) passes every type check when it falls in a title, a body's text or a number of
    the related reading, and would be published and kept by every later build ('up to date'); so would two rows
    that traded values. The checksum makes either a miss (``unseal``)."""
    return zlib.crc32(value, zlib.crc32(key.encode("utf-8", "surrogateescape") + b"\0")).to_bytes(4, "big") + value


def unseal(key: str, value: object) -> bytes | None:
    """The value ``seal`` stored under ``key``, or None when the row is not what it wrote (damaged, another row's,
    or not bytes at all)."""
    if type(value) is not bytes or len(value) < 4 or seal(key, value[4:])[:4] != value[:4]:
        return None
    return value[4:]


PLAIN = frozenset({"format", "articles"})
"""The meta rows stored without a checksum: read by other versions too (the format, and the article count that
guards a site against an empty build)."""


def _unsealed(meta: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The meta rows with their values unsealed, and the names of those whose checksum fails (left out)."""
    rows: dict[str, Any] = {}
    bad: list[str] = []
    for key, value in meta.items():
        if key in PLAIN:
            rows[key] = value
        elif (opened := unseal(key, value)) is not None:
            rows[key] = opened
        else:
            bad.append(key)
    return rows, bad


@dataclass(frozen=True)
class TreeState:
    """One output folder as the writer left it: enough to trust it later without reading its files."""

    tree: str
    """Id in the folder's marker: a hash of its manifest."""
    files: Mapping[str, str] = field(default_factory=dict)
    """Path → hash of every file (empty when read for the up-to-date check only)."""
    stats: Mapping[str, str] = field(default_factory=dict)
    """Path → 'size:mtime_ns:inode' of every file, 'd' for every folder (the marker left out); ':mode' added to
    an entry whose mode is not digest's 0644 or 0755."""


@dataclass
class CacheSnapshot:
    """What the last builds left, read once at the start of a build."""

    articles: Mapping[str, bytes] = field(default_factory=dict)
    """Article cache key → the head of its row (``incremental.encode_row``): a parse result as JSON without the
    article's body, decoded (and checked) only when used. The bodies stay in the file's ``bodies`` table until
    something shows one."""
    file: Path | None = None
    """The cache file these rows were read from, where the bodies are (``incremental.CachedBodies``)."""
    files: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """Article file → (stat signature and settings, cache key) of the last build."""
    pages: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """Output path → (input fingerprint, output hash) of the last build."""
    live: TreeState | None = None
    """The output folder the last build wrote."""
    spare: TreeState | None = None
    """The spare tree beside it (the site before that), when the last build could vouch for it."""
    inputs: str = ""
    """Fingerprint of every input of the last successful build."""
    others: str = ""
    """Fingerprint of every input of that build but its article files (``publish.read_inputs``)."""
    contents: str = ""
    """``inputs`` with each file's bytes in place of its size, mtime and inode (an article file's cache key:
    ``publish.Inputs.hashed``): a fresh checkout gives every file new ones, and a site whose inputs have the same
    bytes is still up to date."""
    other_contents: str = ""
    """``others`` the same way: after a fresh checkout with an edit to article files alone, only the pages that held
    them are planned."""
    reach: Mapping[str, str] = field(default_factory=dict)
    """Article key → the pages whose context held it in the last build (``touched.Reach``); {} when unknown,
    or when ``publish`` found that some input other than the article files changed."""
    plan: Mapping[str, str] = field(default_factory=dict)
    """Each page of the last build → its place, page kind, render and template (``plan.plan_map``)."""
    since: float = float("-inf")
    """POSIX time of the newest article the last build published: a 'now' before it would leave that article out."""
    due: float = float("inf")
    """POSIX time at which the earliest left-out future article of the last build becomes due."""
    warnings: tuple[Problem, ...] = ()
    """The last build's warnings, replayed when nothing changed."""
    articles_built: int = 0
    """How many articles the last build published."""
    related: tuple[str, tuple[tuple[int, ...], ...]] | None = None
    """The last build's related reading (``pages.RelatedMemo``): a hash of its inputs and each article's picks."""
    related_json: bytes | None = None
    """``related`` as the JSON it was saved as: a build whose memo is the same saves these bytes again instead of
    encoding the memo (``saved_as``)."""
    intel: bytes | None = None
    """The last build's company intel (``pages.Kinds.intel``) as the JSON it was saved as; the planner decodes it
    (against ``intelligence.Intel``) only after an edit to bodies alone, which leaves it as it was."""
    notes: tuple[str, ...] = ()
    """Why the cache, or part of it, was ignored."""
    published: Mapping[str, tuple[str, str]] | None = None
    """The last build's ``pages`` when this build may not reuse them (it writes another output folder, or the live
    one lost a file): which articles' pages it published, for the moved-address warning (``build.moved_articles``),
    which a build for staging in between swallowed."""
    maps: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    """Each path map (``MAPS``) that was read whole, as the file held it: ``save_cache`` compares the new maps with
    these instead of reading them again (the build holds the lock, so nothing else writes them meanwhile)."""


@dataclass(frozen=True)
class CacheUpdate:
    """What a build adds to the cache; written by ``save_cache`` after the site is written."""

    articles: Mapping[str, bytes | None]
    """Every article key used by this build → its new row, or None to keep the row the cache has."""
    pages: Mapping[str, tuple[str, str]]
    inputs: str
    since: float
    due: float
    warnings: tuple[Problem, ...]
    published: int
    """How many articles this build published."""
    files: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    related: tuple[str, tuple[tuple[int, ...], ...]] | bytes | None = None
    """The related reading's memo, or the JSON the cache held it as when it is the same (``saved_as``)."""
    others: str = ""
    reach: Mapping[str, str] | None = None
    """None: no map is kept (the next build plans every page)."""
    plan: Mapping[str, str] | None = None
    intel: Mapping[str, Any] | bytes | None = None
    """The company intel the pages were planned with (dataclasses, encoded by ``codec``), or the JSON the cache
    held it as when the planner took it as it was (an edit to bodies alone: ``build.plan``)."""
    moves: Mapping[str, str] = field(default_factory=dict)
    """``BuildResult.moves``: for ``digest check``, which only reads the cache."""
    contents: str = ""
    """``CacheSnapshot.contents``; '' when a file could not be read, and then no ``input_files`` are kept."""
    other_contents: str = ""
    """``CacheSnapshot.other_contents``."""
    input_files: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """Every input file but the article files (whose cache keys hash their bytes: ``files``) → (its
    'size:mtime_ns:inode', the hash of its bytes), so that ``contents`` hashes again only the files whose stats
    changed."""


def open_read_only(path: Path) -> sqlite3.Connection:
    """A cache file opened read-only: reading never creates, changes or locks out a writer.

    A build killed while it saved leaves a hot journal (``-journal``) beside the file, which a read-only
    connection cannot play back: the whole cache read as unreadable, and the next build rendered every page. A
    journal found first is played back by a short read-write open, as SQLite does on any such open (a writer
    still at work holds its lock, and its journal is left alone)."""
    if path.with_name(path.name + "-journal").exists():
        with suppress(sqlite3.Error, OSError):
            db = sqlite3.connect(path, isolation_level=None, timeout=1.0)
            try:
                db.execute("SELECT count(*) FROM sqlite_master").fetchone()
            finally:
                db.close()
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)


TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# news-digest build cache; safe to delete at any time.\n"
"""CACHEDIR.TAG: backup and sync tools that honour it skip the cache folder."""


CORRUPT = frozenset({"SQLITE_CORRUPT", "SQLITE_NOTADB"})
"""SQLite's primary result codes for a damaged file (``sqlite3.Error.sqlite_errorname``, extended codes such as
SQLITE_CORRUPT_INDEX included by their prefix): the file is replaced rather than reported on every build."""


def is_corrupt(error: sqlite3.Error) -> bool:
    name = getattr(error, "sqlite_errorname", "") or ""
    return any(name == code or name.startswith(code + "_") for code in CORRUPT)


def make_folder(folder: Path) -> None:
    """The cache folder, made if missing and tagged (``TAG``)."""
    folder.mkdir(parents=True, exist_ok=True)  # .cache/outputs/NAME-HASH/ with no .cache/ yet (publish.cache_for)
    (folder / "CACHEDIR.TAG").write_text(TAG)


def _create_tables(db: sqlite3.Connection, *tables: str) -> None:
    """Every cache table is key → value, but ``maps`` and ``bases`` (``MAPS``)."""
    for table in tables:
        if table == "maps":
            db.execute("CREATE TABLE IF NOT EXISTS maps (map TEXT, key TEXT, a TEXT, b TEXT, PRIMARY KEY (map, key))"
                       " WITHOUT ROWID")
            db.execute("CREATE TABLE IF NOT EXISTS bases (map TEXT PRIMARY KEY, value TEXT)")
        else:
            db.execute(f"CREATE TABLE IF NOT EXISTS {table} (key TEXT PRIMARY KEY, value BLOB)")


def write_cache(folder: Path, file: str, table: str, transaction: Callable[[sqlite3.Connection], None],
                timeout: float = 5.0) -> None:
    """Run ``transaction`` on ``folder/file`` (the build's or the check's cache), which has a ``meta`` table and
    ``table``: the folder is made and tagged first.

    A file that SQLite finds damaged (not a database, or "malformed": a power cut while ``synchronous`` writes
    were in flight, a disk error, a hand edit) is deleted with its journal and written afresh, once; any other
    error (read-only folder, disk full, locked) is raised. The cache holds nothing that a build cannot make
    again, so replacing it loses only time.
    """
    make_folder(folder)
    path = folder / file
    for attempt in (1, 2):
        try:
            db = sqlite3.connect(path, isolation_level=None, timeout=timeout)
            try:
                _create_tables(db, "meta", table)
                with db:
                    transaction(db)
                return
            finally:
                db.close()
        except sqlite3.DatabaseError as e:
            if attempt == 2 or not is_corrupt(e):
                raise
            for damaged in (path, path.with_name(file + "-journal")):  # a journal would be played into the new file
                damaged.unlink(missing_ok=True)


MAPS: dict[str, int] = {"pages": 2, "files": 2, "live_files": 1, "live_stats": 1, "spare_files": 1, "spare_stats": 1,
                        "reach": 1, "plan": 1, "input_files": 2}
"""The path maps (name → values per entry), 10,000 to 31,000 entries each at 10,000 articles ('reach': article
key → pages, and 'plan', ``touched.py``). Each is kept as a base, one text in ``bases`` (every entry's key and
values, in key order, joined by NULs, which no path, hash or stat holds), and the entries changed since the base
was written, a row each in ``maps`` (its values in ``a`` and ``b``; a row without values: the entry went). A
build writes only the entries that changed (a one-article rebuild changes a few dozen of 144,000), and writes the
base afresh once they pass ``_OVERLAY``; a read takes the base in one row, where a row per entry cost SQLite's
step, its mutexes and the interpreter's lock for every entry (``_read_map``). The map's meta row holds its entry
count, which a read must match."""
_SMALL = ("format", "inputs", "contents", "live_tree", "live_stats", "since", "due", "warnings", "articles")
"""Meta rows enough to tell whether a build can stop early (the live folder's stats included)."""
_ROWS: dict[str, Any] = {
    "inputs": str, "contents": str, "other_contents": str, "others": str, "since": float | None, "due": float | None, "warnings": tuple[Problem, ...], "articles": int,
    "live_tree": str, "spare_tree": str, "related": tuple[str, tuple[tuple[int, ...], ...]], "moves": dict[str, str],
    **{name: int for name in MAPS},
}
"""Every meta row but 'format', and the type its JSON must decode to (a map's: its entry count)."""
UNREADABLE = "note: the build cache was unreadable and is rebuilt; nothing else is affected"
PART_UNREADABLE = "note: part of the build cache was unreadable ({}) and is rebuilt; nothing else is affected"


def readable_file(path: Path) -> bool:
    """Whether ``path`` is a file; False also where it cannot be looked at (a .cache/ of mode 000): a cache
    that cannot be read is no cache, never "Permission denied; Check the disk"."""
    try:
        return path.is_file()
    except OSError:
        return False


def load_cache(folder: Path, full: bool = True) -> CacheSnapshot:
    """Read the cache; anything unreadable gives an empty snapshot, or leaves out that part, with a note.

    ``full=False`` reads only what the up-to-date check needs, not the articles and manifests,
    which are most of the cache's size.
    """
    path = folder / FILE
    try:
        if not path.is_file():
            return CacheSnapshot()
    except OSError:  # a .cache/ it may not look into (chmod 000): a build without the cache, said as one
        return CacheSnapshot(notes=(UNREADABLE,))
    try:
        db = open_read_only(path)
        try:
            wanted = "" if full else f" WHERE key IN ({', '.join('?' * len(_SMALL))})"
            meta = dict(db.execute("SELECT key, value FROM meta" + wanted, () if full else _SMALL))
            if meta.get("format") != FORMAT:  # none of its rows is used, but its article count still guards the
                return CacheSnapshot(articles_built=_count(meta.get("articles")),  # site (``publish``)
                                     notes=("note: the build cache is from another version; rebuilding it",))
            stored = db.execute("SELECT key, value FROM articles").fetchall() if full else []
            meta, damaged = _unsealed(meta)
            rows, bad = _decode_meta(db, meta)
            bad += damaged
        finally:
            db.close()
    except sqlite3.Error:
        return CacheSnapshot(notes=(UNREADABLE,))

    def tree(role: str) -> TreeState | None:
        if f"{role}_tree" not in rows or f"{role}_stats" not in rows or (full and f"{role}_files" not in rows):
            return None
        return TreeState(rows[f"{role}_tree"], rows.get(f"{role}_files", {}), rows[f"{role}_stats"])

    articles = {key: head for key, head in ((key, unseal(key, value)) for key, value in stored) if head is not None}
    if len(articles) < len(stored):  # damaged rows: those articles are parsed again
        bad.append("articles")
    since, due = rows.get("since"), rows.get("due")
    return CacheSnapshot(
        articles=articles,
        file=path if full else None,
        pages=rows.get("pages", {}),
        files=rows.get("files", {}),
        live=tree("live"),
        spare=tree("spare"),
        inputs=rows.get("inputs", "") if not bad else "",  # a build with a part missing is never 'up to date'
        others=rows.get("others", "") if not bad else "",
        contents=rows.get("contents", "") if not bad else "",
        other_contents=rows.get("other_contents", "") if not bad else "",
        reach=rows.get("reach", {}),
        plan=rows.get("plan", {}),
        since=float("-inf") if since is None else since,
        due=float("inf") if due is None else due,
        warnings=rows.get("warnings", ()),
        articles_built=rows.get("articles", 0),
        related=rows.get("related"),
        related_json=meta["related"] if full and "related" in rows else None,
        intel=meta["intel"] if full and type(meta.get("intel")) is bytes else None,
        notes=(PART_UNREADABLE.format(", ".join(bad)),) if bad else (),
        maps={name: rows[name] for name in MAPS if name in rows},
    )


def _count(value: Any) -> int:
    """Another version's 'articles' row, if it is what every version writes there (a JSON whole number), else 0."""
    try:
        count = json.loads(value) if type(value) is bytes else None
    except ValueError:
        return 0
    return count if type(count) is int and count >= 0 else 0


def _decode_meta(db: sqlite3.Connection, meta: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """The meta rows present, decoded, with the maps whose count row is among them read from ``maps``; and the
    names of those that do not decode (a map: whose entries are not all text, or are not as many as its count)."""
    rows: dict[str, Any] = {}
    bad: list[str] = []
    for key, hint in _ROWS.items():
        if key not in meta:
            continue
        try:
            rows[key] = codec.loads(meta[key], hint)
        except codec.DecodeError:
            bad.append(key)
            continue
        if key in MAPS:
            entries = _read_map(db, key)
            if entries is None or len(entries) != rows[key]:
                del rows[key]
                bad.append(key)
            else:
                rows[key] = entries
    return rows, bad


def _read_map(db: sqlite3.Connection, name: str) -> dict[str, Any] | None:
    """The entries of one map (a value, or a pair of values, by text key), in key order; None unless the base is
    text that splits into whole entries, each key once, and every row changed since is text (a value that is not
    UTF-8 makes SQLite raise an Error: the map is left out the same way).

    The base is one row split by C code (``str.split``, ``dict(zip(...))``): about 2,500 instructions an entry at
    2,000 articles, against 6,300 for a row per entry, most of which went to SQLite's step and mutexes and to
    releasing the interpreter's lock."""
    width = MAPS[name]
    try:
        base = db.execute("SELECT value FROM bases WHERE map = ?", (name,)).fetchone()
        changed = db.execute("SELECT key, a, b FROM maps WHERE map = ?", (name,)).fetchall()
    except sqlite3.Error:
        return None
    if base is None:
        found: dict[str, Any] = {}
    elif type(base[0]) is not str:
        return None
    else:
        parts = base[0].split("\0") if base[0] else []
        it = iter(parts)
        found = dict(zip(it, it)) if width == 1 else dict(zip(it, zip(it, it)))
        if len(found) * (width + 1) != len(parts):  # a field missing or a NUL inside one, or a key twice
            return None
    added = False
    for key, a, b in changed:  # the entries changed since the base was written; values None: the entry went
        if type(key) is not str:
            return None
        if a is None and b is None:
            found.pop(key, None)
            continue
        if type(a) is not str or (b is not None if width == 1 else type(b) is not str):
            return None
        added = added or key not in found
        found[key] = a if width == 1 else (a, b)
    return dict(sorted(found.items())) if added else found


_OVERLAY = 64
"""A map's base is written afresh once the rows changed since it was written would pass this many, plus a sixteenth of
its entries: reading such a row costs about as much as thirty entries of the base, and writing the base costs
little more than encoding it (about 2 MB for the largest map at 10,000 articles)."""


def _write_map(db: sqlite3.Connection, name: str, entries: Mapping[str, Any], held: Mapping[str, Any] | None) -> None:
    """Make the map ``name`` hold exactly ``entries``, and its count row: as rows for the entries that differ from
    what it holds (``held``, as the build read it), or, when that is not known or too many rows would have
    changed since the base (``_OVERLAY``), as a new base."""
    if held is not None and entries == held:  # most maps after an edit to a body: compared in C
        pass
    elif held is not None:
        width = MAPS[name]
        if width == 1:
            changed = [(name, key, value, None) for key, value in entries.items() if held.get(key, _NONE) != value]
        else:
            changed = [(name, key, a, b) for key, (a, b) in entries.items() if held.get(key, _NONE) != (a, b)]
        changed += [(name, key, None, None) for key in held.keys() - entries.keys()]
        if changed:
            rows = db.execute("SELECT count(*) FROM maps WHERE map = ?", (name,)).fetchone()[0]
            if rows + len(changed) > _OVERLAY + len(entries) // 16:
                held = None
            else:
                db.executemany("INSERT OR REPLACE INTO maps VALUES (?, ?, ?, ?)", changed)
    if held is None:
        db.execute("DELETE FROM maps WHERE map = ?", (name,))
        pairs = sorted(entries.items())
        fields = pairs if MAPS[name] == 1 else ((key, *values) for key, values in pairs)
        db.execute("INSERT OR REPLACE INTO bases VALUES (?, ?)", (name, "\0".join(itertools.chain.from_iterable(fields))))
    db.execute("INSERT INTO meta VALUES (?, ?)", (name, seal(name, codec.dumps(len(entries)))))


_NONE = object()
"""Never equal to a stored value: an entry the map does not hold."""


def _json(value: Any) -> bytes:
    """A meta row's JSON: bytes are a row's JSON as the cache held it, kept as they were (``CacheUpdate.related``,
    ``CacheUpdate.intel``); no other row's value is bytes."""
    return value if type(value) is bytes else codec.dumps(value)


def saved_as(value: Any, held: Any, held_json: bytes | None) -> Any:
    """``held_json``, the JSON the cache held ``held`` as, when ``value`` is the same (equal values encode to equal
    bytes: ``codec.dumps``), so that the save need not encode it again; else ``value``."""
    return held_json if held_json is not None and value is not None and value == held else value


def _finite(value: float) -> float | None:
    """JSON has no infinity: an unbounded time is stored as null."""
    return value if value not in (float("inf"), float("-inf")) else None


def save_cache(folder: Path, update: CacheUpdate, live: TreeState, spare: TreeState | None,
               held: Mapping[str, Mapping[str, Any]] | None = None) -> None:
    """Replace the cache's contents with what this build used (old entries are dropped).

    ``held``: the path maps as ``load_cache`` read them at the start of this build (``CacheSnapshot.maps``), so
    that only the entries that differ are written without reading the maps again; trusted only while the file
    still has this version's format row (a damaged file replaced meanwhile is written whole).

    Raises OSError or sqlite3.Error when the cache cannot be written (read-only, not a folder,
    disk full; a damaged file is replaced instead, by ``write_cache``); the caller has published the site by
    then and reports it as a warning.
    """
    meta: dict[str, Any] = {
        "inputs": update.inputs, "since": _finite(update.since), "due": _finite(update.due),
        "warnings": update.warnings, "articles": update.published, "live_tree": live.tree, "moves": dict(update.moves)}
    maps: dict[str, Mapping[str, Any]] = {"pages": update.pages, "files": update.files, "live_files": live.files,
                                          "live_stats": live.stats}
    if update.contents:
        meta |= {"contents": update.contents, "other_contents": update.other_contents}
        maps["input_files"] = update.input_files
    if update.related is not None:
        meta["related"] = update.related
    if update.intel is not None:
        meta["intel"] = update.intel
    if update.reach is not None and update.plan is not None:
        meta["others"] = update.others
        maps |= {"reach": update.reach, "plan": update.plan}
    if spare is not None:
        meta["spare_tree"] = spare.tree
        maps |= {"spare_files": spare.files, "spare_stats": spare.stats}

    def transaction(db: sqlite3.Connection) -> None:
        _create_tables(db, "bodies", "maps")
        db.execute("BEGIN")
        stored = held or {}
        if db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone() != (FORMAT,):
            db.execute("DELETE FROM articles")  # rows of another version must never be kept
            db.execute("DELETE FROM bodies")
            db.execute("DELETE FROM maps")
            db.execute("DELETE FROM bases")
            stored = {}
        db.execute("DELETE FROM meta")
        known = {k for (k,) in db.execute("SELECT key FROM articles")}
        db.executemany("DELETE FROM articles WHERE key = ?", [(k,) for k in known - set(update.articles)])
        for key, row in update.articles.items():  # one row made at a time (``Rows``): no body held twice
            if row is not None:
                head, _, body = row.partition(b"\n")
                db.execute("INSERT OR REPLACE INTO articles VALUES (?, ?)", (key, seal(key, head)))
                db.execute("INSERT OR REPLACE INTO bodies VALUES (?, ?)", (key, seal(key, body)))
        db.execute("DELETE FROM bodies WHERE key NOT IN (SELECT key FROM articles)")  # none without its head
        db.execute("INSERT INTO meta VALUES ('format', ?)", (FORMAT,))
        db.executemany("INSERT INTO meta VALUES (?, ?)", ((k, _json(v) if k in PLAIN else seal(k, _json(v)))
                                                         for k, v in meta.items()))
        for name in MAPS:
            if name in maps:
                _write_map(db, name, maps[name], stored.get(name))
            else:  # no spare (or no reach) this time
                db.execute("DELETE FROM maps WHERE map = ?", (name,))
                db.execute("DELETE FROM bases WHERE map = ?", (name,))

    write_cache(folder, FILE, "articles", transaction)


def refresh(folder: Path, meta: Mapping[str, str], maps: Mapping[str, Mapping[str, Any]],
            held: Mapping[str, Mapping[str, Any]]) -> None:
    """Record new stats of what the last build left as it was, found by its bytes (``publish``: a fresh checkout, a
    restored output folder): the ``inputs`` and ``others`` fingerprints (``meta``) and ``maps`` (``input_files``,
    ``files``, ``live_stats``), so that the next build is up to date by stats alone and the next edit reads only the
    edited file and plans only its pages. ``held``: those maps as read. Nothing is done to a cache of another
    version; raises as ``save_cache`` does."""
    def transaction(db: sqlite3.Connection) -> None:
        _create_tables(db, "maps")
        db.execute("BEGIN")
        if db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone() != (FORMAT,):
            return
        db.executemany("DELETE FROM meta WHERE key = ?", [*((key,) for key in meta), *((name,) for name in maps)])
        db.executemany("INSERT INTO meta VALUES (?, ?)", [(key, seal(key, _json(value))) for key, value in meta.items()])
        for name, entries in maps.items():
            _write_map(db, name, entries, held.get(name))

    write_cache(folder, FILE, "articles", transaction)


class RowStore:
    """Where a build puts the rows of the articles it parses as it parses them, so that it need not hold their
    bodies until ``save_cache`` (``incremental.load_articles``): on a cold build of 100,000 articles the bodies
    are about 0.6 GB. A page that shows a stored body reads it back (``incremental.CachedBodies``).

    Rows are committed in batches; a row is a pure function of its file's bytes and the parse settings (its key
    hashes both), so rows stored by a build that then fails are as good as any. The store is used only when the
    cache file is absent (it is made, with its ``format`` row), of this version, or of another version or damaged
    (it is emptied or made afresh first: ``_open``). Anything else that goes wrong (a read-only or full disk, a
    file damaged under the open connection, a lock) turns the store off for the rest of the build: ``put``
    returns False and the caller keeps the bodies, for ``save_cache`` to try (and report) as before.
    """

    def __init__(self, folder: Path) -> None:
        self.file = folder / FILE
        self._folder = folder
        self._db: sqlite3.Connection | None = None
        self._off = False

    def put(self, rows: list[tuple[str, bytes, bytes]]) -> bool:
        """Store (key, head, body) rows in one transaction; whether they are now in the cache file."""
        if self._off or not rows:
            return False
        try:
            db = self._db or self._open()
            with db:
                db.execute("BEGIN IMMEDIATE")
                db.executemany("INSERT OR REPLACE INTO articles VALUES (?, ?)",
                               [(k, seal(k, head)) for k, head, _ in rows])
                db.executemany("INSERT OR REPLACE INTO bodies VALUES (?, ?)",
                               [(k, seal(k, body)) for k, _, body in rows])
            return True
        except (OSError, sqlite3.Error):
            self.close()
            self._off = True
            return False

    def _open(self) -> sqlite3.Connection:
        """The cache file, ready for this version's rows. A file of another version is emptied first, and a
        damaged one (``is_corrupt``) deleted and made afresh, as ``save_cache`` would do once the site is out:
        this build cannot use their rows, and holding every body until then is what the store is there to
        avoid (after an upgrade, the first build of 100,000 articles peaked at 1.93 GB, against 0.99 GB with
        no cache)."""
        for attempt in (1, 2):
            existed = self.file.is_file()
            if not existed:
                make_folder(self._folder)
            db = self._db = sqlite3.connect(self.file, isolation_level=None, timeout=1.0)
            try:
                with db:
                    db.execute("BEGIN IMMEDIATE")
                    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
                    found = db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone() \
                        if "meta" in tables else None
                    if found != (FORMAT,):  # new, or another version's: its rows are never read again
                        for table in sorted(tables & {"meta", "articles", "bodies", "maps", "bases"}):
                            db.execute(f"DROP TABLE {table}")
                        _create_tables(db, "meta", "articles", "bodies")
                        db.execute("INSERT INTO meta VALUES ('format', ?)", (FORMAT,))
                return db
            except sqlite3.DatabaseError as e:
                self.close()
                if attempt == 2 or not existed or not is_corrupt(e):
                    raise
                for damaged in (self.file, self.file.with_name(FILE + "-journal")):  # its journal would be played
                    damaged.unlink(missing_ok=True)  # into the new file
        raise AssertionError("unreachable")

    def close(self) -> None:
        """Close the file: before the build forks its render workers, which read it with their own connections."""
        if self._db is not None:
            self._db.close()
            self._db = None


def read_meta(folder: Path, keys: tuple[str, ...]) -> dict[str, Any]:
    """Some meta rows of the cache, decoded; a row that is missing or does not decode is left out,
    and an unreadable or other-version cache gives {}. For ``digest check``, which only reads the cache."""
    path = folder / FILE
    if not readable_file(path):
        return {}
    try:
        db = open_read_only(path)
        try:
            meta = dict(db.execute(f"SELECT key, value FROM meta WHERE key IN ({', '.join('?' * (len(keys) + 1))})",
                                   ("format", *keys)))
            if meta.get("format") != FORMAT:
                return {}
            return _decode_meta(db, _unsealed(meta)[0])[0]
        finally:
            db.close()
    except sqlite3.Error:
        return {}


def read_article_heads(folder: Path, keys: list[str]) -> dict[str, bytes]:
    """The heads of some articles' cached rows (undecoded, without their bodies: ``incremental.CachedBodies``
    reads those when asked), by key; {} when the cache cannot be read. For ``digest check``."""
    path = folder / FILE
    if not keys or not readable_file(path):
        return {}
    try:
        db = open_read_only(path)
        try:
            if db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone() != (FORMAT,):
                return {}
            db.execute("CREATE TEMP TABLE wanted (key TEXT PRIMARY KEY)")
            db.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", [(k,) for k in keys])
            found = db.execute("SELECT a.key, a.value FROM articles a JOIN wanted w ON a.key = w.key").fetchall()
            return {key: head for key, head in ((key, unseal(key, value)) for key, value in found) if head is not None}
        finally:
            db.close()
    except sqlite3.Error:
        return {}
