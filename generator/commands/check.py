"""``digest check``: everything ``digest build`` would report, plus what a digest curator misses.

The site is loaded and planned as ``digest build`` does, and only pages whose inputs changed
since the last build are rendered (to find template errors); when nothing changed since the last
build, its cache (read, never written) says what the build reports and which files the site has.
Each article is read with its front-matter line numbers once, so each finding names a file and a
line; what the checks need of it is kept in ``.cache/check.sqlite`` (``check_cache.py``), the only
file a check writes, with the last report, replayed while nothing changes. The curator checks:

* mentions: a registry company named in the title, summary or body (by name or alias, on
  whole words) but missing from ``companies:``; and a listed company never mentioned;
* a ``source.url`` that is only a publisher's home page, not the article itself;
* two articles with the same ``source.url`` once normalised;
* tags that differ only in case or punctuation;
* links in the bodies of articles, pages and weekly notes that point at nothing in the built site (images
  that do are the build's warning);
* images in article bodies without alt text;
* (hints) sections and companies that only one article uses, which is often a typo.
"""
from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any, Container, Iterable, Iterator, Mapping, Sequence
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

from generator.core.models import BuildOptions
from generator.commands.check_cache import load_facts, load_report, save_facts
from generator.core import codec
from generator.core.parallel import ordered_map
from generator.load.cache import FILE, load_cache, read_article_heads, read_meta
from generator.load.incremental import CachedBodies, article_loader, cached_result
from generator.load.layout import layout
from generator.load.config import Config, ConfigError, load_config
from generator.load.content import (FAR_AHEAD, MEDIA_TAG, NOT_ARTICLES, NOTES_DIR, ArticleSettings,
                                    address_lines, article_key, article_settings, body_links, media_values,
                                    find_literal, linked_file, media_of, named_at, normalise_date, page_address,
                                    text_lines, typed_spellings, unpublished_why)
from generator.write.publish import inputs_fingerprint, same_time
from generator.core.errors import BuildError, Problem, in_number_order
from generator.load.frontmatter import Lines, load_yaml, split
from generator.core.models import Article, InfoPage
from generator.load.registry import Registry, fold, load_registry
from generator.load.redirects import LEFT_OUT, marks_escaped, refused_fixes
from generator.core.urls import (TRAILING_DOT, as_typed, folder_without_slash, link_target, make_slug, nearest_page,
                                  own_path, resolves, undotted)
from generator.index.taxonomy import failed_no_url, no_url_problems, own_slugs, run_slug_entries, term_slug

SHORT = 3
"""Names this short or shorter ('AWS', 'IOH', 'xAI') only match with the same capitals, so that a
short alias does not fire on an ordinary word."""


@dataclass(frozen=True)
class Finding:
    """One problem and which check found it, for CI to filter on."""

    problem: Problem
    code: str
    """'config', 'registry', 'build' (what ``digest build`` reports), 'missed-mention',
    'unmentioned-company', 'home-page-source', 'duplicate-source', 'tag-variant', 'broken-link', 'missing-alt',
    'single-section', 'single-company'."""


@dataclass(frozen=True)
class CheckReport:
    """Everything ``digest check`` found, sorted by file and line."""

    articles: int
    """How many article files were checked: those that did not parse too (their errors are findings)."""
    findings: tuple[Finding, ...]
    notes: tuple[str, ...] = ()
    """Remarks about the check cache (never findings); ``-v`` shows them."""
    stopped_at: str = ""
    """The file whose error ended the check early ('' when it went through)."""
    waiting: str = ""
    """What is checked once that error is fixed."""

    def count(self, severity: str) -> int:
        """How many findings of one severity, for the summary line and the exit code."""
        return sum(1 for f in self.findings if f.problem.severity == severity)

    def to_json(self) -> dict[str, Any]:
        """A stable structure for CI: no times, no absolute paths, problems in file order. A line or column of 0
        (a finding about a whole file; no finding gives a column yet) is null: a problem matcher reads 0 as a place."""
        return {
            "articles": self.articles,
            "problems": [{"code": f.code, "path": f.problem.path, "line": f.problem.line or None,
                          "column": f.problem.column or None, "field": f.problem.field, "severity": f.problem.severity,
                          "message": f.problem.message} for f in self.findings],
            "summary": {"errors": self.count("error"), "warnings": self.count("warning"), "hints": self.count("hint")},
        }


def _in_file_order(finding: Finding) -> tuple[str, int, int, str, tuple[str | tuple[int, str], ...], str]:
    """Sort key: an editor reads findings file by file, top to bottom."""
    p = finding.problem
    return p.path, p.line, p.column, p.field, in_number_order(p.message), finding.code


def _report(articles: int, findings: Iterable[Finding]) -> CheckReport:
    """One finding per problem (parsing and building report some problems twice), in file order."""
    findings = list(findings)
    refused = refused_fixes(f.problem for f in findings)  # 'write 2025/06/', and then that 2025/06/ is refused
    unique: dict[Problem, Finding] = {}
    for finding in findings:
        if finding.problem not in refused:
            unique.setdefault(finding.problem, finding)
    return CheckReport(articles, tuple(sorted(unique.values(), key=_in_file_order)))


def _without_content(config: Config, report: CheckReport) -> CheckReport:
    """``report``, said to have stopped at the config file that names a content_dir that is no folder: no article
    was there to check."""
    if config.path(config.content_dir).is_dir():
        return report
    at = next((f.problem.path for f in report.findings if f.problem.field == "content_dir"
               and f.problem.severity == "error" and not f.problem.path.startswith(config.content_dir)),
              config.config_path)
    return replace(report, stopped_at=at, waiting="the articles")


def _stopped(findings: Iterable[Finding], code: str) -> CheckReport:
    """The report of a check that ended at config.yaml's error, before the articles were read, or at
    companies.yaml's, after their own problems were found (``code``), naming that file and what waits for it."""
    report = _report(0, findings)
    at = next(f.problem.path for f in report.findings if f.code == code and f.problem.severity == "error")
    return replace(report, stopped_at=at, waiting="the articles" if code == "config"
                   else "the links, companies and sources")


