"""The site's settings: ``config.yaml`` read strictly into a frozen ``Config``."""
from __future__ import annotations

import difflib
import importlib.resources
import os
import posixpath
import re
import unicodedata
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit, urlunsplit
import zoneinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from generator.core.errors import BuildError, OutsideProject, Problem, Refused, quoted
from generator.core.hashing import digest
from generator.core.urls import MAX_SLUG, ascii_url, broken_http_url, idna_ascii, unreadable_url
from generator.load.frontmatter import (TWICE, UNUSABLE_KEY, Lines, Written, YamlError, as_yaml, lines_read,
                                       load_yaml_past_slips, names_cut_by_comment, not_a_name, not_boolean, not_text,
                                       shown_as_written, with_slips, yaml_file_text, yaml_problems)
from generator.core.patterns import LazyPattern

LANGUAGES = ("id", "en")
REL_WORDS = ("noopener", "noreferrer", "nofollow", "ugc", "sponsored", "external")
"""What ``markdown: {external_rel: ...}`` may list."""


def zone_rules(name: str) -> str:
    """A hash of the rules of time zone ``name``, as ``ZoneInfo`` reads them: the system's zone file (the first
    on ``zoneinfo.TZPATH``), else the ``tzdata`` package's. Zones do change (Kazakhstan's Asia/Almaty went from
    +06 to +05 in 2024): a system update then changes every local time written without an offset, and what the
    cache held from before would otherwise be published beside pages made with the new rules. '' when neither
    has the zone (config.yaml's check says so)."""
    found = ""
    try:
        for root in zoneinfo.TZPATH:
            path = os.path.join(root, name)
            if os.path.isfile(path):
                with open(path, "rb") as file:
                    found = digest(file.read())
                break
        else:
            found = digest(importlib.resources.files("tzdata.zoneinfo").joinpath(*name.split("/")).read_bytes())
    except (OSError, ImportError, ValueError):
        pass
    if _RULES_SEEN.setdefault(name, found) != found:  # `digest serve` runs on: ZoneInfo keeps the rules it read
        ZoneInfo.clear_cache(only_keys=[name])
        _RULES_SEEN[name] = found
    return found


_RULES_SEEN: dict[str, str] = {}
"""The rules' hash ``zone_rules`` last gave for each zone in this process."""


@dataclass(frozen=True)
class MarkdownConfig:
    """The ``markdown:`` block: how article bodies render."""

    external_rel: str = "noopener"
    """``rel`` of body links that leave the site; 'noopener nofollow ugc' for links you do not vouch for."""
    toc_min_headings: int = 4
    """Articles with at least this many headings get a table of contents; 0: only with ``toc: true``."""


@dataclass(frozen=True)
class Config:
    """Everything ``config.yaml`` can set, with the defaults a new site gets."""

    root: Path
    """Folder holding ``config.yaml``; every other path is relative to it."""
    config_path: str = "config.yaml"
    """The config file's name relative to ``root``, for messages."""
    environment_path: str = ""
    """``config.NAME.yaml`` when ``--environment NAME`` merged it over ``config_path``; '' otherwise. For messages."""
    main_output_dir: str = ""
    """``config_path``'s own ``output_dir`` when ``environment_path`` sets one; '' otherwise. Its cache is
    ``.cache/``; the environment's folder has one of its own (``publish.cache_for``), as ``--output`` has."""
    title: str = "News Digest"
    """Site title, shown in every page header and feed."""
    description: str = ""
    """One sentence about the site, for the home page and feed description."""
    base_url: str = "http://localhost:8000/"
    """Absolute URL the site is served from, ending in '/'; may have a sub-path."""
    language: str = "id"
    """UI language of the theme and feeds: 'id' (Indonesian) or 'en' (English)."""
    timezone: str = "Asia/Jakarta"
    """IANA zone for dates written without an offset, and for showing dates."""
    theme: str = "default"
    """Theme folder name under ``themes/``; falls back to the theme in the package."""
    page_size: int = 20
    """Articles per list page (home, tag, company, section, archive)."""
    feed_size: int = 50
    """Newest items in each RSS feed."""
    content_dir: str = "content"
    """Where articles and ``companies.yaml`` live."""
    output_dir: str = "site"
    """Where ``digest build`` writes the site."""
    templates_dir: str = "templates"
    """Site templates that override the theme's, file by file."""
    static_dir: str = "static"
    """Site files copied as-is into the output root (overriding the theme's static files)."""
    noindex: bool = False
    """Ask search engines to stay away: a robots meta tag on every page and a disallow-all robots.txt
    (for a staging host, set in ``config.staging.yaml``)."""
    drafts: bool = False
    """Always include drafts, as ``--drafts`` does (for a staging host)."""
    menu: tuple[str, ...] = ()
    """Slugs of pages in ``content/pages/`` linked from every page's footer, in this order."""
    search: bool = True
    """Full-text search: a Pagefind index under ``pagefind/``, the ``/search/`` page and a header box."""
    sections: tuple[str, ...] = ()
    """Section names for the bar under the header, in this order; sections not listed follow by article count."""
    slugs: tuple[tuple[str, str], ...] = ()
    """``slugs:``, (name as written, URL slug): a tag's or section's own URL, for a name whose own slug is another
    name's (``C++`` and ``C#`` both make ``c``) or that an editor wants shorter; the taxonomy folds the names."""
    image: str = ""
    """Site path or http(s) URL of the image shared (og:image) by pages that have none of their own."""
    favicon: str = "favicon.svg"
    """Site path of the browser tab icon; the theme ships a neutral one."""
    apple_touch_icon: str = "apple-touch-icon.png"
    """Site path of the 180×180 PNG icon for home screens; also the publisher logo in structured data."""
    markdown: MarkdownConfig = MarkdownConfig()
    """How article bodies render (``markdown:`` block)."""
    feed_content: str = "full"
    """``feeds.content``: 'full' puts each article's body in feeds, 'summary' only its summary."""
    feed_formats: tuple[str, ...] = ("rss", "atom", "json")
    """``feeds.formats``: which feed files every list gets: 'rss' (always), 'atom', 'json' (JSON Feed)."""
    websub_hub: str = ""
    """``feeds.websub_hub``: the WebSub hub every feed names, and ``digest ping`` notifies; '' for none."""
    intersections_min_articles: int = 3
    """``intersections.min_articles``: a company×section or company×company page needs this many articles; 0: none."""

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def zone_rules(self) -> str:
        """A hash of the rules ``timezone`` names (``zone_rules``): part of every cached article's key and of the
        build's inputs, so a system update that changes them makes the next build use the new ones."""
        return zone_rules(self.timezone)

    @property
    def base_path(self) -> str:
        """Path part of ``base_url``: '/' or '/sub/path/'."""
        return urlsplit(self.base_url).path

    def path(self, name: str) -> Path:
        return self.root / name


