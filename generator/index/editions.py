"""Weekly editions: every ISO week with articles is an edition at /weekly/YYYY-Www/.

Editions are numbered 1, 2, 3… from the oldest week that has articles. Inside an edition the
items are grouped by section (sections in the site's order, items without a section last)
and, in a group, by date, oldest first, so an edition reads as the week went. An optional
``content/weekly/2025-W24.md`` adds the editor's note (Markdown) and may set a title.
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from html import escape
from pathlib import Path
from typing import Any, Iterable, Sequence
from zoneinfo import ZoneInfo

from generator.core import i18n, urls
from generator.load.config import Config
from generator.load.embeds import as_links
from generator.load.content import (NOT_READ, NOTES_DIR, FieldReader, claim_name, decode, find_flat, held_name,
                                    html_in_text, markdown_misnamed, markdown_name, read_article, removed_problems,
                                    value_lines)
from generator.core.errors import Problem
from generator.render.feeds import Category, FeedDoc, FeedItem, feed_html, render_doc
from generator.load.frontmatter import (SplitError, Written, YamlError, cut_by_comment, double_quoted,
                                        lines_read, load_yaml_past_slips, not_text,
                                        read_past, said_by, split, yaml_problems)
from generator.load.markdown import MarkdownOptions, render
from generator.core.models import Article, Term
from generator.core.wrap import collapse, wrap
from generator.load.registry import fold
from generator.core.patterns import LazyPattern

_NOTE_NAME = LazyPattern(r"^(\d{4})-W(\d{2})\.md$")
_NOTE_KEYS = ("title", "lang")
_LABEL = LazyPattern("(?:" + "|".join(re.escape(strings["edition_number"]).replace(r"\{n\}", r"\s*\d+(?![–—-]\w)")
                              .replace(r"\#", r"\s*\#").replace(r"\ ", r"\s*")
                              + "|" + re.escape(strings["edition_number"].partition("#")[0].strip())
                              + r"\s*\d{1,3}(?=\s*(?:[:·]|[–—-](?!\w)|$))"
                              for strings in i18n.STRINGS.values()) + r")(?![\w])\s*[:·–—-]?\s*", re.IGNORECASE)
"""An edition's own label at the start of a note's title ('Edisi #1: ', 'Edition #3 – '), which its heading adds,
unless a dash joins its number to what follows ('Edisi #2-in-1', 'Edisi #9–15 Juni': titles of their own);
written without its '#' ('Edisi 2: '), a number of up to three digits before a colon or a dash not joined to the word
after it, or nothing after: not 'Edisi 100 hari', 'Edisi 2025: kilas balik', 'Edisi 17-an: …' or 'Edisi 9–15 Juni',
titles of their own."""


@dataclass(frozen=True)
class Note:
    """The editor's note for one week."""

    year: int
    week: int
    title: str
    """'' when the note sets none."""
    html: str
    source_path: str
    lang: str = ""
    """The note's language when it is not the site's (``lang:``, as an article's), or ''."""


@dataclass(frozen=True)
class EditionGroup:
    """The items of one section in an edition."""

    section: str
    """Display name; '' for items without a section."""
    slug: str
    articles: tuple[Article, ...]
    """Oldest first."""


@dataclass(frozen=True)
class EditionLink:
    """An edition as another page (the index, prev/next links) shows it."""

    year: int
    week: int
    number: int
    heading: str
    """'Edisi #12 · 9–15 Juni 2025', or 'Edisi #12: <the note's title>'."""
    start: datetime
    end: datetime
    count: int
    lang: str = ""
    """The language of the note's title in ``heading`` when it is not the site's (``Edition.note_lang``), or ''."""

    @property
    def path(self) -> str:
        return edition_path(self.year, self.week)


@dataclass(frozen=True)
class Edition:
    """One ISO week of articles."""

    year: int
    """ISO year (may differ from the calendar year in the first and last days of January/December)."""
    week: int
    number: int
    """1 for the oldest edition."""
    heading: str
    """What the edition is called on its page, in lists and in feeds."""
    start: datetime
    """Monday, 00:00 in the site's time zone."""
    end: datetime
    """Sunday, 00:00 in the site's time zone."""
    title: str
    """The note's title, or ''."""
    note_html: str
    note_lang: str
    """The note's language when it is not the site's (``Note.lang``), or ''."""
    groups: tuple[EditionGroup, ...]
    in_progress: bool
    """The week has not ended at the build's 'now'."""

    @property
    def path(self) -> str:
        return edition_path(self.year, self.week)

    @property
    def articles(self) -> tuple[Article, ...]:
        return tuple(a for g in self.groups for a in g.articles)

    @property
    def over(self) -> datetime:
        """When the week ends (the next Monday, 00:00): from then on the edition is no longer in progress."""
        return self.start + timedelta(days=7)

    @property
    def link(self) -> EditionLink:
        return EditionLink(self.year, self.week, self.number, self.heading, self.start, self.end, len(self.articles),
                           self.note_lang if self.title else "")