@dataclass(frozen=True)
class ArticleFile:
    """A parsed article with the raw lines of its file, to point findings at lines."""

    article: Article
    meta: dict[str, Any]
    keys: Lines
    """Front-matter key path → file line."""
    lines: tuple[str, ...]
    body_line: int
    text: str = ""
    """The file's text: ``lines`` joined by newlines."""
    starts: tuple[int, ...] = ()
    """Offset in ``text`` at which each line starts."""

    def line(self, *key: Any) -> int:
        """Line of a front-matter key (or of its parent key); 1 when the file has neither."""
        return self.keys.get(tuple(key), self.keys.get(tuple(key[:1]), 1))

    def item_line(self, key: str, folded: str) -> int:
        """Line of the first item of list ``key`` whose folded text is ``folded``."""
        items = self.meta.get(key)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, str) and fold(item) == folded:
                return self.line(key, i)
        return self.line(key)

    def find(self, pattern: re.Pattern[str], start: int = 0) -> int:
        """First file line at or after ``start`` matching ``pattern``, or 0."""
        for number in range(max(start, 1), len(self.lines) + 1):
            if pattern.search(self.lines[number - 1]):
                return number
        return 0

    def find_text(self, raw: str, start: int = 0) -> int:
        """First file line at or after ``start`` that contains ``raw``, or 0: ``find`` for a literal, in one
        search of the whole text, as a link-dense issue has hundreds of links to place."""
        return find_literal(self.text, self.starts, raw, start)


def article_file(article: Article, data: bytes) -> ArticleFile:
    """An article that parsed cleanly, with its file's raw lines and key lines (``data``: the file's bytes)."""
    text, starts = text_lines(data, article.source_path)
    parts = split(text)
    meta, keys = load_yaml(parts.yaml_text, parts.yaml_line)
    lines = tuple(text.split("\n"))
    return ArticleFile(article, meta if isinstance(meta, dict) else {}, keys, lines, parts.body_line, text, starts)


@dataclass(frozen=True)
class ArticleFacts:
    """What the checks need of one article file, lines included; kept by ``check_cache`` under the
    article's build-cache key, so an unchanged file is neither parsed nor searched again. Lists of
    terms are parallel tuples of plain values: 10,000 of these are decoded on every check."""

    path: str
    """The file, relative to the project root."""
    url_path: str
    """The article page's site path, which relative links start from."""
    date: datetime
    draft: bool
    body_line: int
    """The body's first line, where a broken link's line is looked for from (when it is reported)."""
    findings: tuple[Finding, ...]
    """What this file shows on its own: missed and unmentioned companies, a home-page source, images
    without alt text."""
    source_url: str | None
    source_line: int
    source_key: str
    """``source_key`` of the source, '' when there is none or it is a home page (which are not compared)."""
    tags: tuple[str, ...]
    tag_lines: tuple[int, ...]
    section: str
    """'' when the article has none."""
    section_line: int
    companies: tuple[str, ...]
    """Registry ids, in the order written."""
    company_names: tuple[str, ...]
    company_lines: tuple[int, ...]
    links: tuple[str, ...]
    """Body link addresses (as in the HTML, entities not decoded) that name no scheme or host."""
    elsewhere: tuple[str, ...]
    """Body addresses that do name one: only those under ``base_url`` can be of this site."""
    media: tuple[str, ...]
    """The addresses among those that only a video or sound has, no link (``media_addresses``)."""
    media_kinds: tuple[str, ...]
    """What each of ``media`` is, as a broken one's message names it: ``<video> poster``, ``<audio> address``."""
    redirects: tuple[str, ...]
    """The old addresses (``redirects:``) whose redirect pages lead to this article's."""


def article_facts(src: ArticleFile, finder: MentionFinder) -> ArticleFacts:
    """Everything the checks need of one article, found once."""
    article = src.article
    own = (*check_mentions([src], finder), *check_home_page_sources([src]), *check_alt_text([src]))
    hrefs, media = body_addresses(article.body_html), media_addresses(article.body_html)
    return ArticleFacts(
        article.source_path, article.path, article.date, article.draft, src.body_line, own,
        article.source.url if article.source else None, src.line("source", "url"),
        source_key(article.source.url) if article.source and not is_home_page(article.source.url) else "",
        tuple(article.tags), tuple(src.item_line("tags", fold(tag)) for tag in article.tags),
        article.section or "", src.line("section"),
        tuple(c.id for c in article.companies), tuple(c.name for c in article.companies),
        tuple(src.item_line("companies", fold(c.name)) for c in article.companies),
        tuple(h for h in hrefs if not _elsewhere(h)), tuple(h for h in hrefs if _elsewhere(h)),
        tuple(media), tuple(media.values()), tuple(r.path for r in article.redirects))


@dataclass(frozen=True)
class LastCheck:
    """A check's whole report, kept to be replayed while every input stays as that check found it."""

    inputs: str
    """``inputs_fingerprint`` at the check: config, options, and every input file's name, size and mtime."""
    since: float | None
    """The newest article dated at or before the check's 'now', or the last time 'now' changed what the build
    says, if later (None: none): an earlier 'now' leaves it out."""
    due: float | None
    """The earliest article dated after it, or the next time 'now' changes what the build says (an ``updated:``
    warning ends), if sooner (None: none): from then on the report is made again."""
    articles: int
    findings: tuple[Finding, ...]


def _now(options: BuildOptions) -> float:
    """The check's 'now' as POSIX time; infinity when no article can be in the future."""
    return options.now.timestamp() if options.now is not None and not options.future else float("inf")


