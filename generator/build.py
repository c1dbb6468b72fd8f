"""``build()``: the whole site, top to bottom. Nothing here writes to disk (the article loader that
``publish`` passes in stores what it parses in the build cache as it goes: ``cache.RowStore``).

The result's ``output`` is a lazy stream of files: pages render (on several cores) while
the writer writes them, so a big site is never held in memory whole. Given a cache
snapshot, unchanged articles are not parsed again and pages whose inputs did not change
are not rendered again: they come out as ``Unchanged`` entries for the writer to keep.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Callable, Iterable, Iterator, Mapping, NamedTuple, Sequence

import jinja2

from generator.load.cache import FORMAT, CacheSnapshot
from generator.core.hashing import digest
from generator.core import codec, i18n, urls
from generator.render import precompiled, search
from generator.load.config import Config, ConfigLines
from generator.load.content import (FAR_AHEAD, UPDATED_AHEAD, ArticleSettings, Named, Unloaded, article_settings,
                                    field_line, file_link_problems, file_links, local_images, local_media, located,
                                    markdown_options, parse_article, read_article, unloaded_article, unpublished_why)
from generator.core.errors import BuildError, Problem, quoted, sort_problems
from generator.load.incremental import ArticleLoader, Loaded, article_loader, decode_head
from generator.load.info_pages import load_pages
from generator.load.layout import PAGES, layout
from generator.core.models import Article, BuildOptions, InfoPage, MenuLink, Site
from generator.write.output import Direct, Entry, Output, Unchanged, Written
from generator.core.parallel import ordered_map
from generator.render.pages import RELATED, Kinds, RelatedMemo, related_search
from generator.render.context import SiteEnvironment, lacking_macro
from generator.render.early import EarlyPages, Rendered
from generator.render.plan import PAGE_RENDERS, Planned, Renderer, fill, plan_map, plan_site, site_paths
from generator.render.touched import Reach, Touched, reach_of, touched_pages
from generator.load.redirects import (LEFT_OUT, RULE_FILES, Moved, Target, plan_redirects, redirect_problems,
                                      refused_fixes, registered_moves, rule_files, rules_inputs, too_many_rules,
                                      unpublished_redirects, with_redirects, folders_alike)
from generator.load.registry import Registry, empty_registry, load_registry
from generator.render.sitemap import render_robots, render_sitemap, sitemap_files, sitemap_inputs
from generator.index.taxonomy import (build_site, listed_section_problems, listed_slug_problems, ordered_sections,
                                      own_slugs)
from generator.index.editions import Edition, Note, build_editions, edition_path, email_path, load_notes
from generator.index.intelligence import Intel
from generator.render.feeds import site_icon
from generator.load.publishers import group_publishers, read_sources
from generator.render.images import Nearby, missing_body_images, missing_body_media, missing_config_images, \
    missing_images, unreadable_body_images
from generator.render.theme import (Theme, find_theme, make_environment, missing_macros, raised_in_template,
                                    static_clashes, static_files, static_sources, template_problem,
                                    templates_fingerprint, unknown_blocks)
from generator.core.patterns import LazyPattern

Live = Callable[[str, Unchanged], bytes]
"""Reads a reused file's bytes from the live site (``output.read_unchanged``), given by ``publish``."""

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
    """POSIX time at which 'now' next changes the site (inf if never): the earliest left-out future article
    becomes due, or a weekly edition shown as in progress ends."""
    fingerprints: Mapping[str, str] = field(default_factory=dict)
    """Output path → input fingerprint, for the next incremental build. The search bundle's
    files (named by Pagefind) join it as the output stream reaches them."""
    article_cache: Mapping[str, bytes | None] = field(default_factory=dict)
    """Article key → its new cache row (JSON), or None where the cache's row was used; from the loader."""
    seen: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    """Article file → (stat signature, cache key), so the next build need not read unchanged files."""
    since: float = float("-inf")
    """The latest POSIX time, at or before the build's 'now', at which 'now' changed the site: the newest published
    article (unless --future), the end of the newest finished weekly edition (a 'now' in that week shows it as in
    progress again), the day a far-ahead warning ended. With ``next_due``, the span of 'now' over which the site
    is this one (``publish.same_time``)."""
    related: RelatedMemo | None = None
    """The related reading this build used, for the next one (``pages.related_reading``)."""
    reach: Reach | None = None
    """Article key → the pages that hold it, for the next build (``touched.py``)."""
    plan: Mapping[str, str] | None = None
    """Each page's place, kind, render and template, for the next build (``plan.plan_map``)."""
    intel: Mapping[str, Intel] | bytes | None = None
    """The companies' intel, for the next build (``pages.Kinds.intel``); the cache's JSON when it was taken as it was
    (``SitePlan.intel``)."""
    email: str = ""
    """The output path of the newest edition's email (the one an editor sends next), or '': its size is looked at
    once it is written (``editions.clipped_email``)."""
    moves: Mapping[str, str] = field(default_factory=dict)
    """The page each registered company's or publisher's old page leads to (``SitePlan.moves``), by site path:
    'companies/gojek/' → 'companies/goto/'; what ``digest check`` suggests for a link near the old one."""


