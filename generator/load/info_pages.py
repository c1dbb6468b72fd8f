"""Pages that are not news: ``content/pages/*.md`` (about, contact, editorial policy).

A page has a title and a body and no date; it is served at ``/<slug>/`` and is never in a
feed, an archive or a term list. ``config.yaml``'s ``menu`` lists the page slugs shown in
every page's footer, in that order.
"""
from __future__ import annotations

import difflib
from pathlib import Path

from generator.load.content import (OTHER_TOOLS, FieldReader, decode, failed_with, find_flat, read_article,
                                    read_redirects, warn_removed)
from generator.core.errors import Problem
from generator.load.frontmatter import (SplitError, Written, YamlError, lines_read, load_yaml_past_slips, read_past,
                                        said_by, split, yaml_problems)
from generator.load.layout import PAGES as PAGES_DIR
from generator.load.markdown import DEFAULT_OPTIONS, MarkdownOptions, render
from generator.core.models import InfoPage
from generator.core.urls import TOP_LEVEL

FIELDS = ("title", "summary", "slug", "draft", "redirects", "lang")
"""Front-matter keys a page may have."""


def find_pages(root: Path, content_dir: str) -> tuple[tuple[tuple[str, str], ...], tuple[Problem, ...]]:
    """Every ``*.md`` directly in ``content/pages/`` (a page's URL is one segment), and what is wrong there."""
    return find_flat(root, content_dir, PAGES_DIR, f"a page is a file directly in {content_dir}/{PAGES_DIR}/ (its URL "
                                                   "is one segment): move the files up, renaming any that clash")


def parse_page(rel: str, data: bytes, markdown: MarkdownOptions = DEFAULT_OPTIONS, static_dir: str = "static",
               base_path: str = "/") -> tuple[InfoPage | None, tuple[Problem, ...]]:
    """One page file → the page (or None) and every problem found in it."""
    text, problems = decode(rel, data)
    if text is None:
        return None, tuple(problems)
    read: list[YamlError] = []
    written: Written = {}
    try:
        parts = split(text, "title: ...")
        meta, lines, slip = load_yaml_past_slips(parts.yaml_text, parts.yaml_line, read, written=written)
    except SplitError as e:
        return None, (Problem(rel, e.line, "", e.message),)
    except YamlError as e:
        return None, tuple(yaml_problems(rel, e))
    if slip is not None:  # the other fields, read as if the slips were written as said, are said in the same run
        problems += yaml_problems(rel, slip)
    problems += said_by(rel, read_past(rel, read), slip)
    if not isinstance(meta, dict):
        return None, (Problem(rel, parts.yaml_line, "", "front matter must be 'key: value' lines, like 'title: About'"),)
    check = FieldReader(rel, meta, lines, lines_read(text, parts.yaml_line, slip), problems, written, slip)
    for key in meta:
        if key == "date":
            check.warn(key, "pages have no date, so it is ignored; remove it, or move the file out of "
                            f"{PAGES_DIR}/ if it is news")
        elif key not in FIELDS and OTHER_TOOLS.get(str(key).lower()) in FIELDS:  # Hugo's 'aliases', 'description'
            check.warn(key, f"unknown field for a page, ignored; this site calls it '{OTHER_TOOLS[str(key).lower()]}'")
        elif key not in FIELDS:
            hint = difflib.get_close_matches(str(key), FIELDS, n=1)
            check.warn(key, "unknown field for a page, ignored; "
                       + (f"did you mean '{hint[0]}'?" if hint else "known fields: " + ", ".join(FIELDS)))
    title = check.text("title", required=True)
    summary = check.text("summary")
    draft = check.boolean("draft")
    lang = check.lang(markdown.language)
    slug = check.slug(rel)
    if slug is not None and (slug in TOP_LEVEL or slug.isdigit()):
        check.error("slug", f"/{slug}/ is one of the site's own folders; rename the file or set another 'slug:'",
                    line=check.line("slug") if "slug" in meta else 1)
        slug = None
    redirects = read_redirects(check, meta, base_path)
    if any(p.severity == "error" for p in problems) or title is None or slug is None:
        return None, failed_with(check, redirects)
    rendered = render(parts.body, markdown, lang=lang)
    warn_removed(check, rendered, parts.body_line, static_dir, base_path)
    return InfoPage(rel, slug, title, summary or "", bool(draft), rendered.html, tuple(redirects),
                    lang), tuple(problems)


def load_pages(root: Path, content_dir: str, drafts: bool, markdown: MarkdownOptions = DEFAULT_OPTIONS,
               static_dir: str = "static", base_path: str = "/"
               ) -> tuple[tuple[InfoPage, ...], tuple[Problem, ...], tuple[InfoPage, ...]]:
    """Every page (drafts only when asked for), sorted by slug, with every problem in them, and the drafts left
    out (a link to one's file is told the address it will have); bodies are rendered with the site's Markdown
    options, as articles are."""
    pages: list[InfoPage] = []
    hidden: list[InfoPage] = []
    found, where = find_pages(root, content_dir)
    problems: list[Problem] = list(where)
    for rel, path in found:
        data = read_article(rel, path)  # size checked before reading: a sparse 4 GB page is never read whole
        if isinstance(data, Problem):
            problems.append(data)
            continue
        page, found = parse_page(rel, data, markdown, static_dir, base_path)
        problems += found
        if page is not None:
            (pages if drafts or not page.draft else hidden).append(page)
    return tuple(sorted(pages, key=lambda p: p.slug)), tuple(problems), tuple(hidden)
