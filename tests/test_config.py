"""load_config: defaults, strict keys, every problem at once."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import write_files
from generator.load.config import load_config
from generator.core.errors import BuildError, Refused


def load(tmp_path: Path, text: str, **overrides: str):
    write_files(tmp_path, {"config.yaml": text})
    return load_config(tmp_path / "config.yaml", overrides or None)


def errors(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(BuildError) as caught:
        load(tmp_path, text)
    return [str(p) for p in caught.value.problems]


@pytest.mark.parametrize("text", ["", "# every key has its default\n# title: Kabar\n"])
def test_defaults_for_an_empty_config(tmp_path: Path, text: str) -> None:
    """A config of comments alone was refused ("must be a mapping"), though an empty one built."""
    config = load(tmp_path, text)
    assert (config.title, config.language, config.timezone, config.page_size, config.feed_size, config.theme) == (
        "News Digest", "id", "Asia/Jakarta", 20, 50, "default")
    assert config.root == tmp_path.resolve()


def test_base_url_gets_a_trailing_slash_and_a_base_path(tmp_path: Path) -> None:
    config = load(tmp_path, "base_url: https://example.org/digest\n")
    assert (config.base_url, config.base_path) == ("https://example.org/digest/", "/digest/")


@pytest.mark.parametrize("written, kept, path", [
    ("https://example.org/beritä", "https://example.org/berit%C3%A4/", "/berit%C3%A4/"),
    ("https://bérita.example/digest/", "https://xn--brita-bsa.example/digest/", "/digest/"),
    # IDNA 2008, as browsers: 'ß' and a zero-width non-joiner kept (Python's IDNA 2003 codec gave fass.de and a
    # Persian name without its joiner: other domains)
    ("https://faß.de/", "https://xn--fa-hia.de/", "/"),
    ("https://\u0646\u0627\u0645\u0647\u200c\u0646\u06af\u0627\u0631.ir/", "https://xn--mgba4a4edcg74fu38n.ir/", "/"),
    ("https://i\u2764.ws/", "https://xn--i-7iq.ws/", "/"),  # an emoji host: IDNA 2008 refuses it, browsers open it
    ("http://[::1]:8000/ä/", "http://[::1]:8000/%C3%A4/", "/%C3%A4/"),
    ("https://example.org/a%20b/", "https://example.org/a%20b/", "/a%20b/"),  # already encoded: as it is
])
def test_a_base_url_beyond_ascii_is_written_as_a_url(tmp_path: Path, written: str, kept: str, path: str) -> None:
    """Sitemaps and feeds need URLs: the host in its IDNA form, the path percent-encoded (it was written raw)."""
    config = load(tmp_path, f"base_url: {written}\n")
    assert (config.base_url, config.base_path) == (kept, path)


def test_a_host_that_is_no_domain_name_and_a_bad_base_url_option_are_named(tmp_path: Path) -> None:
    assert errors(tmp_path, "base_url: https://\u2488.com/\n") == [  # UTS 46 disallows it: browsers refuse it
        "config.yaml:1: field 'base_url': 'https://\u2488.com/' has a host name that browsers refuse (UTS 46): "
        "Codepoint U+2488 not allowed at position 1 in '\u2488.com'; check its spelling"]
    assert errors(tmp_path, "base_url: https://example\u200c.org/\n") == [  # a joiner IDNA 2008 allows in Persian only
        "config.yaml:1: field 'base_url': 'https://example\\u200c.org/' contains the invisible character U+200C (zero "
        "width non-joiner); write one URL with no spaces, quotes or <>, like https://example.org/digest/ "
        "(percent-encode the character if the address really has it, e.g. %20 for a space)"]
    with pytest.raises(BuildError) as caught:
        load(tmp_path, "title: T\nbase_url: https://example.org/\n", base_url="https://example.org/a b/")
    assert [str(p) for p in caught.value.problems] == [
        "--base-url: field 'base_url': 'https://example.org/a b/' contains a space; write one URL with no spaces, "
        "quotes or <>, like https://example.org/digest/ (percent-encode the character if the address really has it, "
        "e.g. %20 for a space)"], "it named config.yaml:2, whose URL is fine"


def test_an_invisible_character_in_a_url_is_named_at_its_line(tmp_path: Path) -> None:
    """A no-break space pasted after an unquoted base_url (YAML keeps it) made every link '/%C2%A0/style.css',
    silently, and a zero-width space in --base-url or the hub's URL went into every link and feed too: Unicode's
    spaces, separators and format characters are refused as a space is, each named."""
    fix = ("write one URL with no spaces, quotes or <>, like {} (percent-encode the character if the address really "
           "has it, e.g. %20 for a space)")
    assert errors(tmp_path, "title: T\nbase_url: https://example.org/\u00a0\nfeeds:\n  websub_hub: "
                            "https://hub.example/\u2060\n") == [
        "config.yaml:2: field 'base_url': 'https://example.org/\u00a0' contains the invisible character U+00A0 "
        "(no-break space); " + fix.format("https://example.org/digest/"),
        "config.yaml:4: field 'feeds.websub_hub': 'https://hub.example/\\u2060' contains the invisible character "
        "U+2060 (word joiner); " + fix.format("https://pubsubhubbub.appspot.com/")]
    with pytest.raises(BuildError) as caught:
        load(tmp_path, "base_url: https://example.org/\n", base_url="https://example.org/x\u200b/")
    assert [str(p) for p in caught.value.problems] == [
        "--base-url: field 'base_url': 'https://example.org/x\\u200b/' contains the invisible character U+200B "
        "(zero width space); " + fix.format("https://example.org/digest/")]
    assert errors(tmp_path, "base_url: https://example.org/\u3000\n")[0].startswith(
        "config.yaml:1: field 'base_url': 'https://example.org/\u3000' contains the invisible character U+3000 "
        "(ideographic space)")


def test_a_url_python_cannot_read_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    """A stray '[' or a port beyond 65535 made urlsplit raise: a traceback from base_url, --base-url and the hub."""
    assert errors(tmp_path, "base_url: https://[example.org/\nfeeds:\n  websub_hub: https://hub.example:70000/\n") == [
        "config.yaml:1: field 'base_url': 'https://[example.org/' has '[' or ']' in its host, which only an IPv6 "
        "address in brackets may have; copy the address again from the browser",
        "config.yaml:3: field 'feeds.websub_hub': 'https://hub.example:70000/' has a port that is not a number from 0 "
        "to 65535 (after the ':' in the host); remove it, or copy the address again from the browser"]
    with pytest.raises(BuildError) as caught:
        load(tmp_path, "base_url: https://example.org/\n", base_url="https://[::1/")
    assert [str(p) for p in caught.value.problems] == [
        "--base-url: field 'base_url': 'https://[::1/' has '[' or ']' in its host, which only an IPv6 address in "
        "brackets may have; copy the address again from the browser"]
    assert load(tmp_path, "base_url: https://[::1]:8080/x/\n").base_url == "https://[::1]:8080/x/"
    assert errors(tmp_path, "favicon: https://[cdn.example/f.svg\nimage: https://cdn.example:99999/s.png\n") == [
        "config.yaml:1: field 'favicon': 'https://[cdn.example/f.svg' has '[' or ']' in its host, which only an IPv6 "
        "address in brackets may have; copy the address again from the browser",
        "config.yaml:2: field 'image': 'https://cdn.example:99999/s.png' has a port that is not a number from 0 to "
        "65535 (after the ':' in the host); remove it, or copy the address again from the browser"]


def test_a_key_given_twice_does_not_hide_the_configs_other_problems(tmp_path: Path) -> None:
    """A second `page_size` was the only problem reported; fixed, six others came out in the next run."""
    assert errors(tmp_path, "page_size: 5\npage_size: 6\nlanguage: xx\nfeeds:\n  size: 2\n  size: 0\n") == [
        "config.yaml:2: field 'page_size': is defined twice (first on line 1); keep one",
        "config.yaml:3: field 'language': 'xx' is not supported; use one of: id, en",
        "config.yaml:6: field 'feeds.size': is defined twice (first on line 5); keep one"]


def test_command_line_override_wins(tmp_path: Path) -> None:
    assert load(tmp_path, "base_url: https://a.test/\n", base_url="https://b.test/x").base_url == "https://b.test/x/"


def test_a_text_setting_that_is_not_text_gets_a_fix_for_what_yaml_read(tmp_path: Path) -> None:
    assert errors(tmp_path, "title:\n  - News\ntheme:\ntimezone: 7\nlanguage: {id: 1}\n") == [
        "config.yaml:1: field 'title': must be one line of text, but YAML read a list ([News]); write the text on "
        "the key's line: title: \"...\"",
        "config.yaml:3: field 'theme': is empty; write the text after the colon: theme: \"...\"",
        "config.yaml:4: field 'timezone': must be text, got 7; write it in quotes",
        "config.yaml:5: field 'language': must be one line of text, but YAML read a mapping ({id: 1}); write the "
        "text on the key's line: language: \"...\"",
    ]


def test_every_problem_is_reported_at_once(tmp_path: Path) -> None:
    assert errors(tmp_path, "titel: X\nbase_url: example.org\npage_size: 0\ntimezone: Mars/Olympus\n"
                            "feed_size: '10'\nlanguage: fr\ncontent_dir: ../elsewhere\n") == [
        "config.yaml:1: field 'titel': unknown key; did you mean 'title'?",
        "config.yaml:2: field 'base_url': 'example.org' is not an absolute http(s) URL; write it like "
        "https://example.org/ or https://example.org/digest/",
        "config.yaml:3: field 'page_size': must be a whole number of at least 1, got 0",
        "config.yaml:4: field 'timezone': 'Mars/Olympus' is not an IANA time zone; write one like Asia/Jakarta or UTC",
        "config.yaml:5: field 'feed_size': must be a whole number of at least 1, got '10'; the quotes make it text: write feed_size: 10",
        "config.yaml:6: field 'language': 'fr' is not supported; use one of: id, en",
        "config.yaml:7: field 'content_dir': '../elsewhere' must be a folder inside the project, written relative to config.yaml",
    ]


def test_the_documented_empty_defaults_can_be_written_and_a_doubled_format_is_named(tmp_path: Path) -> None:
    """`description: ""` and `image: ""`, the defaults as the reference shows them, were errors ("is empty");
    `formats: [rss, rss]` was told it "must include rss"."""
    config = load(tmp_path, 'description: ""\nimage: "  "\n')
    assert (config.description, config.image) == ("", "")
    config = load(tmp_path, "description:\nimage:\n")  # nothing after the colon: the same
    assert (config.description, config.image) == ("", "")
    assert errors(tmp_path, "feeds:\n  formats: [rss, atom, rss]\n") == [
        "config.yaml:2: field 'feeds.formats': lists rss twice; write each format once"]


@pytest.mark.parametrize("static, content", [("content", "content"), (".", "content"), ("berkas", "berkas/artikel")])
def test_a_static_folder_that_holds_the_articles_is_refused(tmp_path: Path, static: str, content: str) -> None:
    """`static_dir: content` (images beside the articles, as in Hugo) published every article's source, drafts and
    companies.yaml too, without a word. A static folder inside the articles' (content/images) is a folder of its
    own, and builds."""
    assert load(tmp_path, "static_dir: content/images\n").static_dir == "content/images"
    assert errors(tmp_path, f"static_dir: {static}\ncontent_dir: {content}\n") == [
        f"config.yaml:1: field 'static_dir': '{static}' is or holds the articles' folder (content_dir: "
        f"{content}), and every file in it is published as it is: the Markdown sources, drafts too; keep static "
        "files in a folder of their own, like static"]


@pytest.mark.parametrize("written, message", [
    ("Etc/GMT+7", "'Etc/GMT+7' is UTC-7: the Etc zones' signs are inverted, as POSIX writes them; write the zone of a "
                  "place instead (for UTC+7, Asia/Jakarta)"),
    ("Etc/GMT-7", None), ("Etc/GMT+0", None), ("Etc/GMT", None),  # as meant, or no offset to get wrong
    ("localtime", "'localtime' is whatever the building machine is set to (or a file of the zone database, not a "
                  "zone), so two machines would build different sites; write a zone like Asia/Jakarta"),
])
def test_a_zone_that_means_another_offset_or_the_machines_own_is_refused(tmp_path: Path, written: str,
                                                                         message: str | None) -> None:
    """'Etc/GMT+7' was taken, and articles were shown 14 hours off (it is UTC-7); 'localtime' was taken, and the
    site's dates depended on the machine that built it."""
    if written == "localtime" and not _zone_exists(written):
        pytest.skip("this machine's zone database has no 'localtime'")
    if message is None:
        assert load(tmp_path, f'timezone: "{written}"\n').timezone == written
        return
    assert errors(tmp_path, f'timezone: "{written}"\n') == [f"config.yaml:1: field 'timezone': {message}"]


