"""WebSub publishing: tell the hub (``feeds.websub_hub``) which feeds changed, so subscribers fetch them now.

A feed counts as changed when its bytes in the built site differ from the bytes last announced
successfully; ``websub.json`` in the output folder's cache remembers those (path → hash): ``.cache/`` for the
config's own ``output_dir``, and an environment with its own folder has its own (``publish.cache_for``). So a
ping that fails is simply repeated by the next ``digest ping``, and several builds between two pings announce
each changed feed once. The hub gets one ``hub.mode=publish`` POST per feed URL (WebSub §6).
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

from generator.core import urls

STATE = "websub.json"
FEED_NAMES = tuple(rule("") for _, _, rule in urls.FEED_FORMATS)
"""File names of feeds in every format: feed.xml, atom.xml, feed.json."""


@dataclass(frozen=True)
class PingResult:
    """What one ``digest ping`` did."""

    announced: tuple[str, ...]
    """Feed paths the hub accepted."""
    failed: tuple[tuple[str, str], ...]
    """(feed path, why) for those it did not."""
    unchanged: int
    untried: tuple[str, ...] = ()
    """Feed paths not tried: the hub could not be reached for an earlier one (a hub that hangs would otherwise
    cost the timeout once per feed: 255 feeds, 42 minutes)."""
    same: tuple[str, ...] = ()
    """Feed paths whose bytes the hub already has (``-v`` lists them)."""
    unsaved: tuple[str, str] | None = None
    """(file, why) when the announced feeds could not be remembered (``.cache`` is a file, the disk is full)."""


def feed_hashes(site: Path) -> dict[str, str]:
    """Every feed file of the built site (path relative to it) → a hash of its bytes."""
    found = {}
    for path in sorted(site.rglob("*")):
        if path.name in FEED_NAMES and path.is_file():
            found[path.relative_to(site).as_posix()] = hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()
    return found


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


def changed(current: Mapping[str, str], previous: Mapping[str, str]) -> list[str]:
    """Feeds that are new or whose bytes differ from the last announced ones, sorted."""
    return sorted(path for path, h in current.items() if previous.get(path) != h)


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


def ping(hub: str, base_url: str, site: Path, cache: Path, everything: bool = False, dry_run: bool = False,
         timeout: float = 10.0) -> PingResult:
    """Announce the changed feeds (or all, with ``everything``) and remember the ones the hub accepted."""
    current = feed_hashes(site)
    previous = {} if everything else read_state(cache)
    todo = changed(current, previous)
    announced: list[str] = []
    failed: list[tuple[str, str]] = []
    untried: list[str] = []
    unsaved: tuple[str, str] | None = None
    for at, path in enumerate(todo):
        try:
            why = None if dry_run else notify(hub, urls.absolute(base_url, path), timeout)
        except Unreachable as e:
            failed.append((path, str(e)))
            untried = todo[at + 1:]
            break
        if why is None:
            announced.append(path)
        else:
            failed.append((path, why))
    if announced and not dry_run:
        state = {p: h for p, h in read_state(cache).items() if p in current}
        state.update({p: current[p] for p in announced})
        try:
            write_state(cache, state)
        except OSError as e:  # they were announced all the same: the next ping announces them again
            unsaved = (str(e.filename or cache / STATE), e.strerror or str(e))
    return PingResult(tuple(announced), tuple(failed), len(current) - len(todo), tuple(untried),
                      tuple(p for p in sorted(current) if p not in set(todo)), unsaved)


