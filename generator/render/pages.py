"""Every page kind of the site: one small function each, returning page specs.

A page kind says which files it makes and hands each its exact context; it renders
nothing. The planner (``plan.py``) fingerprints that context for incremental builds and
the renderer gives the same context to the template, so a page's dependencies are stated
once, here.

Every template gets ``page`` (path, title, feeds) and its kind's names below, plus the
helpers that depend only on the config: ``config``, ``t`` (UI strings), ``url``,
``abs_url``, ``long_date``, ``month_name``, ``item`` (an article's list entry) and the others
``Renderer`` lists.
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass, replace
from datetime import datetime
from functools import cached_property, lru_cache, partial
from typing import AbstractSet, Any, Callable, Iterable, Iterator, Mapping, Sequence
from urllib.parse import unquote

from generator.core import i18n, urls
from generator.core.errors import BuildError, Problem
from generator.render import images
from generator.load.config import Config
from generator.load.content import local_images
from generator.index.editions import Edition, EditionLink, email_path, neighbours
from generator.render.feeds import Category, Names, item_categories, term_names
from generator.index.intelligence import Count, Intel, Intersection, company_intel, intersections, ranking
from generator.core.models import Archive, ArchiveLink, Article, ArticleLink, Image, MenuLink, PageSpec, Site, Term, TermLink
from generator.load.publishers import Publisher, PublisherLink
from generator.load.publishers import link as publisher_link
from generator.load.registry import fold
from generator.core.hashing import fingerprint
from generator.core.parallel import MIN_PARALLEL, Later
from generator.index.taxonomy import newest_first, ordered_sections

RELATED = 5
"""Related articles shown under an article."""


@dataclass(frozen=True)
class Pager:
    """One page of a paginated list."""

    number: int
    total: int
    articles: tuple[Article, ...]
    first: str
    """Path of page 1; the other pages hang below it."""
    images: tuple[Image | None, ...] = ()
    """Each listed article's image (with its size), for thumbnails; parallel to ``articles``."""

    @property
    def path(self) -> str:
        return urls.page_path(self.first, self.number)

    @property
    def prev(self) -> str | None:
        return urls.page_path(self.first, self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return urls.page_path(self.first, self.number + 1) if self.number < self.total else None

    @property
    def links(self) -> tuple[tuple[int, str] | None, ...]:
        return page_links(self.first, self.number, self.total)


def page_links(first: str, number: int, total: int) -> tuple[tuple[int, str] | None, ...]:
    """Numbered links: the first and last page and two either side of this one; None marks a gap ('…')."""
    shown = sorted({1, total, *range(max(1, number - 2), min(total, number + 2) + 1)})
    out: list[tuple[int, str] | None] = []
    for n in shown:
        if out and out[-1] is not None and n - out[-1][0] > 1:
            out.append(None if n - out[-1][0] > 2 else (n - 1, urls.page_path(first, n - 1)))
        out.append((n, urls.page_path(first, n)))
    return tuple(out)


@dataclass(frozen=True)
class Feed:
    """A feed link for <link rel="alternate">."""

    title: str
    path: str
    kinds: tuple[str, ...] = ("rss", "atom", "json")
    """The formats written (``feeds.formats``)."""

    @property
    def formats(self) -> tuple[tuple[str, str], ...]:
        """(MIME type, path) of this feed in every format written: RSS, Atom, JSON Feed."""
        first = self.path.removesuffix("feed.xml")
        return tuple((mime, rule(first)) for fmt, mime, rule in urls.FEED_FORMATS if fmt in self.kinds)


@dataclass(frozen=True)
class Page:
    """What every template gets as ``page``."""

    path: str
    """This page's path, e.g. 'tags/ai/page/2/' ('' for the home page)."""
    title: str
    feeds: tuple[Feed, ...]
    """Feeds to advertise; the site's feed is always last."""


@dataclass(frozen=True)
class Kinds:
    """What page kinds read: the config, the indexed site and the UI strings."""

    config: Config
    site: Site
    t: Mapping[str, str]
    menu: tuple[MenuLink, ...] = ()
    """The footer menu, on every page."""
    icon: str = ""
    """Absolute URL of the site icon (a static ``icon.png``) for feeds, or ''."""
    publishers: tuple[Publisher, ...] = ()
    """Every publisher (by source host), sorted by slug."""
    editions: tuple[Edition, ...] = ()
    """Every weekly edition, newest first."""
    searched: RelatedSearch | None = None
    """The related reading, being searched (``related_search``, given the last build's memo); None: search here."""
    only: AbstractSet[str] | None = None
    """The output paths of the pages wanted (``plan.fill``, and ``plan_site`` after an edit to bodies alone): lists,
    feeds, editions and article pages make only those, from what those pages show alone (an article page makes the
    links and related reading of its own article, not every article's: ``article_pages``); the other kinds make
    every page. None: every page."""
    known_intel: Mapping[str, Intel] | None = None
    """The last build's company intel, when only bodies changed since (``build.plan``); None: made here."""
    known_images: tuple[dict[str, images.LocalImage | None], dict[str, str]] | None = None
    """``probed`` as another Kinds made it (``narrowed``); None: read here."""

    @cached_property
    def _search(self) -> RelatedSearch:
        return self.searched or related_search(self.site.articles, later=False)

    @cached_property
    def related(self) -> Related:
        """Each article's related reading by path, and the memo for the next build."""
        return self._search.result()

    def related_of(self, paths: AbstractSet[str]) -> dict[str, tuple[Article, ...]]:
        """``related``'s reading of the articles at ``paths`` alone (every one's, if made already)."""
        return self.related[0] if "related" in self.__dict__ else self._search.picked(paths)

    @property
    def related_memo(self) -> RelatedMemo:
        """The related reading's memo for the next build (``related``'s second part), without making every
        article's picks when no page asked for them (a few pages planned: ``only``)."""
        return self.related[1] if "related" in self.__dict__ else self._search.memo()

    @cached_property
    def article_links(self) -> dict[str, ArticleLink]:
        """Each article's link by path: one object per article, so the planner hashes it once."""
        return {a.path: article_link(a) for a in self.site.articles}

    @cached_property
    def publisher_links(self) -> dict[str, PublisherLink]:
        """Each article's publisher link by file: one object per publisher."""
        return {a.source_path: link for p in self.publishers for link in (publisher_link(p),) for a in p.articles}

    def ready_for_article_pages(self) -> None:
        """Make here what every article page reads (the related reading, the links, the images, the section
        bar), before ``plan.plan_site`` forks the process that plans most of them: made once, not in both."""
        _ = (self.related, self._images, self.article_links, self.publisher_links, self.section_bar, self.site_feed)

    @property
    def related_known(self) -> bool:
        """Whether the related reading is at hand (the last build's memo fitted), not still being searched."""
        return self.searched is None or self.searched.known

    def narrowed(self, only: AbstractSet[str]) -> Kinds:
        """A copy that makes only the pages ``only`` names; its cached values are made again if asked for, but
        the intel, which the build saves whatever was planned, and the images read are this one's."""
        return replace(self, only=only, known_intel=self.intel, known_images=self.probed)

    @cached_property
    def intel(self) -> dict[str, Intel]:
        """Each company's intel (``_intel``), made once for the two page kinds that show it (or the last build's,
        which no body changes)."""
        return dict(self.known_intel) if self.known_intel is not None else _intel(self)

    @cached_property
    def pair_lists(self) -> tuple[Intersection, ...]:
        """The company × section and company × company lists with pages of their own, found once for the three
        that read them (``_intel``, ``intersection_pages``, ``intersection_feeds``)."""
        if not self.config.intersections_min_articles:
            return ()  # intersections.min_articles: 0 turns them off
        return intersections(self.site.articles, self.site.companies, self.site.sections,
                             self.config.intersections_min_articles, self.t["in_section"], self.t["with_company"])

    @cached_property
    def site_feed(self) -> Feed:
        return self.feed(self.config.title, "")

    def feed_title(self, name: str) -> str:
        """'Kabar AI: Meta': each part isolated when it holds right-to-left letters (``i18n.isolate``)."""
        return f"{i18n.isolate(self.config.title)}: {i18n.isolate(name)}"

    def feed(self, title: str, first: str) -> Feed:
        """The feed link of the list whose first page is ``first``."""
        return Feed(title, urls.feed_path(first), self.config.feed_formats)

    @cached_property
    def _feed_categories(self) -> tuple[dict[str, tuple[Category, ...]], dict[tuple[str, str], Category], Names]:
        return {}, {}, term_names(self.site)

    def feed_categories(self, article: Article) -> tuple[Category, ...]:
        """The article's feed categories, made once, so the planner hashes them once per article rather than
        once per feed the article is in; made only for the articles some feed shows (a feed shows its newest
        ``feed_size``)."""
        made, one, names = self._feed_categories
        found = made.get(article.path)
        if found is None:  # equal categories as one object, hashed once
            found = made[article.path] = item_categories(article, names, one)
        return found

    @cached_property
    def section_bar(self) -> tuple[MenuLink, ...]:
        """Sections in the editor's order (``sections`` in config.yaml), then the others by article count.

        Names and paths only: a new article re-renders every page only if it changes the bar's order.
        A configured section without articles has no page, so it is left out.
        """
        return tuple(MenuLink(t.name, t.path) for t in ordered_sections(self.config.sections, self.site.sections))

    @property
    def local_images(self) -> dict[str, images.LocalImage | None]:
        """Every local image an article shows, by its path in static/: size and hash of the bytes."""
        return self.probed[0]

    @cached_property
    def probed(self) -> tuple[dict[str, images.LocalImage | None], dict[str, str]]:
        """Every local image an article shows, read once (``images.probe``), and why each one that only bodies show
        cannot be read (the build warns at their lines: ``images.unreadable_body_images``). Raises BuildError
        naming every ``image:`` that cannot be read: its page and lists would show a broken image, and its
        smaller copies could not be made."""
        if self.known_images is not None:
            return self.known_images
        found, unreadable, problems = self.read_images
        if problems:
            raise BuildError(problems)
        return found, unreadable

    @cached_property
    def read_images(self) -> tuple[dict[str, images.LocalImage | None], dict[str, str], list[Problem]]:
        """``probed``, with the problems it raises instead: an image that cannot be read is None."""
        found: dict[str, images.LocalImage | None] = {}
        problems: list[Problem] = []
        unreadable: dict[str, str] = {}
        fields = dict.fromkeys(images.field_file(a.image) for a in self.site.articles
                               if a.image and not a.image.startswith(("http://", "https://")))
        bodies = [src for page, addresses in self.bodies for src in self._body_files(page, addresses).values() if src]
        for src in dict.fromkeys([*fields, *bodies]):
            try:
                found[src] = images.probe(self.config, src)
            except BuildError as e:
                found[src] = None
                if src in fields:
                    problems += e.problems
                else:
                    unreadable[src] = e.problems[0].message
        return found, unreadable, problems

    @property
    def bodies(self) -> Iterator[tuple[str, tuple[str, ...]]]:
        """The page and the local image addresses (as the HTML writes them) of each body with images: the
        articles' (``Article.body_images``), the pages' and the weekly notes' (``content.local_images``)."""
        yield from ((a.path, a.body_images) for a in self.site.articles if a.body_images)
        yield from ((p.path, addresses) for p in self.site.pages if (addresses := self.images_in(p.body_html)))
        yield from ((e.path, addresses) for e in self.editions if (addresses := self.images_in(e.note_html)))

    def images_in(self, body_html: str) -> tuple[str, ...]:
        """The image addresses of a page's or weekly note's body that name files of this site (``content.local_images``:
        paths, and addresses of its host)."""
        return local_images(body_html, self.config.base_url, self.config.base_path)

    def _body_files(self, page: str, addresses: Sequence[str]) -> dict[str, str | None]:
        """Each local image address in the body of ``page`` (as the HTML writes it) → the file in static/ it
        names, or None."""
        return {address: images.static_file_of(self.config, page, address) for address in addresses}

    def body_sizes(self, page: str, addresses: Sequence[str]) -> tuple[tuple[str, int, int], ...]:
        """(address as the body's HTML writes it, width, height) of each image in the body of ``page`` that is a
        file of the site's static/ (``images.sized``): the page reserves its place, so the text does not jump as
        it loads."""
        if not addresses:
            return ()
        found = self.probed[0]
        return tuple((address, image.width, image.height) for address, src in self._body_files(page, addresses).items()
                     if src and (image := found.get(src)) is not None)

    @cached_property
    def _images(self) -> dict[str, Image | None]:
        """Each article's image by path: made for every article at once, or, with ``only`` (a few pages), for those
        the wanted pages show, as ``image`` is asked."""
        return {} if self.only is not None else {a.path: self._image(a) for a in self.site.articles}

    def image(self, article: Article) -> Image | None:
        """The article's image as pages show it (one object per article, however many lists show it)."""
        shown = self._images
        if article.path not in shown:  # with ``only``, as asked
            shown[article.path] = self._image(article)
        return shown[article.path]

    def _image(self, article: Article) -> Image | None:
        """Local files get their size and smaller copies."""
        if not article.image:
            return None
        found = self.local_images.get(images.field_file(article.image))
        if found is None:
            return Image(article.image, article.image_alt, article.image_caption, article.image_credit)
        srcset = tuple((images.variant_path(article.image, w), w)
                       for w in images.variant_widths(article.image, found.width) if not found.animated)
        return Image(article.image, article.image_alt, article.image_caption, article.image_credit,
                     found.width, found.height, srcset)

    def page(self, path: str, template: str, title: str, feeds: Sequence[Feed] = (), **context: Any) -> PageSpec:
        """A spec for the HTML page at ``path``: every page also gets the footer menu and the section bar."""
        return PageSpec(urls.file_for(path), "html", template,
                        {"page": Page(path, title, (*feeds, self.site_feed)), "menu": self.menu,
                         "sections": self.section_bar, **context})

    def pagers(self, articles: Sequence[Article], first: str) -> Iterable[Pager]:
        """The pages of a paginated list: always at least one, even when empty."""
        size = self.config.page_size
        total = page_count(len(articles), size)
        image = self.image
        for n in range(1, total + 1) if self.only is None else self.wanted_pages(first, total):
            listed = tuple(articles[(n - 1) * size: n * size])
            yield Pager(n, total, listed, first, tuple([image(a) for a in listed]))

    def wants(self, *files: str) -> bool:
        """Whether ``only`` names one of these output files (always, without ``only``)."""
        return self.only is None or any(file in self.only for file in files)

    def wanted_pages(self, first: str, total: int) -> list[int]:
        """The numbers of the pages of a list of ``total`` pages from ``first`` that ``only`` names, in order: from
        the few names when the list has more pages (the home page's has one for every ``page_size`` articles)."""
        only = self.only or frozenset()
        if total <= len(only):
            return [n for n in range(1, total + 1) if urls.file_for(urls.page_path(first, n)) in only]
        return sorted(n for file in only if file.startswith(first) and 0 < (n := page_number(first, file)) <= total)

    def page_title(self, title: str, pager: Pager) -> str:
        return title if pager.number == 1 else f"{title} · {self.t['page_of'].format(n=pager.number, total=pager.total)}"


PageKind = Callable[[Kinds], Iterable[PageSpec]]

TERM_TITLE = {"tags": "tag_title", "companies": "company_title", "sections": "section_title"}


def page_count(items: int, size: int) -> int:
    return max(1, -(-items // size))


def page_number(first: str, file: str) -> int:
    """The number of the page of the list from ``first`` that is written to ``file`` (``urls.page_path``,
    ``urls.file_for``); 0 if none is."""
    if file == urls.file_for(first):
        return 1
    number = file[len(first):].removeprefix("page/").removesuffix("/index.html")
    if file.startswith(first) and number.isdecimal() and number.isascii():
        n = int(number)
        return n if n > 1 and urls.file_for(urls.page_path(first, n)) == file else 0
    return 0


def _terms(site: Site) -> tuple[tuple[str, tuple[Term, ...]], ...]:
    return (("tags", site.tags), ("companies", site.companies), ("sections", site.sections))


def link(term: Term) -> TermLink:
    return TermLink(term.kind, term.slug, term.name, len(term.articles), term.company)


def article_link(article: Article) -> ArticleLink:
    return ArticleLink(article.path, article.title, article.date, article.lang)


RelatedMemo = tuple[str, tuple[tuple[int, ...], ...]]
"""Related reading as the build cache keeps it: a hash of what it is computed from (every article's
companies and tags, newest first, and the limit), and each article's picks by their places in that order."""
Related = tuple[dict[str, tuple[Article, ...]], RelatedMemo]
"""Each article's related reading by path, and its memo for the next build."""


def related_articles(articles: Sequence[Article], limit: int = RELATED) -> dict[str, tuple[Article, ...]]:
    """Each article's related reading (by path); see ``related_reading``."""
    return related_reading(articles, limit)[0]


def related_reading(articles: Sequence[Article], limit: int = RELATED, memo: RelatedMemo | None = None) -> Related:
    """Each article's related reading (by path): most shared companies, then most shared tags, then newest;
    and the memo for the next build, which skips the search when ``memo`` was made from the same inputs.

    In newest-first order an article's index is its recency rank (slug and file break ties), so among
    equal scores the smallest index wins. Rather than score every article that shares anything (with
    the few popular tags of a real digest, that is most of the site for every article), the search
    walks the subsets of the article's companies and tags from the highest score down: the articles
    sharing at least a subset are the intersection of its sets (done in C), and an article is first
    met at the subset it shares exactly, so each score level comes out whole. It stops at the first
    level that fills ``limit``. An article with many keys (more than ``_SUBSET_KEYS``) is scored the
    plain way instead, as 2^keys subsets would cost more than that.

    The picks depend only on the keys in that order, so the memo is keyed by a hash of exactly them:
    editing an article's body (or title, or anything but its date, companies and tags) reuses it.
    """
    return related_search(articles, limit, memo, later=False).result()


@dataclass(frozen=True)
class RelatedSearch:
    """Related reading being searched (``related_search``); ``result`` waits for it."""

    ordered: tuple[Article, ...]
    inputs: str
    """What the memo is keyed by."""
    picks: Later[tuple[tuple[int, ...], ...]]

    def result(self) -> Related:
        picks = self.picks()
        ordered = self.ordered
        return {a.path: tuple(ordered[j] for j in picks[i]) for i, a in enumerate(ordered)}, (self.inputs, picks)

    def picked(self, paths: AbstractSet[str]) -> dict[str, tuple[Article, ...]]:
        """``result``'s reading of the articles at ``paths`` alone: a few pages' (``Kinds.related_of``)."""
        picks, ordered = self.picks(), self.ordered
        return {a.path: tuple(ordered[j] for j in picks[i]) for i, a in enumerate(ordered) if a.path in paths}

    def memo(self) -> RelatedMemo:
        """``result``'s memo alone, for the next build."""
        return self.inputs, self.picks()

    @property
    def known(self) -> bool:
        """Whether ``result`` is at hand: no other process is still searching."""
        return not self.picks.running

    def close(self) -> None:
        """Stop the search if its result is no longer wanted."""
        self.picks.close()


def related_search(articles: Sequence[Article], limit: int = RELATED, memo: RelatedMemo | None = None,
                   later: bool = True, same: bool = False) -> RelatedSearch:
    """``related_reading``, started: with ``later``, a big site's search runs in another process
    (``parallel.Later``) while this one plans the other pages. Close it, or ask for its result.

    ``same``: the articles' companies, tags and order are known to be those the memo was made for (only bodies
    changed since: ``touched``), so a memo that fits is taken without hashing every article's keys again."""
    ordered = tuple(newest_first(articles))
    if same and memo is not None and _fits(memo[1], len(ordered)):
        return RelatedSearch(ordered, memo[0], Later(partial(tuple, memo[1]), background=False))
    keys_of = [tuple(dict.fromkeys([("c", c.id) for c in a.companies] + [("t", fold(t)) for t in a.tags]))
               for a in ordered]
    inputs = fingerprint(repr(limit), *map(repr, keys_of))
    if memo is not None and memo[0] == inputs and _fits(memo[1], len(ordered)):
        return RelatedSearch(ordered, inputs, Later(partial(tuple, memo[1]), background=False))
    return RelatedSearch(ordered, inputs, Later(partial(_related_picks, keys_of, limit),
                                                later and len(ordered) >= MIN_PARALLEL, _as_picks))


def no_related(articles: Sequence[Article]) -> RelatedSearch:
    """No related reading for any article: for the site's file list (``plan.site_paths``), which it does not
    change; the search is spared."""
    return RelatedSearch(tuple(articles), "", Later(partial(tuple, [()] * len(articles)), background=False))


def _as_picks(rows: list[list[int]]) -> tuple[tuple[int, ...], ...]:
    """Picks as ``_related_picks`` makes them, from the JSON they crossed a pipe as."""
    return tuple(map(tuple, rows))


def _fits(picks: tuple[tuple[int, ...], ...], count: int) -> bool:
    """Whether remembered picks can index ``count`` articles (a tampered cache must not crash the build)."""
    return len(picks) == count and all(0 <= j < count for row in picks for j in row)


def _related_picks(keys_of: Sequence[tuple[tuple[str, str], ...]], limit: int) -> tuple[tuple[int, ...], ...]:
    """For each article (by its place newest first), the places of its related reading."""
    index: dict[tuple[str, str], set[int]] = {}
    for i, keys in enumerate(keys_of):
        for key in keys:
            index.setdefault(key, set()).add(i)
    company_weight = max((len(k) for k in keys_of), default=0) + 1  # one company outweighs every tag
    picks: list[tuple[int, ...]] = []
    ranked: dict[tuple[str, str], list[int]] = {}
    pairs: dict[tuple[tuple[str, str], ...], set[int]] = {}
    for i, keys in enumerate(keys_of):
        weights = tuple(company_weight if kind == "c" else 1 for kind, _ in keys)
        if len(keys) > _SUBSET_KEYS:
            best = _scored(i, keys, weights, index, limit)
        else:
            best = _by_levels(i, keys, weights, index, limit, ranked, pairs)
        picks.append(tuple(best))
    return tuple(picks)


_SUBSET_KEYS = 10
"""Articles with more companies and tags than this are scored one candidate at a time."""


def _by_levels(me: int, keys: tuple[tuple[str, str], ...], weights: tuple[int, ...],
               index: dict[tuple[str, str], set[int]], limit: int, ranked: dict[tuple[str, str], list[int]],
               pairs: dict[tuple[tuple[str, str], ...], set[int]]) -> list[int]:
    """The best ``limit`` articles sharing a company or tag with ``me``, found level by level.

    A level is every set of ``me``'s keys with one score (``_levels``); its articles share at least one of those sets.
    A set's articles are found as its keys' bit mask less its lowest bit, met before or found the same way,
    intersected with the lowest bit's key (``_shared``); the keys are put in order of their articles, the most
    first, so each set is one intersection in C with what its smallest keys share, nearly always a few
    articles, instead of one of all its keys' articles. Most sets hold ``me`` alone, and are passed over.
    Which articles a level holds does not depend on the order of the keys.

    A single company or tag with many articles (a popular tag on a big site) is not copied whole: its
    articles are taken in rank order (from ``ranked``, each key's articles sorted, made when first needed)
    until the level has what it needs. The copy grew with the site, for every article that reached that level."""
    if not keys:
        return []
    # the keys with the most articles first: a set's chain of intersections starts from its two smallest
    keys, weights = zip(*sorted(zip(keys, weights), key=lambda pair: len(index[pair[0]]), reverse=True))
    shared: dict[int, set[int]] = {1 << bit: index[key] for bit, key in enumerate(keys)}
    seen: set[int] = {me}
    best: list[int] = []
    for masks in _levels(weights):
        need = limit - len(best)
        level: set[int] = set()
        lazy: list[Iterator[int]] = []
        for mask in masks:
            found = shared.get(mask)
            if found is None:
                found = _shared(mask, shared, keys, pairs)
            elif len(found) > _WHOLE and mask & (mask - 1) == 0:
                key = keys[mask.bit_length() - 1]
                if key not in ranked:
                    ranked[key] = sorted(found)
                lazy.append(iter(ranked[key]))
                continue
            if len(found) > 1:  # more than ``me``
                level |= found - seen
        if lazy:
            taken = 0
            for j in heapq.merge(*lazy):  # rank order: the first ``need`` new ones are the best of the rest
                if j not in seen:  # never in ``level`` already: an article is met only at its exact subset
                    level.add(j)
                    taken += 1
                    if taken == need:
                        break  # the level may hold more, but these fill the list (the loop ends below)
        if level:
            seen |= level
            best += sorted(level)[:need]
            if len(best) >= limit:
                break
    return best


def _shared(mask: int, shared: dict[int, set[int]], keys: tuple[tuple[str, str], ...],
            pairs: dict[tuple[tuple[str, str], ...], set[int]]) -> set[int]:
    """The articles that hold every key in ``mask`` (bits of an article's key positions), remembered in ``shared``,
    which holds each single key's articles: the mask less its lowest bit, intersected with that bit's articles.
    Two keys with many articles each are intersected once for all the articles that have both (``pairs``): two
    popular tags meet on many articles."""
    low = mask & -mask
    rest = shared.get(mask ^ low)
    if rest is None:
        rest = _shared(mask ^ low, shared, keys, pairs)
    first = shared[low]
    if len(rest) > _WHOLE and len(first) > _WHOLE and (mask ^ low) & (mask ^ low) - 1 == 0:
        pair = (keys[low.bit_length() - 1], keys[mask.bit_length() - 1])
        found = pairs.get(pair)
        if found is None:
            found = pairs[pair] = pairs[pair[::-1]] = rest & first
    else:
        found = rest & first
    shared[mask] = found
    return found


_WHOLE = 256
"""A single key's set up to this size is copied whole (in C); a bigger one is walked in rank order."""


@lru_cache(maxsize=1024)
def _levels(weights: tuple[int, ...]) -> tuple[tuple[int, ...], ...]:
    """Every non-empty subset of key positions, as a bit mask, grouped by score, the highest score first."""
    scores = [0]  # of each mask, from the mask less its highest bit
    for bit, weight in enumerate(weights):
        scores += [score + weight for score in scores]
    by_score: dict[int, list[int]] = {}
    for mask in range(1, 1 << len(weights)):
        by_score.setdefault(scores[mask], []).append(mask)
    return tuple(tuple(by_score[score]) for score in sorted(by_score, reverse=True))


def _scored(me: int, keys: tuple[tuple[str, str], ...], weights: tuple[int, ...], index: dict[tuple[str, str], set[int]],
            limit: int) -> list[int]:
    """The same ranking as ``_by_levels``, scoring every candidate."""
    score: dict[int, int] = {}
    for key, weight in zip(keys, weights):
        for j in index[key]:
            score[j] = score.get(j, 0) + weight
    score.pop(me, None)
    return heapq.nsmallest(limit, score, key=lambda j: (-score[j], j))


def home_pages(k: Kinds) -> Iterable[PageSpec]:
    for p in k.pagers(k.site.articles, ""):
        title = k.config.title if p.number == 1 else k.page_title(k.t["latest"], p)
        yield k.page(p.path, "index.html", title, pager=p)


def article_pages(k: Kinds, only: AbstractSet[str] | None = None, part: slice = slice(None)) -> Iterable[PageSpec]:
    """Each article with links to its tags, companies and section (names and counts, not their lists),
    its neighbours in time and its related reading (titles and paths, not bodies); with ``only``, just the
    pages at those output paths (``plan.fill``), and with ``part``, just those of the articles in that slice
    of the site's (``plan.plan_site``). A tag with no term (its URL clashed: ``taxonomy.build_site``, a build with
    errors listing its files) has no link.

    A narrowed Kinds (``Kinds.only``: a few pages after an edit to bodies alone) finds its articles by their paths
    and makes the links, related reading and publishers that their pages show (``_shown``), not every article's."""
    tags = {fold(term.name): link(term) for term in k.site.tags}
    companies = {term.slug: link(term) for term in k.site.companies}
    sections = {fold(term.name): link(term) for term in k.site.sections}
    articles = k.site.articles
    only = k.only if only is None else only
    places: Sequence[int] = range(*part.indices(len(articles)))
    if only is not None:
        places = [i for i in article_places(articles, only) if i in places]
    if k.only is None:  # every article's, made once for all the pages (``Kinds.ready_for_article_pages``)
        publishers, links, related = k.publisher_links, k.article_links, k.related[0]
    else:
        publishers, links, related = _shown(k, places)
    for i in places:  # lists made in comprehensions: a generator per tuple costs more
        article = articles[i]
        yield k.page(article.path, "article.html", article.title, article=article,
                     tag_links=tuple([tags[key] for tag in article.tags if (key := fold(tag)) in tags]),
                     company_links=tuple([companies[c.id] for c in article.companies]),
                     section_link=sections.get(fold(article.section)),
                     image=k.image(article), body_sizes=k.body_sizes(article.path, article.body_images),
                     newer=links[articles[i - 1].path] if i > 0 else None,
                     older=links[articles[i + 1].path] if i + 1 < len(articles) else None,
                     related=tuple([links[r.path] for r in related[article.path]]),
                     publisher_link=publishers.get(article.source_path))


def article_places(articles: Sequence[Article], files: Iterable[str]) -> list[int]:
    """The places in ``articles`` of those whose pages are written to one of ``files`` (``urls.file_for``), in
    order: each file looked up by the paths it can be written for, not every article's file made."""
    place = {a.path: i for i, a in enumerate(articles)}
    return sorted({place[path] for file in files for path in {file, file.removesuffix("index.html")}
                   if path in place and urls.file_for(path) == file})


def _shown(k: Kinds, places: Sequence[int]
           ) -> tuple[dict[str, PublisherLink], dict[str, ArticleLink], dict[str, tuple[Article, ...]]]:
    """``Kinds.publisher_links``, ``article_links`` and ``related`` for the pages of the articles at ``places`` in
    the site's order alone: their publishers, their related reading, and the links of it and of their neighbours in
    time, each link made once (as equal as every article's would be: their fingerprints are the same)."""
    articles = k.site.articles
    related = k.related_of({articles[i].path for i in places})
    near = [articles[j] for i in places for j in (i - 1, i + 1) if 0 <= j < len(articles)]
    linked = {a.path: a for a in [*near, *(r for picks in related.values() for r in picks)]}
    sources = {articles[i].source_path for i in places}
    publishers = {a.source_path: found for p in k.publishers for found in (publisher_link(p),) for a in p.articles
                  if a.source_path in sources}
    return publishers, {path: article_link(a) for path, a in linked.items()}, related


def _intel(k: Kinds) -> dict[str, Intel]:
    """Each company's intel, with links to its intersection pages; a co-mention, and a section it is counted in,
    link to the pair's page when there is one (the count beside them is the pair's: "Kepri (4)" on Google's
    page opened all of Kepri's articles)."""
    intel = company_intel(k.site.companies, k.site.sections, k.publishers, k.site.articles, k.t["sparkline_label"])
    pages: dict[str, list[Intersection]] = {}
    for x in k.pair_lists:
        pages.setdefault(x.company, []).append(x)
    for slug, found in pages.items():
        paths = {x.path for x in found}
        co = tuple(replace(c, path=f"companies/{slug}/with/{c.slug}/") if f"companies/{slug}/with/{c.slug}/" in paths
                   else c for c in intel[slug].co_mentions)
        sections = tuple(replace(c, path=f"companies/{slug}/sections/{c.slug}/")
                         if f"companies/{slug}/sections/{c.slug}/" in paths else c for c in intel[slug].sections)
        links = tuple(Count(x.other, x.title, len(x.articles), x.path) for x in found)
        intel[slug] = replace(intel[slug], co_mentions=co, sections=sections, pages=links)
    return intel


def intersection_pages(k: Kinds) -> Iterable[PageSpec]:
    """/companies/<id>/sections/<section>/ and /companies/<id>/with/<id>/, for pairs with enough articles."""
    for x in k.pair_lists:
        feed = k.feed(k.feed_title(x.title), x.path)
        about = Count(x.other, x.title, len(x.articles), x.path)
        for p in k.pagers(x.articles, x.path):
            yield k.page(p.path, "intersection.html", k.page_title(x.title, p), (feed,), intersection=about,
                         company=link(next(t for t in k.site.companies if t.slug == x.company)), pager=p)


def intersection_feeds(k: Kinds) -> Iterable[PageSpec]:
    for x in k.pair_lists:
        yield from _feed_specs(k, k.feed_title(x.title), x.path, x.articles)


def term_index_pages(k: Kinds) -> Iterable[PageSpec]:
    """/tags/, /companies/, /sections/: every term with its articles, so a theme may show any of them;
    /companies/ also ranks the companies by mentions, each with its monthly sparkline."""
    intel = k.intel
    for kind, terms in _terms(k.site):
        ranked = ranking(terms, intel, k.t["sparkline_label"]) if kind == "companies" else ()
        yield k.page(f"{kind}/", "terms.html", k.t[kind], kind=kind, terms=terms, ranked=ranked)


def term_pages(k: Kinds) -> Iterable[PageSpec]:
    """Each term's paginated list; a page depends on the term's name and count and on the articles it lists.
    A company's first page also shows its intel (co-mentions, trend, coverage), which other articles change."""
    intel = k.intel
    for _, terms in _terms(k.site):
        for term in terms:
            title = k.t[TERM_TITLE[term.kind]].format(name=i18n.isolate(term.name))
            feed = k.feed(k.feed_title(term.name), term.path)
            for p in k.pagers(term.articles, term.path):
                shown = intel.get(term.slug) if term.kind == "companies" and p.number == 1 else None
                yield k.page(p.path, "term.html", k.page_title(title, p), (feed,), term=link(term), pager=p,
                             intel=shown)


def archive_pages(k: Kinds) -> Iterable[PageSpec]:
    """Years (with their months and counts) and months, paginated."""
    months_of: dict[int, list[ArchiveLink]] = {}
    for m in k.site.months:
        months_of.setdefault(m.year, []).append(ArchiveLink(m.year, m.month, len(m.articles)))
    archive: Archive
    for archive in (*k.site.years, *k.site.months):
        title = (str(archive.year) if archive.month is None
                 else i18n.month_name(archive.year, archive.month, k.config.language))
        months = tuple(months_of.get(archive.year, ())) if archive.month is None else ()
        here = ArchiveLink(archive.year, archive.month, len(archive.articles))
        for p in k.pagers(archive.articles, archive.path):
            yield k.page(p.path, "archive.html", k.page_title(title, p), archive=here, months=months, pager=p)


def archive_index_page(k: Kinds) -> Iterable[PageSpec]:
    """/archive/: every year with its months and counts, so every dated list is a link away from every page."""
    years = tuple((ArchiveLink(y.year, None, len(y.articles)),
                   tuple(ArchiveLink(m.year, m.month, len(m.articles)) for m in k.site.months if m.year == y.year))
                  for y in k.site.years)
    yield k.page("archive/", "archive_index.html", k.t["archive"], years=years)


def image_variants(k: Kinds) -> Iterable[PageSpec]:
    """The smaller copies of local images for ``srcset``; each depends only on its source's bytes and width (a
    copy's file is named as its address reads decoded: 'kafé-480w.jpg' for '…/kaf%C3%A9-480w.jpg')."""
    made: set[str] = set()
    for article in k.site.articles:
        image = k.image(article)
        found = k.local_images.get(images.field_file(article.image)) if image else None
        if image is None or found is None:
            continue
        for address, width in image.srcset:  # one file, however many spellings its address has ('a+b', 'a%2Bb')
            if (path := unquote(address)) not in made:
                made.add(path)
                yield PageSpec(path, "image", "", {"file": found.file, "sha": found.sha, "width": width})


def info_pages(k: Kinds) -> Iterable[PageSpec]:
    """Pages that are not news (content/pages/): /about/ and the like."""
    for info in k.site.pages:
        yield k.page(info.path, "page.html", info.title, info_page=info,
                     body_sizes=k.body_sizes(info.path, k.images_in(info.body_html)))


def search_page(k: Kinds) -> Iterable[PageSpec]:
    """/search/ (when ``search`` is on): the box and results drawn by search.js; without
    JavaScript it lists the yearly archives instead."""
    if k.config.search:
        years = tuple(ArchiveLink(y.year, None, len(y.articles)) for y in k.site.years)
        yield k.page("search/", "search.html", k.t["search"], years=years)


def not_found_page(k: Kinds) -> Iterable[PageSpec]:
    yield k.page("404.html", "404.html", k.t["not_found"])


def publisher_index_pages(k: Kinds) -> Iterable[PageSpec]:
    """/sources/: every publisher with its count, most articles first."""
    ranked = sorted(k.publishers, key=lambda p: (-len(p.articles), fold(p.name), p.slug))
    yield k.page("sources/", "sources.html", k.t["sources"], publishers=tuple(publisher_link(p) for p in ranked))


def publisher_pages(k: Kinds) -> Iterable[PageSpec]:
    """Each publisher's paginated list, with its home page, count and feeds."""
    for publisher in k.publishers:
        title = k.t["publisher_title"].format(name=i18n.isolate(publisher.name))
        feed = k.feed(k.feed_title(publisher.name), publisher.path)
        about = PublisherInfo(publisher.slug, publisher.name, publisher.url, publisher.known, len(publisher.articles))
        for p in k.pagers(publisher.articles, publisher.path):
            yield k.page(p.path, "publisher.html", k.page_title(title, p), (feed,), publisher=about, pager=p)


@dataclass(frozen=True)
class PublisherInfo:
    """What a publisher's page shows about it (its articles come in the pager)."""

    slug: str
    name: str
    url: str
    known: bool
    count: int


def _feed_specs(k: Kinds, title: str, first: str, articles: Sequence[Article]) -> Iterable[PageSpec]:
    """One list's feed in each format written (``feeds.formats``): the newest ``feed_size`` articles,
    with the display names of their categories (which other articles can change)."""
    if k.only is not None and all(path(first) not in k.only for fmt, _, path in urls.FEED_FORMATS):
        return
    shown = tuple(articles[: k.config.feed_size])
    context = {"title": title, "page_path": first, "articles": shown, "icon": k.icon,
               "categories": tuple([k.feed_categories(a) for a in shown])}
    for fmt, _, path in urls.FEED_FORMATS:
        if fmt not in k.config.feed_formats:
            continue
        yield PageSpec(path(first), fmt, "", context)


def feeds(k: Kinds) -> Iterable[PageSpec]:
    """The site's feed and one per tag, company and section, in each format written."""
    yield from _feed_specs(k, k.config.title, "", k.site.articles)
    for _, terms in _terms(k.site):
        for term in terms:
            yield from _feed_specs(k, k.feed_title(term.name), term.path, term.articles)


def publisher_feeds(k: Kinds) -> Iterable[PageSpec]:
    """One feed per publisher, in each format written."""
    for publisher in k.publishers:
        yield from _feed_specs(k, k.feed_title(publisher.name), publisher.path, publisher.articles)


@dataclass(frozen=True)
class EditionPager:
    """One page of the list of editions."""

    number: int
    total: int
    editions: tuple[EditionLink, ...]

    @property
    def path(self) -> str:
        return urls.page_path("weekly/", self.number)

    @property
    def prev(self) -> str | None:
        return urls.page_path("weekly/", self.number - 1) if self.number > 1 else None

    @property
    def next(self) -> str | None:
        return urls.page_path("weekly/", self.number + 1) if self.number < self.total else None

    @property
    def links(self) -> tuple[tuple[int, str] | None, ...]:
        return page_links("weekly/", self.number, self.total)


def weekly_feed_link(k: Kinds) -> Feed:
    return k.feed(k.feed_title(k.t["weekly"]), "weekly/")


def weekly_index_pages(k: Kinds) -> Iterable[PageSpec]:
    """/weekly/: every edition, newest first, ``page_size`` per page."""
    links = tuple(e.link for e in k.editions)
    size = k.config.page_size
    total = page_count(len(links), size)
    for n in range(1, total + 1):
        p = EditionPager(n, total, links[(n - 1) * size: n * size])
        title = k.t["weekly"] if n == 1 else f"{k.t['weekly']} · {k.t['page_of'].format(n=n, total=total)}"
        yield k.page(p.path, "editions.html", title, (weekly_feed_link(k),), pager=p)


def edition_pages(k: Kinds) -> Iterable[PageSpec]:
    """Each edition's page, its email version (HTML with inlined CSS) and its plain-text alternative; companies by
    the names their pages give them (an unregistered one written 'Kata.ai' and 'KATA.AI' is one name)."""
    names = {term.slug: term.name for term in k.site.companies}
    wanted = [i for i, e in enumerate(k.editions)  # a narrowed Kinds (``only``) makes the other editions' nothing
              if k.wants(urls.file_for(e.path), email_path(e.path), f"{e.path}email.txt")]
    for edition, older, newer in neighbours(k.editions, wanted):
        company_names = {c.id: names.get(c.id, c.name) for a in edition.articles for c in a.companies}
        yield k.page(edition.path, "edition.html", edition.heading, (weekly_feed_link(k),),
                     edition=edition, older=older, newer=newer, company_names=company_names,
                     body_sizes=k.body_sizes(edition.path, k.images_in(edition.note_html)))
        context = {"edition": edition, "icon": k.icon, "company_names": company_names}
        yield PageSpec(email_path(edition.path), "email", "email.html", context)
        yield PageSpec(f"{edition.path}email.txt", "html", "email.txt", context)


def weekly_feeds(k: Kinds) -> Iterable[PageSpec]:
    """/weekly/feed.xml (and Atom, JSON Feed): one item per finished edition, the whole edition as its content.
    The week in progress is left out: a feed reader or an RSS-to-email service takes an item once, by its id, and
    would keep Monday's one or two stories as the edition."""
    shown = tuple(e for e in k.editions if not e.in_progress)[: k.config.feed_size]
    # with no finished edition yet (a new site's first week), the feed's own date is its newest article's
    latest = None if shown else max((a.updated or a.date for e in k.editions for a in e.articles),
                                      key=datetime.timestamp, default=None)
    context = {"title": weekly_feed_link(k).title, "editions": shown, "icon": k.icon, "latest": latest}
    for fmt, _, path in urls.FEED_FORMATS:
        if fmt not in k.config.feed_formats:
            continue
        yield PageSpec(path("weekly/"), f"weekly-{fmt}", "", context)
