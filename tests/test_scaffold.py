"""`digest init` and `digest new` as functions: the files they make, and what they refuse."""
from __future__ import annotations

import shutil
from datetime import datetime, timezone
from pathlib import Path

import pytest

from conftest import CONFIG, article, build_project, make_project, write_files
from generator.load.config import load_config
from generator.core.errors import RefusalError
import generator
from generator.commands.scaffold import NewArticle, init_project, new_article, split_list, starter_requirement

COMPANIES = """\
amazon:
  name: Amazon
  aliases: [AWS, Amazon Web Services]
google:
  name: Google
  aliases: [Alphabet]
"""
JUNE_30_EVENING_UTC = datetime(2025, 6, 30, 20, 5, 42, tzinfo=timezone.utc)
"""Already 1 July, 03:05 in Jakarta: the file goes under 2025/07."""


def project(tmp_path: Path) -> Path:
    return make_project(tmp_path, {}, config=CONFIG + "language: en\n", companies=COMPANIES)


def test_init_makes_a_project_that_builds_with_the_packaged_theme(tmp_path: Path) -> None:
    made = init_project(tmp_path / "x")
    assert made == [".github/workflows/deploy.yml", ".gitignore", ".gitlab-ci.yml", "config.yaml",
                    "content/2025/06/selamat-datang.md", "content/companies.yaml", "requirements.txt"]
    assert not (tmp_path / "x/themes").exists()
    result = build_project(tmp_path / "x")
    assert (result.articles, result.warnings) == (1, ())
    assert "2025/06/selamat-datang/index.html" in result.output.files
    assert {"/site/", "/.site.*", "/staging-site/", "/.staging-site.*"} <= set((tmp_path / "x/.gitignore").read_text().splitlines())


class _Installed:
    """What importlib.metadata gives for an installed copy whose direct_url.json is ``direct`` (None: none)."""

    def __init__(self, direct: str | None) -> None:
        self.direct = direct

    def read_text(self, name: str) -> str | None:
        return self.direct if name == "direct_url.json" else None


SHA = "0123456789abcdef0123456789abcdef01234567"
HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"


@pytest.mark.parametrize(("direct", "line", "noted"), [
    (None, f"news-digest=={generator.__version__}", False),
    (f'{{"url": "https://github.com/kabar/news-digest", "vcs_info": {{"vcs": "git", "commit_id": "{SHA}"}}}}',
     f"news-digest @ git+https://github.com/kabar/news-digest@{SHA}", False),
    ('{"url": "https://example.org/news_digest-0.1.0-py3-none-any.whl", "archive_info": {}}',
     "news-digest @ https://example.org/news_digest-0.1.0-py3-none-any.whl", False),
    ('{"url": "file:///home/editor/news-digest", "dir_info": {"editable": true}}',
     f"news-digest=={generator.__version__}", True),
    (f'{{"url": "https://github.com/kabar/tools", "vcs_info": {{"vcs": "git", "commit_id": "{SHA}"}}, '
     '"subdirectory": "news-digest"}',
     f"news-digest @ git+https://github.com/kabar/tools@{SHA}#subdirectory=news-digest", False),
    (f'{{"url": "https://example.org/news_digest-0.1.0-py3-none-any.whl", "archive_info": '
     f'{{"hash": "sha256={HASH}", "hashes": {{"sha256": "{HASH}"}}}}}}',
     f"news-digest @ https://example.org/news_digest-0.1.0-py3-none-any.whl#sha256={HASH}", False),
    (f'{{"url": "https://example.org/tools.zip", "archive_info": {{"hashes": {{"md5": "0f", "sha256": "{HASH}"}}}}, '
     '"subdirectory": "news-digest"}',
     f"news-digest @ https://example.org/tools.zip#sha256={HASH}&subdirectory=news-digest", False),
], ids=["from an index", "from git", "from an archive", "from a folder", "from a folder of a git repository",
        "from an archive with its hash", "from a folder of an archive"])
def test_init_asks_ci_for_the_generator_where_this_copy_came_from(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                  direct: str | None, line: str, noted: bool) -> None:
    """requirements.txt pinned news-digest from PyPI whatever the install: a copy installed from git made a
    project whose first CI run could not install the generator. Now CI gets it from where this copy came from;
    a copy from a folder on this machine keeps the pin, and init says to write where CI can get it. The package's
    folder in a repository or archive ('subdirectory') was dropped, so CI's install failed, and an archive's hash,
    so CI installed whatever the URL served by then: both are kept, in the fragment pip reads."""
    monkeypatch.setattr("importlib.metadata.distribution", lambda name: _Installed(direct))
    init_project(tmp_path / "p")
    lines = (tmp_path / "p/requirements.txt").read_text().splitlines()
    assert [x for x in lines if not x.startswith("#")] == [line]
    note = starter_requirement()[1]
    assert bool(note) is noted
    if noted:
        assert note == (f"requirements.txt asks CI for news-digest=={generator.__version__} from PyPI, but this copy "
                        "was installed from /home/editor/news-digest; if CI cannot get it from PyPI, write where it "
                        "can there (news-digest @ git+https://…)")


@pytest.mark.parametrize("url", ["ssh://git@gitlab.com/kabar/news-digest.git", "git@gitlab.com:kabar/news-digest.git",
                                 "ssh://git@altssh.gitlab.com:443/kabar/news-digest.git"])
def test_init_asks_ci_over_https_for_a_copy_installed_over_ssh(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               url: str) -> None:
    """A copy installed with pip install git+ssh://git@gitlab.com/... wrote 'news-digest @ git+ssh://...' (and one
    from git@gitlab.com:... the PyPI pin, without a word): CI's first run could not install the generator, having no
    SSH key (and GitLab's python:slim image no ssh). Now CI gets the same commit over HTTPS, and init says so."""
    monkeypatch.setattr("importlib.metadata.distribution", lambda name: _Installed(
        f'{{"url": "{url}", "vcs_info": {{"vcs": "git", "commit_id": "{SHA}"}}}}'))
    init_project(tmp_path / "p")
    lines = (tmp_path / "p/requirements.txt").read_text().splitlines()
    assert [x for x in lines if not x.startswith("#")] == [
        f"news-digest @ git+https://gitlab.com/kabar/news-digest.git@{SHA}"]
    assert starter_requirement()[1] == (
        f"this copy was installed over SSH ({url}), which CI cannot use (its job has no SSH key, and GitLab's image "
        "no ssh), so requirements.txt asks for it over HTTPS (https://gitlab.com/kabar/news-digest.git); if that "
        "repository is private, write an address CI can read there")


@pytest.mark.parametrize(("url", "https"), [
    ("ssh://git@ssh.github.com:443/kabar/news-digest.git", "https://github.com/kabar/news-digest.git"),
    ("git@[::1]:kabar/news-digest.git", "https://[::1]/kabar/news-digest.git"),
    ("ssh://git@[::1]/kabar/news-digest.git", "https://[::1]/kabar/news-digest.git")])
def test_init_asks_ci_over_https_at_the_host_that_serves_it(monkeypatch: pytest.MonkeyPatch, url: str,
                                                            https: str) -> None:
    """GitHub's SSH over port 443 (ssh.github.com) gave git+https://ssh.github.com/..., which serves no HTTPS; an
    IPv6 host lost its brackets (https://::1/...) or was cut at its first ':' (https://[/...)."""
    monkeypatch.setattr("importlib.metadata.distribution", lambda name: _Installed(
        f'{{"url": "{url}", "vcs_info": {{"vcs": "git", "commit_id": "{SHA}"}}}}'))
    assert starter_requirement()[0] == f"news-digest @ git+{https}@{SHA}"


