"""ordered_map: the same results, in input order, with one process or several; Later: one result computed
in another process, or here when that process fails."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

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


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, dead but not yet reaped, counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_later_runs_in_another_process_and_gives_the_same_result() -> None:
    later = Later(lambda: (os.getpid(), sum(range(1000))))
    pid, total = later()
    assert pid != os.getpid() and total == 499500
    assert later() == [pid, total], "asked again: the same result, not made again"
    assert Later(lambda: os.getpid(), background=False)() == os.getpid()
    assert Later(lambda: ((1, 2), (3,)), decode=lambda rows: tuple(map(tuple, rows)))() == ((1, 2), (3,))


def test_later_results_cross_the_pipe_with_odd_text_intact() -> None:
    """Paths that are not UTF-8 (surrogate escapes), tabs, newlines, NULs and empty strings come back as made."""
    odd = {"caf\u00e9/index.html": "12:34:56", "bad\udcffname": "d", "": "", "a\tb\nc": "link or special file",
           "a\0b": "c"}
    later = Later(lambda: dict(odd, pid=str(os.getpid())))
    found = later()
    assert found.pop("pid") != str(os.getpid()), "made in the child"
    assert found == odd


def test_a_killed_later_process_means_the_work_is_done_here() -> None:
    parent = os.getpid()
    later = Later(lambda: (time.sleep(30) if os.getpid() != parent else None, os.getpid())[1])
    time.sleep(0.2)
    assert _alive(later._pid), "the other process is still working when it is killed"
    os.kill(later._pid, signal.SIGKILL)  # kill -9, as the OOM killer would
    started = time.monotonic()
    assert later() == parent
    assert time.monotonic() - started < 10, "the parent did not wait for the dead process"


def test_a_failing_later_prints_nothing_and_fails_here(capfd: pytest.CaptureFixture[str]) -> None:
    calls = []

    def fail() -> None:
        calls.append(os.getpid())
        raise ValueError(f"failed in {os.getpid()}")

    later = Later(fail)
    with pytest.raises(ValueError, match=f"failed in {os.getpid()}"):
        later()
    assert calls == [os.getpid()], "raised here, where the caller sees it"
    assert capfd.readouterr().err == "", "the other process printed a traceback"


def test_closing_a_later_ends_its_process() -> None:
    parent = os.getpid()
    later = Later(lambda: time.sleep(30) if os.getpid() != parent else None)  # no 30 s wait here after close
    pid = later._pid
    assert _alive(pid)
    later.close()
    assert not _alive(pid)
    assert later() is None, "after close, the work is done here"


def test_a_later_process_ends_when_its_parent_is_killed(tmp_path: Path) -> None:
    """It holds the parent's files, the build lock among them: kill -9 of a build must not leave it running."""
    script = tmp_path / "parent.py"
    script.write_text("import os, sys, time\nsys.path.insert(0, sys.argv[1])\nfrom generator.core.parallel import Later\n"
                      "later = Later(lambda: time.sleep(60))\nprint(later._pid, flush=True)\ntime.sleep(60)\n")
    parent = subprocess.Popen([sys.executable, str(script), str(Path(__file__).parent.parent)], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        assert _alive(child)
        parent.kill()
        parent.wait()
        deadline = time.monotonic() + 10
        while _alive(child) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not _alive(child), "the child outlived its killed parent"
    finally:
        parent.kill()



def test_a_build_error_in_a_worker_reaches_the_caller_with_its_problems() -> None:
    """In a process of its own, with a timeout: a worker's exception that the pool cannot unpickle (as
    BuildError could not, before it pickled its problems) leaves the pool waiting for ever."""
    code = """if True:
        from generator.core.errors import BuildError, Problem
        from generator.core.parallel import MIN_PARALLEL, ordered_map
        def bad(n):
            if n == MIN_PARALLEL - 1:
                raise BuildError([Problem("content/a.md", 0, "", "the file changed while the site was being built")])
            return n
        try:
            list(ordered_map(bad, range(MIN_PARALLEL), 2))
        except BuildError as e:
            print([str(p) for p in e.problems])
    """
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (
        0, "['content/a.md: the file changed while the site was being built']\n", "")


def test_workers_stay_a_bounded_number_of_items_ahead_of_a_slow_caller(tmp_path: Path) -> None:
    """The pool is given items only as the caller takes results: a caller slower than the workers (the writer on
    a slow disk) never has more than ``AHEAD`` chunks per worker waiting, instead of the whole site's pages."""
    import multiprocessing

    from generator.core import parallel

    started = multiprocessing.get_context("fork").Value("i", 0)  # shared with the forked workers

    def work(n: int) -> int:
        with started.get_lock():
            started.value += 1
        return n

    items, chunk = list(range(2000)), 4
    limit = parallel.AHEAD * chunk * 2
    ahead = []
    for taken, n in enumerate(ordered_map(work, items, workers=2, chunksize=chunk), 1):
        assert n == taken - 1
        if taken % 100 == 0:
            time.sleep(0.05)  # the workers would run far ahead now
            ahead.append(started.value - taken)
    assert max(ahead) <= limit, f"{max(ahead)} items made ahead of the caller; at most {limit} allowed"
    assert max(ahead) >= chunk, "the workers did work ahead"


def test_a_caller_that_stops_taking_results_ends_the_pool() -> None:
    """Leaving the loop early (an error in the writer) ends the workers, though the pool is waiting for slots."""
    found = ordered_map(lambda n: os.getpid(), list(range(5000)), workers=2, chunksize=4)
    pids = {next(found) for _ in range(50)}
    found.close()
    time.sleep(0.2)
    assert not any(_alive(pid) for pid in pids - {os.getpid()})


def test_a_worker_killed_mid_map_leaves_its_items_to_this_process() -> None:
    """kill -9 of a worker (or the out-of-memory killer) loses the chunk it held, which a pool would wait for
    for ever: the map gives every result all the same, in order, the rest made here. In a process of its own,
    with a timeout, so that a map that waits for ever fails the test instead of hanging the suite."""
    code = """if True:
        import os, signal
        from generator.core.parallel import ordered_map
        parent, made_here = os.getpid(), []
        def work(n):
            if os.getpid() == parent:
                made_here.append(n)
            elif n == 250:
                os.kill(os.getpid(), signal.SIGKILL)
            return n * 3
        assert list(ordered_map(work, list(range(400)), workers=2, chunksize=16)) == [n * 3 for n in range(400)]
        assert 250 in made_here and made_here == list(range(made_here[0], 400)), made_here
        print("made here from", made_here[0])
    """
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          cwd=Path(__file__).parent.parent)
    assert (done.returncode, done.stdout, done.stderr) == (0, "made here from 240\n", ""), "the lost chunk (240-255) on"


