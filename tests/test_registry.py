"""The company registry: names and aliases in any case, strict entries, 'did you mean'."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from conftest import CONFIG, article, build_project, make_project
from generator.commands.cli import main
from generator.commands.check import run_check
from generator.core.errors import BuildError
from generator.core.models import BuildOptions
from generator.load.registry import load_registry

GOOD = """\
meta:
  name: Meta
  aliases: [Facebook, Meta Platforms]
  url: https://about.meta.com/
  description: Induk Facebook.
scale-ai:
  name: Scale AI
"""


def registry(tmp_path: Path, text: str):
    (tmp_path / "companies.yaml").write_text(text)
    return load_registry(tmp_path / "companies.yaml", "content/companies.yaml")


def registry_problems(tmp_path: Path, text: str) -> list[str]:
    """What a companies.yaml with an error is told, every problem as printed."""
    with pytest.raises(BuildError) as caught:
        registry(tmp_path, text)
    return [str(p) for p in caught.value.problems]


def sources_problems(tmp_path: Path, text: str) -> list[str]:
    """What a sources.yaml (project root) of ``text`` is told, every problem as printed."""
    from generator.load.publishers import load_sources
    (tmp_path / "sources.yaml").write_text(text)
    return [str(p) for p in load_sources(tmp_path / "sources.yaml", "content/sources.yaml")[1]]


def test_lookup_by_name_or_alias_in_any_case_and_spacing(tmp_path: Path) -> None:
    reg = registry(tmp_path, GOOD)
    assert [reg.lookup(n).id for n in ("Meta", "facebook", "META  platforms", "scale ai")] == ["meta", "meta", "meta", "scale-ai"]
    assert reg.lookup("Google") is None
    assert reg.suggest("Scale-AI") == "Scale AI" and reg.suggest("Facebok") == "Meta" and reg.suggest("Zzz") is None


def test_missing_registry_is_empty(tmp_path: Path) -> None:
    assert load_registry(tmp_path / "none.yaml", "content/companies.yaml").companies == {}


def test_bad_entries_are_all_reported(tmp_path: Path) -> None:
    with pytest.raises(BuildError) as caught:
        registry(tmp_path, "Meta Inc:\n  name: Meta\ngoogle:\n  nama: Google\nx:\n  name: X\n  aliases: Facebook\n"
                           "y:\n  name: Y\n  url: ftp://y\nz:\n  name: Meta\nw:\n  name: [W]\nv:\n  name: V\n  description: 5\n"
                           "u:\n  name: U\n  url: https://u.example/about us\n")
    assert [str(p) for p in caught.value.problems] == [
        "content/companies.yaml:1: field 'Meta Inc': company id must be lowercase letters, digits and hyphens, like 'scale-ai'",
        "content/companies.yaml:3: field 'google.name': is required; add name: \"...\"",
        "content/companies.yaml:4: field 'google.nama': unknown key; did you mean 'name'?",
        "content/companies.yaml:7: field 'x.aliases': must be a list of names, like [Facebook, Meta Platforms]",
        "content/companies.yaml:10: field 'y.url': must be an http(s) URL such as https://example.com/",
        "content/companies.yaml:12: field 'z': name or alias 'Meta' is also used by 'Meta Inc' (line 2); give it to "
        "one company",  # an entry whose id is wrong is still read whole: its fix would meet this next
        "content/companies.yaml:14: field 'w.name': must be one line of text, but YAML read a list ([W]); write the "
        "text on the key's line: name: \"...\"",
        "content/companies.yaml:17: field 'v.description': must be text, got 5; write it in quotes",
        "content/companies.yaml:20: field 'u.url': 'https://u.example/about us' has a space or a line break in it, "
        "which a link cannot hold; copy the address again from the browser, or write a space as %20",
    ]


def test_an_entrys_problems_are_all_said_in_one_run(tmp_path: Path) -> None:
    """An editor's report: an entry without its name (or with a bad id) was reported for that alone; its alias
    taken by another company and its url were said only after the name was added, one run later."""
    with pytest.raises(BuildError) as caught:
        registry(tmp_path, GOOD + "xl-axiata:\n  nama: XL Axiata\n  aliases: [Meta]\n  url: xl.co.id\n"
                                  "Kompas_ID:\n  name: Kompas\n  aliases: [Facebook]\n")
    assert [str(p) for p in caught.value.problems] == [
        "content/companies.yaml:8: field 'xl-axiata.name': is required; add name: \"...\"",
        "content/companies.yaml:9: field 'xl-axiata.nama': unknown key; did you mean 'name'?",
        "content/companies.yaml:10: field 'xl-axiata': name or alias 'Meta' is also used by 'meta' (line 2); give it "
        "to one company",
        "content/companies.yaml:11: field 'xl-axiata.url': must be an http(s) URL such as https://example.com/",
        "content/companies.yaml:12: field 'Kompas_ID': company id must be lowercase letters, digits and hyphens, like "
        "'scale-ai'",
        "content/companies.yaml:14: field 'Kompas_ID': name or alias 'Facebook' is also used by 'meta' (line 3); give "
        "it to one company"]


def test_a_company_given_twice_does_not_hide_the_registrys_other_problems(tmp_path: Path) -> None:
    """`google:` twice was the only problem reported; a bad url of another entry came out in the next run."""
    with pytest.raises(BuildError) as caught:
        registry(tmp_path, "google:\n  name: Google\ngoogle:\n  name: Alphabet\nmeta:\n  name: Meta\n  url: ftp://m\n"
                           "x:\n  name: X\n  url: https://[x.example/\n")
    assert [str(p) for p in caught.value.problems] == [
        "content/companies.yaml:3: field 'google': is defined twice (first on line 1); keep one",
        "content/companies.yaml:7: field 'meta.url': must be an http(s) URL such as https://example.com/",
        "content/companies.yaml:10: field 'x.url': 'https://[x.example/' has '[' or ']' in its host, which only an "
        "IPv6 address in brackets may have; copy the address again from the browser"]


def test_a_broken_registry_does_not_hide_the_articles_errors(tmp_path: Path) -> None:
    """A duplicate id in companies.yaml was the only problem a build or check reported; the articles' errors came
    in the next run. Their warnings about companies (every one unknown without the registry) are left out; their
    other warnings, and the pages', were left out too."""
    make_project(tmp_path, {"a.md": article(title="A", companies="[Meta]", bogus="1"),
                            "b.md": article(title="B", date="2025-13-01"),
                            "pages/tentang.md": "---\ntitle: Tentang\nbogus: 1\n---\nIsi.\n"},
                 companies="meta:\n  name: Meta\nmeta:\n  name: Meta Platforms\n")
    expected = ["content/a.md:5: field 'bogus': warning: unknown field, ignored; known fields: title, date, summary, "
                "source, tags, companies, section, author, image, image_alt, image_caption, image_credit, slug, "
                "updated, draft, redirects, toc, lang",
                "content/b.md:3: field 'date': '2025-13-01' is not a valid date (month must be in 1..12); write "
                "YYYY-MM-DD or an ISO 8601 date-time such as 2025-06-13T09:00:00+07:00, or the date as the news page prints it: 13 Juni 2025 09.00 WIB",
                "content/companies.yaml:3: field 'meta': is defined twice (first on line 1); keep one",
                "content/pages/tentang.md:3: field 'bogus': warning: unknown field for a page, ignored; known fields: "
                "title, summary, slug, draft, redirects, lang"]
    with pytest.raises(BuildError) as caught:
        build_project(tmp_path)
    assert sorted(str(p) for p in caught.value.problems) == expected
    report = run_check(tmp_path / "config.yaml", BuildOptions())
    assert sorted(str(f.problem) for f in report.findings) == expected