def _replay(row: bytes | None, inputs: str, options: BuildOptions) -> CheckReport | None:
    """The last check's report, if it checked these very inputs and 'now' leaves out the same articles."""
    if row is None or not inputs:
        return None
    try:
        last = codec.loads(row, LastCheck)
    except codec.DecodeError:
        return None
    now = _now(options)
    since = float("-inf") if last.since is None else last.since
    if last.inputs != inputs or since > now or (last.due is not None and now >= last.due):
        return None
    return CheckReport(last.articles, last.findings)


@dataclass(frozen=True)
class _BuildState:
    """What a build (the last one, or this check's own planning) says about the site as it is now."""

    findings: list[Finding]
    files: set[str] | None
    """Every file of the built site; None when the site does not build."""
    keys: dict[str, str]
    """Article file → its build-cache key, for every article file that parsed."""
    articles: dict[str, Article]
    """The parsed articles by file, where they are at hand (all of them when the check planned the site)."""
    since: float = float("-inf")
    due: float = float("inf")
    """The span of 'now' over which that build's findings hold (``BuildResult.since``, ``next_due``): a warning
    that ends with the time (an ``updated:`` ahead of it) ends the replay of this check too."""
    unparsed: int = 0
    """How many article files were read but did not parse (each has an error, said at it): checked all the same."""
    moves: Mapping[str, str] = field(default_factory=dict)
    """The page each registered company's or publisher's old page leads to (``BuildResult.moves``)."""


def run_check(config_path: Path, options: BuildOptions, environment: str | None = None,
              overrides: dict[str, Any] | None = None) -> CheckReport:
    """Build in memory and run every check. A config whose bad values can be left at their defaults
    is reported together with everything else; an unreadable config or registry ends the check early.
    ``overrides``: the command line's settings over the config (``--base-url``), as ``digest build`` takes them.

    When nothing changed since the last check, its report is replayed. When nothing changed since the
    last successful build, the build cache says what the build reports and which files the site has,
    so nothing is parsed or planned. Either way the curator checks read each article's facts from the
    check cache and only work on files they have not seen.
    """
    config_findings: list[Finding] = []
    try:
        config = load_config(config_path, overrides, environment)
    except ConfigError as e:
        if e.usable is None:  # a bad timezone alone: with what does not depend on it (``ConfigError.zoneless``)
            findings = [Finding(p, "config") for p in e.problems]
            if e.zoneless is not None:
                from generator.build import content_problems
                where, registry = layout(e.zoneless), None
                try:
                    registry = load_registry(where.registry, where.registry_rel)
                except BuildError as registry_error:
                    findings += [Finding(p, "registry") for p in registry_error.problems]
                findings += [Finding(p, "build") for p in content_problems(e.zoneless, options, registry, False)]
            return _stopped(findings, "config")
        config, config_findings = e.usable, [Finding(p, "config") for p in e.problems]
    except BuildError as e:
        return _stopped((Finding(p, "config") for p in e.problems), "config")
    where = layout(config)
    options = replace(options, drafts=options.drafts or config.drafts)
    try:
        registry = load_registry(where.registry, where.registry_rel)
    except BuildError as e:  # with the articles' errors, not in the next run
        from generator.build import content_problems
        return _stopped([*config_findings, *(Finding(p, "registry") for p in e.problems),
                         *(Finding(p, "build") for p in content_problems(config, options))], "registry")
    inputs = "" if config_findings else inputs_fingerprint(config, options)
    stored = load_report(where.cache)
    if replayed := _replay(stored, inputs, options):
        return _without_content(config, replayed)
    settings = article_settings(config, registry)
    known = load_facts(where.cache)
    state = _last_build(where.cache, inputs, options) if inputs else None
    facts = _facts(config, settings, state, known, options.workers) if state else None
    if state is None or facts is None:
        state = _plan(config, options, config_findings, where.cache)
        facts = _facts(config, settings, state, known, options.workers)
        assert facts is not None  # every article is at hand
    by_file, new = facts
    sources = [by_file[path] for path in sorted(by_file)]
    # a draft left out of the site is work in progress: only what stops the build is said of it, as there
    drafts = set() if options.drafts else {src.path for src in sources if src.draft}
    shown = [src for src in sources if src.path not in drafts]
    findings = [f for f in state.findings if f.problem.path not in drafts or f.problem.severity == "error"
                or f.problem.message.startswith(LEFT_OUT)]  # a published article made a draft: its page went
    findings += [f for src in shown for f in src.findings]
    findings += check_duplicate_sources(shown)
    findings += check_tag_variants(shown, own_slugs(config))
    findings += check_single_terms(shown, config.sections)
    if state.files is not None:
        published = [s for s in shown if not (not options.future and options.now is not None and s.date > options.now)]
        out = {s.path for s in published}
        others, draft_pages = other_bodies(config, options, settings, state.files)
        later = {**{s.path: (s.url_path, unpublished_why(s.path in drafts, s.date))
                    for s in sources if s.path not in out},
                 **{p.source_path: (p.path, unpublished_why(True)) for p in draft_pages}}
        broken = list(check_links(config, [*published, *others], state.files, later,
                                  _erring_pages(config, findings, by_file), state.moves))
        at = {(f.problem.path, f.problem.line) for f in broken}
        # a link to a Markdown file, and a video's or sound's address no file gives, are the build's warnings too
        # (``content.file_link_problems``, ``images.missing_body_media``): said once, as broken
        findings = [f for f in findings if not (f.code == "build" and f.problem.message.startswith(("the link '",
                                                                                                   "the <"))
                                                and (f.problem.path, f.problem.line) in at)]
        findings += broken
    report = _report(len(sources) + state.unparsed, findings)
    now, dates = _now(options), [s.date.timestamp() for s in sources]
    dates += [d - FAR_AHEAD.total_seconds() for d in dates]  # a date's far-ahead warning ends a year before it
    try:
        since = max([d for d in dates if d <= now] + [state.since], default=None)
        due = min([d for d in dates if d > now] + [state.due], default=None)
        last = codec.dumps(LastCheck(inputs, None if since == float("-inf") else since,
                                     None if due == float("inf") else due, report.articles, report.findings))
    except UnicodeEncodeError:  # a file name that is not UTF-8 cannot be stored: that report is not replayed
        last = b""
    notes: tuple[str, ...] = ()
    if new or set(known) - set(state.keys.values()) or last != stored:
        note = save_facts(where.cache, new, set(state.keys.values()), last)
        notes = (note,) if note else ()
    return _without_content(config, replace(report, notes=notes))


