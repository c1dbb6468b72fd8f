"""Video embeds: a pasted YouTube or Vimeo player, or a video page written as an image, is a card that links to the
video and loads nothing from YouTube or Vimeo until the reader clicks; feeds and e-mail carry a plain link."""
from __future__ import annotations

import json
from pathlib import Path

import lxml.etree
import lxml.html
import pytest

from conftest import article, build_project, make_project, write_files
from generator.commands.cli import main
from generator.load.markdown import MarkdownOptions, render

YT = "dQw4w9WgXcQ"
CARD_EN = ('<figure class="embed youtube"><a class="embed-card" href="https://www.youtube.com/watch?v=' + YT
           + '{start}" rel="noopener"><span class="embed-title" dir="auto">{title}</span> <span class="embed-host">Watch on '
           'YouTube</span></a></figure>\n')


@pytest.mark.parametrize(("body", "title", "start"), [
    (f'<iframe width="560" height="315" src="https://www.youtube.com/embed/{YT}?si=Q1w" title="Keynote &amp; demo" '
     'frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture; '
     'web-share" referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>\n', "Keynote &amp; demo", ""),
    (f'<iframe src="https://www.youtube-nocookie.com/embed/{YT}?start=90" title="Keynote"></iframe>\n', "Keynote",
     "&amp;t=90"),
    (f"![Keynote](https://www.youtube.com/watch?v={YT}&t=1m30s)\n", "Keynote", "&amp;t=90"),
    (f"![Keynote](https://youtu.be/{YT}?t=90)\n", "Keynote", "&amp;t=90"),
    (f"![Keynote](https://www.youtube.com/shorts/{YT})\n", "Keynote", ""),
    (f"![Keynote][v]\n\n[v]: https://m.youtube.com/watch?v={YT}\n", "Keynote", ""),
])
def test_every_way_of_writing_a_youtube_video_gives_the_same_card(body: str, title: str, start: str) -> None:
    assert render(body, MarkdownOptions(language="en")).html == CARD_EN.format(title=title, start=start)


def test_a_vimeo_video_is_a_card_that_keeps_an_unlisted_videos_key_and_its_start() -> None:
    pasted = ('<div style="padding:56.25% 0 0 0;position:relative;"><iframe src="https://player.vimeo.com/video/76979871'
              '?h=8272103f6e&amp;badge=0" style="position:absolute;top:0" title="Wawancara"></iframe></div>\n')
    rendered = render(pasted)
    assert rendered.html == (
        '<div><figure class="embed vimeo"><a class="embed-card" href="https://vimeo.com/76979871/8272103f6e" '
        'rel="noopener"><span class="embed-title" dir="auto">Wawancara</span> <span class="embed-host">Tonton di Vimeo</span></a>'
        "</figure></div>\n")
    assert rendered.dropped == () and rendered.videos == ()
    assert render("![Wawancara](https://vimeo.com/76979871#t=1m5s)\n").html == (
        '<figure class="embed vimeo"><a class="embed-card" href="https://vimeo.com/76979871#t=65s" rel="noopener">'
        '<span class="embed-title" dir="auto">Wawancara</span> <span class="embed-host">Tonton di Vimeo</span></a></figure>\n')


def test_a_video_in_a_line_of_text_is_a_link_and_one_without_a_title_is_named_by_its_host() -> None:
    assert render(f"Lihat ![Keynote](https://youtu.be/{YT}) dulu.\n").html == (
        f'<p>Lihat <a href="https://www.youtube.com/watch?v={YT}" rel="noopener">▶ Keynote (YouTube)</a> dulu.</p>\n')
    assert '<span class="embed-title" dir="auto">Video YouTube</span>' in render(f"![](https://youtu.be/{YT})\n").html


def test_a_video_alone_in_a_footnote_is_a_link_before_its_back_link() -> None:
    """The card took the place of the note's paragraph with its back-link, and left a stray </p>."""
    assert render(f"Teks[^1] lain.\n\n[^1]: ![In footnote](https://youtu.be/{YT})\n",
                  MarkdownOptions(language="en")).html.split('class="footnote-item">')[1] == (
        f'<p><a href="https://www.youtube.com/watch?v={YT}" rel="noopener">▶ In footnote (YouTube)</a> '
        '<a href="#fnref1" class="footnote-backref" role="doc-backlink" aria-label="Back to the text of note 1">↩︎</a>'
        "</p>\n</li>\n</ol>\n</section>\n")


def test_two_videos_in_a_row_are_two_cards() -> None:
    """The second of two videos, the first written as an image, was skipped and removed as an iframe."""
    html = render(f"![Keynote](https://youtu.be/{YT})\n\n![Demo](https://youtu.be/{YT})\n\n"
                  '<iframe src="https://player.vimeo.com/video/76979871" title="Wawancara"></iframe>\n').html
    assert [title for title in ("Keynote", "Demo", "Wawancara") if f'"embed-title" dir="auto">{title}<' in html] == [
        "Keynote", "Demo", "Wawancara"]


def test_vimeos_script_goes_with_its_player() -> None:
    """Vimeo's embed code ends with <script src=".../player.js">: it was a warning for a script the card does not
    need."""
    rendered = render('<div style="padding:56.25% 0 0 0"><iframe src="https://player.vimeo.com/video/76979871" '
                      'title="W"></iframe></div><script src="https://player.vimeo.com/api/player.js"></script>\n')
    assert rendered.dropped == () and "script" not in rendered.html and 'class="embed vimeo"' in rendered.html


def _built(tmp_path: Path, body: str) -> tuple[list[str], str]:
    """The build's warnings and the article page of ``body``."""
    make_project(tmp_path, {"a.md": article(body=body)}, config=FEEDS_FULL)
    result = build_project(tmp_path)
    return [str(p) for p in result.warnings], result.output.files["2025/06/a/index.html"].decode()


def test_a_video_image_in_a_link_is_the_links_text_and_never_a_broken_image(tmp_path: Path) -> None:
    """[![T](https://youtu.be/ID)](…) was an <img src="https://youtu.be/ID">, a broken picture, without a word
    (found by an attacker). In a link to the video it is the link's text, as a video in a line of text; in a link
    elsewhere its title, and a warning at its line."""
    body = (f"Satu.\n\n[![Keynote](https://youtu.be/{YT})](https://youtu.be/{YT})\n\n"
            f"[![Demo](https://youtu.be/{YT})](/2025/06/b/)\n\n[![Kanal](https://www.youtube.com/@kompastv)](/x/)\n")
    warnings, page = _built(tmp_path, body)
    assert warnings == [
        f"content/a.md:9: warning: video https://youtu.be/{YT}: a video's address is no picture, so this image in a "
        "link to another address shows its title; write the video alone in its paragraph (a card), or link its "
        "title: [Title](address)",
        "content/a.md:11: warning: video https://www.youtube.com/@kompastv: no video or playlist at this address, and "
        "it is no picture; write a video's page (https://www.youtube.com/watch?v=ID, https://vimeo.com/ID) or a "
        "playlist's (https://www.youtube.com/playlist?list=ID), or link to it: [Title](address)"]
    assert "<img" not in page.split('class="article-body')[-1].split("</article>")[0]
    assert f'<p><a href="https://youtu.be/{YT}" rel="noopener">▶ Keynote (YouTube)</a></p>' in page
    assert '<p><a href="/2025/06/b/">Demo</a></p>' in page and '<p><a href="/x/">Kanal</a></p>' in page


