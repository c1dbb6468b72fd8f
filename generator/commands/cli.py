"""The ``digest`` command. The only module that prints; problems become exit codes, never tracebacks."""
from __future__ import annotations

import argparse
import atexit
import errno
import json
import os
import shlex
import re
import signal
import sys
import textwrap
import threading
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator, NoReturn, Sequence

from generator.core.errors import BuildError, Problem, Refused, RefusalError, counted, printable, quoted

if TYPE_CHECKING:
    from generator.commands.check import CheckReport, Finding
    from generator.commands.websub import Feed, SiteFeeds
    from generator.load.config import Config
# Each command imports the stages it uses when it runs, so `digest --version` and `--help` load none of
# them (YAML, sqlite3, multiprocessing), and an up-to-date build loads no Markdown, Jinja or feed code.

EXAMPLES = """examples:
  digest build                         build content/ into site/
  digest build --base-url https://example.org/digest/
  digest build --drafts --future       include drafts and future-dated articles
"""
OVERVIEW = """a day with digest:
  digest init my-digest && cd my-digest    start a project (or work in an existing one)
  digest new "Judul artikel" --companies Google --tags ai
  digest serve                             preview at http://127.0.0.1:8000/, reloads on save
  digest check                             what the front matter misses: mentions, duplicates, tags
  digest build                             write the site into site/

'digest COMMAND --help' shows each command's options and examples.
"""
INIT_EXAMPLES = """examples:
  digest init my-digest                make my-digest/ with config.yaml, content/ and the deploy files
  cd my-digest && digest build         it builds at once, with the theme inside the package
"""
NEW_EXAMPLES = """examples:
  digest new "OpenAI luncurkan GPT-5"
  digest new "Nvidia dan Indosat bangun pusat AI" --section Asia --tags chip,pusat-data \\
      --companies nvidia,indosat --source-url https://www.reuters.com/technology/...
  digest new "Rencana rilis" --draft   mark it 'draft: true' (left out unless --drafts)
"""
SERVE_EXAMPLES = """examples:
  digest serve                         preview at http://127.0.0.1:8000/ (plus the base path)
  digest serve --port 8080 --drafts    another port; include drafts
  digest serve --bind 0.0.0.0          let other devices on the network see it (careful: drafts too)
  digest serve --bind 0.0.0.0 --allow-host mybox.local
                                       ... and open it as http://mybox.local:8000/
"""
CHECK_EXAMPLES = """examples:
  digest check                         list problems, warnings and hints
  digest check --strict                exit 1 on warnings too (for CI)
  digest check --format json > check.json

exit status: 0 no errors (hints and warnings allowed), 1 errors (or warnings with --strict),
2 refused (bad arguments, or outside a project)
"""
IMPORT_EXAMPLES = """examples:
  digest import pelican ~/blog --out kabar            a Pelican project (pelicanconf.py, content/)
  digest import hugo ~/site --out kabar --companies content/companies.yaml
  digest import jekyll ~/site --out kabar             reads _posts/, pages and static files

exit status: 0 imported (import-report.txt lists what was not converted), 1 unreadable --companies
file or a failed write, 2 refused (the --out folder is not new or empty, PATH is no such site)
"""
PING_EXAMPLES = """examples:
  digest build && digest ping          announce the feeds the build changed to feeds.websub_hub
  digest ping --dry-run                list them without sending anything
  digest ping --all                    announce every feed again (after changing hubs)
  digest ping --output public          announce the feeds of 'digest build --output public'

exit status: 0 every changed feed announced (or nothing changed), 1 the hub refused or could not be
reached for some feed (they are announced again next time), 2 refused (outside a project, no feeds.websub_hub, no
built site, a --base-url the site was not built with)
"""
PROGRESS_MIN_ARTICLES = 300
"""Builds with more articles than this show a progress bar, on a terminal only."""
STAGES = {"articles": "Reading articles", "pages": "Rendering pages"}


