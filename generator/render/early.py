"""Pages rendered while planning finishes, on the core a cold build would leave idle.

A cold build plans its article pages last (``plan.LAST``), then checks the redirects, links and images; at 10,000
articles that is about a second on one core, while the other idles for 0.75 s (docs/performance.md, round forty-one).
``EarlyPages`` forks a process, once the other page kinds are planned, that renders their pages in plan order, each
appended to an anonymous memory file (``os.memfd_create``: no name on any disk, gone with the last process that holds
it). Just before the render workers start, the build takes what it has (``take``): the process is ended where it is,
and each page it wrote whole is given to the workers (``Rendered.get``), which hand its bytes on instead of rendering
it again, as they hand on their own (written by ``output.Direct``, counted by the writer). It runs at the lowest
priority: on a machine whose cores are all busy it renders little, and takes no time from the planning.

The bytes are the ``Renderer``'s, from the same spec, so the site is the same. A page that fails in that process (a
template's error, a body that cannot be read back) ends it there: the pages before it are kept, and it and the rest are
rendered by the workers, which report its error as a build without this process does (the same message, the same
order, every problem in one run). A process killed (kill -9), or ended by the build, leaves only whole pages; a build
killed or interrupted leaves nothing on disk, and the process dies with it (``parallel.die_with``).
"""
from __future__ import annotations

import contextlib
import gc
import os
import signal
from typing import TYPE_CHECKING, Sequence

from generator.core.models import PageSpec
from generator.core.parallel import Later, die_with, fork, forkable
from generator.load.config import Config
from generator.render import precompiled
from generator.render.precompiled import Codes
from generator.render.context import SiteEnvironment
from generator.render.plan import Renderer

if TYPE_CHECKING:
    import mmap

LIMIT = 64 << 20
"""Bytes of pages the early process renders at most: they stay in memory until the site is written (about 22 MB at
10,000 news articles; a bigger site's first pages fill it)."""
_HEAD = 16
"""A page's record in the file: its place among the specs and its length (8 bytes each, little-endian), then its
bytes."""


class Rendered:
    """The pages rendered early, by output path; inherited by the render workers as they are forked."""

    def __init__(self, pages: mmap.mmap | None = None, places: dict[str, tuple[int, int]] | None = None) -> None:
        self._pages, self._places = pages, places or {}

    def __len__(self) -> int:
        return len(self._places)

    def get(self, path: str) -> bytes | None:
        """The bytes of the page ``path``, or None if it was not rendered early."""
        place = self._places.get(path)
        return None if place is None or self._pages is None else self._pages[place[0]:place[0] + place[1]]


class EarlyPages:
    """A process that renders pages while this one plans (``start``), and what it rendered (``take``).

    Made by a cold build with more than one job (``build.build``): ``plan.plan_site`` calls ``start`` with the specs
    planned before the last kinds, ``build.render`` takes the pages, and ``close`` (always called) ends a process whose
    pages were not taken: the build stopped before rendering (bad input, Ctrl-C)."""

    def __init__(self, config: Config, compiled: Later[Codes]) -> None:
        self.config, self.compiled = config, compiled
        self._pid = 0
        self._file: int | None = None
        self._specs: Sequence[PageSpec] = ()

    def start(self, env: SiteEnvironment, specs: Sequence[PageSpec]) -> None:
        """Render ``specs`` with ``env`` in another process, in order, until ``take``; nothing is started where fork
        or ``memfd_create`` is unavailable, or while other threads run (``parallel.forkable``)."""
        if not specs or self._file is not None or not hasattr(os, "memfd_create") or not forkable():
            return
        precompiled.install(env, self.compiled)  # the templates compiled meanwhile: the process needs them
        try:
            file = os.memfd_create("digest-early-pages", os.MFD_CLOEXEC)
        except OSError:
            return
        parent = os.getpid()
        gc.freeze()  # as in ``parallel.Later``: the child's collections never write to (and so copy) our pages
        try:
            pid = fork()
        except OSError:  # no process to be had: the workers render every page
            gc.unfreeze()
            os.close(file)
            return
        if pid == 0:  # the child: nothing here may return into the build's code, or print
            try:
                die_with(parent)
                os.nice(19)  # the idle core only: on a busy machine it takes no time from the planning it overlaps
                _render_into(file, Renderer(env, self.config), specs)
            finally:
                os._exit(0)
        gc.unfreeze()
        self._pid, self._file, self._specs = pid, file, specs

    def take(self) -> Rendered:
        """End the process where it is and give every page it wrote whole."""
        file, specs = self._file, self._specs
        self.close(keep=True)
        if file is None:
            return Rendered()
        import mmap  # here: a build that renders nothing early never loads it

        try:
            size = os.fstat(file).st_size
            pages = mmap.mmap(file, size, prot=mmap.PROT_READ) if size else None
        except OSError:  # no memory to map it: the workers render every page
            return Rendered()
        finally:
            os.close(file)
        if pages is None:
            return Rendered()
        places, at = {}, 0
        while at + _HEAD <= size:  # a record cut short by the end of the process is left out
            index, length = int.from_bytes(pages[at:at + 8], "little"), int.from_bytes(pages[at + 8:at + 16], "little")
            if at + _HEAD + length > size or index >= len(specs):
                break
            places[specs[index].path] = (at + _HEAD, length)
            at += _HEAD + length
        return Rendered(pages, places)

    def close(self, keep: bool = False) -> None:
        """End and reap the process if it runs; its file is closed too unless ``keep`` (``take`` reads it)."""
        if self._pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self._pid, 0)
            self._pid = 0
        if self._file is not None and not keep:
            os.close(self._file)
        self._file = None


def _render_into(file: int, renderer: Renderer, specs: Sequence[PageSpec]) -> None:
    """In the child: each spec's bytes appended to ``file`` as a record (``_HEAD``), until one fails or ``LIMIT``
    bytes are written."""
    written = 0
    for index, spec in enumerate(specs):
        if written > LIMIT:
            return
        try:
            data = renderer(spec)
        except Exception:  # noqa: BLE001 - the render worker renders it again and reports what is wrong
            return
        record = memoryview(index.to_bytes(8, "little") + len(data).to_bytes(8, "little") + data)
        written += len(record)
        while record:
            record = record[os.write(file, record):]
