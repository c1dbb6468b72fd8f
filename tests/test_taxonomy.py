"""Indexes: grouping, sort order with tie-breaks, and URL collisions reported with both sources."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import CONFIG, article, build_project, make_project
from generator.core.errors import BuildError
from generator.index.taxonomy import term_slug

REGISTRY = "scale-ai:\n  name: Scale AI\n  aliases: [Scale]\n"


def problems(tmp_path: Path, articles: dict[str, str], companies: str | None = None, config: str = CONFIG) -> list[str]:
    make_project(tmp_path, articles, companies=companies, config=config)
    with pytest.raises(BuildError) as caught:
        build_project(tmp_path)
    return [str(p) for p in caught.value.errors]


def test_mixed_offsets_sort_by_instant_and_ties_by_slug(tmp_path: Path) -> None:
    make_project(tmp_path, {
        "b.md": article(date="2025-06-13T09:00:00+07:00"),   # 02:00 UTC
        "a.md": article(date="2025-06-13T02:00:00Z"),        # the same instant
        "c.md": article(date="2025-06-12T22:00:00-05:00"),   # 03:00 UTC: newest
        "d.md": article(date="2025-06-13"),                  # 2025-06-12T17:00 UTC: oldest
    })
    site_articles = build_project(tmp_path).output.files["index.html"].decode()
    order = [slug for slug in "abcd" if f"/2025/06/{slug}/" in site_articles]
    positions = sorted(order, key=lambda s: site_articles.index(f"/2025/06/{s}/"))
    assert positions == ["c", "a", "b", "d"]


def test_case_variants_of_a_tag_are_one_term_with_the_commonest_spelling(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article(tags="[AI]"), "b.md": article(tags="[ai]"), "c.md": article(tags="[AI]")})
    files = build_project(tmp_path).output.files
    assert "tags/ai/index.html" in files and "Tag: AI" in files["tags/ai/index.html"].decode()


def test_two_articles_with_one_url_name_both_files(tmp_path: Path) -> None:
    assert problems(tmp_path, {"x/Rilis-Baru.md": article(), "y/rilis-baru.md": article()}) == [
        "content/y/rilis-baru.md:1: field 'slug': the URL /2025/06/rilis-baru/ is already used by "
        "content/x/Rilis-Baru.md; rename one file or give it another 'slug:'"]


def test_tags_differing_in_punctuation_collide_loudly(tmp_path: Path) -> None:
    assert problems(tmp_path, {"a.md": article(tags="[e-commerce]"), "b.md": article(tags="[e commerce]")}) == [
        "content/a.md:4: field 'tags': 'e-commerce' and 'e commerce' (in content/b.md) both make the URL "
        "/tags/e-commerce/; use one spelling"]


def test_every_spelling_that_clashes_is_named_in_its_own_file(tmp_path: Path) -> None:
    """Three spellings of one URL: the second and the third are each an error, so one run shows every file to fix."""
    assert problems(tmp_path, {"a.md": article(tags="[e-commerce]"), "b.md": article(tags="[e commerce]"),
                               "c.md": article(tags="[E_Commerce]")}) == [
        "content/a.md:4: field 'tags': 'e-commerce' and 'e commerce' (in content/b.md) both make the URL "
        "/tags/e-commerce/; use one spelling",
        "content/c.md:4: field 'tags': 'E_Commerce' and 'e commerce' (in content/b.md) both make the URL "
        "/tags/e-commerce/; use one spelling"]


def test_two_company_spellings_of_one_url_in_one_article_are_the_error_two_articles_get(tmp_path: Path) -> None:
    """An attacker's report: `companies: [Go-To, Go To]` kept 'Go-To' and dropped 'Go To' without a word, while the
    two in two articles were an error (and two tags in one article were one too). A registered name and its alias
    ('Google', 'Alphabet') are one company, still."""
    assert problems(tmp_path, {"a.md": article(companies="[Google, Alphabet, Go-To, Go To]"),
                               "b.md": article(title="B", companies="[Go-To]")},
                    companies="google:\n  name: Google\n  aliases: [Alphabet]\n") == [
        "content/a.md:4: field 'companies': 'Go To' and 'Go-To' (in content/a.md) both make the URL "
        "/companies/go-to/; use one spelling, or add it as an alias in companies.yaml"]


def test_a_section_and_tags_with_no_url_are_said_with_the_articles_own_error(tmp_path: Path) -> None:
    """An attacker's report: `companies: ["🤖"]` (an error that keeps the article out of the index) hid its
    `section: "🚀"` and `tags: ["!!!"]`, each said only on the next run; "spell it out" was the one advice, which
    changes the name readers see, where config.yaml's slugs: keeps it (and then nothing is said)."""
    fields = {"companies": '["🤖"]', "section": '"🚀"', "tags": '[AI, "!!!"]'}
    no_url = "has no letters or digits to make a URL from; spell it out, or "
    assert problems(tmp_path, {"a.md": article(**fields), "b.md": article(title="B", tags="[AI]")}) == [
        f"content/a.md:4: field 'companies': '🤖' {no_url}add it to content/companies.yaml under an id",
        f"content/a.md:5: field 'section': '🚀' {no_url}give it its own URL in config.yaml, like "
        "'slugs: {\"!!!\": exclamation-mark, \"🚀\": rocket}' (one line for both names)",
        f"content/a.md:6: field 'tags': '!!!' {no_url}give it its own URL in config.yaml, like "
        "'slugs: {\"!!!\": exclamation-mark, \"🚀\": rocket}' (one line for both names)"]
    make_project(tmp_path, {"a.md": article(**fields)}, config=CONFIG + 'slugs: {"🚀": roket, "!!!": seru}\n')
    with pytest.raises(BuildError) as caught:
        build_project(tmp_path)
    assert [str(p) for p in caught.value.errors] == [
        f"content/a.md:4: field 'companies': '🤖' {no_url}add it to content/companies.yaml under an id"]


