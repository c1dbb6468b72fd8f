"""Group articles into tags, companies, sections and date archives, every list sorted."""
from __future__ import annotations

import difflib
import json
import unicodedata
from collections import defaultdict
from datetime import datetime
from typing import Callable, Collection, Iterable, Mapping, Sequence

from generator.core.errors import Problem, one_company_url, quoted
from generator.load.config import Config, ConfigLines
from generator.load.content import Named
from generator.core.models import Archive, Article, Company, Site, Term, TermKind
from generator.load.registry import fold
from generator.core.urls import make_slug


def newest_first(articles: Iterable[Article]) -> tuple[Article, ...]:
    """Newest instant first; equal instants by slug, then by file, so order never depends on input order."""
    return tuple(sorted(articles, key=lambda a: (-a.date.timestamp(), a.slug, a.source_path)))


def term_slug(folded: str, own: Mapping[str, str] = {}) -> str:
    """The URL slug of a tag or section name (``fold``ed): its own from config.yaml's ``slugs:`` (``own``, as
    ``own_slugs`` gives it), else the name's."""
    return own.get(folded) or make_slug(folded)


class OwnSlugs(dict[str, str]):
    """config.yaml's ``slugs:`` by folded name, for ``term_slug``; ``written`` gives each folded name as config.yaml
    writes it, and ``where`` that entry's (file, line), for a clash the entry makes (read only then)."""

    def __init__(self, config: Config) -> None:
        super().__init__((fold(name), slug) for name, slug in config.slugs)
        self.written = {fold(name): name for name, _ in config.slugs}
        self._config = config

    def where(self, folded: str) -> tuple[str, int]:
        return ConfigLines(self._config)("slugs", self.written[folded])

    def mapping(self) -> tuple[str, int] | None:
        """Where ``slugs:`` itself is written, (file, line), or None where no file has it."""
        rel, line = ConfigLines(self._config)("slugs")
        return (rel, line) if line else None


def own_slugs(config: Config) -> OwnSlugs:
    """config.yaml's ``slugs:`` by folded name (``OwnSlugs``)."""
    return OwnSlugs(config)


FIELDS: dict[str, str] = {"tags": "tags", "sections": "section"}
"""The front-matter field of each kind of named term, for messages."""


def check_article_paths(articles: Iterable[Article]) -> list[Problem]:
    """Two articles with the same URL are an error naming both files."""
    problems: list[Problem] = []
    owner: dict[str, Article] = {}
    for article in sorted(articles, key=lambda a: a.source_path):
        key = fold(article.path)
        if key in owner:
            first = owner[key]
            problems.append(Problem(article.source_path, 0, "slug",  # line: ``content.located``
                                    f"the URL /{article.path} is already used by {first.source_path}; "
                                    "rename one file or give it another 'slug:'"))
        else:
            owner[key] = article
    return problems


Clash = tuple[TermKind, str, str, str, str, str]
"""Two names of one kind on one URL, neither given it by config.yaml: (kind, slug, name, file, other name, its file),
for ``clash_problems``."""


