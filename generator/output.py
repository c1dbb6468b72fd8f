"""The built site in memory (path → bytes), and the one function that writes it to disk.

``write_site`` never writes into the live folder. It builds a sibling temporary folder,
hard-links every file whose bytes are unchanged from the previous build (so it keeps its
mtime and an rsync-style deploy skips it), writes the rest, and then swaps the new
folder in with two renames. A failure or a kill at any point leaves the previous site
in place; the leftovers are removed by the next build.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Iterable, Mapping

from .errors import BuildError, Problem

MARKER = ".news-digest"
"""File in every output folder this tool made; a non-empty folder without it is never replaced."""


class Output:
    """Files of the site by path; writing one path twice is a bug or a collision, never last-wins."""

    def __init__(self) -> None:
        self._files: dict[str, bytes] = {}

    def add(self, path: str, data: bytes | str, origin: str = "") -> None:
        if path in self._files:
            raise BuildError([Problem(origin or path, 0, "", f"two things want to write {path}; rename one of them")])
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


def _siblings(target: Path) -> tuple[Path, Path]:
    return target.with_name(f".{target.name}.new"), target.with_name(f".{target.name}.old")


def _remove(path: Path) -> None:
    """Delete a file, link or folder without following symlinks."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)


def clean_leftovers(target: Path) -> None:
    """Undo what an interrupted build left: restore a site lost mid-swap, drop temp folders."""
    new, old = _siblings(target)
    if old.exists() and not target.exists():
        old.rename(target)
    for leftover in (new, old):
        if leftover.exists() or leftover.is_symlink():
            _remove(leftover)


def write_site(output: Output, target: Path) -> int:
    """Replace ``target`` with ``output``; returns how many files were (re)written."""
    clean_leftovers(target)
    new, old = _siblings(target)
    new.mkdir(mode=0o755)
    written = 0
    made: set[Path] = set()
    for path, data in output.files.items():
        dest = new / path
        if dest.parent not in made:
            dest.parent.mkdir(mode=0o755, parents=True, exist_ok=True)
            made.add(dest.parent)
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
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)
    return written


def _same_file(previous: Path, data: bytes) -> bool:
    try:
        if previous.is_symlink() or not previous.is_file() or previous.stat().st_size != len(data):
            return False
        return previous.read_bytes() == data
    except OSError:
        return False
