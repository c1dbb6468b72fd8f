"""The fast Markdown path (markdown-it-pyrs) gives byte-identical HTML to markdown-it-py, input by input.

Differential test: every input is rendered by ``markdown.render`` (markdown-it-pyrs where the gate in
``markdown_fast`` allows, markdown-it-py otherwise) and by ``markdown.render_reference`` (markdown-it-py alone,
the definition of the dialect), after sanitising, and the two must be equal. Inputs: the CommonMark spec
examples and markdown-it-py's fixtures (tests/fixtures/commonmark), our golden Markdown cases, both styles of the
benchmark corpus, and generated texts and URLs. Other tests check that the fast path is really taken where it
should be (or the equality would hold trivially) and that each construct the engines render differently is sent
to markdown-it-py.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings, strategies as st

from generator.load import markdown, markdown_fast
from generator.load.markdown import MarkdownOptions
from test_markdown_speed import SPEC, TEXT_PIECES, URL_PIECES, shared_bench

HERE = Path(__file__).parent
OPTIONS = (MarkdownOptions(toc_min_headings=0),
           MarkdownOptions(language="en", external_rel="noopener nofollow ugc", toc_min_headings=2))


def assert_same(text: str, name: str = "") -> None:
    """Both paths give the same Rendered (HTML and summary), with either site's options."""
    for options in OPTIONS:
        assert markdown.render(text, options) == markdown.render_reference(text, options), name


def takes_fast_path(text: str) -> bool:
    """Whether ``markdown.render`` renders this body with markdown-it-pyrs."""
    return markdown_fast.render(text, lambda level, _: (level, "x"), "", lambda *_: "", "") is not None


@pytest.mark.parametrize("name, text", SPEC, ids=[name for name, _ in SPEC])
def test_spec_examples_render_the_same(name: str, text: str) -> None:
    assert_same(text, name)


def test_most_spec_examples_take_the_fast_path() -> None:
    """The spec examples are corner cases, so many go to markdown-it-py; still, most must not, or the
    differential test above would compare markdown-it-py with itself."""
    fast = sum(takes_fast_path(text) for _, text in SPEC)
    assert fast > len(SPEC) // 2


@pytest.mark.parametrize("path", sorted((HERE / "markdown").glob("*.md")), ids=lambda p: p.stem)
def test_golden_cases_render_the_same(path: Path) -> None:
    assert_same(path.read_text(encoding="utf-8"), path.name)


def test_links_to_renamed_headings_render_the_same() -> None:
    """'[…](#main)' to '## Main' (id="main-2") leads to the heading on both paths."""
    text = "Lihat [bagian utama](#main).\n\n## Main\n\nIsi.\n"
    assert takes_fast_path(text)
    assert_same(text)


@pytest.mark.parametrize("style, count, fast_share", [("newsletter", 12, 1.0), ("news", 40, 0.8)])
def test_benchmark_corpus_renders_the_same(tmp_path: Path, style: str, count: int, fast_share: float) -> None:
    shared = shared_bench()
    if shared is None:
        if os.environ.get("CI"):
            pytest.fail("shared/bench/make_corpus.py not found beside the repository; set DIGEST_SHARED")
        pytest.skip("shared/bench/make_corpus.py not found beside the repository (set DIGEST_SHARED)")
    subprocess.run([sys.executable, str(shared / "make_corpus.py"), "--articles", str(count), "--style", style,
                    "--out", str(tmp_path)], check=True, capture_output=True)
    bodies = [p.read_text(encoding="utf-8").split("\n---\n", 1)[1] for p in sorted(tmp_path.rglob("*.md"))]
    assert len(bodies) >= count
    for i, body in enumerate(bodies):
        assert_same(body, f"{style} #{i}")
    # the corpora are what the speed targets are measured on: they must take the fast path
    assert sum(map(takes_fast_path, bodies)) >= fast_share * len(bodies)