def test_a_line_without_its_colon_is_named_at_its_line(tmp_path: Path) -> None:
    """PyYAML notices the missing ':' where the next line starts, a line that may not exist."""
    with pytest.raises(BuildError) as caught:
        registry(tmp_path, GOOD + "zz:\n  name: Z\n  url https://z.com/\n")
    assert [str(p) for p in caught.value.problems] == [
        "content/companies.yaml:10: field 'zz.url': has no ':' after the key; write url: https://z.com/"]


def test_a_merge_conflict_is_named_as_one(tmp_path: Path) -> None:
    with pytest.raises(BuildError) as caught:
        registry(tmp_path, "meta:\n  name: Meta\n<<<<<<< HEAD\nacme:\n  name: Acme\n=======\nacme:\n  name: ACME\n"
                           ">>>>>>> theirs\n")
    assert [str(p) for p in caught.value.problems] == [
        "content/companies.yaml:3: holds a merge conflict that git could not resolve (lines 3 to 9): keep the version "
        "you want, delete the lines <<<<<<<, ======= and >>>>>>>, and save"]


def test_one_name_for_two_companies_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(BuildError) as caught:
        registry(tmp_path, GOOD + "fb:\n  name: FACEBOOK\n")
    assert [str(p) for p in caught.value.problems] == [
        "content/companies.yaml:9: field 'fb': name or alias 'FACEBOOK' is also used by 'meta' (line 3); give it to one company"]


def test_two_spellings_of_one_url_for_two_companies_are_an_error(tmp_path: Path) -> None:
    """'Go-To' and 'Go To' are two spellings, but one /companies/go-to/: the build gave it to the first company."""
    with pytest.raises(BuildError) as caught:
        registry(tmp_path, 'alpha: {name: Alpha Corp, aliases: ["Go-To"]}\nbeta: {name: Beta Corp, aliases: ["Go To"]}\n')
    assert [str(p) for p in caught.value.problems] == [
        "content/companies.yaml:2: field 'beta': name or alias 'Go To' makes the address /companies/go-to/, as 'Go-To' "
        "of 'alpha' (line 1) does; give it to one company, or spell them apart"]


def test_an_alias_that_is_no_name_is_named_by_its_item_and_the_lists_other_problems_are_still_said(
        tmp_path: Path) -> None:
    """The list was called no list ("must be a list of names") for one bad item, and its other aliases went unread."""
    with pytest.raises(BuildError) as caught:
        registry(tmp_path, GOOD + 'zz:\n  name: Z\n  aliases: [Zed, ""]\nyy:\n  name: Y\n  aliases:\n    - 2024\n'
                                  "    - Facebook\n")
    assert [str(p) for p in caught.value.problems] == [
        "content/companies.yaml:10: field 'zz.aliases': item 2 ('') is not a name; write names, like aliases: "
        "[Facebook, Meta Platforms]",
        "content/companies.yaml:14: field 'yy.aliases': item 1 (2024) is a number; a name that is a number goes in "
        "quotes ('2024')",
        "content/companies.yaml:15: field 'yy': name or alias 'Facebook' is also used by 'meta' (line 3); give it to "
        "one company"]


@pytest.mark.parametrize("entry, field, code", [
    ('  # its site\n  description: "a\x01b"\n', "zz.description", "0001"),
    ('  aliases:\n    - "Z\x9d"\n', "zz.aliases", "009D"),
])
def test_a_raw_control_character_names_the_companys_field(tmp_path: Path, entry: str, field: str, code: str) -> None:
    """It named 'description', where every other problem of a company's field names 'zz.description'."""
    with pytest.raises(BuildError) as caught:
        registry(tmp_path, GOOD + "zz:\n  name: Z\n" + entry)
    assert [str(p) for p in caught.value.problems] == [
        f"content/companies.yaml:11: field '{field}': has the control character U+{code}, which YAML does not allow; "
        "delete it (text copied from a page read in the wrong encoding often brings one: copy the text again, or "
        "retype it)"]


