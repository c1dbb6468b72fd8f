"""Read a Jekyll site: ``_posts/YYYY-MM-DD-slug.md``, ``_drafts/``, Markdown pages, static files.

Old URLs follow Jekyll's default ``permalink: date``: ``/<categories>/YYYY/MM/DD/<slug>.html``
for posts and ``/<path>/<name>.html`` for pages; a ``permalink:`` in the front matter wins.
Everything outside ``_``- and dot-folders that has no front matter is a static file, as in Jekyll.
"""
from __future__ import annotations

import fnmatch
import posixpath
import re
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from generator.core.errors import RefusalError
from generator.load.frontmatter import YamlError, load_yaml
from generator.commands.importer.code import outside_code
from generator.commands.importer.common import DIGEST_FIELDS, Asset, Note, OldSite, Post, ReadError, Rewrite, Scan, not_converted, as_list, as_text, digest_fields, is_true, parse_date, read_text, rel_to, symlinks, walk
from generator.commands.importer.frontmatter import Meta, read_front_matter

MARKDOWN = (".md", ".markdown", ".mkd", ".mkdn", ".mdown")
KNOWN = {"title", "date", "last_modified_at", "tags", "categories", "category", "excerpt", "description", "slug",
         "author", "published", "permalink", "layout", "lang"} | DIGEST_FIELDS
EXCLUDED = {"Gemfile", "Gemfile.lock", "node_modules", "vendor", "package.json", "package-lock.json", "README.md"}
"""What Jekyll leaves out of a site by default (its ``exclude`` list), and the README."""
_POST_NAME = re.compile(r"(\d{4}-\d{1,2}-\d{1,2})-(.+)")
_BASEURL = re.compile(r"\{\{\s*site\.(?:url\s*\}\}\{\{\s*site\.)?baseurl\s*\}\}")
_URL_FILTER = re.compile(r"\{\{\s*['\"]([^'\"]*)['\"]\s*\|\s*(?:relative_url|absolute_url)\s*\}\}")
_POST_URL = re.compile(r"\{%\s*post_url\s+(\S+)\s*%\}")
_LINK_TAG = re.compile(r"\{%\s*link\s+(\S+)\s*%\}")
_RESOLVED = re.compile("|".join(p.pattern for p in (_BASEURL, _URL_FILTER, _POST_URL, _LINK_TAG)))
"""The Liquid the rewrite resolves (``_rewriter``): {{ site.baseurl }}, relative_url, post_url and link."""
_LIQUID = re.compile(r"\{\{|\{%")
_RAW_BLOCK = r"\{%-?\s*raw\s*-?%\}(?s:.*?)\{%-?\s*endraw\s*-?%\}"
_RAW = re.compile(f"({_RAW_BLOCK})")
"""A ``{% raw %}`` block, whole (kept by ``split``)."""
_RAW_TAGS = re.compile(r"\{%-?\s*(?:end)?raw\s*-?%\}")
_RAW_HELD = re.compile(r"\{%-?\s*raw\s*-?%\}(.*?)\{%-?\s*endraw\s*-?%\}", re.DOTALL)
"""What a ``{% raw %}`` block holds."""
_LIQUID_RUN = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
"""A Liquid output or tag, whole."""
_HIGHLIGHT = re.compile(r"^([ \t]*)\{%-?[ \t]*highlight[ \t]+([a-zA-Z0-9.+#_-]+)[ \t]*([^%\n]*?)[ \t]*-?%\}"
                        rf"((?:(?>{_RAW_BLOCK})|(?!\{{%-?[ \t]*endhighlight|\{{%-?\s*raw\s*-?%\}}).)*?)"
                        r"\{%-?[ \t]*endhighlight[ \t]*-?%\}[ \t]*$", re.DOTALL | re.MULTILINE)
"""A ``{% highlight lang [options] %}`` block whose tags begin and end their lines: its indent, language, options
('linenos', 'mark_lines="2"') and code (whose ``{% raw %}`` blocks may hold an ``{% endhighlight %}``). A raw block is
read one way only, whole and up to its first ``{% endraw %}`` (an atomic group), never a character at a time nor up to
a later one: with those readings open, a highlight never closed before many raw blocks took time doubling with each
block (an import that never ended)."""
_RAW_OR_HIGHLIGHT = re.compile(f"{_RAW_BLOCK}|{_HIGHLIGHT.pattern}", re.DOTALL | re.MULTILINE)
"""A ``{% raw %}`` block (what it holds is shown as written, a highlight tag too) or a highlight block."""


