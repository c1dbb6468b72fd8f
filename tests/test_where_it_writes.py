"""digest writes in three places only: the output folder, its siblings (``.site.prev``, ``.site.old``,
``.site.tmp``) and ``.cache/``. Every system call that makes, changes, renames or deletes a file, made by
any process of a build (the parsing and rendering workers, the template compiler, Pagefind), is traced
with strace and checked against that list; so is ``digest check``.

The search index was once made in the system's temporary folder, where a ``kill -9`` left it for good;
no test saw it, because each looked only at the project's own folders.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import article, make_project, need

CHANGING = ("open", "openat", "creat", "mkdir", "mkdirat", "rename", "renameat", "renameat2", "unlink", "unlinkat",
            "rmdir", "link", "linkat", "symlink", "symlinkat", "chmod", "fchmodat", "fchmod", "truncate", "ftruncate",
            "utimensat", "mknod", "mknodat")
"""The calls that change the file system (an ``open`` only with a flag that writes)."""
WRITING_FLAGS = ("O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_APPEND")
_AT = re.compile(r'(AT_FDCWD|\d+<([^>]*)>), "((?:[^"\\]|\\.)*)"')
_FD = re.compile(r'^\w+\(\d+<([^>]*)>')
_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def changed_paths(log_dir: Path, cwd: Path) -> set[Path]:
    """Every path a traced call changed (successful calls only), from strace's ``-ff -y`` logs."""
    found: set[Path] = set()
    for log in log_dir.iterdir():
        for line in log.read_text(errors="replace").splitlines():
            call = line.split("(", 1)[0]
            if call not in CHANGING or re.search(r"= -1 \w+", line):
                continue
            if call in ("open", "openat") and not any(f in line for f in WRITING_FLAGS):
                continue
            paths: list[str] = []
            if call.endswith("at") or call == "renameat2":
                paths += [name if name.startswith("/") else f"{folder or cwd}/{name}"
                          for _, folder, name in _AT.findall(line)]
            if not paths and (fd := _FD.match(line)):
                paths.append(fd.group(1))
            if not paths:
                paths += [s if s.startswith("/") else f"{cwd}/{s}" for s in _STRING.findall(line)[:2]]
            assert paths, f"no path read from: {line}"
            found.update(Path(os.path.normpath(p)) for p in paths)
    return found


