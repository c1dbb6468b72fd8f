"""Read a Pelican site: Markdown articles with metadata headers, ``pages/``, static files.

Old URLs follow Pelican's defaults: ``/{slug}.html`` for articles, ``/pages/{slug}.html`` for
pages, where the slug is the ``Slug:`` header or made from the title (``SLUGIFY_SOURCE = 'title'``).
"""
from __future__ import annotations

import posixpath
import re
from pathlib import Path

from generator.commands.importer.common import Asset, Note, OldSite, Post, ReadError, Rewrite, Scan, as_list, as_text, read_text, rel_to, symlinks, title_slug, walk
from generator.commands.importer.frontmatter import read_pelican

MARKDOWN = (".md", ".markdown", ".mkd", ".mdown")
NOT_CONVERTED = {
    ".rst": "reStructuredText is not converted; convert it to Markdown (pandoc -f rst -t gfm) and import again",
    ".html": "Pelican's HTML reader files are not converted; rewrite it in Markdown",
    ".htm": "Pelican's HTML reader files are not converted; rewrite it in Markdown",
}
KNOWN = {"title", "date", "modified", "tags", "category", "summary", "slug", "author", "authors", "status", "url",
         "save_as"}
_LINK = re.compile(r"(?:\{(?:static|attach|filename)\}|\|(?:static|filename)\|)([^\s)\"'>#?]+)")


def _setting(folder: Path, name: str) -> str:
    """A plain string setting (``NAME = 'value'``) from pelicanconf.py, or '' (never executed)."""
    for conf in ("publishconf.py", "pelicanconf.py") if name == "SITEURL" else ("pelicanconf.py",):
        path = folder / conf
        if path.is_file():
            # the value in the quotes it is written in: "Kabar's Blog" keeps its apostrophe (never executed, so a
            # literal only: an escape or a concatenation is not read)
            match = re.search(rf"^{name}\s*=\s*(?:'([^'\n]+)'|\"([^\"\n]+)\")", path.read_text("utf-8", "replace"),
                              re.MULTILINE)
            if match:
                return match.group(1) or match.group(2)
    return ""


def scan(root: Path) -> Scan:
    """``root`` is the Pelican project (with pelicanconf.py and content/) or its content folder itself."""
    content = root / "content" if (root / "pelicanconf.py").is_file() or (root / "content").is_dir() else root
    conf = root if content != root else root.parent
    site = OldSite(_setting(conf, "SITENAME"), _setting(conf, "SITEURL"), _setting(conf, "TIMEZONE"),
                   _setting(conf, "DEFAULT_LANG"), naive_in_utc=True)  # Pelican without TIMEZONE: UTC
    posts: list[Post] = []
    assets: list[Asset] = []
    skipped = symlinks(content, root)
    for path in walk(content):
        rel = rel_to(path, content)
        shown = rel_to(path, root)
        suffix = path.suffix.lower()
        if suffix in NOT_CONVERTED:
            skipped.append(Note(shown, NOT_CONVERTED[suffix]))
        elif suffix in MARKDOWN:
            try:
                posts.append(_post(path, rel, shown))
            except ReadError as e:
                skipped.append(Note(shown, str(e)))
        else:
            assets.append(Asset(path, rel))
    return Scan(tuple(posts), tuple(assets), tuple(skipped), (), site, _rewriter(content, root),
                (_LINK, "links with {filename}, {static} or {attach} to a file that was not imported, kept as text; "
                        "fix the links by hand"))


def _post(path: Path, rel: str, shown: str) -> Post:
    meta, body = read_pelican(read_text(path))
    title = as_text(meta.get("title"))
    if not title:
        raise ReadError("has no 'Title:' header; add one and import again")
    page = rel.split("/")[0] == "pages"
    slug = as_text(meta.get("slug")) or title_slug(title)
    url = as_text(meta.get("url")) or as_text(meta.get("save_as"))
    old_url = "/" + url.lstrip("/") if url else (f"/pages/{slug}.html" if page else f"/{slug}.html")
    folder = posixpath.dirname(rel)
    authors = as_list(meta.get("authors") or meta.get("author"))
    common = dict(rel=shown, slug=slug, old_urls=(old_url,), title=title, body=body, summary=as_text(meta.get("summary")),
                  dropped=tuple(sorted(k for k in meta if k not in KNOWN)))
    if page:
        return Post(kind="page", **common)  # type: ignore[arg-type]
    typed = as_text(meta.get("date"))
    if not typed:
        raise ReadError("has no 'Date:' header; add one (YYYY-MM-DD) and import again")
    return Post(kind="article", date=typed, updated=as_text(meta.get("modified")), tags=as_list(meta.get("tags")),
                section=as_text(meta.get("category")) or (folder.split("/")[-1] if folder else ""),
                author=", ".join(authors), draft=as_text(meta.get("status")).lower() == "draft",
                **common)  # type: ignore[arg-type]


def _rewriter(content: Path, root: Path) -> Rewrite:
    """Resolve ``{static}``, ``{attach}`` and ``{filename}`` links against the new URLs."""

    def rewrite(post: Post, urls: dict[str, str], base: str) -> str:
        here = posixpath.dirname(rel_to(root / post.rel, content))

        def link(match: re.Match[str]) -> str:
            target = match.group(1)
            rel = posixpath.normpath(target.lstrip("/") if target.startswith("/") else posixpath.join(here, target))
            shown = rel_to(content / rel, root)
            if shown in urls:
                return urls[shown]
            if (content / rel).is_file():
                return base + rel
            return match.group(0)

        return _LINK.sub(link, post.body)

    return rewrite