def _last_build(cache: Path, inputs: str, options: BuildOptions) -> _BuildState | None:
    """The last build's findings and files, if every input is as that build found it (as ``publish``
    decides that a build can stop early); None otherwise. Only reads the build cache."""
    rows = read_meta(cache, ("inputs", "since", "due", "warnings", "files", "live_files", "moves"))
    if len(rows) < 7 or rows["inputs"] != inputs:
        return None
    since, due = rows["since"], rows["due"]
    if not same_time(float("-inf") if since is None else since, float("inf") if due is None else due, options):
        return None
    return _BuildState([Finding(p, "build") for p in rows["warnings"]], set(rows["live_files"]),
                       {rel: key for rel, (_, key) in rows["files"].items()}, {},
                       float("-inf") if since is None else since, float("inf") if due is None else due,
                       moves=rows["moves"])


def _plan(config: Config, options: BuildOptions, config_findings: list[Finding], cache: Path) -> _BuildState:
    """Load and plan the site as ``digest build`` does, rendering only pages whose inputs changed since
    the last build (to find template errors); the build cache spares parsing unchanged articles."""
    from generator.build import load, moved_articles, plan, published_of, render, unloaded  # only now: Jinja, pages
    from generator.load.content import located

    snapshot = load_cache(cache)
    loaded = load(config, options, article_loader(snapshot, options.workers))
    findings = config_findings + [Finding(p, "build") for p in loaded.problems]
    files: set[str] | None
    try:
        # past the articles' errors, to find the rest; a redirect is still checked against an erring article's page
        failed, named = unloaded(config, options, loaded)
        # its section and tags, which the index never sees, checked for a URL as digest build does: in the one slugs:
        # line of the run (with no erring article, the index's own, as digest build's)
        together = None
        if named:
            own = own_slugs(config)
            together = run_slug_entries(published_of(loaded.articles, options), own, named)
            findings += [Finding(p, "build") for p in no_url_problems(failed_no_url(named, own), own, together)]
        site_plan = plan(config, options, replace(loaded, problems=()), snapshot.related, snapshot.pages,
                         failed=failed, together=together)
        findings += [Finding(p, "build") for p in site_plan.warnings]
        # an article whose address changed since the last build, as digest build warns (and --strict fails)
        findings += [Finding(p, "build") for p in located(config.root, moved_articles(snapshot, loaded,
                                                                                     site_plan.site.articles))]
        # no search index: it is not a page anything links to, and it would need every article page rendered
        files = {path for path, _ in render(site_plan, loaded, snapshot.pages, options.workers, index=False).output}
    except BuildError as e:
        findings += [Finding(p, "build") for p in e.problems]
        files = None
    articles = {a.source_path: a for a in loaded.articles}
    return _BuildState(findings, files, {rel: key for rel, (_, key) in loaded.seen.items() if rel in articles},
                       articles, *((site_plan.since, site_plan.next_due) if files is not None else
                                   (float("-inf"), float("inf"))), len(set(loaded.seen) - set(articles)),
                       site_plan.moved_pages if files is not None else {})


def _facts(config: Config, settings: ArticleSettings, state: _BuildState, known: Mapping[str, bytes],
           workers: int) -> tuple[dict[str, ArticleFacts], dict[str, bytes]] | None:
    """Every parsed article's facts by file, from the check cache where it has them, and the new rows;
    None when an article is neither in the check cache nor at hand nor in the build cache."""
    by_file: dict[str, ArticleFacts] = {}
    todo: list[tuple[str, str]] = []
    for rel, key in state.keys.items():
        row = known.get(key)
        found = _decode_facts(row) if row is not None else None
        if found is not None and found.path == rel:
            by_file[rel] = found
        else:
            todo.append((rel, key))
    articles = dict(state.articles)
    missing = [key for rel, key in todo if rel not in articles]
    cache = layout(config).cache
    heads = read_article_heads(cache, missing)
    bodies = CachedBodies(cache / FILE, config.root, settings)  # read one at a time, in the workers
    for rel, key in todo:
        if rel not in articles:
            parsed = cached_result(heads.get(key), bodies)
            if parsed is None:
                return None
            if parsed[0] is not None:
                articles[rel] = parsed[0]
    todo = [(rel, key) for rel, key in todo if rel in articles]
    if not todo:
        return by_file, {}
    finder = MentionFinder(settings.registry)

    def work(item: tuple[str, str]) -> tuple[bytes, bool] | Problem:
        # forked workers inherit the articles and the finder; the facts come back as their cache row
        rel, key = item
        data = (config.root / rel).read_bytes()
        try:
            facts = article_facts(article_file(articles[rel], data), finder)
        except BuildError as e:  # its body left the build cache, and its file changed since it was read
            return e.problems[0]
        return codec.dumps(facts), article_key(rel, data, settings) == key

    new: dict[str, bytes] = {}
    for (rel, key), result in zip(todo, ordered_map(work, todo, workers)):
        if isinstance(result, Problem):
            if rel not in state.articles:  # taken from the last build: plan the site afresh
                return None
            raise BuildError([result])
        row, same = result
        by_file[rel] = codec.loads(row, ArticleFacts)
        if same:  # the file did not change since it was parsed: the row describes the key's bytes
            new[key] = row
    return by_file, new


def _decode_facts(row: bytes) -> ArticleFacts | None:
    """A cached facts row, or None when it is not exactly one."""
    try:
        return codec.loads(row, ArticleFacts)
    except codec.DecodeError:
        return None


# --- mentions -----------------------------------------------------------------------------------

def _collapse(text: str) -> str:
    """Runs of whitespace as one space, as a name spread over two lines is still the name."""
    return " ".join(text.split())