def _zone_exists(name: str) -> bool:
    from zoneinfo import ZoneInfo
    try:
        ZoneInfo(name)
    except Exception:
        return False
    return True


@pytest.mark.parametrize("written, meant", [("WIB", "Asia/Jakarta"), ("WITA", "Asia/Makassar"), ("UTC+7", "Asia/Jakarta"),
                                            ("+09:00", "Asia/Jayapura"), ("Asia/Jakata", "Asia/Jakarta"),
                                            ("asia/jakarta", "Asia/Jakarta")])
def test_a_time_zone_written_as_editors_say_it_gets_the_iana_name(tmp_path: Path, written: str, meant: str) -> None:
    assert errors(tmp_path, f'timezone: "{written}"\n') == [
        f"config.yaml:1: field 'timezone': '{written}' is not an IANA time zone; did you mean {meant}?"]


@pytest.mark.parametrize("written, code", [("id-ID", "id"), ("Indonesian", "id"), ("en_US", "en"), ("EN", "en"),
                                           ("en-GB", "en; dates then read the US way: June 13, 2025, not 13 June 2025"),
                                           ("en-AU", "en; dates then read the US way: June 13, 2025, not 13 June 2025")])
def test_a_language_written_another_way_gets_its_code(tmp_path: Path, written: str, code: str) -> None:
    assert errors(tmp_path, f'language: "{written}"\n') == [
        f"config.yaml:1: field 'language': '{written}' is not supported; use one of: id, en (write language: {code})"]


