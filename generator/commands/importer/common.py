"""What every source generator's reader returns, and the small rules they share (dates, slugs, text).

A reader (``pelican.py``, ``hugo.py``, ``jekyll.py``) only reads: it turns the old site into a
``Scan`` of posts, static files and files it left out, each with the reason. Placing posts in
news-digest's folders, finding companies and writing the project happen once, in ``__init__``.
"""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any, Callable, Literal

from text_unidecode import unidecode

from generator.core.urls import http_url
from generator.load.content import FIRST_YEAR, LAST_YEAR, MAX_BYTES, normalise_date, real_offset
from generator.core.errors import quoted

Kind = Literal["article", "page"]


@dataclass(frozen=True)
class Post:
    """One article or page of the old site, as read; placed and written later."""

    rel: str
    """Its file in the old site, relative to the PATH given (posix), for the report."""
    kind: Kind
    slug: str
    """The old site's slug: the last part of its old URL, kept as the new file name when valid."""
    old_urls: tuple[str, ...]
    """Root-relative URLs the old site served it at (the first is its main one)."""
    title: str
    body: str
    date: str = ""
    """The date as typed ('' for pages), normalised when placed."""
    updated: str = ""
    summary: str = ""
    tags: tuple[str, ...] = ()
    section: str = ""
    author: str = ""
    draft: bool = False
    companies: tuple[str, ...] = ()
    """Written by the old site in news-digest's own field (a site made for news-digest's shape, as the bench's)."""
    source: tuple[str, str] = ()
    """(name, url), from news-digest's own ``source:`` field, when the old site's front matter has one."""
    resources: tuple[tuple[Path, str], ...] = ()
    """Files next to it (a Hugo page bundle): (file, name), copied to sit next to its new URL."""
    withheld: tuple[str, ...] = ()
    """Its bundle's files the old site did not publish, by name, not copied; the report says why (``withheld_by``) and
    where in static/ one goes if it should be published, so its link finds it."""
    withheld_by: str = ""
    """What withheld them ('build: publishResources: false', with the cascade that set it)."""
    dropped: tuple[str, ...] = ()
    """Front-matter keys news-digest has no field for, for the report."""
    cascaded: tuple[tuple[str, str], ...] = ()
    """Of those, the ones a cascade gave it (Hugo's), each with the file whose cascade it is: the report names each
    cascade's key once, not once per page it reaches."""
    old_feeds: tuple[tuple[str, str, str], ...] = ()
    """The old site's feeds it was in, each as (address below the site's root, the kind of the new feed that takes
    its readers: '' for the site's, 'tags' or 'sections', and that tag's or section's name)."""
    old_lists: tuple[tuple[str, str, str], ...] = ()
    """The old site's list pages that listed it, each as (address below the site's root, its kind: 'tags' or
    'sections' for a tag's or category's page, the new folder whose page takes their readers, 'authors' for an
    author's page or the list of authors, 'archive' for the archives, 'index' for the home page's later pages and
    Hugo's section lists; and the tag's, section's or author's name (a Hugo section list's content folder): '' for the
    list of them all)."""
    unlisted: str = ""
    """How the old site kept a published post off its lists ('build: list: never' in Hugo, 'Status: hidden' in
    Pelican: on no list page and in no feed, served at its address all the same); '' for a listed one. news-digest
    lists every article, so the report says so (``importer.make_project``)."""
    local: bool = False
    """With ``unlisted``: on its section's and its tags' lists and feeds all the same, only not on the home page or in
    the site's feed (Hugo's 'build: list: local')."""
    future: bool = False
    """Dated after the import, so the old site had not published it yet (Hugo publishes a post dated ahead only with
    --buildFuture, or when its publishDate has come): it had no address and was on no list. news-digest holds it
    until its date too."""
    said: tuple[str, ...] = ()
    """What the reader changed in its body that the editor should check, each 'line N: ...' (N the file's line): a
    report line apiece (Jekyll's ``{% highlight ruby linenos %}``, whose line numbers the fenced block drops)."""
    literal: tuple[str, ...] = ()
    """Code blocks of its body the old site showed as written, which hold the old generator's syntax (Jekyll's
    ``{% highlight liquid %}`` around ``{% raw %}``, fenced without the raw tags): ``Scan.rewrite`` and
    ``Scan.left`` pass them by."""
    translation: str = ""
    """The language of a translation not in the old site's default language (Hugo's 'en' of a.en.md): where its
    slug is taken (by the default language's), it gets the language in it ('a-en') rather than a number."""
    locale: str = ""
    """The language tag the old site declared its page in, where that is not ``translation`` (Hugo's ``[languages.id]``
    with ``languageCode = "id-ID"``: 'id-ID'); its ``lang:``."""

    @property
    def held(self) -> bool:
        """Whether the old site had not published it (a draft, or dated ahead): no old address, on no list or feed."""
        return self.draft or self.future


