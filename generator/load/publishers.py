"""Publishers: who the digest's items come from, by the host of each article's ``source.url``.

Without a registry every host is its own publisher, named by the host without ``www.``.
``content/sources.yaml`` (optional) gives publishers a display name, a home page and the
hosts that belong to them, so www.reuters.com, reuters.com and mobile.reuters.com are one
publisher, Reuters, at /sources/reuters/.
"""
from __future__ import annotations

import difflib
import os
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable
from urllib.parse import urlsplit

from generator.core.errors import Problem, quoted
from generator.load.config import Config
from generator.load.frontmatter import (Written, YamlError, as_written, cut_by_comment, load_yaml_past_slips, not_text,
                                        read_past,
                                        said_by, yaml_file_text, yaml_problems)
from generator.core.models import Article
from generator.core.urls import broken_http_url, http_url, idna_ascii, idna_letters, make_slug
from generator.load.registry import fold
from generator.core.patterns import LazyPattern

_ID = LazyPattern(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_HOST = LazyPattern(r"^[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?(\.[a-z0-9_]([a-z0-9_-]*[a-z0-9_])?)*$")
"""A host name as browsers open it, in ASCII: DNS's letters, digits and hyphens, and '_' ('my_blog.example.de',
which the URL Standard's UTS 46 mapping without STD3 rules allows, as Chromium does)."""
_KEYS = ("name", "url", "aliases")
_KEY_ADVICE = ("a publisher id such as 'reuters:'", "one of a publisher's keys, such as 'name:'",
               "a value, not a mapping: text, or a list like aliases: [reuters.com]")
"""How sources.yaml's keys are written, for the message about a key that is no name (``load_yaml``)."""
SOURCES_FILE = "sources.yaml"


@dataclass(frozen=True)
class PublisherEntry:
    """One entry of ``content/sources.yaml``."""

    id: str
    """Also the URL slug: /sources/<id>/."""
    name: str
    url: str
    """The publisher's home page, or ''."""
    hosts: tuple[str, ...]
    """Hosts (without 'www.') whose articles belong to this publisher: its ``aliases`` and its url's host, an
    international domain name in both its forms (``bérita.id`` and ``xn--brita-bsa.id``)."""


@dataclass(frozen=True)
class Publisher:
    """A publisher with the articles the digest took from it."""

    slug: str
    name: str
    url: str
    """Home page: the registry's ('' when it gives none), or else the site of an unregistered host's newest
    article (``site_root``)."""
    known: bool
    """True when ``content/sources.yaml`` names it."""
    articles: tuple[Article, ...]
    """Newest first."""

    @property
    def path(self) -> str:
        return publisher_path(self.slug)


@dataclass(frozen=True)
class PublisherLink:
    """A publisher as another page links to it, with its count."""

    slug: str
    name: str
    count: int

    @property
    def path(self) -> str:
        return publisher_path(self.slug)


def publisher_path(slug: str) -> str:
    return f"sources/{slug}/"


def host_of(url: str) -> str:
    """The host a publisher is known by: lowercase, without port, trailing dot or a leading 'www.'.

    A URL of the usual shape (``https://`` and a lowercase host of letters, digits, dots and hyphens, then a path,
    query, fragment or nothing) has its host read by ``_PLAIN_HOST``, which gives what ``urlsplit`` would give
    there for a fifteenth of the cost (0.5 against 9 µs for a URL not seen before; a build asks for 10,000 at
    10,000 articles); any other goes to ``urlsplit``."""
    plain = _PLAIN_HOST.match(url)
    host = (plain[1] if plain else urlsplit(url).hostname or "").rstrip(".")
    return host.removeprefix("www.")


_PLAIN_HOST = LazyPattern(r"https?://([a-z0-9.-]+)(?=[/?#]|\Z)")


def host_forms(host: str) -> tuple[str, ...]:
    """A folded host (``host_of``) as an article's source URL may spell it: an international domain name in its
    own letters and in its ASCII form (IDNA, as ``base_url``'s is written), either way round; () if it is no host
    name."""
    try:
        if not host.isascii():
            other = idna_ascii(host)
            return (host, other) if _HOST.match(other) else ()
        if not _HOST.match(host):
            return ()
        if "xn--" in host and (other := idna_letters(host)) != host:
            return host, other
    except UnicodeError:  # a label too long, or ASCII that is no valid IDNA ('xn--' and no Punycode): as written
        return () if not host.isascii() else (host,)
    return (host,)


def read_sources(config: Config) -> tuple[dict[str, PublisherEntry], list[Problem]]:
    """The project's ``content/sources.yaml`` (``load_sources``)."""
    rel = f"{config.content_dir}/{SOURCES_FILE}"
    return load_sources(config.path(rel), rel)


def load_sources(path: Path, rel: str) -> tuple[dict[str, PublisherEntry], list[Problem]]:
    """Read the registry: host → entry. A missing file is an empty registry; every problem is returned."""
    if path.is_symlink() and not path.exists():  # a link to nothing: never silently no registry
        prob = Problem(rel, 0, "", f"is a symbolic link to {os.readlink(path)}, which does not exist; link an existing "
                                   "file, or remove the link")
        return {}, [prob]
    if not path.exists():
        return {}, []
    if not path.is_file():  # a folder or a FIFO: never silently no registry, never a hang (as companies.yaml)
        return {}, [Problem(rel, 0, "", "is not a regular file; make it a YAML file of publishers, or remove it")]
    read: list[YamlError] = []
    written: Written = {}
    try:
        text = yaml_file_text(path.read_bytes())
        values, lines, slip = load_yaml_past_slips(text, 1, read, _KEY_ADVICE, written)
    except OSError as e:  # "Permission denied; Check the disk", naming no file, was the CLI's last resort
        return {}, [Problem(rel, 0, "", f"cannot be read ({e.strerror}); make it a readable file")]
    except YamlError as e:
        return {}, yaml_problems(rel, e)
    # read as if its slips were written as said: the slips, then the other entries' problems, in the same run
    slipped = yaml_problems(rel, slip) if slip is not None else []
    if values is None:
        return {}, slipped
    if not isinstance(values, dict):
        return {}, [*slipped, Problem(rel, 1, "", "must map publisher ids to their details, like 'reuters: {name: "
                                                  "Reuters, aliases: [reuters.com]}'")]
    problems: list[Problem] = read_past(rel, read)
    raw = text.split("\n")
    by_host: dict[str, tuple[PublisherEntry, int]] = {}
    given: list[tuple[str, str, int, str]] = []  # (id, host, line, field) of every host an entry claims
    for pid, entry in values.items():  # every problem of every entry in one run: none stops its entry's checks
        line = lines[(pid,)]
        usable = bool(_ID.match(str(pid)))
        if not usable:
            problems.append(Problem(rel, line, str(pid), "publisher id must be lowercase letters, digits and hyphens, "
                                                         "like 'the-verge'"))
        if not isinstance(entry, dict):
            problems.append(Problem(rel, line, pid, "must be a mapping with 'name:' and 'url:' or 'aliases:'"))
            continue
        for key in entry:
            if key not in _KEYS:
                hint = difflib.get_close_matches(str(key), _KEYS, n=1)
                problems.append(Problem(rel, lines[(pid, key)], f"{pid}.{key}", "unknown key; " + (
                    f"did you mean '{hint[0]}'?" if hint else "use " + ", ".join(_KEYS))))
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            problems.append(Problem(rel, lines.get((pid, "name"), line), f"{pid}.name",
                                    not_text("name", name, written, (pid, "name")) if "name" in entry
                                    else "is required; add name: \"...\""))
            usable, name = False, ""
        elif cut := cut_by_comment(raw, lines[(pid, "name")], "name", name):
            problems.append(Problem(rel, lines[(pid, "name")], f"{pid}.name", cut, "warning"))
        url = entry.get("url") or ""
        wrong = False  # a url or aliases written wrong is reported as that, not as missing
        if not isinstance(url, str) or (url and not http_url(url.strip())):
            why = broken_http_url(url.strip()) if isinstance(url, str) else None
            problems.append(Problem(rel, lines.get((pid, "url"), line), f"{pid}.url",
                                    f"{quoted(url.strip())} {why}" if why else "must be an http(s) URL such as "
                                                                          "https://www.reuters.com/"))
            url, wrong = "", True
        url = url.strip()
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list):
            problems.append(Problem(rel, lines.get((pid, "aliases"), line), f"{pid}.aliases",
                                    "must list the hosts of its articles, like [reuters.com, mobile.reuters.com]"))
            aliases, wrong = [], True
        if not aliases and not url:
            if not wrong:
                problems.append(Problem(rel, line, pid, "needs 'url:' or 'aliases:' to know which articles are its own"))
            continue
        clean: list[tuple[str, int]] = []
        spelled = [(host, lines.get((pid, "aliases", i), lines.get((pid, "aliases"), line)), f"{pid}.aliases",
                    as_written(host, written, (pid, "aliases", i)) if isinstance(host, (list, dict))  # [a, 0x2]
                    else quoted(written.get((pid, "aliases", i), host))) for i, host in enumerate(aliases)]  # '0x1F'
        if url:
            spelled.append((host_of(url), lines.get((pid, "url"), line), f"{pid}.url", quoted(host_of(url))))
        for host, where, field, shown in spelled:
            folded = host.strip().lower().rstrip(".").removeprefix("www.") if isinstance(host, str) else ""
            if host is None:  # '~', or '-' alone: YAML's null, not the word None
                problems.append(Problem(rel, where, field, "an empty item is not a host name; write a host like "
                                                           "reuters.com, or remove the item"))
                continue
            forms = host_forms(folded)
            if not forms:
                problems.append(Problem(rel, where, field, f"{shown} is not a host name; " + (
                    "write the publisher's home page, like https://www.reuters.com/" if field.endswith(".url") else
                    "write it like reuters.com, without https:// or a path")))
                continue
            if clash := next((f for f in forms if f in by_host and by_host[f][0].id != str(pid)), None):
                other, other_line = by_host[clash]
                problems.append(Problem(rel, where, field, f"host {quoted(folded)} also belongs to '{other.id}' "
                                                           f"(line {other_line}); give it to one publisher"))
                continue
            clean += [(form, where) for form in forms]
            given += [(str(pid), form, where, field) for form in forms]  # each form's slug was an address
        if not usable:
            continue
        publisher = PublisherEntry(pid, name.strip(), url, tuple(dict.fromkeys(host for host, _ in clean)))
        for host, where in clean:  # the line that gives the host (its url's or alias's), for a clash's message
            by_host.setdefault(host, (publisher, where))
    ids = {str(pid): lines[(pid,)] for pid in values if _ID.match(str(pid))}
    problems += _slug_of_other_id(rel, given, ids) + _one_slug_two_entries(rel, given, ids)
    return {host: entry for host, (entry, _) in sorted(by_host.items())}, slipped + said_by(rel, problems, slip)