@dataclass(frozen=True)
class SitePlan:
    """Everything known before rendering: the site, each output file's spec and fingerprint."""

    config: Config
    site: Site
    planned: tuple[Planned, ...]
    env: SiteEnvironment
    theme: Theme
    warnings: tuple[Problem, ...]
    hidden_drafts: int
    future: tuple[Article, ...]
    """Articles left out because they are dated after the build's 'now'."""
    editions: tuple[Edition, ...] = ()
    """The weekly editions: one shown as in progress changes when its week ends."""
    related: RelatedMemo | None = None
    """The related reading the article pages were planned with, for the cache."""
    kinds: Kinds | None = None
    """What the page kinds read, for ``plan.fill``."""
    reach: Reach | None = None
    """Article key → the pages that hold it (``touched.py``)."""
    plan: Mapping[str, str] | None = None
    """Each page's place, kind, render and template (``plan.plan_map``), for the next build's ``touched``."""
    intel: Mapping[str, Intel] | bytes | None = None
    """The companies' intel the pages were planned with, for the cache: the cache's JSON when the planner took it as
    it was (an edit to bodies alone), which the save then writes back without encoding it again."""
    due: tuple[float, ...] = ()
    """Other times at which 'now' changes what the build says: a far-ahead warning ends (``far_ahead``), an
    ``updated:`` stops being ahead (``updated_ahead``)."""
    since: float = float("-inf")
    """``BuildResult.since``."""
    moves: Mapping[str, Moved] = field(default_factory=dict)
    """Registered companies' and publishers' addresses before they were registered → their pages now."""
    lacking_macros: frozenset[str] = frozenset()
    """The macros the theme's templates call that the ``_macros.html`` in use lacks (``theme.missing_macros``): its
    error is among ``warnings``, and rendering, which runs for the template errors it finds besides, leaves their
    calls unsaid and writes nothing."""
    redirected: Mapping[str, Target] = field(default_factory=dict)
    """Old file → what it leads to (``redirects.plan_redirects``), checked while planning and written by ``render``."""
    bodies_only: bool = False
    """Planned after an edit to article bodies alone (``touched``): the pages, and every article's address and
    dates, are the last build's, so the sitemap keeps the last build's fingerprint (``site_files``)."""

    @property
    def moved_pages(self) -> dict[str, str]:
        """``BuildResult.moves``: of ``moves``, the old pages (not feeds) → the pages they lead to."""
        return {file.removesuffix("index.html"): to.path for file, to in self.moves.items()
                if to.page and file.endswith("index.html")}

    @property
    def next_due(self) -> float:
        """The first time after the build's 'now' at which 'now' changes the site or what the build says."""
        return min([a.date.timestamp() for a in self.future] + list(self.due)
                   + [e.over.timestamp() for e in self.editions if e.in_progress], default=float("inf"))


def is_future(article: Article | Unloaded, options: BuildOptions) -> bool:
    """Dated after the build's 'now', and not asked for with --future."""
    return not options.future and options.now is not None and article.date > options.now


def published_of(articles: Iterable[Article], options: BuildOptions) -> list[Article]:
    """The articles the site shows: no draft (but with --drafts), none dated after 'now' (but with --future)."""
    return [a for a in articles if (options.drafts or not a.draft) and not is_future(a, options)]


def content_problems(config: Config, options: BuildOptions, registry: Registry | None = None,
                     zone_known: bool = True) -> list[Problem]:
    """What a run that stops at config.yaml's or companies.yaml's problems reports with them, not in the next run:
    the problems of every article, page and weekly note, parsed without the cache (whose rows would be of no use),
    the footer menu's (a ``menu:`` entry with no page) and sources.yaml's; a draft's warnings only with
    ``options.drafts``, as ``plan`` says them. Without a registry (companies.yaml is broken) every company is unknown, so the articles'
    warnings about their companies are left out. Without a zone (``zone_known`` False: config.yaml's ``timezone:``
    is not one, and ``config`` has the default), an article's problem at its ``date`` or ``updated`` is said only
    where it does not depend on the zone (``zone_free``)."""
    settings = article_settings(config, registry or empty_registry())
    loaded = article_loader(None, options.workers)(config, settings)
    drafts = {a.source_path for a in loaded.articles if a.draft and not options.drafts}  # left out, as ``plan`` does
    problems = [p for p in loaded.problems if p.severity == "error" or p.path not in drafts]
    if registry is None:
        problems = [p for p in problems if p.severity == "error" or p.field != "companies"]
    if not zone_known:
        kept = zone_free(config, settings, {p.path for p in problems if p.field in DATED})
        problems = [p for p in problems if p.field not in DATED or p in kept]
    problems += page_problems(config, options)
    problems += load_notes(config.root, config.content_dir, markdown_options(config), config.static_dir,
                           config.base_path)[1]
    return [*problems, *source_problems(config)]


DATED = ("date", "updated")
"""The front-matter fields read in the site's time zone."""
ZONE_ENDS = ("Etc/GMT+12", "Etc/GMT-14")
"""The zones furthest behind and ahead of UTC (IANA's Etc signs are inverted): a problem the same in both is the
same in every zone between, as none keeps summer time."""


def zone_free(config: Config, settings: ArticleSettings, files: Iterable[str]) -> set[Problem]:
    """The problems of the article ``files`` that are the same read in either of ``ZONE_ENDS``: those do not
    depend on the site's time zone. Each file is parsed twice more, on the way out of a run with a bad zone only."""
    found: set[Problem] = set()
    for rel in sorted(files):
        data = read_article(rel, config.path(rel))
        if isinstance(data, bytes):
            behind, ahead = (set(parse_article(rel, data, replace(settings, timezone=zone))[1]) for zone in ZONE_ENDS)
            found |= behind & ahead
    return found


def page_problems(config: Config, options: BuildOptions) -> list[Problem]:
    """The problems of every page and of the footer menu (a ``menu:`` entry with no page), which do not depend on
    the site's time zone: said with a bad ``timezone:`` too (``ConfigError.zoneless``)."""
    pages, problems, drafts = load_pages(config.root, config.content_dir, options.drafts, markdown_options(config),
                                         config.static_dir, config.base_path)
    return [*problems, *footer_menu(config, pages, ConfigLines(config), drafts)[1]]


def source_problems(config: Config) -> list[Problem]:
    """What is wrong with sources.yaml (``publishers.load_sources``)."""
    return read_sources(config)[1]


