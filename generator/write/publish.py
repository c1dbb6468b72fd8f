"""Build and write the site the way ``digest build`` and ``digest serve`` do: with the cache.

1. If every input is byte-identical to the last build's, and the output folder still holds
   what that build wrote, stop: the site is up to date (its warnings are replayed).
2. Otherwise build, reusing cached articles and pages whose inputs did not change.
3. Write the site (atomically; see ``output.py``), then save what the cache needs.

This is the I/O edge around the pure ``build()``; it is the only code that reads or writes
``.cache/``.
"""
from __future__ import annotations

import gc
import os
import re
import sqlite3
import stat
import threading
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from functools import cache, partial
from pathlib import Path

from typing import TYPE_CHECKING, Any, Callable, Container, Iterator, Mapping

from generator.core.models import BuildOptions
from generator.load.cache import (CACHE_DIR, FILE, FORMAT, CacheSnapshot, CacheUpdate, RowStore, TreeState, load_cache,
                                   make_folder, open_read_only, read_meta, readable_file, refresh, save_cache,
                                   saved_as)
from generator.core.hashing import article_file_key, digest
from generator.load.config import Config
from generator.core.errors import BuildError, Problem
from generator.core.parallel import Later
from generator.write.output import (SiteWrite, StaleCache, build_lock, clean_scratch, clear_spare, match_tree,
                                     mirror_live, read_unchanged, repaired, scratch, spare_of, stat_tree, write_site)
from generator.render.theme import find_theme, walk_tree
from generator.core.patterns import LazyPattern

if TYPE_CHECKING:
    from generator.build import BuildResult, Progress


@dataclass(frozen=True)
class Published:
    """What one publish did, for the CLI to report."""

    result: BuildResult | None
    """None when the site was already up to date."""
    written: SiteWrite | None
    """None when nothing was written (up to date, or refused by --strict)."""
    warnings: tuple[Problem, ...]
    notes: tuple[str, ...]
    """Remarks about the cache, never errors."""
    articles: int
    late: tuple[Problem, ...] = ()
    """Warnings known only once the site is published (the newest edition's email longer than Gmail shows; the
    cache not saved); --strict cannot stop for them."""
    due: float = float("inf")
    """When 'now' next changes the site (an article falls due, a week ends: ``BuildResult.next_due``), as a POSIX
    time; ``digest serve`` builds again then."""


