"""Every file the site will have, what each depends on, and how to render it.

``plan_site`` asks every page kind (listed once, in ``PAGE_KINDS``) for its page specs and
gives each a fingerprint: a hash of the spec's exact context (``hashing.canonical``) and of
``base`` (templates, config, generator version). An incremental build re-renders only the
specs whose fingerprint changed. ``Renderer`` turns a spec into bytes with the same context;
it runs in forked worker processes, which inherit the planned specs, so only indexes cross
process boundaries.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, replace
from functools import partial
from html import unescape
from typing import Any, Callable, Container, Iterable, Mapping, Sequence
from urllib.parse import unquote

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from generator.core import i18n, urls
from generator.load.config import Config
from generator.index.editions import finish_email, plain_text, render_edition_feed
from generator.render.feeds import FORMATS, FeedItems, render_feed
from generator.core.hashing import Memo, canonical, digest
from generator.core.wrap import columns
from generator.core.parallel import MIN_PARALLEL, Later
from generator.core.models import Article, Image, PageSpec
from generator.render.context import Imported, SiteEnvironment, Strings
from generator.render.helpers import Helpers
from generator.render.images import render_resized, sized
from generator.render.touched import Touched
from generator.load.registry import fold
from generator.index.taxonomy import own_slugs, term_slug
from generator.render.pages import Kinds, PageKind, archive_index_page, archive_pages, article_pages, edition_pages, feeds, home_pages, image_variants, info_pages, intersection_feeds, intersection_pages, no_related, not_found_page, publisher_feeds, publisher_index_pages, publisher_pages, search_page, term_index_pages, term_pages, weekly_feeds, weekly_index_pages
from generator.core.patterns import LazyPattern

PAGE_RENDERS = ("html", "email")
"""Renders that make pages; "image" makes resized images; every other one makes a feed."""

PAGE_KINDS: tuple[PageKind, ...] = (home_pages, article_pages, term_index_pages, term_pages, intersection_pages,
                                    archive_index_page, archive_pages, publisher_index_pages, publisher_pages,
                                    weekly_index_pages, edition_pages, info_pages, search_page, not_found_page, feeds,
                                    intersection_feeds, publisher_feeds, weekly_feeds, image_variants)
"""Every page kind, in output order. A new kind of page is a function listed here (and a template)."""

RENDERERS: Mapping[str, Callable[..., bytes]] = {
    **{f"weekly-{fmt}": partial(render_edition_feed, fmt=fmt) for fmt in FORMATS},
    "image": render_resized,
}
"""Renderers of specs that are neither HTML pages nor list feeds, by ``PageSpec.render``; each is called as
f(config, **context). A list's feed (render "rss", "atom" or "json") is put together from the articles'
items, which the ``Renderer`` writes once per process."""


@dataclass(frozen=True)
class Planned:
    """A spec with the fingerprint of everything its bytes depend on."""

    spec: PageSpec
    fingerprint: str
    whole: bool = True
    """False: only the spec's path, render and template are known, not its context: it was planned in another
    process, or kept from the last build (``plan_site``), and its page is unchanged; ``fill`` makes the whole
    spec if it must be rendered."""
    kind: str = ""
    """The name of the page kind that made it."""
    held: tuple[str, ...] | None = ()
    """The keys of the articles its context holds (``Memo.held``), each once; None when it was kept from the
    last build unplanned (``touched``), so only the last build's map knows them."""


LAST: tuple[PageKind, ...] = (article_pages,)
"""Kinds planned after the others (their place in the output stays): their related reading may still
be searched in another process (``pages.related_search``) while the others are planned."""