def load(config: Config, options: BuildOptions = BuildOptions(), read: ArticleLoader | None = None) -> Loaded:
    """The registry, then every article (through ``read``; by default every file is parsed), then the pages.

    ``publish`` and ``check`` pass ``incremental.article_loader(cache, ...)``, which parses only what changed.
    """
    where = layout(config)
    try:
        registry = load_registry(where.registry, where.registry_rel)
    except BuildError as e:
        raise BuildError([*e.problems, *content_problems(config, options)]) from None
    settings = article_settings(config, registry)
    loaded = (read or article_loader(None, options.workers))(config, settings)
    pages, page_problems, draft_pages = load_pages(config.root, config.content_dir, options.drafts, settings.markdown,
                                                   config.static_dir, config.base_path)
    return replace(loaded, pages=pages, problems=(*loaded.problems, *page_problems), draft_pages=draft_pages)


def far_ahead(future: Sequence[Article], options: BuildOptions) -> list[Problem]:
    """A warning for each left-out article dated more than a year ahead: it would wait for years without a word."""
    if options.now is None:
        return []
    ahead, unset = "more than a year ahead", ""
    if options.pinned_now:  # an old SOURCE_DATE_EPOCH leaves out every article, each "years ahead"
        ahead, unset = f"more than a year after {options.pinned_now}", (
            "; if SOURCE_DATE_EPOCH is not the time to build as of, unset it")
    return [Problem(a.source_path, 0, "date", f"is {a.date.date().isoformat()}, {ahead}, so the article is left out "
                                              f"until then (see --future); if the year is a typo, correct it{unset}",
                    "warning")
            for a in future if a.date - options.now > FAR_AHEAD]


def updated_ahead(published: Sequence[Article], options: BuildOptions) -> list[Problem]:
    """A warning for each published article whose ``updated:`` is more than ``UPDATED_AHEAD`` after the build's
    'now': its page and feed entries would say it was updated then (in 2099 for a typo, forever at the top of a
    feed reader that sorts by it). Not one dated ahead too, published with --future."""
    if options.now is None:
        return []
    return [Problem(a.source_path, 0, "updated",  # no 'now' in the text: an up-to-date build replays it later
                    f"is {a.updated.isoformat(' ', 'minutes')}, more than an hour after this build's time, so the "
                    "page and its feed entries say it was updated when it was not yet; correct it if it is a typo or "
                    "in another time zone, or add it when the update is made", "warning")
            for a in published if a.updated is not None and a.updated - options.now > UPDATED_AHEAD
            and a.date <= options.now]  # one dated ahead too (--future): both are, by design


def footer_menu(config: Config, pages: tuple[InfoPage, ...], lines: ConfigLines,
                drafts: tuple[InfoPage, ...] = ()) -> tuple[tuple[MenuLink, ...], list[Problem]]:
    """``menu`` in config.yaml as links; a slug with no page is an error with a suggestion (or, for a draft page,
    saying so), one listed again a warning (it is linked once), each at its line. A slug that a page file not read
    (it has an error, said at its line) may have, by its name or its ``slug:`` line, is no error of its own."""
    by_slug = {p.slug: p for p in pages}
    draft = {p.slug: p for p in drafts}
    unread: set[str] | None = None  # read only when an entry names no page: most builds never look
    links, problems = [], []
    for i, slug in enumerate(config.menu):
        page = by_slug.get(slug)
        if page is None and slug not in draft:
            if unread is None:
                unread = _unread_page_slugs(config, {p.source_path for p in (*pages, *drafts)})
            if slug in unread:
                continue
        if slug in config.menu[:i]:
            problems.append(Problem(*lines("menu", i), "menu", f"{quoted(slug)} is listed twice; the "
                                    "footer links it once, in its first place: remove the other", "warning"))
        elif page is None and slug in draft:
            problems.append(Problem(*lines("menu", i), "menu", f"{quoted(slug)} is a draft ({draft[slug].source_path} has "
                                    "'draft: true'), so the footer cannot link it; publish it with 'draft: false', "
                                    "or remove it from menu until then"))
        elif page is None:
            known = ", ".join(sorted(by_slug)) or f"none yet; add {config.content_dir}/pages/{slug}.md"
            problems.append(Problem(*lines("menu", i), "menu", f"{quoted(slug)} is not a page in "
                                    f"{config.content_dir}/pages/; pages: {known}"))
        else:
            links.append(MenuLink(page.title, page.path, page.lang))
    return tuple(links), problems


_SLUG_LINE = LazyPattern(rb"^slug:[ \t]*[\"']?([^\"'\s#]+)", re.MULTILINE)


def _unread_page_slugs(config: Config, read: set[str]) -> set[str]:
    """The slugs the page files that were not read (each has an error) may have: the file's name, and the value
    of a ``slug:`` line in its first 8 KB."""
    folder = config.path(f"{config.content_dir}/pages")
    slugs: set[str] = set()
    for path in sorted(folder.glob("*.md")) if folder.is_dir() else ():
        if f"{config.content_dir}/pages/{path.name}" not in read:
            slugs.add(urls.make_slug(path.stem))  # as the page's slug is made from its file's name
            try:
                with path.open("rb") as f:
                    slugs.update(m.decode("utf-8", "replace") for m in _SLUG_LINE.findall(f.read(8192)))
            except OSError:  # unreadable: its error is said at the file
                pass
    return slugs


