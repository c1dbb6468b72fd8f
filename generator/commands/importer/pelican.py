"""Read a Pelican site: Markdown articles with metadata headers, ``pages/``, static files.

Old URLs follow Pelican's defaults: ``/{slug}.html`` for articles, ``/pages/{slug}.html`` for
pages, where the slug is the ``Slug:`` header or made from the title (``SLUGIFY_SOURCE = 'title'``).
"""
from __future__ import annotations

import ast
import fnmatch
import math
import posixpath
import re
from dataclasses import replace
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Collection
from urllib.parse import unquote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from generator.commands.importer.common import Asset, Note, OldSite, Post, ReadError, Rewrite, Scan, not_converted, as_list, as_text, parse_date, read_text, rel_to, symlinks, title_slug, walk
from generator.commands.importer.frontmatter import read_pelican
from generator.core.errors import RefusalError, quoted

MARKDOWN = (".md", ".markdown", ".mkd", ".mdown")
NOT_CONVERTED = {
    ".rst": "reStructuredText is not converted; convert it to Markdown (pandoc -f rst -t gfm) and import again",
    ".html": "Pelican's HTML reader files are not converted; rewrite it in Markdown",
    ".htm": "Pelican's HTML reader files are not converted; rewrite it in Markdown",
}
KNOWN = {"title", "date", "modified", "tags", "category", "summary", "slug", "author", "authors", "status", "url",
         "save_as", "lang"}
_LINK = re.compile(r"(?:\{(?:static|attach|filename)\}|\|(?:static|filename)\|)([^\s)\"'>#?]+)")
_LEFT = re.compile(r"\{(?:static|attach|filename|tag|category|author|index)\}|\|(?:static|filename|tag|category)\|")
"""Pelican's link syntax a body may still hold: a file not imported, or a tag's, category's or author's page
(which have other addresses here: /tags/<slug>/, /sections/<slug>/)."""


def _setting(folder: Path, name: str) -> str:
    """A string setting as Pelican's live build has it: publishconf.py's SITEURL (which sets it again after
    importing pelicanconf.py), else pelicanconf.py's, its last assignment (``_literals``); '' when unset, not a
    string, or computed (``os.environ[...]``: the report names it, ``_COMPUTED_WHY``)."""
    for conf in ("publishconf.py", "pelicanconf.py") if name == "SITEURL" else ("pelicanconf.py",):
        found = _literals(folder, conf)
        if name in found:
            return found[name] if isinstance(found[name], str) else ""  # type: ignore[return-value]
    return ""


def _literals(folder: Path, name: str = "pelicanconf.py") -> dict[str, object]:
    """The settings pelicanconf.py (or ``name``) gives as literals (``NAME = [...]``, ``{...}``), read, never
    executed; {} if it does not parse."""
    try:
        tree = ast.parse((folder / name).read_text("utf-8", "replace"))
    except (OSError, SyntaxError, ValueError):
        return {}
    found: dict[str, object] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign):  # each target of a chain (FEED_ALL_ATOM = CATEGORY_FEED_ATOM = None)
            for target in node.targets:
                found |= _assigned(target, node.value)
        elif isinstance(node, ast.AnnAssign) and node.value is not None:  # TIMEZONE: str = 'Asia/Tokyo'
            found |= _assigned(node.target, node.value)
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name):  # STATIC_PATHS += [...]
            found[node.target.id] = COMPUTED
    return found