def edition_path(year: int, week: int) -> str:
    return f"weekly/{year:04d}-W{week:02d}/"


def iso_week(moment: datetime) -> tuple[int, int]:
    iso = moment.isocalendar()
    return iso.year, iso.week


def load_notes(root: Path, content_dir: str, markdown: MarkdownOptions, static_dir: str = "static",
               base_path: str = "/") -> tuple[dict[tuple[int, int], Note], list[Problem]]:
    """Read ``content/weekly/*.md`` (``content.find_flat``: links and sub-folders as for pages); every bad file is
    a problem, the rest still load. Bodies are rendered with the site's Markdown options (``markdown``), as
    articles and pages are."""
    beside: dict[str, str] = {}  # the folder's files, and the names told to its misnamed Markdown ('2025-W24.MD')
    found, where = find_flat(root, content_dir, NOTES_DIR, f"an editor's note is a file directly in {content_dir}/"
                             f"{NOTES_DIR}/, named after its week: {content_dir}/{NOTES_DIR}/2025-W24.md", beside,
                             _misnamed_markdown)
    notes: dict[tuple[int, int], Note] = {}
    problems: list[Problem] = list(where)
    misnamed = _misnamed_notes([rel.rpartition("/")[2] for rel, _ in found], beside)
    for rel, path in found:
        match = _NOTE_NAME.match(rel.rpartition("/")[2])
        week = (int(match[1]), int(match[2])) if match else None
        if week is None or not _valid_week(*week):
            problems.append(Problem(rel, 1, "", misnamed[rel.rpartition("/")[2]]))
            continue
        data = read_article(rel, path)  # size and type checked first: a sparse 4 GB file is never read whole
        if isinstance(data, Problem):
            problems.append(data)
            continue
        note, found_here = _parse_note(rel, data, week, markdown, static_dir, base_path)
        problems += found_here
        if note is not None:
            notes[week] = note
    return notes, problems


def _valid_week(year: int, week: int) -> bool:
    return year >= 1 and 1 <= week <= date(year, 12, 28).isocalendar().week  # there is no year 0


_WEEK_LIKE = LazyPattern(r"^(\d{4})[-_ ]?w(\d{1,2})\.md$", re.IGNORECASE)


def _misnamed_notes(files: Sequence[str], names: dict[str, str]) -> dict[str, str]:
    """``_misnamed_note`` of each file of ``files`` (the notes' names) that names no ISO week as 2025-W24.md does.
    A name that is a week's ('2025-w52.md') is told its week first, then week 00's, then a week a year does not
    have ('2025-W53.md'), which is offered only a week no file is told to take: in the order of their names,
    '2025-W53.md' was offered 2025-W52.md, which '2025-w52.md' was then told to take. ``names``: the folder's files
    and the names told to its other files (``content.find_flat``)."""

    def order(name: str) -> tuple[int, str]:
        like = _WEEK_LIKE.match(name)
        year, week = (int(like[1]), int(like[2])) if like else (0, 0)
        return (0 if 1 <= year <= 9998 and _valid_week(year, week) else 1 if week == 0 else 2), name

    def named(name: str) -> bool:
        match = _NOTE_NAME.match(name)
        return match is not None and _valid_week(int(match[1]), int(match[2]))

    return {name: _misnamed_note(name, names) for name in sorted((n for n in files if not named(n)), key=order)}


def _misnamed_markdown(name: str, names: dict[str, str]) -> str:
    """``content.markdown_misnamed`` for a weekly note's file ('2026-W1.MD'): told at once the week's name to take
    (2026-W01.md), or the note to merge into ('2025-w23.MD' beside 2025-W23.md), not first a name ending in '.md'
    that the next build tells to be renamed in turn ('2026-W1.md')."""
    to = markdown_name(name)
    match = _NOTE_NAME.match(to)
    if not to or to in names or match is not None and _valid_week(int(match[1]), int(match[2])):
        return markdown_misnamed(name, names)
    return f"{NOT_READ}, and {_misnamed_note(to, names)}"