@dataclass(frozen=True)
class Asset:
    """A static file copied as-is to ``static/<rel>``, so it is served at ``/<rel>`` as before."""

    source: Path
    rel: str
    shown: str = ""
    """Its file in the old site, relative to the PATH given, for the report ('': the same as ``static/<rel>``)."""
    also: tuple[str, ...] = ()
    """The other addresses the old site served it at, without the leading '/' (jekyll-polyglot's copy of it in each
    other language's folder, 'en/images/a.png'): a 301 rule each, to the one copy."""


@dataclass(frozen=True)
class Note:
    """A file of the old site and something about it the editor should know (left out, or to edit)."""

    rel: str
    message: str
    also: tuple[str, ...] = ()
    """More about the same file, each a message of its own: the YAML syntax slips after the first (``ReadError``)."""

    def __str__(self) -> str:
        """'content/a.md:4: field 'tags': ...' for a message that names its line ('line 4: ...'), as every other
        message gives a position; else 'content/a.md: ...'."""
        return _placed(self.rel, self.message)

    def place(self) -> tuple[str, int]:
        """(file, line): where the report lists it, by the line's number ('line 9: ' before 'line 10: '), a message
        of the whole file (line 0) first."""
        line = re.match(r"line (\d+): ", self.message)
        return self.rel, int(line.group(1)) if line else 0

    def said(self) -> list[str]:
        """The message and those ``also`` holds, each as ``str`` gives one: a line of the report apiece."""
        return [_placed(self.rel, message) for message in (self.message, *self.also)]


def _placed(rel: str, message: str) -> str:
    line = re.match(r"line (\d+): ", message)
    return f"{rel}:{line.group(1)}: {message[line.end():]}" if line else f"{rel}: {message}"


def not_converted(rel: str, error: ReadError) -> Note:
    """Why the file ``rel`` is not converted: every problem ``error`` names."""
    return Note(rel, str(error), error.also)


def primary_subtag(code: str) -> str:
    """A language tag's language, lower-cased, as news-digest names it: 'en_GB', 'en-US' and 'EN' are 'en'."""
    return re.split(r"[-_]", code.strip(), maxsplit=1)[0].lower()


@dataclass(frozen=True)
class OldSite:
    """Settings read from the old site's config, carried into config.yaml when usable ('' = unknown)."""

    title: str = ""
    base_url: str = ""
    timezone: str = ""
    language: str = ""
    """As the old config writes it ('en_GB', 'en-US', 'EN'); ``primary_subtag`` is the language news-digest takes."""
    naive_in_utc: bool = False
    """Without ``timezone``, the old generator read a time written without an offset as UTC (Hugo and Pelican
    do; Jekyll used the building machine's zone, which nobody knows now)."""
    computed: tuple[str, ...] = ()
    """The keys above ('timezone', 'base_url'...) the old config computes (``os.environ[...]``): unknown, and named
    so by the reader's report, never said to be missing."""


Rewrite = Callable[[Post, dict[str, str], str], str]
"""(post, old file → new URL, base path) → its body with the generator's own link syntax resolved."""


@dataclass(frozen=True)
class Scan:
    """Everything a reader found in the old site."""

    posts: tuple[Post, ...]
    assets: tuple[Asset, ...]
    skipped: tuple[Note, ...]
    """Files not converted, each with why."""
    notes: tuple[Note, ...]
    """Converted files with something to check by hand."""
    site: OldSite
    rewrite: Rewrite
    left: tuple[re.Pattern[str], str] | None = None
    """The old generator's syntax that a body still holds after ``rewrite`` (its shortcodes or tags, and the links
    it could not resolve: to a file that was not imported), with the note that tells the editor to fix it."""
    in_code: bool = False
    """Whether the old generator expanded its syntax inside code too, so ``rewrite`` and ``left`` apply there: Hugo
    runs shortcodes and Jekyll runs Liquid before Markdown, fences included (that is why `{{</* */>}}` and
    `{% raw %}` exist); Pelican resolves ``{filename}`` only in a tag's link, never in code."""


