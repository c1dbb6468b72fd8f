"""Old addresses that keep working: ``redirects:`` in an article's front matter.

When an article's slug or date changes, its URL changes, and links people shared would
break. Each old path listed under ``redirects:`` gets, in the built site:

* a small HTML page at the old address (meta refresh + canonical link + a plain link), which
  works on every static host, GitHub Pages and GitLab Pages included;
* a line in ``_redirects`` (Netlify and Cloudflare Pages answer it with a real 301);
* a line in ``redirects.nginx.conf``, an nginx ``map`` the server configuration includes.

An old path may not be the address of a page the site still has, nor be claimed by two
articles: both are errors naming the file and line.

A company or publisher registered in ``companies.yaml`` or ``sources.yaml`` has its page at its id; before
that, its page was at the slug of the name the articles wrote (``/companies/gojek/``) or of its host
(``/sources/reuters-com/``). Those addresses, and their feeds, lead to the page it has now
(``registered_moves``), where no page and no article's ``redirects:`` holds them.
"""
from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Callable, Collection, Iterable, Mapping, Union
from urllib.parse import unquote

from generator.core import urls
from generator.load.config import Config
from generator.core.errors import Problem, quoted
from generator.load.frontmatter import Written, shown_as_written
from generator.core.models import Article, InfoPage, Redirect, Term
from generator.load.publishers import Publisher, PublisherEntry, publisher_path
from generator.core.patterns import LazyPattern

_SEGMENT = LazyPattern(r"^[A-Za-z0-9_~@-][A-Za-z0-9._~@-]*$")
"""One path segment: URL-safe characters only, and no '.' or '..' segments. An '@' is one ('/@lama/', a profile's
address on many sites): a browser sends it as it is, and every host serves a folder so named."""
_ESCAPES = LazyPattern(r"(?:[^%]|%[0-9A-Fa-f]{2})*")
"""A path whose every '%' starts an escape ('%E5%8C%97')."""


_IGNORABLE = LazyPattern("[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
                         "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
                         "\U0001d173-\U0001d17a\U000e0000-\U000e0fff]")
"""Unicode's Default_Ignorable_Code_Point (DerivedCoreProperties.txt, 15.1): characters shown as nothing (U+200B,
U+3164 HANGUL FILLER, U+034F), whatever their category, which an address can hold unseen."""
_JOINERS = "\u200c\u200d"
"""ZERO WIDTH NON-JOINER and JOINER: default-ignorable, but part of a word between its letters in Persian, Urdu
and the Indic scripts ('می\u200cخواهم'); kept there (``_ignorable``)."""


def _ignorable(path: str) -> str:
    """The first default-ignorable character of ``path`` (``_IGNORABLE``), a joiner between two letters or marks
    aside; '' when none."""
    for found in _IGNORABLE.finditer(path):
        at = found.start()
        if not (found[0] in _JOINERS and 0 < at < len(path) - 1
                and all(unicodedata.category(c)[0] in "LM" for c in (path[at - 1], path[at + 1]))):
            return found[0]
    return ""


def _usable(segment: str) -> bool:
    """Whether ``segment`` is a folder or file name an old address may have (``_SEGMENT``), a letter, mark or digit
    of another script counted as a letter ('北', 'kafé'): a browser sends it percent-escaped, and a host decodes
    the address and serves the folder so named."""
    return bool(_SEGMENT.match(re.sub(r"[^\x00-\x7f]", lambda m: "a" if unicodedata.category(m[0])[0] in "LMN"
                                      or m[0] in _JOINERS else "%", segment)))


def _decoded(path: str) -> str | None:
    """``path`` with its percent-escapes decoded, as a host reads the address ('%E5%8C%97/' → '北/'); None when a
    '%' starts no escape or the escapes are not UTF-8 text."""
    if not _ESCAPES.fullmatch(path):
        return None
    try:
        return unquote(path, errors="strict")
    except UnicodeDecodeError:
        return None
NGINX_VARIABLE = "$news_digest_redirect"
"""The variable ``redirects.nginx.conf`` sets; the server block answers 301 when it is not empty."""
MOVED = {"id": "Halaman ini telah dipindahkan ke", "en": "This page has moved to"}


LEFT_OUT = "the site had it at"
"""How the build's warning for an article it published last time and leaves out now begins
(``build.moved_articles``); ``check`` keeps it for a draft, whose other warnings wait."""


NAME_MAX = 255
"""The longest name of a file or folder on the file systems a site is built on (ext4, APFS, NTFS)."""
NGINX_KEY_MAX = 233
"""The longest old address (in bytes, decoded) that nginx's map takes with 'map_hash_bucket_size 256;'
(deploy/nginx.conf): measured, one key alone up to 238; a little less where keys share a bucket."""


