"""Find the articles under ``content/``, then parse, validate and render each one.

``parse_article`` is a pure function of a file's bytes and a few settings, so it can
run in a worker process and its result can be cached. Every problem in a file is
collected; nothing stops at the first one.
"""
from __future__ import annotations

import difflib
import errno
import html
import html.entities
import os
import posixpath
import re
import stat
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache
from datetime import date, datetime, time, timedelta, timezone
from itertools import accumulate
from pathlib import Path
from typing import Any, Callable, Collection, Container, Iterable, Mapping, Sequence
from urllib.parse import SplitResult, unquote, urlsplit
from zoneinfo import ZoneInfo

from markupsafe import Markup

from generator.load.cache import FORMAT
from generator.core.hashing import article_file_key, digest
from generator.load.config import Config, ConfigLines, zone_rules
from generator.core.disk import is_utf8
from generator.core.errors import Problem, one_company_url, quoted
from generator.load.frontmatter import (Lines, SplitError, YamlError, as_written, as_yaml, double_quoted, load_yaml,
                                        merge_conflict, cut_by_comment,
                                        commented_item, line_at, lines_read, load_yaml_past_slips, names_cut_by_comment,
                                        not_boolean, read_past, said_by, shown_as_written, slip_and, Split, split,
                                        split_note,
                                        wide_encoding, Written, yaml_problems)
from generator.load.layout import PAGES
from generator.load.markdown import (DEFAULT_OPTIONS, SETTINGS as MARKDOWN_SETTINGS, MarkdownOptions, Rendered,
                                     encode_url, render)
from generator.core.i18n import language_tag, long_date, tag_hint, withdrawn_code
from generator.core.timestamps import iso, writable
from generator.core.wrap import collapse, cut_point, visible
from generator.core.models import Article, Company, Redirect, Source
from generator.load.sanitize import TEXT_TAGS
from generator.load.redirects import NGINX_KEY_MAX, is_page_file, parse_redirects, quoted_redirect, unusable_fix
from generator.load.publishers import host_of, read_sources
from generator.load.registry import Registry, fold
from generator.core.urls import (MAX_SLUG, RESERVED, article_path, as_typed, broken_http_url, file_for, http_url,
                                 idna_ascii, link_target, make_slug, nearest_page, own_path, resolves)
from generator.core.patterns import LazyPattern

FORBIDDEN_CHARS = LazyPattern("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
"""Characters XML 1.0 and HTML forbid; removed from articles with a warning."""
_ALLOWED_BYTES = bytes(b for b in range(256) if not FORBIDDEN_CHARS.match(chr(b)))
"""Deleted from a file's UTF-8 bytes (``bytes.translate``), they leave its ``FORBIDDEN_CHARS`` that are control
characters: one of those is its single byte in UTF-8, as it is in the text."""
MAX_BYTES = 1_000_000
"""Largest article file accepted; a digest item is a few kilobytes."""
MAX_TAGS = 50
"""Most tags an article may have: each tag is a page and a feed, so a thousand would cost a thousand of each."""
MAX_COMPANIES = 50
"""Most companies an article may list, for the same reason."""
SLUG_RE = LazyPattern(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PLACEHOLDER = {
    "id": "Tulis ringkasan berita di sini: apa yang terjadi, siapa yang terlibat, dan mengapa penting.",
    "en": "Write the digest text here: what happened, who is involved, and why it matters.",
}
"""The body ``digest new`` writes (``scaffold.render_article``), in the site's language: an article that still has
it is warned of, as a body is required to build without warnings."""
NOT_ARTICLES = frozenset({PAGES})
"""Folders directly under the content folder that hold other things than articles."""
FIELDS = ("title", "date", "summary", "source", "tags", "companies", "section", "author", "image", "image_alt",
          "image_caption", "image_credit", "slug", "updated", "draft", "redirects", "toc", "lang")
"""Front-matter keys an article may have."""
OTHER_TOOLS = {"description": "summary", "excerpt": "summary", "lastmod": "updated", "modified": "updated",
               "categories": "section", "category": "section", "keywords": "tags", "aliases": "redirects",
               "publishdate": "date", "featured_image": "image", "cover": "image", "authors": "author",
               "language": "lang"}
"""Hugo's, Jekyll's and Pelican's names of fields an article has under another name (folded to lower case): an
editor used to them wrote 'description:' and was asked whether it meant 'section'."""


@dataclass(frozen=True)
class ArticleSettings:
    """What parsing an article depends on besides its bytes."""

    timezone: str
    registry: Registry
    content_dir: str
    markdown: MarkdownOptions = DEFAULT_OPTIONS
    """The site's Markdown choices (labels' language, external links' rel, automatic table of contents)."""
    static_dir: str = "static"
    """Named in the warning for a raw ``<img>`` removed for its address."""
    base_path: str = "/"
    """The site's path under its host ('/digest/'): an ``image:`` written as its address from the host's root
    ('/digest/images/x.jpg') names the same file as 'images/x.jpg'."""
    base_url: str = ""
    """The site's address: a body image at an address of its host ('https://example.org/images/x.png') is one of
    its files (``Article.body_images``), which the build checks as it checks '/images/x.png'."""
    sections: tuple[str, ...] = ()
    """config.yaml's ``sections:``: an article's section written in another letter case ('kepri') takes the
    spelling listed there ('Kepri'), which the section bar shows, in its lists and meta data too."""
    sections_file: str = "config.yaml"
    """The config file that lists ``sections`` (``--config other.yaml``; the environment's file when it sets them),
    which a section joining several of them is told."""
    publishers: tuple[tuple[str, str], ...] = ()
    """(host, name) of each host content/sources.yaml registers: a ``source:`` with no name, or with its host for
    one (``digest new`` before the publisher was registered), shows the registered name ('Kompas', not
    'kompas.com' beside "Semua berita dari Kompas")."""

    @cached_property
    def fingerprint(self) -> str:
        """Everything besides the file that changes a parse result: part of every article's key."""
        return digest(FORMAT, repr(MARKDOWN_SETTINGS), repr(self.markdown), self.timezone, zone_rules(self.timezone),
                      self.content_dir, repr(self.registry), self.static_dir, repr(self.sections), self.base_path,
                      self.base_url, repr(self.publishers), self.sections_file)

    @cached_property
    def section_names(self) -> dict[str, str]:
        """``sections`` by folded name (``registry.fold``, as terms are grouped)."""
        return {fold(name): name for name in reversed(self.sections)}


def article_settings(config: Config, registry: Registry) -> ArticleSettings:
    """What every article of this site is parsed with."""
    markdown = markdown_options(config)
    publishers = tuple(sorted((host, entry.name) for host, entry in read_sources(config)[0].items()))
    sections_file = ConfigLines(config)("sections")[0] if config.sections else config.config_path
    return ArticleSettings(config.timezone, registry, config.content_dir, markdown, config.static_dir,
                           base_path=config.base_path, base_url=config.base_url, sections=config.sections,
                           sections_file=sections_file, publishers=publishers)


def markdown_options(config: Config) -> MarkdownOptions:
    """The site's Markdown options, for its articles and pages."""
    return MarkdownOptions(config.language, config.markdown.external_rel, config.markdown.toc_min_headings)


def article_key(rel: str, data: bytes, settings: ArticleSettings) -> str:
    """The cache key of one article file."""
    return article_file_key(settings.fingerprint, rel, data)


NOTES_DIR = "weekly"
"""content/weekly/ holds the editors' notes of weekly editions (see editions.py), not articles."""


def find_articles(root: Path, content_dir: str) -> tuple[tuple[tuple[str, str], ...], tuple[Problem, ...]]:
    """Every ``*.md`` under the content folder, as (path relative to root, file), sorted. The file is a str, not
    a Path: making 10,000 Paths took longer than walking the folder.

    Dot-files and dot-folders are skipped. Symbolic links are never a way out of the
    content folder or a way to read one file twice: a linked folder is not entered, and a
    linked file is read only if it points at a file inside content/ that is not read anyway.
    """
    base = root / content_dir
    found: list[tuple[str, str]] = []
    links: list[tuple[str, str]] = []
    problems: list[Problem] = []
    prefix = len(str(root)) + 1

    def unreadable(error: OSError) -> None:
        rel = str(error.filename)[prefix:].replace(os.sep, "/") if error.filename else content_dir
        problems.append(unreadable_folder(rel, error, "so its articles are left out; make it readable (chmod a+rx) "
                                                      f"or move it out of {content_dir}/"))

    stack = [str(base)]
    while stack:  # os.walk's order (top down, folders sorted), with the kind of each entry from its DirEntry
        folder = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as error:
            unreadable(error)
            continue
        dirs, files = [], []
        for entry in entries:
            try:
                is_dir = entry.is_dir()  # a link to a folder counts as a folder, as in os.walk
            except OSError:
                is_dir = False
            (dirs if is_dir else files).append(entry)
        top = folder == str(base)
        dirs.sort(key=lambda e: e.name)
        for entry in dirs:  # content/pages/ and content/weekly/ too: ``find_flat`` does not enter a link either
            if not entry.name.startswith(".") and entry.is_symlink():
                problems.append(Problem(entry.path[prefix:].replace(os.sep, "/"), 0, "", LINKED_FOLDER, "warning"))
        stack += reversed([e.path for e in dirs if not e.name.startswith(".") and not e.is_symlink()
                           and not (top and e.name in (NOTES_DIR, *NOT_ARTICLES))])
        beside = {e.name: e.name for e in files}
        for entry in sorted(files, key=lambda e: e.name):
            name = entry.name
            if name.startswith(".") or not name.endswith(".md"):
                if not name.startswith(".") and (rename := markdown_misnamed(name, beside)):
                    problems.append(Problem(entry.path[prefix:].replace(os.sep, "/"), 0, "", rename, "warning"))
                continue
            full = entry.path
            rel = full[prefix:].replace(os.sep, "/")
            if not is_utf8(rel):
                problems.append(Problem(rel, 0, "", "the file name is not valid UTF-8, so it cannot become a URL; "
                                                    "rename the file"))
                continue
            (links if entry.is_symlink() else found).append((rel, full))
    if links:
        problems += _resolve_links(base, found, links)
    return tuple(sorted(found)), tuple(problems)


_MARKDOWN_NAMES = (".md", ".markdown", ".mdown", ".mkd", ".mkdn", ".md.txt")
"""Endings of a Markdown file's name, any letter case, that are not '.md': only '.md' is read."""


def markdown_misnamed(name: str, names: dict[str, str] | None = None) -> str:
    """For a file that is Markdown by its name but not read, as it does not end in '.md' ('Kabar.MD', 'x.markdown',
    'x.md.txt' as Notepad saves it): the warning that says so and what to rename it to, or, when that name is in
    ``names`` (the files beside it, each by itself, and the names told to others, ``claim_name``), that the two are
    to be merged, as renaming would overwrite the other (two files 'x.MD' and 'x.markdown' were each told to become
    x.md); '' for any other file."""
    to = markdown_name(name)
    if not to:
        return ""
    names = {} if names is None else names
    return f"{NOT_READ}; " + (
        f"{held_name(to, names)} is beside it already: merge the two into it, and delete this file" if to in names
        else f"rename it to {claim_name(to, name, names)}")


NOT_READ = "is not read: only files whose names end in '.md' are"


def markdown_name(name: str) -> str:
    """The name ending in '.md' of a file that is Markdown by its name but not read ('Kabar.MD' → 'Kabar.md',
    'x.markdown' → 'x.md'); '' for any other file."""
    lower = name.lower()
    ending = next((e for e in _MARKDOWN_NAMES if lower.endswith(e)), "")
    return f"{name[:-len(ending)]}.md" if ending else ""


def claim_name(to: str, name: str, names: dict[str, str]) -> str:
    """``to``, the name the file ``name`` is told to take, now held by it in ``names`` (the files of a folder, each
    by itself), so that a second file told the same is told to merge into it instead."""
    names[to] = name
    return to


def held_name(to: str, names: Mapping[str, str]) -> str:
    """``to`` as the file that is, or the file told to become it ('x.MD (to be renamed x.md)'; ``claim_name``)."""
    return to if names.get(to, to) == to else f"{names[to]} (to be renamed {to})"


def read_article(rel: str, path: Path | str) -> bytes | Problem:
    """A file's bytes, or why they are not read.

    The type and size are checked before reading, so a FIFO or a device named ``*.md`` cannot
    hang the build and a huge (or sparse) file is never read whole: at most ``MAX_BYTES + 1``
    bytes are read. The type is checked before opening (a device is never opened) and again on
    the open file; O_NONBLOCK makes opening a FIFO that appeared in between return at once.
    """
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return _not_regular(rel)
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | os.O_CLOEXEC)
    except OSError as e:
        return _unreadable(rel, e)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            return _not_regular(rel)
        for _ in range(3):  # a file saved in place while it was read is read again, as it is now
            if info.st_size > MAX_BYTES:
                return _too_big(rel, info.st_size)
            chunks: list[bytes] = []
            size = 0
            while size <= MAX_BYTES:
                chunk = os.read(fd, MAX_BYTES + 1 - size)
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
            after = os.fstat(fd)
            if (after.st_size, after.st_mtime_ns) == (info.st_size, info.st_mtime_ns):
                return b"".join(chunks)
            info = after
            os.lseek(fd, 0, os.SEEK_SET)
    except OSError as e:
        return _unreadable(rel, e)
    finally:
        os.close(fd)
    return Problem(rel, 0, "", "changed while it was being read, three times; build again when it is saved")


def _unreadable(rel: str, error: OSError) -> Problem:
    fix = f"make it readable (chmod a+r {rel})" if isinstance(error, PermissionError) else "check the file"
    return Problem(rel, 0, "", f"cannot be read ({error.strerror}); {fix}, or move it out of content/")


def _not_regular(rel: str) -> Problem:
    return Problem(rel, 0, "", "is not a regular file (a FIFO, socket or device): only Markdown files may end "
                               "in .md under content/; remove or rename it")


def _too_big(rel: str, size: int) -> Problem:
    return Problem(rel, 0, "", f"is {size:,} bytes, over the {MAX_BYTES:,}-byte limit for an article; "
                               "split it or move large media out of content/")


LINKED_FOLDER = "is a symbolic link to a folder and is not followed; move the folder into content/ instead"


def _yaml_text(text: str, in_list: bool = False) -> str:
    """``text`` as a YAML value to copy after 'key: ', or ``in_list``, as an item of a list in brackets: as it is if
    YAML reads it back so, else in double quotes ('Meta: rugi besar', '#1 Kepri' would be a mapping and a comment;
    in brackets, 'data]' would close the list and 'Rp 1,5' be two items)."""
    import json

    import yaml
    try:
        plain = yaml.safe_load(f"k: [{text}]" if in_list else f"k: {text}") == {"k": [text] if in_list else text}
    except (yaml.YAMLError, ValueError):  # ValueError: a date-shaped text YAML cannot make a date of, '2025-13-45'
        plain = False
    return text if plain else json.dumps(text, ensure_ascii=False)


def unreadable_folder(rel: str, error: OSError, left_out: str) -> Problem:
    """A content folder that cannot be listed: a warning when it is closed to us (its files are left out, as an
    editor may mean), an error for anything else: a disk's read error would take its articles off the site."""
    if error.errno in (errno.EACCES, errno.EPERM):
        return Problem(rel, 0, "", f"is a folder that cannot be read ({error.strerror}), {left_out}", "warning")
    return Problem(rel, 0, "", f"is a folder that cannot be read ({error.strerror}); its articles would be taken off "
                               "the site, so nothing was written: check the disk, then build again")


def find_flat(root: Path, content_dir: str, name: str, instead: str, beside: dict[str, str] | None = None,
              misnamed: Callable[[str, dict[str, str]], str] = markdown_misnamed,
              ) -> tuple[tuple[tuple[str, str], ...], tuple[Problem, ...]]:
    """Every ``*.md`` directly in ``content/<name>/`` (pages/, weekly/), sorted, named as ``find_articles`` names
    articles and with its rules for symbolic links: a linked folder (this one included, which ``find_articles``
    warns of) is not entered, and a linked file is read only if it points at a file inside content/ that is not
    read here anyway. Sub-folders are not read: one that holds Markdown is a warning saying ``instead``. ``beside``
    comes back with the folder's files and the names ``markdown_misnamed`` told (``claim_name``), for a caller that
    tells names too (weekly notes'), which also give ``misnamed``, what to tell a file that is Markdown by its
    name but not read (``markdown_misnamed``: 'x.MD' is to be x.md)."""
    folder = root / content_dir / name
    if folder.is_symlink() or not folder.is_dir():
        return (), ()
    here = f"{content_dir}/{name}"
    try:
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda e: e.name)
    except OSError as error:
        return (), (unreadable_folder(here, error, f"so its files are left out; make it readable (chmod a+rx {here})"),)
    found: list[tuple[str, str]] = []
    links: list[tuple[str, str]] = []
    problems: list[Problem] = []
    beside = {} if beside is None else beside
    beside.update({e.name: e.name for e in entries})
    for entry in entries:
        rel = f"{here}/{entry.name}"
        if entry.name.startswith("."):
            continue
        if entry.is_symlink() and os.path.isdir(entry.path):
            problems.append(Problem(rel, 0, "", LINKED_FOLDER, "warning"))
        elif entry.is_dir(follow_symlinks=False):
            if _holds_markdown(entry.path):
                problems.append(Problem(rel, 0, "", f"is a folder inside {here}/, whose sub-folders are not read, so "
                                                    f"the Markdown files in it are left out; {instead}", "warning"))
        elif not entry.name.endswith(".md"):
            if rename := misnamed(entry.name, beside):
                problems.append(Problem(rel, 0, "", rename, "warning"))
        else:
            if not is_utf8(rel):
                problems.append(Problem(rel, 0, "", "the file name is not valid UTF-8, so it cannot become a URL; "
                                                    "rename the file"))
            else:  # a FIFO or device too: ``read_article`` says what it is
                (links if entry.is_symlink() else found).append((rel, entry.path))
    if links:
        problems += _resolve_links(root / content_dir, found, links)
    return tuple(sorted(found)), tuple(problems)


