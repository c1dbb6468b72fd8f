"""The Markdown dialect: each rule is a golden case in tests/markdown/ (NAME.md → NAME.html), and the
sanitiser's keep/drop rules are a table here.

Regenerate the golden fragments after an intended change with
`pytest tests/test_markdown.py --update-golden` (or `make golden`) and review the diff.
"""
from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest
from hypothesis import given, settings, strategies as st

from generator.load.markdown import MarkdownOptions, render, render_markdown
from generator.load.sanitize import sanitize
from test_valid_output import unsafe_html

CASES = Path(__file__).parent / "markdown"
NO_TOC = MarkdownOptions(toc_min_headings=0)
OPTIONS = {
    "footnotes.en": (MarkdownOptions(language="en"), None),
    "toc-automatic-from-four-headings": (MarkdownOptions(), None),
    "toc-false-in-front-matter": (MarkdownOptions(), False),
    "toc-true-in-front-matter": (NO_TOC, True),
    "external-rel-nofollow-ugc": (MarkdownOptions(external_rel="noopener nofollow ugc"), None),
}
"""Cases that need other options than the defaults without an automatic table of contents: (options, toc)."""


@pytest.mark.parametrize("name", sorted(p.stem for p in CASES.glob("*.md")))
def test_golden_case(name: str, update_golden: bool) -> None:
    options, toc = OPTIONS.get(name, (NO_TOC, None))
    rendered = render((CASES / f"{name}.md").read_text(encoding="utf-8"), options, toc)
    got = rendered.html + (f"<!-- summary: {rendered.summary} -->\n" if rendered.summary is not None else "")
    expected = CASES / f"{name}.html"
    if update_golden:
        expected.write_text(got, encoding="utf-8")
    assert got == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("raw, html", [
    # kept, with their harmless attributes
    ("a<br>b", "<p>a<br>b</p>\n"),
    ("<small>s</small> <sub>1</sub> <sup>2</sup> <kbd>k</kbd> <mark>m</mark>",
     "<p><small>s</small> <sub>1</sub> <sup>2</sup> <kbd>k</kbd> <mark>m</mark></p>\n"),
    ('<abbr title="Artificial intelligence">AI</abbr>', '<p><abbr title="Artificial intelligence">AI</abbr></p>\n'),
    ("<details open>\n<summary>S</summary>\nx\n</details>", "<details open=\"\">\n<summary>S</summary>\nx\n</details>"),
    ('<img src="https://example.org/a.png" alt="A" width="10">',
     '<img src="https://example.org/a.png" alt="A" width="10" loading="lazy" decoding="async">'),
    ('<img src="/static/a.png" alt="A">', '<img src="/static/a.png" alt="A" loading="lazy" decoding="async">'),
    ('<table><tr><td align="right" style="text-align:right;color:red">1</td></tr></table>',
     '<table><tbody><tr><td style="text-align:right">1</td></tr></tbody></table>'),
    ('<a href="https://example.org/" rel="dofollow" target="_blank">x</a>',
     '<p><a href="https://example.org/" rel="noopener">x</a></p>\n'),
    ('<a href="/about/" title="t">x</a>', '<p><a href="/about/" title="t">x</a></p>\n'),
    # video and audio, as a newsroom pastes them: kept (they vanished without a word), always with controls, never
    # playing by themselves, their URLs held to the links' rules
    ('<video controls autoplay width="640" poster="https://example.org/p.jpg" onplay="x()">'
     '<source src="https://example.org/a.mp4" type="video/mp4"><track src="/a.vtt" kind="subtitles" srclang="id" '
     'default>Video</video>',
     '<p><video width="640" poster="https://example.org/p.jpg" controls=""><source src="https://example.org/a.mp4" '
     'type="video/mp4"><track src="/a.vtt" kind="subtitles" srclang="id" default="">Video</video></p>\n'),
    ('<audio src="https://example.org/p.mp3"></audio>',
     '<p><audio src="https://example.org/p.mp3" controls=""></audio></p>\n'),
    ('<audio src="javascript:alert(1)"></audio>', '<p><audio controls=""></audio></p>\n'),
    # addresses percent-encoded as a Markdown link's (a raw space was an invalid src, on pages and in feeds)
    ('<img src="/images/peta kepri.png" alt="Peta">',
     '<img src="/images/peta%20kepri.png" alt="Peta" loading="lazy" decoding="async">'),
    ('<a href="/cari/?q=a b&amp;r=é">x</a>', '<p><a href="/cari/?q=a%20b&amp;r=%C3%A9">x</a></p>\n'),
    ('<video poster="/p q.jpg"><source src="/v w.mp4"></video>',
     '<p><video poster="/p%20q.jpg" controls=""><source src="/v%20w.mp4"></video></p>\n'),
    # a <picture>'s <source> goes with it (HTML allows <source> only in a picture, video or audio); its <img> stays
    ('<picture><source srcset="/a.webp" type="image/webp"><img src="/a.png" alt="A"></picture>',
     '<p><img src="/a.png" alt="A" loading="lazy" decoding="async"></p>\n'),
    ('<p><source src="/a.mp4"><track src="/a.vtt"> <audio><source src="/b.mp3"></audio></p>',
     '<p> <audio controls=""><source src="/b.mp3"></audio></p>'),
    # an empty address plays nothing and is invalid HTML ('Bad value "" for attribute "src"'): the <source> or
    # <track> goes, as one with no src does, and an empty src or poster of a player
    ('<video controls>\n<source src="" type="video/mp4">\n<source src=" " type="video/webm">\n'
     '<source src="/v.mp4" type="video/mp4">\n<track src="" kind="captions">\n</video>',
     '<video controls="">\n\n\n<source src="/v.mp4" type="video/mp4">\n\n</video>'),
    ('<video src="" poster=""></video> <audio src=" "><source src></audio>',
     '<p><video controls=""></video> <audio controls=""></audio></p>\n'),
    # dropped with their content
    ("<script>alert(1)</script>", ""),
    ("<style>p{}</style>", ""),
    ('<iframe src="https://example.org/"></iframe>', ""),
    ('<object data="x.swf">fallback</object>', "<p></p>\n"),
    ("<svg><circle/><script>alert(1)</script></svg>", "<p></p>\n"),
    # never closed: the tag alone, not the rest of the article with it (an embed pasted in half)
    ('<iframe src="https://example.org/" allowfullscreen>\n\nSisa artikel.\n\n## Bagian',
     '\n<p>Sisa artikel.</p>\n<h2 id="bagian">Bagian<a class="anchor" href="#bagian" aria-label="Tautan ke bagian '
     'ini">#</a></h2>\n'),
    ("a <script>alert(1) b\n\nc", "<p>a alert(1) b</p>\n<p>c</p>\n"),
    ("<style>x</style> <style>p{}\n\nc", " p{}\n<p>c</p>\n"),
    ("<svg><circle/>\n\nc", "<p></p>\n<p>c</p>\n"),
    ("a <!-- note --> b", "<p>a  b</p>\n"),
    ("<!-- block\ncomment -->", ""),
    # the tag dropped, its text kept
    ('<div onclick="alert(1)" style="position:fixed">x</div>', "<div>x</div>"),
    ("<font color=red>x</font>", "<p>x</p>\n"),
    ('<form action="/x"><input name="q"></form>', ""),
    # unsafe attributes and URLs
    ('<a href="javascript:alert(1)">x</a>', "<p><a>x</a></p>\n"),
    ('<a href="java&#09;script:alert(1)">x</a>', "<p><a>x</a></p>\n"),
    ('<a href="vbscript:x">x</a>', "<p><a>x</a></p>\n"),
    ('<a href="data:text/html,x">x</a>', "<p><a>x</a></p>\n"),
    ('<a href="mailto:a@example.org">x</a>', '<p><a href="mailto:a@example.org">x</a></p>\n'),
    ('<img src="x" onerror="alert(1)">', ""),
    ('<img src="images/a.png" alt="relative">', ""),
    ('<img src="//evil.example/a.png">', ""),
    ('<img src="data:image/png;base64,AA==">', ""),
    ('<img alt="no src">', ""),
], ids=lambda v: v[:40] if isinstance(v, str) else v)
def test_sanitiser_keeps_and_drops(raw: str, html: str) -> None:
    assert render_markdown(raw, NO_TOC) == html


