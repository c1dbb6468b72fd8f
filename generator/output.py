"""The built site as (path, bytes) entries, and the one module that writes it to disk.

The live folder is never written into. The writer keeps a spare tree beside it,
``.site.prev`` (the site as of the build before), brings that spare up to date with the
new output, and then swaps the two folders in one atomic ``renameat2(RENAME_EXCHANGE)``
(or, where the OS lacks it, three renames that the next build repairs if interrupted).
Bringing the spare up to date touches only what differs: a file already right in the
spare is left alone, a file whose bytes are unchanged from the live site is hard-linked
from it (so it keeps its mtime, and an rsync-style deploy skips it), and only new bytes
are written. A failure or ``kill -9`` at any point leaves the live site as it was.

Every folder the writer makes carries a ``.news-digest`` marker naming the tree it holds;
a folder without the marker was not made by digest and is never replaced or deleted.
"""
from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import shutil
import stat
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from .cache import digest
from .errors import BuildError, BusyError, Problem, RefusalError

MARKER = ".news-digest"
"""File in every output folder this tool made; a non-empty folder without it is never replaced."""
_MARKER_TEXT = "built by news-digest; this folder is replaced on every build\ntree: {}\n"
_RENAME_EXCHANGE = 2


@dataclass(frozen=True)
class Unchanged:
    """A file the previous build wrote with exactly these bytes: the writer links it, nothing re-renders it."""

    hash: str


Entry = tuple[str, "bytes | Unchanged"]


class Output:
    """The site's files as a stream of (path, bytes) entries; a path given twice is an error, never last-wins.

    The stream is produced lazily (pages render while the writer writes), so a big site is
    never held in memory whole. ``files`` collects it, for tests.
    """

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        self._parts: list[Iterable[Entry]] = [entries]

    def add(self, path: str, data: bytes | str) -> None:
        self._parts.append([(path, data.encode("utf-8") if isinstance(data, str) else data)])

    def add_all(self, items: Iterable[tuple[str, "bytes | str | Unchanged"]]) -> None:
        self._parts.append((p, d.encode("utf-8") if isinstance(d, str) else d) for p, d in items)

    def __iter__(self) -> Iterator[Entry]:
        seen: set[str] = set()
        for part in self._parts:
            for path, data in part:
                if path in seen:
                    raise BuildError([Problem(path, 0, "", "two pages or files want this output path; "
                                                           "rename one (a static file may clash with a page)")])
                seen.add(path)
                yield path, data

    @property
    def files(self) -> dict[str, bytes]:
        """Path → bytes, sorted by path (every entry must carry bytes)."""
        out: dict[str, bytes] = {}
        for path, data in self:
            assert isinstance(data, bytes), f"{path} was not rendered"
            out[path] = data
        return dict(sorted(out.items()))


@dataclass(frozen=True)
class Written:
    """What the writer did."""

    manifest: Mapping[str, str]
    """Every file of the new site, path → hash."""
    tree: str
    """Id of the new site's tree (in its marker)."""
    previous: tuple[str, Mapping[str, str]] | None
    """The tree now in the spare folder and its files, when known."""
    written: int
    """Files that got new bytes; the rest were kept or linked."""


class StaleCache(Exception):
    """The cache said a file was unchanged, but the previous site no longer has it."""


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
    for folder in (resolved, *_siblings(resolved)):
        if not folder.is_symlink() and folder.is_dir() and any(folder.iterdir()) and not (folder / MARKER).is_file():
            raise RefusalError(f"refusing to replace {folder}: it is not empty and was not made by digest "
                               f"(no {MARKER} file in it); empty it or choose another --output")
        if folder != resolved and folder.is_symlink():
            raise RefusalError(f"refusing to build into {target}: {folder} is a symbolic link; remove it")


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
            raise BusyError(f"another digest build is writing {target}; run again when it has finished") from None
        yield
    finally:
        os.close(fd)


def _siblings(target: Path) -> tuple[Path, Path]:
    """The spare tree, and where the live tree waits during a non-atomic swap."""
    return target.with_name(f".{target.name}.prev"), target.with_name(f".{target.name}.old")


def read_tree(folder: Path) -> str | None:
    """The tree id in a folder's marker; '' for a digest folder of unknown content; None if not ours."""
    try:
        text = (folder / MARKER).read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    for line in text.splitlines():
        if line.startswith("tree: "):
            return line[6:].strip()
    return ""


def _ours(folder: Path) -> bool:
    return folder.is_dir() and not folder.is_symlink() and read_tree(folder) is not None


def clean_leftovers(target: Path) -> None:
    """Repair what an interrupted swap left: put a live site caught between renames back."""
    spare, old = _siblings(target)
    if _ours(old):
        if not target.exists():
            old.rename(target)
        else:
            shutil.rmtree(old)