def test_init_says_so_of_a_copy_installed_over_git_protocol(monkeypatch: pytest.MonkeyPatch) -> None:
    """A copy installed from git://git.example.org/... silently pinned news-digest from PyPI, which CI cannot get
    if it is not there; init says so, as for a copy from a folder."""
    monkeypatch.setattr("importlib.metadata.distribution", lambda name: _Installed(
        f'{{"url": "git://git.example.org/kabar/news-digest.git", "vcs_info": {{"vcs": "git", "commit_id": "{SHA}"}}}}'))
    assert starter_requirement() == (f"news-digest=={generator.__version__}", (
        f"requirements.txt asks CI for news-digest=={generator.__version__} from PyPI, but this copy was installed "
        "from git://git.example.org/kabar/news-digest.git; if CI cannot get it from PyPI, write where it can there "
        "(news-digest @ git+https://…)"))


def test_init_accepts_an_empty_folder(tmp_path: Path) -> None:
    assert len(init_project(tmp_path)) == 7


@pytest.mark.parametrize("existing", ["notes.txt", "notes/a.txt"])
def test_init_refuses_a_folder_with_anything_in_it(tmp_path: Path, existing: str) -> None:
    (tmp_path / existing).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / existing).write_text("mine")
    with pytest.raises(RefusalError) as e:
        init_project(tmp_path)
    assert str(e.value) == f"{tmp_path} is not empty; give a new or empty folder, so nothing of yours is overwritten"
    assert sorted(p.name for p in tmp_path.iterdir()) == [existing.split("/")[0]]


def test_new_writes_complete_front_matter_dated_in_the_site_zone(tmp_path: Path) -> None:
    config = load_config(project(tmp_path) / "config.yaml")
    request = NewArticle("Judul  artikel: AWS & Alphabet", section="Asia", tags=("ai", "cloud"),
                         companies=("aws", "alphabet", "Amazon"), source_url="https://www.reuters.com/x?utm_source=a")
    written = new_article(config, request, JUNE_30_EVENING_UTC)
    assert written.rel == "content/2025/07/judul-artikel-aws-alphabet.md"
    assert written.companies == (("aws", "Amazon"), ("alphabet", "Google"))
    assert written.path.read_text(encoding="utf-8") == (
        "---\n"
        'title: "Judul artikel: AWS & Alphabet"\n'
        "date: 2025-07-01T03:05:00+07:00\n"
        'summary: ""\n'
        "source:\n"
        '  name: "reuters.com"\n'
        '  url: "https://www.reuters.com/x?utm_source=a"\n'
        'tags: ["ai", "cloud"]\n'
        'companies: ["Amazon", "Google"]\n'
        'section: "Asia"\n'
        "---\n"
        "\n"
        "Write the digest text here: what happened, who is involved, and why it matters.\n"
    )
    result = build_project(tmp_path)
    assert (result.articles, [str(p) for p in result.warnings]) == (1, [
        "content/2025/07/judul-artikel-aws-alphabet.md:13: warning: the placeholder text is still there "
        "(digest new wrote it); replace it with the digest text"])
    assert "2025/07/judul-artikel-aws-alphabet/index.html" in result.output.files


def test_new_names_the_source_as_sources_yaml_does(tmp_path: Path) -> None:
    """`--source-url https://www.reuters.com/…` wrote `name: "reuters.com"` though sources.yaml names it Reuters, and
    the page read "Baca artikel selengkapnya di reuters.com" beside "Semua berita dari Reuters"."""
    config = load_config(make_project(tmp_path, {}) / "config.yaml")
    (tmp_path / "content").mkdir(exist_ok=True)
    (tmp_path / "content/sources.yaml").write_text("reuters:\n  name: Reuters\n  url: https://www.reuters.com/\n")
    written = [new_article(config, NewArticle(title, source_url=url), JUNE_30_EVENING_UTC).path.read_text()
               for title, url in (("A", "https://www.reuters.com/technology/a/"), ("B", "https://www.cnbc.com/b"))]
    assert '  name: "Reuters"\n  url: "https://www.reuters.com/technology/a/"\n' in written[0]
    assert '  name: "cnbc.com"\n' in written[1]
    page = build_project(tmp_path).output.files["2025/07/a/index.html"].decode()
    assert ">Baca artikel selengkapnya di <bdi>Reuters</bdi></a>" in page and "Semua berita dari <bdi>Reuters</bdi>" in page


def test_new_names_the_source_at_an_emoji_host_as_sources_yaml_does(tmp_path: Path) -> None:
    """`--source-url "https://i\u2764.ws/x/y"` wrote `name: "i\u2764.ws"` beside a registered publisher at that host:
    its punycode (xn--i-7iq.ws), which IDNA 2008 cannot decode, raised in idna_letters."""
    config = load_config(make_project(tmp_path, {}) / "config.yaml")
    (tmp_path / "content").mkdir(exist_ok=True)
    (tmp_path / "content/sources.yaml").write_text('heart:\n  name: Heart\n  url: "https://i\u2764.ws/"\n')
    written = [new_article(config, NewArticle(title, source_url=url), JUNE_30_EVENING_UTC).path.read_text()
               for title, url in (("A", "https://i\u2764.ws/x/y"), ("B", "https://xn--i-7iq.ws/z"))]
    assert all('  name: "Heart"\n' in text for text in written), written


def test_new_names_a_source_host_written_with_a_trailing_dot_as_the_build_reads_it(tmp_path: Path) -> None:
    """An attacker's report: `--source-url https://kompas.com./x` wrote `name: "kompas.com."`, and the site's
    publisher kompas.com was shown as 'kompas.com.' on every article."""
    config = load_config(make_project(tmp_path, {"2025/06/a.md": article(title="A", source={
        "name": "kompas.com", "url": "https://kompas.com/a"})}) / "config.yaml")
    written = new_article(config, NewArticle("B", source_url="https://WWW.Kompas.com.:443/x"), JUNE_30_EVENING_UTC)
    assert '  name: "kompas.com"\n  url: "https://WWW.Kompas.com.:443/x"\n' in written.path.read_text()
    page = build_project(tmp_path).output.files["2025/07/b/index.html"].decode()
    assert "kompas.com." not in page


def test_new_on_a_full_disk_leaves_no_empty_file_behind(tmp_path: Path) -> None:
    """A maintainer's report: with the disk full, `digest new` said it could not write the file and left it empty;
    the retry was refused ("already exists") and the build failed on it ("no front matter"). The fault is caused at
    the file's own write."""
    import os
    import shutil
    import subprocess
    import sys
    from conftest import need
    need(shutil.which("strace") is not None, "strace is not installed (apt-get install strace)")
    make_project(tmp_path, {"2025/06/a.md": article(title="A")})
    target = tmp_path / "content/2025/06/artikel-penuh.md"
    command = [sys.executable, "-m", "generator", "new", "Artikel penuh", "--date", "2025-06-20",
               "--config", str(tmp_path / "config.yaml")]
    full = subprocess.run(["strace", "-f", "-qq", "-o", os.devnull, "-P", str(target), "-e", "trace=write",
                           "-e", "inject=write:error=ENOSPC", *command], capture_output=True, text=True, timeout=120)
    assert (full.returncode, full.stderr) == (2, "error: cannot write content/2025/06/artikel-penuh.md (No space left "
                                                 "on device); check that content/ is a folder you can write to and "
                                                 "that its disk has space\n")
    assert not target.exists()
    again = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and target.read_text().startswith("---\ntitle: \"Artikel penuh\"\n")
    # a month (and year) with no folder yet: the folders it made are not left behind, empty
    later = tmp_path / "content/2026/01/artikel-penuh.md"
    full = subprocess.run(["strace", "-f", "-qq", "-o", os.devnull, "-P", str(later), "-e", "trace=write",
                           "-e", "inject=write:error=ENOSPC", *command[:6], "2026-01-05", *command[7:]],
                          capture_output=True, text=True, timeout=120)
    assert full.returncode == 2 and not (tmp_path / "content/2026").exists(), full.stderr