def build_now() -> datetime:
    """'Now' for leaving out future articles: SOURCE_DATE_EPOCH when set, so CI builds are reproducible.

    A value that is not a whole number is refused rather than ignored: ignoring it would make
    a build that was meant to be pinned quietly depend on the clock.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if not epoch:
        return datetime.now(timezone.utc)
    if re.fullmatch(r"-?[0-9]+", epoch.strip()):
        seconds = int(epoch)
        if not EPOCH_RANGE[0] <= seconds <= EPOCH_RANGE[1]:  # a date has four digits of year
            where = "past the year 9999" if seconds > 0 else "before the year 1"
            raise _bad_epoch(f"{quoted(epoch)} is {where}, which a date cannot hold (from {EPOCH_RANGE[0]} to "
                             f"{EPOCH_RANGE[1]}: 0001-01-01 to 9999-12-31 UTC); set it to the time to build as of, "
                             "such as SOURCE_DATE_EPOCH=$(git log -1 --format=%ct), or unset it")
        return datetime.fromtimestamp(seconds, timezone.utc)
    raise _bad_epoch(f"{quoted(epoch)} is not a whole number of seconds since 1970-01-01 UTC; set it to one, such as "
                     "SOURCE_DATE_EPOCH=$(git log -1 --format=%ct), or unset it")


def _bad_epoch(why: str) -> Refused:
    """The refusal of a SOURCE_DATE_EPOCH that is no time: 'SOURCE_DATE_EPOCH='abc' is …' in the terminal, a problem
    at SOURCE_DATE_EPOCH in ``digest check --format json``."""
    return Refused(Problem("SOURCE_DATE_EPOCH", 0, "", why), f"SOURCE_DATE_EPOCH={why}")


EPOCH_RANGE = (-62135596800, 253402300799)
"""The SOURCE_DATE_EPOCH values a date can hold: 0001-01-01 00:00:00 to 9999-12-31 23:59:59 UTC."""


def given_epoch() -> str:
    """SOURCE_DATE_EPOCH as set ('' unset), for messages that name it where it leaves articles out
    (``BuildOptions.epoch``): build and check read 'now' from it (``build_now``)."""
    return os.environ.get("SOURCE_DATE_EPOCH", "").strip()


def source_folders(config: Config) -> list[Path]:
    """Folders an output folder must never overlap."""
    from generator.load.layout import layout
    return list(layout(config).sources())


MAX_JOBS = 256
"""Most processes ``--jobs`` may ask for: each is a copy of the build, so a typo such as 10000 must not fork them."""


def _whole(low: int, high: int, fix: str) -> Any:
    """An argparse type: a whole number from ``low`` to ``high``, else a usage error ending with ``fix``."""
    def whole(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{quoted(text)} is not a whole number; {fix}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is out of range; {fix}")
        return value
    return whole


def _seconds(text: str) -> float:
    """An argparse type: a finite number of seconds, more than 0 and at most an hour (a socket's timeout)."""
    fix = "give the seconds to wait, more than 0 and at most 3600, such as 10"
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{quoted(text)} is not a number; {fix}") from None
    if value != value:  # NaN
        raise argparse.ArgumentTypeError(f"{quoted(text)} is not a number; {fix}")
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(f"{text} is out of range; {fix}")
    return value


class _UsageError(Exception):
    """A command line argparse does not take, raised where argparse would print it and exit: ``main`` prints it,
    as argparse would, and with ``--format json`` also as ``digest check``'s document."""

    def __init__(self, parser: argparse.ArgumentParser, message: str) -> None:
        super().__init__(message)
        self.parser, self.message = parser, message


class _Parser(argparse.ArgumentParser):
    """argparse's parser (and its subcommands'), raising ``_UsageError`` instead of printing and exiting."""

    def error(self, message: str) -> NoReturn:
        raise _UsageError(self, message)


def _json_asked(argv: Sequence[str]) -> bool:
    """Whether ``digest check --format json`` is asked anywhere on the command line (``--format=json``, or
    abbreviated as argparse takes it, ``--form json``), though the line does not parse."""
    for at, token in enumerate(argv):
        option, equals, value = token.partition("=")
        if len(option) > 3 and "--format".startswith(option):
            if (value if equals else (argv[at + 1] if at + 1 < len(argv) else "")) == "json":
                return "check" in argv
    return False


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="digest", description="Build a news-digest site from Markdown articles.",
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=OVERVIEW)
    parser.add_argument("--version", action="version", version="%(prog)s " + __import__("generator").__version__)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    b = commands.add_parser("build", help="build the site into the output folder",
                            description="Build content/ and the theme into the output folder (site/ by default).",
                            formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EXAMPLES)
    b.add_argument("--config", default="config.yaml", metavar="PATH", help="config file (default: config.yaml)")
    b.add_argument("--output", metavar="DIR", help="output folder (default: config's output_dir, 'site')")
    b.add_argument("--base-url", metavar="URL", help="override base_url, e.g. for a preview deploy")
    _add_environment(b)
    b.add_argument("--drafts", action="store_true", help="include articles with 'draft: true'")
    b.add_argument("--future", action="store_true", help="include articles dated in the future")
    b.add_argument("--strict", action="store_true", help="treat warnings as errors")
    b.add_argument("--jobs", "-j", type=_whole(1, MAX_JOBS, f"give 1 to {MAX_JOBS} processes"), metavar="N",
                   help="processes to use (default: one per core)")
    b.add_argument("--no-cache", action="store_true", help="ignore .cache/ and build everything from scratch")
    b.add_argument("--allow-empty", action="store_true",
                   help="publish a site with no articles even if the last build had some")
    _add_verbosity(b, "also say how many pages were rendered or reused, and how many files got new bytes")

    i = _command(commands, "init", "start a new project in a folder", INIT_EXAMPLES, "also list every file made",
                 "Make a new digest project in DIR: config.yaml, content/ with one example article and a small "
                 "companies.yaml, .gitignore, and what CI needs to deploy it: .github/workflows/deploy.yml (GitHub "
                 "Pages), .gitlab-ci.yml (GitLab Pages) and requirements.txt. DIR must be new or empty (but for "
                 "hidden entries init does not write, such as a repository's .git/); nothing is ever overwritten.",
                 config=False)
    i.add_argument("dir", metavar="DIR", help="folder to create (or an empty one)")

    n = _command(commands, "new", "write a new article dated today", NEW_EXAMPLES,
                 "also show how each company name was resolved",
                 "Write content/YYYY/MM/<slug>.md with complete front matter: today's date and time in the site's "
                 "time zone, and companies resolved to their names in companies.yaml. Prints the file's path. "
                 "Never overwrites a file.")
    n.add_argument("title", metavar="TITLE", help="the article's title, in quotes; the file name is made from it")
    n.add_argument("--section", default="", metavar="S", help="section (rubrik), e.g. Asia")
    n.add_argument("--tags", metavar="A,B", help="comma-separated tags")
    n.add_argument("--companies", metavar="X,Y", help="comma-separated company names or aliases from companies.yaml")
    n.add_argument("--source-url", default="", metavar="URL", help="link to the original article")
    n.add_argument("--draft", action="store_true", help="write 'draft: true'")
    n.add_argument("--date", default="", metavar="WHEN", help="the article's date, if not now: 2025-06-13, "
                   "'2025-06-13 09:00' (in the site's timezone), as a news page prints it, '13 Juni 2025 09.00 WIB', "
                   "'June 13, 2025 9:00 AM', or a day from today, "
                   "'besok 09:00' ('hari ini', 'kemarin', 'lusa', '2 hari lalu'; 'today', 'yesterday', 'tomorrow', "
                   "'2 days ago')")

    s = _command(commands, "serve", "preview the site locally, rebuilding on every change", SERVE_EXAMPLES,
                 "also log every request",
                 "Build into .cache/serve/PORT/ (never site/, so local addresses cannot be deployed) and serve it under "
                 "the site's base path, with base_url pointed at the local address. Watches content/, the config, "
                 "templates/, static/ and the theme; rebuilds on change and reloads open browser tabs. While the "
                 "build is broken, pages show the problems (file:line). Ctrl-C stops it.")
    s.add_argument("--port", type=_whole(0, 65535, "give a port from 1 to 65535, or 0 for any free one"), default=8000,
                   metavar="N", help="port to listen on (default: 8000; 0: any free port)")
    s.add_argument("--bind", default="127.0.0.1", metavar="ADDRESS",
                   help="address to listen on (default: 127.0.0.1, this computer only)")
    s.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                   help="also answer requests for this host name (repeatable); by default only localhost, "
                        "loopback and bound addresses are answered, against DNS rebinding")
    s.add_argument("--drafts", action="store_true", help="include articles with 'draft: true'")
    s.add_argument("--future", action="store_true", help="include articles dated in the future")
    s.add_argument("--allow-empty", action="store_true",
                   help="publish a site with no articles even if the last build had some")
    _add_environment(s)

    c = _command(commands, "check", "validate everything without writing the site", CHECK_EXAMPLES,
                 "also count the findings of each check",
                 "Report what 'digest build' would (front matter, config, registry, templates), broken links in "
                 "articles, and what a curator misses: companies mentioned but not listed in 'companies:' (by name "
                 "or alias, whole words) or listed but never mentioned, two articles with the same source.url, tags "
                 "spelled differently only in case or punctuation, and (as hints) sections and companies used by a "
                 "single article.")
    c.add_argument("--strict", action="store_true", help="exit 1 on warnings too (hints never fail)")
    c.add_argument("--format", choices=("text", "json"), default="text",
                   help="text (default): one 'path:line: field ...' line each; json: stable, for CI")
    c.add_argument("--drafts", action="store_true", help="count drafts as published when checking links")
    c.add_argument("--future", action="store_true", help="count future articles as published when checking links")
    _add_environment(c)
    c.add_argument("--links", metavar="DIR", help="instead, crawl the built site in DIR: every internal link, feed "
                                                  "and sitemap entry must land on one of its files (for CI, after "
                                                  "the build)")
    c.add_argument("--base-url", metavar="URL", help="the base URL the site is built for, as 'digest build "
                                                     "--base-url' takes it: links in articles are checked under its "
                                                     "path; with --links, the crawl's (default: the config's)")

    m = _command(commands, "import", "convert a Pelican, Hugo or Jekyll site into a new project", IMPORT_EXAMPLES,
                 "also list every normalised date and everything to check by hand",
                 "Convert the articles, pages and static files of the site at PATH into a new project in DIR, "
                 "which must be new or empty (but for hidden entries, such as a repository's .git/). Writes "
                 "import-report.txt (what was converted, left out and changed) and the old URL → new URL redirects "
                 "as static/_redirects and redirects.nginx.conf. "
                 "With --companies, registry companies named in an article are listed in its front matter.",
                 config=False)
    m.add_argument("generator", choices=("pelican", "hugo", "jekyll"), help="what built the old site")
    m.add_argument("path", metavar="PATH", help="the old site's root folder")
    m.add_argument("--out", required=True, metavar="DIR", help="folder for the new project (new or empty)")
    m.add_argument("--companies", metavar="FILE", help="a companies.yaml to find companies with; copied into DIR")
    m.add_argument("--config-dir", metavar="DIR", help="Hugo: the --configDir the site was built with (default: config)")
    m.add_argument("--environment", "-e", metavar="NAME",
                   help="Hugo: the environment the site was built with, whose config folder is read over _default/ "
                        "(default: HUGO_ENVIRONMENT, else HUGO_ENV, else production, as Hugo reads it)")
    p = _command(commands, "ping", "tell the WebSub hub which feeds changed", PING_EXAMPLES,
                 "also list the feeds that did not change",
                 "Announce to feeds.websub_hub every feed of the built site (output_dir, or --output) whose bytes "
                 "differ from the last ones announced, one WebSub publish request per feed URL. What was announced "
                 "is kept in .cache/websub.json (each output folder its own), so a feed the hub refused is announced "
                 "again by the next ping.")
    p.add_argument("--output", metavar="DIR", help="the folder 'digest build --output DIR' wrote (default: config's "
                                                   "output_dir, 'site')")
    p.add_argument("--base-url", metavar="URL", help="not needed: the feeds are announced at the URLs they name; "
                                                     "given, it must be the one the site was built with")
    p.add_argument("--all", action="store_true", help="announce every feed, changed or not")
    p.add_argument("--dry-run", action="store_true", help="only list what would be announced")
    p.add_argument("--timeout", type=_seconds, default=10.0, metavar="S",
                   help="seconds to wait for the hub (default 10)")
    _add_environment(p)
    return parser


