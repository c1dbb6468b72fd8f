"""Article images: their sizes, and smaller copies for ``srcset``, made with Pillow at build time.

A local image (a path such as ``images/batam.jpg``) is a file in the site's ``static/``
folder. Its width and height go into the page, so the layout does not shift while it
loads, and copies narrower than the original are added to the site as page specs whose
context holds the hash of the source bytes: the planner re-makes a copy only when the
source changes, and keeps the last build's file otherwise (that is the cache). Pillow is
imported only when an image has to be read or resized.
"""
from __future__ import annotations

import difflib
import hashlib
import html
import io
import posixpath
import re
import unicodedata
import warnings
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Iterable, Mapping, Sequence
from urllib.parse import quote, unquote, urlsplit

from markupsafe import Markup

from generator.core.errors import BuildError, Problem
from generator.core.models import Article
from generator.load.config import Config
from generator.load.content import body_lines_named, body_lines_of
from generator.core.urls import as_typed, link_target, resolves
from generator.core.patterns import LazyPattern

WIDTHS = (480, 960)
"""Widths of the smaller copies; only those narrower than the original are made."""
RESIZABLE = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WEBP"}
"""File types Pillow copies; other local images (SVG, GIF) are shown as they are."""
RESIZED_DIR = "_resized"
NAME_MAX = 255
"""The longest file name, in bytes, that Linux's and macOS's file systems take."""


@dataclass(frozen=True)
class LocalImage:
    """What is known about one local image file."""

    file: str
    """The file on disk."""
    sha: str
    """Hash of its bytes: a resized copy depends on nothing else."""
    width: int
    height: int
    """As a browser shows it: a phone photo's EXIF orientation turned into account."""
    animated: bool = False
    """An animated GIF, WebP or PNG: its smaller copies would be single frames, so none are made."""


SIDEWAYS = {5, 6, 7, 8}
"""EXIF orientations that turn a photo a quarter turn: browsers show it with width and height swapped."""
ANIMATED = {"GIF", "PNG", "WEBP"}
"""Formats whose frames are an animation (an MPO's further pictures, a phone photo's depth or gain map, are not:
a browser shows its first)."""
_TURN = {2: "FLIP_LEFT_RIGHT", 3: "ROTATE_180", 4: "FLIP_TOP_BOTTOM", 5: "TRANSPOSE", 6: "ROTATE_270",
         7: "TRANSVERSE", 8: "ROTATE_90"}
"""What shows a photo of each EXIF orientation upright (``PIL.Image.Transpose`` names), as ``ImageOps.exif_transpose``."""


def _colours(mode: str) -> str:
    """The colour space of a Pillow mode, which an ICC profile describes: 'RGB' for RGB, RGBA and a palette's."""
    return "RGB" if mode in ("RGB", "RGBA", "RGBX", "P", "PA") else mode.rstrip("A")


def _savable(kind: str, im: Any) -> str:
    """The mode a copy of ``im`` is made in, one its format saves: a JPEG's RGB; the image's own where the format
    takes it, else RGB or RGBA (a CMYK JPEG named '.png', which browsers show, and Pillow reads but cannot save)."""
    takes = {"JPEG": ("RGB",), "PNG": ("1", "L", "LA", "I", "I;16", "RGB", "RGBA"), "WEBP": ("RGB", "RGBA")}[kind]
    if im.mode in takes:
        return str(im.mode)
    return "RGBA" if kind != "JPEG" and (im.mode.endswith("A") or "transparency" in im.info) else "RGB"