@pytest.mark.parametrize("own, error", [
    ("date: 2025-13-10\n", "content/a.md:3: field 'date': '2025-13-10' is not a valid date (month must be in 1..12); "
     "write YYYY-MM-DD or an ISO 8601 date-time such as 2025-06-13T09:00:00+07:00, or the date as the news page "
     "prints it: 13 Juni 2025 09.00 WIB"),
    ('slug: "Bad Slug"\n', "content/a.md:3: field 'slug': 'Bad Slug' is not a valid slug; use lowercase letters, "
     "digits and single hyphens, like 'meta-scale-ai'"),
])
def test_a_section_and_tags_with_no_url_are_said_when_the_articles_address_cannot_be_read(
        tmp_path: Path, own: str, error: str) -> None:
    """An attacker's report: with a bad date or slug the article was not read again, so its section and tags were
    said only on the next run; their names need neither to be checked for a URL."""
    text = f'---\ntitle: A\n{own}section: "🚀"\ntags: ["!!!"]\ndate: 2025-06-13\n---\nIsi.\n'
    no_url = "has no letters or digits to make a URL from; spell it out, or give it its own URL in config.yaml, like"
    line = "'slugs: {\"!!!\": exclamation-mark, \"🚀\": rocket}' (one line for both names)"
    assert problems(tmp_path, {"a.md": text.replace("date: 2025-06-13\n", "") if "date" in own else text}) == [
        error, f"content/a.md:4: field 'section': '🚀' {no_url} {line}",
        f"content/a.md:5: field 'tags': '!!!' {no_url} {line}"]


