"""The theme's small HTML helpers in Python: ``src``, ``abs_src``, ``ld``, ``when`` and ``picture``.

Each prints exactly what the macro of the same name that the default theme's ``_macros.html`` used to
define printed (that file keeps them in a comment), escaping the same values, and returns Markup as a
macro does. A page calls them dozens of times, and a Python call costs a fraction of a Jinja macro
call. The renderer makes them template globals; ``_macros.html`` hands them on as ``m.src``...,
so a site's own ``_macros.html`` can still replace any of them with a macro.
"""
from __future__ import annotations

import json
from datetime import datetime
from functools import partial
from typing import Any, Callable

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup, escape

from generator.core import urls
from generator.core.i18n import isolate, og_locale, right_to_left_tag
from generator.core.models import Image
from generator.core.timestamps import iso
from generator.render.context import escape_text
from generator.core.patterns import LazyPattern

REMOTE = ("http://", "https://")
NAMES = ("src", "abs_src", "ld", "when", "picture")
"""The helpers, named as the macros in ``_macros.html``."""
_ISOLATE_MARK = LazyPattern("([\u2066-\u2069])")
_OPENS = {"\u2066": ' dir="ltr"', "\u2067": ' dir="rtl"', "\u2068": ""}
"""LEFT-TO-RIGHT, RIGHT-TO-LEFT and FIRST STRONG ISOLATE, and the direction their ``<bdi>`` is given."""
_NONE = Markup("")
_AUTO = Markup(' dir="auto"')
"""What ``lang_dir`` and ``site_lang`` give for the site's language (most calls): made once, as a Markup is made by a
Python call (a page asks some twenty times)."""


class Helpers:
    """The helpers for one configuration: links under its base path or URL, dates in its language."""

    def __init__(self, base_path: str, base_url: str, long_date: Callable[[datetime], str],
                 dumps: Callable[..., str], dumps_kwargs: dict[str, Any], language: str = "id") -> None:
        self.base_path, self.base_url, self.long_date = base_path, base_url, long_date
        self.dumps, self.dumps_kwargs = dumps, dumps_kwargs
        self.language = language
        self._encode: Callable[[Any], str] = json.JSONEncoder(**dumps_kwargs).encode \
            if dumps is json.dumps and "cls" not in dumps_kwargs else partial(dumps, **dumps_kwargs)
        """``dumps`` with its arguments; for json's own, its encoder made once: ``json.dumps`` makes one a call
        (with ``sort_keys``, Jinja's default), a seventh of ``ld``."""
        self._page_lang = Markup(' lang="%s"') % language
        """``page_lang`` of a page in the site's language."""

    def src(self, u: str) -> Markup:
        """An image's ``src``: a URL as it is, a site path under the base path."""
        return escape(u if u.startswith(REMOTE) else urls.url(self.base_path, u))

    def abs_src(self, u: str) -> Markup:
        """An image's absolute URL (Open Graph, JSON-LD): a URL as it is, a site path under the base URL."""
        return escape(u if u.startswith(REMOTE) else urls.absolute(self.base_url, u))

    def ld(self, data: Any) -> Markup:
        """A JSON-LD ``<script>`` of ``data``, as the ``tojson`` filter writes it, and a line break.

        A value that is Markup (what ``abs_src`` and any macro return) is HTML, escaped for an attribute: JSON
        holds it as the text it shows, or an image address with '&' in its query would read '&amp;' there."""
        text = htmlsafe_json_dumps(_text(data), dumps=self._encode)  # the filter's own function
        return Markup(f'<script type="application/ld+json">{text}</script>\n')

    def when(self, d: datetime, search_meta: Any = False) -> Markup:
        """A ``<time>`` with the date, time and zone; ``search_meta`` marks it as the page's date for search.
        Midnight exactly shows the date alone: it is what a date written without a time reads as, and
        "00:00 WIB" would tell readers a time nobody gave.

        The hour, minute and zone are what ``strftime("%H:%M")`` and ``strftime("%Z")`` give, without their
        cost (a list page shows twenty of these): strftime's ``%Z`` is ``tzname()``, or '' without one."""
        meta = ' data-pagefind-meta="date"' if search_meta else ""
        clock = "" if not (d.hour or d.minute or d.second) else \
            f', {d.hour:02d}:{d.minute:02d} {escape_text(d.tzname() or "")}'
        # the script counts a date alone in days ("hari ini", not "9 jam") of the site's calendar, its zone's
        zone = getattr(d.tzinfo, "key", None)
        rel = "" if clock else '="day"' + (f' data-tz="{escape_text(zone)}"' if zone else "")
        return Markup(f'<time datetime="{escape_text(iso(d))}" data-rel{rel}{meta}>'
                      f'{escape_text(self.long_date(d))}{clock}</time>')

    def picture(self, image: Image, sizes: str, lazy: Any = True) -> Markup:
        """An ``<img>`` with its size, its smaller copies as ``srcset`` (with ``sizes``) and lazy loading."""
        out = [f'<img src="{self.src(image.src)}" alt="{escape(image.alt)}"']
        if image.width:
            out.append(f' width="{escape(image.width)}" height="{escape(image.height)}"')
        if image.srcset:
            out.append(' srcset="')
            out += [f"{escape(urls.url(self.base_path, path))} {escape(w)}w, " for path, w in image.srcset]
            out.append(f'{escape(urls.url(self.base_path, image.src))} {escape(image.width)}w" sizes="{escape(sizes)}"')
        if lazy:
            out.append(' loading="lazy"')
        out.append(' decoding="async">')
        return Markup("".join(out))

    @staticmethod
    def bdi(name: str) -> Markup:
        """A name in ``<bdi>``, for one put into a sentence ("Semua berita dari {name} (3)"): a right-to-left name
        (an Arabic publisher's) then keeps the count and the words around it where they are."""
        return Markup("<bdi>%s</bdi>") % name

    @staticmethod
    def bdi_text(text: str, lang: str = "") -> Markup:
        """A plain-text string joined from parts (``i18n.isolate``: a tag's page title, a company pair's, a feed's)
        as HTML: escaped, each part its isolates enclose in ``<bdi>`` (``dir="rtl"`` for a RIGHT-TO-LEFT ISOLATE's).
        A Latin-only string is as it was. ``lang``: the language of its outermost isolated parts (an edition's
        heading, whose note's title is in the note's ``lang:``), which their ``<bdi>`` says."""
        return _isolated_parts(text, lang, mail=False)

    @staticmethod
    def lang_text(text: str, lang: str) -> Markup:
        """``bdi_text`` for an e-mail: the isolates stay characters (mail clients drop ``<bdi>``), and the outermost
        isolated parts are in ``<span>`` with ``lang`` and their direction."""
        return _isolated_parts(text, lang, mail=True)

    @staticmethod
    def lang_dir(lang: str) -> Markup:
        """The attributes of a headline or summary in an article's language (``Article.lang``, '' for the site's):
        ' dir="auto"' as before, or its ``lang`` with ``dir="auto"``, or ``dir="rtl"`` for a right-to-left
        language (Arabic's, whose headline may begin with a Latin name)."""
        if not lang:
            return _AUTO
        return Markup(' lang="%s" dir="%s"') % (lang, "rtl" if right_to_left_tag(lang) else "auto")

    @staticmethod
    def search_lang(lang: str) -> Markup:
        """Pagefind metadata for an article in ``lang`` ('' for the site's: none), which ``search.js`` gives its
        result's headline and excerpt, as ``lang_dir`` gives a card's: the search page is in the site's language.
        Pagefind searches metadata too, so ``dir`` is given only when it is 'rtl' (an 'auto' would make a search for
        "auto" find every English article)."""
        if not lang:
            return _NONE
        if right_to_left_tag(lang):
            return Markup(' data-dir="rtl" data-pagefind-meta="dir[data-dir], lang:%s"') % lang
        return Markup(' data-pagefind-meta="lang:%s"') % lang

    def page_lang(self, lang: str) -> Markup:
        """``<html>``'s attributes on a page in ``lang`` ('' for the site's language)."""
        if not lang:
            return self._page_lang
        return Markup(' lang="%s"%s') % (lang, Markup(' dir="rtl"') if right_to_left_tag(lang) else "")

    def site_lang(self, lang: str) -> Markup:
        """The attributes that put the theme's own words (menus, dates, labels) back in the site's language on a
        page in another (``lang``); '' on a page in the site's."""
        if not lang:
            return _NONE
        return Markup(' lang="%s"%s') % (self.language, Markup(' dir="ltr"') if right_to_left_tag(lang) else "")

    def globals(self) -> dict[str, Callable[..., Any]]:
        """The helpers by name, for ``Environment.globals``; ``isolate`` gives plain text (``<title>``)."""
        return {**{name: getattr(self, name) for name in (*NAMES, "bdi", "bdi_text", "lang_text", "lang_dir",
                                                          "page_lang", "site_lang", "search_lang")},
                "isolate": isolate, "iso": iso,
                "og_locale": og_locale}