def test_new_with_only_a_title_builds_with_only_the_placeholder_warning(tmp_path: Path) -> None:
    config = load_config(make_project(tmp_path, {}) / "config.yaml")
    written = new_article(config, NewArticle('Tes "kutip" \\ dan #tagar'), JUNE_30_EVENING_UTC)
    text = written.path.read_text(encoding="utf-8")
    assert text.splitlines()[1] == 'title: "Tes \\"kutip\\" \\\\ dan #tagar"'
    assert '# source: {name: "Publisher", url: "https://..."}' in text
    assert text.endswith("---\n\nTulis ringkasan berita di sini: apa yang terjadi, siapa yang terlibat, dan mengapa penting.\n")
    result = build_project(tmp_path)
    assert (result.articles, [p.message for p in result.warnings]) == (
        1, ["the placeholder text is still there (digest new wrote it); replace it with the digest text"])
    assert 'Tes "kutip" \\ dan #tagar' in result.output.files["2025/07/tes-kutip-dan-tagar/index.html"].decode().replace("&#34;", '"')


def test_new_draft_is_left_out_of_a_normal_build(tmp_path: Path) -> None:
    config = load_config(project(tmp_path) / "config.yaml")
    new_article(config, NewArticle("Rencana", draft=True), JUNE_30_EVENING_UTC)
    result = build_project(tmp_path)
    assert (result.articles, result.skipped_drafts, len(result.warnings)) == (0, 1, 0)  # its warnings wait for
    assert len(build_project(tmp_path, drafts=True).warnings) == 1  # --drafts: the placeholder


@pytest.mark.parametrize("typed, folder, written", [
    ("Jumat, 13 Juni 2025 09.00 WIB", "2025/06", "2025-06-13T09:00:00+07:00"),
    ("2025-6-3 9:05", "2025/06", "2025-06-03T09:05:00+07:00"),  # in the site's zone
    ("13/5/2025", "2025/05", "2025-05-13"),  # a date alone stays a date (midnight, as the field reads it)
    ("2025-06-13T09:00+09:00", "2025/06", "2025-06-13T09:00:00+09:00"),
    ("1 Juni 2025 00.30 WIT", "2025/05", "2025-06-01T00:30:00+09:00"),  # 31 May, 22:30 in the site's WIB
    # a day named from today, which the command knows (it is 1 July, 03:05 in Jakarta): it was refused
    ("hari ini 18:00", "2025/07", "2025-07-01T18:00:00+07:00"),
    ("Kemarin", "2025/06", "2025-06-30"),
    ("besok pukul 9.30", "2025/07", "2025-07-02T09:30:00+07:00"),
    ("besok 09:00 WITA", "2025/07", "2025-07-02T09:00:00+08:00"),  # with a zone, as news pages print the time
    ("Kemarin jam 9", "2025/06", "2025-06-30T09:00:00+07:00"),
    # as the seed's relative dates, and the days either side of those (an editor's report: refused)
    ("2 hari lalu", "2025/06", "2025-06-29"),
    ("3 hari yang lalu 10.15 WIB", "2025/06", "2025-06-28T10:15:00+07:00"),
    ("kemarin lusa", "2025/06", "2025-06-29"),
    ("lusa pukul 8", "2025/07", "2025-07-03T08:00:00+07:00"),
    ("2 days ago", "2025/06", "2025-06-29"),
])
def test_new_takes_the_date_an_editor_gives(tmp_path: Path, typed: str, folder: str, written: str) -> None:
    """An editor writing up yesterday's news had to edit the date digest new wrote; --date takes any form the
    date field does, and the file goes in that month's folder."""
    config = load_config(project(tmp_path) / "config.yaml")
    made = new_article(config, NewArticle("Berita lama", date=typed), JUNE_30_EVENING_UTC)
    assert made.rel == f"content/{folder}/berita-lama.md"
    assert made.path.read_text(encoding="utf-8").splitlines()[2] == f"date: {written}"
    result = build_project(tmp_path)
    assert result.articles == 1 and [p.message for p in result.warnings] == [
        "the placeholder text is still there (digest new wrote it); replace it with the digest text"]


@pytest.mark.parametrize("redirects", ['[2025/07/lama/, "/2025/07/tes/"]', "\n  - 2025/07/lama/\n  - /2025/07/tes"])
def test_new_refuses_a_title_whose_address_an_articles_redirects_keep(tmp_path: Path, redirects: str) -> None:
    """An article renamed from 'Tes' keeps /2025/07/tes/ in its redirects: digest new "Tes" wrote the file, and the
    next build stopped on the clash."""
    config = load_config(project(tmp_path) / "config.yaml")
    write_files(tmp_path, {"content/2025/07/tes-baru.md": article(title="Tes baru", date="2025-07-01T10:00:00+07:00",
                                                                  redirects=redirects)})
    with pytest.raises(RefusalError) as e:
        new_article(config, NewArticle("Tes"), JUNE_30_EVENING_UTC)
    assert str(e.value) == ("content/2025/07/tes-baru.md keeps the address /2025/07/tes/ in its redirects: (the "
                            "article was there before); give the new article another title, or remove the address "
                            "from those redirects if the old links should lead here instead")
    assert not (tmp_path / "content/2025/07/tes.md").exists()
    assert new_article(config, NewArticle("Tes lain"), JUNE_30_EVENING_UTC).rel == "content/2025/07/tes-lain.md"


def test_new_refuses_a_title_another_folders_article_has_that_month(tmp_path: Path) -> None:
    """content/draf/tes.md dated this month has the address /2025/07/tes/ too: digest new wrote the file, and the
    next build stopped on 'URL already used'."""
    config = load_config(project(tmp_path) / "config.yaml")
    write_files(tmp_path, {"content/draf/tes.md": article(title="Tes", date="2025-07-01T10:00:00+07:00")})
    with pytest.raises(RefusalError) as e:
        new_article(config, NewArticle("Tes"), JUNE_30_EVENING_UTC)
    assert str(e.value) == ("content/draf/tes.md already has the address /2025/07/tes/ (same name or slug, same "
                            "month); edit that file, or give the new article another title")
    assert not (tmp_path / "content/2025/07/tes.md").exists()
    # not a clash: a slug of its own, a date that is June in the site's zone, a page, a date in a body's example
    (tmp_path / "content/draf/tes.md").write_text(article(title="Tes", date="2025-07-01T10:00:00+07:00",
                                                          slug="tes-lama"))
    write_files(tmp_path, {"content/arsip/tes.md": article(title="Tes", date="2025-06-30T20:00:00+07:00"),
                           "content/pages/tes.md": "---\ntitle: Tes\n---\n```\ndate: 2025-07-02\n```\n"})
    assert new_article(config, NewArticle("Tes"), JUNE_30_EVENING_UTC).rel == "content/2025/07/tes.md"