@pytest.mark.parametrize("written, hint", [
    ("in", "'in' is another code for 'id': write language: id"),
    ("in-ID", "'in-ID' is another code for 'id-ID': write language: id"),
    ("eng", "'eng' is another code for 'en': write language: en"),
    ("iw", "'iw' is another code for 'he', Hebrew, which has no theme words here"),
    ("ji", "'ji' is another code for 'yi', Yiddish, which has no theme words here")])
def test_a_deprecated_language_code_names_the_code_it_stands_for(tmp_path: Path, written: str, hint: str) -> None:
    """'in' (Java's and Android's code for Indonesian) was 'not supported' with no hint, though an article's lang: in
    got 'did you mean 'id'?'."""
    assert errors(tmp_path, f'language: "{written}"\n') == [
        f"config.yaml:1: field 'language': '{written}' is not supported; use one of: id, en ({hint})"]


@pytest.mark.parametrize("written, hint", [
    ("sh", "'sh' is Serbo-Croatian, a code ISO 639-1 withdrew in 2000; write the language it is in: hr (Croatian), "
           "bs (Bosnian) or sr (Serbian; sr-Latn in Latin letters); none of them has theme words here"),
    ("sh-BA", "'sh-BA' is Serbo-Croatian, a code ISO 639-1 withdrew in 2000; write the language it is in: hr-BA "
              "(Croatian), bs-BA (Bosnian) or sr-BA (Serbian; sr-Latn-BA in Latin letters); none of them has theme "
              "words here")])
