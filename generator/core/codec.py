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
    skip is 00:00 at the offset before the jump (``content.FieldReader.date``), which ``astimezone`` reads as 01:00.

    ``zone.utcoffset`` reads the wall clock (and fold) of the datetime it is given, not its zone, so it says the
    offset ``value``'s wall clock has in ``zone`` without making that datetime first; ``combine`` then makes it,
    as ``value.replace(tzinfo=zone)`` would but without ``replace``'s keyword parsing (10 K instructions of a
    20 K-instruction cached date)."""
    if zone.utcoffset(value) == value.utcoffset():
        return datetime.combine(value, value.time(), zone)
    return value.astimezone(zone)


def _datetime(data: Any) -> datetime:
    """A tagged datetime: ``{"@": "datetime", "iso": ISO text with its offset, "zone": an IANA name or None}``."""
    if type(data) is not dict or len(data) != 3:
        raise DecodeError("expected a tagged datetime")
    tag, iso, zone = data.get("@"), data.get("iso"), data.get("zone", 0)  # three keys, and these three found
    if tag != "datetime" or type(iso) is not str or not (zone is None or type(zone) is str):
        raise DecodeError("expected a tagged datetime")
    try:
        value = datetime.fromisoformat(iso)
        if value.tzinfo is None:
            raise DecodeError("a datetime without a UTC offset")
        return _in_zone(value, ZoneInfo(zone)) if zone is not None else value
    except (ValueError, ZoneInfoNotFoundError) as e:
        raise DecodeError(f"bad datetime: {e}") from None


def _union(args: tuple[Any, ...]) -> Decoder:
    """A union's decoder: ``X | None`` (every union of the cache's types) as None or X's decoder; any other tries
    only the members whose decoders take a value of that JSON type, in their order."""
    if len(args) == 2 and type(None) in args:
        only = decoder(args[0] if args[1] is type(None) else args[1])

        def optional(data: Any) -> Any:
            return None if data is None else only(data)
        return optional
    options = [(decoder(a), _json_types(a)) for a in args]

    def check(data: Any) -> Any:
        kind = type(data)
        for option, kinds in options:
            if kinds is None or kind in kinds:
                try:
                    return option(data)
                except DecodeError:
                    continue
        raise DecodeError(f"matches none of {args}")
    return check


def _json_types(hint: Any) -> frozenset[type] | None:
    """The types of value ``decoder(hint)`` takes (None: it is not known here, so any)."""
    if hint is None or hint is type(None):
        return frozenset({type(None)})
    if hint in _EXACT:
        return frozenset({hint})
    if hint is float:
        return frozenset({int, float})
    origin = typing.get_origin(hint)
    if origin is tuple:
        return frozenset({list})
    if hint is datetime or origin in (dict, collections.abc.Mapping) or dataclasses.is_dataclass(hint):
        return frozenset({dict})
    return None


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
    # a fixed tuple (a cached parse result is ``tuple[Article | None, tuple[Problem, ...]]``): Python source, as a
    # dataclass's decoder, its items unpacked and checked as a dataclass's fields are
    scope: dict[str, Any] = {"DecodeError": DecodeError, "count": len(args), "where": "item "}
    items = "".join(f"v{i}, " for i in range(len(args)))
    lines = ["def check(data):",
             "    if type(data) is not list or len(data) != count:",
             "        raise DecodeError(f'expected a list of {count}')",
             *([f"    {items}= data"] if args else []),
             *_field_checks(args, tuple(str(i) for i in range(len(args))), scope),
             f"    return ({items})"]
    return _compiled(lines, scope, "check", repr(args))


def _field_checks(hints: tuple[Any, ...], labels: tuple[str, ...], scope: dict[str, Any]) -> list[str]:
    """Source lines that check the values ``v0``, ``v1``, … against ``hints`` and put each one's decoded value in
    its place (messages name them by ``where`` and ``labels``), each common shape written out inline rather than
    a call to its decoder, which made a cached article head a dozen calls: text, numbers and booleans by their
    exact type; ``tuple[str, ...]`` as a list whose items are checked in place; a tuple of other items by one
    ``map`` (none for an empty list); ``X | None`` as None or X's decoder."""
    lines = []
    for i, hint in enumerate(hints):
        args = typing.get_args(hint)
        kind = _EXACT.get(hint)
        if kind is not None:  # most fields (bool is an int in Python, but not here)
            scope[f"t{i}"] = kind
            lines += [f"    if type(v{i}) is not t{i}:",
                      f"        raise DecodeError(f'{{where}}{labels[i]}: expected {kind.__name__}, got {{type(v{i}).__name__}}')"]
        elif typing.get_origin(hint) is tuple and len(args) == 2 and args[1] is Ellipsis:
            lines += [f"    if type(v{i}) is not list:",
                      f"        raise DecodeError(f'{{where}}{labels[i]}: expected a list, got {{type(v{i}).__name__}}')"]
            item = _EXACT.get(args[0])
            if item is not None:
                scope[f"t{i}"] = item
                lines += [f"    for item in v{i}:",
                          f"        if type(item) is not t{i}:",
                          f"            raise DecodeError(f'{{where}}{labels[i]}: expected {item.__name__} items, got {{type(item).__name__}}')",
                          f"    v{i} = tuple(v{i})"]
            else:
                scope[f"f{i}"] = decoder(args[0])
                lines.append(f"    v{i} = tuple(map(f{i}, v{i})) if v{i} else ()")
        elif typing.get_origin(hint) in (typing.Union, types.UnionType) and len(args) == 2 and type(None) in args:
            scope[f"f{i}"] = decoder(args[0] if args[1] is type(None) else args[1])
            lines += [f"    if v{i} is not None:",
                      f"        v{i} = f{i}(v{i})"]
        else:
            scope[f"f{i}"] = decoder(hint)
            lines.append(f"    v{i} = f{i}(v{i})")
    return lines


