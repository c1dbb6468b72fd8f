"""Build and write the site the way ``digest build`` and ``digest serve`` do: with the cache.

1. If every input is byte-identical to the last build's, and the output folder still holds
   what that build wrote, stop: the site is up to date (its warnings are replayed).
2. Otherwise build, reusing cached articles and pages whose inputs did not change.
3. Write the site (atomically; see ``output.py``), then save what the cache needs.

This is the I/O edge around the pure ``build()``; it is the only code that reads or writes
``.cache/``.
"""
from __future__ import annotations

import os
import pickle
from dataclasses import dataclass, replace
from pathlib import Path

from typing import TYPE_CHECKING

from .models import BuildOptions
from .cache import CACHE_DIR, FORMAT, CacheSnapshot, CacheUpdate, digest, load_cache, save_cache
from .config import Config
from .errors import Problem
from .output import StaleCache, Written, build_lock, read_tree, write_site
from .theme import find_theme

if TYPE_CHECKING:
    from .build import BuildResult, Progress


@dataclass(frozen=True)
class Published:
    """What one publish did, for the CLI to report."""

    result: BuildResult | None
    """None when the site was already up to date."""
    written: Written | None
    """None when nothing was written (up to date, or refused by --strict)."""
    warnings: tuple[Problem, ...]
    notes: tuple[str, ...]
    """Remarks about the cache, never errors."""
    articles: int


def inputs_fingerprint(config: Config, options: BuildOptions) -> str:
    """A hash of everything a build reads, by name, size and mtime: config, content, templates,
    static files and theme. It only decides whether a build can stop early; articles themselves
    are cached by their bytes. Like make, it trusts mtimes: a tool that rewrites a file keeping
    its size and mtime to the nanosecond would need ``--no-cache``.
    """
    parts: list[bytes | str] = [FORMAT, repr(config.__dict__ | {"root": ""}),
                                repr((options.drafts, options.future)), config.path(config.config_path).read_bytes()]
    for folder in (config.path(config.content_dir), config.path(config.templates_dir), config.path(config.static_dir),
                   find_theme(config).folder):
        parts.append(f"\0{folder}")
        stack = [str(folder)]
        while stack:
            try:
                entries = sorted(os.scandir(stack.pop()), key=lambda e: e.name, reverse=True)
            except OSError:
                continue
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    parts.append(f"{entry.path}/")  # a new folder that cannot be read is still a change
                    stack.append(entry.path)
                    continue
                try:
                    st = entry.stat()
                except OSError:
                    continue
                parts.append(f"{entry.path}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ino}")
    return digest(*parts)


def publish(config: Config, options: BuildOptions, target: Path, *, strict: bool = False,
            progress: Progress | None = None, use_cache: bool = True, cache_dir: Path | None = None) -> Published:
    """Build ``config`` into ``target``; with ``strict``, warnings stop it before anything is written.

    ``cache_dir`` (default ``.cache/``) lets ``digest serve`` keep its own cache state beside its own output.
    """
    cache_dir = cache_dir or config.path(CACHE_DIR)
    with build_lock(target):
        snapshot = load_cache(cache_dir, full=False) if use_cache else CacheSnapshot()
        inputs = inputs_fingerprint(config, options)
        live = read_tree(target)
        now = options.now.timestamp() if options.now else float("-inf")
        if use_cache and snapshot.inputs == inputs and live and live == snapshot.live_tree and now < snapshot.due:
            return Published(None, None, snapshot.warnings, snapshot.notes, snapshot.articles_built)
        from .build import build  # only now: an up-to-date site never loads Jinja, Markdown or feedgen

        if use_cache:
            snapshot = load_cache(cache_dir)
        if live not in snapshot.trees:  # the output folder is not what the cache remembers: reuse articles only
            snapshot = replace(snapshot, pages={})
        result = build(config, options, progress, snapshot)
        if strict and result.warnings:
            return Published(result, None, result.warnings, snapshot.notes, result.articles)
        try:
            written = write_site(result.output, target, snapshot.trees)
        except StaleCache:  # the previous site lost a file the cache relied on: render everything
            result = build(config, options, progress, replace(snapshot, pages={}))
            written = write_site(result.output, target, {})
        trees = {written.tree: written.manifest}
        if written.previous:
            trees[written.previous[0]] = written.previous[1]
        pages = {path: (result.fingerprints[path], h) for path, h in written.manifest.items() if path in result.fingerprints}
        save_cache(cache_dir, CacheUpdate(result.article_cache, pages, inputs, result.next_due,
                                          pickle.dumps(result.warnings), result.articles, result.seen),
                   trees, written.tree)
        return Published(result, written, result.warnings, snapshot.notes, result.articles)