def _settings(root: Path) -> Meta:
    """``_config.yml`` as a mapping ({} when there is none or it does not read)."""
    values: Meta = {}
    if (root / "_config.yml").is_file():
        try:
            values = load_yaml(read_text(root / "_config.yml"), 1)[0] or {}
        except (ReadError, YamlError):
            values = {}
    return values if isinstance(values, dict) else {}


def _config(values: Meta) -> OldSite:
    url = as_text(values.get("url"))
    return OldSite(as_text(values.get("title")), url + as_text(values.get("baseurl")) if url else "",
                   as_text(values.get("timezone")), _default_lang(values))


def _default_lang(values: Meta) -> str:
    """The site's language: its ``lang``, else jekyll-polyglot's ``default_lang`` (a post without ``lang:`` is in it)."""
    return as_text(values.get("lang")) or as_text(values.get("default_lang"))


def _translation(meta: Meta, default: str) -> str:
    """A post's ``lang:`` when it is not the site's language ('' when it is, or names none): ``Post.translation``."""
    lang = as_text(meta.get("lang"))
    return "" if lang.lower() == default.lower() else lang


def _excluded(values: Meta) -> set[str]:
    """The paths ``_config.yml``'s ``exclude:`` names, as Jekyll matches them (a name, a folder, or a glob like
    '*.sh'), relative to the site's root."""
    listed = values.get("exclude")
    return {str(item).strip().strip("/") for item in listed if str(item).strip().strip("/")} if isinstance(
        listed, list) else set()


def _published_collections(values: Meta) -> set[str]:
    """The folders ('_recipes') of ``_config.yml``'s collections that Jekyll publishes (``output: true``); 'posts'
    is read as posts."""
    listed = values.get("collections")
    found = listed.items() if isinstance(listed, dict) else ()
    return {f"_{name}" for name, settings in found
            if isinstance(name, str) and name != "posts" and isinstance(settings, dict) and settings.get("output") is True}


STYLES = {"pretty": "/:categories/:year/:month/:day/:title/", "ordinal": "/:categories/:year/:y_day/:title:output_ext",
          "none": "/:categories/:title:output_ext", "weekdate": "/:categories/:year/W:week/:short_day/:title:output_ext"}
"""Jekyll's built-in ``permalink:`` styles besides its default 'date' (``/:categories/:year/:month/:day/:title.html``)."""


def _site_permalink(values: Meta) -> str:
    """``_config.yml``'s ``permalink:`` as a pattern ('' for Jekyll's default, 'date')."""
    value = as_text(values.get("permalink"))
    return STYLES.get(value, value if value.startswith("/") else "")


def scan(root: Path) -> Scan:
    if not (root / "_posts").is_dir() and not (root / "_config.yml").is_file():
        raise RefusalError(f"{root} has neither _posts/ nor _config.yml; give the Jekyll site's root folder")
    posts: list[Post] = []
    assets: list[Asset] = []
    skipped = [n for n in symlinks(root, root) if not n.rel.startswith("_") or n.rel.startswith(("_posts/", "_drafts/"))]
    notes: list[Note] = []
    settings = _settings(root)
    excluded, site, style = _excluded(settings), _config(settings), _site_permalink(settings)
    collections = _published_collections(settings)
    try:
        zone = ZoneInfo(site.timezone) if site.timezone else None
    except (ValueError, ZoneInfoNotFoundError):
        zone = None
    for path in walk(root):
        rel = rel_to(path, root)
        if any(fnmatch.fnmatchcase(rel, pattern) or rel.startswith(pattern + "/") for pattern in excluded):
            continue  # _config.yml's exclude: Jekyll never published it (a deploy script, private notes)
        parts = rel.split("/")
        top = parts[0]
        inside = next((i for i, part in enumerate(parts[:-1]) if part in ("_posts", "_drafts")), -1)
        if inside >= 0 and not any(part.startswith("_") for part in parts[:inside]):
            # news/_posts/... gives its posts the category 'news', as in Jekyll
            result = _post(path, rel, draft=parts[inside] == "_drafts", folders=tuple(parts[:inside]), zone=zone,
                           style=style, default=site.language)
        elif top in collections:
            skipped.append(Note(rel, f"is in the collection '{top[1:]}', which Jekyll published and this import does "
                                     "not convert (news-digest has articles and pages); move it to _posts/ or out of "
                                     f"{top}/ (a page), and import again"))
            continue
        elif top.startswith("_") or top in EXCLUDED:
            continue
        else:
            result = _page(path, rel, style, site.language)
        if isinstance(result, Note):
            skipped.append(result)
        elif isinstance(result, Asset):
            assets.append(result)
        elif result is not None:
            posts.append(result)
    if (polyglot := _polyglot(settings, root)) is not None:
        posts, said = polyglot.served(posts, root)
        notes += said
        assets = [replace(asset, also=polyglot.copies(asset.rel)) for asset in assets]
    return Scan(tuple(posts), tuple(assets), tuple(skipped), tuple(notes), site, _rewriter(),
                (_LIQUID, "has Liquid tags ({{ ... }} or {% ... %}), kept as text, or a post_url or link to a file "
                          "that was not imported; edit them by hand"), in_code=True)


