"""Make files for the editor: a whole new project (``digest init``) or one new article (``digest new``).

Nothing here prints; each function returns what it wrote, and refuses (``RefusalError``, exit 2)
rather than overwrite anything.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import unicodedata
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Collection
from urllib.parse import unquote_to_bytes, urlsplit

from generator.load.config import Config, ConfigError, load_config
from generator.core.errors import BuildError, Problem, RefusalError, quoted
from generator.load.frontmatter import YamlError, load_yaml
from generator.load.layout import layout
from generator.load.publishers import host_of, read_sources
from generator.load.registry import Registry, fold, load_registry
from generator.core.urls import RESERVED, broken_http_url, http_url, make_slug
from generator.write.output import built_site_holding

if TYPE_CHECKING:
    from generator.index.taxonomy import OwnSlugs
    from generator.load.content import FieldReader

TEMPLATE = Path(__file__).parents[1] / "scaffold"
"""The project ``digest init`` copies; ``gitignore`` becomes ``.gitignore``, ``github/`` ``.github/`` and so on
(package data skips dot-files)."""
_RENAMED = {"gitignore": ".gitignore", "github": ".github", "gitlab-ci.yml": ".gitlab-ci.yml"}


def _refuse_long_names(target: Path) -> None:
    """A folder name longer than the file system takes is the editor's to shorten (exit 2), not a disk fault."""
    existing = next((folder for folder in [target, *target.parents] if os.path.isdir(folder)), Path("."))
    try:
        limit = os.pathconf(existing, "PC_NAME_MAX")
    except (OSError, ValueError):
        limit = 255
    for part in target.parts:
        if len(os.fsencode(part)) > limit:
            raise RefusalError(f"the folder name '{part[:40]}…' is {len(os.fsencode(part))} bytes long and this "
                               f"file system takes at most {limit}; give a shorter name")


def refuse_inside_project(target: Path) -> None:
    """Refuse (exit 2) a new project inside a site digest built, which the next build there replaces whole (moved
    to the spare copy, then deleted), or inside a project's content, templates, static or themes folder, whose next
    build would read it as its own files (the example article published twice)."""
    resolved = target.resolve()
    if inside := built_site_holding(resolved):
        raise RefusalError(f"refusing to make a project in {target}: it is inside {inside}, a site digest built, "
                           "which the next build there replaces whole; choose a folder outside it")
    for root in resolved.parents:
        if not (root / "config.yaml").is_file():
            continue
        try:
            config = load_config(root / "config.yaml")
        except ConfigError as e:
            config = e.usable or Config(root=root)
        except (BuildError, RefusalError, OSError):  # deleted since: a config.yaml not found is refused
            config = Config(root=root)
        for folder in layout(config).sources():
            if resolved == folder.resolve() or folder.resolve() in resolved.parents:
                raise RefusalError(f"refusing to make a project in {target}: it is inside {folder.resolve()}, a "
                                   f"folder of the project {root} whose next build would read the new project's "
                                   "files as its own; choose a folder outside it")


def init_project(target: Path) -> list[str]:
    """Copy the project template into ``target`` (new or empty); returns the files made, relative to it.

    If a file or folder cannot be made (no permission, a file in the way, a full disk), what this
    call made so far is removed again and the reason is given, so a retry starts clean.
    """
    _refuse_long_names(target)
    refuse_inside_project(target)
    if target.exists() and not target.is_dir():
        raise RefusalError(f"{target} is a file; give a folder name for the new project")
    files = _template_files()
    if target.is_dir() and (target / UNFINISHED).is_file():
        _remove_unfinished(target, files)  # a killed init's files, and nothing else: the check below says if more
    if target.is_dir():
        refuse_what_is_there(target, {rel.parts[0] for rel, _ in files}, "digest init")
    made: list[str] = []
    folders: list[Path] = []
    dest = target
    try:
        for folder in reversed([target, *target.parents]):
            if not folder.exists():
                folder.mkdir()
                folders.append(folder)
        dest = target / UNFINISHED
        made.append(UNFINISHED)
        dest.write_text("digest init was making this project; run it again to finish (it starts over)\n")
        for rel, source in files:
            dest = target / rel
            for folder in reversed([dest.parent, *dest.parent.parents]):
                if not folder.exists():
                    folder.mkdir()
                    folders.append(folder)
            made.append(rel.as_posix())  # before copying: a half-copied file is removed too
            if rel.as_posix() == "requirements.txt":
                dest.write_bytes(_template_bytes(rel, source))
            else:
                shutil.copyfile(source, dest)
        (target / UNFINISHED).unlink()
        made.remove(UNFINISHED)
    except OSError as e:
        for rel_made in made:
            (target / rel_made).unlink(missing_ok=True)
        for folder in reversed(folders):
            folder.rmdir()
        # a write that fails (a full disk) names the file copied from, in the package: the one made is meant
        where = dest if not e.filename or Path(e.filename).is_relative_to(TEMPLATE) else e.filename
        raise RefusalError(f"cannot create {where} ({e.strerror}); choose a folder you can write to, "
                           "such as one in your home folder") from None
    return sorted(made)


def refuse_what_is_there(target: Path, written: Collection[str], command: str) -> None:
    """A folder of visible entries is refused; hidden ones are accepted, so a freshly cloned empty repository
    (``.git/`` alone) can be the project, unless ``command`` would write one of them (``written``: the top-level
    names it writes, such as init's ``.gitignore`` and ``.github/``)."""
    entries = sorted(target.iterdir())
    if any(not entry.name.startswith(".") for entry in entries):
        raise RefusalError(f"{target} is not empty; give a new or empty folder, so nothing of yours is overwritten")
    clash = next((entry for entry in entries if entry.name in written), None)
    if clash is not None:
        raise RefusalError(f"{clash}{'/' if clash.is_dir() else ''} is there already, and {command} writes it; "
                           "move it away, or give a new or empty folder, so nothing of yours is overwritten")


