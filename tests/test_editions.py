"""Weekly editions: ISO weeks, numbering, grouping, editors' notes, in-progress marking and the weekly feed."""
from __future__ import annotations

import json
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import Sequence

import feedparser
import lxml.html
import pytest

from conftest import CONFIG, FIXTURE_SITE, article, build_project, make_project, write_files
from generator.build import build
from generator.commands.cli import main
from generator.load.config import load_config
from generator.core.errors import BuildError

FILES = build_project(FIXTURE_SITE).output.files


def doc(files: dict[str, bytes], path: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(files[path])


def test_weeks_are_iso_weeks_numbered_from_the_oldest(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article(title="Akhir tahun", date="2024-12-30"),  # ISO 2025-W01
                            "b.md": article(title="Awal", date="2024-12-01"),        # 2024-W48
                            "c.md": article(title="Januari", date="2025-01-05T23:59:00+07:00")})  # still 2025-W01
    files = build_project(tmp_path).output.files
    assert sorted(p for p in files if p.startswith("weekly/") and p.endswith("index.html")) == [
        "weekly/2024-W48/index.html", "weekly/2025-W01/index.html", "weekly/index.html"]
    index = doc(files, "weekly/index.html")
    assert [a.text for a in index.xpath("//main//li/a")] == [
        "Edisi #2 · 30 Desember 2024 – 5 Januari 2025", "Edisi #1 · 25 November – 1 Desember 2024"]
    week = doc(files, "weekly/2025-W01/index.html")
    assert [a.text for a in week.xpath("//h3/a")] == ["Akhir tahun", "Januari"]  # oldest first


def test_the_list_of_editions_gives_every_edition_its_week(tmp_path: Path) -> None:
    """An edition whose note has a title is called by it, and lost its dates in the list of editions."""
    make_project(tmp_path, {"a.md": article(title="A", date="2025-06-10"), "b.md": article(title="B", date="2025-06-17")})
    write_files(tmp_path, {"content/weekly/2025-W25.md": "---\ntitle: Pekan Scale AI\n---\nCatatan.\n"})
    index = doc(build_project(tmp_path).output.files, "weekly/index.html")
    assert [" ".join(li.text_content().split()) for li in index.xpath("//main//li")] == [
        "Edisi #2: Pekan Scale AI · 16–22 Juni 2025 (1 artikel)", "Edisi #1 · 9–15 Juni 2025 (1 artikel)"]


def test_items_are_grouped_by_section_in_site_order_then_by_date(tmp_path: Path) -> None:
    make_project(tmp_path, {
        "a.md": article(title="Kepri 2", date="2025-06-12", section="Kepri"),
        "b.md": article(title="Tanpa rubrik", date="2025-06-09"),
        "c.md": article(title="Kepri 1", date="2025-06-10", section="kepri"),
        "d.md": article(title="Aceh", date="2025-06-15", section="Aceh"),
        "e.md": article(title="Minggu lain", date="2025-06-16", section="Aceh")})
    page = doc(build_project(tmp_path).output.files, "weekly/2025-W24/index.html")
    groups = [(s.xpath("h2")[0].text_content(), [a.text for a in s.xpath(".//h3/a")]) for s in page.xpath("//section")]
    assert groups == [("Aceh", ["Aceh"]), ("Kepri", ["Kepri 1", "Kepri 2"]), ("Berita lainnya", ["Tanpa rubrik"])]


def test_an_editions_sections_follow_the_section_bar(tmp_path: Path) -> None:
    """The editor's `sections:` order put Kepri first in the bar, while editions stayed alphabetical; the others
    follow by article count, as in the bar."""
    make_project(tmp_path, {
        "a.md": article(title="Aceh", date="2025-06-10", section="Aceh"),
        "b.md": article(title="Nabire", date="2025-06-11", section="Nabire"),
        "c.md": article(title="Nabire lagi", date="2025-06-02", section="Nabire"),
        "d.md": article(title="Kepri", date="2025-06-12", section="Kepri")},
        config="title: T\nbase_url: https://example.org/\nsections: [Kepri]\n")
    files = build_project(tmp_path).output.files
    page = doc(files, "weekly/2025-W24/index.html")
    assert [h.text_content() for h in page.xpath("//section/h2")] == ["Kepri", "Nabire", "Aceh"]
    assert [a.text_content() for a in doc(files, "index.html").xpath("//nav[@class='sections']//a")] == \
        ["Kepri", "Nabire", "Aceh"]


def test_an_edition_shows_summary_companies_and_source_and_links_its_neighbours() -> None:
    page = doc(FILES, "weekly/2025-W24/index.html")
    item = page.xpath("//article[@class='item']")[0]
    assert item.xpath("h3/a/@href") == ["/digest/2025/06/meta-scale/"]
    assert item.xpath("p")[1].text == "Meta membayar sekitar US$14,3 miliar untuk hampir separuh Scale AI."
    assert item.xpath(".//a/@href")[1:] == ["https://www.reuters.com/", "/digest/companies/meta/",
                                            "/digest/companies/scale-ai/"]
    assert page.xpath("//nav[@class='pager']/a[@rel]/@href") == ["/digest/weekly/2025-W27/"]
    newer = doc(FILES, "weekly/2025-W27/index.html")
    assert newer.xpath("//nav[@class='pager']/a[@rel='prev']/@href") == ["/digest/weekly/2025-W24/"]
    assert newer.xpath("//head/link[@type='application/rss+xml']/@href") == ["/digest/weekly/feed.xml",
                                                                             "/digest/feed.xml"]


