"""Indexes: grouping, sort order with tie-breaks, and URL collisions reported with both sources."""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import article, build_project, make_project
from generator.core.errors import BuildError
from generator.index.taxonomy import term_slug

REGISTRY = "scale-ai:\n  name: Scale AI\n  aliases: [Scale]\n"


def problems(tmp_path: Path, articles: dict[str, str], companies: str | None = None) -> list[str]:
    make_project(tmp_path, articles, companies=companies)
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


def test_unregistered_company_cannot_take_a_registered_url(tmp_path: Path) -> None:
    assert problems(tmp_path, {"a.md": article(companies="[Scale AI]"), "b.md": article(companies="[Scale-AI]")},
                    companies=REGISTRY) == [
        "content/b.md:4: field 'companies': 'Scale-AI' and 'Scale AI' (in content/a.md) both make the URL "
        "/companies/scale-ai/; use one spelling, or add it as an alias in companies.yaml"]


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