def _assigned(target: ast.expr, value: ast.expr) -> dict[str, object]:
    """The names ``target`` gets from ``value``, as Python assigns them: a tuple of names (``SITEURL, OTHER =
    'https://kopi.example', 1``) takes a literal tuple's items one by one; a value that is not a literal, or a
    tuple that does not match, makes each name ``COMPUTED``. An attribute or item target sets no setting."""
    if isinstance(target, ast.Name):
        try:
            return {target.id: ast.literal_eval(value)}
        except (ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
            return {target.id: COMPUTED}
    if not isinstance(target, (ast.Tuple, ast.List)):
        return {}
    items = value.elts if isinstance(value, (ast.Tuple, ast.List)) else None
    if items is None or len(items) != len(target.elts) or any(isinstance(e, ast.Starred) for e in (*items, *target.elts)):
        return {name.id: COMPUTED for name in ast.walk(target) if isinstance(name, ast.Name)}
    return {name: got for part, item in zip(target.elts, items) for name, got in _assigned(part, item).items()}


COMPUTED = object()
"""A setting pelicanconf.py computes (``BASE + ['pdfs']``, an f-string): not known without running it."""
_SITE_FEEDS = (("FEED_ALL_ATOM", "feeds/all.atom.xml"), ("FEED_ALL_RSS", None), ("FEED_ATOM", None),
               ("FEED_RSS", None))
"""Pelican's settings for the site's feeds, with its defaults."""
_TERM_FEEDS = (("CATEGORY_FEED_ATOM", "feeds/{slug}.atom.xml", "sections"), ("CATEGORY_FEED_RSS", None, "sections"),
               ("TAG_FEED_ATOM", None, "tags"), ("TAG_FEED_RSS", None, "tags"),
               ("AUTHOR_FEED_ATOM", "feeds/{slug}.atom.xml", "authors"),
               ("AUTHOR_FEED_RSS", "feeds/{slug}.rss.xml", "authors"),
               ("TRANSLATION_FEED_ATOM", "feeds/all-{lang}.atom.xml", "langs"), ("TRANSLATION_FEED_RSS", None, "langs"))
"""Its settings for a category's, a tag's, an author's and a language's feeds, with its defaults (a category is a
section here; news-digest has no author's or language's feed, so those readers go to the site's)."""
_LIST_PAGES = (("CATEGORY_SAVE_AS", "category/{slug}.html", "sections"), ("TAG_SAVE_AS", "tag/{slug}.html", "tags"),
               ("AUTHOR_SAVE_AS", "author/{slug}.html", "authors"),
               ("CATEGORIES_SAVE_AS", "categories.html", "sections"), ("TAGS_SAVE_AS", "tags.html", "tags"),
               ("AUTHORS_SAVE_AS", "authors.html", "authors"), ("ARCHIVES_SAVE_AS", "archives.html", "archive"))
"""Its settings for a category's, a tag's and an author's page, the pages that list them all, and the archives, with
its defaults (Pelican 4.10's: the last four are its ``DIRECT_TEMPLATES``, saved as '<template>.html')."""
_DIRECT_TEMPLATES = ("index", "tags", "categories", "authors", "archives")
_FEED_SETTINGS = frozenset(name for name, *_ in (*_SITE_FEEDS, *_TERM_FEEDS))

_SITE_SETTINGS = {"SITENAME": "title", "SITEURL": "base_url", "TIMEZONE": "timezone", "DEFAULT_LANG": "language"}
"""Pelican's settings that config.yaml takes (``OldSite``), with the key each becomes."""
_SITE_EXAMPLES = {"SITENAME": ("'Kabar Kepri'", "title is digest init's (News Digest)"),
                  "SITEURL": ("'https://example.com'", "base_url is digest init's (https://example.org/)"),
                  "TIMEZONE": ("'Asia/Jakarta'", "timezone is digest init's (Asia/Jakarta)"),
                  "DEFAULT_LANG": ("'id'", "language is digest init's (id, Indonesian)"),
                  "DEFAULT_CATEGORY": ("'misc'", "an article with no category is read as filed under Pelican's "
                                                 "default, misc (its old category page and feed)")}
"""Those and DEFAULT_CATEGORY as a string, for the report when the site gives another kind of value, and what the
import makes of it then."""


def _not_strings(settings: dict[str, object], conf_file: str, live: Collection[str]) -> tuple[list[str], list[Note]]:
    """The site settings config.yaml takes that the site gives as something other than a string (``TIMEZONE = 5``),
    which Pelican cannot use: named with what to write, never said to be missing (``OldSite.computed``)."""
    wrong = [name for name in _SITE_EXAMPLES if name in settings and settings[name] is not COMPUTED
             and not isinstance(settings[name], str)]
    kinds = ((bool, "a boolean"), ((int, float), "a number"), ((list, tuple), "a list"), (dict, "a dict"))
    return wrong, [Note(conf_file.replace("pelicanconf", "publishconf") if name in live else conf_file,
                        f"{name} is {value!r}, "
                        + next((kind for types, kind in kinds if isinstance(value, types)), "no string")
                        + f", not a string, so {_SITE_EXAMPLES[name][1]}; write it as a string, like {name} = "
                        + (repr(value[0]) if isinstance(value, list | tuple) and value and isinstance(value[0], str)
                           else _SITE_EXAMPLES[name][0])
                        + (f", or set config.yaml's {_SITE_SETTINGS[name]}" if name in _SITE_SETTINGS else ""))
                   for name in wrong for value in (settings[name],)]


_COMPUTED_WHY = {
    "STATIC_PATHS": "every other file in the content folder is copied to static/; remove those Pelican did not "
                    "publish",
    "EXTRA_PATH_METADATA": "files are copied at their own paths; move those it gave another path",
    "ARTICLE_URL": "the redirects start at Pelican's default /{slug}.html; edit the redirects: of the files",
    "PAGE_URL": "the redirects start at Pelican's default /pages/{slug}.html; edit the redirects: of the "
                "files",
    "ARTICLE_LANG_URL": "the translations' redirects start at Pelican's default /{slug}-{lang}.html; edit the "
                        "redirects: of the files",
    "PAGE_LANG_URL": "the translated pages' redirects start at Pelican's default /pages/{slug}-{lang}.html; edit "
                     "the redirects: of the files",
    "ARTICLE_PATHS": "every Markdown file outside PAGE_PATHS is imported as an article (Pelican's default); delete "
                     "those Pelican did not read",
    "PAGE_PATHS": "the files in pages/ are imported as pages (Pelican's default); check which were pages",
    "DEFAULT_METADATA": "a file without a Status: header is imported as published; mark those Pelican kept as "
                        "drafts 'draft: true'",
    "WITH_FUTURE_DATES": "an article dated after the import is held until its date (digest build leaves it out "
                         "till then)",
    **{name: "its subscribers get no redirect to the new feed; add one to static/_redirects by hand"
       for name in sorted(_FEED_SETTINGS)},
    **{name: f"{key} in config.yaml is digest init's; set it to what it gives" for name, key in _SITE_SETTINGS.items()}}
"""What the import does instead when pelicanconf.py computes one of these, for the report."""


def _strings(value: object) -> list[str] | None:
    return [v.strip("/") for v in value] if isinstance(value, (list, tuple)) and all(
        isinstance(v, str) for v in value) else None


def scan(root: Path) -> Scan:
    """``root`` is the Pelican project (with pelicanconf.py and content/) or its content folder itself. Files
    other than articles are copied where Pelican published them: those under ``STATIC_PATHS`` (its default
    ``['images']``), at the path ``EXTRA_PATH_METADATA`` gives ('extra/robots.txt' → 'robots.txt'), and any an
    article (a draft too) links with ``{static}`` or ``{attach}``; the rest, which Pelican never published (notes),
    are listed and not copied."""
    settings = _literals(root)
    named = settings.get("PATH")
    if (root / "pelicanconf.py").is_file() and isinstance(named, str) and named and (root / named).is_dir():
        content = root / named
    else:
        content = root / "content" if (root / "pelicanconf.py").is_file() or (root / "content").is_dir() else root
    conf = root if content != root else root.parent
    if content == root and not (root / "pelicanconf.py").is_file() and (conf / "pelicanconf.py").is_file():
        given = _content_folder(conf)
        if root.resolve() != given.resolve() and not _has_articles(root):  # its output/, themes/: "0 articles"
            raise RefusalError(f"{root} is not the content folder of the Pelican site {conf} (its PATH, "
                               f"{given}); give {given}, or the site's root folder {conf}")
    if not _is_pelican(root, conf, content):
        raise RefusalError(f"{root} has no pelicanconf.py and no Pelican article (a Markdown file that starts with a "
                           "'Title:' line); give the Pelican site's root folder")
    settings = settings if conf == root else _literals(conf)
    # the feeds the site published: pelican-quickstart turns them off in pelicanconf.py (for previews) and on in
    # publishconf.py, which `pelican -s publishconf.py` builds the live site with
    live = {name: value for name, value in _literals(conf, "publishconf.py").items()
            if name in _FEED_SETTINGS or name == "SITEURL"}  # the live site's address too
    settings = {**settings, **live}
    computed = [name for name in _COMPUTED_WHY if settings.get(name) is COMPUTED]
    static_paths = [""] if "STATIC_PATHS" in computed else _strings(settings.get("STATIC_PATHS", ["images"])) or []
    extra = settings.get("EXTRA_PATH_METADATA")
    extra = extra if isinstance(extra, dict) else {}
    default_lang = (conf / "pelicanconf.py").is_file() and "DEFAULT_LANG" not in settings  # Pelican's default: en
    told = {name: _setting(conf, name) for name in _SITE_SETTINGS}
    language = told["DEFAULT_LANG"] or ("en" if default_lang else "")
    conf_file = "pelicanconf.py" if conf == root else "../pelicanconf.py"  # beside the content folder given
    wrong, not_strings = _not_strings(settings, conf_file, live)
    site = OldSite(told["SITENAME"], told["SITEURL"], told["TIMEZONE"], language,
                   naive_in_utc=True,  # Pelican without TIMEZONE: UTC
                   computed=tuple(_SITE_SETTINGS[name] for name in (*computed, *wrong) if name in _SITE_SETTINGS))
    posts: list[Post] = []
    others: list[tuple[Path, str]] = []
    skipped = symlinks(content, root)
    paths = _paths(settings)
    saved_in: dict[str, str | None] = {}  # each post's file → the folder Pelican saved it in
    ignores = [glob for glob in settings.get("IGNORE_FILES", ()) if isinstance(glob, str)] \
        if isinstance(settings.get("IGNORE_FILES"), (list, tuple)) else []
    static_excludes = _strings(settings.get("STATIC_EXCLUDES", [])) or []
    dated: list[Note] = []  # the drafts without a date, given one; a category that is no string
    ignored: dict[str, str] = {}  # a file IGNORE_FILES names → its glob

    def ignored_why(glob: str) -> str:
        return (f"matches IGNORE_FILES {quoted(glob)} in {conf_file} (its name, or a folder's it is in), so Pelican "
                "did not read or publish it; not converted")


    def in_static(rel: str) -> bool:
        """Whether Pelican's static generator found the file: below a STATIC_PATHS entry (or that file), not in a
        folder STATIC_EXCLUDES names (checked with Pelican 4.12)."""
        return any(not top or rel == top or rel.startswith(top + "/") for top in static_paths) and not any(
            folder and rel.startswith(folder + "/") for folder in static_excludes)

    for path in walk(content):
        rel = rel_to(path, content)
        shown = rel_to(path, root)
        suffix = path.suffix.lower()
        kind = _kind(rel, paths)
        glob = next((glob for glob in ignores for part in rel.split("/") if fnmatch.fnmatch(part, glob)), "")
        if glob and suffix not in NOT_CONVERTED and suffix not in MARKDOWN:
            ignored[rel] = glob  # Pelican publishes it all the same when an article links it ({static}, {attach})
            others.append((path, rel))
        elif glob:
            skipped.append(Note(shown, ignored_why(glob)))
        elif (suffix in NOT_CONVERTED or suffix in MARKDOWN) and not kind and in_static(rel):
            others.append((path, rel))  # Pelican published it as it is, as a static file
        elif (suffix in NOT_CONVERTED or suffix in MARKDOWN) and not kind:
            skipped.append(Note(shown, "is outside ARTICLE_PATHS and PAGE_PATHS "
                                       f"({', '.join(quoted(p) for p in (*paths[0], *paths[2]))}), so Pelican did not "
                                       "read it and did not publish it; not converted"))
        elif suffix in NOT_CONVERTED:
            skipped.append(Note(shown, NOT_CONVERTED[suffix]))
        elif suffix in MARKDOWN:
            try:
                post, saved_in[shown], said = _post(path, rel, shown, settings, kind)
                posts.append(post)
                dated += said
            except ReadError as e:
                skipped.append(not_converted(shown, e))
        else:
            others.append((path, rel))
    linked = {posixpath.normpath(unquote(target).lstrip("/") if target.startswith("/") else
                                 posixpath.join(posixpath.dirname(rel_to(root / post.rel, content)),
                                                unquote(target)))  # '%20' in the link, as Pelican reads it
              for post in posts for target in _LINK.findall(post.body)}
    site_feeds = any(_feed(settings, name, default) for name, default in _SITE_FEEDS)  # written before the articles
    attached = _attached(posts, saved_in, content, root, site_feeds)
    assets: list[Asset] = []
    for path, rel in others:
        published = rel in attached or rel in linked or in_static(rel) and rel not in ignored
        given = _extra_path(extra, rel)
        if published and given is not None and not given.strip("/"):
            skipped.append(Note(rel_to(path, root), f"EXTRA_PATH_METADATA in {conf_file} gives it the path "
                                                    f"{quoted(given)}, which names no file, so Pelican did not publish "
                                                    "it (it could not copy it there); not converted"))
        elif rel in attached:  # EXTRA_PATH_METADATA's path wins: Pelican never moves a file it placed
            assets.append(Asset(path, (given or attached[rel]).strip("/"), rel_to(path, root)))
        elif published:
            assets.append(Asset(path, (given or rel).strip("/"), rel_to(path, root)))
        elif rel in ignored:
            skipped.append(Note(rel_to(path, root), ignored_why(ignored[rel])))
        elif any(not top or rel == top or rel.startswith(top + "/") for top in static_paths):
            skipped.append(Note(rel_to(path, root), "Pelican did not publish it (in a folder STATIC_EXCLUDES, "
                                                   f"{', '.join(static_excludes)}, names, and linked from no article), "
                                                   "so it is not copied; put it in static/ if it should be"))
        else:
            skipped.append(Note(rel_to(path, root), "Pelican did not publish it (outside STATIC_PATHS, "
                                                   f"{', '.join(static_paths) or 'none'}, and linked from no "
                                                   "article), so it is not copied; put it in static/ if it should be"))
    notes = [Note(post.rel, f"{'PAGE' if post.kind == 'page' else 'ARTICLE'}{'_LANG' * bool(post.translation)}_URL "
                            "in pelicanconf.py cannot be filled in for it (a field this import does not know), so it "
                            "gets no redirect; add its old address to its redirects: by hand")
             for post in posts if not post.old_urls]
    if languages := sorted({post.translation for post in posts if post.translation}):
        notes.append(Note("pelicanconf.py" if conf == root else "../pelicanconf.py",
                          f"the site has content in {', '.join(languages)} besides DEFAULT_LANG "
                          f"({site.language or 'en'}); news-digest has one language per site, so each translation is "
                          "imported as an article of its own, and its old address (ARTICLE_LANG_URL, "
                          "/{slug}-{lang}.html by default) redirects to it; delete the translations you do not want"))
    notes += dated
    notes += not_strings
    notes += [Note(post.rel, f"is dated {post.date}, after this import, and WITH_FUTURE_DATES = False in "
                             f"{conf_file} made it a draft (Pelican did not publish it): the build leaves it out until "
                             "that date too (digest build --future shows it); it gets no redirect, as it had no "
                             "address") for post in posts if post.future and not post.draft]
    notes += [Note(conf_file, "sets no DEFAULT_LANG, so the site is in Pelican's default, en "
                   "(language: en in config.yaml, as Pelican declared it); set language: id if it is in Indonesian")
              ] if default_lang else []
    notes += [Note(conf_file.replace("pelicanconf", "publishconf") if name in live else conf_file,
                   f"computes {name}, which this import reads but never runs: {_COMPUTED_WHY[name]}")
              for name in computed]
    for name, default, kind in _TERM_FEEDS:  # a feed setting this import cannot follow: said, never guessed
        if (pattern := _feed(settings, name, default)) and not _term_feed(pattern, "x", kind):
            field = "{lang}" if kind == "langs" else "{slug}"
            notes.append(Note(conf_file, f"{name} {quoted(pattern)} has a placeholder "
                                                                      f"this import does not fill in (only {field}), so "
                                                                      "its subscribers get no redirect to the new "
                                                                      "feeds; add them to static/_redirects by hand"))
    for name, default, *_ in (*_SITE_FEEDS, *_TERM_FEEDS):
        value = settings.get(name, default)
        if isinstance(value, str) and value.strip() and not _feed(settings, name, default):
            notes.append(Note(conf_file, f"{name} {quoted(value)} is a whole address, not "
                                                                      "a path of the site, so its subscribers get no "
                                                                      "redirect; add one to static/_redirects by hand"))
    assets, taken = _one_per_path(assets, extra, content)
    skipped += taken
    copied = {rel_to(asset.source, content): asset.rel for asset in assets}
    posts = _with_later_pages(posts, settings)
    return Scan(tuple(posts), tuple(assets), tuple(skipped), tuple(notes), site, _rewriter(content, root, copied),
                (_LEFT, "links with {filename}, {static} or {attach} to a file that was not imported, or with {tag}, "
                        "{category}, {author} or {index}, kept as text; fix the links by hand (tags are at "
                        "/tags/<slug>/, categories are sections, at /sections/<slug>/)"))


def _extra_path(extra: dict[object, object], rel: str) -> str | None:
    """The path ``EXTRA_PATH_METADATA`` gives the file ``rel`` of the content folder, as Pelican's ``path_metadata``
    applies it (checked with Pelican 4.12): every entry whose key is the file or a folder above it (``''``: every
    file), in the keys' order, so the most specific wins; None when no entry gives one."""
    found = None
    for meta in _extra_entries(extra, rel):
        if isinstance(meta.get("path"), str):
            found = meta["path"]
    return found


def _extra_entries(extra: object, rel: str) -> list[dict[object, object]]:
    """The entries of ``EXTRA_PATH_METADATA`` for the file ``rel``: its own key's and its folders' (``''``: every
    file), sorted by key as Pelican applies them, so the most specific comes last."""
    return [meta for key, meta in sorted((str(key), meta) for key, meta in extra.items()) if isinstance(meta, dict)
            and (rel == key or rel.startswith(posixpath.join(key, "")))] if isinstance(extra, dict) else []


def _extra_metadata(extra: object, rel: str) -> dict[str, object]:
    """What ``EXTRA_PATH_METADATA`` gives the article or page ``rel`` (its status, slug, category, date…), as
    Pelican's ``path_metadata`` merges its entries; not ``path``, which places static files only."""
    return {str(name).lower(): value for meta in _extra_entries(extra, rel) for name, value in meta.items()
            if name != "path"}


def _one_per_path(assets: list[Asset], extra: dict[object, object], content: Path) -> tuple[list[Asset], list[Note]]:
    """One file per address: when ``EXTRA_PATH_METADATA`` gives several files one path (a folder's key, or ``''``,
    which names every file), Pelican copied each there in turn and published the last, in an order that changes from
    run to run; the file whose own key gives that path is kept (else the first by name), and the others are named."""
    kept: dict[str, Asset] = {}
    for asset in sorted(assets, key=lambda a: (rel_to(a.source, content) not in extra, a.shown)):
        kept.setdefault(asset.rel, asset)
    notes = [Note(asset.shown, f"EXTRA_PATH_METADATA gives it the path {quoted(asset.rel)}, as it gives "
                               f"{kept[asset.rel].shown}, which is copied there; Pelican copied both and published one "
                               "of them (which one changes from build to build), so it is not copied; give it a path "
                               "of its own in EXTRA_PATH_METADATA and copy it by hand if it should be published")
             for asset in assets if kept[asset.rel] is not asset]
    return [asset for asset in assets if kept[asset.rel] is asset], notes


_REFERENCE = re.compile(r"(?:\{(static|attach|filename)\}|\|(?:static|filename)\|)([^\s)\"'>#?]+)")
"""A link to a file, with its kind ('attach', or another: its file's address is then referenced, never moved)."""


def _written_order(post: Post, feeds: bool) -> tuple[bool, int, bool, str, float, str]:
    """The order in which Pelican 4.12 writes, so links, its posts: the articles newest first (with ``feeds``, its
    site feed, written first, as ARTICLE_ORDER_BY 'reverse-date'; without, the articles themselves, the translations
    first, by slug), then the hidden ones, then the drafts (in drafts/), then the pages by file name, the hidden and
    draft ones after them so (each the translations first)."""
    date = parse_date(post.date) if post.kind == "article" else None
    instant = (date.naive - (date.offset or timedelta()) - datetime(1, 1, 1)).total_seconds() if date else 0.0
    page = post.kind == "page"
    rank = 2 if post.held else int(bool(post.unlisted))
    translation = bool(post.translation) and (page or rank > 0 or not feeds)
    return page, rank, not translation, post.slug if translation else "", -instant, \
        posixpath.basename(post.rel) if page else post.rel


def _attached(posts: list[Post], saved_in: dict[str, str | None], content: Path, root: Path, feeds: bool
              ) -> dict[str, str]:
    """The files a post links with {attach} (below the content folder), each at the address Pelican moved it to (its
    ``Static.attach_to``, checked with Pelican 4.12): the folder it saved the first post it linked such a file from in
    (``_written_order``: the newest article, or without the site's ``feeds`` a translation; a draft's is in drafts/),
    and the file's path from that post's folder (its name alone when it is not below it); not a file a {static} or
    {filename} link referenced first, which stays put."""
    found: dict[str, str] = {}
    fixed: set[str] = set()  # a file whose address a link has used: Pelican never moves it after
    for post in sorted(posts, key=lambda post: _written_order(post, feeds)):
        here = posixpath.dirname(rel_to(root / post.rel, content))
        if saved_in.get(post.rel) is None:
            continue
        for kind, target in _REFERENCE.findall(post.body):
            rel = posixpath.normpath(unquote(target).lstrip("/") if target.startswith("/") else
                                     posixpath.join(here, unquote(target)))
            tail = posixpath.relpath(rel, here or ".")
            tail = posixpath.basename(tail) if tail.startswith("../") else tail
            if kind == "attach" and rel not in fixed:
                found[rel] = posixpath.join(saved_in[post.rel] or "", tail)
            fixed.add(rel)
    return found


_TITLE_HEADER = re.compile(r" {0,3}title:", re.IGNORECASE)


def _is_pelican(root: Path, conf: Path, content: Path) -> bool:
    """Whether ``root`` is a Pelican site: its pelicanconf.py (beside it, or above it when ``root`` is the content
    folder), or content in Pelican's own form (a Markdown file whose first line is its 'Title:' header). An empty
    folder, or a Hugo site, was imported as "0 articles", exit 0."""
    if (root / "pelicanconf.py").is_file() or (content == root and (conf / "pelicanconf.py").is_file()
                                               and root.resolve() == _content_folder(conf).resolve()):
        return True
    return _has_articles(content)


def _content_folder(conf: Path) -> Path:
    """The content folder of the Pelican site whose pelicanconf.py is in ``conf``: its ``PATH`` (default
    'content')."""
    named = _literals(conf).get("PATH")
    return conf / (named if isinstance(named, str) and named else "content")


def _has_articles(content: Path) -> bool:
    """Whether ``content`` holds a Markdown file in Pelican's own form (its first line a 'Title:' header)."""
    for path in walk(content) if content.is_dir() else ():
        if path.suffix.lower() in MARKDOWN:
            try:
                with open(path, encoding="utf-8-sig", errors="replace") as f:
                    if _TITLE_HEADER.match(f.readline()):
                        return True
            except OSError:
                continue
    return False


def _old_url(pattern: object, slug: str, date: str, category: str, author: str, lang: str) -> str:
    """An address from Pelican's ``ARTICLE_URL`` or ``PAGE_URL`` ('{date:%Y}/{date:%m}/{slug}/'), filled in as
    Pelican fills it (the category and author as slugs); '' when it cannot be (a field this import does not know)."""
    if not isinstance(pattern, str):
        return ""
    parsed = parse_date(date) if date else None
    try:
        return "/" + pattern.format_map({"slug": slug, "date": parsed.naive if parsed else "", "lang": lang,
                                         "category": title_slug(category), "author": title_slug(author)
                                         }).lstrip("/")
    except (KeyError, ValueError, IndexError, AttributeError, TypeError):
        return ""


_URLS = {"ARTICLE_URL": "{slug}.html", "PAGE_URL": "pages/{slug}.html", "ARTICLE_LANG_URL": "{slug}-{lang}.html",
         "PAGE_LANG_URL": "pages/{slug}-{lang}.html", "DRAFT_URL": "drafts/{slug}.html",
         "DRAFT_LANG_URL": "drafts/{slug}-{lang}.html", "DRAFT_PAGE_URL": "drafts/pages/{slug}.html",
         "DRAFT_PAGE_LANG_URL": "drafts/pages/{slug}-{lang}.html"}
"""Pelican's defaults for an article's and a page's address, in DEFAULT_LANG and in another language, and a
draft's."""

_FILENAME_METADATA = r"(?P<date>\d{4}-\d{2}-\d{2}).*"
"""Pelican's default ``FILENAME_METADATA``: an article named 2024-02-03-x.md is dated by its name."""


def path_metadata(rel: str, settings: dict[str, object]) -> dict[str, str]:
    """What Pelican reads from a file's name (``FILENAME_METADATA``, matched against the name without its extension)
    and its path below the content folder (``PATH_METADATA``), as Pelican's ``parse_path_metadata`` does: the first
    match of a field wins, and a header in the file wins over both."""
    found: dict[str, str] = {}
    stem = posixpath.splitext(posixpath.basename(rel))[0]
    for name, default, text in (("FILENAME_METADATA", _FILENAME_METADATA, stem), ("PATH_METADATA", "", rel)):
        pattern = settings.get(name, default)
        try:
            match = re.match(pattern, text) if isinstance(pattern, str) and pattern else None
        except re.error:
            match = None
        for key, value in (match.groupdict() if match else {}).items():
            if value is not None:
                found.setdefault(key.lower(), value)
    return found


Paths = tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]
"""Pelican's ARTICLE_PATHS, ARTICLE_EXCLUDES, PAGE_PATHS and PAGE_EXCLUDES, below the content folder."""