def plan(config: Config, options: BuildOptions, loaded: Loaded, related: RelatedMemo | None = None,
         previous: Mapping[str, tuple[str, str]] | None = None, touched: Touched | None = None,
         intel: bytes | None = None, failed: Sequence[Unloaded] = (), together: Mapping[str, str] | None = None,
         early: EarlyPages | None = None) -> SitePlan:
    """Select what is published, index it, and plan every output file; nothing is rendered.

    ``related`` is the last build's related reading (from the cache), reused if its inputs are the same;
    ``previous`` is the last build's fingerprints, which let unchanged article pages be planned in another
    process (``plan.plan_site``), and, after an edit to article bodies alone (``touched``), every page
    that did not hold an edited article keep its fingerprint unhashed, and the last build's company ``intel``
    (the cache's JSON) be taken as it is: it depends on no body. ``failed`` are the article files with an error
    (``unloaded``) when ``loaded`` comes without its problems (``digest check`` plans on past them): the redirects
    are checked against their pages too, and ``together`` is the one ``slugs:`` line the advice gives, for every name
    that makes no URL or shares one, theirs too (``taxonomy.run_slug_entries``). ``early`` (a cold build with more
    than one job) renders the other pages while the article pages are planned, if no page is known (``previous``).

    Raises BuildError with every problem (the articles', the index's) if any is an error.
    """
    articles = loaded.articles
    hidden_drafts = [a for a in articles if a.draft and not options.drafts]
    future = tuple(a for a in articles if is_future(a, options) and not (a.draft and not options.drafts))
    published = published_of(articles, options)

    own = own_slugs(config)
    # an article with an error of its own is read again (only then), for what is wrong with its redirects and names
    erring, unread = unloaded(config, options, loaded) if any(p.severity == "error" for p in loaded.problems) \
        else ([], [])
    site, index_problems = build_site(published, own, unread, together)
    site = replace(site, pages=loaded.pages)
    config_lines = ConfigLines(config)
    menu, menu_problems = footer_menu(config, loaded.pages, config_lines, loaded.draft_pages)
    menu_problems += [*listed_section_problems(config, site.sections, config_lines),
                      *listed_slug_problems(config, site, config_lines)]
    sources, sources_problems = read_sources(config)
    publishers, publisher_problems = group_publishers(site.articles, sources)
    notes, note_problems = load_notes(config.root, config.content_dir, markdown_options(config), config.static_dir,
                                      config.base_path)
    editions, edition_problems = build_editions(site.articles, ordered_sections(config.sections, site.sections),
                                                notes, options.now, config.tz, config.language, (*future, *hidden_drafts))
    # a draft left out is work in progress: its warnings wait for --drafts (with --strict they stopped a deploy)
    drafts = {a.source_path for a in hidden_drafts}
    problems = [*(p for p in loaded.problems if p.severity == "error" or p.path not in drafts),
                *located(config.root, [*index_problems, *far_ahead(future, options),
                                             *updated_ahead(published, options)]), *menu_problems, *sources_problems,
                *located(config.root, publisher_problems), *note_problems, *edition_problems]
    left_out = [*hidden_drafts, *future, *loaded.draft_pages]
    listing = Kinds(config, site, i18n.STRINGS[config.language], menu, publishers=publishers, editions=editions)
    if any(p.severity == "error" for p in problems):
        # with them, what is wrong with the redirects, not in the next run: an article with an error of its own is
        # still the page a redirect would hide
        failed = [*erring, *failed]
        waiting = not_yet_out(config, [*moving(site), *failed], left_out)
        held = held_redirects(config, listing, failed, left_out)
        raise BuildError(set(problems + waiting + held) - refused_fixes(held))

    # with more than one job, a big site's related reading is searched in another process meanwhile
    # (after an edit to bodies alone, the companies, tags and order are the last build's: its memo holds)
    searched = related_search(site.articles, RELATED, related, later=options.workers > 1, same=touched is not None)
    try:
        theme = find_theme(config)
        env = make_environment(config, theme)
        problems += unknown_blocks(config, env)
        missing, lacking = missing_macros(config, theme, env)  # an error: rendering tells it with its own
        problems += missing
        base = digest(FORMAT, repr(config.__dict__ | {"root": ""}), templates_fingerprint(env))
        icon = site_icon(config, (theme.static, config.path(config.static_dir)))
        kinds = Kinds(config, site, i18n.STRINGS[config.language], menu, icon, publishers, editions, searched,
                      known_intel=saved_intel(intel) if touched is not None else None)
        planned = tuple(plan_site(kinds, base, previous, touched, options.workers > 1,
                                  partial(early.start, env) if early is not None and not previous else None))
        unreadable = kinds.probed[1]  # the body images Pillow cannot read: warned of below, at their lines
    except BuildError as e:  # a local image that cannot be read (``Kinds.probed``), a template's: with the rest
        held = held_redirects(config, listing, failed, left_out)
        raise BuildError({*problems, *e.problems, *held} - refused_fixes(held)) from None
    finally:
        searched.close()
    paths = [p.spec.path for p in planned]
    static = static_sources(config, theme)  # walked once for the checks below
    if moved := hidden_files(config, site, failed, paths, static, left_out):
        raise BuildError(problems + moved)
    problems += not_yet_out(config, [*moving(site), *failed], left_out)
    moves = registered_moves(site.companies, publishers, sources, config.feed_formats, {*paths, *static},
                             site.sections, i18n.STRINGS[config.language])
    # the site's other files: a static robots.txt replaces the one made here, a _redirects is merged (``render``)
    redirected = plan_redirects(moving(site), paths, moves)[0]
    problems += too_many_rules(redirected)
    problems += folders_alike(redirected, paths, static, config.root)
    made = [*paths, *sitemap_files(paths), "redirects.nginx.conf", *redirected]  # a static _redirects is merged
    if clashes := static_clashes(config, static, made, [search.INDEX_DIR.rstrip("/")] if config.search else []):
        raise BuildError(problems + clashes)
    nearby = Nearby(static)
    texts = list(bodies(config, site, notes, editions))
    problems += file_link_problems(config, [(rel, links) for rel, _, _, _, links in texts if links],
                                   {rel: page for rel, page, _, _, _ in texts},
                                   {**{a.source_path: (a.path, unpublished_why(hidden, a.date))
                                       for hidden, group in ((True, hidden_drafts), (False, future)) for a in group},
                                    **{p.source_path: (p.path, unpublished_why(True)) for p in loaded.draft_pages}},
                                   {*static, *made})
    with_images = [(rel, page, found) for rel, page, found, _, _ in texts if found]
    problems += [*located(config.root, missing_images(site.articles, static, config.static_dir, nearby)),
                 *missing_body_images(config, with_images, static, made, nearby),
                 *missing_body_media(config, [(rel, page, media) for rel, page, _, media, _ in texts if media], static,
                                     made, nearby),
                 *unreadable_body_images(config, with_images, unreadable),
                 *missing_config_images(config, static, config_lines, nearby)]
    if touched is not None and any(p.held is None for p in planned):  # only the touched pages were planned, each
        reach, rows = touched.reach, touched.plan  # with the row it had: the plan's map is the last build's
    else:  # every page was planned (also when the touched planning gave up): its own maps
        reach, rows = reach_of((p.spec.path, p.held or ()) for p in planned), plan_map(planned)
    # the times 'now' changed the site up to now, and changes it next (with the articles' own dates, ``render``)
    now = options.now.timestamp() if options.now else float("inf")
    warned_until = ([(a.date - FAR_AHEAD).timestamp() for a in future]  # ``far_ahead``, ``updated_ahead``
                    + [(a.updated - UPDATED_AHEAD).timestamp() for a in site.articles if a.updated]
                    if options.now else [])
    since = max([*([max(a.date.timestamp() for a in site.articles)] if site.articles and not options.future else []),
                 *(e.over.timestamp() for e in editions if not e.in_progress), *(t for t in warned_until if t <= now)],
                default=float("-inf"))
    return SitePlan(config, site, planned, env, theme, tuple(sort_problems(problems)), len(hidden_drafts), future,
                    editions, kinds.related_memo, kinds, reach, rows,
                    intel if kinds.known_intel is not None else kinds.intel,  # taken as it was: saved as it was
                    tuple(t for t in warned_until if t > now), since, moves, lacking, redirected, touched is not None)


