"""The simple front-matter reader gives exactly what PyYAML gives, or leaves the text to PyYAML.

Differential test: ``frontmatter._simple`` reads front matter of the usual shape without PyYAML (about three
times as fast); ``load_yaml_fully`` is PyYAML with our resolver, the definition. For every input, the simple
reader must either decline (None) or give the same values (same types, same key order) and the same key lines;
and where PyYAML refuses the text, the simple reader must decline, so the editor gets PyYAML's message. Inputs:
generated front matter built from the pieces editors write and the pieces YAML reads in surprising ways, every
Markdown file in the repository, and the benchmark corpus. Other tests check that the usual shapes really take
the simple reader, or the equality would hold trivially.
"""
from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from generator.load import frontmatter
from generator.load.frontmatter import YamlError, load_yaml, load_yaml_fully, split
from test_markdown_speed import shared_bench

HERE = Path(__file__).parent

USUAL_KEYS = ["title", "date", "tags", "companies", "source", "name", "url", "a", "b-c", "_x", "true", "on"]
ODD_KEYS = ["null", "NULL", "12", "k" * 1030, "a b", "-a", "<<"]
USUAL = [
    "plain text", "Meta beli 49% saham Scale AI", "yes", "no", "true", "False", "TRUE", "12", "+4", "0x1F", "0o17",
    "017", "1e3", "1.5", "1_000", ".5", ".inf", ".nan", "~", "null", "Null", "", "a:b", "C#", "12:30",
    "2023-03-24T06:15:40+07:00", "2025-06-13", '"quoted"', '""', '"a: b #c"', "'single'", "''", "'a\" b'",
    "[a, b]", "[]", "[ ]", "[1, true, ~, x y]", "é ünï 東京", "a\u00a0", "trailing   ", "https://example.org/a?b=c#d",
    "a, b ]", "a]", "a}", "--- x",
]
"""Scalars the simple reader takes: the draw picks these most of the time, so that it is tested on them."""
ODD = [
    "-3", "-.inf", " ", "a: b", "a #b", "x:", '"esc \\t"', '"esc \\"', "'it''s'", '"a"b"', '"a', "'a", "[a,,b]",
    "[a, b,]", "[a, [b]]", "[a:b]", "[a: b]", "['a']", '["a"]', "[a #b]", "[a", "-5", "- x", "-", "?x", "? x",
    ":x", "&a x", "*a", "!!str x", "!x y", "|", ">-", "%x", "@x", "`x`", "{a: b}", "{}", "a\tb", "\u2028",
    "x\u0085y", "\ufeff", "a\x7fb", "'a' # c", '"a" # c', "a # c", "...", "#",
]
"""Scalars that PyYAML reads in surprising ways, refuses, or that the simple reader leaves to it."""
LEADS = ["", " ", "  ", "    "]


def front_matter(seed: int) -> str:
    """Lines of front matter: key lines, block lists and mappings (well and badly indented), comments, blanks.
    Mostly what editors write, so that the simple reader is tested where it reads; one piece in eight is odd."""
    rng = random.Random(seed)

    def pick(usual: list[str], odd: list[str]) -> str:
        return rng.choice(odd if rng.random() < 0.125 else usual)

    def key(n: int) -> str:  # distinct, except now and then (a key given twice is an error)
        name = pick(USUAL_KEYS, ODD_KEYS)
        return name if rng.random() < 0.1 else f"{name}{n}"

    def lead(usual: str) -> str:
        return rng.choice(LEADS) if rng.random() < 0.125 else usual

    lines: list[str] = []
    for n in range(rng.randint(1, 7)):
        kind = rng.choice(["scalar"] * 4 + ["list"] * 2 + ["mapping"] * 2 + ["empty", "comment", "blank", "odd"])
        gap = pick([" "], ["  ", ""])
        if kind == "scalar":
            lines.append(f"{key(n)}:{gap}{pick(USUAL, ODD)}")
        elif kind in ("list", "mapping"):
            lines.append(f"{key(n)}:")
            indent = rng.choice(LEADS[1:] if kind == "mapping" else LEADS)
            for i in range(rng.randint(0, 3)):
                lines.append(f"{lead(indent)}-{gap}{pick(USUAL, ODD)}" if kind == "list"
                             else f"{lead(indent)}{key(i)}:{gap}{pick(USUAL, ODD)}")
        elif kind == "empty":
            lines.append(f"{key(n)}:")
        elif kind == "comment":
            lines.append(f"{rng.choice(LEADS)}# {pick(USUAL, ODD)}")
        elif kind == "blank":
            lines.append(rng.choice(LEADS))
        else:  # a continuation line, a list item or a value with no key
            lines.append(f"{rng.choice(LEADS)}{pick(USUAL, ODD)}")
    return "\n".join(lines) + "\n"