def _slug_of_other_id(rel: str, given: list[tuple[str, str, int, str]], ids: dict[str, int]) -> list[Problem]:
    """A host whose URL slug is another publisher's id: the host's old address (``redirects.registered_moves``) is
    that publisher's page, which led to the wrong one while it had no article (as ``registry._spelled_as_other_id``)."""
    problems, said = [], set()
    for pid, host, line, field in given:
        other = make_slug(host)
        if other != pid and other in ids and (pid, host) not in said:  # a url's host also an alias: said once
            said.add((pid, host))
            problems.append(Problem(rel, line, field, f"host {quoted(host)} makes the URL /sources/{other}/, the id of "
                                    f"publisher '{other}' (line {ids[other]}), which would then lead to '{pid}', as "
                                    f"the old address of the host's articles; if they are one publisher, merge the two "
                                    f"entries, or else remove the host or change the id '{other}'"))
    return problems


def _one_slug_two_entries(rel: str, given: list[tuple[str, str, int, str]], ids: dict[str, int]) -> list[Problem]:
    """Hosts of two entries that make one URL slug ('a.b-c.com' and 'a-b.c.com'), which is neither's id: their old
    address, where both hosts' articles were before they were registered, redirects to one alone, the first id's
    (``redirects.registered_moves``). A warning at each later entry's host, naming the first's: two publishers may
    really have such hosts, and no edit but a merge ends it, so a build passes."""
    first: dict[str, dict[str, tuple[int, str, str]]] = {}  # slug → id → its host's (line, field, host), the first
    for pid, host, line, field in given:
        if pid in ids and (slug := make_slug(host)) and slug not in ids:
            found = first.setdefault(slug, {})
            found[pid] = min(found.get(pid, (line, field, host)), (line, field, host))
    problems = []
    for slug, found in first.items():
        (leader, (line, _, host)), *others = sorted(found.items())
        problems += [Problem(rel, where, field, f"host {quoted(other)} makes the URL /sources/{slug}/, as host "
                             f"{quoted(host)} of publisher '{leader}' (line {line}) does: that address, where both "
                             "hosts' articles were before they were registered, can lead to one publisher only, and "
                             f"leads to '{leader}' while it has a page; if they are one publisher, merge the two entries",
                             "warning")
                     for _, (where, field, other) in others]
    return problems