def _misnamed_note(name: str, names: dict[str, str]) -> str:
    """What is wrong with a weekly note's file ``name`` that names no ISO week as 2025-W24.md does, and the name to
    give it: '2024-w52.md' is 2024-W52.md; 2025 has no week 53 (nor any year a week 00). A name in ``names`` (the
    notes there are, each by itself) is that week's note already: renamed onto, it would be lost, so the two are to
    be merged. A name this one is told to take goes into ``names`` as held by it, so that a second file told the same
    ('2025_W24.md' after '2025-w24.md') is told to merge into the first one's, not to rename onto it."""
    like = _WEEK_LIKE.match(name)
    year, week = (int(like[1]), int(like[2])) if like else (0, 0)
    if not 1 <= year <= 9998:  # 'minggu-ini.md', '0000-W01.md': there is no year 0 (nor 10000)
        return "an editor's note is named after its ISO week, like 2025-W24.md (weeks 01 to 52, or 53 in long years)"
    if _valid_week(year, week):
        said, to = "an editor's note is named after its ISO week as YYYY-Www.md", f"{year:04d}-W{week:02d}.md"
        return f"{said}; " + (f"{held_name(to, names)} is that week's note already: merge the two into it, and delete "
                              "this file" if to in names else f"rename it to {claim_name(to, name, names)}")
    last = date(year, 12, 28).isocalendar().week
    if week == 0:
        to, start = f"{year:04d}-W01.md", date.fromisocalendar(year, 1, 1)
        return "there is no week 00: ISO weeks count from 01; " + (
            f"{held_name(to, names)} (from {start}) is that week's note already: merge the two into it, or rename this "
            f"one to the week its articles are dated in" if to in names else
            f"rename it to {claim_name(to, name, names)} (from {start}), or to the week its articles are dated in")
    weeks = {f"{year:04d}-W{last}.md": date.fromisocalendar(year, last, 1),
             f"{year + 1:04d}-W01.md": date.fromisocalendar(year, last, 1) + timedelta(weeks=1)}
    free, taken = ([f"{held_name(to, names)} (from {start})" for to, start in weeks.items() if (to in names) == kept]
                   for kept in (False, True))
    said = f"{year:04d} has no week {week:02d}: its ISO weeks run 01 to {last}; "
    if names.setdefault(same := f"{year:04d}-W{week:02d}.md", name) != name:  # '2025_W53.md' after '2025-W53.md'
        return said + f"{names[same]} is a note of that week too: merge the two into it, and delete this file"
    to_week = "the week its articles are dated in"
    if not taken:
        return said + f"rename it to {to_week}, like {' or '.join(free)}"
    if not free:
        return said + f"merge it into the note of {to_week}, {' or '.join(taken)}"
    return said + f"rename it to {to_week}, like {free[0]}, or merge it into {taken[0]}, that week's note already"


def _parse_note(rel: str, data: bytes, week: tuple[int, int], markdown: MarkdownOptions, static_dir: str,
                base_path: str = "/") -> tuple[Note | None, list[Problem]]:
    text, problems = decode(rel, data)
    if text is None:
        return None, problems
    title, lang, body, body_line = "", "", text, 1
    if text.startswith("---"):
        read: list[YamlError] = []
        written: Written = {}
        try:
            parts = split(text)
            meta, lines, slip = load_yaml_past_slips(parts.yaml_text, parts.yaml_line, read, written=written)
        except SplitError as e:
            return None, [*problems, Problem(rel, e.line, "", e.message)]
        except YamlError as e:
            return None, [*problems, *yaml_problems(rel, e)]
        if slip is not None:  # the other keys, read as if the slips were written as said, are said in the same run
            problems += yaml_problems(rel, slip)
        problems += said_by(rel, read_past(rel, read), slip)
        body, body_line = parts.body, parts.body_line
        meta = meta or {}
        if not isinstance(meta, dict):
            return None, [*problems, Problem(rel, parts.yaml_line, "", "front matter must be 'key: value' lines")]
        found: list[Problem] = []
        for key, value in meta.items():
            if key not in _NOTE_KEYS:
                found.append(Problem(rel, lines.get((key,), 1), str(key),
                                     "unknown key; an editor's note takes only 'title:' and 'lang:'"))
            elif not isinstance(value, str) or not value.strip():
                found.append(Problem(rel, lines.get((key,), 1), key, not_text(key, value, written)))
            elif key == "lang":  # read as an article's: a BCP 47 tag, '' for the site's own language
                lang = FieldReader(rel, meta, lines, lines_read(text, parts.yaml_line, slip), found, written,
                                   slip).lang(markdown.language)
            else:
                at, raw = lines.get((key,), 1), text.split("\n")
                # one line, as an article's title: 'title: |' over lines would break <title>, the feeds, email.txt
                title, warning = _note_title(" ".join(value.split()), value_lines(raw, at))
                cut = cut_by_comment(raw, at, key, value, _unlabelled)
                found += [Problem(rel, at, key, said, "warning") for said in (cut, warning) if said]
        problems += said_by(rel, found, slip)  # what a slip is about, only the slip says
        if any(p.severity == "error" for p in problems):
            return None, problems
    rendered = render(body, markdown, lang=lang) if body.strip() else None
    if rendered is not None:
        problems += removed_problems(rel, rendered, body_line, static_dir, base_path)
    return Note(week[0], week[1], title, rendered.html if rendered else "", rel, lang), problems