def plan_site(kinds: Kinds, base: str, previous: Mapping[str, tuple[str, str]] | None = None,
              touched: Touched | None = None, apart: bool = True,
              early: Callable[[list[PageSpec]], None] | None = None) -> list[Planned]:
    """Every page and feed, in a fixed order; ``base`` fingerprints templates, config and version.

    Given the last build's fingerprints (``previous``: path → (fingerprint, bytes' hash)), a related reading
    already known and ``apart``, most article pages (two thirds of a news site's pages) are planned in another
    process (``parallel.Later``) while this one plans the rest; only their paths, fingerprints and the articles
    they hold come back, and this process makes the whole spec of the few whose fingerprint changed. The
    fingerprints are the same either way: ``canonical`` gives a value's text whatever its memo holds.

    ``early`` (``early.EarlyPages.start``) is called with the specs of the kinds planned first, in output order, as
    the last kinds (``LAST``) are planned: their pages may render meanwhile (not for fewer than ``APART`` articles,
    whose last kinds are planned before a process could start).

    ``touched`` (``touched.touched_pages``): after an edit that changed nothing but some articles' bodies, only
    the pages that held those articles are made and hashed (``_plan_touched``); every other page has the
    context it had, and keeps the last build's fingerprint.
    """
    if touched is not None and previous:
        kept = _plan_touched(kinds, base, previous, touched)
        if kept is not None:
            return kept
    memo = Memo()
    planned: dict[PageKind, list[Planned]] = {}
    count = len(kinds.site.articles)
    here = slice(0, count - round(count * APART_SHARE))
    later = None
    if apart and previous and count >= APART and kinds.related_known:
        kinds.ready_for_article_pages()
        later = Later(partial(_fingerprints, kinds, base, slice(here.stop, None)), decode=_as_rows)
    try:
        for kind in sorted(PAGE_KINDS, key=lambda kind: kind in LAST):  # a stable sort: the rest keep their order
            if kind in LAST and early is not None and count >= APART:
                early([p.spec for first in PAGE_KINDS if first in planned for p in planned[first]])
                early = None
            specs = kind(kinds) if kind is not article_pages or later is None else article_pages(kinds, part=here)
            planned[kind] = [_planned(spec, base, memo, kind.__name__) for spec in specs]
    except BaseException:
        if later is not None:
            later.close()
        raise
    if later is not None:
        planned[article_pages] += _unless_changed(kinds, base, later(), slice(here.stop, None), previous or {}, memo)
    return [p for kind in PAGE_KINDS for p in planned[kind]]


def site_paths(kinds: Kinds) -> list[str]:
    """The output path of every page and feed ``plan_site`` would plan, from the same page kinds, but without
    fingerprints or the related reading (no path depends on it): what a build that stops for errors checks the
    redirects against (``build.plan``)."""
    listing = replace(kinds, searched=no_related(kinds.site.articles))
    return [spec.path for kind in PAGE_KINDS for spec in kind(listing)]


def _planned(spec: PageSpec, base: str, memo: Memo, kind: str) -> Planned:
    """``spec`` with its fingerprint, and the articles its context holds."""
    text = canonical(spec.context, memo)
    held = tuple(dict.fromkeys(memo.held))
    memo.held.clear()
    return Planned(spec, digest(base, spec.path, spec.render, spec.template, text), kind=kind, held=held)


KINDS = {kind.__name__: kind for kind in PAGE_KINDS}


def _plan_touched(kinds: Kinds, base: str, previous: Mapping[str, tuple[str, str]],
                  touched: Touched) -> list[Planned] | None:
    """The last build's plan (``touched.plan``) with the touched pages made and hashed again: only the kinds that
    made them run, and those make only the touched pages (``Kinds.only``), each with the row it had (its kind, render
    and template), so the plan's map is the last build's (``build.plan``). None, for a plan made afresh, if the last
    build's plan and fingerprints do not have every page, or the kinds do not make every touched page as it was."""
    rows = plan_rows(touched.plan)
    if rows is None or not touched.pages <= touched.plan.keys() <= previous.keys():
        return None
    had = {path: tuple(touched.plan[path].split("\x1f")[1:]) for path in touched.pages}  # kind, render, template
    narrowed = kinds.narrowed(touched.pages)
    memo = Memo()
    made: dict[str, Planned] = {}
    for name in sorted({kind for kind, _, _ in had.values()}):
        if name not in KINDS:
            return None
        made.update((spec.path, _planned(spec, base, memo, name)) for spec in KINDS[name](narrowed)
                    if spec.path in touched.pages)
    if made.keys() != touched.pages or any((p.kind, p.spec.render, p.spec.template) != had[path]
                                           for path, p in made.items()):
        return None
    return [made.get(path) or Planned(PageSpec(path, render, template, {}), previous[path][0], False, kind, None)
            for path, kind, render, template in rows]


