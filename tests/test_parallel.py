"""ordered_map: the same results, in input order, with one process or several; Background: the same maps as
the calls made here."""
from __future__ import annotations

import os
import time

import pytest

from generator.core.parallel import MIN_PARALLEL, Background, ordered_map


def test_results_keep_input_order_across_processes() -> None:
    items = list(range(MIN_PARALLEL * 3))
    offset = 7  # a closure: workers get it by fork, never by pickle

    def work(n: int) -> tuple[int, int]:
        time.sleep(0.001)  # long enough that both workers get chunks
        return n * n + offset, os.getpid()

    parallel = list(ordered_map(work, items, workers=2, chunksize=5))
    assert [value for value, _ in parallel] == [n * n + offset for n in items]
    assert len({pid for _, pid in parallel}) >= 2, "the work really ran in worker processes"
    assert os.getpid() not in {pid for _, pid in parallel}


def test_small_inputs_and_one_job_stay_in_this_process() -> None:
    assert {pid for pid in ordered_map(lambda _: os.getpid(), list(range(10)), workers=2)} == {os.getpid()}
    assert {pid for pid in ordered_map(lambda _: os.getpid(), list(range(MIN_PARALLEL)), workers=1)} == {os.getpid()}


def test_background_maps_come_from_the_child_and_equal_the_calls() -> None:
    odd = {"caf\u00e9/index.html": "12:34:56", "bad\udcffname": "d", "": "", "a\tb\nc": "link or special file"}
    pids = Background([lambda: {"pid": str(os.getpid())}, lambda: dict(odd), dict])
    try:
        assert pids.result(0) != {"pid": str(os.getpid())}, "the call ran in the child"
        assert pids.result(1) == odd
        assert pids.result(2) == {}
        assert pids.result(0) == pids.result(0)
    finally:
        pids.close()


def test_background_calls_that_fail_in_the_child_are_made_again_here() -> None:
    calls = []

    def boom() -> dict[str, str]:
        calls.append(os.getpid())
        raise OSError("gone")

    failing = Background([boom, lambda: {"a\0b": "c"}, lambda: {"x": "y"}])
    try:
        with pytest.raises(OSError, match="gone"):
            failing.result(0)
        assert calls == [os.getpid()], "raised here, where the caller sees it"
        assert failing.result(1) == {"a\0b": "c"}  # a NUL cannot be sent: made here
        failing.close()
        assert failing.result(2) == {"x": "y"}  # the child is gone: made here
    finally:
        failing.close()