def _unlabelled(title: str, note: str = "") -> str:
    """What to do when a note's whole title (YAML cut at its '#': 'title: Edisi #1: Pekan AI' read 'Edisi') starts
    with the edition's label; '' when it does not. The number written is not claimed: the week's edition may have
    another ('Edisi #27' on the week of 'Edisi #3'). ``note``: the editor's comment after the title ('  # cek
    lagi'), kept at the end of the line to write."""
    label = _LABEL.match(title)
    if not label:
        return ""
    word = re.sub(r"\s*\d+", "", label.group().strip().rstrip(":·–—-").strip())  # 'Edisi #27:' → 'Edisi #'
    adds, why = f"the edition's heading adds '{word}' and the number the edition has already", \
        "editions count from the oldest week"
    rest = title[label.end():].strip()
    return f"{adds} ({why}); write title: {double_quoted(rest)}{note}" if rest else f"remove the line: {adds}: {why}"


def _note_title(title: str, lines: tuple[int, int]) -> tuple[str, str]:
    """The title an edition's heading shows after its label, and a warning when the editor wrote the label too
    ('Edisi #1: Pekan Scale AI' would read 'Edisi #1: Edisi #1: ...', and keep a number a new older week changes),
    or HTML (shown as written, as in an article's title; ``lines``: where it is written, for the line to write)."""
    label = _LABEL.match(title)
    rest = title[label.end():].strip() if label else title
    markup = html_in_text(rest, "title", lines) if "&" in rest or "<" in rest else ""
    if not label:
        return title, markup
    said = (f"starts with '{label.group().strip()}', which the edition's heading adds already (with the number the "
            "edition has: editions count from the oldest week)")
    if not rest:
        return "", f"{said}; remove the line, and the heading shows the week's dates instead"
    if markup:
        return rest, f"{said}, and {markup}"
    return rest, f"{said}; write title: " + double_quoted(rest)


def build_editions(articles: Sequence[Article], sections: Sequence[Term], notes: dict[tuple[int, int], Note],
                   now: datetime | None, tz: ZoneInfo, language: str,
                   waiting: Iterable[Article] = ()) -> tuple[tuple[Edition, ...], list[Problem]]:
    """Editions newest first; one pass over the articles, then a sort within each week.

    A note for a week without articles is a warning (it would be shown nowhere), unless articles left out for now
    are dated in it (``waiting``: scheduled ones, drafts): an editor may write next week's note ahead.
    """
    weeks: dict[tuple[int, int], list[Article]] = defaultdict(list)
    for article in articles:
        weeks[iso_week(article.date)].append(article)
    later = {iso_week(article.date) for article in waiting}
    order = {fold(term.name): (i, term.name, term.slug) for i, term in enumerate(sections)}
    editions = []
    for number, key in enumerate(sorted(weeks), 1):
        start = datetime.combine(date.fromisocalendar(key[0], key[1], 1), time(), tz)
        end = start + timedelta(days=6)
        groups: dict[tuple[int, str, str], list[Article]] = defaultdict(list)
        for article in weeks[key]:
            place = order.get(fold(article.section), (len(order), "", "")) if article.section else (len(order), "", "")
            groups[place].append(article)
        note = notes.get(key)
        title = note.title if note else ""
        editions.append(Edition(
            key[0], key[1], number, edition_heading(number, title, start, end, language, note.lang if note else ""), start,
            end, title,
            note.html if note else "", note.lang if note else "",
            tuple(EditionGroup(name, slug, tuple(sorted(items, key=lambda a: (a.date.timestamp(), a.slug, a.source_path))))
                  for (_, name, slug), items in sorted(groups.items())),
            now is not None and now < start + timedelta(days=7)))
    problems = [Problem(note.source_path, 0, "", f"no article is dated in week {y}-W{w:02d}, so this note is "
                                                 "shown nowhere; check the file name", "warning")
                for (y, w), note in sorted(notes.items()) if (y, w) not in weeks and (y, w) not in later]
    return tuple(reversed(editions)), problems


def email_path(edition: str) -> str:
    """The output path of the email version of the edition page at ``edition``."""
    return f"{edition}email.html"


GMAIL_CLIP = 102 * 1024
"""Gmail shows this many bytes of a message's HTML, and hides the rest behind "[Message clipped]"."""


