"""What ``digest import`` tells the editor: the report and the redirect maps, as text.

All three are sorted and carry no time or absolute path, so importing the same site twice
gives the same bytes.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Iterable
from urllib.parse import quote

from generator.commands.importer.common import Note, Post
from generator.core.errors import counted
from generator.load.redirects import nginx_path, nginx_quote

REDIRECTS = "static/_redirects"
"""Netlify and Cloudflare Pages read ``_redirects`` from the published folder; static/ is copied there."""
NGINX = "redirects.nginx.conf"
REPORT = "import-report.txt"
NAMES = {"pelican": "Pelican", "hugo": "Hugo", "jekyll": "Jekyll"}


@dataclass(frozen=True)
class Imported:
    """What an import converted, left out and changed; the report is made from it."""

    generator: str
    articles: int
    drafts: int
    """Of the articles, how many are drafts (no redirect: the old site did not publish them)."""
    pages: int
    page_drafts: int
    """Of the pages, how many are drafts (Hugo's draft: true, Pelican's Status: draft, Jekyll's published: false)."""
    static: int
    skipped: tuple[Note, ...]
    """Files not converted, and why."""
    dates: tuple[tuple[str, str, str], ...]
    """(file, date as typed, date as written) for every date written otherwise than typed."""
    notes: tuple[Note, ...]
    """Converted files with something to check by hand."""
    dropped: tuple[tuple[str, str], ...]
    """(front-matter key with no news-digest field, where: how many files had it of their own, and the files whose
    cascade gave it, each once: ``count_dropped``)."""
    redirects: tuple[tuple[str, str], ...]
    """(old URL, new URL), sorted by old URL; URLs that did not change are left out."""
    rules: tuple[tuple[str, str], ...] = ()
    """Of those, the ones no front matter holds (``importer._held``): only in ``REDIRECTS`` and ``NGINX``."""
    feeds: tuple[tuple[str, str], ...] = ()
    """(old feed's URL, the new feed that takes its readers), sorted: only in ``REDIRECTS`` and ``NGINX`` too (a feed
    reader follows a 301, not a page)."""
    lists: tuple[tuple[str, str], ...] = ()
    """(old tag or category page's URL, the new tag or section page), sorted: only in ``REDIRECTS`` and ``NGINX``."""
    nearest: tuple[tuple[str, str], ...] = ()
    """(old author page's, list of authors' or archives' URL, the closest new page: the home page or /archive/),
    sorted: only in ``REDIRECTS`` and ``NGINX``, as ``lists``."""
    statics: tuple[tuple[str, str], ...] = ()
    """(another address the old site served a static file at, the file's: ``Asset.also``), sorted: only in
    ``REDIRECTS`` and ``NGINX``, as ``lists`` (a page cannot stand in for an image or a PDF)."""

    def summary(self) -> str:
        """One line of counts: the first line of the report and what the command prints."""
        return (f"{NAMES[self.generator]} site: {counted(self.articles, 'article')}{_drafts(self.drafts)}, "
                f"{counted(self.pages, 'page')}{_drafts(self.page_drafts)}, "
                f"{counted(self.static, 'static file')}; {counted(len(self.skipped), 'file')} not converted, "
                f"{counted(len(self.dates), 'date')} normalised, {counted(len(self.redirects), 'redirect')}"
                + (f", {counted(len(self.feeds), 'feed redirect')}" if self.feeds else "")
                + (f", {counted(len(self.lists), 'tag/category page redirect')}" if self.lists else "")
                + (f", {counted(len(self.nearest), 'author/archive page redirect')}" if self.nearest else "")
                + (f", {counted(len(self.statics), 'static file redirect')}" if self.statics else ""))


def _drafts(count: int) -> str:
    """' (2 drafts)' after a count of files, '' for none: the new site does not publish them."""
    return f" ({counted(count, 'draft')})" if count else ""


def render_report(done: Imported) -> str:
    """import-report.txt: the counts, then one section per kind of finding (empty ones left out)."""
    out = [f"digest import: {done.summary()}", ""]

    def section(title: str, lines: list[str], count: int = -1) -> None:
        """``lines`` under ``title`` and their ``count`` (how many files, when a file may have several lines)."""
        if lines:
            out.extend([f"{title} ({len(lines) if count < 0 else count}):", *(f"  {line}" for line in lines), ""])

    section("Not converted", [line for n in done.skipped for line in n.said()], len(done.skipped))
    section("Dates normalised", [f"{rel}: {typed} → {written}" for rel, typed, written in done.dates])
    section("To check by hand", [str(n) for n in done.notes])
    section("Front-matter fields with no news-digest field, left out",
            [f"{key}: {where}" for key, where in done.dropped])
    def moves(head: str, pairs: Iterable[tuple[str, str]]) -> None:
        """A list of redirects under ``head``, which counts them itself; left out when there are none."""
        if pairs := list(pairs):
            out.extend([head.format(n=len(pairs)), *(f"  {old} → {new}" for old, new in pairs), ""])

    rules = set(done.rules)
    moves("Redirects ({n}), in each file's redirects: (the build makes a page at the old address, which every host "
          "serves, and 301 rules for Netlify, Cloudflare Pages and nginx):",
          [pair for pair in done.redirects if pair not in rules])
    moves("Redirects that no redirects: can hold ({n}: a character other than letters and digits of any script and "
          "-_.~@, an address that differs from another or from the site's own pages in letter case alone, a file not "
          f"named .html, or one too long for nginx's map), only in {REDIRECTS} (Netlify, Cloudflare Pages) and {NGINX} "
          "(nginx map); GitHub and GitLab Pages answer 404 there:", done.rules)
    moves("Feed redirects ({n}): the old site's feeds, which subscribers' feed readers follow to the new ones, in "
          f"{REDIRECTS} (Netlify, Cloudflare Pages) and {NGINX} (nginx map); GitHub and GitLab Pages cannot send a "
          "feed reader on (no 301), so there, tell subscribers the new address:", done.feeds)
    moves("Tag and category page redirects ({n}): the old site's tag and category pages, to the new tag and section "
          f"pages, in {REDIRECTS} (Netlify, Cloudflare Pages) and {NGINX} (nginx map); GitHub and GitLab Pages answer "
          "404 there:", done.lists)
    moves("Author and archive page redirects ({n}): the old site's author pages, list of authors and archives, "
          "its home page's later pages, and Hugo's section lists with their later pages (/posts/, /posts/page/2/, "
          "/en/posts/) and a language's home page (/en/), which news-digest has no page like, to the closest page it has (the home page for the authors' and the "
          f"home page's, /archive/ for the archives), in {REDIRECTS} (Netlify, "
          f"Cloudflare Pages) and {NGINX} (nginx map); GitHub and GitLab Pages answer 404 there:", done.nearest)
    moves("Static file redirects ({n}): jekyll-polyglot's copies of the static files below each other language's "
          f"folder, to the one copy, in {REDIRECTS} (Netlify, Cloudflare Pages) and {NGINX} (nginx map); GitHub and "
          "GitLab Pages answer 404 there:", done.statics)
    return "\n".join(out)


def count_dropped(posts: list[Post]) -> tuple[tuple[str, str], ...]:
    """Each key with no news-digest field, and where: '3 files' that have it of their own, and 'the cascade of
    content/posts/_index.md' once for every page that cascade gave it to."""
    own = Counter(key for post in posts for key in set(post.dropped) - {key for key, _ in post.cascaded})
    cascades: dict[str, set[str]] = {}
    for post in posts:
        for key, at in post.cascaded:
            cascades.setdefault(key, set()).add(at)
    return tuple((key, ", and ".join(filter(None, (
        counted(own[key], "file") if own[key] else "",
        f"the cascade of {', '.join(sorted(cascades[key]))}" if key in cascades else ""))))
        for key in sorted(own.keys() | cascades.keys()))


def _url(url: str) -> str:
    """A URL with spaces and other unsafe characters percent-encoded, so each map line has two fields."""
    return quote(url, safe="/:%#?=&+~.,;@!'()*")


def redirects_file(redirects: tuple[tuple[str, str], ...]) -> str:
    """Netlify/Cloudflare ``_redirects``: 'old new 301' lines."""
    head = "# Old URLs → news-digest URLs, made by digest import. Netlify and Cloudflare Pages read this file.\n"
    return head + "".join(f"{_url(old)} {_url(new)} 301\n" for old, new in redirects)


def nginx_map(redirects: tuple[tuple[str, str], ...], pages: Iterable[str] = ()) -> str:
    """nginx ``map`` lines, to include in a map block; the header says how. Old URLs are keys as nginx's ``$uri``
    has them, decoded ('/berita lokal/kafé.html', not '%20' and '%C3%A9', which would never match)."""
    head = ("# Old URLs → news-digest URLs, made by digest import. In nginx's http { } block:\n"
            "#     map_hash_bucket_size 256;  # unless already set (deploy/nginx.conf sets it), and before any map:\n"
            "#                                # nginx's default takes old URLs up to about 46 characters only\n"
            "#     map $uri $digest_redirect { include /path/to/redirects.nginx.conf; }\n"
            "# and in the site's server { } block:\n"
            "#     if ($digest_redirect) { return 301 $digest_redirect$is_args$args; }\n"
            "# nginx matches a map's plain keys ignoring letter case: an old URL that differs from a page of the site,\n"
            "# or from another old one, only in case is a case-sensitive pattern (~^…$), or that page would redirect.\n")
    # each old folder also without its '/' and with index.html, as the build's own map has them
    forms = [(path, new) for old, new in redirects for path in _forms(nginx_path(old))]
    folded = Counter(path.casefold() for path, _ in forms)
    served = {form.casefold() for page in (*pages, *(new for _, new in redirects)) for form in _forms(nginx_path(page))}
    lines = []
    for path, new in forms:
        if folded[path.casefold()] > 1 or path.casefold() in served:  # a page of the site, or another old URL
            key = nginx_quote("~^" + _REGEX_SPECIAL.sub(r"\\\g<0>", path) + "$")
        else:
            key = nginx_quote(path)
        lines.append(f'{key} "{_url(new)}";\n')
    return head + "".join(lines)


def _forms(path: str) -> tuple[str, ...]:
    """An address as nginx's ``$uri`` may have it: a folder also without its '/' and with 'index.html'."""
    return (path, path[:-1], path + "index.html") if path.endswith("/") and path != "/" else (path,)


_REGEX_SPECIAL = re.compile(r"[.^$*+?()\[\]{}|\\]")
"""Characters a PCRE pattern reads as more than themselves."""