UNFINISHED = ".digest-init-unfinished"
"""Made first and removed last by ``digest init``: a project that still has it was cut short (killed, a power cut),
and the next ``digest init`` there removes what it made and starts over."""


def _template_files() -> list[tuple[Path, Path]]:
    """(path in the new project, file in the package) for every file ``digest init`` makes, in order."""
    files = []
    for source in sorted(TEMPLATE.rglob("*")):
        if source.is_file() and "__pycache__" not in source.parts:
            rel = source.relative_to(TEMPLATE)
            files.append((Path(*(_RENAMED.get(part, part) for part in rel.parts)), source))
    return files


def _template_bytes(rel: Path, source: Path) -> bytes:
    """The bytes init writes at ``rel``."""
    data = source.read_bytes()
    if rel.as_posix() == "requirements.txt":
        data = re.sub(r"(?m)^news-digest==\S+$", starter_requirement()[0], data.decode()).encode()
    return data


def _remove_unfinished(target: Path, files: list[tuple[Path, Path]]) -> None:
    """What a cut-short ``digest init`` made in ``target``, and only if that is all there is: init's files as it
    writes them, in its order, the last perhaps cut short; no other file, folder or link, but for hidden ones init
    does not write (``.git/``). Anything else (a project used after all: an article, site/, an edit, a linked
    folder) removes nothing and is refused."""
    expected = {target / rel: _template_bytes(rel, source) for rel, source in files}
    folders = {folder for path in expected for folder in path.parents if folder != target and folder.is_relative_to(target)}
    found: dict[Path, bytes] = {}
    other = None
    written = {rel.parts[0] for rel, _ in files} | {UNFINISHED}
    for root, dirs, names in os.walk(target):
        here = Path(root)
        if here == target:  # a hidden entry init does not write (a repository's .git/) is the folder's, not init's
            dirs[:] = [name for name in dirs if name in written or not name.startswith(".")]
            names = [name for name in names if name in written or not name.startswith(".")]
        for name in sorted(dirs):
            if (here / name).is_symlink() or here / name not in folders:
                other = other or here / name
        for name in sorted(names):
            path = here / name
            if path == target / UNFINISHED:
                continue
            if path.is_symlink() or path not in expected or not path.is_file():
                other = other or path
                continue
            try:
                found[path] = path.read_bytes()
            except OSError:
                other = other or path
    order = [path for path in expected if path in found]  # init writes them in this order
    if other is None and order != list(expected)[: len(order)]:
        other = next(path for path in expected if path not in found)
    changed = [path for path in order if found[path] != expected[path]]
    if other is None and changed and (changed != order[-1:] or not expected[changed[0]].startswith(found[changed[0]])):
        other = changed[0]  # only the last file may be cut short, and only to a first part of itself
    if other is not None:
        raise RefusalError(f"{target} holds {UNFINISHED}, left by a digest init that was cut short, but also "
                           f"{other.relative_to(target)}, which init did not make as it is, so init removes nothing; "
                           f"if the project is yours to keep, delete {target / UNFINISHED}")
    for path in order:
        path.unlink()
    for folder in sorted(folders, key=lambda f: len(f.parts), reverse=True):
        with suppress(OSError):
            folder.rmdir()
    (target / UNFINISHED).unlink()


def starter_requirement() -> tuple[str, str]:
    """The line CI installs this generator with, and what the editor should know about it ('' if nothing).

    As installed (PEP 610's direct_url.json): from a git repository, that repository at this commit; from an
    http(s) archive, that archive; from a package index, this version. A copy installed from a folder on this
    machine cannot be installed by CI from there: the version is pinned, and the note says to write the address."""
    from importlib import metadata

    from generator import __version__

    pinned = f"news-digest=={__version__}"
    try:
        direct = json.loads(metadata.distribution("news-digest").read_text("direct_url.json") or "null")
    except (metadata.PackageNotFoundError, ValueError):
        direct = None
    url = direct.get("url", "") if isinstance(direct, dict) else ""
    vcs = direct.get("vcs_info") if isinstance(direct, dict) else None
    fragment = _fragment(direct)
    if (https := _over_https(url)) and isinstance(vcs, dict) and vcs.get("commit_id"):  # CI has no key, nor ssh
        return f"news-digest @ {vcs.get('vcs', 'git')}+{https}@{vcs['commit_id']}{fragment}", (
            f"this copy was installed over SSH ({url}), which CI cannot use (its job has no SSH key, and GitLab's "
            f"image no ssh), so requirements.txt asks for it over HTTPS ({https}); if that repository is private, "
            "write an address CI can read there")
    if url.startswith(("https://", "http://")) and isinstance(vcs, dict) and vcs.get("commit_id"):
        return f"news-digest @ {vcs.get('vcs', 'git')}+{url}@{vcs['commit_id']}{fragment}", ""
    if url.startswith(("https://", "http://")) and not vcs:
        return f"news-digest @ {url}{fragment}", ""
    if url:  # a folder on this machine (file:), or an address CI may not reach (git://, which GitHub no longer serves)
        return pinned, (f"requirements.txt asks CI for {pinned} from PyPI, but this copy was installed from "
                        f"{urlsplit(url).path if url.startswith('file:') else url}; if CI cannot get it from PyPI, "
                        "write where it can there (news-digest @ git+https://…)")
    return pinned, ""