def plan_map(planned: Sequence[Planned]) -> dict[str, str]:
    """The plan as the build cache keeps it (map 'plan'): output path → its place, page kind, render and template,
    separated by U+001F; {} (no map) if a name holds that character."""
    rows = {p.spec.path: "\x1f".join((str(i), p.kind, p.spec.render, p.spec.template)) for i, p in enumerate(planned)}
    return {} if any(p.spec.path.count("\x1f") or p.spec.template.count("\x1f") for p in planned) else rows


def plan_rows(stored: Mapping[str, str]) -> list[tuple[str, str, str, str]] | None:
    """The rows of a plan map (``plan_map``) in plan order, as (path, kind, render, template); None if it is not one."""
    rows: list[tuple[int, str, str, str, str]] = []
    for path, value in stored.items():
        parts = value.split("\x1f")
        if len(parts) != 4 or not parts[0].isdigit():
            return None
        rows.append((int(parts[0]), path, parts[1], parts[2], parts[3]))
    rows.sort()
    if [row[0] for row in rows] != list(range(len(rows))):
        return None
    return [(path, kind, render, template) for _, path, kind, render, template in rows]


APART = MIN_PARALLEL
"""Fewest articles whose pages ``plan_site`` plans in another process: for fewer, the fork costs more."""
APART_SHARE = 0.9
"""The share of the article pages (the oldest) that the other process plans. This one plans the newest after
the other kinds, so that both finish about together: at 10,000 news articles it waited 0.23 s for the other
process when that planned every article page, 0.03 s with this share."""
Row = tuple[str, str, str, str, tuple[str, ...]]
"""A spec planned in another process: path, render, template, fingerprint and the articles it holds."""


def _fingerprints(kinds: Kinds, base: str, part: slice) -> list[Row]:
    """The rows of the article pages in ``part``, in order (run in another process by ``plan_site``)."""
    memo = Memo()
    return [(p.spec.path, p.spec.render, p.spec.template, p.fingerprint, p.held)
            for p in (_planned(spec, base, memo, "article_pages") for spec in article_pages(kinds, part=part))]


def _as_rows(rows: list[list[Any]]) -> list[Row]:
    """Rows as ``_fingerprints`` makes them, from the JSON they crossed a pipe as."""
    return [(path, render, template, print_, tuple(held)) for path, render, template, print_, held in rows]


def _unless_changed(kinds: Kinds, base: str, rows: list[Row], part: slice, previous: Mapping[str, tuple[str, str]],
                    memo: Memo) -> list[Planned]:
    """The article pages in ``part`` from their rows: an unchanged page's spec without its context
    (``Planned.whole``); the others' whole specs made here."""
    changed = {path for path, _, _, print_, _ in rows if previous.get(path, ("",))[0] != print_}
    made = {spec.path: _planned(spec, base, memo, "article_pages") for spec in article_pages(kinds, changed, part)} \
        if changed else {}
    return [made[path] if path in changed else
            Planned(PageSpec(path, render, template, {}), print_, False, "article_pages", held)
            for path, render, template, print_, held in rows]


def fill(kinds: Kinds, planned: Sequence[Planned], paths: Container[str]) -> list[Planned]:
    """``planned`` with the whole spec of each page in ``paths`` that ``plan_site`` left without one."""
    wanted = {p.spec.path for p in planned if not p.whole and p.spec.path in paths}
    if not wanted:
        return list(planned)
    narrowed = kinds.narrowed(frozenset(wanted))
    made = {spec.path: spec for name in sorted({p.kind for p in planned if p.spec.path in wanted})
            for spec in KINDS[name](narrowed) if spec.path in wanted}
    return [Planned(made[p.spec.path], p.fingerprint, True, p.kind, p.held) if p.spec.path in wanted else p
            for p in planned]