def test_a_withdrawn_language_code_gets_the_advice_lang_gets(tmp_path: Path, written: str, hint: str) -> None:
    """language: sh was told "'sh' is another code for 'sr-Latn'", CLDR's guess, where an article's lang: sh is told
    the three languages the code was written for."""
    assert errors(tmp_path, f'language: "{written}"\n') == [
        f"config.yaml:1: field 'language': '{written}' is not supported; use one of: id, en ({hint})"]


def test_missing_config_and_bad_yaml(tmp_path: Path) -> None:
    with pytest.raises(Refused, match="nope.yaml: not found; create it, or pass --config PATH"):
        load_config(tmp_path / "nope.yaml")
    assert errors(tmp_path, "title: [unclosed\n") == [
        "config.yaml:1: field 'title': starts with '[', which YAML reads as a list; put the whole value in double "
        "quotes: title: \"[unclosed\""]
    assert errors(tmp_path, "sections:\n  - [Kepri\n") == [  # was the parser's words, at line 3, which does not exist
        "config.yaml:2: field 'sections': starts a list with '[' that is never closed; write the name alone: - Kepri"]
    assert errors(tmp_path, "# c\n# d\nhello\ntitle: X\n") == [  # PyYAML: 'mapping values', on line 4
        "config.yaml:3: 'hello' has no ':', so YAML cannot read it as a field; write it as 'key: value', or delete "
        "the line"]
    assert errors(tmp_path, "title: X\nhello\nlanguage: id\n") == [  # PyYAML: "could not find expected ':'", line 3
        "config.yaml:2: 'hello' has no ':', so YAML cannot read it as a field; write it as 'key: value', or delete "
        "the line"]
    assert errors(tmp_path, "title: X\nfeeds:\n  content: summary\n  size 7\n") == [  # line 5 does not exist
        "config.yaml:4: field 'feeds.size': has no ':' after the key; write size: 7"]
    assert errors(tmp_path, "title:X\nlanguage: @id\nfeeds:\n  content: summary\n  size 7\n") == [  # in one run
        "config.yaml:1: field 'title': needs a space after the colon: title: X",
        "config.yaml:2: field 'language': '@' cannot start a value in YAML; put the whole value in double quotes: "
        "language: \"@id\"",
        "config.yaml:2: field 'language': '@id' is not supported; use one of: id, en",  # the slip's fix leaves it
        "config.yaml:5: field 'feeds.size': has no ':' after the key; write size: 7"]
    assert errors(tmp_path, "- a\n- b\n") == ["config.yaml:1: must be a mapping of keys to values, like 'title: My Digest'"]
    assert errors(tmp_path, "title: X\n<<<<<<< HEAD\npage_size: 10\n=======\npage_size: 30\n>>>>>>> other\n") == [
        "config.yaml:2: holds a merge conflict that git could not resolve (lines 2 to 6): keep the version you want, "
        "delete the lines <<<<<<<, ======= and >>>>>>>, and save"], "not a YAML error on line 3"


def test_feeds_and_intersections_are_nested_settings(tmp_path: Path) -> None:
    config = load(tmp_path, "feeds:\n  content: summary\n  size: 7\n  websub_hub: https://hub.example/\n"
                            "intersections:\n  min_articles: 2\n")
    assert (config.feed_content, config.feed_size, config.websub_hub, config.intersections_min_articles) == (
        "summary", 7, "https://hub.example/", 2)
    assert (load(tmp_path, "").feed_content, load(tmp_path, "").intersections_min_articles) == ("full", 3)


@pytest.mark.parametrize("written, why", [
    ("ftp://hub.example/", "is not an absolute http(s) URL; write the hub's URL, like https://pubsubhubbub.appspot.com/"),
    ("https://kabar:rahasia@hub.example/", "has a user name or password before '@', which every feed would publish; "
                                           "write the hub's URL without it"),
    ("https://hub.example/a b", "contains a space; write one URL with no spaces, quotes or <>, like "
                                "https://pubsubhubbub.appspot.com/ (percent-encode the character if the address "
                                "really has it, e.g. %20 for a space)"),
])
def test_a_hub_url_that_is_not_http_or_would_publish_a_password_is_refused_with_its_reason(
        tmp_path: Path, written: str, why: str) -> None:
    """Every hub URL was refused by base_url's rules as "not an absolute http(s) URL", whatever the reason."""
    assert errors(tmp_path, f"feeds:\n  websub_hub: \"{written}\"\n") == [
        f"config.yaml:2: field 'feeds.websub_hub': '{written}' {why}"]


def test_a_hub_url_beyond_ascii_is_written_in_ascii_and_port_0_is_refused(tmp_path: Path) -> None:
    """A hub's fragment kept its letters beyond ASCII ('#frä') while its host and path were encoded, and port 0
    was dropped silently from a host beyond ASCII ('https://hüb.example:0/' became 'https://xn--hb-xka.example/')."""
    assert load(tmp_path, "feeds:\n  websub_hub: https://hüb.example/ä?q=ü#frä\n").websub_hub == (
        "https://xn--hb-xka.example/%C3%A4?q=%C3%BC#fr%C3%A4")
    assert errors(tmp_path, "base_url: https://example.org:0/\nfeeds:\n  websub_hub: https://hüb.example:0/\n") == [
        "config.yaml:1: field 'base_url': 'https://example.org:0/' has port 0, at which no server can be reached; "
        "remove ':0', or write the port it is on",
        "config.yaml:3: field 'feeds.websub_hub': 'https://hüb.example:0/' has port 0, at which no server can be "
        "reached; remove ':0', or write the port it is on"]