_HASHES = ("sha256", "sha512", "sha384", "sha224")
"""The hashes pip checks in a URL's fragment, that direct_url.json may record, the one pip records first."""


def _fragment(direct: object) -> str:
    """The URL fragment pip reads for what direct_url.json records besides the URL: the archive's hash
    (``#sha256=…``, so CI installs the very archive, or fails) and the package's folder in the repository or
    archive (``subdirectory=…``); '' for neither."""
    if not isinstance(direct, dict):
        return ""
    parts = []
    archive = direct.get("archive_info")
    if isinstance(archive, dict):
        hashes = archive.get("hashes") if isinstance(archive.get("hashes"), dict) else {}
        if isinstance(archive.get("hash"), str) and "=" in archive["hash"]:  # PEP 610's older form: "sha256=…"
            name, value = archive["hash"].split("=", 1)
            hashes = {name: value, **hashes}
        if name := next((name for name in _HASHES if isinstance(hashes.get(name), str)
                         and re.fullmatch(r"[0-9a-fA-F]+", hashes[name])), None):
            parts.append(f"{name}={hashes[name]}")
    if isinstance(direct.get("subdirectory"), str) and direct["subdirectory"].strip("/"):
        parts.append(f"subdirectory={direct['subdirectory'].strip('/')}")
    return "#" + "&".join(parts) if parts else ""


_SCP = re.compile(r"(?:[^@/:]+@)?(\[[^\]/@]+\]|[^@/:\[\]]+):(?!//)/*(.+)")
"""git's other way to write an SSH address: git@gitlab.com:kabar/news-digest.git (git@[::1]:r.git)."""
SSH_ONLY_HOSTS = {"ssh.github.com": "github.com", "altssh.gitlab.com": "gitlab.com"}
"""Hosts that serve SSH alone (on port 443, past firewalls), each with the host of the same repositories over HTTPS."""


def _over_https(url: str) -> str:
    """The HTTPS address of a repository written as an SSH one (ssh://git@gitlab.com/kabar/news-digest.git, or
    git@gitlab.com:kabar/news-digest.git), as GitHub and GitLab serve it; '' for any other address."""
    if url.startswith("ssh://"):
        parts = urlsplit(url)
        host, path = parts.hostname and (f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname), parts.path
    elif found := _SCP.fullmatch(url):
        host, path = found[1].lower(), "/" + found[2]
    else:
        return ""
    return f"https://{SSH_ONLY_HOSTS.get(host, host)}{path}" if host else ""


@dataclass(frozen=True)
class NewArticle:
    """What ``digest new`` is asked to write."""

    title: str
    section: str = ""
    tags: tuple[str, ...] = ()
    companies: tuple[str, ...] = ()
    """Names as the editor typed them; resolved through the registry to canonical names."""
    source_url: str = ""
    draft: bool = False
    date: str = ""
    """``--date`` as typed (any form the ``date`` field takes); '' for now."""


@dataclass(frozen=True)
class Written:
    """The file ``digest new`` wrote."""

    path: Path
    """Absolute path of the new file."""
    rel: str
    """Path relative to the project root, for messages."""
    companies: tuple[tuple[str, str], ...]
    """(name as typed, canonical name) for each company."""


def split_list(text: str | None) -> tuple[str, ...]:
    """'a, b,,c' → ('a', 'b', 'c'): the comma-separated form of --tags and --companies; a name given again in
    another letter case is left out ('AI,ai' → ('AI',)), as the site would make them one (and check warn of it)."""
    first: dict[str, str] = {}
    for item in (text or "").split(","):
        if item.strip():
            first.setdefault(fold(item), " ".join(item.split()))
    return tuple(first.values())


def _quoted(text: str) -> str:
    """A YAML double-quoted scalar: JSON's string syntax is a subset of YAML's."""
    return json.dumps(text, ensure_ascii=False)