@dataclass(frozen=True)
class Polyglot:
    """jekyll-polyglot's settings: it builds the site once per language, the default one at the root and each other
    below ``/<lang>/``. In each build, of the documents that are translations of each other (one ``page_id:``, else
    one address once a ``/<lang>/`` or ``.<lang>.`` part is taken out), one is served: the build's language's, else
    the default language's, else the one left; a document of no other language is served in every build (its
    fallback). ``lang-exclusive:`` keeps a document to the builds it names, ``exclude_from_localization`` keeps a path
    out of the other languages' builds, ``lang_from_path`` reads a document's language from its path when it has no
    ``lang:``, and a ``lang:`` not in ``languages`` is not published at all (polyglot's ``coordinate_documents``)."""

    default: str
    languages: tuple[str, ...]
    """``default_lang`` and ``languages`` ('en' and ['en'] when not set), as polyglot builds them: the default
    first."""
    unlocalized: tuple[str, ...]
    """``exclude_from_localization``: paths (a name, a folder, or a glob) the other languages' builds leave out."""
    from_path: bool
    """``lang_from_path``."""

    def lang(self, meta: Meta, rel: str) -> tuple[str, str]:
        """A document's language as polyglot reads it ('' when it names one not in ``languages``, which polyglot
        does not publish), and the language as written."""
        written = as_text(meta.get("lang")) or (next((lang for part in re.split(r"[./]", rel) for lang in self.languages
                                                      if lang.lower() == part.lower()), "") if self.from_path else "")
        if not written:
            return self.default, ""
        return next((lang for lang in self.languages if lang.lower() == written.lower()), ""), written

    def served(self, posts: list[Post], root: Path) -> tuple[list[Post], list[Note]]:
        """``posts`` with each one's old addresses where polyglot served it, and the report lines for what it cannot
        tell: which of two documents a build served (Jekyll's order decides), and the address of one whose own has
        a language part, which polyglot rewrites."""
        marker = re.compile("|".join(f"[/.]{re.escape(lang)}[/.]" for lang in self.languages))
        groups: dict[tuple[str, str], list[tuple[Post, str, tuple[str, ...]]]] = {}
        notes: list[Note] = []
        kept: dict[str, Post] = {}
        for post in posts:
            read = _read(root / post.rel, post.rel) if not post.draft and post.old_urls else None
            if not isinstance(read, tuple):
                continue  # a draft (Jekyll reads none without --drafts), or no address to start from: as read
            meta = read[0]
            lang, written = self.lang(meta, post.rel)
            if not lang:
                kept[post.rel] = replace(post, old_urls=(), draft=True)
                notes.append(Note(post.rel, f"its lang {written!r} is not in _config.yml's languages, so "
                                            "jekyll-polyglot did not publish it; it is imported as a draft"))
                continue
            translation = "" if lang.lower() == self.default.lower() else lang
            kept[post.rel] = replace(post, old_urls=(), translation=translation if not as_text(meta.get("lang"))
                                     else post.translation)
            key = as_text(meta.get("page_id")) or marker.sub("/", post.old_urls[0])
            groups.setdefault((post.kind, key), []).append((post, lang, as_list(meta.get("lang-exclusive"), None)))
        served: dict[str, list[str]] = {rel: [] for rel in kept}
        unsure: dict[tuple[str, str], list[str]] = {}  # (file, its address) → the sites it was served in
        either: dict[tuple[str, ...], list[str]] = {}  # files one of which a build served → the addresses
        for lang in self.languages:
            prefix = "" if lang == self.default else f"/{lang}"
            for documents in groups.values():
                there = [(post, own) for post, own, only in documents if (not only or lang in only) and (
                    lang == self.default or not self._unlocalized(post.rel))]
                tier = ([post for post, own in there if own == lang] or
                        [post for post, own in there if own == self.default] or [post for post, _ in there])
                if len(tier) > 1:
                    either.setdefault(tuple(post.rel for post in tier), []).append(
                        " or ".join(sorted({prefix + post.old_urls[0] for post in tier})))
                elif tier and marker.search(tier[0].old_urls[0]):
                    unsure.setdefault((tier[0].rel, tier[0].old_urls[0]), []).append(prefix + "/")
                elif tier:
                    served[tier[0].rel].append(prefix + tier[0].old_urls[0])
        for rels, addresses in either.items():
            notes += [Note(rel, f"jekyll-polyglot served one of {', '.join(rels)} at {', '.join(addresses)} (Jekyll's "
                                "order decides which), so no redirect is made from there; add each address to the "
                                "redirects: of the one it served") for rel in rels]
        for (rel, old), sites in unsure.items():
            notes.append(Note(rel, f"its old address {old} has a language in it, which jekyll-polyglot takes out "
                                   f"(its permalink) after Jekyll may have fixed the address, so no redirect is made "
                                   f"for its sites at {', '.join(sites)}; add the addresses it had there to its "
                                   "redirects:"))
        return [replace(kept[post.rel], old_urls=tuple(served[post.rel])) if post.rel in kept else post
                for post in posts], notes

    def copies(self, rel: str) -> tuple[str, ...]:
        """Where polyglot also published the static file ``rel``: each other language's build writes the site's static
        files below its folder ('en/images/a.png'), but those ``exclude_from_localization`` names. A redirect each,
        not a copy: a copy for each language would make the new site that many times as large, and its pages link
        the one copy (polyglot's links to another language's copy were its own, from a page's href)."""
        return () if self._unlocalized(rel) else tuple(f"{lang}/{rel}" for lang in self.languages[1:])

    def _unlocalized(self, rel: str) -> bool:
        """Whether ``exclude_from_localization`` names ``rel``, as Jekyll's ``exclude`` matches (a glob, or the start
        of the path: polyglot writes a folder's name with its '/')."""
        return any(fnmatch.fnmatchcase(rel, pattern) or rel.startswith(pattern) for pattern in self.unlocalized)


