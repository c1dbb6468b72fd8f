"""Fingerprints: a page's changes when, and only when, something it shows changes."""
from __future__ import annotations

from pathlib import Path

from conftest import article, feed_files, make_project
from generator.build import build
from generator.load.config import load_config


EDITION_W24 = ["weekly/2025-W24/email.html", "weekly/2025-W24/email.txt", "weekly/2025-W24/index.html"]
"""The edition that shows articles dated 2025-06-13 (the factory's default date)."""


def fingerprints(root: Path) -> dict[str, str]:
    return dict(build(load_config(root / "config.yaml")).fingerprints)


def changed(tmp_path: Path, before: dict[str, str], root: Path) -> list[str]:
    after = fingerprints(root)
    return sorted(p for p in after if before.get(p) != after[p])


def test_a_body_edit_changes_exactly_the_pages_that_show_the_article(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/a.md": article(title="A", tags="[x]", summary="S"),
                            "2025/06/b.md": article(title="B", tags="[y]"),
                            "2024/01/c.md": article(title="C", tags="[x]", date="2024-01-05")})
    before = fingerprints(tmp_path)
    (tmp_path / "content/2025/06/a.md").write_text(article(title="A", tags="[x]", summary="S", body="Baru.\n"))
    # lists show the whole article (a theme may print its body), so every list holding it re-renders;
    # b's page, c's page, tag y and 2024 do not show it and stay as they are
    assert changed(tmp_path, before, tmp_path) == sorted([
        "2025/06/a/index.html", "2025/06/index.html", "2025/index.html", "index.html",
        "tags/index.html", "tags/x/index.html", *feed_files("", "tags/x/", "weekly/"), *EDITION_W24])


def test_a_new_tag_count_changes_the_pages_that_show_the_count(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/a.md": article(title="A", tags="[x]"),
                            "2024/01/c.md": article(title="C", tags="[x]", date="2024-01-05"),
                            "2024/01/d.md": article(title="D", tags="[z]", date="2024-01-04")})
    before = fingerprints(tmp_path)
    make_project(tmp_path, {"2024/01/e.md": article(title="E", tags="[x]", date="2024-06-01")})  # between A and C
    after = changed(tmp_path, before, tmp_path)
    assert "2025/06/a/index.html" in after and "2024/01/c/index.html" in after  # their tag link shows the count
    assert "2024/01/d/index.html" not in after and "tags/z/index.html" not in after


def test_a_title_edit_changes_every_list_that_shows_it(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/a.md": article(title="A", tags="[x]"), "2025/05/b.md": article(title="B", date="2025-05-01")})
    before = fingerprints(tmp_path)
    (tmp_path / "content/2025/06/a.md").write_text(article(title="A2", tags="[x]"))
    assert changed(tmp_path, before, tmp_path) == sorted([  # b's page links a as the newer article
        "2025/05/b/index.html", "2025/06/a/index.html", "2025/06/index.html", "2025/index.html", "index.html",
        "tags/index.html", "tags/x/index.html", *feed_files("", "tags/x/", "weekly/"), *EDITION_W24])