@dataclass(frozen=True)
class Moved:
    """Where a registered company's or publisher's page (or feed) is now, for an address it had before."""

    path: str
    """The file or page it is at now: 'companies/goto/', 'sources/reuters/feed.xml'."""
    title: str
    page: bool = True
    """A redirect page at the old address; False for a feed, which only the host's rules redirect
    (``_redirects``, nginx): a feed reader does not follow a page's meta refresh."""


Target = Union[Article, InfoPage, Moved]


def registered_moves(companies: Iterable[Term], publishers: Iterable[Publisher],
                     sources: Mapping[str, PublisherEntry], feed_formats: Collection[str],
                     live: Collection[str], sections: Iterable[Term] = (), strings: Mapping[str, str] = {}
                     ) -> dict[str, Moved]:
    """Old file → where it is now, for each registered company's and publisher's address before it was registered.

    A company the registry lacks has its page at the slug of its name (``content``); a publisher at its host's
    (``group_publishers``). So each registered company's name and aliases, and each registered publisher's hosts,
    give the address an article naming it had before the entry existed; where that is not the entry's own, its
    page and feeds lead there. Only for entries with a page (``live`` holds every file the site writes), and not
    where a page is (``plan_redirects`` leaves out what an article's ``redirects:`` or another entry claims).
    An intersection page's redirect is titled as that page is ('GoTo bersama Meta': ``strings``, the site's
    language's ``in_section`` and ``with_company``, with the ``sections``' names).
    """
    moved: dict[str, Moved] = {}
    hosts: dict[str, list[str]] = {}
    for host, entry in sources.items():
        hosts.setdefault(entry.id, []).append(host)
    olds = [(term.slug, urls.term_path("companies", term.slug), term.name, [term.company.name, *term.company.aliases],
             lambda slug: urls.term_path("companies", slug))
            for term in companies if term.company is not None and term.company.known]
    olds += [(publisher.slug, publisher.path, publisher.name, hosts.get(publisher.slug, []), publisher_path)
             for publisher in publishers if publisher.known]
    for own, new, title, spellings, path_of in olds:
        if urls.file_for(new) not in live:
            continue
        for slug in sorted({urls.make_slug(spelling) for spelling in spellings} - {"", own}):
            old = path_of(slug)
            if urls.file_for(old) in live:
                continue
            moved.setdefault(urls.file_for(old), Moved(new, title))
            for fmt, _, rule in urls.FEED_FORMATS:
                if fmt in feed_formats and rule(new) in live:
                    moved.setdefault(rule(old), Moved(rule(new), title, page=False))
    return moved | _moved_intersections(companies, live, moved, sections, strings)


def _moved_intersections(companies: Iterable[Term], live: Collection[str], moved: Mapping[str, Moved],
                         sections: Iterable[Term], strings: Mapping[str, str]) -> dict[str, Moved]:
    """``registered_moves`` for the intersection pages and their feeds (``companies/<id>/sections/<section>/``,
    ``companies/<id>/with/<id>/``): each address a registered company's earlier slugs give them, in either place."""
    companies = list(companies)
    names = {term.slug: term.name for term in companies}
    others = {"with": names, "sections": {term.slug: term.name for term in sections}}
    earlier: dict[str, list[str]] = {}
    for term in companies:
        if term.company is not None and term.company.known and urls.file_for(urls.term_path("companies", term.slug)) \
                in live:
            spellings = {urls.make_slug(s) for s in [term.company.name, *term.company.aliases]} - {"", term.slug}
            earlier[term.slug] = sorted(spellings)
    found: dict[str, Moved] = {}
    for file in sorted(f for f in live if f.startswith("companies/")) if earlier else ():  # the site's other pages
        parts = file.split("/")  # are passed over before sorting: this runs on every build, and one edit's too
        if len(parts) != 5 or parts[0] != "companies" or parts[2] not in ("sections", "with") or not (
                parts[1] in earlier or parts[2] == "with" and parts[3] in earlier):
            continue
        page = parts[4] == "index.html"
        new = "/".join(parts[:4]) + "/" + ("" if page else parts[4])
        seconds = [parts[3], *earlier.get(parts[3], [])] if parts[2] == "with" else [parts[3]]
        title = names.get(parts[1], parts[1])
        if pattern := strings.get("with_company" if parts[2] == "with" else "in_section"):  # the page's own title
            title = pattern.format(a=title, b=others[parts[2]].get(parts[3], parts[3]))
        for first in [parts[1], *earlier.get(parts[1], [])]:
            for second in seconds:
                old = "/".join(["companies", first, parts[2], second, parts[4]])
                if old not in live and old not in moved:
                    found.setdefault(old, Moved(new, title, page=page))
    return found