def _group_names(kind: TermKind, pairs: list[tuple[str, Article]], own: Mapping[str, str],
                 ) -> tuple[list[Term], list[Problem], list[tuple[str, int, str, str]], list[Clash]]:
    """Names that differ only in case are one term; different names with one slug are an error (``own``: the
    slugs config.yaml gives, by folded name), said at config.yaml's entry where it made the clash, else come back
    as ``Clash``es; a name that makes no URL is no term, and comes back as (file, line, field, name) for
    ``no_url_problems``."""
    by_fold: dict[str, list[tuple[str, Article]]] = defaultdict(list)
    for name, article in pairs:
        by_fold[fold(name)].append((name, article))
    by_slug: dict[str, list[str]] = defaultdict(list)
    problems: list[Problem] = []
    unnamed: list[tuple[str, int, str, str]] = []
    clashes: list[Clash] = []
    configured = own if isinstance(own, OwnSlugs) else None
    for folded in sorted(by_fold):
        slug = term_slug(folded, own)
        if not slug:
            name, article = by_fold[folded][0]
            unnamed.append((article.source_path, 0, FIELDS[kind], name))  # line: ``content.located``
            continue
        by_slug[slug].append(folded)
    terms: list[Term] = []
    used = {*by_slug, *own.values()}  # no advice to move a name onto another's URL
    for slug in sorted(by_slug):
        folds = by_slug[slug]
        if len(folds) > 1:  # every other spelling, each in its own file, against the first
            a_name, a_art = by_fold[folds[0]][0]
            for other in folds[1:]:
                b_name, b_art = by_fold[other][0]
                given = next((f for f in (other, folds[0]) if f in configured.written), None) if configured else None
                if configured and given is not None:  # config.yaml's slug made the clash: said at its line
                    name = configured.written[given]
                    taken_name, taken_art = (a_name, a_art) if given == other else (b_name, b_art)
                    problems.append(Problem(*configured.where(given), f"slugs.{name}", f"gives {quoted(name)} the URL "
                                            f"/{kind}/{slug}/, which {quoted(taken_name)} (in {taken_art.source_path}) has "
                                            f"too; choose another slug, like {slug_for(name, slug, used)}"))
                    continue
                clashes.append((kind, slug, b_name, b_art.source_path, a_name, a_art.source_path))
            continue
        members = by_fold[folds[0]]
        counts: dict[str, int] = defaultdict(int)
        for name, _ in members:
            counts[name] += 1
        display = min(counts, key=lambda n: (-counts[n], n))
        # members come in site order (newest first), so the term's list needs no sort of its own
        terms.append(Term(kind, slug, display, tuple({a.source_path: a for _, a in members}.values())))
    return terms, problems, unnamed, clashes


def clash_problems(clashes: Sequence[Clash], own: Mapping[str, str], entries: Mapping[str, str]) -> list[Problem]:
    """Each ``Clash`` as a problem at its name's file (line: ``content.located``); the names that are not spellings of
    one (``one_name``) are advised the run's one ``slugs:`` line (``entries``, ``slug_entries``)."""
    problems = []
    for kind, slug, name, path, other, other_path in clashes:  # spellings of one name are told to use one
        like = slugs_advice(name, own, entries) if name in entries else ""
        problems.append(Problem(path, 0, FIELDS[kind], one_url(kind, slug, name, other, other_path, like)))
    return problems


def slug_entries(clashes: Sequence[Clash], no_url: Sequence[str], own: Mapping[str, str], taken: Collection[str],
                 typed: Sequence[tuple[str, str]] = ()) -> dict[str, str]:
    """The run's one ``slugs:`` line, as its entry ('"C#": c-sharp') by name: for each name of ``clashes`` that is not
    a spelling of the other (``one_name``), and of ``typed`` ((name, the slug it would share): ``digest new``'s
    clashes with other articles), then for each name that makes no URL (``no_url``). A name with no URL and one on
    a taken URL were each advised a line of their own, which added as written is a second ``slugs:``, an error; no
    slug twice, nor one config.yaml's ``slugs:`` (``own``) or the site (``taken``: ``site_slugs``) has."""
    used = {*own.values(), *taken}
    named = [*((name, slug) for _, slug, name, _, other, _ in clashes if not one_name(other, name)), *typed]
    return _unique_entries([*((name, slug_for(name, slug, used)) for name, slug in named), *_spelled(no_url)], used)


def slugs_advice(name: str, own: Mapping[str, str], entries: Mapping[str, str]) -> str:
    """Where ``name``'s entry of the run's ``slugs:`` line (``entries``) goes: added to the ``slugs:`` config.yaml
    has (``own``), as a second ``slugs:`` is an error, else the whole line, one for every name of the run."""
    where = own.mapping() if isinstance(own, OwnSlugs) else None
    if where:
        return f": add '{entries[name]}' to its slugs: at {where[0]}:{where[1]}"
    line = dict.fromkeys(entries.values())
    return f", like 'slugs: {{{', '.join(line)}}}'" + _one_line(len(line))


def _one_line(count: int) -> str:
    """What a ``slugs:`` line of ``count`` entries adds to the advice."""
    return "" if count < 2 else " (one line for both names)" if count == 2 else f" (one line for all {count} names)"


def _group_companies(articles: Iterable[Article]) -> tuple[list[Term], list[Problem]]:
    """Companies by id; an unregistered name whose URL is taken by another company is an error."""
    members: dict[str, list[Article]] = defaultdict(list)
    companies: dict[str, tuple[Company, Article]] = {}
    problems: list[Problem] = []
    for article in articles:  # newest first: lists come out in order, and 'first' is well defined
        for company in article.companies:
            first, where = companies.setdefault(company.id, (company, article))
            if first != company and (not first.known or not company.known) and fold(first.name) != fold(company.name):
                problems.append(Problem(article.source_path, 0, "companies",
                                        one_company_url(company.name, first.name, where.source_path, company.id)))
                continue
            members[company.id].append(article)
    terms = [Term("companies", cid, companies[cid][0].name, tuple(members[cid]), companies[cid][0])
             for cid in sorted(members)]
    return terms, problems