def _add_environment(command: argparse.ArgumentParser) -> None:
    """--environment, the same on build, check and serve."""
    command.add_argument("--environment", "-e", metavar="NAME",
                         help="merge config.NAME.yaml over config.yaml, e.g. staging (drafts shown, noindex)")


def _command(commands: argparse._SubParsersAction[argparse.ArgumentParser], name: str, summary: str, examples: str,
             verbose: str, description: str, config: bool = True) -> argparse.ArgumentParser:
    """A subcommand with what they all share: a folded description, examples, --config, --quiet/--verbose."""
    command = commands.add_parser(name, help=summary, description=textwrap.fill(description, 88), epilog=examples,
                                  formatter_class=argparse.RawDescriptionHelpFormatter)
    if config:
        command.add_argument("--config", default="config.yaml", metavar="PATH", help="config file (default: config.yaml)")
    _add_verbosity(command, verbose)
    return command


def _add_verbosity(command: argparse.ArgumentParser, verbose: str) -> None:
    """--quiet and --verbose, the same on every command."""
    group = command.add_mutually_exclusive_group()
    group.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    group.add_argument("-v", "--verbose", action="store_true", help=verbose)


class _ProgressBar:
    """A rich progress bar on stderr for builds of many articles, on a terminal only (never in CI logs)."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None
        self.tasks: dict[str, Any] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            if stage != "articles" or total <= PROGRESS_MIN_ARTICLES:
                self.enabled = False
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            self.bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                TimeElapsedColumn(), console=Console(stderr=True), transient=True)
            self.bar.start()
        if stage not in self.tasks:
            self.tasks[stage] = self.bar.add_task(STAGES.get(stage, stage), total=total or None)
        self.bar.update(self.tasks[stage], completed=done)

    def __enter__(self) -> _ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(printable(str(problem)), file=sys.stderr)


def _given_base_url(args: argparse.Namespace) -> dict[str, Any] | None:
    """``--base-url`` as the config override it is (build, ``check --links``, ping), checked as ``base_url`` is."""
    return {"base_url": args.base_url} if args.base_url else None


def _load_build_config(path: Path, overrides: dict[str, Any] | None, environment: str | None,
                       put_back_into: bool = False, drafts: bool = False) -> Config:
    """The config, or one BuildError with the config's problems and, when the config can still be
    read, the content's problems too: the editor fixes both in one pass. ``put_back_into``: a config that
    can still be read names the output folder, where a killed swap's live site is put back (``put_back``).
    ``drafts``: ``--drafts`` was given, so the drafts' warnings are said (the config's ``drafts:`` counts too)."""
    from generator.load.config import ConfigError, load_config

    try:
        return load_config(path, overrides, environment)
    except ConfigError as e:
        from generator.build import content_problems
        from generator.core.models import BuildOptions
        config = e.usable or e.zoneless  # a bad timezone: what does not depend on the zone is read all the same
        if config is None:
            raise
        if put_back_into:  # a killed swap is repaired even by a build that stops here
            from generator.write.output import put_back
            put_back(config.path(config.output_dir))
        problems = list(e.problems)
        from generator.load.layout import layout
        from generator.load.registry import load_registry

        where = layout(config)
        zone_known = e.usable is not None
        options = BuildOptions(drafts=drafts or config.drafts)
        try:
            registry = load_registry(where.registry, where.registry_rel)
        except BuildError as registry_error:
            raise BuildError([*problems, *registry_error.problems,
                              *content_problems(config, options, zone_known=zone_known)]) from None
        raise BuildError([*problems, *content_problems(config, options, registry, zone_known)]) from None


def cmd_build(args: argparse.Namespace) -> int:
    from generator.core.models import BuildOptions
    from generator.write.output import check_target, make_parent, put_back, shut_out
    from generator.load.layout import layout
    from generator.core.parallel import default_workers
    from generator.write.publish import publish

    started = time.perf_counter()
    config_path = Path(args.config)
    now = build_now()
    if args.output:  # a killed swap is repaired first, even by a build that then stops on a broken config.yaml
        put_back(Path(args.output))
    config = _load_build_config(config_path, _given_base_url(args), args.environment, not args.output, args.drafts)
    target = Path(args.output) if args.output else config.path(config.output_dir)
    check_target(target, config.root, source_folders(config), layout(config).cache)
    made = make_parent(target)
    options = BuildOptions(drafts=args.drafts or config.drafts, future=args.future, now=now,
                           workers=args.jobs or default_workers(), epoch=given_epoch())
    # a build that writes nothing removes the folders it made for the output, under its lock (``build_lock``)
    with _ProgressBar(sys.stderr.isatty() and not args.quiet) as progress:
        done = publish(config, options, target, strict=args.strict, progress=progress,
                       use_cache=not args.no_cache, allow_empty=args.allow_empty, made=made)
    if args.verbose:
        for note in done.notes:
            print(note, file=sys.stderr)
    _print_problems(done.warnings + done.late + shut_out(target))
    if args.strict and (warned := [p for p in done.warnings if p.severity == "warning"]):
        print(f"error: {counted(len(warned), 'warning')} and --strict is on; nothing was written", file=sys.stderr)
        return 1
    seconds = time.perf_counter() - started
    if done.result is None:
        if not args.quiet:
            print(f"up to date: {counted(done.articles, 'article')}, nothing changed since the last build "
                  f"({seconds:.2f} s) → {printable(_shown(target))}")
        return 0
    result = done.result
    if args.verbose and done.written is not None:
        print(f"{counted(result.pages + result.feeds - result.reused, 'page')} and feeds rendered, "
              f"{result.reused} reused; {counted(done.written.written, 'file')} got new bytes")
    if not args.quiet:
        print(f"built {counted(result.articles, 'article')}, {counted(result.pages, 'page')}, "
              f"{counted(result.feeds, 'feed')} in {seconds:.2f} s → {printable(_shown(target))}"
              f"{_left_out(result.skipped_drafts, result.skipped_future)}")
    return 0


def _left_out(drafts: int, future: int) -> str:
    """' (left out: 1 draft, 2 future-dated; see --drafts, --future)', or '' when nothing was."""
    skipped = [*([counted(drafts, "draft")] if drafts else []), *([f"{future} future-dated"] if future else [])]
    return f" (left out: {', '.join(skipped)}; see --drafts, --future)" if skipped else ""


def _shown(path: Path) -> str:
    """A path as the user would type it: relative to the current folder when it is below it."""
    rel = os.path.relpath(path)
    return path.as_posix() if rel.startswith("..") else rel


def _next(path: Path, commands: str) -> str:
    """A 'next:' line running ``commands`` in ``path``, safe to paste: its 'cd' quoted, './-x' for a folder named like
    an option, and none for the folder the command was run in ('digest init .')."""
    if path.resolve() == Path.cwd().resolve():
        return f"next: {commands}"
    shown = _shown(path)
    return f"next: cd {shlex.quote('./' + shown if shown.startswith('-') else shown)} && {commands}"


def cmd_init(args: argparse.Namespace) -> int:
    """`digest init DIR`: a project that builds at once, so a new user starts from something that works."""
    started = time.perf_counter()
    target = Path(args.dir)
    from generator.commands.scaffold import init_project

    made = init_project(target)
    if args.verbose:
        for rel in made:
            print(f"  {_shown(target / rel)}")
    if not args.quiet:
        print(f"created a news digest in {_shown(target)} ({counted(len(made), 'file')}) "
              f"in {time.perf_counter() - started:.2f} s\n"
              + _next(target, 'digest new "Judul artikel" && digest serve'))
    from generator.commands.scaffold import starter_requirement
    if (note := starter_requirement()[1]) and not args.quiet:
        print(f"note: {note}", file=sys.stderr)
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """`digest new TITLE`: prints the new file's path, so an editor can open it straight away."""
    from generator.load.config import load_config

    config = load_config(Path(args.config))
    from generator.commands.scaffold import NewArticle, new_article, split_list

    request = NewArticle(_typed(args.title), _typed(args.section), split_list(_typed(args.tags)),
                         split_list(_typed(args.companies)), _typed(args.source_url), args.draft, _typed(args.date))
    written = new_article(config, request, build_now())
    if args.verbose:
        for typed, canonical in written.companies:
            print(f"company {quoted(typed)} is {quoted(canonical)} in the registry" if typed != canonical
                  else f"company {quoted(canonical)} found in the registry")
    if not args.quiet:
        print(_shown(written.path))
    return 0