class ReadError(Exception):
    """A file that cannot be converted; the message says why and what to do, and ``also`` the problems after it
    (each 'line N: ...'), as ``digest check`` would say them in the same run: the YAML syntax slips after the first."""

    def __init__(self, message: str, also: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.also = also


def read_text(path: Path) -> str:
    """A file's text with '\\n' newlines; not UTF-8, too big for an article, or unreadable is a ReadError (in the
    report, not a stop: one unreadable file stopped the whole import with "Check the disk")."""
    try:
        if (size := path.stat().st_size) > MAX_BYTES:  # written, the new site's build refused it
            raise ReadError(f"is {size:,} bytes, over the {MAX_BYTES:,}-byte limit of an article; split it, or "
                            "shorten it, and import again")
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as e:
        raise ReadError(f"cannot be read ({e.strerror}); make it readable (chmod a+r) and import again") from None
    except UnicodeDecodeError as e:
        raise ReadError(f"is not UTF-8 text (byte 0x{e.object[e.start]:02x} at offset {e.start}); "
                        "save it as UTF-8 and import again") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def rel_to(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix()


def walk(folder: Path) -> list[Path]:
    """Every file below ``folder``, sorted, leaving out dot-files, dot-folders and symbolic links."""
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()
                  and not any(part.startswith(".") for part in p.relative_to(folder).parts))


def symlinks(folder: Path, root: Path) -> list[Note]:
    """Symbolic links below ``folder``, never followed (an import reads only the site itself), and files that are
    neither files nor folders (a FIFO, a socket, a device: never read, and they were left out without a word)."""
    found: list[Note] = []
    for here, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(dirs + [f for f in files if not f.startswith(".")]):
            path = os.path.join(here, name)
            if os.path.islink(path):
                found.append(Note(rel_to(Path(path), root), "is a symbolic link, which is not followed; "
                                                           "copy what it points at into the site instead"))
            elif name in files and not os.path.isfile(path):
                found.append(Note(rel_to(Path(path), root), "is not a regular file (a FIFO, socket or device), so "
                                                           "it is not read"))
    return found


def as_text(value: Any) -> str:
    """A front-matter value as one line of text; dates from TOML become ISO 8601."""
    if value is None:
        return ""
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return " ".join(str(value).split())


def as_list(value: Any, separator: str | None = ",") -> tuple[str, ...]:
    """A list field that may be written as a list or as one string ('a, b' or Jekyll's 'a b')."""
    if value is None:
        return ()
    items = value if isinstance(value, list) else str(value).split(separator)
    return tuple(text for text in (as_text(item) for item in items) if text)


def is_true(value: Any) -> bool:
    """True as Jekyll's YAML 1.1 read it: 'yes' and 'on' too (Hugo reads a boolean otherwise: ``hugo._go_bool``)."""
    return value is True or (isinstance(value, str) and value.strip().lower() in ("true", "yes", "on"))


DIGEST_FIELDS = frozenset({"section", "companies", "source"})
"""news-digest's own fields, kept when an old site's front matter already has them."""


def digest_fields(meta: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """``section``, ``companies`` and ``source`` written in news-digest's shape (a site kept for both tools, or made
    by ``make_sites.py``), as ``Post`` arguments; the import used to drop them as fields it has no use for. A value
    of another shape (a list of sections, a source that is no http(s) link) is left out and named for the report
    (second list), never written as Python's text of it."""
    found: dict[str, Any] = {}
    unusable: list[str] = []
    section = meta.get("section")
    if isinstance(section, list) and len(section) == 1:
        section = section[0]
    if isinstance(section, str) and section.strip():
        found["section"] = " ".join(section.split())
    elif section is not None:
        unusable.append("section (not one name)")
    companies = meta.get("companies")
    if isinstance(companies, str):
        companies = companies.split(",")
    if isinstance(companies, list):
        named = tuple(" ".join(c.split()) for c in companies if isinstance(c, str) and c.strip())
        found["companies"] = named
        if len(named) < len(companies):
            unusable.append("companies (an item that is not a name)")
    elif companies is not None:
        unusable.append("companies (not a list of names)")
    source = meta.get("source")
    if isinstance(source, str):
        source = {"url": source}
    if isinstance(source, dict):
        source = {str(k).lower(): v for k, v in source.items()}
        url, name = source.get("url"), source.get("name")
        if isinstance(url, str) and http_url(url.strip()):
            found["source"] = (" ".join(name.split()) if isinstance(name, str) else "", url.strip())
        else:
            unusable.append("source (no http(s) link)")
    elif source is not None:
        unusable.append("source (not a link)")
    return found, unusable


_DATE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})"
                   r"(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?"
                   r"\s*(Z|[+-]\d{2}:?\d{2})?")