def _umask() -> int:
    """The process umask (read by setting it, then restoring it at once)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False where the OS cannot."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd = -100
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    if ctypes.get_errno() in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):
        return False
    raise OSError(ctypes.get_errno(), os.strerror(ctypes.get_errno()), str(a))


def _prepare_spare(spare: Path, trees: Mapping[str, Mapping[str, str]]) -> Mapping[str, str]:
    """An existing spare whose contents the cache knows, or a fresh empty one; marked 'updating'."""
    known = trees.get(read_tree(spare) or "") if _ours(spare) else None
    if known is None:
        if spare.exists() or spare.is_symlink():
            shutil.rmtree(spare) if _ours(spare) else spare.unlink()
        spare.mkdir()
        known = {}
    os.chmod(spare, 0o755)
    _write_marker(spare, "updating")
    return known


def _write_marker(folder: Path, tree: str) -> None:
    marker = folder / MARKER
    marker.unlink(missing_ok=True)
    marker.write_text(_MARKER_TEXT.format(tree), "utf-8")
    os.chmod(marker, 0o644)


def write_site(output: Iterable[Entry], target: Path, trees: Mapping[str, Mapping[str, str]] | None = None) -> Written:
    """Make ``target`` hold exactly ``output``, atomically; ``trees`` are the cache's known manifests."""
    trees = trees or {}
    clean_leftovers(target)
    spare, old = _siblings(target)
    live_tree = read_tree(target) if _ours(target) else None
    live = trees.get(live_tree or "")
    have = _prepare_spare(spare, trees)
    try:
        manifest, written = _update_spare(output, spare, target, have, live)
    except BaseException:
        if not have:  # a spare made by this build: leave no half-written folder behind
            shutil.rmtree(spare, ignore_errors=True)
        raise  # a spare that existed before stays, marked 'updating', for the next build to redo
    for path in sorted(set(have) - set(manifest), reverse=True):
        _remove_file(spare, path)
    tree = digest("\n".join(f"{p}\t{h}" for p, h in sorted(manifest.items())))
    _write_marker(spare, tree)
    previous = (live_tree, live) if live_tree and live is not None else None
    if not target.exists():
        spare.rename(target)
        return Written(manifest, tree, None, written)
    if not _exchange(spare, target):
        target.rename(old)
        spare.rename(target)
        old.rename(spare)
    return Written(manifest, tree, previous, written)


def _update_spare(output: Iterable[Entry], spare: Path, target: Path, have: Mapping[str, str],
                  live: Mapping[str, str] | None) -> tuple[dict[str, str], int]:
    """Bring the spare tree to ``output``: keep what is right, link what is unchanged, write the rest."""
    umask = _umask()
    manifest: dict[str, str] = {}
    written = 0
    made: set[str] = set()
    fresh = not have  # an empty spare: nothing in it to check or replace
    spare_s, target_s = str(spare), str(target)
    for path, data in output:
        h = data.hash if isinstance(data, Unchanged) else digest(data)
        manifest[path] = h
        if have.get(path) == h:
            continue
        dest = f"{spare_s}/{path}"
        _make_parents(spare_s, path, made, umask)
        if not fresh:
            _clear(dest)
        source = f"{target_s}/{path}"
        if (live.get(path) == h) if live is not None else _same_bytes(source, data):
            try:
                os.link(source, dest)
                continue
            except FileNotFoundError:  # deleted by hand since the last build
                pass
        if isinstance(data, Unchanged):
            raise StaleCache(path)
        fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        with os.fdopen(fd, "wb") as f:
            if umask & 0o644:
                os.fchmod(fd, 0o644)
            f.write(data)
        written += 1
    return manifest, written


def _clear(dest: str) -> None:
    """Make room for a new file at ``dest``: unlink a file or link (never writing through it), drop a folder."""
    try:
        os.unlink(dest)
    except FileNotFoundError:
        pass
    except (IsADirectoryError, PermissionError):
        shutil.rmtree(dest)


def _make_parents(root: str, path: str, made: set[str], umask: int) -> None:
    """Create the folders above ``path`` (0755), replacing a file or link that stands where a folder must be."""
    end = path.rfind("/")
    if end < 0 or path[:end] in made:
        return
    start = 0
    while True:
        start = path.find("/", start + 1)
        if start < 0 or start > end:
            break
        rel = path[:start]
        if rel in made:
            continue
        folder = f"{root}/{rel}"
        try:
            os.mkdir(folder, 0o755)
            if umask & 0o755:
                os.chmod(folder, 0o755)
        except FileExistsError:
            if os.path.islink(folder) or not os.path.isdir(folder):
                os.unlink(folder)
                os.mkdir(folder, 0o755)
                os.chmod(folder, 0o755)
        made.add(rel)


def _remove_file(root: Path, path: str) -> None:
    """Delete a stale file and the folders it leaves empty, never following a symlink."""
    target = root / path
    if target.is_symlink() or target.is_file():
        target.unlink()
    parent = target.parent
    while parent != root:
        try:
            parent.rmdir()
        except OSError:
            break
        parent = parent.parent


def _same_bytes(previous: str, data: bytes | Unchanged) -> bool:
    """Whether the live site has exactly these bytes at ``previous`` (a regular file, not a link)."""
    if isinstance(data, Unchanged):
        return False
    try:
        st = os.lstat(previous)
        if not stat.S_ISREG(st.st_mode) or st.st_size != len(data):
            return False
        with open(previous, "rb") as f:
            return f.read() == data
    except OSError:
        return False
