"""`digest serve` as a browser and an editor meet it: pages, live reload, the error page, a clean stop.

Each test starts a real server on a free loopback port. Waiting for a rebuild means reading the
live-reload event stream, as an open browser tab does; every read has a timeout.
"""
from __future__ import annotations

import http.client
import os
import selectors
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

import pytest

from conftest import CONFIG, article, make_project, write_files
from generator.cli import main
from generator.serve import EVENTS, PreviewServer, Rebuilt, ServeOptions

NOW = datetime(2025, 7, 1, tzinfo=timezone.utc)
TIMEOUT = 5.0
DIGEST_CONFIG = "title: Test Digest\nbase_url: https://example.org/digest/\n"


@contextmanager
def serving(root: Path, **options: bool) -> Iterator[tuple[PreviewServer, list[Rebuilt]]]:
    outcomes: list[Rebuilt] = []
    server = PreviewServer(ServeOptions(root / "config.yaml", port=0, **options), lambda: NOW, outcomes.append)
    server.start()
    try:
        yield server, outcomes
    finally:
        server.stop()


def get(port: int, path: str) -> tuple[int, str, dict[str, str]]:
    """One request, redirects not followed: status, body, headers."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        return response.status, response.read().decode(), {k.lower(): v for k, v in response.getheaders()}
    finally:
        conn.close()


class Events:
    """The live-reload stream, read the way the injected script reads it."""

    def __init__(self, port: int) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
        self.conn.request("GET", EVENTS)
        self.response = self.conn.getresponse()
        assert self.response.getheader("Content-Type") == "text/event-stream"

    def next_version(self) -> int:
        event = ""
        while True:
            line = self.response.readline().decode()
            if not line:
                raise EOFError("the event stream ended")
            if line.startswith("event: "):
                event = line.removeprefix("event: ").strip()
            elif line.startswith("data: ") and event == "version":
                return int(line.removeprefix("data: "))

    def wait_until(self, check: Callable[[], bool]) -> None:
        """Read new versions until ``check`` passes: one save can cause more than one rebuild."""
        deadline = time.monotonic() + 2 * TIMEOUT
        while time.monotonic() < deadline:
            self.next_version()
            if check():
                return
        raise AssertionError("no rebuild showed the change")


def test_edit_break_and_fix_an_article_while_serving(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/a.md": article(title="Judul lama")}, config=DIGEST_CONFIG)
    page = "/digest/2025/06/a/"
    with serving(tmp_path) as (server, outcomes):
        port = server.port
        assert server.url == f"http://127.0.0.1:{port}/digest/"
        status, body, headers = get(port, page)
        assert status == 200 and headers["content-type"] == "text/html; charset=utf-8"
        assert "<h1>Judul lama</h1>" in body
        assert f'<link rel="canonical" href="http://127.0.0.1:{port}/digest/2025/06/a/">' in body
        assert 'new EventSource("/__digest__/events")' in body
        assert "EventSource" not in (tmp_path / "site/2025/06/a/index.html").read_text(), "never in the files on disk"

        events = Events(port)
        assert events.next_version() == 1
        source = tmp_path / "content/2025/06/a.md"
        source.write_text(article(title="Judul baru"))
        events.wait_until(lambda: "<h1>Judul baru</h1>" in get(port, page)[1])

        source.write_text(article(title="Judul baru", date="2025-13-45"))
        events.wait_until(lambda: get(port, page)[0] == 500)
        status, body, _ = get(port, page)
        assert "<h1>The site did not build</h1>" in body
        assert "content/2025/06/a.md:3: field &#x27;date&#x27;: &#x27;2025-13-45&#x27; is not a valid date" in body
        assert 'new EventSource("/__digest__/events")' in body, "the error page reloads by itself too"
        assert get(port, "/digest/style.css")[0] == 200, "files other than pages are still served"
        assert "Judul baru" in (tmp_path / "site/2025/06/a/index.html").read_text(), "the last good site stays"

        source.write_text(article(title="Judul diperbaiki"))
        events.wait_until(lambda: get(port, page)[0] == 200)
        assert "<h1>Judul diperbaiki</h1>" in get(port, page)[1]
        assert outcomes[0].ok and outcomes[-1].ok and any(not o.ok for o in outcomes)
        assert [p.path for o in outcomes if not o.ok for p in o.problems] == ["content/2025/06/a.md"]
    events.response.read()  # returns (rather than timing out) only because stopping closed the stream
    with pytest.raises(ConnectionRefusedError):
        socket.create_connection(("127.0.0.1", port), timeout=TIMEOUT)


def test_config_and_template_changes_rebuild_and_a_broken_template_is_shown(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/a.md": article(title="Satu")})
    (tmp_path / "templates").mkdir()
    with serving(tmp_path) as (server, _):
        port = server.port
        events = Events(port)
        events.next_version()
        (tmp_path / "config.yaml").write_text(CONFIG.replace("Test Digest", "Kabar Baru"))
        events.wait_until(lambda: "<title>Kabar Baru</title>" in get(port, "/")[1])

        template = '{% extends "theme/article.html" %}\n{% block main %}\n<p class="x">{{ article.title }}</p>\n{% endblock %}\n'
        write_files(tmp_path, {"templates/article.html": template})
        events.wait_until(lambda: '<p class="x">Satu</p>' in get(port, "/2025/06/a/")[1])

        write_files(tmp_path, {"templates/article.html": template.replace("article.title", "artikel.title")})
        events.wait_until(lambda: get(port, "/2025/06/a/")[0] == 500)
        assert ("templates/article.html:3: template error: &#x27;artikel&#x27; is undefined"
                in get(port, "/2025/06/a/")[1])


def test_paths_outside_the_base_path_folders_and_missing_pages(tmp_path: Path) -> None:
    make_project(tmp_path, {"2025/06/a.md": article()}, config=DIGEST_CONFIG)
    with serving(tmp_path) as (server, _):
        port = server.port
        for path, status, location in (("/", 302, "/digest/"), ("/digest", 302, "/digest/"),
                                       ("/digest/2025/06/a", 301, "/digest/2025/06/a/")):
            answer = get(port, path)
            assert (answer[0], answer[2]["location"]) == (status, location)
        status, body, _ = get(port, "/digest/tidak-ada/")
        assert status == 404 and "<h1>Halaman tidak ditemukan</h1>" in body and "EventSource" in body
        assert get(port, "/other/")[:2] == (404, "not found: the site is served under /digest/\n")
        assert get(port, "/digest/../config.yaml")[0] == 404
        assert get(port, "/digest/feed.xml")[2]["content-type"] == "application/xml; charset=utf-8"


@pytest.mark.parametrize("options, shown", [({}, []), ({"drafts": True}, ["d"]), ({"future": True}, ["f"]),
                                            ({"drafts": True, "future": True}, ["d", "f"])])
def test_drafts_and_future_articles_only_with_their_flags(tmp_path: Path, options: dict[str, bool], shown: list[str]) -> None:
    make_project(tmp_path, {"2025/06/a.md": article(), "2025/06/d.md": article(title="D", draft="true"),
                            "2025/06/f.md": article(title="F", date="2031-01-01")})
    with serving(tmp_path, **options) as (server, _):
        found = [name for name, path in (("d", "/2025/06/d/"), ("f", "/2031/01/f/")) if get(server.port, path)[0] == 200]
    assert found == shown


def test_a_busy_port_is_refused_with_a_hint(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_project(tmp_path, {"a.md": article()})
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code = main(["serve", "--config", str(tmp_path / "config.yaml"), "--port", str(port)])
    assert code == 2
    assert capsys.readouterr().err == (f"error: cannot listen on 127.0.0.1 port {port}: Address already in use; "
                                       "pass another --port\n")


def test_the_command_stops_cleanly_on_ctrl_c(tmp_path: Path) -> None:
    make_project(tmp_path, {"a.md": article()})
    proc = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--port", "0"], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        lines = read_lines(proc, until="serving ")
        assert lines[0].startswith("built 1 article in ")
        url = lines[-1].removeprefix("serving ").removesuffix(" (Ctrl-C to stop)")
        port = int(url.split(":")[2].split("/")[0])
        assert url == f"http://127.0.0.1:{port}/"
        assert get(port, "/2025/06/a/")[0] == 200
        proc.send_signal(signal.SIGINT)
        out, err = proc.communicate(timeout=2 * TIMEOUT)
    finally:
        proc.kill()
        proc.wait()
    assert (proc.returncode, out, err) == (0, "stopped\n", "")


def read_lines(proc: subprocess.Popen[str], until: str) -> list[str]:
    """Lines of the process's stdout up to one starting with ``until``, within TIMEOUT."""
    assert proc.stdout is not None
    lines: list[str] = []
    deadline = time.monotonic() + TIMEOUT
    with selectors.DefaultSelector() as selector:
        selector.register(proc.stdout, selectors.EVENT_READ)
        while not (lines and lines[-1].startswith(until)):
            if not selector.select(timeout=max(0.0, deadline - time.monotonic())):
                raise AssertionError(f"no line starting with {until!r} within {TIMEOUT} s; got {lines}")
            line = proc.stdout.readline()
            if not line:
                raise AssertionError(f"the process ended; got {lines}, stderr {proc.stderr.read() if proc.stderr else ''}")
            lines.append(line.rstrip("\n"))
    return lines