def parse_redirects(value: Any, line_of: Callable[..., int], written: Written | None = None
                    ) -> tuple[list[Redirect], list[tuple[int, str]]]:
    """The front-matter value → Redirects, and (line, message) for each item that is not a usable path.

    ``line_of(i)`` is the line of item ``i``, ``line_of()`` the key's; ``written``: the file's ``frontmatter.Written``,
    for an item (or a value in a list or mapping item) YAML read as a number or true/false, as the editor wrote it. A path is written relative to the site's base URL,
    the way the article's own path is ('2025/06/old-slug/'); a leading '/' is allowed. A path
    without a file extension is a page and gets its trailing '/'.
    """
    if value is None:
        return [], []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return [], [(line_of(), "must be a list of old paths, like redirects: [2025/06/old-slug/]")]
    found: list[Redirect] = []
    problems: list[tuple[int, str]] = []
    for i, item in enumerate(value):
        line = line_of(i)
        if not isinstance(item, str) or not item.strip():
            shown = shown_as_written(item, written or {}, ("redirects", i))  # 0x1F, true, {a: b}: not 31, True, {'a': 'b'}
            what = "a list, " if isinstance(item, list) else "a mapping, " if isinstance(item, dict) else ""
            problems.append((line, f"item {i + 1} is {what}{shown}; write an old path such as 2025/06/old-slug/"))
            continue
        text = item.strip()
        if re.match(r"^[a-z][a-z0-9+.-]*:", text, re.IGNORECASE) or text.startswith("//"):
            problems.append((line, f"{quoted(text)} is a full URL; write only the path after the site's base URL, "
                                   "such as 2025/06/old-slug/"))
            continue
        path = text.lstrip("/")
        if "%" in path and (path := _decoded(path)) is None:  # type: ignore[assignment]
            problems.append((line, f"{quoted(text)} is not a usable path: a '%' in it starts no escape of UTF-8 text "
                                   "(a '%' and two hex digits, such as %E5%8C%97/); write the address readers had, "
                                   "such as 2025/06/old-slug/ or 北/"))
            continue
        if hidden := _ignorable(path):
            problems.append((line, f"{quoted(text)} has U+{ord(hidden):04X} {unicodedata.name(hidden, '')}".rstrip()
                                   + ", a character shown as nothing (Unicode's default-ignorable), which an address "
                                   "can hold unseen; remove it" + (" (between the letters of a word, as Persian and "
                                   "Indic words have it, it is kept)" if hidden in _JOINERS else "")))
            continue
        segments = _segments(path)  # '2025/06//' keeps its empty folder
        as_written = ""
        if {"", ".", ".."} & set(segments) and not {"?", "#"} & set(path) and all(
                _usable(s) for s in segments if s not in ("", ".", "..")):
            kept = _resolved(segments)
            if kept is None:
                problems.append((line, f"{quoted(text)} is not a usable path: its '..' goes back past the site's "
                                       "first folder, where no address is; write the address readers had, such as "
                                       "2025/06/old-slug/"))
                continue
            if not kept:  # '/', './', 'lama/..'
                why = f" ({unusable_marks(text)})" if path else ""
                problems.append((line, f"{quoted(text)} is the site's home page{why}, which the site still has; a "
                                       "redirect there would hide it: remove it from redirects"))
                continue
            # planned as what it resolves to, so that the fix it is told is one the site takes (``plan_redirects``)
            as_written, path = text, "/".join(kept) + ("/" if path.endswith("/") or segments[-1] in (".", "..") else "")
            segments = kept
        if not path or "?" in path or "#" in path or not all(_usable(s) for s in segments):
            problems.append((line, f"{quoted(text)} is not a usable path; use letters of any script, digits, '-', "
                                   "'_', '.', '~', '@' and '/', such as 2025/06/old-slug/"))
            continue
        if longest := max((s for s in segments if len(s.encode()) > NAME_MAX), key=len, default=""):
            problems.append((line, f"'{text[:60]}…' has a folder or file name of {len(longest.encode())} bytes, and a "
                                   f"file system takes at most {NAME_MAX}, so its redirect page cannot be written; "
                                   "shorten it to the address readers really had"))
            continue
        if not path.endswith("/") and "." not in segments[-1]:
            path += "/"
        found.append(Redirect(path, line, as_written, "" if as_written or text in (path, path[:-1]) else text))
    return found, problems


def quoted_redirect(redirect: Redirect) -> str:
    """An old address in a message, in quotes: as the file has it ('tags/%70anduan/', not the 'tags/panduan/' it is
    read as; '/lama/'), or its path when that is the same but for the '/' it gets at its end ('lama' is 'lama/')."""
    return quoted(redirect.typed or redirect.path)


def _segments(path: str) -> list[str]:
    """The folder and file names of a path, a trailing '/' aside ('2025/06//' → ['2025', '06', ''])."""
    return (path[:-1] if path.endswith("/") else path).split("/")


def _resolved(segments: list[str]) -> list[str] | None:
    """The names left once '', '.' and '..' are resolved, as a browser does before asking; None when a '..' goes
    back past the first folder."""
    kept: list[str] = []
    for segment in segments:
        if segment == "..":
            if not kept:
                return None
            kept.pop()
        elif segment not in ("", "."):
            kept.append(segment)
    return kept