_NESTED = {"feeds": {"content": "feed_content", "size": "feed_size", "formats": "feed_formats",
                     "websub_hub": "websub_hub"},
           "intersections": {"min_articles": "intersections_min_articles"}}
"""Keys written as a mapping in config.yaml (``feeds: {content: summary}``) → the Config field each sets."""
_FLAT_ONLY = {field for group in _NESTED.values() for field in group.values()} - {"feed_size"}
_NOT_KEYS = ("root", "config_path", "environment_path", "main_output_dir", *_FLAT_ONLY)
_KEYS = tuple(f.name for f in fields(Config) if f.name not in _NOT_KEYS) + tuple(_NESTED)
_TEXT = {"title", "description", "base_url", "language", "timezone", "theme",
         "content_dir", "output_dir", "templates_dir", "static_dir", "image", "favicon", "apple_touch_icon"}
PACKAGE_THEMES = Path(__file__).parents[1] / "themes"
"""The themes that come with the package (``default``); a project's own are in its ``themes/``."""
_MAY_BE_EMPTY = {"description", "image"}
"""Text keys whose default is '' (none): written empty, as the reference shows them, they keep it."""
_POSITIVE_INT = {"page_size", "feed_size"}
FEED_CONTENT = ("full", "summary")
FEED_FORMATS = ("rss", "atom", "json")
_BOOL = {"noindex", "drafts", "search"}
_TEXT_LIST = {"menu", "sections"}
_EMPTY_IS: dict[str, type] = {"menu": list, "sections": list, "slugs": dict, "feeds": dict, "markdown": dict,
                               "intersections": dict}
"""The keys that hold a list or a mapping: written with nothing after the colon ('menu:'), they hold none, as
YAML's empty value is read by Hugo (unset: the default)."""
_LIST_EXAMPLES = {"menu": "[tentang, kontak]", "sections": "[Kepri, Aceh, Nabire]"}
"""An example list for each, in its message."""


class ConfigError(BuildError):
    """A config with problems. ``usable`` is the config with each bad value left at its default,
    when that is still good enough to read the content with, so that the content's problems can
    be reported in the same run; None when the file could not be read at all, or when a bad
    ``content_dir`` or ``timezone`` would make those content problems wrong. ``zoneless``: the same config (with the
    default zone) when only ``timezone`` is what blocks the content, so that what does not depend on the zone
    (the registries, the pages and the footer menu, the weekly notes, the articles' problems but those at their
    dates) is reported in the same run (``build.content_problems``); else None."""

    def __init__(self, problems: list[Problem], usable: Config | None = None, zoneless: Config | None = None) -> None:
        super().__init__(problems)
        self.usable = usable
        self.zoneless = zoneless


def normalise_base_url(url: str) -> str:
    """base_url as every file writes it: ending in '/', and in ASCII (``ascii_url``). A URL it cannot read stays as
    it is (``check_base_url`` says what is wrong with it)."""
    return ascii_url(url if url.endswith("/") else url + "/")


def same_address(url: str) -> str:
    """``url`` (``normalise_base_url``'d) as two spellings of one address compare equal: the scheme and host in lower
    case, the default port left out (``HTTPS://Example.org:443/a/`` → ``https://example.org/a/``); the path as
    written. A URL it cannot read stays as it is."""
    try:
        parts = urlsplit(url)
        scheme, host, port = parts.scheme.lower(), (parts.hostname or ""), parts.port
    except ValueError:
        return url
    userinfo, at, _ = parts.netloc.rpartition("@")
    host = f"[{host}]" if ":" in host else host  # an IPv6 address keeps its brackets
    default = {"http": 80, "https": 443}.get(scheme)
    netloc = f"{userinfo}{at}{host}" + (f":{port}" if port is not None and port != default else "")
    return urlunsplit((scheme, netloc, parts.path, parts.query, parts.fragment))


_URL_UNSAFE = LazyPattern(r"[\x00-\x20\x7f\"'<>\\^`{|}\u0080-\u009f\u2028\u2029]")
"""What a base_url may not contain: it is written into robots.txt lines, XML and HTML attributes,
where a line break, a space, a quote or '<' would change the file's meaning."""

_INVISIBLE = ("Zs", "Zl", "Zp", "Cf")
"""Unicode's spaces, line and paragraph separators and format characters (a no-break space, a zero-width
space): pasted at the end of a URL they are not seen, and would become '%C2%A0' in every link."""


