"""What each page kind shows a reader: language, pagination, company details, archives, 404."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import CONFIG, FIXTURE_SITE, article, build_project, make_project, png_header, truncated_jpeg, write_files
from generator.build import BuildResult
from generator.core.errors import BuildError
from generator.core.urls import link_target


def picture(path: Path, size: tuple[int, int] = (60, 40)) -> None:
    """A real image file of ``size`` pixels, in the format its name says."""
    from PIL import Image
    Image.new("RGB", size, "red").save(path)


FILES = {p: d.decode() for p, d in build_project(FIXTURE_SITE).output.files.items() if p.endswith(".html")}


def test_pagination_links_both_ways_under_the_base_path() -> None:
    assert '<a rel="next" href="/digest/page/2/">Lebih lama »</a>' in FILES["index.html"]
    assert 'rel="prev"' not in FILES["index.html"]
    page2 = FILES["page/2/index.html"]
    assert '<a rel="prev" href="/digest/">« Lebih baru</a>' in page2 and "Halaman 2 dari 2" in page2


def test_a_company_page_shows_the_registry_entry_and_its_feed() -> None:
    page = FILES["companies/meta/index.html"]
    assert "<h1>Perusahaan: <bdi>Meta</bdi></h1>" in page
    assert '<p class="lead" dir="auto">Induk Facebook, Instagram dan WhatsApp.</p>' in page
    assert '<a href="https://about.meta.com/" rel="external noopener">Situs resmi: <bdi>Meta</bdi></a>' in page
    assert 'href="/digest/companies/meta/feed.xml"' in page
    # a company not in the registry: its page tells readers nothing about the editors' registry file
    assert "registri" not in FILES["companies/nusantara-data/index.html"]


def test_an_article_links_its_source_tags_companies_and_section() -> None:
    page = FILES["2025/06/google-mundur/index.html"]
    assert '<a href="https://www.reuters.com/" rel="external noopener">Baca artikel selengkapnya di <bdi>Reuters</bdi></a>' in page
    assert '<a href="/digest/companies/google/"><bdi>Google</bdi> <span class="count" data-pagefind-ignore>· 1</span></a>' in page
    assert '<a href="/digest/tags/ai/"><bdi>AI</bdi> <span class="count" data-pagefind-ignore>· 3</span></a>' in page
    assert '<li><a href="/digest/sections/amerika-serikat/" data-pagefind-meta="section" dir="auto">Amerika Serikat</a></li>' in page  # breadcrumb
    # written as a date alone: shown so, not as "00:00 WIB", a time nobody gave
    assert '<time datetime="2025-06-14T00:00:00+07:00" data-rel="day" data-tz="Asia/Jakarta" data-pagefind-meta="date">14 Juni 2025</time>' in page


def test_a_year_page_lists_its_months_with_counts() -> None:
    page = FILES["2025/index.html"]
    assert '<a href="/digest/2025/07/">Juli 2025</a> <span class="count">(2)</span>' in page
    assert '<a href="/digest/2025/06/">Juni 2025</a> <span class="count">(2)</span>' in page


def test_the_404_page_has_no_canonical_link() -> None:
    assert "<h1>Halaman tidak ditemukan</h1>" in FILES["404.html"] and "canonical" not in FILES["404.html"]


def test_english_sites_get_english_words_and_dates(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/a.md": article(title="Hello", source="{name: Reuters, url: 'https://www.reuters.com/'}")},
                 config="title: T\nbase_url: https://example.org/\nlanguage: en\n")
    page = build_project(tmp_path).output.files["2025/06/a/index.html"].decode()
    assert page.startswith('<!doctype html>\n<html lang="en">')
    assert "Read the whole article at <bdi>Reuters</bdi>" in page and "June 13, 2025" in page


def test_an_image_that_no_static_file_gives_is_a_warning_with_the_likely_file(tmp_path: Path) -> None:
    """The page showed a broken image and the build said nothing (only `digest check` knew): a camera's
    'Foto-Batam.JPG' written as 'foto-batam.jpg' is the usual slip."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A", image="images/foto-batam.jpg", image_alt="Foto"),
                            "2025/06/b.md": article(title="B", image="images/kantor.png", image_alt="Kantor"),
                            "2025/06/c.md": article(title="C", image="https://cdn.example/x.jpg", image_alt="X")})
    (tmp_path / "static/images").mkdir(parents=True)
    (tmp_path / "static/images/Foto-Batam.JPG").write_bytes(b"not checked here")
    assert [str(p) for p in build_project(tmp_path).warnings] == [
        "content/2025/06/a.md:4: field 'image': warning: images/foto-batam.jpg is not a file in static/, so the "
        "article would show a broken image; did you mean image: images/Foto-Batam.JPG?",
        "content/2025/06/b.md:4: field 'image': warning: images/kantor.png is not a file in static/, so the article "
        "would show a broken image; put the file at static/images/kantor.png"]


def _body_image_warnings(result: BuildResult) -> list[str]:
    return [str(p) for p in result.warnings if "image" in p.message or "<img" in p.message]


def test_a_removed_raw_img_is_said_at_its_own_line_not_at_a_markdown_image_of_the_same_address(
        tmp_path: Path) -> None:
    """Testers' reports: the warning named the line of an earlier Markdown image whose address held the raw <img>'s,
    or of the same tag shown as code or in a comment, or of another tag's alt; and a second removed tag of the same
    address was said only once the first was fixed."""
    body = ('![foto](/images/foto.png)\n\nParagraf kedua.\n\n```\n<img src="images/foto.png">\n```\n\n'
            '<!-- <img src="images/foto.png"> -->\n\nTeks dengan\n<img alt="images/foto.png" src="images/foto.png"> '
            'di tengah.\n\n<img src="images/foto.png">\n\n![lagi](/images/peta.png)\n\n<p><img alt="peta"\n'
            '  src="images/peta.png"></p>\n\nKode `satu\ndua` lalu <img src="images/a.png">\n\n<span\nclass="x"></span> '
            '<img src="images/b.png">\n\n[x](https://example.com\n"judul") <img src="images/c.png">\n')
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body=body)})
    (tmp_path / "static/images").mkdir(parents=True)
    for name in ("foto.png", "peta.png"):
        picture(tmp_path / "static/images" / name)
    fix = "removed: a raw <img> needs an address from the site's root or https://; for static/images/"
    found = [(p.line, p.message) for p in build_project(tmp_path).warnings if "<img" in p.message]
    assert sorted(found) == [  # a tag over two lines: its first line
        (16, f'<img src="images/foto.png"> {fix}foto.png write src="/images/foto.png"'),
        (18, f'<img src="images/foto.png"> {fix}foto.png write src="/images/foto.png"'),
        (22, f'<img src="images/peta.png"> {fix}peta.png write src="/images/peta.png"'),
        (26, f'<img src="images/a.png"> {fix}a.png write src="/images/a.png"'),  # a line a code span went on to
        (29, f'<img src="images/b.png"> {fix}b.png write src="/images/b.png"'),
        (32, f'<img src="images/c.png"> {fix}c.png write src="/images/c.png"')]


def test_a_removed_raw_img_under_a_sub_path_is_told_the_address_with_it(tmp_path: Path) -> None:
    """The advice was src="/x.png" under base_url https://example.org/digest/, where the README (and the Markdown
    image's warning) says /digest/x.png."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body='<img src="images/x.png">\n')},
                 config="title: T\nbase_url: https://example.org/digest/\n")
    write_files(tmp_path, {"content/weekly/2025-W24.md": 'Catatan <img src="images/x.png">\n'})
    assert sorted(str(p) for p in build_project(tmp_path).warnings if "<img" in p.message) == [
        f"{rel}: warning: <img src=\"images/x.png\"> removed: a raw <img> needs an address from the site's root or "
        "https://; for static/images/x.png write src=\"/digest/images/x.png\"" for rel in
        ("content/2025/06/a.md:5", "content/weekly/2025-W24.md:1")]


def test_a_body_image_that_no_file_gives_is_a_warning_at_its_line_with_the_likely_file(tmp_path: Path) -> None:
    """`![Foto](images/batam.jpg)`, written as the `image:` field takes it, is read from the article's address
    (a broken image); a camera's `Batam.JPG` written in lower case; a file never put in static/; a `static/`
    in the address. Each only `digest check` knew of; an image of a page (`/tags/`), a static file and a remote
    image are quiet. A raw `<img>` with a relative address vanished without a word."""
    body = ("Paragraf.\n\n![Foto](images/batam.jpg)\n\n![Kantor](/images/kantor.jpg)\n\n![Logo](/images/logo.png)\n\n"
            "![Lagi](/static/images/logo.png)\n\n![Baik](/images/logo.png) ![Luar](https://cdn.example/x.jpg)\n\n"
            '<p>Teks <img src="pic/x.png" alt="x"> lagi</p>\n\n![Foto lagi](images/batam.jpg)\n')
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body=body)})
    (tmp_path / "static/images").mkdir(parents=True)
    (tmp_path / "static/images/batam.jpg").write_bytes(b"x")
    (tmp_path / "static/images/Kantor.JPG").write_bytes(b"x")
    picture(tmp_path / "static/images/logo.png")
    path = "content/2025/06/a.md"
    tail = "which is not a file of the site, so the page shows a broken image;"
    expected = [
        f"{path}:7: warning: the image 'images/batam.jpg' points at /2025/06/a/images/batam.jpg, {tail} did you mean "
        "/images/batam.jpg (static/images/batam.jpg)?",
        f"{path}:9: warning: the image '/images/kantor.jpg' points at /images/kantor.jpg, {tail} did you mean "
        "/images/Kantor.JPG (static/images/Kantor.JPG)?",
        f"{path}:13: warning: the image '/static/images/logo.png' points at /static/images/logo.png, {tail} did you "
        "mean /images/logo.png (static/images/logo.png)?",
        f"{path}:17: warning: <img src=\"pic/x.png\"> removed: a raw <img> needs an address from the site's root or "
        "https://; for static/pic/x.png write src=\"/pic/x.png\"",
        f"{path}:19: warning: the image 'images/batam.jpg' points at /2025/06/a/images/batam.jpg, {tail} did you mean "
        "/images/batam.jpg (static/images/batam.jpg)?"]  # each line that writes it: fixing one, the editor sees all
    assert sorted(_body_image_warnings(build_project(tmp_path))) == sorted(expected)
    (tmp_path / "static/images/logo.png").unlink()
    (tmp_path / "static/images/lain.gif").write_bytes(b"x")
    found = _body_image_warnings(build_project(tmp_path))
    assert f"{path}:11: warning: the image '/images/logo.png' points at /images/logo.png, {tail} put the file at " \
           "static/images/logo.png" in found


def test_a_relative_body_image_no_file_is_like_is_told_where_to_put_it(tmp_path: Path) -> None:
    """An editor's report: `![Peta](../../../images/nope.jpg)`, which already points at /images/nope.jpg, was told
    "write the address from the site's root: /images/nope.jpg for static/images/nope.jpg", the address it had, and
    a file that does not exist named as if it did."""
    body = "Paragraf.\n\n![Peta](../../../images/nope.jpg)\n\n![Peta3](nope3.jpg)\n"
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body=body)})
    tail = "which is not a file of the site, so the page shows a broken image;"
    assert sorted(_body_image_warnings(build_project(tmp_path))) == [
        f"content/2025/06/a.md:7: warning: the image '../../../images/nope.jpg' points at /images/nope.jpg, {tail} "
        "put the file at static/images/nope.jpg",
        f"content/2025/06/a.md:9: warning: the image 'nope3.jpg' points at /2025/06/a/nope3.jpg, {tail} put the file "
        "at static/nope3.jpg and write /nope3.jpg (an address without a leading '/' is read from the page's own "
        "address)"]



def test_a_body_image_at_an_address_of_the_sites_own_host_is_checked_as_the_path_it_names(tmp_path: Path) -> None:
    """An editor's report: `![g](https://example.org/images/x.png)` on a site at https://example.org/, with no such
    file, got no word from digest build or digest check (only path-form addresses were checked): a broken image on
    the page. It is checked as the path it names (/images/x.png), with the same message; one the site has gets its
    size; another host's is quiet."""
    body = ("Paragraf.\n\n![g](https://example.org/grafik/harga.webp)\n\n![h](//EXAMPLE.org/images/logo.jpg)\n\n"
            "![Ada](https://example.org/images/foto-kantor.png) ![Luar](https://cdn.example/images/x.png)\n")
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body=body)})
    (tmp_path / "static/images").mkdir(parents=True)
    picture(tmp_path / "static/images/foto-kantor.png")
    picture(tmp_path / "static/images/logo.png")
    tail = "which is not a file of the site, so the page shows a broken image;"
    result = build_project(tmp_path)
    assert sorted(_body_image_warnings(result)) == [
        f"content/2025/06/a.md:7: warning: the image 'https://example.org/grafik/harga.webp' points at "
        f"/grafik/harga.webp, {tail} put the file at static/grafik/harga.webp",
        f"content/2025/06/a.md:9: warning: the image '//EXAMPLE.org/images/logo.jpg' points at /images/logo.jpg, "
        f"{tail} did you mean /images/logo.png (static/images/logo.png)?"]
    assert '<img src="https://example.org/images/foto-kantor.png" width="60" height="40"' in \
        result.output.files["2025/06/a/index.html"].decode()
    from test_check import check_json
    said = [(p["line"], p["message"].split(" points")[0]) for p in check_json(tmp_path)["problems"]]
    assert sorted(said) == [(7, "the image 'https://example.org/grafik/harga.webp'"),
                            (9, "the image '//EXAMPLE.org/images/logo.jpg'")]