@dataclass(frozen=True)
class Inputs:
    """Everything a build reads, by name, size and mtime (``read_inputs``): hashed whole, it tells whether a
    build can stop early; without the article files, whether an edit changed only articles (``touched.py``)."""

    parts: tuple[bytes | str, ...]
    files: tuple[str, ...]
    """Each part's file, relative to the project folder ('' for a part that is not a file inside it)."""
    stats: Mapping[str, str]
    """Each file in the content folder (relative to the project folder) → 'size:mtime_ns:inode', for the article
    loader, which need not look at the files again (``incremental.load_articles``)."""
    paths: tuple[str, ...] = ()
    """Each part's file as the walk named it ('' for a part that is not a file), for ``hashed``."""
    root: str = ""
    """The project folder, with a trailing separator: ``hashed`` leaves it out of every name."""

    def fingerprint(self, leaving_out: Container[str] = ()) -> str:
        """A hash of every part, or of those whose file is not in ``leaving_out``."""
        if not leaving_out:
            return digest(*self.parts)
        return digest(*(part for part, rel in zip(self.parts, self.files) if rel not in leaving_out))

    def hashed(self, known: Mapping[str, tuple[str, str]], articles: Mapping[str, tuple[str, str]]) -> Contents | None:
        """The fingerprints with each file's bytes in place of its stats (``Contents``), reading only the files whose
        stats are not those recorded. An article file's bytes are its cache key, from ``articles`` (file → (stats
        and parse settings, key): ``Loaded.seen``, the cache's ``files``), made again from its bytes under the same
        settings only when its stats changed; any other file's are the hash of its bytes, from ``known`` (the cache's
        ``input_files``). None when a file cannot be read or changes while it is read (the build says why, or reads
        it then). Names are taken from the project folder, so a cache restored into a checkout at another path (a
        CI runner's) matches too."""
        parts: list[bytes | str] = []
        others: list[bytes | str] = []
        hashes: dict[str, tuple[str, str]] = {}
        signatures: dict[str, tuple[str, str]] = {}
        for part, rel, path in zip(self.parts, self.files, self.paths):
            if not path:
                parts.append(part.replace(self.root, "") if isinstance(part, str) and self.root else part)
                others.append(parts[-1])
                continue
            stamp = part.split("\0", 1)[1].replace("\0", ":") if isinstance(part, str) else ""
            name = rel or path
            if rel in articles:
                signature, key = articles[rel]
                if not signature.startswith(f"{stamp}:"):  # 'size:mtime_ns:inode:settings' (``incremental.Seen``)
                    size, *_, settings = recorded = signature.split(":", 3)
                    if len(recorded) != 4 or size != stamp.split(":", 1)[0]:
                        key = ""  # another size, other bytes: the file is read and parsed again
                    elif (data := _read(path, stamp)) is None:
                        return None
                    elif article_file_key(settings, rel, data) != key:
                        key = ""
                    signature = f"{stamp}:{settings}"
                signatures[rel] = (signature, key)
                parts.append(f"{name}\0{key}")
                continue
            h = known[name][1] if name in known and known[name][0] == stamp else None
            if h is None:
                data = _read(path, stamp)
                if data is None:
                    return None
                h = digest(data)
            hashes[name] = (stamp, h)
            parts.append(f"{name}\0{h}")
            others.append(parts[-1])
        return Contents(digest(*parts), digest(*others), hashes, signatures)


@dataclass(frozen=True)
class Contents:
    """What the inputs hold, whatever their stats (``Inputs.hashed``): a fresh checkout (git, actions/checkout) gives
    every file a new mtime and inode, and a site whose inputs hold the same bytes is still up to date."""

    fingerprint: str
    """``Inputs.fingerprint`` with each file's bytes (an article file's cache key) in place of its stats."""
    others: str
    """The same without the article files: when it is the last build's, only article files changed."""
    input_files: Mapping[str, tuple[str, str]]
    """Each input file but the article files → (its 'size:mtime_ns:inode', the hash of its bytes)."""
    files: Mapping[str, tuple[str, str]]
    """Each article file → (its stats now and its parse settings, its cache key: '' when its bytes changed)."""


_READ_AT_MOST = 64 << 20
"""The largest file ``_read`` reads to compare its bytes (64 MiB): a bigger one, such as a 4 GB sparse file in
content/, is the build's to refuse (an article's limit is 1 MB) or to copy, never read whole here."""


def _read(path: str, stamp: str) -> bytes | None:
    """A file's bytes, None unless it is a regular file of at most ``_READ_AT_MOST`` bytes whose
    'size:mtime_ns:inode' is still ``stamp``: never waiting on a FIFO (a template that is one is the build's to
    name), never reading what changed since it was listed (its new bytes are the build's to read, with their
    stats)."""
    try:
        with os.fdopen(os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC), "rb") as f:
            st = os.fstat(f.fileno())
            if not stat.S_ISREG(st.st_mode) or f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}" != stamp or \
                    st.st_size > _READ_AT_MOST:
                return None
            return f.read()
    except OSError:
        return None


