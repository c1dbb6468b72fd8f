"""``digest import``: turn a Pelican, Hugo or Jekyll site into a new news-digest project.

The steps read top to bottom in ``import_site``: a reader scans the old site (nothing is
written), each post is placed (date normalised, slug kept when valid, new URL), bodies get
their links resolved and companies found, and the whole project is made in memory. Only then
is anything written, into a folder that must be new or empty; a failure while writing removes
what was written, so the folder is left as it was.
"""
from __future__ import annotations

import contextlib
import json
import os
import posixpath
import re
import shutil
from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path, PurePosixPath
from typing import Collection
from urllib.parse import unquote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from generator.commands.check import MentionFinder, plain_text
from generator.load.config import IMPORT_UNFINISHED, LANGUAGES, Config, check_base_url, normalise_base_url
from generator.load.content import SLUG_RE
from generator.load.frontmatter import load_yaml
from generator.core.errors import BuildError, Problem, RefusalError, counted, quoted
from generator.core.i18n import tag_hint, unaliased, withdrawn_code
from generator.load.markdown import render_markdown
from generator.load.publishers import host_of
from generator.load.redirects import NGINX_KEY_MAX, folded, parse_redirects
from generator.load.registry import Registry, load_registry
from generator.render.pages import page_count
from generator.commands.scaffold import TEMPLATE, refuse_inside_project, refuse_what_is_there
from generator.core.urls import MAX_SLUG, RESERVED, TOP_LEVEL, article_path, file_address, make_slug
from generator.commands.importer import hugo, jekyll, pelican
from generator.commands.importer.code import outside_code
from generator.commands.importer.common import Asset, Date, Note, OldSite, Post, Scan, date_problem, parse_date, primary_subtag
from generator.commands.importer.report import NGINX, REDIRECTS, REPORT, Imported, count_dropped, nginx_map, redirects_file, render_report

READERS = {"pelican": pelican.scan, "hugo": hugo.scan, "jekyll": jekyll.scan}
EMPTY_REGISTRY = ("# Company registry: one entry per company, e.g.\n"
                  "# openai:\n#   name: \"OpenAI\"\n#   aliases: [\"Open AI\"]\n")


@dataclass(frozen=True)
class Placed:
    """A post with its place in the new project."""

    post: Post
    file: str
    """Its new file, relative to the project: content/YYYY/MM/<slug>.md or content/pages/<slug>.md."""
    url: str
    """Its new URL, with the site's base path."""
    date: Date | None
    updated: Date | None


@dataclass(frozen=True)
class Project:
    """The new project, whole, before anything is written."""

    files: dict[str, bytes]
    """Path relative to the project → bytes."""
    copies: tuple[tuple[str, Path], ...]
    """(path in the project, file of the old site): static files, copied as they are."""
    imported: Imported


def import_site(generator: str, source: Path, target: Path, companies: Path | None = None,
                how: hugo.HugoBuild | None = None) -> Imported:
    """Convert the site at ``source`` into a new project at ``target`` (new or empty); ``how``: the config folder and
    environment a Hugo site was built with (``--config-dir``, ``--environment``)."""
    check_empty(target)
    if not source.is_dir():
        raise RefusalError(f"{source} is not a folder; give the {generator} site's root folder")
    if how is not None and generator != "hugo":
        raise RefusalError(f"--config-dir and --environment are Hugo's; a {generator} site is imported without them")
    if how is not None and how.config_dir != "config" and (not (source / how.config_dir).is_dir() or not (
            source / how.config_dir).resolve().is_relative_to(source.resolve())):
        raise RefusalError(f"--config-dir {how.config_dir}: no such folder in {source}; give the folder Hugo's "
                           "--configDir named, below the site's root")
    if target.resolve().is_relative_to(source.resolve()):  # the old site would then hold the new one's files
        raise RefusalError(f"{target} is inside the {generator} site {source}, which an import never changes; give "
                           "a folder outside it")
    registry = None
    if companies is not None:
        if not companies.is_file():
            raise RefusalError(f"--companies {companies}: no such file; give a companies.yaml like content/companies.yaml")
        registry = load_registry(companies, str(companies))
    project = make_project(generator, hugo.scan(source, how) if how else READERS[generator](source), registry,
                           companies.read_bytes() if companies else None)
    write_project(target, project)
    return project.imported


def _unreadable(path: Path) -> str:
    """Why a file of the old site cannot be copied, or '': one it may not read stopped the whole import, when it
    was copied, with "Permission denied; Check the disk"."""
    try:
        with open(path, "rb"):
            return ""
    except OSError as e:
        return f"cannot be read ({e.strerror}), so it is not copied; make it readable (chmod a+r) and import again"


def check_empty(target: Path) -> None:
    """Refuse (exit 2) unless ``target`` is new or an empty folder, but for hidden entries import does not write
    (a fresh clone's ``.git/``): an import never overwrites."""
    refuse_inside_project(target)
    if target.exists() and not target.is_dir():
        raise RefusalError(f"{target} is a file; give a folder name for the new project")
    if target.is_dir() and (target / UNFINISHED).is_file():  # a killed import's files, and nothing else
        _remove_unfinished(target)
    if target.is_dir():  # the project's names are all visible but the marker
        refuse_what_is_there(target, {UNFINISHED}, "digest import")


