"""Property tests: the front-matter splitter, the strict YAML loader, slugs, the XML cleaner and
``parse_article`` hold their promises for any input hypothesis can think of, not just our examples."""
from __future__ import annotations

import re
from xml.sax.saxutils import escape

import pytest
from hypothesis import given, settings, strategies as st
from lxml import etree

from generator.load.content import ArticleSettings, parse_article
from generator.render.feeds import xml_clean
from generator.load.frontmatter import YamlError, load_yaml, split
from generator.load.registry import empty_registry
from generator.index.taxonomy import term_slug
from generator.core.urls import MAX_SLUG, make_slug

FAST = settings(max_examples=200, deadline=None)
SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
"""Characters HTML and XML forbid, which no front-matter value may carry."""
STRICT_XML = etree.XMLParser(resolve_entities=False, no_network=True, recover=False)
YAML_LINE_BREAKS = "\r\x85\u2028\u2029"
"""What YAML counts as a line break besides '\\n'. The caller has already turned '\\r' into '\\n'; see
``test_yaml_lines_are_file_lines`` for the other three."""

any_text = st.text()
"""Any Unicode text (hypothesis leaves out lone surrogates here)."""
with_surrogates = st.text(st.one_of(st.characters(), st.characters(categories=["Cs"])))
yaml_ish = st.lists(st.sampled_from(list("abc: -#[]{}&*!|>'\"%@`?,.\n\t 01") + [
    "---", "...", "- ", ": ", "  ", "!!python/object:os.system", "!!binary", "&a ", "*a", "<<: ", "%YAML 1.1\n",
])).map("".join)
"""Text made of YAML's punctuation, so that the parser gets far before it fails."""
words = st.lists(st.sampled_from(list("Rp 1,5 triliun-_.'\"!?&/") + [
    "Ä", "ß", "é", "ı", "İ", "ﬁ", "あ", "漢字", "😀", "\u0301", "\u200b", "\u00a0", "Ⅻ", "½", "①",
])).map("".join)
"""Slug-hard text: decimal commas, ligatures, combining marks, CJK, emoji, invisible spaces."""


def yaml_quoted(text: str) -> str:
    """``text`` as a one-line YAML double-quoted scalar, escaping what the reader rejects or folds."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\t" or 0x20 <= code <= 0x7E or (0xA0 <= code <= 0xD7FF and ch not in YAML_LINE_BREAKS) or \
                (0xE000 <= code <= 0xFFFD and ch != "\ufeff"):
            out.append(ch)
        else:
            out.append(f"\\U{code:08x}")
    return '"' + "".join(out) + '"'


# --- front matter ------------------------------------------------------------------------------------------


@FAST
@given(title=any_text, body=any_text, comments=st.integers(0, 4), at=st.integers(0, 4),
       opening=st.sampled_from(["---", "--- ", "---\t"]), closing=st.sampled_from(["---", "---  ", "..."]))
def test_split_round_trips_body_and_lines(title: str, body: str, comments: int, at: int, opening: str,
                                          closing: str) -> None:
    fields = [f"# comment {i}" for i in range(comments)]
    at = min(at, comments)
    fields.insert(at, f"title: {yaml_quoted(title)}")
    text = "\n".join([opening, *fields, closing]) + "\n" + body
    parts = split(text)
    assert parts.body == body
    assert parts.yaml_line == 2
    assert parts.body_line == len(fields) + 3
    assert "\n".join(text.split("\n")[parts.body_line - 1:]) == body
    values, lines = load_yaml(parts.yaml_text, parts.yaml_line)
    assert values == {"title": CONTROL.sub("", title)}  # what an escape like "\\a" would put there is dropped
    assert lines == {("title",): 2 + at}
    assert text.split("\n")[lines[("title",)] - 1].startswith("title: ")


def _check_lines(text: str, first: int) -> None:
    last = first + text.count("\n")
    try:
        _, lines = load_yaml(text, first)
    except YamlError as e:
        assert first <= e.line <= last, (e.line, e.message)
        assert e.message
    else:
        assert all(first <= line <= last for line in lines.values()), lines


@FAST
@given(text=st.one_of(yaml_ish, any_text), first=st.integers(1, 50))
def test_load_yaml_raises_only_yaml_error_within_the_text(text: str, first: int) -> None:
    text = "".join(ch for ch in text if ch not in YAML_LINE_BREAKS)
    _check_lines(text if text.endswith("\n") else text + "\n", first)  # as split() hands it over


@FAST
@given(text=st.one_of(any_text, yaml_ish))
def test_load_yaml_raises_only_yaml_error_on_any_decoded_text(text: str) -> None:
    """Any text a UTF-8 decode can give (so no lone surrogates), with every line break YAML knows."""
    try:
        load_yaml(text, 1)
    except YamlError:
        pass


@pytest.mark.parametrize(("text", "expected"), [
    ('summary: "a\x85b"\nc: 1\n', 2),  # a C1 control, refused at its line (YAML would read it as a line break)
    ('summary: "a\u2028b"\nc: 1\n', {("summary",): 2, ("c",): 3}),
    ('summary: "a\u2029b"\nc: 1\n', {("summary",): 2, ("c",): 3}),
    ("title: [", 2),
], ids=["NEL", "LS", "PS", "no-final-newline"])
def test_yaml_lines_are_file_lines(text: str, expected: dict | int) -> None:
    """Lines count '\\n' only, as everywhere else in a message."""
    if isinstance(expected, int):
        with pytest.raises(YamlError) as caught:
            load_yaml(text, 2)
        assert caught.value.line == expected
    else:
        assert load_yaml(text, 2)[1] == expected


# --- slugs -------------------------------------------------------------------------------------------------


@FAST
@given(name=st.one_of(any_text, words, st.text(min_size=200, max_size=600)))
@pytest.mark.parametrize("slug", [term_slug, make_slug], ids=["term_slug", "make_slug"])
def test_slugs_are_short_ascii_and_idempotent(slug, name: str) -> None:
    result = slug(name)
    assert result == "" or SLUG.match(result), result
    assert len(result) <= MAX_SLUG
    assert slug(result) == result


# --- the XML cleaner ---------------------------------------------------------------------------------------


def is_xml_char(ch: str) -> bool:
    """XML 1.0's Char production."""
    code = ord(ch)
    return code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF


