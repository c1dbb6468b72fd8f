"""Article loading that remembers: parse only the files that changed since the last build.

This is the incremental side of ``build()``: ``build`` asks an ``ArticleLoader`` for the
articles, and ``publish`` hands it one that reads the cache snapshot. The parse results
travel as JSON (``codec.py``), checked against the types in ``models.py`` whenever they
are read back; a row that does not decode is a miss and the file is parsed again.
"""
from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Callable, Iterator, Mapping

from generator.core import codec
from generator.load.cache import CacheSnapshot, RowStore, open_read_only, unseal
from generator.load.config import Config, ConfigLines
from generator.load.content import ArticleSettings, article_key, find_articles, parse_article, read_article
from generator.load import markdown
from generator.core.errors import BuildError, Problem
from generator.core.models import Article, InfoPage
from generator.core.parallel import MIN_PARALLEL, ordered_map

Progress = Callable[[str, int, int], None]
ParseResult = tuple[Article | None, tuple[Problem, ...]]
"""What ``parse_article`` returns for one file, and what one cache row holds."""
Seen = dict[str, tuple[str, str]]
"""Article file → (its stat signature and the parse settings, its cache key)."""


@dataclass(frozen=True)
class Loaded:
    """Every article file, parsed (or taken from the cache), with every problem found in them."""

    articles: tuple[Article, ...]
    """Every article that parsed, drafts and future ones included, in file order."""
    problems: tuple[Problem, ...]
    rows: Mapping[str, bytes | None] = field(default_factory=dict)
    """Cache key of every article file this build used → its new row, or None when the cache's row was used as is."""
    seen: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """Article file → (stat signature, cache key), so the next build need not read unchanged files."""
    pages: tuple[InfoPage, ...] = ()
    """Pages that are not news, from content/pages/ (drafts only when asked for); added by ``build.load``."""
    draft_pages: tuple[InfoPage, ...] = ()
    """The pages left out as drafts (without --drafts)."""


ArticleLoader = Callable[[Config, ArticleSettings], Loaded]
"""What ``build()`` calls to get the articles, given the parse settings (which need the registry)."""


def _signature(path: str, settings: ArticleSettings) -> str:
    """The file's stat signature; '' (no cached row matches it) for one gone since the folder was listed (an
    editor's save through a temporary file): then read, and said at its name, never "Check the disk"."""
    try:
        st = os.stat(path)
    except OSError:
        return ""
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}:{settings.fingerprint}"


def encode_row(result: ParseResult) -> bytes:
    """A parse result as its cache row: the JSON (``codec``) of the result without the article's body, a
    newline, then the body (UTF-8) as it is. The body is nearly all of a row, and reading it as raw
    bytes rather than as a JSON string with every quote and newline escaped makes decoding the 10,000
    rows of a rebuild about twice as fast."""
    encoded = codec.encode(result)
    body = encoded[0].pop("body") if encoded[0] is not None else b""
    return codec.to_json(encoded) + b"\n" + body


def decode_row(row: bytes | None) -> ParseResult | None:
    """A cached parse result, or None when the row is missing or is not exactly what ``encode_row`` makes:
    the body goes back in its place (checked to be UTF-8) before the whole is checked against ``ParseResult``."""
    if type(row) is not bytes:
        return None
    head, newline, body = row.partition(b"\n")
    if not newline:
        return None
    try:
        body.decode("utf-8")  # only checked: the article keeps the bytes
    except UnicodeDecodeError:
        return None
    return decode_head(head, body)


def decode_head(head: bytes | None, body: bytes) -> ParseResult | None:
    """A cached parse result from its row's head (``encode_row``) and the article's body (b'' while it is
    still in the cache: ``CachedBodies``), or None when the head does not decode."""
    if type(head) is not bytes:
        return None
    try:
        encoded = codec.parse(head)
        if type(encoded) is not list or not encoded:
            return None
        if type(encoded[0]) is dict and "body" not in encoded[0]:
            encoded[0]["body"] = body
        elif encoded[0] is not None or body:
            return None
        return codec.decoder(ParseResult)(encoded)
    except codec.DecodeError:
        return None


def cached_result(head: bytes | None, bodies: CachedBodies | None) -> ParseResult | None:
    """A cached parse result from its row's head, its article reading its body from ``bodies`` when asked
    (a rebuild's cached articles, and ``digest check``'s articles taken from the last build)."""
    result = decode_head(head, b"")
    if result is not None and result[0] is not None:
        object.__setattr__(result[0], "body_from", bodies)  # set once, before anything else sees the article
    return result