def project_config(site: OldSite) -> tuple[str, str, ZoneInfo, list[Note]]:
    """config.yaml from ``digest init``'s template, with the old site's title, URL, zone and language
    where they are usable; returns it with the base path, the time zone and notes on what was not."""
    text = (TEMPLATE / "config.yaml").read_text("utf-8")
    notes: list[Note] = []
    values = {"title": site.title}
    if site.base_url:
        base_url = normalise_base_url(site.base_url)
        if (why := check_base_url(base_url)) is None:
            values["base_url"] = base_url
        else:
            notes.append(Note("config.yaml", f"the old site's URL is not usable, so base_url is digest init's: {why}"))
    language = primary_subtag(unaliased(site.language) or site.language)  # DEFAULT_LANG = 'in' is id
    kept = "language is digest init's (id, Indonesian); set language: en if the site is in English"
    if not language:
        if "language" not in site.computed:  # a computed one is named by the reader's report
            notes.append(Note("config.yaml", f"the old site names no language, so {kept}"))
    elif language in LANGUAGES:
        values["language"] = language
    else:
        withdrawn = withdrawn_code(site.language)  # 'sh-BA': the languages it was written for, as its articles'
        notes.append(Note("config.yaml", f"the old site's language {quoted(site.language)} has no theme words here "
                                         f"(they are {' and '.join(LANGUAGES)}), so {kept}"
                                         + (f"; {withdrawn}, as lang: in the front matter of its articles" if withdrawn
                                            else "")))
    if not site.timezone:
        if "timezone" not in site.computed:
            notes.append(Note("config.yaml", "the old site names no time zone, so timezone is digest init's "
                                             "(Asia/Jakarta): dates and the site's days are read there; set yours"))
    else:
        try:
            ZoneInfo(site.timezone)
            values["timezone"] = site.timezone
        except (ZoneInfoNotFoundError, ValueError):
            notes.append(Note("config.yaml", f"the old site's time zone {quoted(site.timezone)} is unknown; set timezone"))
    for key, value in values.items():
        if value:
            text = re.sub(rf"^{key}: .*$", lambda _: f"{key}: {_quoted(value)}", text, count=1, flags=re.MULTILINE)
    zone = re.search(r"^timezone: \"?([^\"\n]+)\"?$", text, re.MULTILINE)
    base = re.search(r"^base_url: \"?([^\"\n]+)\"?$", text, re.MULTILINE)
    assert zone and base, "the init template sets timezone and base_url"
    return text, "/" + base.group(1).split("://", 1)[1].split("/", 1)[1], ZoneInfo(zone.group(1)), notes


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar: JSON's string syntax is a subset of YAML's."""
    return json.dumps(text, ensure_ascii=False)


def new_slug(old: str, title: str) -> str:
    """The old slug when news-digest accepts it, else one made from it (or from the title)."""
    if SLUG_RE.fullmatch(old) and len(old) <= MAX_SLUG:
        return old
    return make_slug(old) or make_slug(title) or "post"


def _free(slug: str, taken: set[str], page: bool, translation: str = "") -> tuple[str, str]:
    """``slug``, or ``slug-2``, ``slug-3``...: the first that is not taken or reserved; and why it changed. A
    translation (``Post.translation``) tries ``slug-en`` first."""
    candidate, n, why = slug, 2, ""
    reserved = TOP_LEVEL if page else RESERVED  # a page is served at /<slug>/, beside the site's own folders
    if translation and (slug in taken or slug in reserved):
        suffix = "-" + make_slug(translation)
        return _free(slug[:MAX_SLUG - len(suffix)].rstrip("-") + suffix, taken, page)[0], _why(slug, taken)
    while candidate in taken or candidate in reserved or (page and candidate.isdigit()):
        why = why or _why(candidate, taken)
        suffix = f"-{n}"
        candidate, n = slug[:MAX_SLUG - len(suffix)].rstrip("-") + suffix, n + 1
    taken.add(candidate)
    return candidate, why


def _why(slug: str, taken: set[str]) -> str:
    """Why ``_free`` could not keep ``slug``."""
    return "is used by another file in the same place" if slug in taken else "is reserved for the site's own pages"


def place(posts: tuple[Post, ...], tz: ZoneInfo, base: str, in_utc: bool = False,
          ) -> tuple[list[Placed], list[Note], list[Note]]:
    """Each post's new file and URL; posts whose date cannot be read are left out (second list);
    renamed slugs and dropped 'updated' dates are notes (third list). With ``in_utc``, a time written without an
    offset is UTC (``OldSite.naive_in_utc``) and gets '+00:00'; a date alone stays a date."""
    placed: list[Placed] = []
    skipped: list[Note] = []
    notes: list[Note] = []
    taken: dict[str, set[str]] = {}
    claimed: set[str] = set()  # the old addresses of the posts placed so far, which redirect to them
    for post in sorted(posts, key=lambda p: (p.translation != "", p.rel)):  # a translation after its original
        slug = kept = new_slug(post.slug, post.title)
        why = "" if slug == post.slug else "news-digest slugs are lower-case letters, digits and hyphens"
        date = updated = None
        if post.kind == "page":
            slug, taken_why = _free(slug, taken.setdefault("pages", set()), page=True, translation=post.translation)
            file, url = f"content/pages/{slug}.md", f"{base}{slug}/"
        else:
            date = _utc(parse_date(post.date), in_utc)
            if date is None:
                skipped.append(Note(post.rel, date_problem(post.date)))
                continue
            when = _moment(date, tz)
            slug, taken_why = _free(slug, taken.setdefault(f"{when.year:04d}/{when.month:02d}", set()), page=False,
                                    translation=post.translation)
            file, url = f"content/{when.year:04d}/{when.month:02d}/{slug}.md", base + article_path(when, slug)
            updated = _utc(parse_date(post.updated), in_utc) if post.updated else None
            if post.updated and (updated is None or _moment(updated, tz) < when):
                notes.append(Note(post.rel, f"its modified date {quoted(post.updated)} is not a date after its date, "
                                            "so it is left out"))
                updated = None
            elif updated is not None and _moment(updated, tz) == when:
                updated = None
        if slug != post.slug:
            before = kept if post.translation else slug.rsplit('-', 1)[0]
            because = "; ".join(filter(None, (why, taken_why and f"{quoted(before)} {taken_why}")))
            # not when it had no address, or only one another file has first (make_project says so)
            covered = "; the redirects cover it" if set(post.old_urls) - claimed and not post.held else ""
            notes.append(Note(post.rel, f"the slug {quoted(post.slug)} became {quoted(slug)} ({because}){covered}"))
        placed.append(Placed(post, file, url, date, updated))
        claimed |= set(post.old_urls) if not post.held else set()
    return placed, skipped, notes


def _utc(date: Date | None, in_utc: bool) -> Date | None:
    """``date`` with '+00:00' when it has a time and no offset and the old site read such times as UTC."""
    if date is None or not in_utc or date.offset is not None or "T" not in date.text:
        return date
    return Date(date.text + "+00:00", date.naive, timedelta())


def _moment(date: Date, tz: ZoneInfo) -> datetime:
    """The instant a date stands for, in the site's zone, the way ``digest build`` reads it."""
    zone = tz if date.offset is None else timezone(date.offset)
    return date.naive.replace(tzinfo=zone).astimezone(tz)


