"""Split a file into its YAML front matter and Markdown body, and load YAML strictly.

The YAML loader is deliberately small: it follows YAML 1.2's core schema (only
``true``/``false`` are booleans, so a company called ``ON`` or a tag ``no`` stays text),
keeps dates as text so that the caller can validate them with a line number, refuses
tags such as ``!!python/object`` and anchors/aliases, and reports duplicate keys. It
returns plain values plus a map from key path to line, so every later message can
name the line of the key it is about.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Any, Callable

import yaml

try:  # the C parser is ~10x faster; the pure-Python one behaves the same
    from yaml.cyaml import CParser as _Parser
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml.parser import Parser as _Parser  # type: ignore[assignment]
    from yaml.reader import Reader as _Reader
    from yaml.scanner import Scanner as _Scanner
    from yaml.composer import Composer as _Composer

    class _Parser(_Reader, _Scanner, _Parser, _Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            _Reader.__init__(self, stream)
            _Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            _Composer.__init__(self)

Lines = dict[tuple[Any, ...], int]
"""Key path (e.g. ``("source", "url")`` or ``("tags", 2)``) → 1-based file line."""

_FENCE = re.compile(r"---[ \t]*")
_NEWLINE = re.compile("\n")
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_ESCAPED_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
"""What a double-quoted escape such as "\\a" or "\\x1b" can put in a value, and HTML and XML forbid."""
MAX_DEPTH = 20
"""Deepest nesting of lists and mappings accepted. Front matter, the config and the registry need
three levels; without a cap, a value nested ~990 levels deep exhausts Python's recursion limit."""


class YamlError(Exception):
    """YAML that cannot be read; ``line`` is already a file line."""

    def __init__(self, line: int, message: str, field: str = "") -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Split:
    """A file cut at its front matter fences."""

    yaml_text: str
    """The text between the fences."""
    yaml_line: int
    """File line of the first YAML line (the one after the opening '---')."""
    body: str
    """Everything after the closing fence."""
    body_line: int
    """File line of the body's first line."""


class SplitError(Exception):
    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def split(text: str) -> Split:
    """Cut ``text`` (already decoded, newlines already '\\n') at its '---' fences."""
    lines = text.split("\n")
    if not lines or not _FENCE.fullmatch(lines[0]):
        raise SplitError(1, "no front matter: start the file with a line '---', then the fields "
                            "(title: ..., date: ...), then another line '---'")
    for i in range(1, len(lines)):
        if _FENCE.fullmatch(lines[i]) or lines[i].rstrip() == "...":
            if lines[i].rstrip() == "...":
                _refuse_second_document(lines, i)
            return Split("\n".join(lines[1:i]) + "\n", 2, "\n".join(lines[i + 1:]), i + 2)
    raise SplitError(1, "the front matter opened on line 1 is never closed; add a line '---' after the last field")


_KEY_LINE = re.compile(r"[A-Za-z_][\w-]*:(?:[ \t]|$)")


def _refuse_second_document(lines: list[str], end: int) -> None:
    """Fields after a '...' end marker and before a later '---' are a second YAML document.

    YAML ends the document at '...', so those fields would silently become body text; an
    editor who wrote them meant them as front matter.
    """
    for j in range(end + 1, len(lines)):
        if _FENCE.fullmatch(lines[j]):
            if any(_KEY_LINE.match(line) for line in lines[end + 1:j]):
                raise SplitError(end + 1, f"the front matter ends at '...' on line {end + 1}, but the fields after it, "
                                          f"up to the '---' on line {j + 1}, would be dropped; delete the '...' line")
            return
        if lines[j].strip() and not _KEY_LINE.match(lines[j]) and not lines[j].startswith((" ", "\t", "-", "#")):
            return