def _spelling_pattern(spelling: str) -> str:
    """A name's words with any whitespace between them."""
    return r"\s+".join(re.escape(word) for word in spelling.split())


def _whole_words(alternatives: Sequence[str], flags: int = 0) -> re.Pattern[str] | None:
    """One pattern for many names, each only between non-word characters ('Meta' not in 'Metaverse')."""
    if not alternatives:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", flags)


class MentionFinder:
    """Finds registry companies in text by name or alias, on whole words, longest name first."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        spellings = sorted({(unicodedata.normalize("NFC", s), cid) for cid, c in registry.companies.items()
                            for s in (c.name, *c.aliases)}, key=lambda sc: (-len(sc[0]), sc[0]))
        # a short name, and an alias written in capitals (a ticker: 'BUKA', never the word 'buka'), match as written
        self._as_written = {unicodedata.normalize("NFC", s) for c in registry.companies.values()
                            for s in (c.name, *c.aliases) if len(s) <= SHORT or (s != c.name and s.isupper())}
        self.folded = {fold(s): cid for s, cid in spellings if s not in self._as_written}
        self.exact = {_collapse(s): cid for s, cid in spellings if s in self._as_written}
        self.loose = _whole_words([_spelling_pattern(s) for s, _ in spellings if s not in self._as_written],
                                  re.IGNORECASE)
        self.strict = _whole_words([_spelling_pattern(s) for s, _ in spellings if s in self._as_written])

    def spellings(self, cid: str) -> tuple[str, ...]:
        """Every name a company is searched by, to say what was looked for."""
        company = self.registry.companies[cid]
        return (company.name, *company.aliases)

    def pattern(self, spelling: str) -> re.Pattern[str]:
        """The pattern that finds one spelling, for pointing at its line."""
        flags = 0 if unicodedata.normalize("NFC", spelling) in self._as_written else re.IGNORECASE
        pattern = _whole_words([_spelling_pattern(spelling)], flags)
        assert pattern is not None
        return pattern

    def find(self, text: str) -> dict[str, str]:
        """Company id → the first spelling of it in ``text``, in order of first mention."""
        text = unicodedata.normalize("NFC", text)
        spans: list[tuple[int, int, str]] = []
        for pattern, lookup, key in ((self.loose, self.folded, fold), (self.strict, self.exact, _collapse)):
            if pattern is not None:
                spans += [(m.start(), -len(m.group()), lookup[key(m.group())]) for m in pattern.finditer(text)
                          if key(m.group()) in lookup]
        found: dict[str, str] = {}
        end = -1
        for start, negative_length, cid in sorted(spans):
            if start >= end:
                end = start - negative_length
                found.setdefault(cid, text[start:end])
        return found


def plain_text(body_html: str) -> str:
    """The words of a rendered body: tags (and so link addresses) dropped, entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", " ", body_html))


def check_mentions(sources: Iterable[ArticleFile], finder: MentionFinder) -> Iterator[Finding]:
    """Companies named but not listed, and listed but never named."""
    for src in sources:
        article = src.article
        written = src.meta.get("summary") if isinstance(src.meta.get("summary"), str) else ""  # not one made from the body
        places = (("title", article.title), ("summary", written), ("body", plain_text(article.body_html)))
        mentioned: dict[str, tuple[str, str]] = {}
        for place, text in places:
            for cid, spelling in finder.find(text).items():
                mentioned.setdefault(cid, (place, spelling))
        listed = {c.id for c in article.companies}
        for cid, (place, spelling) in mentioned.items():
            if cid in listed:
                continue
            name = finder.registry.companies[cid].name
            line = src.line(place) if place != "body" else (src.find(finder.pattern(spelling), src.body_line) or src.body_line)
            called = f"'{name}'" if fold(spelling) == fold(name) else f"{name} (as '{spelling}')"
            yield Finding(Problem(article.source_path, line, "companies",
                                  f"the {place} mentions {called}, but companies does not list it; add '{name}' to companies",
                                  "warning"), "missed-mention")
        for company in article.companies:
            if company.known and company.id not in mentioned:
                also = [s for s in finder.spellings(company.id) if s != company.name]
                names = f" (nor as {', '.join(repr(s) for s in also)})" if also else ""
                yield Finding(Problem(article.source_path, src.item_line("companies", fold(company.name)), "companies",
                                      f"'{company.name}' is listed but never mentioned in the title, summary or body"
                                      f"{names}; mention it, or remove it from companies", "warning"),
                              "unmentioned-company")


# --- sources, tags, single terms ---------------------------------------------------------------

def source_key(url: str) -> str:
    """The form two source links are compared in: http(s) and host case ignored, no trailing
    slash, no utm_* parameters, no fragment."""
    parts = urlsplit(url.strip())
    scheme = "https" if parts.scheme.lower() in ("http", "https") else parts.scheme.lower()
    host = (parts.hostname or "") + (f":{parts.port}" if parts.port and parts.port not in (80, 443) else "")
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not k.lower().startswith("utm_")])
    return urlunsplit((scheme, host, parts.path.rstrip("/"), query, ""))


def is_home_page(url: str) -> bool:
    """A link to a site's front page ('https://www.reuters.com/'): nothing left beyond '/' once the
    ``utm_*`` parameters and the fragment go, so it cannot name one article ('https://example.com/?p=12' can)."""
    parts = urlsplit(source_key(url))
    return not parts.path and not parts.query


def check_home_page_sources(sources: Iterable[ArticleFile]) -> Iterator[Finding]:
    """A source that is only the publisher's home page: readers cannot check the item against it."""
    for src in sources:
        source = src.article.source
        if source and is_home_page(source.url):
            yield Finding(Problem(src.article.source_path, src.line("source", "url"), "source.url",
                                  f"'{source.url}' is the home page of {source.name}, not an article; "
                                  "link the article this item is based on", "warning"), "home-page-source")