def orientation(im: Any) -> int:
    """The EXIF orientation a browser turns a JPEG by (1: as stored), read as Chromium and Firefox read it: from
    the JPEG's EXIF segment alone (not XMP's, which Pillow's ``getexif`` also reads, nor a PNG's or WebP's), the
    first orientation tag of the first directory, taken only as one SHORT from 1 to 8; anything else, or EXIF
    that does not parse, shows the photo as stored."""
    data = (im.info.get("exif") or b"") if im.format in ("JPEG", "MPO") else b""
    data = data[6:] if data.startswith(b"Exif\0\0") else data
    if len(data) < 8 or data[:2] not in (b"II", b"MM"):
        return 1
    order: Any = "little" if data[:2] == b"II" else "big"
    start = int.from_bytes(data[4:8], order)
    entries = int.from_bytes(data[start:start + 2], order) if start + 2 <= len(data) else 0
    for at in range(start + 2, start + 2 + 12 * entries, 12):
        entry = data[at:at + 12]
        if len(entry) < 12:
            return 1
        if int.from_bytes(entry[:2], order) == 0x0112:
            kind, count, value = (int.from_bytes(entry[2:4], order), int.from_bytes(entry[4:8], order),
                                  int.from_bytes(entry[8:10], order))
            return value if kind == 3 and count == 1 and 1 <= value <= 8 else 1
    return 1


def local_file(config: Config, src: str) -> Path | None:
    """The file in the site's static folder that ``src`` names, or None."""
    static = config.path(config.static_dir)
    path = static / src
    if ".." in PurePosixPath(src).parts or not path.is_file():
        return None
    if path.resolve() != static.resolve().joinpath(*PurePosixPath(src).parts):
        return None  # a symbolic link (out of static/ or not) is not copied to the site either
    return path


def field_file(image: str) -> str:
    """The path in static/ (``probe``'s ``src``) of a local ``image:`` field, which holds its address as a body
    link would, percent-encoded ('images/kaf%C3%A9.jpg' is the file images/kafé.jpg)."""
    return unquote(image)


READABLE = {**RESIZABLE, ".gif": "GIF"}
"""File types a local image must be readable as (Pillow reads them): one that is not is an error, where an SVG or
an AVIF, which Pillow may not read, is shown as it is."""


def probe(config: Config, src: str) -> LocalImage | None:
    """Size and hash of a local image; None when it is missing, or of a type Pillow need not read (an AVIF; an
    SVG unless it says its size: ``svg_size``).

    Raises BuildError when a JPEG, PNG, WebP or GIF is not an image Pillow can read, or is too large for it to
    read safely (``Image.MAX_IMAGE_PIXELS``, about 179 megapixels: a decompression bomb, or a 200 MP photo): the
    page would show a broken image, or the build would fail while making the smaller copies."""
    path = local_file(config, src)
    if path is None:
        return None
    data = path.read_bytes()
    if path.suffix.lower() == ".svg":
        size = svg_size(data)
        return LocalImage(str(path), hashlib.sha256(data).hexdigest(), *size) if size else None
    from PIL import Image
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a bomb's or a corrupt EXIF's: only the CLI prints; the error stays
            with Image.open(io.BytesIO(data)) as im:
                width, height = im.size
                animated = im.format in ANIMATED and bool(getattr(im, "is_animated", False))
                if _cut_short(im.format, data):  # Pillow's verdict (a JPEG may have bytes after its end)
                    for frame in range(im.n_frames if animated else 1):  # an animation may be cut after its first
                        im.seek(frame)  # (a browser shows an MPO's first picture only: the others are not read)
                        im.load()
                if orientation(im) in SIDEWAYS:
                    width, height = height, width
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError) as e:
        if path.suffix.lower() not in READABLE:
            return None
        raise BuildError([unreadable(config, path, e)]) from None
    return LocalImage(str(path), hashlib.sha256(data).hexdigest(), width, height, animated)


_LENGTH = LazyPattern(r"\s*(\d+(?:\.\d+)?|\.\d+)\s*(px|pt)?\s*")
"""An SVG's width or height in absolute units a browser sizes an image by (not '%' or 'em')."""


