"""Run a function over many items on several cores, yielding results in input order.

Workers are forked, so they inherit the parent's memory (the parsed site, the Jinja
environment) instead of receiving it pickled; only the items and the results cross
process boundaries. Results come back in input order, so a parallel build is
byte-identical to a serial one. Where fork is unavailable, or for small inputs, the
work runs in this process.
"""
from __future__ import annotations

import contextlib
import gc
import os
import signal
from typing import BinaryIO, Callable, Iterator, Sequence, TypeVar

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


def _run(item: object) -> object:
    assert _TASK is not None
    return _TASK(item)


def ordered_map(func: Callable[[T], R], items: Sequence[T], workers: int, chunksize: int = 32) -> Iterator[R]:
    """``map(func, items)``, spread over ``workers`` forked processes when that pays off."""
    global _TASK
    import multiprocessing  # here: an up-to-date build, which forks only ``Background``, never needs it

    if workers <= 1 or len(items) < MIN_PARALLEL or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(func, items)
        return
    _TASK = func
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


class Background:
    """Calls that each return a ``dict[str, str]``, made in one forked process while this one goes on; each
    result is read when it is needed.

    The child makes the calls in order and sends each map back through a pipe as soon as it has it: keys
    and values NUL-separated (a path cannot hold NUL), text as UTF-8 with any surrogate escapes kept. A
    call that fails in the child, a child that dies, or a system without fork: the call is made here
    instead, when its result is asked for, so the result is always what the call gives here. ``close``
    ends the child if its results are no longer wanted.
    """

    def __init__(self, calls: Sequence[Callable[[], dict[str, str]]]) -> None:
        self._calls = tuple(calls)
        self._results: list[dict[str, str] | None] = []
        self._pid = 0
        self._pipe: BinaryIO | None = None
        if not hasattr(os, "fork"):
            return
        read, write = os.pipe()
        gc.freeze()  # as in ordered_map: the child's collections never write to (and so copy) the parent's pages
        try:
            pid = os.fork()
        except OSError:  # no process to be had: every call is made here
            gc.unfreeze()
            os.close(read)
            os.close(write)
            return
        if pid:
            gc.unfreeze()
        else:  # the child: nothing here may return into the caller's code
            code = 0
            try:
                os.close(read)
                with os.fdopen(write, "wb") as out:
                    for call in self._calls:
                        try:
                            data = _to_bytes(call())
                        except Exception:
                            data = None  # made again in the parent, where the exception is the caller's to see
                        out.write(b"-" if data is None else b"+" + len(data).to_bytes(8, "little") + data)
                        out.flush()
            except BaseException:
                code = 1
            finally:
                os._exit(code)
        os.close(write)
        self._pid = pid
        self._pipe = os.fdopen(read, "rb")

    def result(self, index: int) -> dict[str, str]:
        """The result of call ``index``, from the child if it made it, else made here now."""
        while len(self._results) <= index and self._pipe is not None:
            try:
                self._results.append(self._read(self._pipe))
            except (EOFError, OSError, UnicodeDecodeError, ValueError):
                self.close()
        found = self._results[index] if index < len(self._results) else None
        return found if found is not None else self._calls[index]()

    @staticmethod
    def _read(pipe: BinaryIO) -> dict[str, str] | None:
        status = pipe.read(1)
        if status == b"-":
            return None
        size = pipe.read(8)
        if status != b"+" or len(size) != 8:
            raise EOFError
        data = pipe.read(int.from_bytes(size, "little"))
        if len(data) != int.from_bytes(size, "little"):
            raise EOFError
        if not data:
            return {}
        parts = data.decode("utf-8", "surrogatepass").split("\0")
        return dict(zip(parts[::2], parts[1::2]))

    def close(self) -> None:
        """End the child (if it still runs) and reap it; results not yet read are made here when asked for."""
        if self._pipe is not None:
            self._pipe.close()
            self._pipe = None
        if self._pid:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self._pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self._pid, 0)
            self._pid = 0


def _to_bytes(found: dict[str, str]) -> bytes:
    """A map of text as the child sends it: keys and values alternating, NUL-separated."""
    if any("\0" in k or "\0" in v for k, v in found.items()):
        raise ValueError("a NUL in a path")
    return "\0".join(x for item in found.items() for x in item).encode("utf-8", "surrogatepass")