def _paths(settings: dict[str, object]) -> Paths:
    """Where Pelican reads articles and pages (``_kind``): its settings, or its defaults (articles in the whole
    content folder, pages in pages/) for one that is not a list of paths (Pelican falls back so too)."""
    found = [tuple(named) if (named := _strings(settings.get(name))) is not None else default
             for name, default in (("ARTICLE_PATHS", ("",)), ("ARTICLE_EXCLUDES", ()), ("PAGE_PATHS", ("pages",)),
                                   ("PAGE_EXCLUDES", ()))]
    return found[0], found[1], found[2], found[3]


def _below(rel: str, folder: str) -> bool:
    return not folder or rel == folder or rel.startswith(folder + "/")


def _kind(rel: str, paths: Paths) -> str:
    """'page', 'article' or '' (Pelican read it as neither) for the file ``rel`` of the content folder, as Pelican's
    generators find them (checked with Pelican 4.12): a page in PAGE_PATHS, an article in ARTICLE_PATHS, each
    leaving out its own excludes and the other's paths (a folder below the one it walks)."""
    articles, article_excludes, pages, page_excludes = paths
    for kind, walked, excluded in (("page", pages, (*page_excludes, *articles)),
                                   ("article", articles, (*article_excludes, *pages))):
        for folder in walked:
            if _below(rel, folder) and not any(other and other != folder and _below(other, folder)
                                               and rel.startswith(other + "/") for other in excluded):
                return kind
    return ""


