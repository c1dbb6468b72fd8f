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
a folder without the marker was not made by digest and is never replaced or deleted. The
marker is replaced by rename, never rewritten in place, and a folder is deleted with its
marker last, so a kill at any moment leaves a folder that is recognisably ours (or empty).
Neither the live folder nor the spare is trusted blindly: each is compared, by a stat walk,
with what the writer recorded after writing it (``TreeState``). See docs/writer.md.
"""
from __future__ import annotations

import ctypes
import errno
import fcntl
import os
import pwd
import re
import shutil
import stat
import sys
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from functools import partial
from itertools import chain
from pathlib import Path
from types import EllipsisType
from typing import Collection, Iterable, Iterator, Mapping

from generator.load.cache import TreeState
from generator.core.hashing import digest
from generator.core.disk import inodes_left
from generator.core.errors import BuildError, BusyError, Problem, RefusalError

MARKER = ".news-digest"
"""File in every output folder this tool made; a non-empty folder without it is never replaced."""
_MARKER_TMP = MARKER + ".tmp"
"""The next marker, written in full before it is renamed over the marker."""
_MARKER_TEXT = "built by news-digest; this folder is replaced on every build\ntree: {}\n"
_RENAME_EXCHANGE = 2


@dataclass(frozen=True)
class Unchanged:
    """A file the previous build wrote with exactly these bytes: the writer links it, nothing re-renders it."""

    hash: str


@dataclass(frozen=True)
class Written:
    """A page a render worker wrote into a spare made afresh itself (``Direct``): its bytes' hash, and what a
    stat walk finds for it."""

    hash: str
    stat: str


Entry = tuple[str, "bytes | Unchanged | Written"]


class Direct:
    """Where the render workers write the pages they render, when the writer says so (``folder``), instead of
    sending their bytes to the build's process to write.

    A cold build onto a disk makes 15,000 folders and 15,500 files for 10,000 articles; the kernel's work for
    each new file and folder is done by the process that asks for it. One process writing leaves the other
    core to the render workers, which mostly wait for it: on this machine's ext4 (no journal) a cold build's
    writer spent 10–14 s at 100% system time, the workers about 30% each. So when the spare is made afresh
    and there is no live folder to link unchanged bytes from (``write_site``), each worker makes its pages'
    folders and files itself (``write``) and sends back only a ``Written``. The writer sets ``folder``
    before it takes the first entry, so workers forked then inherit it; it ends the workers (closing the
    stream) before it removes a spare it made. A page rendered in the build's own process (one job, or
    after a worker died) is written the same way."""

    def __init__(self) -> None:
        self.folder: str | None = None
        self._made: set[str] = set()
        self._umask: int | None = None

    def write(self, path: str, data: bytes) -> Written:
        """Write ``data`` as ``path`` in ``folder`` (with its folders): what the writer would have done."""
        assert self.folder is not None
        if self._umask is None:
            self._umask = _umask()
        dest = f"{self.folder}/{path}"
        _make_parents(self.folder, path, self._made, self._umask)
        return Written(digest(data), _write_new(dest, data, self._umask))

    def read(self, path: str) -> bytes:
        """The bytes of a page written here (for the search index)."""
        assert self.folder is not None
        with open(f"{self.folder}/{path}", "rb") as f:
            return f.read()


class Output:
    """The site's files as a stream of (path, bytes) entries; a path given twice is an error, never last-wins.

    The stream is produced lazily (pages render while the writer writes), so a big site is
    never held in memory whole. ``files`` collects it, for tests. ``direct``: where the render workers may
    write their pages themselves (``Direct``), when the stream has render workers at all.
    """

    def __init__(self, entries: Iterable[Entry] = (), direct: Direct | None = None) -> None:
        self._parts: list[Iterable[Entry]] = [entries]
        self.direct = direct

    def add(self, path: str, data: bytes | str) -> None:
        self._parts.append([(path, data.encode("utf-8") if isinstance(data, str) else data)])

    def add_all(self, items: Iterable[tuple[str, "bytes | str | Unchanged"]]) -> None:
        self._parts.append((p, d.encode("utf-8") if isinstance(d, str) else d) for p, d in items)

    def __iter__(self) -> Iterator[Entry]:
        seen: set[str] = set()
        for part in self._parts:
            entries = iter(part)
            try:
                for path, data in entries:
                    if path in seen:
                        raise BuildError([Problem(path, 0, "", "two pages or files want this output path; "
                                                               "rename one (a static file may clash with a page)")])
                    seen.add(path)
                    yield path, data
            finally:  # stopped early: the render workers end now, not when the garbage is collected
                close = getattr(entries, "close", None)
                if close is not None:
                    close()

    @property
    def files(self) -> dict[str, bytes]:
        """Path → bytes, sorted by path (every entry must carry bytes)."""
        out: dict[str, bytes] = {}
        for path, data in self:
            assert isinstance(data, bytes), f"{path} was not rendered"
            out[path] = data
        return dict(sorted(out.items()))


@dataclass(frozen=True)
class SiteWrite:
    """What one ``write_site`` did, and what the cache must remember for the next one."""

    live: TreeState
    """The new live folder: its tree id, files (path → hash) and how they look on disk."""
    spare: TreeState | None
    """The spare tree now (the live folder before), when the writer could vouch for it."""
    written: int
    """Files that got new bytes; the rest were kept or linked."""
    problems: tuple[Problem, ...] = ()
    """Warnings: the site is published, but something beside it is not as it should be (``_swap``)."""

    @property
    def manifest(self) -> Mapping[str, str]:
        return self.live.files

    @property
    def tree(self) -> str:
        return self.live.tree


class StaleCache(Exception):
    """The cache said a file was unchanged, but the previous site no longer has it."""


_SPARE = "its spare copy of the site"
"""What digest keeps beside the output folder, for the refusal of a user's file there (``_refuse_file``)."""


def check_target(target: Path, project: Path, protected: Iterable[Path], cache: Path | None = None) -> None:
    """Refuse output folders whose replacement could destroy the user's files (exit 2), those that cannot be
    looked at (a name too long), and, given ``cache``, any that overlaps the build cache (``digest serve``'s previews
    are in it: only serve builds there)."""
    try:
        _check_target(target, project, protected)
        resolved, real = target.resolve(), cache.resolve() if cache is not None else None
        if cache is not None and real is not None and (
                resolved == real or real in resolved.parents or resolved in real.parents):
            fix = (f"remove the link {cache} (digest makes the folder again)" if cache.is_symlink()
                   else "use a folder such as site/")
            raise RefusalError(f"refusing to build into {target}: it overlaps {real}, digest's cache (and digest "
                               f"serve's previews), which the site would then publish; {fix}")
    except OSError as e:
        if e.errno in (errno.EACCES, errno.EPERM) and isinstance(e.filename, str) and (
                closed := _closed_folder(Path(e.filename))):
            raise RefusalError(f"cannot build into {target}: {closed} cannot be read ({e.strerror}), and digest "
                               f"looks into it on every build; {_open_it(closed)}") from None
        raise RefusalError(f"cannot build into {target}: {e.strerror or e}; choose another --output or "
                           "output_dir") from None


