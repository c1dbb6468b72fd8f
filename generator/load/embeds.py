"""Video embeds: a YouTube or Vimeo video an editor pastes (the player's ``<iframe>``) or writes as an image
(``![Title](https://www.youtube.com/watch?v=ID)``) becomes a card that links to the video's page.

The page loads nothing from YouTube or Vimeo: the card is a link, and the theme's ``embed.js`` swaps it for the
player (youtube-nocookie.com; Vimeo with ``dnt=1``) only when the reader clicks. Feeds and e-mail carry the link
alone (``as_links``). One parse of an address (``video``) serves the iframe, the image and the Hugo import.
"""
from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from generator.core import i18n
from generator.core.patterns import LazyPattern

HOSTS = {"youtube": "YouTube", "vimeo": "Vimeo"}
"""The hosts a video may come from, and their names as readers see them."""

_YOUTUBE_ID = LazyPattern(r"[A-Za-z0-9_-]{11}")
_YOUTUBE_LIST = LazyPattern(r"[A-Za-z0-9_-]{2,}")
_VIMEO_ID = LazyPattern(r"[0-9]+")
_VIMEO_HASH = LazyPattern(r"[0-9a-f]+")
_VIMEO_IN_LIST = LazyPattern(r"(?:channels/[^/]+|groups/[^/]+/videos|(?:showcase|album)/[^/]+/video)/(?=[0-9]+/?$)")
"""Where a Vimeo video's page may say it was found (``vimeo.com/channels/staffpicks/ID``, ``groups/NAME/videos/ID``,
``showcase/N/video/ID``): the video is ``vimeo.com/ID``."""
_TIME = LazyPattern(r"(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?")
VIDEO_ADDRESS = LazyPattern(r"(?:https?:)?//(?:[\w-]+\.)*(?:youtube\.com|youtu\.be|youtube-nocookie\.com|vimeo\.com)(?=[/?#:])",
                            re.IGNORECASE)
"""An address on YouTube or Vimeo (``//host/…`` too): a body that links or shows one as an image goes to markdown-it-py
(``markdown_fast``), whose tokens the cards are made from."""


@dataclass(frozen=True)
class Video:
    """One video, whichever way it was written."""

    host: str
    """'youtube' or 'vimeo' (``HOSTS``)."""
    id: str
    """YouTube's 11-character id, or Vimeo's number."""
    start: int = 0
    """Where to start, in seconds (``t=``, ``start=``); 0 from the beginning."""
    hash: str = ""
    """An unlisted Vimeo video's ``h`` key (``vimeo.com/ID/HASH``), without which its player refuses."""
    playlist: str = ""
    """A YouTube playlist's ``list=`` (``id`` then ''): its page ``youtube.com/playlist?list=``, its player
    ``embed/videoseries?list=``."""

    @property
    def page(self) -> str:
        """The video's own page: where the card goes without JavaScript, and what feeds link."""
        if self.playlist:
            return f"https://www.youtube.com/playlist?list={self.playlist}"
        if self.host == "youtube":
            return f"https://www.youtube.com/watch?v={self.id}" + (f"&t={self.start}" if self.start else "")
        return f"https://vimeo.com/{self.id}" + (f"/{self.hash}" if self.hash else "") + \
            (f"#t={self.start}s" if self.start else "")


def _seconds(value: str) -> int:
    found = _TIME.fullmatch(value.strip())
    if not found or not value.strip():
        return 0
    h, m, s = (int(part or 0) for part in found.groups())
    return h * 3600 + m * 60 + s