@pytest.mark.parametrize("when", [1, 2])
def test_when_no_worker_can_be_forked_the_map_runs_here(when: int) -> None:
    """The first or the second fork fails (EAGAIN, injected with strace: a process limit reached): the results
    are the same, all made here, and the worker that was forked is ended."""
    if shutil.which("strace") is None:
        if os.environ.get("CI"):
            pytest.fail("strace is not installed (apt-get install strace)")
        pytest.skip("strace is not installed (apt-get install strace)")
    code = """if True:
        import os
        from generator.core.parallel import ordered_map
        parent = os.getpid()
        assert list(ordered_map(lambda n: (n * 3, os.getpid()), list(range(400)), workers=2, chunksize=16)) == [
            (n * 3, parent) for n in range(400)]
        try:
            os.waitpid(-1, os.WNOHANG)
            print("a worker is left")
        except ChildProcessError:
            print("no worker left")
    """
    done = subprocess.run(["strace", "-f", "-qq", "-o", os.devnull, "-e", "trace=clone,clone3", "-e",
                           f"inject=clone,clone3:error=EAGAIN:when={when}", sys.executable, "-c", code],
                          capture_output=True, text=True, timeout=60, cwd=Path(__file__).parent.parent)
    assert (done.returncode, done.stdout, done.stderr) == (0, "no worker left\n", "")