def _defaults(settings: dict[str, object]) -> dict[str, object]:
    """Pelican's ``DEFAULT_METADATA``: what a file has unless its name, path or headers say otherwise (``{'status':
    'draft'}``: a file without Status: is a draft); a list or dict as it is, never Python's text of it."""
    given = settings.get("DEFAULT_METADATA")
    found = {str(key).lower(): value if isinstance(value, list | tuple | dict) else as_text(value)
             for key, value in given.items()} if isinstance(given, dict) else {}
    return found | _default_date(settings.get("DEFAULT_DATE"))


def _default_date(value: object) -> dict[str, str]:
    """Pelican's ``DEFAULT_DATE``, the date of an article without a Date: header, over DEFAULT_METADATA's (its
    default_metadata): text as written, or a tuple (2024, 3, 5, 10, 30) as Python's datetime makes it; not 'fs' (the
    file's time on the machine that built it, which this import cannot know)."""
    if isinstance(value, str) and value.strip() and value != "fs":
        return {"date": value.strip()}
    if isinstance(value, tuple | list) and 3 <= len(value) <= 7 and all(type(part) is int for part in value):
        try:
            return {"date": datetime(*value).isoformat()}  # type: ignore[arg-type]
        except ValueError:
            return {}
    return {}


def _post(path: Path, rel: str, shown: str, settings: dict[str, object], kind: str = "article"
          ) -> tuple[Post, str | None, list[Note]]:
    """The article or page, the folder Pelican saved it in (its ``*_SAVE_AS``, or ``Save_as:``), where it put the
    files it links with {attach} (None when that cannot be filled in), and a note on the date it was given when it is
    a draft without one."""
    meta, body = read_pelican(read_text(path))
    # with category pages (CATEGORY_SAVE_AS, as by default), Pelican's DEFAULT_CATEGORY replaces DEFAULT_METADATA's
    # category (its default_metadata), and the folder, read later, wins over both (checked with Pelican 4.12)
    category_pages = bool(settings.get("CATEGORY_SAVE_AS", "category/{slug}.html"))
    defaults = {key: value for key, value in _defaults(settings).items() if key != "category" or not category_pages}
    # EXTRA_PATH_METADATA comes between them (Pelican's path_metadata), so {'c.md': {'status': 'draft'}} or a
    # folder's key keeps a file a draft; its folder as category wins over the entry's (checked with Pelican 4.12)
    extra = _extra_metadata(settings.get("EXTRA_PATH_METADATA"), rel)
    by_folder = settings.get("USE_FOLDER_AS_CATEGORY", True)
    by_folder = (by_folder is COMPUTED or bool(by_folder)) and category_pages
    if by_folder and posixpath.dirname(rel):
        extra.pop("category", None)
    meta = {**defaults, **extra, **path_metadata(rel, settings), **meta}
    title = as_text(meta.get("title"))
    if not title:
        raise ReadError("has no 'Title:' header; add one and import again")
    said: list[Note] = []
    if not isinstance(category := meta.get("category"), str | None):  # EXTRA_PATH_METADATA's, DEFAULT_METADATA's
        said += [] if kind == "page" else [Note(shown, f"{'EXTRA_PATH_METADATA' if 'category' in extra else 'DEFAULT_METADATA'} gives it "
                                f"the category {category!r}, which is no string (Pelican takes one category, as "
                                f"text), so it is read as naming none; write it as a string, like 'category': "
                                f"{next(iter(as_list(category)), 'News')!r}")]
        meta.pop("category")
    if kind != "page" and not as_text(meta.get("date")) and as_text(meta.get("status")).lower() == "draft":
        # Pelican reads a draft without Date: (dated datetime.max, a day news-digest cannot hold), but every article
        # here has a date: the day its file last changed, as Jekyll dates a draft, said in the report
        meta["date"] = datetime.fromtimestamp(path.stat().st_mtime, _zone(settings)).date().isoformat()
        said.append(Note(shown, f"is a draft without a 'Date:' header, which Pelican allows; it is imported as a draft "
                              f"dated {meta['date']}, the day its file last changed, as every news-digest article "
                              "needs a date: set its date when you publish it"))
    page = kind == "page"
    # the slug Pelican gave it: its header, else made from the title or (SLUGIFY_SOURCE = 'basename') the file name
    named = settings.get("SLUGIFY_SOURCE") == "basename"
    slug = as_text(meta.get("slug")) or title_slug(posixpath.splitext(posixpath.basename(rel))[0] if named else title)
    url = as_text(meta.get("url")) or as_text(meta.get("save_as"))
    folder = posixpath.dirname(rel)
    authors = _list(meta.get("authors") or meta.get("author"))
    # an article that names no category is filed under its folder's name, unless USE_FOLDER_AS_CATEGORY = False
    section = as_text(meta.get("category")) or (folder.split("/")[-1] if folder and by_folder else "")
    default_category = settings.get("DEFAULT_CATEGORY")
    category = section or (default_category if isinstance(default_category, str) and default_category else "misc")
    default = settings.get("DEFAULT_LANG", "en")
    default = default.lower() if isinstance(default, str) else "en"
    lang = as_text(meta.get("lang")) or default
    # a translation (a language other than DEFAULT_LANG) is at ARTICLE_LANG_URL, '{slug}-{lang}.html'
    setting = ("PAGE" if page else "ARTICLE") + ("_URL" if lang == default else "_LANG_URL")
    pattern = settings.get(setting, _URLS[setting])
    old_url = "/" + url.lstrip("/") if url else _old_url(
        _URLS[setting] if pattern is COMPUTED else pattern, slug, as_text(meta.get("date")), category,
        authors[0] if authors else "", lang)
    typed = as_text(meta.get("date"))
    future = not page and settings.get("WITH_FUTURE_DATES", True) is not COMPUTED \
        and not settings.get("WITH_FUTURE_DATES", True) and bool(typed) and _ahead(typed, settings)
    if future or as_text(meta.get("status")).lower() == "draft":  # Pelican saves it at DRAFT_SAVE_AS, in drafts/
        setting = ("DRAFT_PAGE" if page else "DRAFT") + ("_URL" if lang == default else "_LANG_URL")
    saved = "SAVE_AS".join(setting.rsplit("URL", 1))  # ARTICLE_LANG_URL → ARTICLE_LANG_SAVE_AS: the same default
    pattern = settings.get(saved, _URLS[setting])
    save_as = "/" + as_text(meta.get("save_as")).lstrip("/") if meta.get("save_as") else _old_url(
        _URLS[setting] if pattern is COMPUTED else pattern, slug, typed, category, authors[0] if authors else "", lang)
    folder_saved = posixpath.dirname(save_as.lstrip("/")) if save_as else None
    common = dict(rel=shown, slug=slug, old_urls=(old_url,) if old_url else (), title=title, body=body,
                  translation="" if lang == default else lang,
                  summary=as_text(meta.get("summary")), draft=as_text(meta.get("status")).lower() == "draft",
                  unlisted="Status: hidden" if as_text(meta.get("status")).lower() == "hidden" else "",
                  dropped=tuple(sorted(k for k in meta if k not in KNOWN)))
    if page:
        return Post(kind="page", **common), folder_saved, said  # type: ignore[arg-type]
    if not typed:
        raise ReadError("has no 'Date:' header; add one (YYYY-MM-DD) and import again")
    tags = _list(meta.get("tags"))
    feeds = [(address, "", "") for name, default in _SITE_FEEDS if (address := _feed(settings, name, default))]
    # Pelican files an article without a category under DEFAULT_CATEGORY ('misc'), one without an author under
    # AUTHOR, and makes a feed of each language's articles (DEFAULT_LANG's too)
    author = settings.get("AUTHOR")
    terms = {"sections": (category,), "tags": tags, "langs": (lang,),
             "authors": authors or ((author,) if isinstance(author, str) and author.strip() else ())}
    feeds += [(address, kind if kind in ("sections", "tags") else "", term if kind in ("sections", "tags") else "")
              for name, default, kind in _TERM_FEEDS if (pattern := _feed(settings, name, default))
              for term in terms[kind] if (address := _term_feed(pattern, term, kind))]
    lists = [(address.removesuffix("index.html"), kind, term) for name, default, kind in _LIST_PAGES
             if (pattern := _list_page(settings, name, default))
             for term in terms.get(kind, ()) if "{" in pattern or "%s" in pattern
             if (address := _term_feed(pattern, term, kind))]
    lists += [(pattern.removesuffix("index.html"), kind, "") for name, default, kind in _LIST_PAGES
              if (pattern := _list_page(settings, name, default)) and "{" not in pattern and "%s" not in pattern]
    return Post(kind="article", date=typed, updated=as_text(meta.get("modified")), tags=tags, old_feeds=tuple(feeds),
                old_lists=tuple(lists),
                section=section, future=future,
                author=", ".join(authors), **common), folder_saved, said  # type: ignore[arg-type]


