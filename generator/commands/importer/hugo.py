"""Read a Hugo site: ``content/`` with YAML or TOML front matter, page bundles, ``static/``.

Content with a date is an article, content without one a page. Old URLs follow Hugo's
defaults: the folders under content/, then the slug (``/posts/2024/<slug>/``; ``/<slug>/`` for top-level
content), lower-cased, spaces as '-'; a ``url:`` in the front matter wins (a file such as ``/x/page.html``
kept as it is), and ``aliases:`` are old URLs too. ``static/`` is copied with its paths, so ``/images/...`` links keep working.
"""
from __future__ import annotations

import json
import math
import posixpath
import re
import tomllib
import unicodedata
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable
from urllib.parse import unquote_plus

from generator.core.errors import RefusalError, counted, quoted
from generator.load.embeds import HOSTS, Video, video
from generator.load.frontmatter import YamlError, load_yaml
from generator.commands.importer.common import (DIGEST_FIELDS, Asset, Note, OldSite, Post, ReadError, Rewrite, Scan, not_converted, as_list, as_text,
                                                digest_fields, parse_date, read_text, rel_to, symlinks, walk)
from generator.commands.importer.code import outside_code
from generator.commands.importer.frontmatter import Meta, read_front_matter

MARKDOWN = (".md", ".markdown")
BUNDLE_PAGES = ("index.md", "index.markdown")
"""The file that makes its folder a leaf page bundle: every other file below it is the page's resource."""
OTHER_FORMATS = (".html", ".htm", ".adoc", ".asciidoc", ".rst", ".org", ".pandoc", ".pdc")
DATE_KEYS = {"date": ("date", "publishdate", "pubdate", "published", "lastmod", "modified"),
             "publishdate": ("publishdate", "pubdate", "published", "date"),
             "lastmod": ("lastmod", "modified", "date", "publishdate", "pubdate", "published"),
             "expirydate": ("expirydate", "unpublishdate")}
"""Hugo's ``[frontmatter]`` defaults: each of a page's dates is the first of these front-matter keys it has, so a post
with only ``pubdate:`` or ``lastmod:`` has that date (``_dates``)."""
KNOWN = {"title", "tags", "categories", "summary", "description", "slug", "author", "authors", "draft", "url",
         "aliases", "lang", *(key for keys in DATE_KEYS.values() for key in keys)} | DIGEST_FIELDS
_SHORTCODE = re.compile(r"\{\{[<%]")
_VALUE = r"(?:\"[^\"]*\"|`[^`]*`|[^\s\"`=<>%{}]+)"
"""A shortcode's parameter as Hugo reads it: in double quotes, in a raw string (backquotes), or a word unquoted."""
_REF = re.compile(rf"\{{\{{[<%]\s*(?:rel)?ref\s+(?:({_VALUE})|((?:\w+\s*=\s*{_VALUE}\s*)+?))\s*[>%]\}}\}}")
"""Hugo's ``ref`` and ``relref``: a path (group 1, with its '#part'), or named parameters (group 2: ``path="a.md"``,
``lang="en"``, in any order; ``_ref_of``)."""
_NAMED = re.compile(rf"(\w+)\s*=\s*({_VALUE})")
_VIDEO = re.compile(rf"\{{\{{<\s*(youtube|vimeo)\s+(?:({_VALUE})|((?:\w+\s*=\s*{_VALUE}\s*)+?))\s*>\}}\}}")
"""Hugo's ``youtube`` and ``vimeo`` shortcodes: the id (group 2), or named parameters (group 3: ``id=``, ``title=``,
``start=``); written as the image of the video's page, which digest shows as a video card (``_video``)."""


def _ref_of(match: re.Match[str]) -> tuple[str, str, str]:
    """A ref's path, its '#part' and the language it names (``lang=``; '' for the page's own), in either form."""
    if match.group(2) is None:
        named = {"path": match.group(1)}
    else:
        named = {key.lower(): value for key, value in _NAMED.findall(match.group(2))}
    path, hash_, part = named.get("path", "").strip("\"`").partition("#")
    return path, hash_ + part, named.get("lang", "").strip("\"`").lower()


def _folders(root: Path, values: Meta) -> tuple[Path, tuple[Path, ...]]:
    """The content folder (Hugo's ``contentDir`` in ``values``, a name or the first of a list; else content/) and the
    static folders, in the order Hugo lays them over each other (a later one's file wins, checked with Hugo 0.168):
    ``staticDir`` (a name or a list; else static/), then ``staticDir0`` to ``staticDir10``. A folder outside the site
    is not read."""
    def inside(value: Any) -> Path | None:
        folder = root / value.strip() if isinstance(value, str) and value.strip() else None
        return folder if folder and folder.resolve().is_relative_to(root.resolve()) else None  # the site's own

    content = values.get("contentdir")
    content = inside(content[0] if isinstance(content, list) and content else content) or root / "content"
    named = [values.get("staticdir"), *(values.get(f"staticdir{n}") for n in range(11))]
    statics = [folder for value in named for one in (value if isinstance(value, list) else [value])
               if (folder := inside(one))]
    return content, tuple(dict.fromkeys(statics if values.get("staticdir") else [root / "static", *statics]))


CONFIG_FILES = tuple(f"{name}.{ext}" for name in ("hugo", "config") for ext in ("toml", "yaml", "yml", "json"))
"""The names of a Hugo site's config file, in the order Hugo looks for the root's (it reads the first it finds:
hugo.yaml before config.toml; checked with Hugo 0.168)."""


@dataclass(frozen=True)
class HugoBuild:
    """How ``hugo`` was run, as far as it picks the config: its ``--configDir`` (config/ unless given), and its
    environment (``--environment``, else ``HUGO_ENVIRONMENT``, else ``HUGO_ENV``: the CLI reads them; 'production'
    for a plain ``hugo``), whose folder in the config folder is read over ``_default/``."""

    config_dir: str = "config"
    environment: str = "production"


def _settings(root: Path, how: HugoBuild = HugoBuild()) -> tuple[Meta, dict[str, str]]:
    """The site's config as ``hugo`` read it: the root's file (the first of ``CONFIG_FILES``), then every file of the
    config folder's _default/ and of its environment's folder (``how``) merged over it, a mapping key by key
    (``[languages.id]`` in two files is one). In a config folder, hugo.* and config.* hold the root's keys, another
    file the key it is named after (languages.toml is ``[languages]``; menus.en.toml is ``[languages.en.menus]``).
    TOML, YAML or JSON. Keys lower-cased at every level, as Hugo reads them ('baseURL' is 'baseurl'); with each
    top-level key's file, the last that sets it (and a language's cascade's: 'languages.en.cascade'), for the report."""
    root_file = next((root / name for name in CONFIG_FILES if (root / name).is_file()), None)
    files = [] if root_file is None else [(root_file, "")]
    files += [(path, "" if path.name in CONFIG_FILES else path.stem)
              for folder in (root / how.config_dir / "_default", root / how.config_dir / how.environment)
              if folder.is_dir() for path in sorted(folder.iterdir())
              if path.suffix in (".toml", ".yaml", ".yml", ".json") and path.is_file()]
    values: Meta = {}
    where: dict[str, str] = {}
    for path, key in files:
        try:
            text = read_text(path)
            read = tomllib.loads(text) if path.suffix == ".toml" else json.loads(text) if path.suffix == ".json" \
                else (load_yaml(text, 1)[0] or {})
        except (ReadError, tomllib.TOMLDecodeError, YamlError, ValueError):
            continue
        name, _, code = key.partition(".")
        read = {"languages": {code: {name: read}}} if code else {name: read} if name else read
        if isinstance(read, dict):
            values = _merged(values, read)
            where |= dict.fromkeys((str(k).lower() for k in read), rel_to(path, root))
            languages = {str(k).lower(): v for k, v in read.items()}.get("languages")
            where |= {f"languages.{str(code).lower()}.cascade": rel_to(path, root)  # the file that sets a language's
                      for code, own in (languages.items() if isinstance(languages, dict) else ())  # own cascade
                      if isinstance(own, dict) and "cascade" in {str(k).lower() for k in own}}
    return values, where


def _environments(root: Path, how: HugoBuild) -> list[Note]:
    """A note for each environment's folder in the config folder that was not read (``HugoBuild``), for the
    environment's own when it has none, and, without --config-dir, for another folder of the site's root that is a
    config folder (its _default/ has a hugo.* or config.*), which Hugo reads only with --configDir."""
    folder = root / how.config_dir
    names = sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
    plain = ", as a plain `hugo` does" if how.environment == "production" else ""
    notes = [Note(f"{how.config_dir}/{name}/", f"is the config of Hugo's {name} environment, not read: this import "
                                               f"read {how.environment}'s{plain}; if the site was built with "
                                               f"--environment {name} (or HUGO_ENVIRONMENT={name}), import it again "
                                               f"with --environment {name}")
             for name in names if name not in ("_default", how.environment)]
    if folder.is_dir() and how.environment not in names and how.environment != "production":
        notes.append(Note(f"{how.config_dir}/", f"has no {how.environment}/ folder for the environment "
                                                f"{how.environment}, so only {how.config_dir}/_default/ is read"))
    if how.config_dir == "config":
        notes += [Note(f"{other.name}/", f"looks like a Hugo config folder, which Hugo reads only when built with "
                                         f"--configDir {other.name}, and this import did not read; if the site was "
                                         f"built so, import it again with --config-dir {other.name}")
                  for other in sorted(root.iterdir()) if other.name != "config" and (other / "_default").is_dir()
                  and any((other / "_default" / name).is_file() for name in CONFIG_FILES)]
    return notes


def _merged(values: Meta, over: Meta) -> Meta:
    """``over`` read over ``values``, as Hugo merges its config files: a mapping in both key by key, else ``over``'s;
    keys lower-cased."""
    merged = dict(values)
    for key, value in over.items():
        key = str(key).lower()
        value = _merged({}, value) if isinstance(value, dict) else value
        merged[key] = _merged(merged[key], value) if isinstance(merged.get(key), dict) and isinstance(value, dict) \
            else value
    return merged


def _config(values: Meta, where: dict[str, str]) -> tuple[OldSite, list[Note]]:
    """title, baseURL, timeZone and language (its ``locale`` or ``languageCode``, else ``defaultContentLanguage``) from
    the site's config (``_settings``): the default language's own, under ``[languages.id]``, else the root's, as Hugo
    reads them (``_own``). ``where``: the file that sets each key (``_settings``)."""
    notes: list[Note] = []
    ugly = values.get("uglyurls")
    if ugly is not None and _ugly(values) is None:
        notes.append(Note(where["uglyurls"], f"sets uglyURLs to {quoted(str(ugly))}, which this import does not understand (true "
                                 "or false), so the redirects start at Hugo's default addresses (/posts/a/, not "
                                 "/posts/a.html); edit the redirects: of the files if Hugo served /posts/a.html"))
    own = {**values, **_own(values)}
    language = _locale(own) or _default_code(values)
    if not language and where:  # Hugo's default language, which its pages declared (checked with Hugo 0.168)
        language = "en"
        notes.append(Note(next(iter(where.values())), "sets no locale, languageCode or defaultContentLanguage, so the "
                                                      "site is in Hugo's default, en (language: en in config.yaml, as "
                                                      "Hugo declared it); set language: id if it is in Indonesian"))
    return OldSite(as_text(own.get("title")), as_text(own.get("baseurl")), as_text(own.get("timezone")),
                   language, naive_in_utc=True), notes  # Hugo's zone: UTC


def _default_code(values: Meta) -> str:
    """The site's default language, ``defaultContentLanguage``, as the config writes it; '' when it sets none."""
    return as_text(values.get("defaultcontentlanguage"))


def _own(values: Meta, language: str = "") -> Meta:
    """The settings the site's default language (``defaultContentLanguage``, else 'en'), or ``language``, has under
    ``[languages]``, with lower-cased keys; {} for none. Hugo reads them over the root's: ``[languages.id] timeZone``
    wins over ``timeZone``, and a key the language does not set is the root's (a root ``languageCode`` too)."""
    table = values.get("languages")
    own = {str(code).lower(): settings for code, settings in table.items()}.get(
        language or _default_code(values).lower() or "en") if isinstance(table, dict) else None
    return {str(key).lower(): value for key, value in own.items()} if isinstance(own, dict) else {}