def check_duplicate_sources(sources: Iterable[ArticleFacts]) -> Iterator[Finding]:
    """Each later article whose source is the same as an earlier one's (home pages are reported on
    their own, once per article, so they are left out here)."""
    groups: dict[str, list[ArticleFacts]] = defaultdict(list)
    for src in sources:
        if src.source_key:
            groups[src.source_key].append(src)
    for group in groups.values():
        first, *others = sorted(group, key=lambda s: (s.date.timestamp(), s.path))
        for src in others:
            yield Finding(Problem(src.path, src.source_line, "source.url",
                                  f"same source as {first.path} ({first.source_url}); "
                                  "is this item a duplicate? If not, link the original article itself",
                                  "warning"), "duplicate-source")


def tag_key(tag: str) -> str:
    """Tags are the same if they are once case and punctuation go: 'GoTo' = 'goto' = 'go-to'."""
    return "".join(ch for ch in unicodedata.normalize("NFKC", tag).casefold() if ch.isalnum())


def check_tag_variants(sources: Sequence[ArticleFacts], own: Mapping[str, str] = {}) -> Iterator[Finding]:
    """Every use of a tag spelled otherwise than its most common spelling (one with its own slug in config.yaml,
    ``own``, is another tag: 'C#' beside 'C++')."""
    uses: dict[str, list[tuple[str, int, ArticleFacts]]] = defaultdict(list)
    keys: dict[str, str] = {}  # tags repeat across articles: fold each spelling once
    for src in sources:
        for tag, line in zip(src.tags, src.tag_lines):
            if fold(tag) in own:  # given its own URL in config.yaml: a name of its own, not a spelling
                continue
            key = keys.get(tag)
            if key is None:
                key = keys[tag] = tag_key(tag)
            uses[key].append((tag, line, src))
    for group in uses.values():
        counts = Counter(tag for tag, _, _ in group)
        if len(counts) < 2:
            continue
        preferred = min(counts, key=lambda t: (-counts[t], t))
        slug = term_slug(fold(preferred), own)
        users = [src.path for tag, _, src in group if tag == preferred]
        for tag, line, src in group:
            if tag == preferred or (fold(tag) != fold(preferred) and term_slug(fold(tag), own) == slug):
                continue  # the second: two names for one URL ('C#' and 'C++' both make /tags/c/), the build's error
            others = [path for path in users if path != src.path]
            where = (f"in {len(others)} other article{'s' if len(others) != 1 else ''} (such as {others[0]})" if others
                     else "in this article too")
            yield Finding(Problem(src.path, line, "tags", f"tag '{tag}' is spelled '{preferred}' {where}; "
                                                          "use one spelling", "warning"), "tag-variant")


def check_single_terms(sources: Sequence[ArticleFacts], listed: Sequence[str] = ()) -> Iterator[Finding]:
    """Hints: a section or company only one article uses is often a misspelling of another; not a section that
    config.yaml's ``sections:`` lists (``listed``), whose spelling the editor has given."""
    if len(sources) < 2:
        return
    sections: dict[str, list[ArticleFacts]] = defaultdict(list)
    companies: dict[str, list[ArticleFacts]] = defaultdict(list)
    for src in sources:
        if src.section:
            sections[fold(src.section)].append(src)
        for cid in src.companies:
            companies[cid].append(src)
    names = sorted({srcs[0].section for srcs in sections.values() if len(srcs) > 1})
    given = {fold(name) for name in listed}
    for key, srcs in sections.items():
        if len(srcs) == 1 and key not in given:
            src = srcs[0]
            known = f" (the others: {', '.join(names)})" if names else ""
            yield Finding(Problem(src.path, src.section_line, "section",
                                  f"section '{src.section}' has only this article; check its spelling{known}",
                                  "hint"), "single-section")
    for cid, srcs in companies.items():
        if len(srcs) == 1:
            src = srcs[0]
            at = src.companies.index(cid)
            yield Finding(Problem(src.path, src.company_lines[at], "companies",
                                  f"company '{src.company_names[at]}' has only this article", "hint"),
                          "single-company")


# --- links --------------------------------------------------------------------------------------

def body_addresses(body_html: str) -> list[str]:
    """The addresses a body's readers follow or play: its links', and its videos' and sounds' (``<video>``,
    ``<audio>``, ``<source>``, ``<track>``, a video's poster), which the sanitiser keeps. Images are the build's to
    check (``images.missing_body_images``)."""
    return [*body_links(body_html), *(address for tag in MEDIA_TAG.finditer(body_html)
                                      for _, address in media_values(tag[0]))]


def media_addresses(body_html: str) -> dict[str, str]:
    """The addresses of a body that only its videos and sounds have, no link of it, each with what it is as a
    message names it (``<video> poster``, ``<source> address``): a reader plays them, and follows no link."""
    links = set(body_links(body_html))
    return {address: what for address, what in media_of(body_html).items() if address not in links}


def _elsewhere(href: str) -> bool:
    """Whether ``link_target`` takes ``href`` for a link to another site unless it starts with ``base_url``."""
    try:
        parts = urlsplit(html.unescape(href))
    except ValueError:  # a stray '[' in a host: no address of this site
        return True
    return bool(parts.scheme or parts.netloc)


