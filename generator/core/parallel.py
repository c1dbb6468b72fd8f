"""Run a function over many items on several cores, yielding results in input order; or one
function in another process while this one goes on (``Later``).

Workers are forked, so they inherit the parent's memory (the parsed site, the Jinja
environment) instead of receiving it pickled; only the items and the results cross
process boundaries. Results come back in input order, so a parallel build is
byte-identical to a serial one. Where fork is unavailable, or for small inputs, the
work runs in this process.
"""
from __future__ import annotations

import ctypes
import gc
import multiprocessing
import multiprocessing.connection
import multiprocessing.process
import os
from typing import Callable, Generic, Iterator, Sequence, TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_PARALLEL = 200
"""Fewer items than this are not worth starting processes for."""
_TASK: Callable | None = None


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def _trim() -> None:
    """Give the C heap's free pages back to the system (glibc's ``malloc_trim``; nothing elsewhere).

    What the build freed before forking (the article files' bytes, planning's scratch) stays in this
    process's heap, and so in every worker's resident size: about 5% of it at 10,000 articles."""
    try:
        ctypes.CDLL(None).malloc_trim(0)
    except (OSError, AttributeError):  # pragma: no cover - not glibc
        pass


def _run(item: object) -> object:
    assert _TASK is not None
    return _TASK(item)


def ordered_map(func: Callable[[T], R], items: Sequence[T], workers: int, chunksize: int = 32) -> Iterator[R]:
    """``map(func, items)``, spread over ``workers`` forked processes when that pays off."""
    global _TASK
    if workers <= 1 or len(items) < MIN_PARALLEL or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(func, items)
        return
    _TASK = func
    _trim()  # a worker's memory starts as a copy of this process's: hand back what is free first
    gc.freeze()  # the inherited objects leave the collector's view: a worker's collections never write to
    try:         # (and so never copy) the parent's pages
        pool = multiprocessing.get_context("fork").Pool(min(workers, len(items)))
    finally:
        gc.unfreeze()
    try:
        yield from pool.imap(_run, items, chunksize)  # type: ignore[misc]
    finally:
        pool.terminate()
        pool.join()
        _TASK = None


class Later(Generic[R]):
    """``func()`` computed in a forked process while this one goes on; calling the ``Later`` gives its result.

    For work that needs the whole site but not the rest of the plan (related reading): the other core,
    idle while the planner runs, does it. Below ``MIN_PARALLEL`` items, where fork is unavailable, or
    when the process fails (killed, out of memory), ``func`` runs here, when its result is asked for;
    the result is the same either way. ``close`` ends a process whose result is no longer wanted (the
    build failed); a ``Later`` must be closed or called.
    """

    def __init__(self, func: Callable[[], R], items: int) -> None:
        self._func = func
        self._process: multiprocessing.process.BaseProcess | None = None
        if items < MIN_PARALLEL or "fork" not in multiprocessing.get_all_start_methods():
            return
        context = multiprocessing.get_context("fork")
        self._reader, writer = context.Pipe(duplex=False)
        self._process = context.Process(target=_send, args=(func, writer), daemon=True)
        gc.freeze()  # as in ordered_map: the child's collections never copy the parent's pages
        try:
            self._process.start()
        finally:
            gc.unfreeze()
            writer.close()

    def __call__(self) -> R:
        if self._process is None:
            return self._func()
        try:
            return self._reader.recv()  # type: ignore[no-any-return]
        except (EOFError, OSError):  # the process died without an answer: do the work here
            return self._func()
        finally:
            self.close()

    def close(self) -> None:
        if self._process is not None:
            self._process.kill()  # a no-op once it has exited
            self._process.join()
            self._reader.close()
            self._process = None


def _send(func: Callable[[], object], writer: multiprocessing.connection.Connection) -> None:
    try:
        value = func()
    except BaseException:  # noqa: B036 - no traceback here: the parent, given no answer, runs func and reports
        os._exit(1)
    writer.send(value)
    writer.close()
