"""``build()``: the whole site, top to bottom. Nothing here writes to disk.

The result's ``output`` is a lazy stream of files: pages render (on several cores) while
the writer writes them, so a big site is never held in memory whole. Given a cache
snapshot, unchanged articles are not parsed again and pages whose inputs did not change
are not rendered again: they come out as ``Unchanged`` entries for the writer to keep.
"""
from __future__ import annotations

import os
import pickle
from dataclasses import dataclass, field
from typing import Callable, Iterator, Mapping

import jinja2

from .cache import FORMAT, CacheSnapshot, digest
from .config import Config
from .content import ArticleSettings, article_key, article_settings, find_articles, parse_article
from .errors import BuildError, Problem, sort_problems
from .models import Article, BuildOptions
from .output import Entry, Output, Unchanged
from .parallel import ordered_map
from .plan import FEED, Job, Renderer, plan_site
from .registry import load_registry
from .sitemap import render_robots, render_sitemap
from .taxonomy import build_site
from .theme import find_theme, make_environment, static_files, template_problem, templates_fingerprint

Progress = Callable[[str, int, int], None]
"""Called as (stage, done, total) while a build runs: stage is 'articles' or 'pages'. The CLI
draws a progress bar with it; build() itself never prints."""


@dataclass(frozen=True)
class BuildResult:
    output: Output
    """Every file of the site, streamed."""
    articles: int
    pages: int
    feeds: int
    reused: int
    """Pages and feeds not rendered because their inputs did not change."""
    warnings: tuple[Problem, ...]
    skipped_drafts: int
    skipped_future: int
    next_due: float
    """POSIX time at which the earliest left-out future article becomes due (inf if none)."""
    fingerprints: Mapping[str, str] = field(default_factory=dict)
    """Output path → input fingerprint, for the next incremental build."""
    article_cache: Mapping[str, bytes] = field(default_factory=dict)
    """Article key → pickled parse result, for the cache."""
    seen: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """Article file → (stat signature, cache key), so the next build need not read unchanged files."""


Seen = dict[str, tuple[str, str]]
"""Article file → (its stat signature and the parse settings, its cache key)."""


def _signature(path: str, settings: ArticleSettings) -> str:
    st = os.stat(path)
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}:{settings.fingerprint}"


def load_articles(config: Config, settings: ArticleSettings, progress: Progress | None = None,
                  cache: CacheSnapshot | None = None, jobs: int = 1,
                  ) -> tuple[list[Article], list[Problem], dict[str, bytes], Seen]:
    """Parse every article (or take it from the cache); all problems from all files come back together.

    A file whose size, mtime and inode match the last build's is not even read: its cache key
    is remembered. Any other file is read and looked up by the hash of its bytes.
    """
    files, found_problems = find_articles(config.root, config.content_dir)
    problems = list(found_problems)
    results: dict[str, tuple[Article | None, tuple[Problem, ...]]] = {}
    blobs: dict[str, bytes] = {}
    keys: list[str] = []
    seen: Seen = {}
    todo: list[tuple[str, bytes, str]] = []
    for rel, path in files:
        signature = _signature(str(path), settings)
        known = cache.files.get(rel) if cache else None
        cached = cache.articles.get(known[1]) if cache and known and known[0] == signature else None
        if cached is not None and known is not None:
            key = known[1]
        else:
            with open(path, "rb") as f:
                data = f.read()
            key = article_key(rel, data, settings)
            cached = cache.articles.get(key) if cache else None
            if cached is None:
                todo.append((rel, data, key))
        keys.append(key)
        seen[rel] = (signature, key)
        if cached is not None:
            blobs[key] = cached
            results[key] = pickle.loads(cached)

    def parse(item: tuple[str, bytes, str]) -> bytes:
        # settings reach workers by fork, not by pickle; the result comes back pickled once, for the cache
        return pickle.dumps(parse_article(item[0], item[1], settings), protocol=5)

    done = len(results)
    for (_, _, key), blob in zip(todo, ordered_map(parse, todo, jobs)):
        results[key] = pickle.loads(blob)
        blobs[key] = blob
        done += 1
        if progress:
            progress("articles", done, len(files))
    articles: list[Article] = []
    for key in keys:
        article, found = results[key]
        problems.extend(found)
        if article is not None:
            articles.append(article)
    return articles, problems, blobs, seen


def is_future(article: Article, options: BuildOptions) -> bool:
    """Dated after the build's 'now', and not asked for with --future."""
    return not options.future and options.now is not None and article.date > options.now


def build(config: Config, options: BuildOptions = BuildOptions(), progress: Progress | None = None,
          cache: CacheSnapshot | None = None) -> BuildResult:
    """Config → the whole site as an Output, or a BuildError listing every problem."""
    registry_rel = f"{config.content_dir}/companies.yaml"
    registry = load_registry(config.path(registry_rel), registry_rel)
    settings = article_settings(config, registry)
    articles, problems, blobs, seen = load_articles(config, settings, progress, cache, options.jobs)

    hidden_drafts = [a for a in articles if a.draft and not options.drafts]
    future = [a for a in articles if is_future(a, options) and not (a.draft and not options.drafts)]
    published = [a for a in articles if (options.drafts or not a.draft) and not is_future(a, options)]

    site, index_problems = build_site(published)
    problems += index_problems
    if any(p.severity == "error" for p in problems):
        raise BuildError(problems)

    theme = find_theme(config)
    env = make_environment(config, theme)
    templates, uses_site, lists_use_body = templates_fingerprint(env)
    base = digest(FORMAT, repr(config.__dict__ | {"root": ""}), templates,
                  digest(*(a.key for a in site.articles)) if uses_site else "")
    jobs = plan_site(config, site, base, lists_use_body)
    previous = cache.pages if cache else {}
    reuse = {job.path: previous[job.path][1] for job in jobs
             if job.path in previous and previous[job.path][0] == job.fingerprint}

    output = Output(_render(Renderer(env, config, site), jobs, reuse, options.jobs, config, progress))
    output.add("sitemap.xml", render_sitemap(config, site, [job.path for job in jobs]))
    output.add("robots.txt", render_robots(config))
    output.add_all(static_files(config, theme))
    feeds = sum(1 for job in jobs if job.kind == FEED)
    next_due = min((a.date.timestamp() for a in future), default=float("inf"))
    return BuildResult(output, len(site.articles), len(jobs) - feeds, feeds, len(reuse), sort_problems(problems),
                       len(hidden_drafts), len(future), next_due, {job.path: job.fingerprint for job in jobs}, blobs, seen)


def _render(renderer: Renderer, jobs: list[Job], reuse: Mapping[str, str], workers: int, config: Config,
            progress: Progress | None) -> Iterator[Entry]:
    """Each job's bytes in plan order; reused jobs come out as Unchanged without rendering."""
    def safe(job: Job) -> bytes | Problem:
        try:
            return renderer(job)
        except jinja2.TemplateError as e:
            return template_problem(e, config.root)

    todo = [job for job in jobs if job.path not in reuse]
    rendered = ordered_map(safe, todo, workers, chunksize=16)
    for done, job in enumerate(jobs, 1):
        if job.path in reuse:
            yield job.path, Unchanged(reuse[job.path])
        else:
            data = next(rendered)
            if isinstance(data, Problem):
                raise BuildError([data])
            yield job.path, data
        if progress:
            progress("pages", done, len(jobs))