def section_path(own: Mapping[str, str], name: str) -> str:
    """Path of the section page for a section name as an article writes it (the taxonomy's slug rule; ``own``:
    config.yaml's ``slugs:``, ``taxonomy.own_slugs``)."""
    return urls.term_path("sections", term_slug(fold(name), own))


CODE_STYLE = "code.css"
"""The theme's code-highlighting colours, which only a body with highlighted code needs (half the CSS)."""
EMBED_FILES = ("embed.css", "embed.js")
"""The theme's video card (``embeds.card``): its look, and the script that swaps it for the player on a click; only a
body with a card links them."""


_EMAIL = LazyPattern(r"[^<\s@]++@[\w-]++\.[^<\s@]++")
"""An e-mail address as a link's text shows it (``budi@kompas.com``)."""

_LINK = LazyPattern(r'<a( [^>]*+)>((<(code|em|strong)>)?((?i:http)[^<]*+|[\w-]++\.[^<\s]++|'
                    + _EMAIL.pattern + r')(?(3)</\4>))</a>')
"""A link as the Markdown renderer or the sanitiser writes it (attributes double-quoted, in any order), with text
only, or text in one ``<code>``, ``<em>`` or ``<strong>`` (```[`https://x`](https://x)```), when the text can be an
address: it starts with http, is one word with a dot after its first part (``www.kompas.com``, ``kompas.com/a``),
or is an e-mail address."""

_ATTRIBUTE = LazyPattern(r' (href|class)="([^"]*)"')
"""A link's ``href`` or ``class``: a value holds no '"' (the sanitiser writes it '&quot;')."""


def _is_address(text: str, href: str) -> bool:
    """Whether a link's text (HTML) says its ``href``: the same address, or the address without its ``http://``,
    ``https://`` or ``mailto:`` (``www.kompas.com`` for ``https://www.kompas.com/``, ``budi@kompas.com`` for
    ``mailto:budi@kompas.com``, the autolink ``<budi@kompas.com>``); a last '/' on either is not counted, ``&amp;``
    or ``%20`` are read, and the scheme and host are compared as a browser does, in any case (``KOMPAS.com/a`` says
    ``https://kompas.com/a``, not ``kompas.com/A``) and in either form of a non-ASCII host (``https://bérita.example/`` says ``https://xn--brita-bsa.example/``, as the renderer shows
    it). A '%2F' (or '%3F', '%23', '%25') is not read: ``https://x.com/a/b`` does not say ``https://x.com/a%2Fb``,
    another address, which print would then leave out."""
    said, address = _as_said(text).removesuffix("/"), _as_said(href).removesuffix("/")
    if said == address:
        return True
    if address.startswith(("https://", "http://")):  # the text read with the scheme it leaves out: 'KOMPAS.com/a'
        scheme, _, rest = address.partition("://")
        folded = said.lower()
        return rest == said or (folded == rest.lower() or "xn--" in folded) \
            and _as_said(f"{scheme}://{text}").removesuffix("/") == address
    return address[:7].lower() == "mailto:" and address[7:] == said


_RESERVED_ESCAPE = LazyPattern(r"%(2[Ff]|3[Ff]|23|25)")
"""An escape of '/', '?', '#' or '%', which names another address than the character itself."""

_SCHEME_HOST = LazyPattern(r"(?i)(https?://)([^/?#@]*)")