def find_companies(finder: MentionFinder | None, post: Post, body: str) -> tuple[str, ...]:
    """Registry companies named in the title, summary or body text, as ``digest check`` finds them."""
    if finder is None:
        return ()
    found: dict[str, None] = {}
    for text in (post.title, post.summary, plain_text(render_markdown(body))):
        for cid in finder.find(text):
            found.setdefault(finder.registry.companies[cid].name)
    return tuple(found)


def render_post(item: Placed, body: str, companies: tuple[str, ...], redirects: tuple[str, ...] = (),
                lang: str = "") -> str:
    """The new file: news-digest front matter, then the body as it was (``<!--more-->`` included); ``redirects``:
    its old addresses, below the site's base path; ``lang``: its language, when not the new site's (``article_langs``)."""
    post = item.post
    lines = ["---", f"title: {_quoted(post.title)}"]
    if item.date is not None:
        lines.append(f"date: {item.date.text}")
        if item.updated is not None:
            lines.append(f"updated: {item.updated.text}")
    if post.summary:
        lines.append(f"summary: {_quoted(post.summary)}")
    if lang:
        lines.append(f"lang: {lang}")
    if post.kind == "article":
        if post.author:
            lines.append(f"author: {_quoted(post.author)}")
        named = dict.fromkeys(post.companies + companies)  # the old site's own list first, then what was found
        lines += [f"tags: [{', '.join(_quoted(t) for t in dict.fromkeys(post.tags))}]",
                  f"companies: [{', '.join(_quoted(c) for c in named)}]"]
        if post.section:
            lines.append(f"section: {_quoted(post.section)}")
        if post.source:
            name, url = post.source
            lines += ["source:"] + ([f"  name: {_quoted(name)}"] if name else []) + [f"  url: {_quoted(url)}"]
    if post.draft:  # a page too: the old site never published it
        lines.append("draft: true")
    if redirects:
        lines.append(f"redirects: [{', '.join(_quoted('/' + old) for old in redirects)}]")
    return "\n".join(lines + ["---", "", body.strip("\n"), ""])


def article_langs(posts: Collection[Post], old_default: str, language: str) -> tuple[dict[str, str], list[Note]]:
    """Each post's ``lang:`` (its file → a BCP 47 tag) when it is not in the new site's ``language``: a translation's
    language (``Post.translation``), else the old site's default one (``old_default``), which ``language`` is unless
    it has no theme words here (a French site keeps digest init's id, and its articles say fr). A language that is
    no tag ('xx') is a report line, once per language, and no ``lang:``."""
    found: dict[str, str] = {}
    bad: dict[str, list[str]] = {}
    for post in posts:
        code = (post.locale or post.translation) if post.translation else old_default
        if not code:
            continue
        tag = tag_hint(code)
        if not tag:
            bad.setdefault(code, []).append(post.rel)
        elif (tag.lower() != language if post.translation else primary_subtag(tag) != language):
            found[post.rel] = tag
    return found, [Note(rels[0], f"is in the language {quoted(code)}" + (
        f" (as {counted(len(rels) - 1, 'other file')} {'is' if len(rels) == 2 else 'are'})" if len(rels) > 1 else "")
        + (f", so no lang: is written: {withdrawn}, as lang: in the front matter if it is not in the site's language"
           if (withdrawn := withdrawn_code(code)) else  # 'sh-BA': the build's advice, hr-BA, bs-BA or sr-BA
           ", which is no language tag, so no lang: is written; add lang: with its BCP 47 tag (en, zh-Hans, pt-BR) "
           "to the front matter if it is not in the site's language")) for code, rels in sorted(bad.items())]