def read_inputs(config: Config, options: BuildOptions) -> Inputs:
    """Every input of a build: the config's bytes, the name, size, mtime and inode of every file in content,
    templates, static files and theme, and the options. It only decides whether a build can stop early (or
    plan less); articles themselves are cached by their bytes. Like make, it trusts mtimes: a tool that
    rewrites a file keeping its size and mtime to the nanosecond would need ``--no-cache``.
    """
    parts: list[bytes | str] = [FORMAT, repr(config.__dict__ | {"root": ""}), config.zone_rules,
                                repr((options.drafts, options.future)), config.path(config.config_path).read_bytes()]
    if config.environment_path:  # its lines, which messages give, move without changing the merged config
        parts.append(config.path(config.environment_path).read_bytes())
    files = [""] * len(parts)  # one name a part: a part paired with the next one's file was left out with it
    paths = [""] * len(parts)
    stats: dict[str, str] = {}
    root = str(config.root) + os.sep
    content = str(config.path(config.content_dir)) + os.sep
    templates = (config.path(config.templates_dir), find_theme(config).folder)
    for folder in (config.path(config.content_dir), templates[0], config.path(config.static_dir), templates[1]):
        parts.append(f"\0{folder}")
        files.append("")
        paths.append("")
        # Jinja loads a template through a linked folder (``theme.FollowingLoader``): its files are inputs too
        for entry, into in walk_tree(str(folder), follow_links=folder in templates):
            if into:
                parts.append(f"{entry.path}/")  # a new folder that cannot be read is still a change
                files.append("")
                paths.append("")
                continue
            try:
                st = entry.stat()
            except OSError:
                continue
            parts.append(f"{entry.path}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}")
            # named as ``content.find_articles`` names an article file
            rel = entry.path[len(root):].replace(os.sep, "/") if entry.path.startswith(root) else ""
            files.append(rel)
            paths.append(entry.path)
            if rel and entry.path.startswith(content):
                stats[rel] = f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}"
    return Inputs(tuple(parts), tuple(files), stats, tuple(paths), root)


def inputs_fingerprint(config: Config, options: BuildOptions) -> str:
    """``read_inputs``, hashed: whether anything a build reads changed since."""
    return read_inputs(config, options).fingerprint()