@pytest.mark.parametrize("rel, fields, bom", [
    ("content/2025/07/tes/index.md", {}, False),  # a page bundle takes its folder's name
    ("content/2025/07/tes/INDEX.md", {}, False),
    ("content/2025/07/uji.md", {"slug": "tes"}, False),
    ("content/2025/07/uji.md", {"slug": '"tes"'}, False),
    ("content/arsip/tes.md", {"date": "13 Juli 2025"}, False),  # a date in a form the build reads
    ("content/arsip/tes.md", {"date": "2025-07-01 10:00 WIB"}, False),
    ("content/arsip/tes.md", {}, True),  # a byte-order mark before the front matter
    ("content/draf/Tes.md", {}, False),  # the name makes the slug
])
def test_new_refuses_a_title_a_bundle_or_a_slug_has_that_month(tmp_path: Path, rel: str, fields: dict[str, str],
                                                              bom: bool) -> None:
    """Only a file named tes.md with an ISO date was looked for: beside tes/index.md, an article with 'slug: tes',
    a date written '13 Juli 2025', a file saved with a BOM or named Tes.md, digest new wrote content/2025/07/tes.md
    and the next build (and serve) stopped on 'URL already used'."""
    config = load_config(project(tmp_path) / "config.yaml")
    text = article(title="Lain", **{"date": "2025-07-01T10:00:00+07:00", **fields})
    write_files(tmp_path, {rel: ("\ufeff" if bom else "") + text})
    with pytest.raises(RefusalError) as e:
        new_article(config, NewArticle("Tes"), JUNE_30_EVENING_UTC)
    assert str(e.value).startswith(f"{rel} already has the address /2025/07/tes/ (same name or slug, same month)")
    assert not (tmp_path / "content/2025/07/tes.md").exists()


@pytest.mark.parametrize("redirects", ["2025/07/tes/", "\n  - 2025/07/lama/\n  # dulu\n  - 2025/07/tes/  # judul lama"])
def test_new_refuses_an_address_redirects_keep_in_any_form_the_build_reads(tmp_path: Path, redirects: str) -> None:
    """A single address, or a block list with a comment in it, was not seen: the next build stopped."""
    config = load_config(project(tmp_path) / "config.yaml")
    write_files(tmp_path, {"content/2025/07/tes-baru.md": article(title="Tes baru", date="2025-07-01T10:00:00+07:00",
                                                                  redirects=redirects)})
    with pytest.raises(RefusalError) as e:
        new_article(config, NewArticle("Tes"), JUNE_30_EVENING_UTC)
    assert str(e.value).startswith("content/2025/07/tes-baru.md keeps the address /2025/07/tes/ in its redirects:")


def test_new_takes_an_address_only_a_file_the_build_skips_has(tmp_path: Path) -> None:
    """A file in a dot-folder, which the build never reads, was a clash."""
    config = load_config(project(tmp_path) / "config.yaml")
    write_files(tmp_path, {"content/.lama/tes.md": article(title="Tes", date="2025-07-01T10:00:00+07:00")})
    assert new_article(config, NewArticle("Tes"), JUNE_30_EVENING_UTC).rel == "content/2025/07/tes.md"


@pytest.mark.parametrize("file", ["content/2025/07", "content/2025"])
def test_new_names_a_file_where_the_months_folder_goes(tmp_path: Path, file: str) -> None:
    """An attacker's report: with a file named content/2025/09, `digest new` said the article "already exists; edit
    that file", a file there was not."""
    config = load_config(project(tmp_path) / "config.yaml")
    (tmp_path / file).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / file).write_text("")
    with pytest.raises(RefusalError) as e:
        new_article(config, NewArticle("Tes"), JUNE_30_EVENING_UTC)
    assert str(e.value) == f"{file} is a file where digest new needs a folder for the month's articles; rename or move that file"


def test_new_leaves_no_file_behind_when_writing_it_fails_in_any_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a disk fault removed the file begun; any other failure after it was opened (Ctrl-C, a bug) left it
    empty, which the build refused and `digest new` then called existing."""
    import generator.commands.scaffold as scaffold
    config = load_config(project(tmp_path) / "config.yaml")
    monkeypatch.setattr(scaffold, "render_article", lambda *args: "\udce9")
    with pytest.raises(UnicodeEncodeError):
        new_article(config, NewArticle("Tes"), JUNE_30_EVENING_UTC)
    assert sorted(p.name for p in (tmp_path / "content").iterdir()) == ["companies.yaml"]


def test_new_never_overwrites(tmp_path: Path) -> None:
    config = load_config(project(tmp_path) / "config.yaml")
    first = new_article(config, NewArticle("Tes"), JUNE_30_EVENING_UTC)
    first.path.write_text(article(title="Tes", body="Edited by hand.\n"))
    with pytest.raises(RefusalError) as e:
        new_article(config, NewArticle("Tes"), JUNE_30_EVENING_UTC)
    assert str(e.value) == "content/2025/07/tes.md already exists; edit that file, or give the new article another title"
    assert first.path.read_text().endswith("Edited by hand.\n")


@pytest.mark.parametrize("request_, message", [
    (NewArticle("Tes", companies=("Gogle",)), "company 'Gogle' is not in content/companies.yaml; did you mean 'Google'?"),
    (NewArticle("Tes", companies=("Zzyzx",)), "company 'Zzyzx' is not in content/companies.yaml; add it to content/companies.yaml first"),
    (NewArticle("   "), 'the title is empty; write it in quotes: digest new "Judul artikel"'),
    (NewArticle("!!!"), "the title '!!!' has no letters or digits to make a file name from; spell it out"),
    (NewArticle("Tags"), "the title gives the file name 'tags', which is reserved for the site's own pages; use a longer title"),
    (NewArticle("Tes", source_url="reuters.com/x"),
     "--source-url 'reuters.com/x' is not an http(s) link; give the full address, starting with https://"),
    (NewArticle("Tes", source_url="https://reuters.com/a b"),
     "--source-url 'https://reuters.com/a b' has a space or a line break in it, which a link cannot hold; copy the "
     "address again from the browser, or write a space as %20"),
    (NewArticle("Tes", date="besok pagi"), "--date 'besok pagi' is a day from today in a form it does not read (the "
                                           "day, then a time such as 09:00 and a zone); write it like 2025-06-13 "
                                           "09:00, as a news page prints it: June 13, 2025 9:00 AM WIB, or as a day from "
                                           "today: tomorrow 09:00, 2 days ago"),
    (NewArticle("Tes", date="besok 24:00"), "--date 'besok 24:00' is a day from today in a form it does not read "
                                            "(the day, then a time such as 09:00 and a zone); write it like 2025-06-13 "
                                            "09:00, as a news page prints it: June 13, 2025 9:00 AM WIB, or as a day "
                                            "from today: tomorrow 09:00, 2 days ago"),
    (NewArticle("Tes", date="Juni 2025"), "--date 'Juni 2025' is not a date; write it like 2025-06-13 09:00, as a "
                                          "news page prints it: June 13, 2025 9:00 AM WIB, or as a day from today: "
                                          "tomorrow 09:00, 2 days ago"),
    (NewArticle("Tes", date="Senin, 13 Juni 2025"),
     "--date 'Senin, 13 Juni 2025' says Senin, but 13 Juni 2025 is a Jumat (Friday); check the date"),
    (NewArticle("Tes", tags=("!!!",)), "--tags: '!!!' has no letters or digits to make a URL from; spell it out, or "
                                       "give it its own URL in config.yaml, like 'slugs: {\"!!!\": exclamation-mark}'"),
    (NewArticle("Tes", tags=("C#", "C++")), "--tags: 'C++' and 'C#' both make the URL /tags/c/; give one its own URL "
                                            "in config.yaml, like 'slugs: {\"C++\": c-plus-plus}', or use one spelling "
                                            "if they are one thing"),
    (NewArticle("Tes", tags=tuple(f"t{i}" for i in range(51))),
     "--tags: has 51 items, more than the 50 an article may have (each one is a page and a feed); keep the tags "
     "that say what the article is about"),
    (NewArticle("Tes", section="!!!", tags=("???",)),
     "--tags: '???' has no letters or digits to make a URL from; spell it out, or give it its own URL in config.yaml, "
     "like 'slugs: {\"!!!\": exclamation-mark, \"???\": question-mark}' (one line for both names); --section: '!!!' "
     "has no letters or digits to make a URL from; spell it out, or give it its own URL in config.yaml, like "
     "'slugs: {\"!!!\": exclamation-mark, \"???\": question-mark}' (one line for both names)"),
    (NewArticle("Tes\x01 baru"), "the title 'Tes\\x01 baru' has the control character U+0001, which feeds and HTML "
                                 "cannot carry; delete it"),
    (NewArticle("Tes", tags=("a\x1b[31m",)), "--tags 'a\\x1b[31m' has the control character U+001B, which feeds and "
                                             "HTML cannot carry; delete it"),
    (NewArticle("Tes", date="3/6/2025"), "--date '3/6/2025' is ambiguous: day 3 of month 6, or month 3 day 6? Write "
                                         "the year first"),
    # an attacker's report: a typed name with an invisible character was told 'delete it from the file'
    (NewArticle("Tes", section="Ke\u200bpri"), "--section: has an invisible character (U+200B ZERO WIDTH SPACE) in "
                                               "'Kepri', which would make a second page for it; retype --section "
                                               "without it"),
    (NewArticle("Tes", tags=("AI", "\u200b")), "--tags: has a name of invisible characters only (U+200B ZERO WIDTH "
                                               "SPACE); retype --tags without it"),
    (NewArticle("Tes", section="\u200b"), "--section: has only characters that cannot be seen (U+200B ZERO WIDTH "
                                          "SPACE); write the section itself, or leave --section out"),
])
def test_new_refuses_bad_requests_and_writes_nothing(tmp_path: Path, request_: NewArticle, message: str) -> None:
    config = load_config(project(tmp_path) / "config.yaml")
    with pytest.raises(RefusalError) as e:
        new_article(config, request_, JUNE_30_EVENING_UTC)
    assert str(e.value) == message
    assert sorted(p.name for p in (tmp_path / "content").iterdir()) == ["companies.yaml"]


def test_new_takes_tags_config_yaml_gives_their_own_urls(tmp_path: Path) -> None:
    """The build's own reading decides: with `slugs: {"C#": csharp}`, 'C#' and 'C++' are two tags, and the file
    builds with only the placeholder's warning."""
    config = load_config(make_project(tmp_path, {}, config=CONFIG + 'slugs: {"C#": csharp}\n') / "config.yaml")
    new_article(config, NewArticle("Tes", tags=("C#", "C++")), JUNE_30_EVENING_UTC)
    result = build_project(tmp_path)
    assert [p.message for p in result.warnings] == [
        "the placeholder text is still there (digest new wrote it); replace it with the digest text"]
    assert {"tags/csharp/index.html", "tags/c/index.html"} <= set(result.output.files)


