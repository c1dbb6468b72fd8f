"""Problems found in the editor's input, and the exception that carries them.

A ``Problem`` is one line of output for the editor: where, which field, what is wrong
and how to fix it. Stages collect problems and raise one ``BuildError`` at the end, so
an editor fixes every file in one pass.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Iterable, Literal
from generator.core.patterns import LazyPattern

Severity = Literal["error", "warning", "hint"]


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with the input."""

    path: str
    """File the problem is in, relative to the project root (posix separators)."""
    line: int
    """1-based line in that file; 0 when the problem is about the file as a whole."""
    field: str
    """Front-matter or config key the problem is about; "" when none applies."""
    message: str
    """What is wrong and how to fix it."""
    severity: Severity = "error"
    """"error" stops the build; "warning" is reported and the build goes on; "hint" (from
    ``digest check`` only) is worth a look but never fails a run, even with --strict."""
    column: int = 0
    """1-based column, when known; 0 otherwise."""

    def __str__(self) -> str:
        where = self.path
        if self.line:
            where += f":{self.line}"
            if self.column:
                where += f":{self.column}"
        field = f" field '{self.field}':" if self.field else ""
        prefix = f"{self.severity}: " if self.severity != "error" else ""
        return f"{where}:{field} {prefix}{self.message}"


def sort_problems(problems: Iterable[Problem]) -> tuple[Problem, ...]:
    """Problems in file order, so output is stable and reads top to bottom."""
    return tuple(sorted(set(problems), key=lambda p: (p.path, p.line, p.column, p.field, in_number_order(p.message))))


def in_number_order(message: str) -> tuple[str | tuple[int, str], ...]:
    """A sort key for messages that reads their numbers as numbers: 'item 2 …' before 'item 12 …' of one line."""
    return tuple((len(part.lstrip("0")), part.lstrip("0")) if i % 2 else part  # no int(): 5,000 digits are refused
                 for i, part in enumerate(_DIGITS.split(message)))


_DIGITS = LazyPattern(r"(\d+)")


class BuildError(Exception):
    """The input cannot be built; carries every problem found, warnings included."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sort_problems(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def __reduce__(self) -> tuple[type[BuildError], tuple[tuple[Problem, ...]]]:
        """Pickled with its problems (not its message), so one raised in a worker process (``ordered_map``:
        ``digest check`` reading a body the cache lost) reaches the caller as itself."""
        return BuildError, (self.problems,)

    @property
    def errors(self) -> tuple[Problem, ...]:
        return tuple(p for p in self.problems if p.severity == "error")


class RefusalError(Exception):
    """The command refuses to run (exit 2) before anything is read or written."""


class Refused(RefusalError):
    """A refusal about one place, with the one problem that ``digest check --format json`` still reports as JSON,
    so a CI reading its stdout gets a document; ``text``, when given, is the line the terminal shows instead."""

    def __init__(self, problem: Problem, text: str = "") -> None:
        self.problem = problem
        super().__init__(text or str(problem))


class OutsideProject(Refused):
    """Run in a folder that is no project (no config.yaml, no content/)."""


class BusyError(RefusalError):
    """Another build holds the output folder's lock; ``digest serve`` waits and retries instead of giving up."""


_UNPRINTABLE = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def quoted(value: object) -> str:
    """``value`` in quotes for a message, as ``repr`` would show it but with a backslash as written: a Windows
    path reads 'C:\\Users\\me' in a message, not 'C:\\\\Users\\\\me', so it can be searched for in the file; control
    characters escaped (``printable``). Anything but text: ``repr``."""
    if not isinstance(value, str):
        return repr(value)
    mark = '"' if "'" in value and '"' not in value else "'"
    return f"{mark}{printable(value)}{mark}"


def counted(n: int, word: str) -> str:
    """'1 article', '2 articles': counts in messages and summaries, read as sentences. The command line speaks
    English, whose plural rule for a whole number is this one (CLDR's 'one' is exactly 1); Babel, which pages use,
    takes 50 ms to load."""
    return f"{n} {word if n == 1 else word + 's'}"


def printable(text: str) -> str:
    """``text`` with control characters escaped (``\\x1b``, ``\\u202e``), so a file named with an
    escape sequence cannot drive the terminal; an undecodable byte in a file name shows as ``\\xff``."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch == " " or unicodedata.category(ch) not in _UNPRINTABLE:
            out.append(ch)
        elif 0xDC80 <= ord(ch) <= 0xDCFF:
            out.append(f"\\x{ord(ch) - 0xDC00:02x}")
        else:
            out.append(ch.encode("unicode_escape").decode("ascii"))
    return "".join(out)


def one_company_url(name: str, other: str, where: str, cid: str) -> str:
    """The words for two company names, ``other`` in the file ``where``, of which one is not registered, that make
    one URL (said by the content stage within one article, by the index across two)."""
    return (f"{quoted(name)} and {quoted(other)} (in {where}) both make the URL /companies/{cid}/; use one spelling, "
            "or add it as an alias in companies.yaml")
