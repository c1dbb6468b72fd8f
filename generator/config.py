"""The site's settings: ``config.yaml`` read strictly into a frozen ``Config``."""
from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import BuildError, Problem
from .frontmatter import YamlError, load_yaml

LANGUAGES = ("id", "en")
REL_WORDS = ("noopener", "noreferrer", "nofollow", "ugc", "sponsored", "external")
"""What ``markdown: {external_rel: ...}`` may list."""


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
    menu: tuple[str, ...] = ()
    """Slugs of pages in ``content/pages/`` linked from every page's footer, in this order."""
    markdown: MarkdownConfig = MarkdownConfig()
    """How article bodies render (``markdown:`` block)."""

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def base_path(self) -> str:
        """Path part of ``base_url``: '/' or '/sub/path/'."""
        return urlsplit(self.base_url).path

    def path(self, name: str) -> Path:
        return self.root / name


_KEYS = tuple(f.name for f in fields(Config) if f.name not in ("root", "config_path"))
_TEXT = {"title", "description", "base_url", "language", "timezone", "theme",
         "content_dir", "output_dir", "templates_dir", "static_dir"}
_POSITIVE_INT = {"page_size", "feed_size"}
_TEXT_LIST = {"menu"}


def normalise_base_url(url: str) -> str:
    return url if url.endswith("/") else url + "/"


def check_base_url(url: str) -> str | None:
    """Why ``url`` is unusable as base_url, or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return f"{url!r} is not an absolute http(s) URL; write it like https://example.org/ or https://example.org/digest/"
    if parts.query or parts.fragment:
        return f"{url!r} has a query or fragment; give only scheme, host and path"
    return None


def _markdown_config(value: Any, lines: dict[tuple[Any, ...], int], rel: str) -> tuple[MarkdownConfig, list[Problem]]:
    """The ``markdown:`` block, or every problem in it."""
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
            problems.append(Problem(rel, where, field, f"{item!r} is not a list of rel words; use some of "
                                                       f"{', '.join(REL_WORDS)}, like 'noopener nofollow ugc'"))
        elif key == "toc_min_headings" and type(item) is int and item >= 0:
            settings[key] = item
        elif key == "toc_min_headings":
            problems.append(Problem(rel, where, field, f"must be a whole number, got {item!r}; "
                                                       "0 turns the automatic table of contents off"))
        else:
            hint = difflib.get_close_matches(str(key), known, n=1)
            problems.append(Problem(rel, where, field, "unknown key; " + (f"did you mean '{hint[0]}'?" if hint else
                                                                          "known keys: " + ", ".join(known))))
    return MarkdownConfig(**settings), problems


def load_config(path: Path, overrides: dict[str, Any] | None = None) -> Config:
    """Read ``config.yaml``; every unknown key or bad value is reported at once."""
    root = path.parent.resolve()
    rel = path.name
    problems: list[Problem] = []
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise BuildError([Problem(rel, 0, "", f"no config file at {path}; create one or pass --config PATH")]) from None
    try:
        text = data.decode("utf-8-sig")
        values, lines = load_yaml(text, first_line=1) if text.strip() else ({}, {})
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise BuildError([Problem(rel, line, "", "is not valid UTF-8; save the file as UTF-8")]) from None
    except YamlError as e:
        raise BuildError([Problem(rel, e.line, e.field, e.message)]) from None
    if not isinstance(values, dict):
        raise BuildError([Problem(rel, 1, "", "must be a mapping of keys to values, like 'title: My Digest'")])

    settings: dict[str, Any] = {}
    for key, value in values.items():
        line = lines.get((key,), 0)
        if key not in _KEYS:
            hint = difflib.get_close_matches(key, _KEYS, n=1)
            fix = f"did you mean '{hint[0]}'?" if hint else "known keys: " + ", ".join(_KEYS)
            problems.append(Problem(rel, line, key, f"unknown key; {fix}"))
            continue
        if key in _TEXT and (not isinstance(value, str) or not value.strip()):
            problems.append(Problem(rel, line, key, f"must be text, got {value!r}; write it in quotes"))
            continue
        if key == "markdown":
            value, found = _markdown_config(value, lines, rel)
            problems += found
            if found:
                continue
        if key in _POSITIVE_INT and (type(value) is not int or value < 1):
            problems.append(Problem(rel, line, key, f"must be a whole number of at least 1, got {value!r}"))
            continue
        if key in _TEXT_LIST:
            if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
                problems.append(Problem(rel, line, key, f"must be a list of names, like {key}: [about, contact]"))
                continue
            value = tuple(v.strip() for v in value)
        settings[key] = value
    settings.update({k: v for k, v in (overrides or {}).items() if v is not None})

    if "base_url" in settings:
        settings["base_url"] = normalise_base_url(settings["base_url"])
        why = check_base_url(settings["base_url"])
        if why:
            problems.append(Problem(rel, lines.get(("base_url",), 0), "base_url", why))
    if settings.get("language", "id") not in LANGUAGES:
        problems.append(Problem(rel, lines.get(("language",), 0), "language",
                                f"{settings['language']!r} is not supported; use one of: {', '.join(LANGUAGES)}"))
    if "timezone" in settings:
        try:
            ZoneInfo(settings["timezone"])
        except (ZoneInfoNotFoundError, ValueError):
            problems.append(Problem(rel, lines.get(("timezone",), 0), "timezone",
                                    f"{settings['timezone']!r} is not an IANA time zone; write one like Asia/Jakarta or UTC"))
    for key in ("content_dir", "output_dir", "templates_dir", "static_dir", "theme"):
        value = settings.get(key)
        if isinstance(value, str) and (os.path.isabs(value) or ".." in Path(value).parts) and key != "output_dir":
            problems.append(Problem(rel, lines.get((key,), 0), key,
                                    f"{value!r} must be a folder inside the project, written relative to {rel}"))
    if problems:
        raise BuildError(problems)
    return replace(Config(root=root, config_path=rel), **settings)
