"""Stable hashes: of bytes and strings, and of the values a page is rendered with.

A leaf module: it knows nothing of articles, caches or pages. ``canonical`` is what makes
"what a page depends on is stated once" work: the planner hashes the exact context a page
kind hands its template, so whatever a template reads is part of the page's fingerprint.
"""
from __future__ import annotations

import dataclasses
import hashlib
from datetime import date, datetime, time
from typing import Iterable, Mapping

class Memo(dict[int, tuple[object, str, tuple[str, ...]]]):
    """id(value) → (value, its canonical text, the fingerprints of the values it holds that have their own:
    an article's key, for each article in it). Holding the value keeps its id from being reused.

    ``held`` collects those fingerprints as ``canonical`` meets them, a value remembered here included, so that
    the planner learns which articles each page's context holds (``plan.plan_site``) without a second walk."""

    def __init__(self) -> None:
        super().__init__()
        self.held: list[str] = []


def digest(*parts: bytes | str) -> str:
    """A short, stable hash of some bytes and strings (length-prefixed, so parts cannot run together)."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        # surrogateescape: a file name that is not UTF-8 reaches here as Python's escaped bytes
        data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def article_file_key(settings: str, rel: str, data: bytes) -> str:
    """An article file's cache key: its name and bytes under the parse settings' fingerprint (``content.article_key``;
    ``publish`` makes it again after a fresh checkout without loading the article loader)."""
    return digest(settings, rel, data)


def fingerprint(*parts: str) -> str:
    """``digest`` for text parts that cannot contain U+001F, in one hash call: the planner makes thousands."""
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=16).hexdigest()


_PLAIN = frozenset({int, float, bool, type(None)})
"""Exact types written with ``repr``; the isinstance checks below catch their subclasses (an IntEnum, a str
subclass such as Markup) the slower way."""


_SHARED_TUPLE = 8
"""Tuples this long are remembered in the memo too: the section bar and the menu are one tuple on every page.
Shorter ones are mostly made fresh for one page, where remembering costs more than it saves."""
_FIELDS: dict[type, tuple[str, ...]] = {}
"""Each dataclass type's field names: ``dataclasses.fields`` is slow for a call made 200,000 times."""


def canonical(value: object, memo: Memo) -> str:
    """A text that is equal for two values exactly when a template could not tell them apart.

    Plain values are written with ``repr`` (so the text never holds U+001F); tuples, lists and
    mappings element by element (mappings by sorted key); a dataclass by its type and every
    field; an object with a ``__fingerprint__`` method (an Article: its key already hashes its
    file and parse settings) by that. Anything else is a TypeError, so a page kind cannot put a
    value in a context that the planner does not know how to follow. Dataclasses are
    remembered in ``memo``, so a term shown on many pages is walked once. Every ``__fingerprint__``
    that ``value`` holds, however deep, is appended to ``memo.held``.
    """
    kind = type(value)  # exact types first: this runs over a million times at 10,000 articles
    if kind is str or kind in _PLAIN:
        return repr(value)
    hit = memo.get(id(value))  # most other values are shared ones met before: an article, a term's link
    if hit is not None and hit[0] is value:
        if hit[2]:
            memo.held.extend(hit[2])
        return hit[1]
    held = memo.held
    start = len(held)  # what ``value`` holds is appended to ``held`` from here on
    if kind is tuple or kind is list:
        text = f"({_each(value, memo)})"  # type: ignore[arg-type]
        if kind is tuple and len(value) >= _SHARED_TUPLE:  # type: ignore[arg-type]
            memo[id(value)] = (value, text, tuple(held[start:]))
        return text
    if kind is dict:
        return "{" + ",".join([f"{repr(k) if type(k) is str else canonical(k, memo)}:{canonical(value[k], memo)}"  # type: ignore[index]
                               for k in sorted(value)]) + "}"  # type: ignore[call-overload]
    if kind is datetime or kind is date or kind is time:
        return f"{kind.__name__}({value.isoformat()},{getattr(value, 'tzinfo', None)!s})"  # type: ignore[attr-defined]
    own = getattr(value, "__fingerprint__", None)
    if own is not None:
        print_ = own()
        held.append(print_)
        text = f"{kind.__name__}:{print_}"
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS.get(kind)
        if names is None:
            names = _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value))
        text = f"{kind.__name__}({_each([getattr(value, name) for name in names], memo)})"
        if len(text) > 64:  # one hash call, not ``digest``'s four: this runs 35,000 times at 10,000 articles
            text = hashlib.blake2b(text.encode("utf-8", "surrogateescape"), digest_size=16).hexdigest()
    else:
        return _uncommon(value, memo)
    memo[id(value)] = (value, text, tuple(held[start:]))
    return text


def _each(values: Iterable[object], memo: Memo) -> str:
    """``canonical`` of each value, comma-separated; plain values and values met before (most of those in a
    list: its articles and their images) without a call."""
    parts = []
    for v in values:
        kind = type(v)
        if kind is str or kind in _PLAIN:
            parts.append(repr(v))
            continue
        hit = memo.get(id(v))
        if hit is not None and hit[0] is v:
            parts.append(hit[1])
            if hit[2]:
                memo.held.extend(hit[2])
        else:
            parts.append(canonical(v, memo))
    return ",".join(parts)


def _uncommon(value: object, memo: Memo) -> str:
    """``canonical`` of subclasses of the plain types (Markup is a str), and of other mappings."""
    if isinstance(value, str):
        return repr(str(value))
    if value is None or isinstance(value, (bool, int, float)):
        return repr(value)
    if isinstance(value, (datetime, date, time)):
        tz = getattr(value, "tzinfo", None)
        return f"{type(value).__name__}({value.isoformat()},{tz!s})"
    if isinstance(value, (tuple, list)):
        return "(" + ",".join(canonical(v, memo) for v in value) + ")"
    if isinstance(value, Mapping):
        return "{" + ",".join(f"{canonical(k, memo)}:{canonical(value[k], memo)}" for k in sorted(value)) + "}"
    raise TypeError(f"a page context cannot hold a {type(value).__name__}: use plain values, "
                    "tuples, dicts or frozen dataclasses")