def _closed_folder(path: Path) -> Path | None:
    """The folder whose mode keeps ``path`` from being looked at ('chmod 000 .site.prev'): the outermost one on its
    way that this process may not list and enter, or None."""
    return next((folder for folder in (*reversed(path.parents), path) if os.path.isdir(folder) and not os.access(
        folder, os.R_OK | os.X_OK, effective_ids=os.access in os.supports_effective_ids)), None)


def _open_it(folder: Path) -> str:
    """What to run to give this process its folder ``folder`` back, or whom to ask."""
    try:
        owner = os.lstat(folder).st_uid
    except OSError:
        owner = os.geteuid()
    if owner == os.geteuid():
        return f"run `chmod u+rwx {folder}`"
    return (f"it belongs to the user {_user_name(owner)}: ask them to let {_user_name(os.geteuid())} read and enter "
            f"it (`chmod go+rx {folder}`), or choose another --output")


def make_parent(target: Path) -> tuple[Path, ...]:
    """Make the folder that holds ``target`` (as ``build_lock`` would), or refuse (exit 2) naming it and why: a file
    in the way, a read-only disk. ``digest build`` asks first; the preview says it on its page instead. Returns the
    folders it made, outermost first, for ``unmake_parent``."""
    parent = target.resolve().parent
    missing = [folder for folder in (parent, *parent.parents) if not folder.exists()][::-1]
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        unmake_parent(target, tuple(missing))  # those it made before the one that failed
        raise RefusalError(f"cannot build into {target}: its folder {parent} cannot be made ({e.strerror}); "
                           "choose another --output or output_dir") from None
    return tuple(missing)


def unmake_parent(target: Path, made: tuple[Path, ...]) -> None:
    """Delete the folders ``make_parent`` made for ``target`` when the build did not write it (bad input,
    ``--strict``, a failure while writing), so that a failed build leaves the disk as it was; a folder that holds
    anything now (another build's output) stays."""
    if os.path.lexists(target):
        return
    for folder in reversed(made):
        try:
            folder.rmdir()
        except FileNotFoundError:  # not made after all: ``make_parent`` failed before it
            continue
        except OSError:
            return


def _check_target(target: Path, project: Path, protected: Iterable[Path]) -> None:
    resolved = target.resolve()
    home = Path.home().resolve()
    project = project.resolve()
    if target.is_symlink():
        raise RefusalError(f"refusing to build into {target}: it is a symbolic link; point --output at a real folder")
    if resolved == Path(resolved.anchor) or resolved == home:
        raise RefusalError(f"refusing to build into {target}: it is {'the home folder' if resolved == home else 'the file system root'}")
    if resolved == project or resolved in project.parents:
        raise RefusalError(f"refusing to build into {target}: it holds the project itself; use a folder such as site/")
    if resolved == Path.cwd().resolve():  # replaced by a rename, it would leave the shell in a deleted folder
        raise RefusalError(f"refusing to build into {target}: it is the current folder, which digest replaces as a "
                           f"whole (by renaming it); build into a folder inside it, e.g. --output site")
    for folder in protected:
        folder = folder.resolve()
        if resolved == folder or folder in resolved.parents or resolved in folder.parents:
            raise RefusalError(f"refusing to build into {target}: it overlaps {folder}, which holds your sources")
    # another output's spare or scratch folder, or a folder inside a built site: the next build of that output
    # would replace it without a word
    if re.fullmatch(r"\..+\.(prev|old|tmp)", resolved.name):
        raise RefusalError(f"refusing to build into {target}: digest keeps the spare copy and temporary files of "
                           f"an output folder under such names ({resolved.name} is {resolved.name[1:].rsplit('.', 1)[0]}"
                           "/'s); choose another name, such as site/")
    if inside := built_site_holding(resolved.parent):
        raise RefusalError(f"refusing to build into {target}: it is inside {inside}, a site digest built, which the "
                           f"next build there replaces whole; build beside it instead")
    if resolved.exists() and not resolved.is_dir():
        raise RefusalError(f"refusing to build into {target}: it is a file, not a folder")
    if resolved.is_dir() and os.path.ismount(resolved):
        raise RefusalError(f"refusing to build into {target}: it is a mount point, and digest replaces the output "
                           f"folder as a whole (by renaming it), which a mount point cannot be; build into a folder "
                           f"inside it, e.g. --output {target / 'site'}")
    for folder, what in (*((f, _SPARE) for f in (resolved, *_siblings(resolved))),
                         (scratch_of(resolved), "its temporary files")):
        if not folder.is_symlink() and folder.is_dir() and any(folder.iterdir()) and not (folder / MARKER).is_file():
            raise RefusalError(f"refusing to replace {folder}: it is not empty and was not made by digest "
                               f"(no {MARKER} file in it); empty it or choose another --output")
        if folder != resolved and folder.is_symlink():
            raise RefusalError(f"refusing to build into {target}: {folder} is a symbolic link; remove it")
        _refuse_file(folder, what)
        if what == _SPARE and (owner := _foreign_owner(folder)):
            me = _user_name(os.geteuid())
            raise RefusalError(f"refusing to build into {target}: {folder} belongs to the user {owner}, and digest "
                               f"(running as {me}) may not change it, yet every build swaps it with the spare copy "
                               f"and then updates or deletes the old site, which only {owner} or root may do; ask "
                               f"them to run `chown -R {me} {folder}` or to delete it, or choose another --output")


def _foreign_owner(folder: Path) -> str | None:
    """The name of the user who owns the folder ``folder``, when that is another user and this process may not
    write in it (root may, unless its capabilities were taken away): what a build would swap in as the spare and
    then be unable to change or delete, every build after."""
    try:
        st = os.lstat(folder)
    except OSError:
        return None
    if not stat.S_ISDIR(st.st_mode) or st.st_uid == os.geteuid() or os.access(
            folder, os.W_OK | os.X_OK, effective_ids=os.access in os.supports_effective_ids):
        return None
    return _user_name(st.st_uid)


def _foreign_folder(path: Path) -> tuple[Path, str] | None:
    """The folder of a failed write (``path`` itself, or the one holding it) when another user owns it and this
    process may not write in it, and that user's name."""
    folder = path if path.is_dir() and not path.is_symlink() else path.parent
    return (folder, owner) if (owner := _foreign_owner(folder)) else None


