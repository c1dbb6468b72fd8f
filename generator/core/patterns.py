"""Regular expressions compiled the first time they are used (``LazyPattern``), not when their module is imported."""
from __future__ import annotations

import re
from typing import Any


class LazyPattern:
    """``re.compile(pattern, flags)``, compiled the first time one of its methods is read; used as the compiled
    pattern is (``.search``, ``.sub``, ``.finditer`` …; ``.pattern`` is the text, read without compiling).

    Why: the build's modules hold about 240 patterns, most of them for faults an article seldom has. Compiled as
    their modules were imported, they were a third of importing the build's instructions, paid by every one-edit
    rebuild (which parses one article and uses about 55 of them) and every up-to-date build (about 7). A forked
    worker inherits the patterns its parent compiled but compiles those it meets first itself, so ``compile_all``
    compiles every one before ``parallel.ordered_map`` forks, and a big build compiles each once, not in every worker.

    Each method read is kept on the object (``__getattr__``), so later reads find it there. A use still costs
    about 400 instructions more than the compiled pattern's own (the class has a ``__getattr__``): a cold build of
    200 articles took the same instructions (within 0.05%) as with the compiled patterns put back in place."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None
        _MADE.append(self)

    def compile(self) -> re.Pattern[str]:
        """The compiled pattern, compiled now if it was not yet."""
        if self._compiled is None:
            self._compiled = re.compile(self.pattern, self._flags)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        """Read only for what this object does not have yet: the compiled pattern's ``name``, kept here."""
        if name.startswith("_"):  # not a pattern's method: ``_compiled`` before ``__init__`` (a copy), dunders
            raise AttributeError(name)
        value = getattr(self.compile(), name)
        self.__dict__[name] = value
        return value

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r}, {self._flags!r})"


_MADE: list[LazyPattern] = []
"""Every ``LazyPattern`` made so far, for ``compile_all``."""


def compile_all() -> None:
    """Compile every ``LazyPattern`` not compiled yet: before forking workers that will use many of them."""
    for pattern in _MADE:
        pattern.compile()
