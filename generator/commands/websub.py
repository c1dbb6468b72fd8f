"""WebSub publishing: tell the hub (``feeds.websub_hub``) which feeds changed, so subscribers fetch them now.

A feed's topic is the URL it names as itself (``rel="self"``, JSON Feed's ``feed_url``): the one the build
used, ``--base-url`` or ``base_url``, and the one subscribers subscribed to; a file that names a URL of another
host is another site's feed copied from ``static/``, and one that names a URL of the site's host but not the one
it is served at (a hand-written feed; outside a sub-path base URL, most likely its address without the base path;
the host with the DNS root's dot; 'http://' on an 'https://' site) would have the hub fetch that other address:
neither is announced. A feed counts as changed when its
bytes in the built site differ from the bytes last announced successfully for that URL; ``websub.json`` in the
output folder's cache remembers those (URL → hash): ``.cache/`` for the
config's own ``output_dir``, and an environment with its own folder has its own (``publish.cache_for``). So a
ping that fails is simply repeated by the next ``digest ping``, and several builds between two pings announce
each changed feed once. The hub gets one ``hub.mode=publish`` POST per feed URL (WebSub §6).
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import re
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from lxml import etree

from generator.core import urls

STATE = "websub.json"
FEED_NAMES = tuple(rule("") for _, _, rule in urls.FEED_FORMATS)
"""File names of feeds in every format: feed.xml, atom.xml, feed.json."""


_ITEMS = {"item", "entry"}
"""Where a feed's head ends: a self link after it is an item's."""


@dataclass(frozen=True)
class Feed:
    """One feed file of the built site."""

    path: str
    """Its path in the site, as 'tags/ai/feed.xml'."""
    url: str
    """The URL it names as itself, which subscribers subscribed to: the hub is told of this one."""
    hash: str
    """A hash of its bytes."""

    @property
    def topic(self) -> str:
        """The URL the hub is told (``hub.url``): ``url`` in ASCII, as a URL goes on the wire (a self link written
        'https://bérita.example/ñews/feed.xml' is 'https://xn--brita-bsa.example/%C3%B1ews/feed.xml')."""
        return urls.ascii_url(self.url)


@dataclass(frozen=True)
class PingResult:
    """What one ``digest ping`` did."""

    announced: tuple[Feed, ...]
    """Feeds the hub accepted."""
    failed: tuple[tuple[Feed, str], ...]
    """(feed, why) for those it did not."""
    unchanged: int
    untried: tuple[Feed, ...] = ()
    """Feeds not tried: the hub could not be reached for an earlier one (a hub that hangs would otherwise
    cost the timeout once per feed: 255 feeds, 42 minutes)."""
    same: tuple[Feed, ...] = ()
    """Feeds whose bytes the hub already has for their URL (``-v`` lists them)."""
    unsaved: tuple[str, str] | None = None
    """(file, why) when the announced feeds could not be remembered (``.cache`` is a file, the disk is full)."""


def self_url(name: str, data: bytes) -> str | None:
    """The URL a feed's bytes name as the feed's own; None when they name none (a file that only has a feed's
    name, or one edited by hand)."""
    if name == "feed.json":
        try:
            url = json.loads(data).get("feed_url")
        except (ValueError, AttributeError):
            return None
        return url if isinstance(url, str) and url else None
    return _head_self_link(data)


_BARE_AMP = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos|#[0-9]+|#[xX][0-9a-fA-F]+);)")
"""An '&' that starts no XML reference: a hand-written feed's 'href="…?a=1&b=2"', which XML wants as '&amp;'."""
_FIRST_ITEM = re.compile(rb"<(?:[\w.-]+:)?(?:item|entry)[\s>/]")


