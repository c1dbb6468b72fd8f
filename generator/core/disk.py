"""What the disk a path is on has left: read by the writer and the search index alike, before a full disk fails them;
and whether a file name the OS gave us can be a URL's or the cache's."""
from __future__ import annotations

import os
from pathlib import Path


def inodes_left(path: str | Path) -> int | None:
    """Free inodes on the disk that holds ``path`` (or its nearest folder that exists), None if unknown (a file
    system that has no fixed count of them, such as btrfs, says 0 files in all)."""
    folder = Path(path)
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    try:
        st = os.statvfs(folder)
    except OSError:
        return None
    return st.f_favail if st.f_files else None


def is_utf8(name: str) -> bool:
    """False for a name the OS gave us with undecodable bytes (Python's surrogate escapes). Here, not in the
    article loader, so that the theme's walk (on the up-to-date check's path) does not load the Markdown engines."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