SITE_MADE = frozenset({"index.html", "404.html", "feed.xml", "atom.xml", "feed.json", "sitemap.xml"})
"""Files every site makes at its root, and in its own folders (/tags/ai/feed.xml, /weekly/index.html), which
a static file may not replace (the build refuses one)."""


_INLINE_LINK = re.compile(r"(\]\(\s*<?)([^\s)<>]+)")
_REFERENCE = re.compile(r"^( {0,3}\[[^\]\n]+\]:[ \t]*<?)(\S+?)(?=>?(?:[ \t]|$))", re.MULTILINE)
_HREF = re.compile(r"(<a\s[^>]*?\bhref=[\"'])([^\"']+)", re.IGNORECASE)


def _left_in(body: str, pattern: re.Pattern[str], in_code: bool) -> bool:
    """Whether ``body`` still holds the old generator's syntax where it would have expanded it (``Scan.in_code``)."""
    if in_code:
        return pattern.search(body) is not None
    found = False

    def look(text: str) -> str:
        nonlocal found
        found = found or pattern.search(text) is not None
        return text

    outside_code(body, look)
    return found


def _linked(body: str, urls: Collection[str]) -> list[str]:
    """The addresses of ``urls`` that ``body`` links to outside code (a '#part' aside), sorted: a link to a draft's
    new address (Pelican's ``{filename}``, which Pelican resolved to the draft's own page, drafts/<slug>.html, a Hugo
    ``ref``) is broken on the new site until the draft is published."""
    found: set[str] = set()

    def look(text: str) -> str:
        found.update(target for pattern in (_INLINE_LINK, _REFERENCE, _HREF)
                     for match in pattern.finditer(text) if (target := match.group(2).partition("#")[0]) in urls)
        return text

    outside_code(body, look)
    return sorted(found)


def old_links_rewritten(body: str, post: Post, addresses: dict[str, str], base: str, site_url: str) -> str:
    """Links to an imported post's old address, absolute ('/posts/x/', with or without the base path, or with the
    old site's own host), relative to this post's old address ('../x/'), written with '%' escapes or with
    'index.html' or without '.html', as its new one; a freshly imported site failed `digest check` on them.
    Code (fenced, or a span) is left as written."""
    here = post.old_urls[0] if post.old_urls else "/"
    own = site_url.rstrip("/").lower()

    def new_address(match: re.Match[str]) -> str:
        target = match.group(2)
        if own and target.lower().startswith(own + "/"):  # the old site's own host: a path below its base
            target = base.rstrip("/") + target[len(own):]
        if re.match(r"[a-z][a-z0-9+.-]*:|#|//", target, re.IGNORECASE):  # another site, mail, an anchor
            return match.group(0)
        path, hash_, fragment = target.partition("#")
        path, _, query = path.partition("?")
        if not path or query:
            return match.group(0)
        resolved = unquote(posixpath.normpath(posixpath.join(here if here.endswith("/") else posixpath.dirname(here),
                                                             path)))
        if resolved.startswith(base.rstrip("/") + "/") and base != "/":
            resolved = "/" + resolved[len(base):]
        page = resolved.removesuffix("/index.html")
        found = next((addresses[c] for c in (resolved, page + "/", resolved + "/index.html", resolved + ".html")
                      if c in addresses), None)
        return match.group(0) if found is None else match.group(1) + found + hash_ + fragment

    def links(text: str) -> str:
        for pattern in (_INLINE_LINK, _REFERENCE, _HREF):
            text = pattern.sub(new_address, text)
        return text

    return outside_code(body, links)


_ARCHIVE = re.compile(r"\d{4}/(?:\d{2}/)?")
_OWN_FILES = SITE_MADE | {"style.css", "code.css", "embed.css", "embed.js", "reltime.js", "search.js", "favicon.svg", "apple-touch-icon.png",
                          "robots.txt", "_redirects", "redirects.nginx.conf"}
"""Files every built site has at its root (the theme's, the feeds, the rule files)."""
_TERM_FOLDERS = ("tags", "companies", "sections", "sources")


def _held(moved: dict[str, str], live: Collection[str], base: str, terms: dict[str, set[str]]) -> set[str]:
    """The old addresses that go in their article's ``redirects:`` (a page at each, which GitHub and GitLab Pages
    serve, and the build's rules for Netlify, Cloudflare Pages and nginx): every one the front matter takes as a
    page (a folder, or a file named .html), that differs from no page (the imported ones', the site's own: '/Tags/')
    and no other old address in letter case or Unicode form alone (the build refuses those, which nginx or a
    case-insensitive disk reads as one: ``redirects.folded``), and that
    nginx's map takes. The others stay in the import's own rule files, where a pattern tells them apart."""
    read = {old: parse_redirects([old[len(base):]], lambda *_: 0) for old in moved}
    as_read = {old: base + found[0].path for old, (found, problems) in read.items() if found and not problems and not found[0].written}
    alike = Counter(folded(path) for path in as_read.values())  # '/a' is read as '/a/'
    pages = {folded(url) for url in live}
    return {old for old, path in as_read.items()
            if alike[folded(path)] == 1 and folded(path.removesuffix("index.html")) not in pages
            and not site_made(path[len(base):].lower(), terms)  # the terms' slugs are lower-case
            and (path.endswith(("/", ".html", ".htm")))  # a page at 'notes.txt' is served as text
            and len(unquote(path + ("index.html" if path.endswith("/") else "")).encode()) <= NGINX_KEY_MAX}