def _user_name(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:  # no such user any more: its number
        return f"user {uid}"


def built_site_holding(folder: Path) -> Path | None:
    """The folder digest built (its ``.news-digest`` marker) that is or holds ``folder`` (resolved), if any: the
    next build of that output replaces it whole, with whatever anyone put inside."""
    return next((f for f in (folder, *folder.parents) if (f / MARKER).is_file()), None)


def _refuse_file(folder: Path, what: str = _SPARE) -> None:
    """A user's file where digest keeps ``what`` (the spare tree, the scratch folder) is never deleted (exit 2)."""
    if (folder.exists() or folder.is_symlink()) and not folder.is_dir():
        raise RefusalError(f"refusing to replace {folder}: it is a file, and digest keeps {what} under that name; "
                           f"move or rename the file")


@contextmanager
def build_lock(target: Path, made: tuple[Path, ...] = ()) -> Iterator[None]:
    """One build at a time per folder that holds output folders (they share it for spares and renames).

    ``made``: the folders ``make_parent`` made for ``target``; when the build wrote no ``target`` they are removed
    before the lock is released (``unmake_parent``), not after, when another build may have taken it and begun
    to work in them. The lock is the folder itself, so a build that opened it just before it was removed could
    lock a folder that is gone: the lock is taken again until the folder locked is the one at that path. It may go
    before it is opened too (or between ``mkdir`` and pathlib's look at it): it is then made again."""
    parent = target.resolve().parent
    while True:
        try:
            parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(parent, os.O_RDONLY)
        except FileNotFoundError:  # removed before it was opened, by the build that made it and failed
            continue
        except FileExistsError:  # there at mkdir, gone at pathlib's is_dir: made again; a file there is refused
            if os.path.lexists(parent) and not parent.is_dir():
                raise
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            now, locked = os.stat(parent), os.fstat(fd)
        except BlockingIOError:
            os.close(fd)
            raise BusyError(f"another digest build is writing an output folder in {parent} (it may be {target} "
                            f"or another output beside it: builds into one folder take turns); run again when "
                            f"it has finished") from None
        except FileNotFoundError:  # removed once opened, by the build that made it and failed
            os.close(fd)
            continue
        except BaseException:
            os.close(fd)
            raise
        if (now.st_dev, now.st_ino) == (locked.st_dev, locked.st_ino):
            break
        os.close(fd)
    try:
        yield
    finally:
        try:
            unmake_parent(target, made)
        finally:
            os.close(fd)


def _siblings(target: Path) -> tuple[Path, Path]:
    """The spare tree, and where the live tree waits during a non-atomic swap."""
    return spare_of(target), target.with_name(f".{target.name}.old")


def spare_of(target: Path) -> Path:
    """The spare tree beside ``target``: the site as of the build before the live one."""
    return target.with_name(f".{target.name}.prev")


def scratch_of(target: Path) -> Path:
    """The folder beside ``target`` for a build's temporary files (the search index is made there)."""
    return target.with_name(f".{target.name}.tmp")


@contextmanager
def scratch(target: Path) -> Iterator[Path]:
    """A fresh, empty ``scratch_of(target)`` for the time of the block, marked ours; deleted after it.

    A build killed inside the block leaves the folder (marked, or still empty); ``clean_scratch`` at the
    next build's start deletes it. The build lock makes the fixed name safe: one build per parent folder.
    Nothing is ever written to the system's temporary folder, which no later build would clean.
    """
    folder = scratch_of(target)
    try:
        clean_scratch(target)
    except OSError as e:  # shutil's error names a file relative to a folder it had open: name the folder instead
        raise BuildError([Problem(str(folder), 0, "", f"a build that was killed left this folder, and it cannot be "
                                  f"deleted ({e.strerror or e}); delete it yourself, then build again")]) from None
    folder.mkdir(mode=0o755)
    try:  # a marker that cannot be written (a full disk) leaves no folder either
        _write_marker(folder, "scratch")
        work = folder / "work"
        work.mkdir()
        yield work
    finally:
        with suppress(OSError):  # a file that cannot be deleted now is deleted by the next build
            remove_tree(folder)


def clean_scratch(target: Path) -> None:
    """Delete what a killed build left in ``scratch_of(target)``; a folder that is not ours is left alone."""
    folder = scratch_of(target)
    if _ours(folder):
        remove_tree(folder)
    elif _empty_folder(folder):
        folder.rmdir()


def read_tree(folder: Path) -> str | None:
    """The tree id in a folder's marker; '' for a digest folder of unknown content; None if not ours."""
    try:  # a marker damaged by hand (bytes that are not UTF-8) still says the folder is ours: made afresh
        text = (folder / MARKER).read_bytes().decode("utf-8", "replace")
    except PermissionError:  # 'chmod 000' on the marker, not on its folder: still ours (check_target took it so)
        return "" if (folder / MARKER).is_file() else None
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("tree: "):
            return line[6:].strip()
    return ""


def _ours(folder: Path) -> bool:
    return folder.is_dir() and not folder.is_symlink() and read_tree(folder) is not None


def _empty_folder(folder: Path) -> bool:
    """A real folder with nothing in it: what a deletion killed between its last two steps leaves."""
    return folder.is_dir() and not folder.is_symlink() and not any(folder.iterdir())


def stat_tree(folder: Path, part: int = 0, parts: int = 1) -> dict[str, str]:
    """Every entry below ``folder`` (the marker left out) → 'size:mtime_ns:inode' for files, 'd' for folders (with
    ':mode' when that is not what digest gives: ``_file_stat``, ``_folder_stat``).

    A page edited, deleted or added by hand, or a stray folder, changes this map; reading it
    costs one lstat per file and no reads. With ``parts`` > 1, only share ``part`` of it, so that
    that many processes can walk one big tree (``publish.walk``), and their maps together are the
    whole: the entries in the folder itself are part 0's, and those one level further down (a year's
    months, the tag folders, the list pages) are dealt out in name order, each with all below it.
    """
    out: dict[str, str] = {}
    stack = [("", str(folder), 0)]
    while stack:
        prefix, path, depth = stack.pop()
        try:
            entries = list(os.scandir(path))
        except OSError:
            if depth >= 2 or part == 0:  # a folder every part lists is part 0's to report
                out[prefix or "."] = "?"
            continue
        if depth == 1 and parts > 1:
            entries = sorted(entries, key=lambda e: e.name)[part::parts]
        mine = depth > 0 or part == 0
        for entry in entries:
            rel = prefix + entry.name
            if not prefix and entry.name == MARKER:
                continue
            if entry.is_dir(follow_symlinks=False):
                if mine:
                    out[rel] = _folder_stat(entry.stat(follow_symlinks=False))
                stack.append((rel + "/", entry.path, depth + 1))
            elif not mine:
                continue
            elif entry.is_file(follow_symlinks=False):
                out[rel] = _file_stat(entry.stat(follow_symlinks=False))
            else:
                out[rel] = "link or special file"
    return out


def _file_stat(st: os.stat_result) -> str:
    """What a stat walk records for a file: 'size:mtime_ns:inode', and ':mode' when that is not the 0644 digest
    writes (a 'chmod 600 site/style.css' changes none of the three, and a hard link would carry it on)."""
    mode = st.st_mode & 0o777
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}" + ("" if mode == 0o644 else f":{mode:o}")