def test_a_card_among_other_raw_html_is_kept_by_the_sanitiser_byte_for_byte() -> None:
    body = f"![Keynote](https://youtu.be/{YT})\n\nTeks <span class=\"x\">lain</span>.\n"
    assert render(body, MarkdownOptions(language="en")).html.startswith(CARD_EN.format(title="Keynote", start=""))


ATTACK = ("Tonton videonya.\n\n"
          f'<iframe width="560" height="315" src="https://www.youtube.com/embed/{YT}" title="Keynote" frameborder="0" '
          "allowfullscreen></iframe>\n"
          "<iframe src=\"javascript:parent.document.title='PWNED-src'\" onload=\"document.title+=' PWNED-onload'\" "
          'style="position:fixed;top:0;left:0;width:100vw;height:100vh"></iframe>\n'
          "<iframe src=\"about:blank\"></iframe/><script>document.title+=' PWNED-script'</script></iframe>\n")
"""A YouTube player pasted with other iframes in one HTML block (no blank line between): the block was marked a
video's and skipped the sanitiser, so the other iframes' javascript: src, onload and style, and a <script> after
'</iframe/>', reached pages and feeds (found by an attacker)."""


def test_iframes_pasted_next_to_a_video_go_through_the_sanitiser(tmp_path: Path) -> None:
    rendered = render(ATTACK, MarkdownOptions(language="en"))
    assert rendered.html == "<p>Tonton videonya.</p>\n" + CARD_EN.format(title="Keynote", start="") + "\n\n"
    assert rendered.dropped == ("iframe", "script")
    bad = render(f'<iframe src="https://www.youtube.com/embed/{YT}" title="Keynote"></iframe>\n'
                 '<iframe src="https://www.youtube.com/embed/abc" onload="alert(1)"></iframe>\n')
    assert "abc" not in bad.html and "onload" not in bad.html and bad.dropped == ("iframe",)
    assert [(address, line) for address, _, line in bad.videos] == [("https://www.youtube.com/embed/abc", 1)]
    make_project(tmp_path, {"a.md": article(body=ATTACK)}, config=FEEDS_FULL)
    result = build_project(tmp_path)
    assert [str(p) for p in result.warnings] == [
        f"content/a.md:{line}: warning: {tags} removed with everything inside: a digest's pages and feeds keep no "
        "embeds, scripts, styles, form fields or inline SVG; link to what it shows instead"
        for line, tags in ((8, "<iframe>"), (9, "<iframe>, <script>"))]
    files = result.output.files
    page = files["2025/06/a/index.html"].decode()
    assert "<p>Tonton videonya.</p>\n" + CARD_EN.format(title="Keynote", start="") + "\n\n\n</div>" in page
    for name in ("2025/06/a/index.html", "feed.xml", "atom.xml", "feed.json"):
        text = files[name].decode()
        assert not [w for w in ("javascript:", "onload", "<script>document", "PWNED", "iframe", "position:fixed")
                    if w in text], name
    link = f'<p><a href="https://www.youtube.com/watch?v={YT}">▶ Keynote (YouTube)</a></p>'
    assert link in json.loads(files["feed.json"])["items"][0]["content_html"]
    for name in ("feed.xml", "atom.xml"):  # parsed: the bodies as a feed reader gets them
        bodies = [e.text or "" for e in lxml.etree.fromstring(files[name]).iter() if "content" in str(e.tag)]
        assert [b for b in bodies if link in b] and not [b for b in bodies if "iframe" in b or "script" in b], name


PLAYLIST = "PLx0sYbCqOb8TBPRdmBHs5Iftvv9TPboYG"


@pytest.mark.parametrize(("body", "href"), [
    (f'<iframe width="560" height="315" src="https://www.youtube.com/embed/videoseries?si=abc&amp;list={PLAYLIST}" '
     'title="T" frameborder="0" allowfullscreen></iframe>\n', f"https://www.youtube.com/playlist?list={PLAYLIST}"),
    (f"![T](https://www.youtube.com/playlist?list={PLAYLIST})\n", f"https://www.youtube.com/playlist?list={PLAYLIST}"),
    (f"![T](https://music.youtube.com/watch?v={YT})\n", f"https://www.youtube.com/watch?v={YT}"),
    (f"![T](https://www.youtube.com/embed/{YT})\n", f"https://www.youtube.com/watch?v={YT}"),
    (f"![T](https://www.YouTube.com/watch?v={YT})\n", f"https://www.youtube.com/watch?v={YT}"),
    ("![T](https://player.vimeo.com/video/76979871)\n", "https://vimeo.com/76979871"),
])
def test_a_playlist_a_players_address_and_any_letters_give_a_card(body: str, href: str) -> None:
    """A pasted playlist was a card to 'watch?v=videoseries', a video that does not exist; these images stayed
    broken <img>s without a word (found by an attacker)."""
    rendered = render(body, MarkdownOptions(language="en"))
    assert (rendered.html, rendered.videos) == (
        f'<figure class="embed {"vimeo" if "vimeo" in href else "youtube"}"><a class="embed-card" href="{href}" '
        f'rel="noopener"><span class="embed-title" dir="auto">T</span> <span class="embed-host">Watch on '
        f'{"Vimeo" if "vimeo" in href else "YouTube"}</span></a></figure>\n', ())


def test_the_title_youtubes_own_code_gives_every_player_is_no_title_and_a_warning() -> None:
    """YouTube's Share → Embed code always says title="YouTube video player" (Vimeo's, "vimeo-player"): every card
    read 'YouTube video player'."""
    rendered = render(f'Satu.\n\n<iframe width="560" src="https://www.youtube.com/embed/{YT}?si=Q1w" title="YouTube '
                      'video player" frameborder="0" allowfullscreen></iframe>\n\n<iframe title="vimeo-player" '
                      'src="https://player.vimeo.com/video/76979871" allowfullscreen></iframe>\n',
                      MarkdownOptions(language="en"))
    assert rendered.html == "<p>Satu.</p>\n" + CARD_EN.format(title="YouTube video", start="") + (
        '<figure class="embed vimeo"><a class="embed-card" href="https://vimeo.com/76979871" rel="noopener"><span '
        'class="embed-title" dir="auto">Vimeo video</span> <span class="embed-host">Watch on Vimeo</span></a></figure>\n')
    assert rendered.videos == (
        (f"https://www.youtube.com/embed/{YT}?si=Q1w", "title 'YouTube video player' is what YouTube calls every "
         "video, so the card would say it; set the iframe's title to the video's, or write ![The video's title]"
         f"(https://www.youtube.com/watch?v={YT})", 2),
        ("https://player.vimeo.com/video/76979871", "title 'vimeo-player' is what Vimeo calls every video, so the "
         "card would say it; set the iframe's title to the video's, or write ![The video's title]"
         "(https://vimeo.com/76979871)", 4))


def test_a_page_without_a_video_renders_as_before() -> None:
    text = "Tonton [videonya](https://www.youtube.com/watch?v=dQw4w9WgXcQ) dan ![foto](/images/a.jpg).\n"
    assert render(text).html == ('<p>Tonton <a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="noopener">'
                                 'videonya</a> dan <img src="/images/a.jpg" alt="foto" loading="lazy" '
                                 'decoding="async">.</p>\n')


REMOVED_IFRAME = ("warning: <iframe> removed with everything inside: a digest's pages and feeds keep no embeds, "
                  "scripts, styles, form fields or inline SVG; link to what it shows instead")


