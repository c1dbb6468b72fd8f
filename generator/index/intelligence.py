"""Company intelligence: who is mentioned together, how often over time, and who covers a company.

Everything is counted from each article's own company list, so the cost grows with the
articles (and the few companies each names), never with the square of all companies.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime
from typing import Iterable, Mapping, Sequence

from generator.core.i18n import Plural, isolate
from generator.core.models import Article, Term
from generator.load.publishers import Publisher
from generator.load.registry import fold


@dataclass(frozen=True)
class Count:
    """Another term with how many articles it shares with this company."""

    slug: str
    name: str
    count: int
    path: str = ""
    """Where it links: the term's page, or the intersection page of the two when there is one."""


@dataclass(frozen=True)
class MonthCount:
    year: int
    month: int
    count: int


@dataclass(frozen=True)
class Intel:
    """What a company's page shows beyond its list of articles."""

    first: datetime
    """Date of the oldest article that mentions it."""
    latest: datetime
    co_mentions: tuple[Count, ...]
    """Companies named in the same articles, most shared first (ties by name)."""
    sections: tuple[Count, ...]
    """The sections that cover it most (at most ``TOP``)."""
    publishers: tuple[Count, ...]
    """The publishers that cover it most (at most ``TOP``)."""
    months: tuple[MonthCount, ...]
    """Mentions per month from its first month to its latest, empty months included."""
    sparkline: str
    """The months as an inline SVG (no script), for the page and the /companies/ list."""
    pages: tuple[Count, ...] = ()
    """Its intersection pages (slug = the section or company, name = its title, count = its articles)."""


TOP = 5


@dataclass(frozen=True)
class CompanyRow:
    """A company in the /companies/ ranking."""

    slug: str
    name: str
    count: int
    sparkline: str

    @property
    def path(self) -> str:
        return f"companies/{self.slug}/"


def ranking(companies: Sequence[Term], intel: dict[str, Intel], label: str | Plural) -> tuple[CompanyRow, ...]:
    """Companies by mentions, most first; ties by name. Their sparklines share one span of months, the first
    mention of any to the latest of any, so rows compare: each drawn over its own months, two articles a year
    apart and two in one month looked alike, a 3-month line as wide as a 31-month one."""
    ranked = sorted(companies, key=lambda t: (-len(t.articles), fold(t.name), t.slug))
    spans = [intel[t.slug].months for t in ranked if intel[t.slug].months]
    first = min((m[0] for m in spans), key=lambda m: (m.year, m.month), default=None)
    last = max((m[-1] for m in spans), key=lambda m: (m.year, m.month), default=None)
    return tuple(CompanyRow(t.slug, t.name, len(t.articles),
                            sparkline_svg(padded(intel[t.slug].months, first, last),
                                          label.format(name=t.name, n=len(t.articles))))
                 for t in ranked)


def padded(months: Sequence[MonthCount], first: MonthCount | None, last: MonthCount | None,
           ) -> tuple[MonthCount, ...]:
    """``months`` from ``first``'s month to ``last``'s, the months outside its own as 0."""
    if first is None or last is None:
        return tuple(months)
    return _span({(m.year, m.month): m.count for m in months}, (first.year, first.month), (last.year, last.month))


def co_mention_counts(articles: Iterable[Article]) -> dict[str, Counter[str]]:
    """Company id → Counter of the other company ids in the same articles; one pass over the articles."""
    together: dict[str, Counter[str]] = defaultdict(Counter)
    for article in articles:
        ids = sorted({c.id for c in article.companies})
        for i, a in enumerate(ids):
            for b in ids[i + 1:]:
                together[a][b] += 1
                together[b][a] += 1
    return together


def monthly(articles: Sequence[Article]) -> tuple[MonthCount, ...]:
    """Articles per month over the span of ``articles``, months without any included as 0."""
    if not articles:
        return ()
    counts = Counter((a.date.year, a.date.month) for a in articles)
    return _span(counts, min(counts), max(counts))


def _span(counts: Mapping[tuple[int, int], int], first: tuple[int, int], last: tuple[int, int],
          ) -> tuple[MonthCount, ...]:
    """Every month from ``first`` to ``last`` (year, month) with its count, 0 where ``counts`` has none."""
    out = []
    y, m = first
    while (y, m) <= last:
        out.append(MonthCount(y, m, counts.get((y, m), 0)))
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return tuple(out)


def _top(counter: Counter[str], names: dict[str, str], folder: str, limit: int | None = None) -> tuple[Count, ...]:
    ranked = sorted(counter.items(), key=lambda kv: (-kv[1], fold(names[kv[0]]), kv[0]))
    return tuple(Count(slug, names[slug], n, f"{folder}/{slug}/") for slug, n in ranked[:limit])