def test_a_videos_or_sounds_address_no_file_gives_is_a_build_warning(tmp_path: Path) -> None:
    """An attacker's report: a raw <video src="klip.mp4"> (read from the page's own address) or <video
    src="/media/tidakada.mp4"> (never put in static/) was published without a word from digest build: a dead player on
    the page and a 404 in feeds, while a raw <img> with such an address got a warning at its line. A <video>'s,
    <audio>'s, <source>'s or <track>'s address and a video's poster get the image's warning, with the file to put or
    the address to write; one a static file gives, or a remote one, is quiet. digest check says each once."""
    body = ('Pembuka.\n\n<video src="klip.mp4" controls></video>\n\n<video src="/media/tidakada.mp4" '
            'poster="/media/sampul.jpg" controls></video>\n\n<audio controls><source src="/media/ada.mp3">'
            '<track src="/media/teks.vtt" kind="captions"></audio>\n\n<video src="/media/ada.mp4" '
            'poster="https://cdn.example/p.jpg" controls></video>\n')
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body=body)})
    write_files(tmp_path, {"static/media/ada.mp3": "x", "static/media/ada.mp4": "x"})
    tail = "which is not a file of the site, so readers get a player that cannot load it;"
    path = "content/2025/06/a.md"
    expected = [
        f"{path}:7: warning: the <video> address 'klip.mp4' points at /2025/06/a/klip.mp4, {tail} put the file at "
        "static/klip.mp4 and write /klip.mp4 (an address without a leading '/' is read from the page's own address)",
        f"{path}:9: warning: the <video> address '/media/tidakada.mp4' points at /media/tidakada.mp4, {tail} did you "
        "mean /media/ada.mp4 (static/media/ada.mp4)?",
        f"{path}:9: warning: the <video> poster '/media/sampul.jpg' points at /media/sampul.jpg, {tail} put the file "
        "at static/media/sampul.jpg",
        f"{path}:11: warning: the <track> address '/media/teks.vtt' points at /media/teks.vtt, {tail} put the file at "
        "static/media/teks.vtt"]
    assert sorted(str(p) for p in build_project(tmp_path).warnings if "player" in p.message) == sorted(expected)
    from test_check import check_json
    said = [(p["line"], p["message"].split(" points")[0]) for p in check_json(tmp_path)["problems"]]
    assert sorted(said) == [(7, "the <video> address 'klip.mp4'"), (9, "the <video> address '/media/tidakada.mp4'"),
                            (9, "the <video> poster '/media/sampul.jpg'"), (11, "the <track> address '/media/teks.vtt'")]


def test_a_players_missing_address_written_by_two_tags_names_the_tag_at_each_line(tmp_path: Path) -> None:
    """A video's poster and, below it, a sound's source naming the same missing file: the warning at the sound's line
    said 'the <video> poster', the first tag in the body that wrote the address. Each line names its own tag, as
    digest check does."""
    body = ('Pembuka.\n\n<video controls poster="/media/klip.mp4"></video>\n\n'
            '<audio controls src="/media/klip.mp4"></audio>\n')
    assert klip_warnings(tmp_path, body) == [(7, "<video> poster"), (9, "<audio> address")]


def klip_warnings(tmp_path: Path, body: str) -> list[tuple[int, str]]:
    """The build's warnings of an article with ``body`` whose players name the missing /media/klip.mp4: each line,
    and what the warning says is there ('<video> poster'), checking the rest of the message."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body=body)})
    tail = " '/media/klip.mp4' points at /media/klip.mp4, which is not a file of the site, so readers get a player " \
           "that cannot load it; put the file at static/media/klip.mp4"
    said = [p for p in build_project(tmp_path).warnings if "player" in p.message]
    assert [(p.path, p.message.startswith("the ") and p.message.endswith(tail)) for p in said] == [
        ("content/2025/06/a.md", True)] * len(said)
    return [(p.line, p.message.removeprefix("the ").removesuffix(tail)) for p in said]


def test_a_players_missing_address_a_link_also_writes_is_warned_at_the_players_lines_only(tmp_path: Path) -> None:
    """A Markdown link above a <video> of the same missing file: the build put the video's warning on the link's
    line too, where no player is. It is at the player's lines only (one with a link beside it included), as in
    digest check, which tells the link apart."""
    body = ('Tonton [klipnya](/media/klip.mp4) dulu.\n\n<video controls src="/media/klip.mp4"></video>\n\n'
            'Atau [unduh](/media/klip.mp4): <audio controls src="/media/klip.mp4"></audio>\n')
    assert klip_warnings(tmp_path, body) == [(7, "<video> address"), (9, "<audio> address")]
    from test_check import check_json
    assert sorted((p["line"], p["message"].split(" points")[0]) for p in check_json(tmp_path)["problems"]) == [
        (5, "the link '/media/klip.mp4'"), (7, "the <video> address '/media/klip.mp4'"),
        (9, "the <audio> address '/media/klip.mp4'"), (9, "the link '/media/klip.mp4'")]


def test_a_remote_body_image_is_not_fetched_and_keeps_the_size_a_raw_img_gives_it(tmp_path: Path) -> None:
    """As the README says: a Markdown image from another site gets no width or height (the build fetches nothing),
    so it takes its room when it arrives; a raw <img> with its own size keeps it, and neither is a warning."""
    body = ('![Peta](https://cdn.example.org/peta.jpg)\n\n'
            '<img src="https://cdn.example.org/peta.jpg" alt="Peta" width="800" height="450">\n')
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body=body)})
    result = build_project(tmp_path)
    page = result.output.files["2025/06/a/index.html"].decode()
    assert re.findall(r'<img src="https://cdn[^>]*>', page) == [
        '<img src="https://cdn.example.org/peta.jpg" alt="Peta" loading="lazy" decoding="async">',
        '<img src="https://cdn.example.org/peta.jpg" alt="Peta" width="800" height="450" loading="lazy" '
        'decoding="async">']
    assert result.warnings == ()


def test_a_players_missing_address_an_image_also_writes_is_warned_at_each_ones_own_lines(tmp_path: Path) -> None:
    """A raw <img> and a Markdown image above a <video> of the same missing file: the build warned of the video at
    the <img>'s line (the first line that wrote the address), and of the images at the video's line ('the <video>
    address ... shows a broken image'), leaving the Markdown image unnamed; digest check called the <img> a video
    and the Markdown image a link. Each is named at its own line, by both commands."""
    body = ('<img src="/media/klip.mp4" alt="Klip">\n\nGambar ![klip [1]](/media/klip.mp4).\n\n'
            '<video controls src="/media/klip.mp4"></video>\n')
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body=body)})
    path = "content/2025/06/a.md"
    image = ("warning: the image '/media/klip.mp4' points at /media/klip.mp4, which is not a file of the site, so the "
             "page shows a broken image; put the file at static/media/klip.mp4")
    video = ("the <video> address '/media/klip.mp4' points at /media/klip.mp4, which is not a file of the site, so "
             "readers get a player that cannot load it; put the file at static/media/klip.mp4")
    assert [str(p) for p in build_project(tmp_path).warnings] == [f"{path}:5: {image}", f"{path}:7: {image}",
                                                                   f"{path}:9: warning: {video}"]
    from test_check import check_json
    assert [(p["line"], p["severity"], p["message"]) for p in check_json(tmp_path)["problems"]] == [
        (5, "warning", image.removeprefix("warning: ")), (7, "warning", image.removeprefix("warning: ")),
        (9, "error", "the <video> address '/media/klip.mp4' points at /media/klip.mp4, which is not a page or file of "
                     "the site; fix the address")]


def test_a_players_address_written_unquoted_or_with_entities_is_warned_at_each_line_that_writes_it(
        tmp_path: Path) -> None:
    """The lines a player's missing file is warned at were found only where the address follows '(', '<', a quote or
    ']:' (a Markdown link's or a quoted attribute's forms): an unquoted src=/media/x.ogg written twice was warned at
    its first line only, and an address written with entities (&#x2F;) at the body's first line, far from its tag.
    Both are found as the HTML parser reads them, in the build's warnings and in digest check's."""
    body = ('Pembuka.\n\n<audio controls><source src=/media/x.ogg></audio>\n\n<video controls>'
            '<source src=/media/x.ogg type=audio/ogg></video>\n\n<video controls poster="&#x2F;media&#x2F;p.jpg">'
            '</video>\n')
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body=body)})
    said = sorted((p.line, p.message.split(" points")[0]) for p in build_project(tmp_path).warnings
                  if "player" in p.message)
    assert said == [(7, "the <source> address '/media/x.ogg'"), (9, "the <source> address '/media/x.ogg'"),
                    (11, "the <video> poster '/media/p.jpg'")]
    from test_check import check_json
    assert sorted((p["line"], p["message"].split(" points")[0]) for p in check_json(tmp_path)["problems"]) == said


def test_a_link_to_an_articles_file_is_a_build_warning_with_its_address(tmp_path: Path) -> None:
    """Hugo's `ref`, Zola's `@/` and Pelican's `{filename}` link an article by its file; here that link was broken
    on the site with no word from `digest build` (only `digest check` said so). Each one that names an article's
    or a page's file or a weekly note's (written from the file's folder, from content/ or the site's root, with or
    without the base path), from the body of an article, a page or a weekly note, is a warning at its line with the
    address to write; so is one naming no such file (a 404 all the same); a rebuild after another article's edit
    (the others taken from the cache) still warns, and the fixed link is quiet."""
    body = ("Paragraf.\n\nLihat [dulu](../05/meta.md#latar), [lagi](/2025/05/meta.md) dan [hilang](lain.md).\n\n"
            "Juga [catatan](../../weekly/2025-W24.md) dan [sub](/digest/2025/05/meta.md).\n")
    make_project(tmp_path, {"2025/05/meta.md": article(title="Meta", date="2025-05-01"),
                            "2025/06/a.md": article(title="A", body=body), "2025/06/b.md": article(title="B")},
                 config="title: T\nbase_url: https://example.org/digest/\n")
    write_files(tmp_path, {"content/pages/tentang.md": "---\ntitle: Tentang\n---\nBaca [A](../2025/06/a.md).\n",
                           "content/weekly/2025-W24.md": "Baca [tentang](../pages/tentang.md).\n"})
    tail = "names a Markdown file, which readers cannot open; link its page's address:"
    expected = [
        f"content/2025/06/a.md:7: warning: the link '../05/meta.md#latar' {tail} /digest/2025/05/meta/#latar "
        "(content/2025/05/meta.md)",
        f"content/2025/06/a.md:7: warning: the link '/2025/05/meta.md' {tail} /digest/2025/05/meta/ "
        "(content/2025/05/meta.md)",
        "content/2025/06/a.md:7: warning: the link 'lain.md' names no article's or page's file, and points at "
        "/digest/2025/06/a/lain.md, which is not a page or file of the site, so readers get a broken link; link the "
        "address of the page you mean (/digest/YYYY/MM/slug/ for an article), not a Markdown file",
        f"content/2025/06/a.md:9: warning: the link '../../weekly/2025-W24.md' {tail} /digest/weekly/2025-W24/ "
        "(content/weekly/2025-W24.md)",
        f"content/2025/06/a.md:9: warning: the link '/digest/2025/05/meta.md' {tail} /digest/2025/05/meta/ "
        "(content/2025/05/meta.md)",
        f"content/pages/tentang.md:4: warning: the link '../2025/06/a.md' {tail} /digest/2025/06/a/ "
        "(content/2025/06/a.md)",
        f"content/weekly/2025-W24.md:1: warning: the link '../pages/tentang.md' {tail} /digest/tentang/ "
        "(content/pages/tentang.md)"]

    def warned() -> list[str]:
        return sorted(str(p) for p in publish(load_config(tmp_path / "config.yaml"), BuildOptions(),
                                              tmp_path / "site").result.warnings if "Markdown file" in p.message)

    from generator.core.models import BuildOptions
    from generator.load.config import load_config
    from generator.write.publish import publish
    assert warned() == expected
    (tmp_path / "content/2025/06/b.md").write_text(article(title="B", body="Isi baru.\n"))
    assert warned() == expected
    (tmp_path / "content/2025/06/a.md").write_text(article(title="A", body="Lihat [dulu](/digest/2025/05/meta/).\n"))
    assert warned() == expected[5:]


LINES_BODY = """Jangan tulis `[x](../05/meta.md)` seperti ini, atau ![g](/images/a.png) di `![g](/images/a.png)`.

Contoh yang salah: [y](../05/meta.md).

[a](../05/café-baru.md) dan lagi [dua](../05/meta.md)

```
[z](baru.md) ![g](/images/a.png)
```

[b](baru.md "judul")

Lalu ![salah](/images/a.png) kemudian.
"""


def test_warnings_are_at_every_line_that_writes_the_address_and_only_there(tmp_path: Path) -> None:
    """A reader's report: the warning for a link or image went to the first line where its address appeared as
    text, in a code span or inside a longer address ('baru.md' in 'café-baru.md'), and a second use of it went
    unreported, so the editor fixed one and the next build found another; a name typed with 'é', which the HTML
    %-encodes, was put at the body's first line. Now: each line that writes it as an address, outside code."""
    make_project(tmp_path, {"2025/05/meta.md": article(title="Meta", date="2025-05-01"),
                            "2025/05/café-baru.md": article(title="Kafe", date="2025-05-02"),
                            "2025/07/baru.md": article(title="Baru", date="2025-07-02"),
                            "2025/07/kode.md": article(title="Kode", date="2025-07-01", body=LINES_BODY)},
                 config="title: T\nbase_url: https://example.org/digest/\n")
    found = sorted((p.line, p.message.split(" ")[2]) for p in build_project(tmp_path).warnings
                   if p.path == "content/2025/07/kode.md")
    assert found == [(5, "'/images/a.png'"), (7, "'../05/meta.md'"), (9, "'../05/café-baru.md'"),
                     (9, "'../05/meta.md'"), (15, "'baru.md'"), (17, "'/images/a.png'")]


def test_local_body_images_get_their_size_so_the_text_does_not_jump(tmp_path: Path) -> None:
    """A chart or photo from static/ in a body came without width and height, so a phone laid the text out, then
    pushed it down as each image arrived. Now each gets the file's size (CSS scales it to the column), written from
    the site's root or from the page's own address; a remote image and a raw <img> that gives its own size are left
    alone. The size follows the file: a rebuild after it is replaced, and one after another article's body is
    edited (only that article's pages planned), give a cold build's bytes."""
    from test_publish import cold, run, tree
    body = ("Paragraf.\n\n![Grafik](/digest/images/grafik.png)\n\n![Foto](../../../images/foto.jpg)\n\n"
            "![Luar](https://cdn.example/x.jpg)\n\n"
            '<p><img src="/digest/images/grafik.png" alt="Kecil" width="10" height="5"></p>\n')
    root = tmp_path / "p"
    make_project(root, {"2025/06/a.md": article(title="A", body=body), "2025/06/b.md": article(title="B")},
                 config="title: T\nbase_url: https://example.org/digest/\n")
    (root / "static/images").mkdir(parents=True)
    picture(root / "static/images/grafik.png", (640, 360))
    picture(root / "static/images/foto.jpg", (300, 400))
    run(root)
    shown = re.findall(r"<img [^>]*>", (root / "site/2025/06/a/index.html").read_text())
    assert shown == [
        '<img src="/digest/images/grafik.png" width="640" height="360" alt="Grafik" loading="lazy" decoding="async">',
        '<img src="../../../images/foto.jpg" width="300" height="400" alt="Foto" loading="lazy" decoding="async">',
        '<img src="https://cdn.example/x.jpg" alt="Luar" loading="lazy" decoding="async">',
        '<img src="/digest/images/grafik.png" alt="Kecil" width="10" height="5" loading="lazy" decoding="async">']
    picture(root / "static/images/grafik.png", (800, 200))
    run(root)
    assert 'width="800" height="200" alt="Grafik"' in (root / "site/2025/06/a/index.html").read_text()
    assert tree(root / "site") == cold(root, tmp_path)
    (root / "content/2025/06/b.md").write_text(article(title="B", body="Isi baru.\n"))
    run(root)
    assert tree(root / "site") == cold(root, tmp_path)


def test_an_svg_that_says_its_size_gets_it_and_one_that_does_not_is_left_to_the_browser(tmp_path: Path) -> None:
    """An SVG chart in a body, or as an article's image, had no size on the page (Pillow does not read SVG), so
    the text jumped when it came. One that declares its width and height in pixels or points gets them; one whose
    size is relative or only a viewBox is left alone (a width on the <img> would change how big it is shown), as
    is one that does not parse; none is an error, and an entity in it is not expanded."""
    svg = '<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}"><rect width="1" height="1"/></svg>'
    body = "".join(f"![{n}](/images/{n}.svg)\n\n" for n in ("px", "pt", "persen", "viewbox", "rusak"))
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body=body),
                            "2025/06/b.md": article(title="B", image="images/px.svg", image_alt="Bagan")})
    write_files(tmp_path, {"static/images/px.svg": svg.format("640", "360px"),
                           "static/images/pt.svg": '<?xml version="1.0"?>\n<!DOCTYPE svg [<!ENTITY a "aaaa">]>\n'
                                                   + svg.format("48pt", "30pt").replace("<rect", "<text>&a;</text><rect"),
                           "static/images/persen.svg": svg.format("100%", "50"),
                           "static/images/viewbox.svg": '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 4"/>',
                           "static/images/rusak.svg": "<svg width='3' height="})
    result = build_project(tmp_path)
    files = result.output.files
    assert _body_image_warnings(result) == []
    shown = re.findall(r"<img [^>]*>", files["2025/06/a/index.html"].decode())
    assert [re.sub(r' (loading|decoding)="[a-z]+"', "", i) for i in shown] == [
        '<img src="/images/px.svg" width="640" height="360" alt="px">',
        '<img src="/images/pt.svg" width="64" height="40" alt="pt">',
        '<img src="/images/persen.svg" alt="persen">', '<img src="/images/viewbox.svg" alt="viewbox">',
        '<img src="/images/rusak.svg" alt="rusak">']
    assert '<img src="/images/px.svg" alt="Bagan" width="640" height="360" decoding="async">' in \
        files["2025/06/b/index.html"].decode()