def test_a_body_without_raw_html_renders_as_with_it() -> None:
    """The sanitiser runs only on bodies with raw HTML; both paths give the same markup (nh3 writes a
    quote in text as '"', markdown-it as '&quot;': the same text)."""
    markdown = ('A [link](https://example.org/ "t") ![img](/a.png "t") `code` *em* **strong** ~~s~~ '
                "https://example.org/x &amp; &quot; < >\n\n> quote\n\n1. one\n2. two\n\n---\n\n## H\n\n"
                '```python\nx = "<"\n```\n\n| a |\n|--:|\n| b |\n\nNote[^1].\n\n[^1]: Text.\n')
    plain = render_markdown(markdown, NO_TOC).replace("&quot;", '"')
    with_raw = render_markdown(markdown.replace("Note", '<mark title="t">Note</mark>'), NO_TOC)
    assert with_raw == plain.replace("<p>Note", '<p><mark title="t">Note</mark>')


@pytest.mark.parametrize("markdown", [
    "a <small>[audio]</small> b<br>c <sub>2</sub> <!-- note --> *<b>x</b>* <mark>**m**</mark>\n\n- [l](https://e.org) <small>v</small>\n",
    "# T\n\n<kbd>Ctrl</kbd>+<kbd>C</kbd> `<b>` [^1]\n\n[^1]: <em>n</em>\n",
])
def test_bare_formatting_tags_skip_the_sanitiser_with_the_same_result(markdown: str) -> None:
    """Properly nested raw tags without attributes are left as they are: exactly what nh3 would give."""
    html = render_markdown(markdown)
    assert sanitize(html, "noopener") == html.replace("&quot;", '"')