def group_publishers(articles: Iterable[Article], registry: dict[str, PublisherEntry]
                     ) -> tuple[tuple[Publisher, ...], list[Problem]]:
    """Every publisher with its articles (in the given order), sorted by slug; one pass over the articles.

    An unregistered host whose slug is a registered publisher's id is an error naming the article,
    since the two would share one page.
    """
    members: dict[str, list[Article]] = defaultdict(list)
    info: dict[str, tuple[str, str, bool]] = {}
    taken = {entry.id for entry in registry.values()}
    problems: list[Problem] = []
    slugs: dict[str, str] = {}  # a few hundred hosts among 10,000 articles: each slugified once
    hosts_of: dict[str, list[str]] = defaultdict(list)  # an unregistered slug's hosts
    for article in articles:
        if not article.source:
            continue
        host = host_of(article.source.url)
        entry = registry.get(host)
        if entry is not None:
            slug, details = entry.id, (entry.name, entry.url, True)
        else:
            slug = slugs.get(host)
            if slug is None:
                slug = slugs[host] = make_slug(host)
                hosts_of[slug].append(host)
            details = (host, "", False)  # its home page: its newest article's site, below
            if slug in taken:
                problems.append(Problem(article.source_path, 0, "source.url",  # line: ``content.located``
                                        f"host {quoted(host)} makes the URL /sources/{slug}/, which belongs to the publisher "
                                        f"'{slug}' in {SOURCES_FILE}; add the host to its 'aliases:'"))
                continue
        if not slug:
            continue
        info.setdefault(slug, details)
        members[slug].append(article)
    problems += _shared_pages(members, info, hosts_of, registry)
    for slug, (name, url, known) in info.items():
        if not known:
            info[slug] = (named(members[slug]) or name, site_root(members[slug][0].source.url), known)
    publishers = tuple(Publisher(slug, *info[slug], tuple(members[slug])) for slug in sorted(members))
    return publishers, problems