def publish(config: Config, options: BuildOptions, target: Path, *, strict: bool = False,
            progress: Progress | None = None, use_cache: bool = True, cache_dir: Path | None = None,
            allow_empty: bool = False, made: tuple[Path, ...] = ()) -> Published:
    """Build ``config`` into ``target``; with ``strict``, warnings stop it before anything is written.

    ``cache_dir`` (default ``.cache/``) lets ``digest serve`` keep its own cache state beside its own output.
    Zero articles where the last build published some is an error (a mistyped folder, a bad
    merge) unless ``allow_empty``. ``made``: the folders ``output.make_parent`` made for ``target``, removed
    under the build lock if the build writes no ``target``.
    """
    main, cache_dir = config.path(CACHE_DIR), cache_dir or cache_for(config, target)
    with build_lock(target, made), few_collections(), walk(repaired(target)) as live_stats:  # repaired under the lock
        if use_cache and cache_dir.parent == main / OUTPUTS_DIR:  # another output folder's own, not a preview's
            seed(cache_dir, main)
        with suppress(OSError):  # what a killed build left, even if this one finds the site up to date; what cannot
            clean_scratch(target)  # be deleted now is tried again by the index (``output.scratch``), which says why
        last = load_cache(cache_dir, full=False)  # also with --no-cache: the last article count guards the site
        read = read_inputs(config, options)
        inputs = read.fingerprint()
        snapshot = last if use_cache else CacheSnapshot()
        held: dict[str, Mapping[str, Any]] = {}
        contents = None
        if use_cache and snapshot.inputs != inputs and snapshot.contents:  # a fresh checkout, maybe: the bytes decide
            held = read_meta(cache_dir, ("input_files", "files"))
            contents = read.hashed(held.get("input_files", {}), held.get("files", {}))
        if (use_cache and (snapshot.inputs == inputs or contents is not None and contents.fingerprint == snapshot.contents)
                and same_time(snapshot.since, snapshot.due, options) and snapshot.live is not None
                and (now := _still(target, cache_dir, snapshot.live, live_stats(), held)) is not None):
            if contents is not None or now.stats != snapshot.live.stats:  # the same bytes under new stats: recorded
                _refresh(cache_dir, read, contents, now, held)
            return Published(None, None, snapshot.warnings, snapshot.notes, snapshot.articles_built, due=snapshot.due)
        with walk(spare_of(target)) as spare_stats:  # only now: an up-to-date site has no use for it
            from generator.build import build  # only now: an up-to-date site never loads Jinja or the Markdown engines
            from generator.load.incremental import article_loader

            # no spare yet (after a cold build): it is made first, as it can take longer than loading and planning
            def verified() -> TreeState | None:
                return match_tree(target, [last.live], live_stats()) if use_cache and last.live else None

            with spare_mirror(target, verified, options.workers, spare_stats) as mirrored:
                if use_cache:
                    snapshot = load_cache(cache_dir)
                if contents is not None:  # an article file with the bytes the last build read is not read again
                    snapshot = replace(snapshot, files={**snapshot.files, **{
                        rel: seen for rel, seen in contents.files.items() if seen[1]}})
                known = [state for state in (snapshot.live, snapshot.spare) if state is not None]
                live = match_tree(target, known, live_stats())
                if live is None:  # the output folder is not what the cache remembers: reuse articles only
                    snapshot = replace(snapshot, pages={}, published=snapshot.pages)
                if (snapshot.others != read.fingerprint(leaving_out=snapshot.files) and (  # by stats, or by bytes
                        contents is None or contents.others != snapshot.other_contents)) or not same_time(
                        snapshot.since, snapshot.due, options):  # more than articles changed: plan every page
                    snapshot = replace(snapshot, reach={})
                reader = partial(read_unchanged, target)  # the search index reads reused article pages from the live site
                work = partial(scratch, target)  # and makes its index beside the output folder, never in /tmp
                result = build(config, options, progress, snapshot,
                               article_loader(snapshot, options.workers, progress, RowStore(cache_dir), read.stats),
                               reader, work)
                had = "" if result.articles or allow_empty else (
                    f"the last build published {last.articles_built}" if last.articles_built
                    else _article_pages(target, live_stats()))  # no cache (deleted or lost): the live site says
                if had and result.skipped_future and options.pinned_now:  # every article is after an old epoch
                    raise BuildError([Problem(config.content_dir, 0, "", f"no articles to publish, but {had}; "
                                              f"{_articles(result.skipped_future)} dated after {options.pinned_now}, "
                                              "so left out as future; unset SOURCE_DATE_EPOCH, or set it to the time "
                                              "to build as of (or build with --allow-empty to publish an empty site)")])
                if had:
                    raise BuildError([Problem(config.content_dir, 0, "", f"no articles to publish, but {had}; check "
                                              f"content_dir in {config.config_path}, or build with --allow-empty to "
                                              "publish an empty site")])
                if strict and any(p.severity == "warning" for p in result.warnings):  # hints never fail a run
                    return Published(result, None, result.warnings, snapshot.notes, result.articles,
                                     due=result.next_due)
                try:
                    written = write_site(result.output, target, known, live, spare_stats(), mirrored(live))
                except StaleCache:
                    written = None
            if written is None:  # the previous site lost a file the cache relied on: render everything
                result = build(config, options, progress, replace(snapshot, pages={}, published=snapshot.pages),
                               article_loader(snapshot, options.workers, progress, RowStore(cache_dir), read.stats),
                               reader, work)
                written = write_site(result.output, target)
            pages = {path: (result.fingerprints[path], h) for path, h in written.manifest.items() if path in result.fingerprints}
            clipped = _clipped(config, target, result.email)  # kept with the warnings: an up-to-date build says it too
            # only the files whose stats are not those recorded (none but an edited template or static file, or
            # every one on a cold build) are read; the article files' keys are those the loader made
            found = read.hashed(contents.input_files if contents else snapshot.maps.get("input_files", {}), result.seen)
            update = CacheUpdate(result.article_cache, pages, inputs, result.since, result.next_due,
                                 result.warnings + clipped,
                                 result.articles, result.seen,
                                 saved_as(result.related, snapshot.related, snapshot.related_json),
                                 read.fingerprint(leaving_out=result.seen), result.reach, result.plan, result.intel,
                                 result.moves, *((found.fingerprint, found.others, found.input_files) if found else ()))
            late = clipped + written.problems + _save(cache_dir, update, written, config.root, snapshot.maps)
            return Published(result, written, result.warnings, snapshot.notes, result.articles, late, result.next_due)