class CachedBodies:
    """The bodies of articles taken from the cache, read from the cache file when something asks for one.

    A rebuild reads only the heads of the cache's rows (``cache.load_cache``): titles, dates, tags and every
    other field, which the indexes and the planner need, but not the bodies, which are most of the rows'
    bytes and which only the pages that render again show. ``Article.body_html`` calls this for an article
    loaded that way. Each process (the render workers are forked) opens the cache file read-only once.

    The build holds the lock, so no other build changes the cache meanwhile. A row that is gone or damaged
    since (the cache deleted by hand, a bad disk) is made again from the file: the body is that file's
    when it still has the bytes the article was loaded from (the same key), and otherwise the build stops
    with an error naming the file, which changed while the site was being built.
    """

    def __init__(self, cache_file: Path, root: Path, settings: ArticleSettings) -> None:
        self.cache_file, self.root, self.settings = cache_file, root, settings
        self._db: tuple[int, sqlite3.Connection] | None = None

    def __call__(self, article: Article) -> bytes:
        body = self._read(article.key)
        if body is not None:
            return body
        data = read_article(article.source_path, self.root / article.source_path)
        if not isinstance(data, Problem) and article_key(article.source_path, data, self.settings) == article.key:
            parsed = parse_article(article.source_path, data, self.settings)[0]
            if parsed is not None:
                return parsed.body
        raise BuildError([Problem(article.source_path, 0, "", "the file changed while the site was being built, "
                                  "and the build cache no longer has the version read first; build again")])

    def _read(self, key: str) -> bytes | None:
        """The body of the cache's row ``key``, checked to be UTF-8; None when it cannot be read."""
        try:
            if self._db is None or self._db[0] != os.getpid():  # a connection never crosses a fork
                self._db = (os.getpid(), open_read_only(self.cache_file))
            # fetchall: the statement ends here, so this connection holds no lock when save_cache writes
            rows = self._db[1].execute("SELECT value FROM bodies WHERE key = ?", (key,)).fetchall()
        except sqlite3.Error:
            return None
        body = unseal(key, rows[0][0]) if rows else None  # a damaged row is made again from the file (``__call__``)
        if body is None:
            return None
        try:
            body.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return body


class Rows(Mapping[str, "bytes | None"]):
    """Cache key → new cache row (or None where the cache's row is used), made when asked for.

    A row is its JSON head, a newline and the article's body (``encode_row``): only the heads are kept
    here, and each row is put together from its head and the body the article already holds, so the
    bodies are not in memory twice while the site renders (at 100,000 articles, 0.6 GB). ``save_cache``
    asks for one row at a time."""

    def __init__(self, heads: Mapping[str, bytes | None], articles: Mapping[str, Article]) -> None:
        self._heads = heads
        self._articles = articles

    def __getitem__(self, key: str) -> bytes | None:
        head = self._heads[key]
        if head is None:
            return None
        article = self._articles.get(key)
        return head + b"\n" + (article.body if article is not None else b"")

    def __iter__(self) -> Iterator[str]:
        return iter(self._heads)

    def __len__(self) -> int:
        return len(self._heads)


STORE_BATCH = 500
"""Rows given to the ``RowStore`` in one transaction: a few MB of bodies held at a time, a commit per batch."""