@dataclass(frozen=True)
class Date:
    """A date as news-digest writes it, and the moment it stands for."""

    text: str
    """ISO 8601: '2020-12-02', '2020-12-02T09:30:00' or '2020-12-02T09:30:00+07:00'."""
    naive: datetime
    """Its wall-clock time, without the offset."""
    offset: timedelta | None
    """Its UTC offset when written; None means the site's time zone."""


def _numeric(typed: str) -> tuple[str, str]:
    """A date with a month's name ('20 October 2021', 'Oct 20th, 2021 10:30', '20 Oktober 2021 09.15 WIB') as
    ISO text, read as the date field reads it (``content.normalise_date``), and why not when it cannot be; any
    other text as it is."""
    if not re.search(r"[^\W\d_]", typed):  # digits alone: this module's own forms
        return typed, ""
    iso, why = normalise_date(" ".join(typed.split()))
    return iso or typed, why


def date_problem(typed: str) -> str:
    """Why ``parse_date`` gave no date, for the report."""
    text, why = _numeric(typed)
    if _DATE.fullmatch(text.strip()) or why.startswith("is not a valid date"):  # '31 Juni 2021' too
        return f"the date {quoted(typed)} is not a date in the years {FIRST_YEAR} to {LAST_YEAR}; write it as YYYY-MM-DD " \
               "and import again"
    return f"the date {quoted(typed)} is not written in a form this import reads (2021-10-20, 2021/10/20 10:30, " \
           "'20 October 2021' or 'October 20, 2021'); write it as YYYY-MM-DD and import again"


def parse_date(typed: str) -> Date | None:
    """The dates writers type ('2020-12-2', '2020/12/02 9:30', '2020-12-02 09:30:00 +0700') as ISO 8601;
    None when it is no date, an impossible one, or one ``digest build`` refuses (a year outside
    ``content.FIRST_YEAR`` to ``LAST_YEAR``, such as Hugo's 0001-01-01 for a post without a date; an offset
    west of -12:00 or east of +14:00)."""
    match = _DATE.fullmatch(_numeric(typed)[0].strip())
    if not match:
        return None
    year, month, day, hour, minute, second, zone = match.groups()
    if not FIRST_YEAR <= int(year) <= LAST_YEAR:
        return None
    if zone and zone != "Z" and not real_offset(zone[0], int(zone[1:3]), int(zone[1:].replace(":", "")[2:] or 0)):
        return None  # as the build's date field holds
    try:
        naive = datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0))
        offset = None
        if zone:
            sign = -1 if zone[0] == "-" else 1
            digits = zone[1:].replace(":", "")
            offset = timedelta() if zone == "Z" else sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
            naive.replace(tzinfo=timezone(offset))  # an offset of 24 hours or more is no offset
    except ValueError:
        return None
    text = naive.date().isoformat()
    if hour is not None:
        text += "T" + naive.time().isoformat()
    if offset is not None:
        text += "+00:00" if not offset else naive.replace(tzinfo=timezone(offset)).isoformat()[-6:]
    return Date(text, naive, offset)


_PELICAN_DROP = re.compile(r"[^\w\s-]")
_PELICAN_DASH = re.compile(r"[-\s]+")


def title_slug(title: str) -> str:
    """The slug Pelican makes from a title by default: transliterated to ASCII, word characters, hyphens for
    spaces."""
    ascii_text = unidecode(title)  # as Pelican's unidecode: 'Straße' → 'Strasse', '北京' → 'Bei Jing', '°' → 'deg'
    return _PELICAN_DASH.sub("-", _PELICAN_DROP.sub("", ascii_text).strip().lower())