def test_a_body_image_that_is_a_symbolic_link_gets_no_size_from_a_file_the_site_does_not_have(tmp_path: Path) -> None:
    """static/images/baru.png, a symbolic link to another image there, is not copied to the site (no link in
    static/ is), yet the page took that image's size while the build warned the address was no file of the
    site. Now the page gets no size for it, as for any image the site does not have, and the warning stands."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body="Paragraf.\n\n![Baru](/images/baru.png)\n")})
    (tmp_path / "static/images").mkdir(parents=True)
    picture(tmp_path / "static/images/lama.png", (120, 130))
    (tmp_path / "static/images/baru.png").symlink_to("lama.png")
    result = build_project(tmp_path)
    assert '<img src="/images/baru.png" alt="Baru" loading="lazy"' in result.output.files["2025/06/a/index.html"].decode()
    assert [p.line for p in result.warnings if "'/images/baru.png' points at" in p.message] == [7]


def test_a_body_image_that_cannot_be_read_is_a_warning_at_its_line(tmp_path: Path) -> None:
    """A body's image that is a file of static/ but not an image (a web page saved as .png) showed a broken image
    without a word. It is a warning at its line (an ``image:`` field's is an error: its smaller copies are made),
    kept by a rebuild after another article's edit, and the page is built without a size for it."""
    body = "Paragraf.\n\n![Grafik](/images/grafik.png)\n"
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body=body), "2025/06/b.md": article(title="B")})
    (tmp_path / "static/images").mkdir(parents=True)
    (tmp_path / "static/images/grafik.png").write_bytes(b"<html>not found</html>")
    warning = ("content/2025/06/a.md:7: warning: the image '/images/grafik.png' is static/images/grafik.png, so the "
               "page shows a broken image: the file is not a PNG (nor an image of any kind digest reads); save it "
               "again from the original, or remove it")
    result = build_project(tmp_path)
    assert _body_image_warnings(result) == [warning]
    assert '<img src="/images/grafik.png" alt="Grafik" loading="lazy"' in result.output.files["2025/06/a/index.html"].decode()
    (tmp_path / "content/2025/06/b.md").write_text(article(title="B", body="Isi baru.\n"))
    assert _body_image_warnings(build_project(tmp_path)) == [warning]


def test_links_and_images_with_a_stray_bracket_are_warned_of_not_a_traceback(tmp_path: Path) -> None:
    """A raw `<img src="ftp://[q/a.png">` made the build and check die in urlsplit ("Invalid IPv6 URL")."""
    body = 'Isi [y](http://[bad/) dan ![x](ftp://[bad/x.png) <img src="ftp://[q/a.png"> <a href="http://[z/">z</a>\n'
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body=body)})
    assert _body_image_warnings(build_project(tmp_path)) == [
        "content/2025/06/a.md:5: warning: <img src=\"ftp://[q/a.png\"> removed: a raw <img> needs an address from the "
        "site's root (/images/name.jpg is static/images/name.jpg) or one starting with https://"]
    assert link_target("https://example.org/", "/", "2025/06/a/", "http://[bad/") is None


def test_a_raw_img_warning_names_the_sites_own_static_folder(tmp_path: Path) -> None:
    """With `static_dir: aset`, the file to make is aset/foto.png, in an article, a page and a weekly note alike
    (the warning said static/foto.png, a folder this site does not read)."""
    img = '<img src="foto.png" alt="Foto">\n'
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body=img)}, config=CONFIG + "static_dir: aset\n")
    write_files(tmp_path, {"content/pages/peta.md": f"---\ntitle: Peta\n---\n{img}",
                           "content/weekly/2025-W24.md": img})
    tail = "removed: a raw <img> needs an address from the site's root or https://; for aset/foto.png write " \
           "src=\"/foto.png\""
    assert sorted(_body_image_warnings(build_project(tmp_path))) == [
        f"content/2025/06/a.md:5: warning: <img src=\"foto.png\"> {tail}",
        f"content/pages/peta.md:4: warning: <img src=\"foto.png\"> {tail}",
        f"content/weekly/2025-W24.md:1: warning: <img src=\"foto.png\"> {tail}"]


def test_body_image_warnings_stay_after_an_edit_to_another_article_and_follow_the_base_path(tmp_path: Path) -> None:
    """A rebuild takes the other articles from the cache: their images are still checked. Under a sub-path
    base_url, '/images/x.jpg' misses the site's path."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body="![Foto](/images/batam.jpg)\n"),
                            "2025/06/b.md": article(title="B", body="![Foto](/digest/images/batam.jpg)\n"),
                            "2025/06/c.md": article(title="C", body="Isi.\n")},
                 config="title: T\nbase_url: https://example.org/digest/\n")
    (tmp_path / "static/images").mkdir(parents=True)
    picture(tmp_path / "static/images/batam.jpg")
    warning = ("content/2025/06/a.md:5: warning: the image '/images/batam.jpg' points at /images/batam.jpg, which is "
               "not a file of the site, so the page shows a broken image; did you mean /digest/images/batam.jpg "
               "(static/images/batam.jpg)?")
    assert _body_image_warnings(build_project(tmp_path)) == [warning]
    with (tmp_path / "content/2025/06/c.md").open("a", encoding="utf-8") as f:
        f.write("Tambahan.\n")
    assert _body_image_warnings(build_project(tmp_path)) == [warning]
    (tmp_path / "content/2025/06/a.md").write_text(article(title="A", body="![Foto](/digest/images/batam.jpg)\n"))
    assert _body_image_warnings(build_project(tmp_path)) == []


@pytest.mark.parametrize("name, data, message", [
    ("bom.png", png_header(20000, 20000), "is 400 megapixels, more than the 179 digest reads safely; save a smaller "
                                           "copy (4,000 pixels wide is plenty for a web page)"),
    ("kosong.png", b"", "is empty; save it again from the original, or remove it"),
    ("teks.jpg", b"<html>not found</html>", "is not a JPG (nor an image of any kind digest reads); save it again "
                                            "from the original, or remove it"),
    ("potong.jpg", truncated_jpeg(), "cannot be read as an image (image file is truncated"),
])
def test_a_local_image_that_cannot_be_read_is_an_error_naming_the_file(tmp_path: Path, name: str, data: bytes,
                                                                       message: str) -> None:
    """A decompression bomb (or a 200 MP photo) stopped the build with a traceback; an empty or HTML file named .jpg
    showed a broken image without a word; a truncated JPEG, whose header reads, failed while its smaller copies
    were made with "site: image file is truncated: check the path", blaming the output folder. An SVG that
    digest does not read is shown as it is."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A", image=f"images/{name}", image_alt="Foto"),
                            "2025/06/b.md": article(title="B", image="images/logo.svg", image_alt="Logo")})
    (tmp_path / "static/images").mkdir(parents=True)
    (tmp_path / "static/images" / name).write_bytes(data)
    (tmp_path / "static/images/logo.svg").write_bytes(b"not checked")
    with pytest.raises(BuildError) as e:
        build_project(tmp_path).output.files  # the smaller copies are made as the site is written
    assert [(p.path, p.message[:len(message)]) for p in e.value.problems] == [(f"static/images/{name}", message)]