def test_names_with_no_url_are_given_one_slugs_line_or_an_entry_in_the_one_there_is(tmp_path: Path) -> None:
    """An attacker's report: three names with no URL gave three 'slugs: {...}' lines, which added as written are
    "field 'slugs': is defined twice", and the same line where config.yaml has slugs: already. One line for them
    all where there is none ('!' and '!!!' not on one URL); else an entry for the slugs: there is."""
    make_project(tmp_path, {"a.md": article(section='"🚀"', tags='["!!!", AI]'),
                            "b.md": article(title="B", tags='["!", "!!!"]')})
    with pytest.raises(BuildError) as caught:
        build_project(tmp_path)
    line = 'slugs: {"!": exclamation-mark, "!!!": exclamation-mark-2, "🚀": rocket}'
    no_url = "has no letters or digits to make a URL from; spell it out, or give it its own URL in config.yaml"
    assert [str(p) for p in caught.value.errors] == [
        f"content/a.md:4: field 'section': '🚀' {no_url}, like '{line}' (one line for all 3 names)",
        f"content/a.md:5: field 'tags': '!!!' {no_url}, like '{line}' (one line for all 3 names)",
        f"content/b.md:4: field 'tags': '!' {no_url}, like '{line}' (one line for all 3 names)"]
    with open(tmp_path / "config.yaml", "a", encoding="utf-8") as config:  # as said
        config.write(line + "\n")
    assert "/tags/exclamation-mark-2/" in build_project(tmp_path).output.files["tags/index.html"].decode()

    written = make_project(tmp_path / "written", {"a.md": article(section='"🚀"', tags='["!!!"]')},
                           config=CONFIG + "slugs:\n  C#: c-sharp\n")
    with pytest.raises(BuildError) as caught:
        build_project(written)
    assert [str(p) for p in caught.value.errors] == [
        f"content/a.md:4: field 'section': '🚀' {no_url}: add '\"🚀\": rocket' to its slugs: at config.yaml:3",
        f"content/a.md:5: field 'tags': '!!!' {no_url}: add '\"!!!\": exclamation-mark' to its slugs: at "
        "config.yaml:3"]
    with open(written / "config.yaml", "a", encoding="utf-8") as config:
        config.write('  "🚀": rocket\n  "!!!": exclamation-mark\n')
    assert "sections/rocket/index.html" in build_project(written).output.files


def test_a_slug_suggested_for_a_name_with_no_url_is_none_the_site_has(tmp_path: Path) -> None:
    """An attacker's report: with a tag 'Rocket', '🚀' was told 'slugs: {"🚀": rocket}', which added as written is a
    clash of its own ("which 'Rocket' has too"); so a section's or a company's slug. None the site has is suggested."""
    line = 'slugs: {"!!!": exclamation-mark-2, "🚀": rocket-3}'
    no_url = "has no letters or digits to make a URL from; spell it out, or give it its own URL in config.yaml"
    assert problems(tmp_path, {"a.md": article(tags='[Rocket, "🚀"]', section='"!!!"', companies="[Exclamation Mark]"),
                               "b.md": article(title="B", section="Rocket 2")}) == [
        f"content/a.md:4: field 'tags': '🚀' {no_url}, like '{line}' (one line for both names)",
        f"content/a.md:5: field 'section': '!!!' {no_url}, like '{line}' (one line for both names)"]
    with open(tmp_path / "config.yaml", "a", encoding="utf-8") as config:  # as said
        config.write(line + "\n")
    files = build_project(tmp_path).output.files
    assert "tags/rocket-3/index.html" in files and "sections/exclamation-mark-2/index.html" in files


def test_clashes_are_reported_at_the_fields_line(tmp_path: Path) -> None:
    """The index finds a clash with the articles alone; the message still names the line of the field (the
    section's, the slug's when written), as every message about a field does."""
    assert problems(tmp_path, {
        "a.md": article(tags="[AI]", section="Asia Timur"),
        "b.md": article(summary="x", section="Asia-Timur"),
        "c.md": article(title="C", slug="sama"), "d.md": article(title="D", draft="false", slug="sama")}) == [
        "content/b.md:5: field 'section': 'Asia-Timur' and 'Asia Timur' (in content/a.md) both make the URL "
        "/sections/asia-timur/; use one spelling",
        "content/d.md:5: field 'slug': the URL /2025/06/sama/ is already used by content/c.md; rename one file or "
        "give it another 'slug:'"]