def shape(value: Any) -> str:
    """The value with its types and key order: 1, 1.0, True and '1' all differ."""
    return repr(value)


def assert_same(text: str, first_line: int = 2) -> bool:
    """The simple reader declines, or agrees with PyYAML; True when it read the text itself."""
    simple = frontmatter._simple(text, first_line)
    try:
        full = load_yaml_fully(text, first_line)
    except YamlError as e:
        assert simple is None, f"PyYAML refuses this ({e.message}), the simple reader took it: {text!r}"
        return False
    if simple is None:
        return False
    assert shape(simple[0]) == shape(full[0]), text
    assert simple[1] == full[1], text
    return True


SEEDS = st.integers(0, 2**32)


@settings(max_examples=6000, deadline=None, derandomize=True)
@given(SEEDS)
def test_generated_front_matter_reads_the_same(seed: int) -> None:
    assert_same(front_matter(seed))


def test_generated_front_matter_often_takes_the_simple_reader() -> None:
    """Checked on the inputs above, or the differential test could pass with a reader that always declines."""
    taken = []

    for seed in range(1000):
        taken.append(assert_same(front_matter(seed)))
    assert sum(taken) > len(taken) // 5


MARKDOWN_FILES = sorted(p for p in (HERE.parent / "content").rglob("*.md")) + sorted(HERE.rglob("*.md"))


def _front_matter_of(path: Path) -> tuple[str, int] | None:
    try:
        parts = split(path.read_text(encoding="utf-8").replace("\r\n", "\n"))
    except (frontmatter.SplitError, UnicodeDecodeError):
        return None
    return parts.yaml_text, parts.yaml_line


def test_every_markdown_file_in_the_repository_reads_the_same() -> None:
    found = [fm for path in MARKDOWN_FILES if (fm := _front_matter_of(path))]
    assert len(found) > 20
    taken = [assert_same(text, line) for text, line in found]
    assert sum(taken) > len(taken) // 2


def test_the_benchmark_corpus_takes_the_simple_reader(tmp_path: Path) -> None:
    """The corpus the speed targets are measured on: read the same, and every article by the simple reader."""
    shared = shared_bench()
    if shared is None:
        if os.environ.get("CI"):
            pytest.fail("shared/bench/make_corpus.py not found beside the repository; set DIGEST_SHARED")
        pytest.skip("shared/bench/make_corpus.py not found beside the repository (set DIGEST_SHARED)")
    for style in ("news", "newsletter"):
        subprocess.run([sys.executable, str(shared / "make_corpus.py"), "--articles", "60", "--style", style,
                        "--out", str(tmp_path / style)], check=True, capture_output=True)
        found = [fm for path in sorted((tmp_path / style).rglob("*.md")) if (fm := _front_matter_of(path))]
        assert len(found) >= 60
        assert all(assert_same(text, line) for text, line in found), style


@pytest.mark.parametrize("text", [
    "title: Judul\ndate: 2025-06-13T09:00:00+07:00\n",
    'title: "OpenAI: GPT-4 #1"\nsummary: \'Kata "kunci"\'\n',
    "tags: [ai, chip, 12, true, ~]\ncompanies: []\n",
    "tags:\n  - ai\n  - chip\ncompanies:\n- Meta\n- Scale AI\n",
    "source:\n  name: Kompas Tekno\n  url: https://tekno.kompas.com/read/x?a=1#b\n",
    "# a comment\ntitle: C# dan F#\n\n  # indented comment\ndraft: false\ntoc:\nweight: 1.5e3\n",
    "title: Meta, [Scale] {AI}\n",
])
def test_the_usual_shapes_take_the_simple_reader(text: str) -> None:
    assert assert_same(text)


