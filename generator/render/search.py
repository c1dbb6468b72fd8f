"""Full-text search: a Pagefind index of the article pages, made as ordinary output files.

Pagefind (PyPI ``pagefind[bin]``) reads HTML from a folder, so the article pages this build
rendered are copied into the writer's scratch folder beside the output (``.site.tmp/``,
deleted afterwards), Pagefind indexes them there, and its bundle comes back as
``pagefind/...`` entries of the Output; the writer writes them with the rest of the site,
atomically. Nothing here touches the output folder.

Pagefind would pick each page's language (and so its stemmer: Indonesian, English) from
``<html lang>`` and make an index per language; it is told the site's (``--force-language``), so an
article with another ``lang:`` is in the one index the search page asks. What it indexes and shows is marked in ``article.html`` with
``data-pagefind-body`` / ``-meta`` / ``-filter``. Its output has no timestamps and names
its chunks by content hash, so equal pages give byte-identical bundles.

Only the engine is kept (``pagefind.js``, its worker, the WebAssembly for the site's
languages and the index): the theme's own ``search.js`` draws the results, so the
Pagefind UI bundles (about 400 KB) are dropped.
"""
from __future__ import annotations

import errno
import os
import re
import posixpath
import signal
import subprocess
import tempfile
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping, Sequence

from generator.core.disk import inodes_left
from generator.core.errors import BuildError, Problem
from generator.core.parallel import run_child
from generator.core.hashing import digest
from generator.write.output import Entry, Unchanged
from generator.core.patterns import LazyPattern

Scratch = Callable[[], AbstractContextManager]
"""Gives an empty folder for Pagefind's input and output, and deletes it afterwards (``output.scratch``)."""
INDEX_DIR = "pagefind/"
"""Where the bundle goes in the site."""
INDEXED_TEMPLATES = frozenset({"article.html"})
"""Pages rendered with these templates are what search finds."""
_UI_FILES = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")
"""Pagefind's ready-made UIs: not used by the theme, so not published."""
_TIMEOUT = 600
_FULL = LazyPattern(r"StorageFull|QuotaExceeded|No space left on device|Disk quota exceeded")
_OS_ERROR = LazyPattern(r'Os \{ code: (?P<code>\d+), kind: \w+, message: "(?P<message>[^"]*)" \}')
"""An error of the system's in Pagefind's panic (Rust's ``io::Error``): 'Os { code: 5, kind: Uncategorized, message:
"I/O error" }'."""
"""What Pagefind's panic says of a full disk or quota (Rust's io::ErrorKind, or the system's message)."""
_NO_FILES = LazyPattern(r"\(os error 24\)|Too many open files|No file descriptors available")
"""What Pagefind says when the open-files limit stops it (EMFILE, 24; musl's words are the second)."""
_HINT = "pip install 'pagefind[bin]' (it ships the binary), or set 'search: false' in config.yaml"