def clipped_email(shown: str, size: int) -> Problem | None:
    """A warning when an edition's email (``shown``: its file, as the editor finds it) is over ``GMAIL_CLIP``:
    Gmail readers would see the edition cut off, its last items and footer behind a link."""
    if size <= GMAIL_CLIP:
        return None
    return Problem(shown, 0, "", f"{size / 1024:.0f} KB, more than the {GMAIL_CLIP // 1024} KB Gmail shows of a "
                                 "message: Gmail readers get the edition cut off, its last items and footer behind "
                                 "'[Message clipped] View entire message'; send fewer items, or shorten the note and "
                                 "the summaries", "warning")


def edition_heading(number: int, title: str, start: datetime, end: datetime, language: str, lang: str = "") -> str:
    """'Edisi #12 · 9–15 Juni 2025', or 'Edisi #12: <title>' when the note sets one (isolated when it holds
    right-to-left letters, or is in the note's ``lang``: ``i18n.isolate``; the label is in the site's language)."""
    label = i18n.STRINGS[language]["edition_number"].format(n=number)
    if title:
        return f"{label}: {i18n.isolate(title, lang)}"
    return f"{label} · {i18n.date_range(start.date(), end.date(), language)}"


def edition_html(config: Config, edition: Edition) -> str:
    """The whole edition as an HTML fragment, for feeds: the note, then each section's items."""
    t = i18n.STRINGS[config.language]
    note = feed_html(edition.note_html, urls.absolute(config.base_url, edition.path)) if edition.note_html else ""
    parts = [f"<div{_lang_attrs(edition.note_lang)}>\n{note}</div>\n" if note and edition.note_lang else note]
    for group in edition.groups:
        parts.append(f"<h2>{escape(group.section or t['edition_other'])}</h2>\n<ul>\n")
        for a in group.articles:
            link = escape(urls.absolute(config.base_url, a.path))
            line = f'<li{_lang_attrs(a.lang)}><a href="{link}">{escape(a.title)}</a>'
            if a.summary:
                line += f" — {escape(a.summary)}"
            if a.source:
                line += f' (<a href="{escape(a.source.url)}">{escape(a.source.name)}</a>)'
            parts.append(line + "</li>\n")
        parts.append("</ul>\n")
    return "".join(parts)


def _lang_attrs(lang: str) -> str:
    """The attributes of a part of a weekly feed item in ``lang`` (a headline, the note), as feed items say an
    article's language: '' for the site's, ``lang`` with ``dir="rtl"`` for a right-to-left one."""
    return f' lang="{lang}"' + (' dir="rtl"' if i18n.right_to_left_tag(lang) else "") if lang else ""


def edition_feed(config: Config, title: str, editions: Sequence[Edition], icon: str,
                 latest: datetime | None = None) -> FeedDoc:
    """The weekly feed: one item per edition, its whole content as the item's content, dated when its week ended,
    the moment it enters the feed (dated by its first article, it came in days in the past, and RSS-to-email
    services that take items newer than their last run skipped it). ``latest``: the feed's date while it has no
    item."""
    items = []
    for edition in editions[: config.feed_size]:
        articles = edition.articles
        items.append(FeedItem(
            url=urls.absolute(config.base_url, edition.path), title=edition.heading,
            date=edition.over, updated=max((edition.over, *(a.updated or a.date for a in articles)), key=datetime.timestamp),
            summary=edition_summary(config.language, edition),
            content_html=edition_html(config, edition), summary_only=False,
            categories=tuple(Category("sections", g.section) for g in edition.groups if g.section)))
    return FeedDoc(title, "weekly/", config.description or title, tuple(items), icon, latest)


SUMMARY_TITLES = 3
"""Headlines a weekly feed item's summary names; the rest are counted."""


def edition_summary(language: str, edition: Edition) -> str:
    """'3 artikel: Meta …; Google …; OpenAI …' (the first headlines in the edition's order, then 'dan 2 lainnya'):
    a reader's feed list showed only "1 artikel"."""
    t = i18n.STRINGS[language]
    titles = [a.title for group in edition.groups for a in group.articles]
    said = "; ".join(titles[:SUMMARY_TITLES])
    if len(titles) > SUMMARY_TITLES:
        said += "; " + t["and_more"].format(n=len(titles) - SUMMARY_TITLES)
    return f"{t['articles_count'].format(n=len(titles))}: {said}"


def neighbours(editions: Sequence[Edition], places: Iterable[int] | None = None
               ) -> Iterable[tuple[Edition, EditionLink | None, EditionLink | None]]:
    """Each edition (those at ``places`` alone, if given) with the previous (older) and next (newer) one;
    ``editions`` is newest first."""
    for i in range(len(editions)) if places is None else places:
        edition = editions[i]
        newer = editions[i - 1].link if i > 0 else None
        older = editions[i + 1].link if i + 1 < len(editions) else None
        yield edition, older, newer