def test_the_editors_note_sets_the_title_and_comes_first() -> None:
    page = doc(FILES, "weekly/2025-W24/index.html")
    assert page.xpath("//h1/text()") == ["Edisi #1: Pekan Scale AI"]
    assert page.xpath("//div[contains(@class, 'note')]/p")[0].text_content() == \
        "Minggu ini Meta masuk ke Scale AI, dan Google menjauh."


def test_notes_are_not_articles_and_bad_notes_are_reported_at_once(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article()})
    write_files(tmp_path, {"content/weekly/2025-W24.md": "---\ntitel: X\n---\nCatatan.\n",
                           "content/weekly/minggu-ini.md": "Catatan.\n",
                           "content/weekly/2025-W54.md": "Catatan.\n",
                           "content/weekly/0000-W01.md": "Catatan.\n",
                           "content/weekly/2025-W30.md": "Catatan tanpa berita.\n",
                           "content/weekly/2025-W25.md": "---\ntitle: [Judul]\n---\nCatatan.\n",
                           "content/weekly/2025-W26.md": "---\ntitle:\n  - Pekan\n  - 0x1F\n  - Yes\n  - TRUE\n---\nx\n"})
    with pytest.raises(BuildError) as caught:
        build(load_config(tmp_path / "config.yaml"))
    assert [str(p) for p in caught.value.problems] == [
        "content/weekly/0000-W01.md:1: an editor's note is named after its ISO week, like 2025-W24.md (weeks 01 to 52, "
        "or 53 in long years)",
        "content/weekly/2025-W24.md:2: field 'titel': unknown key; an editor's note takes only 'title:' and "
        "'lang:'",
        "content/weekly/2025-W25.md:2: field 'title': must be one line of text, but YAML read a list ([Judul]); "
        "write the text on the key's line: title: \"...\"",
        # the items as written, not Python's reading (['Pekan', 31, 'Yes', True])
        "content/weekly/2025-W26.md:2: field 'title': must be one line of text, but YAML read a list ([Pekan, 0x1F, "
        "Yes, TRUE]); write the text on the key's line: title: \"...\"",
        "content/weekly/2025-W30.md: warning: no article is dated in week 2025-W30, so this note is shown nowhere; "
        "check the file name",
        "content/weekly/2025-W54.md:1: 2025 has no week 54: its ISO weeks run 01 to 52; rename it to the week its "
        "articles are dated in, like 2025-W52.md (from 2025-12-22) or 2026-W01.md (from 2025-12-29)",
        "content/weekly/minggu-ini.md:1: an editor's note is named after its ISO week, like 2025-W24.md (weeks 01 to "
        "52, or 53 in long years)"]


def named_notes_problems(tmp_path: Path, names: Sequence[str]) -> list[str]:
    """What a build says of weekly notes with these file ``names`` (each a note of its own text), beside one
    article."""
    make_project(tmp_path, {"a.md": article()})
    write_files(tmp_path, {f"content/weekly/{name}.md": f"Catatan {name}.\n" for name in names})
    with pytest.raises(BuildError) as caught:
        build(load_config(tmp_path / "config.yaml"))
    return [str(p) for p in caught.value.problems]


def note_problems(root: Path, note: str) -> list[str]:
    """What a build says of the week's note ``note`` (its file's text), beside one article."""
    make_project(root, {"a.md": article()})
    write_files(root, {"content/weekly/2025-W24.md": note})
    with pytest.raises(BuildError) as caught:
        build(load_config(root / "config.yaml"))
    return [str(p) for p in caught.value.problems]


def test_a_notes_lang_is_read_as_an_articles(tmp_path: Path) -> None:
    """A note takes lang: (its body's language on the page and in email.html); a wrong one is told the tag meant."""
    assert note_problems(tmp_path, "---\ntitle: Pekan\nlang: english\n---\nNotes.\n") == [
        "content/weekly/2025-W24.md:3: field 'lang': 'english' is not a language tag; did you mean 'en'? lang takes a "
        "BCP 47 tag, like en, zh-Hans or ar"]
    write_files(tmp_path, {"content/weekly/2025-W24.md": "---\nlang: ID\n---\nCatatan.\n"})  # the site's own
    assert '<div class="note body" lang="id">' in build(load_config(tmp_path / "config.yaml")).output.files[
        "weekly/2025-W24/index.html"].decode()


def test_a_note_named_almost_like_a_week_is_told_the_name_to_give_it(tmp_path: Path) -> None:
    """An attacker's report: '2024-w52.md', '2021-W53.md', '2025-W00.md' and '2025-W53.md' were each told only
    "named after its ISO week, like 2025-W24.md (weeks 01 to 52, or 53 in long years)", with no line and no name
    to write: that 2021 has 52 weeks is a calendar to look up."""
    assert named_notes_problems(tmp_path, ("2024-w52", "2021-W53", "2025-W00", "2025-W53", "2020-W53")) == [
        # a long year's week 53 is a week: its note is only for a week without articles here
        "content/weekly/2020-W53.md: warning: no article is dated in week 2020-W53, so this note is shown nowhere; "
        "check the file name",
        "content/weekly/2021-W53.md:1: 2021 has no week 53: its ISO weeks run 01 to 52; rename it to the week its "
        "articles are dated in, like 2021-W52.md (from 2021-12-27) or 2022-W01.md (from 2022-01-03)",
        "content/weekly/2024-w52.md:1: an editor's note is named after its ISO week as YYYY-Www.md; rename it to "
        "2024-W52.md",
        "content/weekly/2025-W00.md:1: there is no week 00: ISO weeks count from 01; rename it to 2025-W01.md (from "
        "2024-12-30), or to the week its articles are dated in",
        "content/weekly/2025-W53.md:1: 2025 has no week 53: its ISO weeks run 01 to 52; rename it to the week its "
        "articles are dated in, like 2025-W52.md (from 2025-12-22) or 2026-W01.md (from 2025-12-29)"]