def svg_size(data: bytes) -> tuple[int, int] | None:
    """The width and height an SVG declares on its root in pixels ('640', '640px', '480pt'), which a browser
    gives it as an ``<img>``; None when it declares none, or a relative one (then its size follows the page,
    and a ``width`` on the ``<img>`` would change it), or is not an SVG that parses. Only the root element is
    read, with entities and network access off."""
    from lxml import etree
    try:
        for _, root in etree.iterparse(io.BytesIO(data), events=("start",), resolve_entities=False, no_network=True,
                                       load_dtd=False, huge_tree=False):
            break
        else:
            return None
    except (etree.XMLSyntaxError, ValueError):
        return None
    if etree.QName(root).localname != "svg":
        return None
    sizes = []
    for key in ("width", "height"):
        found = _LENGTH.fullmatch(root.get(key) or "")
        if found is None:
            return None
        pixels = float(found.group(1)) * (4 / 3 if found.group(2) == "pt" else 1)
        if not 0 < pixels < 100_000:
            return None
        sizes.append(max(1, round(pixels)))
    return sizes[0], sizes[1]


_PNG_END = b"IEND\xaeB`\x82"


def _cut_short(kind: str | None, data: bytes) -> bool:
    """Whether an image's bytes do not end as its format ends (a copy or an upload cut short), which only
    decoding it, not reading its header, would show. Reading the end costs nothing; decoding every image on
    every build would cost a second or more a thousand photos, so only these are decoded."""
    if kind in ("JPEG", "MPO"):  # MPO: a JPEG with more pictures after the first (phones' depth or HDR maps)
        return not data.rstrip(b"\0").endswith(b"\xff\xd9")
    if kind == "PNG":
        return not data.endswith(_PNG_END)
    if kind == "GIF":
        return not data.endswith(b";")
    if kind == "WEBP":
        return int.from_bytes(data[4:8], "little") + 8 > len(data)
    return False


def unreadable(config: Config, path: Path, error: BaseException) -> Problem:
    """The error for a local image Pillow cannot read, named by its file under the project."""
    rel = path.relative_to(config.root).as_posix() if path.is_relative_to(config.root) else str(path)
    from PIL import Image, UnidentifiedImageError
    if isinstance(error, Image.DecompressionBombError):
        size = re.search(r"\((\d+) pixels\)", str(error))
        pixels = f"{int(size.group(1)) / 1e6:,.0f} megapixels" if size else "too large"
        why = (f"is {pixels}, more than the {2 * Image.MAX_IMAGE_PIXELS / 1e6:.0f} digest reads safely; save a "
               "smaller copy (4,000 pixels wide is plenty for a web page)")
    elif isinstance(error, UnidentifiedImageError):
        kind = path.suffix.lstrip(".").upper()
        empty = path.is_file() and path.stat().st_size == 0
        why = "is empty" if empty else f"is not a {kind} (nor an image of any kind digest reads)"
        why += "; save it again from the original, or remove it"
    else:
        why = f"cannot be read as an image ({error}); save it again from the original, or remove it"
    return Problem(rel, 0, "", why)


SPELLING_SEARCHES = 20
"""How many close-spelling searches one build makes for missing images (``Nearby``): each compares the name with
every static file (20 ms at 10,000 files), so a site with a thousand broken images would build 20 s slower."""


class Nearby:
    """The static files a missing image most likely meant: the same name but for letter case (a camera's
    'Foto.JPG'), found at once; else a close spelling, for the first ``SPELLING_SEARCHES`` names asked about."""

    def __init__(self, names: Iterable[str]) -> None:
        self.names = names
        self.searches = SPELLING_SEARCHES

    @cached_property
    def folded(self) -> dict[str, str]:
        """Each name by its case-folded form (the first, if two fold alike): made when the first is missed."""
        folded: dict[str, str] = {}
        for name in self.names:
            folded.setdefault(_folded(name), name)
        return folded

    def meant(self, src: str) -> str | None:
        """The name ``src`` most likely meant, or None."""
        if found := self.folded.get(_folded(src)):
            return found
        if self.searches <= 0:
            return None
        self.searches -= 1
        return next(iter(difflib.get_close_matches(src, list(self.folded.values()), n=1, cutoff=0.8)), None)


