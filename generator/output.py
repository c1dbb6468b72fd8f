"""The built site in memory (path → bytes), and the one module that writes it to disk.

``write_site`` never writes into the live folder. It fills a sibling folder
(``.site.new``), hard-linking every file whose bytes are unchanged from the previous
build (so it keeps its mtime and an rsync-style deploy skips it), then swaps the two
folders in one atomic ``renameat2(RENAME_EXCHANGE)`` where the OS has it, or two renames
where it does not. A failure or a ``kill -9`` at any point leaves the previous site in
place; the next build removes the leftovers.
"""
from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from .errors import BuildError, Problem, RefusalError

MARKER = ".news-digest"
"""File in every output folder this tool made; a non-empty folder without it is never replaced."""
_RENAME_EXCHANGE = 2


class Output:
    """Files of the site by path; writing one path twice is a collision, never last-wins."""

    def __init__(self) -> None:
        self._files: dict[str, bytes] = {}

    def add(self, path: str, data: bytes | str) -> None:
        if path in self._files:
            raise BuildError([Problem(path, 0, "", "two pages or files want this output path; "
                                                   "rename one (a static file may clash with a page)")])
        self._files[path] = data.encode("utf-8") if isinstance(data, str) else data

    def add_all(self, items: Iterable[tuple[str, bytes | str]]) -> None:
        for path, data in items:
            self.add(path, data)

    @property
    def files(self) -> Mapping[str, bytes]:
        """Path → bytes, sorted by path."""
        return dict(sorted(self._files.items()))

    def __len__(self) -> int:
        return len(self._files)


def check_target(target: Path, project: Path, protected: Iterable[Path]) -> None:
    """Refuse output folders whose replacement could destroy the user's files (exit 2)."""
    resolved = target.resolve()
    home = Path.home().resolve()
    project = project.resolve()
    if target.is_symlink():
        raise RefusalError(f"refusing to build into {target}: it is a symbolic link; point --output at a real folder")
    if resolved == Path(resolved.anchor) or resolved == home:
        raise RefusalError(f"refusing to build into {target}: it is {'the home folder' if resolved == home else 'the file system root'}")
    if resolved == project or resolved in project.parents:
        raise RefusalError(f"refusing to build into {target}: it holds the project itself; use a folder such as site/")
    for folder in protected:
        folder = folder.resolve()
        if resolved == folder or folder in resolved.parents or resolved in folder.parents:
            raise RefusalError(f"refusing to build into {target}: it overlaps {folder}, which holds your sources")
    if resolved.exists() and not resolved.is_dir():
        raise RefusalError(f"refusing to build into {target}: it is a file, not a folder")
    if resolved.is_dir() and any(resolved.iterdir()) and not (resolved / MARKER).is_file():
        raise RefusalError(f"refusing to replace {target}: it is not empty and was not made by digest "
                           f"(no {MARKER} file in it); empty it or choose another --output")


@contextmanager
def build_lock(target: Path) -> Iterator[None]:
    """One build at a time per output folder: an exclusive lock on the folder that holds it."""
    parent = target.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RefusalError(f"another digest build is writing {target}; run again when it has finished") from None
        yield
    finally:
        os.close(fd)


def _siblings(target: Path) -> tuple[Path, Path]:
    return target.with_name(f".{target.name}.new"), target.with_name(f".{target.name}.old")


def _remove(path: Path) -> None:
    """Delete a file, link or folder without following symbolic links."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


def clean_leftovers(target: Path) -> None:
    """Undo what an interrupted build left: restore a site lost mid-swap, drop temporary folders."""
    new, old = _siblings(target)
    if old.is_dir() and not old.is_symlink() and not target.exists():
        old.rename(target)
    for leftover in (new, old):
        if leftover.exists() or leftover.is_symlink():
            _remove(leftover)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False where the OS cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(a))


def write_site(output: Output, target: Path) -> int:
    """Replace ``target`` with ``output``; returns how many files got new bytes."""
    clean_leftovers(target)
    new, old = _siblings(target)
    new.mkdir()
    try:
        written = _fill(new, target, output)
    except BaseException:
        shutil.rmtree(new, ignore_errors=True)
        raise
    if target.exists() and _exchange(new, target):
        shutil.rmtree(new)  # now holds the previous site
        return written
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)
    return written


def _fill(new: Path, target: Path, output: Output) -> int:
    """Write ``output`` into the empty folder ``new``, linking files unchanged in ``target``."""
    os.chmod(new, 0o755)
    written = 0
    made: set[Path] = {new}
    for path, data in output.files.items():
        dest = new / path
        for folder in reversed(dest.parents):
            if folder not in made and new in folder.parents:
                folder.mkdir(exist_ok=True)
                os.chmod(folder, 0o755)
                made.add(folder)
        previous = target / path
        if _same_file(previous, data):
            os.link(previous, dest)
            continue
        with open(dest, "wb") as f:
            f.write(data)
        os.chmod(dest, 0o644)
        written += 1
    (new / MARKER).write_bytes(b"built by news-digest; this folder is replaced on every build\n")
    os.chmod(new / MARKER, 0o644)
    return written


def _same_file(previous: Path, data: bytes) -> bool:
    try:
        if previous.is_symlink() or not previous.is_file() or previous.stat().st_size != len(data):
            return False
        return previous.read_bytes() == data
    except OSError:
        return False