def _polyglot(values: Meta, root: Path) -> Polyglot | None:
    """jekyll-polyglot's settings when the site uses it (``plugins:``, the older ``gems:``, or its Gemfile names it),
    else None."""
    named = {*as_list(values.get("plugins"), None), *as_list(values.get("gems"), None)}
    if "jekyll-polyglot" not in named:
        try:
            if "jekyll-polyglot" not in (root / "Gemfile").read_text(encoding="utf-8", errors="replace"):
                return None
        except OSError:  # no Gemfile
            return None
    default = as_text(values.get("default_lang")) or "en"
    languages = as_list(values.get("languages"), None) if isinstance(values.get("languages"), list) else ("en",)
    unlocalized = (p.lstrip("/") for p in as_list(values.get("exclude_from_localization"), None))
    return Polyglot(default, tuple(dict.fromkeys((default, *languages))),
                    tuple(p + "/" if (root / p).is_dir() and not p.endswith("/") else p for p in unlocalized if p),
                    is_true(values.get("lang_from_path")))


def _expand(permalink: str, when: datetime | None, slug: str, categories: tuple[str, ...]) -> str:
    """A post's ``permalink:`` with Jekyll's placeholders filled in ('/arsip/:year/:title/' → '/arsip/2024/judul/');
    '' when it holds one this import does not know (a redirect from a pattern would catch every such address)."""
    if ":" not in permalink:
        return permalink
    values = {"title": slug, "slug": slug, "categories": "/".join(c.lower() for c in categories),
              "output_ext": ".html"}
    if when is not None:
        values |= {"year": f"{when:%Y}", "short_year": f"{when:%y}", "month": f"{when:%m}", "i_month": str(when.month),
                   "day": f"{when:%d}", "i_day": str(when.day), "hour": f"{when:%H}", "minute": f"{when:%M}",
                   "second": f"{when:%S}", "y_day": f"{when:%j}", "week": f"{when:%V}", "short_day": f"{when:%a}"}
    filled = re.sub(r":([a-z_]+)", lambda m: values.get(m.group(1), m.group(0)), permalink)
    return "" if re.search(r":[a-z_]", filled) else re.sub(r"/{2,}", "/", filled)


