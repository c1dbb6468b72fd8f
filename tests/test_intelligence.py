"""Company intelligence: co-mentions, the monthly trend and its sparkline, first/latest, coverage, ranking."""
from __future__ import annotations

from pathlib import Path

import lxml.html
from lxml import etree

from conftest import FIXTURE_SITE, article, build_project, make_project
from generator.build import build, load
from generator.load.config import load_config
from generator.index.intelligence import MonthCount, co_mention_counts, monthly, sparkline_svg

FILES = build_project(FIXTURE_SITE).output.files


def test_co_mentions_count_shared_articles_both_ways(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article(companies="[A, B, C]"), "b.md": article(title="B", companies="[A, B]"),
                            "c.md": article(title="C", companies="[C]")})
    articles = load(load_config(tmp_path / "config.yaml")).articles
    together = co_mention_counts(articles)
    assert dict(together["a"]) == {"b": 2, "c": 1}
    assert dict(together["b"]) == {"a": 2, "c": 1}
    assert dict(together["c"]) == {"a": 1, "b": 1}


def test_monthly_series_fills_quiet_months_and_crosses_years(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article(date="2024-11-03"), "b.md": article(title="B", date="2025-02-01"),
                            "c.md": article(title="C", date="2025-02-20")})
    articles = load(load_config(tmp_path / "config.yaml")).articles
    assert monthly(articles) == (MonthCount(2024, 11, 1), MonthCount(2024, 12, 0), MonthCount(2025, 1, 0),
                                 MonthCount(2025, 2, 2))
    assert monthly(()) == ()


def test_sparkline_is_deterministic_accessible_svg() -> None:
    months = (MonthCount(2025, 1, 0), MonthCount(2025, 2, 4), MonthCount(2025, 3, 2))
    svg = sparkline_svg(months, 'Meta & "co" <3')
    assert svg == sparkline_svg(months, 'Meta & "co" <3')
    root = etree.fromstring(svg)
    assert root.get("role") == "img" and root.get("aria-label") == 'Meta & "co" <3'
    assert root[0].get("points") == "2,22 60,2 118,12"  # highest month at the top, zero at the bottom
    assert etree.fromstring(sparkline_svg(months[:1], "x"))[0].tag.endswith("circle")


def test_company_page_shows_first_latest_co_mentions_coverage_and_trend() -> None:
    page = lxml.html.document_fromstring(FILES["companies/scale-ai/index.html"])
    intel = page.xpath("//section[@class='intel']")[0]
    facts = {dt.text_content(): dd for dt, dd in zip(intel.xpath(".//dt"), intel.xpath(".//dd"))}
    assert facts["Pertama disebut"].text_content() == "13 Juni 2025"
    assert facts["Terakhir disebut"].text_content() == "1 Juli 2025"
    assert [(a.get("href"), a.text, a.tail) for a in facts["Sering disebut bersama"].xpath("a")] == [
        ("/digest/companies/google/", "Google", " (1), "), ("/digest/companies/meta/", "Meta", " (1)")]
    assert facts["Rubrik terbanyak"].text_content() == "Amerika Serikat (2), Aceh (1)"
    assert facts["Sumber terbanyak"].text_content() == "Reuters (3)"
    trend = facts["Tren penyebutan per bulan"]
    assert trend.xpath(".//svg/@aria-label") == ["Penyebutan Scale AI per bulan, 3 artikel"]
    assert [[td.text for td in tr.xpath("td")] for tr in trend.xpath(".//details//tbody/tr")] == [
        ["Juni 2025", "2"], ["Juli 2025", "1"]]


def test_only_a_companys_first_page_carries_the_intel() -> None:
    assert b'class="intel"' not in FILES["companies/scale-ai/page/2/index.html"]
    assert b'class="intel"' not in FILES["tags/ai/index.html"]


def test_companies_index_ranks_by_mentions_with_a_sparkline_per_row() -> None:
    page = lxml.html.document_fromstring(FILES["companies/index.html"])
    rows = page.xpath("//table[@class='ranking']/tbody/tr")
    assert [(r.xpath("td/a")[0].text, r.xpath("td")[1].text) for r in rows] == [
        ("Scale AI", "3"), ("Google", "1"), ("Meta", "1"), ("Nusantara Data", "1")]
    assert all(r.xpath("td//svg[@role='img']") for r in rows)
    assert [a.text for a in page.xpath("//ul[@class='terms']/li/a")] == ["Google", "Meta", "Nusantara Data", "Scale AI"]