OUTPUTS_DIR = "outputs"
"""``.cache/outputs/``: the cache of each output folder but the config's own (``cache_for``)."""


def cache_for(config: Config, target: Path) -> Path:
    """The build cache of ``target``: ``.cache/`` for config.yaml's ``output_dir``, ``.cache/outputs/NAME-HASH/`` for
    any other folder (``--output staging-site``, an environment's ``output_dir``; HASH of its path from the project's
    folder when it is inside it, so that a CI runner that restores .cache/ into another checkout path finds it). A
    cache remembers one output folder's files and pages: shared, a build into another folder and back made the next
    build of ``site/`` render every page again."""
    main = config.path(CACHE_DIR)
    where = Path(os.path.abspath(target))
    if where == Path(os.path.abspath(config.path(config.main_output_dir or config.output_dir))):
        return main
    root = Path(os.path.abspath(config.root))
    key = where.relative_to(root).as_posix() if where.is_relative_to(root) else str(where)  # the same on every
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", where.name)[:40]  # machine for a folder in the project (public/ in CI)
    return main / OUTPUTS_DIR / f"{name}-{digest(key)[:12]}"


def seed(folder: Path, main: Path) -> None:
    """A first build into another output folder starts from a copy of the main cache (``cache_for``), so that it
    parses only what changed and warns of addresses changed since the main site's last build; the main cache is
    only read. Any failure leaves ``folder`` without a cache: that build is a cold one."""
    if folder == main or readable_file(folder / FILE) or not readable_file(main / FILE):
        return
    part = folder / f"{FILE}.part"
    with suppress(sqlite3.Error, OSError):
        make_folder(folder)
        source, copy = open_read_only(main / FILE), sqlite3.connect(part)
        try:
            source.backup(copy)  # a consistent copy, even while a build of the main site saves
        finally:
            source.close()
            copy.close()
        part.replace(folder / FILE)
    with suppress(OSError):
        part.unlink(missing_ok=True)


_ARTICLE_PAGE = LazyPattern(r"[0-9]{4}/[0-9]{2}/[^/]+/index\.html")


def _articles(count: int) -> str:
    return f"the {count} article{'s' if count != 1 else ''} {'are' if count != 1 else 'is'}"


def _article_pages(target: Path, stats: Mapping[str, str]) -> str:
    """How many article pages the live site holds, said for the empty-site guard when no cache remembers the last
    build's count (deleted, or lost): '' when none."""
    count = sum(1 for path in stats if _ARTICLE_PAGE.fullmatch(path))
    return f"{target.name}/ holds {count} article page{'s' if count != 1 else ''}" if count else ""


def _clipped(config: Config, target: Path, email: str) -> tuple[Problem, ...]:
    """A warning if the newest edition's email, as written, is longer than Gmail shows (``editions.clipped_email``):
    its size is known only now, so --strict cannot stop the build for it."""
    if not email:
        return ()
    from generator.index.editions import clipped_email
    path = target / email
    try:
        size = path.stat().st_size
    except OSError:
        return ()
    shown = Path(os.path.relpath(path, config.root)).as_posix()
    return tuple(p for p in [clipped_email(shown, size)] if p is not None)