_GO_BOOLS = {**dict.fromkeys(("1", "t", "T", "TRUE", "true", "True"), True),
             **dict.fromkeys(("0", "f", "F", "FALSE", "false", "False"), False)}
"""The strings Go's strconv.ParseBool reads, with which Hugo casts a setting written as text (uglyURLs: "true")."""


def _go_bool(value: Any) -> bool:
    """A setting as Go's cast.ToBool reads it, with which Hugo reads a boolean it is given otherwise: a number is true
    unless 0, text as strconv.ParseBool reads it (``_GO_BOOLS``; other text, which Hugo refuses, as false)."""
    if isinstance(value, str):
        return _GO_BOOLS.get(value, False)
    return bool(value) if isinstance(value, (bool, int, float)) else False


def _ugly(values: Meta) -> bool | dict[str, bool] | None:
    """Whether the site sets ``uglyURLs`` for every page: a boolean, or text as Hugo casts it; or for some sections
    (``[uglyURLs] posts = true``), by section, each value as Go's cast.ToBool reads it (a number: true unless 0);
    None for a value it is not (other text). A number for the whole site (``uglyURLs = 1``) is false, as Hugo reads
    it: neither a boolean nor text, so Hugo takes it for a mapping of sections, which it is not, and no section is
    ugly."""
    ugly = values.get("uglyurls", False)
    if isinstance(ugly, bool):
        return ugly
    if isinstance(ugly, (int, float)):
        return False
    if isinstance(ugly, dict):  # Hugo's config keys are lower-cased, as are its sections' names in the lookup
        return {str(section).lower(): _go_bool(on) for section, on in ugly.items()}
    return _GO_BOOLS.get(ugly) if isinstance(ugly, str) else None


def _ugly_in(ugly: bool | dict[str, bool] | None, section: str) -> bool:
    """Whether Hugo gave the pages of ``section`` (a content folder, or a taxonomy: 'tags') '.html' addresses: its
    ``IsUglyURLSection``."""
    return ugly.get(section.lower(), False) if isinstance(ugly, dict) else ugly is True


@dataclass(frozen=True)
class Languages:
    """Hugo's ``[languages]``: the codes it sets (lower-cased, as Hugo reads them), the default one
    (``defaultContentLanguage``), whether that one too was served below /<code>/ (``defaultContentLanguageInSubdir``),
    the languages' own ``contentDir`` folders and the codes ``disableLanguages`` (or their own ``disabled = true``)
    leaves out. A monolingual site has none: no file name holds a language, and no address has a prefix."""

    codes: tuple[str, ...] = ()
    default: str = "en"
    in_subdir: bool = False
    folders: tuple[tuple[Path, str], ...] = ()
    disabled: frozenset[str] = frozenset()
    locales: tuple[tuple[str, str], ...] = ()
    """Each language's tag where it is not its code: its ``locale``, else its ``languageCode`` ('id' → 'id-ID'), the
    default language's from the root too, as Hugo 0.168's ``site.Language.Locale`` gives it to a theme's
    ``<html lang>`` (its ``hugo new theme`` writes that; checked)."""

    def split(self, stem: str) -> tuple[str, str]:
        """A file name without its extension as Hugo reads it: the name, and the language its last '.' part names
        ('a.en' → 'a', 'en'), only when it is a language the site sets (without ``[languages]``, the default one);
        else it is all name ('a.fr' → 'a.fr', '')."""
        name, dot, code = stem.rpartition(".")
        known = (*(self.codes or (self.default,)), *self.disabled)
        return (name, code.lower()) if dot and name and code.lower() in known else (stem, "")

    def prefix(self, code: str) -> str:
        """The folder Hugo served a page of language ``code`` below: 'en/' for one not the default (or for every
        language with ``defaultContentLanguageInSubdir``), '' otherwise."""
        return f"{code}/" if self.codes and (code != self.default or self.in_subdir) else ""

    def locale(self, code: str) -> str:
        """The language tag Hugo declared the pages of language ``code`` in, where it is not the code ('' there)."""
        return dict(self.locales).get(code, "")


def _languages(values: Meta, root: Path) -> Languages:
    """The site's ``[languages]`` (``_settings``); each language's settings with lower-cased keys, as Hugo reads them."""
    table = values.get("languages")
    default = _default_code(values).lower() or "en"
    if not isinstance(table, dict) or not table:
        return Languages(default=default)  # Hugo still reads a.en.md as 'a' in its default language
    settings = {str(code).lower(): {str(k).lower(): v for k, v in (own if isinstance(own, dict) else {}).items()}
                for code, own in table.items()}
    in_subdir = values.get("defaultcontentlanguageinsubdir")
    folders = tuple((_folders(root, own)[0], code) for code, own in settings.items() if own.get("contentdir"))
    locales = {code: _locale({**values, **own} if code == default else own) for code, own in settings.items()}
    return Languages(tuple(settings), default,
                     in_subdir is True or isinstance(in_subdir, str) and _GO_BOOLS.get(in_subdir) is True, folders,
                     frozenset(c.lower() for c in as_list(values.get("disablelanguages")))  # or disabled = true
                     | {code for code, own in settings.items() if _go_bool(own.get("disabled"))},
                     tuple((code, tag) for code, tag in locales.items() if tag and tag != code))


def _locale(settings: Meta) -> str:
    """A language's ``locale``, else its ``languageCode`` (deprecated since Hugo 0.158), '' for neither: Hugo's
    ``Language.Locale`` (locale = "pt-BR" wins over languageCode = "pt-PT"; checked with Hugo 0.168)."""
    return as_text(settings.get("locale")) or as_text(settings.get("languagecode"))


def _is_bundle_page(path: Path, languages: Languages) -> bool:
    """Whether ``path`` makes its folder a leaf page bundle: index.md, or a translation of it (index.en.md)."""
    return languages.split(path.stem)[0] + path.suffix in BUNDLE_PAGES


def _content_files(content: Path, languages: Languages) -> list[tuple[Path, Path, str]]:
    """Every content file as (file, its content folder, that folder's language): each language's own contentDir,
    then the site's content folder (its files in the default language, unless their name says otherwise)."""
    own = [(path, folder, code) for folder, code in languages.folders if folder.is_dir() for path in walk(folder)]
    taken = {path for path, _, _ in own}
    return own + [(path, content, "") for path in (walk(content) if content.is_dir() else []) if path not in taken]


def _not_ignored(files: list[tuple[Path, Path, str]], values: Meta, root: Path, where: dict[str, str],
                 ) -> tuple[list[tuple[Path, Path, str]], list[Note]]:
    """The content files but those the config's ``ignoreFiles`` names (regular expressions searched in a file's
    absolute path, as Hugo 0.168 does: it neither published nor listed them), which are notes; so is a pattern that
    is no regular expression (Hugo stops on it)."""
    patterns, notes = [], []
    for text in as_list(values.get("ignorefiles"), separator=None):
        try:
            patterns.append(re.compile(text))
        except re.error as e:
            notes.append(Note(where.get("ignorefiles", ""), f"ignoreFiles {quoted(text)} is no regular expression "
                                                            f"({e}), so it ignores nothing here; correct it"))
    kept = []
    for found in files:
        if pattern := next((p for p in patterns if p.search(str(found[0].absolute()))), None):
            notes.append(Note(rel_to(found[0], root), f"matches ignoreFiles {quoted(pattern.pattern)} in "
                                                      f"{where.get('ignorefiles', '')}, so Hugo did not read or "
                                                      "publish it; not converted"))
        else:
            kept.append(found)
    return kept, notes


def _shadowed(files: list[tuple[Path, Path, str]], languages: Languages) -> dict[Path, Path]:
    """Files Hugo did not publish, each with the one it published at its address: of c.md and c.en.md in the
    default language, c.en.md (the language in its name wins)."""
    named: dict[tuple[Path, str, str], Path] = {}
    for path, _, _ in files:
        name, language = languages.split(path.stem)
        if language and path.suffix.lower() in MARKDOWN:
            named.setdefault((path.parent, name, language), path)
    return {path: found for path, _, code in files if path.suffix.lower() in MARKDOWN
            and not languages.split(path.stem)[1]
            and (found := named.get((path.parent, path.stem, code or languages.default)))}


Cascaded = dict[str, tuple[str, Any]]
"""The front matter a cascade gives a page: each key (lower-cased), with the file that sets it and its value."""


Entries = tuple[tuple[dict[str, str] | None, Cascaded], ...]
"""One cascade's entries in order, each with its target (``path``, ``kind``, ``lang``, ``environment``: globs), or
None for one without."""
_TARGET_KEYS = ("path", "kind", "lang", "environment")


def _cascade_values(where: str, cascade: Any) -> tuple[Entries, list[Note]]:
    """A cascade's entries (a mapping, or a list of them), each key with ``where``, the file that sets it, and each
    with its target (``_target``, or Hugo's newer ``target``), which ``_cascades`` matches as Hugo does; a note for a
    target that is no mapping (its entry is left out), and for one that names more than ``_TARGET_KEYS`` as text (its
    ``sites`` matrix, a key Hugo ignores): its entry reaches every page the rest matches."""
    found: list[tuple[dict[str, str] | None, Cascaded]] = []
    notes = []
    for entry in cascade if isinstance(cascade, list) else [cascade]:
        entry = {str(key).lower(): value for key, value in entry.items()} if isinstance(entry, dict) else {}
        key = next((k for k in ("_target", "target") if k in entry), "")
        target = entry.pop(key, None)
        sets = ", ".join(sorted(entry)) or "nothing"
        if key and not isinstance(target, dict):
            notes.append(Note(where, f"has a cascade whose {key} is no mapping, so what it sets ({sets}) is not "
                                     "applied to any page; check them by hand"))
            continue
        target = {str(k).lower(): v for k, v in target.items()} if isinstance(target, dict) else {}
        if other := sorted(k for k, v in target.items() if k not in _TARGET_KEYS or not isinstance(v, str)):
            notes.append(Note(where, f"has a cascade whose {key} also names {', '.join(other)}, which this import "
                                     f"does not match, so what it sets ({sets}) is applied to every page the rest of "
                                     "it matches; check them by hand"))
        found.append(({k: v for k, v in target.items() if k not in other} if key else None,
                      {k: (where, value) for k, value in entry.items()}))
    return tuple(found), notes


@lru_cache(maxsize=None)
def _glob(pattern: str) -> re.Pattern[str]:
    """A Hugo target's glob, as its hglob (gobwas/glob, '/' the separator) reads it, in lower case: '**' any text,
    '*' and '?' any within one folder, '{a,b}' either, '[ab]', '[a-z]' one of, '[!ab]' none of."""
    out, i = "", 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**", i):
            out, i = out + ".*", i + 2
            continue
        if c == "[" and (end := pattern.find("]", i + 2)) != -1:  # a class: its first character may be ']'
            inside = pattern[i + 1:end]
            negated = inside.startswith("!")
            inside = inside[negated:]
            out += "[" + "^" * negated + "".join("-" if part == "-" and 0 < k < len(inside) - 1 else re.escape(part)
                                                 for k, part in enumerate(inside)) + "]"
            i = end + 1
            continue
        out += {"*": "[^/]*", "?": "[^/]", "{": "(?:", "}": ")", ",": "|"}.get(c, re.escape(c))
        i += 1
    try:
        return re.compile(out, re.IGNORECASE)
    except re.error:
        return re.compile(re.escape(pattern), re.IGNORECASE)


