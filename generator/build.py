"""``build()``: the whole site, top to bottom, in memory. Nothing here writes to disk."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .config import Config
from .content import ArticleSettings, discover, parse_article
from .errors import BuildError, Problem, sort_problems
from .feeds import render_feeds
from .models import Article
from .output import Output
from .pages import render_pages
from .registry import load_registry
from .sitemap import render_robots, render_sitemap
from .taxonomy import build_site
from .theme import find_theme, make_environment, static_files


@dataclass(frozen=True)
class BuildOptions:
    """How this one build runs, beyond the config."""

    drafts: bool = False
    """Include articles with 'draft: true'."""
    future: bool = False
    """Include articles dated after ``now``."""
    now: datetime | None = None
    """The instant 'future' is measured from; the CLI reads the clock (or SOURCE_DATE_EPOCH)."""


@dataclass(frozen=True)
class BuildResult:
    output: Output
    articles: int
    pages: int
    feeds: int
    warnings: tuple[Problem, ...]
    skipped_drafts: int
    skipped_future: int


def load_articles(config: Config, settings: ArticleSettings) -> tuple[list[Article], list[Problem]]:
    """Parse every article; all problems from all files are returned together."""
    articles: list[Article] = []
    problems: list[Problem] = []
    for rel, path in discover(config.root, config.content_dir):
        article, found = parse_article(rel, path.read_bytes(), settings)
        problems.extend(found)
        if article is not None:
            articles.append(article)
    return articles, problems


def is_future(article: Article, options: BuildOptions) -> bool:
    """Dated after the build's 'now', and not asked for with --future."""
    return not options.future and options.now is not None and article.date > options.now


def build(config: Config, options: BuildOptions = BuildOptions()) -> BuildResult:
    """Config → the whole site as an Output, or a BuildError listing every problem."""
    registry_rel = f"{config.content_dir}/companies.yaml"
    registry = load_registry(config.path(registry_rel), registry_rel)
    settings = ArticleSettings(config.timezone, registry, config.content_dir)
    articles, problems = load_articles(config, settings)

    drafts = sum(1 for a in articles if a.draft and not options.drafts)
    future = sum(1 for a in articles if is_future(a, options) and not (a.draft and not options.drafts))
    published = [a for a in articles if (options.drafts or not a.draft) and not is_future(a, options)]

    site, index_problems = build_site(published)
    problems += index_problems
    if any(p.severity == "error" for p in problems):
        raise BuildError(problems)

    theme = find_theme(config)
    env = make_environment(config, theme)
    output = Output()
    output.add_all(render_pages(env, config, site))
    pages = len(output)
    output.add_all(render_feeds(config, site))
    feeds = len(output) - pages
    output.add("sitemap.xml", render_sitemap(config, site, output.files))
    output.add("robots.txt", render_robots(config))
    output.add_all(static_files(config, theme))
    return BuildResult(output, len(site.articles), pages, feeds, sort_problems(problems), drafts, future)