@pytest.mark.parametrize("markdown, html", [
    ("a <small>x", "<p>a <small>x</small></p>"),
    ("a <small>*x</small>*", "<p>a <small><em>x</em></small></p>\n"),
    ("x</small> y", "<p>x y</p>\n"),
])
def test_unbalanced_bare_tags_go_through_the_sanitiser(markdown: str, html: str) -> None:
    assert render_markdown(markdown, NO_TOC).startswith(html)


@pytest.mark.parametrize("source", [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))", "[x](vbscript:msgbox)", "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "<javascript:alert(1)>",
])
def test_nothing_executable_survives(source: str) -> None:
    html = render_markdown(source).lower()
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert 'href="vbscript' not in html and 'href="data:' not in html


@pytest.mark.parametrize("source", [
    '<div title="<img src=x onerror=alert(1)>">t</div>',  # a tag in a value: the value's text
    '<a title="x" href="javascript:alert(1)" onclick="alert(1)">t</a>',
    '<a title=\'<b>\' href=javascript:alert(1)>t</a>', '<a title="&quot; onclick=&quot;alert(1)" href="/x">t</a>',
    '<a title="&#34;><script>alert(1)</script>">t</a>', '<img alt="a>b" src=x onerror=alert(1)>',
    '<img alt="<iframe src=https://evil.example/>" src="https://e.example/a.png" onload=alert(1)>',
    '<div title="<!--">\n<script>alert(1)</script>\n</div>', '<div title="-->"><script>alert(1)</script></div>',
    '<div <!-- x --> onclick="alert(1)">t</div>', '<div title="x><script>alert(1)</script>',  # a quote never closed
    "<div title='x\"><img src=x onerror=alert(1)>'>t</div>", '<video title="<video>" src="javascript:alert(1)">'
    '<source src="javascript:alert(1)"></video>', '<span title="<iframe>">a</span><iframe src="https://e.example/">',
    '<a href="jav&#x09;ascript:alert(1)">t</a>', '<a href="&#106;avascript:alert(1)" title="<a href=/x>">t</a>',
])
def test_nothing_executable_survives_raw_html_written_to_mislead(source: str) -> None:
    """The sanitiser is the boundary whatever the checks around it read: tags and comments in values, handlers,
    javascript: addresses (entity-encoded too), entity-encoded quotes, a quote never closed, '>' in a value."""
    for body in (source + "\n", f"Teks {source} lanjut.\n", f"<div>\n{source}\n</div>\n\nSetelah.\n"):
        rendered = render(body, MarkdownOptions())
        page = lxml.html.fragment_fromstring(rendered.html or "<p></p>", create_parent="div")
        assert list(unsafe_html(page)) == [], body
        assert "<script" not in rendered.html and "<iframe" not in rendered.html, body