def _zone(settings: dict[str, object]) -> tzinfo:
    """The site's ``TIMEZONE``, or UTC (Pelican's default) when it sets none or one that is not a time zone."""
    try:
        return ZoneInfo(zone) if isinstance(zone := settings.get("TIMEZONE"), str) and zone else timezone.utc
    except (ValueError, ZoneInfoNotFoundError):
        return timezone.utc


def _ahead(typed: str, settings: dict[str, object]) -> bool:
    """Whether an article's date is after now, as Pelican compares it (a date without an offset in its TIMEZONE,
    else UTC)."""
    date = parse_date(typed)
    if date is None:
        return False
    where = timezone(date.offset) if date.offset is not None else _zone(settings)
    return date.naive.replace(tzinfo=where) > datetime.now(timezone.utc)


def _feed(settings: dict[str, object], name: str, default: str | None) -> str:
    """The address pelicanconf.py (or Pelican's default) gives one of its feeds, below the site's root; '' for
    none, one computed (the report names it), or one that is no path of the site (a whole URL)."""
    value = settings.get(name, default)
    if not isinstance(value, str) or not value.strip() or re.match(r"[a-z][a-z0-9+.-]*:", value, re.IGNORECASE):
        return ""
    return value.strip().lstrip("/")


def _list_page(settings: dict[str, object], name: str, default: str) -> str:
    """The address of one of Pelican's list pages (``_LIST_PAGES``), below the site's root, as ``_feed`` reads it; ''
    for none: an empty setting, or a page of ``DIRECT_TEMPLATES`` (tags.html, archives.html) that pelicanconf.py
    leaves out of that list."""
    template = name.removesuffix("_SAVE_AS").lower()
    direct = _strings(settings.get("DIRECT_TEMPLATES", _DIRECT_TEMPLATES))
    if template in _DIRECT_TEMPLATES and direct is not None and template not in direct:
        return ""
    return _feed(settings, name, default)