def _folder_stat(st: os.stat_result) -> str:
    """What a stat walk records for a folder: 'd', or 'd:mode' when that is not the 0755 digest makes it with
    ('chmod 700 site/tags', which the spare would otherwise keep and swap back in every other build)."""
    mode = st.st_mode & 0o777
    return "d" if mode == 0o755 else f"d:{mode:o}"


def match_tree(folder: Path, known: Iterable[TreeState], stats: Mapping[str, str] | None = None) -> TreeState | None:
    """The recorded state that ``folder`` still exactly is (its marker and a stat walk agree), or None.

    ``stats``: ``stat_tree(folder)`` if the caller has it already (publish walks while it reads the cache)."""
    if not _ours(folder):
        return None
    tree = read_tree(folder)
    candidates = [state for state in known if state.tree == tree and tree]
    if not candidates:
        return None
    stats = stat_tree(folder) if stats is None else stats
    same = next((state for state in candidates if state.stats == stats), None)
    return same or next((state for state in map(partial(_restored, folder, stats), candidates) if state), None)


def _restored(folder: Path, stats: Mapping[str, str], state: TreeState) -> TreeState | None:
    """``state`` with the stats ``folder`` has now, if its files are the recorded ones under new inodes and times.

    A CI cache (``actions/cache``, GitLab's) is restored from an archive: every file is a new inode, and GNU
    tar's default format keeps mtimes to the second, so no restored folder ever matched and every page was
    rendered again. The same paths and folders, and each file whose stats changed of its recorded size, are
    read and hashed: if every hash is the one the writer recorded (``state.files``) and every file and folder has
    the mode recorded (``_file_stat``: restored under ``umask 077``, 0600 pages a web server cannot read, are not;
    the 0640 a default ACL gave, recorded so, is), the folder is that state. A page edited by hand has other bytes
    and still fails. None without the hashes (the up-to-date check's small cache read holds none)."""
    if not state.files or stats.keys() != state.stats.keys():
        return None
    root = str(folder)
    for rel, now in stats.items():
        was = state.stats[rel]
        if now == was:
            continue
        if not (now[:1].isdigit() and was[:1].isdigit() and now.partition(":")[0] == was.partition(":")[0]
                and rel in state.files and now.split(":")[3:] == was.split(":")[3:]):  # another mode: not trusted
            return None
        try:
            # not through a link, and never waiting on a FIFO put there since the walk
            with os.fdopen(os.open(f"{root}/{rel}", os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK), "rb") as f:
                if digest(f.read()) != state.files[rel]:
                    return None
        except OSError:
            return None
    return TreeState(state.tree, state.files, dict(stats))


def clean_leftovers(target: Path) -> None:
    """Repair what an interrupted swap or deletion left: put a live site caught between renames back."""
    spare, old = _siblings(target)
    if _ours(old):
        if not target.exists():
            old.rename(target)
        else:
            remove_tree(old)
    elif _empty_folder(old):
        old.rmdir()


def repaired(target: Path) -> Path:
    """``target``, once ``clean_leftovers`` has put back a live site that a killed build left between two renames,
    so that every build does, even one that then stops on bad input. What cannot be repaired now the writer tries
    again, and says why (``write_site``)."""
    with suppress(OSError):
        clean_leftovers(target)
    return target


def put_back(target: Path) -> None:
    """Put back a live site that a killed swap left as ``.site.old`` (no ``target``), before a build that may stop
    on bad input before it takes the lock (a broken config.yaml): only that rename, under the lock, and only when
    no other build holds it (one that does may be mid-swap). Nothing is done when the parent is missing, nor for
    the file system root ('--output /', which ``check_target`` refuses)."""
    target = Path(os.path.abspath(target))  # '.', './': a name to put a sibling beside
    if not target.name:
        return
    old = _siblings(target)[1]
    with suppress(OSError, BusyError):  # a name too long, say: the checks that follow say so
        if os.path.lexists(target) or not _ours(old):
            return
        with build_lock(target):
            if not os.path.lexists(target) and _ours(old):
                old.rename(target)


def _rmtree(path: str) -> None:
    """``shutil.rmtree``, whose error names the whole path of what could not be deleted (rmtree's own names only
    the last part, 'index.html', as it works from an open folder)."""
    def whole_path(function: object, name: str, info: object) -> None:
        error = sys.exc_info()[1]  # rmtree calls this while it handles the error
        if isinstance(error, OSError):
            error.filename = name
        raise

    while True:
        try:
            if sys.version_info >= (3, 12):
                shutil.rmtree(path, onexc=whole_path)  # type: ignore[call-arg]
            else:
                shutil.rmtree(path, onerror=whole_path)
            return
        except PermissionError as e:  # a folder inside made read-only ('chmod 555 site/tags' before a swap)
            if not _writable_again(e.filename, path):
                raise


def _writable_again(failed: object, root: str) -> bool:
    """After a permission error at ``failed`` in ``root`` (a folder digest made: the spare, or one it deletes), give
    each folder from ``root`` down to ``failed`` that this process owns and that lacks its owner's ``rwx`` that access
    back. A ``chmod 555 site/tags`` on the live site goes with the folder into the spare at the swap, and nothing
    could then be written or deleted in it, build after build; ``remove_tree`` does the same for the top folder.
    True when a folder changed: the caller tries again (each folder changes once, so that ends)."""
    if not isinstance(failed, str) or not (failed == root or failed.startswith(root + "/")):
        return False
    changed = False
    folder = root
    for part in ("", *failed[len(root) + 1:].split("/")):
        folder = f"{folder}/{part}" if part else folder
        try:
            st = os.lstat(folder)
        except OSError:
            break
        if not stat.S_ISDIR(st.st_mode) or st.st_uid != os.geteuid():
            break
        if st.st_mode & stat.S_IRWXU != stat.S_IRWXU:
            os.chmod(folder, stat.S_IMODE(st.st_mode) | stat.S_IRWXU)
            changed = True
    return changed