def test_a_misnamed_note_whose_name_is_taken_is_told_to_merge_not_to_rename(tmp_path: Path) -> None:
    """An attacker's report: with both '2025-w24.md' and '2025-W24.md', "rename it to 2025-W24.md" overwrote a note
    when followed; so did the week-00 and week-53 suggestions onto a week with a note."""
    found = named_notes_problems(tmp_path, ("2025-w24", "2025-W24", "2025-W00", "2025-W01", "2025-W53", "2025-W52",
                                            "2021-W53", "2021-W52", "2022-W01"))
    assert [p for p in found if ": warning: " not in p] == [
        "content/weekly/2021-W53.md:1: 2021 has no week 53: its ISO weeks run 01 to 52; merge it into the note of the "
        "week its articles are dated in, 2021-W52.md (from 2021-12-27) or 2022-W01.md (from 2022-01-03)",
        "content/weekly/2025-W00.md:1: there is no week 00: ISO weeks count from 01; 2025-W01.md (from 2024-12-30) is "
        "that week's note already: merge the two into it, or rename this one to the week its articles are dated in",
        "content/weekly/2025-W53.md:1: 2025 has no week 53: its ISO weeks run 01 to 52; rename it to the week its "
        "articles are dated in, like 2026-W01.md (from 2025-12-29), or merge it into 2025-W52.md (from 2025-12-22), "
        "that week's note already",
        "content/weekly/2025-w24.md:1: an editor's note is named after its ISO week as YYYY-Www.md; 2025-W24.md is "
        "that week's note already: merge the two into it, and delete this file"]


def test_two_misnamed_notes_of_one_week_are_told_one_rename_and_one_merge(tmp_path: Path) -> None:
    """An attacker's report: '2025-w24.md' and '2025_W24.md' were each told "rename it to 2025-W24.md", so following
    both lost one note; so with two week-00 notes onto 2025-W01.md. The second is told to merge into the first's."""
    assert [p for p in named_notes_problems(tmp_path, ("2025-w24", "2025_W24", "2025-W00", "2025_W00"))
            if ": warning: " not in p] == [
        "content/weekly/2025-W00.md:1: there is no week 00: ISO weeks count from 01; rename it to 2025-W01.md (from "
        "2024-12-30), or to the week its articles are dated in",
        "content/weekly/2025-w24.md:1: an editor's note is named after its ISO week as YYYY-Www.md; rename it to "
        "2025-W24.md",
        "content/weekly/2025_W00.md:1: there is no week 00: ISO weeks count from 01; 2025-W00.md (to be renamed "
        "2025-W01.md) (from 2024-12-30) is that week's note already: merge the two into it, or rename this one to the "
        "week its articles are dated in",
        "content/weekly/2025_W24.md:1: an editor's note is named after its ISO week as YYYY-Www.md; 2025-w24.md (to "
        "be renamed 2025-W24.md) is that week's note already: merge the two into it, and delete this file"]


def test_a_note_of_a_week_the_year_has_not_is_offered_no_name_another_note_is_told_to_take(tmp_path: Path) -> None:
    """An attacker's report: '2025-W53.md' (2025 has 52 weeks) was offered 2025-W52.md, and '2025-w52.md' beside it
    was told to become 2025-W52.md: following both, the second rename overwrote the first note. The note named
    after its week is told its name first; the other is offered the week that is free, or to merge into it."""
    assert [p for p in named_notes_problems(tmp_path, ("2025-W53", "2025-w52")) if ": warning: " not in p] == [
        "content/weekly/2025-W53.md:1: 2025 has no week 53: its ISO weeks run 01 to 52; rename it to the week its "
        "articles are dated in, like 2026-W01.md (from 2025-12-29), or merge it into 2025-w52.md (to be renamed "
        "2025-W52.md) (from 2025-12-22), that week's note already",
        "content/weekly/2025-w52.md:1: an editor's note is named after its ISO week as YYYY-Www.md; rename it to "
        "2025-W52.md"]


def test_two_notes_of_one_week_are_never_told_to_take_one_name(tmp_path: Path) -> None:
    """An attacker's report: '2025-W53.md' and '2025_W53.md' were both offered 2025-W52.md or 2026-W01.md, and
    '2025-W24.MD' (not read, as not '.md') and '2025-w24.md' were both told to become 2025-W24.md; following them,
    one note overwrote the other. The second of a week is told to merge into the first."""
    write_files(tmp_path, {"content/weekly/2025-W24.MD": "Catatan.\n"})
    found = named_notes_problems(tmp_path, ("2025-W53", "2025_W53", "2025-w24"))
    assert [p for p in found if "W24" in p or "w24" in p or ": warning: " not in p] == [
        "content/weekly/2025-W24.MD: warning: is not read: only files whose names end in '.md' are; rename it to "
        "2025-W24.md",
        "content/weekly/2025-W53.md:1: 2025 has no week 53: its ISO weeks run 01 to 52; rename it to the week its "
        "articles are dated in, like 2025-W52.md (from 2025-12-22) or 2026-W01.md (from 2025-12-29)",
        "content/weekly/2025-w24.md:1: an editor's note is named after its ISO week as YYYY-Www.md; 2025-W24.MD (to be "
        "renamed 2025-W24.md) is that week's note already: merge the two into it, and delete this file",
        "content/weekly/2025_W53.md:1: 2025 has no week 53: its ISO weeks run 01 to 52; 2025-W53.md is a note of that "
        "week too: merge the two into it, and delete this file"]