def test_image_files_named_with_spaces_accents_or_percent_get_their_size_copies_and_working_addresses(
        tmp_path: Path) -> None:
    """'image: images/Foto Batam.jpg' (a camera's name) was dropped as "neither an http(s) URL nor a path";
    'images/kafé.jpg' showed without size or smaller copies (the file was looked for by its encoded name); a file
    named 'x%20y.png' got copies at addresses no server gives and the advice to write what was written. Under a
    sub-path, the feeds' picture is at the address the page shows, and is a file of the site."""
    import feedparser
    make_project(tmp_path, {"2025/06/a.md": article(title="A", image="images/Foto Batam.jpg", image_alt="F"),
                            "2025/06/b.md": article(title="B", image="images/kafé.jpg", image_alt="K"),
                            "2025/06/c.md": article(title="C", image="images/x%20y.png", image_alt="X")},
                 config="title: T\nbase_url: https://example.org/digest/\nsearch: false\n")
    (tmp_path / "static/images").mkdir(parents=True)
    picture(tmp_path / "static/images/Foto Batam.jpg", (1200, 800))
    picture(tmp_path / "static/images/kafé.jpg", (600, 300))
    picture(tmp_path / "static/images/x%20y.png", (100, 50))
    result = build_project(tmp_path)
    files = result.output.files
    assert [str(p) for p in result.warnings] == [
        "content/2025/06/c.md:4: field 'image': warning: images/x y.png is not a file in static/, so the article "
        "would show a broken image; did you mean static/images/x%20y.png? A '%' in image: starts an escape ('%20' "
        "is a space), so write image: images/x%2520y.png for that file, or rename it without '%'"]
    shown = {a: re.findall(r"<img [^>]*>", files[f"2025/06/{a}/index.html"].decode())[0] for a in "ab"}
    assert shown["a"] == ('<img src="/digest/images/Foto%20Batam.jpg" alt="F" width="1200" height="800" srcset="'
                          '/digest/_resized/images/Foto%20Batam-480w.jpg 480w, /digest/_resized/images/Foto%20Batam-'
                          '960w.jpg 960w, /digest/images/Foto%20Batam.jpg 1200w" sizes="(max-width: 48rem) 100vw, '
                          '46rem" decoding="async">')
    assert shown["b"].startswith('<img src="/digest/images/kaf%C3%A9.jpg" alt="K" width="600" height="300" srcset="'
                                 '/digest/_resized/images/kaf%C3%A9-480w.jpg 480w, ')
    made = {"_resized/images/Foto Batam-480w.jpg", "_resized/images/Foto Batam-960w.jpg", "_resized/images/kafé-480w.jpg"}
    assert made <= set(files)
    feed = feedparser.parse(files["feed.xml"])
    pictures = sorted(e.media_content[0]["url"] for e in feed.entries if "media_content" in e)
    assert pictures == ["https://example.org/digest/images/Foto%20Batam.jpg",
                        "https://example.org/digest/images/kaf%C3%A9.jpg",
                        "https://example.org/digest/images/x%20y.png"]
    (tmp_path / "content/2025/06/c.md").write_text(article(title="C", image="/digest/images/x%2520y.png", image_alt="X"))
    result = build_project(tmp_path)
    assert result.warnings == ()
    assert '<img src="/digest/images/x%2520y.png" alt="X" width="100" height="50"' in \
        result.output.files["2025/06/c/index.html"].decode()