def test_intersections_min_articles_zero_turns_them_off(tmp_path: Path) -> None:
    assert load(tmp_path, "intersections:\n  min_articles: 0\n").intersections_min_articles == 0
    assert errors(tmp_path, "intersections:\n  min_articles: -1\n") == [
        "config.yaml:2: field 'intersections.min_articles': must be a whole number, got -1; 0 turns intersection pages off"]


def test_feed_formats_choose_the_files_and_keep_rss(tmp_path: Path) -> None:
    assert load(tmp_path, "").feed_formats == ("rss", "atom", "json")
    assert load(tmp_path, "feeds:\n  formats: [json, rss]\n").feed_formats == ("rss", "json")
    fix = "must be a list of feed formats that includes rss (every page links to its RSS feed), like [rss, atom, json] or [rss]"
    assert errors(tmp_path, "feeds:\n  formats: [atom]\n") == [f"config.yaml:2: field 'feeds.formats': {fix}; got [atom]"]
    assert errors(tmp_path, "feeds:\n  formats: [rss, rss]\n") == [
        "config.yaml:2: field 'feeds.formats': lists rss twice; write each format once"]
    assert errors(tmp_path, "feeds:\n  formats: rss\n") == [f"config.yaml:2: field 'feeds.formats': {fix}; got 'rss'"]
    assert errors(tmp_path, "feeds:\n  formats: [rss, rdf]\n") == [
        f"config.yaml:2: field 'feeds.formats': {fix}; got [rss, rdf]"]


def test_bad_nested_settings_are_reported_with_their_lines(tmp_path: Path) -> None:
    assert errors(tmp_path, "feeds:\n  content: teaser\n  sise: 3\n  websub_hub: hub.local\nfeed_size: 4\n"
                            "intersections: 3\nfeedz: {}\n") == [
        "config.yaml:2: field 'feeds.content': must be one of: full, summary; got 'teaser'",
        "config.yaml:3: field 'feeds.sise': unknown key; did you mean 'feeds.size'?",
        "config.yaml:4: field 'feeds.websub_hub': 'hub.local' is not an absolute http(s) URL; write the hub's URL, "
        "like https://pubsubhubbub.appspot.com/",
        "config.yaml:6: field 'intersections': must be a mapping, like 'intersections: {min_articles: ...}'",
        "config.yaml:7: field 'feedz': unknown key; did you mean 'feeds'?",
    ]
    assert errors(tmp_path, "feed_size: 4\nfeeds:\n  size: 5\n") == [
        "config.yaml:3: field 'feeds.size': sets the same thing as 'feed_size'; keep one of them"]


def test_markdown_block_sets_rel_and_the_table_of_contents(tmp_path: Path) -> None:
    config = load(tmp_path, "markdown:\n  external_rel: noopener  nofollow ugc\n  toc_min_headings: 0\n")
    assert (config.markdown.external_rel, config.markdown.toc_min_headings) == ("noopener nofollow ugc", 0)
    assert (load(tmp_path, "").markdown.external_rel, load(tmp_path, "").markdown.toc_min_headings) == ("noopener", 4)


def test_markdown_block_problems_are_all_reported(tmp_path: Path) -> None:
    assert errors(tmp_path, "markdown:\n  external_rel: dofollow\n  toc_min_headings: -1\n  toc_min_heading: 3\n") == [
        "config.yaml:2: field 'markdown.external_rel': 'dofollow' is not a list of rel words; use some of noopener, "
        "noreferrer, nofollow, ugc, sponsored, external, like 'noopener nofollow ugc'",
        "config.yaml:3: field 'markdown.toc_min_headings': must be a whole number, got -1; 0 turns the automatic "
        "table of contents off",
        "config.yaml:4: field 'markdown.toc_min_heading': unknown key; did you mean 'toc_min_headings'?",
    ]
    assert errors(tmp_path, "markdown: yes\n") == [
        "config.yaml:1: field 'markdown': must be a mapping, like 'markdown: {external_rel: noopener nofollow ugc, "
        "toc_min_headings: 4}'"]


def test_slugs_and_external_rel_are_quoted_as_written(tmp_path: Path) -> None:
    """An attacker's report: 'slugs.C#': 1000.0 is not text; write it in quotes: "1000-0"' for '1e3', 42 for
    '0x2A', and external_rel shown as "['noopener', 'nofollow']" or True, Python's reading, not the file's."""
    assert errors(tmp_path, 'slugs: {"C#": 1e3, Kecerdasan: 0x2A}\nmarkdown:\n  external_rel: [noopener, nofollow]\n') == [
        "config.yaml:1: field 'slugs.C#': 1e3 is not text; write it in quotes: \"1e3\"",
        "config.yaml:1: field 'slugs.Kecerdasan': 0x2A is not text; write it in quotes: \"0x2a\"",
        "config.yaml:3: field 'markdown.external_rel': [noopener, nofollow] is not a list of rel words; use some of "
        "noopener, noreferrer, nofollow, ugc, sponsored, external, like 'noopener nofollow ugc'"]
    assert errors(tmp_path, "markdown:\n  external_rel: TRUE\n")[0].startswith(
        "config.yaml:2: field 'markdown.external_rel': TRUE is not a list of rel words;")