def executable() -> Path:
    """The Pagefind binary: $PAGEFIND_BINARY_PATH, the one from ``pagefind[bin]``, or ``pagefind`` on PATH."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        found = None
    else:
        found = get_executable()
    if found is None or not found.is_file():
        raise BuildError([Problem("config.yaml", 0, "search", f"search needs the Pagefind binary, which is "
                                                                f"not installed; {_HINT}")])
    return found


def engine_fingerprint() -> str:
    """Changes when the Pagefind binary does, so a new Pagefind re-indexes."""
    path = executable()
    st = path.stat()
    return digest(str(path), str(st.st_size), str(st.st_mtime_ns))


EXCLUDED = "a.anchor, audio, video, sup.footnote-ref, a.footnote-backref"
"""What the index leaves out besides the theme's ``data-pagefind-ignore`` parts (the date line, the source button,
counts): the '#' link the Markdown renderer puts after each heading, which showed in excerpts ("…keterampilan#"),
a player's fallback text ("您的浏览器不支持音频。"), which a reader never sees, and a footnote's mark and its way
back ("Scale AI. [1] Menurut Reuters. ↩︎"), in a page of any theme."""


_DASH = LazyPattern(rb"\xe2\x80[\x93\x94]")
"""An en or em dash (UTF-8)."""


def _spaced_dashes(data: bytes) -> bytes:
    """``data`` with each en or em dash that joins two words spaced: 'Sulawesi–Maluku–Papua', 'Café–Restoran',
    '(Bali)–Lombok' (any byte but a space either side, so letters beyond ASCII and punctuation count). Pagefind
    splits words at a hyphen but not there, so 'Maluku' found nothing (a reader's report); results show the dash,
    kept. The dash is looked for as it is, and its neighbours only where it is: a look-behind in the pattern made
    the engine try every byte of every page (0.7 s at 3,000 articles, against 0.04 s)."""
    if b"\xe2\x80\x93" not in data and b"\xe2\x80\x94" not in data:
        return data

    def spaced(match: re.Match[bytes]) -> bytes:
        before, after = data[match.start() - 1:match.start()], data[match.end():match.end() + 1]
        joins = before and after and not before.isspace() and not after.isspace()
        return b" " + match.group() + b" " if joins else match.group()

    return _DASH.sub(spaced, data)


def index(pages: Iterable[tuple[str, bytes]], scratch: Scratch | None = None, language: str = ""
          ) -> list[tuple[str, bytes]]:
    """Pagefind's bundle for ``pages`` (site path → HTML), as (``pagefind/...`` path, bytes), sorted.

    The pages are copied into an empty folder that ``scratch`` gives (the writer's, beside the output folder;
    without it, one in the system's temporary folder), which is deleted afterwards. Pagefind dies with the
    build: a ``kill -9`` of digest does not leave it indexing. Raises BuildError with Pagefind's own message
    if it fails. With ``language`` (the site's), every page goes into that language's one index, whatever its
    ``<html lang>`` (an article with ``lang: en``): Pagefind would make an index per language, and a search
    finds only the pages of the index of the search page's language.
    """
    pages = list(pages)
    if not pages:  # Pagefind refuses to index nothing; a site with no articles has no index (search.js then
        return []  # leaves the archive links up)
    binary = executable()
    with (scratch or partial(tempfile.TemporaryDirectory, prefix="digest-search-"))() as tmp:
        tmp = os.path.abspath(tmp)  # Pagefind runs in it (cwd): a relative name (--output public) would be read twice
        site, out = Path(tmp, "site"), Path(tmp, "out")
        folders = {posixpath.dirname(path) for path, _ in pages}
        # the pages' copies and their folders, a fragment each, about one index chunk in twenty, Pagefind's own
        # files (18 for one page; 3,147 for 3,000)
        needed = 2 * len(pages) + len(folders) + len(pages) // 20 + 25
        if (left := inodes_left(tmp)) is not None and left < needed:  # out of them, Pagefind retries for ever
            raise BuildError([Problem(INDEX_DIR, 0, "search", (
                f"the disk that holds {tmp} has room for {left:,} more files (inodes), and the search index needs "
                f"about {needed:,}; delete files there (`df -i` shows the count), build onto another disk, or set "
                "'search: false' in config.yaml"))])
        for path, data in pages:
            file = site / path
            file.parent.mkdir(parents=True, exist_ok=True)
            file.write_bytes(_spaced_dashes(data))
        site.mkdir(exist_ok=True)
        try:
            # its folders by their names in tmp: Pagefind refuses a path that is not UTF-8 ('proj\xe9', a folder
            # named in a Latin-1 terminal) as an argument
            run = run_child([str(binary), "--site", site.name, "--output-path", out.name, "--silent",
                             "--exclude-selectors", EXCLUDED,
                             *(("--force-language", language) if language else ())], _TIMEOUT, cwd=tmp, env={**os.environ, "NO_COLOR": "1"})
        except subprocess.TimeoutExpired:  # it ran: installing it again would not help
            raise BuildError([Problem(INDEX_DIR, 0, "search", (
                f"Pagefind did not finish indexing {len(pages):,} pages in {_TIMEOUT} s (a disk that runs out of "
                "inodes meanwhile keeps it retrying: see `df -i`); build again, or set 'search: false' in "
                "config.yaml"))]) from None
        except OSError as e:
            raise BuildError([Problem(INDEX_DIR, 0, "search", f"Pagefind could not run ({e}); {_HINT}")]) from None
        if run.returncode < 0:  # killed: a missing or broken install is not the cause, so that hint would mislead
            raise BuildError([Problem(INDEX_DIR, 0, "search", _killed(-run.returncode, len(pages)))])
        if run.returncode != 0:
            text = (run.stderr or run.stdout).decode("utf-8", "replace")
            if _NO_FILES.search(text):  # 'install it again' would not help, nor would the disk
                raise BuildError([Problem(INDEX_DIR, 0, "search", _out_of_files())])
            if _FULL.search(text):  # its panic's text and 'install it again' told a maintainer nothing of a full disk
                raise BuildError([Problem(INDEX_DIR, 0, "search", (
                    f"the disk that holds {tmp} is full, or over its quota, so Pagefind could not write the search "
                    f"index; make room there (`df -h {tmp}`), build onto another disk, or set 'search: false' in "
                    "config.yaml"))])
            if failed := _OS_ERROR.search(text):  # any other error of the system's: not a broken install either
                code = int(failed.group("code"))
                advice = {errno.EIO: "check that disk (`dmesg` shows its errors) and build again",
                          errno.EACCES: f"check that you may write in {tmp} and build again",
                          errno.EPERM: f"check that you may write in {tmp} and build again",
                          errno.ENOMEM: "the machine ran out of memory: close other programs, or build with fewer "
                                        "--jobs, and build again"}.get(code, "build again")
                raise BuildError([Problem(INDEX_DIR, 0, "search", (
                    f"the system refused Pagefind a file operation under {tmp} ({failed.group('message')}, error "
                    f"{code}), so it could not write the search index; {advice}, or set 'search: false' in "
                    "config.yaml"))])
            said = text.strip().splitlines()
            raise BuildError([Problem(INDEX_DIR, 0, "search", f"Pagefind failed (exit {run.returncode}): "
                                      f"{' / '.join(said[-5:]) or 'no message'}; {_HINT}")])
        files = [(INDEX_DIR + p.relative_to(out).as_posix(), p.read_bytes())
                 for p in out.rglob("*") if p.is_file() and not p.name.startswith(_UI_FILES)]
    if problem := incomplete(files, len(pages)):
        raise BuildError([Problem(INDEX_DIR, 0, "search", problem)])
    return sorted(files)


def incomplete(files: Sequence[tuple[str, bytes]], pages: int) -> str:
    """What is wrong with a bundle Pagefind made for ``pages`` pages although it exited 0, or '': it says nothing
    when it cannot write a file (a full disk leaves it empty) or read a folder of pages (they are left out)."""
    empty = [path for path, data in files if not data]
    fragments = sum(1 for path, _ in files if path.endswith(".pf_fragment"))
    if not empty and fragments >= pages and any(path == f"{INDEX_DIR}pagefind-entry.json" for path, _ in files):
        return ""
    found = (f"{len(empty):,} empty file{'s' if len(empty) != 1 else ''} ({empty[0]} …)" if empty else f"{fragments:,} of {pages:,} pages indexed"
             if fragments < pages else f"no {INDEX_DIR}pagefind-entry.json")
    return (f"Pagefind reported success but its index is incomplete ({found}), so the search would fail or miss "
            "pages; is the disk full? Free some space and build again")


def _out_of_files() -> str:
    """What to tell the editor when Pagefind hit the open-files limit (``ulimit -n``), which it inherits."""
    import resource

    soft = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    limit = "unlimited" if soft == resource.RLIM_INFINITY else f"{soft:,}"
    more = 4096 if soft == resource.RLIM_INFINITY else max(4096, soft * 4)
    return (f"Pagefind ran out of open files (the limit is {limit}, from `ulimit -n`), so it could not read the "
            f"pages; raise it (ulimit -n {more}) and build again, or set 'search: false' in config.yaml")


def _killed(number: int, pages: int) -> str:
    """What to tell the editor when Pagefind was stopped by a signal."""
    name = signal.Signals(number).name if number in {s.value for s in signal.Signals} else f"signal {number}"
    said = f"Pagefind was stopped by {name} while it indexed {pages:,} pages"
    if number == signal.SIGKILL:
        return (f"{said} (most often the out-of-memory killer: Pagefind keeps the whole index in memory, more than "
                "19 GB for 100,000 article pages); build on a machine with more memory, or set 'search: false' in "
                "config.yaml")
    return f"{said}; build again, or set 'search: false' in config.yaml"


@dataclass(frozen=True)
class SearchPlan:
    """Whether this build re-indexes, decided before rendering."""

    fingerprint: str
    """Hash of the engine and of every indexed page's input fingerprint."""
    indexed: frozenset[str]
    """Output paths of the pages search finds."""
    kept: Mapping[str, str]
    """The last build's bundle (path → hash) when ``fingerprint`` is unchanged; empty means re-index."""
    language: str = ""
    """The site's language, the one index's (``index``)."""


def plan_search(pages: Sequence[tuple[str, str, str]], previous: Mapping[str, tuple[str, str]],
                language: str = "") -> SearchPlan:
    """``pages`` are (path, template, input fingerprint) of every HTML page; ``previous`` is the cache's.

    Equal input fingerprints mean equal bytes, so an unchanged set of article pages keeps
    the last bundle without rendering or indexing anything.
    """
    indexed = [(path, fp) for path, template, fp in pages if template in INDEXED_TEMPLATES]
    fingerprint = digest(INDEX_DIR, engine_fingerprint(), EXCLUDED, language,
                         *(f"{path}\0{fp}" for path, fp in indexed))
    kept = {path: h for path, (fp, h) in previous.items() if path.startswith(INDEX_DIR) and fp == fingerprint}
    return SearchPlan(fingerprint, frozenset(path for path, _ in indexed), kept, language)


def bundle(plan: SearchPlan, pages: Iterable[tuple[str, bytes]], fingerprints: dict[str, str],
           scratch: Scratch | None = None) -> Iterator[Entry]:
    """The bundle's entries: the kept ones as ``Unchanged``, or a new index of ``pages``.

    Runs last in the output stream, when ``pages`` (filled while the pages streamed past)
    is complete; it records each bundle file's fingerprint in ``fingerprints`` for the cache.
    """
    files: Iterable[tuple[str, bytes | Unchanged]] = (
        sorted((path, Unchanged(h)) for path, h in plan.kept.items()) if plan.kept else index(pages, scratch, plan.language))
    for path, data in files:
        fingerprints[path] = plan.fingerprint
        yield path, data