def _unsafe_char(url: str) -> str | None:
    """The first character of ``url`` that no URL may hold as written (``_URL_UNSAFE``, ``_INVISIBLE``), or None."""
    if unsafe := _URL_UNSAFE.search(url):
        return unsafe.group()
    if url.isascii():
        return None
    return next((c for c in _without_host_joiners(url) if unicodedata.category(c) in _INVISIBLE), None)


_JOINERS = {0x200C: None, 0x200D: None}
"""The zero-width non-joiner and joiner: invisible, but part of many Persian and Indic domain names."""


def _without_host_joiners(url: str) -> str:
    """``url`` without the joiners (``_JOINERS``) of its host when browsers allow them where they are (after a
    joining letter or a virama), as in 'نامه‌نگار.ir': that host without them is another domain. A joiner
    anywhere else stays, to be named."""
    if not any(chr(c) in url for c in _JOINERS):
        return url
    try:
        parts = urlsplit(url)
        idna_ascii(parts.hostname or "")
    except (ValueError, UnicodeError):
        return url
    return url.replace(parts.netloc, parts.netloc.translate(_JOINERS), 1)


def absolute_url_problem(url: str, like: str, write: str) -> str | None:
    """Why ``url`` is not an absolute http(s) URL that files can be given as it is, or None. ``like``: an example
    URL; ``write``: what to write instead of one that is not http(s)."""
    if char := _unsafe_char(url):
        what = ("a line break" if char in "\r\n\u2028\u2029" else "a space" if char in " \t" else
                f"the character {quoted(char)}" if char.isprintable() and not char.isspace() else
                f"the invisible character U+{ord(char):04X} ({unicodedata.name(char, 'unnamed').lower()})"
                if unicodedata.category(char) in _INVISIBLE else f"the control character U+{ord(char):04X}")
        return (f"{quoted(url)} contains {what}; write one URL with no spaces, quotes or <>, like {like} "
                "(percent-encode the character if the address really has it, e.g. %20 for a space)")
    if why := unreadable_url(url):
        return f"{quoted(url)} {why}"
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return f"{quoted(url)} is not an absolute http(s) URL; {write}"
    if parts.port == 0:  # and ascii_url would drop it
        return f"{quoted(url)} has port 0, at which no server can be reached; remove ':0', or write the port it is on"
    if not parts.hostname.isascii():
        try:
            idna_ascii(parts.hostname)
        except UnicodeError as error:
            return f"{quoted(url)} has a host name that browsers refuse (UTS 46): {error}; check its spelling"
    return None


HUB_EXAMPLE = "https://pubsubhubbub.appspot.com/"


def check_hub_url(url: str) -> str | None:
    """Why ``url`` is unusable as ``feeds.websub_hub``, or None: any absolute http(s) URL is (a hub's may end in a
    script's name or have a query, as base_url may not), but one with a password, which every feed would publish."""
    if why := absolute_url_problem(url, HUB_EXAMPLE, f"write the hub's URL, like {HUB_EXAMPLE}"):
        return why
    if "@" in urlsplit(url).netloc:
        return (f"{quoted(url)} has a user name or password before '@', which every feed would publish; write the "
                "hub's URL without it")
    return None


def check_base_url(url: str) -> str | None:
    """Why ``url`` is unusable as base_url, or None."""
    if why := absolute_url_problem(url, "https://example.org/digest/",
                                   "write it like https://example.org/ or https://example.org/digest/"):
        return why
    parts = urlsplit(url)
    if parts.query or parts.fragment:
        return f"{quoted(url)} has a query or fragment; give only scheme, host and path"
    if "@" in parts.netloc:
        return (f"{quoted(url)} has a user name or password before '@', which every link, feed and the sitemap would "
                "publish; give only scheme, host and path (a password-protected preview asks for it by itself)")
    segments = parts.path.strip("/").split("/") if parts.path.strip("/") else []
    if "//" in parts.path or any(unquote(segment) in (".", "..") for segment in segments):  # '%2E%2E' is '..' too
        tidy = posixpath.normpath(re.sub("/+", "/", "/" + re.sub("%2[Ee]", ".", parts.path))).rstrip("/") + "/"
        return (f"{quoted(url)} has an empty or '.'/'..' folder in its path, and a link starting '//' goes to another "
                f"host; write the path as the site is served, like {parts.scheme}://{parts.netloc}{tidy}")
    if parts.path.rsplit("/", 1)[-1].lower().endswith((".html", ".htm", ".php", ".asp", ".aspx", ".jsp")):
        return (f"{quoted(url)} ends in a page's file name; give the folder the site is served from, like "
                f"{quoted(url[: url.rfind('/') + 1])}")
    return None


