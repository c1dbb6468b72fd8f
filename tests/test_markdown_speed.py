"""The faster Markdown helpers change nothing: the same HTML as markdown-it-py as it is, input by input.

Differential test: every input is rendered by ``markdown.render_reference`` (markdown-it-py alone) twice, once with the stock parser
(``markdown._make()``) and once with the parser the build uses (``markdown_speed.speed_up``), and the two results
must be equal. Inputs: the CommonMark spec examples and markdown-it-py's link fixtures (tests/fixtures/commonmark),
our golden Markdown cases, both styles of the benchmark corpus, and generated URLs and texts.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import mdurl
import pytest
from hypothesis import given, settings, strategies as st
from markdown_it.common.normalize_url import normalizeLink as stock_normalize_link
from markdown_it.utils import read_fixture_file

from generator.load import markdown
from generator.load.markdown import MarkdownOptions
from generator.load.markdown_speed import map_host, normalize_link

HERE = Path(__file__).parent
COMMONMARK = HERE / "fixtures" / "commonmark"
OPTIONS = MarkdownOptions(toc_min_headings=0)


def _host_mapped(url: str) -> str:
    """``url`` with a non-ASCII host mapped as ``normalize_link`` maps it (``map_host``), the one change it makes
    to markdown-it's result."""
    try:
        parsed = mdurl.parse(url, slashes_denote_host=True)
    except Exception:  # noqa: BLE001 - then normalizeLink raises alike
        return url
    host = parsed.hostname
    if not host or host.isascii() or (parsed.protocol and parsed.protocol not in ("http:", "https:", "mailto:")):
        return url
    return mdurl.format(parsed._replace(hostname=map_host(host)))


STOCK = markdown._make()
STOCK.normalizeLink = lambda url: stock_normalize_link(_host_mapped(url))  # type: ignore[method-assign]


@contextmanager
def stock_parser() -> Iterator[None]:
    """``markdown.render_reference`` with markdown-it-py's own helpers (a host mapped first), for the length of
    the block."""
    fast, markdown._MD = markdown._engines()[0], STOCK
    try:
        yield
    finally:
        markdown._MD = fast


def both(text: str) -> tuple[markdown.Rendered, markdown.Rendered]:
    """(stock, fast) renderings of one body."""
    with stock_parser():
        stock = markdown.render_reference(text, OPTIONS)
    return stock, markdown.render_reference(text, OPTIONS)


def spec_inputs() -> list[tuple[str, str]]:
    """(name, Markdown) of every CommonMark spec example and every link fixture."""
    examples = json.loads((COMMONMARK / "commonmark.json").read_text(encoding="utf-8"))
    cases = [(f"spec-{e['example']}", e["markdown"]) for e in examples]
    for path in sorted(COMMONMARK.glob("*.md")):
        if path.name != "SOURCE.md":
            cases += [(f"{path.stem}-{line}", text) for line, _, text, _ in read_fixture_file(path)]
    return cases


SPEC = spec_inputs()


def test_the_inputs_are_all_there() -> None:
    """A fixture file that failed to load would make the test below pass on nothing."""
    assert len(SPEC) > 652 + 100
    assert sum(name.startswith("linkify-") for name, _ in SPEC) >= 20


@pytest.mark.parametrize("name, text", SPEC, ids=[name for name, _ in SPEC])
def test_spec_examples_render_the_same(name: str, text: str) -> None:
    stock, fast = both(text)
    assert fast == stock


@pytest.mark.parametrize("path", sorted((HERE / "markdown").glob("*.md")), ids=lambda p: p.stem)
def test_golden_cases_render_the_same(path: Path) -> None:
    stock, fast = both(path.read_text(encoding="utf-8"))
    assert fast == stock


def shared_bench() -> Path | None:
    """The shared benchmark scripts (as bench/run.py finds them), or None."""
    base = Path(os.environ.get("DIGEST_SHARED") or HERE.parent.parent / "shared")
    return next((c for c in (base / "bench", base) if (c / "make_corpus.py").is_file()), None)


@pytest.mark.parametrize("style, count", [("newsletter", 12), ("news", 40)])
def test_benchmark_corpus_renders_the_same(tmp_path: Path, style: str, count: int) -> None:
    shared = shared_bench()
    if shared is None:
        if os.environ.get("CI"):
            pytest.fail("shared/bench/make_corpus.py not found beside the repository; set DIGEST_SHARED")
        pytest.skip("shared/bench/make_corpus.py not found beside the repository (set DIGEST_SHARED)")
    subprocess.run([sys.executable, str(shared / "make_corpus.py"), "--articles", str(count), "--style", style,
                    "--out", str(tmp_path)], check=True, capture_output=True)
    files = sorted((tmp_path / "content").rglob("*.md"))
    assert len(files) >= count
    for path in files:
        body = path.read_text(encoding="utf-8").split("\n---\n", 1)[1]
        stock, fast = both(body)
        assert fast == stock, path.name


