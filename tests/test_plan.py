"""Fingerprints: a page's changes when, and only when, something it shows changes."""
from __future__ import annotations

from pathlib import Path

from conftest import article, feed_files, make_project
from generator.build import build
from generator.config import load_config


def fingerprints(root: Path) -> dict[str, str]:
    return dict(build(load_config(root / "config.yaml")).fingerprints)


def changed(tmp_path: Path, before: dict[str, str], root: Path) -> list[str]:
    after = fingerprints(root)
    return sorted(p for p in after if before.get(p) != after[p])


def test_a_body_edit_changes_the_article_page_and_its_feeds_only(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/a.md": article(title="A", tags="[x]", summary="S"),
                            "2025/06/b.md": article(title="B", tags="[x]")})
    before = fingerprints(tmp_path)
    (tmp_path / "content/2025/06/a.md").write_text(article(title="A", tags="[x]", summary="S", body="Baru.\n"))
    assert changed(tmp_path, before, tmp_path) == sorted(["2025/06/a/index.html", *feed_files("", "tags/x/")])


def test_without_a_summary_the_first_paragraph_is_the_card(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body="Satu.\n\nDua.\n")})
    before = fingerprints(tmp_path)
    (tmp_path / "content/2025/06/a.md").write_text(article(title="A", body="Satu.\n\nDua, diubah.\n"))
    assert changed(tmp_path, before, tmp_path) == sorted(["2025/06/a/index.html", *feed_files("")])
    before = fingerprints(tmp_path)
    (tmp_path / "content/2025/06/a.md").write_text(article(title="A", body="Satu, diubah.\n\nDua, diubah.\n"))
    assert changed(tmp_path, before, tmp_path) == sorted(["2025/06/a/index.html", "2025/06/index.html", "2025/index.html",
                                                          *feed_files(""), "index.html"])


def test_a_title_edit_changes_every_list_that_shows_it(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/a.md": article(title="A", tags="[x]"), "2025/05/b.md": article(title="B", date="2025-05-01")})
    before = fingerprints(tmp_path)
    (tmp_path / "content/2025/06/a.md").write_text(article(title="A2", tags="[x]"))
    assert changed(tmp_path, before, tmp_path) == sorted([
        "2025/06/a/index.html", "2025/06/index.html", "2025/index.html", "index.html", "tags/x/index.html",
        *feed_files("", "tags/x/")])
