"""Run a function over many items on several cores, yielding results in input order; or one
function in another process while this one goes on (``Later``).

Workers are forked, so they inherit the parent's memory (the parsed site, the Jinja
environment, the items themselves) instead of receiving it pickled; only the results cross
process boundaries (and, the other way, a byte of credit per chunk). Results come back in
input order, so a parallel build is byte-identical to a serial one. Where fork is unavailable, while other
threads run (``forkable``), or for small inputs, the work runs in this process.
"""
from __future__ import annotations

import contextlib
import ctypes
import fcntl
import functools
import gc
import json
import os
import signal
import threading
from typing import Any, Callable, Generic, Iterator, Sequence, TypeVar

from generator.core.patterns import compile_all

T = TypeVar("T")
R = TypeVar("R")

MIN_PARALLEL = 200
"""Fewer items than this are not worth starting processes for."""


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def forkable() -> bool:
    """Whether this process may fork workers: it can (POSIX), and no other thread runs in it.

    A child is forked with every lock as it was at that moment, held or not, and only the forking thread goes on
    in it. A lock that another thread held then (sqlite's allocator mutex while that thread opens a connection,
    the dynamic loader's) is never let go in the child, which waits for it forever the first time it needs it;
    forked 300 times beside a thread opening sqlite connections, 21 children hung so. So with other threads
    (``digest serve``, a program that embeds digest, tests that build in threads) the work is done here instead:
    the same results, on one core."""
    return hasattr(os, "fork") and threading.active_count() == 1


def _trim() -> None:
    """Give the C heap's free pages back to the system (glibc's ``malloc_trim``; nothing elsewhere).

    What the build freed before forking (the article files' bytes, planning's scratch) stays in this
    process's heap, and so in every worker's resident size: about 5% of it at 10,000 articles."""
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)


AHEAD = 8
"""Chunks per worker that may be started ahead of the results the caller has taken (``ordered_map``)."""
PIPE_BYTES = 1 << 20
"""Size asked for each worker's result pipe (Linux's limit for an unprivileged process): how far, in bytes of
results, a worker may get ahead of a caller that is busy writing."""
_F_SETPIPE_SZ = 1031
_RESULT, _PICKLED, _RAISED = b"b", b"p", b"e"
"""Kinds of record a worker sends: a result that is bytes, any other result (pickled), an exception (pickled)."""


