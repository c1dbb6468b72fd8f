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
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable

from generator.core.errors import Problem, printable, quoted
from generator.core.patterns import LazyPattern


def _yaml_printable_check_made_cheaply() -> None:
    """Give PyYAML's ``Reader.NON_PRINTABLE`` (the characters YAML forbids) to ``re``'s cache before ``yaml`` is
    imported, as a ``LazyPattern`` of the same set written as the few characters it holds, not as those it leaves out.

    Why: ``re`` compiles a class by marking each character of its ranges one at a time, in Python, and PyYAML's
    ``[^...\\xA0-\\uD7FF\\uE000-\\uFFFD...]`` has 63,000 of them: 57 M instructions at every import of ``yaml``,
    1.7% of a one-edit rebuild's main process, for a pattern only the pure-Python reader uses (``_ScanLoader``,
    when front matter slips); the set below matches exactly the same characters, is compiled only if that reader
    runs, and then in 4 M. ``re.compile`` finds a pattern in its cache by (type, text, flags) and gives it back as
    it is; where a Python keeps no such cache, or ``yaml`` was imported already, nothing changes."""
    cache = getattr(re, "_cache", None)
    if "yaml.reader" in sys.modules or not isinstance(cache, dict):
        return
    written = "[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]"
    cache[type(written), written, 0] = LazyPattern("[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F"
                                                   "\uD800-\uDFFF\uFFFE\uFFFF]")


_yaml_printable_check_made_cheaply()
import yaml  # noqa: E402 - after the pattern above is in re's cache


class _Scanner(yaml.scanner.Scanner):
    """PyYAML's pure-Python scanner, reading a plain value in brackets past a '?' as libyaml (the C parser) does:
    '[a?b, "c"]' is the names 'a?b' and 'c', where PyYAML's own ends the value at the '?' and fails. For the token
    scans that explain a slip (``_flow_closes``, ``_unclosed_quote``, ``_without_colon``; never run on a file
    without one) and for the parser where PyYAML was built without libyaml."""

    _in_plain = False

    def scan_plain(self) -> yaml.ScalarToken:
        self._in_plain = True
        try:
            return super().scan_plain()
        finally:
            self._in_plain = False

    def peek(self, index: int = 0) -> str:
        char = super().peek(index)
        return "x" if char == "?" and self._in_plain else char  # not an end; the value's text is read as written