def _folded(name: str) -> str:
    """A name as ``Nearby`` compares it: letter case, the Unicode form of accents, the kind of space and invisible
    characters (a zero-width space pasted from a web page) aside."""
    return " ".join(_visible(unicodedata.normalize("NFC", name)).casefold().split())


def _visible(name: str) -> str:
    """``name`` without the characters that show nothing (Unicode's format characters: U+200B ZERO WIDTH SPACE,
    U+FEFF, U+00AD SOFT HYPHEN, the direction marks)."""
    return "".join(c for c in name if unicodedata.category(c) != "Cf")


def _named(chars: Iterable[str]) -> str:
    """'U+202F NARROW NO-BREAK SPACE, U+0009 TAB': characters by code point and name."""
    return ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'TAB' if c == chr(9) else 'CONTROL')}" for c in sorted(chars))


def same_looking(src: str, near: str) -> str:
    """Why the static file ``near`` is not the ``src`` written, when the two look alike on screen (a web server
    compares bytes), as a sentence to add to the advice; '' when they do not."""
    written, found = _visible(unicodedata.normalize("NFC", src)), _visible(unicodedata.normalize("NFC", near))
    if src == near or written.split() != found.split():
        return ""

    def where(odd: set[str]) -> str:
        return ("the file's name" if not any(c in odd for c in src) else
                "the name written" if not any(c in odd for c in near) else "both")

    differ = []
    if _visible(src).split() != _visible(near).split():  # the same letters once composed: a separate accent mark
        differ.append("an accent stored another way (as a letter and a separate mark, as macOS may save a name)")
    if hidden := {c for c in src + near if unicodedata.category(c) == "Cf"}:
        differ.append(f"an invisible character in {where(hidden)} ({_named(hidden)})")
    if written != found:
        odd = {c for c in src + near if c.isspace() and c != " "}
        differ.append(f"a space of another kind in {where(odd)} ({_named(odd)}"
                      + (", as macOS puts before 'AM' in a screenshot's name" if "\u202f" in odd else "") + ")"
                      if odd else "the number of spaces")
    fix = ("copy the file's name into the address, or rename the file, typing its name"
           if not any(unicodedata.category(c) in ("Cf", "Cc") for c in near) else
           "rename the file, typing its name (what it holds cannot be typed)")
    return (" The two look the same but differ in " + " and ".join(differ) + ", which a web server takes as another "
            f"name: {fix}")


def missing_images(articles: Iterable[Article], static: Mapping[str, object], static_dir: str,
                   nearby: Nearby) -> list[Problem]:
    """A warning for each article whose ``image:`` is a path on the site that no static file has (``static``: the
    static files by output path), so that its page, the lists and the feeds would show a broken image; with the
    file it most likely meant. ``digest check`` also finds it, but an editor who only builds would not know."""
    problems = []
    for article in articles:
        src = field_file(article.image)
        if not src or src.startswith(("http://", "https://")) or src in static:
            continue
        near = nearby.meant(src)
        problems.append(Problem(article.source_path, 0, "image", f"{src} is not a file in {static_dir}/, so the article "
                                                                 "would show a broken image; "
                                                                 + (_field_fix(near, static_dir) + same_looking(src, near)
                                                                    if near else
                                                                    f"put the file at {static_dir}/{src}"), "warning"))
    return problems


def _field_fix(near: str, static_dir: str) -> str:
    """The ``image:`` to write for the static file ``near``: as it is named, but for a '%' in the name, which
    the field reads as the start of an escape ('%20' is a space), so it is written '%25'."""
    if "%" not in near:
        return f"did you mean image: {near}?"
    return (f"did you mean {static_dir}/{near}? A '%' in image: starts an escape ('%20' is a space), so write "
            f"image: {near.replace('%', '%25')} for that file, or rename it without '%'")