def _head_self_link(data: bytes) -> str | None:
    """The href of the first ``link`` whose rel has 'self' in a feed's head (RSS's ``<atom:link>``, Atom's
    ``<link>``), read as XML: its attributes in any order and quoting, any namespace prefix, not in a comment;
    a file that is not well-formed is read as far as it goes. A bare '&' in the head is read as the '&' it means
    (the parser's recovery dropped it and the name after it: '?a=1&b=2' became '?a=1=2')."""
    head = found.start() if (found := _FIRST_ITEM.search(data)) else len(data)
    if _BARE_AMP.search(data, 0, head):
        data = _BARE_AMP.sub(b"&amp;", data[:head]) + data[head:]
    events = etree.iterparse(io.BytesIO(data), events=("start",), recover=True, resolve_entities=False,
                             no_network=True, load_dtd=False)
    try:
        for _, element in events:
            tag = element.tag if isinstance(element.tag, str) else ""  # '{ns}link', or 'atom:link' undeclared
            name = tag.rpartition("}")[2].rpartition(":")[2]
            if name in _ITEMS:
                return None
            href = element.get("href", "").strip()
            if name == "link" and href and "self" in element.get("rel", "").lower().split():
                return href
    except etree.XMLSyntaxError:  # nothing it could read, such as an empty file
        return None
    return None


@dataclass(frozen=True)
class SiteFeeds:
    """The feed files of a built site (``site_feeds``)."""

    built_for: str | None
    """The base URL the site was built with, as its home feed.xml names it; None without one."""
    own: tuple[Feed, ...]
    """The site's feeds: each names the URL it is served at, under that base URL (or none: it is then there);
    sorted by path."""
    others: tuple[Feed, ...] = ()
    """Files with a feed's name that name another host's URL (its RSS copied from ``static/``): never
    announced, as the hub would tell that site's subscribers of our copy."""
    misplaced: tuple[tuple[Feed, str], ...] = ()
    """(feed, the URL it is served at) for files that name a URL of the site's host other than their own (a
    hand-written feed in ``static/`` whose self link says /podcast.xml, or one outside a sub-path base_url: the
    path it is served at without the base path): never announced, as the hub would fetch that other address (a
    404, or another feed), and a reader subscribed there is not reading this file."""
    outside: tuple[Feed, ...] = ()
    """Those of ``misplaced`` that name a URL of the host outside the base URL's path."""
    dotted: tuple[Feed, ...] = ()
    """Those of ``misplaced`` whose URL has the host with the DNS root's dot ('https://example.org./x/feed.xml',
    ``urls.undotted``), when the base URL has none: the same host to a browser, but not the URL readers should
    subscribe to, and a web server may not answer to it (``digest check --links`` warns of it too)."""
    other_scheme: tuple[Feed, ...] = ()
    """Those of ``misplaced`` that name the site's host over the other of http and https ('http://' on an
    'https://' site): the site's feed, not another site's copy, but the hub would fetch it at an address that
    answers, if at all, with a redirect, and the URL readers subscribed to is not the one it is served at."""


def site_feeds(site: Path, base_url: str) -> SiteFeeds:
    """Every feed file of the built site, sorted by path; ``base_url`` is the site's when it has no home feed."""
    found = []
    for path in sorted(site.rglob("*")):
        if path.name in FEED_NAMES and path.is_file():
            data, relative = path.read_bytes(), path.relative_to(site).as_posix()
            found.append((relative, self_url(path.name, data), hashlib.blake2b(data, digest_size=16).hexdigest()))
    home = next((url for relative, url, _ in found if relative == "feed.xml" and url and url.endswith("/feed.xml")),
                None)
    built = home[:-len("feed.xml")] if home else None
    base = built or base_url
    feeds = [Feed(relative, url or urls.absolute(base, relative), hashed) for relative, url, hashed in found]
    under, host = _address(base), _origin(base)
    seen = {f: _address(_in_scheme(f.url, base)) for f in feeds}  # 'http://' on an 'https://' site: its host too
    dotted = tuple(f for f in feeds if urls.undotted(f.url) is not None) if urls.undotted(base) is None else ()
    # another host is another site; another path of this host, a self link that lost the base path, most likely
    others = tuple(f for f in feeds if not seen[f].startswith(host + "/"))
    misplaced = tuple((f, urls.absolute(base, f.path)) for f in feeds if f not in others
                      and (_address(f.url) != _address(urls.absolute(base, f.path)) or f in dotted))
    wrong = {feed for feed, _ in misplaced}
    own = tuple(f for f in feeds if f not in others and f not in wrong)
    return SiteFeeds(built, own, others, misplaced, tuple(f for f, _ in misplaced if not seen[f].startswith(under)),
                     tuple(f for f in dotted if f in wrong),
                     tuple(f for f, _ in misplaced if _address(f.url) != seen[f]))