def test_a_base_url_with_a_password_or_a_page_name_is_refused(tmp_path: Path) -> None:
    """A maintainer's report: 'https://user:pw@example.org/' was published in every canonical link, feed, the
    sitemap and robots.txt; '…/news/index.html' became the prefix of every link ('…/news/index.html/tags/')."""
    assert errors(tmp_path, "base_url: https://user:pw@example.org/\n") == [
        "config.yaml:1: field 'base_url': 'https://user:pw@example.org/' has a user name or password before '@', "
        "which every link, feed and the sitemap would publish; give only scheme, host and path (a password-protected "
        "preview asks for it by itself)"]
    assert errors(tmp_path, "base_url: https://example.org/news/index.html\n") == [
        "config.yaml:1: field 'base_url': 'https://example.org/news/index.html' ends in a page's file name; give the "
        "folder the site is served from, like 'https://example.org/news/'"]


@pytest.mark.parametrize("typed, fix", [("https://example.org//digest/", "https://example.org/digest/"),
                                      ("https://example.org//x//", "https://example.org/x/"),
                                      ("https://example.org/a/../b/", "https://example.org/b/"),
                                      ("https://example.org/./", "https://example.org/"),
                                      ("https://example.org/a/%2E%2E/b/", "https://example.org/b/")])
def test_a_base_url_with_an_empty_or_dot_folder_is_refused(tmp_path: Path, typed: str, fix: str) -> None:
    """'https://example.org//digest/' made every link '//digest/...': the stylesheet, scripts and every page
    were asked of the host 'digest'."""
    assert errors(tmp_path, f"base_url: {typed}\n") == [
        f"config.yaml:1: field 'base_url': {typed!r} has an empty or '.'/'..' folder in its path, and a link "
        f"starting '//' goes to another host; write the path as the site is served, like {fix}"]


def test_a_control_character_in_config_is_named_at_its_line(tmp_path: Path) -> None:
    """It was "config.yaml:1: YAML error: unacceptable character #x0000: ... position 469", on line 8."""
    assert errors(tmp_path, 'description: "Berita"\n\ntitle: "Kabar\x00AI"\n') == [
        "config.yaml:3: field 'title': has the control character U+0000, which YAML does not allow; delete it (text "
        "copied from a page read in the wrong encoding often brings one: copy the text again, or retype it)"]


def test_a_config_image_that_goes_up_a_folder_is_an_error_with_the_path_to_write(tmp_path: Path) -> None:
    """'favicon: ../fav.svg' was told "put the file at static/../fav.svg" (which changes nothing), and every page
    linked /../fav.svg."""
    assert errors(tmp_path, "favicon: ../fav.svg\napple_touch_icon: images/../../icon.png\n") == [
        "config.yaml:1: field 'favicon': '../fav.svg' goes up a folder with '..', but the file is in static/, named "
        "from there (the page would link /../fav.svg, outside the site); write favicon: fav.svg",
        "config.yaml:2: field 'apple_touch_icon': 'images/../../icon.png' goes up a folder with '..', but the file is "
        "in static/, named from there (the page would link /images/../../icon.png, outside the site); write "
        "apple_touch_icon: icon.png"]
    assert errors(tmp_path, 'image: "images/%2e%2e/%2e%2e/x.svg"\n') == [  # a warning only, and og:image published so
        "config.yaml:1: field 'image': 'images/%2e%2e/%2e%2e/x.svg' goes up a folder with '..' (written %2e%2e), but "
        "the file is in static/, named from there (the page would link /images/%2e%2e/%2e%2e/x.svg, outside the "
        "site); write image: x.svg"]


def test_empty_and_true_are_said_in_yamls_words(tmp_path: Path) -> None:
    """"got None", "item 1 (None)" and "got True" were Python's words for what the editor wrote as nothing or yes."""
    assert errors(tmp_path, "search:\nmenu: [~]\npage_size: true\n") == [
        "config.yaml:1: field 'search': must be true or false, got empty; write search: true or search: false",
        "config.yaml:2: field 'menu': item 1 (empty) is not a name; write names, like menu: [tentang, kontak]",
        "config.yaml:3: field 'page_size': must be a whole number of at least 1, got true"]


def test_a_single_value_is_quoted_as_written_not_as_python_read_it(tmp_path: Path) -> None:
    """`page_size: -0x1F` was "got -31", `title: 0x1F` "got 31", `noindex: 0x1` "got 1": Python's reading."""
    assert errors(tmp_path, "title: 0x1F\npage_size: -0x1F\nfeed_size: 1e3\nnoindex: 0x1\nmarkdown:\n"
                            "  toc_min_headings: -0o7\nfeeds:\n  content: 0x1F\n  formats: [rss, 1e3]\n") == [
        "config.yaml:1: field 'title': must be text, got 0x1F; write it in quotes",
        "config.yaml:2: field 'page_size': must be a whole number of at least 1, got -0x1F",
        "config.yaml:3: field 'feed_size': must be a whole number of at least 1, got 1e3",
        "config.yaml:4: field 'noindex': must be true or false, got 0x1; write noindex: true or noindex: false",
        "config.yaml:6: field 'markdown.toc_min_headings': must be a whole number, got -0o7; 0 turns the automatic "
        "table of contents off",
        "config.yaml:8: field 'feeds.content': must be one of: full, summary; got 0x1F",
        "config.yaml:9: field 'feeds.formats': must be a list of feed formats that includes rss (every page links to "
        "its RSS feed), like [rss, atom, json] or [rss]; got [rss, 1e3]"]