CONFIG_IMAGES = {"favicon": "browsers would show no icon in the tab",
                 "apple_touch_icon": "phones would get no home-screen icon, and articles' structured data no logo",
                 "image": "pages shared without an image of their own would show a broken one"}
"""config.yaml's keys that name a file on the site, and what a missing one costs."""


def missing_config_images(config: Config, static: Mapping[str, object],
                          lines: Callable[[str], tuple[str, int]], nearby: Nearby) -> list[Problem]:
    """A warning for each of ``CONFIG_IMAGES`` whose path no static file gives (the theme's or the site's), at its
    line in config.yaml, with the file it most likely meant."""
    problems = []
    for key, cost in CONFIG_IMAGES.items():
        value = getattr(config, key)
        src = unquote(value.lstrip("/"))
        if not value or value.startswith(("http://", "https://")) or src in static:
            continue
        near = nearby.meant(src)
        problems.append(Problem(*lines(key), key, f"{src} is not a file in {config.static_dir}/ "
                                f"(nor the theme's), so {cost}; " + (f"did you mean {key}: {near}?" if near else
                                                                    f"put the file at {config.static_dir}/{src}"),
                                "warning"))
    return problems


def missing_body_images(config: Config, bodies: Iterable[tuple[str, str, tuple[str, ...]]],
                        static: Mapping[str, object], made: Iterable[str], nearby: Nearby) -> list[Problem]:
    """A warning for each image in a body whose address no file or page of the site gives (``bodies``: each
    file, the page it is on and its images' addresses, ``Article.body_images`` or ``content.local_images``;
    ``static``: the static files by output path; ``made``: every other output path), at the first line from the
    body's that has it, with the static file it most likely meant. A relative address is read from the page's
    own address, as a browser does: 'images/x.jpg' in 2025/06/slug/ is 2025/06/slug/images/x.jpg, not the
    static file an ``image:`` field would name so."""
    named = ((rel, page, [(src, "image") for src in sources]) for rel, page, sources in bodies)
    return _missing_in_bodies(config, named, static, made, nearby, "the page shows a broken image")


def missing_body_media(config: Config, bodies: Iterable[tuple[str, str, tuple[tuple[str, str], ...]]],
                       static: Mapping[str, object], made: Iterable[str], nearby: Nearby) -> list[Problem]:
    """As ``missing_body_images``, for the addresses of a body's videos and sounds (``Article.body_media`` or
    ``content.local_media``: each with what it is, '<video> poster'), which a raw HTML tag writes: a player that
    cannot load its file, on the page and in feeds."""
    return _missing_in_bodies(config, bodies, static, made, nearby, "readers get a player that cannot load it")


def _missing_in_bodies(config: Config, bodies: Iterable[tuple[str, str, Sequence[tuple[str, str]]]],
                       static: Mapping[str, object], made: Iterable[str], nearby: Nearby, cost: str) -> list[Problem]:
    """A warning for each address of ``bodies`` (each file, its page, and its (address, what it is)) that no file or
    page of the site gives, at each line that writes it, saying its ``cost`` and what to write."""
    files: set[str] | None = None
    problems = []
    for source_path, page, sources in bodies:
        if not sources:
            continue
        if files is None:
            files = {*static, *made}
        missing = []
        for src, what in sources:
            target = link_target(config.base_url, config.base_path, page, src)
            if target is not None and not resolves(config.base_path, target, files):
                missing.append((html.unescape(src), target, what))
        lines = body_lines_named(config.root, source_path, [(raw, what) for raw, _, what in missing]) if missing else []
        for (raw, target, _), at in zip(missing, lines):
            fix = _image_fix(config, raw, static, nearby, target)
            problems += [Problem(source_path, line, "", f"the {what} '{as_typed(raw)}' points at {as_typed(target)}, "
                                 f"which is not a file of the site, so {cost}; {fix}", "warning") for line, what in at]
    return problems