def video(address: str, player: bool = False) -> Video | str | None:
    """The video an address names: a video page (``player`` False: watch, youtu.be, shorts, vimeo.com/ID) or a
    player (``player`` True: youtube(-nocookie).com/embed/ID, player.vimeo.com/video/ID); a message when it names one
    with an id that is not valid; None when it is no video address. A protocol-relative one (``//www.youtube.com/…``,
    in older embed code and WordPress or Hugo content) is read as https."""
    address = address.strip()
    try:
        parts = urlsplit("https:" + address if address.startswith("//") else address)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https"):
        return None
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.").removeprefix("music.")
    query = parse_qs(parts.query)
    path = parts.path.split("/")[1:]
    start = _seconds((query.get("t") or query.get("start") or [""])[0])
    if host in ("youtube.com", "youtube-nocookie.com", "youtu.be"):
        if player:
            found = path[1] if host != "youtu.be" and len(path) > 1 and path[0] == "embed" else None
        elif host == "youtu.be":
            found = path[0] if path else None
        elif host == "youtube.com" and path[:1] == ["watch"]:
            found = (query.get("v") or [""])[0]
        elif host == "youtube.com" and path == ["playlist"]:
            found = "videoseries"
        elif host == "youtube.com" and path[:1] in (["shorts"], ["live"]) and len(path) > 1:
            found = path[1]
        else:
            found = None
        if found is None:
            return None
        if found == "videoseries":  # a playlist's player (or page): no video of that id
            playlist = (query.get("list") or [""])[0]
            if not _YOUTUBE_LIST.fullmatch(playlist):
                wrong = f"'{playlist}' is not a YouTube playlist id (letters, digits, '-' or '_')" if playlist else \
                    "a YouTube playlist without its 'list=' (the playlist's id)"
                return f"{wrong}; copy the address again from the playlist's Share button"
            return Video("youtube", "", 0, playlist=playlist)
        if not _YOUTUBE_ID.fullmatch(found):
            return (f"'{found}' is not a YouTube video id (11 letters, digits, '-' or '_'); copy the address again "
                    "from the video's Share button")
        return Video("youtube", found, start)
    if (host == "player.vimeo.com") if player else (host == "vimeo.com"):
        if not player:
            path = _VIMEO_IN_LIST.sub("", "/".join(path)).rstrip("/").split("/")
        number = path[1] if player and len(path) > 1 and path[0] == "video" else path[0] if path and not player else None
        if number is None:
            return None
        key = (query.get("h") or [""])[0] if player else (path[1] if len(path) > 1 else "")
        if parts.fragment.startswith("t="):
            start = _seconds(parts.fragment[2:])
        if not _VIMEO_ID.fullmatch(number) or (key and not _VIMEO_HASH.fullmatch(key)):
            return (f"'{number + ('/' + key if key else '')}' is not a Vimeo video number (digits, and for an unlisted "
                    "video a '/' and its key); copy the address again from the video's Share button")
        return Video("vimeo", number, start, key)
    return None


PAGE_HOSTS = frozenset({"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com", "youtu.be",
                        "youtube-nocookie.com", "www.youtube-nocookie.com", "vimeo.com", "www.vimeo.com",
                        "player.vimeo.com"})
"""The hosts of YouTube's and Vimeo's pages and players (not their pictures: ``img.youtube.com`` serves images)."""


def video_image(address: str) -> Video | str | None:
    """The video an image's address names: a video's page or its player (``video``); a message when it names none
    on a host of videos' pages (``PAGE_HOSTS``: a channel, a search), where an image would stay broken; None for
    any other address."""
    found = video(address)
    if found is None:
        found = video(address, player=True)
    if found is not None:
        return found
    try:
        host = (urlsplit(address.strip()).hostname or "")
    except ValueError:
        return None
    if host not in PAGE_HOSTS:
        return None
    return ("no video or playlist at this address, and it is no picture; write a video's page "
            "(https://www.youtube.com/watch?v=ID, https://vimeo.com/ID) or a playlist's "
            "(https://www.youtube.com/playlist?list=ID), or link to it: [Title](address)")


GENERIC_TITLES = frozenset({"youtube video player", "vimeo-player"})
"""The ``title`` a host's own embed code gives every player (YouTube's Share → Embed: 'YouTube video player'), in
lower case: no title of the video's."""


def generic_title(title: str, found: Video, shown: str = "card") -> str:
    """What is wrong with a pasted player's ``title`` that its host gives every video, and how to fix it; '' for a
    title of the video's own. ``shown``: what the page shows for it, 'card', or 'link' in a line of text."""
    if " ".join(title.split()).lower() not in GENERIC_TITLES:
        return ""
    return (f"title '{title}' is what {HOSTS[found.host]} calls every video, so the {shown} would say it; set the "
            f"iframe's title to the video's, or write ![The video's title]({found.page})")