def _shared_pages(members: dict[str, list[Article]], info: dict[str, tuple[str, str, bool]],
                  hosts_of: dict[str, list[str]], registry: dict[str, PublisherEntry]) -> list[Problem]:
    """An unregistered host whose slug another host makes too. Another unregistered one ('my_blog.com' and
    'my-blog.com', 'a.b-c.com' and 'a-b.c.com'): the page would show one's name over both's articles, so it is an
    error at each article of the later host by its letters, naming an article of the first, and they leave
    ``members`` (``info``). A registered host's ('my_blog.example.de', an alias, and 'my-blog.example.de'): the page
    is the unregistered host's, as its articles link it, in place of the redirect ``redirects.registered_moves``
    makes from the registered host's old address; a warning, once, at its newest article."""
    old = {make_slug(host): (host, entry.id) for host, entry in sorted(registry.items(), reverse=True)
           if make_slug(host) != entry.id and entry.id in members}  # the first host of a slug, where a page leads
    problems: list[Problem] = []
    for slug, hosts in hosts_of.items():
        if slug not in members or info[slug][2]:  # a registered id's: an error above
            continue
        if slug in old:
            first, pid = old[slug]
            problems += [Problem(next(a.source_path for a in members[slug] if host_of(a.source.url) == host), 0,
                                 "source.url", f"host {quoted(host)} makes the URL /sources/{slug}/, the old address "
                                 f"of host {quoted(first)} of the publisher '{pid}' in {SOURCES_FILE}, whose redirect "
                                 f"to its page is dropped for this host's page; if they are one publisher, add the "
                                 f"host to its 'aliases:', or else give the host an entry of its own in {SOURCES_FILE}",
                                 "warning") for host in sorted(hosts)]
        if len(hosts) < 2:
            continue
        first, *others = sorted(hosts)
        where = next(a.source_path for a in members[slug] if host_of(a.source.url) == first)
        kept = []
        for article in members[slug]:
            host = host_of(article.source.url)
            if host == first:
                kept.append(article)
                continue
            problems.append(Problem(article.source_path, 0, "source.url",  # line: ``content.located``
                                    f"host {quoted(host)} makes the URL /sources/{slug}/, as host {quoted(first)} of "
                                    f"{where} does; two publishers cannot share one page: give each host an entry of "
                                    f"its own in {SOURCES_FILE} (an id, its name and url), or, if they are one "
                                    f"publisher, give one entry both hosts"))
        members[slug] = kept
    return problems