@pytest.mark.parametrize("entry, line, field", [
    ('  description: "a\\x1bb"\n', 10, "zz.description"),
    ('  aliases:\n    - "Z\\ez"\n', 11, "zz.aliases"),
])
def test_a_control_character_from_an_escape_names_the_companys_field(tmp_path: Path, entry: str, line: int,
                                                                      field: str) -> None:
    """It named 'zz', where the same character written raw names 'zz.description'."""
    assert [str(p) for p in registry(tmp_path, GOOD + "zz:\n  name: Z\n" + entry).warnings] == [
        f"content/companies.yaml:{line}: field '{field}': warning: control character U+001B "
        "(from the YAML escape \"\\e\", \"\\x1b\" or \"\\u001b\") removed: feeds and HTML cannot carry it; delete the "
        "escape from the value"]


def test_an_escapes_warning_comes_with_the_registrys_errors(tmp_path: Path) -> None:
    """With an error in the file, the warnings about removed escapes were dropped: an alias written "\\e" was told
    '' with no word of the escape."""
    assert registry_problems(tmp_path, GOOD + 'zz:\n  name: Z\n  aliases: ["\\e"]\n') == [
        "content/companies.yaml:10: field 'zz.aliases': warning: control character U+001B (from the YAML escape "
        "\"\\e\", \"\\x1b\" or \"\\u001b\") removed: feeds and HTML cannot carry it; delete the escape from the value",
        "content/companies.yaml:10: field 'zz.aliases': item 1 ('') is not a name; write names, like aliases: "
        "[Facebook, Meta Platforms]"]


def test_a_key_that_is_no_name_is_advised_in_the_registrys_own_terms(tmp_path: Path) -> None:
    """The advice was "write a name such as 'title:'", a key companies.yaml does not have."""
    assert registry_problems(tmp_path, GOOD + '"": 1\nzz:\n  name: Z\n  ? [a]\n  : 2\n') == [
        "content/companies.yaml:8: '' is not a usable key; write a company id such as 'scale-ai:'",
        "content/companies.yaml:11: field 'zz': a list or mapping is not a usable key; a key must be plain text, one of "
        "a company's keys, such as 'name:'"]


def test_an_alias_that_is_a_number_is_quoted_as_written(tmp_path: Path) -> None:
    """It was shown as Python read it: 'item 1 (31) ... ('31')' for 0x1F."""
    assert registry_problems(tmp_path, GOOD + "zz:\n  name: Z\n  aliases: [0x1F]\n") == [
        "content/companies.yaml:10: field 'zz.aliases': item 1 (0x1F) is a number; a name that is a number goes in "
        "quotes ('0x1F')"]


def test_a_name_that_is_a_number_is_quoted_as_written(tmp_path: Path) -> None:
    """It was 'got 31' for 0x1F, and 'got 1000.0' for 1e3: Python's reading."""
    assert registry_problems(tmp_path, GOOD + "zz:\n  name: 0x1F\n  description: 1e3\n") == [
        "content/companies.yaml:9: field 'zz.name': must be text, got 0x1F; write it in quotes",
        "content/companies.yaml:10: field 'zz.description': must be text, got 1e3; write it in quotes"]


def test_a_hash_name_in_aliases_over_lines_is_said_as_in_an_article(tmp_path: Path) -> None:
    """Only an article's tags and companies were checked: '#AWS' in aliases over lines was left out in silence."""
    assert registry_problems(tmp_path, 'aws:\n  name: Amazon\n  aliases: ["Amazon Web Services",\n'
                                       '    #AWS, Amazon.com\n  ]\n') == [
        "content/companies.yaml:4: field 'aws.aliases': '#AWS' starts a YAML comment, so it is left out of the list "
        "with the rest of its line; put a name that starts with '#' in double quotes: \"#AWS\", Amazon.com"]
    assert [str(p) for p in registry(tmp_path, 'aws:\n  name: Amazon\n  aliases: [AWS,\n    #catatan\n'
                                               '    # tambah nanti\n    Amazon.com]\n').warnings] == [
        "content/companies.yaml:4: field 'aws.aliases': warning: '#catatan' is a YAML comment, so it is not in the "
        "aliases; if it is a name, put it in double quotes: \"#catatan\", and if it is a note, write '# catatan'"]
    # on the list's last line, its ']' in the comment: "never closed; write aliases: [ByteDance]" dropped two
    assert registry_problems(tmp_path, 'bd:\n  name: ByteDance\n  aliases: [ByteDance,\n    #TikTokShop, Douyin]\n') == [
        "content/companies.yaml:4: field 'bd.aliases': '#TikTokShop' starts a YAML comment, so it is left out of the "
        "list with the rest of its line; put a name that starts with '#' in double quotes: \"#TikTokShop\", Douyin]"]
    assert registry(tmp_path, 'bd:\n  name: ByteDance\n  aliases: [ByteDance,\n    "#TikTokShop", Douyin]\n'
                    ).lookup("#tiktokshop").id == "bd"


def test_aliases_over_lines_never_closed_are_written_on_one_line_with_every_name(tmp_path: Path) -> None:
    """The advice was 'write aliases: [Facebook]', dropping the names below, and was a syntax error once followed."""
    assert registry_problems(tmp_path, "meta:\n  name: Meta\n  aliases: [Facebook,\n    Meta Platforms, FB\n"
                                       "  description: Induk Facebook\n") == [
        "content/companies.yaml:3: field 'meta.aliases': starts a list with '[' that is never closed; write it on one "
        "line, in place of lines 3 to 4: aliases: [Facebook, Meta Platforms, FB]"]


def test_a_quote_never_closed_in_aliases_is_said_at_its_line(tmp_path: Path) -> None:
    """It was the parser's "did not find expected ',' or ']'", at the line of the next entry's quote."""
    assert registry_problems(tmp_path, 'meta:\n  name: Meta\n  aliases: [Facebook, "Meta Platforms, FB]\n'
                                       'google:\n  name: "Google"\n') == [
        "content/companies.yaml:3: field 'meta.aliases': the double quote before 'Meta Platforms' is never closed; "
        "write aliases: [Facebook, \"Meta Platforms\", FB]"]