@pytest.mark.parametrize("text", [
    "title: a\ntitle: b\n",                    # a key twice: PyYAML's message names both lines
    "title: a\n  continued\n",                 # a value over two lines
    "title: \"tab\\tescape\"\n",               # an escape
    "title: &a x\nb: *a\n",                    # anchors
    "title: !!python/object x\n",              # a tag
    "title: x # comment\n",                    # a comment after a value
    "title:\tx\n",                             # a tab
    "title: a: b\n",                           # PyYAML refuses it
    "tags:\n  - a\n   - b\n",                  # uneven items
    "source:\n  url:\n    x: 1\n",             # nested two levels
    "tags: [a,\n  b]\n",                       # a flow list over two lines
    "summary: >\n  folded\n",                  # a block scalar
    "title: x\u2028y\n",                       # a line break to YAML 1.1
])
def test_everything_else_goes_to_pyyaml(text: str) -> None:
    assert frontmatter._simple(text, 2) is None
    assert_same(text)


def test_load_yaml_reports_pyyaml_errors_with_the_line() -> None:
    with pytest.raises(YamlError) as e:
        load_yaml("title: a\ntitle: b\n", 2)
    assert (e.value.line, e.value.field) == (3, "title")


@pytest.mark.parametrize("text, said", [
    # the first key under a parent ('google:'), which YAML noticed a line later
    ('google:\n  name "Google"\n  aliases: ["Alphabet"]\n',
     (2, "google.name", "has no ':' after the key; write name: \"Google\"; or, if it is the text of 'google:', put "
                        "that text in double quotes on its line")),
    # a parent key without its ':' was told to move its fields to the left
    ('title: x\nsource\n  name: CNBC\n', (2, "source", "has no ':' after the key; write source:")),
    # after a list at column 0, a key, not an item without its '-'
    ("tags:\n- ai\nsummary Ringkasan\n", (3, "summary", "has no ':' after the key; write summary: Ringkasan")),
    # advice that was no YAML: '@' and '*' cannot start a value, a '"' in the middle, a list never closed
    ("x: 1\ntitle @redaksi menang\n", (2, "title", "has no ':' after the key; write title: \"@redaksi menang\"")),
    ("x: 1\nsummary *Penting* hari ini\n", (2, "summary", "has no ':' after the key; write summary: "
                                                           "\"*Penting* hari ini\"")),
    ('x: 1\nsummary "Meta" akuisisi\n', (2, "summary", "has no ':' after the key; write summary: "
                                                        "\"\\\"Meta\\\" akuisisi\"")),
    ("x: 1\ntags [a, b\ny: 2\n", (2, "tags", "has no ':' after the key; write tags: [a, b]")),
    # a list written whole was advised in quotes, which is "must be a list"; text stays in quotes
    ("x: 1\ntags [panduan, ai]\n", (2, "tags", "has no ':' after the key; write tags: [panduan, ai]")),
    ("x: 1\ntitle [Breaking]\n", (2, "title", "has no ':' after the key; write title: \"[Breaking]\"")),
    # a comment with ': ' in it hid the slip ("could not find expected ':'", two lines down)
    ("r:\n  name: R\n  url https://r.example/   # home page: the site\n",
     (3, "r.url", "has no ':' after the key; write url: https://r.example/")),
    # the next line's comment was read as part of its value, which was then advised in quotes
    ("r:\n  name: R\n  url https://r.example/   # home page\n  aliases: [m.r.example]  # other hosts\n",
     (3, "r.url", "has no ':' after the key; write url: https://r.example/")),
    # a list over two lines, closed, was "never closed; write aliases: [Telkom, TLKM]", dropping Telkomsel
    ("telkom:\n  name: Telkom\n  aliases: [Telkom, TLKM,\n    Telkomsel]\n  url https://www.telkom.co.id/\n",
     (5, "telkom.url", "has no ':' after the key; write url: https://www.telkom.co.id/")),
    # a note after the value stays a note, after the quotes, as ``cut_by_comment`` keeps it
    ("x: 1\ntitle: [Breaking] news  # from the wire\n",
     (2, "title", "starts with '[', which YAML reads as a list; put the whole value in double quotes: "
                  "title: \"[Breaking] news\"  # from the wire")),
    # inside a '[' never closed too, where it was put in the quotes ('title: "[  # c"', a title with the comment)
    ("x: 1\ntitle: [  # c\n", (2, "title", "starts with '[', which YAML reads as a list; put the whole value in double "
                                           "quotes: title: \"[\"")),
    ("x: 1\ntitle: {Breaking #1  # c\n", (2, "title", "starts with '{', which YAML reads as a mapping; put the whole "
                                                      "value in double quotes: title: \"{Breaking #1\"")),
    # a '#' inside quotes was cut as a comment (title: "\"Nomor), and a value in quotes with its escapes ('' or
    # \") was quoted again; a tab before a comment kept the comment in the advice
    ('x: 1\ntitle "Nomor #1"  # judul\n', (2, "title", "has no ':' after the key; write title: \"Nomor #1\"")),
    ('x: 1\ntitle "a\\" # b"  # c\n', (2, "title", "has no ':' after the key; write title: \"a\\\" # b\"")),
    ("x: 1\ntitle 'it''s'\n", (2, "title", "has no ':' after the key; write title: 'it''s'")),
    ('x: 1\ntags [a, "b # c"]\n', (2, "tags", "has no ':' after the key; write tags: [a, \"b # c\"]")),
    ("x: 1\ntags [a, b]\t# c\n", (2, "tags", "has no ':' after the key; write tags: [a, b]")),
    # the first key, with a comment after it or a comment line below (config.yaml's scaffold), was "did not find
    # expected <document start>" at the next key's line
    ("title Hello  # c\ndate: 2025-01-01\n", (1, "title", "has no ':' after the key; write title: Hello")),
    ('title "News Digest"\n\n# c\nbase_url: x\n', (1, "title", "has no ':' after the key; write title: \"News Digest\"")),
])
def test_a_key_without_its_colon_is_told_at_its_line_with_advice_yaml_reads(text: str,
                                                                             said: tuple[int, str, str]) -> None:
    """Testers' reports on the messages for a line whose ':' was left out."""
    with pytest.raises(frontmatter.YamlError) as caught:
        frontmatter.load_yaml(text, 1)
    assert (caught.value.line, caught.value.field, caught.value.message) == said
    if "; write " in said[2] and "; or" not in said[2]:  # the advice, written in, reads back
        line = said[2].split("; write ", 1)[1]
        assert frontmatter.load_yaml(line + "\n", 1)[0] == frontmatter.load_yaml_fully(line + "\n", 1)[0]