def test_a_small_or_body_image_cut_short_is_found_though_no_copy_of_it_is_made(tmp_path: Path) -> None:
    """A JPEG cut short whose header reads was found only while its smaller copies were made: one 480 px wide
    or narrower (no copies) was built as a broken image without a word, as was any in a body. Only an image
    whose bytes do not end as its format ends is decoded (decoding every photo on every build would cost
    seconds), so one complete image, and one with bytes after its end, are read from their header alone."""
    from PIL import Image
    whole = _encoded(Image.effect_noise((400, 300), 60).convert("RGB"), "JPEG", quality=90)
    make_project(tmp_path, {"2025/06/a.md": article(title="A", image="images/kecil.jpg", image_alt="K"),
                            "2025/06/b.md": article(title="B", body="![Grafik](/images/grafik.jpg)\n"),
                            "2025/06/c.md": article(title="C", image="images/utuh.jpg", image_alt="U")})
    write_files(tmp_path, {"static/images/kecil.jpg": whole[:len(whole) // 2], "static/images/grafik.jpg": whole[:-100],
                           "static/images/utuh.jpg": whole + b"EXTRA"})
    with pytest.raises(BuildError) as e:
        build_project(tmp_path)
    assert [(p.path, p.message[:48]) for p in e.value.problems] == [
        ("static/images/kecil.jpg", "cannot be read as an image (image file is trunca")]
    (tmp_path / "content/2025/06/a.md").write_text(article(title="A"))
    result = build_project(tmp_path)
    assert [re.sub(r"\(\d+ bytes not processed\)", "(N bytes not processed)", w) for w in _body_image_warnings(result)] == [
        "content/2025/06/b.md:5: warning: the image '/images/grafik.jpg' is static/images/grafik.jpg, so the page "
        "shows a broken image: the file cannot be read as an image (image file is truncated (N bytes not "
        "processed)); save it again from the original, or remove it"]
    assert 'alt="U" width="400" height="300"' in result.output.files["2025/06/c/index.html"].decode()


def _encoded(image: "object", kind: str, **options: object) -> bytes:
    import io
    out = io.BytesIO()
    image.save(out, kind, **options)  # type: ignore[attr-defined]
    return out.getvalue()


def test_a_phone_photo_is_shown_upright_in_its_colours_and_an_animation_keeps_moving(tmp_path: Path) -> None:
    """A phone's photo, stored 1200 x 800 with EXIF 'turn a quarter', was given width 1200 and height 800 (a
    browser shows it 800 x 1200, squeezed into that box) and copies without the EXIF, shown sideways; its
    colour profile was dropped from the copies (a Display P3 photo in other colours). An animated WebP's copies
    were single frames, which phones and lists showed. Now the page has the size as shown, the copies are
    upright and keep the profile, and an animation has no copies."""
    import io
    from PIL import Image, ImageCms
    photo = Image.new("RGB", (1200, 800), "red")
    photo.paste(Image.new("RGB", (100, 800), "blue"), (0, 0))  # the left edge blue: at the top once turned
    exif = photo.getexif()
    exif[0x0112] = 6  # the camera was held upright: turn a quarter clockwise to show
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    frames = [Image.new("RGB", (600, 400), c) for c in ("red", "green", "blue")]
    make_project(tmp_path, {"2025/06/a.md": article(title="A", image="images/hp.jpg", image_alt="Foto"),
                            "2025/06/b.md": article(title="B", image="images/gerak.webp", image_alt="Gerak")})
    write_files(tmp_path, {"static/images/hp.jpg": _encoded(photo, "JPEG", exif=exif, icc_profile=profile),
                           "static/images/gerak.webp": _encoded(frames[0], "WEBP", save_all=True,
                                                                append_images=frames[1:], duration=100, loop=0)})
    files = build_project(tmp_path).output.files
    shown = re.findall(r"<img [^>]*>", files["2025/06/a/index.html"].decode())[0]
    assert 'width="800" height="1200"' in shown and "hp-480w.jpg 480w" in shown
    copy = Image.open(io.BytesIO(files["_resized/images/hp-480w.jpg"]))
    assert copy.size == (480, 720) and copy.info.get("icc_profile") == profile
    assert copy.getpixel((240, 20))[2] > 200 and copy.getpixel((240, 700))[0] > 200  # blue at the top, red below
    moving = re.findall(r"<img [^>]*>", files["2025/06/b/index.html"].decode())[0]
    assert 'width="600" height="400"' in moving and "srcset" not in moving
    assert not [path for path in files if "gerak-" in path]


def test_orientation_is_read_where_browsers_read_it_and_odd_metadata_costs_nothing(tmp_path: Path) -> None:
    """Pillow's getexif also reads a JPEG's XMP orientation and a PNG's or WebP's EXIF, which browsers ignore, so
    such a photo was given swapped sizes and turned copies; a PNG's getexif decoded the whole image on every
    build (1.4 s for eight 12 MP PNGs); EXIF that does not parse made a good PNG "unreadable" and a tag of the
    wrong type crashed the copies with a traceback, printing Pillow's warnings; a phone's two-picture JPEG (an
    MPO) got no copies, as if animated, and one cut in its second picture, which browsers never read, failed the
    build; a CMYK JPEG's copies carried the CMYK profile on RGB pixels; a palette chart's copy lost its thin
    lines (resized by its palette). An orientation stored as a LONG, which browsers ignore, turned the photo; a
    CMYK JPEG named '.png' (browsers show it) failed the build: Pillow cannot save CMYK as PNG. A 16-bit grey
    PNG named '.webp' (browsers sniff it) got white copies: Pillow clips 16-bit values into 8 bits."""
    import io
    import subprocess
    import sys
    from PIL import Image, ImageDraw, ImageFile, ImageStat, PngImagePlugin
    original_load = ImageFile.ImageFile.load
    plain = Image.new("RGB", (1200, 800), "red")
    turned = plain.getexif()
    turned[0x0112] = 6
    xmp = _encoded(plain, "JPEG", xmp=b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/'
                   b'1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:tiff="http://ns.adobe.com/tiff/1.0/" '
                   b'tiff:Orientation="6"/></rdf:RDF></x:xmpmeta>')
    good = Image.Exif()
    good[0x0112], good[0x011A] = 6, 72.0
    bad_tag = good.tobytes().replace(b"\x01\x1a\x00\x05", b"\x01\x1a\x00\x02")  # turned; resolution typed as text
    assert bad_tag != good.tobytes()
    info = PngImagePlugin.PngInfo()
    info.add(b"eXIf", b"not a TIFF at all")
    chart = Image.new("P", (1000, 500), 0)
    chart.putpalette([255, 255, 255, 0, 0, 0] + [0] * 762)
    draw = ImageDraw.Draw(chart)
    for x in range(0, 1000, 5):
        draw.line([(x, 0), (x, 499)], fill=1)
    mpo = _encoded(plain, "MPO", save_all=True, append_images=[Image.new("RGB", (1200, 800), "blue")])
    cmyk = _encoded(Image.new("CMYK", (1200, 800), (0, 255, 255, 0)), "JPEG", icc_profile=b"\0" * 128)
    long_turn = good.tobytes().replace(b"\x01\x12\x00\x03\x00\x00\x00\x01\x00\x06\x00\x00",
                                       b"\x01\x12\x00\x04\x00\x00\x00\x01\x00\x00\x00\x06")  # as a LONG
    assert long_turn != good.tobytes()
    cmyk_png = _encoded(Image.new("CMYK", (1200, 800), (0, 255, 255, 0)), "JPEG")  # a JPEG named .png
    grey16 = Image.new("I;16", (1200, 800))
    grey16.putdata([40000] * (1200 * 800))  # 156 of 255 in 8 bits
    names = {"xmp.jpg": xmp, "long.jpg": _encoded(plain, "JPEG", exif=long_turn), "cmyk-nama.png": cmyk_png,
             "exif.png": _encoded(plain, "PNG", exif=turned), "rusak.png": _encoded(plain, "PNG", pnginfo=info),
             "tag.jpg": _encoded(plain, "JPEG", exif=bad_tag), "dua.jpg": mpo, "potong.jpg": mpo[:len(mpo) - 2000],
             "cmyk.jpg": cmyk, "grafik.png": _encoded(chart, "PNG"), "abu16w.webp": _encoded(grey16, "PNG"),
             "abu16p.png": _encoded(grey16, "PNG")}
    make_project(tmp_path, {f"2025/06/{n.split('.')[0]}.md": article(title=n, image=f"images/{n}", image_alt="F")
                            for n in names}, config=CONFIG + "search: false\n")
    write_files(tmp_path, {f"static/images/{n}": data for n, data in names.items()})
    result = build_project(tmp_path)
    files = result.output.files
    assert result.warnings == ()
    shown = {n: re.findall(r"<img [^>]*>", files[f"2025/06/{n.split('.')[0]}/index.html"].decode())[0] for n in names}
    assert {n: re.search(r'width="(\d+)" height="(\d+)"', i).groups() for n, i in shown.items()} == {
        n: ("1000", "500") if n == "grafik.png" else ("800", "1200") if n == "tag.jpg" else ("1200", "800")
        for n in names}
    assert {n for n, i in shown.items() if "srcset" in i} == set(names)
    copies = {n: Image.open(io.BytesIO(files[f"_resized/images/{n.replace('.', '-480w.')}"])) for n in names}
    assert {n: c.size for n, c in copies.items()} == {
        n: (480, 240) if n == "grafik.png" else (480, 720) if n == "tag.jpg" else (480, 320) for n in names}
    assert "icc_profile" not in copies["cmyk.jpg"].info
    assert 40 < ImageStat.Stat(copies["grafik.png"].convert("L")).mean[0] < 220  # its lines kept (grey), not white
    assert copies["abu16w.webp"].format == "WEBP" and copies["abu16p.png"].mode == "I;16"
    assert abs(copies["abu16w.webp"].convert("L").getpixel((240, 160)) - 156) <= 2  # grey, not white (255)
    assert copies["abu16p.png"].getpixel((240, 160)) == 40000
    run = subprocess.run([sys.executable, "-m", "generator", "build", "-q", "--config", str(tmp_path / "config.yaml")],
                         capture_output=True, text=True)
    assert run.returncode == 0 and "Warning" not in run.stderr and "PIL" not in run.stderr, run.stderr
    from PIL import ImageFile
    from generator.load.config import load_config
    from generator.render.images import probe

    def refused(self: object) -> None:
        raise AssertionError("decoded")

    ImageFile.ImageFile.load = refused  # type: ignore[method-assign]  # complete files: their header alone
    try:
        config = load_config(tmp_path / "config.yaml")
        assert {n: probe(config, f"images/{n}").width for n in names if n != "potong.jpg"} == {
            n: 1000 if n == "grafik.png" else 800 if n == "tag.jpg" else 1200 for n in names if n != "potong.jpg"}
    finally:
        ImageFile.ImageFile.load = original_load  # type: ignore[method-assign]


def test_an_image_cut_short_is_found_in_a_later_frame_or_picture_and_a_long_name_gets_no_copies(tmp_path: Path) -> None:
    """An animated GIF cut in half read its first frame whole, so it passed; a phone's multi-picture JPEG (MPO)
    cut short was not looked at as a JPEG is. A file whose name is near the 255 bytes a file system takes failed
    the build naming .site.prev/ (its copy's name, with '-960w', was too long): the page now shows the original
    alone. The same file written two ways ('a+b', 'a%2Bb') made two copies for one path, and stopped the build."""
    from PIL import Image
    frames = [Image.effect_noise((300, 200), 80).convert("L") for _ in range(6)]
    gif = _encoded(frames[0], "GIF", save_all=True, append_images=frames[1:], duration=100)
    first, second = (Image.effect_noise((400, 300), 60).convert("RGB") for _ in range(2))
    mpo = _encoded(first, "MPO", save_all=True, append_images=[second])
    long_name = "p" * 248 + ".jpg"
    make_project(tmp_path, {"2025/06/a.md": article(title="A", image="images/gerak.gif", image_alt="G"),
                            "2025/06/b.md": article(title="B", body="![Foto](/images/hp.jpg)\n"),
                            "2025/06/c.md": article(title="C", image=f"images/{long_name}", image_alt="P"),
                            "2025/06/d.md": article(title="D", image="images/a+b.jpg", image_alt="AB"),
                            "2025/06/e.md": article(title="E", image="images/a%2Bb.jpg", image_alt="AB")})
    write_files(tmp_path, {"static/images/gerak.gif": gif[:len(gif) * 2 // 3],
                           "static/images/hp.jpg": mpo[:len(mpo) // 3]})
    picture(tmp_path / "static/images" / long_name, (1200, 800))
    picture(tmp_path / "static/images/a+b.jpg", (1200, 800))
    assert Image.open(tmp_path / "static/images/hp.jpg").format == "MPO"
    with pytest.raises(BuildError) as e:
        build_project(tmp_path)
    assert [(p.path, p.message[:28]) for p in e.value.problems] == [
        ("static/images/gerak.gif", "cannot be read as an image (")]
    (tmp_path / "content/2025/06/a.md").write_text(article(title="A"))
    result = build_project(tmp_path)
    files = result.output.files
    assert [w.split(": the file")[0] for w in _body_image_warnings(result)] == [
        "content/2025/06/b.md:5: warning: the image '/images/hp.jpg' is static/images/hp.jpg, so the page shows a "
        "broken image"]
    long_page = re.findall(r"<img [^>]*>", files["2025/06/c/index.html"].decode())[0]
    assert 'width="1200" height="800"' in long_page and "srcset" not in long_page
    assert sorted(path for path in files if path.startswith("_resized/images/a")) == [
        "_resized/images/a+b-480w.jpg", "_resized/images/a+b-960w.jpg"]


@pytest.mark.parametrize("written, on_disk, differ", [
    ("kafé.jpg", "kafe\u0301.jpg", "an accent stored another way (as a letter and a separate mark, as macOS may save "
                                   "a name)"),
    ("Layar 10.30.00 AM.png", "Layar 10.30.00\u202fAM.png", "a space of another kind in the file's name (U+202F "
                                                           "NARROW NO-BREAK SPACE, as macOS puts before 'AM' in a "
                                                           "screenshot's name)"),
    ("Layar 10.30.00\u202fAM.png", "Layar 10.30.00 AM.png", "a space of another kind in the name written (U+202F "
                                                           "NARROW NO-BREAK SPACE, as macOS puts before 'AM' in a "
                                                           "screenshot's name)"),
    ("Foto\u00a0Batam.jpg", "Foto Batam.jpg", "a space of another kind in the name written (U+00A0 NO-BREAK SPACE)"),
    ("kafé 1.jpg", "kafe\u0301\u202f1.jpg", "an accent stored another way (as a letter and a separate mark, as macOS "
                                            "may save a name) and a space of another kind in the file's name (U+202F "
                                            "NARROW NO-BREAK SPACE, as macOS puts before 'AM' in a screenshot's name)"),
    ("Foto  Batam.jpg", "Foto Batam.jpg", "the number of spaces"),
])
def test_advice_for_a_name_that_looks_the_same_says_what_differs(tmp_path: Path, written: str, on_disk: str,
                                                                 differ: str) -> None:
    """A file saved by macOS with its accent as a separate mark ('kafe' + U+0301), or a screenshot's name with
    U+202F before 'AM', was advised as "did you mean image: <what was written>?", which changes nothing. The
    advice now says what differs, on which side, and what to do."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A", image=f'"images/{written}"', image_alt="K")})
    (tmp_path / "static/images").mkdir(parents=True)
    picture(tmp_path / "static/images" / on_disk)
    assert [str(p) for p in build_project(tmp_path).warnings] == [
        f"content/2025/06/a.md:4: field 'image': warning: images/{written} is not a file in static/, so the article "
        f"would show a broken image; did you mean image: images/{on_disk}? The two look the same but differ in "
        f"{differ}, which a web server takes as another name: copy the file's name into the address, or rename the "
        "file, typing its name"]


@pytest.mark.parametrize("written, on_disk, tail", [
    ("FotoBatam.jpg", "Foto\u200bBatam.jpg", "an invisible character in the file's name (U+200B ZERO WIDTH SPACE), "
                                             "which a web server takes as another name: rename the file, typing its "
                                             "name (what it holds cannot be typed)"),
    ("Foto\u200bBatam.jpg", "FotoBatam.jpg", "an invisible character in the name written (U+200B ZERO WIDTH SPACE), "
                                             "which a web server takes as another name: copy the file's name into the "
                                             "address, or rename the file, typing its name"),
    ("Foto Batam.jpg", "Foto\tBatam.jpg", "a space of another kind in the file's name (U+0009 TAB), which a web "
                                          "server takes as another name: rename the file, typing its name (what it "
                                          "holds cannot be typed)"),
])
def test_advice_for_a_name_with_an_invisible_character_names_it(tmp_path: Path, written: str, on_disk: str,
                                                                 tail: str) -> None:
    """A file whose name holds a zero-width space (pasted from a web page) or a tab was advised "did you mean
    image: <the name with it>?", which reads as what was written, and "copy the file's name", which cannot carry
    a tab into an address: the advice names the character, and says to rename a file that holds one."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A", image=f'"images/{written}"', image_alt="K")})
    (tmp_path / "static/images").mkdir(parents=True)
    picture(tmp_path / "static/images" / on_disk)
    assert [str(p) for p in build_project(tmp_path).warnings] == [
        f"content/2025/06/a.md:4: field 'image': warning: images/{written} is not a file in static/, so the article "
        f"would show a broken image; did you mean image: images/{on_disk}? The two look the same but differ in {tail}"]


def test_a_body_image_named_with_a_hash_is_told_the_address_to_write(tmp_path: Path) -> None:
    """'![b](</images/Foto #8.jpg>)' for the file 'Foto #8.jpg' was advised "put the file at static/images/Foto ":
    a '#' ends an address's path, and the advice now says how to write it."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body="![b](</images/Foto #8.jpg>)\n")})
    (tmp_path / "static/images").mkdir(parents=True)
    picture(tmp_path / "static/images/Foto #8.jpg")
    assert _body_image_warnings(build_project(tmp_path)) == [
        "content/2025/06/a.md:5: warning: the image '/images/Foto%20#8.jpg' points at /images/Foto%20, which is not "
        "a file of the site, so the page shows a broken image; a '#' or '?' ends the address's path, so for "
        "static/images/Foto #8.jpg write /images/Foto%20%238.jpg"]


def test_a_body_image_for_a_file_named_with_an_escape_is_told_the_address_and_its_own_line(tmp_path: Path) -> None:
    """For a file literally named 'x%23y.png', '![a](/images/x%23y.png)' (the address is 'x#y.png') was advised
    "did you mean /images/x%23y.png", what was written, and its warning was given again at a later line that
    writes '/images/x#y.png', read as the same address decoded."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body="![a](/images/x%23y.png)\n\n![b](/images/x#y.png)\n")})
    (tmp_path / "static/images").mkdir(parents=True)
    picture(tmp_path / "static/images/x%23y.png")
    assert _body_image_warnings(build_project(tmp_path)) == [
        "content/2025/06/a.md:5: warning: the image '/images/x%23y.png' points at /images/x%23y.png, which is not a "
        "file of the site, so the page shows a broken image; did you mean /images/x%2523y.png "
        "(static/images/x%23y.png)?",
        "content/2025/06/a.md:7: warning: the image '/images/x#y.png' points at /images/x, which is not a file of the "
        "site, so the page shows a broken image; did you mean /images/x%2523y.png (static/images/x%23y.png)?"]


def test_config_images_that_no_static_file_gives_are_warnings_at_their_line(tmp_path: Path) -> None:
    """favicon, apple_touch_icon and image in config.yaml named files never put in static/: a tab without an icon
    and broken share images, without a word. The theme's own icons count as there."""
    config = ("title: T\nbase_url: https://example.org/\nfavicon: images/ikon.svg\napple_touch_icon: "
              "apple-touch-icon.png\nimage: images/Bagikan.PNG\n")
    make_project(tmp_path, {"2025/06/a.md": article(title="A")}, config=config)
    (tmp_path / "static/images").mkdir(parents=True)
    (tmp_path / "static/images/bagikan.png").write_bytes(b"x")
    assert [str(p) for p in build_project(tmp_path).warnings] == [
        "config.yaml:3: field 'favicon': warning: images/ikon.svg is not a file in static/ (nor the theme's), so "
        "browsers would show no icon in the tab; put the file at static/images/ikon.svg",
        "config.yaml:5: field 'image': warning: images/Bagikan.PNG is not a file in static/ (nor the theme's), so "
        "pages shared without an image of their own would show a broken one; did you mean image: images/bagikan.png?"]


def test_close_spelling_suggestions_are_bounded_but_letter_case_ones_are_not(tmp_path: Path) -> None:
    """Each close-spelling search compares a name with every static file (20 ms at 10,000): a site with a
    thousand broken images would build 20 s slower on every build. After SPELLING_SEARCHES of them the rest say
    where to put the file; a name that differs only in letter case is still found."""
    from generator.render.images import SPELLING_SEARCHES
    typos = SPELLING_SEARCHES + 5
    articles = {f"2025/06/a{i:02d}.md": article(title=f"A{i}", image=f"images/foto-kantr-{i:02d}.jpg", image_alt="F")
                for i in range(typos)}
    articles["2025/06/z.md"] = article(title="Z", image="images/FOTO-KANTOR-00.JPG", image_alt="F")
    make_project(tmp_path, articles)
    (tmp_path / "static/images").mkdir(parents=True)
    for i in range(typos):
        (tmp_path / f"static/images/foto-kantor-{i:02d}.jpg").write_bytes(b"x")
    warnings = [p.message for p in build_project(tmp_path).warnings]
    assert sum("did you mean" in w for w in warnings) == SPELLING_SEARCHES + 1
    assert sum("put the file at" in w for w in warnings) == 5
    assert ("images/FOTO-KANTOR-00.JPG is not a file in static/, so the article would show a broken image; did you "
            "mean image: images/foto-kantor-00.jpg?") in warnings


def test_images_in_pages_and_weekly_notes_get_their_size_and_unreadable_ones_are_warned_of(tmp_path: Path) -> None:
    """Only articles' body images got their width and height (the about page's photo and the weekly note's chart
    pushed the text down as they arrived) or a warning when the file is not an image. A rebuild after the chart
    is replaced, and one after an article's edit, give a cold build's bytes."""
    from test_publish import cold, run, tree
    root = tmp_path / "p"
    make_project(root, {"2025/06/a.md": article(title="A", date="2025-06-11T09:00:00+07:00")},
                 config="title: T\nbase_url: https://example.org/\nsearch: false\n")
    (root / "static/images").mkdir(parents=True)
    picture(root / "static/images/tim.jpg", (500, 250))
    picture(root / "static/images/grafik.png", (640, 360))
    write_files(root, {"content/pages/tentang.md": "---\ntitle: Tentang\n---\nKami.\n\n![Tim](/images/tim.jpg)\n\n"
                                                   "![Logo](/images/logo.png)\n",
                       "content/weekly/2025-W24.md": "Pekan ini.\n\n![Grafik](/images/grafik.png)\n",
                       "static/images/logo.png": b"<html>not found</html>"})
    warning = ("content/pages/tentang.md:8: warning: the image '/images/logo.png' is static/images/logo.png, so the "
               "page shows a broken image: the file is not a PNG (nor an image of any kind digest reads); save it "
               "again from the original, or remove it")
    assert [str(p) for p in build_project(root).warnings] == [warning]
    run(root)
    about = (root / "site/tentang/index.html").read_text()
    note = (root / "site/weekly/2025-W24/index.html").read_text()
    assert '<img src="/images/tim.jpg" width="500" height="250" alt="Tim"' in about
    assert '<img src="/images/logo.png" alt="Logo"' in about
    assert '<img src="/images/grafik.png" width="640" height="360" alt="Grafik"' in note
    picture(root / "static/images/grafik.png", (800, 200))
    run(root)
    assert 'width="800" height="200" alt="Grafik"' in (root / "site/weekly/2025-W24/index.html").read_text()
    assert tree(root / "site") == cold(root, tmp_path)
    (root / "content/2025/06/a.md").write_text(article(title="A", date="2025-06-11T09:00:00+07:00", body="Baru.\n"))
    run(root)
    assert tree(root / "site") == cold(root, tmp_path)


def test_images_in_pages_and_weekly_notes_that_no_file_gives_are_warnings_too(tmp_path: Path) -> None:
    """An about page's or an editor's note's broken image was told by nothing; a note without front matter is
    searched from its first line."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A")})
    (tmp_path / "static/images").mkdir(parents=True)
    (tmp_path / "static/images/tim.jpg").write_bytes(b"x")
    write_files(tmp_path, {"content/pages/tentang.md": "---\ntitle: Tentang\n---\nKami.\n\n![Tim](images/tim.jpg)\n",
                           "content/weekly/2025-W24.md": "Pekan ini.\n\n![Grafik](/images/grafik.png)\n"})
    assert [str(p) for p in build_project(tmp_path).warnings] == [
        "content/pages/tentang.md:6: warning: the image 'images/tim.jpg' points at /tentang/images/tim.jpg, which "
        "is not a file of the site, so the page shows a broken image; did you mean /images/tim.jpg "
        "(static/images/tim.jpg)?",
        "content/weekly/2025-W24.md:3: warning: the image '/images/grafik.png' points at /images/grafik.png, which "
        "is not a file of the site, so the page shows a broken image; put the file at static/images/grafik.png"]


def test_a_right_to_left_author_name_keeps_the_byline_in_order(tmp_path: Path) -> None:
    """`author: "محمد علي"` printed bare: the browser's bidirectional rules pulled the reading time's number into the
    name's run ("Oleh 1 · محمد علي menit baca"). The name is isolated, as tags, companies and publishers are."""
    root = make_project(tmp_path, {"2025/06/a.md": article(title="A", author='"محمد علي"')})
    page = build_project(root).output.files["2025/06/a/index.html"].decode()
    assert " · Oleh <bdi>محمد علي</bdi>" in page


def test_a_companys_monthly_numbers_are_spaced_apart_from_their_months() -> None:
    """The "numbers per month" table had no cell padding: "September 2023" and its count read "September 20230"."""
    css = (Path(__file__).parent.parent / "themes/default/static/style.css").read_text()
    rule = next(line for line in css.splitlines() if ".intel td" in line)
    assert "padding-inline-end: .6rem" in rule  # the end the text ends at, in either direction
    assert "<table>" in FILES["companies/meta/index.html"].split('<section class="intel"', 1)[1]


def test_a_body_image_that_goes_up_a_folder_is_never_told_to_put_the_file_outside_static(tmp_path: Path) -> None:
    """A weekly note's '![x](/images/../../secret.png)' was told "put the file at static/images/../../secret.png",
    outside static/."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A"), "weekly/2025-W24.md": (
        "---\ntitle: Pekan\n---\nCatatan.\n\n![x](/images/../../secret.png)\n")})
    assert [p for p in _body_image_warnings(build_project(tmp_path)) if "weekly" in p] == [
        "content/weekly/2025-W24.md:6: warning: the image '/images/../../secret.png' points at /secret.png, which is not "
        "a file of the site, so the page shows a broken image; put the file at static/secret.png and "
        "write /secret.png"]


def test_a_body_image_up_a_folder_in_escapes_is_read_as_a_browser_reads_it(tmp_path: Path) -> None:
    """A tester's report: '![a](/images/%2E%2E/x.png)' was warned of as a broken image while a browser shows
    /x.png, the file it names; and the warning spread to a right '![b](/images/../x.png)' of the same file."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body=(
        "![a](/images/%2E%2E/x.png)\n\n![b](/images/../x.png)\n\n![c](/images/.%2e/peta-kota.png)\n"))})
    (tmp_path / "static").mkdir()
    picture(tmp_path / "static/x.png")
    assert _body_image_warnings(build_project(tmp_path)) == [
        "content/2025/06/a.md:9: warning: the image '/images/../peta-kota.png' points at /peta-kota.png, which is "
        "not a file of the site, so the page shows a broken image; put the file at static/peta-kota.png and write "
        "/peta-kota.png"]  # the address as the page has it: Markdown wrote the escaped dots as dots