def test_split_list_drops_empty_items_and_extra_spaces() -> None:
    assert split_list(" ai,  Cloud  Computing ,,") == ("ai", "Cloud Computing")
    assert split_list(None) == ()
    assert split_list("AI, ai,Cloud,  cloud , x") == ("AI", "Cloud", "x")  # one tag, as the site makes it


def test_init_makes_the_project_in_a_freshly_cloned_empty_repository(tmp_path: Path) -> None:
    """An attacker's report: 'digest init .' in a new repository (only .git/) was refused as 'not empty'. Hidden
    entries that init does not write are left as they are; so is the repository when a cut-short init is redone."""
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / ".git/HEAD").write_text("ref: refs/heads/main\n")
    (repo / ".editorconfig").write_text("root = true\n")
    made = init_project(repo)
    assert made == init_project(tmp_path / "fresh") and ".gitignore" in made
    assert (repo / ".git/HEAD").read_text() == "ref: refs/heads/main\n"
    assert (repo / ".editorconfig").read_text() == "root = true\n"
    (repo / "requirements.txt").unlink()  # cut short before its last file
    (repo / ".digest-init-unfinished").write_text("x")
    assert init_project(repo) == made and (repo / ".git/HEAD").is_file()


@pytest.mark.parametrize("existing, named", [(".gitignore", ".gitignore"), (".github/workflows/ci.yml", ".github/"),
                                             (".gitlab-ci.yml", ".gitlab-ci.yml")])
def test_init_refuses_a_hidden_entry_it_would_write_naming_it(tmp_path: Path, existing: str, named: str) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / existing).parent.mkdir(parents=True, exist_ok=True)
    (tmp_path / existing).write_text("mine")
    with pytest.raises(RefusalError) as e:
        init_project(tmp_path)
    assert str(e.value) == (f"{tmp_path}/{named} is there already, and digest init writes it; move it away, or give "
                            "a new or empty folder, so nothing of yours is overwritten")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([".git", existing.split("/")[0]])


@pytest.mark.parametrize("when", [2, 5])
def test_init_killed_half_way_is_finished_by_running_it_again(tmp_path: Path, when: int) -> None:
    """A fault-finder's report: `digest init` killed at a mkdir (SIGKILL injected with strace) left config.yaml
    alone, which `digest init` then refused ("is not empty") and `digest build` could not use; killed later, a
    project without .gitignore or CI files built without a word. Running init again now starts over; a file of
    the editor's put there meanwhile still makes it refuse."""
    import os
    import shutil
    import subprocess
    import sys
    from conftest import need
    need(shutil.which("strace") is not None, "strace is not installed")
    target = tmp_path / "kabar"
    killed = subprocess.run(["strace", "-f", "-qq", "-o", os.devnull, "-e", "trace=mkdir",
                             "-e", f"inject=mkdir:signal=SIGKILL:when={when}", sys.executable, "-m", "generator",
                             "init", str(target)], capture_output=True, text=True, timeout=120)
    assert killed.returncode != 0 and (target / ".digest-init-unfinished").is_file()
    (target / "catatan.txt").write_text("milik editor")
    with pytest.raises(RefusalError):
        init_project(target)
    (target / "catatan.txt").unlink()
    made = init_project(target)
    fresh = tmp_path / "fresh"
    assert made == init_project(fresh)
    assert sorted(p.relative_to(target).as_posix() for p in target.rglob("*")) == \
        sorted(p.relative_to(fresh).as_posix() for p in fresh.rglob("*"))
    assert build_project(target).articles >= 1


def test_init_never_removes_a_file_edited_since_it_was_cut_short(tmp_path: Path) -> None:
    """Attacking the fix above: a project used after all, with the mark left behind, lost every file init had
    made (edited or not, through a linked folder too) and was then refused. Now anything init did not make as it
    makes it (an edit, a shortened file, an article of the editor's, a link) stops it before it removes a thing."""
    target = tmp_path / "kabar"
    outside = tmp_path / "di-luar"

    def edit(name: str) -> None:
        if name == "edited":
            (target / "config.yaml").write_text((target / "config.yaml").read_text() + "# suntingan saya\n")
        elif name == "shortened":
            (target / "config.yaml").write_text("".join((target / "config.yaml").read_text().splitlines(True)[:5]))
        elif name == "article":
            write_files(target, {"content/2025/07/berita-saya.md": article(title="Berita saya")})
        else:
            (target / "content").rename(outside)
            (target / "content").symlink_to(outside)

    for case, named in (("edited", "config.yaml"), ("shortened", "config.yaml"),
                        ("article", "content/2025/07"), ("linked", "content")):
        shutil.rmtree(target, ignore_errors=True)
        shutil.rmtree(outside, ignore_errors=True)
        init_project(target)
        (target / ".digest-init-unfinished").write_text("x")
        edit(case)
        before = sorted(str(p) for p in (*target.rglob("*"), *outside.rglob("*")))
        with pytest.raises(RefusalError) as refused:
            init_project(target)
        assert str(refused.value) == (
            f"{target} holds .digest-init-unfinished, left by a digest init that was cut short, but also {named}, "
            f"which init did not make as it is, so init removes nothing; if the project is yours to keep, delete "
            f"{target}/.digest-init-unfinished"), case
        assert sorted(str(p) for p in (*target.rglob("*"), *outside.rglob("*"))) == before, case


