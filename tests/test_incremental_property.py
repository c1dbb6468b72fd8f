"""Property: an incremental build equals a cold build, whatever the edits and whatever templates read.

Two layers. The planner's promise, checked directly: a page whose fingerprint did not change
has a context that did not change, down to every article's body (so no template, however it
is overridden, could render different bytes). Then end to end: random theme overrides that
read deep into their context, random edits, and the incremental site compared byte for byte
with a cold build of the same files.
"""
from __future__ import annotations

import dataclasses
import shutil
from datetime import date, datetime
from pathlib import Path
from typing import Any, Callable, Mapping

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import article, make_project, write_files
from generator.build import BuildOptions, load, plan
from generator.load.config import load_config
from generator.render import plan as planning
from generator.render import touched
from generator.write.publish import publish

REGISTRY = "meta:\n  name: Meta\n  aliases: [Facebook]\nscale-ai:\n  name: Scale AI\ngoogle:\n  name: Google\n"
TAGS = ["ai", "data", "AI", "investasi", "robotika"]
COMPANIES = ["Meta", "Scale AI", "Google", "Facebook"]
SECTIONS = ["Asia", "Eropa", "asia", ""]
SOURCES = ['{name: Reuters, url: "https://www.reuters.com/a"}', '{name: R, url: "https://mobile.reuters.com/b"}',
           '{name: Kompas, url: "https://kompas.com/c"}', ""]