def traced(root: Path, log_dir: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``digest ARGS`` run in ``root`` under strace, each process logged to its own file."""
    shutil.rmtree(log_dir, ignore_errors=True)
    log_dir.mkdir()
    command = ["strace", "-ff", "-qq", "-y", "-e", "signal=none", "-o", str(log_dir / "call"),
               "-e", f"trace={','.join(CHANGING)}", sys.executable, "-m", "generator", *args]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PYTHONPATH": str(Path(__file__).parents[1])}
    return subprocess.run(command, cwd=root, capture_output=True, text=True, env=env, timeout=300)


OURS = ("site", ".site.prev", ".site.old", ".site.tmp", ".cache")
"""The output folder, its siblings and the cache, in the project."""


def outside(paths: set[Path], root: Path) -> list[str]:
    """The paths that are not in (or are not) the output folder, its siblings or the cache."""
    return sorted(str(p) for p in paths
                  if not (root in p.parents and p.relative_to(root).parts[0] in OURS) and str(p) != "/dev/null")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_build_and_a_check_write_only_in_the_output_folder_its_siblings_and_the_cache(
        tmp_path: Path, jobs: str) -> None:
    need(shutil.which("strace") is not None, "strace is not installed (apt-get install strace)")
    root = make_project(tmp_path / "project", {
        "2025/06/a.md": article(title="Satu", tags="[ai]", companies="[Meta]"),
        "2025/06/b.md": article(title="Dua", date="2025-06-14", section="Aceh"),
    })  # search and every feed format are on by default
    logs = tmp_path / "logs"
    seen: set[Path] = set()
    for step, args in (("cold", ("build", "--jobs", jobs)),
                       ("edited", ("build", "--jobs", jobs)),
                       ("up to date", ("build", "--jobs", jobs)),
                       ("check", ("check",))):
        if step == "edited":
            (root / "content/2025/06/a.md").write_text(article(title="Satu", tags="[ai]", companies="[Meta]", body="Isi baru.\n"))
        done = traced(root, logs, *args)
        assert done.returncode == 0, (step, done.stdout, done.stderr)
        paths = changed_paths(logs, root)
        assert outside(paths, root) == [], step
        seen |= paths
    assert root / "site/pagefind/pagefind.js" in seen and any(root / ".site.tmp" in p.parents for p in seen), \
        "the trace saw the writer and the search index being made (the check would otherwise be empty)"
    assert any(root / ".cache" in p.parents for p in seen)
    assert not (root / ".site.tmp").exists()


def test_a_failed_build_into_a_new_output_folder_leaves_none_of_the_folders_it_made(tmp_path: Path,
                                                                                   capsys: pytest.CaptureFixture[str]
                                                                                   ) -> None:
    """An attacker's report: `digest build --output ../x/y/site` with a bad article failed, and left ../x/y/ behind,
    empty (the folder that holds the output is made before the build, for its lock). A failed build, or one that
    --strict stops, now leaves the disk as it was; a folder that was there before stays, and so does one a build
    wrote into."""
    from generator.commands.cli import main

    root = tmp_path / "p"
    make_project(root, {"2025/06/a.md": article(title="Satu"), "2025/06/bad.md": "---\ntitle: Rusak\n---\nTanpa.\n"})
    (tmp_path / "x").mkdir()
    build = ["build", "--config", str(root / "config.yaml"), "-q", "--output"]
    assert main([*build, str(tmp_path / "x/y/z/site")]) == 1
    assert "bad.md" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p", "x"] and not any((tmp_path / "x").iterdir())
    (root / "content/2025/06/bad.md").write_text(article(title="Rusak", image="images/tiada.jpg", image_alt="Foto"))
    assert main([*build, str(tmp_path / "n/site"), "--strict"]) == 1
    assert "warning" in capsys.readouterr().err and not (tmp_path / "n").exists()
    assert main([*build, str(tmp_path / "x/y/site")]) == 0 and (tmp_path / "x/y/site/index.html").is_file()


def test_a_build_refused_as_busy_creates_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A build refused because another holds the lock of the output's folder (exit 2) makes no folder, no cache
    (not even another output folder's own, .cache/outputs/…) and no spare: the disk is as it was. (Two builds into a
    new folder started at the same instant are the one case left: docs/writer.md.)"""
    import fcntl

    from generator.commands.cli import main

    root = tmp_path / "p"
    make_project(root, {"2025/06/a.md": article(title="Satu")})
    held = tmp_path / "x/y"
    held.mkdir(parents=True)
    before = sorted(tmp_path.rglob("*"))
    fd = os.open(held, os.O_RDONLY)  # another build's lock: a lock on another open of the folder
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        output = held / "site"
        assert main(["build", "--config", str(root / "config.yaml"), "-q", "--output", str(output)]) == 2
        assert capsys.readouterr().err == (
            f"error: another digest build is writing an output folder in {held} (it may be {output} or another "
            "output beside it: builds into one folder take turns); run again when it has finished\n")
        assert sorted(tmp_path.rglob("*")) == before
    finally:
        os.close(fd)
    assert main(["build", "--config", str(root / "config.yaml"), "-q", "--output", str(held / "site")]) == 0


def test_a_failed_build_removes_the_folders_it_made_before_it_lets_another_build_in(tmp_path: Path) -> None:
    """The folders a failed build made for `--output x/y/site` were removed just after it released the build lock:
    a second build into the same folder that took the lock then saw them vanish ('x/y/.site.prev: No such file or
    directory … nothing was written'). Each is removed while the lock is still held: at that moment another build
    is refused ('another digest build is writing'), and one that comes after makes them afresh."""
    root = tmp_path / "p"
    make_project(root, {"2025/06/a.md": article(title="Satu"), "2025/06/bad.md": "---\ntitle: Rusak\n---\nTanpa.\n"})
    held = tmp_path / "x/y"  # the lock is this folder's (the output's parent); x/ is made and removed too
    script = f"""
import fcntl, os, sys
from generator.commands.cli import main
seen = []
def hook(event, args):
    if event == "os.rmdir" and args[0] == {str(held)!r}:
        fd = os.open(args[0], os.O_RDONLY)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            seen.append((args[0], "free"))
        except BlockingIOError:
            seen.append((args[0], "locked"))
        finally:
            os.close(fd)
sys.addaudithook(hook)
status = main(["build", "-q", "--config", {str(root / "config.yaml")!r}, "--output", {str(tmp_path / "x/y/site")!r}])
print(status, seen)
"""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1]), "PYTHONDONTWRITEBYTECODE": "1"}
    ran = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert ran.stdout == f"1 [({str(held)!r}, 'locked')]\n", ran.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["p"]