@pytest.mark.parametrize("aliases, said", [
    # '  - "Alibaba' was the parser's "did not find expected key" at the next entry's quote, and hid the registry's
    # other problems
    ('  aliases:\n  - "Alibaba\n  - Alibaba Cloud\n', "4: field 'alibaba.aliases': the double quote before 'Alibaba' "
                                                      "is never closed; write - \"Alibaba\""),
    # the other quote mark in the item: the parser's words where YAML gave up
    ('  aliases:\n  - "O\'Reilly\n  - ORA\n', "4: field 'alibaba.aliases': the double quote before 'O'Reilly' is "
                                            "never closed; write - \"O'Reilly\""),
    # a list in brackets above the entry's next field in quotes: the parser's words, a line low
    ('  aliases: ["Alibaba, Alibaba Cloud]\n  description: "x"\n', "3: field 'alibaba.aliases': the double quote "
                                                                   "before 'Alibaba' is never closed; write aliases: "
                                                                   "[\"Alibaba\", Alibaba Cloud]")])
def test_a_quote_never_closed_in_an_alias_is_said_at_its_line(tmp_path: Path, aliases: str, said: str) -> None:
    assert registry_problems(tmp_path, f'alibaba:\n  name: Alibaba\n{aliases}  url: "https://alibaba.com/"\n'
                                       'amazon:\n  name: Amazon\n  url: 5\n') == [
        "content/companies.yaml:" + said, f"content/companies.yaml:{6 + aliases.count(chr(10))}: field 'amazon.url': "
        "must be an http(s) URL such as https://example.com/"]


def test_a_yaml_slip_hides_none_of_the_other_entries_problems(tmp_path: Path) -> None:
    """The slip in Meta's name was the one message; Google's url and unknown key came once it was quoted."""
    assert registry_problems(tmp_path, "meta:\n  name: Meta: Platforms\n  aliases: [Facebook]\ngoogle:\n  name: Google\n"
                                       "  url: ftp://x\n  colour: red\n") == [
        "content/companies.yaml:2: field 'meta.name': has ': ' in it, which YAML reads as the start of another key; put "
        "the whole value in double quotes: name: \"Meta: Platforms\"",
        "content/companies.yaml:6: field 'google.url': must be an http(s) URL such as https://example.com/",
        "content/companies.yaml:7: field 'google.colour': unknown key; use name, aliases, url, description"]


def test_a_yaml_slip_in_a_file_that_is_no_mapping_is_said_with_the_mapping_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Written as a list, with a slip in an entry: only 'must map company ids' was said, and the slip the run after."""
    make_project(tmp_path, {"a.md": article()},
                 companies="- meta:\n    name: Meta: Platforms\n    aliases: [Facebook]\n")
    assert main(["build", "-q", "--config", str(tmp_path / "config.yaml")]) == 1
    assert capsys.readouterr().err.splitlines() == [
        "content/companies.yaml:1: must map company ids to their details, like 'meta: {name: Meta}'",
        "content/companies.yaml:2: field 'name': has ': ' in it, which YAML reads as the start of another key; put "
        "the whole value in double quotes: name: \"Meta: Platforms\"",
        "error: 2 problems found; nothing was written"]


def test_merge_keys_whose_anchors_are_below_or_nowhere_are_all_said_with_the_files_other_problems(tmp_path: Path) -> None:
    """Such a merge key was said alone, one a run: the others, and an unknown key, waited for the runs after."""
    merge = "'<<' (YAML's merge key, with an alias such as *base) is not read here; write the fields out in full"
    assert registry_problems(tmp_path, "zz:\n  <<: *later\n  name: ZZ\nyy:\n  <<: *nowhere\n  name: YY\n"
                                       "  colour: red\nxx: {<<: [*base, *later], name: XX}\nbase: &base\n"
                                       "  name: B\nlater: &later\n  name: L\n") == [
        "content/companies.yaml:2: field 'zz': " + merge,
        "content/companies.yaml:5: field 'yy': " + merge,
        "content/companies.yaml:7: field 'yy.colour': unknown key; use name, aliases, url, description",
        "content/companies.yaml:8: field 'xx': " + merge]


def test_aliases_an_undefined_alias_and_an_anchor_named_twice_are_all_said_in_one_run(tmp_path: Path) -> None:
    """An alias was said one a run; '*zz' with no anchor was told to go in quotes, which made aliases "must be a list
    of names"; a second '&x' was the parser's "second occurrence; check the indentation"."""
    alias = "YAML anchors and aliases (&name, *name) are not allowed; write the value out"
    assert registry_problems(tmp_path, "zz:\n  name: ZZ\n  aliases: &al [Z1, Z2]\nyy:\n  name: YY\n  aliases: *al\n"
                                       "xx:\n  name: XX\n  aliases: *al\n  colour: red\n") == [
        "content/companies.yaml:6: field 'yy': " + alias,
        "content/companies.yaml:9: field 'xx': " + alias,
        "content/companies.yaml:10: field 'xx.colour': unknown key; use name, aliases, url, description"]
    assert registry_problems(tmp_path, "zz:\n  name: ZZ\n  aliases: *zz\nyy:\n  name: &x YY\nxx:\n  name: &x XX\n"
                                       "  colour: red\n") == [
        "content/companies.yaml:3: field 'zz.aliases': '*zz' is a YAML alias, of an anchor '&zz' that is not above "
        "it; aliases are not allowed: write the names out, like aliases: [a, b]; a name that starts with '*' goes in "
        "double quotes: aliases: [\"*zz\"]",
        "content/companies.yaml:7: field 'xx.name': '&x' names a YAML anchor a second time (first on line 5); an "
        "anchor serves only aliases (*x), which are not allowed: delete this '&x'",
        "content/companies.yaml:8: field 'xx.colour': unknown key; use name, aliases, url, description"]
    assert registry(tmp_path, 'zz:\n  name: ZZ\n  aliases: ["*zz"]\nyy:\n  name: &x YY\nxx:\n  name: XX\n'
                    ).lookup("*zz").id == "zz"