html_ish = st.lists(st.sampled_from(list("*_[]()<>`#\n -|!\\a1:/\"'=") + [
    "<small>", "</small>", "<br>", "<b>", "</b>", "<img src=", "/x.png", "x", " onerror=", "<script>", "</script>",
    "<!--", "-->", "<!--more-->", "<details>", "</details>", "<a href=", "javascript:", "https://e.org", "[^1]",
    "[^1]: ", "```python\n", "## ", "# ", "<style>", "<svg>", "&#106;", "toc", "| a |\n|:-|\n", ' title="', "'<",
    "&quot;", "<iframe src=https://e.org>", "<video src=", "<source src="])).map("".join)
"""Markdown and raw HTML punctuation mixed, so the raw-HTML paths (bare tags, comments, nh3) all run."""


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(html_ish, st.text()), toc=st.sampled_from([None, True, False]))
def test_any_body_renders_to_safe_html(text: str, toc: bool | None) -> None:
    rendered = render(text, MarkdownOptions(), toc)
    if rendered.html.strip():
        assert list(unsafe_html(lxml.html.fragment_fromstring(rendered.html, create_parent="div"))) == []
    assert rendered.summary is None or rendered.summary == " ".join(rendered.summary.split())  # one plain line


@pytest.mark.parametrize("text", [
    "Lihat [bagian utama](#main) dan [terkait](#related).\n\n## Main\n\nIsi.\n\n## Related\n\n## Main\n",
    "Lihat [bagian utama](#main) dan [terkait](#related).[^1]\n\n## Main\n\nIsi.\n\n## Related\n\n## Main\n\n"
    "[^1]: Catatan.\n",  # a footnote: markdown-it-py renders it
])
def test_a_link_to_a_heading_renamed_for_the_pages_ids_leads_to_the_heading(text: str) -> None:
    """'## Main' is id="main-2" (the page's <main> is "main"), but '[bagian utama](#main)' stayed '#main' and
    scrolled to the page's <main>, not the heading; it leads to the first heading so written."""
    html = render(text, MarkdownOptions(toc_min_headings=0)).html
    assert '<a href="#main-2">bagian utama</a> dan <a href="#related-2">terkait</a>' in html
    assert '<h2 id="main-2">Main' in html and '<h2 id="main-3">Main' in html and 'href="#main"' not in html


def test_a_link_to_a_theme_id_stays_when_the_body_has_that_id() -> None:
    """With no heading renamed ('## Main 2' is main-2 as written), a link to #main still leads to the page's own."""
    html = render("[x](#main) [y](#related)\n\n## Main 2\n", MarkdownOptions(toc_min_headings=0)).html
    assert '<a href="#main">x</a> <a href="#related">y</a>' in html


def test_the_ids_body_ids_avoid_are_the_ids_of_the_packaged_templates() -> None:
    """A heading or raw id equal to one of the page's own (`#main`, the skip link's target) made two elements with
    one id; THEME_IDS is how the renderer knows them, so it must follow the templates."""
    from generator.load.markdown import THEME_IDS
    templates = Path(__file__).parent.parent / "generator/themes"
    found = {m for f in templates.glob("*/templates/*") for m in re.findall(r'\bid="([^"]*)"', f.read_text())}
    assert found == THEME_IDS