def render_edition_feed(config: Config, fmt: str, title: str, editions: Sequence[Edition], icon: str,
                        latest: datetime | None = None) -> bytes:
    return render_doc(config, fmt, edition_feed(config, title, editions, icon, latest))


EMAIL_IMAGE_WIDTH = 560
_PLAIN_SITE_PATH = LazyPattern(r"/(?!/)[A-Za-z0-9/_.~-]*")
"""A path from the site's root with nothing urljoin would change: no '//' start, query, fragment or escape."""
_PLAIN_ABSOLUTE = LazyPattern(r"https?://[A-Za-z0-9.-]+(?::[0-9]+)?(?:/[^\s?#;]*)?(?:\?[^\s#]+)?(?:#\S+)?")
"""A web address urljoin gives back as it is (an article's source, a link in its summary): a lower-case scheme,
a plain host, no ';' parameters, no empty query or fragment."""
"""Width given to a note's images in email: the 600 px frame less its padding."""


def _joined(page_url: str, value: str) -> str:
    """``urljoin``; a link it cannot read (a lone '[' in its host) is left as written, as a browser would show it."""
    from urllib.parse import urljoin
    try:
        return urljoin(page_url, value)
    except ValueError:
        return value


_BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "tr", "dt", "dd", "blockquote")
_NESTED = frozenset((*_BLOCKS, "ul", "ol", "table", "dl"))
"""What gives its own text in ``plain_text``: a block's text is what is in it but not in these."""
_CONTAINERS = ("div", "figure", "figcaption", "details", "summary", "section")
"""The sanitiser's other blocks: their text, in none of ``_BLOCKS``, is made a paragraph (``_loose_paragraphs``)."""
_BREAKS = frozenset((*_NESTED, *_CONTAINERS, "hr"))


def _stand_in(element: Any, words: str) -> None:
    """Put ``words`` (a picture's '[alt] (address)', a player's) where ``element`` stood: a paragraph of their own when
    it stands alone in the note or in a ``_CONTAINERS`` block (a raw ``<video>`` on its own lines, a figure's
    picture), else in the text around it."""
    parent, before = element.getparent(), element.getprevious()
    around = (parent.text if before is None else before.tail, element.tail)
    if words and parent.tag in _CONTAINERS and not any(text and text.strip() for text in around):
        paragraph = element.makeelement("p", {})
        paragraph.text, paragraph.tail = words, element.tail
        parent.replace(element, paragraph)
    else:
        element.tail = words + (element.tail or "")
        element.drop_tree()


def _loose_paragraphs(container: Any) -> None:
    """Wrap each run of text and inline elements that stands in ``container`` (the note, a ``_CONTAINERS`` block in
    it, a quote or item holding one) outside any block in a ``<p>`` of its own: a raw ``<div>``'s text, a ``<figcaption>``, a ``<summary>``,
    the '[video] (address)' a player on its own lines left behind. ``plain_text`` gives only blocks' text, and these
    were gone without a word."""
    for child in container:
        if child.tag in _CONTAINERS:
            _loose_paragraphs(child)
    children, text, out = list(container), container.text, []
    container.text = None
    run: Any = None  # the <p> being filled

    def add(words: str | None) -> None:
        nonlocal run
        if run is None and words and words.strip():
            run = container.makeelement("p", {})
            out.append(run)
            run.text = words
        elif run is not None and words:
            if len(run):
                run[-1].tail = (run[-1].tail or "") + words
            else:
                run.text = (run.text or "") + words

    add(text)
    for child in children:
        container.remove(child)
        tail, child.tail = child.tail, None
        if child.tag in _BREAKS:
            run = None
            out.append(child)
        else:
            if run is None:
                run = container.makeelement("p", {})
                out.append(run)
            run.append(child)
        add(tail)
    container.extend(out)


def _own_lines(block: Any) -> list[str]:
    """The text of ``block`` but its inner blocks' (an item's text before its nested list), cut at each hard break
    (``<br>``), each part's spaces collapsed (``collapse``: a line break between Chinese characters is none); []
    when it has none."""
    parts = [block.text or ""]

    def walk(element: Any) -> None:
        if isinstance(element.tag, str) and element.tag not in _NESTED:
            if element.tag == "br":
                parts.append("")
            else:
                parts[-1] += element.text or ""
                for child in element:
                    walk(child)
        parts[-1] += element.tail or ""

    for child in block:
        walk(child)
    lines = [collapse(part) for part in parts]
    while lines and not lines[-1]:
        lines.pop()
    return lines if any(lines) else []