def test_two_names_for_one_url_that_are_two_things_are_told_how_to_give_one_its_own(tmp_path: Path) -> None:
    """'C++' and 'C#' are two languages, not two spellings: the error shows the config.yaml line that keeps both
    (it said "use one spelling", which an editor cannot do); names read alike in another script too."""
    assert problems(tmp_path, {"a.md": article(tags="[C++]"), "b.md": article(tags="[C#]", section="仁工"),
                               "c.md": article(section="人工")}) == [
        "content/a.md:4: field 'tags': 'C++' and 'C#' (in content/b.md) both make the URL /tags/c/; give one its own "
        f"URL in config.yaml, like '{BOTH}' (one line for both names), or use one spelling if they are one thing",
        "content/b.md:5: field 'section': '仁工' and '人工' (in content/c.md) both make the URL /sections/ren-gong/; "
        f"give one its own URL in config.yaml, like '{BOTH}' (one line for both names), or use one spelling if they "
        "are one thing"]


BOTH = 'slugs: {"C++": c-plus-plus, "仁工": ren-gong-2}'


def test_two_names_given_their_own_url_are_given_one_slugs_line_or_an_entry_each(tmp_path: Path) -> None:
    """An attacker's report: 'C++' and '仁工', each on a URL another name has, were each advised a 'slugs: {...}'
    line, which added as written is "field 'slugs': is defined twice". One line for both, as said for names with
    no URL; where config.yaml has slugs:, the entry to add to it at its line."""
    articles = {"a.md": article(tags="[C++]"), "b.md": article(tags="[C#]", section="仁工"), "c.md": article(section="人工")}
    with open(make_project(tmp_path, articles) / "config.yaml", "a", encoding="utf-8") as config:  # as said
        config.write(BOTH + "\n")
    files = build_project(tmp_path).output.files
    assert "tags/c-plus-plus/index.html" in files and "sections/ren-gong-2/index.html" in files
    written = make_project(tmp_path / "written", articles, config=CONFIG + "slugs:\n  Go: golang\n")
    with pytest.raises(BuildError) as caught:
        build_project(written)
    assert [str(p).partition("config.yaml")[2] for p in caught.value.errors] == [
        ": add '\"C++\": c-plus-plus' to its slugs: at config.yaml:3, or use one spelling if they are one thing",
        ": add '\"仁工\": ren-gong-2' to its slugs: at config.yaml:3, or use one spelling if they are one thing"]


def test_a_clash_and_a_name_with_no_url_are_given_one_slugs_line_or_an_entry_each(tmp_path: Path) -> None:
    """An attacker's report: 'C++' beside 'C#' and a tag '🚀' in one run were each advised a 'slugs: {...}' line,
    which added as both say is "field 'slugs': is defined twice". One line names both; where config.yaml has slugs:,
    the entry of each to add to it."""
    articles = {"a.md": article(tags='[C++, "🚀"]'), "b.md": article(title="B", tags="[C#]")}
    line = 'slugs: {"C++": c-plus-plus, "🚀": rocket}'
    assert problems(tmp_path, articles) == [
        "content/a.md:4: field 'tags': 'C++' and 'C#' (in content/b.md) both make the URL /tags/c/; give one its own "
        f"URL in config.yaml, like '{line}' (one line for both names), or use one spelling if they are one thing",
        "content/a.md:4: field 'tags': '🚀' has no letters or digits to make a URL from; spell it out, or give it its "
        f"own URL in config.yaml, like '{line}' (one line for both names)"]
    with open(tmp_path / "config.yaml", "a", encoding="utf-8") as config:  # as said
        config.write(line + "\n")
    files = build_project(tmp_path).output.files
    assert "tags/c-plus-plus/index.html" in files and "tags/rocket/index.html" in files and "tags/c/index.html" in files
    written = problems(tmp_path / "written", articles, config=CONFIG + "slugs:\n  Go: golang\n")
    assert [message.partition("config.yaml")[2] for message in written] == [
        ": add '\"C++\": c-plus-plus' to its slugs: at config.yaml:3, or use one spelling if they are one thing",
        ": add '\"🚀\": rocket' to its slugs: at config.yaml:3"]