@pytest.mark.parametrize("text", [
    "[foo]\n\n> [foo]: /url\n",                       # empty block quote: '<blockquote>\n</blockquote>'
    "*£*bravo.\n",                                    # symbols count as punctuation in CommonMark 0.31 only
    "foo <!-- this is a --\ncomment - with hyphens -->\n",  # comment rules of CommonMark 0.30 and 0.31
    "foo <!--> foo -->\n",
    "Text[^1].\n\n[^1]: note\n",                      # footnotes: our markup
    "Dana itu^[Menurut laporan tahunan.] cair\n",     # an inline footnote, which pyrs shows as text
    "Harga ~~Rp 10.000~~~~Rp 12.000~~\n",             # pyrs: one strikethrough; markdown-it-py: two
    "x ~~a~~~~b~~~~c~~\n",                            # pyrs nests them
    "_]]~x~~_~~x~~\n",                                # '~~' next to an emphasis marker: paired otherwise
    "x~~_~~y*_*~~*\n",
    "a `   ` b ` \n  `\n",                             # a code span of spaces only: pyrs trims it
    "Lead.\n\n<!--more-->\n\nRest.\n",                # the summary comes from markdown-it-py's tokens
    "a <span class=x>b</span>\n",                     # raw HTML that needs the sanitiser
    "<small>\n",                                      # a bare tag alone on a line is an HTML block
    "a <small>b\n\nc</small>\n",                      # bare tags that do not nest
    "[a](ms-settings:x)\n",                           # safe_url
    "[a](mailto:a@b.org) [b](https://ex.org/%41) [c](https://☃.net/)\n",  # normalizeLink
    "[arsip](https://BÜCHER.example/digest/archive/) <https://Bücher.example/x>\n",  # pyrs: '%C3%9C' in a host;
    "lihat https://BÜCHER.example/x ya\n\n[a]: mailto:r@BÜCHER.example\n\n[a]\n",    # ours: xn--bcher-kva
    "see https://example.org/a(b) and www.example.org\n",  # linkify ends URLs by other rules
    "[a](<>'t')\n",                                  # a title with no space after '<>'
    "| a | b |\n|---|---|\n- item\n",                # markdown-it-py ends the table at the list
    "|a b\n---\n",                                   # a table of one column, or a setext heading
    "a—https://example.org/x.\n",                    # linkify after a non-space
    "> a\n- \n",                                     # an empty list item after a paragraph
    "[a]: user:pw@host\n\ntext\n",                   # a definition that markdown-it-py refuses
    "x [y][a\\]b]\n\n[a\\]b]: javascript:x\n",       # a definition with an escaped ']' in its label
    "[x]: javascr&#105;pt:x\n\n[z]: javascript&#58;x\n",  # or an entity in its scheme: pyrs shows it as text
    "> | a | b |\n|---|---|\n",                       # a table row as a lazy line of a quote
    "see http://a.org- now\n",                        # linkify-it ends a host before '-'
    "> a\n    b\n| a | b |\n|---|---|\n",             # a table as lazy lines of a quote's paragraph
    "~~~x\ncode",                                     # an unclosed fence at the end, no final newline
    "line\r\nbreak\n",
    ">>\t\t x\n",                                     # a tab after quote markers indents code differently
    ">" * 30 + " deep\n",                              # max_nesting
    "[a](javascript:void(0)) [b](file:///x)\n",      # refused: pyrs prints the source, we print the text
    "[a](javascr&#105;pt:x) [b](java\\script:x)\n",   # the same, spelt with an entity or an escape
    "x <javascript:alert(1)> y\n",                    # an autolink refused
])
def test_what_renders_differently_goes_to_markdown_it_py(text: str) -> None:
    """Each construct the two engines render differently (docs/markdown.md lists them) is detected."""
    assert not takes_fast_path(text)
    assert_same(text)