def unusable_fix(redirect: Redirect, refused: str = "") -> str:
    """The message for an old address written with '//', '.' or '..': the address to write, or (``refused``: why
    the site refuses that one, as said of it) that it would be refused too."""
    said = f"{quoted(redirect.written)} is not a usable path: {unusable_marks(redirect.written)}"
    return f"{said}, and {redirect.path}{refused}" if refused else f"{said}; write {redirect.path}"


def refused_fixes(problems: Iterable[Problem]) -> set[Problem]:
    """The 'write 2025/06/' of a file with an error of its own (``content.failed_with``) where planning said that
    2025/06/ is refused too: the latter is said, once."""
    found = set()
    for p in problems:
        said, _, refused = p.message.partition(", and ")
        if p.field == "redirects" and refused and " is not a usable path: " in said:
            found.add(replace(p, message=f"{said}; write {refused.split(' ', 1)[0]}"))
    return found


def unusable_marks(written: str) -> str:
    """What no reader's address has in an old address as written ('2025/06//', '2025/06/lama/.', 'lama/..'); one
    written with escapes is said as a host reads it ('lama/%2E%2E/x/' is 'lama/../x/')."""
    path = written.lstrip("/")
    decoded = _decoded(path) if "%" in path else None
    segments = _segments(decoded or path)
    inner = "." in segments[:-1] or path.endswith("/") and segments[-1] == "."  # '2025/./06/', not '2025/06/.'
    empty = [mark for mark, there in (("'./'", inner), ("'//'", "" in segments),
                                      ("'/.' at its end", segments[-1] == "." and not inner)) if there]
    marks = [f"{' and '.join(empty)} name{'' if len(empty) > 1 else 's'} no folder"] if empty else []
    if ".." in segments:
        marks.append("'..' goes back a folder, which a browser does before asking")
    said = "; ".join(marks)
    return f"a host reads it as {quoted(decoded)}, where {said}" if decoded and decoded != path else said


RULE_FILES = ("_redirects", "redirects.nginx.conf")
"""The files that hold the redirect rules (Netlify's, Cloudflare's and GitLab's; nginx's map)."""


def is_page_file(file: str) -> bool:
    """Whether a redirect page may be written at ``file``: a static host serves it as HTML only when it is named
    .html ('notes.txt' would be a download, or its source shown as text); its rules redirect the others."""
    return file.endswith((".html", ".htm"))