def _cascades(files: list[tuple[Path, Path, str]], languages: Languages, values: Meta, root: Path,
              where: dict[str, str], environment: str = "production"
              ) -> tuple[Callable[[Path, Path, str], Cascaded], list[Note]]:
    """How Hugo's cascade gives a page its front matter (checked with Hugo 0.168): key by key, from the nearest
    section's ``_index.md`` above it in its language (its content folder's too), then the sections above that, then
    the config's ``[languages.<code>.cascade]`` for its language, then the config's ``[cascade]``; a key of the page's
    own front matter wins (``_post``). An entry with a target reaches only the pages it matches: its ``path`` glob the
    page's path ('/posts/a', a section's '/posts', the home page's '/'), its ``kind`` 'page', 'section' or 'home', its
    ``lang`` the page's language (from any language's ``_index.md``), its ``environment`` the build's."""
    own, notes = _cascade_values(where.get("cascade", ""), values.get("cascade"))
    table = values.get("languages")
    by_language: dict[str, Entries] = {}
    for code, settings in table.items() if isinstance(table, dict) else ():
        settings = {str(key).lower(): value for key, value in settings.items()} if isinstance(settings, dict) else {}
        by_language[str(code).lower()], said = _cascade_values(
            where.get(f"languages.{str(code).lower()}.cascade", where.get("languages", "")), settings.get("cascade"))
        notes += said
    sections: dict[tuple[Path, str], Entries] = {}
    for path, _, code in files:
        name, named = languages.split(path.stem)
        if name != "_index" or path.suffix.lower() not in MARKDOWN:
            continue
        meta = _front(path)  # {} for one that cannot be read: a section's list page is not converted anyway
        cascaded, said = _cascade_values(rel_to(path, root), meta.get("cascade"))
        notes += said
        if cascaded:
            sections[path.parent, named or code or languages.default] = cascaded
    # an entry whose target names a lang reaches that language's pages too, from another language's _index.md
    # (checked with Hugo 0.168, which also logs its 'lang' as removed and fails the build, yet holds those pages)
    across = [(folder, language, entry) for (folder, language), entries in sections.items() for entry in entries
              if entry[0] is not None and "lang" in entry[0]]
    for folder, language, entry in across:
        for other in set(languages.codes) - {language}:
            sections[folder, other] = sections.get((folder, other), ()) + (entry,)

    def of(path: Path, folder: Path, code: str) -> Cascaded:
        name = languages.split(path.stem)[0]
        page = path.parent if name == "_index" or _is_bundle_page(path, languages) else path.with_name(name)
        kind = "page" if name != "_index" else "home" if path.parent == folder else "section"
        at = {"path": "/" + rel_to(page, folder).lower().replace(" ", "-") if page != folder else "/", "kind": kind,
              "lang": code, "environment": environment}
        found: Cascaded = {}
        levels = [sections.get((parent, code), ()) for parent in path.parents[:len(path.relative_to(folder).parts)]]
        for entries in (*levels, by_language.get(code, ()), own):
            for target, entry in entries:
                if target is None or all(_glob(glob).fullmatch(at[key]) for key, glob in target.items()):
                    found = entry | found
        return found

    return of, notes


def scan(root: Path, how: HugoBuild = HugoBuild()) -> Scan:
    values, where = _settings(root, how)
    content, statics = _folders(root, values)
    languages = _languages(values, root)
    if not content.is_dir() and not any(folder.is_dir() for folder, _ in languages.folders):
        raise RefusalError(f"{root} has no {rel_to(content, root)}/ folder; give the Hugo site's root folder")
    posts: list[Post] = []
    assets: list[Asset] = []
    skipped = [note for folder in dict.fromkeys([content, *(f for f, _ in languages.folders), *statics])
               if folder.is_dir() for note in symlinks(folder, root)]
    places: dict[str, tuple[str, str]] = {}  # each post's file → its language and path as a ref names it
    every = _content_files(content, languages)
    files, ignored = _not_ignored(every, values, root, where)
    skipped += ignored
    hidden = {path for path, _, _ in every} - {path for path, _, _ in files}  # a bundle's too: not its resources
    bundles = {p.parent for p, _, _ in files if _is_bundle_page(p, languages)}
    shadowed = _shadowed(files, languages)
    cascaded, notes = _cascades(files, languages, values, root, where, how.environment)
    builds = {key: where[key] for key in ("buildfuture", "buildexpired", "builddrafts") if _go_bool(values.get(key))}
    date_keys, date_notes = _date_keys(values, where)
    permalinks = _permalinks(values, where, current=how.environment)
    # a language's own [languages.id.permalinks] replace the root's for its pages (checked with Hugo 0.168)
    own_permalinks: dict[str, tuple[Permalink, ...]] = {}
    table = values.get("languages")
    for code, own in table.items() if isinstance(table, dict) else ():
        if isinstance(own, dict) and "permalinks" in own:
            own_permalinks[str(code).lower()] = _permalinks(own, {"permalinks": where.get("languages", "")},
                                                            f"languages.{code}.", how.environment)
    # a bundle whose page Hugo does not publish (headless, build: render: never) still publishes its files, at their
    # paths: as a section's (checked with Hugo 0.168)
    pageless: dict[Path, str] = {}  # each such bundle → why Hugo did not publish its files either ('' when it did)
    for page, folder, code in files:
        if _is_bundle_page(page, languages):
            meta = _with_cascade(_front(page), cascaded(page, folder, languages.split(page.stem)[1] or code
                                                        or languages.default))[0]
            if _unpublished(meta, meta, "") and not _private(meta):  # not a draft's, nor one dated ahead or expired
                pageless[page.parent] = _held_section(meta, builds, date_keys, "its page nor its files")

    def section_held(index: Path, folder: Path, code: str, files: bool = False) -> str:
        """Why Hugo published neither the list page of the section ``index`` (its _index.md) nor its files ('' when it
        did); ``files``: its files, which its build: publishResources: false (its own or a cascade's) keeps back too."""
        meta = _with_cascade(_front(index), cascaded(index, folder, code))[0]
        return _held_section(meta, builds, date_keys) or (
            "whose build: publishResources: false kept Hugo from publishing it" if files and _private(meta) else "")

    style = _path_style(values)

    def served(path: Path, under: Path, folder: Path) -> str:
        """Where Hugo published a section's or a bundle's file: the path of that folder, ``under``, as Hugo makes
        its pages' ('Other Sec' → 'other-sec'), then the rest as written ('Deep Er/d.txt'; checked with Hugo 0.168)."""
        rest = rel_to(path, under)
        return rest if under == folder else posixpath.join(_hugo_path(rel_to(under, folder), style), rest)

    def own_index(section: Path, language: str) -> Path:
        """The section's _index.md in ``language`` (or in none, when it is its content folder's language: a
        language without its own _index.en.md gets nothing from the default one's, neither its url: nor its slug:;
        checked with Hugo 0.168); one that is no file for a section without one, whose front matter only its
        cascades give."""
        folder = next((own for own, _ in languages.folders if section.is_relative_to(own)), None)
        plain = ("_index.md", "_index.markdown") if language == (
            dict(languages.folders).get(folder) if folder else languages.default) else ()
        return next((section / name for name in (f"_index.{language}.md", f"_index.{language}.markdown", *plain)
                     if (section / name).is_file()), section / ("_index.md" if plain else f"_index.{language}.md"))

    def renamed(path: Path, folder: Path, language: str) -> dict[str, str]:
        """The sections above ``path`` that Hugo served at their _index.md's ``slug:`` in place of their folder's name
        (and those below them: /docs/api-slug/, /dok-umen/api-slug/), each path below ``folder`` → the one Hugo
        served it at; a folder without an _index.md keeps its name (checked with Hugo 0.168)."""
        moved: dict[str, str] = {}
        at = ""
        for parent in reversed(path.parents[:len(path.relative_to(folder).parts) - 1]):
            slug = as_text(_front(index).get("slug")).strip("-") if parent not in bundles and (
                index := own_index(parent, language)).is_file() else ""
            at = posixpath.join(at, _sanitized(slug, style) if slug else _hugo_path(parent.name, style))
            if slug or moved:
                moved[rel_to(parent, folder)] = at
        return moved

    def list_urls(path: Path, folder: Path, language: str) -> dict[str, str]:
        """The sections above ``path`` whose _index.md has a ``url:``, each path below ``folder`` → that url without
        its slashes, but a leading one ('/nw'; 'bl'): Hugo served the section's list and feed there (/nw/,
        /nw/index.xml; below the language's folder, /en/bl/, unless the url starts with '/'), its pages where they
        were, and no [permalinks] rule moved them (checked with Hugo 0.168)."""
        return {rel_to(parent, folder): "/" * url.strip().startswith("/") + url.strip().strip("/")
                for parent in path.parents[:len(path.relative_to(folder).parts) - 1]
                if parent not in bundles and (index := own_index(parent, language)).is_file()
                and (url := as_text(_front(index).get("url"))).strip("/")}

    loose: list[Asset] = []  # a section's files
    moved: dict[str, str] = {}  # a list page's address at Hugo's default → the one its [permalinks] rule gave ('': none)
    unpaged: set[str] = set()  # the posts of a language whose disableKinds names 'page': Hugo listed them nowhere
    # the top folders Hugo made sections of without an _index.md: those that hold a page (checked with Hugo 0.168)
    paged = {folder / rel_to(page, folder).split("/")[0] for page, folder, _ in files
             if page.suffix.lower() in (*MARKDOWN, *OTHER_FORMATS) and page.parent != folder}
    for path, folder, code in files:
        shown = rel_to(path, root)
        suffix = path.suffix.lower()
        bundle = next((parent for parent in path.parents if parent in bundles), None)
        name, named = languages.split(path.stem)
        if bundle is not None and (path.parent != bundle or not _is_bundle_page(path, languages)):
            if suffix in MARKDOWN:  # Hugo keeps it as the page's resource (an include), never a page of its own
                skipped.append(Note(shown, f"is a Markdown file in the page bundle {rel_to(bundle, root)}/, which "
                                           "Hugo never publishes as a page; not converted"))
            elif pageless.get(bundle):
                skipped.append(Note(shown, f"is a file of the bundle {rel_to(bundle, root)}/ (it has no page), "
                                           f"{pageless[bundle]}; not copied"))
            elif bundle in pageless:
                loose.append(Asset(path, served(path, bundle, folder), shown))
            continue  # a page bundle's resource, in its folder or below: copied with its page
        if name == "_index":
            skipped.append(Note(shown, "is a section's list page; news-digest makes its own lists"))
        elif path in shadowed:
            skipped.append(Note(shown, f"and {rel_to(shadowed[path], root)} are one page to Hugo (a name without a "
                                       f"language is in the default one, {code or languages.default}), which "
                                       "published the other; not converted: copy what you need into that one"))
        elif named in languages.disabled:
            skipped.append(Note(shown, f"is in the language {named}, which the site leaves out (disableLanguages, or "
                                       f"disabled = true in [languages.{named}]), so Hugo did not publish it; not "
                                       "converted"))
        elif suffix in OTHER_FORMATS:
            skipped.append(Note(shown, f"{suffix} content is not converted; rewrite it in Markdown"))
        elif suffix not in MARKDOWN:
            section = _section_index(path, folder, paged)
            kept = section_held(section, folder, code or languages.default, files=True) if section else ""
            if kept:
                named = rel_to(section, root) if section.is_file() else f"{rel_to(section.parent, root)}/ (without an " \
                                                                          "_index.md, its front matter is a cascade's)"
                skipped.append(Note(shown, f"is a file of the section {named}, {kept}; not copied"))
            elif languages.prefix(named or code or languages.default):
                skipped.append(Note(shown, "is a file of its section, which Hugo published below its language's "
                                           "address; it is not copied: copy it to static/ by hand if it is needed"))
            else:
                loose.append(Asset(path, served(path, section.parent if section else folder, folder), shown))
        else:
            language = named or code or languages.default
            top = rel_to(path, folder).split("/")
            below = len(top) > (2 if path.parent in bundles else 1)
            index = own_index(folder / top[0], language) if below else None
            # the sections below the top one whose list page and feed Hugo published (/docs/api/, /blog/2024/)
            nested = tuple(rel_to(parent, folder) for parent in reversed(path.parents[:len(top) - 2])
                           if parent not in bundles and (inner := own_index(parent, language)).is_file()
                           and not section_held(inner, folder, language))
            off = _disabled({**values, **_own(values, language)})
            try:
                post, post_notes, moves = _post(
                    path, rel_to(path, folder), shown, bundles, _ugly(values), (languages, language), builds,
                    cascaded(path, folder, language), date_keys, _path_style(values),
                    listed=not (index and section_held(index, folder, language)), nested=nested,
                    permalinks=_for_language(own_permalinks.get(language, permalinks), language,
                                             languages.codes or (languages.default,)),
                    off=off, renamed=renamed(path, folder, language),
                    list_urls=list_urls(path, folder, language))
            except ReadError as e:
                skipped.append(not_converted(shown, e))
                continue
            posts.append(replace(post, resources=tuple(pair for pair in post.resources if pair[0] not in hidden)))
            notes += post_notes
            moved |= moves
            if "page" in off:
                unpaged.add(shown)
            places[shown] = (named or code or languages.default, _ref_path(rel_to(path, folder), languages))
    laid: dict[str, Asset] = {}  # a later static folder's file over an earlier one's, as Hugo lays them
    for static in statics:
        for path in walk(static) if static.is_dir() else []:
            if (under := laid.get(rel := rel_to(path, static))) is not None:
                skipped.append(Note(rel_to(under.source, root), f"has the address of {rel_to(path, root)}, which Hugo "
                                                               "published over it (a later static folder); not copied"))
            laid[rel] = Asset(path, rel, rel_to(path, root))
    assets += sorted(laid.values(), key=lambda asset: asset.rel)
    # Hugo published a section's files at their paths in content/, over static/'s (checked with Hugo 0.168)
    over = {asset.rel: asset.shown for asset in loose}
    skipped += [Note(rel_to(asset.source, root), f"has the address of {over[asset.rel]}, which Hugo published over "
                                                 "it; not copied") for asset in assets if asset.rel in over]
    assets = [asset for asset in assets if asset.rel not in over] + loose
    posts = _moved_lists(_with_later_pages(posts, values, frozenset(unpaged)) if _paginates(root, values) else posts, moved,
                         {_pager(values, code)[1] for code in (languages.default, *languages.codes)})
    posts = _default_language_home(posts, values, languages)
    notes = list(dict.fromkeys(notes))  # a list page's rule Hugo followed and this import cannot: said once
    site, config_notes = _config(values, where)
    config_notes += _environments(root, how) + date_notes + _own_page_sizes(root, values)
    config_notes += _translations(posts, languages, where.get("languages", ""))
    find = _ref_finder(places, languages)
    notes += [Note(post.rel, f"its ref {quoted(path)} names a page in {places[other][0]} only ({other}), "
                             "and Hugo finds a ref's page in the language of the page that has it, "
                             f"{places[post.rel][0]} (it stops with REF_NOT_FOUND); kept as text: link the article "
                             "you mean by hand")
              for post in posts for match in _REF.finditer(post.body) for path, _, language in [_ref_of(match)]
              if path and not language and (other := find(post.rel, path)[1])]
    return Scan(tuple(posts), tuple(assets), tuple(skipped), tuple(dict.fromkeys(config_notes + notes)), site,
                _resolver(find),
                (_SHORTCODE, "has Hugo shortcodes ({{< ... >}} or {{% ... %}}), which are kept as text, or a ref to a "
                             "page that was not imported; edit them by hand"), in_code=True)


