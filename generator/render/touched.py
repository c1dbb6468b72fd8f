"""Which pages an edit can have changed, when it changed nothing but some articles' bodies.

Planning a page means building its context and hashing it (``plan.plan_site``): at 10,000 articles, about
1.3 CPU s for 15,500 pages, the largest part of a one-article rebuild. Yet an editor's usual edit, a typo
fixed or a paragraph added, changes one article's body and nothing else, and only the pages whose context
holds that article (its own page, the first page of each list it is on, a few feeds, its edition: some
twenty) can differ.

So each build records, for each article, the pages whose context holds it (``Memo.held``, collected while
the contexts are hashed) and the build cache keeps that map (``reach``). The next build plans only the pages
the changed articles were on (``touched_pages``), and gives every other page the fingerprint it had, when
everything else is as it was:

- no input but the article files changed (``publish`` compares a fingerprint of every other input, and the
  build's 'now' leaves out the same articles and editions; otherwise it hands over no map);
- the same article files as the last build, and each one whose bytes changed gives an article equal to the
  one it gave then in every field but its key, its body and its word count (``CARD``): its title, date,
  summary, tags, companies, section, source, image, slug and redirects are the same.

Then every index (tags, companies, editions, related reading, publishers) is the same, and a page's context
is the same unless it holds a changed article, which ``reach`` names. Nothing a page kind puts in a context
is made from an article's body or word count (they reach templates only through the article itself), and
``tests/test_touched.py`` checks the consequence: the fingerprints and the map are exactly those that
planning every page gives.
"""
from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Callable, Iterable, Mapping

from generator.core.models import Article

CARD = tuple(f.name for f in fields(Article) if f.name not in ("key", "body", "words", "body_from"))
"""The fields an edit must leave alone for ``touched_pages`` to apply: every one that an index or a page kind
reads. The key changes with every edit; the body and the word count reach pages only through the article."""

MOST = 0.25
"""The largest share of the pages an edit may touch for ``touched_pages`` to apply: planning more than that here
would take longer than planning every page with the article pages on the other core (``plan.plan_site``)."""

Reach = Mapping[str, str]
"""Article key → the output paths of the pages whose context holds it, in plan order, one per line: what the
build cache keeps as the map 'reach' (``cache.MAPS``)."""


@dataclass(frozen=True)
class Touched:
    """The pages an edit can have changed, and the articles it changed."""

    pages: frozenset[str]
    reach: dict[str, str]
    """The map 'reach' after the edit: the same pages hold each article, under its new key."""
    plan: Mapping[str, str]
    """The last build's plan (``plan.plan_map``): every page the edit did not touch keeps its row."""


def touched_pages(reach: Reach, plan: Mapping[str, str], last: Mapping[str, tuple[str, str]],
                  last_article: Callable[[str], Article | None], seen: Mapping[str, tuple[str, str]],
                  articles: Iterable[Article]) -> Touched | None:
    """The pages that held an article whose body alone changed; None when anything else may have changed.

    ``reach`` and ``plan``: the last build's maps (empty when ``publish`` found another input changed, or when the
    cache had none); ``last`` and ``seen``: each article file's (stat signature, key) in the last build and in
    this one; ``last_article``: the last build's article by its key (None when its cache row does not decode);
    ``articles``: this build's."""
    if not reach or not plan or seen.keys() != last.keys():
        return None
    renamed = {last[rel][1]: key for rel, (_, key) in seen.items() if last[rel][1] != key}
    new_keys = set(renamed.values())
    now = {a.key: a for a in articles if a.key in new_keys}
    pages: set[str] = set()
    for old, new in renamed.items():
        before, after = last_article(old), now.get(new)
        if before is None or after is None or any(getattr(before, f) != getattr(after, f) for f in CARD):
            return None
        pages.update(filter(None, reach.get(old, "").split("\n")))
        if len(pages) > len(plan) * MOST:
            return None
    carried = {key: paths for key, paths in reach.items() if key not in renamed}
    carried.update((new, reach[old]) for old, new in renamed.items() if old in reach)
    return Touched(frozenset(pages), carried, plan)


def reach_of(planned: Iterable[tuple[str, tuple[str, ...]]]) -> dict[str, str]:
    """The map 'reach' of a plan, from each page's (path, the keys of the articles it holds), in plan order; {}
    (no map: the next build plans every page) if a path could not be told apart from the next (a line break)."""
    paths: dict[str, list[str]] = {}
    for path, held in planned:
        if "\n" in path:
            return {}
        for key in held:
            paths.setdefault(key, []).append(path)
    return {key: "\n".join(found) for key, found in paths.items()}