def dump(value: Any) -> Any:
    """Everything a template could read of a value: every field of every dataclass, bodies included."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return (type(value).__name__, tuple((f.name, dump(getattr(value, f.name))) for f in dataclasses.fields(value)))
    if isinstance(value, Mapping):
        return tuple(sorted((k, dump(v)) for k, v in value.items()))
    if isinstance(value, (tuple, list)):
        return tuple(dump(v) for v in value)
    if isinstance(value, (datetime, date)):
        return (value.isoformat(), str(getattr(value, "tzinfo", None)))
    return value


def planned(root: Path) -> dict[str, tuple[str, Any]]:
    config = load_config(root / "config.yaml")
    options = BuildOptions()
    site_plan = plan(config, options, load(config, options))
    return {p.spec.path: (p.fingerprint, dump(p.spec.context)) for p in site_plan.planned}


def base_project(root: Path) -> None:
    make_project(root, {
        "2025/06/meta.md": article(title="Meta", tags="[ai, data]", companies="[Facebook]", section="Asia",
                                   summary="Ringkasan."),
        "2025/06/scale.md": article(title="Scale", date="2025-06-14", tags="[ai]", companies="[Scale AI, Meta]"),
        "2025/05/lama.md": article(title="Lama", date="2025-05-01", tags="[data]", section="Eropa"),
        "2024/12/tua.md": article(title="Tua", date="2024-12-30", companies="[Google]", section="Asia"),
    }, config="title: T\nbase_url: https://example.org/\npage_size: 2\nfeed_size: 3\nsections: [Eropa]\nintersections:\n  min_articles: 1\n",
       companies=REGISTRY)
    write_files(root, {"content/sources.yaml": "reuters:\n  name: Reuters\n  url: https://www.reuters.com/\n"
                                               "  aliases: [mobile.reuters.com]\n"})


FILES = ["2025/06/meta.md", "2025/06/scale.md", "2025/05/lama.md", "2024/12/tua.md", "2025/07/baru.md"]


@st.composite
def edits(draw: st.DrawFn) -> Callable[[Path], None]:
    """One random change to the content: write a file with random fields, or delete one."""
    rel = draw(st.sampled_from(FILES))
    if draw(st.booleans()) and rel != "2025/07/baru.md":
        if draw(st.booleans()):  # a paragraph added: the body alone changes, so only the pages it is on are planned
            more = draw(st.sampled_from(["\nParagraf tambahan.\n", "\n## Bagian\n\n*Lagi*, [tautan](/a/).\n"]))
            return lambda root: (root / "content" / rel).exists() and (root / "content" / rel).write_text(
                (root / "content" / rel).read_text() + more)
        return lambda root: (root / "content" / rel).unlink(missing_ok=True)
    fields = {
        "title": draw(st.sampled_from(["Meta", "Scale", "Judul Baru", "Lama"])),
        "date": draw(st.sampled_from(["2025-06-13", "2025-06-14", "2025-05-01", "2024-01-02", "2025-07-01"])),
        "body": draw(st.sampled_from(["Isi artikel.\n", "Isi baru.\n\nParagraf dua.\n", "Lain.\n"])),
    }
    extra = {
        "tags": "[" + ", ".join(draw(st.lists(st.sampled_from(TAGS), max_size=3, unique_by=str.casefold))) + "]",
        "companies": "[" + ", ".join(draw(st.lists(st.sampled_from(COMPANIES[:3]), max_size=2, unique=True))) + "]",
    }
    section = draw(st.sampled_from(SECTIONS))
    if section:
        extra["section"] = section
    if draw(st.booleans()):
        extra["summary"] = draw(st.sampled_from(["Ringkasan.", "Ringkasan lain."]))
    source = draw(st.sampled_from(SOURCES))
    if source:
        extra["source"] = source
    text = article(title=fields["title"], date=fields["date"], body=fields["body"], **extra)
    return lambda root: write_files(root, {f"content/{rel}": text})


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(changes=st.lists(edits(), min_size=1, max_size=3))
def test_an_unchanged_fingerprint_means_an_unchanged_context(tmp_path_factory: Any, changes: list) -> None:
    root = tmp_path_factory.mktemp("p")
    base_project(root)
    before = planned(root)
    for change in changes:
        change(root)
    after = planned(root)
    for path in before.keys() & after.keys():
        same_fp = before[path][0] == after[path][0]
        same_context = before[path][1] == after[path][1]
        assert same_fp == same_context, f"{path}: fingerprint {'kept' if same_fp else 'changed'} but context " \
                                        f"{'kept' if same_context else 'changed'}"


OVERRIDES: dict[str, list[str]] = {
    "index.html": ["{% for a in pager.articles %}{{ a.body_html }}{{ a.tags | join(',') }}{% endfor %}",
                   "{{ pager.total }}{{ page.feeds | map(attribute='title') | join(',') }}",
                   "{% for s in sections %}{{ s.title }}{% endfor %}{{ pager.images | map('string') | join }}"],
    "article.html": ["{% for tag in tag_links %}{{ tag.name }}·{{ tag.count }}{% endfor %}",
                     "{{ section_link.count if section_link else '' }}{{ article.companies | map(attribute='name') | join }}",
                     "{% for r in related %}{{ r.title }}{{ r.date }}{% endfor %}{{ newer.title if newer else '' }}"
                     "{{ older.path if older else '' }}",
                     "{% for c in company_links %}{{ c.name }}·{{ c.count }}{% endfor %}{{ image.alt if image else '' }}"
                     "{{ sections | map(attribute='path') | join }}"],
    "archive_index.html": ["{% for year, months in years %}{{ year.count }}{% for m in months %}{{ m.count }}"
                           "{% endfor %}{% endfor %}"],
    "terms.html": ["{% for r in ranked %}{{ r.name }}{{ r.count }}{{ r.sparkline }}{% endfor %}","{% for term in terms %}{{ term.name }}:{{ term.articles[0].title }}{{ term.articles[-1].body_html }}"
                   "{% endfor %}",
                   "{% for term in terms %}{{ term.articles | map(attribute='date') | map('string') | join }}{% endfor %}"],
    "term.html": ["{{ term.count }}{{ term.company.name if term.company else '' }}"
                  "{% for a in pager.articles %}{{ a.summary }}{% endfor %}",
                  "{% if intel %}{% for c in intel.co_mentions %}{{ c.name }}{{ c.count }}{% endfor %}"
                  "{% for c in intel.publishers %}{{ c.name }}{% endfor %}{{ intel.sparkline }}{% endif %}"],
    "archive.html": ["{% for m in months %}{{ m.count }}{% endfor %}{{ archive.count }}"
                     "{% for a in pager.articles %}{{ a.section }}{% endfor %}"],
    "edition.html": ["{{ edition.number }}{% for g in edition.groups %}{{ g.section }}{% for a in g.articles %}"
                     "{{ a.body_html }}{% endfor %}{% endfor %}{{ older.count if older else '' }}"],
    "editions.html": ["{% for e in pager.editions %}{{ e.heading }}{{ e.count }}{% endfor %}"],
    "email.html": ["{% for a in edition.articles %}{{ a.updated }}{{ a.source.name if a.source else '' }}{% endfor %}"],
    "intersection.html": ["{{ intersection.count }}{{ company.name }}{% for a in pager.articles %}{{ a.title }}{% endfor %}"],
    "sources.html": ["{% for p in publishers %}{{ p.name }}{{ p.count }}{% endfor %}"],
    "publisher.html": ["{{ publisher.count }}{{ publisher.url }}{% for a in pager.articles %}{{ a.source.url }}{% endfor %}"],
    "_item.html": ["{{ item.body_html }}{{ item.updated }}", "{{ item.source.url if item.source else '' }}"],
}


def override(name: str, expression: str) -> str:
    if name in ("_item.html", "email.html"):
        return f'{{% include "theme/{name}" %}}<p class="x">{expression}</p>\n'
    return f'{{% extends "theme/{name}" %}}{{% block main %}}{{{{ super() }}}}<p class="x">{expression}</p>{{% endblock %}}'


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def build_into(root: Path, use_cache: bool, workers: int = 1) -> None:
    publish(load_config(root / "config.yaml"), BuildOptions(workers=workers), root / "site", use_cache=use_cache)


@pytest.mark.parametrize("apart", [False, True], ids=["here", "article-pages-planned-apart"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(templates=st.dictionaries(st.sampled_from(sorted(OVERRIDES)), st.integers(0, 1), max_size=4),
       changes=st.lists(edits(), min_size=1, max_size=3))
def test_incremental_equals_cold_with_any_overrides(tmp_path_factory: Any, monkeypatch: pytest.MonkeyPatch,
                                                   apart: bool, templates: dict[str, int], changes: list) -> None:
    """``apart``: with two jobs, and article pages planned in another process from one article on (not 200)."""
    monkeypatch.setattr(planning, "APART", 1 if apart else planning.APART)
    monkeypatch.setattr(touched, "MOST", 1.0)  # an edit to a body is on most pages of so small a site
    root = tmp_path_factory.mktemp("p")
    base_project(root)
    write_files(root, {f"templates/{name}": override(name, OVERRIDES[name][i % len(OVERRIDES[name])])
                       for name, i in templates.items()})
    workers = 2 if apart else 1
    build_into(root, use_cache=True, workers=workers)
    for change in changes:
        change(root)
        build_into(root, use_cache=True, workers=workers)
    cold = root.parent / (root.name + "-cold")
    shutil.copytree(root, cold, ignore=shutil.ignore_patterns("site", ".site.*", ".cache"))
    build_into(cold, use_cache=False)
    assert tree(root / "site") == tree(cold / "site")


def test_a_new_article_changes_an_older_articles_related_reading(tmp_path: Path) -> None:
    """Related reading is in each article's context: a new article sharing a company re-renders the others."""
    base_project(tmp_path)
    write_files(tmp_path, {"templates/article.html": override("article.html", OVERRIDES["article.html"][2])})
    build_into(tmp_path, use_cache=True)
    page = tmp_path / "site/2024/12/tua/index.html"
    assert "Baru Google" not in page.read_text()
    write_files(tmp_path, {"content/2025/07/baru.md": article(title="Baru Google", date="2025-07-01",
                                                              companies="[Google]")})
    build_into(tmp_path, use_cache=True)
    assert "Baru Google" in page.read_text()
    cold = tmp_path.parent / (tmp_path.name + "-cold")
    shutil.copytree(tmp_path, cold, ignore=shutil.ignore_patterns("site", ".site.*", ".cache"))
    build_into(cold, use_cache=False)
    assert tree(tmp_path / "site") == tree(cold / "site")