def test_an_alias_in_a_value_with_a_slip_is_advised_as_written(tmp_path: Path) -> None:
    """'amazon: &a [*b' was told 'write amazon: "&a [~"' (the '~' read in the alias's place), beside the alias's
    own 'amazon: "*b"'; followed, the line is YAML, and the registry says what the company lacks, in the same run."""
    assert registry_problems(tmp_path, "amazon: &a [*b\n") == [
        "content/companies.yaml:1: field 'amazon': '&' cannot start a value in YAML; put the whole value in double "
        "quotes: amazon: \"&a [*b\"",
        "content/companies.yaml:1: field 'amazon': must be a mapping with at least 'name:'"]
    assert registry_problems(tmp_path, 'amazon: "&a [*b"\n') == [
        "content/companies.yaml:1: field 'amazon': must be a mapping with at least 'name:'"]


def test_a_hash_name_after_a_dash_in_aliases_is_said_as_in_an_article(tmp_path: Path) -> None:
    """'- #TikTokShop' was "item 2 (empty) is not a name", not why it is empty."""
    assert registry_problems(tmp_path, "bd:\n  name: ByteDance\n  aliases:\n    - Douyin\n    - #TikTokShop\n") == [
        "content/companies.yaml:5: field 'bd.aliases': item 2 is empty: '#TikTokShop' after '- ' is a YAML comment; "
        "put it in double quotes: - \"#TikTokShop\""]


def test_a_broken_registry_does_not_hide_the_menus_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A menu entry with no page was said only in the run after companies.yaml was fixed, by build, check and a
    build whose config has a value left at its default (page_size: nol), though the pages had been read."""
    config = CONFIG + "menu: [tentang, kontak]\n"
    make_project(tmp_path, {"a.md": article(title="A"), "pages/tentang.md": "---\ntitle: Tentang\n---\nIsi.\n"},
                 config=config, companies="meta:\n  name: Meta\nmeta:\n  name: Meta Platforms\n")
    menu = "config.yaml:3: field 'menu': 'kontak' is not a page in content/pages/; pages: tentang"
    expected = ["content/companies.yaml:3: field 'meta': is defined twice (first on line 1); keep one", menu]
    with pytest.raises(BuildError) as caught:
        build_project(tmp_path)
    assert sorted(str(p) for p in caught.value.problems) == sorted(expected)
    report = run_check(tmp_path / "config.yaml", BuildOptions())
    assert sorted(str(f.problem) for f in report.findings) == sorted(expected)
    (tmp_path / "content/companies.yaml").write_text("meta:\n  name: Meta\n")
    (tmp_path / "config.yaml").write_text(config + "page_size: nol\n")
    assert main(["build", "--config", str(tmp_path / "config.yaml")]) == 1
    assert capsys.readouterr().err.split("\n")[:2] == [
        menu, "config.yaml:4: field 'page_size': must be a whole number of at least 1, got 'nol'"]


def test_merge_keys_are_each_said_and_an_anchor_below_is_no_syntax_error(tmp_path: Path) -> None:
    """'<<: *b' stopped the file at the first one (the next was said in the next run, and the entry that only held
    the anchor, read as a company, in the one after); with its anchor below it, it was "YAML syntax error: found
    undefined alias; check the indentation"."""
    merge = "'<<' (YAML's merge key, with an alias such as *base) is not read here; write the fields out in full"
    assert registry_problems(tmp_path, "base: &b {sector: ai}\nmeta: {<<: *b, name: Meta}\ngoogle:\n  <<: *b\n"
                                       "  name: Google\n") == [
        "content/companies.yaml:1: field 'base.name': is required; add name: \"...\"",
        "content/companies.yaml:1: field 'base.sector': unknown key; use name, aliases, url, description",
        "content/companies.yaml:2: field 'meta': " + merge,
        "content/companies.yaml:4: field 'google': " + merge]
    assert registry_problems(tmp_path, "meta:\n  <<: *b\n  name: Meta\nbase: &b {url: https://x.com/}\n") == [
        "content/companies.yaml:2: field 'meta': " + merge,
        "content/companies.yaml:4: field 'base.name': is required; add name: \"...\""]


def test_a_name_or_alias_that_is_another_companys_id_is_an_error_at_its_line(tmp_path: Path) -> None:
    """'goto' with the alias Gojek next to the entry 'gojek': an article's companies: [gojek] linked only GoTo, and
    /companies/gojek/ became a redirect to GoTo's page, without a word."""
    assert registry_problems(tmp_path, "goto:\n  name: GoTo\n  aliases: [Gojek, Tokopedia]\n"
                                       "gojek:\n  name: Gojek Indonesia\n"
                                       "telkom:\n  name: Telkomsel\n  aliases: [telkom]\ntelkomsel:\n  name: Tsel\n") == [
        "content/companies.yaml:3: field 'goto.aliases': alias 'Gojek' is the id of company 'gojek' (line 4), so an "
        "article's 'Gojek' would mean 'goto' and /companies/gojek/ would lead to it; if they are one company, merge "
        "the two entries, or else remove the alias",
        "content/companies.yaml:7: field 'telkom.name': name 'Telkomsel' is the id of company 'telkomsel' (line 9), so "
        "an article's 'Telkomsel' would mean 'telkom' and /companies/telkomsel/ would lead to it; if they are one "
        "company, merge the two entries, or else remove the name or change it"]
    assert registry(tmp_path, GOOD + "meta-ai:\n  name: Meta AI\n  aliases: [meta-ai]\n").lookup("Meta AI").id == "meta-ai"


def test_a_name_over_lines_or_with_runs_of_spaces_is_one_line_on_the_site(tmp_path: Path) -> None:
    """'name: |' kept its line break (and a tab or two spaces stayed), in the company page's <title>, heading, feeds."""
    make_project(tmp_path, {"a.md": article(companies="[Zed]")},
                 companies='zed:\n  name: |\n    Zed\n    Corp\n  aliases: ["Zed", "Zed\\t  Co"]\n')
    files = build_project(tmp_path).output.files
    page = files["companies/zed/index.html"].decode()
    assert "<h1>Perusahaan: <bdi>Zed Corp</bdi></h1>" in page and "<title>Perusahaan: Zed Corp ·" in page
    assert "Zed\nCorp" not in page and "Zed\nCorp" not in files["companies/zed/feed.xml"].decode()
    assert load_registry(tmp_path / "content/companies.yaml", "content/companies.yaml").companies["zed"].aliases == (
        "Zed", "Zed Co")


