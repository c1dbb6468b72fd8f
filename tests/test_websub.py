"""`digest ping` against a small WebSub hub on loopback: what it announces, and what happens when the hub fails."""
from __future__ import annotations

import socket
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Iterator

import pytest

from conftest import CONFIG, article, make_project
from generator.commands.cli import main


class Hub:
    """Records every publish request; answers with ``status``."""

    def __init__(self) -> None:
        self.requests: list[dict[str, list[str]]] = []
        self.status = 204
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 (the http.server name)
                length = int(self.headers["Content-Length"])
                body = self.rfile.read(length).decode()
                assert self.headers["Content-Type"] == "application/x-www-form-urlencoded"
                hub.requests.append(urllib.parse.parse_qs(body))
                self.send_response(hub.status)
                if 300 <= hub.status < 400:
                    self.send_header("Location", "https://hub.example/new")
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hub"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def topics(self) -> list[str]:
        assert all(r["hub.mode"] == ["publish"] for r in self.requests)
        topics = [t for r in self.requests for t in r["hub.url"]]
        self.requests.clear()
        return topics


@pytest.fixture
def hub() -> Iterator[Hub]:
    h = Hub()
    yield h
    h.server.shutdown()
    h.server.server_close()


def project(root: Path, hub_url: str) -> Path:
    return make_project(root, {"a.md": article(tags="[ai]"), "b.md": article(title="B", date="2025-06-20")},
                        config=CONFIG + f"feeds:\n  websub_hub: {hub_url}\n")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ping_announces_every_feed_once_then_only_the_changed_ones(tmp_path: Path, hub: Hub,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    config = str(project(tmp_path, hub.url) / "config.yaml")
    assert run(capsys, "build", "--config", config, "-q")[0] == 0
    code, out, err = run(capsys, "ping", "--config", config)
    assert (code, err) == (0, "")
    first = hub.topics()
    assert "https://example.org/feed.xml" in first and "https://example.org/tags/ai/atom.xml" in first
    assert "https://example.org/weekly/feed.json" in first and len(first) == len(set(first))
    assert out.endswith(f"announced {len(first)} feeds to {hub.url}; 0 unchanged, 0 failed\n")

    assert run(capsys, "ping", "--config", config)[1].endswith(f"announced 0 feeds to {hub.url}; {len(first)} "
                                                               "unchanged, 0 failed\n")
    assert hub.topics() == []

    (tmp_path / "content/b.md").write_text(article(title="B baru", date="2025-06-20"))
    assert run(capsys, "build", "--config", config, "-q")[0] == 0
    run(capsys, "ping", "--config", config)
    assert sorted(hub.topics()) == sorted(f"https://example.org/{first}{name}" for first in ("", "weekly/")
                                          for name in ("feed.xml", "atom.xml", "feed.json"))


def test_each_environment_with_its_own_output_folder_keeps_its_own_record(tmp_path: Path, hub: Hub,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """'digest ping -e staging' wrote .cache/websub.json, which production's ping then read: production's feeds,
    never announced, were 'unchanged', and the hub was not told of them (or the reverse)."""
    config = str(project(tmp_path, hub.url) / "config.yaml")
    (tmp_path / "config.staging.yaml").write_text("output_dir: staging-site\n")
    for env in ((), ("-e", "staging")):
        assert run(capsys, "build", "--config", config, "-q", *env)[0] == 0
    assert run(capsys, "ping", "--config", config, "-e", "staging")[0] == 0
    feeds = len(hub.topics())
    assert feeds > 6
    code, out, _ = run(capsys, "ping", "--config", config)
    assert (code, out.splitlines()[-1]) == (0, f"announced {feeds} feeds to {hub.url}; 0 unchanged, 0 failed")
    assert len(hub.topics()) == feeds
    for env in ((), ("-e", "staging")):
        out = run(capsys, "ping", "--config", config, *env)[1]
        assert out == f"announced 0 feeds to {hub.url}; {feeds} unchanged, 0 failed\n"
    assert hub.topics() == []


def test_ping_output_announces_the_site_build_output_wrote(tmp_path: Path, hub: Hub,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """'digest build --output public' then 'digest ping' said 'site: no built site' (or read a stale site/):
    ping had no --output. Its record is the folder's own, as the build cache is."""
    config = str(project(tmp_path, hub.url) / "config.yaml")
    public = str(tmp_path / "public")
    assert run(capsys, "build", "--config", config, "-q", "--output", public)[0] == 0
    code, out, err = run(capsys, "ping", "--config", config, "--output", public)
    feeds = len(hub.topics())
    assert (code, err, out.splitlines()[-1]) == (0, "", f"announced {feeds} feeds to {hub.url}; 0 unchanged, 0 failed")
    assert feeds > 6
    assert run(capsys, "ping", "--config", config) == (
        2, "", f"error: {tmp_path / 'site'}: no built site; run 'digest build' first\n")
    assert run(capsys, "build", "--config", config, "-q")[0] == 0  # site/ has its own record: all new to it
    assert run(capsys, "ping", "--config", config)[1].endswith(f"announced {feeds} feeds to {hub.url}; 0 unchanged, "
                                                               "0 failed\n")
    hub.topics()
    assert run(capsys, "ping", "--config", config, "--output", public)[1] == (
        f"announced 0 feeds to {hub.url}; {feeds} unchanged, 0 failed\n")
    assert hub.topics() == []


def test_ping_base_url_announces_the_feed_urls_the_build_was_given(tmp_path: Path, hub: Hub,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """'digest build --output staging --base-url https://staging.example.org/', then 'digest ping --output staging'
    told the hub of https://example.org/feed.xml, production's feeds, with staging's bytes recorded as announced:
    ping had no --base-url. It takes build's, with the same check of the URL."""
    config = str(project(tmp_path, hub.url) / "config.yaml")
    staging, base = str(tmp_path / "staging"), "https://staging.example.org/"
    assert run(capsys, "build", "--config", config, "-q", "--output", staging, "--base-url", base)[0] == 0
    code, out, err = run(capsys, "ping", "--config", config, "--output", staging, "--base-url", base)
    topics = hub.topics()
    assert (code, err) == (0, "") and len(topics) > 6
    assert f"{base}feed.xml" in topics and all(t.startswith(base) for t in topics)
    assert out.splitlines()[0] == f"announced {base}atom.xml"
    assert run(capsys, "ping", "--config", config, "--output", staging, "--base-url", "https://staging example/") == (
        1, "", "--base-url: field 'base_url': 'https://staging example/' contains a space; write one URL with no "
               "spaces, quotes or <>, like https://example.org/digest/ (percent-encode the character if the address "
               "really has it, e.g. %20 for a space)\nerror: 1 problem found; nothing was written\n")
    assert hub.topics() == []


def test_ping_announces_the_urls_the_site_was_built_for_and_keeps_its_record_by_url(
        tmp_path: Path, hub: Hub, capsys: pytest.CaptureFixture[str]) -> None:
    """After 'digest build --output staging --base-url https://staging.example.org/', 'digest ping --output staging'
    (no --base-url) told the hub of production's URLs and recorded staging's bytes under their paths; the ping with
    --base-url then said '0 feeds, 21 unchanged', and staging's URLs never reached the hub. Ping announces the URLs
    the feeds name as their own, keeps its record by URL, and refuses a --base-url the site was not built for."""
    root = project(tmp_path, hub.url)
    config, staging, base = str(root / "config.yaml"), str(tmp_path / "staging"), "https://staging.example.org/"
    assert run(capsys, "build", "--config", config, "-q", "--output", staging, "--base-url", base)[0] == 0
    code, out, err = run(capsys, "ping", "--config", config, "--output", staging)
    topics = hub.topics()
    assert (code, err) == (0, "") and len(topics) > 6 and f"{base}tags/ai/feed.json" in topics
    assert all(t.startswith(base) for t in topics) and out.splitlines()[0] == f"announced {base}atom.xml"
    record = next((tmp_path / ".cache").glob("**/websub.json")).read_text()
    assert f'"{base}feed.xml": ' in record and '"feed.xml": ' not in record
    assert run(capsys, "ping", "--config", config, "--output", staging, "--base-url", base)[1] == (
        f"announced 0 feeds to {hub.url}; {len(topics)} unchanged, 0 failed\n")
    assert run(capsys, "ping", "--config", config, "--output", staging, "--base-url", "https://example.org/") == (
        2, "", f"error: --base-url https://example.org/: {staging} was built for {base} (its feed.xml says so), and "
               "ping announces the URLs its feeds name; leave --base-url out, or build it again with this one\n")
    assert hub.topics() == []


def test_ping_output_refuses_a_folder_digest_did_not_build(tmp_path: Path, hub: Hub,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    """'ping --output .' announced feed URLs made up from the project's own files and kept a record of them, and
    'ping --output content' announced 0 feeds, both at exit 0."""
    config = str(project(tmp_path, hub.url) / "config.yaml")
    assert run(capsys, "build", "--config", config, "-q")[0] == 0
    (tmp_path / "public").mkdir()  # made by hand, empty
    for folder in (".", "content", "public"):
        assert run(capsys, "ping", "--config", config, "--output", str(tmp_path / folder)) == (
            2, "", f"error: {tmp_path / folder}: no built site: digest did not build this folder (no .news-digest "
                   "file in it); give --output the folder 'digest build --output DIR' wrote\n")
    assert hub.topics() == [] and not list((tmp_path / ".cache").glob("**/websub.json"))
    (tmp_path / "site/.news-digest").unlink()
    assert run(capsys, "ping", "--config", config) == (
        2, "", f"error: {tmp_path / 'site'}: no built site: digest did not build this folder (no .news-digest file "
               "in it); run 'digest build' first\n")


def test_a_refused_ping_is_reported_and_repeated_next_time(tmp_path: Path, hub: Hub,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    config = str(project(tmp_path, hub.url) / "config.yaml")
    run(capsys, "build", "--config", config, "-q")
    hub.status = 503
    code, out, err = run(capsys, "ping", "--config", config)
    assert code == 1
    refused = hub.topics()
    assert err.splitlines()[0].startswith(f"{tmp_path / 'site'}/")
    assert all(line.endswith("not announced: the hub answered 503 Service Unavailable; 'digest ping' will try again")
               for line in err.splitlines())
    assert len(err.splitlines()) == len(refused)
    hub.status = 202
    assert run(capsys, "ping", "--config", config)[0] == 0
    assert sorted(hub.topics()) == sorted(refused)


def test_announced_feeds_that_cannot_be_remembered_are_a_warning_not_a_traceback(tmp_path: Path, hub: Hub,
                                                                                capsys: pytest.CaptureFixture[str]) -> None:
    """A maintainer's report: with .cache/ a file, a full disk, or the state file's rename failing, `digest ping`
    announced every feed and then ended in a traceback. Now a warning; the next ping announces them again. The
    rename's failure is caused in its system call."""
    import os
    import shutil
    import subprocess
    import sys
    from conftest import need
    config = str(project(tmp_path, hub.url) / "config.yaml")
    assert run(capsys, "build", "--config", config, "-q")[0] == 0
    shutil.rmtree(tmp_path / ".cache")
    (tmp_path / ".cache").write_text("not a folder")
    code, out, err = run(capsys, "ping", "--config", config)
    announced = hub.topics()
    assert code == 0 and announced and out.endswith(f"announced {len(announced)} feeds to {hub.url}; 0 unchanged, "
                                                    "0 failed\n")
    assert err == (f"{tmp_path / '.cache'}: warning: cannot be written (File exists), so the next 'digest ping' "
                   "announces these feeds again (hubs take that); make .cache/ a writable folder\n")
    (tmp_path / ".cache").unlink()
    need(shutil.which("strace") is not None, "strace is not installed (apt-get install strace)")
    failing = subprocess.run(["strace", "-f", "-qq", "-o", os.devnull, "-e", "trace=rename,renameat,renameat2",
                              "-e", "inject=rename,renameat,renameat2:error=EIO", sys.executable, "-m", "generator",
                              "ping", "--config", config], capture_output=True, text=True, timeout=120)
    assert failing.returncode == 0 and "Traceback" not in failing.stderr
    assert failing.stderr.endswith(": warning: cannot be written (Input/output error), so the next 'digest ping' "
                                   "announces these feeds again (hubs take that); make .cache/ a writable folder\n"), \
        failing.stderr
    assert sorted(hub.topics()) == sorted(announced)
    assert not [p for p in (tmp_path / ".cache").iterdir() if p.name.startswith(".websub-")]


def test_an_unreachable_hub_and_a_corrupt_state_file(tmp_path: Path, hub: Hub,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    config = str(project(tmp_path, "http://127.0.0.1:9/hub") / "config.yaml")  # discard port: nothing listens
    run(capsys, "build", "--config", config, "-q")
    code, _, err = run(capsys, "ping", "--config", config, "--timeout", "2")
    assert code == 1 and "not announced: could not reach the hub (" in err
    assert not (tmp_path / ".cache/websub.json").exists()
    (tmp_path / "config.yaml").write_text(CONFIG + f"feeds:\n  websub_hub: {hub.url}\n")
    (tmp_path / ".cache").mkdir(exist_ok=True)
    (tmp_path / ".cache/websub.json").write_text("{not json")
    assert run(capsys, "ping", "--config", config)[0] == 0  # a corrupt record means: announce everything
    assert len(hub.topics()) > 0


def test_a_redirect_is_not_an_announcement(tmp_path: Path, hub: Hub, capsys: pytest.CaptureFixture[str]) -> None:
    """urllib followed a hub's 302 with a GET without the body, and the hub's 200 to that counted as accepted:
    the feeds were recorded as announced, never to be tried again."""
    config = str(project(tmp_path, hub.url) / "config.yaml")
    run(capsys, "build", "--config", config, "-q")
    hub.status = 302
    code, _, err = run(capsys, "ping", "--config", config)
    assert code == 1 and len(hub.topics()) == len(err.splitlines()) > 1
    assert all(line.endswith("not announced: the hub answered 302 Found, a redirect to https://hub.example/new; "
                             "write the address it leads to as feeds.websub_hub (a POST is not sent on); "
                             "'digest ping' will try again") for line in err.splitlines())
    assert not (tmp_path / ".cache/websub.json").exists()


def test_a_hub_that_does_not_answer_is_tried_once_not_once_per_feed(tmp_path: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """With a hub that accepts the connection and never answers, each of the site's feeds waited its own
    --timeout: the example site's 255 feeds, 42 minutes of a deploy."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    try:
        config = str(project(tmp_path, f"http://127.0.0.1:{listener.getsockname()[1]}/hub") / "config.yaml")
        run(capsys, "build", "--config", config, "-q")
        code, out, err = run(capsys, "ping", "--config", config, "--timeout", "1")
        listener.setblocking(False)
        accepted = 0
        while True:
            try:
                listener.accept()[0].close()
                accepted += 1
            except BlockingIOError:
                break
    finally:
        listener.close()
    first, rest = err.splitlines()
    assert code == 1 and accepted == 1
    assert "not announced: could not reach the hub (timed out)" in first
    feeds = int(out.split("; ")[1].split(" unchanged, ")[1].split(" failed")[0])
    assert rest == f"{feeds - 1} other feeds not tried, as the hub could not be reached; 'digest ping' will try them again"


def test_dry_run_sends_nothing_and_refusals_say_what_to_do(tmp_path: Path, hub: Hub,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    config = str(project(tmp_path, hub.url) / "config.yaml")
    code, _, err = run(capsys, "ping", "--config", config)
    assert (code, err) == (2, f"error: {tmp_path / 'site'}: no built site; run 'digest build' first\n")
    run(capsys, "build", "--config", config, "-q")
    code, out, _ = run(capsys, "ping", "--config", config, "--dry-run")
    assert code == 0 and "would announce https://example.org/feed.xml\n" in out and hub.topics() == []
    make_project(tmp_path / "plain", {"a.md": article()})
    code, _, err = run(capsys, "ping", "--config", str(tmp_path / "plain/config.yaml"))
    assert (code, err) == (2, "error: config.yaml: feeds.websub_hub is not set; add 'feeds: {websub_hub: URL}' "
                              "with your hub's address\n")


def test_a_feed_of_another_site_copied_from_static_is_not_announced(tmp_path: Path, hub: Hub,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """static/podcast/feed.xml, a copy of the podcast host's RSS (its self link https://anchor.fm/s/abc123/podcast/rss),
    was announced to the hub as that host's feed: 'would announce https://anchor.fm/s/abc123/podcast/rss'. Only a feed
    naming a URL of the site (its base URL's host and path) is announced. Why the other one is not was said only with
    -v, so a CI log never showed the stray file: it is a warning on stderr, once, with or without -v (-q too)."""
    root = project(tmp_path, hub.url)
    (root / "static/podcast").mkdir(parents=True)
    (root / "static/podcast/feed.xml").write_text(
        '<?xml version="1.0"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
        '<atom:link href="https://anchor.fm/s/abc123/podcast/rss" rel="self"/><title>P</title></channel></rss>\n')
    config = str(root / "config.yaml")
    assert run(capsys, "build", "--config", config, "-q")[0] == 0
    said = (f"{tmp_path / 'site/podcast/feed.xml'}: warning: not announced: it names "
            "https://anchor.fm/s/abc123/podcast/rss as its own, not a URL of https://example.org/, so it is another "
            "site's feed, copied into this one; link to that feed instead (readers of a copy get no new items), or "
            "delete the copy from the static files\n")
    for verbose in ((), ("-v",), ("-q",)):
        code, out, err = run(capsys, "ping", "--config", config, "--all", *verbose)
        topics = hub.topics()
        assert (code, err) == (0, said) and "https://example.org/feed.xml" in topics
        assert all(t.startswith("https://example.org/") for t in topics) and "anchor.fm" not in out
    assert "anchor.fm" not in next((tmp_path / ".cache").glob("**/websub.json")).read_text()


def test_ping_base_url_takes_the_build_url_written_another_way(tmp_path: Path, hub: Hub,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """Built with --base-url HTTPS://Staging.Example.org/, 'ping --base-url https://staging.example.org/' was refused
    (exit 2, 'was built for HTTPS://Staging.Example.org/'): the same address. The two are compared as one address
    (scheme and host in any case, the default port, the trailing slash); another one is still refused."""
    config = str(project(tmp_path, hub.url) / "config.yaml")
    staging = str(tmp_path / "staging")
    assert run(capsys, "build", "--config", config, "-q", "--output", staging, "--base-url",
               "HTTPS://Staging.Example.org")[0] == 0
    for same in ("https://staging.example.org/", "https://STAGING.example.org:443"):
        code, out, err = run(capsys, "ping", "--config", config, "--output", staging, "--base-url", same, "--all")
        topics = hub.topics()
        assert (code, err) == (0, "") and "HTTPS://Staging.Example.org/feed.xml" in topics
    assert run(capsys, "ping", "--config", config, "--output", staging, "--base-url", "https://staging.example.org:8443/")[
        :2] == (2, "")
    assert hub.topics() == []


def test_a_hand_written_feed_naming_another_address_of_the_site_is_not_announced(
        tmp_path: Path, hub: Hub, capsys: pytest.CaptureFixture[str]) -> None:
    """static/old/feed.xml, a hand-written feed (or an old copy of the home feed) whose self link names
    https://example.org/feed.xml, was announced at that address too: the hub was told twice of the home feed, and the
    record, kept by URL, held one of the two files' hashes, so every ping announced it again. One whose self link
    names an address no file is at (/podcast.xml) had the hub fetch a 404. The hub fetches the URL it is told, and a
    reader subscribes to the URL a feed names: neither file is announced, and a warning says where each is served."""
    root = project(tmp_path, hub.url)
    for folder, url in (("old", "https://example.org/feed.xml"), ("podcast", "https://example.org/podcast.xml")):
        (root / "static" / folder).mkdir(parents=True)
        (root / "static" / folder / "feed.xml").write_text(
            '<?xml version="1.0"?>\n<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom"><channel>'
            f'<atom:link href="{url}" rel="self"/><title>{folder}</title></channel></rss>\n')
    config = str(root / "config.yaml")
    assert run(capsys, "build", "--config", config, "-q")[0] == 0
    said = "".join(
        f"{tmp_path / 'site' / folder / 'feed.xml'}: warning: not announced: it names {url} as its own, but it is "
        f"served at https://example.org/{folder}/feed.xml, and the hub would fetch {url}; write "
        f"https://example.org/{folder}/feed.xml as its self link (rel=\"self\")\n"
        for folder, url in (("old", "https://example.org/feed.xml"), ("podcast", "https://example.org/podcast.xml")))
    code, out, err = run(capsys, "ping", "--config", config)
    topics = hub.topics()
    assert (code, err) == (0, said) and len(topics) == len(set(topics)) and "https://example.org/feed.xml" in topics
    assert all("podcast" not in t and "/old/" not in t for t in topics)
    code, out, err = run(capsys, "ping", "--config", config)
    assert (code, err, hub.topics()) == (0, said, [])  # nothing announced again
    assert out.endswith(f"announced 0 feeds to {hub.url}; {len(topics)} unchanged, 0 failed\n")


def ping_with_podcast(tmp_path: Path, hub: Hub, capsys: pytest.CaptureFixture[str], base_url: str, self_url: str,
                      *given: str) -> tuple[int, str, str, list[str]]:
    """`digest ping` (with ``given``, as the build) of a site of ``base_url`` with a hand-written
    static/podcast/feed.xml naming ``self_url``: its exit status, stdout, stderr and the topics the hub was told."""
    root = make_project(tmp_path, {"a.md": article()},
                        config=f"title: T\nbase_url: {base_url}\nfeeds:\n  websub_hub: {hub.url}\n")
    (root / "static/podcast").mkdir(parents=True)
    (root / "static/podcast/feed.xml").write_text(RSS.format(
        prefix="atom", link=f'<atom:link rel="self" href="{self_url}"/>'))
    config = str(root / "config.yaml")
    assert run(capsys, "build", "--config", config, "-q", *given)[0] == 0
    code, out, err = run(capsys, "ping", "--config", config, *given)
    return code, out, err, hub.topics()


def test_a_feed_naming_the_sites_non_ascii_host_in_letters_is_the_sites(
        tmp_path: Path, hub: Hub, capsys: pytest.CaptureFixture[str]) -> None:
    """With base_url https://bücher.example/, the build writes the host in punycode (xn--bcher-kva.example); a
    hand-written static/podcast/feed.xml naming https://BÜCHER.example/podcast/feed.xml, the URL it is served at,
    was warned of as 'another site's feed' and never announced. The host is compared as a browser compares it."""
    code, out, err, topics = ping_with_podcast(tmp_path, hub, capsys, "https://bücher.example/",
                                               "https://BÜCHER.example/podcast/feed.xml")
    assert (code, err) == (0, "")
    assert "https://xn--bcher-kva.example/podcast/feed.xml" in topics and "https://xn--bcher-kva.example/feed.xml" in topics


def test_ping_tells_the_hub_a_non_ascii_self_url_in_ascii(tmp_path: Path, hub: Hub,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """hub.url is a URL on the wire: a hand-written feed naming https://bérita.example/ñews/podcast/feed.xml was
    announced in those letters (the host not in punycode, the path not percent-encoded), a topic no subscriber of
    the site's ASCII feed URLs has. The site's own feeds, built with --base-url in letters, are ASCII too."""
    code, out, err, topics = ping_with_podcast(tmp_path, hub, capsys, "https://example.org/",
                                               "https://bérita.example/ñews/podcast/feed.xml",
                                               "--base-url", "https://bérita.example/ñews/")
    assert (code, err) == (0, "") and all(t.isascii() for t in topics) and len(topics) == len(set(topics)) > 2
    assert {"https://xn--brita-bsa.example/%C3%B1ews/podcast/feed.xml",
            "https://xn--brita-bsa.example/%C3%B1ews/feed.xml"} <= set(topics)
    assert "announced https://xn--brita-bsa.example/%C3%B1ews/podcast/feed.xml\n" in out


def dry_run_with_feeds(capsys: pytest.CaptureFixture[str], root: Path,
                       *feeds: tuple[str, str]) -> tuple[int, str, str]:
    """`digest ping --dry-run` on ``root`` built with a hand-written ``static/<folder>/feed.xml`` naming each URL."""
    for folder, url in feeds:
        (root / "static" / folder).mkdir(parents=True)
        (root / "static" / folder / "feed.xml").write_text(RSS.format(
            prefix="atom", link=f'<atom:link rel="self" href="{url}"/>'))
    assert run(capsys, "build", "--config", str(root / "config.yaml"), "-q")[0] == 0
    return run(capsys, "ping", "--config", str(root / "config.yaml"), "--dry-run")


def test_a_feed_naming_the_sites_host_outside_a_sub_path_is_told_to_fix_its_self_link_in_path_order(
        tmp_path: Path, hub: Hub, capsys: pytest.CaptureFixture[str]) -> None:
    """With base_url https://example.org/digest/, static/other/feed.xml naming https://example.org/other/feed.xml
    (its address without the base path) was called 'another site's feed, copied into this one' with the advice to
    delete it; it is the site's host, so it is told the address to write. The warnings came as every foreign feed
    and then every misplaced one; they come in the order of the files' paths, as every list of files does."""
    root = make_project(tmp_path, {"a.md": article()},
                        config=f"title: T\nbase_url: https://example.org/digest/\nfeeds:\n  websub_hub: {hub.url}\n")
    code, out, err = dry_run_with_feeds(capsys, root, ("podcast", "https://example.org/digest/podcast.xml"),
                                        ("other", "https://example.org/other/feed.xml"),
                                        ("z-copy", "https://anchor.fm/s/abc/rss"))
    site = tmp_path / "site"
    assert (code, err.splitlines()) == (0, [
        f"{site / 'other/feed.xml'}: warning: not announced: it names https://example.org/other/feed.xml as its own, "
        "a URL of this host outside https://example.org/digest/, but it is served at "
        "https://example.org/digest/other/feed.xml, and the hub would fetch https://example.org/other/feed.xml; write "
        'https://example.org/digest/other/feed.xml as its self link (rel="self")',
        f"{site / 'podcast/feed.xml'}: warning: not announced: it names https://example.org/digest/podcast.xml as its "
        "own, but it is served at https://example.org/digest/podcast/feed.xml, and the hub would fetch "
        "https://example.org/digest/podcast.xml; write https://example.org/digest/podcast/feed.xml as its self link "
        '(rel="self")',
        f"{site / 'z-copy/feed.xml'}: warning: not announced: it names https://anchor.fm/s/abc/rss as its own, not a "
        "URL of https://example.org/digest/, so it is another site's feed, copied into this one; link to that feed "
        "instead (readers of a copy get no new items), or delete the copy from the static files"])
    assert "would announce https://example.org/digest/feed.xml\n" in out and "other" not in out


def test_a_self_link_with_the_hosts_trailing_dot_is_told_to_drop_it_not_announced(
        tmp_path: Path, hub: Hub, capsys: pytest.CaptureFixture[str]) -> None:
    """An attacker's report: with base_url https://example.org/digest/, a hand-written static/pod3/feed.xml naming
    https://example.org./digest/pod3/feed.xml was announced at that URL without a word, while digest check --links
    warned of the dot: the host was compared without it. It is the misplaced warning now, with the link check's
    reason and the URL to write; a site whose base_url has the dot announces its feeds as before."""
    config = f"title: T\nbase_url: https://example.org/digest/\nfeeds:\n  websub_hub: {hub.url}\n"
    root = make_project(tmp_path, {"a.md": article()}, config=config)
    code, out, err = dry_run_with_feeds(capsys, root, ("pod3", "https://example.org./digest/pod3/feed.xml"))
    assert (code, err) == (0, f"{tmp_path / 'site/pod3/feed.xml'}: warning: not announced: it names "
                              "https://example.org./digest/pod3/feed.xml as its own, with the host's trailing dot "
                              "(browsers open the same host, but as another site for logins and caches, and a web "
                              "server may not answer to that name), but it is served at "
                              "https://example.org/digest/pod3/feed.xml, and the hub would fetch "
                              "https://example.org./digest/pod3/feed.xml; write "
                              'https://example.org/digest/pod3/feed.xml as its self link (rel="self")\n')
    assert "pod3" not in out and "would announce https://example.org/digest/feed.xml\n" in out
    (root / "config.yaml").write_text(config.replace("example.org/", "example.org./"))
    code, out, err = dry_run_with_feeds(capsys, root)
    assert (code, err) == (0, "") and "would announce https://example.org./digest/pod3/feed.xml\n" in out


def test_a_self_link_with_http_on_an_https_site_is_the_sites_told_to_write_https(
        tmp_path: Path, hub: Hub, capsys: pytest.CaptureFixture[str]) -> None:
    """A fixer's note: a hand-written feed naming http://example.org/... on a site at https://example.org/digest/ was
    called 'another site's feed, copied into this one', with the advice to delete it. It is the site's own host: it
    is told the https URL to write, and still not announced (the hub would fetch the http URL, which answers, if at
    all, with a redirect, and readers subscribed to the URL the feed names). Another port is another site still."""
    root = make_project(tmp_path, {"a.md": article()},
                        config=f"title: T\nbase_url: https://example.org/digest/\nfeeds:\n  websub_hub: {hub.url}\n")
    code, out, err = dry_run_with_feeds(capsys, root, ("pod4", "HTTP://example.org/digest/pod4/feed.xml"),
                                        ("pod5", "http://example.org/pod5/feed.xml"),
                                        ("pod6", "http://example.org:8080/digest/pod6/feed.xml"))
    site = tmp_path / "site"
    assert (code, err.splitlines()) == (0, [
        f"{site / 'pod4/feed.xml'}: warning: not announced: it names HTTP://example.org/digest/pod4/feed.xml as its "
        "own, an http:// URL of this https:// site, but it is served at https://example.org/digest/pod4/feed.xml, and "
        "the hub would fetch HTTP://example.org/digest/pod4/feed.xml; write https://example.org/digest/pod4/feed.xml "
        'as its self link (rel="self")',
        f"{site / 'pod5/feed.xml'}: warning: not announced: it names http://example.org/pod5/feed.xml as its own, a "
        "URL of this host outside https://example.org/digest/, an http:// URL of this https:// site, but it is served "
        "at https://example.org/digest/pod5/feed.xml, and the hub would fetch http://example.org/pod5/feed.xml; write "
        'https://example.org/digest/pod5/feed.xml as its self link (rel="self")',
        f"{site / 'pod6/feed.xml'}: warning: not announced: it names http://example.org:8080/digest/pod6/feed.xml as "
        "its own, not a URL of https://example.org/digest/, so it is another site's feed, copied into this one; link "
        "to that feed instead (readers of a copy get no new items), or delete the copy from the static files"])
    assert "pod" not in out and "would announce https://example.org/digest/feed.xml\n" in out


def dry_run_with(tmp_path: Path, hub: Hub, capsys: pytest.CaptureFixture[str], rel: str,
                 text: str) -> tuple[int, str, str]:
    """`digest ping --dry-run` on the project built with ``text`` as ``static/<rel>``."""
    root = project(tmp_path, hub.url)
    (root / "static" / rel).parent.mkdir(parents=True)
    (root / "static" / rel).write_text(text)
    config = str(root / "config.yaml")
    assert run(capsys, "build", "--config", config, "-q")[0] == 0
    return run(capsys, "ping", "--config", config, "--dry-run")


def test_a_json_feed_naming_another_address_of_the_site_is_told_to_fix_its_feed_url(
        tmp_path: Path, hub: Hub, capsys: pytest.CaptureFixture[str]) -> None:
    """A JSON Feed has no self link: the warning names the field it has, feed_url."""
    code, out, err = dry_run_with(tmp_path, hub, capsys, "podcast/feed.json",
                                  '{"version": "https://jsonfeed.org/version/1.1", "title": "P", '
                                  '"feed_url": "https://example.org/podcast.json", "items": []}\n')
    assert (code, err) == (0, f"{tmp_path / 'site/podcast/feed.json'}: warning: not announced: it names "
                              "https://example.org/podcast.json as its own, but it is served at "
                              "https://example.org/podcast/feed.json, and the hub would fetch "
                              "https://example.org/podcast.json; write https://example.org/podcast/feed.json as its "
                              "feed_url\n")
    assert "podcast" not in out


ZOLA_ATOM = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
    <title>Old blog</title>
    <link rel="self" type="application/atom+xml" href="{url}"/>
    <link rel="alternate" type="text/html" href="https://anchor.fm/"/>
    <updated>2024-01-01T00:00:00+00:00</updated>
    <id>{url}</id>
</feed>
"""
RSS = ('<?xml version="1.0"?>\n<rss version="2.0" xmlns:{prefix}="http://www.w3.org/2005/Atom"><channel>{link}'
       '<title>P</title></channel></rss>\n')


@pytest.mark.parametrize("text", [
    ZOLA_ATOM,
    RSS.format(prefix="atom", link="<atom:link rel='self' href='{url}' type='application/rss+xml'/>"),
    RSS.format(prefix="atom10", link='<atom10:link\n  rel="self"\n  href="{url}" />'),
    RSS.format(prefix="atom", link='<!-- <atom:link href="https://example.org/podcast/feed.xml" rel="self"/> -->'
                                   '<atom:link type="application/rss+xml" rel="hub self" href = "{url}"/>'),
])
def test_a_copied_feed_is_not_announced_whatever_the_order_and_quotes_of_its_self_link(
        tmp_path: Path, hub: Hub, capsys: pytest.CaptureFixture[str], text: str) -> None:
    """The self link was read with a pattern for one form only (href="…" before rel="self", in double quotes), so
    Zola's <link rel="self" type="application/atom+xml" href="…"/>, single quotes, another prefix or a link left in a
    comment read as no self link: another site's feed copied into static/ was announced as the site's own. The self
    link is read as XML, in any order and quoting, from the feed's head (not a comment, nor an entry's)."""
    url = "https://anchor.fm/s/abc123/podcast/rss?a=1&amp;b=2"
    code, out, err = dry_run_with(tmp_path, hub, capsys, "podcast/feed.xml", text.format(url=url))
    assert (code, err) == (0, f"{tmp_path / 'site/podcast/feed.xml'}: warning: not announced: it names "
                              "https://anchor.fm/s/abc123/podcast/rss?a=1&b=2 as its own, not a URL of "
                              "https://example.org/, so it is another site's feed, copied into this one; link to that "
                              "feed instead (readers of a copy get no new items), or delete the copy from the static "
                              "files\n")
    assert "podcast" not in out and "would announce https://example.org/feed.xml\n" in out


def test_a_bare_ampersand_in_a_hand_written_self_link_is_read_as_written(
        tmp_path: Path, hub: Hub, capsys: pytest.CaptureFixture[str]) -> None:
    """A hand-written feed with '?a=1&b=2' in its self link (XML wants '&amp;') was read as '?a=1=2': the warning
    named an address the file does not have. The '&' is read as the '&' it means, in the head only."""
    code, out, err = dry_run_with(tmp_path, hub, capsys, "podcast/feed.xml", RSS.format(
        prefix="atom", link='<atom:link rel="self" href="https://anchor.fm/s/abc123/podcast/rss?a=1&b=2"/>'
                            '<item><title>A & B</title></item>'))
    assert (code, err) == (0, f"{tmp_path / 'site/podcast/feed.xml'}: warning: not announced: it names "
                              "https://anchor.fm/s/abc123/podcast/rss?a=1&b=2 as its own, not a URL of "
                              "https://example.org/, so it is another site's feed, copied into this one; link to that "
                              "feed instead (readers of a copy get no new items), or delete the copy from the static "
                              "files\n")


def test_an_entrys_self_link_is_not_the_feeds(tmp_path: Path, hub: Hub, capsys: pytest.CaptureFixture[str]) -> None:
    """A feed without a self link of its own is the one served where it is; an entry's self link names the entry."""
    code, out, err = dry_run_with(
        tmp_path, hub, capsys, "podcast/feed.xml",
        '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"><title>P</title><entry><title>E</title>'
        '<link rel="self" href="https://anchor.fm/e/1"/></entry></feed>\n')
    assert (code, err) == (0, "") and "would announce https://example.org/podcast/feed.xml\n" in out