class _Resolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core schema, without timestamps: dates stay text for the caller."""


_Resolver.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Resolver.add_implicit_resolver(_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_Resolver.add_implicit_resolver(_INT, re.compile(r"^[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789"))
_Resolver.add_implicit_resolver(
    _FLOAT, re.compile(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))


class _Loader(_Parser, _Resolver):  # type: ignore[misc, valid-type]
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _Resolver.__init__(self)


def load_yaml(text: str, first_line: int, warnings: list[YamlError] | None = None) -> tuple[Any, Lines]:
    """Parse ``text``, whose first line is file line ``first_line``, into values and key lines.

    Control characters that a double-quoted escape (``"\\a"``) puts into a value are removed;
    each removal is appended to ``warnings`` so that the caller can tell the editor.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        line = first_line + (text.count("\n", 0, mark.index) if mark else 0)
        what = (e.problem or e.context or "invalid YAML").strip()
        raise YamlError(line, f"YAML syntax error: {what}; check the indentation, and put values "
                              "containing ': ', '#', '[' or quotes in double quotes") from None
    except yaml.YAMLError as e:  # pragma: no cover - unmarked errors are rare
        raise YamlError(first_line, f"YAML error: {e}") from None
    finally:
        loader.dispose()
    lines: Lines = {}
    if node is None:
        return None, lines
    breaks = [found.start() for found in _NEWLINE.finditer(text)]

    def line_of(mark: yaml.Mark) -> int:
        """File line of a mark, counting only '\n' (PyYAML also breaks lines at U+0085, U+2028, U+2029)."""
        return first_line + bisect.bisect_left(breaks, mark.index)

    return _value(node, (), lines, line_of, set(), warnings if warnings is not None else []), lines


def _value(node: yaml.Node, path: tuple[Any, ...], lines: Lines, line_of: Callable[[yaml.Mark], int],
           seen: set[int], warnings: list[YamlError]) -> Any:
    line = line_of(node.start_mark)
    field = str(path[0]) if path else ""
    if id(node) in seen:
        raise YamlError(line, "YAML anchors and aliases (&name, *name) are not allowed; write the value out", field)
    seen.add(id(node))
    if len(path) >= MAX_DEPTH and isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        raise YamlError(line, f"lists and mappings are nested more than {MAX_DEPTH} levels deep; "
                              "write a flat value or a short list", field)
    if isinstance(node, yaml.MappingNode):
        if node.tag != _MAP:
            raise _bad_tag(node, line, field)
        out: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_line = line_of(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlError(key_line, "a key must be plain text", field)
            key = key_node.value
            if key_node.tag == _NULL or key_node.value == "<<":
                raise YamlError(key_line, f"{key!r} is not a usable key; write a name such as 'title:'", field)
            if key in out:
                raise YamlError(key_line, f"is defined twice (first on line {lines[path + (key,)]}); keep one",
                                str((path + (key,))[0]))
            lines[path + (key,)] = key_line
            out[key] = _value(value_node, path + (key,), lines, line_of, seen, warnings)
        return out
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ:
            raise _bad_tag(node, line, field)
        items = []
        for i, item in enumerate(node.value):
            lines[path + (i,)] = line_of(item.start_mark)
            items.append(_value(item, path + (i,), lines, line_of, seen, warnings))
        return items
    tag, value = node.tag, node.value
    if tag == _STR:
        for char in sorted(set(_ESCAPED_CONTROL.findall(value))):
            warnings.append(YamlError(line, f"control character U+{ord(char):04X} (from a YAML escape such as "
                                            "\"\\a\") removed: feeds and HTML cannot carry it; delete the escape "
                                            "from the value", field))
        return _ESCAPED_CONTROL.sub("", value)
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return value.lower() == "true"
    if tag == _INT:
        return int(value, 0) if value.lstrip("+-")[:2] in ("0o", "0x") else int(value)
    if tag == _FLOAT:
        return float(value.replace("inf", "Infinity").replace("Inf", "Infinity").replace("INF", "Infinity"))
    raise _bad_tag(node, line, field)


def _bad_tag(node: yaml.Node, line: int, field: str) -> YamlError:
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    return YamlError(line, f"the YAML tag '{tag}' is not allowed; remove it and write a plain value", field)