def test_init_help_names_every_file_init_makes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`digest init --help` said config.yaml, content/ and .gitignore; init also writes the CI deploy files and
    requirements.txt, which a maintainer reading the help did not expect in the folder."""
    from generator.commands.cli import main
    made = init_project(tmp_path / "new")
    with pytest.raises(SystemExit):
        main(["init", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    named = {rel if not rel.startswith("content/") else "content/" for rel in made}
    assert named and all(name in shown for name in named), sorted(n for n in named if n not in shown)


def test_new_refuses_a_tag_or_section_another_article_spells_otherwise_on_one_url(tmp_path: Path,
                                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """`--tags kecerdasan-buatan` beside another article's 'Kecerdasan Buatan' was written, and the next build
    stopped: "both make the URL /tags/kecerdasan-buatan/; use one spelling". digest new says it in the build's words
    (reading the other articles' front matter only; a draft's too, which stops the build once published), exit 2,
    and writes nothing; a spelling in another letter case is one tag to the build, and is taken."""
    from generator.commands.cli import main
    make_project(tmp_path, {"2025/05/satu.md": article("Satu", tags="[Kecerdasan Buatan]", section="Amerika Serikat",
                                                       draft="true")})
    config = load_config(tmp_path / "config.yaml")
    with pytest.raises(RefusalError) as e:
        new_article(config, NewArticle("Tes", section="amerika-serikat", tags=("kecerdasan-buatan", "chip")),
                    JUNE_30_EVENING_UTC)
    assert str(e.value) == (
        "--tags: 'kecerdasan-buatan' and 'Kecerdasan Buatan' (in content/2025/05/satu.md) both make the URL "
        "/tags/kecerdasan-buatan/; use one spelling, as that article does: write --tags \"Kecerdasan Buatan,chip\"; "
        "--section: 'amerika-serikat' and 'Amerika Serikat' (in content/2025/05/satu.md) both make the URL "
        "/sections/amerika-serikat/; use one spelling, as that article does: write --section \"Amerika Serikat\"")
    assert not (tmp_path / "content/2025/07").exists()
    assert main(["new", "Tes", "--tags", "KECERDASAN BUATAN", "--section", "amerika serikat", "--config",
                 str(tmp_path / "config.yaml"), "--date", "2025-06-01"]) == 0
    assert main(["new", "Dua", "--tags", "kecerdasan-buatan", "--config", str(tmp_path / "config.yaml"),
                 "--date", "2025-06-01"]) == 2
    # the build names the article it publishes, not the draft
    assert "'kecerdasan-buatan' and 'KECERDASAN BUATAN' (in content/2025/06/tes.md)" in capsys.readouterr().err


@pytest.mark.parametrize("front, config", [
    ('tags: ["K\\u00e9cerdasan Buatan"]', ""), ("tags: [Kécerdasan Buatan]", ""), ("tags:\n- x\n- Kecerdasan  Buatan", ""),
    ("tags: [x,\n  Kecerdasan Buatan]", ""), ("tags: [kecerdasan.buatan] # AI", ""), ("tags: [AI]", 'slugs: {"AI": kecerdasan-buatan}\n'),
    ('"tags": [Kecerdasan Buatan]', ""), ("tags: [Kecerdasan&#45;Buatan]", "")])
def test_new_reads_the_other_articles_names_as_the_build_does(tmp_path: Path, front: str, config: str) -> None:
    """The names are read however the other file writes them: an escape, an accent, a block or multi-line list, a
    quoted key, an HTML entity (which the slug reads as its character), or a slug config.yaml gives."""
    name = "kecerdasan-buatan"
    make_project(tmp_path, {"2025/05/a.md": f"---\ntitle: A\ndate: 2025-05-01\n{front}\n---\nx\n"}, config=CONFIG + config)
    with pytest.raises(RefusalError) as e:
        new_article(load_config(tmp_path / "config.yaml"), NewArticle("Tes", tags=(name,)), JUNE_30_EVENING_UTC)
    assert str(e.value).startswith(f"--tags: '{name}' and '") and "(in content/2025/05/a.md) both make the URL " \
        "/tags/kecerdasan-buatan/" in str(e.value)


@pytest.mark.parametrize("language, zone, message", [
    ("en", "Europe/London", "--date '13 June 2025 9:05 PX' is not a date; write it like 2025-06-13 09:00, as a news page "
                            "prints it: June 13, 2025 9:00 AM, or as a day from today: tomorrow 09:00, 2 days ago"),
    ("id", "Asia/Makassar", "--date '13 June 2025 9:05 PX' is not a date; write it like 2025-06-13 09:00, as a news page "
                            "prints it: 13 Juni 2025 09.00 WITA, or as a day from today: besok 09:00, 2 hari lalu")])
def test_new_date_advice_follows_the_sites_language_and_zone(tmp_path: Path, language: str, zone: str,
                                                              message: str) -> None:
    """The advice always showed Indonesia ('13 Juni 2025 09.00 WIB', 'besok'), whose WIB, followed on a London
    site, is 03:00 BST. A zone name the date field does not read (BST) is left out: the time is the site's."""
    config = load_config(make_project(tmp_path, {}, config=CONFIG + f"language: {language}\ntimezone: {zone}\n")
                         / "config.yaml")
    with pytest.raises(RefusalError) as e:
        new_article(config, NewArticle("Tes", date="13 June 2025 9:05 PX"), JUNE_30_EVENING_UTC)
    assert str(e.value) == message
    advised = "June 13, 2025 9:00 AM" if language == "en" else "13 Juni 2025 09.00 WITA"
    assert advised in message
    new_article(config, NewArticle("Tes", date=advised), JUNE_30_EVENING_UTC)  # followed, it is 09:00 in the site's zone
    written = next((tmp_path / "content/2025/06").iterdir()).read_text()
    assert "\ndate: 2025-06-13T09:00:00+0" + ("1:00\n" if language == "en" else "8:00\n") in written


@pytest.mark.parametrize("spelling, other", [("kecerdasan-buatan", "Kecerdasan Buatan"),
                                             ("Kecerdasan Buatan", "kecerdasan-buatan")])
def test_new_names_the_file_the_build_names_for_a_tag_spelled_otherwise(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, spelling: str,
        other: str) -> None:
    """With the other spelling in several files, digest new named the first by path (2025/01/lama.md), and the build,
    once the article was written, named the newest article the site publishes (2025/05/baru.md): the editor fixed
    one file and met the clash again at another. digest new names the build's: the newest, past a draft and an
    article dated ahead, which the build leaves out."""
    from generator.commands.cli import main
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(JUNE_30_EVENING_UTC.timestamp())))
    make_project(tmp_path, {"2025/01/lama.md": article("Lama", date="2025-01-10", tags=f"[{other}]"),
                            "2025/05/baru.md": article("Baru", date="2025-05-10", tags=f"[{other}]"),
                            "2025/06/draf.md": article("Draf", date="2025-06-20", tags=f"[{other}]", draft="true"),
                            "2025/09/nanti.md": article("Nanti", date="2025-09-01", tags=f"[{other}]")})
    config = str(tmp_path / "config.yaml")
    assert main(["new", "Berita AI", "--tags", spelling, "--config", config]) == 2
    assert capsys.readouterr().err == (f"error: --tags: '{spelling}' and '{other}' (in content/2025/05/baru.md) both "
                                       "make the URL /tags/kecerdasan-buatan/; use one spelling, as that article does: "
                                       f"write --tags {other if ' ' not in other else repr(other).replace(chr(39), chr(34))}\n")
    write_files(tmp_path, {"content/2025/07/berita-ai.md": article("Berita AI", date="2025-07-01",
                                                                   tags=f"[{spelling}]")})
    assert main(["build", "--config", config, "-q"]) == 1
    said = capsys.readouterr().err
    assert "(in content/2025/05/baru.md) both make the URL /tags/kecerdasan-buatan/" in said \
        or "content/2025/05/baru.md:4: field 'tags': " in said, said