def plan_redirects(articles: Iterable[Article | InfoPage], taken: Iterable[str], moves: Mapping[str, Moved] = {},
                   folders: tuple[str, ...] = ()) -> tuple[dict[str, Target], list[Problem]]:
    """Old file → the article (or registered entry's page, ``moves``) it leads to; an article's old path that is a
    live page's or file's, or two articles', is an error.

    ``taken`` holds every output file the site writes otherwise, ``folders`` the folders (``'pagefind/'``) whose
    every file is the site's. A move whose old file an article's ``redirects:`` claims, or which differs only in
    letter case from a page or a claimed file, is left out.
    """
    articles = list(articles)
    if not any(a.redirects for a in articles):  # most sites: no old address to check, only the moves, each left
        # out where a file of the site is, in any letters, as below (without indexing every article and file)
        taken_folded = {folded(file) for file in taken} if moves else set()
        return {file: moved for file, moved in sorted(moves.items()) if folded(file) not in taken_folded}, []
    articles = sorted(articles, key=lambda a: a.source_path)
    pages_of = {urls.file_for(a.path): a for a in articles}
    taken_files = set(taken)
    folded_taken = {folded(file): file for file in sorted(taken_files)}
    claimed: dict[str, tuple[Article, Redirect]] = {}
    folded_claimed: dict[str, str] = {}
    problems: list[Problem] = []
    folded_folders = tuple(folded(folder) for folder in folders)
    pages_written = {urls.file_for(r.path): (a, r) for a in articles for r in a.redirects}  # first of each file
    for article in articles:
        for redirect in article.redirects:
            file, before = urls.file_for(redirect.path), len(problems)
            # a file of the site where the redirect needs a folder ('sitemap.xml/' is sitemap.xml/index.html)
            above = next((taken_file for taken_file in ("/".join(file.split("/")[:i]) for i in
                                                        range(1, file.count("/") + 1))
                          if folded(taken_file) in folded_taken), "")
            # a file of the site in other letters, at the address or where it needs a folder ('cname/' for CNAME)
            fold = folded(file)
            alike = folded_taken.get(fold) or (folded_taken[folded(above)] if above else None)
            above = above if above in taken_files else ""
            # another redirect's page where this one needs a folder ('lama.html/arsip/' under 'lama.html')
            outer = next((pages_written[prefix] for prefix in ("/".join(file.split("/")[:i]) for i in
                                                                range(1, file.count("/") + 1))
                          if prefix in pages_written), None)
            if redirect.path == article.path:
                what = "page" if isinstance(article, InfoPage) else "article"
                problems.append(Problem(article.source_path, redirect.line, "redirects",
                                        f"{quoted_redirect(redirect)} is this {what}'s own address; remove it from "
                                        "redirects"))
            elif file in taken_files and (other := pages_of.get(file)) is not None:  # perhaps a new one took it
                problems.append(Problem(article.source_path, redirect.line, "redirects",
                                        f"{quoted_redirect(redirect)} is the address of {other.source_path}: a "
                                        f"redirect there would hide that page. {_took_it(other.source_path)}"))
            elif fold.startswith(folded_folders):
                problems.append(Problem(article.source_path, redirect.line, "redirects",
                                        f"{quoted_redirect(redirect)} is in the folder of the search engine's files "
                                        f"({next(f for f in folders if fold.startswith(folded(f)))}), "
                                        "which the site writes; a redirect there would hide them: remove it from "
                                        "redirects"))
            elif outer is not None:
                problems.append(Problem(article.source_path, redirect.line, "redirects",
                                        f"{quoted_redirect(redirect)} is inside the old address "
                                        f"{quoted_redirect(outer[1])} "
                                        f"({outer[0].source_path}:{outer[1].line}), whose redirect page would have "
                                        "to be a folder for it; keep one of them"))
            elif file in taken_files or above:
                hidden = above or file
                problems.append(Problem(article.source_path, redirect.line, "redirects",
                                        f"{quoted_redirect(redirect)} is the address of "
                                        f"{'a page' if is_page_file(hidden) else 'a file'} the site still has "
                                        f"({hidden}); a redirect there would hide it: remove it from redirects"))
            elif alike is not None and folded(alike) not in (fold, folded(file.removesuffix("/index.html"))):
                # below it: 'cname/x.html'
                problems.append(Problem(article.source_path, redirect.line, "redirects",
                                        f"{quoted_redirect(redirect)} is inside a folder that differs only in "
                                        f"{_how(file, alike)[0]} from a file the site still has ({alike}), and a "
                                        f"{_how(file, alike)[1]} disk holds one name for both; remove it from "
                                        "redirects"))
            elif alike is not None:
                what = "page" if is_page_file(alike) else "file"
                problems.append(Problem(article.source_path, redirect.line, "redirects", _alike(
                    redirect, file, f"a {what} the site still has ({alike})", alike,
                    f"nginx matches old addresses ignoring case, so that {what} would redirect (to itself, or "
                    "elsewhere), and a macOS or Windows disk holds one folder for both; remove it from redirects",
                    f"a redirect there would replace that {what}: remove it from redirects")))
            elif file in claimed and claimed[file][0] is not article:
                other, first = claimed[file]
                problems.append(Problem(article.source_path, redirect.line, "redirects",
                                        f"{quoted_redirect(redirect)} is already redirected by "
                                        f"{other.source_path}:{first.line}; an old address can lead to one "
                                        "article only"))
            elif file not in claimed and fold in folded_claimed:
                other, first = claimed[folded_claimed[fold]]
                problems.append(Problem(article.source_path, redirect.line, "redirects", _alike(
                    redirect, file, f"{quoted_redirect(first)} ({other.source_path}:{first.line})",
                    urls.file_for(first.path), "nginx matches old addresses ignoring case and refuses to start with "
                    "both; keep one", "one redirect page would replace the other: keep one")))
            elif not redirect.written:
                claimed.setdefault(file, (article, redirect))
                folded_claimed.setdefault(fold, file)
            if redirect.written:  # told its fix, or why the fix is refused too, in one message
                refused = problems.pop() if len(problems) > before else None
                problems.append(Problem(article.source_path, redirect.line, "redirects", unusable_fix(redirect) if
                                        refused is None else unusable_fix(redirect, refused.message.removeprefix(
                                            quoted_redirect(redirect)))))
    plan: dict[str, Target] = {file: article for file, (article, _) in claimed.items()}
    for file, moved in moves.items():
        if folded(file) not in folded_taken and folded(file) not in folded_claimed:
            plan[file] = moved
    return dict(sorted(plan.items())), problems


_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


def folded(path: str) -> str:
    """``path`` as a case-insensitive disk (macOS, Windows) compares names: each letter of any script in its simple
    lower case ('É' → 'é', the Kelvin sign → 'k'; not 'ß' → 'ss' nor 'ﬁ' → 'fi', which only ``str.casefold``'s
    full folding makes), in one Unicode form (macOS's: 'kafé' and 'kafe' + U+0301 are one name). nginx's map folds
    less, ASCII letters only (``_how``)."""
    if path.isascii():
        return path.lower()
    return "".join(c if len(low := c.lower()) > 1 else low for c in unicodedata.normalize("NFD", path))