def _archives(articles: tuple[Article, ...]) -> tuple[tuple[Archive, ...], tuple[Archive, ...]]:
    years: dict[int, list[Article]] = defaultdict(list)
    months: dict[tuple[int, int], list[Article]] = defaultdict(list)
    for article in articles:
        years[article.date.year].append(article)
        months[(article.date.year, article.date.month)].append(article)
    return (tuple(Archive(y, None, tuple(years[y])) for y in sorted(years, reverse=True)),
            tuple(Archive(y, m, tuple(months[(y, m)])) for y, m in sorted(months, reverse=True)))


_SIGNS = frozenset("+#&@")
"""Signs that make a name another name ('C++', 'C#'), where other punctuation only spells it otherwise."""


def one_url(kind: TermKind, slug: str, name: str, other: str, where: str, like: str = "") -> str:
    """The build's words for ``name`` and ``other`` (a spelling in the file ``where``) that make one URL; ``like``
    the ``slugs:`` to write (``clash_problems``), else one for ``name`` alone."""
    like = like or f", like 'slugs: {{{json.dumps(name, ensure_ascii=False)}: {slug_for(name, slug)}}}'"
    fix = "use one spelling" if one_name(other, name) else (
        f"give one its own URL in config.yaml{like}, or use one spelling if they are one thing")
    return f"{quoted(name)} and {quoted(other)} (in {where}) both make the URL /{kind}/{slug}/; {fix}"


def one_name(a: str, b: str) -> bool:
    """Whether two names whose slugs clash are spellings of one ('e-commerce', 'E Commerce'; 'Café', 'Cafe'),
    not two things ('C++', 'C#'; two Chinese names read alike)."""
    def key(name: str) -> tuple[str, str]:
        decomposed = unicodedata.normalize("NFKD", name).casefold()
        return "".join(ch for ch in decomposed if ch.isalnum()), "".join(ch for ch in name if ch in _SIGNS)
    return key(a) == key(b)


def no_url(name: str, own: Mapping[str, str], entries: Mapping[str, str]) -> str:
    """The build's words for a tag's or section's ``name`` that makes no URL ('🚀', '!!!'): spelling it out changes
    the name readers see, which config.yaml's ``slugs:`` keeps: the run's one ``slugs:`` line (``entries``,
    ``slug_entries``), or its entry added to the ``slugs:`` config.yaml has (``own``)."""
    return (f"{quoted(name)} has no letters or digits to make a URL from; spell it out, or give it its own URL in "
            "config.yaml" + slugs_advice(name, own, entries))


def _spelled(names: Sequence[str]) -> list[tuple[str, str]]:
    """(name, slug) for each name that makes no URL ('🚀' → rocket), from its signs' Unicode names."""
    return [(name, make_slug(" ".join(unicodedata.name(ch, "") for ch in dict.fromkeys(name)
                                      if not ch.isspace()))[:40].strip("-") or "nama") for name in names]


def _unique_entries(named: Sequence[tuple[str, str]], taken: set[str]) -> dict[str, str]:
    """A ``slugs:`` entry ('"C#": c-sharp') for each (name, slug): the slug numbered where an earlier one or ``taken``
    has it; a name met again (letter case aside: a tag's and a section's) has its first entry."""
    entries: dict[str, str] = {}
    first: dict[str, str] = {}
    used = set(taken)
    for name, slug in named:
        if fold(name) not in first:
            slug = next(s for s in (slug, *(f"{slug}-{n}" for n in range(2, len(used) + 3))) if s not in used)
            used.add(slug)
            first[fold(name)] = f"{json.dumps(name, ensure_ascii=False)}: {slug}"
        entries.setdefault(name, first[fold(name)])
    return entries


def no_url_problems(unnamed: Sequence[tuple[str, int, str, str]], own: Mapping[str, str],
                    entries: Mapping[str, str]) -> list[Problem]:
    """Each (file, line, field, name) of a tag or section that makes no URL, as a problem whose advice is the run's
    one ``slugs:`` line (``entries``: ``slug_entries``, ``run_slug_entries``)."""
    return [Problem(path, line, field, no_url(name, own, entries)) for path, line, field, name in unnamed]