@pytest.mark.parametrize("slugs, others, tags, message", [
    ("  ML: ai\n", {}, ("ML", "AI"),
     "--tags: 'ML' and 'AI' both make the URL /tags/ai/: config.yaml:4 gives 'ML' the slug ai (slugs:); if they are "
     "one thing, write only one of them, else give 'ML' another slug there, like ml"),
    ("  AI2: kecerdasan-buatan\n  Artificial Intelligence: kecerdasan-buatan\n", {}, ("AI2", "Artificial Intelligence"),
     "--tags: 'AI2' and 'Artificial Intelligence' both make the URL /tags/kecerdasan-buatan/: config.yaml:4 and "
     "config.yaml:5 give both the slug kecerdasan-buatan (slugs:); if they are one thing, write only one of them, else "
     "give 'Artificial Intelligence' another slug there, like artificial-intelligence"),
    ("  ML: ai\n", {"2025/05/ml.md": "[ML]"}, ("AI",),
     "--tags: 'AI' and 'ML' (in content/2025/05/ml.md) both make the URL /tags/ai/: config.yaml:4 gives 'ML' the slug "
     "ai (slugs:); if they are one thing, write 'ML' in --tags instead, else add \"AI\": ai-2 to slugs: there"),
    ("  ML: ai\n", {"2025/05/ai.md": "[AI]"}, ("ML",),
     "--tags: 'ML' and 'AI' (in content/2025/05/ai.md) both make the URL /tags/ai/: config.yaml:4 gives 'ML' the slug "
     "ai (slugs:); if they are one thing, write 'AI' in --tags instead, else give 'ML' another slug there, like ml"),
])
def test_new_says_which_slugs_entry_makes_a_tag_clash_and_what_to_write(
        tmp_path: Path, slugs: str, others: dict[str, str], tags: tuple[str, ...], message: str) -> None:
    """A clash that config.yaml's slugs: makes (a slug equal to another tag's, two names given one slug) was said in
    words that left out the entry: "'AI' and 'ML' (in …) both make the URL /tags/ai/; give one its own URL …",
    when 'ML' makes /tags/ai/ only through slugs:, or as the build says it at config.yaml, with nothing of --tags.
    It names the entry's line, what clashes with what, and what to write, in --tags or in slugs:."""
    make_project(tmp_path, {rel: article("Lain", date="2025-05-01", tags=names) for rel, names in others.items()},
                 config=CONFIG + "slugs:\n" + slugs)
    with pytest.raises(RefusalError) as e:
        new_article(load_config(tmp_path / "config.yaml"), NewArticle("Tes", tags=tags), JUNE_30_EVENING_UTC)
    assert str(e.value) == message
    assert not (tmp_path / "content/2025/07").exists()


@pytest.mark.parametrize("tags", [("ML", "AI"), ("AI", "ML")])
@pytest.mark.parametrize("published, typed_other, message", [
    ("ML", "AI", "--tags: 'AI' and 'ML' (in content/2025/05/lain.md) both make the URL /tags/ai/: config.yaml:4 gives "
     "'ML' the slug ai (slugs:); if they are one thing, write only 'ML' in --tags, else add \"AI\": ai-2 to slugs: "
     "there"),
    ("AI", "ML", "--tags: 'ML' and 'AI' (in content/2025/05/lain.md) both make the URL /tags/ai/: config.yaml:4 gives "
     "'ML' the slug ai (slugs:); if they are one thing, write only 'AI' in --tags, else give 'ML' another slug there, "
     "like ml"),
])
def test_new_with_two_tags_on_one_url_changes_the_one_no_published_article_has(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tags: tuple[str, str],
        published: str, typed_other: str, message: str) -> None:
    """`--tags "ML, AI"` with slugs: {ML: ai} and a published article tagged ML got two fixes that contradict each
    other ('give ML another slug there, like ml' and 'add "AI": ai-2 to slugs:'); following both moved the published
    /tags/ai/ page and its feeds, with no redirect or warning. It is said once, and the fix changes the typed tag no
    article has: followed, the new article builds, and the published tag's page stays at /tags/ai/."""
    from generator.commands.cli import main
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(JUNE_30_EVENING_UTC.timestamp())))
    make_project(tmp_path, {"2025/05/lain.md": article("Lain", date="2025-05-01", tags=f"[{published}]")},
                 config=CONFIG + "slugs:\n  ML: ai\n")
    config = str(tmp_path / "config.yaml")
    assert main(["new", "Tes", "--tags", ", ".join(tags), "--config", config]) == 2
    assert capsys.readouterr().err == f"error: {message}\n"
    fix = '  ML: ai\n  "AI": ai-2\n' if typed_other == "AI" else "  ML: ml\n"  # as the message says
    (tmp_path / "config.yaml").write_text(CONFIG + "slugs:\n" + fix)
    assert main(["new", "Tes", "--tags", ", ".join(tags), "--config", config]) == 0
    output = build_project(tmp_path).output.files
    assert b"/2025/05/lain/" in output["tags/ai/index.html"]  # the published page has not moved
    moved = "tags/ai-2/index.html" if typed_other == "AI" else "tags/ml/index.html"
    assert b"/2025/07/tes/" in output[moved] and b"/2025/05/lain/" not in output[moved]