def _interrupt(signum: int, frame: object) -> None:
    """SIGTERM (from `kill` or a process manager) stops the server the way Ctrl-C does."""
    raise KeyboardInterrupt


def cmd_serve(args: argparse.Namespace) -> int:
    """`digest serve`: runs until Ctrl-C (or SIGTERM), which is its normal end, so it exits 0."""
    build_now()  # a bad SOURCE_DATE_EPOCH is refused now, not on every rebuild
    from generator.commands.serve import PreviewServer, Rebuilt, ServeOptions

    def on_build(outcome: Rebuilt) -> None:
        changed = outcome.changed[:3] + (("and more",) if len(outcome.changed) > 3 else ())
        cause = f" after changes to {', '.join(changed)}" if changed else ""
        if outcome.timed:
            cause = " as a scheduled article fell due or a week ended"
        if outcome.restored:
            cause = " as a page was asked for and the preview folder had been deleted"
        if outcome.busy:
            print(f"waiting: {outcome.problems[0]}", file=sys.stderr)
            return
        _print_problems(outcome.problems)
        if outcome.crash:
            print(outcome.crash, file=sys.stderr)
        if not outcome.ok:
            print(f"error: the build failed{cause}; open pages show the problems until they are fixed", file=sys.stderr)
        elif not args.quiet:
            print(f"built {counted(outcome.articles, 'article')} in {outcome.seconds:.2f} s{cause}"
                  f"{_left_out(*outcome.left_out)}", flush=True)

    def on_request(line: str) -> None:
        print(line, file=sys.stderr)

    options = ServeOptions(Path(args.config), args.bind, args.port, args.drafts, args.future, tuple(args.allow_host),
                           environment=args.environment, allow_empty=args.allow_empty)
    server = PreviewServer(options, build_now, on_build, on_request if args.verbose else None)
    if not server.local_only:  # once it listens: not before a --bind that is refused, and on the address it took
        print(f"warning: listening on {server.bound} port {server.port}: other computers can see this preview",
              file=sys.stderr)
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:  # a Ctrl-C from here on, even during the first build or before "serving" is printed, stops the preview
        server.start()
        if not args.quiet:
            print(f"serving {server.url} (Ctrl-C to stop)", flush=True)
        server.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
        signal.signal(signal.SIGTERM, previous)
    if not args.quiet:
        print("stopped")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """`digest check`: findings on stdout (text or JSON), the summary where it cannot spoil the JSON."""
    started = time.perf_counter()
    if args.links:
        return _crawl(args, started)
    from generator.commands.check import CheckReport, run_check
    from generator.core.models import BuildOptions
    from generator.core.parallel import default_workers

    try:
        options = BuildOptions(drafts=args.drafts, future=args.future, now=build_now(), workers=default_workers(),
                               epoch=given_epoch())
        report = run_check(Path(args.config), options, args.environment, _given_base_url(args))
    except (RefusalError, BuildError, OSError) as e:  # refused (exit 2) or failed (exit 1), as main says on stderr;
        if args.format == "json":  # a CI reading stdout still gets a document saying why
            _print_json(CheckReport(0, tuple(_failed_check(e))))
        raise
    if args.format == "json":
        _print_json(report)
    else:
        for finding in report.findings:
            if not (args.quiet and finding.problem.severity == "hint"):
                print(printable(str(finding.problem)))
    if args.verbose:
        for note in report.notes:
            print(note, file=sys.stderr)
        counts: dict[str, int] = {}
        for finding in report.findings:
            counts[finding.code] = counts.get(finding.code, 0) + 1
        for code in sorted(counts):
            print(f"  {code}: {counts[code]}", file=sys.stderr)
    errors, warnings = report.count("error"), report.count("warning")
    if not args.quiet:
        done = f"stopped at {report.stopped_at}" if report.stopped_at else f"checked {counted(report.articles, 'article')}"
        after = f"; {report.waiting} are checked once it is fixed" if report.stopped_at else ""
        print(f"{done} in {time.perf_counter() - started:.2f} s: "
              f"{counted(errors, 'error')}, {counted(warnings, 'warning')}, {counted(report.count('hint'), 'hint')}"
              f"{after}", file=sys.stderr if args.format == "json" else sys.stdout)
    return 1 if errors or (args.strict and warnings) else 0


