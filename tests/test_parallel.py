"""ordered_map: the same results, in input order, with one process or several."""
from __future__ import annotations

import os
import time

from generator.core.parallel import MIN_PARALLEL, ordered_map


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