def _default_language_home(posts: list[Post], values: Meta, languages: Languages) -> list[Post]:
    """The posts with the default language's own home address (/id/) on the lists of those on the home page (/): a
    multilingual Hugo site that serves its default language at the root wrote a page there that sends readers to /
    (not with ``disableDefaultLanguageRedirect``, a home page ``disableKinds`` leaves out, or ``uglyURLs = true``,
    where Hugo 0.168 writes it at /index.htmlid/: checked), which the new home page takes over."""
    if (len(set(languages.codes) - languages.disabled) < 2 or languages.in_subdir or _ugly(values) is True
            or _go_bool(values.get("disabledefaultlanguageredirect", False))):
        return posts
    home = ("", "index", "")
    return [replace(post, old_lists=(*post.old_lists, (f"{languages.default}/", "index", "")))
            if home in post.old_lists else post for post in posts]


def _disabled(values: Meta) -> frozenset[str]:
    """The kinds of page the site's ``disableKinds`` names (a language's own, ``[languages.fr] disableKinds = []``,
    in place of the root's for its pages: checked with Hugo 0.168), lower-cased as Hugo reads them ('RSS' is 'rss'):
    Hugo made none of them, nor their feeds and later pages (checked with Hugo 0.168): 'rss' no feed at all, 'home'
    no home page, 'section' no section's list, 'taxonomy' no list of a taxonomy's terms (/tags/), 'term' no term's
    page (/tags/ai/)."""
    return frozenset(kind.lower() for kind in as_list(values.get("disablekinds"), separator=None))


def _section_index(path: Path, folder: Path, paged: set[Path]) -> Path | None:
    """The ``_index.md`` of the section the file ``path`` of the content ``folder`` belongs to: the nearest folder
    above it that has one, else its top folder's when that holds a page (``paged``), which Hugo makes a section
    without one (a path that is no file: only the cascades from above give it front matter), else the home page's;
    None for a file of the home page without one."""
    for parent in path.parents:
        if not parent.is_relative_to(folder):
            break
        found = next((index for index in (parent / "_index.md", parent / "_index.markdown") if index.is_file()), None)
        if found or parent in paged:
            return found or parent / "_index.md"
    return None


def _pager(values: Meta, language: str = "") -> tuple[int, str, int]:
    """How many posts a page of Hugo's lists holds, the folder of its later pages (``[pagination] pagerSize``
    and ``path``, else the older ``paginate`` and ``paginatePath``, else Hugo's 10 and 'page') and the number of the
    first it wrote there (1, its page/1/, a redirect to the list; 2 with ``[pagination] disableAliases``); the
    ``language``'s own
    (``[languages.en.pagination]``; '' for the default one) over the root's, as Hugo 0.168 reads them. Not per kind:
    Hugo reads no ``[pagination]`` of a kind, nor a ``paginate:`` in front matter (checked with Hugo 0.168)."""
    values = _merged(values, _own(values, language))
    own = values.get("pagination")
    own = {str(key).lower(): value for key, value in own.items()} if isinstance(own, dict) else {}
    size, path = own.get("pagersize", values.get("paginate")), own.get("path", values.get("paginatepath"))
    return (size if type(size) is int and size > 0 else 10,
            path.strip("/") if isinstance(path, str) and path.strip("/") else "page",
            2 if _go_bool(own.get("disablealiases")) else 1)


_PAGINATES = re.compile(r"\bPaginat(?:e|or)\b")
"""A template's call of Hugo's paginator (``.Paginator``, ``.Paginate``, ``$.Paginator``)."""


def _templates(root: Path, values: Meta) -> tuple[list[Path], bool]:
    """The site's templates (in its ``layoutDir``, else layouts/) and its ``theme``'s (in ``themesDir``, else
    themes/), and whether some may be elsewhere (a theme not in the site's folder, a Hugo module's)."""
    themes = root / (as_text(values.get("themesdir")) or "themes")
    folders = [root / (as_text(values.get("layoutdir")) or "layouts"),
               *(themes / name / "layouts" for name in as_list(values.get("theme")))]
    found = [path for folder in folders if folder.is_dir() for path in walk(folder)
             if path.suffix.lower() in (".html", ".xml", ".txt", ".json", ".gotmpl")]
    missing = any(not (themes / name).is_dir() for name in as_list(values.get("theme")))
    return found, missing or bool(values.get("module"))


def _paginates(root: Path, values: Meta) -> bool:
    """Whether Hugo's paginator made later pages of the site's lists (and their page/1/): only when a template of the
    site's or of its theme's (``_templates``) calls it (checked with Hugo 0.168: a list template without it makes
    /posts/ alone). True when no template is found here (a theme from a Hugo module, one not in the site's folder),
    where this import cannot tell."""
    found, elsewhere = _templates(root, values)
    if not found or elsewhere:
        return True
    for path in found:
        try:
            if _PAGINATES.search(read_text(path)):
                return True
        except ReadError:  # one this import cannot read may call it
            return True
    return False


_PAGINATE_CALL = re.compile(r"\bPaginate\s+((?:\([^()]*\)|\"[^\"]*\"|[^\s()|}]+)\s+[^\s()|}]+)")
"""A template's ``.Paginate`` given a page size of its own: ``.Paginate .Pages 3``, ``(.Paginate (where ...) $n)``."""


def _own_page_sizes(root: Path, values: Meta) -> list[Note]:
    """A report line for each template that gives ``.Paginate`` a page size of its own, which Hugo used over
    pagerSize for the lists it renders (checked with Hugo 0.168: ``.Paginate .Pages 2`` in section.html made
    /posts/page/2/ with pagerSize 5); the later pages were counted at pagerSize (``_pager``), as this import does not
    tell which lists a template renders."""
    notes = []
    for path in _templates(root, values)[0]:
        try:
            calls = [" ".join(match.group(1).split()) for match in _PAGINATE_CALL.finditer(read_text(path))]
        except ReadError:
            continue
        if calls:
            notes.append(Note(rel_to(path, root), f"calls .Paginate {quoted(calls[0])}, with a page size of its own, "
                                                  "which Hugo used for the lists it renders; their later pages' "
                                                  f"redirects (page/2/...) are counted at pagerSize "
                                                  f"{_pager(values)[0]}: check them in static/_redirects, and add or "
                                                  "remove those of the pages Hugo made"))
    return notes


def _with_later_pages(posts: list[Post], values: Meta, unpaged: frozenset[str] = frozenset()) -> list[Post]:
    """The articles with the pages Hugo's paginator made of the lists they are on (``_pager``'s size and folder, their
    language's) in their ``old_lists``: the later pages of the home page (/page/2/, /en/page/2/), a section's list (/posts/page/2/),
    a term's (/tags/ai/page/2/; /tags/ai/page/2.html with uglyURLs for the taxonomy) and a taxonomy's list of terms
    (/tags/page/2/), and the page/1/ Hugo writes of each (not with disableAliases), a redirect to its first page; each
    goes where the first page
    goes. Old links to them were a 404. Counted as Hugo lists them: a list's content, pages too (the home page's:
    all of its language's), and a taxonomy's terms; a draft or a post dated ahead (``Post.held``) is on none, and an
    unlisted post (``build: list: never``) counts on none, though its tags have their page (empty), as in Hugo
    (``list: local``: on all but the home page), nor does a post of ``unpaged`` (its ``rel``: Hugo made no page of
    it, disableKinds 'page'); an empty list still has its page/1/ (checked with Hugo 0.168)."""
    # each list's first page and language → its kind, name and content: two languages' sections with one url: from
    # the root (/nw/) are two lists, each paged on its own, which Hugo wrote to the same folder (the later language's
    # pages over the earlier's: Hugo 0.168's 'Duplicate target paths', a warning only with --printPathWarnings)
    on: dict[tuple[str, str], tuple[str, str, dict[int, Post]]] = {}
    for post in posts:
        for address, kind, name in post.old_lists if not post.held else ():
            if address.endswith("/") or not address or name and address.endswith(".html"):
                on.setdefault((address, post.translation), (kind, name, {}))[2][id(post)] = post
    later: dict[int, list[tuple[str, str, str]]] = {}  # an article (its id) → the pages it carries
    for (address, _), (kind, name, listed) in on.items():
        count = len({at for (at, _), (_, term, _) in on.items() if term and at.startswith(address) and at != address}
                    ) if kind in ("tags", "sections") and not name else sum(
            (not p.unlisted or p.local and bool(name)) and p.rel not in unpaged  # local: not on the home page
            for p in listed.values())
        if (first := next((post for post in listed.values() if post.kind == "article"), None)) is None:
            continue
        folder, end = (address.removesuffix(".html") + "/", ".html") if address.endswith(".html") else (address, "/")
        size, path, start = _pager(values, first.translation)
        later.setdefault(id(first), []).extend(
            (f"{folder}{path}/{n}{end}", kind, name) for n in range(start, max(1, math.ceil(count / size)) + 1))
    return [replace(post, old_lists=post.old_lists + tuple(later[id(post)])) if later.get(id(post)) else post
            for post in posts]