def test_a_link_or_image_to_an_address_no_page_may_have_shows_its_text_and_is_a_warning_at_its_line(
        tmp_path: Path) -> None:
    """`![Grafik](data:…)` and `[laporan](javascript:void(0))` were printed as their Markdown source, on the page
    and in the feeds, and neither the build nor `check --strict` said a word."""
    body = ("Paragraf pertama.\n\n![Grafik](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAAB) dan\n"
            "[laporan](javascript:void(0)) di sini.\n\n## Bagian [dua](vbscript:x)\n")
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body=body)})
    result = build_project(tmp_path)
    files = result.output.files
    page = files["2025/06/a/index.html"].decode()
    assert "<p>Grafik dan\nlaporan di sini.</p>" in page and '<h2 id="bagian-dua">Bagian dua<a' in page
    assert "](" not in page and "](" not in files["feed.xml"].decode()
    path = "content/2025/06/a.md"
    assert [str(p) for p in result.warnings if "shown" in p.message] == [
        f"{path}:7: warning: image 'Grafik' removed, its alt text shown instead: data:image/png;base64,iVBORw0KGgoAAA"
        "ANSU… is not an address a page loads images from; put the file in static/images/ and write "
        "![Grafik](/images/name.png), or an https:// address",
        f"{path}:8: warning: link 'laporan' shown as plain text: javascript:void(0) is not an address readers can "
        "follow; write the real https:// address (or a path on the site, mailto:, tel:)",
        f"{path}:10: warning: link 'dua' shown as plain text: vbscript:x is not an address readers can follow; write "
        "the real https:// address (or a path on the site, mailto:, tel:)"]


def test_a_raw_img_named_with_a_space_gets_a_valid_address_on_the_page_and_in_the_feed(tmp_path: Path) -> None:
    """`<img src="/images/peta kepri.png">` kept its space, an invalid address (the Nu checker's error), and a
    `<picture>` pasted in left its `<source>` in a paragraph, where HTML allows none."""
    body = ('<img src="/images/peta kepri.png" alt="Peta">\n\n<picture><source srcset="/images/peta.webp" '
            'type="image/webp"><img src="/images/peta kepri.png" alt="Peta"></picture>\n')
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body=body)})
    (tmp_path / "static/images").mkdir(parents=True)
    picture(tmp_path / "static/images/peta kepri.png")
    files = build_project(tmp_path).output.files
    img = '<img src="/images/peta%20kepri.png" width="60" height="40" alt="Peta" loading="lazy" decoding="async">'
    assert f"{img}\n<p>{img}</p>" in files["2025/06/a/index.html"].decode()
    feed = files["feed.xml"].decode()
    assert "peta%20kepri.png" in feed and "peta kepri" not in feed and "source" not in feed


def test_body_ids_never_repeat_an_id_of_the_page_around_the_article(tmp_path: Path) -> None:
    """`## Main` gave a second id="main" (the skip link's target: '#main' scrolled to the heading), and a heading
    'Related' took the related-reading region's name; a raw `<span id="main">` kept it too."""
    body = "Paragraf.\n\n## Main\n\n## Related\n\nTeks <span id=\"main\">x</span>.\n\n<div id=\"related\">\ny\n</div>\n"
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body=body, tags="[ai]"),
                            "2025/06/b.md": article(title="B", tags="[ai]")})
    result = build_project(tmp_path)
    page = result.output.files["2025/06/a/index.html"].decode()
    ids = re.findall(r' id="([^"]*)"', page)
    assert len(ids) == len(set(ids)) and {"main", "related", "main-2", "related-2"} <= set(ids)
    assert '<h2 id="main-2">Main<a class="anchor" href="#main-2"' in page
    path = "content/2025/06/a.md"
    assert [str(p) for p in result.warnings if "id=" in p.message] == [
        f'{path}:12: warning: id="main" removed: the page around the article uses this id (a link to #main goes '
        "there); give the element another id",
        f'{path}:14: warning: id="related" removed: the page around the article uses this id (a link to #related '
        "goes there); give the element another id"]


def test_an_anchor_written_with_name_keeps_it_as_its_id(tmp_path: Path) -> None:
    """`<a name="z">` (Hugo's and Pelican's anchors) lost its name in the sanitiser, so '[bagian](#z)' pointed at
    nothing without a word (found by an attacker). It is the anchor's id, checked as an id is (a theme's, one above);
    one with an id keeps that, and one in a comment is none."""
    body = ('Teks <a name="z">di sini</a> dan [bagian](#z).\n\n<div><a name="w"></a>Blok</div>\n\n'
            '<a name="main">x</a> <a name="k" id="j">y</a> <span id="w">z</span> <!-- <a name="c"> -->\n\n[w](#w)\n')
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body=body)})
    result = build_project(tmp_path)
    page = result.output.files["2025/06/a/index.html"].decode()
    assert ('<p>Teks <a id="z">di sini</a> dan <a href="#z">bagian</a>.</p>\n<div><a id="w"></a>Blok</div>\n'
            '<p><a>x</a> <a id="j">y</a> <span>z</span> </p>') in page
    assert [str(p).split(" removed")[0] for p in result.warnings] == [
        'content/2025/06/a.md:9: warning: id="main"', 'content/2025/06/a.md:9: warning: id="w" of <span>']


def test_an_id_the_page_keeps_otherwise_than_a_themes_is_no_clash(tmp_path: Path) -> None:
    """'<div id=main">', '<div id=main/>', '<div id="main'">' were told 'id="main" removed' though the page keeps
    their ids as 'main"', 'main/', "main'" (found by an attacker): the value is read as the HTML tokenizer reads it."""
    body = ('Satu.\n\n<div id=main">a</div>\n\n<div id=main/>b</div>\n\n<div id="main\'">c</div>\n\n'
            '<div id="main">d</div>\n')
    page, said = _page_and_warnings(tmp_path, body, "")
    assert said == ['content/2025/06/a.md:13: warning: id="main" removed: the page around the article uses this id '
                    "(a link to #main goes there); give the element another id"]
    assert '<div id="main&quot;">a</div>\n<div id="main/">b</div>\n<div id="main\'">c</div>\n<div>d</div>' in page


def test_a_raw_id_written_without_a_space_before_it_is_an_id_all_the_same(tmp_path: Path) -> None:
    """`<span/id="fn1">` and `<b title="x"id="jadwal">` set an id as HTML reads them, but were not seen as raw ids:
    the page had two of each (the Nu checker's "Duplicate ID") and no warning; `<b/id="main">` kept the page's id."""
    body = ("Paragraf[^1].\n\n## Jadwal\n\n<div class=\"kotak\">\nRapat <b title=\"x\"id=\"jadwal\">Senin</b>.\n"
            "Lihat <span/id=\"fn1\">catatan</span> <i/id=\"main\">ini</i>.\n</div>\n\n[^1]: Catatan.\n")
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body=body)})
    result = build_project(tmp_path)
    page = result.output.files["2025/06/a/index.html"].decode()
    ids = re.findall(r' id="([^"]*)"', page)
    assert len(ids) == len(set(ids)) and {"main", "jadwal", "jadwal-2", "fn1", "n2-fn1"} <= set(ids)
    path = "content/2025/06/a.md"
    assert [str(p) for p in result.warnings if "id=" in p.message] == [
        f"{path}:7: warning: heading 'Jadwal' has id=\"jadwal-2\", as the raw HTML at line 10 has id=\"jadwal\" (a "
        "link to #jadwal goes there); if that id was meant for this heading, delete it, or else give it another name",
        f'{path}:11: warning: id="fn1" is also a footnote\'s id, so the page\'s footnotes take the prefix "n2-" '
        '("n2-fn1"; a link to #fn1 comes to this element); if it was meant for the footnote, delete it, or else give '
        "it another name",
        f'{path}:11: warning: id="main" removed: the page around the article uses this id (a link to #main goes '
        "there); give the element another id"]


def _page_and_id_warnings(tmp_path: Path, body: str) -> tuple[str, list[str]]:
    """The page of one article of ``body`` and the build's warnings about ids."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body=body)})
    result = build_project(tmp_path)
    return (result.output.files["2025/06/a/index.html"].decode(),
            [str(p) for p in result.warnings if "id=" in p.message])


def test_words_of_a_quoted_value_that_read_like_an_id_are_no_id(tmp_path: Path) -> None:
    """`<p title="x id=main">` (no '<' in the value) was warned 'id="main" removed: the page around the article uses
    this id', though the tag has no id: a value is never an attribute. An id after it still is one."""
    page, warnings = _page_and_id_warnings(tmp_path, '<p title="x id=main">Teks</p>\n\n'
                                           '<p title=\'kata id="intel"\' id="related">Lagi</p>\n')
    assert '<p title="x id=main">Teks</p>' in page and "<p title=\"kata id=&quot;intel&quot;\">Lagi</p>" in page
    assert warnings == [
        'content/2025/06/a.md:7: warning: id="related" removed: the page around the article uses this id (a link to '
        "#related goes there); give the element another id"]


def test_a_quote_inside_an_unquoted_value_begins_no_value_and_the_id_after_it_is_one(tmp_path: Path) -> None:
    """`<p title=a"b id=main>`: the quote is a character of the unquoted value, as the HTML tokenizer reads it, and
    the id after it an attribute; its removal was without a word (the quote was read as a value begun)."""
    page, warnings = _page_and_id_warnings(tmp_path, '<p title=a"b id=main>Dua.</p>\n\n'
                                           '<p data-x=a\'b id="related">Lima.</p>\n')
    assert '<p title="a&quot;b">Dua.</p>' in page and "<p>Lima.</p>" in page
    assert warnings == [
        f'content/2025/06/a.md:{line}: warning: id="{name}" removed: the page around the article uses this id (a link '
        f"to #{name} goes there); give the element another id" for name, line in (("main", 5), ("related", 7))]


def test_a_quote_inside_an_attribute_name_is_a_character_of_the_name(tmp_path: Path) -> None:
    """`<div a"id=dup>` has an attribute named `a"id` and no id, as the HTML tokenizer (and Chromium) reads it, but
    was warned 'id="dup" … an element above has this id'; in `<div a"title="<i>">` and `<div "title='<b>'>` the
    value's '<i>' was read as a tag left open. The quote is a character of the name, also where a name begins."""
    page, warnings = _page_and_id_warnings(tmp_path, '<div id="dup">a</div>\n\n<div a"id=dup>b</div>\n\n'
                                           '<div a"title="<i>">c</div>\n\n<div "title=\'<b>\'>d</div>\n')
    assert "<div>b</div>\n<div>c</div>\n<div>d</div>" in page
    assert warnings == []
    result = build_project(tmp_path)
    assert [str(p) for p in result.warnings] == []


