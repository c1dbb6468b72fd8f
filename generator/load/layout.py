"""Where a project's files are: every path the tool reads or writes, named once.

A project is a folder with ``config.yaml``. The config names the content, templates,
static and output folders; everything else sits at a fixed place relative to those:

    config.yaml
    content/            articles (any depth), companies.yaml, pages/ (not news)
    templates/          the site's template overrides
    static/             files copied as they are
    themes/<name>/      a project theme (else the packaged one)
    .cache/             the build cache (safe to delete)
    site/               the output; .site.prev beside it is the writer's spare tree
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.load.config import Config

REGISTRY = "companies.yaml"
"""The company registry's name inside the content folder."""
PAGES = "pages"
"""The folder inside the content folder that holds pages that are not news."""
CACHE = ".cache"
"""The build cache's folder, beside the config."""
THEMES = "themes"
"""Project themes' folder, beside the config."""


@dataclass(frozen=True)
class Layout:
    """Absolute paths of one project's folders and files, and the relative names used in messages."""

    root: Path
    config_file: Path
    content: Path
    registry: Path
    registry_rel: str
    """'content/companies.yaml': how messages name the registry."""
    pages: Path
    templates: Path
    static: Path
    themes: Path
    cache: Path

    def sources(self) -> tuple[Path, ...]:
        """Folders whose files are inputs of a build (besides the theme): an output may never overlap them,
        and a preview rebuilds when one changes."""
        return (self.content, self.templates, self.static, self.themes)


def layout(config: Config) -> Layout:
    """The project layout a config describes."""
    content = config.path(config.content_dir)
    return Layout(
        root=config.root, config_file=config.path(config.config_path), content=content,
        registry=content / REGISTRY, registry_rel=f"{config.content_dir}/{REGISTRY}", pages=content / PAGES,
        templates=config.path(config.templates_dir), static=config.path(config.static_dir),
        themes=config.path(THEMES), cache=config.path(CACHE))
