"""The ``digest`` command. The only module that prints; problems become exit codes, never tracebacks."""
from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Sequence

from .build import BuildOptions, build
from .config import Config, load_config
from .errors import BuildError, Problem, RefusalError
from .output import build_lock, check_target, write_site

EXAMPLES = """examples:
  digest build                         build content/ into site/
  digest build --base-url https://example.org/digest/
  digest build --drafts --future       include drafts and future-dated articles
"""


def build_now() -> datetime:
    """'Now' for leaving out future articles: SOURCE_DATE_EPOCH when set, so CI builds are reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc)
    return datetime.now(timezone.utc)


def source_folders(config: Config) -> list[Path]:
    """Folders an output folder must never overlap."""
    return [config.path(name) for name in (config.content_dir, config.templates_dir, config.static_dir, "themes")]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="digest", description="Build a news-digest site from Markdown articles.",
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EXAMPLES)
    parser.add_argument("--version", action="version", version="%(prog)s " + __import__("generator").__version__)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    b = commands.add_parser("build", help="build the site into the output folder",
                            description="Build content/ and the theme into the output folder (site/ by default).",
                            formatter_class=argparse.RawDescriptionHelpFormatter, epilog=EXAMPLES)
    b.add_argument("--config", default="config.yaml", metavar="PATH", help="config file (default: config.yaml)")
    b.add_argument("--output", metavar="DIR", help="output folder (default: config's output_dir, 'site')")
    b.add_argument("--base-url", metavar="URL", help="override base_url, e.g. for a preview deploy")
    b.add_argument("--drafts", action="store_true", help="include articles with 'draft: true'")
    b.add_argument("--future", action="store_true", help="include articles dated in the future")
    b.add_argument("--strict", action="store_true", help="treat warnings as errors")
    b.add_argument("-q", "--quiet", action="store_true", help="print only problems")
    return parser


def _print_problems(problems: Sequence[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def cmd_build(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    config_path = Path(args.config)
    config = load_config(config_path, {"base_url": args.base_url} if args.base_url else None)
    target = Path(args.output) if args.output else config.path(config.output_dir)
    check_target(target, config.root, source_folders(config))
    result = build(config, BuildOptions(drafts=args.drafts, future=args.future, now=build_now()))
    _print_problems(result.warnings)
    if args.strict and result.warnings:
        print(f"error: {len(result.warnings)} warning(s) and --strict is on; nothing was written", file=sys.stderr)
        return 1
    with build_lock(target):
        write_site(result.output, target)
    if not args.quiet:
        skipped = []
        if result.skipped_drafts:
            skipped.append(f"{result.skipped_drafts} drafts")
        if result.skipped_future:
            skipped.append(f"{result.skipped_future} future-dated")
        left_out = f" (left out: {', '.join(skipped)}; see --drafts, --future)" if skipped else ""
        print(f"built {result.articles} articles, {result.pages} pages, {result.feeds} feeds "
              f"in {time.perf_counter() - started:.2f} s → {target}{left_out}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        return {"build": cmd_build}[args.command](args)
    except BuildError as e:
        _print_problems(e.problems)
        n = len(e.errors)
        print(f"error: {n} problem{'s' if n != 1 else ''} found; nothing was written", file=sys.stderr)
        return 1
    except RefusalError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