def not_yet_out(config: Config, redirecting: Sequence[Article | InfoPage | Unloaded],
                waiting: Sequence[Article | InfoPage]) -> list[Problem]:
    """A warning for each old address (``redirects:``) that is the address of an article or page left out now, a
    draft or dated ahead (``waiting``): the build that publishes it would stop at that redirect, so it is said now,
    naming the line that keeps it out (``redirects.unpublished_redirects``)."""
    def told(other: Article | InfoPage) -> tuple[str, str]:
        draft = isinstance(other, InfoPage) or other.draft  # ``waiting`` holds only the drafts left out
        line = field_line(config.root, other.source_path, "draft" if draft else "date")
        why = unpublished_why(True) if isinstance(other, InfoPage) else unpublished_why(draft, other.date)
        return f"{other.source_path}:{line}, {why}", "draft: false, or --drafts" if draft else \
            "on that date, or with --future"
    return unpublished_redirects(redirecting, waiting, told) if waiting else []


def hidden_files(config: Config, site: Site, failed: Sequence[Unloaded], paths: Sequence[str],
                 static: Iterable[str], waiting: Sequence[Article | InfoPage] = ()) -> list[Problem]:
    """What is wrong with the redirects (``redirects.redirect_problems``). An old address may not be any file the
    site writes: a page or feed (``paths``), the sitemap's, robots.txt, a static file, the redirect rules
    themselves, or the search index's (a rule there would send them away under nginx's map); nor the page of an
    article with an error of its own (``failed``). Of a draft or an article dated ahead (``waiting``), the old
    addresses no reader had ('2025/06//') are said now, with their fix checked (``unusable_waiting``)."""
    return redirect_problems([*moving(site), *failed, *unusable_waiting(waiting)], [*paths, *sitemap_files(paths), *static, *RULE_FILES,
                                                        "robots.txt", *(urls.file_for(a.path) for a in failed)],
                             (search.INDEX_DIR,) if config.search else ())


def unusable_waiting(waiting: Sequence[Article | InfoPage]) -> list[Article | InfoPage]:
    """The drafts and articles dated ahead with an old address written with '//', '.' or '..', holding only those:
    an error now, as any error in a draft is, not on the day it is published (its other old addresses wait)."""
    return [replace(a, redirects=kept) for a in waiting if (kept := tuple(r for r in a.redirects if r.written))]


def held_redirects(config: Config, kinds: Kinds, failed: Sequence[Unloaded],
                   waiting: Sequence[Article | InfoPage] = ()) -> list[Problem]:
    """``hidden_files`` on the way out of a build with errors, said with them rather than in the next run: the
    page kinds (``kinds``, made without a theme) list the site's files as planning would (``plan.site_paths``). A
    local image that cannot be read and a theme gone since the config was read are said here too (again, when they
    stopped the build: ``BuildError`` says a problem once); without the theme, the redirects are checked without
    the static files. Nothing is listed when no article or page has ``redirects:``."""
    if not any(a.redirects for a in [*moving(kinds.site), *failed, *unusable_waiting(waiting)]):
        return []
    found, unreadable, unread = kinds.read_images
    problems = list(unread)
    kinds = replace(kinds, known_images=(found, unreadable))
    try:
        static: Iterable[str] = static_sources(config, find_theme(config))
    except BuildError as e:
        problems += e.problems
        static = ()
    return problems + hidden_files(config, kinds.site, failed, site_paths(kinds), static, waiting)


def unloaded(config: Config, options: BuildOptions, loaded: Loaded) -> tuple[list[Unloaded], list[Named]]:
    """The article files that did not load for an error in them, whose address can be read, and that would be
    published (``content.Unloaded``), and the section and tags of each that would be, address or not
    (``content.Named``): read again, only on the way out of a build with errors."""
    read, pages = {a.source_path for a in loaded.articles}, f"{config.content_dir}/{PAGES}/"
    files = sorted({p.path for p in loaded.problems if p.severity == "error" and p.path.endswith(".md")
                    and p.path not in read and not p.path.startswith(pages)})
    found, named = [], []
    for rel in files:
        data = read_article(rel, config.path(rel))
        article, names = (None, None) if isinstance(data, Problem) else unloaded_article(rel, data, config)
        if article is not None and is_future(article, options):
            continue
        if article is not None and (options.drafts or not article.draft):
            found.append(article)
        if names is not None and (options.drafts or not names.draft):
            named.append(names)
    return found, named