def _moved_lists(posts: list[Post], moved: dict[str, str], pages: set[str]) -> list[Post]:
    """The posts with their old list pages and feeds where the config's ``[permalinks]`` rules for terms, taxonomies
    and sections put them (``moved``: each list page's address at Hugo's default → its own, '' for one this import
    cannot fill in, which gets no rule): the page, its feed (index.xml) and its later pages (page/2/; ``pages``: their
    folders, each language's), counted on the default addresses."""
    if not moved:
        return posts
    later = re.compile(rf"(.*?)(?:{'|'.join(map(re.escape, sorted(pages)))})/\d+(/|\.html)")

    def new(address: str) -> str | None:
        if address in moved:
            return moved[address] or None
        if address.endswith("index.xml") or (found := later.fullmatch(address)):  # its feed, a later page
            base = address.removesuffix("index.xml") if address.endswith("index.xml") else found.group(1)
            to = moved.get(base, base)
            return to + address[len(base):] if to else None
        if address.endswith(".html"):  # a term's page with uglyURLs, /tags/kopi.html (its feed: /tags/kopi/index.xml)
            to = moved.get(address.removesuffix(".html") + "/", address)
            return to.removesuffix("/") + ".html" if to.endswith("/") else to or None
        return moved.get(address, address) or None

    def placed(entries: tuple[tuple[str, str, str], ...]) -> tuple[tuple[str, str, str], ...]:
        return tuple((at, kind, name) for old, kind, name in entries if (at := new(old)) is not None)

    return [replace(post, old_lists=placed(post.old_lists), old_feeds=placed(post.old_feeds)) for post in posts]


def _translations(posts: list[Post], languages: Languages, shown: str) -> list[Note]:
    """A report line when the site's content is in more than one language: each translation is an article of its own."""
    counts = {code: 0 for code in (languages.default, *languages.codes)}
    for post in posts:
        counts[post.translation or languages.default] += 1
    written = [f"{code}{', the default' if code == languages.default else ''}: {counted(n, 'file')}"
               for code, n in counts.items() if n]
    below = [f"/{languages.prefix(code)}... for {code}" for code, n in counts.items() if n and languages.prefix(code)]
    if len(written) < 2:
        return []
    return [Note(shown, f"sets {len(written)} languages with content ({'; '.join(written)}); news-digest has one "
                        "language per site, so each translation is imported as an article of its own and its old "
                        f"address ({', '.join(below)}) redirects to it; one whose new address another file has gets "
                        "its language in its slug (a-en); delete the translations you do not want")]


def _ref_path(rel: str, languages: Languages) -> str:
    """A content file (below its content folder) or a ref's path as Hugo's ref finds it: lower-cased, without a
    Markdown extension or a language ('Posts/A.en.md' → 'posts/a'; a bundle's 'posts/b/index')."""
    folder, _, name = rel.strip().strip("/").lower().rpartition("/")
    stem = next((name.removesuffix(end) for end in MARKDOWN if name.endswith(end)), name)
    return posixpath.join(folder, languages.split(stem)[0])


RefFinder = Callable[[str, str, str], tuple[str, str]]
"""(the file that has a ref, the ref's path, the language it names or '' for that file's) → (the file it names, ''),
or ('', a file it names in another language only), or ('', '')."""


def _ref_finder(places: dict[str, tuple[str, str]], languages: Languages) -> RefFinder:
    """How Hugo finds a ref's page (its pagecollections.go, getContentNode), in the language of the page that has the
    ref: the path from that page's folder (a bundle's: the folder it is in, unless the path starts '../' and names a
    file), then from the content folder, each as a file or a bundle; else a file or bundle of that name, when only one
    has it. ``places``: each post's file → its language and ``_ref_path``."""
    found = {place: rel for rel, place in reversed(places.items())}
    named: dict[tuple[str, str], list[str]] = {}
    for rel, (code, path) in places.items():
        named.setdefault((code, posixpath.basename(path.removesuffix("/index"))), []).append(rel)

    def find(source: str, ref: str, lang: str = "") -> tuple[str, str]:
        code, here = places[source]
        code = lang or code
        wanted, dots = _ref_path(ref, languages), ref.strip().startswith(".")
        up = ref.strip().startswith("../") and ref.strip().lower().endswith(MARKDOWN)  # Hugo's Dir, not its
        folder = posixpath.dirname(here if up else here.removesuffix("/index"))  # ContainerDir: a bundle's own
        tries = [] if ref.strip().startswith("/") else [posixpath.normpath(posixpath.join(folder, wanted))]
        tries += [] if dots else [posixpath.normpath(wanted)]
        for language in (code, *sorted({c for c, _ in places.values()} - {code})):
            hit = next((found[language, path] for tried in tries for path in (tried, tried + "/index")
                        if (language, path) in found), "")
            alone = named.get((language, wanted), []) if "/" not in wanted and not dots else []
            if hit := hit or (alone[0] if len(alone) == 1 else ""):
                return (hit, "") if language == code else ("", hit)
        return "", ""

    return find


def _resolver(find: RefFinder) -> Rewrite:
    """``{{< ref "other.md" >}}`` and ``relref`` → the new URL of the page Hugo linked (``_ref_finder``)."""

    def rewrite(post: Post, urls: dict[str, str], base: str) -> str:
        def ref(match: re.Match[str]) -> str:
            path, part, language = _ref_of(match)
            target = find(post.rel, path, language)[0] if path else ""
            return urls[target] + part if target in urls else match.group(0)

        return _VIDEO.sub(_video, _REF.sub(ref, post.body))

    return rewrite


def _video(match: re.Match[str]) -> str:
    """``{{< youtube ID >}}`` → ``![Title](https://www.youtube.com/watch?v=ID)``: a video card on the new site
    (README "Video embeds"); its title when the shortcode gives one, else 'Video YouTube'."""
    host = match.group(1)
    named = {"id": match.group(2)} if match.group(3) is None else \
        {key.lower(): value for key, value in _NAMED.findall(match.group(3))}
    value = {key: _unquoted(value) for key, value in named.items()}
    found = video(("https://www.youtube.com/watch?v=" if host == "youtube" else "https://vimeo.com/")
                  + value.get("id", "") + (f"&t={value['start']}" if host == "youtube" and "start" in value else ""))
    if not isinstance(found, Video):
        return match.group(0)  # no id, or not one: left as text, and the report says so
    title = _ALT_SYNTAX.sub(r"\\\g<0>", " ".join(value.get("title", "").split())) or f"Video {HOSTS[host]}"
    return f"![{title}]({found.page})"


def _videos_in_links(body: str, first: int) -> tuple[str, ...]:
    """A 'line N: ...' (``first`` the body's first line in the file) for each video shortcode ``_video`` makes a card
    of inside an HTML link (``<a href=…>Watch {{< youtube ID >}}</a>``): the card cannot be in a link, so the build
    leaves it out, with a warning (or, in an HTML block, shows its Markdown as the link's text), until it is moved
    after the ``</a>``."""
    if not _VIDEO.search(body):  # most posts: no parse
        return ()
    text = outside_code(body, lambda part: part, lambda code: re.sub(r"[^\n]", " ", code))  # code keeps its lines
    said = []
    for found in _VIDEO.finditer(text):
        before = text[:found.start()]
        if len(_LINK_OPEN.findall(before)) > len(_LINK_CLOSE.findall(before)) and _video(found) != found.group(0):
            said.append(f"line {first + before.count(chr(10))}: {found.group(0)} is inside a link (<a …> … </a>), "
                        "which cannot hold the new site's video card, so the new page shows no video there; move it "
                        "after the </a>, alone in its paragraph (a blank line before and after)")
    return tuple(said)


_LINK_OPEN = re.compile(r"<a[\s>]", re.IGNORECASE)
_LINK_CLOSE = re.compile(r"</a\s*>", re.IGNORECASE)


_ALT_SYNTAX = re.compile(r"[\\`*_~<>&\[\]!]")
"""What Markdown reads in an image's alt text (a backslash, emphasis, code, raw HTML, an entity, a link's brackets):
each is written after a backslash, so the card shows the title as the shortcode wrote it ('The <video> element &
*more*' read 'The element & more', and 'C:\\dir\\' left '![C:\\dir](…)' as text, no card)."""


def _unquoted(value: str) -> str:
    """A shortcode parameter's value without its delimiters (double quotes or backquotes), and only them: a raw
    value's inner quotes stay (`He said "hi"` lost its last '"')."""
    return value[1:-1] if len(value) > 1 and value[0] == value[-1] and value[0] in "\"`" else value


def _as_written(address: str) -> str:
    """A front matter's ``url:`` or alias as Hugo serves it: from the root, a folder ending in '/', a file
    (``/custom/page.html``) as it is."""
    path = address.strip().strip("/")
    if not path:
        return "/"
    return f"/{path}" if "." in path.rpartition("/")[2] else f"/{path}/"


@dataclass(frozen=True)
class PathStyle:
    """How Hugo makes a path from a name (its ``MakePath``): lower-cased unless the config sets
    ``disablePathToLower``, its accents removed when it sets ``removePathAccents`` ('Kafé' → 'Kafe'; checked with
    Hugo 0.168)."""

    lower: bool = True
    remove_accents: bool = False


def _path_style(values: Meta) -> PathStyle:
    return PathStyle(not _go_bool(values.get("disablepathtolower")), _go_bool(values.get("removepathaccents")))


_GO_SPACES = frozenset("\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
                       "\u2028\u2029\u202f\u205f\u3000")  # Go's unicode.IsSpace
_HEX = frozenset("0123456789abcdefABCDEF")


def _sanitized(text: str, style: PathStyle) -> str:
    """A name as Hugo's ``MakePathSanitized`` makes it (its ``UnicodeSanitize``, with Go's Unicode tables): letters,
    digits (Nd, not '²', '½' or 'Ⅻ'), marks, '%XX' and ``./\\_#+~@-`` kept, anything else dropped; a run of spaces is
    one '-', none at the start nor the end, none beside a '-': 'Rock -- Roll' → 'rock--roll', '🚀 Launch' → 'launch'.
    Then its accents removed if ``style`` says so, and lower-cased as Go does ('İ' → 'i') unless it says otherwise."""
    made: list[str] = []
    space = hyphen = False
    for at, char in enumerate(text):
        kind = unicodedata.category(char)
        if (char in "./\\_#+~@-" or kind[0] in "LM" or kind == "Nd"
                or char == "%" and len(text) > at + 2 and text[at + 1] in _HEX and text[at + 2] in _HEX):
            hyphen = char == "-"
            if space and not hyphen:
                made.append("-")
            space = False
            made.append(char)
        elif made and not hyphen and char in _GO_SPACES:
            space = True
    sanitized = "".join(made)
    if style.remove_accents:
        sanitized = unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", sanitized)
                                                         if unicodedata.category(c) != "Mn"))
    if not style.lower or sanitized.isascii():
        return sanitized.lower() if style.lower else sanitized
    return "".join("i" if c == "\u0130" else c.lower() for c in sanitized)  # Go's ToLower: one character each


def _hugo_path(path: str, style: PathStyle = PathStyle()) -> str:
    """A path as Hugo makes it from file and folder names (and terms): each space a '-' first when it lower-cases
    paths, as its path parser does, then each part ``_sanitized``: 'Q & A - Part 2' → 'q--a---part-2', 'x² ½' →
    'x-'. Checked with Hugo 0.168 (``tests/fixtures/import/hugo-paths.json``)."""
    return "/".join(_sanitized(part.replace(" ", "-") if style.lower else part, style) for part in path.split("/"))