def _image_fix(config: Config, raw: str, static: Mapping[str, object], nearby: Nearby, target: str | None = None) -> str:
    """What to write for a body image ``raw`` (pointing at ``target``) that no file gives: the static file it most
    likely meant, or where to put the file. An address naming the site's host is read as the path it names."""
    if target is not None and urlsplit(raw).netloc:  # 'https://example.org/images/x.png' is '/images/x.png'
        raw = target
    whole = unquote(raw)  # a file named with '#' or '?' ('Foto #8.jpg'), which the address cut there
    whole = (whole[len(config.base_path):] if whole.startswith(config.base_path) else whole).lstrip("./")
    if ("#" in whole or "?" in whole) and whole in static:
        return (f"a '#' or '?' ends the address's path, so for {config.static_dir}/{whole} write "
                f"{config.base_path}{quote(whole, safe='/')}")
    path = unquote(raw.split("#")[0].split("?")[0])
    wanted = (path[len(config.base_path):] if path.startswith(config.base_path) else path).lstrip("./")
    if wanted.startswith(f"{config.static_dir}/"):  # 'static/' is no part of a file's address
        wanted = wanted[len(config.static_dir) + 1:]
    if {".", ".."} & set(wanted.split("/")):  # '/images/../../x.png' (or '%2e%2e'): never a file outside static/
        wanted = "/".join(part for part in posixpath.normpath(wanted).split("/") if part not in ("..", "."))
    near = wanted if wanted in static else nearby.meant(wanted) or (whole != wanted and nearby.meant(whole))
    if near:
        address = near.replace("%", "%25").replace("#", "%23").replace("?", "%3F")  # as a name, not an escape
        return f"did you mean {config.base_path}{address} ({config.static_dir}/{near})?" + same_looking(wanted, near)
    if path.startswith("/"):
        return f"put the file at {config.static_dir}/{wanted}" + \
            (f" and write {config.base_path}{wanted}" if path != f"{config.base_path}{wanted}" else "")
    # relative, and no file of the site is like it: where it points, or the root's form of what it names
    if target is not None and target.startswith(config.base_path) and unquote(target[len(config.base_path):]) == wanted:
        return f"put the file at {config.static_dir}/{wanted}"
    return (f"put the file at {config.static_dir}/{wanted} and write {config.base_path}{wanted} (an address without "
            "a leading '/' is read from the page's own address)")


def static_file_of(config: Config, page: str, address: str) -> str | None:
    """The path in static/ (``probe``'s ``src``) of an image address in the body of ``page`` (as its HTML writes
    it: '/digest/images/x.png', 'images/x.png' read from the page's own address), or None for one elsewhere."""
    target = link_target(config.base_url, config.base_path, page, address)
    if target is None or not target.startswith(config.base_path):
        return None
    return unquote(target[len(config.base_path):]) or None


def unreadable_body_images(config: Config, bodies: Iterable[tuple[str, str, Sequence[str]]],
                           unreadable: Mapping[str, str]) -> list[Problem]:
    """A warning for each image in a body that is a file in static/ but not one Pillow can read (``bodies``: each
    file, the page it is on and its images' addresses, as for ``missing_body_images``; ``unreadable``: its path
    in static/ → why, from ``Kinds.probed``), at every line from the body's that writes it: the page shows a
    broken image. (An ``image:`` field's is an error: its smaller copies are made.)"""
    problems: list[Problem] = []
    if not unreadable:
        return problems
    for source_path, page, addresses in bodies:
        bad = [(html.unescape(address), src) for address in addresses
               if (src := static_file_of(config, page, address)) in unreadable]
        if not bad:
            continue
        lines = body_lines_of(config.root, source_path, [raw for raw, _ in bad])
        for (raw, src), at in zip(bad, lines):
            problems += [Problem(source_path, line, "", f"the image '{as_typed(raw)}' is {config.static_dir}/{src}, so "
                                 f"the page shows a broken image: the file {unreadable[src]}", "warning") for line in at]
    return problems