def site_slugs(articles: Iterable[Article], failed: Iterable[Named], own: Mapping[str, str]) -> set[str]:
    """Every slug the site's tags, sections and companies have, and the names of ``failed`` (article files with an
    error of their own): a slug suggested for a name with no URL is none of them (``no_url_problems``)."""
    names = [*(t for a in articles for t in a.tags), *(a.section for a in articles if a.section),
             *(name for u in failed for _, name, _ in u.names)]
    return ({term_slug(fold(n), own) for n in names} | {c.id for a in articles for c in a.companies}) - {""}


def no_url_names(names: Iterable[str], own: Mapping[str, str]) -> list[str]:
    """Of tags' and sections' ``names``, those that make no URL, once each, in order."""
    return list({fold(n): n for n in sorted(set(names), key=lambda n: (fold(n), n))
                 if not term_slug(fold(n), own)}.values())


def failed_no_url(failed: Iterable[Named], own: Mapping[str, str]) -> list[tuple[str, int, str, str]]:
    """(file, line, field, name) of each section and tag that makes no URL in the article files with an error of
    their own (``content.Named``), which the index never sees."""
    return [(u.source_path, line, field, name) for u in failed for field, name, line in u.names
            if not term_slug(fold(name), own)]


def slug_for(name: str, taken: str, used: Collection[str] = ()) -> str:
    """A slug to suggest for ``name`` when its own is ``taken``: the signs spelled out ('C++' → 'c-plus-plus',
    'C#' → 'c-sharp'), else the taken one numbered with the first number free of ``used`` (the slugs other names
    and ``slugs:`` entries have: 'ren-gong-3' where 'ren-gong-2' is one)."""
    spelled = make_slug(name.replace("+", " plus ").replace("#", " sharp ").replace("&", " and "))
    if spelled and spelled != taken and spelled not in used:
        return spelled
    return next(s for s in (f"{taken}-{n}" for n in range(2, len(used) + 3)) if s not in used)


def build_site(articles: Iterable[Article], own: Mapping[str, str] = {}, failed: Iterable[Named] = (),
               together: Mapping[str, str] | None = None) -> tuple[Site, list[Problem]]:
    """Index the articles; returns the Site and any URL collisions found (``own``: config.yaml's ``slugs:``, by
    folded name), and the tags and sections that make no URL, theirs and those of the article files with an error of
    their own (``failed``, which the index never sees), said in one run with one ``slugs:`` line to add for all
    (``together``, where a caller says ``failed``'s apart: ``run_slug_entries``)."""
    ordered = newest_first(articles)
    failed = tuple(failed)
    problems = check_article_paths(ordered)
    tags, sections, clashes, unnamed, term_problems = _group_terms(ordered, own, failed)
    if clashes or unnamed:
        entries = together if together is not None else _run_entries(ordered, own, failed, clashes, unnamed)
        term_problems += clash_problems(clashes, own, entries) + no_url_problems(unnamed, own, entries)
    companies, company_problems = _group_companies(ordered)
    years, months = _archives(ordered)
    updated = max((a.updated or a.date for a in ordered), key=datetime.timestamp, default=None)
    site = Site(ordered, tuple(tags), tuple(companies), tuple(sections), years, months, updated)
    return site, problems + term_problems + company_problems


def _group_terms(ordered: Sequence[Article], own: Mapping[str, str], failed: Sequence[Named],
                 ) -> tuple[list[Term], list[Term], list[Clash], list[tuple[str, int, str, str]], list[Problem]]:
    """The tags and sections of the articles (newest first), their ``Clash``es, the names of theirs and of
    ``failed``'s that make no URL, and the clashes config.yaml's ``slugs:`` makes, said at its lines."""
    tags, tag_problems, unnamed, clashes = _group_names("tags", [(t, a) for a in ordered for t in a.tags], own)
    sections, section_problems, unnamed_sections, section_clashes = _group_names(
        "sections", [(a.section, a) for a in ordered if a.section], own)
    return (tags, sections, clashes + section_clashes, unnamed + unnamed_sections + failed_no_url(failed, own),
            tag_problems + section_problems)