def check_links(config: Config, sources: Iterable[ArticleFacts | BodyLinks], files: set[str],
                unpublished: Mapping[str, tuple[str, str]] = {},
                erring: Mapping[str, tuple[str, int]] = {}, moves: Mapping[str, str] = {}) -> Iterator[Finding]:
    """Links in bodies that point at nothing in the built site (an image that does, in the body or the 'image'
    field, is the build's own warning: ``images.missing_body_images``, ``images.missing_images``); a link to a
    draft's or a future article's file (``unpublished``: its file → its page and ``content.unpublished_why``)
    is told the page it will have; one to the page an article that has an error would have (``erring``: page →
    its file and the error's line) is a hint, as the address is right. A link near or at an old address (an
    article's ``redirects:``, a registered company's or publisher's page before, ``moves``) is told the page it
    leads to."""
    sources = list(sources)
    by_file = {**{src.path: (src.url_path, "") for src in sources}, **unpublished}
    waiting = {page: (file, why) for file, (page, why) in unpublished.items()}  # its address, written as it will be
    # a redirect page is no page to suggest: the page it leads to is
    moved = {**{config.base_path + old: config.base_path + new for old, new in moves.items()},
             **{config.base_path + old: config.base_path + src.url_path for src in sources for old in src.redirects}}
    dotted_base = undotted(config.base_url) is not None
    for src in sources:
        # an address naming a host is the site's as link_target tells it (host case, default port, '//host')
        links = [*src.links, *(href for href in src.elsewhere
                               if own_path(config.base_url, config.base_path, html.unescape(href)) is not None)]
        kinds = dict(zip(src.media, src.media_kinds))
        for href in dict.fromkeys(links):  # each address once, at every line that writes it
            what = f"the {kinds[href]}" if href in kinds else "the link"
            path = link_target(config.base_url, config.base_path, src.url_path, href)
            if path is None:
                continue
            slashless = folder_without_slash(config.base_path, path, files)
            # a host with the DNS root's '.' ('example.org.'), unless base_url has it too
            plain = undotted(html.unescape(href)) if href in src.elsewhere and not dotted_base else None
            if not slashless and not plain and resolves(config.base_path, path, files):
                continue
            raw = html.unescape(href)
            # the lines that write the address: read only for links that are reported
            text, starts = text_lines((config.root / src.path).read_bytes(), src.path)
            rows = text.split("\n")
            # as the editor typed it, or as raw HTML writes it ('&amp;')
            typed = raw if (lines := address_lines(rows, raw, src.body_line)) or href == raw else href
            lines = lines or address_lines(rows, href, src.body_line) or [
                find_literal(text, starts, raw, src.body_line) or src.body_line]
            # an image of the same address is the build's to warn of (``images.missing_body_images``)
            named = [(line, name) for line in lines for name in named_at(text, starts, line, typed, what)
                     if name != "the image"]
            # a host the HTML has in punycode, at each line as the editor typed it there ('BÜCHER.example')
            spelled = {line: spelling for spelling in reversed(typed_spellings(text, raw))
                       for line in address_lines(rows, spelling, src.body_line)}
            shown = {line: as_typed(spelled.get(line, raw)) for line, _ in named}
            if plain:  # the site's host all the same: checked below, and the dot is worth a word
                for line, name in named:
                    yield Finding(Problem(src.path, line, "", f"{name} '{shown[line]}' {TRAILING_DOT}; "
                                                              f"write {as_typed(undotted(shown[line]) or plain)}",
                                          "warning"), "broken-link")
                if not slashless and resolves(config.base_path, path, files):
                    continue
            if slashless:  # the page is there, a redirect away: say so, as 'digest check --links' counts it broken
                # (or two, where that is an old address: the page it leads to is the one to write)
                new = moved.get(unquote(path.split("#")[0].split("?")[0]) + "/")
                for line, name in named:
                    written = (undotted(shown[line]) or plain) if plain else shown[line]
                    yield Finding(Problem(src.path, line, "", f"{name} '{shown[line]}' points at the folder "
                                                              f"{as_typed(path)} without its '/'"
                                                              + (f", an old address that leads to {new}" if new else "")
                                                              + f": write {as_typed(_with_slash(written, new))}, "
                                                              "the page's address (hosts answer it only with a "
                                                              "redirect, and digest check --links counts it broken)"),
                                  "broken-link")
                continue
            linked = linked_file(config.content_dir, src.path, raw, by_file, config.base_path)
            if not linked and (held := _waiting_page(config.base_path, path, waiting)):
                for line, name in named:
                    yield Finding(Problem(src.path, line, "", f"{name} '{shown[line]}' points at {as_typed(path)}, "
                                                              f"the page of {held[0]}, which readers can open once it "
                                                              f"is published: it is {held[1]}"), "broken-link")
                continue
            if not linked and path.endswith(("/", "index.html")) and (bad := _waiting_page(config.base_path, path,
                                                                                            erring)):
                for line, name in named:
                    yield Finding(Problem(src.path, line, "", f"{name} '{shown[line]}' points at {as_typed(path)}, "
                                                              f"the page of {bad[0]} once its error (line {bad[1]}) is "
                                                              "fixed; nothing to change here", "hint"), "broken-link")
                continue
            # the same letters in the other Unicode form ('/kafé/' composed, the link's decomposed), which hosts
            # tell apart: said with the marks escaped, as both look alike
            wanted = unquote(path.split("#")[0].split("?")[0])
            other = "" if wanted.isascii() else next((form for form in sorted(
                {unicodedata.normalize(n, wanted) for n in ("NFC", "NFD")} - {wanted})
                if resolves(config.base_path, form, files) or form in moved), "")
            forms = ("decomposed", "composed") if unicodedata.is_normalized("NFD", wanted) else ("composed",
                                                                                                 "decomposed")
            at = f"{marks_escaped(as_typed(path))} ({forms[0]})" if other else as_typed(path)
            fix = (f"the site has {marks_escaped(other)}, the same letters {forms[1]}, which a host tells apart: "
                   f"write {moved.get(other, other)}" if other
                   else "a Markdown file is not its page's address: link "
                   + page_address(config.base_path, raw, linked, *by_file[linked])
                   if linked else f"did you mean {moved.get(near, near)}?"
                   if (near := nearest_page(config.base_path, path, files))
                   else "fix the address" if raw.startswith(config.base_path)  # the hint below is met
                   else "fix the address (internal links start with "
                        f"{config.base_path} or are relative to this "
                        f"{'article' if isinstance(src, ArticleFacts) else 'page'})")
            for line, name in named:
                yield Finding(Problem(src.path, line, "", f"{name} '{shown[line]}' points at {at}, "
                                                          f"which is not a page or file of the site; {fix}"),
                              "broken-link")