controls = st.text(st.one_of(st.characters(max_codepoint=0x20), st.sampled_from("\ufffe\uffff\ud800\udfff\x7f\x85"),
                             st.characters(categories=["Cs"]), st.characters()))


@FAST
@given(text=st.one_of(with_surrogates, controls))
def test_xml_clean_output_parses_inside_an_element(text: str) -> None:
    cleaned = xml_clean(text)
    element = etree.Element("a")
    element.text = cleaned
    assert (etree.fromstring(etree.tostring(element), STRICT_XML).text or "") == cleaned
    parsed = etree.fromstring(f"<a>{escape(cleaned)}</a>".encode("utf-8"), STRICT_XML)
    assert (parsed.text or "") == cleaned.replace("\r\n", "\n").replace("\r", "\n")  # XML's end-of-line rule
    if "]]>" not in cleaned:
        cdata = etree.fromstring(f"<a><![CDATA[{cleaned}]]></a>".encode("utf-8"), STRICT_XML)
        assert (cdata.text or "") == cleaned.replace("\r\n", "\n").replace("\r", "\n")


@FAST
@given(text=st.one_of(with_surrogates, controls))
def test_xml_clean_drops_exactly_the_forbidden_characters(text: str) -> None:
    cleaned = xml_clean(text)
    assert cleaned == "".join(ch for ch in text if is_xml_char(ch))
    assert xml_clean(cleaned) == cleaned


# --- parse_article -----------------------------------------------------------------------------------------


SETTINGS = ArticleSettings("Asia/Jakarta", empty_registry(), "content")
markdown_ish = st.lists(st.sampled_from(list("*_[]()<>`#\n -|!\\a1") + [
    "&#106;", "javascript:", "<script>", "```", "> ", "1. ", "    ", "![", "](", "{{ 7*7 }}", "\u2028"])).map("".join)
"""Text made of Markdown's punctuation, so the renderer is exercised, not just the decoder."""
article_like = st.one_of(
    st.builds(lambda fm, body: f"---\n{fm}\n---\n{body}", st.one_of(yaml_ish, any_text), any_text),
    st.builds(lambda title, tag, body: f"---\ntitle: {yaml_quoted(title)}\ndate: 2025-06-13\n"
                                       f"tags: [{yaml_quoted(tag)}]\n---\n{body}",
              any_text, any_text, st.one_of(markdown_ish, any_text)),
)
any_bytes = st.one_of(
    st.binary(max_size=2000),
    st.builds(lambda text, encoding: text.encode(encoding, "surrogatepass" if encoding == "utf-8" else "replace"),
              st.one_of(article_like, with_surrogates), st.sampled_from(["utf-8", "utf-16", "latin-1", "utf-8-sig"])),
    st.builds(lambda text: text.replace("\n", "\r\n").encode("utf-8"), article_like),
)


@FAST
@given(data=any_bytes)
def test_parse_article_never_raises(data: bytes) -> None:
    article, problems = parse_article("content/a.md", data, SETTINGS)
    assert isinstance(problems, tuple)
    assert all(p.path == "content/a.md" and p.line >= 0 and p.message for p in problems)
    if article is None:
        assert any(p.severity == "error" for p in problems), problems
    else:
        assert not any(p.severity == "error" for p in problems), problems
        assert SLUG.match(article.slug) and article.title