def _term_feed(pattern: str, name: str, kind: str) -> str:
    """A category's, tag's or author's feed address from its setting's pattern, as Pelican fills it in ('{slug}',
    or '%s' in old settings), or a language's ('{lang}', the language's code as written); '' for a pattern with
    any other placeholder, which this import cannot fill in."""
    value = name if kind == "langs" else title_slug(name)
    try:
        address = pattern % value if "%s" in pattern and "{" not in pattern else pattern.format(
            **{"lang" if kind == "langs" else "slug": value})
    except (KeyError, IndexError, ValueError, TypeError):
        return ""
    return address if address != pattern else ""  # no placeholder: one file, not one per term


_PAGINATED = {"index": ("INDEX_SAVE_AS", "index.html", "index"), "tag": ("TAG_SAVE_AS", "tag/{slug}.html", "tags"),
              "category": ("CATEGORY_SAVE_AS", "category/{slug}.html", "sections"),
              "author": ("AUTHOR_SAVE_AS", "author/{slug}.html", "authors")}
"""Pelican's ``PAGINATED_TEMPLATES`` (its default: these four) and each one's page setting, default and kind (the
home page's later pages go to the home page, ``importer._CLOSEST``)."""
_PAGINATION_PATTERNS = ((1, "{name}{extension}", "{name}{extension}"), (2, "{name}{number}{extension}",
                                                                          "{name}{number}{extension}"))