def _how(file: str, other: str) -> tuple[str, str]:
    """How two old files that are one name on a case-insensitive disk (``folded``) differ, and the disks that
    hold one name for both: ('letter case', 'macOS or Windows'), ('Unicode form', 'macOS') for the same
    letters written composed and decomposed ('é' and 'e' + U+0301), or ('letter case and Unicode form', 'macOS')
    for both ('Café' and 'cafe' + U+0301: Windows does not compose letters, so it tells them apart)."""
    if unicodedata.normalize("NFC", file) == unicodedata.normalize("NFC", other):
        return "Unicode form", "macOS"
    low, other_low = file.lower(), other.lower()
    if low.startswith(other_low) or other_low.startswith(low):  # a file and the name of a folder it is in, too
        return "letter case", "macOS or Windows"
    return "letter case and Unicode form", "macOS"


def _alike(redirect: Redirect, file: str, other: str, other_file: str, nginx: str, fix: str) -> str:
    """The message for an old address that is one name with ``other`` (its file ``other_file``) on a
    case-insensitive disk: where nginx folds them alike too (ASCII letters), ``nginx`` (what it does, and the fix);
    else the disks' word, and ``fix``."""
    said = quoted_redirect(redirect)
    file, other_file = file.removesuffix("index.html"), other_file.removesuffix("index.html")  # 'cname/', 'CNAME'
    if file.rstrip("/").translate(_ASCII_LOWER) == other_file.rstrip("/").translate(_ASCII_LOWER):
        return f"{said} differs only in letter case from {other}: {nginx}"
    how, disks = _how(file, other_file)
    if how != "Unicode form":
        return f"{said} differs only in {how} from {other}, which nginx tells apart, but a {disks} disk " \
               f"holds one folder for both, so {fix}"
    return f"{said} is {other} in another Unicode form ({marks_escaped(file)} beside " \
           f"{marks_escaped(other_file)}): a browser asks for the form its link has, and nginx tells them apart, " \
           f"but a macOS disk holds one folder for both, so {fix}"


def marks_escaped(text: str) -> str:
    """``text`` with each combining mark escaped ('kafe\\u0301/'), where two Unicode forms of a name differ."""
    return "".join(f"\\u{ord(c):04x}" if unicodedata.combining(c) else c for c in text)


def folders_alike(plan: Mapping[str, Target], pages: Iterable[str], static: Mapping[str, Path],
                  root: Path) -> list[Problem]:
    """A warning for each redirect page of an article's ``redirects:`` in a folder that differs only in letter case
    or Unicode form (``folded``) from a folder of the site's pages (``pages``), of its static files (``static``:
    output path → the file copied, named relative to ``root``) or of a redirect page listed before it ('lama/y/'
    after 'Lama/x/', 'Tags/lama/' beside 'tags/'): a macOS or Windows disk holds one folder for both, so
    a site built there and copied to a host that tells them apart has the page under the other spelling. Said only
    where the files differ (``plan_redirects`` refuses one file in two spellings); the rules answer either way."""
    redirect_pages = [(file, to) for file, to in plan.items() if is_page_file(file) and not isinstance(to, Moved)]
    if not redirect_pages:
        return []
    wanted = {folded(folder) for file, _ in redirect_pages for folder in _folders(file)}
    first: dict[str, tuple[str, str]] = {}  # folded folder → its first spelling, and the file that has it
    tops: dict[str, bool] = {}  # whether a first folder is one of the pages' (most of the site's are not: fast)
    # the site's folders first, then the redirect pages'
    for file in [*sorted([*pages, *static]), *(file for file, _ in redirect_pages)]:
        if not tops.setdefault(top := file.partition("/")[0], folded(top) in wanted):
            continue
        for folder in _folders(file):
            if (fold := folded(folder)) in wanted:
                first.setdefault(fold, (folder, file))
    problems: list[Problem] = []
    for file, article in redirect_pages:
        folder, other = next(((folder, first[folded(folder)]) for folder in _folders(file)
                              if first[folded(folder)][0] != folder), ("", ("", "")))
        if not folder:
            continue
        redirect = next(r for r in article.redirects if urls.file_for(r.path) == file)
        owner = plan.get(other[1])
        if isinstance(owner, (Article, InfoPage)):
            where = "the old address {}, {}:{}".format(*next((quoted_redirect(r), owner.source_path, r.line)
                                                           for r in owner.redirects
                                                           if urls.file_for(r.path) == other[1]))
        elif copied := static.get(other[1]):
            shown = copied.relative_to(root).as_posix() if copied.is_relative_to(root) else str(copied)
            where = f"the folder of the static file {shown}"
        else:
            where = "a folder of the site's pages"
        how, disks = _how(folder, other[0])
        problems.append(Problem(article.source_path, redirect.line, "redirects",
                                f"{quoted_redirect(redirect)} is in the folder {marks_escaped(folder)}/, which differs "
                                f"only in {how} from {marks_escaped(other[0])}/ ({where}): a {disks} disk holds one "
                                "folder for both, named as "
                                "the one written first, so a site built there and copied to a host that tells them "
                                "apart (S3, GitHub Pages) has this redirect page in the other folder, where no "
                                "reader asks; build and copy it on a disk that tells them apart (Linux, as CI "
                                "does). _redirects and nginx's map answer it either way", "warning"))
    return problems