def _failed_check(error: RefusalError | BuildError | OSError) -> Iterator[Finding]:
    """What ended ``digest check`` before its report, as findings for its JSON document: the refusal's or the build's
    problems, or the one line ``main`` prints for it (a refusal with no place has path '')."""
    from generator.commands.check import Finding
    if isinstance(error, BuildError):
        yield from (Finding(p, "build") for p in error.problems)
    elif isinstance(error, Refused):
        yield Finding(error.problem, "config")
    elif isinstance(error, OSError):
        name = printable(os.fsdecode(error.filename)) if isinstance(error.filename, (str, bytes)) else ""
        yield Finding(Problem(name, 0, "", _system_error(error).removeprefix(f"{name}: " if name else "")), "config")
    else:
        yield Finding(Problem("", 0, "", str(error)), "config")


def _print_json(report: CheckReport) -> None:
    """``digest check --format json``'s document on stdout."""
    text = json.dumps(report.to_json(), sort_keys=True, indent=2, ensure_ascii=False)
    # a file name that is not UTF-8 becomes a JSON escape (\udce9), not an invalid byte in the output
    print(text.encode("utf-8", "backslashreplace").decode("utf-8"))


def _crawl(args: argparse.Namespace, started: float) -> int:
    """`digest check --links DIR`: the built folder's broken links, one line each (with ``--format json``, the
    check's document, whatever ends the crawl); exit 1 if any."""
    from generator.commands.check import CheckReport, Finding
    from generator.load.config import load_config

    try:
        config = load_config(Path(args.config), _given_base_url(args), args.environment)
        folder = Path(args.links)
        if not folder.is_dir():
            raise Refused(Problem(_shown(folder), 0, "", "--links: no such folder; build the site first (digest build)"),
                          f"--links {args.links}: no such folder; build the site first (digest build)")
        if why := _not_built(folder):  # /usr, a home folder: a crawl of every file in it
            built = config.path(config.output_dir)  # what to give instead: the config's output folder, once built
            raise RefusalError(f"refusing to crawl {args.links}: {why}; " + (
                "build the site into it first (digest build)" if built.resolve() == folder.resolve() else
                f"give the folder 'digest build' wrote, e.g. --links {_shown(built)}"))
        from generator.commands.linkcheck import crawl, read_site
        from generator.core.urls import TRAILING_DOT

        files = read_site(folder)
    except (RefusalError, BuildError, OSError) as e:
        if args.format == "json":  # a CI reading stdout still gets a document saying why
            _print_json(CheckReport(0, tuple(_failed_check(e))))
        raise
    broken, dotted = crawl(files, config.base_url)
    findings = [Finding(Problem(_shown(folder / page), 0, "", f"broken link {quoted(ref)}: {why}"), "broken-link")
                for page, ref, why in broken]
    # the site's own link all the same (checked above): the exit status stays
    findings += [Finding(Problem(_shown(folder / page), 0, "", f"link {quoted(ref)} {TRAILING_DOT}; write "
                                 f"{quoted(plain)}", "warning"), "broken-link") for page, ref, plain in dotted]
    if args.format == "json":
        _print_json(CheckReport(0, tuple(findings)))
    else:
        for finding in findings:
            print(finding.problem)
    if not args.quiet:
        print(f"crawled {counted(len(files), 'file')} in {time.perf_counter() - started:.2f} s: "
              f"{counted(len(broken), 'broken link')}" + (f", {counted(len(dotted), 'warning')}" if dotted else ""),
              file=sys.stderr if args.format == "json" else sys.stdout)
    return 1 if broken else 0