def test_the_slug_offered_for_a_clash_is_one_no_other_name_has(tmp_path: Path) -> None:
    """An attacker's report: "choose another slug, like ren-gong-2" where a section 'ren-gong-2' or a slugs: entry
    had that URL already, so following the advice made another clash; the first free number is offered."""
    assert problems(tmp_path / "sections", {"a.md": article(section="仁工"), "b.md": article(section="人工"),
                               "c.md": article(section="ren-gong-2")},
                    config=CONFIG + "slugs: {Asia: ren-gong-3}\n") == [
        "content/a.md:4: field 'section': '仁工' and '人工' (in content/b.md) both make the URL /sections/ren-gong/; "
        "give one its own URL in config.yaml: add '\"仁工\": ren-gong-4' to its slugs: at config.yaml:3, or use one "
        "spelling if they are one thing"]
    assert problems(tmp_path / "tags", {"a.md": article(tags="[ML, AI, Kecerdasan]")},
                    config=CONFIG + "slugs: {AI: ml, Kecerdasan: ai}\n") == [
        "config.yaml:3: field 'slugs.AI': gives 'AI' the URL /tags/ml/, which 'ML' (in content/a.md) has too; "
        "choose another slug, like ml-2"]


def test_a_section_takes_the_spelling_config_lists_everywhere(tmp_path: Path) -> None:
    """An editor's report: `section: kepri` showed "kepri" in list items, its article page and `article:section`,
    while the section bar and breadcrumb said "Kepri" as config.yaml lists it."""
    make_project(tmp_path, {"a.md": article(title="A", section="kepri"), "b.md": article(title="B", section="KEPRI"),
                            "c.md": article(title="C", section="aceh")},
                 config=CONFIG + "sections: [Kepri, Nabire]\n")
    files = {p: d.decode() for p, d in build_project(tmp_path).output.files.items() if p.endswith(".html")}
    page = files["2025/06/a/index.html"]
    assert '<meta property="article:section" content="Kepri">' in page and ">kepri<" not in page
    assert ">kepri<" not in files["index.html"] and ">KEPRI<" not in files["index.html"]
    assert '/sections/kepri/" dir="auto">Kepri</a>' in files["index.html"] and '/sections/aceh/" dir="auto">aceh</a>' in files["index.html"]


def test_slugs_in_config_give_tags_and_sections_their_own_urls(tmp_path: Path) -> None:
    """With `slugs:`, 'C#' lives at /tags/csharp/ beside 'C++' at /tags/c/, and a section at a shorter address;
    the article's links, the lists' section links and the feeds follow, and no page is left at the old URL."""
    make_project(tmp_path, {"a.md": article(title="A", tags="[C++, c#]", section="Asia Timur"),
                            "b.md": article(title="B", tags="[C#]")},
                 config=CONFIG + "slugs:\n  C#: csharp\n  asia timur: asia\n")
    files = build_project(tmp_path).output.files
    assert "Tag: C++" in files["tags/c/index.html"].decode() and "Tag: C#" in files["tags/csharp/index.html"].decode()
    assert "tags/csharp/feed.xml" in files and "sections/asia/index.html" in files
    assert not [path for path in files if path.startswith("sections/asia-timur")]
    page = files["2025/06/a/index.html"].decode()
    assert 'href="/tags/csharp/"' in page and 'href="/tags/c/"' in page and 'href="/sections/asia/"' in page
    assert 'href="/sections/asia/" dir="auto">Asia Timur</a>' in files["index.html"].decode()