def _compiled(lines: list[str], scope: dict[str, Any], name: str, what: str) -> Decoder:
    """The function ``name`` that ``lines`` define, run in ``scope``."""
    exec(compile("\n".join(lines), f"<codec decoder of {what}>", "exec"), scope)
    return scope[name]


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


_SHARED: set[type] = set()
"""Dataclasses decoded once per distinct row (``shared``)."""
_SHARED_MOST = 10_000
"""Distinct rows a shared class's decoder keeps: past that it starts again (``digest serve``'s process decodes every
build's rows), so they cannot grow without end."""


def shared(cls: type) -> type:
    """Class decorator: rows of ``cls`` repeat (a company of the registry is named by many articles: the bench's
    2,000 name companies 3,092 times, in 80 distinct rows), so its decoder gives equal rows one object, as the
    registry gives every article that names a company the same ``Company``: a repeated row is checked as any
    other, then costs a lookup instead of a new object. Its fields must be text, whole numbers, booleans or tuples
    of those, whose equality is exact (a float's 0.0 equals -0.0)."""
    for hint in typing.get_type_hints(cls).values():
        args = typing.get_args(hint)
        if hint not in _EXACT and not (typing.get_origin(hint) is tuple and args[-1] is Ellipsis and args[0] in _EXACT):
            raise TypeError(f"{cls.__name__}: a shared row's fields are text, numbers, booleans or tuples of those")
    _SHARED.add(cls)
    return cls


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
                             "where": f"{cls.__name__}.", "new": object.__new__, "left": left}
    # the keys are exactly '@' and ``names`` when there are as many as those and each name is found: no comparison
    # of the key sets (a set lookup per key), as a missing name is a KeyError, said as a DecodeError
    lines = ["def build(data):",
             "    if type(data) is not dict or len(data) != count or data.get('@') != tag:",
             "        raise DecodeError(f'expected a {tag}')",
             "    try:",
             *(f"        v{i} = data[{name!r}]" for i, name in enumerate(names)),
             *([] if names else ["        pass"]),
             "    except KeyError:",
             "        raise DecodeError(f'expected a {tag}') from None",
             *_field_checks(tuple(hints[name] for name in names), names, scope)]
    row = "(" + "".join(f"v{i}, " for i in range(len(names))) + ")"
    if cls in _SHARED:  # one object per distinct row, checked as any other first
        scope.update(rows={}, most=_SHARED_MOST)
        lines += [f"    obj = rows.get({row})",
                  "    if obj is not None:",
                  "        return obj"]
    plain = all(value is not dataclasses.MISSING for value in left.values())
    if len(names) + len(left) == len(fields) and plain and not hasattr(cls, "__post_init__") \
            and "__slots__" not in vars(cls):
        # what __init__ would do for these fields (no other defaults needed, no __post_init__), without its 20
        # calls to object.__setattr__; pickle makes instances the same way
        lines += ["    obj = new(cls)",
                  "    obj.__dict__.update({" + ", ".join(f"{name!r}: v{i}" for i, name in enumerate(names)) + "})",
                  *(["    obj.__dict__.update(left)"] if left else [])]
    else:
        lines.append("    obj = cls(" + ", ".join(f"{name}=v{i}" for i, name in enumerate(names)) + ")")
    if cls in _SHARED:  # kept once made whole: another thread never gets a half-made object
        lines += ["    if len(rows) >= most:",
                  "        rows.clear()",
                  f"    rows[{row}] = obj"]
    build = _compiled([*lines, "    return obj"], scope, "build", cls.__name__)
    return build