def test_a_note_not_read_for_its_ending_is_told_its_weeks_name_at_once(tmp_path: Path) -> None:
    """An attacker's report: '2025-w23.MD' beside 2025-W23.md was told to become 2025-w23.md, and '2026-W1.MD'
    2026-W1.md, which the next build told to merge, or to be renamed again: two rounds of advice for one. Each is
    told the week's name, or the note to merge into, at once."""
    write_files(tmp_path, {f"content/weekly/{name}": "Catatan.\n" for name in (
        "2025-w23.MD", "2026-W1.MD", "2025-W53.markdown", "2025-W24.MD")})
    found = named_notes_problems(tmp_path, ("2025-W23", "2025_W10"))
    assert [p for p in found if ": warning: is not read" in p] == [
        "content/weekly/2025-W24.MD: warning: is not read: only files whose names end in '.md' are; rename it to "
        "2025-W24.md",
        "content/weekly/2025-W53.markdown: warning: is not read: only files whose names end in '.md' are, and 2025 has "
        "no week 53: its ISO weeks run 01 to 52; rename it to the week its articles are dated in, like 2025-W52.md "
        "(from 2025-12-22) or 2026-W01.md (from 2025-12-29)",
        "content/weekly/2025-w23.MD: warning: is not read: only files whose names end in '.md' are, and an editor's "
        "note is named after its ISO week as YYYY-Www.md; 2025-W23.md is that week's note already: merge the two into "
        "it, and delete this file",
        "content/weekly/2026-W1.MD: warning: is not read: only files whose names end in '.md' are, and an editor's note "
        "is named after its ISO week as YYYY-Www.md; rename it to 2026-W01.md"]


def test_a_yaml_slip_hides_none_of_the_notes_other_problems(tmp_path: Path) -> None:
    """The slip in the title was the one message; the unknown 'week:' came once it was quoted."""
    assert note_problems(tmp_path, "---\ntitle: Pekan: AI\nweek: 24\n---\nCatatan.\n") == [
        "content/weekly/2025-W24.md:2: field 'title': has ': ' in it, which YAML reads as the start of another key; "
        "put the whole value in double quotes: title: \"Pekan: AI\"",
        "content/weekly/2025-W24.md:3: field 'week': unknown key; an editor's note takes only 'title:' and "
        "'lang:'"]


def test_a_note_without_front_matter_is_just_the_note(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article()})
    write_files(tmp_path, {"content/weekly/2025-W24.md": "Hanya **catatan**.\n"})
    result = build_project(tmp_path)
    assert result.articles == 1, "content/weekly/ holds notes, not articles"
    page = doc(result.output.files, "weekly/2025-W24/index.html")
    assert page.xpath("//h1/text()") == ["Edisi #1 · 9–15 Juni 2025"]
    assert page.xpath("//div[contains(@class, 'note')]//strong/text()") == ["catatan"]


@pytest.mark.parametrize("now, marked", [
    (datetime(2025, 6, 15, 16, 59, tzinfo=timezone.utc), True),   # Sunday 23:59 in Jakarta: the week is on
    (datetime(2025, 6, 15, 17, 0, tzinfo=timezone.utc), False),   # Monday 00:00 in Jakarta: it has ended
])
def test_the_current_week_is_marked_in_progress_until_it_ends(tmp_path: Path, now: datetime, marked: bool) -> None:
    make_project(tmp_path, {"a.md": article(date="2025-06-13")})
    files = build_project(tmp_path, now=now).output.files
    notice = "Edisi ini masih berjalan"
    assert (notice in files["weekly/2025-W24/index.html"].decode()) is marked
    assert (notice in files["weekly/2025-W24/email.html"].decode()) is marked
    # a reader's report: the feeds held the week's first stories under the edition's final id; feed readers and
    # RSS-to-email services take an id once, so subscribers never got the whole week
    for path in ("weekly/feed.xml", "weekly/atom.xml"):
        parsed = feedparser.parse(files[path])
        assert parsed.bozo == 0 and [e.link for e in parsed.entries] == \
            ([] if marked else ["https://example.org/weekly/2025-W24/"]), path
    assert len(json.loads(files["weekly/feed.json"])["items"]) == (0 if marked else 1)
    # with no edition finished, the feed is dated by its newest article, not 1970
    assert feedparser.parse(files["weekly/atom.xml"]).feed.updated == \
        ("2025-06-13T00:00:00+07:00" if marked else "2025-06-16T00:00:00+07:00")


def test_the_weekly_feed_has_one_item_per_edition_with_the_whole_edition() -> None:
    rss = feedparser.parse(FILES["weekly/feed.xml"])
    assert rss.bozo == 0
    assert [e.title for e in rss.entries] == ["Edisi #2 · 30 Juni – 6 Juli 2025", "Edisi #1: Pekan Scale AI"]
    assert [e.summary for e in rss.entries] == [  # the headlines, not "2 artikel" alone
        "2 artikel: Pusat Data Baru di Batam &amp; Kepri; Berita Serentak",
        "2 artikel: Meta Ambil 49% Saham Scale AI; Google Menjauh dari Scale AI"]
    assert [e.link for e in rss.entries] == ["https://example.org/digest/weekly/2025-W27/",
                                             "https://example.org/digest/weekly/2025-W24/"]
    content = rss.entries[1].content[0].value
    assert content.startswith("<p>Minggu ini Meta masuk ke")
    assert '<a href="https://example.org/digest/2025/06/google-mundur/">Google Menjauh dari Scale AI</a>' in content
    items = json.loads(FILES["weekly/feed.json"])["items"]
    # dated when the week ended, the moment the edition enters the feed (a reader's report: dated by its first
    # article, it came in a week in the past, and RSS-to-email services that send what is newer skipped it)
    assert [i["date_published"] for i in items] == ["2025-07-07T00:00:00+07:00", "2025-06-16T00:00:00+07:00"]
    assert [i["date_modified"] for i in items] == ["2025-07-07T00:00:00+07:00", "2025-06-16T00:00:00+07:00"]
    atom = feedparser.parse(FILES["weekly/atom.xml"])
    assert atom.bozo == 0 and len(atom.entries) == 2