def test_a_bad_video_id_or_a_page_that_is_no_video_is_a_warning_at_its_line_and_other_iframes_are_removed(tmp_path: Path) -> None:
    body = ("Satu.\n\n![Keynote](https://www.youtube.com/watch?v=abc)\n\n"
            '<iframe src="https://player.vimeo.com/video/abc"></iframe>\n\n'
            '<iframe src="https://maps.example/peta"></iframe>\n\n'
            "![T](https://www.youtube.com/watch?v=videoseries)\n\n"
            '<iframe src="https://www.youtube.com/embed/videoseries?list=a%20b"></iframe>\n\n'
            f"![Kanal](https://www.youtube.com/@kompastv)\n\n![Gambar](https://img.youtube.com/vi/{YT}/0.jpg)\n")
    make_project(tmp_path, {"a.md": article(body=body)})
    result = build_project(tmp_path)
    assert [str(p) for p in result.warnings] == [
        "content/a.md:7: warning: video https://www.youtube.com/watch?v=abc: 'abc' is not a YouTube video id (11 "
        "letters, digits, '-' or '_'); copy the address again from the video's Share button",
        f"content/a.md:9: {REMOVED_IFRAME}",
        "content/a.md:9: warning: video https://player.vimeo.com/video/abc: 'abc' is not a Vimeo video number "
        "(digits, and for an unlisted video a '/' and its key); copy the address again from the video's Share button",
        f"content/a.md:11: {REMOVED_IFRAME}",
        "content/a.md:13: warning: video https://www.youtube.com/watch?v=videoseries: a YouTube playlist without its "
        "'list=' (the playlist's id); copy the address again from the playlist's Share button",
        f"content/a.md:15: {REMOVED_IFRAME}",
        "content/a.md:15: warning: video https://www.youtube.com/embed/videoseries?list=a%20b: 'a b' is not a YouTube "
        "playlist id (letters, digits, '-' or '_'); copy the address again from the playlist's Share button",
        "content/a.md:17: warning: video https://www.youtube.com/@kompastv: no video or playlist at this address, and "
        "it is no picture; write a video's page (https://www.youtube.com/watch?v=ID, https://vimeo.com/ID) or a "
        "playlist's (https://www.youtube.com/playlist?list=ID), or link to it: [Title](address)"]
    page = result.output.files["2025/06/a/index.html"].decode()
    assert "iframe" not in page and "maps.example" not in page and "embed.js" not in page
    assert '<a href="https://www.youtube.com/watch?v=abc" rel="noopener">Keynote</a>' in page
    assert "embed-card" not in page and '<a href="https://www.youtube.com/@kompastv" rel="noopener">Kanal</a>' in page
    assert f'<img src="https://img.youtube.com/vi/{YT}/0.jpg" alt="Gambar"' in page


FEEDS_FULL = "title: Test Digest\nbase_url: https://example.org/\nlanguage: en\n"


def test_the_article_page_links_the_card_files_and_feeds_and_email_carry_a_plain_link(tmp_path: Path) -> None:
    body = f"Intro.\n\n![Keynote & demo](https://youtu.be/{YT}?t=90)\n"
    make_project(tmp_path, {"a.md": article(body=body), "b.md": article(title="Lain", body="Tanpa video.\n")},
                 config=FEEDS_FULL)
    write_files(tmp_path, {"content/weekly/2025-W24.md": f"---\ntitle: Catatan\n---\n![Keynote](https://youtu.be/{YT})\n"})
    files = build_project(tmp_path).output.files
    page = files["2025/06/a/index.html"].decode()
    assert '<div class="body">\n<link rel="stylesheet" href="/embed.css">\n<script src="/embed.js" defer></script>\n' \
        in page and CARD_EN.format(title="Keynote &amp; demo", start="&amp;t=90") in page
    assert "embed" not in files["2025/06/b/index.html"].decode() and "youtube" not in page.split("<main")[0]
    assert "embed.js" in files and "embed.css" in files
    link = f'<p><a href="https://www.youtube.com/watch?v={YT}&amp;t=90">▶ Keynote &amp; demo (YouTube)</a></p>'
    item = json.loads(files["feed.json"])["items"]
    assert [link in i["content_html"] for i in item] == [True, False] or [link in i["content_html"] for i in item] \
        == [False, True]
    rss = files["feed.xml"].decode()
    assert "<iframe" not in rss and "embed-card" not in rss and link in rss
    email = lxml.html.document_fromstring(files["weekly/2025-W24/email.html"])
    assert [(a.get("href"), a.text_content()) for a in email.xpath("//div[@class='note']//a")] == [
        (f"https://www.youtube.com/watch?v={YT}", "▶ Keynote (YouTube)")]
    assert "embed-card" not in files["weekly/2025-W24/email.html"].decode()
    assert f"▶ Keynote (YouTube) (https://www.youtube.com/watch?v={YT})" in files["weekly/2025-W24/email.txt"].decode()