def card(found: Video, title: str, language: str, external_rel: str, lang: str = "") -> str:
    """The figure an article shows: a link to the video's page, as a 16:9 card with its title and host. Every value
    is escaped with its quotes, so none ends an attribute the card is written in.

    The title is isolated (``dir="auto"``), so a right-to-left one, or one with a direction character (U+202E), keeps
    the words after it in order (the host, and on paper the address). The theme's words ('Tonton di YouTube', and
    'Video YouTube' for a video without a title) are in the site's ``language``; in an article in another (``lang``,
    '' for the site's) they say so, as the renderer's labels do, so a screen reader reads them by its rules."""
    name = HOSTS[found.host]
    words = i18n.STRINGS[language]
    said = f' lang="{language}"' if lang else ""
    text = html.escape(" ".join(title.split()))
    untitled = "" if text else said
    text = text or _untitled(found.host, language)
    rel = f' rel="{html.escape(external_rel)}"' if external_rel else ""
    return (f'<figure class="embed {found.host}"><a class="embed-card" href="{html.escape(found.page)}"{rel}>'
            f'<span class="embed-title" dir="auto"{untitled}>{text}</span> '
            f'<span class="embed-host"{said}>{str(words["video_watch"]).format(host=name)}</span></a></figure>')


_DIRECTION = LazyPattern("[\u202a-\u202e\u2066-\u2069]")
"""The characters that set the direction of the text after them (U+202E RIGHT-TO-LEFT OVERRIDE) until popped."""


def isolated(title: str) -> str:
    """A video's title between FIRST STRONG and POP DIRECTIONAL ISOLATE when it holds right-to-left letters or a
    direction character (``_DIRECTION``), its own isolates balanced (a stray PDI dropped, one left open closed): a
    'Klip \u202eEVIL' reversed ' (YouTube)' after it in feeds and e-mail (whose clients drop ``<bdi>``); as it is
    otherwise, so a Latin title's bytes stay the same."""
    if title.isascii() or not (_DIRECTION.search(title) or i18n.right_to_left(title)):
        return title
    depth, kept = 0, []
    for char in title:
        if char == i18n.PDI and not depth:
            continue
        depth += char in "\u2066\u2067\u2068"
        depth -= char == i18n.PDI
        kept.append(char)
    return f"{i18n.FSI}{''.join(kept)}{i18n.PDI * (depth + 1)}"


def _untitled(host: str, language: str) -> str:
    """What names a video without a title, in the site's ``language``: 'Video YouTube'."""
    return str(i18n.STRINGS[language]["video_untitled"]).format(host=HOSTS[host])


def link_text(title: str, host: str, language: str) -> str:
    """A video as a line of text names it: '▶ Title (YouTube)', in feeds, e-mail and a line of an article; the
    title ``isolated``."""
    return f"▶ {isolated(' '.join(title.split()) or _untitled(host, language))} ({HOSTS[host]})"


def link_html(title: str, host: str, language: str, lang: str = "") -> str:
    """``link_text`` as HTML, escaped, for a line of an article: 'Video YouTube' for a video without a title says it
    is in the site's ``language`` in an article in another (``lang``), as a card's does."""
    if not lang or " ".join(title.split()):
        return html.escape(link_text(title, host, language))
    return f'▶ <span lang="{language}">{html.escape(_untitled(host, language))}</span> ({HOSTS[host]})'


CARD = LazyPattern(r'<figure class="embed (youtube|vimeo)"><a class="embed-card" (href="[^"]*")[^>]*>'
                    r'<span class="embed-title" dir="auto"( lang="[^"]*")?>([^<]*)</span> <span class="embed-host"[^>]*>'
                    r'[^<]*</span></a></figure>')


def as_links(body_html: str) -> str:
    """``body_html`` with each video card a paragraph of one plain link, as feeds and e-mail carry it (no player,
    no script: '▶ Title (YouTube)'; the title ``isolated``, as characters: mail clients drop ``<bdi>``; 'Video
    YouTube' for one without a title keeps its ``lang`` in an article in another language)."""
    if '<figure class="embed ' not in body_html:
        return body_html

    def link(match: re.Match[str]) -> str:
        host, href, lang, title = match.groups()
        title = isolated(title)
        return f"<p><a {href}>▶ {f'<span{lang}>{title}</span>' if lang else title} ({HOSTS[host]})</a></p>"

    return CARD.sub(link, body_html)