# --- generated input ---------------------------------------------------------------------------------------

URL_PIECES = st.sampled_from([
    "http://", "https://", "HTTP://", "mailto:", "ftp://", "javascript:", "//", "/", "./", "../", "#", "?", ":",
    "@", "%", "%2F", "%zz", "%4", "[", "]", "::1", "example.org", "EXAMPLE.org", "a_b", "a-b", "xn--n3h", "☃",
    "é", "ſ", "K", " ", "\t", "'", '"', "<", ">", "\\", "|", "^", "`", "{", "}", "(", ")", "*", "!", "~", "+",
    "=", "&", "$", ",", ";", ":80", ":", "a" * 64, "b" * 260, ".", "..", "user:pw@", "\ud83d", "😀", "\x00",
])
URLS = st.one_of(st.lists(URL_PIECES, max_size=8).map("".join), st.text(max_size=30))


@settings(max_examples=3000, deadline=None)
@given(URLS)
def test_normalize_link_matches_markdown_it(url: str) -> None:
    """markdown-it's result, but for a non-ASCII host, which is mapped first (as a browser maps it)."""
    assert normalize_link(url) == stock_normalize_link(_host_mapped(url))


@pytest.mark.parametrize("host, mapped", [
    ("BÜCHER.example", "bücher.example"), ("Bücher.Example", "bücher.example"), ("ＢÜＣHER。example", "bücher.example"),
    ("straße.de", "straße.de"), ("STRAẞE.de", "straße.de"), ("ΣΟΦΟΣ.gr", "σοφοσ.gr"), ("σοφος.gr", "σοφος.gr"),
    ("Ké.org", "ké.org"), ("Å.no", "å.no"),
])
def test_a_non_ascii_host_is_mapped_as_uts46_maps_it(host: str, mapped: str) -> None:
    """An attacker's report: [arsip](https://BÜCHER.example/) became href="https://xn--BCHER-2pa.example/", a host no
    browser finds (it maps the host before punycode: xn--bcher-kva). The idna package's UTS 46 tables agree."""
    assert map_host(host) == mapped
    try:
        import idna  # requests' dependency, no test's: when it is there, its tables are the reference
    except ImportError:
        pass
    else:
        assert idna.uts46_remap(host, std3_rules=False, transitional=False) == mapped
    assert normalize_link(f"https://{host}/digest/archive/") == stock_normalize_link(f"https://{mapped}/digest/archive/")
    page = markdown.render("[arsip](https://BÜCHER.example/digest/archive/)\n").html
    assert page == '<p><a href="https://xn--bcher-kva.example/digest/archive/" rel="noopener">arsip</a></p>\n'


@pytest.mark.parametrize("url", [
    "https://example.org/a/b?c=d&e=f#g", "http://localhost:8080/", "/tags/ai/", "#fn1", "relative/path.html",
    "https://" + "a" * 63 + ".org/", "https://" + ".".join(["a" * 60] * 5) + "/", "https://a..b/",
    "https://example.org/%E2%98%83", "https://example.org/%zz", "https://exa_mple.org/", "mailto:a@b.org",
    "HTTPS://Example.ORG/", "https://example.org:/", "https://example.org:80x/", "https://user@example.org/",
    "https://☃.net/", "https://[::1]/", "x:y", "//example.org/", "", " https://example.org/ ",
])
def test_normalize_link_edge_cases(url: str) -> None:
    assert normalize_link(url) == stock_normalize_link(url)


TEXT_PIECES = st.sampled_from([
    "http://a.org", "https://b.org/x?y=1", "HTTPS://C.ORG", "mailto:x@y.org", "httpſ://d.org", "www.e.org",
    "f@g.org", "[l](https://h.org)", "<https://i.org>", "`https://j.org`", "_", "*", "**", "\\", "\\_", ":", "//",
    " ", "\n", "\n\n", "- ", "> ", "# ", "<a href=\"https://k.org\">", "</a>", "<small>", "&amp;", "&#104;", "text",
    "![i](https://m.org/p.png)", "[^1]", "\n\n[^1]: note https://n.org\n", "~~", "| a | b |\n|---|---|\n",
])


@settings(max_examples=1500, deadline=None)
@given(st.lists(TEXT_PIECES, max_size=14).map("".join))
def test_generated_markdown_renders_the_same(text: str) -> None:
    stock, fast = both(text)
    assert fast == stock