def test_a_companys_name_cut_at_a_hash_is_warned_of_as_an_articles_title_is(tmp_path: Path) -> None:
    """'name: Contoh #1: Situs' made the company 'Contoh' without a word (YAML reads ' #' as a comment)."""
    found = registry(tmp_path, GOOD + "contoh:\n  name: Contoh #1: Situs\n  aliases: [Contoh Satu]  # lama\n")
    assert found.lookup("Contoh Satu").name == "Contoh"
    assert [str(p) for p in found.warnings] == [
        "content/companies.yaml:9: field 'contoh.name': warning: '#1: Situs' after it is a YAML comment, so it is not "
        "part of the name; if it is, put the whole value in double quotes: name: \"Contoh #1: Situs\""]



def test_a_companys_description_cut_at_a_hash_is_warned_of_as_its_name_is(tmp_path: Path) -> None:
    """'description: Operator #1 di Indonesia dengan 150 juta pelanggan.' made the company page (and its meta
    description) say 'Operator' without a word; the name was warned of, the description not."""
    make_project(tmp_path, {"a.md": article(companies="[Indosat]")},
                 companies="indosat:\n  name: Indosat\n  description: Operator #1 di Indonesia dengan 150 juta "
                           "pelanggan.\n")
    result = build_project(tmp_path)
    page = result.output.files["companies/indosat/index.html"].decode()
    assert '<p class="lead" dir="auto">Operator</p>' in page and '<meta name="description" content="Operator">' in page
    assert [str(p) for p in result.warnings if p.path == "content/companies.yaml"] == [
        "content/companies.yaml:3: field 'indosat.description': warning: '#1 di Indonesia dengan 150 juta pelanggan.' "
        "after it is a YAML comment, so it is not part of the description; if it is, put the whole value in double "
        "quotes: description: \"Operator #1 di Indonesia dengan 150 juta pelanggan.\""]

ALONE = ("'*a' is a YAML alias at the start of its line; aliases are not allowed: write the value out, with its key, "
         "or delete the line")


@pytest.mark.parametrize("text, said", [
    ("*a\n", ["content/companies.yaml:1: " + ALONE]),
    ("*a\ngoogle:\n  nam: Google\n", [
        "content/companies.yaml:1: " + ALONE,
        "content/companies.yaml:2: field 'google.name': is required; add name: \"...\"",
        "content/companies.yaml:3: field 'google.nam': unknown key; did you mean 'name'?"]),
    ("meta:\n  name: Meta\n*a\ngoogle:\n  nam: Google\n", [
        "content/companies.yaml:3: " + ALONE,
        "content/companies.yaml:4: field 'google.name': is required; add name: \"...\"",
        "content/companies.yaml:5: field 'google.nam': unknown key; did you mean 'name'?"]),
])
def test_an_alias_alone_on_its_line_is_said_and_never_an_empty_registry(tmp_path: Path, text: str,
                                                                         said: list[str]) -> None:
    """'*a' alone was read as an empty registry without a word (0 errors); among entries, beside its own message,
    it was told "'~' has no ':'" (the '~' it was read as), or only "'*a' has no ':'" further down."""
    assert registry_problems(tmp_path, text) == said


def test_an_alias_alone_in_sources_yaml_is_said(tmp_path: Path) -> None:
    for text in ("*a\n", "*a\nreuters:\n  name: Reuters\n  url: https://www.reuters.com/\n"):
        assert sources_problems(tmp_path, text) == [
            "content/sources.yaml:1: " + ALONE.replace("companies", "sources")]


def test_an_entry_on_its_id_s_line_keeps_a_name_with_a_hash(tmp_path: Path) -> None:
    """'kompas: name: Kompas #1' was advised 'kompas: {name: Kompas}', '#1' dropped without a word."""
    from generator.load.publishers import load_sources
    assert sources_problems(tmp_path, "kompas: name: Kompas #1, url: https://www.kompas.com/\n") == [
        "content/sources.yaml:1: field 'kompas': has its details on the id's line, which YAML reads as a second key "
        "there; write them in a mapping: kompas: {name: \"Kompas #1\", url: https://www.kompas.com/} (or write "
        "kompas: alone on its line, and name: \"Kompas #1\" and url: https://www.kompas.com/ each on a line of its own "
        "below it, indented by two spaces)"]
    (tmp_path / "sources.yaml").write_text("kompas: {name: \"Kompas #1\", url: https://www.kompas.com/}\n")  # as said
    entries, problems = load_sources(tmp_path / "sources.yaml", "content/sources.yaml")
    assert problems == [] and [e.name for e in entries.values()] == ["Kompas #1"]


def test_an_entry_written_on_its_id_s_line_is_advised_as_a_mapping(tmp_path: Path) -> None:
    """'google: name: Google' was told 'google: "name: Google"'; followed, "must be a mapping with at least 'name:'".
    The other entries are checked in the same run; the advice, followed, is the entry meant (in sources.yaml too)."""
    from generator.load.publishers import load_sources
    assert registry_problems(tmp_path, "google: name: Google, url: https://about.google/  # c\nmeta:\n  nam: Meta\n"
                             ) == [
        "content/companies.yaml:1: field 'google': has its details on the id's line, which YAML reads as a second key "
        "there; write them in a mapping: google: {name: Google, url: https://about.google/} (or write google: alone "
        "on its line, and name: Google and url: https://about.google/ each on a line of its own below it, indented by "
        "two spaces)",
        "content/companies.yaml:2: field 'meta.name': is required; add name: \"...\"",
        "content/companies.yaml:3: field 'meta.nam': unknown key; did you mean 'name'?"]
    google = registry(tmp_path, "google: {name: Google, url: https://about.google/}\n").lookup("Google")
    assert google is not None and (google.id, google.url) == ("google", "https://about.google/")
    assert sources_problems(tmp_path, "reuters: name: Reuters, url: https://www.reuters.com/\n") == [
        "content/sources.yaml:1: field 'reuters': has its details on the id's line, which YAML reads as a second key "
        "there; write them in a mapping: reuters: {name: Reuters, url: https://www.reuters.com/} (or write "
        "reuters: alone on its line, and name: Reuters and url: https://www.reuters.com/ each on a line of its own "
        "below it, indented by two spaces)"]
    (tmp_path / "sources.yaml").write_text("reuters: {name: Reuters, url: https://www.reuters.com/}\n")
    entries, problems = load_sources(tmp_path / "sources.yaml", "content/sources.yaml")
    assert problems == [] and [e.name for e in entries.values()] == ["Reuters"]