def _urlize(text: str, style: PathStyle) -> str:
    """A ``[permalinks]`` token (``:slug``, ``:title``, ``:filename``) as Hugo's urlize makes it: ``_sanitized``, then
    read back as a URL (a '#' with nothing after it dropped, '%XX' decoded, '+' a space) and sanitized again:
    'C++ Tips' → 'c-tips', 'C# ?' → 'c'. Checked with Hugo 0.168 (``tests/fixtures/import/hugo-paths.json``)."""
    made = _sanitized(text, style)
    path, _, fragment = made.partition("#")
    return _sanitized(unquote_plus(made if fragment else path), style)


def _moment(typed: str) -> datetime | None:
    """A front-matter date as the instant Hugo reads it (a time without an offset is UTC), to compare two."""
    date = parse_date(typed)
    return None if date is None else date.naive.replace(tzinfo=timezone(date.offset or timedelta()))


DateKeys = dict[str, tuple[str, ...]]


def _date_keys(values: Meta, where: dict[str, str]) -> tuple[DateKeys, list[Note]]:
    """The front-matter keys each date is read from, as the site's ``[frontmatter]`` sets them (lower-cased, as Hugo
    reads them; ':default' is ``DATE_KEYS``'), else ``DATE_KEYS``; ':filename' is kept (``_dates``); a note for the
    others it names that are no front-matter key (':fileModTime', ':git'), which this import does not follow."""
    table = values.get("frontmatter")
    table = {str(key).lower(): value for key, value in table.items()} if isinstance(table, dict) else {}
    keys, other = {}, set()
    for date, default in DATE_KEYS.items():
        named = [str(key).lower() for key in as_list(table.get(date))] or [":default"]
        keys[date] = tuple(dict.fromkeys(key for name in named for key in (default if name == ":default" else (name,))
                                         if not key.startswith(":") or key == ":filename"))
        other |= {name for name in named if name.startswith(":") and name not in (":default", ":filename")}
    notes = [Note(where["frontmatter"], f"sets [frontmatter] dates from {', '.join(sorted(other))}, which this import "
                                        "does not follow: a post's dates are read from its front matter only; check "
                                        "the dates of the imported articles")] if other else []
    return keys, notes


def _filename_date(name: str) -> tuple[str, str]:
    """The date and slug Hugo's ':filename' reads from a file's name without its extension (a bundle's: its folder's):
    '2024-02-03-kopi' is 2024-02-03 and 'kopi' (the rest, without ' -_' around it), '2024-02-03T10-30-00-kopi'
    2024-02-03T10:30:00 and 'kopi'; ('', '') for a name that does not start with a date."""
    timed = re.match(r"(\d{4}-\d{2}-\d{2})T(\d{2})[-:](\d{2})[-:](\d{2})", name)
    if timed and parse_date(moment := f"{timed[1]}T{timed[2]}:{timed[3]}:{timed[4]}") is not None:
        return moment, name[19:].strip(" -_")  # '2024-02-03T10-30-00-kopi' (Hugo 0.168 reads ':' there too)
    if not re.match(r"\d{4}-\d{2}-\d{2}", name) or parse_date(name[:10]) is None:
        return "", ""
    return name[:10], name[10:].strip(" -_")


def _dates(meta: dict[str, Any], keys: DateKeys, name: str = "") -> dict[str, str]:
    """A page's dates as Hugo finds them (``_date_keys``, checked with Hugo 0.168): each the first of its keys the front
    matter sets (':filename': the date ``name`` starts with), '' for none; the publishDate, without one, is the date.
    'lastmod' only from a key that is not 'date' or a publishDate key (without one, Hugo's lastmod is the date: no
    modified date). Under ':filename', the slug the name gives when one of the dates came from it (Hugo's slug then,
    unless the front matter sets one), else no key."""
    found: dict[str, str] = {}
    for date in keys:
        text = ""
        for key in keys[date]:
            text = _filename_date(name)[0] if key == ":filename" else as_text(meta.get(key))
            if text:
                found |= {":filename": _filename_date(name)[1]} if key == ":filename" else {}
                break
        found[date] = text
    found["publishdate"] = found["publishdate"] or found["date"]
    found["lastmod"] = next((text for key in keys["lastmod"] if key not in ("date", *keys["publishdate"])
                             if (text := as_text(meta.get(key)))), "")
    return found


def _build_value(meta: dict[str, Any], option: str) -> Any:
    """One of the front matter's build options (``build:``, or the older ``_build:``), as written; None when unset."""
    build = meta.get("build") or meta.get("_build")
    return {str(k).lower(): v for k, v in build.items()}.get(option) if isinstance(build, dict) else None


def _build_mode(meta: dict[str, Any], option: str) -> str:
    """``build:``'s ``render`` or ``list`` as Hugo 0.168 reads it (its pagemeta.DecodeBuildConfig): false and 0 are
    'never', true and 1 'always', and so is a value it does not know, in another letter case too ('Never', "Link",
    "false"); '' when it is not set."""
    value = _build_value(meta, option)
    if value is None or isinstance(value, bool):
        return "" if value is None else "always" if value else "never"
    text = str(value)  # as Hugo's weak decoding gives it: 0 is '0'
    return {"0": "never", "1": "always"}.get(text, text if text in ("never", "link", "local") else "always")


def _unpublished(meta: dict[str, Any], build: dict[str, Any], by: str) -> str:
    """Why Hugo makes no page of this file ('' when it does): ``headless``, or ``build: {render: never}`` (``build``:
    the front matter, or what a cascade gives it, ``by``)."""
    if _go_bool(meta.get("headless")):
        return "is headless (Hugo publishes no page for it), so it is not converted"
    if _build_mode(build, "render") in ("never", "link"):
        return f"has build: render: {as_text(_build_value(build, 'render'))}{by} (Hugo publishes no page for it), so it is not converted"
    return ""


def _with_cascade(meta: Meta, cascade: Cascaded | None) -> tuple[Meta, dict[str, str]]:
    """A page's front matter (lower-cased keys) with what a cascade gives it, each key it does not set (``build:`` as
    one key, with ``_build``); and the keys given, each with the file that set it."""
    given = {key: at for key, (at, _) in (cascade or {}).items()
             if key not in meta and not (key in ("build", "_build") and ("build" in meta or "_build" in meta))}
    return meta | {key: (cascade or {})[key][1] for key in given}, given


def _front(path: Path) -> Meta:
    """A content file's front matter with lower-cased keys; {} when it cannot be read."""
    try:
        return {str(key).lower(): value for key, value in read_front_matter(read_text(path), json_too=True)[0].items()}
    except ReadError:
        return {}


def _private(meta: Meta) -> bool:
    """Whether a page's ``build:`` keeps its files from being published (``publishResources: false``)."""
    return str(_build_value(meta, "publishresources")).lower() in ("false", "0", "f")


def _held_section(meta: Meta, builds: dict[str, str], date_keys: DateKeys, kept: str = "its list page nor its files"
                  ) -> str:
    """Why Hugo did not publish a section (its ``_index.md``'s front matter, with its cascade: ``meta``), or a headless
    bundle (``kept``: 'its page nor its files'): a draft, dated ahead or past its expiryDate, unless the config's
    ``builds`` (``_post``) published it all the same (checked with Hugo 0.168: its files, its list page and its feed
    are not published; its pages are); '' when it did."""
    dates, now = _dates(meta, date_keys), datetime.now(timezone.utc)
    if _go_bool(meta.get("draft")) and "builddrafts" not in builds:
        return f"which is a draft (Hugo published neither {kept})"
    if (at := _moment(dates["publishdate"])) and at > now and "buildfuture" not in builds:
        return f"which is dated {dates['publishdate']}, after this import (Hugo published neither {kept})"
    if (ends := _moment(dates["expirydate"])) and ends <= now and "buildexpired" not in builds:
        return f"which Hugo stopped publishing at its expiryDate {dates['expirydate']} (neither {kept} are published)"
    return ""


@dataclass(frozen=True)
class Permalink:
    """One rule of the config's ``[permalinks]``, as Hugo 0.168 decodes them (its resources/page/permalinks.go): the
    kind of page it is for ('page', 'section', 'taxonomy', 'term'; '' any), the glob of the page paths it reaches
    ('' any), its pattern, and where the config sets it, for the report: the table and key, and the file."""

    kind: str
    path: str
    pattern: str
    shown: str
    at: str = ""
    languages: tuple[str, ...] = ()
    """Its ``target.sites.matrix.languages``: globs of the languages whose pages it reaches, '! en' one it does not
    (``_for_language``); () for every language."""
    unknown: str = ""
    """The keys of its target this import does not understand ('target.lang'), '' for none: the pages it reaches get
    no redirect from it."""

    def reaches(self, kind: str, at: str) -> bool:
        """Whether the rule is for pages of ``kind`` at the path ``at`` ('/posts/b', as Hugo matches its glob)."""
        return self.kind in (kind, "") and (not self.path or _glob(self.path).fullmatch(at) is not None)


def _section_glob(section: str) -> str:
    """The page paths a ``[permalinks]`` key reaches (Hugo's sectionToPathGlob): its section's and those below;
    '/' (or '') the pages at the top."""
    section = section.strip(" /").lower()
    return "/{" + section + "," + section + "/**}" if section else "/*"


def _permalinks(values: Meta, where: dict[str, str], under: str = "", current: str = "production"
                ) -> tuple[Permalink, ...]:
    """The config's ``[permalinks]`` rules, in each form Hugo reads: ``posts = '...'`` (a section's pages and a
    taxonomy's terms), ``[permalinks.page] posts = '...'`` (and .section, .taxonomy, .term), and ``[[permalinks]]``
    with a ``target`` (its kind, path, languages and environment: one for another than ``current`` is left out, as
    Hugo 0.168 leaves it) and a ``pattern``. ``under``: where the table is, for the report ('languages.id.': a
    language's own)."""
    table, at = values.get("permalinks"), where.get("permalinks", "")
    rules: list[Permalink] = []
    if isinstance(table, list):
        for n, entry in enumerate(table, 1):
            entry = {str(k).lower(): v for k, v in entry.items()} if isinstance(entry, dict) else {}
            target = entry.get("target")
            target = {str(k).lower(): v for k, v in target.items()} if isinstance(target, dict) else {}
            sites = target.get("sites")
            sites = {str(k).lower(): v for k, v in sites.items()} if isinstance(sites, dict) else {}
            matrix = sites.get("matrix")
            matrix = {str(k).lower(): v for k, v in matrix.items()} if isinstance(matrix, dict) else {}
            unknown = [*(f"target.{key}" for key in target if key not in ("kind", "path", "environment", "sites")),
                       *(f"target.sites.{key}" for key in sites if key != "matrix"),
                       *(f"target.sites.matrix.{key}" for key in matrix if key != "languages")]
            environment = as_text(target.get("environment"))
            if isinstance(pattern := entry.get("pattern"), str) and environment in ("", current):
                rules.append(Permalink(as_text(target.get("kind")).lower(), as_text(target.get("path")).lower(),
                                       pattern, f"[[{under}permalinks]] number {n}", at,
                                       tuple(map(str.strip, as_list(matrix.get("languages"), separator="\n"))),
                                       ", ".join(unknown)))
    elif isinstance(table, dict):
        for key, value in table.items():
            if isinstance(value, str):
                rules += [Permalink(kind, _section_glob(key), value, f"[{under}permalinks] {key}", at)
                          for kind in ("page", "term")]
            elif isinstance(value, dict):
                rules += [Permalink(key, _section_glob(str(name)), pattern, f"[{under}permalinks.{key}] {name}", at)
                          for name, pattern in value.items() if isinstance(pattern, str)]
    return tuple(rules)


def _for_language(rules: tuple[Permalink, ...], code: str, codes: tuple[str, ...]) -> tuple[Permalink, ...]:
    """The ``rules`` that reach the pages of the language ``code``, of the site's ``codes``, as Hugo 0.168 reads a
    target's ``sites.matrix.languages`` (checked with its build): globs of the codes, as written ('EN' is not 'en'),
    '! en' every code but en; globs that name none of the site's codes are as none (every language)."""
    def matched(globs: tuple[str, ...], one: str) -> bool:
        wanted = [glob for glob in globs if not glob.startswith("!")]
        unwanted = [glob[1:].strip() for glob in globs if glob.startswith("!")]
        return (not wanted or any(re.fullmatch(_glob(glob).pattern, one) for glob in wanted)) \
            and not any(re.fullmatch(_glob(glob).pattern, one) for glob in unwanted)

    return tuple(rule for rule in rules if not rule.languages or matched(rule.languages, code)
                 or not any(matched(rule.languages, one) for one in codes))


