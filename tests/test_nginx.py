"""The example site served by Debian's nginx with deploy/nginx.conf (the config the README shows),
at a host's root and under a sub-path: every file and every link answers, with the right type.

The test starts nginx itself, as the current user, with its own prefix, pid, logs and temp
folders under the test's tmp folder, on a free loopback port, and stops it afterwards.
"""
from __future__ import annotations

import gzip
import http.client
import os
import shutil
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, NamedTuple
from urllib.parse import quote, urljoin, urlsplit

import pytest

from conftest import skip_or_fail
from generator.commands.linkcheck import Site, read_site, references

REPO = Path(__file__).resolve().parent.parent
CONF = REPO / "deploy" / "nginx.conf"
BIN = Path(sys.executable).parent
MOVED_FROM = "lama/artikel-pindah/"
"""An old address the test gives the first example article, so redirects are served too."""
MOVED_LONG = "2019/03/17/perusahaan-teknologi-besar-mengurangi-investasi-kecerdasan-buatan.html"
"""A second one, longer than nginx's default map_hash_bucket_size (64) takes: nginx refused to start."""
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/xml", "text/xml", "application/json",
              "application/feed+json")
TYPES = {".html": "text/html", ".css": "text/css", ".xml": "application/xml", ".svg": "image/svg+xml",
         ".json": "application/json", ".atom": "application/atom+xml", ".txt": "text/plain",
         ".js": "application/javascript", ".pdf": "application/pdf", ".mp4": "video/mp4", ".webm": "video/webm",
         ".mp3": "audio/mpeg", ".m4a": "audio/mp4", ".ogg": "audio/ogg", ".avif": "image/avif", ".csv": "text/csv",
         ".woff": "font/woff", ".webmanifest": "application/manifest+json", ".zip": "application/zip",
         ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
"""What each kind of file answers as; the ones no page of the example has are put in its static/ (``OWN_FILES``):
a press release's PDF or a clip came as application/octet-stream, a download, when the recipe listed 14 types."""
OWN_FILES = (".pdf", ".mp4", ".webm", ".mp3", ".m4a", ".ogg", ".avif", ".csv", ".woff", ".webmanifest", ".zip",
             ".docx", ".xlsx")
HIDDEN = ("_redirects", "redirects.nginx.conf")
"""Files the build writes for the host, which nginx must not serve."""


def nginx_binary() -> str:
    """Debian's nginx, or a skip with its reason (a failure when $CI is set: CI must never skip it)."""
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if os.access("/usr/sbin/nginx", os.X_OK) else None)
    if found is None:
        reason = "nginx is not installed; bash .ci/run installs it (apt-get install nginx-light)"
        skip_or_fail(reason)
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def replace_once(text: str, old: str, new: str) -> str:
    """Change one thing in the README's config; if it is not there exactly once, the config moved on."""
    assert text.count(old) == 1, f"deploy/nginx.conf should contain {old!r} once"
    return text.replace(old, new)


def server_conf(www: Path, port: int, base_path: str) -> str:
    """deploy/nginx.conf with the three values it tells you to change: port, folder, base path."""
    text = CONF.read_text()
    text = replace_once(text, "listen 80;", f"listen 127.0.0.1:{port};")
    text = replace_once(text, "root /srv/www;", f"root {www};")
    text = replace_once(text, "include /srv/www/digest/redirects.nginx.conf;",
                        f"include {www}{base_path}redirects.nginx.conf;")
    return text.replace("/digest/", base_path)


def main_conf(tmp: Path, server: Path) -> str:
    """A whole nginx.conf around the server block: everything nginx writes stays in ``tmp``."""
    temps = "\n".join(f"    {name}_temp_path {tmp}/{name};" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return (f"daemon off;\nmaster_process off;\npid {tmp}/nginx.pid;\nerror_log {tmp}/error.log warn;\n"
            f"events {{\n    worker_connections 64;\n}}\nhttp {{\n    access_log off;\n{temps}\n"
            f"    include {server};\n}}\n")


class Served(NamedTuple):
    port: int
    base_path: str
    files: dict[str, bytes]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.base_path}"