def _tight(before: Any, block: Any) -> bool:
    """Whether ``block`` follows ``before`` with no blank line: both are rows of one table (a blank line between each
    made a table read as paragraphs), or items of a tight list (their text is not in ``<p>``), ``block`` the next
    item of ``before``'s list, or of a list inside it; as the web page sets them."""
    if before is not None and before.tag == "tr" == block.tag:
        return next(before.iterancestors("table"), None) is next(block.iterancestors("table"), None)
    if before is None or before.tag != "li" or block.tag != "li":
        return False
    parent = block.getparent()
    return parent is not None and (parent.getparent() is before or any(e is parent for e in before.iterancestors()))


def _list_marker(item: Any) -> str:
    """'- ', or '3. ' for the third item of an ordered list (counted from its ``start``)."""
    parent = item.getparent()
    if parent is None or parent.tag != "ol":
        return "- "
    start = parent.get("start", "1")
    return f"{(int(start) if start.isdigit() else 1) + sum(1 for _ in item.itersiblings('li', preceding=True))}. "


_ROW_GOES_ON = "    "
"""The indent of a table row's lines after its first in ``plain_text`` (a row wider than the text, or with a hard
break): they read as the row going on, not as rows of their own."""


def plain_text(html: str, page_url: str, width: int = 70) -> str:
    """An editor's note (rendered HTML) as the text email gives it: one paragraph per block, wrapped at
    ``width`` without breaking a word or a URL, list items as '- ' or '1. ' (a nested one under its parent's text,
    an item's later paragraphs too), a hard break as a new line, each link's address after its text (absolute,
    resolved as on the page at ``page_url``), an image as '[alt] (address)' and a video or audio as
    '[video] (address)' (its title, if it has one, in the brackets; on its own lines, a paragraph; with no address,
    '[video]' and its fallback text), the text of a raw
    <div>, <figcaption> or <summary> as paragraphs, no heading '#' or footnote '↩' links, a quote's '> ' on each of
    its lines. ``striptags`` ran it all into one line and lost every address."""
    import lxml.html

    doc = lxml.html.fragment_fromstring(feed_html(html, page_url), create_parent="div")
    for link in doc.xpath("//a[contains(@class, 'footnote-backref')]"):
        link.drop_tree()
    for n, item in enumerate(doc.xpath("//li[contains(@class, 'footnote-item')]"), 1):
        first = next(iter(item.xpath("./p[1]")), item)
        first.text = f"[{n}] " + (first.text or "")  # the mark the text's '[1]' points at
    for image in doc.xpath("//img"):  # its alt text and address where it stood (it was lost)
        alt, src = " ".join((image.get("alt") or "").split()), (image.get("src") or "").strip()
        _stand_in(image, ((f"[{alt}]" if alt else "") + (f" ({src})" if src else "")).strip())
    for media in doc.xpath("//video | //audio"):  # its address, not the fallback text of a player that cannot play
        # './/': lxml's parser, which takes <track> for no void element, nests a <source> after one inside it
        src = next((s.strip() for s in (media.get("src"), *media.xpath(".//source/@src")) if s and s.strip()), "")
        label = " ".join((media.get("title") or media.tag).split())
        if src:
            _stand_in(media, f"[{label}] ({src})")
        else:  # nothing to play: its label and its fallback text, as a mail client shows it (it was left out)
            media.text = f"[{label}] " + (media.text or "")
            media.drop_tag()
    for cell in doc.xpath("//td | //th"):  # a '|' of a cell's text as Markdown writes it, '\\|': not a column's end
        for node in cell.iter():
            node.text = node.text and node.text.replace("|", "\\|")
            if node is not cell:
                node.tail = node.tail and node.tail.replace("|", "\\|")
    # a footnote's mark ('[1]', as markdown.py writes it) is no address ('#n2-fn1' when the note's ids took a prefix)
    for link in doc.xpath("//a[@href][not(@role='doc-noteref' and parent::sup[@class='footnote-ref'])]"):
        href, label = link.get("href", "").strip(), " ".join(link.text_content().split())
        if href and href != label:
            link.tail = f" ({href})" + (link.tail or "")
    for cell in doc.xpath("//td[following-sibling::td or following-sibling::th] | //th[following-sibling::*]"):
        cell.tail = " | " + (cell.tail or "")
    for block in [e for e in doc.iter("blockquote", "li", "dt", "dd") if any(c.tag in _CONTAINERS for c in e)]:
        _loose_paragraphs(block)  # its text and the div's in it, in their order
    _loose_paragraphs(doc)
    out: list[str] = []
    marked: set[Any] = set()  # the list items whose marker is out
    last: list[Any] = []  # the quotes and list items the last block is in, outermost first
    before: Any = None  # the last block
    for block in doc.iter(*_BLOCKS):
        if block.xpath("ancestor::pre"):
            continue
        lines = block.text_content().rstrip("\n").split("\n") if block.tag == "pre" else _own_lines(block)
        if not lines or not lines[0] and len(lines) == 1:
            continue
        within = [e for e in (*reversed(list(block.iterancestors())), block)
                  if e.tag == "blockquote" or e.tag == "li" and "footnote-item" not in e.get("class", "")]
        if out and not _tight(before, block):  # a blank line, with the '> ' (and indent) of what both blocks are in
            shared = next((n for n, (a, b) in enumerate(zip(last, within)) if a is not b), min(len(last), len(within)))
            out.append("".join("> " if e.tag == "blockquote" else " " * len(_list_marker(e))
                               for e in within[:shared]).rstrip())
        last, before = within, block
        first = rest = ""  # '> ' on every line of a quote; an item's marker on its first line, its indent after
        for e in within:
            mark = "> " if e.tag == "blockquote" else _list_marker(e)
            indent = mark if e.tag == "blockquote" else " " * len(mark)
            first, rest = first + (indent if e in marked else mark), rest + indent
            if e.tag == "li":
                marked.add(e)
        if block.tag == "pre":
            out.extend((first if n == 0 else rest) + line if line else (first if n == 0 else rest).rstrip()
                       for n, line in enumerate(lines))
            continue
        on = rest + _ROW_GOES_ON if block.tag == "tr" else rest  # a row's lines after its first: not rows of their own
        for n, line in enumerate(lines):  # a hard break starts a new line
            out.extend(wrap(line, width, first if n == 0 else on, on) or [(first if n == 0 else rest).rstrip()])
    return "\n".join(out)