def own_pages(base: str, terms: dict[str, set[str]]) -> list[str]:
    """Addresses of the new site's own pages that an old address may differ from in letter case alone (its lists,
    its files at the root, its terms' pages), for the import's nginx map (``report.nginx_map``)."""
    return ([base + name for name in ("", "archive/", "search/", "weekly/", *_OWN_FILES)]
            + [f"{base}{kind}/{slug}/" for kind in _TERM_FOLDERS for slug in ("", *sorted(terms[kind]))])


def site_made(rel: str, terms: dict[str, set[str]]) -> bool:
    """Whether the new site makes a page or file at ``rel`` (a path below its base), which a redirect would hide:
    the home page, its own files, a page of its lists ('page/2/'), archives ('archive/', '2024/', '2024/03/'),
    the search page, the weekly editions ('weekly/2024-W10/'), and a tag's, company's, section's or publisher's page that
    the imported articles make (``terms``: the slugs of each folder). Not '/page/about/', '/weekly/issue-12/' or
    '/companies/acme-profile/' of the old site, which the new one never serves."""
    rel = rel.removesuffix("index.html")
    first, _, rest = rel.partition("/")
    if rel in ("", "archive/", "search/") or rel in _OWN_FILES or first == "pagefind" or _ARCHIVE.fullmatch(rel):
        return True
    if first == "page":
        return _has_page(rest, terms["page"].get("", 1))
    if first == "weekly":
        return rest in ("", *_OWN_FILES) or re.match(r"\d{4}-W\d{2}/", rest) is not None
    if first in _TERM_FOLDERS:
        slug, _, after = rest.partition("/")
        return rest in ("", *_OWN_FILES) or slug in terms[first] and (
            not after.startswith("page/") or _has_page(after.removeprefix("page/"), terms[first][slug]))
    return False


def _has_page(number: str, pages: int) -> bool:
    """Whether ``number`` ('3/', from '/page/3/') is a later page a list of ``pages`` pages has: Pelican's 4 pages of
    one article each at /page/4/ are no page of the new site's, whose pages hold ``page_size`` articles."""
    return re.fullmatch(r"[1-9]\d*/", number) is not None and 2 <= int(number[:-1]) <= pages


_CLOSEST = {"authors": "", "index": "", "archive": "archive/"}
"""The new page that takes the readers of an old list page news-digest has none like: an author's page and the list
of authors (the home page, every article newest first, as the authors' feeds go to /feed.xml), the home page's later
pages (Pelican's index2.html: its first page, as news-digest's pages hold another number of articles) and the archives
(/archive/, every year and month)."""


def _old_feeds(placed: list[Placed], base: str, terms: dict[str, set[str]], moved: Collection[str],
               lists: Collection[str] = ()) -> tuple[tuple[str, str], ...]:
    """(old feed's address, the new feed that takes its readers), sorted: the site's feeds to /feed.xml, a tag's or
    a category's to its tag's or section's, or to /feed.xml when the new site has no page for the term (Pelican's
    'misc', the category of articles that name none); a feed at an address the new site serves itself (Jekyll's
    /feed.xml) is left. Feed readers follow a 301, never a redirect page, so these are rules only; without them
    every subscriber of the old site was lost without a word. With ``lists`` (kinds), the same for the old list pages
    of those kinds (``Post.old_lists``): a tag's or category's to the tag's or section's page, or the list of them
    all (/tags/, /sections/), an author's and the archives to the closest page (``_CLOSEST``); they were a 404 while
    their feeds were redirected. An old address that is an imported page's new one (Pelican's CATEGORY_URL =
    '{slug}/' and a page 'podcast') keeps its page: the rule hid it under nginx."""
    out: dict[str, str] = {}
    pages = {item.url for item in placed}
    for old_rel, kind, name in sorted({feed for item in placed if item.post.kind == "article" and not item.post.held
                                       for feed in (item.post.old_lists if lists else item.post.old_feeds)
                                       if not lists or feed[1] in lists}):
        slug = make_slug(name) if kind in terms and name else ""
        folder = (_CLOSEST[kind] if kind in _CLOSEST else f"{kind}/{slug}/" if kind and slug in terms[kind]
                  else f"{kind}/" if lists else "")
        new_address = base + folder + ("" if lists else "feed.xml")
        ours = (lists or posixpath.basename(old_rel) in SITE_MADE) and site_made(old_rel, terms)
        live = (base + old_rel).removesuffix("index.html") in pages
        if base + old_rel not in (new_address, *moved) and not ours and not live:
            out.setdefault(base + old_rel, new_address)
    return tuple(sorted(out.items()))


def _terms(placed: list[Placed], page_size: int) -> dict[str, dict[str, int]]:
    """The slugs of the tag, company, section and publisher pages the imported articles make (as the build would
    slug them, before any slugs: or registry of the editor's), each with its number of pages (``page_size``
    articles a page); and under 'page', '' with the home page's."""
    found: dict[str, Counter[str]] = {folder: Counter() for folder in (*_TERM_FOLDERS, "page")}
    for item in placed:
        if item.post.kind != "article" or item.post.held:
            continue
        found["page"][""] += 1
        found["tags"].update({make_slug(tag) for tag in item.post.tags})
        found["companies"].update({make_slug(name) for name in item.post.companies})
        found["sections"].update({make_slug(item.post.section)} if item.post.section else set())
        found["sources"].update({make_slug(host_of(item.post.source[1]))} if item.post.source else set())
    return {folder: {slug: page_count(n, page_size) for slug, n in counts.items()} for folder, counts in found.items()}


