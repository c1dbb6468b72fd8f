"""Pages rendered while planning finishes (``render/early.py``): the same site, the same errors, and nothing left
behind by a process killed, a build killed or a Ctrl-C."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Sequence

import pytest

from conftest import BUFFERED, article, make_project, write_files
from generator.build import BuildOptions, build
from generator.core.errors import BuildError
from generator.load.config import load_config
from generator.render import early as early_module
from generator.render import plan as planning
from generator.render.early import EarlyPages, Rendered
from test_publish import tree

ROOT = Path(__file__).parents[1]


def site(root: Path) -> Path:
    make_project(root, {f"2025/06/a{i}.md": article(title=f"Berita {i}", date=f"2025-06-{i + 1:02d}",
                                                    tags=f"[ai, t{i % 3}]", section="Asia" if i % 2 else "Eropa")
                        for i in range(7)}, config="title: T\nbase_url: https://example.org/\npage_size: 2\n")
    return root


@pytest.fixture
def taken(monkeypatch: pytest.MonkeyPatch) -> list[Rendered]:
    """Early pages for a small site, and ``take`` waiting for the process to end by itself (so that it rendered
    what it could, whatever the machine's load); what each ``take`` gave."""
    monkeypatch.setattr(planning, "APART", 1)
    given: list[Rendered] = []
    take = EarlyPages.take

    def waiting(self: EarlyPages) -> Rendered:
        if self._pid:
            os.waitpid(self._pid, 0)
            self._pid = 0
        given.append(take(self))
        return given[-1]

    monkeypatch.setattr(EarlyPages, "take", waiting)
    return given


def files(root: Path, jobs: int) -> dict[str, bytes]:
    return build(load_config(root / "config.yaml"), BuildOptions(workers=jobs)).output.files


def test_pages_rendered_while_planning_are_the_pages_one_job_renders(tmp_path: Path, taken: list[Rendered]) -> None:
    root = site(tmp_path)
    one = files(root, 1)
    assert not taken, "one job: no other process"
    assert files(root, 2) == one
    assert len(taken) == 1 and len(taken[0]) > 10, "the other kinds' pages were rendered early"
    assert taken[0].get("index.html") == one["index.html"] and taken[0].get("2025/06/berita-0/index.html") is None


def errors(root: Path, jobs: int) -> list[str]:
    with pytest.raises(BuildError) as caught:
        files(root, jobs)
    return [str(p) for p in caught.value.problems]


def test_a_template_error_met_early_is_told_as_one_job_tells_it(tmp_path: Path, taken: list[Rendered]) -> None:
    """The early process stops at the first page that fails (a term page); the render workers render it and the
    rest again, and every template's error is told, in the same words and order, in one run."""
    root = site(tmp_path)
    write_files(root, {"templates/term.html": '{% extends "theme/term.html" %}\n{% block main %}\n'
                                              "{{ term.namanya }}\n{% endblock %}\n",
                       "templates/404.html": '{% extends "theme/404.html" %}\n{% block main %}\n'
                                             "{{ page.judulnya }}\n{% endblock %}\n"})
    one = errors(root, 1)
    assert len(one) == 2 and one[0].startswith("templates/404.html:3: ") and one[1].startswith("templates/term.html:3")
    assert errors(root, 2) == one
    assert taken[0].get("index.html") is not None and not any(taken[0].get(p) for p in ("tags/ai/index.html",
                                                                                         "404.html"))


def test_an_early_process_killed_mid_page_leaves_its_whole_pages_and_the_rest_to_the_workers(
        tmp_path: Path, taken: list[Rendered], monkeypatch: pytest.MonkeyPatch) -> None:
    """kill -9 while it writes its third page: the two before are used, the one cut short is not."""
    render_into = early_module._render_into

    def killed(file: int, renderer: Any, specs: Sequence[Any]) -> None:
        render_into(file, renderer, specs[:2])
        os.write(file, (2).to_bytes(8, "little") + (1000).to_bytes(8, "little") + b"<html>cut sh")
        os.kill(os.getpid(), signal.SIGKILL)

    monkeypatch.setattr(early_module, "_render_into", killed)
    root = site(tmp_path)
    assert files(root, 2) == files(root, 1)
    assert len(taken[0]) == 2


PLANNING_STOPS = """
import os, sys, time
from generator.render.early import EarlyPages
start = EarlyPages.start
def started(self, env, specs):
    start(self, env, specs)
    print(self._pid, flush=True)  # the early process renders; this one stops here until it is killed or interrupted
    time.sleep(60)
EarlyPages.start = started
from generator.render import plan
plan.APART = 1
from generator.commands.cli import main
sys.exit(main(["build", "--no-cache", "--jobs", "2", "-q"]))
"""


def listing(root: Path) -> dict[str, bytes]:
    """Every file of the project but the build cache's, with its bytes."""
    return {rel: data for rel, data in tree(root).items() if not rel.startswith(".cache/")}


def gone(pid: int) -> bool:
    """Whether the process ``pid`` has ended (reaped, or a zombie no one reaps)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with open(f"/proc/{pid}/stat") as f:
                if f.read().rsplit(")", 1)[1].split()[0] == "Z":
                    return True
        except FileNotFoundError:
            return True
        time.sleep(0.05)
    return False


@pytest.mark.parametrize("stop", ["kill -9", "ctrl-c"])
def test_a_build_killed_or_interrupted_while_pages_render_early_leaves_the_site_and_nothing_else(
        tmp_path: Path, stop: str) -> None:
    """A cold build (--no-cache) over a site, stopped while it plans and the early process renders: the site and the
    project are as they were, nothing is left on disk (the pages are in a file with no name), and the process has
    ended with the build. Ctrl-C says "interrupted" and exits 130, as at any other moment."""
    root = site(tmp_path)
    assert subprocess.run([sys.executable, "-m", "generator", "build", "-q"], cwd=root, env=BUFFERED).returncode == 0
    before = listing(root)
    proc = subprocess.Popen([sys.executable, "-c", PLANNING_STOPS], cwd=root, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**BUFFERED, "PYTHONPATH": str(ROOT)},
                            start_new_session=True, preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    assert proc.stdout is not None
    child = int(proc.stdout.readline())
    if stop == "kill -9":  # the build's process alone: the early process dies with it (``parallel.die_with``)
        os.kill(proc.pid, signal.SIGKILL)
    else:  # a terminal's Ctrl-C reaches every process of the build
        os.killpg(proc.pid, signal.SIGINT)
    _, stderr = proc.communicate(timeout=60)
    assert (proc.returncode, stderr) == ((-9, "") if stop == "kill -9" else (130, "interrupted\n"))
    assert gone(child)
    assert listing(root) == before


def test_a_template_failing_at_two_places_is_told_once_whatever_the_jobs(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """An attacker's report: a term.html failing at one line on some pages and at another on others was told once
    with one job (its first failing page) but twice with two, as each render worker stopped at its own first page
    of the template: the workers' chunks decided. The build says what one job says."""
    from generator.core import parallel
    monkeypatch.setattr(parallel, "MIN_PARALLEL", 1)
    root = site(tmp_path)
    write_files(root, {"templates/term.html": '{% extends "theme/term.html" %}\n{% block main %}\n'
                                              '{% if "page" in page.path %}{{ 1 + "x" }}{% endif %}\n'
                                              "{{ nothing.foo() }}\n{% endblock %}\n"})
    one = errors(root, 1)
    assert len(one) == 1 and one[0].startswith("templates/term.html:")
    for jobs in (2, 3):
        assert errors(root, jobs) == one