def _markdown_config(value: Any, lines: dict[tuple[Any, ...], int], rel: str,
                     written: Written) -> tuple[MarkdownConfig, list[Problem]]:
    """The ``markdown:`` block, or every problem in it; ``written``: its numbers as written (``load_yaml``)."""
    line = lines.get(("markdown",), 0)
    if not isinstance(value, dict):
        return MarkdownConfig(), [Problem(rel, line, "markdown", "must be a mapping, like "
                                          "'markdown: {external_rel: noopener nofollow ugc, toc_min_headings: 4}'")]
    known = tuple(f.name for f in fields(MarkdownConfig))
    problems: list[Problem] = []
    settings: dict[str, Any] = {}
    for key, item in value.items():
        where, field = lines.get(("markdown", key), line), f"markdown.{key}"
        if key == "external_rel" and isinstance(item, str) and item.split() and set(item.split()) <= set(REL_WORDS):
            settings[key] = " ".join(item.split())
        elif key == "external_rel":
            problems.append(Problem(rel, where, field, f"{shown_as_written(item, written, ('markdown', key))} is not a list of "
                                                       "rel words; use some of "
                                                       f"{', '.join(REL_WORDS)}, like 'noopener nofollow ugc'"))
        elif key == "toc_min_headings" and type(item) is int and item >= 0:
            settings[key] = item
        elif key == "toc_min_headings":
            problems.append(Problem(rel, where, field, f"must be a whole number, got "
                                                       f"{as_yaml(item, written.get(('markdown', key), ''))}; "
                                                       "0 turns the automatic table of contents off"))
        else:
            hint = difflib.get_close_matches(str(key), known, n=1)
            problems.append(Problem(rel, where, field, "unknown key; " + (f"did you mean '{hint[0]}'?" if hint else
                                                                          "known keys: " + ", ".join(known))))
    return MarkdownConfig(**settings), problems