def _isolated_parts(text: str, lang: str, mail: bool) -> Markup:
    """``text`` escaped, each isolated part (``i18n.isolate``) in ``<bdi>``, innermost ones nested (one without its
    pair stays as it is); ``lang`` on the outermost ones. ``mail``: the isolates stay, and only the outermost parts,
    when ``lang`` is given, are put in a ``<span>`` saying it."""
    html = str(escape(text))  # a str: re joins a Markup's pieces with Markup.join, which escapes them
    if "\u2069" not in html:
        return Markup(html)
    pieces = _ISOLATE_MARK.split(html)
    opened: list[int] = []  # where the isolates not yet closed start
    for at, piece in enumerate(pieces):
        if piece in _OPENS:
            opened.append(at)
        elif piece == "\u2069" and opened:
            start = opened.pop()
            said = Markup(' lang="%s"') % lang if lang and not opened else ""
            if not mail:
                pieces[start], pieces[at] = f"<bdi{said}{_OPENS[pieces[start]]}>", "</bdi>"
            elif said:
                pieces[start], pieces[at] = f"<span{said}{_OPENS[pieces[start]]}>{pieces[start]}", f"{piece}</span>"
    return Markup("".join(pieces))


def _text(data: Any) -> Any:
    """``data`` with every Markup in it (in dicts and lists, at any depth) as the plain text it shows. A plain
    ``str`` (most values of a JSON-LD object) is taken as it is without a call: the walk was a third of ``ld``."""
    if isinstance(data, Markup):
        return data.unescape()
    if isinstance(data, dict):
        return {key: value if type(value) is str else _text(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return [value if type(value) is str else _text(value) for value in data]
    return data