def one_spelling(posts: tuple[Post, ...]) -> tuple[tuple[Post, ...], list[Note]]:
    """The posts with each tag and section written one way, and a note for each spelling changed: names that make
    one URL ('Kopi Susu' and 'kopi-susu', one tag in Hugo and Pelican) made a project the build refused ("both make
    the URL /tags/kopi-susu/; use one spelling"). The spelling most used wins (of equals, the first file's); names
    that differ in letter case alone are one term to the build already, and are kept as written."""
    ordered = sorted((post for post in posts if post.kind == "article"), key=lambda p: p.rel)
    written: dict[str, dict[str, str]] = {}
    notes: list[Note] = []
    for kind, word, names in (("tags", "tag", lambda p: p.tags), ("sections", "section (category)",
                                                                   lambda p: (p.section,) if p.section else ())):
        files: dict[str, dict[str, list[str]]] = {}  # slug → name → the files that write it so
        for post in ordered:
            for name in dict.fromkeys(names(post)):
                if slug := make_slug(name):
                    files.setdefault(slug, {}).setdefault(name, []).append(post.rel)
        for slug, spelt in sorted(files.items()):
            folds: Counter[str] = Counter()
            first: dict[str, str] = {}  # each spelling's (letter case aside) first file
            for name, rels in spelt.items():
                folds[name.casefold()] += len(rels)
                first[name.casefold()] = min(first.get(name.casefold(), rels[0]), rels[0])
            if len(folds) < 2:
                continue
            fold = min(folds, key=lambda f: (-folds[f], first[f]))
            chosen = min((name for name in spelt if name.casefold() == fold),
                         key=lambda n: (-len(spelt[n]), spelt[n][0]))
            for name, rels in sorted(spelt.items(), key=lambda pair: pair[1][0]):
                if name.casefold() != fold:
                    written.setdefault(kind, {})[name] = chosen
                    notes.append(Note(rels[0], f"its {word} {quoted(name)} and {quoted(chosen)} both make the URL "
                                               f"/{kind}/{slug}/, so they are one {word.split()[0]}: written "
                                               f"{quoted(chosen)} (the spelling used most, or first) in the "
                                               f"{counted(len(rels), 'file')} that had {quoted(name)}"))
    tags, sections = written.get("tags", {}), written.get("sections", {})
    return tuple(replace(post, tags=tuple(tags.get(tag, tag) for tag in post.tags),
                         section=sections.get(post.section, post.section)) if post.kind == "article" else post
                 for post in posts), notes