def _in_scheme(url: str, base: str) -> str:
    """``url`` with the scheme of ``base`` when it has the other of http and https ('http://example.org/x' on an
    'https://' site: 'https://example.org/x'); as it is otherwise."""
    scheme, colon, rest = url.partition(":")
    want = base.partition(":")[0].lower()
    return f"{want}:{rest}" if colon and {scheme.lower(), want} == {"http", "https"} else url


def _origin(url: str) -> str:
    """``urls.origin`` of ``url``; ``url`` itself when it names no host or port that can be read."""
    try:
        return urls.origin(url)
    except ValueError:
        return url


def _address(url: str) -> str:
    """``url`` as two spellings of one address compare equal: its scheme, host and port as a browser compares them
    (``urls.origin``: the host in any case and in either form, 'bücher.example' or 'xn--bcher-kva.example'; the
    default port), its path percent-decoded as a web server reads it."""
    try:
        parts = urllib.parse.urlsplit(url)
        return urls.origin(url) + urllib.parse.unquote(
            urllib.parse.urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment)))
    except ValueError:
        return urllib.parse.unquote(url)


def read_state(cache: Path) -> dict[str, str]:
    """The hashes last announced; a missing or unreadable file means nothing was announced yet."""
    try:
        data = json.loads((cache / STATE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
        return {}
    return data


def write_state(cache: Path, state: Mapping[str, str]) -> None:
    """Replace the state file atomically: a crash leaves the old one or the new one, never half of one."""
    cache.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=cache, prefix=".websub-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(dict(sorted(state.items())), f, indent=1)
            f.write("\n")
        os.replace(tmp, cache / STATE)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is the hub's answer, not followed: urllib would send the POST on as a GET without its body,
    and the hub's 200 to that would count as an announcement it never got."""

    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


class Unreachable(Exception):
    """The hub could not be reached (refused, timed out, no such host): the other feeds are not tried."""


def notify(hub: str, topic: str, timeout: float) -> str | None:
    """POST one publish notification; None when the hub accepted it (2xx), else why not. Raises ``Unreachable``
    when there is no answer at all."""
    body = urllib.parse.urlencode({"hub.mode": "publish", "hub.url": topic}).encode("ascii")
    request = urllib.request.Request(hub, data=body, method="POST",
                                     headers={"Content-Type": "application/x-www-form-urlencoded",
                                              "User-Agent": "news-digest"})
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            status = response.status
    except urllib.error.HTTPError as e:
        if 300 <= e.code < 400:
            where = e.headers.get("Location", "")
            return (f"the hub answered {e.code} {e.reason}, a redirect{f' to {where}' if where else ''}; write the "
                    "address it leads to as feeds.websub_hub (a POST is not sent on)")
        return f"the hub answered {e.code} {e.reason}"
    except (urllib.error.URLError, OSError) as e:
        raise Unreachable(f"could not reach the hub ({getattr(e, 'reason', e)})") from None
    return None if 200 <= status < 300 else f"the hub answered {status}"


def ping(hub: str, feeds: tuple[Feed, ...], cache: Path, everything: bool = False, dry_run: bool = False,
         timeout: float = 10.0) -> PingResult:
    """Announce the changed feeds (or all, with ``everything``) and remember the ones the hub accepted."""
    previous = {} if everything else read_state(cache)
    todo = [f for f in feeds if previous.get(f.url) != f.hash]
    announced: list[Feed] = []
    failed: list[tuple[Feed, str]] = []
    untried: list[Feed] = []
    unsaved: tuple[str, str] | None = None
    for at, feed in enumerate(todo):
        try:
            why = None if dry_run else notify(hub, feed.topic, timeout)
        except Unreachable as e:
            failed.append((feed, str(e)))
            untried = todo[at + 1:]
            break
        if why is None:
            announced.append(feed)
        else:
            failed.append((feed, why))
    if announced and not dry_run:
        current = {f.url for f in feeds}
        state = {u: h for u, h in read_state(cache).items() if u in current}
        state.update({f.url: f.hash for f in announced})
        try:
            write_state(cache, state)
        except OSError as e:  # they were announced all the same: the next ping announces them again
            unsaved = (str(e.filename or cache / STATE), e.strerror or str(e))
    return PingResult(tuple(announced), tuple(failed), len(feeds) - len(todo), tuple(untried),
                      tuple(f for f in feeds if f not in set(todo)), unsaved)