def test_a_quoted_value_closed_by_a_later_quote_is_a_warning_naming_the_words_it_hides(tmp_path: Path) -> None:
    """`<p title="Catatan>Teks …` with the quote forgotten before the '>': the next quote closes the value, so the
    words between are in the tag (Chromium shows none of them) and the page lost them without a word. A '>' that is
    text of a value (`title="a > b"`, `alt="->"`) is none of these."""
    body = ('<p title="Catatan>Teks pertama yang hilang.\nKata "penting" di sini.</p>\n\n'
            'Teks <span title="a>kata <b>tebal</b> tersembunyi">lagi</span> akhir.\n\n<p title="a > b" data-x="->">Baik</p>\n')
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body=body)})
    result = build_project(tmp_path)
    assert [str(p) for p in result.warnings] == [
        f"content/2025/06/a.md:{line}: warning: <{tag} title=\"{value}>…: this value's quote closes only after "
        f"'{words}', so readers do not see those words; write the quote before the '>' (title=\"{value}\">)"
        for line, tag, value, words in ((5, "p", "Catatan", 'Teks pertama yang hilang. Kata "penting" di sini.'),
                                        (8, "span", "a", "kata tebal tersembunyi"))]


def test_a_value_quoted_whole_that_holds_a_greater_than_sign_is_no_forgotten_quote(tmp_path: Path) -> None:
    """`<abbr title="HTML>XML">` was warned 'this value's quote closes only after 'XML'' and told to write
    title="HTML">, which breaks the page: its quote closes where the tag ends, and readers see the tooltip as written
    (found by an attacker). Only a value that runs over a tag or a line's end, or whose quote is followed by what is
    no attribute, hides words."""
    body = ('<abbr title="HTML>XML">format</abbr>, <img alt="Ekspor>impor pada 2024" src="https://cdn.example.com/a.png">, '
            "<span title='Budi>Andi'>x</span> dan <b data-rule=\"1>0\" class=\"x\">y</b>.\n\n"
            '<p title="Catatan>Teks "penting" di sini.</p>\n')
    page, said = _page_and_warnings(tmp_path, body, "")
    assert said == ["content/2025/06/a.md:7: warning: <p title=\"Catatan>…: this value's quote closes only after 'Teks "
                    "\"penting\" di sini.', so readers do not see those words; write the quote before the '>' "
                    "(title=\"Catatan\">)"]
    assert ('<abbr title="HTML&gt;XML">format</abbr>, <img alt="Ekspor&gt;impor pada 2024" '
            'src="https://cdn.example.com/a.png"') in page


def test_a_raw_link_whose_address_is_removed_is_a_warning_at_its_line(tmp_path: Path) -> None:
    """`<a href="javascript:…">x</a>` became a dead `<a>x</a>` without a word (a Markdown link to the same address
    is a warning)."""
    body = ('Paragraf <a href="javascript:alert(1)">x</a> dan\n<a href="java&#09;script:y">z</a> <a href="/ok">ok</a>.'
            '\n\n<div>\n<a href="vbscript:q">w</a>\n</div>\n')
    make_project(tmp_path, {"2025/06/a.md": article(title="A", body=body)})
    result = build_project(tmp_path)
    assert "<p>Paragraf <a>x</a> dan\n<a>z</a>" in result.output.files["2025/06/a/index.html"].decode()
    tail = "shown as plain text: it is not an address readers can follow; write the real https:// address (or a " \
           "path on the site, mailto:, tel:)"
    assert [str(p) for p in result.warnings if "<a " in p.message] == [
        f'content/2025/06/a.md:5: warning: <a href="javascript:alert(1)"> {tail}',
        f'content/2025/06/a.md:6: warning: <a href="java&#09;script:y"> {tail}',
        f'content/2025/06/a.md:9: warning: <a href="vbscript:q"> {tail}']


def _page_and_warnings(root: Path, body: str, about: str, **fields: str) -> tuple[str, list[str]]:
    """The page of an article with this body (and front matter ``fields``), built, and the build's warnings that
    hold ``about``."""
    make_project(root, {"2025/06/a.md": article(title="A", body=body, **fields)})
    result = build_project(root)
    return result.output.files["2025/06/a/index.html"].decode(), [str(p) for p in result.warnings if about in p.message]


def test_a_raw_video_or_audio_address_that_is_removed_is_a_warning_at_its_line(tmp_path: Path) -> None:
    """`<video src="javascript:…">`, `<audio src="data:…">`, a `<source>`, `<track>` or poster of the same kind
    lost their address without a word (a player that plays nothing), where a raw `<a>` or `<img>` is a warning."""
    body = ('Klip <video src="javascript:alert(1)"></video> di sini.\n\n<audio src="data:audio/mp3;base64,AAAA" '
            'controls>\n<source src="vbscript:x" type="audio/mpeg">\n</audio>\n\n<video poster="java&#09;script:y">'
            '<source src="/media/ok.mp4"><track src="javascript:z"></video>\n\n<audio src="/media/ok.mp3"></audio>\n')
    page, warnings = _page_and_warnings(tmp_path, body, "media from")  # the missing /media/ok.* are warned of elsewhere
    assert '<p>Klip <video controls=""></video> di sini.</p>\n<audio controls="">\n\n</audio>' in page
    assert '<video controls=""><source src="/media/ok.mp4"></video>' in page  # a <source>, <track> needs its src
    path = "content/2025/06/a.md"
    tail = ("is not an address a page plays or shows media from, so it was removed; write the real https:// address "
            "or a path from the site's root (/media/name.mp4 for static/media/name.mp4)")
    removed = ("removed: it is not an address a page plays or shows media from; write the real https:// address or a "
               "path from the site's root (/media/name.mp4 for static/media/name.mp4)")
    assert warnings == [
        f'{path}:5: warning: <video src="javascript:alert(1)"> {tail}',
        f'{path}:7: warning: <audio src="data:audio/mp3;base64,AAAA"> {tail}',
        f'{path}:8: warning: <source src="vbscript:x"> {removed}',
        f'{path}:11: warning: <track src="javascript:z"> {removed}',
        f'{path}:11: warning: <video poster="java&#09;script:y"> {tail}']


def test_an_id_written_in_raw_html_keeps_its_name_and_a_heading_of_that_name_gets_a_suffix(tmp_path: Path) -> None:
    """`<div id="jadwal">` and `## Jadwal` gave two elements id="jadwal" (the Nu checker's error; '#jadwal' led to
    whichever came first). The id the editor wrote stays, so their links to it keep working; the heading gets
    'jadwal-2' (its anchor link and the table of contents too), with a warning. An id that the sanitiser removes
    (inside a <script>) takes nothing."""
    body = ('Lihat [jadwal](#jadwal) dan <span id="peta">peta</span>.\n\n## Jadwal\n\n## Peta\n\n'
            '<div id="jadwal">Tabel jadwal</div>\n\n<script>var s = \'<b id="ringkasan">\';</script>\n\n## Ringkasan\n')
    page, warnings = _page_and_warnings(tmp_path, body, "heading", toc="true")
    ids = re.findall(r' id="([^"]*)"', page)
    assert len(ids) == len(set(ids)) and {"jadwal", "jadwal-2", "peta", "peta-2", "ringkasan"} <= set(ids)
    assert '<li><a href="#jadwal-2">Jadwal</a></li><li><a href="#peta-2">Peta</a></li>' in page
    assert '<h2 id="jadwal-2">Jadwal<a class="anchor" href="#jadwal-2"' in page
    assert '<p>Lihat <a href="#jadwal">jadwal</a> dan <span id="peta">peta</span>.</p>' in page
    assert '<div id="jadwal">Tabel jadwal</div>' in page and '<h2 id="ringkasan">' in page
    path = "content/2025/06/a.md"
    assert warnings == [
        f'{path}:8: warning: heading \'Jadwal\' has id="jadwal-2", as the raw HTML at line 12 has id="jadwal" (a link '
        "to #jadwal goes there); if that id was meant for this heading, delete it, or else give it another name",
        f'{path}:10: warning: heading \'Peta\' has id="peta-2", as the raw HTML at line 6 has id="peta" (a link '
        "to #peta goes there); if that id was meant for this heading, delete it, or else give it another name"]


def test_only_an_id_the_page_keeps_renames_a_heading(tmp_path: Path) -> None:
    """An id in an HTML comment or in an attribute's value renamed '## Jadwal' to 'jadwal-2' with a false warning,
    so '#jadwal' led nowhere; a `<div id>` after an `<iframe>` never closed (removed alone) was missed, and the page
    had two id="jadwal". The ids counted are the sanitised page's."""
    body = ('Lihat [jadwal](#jadwal) dan [alpha](#alpha).\n\n<!-- dulu: <div id="jadwal">lama</div> -->\n\n'
            '## Jadwal\n\nTeks <span title="lihat id=alpha">x</span>.\n\n## Alpha\n\n'
            '<iframe src="https://example.com/embed">\n<div id="peta">Peta</div>\n\n## Peta\n')
    page, warnings = _page_and_warnings(tmp_path, body, "heading")
    ids = re.findall(r' id="([^"]*)"', page)
    assert len(ids) == len(set(ids)) and {"jadwal", "alpha", "peta", "peta-2"} <= set(ids)
    assert '<h2 id="jadwal">Jadwal<a class="anchor" href="#jadwal"' in page and '<h2 id="alpha">Alpha' in page
    assert '<div id="peta">Peta</div>\n<h2 id="peta-2">Peta<a class="anchor" href="#peta-2"' in page
    assert warnings == [
        'content/2025/06/a.md:18: warning: heading \'Peta\' has id="peta-2", as the raw HTML at line 16 has id="peta" '
        "(a link to #peta goes there); if that id was meant for this heading, delete it, or else give it another name"]


def test_a_raw_id_of_a_footnotes_name_keeps_it_and_the_footnotes_take_a_prefix(tmp_path: Path) -> None:
    """A raw `id="fn1"` and footnote 1 made two elements id="fn1" (the Nu checker's error), and the [1] mark jumped
    to the raw element, without a word. The raw element keeps its id; the footnotes' ids change together."""
    body = 'Teks[^1] dan <span id="fn1">catatan lama</span>.\n\n[^1]: Catatan.\n'
    page, warnings = _page_and_warnings(tmp_path, body, "footnote")
    ids = re.findall(r' id="([^"]*)"', page)
    assert len(ids) == len(set(ids)) and '<span id="fn1">catatan lama</span>' in page
    assert '<a href="#n2-fn1" id="n2-fnref1" role="doc-noteref"' in page and '<li id="n2-fn1"' in page
    assert '<a href="#n2-fnref1" class="footnote-backref"' in page
    assert warnings == [
        'content/2025/06/a.md:5: warning: id="fn1" is also a footnote\'s id, so the page\'s footnotes take the prefix '
        '"n2-" ("n2-fn1"; a link to #fn1 comes to this element); if it was meant for the footnote, delete it, or else '
        "give it another name"]


def test_a_reference_line_to_an_address_no_page_may_have_is_a_warning_whether_a_link_uses_it_or_not(
        tmp_path: Path) -> None:
    """`[x]: javascript:alert(1)` that no link used was silent, while one a link used was a warning at the link.
    Readers see neither line (as in Hugo and Zola); the editor is told of the dead one at its own line. A label with
    an escaped bracket or an address spelt with an entity put the line, and its link, on the page as text."""
    body = ("Teks dengan [tautan][u] di sini.\n\n[u]: javascript:alert(2)\n[x]: javascript:alert(1)\n"
            "[y]: https://example.org/ok\n[z]: javascr&#105;pt:void(0)\n\nTeks [dua][a\\]b] lagi.\n\n"
            "[a\\]b]: javascript:alert(3)\n[w]: javascript&#58;x\n")
    page, warnings = _page_and_warnings(tmp_path, body, "javascript")
    assert "<p>Teks dengan tautan di sini.</p>\n<p>Teks dua lagi.</p>" in page and "]:" not in page
    path = "content/2025/06/a.md"
    link = "is not an address readers can follow; write the real https:// address (or a path on the site, mailto:, tel:)"
    line = ("not an address readers can follow, and no link uses it; delete the line, or write the real https:// "
            "address (or a path on the site, mailto:, tel:)")
    assert warnings == [
        f"{path}:5: warning: link 'tautan' shown as plain text: javascript:alert(2) {link}",
        f"{path}:8: warning: reference line to javascript:alert(1): {line}",
        f"{path}:10: warning: reference line to javascript:void(0): {line}",
        f"{path}:12: warning: link 'dua' shown as plain text: javascript:alert(3) {link}",
        f"{path}:15: warning: reference line to javascript:x: {line}"]