def example_project(tmp: Path) -> Path:
    """A copy of this repository's example site, with one article moved (an old address in 'redirects:')."""
    project = tmp / "project"
    project.mkdir()
    shutil.copy(REPO / "config.yaml", project / "config.yaml")
    shutil.copytree(REPO / "content", project / "content")
    for folder in ("templates", "static", "themes"):
        if (REPO / folder).is_dir():
            shutil.copytree(REPO / folder, project / folder)
    (project / "static/.well-known").mkdir(parents=True)
    (project / "static/.well-known/security.txt").write_text("Contact: mailto:redaksi@example.org\n")
    (project / "static/files").mkdir()
    for suffix in OWN_FILES:
        (project / f"static/files/berkas{suffix}").write_bytes(b"x" * 300)
    first = sorted((project / "content").rglob("*.md"))[0]
    text = first.read_text(encoding="utf-8")
    first.write_text(text.replace("---\n", f"---\nredirects: [{MOVED_FROM}, {MOVED_LONG}]\n", 1), encoding="utf-8")
    return project


@pytest.fixture(params=["/digest/", "/", "/beritä/"], ids=["sub-path", "root", "non-ascii-path"])
def served(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Served]:
    """The example site under a base path, served by deploy/nginx.conf. A path beyond ASCII is the README's own
    example: nginx's config and its folder hold it as written, URLs percent-encoded (``Served.base_path``)."""
    nginx = nginx_binary()
    folder: str = request.param
    base_path = quote(folder)
    port = free_port()
    www = tmp_path / "www"
    out = www / folder.strip("/") if folder != "/" else www
    out.parent.mkdir(parents=True, exist_ok=True)
    build = subprocess.run([BIN / "digest", "build", "-q", "--base-url", f"http://127.0.0.1:{port}{folder}",
                            "--output", str(out)], cwd=example_project(tmp_path), capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    with running_nginx(nginx, tmp_path, port, server_conf(www, port, folder)):
        yield Served(port, base_path, read_site(out))


@contextmanager
def running_nginx(nginx: str, tmp_path: Path, port: int, server: str) -> Iterator[None]:
    """nginx with ``server`` (its http {} lines) in a whole config, listening on ``port``; stopped afterwards."""
    (tmp_path / "server.conf").write_text(server)
    (tmp_path / "nginx.conf").write_text(main_conf(tmp_path, tmp_path / "server.conf"))
    process = subprocess.Popen([nginx, "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c",
                                str(tmp_path / "nginx.conf")], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 20
        while True:
            if process.poll() is not None:
                pytest.fail(f"nginx stopped at once:\n{process.stderr.read().decode() if process.stderr else ''}"
                            f"{(tmp_path / 'error.log').read_text() if (tmp_path / 'error.log').exists() else ''}")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
                break
            except OSError:
                assert time.monotonic() < deadline, "nginx did not start listening within 20 s"
                time.sleep(0.05)
        yield
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class Response(NamedTuple):
    status: int
    headers: dict[str, str]
    body: bytes


def get(port: int, path: str, **headers: str) -> Response:
    """One GET, redirects not followed; header names lower-cased."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={k.replace("_", "-"): v for k, v in headers.items()})
        response = connection.getresponse()
        return Response(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
    finally:
        connection.close()


def is_feed(path: str, data: bytes) -> bool:
    return path.endswith(("feed.xml", "atom.xml", ".atom")) or (path.endswith(".json") and b"jsonfeed.org/version" in data)


def test_every_file_answers_with_its_bytes_and_type(served: Served) -> None:
    feeds = 0
    for path, data in served.files.items():
        response = get(served.port, served.base_path + path)
        if path in HIDDEN:
            assert response.status == 404, f"{path} is for the host, not for readers"
            continue
        if b'http-equiv="refresh"' in data:  # a moved article's old address: the server's 301 comes first
            assert response.status == 301, path
            continue
        assert response.status == 200, path
        assert response.body == data, path
        assert response.headers.get("cache-control") == "no-cache", f"{path}: a browser may keep an old copy"
        kind = response.headers["content-type"].split(";")[0]
        if is_feed(path, data):
            feeds += 1
            assert kind in FEED_TYPES, f"{path}: {kind}"
            assert kind != "application/xml" or not path.endswith("feed.xml"), f"{path}: RSS should say rss+xml"
            assert kind == "application/atom+xml" or not path.endswith("atom.xml"), f"{path}: Atom said {kind}"
        elif Path(path).suffix in TYPES:
            assert kind == TYPES[Path(path).suffix], f"{path}: {kind}"
    assert feeds > 5
    assert {Path(path).suffix for path in served.files} >= set(OWN_FILES)


def test_every_link_resolves_through_nginx(served: Served) -> None:
    site = Site(served.files, served.base_url)
    targets: set[str] = set()
    for path, data in served.files.items():
        for ref in references(path, data):
            if site.resolve(path, ref) is not None:
                url = urlsplit(urljoin(served.base_url + path, ref.strip()))
                targets.add(url.path + (f"?{url.query}" if url.query else ""))
    assert len(targets) > 50
    failed = {target: status for target in sorted(targets) if (status := get(served.port, target).status) != 200}
    assert failed == {}


def test_a_missing_page_is_the_404_page_with_status_404(served: Served) -> None:
    response = get(served.port, served.base_path + "tidak-ada/")
    assert (response.status, response.body) == (404, served.files["404.html"])
    assert response.headers["content-type"].startswith("text/html")
    # a folder with no index.html of its own (the search index's; one that holds only a redirect page) was
    # nginx's bare "403 Forbidden" page
    folders = {"/".join(path.split("/")[:n]) + "/" for path in served.files for n in range(1, path.count("/") + 1)}
    bare = sorted(folder for folder in folders if folder + "index.html" not in served.files)
    assert {"pagefind/", "2019/", "2019/03/17/", "lama/"} <= set(bare)
    for folder in bare:
        response = get(served.port, served.base_path + folder)
        assert (response.status, response.body) == (404, served.files["404.html"]), folder


def test_text_is_gzipped(served: Served) -> None:
    for path in ("index.html", "style.css", "feed.xml", "atom.xml", "sitemap.xml", "reltime.js", "search.js"):
        response = get(served.port, served.base_path + path, Accept_Encoding="gzip")
        assert response.headers.get("content-encoding") == "gzip", path
        assert response.headers.get("vary") == "Accept-Encoding", path
        assert gzip.decompress(response.body) == served.files[path], path


def test_moved_articles_answer_301_and_folders_get_their_slash(served: Served) -> None:
    registered = (served.base_path + "companies/", served.base_path + "sources/")
    plan = sorted(line.split() for line in served.files["_redirects"].decode().splitlines()[1:]
                  if not line.startswith(registered))
    assert [old for old, _, _ in plan] == [served.base_path + MOVED_LONG, served.base_path + MOVED_FROM]
    (long, new, _), (old, same, _) = plan
    assert same == new
    for asked in (old, old.rstrip("/"), old + "index.html", long):
        response = get(served.port, asked)
        assert (response.status, response.headers.get("location")) == (301, new), asked
    assert get(served.port, new).status == 200
    # GoTo's page before companies.yaml registered it with its alias Gojek, and its feeds: a feed reader follows 301
    for asked, now in (("companies/gojek/", "companies/goto/"), ("companies/gojek/feed.xml", "companies/goto/feed.xml"),
                       ("companies/gojek/feed.json", "companies/goto/feed.json")):
        response = get(served.port, served.base_path + asked)
        assert (response.status, response.headers.get("location")) == (301, served.base_path + now), asked
        assert get(served.port, served.base_path + now).status == 200
        tracked = get(served.port, served.base_path + asked + "?utm_source=x")  # a shared link's query goes on
        assert tracked.headers.get("location") == served.base_path + now + "?utm_source=x"
    tags = get(served.port, served.base_path + "tags")
    assert (tags.status, tags.headers.get("location")) == (301, served.base_path + "tags/")
    assert get(served.port, served.base_path + ".news-digest").status == 404
    well_known = get(served.port, served.base_path + ".well-known/security.txt")  # a dot-folder that is for all
    assert (well_known.status, well_known.body) == (200, b"Contact: mailto:redaksi@example.org\n")
    assert ("robots.txt" in served.files) == (served.base_path == "/")


def test_the_readme_shows_the_config_the_test_serves_with() -> None:
    assert "```nginx\n" + CONF.read_text() + "```\n" in (REPO / "README.md").read_text()


def test_the_readmes_rsync_recipe_sends_well_known_and_keeps_the_marker_back(tmp_path: Path) -> None:
    """A maintainer's report: the README's rsync (and S3) recipe excluded '.*', so static/.well-known/security.txt
    (an ACME challenge too), which the configuration reference says is published, never reached the server."""
    from conftest import need
    need(shutil.which("rsync") is not None, "rsync is not installed (apt install rsync)")
    readme = (REPO / "README.md").read_text()
    command = next(line for line in readme.splitlines() if line.startswith("rsync -a "))
    project = example_project(tmp_path)
    build = subprocess.run([BIN / "digest", "build", "-q"], cwd=project, capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    server = tmp_path / "server"
    args = command.split()
    assert args[-1] == "deploy@example.org:/srv/www/digest/"
    sent = subprocess.run([*(a.strip("'") for a in args[:-1]), f"{server}/"], cwd=project, capture_output=True,
                          text=True)
    assert sent.returncode == 0, sent.stderr
    assert (server / ".well-known/security.txt").read_text() == "Contact: mailto:redaksi@example.org\n"
    assert (server / "index.html").is_file() and not (server / ".news-digest").exists()


def test_an_imports_map_keeps_old_addresses_that_differ_only_in_letter_case_apart(tmp_path: Path) -> None:
    """A report on this round's fix: `digest import` of a Jekyll post 'My-Post' mapped '/2025/06/My-Post/' to
    '/2025/06/my-post/', which nginx (matching plain keys ignoring case) answered for the new page too: a loop.
    Such keys are case-sensitive patterns; served by nginx, each old address leads where it should."""
    from generator.commands.importer.report import nginx_map
    nginx = nginx_binary()
    port = free_port()
    (tmp_path / "r.conf").write_text(nginx_map((("/2025/06/My-Post/", "/2025/06/my-post/"), ("/a.b/X/", "/1/"),
                                                ("/a.b/x/", "/2/"), ("/lain/", "/3/"), ("/A\\d.html", "/4/"),
                                                ("/a\\d.html", "/5/"), ("/2024/01/Apple-News/", "/2024/01/apple-news-2/")),
                                               pages=["/2024/01/apple-news/", "/2024/01/apple-news-2/"]))
    server = (f"map_hash_bucket_size 256;\nmap $uri $digest_redirect {{ include {tmp_path}/r.conf; }}\n"
              f"server {{ listen 127.0.0.1:{port}; location / {{ if ($digest_redirect) {{ return 301 $digest_redirect; }} "
              f"return 200 \"ok\"; }} }}\n")
    with running_nginx(nginx, tmp_path, port, server):
        answers = {path: (r.status, r.headers.get("location", "")) for path in
                   ("/2025/06/my-post/", "/2025/06/My-Post/", "/a.b/X/", "/a.b/x/", "/aXb/x/", "/LAIN/",
                    "/A%5Cd.html", "/A5.html", "/2024/01/apple-news/", "/2024/01/Apple-News/",
                    "/2025/06/My-Post", "/2025/06/My-Post/index.html", "/2025/06/my-post", "/lain", "/lain/index.html")
                   for r in [get(port, path)]}
    assert answers == {"/2025/06/my-post/": (200, ""), "/2025/06/My-Post/": (301, f"http://127.0.0.1:{port}/2025/06/my-post/"),
                       "/a.b/X/": (301, f"http://127.0.0.1:{port}/1/"), "/a.b/x/": (301, f"http://127.0.0.1:{port}/2/"),
                       "/aXb/x/": (200, ""), "/LAIN/": (301, f"http://127.0.0.1:{port}/3/"),
                       # the next attack: a backslash in an old URL was a PCRE escape ('\\d' matched '/A5.html'), and
                       # an old URL like another article's own (not another old one's) took that article's page
                       "/A%5Cd.html": (301, f"http://127.0.0.1:{port}/4/"), "/A5.html": (200, ""),
                       "/2024/01/apple-news/": (200, ""),
                       "/2024/01/Apple-News/": (301, f"http://127.0.0.1:{port}/2024/01/apple-news-2/"),
                       # an old folder without its '/' or with index.html was 404: the build's map has both forms
                       "/2025/06/My-Post": (301, f"http://127.0.0.1:{port}/2025/06/my-post/"),
                       "/2025/06/My-Post/index.html": (301, f"http://127.0.0.1:{port}/2025/06/my-post/"),
                       "/2025/06/my-post": (200, ""), "/lain": (301, f"http://127.0.0.1:{port}/3/"),
                       "/lain/index.html": (301, f"http://127.0.0.1:{port}/3/")}


def test_an_old_address_written_decomposed_answers_in_the_composed_form_browsers_send_too(tmp_path: Path) -> None:
    """A report: 'redirects: [kafe\u0301/]' (e + U+0301, pasted from a macOS file name) got its rules in that form
    only, so nginx answered 404 to /kaf%C3%A9/, the composed form (NFC) a link on the web has. The rule files now
    hold the NFC form too; the page stays at the address as written, and one written in NFC gets no other form."""
    from conftest import article, build_project, make_project
    nginx = nginx_binary()
    port = free_port()
    make_project(tmp_path / "p", {"2025/06/a.md": article(redirects='["kafe\u0301/", "été/", "北/"]')})
    files = build_project(tmp_path / "p").output.files
    assert "kafe\u0301/index.html" in files and "kafé/index.html" not in files
    assert files["_redirects"].decode().splitlines()[1:] == [
        "/kafe%CC%81/ /2025/06/a/ 301", "/kaf%C3%A9/ /2025/06/a/ 301", "/%C3%A9t%C3%A9/ /2025/06/a/ 301",
        "/%E5%8C%97/ /2025/06/a/ 301"]
    (tmp_path / "r.conf").write_bytes(files["redirects.nginx.conf"])
    server = (f"map_hash_bucket_size 256;\ninclude {tmp_path}/r.conf;\nserver {{ listen 127.0.0.1:{port}; location / {{ "
              f"if ($news_digest_redirect) {{ return 301 $news_digest_redirect; }} return 200 \"ok\"; }} }}\n")
    with running_nginx(nginx, tmp_path, port, server):
        answers = {path: get(port, path).status for path in (
            "/kafe%CC%81/", "/kaf%C3%A9/", "/kaf%C3%A9", "/kaf%C3%A9/index.html", "/%C3%A9t%C3%A9/",
            "/e%CC%81te%CC%81/", "/%E5%8C%97/")}
    assert answers == {"/kafe%CC%81/": 301, "/kaf%C3%A9/": 301, "/kaf%C3%A9": 301, "/kaf%C3%A9/index.html": 301,
                       "/%C3%A9t%C3%A9/": 301, "/e%CC%81te%CC%81/": 200, "/%E5%8C%97/": 301}