def _as_said(address: str) -> str:
    """``address`` (HTML) as ``_is_address`` compares it: unescaped, its escapes read but for ``_RESERVED_ESCAPE``'s,
    its scheme and host in lower case and the host's punycode in the letters it stands for."""
    if "&" in address:
        address = unescape(address)
    if "%" in address:
        address = unquote(_RESERVED_ESCAPE.sub(lambda found: "\0" + found[1].upper(), address)).replace("\0", "%")
    scheme_host = _SCHEME_HOST.match(address)
    if scheme_host is None or scheme_host.group().islower() and "xn--" not in scheme_host[2]:
        return address
    return urls.typed_host(scheme_host.group().lower() + address[scheme_host.end():])


_CELL_OPENS = LazyPattern(r"<t[dh](?: [^>]*+)?>\s*\Z")
"""A table cell's opening tag at the end of what is read (a link right after it starts its cell)."""

_CELL_CLOSES = LazyPattern(r"\s*</t[dh]>")
"""A table cell's closing tag, perhaps after spaces (a link right before it ends its cell)."""


def mark_bare_links(body_html: str) -> str:
    """``body_html`` with ``class="bare"`` on each link whose text is its address (an autolink, a URL in the text,
    raw HTML, even in ``<code>``, the address without its scheme: ``[kompas.com/a](https://kompas.com/a)``, or an
    e-mail address, ``<budi@kompas.com>``), added to a class the link has: printed, the theme adds no ' <address>'
    after it, which would say the address twice. A link whose text is another address
    (``[https://kompas.com/a](https://kmp.as/x)``, ``[budi@kompas.com](mailto:redaksi@kompas.com)``) gets
    ``class="url"``: in a table's cell, both may break anywhere. Either one that is all of its cell's content also
    gets ``alone``: there the theme wraps it at a readable width of its own, which inside a sentence would break the
    sentence apart."""
    def mark(found: re.Match[str]) -> str:
        attributes, inner, text = found.group(1), found.group(2), found.group(5)
        values = dict(_ATTRIBUTE.findall(attributes))
        href = values.get("href")
        if href is None:
            return found.group()
        another = text[:4].lower() == "http" or _EMAIL.fullmatch(text)
        kind = "bare" if _is_address(text, href) else "url" if another else None
        classes = values.get("class", "").split()
        if kind is None:
            return found.group()
        added = [] if kind in classes else [kind]  # raw HTML may have it (pasted from a page of the site)
        if "alone" not in classes and _CELL_OPENS.search(body_html, max(found.start() - 200, 0), found.start()) \
                and _CELL_CLOSES.match(body_html, found.end()):
            added.append("alone")
        if not added:
            return found.group()
        kind = " ".join(added)
        if "class" not in values:
            marked = attributes.replace(f' href="{href}"', f' href="{href}" class="{kind}"', 1)
        else:
            marked = attributes.replace(f' class="{values["class"]}"', f' class="{values["class"]} {kind}"', 1)
        return f"<a{marked}>{inner}</a>"

    return _LINK.sub(mark, body_html) if "</a>" in body_html else body_html


_SCROLLING = LazyPattern(r"<(/?)(?:pre|table)(?=[\s>])([^>]*)")
"""A code block's or table's opening or closing tag (which the theme scrolls sideways when it is wider than the
column): the '/' of a closing one, and the attributes."""


def focusable_scrolling(body_html: str) -> str:
    """``body_html`` with ``tabindex="0"`` on each outermost ``<pre>`` and ``<table>`` that has none: a keyboard
    reaches a code block or a table that scrolls sideways, and its arrow keys scroll it (WCAG 2.1.1; axe's
    scrollable-region-focusable). A Tab stopped at none: a reader without a mouse could not see a long line's end.
    One inside another (a raw ``<pre>`` in a table's cell) gets none: the outer one scrolls it, and a second stop
    inside was clipped."""
    if "<pre" not in body_html and "<table" not in body_html:
        return body_html
    depth = 0

    def mark(found: re.Match[str]) -> str:
        nonlocal depth
        if found.group(1):
            depth = max(depth - 1, 0)
            return found.group()
        depth += 1
        if depth > 1 or re.search(r"\stabindex=", found.group(2)):
            return found.group()
        return found.group() + ' tabindex="0"'

    return _SCROLLING.sub(mark, body_html)