def run_slug_entries(articles: Iterable[Article], own: Mapping[str, str], failed: Iterable[Named] = (),
                     typed: Sequence[tuple[str, str]] = (),
                     taken: Callable[[], Collection[str]] | None = None) -> dict[str, str]:
    """The one ``slugs:`` line ``build_site`` advises for ``articles`` and ``failed`` (``slug_entries``), for a
    caller that says some of its names apart (``digest check``: ``failed``'s; ``digest new``: ``typed``, its clashes
    with other articles): every message of the run names the same line. ``taken``: the slugs the rest of the site
    has, where ``articles`` are not all of it (``digest new``'s one), asked for only when there is a line to make."""
    ordered, failed = newest_first(articles), tuple(failed)
    _, _, clashes, unnamed, _ = _group_terms(ordered, own, failed)
    if not (clashes or unnamed or typed):
        return {}
    return _run_entries(ordered, own, failed, clashes, unnamed, typed, taken() if taken else ())


def _run_entries(ordered: Sequence[Article], own: Mapping[str, str], failed: Sequence[Named], clashes: Sequence[Clash],
                 unnamed: Sequence[tuple[str, int, str, str]], typed: Sequence[tuple[str, str]] = (),
                 taken: Collection[str] = ()) -> dict[str, str]:
    """``slug_entries`` of ``_group_terms``' clashes and names with no URL, none on a slug the site has (``taken``
    too)."""
    return slug_entries(clashes, no_url_names((name for *_, name in unnamed), own), own,
                        site_slugs(ordered, failed, own) | {*taken}, typed)


def ordered_sections(listed: Sequence[str], sections: Iterable[Term]) -> tuple[Term, ...]:
    """Sections in the editor's order (``sections`` in config.yaml, letter case and punctuation aside), then the
    others, the one with most articles first: the section bar's order, and the weekly editions'. A listed name
    without articles has no section, so it is left out."""
    sections = tuple(sections)
    by_fold = {fold(term.name): term for term in sections}
    first = [by_fold[f] for f in dict.fromkeys(fold(n) for n in listed) if f in by_fold]
    rest = sorted((t for t in sections if t not in first), key=lambda t: (-len(t.articles), t.slug))
    return (*first, *rest)


def listed_section_problems(config: Config, sections: Iterable[Term], lines: ConfigLines) -> list[Problem]:
    """Warnings for ``sections`` in config.yaml, at their lines: a name listed again (letter case and punctuation
    aside), which the bar shows once; and a name that no article's section has while an unlisted one is spelled
    close to it, a typo that put that section after the listed ones without a word. A listed name with no
    article yet and nothing like it is quiet: an editor may list a region before its first article."""
    names = {fold(term.name): term.name for term in sections}
    folded = {fold(name) for name in config.sections}
    unlisted = [key for key in names if key not in folded]
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for i, name in enumerate(config.sections):
        key = fold(name)
        if key in seen:
            again = "" if seen[key] == name else f" (as {quoted(seen[key])})"
            problems.append(Problem(*lines("sections", i), "sections", f"{quoted(name)} is listed twice"
                                    f"{again}; the bar shows it once, in its first place: remove the other", "warning"))
            continue
        seen[key] = name
        near = [] if key in names else difflib.get_close_matches(key, unlisted, n=1, cutoff=0.75)
        if near:
            meant = names[near[0]]
            problems.append(Problem(*lines("sections", i), "sections", f"{quoted(name)} is no article's "
                                    f"section, so the bar shows {quoted(meant)} after the listed ones; did you mean "
                                    f"{quoted(meant)}?", "warning"))
    return problems


def listed_slug_problems(config: Config, site: Site, lines: ConfigLines) -> list[Problem]:
    """Warnings for ``slugs`` in config.yaml, at their lines: a name no article's tag or section has while one is
    spelled close to it (a typo: that tag keeps its own URL without a word). A name with nothing like it is quiet,
    as in ``sections``: an editor may give a tag its URL before its first article."""
    names = {fold(term.name): term.name for term in (*site.tags, *site.sections)}
    problems: list[Problem] = []
    for name, _ in config.slugs:
        near = [] if fold(name) in names else difflib.get_close_matches(fold(name), names, n=1, cutoff=0.75)
        if near:
            problems.append(Problem(*lines("slugs", name), f"slugs.{name}", f"{quoted(name)} is no article's tag or "
                                    f"section, so its slug is not used; did you mean {quoted(names[near[0]])}?",
                                    "warning"))
    return problems
