"""A build that fails or is killed at any write, rename or unlink never breaks the site or locks the user out.

Each case runs a real ``digest build`` under ``strace -e inject=SYSCALL:...:when=N`` for every N up to
the number of times that build makes the call: once failing it with EIO, once killing the build with
SIGKILL at that moment. After each, the live site holds exactly the old bytes or exactly the new ones,
nothing is left in the build's TMPDIR (the search index was made there once, and 131 folders stayed after
each run), and the next plain ``digest build`` succeeds, gives the bytes of a cold build and leaves only the
spare beside the site. The first rebuild after a
cold build, whose spare another process links from the live site, is faulted at a sample of each call, its
``link`` and ``mkdir`` calls included.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Callable

import pytest

from conftest import CONFIG, article, make_project, need
from generator.commands.cli import main
from generator.load.incremental import CachedBodies

SYSCALLS = ("write", "rename", "renameat2", "unlink", "unlinkat")
"""The calls the writer makes to change the output: file bytes, marker and tree swaps, deletions."""
NO_BYTECODE = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "LC_ALL": "C.UTF-8"}


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build(root: Path, *extra: str) -> int:
    return main(["build", "--config", str(root / "config.yaml"), "-q", *extra])


def build_apart(root: Path) -> int:
    """``build``, in a new process, for the projects the builds under strace start from. Those run the generator's
    code as it is on disk then, and the build cache's format row (``cache.FORMAT``) hashes that code; this process
    hashed it when the session began. A project it built met any later edit of the code (an engineer's, while a
    long run of the tests went on) as another version's cache: no spare was mirrored, and the first rebuild's test
    saw 18 files linked by the build itself instead of 41 by the mirror."""
    return subprocess.run([sys.executable, "-m", "generator", "build", "--config", str(root / "config.yaml"), "-q"],
                          env=NO_BYTECODE).returncode


def before_and_change(root: Path) -> dict[str, bytes]:
    """A project built twice (so a spare tree exists), then edited; returns the live site's bytes."""
    make_project(root, {"2025/06/a.md": article(title="Satu"), "2025/06/b.md": article(title="Dua", date="2025-06-14")})
    assert build_apart(root) == 0
    (root / "content/2025/06/a.md").write_text(article(title="Satu", body="Isi baru.\n"))
    assert build_apart(root) == 0
    live = tree(root / "site")
    (root / "content/2025/06/b.md").unlink()  # the next build removes pages, rewrites some and keeps some
    (root / "content/2025/05/c.md").parent.mkdir()
    (root / "content/2025/05/c.md").write_text(article(title="Tiga", date="2025-05-15"))
    return live


def first_and_change(root: Path) -> dict[str, bytes]:
    """A project built once (so there is no spare yet), then edited; returns the live site's bytes."""
    make_project(root, {"2025/06/a.md": article(title="Satu"), "2025/06/b.md": article(title="Dua", date="2025-06-14")})
    assert build_apart(root) == 0
    live = tree(root / "site")
    (root / "content/2025/06/a.md").write_text(article(title="Satu", body="Isi baru.\n"))
    (root / "content/2025/06/b.md").unlink()
    return live