def test_new_gives_one_slugs_line_for_every_typed_name_to_give_its_own_url(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An attacker's report: `--tags "C++,F+,🚀"` beside another article's 'C#' and 'F#' was advised 'slugs:
    {"C++": c-plus-plus}', 'slugs: {"F+": f-plus}' and 'slugs: {"🚀": rocket}', which added as written are "field
    'slugs': is defined twice". Every message gives the one line for all, as the build does; followed, the article
    is made and builds, and the other article's pages stay where they are."""
    from generator.commands.cli import main
    make_project(tmp_path, {"2025/05/lain.md": article("Lain", date="2025-05-01", tags='["C#", "F#"]')})
    config = str(tmp_path / "config.yaml")
    assert main(["new", "Dua", "--tags", "C++,F+,🚀", "--config", config, "--date", "2025-06-01"]) == 2
    line = "like 'slugs: {\"C++\": c-plus-plus, \"F+\": f-plus, \"🚀\": rocket}' (one line for all 3 names)"
    assert capsys.readouterr().err == (
        "error: --tags: '🚀' has no letters or digits to make a URL from; spell it out, or give it its own URL in "
        f"config.yaml, {line}; --tags: 'C++' and 'C#' (in content/2025/05/lain.md) both make the URL /tags/c/; give "
        f"one its own URL in config.yaml, {line}, or use one spelling if they are one thing; --tags: 'F+' and 'F#' (in "
        f"content/2025/05/lain.md) both make the URL /tags/f/; give one its own URL in config.yaml, {line}, or use one "
        "spelling if they are one thing\n")
    with open(config, "a", encoding="utf-8") as f:  # as said
        f.write(line.split("'")[1] + "\n")
    assert main(["new", "Dua", "--tags", "C++,F+,🚀", "--config", config, "--date", "2025-06-01"]) == 0
    files = build_project(tmp_path).output.files
    assert b"/2025/05/lain/" in files["tags/c/index.html"] and b"/2025/06/dua/" in files["tags/c-plus-plus/index.html"]
    assert b"/2025/05/lain/" in files["tags/f/index.html"] and "tags/rocket/index.html" in files


@pytest.mark.parametrize("tags, config, said, slugs", [
    ("C,C#", "", "--tags: 'C#' and 'C' both make the URL /tags/c/; give one its own URL in config.yaml, like 'slugs: "
                 "{\"C#\": c-2}', or use one spelling if they are one thing", 'slugs: {"C#": c-2}'),
    ("🚀", "", "--tags: '🚀' has no letters or digits to make a URL from; spell it out, or give it its own URL in "
              "config.yaml, like 'slugs: {\"🚀\": rocket-2}'", 'slugs: {"🚀": rocket-2}'),
    ("AI", "slugs: {ML: ai}\n", "--tags: 'AI' and 'ML' (in content/2025/05/lain.md) both make the URL /tags/ai/: "
                                "config.yaml:3 gives 'ML' the slug ai (slugs:); if they are one thing, write 'ML' in "
                                "--tags instead, else add \"AI\": ai-3 to slugs: there", "slugs: {ML: ai, AI: ai-3}")])
def test_new_suggests_no_slug_another_articles_name_has(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                         tags: str, config: str, said: str, slugs: str) -> None:
    """The slug digest new suggested for a typed name that needs one was checked against the new article's names and
    config.yaml's slugs: alone: beside an article's 'C Sharp', 'Rocket' or 'AI 2' it was c-sharp, rocket or ai-2,
    which followed made the two names one URL. It is none the site's tags, sections or companies have, as the build's
    advice; followed, the article is made and the other article's pages stay where they are."""
    from generator.commands.cli import main
    make_project(tmp_path, {"2025/05/lain.md": article("Lain", date="2025-05-01", section="Rocket",
                                                       tags='["C Sharp", ML, "AI 2"]')}, config=CONFIG + config)
    assert main(["new", "Dua", "--tags", tags, "--config", str(tmp_path / "config.yaml"), "--date", "2025-06-01"]) == 2
    assert capsys.readouterr().err == f"error: {said}\n"
    write_files(tmp_path, {"config.yaml": CONFIG + slugs + "\n"})  # as said
    assert main(["new", "Dua", "--tags", tags, "--config", str(tmp_path / "config.yaml"), "--date", "2025-06-01"]) == 0
    files = build_project(tmp_path).output.files
    assert b"/2025/05/lain/" in files["tags/c-sharp/index.html"] and b"/2025/05/lain/" in files["tags/ai-2/index.html"]
    assert b"/2025/05/lain/" in files["sections/rocket/index.html"]


def test_new_gives_the_whole_tags_argument_to_write_for_spellings_of_other_articles_tags(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An attacker's report: 'write only 'Kecerdasan Buatan' in --tags', followed, dropped the argument's 'data';
    two clashing tags gave two 'write only' clauses that contradict each other. Each message gives the one
    argument that fixes every clash and keeps the other tags, and written so, the article is made."""
    from generator.commands.cli import main
    make_project(tmp_path, {"2025/05/satu.md": article("Satu", date="2025-05-10",
                                                       tags="[Kecerdasan Buatan, Machine Learning]")})
    config = str(tmp_path / "config.yaml")
    assert main(["new", "Dua", "--tags", "kecerdasan-buatan,KECERDASAN_BUATAN,machine-learning,data", "--config", config,
                 "--date", "2025-06-01"]) == 2
    write = 'use one spelling, as that article does: write --tags "Kecerdasan Buatan,Machine Learning,data"'
    assert capsys.readouterr().err == (
        "error: --tags: 'kecerdasan-buatan', 'KECERDASAN_BUATAN' and 'Kecerdasan Buatan' (in content/2025/05/satu.md) "
        f"all make the URL /tags/kecerdasan-buatan/; {write}; --tags: 'machine-learning' and 'Machine Learning' (in "
        f"content/2025/05/satu.md) both make the URL /tags/machine-learning/; {write}\n")
    assert main(["new", "Dua", "--tags", "Kecerdasan Buatan,Machine Learning,data", "--config", config,
                 "--date", "2025-06-01"]) == 0
    written = (tmp_path / "content/2025/06/dua.md").read_text()
    assert 'tags: ["Kecerdasan Buatan", "Machine Learning", "data"]' in written


@pytest.mark.parametrize("typed, said", [
    ("kecerdasan-buatan,KECERDASAN_BUATAN", "'kecerdasan-buatan', 'KECERDASAN_BUATAN' and 'Kecerdasan Buatan' (in "
                                            "content/2025/05/satu.md) all make"),
    ("kecerdasan-buatan,Kecerdasan Buatan", "'kecerdasan-buatan' and 'Kecerdasan Buatan' (in content/2025/05/satu.md) "
                                            "both make")])
def test_new_says_every_typed_spelling_of_another_articles_tag_once_and_which_to_write(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], typed: str, said: str) -> None:
    """A reader's report: two typed spellings beside another article's third gave two messages, each of one typed
    spelling ('use one spelling'), and the editor who kept 'KECERDASAN_BUATAN' was refused again on the next run. One
    message names them all and the spelling to write, and written so, the article is made."""
    from generator.commands.cli import main
    make_project(tmp_path, {"2025/05/satu.md": article("Satu", date="2025-05-10", tags="[Kecerdasan Buatan]")})
    config = str(tmp_path / "config.yaml")
    assert main(["new", "Dua", "--tags", typed, "--config", config, "--date", "2025-06-01"]) == 2
    assert capsys.readouterr().err == (f"error: --tags: {said} the URL /tags/kecerdasan-buatan/; use one spelling, as "
                                       'that article does: write --tags "Kecerdasan Buatan"\n')
    assert not (tmp_path / "content/2025/06").exists()
    assert main(["new", "Dua", "--tags", "Kecerdasan Buatan", "--config", config, "--date", "2025-06-01"]) == 0


@pytest.mark.parametrize("written", ["2025/07/Tes/", "/2025/07/t%65s/", "2025/07/TES"])
def test_new_refuses_an_address_redirects_keep_in_other_letters_or_escaped(tmp_path: Path, written: str) -> None:
    """An attacker's finding: beside an article whose redirects: held '2025/07/Tes/' or '2025/07/t%65s/', digest new
    "Tes" wrote content/2025/07/tes.md, and the next build stopped (the same folder on a case-insensitive disk, the
    same address once decoded): the look-up compared the bytes as written."""
    config = load_config(project(tmp_path) / "config.yaml")
    write_files(tmp_path, {"content/2025/07/tes-baru.md": article(title="Tes baru", date="2025-07-01T10:00:00+07:00",
                                                                  redirects=f'["{written}"]')})
    with pytest.raises(RefusalError) as e:
        new_article(config, NewArticle("Tes"), JUNE_30_EVENING_UTC)
    shown = written if written.endswith("/") else written + "/"
    assert str(e.value) == (f"content/2025/07/tes-baru.md keeps the address /2025/07/tes/ in its redirects: (written "
                            f"{shown}, which the build takes for it: the article was there before); give the new "
                            "article another title, or remove the address from those redirects if the old links "
                            "should lead here instead")
    assert not (tmp_path / "content/2025/07/tes.md").exists()