def make_project(generator: str, scan: Scan, registry: Registry | None, registry_bytes: bytes | None) -> Project:
    """Every file of the new project, in memory."""
    config, base, tz, config_notes = project_config(scan.site)
    in_utc = scan.site.naive_in_utc and not scan.site.timezone and "timezone" not in scan.site.computed
    posts, spellings = one_spelling(scan.posts)
    placed, bad_dates, notes = place(posts, tz, base, in_utc)
    notes += spellings
    if in_utc and any(d is not None and d.offset == timedelta() and "T" in d.text for item in placed
                      for d in (item.date, item.updated)):
        config_notes.append(Note("config.yaml", f"the old site's config names no time zone, so {generator.title()} "
                                                "read times written without an offset as UTC; they are written with "
                                                "+00:00, and shown in the new site's zone"))
    urls = {item.post.rel: item.url for item in placed}
    finder = MentionFinder(registry) if registry is not None and registry.companies else None
    files: dict[str, bytes] = {"config.yaml": config.encode(),
                               "content/companies.yaml": registry_bytes or EMPTY_REGISTRY.encode()}
    skipped = list(scan.skipped) + bad_dates
    copies = []
    for asset in scan.assets:
        rel = posixpath.normpath(asset.rel)
        if rel in (".", "..") or rel.startswith(("../", "/")):  # Pelican's EXTRA_PATH_METADATA 'path': '../../x'
            skipped.append(Note(asset.rel, "is a path outside the site, so it is not copied; give it a path inside "
                                           "the site and copy it to static/ by hand"))
            continue
        asset = replace(asset, rel=rel)
        if asset.rel in SITE_MADE or asset.rel.split("/")[0] in TOP_LEVEL and asset.rel.rsplit("/", 1)[-1] in SITE_MADE:
            skipped.append(Note(asset.shown or f"static/{asset.rel}", f"news-digest makes /{asset.rel} itself (the "
                                                                      "build would refuse the file), so it is not "
                                                                      "copied"))
        else:
            copies.append((asset.source, f"static/{asset.rel}"))
    moved: dict[str, str] = {}
    live = {item.url: item for item in placed}
    settings = load_yaml(config, 1)[0]
    terms = _terms(placed, settings.get("page_size", Config.page_size))  # as config.yaml says
    langs, said = article_langs(posts, scan.site.language, settings.get("language", Config.language))
    notes += said
    for item in placed:  # in file order: of two files the old site served at one URL, the first is redirected to
        for old in item.post.old_urls if not item.post.held else ():
            new_address = base + old.lstrip("/")
            page = new_address.removesuffix("index.html")  # '/about/index.html' is the page '/about/'
            if new_address in moved and moved[new_address] != item.url:
                notes.append(Note(item.post.rel, _one_address(item, live[moved[new_address]], new_address)))
            if new_address in moved or item.url in (page, page + "/"):  # '/about': hosts send it on to '/about/'
                continue
            if (other := live.get(page)) is not None:  # another article's address now: it must stay its page
                notes.append(Note(item.post.rel, f"its old address {new_address} is the new address of "
                                                 f"{other.post.rel}, so no redirect is written for it"))
            elif site_made(old.lstrip("/"), terms):
                notes.append(Note(item.post.rel, f"its old address {new_address} is one of the new site's own pages "
                                                 "(the home page, a list, a feed), so no redirect is written for it"))
            else:
                moved[new_address] = item.url
    held = _held(moved, live, base, terms)
    kept: dict[str, tuple[str, ...]] = {}
    for old in sorted(held):
        kept[moved[old]] = (*kept.get(moved[old], ()), old[len(base):])
    addresses = {old: item.url for item in placed for old in item.post.old_urls}  # a link to any old address
    drafts = {item.url: item.post.rel for item in placed if item.post.draft}
    for item in placed:
        post = item.post
        body = (scan.rewrite(post, urls, base) if scan.in_code
                else outside_code(post.body, lambda text: scan.rewrite(replace(post, body=text), urls, base)))
        body = old_links_rewritten(body, post, addresses, base, scan.site.base_url)
        looked_in = body
        for code in post.literal:  # code the old site showed as written, its syntax and all
            looked_in = looked_in.replace(code, "")
        if scan.left is not None and _left_in(looked_in, scan.left[0], scan.in_code):  # what it resolved is gone now
            notes.append(Note(post.rel, scan.left[1]))
        notes += [Note(post.rel, message) for message in post.said]
        notes += [] if post.draft else [Note(post.rel, f"links to {url}, the new address of {drafts[url]}, which is a "
                                                       "draft: the link is broken until that article is published "
                                                       "(digest check says so); publish it (remove draft: true) or "
                                                       "remove the link") for url in _linked(body, drafts)]
        files[item.file] = render_post(item, body, find_companies(finder, item.post, body),
                                       kept.get(item.url, ()), langs.get(post.rel, "")).encode()
        folder = "static/" + item.url[len(base):]
        if post.unlisted and post.kind == "article" and not post.draft:
            notes.append(Note(post.rel, f"has {post.unlisted}: " + (
                "the old site listed it only in its section's and its tags' lists and feeds, not on its home page or "
                "in the site's feed; news-digest lists every article alike, so it is on the home page and in the "
                "site's feed too" if post.local else
                "the old site published it at its address but listed it nowhere (not on its home page, a list or a "
                "feed); news-digest has no unlisted articles, so it is listed like the others") +
                " (its old address redirects to it); add 'draft: true' to its front matter if it should not be "
                "published"))
        if post.withheld:  # where one goes, as its link is relative to the page, whose folder is new
            notes.append(Note(post.rel, f"has {post.withheld_by}, so the old site did not publish its bundle's files "
                                        f"({', '.join(post.withheld)}); not copied (a link to one stays broken, as it "
                                        f"was); copy one to {folder}{post.withheld[0]} (and so the others) by hand if "
                                        "it should be published"))
        if item.post.held and item.post.resources:  # static/ is always published: the held post's files would be
            notes.append(Note(item.post.rel, f"is {'a draft' if item.post.draft else 'dated after this import'}: its "
                                             "bundle's files are not copied, as static/ is always published; copy "
                                             f"them to {folder} when it is"))
        else:
            copies += [(path, folder + name) for path, name in item.post.resources]
    seen: dict[str, Path] = {}
    for path, rel in copies:
        if rel in seen or rel in files:
            skipped.append(Note(rel, f"would be written twice (also from {seen.get(rel, rel)}); only the first is kept"))
        elif why := _unreadable(path):
            skipped.append(Note(rel, why))
            continue
        seen.setdefault(rel, path)
    redirects = tuple(sorted(moved.items()))
    rules = tuple((old, new) for old, new in redirects if old not in held)
    feeds = _old_feeds(placed, base, terms, moved)
    lists = _old_feeds(placed, base, terms, moved, lists=("tags", "sections"))
    nearest = tuple(pair for pair in _old_feeds(placed, base, terms, moved, lists=tuple(_CLOSEST))
                    if pair[0] not in dict(lists))
    statics = _static_copies(scan.assets, seen, base, {old for old, _ in rules + feeds + lists + nearest} | set(moved))
    dates = tuple(sorted((item.post.rel, typed, date.text) for item in placed
                         for typed, date in ((item.post.date, item.date), (item.post.updated, item.updated))
                         if date is not None and typed.strip() != date.text))
    articles = [item for item in placed if item.post.kind == "article"]
    pages = [item for item in placed if item.post.kind == "page"]
    imported = Imported(generator, len(articles), sum(1 for a in articles if a.post.draft), len(pages),
                        sum(1 for p in pages if p.post.draft), len(seen), tuple(sorted(skipped, key=Note.place)), dates,
                        tuple(sorted(config_notes + list(scan.notes) + notes, key=lambda n: (*n.place(), n.message))),
                        count_dropped([item.post for item in placed]), redirects, rules, feeds, lists,
                        nearest, statics)
    files[REPORT] = render_report(imported).encode()
    if every := rules + feeds + lists + nearest + statics:
        files[REDIRECTS] = redirects_file(every).encode()
        files[NGINX] = nginx_map(every, [item.url for item in placed] + own_pages(base, terms)).encode()
    return Project(files, tuple(sorted(seen.items(), key=lambda pr: pr[0])), imported)