def _with_later_pages(posts: list[Post], settings: dict[str, object]) -> list[Post]:
    """The articles with the later pages of the lists they are on (``index2.html``, ``tag/kopi2.html``) in their
    ``old_lists``, as Pelican writes them with ``DEFAULT_PAGINATION`` (or ``PAGINATED_TEMPLATES``' own numbers): each
    goes where the list's first page goes; a hidden article (``Status: hidden``) is on none, as Pelican left it out.
    Old links to them were a 404, with no rule."""
    published = [post for post in posts if post.kind == "article" and not post.draft and not post.unlisted]
    later: dict[int, set[tuple[str, str, str]]] = {}  # an article (its id) → later pages of the lists it is on
    for name, (setting, default, kind) in _PAGINATED.items():
        per_page, pattern = _per_page(settings, name), _list_page(settings, setting, default)
        on: dict[str, tuple[str, list[Post]]] = {}  # each list's file → its term and the articles it lists
        for post in published if per_page and pattern else ():
            for term in ("",) if kind == "index" else sorted({t for _, k, t in post.old_lists if k == kind and t}):
                if address := pattern if kind == "index" else _term_feed(pattern, term, kind):
                    on.setdefault(address, (term, []))[1].append(post)
        for address, (term, listed) in on.items():
            later.setdefault(id(listed[0]), set()).update(
                (page.removesuffix("index.html"), kind, term) for page in _later_pages(settings, address, len(listed),
                                                                                        per_page))
    return [replace(post, old_lists=post.old_lists + tuple(sorted(later[id(post)]))) if id(post) in later else post
            for post in posts]