def remove_tree(folder: Path) -> None:
    """Delete a folder digest made, its marker last: a kill midway leaves a folder still marked ours, or empty.

    A spare that was the live folder has the mode the user gave that (``_take_mode``), read-only with
    ``chmod 555 site`` too: its owner's access comes back first, or nothing in it could be deleted."""
    mode = stat.S_IMODE(os.lstat(folder).st_mode)
    if mode & stat.S_IRWXU != stat.S_IRWXU:
        with suppress(PermissionError):  # another owner's: the unlink below names the file
            os.chmod(folder, mode | stat.S_IRWXU)
    for entry in os.scandir(folder):
        if entry.name == MARKER:
            continue
        if entry.is_dir(follow_symlinks=False):
            _rmtree(entry.path)
        else:
            os.unlink(entry.path)
    (folder / MARKER).unlink(missing_ok=True)
    folder.rmdir()


def mirror_live(target: Path, live: TreeState) -> dict[str, str] | None:
    """Make the spare beside ``target`` a copy of the live folder, one hard link per file, and return what a stat
    walk of it would find.

    ``publish`` runs this in a forked process (``parallel.Later``) while the build loads and plans, when there is
    no spare yet (after a cold build): the writer then finds a spare that is already the verified live folder
    and only replaces what changed, instead of making a folder and a link for every file on the build's one
    busy core. The spare is marked 'updating' first, so a kill midway leaves a folder that the next build
    deletes. It is made from the live folder's verified stat map alone (``live.stats``: every folder and file),
    so the small cache read of the up-to-date check is enough to start it; each link is looked at once
    (``lstat``) instead of walking the new folder, and a file changed since the walk makes the map differ.
    None when the spare could not be made, or the map holds an entry that is neither a folder nor a file (the
    writer then makes it, and reports any error); a spare that is not digest's is left alone for the writer
    to refuse.
    """
    spare = spare_of(target)
    try:
        if not clear_spare(spare):  # one a mirror that died left is ours: its marker still says 'updating'
            return None
        spare.mkdir()
        os.chmod(spare, 0o755)
        _write_marker(spare, "updating")
        umask = _umask()
        made: set[str] = set()
        seen: dict[str, str] = {}
        spare_s, target_s = str(spare), str(target)
        for path, was in live.stats.items():
            if was == "d" or was.startswith("d:"):  # 'd:750': a default ACL's mode, or a chmod (then no match)
                _make_parents(spare_s, f"{path}/", made, umask)
            elif was[:1].isdigit():
                _make_parents(spare_s, path, made, umask)
                dest = f"{spare_s}/{path}"
                os.link(f"{target_s}/{path}", dest)
                seen[path] = _file_stat(os.lstat(dest))
            else:  # a link or special file, or a folder the walk could not read: the writer's case
                return None
        return seen | _made_folders(spare_s, made)
    except OSError:
        return None


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


def clear_spare(spare: Path) -> bool:
    """Delete the spare if it is digest's (any marker) or an empty folder; False when something else is there,
    which digest must not touch."""
    if _ours(spare):
        remove_tree(spare)
    elif _empty_folder(spare):
        spare.rmdir()
    elif spare.exists() or spare.is_symlink():
        return False
    return True


def _prepare_spare(spare: Path, known: Iterable[TreeState], stats: Mapping[str, str] | None = None) -> TreeState | None:
    """An existing spare that still is what the cache recorded, or a fresh empty one; marked 'updating'.

    A spare that is ours but not as recorded (damaged by hand, half-updated or half-deleted
    by a killed build) is deleted and made afresh: it is never published. ``stats``: its stat walk, if made.
    """
    state = match_tree(spare, known, stats)
    if state is None:
        if not clear_spare(spare):
            _refuse_file(spare)
            raise RefusalError(f"refusing to replace {spare}: it was not made by digest (no {MARKER} file in it); "
                               f"empty it or move it away")
        spare.mkdir()
    try:
        _chmod_own(spare, 0o755)
        _write_marker(spare, "updating")
    except OSError:  # a full disk at its marker: a spare just made is not left behind (the README's promise)
        if state is None:
            shutil.rmtree(spare, ignore_errors=True)
        raise
    return state


def _write_marker(folder: Path, tree: str) -> None:
    """Replace the marker atomically: at every moment the folder has a whole marker, old or new.

    A folder without a marker yet gets it directly: even empty (a build killed while writing it),
    a marker file says 'ours, contents unknown', which a temporary file beside it would not.
    """
    marker = folder / MARKER
    fresh = not marker.exists()
    tmp = marker if fresh else folder / _MARKER_TMP
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        with os.fdopen(fd, "wb") as f:
            os.fchmod(fd, 0o644)
            f.write(_MARKER_TEXT.format(tree).encode("utf-8"))
    except OSError as e:  # a full disk fails in close(), which names no path: the message named the live folder
        e.filename = e.filename or str(tmp)
        raise
    if not fresh:
        os.rename(tmp, marker)


def write_site(output: Iterable[Entry], target: Path, known: Iterable[TreeState] = (),
               live: TreeState | None | EllipsisType = ..., spare_stats: Mapping[str, str] | None = None,
               mirrored: bool = False) -> SiteWrite:
    """Make ``target`` hold exactly ``output``, atomically; ``known`` are the states the cache recorded.

    ``live`` is what ``match_tree(target, known)`` gave, when the caller has asked already (a stat
    walk of a big site is worth doing once); ``spare_stats``, ``stat_tree`` of the spare, made since the
    build lock was taken (``publish`` walks it while it plans). Any OSError (a full disk, a folder digest
    may not write in) becomes a BuildError that names the path; the live site is unchanged then. ``mirrored``:
    ``mirror_live`` made the spare from ``live`` and its walk found exactly ``live.stats``.
    """
    try:
        return _write_site(output, target, tuple(known), live, spare_stats, mirrored)
    except OSError as e:
        raise BuildError([write_problem(e, target)]) from None