@dataclass(frozen=True)
class PermalinkPage:
    """What a ``[permalinks]`` pattern reads of a page (Hugo's page methods)."""

    title: str
    slug: str
    """Its front matter's (or ':filename''s), '' for none."""
    name: str
    """Its file's name without extension and language; a bundle's folder's (``:filename``, ``:contentbasename``)."""
    date: str
    """Its date as typed ('' for none: Go's zero time, 0001-01-01)."""
    section: str
    """Its first folder below content/ ('' at the top)."""
    sections: tuple[str, ...]
    """The path of its own section, the nearest with an _index.md: ('docs', 'api')."""


_ATTRIBUTE = re.compile(r":\w+(\[.+?\])?")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
_DAYS = ("Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday")


def _sliced(cut: str, entries: tuple[str, ...]) -> tuple[str, ...]:
    """``:sections[1:]``, ``[last]``, ``[:2]``, ``[0]`` as Hugo's toSliceFunc cuts the sections (out of bounds gives
    none)."""
    cut = cut.strip().lower()
    if not cut:
        return entries
    if len(cut) < 3 or cut[0] != "[" or cut[-1] != "]" or not entries:
        return ()

    def index(text: str, low: bool) -> int:
        if not text:
            return 0 if low else len(entries)
        n = len(entries) - 1 if text == "last" else max(0, int(text) if text.lstrip("-").isdigit() else 0)
        return (-1 if low else len(entries)) if n >= len(entries) else n

    inner = cut[1:-1]
    if ":" not in inner:
        n = index(inner, True)
        return () if n < 0 or not entries[n] else (entries[n],)
    low, high = (index(part, first) for part, first in zip(inner.split(":")[:2], (True, False)))
    return () if low < 0 or high < 0 else entries[low:high]


def _expand(pattern: str, page: PermalinkPage, style: PathStyle) -> tuple[str, str]:
    """A ``[permalinks]`` pattern filled in for ``page`` as Hugo 0.168 fills it in (checked with its build: the date
    as written, in its own offset; ``:slug`` the title's when there is no slug; the whole path lower-cased, '//' one
    '/'); or '' and why not, when a token is one this import cannot reproduce (a Go date layout, ``:sectionslug``) or
    one Hugo does not know (it stops on it)."""
    def urlize(text: str) -> str:
        return _urlize(text, style)

    def title() -> str:  # a '/' or '\\' in it a '-' (checked with Hugo 0.168), not in a slug or file name
        return urlize(page.title.replace("/", "-").replace("\\", "-"))

    typed = parse_date(page.date) if page.date else None
    when = typed.naive if typed else datetime(1, 1, 1)
    written = page.slug.strip("-")  # Hugo trims a slug's '-'; one of '+' only is '' all the same
    known: dict[str, Callable[[], str]] = {
        "year": lambda: str(when.year), "month": lambda: f"{when.month:02d}", "monthname": lambda: _MONTHS[when.month - 1],
        "day": lambda: f"{when.day:02d}", "weekday": lambda: str(when.isoweekday() % 7),
        "weekdayname": lambda: _DAYS[when.isoweekday() % 7], "yearday": lambda: str(when.timetuple().tm_yday),
        "section": lambda: page.section, "title": title, "slug": lambda: urlize(written) if written else title(),
        "filename": lambda: urlize(page.name), "slugorfilename": lambda: urlize(written or page.name),
        "contentbasename": lambda: urlize(page.name), "slugorcontentbasename": lambda: urlize(written or page.name)}
    if page.date and typed is None:
        return "", f"its date {quoted(page.date)}, which this import cannot read as Hugo did"
    missing: list[str] = []

    def token(match: re.Match[str]) -> str:
        name = match.group(0)[1:]
        if name in known:
            return known[name]()
        if name.startswith("sections") and name[len("sections"):] in ("", match.group(1) or ""):
            return "/".join(_sliced(match.group(1) or "", page.sections))
        missing.append(match.group(0))
        return ""

    expanded = _ATTRIBUTE.sub(token, pattern.replace("\\:", "\0")).replace("\0", ":")
    if missing:
        other = [name for name in missing if not re.search(r"[0-9]|Jan|Mon|MST|PM|pm|sectionslug", name)]
        return "", (f"{', '.join(other)}, which Hugo does not know (it stops with 'permalink attribute not "
                    "recognised')" if other else f"{', '.join(missing)}, which this import does not reproduce")
    return _sanitized(re.sub(r"/{2,}", "/", "/" + expanded), style), ""


def _not_understood(rule: Permalink) -> str:
    """Why a page the ``rule`` may reach gets no address from it: its target has keys this import does not read."""
    return f"a target with {rule.unknown}, which this import does not understand (which pages Hugo gave it)"


def _list_moves(permalinks: tuple[Permalink, ...], terms: list[tuple[str, str]],
                sections: list[tuple[str, Path, str]],
                language: tuple[str, str], style: PathStyle) -> tuple[dict[str, str], list[Note]]:
    """Where the ``permalinks`` rules for list pages put a post's terms ((taxonomy, term)), their taxonomies' lists and
    its ``sections`` ((path, folder, the path Hugo served it at without a rule)), as Hugo 0.168 fills their patterns
    in (checked with its build: a term's
    :section is its taxonomy, :sections the taxonomy and the term, :title and :slug the term's; a section's, its
    _index.md's title and slug, else its folder's name). ``language``: the page's code and the folder Hugo served its
    pages below ('en/'). Each default address (below the site's root) → its own, or '' when a token cannot be filled
    in, with a report line at the rule."""
    code, prefix = language
    if all(rule.kind == "page" for rule in permalinks):  # no rule for a list page: no _index.md to read
        return {}, []
    lists: list[tuple[str, str, str, PermalinkPage]] = []  # its address, its path for a glob, kind, its tokens
    for taxonomy, term in terms:
        slug = _hugo_path(term, style)
        lists += [(f"{taxonomy}/{slug}", f"{taxonomy}/{slug}", "term",
                   PermalinkPage(term, "", term, "", taxonomy, (taxonomy, slug))),
                  (taxonomy, taxonomy, "taxonomy", PermalinkPage(taxonomy, "", taxonomy, "", taxonomy, (taxonomy,)))]
    for section, folder, at in sections:
        index = next((folder / name for name in (f"_index.{code}.md", "_index.md") if (folder / name).is_file()), None)
        meta = {str(k).lower(): v for k, v in _front(index).items()} if index else {}
        lists.append((at, _hugo_path(section, style), "section", PermalinkPage(
            as_text(meta.get("title")) or section.split("/")[-1], as_text(meta.get("slug")), section.split("/")[-1],
            "", section.split("/")[0], tuple(section.split("/")))))
    moves: dict[str, str] = {}
    notes: list[Note] = []
    for at, path, kind, page in lists:
        glob = "/" + path.lower().replace(" ", "-")
        rule = next((rule for rule in permalinks if rule.reaches(kind, glob)), None)
        if rule is None:
            continue
        expanded, why = _expand(rule.pattern, page, style) if not rule.unknown else ("", _not_understood(rule))
        # the tokens checked with Hugo for list pages; what a list page's date or file name gives was not
        other = [match.group(0) for match in _ATTRIBUTE.finditer(rule.pattern.replace("\\:", ""))
                 if match.group(0)[1:].split("[")[0] not in ("slug", "title", "section", "sections")]
        why = why or (f"{', '.join(other)}, which this import does not fill in for a list page" if other else "")
        moves[prefix + at + "/"] = prefix + expanded.strip("/") + "/" if expanded.strip("/") and not why else ""
        if kind == "taxonomy":  # its /tags.html of Hugo before 0.148 (uglyURLs): where a rule put it is not checked
            moves[prefix + at + ".html"] = ""
        if why:
            notes.append(Note(rule.at, f"sets {rule.shown} = {quoted(rule.pattern)}, which has {why}: the {kind} page "
                                       f"/{prefix}{at}/ (its old address), its feed and later pages get no redirect; add them "
                                       "to static/_redirects by hand"))
    return moves, notes


