"""Frozen dataclasses to JSON and back, each value checked against its declared type on the way in.

The build cache stores only this: data, never code. A cache kept between CI runs can be
poisoned, and unpickling runs whatever the pickle says; decoding JSON against the field
types of ``models.py`` can only give the values those types allow, or ``DecodeError``.
Every dataclass carries its class name (``"@"``) so that a row of another shape is
rejected instead of read as something it is not.
"""
from __future__ import annotations

import collections.abc
import dataclasses
import itertools
import json
import os
import threading
import types
import typing
from datetime import datetime
from typing import Any, Callable, Mapping
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

Decoder = Callable[[Any], Any]


class DecodeError(ValueError):
    """The data does not have the declared shape: for the cache, a miss."""


def encode(value: Any) -> Any:
    """A JSON-ready form of ``value``: dataclasses become tagged objects, tuples lists, datetimes ISO text + zone."""
    kind = type(value)
    if kind in _PLAIN:  # exact types first: most values are text, numbers and tuples of them
        return value
    if kind is tuple:  # text items as they are: the cache's maps hold 15,000 paths and hashes each
        return [v if type(v) is str else encode(v) for v in value]
    names = _FIELDS.get(kind)
    if names is not None:
        out = {"@": kind.__name__}
        for name in names:
            out[name] = encode(getattr(value, name))
        return out
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, tuple):
        return [v if type(v) is str else encode(v) for v in value]
    if isinstance(value, Mapping):
        if kind is dict and _text_map(value):
            return value  # JSON writes it as the copy below would be written
        return {str(k): v if type(v) is str else encode(v) for k, v in value.items()}
    if isinstance(value, datetime):
        zone = value.tzinfo.key if isinstance(value.tzinfo, ZoneInfo) else None
        return {"@": "datetime", "iso": value.isoformat(), "zone": zone}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        _FIELDS[kind] = tuple(f.name for f in dataclasses.fields(value) if f.metadata.get("cached", True))
        return encode(value)
    raise TypeError(f"cannot encode {type(value).__name__}: only data goes into the cache")


def _text_map(value: dict[Any, Any]) -> bool:
    """Whether every key is text and every value is text, or every value a tuple of text (the cache's page,
    file and tree maps, 15,000 entries each at 10,000 articles): checked with no Python call per entry."""
    if not set(map(type, value)) <= {str}:
        return False
    kinds = set(map(type, value.values()))
    if kinds <= {str}:
        return True
    return kinds == {tuple} and set(map(type, itertools.chain.from_iterable(value.values()))) <= {str}


_PLAIN = frozenset({str, int, float, bool, type(None), bytes})
"""Values kept as they are. Bytes stay bytes, which JSON cannot hold (``to_json`` refuses them): only an
article's body is bytes, and ``incremental.encode_row`` takes it out and stores it beside the JSON."""
_FIELDS: dict[type, tuple[str, ...]] = {}
"""A dataclass's field names in declaration order, found once per class."""


def dumps(value: Any) -> bytes:
    """``value`` as compact JSON bytes (stable key order: equal values, equal bytes)."""
    return to_json(encode(value))