@pytest.mark.parametrize("text, heading, taken", [
    ("## X\n\n<i id=x>i</i>\n\n## X\n", "x-2", (("X", "x-2", "x", 2, 0),)),  # said once, at the first heading
    ("para\nsecond <em id=\"k\">k</em> line\n\n## K\n", "k-2", (("K", "k-2", "k", 1, 3),)),
    ("> quote\n>\n> <div id=\"q\">\n> z\n> </div>\n\n## Q\n", "q-2", (("Q", "q-2", "q", 2, 6),)),
    ("a <script>x='<b id=\"y\">'</script> b\n\n## Y\n", "y", ()),  # removed with the script: nothing taken
    ("`<b id=\"y\">`\n\n## Y\n", "y", ()),                              # code, not HTML
    ("<img id=\"m\" src=\"rel.png\">\n\n## M\n", "m", ()),              # an <img> removed for its address
    ("<!-- dulu: <div id=\"j\">lama</div> -->\n\n## J\n", "j", ()),     # in a comment: not on the page
    ("a <!-- <b id=\"j\"> --> b <i>c</i>\n\n## J\n", "j", ()),
    ("Teks <span title=\"lihat id=alpha\">x</span>.\n\n## Alpha\n", "alpha", ()),  # an attribute's value
    ("<iframe src=\"https://e.com/x\">\n<div id=\"j\">Tabel</div>\n\n## J\n", "j-2", (("J", "j-2", "j", 1, 3),)),
    ("a <iframe src=x> b\nc <span id=\"s\">s</span>\n\n## S\n", "s-2", (("S", "s-2", "s", 1, 3),)),  # unclosed: alone
    ("## Jadwal\n\n<div class=\"kotak\">\nRapat <b title=\"x\"id=\"jadwal\">Senin</b>.\n</div>\n", "jadwal-2",
     (("Jadwal", "jadwal-2", "jadwal", 3, 0),)),  # an attribute right after a quoted value, as HTML reads it
    ("## Jadwal\n\n<div id=\"x\">a</div>\n\n<div class=\"kotak\">\nRapat <b/id=\"jadwal\">Senin</b>.\n</div>\n",
     "jadwal-2", (("Jadwal", "jadwal-2", "jadwal", 5, 0),)),  # or after a '/'; the warning names the tag's line
])
def test_a_heading_takes_a_suffix_for_an_id_the_raw_html_keeps(text: str, heading: str, taken: tuple) -> None:
    """The raw HTML's id stays (the editor wrote it, and links to it); a heading of the same slug gets '-2'."""
    rendered = render(text, NO_TOC)
    ids = re.findall(r' id="([^"]*)"', rendered.html)
    assert len(ids) == len(set(ids)) and f'id="{heading}"' in rendered.html and rendered.taken_ids == taken


@pytest.mark.parametrize("text, prefix, taken", [
    ("Teks[^1] dan <span id=\"fn1\">x</span> <a id=\"fnref1\">y</a>.\n\n[^1]: Catatan.\n", "n2-",
     ((0, "fn1", "n2-fn1"), (0, "fnref1", "n2-fnref1"))),
    ("Teks[^1].\n\n<div id=\"n2-fn1\">\nx\n</div>\n\n<b id=\"fn1\">y</b>\n\n[^1]: Catatan.\n", "n3-",
     ((6, "fn1", "n3-fn1"),)),
    ("Teks[^1] dan <span id=\"fn\">x</span>.\n\n[^1]: Catatan.\n", "", ()),  # no footnote's id: unchanged
    ("Teks[^1] dan <!-- <span id=\"fn1\"> -->.\n\n[^1]: Catatan.\n", "", ()),
    ("Teks[^1].\n\n<div class=\"kotak\">\nLihat <span/id=\"fn1\">catatan kami</span>.\n</div>\n\n[^1]: Catatan.\n",
     "n2-", ((3, "fn1", "n2-fn1"),)),  # no space before 'id', as HTML reads it
])
def test_footnotes_take_a_prefix_for_an_id_the_raw_html_keeps(text: str, prefix: str, taken: tuple) -> None:
    """A raw id="fn1" and a footnote made two elements id="fn1", and the [1] mark jumped to the raw one; the raw id
    keeps its name (a link to it was written for it), and the footnotes' ids change together, mark and back-link."""
    rendered = render(text, NO_TOC)
    ids = re.findall(r' id="([^"]*)"', rendered.html)
    assert len(ids) == len(set(ids)) and rendered.taken_note_ids == taken
    assert (f'<a href="#{prefix}fn1" id="{prefix}fnref1" role="doc-noteref"' in rendered.html
            and f'<li id="{prefix}fn1" class="footnote-item">' in rendered.html
            and f'<a href="#{prefix}fnref1" class="footnote-backref"' in rendered.html)