def write_problem(e: OSError, target: Path) -> Problem:
    """A failed write as one line that names the path and says what to do."""
    where = str(e.filename) if e.filename else str(target)
    if e.errno == errno.ENOSPC and (getattr(e, "inodes_left", None) == 0 or inodes_left(where) == 0):
        advice = ("the disk has room for no more files (every inode is used, though `df -h` shows free space: "
                  "see `df -i`); delete files there, or build onto a disk with more inodes")
    elif e.errno in (errno.ENOSPC, errno.EDQUOT):
        advice = "the disk is full; free some space there and build again"
    elif e.errno in (errno.EACCES, errno.EPERM) and (frozen := _frozen(target, where)):
        folder, flag = frozen
        names = " ".join(map(str, (folder, *_twin(folder, target))))
        fix = f"chflags no{flag} {names}" if sys.platform == "darwin" else f"chattr -{flag} {names}"
        advice = (f"this {'folder' if folder.is_dir() else 'file'} is "
                  f"{'immutable' if flag in ('i', 'uchg', 'schg') else 'append-only'}, and digest replaces it on "
                  f"every build; run `{fix}` (as root), then build again")
        where = str(folder)
    elif e.errno in (errno.EACCES, errno.EPERM) and (foreign := _foreign_folder(Path(where))):
        folder, owner = foreign
        me = _user_name(os.geteuid())
        advice = (f"{folder} belongs to the user {owner}, and digest (running as {me}) may not change it; ask them "
                  f"to run `chown -R {me} {folder}`, or to make it writable by your group (chmod -R g+w)")
    elif e.errno in (errno.EACCES, errno.EPERM) and Path(where).is_relative_to(spare_of(target)) and \
            Path(where) != spare_of(target):
        advice = (f"digest may not change it in {spare_of(target).name}/, the copy of the site it brings up to date "
                  f"and swaps in; make it writable (see its permissions, and lsattr for an immutable flag), or "
                  f"delete {spare_of(target)} (the next build makes it again)")
    elif e.errno == errno.EROFS:
        advice = (f"the disk that holds {target} is mounted read-only (after errors, or by choice); build onto a "
                  f"writable disk, or remount it read-write")
    elif e.errno in (errno.EACCES, errno.EPERM):
        advice = (f"digest may not write there; it writes {target} and its spare copy beside it, so "
                  f"{target.resolve().parent} must be writable (see its permissions, and lsattr -d for an "
                  f"immutable flag)")
    elif e.errno in (errno.EXDEV, errno.EBUSY):
        advice = f"{target} or its spare copy is a mount point or on another disk; build into a folder inside it"
    else:
        advice = "check the path and build again"
    old = _siblings(target)[1]
    if target.exists():
        kept = f"{target} is unchanged"
    elif _ours(old):  # a swap whose second rename and its undoing both failed
        kept = f"the live site is in {old}/; the next build, or `mv {old} {target}`, puts it back"
    else:
        kept = f"nothing was written to {target}"
    return Problem(where, 0, "", f"{e.strerror or e}: {advice}; {kept}")


def _write_site(output: Iterable[Entry], target: Path, known: tuple[TreeState, ...],
                live: TreeState | None | EllipsisType, spare_stats: Mapping[str, str] | None,
                mirrored: bool = False) -> SiteWrite:
    spare, old = _siblings(target)
    if _ours(old) or _empty_folder(old):  # an interrupted swap: the live folder may move back
        clean_leftovers(target)
        live, spare_stats, mirrored = ..., None, False
    _refuse_file(old)
    live_state = match_tree(target, known) if live is ... else live
    if mirrored and isinstance(live_state, TreeState) and read_tree(spare) == "updating":
        kept: TreeState | None = live_state  # the spare is the live folder, linked file by file (``mirror_live``)
    else:
        kept, mirrored = _prepare_spare(spare, known, spare_stats), False
    have = kept.files if kept else {}
    direct = getattr(output, "direct", None)
    if isinstance(direct, Direct) and kept is None and not os.path.lexists(target):
        direct.folder = str(spare)  # a cold build: the render workers write the pages they render (``Direct``)
    touched = Touched()
    try:
        manifest, written, made_stats = _update_spare(output, spare, target, have, live_state, touched)
        for path in sorted(set(have) - set(manifest), reverse=True):
            _remove_file(spare, path, touched)
    except BaseException as e:
        if isinstance(e, OSError) and e.errno == errno.ENOSPC:  # counted now: removing the spare frees inodes
            e.inodes_left = inodes_left(str(spare))  # type: ignore[attr-defined]
        if not have or mirrored:  # a spare made by this build: leave no half-written folder behind
            with suppress(OSError):
                remove_tree(spare)
        raise  # a spare that existed before stays, marked 'updating', for the next build to redo
    tree = digest("\n".join(f"{p}\t{h}" for p, h in sorted(manifest.items())))
    _write_marker(spare, tree)
    problems: tuple[Problem, ...] = ()
    if target.exists():
        _take_mode(spare, target)
        problems = _swap(spare, target)
    else:
        spare.rename(target)
    if kept:
        stats = touched.restat(target, kept.stats)
    else:  # a spare made afresh: what the writer saw as it made it, else a walk
        stats = made_stats if made_stats is not None else stat_tree(target)
    new = TreeState(tree, manifest, stats)
    return SiteWrite(new, None if problems else live_state, written, problems)


def shut_out(target: Path) -> tuple[Problem, ...]:
    """A warning when only its owner may enter ``target`` (``chmod 700``, or what a restore under ``umask 077`` or a
    ``mkdir`` under it left), while its pages are readable by others: a web server that runs as another user
    answers 403 for every page. The mode is kept (``_take_mode``: it may be meant so), and only said, by every
    ``digest build`` (not ``digest serve``, which serves its folder itself)."""
    try:
        folder, page = (stat.S_IMODE(os.lstat(path).st_mode) for path in (target, target / "index.html"))
    except OSError:  # a site without a home page: nothing to compare with
        return ()
    if folder & 0o011 or not page & 0o044:
        return ()
    return (Problem(str(target), 0, "", f"only its owner may enter this folder (mode {folder:04o}), though its pages "
                    f"are readable by others ({page:04o}): a web server that runs as another user answers 403 for "
                    f"every page; digest keeps the mode you give it, so run `chmod 755 {target}` (or `chmod 750` and "
                    f"`chgrp` to the server's group), unless that is what you want", "warning"),)


def _swap(spare: Path, target: Path) -> tuple[Problem, ...]:
    """Swap the spare and the live folder: one ``renameat2(RENAME_EXCHANGE)``, or, where the OS lacks it (macOS),
    ``site → .site.old``, ``spare → site``, ``.site.old → spare``. A failure before the new site is in place
    puts the live folder back, then raises: the live site is unchanged, as the error says. A failure of the last
    rename comes after the new site is published: a warning, and the old site is deleted (the next build makes
    the spare afresh; one that cannot be deleted now is deleted by the next build's ``clean_leftovers``)."""
    if _exchange(spare, target):
        return ()
    old = _siblings(target)[1]
    target.rename(old)
    try:
        spare.rename(target)
    except BaseException:
        with suppress(OSError):
            old.rename(target)
        raise
    try:
        old.rename(spare)
    except OSError as e:
        with suppress(OSError):
            remove_tree(old)
        return (Problem(str(old), 0, "", f"{e.strerror or e}: the new site is published in {target}, but the site "
                        f"before it could not be kept as {spare.name}/, the spare copy digest brings up to date; "
                        f"the next build makes it afresh", "warning"),)
    return ()


_FS_IOC_GETFLAGS = 0x80086601
"""Linux's ioctl that reads the flags ``lsattr`` shows: 0x10 immutable (``chattr +i``), 0x20 append-only (``+a``)."""


