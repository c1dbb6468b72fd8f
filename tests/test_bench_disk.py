"""The bench's machine line names the file system the builds write to (``bench/run.py``'s ``output_disk``)."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def bench_run():
    spec = importlib.util.spec_from_file_location("bench_run", REPO / "bench" / "run.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_run"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not Path("/proc/self/mountinfo").is_file(), reason="no /proc/self/mountinfo (not Linux)")
def test_the_bench_names_the_file_system_it_writes_to(tmp_path: Path) -> None:
    run = bench_run()
    assert run.output_disk(Path("/proc/self")) == "proc", "the longest mount point that holds the folder"
    kind = run.output_disk(tmp_path)
    assert kind != "unknown" and kind != "proc"
    if kind.startswith("ext4"):
        assert kind in ("ext4 (with a journal)", "ext4 (no journal)")
    line = run.machine_line({**run.machine(), "disk": "ext4 (no journal)"},
                            {"python": "3", "digest": "d", "hugo": "h", "pelican": "p", "markdown": "m"})
    assert line.endswith("; output on ext4 (no journal).")