def _strong(text: str) -> str | None:
    """'rtl' or 'ltr' by the first strong letter of ``text`` (HTML text, escapes and all), None if it has none."""
    for char in unescape(text):
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return None


_AUTO_BLOCK = LazyPattern(r'<(p|h[1-6]|li|t[dh]|d[td]|caption|figcaption|summary)(\s[^>]*?)?\sdir="auto"([^>]*)>')
"""A paragraph's, heading's, item's or cell's opening tag with ``dir="auto"``: its name, the attributes before and
after the ``dir``."""
_TOKEN = LazyPattern(r"<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|([^<]+)", re.S)
"""A comment, a tag (its '/' if it closes, its name, its attributes) or a run of text."""
_SKIPPED = ("bdi", "script", "style", "textarea")
"""Elements whose text ``dir="auto"`` skips, as it skips one with a ``dir`` of its own."""
_EMPTY = ("area", "br", "col", "embed", "hr", "img", "input", "source", "track", "wbr")
"""Void elements: no text, and no end tag to wait for."""


def _block_direction(html: str, start: int, name: str) -> str | None:
    """The direction ``dir="auto"`` gives the ``name`` block whose content starts at ``start``: its first strong
    letter's, before its end tag, outside an element it skips; None if it has none."""
    depth, skipped, skip_depth = 0, "", 0
    for token in _TOKEN.finditer(html, start):
        closing, tag, attributes, text = token.groups()
        tag = (tag or "").lower()
        if text is not None:
            direction = None if skipped else _strong(text)
            if direction is not None:
                return direction
        elif not tag or tag in _EMPTY:
            continue  # a comment, or an element without text
        elif skipped:
            if tag == skipped:
                skip_depth += -1 if closing else 1
                skipped = skipped if skip_depth else ""
        elif not closing and (tag in _SKIPPED or re.search(r"\sdir=", attributes)):
            skipped, skip_depth = tag, 1
        elif tag == name:
            depth += -1 if closing else 1
            if depth < 0:
                return None
    return None


def right_to_left_blocks(html: str) -> str:
    """``html`` with each block whose ``dir="auto"`` comes out right-to-left (``_block_direction``) written
    ``dir="rtl"``, for an email: its style sheet, inlined afterwards, can then align those blocks at the right,
    where the frame's inherited ``text-align: left`` outweighed ``dir="auto"`` (a selector cannot see which way
    ``auto`` went). A page without right-to-left letters is as it was (one search)."""
    if not i18n.right_to_left(html):
        return html

    def resolve(found: re.Match[str]) -> str:
        if _block_direction(html, found.end(), found.group(1).lower()) != "rtl":
            return found.group()
        return f'<{found.group(1)}{found.group(2) or ""} dir="rtl"{found.group(3)}>'

    return _AUTO_BLOCK.sub(resolve, html)


def styled(base_path: str, body_html: str, sizes: Iterable[tuple[str, int, int]]) -> Markup:
    """A body as templates print it (the ``sized`` helper): images sized (``images.sized``), bare links marked
    (``mark_bare_links``), code blocks and tables reachable by keyboard (``focusable_scrolling``), and, when it
    holds highlighted code (Pygments' ``class="highlight"``, or an editor's raw HTML of the same), a link to the
    code colours before it: any template that prints a body with ``sized`` links them, one written before they
    moved out of style.css too; and, when it holds a video card, the card's style and script (``EMBED_FILES``)."""
    html = sized(focusable_scrolling(mark_bare_links(body_html)), sizes)
    if '<figure class="embed ' in body_html:
        html = Markup(f'<link rel="stylesheet" href="{urls.url(base_path, EMBED_FILES[0])}">\n'
                      f'<script src="{urls.url(base_path, EMBED_FILES[1])}" defer></script>\n') + html
    if 'class="highlight' not in body_html:
        return html
    return Markup(f'<link rel="stylesheet" href="{urls.url(base_path, CODE_STYLE)}">\n') + html