def test_a_quoted_number_and_a_bad_list_item_are_named_with_the_fix(tmp_path: Path) -> None:
    """An editor's report: `page_size: "20"` never said the quotes were the problem; a bad item in `sections:`
    was told the menu's example and not which item it was."""
    assert errors(tmp_path, 'page_size: "20"\nsections:\n  - Kepri\n  - 5\n  - ""\nmenu: [tentang, 3]\n') == [
        "config.yaml:1: field 'page_size': must be a whole number of at least 1, got '20'; the quotes make it text: "
        "write page_size: 20",
        "config.yaml:4: field 'sections': item 2 (5) is a number; a name that is a number goes in quotes ('5')",
        "config.yaml:5: field 'sections': item 3 ('') is not a name; write names, like sections: [Kepri, Aceh, Nabire]",
        "config.yaml:6: field 'menu': item 2 (3) is a number; a name that is a number goes in quotes ('3')"]
    assert errors(tmp_path, "sections: [Kepri, 0x1F]\nmenu:\n  - 1e3\n") == [  # as written, not 31 and 1000.0
        "config.yaml:1: field 'sections': item 2 (0x1F) is a number; a name that is a number goes in quotes ('0x1F')",
        "config.yaml:3: field 'menu': item 1 (1e3) is a number; a name that is a number goes in quotes ('1e3')"]
    # an item that is a list was shown as Python read it: "item 1 ([31])"
    assert errors(tmp_path, "menu: [[0x1F, TRUE], about]\n") == [
        "config.yaml:1: field 'menu': item 1 ([0x1F, TRUE]) is not a name; write names, like menu: [tentang, kontak]"]
    # the attack on that hint: a superscript digit is a digit to str.isdigit, not to int(): a traceback
    assert errors(tmp_path, 'page_size: "²"\nfeed_size: "١٢"\n') == [
        "config.yaml:1: field 'page_size': must be a whole number of at least 1, got '²'",
        "config.yaml:2: field 'feed_size': must be a whole number of at least 1, got '١٢'"]
    # a number Python cannot read or print (over 4,300 digits; a hex one prints as more) was a traceback
    assert errors(tmp_path, f"page_size: 0x{'f' * 5000}\n") == [
        "config.yaml:1: field 'page_size': is a number of 5002 characters, longer than any field takes; write the "
        "number meant, or put the value in double quotes if it is text"]
    assert errors(tmp_path, f'page_size: "{"9" * 5000}"\n')[0].endswith(f"; the quotes make it text: write page_size: "
                                                                         f"{'9' * 5000}")
    assert errors(tmp_path, "base_url: https://example.org/index.php\n") == [
        "config.yaml:1: field 'base_url': 'https://example.org/index.php' ends in a page's file name; give the "
        "folder the site is served from, like 'https://example.org/'"]


def test_a_hash_name_in_a_list_over_lines_is_an_error_and_a_comment_alone_on_its_line_is_let_be(tmp_path: Path) -> None:
    """Only an article's tags and companies were checked: '#Aceh' in sections over lines was left out in silence."""
    assert errors(tmp_path, "sections: [Kepri, #Aceh,\n  Nabire]\n") == [
        "config.yaml:1: field 'sections': '#Aceh' starts a YAML comment, so it is left out of the list with the rest of "
        "its line; put a name that starts with '#' in double quotes: sections: [Kepri, \"#Aceh\","]
    assert load(tmp_path, "sections: [Kepri,\n  #catatan\n  Nabire]\n").sections == ("Kepri", "Nabire")
    # on the list's last line, its ']' in the comment: "never closed; write sections: [Redaksi]" dropped '#Aceh'
    assert errors(tmp_path, "sections: [Redaksi,\n  #Aceh]\n") == [
        "config.yaml:2: field 'sections': '#Aceh' starts a YAML comment, so it is left out of the list with the rest of "
        "its line; put a name that starts with '#' in double quotes: \"#Aceh\"]"]
    assert load(tmp_path, "sections: [Redaksi,\n  \"#Aceh\"]\n").sections == ("Redaksi", "#Aceh")


def test_a_hash_name_after_a_dash_is_said_as_in_an_article(tmp_path: Path) -> None:
    """'- #Aceh' in sections or menu was "item 1 (empty) is not a name", not why it is empty."""
    assert errors(tmp_path, "sections:\n  - Redaksi\n  - #Aceh\nmenu:\n  - #tentang\n") == [
        "config.yaml:3: field 'sections': item 2 is empty: '#Aceh' after '- ' is a YAML comment; put it in double "
        "quotes: - \"#Aceh\"",
        "config.yaml:5: field 'menu': item 1 is empty: '#tentang' after '- ' is a YAML comment; put it in double "
        "quotes: - \"#tentang\""]
    assert load(tmp_path, "sections:\n  - Redaksi\n  - \"#Aceh\"\n").sections == ("Redaksi", "#Aceh")


def test_a_list_or_mapping_key_written_empty_holds_none_as_slugs_did(tmp_path: Path) -> None:
    """An empty `slugs:` was no slugs, but an empty `menu:` or `sections:` was "must be a list of names", and an
    empty `feeds:`, `markdown:` or `intersections:` "must be a mapping": now each holds none, as `[]` or `{}`."""
    config = load(tmp_path, "menu:\nsections: # none yet\nslugs:\nfeeds:\nmarkdown:\nintersections:\n")
    assert (config.menu, config.sections, config.slugs, config.feed_formats, config.intersections_min_articles) == (
        (), (), (), ("rss", "atom", "json"), 3)
    write_files(tmp_path, {"config.yaml": "menu: [tentang]\nfeeds: {formats: [rss]}\n",
                           "config.staging.yaml": "menu:\nfeeds:\n"})  # an environment's: cleared, and kept
    config = load_config(tmp_path / "config.yaml", None, "staging")
    assert (config.menu, config.feed_formats) == ((), ("rss",))


