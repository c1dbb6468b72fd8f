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


def test_the_bench_reports_the_kernels_share_of_a_builds_cpu(tmp_path: Path) -> None:
    """A build's CPU is split into the part the kernel spent (making 50,000 folders here: about 0.3 s even on a
    tmpfs) and the rest: on a file system that scans freed inodes for each new folder, that part is what grows
    (docs/performance.md, round eighteen)."""
    run = bench_run()
    (tmp_path / "f").mkdir()
    makes_folders = [sys.executable, "-c", "import os\nfor i in range(50000): os.mkdir(f'f/d{i}')"]
    computes = [sys.executable, "-c", "print(sum(range(30_000_000)))"]
    usage = {}
    for name, command in (("folders", makes_folders), ("sums", computes)):
        tree = run.Tree("digest", tmp_path, tmp_path / "out", command, [])
        usage[name] = run.build(tree, tmp_path / "logs" / f"{name}.log")
    assert 0.05 < usage["folders"].sys_s <= usage["folders"].cpu_s
    assert usage["sums"].sys_s < usage["sums"].cpu_s / 2
    row = run.Row(10000, "news", "cold", "digest", 3, 1.5, 2.25, 0.75, 100, 200, 0.0, 15558)
    table = run.markdown_tables([row], []).splitlines()
    assert table[0].startswith("| corpus | case | tool | wall s | CPU s | of which system | peak RSS MB |")
    assert table[2].startswith("| 10,000 | cold full build (empty cache) | digest | 1.50 | 2.25 | 0.75 | 100 | 200 |")
