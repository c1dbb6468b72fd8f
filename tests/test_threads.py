"""Builds in threads of one process (a program that embeds digest, or the fault-injection tests' in-process
builds): what they share in the process must not be left half made or in the other build's state."""
from __future__ import annotations

import dataclasses
import gc
import os
import subprocess
import sys
import threading
import time

import pytest

from generator.core import codec
from generator.core.parallel import MIN_PARALLEL, Later, ordered_map
from generator.write.publish import few_collections


@dataclasses.dataclass(frozen=True)
class Slow:
    text: str


@dataclasses.dataclass(frozen=True)
class Node:
    """Used by one test only: its decoder is made there, the first time anything asks for it."""

    name: str
    slow: Slow
    child: Node | None = None


def test_a_decoder_being_made_in_one_thread_is_never_called_half_made_in_another(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A dataclass that refers to itself gets a stand-in decoder while its own is made. Another thread asking
    for the decoder then waits for the real one; before, it could call the stand-in and fail with a
    NameError. Making the field's decoder is slowed here so that the second thread always comes meanwhile."""
    made = threading.Event()
    make = codec._make

    def slow_make(hint: object) -> codec.Decoder:
        if hint is Slow:
            made.set()  # the stand-in for Node exists now
            time.sleep(0.3)
        return make(hint)

    monkeypatch.setattr(codec, "_make", slow_make)
    data = {"@": "Node", "name": "a", "slow": {"@": "Slow", "text": "x"},
            "child": {"@": "Node", "name": "b", "slow": {"@": "Slow", "text": "y"}, "child": None}}
    results: list[object] = []

    def decode() -> None:
        try:
            results.append(codec.decoder(Node)(data))
        except Exception as e:  # noqa: BLE001 - the failure is what the test looks for
            results.append(e)

    first = threading.Thread(target=decode)
    first.start()
    assert made.wait(5)
    second = threading.Thread(target=decode)
    second.start()
    first.join()
    second.join()
    expected = Node("a", Slow("x"), Node("b", Slow("y")))
    assert results == [expected, expected]


def test_overlapping_builds_in_threads_give_back_the_collector_s_thresholds() -> None:
    """Each build puts the collector's full passes off; two that overlap must leave the process as it was,
    not with the build's thresholds for good (the first to end restoring, the last restoring what the first
    had set)."""
    before = gc.get_threshold()
    inside, release = threading.Event(), threading.Event()
    seen: list[tuple[int, int, int]] = []

    def build() -> None:
        with few_collections():
            inside.set()
            release.wait(5)

    other = threading.Thread(target=build)
    with few_collections():
        other.start()
        assert inside.wait(5)
    seen.append(gc.get_threshold())  # this build ended; the other still runs
    release.set()
    other.join()
    assert seen == [(100_000, 50, 1000)]
    assert gc.get_threshold() == before


def test_a_child_forked_while_another_thread_makes_a_decoder_can_make_its_own() -> None:
    """Render and parse workers are forked; a lock held by another thread at that moment would never be let go
    in the child."""
    holding, release = threading.Event(), threading.Event()

    def hold() -> None:
        with codec._MAKING:
            holding.set()
            release.wait(5)

    other = threading.Thread(target=hold)
    other.start()
    assert holding.wait(5)
    try:
        pid = os.fork()
        if pid == 0:  # the child: exit 0 only if it can take the lock at once
            os._exit(0 if codec._MAKING.acquire(timeout=2) else 1)
        _, status = os.waitpid(pid, 0)
    finally:
        release.set()
        other.join()
    assert os.waitstatus_to_exitcode(status) == 0


def _pid(_: object = None) -> int:
    return os.getpid()


def test_no_worker_is_forked_while_another_thread_runs() -> None:
    """A lock another thread holds when the process forks stays held in the child for ever (``parallel.forkable``):
    with a second thread running, ``ordered_map`` and ``Later`` do their work in this process; alone, they fork."""
    items = range(2 * MIN_PARALLEL)
    alone = set(ordered_map(_pid, items, 2, chunksize=16))
    assert os.getpid() not in alone and len(alone) == 2, "alone, two workers do the work"
    assert Later(_pid)() != os.getpid()
    release = threading.Event()
    other = threading.Thread(target=release.wait, args=(10,))
    other.start()
    try:
        assert set(ordered_map(_pid, items, 2, chunksize=16)) == {os.getpid()}
        assert Later(_pid)() == os.getpid()
    finally:
        release.set()
        other.join()


SQLITE_BESIDE_A_BUILD = """
import sqlite3, sys, threading
from generator.core.parallel import MIN_PARALLEL, ordered_map

stop = threading.Event()
def connect_again_and_again():
    while not stop.is_set():
        sqlite3.connect(":memory:").close()

def open_the_cache(n):
    sqlite3.connect(":memory:").close()  # as a render worker reads an article's body from the build cache
    return n

thread = threading.Thread(target=connect_again_and_again)
thread.start()
try:
    for _ in range(40):
        assert list(ordered_map(open_the_cache, range(MIN_PARALLEL), 2, chunksize=16)) == list(range(MIN_PARALLEL))
finally:
    stop.set()
    thread.join()
"""


def test_work_beside_a_thread_that_uses_sqlite_finishes() -> None:
    """The fault this guards against, caused: a thread opens sqlite connections while the work is mapped, and the
    work opens one too (render workers read bodies from the build cache). Forked workers inherited sqlite's
    allocator lock held, now and then, and waited for it for ever (the fault-injection tests, which build in
    threads, hung so); done in this process, the 40 maps finish."""
    result = subprocess.run([sys.executable, "-c", SQLITE_BESIDE_A_BUILD], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