def _frozen(target: Path, failed: str | None = None) -> tuple[Path, str] | None:
    """The path that failed (``failed``: a file inside, say), the output folder, its spare or ``.site.old`` if one
    has a flag that keeps it from being changed or renamed even by root (``chattr +i``), and that flag (``_flag``)."""
    paths = (*((Path(failed),) if failed else ()), target, *_siblings(target))
    return next(((path, flag) for path in paths if (flag := _flag(path))), None)


def _twin(path: Path, target: Path) -> tuple[Path, ...]:
    """The same file in ``target`` as ``path`` in its spare (a hard link: the flag on one is on both), if any."""
    spare = spare_of(target)
    if not path.is_relative_to(spare) or path == spare:
        return ()
    twin = target / path.relative_to(spare)
    try:
        return (twin,) if os.path.samefile(path, twin) else ()
    except OSError:
        return ()


def _flag(folder: Path) -> str:
    """'i' or 'a' (Linux), 'uchg', 'schg', 'uappnd' or 'sappnd' (macOS): the flag that keeps ``folder`` (or a file)
    from being renamed or changed even by root; '' when none, or when it cannot be read."""
    if hasattr(os.stat_result, "st_flags"):  # macOS, BSD: chflags
        try:
            flags = os.lstat(folder).st_flags  # type: ignore[attr-defined]
        except OSError:
            return ""
        return next((name for name, bit in (("uchg", stat.UF_IMMUTABLE), ("schg", stat.SF_IMMUTABLE),
                                            ("uappnd", stat.UF_APPEND), ("sappnd", stat.SF_APPEND)) if flags & bit), "")
    try:
        fd = os.open(folder, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)  # NONBLOCK: a FIFO does not hang
    except OSError:
        return ""
    try:
        flags = int.from_bytes(fcntl.ioctl(fd, _FS_IOC_GETFLAGS, bytes(8))[:4], sys.byteorder)
    except OSError:  # a file system without such flags
        return ""
    finally:
        os.close(fd)
    return "i" if flags & 0x10 else "a" if flags & 0x20 else ""


def _take_mode(spare: Path, target: Path) -> None:
    """Give the new site the live folder's own mode and group (``chmod 2775``, ``chgrp www-data``), as a build in
    place would keep them: the swap replaces the folder, and the access a web server or a team had must not go with
    it. A group the user may not give (one they are not in) stays the spare's."""
    live = os.lstat(target)
    if live.st_gid != os.lstat(spare).st_gid:
        with suppress(PermissionError):
            os.chown(spare, -1, live.st_gid)
    _chmod_own(spare, stat.S_IMODE(live.st_mode))  # after chown, which clears a set-group-ID bit


def _chmod_own(folder: Path, mode: int) -> None:
    """``chmod``, but not of a folder another user owns that this process may write in already (a shared deploy
    folder, ``chmod 2775``, the builder in its group): only its owner may change its mode, and it needs no change."""
    st = os.lstat(folder)
    if st.st_uid != os.geteuid() and (stat.S_IMODE(st.st_mode) == mode or os.access(
            folder, os.W_OK | os.X_OK, effective_ids=os.access in os.supports_effective_ids)):
        return
    os.chmod(folder, mode)


@dataclass
class Touched:
    """What bringing a spare up to date changed in it, so its new stat map is the verified old one with
    only these entries looked at again (one lstat each), not a walk of the whole tree."""

    paths: set[str] = field(default_factory=set)
    """Files written, linked or removed, and folders made or removed (or looked at, maybe removed)."""
    dropped: set[str] = field(default_factory=set)
    """Folders deleted with their contents (where a file now stands)."""

    def restat(self, folder: Path, stats: Mapping[str, str]) -> dict[str, str]:
        """``stat_tree(folder)``, given that it was ``stats`` before these changes."""
        out = dict(stats)
        if self.dropped:
            out = {rel: v for rel, v in out.items() if not any(rel.startswith(d + "/") for d in self.dropped)}
        root = str(folder)
        for rel in self.paths:
            try:
                st = os.lstat(f"{root}/{rel}")
            except (FileNotFoundError, NotADirectoryError):
                out.pop(rel, None)
                continue
            except OSError:  # unreadable: what a walk records is subtler; walk
                return stat_tree(folder)
            if stat.S_ISDIR(st.st_mode):
                out[rel] = _folder_stat(st)
            elif stat.S_ISREG(st.st_mode):
                out[rel] = _file_stat(st)
            else:
                out[rel] = "link or special file"
        return out


def _update_spare(output: Iterable[Entry], spare: Path, target: Path, have: Mapping[str, str],
                  live_state: TreeState | None, touched: Touched) -> tuple[dict[str, str], int, dict[str, str] | None]:
    """Bring the spare tree to ``output``: keep what is right, link what is unchanged, write the rest.

    For a spare made afresh, also what ``stat_tree`` will find in it, gathered on the way so that a cold build
    (or a first rebuild whose spare no other process made: ``publish.spare_mirror``) need not walk the whole new
    site: a file linked from the verified live folder
    is the same inode, so it has the stats recorded for it there; a written file is ``fstat``'ed once its bytes
    are flushed; the folders made have the mode one of them has (``_made_folders``). None when that cannot be
    vouched for (bytes linked from a live folder that was not verified), and the caller walks."""
    umask = _umask()
    manifest: dict[str, str] = {}
    written = 0
    made: set[str] = set()
    fresh = not have  # an empty spare: nothing in it to check or replace
    live = live_state.files if live_state else None
    live_stats = live_state.stats if live_state else {}
    seen: dict[str, str] | None = {} if fresh else None
    spare_s, target_s = str(spare), str(target)
    mode = _new_mode(spare_s, umask) if live is None else 0o644  # only ``_same_bytes`` needs it
    entries = iter(output)
    again: tuple[Entry, ...] = ()  # the entry whose write a read-only folder of the spare stopped, to try again
    path = ""
    try:
        while True:
            try:
                for entry in chain(again, entries):
                    path, data = entry
                    if type(data) is Written:  # a render worker wrote it into this fresh spare (``Direct``)
                        manifest[path] = data.hash
                        touched.paths.add(path)
                        _note_parents(path, made)
                        if seen is not None:
                            seen[path] = data.stat
                        written += 1
                        continue
                    h = data.hash if isinstance(data, Unchanged) else digest(data)
                    manifest[path] = h
                    if have.get(path) == h:
                        continue
                    dest = f"{spare_s}/{path}"
                    touched.paths.add(path)
                    _make_parents(spare_s, path, made, umask)
                    if not fresh and _clear(dest):
                        touched.dropped.add(path)
                    source = f"{target_s}/{path}"
                    if (live.get(path) == h) if live is not None else _same_bytes(source, data, mode):
                        try:
                            os.link(source, dest)
                        except FileNotFoundError:  # deleted by hand since the last build
                            pass
                        except OSError as e:
                            if e.errno not in _NO_LINKS:
                                raise
                            # a disk without hard links (exFAT, FAT, some shares): every rebuild failed there; copied
                            with open(source, "rb") as f:
                                found = _write_new(dest, f.read(), umask, seen is not None)
                            if seen is not None:
                                seen[path] = found
                            written += 1
                            continue
                        else:
                            if seen is not None:
                                if live is not None and path in live_stats:
                                    seen[path] = live_stats[path]
                                else:
                                    seen = None
                            continue
                    if isinstance(data, Unchanged):
                        raise StaleCache(path)
                    found = _write_new(dest, data, umask, seen is not None)
                    if seen is not None:
                        seen[path] = found
                    written += 1
                break
            except PermissionError as e:  # 'chmod 555 site/tags' before a swap: that folder is the spare's now
                dest = f"{spare_s}/{path}"  # link() names its source first, the spare's path second
                failed = next((f for f in (e.filename, e.filename2) if isinstance(f, str) and (
                    dest == f or dest.startswith(f + "/"))), None)
                if not (failed and _writable_again(failed, spare_s)):
                    if e.filename2 == dest:  # the error names the spare's path, not the live file it linked
                        e.filename = dest
                    raise
                again = (entry,)
    finally:  # ended early (an error): no render worker goes on writing into a spare about to be removed
        close = getattr(entries, "close", None)
        if close is not None:
            close()
    touched.paths |= made
    if seen is not None:
        seen.update(_made_folders(spare_s, made))
    return manifest, written, seen


