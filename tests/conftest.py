"""Shared test helpers: factories for small projects, and the --update-golden switch."""
from __future__ import annotations

import io
import os
import struct
import zlib
from pathlib import Path
from textwrap import dedent
from typing import NoReturn

import pytest

from generator.build import BuildOptions, BuildResult, build
from generator.load.config import load_config

FIXTURE_SITE = Path(__file__).parent / "fixtures" / "site"
LANGUAGES_SITE = Path(__file__).parent / "fixtures" / "languages"
"""A site in Indonesian with articles in English, Arabic and Chinese (front matter ``lang:``)."""
BUFFERED = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
"""The environment for a ``digest`` subprocess with stdout buffered, as a user's is (this machine sets
PYTHONUNBUFFERED)."""


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden/ from the current output")
    parser.addoption("--screenshots", action="store_true", help="write docs/screenshots/ (tests/test_browser.py)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The screenshot writer runs only when asked for (``make screenshots``): deselected, not skipped."""
    if not config.getoption("--screenshots"):
        keep = [i for i in items if i.name != "test_screenshots"]
        config.hook.pytest_deselected(items=[i for i in items if i.name == "test_screenshots"])
        items[:] = keep


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def write_files(root: Path, files: dict[str, str | bytes]) -> Path:
    """Create ``files`` (path → text or bytes) under ``root``; text is dedented."""
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, bytes):
            path.write_bytes(data)
        else:
            path.write_text(dedent(data).lstrip("\n"), encoding="utf-8")
    return root


CONFIG = """\
title: Test Digest
base_url: https://example.org/
"""


def article(title: str = "Judul", date: str = "2025-06-13T09:00:00+07:00", body: str = "Isi artikel.\n",
            **fields: str) -> str:
    """An article file's text: front matter from the arguments, then the body."""
    lines = ["---", f"title: {title}", f"date: {date}"]
    lines += [f"{key}: {value}" for key, value in fields.items()]
    return "\n".join(lines) + "\n---\n" + body


def make_project(root: Path, articles: dict[str, str], config: str = CONFIG, companies: str | None = None) -> Path:
    """A project folder with config.yaml, content/ articles and an optional registry."""
    files: dict[str, str | bytes] = {"config.yaml": config}
    files.update({f"content/{rel}": text for rel, text in articles.items()})
    if companies is not None:
        files["content/companies.yaml"] = companies
    return write_files(root, files)


def default_acl(folder: Path, other: int) -> None:
    """``setfacl -d -m u::rwx,g::rx,o::OTHER folder``, written as the extended attribute itself (no acl package)."""
    entries = ((0x01, 7), (0x04, 5), (0x20, other))  # ACL_USER_OBJ, ACL_GROUP_OBJ, ACL_OTHER; no user or group id
    value = (2).to_bytes(4, "little") + b"".join(
        tag.to_bytes(2, "little") + perm.to_bytes(2, "little") + (0xFFFFFFFF).to_bytes(4, "little")
        for tag, perm in entries)
    try:
        os.setxattr(folder, "system.posix_acl_default", value)
    except OSError as e:
        need(False, f"this file system has no POSIX ACLs ({e.strerror})")


def damage_pages(database: Path) -> None:
    """Overwrite every page of an SQLite file but the first (its header) with a fixed pattern: the file still
    opens, and reading or writing its tables fails with "database disk image is malformed", as after a power
    cut or a disk error."""
    data = bytearray(database.read_bytes())
    size = int.from_bytes(data[16:18], "big")
    size = 65536 if size == 1 else size
    assert len(data) > size, "the database has only its first page"
    for start in range(size, len(data), size):
        data[start:start + size] = (b"\x0d\xff\x00\x7f" * size)[:size]
    database.write_bytes(bytes(data))


def feed_files(*firsts: str) -> list[str]:
    """The three feed files (RSS, Atom, JSON Feed) of each list page path in ``firsts``."""
    return [first + name for first in firsts for name in ("feed.xml", "atom.xml", "feed.json")]


def build_project(root: Path, **options: object) -> BuildResult:
    return build(load_config(root / "config.yaml"), BuildOptions(**options))  # type: ignore[arg-type]


def need(available: bool, reason: str) -> None:
    """Skip a test whose tool or privilege is missing, with its reason in the summary; in CI ($CI set), fail."""
    if not available:
        skip_or_fail(reason)


def skip_or_fail(reason: str) -> NoReturn:
    """A skip naming what is missing, so `make test`'s summary says which check did not run; a failure when $CI
    is set (.ci/run installs every tool, so there a missing one is a broken setup, never a silent skip)."""
    if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
        pytest.fail(f"{reason} (CI is set, so this is a failure, not a skip; see .ci/run)")
    pytest.skip(reason)


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims a size and has no pixels: what a decompression bomb shows first."""
    chunks = b""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    for kind, body in ((b"IHDR", header), (b"IDAT", b""), (b"IEND", b"")):
        chunks += struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    return b"\x89PNG\r\n\x1a\n" + chunks


def truncated_jpeg() -> bytes:
    """A 1200 × 800 JPEG cut a third of the way in: its header reads, its pixels end early."""
    from PIL import Image
    out = io.BytesIO()
    Image.effect_noise((1200, 800), 60).convert("RGB").save(out, "JPEG", quality=90)
    return out.getvalue()[: len(out.getvalue()) // 3]