def test_hugo_video_shortcodes_become_the_image_of_the_videos_page(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    body = (f"{{{{< youtube {YT} >}}}}\n\n{{{{< youtube id=\"{YT}\" title=\"Keynote [2025]\" start=\"90\" >}}}}\n\n"
            "{{< vimeo 76979871 >}}\n")
    write_files(tmp_path / "src", {"hugo.toml": 'title = "T"\n',
                                   "content/posts/a.md": f"---\ntitle: A\ndate: 2024-02-01\n---\n{body}"})
    assert main(["import", "hugo", str(tmp_path / "src"), "--out", str(tmp_path / "new"), "-q"]) == 0
    capsys.readouterr()
    assert (tmp_path / "new/content/2024/02/a.md").read_text().endswith(
        f"![Video YouTube](https://www.youtube.com/watch?v={YT})\n\n"
        f"![Keynote \\[2025\\]](https://www.youtube.com/watch?v={YT}&t=90)\n\n"
        "![Video Vimeo](https://vimeo.com/76979871)\n")
    assert "shortcodes" not in (tmp_path / "new/import-report.txt").read_text()


def test_hugo_video_titles_are_escaped_for_markdown_and_lose_only_their_quotes(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An attacker's report: a shortcode's title went into the image's alt text as it was, so Markdown read it:
    'The <video> element & *more*' made a card reading 'The element & more', and 'C:\\dir\\' escaped the closing
    bracket, so the page showed the literal '![C:\\dir](…)', no card and no warning; a raw (backquoted) title lost its
    inner quotes at its ends (`He said "hi"` read 'He said "hi'). Each card now shows its title as written."""
    titles = ['The <video> element & *more*', 'C:\\dir\\', 'snake_case [1] `code` ~x~ &amp; !']
    body = "".join(f'{{{{< youtube id="{YT}" title="{title}" >}}}}\n\n' for title in titles) + (
        f'{{{{< youtube id=`{YT}` title=`He said "hi"` start="9" >}}}}\n')
    write_files(tmp_path / "src", {"hugo.toml": 'title = "T"\n',
                                   "content/posts/a.md": f"---\ntitle: A\ndate: 2024-02-01\n---\n{body}"})
    assert main(["import", "hugo", str(tmp_path / "src"), "--out", str(tmp_path / "new"), "-q"]) == 0
    capsys.readouterr()
    page = f"](https://www.youtube.com/watch?v={YT})\n\n"
    assert (tmp_path / "new/content/2024/02/a.md").read_text().endswith(
        "![The \\<video\\> element \\& \\*more\\*" + page + "![C:\\\\dir\\\\" + page
        + "![snake\\_case \\[1\\] \\`code\\` \\~x\\~ \\&amp; \\!" + page
        + f'![He said "hi"](https://www.youtube.com/watch?v={YT}&t=9)\n')
    result = build_project(tmp_path / "new")
    html = lxml.html.document_fromstring(result.output.files["2024/02/a/index.html"])
    assert html.xpath("//span[@class='embed-title']/text()") == [*titles, 'He said "hi"']
    assert not [w for w in result.warnings if "a.md" in str(w)], result.warnings


def test_an_iframe_written_in_another_tags_attribute_is_its_text_and_no_card() -> None:
    """An iframe in a div's title became a card inside the title, whose quotes ended it: the title's text became
    the div's class, id and lang (class="skip-link" id="hijack"), or the card broke the div; and the sanitiser was
    said to remove an iframe."""
    quoted = (f"<div title='Contoh <iframe src=\"https://www.youtube.com/embed/{YT}\" title=\"x&#39; class=&#39;"
              "skip-link&#39; id=&#39;hijack&#39; lang=&#39;ar&#39; onmouseover=&#39;document.title=1\"></iframe> "
              "akhir'>Teks</div>\n")
    rendered = render(quoted)
    assert rendered.html == (
        f'<div title="Contoh &lt;iframe src=&quot;https://www.youtube.com/embed/{YT}&quot; title=&quot;x\' '
        "class='skip-link' id='hijack' lang='ar' onmouseover='document.title=1&quot;&gt;&lt;/iframe&gt; akhir\">"
        "Teks</div>\n")
    assert rendered.dropped == () and rendered.videos == ()
    assert render(f"<div title=\"Kode: <iframe src='https://www.youtube.com/embed/{YT}' title='x'></iframe>\">Teks"
                  "</div>\n").html == (f'<div title="Kode: &lt;iframe src=\'https://www.youtube.com/embed/{YT}\' '
                                       "title='x'&gt;&lt;/iframe&gt;\">Teks</div>\n")


def test_an_iframes_src_and_title_are_its_own_attributes_not_text_in_another_ones_value(tmp_path: Path) -> None:
    """' src="…youtube…"' in a data- value made a card of a player from evil.example; ' title="Fake"' named it."""
    body = (f"Satu.\n\n<iframe data-x=' src=\"https://www.youtube.com/embed/{YT}\"' src=\"https://evil.example/player\" "
            'title="Clip"></iframe>\n\n'
            f"<iframe data-note=' title=\"Fake title\"' src=\"https://www.youtube.com/embed/{YT}\" title=\"Real title\" "
            f"title=\"Second\"></iframe>\n")
    make_project(tmp_path, {"a.md": article(body=body)}, config=FEEDS_FULL)
    result = build_project(tmp_path)
    assert [str(p) for p in result.warnings] == [
        "content/a.md:7: warning: <iframe> removed with everything inside: a digest's pages and feeds keep no "
        "embeds, scripts, styles, form fields or inline SVG; link to what it shows instead"]
    page = result.output.files["2025/06/a/index.html"].decode()
    assert "evil.example" not in page and "Fake" not in page and page.count("embed-card") == 1
    assert CARD_EN.format(title="Real title", start="") in page


def test_a_cards_title_and_rel_are_escaped_with_their_quotes() -> None:
    from generator.load.embeds import Video, card
    assert card(Video("youtube", YT), "Say \"hi\" & 'bye'", "en", 'noopener" x="1') == (
        f'<figure class="embed youtube"><a class="embed-card" href="https://www.youtube.com/watch?v={YT}" '
        'rel="noopener&quot; x=&quot;1"><span class="embed-title" dir="auto">Say &quot;hi&quot; &amp; &#x27;bye&#x27;</span> '
        '<span class="embed-host">Watch on YouTube</span></a></figure>')


def test_a_right_to_left_override_in_a_video_title_is_isolated_so_the_host_after_it_keeps_its_order(
        tmp_path: Path) -> None:
    """'Klip \u202eEVIL' ran its override on over ' (YouTube)' in a line of text, the feeds and the e-mail."""
    assert render(f"Lihat ![Klip \u202eEVIL](https://youtu.be/{YT}) dulu.\n").html == (
        f'<p>Lihat <a href="https://www.youtube.com/watch?v={YT}" rel="noopener">▶ \u2068Klip \u202eEVIL\u2069 '
        "(YouTube)</a> dulu.</p>\n")
    body = f"Intro.\n\n![Klip \u202eEVIL \u2069\u2067x](https://youtu.be/{YT})\n"
    make_project(tmp_path, {"a.md": article(body=body)}, config=FEEDS_FULL)
    write_files(tmp_path, {"content/weekly/2025-W24.md": f"---\ntitle: Catatan\n---\n![Klip \u202eEVIL](https://youtu.be/{YT})\n"})
    files = build_project(tmp_path).output.files
    link = f'<p><a href="https://www.youtube.com/watch?v={YT}">▶ \u2068Klip \u202eEVIL \u2067x\u2069\u2069 (YouTube)</a></p>'
    assert link in json.loads(files["feed.json"])["items"][-1]["content_html"]
    assert f"▶ \u2068Klip \u202eEVIL\u2069 (YouTube) (https://www.youtube.com/watch?v={YT})" in \
        files["weekly/2025-W24/email.txt"].decode()


def test_a_marked_section_before_a_player_is_a_comment_to_its_first_bracket_as_in_browsers() -> None:
    """html.parser, reading the block's tags, raised an AssertionError at '<![foo[' (a traceback for the build)."""
    player = f'<iframe src="https://www.youtube.com/embed/{YT}" title="Klip"></iframe>'
    assert render(f"<div>\n<![foo[ x ]]> {player}\n</div>\n", MarkdownOptions(language="en")).html == \
        "<div>\n " + CARD_EN.format(title="Klip", start="").rstrip("\n") + "\n</div>\n"
    assert render(f"<div>\n<![CDATA[ x {player}\n</div>\n").html == "<div>\n\n</div>\n"


def test_a_protocol_relative_video_address_is_a_card_as_an_https_one(tmp_path: Path) -> None:
    """'//www.youtube.com/…' (older embed code, WordPress and Hugo content) was removed as an iframe, or warned 'no
    video or playlist at this address' as an image (found by an attacker)."""
    body = (f'<iframe src="//www.youtube.com/embed/{YT}" title="Keynote"></iframe>\n\n'
            f"![Keynote](//www.youtube.com/watch?v={YT})\n\nTeks.\n")
    make_project(tmp_path, {"a.md": article(body=body)}, config=FEEDS_FULL)
    result = build_project(tmp_path)
    assert [str(p) for p in result.warnings] == []
    page = result.output.files["2025/06/a/index.html"].decode()
    assert page.count(CARD_EN.format(title="Keynote", start="")) == 2 and "iframe" not in page
    make_project(tmp_path, {"a.md": article(body=f"![Keynote](//youtu.be/{YT})\n")}, config=FEEDS_FULL)
    assert CARD_EN.format(title="Keynote", start="") in build_project(tmp_path).output.files[
        "2025/06/a/index.html"].decode()


def test_a_player_alone_in_a_paragraph_as_wordpress_exports_it_is_a_card_without_empty_paragraphs() -> None:
    """'<p><iframe …></iframe></p>' gave '<p></p><figure …>…</figure><p></p>': a <p> cannot hold a figure."""
    card = CARD_EN.format(title="In p", start="")
    iframe = f'<iframe src="https://www.youtube.com/embed/{YT}" title="In p"></iframe>'
    assert render(f"<p>{iframe}</p>\n", MarkdownOptions(language="en")).html == card
    assert render(f'<p class="wp">\n  {iframe}\n</p>\n<p>Teks.</p>\n', MarkdownOptions(language="en")).html == (
        card.rstrip("\n") + "\n<p>Teks.</p>\n")
    kept = render(f'<div title="<p>">{iframe}</div>\n', MarkdownOptions(language="en")).html
    assert kept.startswith('<div title="&lt;p&gt;"><figure class="embed youtube">'), kept


def test_a_tag_written_in_another_tags_attribute_is_its_text_for_every_raw_html_check(tmp_path: Path) -> None:
    """'<div title="Kode: <iframe src=x>">' got '</iframe>' added inside its title; an '<img src=…>' there was cut
    out of it with a warning, and a '<source>' there was warned as a source the sanitiser removes (found by an
    attacker)."""
    body = ('<div title="Kode: <iframe src=x>">Satu</div>\n\n'
            '<div title="Kode: <img src=foto.png>">Dua</div>\n\n'
            '<video src="https://e.example/a.mp4" controls><span title="<source src=https://e.example/b.mp4>">'
            "Tiga</span></video>\n")
    make_project(tmp_path, {"a.md": article(body=body)}, config=FEEDS_FULL)
    result = build_project(tmp_path)
    assert [str(p) for p in result.warnings] == []
    page = result.output.files["2025/06/a/index.html"].decode()
    assert '<div title="Kode: &lt;iframe src=x&gt;">Satu</div>' in page
    assert '<div title="Kode: &lt;img src=foto.png&gt;">Dua</div>' in page
    assert '<span title="&lt;source src=https://e.example/b.mp4&gt;">Tiga</span>' in page


@pytest.mark.parametrize(("address", "href"), [
    ("https://vimeo.com/channels/staffpicks/76979871", "https://vimeo.com/76979871"),
    ("https://vimeo.com/groups/dokumenter/videos/76979871", "https://vimeo.com/76979871"),
    ("https://vimeo.com/showcase/1234/video/76979871/", "https://vimeo.com/76979871"),
    ("https://player.vimeo.com/video/76979871?h=8272103f6e&badge=0", "https://vimeo.com/76979871/8272103f6e"),
])
def test_a_vimeo_video_found_in_a_channel_group_or_showcase_is_a_card(tmp_path: Path, address: str,
                                                                      href: str) -> None:
    """'vimeo.com/channels/staffpicks/ID', the address Vimeo shows for a video found in a channel, was warned
    ''channels/staffpicks' is not a Vimeo video number' and left a plain link."""
    make_project(tmp_path, {"a.md": article(body=f"![Wawancara]({address})\n")}, config=FEEDS_FULL)
    result = build_project(tmp_path)
    assert [str(p) for p in result.warnings] == []
    assert (f'<figure class="embed vimeo"><a class="embed-card" href="{href}" rel="noopener"><span class="embed-title" dir="auto"'
            '>Wawancara</span>') in result.output.files["2025/06/a/index.html"].decode()


def test_a_pasted_player_without_a_title_is_a_warning_at_its_line_in_build_and_check(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An <iframe> with no title gave a card that said 'YouTube video' (and a player without a name for screen
    readers) without a word."""
    body = (f'Satu.\n\n<div class="video">\n<iframe width="560"\n  src="https://www.youtube.com/embed/{YT}" '
            'allowfullscreen></iframe>\n</div>\n\n<iframe src="https://player.vimeo.com/video/76979871" title=" ">'
            "</iframe>\n")
    make_project(tmp_path, {"a.md": article(body=body)}, config=FEEDS_FULL)
    said = 'warning: <iframe> has no title: add title="…" so the card and screen readers can name the video'
    config = str(tmp_path / "config.yaml")
    assert main(["build", "--config", config]) == 0
    assert capsys.readouterr().err.splitlines() == [f"content/a.md:8: {said}", f"content/a.md:12: {said}"]
    assert main(["check", "--config", config]) == 0
    assert capsys.readouterr().out.splitlines()[:2] == [f"content/a.md:8: {said}", f"content/a.md:12: {said}"]
    assert '<span class="embed-title" dir="auto">YouTube video</span>' in (tmp_path / "site/2025/06/a/index.html").read_text()


def _language(element: lxml.html.HtmlElement) -> str:
    """The language a screen reader reads an element's text in: its nearest ``lang``."""
    return next(e.get("lang") for e in element.iterancestors() if e.get("lang")) if element.get("lang") is None \
        else element.get("lang")


def test_a_cards_own_words_in_an_article_in_another_language_say_they_are_the_sites(tmp_path: Path) -> None:
    """In an English article (lang: en) of an Indonesian site, 'Tonton di YouTube' and 'Video YouTube' had no lang, so
    a screen reader read them as English; the theme's other words there ('Baca artikel selengkapnya di …') say
    lang="id". The video's title is the article's."""
    body = f"![Keynote](https://youtu.be/{YT})\n\n![](https://vimeo.com/76979871)\n"
    make_project(tmp_path, {"a.md": article(body=body, lang="en"), "b.md": article(title="B", body=body)})
    files = build_project(tmp_path).output.files
    page = lxml.html.document_fromstring(files["2025/06/a/index.html"])
    cards = page.xpath("//a[@class='embed-card']")
    assert [(_language(span), span.text_content()) for card in cards for span in card] == [
        ("en", "Keynote"), ("id", "Tonton di YouTube"), ("id", "Video Vimeo"), ("id", "Tonton di Vimeo")]
    assert "lang=" not in "".join(lxml.html.tostring(card, encoding="unicode") for card in lxml.html.document_fromstring(
        files["2025/06/b/index.html"]).xpath("//a[@class='embed-card']"))


def test_a_player_amid_a_paragraphs_text_is_a_card_between_two_paragraphs_and_text_left_beside_one_a_warning(
        tmp_path: Path) -> None:
    """A pasted player amid the text of a <p> (WordPress: '<p>Simak <iframe …></iframe> berikut.</p>') split it:
    '<p>Simak </p><figure …>…</figure> berikut.<p></p>', the text after the card in no paragraph and an empty one
    after it. The <p> is closed before the card and opened again after it, where it has text. A player written under a
    line of text in Markdown, with text on the next line, makes the text after it raw HTML in no paragraph (its
    Markdown unread): a warning at the player's line."""
    from test_content import nu_errors
    iframe = f'<iframe src="https://www.youtube.com/embed/{YT}" title="Klip"></iframe>'
    card = CARD_EN.format(title="Klip", start="").rstrip("\n")
    body = (f'<p class="wp">Simak {iframe} berikut.</p>\n\n<p>Lalu {iframe}</p>\n\n'
            f"Teks sebelum\n{iframe}\nteks *sesudah*.\n")
    make_project(tmp_path, {"a.md": article(body=body)}, config=FEEDS_FULL)
    result = build_project(tmp_path)
    assert [str(p) for p in result.warnings] == [
        "content/a.md:10: warning: this video player has text beside it in its HTML block, outside any paragraph: its "
        "card is a block of its own, so that text shows in no paragraph, its Markdown unread; put a blank line between "
        "the <iframe>…</iframe> and the text"]
    page = result.output.files["2025/06/a/index.html"].decode()
    assert (f'<p class="wp">Simak </p>{card}<p class="wp"> berikut.</p>\n<p>Lalu </p>{card}\n<p>Teks sebelum</p>\n'
            f"{card}\nteks *sesudah*.\n") in page
    assert nu_errors(tmp_path, page) == ""


@pytest.mark.parametrize("before, beside", [
    ('<!-- dulu: <div> -->\n', True), ('<p title="Kode: <div>">Teks</p>\n', True), ("<div>\n", False),
    ('<div title="Kode: </div>">\n', False)], ids=["comment", "value", "div", "div with a value"])
def test_a_tag_in_a_comment_or_a_quoted_value_before_a_player_with_text_beside_it_holds_it_not(
        tmp_path: Path, before: str, beside: bool) -> None:
    """Whether a player with text beside it is outside every element of its HTML block is read on the tags as browsers
    read them (``sanitize.tags_read``): a '<div>' in a comment or a quoted value before it holds it not."""
    iframe = f'<iframe src="https://www.youtube.com/embed/{YT}" title="Klip"></iframe>'
    make_project(tmp_path, {"a.md": article(body=f"{before}{iframe} teks sesudah\n"
                                                  + ("" if beside else "</div>\n"))})
    said = [str(p) for p in build_project(tmp_path).warnings]
    assert said == (["content/a.md:6: warning: this video player has text beside it in its HTML block, outside any "
                     "paragraph: its card is a block of its own, so that text shows in no paragraph, its Markdown "
                     "unread; put a blank line between the <iframe>…</iframe> and the text"] if beside else [])


def test_a_space_written_as_an_entity_beside_a_player_is_no_text_beside_it(tmp_path: Path) -> None:
    """`<iframe …></iframe>&nbsp;` was told 'this video player has text beside it in its HTML block': an entity of
    white space is no text (found by an attacker)."""
    iframe = f'<iframe src="https://www.youtube.com/embed/{YT}" title="Klip"></iframe>'
    warnings, page = _built(tmp_path, f"Satu.\n\n{iframe}&nbsp;\n")
    assert warnings == [] and page.count('class="embed-card"') == 1


def test_a_player_pasted_in_a_line_of_text_is_a_link_as_a_video_image_there_is(tmp_path: Path) -> None:
    """'Lihat <iframe …></iframe> dulu.' (a player pasted amid a sentence) was removed, with a warning that pages
    keep no embeds: the video was lost. Where no card's block can stand, it is a link, '▶ Klip (YouTube)'."""
    iframe = f'<iframe src="https://www.youtube.com/embed/{YT}?start=90" title="Klip"></iframe>'
    body = f"Satu.\n\nLihat {iframe} dulu.\n"
    make_project(tmp_path, {"a.md": article(body=body)}, config=FEEDS_FULL)
    result = build_project(tmp_path)
    assert [str(p) for p in result.warnings] == []
    assert (f'<p>Lihat <a href="https://www.youtube.com/watch?v={YT}&amp;t=90" rel="noopener">▶ Klip (YouTube)</a> '
            "dulu.</p>") in result.output.files["2025/06/a/index.html"].decode()


def test_a_video_without_a_title_in_an_article_in_another_language_keeps_its_lang_in_feeds_and_email(
        tmp_path: Path) -> None:
    """'▶ Video YouTube (YouTube)' in the feed of an English article of an Indonesian site was read as English."""
    body = f"Intro.\n\n![](https://youtu.be/{YT})\n"
    make_project(tmp_path, {"a.md": article(body=body, lang="en")})
    write_files(tmp_path, {"content/weekly/2025-W24.md": f"---\ntitle: Catatan\nlang: en\n---\n![](https://youtu.be/{YT})\n"})
    files = build_project(tmp_path).output.files
    link = f'<p><a href="https://www.youtube.com/watch?v={YT}">▶ <span lang="id">Video YouTube</span> (YouTube)</a></p>'
    assert link in json.loads(files["feed.json"])["items"][0]["content_html"]
    email = lxml.html.document_fromstring(files["weekly/2025-W24/email.html"])
    assert [(_language(s), s.text) for s in email.xpath("//div[@class='note']//a/span")] == [("id", "Video YouTube")]
    text = files["weekly/2025-W24/email.txt"].decode()
    assert f"▶ Video YouTube (YouTube)\n(https://www.youtube.com/watch?v={YT})" in text and "span" not in text


def test_a_player_whose_title_is_only_invisible_characters_has_no_title(tmp_path: Path) -> None:
    """title="&#8203;" (a zero-width space) gave a card with an empty title, and no warning."""
    body = f'<iframe src="https://www.youtube.com/embed/{YT}" title="&#8203;"></iframe>\n'
    make_project(tmp_path, {"a.md": article(body=body)}, config=FEEDS_FULL)
    result = build_project(tmp_path)
    assert [str(p) for p in result.warnings] == [
        'content/a.md:5: warning: <iframe> has no title: add title="…" so the card and screen readers can name the video']
    assert '<span class="embed-title" dir="auto">YouTube video</span>' in result.output.files[
        "2025/06/a/index.html"].decode()


def _valid_page(tmp_path: Path, body: str) -> str:
    """The article page of ``body``, built without a warning and valid HTML by the Nu checker."""
    from test_content import nu_errors
    make_project(tmp_path, {"a.md": article(body=body)}, config=FEEDS_FULL)
    result = build_project(tmp_path)
    assert [str(p) for p in result.warnings] == []
    page = result.output.files["2025/06/a/index.html"].decode()
    assert nu_errors(tmp_path, page) == ""
    return page


def test_a_paragraph_around_a_player_is_ended_by_its_own_tags_not_by_a_comment_or_a_value_and_keeps_its_attributes(
        tmp_path: Path) -> None:
    """'<p>Simak <!-- </p> --> <iframe …></iframe> berikut.</p>' (or a '<div>' in a title) left 'berikut.' in no
    paragraph and an empty <p> after it: a '</p>' in a comment, or a '<div>' in a value, was read as ending the
    paragraph. The paragraph opened again after the card lost its lang and class whenever it had an id."""
    iframe = f'<iframe src="https://www.youtube.com/embed/{YT}" title="Klip"></iframe>'
    card = CARD_EN.format(title="Klip", start="").rstrip("\n")
    body = (f"<p>Simak <!-- </p> --> {iframe} berikut.</p>\n\n"
            f'<p>Simak <span title="<div>">x</span> {iframe} berikut.</p>\n\n'
            f'<p id="q" lang="id" class="wp">Simak {iframe} berikut.</p>\n')
    assert (f"<p>Simak  </p>{card}<p> berikut.</p>\n"
            f'<p>Simak <span title="&lt;div&gt;">x</span> </p>{card}<p> berikut.</p>\n'
            f'<p id="q" lang="id" class="wp">Simak </p>{card}<p lang="id" class="wp"> berikut.</p>\n') in _valid_page(tmp_path, body)


PLAYER_IN_LINK = ("this player is inside an <a>, and a link cannot hold its card or its link (the <a> would end there), "
                  "so it was left out; move the <iframe>…</iframe> out of the <a>, after its </a>")


def test_a_video_alone_between_a_raw_p_and_its_end_tag_leaves_no_empty_paragraph(tmp_path: Path) -> None:
    """A video's image (or a player) written alone between '<p>' and '</p>', with blank lines around it, left
    '<p>\n</p>' before its card and '<p></p>' after it: the card's <figure> ends the <p>, and the '</p>' after it
    makes an empty paragraph, as in browsers. The <p> that holds nothing is left out, and so is that '</p>'."""
    card = CARD_EN.format(title="Peluncuran", start="").rstrip("\n")
    iframe = f'<iframe src="https://www.youtube.com/embed/{YT}" title="Peluncuran"></iframe>'
    body = (f"<p>\n\n![Peluncuran](https://youtu.be/{YT})\n\n</p>\n\n<p>\n\n{iframe}\n\n</p>\n\n"
            f"<p>Teks\n\n![Peluncuran](https://youtu.be/{YT})\n\n</p>\n\n"
            f'<div><p id="x">\n\n![Peluncuran](https://youtu.be/{YT})\n\n</p></div>\n\nAkhir.\n')
    warnings, page = _built(tmp_path, body)
    assert warnings == []
    assert f'{card}\n\n\n{card}\n\n<p>Teks\n</p>{card}\n\n<div><p id="x">\n</p>{card}\n</div>\n<p>Akhir.</p>' in page
    assert "<p></p>" not in page and "<p>\n</p>" not in page


def test_a_player_inside_a_raw_link_is_left_out_with_a_warning_naming_the_iframe_and_its_address(tmp_path: Path) -> None:
    """A player in a raw <a> in a line of text was made a link that ended the <a>: 'lagi' after it lost its link,
    without a word; in an HTML block (<div><a …><iframe …></iframe></a></div>) the warning named the generator's own
    card markup (move <a class="embed-card" …> out of the card), which the editor never wrote (found by an attacker)."""
    iframe = f'<iframe src="https://www.youtube.com/embed/{YT}" title="Klip"></iframe>'
    body = (f'Satu.\n\nTeks <a href="https://x.org/">Baca {iframe} lagi</a> akhir.\n\n'
            f'<div><a href="https://x.org/">{iframe}</a></div>\n')
    make_project(tmp_path, {"a.md": article(body=body)}, config=FEEDS_FULL)
    result = build_project(tmp_path)
    said = f"warning: video https://www.youtube.com/embed/{YT}: {PLAYER_IN_LINK}"
    assert [str(p) for p in result.warnings] == [f"content/a.md:7: {said}", f"content/a.md:9: {said}"]
    page = result.output.files["2025/06/a/index.html"].decode()
    assert ('<p>Teks <a href="https://x.org/" rel="noopener">Baca  lagi</a> akhir.</p>\n'
            '<div><a href="https://x.org/" rel="noopener"></a></div>') in page
    assert "embed-card" not in page


def test_a_player_or_video_in_an_anchor_without_href_is_shown_as_browsers_show_it(tmp_path: Path) -> None:
    """<a name="x"> (or <a id="x">) around a player or a video's image holds no link, yet the video was left out with
    'this player is inside an <a> … a link cannot hold its card'. Browsers end the anchor at the card's or the link's
    own <a>: the video is shown, its card or link after the (empty) anchor, and no warning."""
    iframe = f'<iframe src="https://www.youtube.com/embed/{YT}" title="Klip"></iframe>'
    link = f'<a href="https://www.youtube.com/watch?v={YT}" rel="noopener">▶ Klip (YouTube)</a>'
    body = (f'Teks <a name="x">{iframe}</a> akhir.\n\n<div><a id="y">{iframe}</a></div>\n\n'
            f'Lihat <a name="z">![Klip](https://youtu.be/{YT})</a> lagi.\n\nBaca <a id="w">[teks](https://example.org/)</a>.\n')
    warnings, page = _built(tmp_path, body)
    assert warnings == []
    assert (f'<p>Teks <a id="x"></a>{link} akhir.</p>\n'
            f'<div><a id="y"></a>{CARD_EN.format(title="Klip", start="").rstrip()}</div>\n'
            f'<p>Lihat <a id="z"></a>{link} lagi.</p>\n'
            '<p>Baca <a id="w"></a><a href="https://example.org/" rel="noopener">teks</a>.</p>') in page


def test_a_player_on_its_own_line_after_a_text_tag_never_closed_is_a_card_and_the_tag_a_warning(tmp_path: Path) -> None:
    """'<div><b>Catatan' (or '<span>') never closed, then a player on its own line, made the player an in-line link
    inside the <b>: browsers show the player's block there, a card. The tag is closed before the card, and told at
    its line as a tag never closed is; a player inside a <b> its </b> closes is still a link in that text."""
    iframe = f'<iframe src="https://www.youtube.com/embed/{YT}" title="Klip"></iframe>'
    card = CARD_EN.format(title="Klip", start="").rstrip()
    link = f'<a href="https://www.youtube.com/watch?v={YT}" rel="noopener">▶ Klip (YouTube)</a>'
    body = (f"Satu.\n\n<div><b>Catatan\n{iframe}\n</div>\n\n<span>\n{iframe}\n\n<p><b>Catatan\n{iframe}\n</p>\n\n"
            f"<div><b>Tebal {iframe} lagi</b></div>\n")
    warnings, page = _built(tmp_path, body)
    assert warnings == [f"content/a.md:{line}: warning: <{tag}> is never closed, so it was closed where its paragraph "
                        f"ends (left open, it took in the rest of the article); write </{tag}> where it should end"
                        for tag, line in (("b", 7), ("span", 11), ("b", 14))]
    assert (f"<div><b>Catatan\n</b>{card}\n</div>\n<span>\n</span>{card}\n<p><b>Catatan\n</b></p>{card}\n"
            f"<div><b>Tebal {link} lagi</b></div>") in page


def test_a_video_or_a_link_inside_a_raw_link_closed_in_its_line_is_told_to_move_after_its_end(tmp_path: Path) -> None:
    """A video's image or a Markdown link inside a raw <a> that its </a> closes (`digest import hugo` writes one from
    `<a href=…>Baca {{< youtube ID >}} lagi</a>`) was told '<a> is never closed … write </a>', though it is: the link
    ended the <a>, and 'lagi' lost its link. The video is left out, the link shown as its text, each told to move
    after the </a>, as a player there is; a player inside a Markdown link was told 'pages keep no embeds' (found by
    an attacker)."""
    iframe = f'<iframe src="https://www.youtube.com/embed/{YT}" title="V"></iframe>'
    body = (f'Satu.\n\nTeks <a href="https://example.com/">Baca ![Video YouTube](https://www.youtube.com/watch?v={YT}) '
            'lagi</a> akhir.\n\nTeks <a href="https://example.com/">Baca [teks](https://example.org/) lagi</a> '
            f'akhir.\n\n[Baca {iframe} lagi](https://example.com/) akhir.\n')
    warnings, page = _built(tmp_path, body)
    assert warnings == [
        f"content/a.md:7: warning: video https://www.youtube.com/watch?v={YT}: this video is inside an <a>, and a link "
        "cannot hold its card or its link (the <a> would end there), so it was left out; move ![Video YouTube]"
        f"(https://www.youtube.com/watch?v={YT}) out of the <a>, after its </a>",
        "content/a.md:9: warning: link 'teks' shown as plain text: it is inside an <a>, and a link inside a link is "
        "invalid HTML (the <a> would end there); move [teks](https://example.org/) out of the <a>, after its </a>",
        f"content/a.md:11: warning: video https://www.youtube.com/embed/{YT}: this player is inside a link, and a link "
        "cannot hold its card or its link (the link would end there), so it was left out; move the <iframe>…</iframe> "
        "out of the link, after its ](https://example.com/)"]
    assert ('<p>Teks <a href="https://example.com/" rel="noopener">Baca  lagi</a> akhir.</p>\n'
            '<p>Teks <a href="https://example.com/" rel="noopener">Baca teks lagi</a> akhir.</p>\n'
            '<p><a href="https://example.com/" rel="noopener">Baca  lagi</a> akhir.</p>') in page



def test_a_player_in_an_element_that_holds_only_text_is_a_link_as_in_a_line_of_text(tmp_path: Path) -> None:
    """A player in an <h2>, a <summary> or a <pre> of an HTML block was a card's <figure> there, invalid HTML; one in a
    <span> was told '<span> left out … it holds a <figure>', a tag the editor never wrote (found by an attacker)."""
    iframe = f'<iframe src="https://www.youtube.com/embed/{YT}" title="Klip"></iframe>'
    link = f'<a href="https://www.youtube.com/watch?v={YT}" rel="noopener">▶ Klip (YouTube)</a>'
    body = (f"<h2>Judul {iframe}</h2>\n\n<details><summary>Lihat {iframe}</summary>\n<p>Isi.</p>\n</details>\n\n"
            f"<pre>kode {iframe}</pre>\n\n<div><span>{iframe}</span></div>\n\n"
            '<div><span><iframe src="https://player.vimeo.com/video/76979871" title="Wawancara"></iframe></span>'
            '<script src="https://player.vimeo.com/api/player.js"></script></div>\n')
    page = _valid_page(tmp_path, body)
    assert (f"<h2>Judul {link}</h2>\n<details><summary>Lihat {link}</summary>\n<p>Isi.</p>\n</details>\n"
            f'<pre tabindex="0">kode {link}</pre>\n<div><span>{link}</span></div>\n'
            '<div><span><a href="https://vimeo.com/76979871" rel="noopener">▶ Wawancara (Vimeo)</a></span></div>') in page
    assert "<figure" not in page


def test_text_beside_a_player_after_a_tag_or_a_comment_is_a_warning_too(tmp_path: Path) -> None:
    """Text beside a player after a tag ('<b>Catatan:</b> teks *sesudah*.') or a comment, on the line after it, was
    in no paragraph, its Markdown unread, without a word: only the text up to the next '<' was read."""
    iframe = f'<iframe src="https://www.youtube.com/embed/{YT}" title="Klip"></iframe>'
    body = (f"Satu.\n\n{iframe}\n<b>Catatan:</b> teks *sesudah*.\n\n{iframe}\n<!-- c --> teks *sesudah*.\n\n"
            f"<div>{iframe}</div>\n<p>Teks.</p>\n")
    make_project(tmp_path, {"a.md": article(body=body)}, config=FEEDS_FULL)
    said = ("warning: this video player has text beside it in its HTML block, outside any paragraph: its card is a "
            "block of its own, so that text shows in no paragraph, its Markdown unread; put a blank line between the "
            "<iframe>…</iframe> and the text")
    assert [str(p) for p in build_project(tmp_path).warnings] == [f"content/a.md:7: {said}", f"content/a.md:10: {said}"]



def test_a_video_without_a_title_in_a_line_of_text_keeps_the_sites_lang_and_its_warning_says_the_link(
        tmp_path: Path) -> None:
    """In an English article of an Indonesian site, an untitled video written in a line of text, '▶ Video YouTube
    (YouTube)', had no lang (a card's says lang="id"), and the warning for a player there said "so the card" when
    the page shows a link."""
    iframe = f'<iframe src="https://www.youtube.com/embed/{YT}"></iframe>'
    body = f"Watch ![](https://youtu.be/{YT}) now.\n\nSee {iframe} here.\n\n<h2>Clip {iframe}</h2>\n"
    make_project(tmp_path, {"a.md": article(body=body, lang="en"), "b.md": article(title="B", body=body)})
    result = build_project(tmp_path)
    files = result.output.files
    said = 'warning: <iframe> has no title: add title="…" so the link and screen readers can name the video'
    assert [str(p) for p in result.warnings] == [f"content/{name}.md:{line}: {said}"
                                                 for name, line in (("a", 8), ("a", 10), ("b", 7), ("b", 9))]
    untitled = '▶ <span lang="id">Video YouTube</span> (YouTube)'
    link = f'<a href="https://www.youtube.com/watch?v={YT}" rel="noopener">{untitled}</a>'
    assert f"<p>Watch {link} now.</p>\n<p>See {link} here.</p>\n<h2>Clip {link}</h2>" in files["2025/06/a/index.html"].decode()
    page = files["2025/06/b/index.html"].decode()
    assert 'rel="noopener">▶ Video YouTube (YouTube)</a>' in page and "<span lang" not in page


KLIP_IFRAME = f'<iframe src="https://www.youtube.com/embed/{YT}" title="Klip"></iframe>'
KLIP_CARD = CARD_EN.format(title="Klip", start="").rstrip("\n")
"""A pasted player titled 'Klip', and its card without its line's end."""


def test_a_player_in_a_block_written_on_one_line_inside_an_anchor_is_a_card(tmp_path: Path) -> None:
    """'<a id="k"><div>Kartu <iframe …></iframe></div></a>' (a paragraph made an HTML block, its player whole) dropped
    the player with '<iframe> removed with everything inside': the block was made after the players were made cards,
    from the text with the <iframe> still in it. Its player is a card, after the anchor, with no warning; in an
    <a href> it is left out with the one warning that says why (found by an attacker)."""
    iframe, card = KLIP_IFRAME, KLIP_CARD
    warnings, page = _built(tmp_path, f'<a id="k"><div>Kartu {iframe}</div></a>\n\n<a name="o"><p>Kartu</p>{iframe}</a>\n')
    assert warnings == []
    assert page.count('<figure class="embed youtube">') == 2 and card.split("</a>")[0] in page
    assert '<a id="k"></a><div><a>Kartu </a><figure' in page and f'<a id="o"><p>Kartu</p></a>{card}' in page
    warnings, page = _built(tmp_path, f'<a href="https://example.org/"><div>Kartu {iframe}</div></a>\n')
    assert warnings == [f"content/a.md:5: warning: video https://www.youtube.com/embed/{YT}: " + PLAYER_IN_LINK]
    assert '<a href="https://example.org/" rel="noopener"><div>Kartu </div></a>' in page


def test_a_video_alone_in_a_raw_p_with_an_id_keeps_the_id_a_link_points_at(tmp_path: Path) -> None:
    """'<p id="dua">', a video alone, '</p>' (with blank lines, or on one line) lost the <p> with its id, so
    '[videonya](#dua)' pointed at nothing and `check --links` said so (found by an attacker). A <p> with an id
    is kept, empty, before the card; one without is still left out."""
    card, iframe = KLIP_CARD, KLIP_IFRAME
    body = (f'<p id="dua">\n\n{iframe}\n\n</p>\n\n<p id="tiga">\n\n![Klip](https://youtu.be/{YT})\n\n</p>\n\n'
            f'<p id="x">{iframe}</p>\n\n<p>{iframe}</p>\n\nLihat [dua](#dua), [tiga](#tiga) dan [x](#x).\n')
    warnings, page = _built(tmp_path, body)
    assert warnings == []
    assert (f'<p id="dua">\n</p>{card}\n\n<p id="tiga">\n</p>{card}\n\n<p id="x"></p>{card}\n{card}\n'
            '<p>Lihat <a href="#dua">dua</a>, <a href="#tiga">tiga</a> dan <a href="#x">x</a>.</p>') in page