def test_the_rankings_sparklines_share_one_span_of_months(tmp_path: Path) -> None:
    """Each row drew its own first to latest month: two articles a year apart and two in one month (a dot) could
    not be compared, and a 3-month line was as wide as a 31-month one. Now every row spans the same months."""
    make_project(tmp_path, {"a.md": article(title="A", date="2024-01-10", companies="[Amazon]"),
                            "b.md": article(title="B", date="2025-01-10", companies="[Amazon]"),
                            "c.md": article(title="C", date="2025-01-12", companies="[Apple]"),
                            "d.md": article(title="D", date="2025-01-20", companies="[Apple]")})
    page = lxml.html.document_fromstring(build_project(tmp_path).output.files["companies/index.html"])
    lines = {r.xpath("td/a")[0].text: r.xpath("td//*[local-name()='polyline']/@points")[0].split()
             for r in page.xpath("//table[@class='ranking']/tbody/tr")}
    # January 2024 to January 2025 in both, a flat run of empty months drawn by its two ends
    assert lines["Apple"] == ["2,22", "108,22", "118,2"]  # nothing until January 2025
    assert lines["Amazon"] == ["2,2", "12,22", "108,22", "118,2"]  # January 2024, nothing, January 2025


def test_a_new_co_mention_rerenders_the_other_companys_first_page(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article(companies="[A]"), "b.md": article(title="B", companies="[B]")},
                 config="title: T\nbase_url: https://example.org/\npage_size: 20\n")
    before = dict(build(load_config(tmp_path / "config.yaml")).fingerprints)
    (tmp_path / "content/c.md").write_text(article(title="C", date="2025-06-01", companies="[A, B]"))
    after = dict(build(load_config(tmp_path / "config.yaml")).fingerprints)
    changed = {p for p in after if before.get(p) != after[p]}
    assert {"companies/a/index.html", "companies/b/index.html", "companies/index.html"} <= changed


def test_intersection_pages_exist_only_for_pairs_with_enough_articles(tmp_path: Path) -> None:
    make_project(tmp_path, {
        "a.md": article(title="A1", companies="[Meta, Scale AI]", section="Aceh"),
        "b.md": article(title="A2", date="2025-06-14", companies="[Meta, Scale AI]", section="Aceh"),
        "c.md": article(title="A3", date="2025-06-15", companies="[Meta, Google]", section="Aceh")},
        config="title: T\nbase_url: https://example.org/\nintersections:\n  min_articles: 2\n")
    files = build_project(tmp_path).output.files
    pages = sorted(p for p in files if p.startswith("companies/") and ("/with/" in p or "/sections/" in p)
                   and p.endswith("index.html"))
    assert pages == ["companies/meta/sections/aceh/index.html", "companies/meta/with/scale-ai/index.html",
                     "companies/scale-ai/sections/aceh/index.html", "companies/scale-ai/with/meta/index.html"]
    page = lxml.html.document_fromstring(files["companies/meta/with/scale-ai/index.html"])
    assert page.xpath("//h1/text()") == ["Meta bersama Scale AI"]
    assert [a.text for a in page.xpath("//article/h2/a")] == ["A2", "A1"]
    assert page.xpath("//head/link[@type='application/atom+xml']/@href")[0] == "/companies/meta/with/scale-ai/atom.xml"
    meta = lxml.html.document_fromstring(files["companies/meta/index.html"])
    co = {a.text: a.get("href") for a in meta.xpath("//dt[.='Sering disebut bersama']/following-sibling::dd[1]/a")}
    assert co == {"Scale AI": "/companies/meta/with/scale-ai/", "Google": "/companies/google/"}  # 1 shared: no page
    follow = meta.xpath("//dt[.='Ikuti lebih rinci']/following-sibling::dd[1]")[0].text_content()
    assert follow == "Meta di Aceh (3), Meta bersama Scale AI (2)"
    # "Aceh (3)" counts Meta's articles there: it opens the page of those three, not all of Aceh's
    top = {a.text: a.get("href") for a in meta.xpath("//dt[.='Rubrik terbanyak']/following-sibling::dd[1]/a")}
    assert top == {"Aceh": "/companies/meta/sections/aceh/"}
    google = lxml.html.document_fromstring(files["companies/google/index.html"])  # 1 article there: no page
    assert google.xpath("//dt[.='Rubrik terbanyak']/following-sibling::dd[1]/a/@href") == ["/sections/aceh/"]
    assert not any("/with/" in p for p in build_project(make_project(tmp_path / "default", {
        "a.md": article(companies="[Meta, Scale AI]"), "b.md": article(title="B", companies="[Meta, Scale AI]")}))
        .output.files), "the default minimum is 3"


def test_intersections_min_articles_zero_writes_no_intersection_pages(tmp_path: Path) -> None:
    make_project(tmp_path, {f"{n}.md": article(title=f"A{n}", date=f"2025-06-1{n}", companies="[Meta, Scale AI]",
                                               section="Aceh") for n in range(4)},
                 config="title: T\nbase_url: https://example.org/\nintersections:\n  min_articles: 0\n")
    files = build_project(tmp_path).output.files
    assert "companies/meta/index.html" in files
    assert not [p for p in files if "/with/" in p or p.startswith("companies/meta/sections/")]