WALKERS = 2
"""Processes that walk the output folder together (``stat_tree``'s parts): an up-to-date build of a big site
is mostly that walk, and its kernel time is one folder listing per page."""


@contextmanager
def walk(folder: Path) -> Iterator[Callable[[], dict[str, str]]]:
    """``stat_tree(folder)``, made in forked processes while this one goes on. ``publish`` walks the output
    folder while it reads the cache and fingerprints the inputs (most of an up-to-date build), and the spare,
    which the writer checks before it updates it (``write_site``), only once it knows it has to build."""
    walked = [Later(partial(stat_tree, folder, part, WALKERS)) for part in range(WALKERS)]

    @cache
    def whole() -> dict[str, str]:
        stats: dict[str, str] = {}
        for part in walked:
            stats.update(part())
        return stats

    try:
        yield whole
    finally:
        for part in walked:
            part.close()


@contextmanager
def spare_mirror(target: Path, verify: Callable[[], TreeState | None], workers: int,
                 spare_stats: Callable[[], dict[str, str]]) -> Iterator[Callable[[TreeState | None], bool]]:
    """Make the spare from the live folder in another process while the build loads and plans, when there is
    none yet (the first rebuild after a cold build; ``output.mirror_live``), so that the writer only replaces
    what changed. ``verify()``: the live folder as the up-to-date check verified it (the cache's small read), so
    the mirror starts before the rest of the cache is read; asked only when there is no spare, as it waits for
    the live folder's walk, which a rebuild that has a spare need not wait for before it reads the cache.
    Yields what the writer is told: whether the spare is now exactly the live folder that the build verified
    (``mirrored(state)``, with the state the full cache read matched; it waits for that process). A build that
    stops before it writes (bad input, ``--strict``) removes the spare it started. With one job, or no verified
    live folder, the writer makes the spare itself, as before.
    """
    spare = spare_of(target)
    live = None if workers <= 1 or spare.exists() or spare.is_symlink() else verify()
    if live is None:
        yield lambda state: False
        return
    spare_stats()  # that walk of the spare is over before the mirror makes the folder it walks
    made = Later(partial(mirror_live, target, live))
    verified, taken = live.stats, False

    def mirrored(state: TreeState | None) -> bool:
        nonlocal taken
        taken = True
        return made() == verified and state is not None and state.stats == verified

    try:
        yield mirrored
    finally:
        made.close()
        if not taken:  # the spare did not exist before, and the build holds the lock: what is there is the mirror's
            with suppress(OSError):  # (a folder it was ended in the middle of making, empty or marked 'updating')
                clear_spare(spare)


@contextmanager
def few_collections() -> Iterator[None]:
    """Run a build with the cycle collector's full passes put off until it ends.

    A build keeps hundreds of thousands of objects until it ends (articles, page specs, the cache's
    maps) and makes few reference cycles: each full pass walks them all to find almost nothing, about
    0.3 of a 10,000-article rebuild's 3.7 CPU s. Young objects are still collected (every 100,000
    allocations rather than 700), and the thresholds are restored afterwards, so ``digest serve``'s
    process collects as usual between builds. The thresholds are the process's: builds that overlap in
    threads of one process restore them when the last one ends, not each the value the other one set.
    """
    global _builds, _thresholds
    with _BUILDS:
        if _builds == 0:
            _thresholds = gc.get_threshold()
            gc.set_threshold(100_000, 50, 1000)
        _builds += 1
    try:
        yield
    finally:
        with _BUILDS:
            _builds -= 1
            if _builds == 0:
                gc.set_threshold(*_thresholds)


_BUILDS = threading.Lock()
_builds = 0
"""Builds under ``few_collections`` now, in this process's threads."""
_thresholds = gc.get_threshold()