def test_a_body_link_to_a_footnote_follows_its_prefix() -> None:
    """The 'n2-' prefix renames every footnote, so '[catatan 2](#fn2)', to a note whose id no raw tag has, led
    nowhere (and `digest check --links` blamed a heading); it leads to 'n2-fn2'. A link to '#fn1', the raw
    element's id, stays: it comes to that element."""
    text = ("Teks[^1], dua[^2]; lihat [catatan 2](#fn2), [kembali](#fnref2) dan [lama](#fn1).\n\n"
            "<p>Lama <span id=\"fn1\">x</span>.</p>\n\n[^1]: Satu.\n[^2]: Dua.\n")
    html = render(text, NO_TOC).html
    assert ('lihat <a href="#n2-fn2">catatan 2</a>, <a href="#n2-fnref2">kembali</a> dan <a href="#fn1">lama</a>.'
            in html)
    assert '<li id="n2-fn2" class="footnote-item">' in html and 'id="n2-fnref2"' in html


@pytest.mark.parametrize("text, html", [
    *((f"模型<{tag}>引用</{tag}>\n第二行\n", f"<p>模型<{tag}>引用</{tag}>第二行</p>\n")
      for tag in ("cite", "ins", "time", "var", "dfn", "samp")),
    ("模型<wbr>\n第二行\n", "<p>模型<wbr>第二行</p>\n"),
    ("模型\n`代码`结束\n", "<p>模型<code>代码</code>结束</p>\n"),              # a code span starting a line
    ("开始`代码`\n第二行\n", "<p>开始<code>代码</code>第二行</p>\n"),          # or ending one
    ("开始[*`代码`*](/b)\n[`链接`](/a)结束\n", '<p>开始<a href="/b"><em><code>代码</code></em></a><a href="/a"><code>链接'
                                              "</code></a>结束</p>\n"),
    ("开始`code`\n第二行 `x`\n`代码`\n", "<p>开始<code>code</code>\n第二行 <code>x</code>\n<code>代码</code></p>\n"),
])
def test_chinese_lines_join_through_every_inline_tag_and_code_span(text: str, html: str) -> None:
    """'模型<cite>引用</cite>' / '第二行' and a code span at a line's start or end ('模型' / '`代码`') read with a space
    in Chromium, where the summary had none; code that ends in Latin text keeps its line break."""
    rendered = render(text, NO_TOC)
    assert rendered.html == html


def test_the_tags_lines_join_through_are_tags_the_sanitiser_keeps() -> None:
    from generator.load.sanitize import TAGS, TEXT_TAGS
    assert TEXT_TAGS <= TAGS


@pytest.mark.parametrize("body, toc", [
    ("第一行\n第二行\n------\n\n文字。\n", '<a href="#di-yi-xing-di-er-xing">第一行第二行</a>'),
    ("タ\nワー\n======\n\n文字。\n", '<a href="#ta-wa">タワー</a>'),  # the id as it was: links to it stay
    ('<span id="x">a</span>\n\nタ\nワー\n======\n', '<a href="#ta-wa">タワー</a>'),  # ids settled after nh3
    ("Satu\ndua\n----\n", '<a href="#satu-dua">Satu dua</a>'),
])
def test_a_chinese_or_japanese_heading_over_two_lines_is_one_line_in_the_table_of_contents(body: str, toc: str) -> None:
    """A setext heading written over two lines ('第一行\\n第二行') is joined on the page, as CSS does, but its table
    of contents entry kept a space ('第一行 第二行'); it reads as the heading now, on both engines. Its id is the one
    it had, made from the text with a space, so that links to it from elsewhere stay."""
    from generator.load.markdown import render_reference
    for rendered in (render(body, toc=True), render_reference(body, toc=True)):
        assert toc in rendered.html