def _not_built(folder: Path) -> str:
    """Why ``folder`` is no site 'digest build' wrote, or '': a built site has its marker and its home page at its top,
    and a crawl of anything else (/usr, a home folder) would read every file below it."""
    from generator.write.output import MARKER, built_site_holding, read_tree

    resolved = folder.resolve()
    if resolved in (Path(resolved.anchor), Path.home().resolve()):
        return f"it is {'the file system root' if resolved == Path(resolved.anchor) else 'the home folder'}, not a built site"
    if read_tree(folder) is None:
        if (holder := built_site_holding(resolved.parent)) is not None:
            return f"it is a folder inside the built site {_shown(holder)}, whose pages link each other"
        return f"digest did not build it (no {MARKER} file in it), so it is not a built site"
    if not (folder / "index.html").is_file():
        return "it has no index.html at its top (a built site's home page), so it is not a whole built site"
    return ""


def cmd_ping(args: argparse.Namespace) -> int:
    """`digest ping`: one line per feed announced or refused, then a count."""
    from generator.load.config import load_config, normalise_base_url, same_address
    from generator.commands.websub import ping, site_feeds
    from generator.write.output import MARKER, read_tree
    from generator.write.publish import cache_for

    config = load_config(Path(args.config), _given_base_url(args), args.environment)
    if not config.websub_hub:
        raise RefusalError(f"{config.config_path}: feeds.websub_hub is not set; add 'feeds: {{websub_hub: URL}}' "
                           "with your hub's address")
    site = Path(args.output) if args.output else config.path(config.output_dir)  # as build's --output
    if not site.is_dir():
        raise RefusalError(f"{_shown(site)}: no built site; run 'digest build' first")
    if read_tree(site) is None:  # '.', 'content': feeds made up from whatever lies there, or none, and a record
        raise RefusalError(f"{_shown(site)}: no built site: digest did not build this folder (no {MARKER} file in "
                           "it); " + ("give --output the folder 'digest build --output DIR' wrote" if args.output
                                      else "run 'digest build' first"))
    found = site_feeds(site, config.base_url)
    feeds, built = found.own, found.built_for
    if args.base_url and built and same_address(normalise_base_url(built)) != same_address(config.base_url):
        raise RefusalError(f"--base-url {printable(args.base_url)}: {_shown(site)} was built for {printable(built)} "
                           "(its feed.xml says so), and ping announces the URLs its feeds name; leave --base-url "
                           "out, or build it again with this one")
    # the record of what the hub has is the output folder's: staging's site/ is not production's
    result = ping(config.websub_hub, feeds, cache_for(config, site), args.all, args.dry_run, args.timeout)
    verb = "would announce" if args.dry_run else "announced"
    base = printable(built or config.base_url)
    # files nobody meant to publish, by path: said by every ping, in every CI log (not only with -v), until fixed
    warned = {feed.path: f"it names {printable(feed.url)} as its own, not a URL of {base}, so it is another site's "
                         "feed, copied into this one; link to that feed instead (readers of a copy get no new items), "
                         "or delete the copy from the static files" for feed in found.others}
    warned |= {feed.path: _misplaced(feed, served, found, base) for feed, served in found.misplaced}
    for path, why in sorted(warned.items()):
        print(f"{_shown(site / path)}: warning: not announced: {why}", file=sys.stderr)
    for feed, why in result.failed:
        print(f"{_shown(site / feed.path)}: not announced: {why}; 'digest ping' will try again", file=sys.stderr)
    if result.untried:
        print(f"{counted(len(result.untried), 'other feed')} not tried, as the hub could not be reached; "
              "'digest ping' will try them again", file=sys.stderr)
    if result.unsaved:
        print(f"{printable(result.unsaved[0])}: warning: cannot be written ({result.unsaved[1]}), so the next "
              "'digest ping' announces these feeds again (hubs take that); make .cache/ a writable folder",
              file=sys.stderr)
    if not args.quiet:
        for feed in result.announced:
            print(f"{verb} {printable(feed.topic)}")  # what the hub is told
        if args.verbose:
            for feed in result.same:
                print(f"unchanged {printable(feed.url)}")
        print(f"{verb} {counted(len(result.announced), 'feed')} to {config.websub_hub}; "
              f"{result.unchanged} unchanged, {len(result.failed) + len(result.untried)} failed")
    return 1 if result.failed or result.untried else 0


