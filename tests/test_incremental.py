"""build() takes its articles from a loader; the cache-aware one lives on the incremental side."""
from __future__ import annotations

from pathlib import Path

from conftest import article, make_project
from generator.build import BuildOptions, build
from generator.load.cache import load_cache
from generator.load.config import Config, load_config
from generator.load.content import ArticleSettings
from generator.core.errors import Problem
from generator.load.incremental import Loaded, article_loader, load_articles
from generator.write.publish import publish
from generator.load.registry import Registry, load_registry


def test_build_reads_the_articles_its_loader_gives(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/a.md": article(title="Dari berkas")})
    config = load_config(tmp_path / "config.yaml")
    parsed = load_articles(config, ArticleSettings(config.timezone, load_registry_of(config), config.content_dir))
    seen: list[ArticleSettings] = []

    def loader(_config: object, settings: ArticleSettings) -> Loaded:
        seen.append(settings)
        return Loaded(parsed.articles, (Problem("content/x.md", 1, "", "from the loader", "warning"),))

    result = build(config, BuildOptions(), read=loader)
    assert len(seen) == 1 and seen[0].content_dir == "content", "called once, with the registry's settings"
    assert [str(w) for w in result.warnings] == ["content/x.md:1: warning: from the loader"]
    assert b"Dari berkas" in result.output.files["index.html"]


def test_the_cache_aware_loader_reads_rows_and_reports_what_to_save(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/a.md": article(title="Satu"), "2025/06/b.md": article(title="Dua")})
    config = load_config(tmp_path / "config.yaml")
    publish(config, BuildOptions(), tmp_path / "site")
    (tmp_path / "content/2025/06/b.md").write_text(article(title="Dua lagi"))
    snapshot = load_cache(tmp_path / ".cache")
    settings = ArticleSettings(config.timezone, load_registry_of(config), config.content_dir)
    loaded = article_loader(snapshot, 1)(config, settings)
    assert sorted(a.title for a in loaded.articles) == ["Dua lagi", "Satu"]
    new = [key for key, row in loaded.rows.items() if row is not None]
    assert len(loaded.rows) == 2 and len(new) == 1, "one row reused as it is, one parsed and new"
    assert loaded.seen["content/2025/06/b.md"][1] == new[0]


def load_registry_of(config: Config) -> Registry:
    rel = f"{config.content_dir}/companies.yaml"
    return load_registry(config.path(rel), rel)