_VOID = ("source", "track", "wbr", "embed")
"""Void elements libxml2's HTML parser and writer do not know: it nests what follows one inside it and writes an end
tag for it ('<source …>Tonton di situs.</source>', a stray end tag)."""
_VOID_END = LazyPattern(r"(<(" + "|".join(_VOID) + r")\b[^>]*>)</\2>")
"""A ``_VOID`` element's end tag right after its start tag (lxml escapes '>' in attribute values)."""


def _unnest(element: Any) -> None:
    """Move what libxml2 put inside a void ``element`` (its text, the elements after it) to after it."""
    parent, children, tail = element.getparent(), list(element), element.tail
    element.tail, element.text = element.text, None
    at = parent.index(element)
    for n, child in enumerate(children, 1):
        parent.insert(at + n, child)  # its tail goes with it
    last = children[-1] if children else element
    last.tail = (last.tail or "") + (tail or "") or None


def finish_email(html: str, page_url: str) -> str:
    """Make a rendered email safe to send: every ``<style>`` rule moved into ``style`` attributes
    (Gmail and Outlook drop style sheets), every link and image absolute (resolved as on the web
    page at ``page_url``; a video's ``poster`` too), every image with a width and an alt text (an editor's note may
    hold Markdown images without either), no heading's '#' link, a player's ``<source>`` and ``<track>`` and a
    ``<wbr>`` void (``_VOID``); a video card of the note a plain link to the video (``embeds.as_links``)."""
    import css_inline  # loaded only by builds that make editions
    import lxml.html

    inlined = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False).inline(as_links(html))
    doc = lxml.html.document_fromstring(inlined)
    for anchor in doc.xpath("//a[@class='anchor']"):  # a heading's '#' link: the web page's, not a mail's
        anchor.drop_tree()
    origin = page_url[:page_url.find("/", page_url.find("//") + 2)] if page_url.count("/") >= 3 else ""
    for element in doc.iter():
        for attr in ("href", "src", "poster"):
            value = element.get(attr)
            if value is not None:
                value = value.strip()
                # a site path the theme wrote: urljoin would only put the origin in front (a third of a build's
                # email time went to urljoin)
                if origin and _PLAIN_SITE_PATH.fullmatch(value) and "/." not in value:
                    element.set(attr, origin + value)
                elif not _PLAIN_ABSOLUTE.fullmatch(value):  # as it is, if it is a web address urljoin keeps
                    element.set(attr, _joined(page_url, value))
                elif value != element.get(attr):
                    element.set(attr, value)
        if element.tag == "img":
            if not element.get("width"):
                element.set("width", str(EMAIL_IMAGE_WIDTH))
                element.set("style", (element.get("style", "") + "; max-width: 100%; height: auto;").lstrip("; "))
            if element.get("alt") is None:
                element.set("alt", "")
        if element.get("class") is not None and element.get("style") is None and element.tag != "html":
            del element.attrib["class"]  # no rule of the email's matched it (Pygments' spans in a note's code)
    void = any(f"<{tag}" in inlined for tag in _VOID)  # a note's player or <wbr>: rare, so looked for only then
    for element in list(doc.iter(*_VOID)) if void else ():
        _unnest(element)
    out = lxml.html.tostring(doc, doctype="<!doctype html>", encoding="unicode")
    return (_VOID_END.sub(r"\1", out) if void else out) + "\n"