def sample(n: int) -> list[int]:
    """The first three of n occurrences (1-based), those a third, half and two thirds of the way, and the last three."""
    return sorted({i for i in (1, 2, 3, n // 3, n // 2, 2 * n // 3, n - 2, n - 1, n) if 1 <= i <= n})


MIRROR_SYSCALLS = (*SYSCALLS, "link", "linkat", "mkdir", "mkdirat")
"""The first rebuild after a cold build also makes the spare: a folder and a hard link for every file."""


def digest_under_strace(root: Path, inject: str | None, log: Path | None = None,
                        extra: tuple[str, ...] = (), syscalls: tuple[str, ...] = SYSCALLS,
                        only: str | None = None, temporary: Path | None = None) -> subprocess.CompletedProcess[str]:
    """A build under strace; ``only``: trace (and fault) only the calls on that file of the project;
    ``temporary``: the build's TMPDIR."""
    command = ["strace", "-f", "-qq", "-o", str(log or os.devnull), "-e", f"trace={','.join(syscalls)}"]
    command += ["-P", str(root / only)] if only else []
    command += ["-e", f"inject={inject}"] if inject else []
    command += [sys.executable, "-m", "generator", "build", "--config", str(root / "config.yaml"), "-q", *extra]
    env = {**NO_BYTECODE, "TMPDIR": str(temporary)} if temporary else NO_BYTECODE
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


def calls(tmp_path: Path, extra: tuple[str, ...], prepare: Callable[[Path], object] = before_and_change,
          syscalls: tuple[str, ...] = SYSCALLS, only: str | None = None) -> dict[str, int]:
    """How often one such build makes each call (the processes it forks included)."""
    return {name: len(pids) for name, pids in callers(tmp_path, extra, prepare, syscalls, only).items()}


def callers(tmp_path: Path, extra: tuple[str, ...], prepare: Callable[[Path], object],
            syscalls: tuple[str, ...], only: str | None = None) -> dict[str, list[int]]:
    """The process id of each call one such build makes, by call."""
    root = tmp_path / "count"
    prepare(root)
    log = tmp_path / "strace.log"
    assert digest_under_strace(root, None, log, extra, syscalls, only).returncode == 0
    shutil.rmtree(root)
    found_calls: dict[str, list[int]] = {name: [] for name in syscalls}
    for line in log.read_text().splitlines():
        found = re.match(r"(\d+)\s+(\w+)\(", line)
        if found and found.group(2) in found_calls:
            found_calls[found.group(2)].append(int(found.group(1)))
    return found_calls


def copy(template: Path, root: Path) -> None:
    """The template project, its files hard-linked so that the copy's site and spare still match the cache's
    stat records (the writer never writes into an existing file: it unlinks and makes a new one)."""
    subprocess.run(["cp", "-al", str(template), str(root)], check=True)
    if (template / ".cache").exists():  # a project never built has none
        shutil.rmtree(root / ".cache")
        shutil.copytree(template / ".cache", root / ".cache")


def one_case(template: Path, old: dict[str, bytes], new: dict[str, bytes], extra: tuple[str, ...], name: str,
             n: int, fault: str, syscalls: tuple[str, ...] = SYSCALLS, spares: tuple[str, ...] = (".site.prev",)
             ) -> str | None:
    """Inject one fault into one build and check what it left; a message if something is wrong. ``spares``: what
    the next build leaves beside the site (a cold build leaves nothing; but a cold build killed after its site went
    live, before its cache was whole, is followed by a rebuild, which makes the spare: which of the two happens at
    the Nth call depends on how the workers' writes and the build's interleave, so on the machine's load)."""
    root = template.with_name(f"{name}-{n}-{fault.split('=')[1]}{''.join(extra)}")
    copy(template, root)
    temporary = root.with_name(root.name + ".tmp")
    temporary.mkdir()
    digest_under_strace(root, f"{name}:{fault}:when={n}", extra=extra, syscalls=syscalls, temporary=temporary)
    where = f"{name} #{n} ({fault}{', ' if extra else ''}{' '.join(extra)})"
    if any(temporary.iterdir()):  # the search index was made in /tmp, and a killed build left it there
        return f"{where}: left {sorted(p.name for p in temporary.iterdir())} in the system's temporary folder"
    if tree(root / "site") not in (old, new):
        return f"{where}: the live site is neither the old nor the new one"
    published = not old and (root / "site").exists()  # a cold build killed after its site went live
    if build(root) != 0:
        return f"{where}: the next build failed"
    if tree(root / "site") != new:
        return f"{where}: the next build is not the cold build"
    beside = sorted(p.name for p in root.iterdir() if p.name.startswith(".site"))
    if beside != list(spares) and not (published and beside == [".site.prev"]):  # the next build was a rebuild
        return f"{where}: left {sorted(p.name for p in root.iterdir())}"
    shutil.rmtree(root)
    temporary.rmdir()
    return None


SCENARIOS = {(): "the spare is as the cache recorded it: brought up to date file by file",
             ("--no-cache",): "the spare is unknown: deleted, then made afresh"}


def old_and_new(tmp_path: Path, prepare: Callable[[Path], dict[str, bytes]]) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """The prepared project (the template each case copies), its live site, and the site a cold build of its
    changed sources gives."""
    need(shutil.which("strace") is not None, "strace is not installed (apt-get install strace)")
    cold_root = tmp_path / "cold"
    prepare(cold_root)
    shutil.rmtree(cold_root / ".cache", ignore_errors=True)  # a project never built has none
    assert build(cold_root, "--no-cache") == 0
    template = tmp_path / "template"
    return template, prepare(template), tree(cold_root / "site")


def faulted(template: Path, old: dict[str, bytes], new: dict[str, bytes], cases: list[tuple]) -> list[str]:
    """Every case's problems; the builds under strace are separate processes, so a few run at once."""
    with ThreadPoolExecutor(max_workers=max(2, len(os.sched_getaffinity(0)))) as pool:
        problems = [p for p in pool.map(lambda case: one_case(template, old, new, *case), cases) if p]
    assert tree(template / "site") == old, "the template was never written through a hard link"
    return problems


def test_a_fault_at_any_write_rename_or_unlink_leaves_a_whole_site_and_a_working_next_build(tmp_path: Path) -> None:
    template, old, new = old_and_new(tmp_path, before_and_change)
    cases = []
    for extra in SCENARIOS:
        counts = calls(tmp_path, extra)
        assert counts["write"] > 5 and counts["rename"] + counts["renameat2"] >= 2 and counts["unlink"] > 3, counts
        cases += [(extra, name, n, fault) for name, count in counts.items() for n in range(1, count + 1)
                  for fault in ("error=EIO", "signal=SIGKILL")]
    assert counts["unlinkat"] > 3, "a spare folder was deleted"
    assert faulted(template, old, new, cases) == []
    assert len(cases) > 60, "the loop reached the writer"


def test_a_fault_while_the_first_rebuild_after_a_cold_build_makes_its_spare_leaves_a_whole_site(tmp_path: Path) -> None:
    """No spare yet: another process links the live site into a new spare while the build plans
    (``publish.spare_mirror``). A fault at its calls, or the build's, leaves the old or the new site and a next
    build that works; the old site is never written through a hard link. Each call is faulted at nine of its
    occurrences (``sample``): all 190 calls would be 380 builds, and the other test faults every write,
    rename and unlink of a rebuild. The builds are given two jobs: with one (the default where the tests run on
    one core: ``taskset -c 0``, a CI runner's single CPU) the writer makes the spare itself, and this case never
    happens."""
    template, old, new = old_and_new(tmp_path, first_and_change)
    jobs = ("--jobs", "2")
    found = callers(tmp_path, jobs, first_and_change, MIRROR_SYSCALLS)
    links = found["link"] + found["linkat"]
    assert len(links) == len(old) - 1 and len(set(links)) == 1, "one process links every file (not the marker)"
    assert links[0] not in found["rename"] + found["renameat2"], "and it is not the process that swaps the folders"
    cases = [(jobs, name, n, fault, MIRROR_SYSCALLS) for name, pids in found.items() for n in sample(len(pids))
             for fault in ("error=EIO", "signal=SIGKILL")]
    assert faulted(template, old, new, cases) == []


COLD_SYSCALLS = ("write", "mkdir", "mkdirat")
"""A cold build's render workers make their pages' folders and write their files (``output.Direct``)."""


def never_built(root: Path) -> dict[str, bytes]:
    """200 articles, never built (no search index: Pagefind under strace would be most of the time): enough pages
    for a cold build to render them in two workers, which write them (``parallel.MIN_PARALLEL``,
    ``output.Direct``). No site yet: the 'old' site is none."""
    make_project(root, {f"2025/{1 + n % 6:02d}/a{n}.md": article(title=f"Artikel {n}", date=f"2025-{1 + n % 6:02d}-"
                                                                 f"{1 + n % 28:02d}") for n in range(200)},
                 config=CONFIG + "search: false\n")
    return {}


def test_a_fault_while_render_workers_write_a_cold_build_leaves_no_site_or_the_whole_one(tmp_path: Path) -> None:
    """A cold build with two jobs: its render workers make the pages' folders and files. Failing (EIO) or
    killing (SIGKILL) any process at a sample of its `write` and `mkdir` calls (strace counts each process's
    calls apart, so a worker's are hit too: a worker killed or failing mid-page) leaves no site or the whole new
    one, nothing beside it, and a next build that gives a cold build's bytes."""
    template, old, new = old_and_new(tmp_path, never_built)
    extra = ("--jobs", "2")
    found = callers(tmp_path, extra, never_built, COLD_SYSCALLS)
    parent = min(pid for pids in found.values() for pid in pids)
    assert len({pid for pid in found["mkdir"] + found["mkdirat"] if pid != parent}) >= 2, "render workers make folders"
    per_process = {name: max([pids.count(pid) for pid in set(pids)], default=0) for name, pids in found.items()}
    cases = [(extra, name, n, fault, COLD_SYSCALLS, ()) for name, count in per_process.items() for n in sample(count)
             for fault in ("error=EIO", "signal=SIGKILL")]
    assert len(cases) >= 24
    assert faulted(template, old, new, cases) == []


CACHE_FILE = ".cache/build.sqlite"


def cached_and_change(root: Path) -> dict[str, bytes]:
    """Three articles built once, then one edited: the rebuilt feed (full content) shows all three, whose bodies
    the rebuild reads from the build cache (``incremental.CachedBodies``): the two unchanged ones' rows from the
    last build, the edited one's as the rebuild stored it (``cache.RowStore``)."""
    make_project(root, {f"2025/06/{name}.md": article(title=name.title(), date=f"2025-06-1{i}", body=f"Isi {name}.\n")
                        for i, name in enumerate(("satu", "dua", "tiga"))})
    assert build_apart(root) == 0
    live = tree(root / "site")
    (root / "content/2025/06/satu.md").write_text(article(title="Satu", date="2025-06-10", body="Isi baru.\n"))
    return live


def test_a_failed_read_of_the_build_cache_still_gives_the_whole_new_site(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite reads the cache with pread64 (the only calls faulted: ``strace -P``, as the loader reads the
    program's libraries with pread64 too). EIO at any one of a rebuild's reads: the build goes on without
    that part of the cache (a body it cannot read is made again from its unchanged file), exits 0 and gives
    the bytes of a cold build."""
    template, old, new = old_and_new(tmp_path, cached_and_change)
    cached_and_change(tmp_path / "in-process")
    reads: list[str] = []
    read = CachedBodies._read
    monkeypatch.setattr(CachedBodies, "_read", lambda self, key: reads.append(key) or read(self, key))
    assert build(tmp_path / "in-process", "--jobs", "1") == 0 and len(set(reads)) == 3, "the bodies are read"
    count = calls(tmp_path, (), cached_and_change, ("pread64",), CACHE_FILE)["pread64"]
    assert count > 5

    def one(n: int) -> str | None:
        root = template.with_name(f"pread64-{n}")
        copy(template, root)
        done = digest_under_strace(root, f"pread64:error=EIO:when={n}", syscalls=("pread64",), only=CACHE_FILE)
        if done.returncode != 0 or "Traceback" in done.stderr or tree(root / "site") != new:
            return f"pread64 #{n}: exit {done.returncode}, stderr {done.stderr!r}, new site: {tree(root / 'site') == new}"
        shutil.rmtree(root)
        return None

    with ThreadPoolExecutor(max_workers=max(2, len(os.sched_getaffinity(0)))) as pool:
        assert [p for p in pool.map(one, range(1, count + 1)) if p] == []
    assert tree(template / "site") == old


def three_articles(root: Path) -> dict[str, bytes]:
    """Three articles never built: a cold build stores their rows as it parses them (``cache.RowStore``) and
    reads their bodies back from the cache file when it renders their pages and the full-content feed."""
    make_project(root, {f"2025/06/{name}.md": article(title=name.title(), date=f"2025-06-1{i}", body=f"Isi {name}.\n")
                        for i, name in enumerate(("satu", "dua", "tiga"))},
                 config="title: T\nbase_url: https://example.org/\nfeeds:\n  content: full\n")
    return {}


COLD_CACHE_CALLS = ("pwrite64", "pread64", "fdatasync")
"""How SQLite writes, reads back and syncs the cache file (``strace -P`` keeps other files' calls out)."""


def test_a_fault_at_the_cache_file_during_a_cold_build_still_gives_the_whole_site(tmp_path: Path,
                                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """EIO at any one of a cold build's writes, reads or syncs of the cache file, or SIGKILL at any write: the
    build exits 0 with the whole site (an article whose row could not be stored keeps its body; one whose body
    cannot be read back is parsed again), or, killed, leaves no site and a next build that gives it."""
    need(shutil.which("strace") is not None, "strace is not installed (apt-get install strace)")
    three_articles(tmp_path / "plain")
    assert build(tmp_path / "plain", "--no-cache") == 0
    new = tree(tmp_path / "plain" / "site")
    reads: list[str] = []
    read = CachedBodies._read
    monkeypatch.setattr(CachedBodies, "_read", lambda self, key: reads.append(key) or read(self, key))
    three_articles(tmp_path / "in-process")
    assert build(tmp_path / "in-process", "--jobs", "1") == 0 and len(set(reads)) == 3, "bodies read back"
    counts = calls(tmp_path, (), three_articles, COLD_CACHE_CALLS, CACHE_FILE)
    assert counts["pwrite64"] > 5 and counts["pread64"] > 3 and counts["fdatasync"] > 1
    cases = [(name, n, "error=EIO") for name in COLD_CACHE_CALLS for n in range(1, counts[name] + 1)]
    cases += [("pwrite64", n, "signal=SIGKILL") for n in sample(counts["pwrite64"])]

    def one(name: str, n: int, fault: str) -> str | None:
        root = tmp_path / f"{name}-{n}-{fault.split('=')[1]}"
        three_articles(root)
        done = digest_under_strace(root, f"{name}:{fault}:when={n}", syscalls=COLD_CACHE_CALLS, only=CACHE_FILE)
        where = f"{name} #{n} ({fault})"
        if "Traceback" in done.stderr:
            return f"{where}: {done.stderr}"
        if fault == "error=EIO" and (done.returncode != 0 or tree(root / "site") != new):
            return f"{where}: exit {done.returncode}, stderr {done.stderr!r}, the whole site: {tree(root / 'site') == new}"
        if build(root) != 0 or tree(root / "site") != new:
            return f"{where}: the next build did not give the whole site"
        shutil.rmtree(root)
        return None

    with ThreadPoolExecutor(max_workers=max(2, len(os.sched_getaffinity(0)))) as pool:
        assert [p for p in pool.map(lambda case: one(*case), cases) if p] == []


@pytest.mark.parametrize("error", ["EPERM", "EOPNOTSUPP", "EMLINK"])
def test_a_disk_without_hard_links_builds_the_same_site(tmp_path: Path, error: str) -> None:
    """A maintainer's report: on a disk without hard links (exFAT or FAT on a USB stick: link() says EPERM; some
    shares EOPNOTSUPP), every build after the first failed, "digest may not write there"; Hugo, Zola and
    Pelican build there. Unchanged files are copied instead of linked."""
    need(shutil.which("strace") is not None, "strace is not installed (apt-get install strace)")
    for name in ("plain", "faulted"):
        before_and_change(tmp_path / name)
    assert build(tmp_path / "plain", "--no-cache") == 0
    done = digest_under_strace(tmp_path / "faulted", f"link:error={error}",
                               syscalls=("link", "linkat"))
    assert done.returncode == 0 and done.stderr == "", done.stderr
    assert tree(tmp_path / "faulted" / "site") == tree(tmp_path / "plain" / "site")
    (tmp_path / "faulted/content/2025/06/a.md").write_text(article(title="Satu", body="Lagi.\n"))
    again = digest_under_strace(tmp_path / "faulted", f"link:error={error}", syscalls=("link", "linkat"))
    assert again.returncode == 0 and again.stderr == "", again.stderr
    assert b"Lagi." in (tmp_path / "faulted/site/2025/06/a/index.html").read_bytes()


def test_a_full_disk_at_a_new_spares_marker_leaves_no_spare(tmp_path: Path) -> None:
    """A maintainer's report: on a full disk the first rebuild made .site.prev/ and failed writing its marker,
    leaving the folder behind, though a failure removes a spare the same build made (the README)."""
    need(shutil.which("strace") is not None, "strace is not installed (apt-get install strace)")
    root = tmp_path / "p"
    live = first_and_change(root)
    command = ["strace", "-f", "-qq", "-o", os.devnull, "-P", str(root / ".site.prev" / ".news-digest"),
               "-e", "trace=write,openat", "-e", "inject=write:error=ENOSPC:when=1",
               sys.executable, "-m", "generator", "build", "--config", str(root / "config.yaml"), "-q"]
    done = subprocess.run(command, capture_output=True, text=True, env=NO_BYTECODE, timeout=120)
    assert done.returncode == 1 and "No space left on device" in done.stderr, done.stderr
    assert tree(root / "site") == live and not (root / ".site.prev").exists()
    assert build(root) == 0


def test_an_article_gone_between_the_listing_and_its_stat_is_said_at_its_name(tmp_path: Path) -> None:
    """A maintainer's report: an article that vanished after the folder was listed (an editor's save through a
    temporary file) stopped `digest check` with "No such file or directory (ENOENT); digest stopped. Check the
    disk". Caused by strace at the article's second stat."""
    need(shutil.which("strace") is not None, "strace is not installed (apt-get install strace)")
    make_project(tmp_path, {"2025/06/a.md": article(title="Satu")})
    path = tmp_path / "content/2025/06/a.md"
    done = subprocess.run(["strace", "-f", "-qq", "-o", os.devnull, "-P", str(path), "-e", "trace=newfstatat,stat",
                           "-e", "inject=newfstatat:error=ENOENT:when=2", sys.executable, "-m", "generator", "check",
                           "--config", str(tmp_path / "config.yaml")],
                          capture_output=True, text=True, env=NO_BYTECODE, timeout=120)
    assert "Check the disk" not in done.stderr and "Traceback" not in done.stderr, done.stderr


def swap_without_renameat2(root: Path, fault: str) -> subprocess.CompletedProcess[str]:
    """A build where the OS has no ``renameat2`` (macOS), so the writer swaps with three renames, ``site →
    .site.old``, ``.site.prev → site``, ``.site.old → .site.prev``: ``fault`` at one of them (``-P``: only the
    calls whose first path is one of the three folders, so rename N is the swap's Nth)."""
    command = ["strace", "-f", "-qq", "-o", os.devnull,
               *(f"-P{root / name}" for name in ("site", ".site.old", ".site.prev")),
               "-e", "trace=rename,renameat2", "-e", "inject=renameat2:error=ENOSYS", "-e", f"inject=rename:{fault}",
               sys.executable, "-m", "generator", "build", "--config", str(root / "config.yaml"), "-q"]
    return subprocess.run(command, capture_output=True, text=True, env=NO_BYTECODE, timeout=120)


def test_a_swap_without_renameat2_that_fails_at_its_second_rename_puts_the_live_site_back(tmp_path: Path) -> None:
    """An attacker's report: the second of the three renames failing (a full disk) left no site/ (the live site in
    .site.old/), and the message said 'nothing was written to …/site'."""
    template, old, new = old_and_new(tmp_path, before_and_change)
    root = tmp_path / "p"
    copy(template, root)
    done = swap_without_renameat2(root, "error=ENOSPC:when=2")
    assert done.returncode == 1 and "No space left on device" in done.stderr, done.stderr
    assert f"{root / 'site'} is unchanged" in done.stderr, done.stderr
    assert tree(root / "site") == old and not (root / ".site.old").exists()
    assert build(root) == 0 and tree(root / "site") == new


def test_a_swap_whose_second_rename_and_its_undoing_fail_says_where_the_live_site_is(tmp_path: Path) -> None:
    """An attacker's report: the second rename and the rename that puts the live site back both failing (EIO) left
    no site/ and the live site in .site.old/, and the message said 'nothing was written to …/site'. It says where
    the live site is, and how it comes back; the next build puts it back."""
    need(shutil.which("strace") is not None, "strace is not installed (apt-get install strace)")
    template, old, new = old_and_new(tmp_path, before_and_change)
    root = tmp_path / "p"
    copy(template, root)
    done = swap_without_renameat2(root, "error=EIO:when=2..3")
    assert (done.returncode, done.stderr) == (1, (
        f"{root / '.site.prev'}: Input/output error: check the path and build again; the live site is in "
        f"{root / '.site.old'}/; the next build, or `mv {root / '.site.old'} {root / 'site'}`, puts it back\n"
        "error: 1 problem found; nothing was written\n"))
    assert not (root / "site").exists() and tree(root / ".site.old") == old
    assert build(root) == 0 and tree(root / "site") == new


def test_a_swap_without_renameat2_that_fails_at_its_last_rename_says_the_new_site_is_published(tmp_path: Path,
                                                                                             capsys) -> None:
    """An attacker's report: the third rename failing (the old site cannot become the spare) came after the new site
    was in place, yet the build failed saying '…/site is unchanged'. It is a warning now, and the next build makes
    the spare afresh."""
    template, old, new = old_and_new(tmp_path, before_and_change)
    root = tmp_path / "p"
    copy(template, root)
    done = swap_without_renameat2(root, "error=EIO:when=3")
    assert done.returncode == 0, done.stderr
    assert done.stderr == (f"{root / '.site.old'}: warning: Input/output error: the new site is published in "
                           f"{root / 'site'}, but the site before it could not be kept as .site.prev/, the spare "
                           f"copy digest brings up to date; the next build makes it afresh\n")
    assert tree(root / "site") == new and not (root / ".site.old").exists()
    (root / "content/2025/06/a.md").write_text(article(title="Satu", body="Lagi.\n"))
    assert build(root) == 0 and capsys.readouterr().err == ""
    assert sorted(p.name for p in root.iterdir() if p.name.startswith(".site")) == [".site.prev"]
    assert tree(root / ".site.prev") == new


def test_a_site_caught_between_two_renames_is_put_back_by_a_build_that_stops_on_bad_input(tmp_path: Path) -> None:
    """An attacker's report: a build killed between the first two renames left the live site in .site.old/, and a
    next build that stopped on bad input left it there: no site/ until a build succeeded (the README: the next
    build puts back a site that was caught between two renames)."""
    template, old, new = old_and_new(tmp_path, before_and_change)
    root = tmp_path / "p"
    copy(template, root)
    assert swap_without_renameat2(root, "signal=SIGKILL:when=2").returncode != 0
    assert not (root / "site").exists() and (root / ".site.old").is_dir()
    (root / "content/2025/06/bad.md").write_text("---\ntitle: Rusak\n---\nTanpa tanggal.\n")
    assert build(root) == 1
    assert tree(root / "site") == old and not (root / ".site.old").exists()