def _with_slash(href: str, page: str | None = None) -> str:
    """A link with '/' after its path, before any query or fragment: '/companies/meta#x' → '/companies/meta/#x';
    or ``page`` (the one an old address leads to) with that query and fragment."""
    cut = min((i for i in (href.find("?"), href.find("#")) if i >= 0), default=len(href))
    return (page or href[:cut] + "/") + href[cut:]


def _erring_pages(config: Config, findings: Iterable[Finding], parsed: Mapping[str, object],
                  ) -> dict[str, tuple[str, int]]:
    """The page each article that did not parse for an error would have → (its file, the error's line): a link to
    it is right, and works once that error is fixed. Its address is read from the lines of its front matter that
    still read (``date:`` and ``slug:``), else from its file: its name and its YYYY/MM folder; one whose month
    neither tells is left out."""
    from datetime import datetime

    content = config.content_dir.rstrip("/") + "/"
    out: dict[str, tuple[str, int]] = {}
    for finding in findings:
        rel, line = finding.problem.path, finding.problem.line
        if finding.problem.severity != "error" or not rel.startswith(content) or not rel.endswith(".md") \
                or rel in parsed or rel[len(content):].split("/")[0] in {*NOT_ARTICLES, NOTES_DIR}:
            continue
        parts = rel[len(content):].split("/")
        name = parts[-2] if parts[-1].lower() == "index.md" and len(parts) > 1 else parts[-1].removesuffix(".md")
        month = f"{parts[0]}/{parts[1]}" if len(parts) >= 3 and re.fullmatch(r"\d{4}/\d\d", f"{parts[0]}/{parts[1]}") \
            else ""
        try:
            head = (config.root / rel).read_bytes()[:8192].decode("utf-8", "replace").removeprefix("\ufeff")
        except OSError:
            head = ""
        fields = dict(_FIELD.findall(head.split("\n---", 1)[0] if head.startswith("---") else ""))
        iso = normalise_date(fields["date"].strip())[0] if fields.get("date", "").strip() else None
        if iso is not None:
            when = datetime.fromisoformat(iso)
            when = when.astimezone(config.tz) if when.tzinfo else when
            month = f"{when.year:04d}/{when.month:02d}"
        slug = fields.get("slug", "").strip() or make_slug(name)
        if month and slug:
            out.setdefault(f"{month}/{slug}/", (rel, line))
    return out


_FIELD = re.compile(r"^(date|slug):[ \t]*[\"']?([^\"'#\n]*)", re.MULTILINE)
"""A front matter's ``date:`` or ``slug:`` line, read alone (the rest may be what does not parse)."""


def _waiting_page(base_path: str, path: str, waiting: Mapping[str, tuple[str, Any]]) -> tuple[str, Any] | None:
    """The file and why of the draft or future article (or draft page) whose page is at ``path``, if any."""
    typed, base = unquote(path), unquote(base_path)
    if not typed.startswith(base):
        return None
    page = typed[len(base):].removesuffix("index.html")
    return waiting.get(page if not page or page.endswith("/") else page + "/")


@dataclass(frozen=True)
class BodyLinks:
    """What ``check_links`` needs of a body that is not an article's: a page's or a weekly note's."""

    path: str
    url_path: str
    body_line: int
    links: tuple[str, ...]
    elsewhere: tuple[str, ...]
    media: tuple[str, ...]
    media_kinds: tuple[str, ...]
    redirects: tuple[str, ...] = ()
    """A page's old addresses (``redirects:``), as ``ArticleFacts.redirects``."""


def other_bodies(config: Config, options: BuildOptions, settings: ArticleSettings,
                 files: Container[str]) -> tuple[list[BodyLinks], tuple[InfoPage, ...]]:
    """The links of the pages in content/pages/ and of the weekly notes, read again (a few files; their problems
    are the build's to report), and the pages left out as drafts. A note's links are checked as on its edition's
    page, if it has one (``files``: the site's files)."""
    from generator.index.editions import edition_path, load_notes
    from generator.load.info_pages import load_pages
    pages, _, hidden = load_pages(config.root, config.content_dir, options.drafts, settings.markdown)
    notes, _ = load_notes(config.root, config.content_dir, settings.markdown)
    bodies = [(p.source_path, p.path, p.body_html, tuple(r.path for r in p.redirects)) for p in pages]
    bodies += [(n.source_path, edition_path(n.year, n.week), n.html, ()) for n in notes.values()
               if f"{edition_path(n.year, n.week)}index.html" in files]
    out = []
    for rel, url_path, body, redirects in bodies:
        hrefs, media = body_addresses(body), media_addresses(body)
        out.append(BodyLinks(rel, url_path, 1, tuple(h for h in hrefs if not _elsewhere(h)),
                             tuple(h for h in hrefs if _elsewhere(h)), tuple(media), tuple(media.values()),
                             redirects))
    return out, hidden


# --- images -------------------------------------------------------------------------------------

_IMG = re.compile(r"<img\s[^>]*>")
_ALT = re.compile(r'\salt="[^"]*[^"\s][^"]*"')
_SRC = re.compile(r'\ssrc="([^"]*)"')


def check_alt_text(sources: Iterable[ArticleFile]) -> Iterator[Finding]:
    """Body images a screen reader can only call 'image'; the line is the first one, from the last image
    found, that names the image's address (the body's first line if the address was rewritten)."""
    for src in sources:
        start = src.body_line
        for tag in _IMG.findall(src.article.body_html):  # our HTML escapes '>' inside attribute values
            address = _SRC.search(tag)
            raw = html.unescape(address.group(1)) if address else ""
            line = src.find_text(raw, start) if raw else 0
            start = line or start
            if _ALT.search(tag):
                continue
            yield Finding(Problem(src.article.source_path, line or src.body_line, "",
                                  f"the image '{raw}' has no alt text; describe it for readers who cannot see it: "
                                  "![what the image shows](address) or <img alt=\"...\">", "warning"), "missing-alt")