def _misplaced(feed: Feed, served: str, found: SiteFeeds, base: str) -> str:
    """Why ``feed``, which names a URL of the site's host other than ``served``, the one it is served at, is not
    announced: the hub fetches the URL it is told, and readers subscribe to it."""
    from generator.core.urls import DOT_WHY

    what = [f"a URL of this host outside {base}"] if feed in found.outside else []
    if feed in found.other_scheme:  # 'http://' on an 'https://' site
        what.append(f"an {feed.url.partition(':')[0].lower()}:// URL of this {base.partition(':')[0].lower()}:// site")
    if feed in found.dotted:
        what.append(f"with the host's trailing dot ({DOT_WHY})")
    return (f"it names {printable(feed.url)} as its own" + "".join(f", {w}" for w in what) + f", but it is served at "
            f"{printable(served)}, and the hub would fetch {printable(feed.url)}; write {printable(served)} as its "
            + ("feed_url" if feed.path.endswith(".json") else 'self link (rel="self")'))


def cmd_import(args: argparse.Namespace) -> int:
    """`digest import`: the counts and what was left out, so nothing is dropped without a word."""
    from generator.commands.importer import import_site
    from generator.commands.importer.report import REPORT

    target = Path(args.out)
    how = None
    if args.generator == "hugo" or args.config_dir or args.environment:
        from generator.commands.importer.hugo import HugoBuild
        how = HugoBuild(args.config_dir or "config", args.environment or os.environ.get("HUGO_ENVIRONMENT")
                        or os.environ.get("HUGO_ENV") or "production")
    done = import_site(args.generator, Path(args.path), target, Path(args.companies) if args.companies else None, how)
    if not args.quiet:
        print(f"imported {done.summary()} → {_shown(target)}")
        for line in (line for note in done.skipped for line in note.said()):
            print(f"  not converted: {line}")
        if args.verbose:
            for rel, typed, written in done.dates:
                print(f"  date: {rel}: {typed} → {written}")
            for note in done.notes:
                print(f"  check: {note}")
        print(f"report: {_shown(target / REPORT)}\n{_next(target, 'digest build')}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    try:  # a Ctrl-C while the options are read (argparse takes a while to set up) is the same as any other
        parser = _parser()
        try:
            args = parser.parse_args(argv)
        except _UsageError as e:
            _usage_error(e, sys.argv[1:] if argv is None else argv)
        if args.command is None:
            parser.print_help()
            return 2
        commands = {"build": cmd_build, "init": cmd_init, "new": cmd_new, "serve": cmd_serve, "check": cmd_check,
                    "import": cmd_import, "ping": cmd_ping}
        return commands[args.command](args)
    except BuildError as e:
        _print_problems(e.problems)
        print(f"error: {counted(len(e.errors), 'problem')} found; nothing was written", file=sys.stderr)
        return 1
    except RefusalError as e:
        print(f"error: {printable(str(e))}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `digest check --format json | head`: the reader has gone, which is not our error
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except OutputLost as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except OSError as e:  # a file no stage reports itself: a library's data on a failing disk (Babel's locales)
        print(f"error: {_system_error(e)}", file=sys.stderr)
        return 1
    except MemoryError:  # a limit (`ulimit -v`, a container's), in this process or a worker: the writer left nothing
        print(f"error: out of memory: {_MEMORY}", file=sys.stderr)
        return 1
    except ImportError as e:  # a library loaded on first use that could not be: its file mapped (memory), or gone
        print(f"error: a part of digest or of a library it uses could not be loaded ({printable(str(e))}): "
              f"if memory is limited, {_MEMORY}; else install digest again (make site, or pip install .)",
              file=sys.stderr)
        return 1


_MEMORY = ("the command needed more memory than this process may use (a limit such as 'ulimit -v' or a "
           "container's); nothing was written and the output folder is as it was; raise the limit, or use --jobs 1, "
           "which needs less")


def _usage_error(error: _UsageError, argv: Sequence[str]) -> NoReturn:
    """argparse's usage and error on stderr, and its exit (status 2); with ``--format json`` asked, ``digest check``'s document on
    stdout too, as for its other errors, so a CI parsing stdout is told why."""
    if _json_asked(argv):
        from generator.commands.check import CheckReport, Finding
        _print_json(CheckReport(0, (Finding(Problem("", 0, "", f"{error.message}; see 'digest check --help'"),
                                            "config"),)))
    error.parser.print_usage(sys.stderr)
    print(f"{error.parser.prog}: error: {error.message}", file=sys.stderr)
    raise SystemExit(2)


def _system_error(error: OSError) -> str:
    """One line for an OSError that reached ``main``: the file, the system's words and code, and what to do."""
    name = os.fsdecode(error.filename) if isinstance(error.filename, (str, bytes)) else ""
    code = errno.errorcode.get(error.errno or 0, "")
    text = f"{printable(name)}: " if name else ""
    short = {"EMFILE": "Too many files open at once for this shell's limit: raise it (ulimit -n 4096) and build "
                        "again",
              "ENFILE": "The system has too many files open: close some programs and build again",
              "EAGAIN": "The system is short of processes or memory: build again, or with --jobs 1",
              "ENOMEM": "The system is short of memory: build again, or with --jobs 1"}  # not the file's fault
    text += f"{error.strerror or error}" + (f" ({code})" if code else "") + "; digest stopped. "
    text += short.get(code, "Check the disk")
    homes = {Path(sys.prefix), Path(sys.base_prefix), Path(__file__).parents[1]}
    if name and code not in short and any(Path(name).is_relative_to(home) for home in homes):
        text += "; the file is part of digest's installation, so reinstall it if the error stays"
    return text


class OutputLost(Exception):
    """What the command printed could not be written to its standard output (``GuardedOutput``)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(f"the output could not be written to standard output ({error.strerror or error}); "
                         "check the disk or file it goes to")


class GuardedOutput:
    """``sys.stdout`` while the ``digest`` command runs (``run``): a write or flush that fails (a log file on a full
    disk, an I/O error) raises ``OutputLost``, which ``main`` reports in one line, instead of an OSError that would
    end the command with a traceback. A reader that has gone (``BrokenPipeError``) is left to ``main`` as before."""

    def __init__(self, stream: Any) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        return int(self._guarded(self._stream.write, text))

    def flush(self) -> None:
        self._guarded(self._stream.flush)

    @staticmethod
    def _guarded(call: Any, *args: Any) -> Any:
        try:
            return call(*args)
        except BrokenPipeError:
            raise
        except OSError as e:
            raise OutputLost(e) from None

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _utf8_everywhere() -> None:
    """Start again in Python's UTF-8 mode (``-X utf8``) when the locale's encoding is another (``LANG=de_DE`` is
    Latin-1 on Debian; ``LC_ALL=C`` with Python's own fallback to UTF-8 turned off is ASCII).

    Python reads file names in the locale's encoding: under Latin-1 ``kafé-baru.md`` was ``kafÃ©-baru.md``, so the
    article moved to /2025/06/kafa-c-baru/, an image named with 'é' was "not a file of the site", and the summary's
    '→' could not be printed, a traceback after the site was published. Files' contents are UTF-8 whatever the
    locale; in UTF-8 mode their names are too, and so the site is the same under every locale."""
    if sys.flags.utf8_mode or sys.getfilesystemencoding() == "utf-8" or not sys.executable:
        return
    # the arguments go on as the bytes typed, so a path names the file it named; the locale's encoding goes with
    # them, for the ones that are text (``_typed``)
    os.execve(sys.executable, [sys.executable, "-X", "utf8", *sys.orig_argv[1:]],
              {**os.environ, _TYPED_IN: sys.getfilesystemencoding()})


_TYPED_IN = "DIGEST_ARGUMENTS_ENCODING"
"""Set by ``_utf8_everywhere`` for the new process: the encoding the terminal typed the arguments in."""


def _typed(text: str | None) -> str | None:
    """An argument that is text (a title, a section), as the terminal meant it: after the restart in UTF-8 mode,
    'Kafé' typed in a Latin-1 terminal arrives as 'Kaf\\udce9', which no file can hold (a traceback and an empty
    article); read in the terminal's encoding, it is 'Kafé'. Text that is UTF-8 already is kept."""
    encoding = os.environ.get(_TYPED_IN)
    if text is None or not encoding:
        return text
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "surrogateescape").decode(encoding, "replace")
    return text


def run() -> NoReturn:
    """The ``digest`` executable: ``main()``, then the process ends without the interpreter's teardown.

    Python's normal exit frees every object the command left, one by one: after a 10,000-article build about
    0.1–0.2 s of a 1.4 s rebuild, doing nothing anybody sees. Here the exit handlers run (``atexit``) and stdout
    and stderr are flushed, and then ``os._exit`` ends the process. When another thread still runs or stderr
    cannot be flushed, the exit is Python's own, so what it waits for and reports stay as they were. Tests call
    ``main``, which returns.

    A write to stdout that fails, while the command runs or in that last flush, is an error in one line
    (``GuardedOutput``) and exit status 1, not a traceback or a summary lost without a word.
    """
    _utf8_everywhere()
    if sys.stdout is not None:
        sys.stdout = GuardedOutput(sys.stdout)
    code = main()
    if threading.active_count() == 1:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the command is done: a Ctrl-C now would only be a traceback
        run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)
        if run_exit_handlers is not None:
            run_exit_handlers()
            try:
                if sys.stdout is not None:
                    sys.stdout.flush()
            except OutputLost as e:
                print(f"error: {e}", file=sys.stderr)
                code = code or 1
            try:
                if sys.stderr is not None:
                    sys.stderr.flush()
            except (OSError, ValueError):
                pass
            else:
                os._exit(code)
    raise SystemExit(code)


if __name__ == "__main__":  # `python -m generator.commands.cli`, like `python -m generator`
    run()