def sparkline_svg(months: Sequence[MonthCount], label: str, width: int = 120, height: int = 24) -> str:
    """A deterministic line of monthly counts: integer coordinates, no script, a text alternative.

    One month is a dot; the highest month touches the top. The numbers themselves are in a
    table next to it (the SVG is a picture of them, so screen readers get ``label``).
    """
    top = max((m.count for m in months), default=0) or 1
    step = (width - 4) / max(len(months) - 1, 1)
    ys = [height - 2 - round(m.count * (height - 4) / top) for m in months]
    # a flat run (months without mentions, on the ranking's shared span) needs only its two ends
    points = " ".join(f"{2 + round(i * step)},{y}" for i, y in enumerate(ys)
                      if i in (0, len(ys) - 1) or not ys[i - 1] == y == ys[i + 1])
    shape = (f'<polyline points="{points}" fill="none" stroke="currentColor" stroke-width="1.5"/>'
             if len(months) > 1 else f'<circle cx="{width // 2}" cy="{height // 2}" r="2" fill="currentColor"/>')
    safe_label = label.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")
    return (f'<svg class="sparkline" xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{safe_label}">{shape}</svg>')


def company_intel(companies: Sequence[Term], sections: Sequence[Term], publishers: Sequence[Publisher],
                  all_articles: Sequence[Article], label: str | Plural) -> dict[str, Intel]:
    """Intel for every company, keyed by id; ``label`` is the sparkline's text, formatted with name and total."""
    together = co_mention_counts(all_articles)
    company_names = {t.slug: t.name for t in companies}
    section_of = {fold(t.name): t for t in sections}
    publisher_of: dict[str, Publisher] = {a.source_path: p for p in publishers for a in p.articles}
    out: dict[str, Intel] = {}
    for term in companies:
        by_section: Counter[str] = Counter()
        by_publisher: Counter[str] = Counter()
        names: dict[str, str] = {}
        for a in term.articles:
            if a.section and fold(a.section) in section_of:
                s = section_of[fold(a.section)]
                by_section[s.slug] += 1
                names[s.slug] = s.name
            p = publisher_of.get(a.source_path)
            if p is not None:
                by_publisher[p.slug] += 1
                names[p.slug] = p.name
        months = monthly(term.articles)
        out[term.slug] = Intel(
            first=min((a.date for a in term.articles), key=datetime.timestamp),
            latest=max((a.date for a in term.articles), key=datetime.timestamp),
            co_mentions=_top(together.get(term.slug, Counter()), company_names, "companies"),
            sections=_top(by_section, names, "sections", TOP), publishers=_top(by_publisher, names, "sources", TOP),
            months=months,
            sparkline=sparkline_svg(months, label.format(name=term.name, n=len(term.articles))))
    return out




@dataclass(frozen=True)
class Intersection:
    """The articles a company shares with a section or with another company (enough of them to get a page)."""

    company: str
    """The company's id."""
    kind: str
    """'sections' or 'with'."""
    other: str
    """The section's or the other company's slug."""
    title: str
    """'Meta in Aceh', 'Meta with Scale AI'; a name with right-to-left letters isolated (``i18n.isolate``)."""
    articles: tuple[Article, ...]
    """Newest first."""

    @property
    def path(self) -> str:
        return f"companies/{self.company}/{self.kind}/{self.other}/"


def intersections(articles: Sequence[Article], companies: Sequence[Term], sections: Sequence[Term], minimum: int,
                  in_section: str, with_company: str) -> tuple[Intersection, ...]:
    """Company×section and company×company lists with at least ``minimum`` articles, sorted by path.

    Built from each article's own pairs in one pass over ``articles`` (newest first, so every
    list comes out newest first): the work grows with the articles, not with companies squared.
    """
    names = {t.slug: t.name for t in companies}
    section_of = {fold(t.name): t for t in sections}
    groups: dict[tuple[str, str, str], list[Article]] = defaultdict(list)
    for article in articles:
        ids = sorted({c.id for c in article.companies})
        section = section_of.get(fold(article.section)) if article.section else None
        for a in ids:
            if section is not None:
                groups[(a, "sections", section.slug)].append(article)
            for b in ids:
                if a != b:
                    groups[(a, "with", b)].append(article)
    section_names = {t.slug: t.name for t in sections}
    out = []
    for (company, kind, other), members in sorted(groups.items()):
        if len(members) < minimum:
            continue
        pattern = in_section if kind == "sections" else with_company
        other_name = section_names[other] if kind == "sections" else names[other]
        title = pattern.format(a=isolate(names[company]), b=isolate(other_name))
        out.append(Intersection(company, kind, other, title, tuple(members)))
    return tuple(out)