def moving(site: Site) -> list[Article | InfoPage]:
    """The articles and pages, whose ``redirects:`` keep their old addresses."""
    return [*site.articles, *site.pages]


def bodies(config: Config, site: Site, notes: Mapping[tuple[int, int], Note], editions: Sequence[Edition]
           ) -> Iterator[tuple[str, str, tuple[str, ...], tuple[tuple[str, str], ...], tuple[str, ...]]]:
    """Each body's file, the page it is on, its local images, videos and sounds, and its links to Markdown files:
    the articles' (kept with them, so a rebuild from the cache has them), the pages' and the weekly notes' that an
    edition shows (read off their HTML: ``content.local_images``, ``content.local_media``, ``content.file_links``)."""
    yield from ((a.source_path, a.path, a.body_images, a.body_media, a.body_file_links) for a in site.articles)
    url, path = config.base_url, config.base_path
    yield from ((p.source_path, p.path, local_images(p.body_html, url, path), local_media(p.body_html),
                 file_links(p.body_html)) for p in site.pages)
    shown = {e.path for e in editions}
    yield from ((n.source_path, edition_path(n.year, n.week), local_images(n.html, url, path), local_media(n.html),
                 file_links(n.html)) for n in notes.values() if edition_path(n.year, n.week) in shown)


def saved_intel(saved: bytes | None) -> dict[str, Intel] | None:
    """The company intel a cache saved, or None if there is none or it does not decode (then it is made again)."""
    try:
        return codec.loads(saved, dict[str, Intel]) if saved is not None else None
    except codec.DecodeError:
        return None


def build(config: Config, options: BuildOptions = BuildOptions(), progress: Progress | None = None,
          cache: CacheSnapshot | None = None, read: ArticleLoader | None = None,
          live: Live | None = None, scratch: search.Scratch | None = None) -> BuildResult:
    """Config → the whole site as an Output, or a BuildError listing every problem.

    ``read`` loads the articles (``publish`` passes the cache-aware one); ``cache`` gives the pages to reuse;
    ``live`` lets the search index read article pages reused from the live site instead of rendering them again;
    ``scratch`` gives the writer's folder for the search index's work.
    """
    compiled = precompiled.start(config) if options.workers > 1 else None  # the templates, meanwhile
    # a cold build: pages render on the other core while the article pages are planned (``early.py``)
    early = EarlyPages(config, compiled) if compiled is not None and not (cache and cache.pages) else None
    try:
        loaded = load(config, options, read or article_loader(None, options.workers, progress))
        touched = edited_bodies(cache, loaded) if cache else None
        site_plan = plan(config, options, loaded, cache.related if cache else None, cache.pages if cache else None,
                         touched, cache.intel if cache else None, early=early)
        # after an edit to bodies alone no address changed: the same files, each with the date, slug and draft it had
        if cache is not None and touched is None and (moved := moved_articles(cache, loaded, site_plan.site.articles)):
            site_plan = replace(site_plan, warnings=tuple(sort_problems([*site_plan.warnings,
                                                                         *located(config.root, moved)])))
        precompiled.install(site_plan.env, compiled)
        return render(site_plan, loaded, cache.pages if cache else {}, options.workers, progress, live,
                      scratch=scratch, early=early)
    finally:
        if early is not None:  # stopped before rendering (bad input, Ctrl-C): its pages are not wanted
            early.close()
        if compiled is not None:
            compiled.close()


def edited_bodies(cache: CacheSnapshot, loaded: Loaded) -> Touched | None:
    """The pages that held the articles whose bodies alone changed since the build that left ``cache``; None
    when something else may have changed (``touched.py``)."""
    def last_article(key: str) -> Article | None:
        result = decode_head(cache.articles.get(key), b"")
        return result[0] if result else None

    return touched_pages(cache.reach, cache.plan, cache.files, last_article, loaded.seen, loaded.articles) \
        if cache.pages else None


def moved_articles(cache: CacheSnapshot, loaded: Loaded, published: Sequence[Article]) -> list[Problem]:
    """A warning for each article whose address changed since the last build (its slug or date edited, or its
    file renamed: then found by its source link, and title where new or removed files share the link) with no
    ``redirects:`` entry for the old one, which readers and other sites may have linked to; and for each that the
    last build published and this one leaves out, made a draft or dated ahead (a deleted file is not said: it
    was meant). Only files that changed are looked at, and only the old pages the last
    build published (``cache.pages``) count."""
    pages = cache.pages if cache.published is None else cache.published  # another output's build says it too
    if not cache.files or not pages:
        return []
    now = {a.source_path: a for a in published}
    served = {a.path for a in published}
    # a renamed file is found by its source link, or, where new or removed files share one (two stories from one
    # publisher's front page: an editor's report), by its link and title; where that too is shared, by neither
    new_files = [a for a in published if a.source and a.source_path not in cache.files]
    arriving = Counter(_moved_key(a, by_title) for a in new_files for by_title in (False, True))
    arrived = {key: a for a in new_files for key in (_moved_key(a, False), _moved_key(a, True)) if arriving[key] == 1}
    gone: list[tuple[str, Article]] = []
    for rel, (_, key) in cache.files.items():  # the warnings are sorted with the rest
        if loaded.seen.get(rel, ("", ""))[1] == key:
            continue  # the same bytes: the same address
        last = decode_head(cache.articles.get(key), b"")
        old = last[0] if last else None
        if old is not None and old.path not in served and f"{old.path}index.html" in pages:
            gone.append((rel, old))
    removed = [old for rel, old in gone if old.source and rel not in loaded.seen]
    leaving = Counter(_moved_key(old, by_title) for old in removed for by_title in (False, True))
    problems: list[Problem] = []
    parsed = {a.source_path: a for a in loaded.articles}
    # a renamed file left out too (made a draft as it was renamed): found as a renamed one is, among those
    held_back = [a for a in loaded.articles
                 if a.source and a.source_path not in now and a.source_path not in cache.files]
    waiting = Counter(_moved_key(a, by_title) for a in held_back for by_title in (False, True))
    renamed = {key: a for a in held_back for key in (_moved_key(a, False), _moved_key(a, True)) if waiting[key] == 1}
    for rel, old in gone:
        new = now.get(rel)
        kept = parsed.get(rel) if new is None else None
        if new is None and kept is None and old.source and rel not in loaded.seen:
            kept = next((renamed[key] for key in (_moved_key(old, False), _moved_key(old, True))
                         if leaving[key] == 1 and key in renamed), None)
        if kept is not None:  # made a draft, or dated ahead: left out now
            why = "it is a draft now" if kept.draft else f"it is dated {kept.date.isoformat()}, after the build's time"
            was = f" (it was {rel})" if kept.source_path != rel else ""
            problems.append(Problem(kept.source_path, 0, "draft" if kept.draft else "date",  # a hint: taking an
                                    f"{LEFT_OUT} /{old.path}{was}; {why}, so that page is gone and links to it "
                                    "break until it is published again", "hint"))  # article down is an editor's
            # right, so it never fails a --strict deploy (there is nothing to do about it but publish it again)
            continue
        if new is None and old.source and rel not in loaded.seen:
            new = next((arrived[key] for key in (_moved_key(old, False), _moved_key(old, True))
                        if leaving[key] == 1 and key in arrived), None)
        if new is None or old.path in {r.path for r in new.redirects}:
            continue
        field = "slug" if new.slug != old.slug and new.source_path == rel else "date" if new.source_path == rel else ""
        listed = ", ".join([*(r.path for r in new.redirects), old.path])
        problems.append(Problem(new.source_path, 0, field, f"its address changed from /{old.path} to /{new.path} since "
                                                           f"the last build{'' if field else f' (it was {rel})'}, so "
                                                           "links to the old one will break; keep them working with "
                                                           f"redirects: [{listed}]", "warning"))
    return problems


