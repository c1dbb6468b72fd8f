"""Run a function over many items on several cores, yielding results in input order; or one
function in another process while this one goes on (``Later``).

Workers are forked, so they inherit the parent's memory (the parsed site, the Jinja
environment) instead of receiving it pickled; only the items and the results cross
process boundaries. Results come back in input order, so a parallel build is
byte-identical to a serial one. Where fork is unavailable, or for small inputs, the
work runs in this process.
"""
from __future__ import annotations

import contextlib
import ctypes
import gc
import json
import os
import signal
from typing import Any, Callable, Generic, Iterator, Sequence, TypeVar

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


def _run_chunk(items: Sequence[object]) -> list[object]:
    assert _TASK is not None
    return [_TASK(item) for item in items]


AHEAD = 8
"""Chunks per worker that may be given out ahead of the results the caller has taken (``ordered_map``)."""
DEATH_CHECK_S = 0.2
"""How long ``ordered_map`` waits for the next result before it looks whether a worker has died."""


def ordered_map(func: Callable[[T], R], items: Sequence[T], workers: int, chunksize: int = 32) -> Iterator[R]:
    """``map(func, items)``, spread over ``workers`` forked processes when that pays off.

    At most ``AHEAD`` chunks per worker are given out beyond the results the caller has taken, so the results
    waiting in this process stay few however slowly the caller takes them: a pool fed every item at once
    renders a whole site into this process's memory while the writer waits on a slow disk.

    A worker that dies (kill -9, the kernel's out-of-memory killer) takes its chunk with it, and a pool waits
    for that chunk for ever; so the pool is ended and the items whose results were not yet given are done
    in this process, in order: the results are the same, only later."""
    global _TASK
    import multiprocessing  # here: an up-to-date build, which forks only ``Later``s, never needs it (40 ms)
    import threading

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
    slots = threading.Semaphore(AHEAD * workers)
    stop = threading.Event()

    def given() -> Iterator[Sequence[T]]:  # run by the pool's feeding thread, which waits here for a slot
        for start in range(0, len(items), chunksize):
            while not slots.acquire(timeout=0.05):
                if stop.is_set():  # the caller is gone: let the pool end
                    return
            yield items[start:start + chunksize]

    taken = 0
    try:
        chunks = pool.imap(_run_chunk, given())  # one chunk per task, so that ``next`` can wait with a timeout
        workers_seen = set(pool._pool)  # type: ignore[attr-defined]
        while True:
            try:
                results = chunks.next(timeout=DEATH_CHECK_S)
            except StopIteration:
                return
            except multiprocessing.TimeoutError:
                workers_seen.update(pool._pool)  # type: ignore[attr-defined]  # replacements the pool started
                if any(worker.exitcode is not None for worker in workers_seen):
                    break  # a worker died (killed, out of memory): the chunk it held never comes back
                continue
            for result in results:
                taken += 1
                yield result
            slots.release()
    finally:
        stop.set()
        pool.terminate()
        pool.join()
        _TASK = None
    yield from map(func, items[taken:])  # what is left, here


class Later(Generic[R]):
    """``func()`` computed in a forked process while this one goes on; calling the ``Later`` gives its result.

    For work that does not need what this process does meanwhile: related reading while the rest of the site
    is planned, the output folder's stat walks while the cache is read. The child sends the result back
    through a pipe as JSON (``decode`` turns JSON's lists back into tuples where ``func`` returns tuples),
    with no pickle and no multiprocessing, which an up-to-date build never imports. With ``background``
    false, where fork is unavailable or fails, when the call fails in the child, or when the child dies
    (killed, out of memory), ``func`` runs here when its result is asked for: the result is always what
    ``func`` gives here, and an exception is raised here, where the caller sees it. ``close`` ends a child
    whose result is no longer wanted; a ``Later`` must be called or closed. Called again, it gives the same
    result without making it again.
    """

    def __init__(self, func: Callable[[], R], background: bool = True,
                 decode: Callable[[Any], R] = lambda value: value) -> None:
        self._func, self._decode = func, decode
        self._result: tuple[R] | None = None
        self._pid = 0
        self._pipe: int | None = None
        if not background or not hasattr(os, "fork"):
            return
        read, write = os.pipe()
        parent = os.getpid()
        gc.freeze()  # as in ordered_map: the child's collections never write to (and so copy) the parent's pages
        try:
            pid = os.fork()
        except OSError:  # no process to be had: the call is made here
            gc.unfreeze()
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child: nothing here may return into the caller's code, or print
            code = 1
            try:
                os.close(read)
                _die_with(parent)
                data = json.dumps(func(), separators=(",", ":")).encode("ascii")  # lone surrogates as \udcxx
                with os.fdopen(write, "wb") as out:
                    out.write(data)
                code = 0
            except BaseException:  # noqa: B036 - made again in the parent, whose exception the caller sees
                pass
            finally:
                os._exit(code)
        gc.unfreeze()
        os.close(write)
        self._pid, self._pipe = pid, read

    def __call__(self) -> R:
        if self._result is None:
            self._result = (self._make(),)
        return self._result[0]

    def _make(self) -> R:
        if self._pipe is None:
            return self._func()
        data = b""
        try:
            with os.fdopen(self._pipe, "rb") as pipe:
                self._pipe = None
                data = pipe.read()  # until the child has written all and exited
        except OSError:
            data = b""
        if self._reap(kill=False) == 0 and data:
            with contextlib.suppress(ValueError):
                return self._decode(json.loads(data))
        return self._func()  # the child failed or died: do the work here

    @property
    def running(self) -> bool:
        """Whether a child is making the result, which is not yet read."""
        return self._pipe is not None

    def close(self) -> None:
        """End the child if it still runs, and reap it."""
        if self._pipe is not None:
            os.close(self._pipe)
            self._pipe = None
        self._reap(kill=True)

    def _reap(self, kill: bool) -> int | None:
        if not self._pid:
            return None
        if kill:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
        try:
            _, status = os.waitpid(self._pid, 0)
        except ChildProcessError:
            status = -1
        self._pid = 0
        return os.waitstatus_to_exitcode(status) if status != -1 else None


def _die_with(parent: int) -> None:
    """End this child when ``parent`` ends (Linux's PR_SET_PDEATHSIG): it holds the parent's open files,
    the build lock among them, which must not outlive a build that was killed."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent was gone before that took effect
        os._exit(1)