def _one_address(item: Placed, first: Placed, address: str) -> str:
    """Why ``item``'s old ``address`` redirects to ``first``, imported before it, which had it too. Two translations
    (Hugo's a.md and a.id.md with one ``url:``): Hugo wrote both pages there, the one built last over the other,
    which one may change from build to build; the default language's is the page readers of an address outside
    every language's folder expect (the import places it first), so the redirect goes there, and the line says how
    to give it to the other."""
    if item.post.translation == first.post.translation:
        return (f"its old address {address} is also that of {first.post.rel}, which is imported first, so the "
                "redirect goes there; check which one the old site served")
    language = f"the {first.post.translation} one" if first.post.translation else "the default language's"
    return (f"its old address {address} is also that of {first.post.rel}, in another language: the old site wrote "
            "both pages there, the one built last over the other (which one can change from build to build), so the "
            f"redirect goes to {language} ({first.url}), the page readers of an address outside every language's "
            f"folder expect; if the old site showed this one there, send {address} to {item.url} instead (in the "
            f"redirects: of {first.file}, else in {REDIRECTS} and {NGINX})")


def _static_copies(assets: tuple[Asset, ...], copied: Collection[str], base: str, taken: set[str],
                   ) -> tuple[tuple[str, str], ...]:
    """(old address, the copied file's new one) for each other address the old site served a static file at
    (``Asset.also``), sorted; not where the new site has a file of its own or another rule starts. Addresses, not
    paths: 'a#b.png' is asked for as 'a%23b.png'."""
    return tuple(sorted((base + file_address(other), base + file_address(posixpath.normpath(asset.rel)))
                        for asset in assets if f"static/{posixpath.normpath(asset.rel)}" in copied
                        for other in asset.also
                        if f"static/{other}" not in copied and base + file_address(other) not in taken))


UNFINISHED = IMPORT_UNFINISHED
"""Made first and removed last by ``digest import``: a project that still has it was cut short (Ctrl-C, killed, a
power cut). A build there refuses it (``config.load_config``), and the next import into it starts over."""


def write_project(target: Path, project: Project) -> None:
    """Write every file, ``UNFINISHED`` first and gone last; on failure or interruption remove what was written (and
    ``target`` if it was made here). A half project built "59 articles" of 150 without a word."""
    made = not target.exists()
    listed = [*sorted(project.files), *(rel for rel, _ in project.copies)]
    try:
        _write(target / UNFINISHED, (_UNFINISHED_HEAD + "".join(f"{rel}\n" for rel in listed)).encode())
        for rel, data in sorted(project.files.items()):
            _write(target / rel, data)
        for rel, source in project.copies:
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target / rel)
        (target / UNFINISHED).unlink()
    except BaseException as e:  # Ctrl-C and a full disk alike: nothing half-written is left
        with contextlib.suppress(OSError):
            _empty(target, remove=made, written=listed)
        if not isinstance(e, OSError):
            raise
        raise BuildError([Problem(str(target), 0, "", f"could not write the project ({e.strerror or e}); "
                                                      "nothing was left there, free some space or pick another "
                                                      "folder and import again")]) from None


_UNFINISHED_HEAD = ("# digest import was writing this project; run the same import again to finish it (it starts "
                    "over). The files it writes:\n")


def _remove_unfinished(target: Path) -> None:
    """What a cut-short import wrote into ``target``, as its ``UNFINISHED`` file lists it, and only if that is all
    there is; anything else (a file of yours, a git repository made since) removes nothing and is refused."""
    marker = target / UNFINISHED
    listed = {line for line in marker.read_text("utf-8", "replace").splitlines()[1:] if line}
    folders = {str(parent) for rel in listed for parent in PurePosixPath(rel).parents if str(parent) != "."}
    for here, dirs, names in os.walk(target):
        if here == str(target):  # a hidden entry the import did not write (a repository's .git/) is the folder's
            dirs[:] = [name for name in dirs if not _kept(name, listed)]
            names = [name for name in names if not _kept(name, listed)]
        for name in [*dirs, *names]:
            path = Path(here, name)
            rel = path.relative_to(target).as_posix()
            ours = rel in folders and not path.is_symlink() if name in dirs else rel in listed or path == marker
            if not ours or (name in names and path.is_symlink()):
                raise RefusalError(f"{target} holds a project a digest import was cut short writing, and {rel}, "
                                   "which that import did not write; move it away (or empty the folder) and import "
                                   "again")
    for rel in sorted(listed, reverse=True):
        (target / rel).unlink(missing_ok=True)
    for folder in sorted(folders, key=lambda f: f.count("/"), reverse=True):
        with contextlib.suppress(OSError):
            (target / folder).rmdir()
    marker.unlink()


def _kept(name: str, written: Collection[str]) -> bool:
    """Whether a top-level entry of the target is the folder's own (a hidden one no written path starts with, such as
    ``.git/``), which an import neither removes nor counts as its own."""
    return name.startswith(".") and name != UNFINISHED and not any(rel.split("/", 1)[0] == name for rel in written)


def _empty(target: Path, remove: bool, written: Collection[str]) -> None:
    """Remove what an import wrote into ``target`` (new, or empty but for hidden entries, when it began), and
    ``target`` too if ``remove``; ``written``: the paths it writes, whose hidden top-level entries are its own."""
    if remove:
        shutil.rmtree(target, ignore_errors=True)
        return
    for child in target.iterdir():
        if _kept(child.name, written):
            continue
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "xb") as f:
        f.write(data)