def _holds_markdown(folder: str) -> bool:
    """Whether a ``*.md`` file is anywhere in ``folder`` (links not followed)."""
    return any(name.endswith(".md") for _, _, names in os.walk(folder) for name in names)


def _resolve_links(base: Path, found: list[tuple[str, str]], links: list[tuple[str, str]]) -> list[Problem]:
    """Add the symlinked files that may be read to ``found``; the others are problems."""
    real_base = base.resolve()
    read = {Path(path).resolve() for _, path in found}
    problems: list[Problem] = []
    for rel, path in links:
        try:
            target = Path(path).resolve(strict=True)
        except (OSError, RuntimeError):
            problems.append(Problem(rel, 0, "", "is a broken or looping symbolic link; remove it or point it at a file"))
            continue
        if real_base not in target.parents:
            problems.append(Problem(rel, 0, "", "is a symbolic link to a file outside content/, which is never read; "
                                                "copy the file into content/ instead"))
        elif target in read:
            problems.append(Problem(rel, 0, "", f"is a symbolic link to {target.relative_to(real_base).as_posix()}, "
                                                "which is read already; remove the link", "warning"))
        else:
            read.add(target)
            found.append((rel, path))
    return problems


def decode(rel: str, data: bytes) -> tuple[str | None, list[Problem]]:
    """Bytes → text with '\\n' newlines, or the reason it is not UTF-8 text."""
    if len(data) > MAX_BYTES:
        return None, [_too_big(rel, len(data))]
    if (encoding := wide_encoding(data)) is not None:
        return None, [Problem(rel, 1, "", f"is {encoding} text; save it as UTF-8")]
    if b"\x00" in data:
        line = line_at(data, data.index(b"\x00"))
        return None, [Problem(rel, line, "", "contains a NUL byte: this looks like a binary file, not Markdown; "
                                             "remove it from content/ or save it as UTF-8 text")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = line_at(data, e.start)
        return None, [Problem(rel, line, "", f"is not valid UTF-8 (byte 0x{data[e.start]:02x}); save the file as UTF-8")]
    text = text.removeprefix("\ufeff")
    if b"\r" in data:  # a byte search: the two passes of replace() over the text for the few files that need them
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if b"<<<<<<<" in data and (conflict := merge_conflict(text)) is not None:  # bytes: twice as fast to search
        return None, [Problem(rel, conflict.line, "", conflict.message)]
    if not data.translate(None, _ALLOWED_BYTES) and (b"\xbf" not in data or b"\xef\xbf" not in data):
        # nearly every file: a pass over its bytes, a fifth of a regular expression's over its text. No U+FFC0-U+FFFF
        # either (UTF-8 EF BF ..): a file without a byte BF (most) has none, and a search for one byte is C's
        # memchr, some thirty times as fast as the search for two bytes that the others need
        return text, []
    if FORBIDDEN_CHARS.search(text) is None:
        return text, []
    problems = []
    for match in FORBIDDEN_CHARS.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        problems.append(Problem(rel, line, "", f"control character U+{ord(match.group()):04X} removed: "
                                               "feeds and HTML cannot carry it; delete it from the file", "warning"))
    return FORBIDDEN_CHARS.sub("", text), problems


def located(root: Path, problems: Iterable[Problem]) -> list[Problem]:
    """``problems`` with the line of their front-matter field where the stage that found them had only the article
    (two names for one URL: ``taxonomy``, ``publishers``) and so gave line 0. The file is read again, on this
    error path only; a field it no longer shows (a slug made from the file name) is line 1."""
    out = []
    for problem in problems:
        if problem.line == 0 and problem.field and problem.path.endswith(".md"):
            problem = replace(problem, line=field_line(root, problem.path, problem.field))
        out.append(problem)
    return out


def body_lines_of(root: Path, rel: str, raws: Sequence[str]) -> list[list[int]]:
    """For each of ``raws`` (link or image addresses, as the HTML gives them, unescaped), the lines of the body of
    the file ``rel`` that write it as an address (``address_lines``); else the first that holds it, else the
    body's first line; [1] if the file no longer reads. The file is read again, once: for warnings only."""
    read = _body_text(root, rel)
    return [_lines_writing(*read, raw) if read else [1] for raw in raws]


def body_lines_named(root: Path, rel: str, written: Sequence[tuple[str, str]]) -> list[list[tuple[int, str]]]:
    """``body_lines_of`` for ``written`` (each address, and what the body's HTML says writes it, '<video> poster' or
    'image'), each line with what writes the address there (``named_at``): a video's or sound's address at each
    line where such a tag writes it, once for each tag (not the first tag in the body that wrote it, an <audio>
    below a <video poster> of the same address), an image's where an image does; not a line where only a link, or
    only the other kind, writes it (``[clip](/media/a.mp4)`` or ``<img src="/media/a.mp4">`` above the <video> of
    that address). A line whose writer is not told (a reference's ']:') counts for either."""
    read = _body_text(root, rel)
    if read is None:
        return [[(1, what)] for _, what in written]
    text, starts = read[:2]
    found = []
    for raw, what in written:
        at = {line: named_at(text, starts, line, raw, "") for line in _lines_writing(*read, raw)}
        found.append([(line, name) for line, names in at.items() for name in _writers(names, what)]
                     or [(line, what) for line in at])
    return found


def _writers(names: Sequence[str], what: str) -> list[str]:
    """Of ``named_at``'s ``names`` at a line, those of the kind ``what`` is ('image', or a player's tag), as a
    warning names them; ``what`` itself where ``named_at`` tells nothing."""
    if names == ("",):
        return [what]
    if what == "image":
        return [what] if "the image" in names else []
    return [name.removeprefix("the ") for name in names if name[:5] == "the <"]


def _body_text(root: Path, rel: str) -> tuple[str, Sequence[int], int, list[str]] | None:
    """The text of the file ``rel``, where each of its lines starts, its body's first line and its lines; None if
    it no longer reads."""
    try:
        text, starts = text_lines((root / rel).read_bytes(), rel)
    except OSError:
        return None
    try:
        body_line = split(text).body_line if text.startswith("---") else 1  # a weekly note may have no front matter
    except SplitError:
        body_line = 1
    return text, starts, body_line, text.split("\n")


def _lines_writing(text: str, starts: Sequence[int], body_line: int, lines: list[str], raw: str) -> list[int]:
    """``body_lines_of`` of one address."""
    return address_lines(lines, raw, body_line) or [find_literal(text, starts, raw, body_line) or body_line]


def named_at(text: str, starts: Sequence[int], line: int, typed: str, what: str) -> tuple[str, ...]:
    """What writes the address ``typed`` at this line of the file, as a broken one's messages name it, each once:
    a video's or a sound's tag (``the <source> address``), whose '<video' may be on a line above, an image (``the
    image``: ``![alt](...)`` or ``<img src>``) and a link there; else ``what`` the body's HTML says it is. A video
    and a link on one line get a finding each."""
    if not 0 < line <= len(starts):
        return (what,)
    row = text[starts[line - 1]:starts[line] - 1] if line < len(starts) else text[starts[line - 1]:]
    address = re.escape(typed)
    names: dict[str, None] = {}
    for attribute in re.finditer(rf"\s(src|poster)\s*=\s*[\"']?{address}(?=[\"'\s>]|$)", row, re.IGNORECASE):
        at = starts[line - 1] + attribute.start()
        opened = text.rfind("<", 0, at)
        tag = re.match(r"<(video|audio|source|track|img)\b", text[opened:at], re.IGNORECASE) if opened >= 0 else None
        if tag and ">" not in text[opened:at]:
            names["the image" if tag[1].lower() == "img" else
                  f"the <{tag[1].lower()}> {'poster' if attribute[1].lower() == 'poster' else 'address'}"] = None
    for written in re.finditer(rf"(\]\(\s*<?|href\s*=\s*[\"']?|<){address}", row, re.IGNORECASE):
        image = written[1][0] == "]" and _is_image(text, starts[line - 1] + written.start())
        names["the image" if image else "the link"] = None
    return tuple(names) or (what,)


def _is_image(text: str, closing: int) -> bool:
    """Whether the ']' at ``closing`` ends an image's alt text (``![alt](``), not a link's text: its '[', found
    back across nested brackets within the paragraph, follows a '!'."""
    depth = 0
    for at in range(closing - 1, max(text.rfind("\n\n", 0, closing), -1), -1):
        if text[at] in "[]" and (at == 0 or text[at - 1] != "\\"):
            if text[at] == "]":
                depth += 1
            elif depth:
                depth -= 1
            else:
                return at > 0 and text[at - 1] == "!"
    return False


_FENCE_LINE = LazyPattern(r" {0,3}(`{3,}|~{3,})")


_MEANT = LazyPattern(r"%(23|3[Ff]|25|2[Ff])")
"""The escapes in an address that an editor typed as escapes: a '#', '?', '%' or '/' written plain means another."""


def address_lines(lines: Sequence[str], raw: str, start: int) -> list[int]:
    """The lines, from ``start`` on, that write ``raw`` as a link's or image's address: after '(', '<', a quote,
    a reference's ']:' or a raw tag's unquoted ``src=``, ``href=`` or ``poster=``, and ending there (a ')', '>',
    quote, space or the line's end), outside code spans and fenced code. ``raw`` is also looked for %-decoded: the
    HTML encodes the 'é' an editor typed; but not its '%23', '%3F', '%25' or '%2F', which were typed so ('x#y.png'
    is another address than 'x%23y.png'); and with its '&' written '&amp;', as raw HTML may (<audio
    src="/a?x=1&amp;y=2">), or in a line read with its entities decoded (src="&#x2F;media&#x2F;a.mp4"); and with a
    host in punycode in its letters, in any case (``typed_spellings``: the HTML's 'xn--bcher-kva.example' was typed
    'BÜCHER.example'). A line is named once, however often it writes the address."""
    typed = unquote(_MEANT.sub(r"%25\1", raw)) if "%" in raw else raw
    text = "\n".join(lines[max(start, 1) - 1:])
    spelled = typed_spellings(text, typed) if "xn--" in typed.lower() or not text.isascii() else []
    forms = [form for form in dict.fromkeys((raw, typed, raw.replace("&", "&amp;"), *spelled))
             if form and "\n" not in form]
    found: list[int] = []
    fence = ""
    for number in range(max(start, 1), len(lines) + 1):
        line = lines[number - 1]
        opening = _FENCE_LINE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = ""
            continue
        if opening:
            fence = opening.group(1)
            continue
        if any(_written_as_address(line, form) for form in forms) or "&" in line and any(
                _written_as_address(html.unescape(line), form) for form in forms):  # src="&#x2F;media&#x2F;x.mp4"
            found.append(number)
    return found


def typed_spellings(text: str, address: str) -> list[str]:
    """How ``text`` writes ``address`` with its host in other letters that name the same host, as the editor typed
    it ('https://BÜCHER.example/x/', 'https://Bücher.Example/x/' for the HTML's 'https://xn--bcher-kva.example/x/';
    'https://ｅｘａｍｐｌｅ.org/x/' or 'https://example。org/x/' for 'https://example.org/x/': the renderer writes a
    host in ASCII, as browsers send it), each once, in order; [] when it has no host or ``text`` writes it in none."""
    try:
        parts = urlsplit(address)
    except ValueError:
        return []
    if not parts.hostname:
        return []
    at = address.find(parts.netloc)
    written = re.compile(f"(?i:{re.escape(address[:at])})([^\\s/?#\\\\<>()\"'`]+)"
                         f"{re.escape(address[at + len(parts.netloc):])}")
    return list(dict.fromkeys(found.group() for found in written.finditer(text)
                              if found.group(1) != parts.netloc and _names_host(found.group(1), parts)))


def _names_host(netloc: str, parts: SplitResult) -> bool:
    """Whether ``netloc``, as an editor typed it, names the host and port of ``parts`` (the HTML's address)."""
    try:
        typed = urlsplit("//" + netloc)
        host = typed.hostname or ""
        return typed.port == parts.port and (host if host.isascii() else idna_ascii(host)) == parts.hostname
    except (ValueError, UnicodeError):
        return False


_UNQUOTED_VALUE = LazyPattern(r"[\s/](?:href|src|poster)\s*=\s*$", re.IGNORECASE)
"""What comes before an attribute's value written without quotes (<source src=/media/x.ogg>)."""


def _written_as_address(line: str, form: str) -> bool:
    """Whether ``line`` writes ``form`` as an address, outside a code span: a Markdown link's or image's, a
    reference's, or a raw tag's attribute value, quoted or not."""
    at = line.find(form)
    while at >= 0:
        before, after = line[:at], line[at + len(form):at + len(form) + 1]
        if before.count("`") % 2 == 0 and after in ("", ")", ">", '"', "'", " ", "\t") and (
                before[-1:] in ("(", "<", '"', "'") or before.rstrip().endswith("]:") or _UNQUOTED_VALUE.search(before)):
            return True
        at = line.find(form, at + 1)
    return False


def field_line(root: Path, rel: str, field: str) -> int:
    """The line of ``field`` in the front matter of the file ``rel``, read again (1 where it is not written)."""
    try:
        text, _ = decode(rel, (root / rel).read_bytes())
        parts = split(text or "")
        _, lines = load_yaml(parts.yaml_text, parts.yaml_line)
    except (OSError, SplitError, YamlError):
        return 1
    path = tuple(field.split("."))
    return lines.get(path, lines.get(path[:1], 1))


def wall_clock(naive: datetime, tz: ZoneInfo) -> tuple[datetime, str]:
    """``naive`` read as a wall-clock time in ``tz``, and what the editor should know when the zone's clocks
    jumped over that time (it does not exist: it is read as the time it becomes) or went back over it (it happens
    twice: the first is taken, as Python does), else ''. Zones without summer time never say anything."""
    first = naive.replace(tzinfo=tz)
    moment = first.astimezone(timezone.utc).astimezone(tz)  # through UTC: astimezone(tz) alone returns ``first``
    said = f"{naive:%Y-%m-%d %H:%M}"
    if skipped := skipped_day(naive.date(), tz):
        return moment, (f"{skipped}, so {said} is read as {moment:%Y-%m-%d %H:%M} {moment.tzname()}; write the day "
                        f"you mean: {_days_around(naive.date())}, or add the time's offset")
    if moment.replace(tzinfo=None) != naive:
        return moment, (f"{said} does not exist in {tz.key}: the clocks jump over it, so it is read as "
                        f"{moment:%H:%M} {moment.tzname()}; write the time you mean, or add its offset")
    second = naive.replace(tzinfo=tz, fold=1)
    if second.utcoffset() != first.utcoffset():
        return moment, (f"{said} happens twice in {tz.key}, as the clocks go back, so it is read as the first "
                        f"({first.isoformat()[-6:]}); for the second, write the offset: "
                        f"{naive:%Y-%m-%dT%H:%M}{second.isoformat()[-6:]}")
    return moment, ""


def skipped_day(day: date, tz: ZoneInfo) -> str:
    """What to say of ``day`` when the zone ``tz`` skipped the whole of it (Samoa's clocks went from 29 to 31
    December 2011, Pacific/Apia), else '': its midnight, read through UTC, falls on a later day."""
    first = datetime.combine(day, time(0), tz).astimezone(timezone.utc).astimezone(tz)
    if first.date() <= day:
        return ""
    before = day - timedelta(days=1)
    return f"{day.isoformat()} is a day {tz.key} skipped: its clocks went from {before.isoformat()} straight to " \
           f"{first.date().isoformat()}"


def _days_around(day: date) -> str:
    """The days either side of a skipped ``day``, one of which the editor meant."""
    return f"{(day - timedelta(days=1)).isoformat()} or {(day + timedelta(days=1)).isoformat()}"


def warn_removed(check: FieldReader, rendered: Rendered, body_line: int, static_dir: str, base_path: str) -> None:
    """Tell the writer of raw HTML that the sanitiser removed (an embed pasted in; an image whose address it could
    not keep), at its line."""
    check.problems.extend(removed_problems(check.rel, rendered, body_line, static_dir, base_path))


def removed_problems(rel: str, rendered: Rendered, body_line: int, static_dir: str, base_path: str = "/"
                     ) -> list[Problem]:
    """Warnings for what the sanitiser removed from a body that starts at line ``body_line`` of the file ``rel``:
    raw HTML with all it held, and each raw ``<img>`` whose address was neither from the site's root nor http(s),
    at its tag's line; refused addresses and ids; and each heading renamed for an id of the raw HTML."""
    problems = []
    at_lines: dict[int, dict[str, None]] = {}  # the tags removed at each line, each once, in order
    for tag, line in rendered.dropped_at:
        at_lines.setdefault(line, {})[tag] = None
    hidden: dict[int, list[str]] = {}  # what was left out, under the line of the element removed at or before it
    for what, line in rendered.hidden:
        hidden.setdefault(max((at for at in at_lines if at <= line), default=min(at_lines, default=0)), []).append(what)
    for line, tags in at_lines.items():
        problems.append(Problem(rel, body_line + line, "", removed_message(tuple(tags), hidden.get(line, ())),
                                "warning"))
    extent = f"the rest of the {rendered.comment_in or 'article'}"
    if rendered.unclosed_comment >= 0 and rendered.comment_shown:
        problems.append(Problem(rel, body_line + rendered.unclosed_comment, "", "this HTML comment ends at its --!>, "
                                f"as browsers end one, but Markdown reads all after it as HTML, so readers see {extent} "
                                f"as written, Markdown and all ({rendered.comment_shown}); end the comment with -->"))
    elif rendered.unclosed_comment >= 0:
        problems.append(Problem(rel, body_line + rendered.unclosed_comment, "", "this HTML comment (<!--) is never "
                                f"closed, so it would hide {extent}; write --> where the note ends"))
    for words, line in rendered.bang_comments:
        problems.append(Problem(rel, body_line + line, "", f"this HTML comment ends at its --!>, as browsers end one, "
                                f"so readers see '{words}' after it; write --> only where the note ends", "warning"))
    for attribute, line in rendered.open_quote:
        problems.append(Problem(rel, body_line + line, "", f"this tag's {attribute}… is never closed: the rest of the "
                                "article is inside it and readers see none of it; close the quote", "warning"))
    for written, meant, words, line in rendered.late_quotes:
        problems.append(Problem(rel, body_line + line, "", f"{written}…: this value's quote closes only after "
                                f"'{words}', so readers do not see those words; write the quote before the '>' "
                                f"({meant})", "warning"))
    for src, line in rendered.unusable_images:
        problems.append(Problem(rel, body_line + line, "", unusable_image_message(src, static_dir, base_path),
                                "warning"))
    for name, line in rendered.theme_ids:
        problems.append(Problem(rel, body_line + line, "", f'id="{name}" removed: the page around the article uses '
                                "this id (a link to #" + name + " goes there); give the element another id",
                                "warning"))
    for text, anchor, name, raw_line, line in rendered.taken_ids:
        problems.append(Problem(rel, body_line + line, "", f"heading '{text}' has id=\"{anchor}\", as the raw HTML at "
                                f"line {body_line + raw_line} has id=\"{name}\" (a link to #{name} goes there); if that "
                                "id was meant for this heading, delete it, or else give it another name", "warning"))
    for line, name, anchor in rendered.taken_note_ids:
        problems.append(Problem(rel, body_line + line, "", f'id="{name}" is also a footnote\'s id, so the page\'s '
                                f'footnotes take the prefix "{anchor[:-len(name)]}" ("{anchor}"; a link to #{name} '
                                "comes to this element); if it was meant for the footnote, delete it, or else give it "
                                "another name", "warning"))
    for tag, name, value, why, line in rendered.invalid:
        problems.append(Problem(rel, body_line + line, "", f'{name}="{value}" of <{tag}> removed: {why}', "warning"))
    for tag, line in rendered.unclosed:
        where = "paragraph" if tag in TEXT_TAGS else "block"
        problems.append(Problem(rel, body_line + line, "", f"<{tag}> is never closed, so it was closed where its {where} "
                                f"ends (left open, it took in the rest of the article); write </{tag}> where it "
                                "should end", "warning"))
    for tag, line, closed in rendered.split:
        if tag in ("a", "ins", "del"):  # they may hold paragraphs, not reach into another list item
            again = " (the text before that </a> is linked again, as browsers do)" if tag == "a" else ""
            problems.append(Problem(rel, body_line + line, "", f"<{tag}> is closed only at line {body_line + closed}, in "
                                    f"another list item or block quote, which it cannot reach into, so it was closed "
                                    f"before it{again}; write </{tag}> there, and a <{tag}> of its own in the "
                                    "other if it needs one", "warning"))
            continue
        problems.append(Problem(rel, body_line + line, "", f"<{tag}> is closed only at line {body_line + closed}, in a "
                                f"later block, and a paragraph or block inside <{tag}> is invalid HTML, so it was closed "
                                f"where its own block ends; write </{tag}> there, and a <{tag}> in each paragraph that "
                                "needs it", "warning"))
    for which, tag, src, other, line in rendered.players:
        if which == "nested":
            problems.append(Problem(rel, body_line + line, "", f"<{tag}> removed: it is inside the <{src}> at line "
                                    f"{body_line + other}, where browsers that play that one never show it (HTML "
                                    f"allows no player in a player); write it after the </{src}>", "warning"))
            continue
        said = (f"removed: the <{tag}> at line {body_line + other} has its own src, which browsers play instead, and "
                f"HTML allows no <source> in it; to offer the sources, delete the player's src") if which == "src" else \
            (f"moved before the <track> at line {body_line + other}: HTML allows a player's sources only before its "
             "tracks; write it there")
        problems.append(Problem(rel, body_line + line, "", f'<source src="{src}"> {said}', "warning"))
    for kind, text, url, line in rendered.refused:
        problems.append(Problem(rel, body_line + line, "", refused_message(kind, text, url, static_dir, base_path),
                                "warning"))
    for tag, block, words_in, before, after, between, line in rendered.around_blocks:
        problems.append(Problem(rel, body_line + line, "", f"<{tag}> left out, its text kept: it holds a <{block}>, a "
                                f"block, and HTML allows no block inside <{tag}>; "
                                + around_block_advice(tag, block, words_in, before, after, between), "warning"))
    for tag, line in rendered.cut_players:
        problems.append(Problem(rel, body_line + line, "", CUT_PLAYERS.get(tag, CUT_PLAYERS["video"]).format(tag=tag),
                                "warning"))
    for label, line, first, last in rendered.notes_again:
        seen = "this one" if line == last else f"the one on line {body_line + last}"
        problems.append(Problem(rel, body_line + line, "", f"footnote [^{label}] is defined again (first on line "
                                f"{body_line + first}): readers see only {seen}, the last; give one of them a new "
                                "label, and the marks meant for it", "warning"))
    for why, label, about, line in rendered.lost_marks:
        problems.append(Problem(rel, body_line + line, "", lost_mark_message(why, label, about), "warning"))
    for label, text, href, line, form in rendered.marks_in_links:
        mark, moved = (f"footnote mark [^{label}]", f"[^{label}]") if label else ("inline footnote ^[…]", "^[…]")
        said = f"the link is not made: readers see its brackets{'' if form else ' and address'} as text" if label \
            and form != "raw" or form == "shortcut" else "the mark is shown as plain text"
        link = f"<a href=…>{text}</a>" if form == "raw" else \
            f"[{text}]{form if form.startswith('[') else '[]' if form else '(…)'}"
        problems.append(Problem(rel, body_line + line, "", f"{mark} is inside the text of the link '{text}' ({shortened(href)}), "
                                f"and a link cannot hold another (the mark links to its note), so {said}; move "
                                f"{'the mark' if label else 'it'} after the link: {link}{moved}", "warning"))
    for address, message, line in rendered.videos:
        problems.append(Problem(rel, body_line + line, "", f"video {address}: {message}" if address else message,
                                "warning"))
    for line in rendered.empty_headings:
        problems.append(Problem(rel, body_line + line, "", "this heading has no text a reader sees (an image without "
                                "alt text, a footnote alone, or only invisible characters such as a zero-width space), "
                                "so its link in the table of contents has no name for readers and screen readers; "
                                "write its words, or the image's alt text", "warning"))
    return problems


CUT_PLAYERS = {
    "a": "this <a> holds a paragraph or block (a card) but is written in a line of text, where a block ends the "
         "paragraph: browsers leave an empty link before the block; put a blank line between the <a>…</a> and the text "
         "around it, so that the card is a block of its own",
    "iframe": "this video player has text beside it in its HTML block, outside any paragraph: its card is a block of "
              "its own, so that text shows in no paragraph, its Markdown unread; put a blank line between the "
              "<iframe>…</iframe> and the text",
    "video": "this <{tag}> holds a paragraph or block (its fallback) but is written in a line of text, where a block "
             "ends the paragraph: the player shows empty and its fallback after it; write the <{tag}> on lines of its "
             "own"}
"""What ``removed_problems`` says of a block cut from its line (``Rendered.cut_players``): a card's ``<a>``, a pasted
video player (its card), a ``<video>`` or ``<audio>`` (its fallback)."""


def shortened(url: str) -> str:
    """An address as a warning quotes it: its first 40 characters."""
    return url if len(url) <= 40 else url[:40] + "…"


def _block_end(block: str) -> str:
    """What a block ends with: its end tag, or itself when it is void (an ``<hr>``)."""
    return f"<{block}>" if block in ("hr", "br", "wbr") else f"</{block}>"


def around_block_advice(tag: str, block: str, words_in: tuple[str, ...], before: bool, after: str,
                        between: tuple[str, ...] = ()) -> str:
    """What to write for a text tag left out around a block (``Rendered.around_blocks``), so that, followed word for
    word, each word it held keeps it: ended before the first block for the words before it, inside the elements that
    hold the block's words (``words_in``; a ``<details>``'s ``<summary>`` and ``<p>``), and again after the block its
    last words follow; with words between its blocks (``between``: those blocks), ended before each and opened again
    after each ('<b>A<hr>B<hr>C</b>'). An ``<hr>`` holds no words: a tag around it alone is deleted."""
    if not (words_in or before or after or between):
        return f"delete the <{tag}> and its </{tag}>: an <{block}> holds no words"
    places = [{"li": "each <li>", "dt": "each <dt> or <dd>", "td": "each <td> or <th>"}.get(
        w, f"each <{w}>" if between.count(w) > 1 else f"the <{w}>") for w in words_in]
    names = tuple(dict.fromkeys(between))
    if between:
        each = "each " if len(names) < len(between) else "the "
        ends = [_block_end(name) for name in names]
        steps = [f"end the <{tag}> before {each}" + f" and {each}".replace("each ", "").join(f"<{n}>" for n in names),
                 "open another after each" if ends == [f"<{block}>"] and each == "each " else
                 f"open another after {each}" + f" and {each}".replace("each ", "").join(ends)]
    else:
        steps = [f"end the <{tag}> before the <{block}>"] if before else []
    if places:
        steps.append(f"put {'another' if steps else f'the <{tag}>'} inside {' and '.join(places)}")
    if after and not between:
        steps.append(f"open {'another' if steps else f'the <{tag}>'} after the " + _block_end(after))
    said = steps[0] if len(steps) == 1 else ", ".join(steps[:-1]) + " and " + steps[-1]
    return said + (", around the words it is for" if places and not (before or after) else
                   ", so that it holds only words" + ("" if words_in else f": an <{block}> holds none"))


def refused_message(kind: str, text: str, url: str, static_dir: str, base_path: str = "/") -> str:
    """What ``removed_problems`` says of a Markdown link or image whose address no page may have ('javascript:',
    'data:' …): readers see its text (an image's alt) instead, and the editor is told what to write."""
    shown = shortened(url)
    if kind == "raw link":
        return (f"<a href=\"{shown}\"> shown as plain text: it is not an address readers can follow; write the "
                "real https:// address (or a path on the site, mailto:, tel:)")
    if kind == "raw media":
        tag, name = text.split()
        said = "removed: it is not an address a page plays or shows media from;" if tag in ("source", "track") \
            else "is not an address a page plays or shows media from, so it was removed;"
        return (f"<{tag} {name}=\"{shown}\"> {said} write the real https:// address or a path from the site's root "
                f"({base_path}media/name.mp4 for {static_dir}/media/name.mp4)")
    if kind == "link in a":
        return (f"link '{text}' shown as plain text: it is inside an <a>, and a link inside a link is invalid HTML "
                f"(the <a> would end there); move [{text}]({shown}) out of the <a>, after its </a>")
    if kind.startswith("card "):
        what, written = {"card link": (f"link '{text}'", f"[{text}]({shown})"),
                         "card raw link": (f"link '{text}'", url),
                         "card note": (f"footnote mark [^{text}]" if text else "inline footnote ^[…]",
                                       f"[^{text}]" if text else "it")}[kind]
        never_closed = kind == "card raw link" and not re.search(r"</a\s*>", url, re.IGNORECASE)
        return (f"{what} shown as plain text: it is inside a raw <a> (a card linked whole), and a link inside a "
                f"link is invalid HTML (browsers split the card around it); move {written} out of the card, "
                "after its </a> and a blank line"
                + (", and end it with </a>: it is never closed" if never_closed else ""))
    if kind == "unused note":
        return (f"footnote [^{text}] is left out of the page: no mark [^{text}] in the text refers to it; write "
                f"[^{text}] where the note belongs (not on a line of raw HTML, where it is plain text), or delete the "
                "note")
    if kind.startswith("spaced "):
        fix = f"a footnote label cannot hold a space; write [^{'-'.join(text.split())}]"
        if kind == "spaced mark":
            return f"footnote mark [^{text}] shown as plain text: {fix}, and its note's label the same"
        return (f"footnote [^{text}] " + (f"left out of the page, read as a link's address '{shown}'" if url else
                                          "shown as plain text") + f": {fix}:, and its marks the same")
    if kind == "reference":
        return (f"reference line to {shown}: not an address readers can follow, and no link uses it; delete the line, "
                "or write the real https:// address (or a path on the site, mailto:, tel:)")
    if kind == "image":
        return (f"image '{text}' removed, its alt text shown instead: {shown} is not an address a page loads "
                f"images from; put the file in {static_dir}/images/ and write ![{text}]({base_path}images/name.png), "
                "or an https:// address")
    return (f"link '{text}' shown as plain text: {shown} is not an address readers can follow; write the real "
            "https:// address (or a path on the site, mailto:, tel:)")


def lost_mark_message(why: str, label: str, about: str) -> str:
    """What ``removed_problems`` says of a footnote mark the page does not show (``Rendered.lost_marks``), whose note
    therefore has no way back to it."""
    mark, written = (f"footnote mark [^{label}]", f"[^{label}]") if label else ("inline footnote ^[…]", "it")
    where, fix = {
        "image": (f"in the alt text of image '{about}', which shows no mark", f"write {written} after the image's ')'"),
        "note": (f"in note [^{about}], which is left out of the page (no mark refers to it)",
                 f"write [^{about}] where that note belongs, or {written} in the text"),
        "again": (f"in an earlier note [^{about}], which readers do not see (the label is defined again, and the "
                  "page shows the last)", f"give one of them a new label, or write {written} in the last"),
        "raw": ("in raw HTML, where it is plain text", f"write {written} outside the raw HTML")}[why]
    return f"{mark} is {where}: readers never see it, and its note's way back to it (↩︎) is left out; {fix}"


def unusable_image_message(src: str, static_dir: str, base_path: str = "/") -> str:
    """What ``removed_problems`` says of a raw ``<img>`` removed for its address (``static_dir``: the site's; under
    a sub-path ``base_path`` the address starts with it)."""
    written = src.strip()
    if not written:
        return (f"<img> without a src removed; write src=\"/images/name.jpg\" ({static_dir}/images/name.jpg) "
                "or https://…")
    if re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", written) or written.startswith("//"):  # a scheme (urlsplit could raise)
        return (f"<img src=\"{src}\"> removed: a raw <img> needs an address from the site's root "
                f"(/images/name.jpg is {static_dir}/images/name.jpg) or one starting with https://")
    return (f"<img src=\"{src}\"> removed: a raw <img> needs an address from the site's root or https://; "
            f"for {static_dir}/{written.lstrip('./')} write src=\"{base_path}{written.lstrip('./')}\"")


def removed_message(tags: Sequence[str], hidden: Sequence[str]) -> str:
    """What ``removed_problems`` says of raw HTML removed with its content (``tags``, at one line), and of what was
    left out with it (``Rendered.hidden``)."""
    inside = f" ({', '.join(hidden)} left out too: it linked into it)" if hidden else ""
    return (f"{', '.join(f'<{tag}>' for tag in tags)} removed with everything inside{inside}: a digest's "
            "pages and feeds keep no embeds, scripts, styles, form fields or inline SVG; link to what it shows instead")


def read_front(rel: str, data: bytes) -> tuple[tuple[FieldReader, Split] | None, list[Problem]]:
    """An article file's front matter, ready for its fields to be read, and its parts; None (and why) when it has
    no usable front matter. The problems found so far are the reader's list, which each read adds to."""
    text, problems = decode(rel, data)
    if text is None:
        return None, problems
    escaped: list[YamlError] = []
    written: Written = {}
    try:
        parts = split(text)
        meta, lines, slip = load_yaml_past_slips(parts.yaml_text, parts.yaml_line, escaped, written=written)
    except SplitError as e:
        return None, [Problem(rel, e.line, "", e.message)]
    except YamlError as e:
        return None, list(yaml_problems(rel, e))
    if slip is not None:  # the other fields, read as if the slips were written as said, are said in the same run
        problems += yaml_problems(rel, slip)
    problems += said_by(rel, read_past(rel, escaped), slip)
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return None, [Problem(rel, parts.yaml_line, "", "front matter must be 'key: value' lines, like 'title: ...'")]
    return (FieldReader(rel, meta, lines, lines_read(text, parts.yaml_line, slip), problems, written, slip), parts), \
        problems


@dataclass(frozen=True)
class Unloaded:
    """An article file that did not load (it has an error), as far as its address can be read: a build that stops
    for errors checks the redirects against its page too (``build.unloaded``), so a redirect onto it is said in
    the same run, not after its own error is fixed."""

    source_path: str
    path: str
    date: datetime
    draft: bool
    """True also when ``draft:`` cannot be read: nothing is said of a page that may not be published."""
    redirects: tuple[Redirect, ...] = ()


@dataclass(frozen=True)
class Named:
    """The section and tags of an article file with an error of its own, read again with its address but needing
    neither its date nor its slug: a build that stops for errors checks that each makes a URL
    (``taxonomy.unloaded_name_problems``), in the same run, not after its own error is fixed."""

    source_path: str
    draft: bool
    """As ``Unloaded.draft``: nothing is said of a page that may not be published."""
    names: tuple[tuple[str, str, int], ...]
    """(field, name, line) of its section and each tag."""


def unloaded_article(rel: str, data: bytes, config: Config) -> tuple[Unloaded | None, Named | None]:
    """What ``Unloaded`` holds of an article file (None where its date or slug cannot be read), and its ``Named``
    (None where its front matter cannot be read)."""
    front = read_front(rel, data)[0]
    if front is None:
        return None, None
    check = front[0]
    draft = check.boolean("draft") or not isinstance(check.meta.get("draft"), (bool, type(None)))
    section = check.name_without_invisible("section", check.text("section"))
    names = [("section", section, check.line("section"))] if section else []
    names += [("tags", name, check.line("tags", i)) for name, i in check.names("tags", MAX_TAGS).items()]
    named = Named(rel, draft, tuple(names))
    when, slug = check.date("date", config.tz, required=True, language=config.language), check.slug(rel)
    if when is None or slug is None:
        return None, named
    redirects = read_redirects(check, check.meta, config.base_path)
    return Unloaded(rel, article_path(when, slug), when, draft, tuple(redirects)), named


def known_company(registry: Registry, name: str) -> Company | None:
    """The registered company ``name`` means: by a name or alias, or by the entry's id ('telkomsel'), or a name
    it had ('Telkomsel' before 'Telkomsel Grup')."""
    return registry.lookup(name) or registry.companies.get(make_slug(name))


def parse_article(rel: str, data: bytes, settings: ArticleSettings) -> tuple[Article | None, tuple[Problem, ...]]:
    """One file's bytes → its Article (or None) and every problem found in it."""
    front, problems = read_front(rel, data)
    if front is None:
        return None, tuple(problems)
    check, parts = front
    meta = check.meta
    tz = ZoneInfo(settings.timezone)

    for key in meta:
        if key not in FIELDS:
            if ours := OTHER_TOOLS.get(str(key).lower()):
                check.warn(key, f"unknown field, ignored; this site calls it '{ours}'"
                           + (" (one section per article)" if ours == "section" else ""))
                continue
            hint = difflib.get_close_matches(str(key), FIELDS, n=1)
            if not hint and len(str(key).split()) > 1:  # "Paragraf satu: isi." read as a field: the text's
                check.warn(key, "unknown field, ignored; if this line is the article's text, the front matter "
                                "above it has no closing '---': add one after its last field")
                continue
            check.warn(key, "unknown field, ignored; " + (f"did you mean '{hint[0]}'?" if hint else
                                                            "known fields: " + ", ".join(FIELDS)))
    title = check.text("title", required=True)
    when = check.date("date", tz, required=True, language=settings.markdown.language)
    updated = check.date("updated", tz, language=settings.markdown.language)
    summary = check.text("summary")
    author = check.text("author")
    section = check.name_without_invisible("section", check.text("section"))
    if section and (joined := joined_sections(section, settings.section_names)):
        check.error("section", f"{quoted(section)} joins {len(joined)} of the sections {settings.sections_file} "
                               f"lists ({', '.join(joined)}); section takes one value: pick one, like section: "
                               f"{_yaml_text(joined[0])}")
    image = check.image(settings.base_path)
    image_alt, image_caption, image_credit = (check.text(k) for k in ("image_alt", "image_caption", "image_credit"))
    if image and not image_alt and (meta.get("image_alt") is None or isinstance(meta["image_alt"], str)):
        # (not a number or list: that is said as such, once)
        check.error("image_alt" if "image_alt" in meta else "image",
                    "an image needs 'image_alt:', a short description of what it shows for readers who cannot "
                    "see it" if "image_alt" not in meta else "is empty; describe what the image shows")
    draft = check.boolean("draft")
    lang = check.lang(settings.markdown.language)
    toc = check.boolean("toc") if meta.get("toc") is not None else None
    source = check.source(dict(settings.publishers))
    tags = check.names("tags", MAX_TAGS)
    company_names = check.names("companies", MAX_COMPANIES, lambda name: bool(known_company(settings.registry, name)),
                                f"{settings.content_dir}/companies.yaml")
    slug = check.slug(rel)
    redirects = read_redirects(check, meta, settings.base_path)

    companies: list[Company] = []
    for name, i in company_names.items():
        company = known_company(settings.registry, name)
        cid = make_slug(name) if company is None else ""
        if company is None and not cid:  # '!!!' would be /companies/company/, a URL nobody wrote
            check.error("companies", f"{quoted(name)} has no letters or digits to make a URL from; spell it out, or "
                        f"add it to {settings.content_dir}/companies.yaml under an id", ("companies", i))
            continue
        if company is None and (comma_names(name) or ("companies", i) in check.joined):  # said by names(), with
            # no 'did you mean' one of the names
            company = Company(cid, name, known=False)
        if company is None:
            hint = settings.registry.suggest(name)
            check.warn("companies", f"{quoted(name)} is not in {settings.content_dir}/companies.yaml; "
                       + (f"did you mean '{hint}'? " if hint else "")
                       + "add it there to give its page a name, link and description", ("companies", i))
            company = Company(cid, name, known=False)
        first = next((c for c in companies if c.id == company.id), None)
        if first is None:
            companies.append(company)
        elif not first.known or not company.known:  # 'Go-To' and 'Go To': as in two articles (``_group_companies``)
            check.error("companies", one_company_url(company.name, first.name, rel, company.id), ("companies", i))

    body = parts.body
    if not body.strip():
        check.warn("", "the body is empty; write the digest text below the closing '---'", line=parts.body_line)
    elif placeholder := next((p for p in PLACEHOLDER.values() if p in body), None):
        line = parts.body_line + body.count("\n", 0, body.index(placeholder))
        check.warn("", "the placeholder text is still there (digest new wrote it); replace it with the digest text",
                   line=line)
    if updated and when and updated.timestamp() < when.timestamp():  # not by wall clock: in an hour said twice
        same_day = updated.date() == when.date() and not (updated.hour or updated.minute or updated.second)
        later = min(when.replace(second=0, microsecond=0) + timedelta(hours=1), when.replace(hour=23, minute=59,
                                                                                             second=59, microsecond=0))
        hint = f"{later:%H:%M}" if later.second == 0 else f"{later:%H:%M:%S}"
        check.error("updated", "is before 'date'; an update cannot come before publication"
                    + (f"; a date alone is midnight: add the update's time, like updated: {updated.date().isoformat()}T"
                       f"{hint}" if same_day else ""))
    if any(p.severity == "error" for p in problems) or title is None or when is None or slug is None:
        return None, failed_with(check, redirects)
    rendered = render(body, settings.markdown, toc, lang)
    warn_removed(check, rendered, parts.body_line, settings.static_dir, settings.base_path)
    if any(p.severity == "error" for p in problems):  # an HTML comment never closed
        return None, failed_with(check, redirects)
    if rendered.unlinked:
        check.warn("", "markdown-it-py could not link the bare URLs of this body (one of them trips a bug in it), so "
                       "they stay plain text; write links as <https://…> or [text](https://…)", line=parts.body_line)
    body_html = rendered.html
    if "](" in body_html:  # a link or image Markdown did not take: its address has a space
        shown_as_text(check, body, body_html, parts.body_line)
    if not summary:  # the writer's <!--more--> ends the summary, as in Hugo, Pelican and Jekyll
        body_summary = rendered.summary or summarize(body_html)  # a picture alone before it: no summary
    fields = dict(source_path=rel, slug=slug, title=title, date=when, updated=updated,
                  summary=summary or body_summary, summary_from_body=not summary,
                  source=source, tags=tuple(tags), companies=tuple(companies),
                  section=settings.section_names.get(fold(section), section) if section else "",
                  author=author or "", image=image or "", image_alt=image_alt or "", image_caption=image_caption or "",
                  image_credit=image_credit or "", draft=bool(draft), path=article_path(when, slug), lang=lang)
    article = Article(key=article_key(rel, data, settings),
                      body=body_html.encode("utf-8"), redirects=tuple(redirects), words=count_words(body_html),
                      body_images=local_images(body_html, settings.base_url, settings.base_path),
                      body_media=local_media(body_html), body_file_links=file_links(body_html),
                      **fields)  # type: ignore[arg-type]
    return article, tuple(problems)


SUMMARY_CHARS = 200
"""A summary made from the body is cut to about this many characters, at a word (in Chinese or Japanese text, which
puts no spaces between words, after a sentence or at a character)."""
_CJK = LazyPattern("[\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
                   "\U00020000-\U0003134f]")
"""A Han character, hiragana or katakana: Chinese and Japanese write words without spaces between them (Korean's
Hangul has spaces, so it is not here)."""
_CJK_FIRST = "\u3040"
"""``_CJK``'s first character: one below it is none of them, told without the pattern, which takes 27 M instructions
to compile (its 28,000 characters marked one at a time), 0.8% of a one-edit rebuild whose article has no Chinese or
Japanese (its accents and dashes are all below)."""
_LAST_CJK = LazyPattern(_CJK.pattern + "(?!.*" + _CJK.pattern + ")", re.DOTALL)
_THAI = LazyPattern("[\u0e01-\u0e5b]")
"""Thai, which writes a sentence's words without spaces between them: its spaces end phrases and sentences."""
_SENTENCE_END = LazyPattern("[。！？](?!.*[。！？])", re.DOTALL)
_FIRST_PARAGRAPH = LazyPattern(r"<(?:p>(.*?)</p>|(video|audio|picture|object)\b.*?</\2>)", re.DOTALL)
"""A paragraph (its text in group 1), or a player with all it holds: a paragraph inside one (its fallback text,
'<p>Browser Anda tidak mendukung video.</p>') is passed over with it."""
_PICTURED = LazyPattern(r"<(?:img|video|audio|picture|iframe|object|embed)\b")
"""What makes a paragraph a picture or a player rather than text."""
_FALLBACK = LazyPattern(r"<(video|audio|iframe|object)\b.*?</\1>", re.DOTALL)
"""A player and what it holds: its fallback text ('Your browser does not support video.') is shown only by a browser
that cannot play it."""
_NOTE_REF = LazyPattern(r'<sup class="footnote-ref">.*?</sup>')
_TAG = LazyPattern(r"<[^>]+>")
_BR_TAG = LazyPattern(r"<br\s*/?>")
"""A line break in the sanitised HTML, a space in the summary (as a heading's ``<br>`` in the table of contents)."""


_WORD = LazyPattern(r"\w+")
"""Jinja's ``wordcount`` filter's idea of a word: a run of characters that ``str.isalnum`` accepts, or '_'."""


_ANY_TAG = LazyPattern(r"<[^>]*>")  # not _TAG: striptags removes "<>" too
_ASCII_BYTES = bytes(range(128))
"""Deleted from a text's UTF-8 (``bytes.translate``), they leave its non-ASCII characters: a pass of a few
instructions a byte, where a regular expression for them takes some fifty a character."""
_WORD_BITS = bytes(int(not chr(c).isascii() or chr(c).isalnum() or c == 95) for c in range(256))
"""A byte → 1 where it is an ASCII word character or part of a non-ASCII one (``count_words`` has replaced the
non-ASCII characters that are not word characters by then), else 0."""


_IMG_SRC = LazyPattern(r'<img\s[^>]*?\bsrc="([^"]*)"')
_SCHEME_OR_HOST = LazyPattern(r"^(?:[a-zA-Z][a-zA-Z0-9+.\-]*:|//)")


_AS_TEXT = LazyPattern(r"(!?)\[([^\]\n]*)\]\(([^()\n]*?\S\s+[^()\n]*?)\)")
"""'![alt](/images/Foto Batam.jpg)' left in a body's HTML as text: CommonMark takes no space in an address."""
_CODE = LazyPattern(r"<code\b.*?</code>", re.DOTALL)
"""Code, where Markdown written as text is meant (an article about Markdown)."""
_WITH_TITLE = LazyPattern(r'(.*?)(\s+(?:"[^"]*"|\'[^\']*\'))')


def read_redirects(check: FieldReader, meta: Mapping[str, Any], base_path: str) -> list[Redirect]:
    """An article's or a page's ``redirects:``: an error for each item that is no usable path, and a warning for
    one no static host serves a redirect page at, or too long for nginx's map."""
    redirects, bad_redirects = parse_redirects(meta.get("redirects"), lambda *item: check.line("redirects", *item),
                                               check.written)
    value = meta.get("redirects")
    aliased = {(check.line("redirects", i), f"item {i + 1} is empty") for i in range(len(value))
               if value[i] is None and check.written.get(("redirects", i), "").startswith("*")} \
        if isinstance(value, list) else set()  # an alias YAML read past ('[*b, lama/]'): its own message says it
    for line, message in bad_redirects:
        if (line, message.partition(";")[0]) not in aliased:
            check.error("redirects", message, line=line)
    shown = unquote(base_path)  # '/beritä/', as the old addresses are read ('/berit%C3%A4/' is config's form)
    # in NFC: 'beritä' typed composed in base_url and decomposed in the old address (or the reverse) is one folder
    base = unicodedata.normalize("NFC", shown.strip("/") + "/")
    for redirect in redirects:
        # '/digest/2025/06/lama/', copied from the address bar
        if base != "/" and unicodedata.normalize("NFC", redirect.path).startswith(base):
            rest = redirect.path.split("/", base.count("/"))[-1]  # as typed (NFC keeps every '/')
            check.warn("redirects", f"{quoted_redirect(redirect)} begins with the site's base path {shown}, and an "
                       f"old address is written after it, so this one is {shown}{redirect.path}; "
                       + (f"write {rest}" if rest else f"the home page {shown} is no old address: remove it")
                       + f" (unless readers had {shown}{redirect.path})", line=redirect.line)
        if not is_page_file(file_for(redirect.path)):
            check.warn("redirects", f"{quoted_redirect(redirect)} is not a page's address (a folder, or a file "
                       "named .html), so no redirect page is written there, which a static host would serve as a "
                       "download or as text: Netlify, Cloudflare Pages and nginx redirect it by their rules, GitHub "
                       "and GitLab Pages answer 404", line=redirect.line)
        longest = unquote(base_path + redirect.path + ("index.html" if redirect.path.endswith("/") else ""))
        if (size := len(longest.encode())) > NGINX_KEY_MAX:
            check.warn("redirects", f"{quoted_redirect(redirect)} is {size} bytes as nginx reads it"
                       f"{' (with index.html)' if redirect.path.endswith('/') else ''}, and "
                       f"nginx takes map keys of up to about {NGINX_KEY_MAX} with deploy/nginx.conf's "
                       "'map_hash_bucket_size 256;' (beyond, it refuses to start): set 512 there, or leave this "
                       "address out", line=redirect.line)
    return redirects


def failed_with(check: FieldReader, redirects: Sequence[Redirect]) -> tuple[Problem, ...]:
    """The problems of a file that does not load, with each old address written with '//', '.' or '..' and the one
    to write (``redirects.unusable_fix``), which only planning can check against the site's pages: it does for a
    file whose address can be read (``build.unloaded``), and its word replaces this one (``refused_fixes``)."""
    for redirect in redirects:
        if redirect.written:
            check.error("redirects", unusable_fix(redirect), line=redirect.line)
    return tuple(check.problems)


def shown_as_text(check: FieldReader, body: str, body_html: str, first_line: int) -> None:
    """A warning for each image or link the reader sees as its Markdown, at its line, with what to write: the
    image field takes a name with spaces (``images/Foto Batam.jpg``), and the same path in the body was silent."""
    for match in _AS_TEXT.finditer(_CODE.sub("", body_html) if "<code" in body_html else body_html):
        bang, text, address = (html.unescape(g) for g in match.groups())
        written = html.unescape(match.group())
        at = _in_text(body, written)
        if at < 0:
            continue  # not as written in the body's text (escaped with '\\', in code, or changed on the way)
        titled = _WITH_TITLE.fullmatch(address)
        url, title = (titled[1], titled[2]) if titled else (address, "")
        what = "image" if bang else "link"
        check.warn("", f"this {what} is shown as text, '{written}': Markdown takes no space in an address; write "
                       f"it in angle brackets, {bang}[{text}](<{url.strip()}>{title}), or each space as %20",
                   line=first_line + body.count("\n", 0, at))


def _in_text(body: str, written: str) -> int:
    """Where ``written`` is in ``body`` as text Markdown reads (not escaped with a backslash, not in a code span or
    a fenced block), or -1. The first place it is, anywhere, was an example in code."""
    fenced, fence = set(), ""
    for number, line in enumerate(body.split("\n")):
        if fence and line.lstrip().startswith(fence):
            fenced.add(number)
            fence = ""
        elif fence or (opening := re.match(r" {0,3}(`{3,}|~{3,})", line)):
            fenced.add(number)
            fence = fence or opening[1]
    at = body.find(written)
    while at >= 0:
        start = body.rfind("\n", 0, at) + 1
        if body[at - 1:at] != "\\" and body.count("`", start, at) % 2 == 0 and body.count("\n", 0, at) not in fenced:
            return at
        at = body.find(written, at + 1)
    return -1


def local_images(body_html: str, base_url: str = "", base_path: str = "/") -> tuple[str, ...]:
    """``Article.body_images``: the body's image addresses that are paths on this site, each once, in order; with
    ``base_url``, those naming its host too ('https://example.org/images/x.png', as the HTML writes it)."""
    if "<img" not in body_html:
        return ()
    return tuple(dict.fromkeys(src for src in _IMG_SRC.findall(body_html) if not _SCHEME_OR_HOST.match(src)
                               or base_url and own_path(base_url, base_path, html.unescape(src)) is not None))


MEDIA_TAG = LazyPattern(r"<(video|audio|source|track)\s[^>]*>")
"""A video's or a sound's tag in a body's HTML."""
_HREF = LazyPattern(r'href="(?=([^"]*)")')
_MEDIA_ADDRESS = LazyPattern(r'(src|poster)="(?=([^"]*)")')
_TAG_TO_ATTRIBUTE = LazyPattern(r'<[a-z][a-z0-9]*(?: [^\s="/>]+(?:="[^"]*")?)* ')
"""A start tag of a body's HTML up to one of its attributes, read as nh3 writes it: each value double-quoted (a '"' in
it '&quot;', a '<' or '>' '&lt;', '&gt;'), so a value's words (``title="Catatan&gt;Baca &lt;a href="``) are none."""


def _an_attribute(body_html: str, at: int) -> bool:
    """Whether ``at`` of a body's HTML is where an attribute's name starts, not a word in a value
    (``_TAG_TO_ATTRIBUTE``)."""
    return _TAG_TO_ATTRIBUTE.fullmatch(body_html, body_html.rfind("<", 0, at), at) is not None


def body_links(body_html: str) -> list[str]:
    """The ``href`` of each tag of a body's HTML, in order (a value's words 'href=' are none: ``_an_attribute``)."""
    return [found[1] for found in _HREF.finditer(body_html) if _an_attribute(body_html, found.start())]


def media_values(tag: str) -> list[tuple[str, str]]:
    """The ``src`` and ``poster`` of a video's or a sound's tag (``MEDIA_TAG``), each with its name."""
    return [(found[1], found[2]) for found in _MEDIA_ADDRESS.finditer(tag) if _an_attribute(tag, found.start())]


def media_of(body_html: str) -> dict[str, str]:
    """Each address of a body's videos and sounds, once, in order, with what it is as a message names it
    ('<video> poster', '<source> address')."""
    found: dict[str, str] = {}
    for tag in MEDIA_TAG.finditer(body_html):
        for attribute, address in media_values(tag[0]):
            found.setdefault(address, f"<{tag[1]}> {'poster' if attribute == 'poster' else 'address'}")
    return found


def local_media(body_html: str) -> tuple[tuple[str, str], ...]:
    """``Article.body_media``: of ``media_of``, the addresses that are paths on this site."""
    if "<video" not in body_html and "<audio" not in body_html:  # the sanitiser keeps no <source> or <track> alone
        return ()
    return tuple((address, what) for address, what in media_of(body_html).items()
                 if not _SCHEME_OR_HOST.match(address))


def file_links(body_html: str) -> tuple[str, ...]:
    """``Article.body_file_links``: the body's link addresses without a scheme or host whose path ends in '.md',
    each once, in order."""
    if ".md" not in body_html:
        return ()
    return tuple(dict.fromkeys(href for href in body_links(body_html)
                               if not _SCHEME_OR_HOST.match(href) and _path_of(html.unescape(href)).endswith(".md")))


def _path_of(address: str) -> str:
    """The path of a link address, %-decoded ('' for one Python cannot split)."""
    try:
        return unquote(urlsplit(address).path)
    except ValueError:  # a stray '[' where a host would be
        return ""


def linked_file(content_dir: str, here: str, raw: str, files: Container[str], base_path: str = "/") -> str | None:
    """The file among ``files`` (articles' and pages' files, by path from the project) that a link in the body of
    ``here`` names by its file (``raw``, decoded: '../05/meta.md' from this file's folder, or 'content/2025/05/
    meta.md' or '/2025/05/meta.md' from the project or content/, with or without the site's ``base_path``, as
    other generators' ``ref`` and ``@/`` take one), or None."""
    written = _path_of(raw)
    if not written.endswith(".md"):
        return None
    rooted = (written[len(base_path):] if written.startswith(base_path) else written).lstrip("/")
    for found in (posixpath.join(posixpath.dirname(here), written), posixpath.join(content_dir, rooted), rooted):
        if posixpath.normpath(found) in files:
            return posixpath.normpath(found)
    return None


def file_link_problems(config: Config, bodies: Iterable[tuple[str, Sequence[str]]], pages: Mapping[str, str],
                       unpublished: Mapping[str, tuple[str, str]] = {}, files: Collection[str] = ()) -> list[Problem]:
    """A warning for each link in a body (``bodies``: each file and its ``file_links``) that names an article's or a
    page's file (``pages``: each file by path from the project → its page's path; ``unpublished``: a draft's or a
    future article's → its page's path and ``unpublished_why``) instead of its page's address: readers would get
    a broken link. Other generators take such links (Hugo's ``ref``, Zola's ``@/``, Pelican's ``{filename}``);
    digest links pages by address, and says which one to write. A link to a Markdown file that is none of them, and
    no file of the site either (``files``: every output path; a '.md' in static/ is one), is a broken link too,
    told the page whose address is most like it, as ``digest check`` tells it."""
    problems: list[Problem] = []
    every = {**{rel: (page, "") for rel, page in pages.items()}, **unpublished}
    for rel, addresses in bodies:
        found: list[tuple[str, str | None, str]] = []
        for address in addresses:
            raw = html.unescape(address)
            linked = linked_file(config.content_dir, rel, raw, every, config.base_path)
            target = link_target(config.base_url, config.base_path, pages[rel], raw) if linked is None else ""
            if linked is not None or target is not None and not resolves(config.base_path, target, files):
                found.append((raw, linked, target or ""))
        lines = body_lines_of(config.root, rel, [raw for raw, _, _ in found]) if found else []
        for (raw, linked, target), at in zip(found, lines):
            if linked is not None:
                message = (f"the link '{as_typed(raw)}' names a Markdown file, which readers cannot open; link its "
                           f"page's address: {page_address(config.base_path, raw, linked, *every[linked])}")
            else:
                near = nearest_page(config.base_path, target, [file_for(path) for path in files])
                message = (f"the link '{as_typed(raw)}' names no article's or page's file, and points at "
                           f"{as_typed(target)}, which is not a page or file of the site, so readers get a broken "
                           "link; " + (f"did you mean {near}?" if near else "link the address of the page you mean "
                                       f"({config.base_path}YYYY/MM/slug/ for an article), not a Markdown file"))
            problems += [Problem(rel, line, "", message, "warning") for line in at]
    return problems


def page_address(base_path: str, raw: str, linked: str, page: str, why: str = "") -> str:
    """The address to link instead of ``raw``, a link to the file ``linked`` whose page is at ``page``, with the
    file named after it (``why``: the page is not published yet, ``unpublished_why``; '' if it is)."""
    fragment = raw.partition("#")[2]
    address = f"{base_path}{page}{'#' + fragment if fragment else ''} ({linked})"
    return f"{address}, which readers can open once it is published: it is {why}" if why else address


def unpublished_why(hidden_draft: bool, date: datetime | None = None) -> str:
    """Why an article's or a page's page is not on the site: a draft left out (no --drafts), or dated after the
    build's 'now' (no --future)."""
    return "a draft (draft: true)" if hidden_draft or date is None else f"dated {date:%Y-%m-%d %H:%M}, still to come"


def count_words(body_html: str) -> int:
    """``body_html | striptags | wordcount``, as the theme's reading time used to compute it on every render, but
    with each Chinese or Japanese character (``_CJK``; those scripts put no spaces between words) counted as 2/5
    of a word, rounded up: readers read about 500 such characters a minute, as 200 words of English or Indonesian.

    Without comments, markupsafe's ``striptags`` cuts each '<' to the next '>' (and stops at a '<' with no
    '>' after it, where this pattern finds no more tags either), then unescapes. Words are then counted
    without making them: each character becomes 'a' (a word character) or a space, and a word is where an 'a'
    follows a space. Three times as fast as ``len(_WORD.findall(text))`` (10,000 articles: 1.2 -> 0.4 CPU s).
    The non-ASCII characters are found and replaced in the text's UTF-8, where a character's bytes are never part
    of another's (a fifth fewer instructions for a news article's word count); only those that are not word
    characters are replaced (a space), as a word character's bytes, all marked 1, stay inside its word. The words
    are counted as the 1 bytes after a 0 (or first), with the marks read as one integer: a shift, an and and
    ``int.bit_count`` cost a third of ``bytes.count(b" a")``, whose search stops at every space.
    A body with a comment takes ``striptags`` itself."""
    if "<!--" in body_html:
        text = Markup(body_html).striptags()
        cjk = len(_CJK.findall(text))
        return len(_WORD.findall(_CJK.sub(" ", text) if cjk else text)) + (2 * cjk + 4) // 5
    text = html.unescape(_ANY_TAG.sub("", body_html))
    data = text.encode("utf-8", "surrogatepass")
    cjk = 0
    if not text.isascii():
        for char in set(data.translate(None, _ASCII_BYTES).decode("utf-8", "surrogatepass")):
            if cjk_char := char >= _CJK_FIRST and _CJK.match(char) is not None:
                cjk += text.count(char)
            if cjk_char or not char.isalnum():
                data = data.replace(char.encode("utf-8", "surrogatepass"), b" ")
    marks = int.from_bytes(data.translate(_WORD_BITS), "little")  # byte i of the text is bit 8 * i
    return (marks & (marks ^ (marks << 8))).bit_count() + (2 * cjk + 4) // 5  # a 1 whose byte before is 0


def find_literal(text: str, starts: Sequence[int], raw: str, start: int) -> int:
    """First line at or after ``start`` of ``text`` (whose lines begin at ``starts``) containing ``raw``, or 0."""
    first = max(start, 1)
    if first > len(starts) or "\n" in raw:
        return 0
    at = text.find(raw, starts[first - 1])
    return bisect_right(starts, at) if at >= 0 else 0


def text_lines(data: bytes, path: str) -> tuple[str, tuple[int, ...]]:
    """A file's text and the offset at which each of its lines starts."""
    text = decode(path, data)[0] or ""
    return text, tuple(accumulate((len(line) + 1 for line in text.split("\n")[:-1]), initial=0))


def summarize(body_html: str) -> str:
    """The body's first paragraph as plain text, cut at a word: the summary of an article that has none.

    The HTML comes from our own renderer and the sanitiser, which escape '<' and '>' inside
    attribute values, so every tag ends at its first '>' and a regular expression can strip them.
    Footnote marks ('[1]') are not part of the text, nor a player's fallback text (also paragraphs inside the
    player); a paragraph with a picture or a player (alone, or with its credit: '*Foto: Reuters*', as news items
    often open) is passed over for the next, unless no other has text. A line break between two Chinese or Japanese
    characters is no space (``collapse``), as on the page.
    """
    text = pictured = ""
    for found in _FIRST_PARAGRAPH.finditer(body_html):
        if found.group(1) is None:  # a player, the fallback paragraphs in it passed over
            continue
        inner = _NOTE_REF.sub("", found.group(1))
        if "<br" in inner:  # 'Harga<br>baru' is 'Harga baru', not 'Hargabaru'
            inner = _BR_TAG.sub(" ", inner)
        media = "<" in inner and _PICTURED.search(inner) is not None
        words = collapse(html.unescape(_TAG.sub("", _FALLBACK.sub("", inner) if media else inner)))
        if words and not media:
            text = words
            break
        pictured = pictured or words
    text = text or pictured
    if len(text) <= SUMMARY_CHARS:
        return text
    cut = text[:SUMMARY_CHARS].rsplit(" ", 1)
    # no space near the limit: '米OpenAI は…' was cut after 8 characters, and a Thai paragraph after its first phrase
    if len(cut) == 1 or _CJK.search(cut[1]) or len(cut[0]) < SUMMARY_CHARS // 2 and _THAI.search(cut[1]):
        cut = [cjk_cut(text)]
    return cut[0].rstrip(",;:.、，；：。") + "…"


def cjk_cut(text: str) -> str:
    """Chinese, Japanese or Thai text (no spaces between words) cut to ``SUMMARY_CHARS``: after its last '。', '！' or
    '？' in the limit's second half, else at the limit (before a Latin word it would cut, after the last CJK
    character; never inside a character and its marks, ``cut_point``)."""
    window = text[:SUMMARY_CHARS]
    if (stop := _SENTENCE_END.search(window, SUMMARY_CHARS // 2)) is not None:
        return window[:stop.end()]
    if text[SUMMARY_CHARS].isalnum() and not _CJK.match(text, SUMMARY_CHARS) and (last := _LAST_CJK.search(window)):
        return window[:last.end()]
    return window[:cut_point(text, SUMMARY_CHARS)]


_LOOSE_ISO = LazyPattern(r"(\d{4})([-/])(\d{1,2})\2(\d{1,2})(?:[T ](\d{1,2})[:.](\d{2})(?:[:.](\d{2})(\.\d{1,9})?)?"
                         r"[ ]?(Z|[+-]\d{2}:?\d{2})?)?", re.IGNORECASE)
"""2025-06-13, 2025/06/13, with a time (09:00, or 09.00 as Indonesian pages print it) and an offset."""
_CLOCK = (r"(?:(?:,?\s+|\s+[-|–]\s+)(?:pukul\s+|pkl\.?\s*|jam\s+|at\s+)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?"  # , 09.00
          r"(?:\s*([ap])\.?m\.?)?)?"  # 9:05 PM, 9:05 p.m.
          r"(?:\s*(wib|wita|wit|utc|gmt|z|[+-]\d{2}:?\d{2}))?")  # WIB, +07:00
"""The time after a written date: ', 09.00 WIB', ' pukul 09.00', ' pkl. 07.00', ' - 08:15 WIB', ' | 17:30 WIB' (a
page's byline), '9:05 PM' (an English one's)."""
_DAY_MONTH_YEAR = LazyPattern(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})" + _CLOCK, re.IGNORECASE)
_RELATIVE = LazyPattern(r".*\b(?:lalu|kemarin|kemaren|hari ini|besok|yang lalu|ago|yesterday|today|tomorrow|baru saja)\b.*",
                        re.IGNORECASE)
"""'2 jam lalu', 'Kemarin, 17:30', '3 hours ago': a date relative to the day it was copied."""
_NO_YEAR = LazyPattern(r"(?:[a-z']+\.?,?\s+)?(?:\d{1,2}\s+[a-z]+|[a-z]+\s+\d{1,2})\.?", re.IGNORECASE)
"""'13 Juni', 'Jumat, 13 Juni', 'June 13': a month's day without its year."""
_MONTHS = {name: number for number, names in enumerate((
    ("januari", "january", "jan"), ("februari", "pebruari", "february", "feb", "peb"), ("maret", "march", "mar"),
    ("april", "apr"), ("mei", "may"), ("juni", "june", "jun"), ("juli", "july", "jul"),
    ("agustus", "august", "agu", "agt", "ags", "aug"), ("september", "sept", "sep"),
    ("oktober", "october", "okt", "oct"), ("november", "nopember", "nov", "nop"),
    ("desember", "december", "des", "dec"),
), 1) for name in names}
"""Month names in Indonesian and English, in full and cut short, as news sites print dates."""
_WEEKDAYS = {name: number for number, names in enumerate((
    ("senin", "sen", "monday", "mon"), ("selasa", "sel", "tuesday", "tue"), ("rabu", "rab", "wednesday", "wed"),
    ("kamis", "kam", "thursday", "thu"), ("jumat", "jum'at", "jum", "friday", "fri"),
    ("sabtu", "sab", "saturday", "sat"), ("minggu", "ahad", "min", "sunday", "sun"),
)) for name in names}
"""Day names in Indonesian and English (Monday is 0, as ``date.weekday`` counts)."""
_DAY_NAMES = ("Senin (Monday)", "Selasa (Tuesday)", "Rabu (Wednesday)", "Kamis (Thursday)", "Jumat (Friday)",
              "Sabtu (Saturday)", "Minggu (Sunday)")
ZONE_NAMES = {"wib": "+07:00", "wita": "+08:00", "wit": "+09:00", "utc": "+00:00", "gmt": "+00:00", "z": "+00:00"}
"""Indonesia's three zones (western, central, eastern) and UTC, as their abbreviations follow a time."""
_WRITTEN = LazyPattern(r"(?:([a-z']+)\.?,?\s+)?"                                    # a day's name
                       r"(?:(\d{1,2})\s+([a-z]+)\.?|([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?)\s+(\d{4})"  # 13 Juni / June 13th, 2025
                       + _CLOCK, re.IGNORECASE)
"""A date as a news page prints it: '13 Juni 2025', 'Jumat, 13 Juni 2025 09.00 WIB', 'June 13, 2025 9:00'."""
_APOSTROPHES = str.maketrans("’‘ʼ´", "''''")
"""The typographic apostrophes (and the accent used as one) a copied day's name may have."""
_ISO_WITH_ZONE_NAME = LazyPattern(r"(.*\d)\s*(wib|wita|wit)", re.IGNORECASE)
"""An ISO 8601 date-time followed by an Indonesian zone's name: '2025-06-13 09:00 WIB'."""


def _written_date(text: str) -> tuple[str, str]:
    """A date written with a month's name (``_WRITTEN``) as loose ISO text for ``normalise_date``, or '' and why
    not; ``text`` as it is when it is not written so."""
    if (named := _ISO_WITH_ZONE_NAME.fullmatch(text)) and _LOOSE_ISO.fullmatch(named[1]):
        return named[1] + ZONE_NAMES[named[2].lower()], ""
    written = _WRITTEN.fullmatch(text)
    if written is None or (written[3] or written[4]).lower() not in _MONTHS:
        return text, ""
    weekday, day, name, name_first, day_second, year, hour, minute, second, half, zone = written.groups()
    if weekday is not None and weekday.lower() not in _WEEKDAYS:
        return "", ""
    month, day = _MONTHS[(name or name_first).lower()], int(day or day_second)
    try:
        real = date(int(year), month, day).weekday()
    except ValueError as e:
        return "", f"is not a valid date ({e})"
    if weekday is not None and _WEEKDAYS[weekday.lower()] != real:
        return "", f"says {weekday}, but {day} {name or name_first} {year} is a {_DAY_NAMES[real]}; check the date"
    if hour is None:
        return (f"{year}-{month}-{day}", "") if not zone else ("", no_time(
            f"{day} {name} {year}" if name else f"{name_first} {day_second}, {year}", zone))
    if (hour := twelve_hour(hour, half)) is None:
        return "", f"has the hour {written[7]} {written[10].upper()}M; an hour before AM or PM is 1 to 12"
    offset = ZONE_NAMES.get(zone.lower(), zone) if zone else ""
    return f"{year}-{month}-{day} {hour}:{minute}:{second or '00'}{offset}", ""


def no_time(day: str, zone: str) -> str:
    """Why a date with a zone and no time is not read, with the writer's own day and zone in the example."""
    return f"has a time zone but no time; write the time before it, such as {day} 09:00 {zone}"


def twelve_hour(hour: str, half: str | None) -> str | None:
    """``hour`` on a 24-hour clock, given 'a' or 'p' (AM, PM) or None; None for an hour a 12-hour clock has not."""
    if half is None:
        return hour
    if not 1 <= int(hour) <= 12:
        return None
    return str(int(hour) % 12 + (12 if half.lower() == "p" else 0))


def real_offset(sign: str, hours: int, minutes: int) -> bool:
    """Whether a UTC offset ('+' or '-', hours, minutes) is one a place has: -12:00 to +14:00."""
    return minutes <= 59 and hours * 60 + minutes <= (12 * 60 if sign == "-" else 14 * 60)


def normalise_date(text: str) -> tuple[str | None, str]:
    """A date as writers type it → zero-padded ISO 8601 text, or None and why not.

    ``2020-12-2`` and ``2020-1-5 9:05`` are what Pelican accepts, so they are read as
    2020-12-02 and 2020-01-05T09:05. ``13/2/2020`` can only be 13 February; ``2/3/2020``
    could be 2 March or 3 February, so it is an error rather than a guess. A date as a news page prints it,
    with the month's name, a day's name and WIB, WITA or WIT (``_written_date``), is read too.
    """
    if not text.isascii():  # '٢٠٢٥-٠٦-١٠': digits of another script are the same digits (Python's message leaked)
        text = "".join(str(unicodedata.digit(c)) if c.isdigit() and not c.isascii() else c for c in text)
        text = text.translate(_APOSTROPHES)  # "Jum’at", as a news page prints it, is "Jum'at"
    text, why = _written_date(text)
    if why:
        return None, why
    if match := _LOOSE_ISO.fullmatch(text):
        year, _, month, day, hour, minute, second, fraction, offset = match.groups()
        iso = f"{year}-{int(month):02d}-{int(day):02d}"
        if hour is not None:  # a fraction to the nanosecond (Go's, so Hugo's) is kept to the microsecond
            iso += f"T{int(hour):02d}:{minute}:{second or '00'}{(fraction or '')[:7]}"
            if offset:
                iso += "+00:00" if offset.upper() == "Z" else f"{offset[:3]}:{offset[-2:]}"
                if offset.upper() != "Z" and not real_offset(offset[0], int(offset[1:3]), int(offset[-2:])):
                    return None, f"has the UTC offset {iso[-6:]}; real offsets run from -12:00 to +14:00"
    elif match := _DAY_MONTH_YEAR.fullmatch(text):
        first, second_, year = (int(part) for part in match.groups()[:3])
        if first <= 12 and second_ <= 12 and first != second_:
            return None, (f"is ambiguous: day {first} of month {second_}, or month {first} day {second_}? "
                          "Write the year first")
        day, month = (first, second_) if first > 12 or first == second_ else (second_, first)
        hour, minute, second, half, zone = match.groups()[3:]
        if hour is None and zone:
            return None, no_time(text[:match.end(3)], zone)
        if hour is not None and (hour := twelve_hour(hour, half)) is None:
            return None, f"has the hour {match[4]} {match[7].upper()}M; an hour before AM or PM is 1 to 12"
        return normalise_date(f"{year}-{month}-{day}" + (f" {hour}:{minute}:{second or '00'}" if hour else "")
                              + (ZONE_NAMES.get(zone.lower(), zone) if zone else ""))
    elif _RELATIVE.fullmatch(text):
        return None, UNDATED[0]
    elif _NO_YEAR.fullmatch(text) and any(w.lower().rstrip(".,") in _MONTHS for w in text.split()):
        return None, UNDATED[1]
    else:
        return None, ""
    try:
        datetime.fromisoformat(iso)
    except ValueError as e:
        return None, f"is not a valid date ({e})"
    if not FIRST_YEAR <= int(iso[:4]) <= LAST_YEAR:
        return None, f"has the year {iso[:4]}; a date must be in the years {FIRST_YEAR} to {LAST_YEAR}"
    return iso, ""


UNDATED = ("is a date relative to the day it was written, which the site cannot know", "has no year")
"""Why ``normalise_date`` reads no date in '2 jam lalu' and in '13 Juni': what to write instead follows."""

@lru_cache(maxsize=16)
def date_examples(language: str, timezone: str) -> tuple[str, str]:
    """13 June 2025 09:00 in the site's zone, as ISO 8601 ('2025-06-13T09:00:00+01:00' in Europe/London) and as a
    news page in the site's language prints it ('13 Juni 2025 09.00 WIB', 'June 13, 2025 9:00 AM'), with the zone's
    name only where ``ZONE_NAMES`` reads it: for messages, whose examples, followed, must give the site's time."""
    when = datetime(2025, 6, 13, 9, tzinfo=ZoneInfo(timezone))
    name = when.tzname() or ""
    zone = f" {name}" if ZONE_NAMES.get(name.lower()) == when.isoformat()[-6:] else ""
    clock = "9:00 AM" if language == "en" else "09.00"
    return when.isoformat(), f"{long_date(when, language)} {clock}{zone}"


def date_forms(language: str, timezone: str) -> str:
    """How a date may be written, for messages, with the site's zone and language."""
    iso, printed = date_examples(language, timezone)
    return (f"write YYYY-MM-DD or an ISO 8601 date-time such as {iso}, or the date as the news page prints it: "
            f"{printed}")

FAR_AHEAD = timedelta(days=366)
"""An article dated further ahead than this is most likely a typo in its year (2052 for 2025): a warning
(``build.far_ahead``)."""

UPDATED_AHEAD = timedelta(hours=1)
"""An ``updated:`` later than the build's time by more than this shows, on the page and in the feeds, an update
that has not happened (a typo, or a time written in another zone): a warning (``build.updated_ahead``). Less is
an editor writing the hour they are about to publish at."""

FIRST_YEAR, LAST_YEAR = 1900, 2999
"""The years an article's date may have: a typo (0026 for 2026) is caught, and the weeks, time zones and
timestamps a build computes from a date stay far from the ends of Python's calendar (years 1 and 9999)."""


_ENTITY = LazyPattern(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_ELEMENTS = ("a|abbr|address|area|article|aside|audio|b|base|bdi|bdo|big|blockquote|body|br|button|canvas|caption|"
             "center|cite|code|col|colgroup|data|datalist|dd|del|details|dfn|dialog|div|dl|dt|em|embed|fieldset|"
             "figcaption|figure|font|footer|form|h[1-6]|head|header|hgroup|hr|html|i|iframe|img|input|ins|kbd|label|"
             "legend|li|link|main|map|mark|math|menu|meta|meter|nav|noscript|object|ol|optgroup|option|output|p|"
             "param|picture|pre|progress|q|rp|rt|ruby|s|samp|script|search|section|select|slot|small|source|span|"
             "strike|strong|style|sub|summary|sup|svg|table|tbody|td|template|textarea|tfoot|th|thead|time|title|tr|"
             "track|tt|u|ul|var|video|wbr")
_INVISIBLE = LazyPattern("[\u00ad\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
"""Format characters no one sees in a name (a zero-width space, a soft hyphen, direction marks); not the joiners
U+200C and U+200D, which some scripts and emoji need."""
LEFT_OUT = "; it is left out: delete it"
"""How the warnings about invisible characters in a name end (``… from the file``, when the rest is kept); with
``IGNORED``, the advice for a file that ``digest new``, refusing a typed argument, says for the argument instead."""
IGNORED = ", or remove the line; it is ignored"
_MARKUP_TAG = LazyPattern(rf"</?(?:{_ELEMENTS})(?:\s[^<>]*)?/?>", re.IGNORECASE)
"""An HTML element's tag, as pasted from a web page ('<b>', '</p>', '<br/>'); not any text between '<' and '>'
("Ponsel <Rp2 juta, harga turun >10%" is a headline)."""


_NAMED_TAG = LazyPattern(r"(?:^|(?<=[\s(“‘\"']))<([A-Za-z][A-Za-z0-9]*)>(?=$|[\s,.;:!?)”’\"'-])")
"""A tag named as a word ('tag <section> dan <article>', 'HTML: <div>-tag'): a bare opening tag between spaces or
punctuation, or before a hyphen. It is text when the text never closes it (``html_in_text``)."""
_BREAKING_TAG = LazyPattern(r"</?(?:address|article|aside|blockquote|br|caption|dd|details|div|dl|dt|figcaption|"
                            r"figure|footer|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|summary|table|tbody|td|"
                            r"tfoot|th|thead|tr|ul)(?=[\s/>])", re.IGNORECASE)
"""A tag that ends a line or a block ('<br>', '<p>', '</li>'): removed from between two words, it leaves a space."""


def html_in_text(text: str, key: str, lines: tuple[int, int] = (0, 0)) -> str:
    """For a front-matter text ``key`` (shown as it is written, and escaped: '&amp;' reads '&amp;' on the page) that
    holds HTML copied from a web page, '&nbsp;' or '<b>': the warning that says so and the line to write; '' otherwise.
    A tag named as a word and never closed ('memakai tag <section> di HTML5', a headline about HTML) is text. A value
    written over ``lines`` (first, last: 'summary: |' and the lines below it) is told the lines the one replaces."""
    entities = [e for e in dict.fromkeys(_ENTITY.findall(text)) if html.unescape(e) != e]
    lower = text.lower()
    named = {found.start() for found in _NAMED_TAG.finditer(text) if f"</{found.group(1).lower()}" not in lower}
    tags = list(dict.fromkeys(found.group() for found in _MARKUP_TAG.finditer(text) if found.start() not in named))
    if not entities and not tags:
        return ""
    kept = _MARKUP_TAG.sub(lambda found: found.group() if found.start() in named else
                           " " if _BREAKING_TAG.match(found.group()) else "", text)
    # only the entities said ('&amp;'): '?lang=id&region=ID' stays, where unescape read '&reg' as '®'; and one that is
    # no character ('&#0;', U+FFFD) is left out, not suggested as '�'
    fixed = " ".join(_ENTITY.sub(lambda found: _character(found.group()), kept).split())
    what = " and ".join(part for part in (
        f"the HTML {'entity' if len(entities) == 1 else 'entities'} {', '.join(entities[:3])}" if entities else "",
        f"the HTML {'tag' if len(tags) == 1 else 'tags'} {', '.join(tags[:3])}" if tags else "") if part)
    if not fixed:  # nothing but markup: '<img src=x onerror=...>' has no text to suggest
        return (f"holds {what} and no text, which pages and feeds show as written (a field is plain text); write "
                "plain text instead")
    line = f"{key}: " + double_quoted(fixed)  # YAML reads it back as the text
    where = f", on one line in place of lines {lines[0]} to {lines[1]}" if lines[1] > lines[0] else ""
    return (f"holds {what}, which pages and feeds show as written (a field is plain text); write it as text{where}: "
            f"{line}")


def _character(entity: str) -> str:
    """What an entity ('&amp;', '&#8211;') stands for, '' for one that is no character ('&#0;'); '&T;' as written."""
    character = html.unescape(entity)
    return "" if character == "\ufffd" else character


def value_lines(raw: Sequence[str], at: int) -> tuple[int, int]:
    """The first and last line (1-based) of the front-matter value whose key is on line ``at``: the lines below it
    that are indented (a block scalar's, a value continued) are its, blank ones between them too."""
    end = at
    for number in range(at + 1, len(raw) + 1):
        line = raw[number - 1]
        if line.strip() and not line[:1].isspace():
            break
        end = number if line.strip() else end
    return at, end


_NOT_A_FILE = LazyPattern(r"[A-Za-z][A-Za-z0-9+.-]*://|(?:javascript|vbscript|data|file|blob|about|mailto|tel):|//|"
                          r".*[\t\n\r]", re.IGNORECASE)
"""An ``image:`` that is not a file's name: another scheme's address or a host (a ':' elsewhere is part of one)."""


_ONE = {"companies": "company", "redirects": "old address", "tags": "tag"}
"""What one item of a list field is, for the messages."""
_COMMA = LazyPattern(r"\s*(?:,(?!\d)|(?<!\d),|;)\s*")
"""A comma that is not a decimal one ('Rp 1,5 triliun'), or a semicolon, with the spaces around it."""
_ENTITY_END = LazyPattern(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")


def comma_names(name: str) -> list[str]:
    """The names a list's item with a comma or semicolon inside holds ('Meta, Scale AI', 'Meta; Scale AI'), which
    YAML keeps as one; [] for a name with none, or with one to spare ('Meta,'). The semicolon that ends an HTML
    entity ('R&amp;D', said by a warning of its own) splits nothing; 'AT&T; Google' is two names."""
    if "," not in name and ";" not in name:
        return []
    kept = _ENTITY_END.sub(lambda m: m.group()[:-1] + "\0" if _is_entity(m.group()) else m.group(), name)
    parts = [part.replace("\0", ";") for part in _COMMA.split(kept) if part]
    return parts if len(parts) > 1 else []


_SECTION_JOIN = LazyPattern(r"\s*[,|/;]\s*")
"""The marks that join regions on one line ('Kepri, Aceh', 'Kepri | Aceh | Nabire'), with the spaces around them."""


def joined_sections(section: str, listed: dict[str, str]) -> list[str]:
    """The sections of config.yaml (``listed``: by folded name) that a section's text joins with ',', '|', '/' or
    ';' (a page's region line pasted whole), as config.yaml spells them; [] unless it is two or more of them."""
    parts = [part for part in _SECTION_JOIN.split(section) if part]
    if len(parts) < 2 or fold(section) in listed or not all(fold(part) in listed for part in parts):
        return []
    return list(dict.fromkeys(listed[fold(part)] for part in parts))


def _is_entity(text: str) -> bool:
    """Whether '&…;' is one of HTML's entities: a number, or a name HTML knows ('&amp;', not '&T;')."""
    return text[1] == "#" or text[1:] in html.entities.html5


_BULLETS = "•·▪◦‣●○■□–—*+- \t"
"""The marks a list pasted from a document starts its lines with ('• Meta')."""


def unopened_quote(name: str) -> bool:
    """Whether a name ends with a quote it never opened ('robotik"', "AI'"): one right after a letter, the only
    one of its kind. A quote after a digit is inches or feet ('layar 12"', "5'"), and an apostrophe after an s a
    possessive ("Jobs'", "Reuters'"): names as written."""
    return (len(name) > 1 and name[-1] in "\"'" and name[-2].isalpha() and name.count(name[-1]) == 1
            and not (name[-1] == "'" and name[-2] in "sS"))


class FieldReader:
    """Typed reads of front-matter fields, each appending problems with the key's line."""

    def __init__(self, rel: str, meta: dict[str, Any], lines: Lines, raw: list[str], problems: list[Problem],
                 written: Written | None = None, slip: YamlError | None = None) -> None:
        self.rel, self.meta, self.lines, self.raw, self.problems = rel, meta, lines, raw, problems
        self.written: Written = written or {}
        """The list items YAML read as numbers or true/false, as written (``load_yaml``)."""
        self.slip = slip
        """The YAML syntax slips ``meta`` was read past (``load_yaml_past_slips``): what their fixes cure is not said
        again (``said_by``); ``raw`` is the file as they say to write it (``lines_read``)."""
        self.slipped = set(yaml_problems(rel, slip)) if slip is not None else set()
        """The slips as ``read_front`` said them, which a field's error about its value joins (``slip_and``)."""
        self.joined: set[tuple[str, int]] = set()
        """The (field, index) of the items of a list in brackets that run over lines with no comma ('[Meta' over
        'Google]'), already warned of as names YAML joined: no 'did you mean' one of them."""

    def line(self, *path: Any) -> int:
        return self.lines.get(tuple(path), self.lines.get(tuple(path[:1]), 1))

    def error(self, field: str, message: str, path: tuple[Any, ...] = (), line: int = 0) -> None:
        problem = Problem(self.rel, line or self.line(*(path or (field,))), field, message)
        if self.slip is not None:  # a slip that put the value in quotes says what the field takes instead (``slip_and``)
            for i, slipped in enumerate(self.problems):
                if slipped in self.slipped and (both := slip_and(slipped, problem)) is not None:
                    self.problems[i] = both
                    return
        self.problems += said_by(self.rel, [problem], self.slip)

    def warn(self, field: str, message: str, path: tuple[Any, ...] = (), line: int = 0) -> None:
        self.problems += said_by(self.rel, [Problem(self.rel, line or self.line(*(path or (field,))), field, message,
                                                    "warning")], self.slip)

    def _slipped(self, key: str) -> bool:
        """Whether an error about the key's line was said already, as YAML read it ('title: *x', an alias read as
        empty): its message says what to write there."""
        return any(p.path == self.rel and p.line == self.line(key) and p.field == key and p.severity == "error"
                   for p in self.problems)

    def _after_colon(self, key: str) -> str:
        """The raw text after 'key:' on the key's line."""
        raw = self.raw[self.line(key) - 1] if self.line(key) <= len(self.raw) else ""
        return raw.split(":", 1)[1] if ":" in raw else ""

    def _cut_by_comment(self, key: str, value: str) -> None:
        """Warn when a plain value on the key's line was cut at ' #' (``cut_by_comment``)."""
        if message := cut_by_comment(self.raw, self.line(key), key, value):
            self.warn(key, message)

    def _names_cut_by_comment(self, key: str) -> None:
        """A name starting with '#' that YAML read as a comment in a list over lines (``names_cut_by_comment``)."""
        if (found := names_cut_by_comment(self.raw, self.line(key), key)) is not None:
            number, message, error = found
            (self.error if error else self.warn)(key, message, line=number)

    def _hint(self, key: str, value: Any) -> str:
        """A fix for a value YAML read as something other than text."""
        after = self._after_colon(key)
        if value is None and "#" in after:
            written, note = split_note(after.strip())  # 'title: #AI # cek': the note stays one
            return (f"'#' starts a YAML comment, so the value is empty; put it in quotes: "
                    f"{key}: {double_quoted(written)}{note}")
        if value is None:
            return f"it is empty; write it after the colon, like {key}: ..."
        written = after.split(" #", 1)[0].strip()  # as the editor wrote it: '1e3', '.inf', not 1000.0, inf
        shown = (str(value).lower() if isinstance(value, bool) else written or str(value) if isinstance(value, (int, float))
                 else as_written(value, self.written, (key,)))  # '[Pekan, 0x1F]', not "['Pekan', 31]"
        kind = "true/false" if isinstance(value, bool) else "a number" if isinstance(value, (int, float)) else "a list or mapping"
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            pick = "" if len(value) == 1 else "pick one, like "
            return f"is a list ({written or shown}); {key} takes one value: {pick}{key}: {_yaml_text(value[0])}"
        return f"YAML read {quoted(shown)} as {kind}; put it in quotes: {key}: {double_quoted(written or shown)}"

    def text(self, key: str, required: bool = False, name: bool = False) -> str | None:
        """A text field, its spaces collapsed (a line break in a title is a space), warned of if it holds markup;
        with ``name``, a file's name or address, kept as written but for its ends (a macOS screenshot's
        'at 10.30.00\u202fAM', two spaces, an '&' are part of it)."""
        if key not in self.meta:
            if required:
                self.error(key, f"is required; add a line '{key}: ...' to the front matter", line=1)
            return None
        value = self.meta[key]
        if isinstance(value, str) and value.strip() and not visible(value):
            hidden = ", ".join(dict.fromkeys(f"U+{ord(c):04X} {unicodedata.name(c, 'a control character')}"
                                             for c in value if not c.isspace()))
            message = f"has only characters that cannot be seen ({hidden}); write the {key} itself"
            if required:
                self.error(key, message)
            else:
                self.warn(key, message + IGNORED)
            return None
        if isinstance(value, str) and value.strip():
            self._cut_by_comment(key, value)
            if name:
                return FORBIDDEN_CHARS.sub("", value).strip()
            text = " ".join(FORBIDDEN_CHARS.sub("", value).split())
            if ("&" in text or "<" in text) and (
                    markup := html_in_text(text, key, value_lines(self.raw, self.line(key)))):
                self.warn(key, markup)
            return text
        if value is None or isinstance(value, str):
            commented = value is None and self._after_colon(key).strip().startswith("#")
            if (required or commented) and not self._slipped(key):  # 'title: *x': the slip says what to write
                self.error(key, self._hint(key, None))
            return None
        self.error(key, "must be text; " + self._hint(key, value))
        return None

    def boolean(self, key: str) -> bool:
        value = self.meta.get(key, False)
        if value is None or isinstance(value, bool):
            return bool(value)
        self.error(key, not_boolean(key, value, self.written, (key,)))
        return False

    def lang(self, site: str) -> str:
        """The article's language as a BCP 47 tag in its usual case ('EN-us' → 'en-US'), or '' for the site's own
        (``site``: config.yaml's ``language``), which every page has already."""
        written = self.text("lang")
        if written is None:
            return ""
        tag = language_tag(written)
        if tag is None and (withdrawn := withdrawn_code(written)):
            self.error("lang", withdrawn)
            return ""
        if tag is None:
            hint = tag_hint(written)
            self.error("lang", f"{quoted(written)} is not a language tag; "
                       + (f"did you mean '{hint}'? lang takes a BCP 47 tag, like en, zh-Hans or ar" if hint else
                          "write a BCP 47 tag, like en, zh-Hans or ar: a language code, then a script or region if "
                          "needed, joined by '-'"))
            return ""
        return "" if tag.lower() == site.lower() else tag

    def date(self, key: str, tz: ZoneInfo, required: bool = False, language: str = "id") -> datetime | None:
        """The field's date in ``tz``; one whose offset there has seconds (local mean time, before the zone's standard
        time: Asia/Jakarta's +07:07:12 until 1924) is said, as feeds and pages write it in UTC (``timestamps``)."""
        moment = self._date(key, tz, required, language)
        if moment is not None and writable(moment) is not moment:
            self.warn(key, f"{moment:%Y-%m-%d %H:%M} in {tz.key} has the offset {moment.isoformat()[-9:]} (local mean "
                           "time, before the zone's standard time), with seconds, which feeds, HTML and JSON-LD cannot "
                           f"write, so they give the same moment in UTC, {iso(moment)}; the page shows "
                           + self._as_shown(key, moment))
        return moment

    def _as_shown(self, key: str, moment: datetime) -> str:
        """What the page shows of ``moment``, a time of local mean time (``date``), and whether as written: a date
        alone is shown alone, a time with no offset as written, one written with another offset ('09:00+07:00', WIB
        before there was WIB) as the clocks there read it ('09:07 BMT'). Parsed again: this is rare."""
        written = normalise_date(str(self.meta[key]).strip())[0] or ""
        if len(written) == 10:
            return "the date alone, as written"
        given = datetime.fromisoformat(written)
        shown = f"{moment:%H:%M} {moment.tzname()}"
        if given.tzinfo is None or given.utcoffset() == moment.utcoffset():
            return f"{shown} as written"
        return f"it as the clocks there read it then, {shown}, not {given:%H:%M} {given.tzname()} as written"

    def _date(self, key: str, tz: ZoneInfo, required: bool, language: str) -> datetime | None:
        if key not in self.meta:
            if required:
                self.error(key, f"is required; add a line '{key}: YYYY-MM-DD' (or an ISO 8601 date-time) to the front matter", line=1)
            return None
        value = self.meta[key]
        if value is None:
            self.error(key, f"is empty; {date_forms(language, tz.key)}")
            return None
        text = str(value).strip()
        iso, why = normalise_date(text) if isinstance(value, str) else (None, "")
        if iso is None:
            # as written: 'date: true' was 'True', 'date: 0x10' '16', a mapping Python's dict
            shown = text if isinstance(value, str) else self._after_colon(key).split(" #", 1)[0].strip()
            self.error(key, f"{quoted(shown) if shown else 'a mapping or list on the lines below'} "
                            f"{why or 'is not a valid date'}; {date_forms(language, tz.key)}")
            return None
        if len(iso) == 10:  # a date alone: the day's midnight as its wall clock says it, also on a day the clocks
            day = date.fromisoformat(iso)  # skip or repeat it (no time was given)
            if skipped := skipped_day(day, tz):  # not a time skipped: the whole day (``wall_clock``)
                self.warn(key, f"{skipped}, so the page shows a date that never was there; write the day you mean: "
                               f"{_days_around(day)}")
            return datetime.combine(day, time(0), tz)
        parsed = datetime.fromisoformat(iso)
        if parsed.tzinfo is not None:
            return parsed.astimezone(tz)
        moment, why = wall_clock(parsed, tz)
        if why:
            self.warn(key, why)
        return moment

    def image(self, base_path: str = "/") -> str | None:
        """An http(s) URL, or the address of a file in static/ as a path from the site's root (percent-encoded as
        a body link is: a space or 'é' in a file name is written as it is); anything else is dropped with a
        warning. A leading '/', and the site's base path before it, change nothing: '/digest/images/x.jpg' and
        'images/x.jpg' are static/images/x.jpg."""
        value = self.text("image", name=True)
        if value is None:
            return None
        if http_url(value):
            return encode_url(value)
        if re.match(r"[A-Za-z]:[\\/]", value) or "\\" in value:  # pasted from the editor's file manager
            name = re.split(r"[\\/]", value)[-1]
            self.warn("image", f"{quoted(value)} is a path on your computer, which readers cannot open, so it is ignored; "
                               f"copy the file into static/images/ and write image: images/{name}")
            return None
        if re.match(r"https?:/?(?!/)", value, re.IGNORECASE):
            self.warn("image", f"{quoted(value)} is a web address missing a '/' after the colon, so it is ignored; write "
                               "https://...")
            return None
        if not _NOT_A_FILE.match(value):  # a name ('Rapat:Juni.jpg'), not a scheme, host or line break
            path = value.lstrip("/")
            for base in dict.fromkeys((base_path, unquote(base_path))):  # '/kafé/' typed, or as its address
                if base != "/" and value.startswith(base):
                    path = value[len(base):]
            parts = [part for part in path.split("/") if part not in ("", ".")]
            if not parts or path.endswith("/"):
                self.warn("image", f"{quoted(value)} names a folder, not a picture, so it is ignored; write the picture's "
                                   "file in static/, such as image: images/photo.jpg")
                return None
            if ".." not in parts:  # a '#', '?' or ':' is part of the file's name: no fragment or query here
                named = "/".join(parts).replace("#", "%23").replace("?", "%3F").replace(":", "%3A")
                return encode_url(named)
            fix = "/".join(part for part in posixpath.normpath("/".join(parts)).split("/") if part != "..")
            self.warn("image", f"{quoted(value)} goes up a folder with '..', but the image is a file in static/, named "
                               f"from there, so it is ignored; write image: {fix or 'images/photo.jpg'}")
            return None
        self.warn("image", f"{quoted(value)} is neither an http(s) URL nor a path on this site, so it is ignored; "
                           "write https://... or a path such as images/photo.jpg")
        return None

    def source(self, publishers: dict[str, str]) -> Source | None:
        if "source" not in self.meta or self.meta["source"] is None:
            return None
        value = self.meta["source"]
        if isinstance(value, str):
            value = {"url": value}
        if not isinstance(value, dict):
            self.error("source", "must be a mapping with 'name:' and 'url:' on indented lines below it")
            return None
        for key in value:
            if key not in ("name", "url"):
                self.warn(f"source.{key}", "unknown field, ignored; source takes 'name' and 'url'", ("source", key))
        url = value.get("url")
        if url is not None and not isinstance(url, str):
            kind = "true/false" if isinstance(url, bool) else "a number" if isinstance(url, (int, float)) else \
                "a list or mapping"
            self.error("source.url", f"must be the link to the original article, but YAML read "
                       f"{shown_as_written(url, self.written, ('source', 'url'))} as "
                       f"{kind}; write the full address, like url: https://example.com/article",
                       ("source", "url"))
            return None
        if not isinstance(url, str) or not url.strip():
            self.error("source.url", "is required: the link to the original article", ("source", "url"))
            return None
        url = url.strip()
        if not http_url(url):
            self.error("source.url", f"{quoted(url)} " + (broken_http_url(url) or "is not an http(s) link; write the full "
                                                    "address, starting with https://"), ("source", "url"))
            return None
        name = value.get("name")
        if name is not None and (not isinstance(name, str) or not name.strip()):
            self.error("source.name", "must be text: the publisher's name, such as Reuters", ("source", "name"))
            return None
        host = host_of(url)
        written = " ".join(name.split()) if name else ""
        return Source(publishers.get(host, host) if written in ("", host) else written, encode_url(url))

    def name_without_invisible(self, key: str, name: str | None, path: tuple[Any, ...] = ()) -> str:
        """A section's, tag's or company's name without the invisible characters a web page's text brings
        ('Ke\u200bpri' made a second 'Kepri' in the section bar, at /sections/ke-pri/), with a warning."""
        if not name or not (found := _INVISIBLE.findall(name)):
            return name or ""
        kept = " ".join(_INVISIBLE.sub("", name).split())
        what = ", ".join(dict.fromkeys(f"U+{ord(c):04X} {unicodedata.name(c, 'a format character')}" for c in found))
        if not kept:
            self.warn(key, f"has a name of invisible characters only ({what}){LEFT_OUT}", path)
            return ""
        self.warn(key, f"has an invisible character ({what}) in {quoted(kept)}, which would make a second page for it"
                       f"{LEFT_OUT} from the file", path)
        return kept

    def names(self, key: str, most: int, known: Callable[[str], bool] = lambda name: False,
              registry: str = "") -> dict[str, int]:
        """A list field's names, each once, with the index of its item (for its line: not its place among the
        names, which a repeated or empty item shifts); ``known`` tells a name that is one though it has a comma in
        it (a registered 'Alphabet, Inc.'), of which no warning is given; ``registry`` is the file that would make
        one so."""
        if key in self.meta and self.meta[key] is None and self._after_colon(key).strip().startswith("#"):
            written, note = split_note(self._after_colon(key).strip())  # 'tags: #ai': the whole value a comment,
            self.error(key, f"{quoted(written)} starts a YAML comment, so {key} is empty; put the name in double "  # the
                            f"quotes, in brackets: {key}: [{double_quoted(written)}]{note}")  # article untagged
            return {}
        if key not in self.meta or self.meta[key] is None:
            return {}
        value = self.meta[key]
        if isinstance(value, list) and len(value) > most:
            self.error(key, f"has {len(value):,} items, more than the {most} an article may have (each one is a page "
                            f"and a feed); keep the {key} that say what the article is about")
            return {}
        if isinstance(value, str):
            self.error(key, f"must be a list; write {key}: [{', '.join(self._written_names(key, value))}] or one "
                            f"'- item' line per {_ONE.get(key, key)}")
            return {}
        if not isinstance(value, list):  # a mapping, a number or true/false: quoting it whole would not make a list
            written = self._after_colon(key).split(" #", 1)[0].strip()
            if isinstance(value, dict):  # '{Meta, Scale AI}': the names written, its keys (and any text values)
                what = quoted(written) if written else "the indented lines under it"
                names = [_yaml_text(str(n), True) for k, v in value.items() for n in (k, v)
                         if n is k or isinstance(v, str)]
                self.error(key, f"must be a list, but YAML read {what} as a mapping (name: value); "
                                f"write the names in brackets: {key}: [{', '.join(names)}]")
            else:
                kind, written = "true/false" if isinstance(value, bool) else "a number", written or str(value)
                self.error(key, f"must be a list, but YAML read {quoted(written)} as {kind}; write it as a name in quotes, "
                                f"in brackets: {key}: [{double_quoted(written)}]")
            return {}
        self._names_cut_by_comment(key)
        self._decimal_commas(key, value)
        flow = self._flow_items(key, len(value))
        out: dict[str, int] = {}
        seen: set[str] = set()
        for i, item in enumerate(value):
            if flow and len(flow[i]) > 1 and isinstance(item, str):  # 'kecerdasan buatan' over 'data]': one name
                self._runs_over_lines(key, i, flow)
            elif isinstance(item, str) and comma_names(item.strip()) and not known(" ".join(item.split())):
                self._comma_in_item(key, i, value, self._after_colon(key).lstrip().startswith("["), registry)
            if isinstance(item, (list, dict)):
                self.error(key, "must be a flat list of names; this item is a nested list or mapping", (key, i))
                continue
            if not isinstance(item, str) or not item.strip():
                shown = "empty" if item == "" else as_yaml(item, self.written.get((key, i), ""))
                at = self.line(key, i)
                written = self.raw[at - 1].strip() if item is None and at <= len(self.raw) else ""
                if written.startswith("- #"):  # '- #Pilkada2026': YAML's comment, an empty item on a line with a name
                    self.error(key, commented_item(i, written[2:]), (key, i))
                    continue
                if item is None and self.written.get((key, i), "").startswith("*"):  # an alias: its message says it
                    continue
                self.error(key, f"item {i + 1} is {shown}; every item must be text (put numbers and yes/no in quotes)", (key, i))
                continue
            name = self.name_without_invisible(key, " ".join(item.split()), (key, i))
            if unopened_quote(name):
                self.warn(key, f"item {i + 1} {quoted(name)} ends with a quote that was never opened, which makes it "
                               f"part of the {_ONE.get(key, key)}; write {name[:-1].rstrip()}", (key, i))
            if name and fold(name) not in seen:
                seen.add(fold(name))
                out[name] = i
        return out

    def _written_names(self, key: str, value: str) -> list[str]:
        """The names a text meant as a list gives: split at its commas (not a decimal comma, as in
        'Rp 1,5 triliun') and semicolons, and at its line breaks when it runs over
        lines ('companies:' above '  • Meta' and '  • Scale AI', bullets pasted from a document: YAML's 'Meta
        Scale AI' with the bullets)."""
        at, after = self.line(key), self._after_colon(key).strip()
        rows = [after] if after[:1] not in ('"', "'", "|", ">") else []
        for row in self.raw[at:] if rows else ():
            if not row.startswith((" ", "\t")) or not row.strip():
                break
            rows.append(row)
        if len(rows) < 2 or " ".join(" ".join(rows).split()) != " ".join(value.split()):
            rows = [value]  # (one line, or quoted: YAML's text is the names')
        return [_yaml_text(n.strip(), True) for row in rows  # '"[data]]"': the brackets at its ends are the list's
                for n in re.split(r";|(?<!\d),|,(?!\d)", row.strip().lstrip("[").rstrip("]").lstrip(_BULLETS))
                if n.strip()]

    def _flow_items(self, key: str, count: int) -> list[list[tuple[int, str]]] | None:
        """Each item of a list in brackets as the (line, text) parts it is written in, for ``count`` items; None
        for another list, or one that commas alone do not split (quotes, brackets inside)."""
        at, after = self.line(key), self._after_colon(key).lstrip()
        if not after.startswith("["):
            return None
        items: list[list[tuple[int, str]]] = [[]]
        row, text = at, after[1:]
        while True:
            code = re.split(r"(?:^|\s)#", text, maxsplit=1)[0]
            end = code.find("]")
            code = code if end < 0 else code[:end]
            if any(c in code for c in "[{}\"'"):
                return None
            for n, piece in enumerate(code.split(",")):
                if n:
                    items.append([])
                if piece.strip():
                    items[-1].append((row, " ".join(piece.split())))
            if end >= 0 or row >= len(self.raw) or self.raw[row].strip() == "---":
                break
            row, text = row + 1, self.raw[row]
        items = [parts for parts in items if parts]
        return items if end >= 0 and len(items) == count else None

    def _runs_over_lines(self, key: str, i: int, flow: list[list[tuple[int, str]]]) -> None:
        """Warn of an item of a list in brackets that runs over lines with no comma: YAML joins them into one."""
        parts = flow[i]
        self.joined.add((key, i))
        fixed = ", ".join(text for n, item in enumerate(flow) for text in ([t for _, t in item] if n == i
                                                                           else [" ".join(t for _, t in item)]))
        name = " ".join(t for _, t in parts)
        self.warn(key, f"item {i + 1} {quoted(name)} runs over {len(parts)} lines with no comma between them, which "
                       f"YAML reads as one {_ONE.get(key, key)}; if they are {len(parts)} {key}, put a comma at the "
                       f"end of the line: {key}: [{fixed}]", line=parts[0][0])

    def _decimal_commas(self, key: str, value: list[Any]) -> None:
        """Warn of a comma between two digits in a list in brackets: YAML splits the list there, so
        'tags: [Rp 1,5 triliun]' was two tags, 'Rp 1' and '5 triliun', without a word."""
        if not self._after_colon(key).lstrip().startswith("["):
            return
        texts = [" ".join(v.split()) if isinstance(v, str) else
                 as_yaml(v, self.written.get((key, i), "")) if isinstance(v, (int, float)) else "" for i, v in enumerate(value)]
        glued = {i for i in range(1, len(value)) if texts[i - 1][-1:].isdigit() and texts[i][:1].isdigit()
                 and f"{texts[i - 1]},{texts[i]}" in " ".join(self.raw[self.line(key, i) - 1].split())}
        if not glued:
            return
        names: list[str] = []
        for i, (item, text) in enumerate(zip(value, texts)):
            if i in glued:
                names[-1] += f",{text}"
            else:
                names.append(text if i + 1 in glued else _yaml_text(item, True) if isinstance(item, str) else
                             as_yaml(item, self.written.get((key, i), "")))
        fixed = ", ".join(_yaml_text(name, True) if "," in name else name for name in names)
        one = _ONE.get(key, key)
        for i in sorted(glued):
            if i - 1 in glued:
                continue
            end = next(n for n in range(i, len(value) + 1) if n + 1 not in glued)
            parts = texts[i - 1:end + 1]
            self.warn(key, f"{', '.join(quoted(t) for t in parts[:-1])} and {quoted(parts[-1])} are {len(parts)} {key}: YAML splits a list in "
                           f"brackets at every comma, one between two digits too; if it is one {one} "
                           f"({quoted(','.join(parts))}), put it in double quotes: {key}: [{fixed}]", (key, i - 1))

    def _comma_in_item(self, key: str, i: int, value: list[Any], flow: bool, registry: str) -> None:
        """Warn of a name with a comma or semicolon inside, which YAML keeps as one ('- Meta, Scale AI',
        '["Meta, Google"]', '[Meta; Scale AI]')."""
        item = " ".join(value[i].split())
        parts, one = comma_names(item), _ONE.get(key, key)
        mark = " or ".join(word for sign, word in ((",", "comma"), (";", "semicolon")) if sign in item)
        if flow:
            names = [_yaml_text(" ".join(v.split()), True) if isinstance(v, str) else as_yaml(v) for v in value]
            names[i:i + 1] = [_yaml_text(p, True) for p in parts]
            fix = f"if they are {len(parts)} {key}, write {key}: [{', '.join(names)}]"
        else:
            lines = [quoted(f"- {_yaml_text(p)}") for p in parts]
            fix = f"if they are {len(parts)} {key}, write {', '.join(lines[:-1])} and {lines[-1]} on lines of their own"
        one_name = f"; if it is one {one}'s name, add it to {registry}" if registry else ""
        self.warn(key, f"{quoted(item)} is one {one}: a {mark} inside an item does not split it; {fix}{one_name}",
                  (key, i))

    def slug(self, rel: str) -> str | None:
        if "slug" in self.meta:
            value = self.meta["slug"]
            if value is None or value == "":
                self.error("slug", "is empty; write one, like slug: meta-scale-ai, or remove the line to take it from "
                                   "the file's name")
                return None
            if not isinstance(value, str) or not SLUG_RE.match(value):
                self.error("slug", f"{shown_as_written(value, self.written, ('slug',))} is not a valid slug; use lowercase letters, digits and single hyphens, "
                                   "like 'meta-scale-ai'")
                return None
            if len(value) > MAX_SLUG:
                self.error("slug", f"is {len(value)} characters; keep it to {MAX_SLUG} or fewer")
                return None
            slug = value
        else:
            folders, _, name = rel.rpartition("/")
            stem = name.removesuffix(".md")
            if stem.lower() == "index" and folders.count("/") and not folders.endswith("/" + PAGES):  # a bundle,
                # as Hugo's: 'meta-scale/index.md' is
                stem = folders.rsplit("/", 1)[-1]  # 'meta-scale' (it was the slug 'index', one a month)
            slug = make_slug(stem)
            if not slug:
                self.error("slug", f"the file name {quoted(stem)} gives an empty URL slug; rename the file with letters "
                                   "or digits, or add 'slug: some-words'", line=1)
                return None
        if slug in RESERVED:
            self.error("slug", f"{quoted(slug)} is reserved for the site's own pages; rename the file or set another 'slug:'",
                       line=self.line("slug") if "slug" in self.meta else 1)
            return None
        return slug