def _made_folders(root: str, made: Collection[str]) -> dict[str, str]:
    """What a stat walk finds for the folders made in ``root``, a spare made afresh, looked at once: each is new and
    inside it, so each has the mode the others have: 0755, or what a default ACL of the folder that holds ``root``
    gives a new folder instead of the umask (``setfacl -d -m o::- .``: 0750). Recorded as 'd', such folders never
    matched their walk, and every build rendered every page again."""
    if not made:
        return {}
    return dict.fromkeys(made, _folder_stat(os.lstat(f"{root}/{next(iter(made))}")))


_NO_LINKS = frozenset({errno.EPERM, errno.EOPNOTSUPP, errno.EMLINK, errno.EXDEV, errno.ENOSYS})
"""What ``link`` says on a file system that has no hard links (FAT and exFAT: EPERM; some network and FUSE file
systems: EOPNOTSUPP, ENOSYS), or no more for this file (EMLINK), or across mounts (EXDEV): the file is copied."""


def _new_mode(folder: str, umask: int) -> int:
    """The mode ``_write_new`` gives a file in ``folder``: 0644, or what a default ACL of the folder that holds the
    spare gives instead (``setfacl -d -m o::- .``: 0640), found by making one. With 0644 expected, under such an ACL
    every build without a verified live folder (``--no-cache``, a cache of another version) wrote every file again,
    new mtimes and all, as no live file had that mode."""
    if umask & 0o644:  # ``_write_new`` sets 0644 itself
        return 0o644
    probe = f"{folder}/{_MARKER_TMP}.mode"
    fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        return stat.S_IMODE(os.fstat(fd).st_mode)
    finally:
        os.close(fd)
        os.unlink(probe)


def _write_new(dest: str, data: bytes, umask: int, stat_it: bool = True) -> str:
    """Write ``data`` as the file ``dest`` (0644); with ``stat_it``, what a stat walk finds for it once its bytes
    are flushed."""
    try:
        fd = os.open(dest, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        with os.fdopen(fd, "wb") as f:
            if umask & 0o644:
                os.fchmod(fd, 0o644)
            f.write(data)
            if not stat_it:
                return ""
            f.flush()
            return _file_stat(os.fstat(fd))
    except OSError as e:  # a full disk fails in write() or close(), which name no path
        e.filename = e.filename or dest
        raise


def _clear(dest: str) -> bool:
    """Make room for a new file at ``dest``: unlink a file or link (never writing through it), drop a folder
    (then True)."""
    try:
        os.unlink(dest)
    except FileNotFoundError:
        pass
    except (IsADirectoryError, PermissionError):  # unlink() of a folder is EISDIR on Linux, EPERM elsewhere
        if os.path.islink(dest) or not os.path.isdir(dest):
            raise  # a file that may not be deleted (immutable): its own error, not rmtree's 'Not a directory'
        _rmtree(dest)
        return True
    return False


def _note_parents(path: str, made: set[str]) -> None:
    """Add the folders above ``path`` to ``made``: another process made them (``Direct``)."""
    end = path.rfind("/")
    while end > 0 and path[:end] not in made:
        made.add(path[:end])
        end = path.rfind("/", 0, end)


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
                if umask & 0o755:  # as above: a default ACL's mode is kept (``_made_folders``)
                    os.chmod(folder, 0o755)
        made.add(rel)


def _remove_file(root: Path, path: str, touched: Touched) -> None:
    """Delete a stale file and the folders it leaves empty, never following a symlink."""
    target = root / path
    touched.paths.add(path)
    while True:
        try:
            if target.is_symlink() or target.is_file():
                target.unlink()
            break
        except PermissionError:  # its folder read-only ('chmod 555 site/tags' before a swap): the spare's now
            if not _writable_again(str(target), str(root)):
                raise
    parent = target.parent
    while parent != root:
        try:
            parent.rmdir()
        except PermissionError:
            if _writable_again(str(parent), str(root)):
                continue
            break
        except OSError:
            break
        touched.paths.add(parent.relative_to(root).as_posix())
        parent = parent.parent


def read_unchanged(target: Path, path: str, entry: Unchanged) -> bytes:
    """The live site's bytes for an ``Unchanged`` entry, so a later stage (the search index) can read a
    page it did not render; StaleCache if the live file is gone or no longer has those bytes."""
    try:
        fd = os.open(target / path, os.O_RDONLY | os.O_NOFOLLOW)
    except OSError:
        raise StaleCache(path) from None
    with os.fdopen(fd, "rb") as f:
        data = f.read()
    if digest(data) != entry.hash:
        raise StaleCache(path)
    return data


def _same_bytes(previous: str, data: bytes | Unchanged, mode: int = 0o644) -> bool:
    """Whether the live site has exactly these bytes at ``previous`` (a regular file, not a link), with ``mode``,
    the mode a file written now gets (``_new_mode``)."""
    if isinstance(data, Unchanged):
        return False
    try:
        st = os.lstat(previous)  # another mode ('chmod 600'): written afresh, as a cold build would
        if not stat.S_ISREG(st.st_mode) or st.st_size != len(data) or st.st_mode & 0o777 != mode:
            return False
        with open(previous, "rb") as f:
            return f.read() == data
    except OSError:
        return False