def test_an_entry_on_its_id_s_line_with_details_below_is_advised_with_them(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'kompas: name: Kompas #1' over '  url: ftp://kompas.id/' was advised 'kompas: {name: "Kompas #1"}', which,
    followed, left the url a line indented under nothing, a syntax error of its own; and the url's problem, and every
    other entry's ('tempo' without its name), were said only in the runs after. The lines below join the mapping,
    and their problems, and the other entries', are said in the same run."""
    companies = ("kompas: name: Kompas #1\n  # its group\n  aliases:\n    - KG\n  url: ftp://kompas.id/\n"
                 "  description: Harian nasional, terbit sejak 1965.\ntempo:\n  nam: Tempo\n")
    make_project(tmp_path, {"2025/06/a.md": article()}, companies=companies)
    config = str(tmp_path / "config.yaml")
    assert main(["build", "-q", "--config", config]) == 1
    fix = ('kompas: {name: "Kompas #1", aliases: [KG], url: ftp://kompas.id/, description: "Harian nasional, terbit '
           'sejak 1965."}')
    assert capsys.readouterr().err.splitlines() == [
        "content/companies.yaml:1: field 'kompas': has its details on the id's line, which YAML reads as a second key "
        f"there, and more of them on the lines below; write them in one mapping, in place of lines 1 to 6: {fix} (or "
        "write kompas: alone on its line, and name: \"Kompas #1\" on a line of its own below it, indented as those)",
        "content/companies.yaml:1: field 'kompas.url': must be an http(s) URL such as https://example.com/",
        "content/companies.yaml:7: field 'tempo.name': is required; add name: \"...\"",
        "content/companies.yaml:8: field 'tempo.nam': unknown key; did you mean 'name'?",
        "error: 4 problems found; nothing was written"]
    for written in (fix.replace("ftp:", "https:") + "\n", 'kompas:\n  name: "Kompas #1"\n  aliases:\n    - KG\n'
                    "  url: https://kompas.id/\n  description: Harian nasional, terbit sejak 1965.\n"):  # either way
        (tmp_path / "content/companies.yaml").write_text(written + "tempo:\n  name: Tempo\n")
        kompas = load_registry(tmp_path / "content/companies.yaml", "content/companies.yaml").lookup("KG")
        assert kompas is not None and (kompas.name, kompas.url) == ("Kompas #1", "https://kompas.id/")
    # in sources.yaml too; details below that are no mapping of other keys are told, with no one line to write
    assert sources_problems(tmp_path, "kompas: name: Kompas\n  url: https://www.kompas.com/\n") == [
        "content/sources.yaml:1: field 'kompas': has its details on the id's line, which YAML reads as a second key "
        "there, and more of them on the lines below; write them in one mapping, in place of lines 1 to 2: kompas: "
        "{name: Kompas, url: https://www.kompas.com/} (or write kompas: alone on its line, and name: Kompas on a line "
        "of its own below it, indented as those)"]
    assert sources_problems(tmp_path, "kompas: name: Kompas, url: https://www.kompas.com/\n  name: Kompas\n") == [
        "content/sources.yaml:1: field 'kompas': has its details on the id's line, which YAML reads as a second key "
        "there, and more of them on the lines below; write kompas: alone on its line, and name: Kompas and url: "
        "https://www.kompas.com/ each on a line of its own below it, indented as those"]


def test_an_entry_on_its_id_s_line_keeps_a_hash_in_a_detail_below(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'kompas: name: Kompas' over '  description: Harian #1 di Indonesia' was advised '{..., description: Harian}':
    followed, it built with the description cut and not a word. Its '#1' is text, as ``cut_by_comment`` reads it."""
    make_project(tmp_path, {"2025/06/a.md": article()}, companies="kompas: name: Kompas\n  url: https://kompas.id/\n"
                 "  description: Harian #1 di Indonesia  # cek\n")
    assert main(["build", "-q", "--config", str(tmp_path / "config.yaml")]) == 1
    fix = 'kompas: {name: Kompas, url: https://kompas.id/, description: "Harian #1 di Indonesia"}'
    assert capsys.readouterr().err.splitlines() == [
        "content/companies.yaml:1: field 'kompas': has its details on the id's line, which YAML reads as a second key "
        f"there, and more of them on the lines below; write them in one mapping, in place of lines 1 to 3: {fix}",
        "error: 1 problem found; nothing was written"]  # its other way, 'kompas:' alone over the lines as written,
    kompas = registry(tmp_path, fix + "\n\n\n").lookup("Kompas")  # would cut the '#1' again: not offered
    assert kompas is not None and kompas.description == "Harian #1 di Indonesia"


def test_an_entry_on_its_id_s_line_with_a_colon_in_a_value_is_advised_as_the_mapping_meant(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """'google: name: Google: Alphabet' was told to put 'name: Google: Alphabet' in quotes, which, followed, was
    "must be a mapping with at least 'name:'"; its name is the text in double quotes, and a note after the url is
    no part of it ('url: "https://about.google/  # c"' was a url with a space). Its other way, "(or each on a line of
    its own below, indented)", followed, was 'name: Google: Alphabet' below, a slip of its own: it names each line,
    with the value as in the mapping."""
    make_project(tmp_path, {"2025/06/a.md": article()},
                 companies="google: name: Google: Alphabet, url: https://about.google/  # c\n")
    assert main(["build", "-q", "--config", str(tmp_path / "config.yaml")]) == 1
    fix = 'google: {name: "Google: Alphabet", url: https://about.google/}'
    assert capsys.readouterr().err.splitlines() == [
        "content/companies.yaml:1: field 'google': has its details on the id's line, which YAML reads as a second key "
        f"there; write them in a mapping: {fix} (or write google: alone on its line, and name: \"Google: Alphabet\" "
        "and url: https://about.google/ each on a line of its own below it, indented by two spaces)",
        "error: 1 problem found; nothing was written"]
    for written in (fix, 'google:\n  name: "Google: Alphabet"\n  url: https://about.google/'):  # either way
        google = registry(tmp_path, written + "\n").lookup("Google: Alphabet")
        assert google is not None and (google.id, google.url) == ("google", "https://about.google/")


@pytest.mark.parametrize("lines, advised, meant", [
    ('  description: "Induk Facebook\n    dan "WA" lagi"', "has double quotes inside double quotes",
     "description: 'Induk Facebook dan \"WA\" lagi'"),
    ('  description: "Induk Facebook dan "WA"\n    lagi"', "has double quotes inside double quotes",
     "description: 'Induk Facebook dan \"WA\" lagi'"),
    ("  description: 'Induk Facebook\n    dan 'WA' lagi'", "has a ' inside single quotes",
     "description: \"Induk Facebook dan 'WA' lagi\""),
])
def test_a_stray_quote_on_a_lower_line_of_a_quoted_value_is_advised_for_all_its_lines(
        tmp_path: Path, lines: str, advised: str, meant: str) -> None:
    """A quoted description over lines with a stray quote on the lower one was a bare YAML syntax error at that
    line, or advice at the upper line that dropped the lower one ('Induk Facebook dan "WA', then a slip at 'lagi"')."""
    text = f"meta:\n  name: Meta\n{lines}\nscale-ai:\n  name: Scale AI\n"
    assert registry_problems(tmp_path, text) == [
        f"content/companies.yaml:3: field 'meta.description': {advised}; write it on one line, in place of lines "
        f"3 to 4: {meant}"]
    rows = text.split("\n")
    rows[2:4] = ["  " + meant, ""]  # followed as said
    written = "\n".join(rows)
    assert yaml.safe_load(written)["meta"]["description"] == 'Induk Facebook dan "WA" lagi'.replace(
        '"', "'" if "'WA'" in meant else '"')
    assert registry(tmp_path, written).companies["meta"].description == yaml.safe_load(written)["meta"]["description"]


def test_a_quoted_value_over_lines_with_text_after_its_closing_quote_is_advised_as_on_one_line(tmp_path: Path) -> None:
    """'"Skor "AI"' over '  naik" #1' was advised '\'"Skor "AI" naik" #1\'': the '#1' (text, as on one line) kept
    the quotes paired, so the value's own quotes became text, and the page said '"Skor "AI" naik" #1'."""
    said = {lines: registry_problems(tmp_path, f"meta:\n  name: Meta\n{lines}\n") for lines in (
        '  description: "Skor "AI"\n    naik" #1', '  description: "Skor "AI" naik" #1')}
    assert list(said.values()) == [
        ["content/companies.yaml:3: field 'meta.description': has double quotes inside double quotes; write it on one "
         "line, in place of lines 3 to 4: description: 'Skor \"AI\" naik #1'"],
        ["content/companies.yaml:3: field 'meta.description': has double quotes inside double quotes; write it as "
         "description: 'Skor \"AI\" naik #1'"]]
    assert registry(tmp_path, "meta:\n  name: Meta\n  description: 'Skor \"AI\" naik #1'\n").companies[
        "meta"].description == 'Skor "AI" naik #1'


@pytest.mark.parametrize("value", [
    "Induk: Facebook", "Induk: Facebook #1", "@meta", "@meta #1", "`meta`", "%meta", "%x: y", "@C:\\Users",
    "'Meta' kata \"besar\"", "'Meta's \"AI\"", "'a: b' \"c\"", "'a' \"b\" #1", "'a''b' \"c\"", "\"a\" b: 'c'",
])
def test_a_value_that_needs_quotes_is_advised_in_quotes_that_read_back_as_written(tmp_path: Path, value: str) -> None:
    """The line the advice gives, read by YAML, is the editor's text: "'a' \"b\" #1" lost its '#1', and
    "'a''b' \"c\"" became "'a'b' \"c\"" (two single quotes are one only inside single quotes)."""
    said = registry_problems(tmp_path, f"meta:\n  name: Meta\n  description: {value}\n")
    advised = [p.rpartition(" description: ")[2] for p in said if " description: " in p]
    assert len(advised) == 1 and said[0].startswith("content/companies.yaml:3: field 'meta.description': ")
    assert yaml.safe_load("description: " + advised[0]) == {"description": value}


def test_an_entry_on_its_id_s_line_with_a_date_below_is_advised(tmp_path: Path) -> None:
    """'google: name: Google' over '  description: 2024-02-30': the advice read the lines back with PyYAML's
    timestamps, a ValueError (day is out of range for month) out of check and build."""
    assert registry_problems(tmp_path, "google: name: Google\n  description: 2024-02-30\n") == [
        "content/companies.yaml:1: field 'google': has its details on the id's line, which YAML reads as a second key "
        "there, and more of them on the lines below; write them in one mapping, in place of lines 1 to 2: google: "
        "{name: Google, description: 2024-02-30} (or write google: alone on its line, and name: Google on a line of "
        "its own below it, indented as those)"]
    google = registry(tmp_path, "google: {name: Google, description: 2024-02-30}\n").lookup("Google")
    assert google is not None and google.description == "2024-02-30"
