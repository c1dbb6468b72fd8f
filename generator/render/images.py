"""Article images: their sizes, and smaller copies for ``srcset``, made with Pillow at build time.

A local image (a path such as ``images/batam.jpg``) is a file in the site's ``static/``
folder. Its width and height go into the page, so the layout does not shift while it
loads, and copies narrower than the original are added to the site as page specs whose
context holds the hash of the source bytes: the planner re-makes a copy only when the
source changes, and keeps the last build's file otherwise (that is the cache). Pillow is
imported only when an image has to be read or resized.
"""
from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.load.config import Config

WIDTHS = (480, 960)
"""Widths of the smaller copies; only those narrower than the original are made."""
RESIZABLE = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
"""File types Pillow copies; other local images (SVG, GIF) are shown as they are."""
RESIZED_DIR = "_resized"


@dataclass(frozen=True)
class LocalImage:
    """What is known about one local image file."""

    file: str
    """The file on disk."""
    sha: str
    """Hash of its bytes: a resized copy depends on nothing else."""
    width: int
    height: int


def local_file(config: Config, src: str) -> Path | None:
    """The file in the site's static folder that ``src`` names, or None."""
    static = config.path(config.static_dir)
    path = static / src
    if ".." in PurePosixPath(src).parts or not path.is_file() or not path.resolve().is_relative_to(static.resolve()):
        return None  # a symbolic link out of static/ is not copied to the site either
    return path


def probe(config: Config, src: str) -> LocalImage | None:
    """Size and hash of a local image; None when it is missing or Pillow cannot read it."""
    path = local_file(config, src)
    if path is None:
        return None
    data = path.read_bytes()
    from PIL import Image, UnidentifiedImageError
    try:
        with Image.open(io.BytesIO(data)) as im:
            width, height = im.size
    except (UnidentifiedImageError, OSError):
        return None
    return LocalImage(str(path), hashlib.sha256(data).hexdigest(), width, height)


def variant_path(src: str, width: int) -> str:
    """'images/batam.jpg', 480 → '_resized/images/batam-480w.jpg'."""
    p = PurePosixPath(src)
    return f"{RESIZED_DIR}/{p.parent / p.stem}-{width}w{p.suffix}".replace("/./", "/")


def variant_widths(src: str, width: int) -> tuple[int, ...]:
    """The copies made for an image of ``width`` pixels."""
    if PurePosixPath(src).suffix.lower() not in RESIZABLE:
        return ()
    return tuple(w for w in WIDTHS if w < width)


def render_resized(config: Config, file: str, sha: str, width: int) -> bytes:
    """A copy of ``file`` ``width`` pixels wide; same bytes for the same source, no metadata carried over."""
    from PIL import Image
    with Image.open(file) as im:
        kind = RESIZABLE[Path(file).suffix.lower()]
        height = max(1, round(im.height * width / im.width))
        small = im.convert("RGB" if kind == "JPEG" else im.mode).resize((width, height), Image.LANCZOS)
        out = io.BytesIO()
        options = {"quality": 82} if kind in ("JPEG", "WEBP") else {}
        small.save(out, kind, **options)
    return out.getvalue()