def test_a_mixed_direction_headline_and_summary_take_their_own_direction_wherever_shown(tmp_path: Path) -> None:
    """An Arabic reader's report: 'الذكاء الاصطناعي في إندونيسيا: OpenAI و Meta …' took the page's left-to-right
    direction in the <h1>, lists, the home's lead, related reading, the weekly edition and its email, so its clauses
    read in reverse order. Each place that shows a headline or a summary gives it dir="auto" (or <bdi> inside a
    label), as the breadcrumb does. (The browser test sees the first word at the right.)"""
    title = "الذكاء الاصطناعي في إندونيسيا: OpenAI و Meta تستثمران مليار دولار"
    summary = "شركتا OpenAI و Meta تعلنان عن استثمار كبير"
    root = make_project(tmp_path, {
        "2025/06/a.md": article(title=f'"{title}"', summary=f'"{summary}"', tags="[AI]", section="Teknologi",
                                date="2025-06-12T09:00:00+07:00"),
        "2025/06/b.md": article(title="Berita lain", tags="[AI]", date="2025-06-11T09:00:00+07:00")})
    files = {p: d.decode() for p, d in build_project(root).output.files.items() if p.endswith(".html")}
    headline = f'<a href="/2025/06/a/">{title}</a>'
    assert f'<h1 dir="auto">{title}</h1>' in files["2025/06/a/index.html"]
    assert f'<p class="lead" dir="auto">{summary}</p>' in files["2025/06/a/index.html"]
    assert f'<a href="/2025/06/a/" dir="auto">{title}</a> <time' in files["2025/06/b/index.html"]  # related
    assert f'<span>Artikel lebih baru</span> <bdi>{title}</bdi></a>' in files["2025/06/b/index.html"]
    assert f'<h2 dir="auto">{headline}</h2>' in files["index.html"]  # the home's lead
    assert f'<p class="summary" dir="auto">{summary}</p>' in files["index.html"]
    for path in ("sections/teknologi/index.html", "tags/ai/index.html"):
        assert f'<h2 dir="auto">{headline}</h2>\n' in files[path] and f'<p dir="auto">{summary}</p>' in files[path]
    assert f'<h3 dir="auto">{headline}</h3>' in files["weekly/2025-W24/index.html"]
    assert f'<p dir="auto">{summary}</p>' in files["weekly/2025-W24/index.html"]
    email = files["weekly/2025-W24/email.html"]
    # the email writes its direction out (dir="auto" gave way to the frame's inlined left alignment)
    assert re.search(f'<h3 dir="rtl" style="[^"]*"><a href="https://example.org/2025/06/a/" style="[^"]*">{title}</a>',
                     email), email
    assert re.search(f'<p dir="rtl" style="[^"]*">{summary}</p>', email), email


def test_a_mixed_direction_name_is_isolated_in_its_own_direction_wherever_shown(tmp_path: Path) -> None:
    """A section 'أخبار AI', a tag 'ذكاء AI' and a publisher 'قناة BBC' took the page's left-to-right direction in
    the section bar, breadcrumb, date lines, lists and headings, so 'AI' came first for an Arabic reader (links
    were `unicode-bidi: isolate`, which keeps the words around a name in place but not the name's own order)."""
    section, tag, source = "أخبار AI", "ذكاء AI", "قناة BBC"
    root = make_project(tmp_path, {"2025/06/a.md": article(
        title="Investasi", section=f'"{section}"', tags=f'["{tag}"]', companies="[OpenAI]",
        source=f'{{name: "{source}", url: "https://bbc.example/x"}}')})
    files = {p: d.decode() for p, d in build_project(root).output.files.items() if p.endswith((".html", ".js"))}
    post, home = files["2025/06/a/index.html"], files["index.html"]
    assert f'<a href="/sections/khbr-ai/" aria-current="true" dir="auto">{section}</a></li>' in post  # section bar
    assert f'data-pagefind-meta="section" dir="auto">{section}</a></li>' in post  # the breadcrumb
    assert f'<a href="https://bbc.example/x" rel="external noopener" dir="auto">{source}</a> · 1 menit baca' in post
    assert f'<a href="/sections/khbr-ai/" dir="auto">{section}</a> · <a href="https://bbc.example/x" rel="external noopener" dir="auto">{source}</a></p>' in home
    assert f'dir="auto">{tag}</a> <span class="count">(1)</span></li>' in files["tags/index.html"]
    assert f'dir="auto">{section}</a> <span class="count">(1)</span></li>' in files["sections/index.html"]
    assert f'dir="auto">{source}</a> <span class="count">(1)</span></li>' in files["sources/index.html"]
    assert f"<h1>Rubrik: <bdi>{section}</bdi></h1>" in files["sections/khbr-ai/index.html"]
    assert f"<h1>Sumber: <bdi>{source}</bdi></h1>" in files["sources/" + source_slug(files) + "index.html"]
    edition = files["weekly/2025-W24/index.html"]
    assert f'dir="auto">{section}</a></h2>' in edition and f'rel="external noopener"><bdi>{source}</bdi></a></p>' in edition
    assert '<a href="/companies/openai/" dir="auto">OpenAI</a></p>' in edition
    assert 'el("bdi", "", hit.meta.section)' in files["search.js"]


def source_slug(files: dict[str, str]) -> str:
    """The publisher page's folder, as the sources list links it."""
    found = re.search(r'<li><a href="/sources/([^"]+/)" dir="auto">', files["sources/index.html"])
    assert found, files["sources/index.html"]
    return found[1]


@pytest.mark.parametrize("language, expected", [
    ("en", {"tags/": "All tags on Kabar AI, each with its number of articles.",
            "companies/": "All companies on Kabar AI, each with its number of articles.",
            "sections/": "All sections on Kabar AI, each with its number of articles.",
            "sources/": "All publishers on Kabar AI, each with its number of articles.",
            "weekly/": "All weekly editions on Kabar AI, each with its number of articles.",
            "weekly/2025-W24/": "Edition #1 of Kabar AI: 1 article from the week of June 9–15, 2025."}),
    ("id", {"tags/": "Daftar tag di Kabar AI, masing-masing dengan jumlah artikelnya.",
            "companies/": "Daftar perusahaan di Kabar AI, masing-masing dengan jumlah artikelnya.",
            "sections/": "Daftar rubrik di Kabar AI, masing-masing dengan jumlah artikelnya.",
            "sources/": "Daftar sumber berita di Kabar AI, masing-masing dengan jumlah artikelnya.",
            "weekly/": "Daftar edisi mingguan di Kabar AI, masing-masing dengan jumlah artikelnya.",
            "weekly/2025-W24/": "Edisi #1 Kabar AI: 1 artikel dari pekan 9–15 Juni 2025."})])
def test_list_pages_meta_descriptions_read_as_sentences(tmp_path: Path, language: str,
                                                        expected: dict[str, str]) -> None:
    """The page's heading went mid-sentence as it is written: 'All Tags on Kabar AI', 'Daftar Edisi mingguan di
    …', '1 article from Edition #26 · December 22–28, 2025 on Kabar AI'."""
    make_project(tmp_path, {"2025/06/a.md": article(title="A", tags="[AI]", section="Asia",
                                                    source="{name: Reuters, url: 'https://www.reuters.com/a'}")},
                 config=f"title: Kabar AI\nbase_url: https://example.org/\nlanguage: {language}\n")
    files = build_project(tmp_path).output.files
    found = {path: re.search(r'<meta name="description" content="([^"]*)">', files[path + "index.html"].decode())[1]
             for path in expected}
    assert found == expected


def test_every_page_of_a_paginated_list_has_the_lists_description_and_its_title_the_page_number(
        tmp_path: Path) -> None:
    """A year's, a month's and a company pair's second page said '3 articles from 2025 · Page 2 of 3 on Kabar AI'
    in its meta and Open Graph descriptions, while a tag's said '3 articles tagged AI on Kabar AI': a description
    says what the list is (as Hugo and Zola keep it on every page of a list); the title carries the page number."""
    make_project(tmp_path, {f"2025/06/{n}.md": article(title=n, date=f"2025-06-1{i}T09:00:00+07:00", tags="[AI]",
                                                        section="Asia", companies="[Google, OpenAI]",
                                                        source=f"{{name: Reuters, url: 'https://www.reuters.com/{n}'}}")
                            for i, n in enumerate("abc")},
                 config="title: Kabar AI\ndescription: AI news.\nbase_url: https://example.org/\nlanguage: en\n"
                        "page_size: 1\n")
    files = build_project(tmp_path).output.files
    lists = {"2025/": "2025", "2025/06/": "June 2025", "tags/ai/": "Tag: AI", "sections/asia/": "Section: Asia",
             "companies/google/": "Company: Google", "companies/google/with/openai/": "Google with OpenAI",
             "companies/google/sections/asia/": "Google in Asia", "sources/reuters-com/": "Publisher: Reuters",
             "": "Latest news"}
    for first, title in lists.items():
        one, two = (files[f"{first}{page}index.html"].decode() for page in ("", "page/2/"))
        described = re.search(r'<meta name="description" content="([^"]*)">', one)[1]
        assert "Page" not in described, (first, described)
        assert f'<meta name="description" content="{described}">' in two, (first, described)
        assert f'<meta property="og:description" content="{described}">' in two, first
        assert f"<title>{title} · Page 2 of 3 · Kabar AI</title>" in two, first
        assert f'<meta property="og:title" content="{title} · Page 2 of 3">' in two, first
    assert '<meta name="description" content="3 articles from June 2025 on Kabar AI.">' in files[
        "2025/06/page/3/index.html"].decode()
    assert '<meta name="description" content="3 articles from Google with OpenAI on Kabar AI.">' in files[
        "companies/google/with/openai/page/2/index.html"].decode()


def test_a_right_to_left_part_of_a_joined_title_is_isolated_in_plain_text_and_in_bdi_in_html(tmp_path: Path) -> None:
    """'<Arabic headline> · Kabar AI' in <title>, 'Tag: ذكاء AI', a company pair's 'Google in أخبار AI', a weekly
    note's 'Edition #1: أسبوع AI' and the feed titles were joined as they were: the Arabic part's Latin word and the
    words around it ran together out of order. In plain text (<title>, og:title, descriptions, feeds, the email's
    text) the part is between U+2068 and U+2069; in HTML it is in <bdi>. A Latin-only title is as it was."""
    tag, section, note = "ذكاء AI", "أخبار AI", "أسبوع AI"
    make_project(tmp_path, {
        **{f"2025/06/{n}.md": article(title='"مرحبا بالعالم"' if n == "a" else n, tags=f'["{tag}"]',
                                      section=f'"{section}"', companies="[Google]",
                                      date=f"2025-06-1{i}T09:00:00+07:00") for i, n in enumerate("abc")},
        "weekly/2025-W24.md": f'---\ntitle: "{note}"\n---\nNote.\n'},
        config="title: Kabar AI\nbase_url: https://example.org/\nlanguage: en\n")
    files = {p: d.decode() for p, d in build_project(tmp_path).output.files.items()
             if p.endswith((".html", ".xml", ".txt"))}

    def head(path: str) -> list[str]:
        return re.findall(r'<title>.*</title>|<meta (?:name="description"|property="og:(?:title|description)").*>'
                          r'|<h1>.*</h1>|“.*”|title="[^"]*\(RSS\)"', files[path])

    post = files["2025/06/a/index.html"]
    assert "<title>\u2068مرحبا بالعالم\u2069 · Kabar AI</title>" in post
    assert '<meta property="og:title" content="\u2068مرحبا بالعالم\u2069">' in post
    assert head("tags/dhk-ai/index.html") == [
        "<title>Tag: \u2068ذكاء AI\u2069 · Kabar AI</title>",
        '<meta name="description" content="3 articles tagged \u2068ذكاء AI\u2069 on Kabar AI.">',
        '<meta property="og:title" content="Tag: \u2068ذكاء AI\u2069">',
        '<meta property="og:description" content="3 articles tagged \u2068ذكاء AI\u2069 on Kabar AI.">',
        'title="Kabar AI: \u2068ذكاء AI\u2069 (RSS)"', 'title="Kabar AI (RSS)"',
        f"<h1>Tag: <bdi>{tag}</bdi></h1>", f"“Kabar AI: <bdi>{tag}</bdi>”"]
    assert head("companies/google/sections/khbr-ai/index.html") == [
        "<title>Google in \u2068أخبار AI\u2069 · Kabar AI</title>",
        '<meta name="description" content="3 articles from Google in \u2068أخبار AI\u2069 on Kabar AI.">',
        '<meta property="og:title" content="Google in \u2068أخبار AI\u2069">',
        '<meta property="og:description" content="3 articles from Google in \u2068أخبار AI\u2069 on Kabar AI.">',
        'title="Kabar AI: Google in \u2068أخبار AI\u2069 (RSS)"', 'title="Kabar AI (RSS)"',
        f"<h1>Google in <bdi>{section}</bdi></h1>", f"“Kabar AI: Google in <bdi>{section}</bdi>”"]
    assert f'dir="auto">Google in <bdi>{section}</bdi></a> (3)' in files["companies/google/index.html"]
    assert f'<a href="/weekly/2025-W24/">Edition #1: <bdi>{note}</bdi></a>' in files["weekly/index.html"]
    edition = files["weekly/2025-W24/index.html"]
    assert "<title>Edition #1: \u2068أسبوع AI\u2069 · Kabar AI</title>" in edition
    assert f"<h1>Edition #1: <bdi>{note}</bdi></h1>" in edition
    assert "<title>Edition #1: \u2068أسبوع AI\u2069</title>" in files["weekly/feed.xml"]
    assert "<title>Kabar AI: \u2068ذكاء AI\u2069</title>" in files["tags/dhk-ai/feed.xml"]
    assert "Edition #1: \u2068أسبوع AI\u2069" in files["weekly/2025-W24/email.txt"]
    assert "<title>Edition #1: \u2068أسبوع AI\u2069 · Kabar AI</title>" in files["weekly/2025-W24/email.html"]
    assert "<title>b · Kabar AI</title>" in files["2025/06/b/index.html"]  # Latin-only: no isolates
    assert "\u2068" not in files["2025/06/b/index.html"].split("</head>")[0]