def test_a_yaml_slip_hides_none_of_the_other_keys_problems(tmp_path: Path) -> None:
    """The slip in the title was the one message of the run; language, timezone and page_size came after it was fixed."""
    assert errors(tmp_path, "title: Kabar AI: Ringkasan Harian\nlanguage: id-ID\ntimezone: WIB\npage_size: \"20\"\n") == [
        "config.yaml:1: field 'title': has ': ' in it, which YAML reads as the start of another key; put the whole "
        "value in double quotes: title: \"Kabar AI: Ringkasan Harian\"",
        "config.yaml:2: field 'language': 'id-ID' is not supported; use one of: id, en (write language: id)",
        "config.yaml:3: field 'timezone': 'WIB' is not an IANA time zone; did you mean Asia/Jakarta?",
        "config.yaml:4: field 'page_size': must be a whole number of at least 1, got '20'; the quotes make it text: "
        "write page_size: 20"]


@pytest.mark.parametrize("text, line", [("*a\ntitle: X\npage_size: x\n", 1), ("title: X\n*a\npage_size: x\n", 2),
                                        ("title: X\n*a: b\npage_size: x\n", 2)])
def test_an_alias_at_the_start_of_a_line_is_said_once(tmp_path: Path, text: str, line: int) -> None:
    """Beside the alias's own message, '*a' was told "'~' has no ':'" (the '~' it was read as, '~ b' for '*a: b'),
    or, below a key, only "'*a' has no ':'"; the other keys are checked in the same run."""
    assert errors(tmp_path, text) == [
        f"config.yaml:{line}: '*a' is a YAML alias at the start of its line; aliases are not allowed: write the value "
        "out, with its key, or delete the line",
        "config.yaml:3: field 'page_size': must be a whole number of at least 1, got 'x'"]


@pytest.mark.parametrize("name", ["config.yaml", "config.staging.yaml"])
def test_a_slip_on_an_unknown_key_and_on_a_number_or_boolean_says_all(tmp_path: Path, name: str) -> None:
    """'titel: [' was told only to quote the '[' (followed: "unknown key; did you mean 'title'?", one run later);
    'page_size: [' was told 'page_size: "["', a value that can never be valid; now what the key takes."""
    config = "title: T\n" if name != "config.yaml" else ""
    for text, said in [
        ("titel: [\n", ["starts with '[', which YAML reads as a list; put the whole value in double quotes: titel: \"[\"",
                        "unknown key; did you mean 'title'?"]),
        ("page_size: [\n", ["starts with '[', which YAML reads as a list, and must be a whole number of at least 1, "
                            "got '['"]),
        ("search: {\n", ["starts with '{', which YAML reads as a mapping, and must be true or false, got '{'; write "
                         "search: true or search: false"])]:
        write_files(tmp_path, {"config.yaml": config or text, "config.staging.yaml": text if config else ""})
        with pytest.raises(BuildError) as caught:
            load_config(tmp_path / "config.yaml", None, "staging" if config else None)
        field = text.partition(":")[0]
        assert [str(p) for p in caught.value.problems] == [f"{name}:1: field '{field}': {m}" for m in said]


def test_a_bracket_alone_above_other_keys_is_said_at_its_line(tmp_path: Path) -> None:
    """'page_size: [' above other keys was "YAML syntax error: did not find expected ',' or ']'" at the end of the
    file; 'draft_x: [' above 'feed_size: {' was said only of 'feed_size'."""
    assert errors(tmp_path, "page_size: [\nsearch: true\ntitel: T\n") == [
        "config.yaml:1: field 'page_size': starts with '[', which YAML reads as a list, and must be a whole number of "
        "at least 1, got '['",
        "config.yaml:3: field 'titel': unknown key; did you mean 'title'?"]
    assert errors(tmp_path, "draft_x: [\nfeed_size: {\n") == [
        "config.yaml:1: field 'draft_x': starts with '[', which YAML reads as a list; put the whole value in double "
        "quotes: draft_x: \"[\"",
        "config.yaml:1: field 'draft_x': unknown key; did you mean 'drafts'?",
        "config.yaml:2: field 'feed_size': starts with '{', which YAML reads as a mapping, and must be a whole number "
        "of at least 1, got '{'"]


@pytest.mark.parametrize("key", ["title", "base_url", "timezone", "language", "output_dir"])
def test_a_list_with_a_date_no_calendar_has_gets_its_advice_not_a_traceback(tmp_path: Path, key: str) -> None:
    """'title: [2024-02-30, @x]': the advice read its line back with PyYAML's timestamps, a ValueError (day is out of
    range for month) out of every command."""
    assert errors(tmp_path, f"{key}: [2024-02-30, @x]\n") == [
        f"config.yaml:1: field '{key}': '@x' starts with '@', which cannot start a name in YAML, and must be one line "
        f"of text, but YAML read a list ([2024-02-30, \"@x\"]); write the text on the key's line: {key}: \"...\""]