def _folders(file: str) -> list[str]:
    """The folders a file is in, outermost first ('a/b/index.html' → ['a', 'a/b'])."""
    parts = file.split("/")[:-1]
    return ["/".join(parts[:i]) for i in range(1, len(parts) + 1)]


def _took_it(rel: str) -> str:
    """The fix for an old address that is the address of the article or page in the file ``rel``."""
    return (f"If that one took the address since (a new article with the old title), give {rel} another slug "
            "(slug: …) to keep the old links working; otherwise remove the address from redirects")


def unpublished_redirects(articles: Iterable[Article | InfoPage], waiting: Iterable[Article | InfoPage],
                          told: Callable[[Article | InfoPage], tuple[str, str]]) -> list[Problem]:
    """A warning for each old address that is, or differs only in letter case from, the address of an article or
    page left out now (``waiting``: a draft, or dated ahead). Its redirect page is published meanwhile, and the
    build that publishes that one stops at it (``plan_redirects``): the editor hears of it on the first build.
    ``told(other)`` names it ('content/b.md:4, a draft (draft: true)') and says when it is published ('draft:
    false, or --drafts'); it is asked only for those a redirect meets."""
    unpublished = {folded(urls.file_for(a.path)): a for a in sorted(waiting, key=lambda a: a.source_path,
                                                                        reverse=True)}  # the first file of each
    problems: list[Problem] = []
    for article in articles:
        for redirect in article.redirects:
            file = urls.file_for(redirect.path)
            if (other := unpublished.get(folded(file))) is None:
                continue
            where, when = told(other)
            same = "is" if file == urls.file_for(other.path) else \
                f"differs only in {_how(file, urls.file_for(other.path))[0]} from"
            what = "page" if isinstance(other, InfoPage) else "article"
            problems.append(Problem(article.source_path, redirect.line, "redirects",
                                    f"{quoted_redirect(redirect)} {same} the address of {where}: its redirect "
                                    f"page is published now, and the build that publishes that {what} ({when}) "
                                    f"stops here, as the redirect would hide its page. {_took_it(other.source_path)}", "warning"))
    return problems


def redirect_page(config: Config, to: Target) -> str:
    """A page that sends browsers on at once, and tells search engines where the page lives now."""
    target = html.escape(urls.absolute(config.base_url, to.path))
    title = html.escape(to.title)
    return (f'<!doctype html>\n<html lang="{config.language}">\n<head>\n<meta charset="utf-8">\n'
            f"<title>{title}</title>\n"
            f'<meta http-equiv="refresh" content="0; url={target}">\n'
            f'<meta name="robots" content="noindex">\n'
            f'<link rel="canonical" href="{target}">\n</head>\n<body>\n'
            f'<p>{MOVED.get(config.language, MOVED["en"])} <a href="{target}">{title}</a>.</p>\n'
            "</body>\n</html>\n")


def netlify_redirects(config: Config, plan: Mapping[str, Target]) -> str:
    """``_redirects`` for Netlify and Cloudflare Pages: one 'old new 301' line per old address."""
    lines = ["# Old addresses of moved articles (front matter 'redirects:') and of companies' and publishers' pages "
             "before they were registered, for Netlify and Cloudflare Pages."]
    # the articles' and pages' own first: a host that takes only so many rules keeps those
    for file, to in sorted(plan.items(), key=lambda item: (isinstance(item[1], Moved), item[0])):
        for form in _forms(file):
            old = urls.url(config.base_path, urls.file_address(form.removesuffix("index.html")))  # '北/'
            lines.append(f"{old} {urls.url(config.base_path, to.path)} 301")  # as '%E5%8C%97/', as the import does
    return "\n".join(lines) + "\n"


def _forms(file: str) -> list[str]:
    """An old file as written, and in NFC when that differs ('kafe' + U+0301 → 'kafé'): a browser asks for the form
    its link has, and links on the web are composed; only the rules get the other form, as a macOS disk holds one
    name for both (``folded``: no other old address or page can be that form)."""
    composed = unicodedata.normalize("NFC", file)
    return [file] if composed == file else [file, composed]