def test_an_empty_site_has_an_empty_weekly_index(tmp_path: Path) -> None:
    make_project(tmp_path, {}, config=CONFIG)
    (tmp_path / "content").mkdir()  # a content folder with no articles yet
    files = build_project(tmp_path).output.files
    assert doc(files, "weekly/index.html").xpath("//main/p/text()")[-1] == "Belum ada artikel."
    assert json.loads(files["weekly/feed.json"])["items"] == []


def test_notes_follow_the_content_folders_rules_for_links_and_sub_folders(tmp_path: Path) -> None:
    """A note is read only from content/weekly/ itself; a linked file only if it points inside content/; a linked
    folder, content/weekly/ included, is not entered. Each left-out file is named, none silently dropped."""
    outside = write_files(tmp_path / "outside", {"2025-W24.md": "Rahasia di luar proyek.\n",
                                                 "notes/2025-W24.md": "Folder di luar.\n"})
    project = tmp_path / "p"
    make_project(project, {"a.md": article()})
    write_files(project, {"content/weekly/2025/2025-W24.md": "Di sub-folder.\n",
                          "content/weekly/images/logo.png": "not markdown",  # a sub-folder without Markdown: quiet
                          "content/drafts/catatan.txt": "Catatan di dalam content/.\n"})
    weekly = project / "content" / "weekly"
    os.symlink(outside / "2025-W24.md", weekly / "2025-W24.md")
    os.symlink(project / "content" / "drafts" / "catatan.txt", weekly / "2025-W25.md")
    os.symlink(outside / "notes", weekly / "linked")
    with pytest.raises(BuildError) as caught:
        build_project(project)
    assert [str(p) for p in caught.value.problems] == [
        "content/weekly/2025: warning: is a folder inside content/weekly/, whose sub-folders are not read, so the "
        "Markdown files in it are left out; an editor's note is a file directly in content/weekly/, named after its "
        "week: content/weekly/2025-W24.md",
        "content/weekly/2025-W24.md: is a symbolic link to a file outside content/, which is never read; copy the "
        "file into content/ instead",
        "content/weekly/2025-W25.md: warning: no article is dated in week 2025-W25, so this note is shown nowhere; "
        "check the file name",
        "content/weekly/linked: warning: is a symbolic link to a folder and is not followed; move the folder into "
        "content/ instead"]

    os.unlink(weekly / "2025-W24.md")
    os.unlink(weekly / "2025-W25.md")
    os.symlink(project / "content" / "drafts" / "catatan.txt", weekly / "2025-W24.md")  # inside content/: read
    page = doc(build_project(project).output.files, "weekly/2025-W24/index.html")
    assert page.xpath("//div[contains(@class, 'note')]/p/text()") == ["Catatan di dalam content/."]


def test_a_linked_weekly_folder_is_not_read(tmp_path: Path) -> None:
    """Its warning says it is not followed; no note from outside the project reaches the site."""
    outside = write_files(tmp_path / "outside", {"2025-W24.md": "Rahasia di luar proyek.\n"})
    project = tmp_path / "p"
    make_project(project, {"a.md": article()})
    os.symlink(outside, project / "content" / "weekly")
    result = build_project(project)
    assert [str(p) for p in result.warnings] == [
        "content/weekly: warning: is a symbolic link to a folder and is not followed; move the folder into content/ "
        "instead"]
    assert not any(b"Rahasia" in data for data in result.output.files.values() if isinstance(data, bytes))


def test_an_embed_or_unusable_image_in_a_note_is_removed_with_a_warning_at_its_line(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article()})
    write_files(tmp_path, {"content/weekly/2025-W24.md": "---\ntitle: Pekan ini\n---\nTonton:\n\n"
                                                         "<iframe src=\"https://video.example/x\"></iframe>\n",
                           "content/weekly/2025-W23.md": "Tanpa front matter.\n\n<script>x()</script>\n\n"
                                                         "<img src=\"foto.png\" alt=\"Foto\">\n"})
    make_project(tmp_path, {"a.md": article(), "b.md": article(title="B", date="2025-06-05")})
    result = build_project(tmp_path)
    assert [str(p) for p in result.warnings] == [
        "content/weekly/2025-W23.md:3: warning: <script> removed with everything inside: a digest's pages and feeds "
        "keep no embeds, scripts, styles, form fields or inline SVG; link to what it shows instead",
        "content/weekly/2025-W23.md:5: warning: <img src=\"foto.png\"> removed: a raw <img> needs an address from "
        "the site's root or https://; for static/foto.png write src=\"/foto.png\"",
        "content/weekly/2025-W24.md:6: warning: <iframe> removed with everything inside: a digest's pages and feeds "
        "keep no embeds, scripts, styles, form fields or inline SVG; link to what it shows instead"]
    assert b"iframe" not in result.output.files["weekly/2025-W24/index.html"]


def test_a_weekly_items_summary_names_three_headlines_and_counts_the_rest(tmp_path: Path) -> None:
    make_project(tmp_path, {f"{n}.md": article(title=f"Kabar {n}", date=f"2025-06-1{n}") for n in range(1, 6)})
    rss = feedparser.parse(build_project(tmp_path).output.files["weekly/feed.xml"])
    assert [e.summary for e in rss.entries] == ["5 artikel: Kabar 1; Kabar 2; Kabar 3; dan 2 lainnya"]