def _per_page(settings: dict[str, object], template: str) -> int:
    """How many articles a page of Pelican's ``template`` list holds, or 0 when it is one page (not paginated)."""
    templates = settings.get("PAGINATED_TEMPLATES", dict.fromkeys(_PAGINATED))
    if not isinstance(templates, dict) or template not in templates:
        return 0
    per_page = templates[template] or settings.get("DEFAULT_PAGINATION", False)
    return per_page if type(per_page) is int and per_page > 0 else 0


def _later_pages(settings: dict[str, object], save_as: str, count: int, per_page: int) -> list[str]:
    """The files of a list's pages after its first (``save_as``), as Pelican's paginator names them: the last rule of
    ``PAGINATION_PATTERNS`` whose first page is at most the page's number (one of -1 for the last page), its
    ``SAVE_AS`` filled in; a rule with a field this import does not know (or computed patterns) gives none."""
    orphans = settings.get("DEFAULT_ORPHANS", 0)
    last = math.ceil(max(1, count - (orphans if type(orphans) is int else 0)) / per_page)
    patterns = settings.get("PAGINATION_PATTERNS", _PAGINATION_PATTERNS)
    if not isinstance(patterns, (list, tuple)) or not all(
            isinstance(p, (list, tuple)) and len(p) == 3 and type(p[0]) is int and isinstance(p[2], str)
            for p in patterns):
        return []
    name, extension = posixpath.splitext(save_as)
    folder, file = posixpath.split(save_as)
    fields = {"save_as": save_as, "name": name, "extension": extension,
              "base_name": folder if file in ("index.htm", "index.html") else name}
    pages = []
    for number in range(2, last + 1):
        rule = ""
        for first, _, page in sorted(patterns, key=lambda p: p[0]):
            if first == -1 and number == last:
                rule = page
                break
            if first != -1 and first <= number:
                rule = page
        try:
            pages.append(rule.format(**fields, number=number).removeprefix("/"))
        except (KeyError, IndexError, ValueError, AttributeError):
            continue
    return [page for page in pages if page]


def _list(value: object) -> tuple[str, ...]:
    """Tags or authors as Pelican splits them: on ';' when the value has one ('Budi; Ani', 'ai; machine
    learning, deep'), else on ','."""
    return as_list(value, ";" if isinstance(value, str) and ";" in value else ",")


def _rewriter(content: Path, root: Path, copied: dict[str, str]) -> Rewrite:
    """Resolve ``{static}``, ``{attach}`` and ``{filename}`` links against the new URLs (``copied``: each static
    file's path in content/ → its path in static/); one to a file not imported is left as written, and noted."""

    def rewrite(post: Post, urls: dict[str, str], base: str) -> str:
        here = posixpath.dirname(rel_to(root / post.rel, content))

        def link(match: re.Match[str]) -> str:
            target = match.group(1)
            rel = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(here, target))
            shown = rel_to(content / rel, root)
            if shown in urls:
                return urls[shown]
            if rel in copied:
                return base + copied[rel]
            return match.group(0)

        return _LINK.sub(link, post.body)

    return rewrite