def nginx_map(config: Config, plan: Mapping[str, Target]) -> str:
    """``redirects.nginx.conf``: a ``map`` from old URIs to new ones, to include in nginx's ``http`` block."""
    lines = ["# Old addresses of moved articles (front matter 'redirects:') and of companies' and publishers' pages",
             "# before they were registered. Include this file in nginx's http {}",
             f"# block and answer 'if ({NGINX_VARIABLE}) {{ return 301 {NGINX_VARIABLE}$is_args$args; }}' in the "
             "server block.",
             "# An old address longer than about 46 characters needs 'map_hash_bucket_size 256;' in http {} too.",
             f"map $uri {NGINX_VARIABLE} {{", "    default \"\";"]
    for file, to in plan.items():
        new = urls.url(config.base_path, to.path)
        for form in _forms(file):
            old = urls.url(config.base_path, form)
            olds = [old.removesuffix("index.html"), old.removesuffix("/index.html"), old] \
                if form.endswith("index.html") else [old]
            lines += [f"    {nginx_key(o)} {_nginx_value(new)};" for o in olds]
    lines.append("}")
    return "\n".join(lines) + "\n"


def nginx_path(url: str) -> str:
    """A URL's path as nginx's ``$uri`` holds it: percent-escapes decoded (a key '/berit%C3%A4/…' never matches,
    '/beritä/…' does), the query and fragment left out."""
    return unquote(url.split("?")[0].split("#")[0], errors="replace")


def nginx_quote(text: str) -> str:
    """``text`` as nginx's quoted string: a quote or backslash escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def nginx_key(url: str) -> str:
    """An old URL as a map key that nginx matches against ``$uri``, in quotes."""
    return nginx_quote(nginx_path(url))


def _nginx_value(url: str) -> str:
    """A new URL as a map value, in quotes: nginx reads '$name' in a value as a variable, so '$' is written
    '%24', the same URL."""
    return '"' + url.replace("$", "%24") + '"'


HOST_RULES = 1000
"""The most ``_redirects`` rules GitLab Pages reads: with more it reads none (Cloudflare Pages takes 2,000)."""


def too_many_rules(plan: Collection[str]) -> list[Problem]:
    """A warning when ``_redirects`` holds more rules than GitLab Pages reads (``HOST_RULES``): one for each old
    file of ``plan``, and one more for its composed form (``_forms``)."""
    if (count := sum(len(_forms(file)) for file in plan)) <= HOST_RULES:
        return []
    return [Problem("_redirects", 0, "", f"gets {count:,} rules, and GitLab Pages reads none of them past "
                                         f"{HOST_RULES:,} (Cloudflare Pages takes 2,000); the articles' own come "
                                         "first. A registered company's alias or publisher's host takes one for its "
                                         "page and one for each feed format: fewer aliases or feeds.formats keep "
                                         "it under", "warning")]


def redirect_problems(articles: Iterable[Article | InfoPage], taken: Iterable[str],
                      folders: tuple[str, ...] = ()) -> list[Problem]:
    """Old paths that are a live page's or file's, or two articles' (checked while planning, before anything
    renders)."""
    return plan_redirects(articles, taken, folders=folders)[1]


def with_redirects(config: Config, plan: Mapping[str, Target], static: Iterable[tuple[str, bytes]]
                   ) -> list[tuple[str, bytes | str]]:
    """The static files plus the redirect pages; ``plan`` is ``plan_redirects``'s, made while planning
    (``build.plan``). A ``_redirects`` among the static files (your own, or the one ``digest import`` writes) is
    not among them: ``rule_files`` puts its rules first, ours after them."""
    files: list[tuple[str, bytes | str]] = [(path, data) for path, data in static if path != "_redirects"]
    return files + [(file, redirect_page(config, to)) for file, to in plan.items()
                    if (not isinstance(to, Moved) or to.page) and is_page_file(file)]


def rule_files(config: Config, plan: Mapping[str, Target], static: Iterable[tuple[str, bytes]]
               ) -> list[tuple[str, str]]:
    """``_redirects`` (a static one's rules first) and ``redirects.nginx.conf``, in the order of ``RULE_FILES``."""
    own = b"".join(data for path, data in static if path == "_redirects").decode("utf-8", "replace")
    return [("_redirects", (own.rstrip("\n") + "\n" if own.strip() else "") + netlify_redirects(config, plan)),
            ("redirects.nginx.conf", nginx_map(config, plan))]


def rules_inputs(config: Config, plan: Mapping[str, Target], static: Iterable[tuple[str, bytes]]
                 ) -> list[bytes | str]:
    """Everything the rule files (``rule_files``) read, for their fingerprint (``build.site_files``): the base
    path, a static ``_redirects``' bytes, and each old file with the address it leads to and whether it is a
    registered entry's move (``netlify_redirects`` lists those last)."""
    return [config.base_path, b"".join(data for path, data in static if path == "_redirects"),
            *(f"{file}\0{to.path}\0{isinstance(to, Moved):d}" for file, to in plan.items())]