def load_articles(config: Config, settings: ArticleSettings, progress: Progress | None = None,
                  cache: CacheSnapshot | None = None, workers: int = 1, store: RowStore | None = None,
                  stats: Mapping[str, str] | None = None) -> Loaded:
    """Parse every article (or take it from the cache); all problems from all files come back together.

    A file whose size, mtime and inode match the last build's is not even read: its cache key
    is remembered. Any other file is read, and looked up by the hash of its bytes, in the workers that
    parse what is new: on a first build the reading is spread over the cores too.

    With a ``store`` (``publish`` passes one), the rows of what is parsed go into the cache file in batches as
    they come, and each stored article lets go of its body, which is read back when a page shows it
    (``CachedBodies``), as for an article taken from the cache: a cold build does not hold every body.

    ``stats``: each content file's 'size:mtime_ns:inode' as ``publish`` found them a moment before
    (``publish.read_inputs``), so that the files are not looked at twice; a file it lacks is looked at here.
    """
    folder = config.path(config.content_dir)
    if not folder.is_dir():
        what = "is a file, not a folder" if folder.exists() else "does not exist"
        return Loaded((), (Problem(*ConfigLines(config)("content_dir"), "content_dir", f"'{config.content_dir}' {what}; set "
                                   f"content_dir to the folder that holds your articles (default: content)"),))
    files, found_problems = find_articles(config.root, config.content_dir)
    problems = [*settings.registry.warnings, *found_problems]
    results: dict[str, ParseResult] = {}
    rows: dict[str, bytes | None] = {}
    keys: list[str | None] = []
    """Each file's cache key, in file order; None while a worker reads it, and for a file that cannot be read."""
    signatures: list[str] = []
    todo: list[tuple[str, str, int]] = []
    """Files to read: (rel, path, place in ``keys``)."""
    articles_cache = cache.articles if cache and cache.file else {}
    """Key → the head of its cache row: each cached article's body is read when it is shown (``CachedBodies``)."""
    known_files = cache.files if cache else {}
    bodies = CachedBodies(cache.file, config.root, settings) if cache and cache.file else None
    stored_bodies = CachedBodies(store.file, config.root, settings) if store else None
    batch: list[str] = []
    """Keys of new rows not yet given to the store; ``rows`` has their heads, their articles their bodies."""

    def store_batch() -> None:
        if store is None or not batch:
            return
        made = [(key, head, article.body) for key in batch
                if (head := rows[key]) is not None and (article := results[key][0]) is not None]
        if store.put(made):
            for key, _, _ in made:
                article = results[key][0]
                object.__setattr__(article, "body", b"")  # nothing else has seen the article yet
                object.__setattr__(article, "body_from", stored_bodies)
                rows[key] = None  # the cache has its row now
        batch.clear()

    for rel, path in files:
        stat = stats.get(rel) if stats is not None else None
        signature = f"{stat}:{settings.fingerprint}" if stat is not None else _signature(path, settings)
        known = known_files.get(rel)
        cached = cached_result(articles_cache.get(known[1]), bodies) if known and known[0] == signature else None
        signatures.append(signature)
        if cached is not None and known is not None:
            keys.append(known[1])
            rows.setdefault(known[1], None)
            results[known[1]] = cached
        else:
            todo.append((rel, path, len(keys)))
            keys.append(None)

    def read(index: int) -> Problem | tuple[str, bytes | None]:
        # runs in the workers (the list of files and the cache reach them by fork; only an index is sent): the
        # file's key, and its new cache row, or None when the cache has a good row for these bytes already
        rel, path, _ = todo[index]
        data = read_article(rel, path)
        if isinstance(data, Problem):
            return data
        key = article_key(rel, data, settings)
        if decode_head(articles_cache.get(key), b"") is not None:
            return key, None
        return key, encode_row(parse_article(rel, data, settings))

    if workers > 1 and len(todo) >= MIN_PARALLEL:
        markdown.prepare()  # once here, not in each forked worker
    done = len(results)
    for (rel, _, place), result in zip(todo, ordered_map(read, range(len(todo)), workers)):
        if isinstance(result, Problem):
            problems.append(result)
            continue
        key, row = result
        keys[place] = key
        if row is None:  # a file touched (or copied) without a change: the cache's row, as the worker found it
            results[key] = cached_result(articles_cache.get(key), bodies)  # type: ignore[assignment]
            rows.setdefault(key, None)
        else:
            parsed = decode_row(row)  # read back as every later build will read it
            if parsed is None:
                raise codec.DecodeError(f"the cache row of {key} does not decode")  # a bug, never bad input
            results[key] = parsed
            rows[key] = row[:row.index(b"\n")]  # the head: the body is the article's (``Rows``)
            batch.append(key)
            if len(batch) >= STORE_BATCH:
                store_batch()
        done += 1
        if progress:
            progress("articles", done, len(files))
    store_batch()
    if store is not None:
        store.close()
    seen: Seen = {rel: (signature, key) for (rel, _), signature, key in zip(files, signatures, keys) if key is not None}
    articles: list[Article] = []
    for key in filter(None, keys):
        article, found = results[key]
        problems.extend(found)
        if article is not None:
            articles.append(article)
    made = {key: article for key, head in rows.items() if head is not None and (article := results[key][0])}
    return Loaded(tuple(articles), tuple(problems), Rows(rows, made), seen)


def article_loader(cache: CacheSnapshot | None, workers: int, progress: Progress | None = None,
                   store: RowStore | None = None, stats: Mapping[str, str] | None = None) -> ArticleLoader:
    """The loader ``publish`` gives ``build()``: it reads ``cache``, parses on ``workers`` cores and puts what it
    parses into ``store``; ``stats`` are the content files' stats (``load_articles``)."""
    return partial(load_articles, progress=progress, cache=cache, workers=workers, store=store, stats=stats)