_BODY_IMAGE = LazyPattern(r'<img src="([^"]*)"([^>]*)>')
"""An image as the Markdown renderer writes it: ``src`` first (raw HTML's own ``<img>`` may say its size)."""


def sized(body_html: str, sizes: Iterable[tuple[str, int, int]]) -> Markup:
    """``body_html`` with ``width`` and ``height`` on each image that ``sizes`` knows (``Kinds.body_sizes``) and
    that does not give its own: a browser then keeps the image's place while it loads (CSS scales it down to the
    column, keeping its shape), so the text does not jump."""
    known = {address: (width, height) for address, width, height in sizes}
    if not known:
        return Markup(body_html)

    def add(found: re.Match[str]) -> str:
        size = known.get(found.group(1))
        rest = found.group(2)
        if size is None or " width=" in rest or " height=" in rest:
            return found.group()
        return f'<img src="{found.group(1)}" width="{size[0]}" height="{size[1]}"{rest}>'

    return Markup(_BODY_IMAGE.sub(add, body_html))


def variant_path(src: str, width: int) -> str:
    """'images/batam.jpg', 480 → '_resized/images/batam-480w.jpg'."""
    p = PurePosixPath(src)
    return f"{RESIZED_DIR}/{p.parent / p.stem}-{width}w{p.suffix}".replace("/./", "/")


def variant_widths(src: str, width: int) -> tuple[int, ...]:
    """The copies made for an image of ``width`` pixels."""
    if PurePosixPath(src).suffix.lower() not in RESIZABLE:
        return ()
    if len(PurePosixPath(unquote(variant_path(src, max(WIDTHS)))).name.encode()) > NAME_MAX:
        return ()  # a copy's name ('-960w' added) would be longer than a file system takes: the original alone
    return tuple(w for w in WIDTHS if w < width)


def render_resized(config: Config, file: str, sha: str, width: int) -> bytes:
    """A copy of ``file`` ``width`` pixels wide, turned as its EXIF orientation says (the copy has no EXIF, and a
    browser would show it sideways) and keeping its colour profile (a Display P3 photo's colours); same bytes for
    the same source, no other metadata carried over."""
    from PIL import Image
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Image.open(file) as im:
                kind = RESIZABLE[Path(file).suffix.lower()]
                profile = im.info.get("icc_profile")
                turn = _TURN.get(orientation(im))
                upright = im.transpose(getattr(Image.Transpose, turn)) if turn else im
                if upright.mode in ("P", "1"):  # resized by its palette, a chart's thin lines would vanish
                    upright = upright.convert("RGBA" if "transparency" in upright.info else "RGB")
                if upright.mode.startswith("I") and _savable(kind, upright) != upright.mode:
                    # 16-bit grey (a PNG named '.webp'): Pillow's own conversion clips it to white; browsers scale
                    upright = upright.convert("I").point(lambda v: v * (1 / 256)).convert("L")
                height = max(1, round(upright.height * width / upright.width))
                small = upright.convert(_savable(kind, upright)).resize((width, height), Image.LANCZOS)
                out = io.BytesIO()
                options: dict[str, object] = {"quality": 82} if kind in ("JPEG", "WEBP") else {}
                if profile and _colours(small.mode) == _colours(im.mode):  # a CMYK or grey one does not fit RGB
                    options["icc_profile"] = profile
                small.save(out, kind, **options)
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError) as e:  # cut short: its header read
        raise BuildError([unreadable(config, Path(file), e)]) from None
    return out.getvalue()
