"""``digest check``'s own cache, ``.cache/check.sqlite``: what the curator checks need of each article.

Finding a company mention costs milliseconds per article, so the facts of each article file
(its single-file findings with their lines, and the lines of its tags, section, companies,
source and links) are kept by the article's build-cache key: a hash of the file's bytes and of
the parse settings (registry included), so a row can only ever describe the exact bytes it was
made from. Rows are JSON checked against their types (``codec.py``), like the build cache.

The file is separate from the build's ``build.sqlite``, which ``digest check`` only reads: a
check can never spoil what a build relies on. This cache is only an accelerator: a missing,
corrupt, locked or other-version file, or a row that does not decode, is a miss; a file that
cannot be written is left alone (with a note), and the check's findings are the same either way.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Mapping

from generator.load.cache import FORMAT, open_read_only, readable_file, write_cache

FILE = "check.sqlite"
def load_report(folder: Path) -> bytes | None:
    """The last check's report row (undecoded), or None when there is none that this version wrote."""
    found = _read(folder, "SELECT value FROM meta WHERE key = 'report'")
    return found[0][0] if found and isinstance(found[0][0], bytes) else None


def load_facts(folder: Path) -> dict[str, bytes]:
    """Article key → its facts row (undecoded); {} when the file is missing, unreadable or of another version."""
    return {k: v for k, v in _read(folder, "SELECT key, value FROM facts") or ()
            if isinstance(k, str) and isinstance(v, bytes)}


def _read(folder: Path, query: str) -> list[tuple[object, ...]] | None:
    """The rows of ``query``, or None when the file is missing, unreadable or of another version."""
    path = folder / FILE
    if not readable_file(path):  # missing, or in a .cache/ it may not look into
        return None
    try:
        db = open_read_only(path)
        try:
            if db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone() != (FORMAT,):
                return None
            return db.execute(query).fetchall()
        finally:
            db.close()
    except sqlite3.Error:
        return None


def save_facts(folder: Path, new: Mapping[str, bytes], used: set[str], report: bytes) -> str | None:
    """Add the ``new`` rows, drop every row not ``used`` by this check and keep its ``report``, in one transaction.

    Returns a note when the cache could not be written (read-only folder, a file in the way, disk
    full, another check holding the lock); the check's report does not depend on it.
    """
    def transaction(db: sqlite3.Connection) -> None:
        db.execute("BEGIN IMMEDIATE")
        if db.execute("SELECT value FROM meta WHERE key = 'format'").fetchone() != (FORMAT,):
            db.execute("DELETE FROM facts")  # rows of another version must never be kept
            db.execute("INSERT OR REPLACE INTO meta VALUES ('format', ?)", (FORMAT,))
        known = {k for (k,) in db.execute("SELECT key FROM facts")}
        db.executemany("DELETE FROM facts WHERE key = ?", [(k,) for k in known - used])
        db.executemany("INSERT OR REPLACE INTO facts VALUES (?, ?)", list(new.items()))
        db.execute("INSERT OR REPLACE INTO meta VALUES ('report', ?)", (report,))

    try:
        write_cache(folder, FILE, "facts", transaction, timeout=1.0)
    except (OSError, sqlite3.Error) as e:
        reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
        return f"note: the check cache could not be saved ({reason}); the next check will not be faster"
    return None