class _ScanLoader(_Scanner, yaml.reader.Reader, yaml.parser.Parser, yaml.composer.Composer,
                  yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
    """``yaml.SafeLoader`` with ``_Scanner`` (first, so that its ``peek`` is the one read)."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        _Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)


class _PureParser(_Scanner, yaml.reader.Reader, yaml.parser.Parser, yaml.composer.Composer):
    """The build's parser where PyYAML was built without libyaml."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        _Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)


# the C parser is ~10x faster; the pure-Python one, with ``_Scanner``, reads the same
try:
    from yaml.cyaml import CParser as _Parser, CSafeLoader as _SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    _Parser, _SafeLoader = _PureParser, _ScanLoader  # type: ignore[misc, assignment]

Lines = dict[tuple[Any, ...], int]
"""Key path (e.g. ``("source", "url")`` or ``("tags", 2)``) → 1-based file line."""
Written = dict[tuple[Any, ...], str]
"""Key path of a value or list item YAML read as a number or true/false (``("page_size",)``, ``("tags", 0)``) → the
value as the editor wrote it ('0x1F', '1e3', 'TRUE'), for the messages that quote it (YAML read 31, 1000.0, true);
and of a list item YAML read as empty because it was a name starting with '#' ('- #Pilkada2026'), that name, or an
alias ('- *b', an error of its own), that alias."""

_FENCE = LazyPattern(r"---[ \t]*")
_NEWLINE = LazyPattern("\n")
_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_ESCAPED_CONTROL = LazyPattern("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
"""What a double-quoted escape such as "\\a" or "\\x1b" can put in a value, and HTML and XML forbid."""
MAX_DEPTH = 20
"""Deepest nesting of lists and mappings accepted. Front matter, the config and the registry need
three levels; without a cap, a value nested ~990 levels deep exhausts Python's recursion limit."""


def as_yaml(value: Any, written: str = "") -> str:
    """A value YAML read, in YAML's words for a message: 'empty' (not None), true/false (not True), '5', 'text';
    ``written``: a number's or true/false's text as the editor wrote it (``Written``), shown instead ('0x1F')."""
    if written and value is not None and not isinstance(value, (str, list, dict)):
        return written
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value)


def not_text(key: str, value: Any, written: Written | None = None, path: tuple[Any, ...] = ()) -> str:
    """Why ``value``, YAML's reading of a text field ``key``, is not usable text, with the fix for what YAML read
    (the config's, the registries' and the weekly notes' text fields; articles have ``content.FieldReader``);
    ``written``: the file's ``Written``, ``path``: the value's key path there (``(key,)`` when not given)."""
    if isinstance(value, (list, dict)):
        return (f"must be one line of text, but YAML read a {'list' if isinstance(value, list) else 'mapping'} "
                f"({as_written(value, written or {}, path or (key,))}); write the text on the key's line: {key}: \"...\"")
    if value is None or isinstance(value, str):
        return f"is empty; write the text after the colon: {key}: \"...\""
    return f"must be text, got {as_yaml(value, (written or {}).get(path or (key,), ''))}; write it in quotes"


def as_written(value: Any, written: Written, path: tuple[Any, ...]) -> str:
    """A list or mapping YAML read at ``path``, as the editor wrote it, for a message: in YAML's brackets, each item as
    written ('[Pekan, 0x1F, true]', not "['Pekan', 31, True]"): a number or true/false by ``written``, text as it
    is, or in double quotes when YAML would not read it back as that text (a ',' or ': ' in it)."""
    if isinstance(value, list):
        return "[" + ", ".join(as_written(item, written, path + (i,)) for i, item in enumerate(value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{as_written(k, {}, ())}: {as_written(v, written, path + (k,))}"
                               for k, v in value.items()) + "}"
    if value is None:  # '- ' with nothing after it
        return ""
    if not isinstance(value, str):
        return as_yaml(value, written.get(path, ""))
    if value.isprintable() and _simple_scalar(value) == (True, value) and not set(value) & set(",[]{}"):
        return value
    return '"' + printable(value.replace("\\", "\\\\").replace('"', '\\"')) + '"'


def double_quoted(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that reads back as it: a backslash and a quote escaped (for advice)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def shown_as_written(value: Any, written: Written, path: tuple[Any, ...]) -> str:
    """``value``, read at ``path``, for a message, as written: text in quotes, a number or true/false and a list's
    or mapping's items by ``written`` (0x1F, [rss, 1e3], not 31, ['rss', 1000.0])."""
    return quoted(value) if isinstance(value, str) else as_written(value, written, path) \
        if isinstance(value, (list, dict)) else as_yaml(value, written.get(path, ""))


def not_a_name(key: str, value: Any, example: str, written: Written, path: tuple[Any, ...]) -> str:
    """Why the item at ``path`` (its last part the index, from 0) of the list of names ``key``, YAML's reading
    ``value``, is no name, with the fix (the config's ``menu`` and ``sections``, a company's ``aliases``);
    ``example``: a list written right; ``written``: the file's ``Written``, for the item as the editor wrote it."""
    index = path[-1]
    if value is None and written.get(path, "").startswith("#"):
        return commented_item(index, written[path])
    shown = shown_as_written(value, written, path)
    what = f"is a number; a name that is a number goes in quotes ('{shown}')" if isinstance(value, (int, float)) \
        and not isinstance(value, bool) else f"is not a name; write names, like {key}: {example}"
    return f"item {index + 1} ({shown}) {what}"


def commented_item(index: int, name: str) -> str:
    """Why item ``index`` (from 0) of a list, written '- ``name``' with a name starting with '#', is empty; a note
    after the name stays a note ('- #AI # cek' → '- "#AI" # cek')."""
    name, note = split_note(name)
    return (f"item {index + 1} is empty: '{name}' after '- ' is a YAML comment; put it in double quotes: "
            f"- {double_quoted(name)}{note}")


def split_note(written: str) -> tuple[str, str]:
    """A value as written and the editor's note after it, with the spaces before it ('#AI # cek' → '#AI', ' # cek'):
    a '#' after a space and followed by a space or the line's end, as ``cut_by_comment`` reads a note; ('#1', '')
    when there is none."""
    note = re.search(r"\s+#(?:\s|$)", written)
    return (written[:note.start()], written[note.start():]) if note else (written, "")


_COMMENT = LazyPattern(r"""(?:^|(?<=\s))(#.*)|"(?:[^"\\]|\\.)*"|'(?:[^']|'')*'""")
"""What YAML reads as a comment on a line ('#' at its start or after a space; the group), or a quoted text in which
a '#' is text (matched so that it is passed over)."""


def cut_by_comment(raw: list[str], at: int, key: str, value: str, fix: Callable[[str, str], str] | None = None
                   ) -> str:
    """The warning for a plain value that YAML cut at ' #', which starts a comment, on its key's line ``at`` of
    ``raw``: 'title: Meta #1 di pasar' reads as 'Meta', and the rest was quietly gone. '' when nothing was cut, or
    when the '#' is followed by a space, as a note's is ('name: Reuters  # display name', the README's example; as
    in ``names_cut_by_comment``); such a note later on the line stays a note in the line to write ('title: Meta #1
    di pasar  # cek lagi'). ``fix(the whole value as written, without that note; the note, with the spaces before it, or
    '')``: what to do if the comment is part of the value, its line to write ending with the note; by default, or
    when it gives '', put the value in double quotes."""
    line = raw[at - 1] if 0 < at <= len(raw) else ""
    after = line.split(":", 1)[1] if " #" in line and ":" in line else ""
    if not after or after.strip()[:1] in ("\"", "'", "|", ">"):
        return ""
    written, comment = after.split(" #", 1)
    if written.strip() != value.strip() or not comment[:1].strip():  # '# note', with YAML's space: a comment
        return ""
    # a later ' # ' (hash, then a space) is the editor's own note: 'Meta #1 di pasar  # catatan' stays a note
    cut, note_text = split_note(comment.rstrip())
    whole = (written + " #" + cut).strip()
    return (f"'#{cut}' after it is a YAML comment, so it is not part of the {key}; if it is, "
            + (fix and fix(whole, note_text) or f"put the whole value in double quotes: {key}: {double_quoted(whole)}{note_text}"))


def names_cut_by_comment(raw: list[str], at: int, key: str) -> tuple[int, str, bool] | None:
    """(line, message, whether an error) for a name starting with '#' in a list of names over lines, whose key
    ``key`` is on line ``at`` of ``raw``: YAML reads it and the rest of its line as a comment, and the list goes on
    below, so the name was left out without a word (on one line the list is never closed, which ``load_yaml`` says).
    A '#' written as an item is (after '[' or ',' on its line: 'tags: [panduan, #Pilkada2026,'; or items after it
    on a line of its own: '#Meta, Google'): an error. A '#word' alone on its line may be a note as well as a
    name: a warning, with both fixes. A '#' whose comment takes the list's ']' ('  #Aceh]', '  #Aceh, Papua]') is an
    error too: the list is never closed, which ``load_yaml`` says by this message. A comment written '# note', with
    YAML's space, is a comment: nothing."""
    found = _name_cut(raw, at, key)
    return found and found[:3]


def _name_cut(raw: list[str], at: int, key: str) -> tuple[int, str, bool, str] | None:
    """``names_cut_by_comment``, and the line written as its message says (its indentation kept)."""
    first = raw[at - 1] if at <= len(raw) else ""
    start = first.index(":") + 1 if ":" in first else len(first)
    if not first[start:].lstrip().startswith("["):
        return None
    above = "["  # the last line above with a name or a bracket on it
    for number in range(at, len(raw) + 1):
        line = raw[number - 1]
        found = next((m for m in _COMMENT.finditer(line, start if number == at else 0) if m[1]), None)
        code = line[:found.start()] if found else line
        if found and found[1][1:2].strip():  # '#Pilkada2026', not '# c'
            comment, close, after = found[1].partition("]")  # '#Aceh]': the list's ']' in the comment
            names = [n.strip() for n in comment.split(",")]
            fixed = _spaced(code + ", ".join(double_quoted(n) if n.startswith("#") else n for n in names if n) +
                            ("," if not names[-1] else "") + close + after)
            # first on its line, after a name with no comma ('tags: [a, b' / '  #c]'): '"#c"]' alone makes 'b "#c"'
            last = "" if code.strip() or re.search(r"[\[,]\s*$", above) else re.split(r"[\[,]", above)[-1].strip()
            comma = (f", and no comma follows '{last}' above it", f", and a comma after '{last}'") if last else ("", "")
            if close or re.search(r"[\[,]\s*$", code) or (not code.strip() and len(names) > 1):
                return number, (f"'{names[0]}' starts a YAML comment, so it is left out of the list with the rest of "
                                f"its line{comma[0]}; put a name that starts with '#' in double quotes{comma[1]}: "
                                f"{fixed.strip()}"), True, fixed
            if not code.strip():
                return number, (f"'{names[0]}' is a YAML comment, so it is not in the {key}; if it is a name, put it in "
                                f"double quotes{comma[1]}: {double_quoted(names[0])}, and if it is a note, write "
                                f"{quoted('# ' + names[0][1:])}"), False, fixed
        if "]" in code:
            return None
        if code.strip():
            above = code[start:] if number == at else code
    return None


class YamlError(Exception):
    """YAML that cannot be read; ``line`` is already a file line."""

    def __init__(self, line: int, message: str, field: str = "", also: tuple[YamlError, ...] = (),
                 fixed: str | None = None, writes: str = "") -> None:
        super().__init__(message)
        self.line = line
        self.message = message
        self.field = field
        self.also = also
        """The syntax slips further on in the same YAML, as the runs after this slip is fixed would say them
        (``_slips``)."""
        self.fixed = fixed
        """The YAML with this slip and those in ``also`` written as their messages say, when each gives the line to
        write and the text so written has no syntax error, else None: what ``load_yaml_past_slips`` reads."""
        self.writes = writes
        """The line this slip's message gives to write, without its indentation; '' when it gives none."""


def yaml_problems(rel: str, error: YamlError) -> list[Problem]:
    """``error`` and the slips after it (``YamlError.also``) as problems of ``rel``, each at its line."""
    return [Problem(rel, e.line, e.field, e.message) for e in (error, *error.also)]


def yaml_file_text(data: bytes) -> str:
    """A YAML file's bytes (config.yaml, companies.yaml, sources.yaml) as text with '\\n' newlines, a byte-order
    mark dropped; a YamlError at the line of the first byte that is not UTF-8 (an article's message), or for UTF-16
    (with or without its byte-order mark) or UTF-32 text (``wide_encoding``)."""
    if (encoding := wide_encoding(data)) is not None:
        raise YamlError(1, f"is {encoding} text; save it as UTF-8")
    data = data.removeprefix(b"\xef\xbb\xbf")  # UTF-8's mark: the bad byte's position is counted without it
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise YamlError(line_at(data, e.start),
                        f"is not valid UTF-8 (byte 0x{data[e.start]:02x}); save the file as UTF-8") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")  # lines counted alike, whichever a system wrote


def line_at(data: bytes, offset: int) -> int:
    """The line of the byte at ``offset``, whether lines end in LF, CRLF or CR alone (old Mac editors)."""
    before = data[:offset]
    return before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1


def wide_encoding(data: bytes) -> str | None:
    """'UTF-32' or 'UTF-16' when a text file's bytes begin as such text does, with or without a byte-order mark
    (without one, an ASCII character next to its zero bytes), else None."""
    head = data[:4]
    if head in (b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff") or (
            len(head) == 4 and head != b"\x00" * 4 and b"\x00\x00\x00" in (head[1:], head[:3])):
        return "UTF-32"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or (len(head) > 1 and 0 in head[:2] and head[:2] != b"\x00\x00"):
        return "UTF-16"
    return None


def read_past(rel: str, found: list[YamlError]) -> list[Problem]:
    """What ``load_yaml`` read past in ``rel`` (its ``warnings`` list), as problems: a key given twice or that is
    no name is an error, a control character an escape put in a value a warning."""
    return [Problem(rel, e.line, e.field, e.message, "error" if isinstance(e, KeyProblem) else "warning")
            for e in found]


MERGE_KEY = "'<<' (YAML's merge key, with an alias such as *base) is not read here; write the fields out in full"
"""What is said of a '<<:' key, read past (``KeyProblem``) or with its anchor below it or nowhere (``_merge_slip``)."""


TWICE = "is defined twice"
"""How the message of a ``DuplicateKey`` begins."""


UNUSABLE_KEY = "is not a usable key"
"""What the message of a ``KeyProblem`` for a key that is no name says."""


class KeyProblem(YamlError):
    """A key read past: given twice in one mapping (``DuplicateKey``), not a name ('null:', '~:', '[a]:'), or YAML's
    merge key ('<<: *base', whose fields are not merged in); or an alias ('*al', read as empty, or as the text or
    number of its anchor) or an anchor named twice (``_read_past``). Given a
    ``warnings`` list, ``load_yaml`` appends it there, keeps the rest and reads on, so the file's other problems are
    found in the same run; the caller reports it as an error. Without a list it is raised."""


class DuplicateKey(KeyProblem):
    """A key given twice in one mapping: the first value is kept."""


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


def split(text: str, fields: str = "title: ..., date: ...") -> Split:
    """Cut ``text`` (already decoded, newlines already '\\n') at its '---' fences; ``fields``: the ones the kind of
    file needs, for the message when it has no front matter.

    Reads the lines up to the closing fence only, and takes the body as the text after it in one slice: not
    splitting a whole file into lines and joining the body's back (a fifth of reading an article's front matter)."""
    opening = text.find("\n")
    if not _FENCE.fullmatch(text if opening < 0 else text[:opening]):
        lines = text.split("\n")
        blank = next((i for i, line in enumerate(lines) if line.strip()), len(lines))
        if 0 < blank < len(lines) and _FENCE.fullmatch(lines[blank].strip()):
            raise SplitError(1, f"the front matter's '---' must be the file's first line; delete the "
                                f"{'empty line' if blank == 1 else f'{blank} empty lines'} above it")
        raise SplitError(1, "no front matter: start the file with a line '---', then the fields "
                            f"({fields}), then another line '---'")
    start, i = opening + 1, 1  # line i (from 0) is text[start:end]
    while opening >= 0 and start <= len(text):
        end = text.find("\n", start)
        line = text[start:] if end < 0 else text[start:end]
        if _FENCE.fullmatch(line) or line.rstrip() == "...":
            if line.rstrip() == "...":
                _refuse_second_document(text.split("\n"), i)
            return Split(text[opening + 1:start - 1] + "\n", 2, "" if end < 0 else text[end + 1:], i + 2)
        if end < 0:
            break
        start, i = end + 1, i + 1
    raise SplitError(1, "the front matter opened on line 1 is never closed; add a line '---' after the last field")


_KEY_LINE = LazyPattern(r"[A-Za-z_][\w-]*:(?:[ \t]|$)")


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


_Resolver.add_implicit_resolver(_BOOL, LazyPattern(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Resolver.add_implicit_resolver(_NULL, LazyPattern(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])
_Resolver.add_implicit_resolver(_INT, LazyPattern(r"^[-+]?(?:[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789"))
_Resolver.add_implicit_resolver(
    _FLOAT, LazyPattern(r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"),
    list("-+0123456789."))


def _loader_of(parser: type) -> type:
    """The build's loader: ``parser`` (libyaml's, or ``_PureParser``) with the core schema's ``_Resolver``."""
    class Loader(parser, _Resolver):  # type: ignore[misc, valid-type]
        def __init__(self, stream: str) -> None:
            parser.__init__(self, stream)
            _Resolver.__init__(self)
    return Loader


_Loader = _loader_of(_Parser)


KEY_ADVICE = ("a name such as 'title:'",)
"""How a file's keys are written, for the message about a key that is no name: at the top level, then a level
down, and so on (the last one for every level below); an article's and ``config.yaml``'s. Advice with a level below
the top is a registry's (companies.yaml, sources.yaml), whose top-level keys are ids each given a mapping: a slip
on an id's line is advised as one ('google: name: Google': ``google: {name: Google}``)."""


def load_yaml(text: str, first_line: int, warnings: list[YamlError] | None = None,
              key_advice: tuple[str, ...] = KEY_ADVICE, written: Written | None = None) -> tuple[Any, Lines]:
    """Parse ``text``, whose first line is file line ``first_line``, into values and key lines; ``written``, when
    given, gets the text of each list item read as a number or true/false (``Written``).

    Control characters that a double-quoted escape (``"\\a"``) puts into a value are removed;
    each removal is appended to ``warnings`` so that the caller can tell the editor.

    Front matter written the usual way (``_simple``) is read without PyYAML, with the same result.
    """
    if (conflict := merge_conflict(text, first_line)) is not None:
        raise conflict
    if not text.isascii() and (c1 := _C1.search(text)):
        raise forbidden_at(text, first_line, c1.start(), ord(c1.group()))
    if not text.isascii() and _OTHER_SPACE.search(text) and (spaces := _other_spaces(text, first_line)) is not None:
        raise spaces
    simple = _simple(text, first_line, written)
    if simple is not None:
        return simple
    return load_yaml_fully(text, first_line, warnings, key_advice, written)


def load_yaml_past_slips(text: str, first_line: int, warnings: list[YamlError],
                         key_advice: tuple[str, ...] = KEY_ADVICE,
                         written: Written | None = None) -> tuple[Any, Lines, YamlError | None]:
    """``load_yaml``, and past YAML syntax slips whose messages each give the line to write (``YamlError.fixed``):
    the values of the text written so, and the slips, for the caller to say with the problems of the other fields,
    found in the same run rather than in the run after the slips are fixed (those of the slips' own fields too; what
    a slip's fix cures is not said again: ``said_by``). Other YAML errors are raised, as ``load_yaml`` raises them."""
    try:
        return (*load_yaml(text, first_line, warnings, key_advice, written), None)
    except YamlError as e:
        if e.fixed is None:
            raise
        try:
            return (*load_yaml(e.fixed, first_line, warnings, key_advice, written), e)
        except YamlError as after:  # a slip of another kind in the text so written ('title:' + U+00A0, 'tags: [a,')
            both = _with(after, [e, *e.also])
            if both.fixed is None:
                raise both from None
        try:
            return (*load_yaml(both.fixed, first_line, warnings, key_advice, written), both)  # type: ignore[arg-type]
        except YamlError:
            raise both from None


def lines_read(text: str, first_line: int, slip: YamlError | None) -> list[str]:
    """The lines of a file, ``text``, whose YAML starts at file line ``first_line``, as ``load_yaml_past_slips`` read
    them: with the lines ``slip`` and the slips after it give to write (``YamlError.fixed``), so that what the
    caller reads off the lines (a name cut by a '#') is of the file written as the slips' messages say."""
    rows = text.split("\n")
    if slip is not None and slip.fixed is not None:
        fixed = slip.fixed.removesuffix("\n").split("\n")  # (its last line's newline is the fence's or the file's)
        rows[first_line - 1:first_line - 1 + len(fixed)] = fixed
    return rows


def said_by(rel: str, problems: list[Problem], slip: YamlError | None) -> list[Problem]:
    """``problems`` without those of file ``rel``, read past ``slip`` (``load_yaml_past_slips``), that the slips'
    fixes cure: at a slip's line, giving the line the slip gives to write (a check of the lines as the editor wrote
    them: 'tags: [a, #b]' told 'tags: [a, "#b"]' twice). The field's own problems, read as the slip's message says
    to write it, stay ('slgu: Tentang: kami': and did you mean 'slug'); one about the whole value joins the slip's
    message (``slip_and``)."""
    if slip is None:
        return problems
    cured = {(e.line, e.writes) for e in (slip, *slip.also) if e.writes}
    return [p for p in problems if p.path != rel or not any(p.line == line and p.message.endswith(writes)
                                                             for line, writes in cured)]


def with_slips(rel: str, problems: list[Problem], slip: YamlError | None) -> list[Problem]:
    """The problems of file ``rel``, read past ``slip``: the slips, then ``problems`` without what a slip is about
    (``said_by``). A slip whose advice put a value in quotes, where the field then must be something else than text
    (a number, true or false: 'page_size: [' told 'page_size: "["', then 'must be a whole number'), says what the
    field takes instead of the quotes."""
    if slip is None:
        return problems
    slipped = yaml_problems(rel, slip)
    merged: set[Problem] = set()
    for i, p in enumerate(slipped):
        for took in problems:
            if (both := slip_and(p, took)) is not None:
                slipped[i] = both
                merged.add(took)
                break
    return slipped + [p for p in said_by(rel, problems, slip) if p not in merged]


_WHOLE_VALUE = LazyPattern(r"must be |'.*' is not a (?:valid |usable path)")
"""How a field's error about its whole value begins: 'must be true or false', "'a: b' is not a valid slug", "'@lama/'
is not a usable path" (a redirect, which in quotes is none either)."""


def slip_and(slipped: Problem, problem: Problem) -> Problem | None:
    """One message for a slip, ``slipped``, whose advice put a value in quotes, and ``problem``, the field's error
    about the value so written (``_WHOLE_VALUE``): what the field takes, not the quotes ('draft: ya: tidak' is not
    told to write 'draft: "ya: tidak"', then that it must be true or false); None when ``problem`` is no such
    error of the slip's field and line, or is about another item of the slip's line than the one the slip names."""
    if (problem.path, problem.line, problem.field) != (slipped.path, slipped.line, slipped.field) or \
            problem.severity != "error" or "double quotes: " not in slipped.message or \
            not _WHOLE_VALUE.match(problem.message):
        return None
    if re.match(r"'.*' and '.*' start with '", slipped.message):  # several items: '[`a/, @b/]', where the quotes
        return None  # the slip asks for are what '@b/' lacks: said apart, so that no name's fix is lost
    named = re.match(r"'(.*)' starts with '", slipped.message)  # one item of a list: '[lama x, @lama2/]'
    if named and problem.message[:1] in "'\"" and not problem.message.startswith(f"{quoted(named[1])} "):
        return None
    return Problem(slipped.path, slipped.line, slipped.field, f"{slipped.message.partition(';')[0]}, and {problem.message}")


def not_boolean(key: str, value: Any, written: Written, path: tuple[Any, ...]) -> str:
    """What to write instead of a value YAML did not read as true or false (``draft: yes``, ``draft: "true"``);
    ``written``: the file's ``Written``, ``path``: the value's key path there, for a number as the editor wrote it."""
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return (f"'{value}' in quotes is text, not true or false; write it without quotes: "
                f"{key}: {value.strip().lower()}")
    shown = f"'{value}'" if isinstance(value, str) else shown_as_written(value, written, path)
    return f"must be true or false, got {shown}; write {key}: true or {key}: false"


def merge_conflict(text: str, first_line: int = 1) -> YamlError | None:
    """A merge conflict git could not resolve and left in ``text`` (``<<<<<<<`` … ``=======`` … ``>>>>>>>`` lines),
    outside fenced code (where an article about git may show one), as an error at its first line (``text`` begins
    at file line ``first_line``). In YAML it would be a syntax error a line off; in a body it would be published,
    its markers as text and ``=======`` making the line above it a heading. None when there is none."""
    if "<<<<<<<" not in text:
        return None
    fence, start, middle = "", 0, False
    for number, line in enumerate(text.split("\n"), first_line):
        bare = line.lstrip(" ")
        if len(line) - len(bare) <= 3 and bare[:3] in ("```", "~~~") and (not fence or bare.startswith(fence)):
            fence = "" if fence else bare[:3]
            continue
        if fence:
            continue
        if line.startswith("<<<<<<<") and line[7:8] in ("", " "):
            start, middle = number, False
        elif start and line == "=======":
            middle = True
        elif start and middle and line.startswith(">>>>>>>") and line[7:8] in ("", " "):
            return YamlError(start, f"holds a merge conflict that git could not resolve (lines {start} to {number}): "
                                    "keep the version you want, delete the lines <<<<<<<, ======= and >>>>>>>, "
                                    "and save")
    return None


_KEY_LINE = LazyPattern(r"([A-Za-z_][\w.-]*):(\s*)(.*)")
"""A 'key: value' line, its indentation taken off: the key, the space after the colon, the value as written."""
_CANNOT_START = "@`%!&*|>"
"""Characters a plain YAML value may not start with (or that start something else than text)."""
_OPENS = LazyPattern(r"[^#]*:\s*(?:[|>][+-]?\d?[+-]?)?\s*|\s*-(?:\s.*)?")
"""A line under which indented lines belong: 'key:', a block text's 'key: |' or 'key: >-', a list item; matched
against the line without its comment ('source:  # penerbit' opens a mapping)."""
_BLOCK_TEXT = LazyPattern(r"[|>][+-]?\d?[+-]?")
"""A block text's indicator, which a value may well start with: '|', '>', '>-', '|+2'."""
_NO_ITEM_START = "@`%|>"
"""Characters a name in a list may not start with, as YAML reads it ('- %AI', '[data, |AI]'): put in double quotes.
('!', '&' and '*' start a tag, an anchor and an alias, each said as such.)"""


Advice = tuple[int, str, str, "str | None"]
"""What ``_explained`` says of a YAML slip: its line (from 0), field and message, and the line written as the message
says (its indentation kept), or None when the message gives no one line to write (a choice, a deletion). A line that
takes the place of lines below it too (a list over lines written on one) ends with a '\n' for each: they are left
empty, so that the lines after them keep their numbers."""


def _explained(lines: list[str], index: int, quote: int | None, first_line: int) -> Advice | None:
    """For a YAML error PyYAML found on line ``index`` (from 0) of ``lines``: the line, field and message that say
    what an editor most likely wrote wrong there or on the line before, and how to write it; None if it is none
    of the usual mistakes. ``quote``: the line of a quote never closed, when PyYAML's reading shows one
    (``_unclosed_quote``); ``first_line``: the file line of ``lines[0]``, for a message naming lines. Each message
    shows the line written right."""
    for at in (index, index - 1) if index else (index,):  # a tab: invisible in most editors, never said by YAML
        if 0 <= at < len(lines) and "\t" in _blank_start(lines[at]):
            return _tab_indented(lines, at, first_line)
    if quote is None and 0 <= index < len(lines) and _open_in_list(lines[index]):
        quote = index  # '["investasi, "AI", data]': the quote YAML read as closed is the next item's
    if quote is not None and 0 <= quote < len(lines) and (item := _QUOTED_ITEM.fullmatch(lines[quote])):
        kind = "double" if item[2] == '"' else "single"
        odd = item[2] == '"' and (len(item[3]) - len(item[3].rstrip("\\"))) % 2  # '- "C:\\': its '\\"' is no end
        right = f"{item[1]}{item[2]}{item[3]}" + "\\" * odd + item[2]
        return quote, _keys_at(lines, quote), (f"the {kind} quote before '{item[3]}' is never closed; write "
                                               f"{right.lstrip(' ')}"), right
    if quote is not None and 0 <= quote < len(lines) and (found := _KEY_LINE.fullmatch(lines[quote].lstrip(" "))):
        value = found[3].strip()
        if value[:1] in ('"', "'"):
            kind = "double" if value[0] == '"' else "single"
            odd = value[0] == '"' and (len(value) - len(value.rstrip("\\"))) % 2  # '"C:\': its '\"' is no end
            right = f"{found[1]}: {value}" + "\\" * odd + value[0]
            return quote, _keys_at(lines, quote), (f"the {kind} quote that starts the value is never closed, so YAML "
                                                   f"reads on past this line; end the value with {value[0]}: {right}"), \
                _indent(lines[quote]) + right
        if value[:1] == "[" and (start := _open_quote(value := _without_comment(value))) is not None:
            item, rest = re.fullmatch(r"([^,\]]*)(.*)", value[start + 1:]).groups()  # type: ignore[union-attr]
            closes = "]" in rest or _items_below(lines, quote)[1]  # else closed here too: '[a, "b'
            mark, kind = value[start], "double" if value[start] == '"' else "single"
            listed = f"{value[:start]}{mark}{item.strip()}{mark}{rest}{'' if closes else ']'}"
            also = ""  # '[a, "b, @c]': '[a, "b", "@c"]', which the next run reads, not '[a, "b", @c]'
            if listed.endswith("]") and _is_list(closed := _as_items(listed[:-1]) + "]") and closed != listed:
                names = [f"'{text}'" for text in map(str.strip, listed[1:-1].split(",")) if _as_item(text) != text]
                listed, also = closed, f", and {_and(names)} must be in double quotes too"
            right = f"{found[1]}: {listed}{found[3].strip()[len(value):]}"  # a note after it kept
            return quote, _keys_at(lines, quote), (f"the {kind} quote before '{item.strip()}' is never closed"
                                                   f"{'' if closes else ', nor the list'}{also}; write {right}"), \
                _indent(lines[quote]) + right
    for at in (index - 1, index) if index else (index,):
        if 0 <= at < len(lines) and (known := _explained_line(lines, at, first_line)) is not None:
            return known
        reserved = re.fullmatch(rf"( *- +)([{_NO_ITEM_START}].*)", _without_comment(lines[at], meant=True)) \
            if 0 <= at < len(lines) else None  # '- %AI', '- |AI': not '- |', which starts a block text
        reserved = None if reserved and _BLOCK_TEXT.fullmatch(reserved[2].rstrip()) else reserved
        # the line above as deep as this one or less: a block text's lines ('  - |' over '    teks') are its item's
        above = next((row for row in reversed(lines[:at]) if row.strip() and not row.lstrip().startswith("#")
                      and len(_indent(row)) <= len(_indent(lines[at]))), "") if 0 <= at < len(lines) else ""
        if 0 <= at < len(lines) and lines[at].lstrip(" ")[:1] in _NO_ITEM_START and \
                not _BLOCK_TEXT.fullmatch(_uncommented(lines[at])) and \
                above.startswith(_indent(lines[at]) + "- "):  # '  @openai' under '  - data': its '-' left out
            return _dashless(lines[at], at)
        if reserved and (above.startswith(reserved[1].rstrip(" ") + " ") or _uncommented(above).endswith(":")):
            # '  - @openai' under '  - data' or 'tags:'; '  - %E5%8C%97/' under 'redirects:'
            right = reserved[1] + _as_item(reserved[2].rstrip()) + lines[at][len(reserved[0]):]  # a note kept
            return at, _keys_at(lines, at), (f"'{reserved[2].rstrip()}' starts with '{reserved[2][0]}', which cannot "
                                             f"start a name in YAML; put it in double quotes: {right.lstrip(' ')}"), right
        meant = re.fullmatch(r"( *- +)(([\"']).*)", _without_comment(lines[at], meant=True)) if 0 <= at < len(lines) else None
        if meant and _syntax_error(meant[2]) is not None and (requoted := _requoted(meant[2])) is not None:
            right = meant[1] + requoted[1] + lines[at][len(meant[0]):]  # '  - "a" b  # cek': "  - '\"a\" b'  # cek"
            return at, _keys_at(lines, at), f"{quoted(meant[2])} {requoted[0]}; write it as {right.lstrip(' ')}", right
        item = re.match(r"( *)-([^\s-].*)", lines[at]) if 0 <= at < len(lines) else None
        if item and at and lines[at - 1].startswith(f"{item[1]}- "):  # '-b' under '- a': not a list item
            right = f"{item[1]}- {_as_block_item(item[2])}"
            return at, "", (f"{quoted(lines[at].strip())} needs a space after '-' to be an item of the list above: "
                            f"write {quoted(right)}"), right
    for at in range(min(index, len(lines) - 1), -1, -1):  # '  - [AI' above 'summary: x', where YAML fails
        if (opened := _open_item(lines, at)) is not None:
            return opened
    # a list or mapping left open further up ('tags: [AI, data,'): YAML reads on and fails lines later
    for at in range(min(index, len(lines)) - 2, -1, -1):
        found = _KEY_LINE.fullmatch(lines[at].lstrip(" "))
        value = found[3].strip() if found else ""
        if value[:1] in ("[", "{") and ("]}"[value[0] == "{"] not in value and "," in value
                                         or value[0] == "[" and re.search(r"[\[,]\s*#", value)
                                         or _without_comment(value) in ("[", "{")) \
                and not _closed_below(lines, at):  # [a, #b] too, and '[' alone; not '[a,' closed by 'b]' below
            return _cut_below(lines, at, found[1]) or _explained_line(lines, at, first_line)
        if value[:1] == "[" and "]" not in value and (over := _over_lines(lines, at)) and over[0] >= index - 1 \
                and _brackets_paired(over[1]):  # 'tags: [a,' then '  b,' and '  c]]'
            return _explained_line(lines, at, first_line)
    return None


def _open_item(lines: list[str], at: int) -> Advice | None:
    """A '- ' item, line ``at`` (from 0), that opens a list or mapping and never closes it ('  - [AI' under 'tags:'),
    which YAML reads on past to fail at a line below: the item as the name it holds ('  - AI'; a list in a '- ' item
    would be a nested list), or, with more than one, each on a line of its own (no one line to write)."""
    item = re.fullmatch(r"( *- +)([\[{])(.*)", _without_comment(lines[at]).rstrip())
    if item is None or "]}"[item[2] == "{"] in item[3] or _closed_below(lines, at):
        return None
    names = [_as_item(name.strip()) for name in item[3].split(",") if name.strip()]
    if not names:
        return None
    said = ("starts a list with '[' that is never closed" if item[2] == "[" else
            "starts with '{', which YAML reads as a mapping, never closed")
    if len(names) > 1:
        return at, _keys_at(lines, at), (f"{said}; write each name on a '- ' line of its own: "
                                         f"{', '.join('- ' + name for name in names)}"), None
    return at, _keys_at(lines, at), f"{said}; write the name alone: - {names[0]}", f"{item[1]}{names[0]}"


def _tab_indented(lines: list[str], at: int, first_line: int) -> Advice:
    """A line indented with a tab: a key under a line that opens nothing ('summary: x' above '\ttags: [a]', or the
    first line) is a top-level one, whose tab goes (told to indent with spaces, it was then told the line above
    opens nothing); under one that does ('source:' above '\tname: Reuters'), the tab is as many spaces as the lines
    beside it are indented with, or two; under a line indented with spaces that opens nothing, as many as it. The
    line so written may have a slip of its own ('\ttags: [a, b'), said with the tab. ``first_line``: the file line of
    ``lines[0]``."""
    line = lines[at].lstrip(" \t")
    above_at = next((i for i in range(at - 1, -1, -1) if lines[i].strip() and not lines[i].lstrip().startswith("#")),
                    -1)
    above = lines[above_at] if above_at >= 0 else ""
    unclear: Advice = (at, "", "is indented with a tab, which YAML does not take; indent with spaces instead", None)
    if above.lstrip(" ")[:1] == "\t":  # under a tabbed line: the lines' depths are the editor's to say
        return unclear
    opens = _OPENS.fullmatch(_uncommented(above)) is not None
    if not _indent(above) and not opens:
        if _KEY_LINE.fullmatch(line) is None:
            return unclear
        indent, why = "", "and the line above opens no list or mapping; remove the tab"
    elif opens and not (line.startswith("- ") and above.lstrip(" ").startswith("- ")):
        beside = next((_indent(lines[i]) for i in range(at + 1, len(lines))
                       if lines[i].strip(" \t")[:1] not in ("", "#") and "\t" not in _blank_start(lines[i])), "")
        indent = beside if len(beside) > len(_indent(above)) else _indent(above) + "  "
        why = f"which YAML does not take; indent it with {len(indent)} spaces"
        if above.lstrip(" ").startswith("-") and _KEY_LINE.fullmatch(line) is None:
            return unclear
    else:  # level with the line above: '  url: b' under '  name: A', '- b' under '  - a'
        indent = _indent(above)
        why = "which YAML does not take; " + (f"indent it with {len(indent)} spaces, as the line above" if indent
                                              else "remove it, as the line above is not indented")
    rows = [*lines[:at], indent + line, *lines[at + 1:]]
    field = _keys_at(rows, at)
    right = indent + line
    if _syntax_error("\n".join(rows)) is not None and (also := _explained_line(rows, at, first_line)) is not None \
            and also[0] == at and also[3] is not None:  # '\ttags: [a, b': the list closed too
        return at, field, f"is indented with a tab, {why}; and it {also[2]}", also[3]
    return at, field, f"is indented with a tab, {why}: {line}", right


def _blank_start(line: str) -> str:
    """The spaces and tabs ``line`` starts with."""
    return line[:len(line) - len(line.lstrip(" \t"))]


def _cut_below(lines: list[str], at: int, key: str) -> Advice | None:
    """For a list that line ``at`` (from 0) opens with '[' and YAML reads never closed: a name starting with '#' on a
    line below that took the list's ']' into its comment ('  #Pilkada2026, pemilu]'), as ``names_cut_by_comment``
    says it, rather than the list's line, whose fix would drop the names below."""
    below = lines[at + 1] if at + 1 < len(lines) else ""  # or a '#' name that took the ']' right below ('  #c]')
    cut = _name_cut(lines, at + 1, key) if lines[at].rstrip().endswith(",") or "[" == lines[at].rstrip()[-1:] \
        or re.match(r"\s*#[^\s\]][^\]]*\]", below) else None
    if cut is None or not cut[2] or cut[0] - 1 <= at:
        return None
    owner = _owner(lines, at, len(_indent(lines[at])))
    parent = f"{m[1]}." if (m := _KEY_LINE.fullmatch(owner.lstrip(" "))) else ""
    return cut[0] - 1, parent + key, cut[1], cut[3]


_KEY_START = LazyPattern(r"[A-Za-z_][\w.-]*:(?:\s|$)")


def _unclosed_quote(text: str, error: yaml.MarkedYAMLError) -> int | None:
    """The line (from 0) of a quoted value that was never closed, as PyYAML's reading shows it: the quote it was
    still reading at the end ('summary: "Teks' to the end of the front matter), or a quoted value that ran over
    lines that start with a key, up to the next field's quote ('title: "Judul' closed by 'summary: "Ringkasan"');
    None for any other error, or a quoted value that goes on over indented lines as YAML allows."""
    if error.context == "while scanning a quoted scalar" and error.context_mark is not None:
        return int(error.context_mark.line)
    found, rows = None, text.split("\n")
    try:
        for token in yaml.scan(text, Loader=_ScanLoader):
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") and \
                    token.end_mark.line > token.start_mark.line:
                item = _QUOTED_ITEM.fullmatch(rows[token.start_mark.line]) or _open_in_list(  # '  - "Alibaba' over
                    rows[token.start_mark.line])  # '  - Alibaba Cloud'; '  aliases: ["Alphabet' over '  url: "https'
                depth = len(_indent(rows[token.start_mark.line]))  # '  url: "https' under '  name: "Kompas' too
                if any(_KEY_START.match(line.lstrip(" ")) and len(_indent(line)) <= depth or item and
                       _ITEM_OR_KEY.match(line) for line in text[token.start_mark.index:token.end_mark.index].split("\n")[1:]):
                    found = int(token.start_mark.line)
    except yaml.YAMLError:
        pass
    return found


def _open_in_list(line: str) -> bool:
    """Whether ``line`` is a key whose value, a list in brackets, has an item whose quote is never closed
    (``_open_quote``): 'tags: ["investasi, data]', '  aliases: ["Alphabet, Google LLC]'."""
    found = _KEY_LINE.fullmatch(line.lstrip(" "))
    return found is not None and found[3].strip()[:1] == "[" and _open_quote(_without_comment(found[3].strip())) \
        is not None


def _without_colon(text: str, error: yaml.MarkedYAMLError) -> int | None:
    """The line (from 0) that has no ':' after its key, as PyYAML's reading shows it: the simple key it was still
    waiting for a ':' after when the line ended ('  url https://z.com/'), or, at the top of the file, the text that ran
    on into the next key's line ('hello' above 'title: X'). PyYAML reports either where it noticed, a line further
    down (a line that may not exist). None for any other error. Lines are counted at '\n' only, as ``line_of``
    counts them (PyYAML's marks count U+0085, U+2028 and U+2029 too)."""
    if error.context == "while scanning a simple key" and error.context_mark is not None:
        at = text.count("\n", 0, error.context_mark.index)
        line = _uncommented(text.split("\n")[at])  # a comment may have ': ' ('# home page: the site')
        return None if re.search(r":(?:\s|$)", line) else at  # a key over 1024 characters, ':' and all
    # ('  name Reuters  # its name' first under 'reuters:': the comment ends the text, so the key on the next line
    # starts a mapping of its own, which PyYAML reports as "did not find expected key" where it starts)
    # ('title Hello  # c' on the first line, or with a comment line below: the text ends there, a document of its
    # own, and the next key's line is "expected '<document start>'")
    if not ((error.problem or "").startswith(("mapping values are not allowed", "expected '<document start>'",
                                             "did not find expected <document start>"))
            or error.context == "while parsing a block mapping") or error.problem_mark is None:
        return None
    tokens: list[yaml.Token] = []
    try:
        for token in yaml.scan(text, Loader=_ScanLoader):
            if token.start_mark.index >= error.problem_mark.index:
                break
            tokens.append(token)
    except yaml.YAMLError:
        pass
    if len(tokens) < 2 or not isinstance(tokens[-1], yaml.ScalarToken) or not tokens[-1].plain:
        return None
    start = tokens[-1].start_mark.index
    at = text.count("\n", 0, start)
    noticed = text.count("\n", 0, error.problem_mark.index)
    begins_line = not text[text.rfind("\n", 0, start) + 1:start].strip(" ")
    if isinstance(tokens[-2], (yaml.StreamStartToken, yaml.DocumentStartToken)):
        return at if at < noticed and begins_line else None
    # the first key of a block under 'google:' ('  name "Google"'), on a line of its own below its parent's key
    # (text after 'key:' on the key's own line that ran on into the next: the ': ' there may be the slip)
    below = isinstance(tokens[-2], yaml.ValueToken) and text.count("\n", 0, tokens[-2].start_mark.index) < at
    return at if below and at < noticed and begins_line else None


def _no_colon(lines: list[str], at: int, first_line: int) -> Advice:
    """``_explained`` for line ``at`` (from 0), which has no ':' after its key (``_without_colon``); ``first_line``:
    the file line of ``lines[0]``."""
    line = lines[at] if at < len(lines) else ""
    indent = len(line) - len(line.lstrip(" "))
    parent = f"{m[1]}." if (m := _KEY_LINE.fullmatch(_owner(lines, at, indent).lstrip(" "))) else ""
    above = next((lines[i] for i in range(at - 1, -1, -1) if lines[i].strip()), "")
    found = re.fullmatch(r"([a-z_][\w-]*)[ \t]+([^\s:#].*)", line.strip())  # 'url https://z.com/'
    if above.startswith(" " * indent + "- ") and not (found and not indent):  # '  b' under '  - a': no '-'
        return _dashless(line, at)  # ('summary x' after a list at column 0: a key)
    if found:
        value = _without_comment(found[2], meant=True).rstrip()  # a note stays where it is; '#1' is text
        if (braced := _braced_list(lines, at, found[1], value, first_line)) is not None:
            return at, parent + found[1], f"has no ':' after the key, and {braced[0]}", " " * indent + braced[1]
        right: str | None = f"{found[1]}: {value}"
        if value[:1] not in ("[", "{") or not _closed_below([*lines[:at], " " * indent + right, *lines[at + 1:]], at):
            right = f"{found[1]}: {_as_value(value, found[1])}"  # (a list over lines, 'tags [a,' then '  b]': as is)
        fix = f"has no ':' after the key; write {right}"
        last, below = _items_below(lines, at) if value[:1] == "[" and "]" not in value else (at, [])
        if below and not _closed_below([*lines[:at], " " * indent + right, *lines[at + 1:]], at):  # 'tags [a,' then
            value = re.split(r"(?<=[\s\[,])#(?:\s|$)", value, maxsplit=1)[0].rstrip()  # '[a, # note': its note left out
            right = f"{found[1]}: {value.rstrip(', ')}{', ' if value.rstrip(', ') != '[' else ''}{', '.join(below)}]"
            fix = (f"has no ':' after the key, and its list is never closed; write it on one line, in place of lines "
                   f"{first_line + at} to {first_line + last}: {right}")  # '  b, c': every item kept
            right += "\n" * (last - at)
        last, below = _items_below(lines, at, False) if value[:1] == "{" and "}" not in value else (at, [])
        if below and not _closed_below([*lines[:at], " " * indent + right, *lines[at + 1:]], at):  # 'source {a: b,'
            pairs = [*(pair.strip() for pair in value[1:].split(",") if pair.strip()), *below]  # then '  c: d'
            listed = found[1] in _LIST_KEYS  # 'tags {a: 1,': the list the names were meant as, as with its ':'
            right = f"{found[1]}: " + (f"[{', '.join(_as_item(pair) for pair in pairs)}]" if listed
                                       else f"{{{', '.join(pairs)}}}")
            fix = ("has no ':' after the key, and " + ("starts with '{', which YAML reads as a mapping, never closed; "
                                                          "write it on one line in brackets" if listed else
                                                          "its mapping is never closed; write it on one line") +
                   f", in place of lines {first_line + at} to {first_line + last}: {right}")
            right += "\n" * (last - at)
        if indent and above == _owner(lines, at, indent) and _uncommented(above).endswith(":"):  # under 'key:'
            fix += f"; or, if it is the text of '{parent.rstrip('.')}:', put that text in double quotes on its line"
            right = None  # a choice
        return at, parent + found[1], fix, right and " " * indent + right
    if alias := re.fullmatch(r"\*([0-9A-Za-z_-]+)", _uncommented(line)):  # '*a' alone among the keys: read past
        return at, "", _alias_alone(alias[0]), ""
    return at, "", (f"'{line.strip()}' has no ':', so YAML cannot read it as a field; write it as 'key: value', "
                    "or delete the line"), None


def _braced_list(lines: list[str], at: int, key: str, value: str, first_line: int) -> tuple[str, str] | None:
    """For line ``at`` (from 0), whose key ``key``, a list's, has no ':', and whose ``value`` starts with '{' (closed
    on its line, below, or never: 'tags {a, b}', 'tags {a,' then '  b}'): what is wrong with the braces, and the line
    to write, the list in brackets (a '\\n' for each line below it takes the place of). With its ':' alone it would
    be a mapping, or in quotes a text: "must be a list" either way. ``first_line``: the file line of ``lines[0]``.
    None for any other line."""
    if key not in _LIST_KEYS or value[:1] != "{":
        return None
    rows = [*lines[:at], f"{key}: {value}", *lines[at + 1:]]
    close = next(iter(_flow_closes("\n".join(rows)).get(at, [])), None)
    if close is None:  # never closed ('tags {a,' then '  b'): as said of it with its ':'
        own = _explained_line(rows, at, first_line)
        return None if own is None or own[0] != at or own[3] is None else (f"it {own[2]}", own[3].lstrip(" "))
    written = " ".join([value, *(_without_comment(row.strip()) for row in lines[at + 1:close + 1])])
    names = [name.strip() for name in written[1:].rpartition("}")[0].split(",") if name.strip()]
    right = f"{key}: [{', '.join(_as_item(name) for name in names)}]"
    how = f"it on one line in brackets, in place of lines {first_line + at} to {first_line + close}" if close > at \
        else "the list in brackets"
    return f"it starts with '{{', which YAML reads as a mapping; write {how}: {right}", right + "\n" * (close - at)


def _alias_alone(name: str) -> str:
    """What is said of an alias that starts its line, alone or as a key ('*a', '*a: b'): read past, with its line."""
    return (f"'{name}' is a YAML alias at the start of its line; aliases are not allowed: write the value out, with "
            "its key, or delete the line")


def _dashless(line: str, at: int) -> Advice:
    """Line ``at`` (from 0), ``line``, under a list's item and level with it but with no '-' ('  b', '  @openai'
    under '  - a'), written as an item."""
    right = f"{_indent(line)}- {_as_block_item(line.strip())}"
    return at, "", f"{quoted(line.strip())} has no '-' before it to be an item of the list above: write {quoted(right)}", \
        right


def _uncommented(line: str) -> str:
    """``line`` without its comment and the spaces around it: 'reuters:  # id = the URL' → 'reuters:'."""
    return re.sub(r"(?:^|\s)#.*", "", line).strip()


def _as_value(text: str, key: str) -> str:
    """``text`` as a YAML value to write after '``key``: ': as it is when YAML reads it as the same text, else in
    double quotes ('@redaksi', '*Penting*', '"Meta" akuisisi' need them); a list never closed, closed; a list as
    it is for a key whose value is a list ('tags [a, b]': in quotes it would be "must be a list")."""
    if _plain(text):
        return text
    if key in _LIST_KEYS and text.startswith("[") and _is_list(text):
        return text
    if len(text) > 1 and text[0] in "'\"" and text[-1] == text[0] and text[0] not in re.sub(
            r"''" if text[0] == "'" else r"\\.", "", text[1:-1]):
        return text  # in quotes already: '"Google"', '"a\"b"', "'it''s'"
    if text.startswith("[") and "]" not in text:  # a list never closed: '[a, b'
        return text + "]"
    return double_quoted(text)


def _and(words: list[str]) -> str:
    """``words`` as a sentence lists them: "'@a'", "'@a' and '@b'", "'@a', '@b' and '%c'"."""
    return " and ".join([", ".join(words[:-1]), words[-1]] if len(words) > 1 else words)


def _plain(text: str) -> bool:
    """Whether YAML reads ``text`` written plainly as that text, as the simple reader takes it (``_PLAIN_START``)."""
    return bool(text) and text[0] not in _PLAIN_START and ": " not in text and " #" not in text \
        and not text.endswith(":")


def _without_comment(value: str, meant: bool = False) -> str:
    """A value as written after 'key: ', without the comment after it: '[a.com]  # other hosts' → '[a.com]',
    'https://r.com/ # home page: linked' → 'https://r.com/'. A ' #' is a comment after a plain value, and after a
    quoted value or a list or mapping only once it is closed (a '#' inside quotes or brackets stays: '[a, #b]'; what
    follows the close stays too: '[Breaking] news  # c' → '[Breaking] news'). ``meant``: the value the editor meant,
    for a line to write with it in double quotes: a ' #' with no space after it is text, as ``cut_by_comment`` reads
    it ('Pasar AI: naik #1'), and only a note ('# cek', '#' alone) is left out."""
    opened = value[:1]
    for found in re.finditer(r"\s#(?=\s|$)" if meant else r"\s#", value):
        before = value[:found.start()].rstrip()
        if opened in ("'", '"'):  # "a\" # b" is open: an escaped quote ('\"') closes nothing
            closed = (re.sub(r"\\.", "", before) if opened == '"' else before).count(opened) % 2 == 0 or \
                len(before) > 1 and before.endswith(opened) and opened not in value[found.end():]  # "'it's' # n"
        elif opened in ("[", "{"):
            closed = before.count("[") + before.count("{") == before.count("]") + before.count("}")
        else:
            closed = True
        if closed:
            return before
    return value


class _ReadBackLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """``_SafeLoader``, but a date no calendar has ('2024-02-30', '2025-13-45', an offset of +25:00) is text, as the
    build reads every date (``_Resolver``), not a ValueError out of PyYAML's timestamp."""


def _timestamp_or_text(loader: Any, node: yaml.ScalarNode) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError:
        return loader.construct_scalar(node)


_ReadBackLoader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)


def _read_back(text: str) -> Any:
    """``text`` read by PyYAML's parser of the build (``_Parser``): a line an advice gives to write must be one the
    build reads ('tags: [a?b, "@c"]', which the pure-Python parser refuses)."""
    return yaml.load(text, Loader=_ReadBackLoader)


def _is_list(text: str) -> bool:
    """Whether YAML reads ``text`` as a list: '[a, b]', not '[a] b' or '[a, b'."""
    try:
        return isinstance(_read_back(text), list)
    except yaml.YAMLError:
        return False


def _owner(lines: list[str], at: int, indent: int) -> str:
    """The line that line ``at`` (from 0), indented by ``indent``, is under: the nearest one above indented less;
    '' at the top level."""
    return next((lines[i] for i in range(at - 1, -1, -1)
                 if lines[i].strip() and len(lines[i]) - len(lines[i].lstrip(" ")) < indent), "") if indent else ""


def _closed_below(lines: list[str], at: int) -> bool:
    """Whether the list or mapping that line ``at`` (from 0) opens with '[' or '{' after its key is closed, as YAML
    reads it, on a line below: 'tags: [AI,' then '  data]', also past the line of an error inside it or after it.
    When YAML stopped before the line (a slip above: 'tags:[AI,' above 'companies: [a,' then '  b]'), as YAML reads
    the text from that line on."""
    if at in (closes := _flow_closes("\n".join(lines))):
        return (closes[at][0] or 0) > at
    return (_flow_closes("\n".join([lines[at].lstrip(" "), *lines[at + 1:]])).get(0, [None])[0] or 0) > 0


def _in_flow(lines: list[str], at: int) -> bool:
    """Whether line ``at`` (from 0) is inside a list or mapping that a line above opens with '[' or '{' and YAML
    reads closed on it or below: '  url: "https://x.com/"}' under 'source: {', not a 'key: value' of its own."""
    return any(start < at <= (close if close is not None else -1)
               for start, closes in _flow_closes("\n".join(lines)).items() for close in closes)


@lru_cache(maxsize=4)
def _flow_closes(text: str) -> dict[int, list[int | None]]:
    """For each line (from 0) of ``text`` where YAML reads lists or mappings open with '[' or '{': the lines they
    are closed on, in the order they open, None for one not closed before the end or PyYAML's first error. One
    reading of the text for all its lines (``_explained`` asks of every line up from an error)."""
    breaks = [found.start() for found in _NEWLINE.finditer(text)]
    opened: list[tuple[int, int]] = []
    closes: dict[int, list[int | None]] = {}
    try:
        for token in yaml.scan(text, Loader=_ScanLoader):
            line = bisect.bisect_left(breaks, token.start_mark.index)
            if isinstance(token, (yaml.FlowSequenceStartToken, yaml.FlowMappingStartToken)):
                opened.append((line, len(closes.setdefault(line, []))))
                closes[line].append(None)
            elif opened and isinstance(token, (yaml.FlowSequenceEndToken, yaml.FlowMappingEndToken)):
                start, which = opened.pop()
                closes[start][which] = line
    except yaml.YAMLError:
        pass
    return closes


_ESCAPE = LazyPattern(r'\\(?:[0abtnvfre "/\\N_LP\t]|x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})|(\\)|"')
"""In a double-quoted value: an escape YAML reads, a backslash that starts none (the group: text, 'C:\\Users'), or a
quote."""


def _quoted_text(value: str, quote: str) -> str:
    """The text meant by a value that starts with ``quote`` and has more of them inside: between the first and the
    last when it ends with one ('"Meta "besar" beli"'), unless the first inside closes a quoted word ('"Meta" vs
    "Google"'); the whole value when its quotes pair up ('"a" b': they are text); after the first when one is left
    over (a closing quote forgotten: '"Meta "AI" deal')."""
    pairs = value.count(quote) % 2 == 0
    if value.endswith(quote):  # unless the first inside closes a quoted word ('"Meta" vs "Google"': all text)
        lone = re.search(r'(?<![\\"])"(?!")' if quote == '"' else r"(?<!')'(?!')", value[1:-1])
        closes = lone is not None and lone.start() > 0 and value[lone.start()] != " " and value[lone.end() + 1] == " "
        return value if pairs and closes else value[1:-1]
    return value if pairs else value[1:]


def _indent(line: str) -> str:
    """The spaces ``line`` starts with."""
    return line[:len(line) - len(line.lstrip(" "))]


_OPENED_WITHOUT_COLON = LazyPattern(r"[A-Za-z_][\w-]*[ \t]+(?:\[[^\]]*|\{[^}]*)")
"""A key with no ':' whose list or mapping is left open on its line ('tags [a,', 'source {name: a,'): the lines
indented under it are its items (``_no_colon``)."""


def _explained_line(lines: list[str], at: int, first_line: int) -> Advice | None:
    """``_explained`` for one line, ``at`` (from 0). A note after its value ('title: @lama  # cek') stays a note,
    after the line to write, as ``cut_by_comment`` keeps it: followed, the advice loses nothing the editor wrote."""
    advice = _explained_value(lines, at, first_line)
    found = _KEY_LINE.fullmatch(lines[at].lstrip(" "))
    if advice is None or advice[3] is None or advice[0] != at or found is None:
        return advice
    value = found[3].strip()
    note = value[len(_without_comment(value, meant=True)):]
    right = advice[3].rstrip("\n")
    if not note or right.endswith(note) or not advice[2].endswith(right.lstrip(" ")):
        return advice
    return at, advice[1], advice[2] + note, right + note + advice[3][len(right):]


def _explained_value(lines: list[str], at: int, first_line: int) -> Advice | None:
    """``_explained_line``, a note after the value left out of the line to write."""
    line = lines[at]
    found = _KEY_LINE.fullmatch(line.lstrip(" "))
    if found is None or _in_flow(lines, at):  # a line of a list or mapping over lines: not on its own
        return None
    indent = len(line) - len(line.lstrip(" "))
    above = next((lines[i] for i in range(at - 1, -1, -1) if lines[i].strip()), "")
    if indent and above[:1] not in ("", " ") and _OPENED_WITHOUT_COLON.fullmatch(_uncommented(above)):
        return _no_colon(lines, max(i for i in range(at) if lines[i].strip()), first_line)  # 'tags {a: 1,' above it
    if indent and (not above or len(above) - len(above.lstrip(" ")) == 0 and not _OPENS.fullmatch(_uncommented(above))):
        if re.fullmatch(r"[A-Za-z_][\w-]*", key := _uncommented(above)):  # 'source' above '  name: CNBC'
            where = max(i for i in range(at) if lines[i].strip())                # (its ':' left out)
            return where, key, f"has no ':' after the key; write {key}:", f"{key}:"
        if (value_above := _KEY_LINE.fullmatch(above)) and value_above[3].strip() and \
                _syntax_error(f"{above}\n{line}") is None:  # the text above, on ('summary: Panjang', '  lanjut:lagi')
            return None
        return at, "", (f"'{line.strip()}' is indented, but the line above opens no list or mapping; start it at "
                        "the beginning of the line"), line.lstrip(" ")
    depth = len(_indent(above))
    if 0 < depth < indent and (value_above := _KEY_LINE.fullmatch(above.lstrip(" "))) and \
            _uncommented(value_above[3]) and not _OPENS.fullmatch(_uncommented(above)) and not _in_flow(lines, at - 1) and \
            _syntax_error(f"{above[depth:]}\n{line[depth:]}") is not None:  # '   url: x' under '  name: Reuters'
        right = above[:depth] + line.lstrip(" ")
        return at, _keys_at([*lines[:at], right], at), (
            f"'{line.strip()}' is indented more than the line above, which opens no list or mapping; indent it with "
            f"{depth} spaces, as the line above: {line.strip()}"), right
    owner = _owner(lines, at, indent)
    if _BLOCK_TEXT.fullmatch(owner.rpartition(":")[2].strip() or "-"):
        return None  # a line of a block text ('summary: >'): text, not a key
    parent = f"{m[1]}." if (m := _KEY_LINE.fullmatch(owner.lstrip(" "))) else ""
    key, space, value = found[1], found[2], _without_comment(found[3].strip())
    field, shown, indented = parent + key, key, line[:indent]
    if not value:
        return None
    if not space and not value.startswith("/"):  # 'title:Meta'; not 'https://...'
        return at, field, f"needs a space after the colon: {shown}: {value}", f"{indented}{shown}: {value}"
    if _syntax_error(line.lstrip(" ")) is None:  # YAML reads it on its own: 'title: "a \"b\""', "name: 'it''s'"
        return None
    # a note after the value ('# c') is left out of the line to write, as YAML reads it: inside an open '[' or '{'
    # too ('title: [  # c' is '[', not "[  # c"); a '#1' is text the editor meant ('Pasar AI: naik #1')
    meant = _without_comment(found[3].strip(), meant=True)
    quoted = double_quoted(re.split(r"\s+#(?:\s|$)", meant, maxsplit=1)[0] if value[:1] in "[{" else meant)
    last, more = _text_below(lines, at) if value[:1] in "\"'" and value == found[3].strip() else (at, [])
    ended = _without_comment(more[-1]) if more else ""  # the last line's '#1' is text after the closing quote,
    after = more[-1][len(ended):] if more and more[-1].startswith(ended) else ""  # as on one line ('"a" "b" #1')
    if more and (requoted := _requoted(" ".join([value, *more[:-1], ended]), after)) is not None:  # '"Induk "WA"'
        right = f"{shown}: {requoted[1]}"
        return at, field, (f"{requoted[0]}; write it on one line, in place of lines {first_line + at} to "
                           f"{first_line + last}: {right}"), indented + right + "\n" * (last - at)
    if (requoted := _requoted(value, meant[len(value):] if meant.startswith(value) else "")) is not None:
        right = f"{shown}: {requoted[1]}"  # "'a' \"b\" #1": its '#1' kept, as text after the quotes
        return at, field, f"{requoted[0]}; write it as {right}", indented + right
    close = "]}"[value[0] == "{"] if value[0] in "[{" else ""
    if close == "]" and key in _LIST_KEYS and "]" not in value and (over := _over_lines(lines, at)) is not None \
            and (paired := _brackets_paired(over[1])) is not None:  # 'tags: [data,' then '  startup]]'
        fixed = f"{shown}: {_as_items(paired[:-1])}]"
        return at, field, (f"has {_too_many(over[1].count('[') - over[1].count(']'))}; write it on one line, in "
                           f"place of lines {first_line + at} to {first_line + over[0]}: {fixed}"), \
            indented + fixed + "\n" * (over[0] - at)
    if close and _closed_below(lines, at):  # a list over lines ('aliases: [a, b,' then '  c]'): no slip
        return None
    if close == "]" and re.search(r"[\[,]\s*#" + ("" if "]" in value else r"(?!\s)"), value):  # 'tags: [pemilu,
        # #Pilkada2026]': a comment from '#' on; '[a, # note' is a note, and the list's items may go on below it
        extra = value.count("[") - value.count("]")  # '[data, #ai]]', '[[data, #ai]': a bracket doubled too
        paired = value[extra:] if extra > 0 and value.startswith("[" * (extra + 1)) else \
            value[:extra] if extra < 0 and value.endswith("]" * (1 - extra)) else value
        names = [n.strip() for n in paired[1:].rsplit("]", 1)[0].split(",") if n.strip()]
        fixed = _as_items("[" + ", ".join(names)) + "]"
        also = f", and it has {_too_many(extra)}" if paired != value else ""
        return at, field, (f"'{next(n for n in names if n.startswith('#'))}' starts a YAML comment, so the list is "
                           f"never closed{also}; put a name that starts with '#' in double quotes: {shown}: {fixed}"), \
            f"{indented}{shown}: {fixed}"
    if close == "]" and value.endswith("]") and (
            reserved := re.findall(rf"[\[,]\s*([{_NO_ITEM_START}][^,\]]*)", value)):  # '[a, @b]', '[a, %b]'
        extra = value.count("[") - value.count("]")  # '[data, @openai]]': a bracket doubled too
        paired = value[extra:] if extra > 0 and value.startswith("[" * (extra + 1)) else \
            value[:extra] if extra < 0 and value.endswith("]" * (1 - extra)) else value
        fixed = _as_items(paired[:-1]) + "]"
        if _is_list(fixed):  # every such name in one message: '[@a, @b]' names both
            also = f", and the list has {_too_many(extra)}" if paired != value else ""
            names = [name.strip() for name in reserved]
            said, starts = (_and([f"'{text}'" for text in texts]) for texts in (names, dict.fromkeys(n[0] for n in names)))
            return at, field, (f"{said} {'start' if len(names) > 1 else 'starts'} with {starts}, which cannot start a name in "
                               f"YAML{also}; put {'them' if len(names) > 1 else 'it'} in double quotes: {shown}: "
                               f"{fixed}"), f"{indented}{shown}: {fixed}"
    if close == "]" and key in _LIST_KEYS and (paired := _brackets_paired(value)) is not None:  # 'tags: [data]]'
        fixed = _as_items(paired[:-1]) + "]"  # '[data, AI: generatif]]': '"AI: generatif"', or a mapping in the list
        return at, field, f"has {_too_many(value.count('[') - value.count(']'))}; write {shown}: {fixed}", \
            f"{indented}{shown}: {fixed}"
    if close and close not in value and ("," in value or key in _LIST_KEYS):  # 'tags: [AI, data', 'tags: [AI
        what = "list" if close == "]" else "mapping"
        items = value if value.count('"') % 2 else re.split(r"(?<=[\s\[,])#", value, maxsplit=1)[0]  # a comment's ']'
        items = items.rstrip(", ")
        wrong = items[-1:] if items[-1:] in set("]})") - {close} and items.count(
            "[{("["]})".index(items[-1])]) < items.count(items[-1]) else ""  # '[Meta, Scale AI}': not '[Meta (FB)'
        items = items[:len(items) - len(wrong)].rstrip(", ")
        items += '"' if items.count('"') % 2 else ""  # '["AI': the quote closed too
        last, below = _items_below(lines, at)
        listed = key in _LIST_KEYS  # text in quotes would be "must be a list"; '{' a mapping, which is that too
        opened, shut = (_as_items("[" + items[1:].lstrip()), "]") if listed else (items, close)
        fixed = f"{shown}: {opened}{', ' if below and items != value[0] else ''}{', '.join(below)}{shut}"
        mapping = listed and close == "}"  # 'companies: {Meta, Scale AI': the list the names were meant as
        said = ("starts with '{', which YAML reads as a mapping" if mapping
                else f"starts a {what} with '{value[0]}' that is never closed"
                + (f" ('{wrong}' is not its closing bracket)" if wrong else ""))
        if below:  # 'tags: [AI,' then '  data, startup': written on one line, the items below are kept
            return at, field, (f"{said}; write it on one line{' in brackets' if mapping else ''}, in place of lines "
                               f"{first_line + at} to {first_line + last}: {fixed}"), indented + fixed + "\n" * (last - at)
        if listed:
            return at, field, f"{said}; write {'the list in brackets: ' if mapping else ''}{fixed}", indented + fixed
        return at, field, (f"starts a {what} with '{value[0]}' that is never closed; write {fixed} for a {what}, or "
                           f"put text in double quotes: {shown}: {quoted}"), None
    if close and not value.endswith(close):
        why = f"starts with '{value[0]}', which YAML reads as a {'list' if value[0] == '[' else 'mapping'}"
    elif value[0] in _CANNOT_START and not _BLOCK_TEXT.fullmatch(value):
        why = f"'{value[0]}' cannot start a value in YAML"
    elif value[0] not in "\"'[{" and ": " in value:
        why = "has ': ' in it, which YAML reads as the start of another key"
    else:
        return None
    last, more = _text_below(lines, at) if meant == found[3].strip() else (at, [])  # a note ends the value
    if not more:
        return at, field, f"{why}; put the whole value in double quotes: {shown}: {quoted}", f"{indented}{shown}: {quoted}"
    right = f"{shown}: {double_quoted(' '.join([meant, *more]))}"  # 'summary: Kami: redaksi' over '  dan tim'
    return at, field, (f"{why}; put the whole value in double quotes, on one line, in place of lines {first_line + at} "
                       f"to {first_line + last}: {right}"), indented + right + "\n" * (last - at)


def _requoted(value: str, after: str = "") -> tuple[str, str] | None:
    """For a value that starts with a quote and has more of them inside ('"Meta "AI" deal', "'it's'"), what is
    wrong and the value written so that YAML reads it as the text meant (``_quoted_text``); None for any other.
    ``after``: what the editor wrote after it that YAML reads as a comment, but is text ('"a" "b" #1')."""
    if value[0] == '"' and '"' in value[1:-1]:
        inner = _quoted_text(value, '"') + after
        if "\\" in inner:  # escapes the editor wrote (\"all in\", \t) mean what they say in double quotes only;
            fix = '"' + _ESCAPE.sub(lambda m: "\\\\" if m[1] else '\\"' if m[0] == '"' else m[0], inner) + '"'  # others
        else:  # are text ('C:\Users', a last '\')
            fix = f"'{inner}'" if "'" not in inner else '"' + inner.replace('"', '\\"') + '"'
        return "has double quotes inside double quotes", fix
    if value[0] == "'" and "'" in value[1:-1]:
        inner = _quoted_text(value, "'")  # "''" is one quote in single quotes, but text where they are ("'a''b' c")
        return "has a ' inside single quotes", double_quoted((inner if inner == value else inner.replace("''", "'"))
                                                             + after)
    return None


def _text_below(lines: list[str], at: int) -> tuple[int, list[str]]:
    """The last line (from 0) and the text of the lines that go on the plain value of line ``at`` ('key: value'),
    indented more than its key, as YAML reads a value over lines ('  dan tim' under 'summary: Kami: redaksi');
    (``at``, []) when none does. A key or a list's item indented more is no text but one indented wrong ('   url:
    https://r.com/' under '  name: Reuters: Berita'), and a comment or an empty line ends the value."""
    last, more = at, []
    for i in range(at + 1, len(lines)):
        row = lines[i].strip(" ")
        if not row or len(_indent(lines[i])) <= len(_indent(lines[at])) or row.startswith("#") or \
                _ITEM_OR_KEY.match(row + " ") or _KEY_START.match(row):
            break
        text = _without_comment(row, meant=True)
        last, more = i, [*more, text.strip()]
        if text != row:
            break
    return last, more


def _over_lines(lines: list[str], at: int) -> tuple[int, str] | None:
    """For line ``at`` (from 0), a key whose list in brackets goes on over the lines indented under it: the line
    (from 0) whose text ends with a ']', and the list written on one line ('[data, startup]]' from 'tags: [data,'
    and '  startup]]'), comments left out; None when no line under it ends so."""
    parts = [_without_comment(lines[at].lstrip(" ").partition(":")[2].strip())]
    for i in range(at + 1, len(lines)):
        row = _without_comment(lines[i].strip())
        if not row or row.startswith("#"):
            continue
        if len(_indent(lines[i])) <= len(_indent(lines[at])):
            return None
        parts.append(row)
        if row.endswith("]"):
            return i, " ".join(parts)
    return None


def _too_many(extra: int) -> str:
    """How many brackets a list has too many of, ``extra`` being its '[' less its ']': "one ']' too many"."""
    return f"{'one' if abs(extra) == 1 else abs(extra)} '{'[' if extra > 0 else ']'}' too many"


def _brackets_paired(value: str) -> str | None:
    """A list of names written with a '[' or ']' doubled at its start or end ('[data]]', '[[data]'), which YAML reads
    as a list in a list or not at all, with the brackets paired ('[data]'), a comment after it left out; None for any
    other value."""
    value = re.sub(r"\]\s+#.*", "]", value)  # '[[data]  # c': read as no comment while the list is open
    extra = value.count("[") - value.count("]")
    if not extra or "'" in value or '"' in value or not value.endswith("]"):
        return None
    fixed = value[extra:] if extra > 0 and value.startswith("[" * (extra + 1)) else \
        value[:extra] if extra < 0 and value.endswith("]" * (1 - extra)) else ""
    return fixed if fixed.count("[") == 1 and (_is_list(fixed) or _is_list(_as_items(fixed[:-1]) + "]")) else None


_ITEM_OR_KEY = LazyPattern(r"\s*(?:-\s|[A-Za-z_][\w.-]*:\s)")
_QUOTED_ITEM = LazyPattern(r"""( *-[ \t]+)(["'])((?:(?!\2).)*?)[ \t]*""")
"""A list item whose quote is never closed on its line: '  - "Meta', '  - "O'Reilly' (the other quote mark is text);
the lines YAML then reads into it are items or keys (``_ITEM_OR_KEY``)."""


def _open_quote(value: str) -> int | None:
    """Where in ``value``, a list in brackets ('[a, "b, c]'), a quote that starts an item is never closed on the line,
    so that YAML reads on, past the list's ']', to the next such quote in the file or its end; or is closed by the
    next item's quote ('["investasi, "AI", data]': YAML's item 'investasi, ', then 'AI"' out of place); None if
    none is."""
    at = 1
    while at < len(value):
        at += len(value[at:]) - len(value[at:].lstrip(" \t"))
        if value[at:at + 1] in ('"', "'"):
            quoted = re.match(r'"(?:[^"\\]|\\.)*"' if value[at] == '"' else r"'(?:[^']|'')*'", value[at:])
            if quoted is None or "," in quoted[0] and value[at + quoted.end():].lstrip(" \t")[:1] not in ",]#":
                return at
            at += quoted.end()
        comma = value.find(",", at)
        if comma < 0:
            return None
        at = comma + 1
    return None


def _items_below(lines: list[str], at: int, quote: bool = True) -> tuple[int, list[str]]:
    """The last line (from 0) and the items of the lines indented under line ``at``, which opens a list or mapping
    with '[' or '{' and leaves it open: what YAML reads as more of its items ('  data, startup' under 'tags: [AI,');
    (``at``, []) when none is. A line at the key's indent or less is no item when it is indented or has a ':' (the
    next key); one at the beginning of the line with no ':' is ('data, startup' under 'tags: [AI,'), and so is one
    indented under the key with a ': ' in it ('  AI: generatif, @openai'). A pasted bullet is no part of a name
    ('  - data', '  • data'). Each item as it is written in a list in brackets (``_as_item``: '"AI: generatif"'), or,
    not ``quote``, as it is (a mapping's 'b: c')."""
    last, items = at, []
    for i in range(at + 1, len(lines)):
        row = lines[i].strip()
        if not row or row.startswith("#"):
            continue
        if len(_indent(lines[i])) <= len(_indent(lines[at])) and (lines[i][:1] == " " or ":" in row):
            break
        last = i
        items += [_as_item(item) if quote else item for item in (_BULLET.sub("", item.strip()) for item in
                                                                 _without_comment(row).split(",")) if item]
    return last, items


def _as_item(text: str) -> str:
    """``text``, an item of a list in brackets, as YAML reads it back as that text: in double quotes when it has
    ': ' or ' #' in it or starts with what a plain value may not ('AI: generatif' and '@openai' need them; a quoted
    item is kept as it is, its quote closed when it is not: '"O'Reilly' → '"O'Reilly"')."""
    if text[:1] == '"' and not re.fullmatch(r'"(?:[^"\\]|\\.)*"', text):
        return text + "\\" * ((len(text) - len(text.rstrip("\\"))) % 2) + '"'  # '"C:\': its '\"' is no end
    if text[:1] == "'" and not re.fullmatch(r"'(?:[^']|'')*'", text):
        return text + "'"
    if not text or text[0] in "'\"" or _plain(text):
        return text
    return double_quoted(text)


def _as_block_item(written: str) -> str:
    """An item written after '- ' (its comment kept after it) as YAML reads it back as its text: '@openai' and
    '#Pilkada' in double quotes, "O'Reilly" as it is."""
    text = _without_comment(written, meant=True)
    return _as_item(text) + written[len(text):]


def _as_items(listed: str) -> str:
    """A list in brackets never closed ('[investasi, AI: generatif'), each of its items written as ``_as_item``
    writes it; as it is when none needs it."""
    parts = re.findall(r'\s*("(?:[^"\\]|\\.)*"?|\'(?:[^\']|\'\')*\'?|[^,]*)\s*(?:,|$)', listed[1:])
    items = [part.strip() for part in parts if part.strip()]
    if all(_as_item(item) == item for item in items):
        return listed
    return "[" + ", ".join(_as_item(item) for item in items)


_BULLET = LazyPattern(r"^[-*\u2022\u2023\u2043\u00b7\u25aa\u25e6]\s+")
"""A bullet pasted or typed before a list's item: '- ', '* ', '• ', '‣ ', '⁃ ', '· ', '▪ ', '◦ '."""


def _forbidden_character(text: str, first_line: int, error: yaml.reader.ReaderError) -> YamlError:
    """PyYAML's "unacceptable character #x009d ... position 78" as the line, the key and what to do."""
    code = error.character if isinstance(error.character, int) else ord(error.character or "\0")
    return forbidden_at(text, first_line, error.position, code)


_C1 = LazyPattern("[\x80-\x9f]")
"""C1 control characters, which text decoded in the wrong encoding brings ('â€¦' and U+0085 for '…'); YAML refuses
all but U+0085, which it reads as a line break (a title cut in two, or a syntax error a line off)."""


_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
"""Unicode's spaces but the ordinary one: YAML reads them as text, so one in an indent or after a key's ':' breaks
the structure ('title:' + U+00A0 + 'Meta' is no field); word processors and web pages put U+00A0 in pasted text."""
_STRUCTURE = LazyPattern(rf"[ \t{_SPACES}]*(?:-(?:[ \t{_SPACES}]+|$))*(?:[A-Za-z_][\w.-]*:(?:[ \t{_SPACES}]+|$))?")
"""A line's indent, item dashes and key: where YAML needs its own spaces."""
_OTHER_SPACE = LazyPattern(f"[{_SPACES}]")


def _other_spaces(text: str, first_line: int) -> YamlError | None:
    """The lines that have a space YAML does not read as one (``_SPACES``) in their indent, after an item's '-' or
    after a key's ':', each named as ``name_without_invisible`` names an invisible character; one inside a value's
    text ('Rp' + U+00A0 + '230') is text."""
    rows = text.split("\n")
    found: list[tuple[int, str, str]] = []
    for index, row in enumerate(rows):
        prefix = "" if row.isascii() else _STRUCTURE.match(row).group()  # type: ignore[union-attr]
        if (bad := _OTHER_SPACE.search(prefix)) is None or prefix.isspace():
            continue  # (only an indent: a line of text over lines, not a key or item)
        char = bad.group()
        before = prefix[:bad.start()].rstrip()[-1:]
        where = "after the ':'" if before == ":" else "after the '-'" if before == "-" else "in the indent"
        rows[index] = _OTHER_SPACE.sub(" ", prefix) + row[len(prefix):]
        found.append((index, where, f"U+{ord(char):04X} {unicodedata.name(char)}"))
    errors = [YamlError(first_line + index, f"has a {char} {where}, which YAML does not read as a space; delete it and "
                                            "type an ordinary space (text pasted from Word, Google Docs or a web page "
                                            "brings one)", _keys_at(rows, index)) for index, where, char in found]
    if not errors:
        return None
    errors[0].fixed = "\n".join(rows)  # each such space typed as a space: the rest of the file is read past them
    return _with(errors[0], errors[1:])


def forbidden_at(text: str, first_line: int, position: int, code: int) -> YamlError:
    """The error for a control character at ``position`` of ``text``: its line, its key, and what to do."""
    index = text.count("\n", 0, position)
    return YamlError(first_line + index, f"has the control character U+{code:04X}, which YAML does not allow; delete "
                                         "it (text copied from a page read in the wrong encoding often brings one: "
                                         "copy the text again, or retype it)", _keys_at(text.split("\n"), index))


def _keys_at(lines: list[str], index: int) -> str:
    """The keys line ``index`` (from 0) of ``lines`` is under, its own last: 'zz.description', as the registry
    names a company's fields."""
    line = lines[index] if index < len(lines) else ""
    key = re.match(r"\s*(?:-\s+)?([A-Za-z_][\w.-]*)\s*:", line)
    path = [key.group(1)] if key else []
    indent = len(line) - len(line.lstrip(" "))
    item = key is None and re.match(r"\s*-(?:\s|$)", line) is not None  # '  - Alibaba' may sit level with its key
    for above in reversed(lines[:index] if indent or item else []):  # the keys it is under: 'zz.description', as
        depth = len(above) - len(above.lstrip(" "))                    # the registry names a company's fields
        if above.strip() and not above.lstrip().startswith("#") and (depth < indent or item and depth == indent):
            if (found := _KEY_LINE.fullmatch(above.lstrip(" "))) is None:
                if item and depth == indent:  # another item of the same list
                    continue
                break
            path.insert(0, found[1])
            item = False
            if not (indent := depth):
                break
    return ".".join(path)


_LIST_KEYS = frozenset({"tags", "companies", "redirects", "aliases", "sections", "menu"})
"""Keys whose value is a list: a '[' never closed there is a list, also with one item ('tags: [AI')."""


def load_yaml_fully(text: str, first_line: int, warnings: list[YamlError] | None = None,
                    key_advice: tuple[str, ...] = KEY_ADVICE, written: Written | None = None) -> tuple[Any, Lines]:
    """``load_yaml`` by PyYAML alone: the definition ``_simple`` is tested against."""
    found: list[YamlError] = warnings if warnings is not None else []
    written_text = text
    node, text = _node(text, first_line, found, len(key_advice) > 1)
    lines: Lines = {}
    if node is None:
        return None, lines
    breaks = [found.start() for found in _NEWLINE.finditer(text)]

    def line_of(mark: yaml.Mark) -> int:
        """File line of a mark, counting only '\n' (PyYAML also breaks lines at U+0085, U+2028, U+2029)."""
        return first_line + bisect.bisect_left(breaks, mark.index)

    value = _value(node, (), lines, line_of, {}, found, key_advice, {} if written is None else written)
    if written is not None:
        _commented_items(text.split("\n"), first_line, lines, written)
        if text != written_text:
            _aliased_items(written_text.split("\n"), text.split("\n"), first_line, lines, value, written)
    if warnings is None and (twice := next((e for e in found if isinstance(e, KeyProblem)), None)):
        raise twice
    return value, lines


def _node(text: str, first_line: int, found: list[YamlError], entries: bool = False) -> tuple[yaml.Node | None, str]:
    """PyYAML's reading of ``text``, and the text it read: a merge key whose alias names an anchor below it or none
    ('<<: *later', which PyYAML calls an undefined alias) is taken out of its line and added to ``found`` as one
    whose anchor is above is (``MERGE_KEY``), so that every one, and the file's other problems, are said in one run.
    A syntax error is raised with its slips (``_slips``; ``entries``: the text is a registry's, ``KEY_ADVICE``) and the
    merge keys taken out before it."""
    merges: list[YamlError] = []
    written = text  # as the editor wrote it: a second alias's advice has no '~' for the first's
    while True:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as e:
            rows = text.split("\n")
            if (fix := _read_past(text, first_line, e, written.split("\n"))) is None:
                raise _with(_slips(text, first_line, e, entries), merges) from None
            at, field, message, row = fix
            merges.append(KeyProblem(first_line + at, message, field))
            text = "\n".join([*rows[:at], row, *rows[at + 1:]])
            continue
        except yaml.reader.ReaderError as e:  # a character YAML forbids: a C1 control from mis-decoded text ('â€\x9d')
            raise _forbidden_character(text, first_line, e) from None
        except yaml.YAMLError as e:  # pragma: no cover - unmarked errors are rare
            raise YamlError(first_line, f"YAML error: {e}") from None
        finally:
            loader.dispose()
        if merges and (node is None or node.tag == _NULL and not node.value):  # '*a' alone: read past, nothing is
            raise _with(merges[0], merges[1:])  # left, and the file would be read as empty without a word
        found.extend(merges)
        return node, text


def _read_past(text: str, first_line: int, error: yaml.MarkedYAMLError,
               written: list[str]) -> tuple[int, str, str, str] | None:
    """For PyYAML's ``error`` that ``_node`` reads past: its line (from 0), field and message, and the line with
    what it is about taken out. A merge key whose anchor is below it or nowhere (``MERGE_KEY``); an alias whose
    anchor is ('aliases: *zz': read as empty; an alias that starts its line, as a key or alone, takes the line with
    it: read as '~', it would be a key or text the editor never wrote); an anchor given a second time ('b: &x', the
    first '&x' above). ``written``: the lines of the text as the editor wrote them, for the value an alias is in."""
    rows = text.split("\n")
    if (merge := _merge_slip(text, error)) is not None:
        row = _MERGE.sub("", rows[merge[0]], count=1)
        return None if row == rows[merge[0]] else (merge[0], merge[1], merge[2], row)
    mark = error.problem_mark
    if mark is None:
        return None
    at, column = text.count("\n", 0, mark.index), mark.index - (text.rfind("\n", 0, mark.index) + 1)
    row, field = rows[at], _keys_at(rows, at)
    key = field.rpartition(".")[2]
    if "undefined alias" in str(error.problem) and (alias := re.match(r"\*([0-9A-Za-z_-]+)", row[column:])):
        name, past = alias[0], row[:column] + "~" + row[alias.end() + column:]
        if not row[:column].strip():  # '*a' or '*a: b' at its line's start: no '~' key or text in its place
            return at, field if row[:1] == " " else "", _alias_alone(name), ""
        if _explained_line([*rows[:at], past, *rows[at + 1:]], at, first_line) is not None and \
                (own := _explained_line(rows, at, first_line)) is not None and own[3] is not None and \
                _syntax_error(own[3].lstrip(" ")) is None:  # 'amazon: &a [*b': its slip is said as written, not with
            return None  # the '~' read in the alias's place ('write amazon: "&a [~"'), and its advice has no alias
        found = _KEY_LINE.fullmatch(written[at].lstrip(" "))  # the value it starts, as written ('summary: *a b')
        written = _without_comment(found[3].strip()) if found and found[1] == key else name
        note = found[3].strip()[len(written):] if found and found[1] == key else ""  # 'title: *x # n': kept a note
        listed = _as_items(written[:-1]) + "]" if written[:1] == "[" and written.endswith("]") else ""
        item = re.match(r" *- +", row)  # '  - *b': its item's line
        fix = (f"write the names out, like {key}: [a, b]; a name that starts with '*' goes in double quotes: "
               + (f"- {double_quoted(name)}" if item and item.end() == column else
                  f"{key}: {listed if _is_list(listed) else f'[{double_quoted(name)}]'}")) if key in _LIST_KEYS else (
               f"write the value out, or, if it is text, put it in double quotes: "
               f"{key}: {double_quoted(written if written.startswith(name) else name)}{note}" if key else
               "write the value out")
        return at, field, (f"'{name}' is a YAML alias, of an anchor '&{alias[1]}' that is not above it; aliases are "
                           f"not allowed: {fix}"), past
    anchor = re.match(r"&([^\s,\[\]{}]+)\s*", row[column:])
    if "duplicate anchor" in str(error.context) and anchor and error.context_mark is not None:
        first = text.count("\n", 0, error.context_mark.index)
        return at, field, (f"'&{anchor[1]}' names a YAML anchor a second time (first on line {first_line + first}); "
                           f"an anchor serves only aliases (*{anchor[1]}), which are not allowed: delete this '&{anchor[1]}'"
                           ), row[:column] + row[column + anchor.end():]
    return None


_MERGE = LazyPattern(r"(?:^|(?<=[{,])) *<<\s*:\s*(?:\*[^\s,\]}]+|\[[^\]]*\])\s*,?")
"""A merge key and its alias (or list of aliases) on a line, as ``_node`` takes it out: '  <<: *base', '<<: *s, '
in a mapping in braces, '<<: [*a, *b]'."""


def _with(error: YamlError, also: list[YamlError]) -> YamlError:
    """``error`` and its slips, with ``also`` among them, in the order of their lines."""
    every = sorted([error, *error.also, *also], key=lambda e: e.line)
    return YamlError(every[0].line, every[0].message, every[0].field, tuple(every[1:]), error.fixed, every[0].writes)


def _commented_items(rows: list[str], first_line: int, lines: Lines, written: Written) -> None:
    """Keep in ``written`` the name of each list item written '- #name', which YAML read as empty."""
    for path, line in lines.items():
        if path and type(path[-1]) is int and (row := rows[line - first_line].strip()).startswith("- #"):
            written.setdefault(path, row[2:])


def _aliased_items(rows: list[str], read: list[str], first_line: int, lines: Lines, value: Any,
                   written: Written) -> None:
    """Keep in ``written`` the alias of each list item YAML read as empty because ``_node`` read past an alias there
    (``rows``: the lines as written, ``read``: as read): '- *b', '[*b, data]'; its own message says it. Where a line
    has other empty items than its aliases ('[~, *b]'), which is which is not told: none is kept."""
    empty: dict[int, list[tuple[Any, ...]]] = {}
    for path, line in lines.items():
        if path and type(path[-1]) is int and rows[line - first_line] != read[line - first_line] and \
                _item(value, path) is None:
            empty.setdefault(line - first_line, []).append(path)
    for row, paths in empty.items():
        aliases = re.findall(r"\*[^\s,\[\]{}]+", rows[row])
        if len(aliases) == len(paths):
            written.update(zip(paths, aliases))


def _item(value: Any, path: tuple[Any, ...]) -> Any:
    """What ``value`` holds at key path ``path``."""
    for part in path:
        value = value[part] if isinstance(value, list) and type(part) is int and part < len(value) or \
            isinstance(value, dict) and part in value else _ALIAS
    return value


def _slip(text: str, error: yaml.MarkedYAMLError, first_line: int, entries: bool = False) -> Advice | None:
    """PyYAML's syntax ``error`` in ``text``, whose first line is file line ``first_line``, as the slip an editor made
    (``_explained``, ``_without_colon``, and in a registry's text, ``entries``, ``_entry_on_one_line``); None when
    it is none of those."""
    if (merge := _merge_slip(text, error)) is not None:
        return merge
    if entries and (entry := _entry_on_one_line(text.split("\n"), _error_line(text, error), first_line)) is not None:
        return entry
    found = _explained(text.split("\n"), _error_line(text, error), _unclosed_quote(text, error), first_line)
    if found is None and (bare := _without_colon(text, error)) is not None:
        found = _no_colon(text.split("\n"), bare, first_line)
    if found is None:
        return None
    at, field, message, right = found
    return at, field, _spaced(message), right and _spaced(right)


_PAIRS = LazyPattern(r",\s*(?=[A-Za-z_][\w-]*:\s)")
"""Where one 'key: value' pair of an entry's details on its id's line ends and the next begins."""


def _entry_on_one_line(lines: list[str], at: int, first_line: int) -> Advice | None:
    """A registry's entry written on its id's line as keys ('google: name: Google', which YAML reads as a second key
    on the line), at line ``at`` (from 0; ``first_line``: the file line of ``lines[0]``): its keys in a mapping,
    ``google: {name: Google}``. In quotes, as for any other value, it would be text, and the entry "must be a
    mapping". A '#' with no space after it is kept in its value, in double quotes ('kompas: name: Kompas #1':
    ``kompas: {name: "Kompas #1"}``), as YAML would cut it off as a comment, and so is a value with ': ' in it ('google:
    name: Google: Alphabet': ``google: {name: "Google: Alphabet"}``); a comment written '# note' is left out.
    Its details indented on the lines below ('  url: https://kompas.id/') join the mapping, written in place of those
    lines too (``_details_below``): under the mapping alone they would be a slip of their own. The other way to write
    it, each key on a line of its own under the id, gives each value as the mapping does ('name: "Kompas: Gramedia"'):
    as written, it would be a slip of its own. None for any other line."""
    code = _without_comment(lines[at], meant=True) if 0 <= at < len(lines) else ""  # a name's '#1': 'Kompas #1'
    found = re.fullmatch(r"([A-Za-z0-9_][\w.-]*):\s+([A-Za-z_][\w-]*:\s.*)", code)
    if found is None:
        return None
    written = found[2].strip()
    details = ", ".join(f"{key}: {_flow_written(value.strip())}" for key, value in (
        re.split(r":\s+", pair, maxsplit=1) for pair in _PAIRS.split(written)))
    right = f"{found[1]}: {{{details}}}"
    try:
        read = _read_back(right)
    except yaml.YAMLError:
        return None
    if not isinstance(read, dict) or not isinstance(read.get(found[1]), dict):
        return None
    said = "has its details on the id's line, which YAML reads as a second key there"
    each = " and ".join(pairs := _PAIRS.split(details))
    alone = (f"write {found[1]}: alone on its line, and {each} {'each ' if len(pairs) > 1 else ''}on a line of its own "
             "below it, indented")  # each value as in the mapping: 'name: "Kompas: Gramedia"', never a slip of its own
    last = at
    for i in range(at + 1, len(lines)):  # its lines below: indented, a comment or an empty line among them
        if not lines[i].strip() or lines[i].lstrip(" \t").startswith("#"):
            continue
        if lines[i][:1] not in (" ", "\t"):
            break
        last = i
    if last == at:
        return at, found[1], f"{said}; write them in a mapping: {right} (or {alone} by two spaces)", right
    below = _details_below(lines[at + 1:last + 1], read[found[1]])
    if below is None:
        return at, found[1], f"{said}, and more of them on the lines below; {alone} as those", None
    right = f"{found[1]}: {{{details}, {below}}}"
    rows = [row for row in lines[at + 1:last + 1] if row.strip() and not row.lstrip(" ").startswith("#")]
    alone_written = [f"{found[1]}:", *(_indent(rows[0]) + pair for pair in pairs), *rows]
    try:  # the other way leaves the lines below as written: offered when they read there as in the mapping (not
        other = _read_back("\n".join(alone_written)) == _read_back(right)  # 'description: Harian #1')
    except yaml.YAMLError:
        other = False
    return at, found[1], (f"{said}, and more of them on the lines below; write them in one mapping, in place of lines "
                          f"{first_line + at} to {first_line + last}: {right}"
                          + (f" (or {alone} as those)" if other else "")), right + "\n" * (last - at)


def _flow_written(value: str) -> str:
    """A value of an entry's details written on its id's line, for its mapping in braces: as written where YAML reads
    it there as on a line of its own ('https://kompas.id/', '[KG, Kompas]'), else in double quotes ('Kompas #1',
    which YAML would cut as a comment; 'Google: Alphabet', which it would read as another key)."""
    try:
        if _read_back(f"{{k: {value}}}") == _read_back(f"k: {value}"):
            return value
    except yaml.YAMLError:
        pass
    return double_quoted(value)


def _details_below(rows: list[str], on_line: dict[Any, Any]) -> str | None:
    """An entry's details indented on the lines ``rows`` below its id's line, whose details YAML read as
    ``on_line``, written for the mapping on the id's line: 'url: https://kompas.id/, aliases: [KG]', each value as
    written where it reads the same there, else as YAML read it (a list over lines in brackets, text with a ',' in
    double quotes); None when they are no mapping of other keys, or read otherwise in one mapping."""
    indent = min(len(row) - len(row.lstrip(" ")) for row in rows if row.strip() and not row.lstrip().startswith("#"))
    try:
        read = _read_back("\n".join(row[indent:] for row in rows))
    except yaml.YAMLError:
        return None
    if not isinstance(read, dict) or not read or set(read) & set(on_line):
        return None
    written = {m[1]: _without_comment(m[3].strip(), meant=True) for row in rows if row[indent:indent + 1] not in
               (" ", "") and (m := _KEY_LINE.fullmatch(row[indent:]))}
    for key, text in written.items():  # 'description: Harian #1 di Indonesia': its '#1' is text the editor meant
        if isinstance(read.get(key), str) and text != _without_comment(text) and text[:1] not in "'\"[{|>":
            read[key] = text
    pairs = []
    for key, value in read.items():
        text = written.get(key, "")
        try:
            same = bool(text) and _read_back(f"{{{key}: {text}}}") == {key: value}
        except yaml.YAMLError:
            same = False
        pairs.append(f"{key}: {text if same else as_written(value, {}, ())}")
    try:
        if _read_back("{" + ", ".join(pairs) + "}") != read:
            return None
    except yaml.YAMLError:
        return None
    return ", ".join(pairs)


_TAB_OR_QUOTED = LazyPattern(r'"(?:[^"\\\n]|\\.)*"|\t')


def _spaced(advice: str) -> str:
    """``advice`` with each tab that is not inside double quotes written as a space: a message shows a tab as '\\t',
    which, typed outside double quotes, is not a tab but those two characters ('[Google,\\t"#Meta"'); inside them
    it is YAML's escape for one."""
    return _TAB_OR_QUOTED.sub(lambda m: " " if m[0] == "\t" else m[0], advice) if "\t" in advice else advice


def _merge_slip(text: str, error: yaml.MarkedYAMLError) -> Advice | None:
    """A merge key whose alias names an anchor below it or none ('<<: *base' above 'base: &base'), which PyYAML
    calls an undefined alias, as the merge key it is (``MERGE_KEY``), at the key the merge is under."""
    rows = text.split("\n")
    at = _error_line(text, error)
    merge = re.search(r"(?:^|[{,]) *<<\s*:", rows[at]) if "undefined alias" in str(error.problem) else None
    if merge is None:
        return None
    owner = rows[at] if merge.start() else _owner(rows, at, len(_indent(rows[at])))  # 'meta: {<<: *b}' or '  <<: *b'
    key = _KEY_LINE.match(owner.lstrip(" "))
    return at, key[1] if key else "", MERGE_KEY, None


def _error_line(text: str, error: yaml.MarkedYAMLError) -> int:
    """The line (from 0) PyYAML's ``error`` names."""
    mark = error.problem_mark or error.context_mark
    return text.count("\n", 0, mark.index) if mark else 0


_MAX_SLIPS = 20
"""The most syntax slips of one YAML text said in one run."""


def _slips(text: str, first_line: int, error: yaml.MarkedYAMLError, entries: bool = False) -> YamlError:
    """The first slip, ``error``, with the ones further on (``YamlError.also``): each found by reading the text again
    with the slip before written as its message says, as the next run would after the editor did so. A slip is said
    only off the lines written right and the lines indented under each, which its mistake may have misread (a list
    never closed may have had items on the lines below); above one it is said ('summary Bar' above 'tags: [a, b',
    which PyYAML found first). None after a message that gives no one line to write (a tab: how many spaces?; a
    choice), and none in the parser's words (it may be the slip before's doing). In the order of their lines.
    ``entries``: the text is a registry's (``_slip``)."""
    rows = text.split("\n")
    what = (error.problem or error.context or "invalid YAML").strip()
    at, field, message, right = _slip(text, error, first_line, entries) or (
        _error_line(text, error), "", f"YAML syntax error: {what}; check the indentation, and put values containing "
                                      "': ', '#', '[' or quotes in double quotes", None)
    found = [YamlError(first_line + at, message, field, writes=(right or "").split("\n")[0].strip(" "))]
    fixed = None
    written: list[range] = []  # each line written as its message says, with the lines it may have misread
    while right is not None and at < len(rows) and len(found) < _MAX_SLIPS:
        depth = min(len(_indent(rows[at])), len(_indent(right)))
        rows[at:at + right.count("\n") + 1] = right.split("\n")
        end = next((i for i in range(at + 1, len(rows)) if rows[i].strip() and not rows[i].lstrip(" ").startswith("#")
                    and len(_indent(rows[i])) <= depth), len(rows))
        if (key := _KEY_LINE.fullmatch(right.split("\n")[0].lstrip(" "))) and key[3][:1] in ("'", '"') and \
                _syntax_error(key[0]) is None:  # a value in quotes, whole: a key indented under it is no part of it
            end = at + right.count("\n") + 1  # ('   url: x' under '  name: "Reuters: Berita"')
        written.append(range(at, end))
        text = "\n".join(rows)
        read, next_error, past = _past_aliases(text, first_line, rows)
        if next_error is None:
            fixed = text  # its aliases as written: ``_node`` reads past them, and says each, with the other problems
            break
        if (slip := _slip(read, next_error, first_line, entries)) is None or slip[0] in past or \
                any(slip[0] in lines for lines in written):
            break  # (one above a line written, 'summary Bar' above 'tags: [a, b', is no misreading of it)
        at, field, message, right = slip
        found.append(YamlError(first_line + at, message, field, writes=(right or "").split("\n")[0].strip(" ")))
    found.sort(key=lambda e: e.line)
    return YamlError(found[0].line, found[0].message, found[0].field, tuple(found[1:]), fixed, found[0].writes)


def _past_aliases(text: str, first_line: int, rows: list[str]) -> tuple[str, yaml.MarkedYAMLError | None, set[int]]:
    """``text`` (its lines: ``rows``) read past what ``_node`` reads past (``_read_past``: an alias whose anchor is not
    above it, a merge key, an anchor named twice), so that a slip written as its message says, above 'companies:
    [*Google]', is no longer a slip: the text so read, its syntax error left (None when none), and the lines read
    past, from 0."""
    past: set[int] = set()
    while (error := _syntax_error(text)) is not None and (
            skip := _read_past(text, first_line, error, rows)) is not None and skip[0] not in past:
        past.add(skip[0])
        read = text.split("\n")
        read[skip[0]] = skip[3]
        text = "\n".join(read)
    return text, error, past


def _syntax_error(text: str) -> yaml.MarkedYAMLError | None:
    """PyYAML's syntax error in ``text``, or None when it reads (or fails otherwise: a character YAML forbids)."""
    loader = _Loader(text)
    try:
        loader.get_single_node()
    except yaml.MarkedYAMLError as e:
        return e
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return None


def _value(node: yaml.Node, path: tuple[Any, ...], lines: Lines, line_of: Callable[[yaml.Mark], int],
           seen: dict[int, Any], warnings: list[YamlError], key_advice: tuple[str, ...], written: Written) -> Any:
    line = line_of(node.start_mark)
    field = str(path[0]) if path else ""
    if id(node) in seen:  # an alias: its node is the anchored one, whose marks are the anchor's, so the line is the
        used = path       # key the alias is the value of (or, in a list, the list's key)
        while used and type(used[-1]) is not str:
            used = used[:-1]
        warnings.append(KeyProblem(lines.get(used, line), "YAML anchors and aliases (&name, *name) are not allowed; "
                                                          "write the value out", field))  # read past, like '<<:'
        return seen[id(node)]  # a text or number as the anchor's; a list or mapping left out: never built twice
    seen[id(node)] = _ALIAS
    if len(path) >= MAX_DEPTH and isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        raise YamlError(line, f"lists and mappings are nested more than {MAX_DEPTH} levels deep; "
                              "write a flat value or a short list", field)
    if isinstance(node, yaml.MappingNode):
        if node.tag != _MAP:
            raise _bad_tag(node, line, field)
        out: dict[str, Any] = {}
        advice = key_advice[min(len(path), len(key_advice) - 1)]
        under = ".".join(part for part in path if isinstance(part, str))  # the mapping's keys: 'reuters.aliases'
        for key_node, value_node in node.value:
            key_line = line_of(key_node.start_mark)
            if not isinstance(key_node, yaml.ScalarNode):
                warnings.append(KeyProblem(key_line, f"a list or mapping {UNUSABLE_KEY}; a key must be plain text, "
                                                     f"{advice}", under))
                continue
            key = key_node.value
            if key_node.value == "<<":  # read past, its alias unread: every one is said, with the file's other problems
                warnings.append(KeyProblem(key_line, MERGE_KEY, field))
                continue
            if key_node.tag == _NULL or not key.strip():  # 'null:', '~:', '"":', '" ":'
                warnings.append(KeyProblem(key_line, f"{quoted(key)} {UNUSABLE_KEY}; write {advice}", under))
                continue
            if key in out:
                warnings.append(DuplicateKey(key_line, f"{TWICE} (first on line {lines[path + (key,)]}); "
                                             "keep one", ".".join(str(part) for part in path + (key,))))
                continue
            lines[path + (key,)] = key_line
            if (value := _value(value_node, path + (key,), lines, line_of, seen, warnings, key_advice,
                                written)) is not _ALIAS:
                out[key] = value
        return out
    if isinstance(node, yaml.SequenceNode):
        if node.tag != _SEQ:
            raise _bad_tag(node, line, field)
        items: list[Any] = []
        for item in node.value:
            lines[path + (len(items),)] = line_of(item.start_mark)
            if (value := _value(item, path + (len(items),), lines, line_of, seen, warnings, key_advice,
                                written)) is not _ALIAS:
                items.append(value)
        lines.pop(path + (len(items),), None)  # an alias last, left out
        return items
    if node.tag in _NOT_TEXT and path:
        written[path] = node.value
    seen[id(node)] = _scalar(node, node.tag, node.value, line, field, warnings,
                             ".".join(part for part in path if isinstance(part, str)))
    return seen[id(node)]


_ALIAS = object()
"""What ``_value`` reads an alias of a list or mapping as: left out of its list or mapping (the alias is an error)."""


def _scalar(node: yaml.Node | None, tag: str, value: str, line: int, field: str, warnings: list[YamlError],
            keys: str = "") -> Any:
    """A scalar's value, given the tag it resolved to; ``keys``: the keys it is under ('zz.description', as
    ``forbidden_at`` names a raw control character's field), for the warning about a control character."""
    if tag == _STR:
        for char in sorted(set(_ESCAPED_CONTROL.findall(value))):
            warnings.append(YamlError(line, f"control character U+{ord(char):04X} (from the YAML escape "
                                            f"{_escapes(char)}) removed: feeds and HTML cannot carry it; delete the "
                                            "escape from the value", keys))
        return _ESCAPED_CONTROL.sub("", value)
    if tag == _NULL:
        return None
    if tag == _BOOL:
        return value.lower() == "true"
    if tag == _INT:
        if len(value) > _MAX_DIGITS:  # Python reads or prints no more than 4,300 digits: a traceback anywhere
            raise YamlError(line, f"is a number of {len(value.lstrip('+-'))} characters, longer than any field takes; "
                                  "write the number meant, or put the value in double quotes if it is text", field)
        return int(value, 0) if value.lstrip("+-")[:2] in ("0o", "0x") else int(value)
    if tag == _FLOAT:
        return float(value.lower().replace(".inf", "inf").replace(".nan", "nan"))  # '.inf' is YAML's infinity
    assert node is not None  # ``_simple`` gives only the tags above
    raise _bad_tag(node, line, field)


_MAX_DIGITS = 1000
"""The longest whole number YAML may read: far beyond any field's, and within what Python prints (4,300 digits
of a decimal, fewer of hex's)."""
_NOT_TEXT = frozenset({_INT, _FLOAT, _BOOL})
"""The tags of the scalars whose text ``Written`` keeps."""
_NAMED_ESCAPES = {"\0": "0", "\a": "a", "\b": "b", "\v": "v", "\f": "f", "\x1b": "e"}
"""YAML's one-letter escapes for the characters ``_ESCAPED_CONTROL`` matches."""


def _escapes(char: str) -> str:
    """The ways a YAML double-quoted value can write ``char``, as a reader would look for them: '"\\e", "\\x1b" or "\\u001b"'."""
    code = ord(char)
    spelled = ([f"\\{_NAMED_ESCAPES[char]}"] if char in _NAMED_ESCAPES else []) + (
        [f"\\x{code:02x}", f"\\u{code:04x}"] if code < 0x100 else [f"\\u{code:04x}"])
    written = [f'"{escape}"' for escape in spelled]
    return " or ".join([", ".join(written[:-1]), written[-1]] if len(written) > 1 else written)


def _bad_tag(node: yaml.Node, line: int, field: str) -> YamlError:
    tag = node.tag.replace("tag:yaml.org,2002:", "!!")
    return YamlError(line, f"the YAML tag '{tag}' is not allowed; remove it and write a plain value", field)


# --- front matter as editors write it, without PyYAML --------------------------------------------------------

_SIMPLE_UNSAFE = LazyPattern("[\x00-\t\x0b-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
"""A character the simple reader leaves to PyYAML: tabs, control characters (C1 too), what YAML 1.1 reads as a line
break (U+0085, U+2028, U+2029) or a byte order mark, lone surrogates, U+FFFE and U+FFFF. Written as these characters,
not as the complement of the ones it lets through (the same set): Python compiles a class by walking its ranges'
characters, which took 3 ms at every start for the complement (ranges up to U+FFFF), 0.25 ms for this."""
_SIMPLE_KEY = LazyPattern(r"([A-Za-z_][A-Za-z0-9_-]*):(?: +(.*))?$")
_SIMPLE_ITEM = LazyPattern(r"( *)- +(.*)$")
_PLAIN_START = frozenset("-?:,[]{}#&*!|>'\"%@` ")
"""What a plain scalar may not start with (or may, in ways left to PyYAML)."""
_FLOW_UNSAFE = frozenset("[]{}#'\":")
"""What the simple reader does not take inside a flow list (the commas between items it splits at)."""
_NULL_KEYS = frozenset({"null", "Null", "NULL"})
_KEY_MAX = 1000
"""PyYAML does not read a key longer than 1024 characters (YAML's limit for an implicit key)."""
_SIMPLE_RESOLVER = _Resolver()
_IMPLICIT_FIRST = frozenset(_Resolver.yaml_implicit_resolvers)
"""First characters of the plain scalars that may resolve to something other than text ('t', '1', '~' …)."""
assert None not in _IMPLICIT_FIRST  # no resolver is tried on every scalar


def _simple_scalar(raw: str) -> tuple[bool, Any]:
    """(True, value) for a one-line scalar written plainly or in quotes without escapes, else (False, None)."""
    raw = raw.rstrip(" ")
    if not raw:
        return True, None
    first = raw[0]
    if first == '"' or first == "'":
        if len(raw) < 2 or raw[-1] != first or first in raw[1:-1] or (first == '"' and "\\" in raw):
            return False, None
        return True, raw[1:-1]
    if first in _PLAIN_START or ": " in raw or " #" in raw or raw[-1] == ":":
        return False, None
    if first not in _IMPLICIT_FIRST:  # text, as nearly every value is (no escapes, so no control characters)
        return True, raw
    if len(raw) > _MAX_DIGITS:  # perhaps a number too long to read: PyYAML's reading says so at its line
        return False, None
    return True, _scalar(None, _SIMPLE_RESOLVER.resolve(yaml.ScalarNode, raw, (True, False)), raw, 0, "", [])


def _simple_value(raw: str, line: int, path: tuple[Any, ...], lines: Lines, written: Written) -> tuple[bool, Any]:
    """A value on the key's line: a scalar, or a flow list of plain scalars ('[a, b]')."""
    if not raw.startswith("["):
        ok, value = _simple_scalar(raw)
        if ok:
            _keep_written(written, path, raw.rstrip(" "), value)
        return ok, value
    raw = raw.rstrip(" ")
    inner = raw[1:-1]
    if raw[-1] != "]" or any(char in _FLOW_UNSAFE for char in inner):
        return False, None
    if not inner.strip(" "):
        return True, []
    items = []
    for i, part in enumerate(inner.split(",")):
        part = part.strip(" ")
        ok, value = _simple_scalar(part)
        if not ok or not part:
            return False, None
        lines[path + (i,)] = line
        _keep_written(written, path + (i,), part, value)
        items.append(value)
    return True, items


def _keep_written(written: Written, path: tuple[Any, ...], raw: str, value: Any) -> None:
    """Keep ``raw``, the text of the list item at ``path``, in ``written`` when YAML read it as no text."""
    if value is not None and not isinstance(value, str):
        written[path] = raw


def _simple(text: str, first_line: int, written: Written | None = None) -> tuple[dict[str, Any], Lines] | None:
    """``load_yaml_fully(text, first_line)`` for front matter of the usual shape, else None (then PyYAML reads it).

    The shape: 'key: value' lines, where a value is a one-line scalar (plain, or quoted with no escapes) or a
    flow list of plain scalars; a key with nothing after it takes a block list ('- item' lines) or a block
    mapping of such 'key: value' lines, one level deep; blank lines and comment lines anywhere. Scalars resolve
    through the same resolver, so 'true', '12' and '~' mean what they mean to PyYAML. Anything else (escapes,
    tabs, multi-line values, anchors, tags, a key given twice, a value that PyYAML would refuse) is left to
    PyYAML, which reads it or says what is wrong. ``tests/test_frontmatter.py`` holds the two to the same result.
    About three times as fast as PyYAML's C parser on the articles of the benchmark corpus (45-75 against
    170-200 µs)."""
    if _SIMPLE_UNSAFE.search(text):
        return None
    out: dict[str, Any] = {}
    lines: Lines = {}
    texts: Written = {}  # into ``written`` once all is read
    rows = text.split("\n")
    count = len(rows)
    i = 0
    while i < count:
        row = rows[i]
        stripped = row.lstrip(" ")
        if not stripped or stripped[0] == "#":
            i += 1
            continue
        if row[0] == " ":
            return None  # indented where no block is open
        found = _SIMPLE_KEY.match(row)
        if found is None:
            return None
        key, raw = found.group(1), found.group(2)
        if key in out or key in _NULL_KEYS or len(key) > _KEY_MAX:
            return None
        line = first_line + i
        lines[(key,)] = line
        i += 1
        if raw is not None and raw.strip(" "):
            ok, value = _simple_value(raw, line, (key,), lines, texts)
            if not ok:
                return None
            out[key] = value
            continue
        # nothing after the key: a block list or mapping below it, or null
        block: list[tuple[int, str]] = []
        while i < count:
            row = rows[i]
            stripped = row.lstrip(" ")
            if stripped and stripped[0] != "#":
                if row[0] != " " and not row.startswith("- ") and row != "-":
                    break
                block.append((i, row))
            i += 1
        if not block:
            out[key] = None
            continue
        indent = len(block[0][1]) - len(block[0][1].lstrip(" "))
        if block[0][1][indent] == "-":
            items = []
            for n, (at, row) in enumerate(block):
                item = _SIMPLE_ITEM.match(row)
                if item is None or len(item.group(1)) != indent:
                    return None
                ok, value = _simple_scalar(item.group(2))
                if not ok or not item.group(2).strip(" "):
                    return None
                lines[(key, n)] = first_line + at
                _keep_written(texts, (key, n), item.group(2).rstrip(" "), value)
                items.append(value)
            out[key] = items
        else:
            mapping: dict[str, Any] = {}
            for at, row in block:
                sub = _SIMPLE_KEY.match(row, indent)
                if row[:indent].strip(" ") or sub is None or sub.group(2) is None or not sub.group(2).strip(" "):
                    return None
                name = sub.group(1)
                if name in mapping or name in _NULL_KEYS or len(name) > _KEY_MAX:
                    return None
                ok, value = _simple_value(sub.group(2), first_line + at, (key, name), lines, texts)
                if not ok:
                    return None
                lines[(key, name)] = first_line + at
                mapping[name] = value
            out[key] = mapping
    if not out:
        return None
    if written is not None:
        written.update(texts)
    return out, lines
