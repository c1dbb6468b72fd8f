"""The persistent build cache, ``.cache/build.sqlite`` beside the config.

It remembers, between builds:
  - each article's parse result, keyed by a hash of the file's bytes and of everything
    that changes how it parses (``ArticleSettings.fingerprint``: generator version,
    Markdown settings, time zone, registry), so an unchanged article is neither parsed
    nor rendered again;
  - each output page's input fingerprint and output hash, so a page whose inputs did not
    change is not rendered again;
  - which files (path → hash) each output tree holds, so the writer can bring the spare
    tree up to date without reading it;
  - the fingerprint of all inputs of the last build, so a build with nothing changed
    stops after hashing the inputs.

It is only an accelerator: a missing, corrupt or version-mismatched cache is ignored
(with a note) and rebuilt; deleting ``.cache/`` at any time is harmless. Reading happens
in ``load_cache`` and writing in ``save_cache``; ``build()`` itself only gets a snapshot.
"""
from __future__ import annotations

import hashlib
import pickle
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from . import __version__
from .hashing import digest, fingerprint  # noqa: F401  (re-exported for the stages that hash)

FORMAT = f"{__version__}/1/" + hashlib.blake2b(
    b"".join(p.read_bytes() for p in sorted(Path(__file__).parent.glob("*.py"))), digest_size=8).hexdigest()
"""Changes with the version and with any change to the generator's code; a mismatch empties the cache,
so a developer's edit to the generator can never be hidden by results cached by the old code."""
CACHE_DIR = ".cache"
"""The cache's folder, beside the config."""
FILE = "build.sqlite"


@dataclass
class CacheSnapshot:
    """What the last builds left, read once at the start of a build."""

    articles: Mapping[str, bytes] = field(default_factory=dict)
    """Article cache key → pickled (Article | None, problems)."""
    files: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """Article file → (stat signature and settings, cache key) of the last build."""
    pages: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """Output path → (input fingerprint, output hash) of the last build."""
    trees: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Tree id (in an output folder's marker) → the files it holds, path → hash."""
    inputs: str = ""
    """Fingerprint of every input of the last successful build."""
    live_tree: str = ""
    """Tree id the last successful build wrote."""
    due: float = float("inf")
    """POSIX time at which the earliest left-out future article of the last build becomes due."""
    warnings: tuple[Any, ...] = ()
    """The last build's warnings, replayed when nothing changed."""
    articles_built: int = 0
    """How many articles the last build published."""
    notes: tuple[str, ...] = ()
    """Why the cache was ignored, if it was."""

    def article(self, key: str) -> Any | None:
        blob = self.articles.get(key)
        return pickle.loads(blob) if blob is not None else None


@dataclass(frozen=True)
class CacheUpdate:
    """What a build adds to the cache; written by ``save_cache`` after the site is written."""

    articles: Mapping[str, bytes]
    """Every article key used by this build → pickled parse result (new and reused)."""
    pages: Mapping[str, tuple[str, str]]
    inputs: str
    due: float
    warnings: bytes
    """Pickled warnings of this build."""
    published: int
    """How many articles this build published."""
    files: Mapping[str, tuple[str, str]] = field(default_factory=dict)


def _connect(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value BLOB)")
    db.execute("CREATE TABLE IF NOT EXISTS articles (key TEXT PRIMARY KEY, value BLOB)")
    return db


_SMALL = ("format", "inputs", "live_tree", "due", "warnings", "articles")
"""Meta rows enough to tell whether a build can stop early."""


def load_cache(folder: Path, full: bool = True) -> CacheSnapshot:
    """Read the cache; anything unreadable gives an empty snapshot and a note.

    ``full=False`` reads only what the up-to-date check needs, not the articles and manifests,
    which are most of the cache's size.
    """
    path = folder / FILE
    if not path.is_file():
        return CacheSnapshot()
    try:
        db = _connect(path)
        try:
            wanted = "" if full else f" WHERE key IN ({', '.join('?' * len(_SMALL))})"
            meta = dict(db.execute("SELECT key, value FROM meta" + wanted, () if full else _SMALL))
            if meta.get("format") != FORMAT:
                return CacheSnapshot(notes=("note: the build cache is from another version; rebuilding it",))
            articles = dict(db.execute("SELECT key, value FROM articles")) if full else {}
            return CacheSnapshot(
                articles=articles,
                pages=pickle.loads(meta["pages"]) if "pages" in meta else {},
                files=pickle.loads(meta["files"]) if "files" in meta else {},
                trees=pickle.loads(meta["trees"]) if "trees" in meta else {},
                inputs=str(meta.get("inputs", "")),
                live_tree=str(meta.get("live_tree", "")),
                due=float(meta.get("due", float("inf"))),
                warnings=tuple(pickle.loads(meta["warnings"])) if "warnings" in meta else (),
                articles_built=int(meta.get("articles", 0)),
            )
        finally:
            db.close()
    except (sqlite3.Error, pickle.UnpicklingError, EOFError, KeyError, ValueError, TypeError, AttributeError):
        return CacheSnapshot(notes=("note: the build cache was unreadable and is rebuilt; nothing else is affected",))


def save_cache(folder: Path, update: CacheUpdate, trees: Mapping[str, Mapping[str, str]], live_tree: str) -> None:
    """Replace the cache's contents with what this build used (old entries are dropped)."""
    folder.mkdir(exist_ok=True)
    (folder / "CACHEDIR.TAG").write_text("Signature: 8a477f597d28d172789f06886806bc55\n"
                                         "# news-digest build cache; safe to delete at any time.\n")
    path = folder / FILE
    try:
        db = _connect(path)
    except sqlite3.DatabaseError:
        path.unlink(missing_ok=True)
        db = _connect(path)
    try:
        with db:
            db.execute("BEGIN")
            if db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone() != (FORMAT,):
                db.execute("DELETE FROM articles")  # rows of another version must never be kept
            db.execute("DELETE FROM meta")
            known = {k for (k,) in db.execute("SELECT key FROM articles")}
            db.executemany("DELETE FROM articles WHERE key = ?", [(k,) for k in known - set(update.articles)])
            db.executemany("INSERT INTO articles VALUES (?, ?)",
                           [(k, v) for k, v in update.articles.items() if k not in known])
            db.executemany("INSERT INTO meta VALUES (?, ?)", [
                ("format", FORMAT), ("pages", pickle.dumps(dict(update.pages), protocol=5)),
                ("trees", pickle.dumps({k: dict(v) for k, v in trees.items()}, protocol=5)),
                ("inputs", update.inputs), ("live_tree", live_tree), ("due", update.due),
                ("warnings", update.warnings), ("articles", update.published),
                ("files", pickle.dumps(dict(update.files), protocol=5))])
    except sqlite3.DatabaseError:
        db.close()
        path.unlink(missing_ok=True)
        return
    db.close()