def ordered_map(func: Callable[[T], R], items: Sequence[T], workers: int, chunksize: int = 32) -> Iterator[R]:
    """``map(func, items)``, spread over ``workers`` forked processes when that pays off.

    Chunk ``c`` of ``chunksize`` items is worker ``c % workers``'s, so the results are read back in input order,
    each worker's from its own pipe: a result that is bytes (a page) as it is, anything else pickled (by our own
    child). ``multiprocessing.Pool`` unpickled every result in a thread of its own and handed it over between
    threads: 2 CPU seconds of this process's for the 15,000 pages of a 10,000-article site, taken from the
    workers on two cores while this process writes the pages.

    A worker starts a chunk only when the caller has taken the results of all but ``AHEAD`` of its earlier
    ones (it waits for a byte on a pipe of credits), and blocks when its result pipe is full; so the results
    waiting for the caller stay few however slowly the caller takes them, and a site is never rendered into
    this process's memory while the writer waits on a slow disk.

    An exception raised by ``func`` in a worker is raised here. A worker that dies (kill -9, the kernel's
    out-of-memory killer) closes its pipe: the others are ended and the items whose results were not yet given
    are done here, in order, so the results are the same, only later."""
    if workers <= 1 or len(items) < MIN_PARALLEL or not forkable():
        yield from map(func, items)
        return
    import pickle  # here: an up-to-date build, which maps nothing, never needs it

    starts = range(0, len(items), chunksize)
    count = min(workers, len(starts))
    compile_all()  # the patterns any worker may use, compiled once here rather than in each (``LazyPattern``)
    _trim()  # a worker's memory starts as a copy of this process's: hand back what is free first
    pids: list[int] = []
    results: list[Any] = []
    credits: list[int] = []
    parent = os.getpid()
    gc.freeze()  # the inherited objects leave the collector's view: a worker's collections never write to
    try:         # (and so never copy) the parent's pages
        for worker in range(count):
            result_read, result_write = os.pipe()
            credit_read, credit_write = os.pipe()
            with contextlib.suppress(OSError):
                fcntl.fcntl(result_write, _F_SETPIPE_SZ, PIPE_BYTES)
            try:
                pid = fork()
            except OSError:  # no process to be had: everything is done here
                for fd in (result_read, result_write, credit_read, credit_write):
                    os.close(fd)
                _end(pids, results, credits)
                pids = []
                break
            if pid == 0:  # the worker: nothing here may return into the caller's code, or print
                code = 1
                try:
                    die_with(parent)
                    for fd in [result_read, credit_write, *credits, *(f.fileno() for f in results)]:
                        os.close(fd)
                    _work(func, items, starts[worker::count], chunksize, credit_read, result_write, pickle.dumps)
                    code = 0
                except BaseException:  # noqa: B036 - the parent reads what was sent, then does the rest here
                    pass
                finally:
                    os._exit(code)
            pids.append(pid)
            os.close(result_write)
            os.close(credit_read)
            results.append(os.fdopen(result_read, "rb", buffering=1 << 16))
            credits.append(credit_write)
            os.write(credit_write, b"." * AHEAD)
    except BaseException:
        _end(pids, results, credits)
        raise
    finally:
        gc.unfreeze()
    if not pids:
        yield from map(func, items)
        return
    taken = 0
    try:
        for chunk, start in enumerate(starts):
            source = results[chunk % count]
            for _ in range(min(chunksize, len(items) - start)):
                head = source.read(9)
                size = int.from_bytes(head[1:], "little") if len(head) == 9 else -1
                data = source.read(size) if size >= 0 else b""
                if len(data) != size:
                    break  # the worker died: what it did not send is done here
                kind = head[:1]
                if kind == _RAISED:
                    raise pickle.loads(data)
                taken += 1
                yield data if kind == _RESULT else pickle.loads(data)  # type: ignore[misc]
            else:
                with contextlib.suppress(OSError):  # a worker that is gone needs no credit
                    os.write(credits[chunk % count], b".")
                continue
            break
    finally:
        _end(pids, results, credits)
    yield from map(func, items[taken:])  # what is left, here (nothing, unless a worker died)


def _work(func: Callable[[Any], Any], items: Sequence[Any], starts: range, chunksize: int, credit: int, out: int,
          dumps: Callable[[Any], bytes]) -> None:
    """A worker's loop: for each of its chunks, a credit, then each item's result as a record on ``out``."""
    with os.fdopen(out, "wb", buffering=1 << 16) as sink:
        for start in starts:
            if not os.read(credit, 1):
                return  # the caller is gone
            for item in items[start:start + chunksize]:
                try:
                    result = func(item)
                except BaseException as error:  # noqa: B036 - raised in the caller, as map would
                    data = dumps(error)  # one that will not pickle ends the worker: the caller makes it again
                    sink.write(_RAISED + len(data).to_bytes(8, "little") + data)
                    return
                if type(result) is bytes:
                    sink.write(_RESULT + len(result).to_bytes(8, "little"))
                    sink.write(result)
                else:
                    data = dumps(result)
                    sink.write(_PICKLED + len(data).to_bytes(8, "little") + data)
            sink.flush()  # the chunk is whole: the caller may be waiting for it


def _end(pids: list[int], results: list[Any], credits: list[int]) -> None:
    """End and reap the workers, and close their pipes."""
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    for pid in pids:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
    for source in results:
        source.close()
    for fd in credits:
        os.close(fd)


def fork() -> int:
    """``os.fork()``, with Ctrl-C left to this process: the child ignores SIGINT, and this process is ended by it.

    A terminal's Ctrl-C is sent to every process of the build. A child that got it while Python's own fork
    handlers ran in it (``random``'s reseeding, ``codec``'s) printed "Exception ignored in: <bound method
    Random.seed ...>" and a KeyboardInterrupt traceback, one per child, before the build's "interrupted"; one
    that got it just after the fork raised it in this process's code. The child is ended by this process
    (``_end``, ``Later.close``) or with it (``die_with``)."""
    def start() -> int:
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGINT, signal.SIG_IGN)  # one that came since the fork is dropped
        return pid

    return _sigint_held(start, _kill)