@pytest.mark.parametrize("entry", [
    'c{i}:\n  name: "C{i}"\n  aliases: ["A{i}",\n    "B{i}"]\n  url: "https://c{i}.example/"\n',  # companies.yaml
    "k{i}: [a,\n  b]\n",                                                                          # front matter
])
def test_a_slip_after_many_lists_over_lines_reads_the_text_a_few_times_not_once_a_list(
        entry: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each list above an unknown slip was checked by reading the whole text again: 250 companies took 12 s."""
    text = "".join(entry.format(i=i) for i in range(250)) + "zz:\n  - a\n  b: c\n"
    scans, scan = [], frontmatter.yaml.scan
    monkeypatch.setattr(frontmatter.yaml, "scan", lambda *a, **k: scans.append(1) or scan(*a, **k))
    with pytest.raises(frontmatter.YamlError) as caught:
        frontmatter.load_yaml(text, 1)
    assert caught.value.line == text.count("\n")
    assert caught.value.message.startswith("YAML syntax error: did not find expected '-' indicator")
    assert len(scans) <= 5


@pytest.mark.parametrize("text, meant", [
    ('title: "Meta \\"all in\\" on "AI""\n', 'Meta "all in" on "AI"'),
    ('title: "Meta \\"all in\\" on AI\'s "plan""\n', 'Meta "all in" on AI\'s "plan"'),
    ('title: "tab\\there "x""\n', 'tab\there "x"'),
    ("title: 'McDonald''s 'Big' Mac'\n", "McDonald's 'Big' Mac"),
    ('title: "Meta "besar" beli"\n', 'Meta "besar" beli'),
    ('title: "a" b\n', '"a" b'),
    ("title: 'a' b\n", "'a' b"),
    ('title: "C:\\\ndate: 2025-01-01\n', "C:\\"),
    # a second wave: an escape YAML does not read was kept, so the advice was said again on every run; a last
    # backslash ended up escaping the closing quote; quoted words lost their outer quotes; a forgotten closing
    # quote was published
    ('title: "C:\\Users "x" path"\n', 'C:\\Users "x" path'),
    ('title: "a "b" c\\"\n', 'a "b" c\\'),
    ('title: "Meta "AI" \\\n', 'Meta "AI" \\'),
    ('title: "Meta" vs "Google"\n', '"Meta" vs "Google"'),
    ("title: 'Meta' vs 'Google'\n", "'Meta' vs 'Google'"),
    ('title: "Meta "AI" deal\n', 'Meta "AI" deal'),
])
def test_quote_advice_written_in_as_it_says_gives_the_text_meant(text: str, meant: str) -> None:
    """An attacker wrote each piece of quote advice in literally and built: escapes kept in single quotes published
    backslashes ('Meta \\"all in\\"'), a doubled quote moved into double quotes published both ("McDonald''s"),
    '"a" b' lost its first quote, and '"C:\\' was advised a line whose quote was still not closed."""
    with pytest.raises(frontmatter.YamlError) as caught:
        frontmatter.load_yaml(text, 1)
    advised = caught.value.message.rsplit("write it as ", 1)[-1] if "write it as " in caught.value.message else \
        caught.value.message.split("end the value with ", 1)[1][3:]
    assert frontmatter.load_yaml(advised + "\n", 1)[0] == {"title": meant}


def said(text: str, rel: str = "content/a.md") -> list[str]:
    """The messages ``text``, front matter from file line 2, gets, as ``digest check`` prints them."""
    try:
        frontmatter.load_yaml(text, 2)
    except YamlError as e:
        return [str(p) for p in frontmatter.yaml_problems(rel, e)]
    return []


def advised(message: str, key: str) -> Any:
    """The value of ``key`` as YAML reads the line a message says to write."""
    return frontmatter.load_yaml(f"{key}: " + message.rsplit(f" {key}: ", 1)[1] + "\n", 1)[0][key]


TOP = "title: Uji\ndate: 2025-06-03\nsummary: Ringkasan.\n"


def assert_read_past(text: str, tags: list[str]) -> None:
    """``text``, with a slip, is read as its advice says to write it: its tags as meant, the slug after it read."""
    values, _, slip = frontmatter.load_yaml_past_slips(text, 2, [])
    assert slip is not None and (values["tags"], values["slug"]) == (tags, "Ab_C")


@pytest.mark.parametrize("text, message, meant", [
    (TOP + "tags: [data, AI: generatif]]\n",
     "content/a.md:5: field 'tags': has one ']' too many; write tags: [data, \"AI: generatif\"]",
     ["data", "AI: generatif"]),
    (TOP + "tags: [[data, AI: generatif]\n",
     "content/a.md:5: field 'tags': has one '[' too many; write tags: [data, \"AI: generatif\"]",
     ["data", "AI: generatif"]),
    (TOP + "tags: [data, #ai]]\n",
     "content/a.md:5: field 'tags': '#ai' starts a YAML comment, so the list is never closed, and it has one ']' too "
     "many; put a name that starts with '#' in double quotes: tags: [data, \"#ai\"]", ["data", "#ai"]),
    (TOP + "tags: [[data, #ai]\n",
     "content/a.md:5: field 'tags': '#ai' starts a YAML comment, so the list is never closed, and it has one '[' too "
     "many; put a name that starts with '#' in double quotes: tags: [data, \"#ai\"]", ["data", "#ai"]),
    ("sections: [[Bisnis, AI: generatif]\n",
     "content/a.md:2: field 'sections': has one '[' too many; write sections: [Bisnis, \"AI: generatif\"]",
     ["Bisnis", "AI: generatif"]),
    # a list never closed repeated the unclosed quote of an item below it ('tags: [data, "O'Reilly]')
    (TOP + "tags: [data,\n  \"O'Reilly\n",
     "content/a.md:5: field 'tags': starts a list with '[' that is never closed; write it on one line, in place of "
     "lines 5 to 6: tags: [data, \"O'Reilly\"]", ["data", "O'Reilly"]),
    (TOP + "tags: [data,\n  'Meta\n",
     "content/a.md:5: field 'tags': starts a list with '[' that is never closed; write it on one line, in place of "
     "lines 5 to 6: tags: [data, 'Meta']", ["data", "Meta"]),
    # an alias read past was read as '~', which the advice wrote in its place ('write tags: [~, data]')
    (TOP + "tags: [*b, data]]\n", "content/a.md:5: field 'tags': has one ']' too many; write tags: [\"*b\", data]",
     ["*b", "data"]),
    (TOP + "tags: [data, *b\n", "content/a.md:5: field 'tags': starts a list with '[' that is never closed; write "
                                "tags: [data, \"*b\"]", ["data", "*b"]),
    ("amazon: &a [*b\n", "content/a.md:2: field 'amazon': '&' cannot start a value in YAML; put the whole value in "
                         "double quotes: amazon: \"&a [*b\"", "&a [*b"),
])
def test_a_list_s_advice_writes_each_item_as_yaml_reads_it_back(text: str, message: str, meant: list[str]) -> None:
    """An attacker's reports: 'write tags: [data, AI: generatif]' then failed ("must be a flat list"); the '#' advice
    kept a doubled '[', or published the tag '#ai]'; a quote left open below a list never closed stayed open."""
    assert said(text) == [message]
    key = message.split("field '", 1)[1].split("'", 1)[0]
    assert advised(message, key) == meant


@pytest.mark.parametrize("text, messages, tags", [
    (TOP + "tags: [data, @openai]\nslug: Ab_C\n",
     ["content/a.md:5: field 'tags': '@openai' starts with '@', which cannot start a name in YAML; put it in double "
      "quotes: tags: [data, \"@openai\"]"], ["data", "@openai"]),
    (TOP + "tags: [data, `kode`]]\nslug: Ab_C\n",
     ["content/a.md:5: field 'tags': '`kode`' starts with '`', which cannot start a name in YAML, and the list has one "
      "']' too many; put it in double quotes: tags: [data, \"`kode`\"]"], ["data", "`kode`"]),
    (TOP + "tags:\n  - data\n  - @openai  # akun\n  - `kode`\nslug: Ab_C\n",
     ["content/a.md:7: field 'tags': '@openai' starts with '@', which cannot start a name in YAML; put it in double "
      "quotes: - \"@openai\"  # akun",
      "content/a.md:8: field 'tags': '`kode`' starts with '`', which cannot start a name in YAML; put it in double "
      "quotes: - \"`kode`\""], ["data", "@openai", "`kode`"]),
    # after an item with a '?', which the pure-Python parser ends a plain value in brackets at
    (TOP + "tags: [a?b, @openai]\nslug: Ab_C\n",
     ["content/a.md:5: field 'tags': '@openai' starts with '@', which cannot start a name in YAML; put it in double "
      "quotes: tags: [a?b, \"@openai\"]"], ["a?b", "@openai"]),
    # its '-' left out too: the parser's "found character that cannot start any token"
    (TOP + "tags:\n  - data\n  @openai  # akun\nslug: Ab_C\n",
     ["content/a.md:7: '@openai  # akun' has no '-' before it to be an item of the list above: write "
      "'  - \"@openai\"  # akun'"], ["data", "@openai"]),
])
def test_a_name_starting_with_at_or_a_backquote_is_said_at_its_line_and_read_past(
        text: str, messages: list[str], tags: list[str]) -> None:
    """An attacker's report: the parser's "found character that cannot start any token", and nothing else."""
    assert said(text) == messages
    assert_read_past(text, tags)


@pytest.mark.parametrize("text, extra, last, tags", [
    (TOP + "tags: [data,\n  startup]]\nslug: Ab_C\n", "one ']'", 6, ["data", "startup"]),
    (TOP + "tags: [[data,\n  startup]\nslug: Ab_C\n", "one '['", 6, ["data", "startup"]),
    (TOP + "tags: [data,\n  # c\n  startup,\n  AI: generatif]]  # c\nslug: Ab_C\n", "one ']'", 8,
     ["data", "startup", "AI: generatif"]),
])
def test_a_doubled_bracket_of_a_list_over_lines_is_said_with_the_list_on_one_line(
        text: str, extra: str, last: int, tags: list[str]) -> None:
    """An attacker's report: the parser's words, or "never closed" with '"[data"' quoted as an item."""
    written = ", ".join(f'"{tag}"' if ": " in tag else tag for tag in tags)
    assert said(text) == [f"content/a.md:5: field 'tags': has {extra} too many; write it on one line, in place of "
                          f"lines 5 to {last}: tags: [{written}]"]
    assert_read_past(text, tags)


@pytest.mark.parametrize("text, rel, message", [
    (TOP + "source:\n  name: \"Kompas\n  url: \"https://www.kompas.com/a\"\nslug: Ab_C\n", "content/a.md",
     "content/a.md:6: field 'source.name': the double quote that starts the value is never closed, so YAML reads on "
     "past this line; end the value with \": name: \"Kompas\""),
    ("kompas:\n  name: \"Kompas\n  url: \"https://www.kompas.com/\"\n", "content/sources.yaml",
     "content/sources.yaml:2: field 'kompas.name': the double quote that starts the value is never closed, so YAML "
     "reads on past this line; end the value with \": name: \"Kompas\""),
    ("acme:\n  name: 'Acme AI\n  aliases: ['Acme']\n", "content/companies.yaml",
     "content/companies.yaml:2: field 'acme.name': the single quote that starts the value is never closed, so YAML "
     "reads on past this line; end the value with ': name: 'Acme AI'"),
])
def test_an_indented_key_s_quote_never_closed_is_said_at_its_line_with_its_parent(
        text: str, rel: str, message: str) -> None:
    """An attacker's report: the parser's words a line down when the next key's value was quoted too."""
    first = 2 if rel.endswith(".md") else 1
    with pytest.raises(YamlError) as caught:
        frontmatter.load_yaml(text, first)
    assert [str(p) for p in frontmatter.yaml_problems(rel, caught.value)] == [message]


def test_pyyamls_forbidden_characters_are_the_ones_pyyaml_writes() -> None:
    """``frontmatter`` puts PyYAML's ``Reader.NON_PRINTABLE`` in ``re``'s cache before importing ``yaml``, written
    as the characters it holds (``_yaml_printable_check_made_cheaply``): the same characters as PyYAML's own text,
    and the pure-Python reader still refuses them."""
    import re
    import yaml.reader
    written = "[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]"
    pyyaml = re.compile(written, re.UNICODE)  # another key of the cache than PyYAML's (flags 0): compiled from it
    every = "".join(map(chr, range(0x110000)))
    assert [m.start() for m in yaml.reader.Reader.NON_PRINTABLE.finditer(every)] == \
        [m.start() for m in pyyaml.finditer(every)]
    with pytest.raises(yaml.reader.ReaderError):
        yaml.reader.Reader("a: \x85\x01")
    run = subprocess.run([sys.executable, "-c", "import generator.load.frontmatter, yaml.reader; "
                          "print(type(yaml.reader.Reader.NON_PRINTABLE).__name__)"],
                         capture_output=True, text=True, check=True,
                         env=os.environ | {"PYTHONPATH": str(Path(__file__).parent.parent)})
    assert run.stdout == "LazyPattern\n", "compiled only if the pure-Python reader runs"