def _moved_key(article: Article, by_title: bool) -> tuple[str, str]:
    """What finds a renamed article's new file: its source link, and, where that is shared, its title too."""
    return (article.source.url if article.source else "", article.title if by_title else "\x00")


def render(site_plan: SitePlan, loaded: Loaded, previous: Mapping[str, tuple[str, str]], workers: int,
           progress: Progress | None = None, live: Live | None = None, index: bool = True,
           scratch: search.Scratch | None = None, early: EarlyPages | None = None) -> BuildResult:
    """The planned files as a lazy Output; a file whose fingerprint matches ``previous`` is not rendered. Every
    template that does not compile fails it (``precompiled.compile_errors``), whether a page uses it or not.

    ``index=False`` (``digest check``) leaves out the search index, which would need every article page. The pages
    ``early`` rendered while the build planned (``early.EarlyPages``) are taken here, as the render workers' own."""
    config, site, planned = site_plan.config, site_plan.site, site_plan.planned
    reuse = {p.spec.path: previous[p.spec.path][1] for p in planned
             if p.spec.path in previous and previous[p.spec.path][0] == p.fingerprint}
    fingerprints = {p.spec.path: p.fingerprint for p in planned}
    found = search.plan_search([(p.spec.path, p.spec.template, p.fingerprint) for p in planned
                                if p.spec.render == "html"], previous, config.language) if config.search and index else None
    if found and not found.kept and live is None:  # re-indexing needs every article page's bytes: render them
        reuse = {path: h for path, h in reuse.items() if path not in found.indexed}
    if site_plan.kinds is not None and any(not p.whole and p.spec.path not in reuse for p in planned):
        planned = fill(site_plan.kinds, planned, {p.spec.path for p in planned if p.spec.path not in reuse})
    indexed: list[tuple[str, bytes]] = []
    direct = Direct()
    # a template that does not compile fails the build though no page uses it yet, with the pages' errors
    told = (*site_plan.warnings, *precompiled.compile_errors(site_plan.env, config.root))
    stream = _render(Renderer(site_plan.env, config), planned, reuse, workers, config, progress, direct, told,
                     site_plan.lacking_macros, early.take() if early is not None else Rendered())
    output = Output(_collect(stream, found.indexed, indexed, live, direct) if found and not found.kept else stream,
                    direct)
    static = static_files(config, site_plan.theme)
    output.add_all(site_files(site_plan, [p.spec.path for p in planned], static, previous, fingerprints))
    if found:
        output.add_all(search.bundle(found, indexed, fingerprints, scratch))
    feeds = sum(1 for p in planned if p.spec.render not in (*PAGE_RENDERS, "image"))
    html = sum(1 for p in planned if p.spec.render in PAGE_RENDERS)
    reused = sum(1 for p in planned if p.spec.path in reuse and p.spec.render != "image")  # as counted above
    return BuildResult(output, len(site.articles), html, feeds, reused, site_plan.warnings,
                       site_plan.hidden_drafts, len(site_plan.future), site_plan.next_due,
                       fingerprints, loaded.rows, loaded.seen, site_plan.since, site_plan.related,
                       site_plan.reach, site_plan.plan, site_plan.intel,
                       email_path(site_plan.editions[0].path) if site_plan.editions else "", site_plan.moved_pages)


def site_files(site_plan: SitePlan, paths: Sequence[str], static: Sequence[tuple[str, bytes]],
               previous: Mapping[str, tuple[str, str]], fingerprints: dict[str, str]
               ) -> list[tuple[str, bytes | str | Unchanged]]:
    """The sitemap, robots.txt, the static files and the files redirects add (``redirects.with_redirects``).

    The sitemap and the redirect rules are fingerprinted as a page is, from everything they read
    (``sitemap.sitemap_inputs``, ``redirects.rules_inputs``): where the last build wrote them from the same, they
    come out ``Unchanged`` without being made, and each one's fingerprint joins ``fingerprints`` for the cache. After
    an edit to bodies alone (``SitePlan.bodies_only``) the sitemap's inputs are the last build's, and so is its
    fingerprint, taken without reading every article again."""
    config = site_plan.config
    names = sitemap_files(paths)
    last = previous.get(names[0], ("", ""))[0]
    made = last if site_plan.bodies_only and last else digest(FORMAT, "sitemap", sitemap_inputs(config, site_plan.site,
                                                                                                paths))
    files = _unless_same(names, made, previous, fingerprints, lambda: render_sitemap(config, site_plan.site, paths))
    files += [f for f in render_robots(config) if f[0] not in {path for path, _ in static}]  # yours wins
    files += with_redirects(config, site_plan.redirected, static)
    made = digest(FORMAT, "redirect rules", *rules_inputs(config, site_plan.redirected, static))
    return files + _unless_same(RULE_FILES, made, previous, fingerprints,
                                lambda: rule_files(config, site_plan.redirected, static))


