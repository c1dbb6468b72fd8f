"""ordered_map: the same results, in input order, with one process or several; Later: one result computed
in another process, or here when that process fails."""
from __future__ import annotations

import os
import signal
import time

import pytest

from generator.core.parallel import MIN_PARALLEL, Later, ordered_map


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


def test_later_runs_in_another_process_and_gives_the_same_result() -> None:
    later = Later(lambda: (os.getpid(), sum(range(1000))), MIN_PARALLEL)
    pid, total = later()
    assert pid != os.getpid() and total == 499500
    assert Later(lambda: os.getpid(), MIN_PARALLEL - 1)() == os.getpid(), "small work is not worth a process"


def test_a_killed_later_process_means_the_work_is_done_here() -> None:
    parent = os.getpid()
    later = Later(lambda: (time.sleep(30) if os.getpid() != parent else None, os.getpid())[1], MIN_PARALLEL)
    assert later._process is not None and later._process.pid
    time.sleep(0.2)
    assert later._process.is_alive(), "the other process is still working when it is killed"
    os.kill(later._process.pid, signal.SIGKILL)  # kill -9, as the OOM killer would
    started = time.monotonic()
    assert later() == parent
    assert time.monotonic() - started < 10, "the parent did not wait for the dead process"


def test_a_failing_later_prints_nothing_and_fails_here(capfd: pytest.CaptureFixture[str]) -> None:
    def fail() -> None:
        raise ValueError(f"failed in {os.getpid()}")

    later = Later(fail, MIN_PARALLEL)
    with pytest.raises(ValueError, match=f"failed in {os.getpid()}"):
        later()
    assert capfd.readouterr().err == "", "the other process printed a traceback"


def test_closing_a_later_ends_its_process() -> None:
    later = Later(lambda: time.sleep(30), MIN_PARALLEL)
    process = later._process
    assert process is not None and process.is_alive()
    later.close()
    assert not process.is_alive() and process.exitcode is not None