@pytest.mark.parametrize("text", [
    "## A *b*\n\n### C `d` & e\n\n# F\n\n## A *b*\n",
    "## Main\n\n## Related\n\n## Main\n",                # the theme's ids: a suffix, as a repeat gets
    "- [x](https://a.org/x?y=1&z=2 \"t\") <small>[pdf]</small>\n- ![i](/p.png)\n",
    "<!-- editor's note -->\n\nText <!-- inline --> https://example.org/a.\n",
    "```python\nx = '<'\n```\n\n```nolang\na <b>\n```\n\n    indented\n",
    "```bash\ncurl -s https://example.org/api | jq '.[]'\n```\n\nText.\n",  # URLs and pipes in code
    "| a | b |\n|:-|-:|\n| 1<br>2 | <sub>3</sub> |\n",
    "第一行\n第二行，**请看**\n[这篇文章](https://example.org/a)\n的内容。\n",  # lines joined on both paths
    "模型\n`代码`结束，`代码`\n第二行\n",                   # through a code span too
])
def test_common_bodies_take_the_fast_path(text: str) -> None:
    assert takes_fast_path(text)
    assert_same(text)


EXTRA_PIECES = st.sampled_from([
    "<!-- c -->", "<!--more-->", "<small>", "</small>", "<br>", "<b>", "</b>", "<sup>", "</sup>", "<em>", "</em>",
    "## ", "### ", "#", "\n\n```python\nx = 1 < 2\n```\n\n", "\n    code\n", "`c`", "![a *b*](/x.png \"t\")",
    "[t](/a \"ti\")", "[t](https://a.org/b_c)", "https://x.org/y.", "(https://z.org)", "£", "é", "—", "&copy;",
    "\\*", "***", "1. ", "\n> ", "\n- ", "\n\n", " \n", "  \n", "\t", "[r]", "\n\n[r]: https://r.org\n",
    "Setext\n---\n", "===", "中文\n", "日本語", "한국어\n", "ｶﾅ", "\u200b", "~~", "~", "^[", "]",
])


@settings(max_examples=2500, deadline=None, derandomize=True)
@given(st.lists(st.one_of(TEXT_PIECES, EXTRA_PIECES), max_size=16).map("".join))
def test_generated_markdown_renders_the_same(text: str) -> None:
    assert_same(text)


@settings(max_examples=1500, deadline=None, derandomize=True)
@given(st.lists(URL_PIECES, max_size=6).map("".join), st.sampled_from(["[a]({})", "<{}>", "![i]({})", "{} x",
                                                                          "[a]: {}\n\n[a]"]))
def test_generated_links_render_the_same(url: str, shape: str) -> None:
    assert_same(shape.format(url))


LOADED = """
import sys
from generator.load import markdown
fast = markdown.render({fast!r})
print("markdown_it" in sys.modules, "pygments.lexers" in sys.modules)
slow = markdown.render({slow!r})
print("markdown_it" in sys.modules, "pygments.lexers" in sys.modules)
print(slow == markdown.render_reference({slow!r}), fast == markdown.render_reference({fast!r}))
"""


def test_markdown_it_py_and_pygments_load_when_a_body_needs_them() -> None:
    """A rebuild that parses one edited article usually needs neither: they load with the first body that does
    (markdown-it-py for a body the fast path leaves, Pygments' lexers for a fence with a language), and then
    render it as they would have."""
    fast = "## A *b*\n\nText with [a link](https://example.org/a) and <small>[pdf]</small>.\n"
    slow = "Text[^1].\n\n[^1]: A note.\n\n```python\nx = 1 < 2\n```\n"
    assert takes_fast_path(fast) and not takes_fast_path(slow)
    run = subprocess.run([sys.executable, "-c", LOADED.format(fast=fast, slow=slow)], capture_output=True, text=True,
                         check=True, env=os.environ | {"PYTHONPATH": str(HERE.parent)})
    assert run.stdout.split("\n") == ["False False", "True True", "True True", ""]