def test_a_note_written_ahead_for_a_week_of_scheduled_or_draft_articles_waits_quietly(tmp_path: Path) -> None:
    """An editor's report: next week's note, written ahead beside next week's scheduled articles, was a warning
    ('no article is dated in week 2025-W28') and so stopped `digest build --strict`, the deploy recipe."""
    make_project(tmp_path, {"2025/06/a.md": article(date="2025-06-13"),
                            "2025/07/nanti.md": article(title="Nanti", date="2025-07-08T09:00:00+07:00"),
                            "2025/07/draf.md": article(title="Draf", date="2025-07-15", draft="true"),
                            "weekly/2025-W28.md": "Catatan pekan depan.\n",
                            "weekly/2025-W29.md": "Catatan draf.\n",
                            "weekly/2025-W30.md": "Catatan salah minggu.\n"})
    result = build_project(tmp_path, now=datetime(2025, 7, 1, 5, 0, tzinfo=timezone.utc))
    assert [str(p) for p in result.warnings] == [
        "content/weekly/2025-W30.md: warning: no article is dated in week 2025-W30, so this note is shown nowhere; "
        "check the file name"]
    assert "weekly/2025-W28/index.html" not in result.output.files


def test_a_notes_title_with_the_editions_label_is_not_doubled_and_is_warned_of(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The README's own example, 'Edisi #1: Pekan Scale AI', built '<h1>Edisi #1: Edisi #1: Pekan Scale AI'
    (page, <title>, weekly feed); a title holding HTML was never warned of, as an article's is."""
    make_project(tmp_path, {"a.md": article(title="A", date="2025-06-10"), "b.md": article(title="B", date="2025-06-17")})
    write_files(tmp_path, {"content/weekly/2025-W24.md": '---\ntitle: "Edisi #1: Pekan Scale AI"\n---\nCatatan.\n',
                           "content/weekly/2025-W25.md": '---\ntitle: "Edisi #1<br>Pekan AI"\n---\nCatatan.\n'})
    assert main(["build", "-q", "--config", str(tmp_path / "config.yaml")]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "content/weekly/2025-W24.md:2: field 'title': warning: starts with 'Edisi #1:', which the edition's heading "
        "adds already (with the number the edition has: editions count from the oldest week); write title: "
        "\"Pekan Scale AI\"",
        "content/weekly/2025-W25.md:2: field 'title': warning: starts with 'Edisi #1', which the edition's heading "
        "adds already (with the number the edition has: editions count from the oldest week), and holds the HTML tag "
        "<br>, which pages and feeds show as written (a field is plain text); write it as text: title: \"Pekan AI\""]
    page = lxml.html.parse(str(tmp_path / "site/weekly/2025-W24/index.html")).getroot()
    assert page.xpath("//h1/text()") == ["Edisi #1: Pekan Scale AI"]
    assert page.xpath("//title/text()")[0].startswith("Edisi #1: Pekan Scale AI ·")
    feed = feedparser.parse((tmp_path / "site/weekly/feed.xml").read_bytes())
    assert feed.entries[1].title == "Edisi #1: Pekan Scale AI"


def test_the_editions_label_without_its_hash_is_the_label_too(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An attacker's report: 'Edisi 2: Pekan baru' built '<h1>Edisi #1: Edisi 2: Pekan baru' without a word, where
    'Edisi #2:' was warned of. A title that starts with the word alone, or with a number of its own, is a title."""
    make_project(tmp_path, {"a.md": article(title="A", date="2025-06-10"), "b.md": article(title="B", date="2025-06-17"),
                            "c.md": article(title="C", date="2025-06-24")})
    write_files(tmp_path, {"content/weekly/2025-W24.md": '---\ntitle: "Edisi 2: Pekan baru"\n---\nCatatan.\n',
                           "content/weekly/2025-W25.md": '---\ntitle: "Edisi khusus: banjir"\n---\nCatatan.\n',
                           "content/weekly/2025-W26.md": '---\ntitle: "Edisi 100 hari kabinet"\n---\nCatatan.\n'})
    assert main(["build", "-q", "--config", str(tmp_path / "config.yaml")]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "content/weekly/2025-W24.md:2: field 'title': warning: starts with 'Edisi 2:', which the edition's heading "
        "adds already (with the number the edition has: editions count from the oldest week); write title: "
        "\"Pekan baru\""]
    heading = {week: lxml.html.parse(str(tmp_path / f"site/weekly/2025-W{week}/index.html")).getroot().xpath("//h1/text()")
               for week in (24, 25, 26)}
    assert heading == {24: ["Edisi #1: Pekan baru"], 25: ["Edisi #2: Edisi khusus: banjir"],
                       26: ["Edisi #3: Edisi 100 hari kabinet"]}


def test_a_number_joined_by_a_dash_to_what_follows_is_part_of_the_title(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An attacker's report: 'Edisi 17-an: Agustusan' built '<h1>Edisi #1: an: Agustusan' with the advice to write
    title: "an: Agustusan"; a dash joined to the word or number after it ('9–15 Juni', '2-in-1') is the title's.
    A dash with a space after it is still the label's."""
    make_project(tmp_path, {f"{day}.md": article(title="A", date=f"2025-{day}") for day in
                            ("06-10", "06-17", "06-24", "07-01")})
    titles = {24: "Edisi 17-an: Agustusan", 25: "Edisi 9–15 Juni: Pekan AI", 26: "Edisi 2-in-1",
              27: "Edisi 3 - Pekan baru"}
    write_files(tmp_path, {f"content/weekly/2025-W{week}.md": f'---\ntitle: "{title}"\n---\nCatatan.\n'
                           for week, title in titles.items()})
    assert main(["build", "-q", "--config", str(tmp_path / "config.yaml")]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "content/weekly/2025-W27.md:2: field 'title': warning: starts with 'Edisi 3 -', which the edition's heading "
        "adds already (with the number the edition has: editions count from the oldest week); write title: "
        "\"Pekan baru\""]
    heading = {week: lxml.html.parse(str(tmp_path / f"site/weekly/2025-W{week}/index.html")).getroot()
               .xpath("//h1/text()") for week in titles}
    assert heading == {24: ["Edisi #1: Edisi 17-an: Agustusan"], 25: ["Edisi #2: Edisi 9–15 Juni: Pekan AI"],
                       26: ["Edisi #3: Edisi 2-in-1"], 27: ["Edisi #4: Pekan baru"]}


def test_a_number_after_the_hash_joined_by_a_dash_to_what_follows_is_part_of_the_title(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An attacker's report: 'Edisi #2-in-1: Scale AI dan Meta' built '<h1>Edisi #1: in-1: Scale AI dan Meta' with
    the advice to write title: "in-1: ..." (the form without '#' was a title already); 'Edisi #17-an', 'Edisi #9–15
    Juni', 'Edisi #1-2025' lost their number the same way. 'Edisi #3 - Pekan baru' is still the label."""
    make_project(tmp_path, {f"{day}.md": article(title="A", date=f"2025-{day}") for day in
                            ("06-10", "06-17", "06-24", "07-01", "07-08")})
    titles = {24: "Edisi #2-in-1: Scale AI dan Meta", 25: "Edisi #17-an: Agustusan", 26: "Edisi #9–15 Juni: Pekan",
              27: "Edisi #1-2025", 28: "Edisi #3 - Pekan baru"}
    write_files(tmp_path, {f"content/weekly/2025-W{week}.md": f'---\ntitle: "{title}"\n---\nCatatan.\n'
                           for week, title in titles.items()})
    assert main(["build", "-q", "--config", str(tmp_path / "config.yaml")]) == 0
    assert capsys.readouterr().err.splitlines() == [
        "content/weekly/2025-W28.md:2: field 'title': warning: starts with 'Edisi #3 -', which the edition's heading "
        "adds already (with the number the edition has: editions count from the oldest week); write title: "
        "\"Pekan baru\""]
    heading = {week: lxml.html.parse(str(tmp_path / f"site/weekly/2025-W{week}/index.html")).getroot()
               .xpath("//h1/text()") for week in titles}
    assert heading == {24: ["Edisi #1: Edisi #2-in-1: Scale AI dan Meta"], 25: ["Edisi #2: Edisi #17-an: Agustusan"],
                       26: ["Edisi #3: Edisi #9–15 Juni: Pekan"], 27: ["Edisi #4: Edisi #1-2025"],
                       28: ["Edisi #5: Pekan baru"]}


@pytest.mark.parametrize("title, heading, said", [
    ("Pekan AI #1", "Edisi #1: Pekan AI", "'#1' after it is a YAML comment, so it is not part of the title; if it is, "
                                          "put the whole value in double quotes: title: \"Pekan AI #1\""),
    ("Edisi #1: Pekan: AI", "Edisi #1: Edisi", "'#1: Pekan: AI' after it is a YAML comment, so it is not part of the "
                                               "title; if it is, the edition's heading adds 'Edisi #' and the number "
                                               "the edition has already (editions count from the oldest week); write "
                                               "title: \"Pekan: AI\""),
    # the editor's note after the title was left out of the line to write
    ("Edisi #1: Pekan AI  # cek lagi", "Edisi #1: Edisi", "'#1: Pekan AI' after it is a YAML comment, so it is not "
                                                          "part of the title; if it is, the edition's heading adds "
                                                          "'Edisi #' and the number the edition has already (editions "
                                                          "count from the oldest week); write title: \"Pekan AI\"  # "
                                                          "cek lagi"),
    ("Edisi #1", "Edisi #1: Edisi", "'#1' after it is a YAML comment, so it is not part of the title; if it is, "
                                    "remove the line: the edition's heading adds 'Edisi #' and the number the "
                                    "edition has already: editions count from the oldest week"),
    # the number written was claimed as the heading's ('adds 'Edisi #27' already'), which showed 'Edisi #1'
    ("Edisi #27 minggu ini", "Edisi #1: Edisi", "'#27 minggu ini' after it is a YAML comment, so it is not part of the "
                                                "title; if it is, the edition's heading adds 'Edisi #' and the number "
                                                "the edition has already (editions count from the oldest week); write "
                                                "title: \"minggu ini\""),
])
def test_a_notes_title_cut_at_a_hash_is_warned_of_as_an_articles_is(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], title: str, heading: str, said: str) -> None:
    """An attacker's report: 'title: Pekan AI #1' made the heading 'Edisi #1: Pekan AI' without a word (YAML reads
    ' #' as a comment); an article's title is warned of."""
    make_project(tmp_path, {"a.md": article(title="A", date="2025-06-10")})
    write_files(tmp_path, {"content/weekly/2025-W24.md": f"---\ntitle: {title}\n---\nCatatan.\n"})
    assert main(["build", "-q", "--config", str(tmp_path / "config.yaml")]) == 0
    assert capsys.readouterr().err.splitlines() == [f"content/weekly/2025-W24.md:2: field 'title': warning: {said}"]
    page = lxml.html.parse(str(tmp_path / "site/weekly/2025-W24/index.html")).getroot()
    assert page.xpath("//h1/text()") == [heading]


def test_a_notes_title_written_as_its_warning_says_keeps_the_editors_comment(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The line to write for 'title: Edisi #1: Pekan AI  # cek lagi' left out '# cek lagi'; written as said, the
    note is quiet, its heading the one meant, and the comment still there."""
    make_project(tmp_path, {"a.md": article(title="A", date="2025-06-10")})
    write_files(tmp_path, {"content/weekly/2025-W24.md": '---\ntitle: "Pekan AI"  # cek lagi\n---\nCatatan.\n'})
    assert main(["build", "-q", "--config", str(tmp_path / "config.yaml")]) == 0
    assert capsys.readouterr().err == ""
    page = lxml.html.parse(str(tmp_path / "site/weekly/2025-W24/index.html")).getroot()
    assert page.xpath("//h1/text()") == ["Edisi #1: Pekan AI"]


def test_a_notes_title_over_lines_is_one_line_everywhere(tmp_path: Path) -> None:
    """'title: |' kept its line break, and '<title>', the heading, the feeds and email.txt showed it."""
    make_project(tmp_path, {"a.md": article(date="2025-06-10"), "b.md": article(title="Baru", date="2025-06-20")})
    write_files(tmp_path, {"content/weekly/2025-W24.md": "---\ntitle: |\n  Pekan Meta\n  dan\tOpenAI\n---\nCatatan.\n"})
    files = build_project(tmp_path).output.files
    page = doc(files, "weekly/2025-W24/index.html")
    assert page.xpath("//h1/text()") == ["Edisi #1: Pekan Meta dan OpenAI"]
    assert page.xpath("//title/text()")[0].startswith("Edisi #1: Pekan Meta dan OpenAI ·")
    assert files["weekly/2025-W24/email.txt"].decode().count("Pekan Meta dan OpenAI") >= 1
    assert [e.title for e in feedparser.parse(files["weekly/feed.xml"]).entries][-1] == "Edisi #1: Pekan Meta dan OpenAI"


def test_a_note_is_rendered_with_the_sites_markdown_options_and_again_when_they_change(tmp_path: Path) -> None:
    """A note rendered with the defaults: Indonesian labels on an English site, rel="noopener" alone with
    'external_rel: noopener nofollow ugc', and a table of contents (on the page and atop email.txt) with
    'toc_min_headings: 0', which means never; articles were right. A config change re-renders the note."""
    config = CONFIG + "language: en\nmarkdown:\n  external_rel: noopener nofollow ugc\n  toc_min_headings: 0\n"
    make_project(tmp_path, {"a.md": article(date="2025-06-10")}, config=config)
    headings = "".join(f"## {name}\n\n{name}.\n\n" for name in ("One", "Two", "Three", "Four"))
    write_files(tmp_path, {"content/weekly/2025-W24.md":
                           f"A footnote[^1] and [a link](https://other.example/x).\n\n{headings}[^1]: The note.\n"})
    assert main(["build", "-q", "--config", str(tmp_path / "config.yaml")]) == 0
    html = (tmp_path / "site/weekly/2025-W24/index.html").read_text()
    note = lxml.html.document_fromstring(html).xpath("//div[contains(@class, 'note')]")[0]
    assert note.xpath(".//a[@href='https://other.example/x']/@rel") == ["noopener nofollow ugc"]
    assert note.xpath(".//sup//a/@aria-label") == ["Footnote 1"]
    assert set(note.xpath(".//h2/a/@aria-label")) == {"Link to this section"}
    assert not note.xpath(".//*[@class='toc']")
    assert "Catatan kaki" not in html and "Tautan ke bagian ini" not in html
    email = (tmp_path / "site/weekly/2025-W24/email.txt").read_text()
    assert email.split("\n\n")[1].startswith("A footnote[1] and a link (https://other.example/x)."), email
    (tmp_path / "config.yaml").write_text(CONFIG + "language: en\nmarkdown:\n  toc_min_headings: 4\n")
    assert main(["build", "-q", "--config", str(tmp_path / "config.yaml")]) == 0
    note = lxml.html.parse(str(tmp_path / "site/weekly/2025-W24/index.html")).xpath("//div[contains(@class, 'note')]")[0]
    assert note.xpath(".//a[@href='https://other.example/x']/@rel") == ["noopener"]
    assert note.xpath(".//*[@class='toc']//a/text()") == ["One", "Two", "Three", "Four"]


def test_the_weekly_feed_carries_the_whole_edition_in_every_format_with_summary_feeds(tmp_path: Path) -> None:
    """With 'feeds: {content: summary}' the weekly RSS items lost their content (Atom and JSON Feed kept it); the
    setting is about articles: an edition's item is always the whole edition."""
    make_project(tmp_path, {"a.md": article(title="Meta", date="2025-06-10", body="Isi **panjang**.\n"),
                            "b.md": article(title="Baru", date="2025-06-20")},
                 config=CONFIG + "feeds:\n  content: summary\n")
    write_files(tmp_path, {"content/weekly/2025-W24.md": "Catatan **redaksi**.\n"})
    files = build_project(tmp_path).output.files
    rss, atom = (feedparser.parse(files[f"weekly/{name}"]) for name in ("feed.xml", "atom.xml"))
    contents = [[e.content[0].value for e in feed.entries] for feed in (rss, atom)]
    contents.append([i["content_html"] for i in json.loads(files["weekly/feed.json"])["items"]])
    for values in contents:
        assert len(values) == 2 and values[1].startswith("<p>Catatan <strong>redaksi</strong>.</p>")
        assert '<a href="https://example.org/2025/06/a/">Meta</a>' in values[1]
        assert '<a href="https://example.org/2025/06/b/">Baru</a>' in values[0]
    site = feedparser.parse(files["feed.xml"])  # the articles' own items keep to the summary
    assert [("content" in e, e.title) for e in site.entries] == [(False, "Baru"), (False, "Meta")]