def _read(path: Path, rel: str) -> tuple[Meta, str, tuple[str, ...], tuple[str, ...]] | Note:
    """The front matter and the body, its ``{% highlight %}`` blocks fenced (``_fenced``), with what to say of them
    and the blocks shown as written."""
    try:
        text = read_text(path)
        meta, body = read_front_matter(text)
    except ReadError as e:
        return not_converted(rel, e)
    first = text[:len(text) - len(body)].count("\n") + 1 if text.endswith(body) else 1
    lines = _raw_outside_code(body)[1]  # where they are in the file: _fenced may take a block's blank lines
    body, said, literal = _fenced(body, first)
    body, in_code = _raw_in_code(body)
    body, _, held = _raw_outside_code(body)
    said += tuple(f"line {first + line}: {{% raw %}} … {{% endraw %}} is dropped, what it held kept as written, as "
                  "Jekyll showed it; check it reads as meant" for line in lines)
    return meta, body, said, literal + in_code + tuple(text for text in held if text.strip())


def _fenced(body: str, first: int) -> tuple[str, tuple[str, ...], tuple[str, ...]]:
    """``body`` with each ``{% highlight ruby %}…{% endhighlight %}`` (tags on their own lines) as a fenced code
    block in that language, which news-digest highlights the same; what ``{% raw %}`` holds stays as written. A
    block's options (``linenos``, ``mark_lines``) are dropped, each block that had some a message ('line N: ...',
    ``first`` the body's first line in the file). Left as Liquid, the tags were the article's text. A block whose
    Liquid is all in ``{% raw %}`` (the usual way to show Liquid code) is that code without the raw tags, and one of
    the fenced blocks returned last (``Post.literal``)."""
    said: list[str] = []
    literal: list[str] = []

    def fence(match: re.Match[str]) -> str:
        indent, lang, options, code = match.groups()
        if indent is None:  # a raw block outside one: shown as written
            return match.group(0)
        as_written = _all_raw(code)
        line = first + body.count("\n", 0, match.start())
        if as_written:  # all its Liquid in raw blocks: Jekyll showed it so
            code = _RAW_TAGS.sub("", code)
        elif _RAW.search(code):  # Liquid outside them too: what they hold as written, without the tags, all the same
            literal.extend(held for held in _RAW_HELD.findall(code) if held.strip())
            if ran := _LIQUID_RUN.search(_RESOLVED.sub("", _RAW.sub("", code))):
                said.append(f"line {line}: {{% highlight {lang} %}} has Liquid outside its {{% raw %}} blocks "
                            f"({ran.group()}), which Jekyll ran over the code: it is kept as written, the raw tags "
                            "dropped; write in its place what the old page showed")
            code = _RAW_TAGS.sub("", code)
        code = re.sub(r"\A(?:[ \t]*\n)+|\s+\Z", "", code)  # the blank lines around it, as Jekyll drops them
        ticks = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`+", code))])
        if options:
            said.append(f"line {line}: {{% highlight {lang} {options} %}} is a fenced code block now, without its "
                        f"'{options}' (news-digest shows no line numbers and marks no lines); check the code reads "
                        "as meant")
        fenced = f"{indent}{ticks}{lang}\n{code}\n{indent}{ticks}"
        literal.extend([fenced] if as_written else [])
        return fenced

    return _RAW_OR_HIGHLIGHT.sub(fence, body), tuple(said), tuple(literal)


def _all_raw(code: str) -> bool:
    """Whether ``code`` has ``{% raw %}`` blocks and no Liquid outside them: Jekyll showed it as written."""
    return _RAW.search(code) is not None and not _LIQUID.search(_RAW.sub("", code))


def _raw_outside_code(body: str) -> tuple[str, tuple[int, ...], tuple[str, ...]]:
    """``body`` with each ``{% raw %}`` block outside code (around a fenced block, in a paragraph) as what it holds,
    the line each began on (0 the body's first) and what each held (``Post.literal``). Jekyll showed that without the
    tags; left so, the new page showed them as text ('<p>{% raw %}</p>' above the code)."""
    if not _RAW_TAGS.search(body):
        return body, (), ()
    marked = outside_code(body, lambda text: _RAW_TAGS.sub(lambda tag: _OUTSIDE + tag.group(), text))
    lines: list[int] = []
    held: list[str] = []

    def dropped(block: re.Match[str]) -> str:
        lines.append(marked.count("\n", 0, block.start()))
        held.append(block.group(1))
        return held[-1]

    return _MARKED_RAW.sub(dropped, marked).replace(_OUTSIDE, ""), tuple(lines), tuple(held)


_OUTSIDE = "\x00"
"""Put before each raw tag outside code by ``_raw_outside_code`` (no text file holds it), and taken out again."""
_MARKED_RAW = re.compile(r"\x00\{%-?\s*raw\s*-?%\}(.*?)\x00\{%-?\s*endraw\s*-?%\}", re.DOTALL)
"""A raw block whose tags are both outside code, and what it holds."""


def _raw_in_code(body: str) -> tuple[str, tuple[str, ...]]:
    """``body`` with each code block and span whose Liquid is all in ``{% raw %}`` blocks without the raw tags, and
    those blocks and spans (``Post.literal``). Jekyll runs Liquid over the whole file, code included, so its reader
    saw `{{ x }}` where the file had `{% raw %}{{ x }}{% endraw %}`; left so, the tags were the new page's text."""
    literal: list[str] = []

    def shown(code: str) -> str:
        if not _all_raw(code):
            return code
        literal.append(_RAW_TAGS.sub("", code))
        return literal[-1]

    return outside_code(body, lambda text: text, shown), tuple(literal)


def _post(path: Path, rel: str, draft: bool, folders: tuple[str, ...], zone: ZoneInfo | None,
          style: str, default: str = "") -> Post | Note | None:
    if path.suffix.lower() not in MARKDOWN:
        return Note(rel, f"{path.suffix or 'this'} posts are not converted; rewrite it in Markdown")
    name = _POST_NAME.fullmatch(path.stem)
    if not draft and not name:
        return Note(rel, "is not named YYYY-MM-DD-slug.md, so Jekyll does not publish it; rename it")
    read = _read(path, rel)
    if isinstance(read, Note):
        return read
    meta, body, said, literal = read
    typed = as_text(meta.get("date")) or (name.group(1) if name else "")
    if not typed:
        return Note(rel, "is a draft without a 'date:'; add one and import again")
    slug = as_text(meta.get("slug")) or (name.group(2) if name else path.stem)
    title = as_text(meta.get("title")) or slug.replace("-", " ").title()
    single = meta.get("category") if not meta.get("categories") and isinstance(meta.get("category"), str) else None
    named = (single.strip(),) if single and single.strip() else as_list(meta.get("categories") or meta.get("category"), None)
    categories = tuple(dict.fromkeys(folders + named))  # a singular 'category: Berita Lokal' is one, as in Jekyll
    parsed = parse_date(typed)
    when = parsed.naive if parsed else None
    if parsed and parsed.offset is not None and zone:  # Jekyll puts each date in the site's zone for its address
        when = parsed.naive.replace(tzinfo=timezone(parsed.offset)).astimezone(zone).replace(tzinfo=None)
    day = when.strftime("/%Y/%m/%d/") if when else "/"
    permalink = as_text(meta.get("permalink"))
    permalink = permalink if permalink.startswith("/") else style  # the post's own, else the site's
    old_url = (_expand(permalink, when, slug, categories) if permalink else
               "".join(f"/{c.lower()}" for c in categories) + day + f"{slug}.html")
    own, unusable = digest_fields(meta)
    section = own.pop("section", categories[0] if categories else "")
    return Post(rel=rel, kind="article", slug=slug, old_urls=(old_url,) if old_url else (), title=title, body=body,
                date=typed, updated=as_text(meta.get("last_modified_at")),
                summary=as_text(meta.get("excerpt") or meta.get("description")), **own,
                tags=as_list(meta.get("tags"), None) + tuple(c for c in categories if c.casefold() != section.casefold()), section=section,
                author=", ".join(as_list(meta.get("author"))), draft=draft or _unpublished(meta),
                translation=_translation(meta, default), said=said, literal=literal,
                dropped=tuple(sorted([*(k for k in meta if k not in KNOWN), *unusable])))


def _page(path: Path, rel: str, style: str, default: str = "") -> Post | Note | Asset | None:
    with open(path, "rb") as f:  # Jekyll's test: '---' and any spaces, then the line's end
        has_front_matter = re.match(rb"---[ \t]*\r?\n", f.read(200)) is not None
    if not has_front_matter:
        return Asset(path, rel, rel)
    if path.suffix.lower() not in MARKDOWN:
        return Note(rel, "is a Liquid template (it has front matter), which is not converted; "
                         "news-digest makes its own feeds, lists and home page")
    if rel in ("index.md", "index.markdown", "404.md"):
        return Note(rel, "is the home or 404 page; news-digest makes its own")
    read = _read(path, rel)
    if isinstance(read, Note):
        return read
    meta, body, said, literal = read
    folder, stem = posixpath.split(posixpath.splitext(rel)[0])
    slug = as_text(meta.get("slug")) or (posixpath.basename(folder) if stem == "index" and folder else stem)
    permalink = as_text(meta.get("permalink"))
    # the site's permalink style gives pages its ending, as Jekyll's add_permalink_suffix: '/about/' for 'pretty'
    ending = "/" if style.endswith("/") else ".html" if not style or style.endswith((":output_ext", ".html")) else ""
    old_url = permalink if permalink.startswith("/") else (f"/{folder}/" if stem == "index" else
                                                           f"/{rel.rsplit('.', 1)[0]}{ending}")
    title = as_text(meta.get("title"))
    if not title:
        return Note(rel, "has no 'title' in its front matter; add one and import again")
    return Post(rel=rel, kind="page", slug=slug, old_urls=(old_url,), title=title, body=body,
                summary=as_text(meta.get("excerpt") or meta.get("description")), draft=_unpublished(meta),
                translation=_translation(meta, default), said=said, literal=literal,
                dropped=tuple(sorted(k for k in meta if k not in KNOWN or k in DIGEST_FIELDS)))


def _unpublished(meta: Meta) -> bool:
    """Whether the front matter says ``published: false`` (or text YAML 1.1 reads as false): Jekyll left it out."""
    published = meta.get("published")
    return published is False or (isinstance(published, str) and not is_true(published))


def _rewriter() -> Rewrite:
    """Resolve {{ site.baseurl }}, relative_url, {% post_url %} and {% link %} against the new URLs."""

    def rewrite(post: Post, urls: dict[str, str], base: str) -> str:
        def post_url(match: re.Match[str]) -> str:
            for suffix in MARKDOWN:
                if f"_posts/{match.group(1)}{suffix}" in urls:
                    return urls[f"_posts/{match.group(1)}{suffix}"]
            return match.group(0)

        def resolved(text: str) -> str:
            text = _POST_URL.sub(post_url, text)
            text = _LINK_TAG.sub(lambda m: urls.get(m.group(1).lstrip("/"), m.group(0)), text)
            text = _URL_FILTER.sub(lambda m: base + m.group(1).lstrip("/"), text)
            return _BASEURL.sub(base.rstrip("/"), text)

        # what {% raw %} holds Jekyll showed as written: kept so, in a fenced block too
        parts = re.split("(" + "|".join([*map(re.escape, post.literal), _RAW_BLOCK]) + ")", post.body)
        return "".join(part if i % 2 else resolved(part) for i, part in enumerate(parts))

    return rewrite