def test_slugs_in_config_that_cannot_be_used_are_errors_at_their_line(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article(tags="[C++, C#]")},
                 config=CONFIG + "slugs:\n  C#: C Sharp\n  c#: csharp\n  Go: go/lang\n  Rust: \n  y: 12\n"
                        f"  z: {'a' * 81}\n  w: [b]\n")
    with pytest.raises(BuildError) as caught:
        build_project(tmp_path)
    assert [str(p) for p in caught.value.errors] == [
        "config.yaml:4: field 'slugs.C#': 'C Sharp' is not a URL slug; write lowercase letters, digits and '-', like "
        "c-sharp",
        "config.yaml:5: field 'slugs.c#': the same name as 'C#' (letter case aside); keep one",
        "config.yaml:6: field 'slugs.Go': 'go/lang' is not a URL slug; write lowercase letters, digits and '-', like "
        "go-lang",
        "config.yaml:7: field 'slugs.Rust': is empty; write the slug after the colon, like csharp",
        "config.yaml:8: field 'slugs.y': 12 is not text; write it in quotes: \"12\"",
        "config.yaml:9: field 'slugs.z': is 81 characters long; a slug has at most 80",
        # a list made no slug to suggest: it was told to write "" in quotes
        "config.yaml:10: field 'slugs.w': [b] is not a URL slug; write one of lowercase letters, digits and '-', "
        "like csharp"]
    (tmp_path / "config.yaml").write_text(CONFIG + "slugs: [C#, csharp]\n")
    with pytest.raises(BuildError) as caught:
        build_project(tmp_path)
    assert [str(p) for p in caught.value.errors][0] == (
        "config.yaml:3: field 'slugs': must be a mapping of tag or section names to URL slugs, like "
        "'slugs: {C++: cpp, C#: csharp}'")


def test_a_clash_that_a_slug_in_config_makes_is_an_error_at_its_line(tmp_path: Path) -> None:
    """`slugs: {Berita: panduan}` beside a tag 'panduan' was blamed on the article's tags line, with advice to give
    one of them a slug: the config line that made it is the one to change, whichever of the two is met first."""
    make_project(tmp_path, {"a.md": article(tags="[panduan, Berita]"), "b.md": article(title="B", section="Aceh"),
                            "c.md": article(title="C", section="NAD")},
                 config=CONFIG + "slugs:\n  berita: panduan\n  nad: aceh\n")
    with pytest.raises(BuildError) as caught:
        build_project(tmp_path)
    assert [str(p) for p in caught.value.errors] == [
        "config.yaml:4: field 'slugs.berita': gives 'berita' the URL /tags/panduan/, which 'panduan' (in content/a.md) "
        "has too; choose another slug, like berita",
        "config.yaml:5: field 'slugs.nad': gives 'nad' the URL /sections/aceh/, which 'Aceh' (in content/b.md) has "
        "too; choose another slug, like nad"]


def test_a_slug_for_a_name_spelled_close_to_a_tag_is_a_warning_and_a_new_name_is_quiet(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article(tags="[C++, Kecerdasan Buatan]")},
                 config=CONFIG + "slugs:\n  Kecerdasan Buatann: ai\n  Rust: rust-lang\n")
    assert [str(p) for p in build_project(tmp_path).warnings] == [
        "config.yaml:4: field 'slugs.Kecerdasan Buatann': warning: 'Kecerdasan Buatann' is no article's tag or "
        "section, so its slug is not used; did you mean 'Kecerdasan Buatan'?"]