def to_json(encoded: Any) -> bytes:
    """What ``encode`` made, as compact JSON bytes; they never hold a newline byte (JSON escapes it in strings)."""
    return json.dumps(encoded, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def loads(data: bytes | str, hint: Any) -> Any:
    """The value of type ``hint`` that ``dumps`` made; DecodeError for anything else, whatever the bytes."""
    return decoder(hint)(parse(data))


def parse(data: bytes | str) -> Any:
    """JSON text as plain values, not yet checked (``decoder(hint)`` checks them); DecodeError if not JSON.

    What ``dumps`` made (UTF-8 bytes opening with '[' or '{', no white space around) goes straight to the JSON
    module's C scanner, as ``json.loads`` would after its encoding guess, its wrappers and two white-space
    matches, which cost 5% of decoding a cached article head (a rebuild decodes 10,000). Anything else, or
    anything the scanner does not take whole, is read by ``json.loads`` itself: the same value or the same error."""
    kind = type(data)
    if (kind is bytes and data[:1] in _OPENING and data[1:2] != b"\0") or (kind is str and data[:1] in _OPENING_TEXT):
        try:  # the opening byte rules out every encoding but UTF-8 (``json.detect_encoding``), and a BOM
            text = data.decode("utf-8", "surrogatepass") if kind is bytes else data
            value, end = _SCAN(text, 0)
            if end == len(text):
                return value
        except (StopIteration, ValueError, RecursionError):
            pass  # said by json.loads below
    if not isinstance(data, (bytes, str)):
        raise DecodeError(f"expected JSON text, got {type(data).__name__}")
    try:
        return json.loads(data)
    except (ValueError, RecursionError) as e:  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise DecodeError(f"not JSON: {e}") from None


_OPENING, _OPENING_TEXT = (b"[", b"{"), ("[", "{")
_SCAN = json.JSONDecoder().scan_once
"""The scanner ``json.loads`` uses (``json.decoder.JSONDecoder.raw_decode``), with the same default settings."""


_DECODERS: dict[Any, Decoder] = {}
_EXACT: dict[Any, type] = {str: str, int: int, bool: bool, bytes: bytes}
"""Types checked by ``type(value) is``, which the dataclass and tuple decoders do inline."""


_MAKING = threading.RLock()
_PENDING: dict[Any, Decoder] = {}
"""Decoders being made, the stand-in of a dataclass that refers to itself among them: seen only by the thread
that holds ``_MAKING``, and put in ``_DECODERS`` together once the outermost one is made, so that another
thread never calls a stand-in whose decoder does not exist yet (two builds in one process's threads)."""


def _after_fork() -> None:
    """A forked child has only the thread that forked: a lock another thread held, and what it was making, are
    not the child's."""
    global _MAKING
    _MAKING = threading.RLock()
    _PENDING.clear()


os.register_at_fork(after_in_child=_after_fork)


def decoder(hint: Any) -> Decoder:
    """A function that checks and rebuilds a value of type ``hint`` (made once per type)."""
    try:
        return _DECODERS[hint]
    except KeyError:
        pass
    with _MAKING:  # re-entrant: making a decoder asks for its fields' decoders
        found = _DECODERS.get(hint) or _PENDING.get(hint)
        if found is not None:
            return found
        outermost = not _PENDING
        try:
            made = _PENDING[hint] = _make(hint)
            if outermost:
                _DECODERS.update(_PENDING)
        finally:
            if outermost:
                _PENDING.clear()
        return made


def _make(hint: Any) -> Decoder:
    if hint is type(None) or hint is None:
        return _exact(type(None))
    if hint in (str, int, bool, bytes):  # JSON never gives bytes: only a row's body, put back by decode_row
        return _exact(hint)
    if hint is float:
        return _float
    if hint is datetime:
        return _datetime
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return _union(args)
    if origin is typing.Literal:
        return _literal(args)
    if origin is tuple:
        return _tuple(args)
    if origin in (dict, collections.abc.Mapping) and args[0] is str:
        return _dict(args[1])
    if dataclasses.is_dataclass(hint):
        return _dataclass(hint)
    raise TypeError(f"the cache cannot hold {hint!r}")


def _exact(kind: type) -> Decoder:
    def check(data: Any) -> Any:
        if type(data) is not kind:  # bool is an int in Python, but not here
            raise DecodeError(f"expected {kind.__name__}, got {type(data).__name__}")
        return data
    return check


def _float(data: Any) -> float:
    if type(data) not in (int, float):
        raise DecodeError(f"expected a number, got {type(data).__name__}")
    return float(data)


def _in_zone(value: datetime, zone: ZoneInfo) -> datetime:
    """``value`` in ``zone`` with the wall clock it was written with: a date alone on a day whose midnight the clocks
    skip is 00:00 at the offset before the jump (``content.FieldReader.date``), which ``astimezone`` reads as 01:00."""
    wall = value.replace(tzinfo=zone)
    return wall if wall.utcoffset() == value.utcoffset() else value.astimezone(zone)


def _datetime(data: Any) -> datetime:
    # three keys, two of them 'iso' and 'zone' (``get``) and the third '@': the keys are those, with no set made
    if type(data) is not dict or len(data) != 3 or data.get("@") != "datetime" \
            or type(data.get("iso")) is not str or not (data.get("zone", 0) is None or type(data.get("zone")) is str):
        raise DecodeError("expected a tagged datetime")
    try:
        value = datetime.fromisoformat(data["iso"])
        if value.tzinfo is None:
            raise DecodeError("a datetime without a UTC offset")
        return _in_zone(value, ZoneInfo(data["zone"])) if data["zone"] is not None else value
    except (ValueError, ZoneInfoNotFoundError) as e:
        raise DecodeError(f"bad datetime: {e}") from None


def _union(args: tuple[Any, ...]) -> Decoder:
    options = [decoder(a) for a in args]
    optional = type(None) in args

    def check(data: Any) -> Any:
        if data is None and optional:  # ``X | None`` holding None: no need to fail X first
            return None
        for option in options:
            try:
                return option(data)
            except DecodeError:
                continue
        raise DecodeError(f"matches none of {args}")
    return check


def _literal(args: tuple[Any, ...]) -> Decoder:
    allowed = set(args)

    def check(data: Any) -> Any:
        if not isinstance(data, str) or data not in allowed:
            raise DecodeError(f"expected one of {sorted(allowed)}")
        return data
    return check


def _tuple(args: tuple[Any, ...]) -> Decoder:
    if len(args) == 2 and args[1] is Ellipsis:
        item = decoder(args[0])

        kind = _EXACT.get(args[0])

        def check_all(data: Any) -> tuple[Any, ...]:
            if type(data) is not list:
                raise DecodeError("expected a list")
            if not data:  # most: an article's redirects, a parse result's problems
                return ()
            if kind is not None:  # tuple[str, ...]: check the items in place, make no call per item
                for v in data:
                    if type(v) is not kind:
                        raise DecodeError(f"expected {kind.__name__}, got {type(v).__name__}")
                return tuple(data)
            return tuple(map(item, data))
        return check_all
    items = [decoder(a) for a in args]

    def check(data: Any) -> tuple[Any, ...]:
        if type(data) is not list or len(data) != len(items):
            raise DecodeError(f"expected a list of {len(items)}")
        return tuple([f(v) for f, v in zip(items, data)])
    return check


def _dict(value: Any) -> Decoder:
    item = decoder(value)
    kind = _EXACT.get(value)

    def check(data: Any) -> dict[str, Any]:
        if type(data) is not dict:
            raise DecodeError("expected an object")
        if kind is not None:  # dict[str, str]: check the values in place (JSON keys are always text)
            for v in data.values():
                if type(v) is not kind:
                    raise DecodeError(f"expected {kind.__name__}, got {type(v).__name__}")
            return data
        return {k: item(v) for k, v in data.items()}
    return check


def _dataclass(cls: type) -> Decoder:
    """A decoder for one dataclass, made as Python source with one line per field: 10,000 article rows are
    decoded on every rebuild, and a loop over (name, check) pairs cost three times as much."""
    hints = typing.get_type_hints(cls)
    fields = dataclasses.fields(cls)
    names = tuple(f.name for f in fields if f.init and f.metadata.get("cached", True))
    left = {f.name: f.default for f in fields if not f.metadata.get("cached", True)}
    """Fields whose metadata says ``{"cached": False}`` (not data: ``Article.body_from``): never encoded, and
    given their defaults when decoded."""
    _PENDING[cls] = lambda data: build(data)  # a recursive type refers to itself while being made
    scope: dict[str, Any] = {"DecodeError": DecodeError, "cls": cls, "count": len(names) + 1, "tag": cls.__name__,
                             "new": object.__new__, "left": left}
    # the keys are exactly '@' and ``names`` when there are as many as those and each name is found: no comparison
    # of the key sets (a set lookup per key), as a missing name is a KeyError, said as a DecodeError
    lines = ["def build(data):",
             "    if type(data) is not dict or len(data) != count or data.get('@') != tag:",
             "        raise DecodeError(f'expected a {tag}')",
             "    try:"]
    for i, name in enumerate(names):
        kind = _EXACT.get(hints[name])
        if kind is not None:  # most fields: checked inline (bool is an int in Python, but not here)
            scope[f"k{i}"] = kind
            lines += [f"        v{i} = data[{name!r}]",
                      f"        if type(v{i}) is not k{i}:",
                      f"            raise DecodeError(f'{{tag}}.{name}: expected {kind.__name__}, got {{type(v{i}).__name__}}')"]
        else:
            scope[f"f{i}"] = decoder(hints[name])
            lines.append(f"        v{i} = f{i}(data[{name!r}])")
    lines += [*([] if names else ["        pass"]), "    except KeyError:",
              "        raise DecodeError(f'expected a {tag}') from None"]
    plain = all(value is not dataclasses.MISSING for value in left.values())
    if len(names) + len(left) == len(fields) and plain and not hasattr(cls, "__post_init__") \
            and "__slots__" not in vars(cls):
        # what __init__ would do for these fields (no other defaults needed, no __post_init__), without its 20
        # calls to object.__setattr__; pickle makes instances the same way
        lines += ["    obj = new(cls)",
                  "    obj.__dict__.update({" + ", ".join(f"{name!r}: v{i}" for i, name in enumerate(names)) + "})",
                  "    obj.__dict__.update(left)" if left else "",
                  "    return obj"]
    else:
        lines.append("    return cls(" + ", ".join(f"{name}=v{i}" for i, name in enumerate(names)) + ")")
    exec(compile("\n".join(lines), f"<codec decoder of {cls.__name__}>", "exec"), scope)
    build = scope["build"]
    return build