def _unless_same(names: Sequence[str], fingerprint: str, previous: Mapping[str, tuple[str, str]],
                 fingerprints: dict[str, str], make: Callable[[], list[tuple[str, str]]]
                 ) -> list[tuple[str, bytes | str | Unchanged]]:
    """The files ``names`` made from inputs with this ``fingerprint``: ``Unchanged`` where the last build made each
    from the same (``previous``), else ``make()``'s, which are those files in that order."""
    fingerprints.update(dict.fromkeys(names, fingerprint))
    if all(previous.get(name, ("",))[0] == fingerprint for name in names):
        return [(name, Unchanged(previous[name][1])) for name in names]
    return list(make())


def _collect(entries: Iterator[Entry], paths: frozenset[str], into: list[tuple[str, bytes]],
             live: Live | None, direct: Direct) -> Iterator[Entry]:
    """Pass ``entries`` on, keeping a copy of the bytes of those in ``paths`` (the pages to index);
    a reused one is read from the live site, one a render worker wrote from where it wrote it."""
    try:
        for path, data in entries:
            if path in paths:
                into.append((path, data if isinstance(data, bytes) else direct.read(path) if isinstance(data, Written)
                             else live(path, data) if live else b""))
            yield path, data
    finally:  # the writer stopped early: the render workers end now (``output.Direct``)
        close = getattr(entries, "close", None)
        if close is not None:
            close()


class Broken(NamedTuple):
    """A page whose template failed (``_render``): the template, and what to tell (None: a lacking macro's call,
    told with the warnings)."""
    template: str
    problem: Problem | None


def _skipped(template: str, broken: set[str]) -> bool:
    """Whether a page of ``template`` is not rendered once the templates ``broken`` failed: theirs are said once
    already, and a feed or an image (no template) is not needed, as the build fails."""
    return template in broken or bool(broken and not template)


def _render(renderer: Renderer, planned: Sequence[Planned], reuse: Mapping[str, str], workers: int, config: Config,
            progress: Progress | None, direct: Direct | None = None,
            warnings: Sequence[Problem] = (), lacking: frozenset[str] = frozenset(),
            early: Rendered = Rendered()) -> Iterator[Entry]:
    """Each spec's bytes in plan order; reused specs come out as Unchanged without rendering. A page that fails
    is a BuildError once every page is rendered, with each failing place once and ``warnings``; a template that
    failed is not rendered again for its other pages (a broken article.html would fail at each article); each worker
    stops at its own first page of it, and here only what one job would say is told (``Broken``). An error
    among ``warnings`` (a ``_macros.html`` that lacks the macros ``lacking``) fails it too, once every page is
    rendered for the template errors besides; the calls of those macros are said there, not again.

    Workers are forked after planning, so they inherit the specs: only indexes are sent to them. Forked once the
    writer takes the first page, they also inherit where to write their pages themselves, if it said so
    (``direct``: ``output.Direct``); a page comes out as ``Written`` then. A page rendered while the build planned
    (``early``) is not rendered again: its bytes are handed on as if rendered here.
    """
    broken: set[str] = set()  # templates that failed in this process: their other pages are not rendered

    def safe(index: int) -> bytes | Written | Problem | Broken | None:
        template = planned[index].spec.template
        if _skipped(template, broken):
            return None  # now: this process met a template's error, and the build fails
        try:
            data = early.get(planned[index].spec.path)
            if data is None:
                data = renderer(planned[index].spec)
        except jinja2.TemplateError as e:
            broken.add(template)
            return Broken(template, None if lacking_macro(e, lacking) else template_problem(e, config.root))
        except BuildError as e:  # an article's body could not be read back (``incremental.CachedBodies``)
            return e.problems[0]
        except Exception as e:  # a template's expression raised Python's own error ('{{ title + 1 }}'): its line
            if raised_in_template(e):
                broken.add(template)
                return Broken(template, template_problem(e, config.root))
            raise
        return direct.write(planned[index].spec.path, data) if direct is not None and direct.folder else data

    todo = [i for i, p in enumerate(planned) if p.spec.path not in reuse]
    rendered = ordered_map(safe, todo, workers, chunksize=16)
    failed: dict[tuple[str, int | str], Problem] = {}  # each failing place once: the first page that met it
    said: set[str] = set()  # templates that failed at an earlier page in plan order: ``broken`` as one job has it
    stopped = any(p.severity == "error" for p in warnings)
    try:
        for done, p in enumerate(planned, 1):
            path = p.spec.path
            data = Unchanged(reuse[path]) if path in reuse else next(rendered)
            if said and _skipped(p.spec.template, said):
                data = None  # another worker rendered what one job would not have: the same errors whatever --jobs
            elif isinstance(data, Broken):
                said.add(data.template)
                data = data.problem
            if isinstance(data, Problem):  # the other pages are still rendered: every template's error in one run
                failed.setdefault((data.path, data.line or data.message), data)
            elif data is not None and not failed and not stopped:
                yield path, data
            if progress:
                progress("pages", done, len(planned))
        if failed or stopped:  # with the warnings gathered before rendering, which a failed build would not say
            raise BuildError([*failed.values(), *warnings])
    finally:  # stopped, or failed: the workers are ended before the writer removes what they wrote into
        rendered.close()
