"""LazyPattern: the build's regular expressions are compiled where first used, each once, and a big build's forked
workers inherit them compiled."""
from __future__ import annotations

import os
import pkgutil
import re
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import generator
from generator.core import patterns
from generator.core.parallel import MIN_PARALLEL, ordered_map
from generator.core.patterns import LazyPattern

HERE = Path(__file__).parent


def test_a_lazy_pattern_does_what_the_compiled_one_does() -> None:
    lazy = LazyPattern(r"(?P<word>[a-z]+)-(\d+)", re.IGNORECASE)
    compiled = re.compile(r"(?P<word>[a-z]+)-(\d+)", re.IGNORECASE)
    assert lazy.pattern == compiled.pattern and lazy._compiled is None, "its text is read without compiling"
    text = "Satu-1, dua-22 dan TIGA-333"
    assert lazy.search(text).groupdict() == compiled.search(text).groupdict()
    assert lazy.compile() is lazy.compile()
    assert lazy.sub(r"\2", text) == compiled.sub(r"\2", text)
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in compiled.finditer(text)]
    assert lazy.fullmatch("a-1") and not lazy.match(" a-1")
    assert (lazy.split(text), lazy.findall(text), lazy.flags, lazy.groupindex) == \
        (compiled.split(text), compiled.findall(text), compiled.flags, compiled.groupindex)
    assert "search" in vars(lazy), "a method read once is kept: later reads do not pass through __getattr__"


IMPORTED = """
import re, sys
compiled = []
original = re._compile
def counting(pattern, flags):
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename.endswith(("re/__init__.py", "re.py")):
        frame = frame.f_back
    if frame is not None and "/generator/" in frame.f_code.co_filename and not isinstance(pattern, re.Pattern):
        compiled.append(pattern)
    return original(pattern, flags)
re._compile = counting
import generator.build, generator.commands.cli
print(compiled)
print("generator.commands.scaffold" in sys.modules)
"""


def test_importing_the_build_compiles_almost_none_of_its_patterns() -> None:
    """Compiled as their modules were imported, the build's 240 patterns were a third of importing it, paid by every
    one-edit rebuild (which uses about 55) and up-to-date build (about 7). One is compiled still: the table of the
    bytes an article may hold is made with it, and every article read uses it. ``content`` imported
    ``commands.scaffold`` (and its patterns) for the placeholder body alone."""
    run = subprocess.run([sys.executable, "-c", IMPORTED], capture_output=True, text=True, check=True,
                         env=os.environ | {"PYTHONPATH": str(HERE.parent)})
    from generator.load.content import FORBIDDEN_CHARS
    assert run.stdout.split("\n") == [repr([FORBIDDEN_CHARS.pattern]), "False", ""], run.stdout


def test_every_lazy_pattern_compiles() -> None:
    """A pattern is compiled where first used: one that no test uses would otherwise fail in an editor's build."""
    for module in pkgutil.walk_packages(generator.__path__, "generator."):
        import_module(module.name)
    assert len(patterns._MADE) > 200
    patterns.compile_all()
    assert all(pattern._compiled is not None for pattern in patterns._MADE)


def test_forked_workers_inherit_the_patterns_compiled() -> None:
    """``ordered_map`` compiles every pattern before it forks, so a big build compiles each once, not in each worker."""
    lazy = LazyPattern(r"x+")

    def work(n: int) -> bool:
        return lazy._compiled is not None and os.getpid() != parent

    parent = os.getpid()
    assert all(ordered_map(work, range(MIN_PARALLEL), workers=2))
    fresh = LazyPattern(r"y+")
    assert list(ordered_map(lambda _: fresh._compiled is None, range(3), workers=2)) == [True] * 3, \
        "nothing is compiled for work done in this process"