SLUG = LazyPattern(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""What a URL slug of ``slugs:`` may be: lowercase ASCII letters and digits, words joined by '-'."""


def _slugs_config(value: Any, lines: dict[tuple[Any, ...], int], rel: str,
                  written: Written) -> tuple[tuple[tuple[str, str], ...], list[Problem]]:
    """The ``slugs:`` block (tag or section name → its URL slug); a bad entry is a problem and left out, the
    others kept (a slug that clashes with another term's is the taxonomy's error, which names both); ``written``:
    its values as written (``load_yaml``)."""
    line = lines.get(("slugs",), 0)
    if value is None:
        return (), []
    if not isinstance(value, dict):
        return (), [Problem(rel, line, "slugs", "must be a mapping of tag or section names to URL slugs, like "
                                                "'slugs: {C++: cpp, C#: csharp}'")]
    pairs: list[tuple[str, str]] = []
    problems: list[Problem] = []
    seen: dict[str, str] = {}
    for name, slug in value.items():
        where, field = lines.get(("slugs", name), line), f"slugs.{name}"
        if not isinstance(name, str) or not name.strip():
            problems.append(Problem(rel, where, "slugs", f"{quoted(name)} is not a tag or section name; write the name as "
                                                         "articles do, in quotes if YAML reads it as a number or date"))
        elif (folded := " ".join(name.casefold().split())) in seen:
            problems.append(Problem(rel, where, field, f"the same name as {quoted(seen[folded])} (letter case aside); "
                                                       "keep one"))
        elif not isinstance(slug, str) or not SLUG.fullmatch(slug) or len(slug) > MAX_SLUG:
            seen[folded] = name
            shown = shown_as_written(slug, written, ("slugs", name))
            wanted = _slug_like(written.get(("slugs", name), slug))  # 1e3 → "1e3", not "1000-0"
            problems.append(Problem(rel, where, field, (
                "is empty; write the slug after the colon, like csharp" if slug is None else
                f"{shown} is not text; write it in quotes: \"{wanted}\"" if not isinstance(slug, str) and wanted
                else f"{shown} is not a URL slug; write one of lowercase letters, digits and '-', like csharp"
                if not isinstance(slug, str) else
                f"is {len(slug)} characters long; a slug has at most {MAX_SLUG}" if len(slug) > MAX_SLUG and
                SLUG.fullmatch(slug) else
                f"{quoted(slug)} is not a URL slug; write lowercase letters, digits and '-'"
                + (f", like {wanted}" if wanted else ""))))
        else:
            seen[folded] = name
            pairs.append((name.strip(), slug))
    return tuple(pairs), problems


def _slug_like(value: Any) -> str:
    """A slug made of ``value`` for a message ('' when nothing is left), without python-slugify's import."""
    text = str(value).casefold() if isinstance(value, (str, int, float)) else ""
    return "-".join(re.findall(r"[a-z0-9]+", text))[:MAX_SLUG].strip("-")


def _flatten(values: dict[Any, Any], lines: dict[tuple[Any, ...], int], origin: dict[str, str], rel: str,
             problems: list[Problem]) -> list[tuple[Any, int, str, str, str]]:
    """(value, line, file, Config field, label for messages) for every known key, nested ones
    (``feeds.content``) included; unknown keys become problems with a suggestion."""
    out: list[tuple[Any, int, str, str, str]] = []
    for key, value in values.items():
        line, where = lines.get((key,), 0), origin.get(key, rel)
        if key not in _KEYS:
            hint = difflib.get_close_matches(str(key), _KEYS, n=1)
            fix = f"did you mean '{hint[0]}'?" if hint else "known keys: " + ", ".join(_KEYS)
            problems.append(Problem(where, line, str(key), f"unknown key; {fix}"))
        elif key not in _NESTED:
            out.append((value, line, where, key, key))
        elif not isinstance(value, dict):
            example = next(iter(_NESTED[key]))
            problems.append(Problem(where, line, key, f"must be a mapping, like '{key}: {{{example}: ...}}'"))
        else:
            known = tuple(_NESTED[key])
            for sub, sub_value in value.items():
                label, sub_line = f"{key}.{sub}", lines.get((key, sub), line)
                if sub not in known:
                    hint = difflib.get_close_matches(str(sub), known, n=1)
                    fix = f"did you mean '{key}.{hint[0]}'?" if hint else "known keys: " + ", ".join(known)
                    problems.append(Problem(where, sub_line, label, f"unknown key; {fix}"))
                else:
                    out.append((sub_value, sub_line, where, _NESTED[key][sub], label))
    return out


def _check_feed_setting(field: str, value: Any, shown: str) -> str | None:
    """Why a ``feeds.*`` value is unusable, or None; ``shown``: the value as written."""
    if field == "feed_content" and value not in FEED_CONTENT:
        return f"must be one of: {', '.join(FEED_CONTENT)}; got {shown}"
    if field == "feed_formats" and isinstance(value, list) and "rss" in value and set(value) <= set(FEED_FORMATS) \
            and len(set(value)) != len(value):
        return f"lists {', '.join(sorted({v for v in value if value.count(v) > 1}))} twice; write each format once"
    if field == "feed_formats" and (not isinstance(value, list) or "rss" not in value
                                    or len(set(value)) != len(value) or not set(value) <= set(FEED_FORMATS)):
        return (f"must be a list of feed formats that includes rss (every page links to its RSS feed), "
                f"like [rss, atom, json] or [rss]; got {shown}")
    if field == "websub_hub" and not isinstance(value, str):
        return f"{shown} is not an absolute http(s) URL; write the hub's URL, like {HUB_EXAMPLE}"
    if field == "websub_hub":
        return check_hub_url(value)
    return None


ENVIRONMENT_RE = LazyPattern(r"^[a-z0-9][a-z0-9_-]*$")
"""Names ``--environment`` accepts: they become part of a file name, ``config.NAME.yaml``."""


_ZONE_HINTS = {"wib": "Asia/Jakarta", "wita": "Asia/Makassar", "wit": "Asia/Jayapura", "jakarta": "Asia/Jakarta",
               "makassar": "Asia/Makassar", "jayapura": "Asia/Jayapura", "indonesia": "Asia/Jakarta",
               "gmt": "UTC", "z": "UTC", "utc+0": "UTC", "utc+7": "Asia/Jakarta", "utc+8": "Asia/Makassar",
               "utc+9": "Asia/Jayapura", "gmt+7": "Asia/Jakarta", "gmt+8": "Asia/Makassar", "gmt+9": "Asia/Jayapura",
               "+07:00": "Asia/Jakarta", "+08:00": "Asia/Makassar", "+09:00": "Asia/Jayapura"}
"""What editors write for a zone (an abbreviation, a city, an offset) → the IANA zone to write instead."""


def _language_hint(written: object) -> str:
    """' (write language: id)' when ``written`` names a supported language another way ('id-ID', 'English'); for a
    deprecated code ('in', 'iw', 'in-ID', as Java and Android write them), the tag CLDR's aliases give, and whether it
    is usable; for a withdrawn one ('sh'), the languages it was written for, as an article's lang: is told."""
    text = str(written).strip().lower()
    named = {"indonesian": "id", "indonesia": "id", "bahasa": "id", "bahasa indonesia": "id", "english": "en"}
    code = named.get(text) or (text[:2] if text[:2] in LANGUAGES and text[2:3] in ("", "-", "_") else None)
    if code:
        return f" (write language: {code}{_dates_differ(str(written).strip(), code)})"
    from babel import Locale
    from generator.core.i18n import unaliased, withdrawn_code
    if isinstance(written, str) and (withdrawn := withdrawn_code(written)):  # 'sh': not CLDR's guess, sr-Latn
        return f" ({withdrawn}; none of them has theme words here)"
    if not isinstance(written, str) or (tag := unaliased(written)) is None:
        return ""
    language = tag.partition("-")[0]
    if language in LANGUAGES:
        return f" ({quoted(written)} is another code for {quoted(tag)}: write language: {language}" \
               f"{_dates_differ(tag, language)})"
    name = Locale("en").languages[language]
    return f" ({quoted(written)} is another code for {quoted(tag)}, {name}, which has no theme words here)"


def _dates_differ(written: str, code: str) -> str:
    """'; dates then read the US way: June 13, 2025, not 13 June 2025' for 'en-GB': the site's dates are the
    supported language's, which a region ('GB', 'AU', 'IN') may write in another order."""
    from babel import Locale, UnknownLocaleError
    from babel.dates import format_date
    day = date(2025, 6, 13)
    try:
        theirs = format_date(day, "long", locale=Locale.parse(written.replace("-", "_")))
    except (UnknownLocaleError, ValueError, TypeError):
        return ""
    ours = format_date(day, "long", locale=code)
    return f"; dates then read {'the US way' if code == 'en' else 'so'}: {ours}, not {theirs}" if theirs != ours else ""


def zone_hint(written: object) -> str:
    """How to write ``written`` as an IANA zone: the zone it most likely means, or an example."""
    key = str(written).strip().lower().replace(" ", "")
    zone = _ZONE_HINTS.get(key) or _ZONE_HINTS.get(key.removeprefix("asia/"))
    if zone is None and isinstance(written, str):
        near = difflib.get_close_matches(written.strip(), sorted(available_timezones()), n=1, cutoff=0.8)
        zone = near[0] if near else None
    return f"did you mean {zone}?" if zone else "write one like Asia/Jakarta or UTC"


def environment_file(path: Path, environment: str) -> Path:
    """``config.yaml`` + 'staging' → ``config.staging.yaml``, next to it (Hugo's habit)."""
    return path.with_name(f"{path.stem}.{environment}{path.suffix}")


def _read_yaml(path: Path, rel: str, written: Written | None = None
               ) -> tuple[dict[str, Any], Lines, list[Problem], YamlError | None]:
    """One config file as a mapping, its key lines, and the control characters its YAML escapes
    put in values (errors: a config has no place to show warnings before the build); a file
    that cannot be read is a BuildError. ``written`` gets its list items read as numbers, as written. With YAML
    syntax slips whose messages give the lines to write, the file is read as if they were written so, and the
    slips are given for the caller to say with the problems of the other keys, in the same run
    (``load_yaml_past_slips``)."""
    data = _read(path)
    escaped: list[YamlError] = []
    try:
        text = yaml_file_text(data)
        values, lines, slip = load_yaml_past_slips(text, 1, escaped, written=written) if text.strip() else ({}, {}, None)
    except YamlError as e:
        raise BuildError(yaml_problems(rel, e)) from None
    if values is None:  # comments alone ('# defaults'), as an empty file: every key has its default
        values = {}
    if not isinstance(values, dict):
        raise BuildError([Problem(rel, 1, "", "must be a mapping of keys to values, like 'title: My Digest'")])
    cut = [(key, found) for key in sorted(_TEXT_LIST) if (key,) in lines and
           (found := names_cut_by_comment(lines_read(text, 1, slip), lines[(key,)], key)) is not None and found[2]]
    return _left_empty(values), lines, [Problem(rel, e.line, e.field, e.message.replace("removed", "found"))
                                        for e in escaped] + \
        [Problem(rel, line, key, message) for key, (line, message, _) in cut], slip  # a config has no warnings:
    # '#word' alone on its line, a note or a name, is let be


def _left_empty(values: dict[str, Any]) -> dict[str, Any]:
    """``values`` with each list or mapping key written with nothing after the colon ('menu:', or 'menu: # none
    yet') holding none (``_EMPTY_IS``)."""
    return values | {key: _EMPTY_IS[key]() for key in _EMPTY_IS if key in values and values[key] is None}


class ConfigLines:
    """Where a key of the config, or an item of its list (``where('sections', 2)``: the third section), is set, for a
    message that a later stage finds: (file, line), the environment's file when it sets the key. The files are
    read again the first time one is asked for; line 0 if a file no longer reads or no file has the key."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self._lines: dict[str, Lines] = {}

    def _read(self, rel: str) -> Lines:
        if rel not in self._lines:
            try:
                self._lines[rel] = _read_yaml(self.config.root / rel, rel)[1]
            except (BuildError, OSError):
                self._lines[rel] = {}
        return self._lines[rel]

    def __call__(self, key: str, index: int | None = None) -> tuple[str, int]:
        for rel in filter(None, (self.config.environment_path, self.config.config_path)):
            lines = self._read(rel)
            if (key,) in lines:
                return rel, lines.get((key, index), 0) or lines[(key,)]
        return self.config.config_path, 0


def deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """``over`` on top of ``base``: mappings merge key by key, anything else is replaced whole."""
    merged = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = deep_merge(merged[key], value)
        else:
            merged[key] = value
    return merged


IMPORT_UNFINISHED = ".digest-import-unfinished"
"""``importer.UNFINISHED``: left by a ``digest import`` that was cut short."""


def _up_a_folder(path: str) -> str | None:
    """The first segment of ``path`` that goes up a folder, as written: '..', or its escapes ('%2e%2e', '.%2E'),
    which a browser and a web server read as '..' too; None when none does."""
    return next((part for part in path.split("/") if unquote(part) == ".."), None)


def load_config(path: Path, overrides: dict[str, Any] | None = None, environment: str | None = None) -> Config:
    """Read ``config.yaml`` (with ``config.<environment>.yaml`` merged over it); every unknown key
    or bad value is reported at once, naming the file that set it."""
    root = path.parent.resolve()
    rel = path.name
    written: Written = {}
    values, lines, problems, slip = _read_yaml(path, rel, written)
    if (root / IMPORT_UNFINISHED).exists():  # a half project built "59 articles" of the old site's 150 in silence
        problems.append(Problem(IMPORT_UNFINISHED, 0, "", "digest import was cut short before it finished writing "
                                                          "this project, so articles and files are missing; run the "
                                                          "same digest import again (it starts over)"))
    origin: dict[str, str] = {}  # top-level key → the file that set it, for messages
    main_output = ""
    env_slip = None
    if environment is not None:
        if not ENVIRONMENT_RE.match(environment):
            raise BuildError([Problem(rel, 0, "", f"--environment {quoted(environment)} is not a usable name; use lowercase "
                                                  "letters, digits, '-' and '_', like staging")])
        env_path = environment_file(path, environment)
        if not env_path.is_file():
            raise BuildError([Problem(env_path.name, 0, "", f"no such file for --environment {environment}; create it "
                                                            f"next to {rel} with the keys that differ, like 'noindex: true'")])
        env_written: Written = {}
        env_values, env_lines, env_problems, env_slip = _read_yaml(env_path, env_path.name, env_written)
        problems += env_problems
        main_output = _main_output_dir(values, env_values)
        values = deep_merge(values, env_values)
        lines = {k: v for k, v in lines.items() if k[0] not in env_values} | env_lines
        written = {k: v for k, v in written.items() if k[0] not in env_values} | env_written
        origin = {key: env_path.name for key in env_values}

    settings: dict[str, Any] = {}
    set_by: dict[str, str] = {}  # Config field → the key that set it, so feed_size and feeds.size clash
    for value, line, where, key, label in _flatten(values, lines, origin, rel, problems):
        at = tuple(label.split("."))
        shown = shown_as_written(value, written, at)
        if key in set_by:
            problems.append(Problem(where, line, label, f"sets the same thing as '{set_by[key]}'; keep one of them"))
            continue
        set_by[key] = label
        why = _check_feed_setting(key, value, shown)
        if why:
            problems.append(Problem(where, line, label, why))
            continue
        if key in _MAY_BE_EMPTY and value is None:  # 'description:' with nothing after it, as '""'
            value = ""
        if key in _TEXT and (not isinstance(value, str) or not value.strip() and key not in _MAY_BE_EMPTY):
            problems.append(Problem(where, line, key, not_text(key, value, written, at)))
            continue
        if key in _MAY_BE_EMPTY and not value.strip():
            value = ""  # 'image: ""' as the reference gives the default: none
        if key == "markdown":
            value, found = _markdown_config(value, lines, where, written)
            problems += found
            if found:
                continue
        if key in _POSITIVE_INT and (type(value) is not int or value < 1):
            in_quotes = isinstance(value, str) and value.strip().isascii() and value.strip().isdigit() and value.strip("0 ") != ""
            problems.append(Problem(where, line, label, f"must be a whole number of at least 1, got {shown}"
                                    + (f"; the quotes make it text: write {key}: {value.strip()}" if in_quotes else "")))
            continue
        if key == "intersections_min_articles" and (type(value) is not int or value < 0):
            problems.append(Problem(where, line, label, f"must be a whole number, got {shown}; 0 turns intersection pages off"))
            continue
        if key in _BOOL and type(value) is not bool:
            problems.append(Problem(where, line, key, not_boolean(key, value, written, at)))
            continue
        if key == "slugs":
            value, found = _slugs_config(value, lines, where, written)
            problems += found
        if key == "feed_formats":
            value = tuple(f for f in FEED_FORMATS if f in value)  # the order feeds are listed in, whatever was written
        if key == "websub_hub":
            value = ascii_url(value)  # written into every feed as base_url is: the host in IDNA
        if key in _TEXT_LIST:
            example = _LIST_EXAMPLES.get(key, "[about, contact]")
            if not isinstance(value, list):
                problems.append(Problem(where, line, key, f"must be a list of names, like {key}: {example}"))
                continue
            bad = [(i, v) for i, v in enumerate(value) if not (isinstance(v, str) and v.strip())]
            for i, v in bad:
                problems.append(Problem(where, lines.get((key, i), line), key,
                                        not_a_name(key, v, example, written, (key, i))))
            if bad:
                continue
            value = tuple(v.strip() for v in value)
        settings[key] = value
    settings.update({k: v for k, v in (overrides or {}).items() if v is not None})

    if "base_url" in settings:
        why = check_base_url(settings["base_url"])  # the URL as written, in the message
        settings["base_url"] = normalise_base_url(settings["base_url"])
        if why and (overrides or {}).get("base_url") is not None:  # --base-url's, not the line in the file
            problems.append(Problem("--base-url", 0, "base_url", why))
        elif why:
            problems.append(Problem(origin.get("base_url", rel), lines.get(("base_url",), 0), "base_url", why))
    for key in ("image", "favicon", "apple_touch_icon"):
        value = settings.get(key)
        if isinstance(value, str) and re.match(r"https?://", value, re.IGNORECASE) and (why := broken_http_url(value)):
            problems.append(Problem(origin.get(key, rel), lines.get((key,), 0), key, f"{quoted(value)} {why}"))
        elif isinstance(value, str) and (up := _up_a_folder(value)) and not re.match(r"https?://", value, re.IGNORECASE):
            dots = [unquote(part) if unquote(part) in (".", "..") else part for part in value.lstrip("/").split("/")]
            fix = "/".join(part for part in posixpath.normpath("/".join(dots)).split("/") if part not in ("..", "."))
            problems.append(Problem(origin.get(key, rel), lines.get((key,), 0), key, (
                f"{quoted(value)} goes up a folder with '..'{'' if up == '..' else f' (written {up})'}, but the file is "
                f"in static/, named from there (the page would link /{value.lstrip('/')}, outside the site); write "
                f"{key}: {fix or 'images/logo.png'}")))
        elif isinstance(value, str) and value and not re.fullmatch(r"https?://\S+|[^\s:?#/][^\s:?#]*", value):
            problems.append(Problem(origin.get(key, rel), lines.get((key,), 0), key,
                                    f"{quoted(value)} is neither an http(s) URL nor a path on this site; write one "
                                    "like images/logo.png (relative to the site root)"))
    if settings.get("language", "id") not in LANGUAGES:
        problems.append(Problem(origin.get("language", rel), lines.get(("language",), 0), "language",
                                f"{quoted(settings['language'])} is not supported; use one of: {', '.join(LANGUAGES)}"
                                + _language_hint(settings["language"])))
    if "timezone" in settings:
        at = (origin.get("timezone", rel), lines.get(("timezone",), 0), "timezone")
        zone = settings["timezone"]
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError, TypeError):
            problems.append(Problem(*at, f"{quoted(zone)} is not an IANA time zone; " + zone_hint(zone)))
        else:
            if str(zone).lower() in ("localtime", "posixrules", "factory") or str(zone).lower().startswith(
                    ("posix/", "right/")):
                problems.append(Problem(*at, f"{quoted(zone)} is whatever the building machine is set to (or a file of "
                                             "the zone database, not a zone), so two machines would build different "
                                             "sites; write a zone like Asia/Jakarta"))
            elif (gmt := re.fullmatch(r"etc/gmt\+(\d{1,2})", str(zone).lower())) and int(gmt[1]):
                # read as 'GMT+7' (WIB), it is UTC-7: IANA's Etc zones are named with POSIX's inverted sign
                problems.append(Problem(*at, f"{quoted(zone)} is UTC-{int(gmt[1])}: the Etc zones' signs are inverted, "
                                             f"as POSIX writes them; write the zone of a place instead (for "
                                             f"UTC+7, Asia/Jakarta)"))
    theme = settings.get("theme")
    if isinstance(theme, str) and theme.strip() and ".." not in Path(theme).parts and not os.path.isabs(theme) and \
            theme_folder(root, theme) is None:  # said with the config's other problems, not one run later
        problems.append(Problem(origin.get("theme", rel), lines.get(("theme",), 0), "theme", no_theme(theme)))
    for key in ("content_dir", "output_dir", "templates_dir", "static_dir", "theme"):
        value = settings.get(key)
        if isinstance(value, str) and (os.path.isabs(value) or ".." in Path(value).parts) and key != "output_dir":
            problems.append(Problem(origin.get(key, rel), lines.get((key,), 0), key,
                                    f"{quoted(value)} must be a folder inside the project, written relative to {rel}"))
    static, content = (settings.get(key, default) for key, default in (("static_dir", "static"), ("content_dir", "content")))
    if isinstance(static, str) and isinstance(content, str) and not any(
            p.field in ("static_dir", "content_dir") for p in problems):
        a, b = Path(os.path.normpath(static)).parts, Path(os.path.normpath(content)).parts
        a, b = tuple(p for p in a if p != "."), tuple(p for p in b if p != ".")
        if b[:len(a)] == a:  # static_dir is or holds content_dir: everything in it is published as it is
            problems.append(Problem(origin.get("static_dir", rel), lines.get(("static_dir",), 0), "static_dir",
                                    f"{quoted(static)} is or holds the articles' folder (content_dir: "
                                    f"{content}), and every file in it is published as it is: the Markdown "
                                    "sources, drafts too; keep static files in a folder of their own, like static"))
    for where, slipped in ((rel, slip), (environment_file(path, environment).name if environment else "", env_slip)):
        problems = with_slips(where, problems, slipped)  # what a slip is about, only the slip says
    # a key given twice keeps its first value, which was checked like any other: it leaves that key and the
    # content usable, so the content's problems come in the same run
    checked = [p for p in problems if not p.message.startswith(TWICE) and UNUSABLE_KEY not in p.message]
    good = {key: value for key, value in settings.items() if key not in {p.field for p in checked}}
    config = replace(Config(root=root, config_path=rel,
                            environment_path=environment_file(path, environment).name if environment else "",
                            main_output_dir=main_output), **good)
    if problems:
        blocking = {p.field for p in checked if p.field in ("content_dir", "timezone") or not p.field}
        raise ConfigError(problems, None if blocking else config, config if blocking == {"timezone"} else None)
    return config


def _main_output_dir(values: dict[str, Any], env_values: dict[str, Any]) -> str:
    """The config file's own ``output_dir`` if the environment's file sets one (``Config.main_output_dir``), else ''."""
    if "output_dir" not in env_values:
        return ""
    own = values.get("output_dir")
    return own if isinstance(own, str) and own.strip() else Config.output_dir


def theme_folder(root: Path, name: str) -> Path | None:
    """The project's ``themes/<name>`` if it has templates, else the packaged theme of that name, or None."""
    return next((base / name for base in (root / "themes", PACKAGE_THEMES) if (base / name / "templates").is_dir()),
                None)


def no_theme(name: str) -> str:
    """The message for a theme that ``theme_folder`` does not find."""
    known = sorted(p.name for p in PACKAGE_THEMES.iterdir() if p.is_dir())
    return f"no theme {quoted(name)} in themes/ or in the package; use one of: {', '.join(known)}"


def _read(path: Path) -> bytes:
    """The config file's bytes, or an error that says what to do. A missing file is refused (exit 2) as a wrong
    argument is; outside a project, the fix is ``digest init`` or a ``cd``, not a missing file."""
    try:
        if path.exists() and not path.is_dir() and not path.is_file():
            raise BuildError([Problem(str(path), 0, "", "is not a regular file (a FIFO or device); pass --config "
                                                        "with a YAML file")])
        return path.read_bytes()
    except FileNotFoundError:
        if path.name == "config.yaml" and not path.parent.joinpath("content").is_dir():
            above = next((folder for folder in path.resolve().parent.parents if (folder / "config.yaml").is_file()), None)
            where = f"cd {above} (it has a config.yaml), or " if above else ""
            # not the input's problem but where the command was run: refused (exit 2), as a wrong argument is
            raise OutsideProject(Problem(str(path), 0, "", f"not found: this folder is not a news-digest project; "
                                                           f"{where}start one with 'digest init DIR' and cd into it, "
                                                           "or pass --config PATH")) from None
        # a wrong argument (--config other.yaml), or a project's config.yaml deleted: refused (exit 2), naming it
        raise Refused(Problem(str(path), 0, "", "not found; create it, or pass --config PATH")) from None
    except IsADirectoryError:  # a project's folder, or a folder named config.yaml (no 'config.yaml/config.yaml')
        inside = path / "config.yaml"
        advice = (f"pass --config {inside}" if inside.is_file() else
                  "delete the folder and write config.yaml as a YAML file in its place ('digest init DIR' writes one), "
                  "or pass --config PATH" if path.name == "config.yaml" else
                  "it has no config.yaml; pass --config with the project's config file")
        raise BuildError([Problem(str(path), 0, "", f"is a folder, not a config file; {advice}")]) from None
    except OSError as e:
        raise BuildError([Problem(str(path), 0, "", f"cannot be read ({e.strerror}); make it a readable file, "
                                                    "or pass --config PATH")]) from None