def same_time(since: float, due: float, options: BuildOptions) -> bool:
    """Whether 'now' makes the site it did last time: no article became due or went back to the future, no weekly
    edition ended or is in progress again.

    ``since`` and ``due``: the span of 'now' over which the last build's site stays the same (``BuildResult.since``,
    ``next_due``: articles published or left out, weekly editions finished or in progress; ``CacheSnapshot``);
    ``digest check`` asks the same before it reuses that build."""
    now = options.now.timestamp() if options.now else float("inf")  # no 'now': nothing is left out as future
    return since <= now and (now < due or due == float("inf"))


def _looks(path: Path, kind: Callable[[int], bool]) -> bool:
    """Whether ``path`` is there and of the ``kind`` its mode says; False where it cannot be looked at."""
    try:
        return kind(path.stat().st_mode)
    except OSError:
        return False


def _still(target: Path, cache_dir: Path, live: TreeState, stats: Mapping[str, str],
           held: dict[str, Mapping[str, Any]]) -> TreeState | None:
    """``match_tree`` for the up-to-date check, and for an output folder restored from an archive (new inodes: a CI
    cache), the same with its recorded hashes read (``output._restored``), which ``held`` then holds."""
    if (same := match_tree(target, [live], stats)) is not None:
        return same
    held |= read_meta(cache_dir, ("live_files",))
    return match_tree(target, [replace(live, files=held["live_files"])], stats) if held.get("live_files") else None


def _refresh(cache_dir: Path, read: Inputs, contents: Contents | None, live: TreeState,
             held: dict[str, Mapping[str, Any]]) -> None:
    """Record the new stats of inputs whose bytes are as the last build read them (``contents``), and of a live
    folder whose files are as it wrote them (``cache.refresh``): each article file's signature keeps its parse
    settings under its new stats. A cache that cannot be written is left as it is: the next build checks the bytes
    again."""
    meta: dict[str, str] = {}
    maps: dict[str, Mapping[str, Any]] = {"live_stats": live.stats}
    if contents is not None:
        meta = {"inputs": read.fingerprint(), "others": read.fingerprint(leaving_out=contents.files)}
        maps |= {"input_files": contents.input_files, "files": {**held.get("files", {}), **contents.files}}
    with suppress(OSError, sqlite3.Error):
        refresh(cache_dir, meta, maps, held)


def _save(cache_dir: Path, update: CacheUpdate, written: SiteWrite, root: Path,
          held: Mapping[str, Mapping[str, Any]]) -> tuple[Problem, ...]:
    """Save the cache after the site is out; a cache that cannot be written is a warning, never a failure.
    ``held``: the path maps as this build read them (``CacheSnapshot.maps``)."""
    try:
        save_cache(cache_dir, update, written.live, written.spare, held)
    except (OSError, sqlite3.Error) as e:
        shown = Path(os.path.relpath(cache_dir, root)).as_posix()
        in_the_way = [p for p in (cache_dir / FILE, *(cache_dir / f"{FILE}{end}" for end in ("-journal", "-wal", "-shm")))
                      if _looks(p, stat.S_ISDIR)]  # a .cache/ it may not look into (chmod 000): none
        if _looks(cache_dir, lambda mode: not stat.S_ISDIR(mode)):
            what, where = "a file where the build cache folder belongs, so the cache could not be saved; move the file away", shown
        elif in_the_way:  # not a permission: a folder named as the database or its journal
            what, where = (f"a folder where the build cache's file belongs, so the cache could not be saved; delete "
                           f"{shown}/{in_the_way[0].name}/"), f"{shown}/{in_the_way[0].name}"
        else:
            reason = e.strerror if isinstance(e, OSError) and e.strerror else str(e)
            what = f"the build cache could not be saved ({reason}); check that {shown}/ is writable"
            where = f"{shown}/{FILE}"
        return (Problem(where, 0, "", f"{what}. The site was published; the next build will not be incremental",
                        "warning"),)
    return ()