class Renderer:
    """Turns specs into bytes; one per process, holding the Jinja environment.

    Templates get the spec's context plus helpers that depend only on the config (which is
    part of every fingerprint): ``config``, ``t``, ``url``, ``abs_url``, ``long_date``,
    ``month_name``, ``date_range``, ``columns`` (``wrap.columns``), ``item``, ``section_path``, ``sized``
    (``images.sized``), the HTML helpers ``src``, ``abs_src``, ``ld``, ``when`` and ``picture``, and ``m``: what
    ``_macros.html`` defines (the default one hands on those helpers).
    """

    def __init__(self, env: SiteEnvironment, config: Config) -> None:
        self.env, self.config = env, config
        self._items: dict[tuple[str, Image | None, str | None], Markup] = {}
        self._bar: tuple[Any, ...] = ()
        """The section bar of the page last rendered, and its spelling of each section as articles write it."""
        self._section_names: dict[str, str] = {}
        self.own = own_slugs(config)
        self.feed_items = FeedItems(config)
        long_date = partial(i18n.long_date, language=config.language)
        html = Helpers(config.base_path, config.base_url, long_date, env.policies["json.dumps_function"] or json.dumps,
                       env.policies["json.dumps_kwargs"], config.language)
        env.add_own_helpers(
            config=config, t=Strings(i18n.STRINGS[config.language]), item=self.item, section_name=self.section_name,
            url=partial(urls.url, config.base_path), abs_url=partial(urls.absolute, config.base_url),
            long_date=long_date, month_name=partial(i18n.month_name, language=config.language),
            date_range=partial(i18n.date_range, language=config.language), plain_text=plain_text, columns=columns,
            section_path=partial(section_path, self.own), sized=partial(styled, config.base_path), **html.globals(),
            m=Imported(env, "_macros.html"),
        )

    @pass_context
    def item(self, context: Context, article: Article, image: Image | None = None) -> Markup:
        """The article's entry in lists (``_item.html``, with its thumbnail), rendered once per process. It gets
        the site's spelling of the article's section as ``section`` (an article may write 'kepri' where the site
        says 'Kepri'), from the page's section bar, which every page's context holds and so its fingerprint."""
        section = self.section_name(context, article.section) if article.section else None
        key = (article.key, image, section)
        html = self._items.get(key)
        if html is None:
            html = self._items[key] = Markup(self.env.get_template("_item.html").render(item=article, image=image,
                                                                                          section=section))
        return html

    @pass_context
    def section_name(self, context: Context, name: str) -> str:
        """The site's spelling of a section as an article writes it ('kepri' → 'Kepri'), from the page's section
        bar (in every page's context, and so in its fingerprint); the name as written if the bar lacks it."""
        bar = context.get("sections") or ()
        if bar is not self._bar:  # once a page at most, and the names kept while the bar is equal (a copy)
            if bar != self._bar:
                self._section_names = {}
            self._bar = bar
        shown = self._section_names.get(name)
        if shown is None:
            path = section_path(self.own, name)
            shown = self._section_names[name] = next((link.title for link in bar if link.path == path), name)
        return shown

    def __call__(self, spec: PageSpec) -> bytes:
        if spec.render == "html":
            return self.env.get_template(spec.template).render(spec.context).encode("utf-8")
        if spec.render == "email":  # CSS moved into style attributes: mail clients drop <style>
            html = self.env.get_template(spec.template).render(spec.context)
            # resolved as on the edition's web page ('#fn1' there, not in email.html)
            page = spec.path.removesuffix(spec.path.rpartition("/")[2])
            page_url = urls.absolute(self.config.base_url, page)
            return finish_email(right_to_left_blocks(html), page_url).encode("utf-8")
        if spec.render in FORMATS:
            return render_feed(self.config, spec.render, items=self.feed_items, **spec.context)
        return RENDERERS[spec.render](self.config, **spec.context)