def _post(path: Path, rel: str, shown: str, bundles: set[Path], ugly: bool | dict[str, bool] | None = False,
          language: tuple[Languages, str] = (Languages(), ""), builds: dict[str, str] | None = None,
          cascade: Cascaded | None = None, date_keys: DateKeys = DATE_KEYS,
          style: PathStyle = PathStyle(), listed: bool = True, nested: tuple[str, ...] = (),
          permalinks: tuple[Permalink, ...] = (), off: frozenset[str] = frozenset(),
          renamed: dict[str, str] | None = None, list_urls: dict[str, str] | None = None
          ) -> tuple[Post, list[Note], dict[str, str]]:
    """``ugly``: the site's ``uglyURLs`` (``_ugly``). Where it is set for the page's section, Hugo served it at
    /posts/a.html, not /posts/a/; where it is set for a taxonomy, a term's page at /tags/ai.html, and the
    taxonomy's list at /tags.html (Hugo before 0.148; /tags/ since: its resources/page/page_paths.go).
    ``language``: the site's languages and the page's; a translation's name is its file's without the language
    (a.en.md is 'a'), and its addresses are below /<code>/ when Hugo served them there, a ``url:`` written without
    a leading '/' too (its page_paths.go), and an alias written with one (/legacy/e/ of e.en.md is /en/legacy/e/:
    Hugo writes every alias below its page's language folder). ``builds``: of ``buildFuture``, ``buildExpired`` and
    ``buildDrafts`` (lower-cased), those the config sets, each with the file that sets it (``scan``): Hugo published
    a post dated ahead, past its expiryDate or a draft then too. ``cascade``: the front
    matter a cascade gives the page (``_cascades``), each key unless it has its own. ``date_keys``: where its dates are read
    (``_date_keys``). ``style``: how Hugo made its paths (``PathStyle``). ``listed``: whether Hugo published its section's
    list page and feed (/posts/, /posts/index.xml; not for a draft section: ``_held_section``); ``nested``: the
    sections below that one, above the page, whose list page and feed Hugo published ('docs/api'). ``permalinks``: the
    config's rules (``_permalinks``); the first page rule whose glob matches the page's path gives its address, unless
    its front matter has a ``url:``. ``off``: the kinds of page Hugo did not make (``_disabled``): the post is on none
    of those lists, nor in their feeds (none with 'rss'); with 'page' it had no address, nor its aliases or terms.
    ``renamed``: the path Hugo served each of its sections at whose _index.md has a ``slug:`` ('docs/api' →
    'docs/api-slug'; scan's ``renamed``), for the section's list and feed, and its pages below. Also gives the
    addresses the ``permalinks`` rules gave its term, taxonomy and section pages (``_list_moves``). ``list_urls``:
    the path Hugo served the list and feed of each of its sections at whose _index.md has a ``url:`` ('news' → 'nw',
    '/nw' for a url from the root, below no language's folder; scan's ``list_urls``), over a ``permalinks`` rule for
    the section; its pages stay below the folder's name."""
    languages, code = language
    prefix = languages.prefix(code)
    renamed = renamed or {}

    def served(folder: str) -> str:  # a section's path as Hugo served it, its _index.md's slug: in place of its name
        return renamed.get(folder) or _hugo_path(folder, style)

    def listed_at(folder: str) -> str:  # where Hugo served a section's list and feed: its _index.md's url:, if any
        return (list_urls or {}).get(folder) or served(folder)

    off = off | {"term"} if "page" in off else off  # no page: no term has any either (checked with Hugo 0.168)
    text = read_text(path)
    meta, body = read_front_matter(text, json_too=True)
    if not meta:
        raise ReadError("has no front matter; add '---', a 'title:' and a 'date:', then '---'")
    meta = {str(key).lower(): value for key, value in meta.items()}  # Hugo reads 'publishDate' as 'publishdate'
    meta, given = _with_cascade(meta, cascade)
    build, by = meta, next((f" by the cascade of {given[key]}" for key in ("build", "_build") if key in given), "")
    if why := _unpublished(meta, build, by):
        raise ReadError(why)
    title = as_text(meta.get("title"))
    if not title:
        raise ReadError("has no 'title' in its front matter; add one and import again")
    parts = rel.split("/")
    bundle = path.parent in bundles
    named = parts[-2] if bundle and len(parts) > 1 else languages.split(path.stem)[0]
    dates = _dates(meta, date_keys, named)
    slug = as_text(meta.get("slug")) or dates.get(":filename") or named
    url = as_text(meta.get("url"))
    folders = parts[:-2] if bundle else parts[:-1]  # Hugo's address follows the folders: /posts/2024/nested/
    end = ".html" if _ugly_in(ugly, folders[0] if folders else "") else "/"
    notes: list[Note] = []
    if "lang" in meta:  # the language of a page is its file's (name, content folder): lang: is not read as one
        notes.append(Note(given["lang"], f"has a cascade that sets lang: {quoted(as_text(meta['lang']))}, which this "
                                         "import does not follow: each page is imported in its file's language (its "
                                         "name's, else its content folder's); set lang: by hand on an article in "
                                         "another") if "lang" in given else
                     Note(shown, f"sets lang: {quoted(as_text(meta['lang']))}, which this import does not follow: it "
                                 f"is imported in its file's language, {code or languages.default} (its name's, else "
                                 "its content folder's); set lang: by hand if it is in another"))
    at = "/" + "/".join([*folders, named]).lower().replace(" ", "-")  # as Hugo matches a rule's glob: '/posts/b'
    rule = next((rule for rule in permalinks if rule.reaches("page", at)), None) if not url else None
    if rule:
        own = (nested[-1] if nested else folders[0] if folders else "").split("/")
        expanded, why = _expand(rule.pattern, PermalinkPage(
            title, as_text(meta.get("slug")) or dates.get(":filename", ""), named, dates["date"],
            folders[0] if folders else "", tuple(part for part in own if part)), style) if not rule.unknown \
            else ("", _not_understood(rule))
        if why:
            notes.append(Note(shown, f"had its address from {rule.shown} = {quoted(rule.pattern)} in the config, "
                                     f"which has {why}: it gets no redirect from its old address; add that address "
                                     "to its redirects: by hand"))
    if url:
        old_url = _as_written(("" if url.startswith("/") else prefix) + url)
    elif rule:  # none when a token could not be filled in (the note says so)
        old_url = "/" + prefix + expanded.strip("/") + end if expanded.strip("/") else ""
    else:
        written = (as_text(meta.get("slug")) or dates.get(":filename") or "").strip("-")  # Hugo trims a slug's '-'
        inner = next((len(folders) - n for n in range(len(folders)) if "/".join(folders[:len(folders) - n]) in renamed),
                     0)  # the nearest section above the post that Hugo moved (its slug:), and the folders below it
        above = served("/".join(folders[:inner])) + "/" if inner else ""
        old_url = re.sub(r"/{2,}", "/", "/" + prefix + above
                         + _hugo_path("".join(f"{folder}/" for folder in folders[inner:]) + ("" if written else named),
                                      style)
                         + (_sanitized(written, style) if written else "") + end)  # a slug's spaces not '-' first
    here = posixpath.dirname(old_url.rstrip("/"))  # a relative alias is beside the page, as Hugo writes it
    aliases = tuple(_as_written("/" + prefix + a.lstrip("/") if a.startswith("/") else posixpath.normpath(posixpath.join(here, a)))
                    for a in as_list(meta.get("aliases")))
    if end == ".html":  # an alias is a folder before Hugo 0.155, a '.html' file since (its hugolib/page__output.go)
        aliases = tuple(dict.fromkeys(address for alias in aliases for address in (
            alias, *((alias.removesuffix("/") + ".html",) if alias.endswith("/") and alias != "/" else ()))))
    categories = as_list(meta.get("categories"))
    resources = tuple((p, rel_to(p, path.parent)) for p in walk(path.parent)
                      if p.suffix.lower() not in MARKDOWN) if bundle else ()  # 'images/pic.jpg' too, as in Hugo
    typed = dates["date"]
    withheld = tuple(name for _, name in resources) if _private(build) else ()
    resources = () if withheld else resources
    published = dates["publishdate"]
    now = datetime.now(timezone.utc)
    later = _moment(published) if published else None
    if typed and published and published != typed and later and (dated := _moment(typed)) and later > dated:
        notes.append(Note(shown, (f"Hugo published it at its publishDate {published}, after its date {typed}"
                                  if later <= now else f"has its publishDate {published} after its date {typed}")
                          + "; news-digest publishes an article at its date, so the publishDate is its date"))
        typed = published
    builds = builds or {}
    build_future = builds.get("buildfuture", "")
    draft = _go_bool(meta.get("draft"))  # as Hugo 0.168: 1, "1", "t" are true; yes, on are not
    if draft and "builddrafts" in builds:
        draft = False
        notes.append(Note(shown, f"is a draft{' by the cascade of ' + given['draft'] if 'draft' in given else ''}, "
                                 f"which Hugo published all the same (its {builds['builddrafts']} sets buildDrafts): "
                                 "it is imported as published, with its redirect; add 'draft: true' to hold it"))
    if draft and "draft" in given:
        notes.append(Note(shown, f"is a draft by the cascade of {given['draft']} (Hugo did not publish it), and is "
                                 "imported as one: remove 'draft: true' from it to publish it"))
    ahead = bool(typed) and (dated := _moment(typed)) is not None and dated > now
    hugo_had = later <= now if later else not ahead  # Hugo publishes at the publishDate, else at the date
    future = ahead and not hugo_had and not build_future
    if future and not draft:
        notes.append(Note(shown, f"is dated {typed}, after this import: Hugo had not published it (it publishes a post "
                                 "dated ahead only with --buildFuture), and the build leaves it out until that date "
                                 "too (digest build --future shows it); it gets no redirect, as it had no address"))
    elif ahead and not draft:
        why = f"its publishDate {published} had come" if hugo_had else f"its {build_future} sets buildFuture"
        notes.append(Note(shown, f"is dated {typed}, after this import, and Hugo published it all the same ({why}): its "
                                 "old address redirects to it, but the build leaves it out until that date, with its "
                                 "redirect; change its date to publish it now, or build with --future (digest build "
                                 "--future publishes every article dated ahead, as Hugo's buildFuture does)"))
    expiry = dates["expirydate"]
    expired = bool(expiry) and (ends := _moment(expiry)) is not None and ends <= datetime.now(timezone.utc)
    if expired and "buildexpired" in builds:
        notes.append(Note(shown, f"has expiryDate {expiry}, which has passed, and Hugo published it all the same (its "
                                 f"{builds['buildexpired']} sets buildExpired); news-digest has no expiry date, so it "
                                 "stays published: delete it, or mark it 'draft: true', if it should not be"))
    elif expired and not typed:
        raise ReadError(f"is a page Hugo stopped publishing at its expiryDate {expiry}, so it is not converted")
    elif expiry and typed and _moment(expiry):
        if expired:
            draft = True
            notes.append(Note(shown, f"Hugo stopped publishing it at its expiryDate {expiry}; it is imported as a "
                                     "draft (news-digest has no expiry date): delete it, or remove 'draft: true' "
                                     "to publish it again"))
        else:
            notes.append(Note(shown, f"has expiryDate {expiry}, which news-digest does not have: it stays published "
                                     "after that date unless you delete it or mark it 'draft: true' then"))
    own, unusable = digest_fields(meta)
    section = own.pop("section", categories[0] if categories else "")
    sections = ([folders[0]] if folders and listed else []) + list(nested)
    # the site's feed, its sections' and the lists of tags and of categories' (Hugo writes those with no term too),
    # each with the kind of Hugo page it is of, as disableKinds names them
    feeds = [("index.xml", "", "", "home"), ("tags/index.xml", "", "", "taxonomy"),
             ("categories/index.xml", "", "", "taxonomy")]
    feeds += [(listed_at(folder) + "/index.xml", "", "", "section") for folder in sections]
    feeds += [(f"tags/{_hugo_path(tag, style)}/index.xml", "tags", tag, "term") for tag in as_list(meta.get("tags"))]
    feeds += [(f"categories/{_hugo_path(c, style)}/index.xml", "sections" if c.casefold() == section.casefold()
               else "tags", c, "term") for c in categories]
    tag_end, category_end = (".html" if _ugly_in(ugly, taxonomy) else "/" for taxonomy in ("tags", "categories"))
    lists = [(f"tags/{_hugo_path(tag, style)}{tag_end}", "tags", tag, "term") for tag in as_list(meta.get("tags"))]
    lists += [(f"categories/{_hugo_path(c, style)}{category_end}", "sections" if c.casefold() == section.casefold()
               else "tags", c, "term") for c in categories]
    # the lists of tags and of categories, which Hugo writes with no category too; and the home page (a language's,
    # /en/, to the new one) and the section's list (/posts/, /en/posts/; named), to the home page as their feeds go to
    # /feed.xml; their pages after the first: _with_later_pages
    lists += [("tags/", "tags", "", "taxonomy"), ("categories/", "sections", "", "taxonomy"), ("", "index", "", "home")]
    lists += [(listed_at(folder) + "/", "index", folder, "section") for folder in sections]
    # the list of a taxonomy's terms: /tags.html before Hugo 0.148, /tags/ since (a term's stays .html)
    lists += [(f"{kind}.html", new, "", "taxonomy") for kind, new, terms, ending in (
        ("tags", "tags", as_list(meta.get("tags")), tag_end), ("categories", "sections", categories, category_end))
        if terms and ending == ".html"]
    feeds = [] if "rss" in off else feeds
    top = path.parents[len(parts) - 1]  # the content folder
    terms = [(taxonomy, term) for taxonomy, terms in (("tags", as_list(meta.get("tags"))), ("categories", categories))
             for term in terms]
    moves, said = _list_moves(permalinks, terms, [(folder, top / folder, listed_at(folder)) for folder in sections
                                                  if folder not in (list_urls or {})], (code, prefix), style)

    def below(at: str) -> str:  # an address below the page's language folder, unless a section's url: is from the root
        return at[1:] if at.startswith("/") else prefix + at
    notes += said
    return Post(rel=shown, kind="article" if typed else "page", slug=slug,
                old_urls=() if "page" in off else tuple(filter(None, (old_url, *aliases))), title=title,
                body=body, date=typed, updated=dates["lastmod"] if typed else "",
                summary=as_text(meta.get("summary") or meta.get("description")),
                tags=as_list(meta.get("tags")) + tuple(c for c in categories if c.casefold() != section.casefold()), section=section,
                author=", ".join(as_list(meta.get("authors"))) or as_text(meta.get("author")),
                draft=draft, resources=resources, withheld=withheld,
                withheld_by=f"build: publishResources: false{by}" if withheld else "", old_feeds=tuple((below(at), kind, name) for at, kind, name, of in feeds if of not in off),
                old_lists=tuple((below(at), kind, name) for at, kind, name, of in lists if of not in off), **own,
                dropped=tuple(sorted([*(k for k in meta if k not in KNOWN and not any(
                    k in keys for keys in date_keys.values())), *unusable])),  # a date [frontmatter] reads is used
                cascaded=tuple(sorted((k, given[k]) for k in given if k not in KNOWN)),
                translation="" if code == languages.default else code, locale=languages.locale(code),
                unlisted=f"build: list: {as_text(_build_value(build, 'list'))}{by}"
                if (listed := _build_mode(build, "list")) in ("never", "local")
                else "", local=listed == "local", future=future,
                said=_videos_in_links(body, text[:len(text) - len(body)].count("\n") + 1 if text.endswith(body) else 1)
                ), notes, moves