def _resolve_companies(registry: Registry, rel: str, names: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """Each typed name → its canonical registry name (``rel``: the registry's file); an unknown one refuses with
    'did you mean'."""
    resolved: list[tuple[str, str]] = []
    for name in names:
        company = registry.lookup(name)
        if company is None:
            hint = registry.suggest(name)
            raise RefusalError(f"company {quoted(name)} is not in {rel}; "
                               + (f"did you mean '{hint}'?" if hint else f"add it to {rel} first"))
        if company.name not in [canonical for _, canonical in resolved]:
            resolved.append((name, company.name))
    return tuple(resolved)


def render_article(request: NewArticle, when: datetime, companies: tuple[str, ...], language: str,
                   date_only: bool = False, publisher: str = "") -> str:
    """The new file's text: complete front matter, then a placeholder body. ``publisher``: the source's name in
    sources.yaml, if it is there (else its host names it)."""
    written = when.date().isoformat() if date_only else when.isoformat(timespec="seconds")
    lines = ["---", f"title: {_quoted(request.title)}", f"date: {written}", 'summary: ""']
    if request.source_url:
        name = publisher or host_of(request.source_url)  # as the build reads it: 'kompas.com.' is kompas.com
        lines += ["source:", f"  name: {_quoted(name)}", f"  url: {_quoted(request.source_url)}"]
    else:
        lines.append('# source: {name: "Publisher", url: "https://..."}')
    lines += [f"tags: [{', '.join(_quoted(t) for t in request.tags)}]",
              f"companies: [{', '.join(_quoted(c) for c in companies)}]",
              f"section: {_quoted(request.section)}"]
    if request.draft:
        lines.append("draft: true")
    from generator.load.content import PLACEHOLDER  # content is the build's parser: `digest init` never needs it
    lines += ["---", "", PLACEHOLDER.get(language, PLACEHOLDER["en"]), ""]
    return "\n".join(lines)


_DAY_OFFSETS = {"hari ini": 0, "today": 0, "kemarin": -1, "yesterday": -1, "besok": 1, "tomorrow": 1,
                "kemarin lusa": -2, "lusa": 2}
_RELATIVE_DAY = re.compile(r"(?P<day>hari ini|today|kemarin lusa|kemarin|yesterday|besok|tomorrow|lusa"
                           r"|(?P<ago>\d{1,3}) (?:hari (?:yang )?lalu|days? ago))"
                           r"(?:,? (?:pukul |jam |at )?(?P<hour>[01]?\d|2[0-3])(?:[.:](?P<minute>[0-5]\d))?"
                           r"(?: ?(?P<zone>wib|wita|wit|utc|gmt|z|[+-]\d{2}:?\d{2}))?)?")
"""``digest new --date "besok 18:00"``, "2 hari lalu": a day named from today, which the command knows (an article's
file cannot)."""


def _new_date(config: Config, typed: str, now: datetime) -> tuple[datetime, bool]:
    """The new article's date, and whether it has no time: ``now`` in the site's time zone, or ``--date`` read as
    the ``date`` field reads it (a time without an offset in the site's zone; a date alone stays a date)."""
    if not typed.strip():
        return now.astimezone(config.tz).replace(second=0, microsecond=0), False
    from generator.load.content import (UNDATED, ZONE_NAMES, date_examples, normalise_date,  # the parser, here:
                                        wall_clock)  # `digest init` never needs it
    if relative := _RELATIVE_DAY.fullmatch(" ".join(typed.lower().split())):  # the command runs today: it knows
        back = -int(relative["ago"]) if relative["ago"] else _DAY_OFFSETS[relative["day"]]
        day = now.astimezone(config.tz).date() + timedelta(days=back)
        zone = relative["zone"] or ""
        typed = day.isoformat() + (f"T{int(relative['hour']):02d}:{relative['minute'] or '00'}"
                                   + ZONE_NAMES.get(zone, zone) if relative["hour"] else "")
    iso, why = normalise_date(" ".join(typed.split()))
    if iso is None:
        days = "tomorrow 09:00, 2 days ago" if config.language == "en" else "besok 09:00, 2 hari lalu"
        forms = (f"write it like 2025-06-13 09:00, as a news page prints it: "
                 f"{date_examples(config.language, config.timezone)[1]}, or as a day from today: {days}")
        if why == UNDATED[0]:  # the field's reason ("the site cannot know") is not this command's: it knows today
            why = "is a day from today in a form it does not read (the day, then a time such as 09:00 and a zone)"
        forms_too = why in UNDATED or why.startswith("is a day from today")  # else its own reason says what to do
        raise RefusalError(f"--date {quoted(typed)} "
                           + (f"{why}; {forms}" if forms_too else why or f"is not a date; {forms}"))
    when = datetime.fromisoformat(iso)
    if when.tzinfo is None:
        when = wall_clock(when, config.tz)[0]
    return when, "T" not in iso


def _registered_name(config: Config, url: str) -> str:
    """The name sources.yaml gives the publisher of ``url``; '' when it has none, or cannot be read (the build
    says why)."""
    if not url:
        return ""
    try:
        entry = read_sources(config)[0].get(host_of(url))
    except OSError:
        return ""
    return entry.name if entry else ""


def _address_taken(config: Config, slug: str, month: str, path: Path) -> tuple[str, str, str]:
    """Whether the address the new article would get (``slug`` in ``month``, '2025-06', in the site's zone) is
    taken, and by which file (relative to the project): ('same', file) for another article with that address (a
    file or page bundle whose name gives that slug, in another folder, or one whose ``slug:`` is it), ('kept',
    file) for one whose ``redirects:`` keep it (the article was there before), in any form the build reads as it
    (escaped, 'kopi%2Dsusu/'; in other letter case, 'Kopi-Susu/': ``redirects.folded``); ('', '') for none. Either
    way the next build would stop. Third, the old address as written.

    The build's own reading decides: the files the build reads (``find_articles``), and of those that may be one
    (the name makes the slug, or the first 8 KB name it after 'slug:' or hold the address), the front matter
    parsed as the build parses it, dates in every form it reads and a byte-order mark included."""
    from generator.load.content import (MAX_BYTES, NOT_ARTICLES, NOTES_DIR, ArticleSettings, find_articles,
                                        parse_article)
    from generator.load.redirects import folded
    from generator.load.registry import empty_registry

    address = f"{month.replace('-', '/')}/{slug}/"
    named = re.compile(rb"(?m)^slug:[ \t]*[\"']?" + re.escape(slug.encode()) + rb"[\"']?[ \t]*(?:#|$)")
    settings = ArticleSettings(config.timezone, empty_registry(), config.content_dir, base_path=config.base_path)
    kept, held, want = "", "", address.strip("/").encode()
    for rel, file in find_articles(config.root, config.content_dir)[0]:
        inner = rel[len(config.content_dir.rstrip("/")) + 1:]
        if inner.split("/")[0] in {*NOT_ARTICLES, NOTES_DIR} or config.root / rel == path:
            continue
        name = inner.rsplit("/", 2)[-2] if inner.lower().endswith("/index.md") else inner.rsplit("/", 1)[-1][:-3]
        try:
            with open(file, "rb") as f:
                head = f.read(8192)
                if make_slug(name) != slug and not named.search(head) and want not in head.lower() and not (
                        b"%" in head and want in unquote_to_bytes(head).lower()):  # 'Kopi-Susu/', 'kopi%2Dsusu/'
                    continue
                data = head + f.read(MAX_BYTES + 1 - len(head))
        except OSError:
            continue
        article, _ = parse_article(rel, data, settings)
        if article is None:
            continue
        if article.path == address:
            return "same", rel, address
        if not kept and (old := next((r.typed or r.path for r in article.redirects
                                      if folded(r.path) == folded(address)), None)):
            kept, held = rel, old
    return ("kept", kept, held) if kept else ("", "", "")


_ARGUMENTS = {"title": "the title", "section": "--section", "tags": "--tags", "companies": "--companies",
              "source_url": "--source-url", "date": "--date"}
"""Each field of ``NewArticle`` that is typed text, as the editor typed it (for messages)."""


def _refuse_unwritable(request: NewArticle) -> None:
    """Bytes a UTF-8 terminal could not read as text ('Caf\\xe9' typed in Latin-1, or pasted) arrive as lone
    surrogates, which no UTF-8 file can hold: refused before anything is written, naming the argument. (A terminal
    whose locale is Latin-1 is read in its own encoding: ``cli._typed``.) So is a control character, which the
    build would remove with a warning about a YAML escape the editor never wrote."""
    for field, argument in _ARGUMENTS.items():
        value = getattr(request, field)
        for text in value if isinstance(value, tuple) else (value,):
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                raise RefusalError(f"{argument} {quoted(text)} is not UTF-8; type it again in a UTF-8 terminal, or "
                                   "set the locale the terminal uses (LANG=de_DE.ISO-8859-1 for Latin-1)") from None
            if control := next((c for c in text if unicodedata.category(c) == "Cc" and not c.isspace()), None):
                raise RefusalError(f"{argument} {quoted(text)} has the control character U+{ord(control):04X}, which "
                                   "feeds and HTML cannot carry; delete it")


_FIELD_ARGUMENTS = {("source" if field == "source_url" else field): argument for field, argument in _ARGUMENTS.items()}
"""The argument of ``digest new`` that writes each front-matter field (``source:`` is ``--source-url``'s)."""


def _refuse_unbuildable(config: Config, registry: Registry, rel: str, text: str, now: datetime) -> None:
    """Refuse (exit 2) a new file the build would stop at or warn about (a tag '!!!', 'C#' and 'C++' on one URL, 51
    tags, a control character), with the build's own words: the file is read, and its tags and section grouped, as
    the build does, and every problem is said at once; only the placeholder's warning is meant (``now``: the build's,
    which leaves out an article dated after it)."""
    from generator.index.taxonomy import (FIELDS, build_site, one_name, one_url, own_slugs, run_slug_entries,
                                          slugs_advice, term_slug)
    from generator.load.content import IGNORED, LEFT_OUT, article_settings, parse_article  # as above

    article, problems = parse_article(rel, text.encode("utf-8"), article_settings(config, registry))
    own = own_slugs(config)
    taken = cache(lambda: _site_slugs(config, registry, own))  # read only for a slug to suggest
    spelled, kept, shared = (_spelled_otherwise(config, own, article.tags, article.section, now, taken) if article
                             else ([], set(), []))
    if article and kept:  # typed tags that one message names with another article's spelling: said once, not twice
        first: dict[str, str] = {}
        for tag in article.tags:
            first.setdefault(term_slug(fold(tag), own), tag)
        article = replace(article, tags=tuple(
            tag for tag in article.tags if (slug := term_slug(fold(tag), own)) not in kept or first[slug] == tag))
    # one slugs: line for every typed name to give its own URL, as the build gives: those on another article's URL
    # too, which keeps its page where it is
    entries = run_slug_entries((article,), own, typed=[(t, slug) for _, slug, _, name, _, spelt in shared
                                                       for t in spelt if not one_name(name, t)],
                               taken=taken) if article else {}
    # a clash config.yaml's slugs: makes between two typed tags is said in --tags' words, not at config.yaml's line
    found = [*problems, *(p for p in (build_site((article,), own, together=entries)[1] if article else ())
                          if not p.field.startswith("slugs."))]
    found += _typed_slug_clashes(own, article.tags, rel, kept, taken) if article else []
    found += spelled + [Problem(where, 0, FIELDS[kind], one_url(kind, slug, typed, name, where, slugs_advice(
        typed, own, entries) if typed in entries else "")) for kind, slug, typed, name, where, _ in shared]
    said = []
    for p in found:
        if "placeholder" not in p.message:  # the build's advice for the file, said for the argument typed
            argument = _FIELD_ARGUMENTS.get(p.field, p.field or "the article")
            message, left_out, _ = p.message.replace(f" (in {rel})", "").partition(LEFT_OUT)
            message, ignored, _ = message.partition(IGNORED)
            if p.field == "section":  # a joined section's advice, for the argument: '--section Kepri'
                message = message.replace("pick one, like section: ", "pick one, like --section ")
            said.append(f"{argument}: {message}" + (f"; retype {argument} without it" if left_out else "") +
                        (f", or leave {argument} out" if ignored else ""))
    if said:
        raise RefusalError("; ".join(dict.fromkeys(said)))


def _site_slugs(config: Config, registry: Registry, own: OwnSlugs) -> set[str]:
    """The slugs of the other articles' tags and sections (drafts' too), their front matter read as the build reads
    it, and of companies.yaml's companies: a slug digest new suggests is none of them, as the build's advice is none
    the site has (``taxonomy.site_slugs``)."""
    from generator.index.taxonomy import site_slugs
    from generator.load.content import find_articles, read_article, unloaded_article

    named = []
    for rel, file in find_articles(config.root, config.content_dir)[0]:
        if _an_article(config, rel) and isinstance(data := read_article(rel, file), bytes) \
                and (found := unloaded_article(rel, data, config)[1]) is not None:
            named.append(found)
    return site_slugs((), named, own) | set(registry.companies)


def _an_article(config: Config, rel: str) -> bool:
    """Whether the file ``rel`` that ``find_articles`` gives is an article (not a page, nor a weekly note)."""
    from generator.load.content import NOT_ARTICLES, NOTES_DIR

    return rel[len(config.content_dir.rstrip("/")) + 1:].split("/")[0] not in {*NOT_ARTICLES, NOTES_DIR}


def _spelled_otherwise(config: Config, own: OwnSlugs, tags: tuple[str, ...], section: str, now: datetime,
                       taken: Callable[[], Collection[str]],
                       ) -> tuple[list[Problem], set[str], list[tuple[str, str, str, str, str, list[str]]]]:
    """The new article's tags and section that another article (a draft's too: the build stops once it is published)
    spells otherwise on the same URL ('kecerdasan-buatan' and 'Kecerdasan Buatan'), as the build says them, naming
    the file the build names: of those with that spelling, the newest it publishes (``_build_order``); and the slugs
    of the tags whose URL that article has for one of the typed tags (``--tags ML,AI`` beside an article's 'ML'),
    where the fix said is to change the other typed tag, so the article's page stays where it is. Only the front
    matter of the others is read, as the build reads it, and only of a file that may hold such a name. A clash of
    names that are two things comes back apart, as (kind, slug, typed name, other name, its file, every typed name on
    the slug), for the one ``slugs:`` line of the run (``taxonomy.one_url``). ``taken``: as ``_slugs_clash``'s."""
    from generator.index.taxonomy import FIELDS, one_name, term_slug
    from generator.load.content import MAX_BYTES, MAX_TAGS, find_articles, read_front

    wanted: dict[tuple[str, str], dict[str, str]] = {}  # (kind, slug): the typed names on it, by their folded form
    for kind, names in (("tags", tags), ("sections", (section,))):
        for name in names:
            if name and (slug := term_slug(fold(name), own)):
                wanted.setdefault((kind, slug), {}).setdefault(fold(name), name)
    needles = [_letters(slug) for _, slug in wanted] + [_letters(fold(name)) for name in own.written]
    said: dict[tuple[str, str], tuple[tuple[object, ...], str, str, str, bool]] = {}  # key: order, typed, name, rel, held

    def clash(kind: str, name: str) -> tuple[tuple[str, str], str] | None:
        """(kind, slug) and the new article's name that ``name`` spells otherwise on the same URL (one that
        ``name`` is not, when two are typed); None for none."""
        key = (kind, term_slug(fold(name), own)) if name else ("", "")
        typed = [typed for folded, typed in wanted.get(key, {}).items() if folded != fold(name)]
        return (key, typed[0]) if typed else None

    for rel, file in find_articles(config.root, config.content_dir)[0] if wanted else ():
        if not _an_article(config, rel):
            continue
        try:
            with open(file, "rb") as f:
                data = f.read(8192)  # the front matter, mostly; the rest only if it is read as the build reads it
                head, closed, _ = data.partition(b"\n---")
                lines = _names_lines(head) if closed else None
                if lines is not None and not (any(needle in _letters(lines) for needle in needles)
                                              and _may_clash(lines, lambda kind, name: clash(kind, name) is not None)):
                    continue  # no name in its tags: and section: lines makes one of the URLs
                data += f.read(MAX_BYTES + 1 - len(data))
        except OSError:
            continue
        front, _ = read_front(rel, data)
        if front is None:
            continue
        check = front[0]
        others = [("tags", name) for name in check.names("tags", MAX_TAGS)]
        others += [("sections", check.name_without_invisible("section", check.text("section")))]
        order: tuple[object, ...] | None = None
        for kind, name in others:
            if (found := clash(kind, name)) is not None:
                key, typed = found
                order = order or _build_order(config, check, rel, now)
                if key not in said or order < said[key][0]:
                    held = fold(name) in wanted[key]  # typed too: the other typed name is the one to change
                    said[key] = (order, typed, name, rel, held)
    spellings = {key: [t for folded, t in wanted[key].items() if folded != fold(name)]
                 for key, (_, _, name, _, _) in said.items()}
    respelt = {key: name for key, (_, typed, name, _, held) in said.items()  # what ``_spellings`` has written instead
               if not _slugs_clash(own, key[0], key[1], typed, name, "", held, taken)
               and all(one_name(name, t) for t in spellings[key])}
    problems, shared = [], []
    for (kind, slug), (_, typed, name, rel, held) in said.items():
        written = [respelt.get((kind, term_slug(fold(n), own)) if n else ("", ""), n)
                   for n in (tags if kind == "tags" else (section,))]
        words = (_slugs_clash(own, kind, slug, typed, name, rel, held, taken)
                 or _spellings(kind, slug, spellings[kind, slug], name, rel, written))
        if words:
            problems.append(Problem(rel, 0, FIELDS[kind], words))
        else:
            shared.append((kind, slug, typed, name, rel, spellings[kind, slug]))
    return (problems, {slug for (kind, slug), (_, _, name, _, held) in said.items() if kind == "tags" and (
        held or len(spellings[kind, slug]) > 1 and all(one_name(name, t) for t in spellings[kind, slug]))}, shared)


def _spellings(kind: str, slug: str, typed: list[str], other: str, where: str, written: list[str]) -> str | None:
    """digest new's words for the typed spellings ``typed`` of the name another article (in the file ``where``) spells
    ``other``: one message naming them all, and the whole argument to write (``written``: each typed name, with every
    such clash spelt as the other article does). The build's words named one typed spelling at a time ('use one
    spelling', without saying which), and 'write only ...' dropped the argument's other tags when followed. None for
    names that are not spellings of one (``one_url``'s case)."""
    from generator.index.taxonomy import FIELDS, one_name

    if not all(one_name(other, name) for name in typed):
        return None
    names = [*map(quoted, typed), f"{quoted(other)} (in {where})"]
    argument = _FIELD_ARGUMENTS[FIELDS[kind]]
    value = ",".join({fold(name): name for name in written if name}.values())  # each tag once, in the typed order
    return (f"{', '.join(names[:-1])} and {names[-1]} {'all' if len(names) > 2 else 'both'} make the URL "
            f"/{kind}/{slug}/; use one spelling, as that article does: write {argument} {_shell_word(value)}")


def _shell_word(value: str) -> str:
    """``value`` as one word of a shell command: as it is when it needs no quotes, else in double quotes when
    they keep it as it is, else in single quotes (``shlex.quote``)."""
    import shlex

    if re.fullmatch(r"[\w,.@%+=:/-]+", value):
        return value
    return f'"{value}"' if not re.search(r'["$`\\!]', value) else shlex.quote(value)


def _typed_slug_clashes(own: OwnSlugs, tags: tuple[str, ...], rel: str, kept: set[str],
                        taken: Callable[[], Collection[str]]) -> list[Problem]:
    """Two of the typed tags that config.yaml's ``slugs:`` gives one URL (``_slugs_clash``), each after the first;
    not on a slug of ``kept``, whose clash ``_spelled_otherwise`` says with the other article's name."""
    from generator.index.taxonomy import term_slug

    problems: list[Problem] = []
    first: dict[str, str] = {}
    for name in tags:
        slug = term_slug(fold(name), own)
        earlier = first.setdefault(slug, name)
        if slug and slug not in kept and fold(earlier) != fold(name) \
                and (words := _slugs_clash(own, "tags", slug, earlier, name, "", False, taken)):
            problems.append(Problem(rel, 0, "tags", words))
    return problems


def _slugs_clash(own: OwnSlugs, kind: str, slug: str, name: str, other: str, where: str,
                 typed_too: bool, taken: Callable[[], Collection[str]]) -> str | None:
    """digest new's words for the typed ``name`` and ``other`` (typed too, or another article's, in the file
    ``where``, and typed too when ``typed_too``) that make one URL through config.yaml's ``slugs:``: the entries that
    do it, at their lines, and what to write, in the argument or in ``slugs:``, never moving the other article's page,
    with a slug no entry has nor the site's names (``taken``: ``_site_slugs``); None when no entry of ``slugs:`` is in
    it (``taxonomy.one_url``'s case)."""
    from generator.index.taxonomy import FIELDS, slug_for

    given = [n for n in (name, other) if fold(n) in own.written]
    if not given:
        return None
    places = " and ".join(f"{file}:{line}" for file, line in (own.where(fold(n)) for n in given))
    gives = (f"{places} gives {quoted(given[0])} the slug {slug}" if len(given) == 1
             else f"{places} give both the slug {slug}")
    argument = _FIELD_ARGUMENTS[FIELDS[kind]]
    one = (f"write only {quoted(other)} in {argument}" if typed_too else f"write {quoted(other)} in {argument} instead"
           if where else "write only one of them")
    change = name if where else given[-1]  # another article's URL stays as it is
    offered = slug_for(change, slug, {*own.values(), *taken()})  # not one another entry or name has
    fix = (f"give {quoted(change)} another slug there, like {offered}" if fold(change) in own.written
           else f"add {json.dumps(change, ensure_ascii=False)}: {offered} to slugs: there")
    return (f"{quoted(name)} and {quoted(other)}{f' (in {where})' if where else ''} both make the URL /{kind}/{slug}/: "
            f"{gives} (slugs:); if they are one thing, {one}, else {fix}")


def _build_order(config: Config, check: FieldReader, rel: str, now: datetime) -> tuple[object, ...]:
    """Where the build's message about a name that clashes puts the article ``check`` reads: the newest article it
    publishes first (``taxonomy.newest_first``: date, slug, file), then drafts and articles dated after ``now``, which
    it leaves out, then a file whose date it cannot read."""
    when = check.date("date", config.tz, required=True, language=config.language)
    left_out = check.boolean("draft") or when is None or when > now
    return (left_out, when is None, -when.timestamp() if when else 0.0, check.slug(rel) or "", rel)


_NAMES_AT = re.compile(rb"^(?:tags|section)[ \t]*:.*(?:\n(?:[ \t#-].*)?)*", re.MULTILINE)
"""A front matter's ``tags:`` and ``section:`` lines, with the lines of a block list below them."""
_READ_WHOLE = re.compile(rb"\x00|<<|(?:tags|section)[\"']?[ \t]*:|^[{?]", re.MULTILINE)
"""Front matter whose names the lines of ``_NAMES_AT`` may not hold all of: a wide encoding (UTF-16), a merge key, the
keys written otherwise (quoted, in a flow mapping, as a complex key)."""


def _names_lines(head: bytes) -> bytes | None:
    """The ``tags:`` and ``section:`` lines of the front matter ``head``, when they hold every tag and the section
    and a slug keeps all of their names' letters (ASCII, with no escape, entity or alias); None when only the build's
    reading of the whole file can tell."""
    names = b"".join(_NAMES_AT.findall(head))
    if _READ_WHOLE.search(_NAMES_AT.sub(b"", head)) or re.search(rb"[\\&*]|[^\x00-\x7f]", names):
        return None
    return names


def _may_clash(lines: bytes, clash: Callable[[str, str], bool]) -> bool:
    """Whether a name of ``lines`` (``_names_lines``), read as YAML, may ``clash``; True when they cannot be read alone."""
    try:
        meta = load_yaml(lines.decode(), 1)[0]
    except YamlError:
        return True
    if not isinstance(meta, dict):
        return True
    for key, kind in (("tags", "tags"), ("section", "sections")):
        value = meta.get(key)
        for item in value if isinstance(value, list) else [] if value is None else [value]:
            if not isinstance(item, str) or clash(kind, " ".join(item.split())):
                return True
    return False


def _letters(text: str | bytes) -> bytes:
    """The ASCII letters and digits of ``text``, lower-cased: all a slug keeps of an ASCII name."""
    return re.sub(rb"[^a-z0-9]+", b"", (text.encode() if isinstance(text, str) else text).lower())


def new_article(config: Config, request: NewArticle, now: datetime) -> Written:
    """Write ``content/YYYY/MM/<slug>.md`` dated ``now`` in the site's time zone; never overwrites."""
    _refuse_unwritable(request)
    title = " ".join(request.title.split())
    if not title:
        raise RefusalError("the title is empty; write it in quotes: digest new \"Judul artikel\"")
    slug = make_slug(title)
    if not slug:
        raise RefusalError(f"the title {quoted(title)} has no letters or digits to make a file name from; spell it out")
    if slug in RESERVED:
        raise RefusalError(f"the title gives the file name {quoted(slug)}, which is reserved for the site's own pages; "
                           "use a longer title")
    url = request.source_url.strip()
    if url and not http_url(url):
        raise RefusalError(f"--source-url {quoted(url)} " + (broken_http_url(url) or "is not an http(s) link; give the full "
                                                                     "address, starting with https://"))
    when, date_only = _new_date(config, request.date, now)
    where = layout(config)
    registry = load_registry(where.registry, where.registry_rel)
    companies = _resolve_companies(registry, where.registry_rel, request.companies)
    month = when.astimezone(config.tz)  # the URL's month ('1 Januari 2026 00.30 WIT' is 31 December in WIB)
    rel = f"{config.content_dir}/{month.year:04d}/{month.month:02d}/{slug}.md"
    path = config.path(rel)
    how, other, held = _address_taken(config, slug, f"{month.year:04d}-{month.month:02d}", path)
    if how == "same":
        raise RefusalError(f"{other} already has the address /{month.year:04d}/{month.month:02d}/{slug}/ (same name "
                           "or slug, same month); edit that file, or give the new article another title")
    if how == "kept":
        address = f"/{month.year:04d}/{month.month:02d}/{slug}/"
        spelt = "" if held.strip("/") == address.strip("/") else f"written {held}, which the build takes for it: "
        raise RefusalError(f"{other} keeps the address {address} in its redirects: ({spelt}"
                           "the article was there before); give the new article another title, or remove the "
                           "address from those redirects if the old links should lead here instead")
    text = render_article(NewArticle(title, " ".join(request.section.split()), request.tags, (), url, request.draft),
                          when, tuple(canonical for _, canonical in companies), config.language, date_only,
                          _registered_name(config, url))
    _refuse_unbuildable(config, registry, rel, text, now)
    for folder in (path.parent.parent.parent, path.parent.parent, path.parent):  # content/, YYYY/, MM/
        if os.path.lexists(folder) and not folder.is_dir():
            raise RefusalError(f"{folder.relative_to(config.root).as_posix()} is a file where digest new needs a "
                               "folder for the month's articles; rename or move that file")
    made = False
    folders = [folder for folder in (path.parent, path.parent.parent) if not folder.exists()]  # YYYY/MM/, YYYY/
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "x", encoding="utf-8", newline="\n") as f:
            made = True
            f.write(text)
    except FileExistsError:
        raise RefusalError(f"{rel} already exists; edit that file, or give the new article another title") from None
    except OSError as e:
        # a half-written file (a full disk) would stop the build and refuse the next try as existing
        _remove_new(path if made else None, folders)
        raise RefusalError(f"cannot write {rel} ({e.strerror}); check that {config.content_dir}/ is a folder "
                           "you can write to and that its disk has space") from None
    except BaseException:  # a bug, or Ctrl-C: no half-written file left to stop the build either
        _remove_new(path if made else None, folders)
        raise
    return Written(path, rel, companies)


def _remove_new(path: Path | None, folders: list[Path]) -> None:
    """Remove the file ``digest new`` began (``path``, unless None) and the month's folders it made, left empty."""
    with suppress(OSError):
        if path:
            path.unlink()
    for folder in folders:
        with suppress(OSError):
            folder.rmdir()