def test_a_company_named_by_its_registry_id_or_a_name_it_had_is_that_company(tmp_path: Path) -> None:
    """An editor's report: with no article spelling it as the registry does, 'Scale-AI' took /companies/scale-ai/
    with a warning only, and the registry's Scale AI (name, description, link) was gone from the site. Then it was
    an error, and renaming a company ('Telkomsel' → 'Telkomsel Grup') failed every article written with the old
    name, even `companies: [telkomsel]`, the entry's own id. The id is the company: its page, its name."""
    make_project(tmp_path, {"a.md": article(title="A", companies="[Scale AI]"),
                            "b.md": article(title="B", companies="[Google, Scale-AI]"),
                            "c.md": article(title="C", companies="[scale-ai]")})
    (tmp_path / "content/companies.yaml").write_text(REGISTRY)
    result = build_project(tmp_path)
    assert [str(p) for p in result.warnings] == [
        "content/b.md:4: field 'companies': warning: 'Google' is not in content/companies.yaml; add it there to give "
        "its page a name, link and description"]
    page = result.output.files["companies/scale-ai/index.html"].decode()
    assert "<h1>Perusahaan: <bdi>Scale AI</bdi></h1>" in page and all(f">{t}</a></h2>" in page for t in "ABC")


@pytest.mark.parametrize("a, b", [("Rp 1,5 triliun", "Rp 15 triliun"), ("Rp1,5 Triliun", "Rp15 Triliun")])
def test_indonesian_amounts_do_not_collide(a: str, b: str) -> None:
    assert term_slug(a) != term_slug(b)


def test_long_and_cjk_names_make_short_ascii_slugs(tmp_path: Path) -> None:
    long_name = "berita-" * 35 + ".md"
    make_project(tmp_path, {long_name: article(tags="[人工智能, " + "sangat-panjang-" * 30 + "]"),
                            "人工智能新闻.md": article()})
    files = build_project(tmp_path).output.files
    assert all(len(part.encode()) <= 100 for path in files for part in path.split("/")), "no file name can be too long"
    assert "tags/ren-gong-zhi-neng/index.html" in files


def test_symlinks_never_read_outside_content_or_twice(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article()})
    outside = tmp_path / "secret.md"
    outside.write_text(article(title="Rahasia"))
    (tmp_path / "content/out.md").symlink_to(outside)
    (tmp_path / "content/again.md").symlink_to(tmp_path / "content/a.md")
    (tmp_path / "content/loop.md").symlink_to(tmp_path / "content/loop.md")
    (tmp_path / "content/dir").symlink_to(tmp_path)
    with pytest.raises(BuildError) as caught:
        build_project(tmp_path)
    assert [str(p) for p in caught.value.problems] == [
        "content/again.md: warning: is a symbolic link to a.md, which is read already; remove the link",
        "content/dir: warning: is a symbolic link to a folder and is not followed; move the folder into content/ instead",
        "content/loop.md: is a broken or looping symbolic link; remove it or point it at a file",
        "content/out.md: is a symbolic link to a file outside content/, which is never read; copy the file into content/ instead",
    ]


def test_pathological_markdown_finishes(tmp_path: Path) -> None:
    body = ">" * 5000 + " x\n\n" + "[" * 5000 + "\n\n" + "*a " * 5000 + "\n\n" + "- " * 2000 + "x\n"
    make_project(tmp_path, {"a.md": article(body=body)})
    html = build_project(tmp_path).output.files["2025/06/a/index.html"].decode()
    assert "[[[[" in html



def test_two_spellings_of_one_name_with_slugs_in_the_config_are_told_to_use_one(tmp_path: Path) -> None:
    """An attacker's report: with a slugs: mapping in config.yaml, two spellings of one name ('A.I.', 'A I') were a
    KeyError traceback out of build and check (the entry to add was looked up for a name given none)."""
    assert problems(tmp_path, {"a.md": article(tags='["A.I.", "A I"]')},
                    config=CONFIG + 'slugs: {"C++": c-plus-plus}\n') == [
        "content/a.md:4: field 'tags': 'A.I.' and 'A I' (in content/a.md) both make the URL /tags/a-i/; use one "
        "spelling"]