@pytest.mark.parametrize("body", [
    '</b>Teks <b id="fn1">penting.\n\nParagraf dua[^1].\n\n[^1]: Catatan.\n',  # a stray </b> before the open one
    'Teks <span id="dup">a</span> <b id="dup">penting.\n\nParagraf dua.\n',
    'Lihat <video src="/media/a.mp4">\n\nParagraf dua.\n\nParagraf tiga.\n',
])
def test_a_raw_tag_left_open_never_leaves_a_copied_id_or_takes_the_next_paragraph(body: str) -> None:
    """Found by fuzzing the first fix: each id once on the page, and the second paragraph outside the raw tag."""
    from generator.load.markdown import render_reference
    for rendered in (render(body), render_reference(body)):
        ids = re.findall(r' id="([^"]*)"', rendered.html)
        assert len(ids) == len(set(ids)), rendered.html
        assert re.search(r"</(?:b|video)>(?:</p>)?\n<p>Paragraf dua", rendered.html), rendered.html


@pytest.mark.parametrize("body, toc", [
    ("## ![Logo Kompas](/images/logo.png)\n\nTeks.\n", '<a href="#section">Logo Kompas</a>'),
    ("## Mitra ![Logo *Kompas*](/images/logo.png) baru\n", '<a href="#mitra-baru">Mitra Logo Kompas baru</a>'),
    ("## Harga<br>baru\n", '<a href="#harga-baru">Harga baru</a>'),
    ("## Harga<br/>baru <b>x</b>\n", '<a href="#harga-baru-x">Harga baru x</a>'),
    ('<span id="x">a</span>\n\n## Harga<BR>baru\n', '<a href="#harga-baru">Harga baru</a>'),  # ids settled after nh3
    ("## Harga <b>baru</b>\n", '<a href="#harga-baru">Harga baru</a>'),  # the id it had
    ('## Harga<br class="x">tetap\n', '<a href="#harga-tetap">Harga tetap</a>'),  # a <br> with attributes too
])
def test_a_headings_image_is_its_alt_text_and_a_br_a_space_in_the_table_of_contents(body: str, toc: str) -> None:
    """An attacker's report: a heading that is only an image ('## ![Logo Kompas](…)') had an empty, zero-width link in
    the table of contents (axe 'link-name'), and 'Harga<br>baru' read "Hargabaru" there, with the id #hargabaru. The
    alt text stands for the image (not in the id, which stays as it was) and a <br> is a space, on both engines."""
    from generator.load.markdown import render_reference
    for rendered in (render(body, toc=True), render_reference(body, toc=True)):
        assert toc in rendered.html
        assert rendered.empty_headings == ()


@pytest.mark.parametrize("body, line", [
    ("Teks.\n\n## ![](/images/logo.png)\n", 2),
    ("Teks.\n\nJudul\n\n## ^[Catatan kaki.]\n", 4),
    # only characters no one sees, pasted from a web page: the link had a name no reader sees either
    ("Teks.\n\n## \u200b\n", 2), ("Teks.\n\n## \u2060\u00ad\n", 2), ("Teks.\n\n## \ufeff \u200e\n", 2),
    ("Teks.\n\n## ![\u200b](/images/logo.png)\n", 2),
])
def test_a_heading_with_no_text_is_told_at_its_line(body: str, line: int) -> None:
    from generator.load.markdown import render_reference
    for rendered in (render(body, toc=True), render_reference(body, toc=True)):
        assert rendered.empty_headings == (line,)


@pytest.mark.parametrize("text, lost", [
    ("Teks ![peta^[Dari BPS.]](/x.png).\n", ("image", "", "peta", 0)),  # an inline note in alt text
    ("Teks\n![a[^1]](javascript:x)\n\n[^1]: N.\n", ("image", "1", "a", 1)),  # refused: its alt shown as text
    ("x\n\n![a[^1]](https://www.youtube.com/watch?v=dQw4w9WgXcQ)\n\n[^1]: N.\n", ("image", "1", "a", 2)),  # a card
    ('<video src="/a.mp4"><p>Cadangan\nlagi[^1]</p></video>\n\n[^1]: N.\n', ("raw", "1", "", 1)),
])
def test_a_footnote_mark_the_page_does_not_show_is_told_at_its_line_and_has_no_way_back(text: str, lost: tuple) -> None:
    """Each of these marks was numbered by the footnote plugin but is not on the page: its note's ↩︎ led nowhere."""
    rendered = render(text)
    assert rendered.lost_marks == (lost,)
    assert "footnote-backref" not in rendered.html and 'id="fn1"' in rendered.html