def site_root(url: str) -> str:
    """The home page of the site at ``url``: its scheme, host and port as the address has them
    ('http://www.kabarnabire.com:8080/', 'https://[2001:db8::1]/'), where 'https://{host}/' changed them
    ('https://kabarnabire.com/') or made an address that is none ('https://2001:db8::1/')."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.rpartition('@')[2].lower()}/"


def named(articles: Iterable[Article]) -> str:
    """The name the editors give an unregistered publisher in its articles' ``source.name`` ("CNBC" for cnbc.com),
    the most used (the first, newest, among equals); '' when every article left it out (its host then names it).
    Readers saw "Baca artikel selengkapnya di CNBC" beside "Semua berita dari cnbc.com"."""
    spelled: dict[str, Counter[str]] = defaultdict(Counter)  # letter case aside: 'Kompas' and 'KOMPAS' are one
    for article in articles:
        source = article.source
        if source and source.name != host_of(source.url):  # the name an article without one gets
            spelled[fold(source.name)][source.name] += 1
    if not spelled:
        return ""
    return max(spelled.values(), key=lambda ways: sum(ways.values())).most_common(1)[0][0]


def publisher_of(article: Article, registry: dict[str, PublisherEntry]) -> str:
    """The slug of the article's publisher, or '' if it has no source."""
    if not article.source:
        return ""
    host = host_of(article.source.url)
    entry = registry.get(host)
    return entry.id if entry else make_slug(host)


def link(publisher: Publisher) -> PublisherLink:
    return PublisherLink(publisher.slug, publisher.name, len(publisher.articles))