def run_child(argv: list[str], timeout: float, **options: Any) -> Any:
    """``subprocess.run(argv, capture_output=True, timeout=timeout)`` for a program that dies with this process
    (``die_with``) and is ended by Ctrl-C, as ``fork`` does: Python's fork handlers and ``die_with`` run in the
    child with SIGINT held, so they never print a KeyboardInterrupt; the program gets it once it runs."""
    import subprocess

    def start() -> subprocess.Popen[bytes]:
        return subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                preexec_fn=functools.partial(_exec_ready, os.getpid()), **options)

    def end(process: subprocess.Popen[bytes]) -> None:
        process.kill()
        process.wait()

    with _sigint_held(start, end) as process:
        try:
            out, err = process.communicate(timeout=timeout)
        except BaseException:
            end(process)
            raise
    return subprocess.CompletedProcess(argv, process.returncode, out, err)


def _exec_ready(parent: int) -> None:
    """In ``run_child``'s child, before its program runs: die with ``parent``, and let a Ctrl-C end it."""
    die_with(parent)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _sigint_held(start: Callable[[], T], end: Callable[[T], None]) -> T:
    """``start()`` (a fork) with SIGINT held: a Ctrl-C that comes meanwhile waits in both processes, where the
    child decides what it does with it; here it is raised once ``start`` has given its child, after ``end(child)``."""
    old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        started = start()
    except BaseException:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)
        raise
    try:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)  # in this process, a Ctrl-C that came meanwhile is raised now
    except BaseException:
        end(started)
        raise
    return started


def _kill(pid: int) -> None:
    if pid:  # never in the child, which ignores SIGINT; 0 would be the whole process group
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)


class Later(Generic[R]):
    """``func()`` computed in a forked process while this one goes on; calling the ``Later`` gives its result.

    For work that does not need what this process does meanwhile: related reading while the rest of the site
    is planned, the output folder's stat walks while the cache is read. The child sends the result back
    through a pipe as JSON (``decode`` turns JSON's lists back into tuples where ``func`` returns tuples),
    with no pickle and no multiprocessing, which an up-to-date build never imports. With ``background``
    false, where fork is unavailable or fails or other threads run (``forkable``), when the call fails in the
    child, or when the child dies (killed, out of memory), ``func`` runs here when its result is asked for: the
    result is always what ``func`` gives here, and an exception is raised here, where the caller sees it.
    ``close`` ends a child whose result is no longer wanted; a ``Later`` must be called or closed. Called again,
    it gives the same result without making it again.
    """

    def __init__(self, func: Callable[[], R], background: bool = True,
                 decode: Callable[[Any], R] = lambda value: value) -> None:
        self._func, self._decode = func, decode
        self._result: tuple[R] | None = None
        self._pid = 0
        self._pipe: int | None = None
        if not background or not forkable():
            return
        read, write = os.pipe()
        parent = os.getpid()
        gc.freeze()  # as in ordered_map: the child's collections never write to (and so copy) the parent's pages
        try:
            pid = fork()
        except OSError:  # no process to be had: the call is made here
            gc.unfreeze()
            os.close(read)
            os.close(write)
            return
        if pid == 0:  # the child: nothing here may return into the caller's code, or print
            code = 1
            try:
                os.close(read)
                die_with(parent)
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


def _libc_function(name: str) -> Any:
    """A function of the C library, looked up now, in the parent: looking it up in a forked child would take the
    dynamic loader's lock, which a thread of the parent may have held when it forked (``forkable``)."""
    try:
        return getattr(ctypes.CDLL(None, use_errno=True), name)
    except (OSError, AttributeError):  # pragma: no cover - not glibc, or not Linux
        return None


_PRCTL = _libc_function("prctl")
_MALLOC_TRIM = _libc_function("malloc_trim")


def die_with(parent: int) -> None:
    """End this child when ``parent`` ends (Linux's PR_SET_PDEATHSIG, which an exec keeps): it holds the parent's
    open files, the build lock among them, which must not outlive a build that was killed. Pagefind's process
    runs it before exec (``run_child``), so a killed build does not leave Pagefind indexing for minutes."""
    if _PRCTL is not None:
        _PRCTL(1, signal.SIGKILL)  # 1: PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent was gone before that took effect
        os._exit(1)
